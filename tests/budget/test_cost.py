"""The cost engine: hand-computed quantities, properties, and agreement of json/csv/xlsx."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest
from conftest import PLANS, QUANG_TRI
from hypothesis import given, settings
from hypothesis import strategies as st

from cap135.budget.analysis import analyze, table_for
from cap135.budget.engine import compute_budget, percent_of
from cap135.budget.rate_tables import load_table
from cap135.cli.app import app

GOLDEN = Path(__file__).parents[1] / "golden"
UPDATE = os.environ.get("CAP135_UPDATE_GOLDEN") == "1"


def quantities(budget, entity):
    return {line.code: line.quantity for line in budget.lines if line.entity == entity}


@pytest.fixture(scope="module")
def quang_tri():
    analysis = analyze(QUANG_TRI)
    assert analysis.ok, analysis.findings
    return analysis


def test_quang_tri_quantities_by_hand(quang_tri):
    budget = quang_tri.budget
    # Group 1: 2 classes × 84 non-salaried trainees × 3 days at the province; 30 periods need
    # 8 buổi of 4 tiết, but a class pays at most 2 buổi a day: 6 per class.
    assert quantities(budget, "tuyen-truyen") == {
        "speaker_fee": 2 * 6,
        "materials": 2 * 84,
        "stationery": 2 * 84,
        "drinking_water": 2 * 84 * 3,
        "meal_support": 2 * 84 * 3,
        "lodging": 2 * 84 * 2,  # 3 days = 2 nights
        "travel_support": 2 * 84,
        "hall_rent": 2 * 3,
        "class_opening": 2,
    }
    # Group 3 (community, at communes): 9 × 54 × 2 = 972 trainee-days; speakers travel,
    # arriving the day before: 3 days, 2 nights and one round trip per class.
    community = quantities(budget, "cong-dong")
    assert community["meal_support"] == 972
    assert community["speaker_fee"] == 9 * 4  # 20 periods = 5 buổi, capped at 2 buổi × 2 days
    assert community["speaker_per_diem"] == 9 * 3
    assert community["speaker_lodging"] == 9 * 2
    assert community["speaker_transport"] == 9
    # learners at their own commune: meals only
    assert "lodging" not in community and "travel_support" not in community
    # The tour: 22 people × 7 days = 154 person-days, 6 nights.
    assert quantities(budget, "tham-quan-phia-nam") == {
        "tour_per_diem": 154,
        "tour_lodging": 22 * 6,
        "vehicle_hire": 7,
    }


def test_quang_tri_rates_follow_the_table(quang_tri):
    table = load_table("quang-tri-2020")
    for line in quang_tri.budget.lines:
        assert line.amount == line.quantity * line.rate
    meal = next(x for x in quang_tri.budget.lines if x.entity == "cong-dong" and x.code == "meal_support")
    from datetime import date

    # organised by the province at a commune: tier (b), not the commune-organised tier (c)
    assert meal.rate_key == "meal_support.district"
    assert meal.rate == table.lookup("meal_support.district", date(2020, 8, 1)).amount
    assert meal.basis


def test_total_is_within_the_ceiling(quang_tri):
    budget = quang_tri.budget
    assert budget.total == sum(line.amount for line in budget.lines)
    assert budget.total <= 1_251_000_000
    assert budget.headroom == 1_251_000_000 - budget.total


@pytest.mark.parametrize("plan", sorted(PLANS.glob("*.yaml")), ids=lambda p: p.stem)
def test_golden_budget(plan):
    analysis = analyze(plan)
    assert analysis.ok
    got = analysis.budget.as_dict()
    path = GOLDEN / f"{plan.stem}.cost.json"
    if UPDATE or not path.exists():
        path.parent.mkdir(exist_ok=True)
        path.write_text(json.dumps(got, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        if not UPDATE:
            pytest.fail(f"golden file {path.name} was missing and has been written; check it in")
    assert got == json.loads(path.read_text(encoding="utf-8"))


def test_listed_classes_split_lines_by_venue_level():
    analysis = analyze(PLANS / "soc-trang-2024.yaml")
    lines = [x for x in analysis.budget.lines if x.entity == "cong-dong-huyen" and x.code == "hall_rent"]
    assert {x.rate_key: x.quantity for x in lines} == {
        "hall_rent.district": 7 * 2,
        "hall_rent.province": 1 * 2,
    }
    trainees = [91, 85, 90, 88, 86, 92, 96, 98]
    meals = [x for x in analysis.budget.lines if x.entity == "cong-dong-huyen" and x.code == "meal_support"]
    assert sum(x.quantity for x in meals) == sum(trainees) * 2


def test_percent_rounds_half_up_once():
    assert percent_of(1_000_050, 3) == 30_002  # 30001.5 → 30002
    assert percent_of(100, 3) == 3
    assert percent_of(0, 3) == 0


def test_management_line_is_a_capped_percentage(tmp_path):
    text = QUANG_TRI.read_text(encoding="utf-8").replace("funding:\n", "management: true\nfunding:\n", 1)
    plan = tmp_path / "qt.yaml"
    plan.write_text(text, encoding="utf-8")
    analysis = analyze(plan)
    budget = analysis.budget
    management = [x for x in budget.lines if x.code == "management"]
    assert len(management) == 1
    subtotal = sum(x.amount for x in budget.lines if x.code != "management")
    assert management[0].rate == subtotal
    assert management[0].amount == percent_of(subtotal, management[0].quantity)


def test_overrides_and_extra_lines(tmp_path):
    text = QUANG_TRI.read_text(encoding="utf-8").replace(
        "    destination: {name: các tỉnh phía Nam, level: province}\n",
        "    destination: {name: các tỉnh phía Nam, level: province}\n"
        "    overrides: {vehicle_hire: 5}\n"
        "    extra_lines:\n"
        "      - {label: Bảo hiểm du lịch, quantity: 22, unit: người, amount: 50000,\n"
        "         basis: Hợp đồng bảo hiểm}\n",
    )
    plan = tmp_path / "qt.yaml"
    plan.write_text(text, encoding="utf-8")
    budget = analyze(plan).budget
    tour = {x.code: x for x in budget.lines if x.entity == "tham-quan-phia-nam"}
    assert tour["vehicle_hire"].quantity == 5
    assert tour["extra"].amount == 22 * 50000
    assert tour["extra"].basis == "Hợp đồng bảo hiểm"


def test_unknown_override_is_an_error(tmp_path):
    text = QUANG_TRI.read_text(encoding="utf-8").replace(
        "    days: 7\n", "    days: 7\n    overrides: {taxi: 3}\n"
    )
    plan = tmp_path / "qt.yaml"
    plan.write_text(text, encoding="utf-8")
    analysis = analyze(plan)
    assert [f.code for f in analysis.findings if f.is_error] == ["unknown-override"]


def test_over_ceiling_names_both_figures(runner, tmp_path):
    text = QUANG_TRI.read_text(encoding="utf-8").replace("ceiling: 1251000000", "ceiling: 500000000")
    plan = tmp_path / "qt.yaml"
    plan.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["--lang", "en", "validate", str(plan)], catch_exceptions=False)
    assert result.exit_code == 1
    line = next(x for x in result.output.splitlines() if "[over-ceiling]" in x)
    assert "500.000.000" in line and "exceeds" in line
    assert line.startswith(f"{plan}:{text[: text.index('ceiling: 500000000')].count(chr(10)) + 1}:")


def test_rate_not_valid_on_the_plan_dates(tmp_path):
    table = tmp_path / "old.yaml"
    table.write_text(
        "id: old\ntitle: Bảng cũ\nextends: [national]\nrates:\n"
        "  per_diem: {amount: 200000, unit: person_day, basis: Thông tư 40/2017/TT-BTC, "
        "from: 2017-07-01, to: 2019-12-31}\n",
        encoding="utf-8",
    )
    text = QUANG_TRI.read_text(encoding="utf-8").replace("rates: quang-tri-2020", "rates: old.yaml")
    plan = tmp_path / "qt.yaml"
    plan.write_text(text, encoding="utf-8")
    analysis = analyze(plan)
    errors = [f for f in analysis.findings if f.is_error]
    assert {f.code for f in errors} == {"rate-not-valid"}
    assert {f.args["key"] for f in errors} == {"per_diem"}


def test_unverified_rates_give_one_warning(quang_tri):
    warnings = [f for f in quang_tri.findings if f.code == "rates-unverified"]
    assert len(warnings) == 1
    # named by their Vietnamese items, not their rate keys
    used = {x.item for x in quang_tri.budget.lines if not x.verified}
    assert set(warnings[0].args["keys"].split("; ")) == used


# --- properties ---------------------------------------------------------------


@settings(max_examples=30, deadline=None)
@given(factor=st.integers(min_value=1, max_value=20), index=st.integers(min_value=0, max_value=2))
def test_multiplying_classes_multiplies_per_class_lines(factor, index):
    base = analyze(QUANG_TRI)
    plan = base.plan
    group = plan.groups[index]
    bigger = plan.model_copy(
        update={
            "groups": [
                g.model_copy(update={"classes": g.classes * factor}) if g is group else g for g in plan.groups
            ]
        }
    )
    table = table_for(plan, QUANG_TRI.parent)
    before = compute_budget(plan, table)
    after = compute_budget(bigger, table)
    for old, new in zip(before.lines, after.lines, strict=True):
        if old.entity == group.id:
            assert new.quantity == old.quantity * factor
            assert new.amount == old.amount * factor
        else:
            assert new == old
    assert after.total == sum(x.amount for x in after.lines)


@settings(max_examples=25, deadline=None)
@given(key_index=st.integers(min_value=0, max_value=50), delta=st.integers(min_value=1, max_value=500_000))
def test_a_rate_change_moves_exactly_its_lines(tmp_path_factory, key_index, delta):
    base = analyze(QUANG_TRI)
    keys = sorted({x.rate_key for x in base.budget.lines})
    key = keys[key_index % len(keys)]
    shipped = load_table("quang-tri-2020")
    versions = shipped.versions(key)
    folder = tmp_path_factory.mktemp("rates")
    entries = "\n".join(
        f"    - {{amount: {v.amount + delta}, unit: {v.unit}, basis: 'Sửa đổi', from: {v.valid_from}"
        + (f", to: {v.valid_to}" if v.valid_to else "")
        + "}"
        for v in versions
    )
    (folder / "t.yaml").write_text(
        f"id: t\ntitle: Thử\nextends: [quang-tri-2020]\nrates:\n  {key}:\n{entries}\n", encoding="utf-8"
    )
    changed = compute_budget(base.plan, load_table("t.yaml", base_dir=folder))
    for old, new in zip(base.budget.lines, changed.lines, strict=True):
        if old.rate_key == key:
            assert new.amount - old.amount == old.quantity * delta
        else:
            assert new.amount == old.amount
    assert changed.total == sum(x.amount for x in changed.lines)


# --- formats agree ------------------------------------------------------------


def test_json_csv_xlsx_agree_to_the_dong(runner, tmp_path):
    args = ["cost", str(QUANG_TRI)]
    as_json = json.loads(runner.invoke(app, [*args, "--format", "json"], catch_exceptions=False).stdout)
    csv_out = tmp_path / "d.csv"
    runner.invoke(app, [*args, "--format", "csv", "-o", str(csv_out)], catch_exceptions=False)
    raw = csv_out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    xlsx_out = tmp_path / "d.xlsx"
    result = runner.invoke(app, [*args, "--format", "xlsx", "-o", str(xlsx_out)], catch_exceptions=False)
    assert result.exit_code == 0

    line_amounts = [x["amount"] for x in as_json["lines"]]
    assert sum(line_amounts) == as_json["total"]
    assert list(rows[0]) == [
        "STT",
        "Nội dung",
        "Đơn vị tính",
        "Số lượng",
        "Đơn giá (đồng)",
        "Thành tiền (đồng)",
        "Căn cứ",
    ]
    amount = "Thành tiền (đồng)"
    assert [int(r[amount]) for r in rows if r["STT"].isdigit()] == line_amounts
    assert rows[-1]["Nội dung"] == "TỔNG CỘNG" and int(rows[-1][amount]) == as_json["total"]
    assert xlsx_total(xlsx_out) == as_json["total"]
    assert xlsx_cached_total(xlsx_out) == as_json["total"]


def xlsx_total(path: Path) -> int:
    """Evaluate the workbook's own formulas (products, SUBTOTALs, headroom) without Excel."""
    from openpyxl import load_workbook

    ws = load_workbook(path).active
    values: dict[str, int] = {}
    rows = list(ws.iter_rows(min_row=8))  # under the heading block and the header row (7)
    for row in rows:
        d, e, f = row[3].value, row[4].value, row[5].value
        ref = f"F{row[0].row}"
        if isinstance(f, str) and f.startswith("=ROUND("):
            assert f == f"=ROUND(D{row[0].row}*E{row[0].row}/100,0)"
            values[ref] = (d * e * 2 + 100) // 200
        elif isinstance(f, str) and "*" in f:
            assert f == f"=D{row[0].row}*E{row[0].row}"
            values[ref] = d * e
        elif isinstance(f, int):
            values[ref] = f

    def subtotal(formula: str) -> int:
        assert formula.startswith("=SUBTOTAL(9,") and formula.endswith(")")
        start, end = formula[len("=SUBTOTAL(9,") : -1].split(":")
        lo, hi = int(start[1:]), int(end[1:])
        # SUBTOTAL leaves out the cells that are SUBTOTALs themselves: the section rows
        return sum(
            values.get(f"F{r}", 0)
            for r in range(lo, hi + 1)
            if not str(ws[f"F{r}"].value).startswith("=SUBTOTAL")
        )

    total = None
    for row in rows:
        f = row[5].value
        if row[1].value == "TỔNG CỘNG":
            total = subtotal(f)
        elif isinstance(f, str) and f.startswith("=SUBTOTAL("):
            values[f"F{row[0].row}"] = subtotal(f)
    assert ws.freeze_panes == "A8"
    assert ws["F9"].number_format == "#,##0"
    return total


def xlsx_cached_total(path: Path) -> int:
    """What a reader that never recalculates sees: the values stored with the formulas."""
    from openpyxl import load_workbook

    ws = load_workbook(path, data_only=True).active
    lines = sections = 0
    total = None
    for row in ws.iter_rows(min_row=8, values_only=True):
        stt, item, amount = row[0], row[1], row[5]
        if isinstance(stt, str) and stt.isdigit():
            percent = row[2] == "%"
            assert amount == ((row[3] * row[4] * 2 + 100) // 200 if percent else row[3] * row[4])
            lines += amount
        elif stt:
            sections += amount
        elif item == "TỔNG CỘNG":
            total = amount
            break  # the notes and the signature block follow
    assert total == lines == sections
    return total


def test_xlsx_is_byte_reproducible(runner, tmp_path):
    outs = []
    for name in ("a.xlsx", "b.xlsx"):
        out = tmp_path / name
        runner.invoke(
            app, ["cost", str(QUANG_TRI), "--format", "xlsx", "-o", str(out)], catch_exceptions=False
        )
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]


def test_cost_table_shows_basis_and_headroom(runner):
    result = runner.invoke(app, ["cost", str(QUANG_TRI)], catch_exceptions=False, env={"COLUMNS": "250"})
    assert result.exit_code == 0
    assert "TỔNG CỘNG" in result.output
    assert "Thông tư 40/2017/TT-BTC" in result.output or "Nghị quyết 14/2017" in result.output
    assert "Còn lại" in result.output


def test_rates_command_lists_and_shows(runner):
    listing = runner.invoke(app, ["rates"], catch_exceptions=False)
    assert "national" in listing.output and "quang-tri-2020" in listing.output
    shown = runner.invoke(app, ["rates", "national", "--format", "json"], catch_exceptions=False)
    data = json.loads(shown.output)
    per_diem = [r for r in data["rates"] if r["key"] == "per_diem"]
    assert [r["amount"] for r in per_diem] == sorted(r["amount"] for r in per_diem)
    assert all(r["basis"] for r in data["rates"])


def test_a_lesson_may_name_its_own_speaker_grade(tmp_path):
    text = QUANG_TRI.read_text(encoding="utf-8").replace(
        'tiêu thụ sản phẩm", periods: 10}', 'tiêu thụ sản phẩm", periods: 10, grade: provincial}'
    )
    plan = tmp_path / "qt.yaml"
    plan.write_text(text, encoding="utf-8")
    budget = analyze(plan).budget
    fees = {
        x.rate_key: x.quantity for x in budget.lines if x.entity == "tuyen-truyen" and x.code == "speaker_fee"
    }
    # per class: 20 expert periods = 5 buổi, 10 provincial periods = 3 buổi (rounded up per grade);
    # a 3-day class pays at most 6 buổi, taken in lesson order: 5 expert, then 1 provincial
    assert fees == {"speaker_fee.expert": 2 * 5, "speaker_fee.provincial": 2 * 1}
