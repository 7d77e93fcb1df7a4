"""`cap135 summary` (issue 7): figures checked against counts made here from the YAML."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import yaml
from conftest import PLANS, QUANG_TRI, edited
from openpyxl import load_workbook
from typer.testing import CliRunner

from cap135.budget.analysis import analyze
from cap135.cli.app import app
from cap135.messages import message
from cap135.money import format_vnd
from cap135.results.plan_rollup import KEYS

ALL_PLANS = sorted(PLANS.glob("*.yaml"))
SOC_TRANG = PLANS / "soc-trang-2024.yaml"
COUNTS = ("classes", "trainees", "periods", "tours", "tour_people")


def run(*args: str, **kwargs):
    return CliRunner().invoke(app, list(args), catch_exceptions=False, **kwargs)


def hand_counts(path: Path) -> dict[str, int]:
    """Counted from the YAML alone, without cap135's model."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    counts = dict.fromkeys(COUNTS, 0)
    for group in data.get("groups", []):
        periods = sum(lesson["periods"] for lesson in group["lessons"])
        if isinstance(group["classes"], int):
            sizes = [group["class_size"]] * group["classes"]
        else:
            sizes = [c["size"] for c in group["classes"]]
        counts["classes"] += len(sizes)
        counts["trainees"] += sum(sizes)
        counts["periods"] += periods * len(sizes)
    for tour in data.get("tours", []):
        counts["tours"] += 1
        counts["tour_people"] += tour["trainees"] + tour.get("staff", 0)
    return counts


def summary_json(*paths: Path) -> dict:
    result = run("summary", *map(str, paths), "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_quang_tri_figures_by_hand():
    data = summary_json(QUANG_TRI)
    # 2 + 3 + 9 classes; 2·84 + 3·84 + 9·54 trainees; 2·30 + 3·30 + 9·20 periods; 17 + 5 people
    assert (data["classes"], data["trainees"], data["periods"]) == (14, 906, 330)
    assert (data["tours"], data["tour_people"]) == (1, 22)
    assert data["ceiling"] == 1_251_000_000
    assert data["total"] == analyze(QUANG_TRI).budget.total
    assert {k: data[k] for k in COUNTS} == hand_counts(QUANG_TRI)
    level = data["by_level"]
    assert list(level) == ["province", "commune", "tours"]
    assert {k: level["province"][k] for k in COUNTS} == {
        "classes": 5,
        "trainees": 5 * 84,
        "periods": 5 * 30,
        "tours": 0,
        "tour_people": 0,
    }
    assert (level["commune"]["classes"], level["commune"]["trainees"]) == (9, 9 * 54)
    assert (level["tours"]["tours"], level["tours"]["tour_people"], level["tours"]["classes"]) == (1, 22, 0)
    audience = data["by_audience"]
    assert (audience["cadres"]["classes"], audience["community"]["classes"]) == (5, 9)
    assert audience["cadres"]["periods"] == 150


def test_several_plans_add_up_and_every_breakdown_partitions_the_overall():
    data = summary_json(*ALL_PLANS)
    assert data["plans"] == [str(p) for p in ALL_PLANS]
    hand = [hand_counts(p) for p in ALL_PLANS]
    for key in COUNTS:
        assert data[key] == sum(h[key] for h in hand), key
    budgets = [analyze(p).budget for p in ALL_PLANS]
    assert data["total"] == sum(b.total for b in budgets)
    assert data["ceiling"] == sum(b.ceiling for b in budgets)
    assert set(data["by_year"]) == {"2019", "2020", "2024", "2027"}
    for dimension in ("by_year", "by_level", "by_audience"):
        rows = data[dimension].values()
        for key in (*COUNTS, "total"):
            assert sum(row[key] for row in rows) == data[key], (dimension, key)
        for row in rows:
            assert list(row) == list(KEYS)
            assert all(isinstance(row[k], int) for k in (*COUNTS, "total"))
    assert sum(row["ceiling"] for row in data["by_year"].values()) == data["ceiling"]
    for dimension in ("by_level", "by_audience"):
        assert all(row["ceiling"] is None for row in data[dimension].values())


def _plan_file(tmp_path: Path, name: str, data: dict) -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_a_group_with_classes_at_two_levels_is_costed_per_level(tmp_path):
    """Sóc Trăng's community group: 7 district classes and 1 at the province."""
    data = summary_json(SOC_TRANG)
    plan = yaml.safe_load(SOC_TRANG.read_text(encoding="utf-8"))
    community = next(g for g in plan["groups"] if g["id"] == "cong-dong-huyen")
    cadres = next(g for g in plan["groups"] if g["id"] == "can-bo-tinh")
    district_only = {
        **plan,
        "tours": [],
        "groups": [
            {**community, "classes": [c for c in community["classes"] if c["venue"]["level"] == "district"]}
        ],
    }
    province_only = {
        **plan,
        "tours": [],
        "groups": [
            cadres,
            {**community, "classes": [c for c in community["classes"] if c["venue"]["level"] == "province"]},
        ],
    }
    district = analyze(_plan_file(tmp_path, "district.yaml", district_only)).budget.total
    province = analyze(_plan_file(tmp_path, "province.yaml", province_only)).budget.total
    level = data["by_level"]
    assert level["district"]["total"] == district
    assert level["province"]["total"] == province
    assert (level["district"]["classes"], level["district"]["trainees"]) == (
        7,
        91 + 85 + 90 + 88 + 86 + 92 + 96,
    )
    assert (level["province"]["classes"], level["province"]["trainees"]) == (4, 95 + 95 + 90 + 98)


def test_extra_lines_of_a_mixed_group_go_to_the_groups_venue_level(tmp_path):
    plan = yaml.safe_load(SOC_TRANG.read_text(encoding="utf-8"))
    community = next(g for g in plan["groups"] if g["id"] == "cong-dong-huyen")
    community["venue"] = {"name": "các huyện", "level": "district"}
    community["extra_lines"] = [
        {
            "label": "Thuê xe đưa đón",
            "quantity": 2,
            "unit": "chuyến",
            "amount": 1_500_000,
            "basis": "Hợp đồng",
        }
    ]
    before = summary_json(SOC_TRANG)["by_level"]
    after = summary_json(_plan_file(tmp_path, "extra.yaml", plan))["by_level"]
    assert after["district"]["total"] - before["district"]["total"] == 3_000_000
    assert after["province"]["total"] == before["province"]["total"]


def test_a_failing_plan_is_reported_and_left_out(tmp_path, quang_tri_text):
    text, line = edited(quang_tri_text, "classes: 9", "classes: chín")
    broken = tmp_path / "broken.yaml"
    broken.write_text(text, encoding="utf-8")
    dak_glei = PLANS / "dak-glei-2019.yaml"
    result = run("--lang", "en", "summary", str(dak_glei), str(broken), "--format", "json")
    assert result.exit_code == 1
    assert f"{broken}:{line}:" in result.stderr
    assert "expected-integer" in result.stderr
    assert "left out of the summary" in result.stderr
    data = json.loads(result.stdout)
    assert data["plans"] == [str(dak_glei)]
    assert data["classes"] == hand_counts(dak_glei)["classes"]


def test_only_failing_or_unreadable_plans(tmp_path, quang_tri_text):
    broken = tmp_path / "broken.yaml"
    broken.write_text(quang_tri_text.replace("classes: 9", "classes: chín"), encoding="utf-8")
    result = run("summary", str(broken))
    assert result.exit_code == 1
    assert "không có kế hoạch hợp lệ" in result.stderr
    assert result.stdout == ""
    missing = run("summary", str(QUANG_TRI), str(tmp_path / "none.yaml"), "--format", "json")
    assert missing.exit_code == 2
    assert json.loads(missing.stdout)["classes"] == 14


def test_table_in_both_languages():
    vi = run("summary", str(QUANG_TRI), env={"CAP135_LANG": None})
    assert vi.exit_code == 0
    for text in ("TỔNG HỢP 1 KẾ HOẠCH", "Lượt", "Tổng cộng", "Lớp tại xã", "906", "1.251.000.000"):
        assert text in vi.stdout, text
    en = run("--lang", "en", "summary", str(QUANG_TRI))
    for text in ("SUMMARY OF 1 PLAN", "Trainees", "Overall", "Commune", "906"):
        assert text in en.stdout, text


def test_csv_and_xlsx_agree_with_json(tmp_path):
    data = summary_json(*ALL_PLANS)
    result = run("summary", *map(str, ALL_PLANS), "--format", "csv")
    assert result.exit_code == 0
    rows = list(csv.reader(io.StringIO(result.stdout)))
    # the table's columns, headed in the language of the run (Vietnamese by default)
    assert rows[0] == ["Phạm vi", *(message(f"sum-col-{k.replace('_', '-')}", "vi") for k in KEYS)]
    # a row per plan, named by its agency and year, above the totals
    count = len(ALL_PLANS)
    assert rows[1][0] == "Theo kế hoạch"
    for row, plan in zip(rows[2 : 2 + count], data["by_plan"], strict=True):
        assert row[0] == f"  {plan['agency']}, năm {plan['year']}"
        assert [int(v) if v else None for v in row[1:]] == [plan[k] for k in KEYS]
    overall = rows[2 + count]
    assert overall[0] == "Tổng cộng"
    assert [int(v) for v in overall[1:]] == [data[k] for k in KEYS]
    labels = {r[0].strip(): r for r in rows[3 + count :]}
    assert set(labels["Theo cấp địa điểm"][1:]) == {""}  # a heading row
    commune = labels["Lớp tại xã"]
    assert commune[KEYS.index("ceiling") + 1] == ""
    assert int(commune[KEYS.index("total") + 1]) == data["by_level"]["commune"]["total"]
    en = run("--lang", "en", "summary", *map(str, ALL_PLANS), "--format", "csv")
    english = list(csv.reader(io.StringIO(en.stdout)))
    assert english[0][:3] == ["Scope", "Classes", "Trainees"]
    assert english[2 + count][0] == "Overall" and english[2 + count][1:] == overall[1:]

    out = tmp_path / "tong-hop.xlsx"
    result = run("summary", *map(str, ALL_PLANS), "--format", "xlsx", "-o", str(out))
    assert result.exit_code == 0, result.output
    first = out.read_bytes()
    sheet = load_workbook(out).active
    values = [row for row in sheet.iter_rows(min_row=4, values_only=True) if row[1] is not None]
    assert [v[1:] for v in values[:count]] == [tuple(p[k] for k in KEYS) for p in data["by_plan"]]
    assert values[count][1:] == tuple(data[k] for k in KEYS)
    breakdowns = sum(len(data[d]) for d in ("by_year", "by_level", "by_audience"))
    assert len(values) == count + 1 + breakdowns
    out.unlink()
    run("summary", *map(str, ALL_PLANS), "--format", "xlsx", "-o", str(out))
    assert out.read_bytes() == first  # reproducible


@pytest.mark.parametrize(("lang", "text"), [("vi", "cần -o TỆP.xlsx"), ("en", "needs -o FILE.xlsx")])
def test_xlsx_needs_an_output_file(lang, text):
    result = run("--lang", lang, "summary", str(QUANG_TRI), "--format", "xlsx")
    assert result.exit_code == 2
    assert text in result.stderr


def test_refuses_to_overwrite_an_input_plan(tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_bytes(QUANG_TRI.read_bytes())
    result = run("summary", str(plan), "--format", "csv", "-o", str(plan))
    assert result.exit_code == 2
    assert plan.read_bytes() == QUANG_TRI.read_bytes()


def test_plan_wide_lines_have_a_row_of_their_own(tmp_path, quang_tri_text):
    text, _ = edited(quang_tri_text, "version: 1\n", "version: 1\nmanagement: true\n")
    path = tmp_path / "management.yaml"
    path.write_text(text, encoding="utf-8")
    budget = analyze(path).budget
    plan_wide = sum(s.subtotal for s in budget.sections if s.kind == "plan")
    assert plan_wide > 0
    data = summary_json(path)
    assert data["total"] == budget.total
    for dimension in ("by_level", "by_audience"):
        row = data[dimension]["plan"]
        assert row["total"] == plan_wide
        assert (row["classes"], row["tours"]) == (0, 0)
        assert sum(r["total"] for r in data[dimension].values()) == budget.total


def test_a_row_per_plan_above_the_totals():
    data = summary_json(*ALL_PLANS)
    by_plan = data["by_plan"]
    assert [(p["plan"], p["year"]) for p in by_plan] == [(str(p), int(p.stem[-4:])) for p in ALL_PLANS]
    assert [p["agency"] for p in by_plan] == [
        "Phòng Dân tộc huyện Đăk Glei",
        "Ban Dân tộc tỉnh Quảng Trị",
        "Sở Dân tộc và Tôn giáo tỉnh Quảng Trị",
        "Ban Dân tộc tỉnh Sóc Trăng",
    ]
    for path, plan in zip(ALL_PLANS, by_plan, strict=True):
        assert {k: plan[k] for k in COUNTS} == hand_counts(path)
        assert plan["total"] == analyze(path).budget.total
    for key in KEYS:  # the plans add up to the overall figures
        assert sum(p[key] for p in by_plan) == data[key]


def test_the_sums_under_the_table_say_what_they_add(tmp_path):
    table = run("summary", *map(str, ALL_PLANS))
    data = summary_json(*ALL_PLANS)
    assert sum(analyze(p).plan.funding.ceiling for p in ALL_PLANS) == data["ceiling"]
    assert f"Tổng kinh phí được giao của 4 kế hoạch: {format_vnd(data['ceiling'])} đồng" in table.stdout
    assert f"Tổng dự toán của 4 kế hoạch: {format_vnd(data['total'])} đồng" in table.stdout
    assert ".yaml" not in table.stdout  # plans by agency and year, never by file
    without, _ = edited(QUANG_TRI.read_text(encoding="utf-8"), "  ceiling: 1251000000\n", "")
    path = tmp_path / "no-ceiling.yaml"
    path.write_text(without, encoding="utf-8")
    text = run("summary", str(SOC_TRANG), str(path))
    assert "Tổng kinh phí được giao của 1/2 kế hoạch có kinh phí được giao: 1.200.000.000 đồng" in text.stdout
