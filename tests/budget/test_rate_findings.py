"""A broken rate table gets the findings a broken plan gets (issue 24): every problem at once,
each at file:line:col, in the reader's language, with a hint and the right form — the right form
written from the table it extends (its unit, its last amount), never typed in the test."""

from __future__ import annotations

import itertools
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import PLANS
from typer.testing import CliRunner

from cap135.budget.analysis import analyze
from cap135.budget.rate_tables import RateTableError, load_table
from cap135.cli.app import app

EN = {"CAP135_LANG": "en"}
BROKEN = """\
id: Tinh X
title: ""
extends: [national]
rates:
  speaker_fee.provincial:
    amount: 900000
    unit: buoi
    basis: Nghị quyết 1
    from: 2024-01-01
  meal_suport.commune:
    - {amount: "100.000", unit: person_day, basis: "NQ", from: 2024-01-01}
  drinking_water:
    - {amount: 30000, unit: person_day, basis: "NQ", from: 2024-01-01}
    - {amount: 35000, unit: person_day, basis: "NQ", from: 2024-06-01, verified: true}
"""


def run(*args: str, env: dict[str, str] | None = None) -> Any:
    return CliRunner().invoke(app, list(args), env=env, catch_exceptions=False)


def problems(tmp_path: Path, text: str) -> RateTableError:
    (tmp_path / "t.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(RateTableError) as info:
        load_table("t.yaml", tmp_path)
    return info.value


def test_every_problem_at_once_each_at_its_position(tmp_path):
    err = problems(tmp_path, BROKEN)
    found = [(f.code, f.line, f.column) for f in err.findings]
    assert found == [
        ("table-bad-id", 1, 5),
        ("empty-text", 2, 8),
        ("table-bad-unit", 7, 11),
        ("table-unknown-rate", 10, 3),
        ("expected-integer", 11, 16),
        ("table-verified-no-source", 14, 7),
        ("table-versions-overlap", 14, 7),
    ]
    assert all(f.file is not None and f.file.endswith("t.yaml") for f in err.findings)
    assert err.findings[3].args == {"name": "meal_suport.commune", "suggestion": "meal_support.commune"}


def test_the_right_form_follows_the_extended_table(tmp_path):
    err = problems(tmp_path, BROKEN)
    national = load_table("national")
    by_code = {f.code: f for f in err.findings}
    last = national.versions("speaker_fee.provincial")[-1]
    unit = by_code["table-bad-unit"].example
    assert unit is not None and unit.startswith("speaker_fee.provincial: {")
    assert f"amount: {last.amount}, unit: {last.unit}," in unit and f"from: {last.valid_from}" in unit
    unknown = by_code["table-unknown-rate"].example
    meal = national.versions("meal_support.commune")[-1]
    assert (
        unknown is not None and f"meal_support.commune: {{amount: {meal.amount}, unit: person_day" in unknown
    )
    assert by_code["table-verified-no-source"].example is not None
    assert "source: {where:" in (by_code["table-verified-no-source"].example or "")
    assert by_code["table-bad-id"].example == "id: tinh-quang-tri"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_command_shows_them_all_with_hints_and_no_hidden_count(tmp_path, lang):
    table = tmp_path / "t.yaml"
    table.write_text(BROKEN, encoding="utf-8")
    result = run("rates", str(table), env=EN if lang == "en" else None)
    assert result.exit_code == 2
    text = result.stderr
    assert f"{table}:7:11: error[table-bad-unit]: " in text
    assert f"{table}:10:3: error[table-unknown-rate]: " in text
    assert f"{table}:14:7: error[table-versions-overlap]: " in text
    if lang == "vi":
        assert "gợi ý: có phải ý bạn là định mức 'meal_support.commune'?" in text
        assert "cách viết đúng: speaker_fee.provincial: {amount:" in text
        assert f"{table}: 7 lỗi" in text and "lỗi khác" not in text
    else:
        assert "hint: did you mean the rate 'meal_support.commune'?" in text
        assert "right form: speaker_fee.provincial: {amount:" in text
        assert f"{table}: 7 problem(s)" in text and "more problem" not in text
        assert "gợi ý" not in text


def test_a_plan_shows_its_tables_problems_where_they_are(tmp_path):
    (tmp_path / "t.yaml").write_text(BROKEN, encoding="utf-8")
    text = (
        (PLANS / "soc-trang-2024.yaml")
        .read_text(encoding="utf-8")
        .replace("\nplace:", "\nrates: t.yaml\nplace:")
    )
    plan = tmp_path / "p.yaml"
    plan.write_text(text, encoding="utf-8")
    analysis = analyze(plan)
    codes = [f.code for f in analysis.findings if f.is_error]
    assert codes[0] == "rate-table-errors" and len(codes) == 8
    result = run("validate", str(plan), "--format", "json")
    assert result.exit_code == 1
    records = json.loads(result.stdout)
    rates_line = next(i for i, line in enumerate(text.splitlines(), 1) if line.startswith("rates:"))
    assert (records[0]["file"], records[0]["line"], records[0]["code"]) == (
        str(plan),
        rates_line,
        "rate-table-errors",
    )
    table = [r for r in records if r["file"] != str(plan)]
    assert [(r["line"], r["code"]) for r in table][:3] == [
        (1, "table-bad-id"),
        (2, "empty-text"),
        (7, "table-bad-unit"),
    ]
    assert table[2]["example"].startswith("speaker_fee.provincial: {")


def test_a_broken_parent_is_named_and_its_problems_follow(tmp_path):
    (tmp_path / "base.yaml").write_text(
        "id: base\ntitle: Cơ sở\nextends: [national]\nrates:\n  per_diem: 5\n"
    )
    err = problems(tmp_path, "id: child\ntitle: Con\nextends: [base.yaml]\n")
    assert [(f.code, Path(f.file or "").name, f.line) for f in err.findings] == [
        ("table-extends-broken", "t.yaml", 3),
        ("expected-list", "base.yaml", 5),
    ]


def test_a_provincial_version_applies_from_its_day_and_the_national_ones_elsewhere(tmp_path):
    (tmp_path / "t.yaml").write_text(
        "id: tinh\ntitle: Tỉnh\nextends: [national]\nrates:\n"
        "  per_diem: {amount: 250000, unit: person_day, basis: NQ 1, from: 2024-03-01, to: 2024-12-31}\n",
        encoding="utf-8",
    )
    table, national = load_table("t.yaml", tmp_path), load_table("national")
    for day in (date(2016, 5, 1), date(2024, 2, 29), date(2025, 1, 1), date(2026, 6, 1)):
        mine, theirs = table.lookup("per_diem", day), national.lookup("per_diem", day)
        assert (mine.amount, mine.basis, mine.table) == (theirs.amount, theirs.basis, "national")
    assert table.lookup("per_diem", date(2024, 3, 1)).amount == 250000
    assert table.lookup("per_diem", date(2024, 12, 31)).table == "tinh"
    spans = [(v.valid_from, v.valid_to) for v in table.versions("per_diem")]
    assert all(a[1] is not None and a[1] < b[0] for a, b in itertools.pairwise(spans))
