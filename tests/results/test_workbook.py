"""Results files as workbooks (issue 23), and `cap135 convert` of either kind: real .xlsx files
written by cap135, edited with openpyxl and re-saved by LibreOffice Calc, reported exactly as their
YAML form; a results workbook may name a plan of either form."""

from __future__ import annotations

import json
import shutil
from datetime import datetime

import openpyxl
import pytest
from conftest import ROOT

from cap135.plan.workbook_reader import read_plan_workbook
from cap135.plan.yaml_loader import read_file
from cap135.results.conversion import converted
from cap135.results.file_reader import read_input
from cap135.results.results_file import analyze_results
from tests.plan.test_workbook import convert, copy_plans, resave, run

RESULTS = sorted((ROOT / "plans" / "results").glob("*.yaml"))


@pytest.mark.parametrize("results", RESULTS, ids=lambda p: p.stem)
def test_results_round_trip_reports_identically(results, tmp_path):
    plans = copy_plans(tmp_path)
    source = plans / "results" / results.name
    workbook = convert(source, plans / "results" / "kq.xlsx")
    report = run("report", str(workbook), "--format", "json")
    expected = run("report", str(source), "--format", "json")
    assert report.exit_code == expected.exit_code == 0, report.output
    got, want = json.loads(report.stdout), json.loads(expected.stdout)
    assert got.pop("results") == str(workbook) and want.pop("results") == str(source)
    assert got == want
    again = convert(workbook, plans / "results" / "kq.yaml")
    assert analyze_results(again).results == analyze_results(source).results
    assert convert(again, plans / "results" / "kq2.xlsx").read_bytes() == workbook.read_bytes()


def test_results_workbook_with_a_workbook_plan(tmp_path):
    plans = copy_plans(tmp_path)
    convert(plans / "quang-tri-2020.yaml", plans / "quang-tri-2020.xlsx")
    results = plans / "results" / "quang-tri-2020.results.yaml"
    text = results.read_text(encoding="utf-8").replace("../quang-tri-2020.yaml", "../quang-tri-2020.xlsx")
    results.write_text(text, encoding="utf-8")
    workbook = convert(results, plans / "results" / "kq.xlsx")
    analysis = analyze_results(workbook)
    assert analysis.ok and analysis.planned is not None
    assert analysis.planned.source.name.endswith("quang-tri-2020.xlsx")


@pytest.mark.parametrize("path", RESULTS, ids=lambda p: p.stem)
def test_libreoffice_resave_changes_nothing(path, tmp_path):
    plans = copy_plans(tmp_path)
    source = plans / path.relative_to(ROOT / "plans")
    workbook = convert(source, source.with_suffix(".xlsx"))
    resaved = resave(workbook, tmp_path)
    target = source.with_name(source.stem + "-lo.xlsx")
    shutil.copy(resaved, target)
    assert read_input(target).data == read_input(workbook).data
    assert read_input(target).findings == ()
    dropdowns = openpyxl.load_workbook(target)
    assert any(sheet.data_validations.dataValidation for sheet in dropdowns.worksheets)


def test_results_row_naming_an_unknown_group(tmp_path):
    plans = copy_plans(tmp_path)
    workbook = convert(plans / "results" / "quang-tri-2020.results.yaml", plans / "results" / "kq.xlsx")
    book = openpyxl.load_workbook(workbook)
    book["Lớp đã tổ chức"]["A2"] = "tuyen-truyn"
    book.save(workbook)
    result = run("validate", str(workbook))
    assert result.exit_code == 1
    assert "kq.xlsx:'Lớp đã tổ chức'!A2: error[results-unknown-group]" in result.output


# --- convert --------------------------------------------------------------------------------------


def test_convert_refuses_to_overwrite_without_force(tmp_path):
    plans = copy_plans(tmp_path)
    target = plans / "qt.xlsx"
    target.write_bytes(b"mine")
    result = run("convert", str(plans / "quang-tri-2020.yaml"), "-o", str(target))
    assert result.exit_code == 2 and "--force" in result.output
    assert target.read_bytes() == b"mine"
    result = run("convert", str(plans / "quang-tri-2020.yaml"), "-o", str(target), "--force")
    assert result.exit_code == 0 and target.read_bytes().startswith(b"PK")


def test_convert_unwritable_and_unreadable(tmp_path):
    plans = copy_plans(tmp_path)
    result = run("convert", str(plans / "quang-tri-2020.yaml"), "-o", str(tmp_path / "no" / "qt.xlsx"))
    assert result.exit_code == 2
    result = run("convert", str(tmp_path / "missing.yaml"), "-o", str(tmp_path / "x.xlsx"))
    assert result.exit_code == 2 and not (tmp_path / "x.xlsx").exists()
    result = run("convert", str(plans / "quang-tri-2020.yaml"), "-o", str(tmp_path / "x.txt"))
    assert result.exit_code == 2 and "convert-unknown-form" in result.output


def test_convert_of_a_broken_plan_writes_nothing(tmp_path):
    result = run("convert", str(ROOT / "plans" / "errors" / "broken.yaml"), "-o", str(tmp_path / "b.xlsx"))
    assert result.exit_code == 1 and "error[money-float]" in result.output
    assert not (tmp_path / "b.xlsx").exists()


def test_convert_from_loaded_data():
    loaded = read_file(ROOT / "plans" / "dak-glei-2019.yaml")
    done = converted(loaded, "xlsx", "dak-glei-2019.yaml")
    assert done.data is not None and done.findings == ()
    assert read_plan_workbook(done.data, "x.xlsx").data["groups"] == loaded.data["groups"]


# --- the commands that read a results file -----------------------------------------------------


def test_init_results_workbook_has_a_row_per_planned_class(tmp_path):
    plans = copy_plans(tmp_path)
    path = plans / "results" / "kq.xlsx"
    result = run("init", "--results", str(plans / "quang-tri-2020.yaml"), str(path))
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(path)
    held = [row[0].value for row in book["Lớp đã tổ chức"].iter_rows(min_row=2) if row[0].value]
    assert held == ["tuyen-truyen"] * 2 + ["to-chuc-thuc-hien"] * 3 + ["cong-dong"] * 9
    tours = [row[0].value for row in book["Đoàn tham quan"].iter_rows(min_row=2) if row[0].value]
    assert tours == ["tham-quan-phia-nam"]
    assert run("validate", str(path)).exit_code == 0
    # the officer fills in one class: it is read, the others are not held yet
    book["Lớp đã tổ chức"]["B2"] = datetime(2020, 5, 20)
    book["Lớp đã tổ chức"]["B2"].number_format = "dd/mm/yyyy"
    book["Lớp đã tổ chức"]["F2"] = 80
    book.save(path)
    analysis = analyze_results(path)
    assert analysis.ok and analysis.results is not None
    assert [c.group for c in analysis.results.classes] == ["tuyen-truyen"]
    assert analysis.results.classes[0].attendees == 80


def test_every_reading_command_takes_a_workbook(tmp_path):
    plans = copy_plans(tmp_path)
    a = convert(plans / "quang-tri-2020.yaml", plans / "a.xlsx")
    b = convert(plans / "soc-trang-2024.yaml", plans / "b.xlsx")
    assert run("diff", str(a), str(b)).exit_code == 0
    assert run("summary", str(a), str(b)).exit_code == 0
    assert run("render", str(a), "-o", str(tmp_path / "k.docx")).exit_code == 0
    kq = convert(plans / "results" / "quang-tri-2020.results.yaml", plans / "results" / "kq.xlsx")
    assert run("summary", str(kq)).exit_code == 0
    assert run("report", str(kq), "-o", str(tmp_path / "bc.docx")).exit_code == 0


# --- the BÁO CÁO's assessment in the workbook (issue 25) ---------------------------------------


def test_the_assessment_sheet_carries_the_report_paragraphs(tmp_path):
    plans = copy_plans(tmp_path)
    source = plans / "results" / "quang-tri-2020.results.yaml"
    workbook = convert(source, plans / "results" / "kq.xlsx")
    rows = [
        (row[0].value, row[1].value)
        for row in openpyxl.load_workbook(workbook)["Đánh giá"].iter_rows(min_row=2)
        if row[0].value
    ]
    want = analyze_results(source).results.assessment
    assert [text for section, text in rows if section == "Kết quả đạt được"] == want.achievements
    assert [text for section, text in rows if section == "Đề xuất, kiến nghị"] == want.recommendations
    assert analyze_results(workbook).results.assessment == want


def test_init_results_workbook_offers_the_assessment_and_a_gap_is_placed_at_its_cell(tmp_path):
    plans = copy_plans(tmp_path)
    path = plans / "results" / "kq.xlsx"
    assert run("init", "--results", str(plans / "quang-tri-2020.yaml"), str(path)).exit_code == 0
    sheet = openpyxl.load_workbook(path)["Đánh giá"]
    rows = [(row[0].value, row[1].value) for row in sheet.iter_rows(min_row=2) if row[0].value]
    assert rows == [
        ("Kết quả đạt được", "[Kết quả đạt được]"),
        ("Tồn tại, hạn chế và nguyên nhân", "[Tồn tại, hạn chế và nguyên nhân]"),
        ("Đề xuất, kiến nghị", "[Đề xuất, kiến nghị]"),
    ]
    placeholder = next(f"B{row[1].row}" for row in sheet.iter_rows(min_row=2) if row[1].value == rows[0][1])
    result = run("report", str(path), "-o", str(tmp_path / "bc.docx"))
    assert result.exit_code == 1 and not (tmp_path / "bc.docx").exists()
    assert f"{path}:'Đánh giá'!{placeholder}: error[report-placeholder-left]" in result.output
    assert run("report", str(path), "-o", str(tmp_path / "bc.docx"), "--draft").exit_code == 0
