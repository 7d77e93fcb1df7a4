"""`cap135 init --rates` (issue 24): the province's table, written from the national table and
the cost rules. Left as written it costs every plan of any year exactly as the national table;
its entries taken out of their comments still do for the year it was written for; an amount
changed there is what the plan is then costed with."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import PLANS
from typer.testing import CliRunner

import cap135.plan.starter
from cap135.budget.analysis import analyze
from cap135.budget.engine import Budget, compute_budget
from cap135.budget.rate_starter import RateStarter, starter_text, table_id_for
from cap135.budget.rate_tables import load_table
from cap135.budget.rate_uses import key_uses, unit_words, uses_of
from cap135.cli.app import app
from cap135.plan.model import Plan

NATIONAL = load_table("national")
YEARS = (2010, 2016, 2019, 2020, 2024, 2025, 2026, 2027, 2030)


def run(*args: str, **kwargs: Any) -> Any:
    return CliRunner().invoke(app, list(args), catch_exceptions=False, **kwargs)


def every_plan() -> list[Plan]:
    """Every plan under plans/ that is a plan (results files and broken examples aside)."""
    found = []
    for path in sorted(PLANS.rglob("*.yaml")):
        analysis = analyze(path)
        if analysis.plan is not None and "results" not in path.parts:
            found.append(analysis.plan)
    assert len(found) >= 4
    return found


def costed(budget: Budget) -> list[tuple[Any, ...]]:
    return [(x.entity, x.code, x.rate_key, x.quantity, x.rate, x.amount, x.basis) for x in budget.lines]


def written(tmp_path: Path, year: int, text: str | None = None) -> Any:
    path = tmp_path / f"tinh-{year}.yaml"
    path.write_text(text if text is not None else starter_text(RateStarter(year)), encoding="utf-8")
    return load_table(path.name, tmp_path)


def uncommented(text: str) -> str:
    """Every entry taken out of its comment, as an officer does: '# ' off the key and its version."""
    return re.sub(r"(?m)^  # (?=[a-z_.]+:$|  - \{)", "  ", text)


@pytest.mark.parametrize("year", YEARS)
def test_as_written_it_costs_every_plan_as_the_national_table(tmp_path, year):
    table = written(tmp_path, year)
    assert table.chain == ("national", "tinh")
    for plan in every_plan():
        assert costed(compute_budget(plan, table)) == costed(compute_budget(plan, NATIONAL)), plan.title


@pytest.mark.parametrize("year", sorted({p.year for p in every_plan()} | {2025}))
def test_taken_out_of_comments_it_costs_that_years_plans_as_the_national_table(tmp_path, year):
    text = uncommented(starter_text(RateStarter(year)))
    data = yaml.safe_load(text)
    assert set(data["rates"]) == set(NATIONAL.keys())  # every national rate, in force that year
    table = written(tmp_path, year, text)
    assert {r.table for k in table.rates_by_key for r in table.in_year(k, year)[-1:]} == {"tinh"}
    plans = [p for p in every_plan() if p.year == year]
    for plan in plans:
        assert compute_budget(plan, table).total == compute_budget(plan, NATIONAL).total
        assert costed(compute_budget(plan, table)) != [] and [
            line[:6] for line in costed(compute_budget(plan, table))
        ] == [line[:6] for line in costed(compute_budget(plan, NATIONAL))]


def test_an_amount_filled_in_overrides(tmp_path):
    plan = next(p for p in every_plan() if p.year == 2027)
    text = uncommented(starter_text(RateStarter(2027)))
    national = NATIONAL.lookup("materials", NATIONAL.versions("materials")[-1].valid_from).amount
    line = next(x for x in text.splitlines() if x.startswith("    - {amount:") and "unit: trainee" in x)
    mine = national + 12_345
    text = text.replace(line, line.replace(f"amount: {national},", f"amount: {mine},"), 1)
    table = written(tmp_path, 2027, text)
    before, after = compute_budget(plan, NATIONAL), compute_budget(plan, table)
    pairs = zip(costed(before), costed(after), strict=True)
    changed = [(a, b) for a, b in pairs if a[:6] != b[:6]]  # the basis is the province's for every key
    assert changed and all(a[2] == b[2] == "materials" and b[4] == mine for a, b in changed)
    assert after.total - before.total == sum(b[3] * 12_345 for _, b in changed)


@pytest.mark.parametrize("year", (2016, 2025, 2027))
def test_every_national_rate_with_its_name_unit_amount_and_basis(year):
    text = starter_text(RateStarter(year))
    flat = re.sub(r"\n  # {5,}", " ", text)  # comment lines joined where they were wrapped
    for key in NATIONAL.rates_by_key:
        head = (
            f"# {key} — {uses_of(key).name('vi')}; đơn vị: {unit_words(NATIONAL.versions(key)[0].unit, 'vi')}"
        )
        assert head in flat, key
        for version in NATIONAL.in_year(key, year):
            assert version.basis in flat
    # the items of the dự toán in its order, each key under the first item that uses it
    items = [line for line in text.splitlines() if line.startswith("  # ══ ")]
    order = [uses.uses[0].rule.label for uses in key_uses().values()]
    assert [i for i in items if any(label in i for label in order)][:3] == [
        f"  # ══ {label} ══" for label in dict.fromkeys(order)
    ][:3]
    assert text == starter_text(RateStarter(year))  # the same bytes every time


def test_the_table_id_comes_from_the_file_name():
    assert table_id_for("dinhmuc") == "dinhmuc"
    assert table_id_for("Định mức Quảng Trị 2027") == "dinh-muc-quang-tri-2027"
    assert table_id_for("national") == "tinh-national"
    assert table_id_for("  ") == "tinh"


def test_the_command(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("init", "--rates", "--year", "2024")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "dinhmuc.yaml").read_text(encoding="utf-8") == starter_text(
        RateStarter(2024, table_id="dinhmuc")
    )
    assert "cap135 rates dinhmuc.yaml" in result.stderr
    assert run("rates", "dinhmuc.yaml").exit_code == 0
    again = run("init", "--rates", "dinhmuc.yaml")
    assert again.exit_code == 2 and "error[init-exists]" in again.stderr
    book = run("init", "--rates", "dinhmuc.xlsx")
    assert book.exit_code == 2 and "error[init-rates-yaml]" in book.stderr
    assert not (tmp_path / "dinhmuc.xlsx").exists()
    both = run("init", "--rates", "--results", str(PLANS / "quang-tri-2020.yaml"), "x.yaml")
    assert both.exit_code == 2 and "error[init-rates-and-results]" in both.stderr
    for lang, words in (("vi", "năm phải từ 2000 đến 2100"), ("en", "the year must be between")):
        bad = run("--lang", lang, "init", "--rates", "t.yaml", "--year", "1999")
        assert bad.exit_code == 2 and words in bad.stderr and not (tmp_path / "t.yaml").exists()


def test_the_prompt_asks_the_year_and_the_province(tmp_path, monkeypatch):
    monkeypatch.setattr(cap135.plan.starter, "interactive", lambda: True)
    path = tmp_path / "qt.yaml"
    result = run("init", "--rates", str(path), input="1999\n2026\nQuảng Trị\n")
    assert result.exit_code == 0, result.output
    assert "năm phải từ 2000 đến 2100" in result.output
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["id"] == "qt" and data["title"].startswith("Định mức chi của tỉnh Quảng Trị")
    assert "ghi mức quốc gia năm 2026" in path.read_text(encoding="utf-8")


def test_the_readme_explains_the_format_with_an_example_that_loads(tmp_path):
    text = (PLANS.parent / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## Bảng định mức của tỉnh") :]
    section = section[: section.index("\n## ", 1)]
    for word in (
        "`id`",
        "`title`",
        "`extends: [national]`",
        "`from`",
        "`to`",
        "`basis`",
        "`source:",
        "`verified",
    ):
        assert word in section, word
    assert "rates: dinhmuc.yaml" in section and "cap135 init --rates" in section
    [example] = re.findall(r"```yaml\n(.*?)```", section, re.S)
    (tmp_path / "a.yaml").write_text(example, encoding="utf-8")
    table = load_table("a.yaml", tmp_path)
    assert table.chain == ("national", "tinh-a")
    own = [k for k in sorted(table.rates_by_key) if any(v.table == "tinh-a" for v in table.versions(k))]
    assert own == ["meal_support.commune", "speaker_fee.provincial"]
