"""The shipped template is exactly what templates/build_template.py builds, and is well formed."""

from __future__ import annotations

import importlib.resources
import importlib.util
import re
import unicodedata
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

REPO = Path(__file__).resolve().parents[2]
BUILDER = REPO / "templates" / "build_template.py"
SHIPPED = REPO / "src" / "cap135" / "documents" / "templates" / "kehoach.docx"


def _load_builder():
    spec = importlib.util.spec_from_file_location("cap135_build_template", BUILDER)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("build") / "kehoach.docx"
    _load_builder().build(out)
    return out


def test_build_equals_committed_template(built):
    assert built.read_bytes() == SHIPPED.read_bytes(), (
        "src/cap135/documents/templates/kehoach.docx is stale: run python templates/build_template.py"
    )


def test_build_is_deterministic(built, tmp_path):
    again = tmp_path / "again.docx"
    _load_builder().build(again)
    assert again.read_bytes() == built.read_bytes()


def test_symlink_and_package_resource():
    link = REPO / "templates" / "kehoach.docx"
    if link.is_symlink():
        assert link.resolve() == SHIPPED.resolve()
    resource = importlib.resources.files("cap135.documents").joinpath("templates", "kehoach.docx")
    assert resource.is_file()


def test_zip_is_normalised():
    with zipfile.ZipFile(SHIPPED) as z:
        infos = z.infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert {i.compress_type for i in infos} == {zipfile.ZIP_STORED}
    assert all(i.extra == b"" and i.external_attr == 0o644 << 16 for i in infos)


def test_core_properties_fixed():
    props = Document(str(SHIPPED)).core_properties
    assert props.author == props.last_modified_by == ""  # the agency's document: no program name
    assert props.created == props.modified
    assert props.created.year == 2020 and props.revision == 1


def test_fonts_and_page_setup():
    doc = Document(str(SHIPPED))
    normal = doc.styles["Normal"]
    rfonts = normal.element.rPr.find(qn("w:rFonts"))
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        assert rfonts.get(qn(slot)) == "Times New Roman", slot
    assert normal.font.size.pt == 14
    defaults = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    assert "Theme" not in defaults.find(qn("w:rPr")).find(qn("w:rFonts")).xml

    body = doc.styles["KH Body"].paragraph_format
    assert body.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert round(body.first_line_indent.cm, 2) == 1.27
    assert body.space_after.pt == 6
    assert 1.15 <= body.line_spacing <= 1.5
    for name in ("KH Heading", "KH Basis", "KH List", "KH List 2", "KH Recipients"):
        assert doc.styles[name] is not None
    assert doc.styles["KH Recipients"].font.size.pt == 11
    assert doc.styles["KH Recipients Title"].font.size.pt == 12

    first, second = doc.sections
    assert (round(first.page_width.mm), round(first.page_height.mm)) == (210, 297)
    margins = [first.top_margin, first.bottom_margin, first.left_margin, first.right_margin]
    assert [round(m.mm) for m in margins] == [20, 20, 30, 15]
    assert first.different_first_page_header_footer
    assert second.page_width > second.page_height


def _xml_parts() -> dict[str, str]:
    with zipfile.ZipFile(SHIPPED) as z:
        return {n: z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml")}


def test_static_text_is_nfc_and_has_no_figures():
    doc_xml = _xml_parts()["word/document.xml"]
    assert unicodedata.normalize("NFC", doc_xml) == doc_xml
    texts = re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", doc_xml)
    static = [re.sub(r"\{\{.*?\}\}|\{%.*?%\}", "", t).strip() for t in texts]
    with_digits = {t for t in static if re.search(r"\d", t)}
    assert with_digits == {"1. Mục đích:", "2. Yêu cầu:"}


def test_tags_are_whole_and_row_tags_stand_alone():
    doc_xml = _xml_parts()["word/document.xml"]
    # every tag sits inside one w:t (never split across runs)
    for t in re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", doc_xml):
        assert t.count("{{") == t.count("}}") and t.count("{%") == t.count("%}"), t
    rows = re.findall(r"<w:tr[ >].*?</w:tr>", doc_xml, flags=re.S)
    tr_rows = [r for r in rows if "{%tr" in r]
    assert len(tr_rows) == 4
    for r in tr_rows:
        texts = [t for t in re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", r) if t]
        assert len(texts) == 1 and re.fullmatch(r"\{%tr .*%\}", texts[0]), texts
    paras = re.findall(r"<w:p[ >].*?</w:p>", doc_xml, flags=re.S)
    for p in paras:
        if "{%p" in p:
            texts = [t for t in re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", p) if t]
            assert len(texts) == 1 and re.fullmatch(r"\{%p .*%\}", texts[0]), texts
    assert "<w:tblHeader/>" in doc_xml


def test_first_page_header_is_empty_and_default_has_page_field():
    doc = Document(str(SHIPPED))
    section = doc.sections[0]
    assert "PAGE" in section.header._element.xml
    assert "PAGE" not in section.first_page_header._element.xml
