"""What the document and the checks say (issue 13): the agency's name inside sentences,
Vietnamese list letters, placeholders of the starter plan left in a plan."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import QUANG_TRI, edited
from typer.testing import CliRunner

from cap135.budget.analysis import analyze
from cap135.cli.app import app
from cap135.documents.kehoach_context import build_context
from cap135.plan import starter
from cap135.plan.agency import sentence_name
from cap135.plan.placeholders import find_placeholders


def run(*args: str, **kwargs):
    return CliRunner().invoke(app, list(args), catch_exceptions=False, **kwargs)


@pytest.mark.parametrize(
    ("name", "in_sentence"),
    [
        ("BAN DÂN TỘC", "Ban Dân tộc"),
        ("SỞ DÂN TỘC VÀ TÔN GIÁO", "Sở Dân tộc và Tôn giáo"),
        ("PHÒNG DÂN TỘC HUYỆN ĐAKRÔNG", "Phòng Dân tộc huyện Đakrông"),
        ("ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ", "Ủy ban nhân dân tỉnh Quảng Trị"),
        ("SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "Sở Lao động - Thương binh và Xã hội"),
        ("SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN", "Sở Nông nghiệp và Phát triển nông thôn"),
        ("BAN DÂN TỘC TỈNH SÓC TRĂNG", "Ban Dân tộc tỉnh Sóc Trăng"),
        ("Ban Dân tộc", "Ban Dân tộc"),  # written in sentence case already: kept
    ],
)
def test_agency_name_in_a_sentence(name, in_sentence):
    assert sentence_name(name) == in_sentence


@pytest.mark.parametrize("name", ["BAN QUẢN LÝ DỰ ÁN 135", "TRUNG TÂM XYZ", "PHÒNG DÂN TỘC HUYỆN", "CƠ QUAN"])
def test_an_agency_name_that_cannot_be_derived(name):
    assert sentence_name(name) is None


def without_short_name(tmp_path, name: str):
    text = QUANG_TRI.read_text(encoding="utf-8")
    text, _ = edited(text, "  short_name: Ban Dân tộc\n", "")
    text, _ = edited(text, "  name: BAN DÂN TỘC\n", f"  name: {name}\n")
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_document_spells_the_agency_without_short_name(tmp_path):
    analysis = analyze(without_short_name(tmp_path, "SỞ DÂN TỘC VÀ TÔN GIÁO"))
    assert analysis.ok
    assert not [f for f in analysis.findings if f.code == "agency-short-name"]
    context = build_context(analysis.plan, analysis.budget)
    assert context["intro"].startswith("Sở Dân tộc và Tôn giáo xây dựng kế hoạch")
    assert context["appendix"]["subtitle"].endswith("của Sở Dân tộc và Tôn giáo)")
    assert "dân tộc và tôn giáo" not in str(context)
    assert "Ban dân tộc" not in str(context)


@pytest.mark.parametrize(("lang", "words"), [("vi", "short_name"), ("en", "short_name")])
def test_validation_asks_for_short_name_when_it_cannot_be_derived(tmp_path, lang, words):
    plan = without_short_name(tmp_path, "BAN QUẢN LÝ DỰ ÁN")
    result = run("--lang", lang, "validate", str(plan))
    assert result.exit_code == 0  # a warning
    line = next(x for x in result.stdout.splitlines() if "agency-short-name" in x)
    assert line.startswith(f"{plan.name}:") or line.startswith(str(plan))
    assert "BAN QUẢN LÝ DỰ ÁN" in line
    assert words in result.stdout


def test_list_letters_follow_the_vietnamese_alphabet():
    analysis = analyze(QUANG_TRI)
    context = build_context(analysis.plan, analysis.budget)
    groups = context["content_items"][: len(analysis.plan.groups)]
    assert groups
    for item in groups:
        letters = [p["text"].split(".")[0] for p in item["paragraphs"] if p["level"] == 0]
        assert letters == ["a", "b", "c", "d", "đ", "e"], letters


def test_placeholders_are_found():
    assert find_placeholders("UBND TỈNH [TÊN TỈNH]") == ["[TÊN TỈNH]"]
    assert find_placeholders("Quyết định số …/QĐ-UBND ngày …/…/… của UBND tỉnh") == [
        "số …/QĐ-UBND",
        "ngày …/…/…",
    ]
    assert find_placeholders("Quyết định số 3702/QĐ-UBND ngày 30/12/2019 (điểm a, b)") == []


@pytest.mark.parametrize(("lang", "words"), [("vi", "còn chỗ trống"), ("en", "placeholder")])
def test_starter_placeholders_left_give_a_warning_each_at_its_line(tmp_path, lang, words):
    plan = tmp_path / "ke-hoach.yaml"
    run("init", str(plan), "--yes")
    lines = plan.read_text(encoding="utf-8").splitlines()
    result = run("--lang", lang, "validate", str(plan))
    assert result.exit_code == 0
    found = [x for x in result.stdout.splitlines() if "placeholder-left" in x]
    shown = {x.rsplit(": ", 1)[1] for x in found}
    expected = {"[TÊN TỈNH]", "[Địa danh]", "số …/QĐ-UBND", "ngày …/…/…", "[Họ và tên]"}
    if starter.default_year(date.today()) >= 2026:  # the province's HĐND resolution, to fill in
        expected.add("số …/…/NQ-HĐND")
    assert shown == expected
    for x in found:
        assert words in x
        where, text = x.split(": ")[0], x.rsplit(": ", 1)[1]
        line = int(where.split(":")[1])
        assert text in lines[line - 1], (text, lines[line - 1])
    # filled in, the warnings go
    text = plan.read_text(encoding="utf-8")
    for old, new in (
        ("[TÊN TỈNH]", "QUẢNG TRỊ"),
        ("[Địa danh]", "Quảng Trị"),
        ("số …/QĐ-UBND ngày …/…/…", "số 12/QĐ-UBND ngày 05/01/2020"),
        ("số …/…/NQ-HĐND ngày …/…/…", "số 15/2025/NQ-HĐND ngày 10/12/2025"),
        ("[Họ và tên]", "Nguyễn Văn A"),
    ):
        text = text.replace(old, new)
    plan.write_text(text, encoding="utf-8")
    assert "placeholder-left" not in run("validate", str(plan)).stdout


def test_appendix_section_rows_keep_with_their_lines(tmp_path):
    """In the rendered document: each section row (I, II, …) keeps with the next row and
    cannot split; the header row repeats on every page."""
    from docx import Document
    from docx.oxml.ns import qn

    out = tmp_path / "kehoach.docx"
    assert run("render", str(QUANG_TRI), "-o", str(out)).exit_code == 0
    table = Document(str(out)).tables[-1]
    header = table.rows[0]._tr.trPr
    assert header is not None and header.find(qn("w:tblHeader")) is not None
    sections = [row for row in table.rows if row.cells[0].text.strip() in ("I", "II", "III", "IV")]
    assert len(sections) == len(analyze(QUANG_TRI).budget.sections)
    for row in sections:
        assert row._tr.trPr.find(qn("w:cantSplit")) is not None
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                assert paragraph.paragraph_format.keep_with_next is True
    lines = [row for row in table.rows if row.cells[0].text.strip().isdigit()]
    assert lines and all(not p.paragraph_format.keep_with_next for r in lines for p in r.cells[1].paragraphs)
