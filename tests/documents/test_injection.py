"""Server-side template injection (issue 5): a user's Word template cannot escape the sandbox.

Each payload is placed in a minimal .docx built here with python-docx and rendered through the CLI
(`cap135 render plan --template evil.docx -o out.docx`) and through `render_docx`. Every one must be
refused: exit 2, a message naming the template, no output file, no temporary file, and no side
effect (the payloads that would run a command try to create a marker file).
"""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path

import docx
import pytest
from conftest import QUANG_TRI
from typer.testing import CliRunner

from cap135.budget.analysis import analyze
from cap135.cli.app import app
from cap135.documents.docx_render import render_docx
from cap135.documents.kehoach_context import build_context
from cap135.documents.template_errors import TemplateError

MARKER = "cap135-pwned"


def payloads(marker: Path) -> list[tuple[str, str]]:
    cmd = f"touch {marker}"
    return [
        ("mro-subclasses", "{{ ''.__class__.__mro__[1].__subclasses__() }}"),
        ("cycler-globals-popen", "{{ cycler.__init__.__globals__.os.popen('id').read() }}"),
        ("cycler-system", f"{{{{ cycler.__init__.__globals__.os.system('{cmd}') }}}}"),
        ("joiner-globals", f"{{{{ joiner.__init__.__globals__.os.system('{cmd}') }}}}"),
        ("namespace-globals", f"{{{{ namespace.__init__.__globals__.os.system('{cmd}') }}}}"),
        ("self-context", "{{ self._TemplateReference__context }}"),
        ("self-init-globals", "{{ self.__init__.__globals__.__builtins__ }}"),
        (
            "request",
            f"{{{{ request.application.__globals__.__builtins__.__import__('os').system('{cmd}') }}}}",
        ),
        ("config", "{{ config.items() }}"),
        ("attr-filter", "{{ ''|attr('__class__')|attr('__mro__') }}"),
        ("attr-filter-escaped", "{{ ''|attr('\\x5f\\x5fclass\\x5f\\x5f') }}"),
        ("attr-filter-join", "{{ ''|attr(['_','_class_','_']|join) }}"),
        ("for-subclasses", "{% for c in [].__class__.__base__.__subclasses__() %}{{ c }}{% endfor %}"),
        (
            "for-subclasses-system",
            "{% for c in ().__class__.__base__.__subclasses__() %}"
            "{% if c.__name__ == 'catch_warnings' %}"
            f"{{{{ c()._module.__builtins__['__import__']('os').system('{cmd}') }}}}"
            "{% endif %}{% endfor %}",
        ),
        ("lipsum-globals", f"{{{{ lipsum.__globals__['os'].system('{cmd}') }}}}"),
        ("lipsum-globals-attr", "{{ lipsum|attr('__globals__') }}"),
        ("tuple-bases", "{{ ().__class__.__bases__[0] }}"),
        ("dict-base", "{{ dict.__base__.__subclasses__() }}"),
        ("range-self", "{{ range.__self__ }}"),
        ("format-string", "{{ '{0.__class__}'.format(header) }}"),
        ("format-map", "{{ '{0.__class__.__mro__}'.format_map(header) }}"),
        ("format-string-globals", "{{ '{0.__init__.__globals__}'.format(cycler) }}"),
        ("map-attr", "{{ ['a']|map('attr', '__class__')|list }}"),
        ("map-attr-first", "{{ ''|map('attr', '__class__')|first }}"),
        ("map-attr-join", "{{ [header]|map(attribute='__class__')|join }}"),
        ("getattribute", "{{ ''.__getattribute__('__class__') }}"),
        ("loop-class", "{% for x in [1] %}{{ loop.__class__ }}{% endfor %}"),
        ("include-file", "{% include '/etc/passwd' %}"),
        ("import-module", "{% import 'os' as os %}{{ os.system('id') }}"),
        ("extends-file", "{% extends '/etc/hostname' %}"),
        ("set-globals", "{% set g = cycler.__init__.__globals__ %}{{ g }}"),
        ("macro-caller", "{% macro m() %}{{ caller.__globals__ }}{% endmacro %}{% call m() %}x{% endcall %}"),
        ("dos-repeat", "{{ 'a' * 10**10 }}"),
        ("dos-list-repeat", "{{ [0] * 10**9 }}"),
        ("dos-power", "{{ 9 ** 999999999 }}"),
        ("dos-range", "{{ range(10**9)|list|length }}"),
        ("dos-recursion", "{% macro r() %}{{ r() }}{% endmacro %}{{ r() }}"),
        ("division-by-zero", "{{ 1 / 0 }}"),
    ]


PAYLOAD_IDS = [name for name, _ in payloads(Path("x"))]


def minimal_template(path: Path, payload: str, *, where: str = "body") -> Path:
    """A Word document whose only tag is `payload` (in the body, split over runs, a table or the footer)."""
    document = docx.Document()
    document.add_paragraph("KẾ HOẠCH")
    if where == "body":
        document.add_paragraph(payload)
    elif where == "runs":  # Word splits text into runs at will; docxtpl joins them back
        paragraph = document.add_paragraph()
        for i in range(0, len(payload), 7):
            paragraph.add_run(payload[i : i + 7]).bold = i % 14 == 0
    elif where == "table":
        document.add_table(rows=1, cols=1).cell(0, 0).text = payload
    elif where == "footer":
        document.sections[0].footer.paragraphs[0].text = payload
    document.add_paragraph("Nơi nhận")
    document.save(str(path))
    return path


@pytest.fixture(scope="module")
def context() -> dict:
    analysis = analyze(QUANG_TRI)
    assert analysis.plan is not None and analysis.budget is not None
    return build_context(analysis.plan, analysis.budget)


def render_cli(template: Path, out: Path):
    args = ["--lang", "en", "render", str(QUANG_TRI), "--template", str(template), "-o", str(out)]
    return CliRunner().invoke(app, args, catch_exceptions=False)


def assert_nothing_happened(tmp_path: Path, marker: Path, template: Path) -> None:
    assert not marker.exists(), "the payload ran a command"
    assert sorted(p.name for p in tmp_path.iterdir()) == [template.name], "something was written"


@pytest.mark.parametrize("index", range(len(PAYLOAD_IDS)), ids=PAYLOAD_IDS)
def test_payload_is_refused_by_the_cli(tmp_path, index):
    marker = tmp_path.parent / f"{MARKER}-{tmp_path.name}"
    _, payload = payloads(marker)[index]
    template = minimal_template(tmp_path / "evil.docx", payload)
    out = tmp_path / "out.docx"
    result = render_cli(template, out)
    assert result.exit_code == 2, result.output
    assert "error[template-" in result.output and str(template) in result.output
    assert "Traceback" not in result.output
    assert_nothing_happened(tmp_path, marker, template)


@pytest.mark.parametrize("index", range(len(PAYLOAD_IDS)), ids=PAYLOAD_IDS)
def test_payload_is_refused_by_render_docx(tmp_path, context, index):
    marker = tmp_path.parent / f"{MARKER}-lib-{tmp_path.name}"
    _, payload = payloads(marker)[index]
    template = minimal_template(tmp_path / "evil.docx", payload)
    with pytest.raises(TemplateError) as info:
        render_docx(copy.deepcopy(context), template, tmp_path / "out.docx")
    assert info.value.template == str(template) and str(template) in str(info.value)
    assert_nothing_happened(tmp_path, marker, template)


@pytest.mark.parametrize("where", ["runs", "table", "footer"])
@pytest.mark.parametrize(
    "payload",
    [
        "{{ cycler.__init__.__globals__.os.system('touch MARKER') }}",
        "{{ ['a']|map('attr', '__class__')|list }}",
        "{{ '{0.__class__}'.format(header) }}",
    ],
    ids=["cycler", "map-attr", "format"],
)
def test_payload_anywhere_in_the_document_is_refused(tmp_path, where, payload):
    marker = tmp_path.parent / f"{MARKER}-{where}-{tmp_path.name}"
    template = minimal_template(tmp_path / "evil.docx", payload.replace("MARKER", str(marker)), where=where)
    result = render_cli(template, tmp_path / "out.docx")
    assert result.exit_code == 2, result.output
    assert str(template) in result.output
    assert_nothing_happened(tmp_path, marker, template)


def test_refused_render_keeps_the_previous_output(tmp_path):
    out = tmp_path / "out.docx"
    out.write_bytes(b"previous output")
    template = minimal_template(tmp_path / "evil.docx", "{{ ().__class__.__bases__[0] }}")
    assert render_cli(template, out).exit_code == 2
    assert out.read_bytes() == b"previous output"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["evil.docx", "out.docx"]


def test_a_harmless_template_still_renders(tmp_path):
    """The refusals are the sandbox's doing, not a template that never renders."""
    template = minimal_template(
        tmp_path / "ok.docx",
        "{{ header.agency_name }} — {% for x in range(3) %}{{ x * 2 }}{% endfor %} — {{ 2 ** 10 }}"
        " — {{ 'ab' * 3 }} — {{ '{0}-{1}'.format('a', 'b') }} — {{ ['a', 'b']|map('upper')|join }}",
    )
    out = tmp_path / "out.docx"
    result = render_cli(template, out)
    assert result.exit_code == 0, result.output
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "BAN DÂN TỘC — 024 — 1024 — ababab — a-b — AB" in text


def test_payloads_in_the_plan_are_printed_as_text(tmp_path):
    """Plan values are data: a Jinja payload in a title is printed, never evaluated."""
    marker = tmp_path / MARKER
    evil = (
        f"{{{{ cycler.__init__.__globals__.os.system('touch {marker}') }}}} {{% for c in [] %}}{{% endfor %}}"
    )
    text = QUANG_TRI.read_text(encoding="utf-8")
    old = 'title: "Thực hiện Tiểu dự án 3'
    assert old in text
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        text.replace(old, f"title: {json.dumps(evil)[:-1]} Thực hiện Tiểu dự án 3"), encoding="utf-8"
    )
    out = tmp_path / "out.docx"
    result = CliRunner().invoke(app, ["render", str(plan), "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    body = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "cycler.__init__.__globals__" in body
    assert not marker.exists()


def test_template_cannot_be_the_output(tmp_path):
    """Regression: `--template t.docx -o t.docx` overwrote the user's own template."""
    template = minimal_template(tmp_path / "mine.docx", "{{ header.agency_name }}")
    before = template.read_bytes()
    result = render_cli(template, template)
    assert result.exit_code == 2 and "input file" in result.output
    assert template.read_bytes() == before


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"PK\x05\x06" + b"\x00" * 18, "not a"),  # an empty zip
        (b"PK\x03\x04 broken", "not a"),
        (b"\x00" * 100, "not a Word"),
    ],
    ids=["empty-zip", "broken-zip", "zeros"],
)
def test_damaged_templates_are_template_errors(tmp_path, content, words):
    template = tmp_path / "bad.docx"
    template.write_bytes(content)
    result = render_cli(template, tmp_path / "out.docx")
    assert result.exit_code == 2, result.output
    assert words in result.output and str(template) in result.output


def test_template_from_a_device_is_bounded(tmp_path):
    """Regression: `--template /dev/zero` was read until memory ran out."""
    result = render_cli(Path("/dev/zero"), tmp_path / "out.docx")
    assert result.exit_code == 2 and "/dev/zero" in result.output


def test_zip_bomb_template_is_refused(tmp_path, monkeypatch):
    import cap135.documents.docx_package as package_module

    monkeypatch.setattr(package_module, "MAX_TEMPLATE_UNPACKED", 10_000)
    template = minimal_template(tmp_path / "big.docx", "x" * 20_000)
    result = render_cli(template, tmp_path / "out.docx")
    assert result.exit_code == 2 and "unpacks to" in result.output
    assert os.listdir(tmp_path) == ["big.docx"]
