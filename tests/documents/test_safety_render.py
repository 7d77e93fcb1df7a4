"""Issue 12 (templates and outputs of `render`) and issue 11.1 (stock docxtpl, public API only)."""

from __future__ import annotations

import io
import json
import os
import re
import stat
import subprocess
import sys
import time
import zipfile
from importlib.metadata import version
from pathlib import Path

import pytest
from conftest import QUANG_TRI
from docx import Document
from docxtpl import DocxTemplate

import cap135.documents.docx_render as docx_module
import cap135.documents.pdf as pdf_module
from cap135.cli.app import app
from cap135.documents.atomic_files import OutputError
from cap135.documents.docx_render import DEFAULT_TEMPLATE_NAME, render_docx, render_docx_bytes
from cap135.documents.jinja_sandbox import MAX_NODE_TEXT
from cap135.documents.pdf import PdfError, docx_to_pdf
from cap135.documents.template_errors import TemplateError

FIXTURE = Path(__file__).parents[1] / "fixtures" / "context_quang_tri.json"
SHIPPED = Path(docx_module.__file__).parent / "templates" / DEFAULT_TEMPLATE_NAME
_BODY = re.compile(rb"<w:body>.*</w:body>", re.DOTALL)
SECT = b'<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>'


@pytest.fixture(scope="module")
def context() -> dict:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def template_with(body: bytes, extra_rel: bytes | None = None) -> bytes:
    """The shipped template with `body` as the inside of its <w:body> (and one more relationship)."""
    source = zipfile.ZipFile(SHIPPED)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zout:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                data = _BODY.sub(lambda _m: b"<w:body>" + body + b"</w:body>", data)
            if info.filename == "word/_rels/document.xml.rels" and extra_rel is not None:
                data = data.replace(b"</Relationships>", extra_rel + b"</Relationships>")
            zout.writestr(info, data)
    return out.getvalue()


def paragraph(text: bytes) -> bytes:
    return b"<w:p><w:r><w:t>" + text + b"</w:t></w:r></w:p>"


# --- 11.1: stock docxtpl ---------------------------------------------------------------------


def test_no_docxtpl_internals_are_overridden():
    """The renderer uses DocxTemplate itself: no subclass, so no internal is replaced."""
    names = vars(docx_module).values()
    subclasses = [c for c in names if isinstance(c, type) and issubclass(c, DocxTemplate)]
    assert subclasses == [DocxTemplate]
    folder = Path(docx_module.__file__).parent
    source = "\n".join(p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.py")))
    for internal in ("render_xml_part", "resolve_listing", "fix_tables", "fix_docpr_ids", "map_tree"):
        assert f"def {internal}" not in source
    assert "._element" not in source and "._part" not in source  # python-docx private attributes


def test_installed_docxtpl_is_in_the_supported_range(context):
    """The pin allows the newest 0.x release; whatever pip installed renders the shipped template."""
    major, minor = (int(x) for x in version("docxtpl").split(".")[:2])
    assert (major, minor) >= (0, 20) and major < 1
    data = render_docx_bytes(context, SHIPPED.read_bytes(), "kehoach.docx")
    assert "KẾ HOẠCH" in [p.text for p in Document(io.BytesIO(data)).paragraphs]


def test_render_is_byte_reproducible(context):
    one = render_docx_bytes(context, SHIPPED.read_bytes(), "t")
    two = render_docx_bytes(context, SHIPPED.read_bytes(), "t")
    assert one == two


# --- templates that render to nothing, to too much, or forever --------------------------------


def test_template_rendering_an_empty_body_is_refused(tmp_path, context):
    template = tmp_path / "empty.docx"
    template.write_bytes(template_with(b"{% if false %}" + paragraph(b"x") + b"{% endif %}"))
    out = tmp_path / "out.docx"
    with pytest.raises(TemplateError, match="empty document"):
        render_docx(context, template, out)
    assert not out.exists()


def test_template_with_only_a_section_still_renders(tmp_path, context):
    """The check does not refuse a body with nothing but its section properties."""
    template = tmp_path / "sect.docx"
    template.write_bytes(template_with(SECT))
    out = tmp_path / "out.docx"
    render_docx(context, template, out)
    Document(str(out))


def test_text_longer_than_libxml2_node_limit_is_refused(tmp_path, context):
    """docxtpl's forgiving parser would cut the text at 10 MB and write a short document."""
    ctx = dict(context, chunk="a" * 1000)
    loops = MAX_NODE_TEXT // 1000 + 10
    body = paragraph(b"{% for i in range(" + str(loops).encode() + b") %}{{ chunk }}{% endfor %}") + SECT
    template = tmp_path / "huge.docx"
    template.write_bytes(template_with(body))
    out = tmp_path / "out.docx"
    with pytest.raises(TemplateError, match="longer than 10,000,000 bytes"):
        render_docx(ctx, template, out)
    assert not out.exists()


def test_text_below_the_limit_is_kept_whole(tmp_path, context):
    ctx = dict(context, chunk="b" * 1000)
    body = paragraph(b"{% for i in range(3000) %}{{ chunk }}{% endfor %}") + SECT
    data = render_docx_bytes(ctx, template_with(body), "t.docx")
    assert Document(io.BytesIO(data)).paragraphs[0].text == "b" * 3_000_000


def test_nested_range_loops_are_refused_quickly(context):
    body = paragraph(b"{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}")
    start = time.monotonic()
    with pytest.raises(TemplateError, match="range"):
        render_docx_bytes(context, template_with(body + SECT), "loops.docx")
    assert time.monotonic() - start < 30


def test_loops_without_range_stop_at_the_time_limit(monkeypatch, context):
    monkeypatch.setattr(docx_module, "RENDER_SECONDS", 1)
    ctx = dict(context, s="x" * 100_000)
    body = paragraph(b"{% for a in s %}{% for b in s %}{% endfor %}{% endfor %}")
    start = time.monotonic()
    with pytest.raises(TemplateError, match="longer than 1 seconds"):
        render_docx_bytes(ctx, template_with(body + SECT), "forever.docx")
    assert time.monotonic() - start < 20


def test_ordinary_loops_still_work(context):
    body = paragraph(b"{% for i in range(3) %}{{ i }}{% endfor %}") + SECT
    data = render_docx_bytes(context, template_with(body), "t.docx")
    assert Document(io.BytesIO(data)).paragraphs[0].text == "012"


# --- external relationships --------------------------------------------------------------------

LINKED_PICTURE = (
    b'<Relationship Id="rIdLeak" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'relationships/image" Target="file:///etc/passwd" TargetMode="External"/>'
)
WEB_LINK = (
    b'<Relationship Id="rIdWeb" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'relationships/hyperlink" Target="https://example.org/" TargetMode="External"/>'
)


def test_external_file_relationship_is_refused(tmp_path, context):
    template = tmp_path / "leak.docx"
    template.write_bytes(template_with(paragraph(b"x") + SECT, LINKED_PICTURE))
    out = tmp_path / "out.docx"
    with pytest.raises(TemplateError, match=r"outside resource.*file:///etc/passwd"):
        render_docx(context, template, out)
    assert not out.exists()


def test_web_hyperlink_is_allowed(context):
    data = render_docx_bytes(context, template_with(paragraph(b"x") + SECT, WEB_LINK), "t.docx")
    assert b"https://example.org/" in zipfile.ZipFile(io.BytesIO(data)).read("word/_rels/document.xml.rels")


# --- output names --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["x.pdf", "x.doc", "x", "x.docx.pdf"])
def test_render_output_must_end_in_docx(tmp_path, context, name):
    out = tmp_path / name
    with pytest.raises(OutputError) as caught:
        render_docx(context, None, out)
    assert caught.value.code == "output-needs-docx"
    assert not out.exists()


@pytest.mark.parametrize(("lang", "words"), [("en", "ending in .docx"), ("vi", "kết thúc bằng .docx")])
def test_cli_render_to_pdf_name_is_refused(runner, tmp_path, lang, words):
    out = tmp_path / "out.pdf"
    result = runner.invoke(app, ["--lang", lang, "render", str(QUANG_TRI), "-o", str(out), "--pdf"])
    assert result.exit_code == 2
    assert words in result.output
    assert not out.exists() and not (tmp_path / "out.docx").exists()


def test_render_onto_the_template_is_refused(tmp_path, context):
    template = tmp_path / "mine.docx"
    template.write_bytes(SHIPPED.read_bytes())
    link = tmp_path / "link.docx"
    link.symlink_to(template)
    for target in (template, link):
        with pytest.raises(OutputError) as caught:
            render_docx(context, template, target)
        assert caught.value.code == "output-is-input"
    assert template.read_bytes() == SHIPPED.read_bytes()


# --- the PDF converter ------------------------------------------------------------------------------


def fake_soffice(tmp_path: Path, body: str) -> Path:
    folder = tmp_path / "bin"
    folder.mkdir()
    script = folder / "soffice"
    script.write_text(f"#!{sys.executable}\n{body}", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return folder


def test_empty_pdf_from_the_converter_keeps_the_previous_pdf(tmp_path, monkeypatch, context):
    body = (
        "import sys, pathlib\n"
        "args = sys.argv\n"
        "outdir = pathlib.Path(args[args.index('--outdir') + 1])\n"
        "(outdir / 'document.pdf').write_bytes(b'')\n"
    )
    monkeypatch.setenv("PATH", str(fake_soffice(tmp_path, body)))
    docx_file = tmp_path / "k.docx"
    render_docx(context, None, docx_file)
    pdf = tmp_path / "k.pdf"
    pdf.write_bytes(b"%PDF-1.7 the previous one")
    with pytest.raises(PdfError, match="did not produce a PDF"):
        docx_to_pdf(docx_file, pdf)
    assert pdf.read_bytes() == b"%PDF-1.7 the previous one"


def test_hung_converter_is_killed_with_its_children(tmp_path, monkeypatch, context):
    pid_file = tmp_path / "child.pid"
    body = (
        "import subprocess, sys, time\n"
        f"child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(600)'])\n"
        f"open({str(pid_file)!r}, 'w').write(str(child.pid))\n"
        "time.sleep(600)\n"
    )
    monkeypatch.setenv("PATH", str(fake_soffice(tmp_path, body)))
    monkeypatch.setattr(pdf_module, "SOFFICE_TIMEOUT", 2)
    docx_file = tmp_path / "k.docx"
    render_docx(context, None, docx_file)
    start = time.monotonic()
    with pytest.raises(PdfError, match="within 2 seconds"):
        docx_to_pdf(docx_file, tmp_path / "k.pdf")
    assert time.monotonic() - start < 15
    child = int(pid_file.read_text())
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and _alive(child):
        time.sleep(0.1)
    assert not _alive(child)
    assert not (tmp_path / "k.pdf").exists()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie not yet reaped by init is dead too
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_default_timeout_is_a_minute():
    assert pdf_module.SOFFICE_TIMEOUT == 60


@pytest.mark.skipif(
    subprocess.run(["which", "soffice"], capture_output=True, check=False).returncode != 0,
    reason="LibreOffice is not installed",
)
def test_real_libreoffice_pdf_keeps_the_docx(runner, tmp_path):
    out = tmp_path / "k.docx"
    result = runner.invoke(app, ["--lang", "en", "render", str(QUANG_TRI), "-o", str(out), "--pdf"])
    assert result.exit_code == 0, result.output
    assert Document(str(out)).paragraphs
    assert (tmp_path / "k.pdf").read_bytes().startswith(b"%PDF-")
