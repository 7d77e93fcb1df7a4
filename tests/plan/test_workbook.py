"""Plans as workbooks (issue 23): real .xlsx files written by cap135, edited cell by cell with
openpyxl and re-saved by LibreOffice Calc, read into the same data, checks and figures as their
YAML form; bad cells are findings at Sheet!Cell; files that are not .xlsx exit 2.

The helpers here (run, copy_plans, resave, cost_json, convert) serve the results workbook tests
(tests/results/test_workbook.py) and fit's (tests/budget/test_fit.py) too."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import unicodedata
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from conftest import ROOT
from typer.testing import CliRunner

from cap135.budget.analysis import analyze
from cap135.cli.app import app
from cap135.documents.kehoach_context import build_context
from cap135.plan.plan_file import read_plan_file
from cap135.plan.workbook_writer import plan_workbook
from cap135.plan.yaml_loader import read_file

PLANS = sorted((ROOT / "plans").glob("*.yaml"))


def run(*args: str):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def copy_plans(tmp_path: Path) -> Path:
    """plans/ copied, so that a results workbook finds its plan by the same relative name."""
    target = tmp_path / "plans"
    shutil.copytree(ROOT / "plans", target)
    return target


def soffice() -> str:
    found = shutil.which("soffice")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("soffice not installed, but CI is set: the LibreOffice re-save must run in CI")
        pytest.skip("soffice not installed (libreoffice-calc-nogui)")
    return found


def resave(path: Path, tmp_path: Path, fmt: str = "xlsx") -> Path:
    """`path` opened and saved again by LibreOffice Calc (headless), as `fmt`."""
    out = tmp_path / f"lo-{path.stem}"
    out.mkdir(exist_ok=True)
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        [
            soffice(),
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            fmt,
            "--outdir",
            str(out),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    saved = out / f"{path.stem}.{fmt}"
    assert saved.exists()
    return saved


def cost_json(path: Path) -> dict:
    result = run("cost", str(path), "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def convert(source: Path, target: Path) -> Path:
    result = run("convert", str(source), "-o", str(target))
    assert result.exit_code == 0, result.output
    return target


# --- exactness ----------------------------------------------------------------------------------


@pytest.mark.parametrize("plan", PLANS, ids=lambda p: p.stem)
def test_plan_round_trip_costs_and_renders_identically(plan, tmp_path):
    plans = copy_plans(tmp_path)
    source = plans / plan.name
    workbook = convert(source, plans / f"{plan.stem}.xlsx")
    assert cost_json(workbook) == cost_json(source)
    yaml_again = convert(workbook, plans / f"{plan.stem}-again.yaml")
    assert cost_json(yaml_again) == cost_json(source)
    original, from_workbook = analyze(source), analyze(workbook)
    assert from_workbook.plan == original.plan
    assert build_context(from_workbook.plan, from_workbook.budget) == build_context(
        original.plan, original.budget
    )
    # workbook → YAML → workbook: the same bytes, so the same data read back
    workbook_again = convert(yaml_again, plans / f"{plan.stem}-again.xlsx")
    assert workbook_again.read_bytes() == workbook.read_bytes()


def test_same_data_same_bytes():
    data = read_file(ROOT / "plans" / "quang-tri-2020.yaml").data
    assert plan_workbook(data) == plan_workbook(data)


def test_nfc_text_and_line_breaks_kept(tmp_path):
    plans = copy_plans(tmp_path)
    workbook = convert(plans / "quang-tri-2020.yaml", plans / "qt.xlsx")
    book = openpyxl.load_workbook(workbook)
    decomposed = unicodedata.normalize("NFD", "Cán bộ Ban Dân tộc\nvà mời các Sở, ban ngành.")
    book["Nhóm"]["M2"] = decomposed
    book.save(workbook)
    plan = analyze(workbook).plan
    assert plan is not None
    assert plan.groups[0].speakers.text == unicodedata.normalize("NFC", decomposed)
    assert "\n" in plan.groups[0].speakers.text
    back = convert(workbook, plans / "qt.yaml")
    assert analyze(back).plan == plan


# --- the workbook an officer sees -----------------------------------------------------------------


def test_layout_dropdowns_dates_frozen_headers(tmp_path):
    plans = copy_plans(tmp_path)
    workbook = convert(plans / "soc-trang-2024.yaml", plans / "st.xlsx")
    book = openpyxl.load_workbook(workbook)
    assert book.sheetnames[:6] == [
        "Hướng dẫn",
        "Thông tin chung",
        "Nội dung văn bản",
        "Nhóm",
        "Lớp",
        "Chuyên đề",
    ]
    groups = book["Nhóm"]
    assert groups.freeze_panes == "A2"
    assert groups["H1"].value == "Số ngày mỗi lớp (ngày)"
    assert groups.page_setup.orientation == "landscape"
    assert groups.sheet_properties.pageSetUpPr.fitToPage
    lists = {str(dv.sqref): dv.formula1 for dv in groups.data_validations.dataValidation}
    assert any(ref.startswith("C2:") and f == '"cán bộ,cộng đồng"' for ref, f in lists.items())
    general = book["Thông tin chung"]
    date_row = next(r for r in general.iter_rows(min_row=2) if r[0].value == "Ngày ban hành")
    assert isinstance(date_row[1].value, datetime) and date_row[1].number_format == "dd/mm/yyyy"
    counted = openpyxl.load_workbook(convert(plans / "quang-tri-2020.yaml", plans / "qt.xlsx"))["Nhóm"]
    schedule = counted["I2"]
    assert isinstance(schedule.value, datetime) and schedule.number_format == "mm/yyyy"  # a month
    assert counted["G2"].value == 84 and counted["G2"].data_type == "n"  # a count is a number cell
    for sheet in book.worksheets:  # no figure cap135 computes, no formula at all
        for row in sheet.iter_rows():
            assert not any(c.data_type == "f" for c in row)


def test_officer_additions_change_nothing(tmp_path):
    plans = copy_plans(tmp_path)
    workbook = convert(plans / "quang-tri-2020.yaml", plans / "qt.xlsx")
    before = read_plan_file(workbook).data
    book = openpyxl.load_workbook(workbook)
    notes = book.create_sheet("Ghi chú của tôi")
    notes["A1"] = "Đã trình lãnh đạo ngày 12/3"
    groups = book["Nhóm"]
    groups.cell(1, 25, "Ghi chú riêng")
    groups.cell(2, 25, "xem lại số lớp")
    for row in range(5, 40):  # empty trailing rows with formatting, as an officer leaves them
        groups.cell(row, 1).number_format = "@"
        groups.cell(row, 3, "  ")
    book.save(workbook)
    assert read_plan_file(workbook).data == before


def test_formula_read_by_its_stored_value(tmp_path):
    plans = copy_plans(tmp_path)
    workbook = convert(plans / "quang-tri-2020.yaml", plans / "qt.xlsx")
    book = openpyxl.load_workbook(workbook)
    book["Nhóm"]["F4"] = "=4+5"  # cong-dong: 9 classes, as a formula
    book.save(workbook)
    result = run("validate", str(workbook))  # openpyxl stores no value: a finding, never 0
    assert result.exit_code == 1
    assert "qt.xlsx:Nhóm!F4: error[workbook-formula-no-value]" in result.output
    resaved = resave(workbook, tmp_path)  # LibreOffice computes and stores it
    target = plans / "qt-lo.xlsx"
    shutil.copy(resaved, target)
    assert cost_json(target) == cost_json(plans / "quang-tri-2020.yaml")


@pytest.mark.parametrize("path", PLANS, ids=lambda p: p.stem)
def test_libreoffice_resave_changes_nothing(path, tmp_path):
    plans = copy_plans(tmp_path)
    source = plans / path.relative_to(ROOT / "plans")
    workbook = convert(source, source.with_suffix(".xlsx"))
    resaved = resave(workbook, tmp_path)
    target = source.with_name(source.stem + "-lo.xlsx")
    shutil.copy(resaved, target)
    assert read_plan_file(target).data == read_plan_file(workbook).data
    assert read_plan_file(target).findings == ()
    dropdowns = openpyxl.load_workbook(target)
    assert any(sheet.data_validations.dataValidation for sheet in dropdowns.worksheets)


# --- bad cells: findings at Sheet!Cell, in both languages --------------------------------------

BAD_CELLS = [
    ("Nhóm", "H2", "ba", "error[expected-integer]: cần một số nguyên, nhận được 'ba'"),
    ("Nhóm", "F3", -2, "error[must-be-positive]"),
    ("Nhóm", "G2", 84.5, "error[expected-integer]"),
    ("Nhóm", "I2", "tháng năm", "error[bad-moment]"),
    (
        "Nhóm",
        "C3",
        "học sinh",
        "error[bad-choice]: giá trị 'học sinh' không hợp lệ; chọn một trong: cán bộ, cộng đồng",
    ),
    (
        "Nhóm",
        "A3",
        "tuyen-truyen",
        "error[duplicate-id]: mã 'tuyen-truyen' bị trùng (đã dùng ở Nhóm!A2)",
    ),
    (
        "Chuyên đề",
        "A3",
        "tuyen-truyn",
        "error[workbook-unknown-group]: không có nhóm 'tuyen-truyn' ở trang Nhóm",
    ),
]


@pytest.mark.parametrize(("sheet", "cell", "value", "expected"), BAD_CELLS)
def test_bad_cell_is_a_finding_at_its_cell(sheet, cell, value, expected, tmp_path):
    plans = copy_plans(tmp_path)
    workbook = convert(plans / "quang-tri-2020.yaml", plans / "qt.xlsx")
    book = openpyxl.load_workbook(workbook)
    book[sheet][cell] = value
    book.save(workbook)
    result = run("validate", str(workbook))
    assert result.exit_code == 1
    where = f"'{sheet}'" if " " in sheet else sheet
    line = next(x for x in result.output.splitlines() if x.startswith(f"{workbook}:{where}!{cell}:"))
    assert expected in line
    english = run("--lang", "en", "validate", str(workbook))
    assert english.exit_code == 1 and f"{where}!{cell}: error[" in english.output
    assert "Traceback" not in result.output + english.output


def test_a_refused_cell_keeps_its_row_for_the_rows_that_refer_to_it(tmp_path):
    """A word not in a dropdown in a group's row is that cell's one finding: the group's lessons
    on the other sheet still find their group (no 'no group …' finding for each of them)."""
    plans = copy_plans(tmp_path)
    workbook = convert(plans / "quang-tri-2020.yaml", plans / "qt.xlsx")
    book = openpyxl.load_workbook(workbook)
    book["Nhóm"]["C3"] = "học sinh"
    book.save(workbook)
    result = run("validate", str(workbook))
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if ": error[" in line]
    assert len(errors) == 1 and errors[0].startswith(f"{workbook}:Nhóm!C3: error[bad-choice]")


def test_bad_cell_in_english(tmp_path):
    plans = copy_plans(tmp_path)
    workbook = convert(plans / "quang-tri-2020.yaml", plans / "qt.xlsx")
    book = openpyxl.load_workbook(workbook)
    book["Nhóm"]["H2"] = "ba"
    book.save(workbook)
    result = run("--lang", "en", "validate", str(workbook), "--format", "json")
    records = json.loads(result.stdout)
    found = next(r for r in records if r["code"] == "expected-integer")
    assert (found["sheet"], found["cell"], found["line"]) == ("Nhóm", "H2", None)
    assert found["message"] == "expected a whole number, got 'ba'"


@pytest.mark.parametrize("change", ["delete", "rename"])
def test_required_column_deleted_or_renamed(change, tmp_path):
    plans = copy_plans(tmp_path)
    workbook = convert(plans / "quang-tri-2020.yaml", plans / "qt.xlsx")
    book = openpyxl.load_workbook(workbook)
    if change == "delete":
        book["Nhóm"].delete_cols(8)  # Số ngày mỗi lớp (ngày)
    else:
        book["Nhóm"]["H1"] = "Số ngày"
    book.save(workbook)
    result = run("validate", str(workbook))
    assert result.exit_code == 1
    assert (
        "qt.xlsx:Nhóm!A1: error[workbook-missing-column]: trang 'Nhóm' thiếu cột 'Số ngày mỗi lớp (ngày)'"
        in (result.output)
    )


def test_missing_value_points_at_its_empty_cell(tmp_path):
    plans = copy_plans(tmp_path)
    workbook = convert(plans / "quang-tri-2020.yaml", plans / "qt.xlsx")
    book = openpyxl.load_workbook(workbook)
    book["Nhóm"]["H3"] = None
    book.save(workbook)
    result = run("validate", str(workbook))
    assert "qt.xlsx:Nhóm!H3: error[missing-key]" in result.output


# --- files that are not .xlsx: exit 2, saying what they are --------------------------------------


def _unreadable(path: Path, code: str) -> None:
    for command in (["validate"], ["cost"], ["convert", "-o", str(path.with_suffix(".yaml"))]):
        result = run(*command[:1], str(path), *command[1:])
        assert result.exit_code == 2, result.output
        assert f"error[{code}]" in result.output and "Traceback" not in result.output
    assert not path.with_suffix(".yaml").exists()


def test_text_named_xlsx(tmp_path):
    path = tmp_path / "kehoach.xlsx"
    path.write_text("version: 1\n", encoding="utf-8")
    _unreadable(path, "workbook-not-zip")


def test_truncated_workbook(tmp_path):
    whole = plan_workbook(read_file(ROOT / "plans" / "quang-tri-2020.yaml").data)
    path = tmp_path / "kehoach.xlsx"
    path.write_bytes(whole[: len(whole) // 2])
    _unreadable(path, "workbook-damaged")


def test_word_document(tmp_path):
    path = tmp_path / "kehoach.xlsx"
    path.write_bytes((ROOT / "src" / "cap135" / "documents" / "templates" / "kehoach.docx").read_bytes())
    _unreadable(path, "workbook-not-xlsx-docx")


def test_password_protected_container(tmp_path):
    # An encrypted .xlsx is an OLE compound file holding the streams EncryptionInfo and
    # EncryptedPackage (MS-OFFCRYPTO); this one is built with those names in its directory.
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    entry = "EncryptedPackage".encode("utf-16-le").ljust(64, b"\0")
    path = tmp_path / "kehoach.xlsx"
    path.write_bytes(header + entry + bytes(448))
    _unreadable(path, "workbook-encrypted")
    assert "mật khẩu" in run("validate", str(path)).output


@pytest.mark.parametrize(("fmt", "code"), [("xls", "workbook-xls"), ("ods", "workbook-ods")])
def test_xls_and_ods_from_libreoffice(fmt, code, tmp_path):
    plans = copy_plans(tmp_path)
    workbook = convert(plans / "quang-tri-2020.yaml", plans / "qt.xlsx")
    other = resave(workbook, tmp_path, fmt)
    _unreadable(other, code)
    english = run("--lang", "en", "validate", str(other))
    assert ".xlsx" in english.output


# --- init and the bounds ------------------------------------------------------------------------


def test_init_workbook_validates(tmp_path):
    path = tmp_path / "kehoach.xlsx"
    result = run("init", str(path), "--yes")
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[0] == "Hướng dẫn"
    guide = "\n".join(str(c.value) for row in book["Hướng dẫn"].iter_rows() for c in row if c.value)
    assert "cap135 validate" in guide and "số nguyên đồng" in guide
    assert run("validate", str(path)).exit_code == 0
    assert run("init", str(path), "--yes").exit_code == 2  # never overwritten


def test_cells_are_bounded(tmp_path, monkeypatch):
    import cap135.plan.workbook_cells as reader

    plans = copy_plans(tmp_path)
    workbook = convert(plans / "quang-tri-2020.yaml", plans / "qt.xlsx")
    monkeypatch.setattr(reader, "MAX_CELLS", 40)
    result = run("--lang", "en", "validate", str(workbook))
    assert result.exit_code == 1
    assert "error[workbook-too-many-rows]" in result.output and "40 cells in all" in result.output
