"""The render fast path of render/docx.py gives the same .docx bytes as docxtpl's own steps.

`_Template` replaces docxtpl's resolve_listing, fix_tables, fix_docpr_ids, map_tree and (for a body
kept as text) render_footnotes. Each test renders the same context with the same template twice,
through the fast path and with ``_Template.fast_path = False`` (docxtpl 0.20's own behaviour), and
compares the normalised bytes; it also checks which path the body took ("text": kept as text,
"recovered": parsed by libxml2 in recover mode, "docxtpl": docxtpl's own fix_tables and map_tree).
Real docxtpl, python-docx and lxml throughout; the templates are built with python-docx.
"""

from __future__ import annotations

import importlib.util
import io
import struct
import sys
import zipfile
import zlib
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Inches

from cap135.pipeline import analyze
from cap135.render import docx as docx_module
from cap135.render.context import build_context
from cap135.render.docx import _load_template, render_docx_bytes

ROOT = Path(__file__).resolve().parent.parent
PLANS = sorted((ROOT / "plans").glob("*.yaml"))
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

_spec = importlib.util.spec_from_file_location("cap135_bench_generate", ROOT / "bench" / "generate.py")
assert _spec is not None and _spec.loader is not None
generate = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = generate
_spec.loader.exec_module(generate)

# Everything that escaping, docxtpl's listing rewrite and the text fix-ups deal with: XML
# specials, quotes (lxml writes &quot; only inside tags), a tab, a newline, two tabs in a row
# (an empty <w:t/> between them), character references and tags typed as text, Jinja syntax.
TRICKY = "A & B <c> 'd' \"e\"\tf\ng &#39; &#34; &amp; ]]> <w:t></w:t> {{ x }} {% if %}\t\tend "


def shipped_template() -> bytes:
    return _load_template(None)[0]


def render(context: dict, template: bytes, *, fast: bool = True) -> tuple[bytes, str]:
    """(bytes of render_docx_bytes, the path the body took) with the fast path on or off."""
    saved = docx_module._Template.fast_path
    seen: list[str] = []
    original = docx_module._Template.map_tree

    def map_tree(self, tree):  # records which path fix_tables chose, then does the real work
        seen.append(self.body_path)
        return original(self, tree)

    docx_module._Template.fast_path = fast
    docx_module._Template.map_tree = map_tree
    try:
        data = render_docx_bytes(context, template, "t.docx")
    finally:
        docx_module._Template.fast_path = saved
        docx_module._Template.map_tree = original
    assert len(seen) == 1
    return data, seen[0]


def assert_same_as_docxtpl(context: dict, template: bytes, path: str) -> bytes:
    fast, taken = render(context, template)
    plain, reference = render(context, template, fast=False)
    assert reference == "docxtpl"
    assert taken == path
    assert fast == plain, _first_difference(fast, plain)
    return fast


def _first_difference(a: bytes, b: bytes) -> str:
    za, zb = zipfile.ZipFile(io.BytesIO(a)), zipfile.ZipFile(io.BytesIO(b))
    if za.namelist() != zb.namelist():
        return f"entries differ: {za.namelist()} != {zb.namelist()}"
    for name in za.namelist():
        x, y = za.read(name), zb.read(name)
        if x != y:
            at = next((i for i, (p, q) in enumerate(zip(x, y, strict=False)) if p != q), min(len(x), len(y)))
            return f"{name} differs at byte {at}: {x[at - 80 : at + 80]!r} != {y[at - 80 : at + 80]!r}"
    return "same entries, same contents"  # pragma: no cover


def plan_context(path: Path) -> dict:
    analysis = analyze(path)
    assert analysis.plan is not None and analysis.budget is not None, analysis.findings
    assert not [f for f in analysis.findings if f.is_error]
    return build_context(analysis.plan, analysis.budget)


def document_xml(data: bytes) -> bytes:
    return zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")


def grid_columns(data: bytes) -> list[int]:
    body = Document(io.BytesIO(data)).element.body
    return [len(t.findall(f"{qn('w:tblGrid')}/{qn('w:gridCol')}")) for t in body.iter(qn("w:tbl"))]


def save(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# --------------------------------------------------------------------------------------------
# The shipped template: every plan's body is kept as text, byte for byte docxtpl's
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("plan", PLANS, ids=[p.stem for p in PLANS])
def test_shipped_plans(plan):
    assert_same_as_docxtpl(plan_context(plan), shipped_template(), "text")


def test_generated_plan_with_tricky_text(tmp_path):
    plan = generate.generate(12, 3, seed=5)
    first, second = plan["groups"][0], plan["groups"][1]
    first["name"] = f"{first['name']} {TRICKY}"
    first["trainees"] = TRICKY
    first["lessons"][0]["title"] = f"{TRICKY}{first['lessons'][0]['title']}"
    second["lessons"][-1]["title"] += f" {TRICKY}"
    plan["tours"][0]["description"] = TRICKY
    plan["signer"]["name"] = "Lê Văn 'Quyền' \"Q\" & <K>"
    plan["recipients"].append(TRICKY)
    plan["purposes"].append(TRICKY)
    path = tmp_path / "tricky.yaml"
    path.write_text(generate.dump(plan, "# bench/generate.py, texts edited by the test\n"), encoding="utf-8")
    context = plan_context(path)

    data = assert_same_as_docxtpl(context, shipped_template(), "text")

    xml = document_xml(data).decode("utf-8")
    # The values really went through escaping and docxtpl's listing rewrite.
    assert "A &amp; B &lt;c&gt; 'd' \"e\"</w:t></w:r><w:r><w:tab/></w:r>" in xml
    assert '<w:t xml:space="preserve">f</w:t><w:br/><w:t xml:space="preserve">g &amp;#39; &amp;#34;' in xml
    assert '<w:r><w:tab/></w:r><w:r><w:t xml:space="preserve"/></w:r><w:r><w:tab/></w:r>' in xml
    assert "{{ x }} {% if %}" in xml


def test_quote_in_an_attribute_value():
    # Jinja writes &#34; for a quote in a value; inside a tag lxml writes &quot;, outside a plain ".
    d = Document()
    d.add_paragraph("{{ text }}")
    d.add_table(rows=1, cols=1).cell(0, 0).text = "{% cellbg color %}{{ text }}"
    data = assert_same_as_docxtpl({"text": 'say "hi"', "color": 'FF"00'}, save(d), "text")
    xml = document_xml(data)
    assert b'w:fill="FF&quot;00"' in xml and b'say "hi"' in xml


@pytest.mark.parametrize(
    "markup",
    [
        "&#65;&#x42;",
        "&quot;q&quot;",
        "&apos;a&apos;",
        "a > b",
        "<!-- note -->",
        "<?pi x?>",
        "<![CDATA[<c>]]>",
    ],
    ids=["char-ref", "quot", "apos", "raw-gt", "comment", "pi", "cdata"],
)
def test_markup_lxml_would_respell_uses_docxtpl(markup):
    # python-docx has already parsed and reserialised the template's body, so only Jinja's output
    # can be spelled otherwise than lxml writes it: here markup marked safe by the template.
    d = Document()
    d.add_paragraph("a {{ x|safe }} b")
    assert_same_as_docxtpl({"x": markup}, save(d), "docxtpl")


def test_markup_spelled_as_lxml_stays_on_the_fast_path():
    d = Document()
    d.add_paragraph("a {{ x|safe }} b")
    assert_same_as_docxtpl({"x": '</w:t></w:r><w:r><w:t xml:space="preserve">&amp; &lt;"\''}, save(d), "text")


# --------------------------------------------------------------------------------------------
# Templates docxtpl's table fix-up changes: its own path
# --------------------------------------------------------------------------------------------


def column_loop_template(first: str = "{{ title }}") -> bytes:
    d = Document()
    d.add_paragraph(first)
    table = d.add_table(rows=1, cols=3)
    texts = ["{%tc for c in cols %}", "{{ c }}", "{%tc endfor %}"]
    for cell, text in zip(table.rows[0].cells, texts, strict=True):
        cell.text = text
    d.add_paragraph("after")
    return save(d)


def test_column_loop_that_widens_a_row_uses_docxtpl():
    data = assert_same_as_docxtpl({"title": "t", "cols": list("abcde")}, column_loop_template(), "docxtpl")
    assert grid_columns(data) == [5]  # docxtpl widened the grid to the row's five cells


def test_column_loop_narrower_than_the_grid_uses_docxtpl():
    data = assert_same_as_docxtpl({"title": "t", "cols": ["a"]}, column_loop_template(), "docxtpl")
    assert grid_columns(data) == [1]


def test_column_loop_that_fits_the_grid_stays_on_the_fast_path():
    data = assert_same_as_docxtpl({"title": "t", "cols": list("abc")}, column_loop_template(), "text")
    assert grid_columns(data) == [3]


def test_grid_wider_than_its_rows_uses_docxtpl():
    # No {%tc %} at all: a grid of three columns over rows of two cells, which docxtpl trims.
    # Three thousand paragraphs come first, so the streaming parse has read far ahead by then.
    d = Document()
    for text in ("{%p for x in items %}", "{{ x }}", "{%p endfor %}"):
        d.add_paragraph(text)
    table = d.add_table(rows=2, cols=3)
    for row in table.rows:
        row._tr.remove(row._tr.findall(qn("w:tc"))[-1])
    d.add_paragraph("{{ title }}")
    context = {"items": [f"item {i}" for i in range(3000)], "title": "t"}
    data = assert_same_as_docxtpl(context, save(d), "docxtpl")
    assert grid_columns(data) == [2]


def test_row_loop_over_nothing_uses_docxtpl():
    d = Document()
    table = d.add_table(rows=3, cols=2)
    for row, text in zip(table.rows, ["{%tr for r in rows %}", "{{ r }}", "{%tr endfor %}"], strict=True):
        row.cells[0].text = text
    d.add_paragraph("{{ title }}")
    template = save(d)
    data = assert_same_as_docxtpl({"rows": [], "title": "t"}, template, "docxtpl")
    assert grid_columns(data) == [0]  # no rows left: docxtpl drops every column
    assert_same_as_docxtpl({"rows": [1, 2], "title": "t"}, template, "text")


def test_merged_cells_and_nested_tables_stay_on_the_fast_path():
    d = Document()
    table = d.add_table(rows=2, cols=3)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "{{ title }}"
    inner = table.cell(1, 2).add_table(rows=2, cols=2)
    inner.cell(0, 0).merge(inner.cell(0, 1)).text = "{{ title }}"
    data = assert_same_as_docxtpl({"title": "t"}, save(d), "text")
    assert grid_columns(data) == [3, 2]


# --------------------------------------------------------------------------------------------
# What docxtpl does besides the body: picture ids, footnotes once per section
# --------------------------------------------------------------------------------------------


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0\xff\0\0"))
        + chunk(b"IEND", b"")
    )


def test_pictures_are_renumbered_as_docxtpl_does():
    d = Document()
    d.add_paragraph("{{ title }}")
    for _ in range(3):
        d.add_picture(io.BytesIO(_png()), width=Inches(0.5))
    data = assert_same_as_docxtpl({"title": "t"}, save(d), "text")
    assert document_xml(data).count(b"<wp:docPr ") == 3


FOOTNOTES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<w:footnotes xmlns:w="{W_NS}"><w:footnote w:id="1"><w:p><w:r><w:t>Note {{{{ title }}}}</w:t>'
    "</w:r></w:p></w:footnote></w:footnotes>"
)


def with_footnotes(data: bytes) -> bytes:
    """The package with a footnotes part (python-docx cannot add one)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            part = zin.read(info)
            if info.filename == "[Content_Types].xml":
                part = part.replace(
                    b"</Types>",
                    b'<Override PartName="/word/footnotes.xml" ContentType="application/'
                    b'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>',
                )
            elif info.filename == "word/_rels/document.xml.rels":
                part = part.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/'
                    b'2006/relationships/footnotes" Target="footnotes.xml"/></Relationships>',
                )
            zout.writestr(info, part)
        zout.writestr("word/footnotes.xml", FOOTNOTES)
    return out.getvalue()


@pytest.mark.parametrize("sections", [1, 3])
def test_footnotes_are_rendered_once_per_section(sections):
    d = Document()
    d.add_paragraph("{{ title }}")
    for _ in range(sections - 1):
        d.add_section()
        d.add_paragraph("{{ title }}")
    template = with_footnotes(save(d))
    data = assert_same_as_docxtpl({"title": "x"}, template, "text")
    assert b"Note x</w:t>" in zipfile.ZipFile(io.BytesIO(data)).read("word/footnotes.xml")
    # docxtpl renders the footnotes part once per section, so with more than one section a value
    # that reads as Jinja is run by the second pass (in the sandbox). Not a feature: the fast path
    # keeps docxtpl's behaviour, whatever it is.
    data = assert_same_as_docxtpl({"title": "{{ 1 + 1 }}"}, template, "text")
    note = b"Note {{ 1 + 1 }}</w:t>" if sections == 1 else b"Note 2</w:t>"
    assert note in zipfile.ZipFile(io.BytesIO(data)).read("word/footnotes.xml")


# --------------------------------------------------------------------------------------------
# A body that is not well-formed: recovered by libxml2 as docxtpl's parser does
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("markup", ["<w:br>", "&nbsp;", "<foo:bar/>"], ids=["unclosed", "entity", "prefix"])
def test_body_that_needs_recovery(markup):
    d = Document()
    d.add_paragraph("a {{ x|safe }} b")
    d.add_paragraph("{{ title }}")
    assert_same_as_docxtpl({"x": markup, "title": "t"}, save(d), "recovered")


def test_recovered_body_with_a_column_loop_uses_docxtpl():
    template = column_loop_template("a {{ x|safe }} b")
    assert_same_as_docxtpl({"x": "<w:br>", "cols": list("abcd")}, template, "docxtpl")


def test_the_comparison_is_not_vacuous():
    # The reference really is another rendering: a different value gives different bytes.
    d = Document()
    d.add_paragraph("{{ title }}")
    template = save(d)
    assert render({"title": "a"}, template)[0] == render({"title": "a"}, template, fast=False)[0]
    assert render({"title": "a"}, template)[0] != render({"title": "b"}, template, fast=False)[0]
