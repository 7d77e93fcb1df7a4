"""A listed class may stand for `count` classes of its kind (issue 24): shown and costed as that
many classes everywhere a class count is read — model, checks, cost, document, summary, diff,
schema and the results' planned classes.

Expectations are computed by writing the same classes out one by one: `{size: 40, count: 3}`
must give what three listed classes of 40 give.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import PLANS, ROOT
from typer.testing import CliRunner

from cap135.budget.analysis import analyze
from cap135.cli.app import app
from cap135.documents.kehoach_context import build_context
from cap135.plan.model import ClassSpec, class_count, class_runs, trainee_count
from cap135.results.plan_rollup import summarize

SOC_TRANG = PLANS / "soc-trang-2024.yaml"
ONE = (
    "      - {size: 85, venue: {name: huyện Long Phú, level: district}, "
    "schedule: {from: 2024-12-04, to: 2024-12-05}}\n"
)


def run(*args: str) -> Any:
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def plans(tmp_path: Path) -> tuple[Path, Path]:
    """The Sóc Trăng plan with Long Phú holding three classes: once with `count: 3`, once with
    the class written three times."""
    text = SOC_TRANG.read_text(encoding="utf-8").replace("ceiling: 1200000000", "ceiling: 1500000000")
    assert text.count(ONE) == 1
    (tmp_path / "plan.yaml").write_text(text, encoding="utf-8")
    counted = tmp_path / "counted.yaml"
    counted.write_text(text.replace(ONE, ONE.replace("{size: 85,", "{size: 85, count: 3,")), encoding="utf-8")
    listed = tmp_path / "listed.yaml"
    listed.write_text(text.replace(ONE, ONE * 3), encoding="utf-8")
    return counted, listed


def test_count_defaults_to_one_and_must_be_positive():
    assert ClassSpec.model_validate({"size": 40}).count == 1
    assert ClassSpec.model_validate({"size": 40, "count": 2}).count == 2
    with pytest.raises(ValueError):
        ClassSpec.model_validate({"size": 40, "count": 0})


def test_a_counted_class_costs_as_that_many_classes(tmp_path):
    counted, listed = plans(tmp_path)
    a, b = analyze(counted), analyze(listed)
    assert a.ok and b.ok and a.plan is not None and b.plan is not None
    assert a.budget is not None and b.budget is not None
    group_a = next(g for g in a.plan.groups if g.id == "cong-dong-huyen")
    group_b = next(g for g in b.plan.groups if g.id == "cong-dong-huyen")
    assert class_count(group_a) == class_count(group_b) == 10
    assert trainee_count(group_a) == trainee_count(group_b)
    assert [r.count for r in class_runs(group_a) or []] == [1, 3, 1, 1, 1, 1, 1, 1]
    assert a.budget.total == b.budget.total
    assert [(x.code, x.rate_key, x.quantity, x.amount) for x in a.budget.lines] == [
        (x.code, x.rate_key, x.quantity, x.amount) for x in b.budget.lines
    ]


def test_summary_and_diff_count_the_classes(tmp_path):
    counted, listed = plans(tmp_path)
    one, three = summarize([analyze(counted)]), summarize([analyze(listed)])

    def figures(summary: Any) -> dict[str, Any]:  # the file names aside
        data = summary.as_dict()
        rows = [{k: v for k, v in row.items() if k != "plan"} for row in data.get("by_plan", [])]
        return {**data, "plans": [], "by_plan": rows}

    assert figures(one) == figures(three)
    assert one.overall.classes == 3 + 10 + 0  # the cadres' three classes, the ten community ones
    result = run("diff", str(tmp_path / "plan.yaml"), str(counted), "--format", "json")
    assert result.exit_code == 0, result.output
    group = next(g for g in json.loads(result.stdout)["groups"] if g["id"] == "cong-dong-huyen")
    assert group["fields"]["classes"] == {"old": 8, "new": 10, "delta": 2}
    assert group["fields"]["trainees"]["delta"] == 2 * 85


def test_the_document_numbers_the_classes_across_the_list(tmp_path):
    counted, _ = plans(tmp_path)
    analysis = analyze(counted)
    assert analysis.plan is not None and analysis.budget is not None
    context = build_context(analysis.plan, analysis.budget)
    text = json.dumps(context, ensure_ascii=False)
    assert "Tổ chức 10 lớp" in text
    assert "Lớp 2 đến 4 (3 lớp): 85 học viên/lớp, tại huyện Long Phú" in text
    assert "Lớp 5: 90 học viên, tại huyện Trần Đề" in text


def test_the_results_starter_and_report_plan_every_class(tmp_path):
    counted, _ = plans(tmp_path)
    out = tmp_path / "counted.results.yaml"
    result = run("init", "--results", str(counted), str(out))
    assert result.exit_code == 0, result.output
    assert "cong-dong-huyen, lớp 2, 3 lớp: chép một mục cho mỗi lớp" in out.read_text(encoding="utf-8")
    report = run("report", str(out), "--format", "json")
    assert report.exit_code == 0, report.output
    data = json.loads(report.stdout)
    assert data["by_group"]["cong-dong-huyen"]["classes_planned"] == 10
    assert data["classes_planned"] == 13


def test_the_schema_offers_count():
    schema = json.loads((ROOT / "schema" / "plan.schema.json").read_text(encoding="utf-8"))
    spec = schema["$defs"]["ClassSpec"]["properties"]
    assert spec["count"]["default"] == 1 and spec["count"]["exclusiveMinimum"] == 0


def test_a_workbook_keeps_the_count(tmp_path):
    counted, _ = plans(tmp_path)
    book = tmp_path / "counted.xlsx"
    assert run("convert", str(counted), "-o", str(book)).exit_code == 0
    back = tmp_path / "back.yaml"
    assert run("convert", str(book), "-o", str(back)).exit_code == 0
    from_book, from_yaml = analyze(book), analyze(counted)
    assert from_book.ok and from_book.plan is not None and from_yaml.plan is not None
    assert from_book.plan.groups == from_yaml.plan.groups
    assert from_book.budget is not None and from_yaml.budget is not None
    assert from_book.budget.total == from_yaml.budget.total
    assert "count: 3" in back.read_text(encoding="utf-8")
