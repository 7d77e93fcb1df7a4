"""Rendering the KẾ HOẠCH with the shipped template: real docxtpl, python-docx and LibreOffice."""

from __future__ import annotations

import copy
import errno
import json
import os
import re
import shutil
import subprocess
import unicodedata
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from cap135.documents.atomic_files import OutputError, atomic_output, atomic_write_bytes
from cap135.documents.docx_package import normalize_docx_zip
from cap135.documents.docx_render import prepare_context, render_docx
from cap135.documents.pdf import PdfError, docx_to_pdf
from cap135.documents.template_errors import TemplateError

FIXTURE = Path(__file__).parents[1] / "fixtures" / "context_quang_tri.json"
SPECIAL = "Kỹ năng A & B <cơ bản>"


@pytest.fixture(scope="module")
def context() -> dict:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def rendered(tmp_path_factory, context) -> Path:
    out = tmp_path_factory.mktemp("render") / "kehoach.docx"
    render_docx(context, None, out)
    return out


@pytest.fixture(scope="module")
def doc(rendered):
    return Document(str(rendered))


def body_texts(document) -> list[str]:
    return [p.text for p in document.paragraphs]


def cell_texts(cell) -> list[str]:
    return [p.text for p in cell.paragraphs]


def is_subsequence(needles: list[str], haystack: list[str]) -> bool:
    it = iter(haystack)
    return all(any(n == h for h in it) for n in needles)


def tiny_template(path: Path, *paragraphs: str) -> Path:
    d = Document()
    for text in paragraphs:
        d.add_paragraph(text)
    d.save(str(path))
    return path


# --------------------------------------------------------------------------------------------
# The fixture itself
# --------------------------------------------------------------------------------------------


def _vnd(text: str) -> int:
    assert re.fullmatch(r"\d{1,3}(\.\d{3})*", text), text
    return int(text.replace(".", ""))


def test_fixture_is_nfc_and_arithmetically_consistent(context):
    raw = FIXTURE.read_text(encoding="utf-8")
    assert unicodedata.normalize("NFC", raw) == raw
    appendix = context["appendix"]
    assert len(appendix["sections"]) == 4
    total = 0
    for section in appendix["sections"]:
        assert 5 <= len(section["lines"]) <= 9
        subtotal = 0
        for line in section["lines"]:
            amount = _vnd(line["quantity"]) * _vnd(line["rate"])
            assert _vnd(line["amount"]) == amount, line
            subtotal += amount
        assert _vnd(section["subtotal"]) == subtotal
        total += subtotal
    assert _vnd(appendix["total"]) == total == _vnd(context["budget"]["total"])
    assert appendix["total_words"] == context["budget"]["total_words"]
    assert any(SPECIAL in p["text"] for i in context["content_items"] for p in i["paragraphs"])


# --------------------------------------------------------------------------------------------
# Content of the rendered document
# --------------------------------------------------------------------------------------------


def test_header_block(doc, context):
    table = doc.tables[0]
    left = cell_texts(table.cell(0, 0))
    right = cell_texts(table.cell(0, 1))
    h = context["header"]
    assert left[:2] == [h["parent_agency"], h["agency_name"]]
    assert right[:2] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert cell_texts(table.cell(1, 0)) == [h["number_line"]]
    assert cell_texts(table.cell(1, 1)) == [h["place_date"]]
    assert table.cell(1, 1).paragraphs[0].style.font.italic is True


def test_title_and_every_body_paragraph_in_order(doc, context):
    texts = body_texts(doc)
    expected = [context["doc_type"], context["title"], *context["basis_lines"], context["intro"]]
    expected += ["I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích:", *context["purposes"]]
    expected += ["2. Yêu cầu:", *context["requirements"], "II. NỘI DUNG"]
    for item in context["content_items"]:
        expected.append(item["heading"])
        expected += [p["text"] for p in item["paragraphs"]]
    expected += ["III. KINH PHÍ", *context["budget"]["lines"]]
    expected += ["IV. TỔ CHỨC THỰC HIỆN", *context["organization"]]
    appendix = context["appendix"]
    expected += [appendix["title"], appendix["heading"], appendix["subtitle"]]
    expected.append(f"(Bằng chữ: {appendix['total_words']})")
    expected += [appendix["notes_title"], *appendix["notes"]]
    assert is_subsequence(expected, texts), [t for t in expected if t not in texts]
    # Nothing else but layout paragraphs (empty ones) in between.
    assert [t for t in texts if t] == expected


def test_paragraph_styles_follow_levels(doc, context):
    by_text = {p.text: p.style.name for p in doc.paragraphs}
    for item in context["content_items"]:
        assert by_text[item["heading"]] == "KH Heading 2"
        for p in item["paragraphs"]:
            assert by_text[p["text"]] == ("KH List 2" if p["level"] == 1 else "KH List")
    for line in context["basis_lines"]:
        assert by_text[line] == "KH Basis"
    assert by_text["II. NỘI DUNG"] == "KH Heading"


def test_special_characters_are_literal(doc, rendered):
    assert any(SPECIAL in t for t in body_texts(doc))
    xml = zipfile.ZipFile(rendered).read("word/document.xml").decode("utf-8")
    assert "A &amp; B &lt;cơ bản&gt;" in xml
    assert "&amp;amp;" not in xml and "&amp;lt;" not in xml


def test_no_template_tag_left(rendered):
    with zipfile.ZipFile(rendered) as z:
        for name in z.namelist():
            if name.endswith(".xml"):
                text = z.read(name).decode("utf-8")
                assert "{{" not in text and "{%" not in text, name


def test_signature_block(doc, context):
    table = doc.tables[1]
    left = cell_texts(table.cell(0, 0))
    right = [t for t in cell_texts(table.cell(0, 1)) if t]
    assert left == ["Nơi nhận:", *context["recipients"]]
    assert right == [context["signer"]["position"], context["signer"]["name"]]


def test_signer_authority_line(tmp_path, context):
    ctx = copy.deepcopy(context)
    ctx["signer"]["authority"] = "KT. TRƯỞNG BAN"
    ctx["signer"]["position"] = "PHÓ TRƯỞNG BAN"
    out = tmp_path / "kt.docx"
    render_docx(ctx, None, out)
    right = [t for t in cell_texts(Document(str(out)).tables[1].cell(0, 1)) if t]
    assert right == ["KT. TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", ctx["signer"]["name"]]


def test_appendix_table(doc, context):
    appendix = context["appendix"]
    texts = body_texts(doc)
    assert is_subsequence([appendix["title"], appendix["heading"], appendix["subtitle"]], texts)
    assert f"(Bằng chữ: {appendix['total_words']})" in texts
    # the assumptions follow the total in words, one paragraph each, escaped like all text
    words = texts.index(f"(Bằng chữ: {appendix['total_words']})")
    assert texts[words + 1 : words + 2 + len(appendix["notes"])] == [
        appendix["notes_title"],
        *appendix["notes"],
    ]

    table = doc.tables[2]
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == appendix["columns"]
    tr_pr = table.rows[0]._tr.trPr
    assert tr_pr is not None and tr_pr.find(qn("w:tblHeader")) is not None

    expected = []
    for s in appendix["sections"]:
        # the title spans the Nội dung .. Đơn giá cells
        expected.append([s["stt"], s["title"], s["title"], s["title"], s["title"], s["subtotal"], ""])
        for ln in s["lines"]:
            expected.append(
                [ln["stt"], ln["item"], ln["unit"], ln["quantity"], ln["rate"], ln["amount"],
                 ln["basis"]]
            )  # fmt: skip
    expected.append(["", "TỔNG CỘNG", "TỔNG CỘNG", "TỔNG CỘNG", "TỔNG CỘNG", appendix["total"], ""])
    assert rows[1:] == expected


def test_no_assumptions_no_notes_heading(tmp_path, context):
    quiet = {**context, "appendix": {**context["appendix"], "notes": []}}
    out = tmp_path / "k.docx"
    render_docx(quiet, None, out)
    texts = body_texts(Document(str(out)))
    assert context["appendix"]["notes_title"] not in texts
    assert texts[-1] == f"(Bằng chữ: {context['appendix']['total_words']})"


def test_page_layout(doc):
    first, second = doc.sections
    assert (round(first.page_width.mm), round(first.page_height.mm)) == (210, 297)
    assert [round(x.mm) for x in (first.top_margin, first.bottom_margin)] == [20, 20]
    assert [round(x.mm) for x in (first.left_margin, first.right_margin)] == [30, 15]
    assert first.different_first_page_header_footer is True
    assert all(not p.text for p in first.first_page_header.paragraphs)
    assert "PAGE" in first.header._element.xml
    assert second.orientation == WD_ORIENT.LANDSCAPE
    assert (round(second.page_width.mm), round(second.page_height.mm)) == (297, 210)


# --------------------------------------------------------------------------------------------
# Values: newlines, quotes, control characters, NFC
# --------------------------------------------------------------------------------------------


def test_newline_becomes_line_break_and_quotes_are_literal(tmp_path, context):
    ctx = copy.deepcopy(context)
    ctx["intro"] = "Dòng một\r\ndòng hai \"trích dẫn\" và 'nháy đơn'\x07\x0c."
    out = tmp_path / "nl.docx"
    render_docx(ctx, None, out)
    d = Document(str(out))
    texts = body_texts(d)
    assert "Dòng một\ndòng hai \"trích dẫn\" và 'nháy đơn'." in texts
    # NFC is not redone here: plan text is normalised once when read (tests/plan/test_loader.py)
    xml = zipfile.ZipFile(out).read("word/document.xml").decode("utf-8")
    assert "Dòng một</w:t><w:br/>" in xml


def test_prepare_context_does_not_mutate():
    value = {"a": ["x\r\ny", {"b": "c\x00"}], "n": 3}
    assert prepare_context(value) == {"a": ["x\ny", {"b": "c"}], "n": 3}
    assert value == {"a": ["x\r\ny", {"b": "c\x00"}], "n": 3}


# --------------------------------------------------------------------------------------------
# Reproducibility
# --------------------------------------------------------------------------------------------


def test_render_twice_gives_identical_bytes(tmp_path, context, rendered):
    again = tmp_path / "again.docx"
    render_docx(context, None, again)
    assert again.read_bytes() == rendered.read_bytes()


def test_output_zip_is_normalised(rendered):
    with zipfile.ZipFile(rendered) as z:
        infos = z.infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert normalize_docx_zip(rendered.read_bytes()) == rendered.read_bytes()


# --------------------------------------------------------------------------------------------
# Template errors
# --------------------------------------------------------------------------------------------


def test_missing_key_names_it(tmp_path, context):
    ctx = copy.deepcopy(context)
    del ctx["intro"]
    del ctx["signer"]
    out = tmp_path / "out.docx"
    with pytest.raises(TemplateError) as info:
        render_docx(ctx, None, out)
    msg = str(info.value)
    assert "'intro' is undefined" in msg and "{{ intro }}" in msg
    assert "missing from the context: intro, signer." in msg
    assert "kehoach.docx" in msg
    assert "Near: «" in msg
    assert not out.exists()


def test_missing_nested_key_names_the_tag(tmp_path, context):
    ctx = copy.deepcopy(context)
    del ctx["appendix"]["sections"][1]["lines"][2]["rate"]
    with pytest.raises(TemplateError) as info:
        render_docx(ctx, None, tmp_path / "out.docx")
    assert "{{ l.rate }}" in str(info.value)
    assert info.value.tag == "{{ l.rate }}"


def test_syntax_error_names_the_file_and_the_tag(tmp_path):
    tpl = tiny_template(tmp_path / "broken.docx", "Mở đầu", "Xin chào {{ foo ", "Kết thúc")
    out = tmp_path / "out.docx"
    with pytest.raises(TemplateError) as info:
        render_docx({"foo": "x"}, tpl, out)
    msg = str(info.value)
    assert str(tpl) in msg
    assert "{{ foo" in msg and "Xin chào" in msg
    assert not out.exists()


def test_sandbox_blocks_attribute_escape(tmp_path):
    tpl = tiny_template(tmp_path / "evil.docx", "{{ ''.__class__.__mro__ }}")
    out = tmp_path / "out.docx"
    with pytest.raises(TemplateError) as info:
        render_docx({}, tpl, out)
    assert "unsafe" in str(info.value) and str(tpl) in str(info.value)
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["evil.docx"]


def test_not_a_docx(tmp_path, context):
    tpl = tmp_path / "plan.docx"
    tpl.write_text("version: 1\n", encoding="utf-8")
    with pytest.raises(TemplateError, match=r"not a Word \.docx file"):
        render_docx(context, tpl, tmp_path / "out.docx")


def test_missing_template_file(tmp_path, context):
    with pytest.raises(TemplateError, match="does not exist"):
        render_docx(context, tmp_path / "nope.docx", tmp_path / "out.docx")


# --------------------------------------------------------------------------------------------
# Output safety
# --------------------------------------------------------------------------------------------


def test_missing_folder(tmp_path, context):
    out = tmp_path / "no" / "such" / "kehoach.docx"
    with pytest.raises(OutputError) as info:
        render_docx(context, None, out)
    assert str(out) in str(info.value) and "does not exist" in str(info.value)


def test_output_is_a_directory(tmp_path, context):
    with pytest.raises(OutputError, match="is a directory"):
        render_docx(context, None, tmp_path)


def test_failing_render_leaves_existing_output_untouched(tmp_path, context):
    out = tmp_path / "kehoach.docx"
    out.write_bytes(b"previous version")
    ctx = copy.deepcopy(context)
    del ctx["header"]["agency_lines"]
    with pytest.raises(TemplateError):
        render_docx(ctx, None, out)
    assert out.read_bytes() == b"previous version"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kehoach.docx"]


def test_protect_refuses_to_overwrite_the_input(tmp_path, context):
    plan = tmp_path / "plan.yaml"
    plan.write_text("version: 1\n", encoding="utf-8")
    with pytest.raises(OutputError, match="input file"):
        render_docx(context, None, plan, protect=plan)
    via_other_name = tmp_path / "sub" / ".." / "plan.yaml"
    (tmp_path / "sub").mkdir()
    with pytest.raises(OutputError):
        render_docx(context, None, via_other_name, protect=plan)
    assert plan.read_text(encoding="utf-8") == "version: 1\n"


def test_permission_denied(tmp_path):
    # root ignores mode bits, so as root use sysfs, where even root may not create files
    if os.geteuid() == 0:
        with pytest.raises(OutputError, match="permission denied"):
            atomic_write_bytes(Path("/sys/cap135-test.docx"), b"data")
        return
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(OutputError, match="permission denied"):
            atomic_write_bytes(folder / "x.docx", b"data")
    finally:
        folder.chmod(0o700)


def test_disk_full_inside_the_block_becomes_output_error(tmp_path):
    out = tmp_path / "x.docx"
    out.write_bytes(b"old")
    with pytest.raises(OutputError, match="disk is full"), atomic_output(out) as tmp:
        assert tmp.parent == tmp_path and tmp.name.startswith(".x.docx.")
        raise OSError(errno.ENOSPC, "No space left on device")
    assert out.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.docx"]


def test_permission_error_inside_the_block_becomes_output_error(tmp_path):
    out = tmp_path / "x.docx"
    with pytest.raises(OutputError, match="permission denied"), atomic_output(out):
        raise PermissionError(errno.EACCES, "Permission denied")
    assert list(tmp_path.iterdir()) == []


def test_atomic_write_replaces(tmp_path):
    out = tmp_path / "x.bin"
    atomic_write_bytes(out, b"one")
    atomic_write_bytes(out, b"two")
    assert out.read_bytes() == b"two"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.bin"]


# --------------------------------------------------------------------------------------------
# PDF through LibreOffice
# --------------------------------------------------------------------------------------------


def _require_tools() -> None:
    missing = [t for t in ("soffice", "pdftotext") if shutil.which(t) is None]
    if missing:
        reason = f"{' and '.join(missing)} not installed (LibreOffice / poppler-utils)"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}, but CI is set: the PDF check must run in CI")
        pytest.skip(reason)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text))


def _pdftotext(pdf: Path, *args: str) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", *args, str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout


def test_pdf_contains_the_document(tmp_path, rendered, context):
    _require_tools()
    pdf = tmp_path / "kehoach.pdf"
    docx_to_pdf(rendered, pdf)
    text = _squash(_pdftotext(pdf))
    wanted = [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "KẾ HOẠCH",
        context["title"],
        "I. MỤC ĐÍCH, YÊU CẦU",
        "II. NỘI DUNG",
        "III. KINH PHÍ",
        "IV. TỔ CHỨC THỰC HIỆN",
        context["budget"]["total"],
        context["budget"]["total_words"],
        context["signer"]["name"],
        SPECIAL,
        "TỔNG CỘNG",
    ]
    for w in wanted:
        assert _squash(w) in text, w
    # Page numbers: none on page 1, "2" centred at the top of page 2.
    page1 = _pdftotext(pdf, "-f", "1", "-l", "1").split("\n")
    page2 = [ln.strip() for ln in _pdftotext(pdf, "-f", "2", "-l", "2").split("\n") if ln.strip()]
    assert page2[0] == "2"
    assert "1" not in [ln.strip() for ln in page1]


def test_pdf_error_when_soffice_missing(tmp_path, rendered, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(PdfError, match="not installed"):
        docx_to_pdf(rendered, tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()
