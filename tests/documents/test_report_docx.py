"""The BÁO CÁO document: its template build, its content read back, its PDF through LibreOffice."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document

from cap135.budget.analysis import analyze
from cap135.cli.app import app
from cap135.money import amount_in_words, format_vnd
from tests.results.test_results import amounts, results_text, spent_for

REPO = Path(__file__).resolve().parents[2]
BUILDER = REPO / "templates" / "build_report_template.py"
SHIPPED = REPO / "src" / "cap135" / "documents" / "templates" / "baocao.docx"


def _builder():
    spec = importlib.util.spec_from_file_location("cap135_build_report_template", BUILDER)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def test_build_equals_committed_template(tmp_path):
    out = tmp_path / "baocao.docx"
    _builder().build(out)
    assert out.read_bytes() == SHIPPED.read_bytes(), (
        "src/cap135/documents/templates/baocao.docx is stale: run python templates/build_report_template.py"
    )
    again = tmp_path / "again.docx"
    _builder().build(again)
    assert again.read_bytes() == out.read_bytes()


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def paragraphs_and_tables(path: Path) -> tuple[list[str], list[list[list[str]]]]:
    doc = Document(str(path))
    paragraphs = [p.text for p in doc.paragraphs]
    tables = [[[cell.text for cell in row.cells] for row in table.rows] for table in doc.tables]
    return paragraphs, tables


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    from tests.results.test_results import PLAN

    path = tmp_path / "plan.yaml"
    path.write_text(PLAN, encoding="utf-8")
    return path


@pytest.fixture
def results(plan: Path) -> Path:
    path = plan.parent / "ket-qua.yaml"
    path.write_text(results_text(plan), encoding="utf-8")
    return path


@pytest.fixture
def rendered(runner, results, tmp_path) -> Path:
    out = tmp_path / "bao-cao.docx"
    result = runner.invoke(app, ["report", str(results), "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return out


def test_document_content(rendered, plan):
    paragraphs, tables = paragraphs_and_tables(rendered)
    text = squash("\n".join(paragraphs))
    header, comparison, held, signature = tables
    # header block: agency, Quốc hiệu, number with the BC symbol, place and date
    assert header[0][0].splitlines()[:2] == ["UBND TỈNH KON TUM", "BAN DÂN TỘC"]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header[0][1]
    assert header[1][0] == "Số: 07/BC-BDT"
    assert header[1][1] == "Kon Tum, ngày 06 tháng 12 năm 2021"
    assert "BÁO CÁO" in paragraphs
    assert (
        "Kết quả thực hiện bồi dưỡng nâng cao năng lực cho cộng đồng và cán bộ cơ sở năm 2021" in paragraphs
    )
    assert "Thực hiện Kế hoạch số 05/KH-BDT ngày 03 tháng 02 năm 2021 của Ban Dân tộc" in text
    # figures
    spent = spent_for(plan)
    total = sum(spent.values())
    budget = analyze(plan).budget.total
    assert "Đã tổ chức 3/4 lớp theo kế hoạch, với 107 lượt học viên tham dự" in text
    assert "(trong đó nữ: 41 lượt; người dân tộc thiểu số: 49 lượt)" in text
    assert "Đã tổ chức 1/1 đoàn tham quan, học tập kinh nghiệm với 11 người tham gia." in text
    assert "Kinh phí được giao: 400.000.000 đồng." in text
    assert f"Kinh phí theo dự toán của kế hoạch: {format_vnd(budget)} đồng." in text
    assert f"Kinh phí đã giải ngân: {format_vnd(total)} đồng (Bằng chữ: {amount_in_words(total)})." in text
    rate = f"{total / 400_000_000 * 100:.1f}".replace(".", ",")
    assert f"Tỷ lệ giải ngân: {rate}% so với kinh phí được giao." in text
    # plan against actual, by group and tour
    planned = amounts(plan)
    rows = {row[1]: row for row in comparison[1:-1]}
    assert rows["Nhóm cán bộ cơ sở"][2:9] == [
        "lớp",
        "2",
        "2",
        "78",
        format_vnd(planned["can-bo"]),
        format_vnd(spent["can-bo"]),
        f"{spent['can-bo'] / planned['can-bo'] * 100:.1f}".replace(".", ",") + "%",
    ]
    assert rows["Nhóm cộng đồng"][3:5] == ["2", "1"]
    assert rows["Tham quan, học tập kinh nghiệm"][2:6] == ["đoàn", "1", "1", "11"]
    assert comparison[-1][0] == "TỔNG CỘNG"
    assert comparison[-1][-3:-1] == [format_vnd(budget), format_vnd(total)]
    # classes held: date, venue, attendees, women, ethnic minority
    assert held[0][:2] == ["STT", "Thời gian"]
    assert held[1] == [
        "1",
        "10/05/2021 - 11/05/2021",
        "Nhóm cán bộ cơ sở",
        "thành phố Kon Tum",
        "38",
        "12",
        "20",
    ]
    assert held[2] == ["2", "15/06/2021", "Nhóm cán bộ cơ sở", "huyện Đăk Hà", "40", "15", ""]
    assert held[3] == ["3", "10/08/2021", "Nhóm cộng đồng", "xã Đăk Tờ Re", "29", "14", "29"]
    assert held[4][0] == "TỔNG CỘNG: 3 lớp" and held[4][-3:] == ["107", "41", "49"]
    # signature block
    left, right = signature[0]
    assert "Nơi nhận:" in left and "- UBND tỉnh (b/c);" in left and "- Lưu: VT." in left
    assert right.splitlines() == ["KT. TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "Nguyễn Văn An"]


def test_document_is_byte_reproducible(runner, results, rendered, tmp_path):
    again = tmp_path / "again.docx"
    assert runner.invoke(app, ["report", str(results), "-o", str(again)]).exit_code == 0
    assert again.read_bytes() == rendered.read_bytes()


def test_number_and_date_left_blank_when_absent(runner, plan, tmp_path):
    path = tmp_path / "kq.yaml"
    path.write_text(results_text(plan).replace("number: 7\ndate: 2021-12-06\n", ""), encoding="utf-8")
    out = tmp_path / "bc.docx"
    assert runner.invoke(app, ["report", str(path), "-o", str(out)]).exit_code == 0
    _, tables = paragraphs_and_tables(out)
    assert tables[0][1][0] == "Số:      /BC-BDT"
    assert tables[0][1][1] == "Kon Tum, ngày      tháng      năm 2021"


def test_template_is_replaceable_and_sandboxed(runner, results, tmp_path):
    from docx import Document as New

    mine = tmp_path / "mine.docx"
    doc = New()
    doc.add_paragraph("{{ header.number_line }} — {{ figures.tours }} — {{ disbursement_rate }}")
    doc.save(str(mine))
    out = tmp_path / "out.docx"
    result = runner.invoke(app, ["report", str(results), "-o", str(out), "--template", str(mine)])
    assert result.exit_code == 0, result.output
    text = Document(str(out)).paragraphs[0].text
    assert text.startswith("Số: 07/BC-BDT — Đã tổ chức 1/1 đoàn") and text.endswith("%")

    hostile = tmp_path / "hostile.docx"
    doc = New()
    doc.add_paragraph("{{ ''.__class__.__mro__[1].__subclasses__() }}")
    doc.save(str(hostile))
    bad_out = tmp_path / "bad.docx"
    result = runner.invoke(app, ["report", str(results), "-o", str(bad_out), "--template", str(hostile)])
    assert result.exit_code == 2
    assert "error[template-" in result.output
    assert not bad_out.exists()


def test_the_plan_template_does_not_fit_the_report(runner, results, tmp_path):
    kehoach = REPO / "src" / "cap135" / "documents" / "templates" / "kehoach.docx"
    out = tmp_path / "out.docx"
    result = runner.invoke(app, ["report", str(results), "-o", str(out), "--template", str(kehoach)])
    assert result.exit_code == 2
    assert "error[template-" in result.output and not out.exists()


def test_report_will_not_overwrite_its_results_file(runner, results):
    result = runner.invoke(app, ["report", str(results), "-o", str(results)])
    assert result.exit_code == 2
    assert "version: 1" in results.read_text(encoding="utf-8")


def test_pdf_through_libreoffice_holds_the_report(plan, results, tmp_path):
    """LibreOffice opens the BÁO CÁO and prints what we wrote."""
    if shutil.which("soffice") is None or shutil.which("pdftotext") is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) and pdftotext must be installed in CI")
        pytest.skip("LibreOffice or poppler-utils is not installed")
    out = tmp_path / "bao-cao.docx"
    proc = subprocess.run(
        [sys.executable, "-m", "cap135", "report", str(results), "-o", str(out), "--pdf"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    pdf = out.with_suffix(".pdf")
    text = squash(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout)
    total = sum(spent_for(plan).values())
    expected = [
        "UBND TỈNH KON TUM",
        "BAN DÂN TỘC",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 07/BC-BDT",
        "BÁO CÁO",
        "I. KẾT QUẢ THỰC HIỆN",
        "II. DANH SÁCH CÁC LỚP ĐÃ TỔ CHỨC",
        format_vnd(total),
        amount_in_words(total),
        "xã Đăk Tờ Re",
        "Nơi nhận:",
        "PHÓ TRƯỞNG BAN",
        "Nguyễn Văn An",
    ]
    flat = text.replace(" ", "")
    missing = [s for s in expected if s.replace(" ", "") not in flat]
    assert not missing, missing


def test_figures_say_what_was_not_recorded(runner, tmp_path):
    """No tour in the plan and no class recording women or ethnic minority: no invented zeros."""
    from tests.results.test_results import PLAN

    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN[: PLAN.index("tours:")] + PLAN[PLAN.index("organization:") :], encoding="utf-8")
    results = tmp_path / "kq.yaml"
    results.write_text(
        "version: 1\nplan: plan.yaml\nas_of: 2021-12-31\n"
        "classes:\n  - {group: can-bo, held: 2021-05-10, attendees: 33}\n"
        "spent: {can-bo: 1000000}\n",
        encoding="utf-8",
    )
    out = tmp_path / "bc.docx"
    result = runner.invoke(app, ["report", str(results), "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    text = squash("\n".join(paragraphs_and_tables(out)[0]))
    assert "Đã tổ chức 1/4 lớp theo kế hoạch, với 33 lượt học viên tham dự." in text
    assert "Kế hoạch không có đoàn tham quan, học tập kinh nghiệm." in text
    assert "Tỷ lệ giải ngân: 0,3% so với kinh phí được giao." in text  # 1.000.000 of 400.000.000
