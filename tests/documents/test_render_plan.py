"""End to end: a real plan → the KẾ HOẠCH .docx (and PDF through LibreOffice)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys

import pytest
from conftest import PLANS, QUANG_TRI

from cap135.budget.analysis import analyze
from cap135.cli.app import app
from cap135.money import amount_in_words, format_vnd


def docx_text(path) -> str:
    from docx import Document

    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    from typer.testing import CliRunner

    out = tmp_path_factory.mktemp("render") / "kehoach.docx"
    result = CliRunner().invoke(app, ["render", str(QUANG_TRI), "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return out


def test_document_holds_every_computed_figure(rendered):
    analysis = analyze(QUANG_TRI)
    text = squash(docx_text(rendered))
    budget = analysis.budget
    assert (
        f"Tổng kinh phí: {format_vnd(budget.total)} đồng (Bằng chữ: {amount_in_words(budget.total)})" in text
    )
    for section in budget.sections:
        assert format_vnd(section.subtotal) in text
        for line in section.lines:
            assert format_vnd(line.amount) in text
    for group in analysis.plan.groups:
        for lesson in group.lessons:
            assert f"{squash(lesson.title)} ({lesson.periods} tiết)" in text
    assert "Tổ chức 02 lớp (84 học viên/lớp), tổng số 168 học viên." in text
    assert "Tổ chức 09 lớp (54 học viên/lớp), tổng số 486 học viên." in text
    assert "dự kiến thực hiện vào tháng 7 - 8/2020" in text
    assert "Đoàn tham quan có 22 người (17 học viên và 5 cán bộ thuộc Ban Dân tộc)" in text
    for heading in ("I. MỤC ĐÍCH, YÊU CẦU", "II. NỘI DUNG", "III. KINH PHÍ", "IV. TỔ CHỨC THỰC HIỆN"):
        assert heading in text
    assert "Căn cứ Thông tư số 01/2017/TT-UBDT" in text
    assert "- Lưu: VT, KT, CSTT (2 bản)." in text


def test_figures_follow_the_plan(tmp_path, runner):
    plan = tmp_path / "p.yaml"
    plan.write_text(
        QUANG_TRI.read_text(encoding="utf-8").replace("classes: 9", "classes: 7"), encoding="utf-8"
    )
    out = tmp_path / "p.docx"
    assert runner.invoke(app, ["render", str(plan), "-o", str(out)], catch_exceptions=False).exit_code == 0
    total = analyze(plan).budget.total
    assert total != analyze(QUANG_TRI).budget.total
    text = squash(docx_text(out))
    assert f"Tổng kinh phí: {format_vnd(total)} đồng" in text
    assert "Tổ chức 07 lớp" in text


def test_render_is_byte_reproducible(rendered, tmp_path, runner):
    again = tmp_path / "again.docx"
    runner.invoke(app, ["render", str(QUANG_TRI), "-o", str(again)], catch_exceptions=False)
    assert again.read_bytes() == rendered.read_bytes()


@pytest.mark.parametrize("plan", sorted(PLANS.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_example_renders(plan, tmp_path, runner):
    out = tmp_path / "out.docx"
    result = runner.invoke(app, ["render", str(plan), "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert amount_in_words(analyze(plan).budget.total) in docx_text(out)


def test_context_is_json_with_formatted_values(runner):
    result = runner.invoke(app, ["render", str(QUANG_TRI), "--context"], catch_exceptions=False)
    ctx = json.loads(result.stdout)
    assert ctx["header"]["number_line"] == "Số:      /KH-BDT"
    assert ctx["header"]["place_date"] == "Quảng Trị, ngày      tháng      năm 2020"
    assert ctx["basis_lines"][-1].endswith(".") and ctx["basis_lines"][0].endswith(";")
    assert ctx["appendix"]["total"] == format_vnd(analyze(QUANG_TRI).budget.total)


def test_number_and_date_take_leading_zeros(runner):
    result = runner.invoke(
        app, ["render", str(PLANS / "dak-glei-2019.yaml"), "--context"], catch_exceptions=False
    )
    ctx = json.loads(result.stdout)
    assert ctx["header"]["number_line"] == "Số: 07/KH-PDT"
    assert ctx["header"]["place_date"] == "Đăk Glei, ngày 18 tháng 02 năm 2019"
    assert ctx["signer"]["authority"] == "KT. TRƯỞNG PHÒNG"


def test_render_without_output_is_a_usage_error(runner):
    result = runner.invoke(app, ["render", str(QUANG_TRI)], catch_exceptions=False)
    assert result.exit_code == 2


def test_render_refuses_a_plan_with_errors(runner, tmp_path):
    plan = tmp_path / "bad.yaml"
    plan.write_text(QUANG_TRI.read_text(encoding="utf-8").replace("days: 7", "days: 0"), encoding="utf-8")
    out = tmp_path / "bad.docx"
    result = runner.invoke(app, ["render", str(plan), "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 1
    assert not out.exists()


def test_pdf_through_libreoffice_holds_the_document(tmp_path):
    """The proof with a real client: LibreOffice opens the document and prints what we wrote."""
    if shutil.which("soffice") is None or shutil.which("pdftotext") is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) and pdftotext must be installed in CI")
        pytest.skip("LibreOffice or poppler-utils is not installed")
    out = tmp_path / "kehoach.docx"
    proc = subprocess.run(
        [sys.executable, "-m", "cap135", "render", str(QUANG_TRI), "-o", str(out), "--pdf"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    pdf = out.with_suffix(".pdf")
    text = squash(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout)
    analysis = analyze(QUANG_TRI)
    budget = analysis.budget
    expected = [
        "UBND TỈNH QUẢNG TRỊ",
        "BAN DÂN TỘC",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "KẾ HOẠCH",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "II. NỘI DUNG",
        "III. KINH PHÍ",
        "IV. TỔ CHỨC THỰC HIỆN",
        "Nơi nhận:",
        "TRƯỞNG BAN",
        "Lê Văn Quyền",
        format_vnd(budget.total),
        amount_in_words(budget.total),
        "Phụ lục",
    ]
    expected += [
        f"{lesson.title} ({lesson.periods} tiết)" for g in analysis.plan.groups for lesson in g.lessons
    ]
    flat = text.replace(" ", "")
    missing = [s for s in expected if s.replace(" ", "") not in flat]
    assert not missing, missing
