"""The output package (issues 11.5, 13): one writer per format over the records of cost,
summary and diff; workbooks with cached values that print as a finance office expects;
CSV headers in the language of the run; tables that never split an amount."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from conftest import PLANS, QUANG_TRI, edited
from openpyxl import load_workbook
from typer.testing import CliRunner

from cap135.budget.analysis import analyze
from cap135.cli.app import app
from cap135.money import amount_in_words, format_vnd
from cap135.tables import CostRecord, write
from cap135.tables.records import Column, Row, Sheet
from cap135.tables.text_table import render, wrap


def run(*args: str, env: dict | None = None):
    return CliRunner().invoke(app, list(args), catch_exceptions=False, env=env)


# --- terminal tables -------------------------------------------------------------------


@pytest.mark.parametrize(
    "command", [["cost", str(QUANG_TRI)], ["summary", *map(str, sorted(PLANS.glob("*.yaml")))]]
)
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_narrow_terminal_never_splits_an_amount(command, lang):
    result = run("--lang", lang, *command, env={"COLUMNS": "60"})
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    budget = analyze(QUANG_TRI).budget
    amounts = [format_vnd(x.amount) for x in budget.lines] + [format_vnd(budget.total)]
    if command[0] == "summary":
        data = json.loads(run(*command, "--format", "json").stdout)
        amounts = [format_vnd(data["ceiling"]), format_vnd(data["total"])]
        amounts += [format_vnd(year["total"]) for year in data["by_year"].values()]
    for amount in amounts:
        assert any(re.search(rf"(^|\s){re.escape(amount)}(\s|$)", line) for line in lines), amount
    table = lines[
        : next(
            i
            for i, x in enumerate(lines)
            if x.startswith(("Bằng chữ", "In words", "Tổng kinh phí", "Sum of"))
        )
    ]
    assert max(len(line) for line in table) <= 60


def test_table_layout_is_linear_and_wraps_text_only():
    sheet = Sheet(
        name="t",
        title="T",
        columns=(Column("Nội dung"), Column("Thành tiền (đồng)", numeric=True)),
        rows=tuple(Row("line", (f"khoản chi số {i} " * 3, 1_234_567_890 + i)) for i in range(2000)),
    )
    text = render(sheet, 40)
    lines = text.splitlines()
    assert all(len(x) <= 40 for x in lines)
    assert sum("1.234.567.890" in x for x in lines) == 1  # never wrapped
    assert text.count("khoản chi số 1999") == 1


def test_a_wide_character_in_a_one_cell_column_still_wraps():
    """Regression: a character two cells wide in a column one cell wide made the cut of an
    overlong word return the whole word again, and the wrap never ended."""
    assert wrap("🙂中a", 1) == ["🙂", "中", "a"]
    assert wrap("  Thông 🙂🙂", 2) == [" T", " h", " ô", " n", " g", " 🙂", " 🙂"]


def test_a_repeated_text_is_laid_out_as_its_first_use():
    rows = [Row("line", ("Thông tư 36/2018/TT-BTC, Điều 5", 1000 + i)) for i in range(3)]
    sheet = Sheet(
        name="t", title="T", columns=(Column("Căn cứ"), Column("Tiền", numeric=True)), rows=tuple(rows)
    )
    lines = render(sheet, 24).splitlines()[3:]
    assert len(lines) % 3 == 0
    third = len(lines) // 3
    assert [x.replace("1.001", "1.000") for x in lines[third : 2 * third]] == lines[:third]


def test_bold_only_on_a_colour_terminal():
    plain = run("cost", str(QUANG_TRI)).stdout
    assert "\x1b[" not in plain


# --- CSV -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "header", "total"),
    [
        (
            "vi",
            ["STT", "Nội dung", "Đơn vị tính", "Số lượng", "Đơn giá (đồng)", "Thành tiền (đồng)", "Căn cứ"],
            "TỔNG CỘNG",
        ),
        ("en", ["No.", "Item", "Unit", "Quantity", "Rate (đồng)", "Amount (đồng)", "Basis"], "TOTAL"),
    ],
)
def test_cost_csv_has_the_table_columns_in_the_language(lang, header, total):
    result = run("--lang", lang, "cost", str(QUANG_TRI), "--format", "csv")
    rows = list(csv.reader(io.StringIO(result.stdout.lstrip("\ufeff"))))
    assert rows[0] == header
    table = run("--lang", lang, "cost", str(QUANG_TRI), env={"COLUMNS": "250"}).stdout
    for name in header:
        assert name in table  # the same columns as the table
    budget = analyze(QUANG_TRI).budget
    assert rows[-1][1] == total and int(rows[-1][5]) == budget.total
    assert [int(r[5]) for r in rows if r[0] in ("I", "II", "III", "IV")] == [
        s.subtotal for s in budget.sections
    ]


def test_cost_csv_env_language():
    result = run("cost", str(QUANG_TRI), "--format", "csv", env={"CAP135_LANG": "en"})
    assert result.stdout.lstrip("\ufeff").startswith("No.,Item,")


# --- workbooks -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def workbook(tmp_path_factory):
    out = tmp_path_factory.mktemp("xlsx") / "du-toan.xlsx"
    assert run("cost", str(QUANG_TRI), "--format", "xlsx", "-o", str(out)).exit_code == 0
    return out


def test_cached_values_are_the_figures(workbook):
    """A reader that never recalculates (pandas, previewers) sees every figure."""
    budget = analyze(QUANG_TRI).budget
    formulas = load_workbook(workbook).active
    values = load_workbook(workbook, data_only=True).active
    amounts = [row[5] for row in values.iter_rows(min_row=8, values_only=True) if row[5] is not None]
    expected = []
    for section in budget.sections:
        expected += [section.subtotal, *(line.amount for line in section.lines)]
    expected += [budget.total, budget.ceiling, budget.ceiling - budget.total]
    assert amounts == expected
    live = [c.value for c in formulas["F"] if isinstance(c.value, str) and c.value.startswith("=")]
    assert len(live) == len(budget.lines) + len(budget.sections) + 2  # + total and headroom


def test_the_notes_under_the_table(workbook):
    budget = analyze(QUANG_TRI).budget
    ws = load_workbook(workbook, data_only=True).active
    rows = list(ws.iter_rows(values_only=True))
    texts = [str(c) for row in rows for c in row if c is not None]
    assert f"Bằng chữ: {amount_in_words(budget.total)}" in texts
    ceiling = next(r for r in rows if r[1] == "Kinh phí được giao")
    headroom = next(r for r in rows if r[1] == "Còn lại")
    assert ceiling[5] == 1_251_000_000 and headroom[5] == 1_251_000_000 - budget.total
    formula = load_workbook(workbook).active
    row = next(c.row for c in formula["B"] if c.value == "Còn lại")
    assert formula[f"F{row}"].value.startswith("=F")


def test_an_overrun_is_named(tmp_path):
    text, _ = edited(QUANG_TRI.read_text(encoding="utf-8"), "ceiling: 1251000000", "ceiling: 1000000000")
    plan = tmp_path / "over.yaml"
    plan.write_text(text, encoding="utf-8")
    out = tmp_path / "over.xlsx"
    run("--lang", "en", "cost", str(plan), "--format", "xlsx", "-o", str(out))
    rows = list(load_workbook(out, data_only=True).active.iter_rows(values_only=True))
    over = next(r for r in rows if r[1] == "Over the ceiling by")
    assert over[5] == analyze(QUANG_TRI).budget.total - 1_000_000_000


def test_it_prints_as_a_finance_office_expects(workbook):
    ws = load_workbook(workbook).active
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == 9  # A4
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.page_setup.fitToWidth in (None, 1) and ws.page_setup.fitToHeight == 0  # one page wide
    assert ws.print_title_rows == "$7:$7"  # the header row on every page, under the heading block
    assert ws.freeze_panes == "A8"
    fonts = {
        c.font.name for row in ws.iter_rows(min_row=1, max_row=ws.max_row) for c in row if c.value is not None
    }
    assert fonts == {"Times New Roman"}
    assert ws["B9"].border.left.style == "thin" and ws["F9"].border.bottom.style == "thin"
    assert ws["F9"].number_format == "#,##0"


def test_reproducible_bytes(tmp_path):
    outs = []
    for name in ("a.xlsx", "b.xlsx"):
        run(
            "summary", *map(str, sorted(PLANS.glob("*.yaml"))), "--format", "xlsx", "-o", str(tmp_path / name)
        )
        outs.append((tmp_path / name).read_bytes())
    assert outs[0] == outs[1]


def test_plan_text_is_text_never_a_formula(tmp_path):
    text = QUANG_TRI.read_text(encoding="utf-8")
    text, _ = edited(
        text, "name: Tham quan, học tập kinh nghiệm", 'name: "=HYPERLINK(\\"http://x\\")\\u001b[31m"'
    )
    plan = tmp_path / "p.yaml"
    plan.write_text(text, encoding="utf-8")
    out = tmp_path / "p.xlsx"
    assert run("cost", str(plan), "--format", "xlsx", "-o", str(out)).exit_code == 0
    ws = load_workbook(out).active
    cell = next(
        c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and "HYPERLINK" in c.value
    )
    assert cell.data_type == "s" and cell.value == '=HYPERLINK("http://x")[31m'  # ESC stripped
    sheet = write("xlsx", CostRecord(analyze(plan).plan, analyze(plan).budget), "vi")
    assert b"<f>HYPERLINK" not in sheet and b"<f>=HYPERLINK" not in sheet


def test_rows_with_long_text_get_their_lines(workbook):
    """Spreadsheets that do not grow a wrapped row on opening (LibreOffice converting to PDF)
    still show the whole basis: such rows carry a height of several lines."""
    ws = load_workbook(workbook).active
    long_rows = [c.row for c in ws["G"] if isinstance(c.value, str) and len(c.value) > 60]
    short_rows = [c.row for c in ws["G"] if isinstance(c.value, str) and 0 < len(c.value) <= 40]
    assert long_rows and short_rows
    assert all((ws.row_dimensions[r].height or 0) >= 32 for r in long_rows)
    assert all(ws.row_dimensions[r].height is None for r in short_rows)


def test_the_workbook_is_a_paper_with_its_heading_and_signatures(workbook):
    """Issue 25: the dự toán as a finance office files it: the heading block of an
    administrative paper, the rate table by its title, the total in words, the signatures."""
    budget = analyze(QUANG_TRI).budget
    ws = load_workbook(workbook, data_only=True).active
    rows = list(ws.iter_rows(values_only=True))
    cells = [(r, c, v) for r, row in enumerate(rows, start=1) for c, v in enumerate(row) if v is not None]
    texts = [str(v) for _, _, v in cells]
    assert rows[0][0] == "UBND TỈNH QUẢNG TRỊ" and rows[1][0] == "BAN DÂN TỘC"
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in rows[0] and "Độc lập - Tự do - Hạnh phúc" in rows[1]
    assert rows[3][0] == "DỰ TOÁN KINH PHÍ"
    assert rows[4][0] == (
        "Thực hiện Tiểu dự án 3: Nâng cao năng lực cho cộng đồng và cán bộ cơ sở thuộc Chương trình 135 "
        "năm 2020"
    )
    assert rows[5][0] == "Đơn vị tính: đồng"
    assert f"Bằng chữ: {amount_in_words(budget.total)}" in texts
    table = next(t for t in texts if t.startswith("Bảng định mức: "))
    assert table == "Bảng định mức: " + budget.table_title and budget.table_title.startswith(
        "Định mức chi tỉnh"
    )
    # the signature block under the notes: place and date, three signers, the head's name
    assert "Quảng Trị, ngày      tháng      năm 2020" in texts  # blanks, as in the KẾ HOẠCH
    titles = [
        (r, c, v) for r, c, v in cells if v in ("NGƯỜI LẬP BIỂU", "KẾ TOÁN TRƯỞNG", "THỦ TRƯỞNG ĐƠN VỊ")
    ]
    assert [v for _, _, v in titles] == ["NGƯỜI LẬP BIỂU", "KẾ TOÁN TRƯỞNG", "THỦ TRƯỞNG ĐƠN VỊ"]
    assert len({r for r, _, _ in titles}) == 1  # side by side
    name = next((r, c) for r, c, v in cells if v == "Lê Văn Quyền")
    assert name[0] > titles[0][0] and name[1] == titles[2][1]  # under the head of the unit
    assert ws.print_area is not None and ws.print_area.endswith(f"$G${name[0]}")  # printed too
    # no review notes on the paper
    for word in ("Giả định", "giả định", "mặc định", "chưa kiểm chứng", "cap135", "quang-tri-2020"):
        assert not [t for t in texts if word in t], word


def test_review_notes_go_to_the_terminal(tmp_path):
    out = tmp_path / "dt.xlsx"
    result = CliRunner().invoke(app, ["cost", str(QUANG_TRI), "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0
    budget = analyze(QUANG_TRI).budget
    assert f"Giả định của dự toán (để kiểm tra, không in vào {out}):" in result.stderr
    for assumption in budget.assumptions:
        assert f"- {assumption.text('vi')}" in result.stderr
    table = run("cost", str(QUANG_TRI)).stdout  # the terminal table keeps them under the table
    assert "Giả định của dự toán:" in table


def test_a_commune_office_signs_with_its_accounts_officer(tmp_path):
    text, _ = edited(
        QUANG_TRI.read_text(encoding="utf-8"), "  code: BDT\n", "  code: BDT\n  level: commune\n"
    )
    plan = tmp_path / "xa.yaml"
    plan.write_text(text, encoding="utf-8")
    out = tmp_path / "xa.xlsx"
    assert run("cost", str(plan), "-o", str(out)).exit_code in (0, 1)
    texts = {str(c) for row in load_workbook(out).active.iter_rows(values_only=True) for c in row if c}
    assert "PHỤ TRÁCH KẾ TOÁN" in texts and "KẾ TOÁN TRƯỞNG" not in texts
