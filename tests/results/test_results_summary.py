"""`cap135 summary` over results files: five years of what was held, summed (issue 14)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cap135.budget.analysis import analyze
from cap135.cli.app import app
from tests.results.test_results import PLAN, RESULTS, results_text, spent_for

YEARS = (2018, 2019, 2020, 2021, 2022)
# The base results file holds three classes (attendees, venue level, audience);
# year k keeps the first KEPT[k] of them.
CLASSES = ((38, "province", "cadres"), (40, "district", "cadres"), (29, "commune", "community"))
KEPT = (1, 2, 3, 3, 2)
CLASS_LINES = [line for line in RESULTS.splitlines(keepends=True) if line.startswith("  - {group:")]


@pytest.fixture
def years(tmp_path: Path) -> list[tuple[Path, Path]]:
    out = []
    for year, kept in zip(YEARS, KEPT, strict=True):
        folder = tmp_path / str(year)
        folder.mkdir()
        plan = folder / "plan.yaml"
        plan.write_text(PLAN.replace("2021", str(year)), encoding="utf-8")
        assert analyze(plan).ok, [f.code for f in analyze(plan).findings if f.is_error]
        text = RESULTS
        for line in CLASS_LINES[kept:]:
            text = text.replace(line, "")
        results = folder / f"ket-qua-{year}.yaml"
        results.write_text(results_text(plan, text).replace("2021", str(year)), encoding="utf-8")
        out.append((plan, results))
    return out


def test_five_year_roll_up(runner, years):
    files = [str(results) for _, results in years]
    result = runner.invoke(app, ["summary", *files, "--format", "json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["results"] == files
    spent = {year: sum(spent_for(plan).values()) for year, (plan, _) in zip(YEARS, years, strict=True)}
    assert data["classes"] == sum(KEPT) == 11
    assert data["trainees"] == sum(a for k in KEPT for a, _, _ in CLASSES[:k]) == 38 * 5 + 40 * 4 + 29 * 2
    assert (data["tours"], data["tour_people"]) == (5, 55)
    assert data["spent"] == sum(spent.values())
    assert data["ceiling"] == 5 * 400_000_000
    for year, kept in zip(YEARS, KEPT, strict=True):
        row = data["by_year"][str(year)]
        assert row["classes"] == kept
        assert row["trainees"] == sum(a for a, _, _ in CLASSES[:kept])
        assert row["spent"] == spent[year] and row["ceiling"] == 400_000_000
    level = data["by_level"]
    assert {k: v["classes"] for k, v in level.items()} == {
        "province": 5,
        "district": 4,
        "commune": 2,
        "tours": 0,
    }
    assert level["commune"]["trainees"] == 58 and level["tours"]["tour_people"] == 55
    assert level["province"]["spent"] is None and level["province"]["ceiling"] is None
    audience = data["by_audience"]
    assert audience["cadres"]["classes"] == 9 and audience["community"]["classes"] == 2
    assert sum(v["spent"] for v in audience.values()) == data["spent"]
    for dimension in ("by_year", "by_level", "by_audience"):
        assert sum(v["classes"] for v in data[dimension].values()) == data["classes"]
        assert sum(v["trainees"] for v in data[dimension].values()) == data["trainees"]


def test_roll_up_as_table_csv_and_xlsx(runner, years, tmp_path):
    from openpyxl import load_workbook

    files = [str(results) for _, results in years]
    table = runner.invoke(app, ["--lang", "en", "summary", *files], catch_exceptions=False)
    assert table.exit_code == 0 and "RESULTS OF 5 PLAN(S)" in table.stdout
    csv = runner.invoke(app, ["summary", *files, "--format", "csv"], catch_exceptions=False)
    lines = csv.stdout.lstrip("\ufeff").splitlines()
    assert lines[0] == (
        "Phạm vi,Số lớp,Lượt học viên,Đoàn tham quan,Người đi tham quan,Đã giải ngân (đồng),"
        "Kinh phí được giao (đồng)"
    )
    assert lines[1].startswith("Tổng cộng,11,")
    assert not [line for line in lines if ".yaml" in line]  # never a file name
    out = tmp_path / "kq.xlsx"
    result = runner.invoke(app, ["summary", *files, "--format", "xlsx", "-o", str(out)])
    assert result.exit_code == 0, result.output
    values = [c for row in load_workbook(out).active.iter_rows(values_only=True) for c in row]
    assert 11 in values and 2_000_000_000 in values


def test_mixing_plans_and_results_is_an_error(runner, years):
    plan, results = years[0]
    result = runner.invoke(app, ["--lang", "en", "summary", str(plan), str(results)])
    assert result.exit_code == 2
    assert "cannot sum plans and results files in one call" in result.output
    assert str(plan) in result.output and str(results) in result.output


def test_a_results_file_with_errors_stops_the_roll_up(runner, years):
    _, results = years[1]
    results.write_text(results.read_text(encoding="utf-8").replace("group: can-bo", "group: x", 1))
    result = runner.invoke(app, ["summary", *(str(r) for _, r in years)])
    assert result.exit_code == 1
    assert "error[results-unknown-group]" in result.output
