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
from docx.oxml.ns import qn

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
    header, comparison, signature, held = tables
    # header block: agency, Quốc hiệu, number with the BC symbol, place and date
    assert header[0][0].splitlines()[:2] == ["UBND TỈNH KON TUM", "BAN DÂN TỘC"]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header[0][1]
    assert header[1][0] == "Số: 07/BC-BDT"
    assert header[1][1] == "Kon Tum, ngày 06 tháng 12 năm 2021"
    assert "BÁO CÁO" in paragraphs
    assert (
        "Kết quả thực hiện bồi dưỡng nâng cao năng lực cho cộng đồng và cán bộ cơ sở năm 2021" in paragraphs
    )
    # the opening cites the plan by its number and date, read from the plan
    assert (
        "Thực hiện Kế hoạch số 05/KH-BDT ngày 3/2/2021 của Ban Dân tộc về việc thực hiện bồi dưỡng nâng cao "
        "năng lực cho cộng đồng và cán bộ cơ sở năm 2021, Ban Dân tộc báo cáo kết quả thực hiện đến "
        "ngày 30/11/2021 như sau:"
    ) in paragraphs
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
    # the total adds money only: attendees (107) and tour people (11) are never one figure
    assert comparison[-1][:6] == ["TỔNG CỘNG KINH PHÍ"] * 6
    assert comparison[-1][-3:-1] == [format_vnd(budget), format_vnd(total)]
    assert "118" not in comparison[-1]
    # Đánh giá chung, Đề xuất, kiến nghị: the results file's paragraphs under their headings
    order = [
        "II. ĐÁNH GIÁ CHUNG",
        "1. Kết quả đạt được:",
        "Các lớp tổ chức đúng đối tượng, nội dung thiết thực.",
        "Học viên vận dụng được kiến thức vào công việc ở thôn.",
        "2. Tồn tại, hạn chế và nguyên nhân:",
        "Một lớp cộng đồng chưa tổ chức; nguyên nhân: mưa lũ.",
        "III. ĐỀ XUẤT, KIẾN NGHỊ",
        "Đề nghị giao kinh phí sớm.",
        "Trên đây là báo cáo kết quả thực hiện bồi dưỡng nâng cao năng lực cho cộng đồng và cán bộ cơ sở "
        "năm 2021 của Ban Dân tộc./.",
        "Phụ lục",
        "DANH SÁCH CÁC LỚP ĐÃ TỔ CHỨC",
        "(Kèm theo Báo cáo số 07/BC-BDT ngày 06 tháng 12 năm 2021 của Ban Dân tộc)",
    ]
    positions = [paragraphs.index(line) for line in order]
    assert positions == sorted(positions)
    assert "DỰ THẢO" not in text
    # no id, no file name, no ISO date anywhere a reader looks
    everything = text + squash(str(tables))
    for word in ("can-bo", "cong-dong", "tour-bac", ".yaml"):
        assert word not in everything, word
    assert not re.search(r"\d{4}-\d{2}-\d{2}", everything)
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
    plan.write_text(plan.read_text(encoding="utf-8").replace("number: 5\ndate: 2021-02-03\n", ""))
    out = tmp_path / "bc.docx"
    assert runner.invoke(app, ["report", str(path), "-o", str(out)]).exit_code == 0
    paragraphs, tables = paragraphs_and_tables(out)
    assert tables[0][1][0] == "Số:      /BC-BDT"
    assert tables[0][1][1] == "Kon Tum, ngày      tháng      năm 2021"
    # a plan without a number and a date: blanks to fill by hand, in the same sentence
    opening = next(p for p in paragraphs if p.startswith("Thực hiện Kế hoạch"))
    assert opening.startswith("Thực hiện Kế hoạch số      /KH-BDT ngày      /      /2021 của Ban Dân tộc về ")
    assert "(Kèm theo Báo cáo số      /BC-BDT ngày      tháng      năm 2021 của Ban Dân tộc)" in paragraphs


def _rows_of(path: Path, table: int):
    from docx import Document as Read

    return Read(str(path)).tables[table].rows


def test_the_total_row_keeps_with_its_table(rendered):
    """No total row alone at the top of a page: the last item row keeps with it, and no row
    breaks across pages (the header row repeats)."""
    for index in (1, 3):  # plan against actual; the classes held
        rows = _rows_of(rendered, index)
        keep = [
            all(
                p.paragraph_format.keep_with_next or p.style.paragraph_format.keep_with_next
                for c in row.cells
                for p in c.paragraphs
            )
            for row in rows
        ]
        assert keep[-2] and not keep[-1] and not any(keep[1:-2])
        for row in rows:
            assert row._tr.trPr is not None and row._tr.trPr.find(qn("w:cantSplit")) is not None
        assert rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None


def test_the_final_report_needs_its_assessment(runner, plan, tmp_path):
    text = results_text(plan)
    path = tmp_path / "kq.yaml"
    path.write_text(text[: text.index("assessment:")], encoding="utf-8")
    out = tmp_path / "bc.docx"
    result = runner.invoke(app, ["report", str(path), "-o", str(out)])
    assert result.exit_code == 1 and not out.exists()
    assert f"{path}:1:1: error[report-assessment-missing]" in result.output
    assert "dùng --draft để in bản dự thảo" in result.output
    # the starter's placeholders, and an empty section: each at its line
    path.write_text(
        text[: text.index("assessment:")]
        + 'assessment:\n  achievements:\n    - "[Kết quả đạt được]"\n  shortcomings: []\n'
        + "  recommendations:\n    - Đề nghị giao kinh phí sớm.\n",
        encoding="utf-8",
    )
    lines = path.read_text(encoding="utf-8").splitlines()
    at = lines.index('    - "[Kết quả đạt được]"') + 1
    empty = lines.index("  shortcomings: []") + 1
    result = runner.invoke(app, ["--lang", "en", "report", str(path), "-o", str(out)])
    assert result.exit_code == 1 and not out.exists()
    assert f"{path}:{at}:7: error[report-placeholder-left]: a placeholder is left to fill: [Kết quả" in (
        result.output
    )
    assert f"{path}:{empty}:17: error[report-section-missing]" in result.output
    assert "not ready to sign (2 gaps)" in result.output
    # validate warns about the placeholder, as for a plan
    checked = runner.invoke(app, ["validate", str(path)])
    assert checked.exit_code == 0 and "warning[results-placeholder-left]" in checked.output
    # tables and data are not the signed paper: they print without the assessment
    assert runner.invoke(app, ["report", str(path), "--format", "json"]).exit_code == 0


def test_a_draft_renders_marked_as_such(runner, plan, tmp_path):
    text = results_text(plan)
    path = tmp_path / "kq.yaml"
    path.write_text(text[: text.index("assessment:")], encoding="utf-8")
    out = tmp_path / "du-thao.docx"
    result = runner.invoke(app, ["report", str(path), "-o", str(out), "--draft"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    # as the KẾ HOẠCH's draft: DỰ THẢO above the header block, and a watermark on every page
    paragraphs = [p.text for p in Document(str(out)).paragraphs]
    assert paragraphs[0] == "DỰ THẢO"
    assert "[Cần bổ sung: kết quả đạt được]" in paragraphs
    assert "[Cần bổ sung: đề xuất, kiến nghị]" in paragraphs
    assert _header_xml(out).count('string="DỰ THẢO"') == 2  # the first page's header and the others'
    final = tmp_path / "final.docx"
    runner.invoke(app, ["report", str(results_path(plan, tmp_path)), "-o", str(final)])
    assert "DỰ THẢO" not in _header_xml(final) and "v:textpath" not in _header_xml(final)
    assert "DỰ THẢO" not in [p.text for p in Document(str(final)).paragraphs]
    for args in (["--format", "json"], ["-o", str(tmp_path / "kq.xlsx")]):
        result = runner.invoke(app, ["report", str(path), "--draft", *args])
        assert result.exit_code == 2 and "--draft" in result.output


def _header_xml(docx: Path) -> str:
    import zipfile

    with zipfile.ZipFile(docx) as z:
        return " ".join(z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("word/header"))


def results_path(plan: Path, tmp_path: Path) -> Path:
    path = tmp_path / "full.yaml"
    path.write_text(results_text(plan), encoding="utf-8")
    return path


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
        "II. ĐÁNH GIÁ CHUNG",
        "III. ĐỀ XUẤT, KIẾN NGHỊ",
        "DANH SÁCH CÁC LỚP ĐÃ TỔ CHỨC",
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
        "spent: {can-bo: 1000000}\n"
        "assessment: {achievements: [Tốt.], shortcomings: [Chưa đủ lớp.], recommendations: [Giao sớm.]}\n",
        encoding="utf-8",
    )
    out = tmp_path / "bc.docx"
    result = runner.invoke(app, ["report", str(results), "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    text = squash("\n".join(paragraphs_and_tables(out)[0]))
    assert "Đã tổ chức 1/4 lớp theo kế hoạch, với 33 lượt học viên tham dự." in text
    assert "Kế hoạch không có đoàn tham quan, học tập kinh nghiệm." in text
    assert "Tỷ lệ giải ngân: 0,3% so với kinh phí được giao." in text  # 1.000.000 of 400.000.000


def test_the_shipped_example_renders_final(runner, tmp_path):
    """plans/results/: the example an officer copies validates clean and renders as the final
    BÁO CÁO, its assessment written (no placeholder, no DỰ THẢO)."""
    example = REPO / "plans" / "results" / "quang-tri-2020.results.yaml"
    checked = runner.invoke(app, ["validate", str(example)], catch_exceptions=False)
    assert checked.exit_code == 0 and "warning" not in checked.output, checked.output
    out = tmp_path / "bao-cao.docx"
    result = runner.invoke(app, ["report", str(example), "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    paragraphs, _ = paragraphs_and_tables(out)
    for heading in ("II. ĐÁNH GIÁ CHUNG", "1. Kết quả đạt được:", "III. ĐỀ XUẤT, KIẾN NGHỊ"):
        assert heading in paragraphs
    assert not [p for p in paragraphs if "[" in p or "DỰ THẢO" in p]


def test_a_class_on_another_day_of_its_planned_month_is_no_warning(runner, plan, tmp_path):
    path = tmp_path / "kq.yaml"
    path.write_text(results_text(plan).replace("held: 2021-08-10", "held: 2021-08-25"), encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path)], catch_exceptions=False)
    assert result.exit_code == 0 and "results-outside-schedule" not in result.output
