"""Issue 10's rules, each on a small plan computed by hand: learner support by payroll status,
the meal tier by organiser, buổi capped per day, travelling speakers, tour fares, the regimes
of 2020, 2024 and 2027, and the districts abolished on 1/7/2025."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from conftest import PLANS

from cap135.budget.analysis import analyze
from cap135.budget.rate_tables import load_table
from cap135.cli.app import app

NATIONAL = load_table("national")

PLAN = """\
version: 1
year: {year}
agency: {{parent: UBND TỈNH A, name: SỞ DÂN TỘC VÀ TÔN GIÁO, short_name: Sở Dân tộc và Tôn giáo,
          code: SDTTG, level: {organiser}}}
place: A
title: Kế hoạch thử
funding: {{ceiling: 100000000000, source: ngân sách}}
groups:
  - id: g
    name: Nhóm thử
    audience: {audience}
{extra}    trainees: Học viên
    classes: 2
    class_size: 10
    days: 3
    schedule: {{from: {year}-09, to: {year}-09}}
    venue: {{name: nơi học, level: {venue}}}
    speakers: {{text: Báo cáo viên, grade: provincial{speakers}}}
    lessons:
      - {{title: Chuyên đề một, periods: {periods}}}
{tours}signer: {{position: GIÁM ĐỐC, name: Người Ký}}
"""


def plan(
    tmp_path: Path,
    *,
    year: int = 2027,
    organiser: str = "province",
    audience: str = "cadres",
    venue: str = "province",
    extra: str = "",
    speakers: str = "",
    periods: int = 8,
    tours: str = "",
):
    path = tmp_path / "p.yaml"
    path.write_text(
        PLAN.format(
            year=year,
            organiser=organiser,
            audience=audience,
            venue=venue,
            extra=extra,
            speakers=speakers,
            periods=periods,
            tours=tours,
        ),
        encoding="utf-8",
    )
    return analyze(path)


def lines_of(analysis, code: str):
    return [x for x in analysis.budget.lines if x.code == code]


def codes(analysis) -> set[str]:
    return {x.code for x in analysis.budget.lines}


def rate(key: str, year: int = 2027) -> int:
    return NATIONAL.lookup(key, date(year, 9, 1)).amount


# --- 1. learner support follows payroll status ----------------------------------------


def test_salaried_cadres_get_no_learner_support(tmp_path):
    analysis = plan(tmp_path, audience="cadres")
    assert analysis.ok, analysis.findings
    assert not codes(analysis) & {"meal_support", "lodging", "travel_support"}


def test_non_salaried_cadres_at_the_province_get_meals_lodging_and_one_trip(tmp_path):
    analysis = plan(tmp_path, audience="cadres", extra="    salaried: false\n")
    meals, lodging, travel = (lines_of(analysis, c) for c in ("meal_support", "lodging", "travel_support"))
    assert [x.quantity for x in meals] == [2 * 10 * 3]  # trainee-days
    assert [x.quantity for x in lodging] == [2 * 10 * 2]  # 3 days = 2 nights
    assert [x.quantity for x in travel] == [2 * 10]  # one round trip each
    assert lodging[0].rate == rate("lodging.province")


def test_community_at_its_commune_gets_meals_only(tmp_path):
    analysis = plan(tmp_path, audience="community", venue="commune")
    assert "meal_support" in codes(analysis)
    assert not codes(analysis) & {"lodging", "travel_support"}


def test_community_at_the_province_is_away_from_home(tmp_path):
    analysis = plan(tmp_path, audience="community", venue="province")
    assert {"meal_support", "lodging", "travel_support"} <= codes(analysis)


def test_the_flags_override_the_defaults(tmp_path):
    analysis = plan(
        tmp_path,
        audience="community",
        venue="province",
        extra="    meals: false\n    lodging: false\n    travel: true\n",
    )
    assert not codes(analysis) & {"meal_support", "lodging"}
    assert "travel_support" in codes(analysis)
    salaried = plan(tmp_path, audience="community", extra="    salaried: true\n    meals: true\n")
    assert "meal_support" in codes(salaried) and "lodging" not in codes(salaried)


# --- 2. the meal tier follows the organiser ----------------------------------------------


@pytest.mark.parametrize(
    ("organiser", "venue", "tier"),
    [
        ("province", "province", "meal_support.province"),  # tiers (a)/(b) at the provincial city
        ("province", "commune", "meal_support.district"),  # tier (b): not the commune's tier
        ("commune", "commune", "meal_support.commune"),  # tier (c): organised by the commune
        ("commune", "province", "meal_support.commune"),  # tier (c) wherever held
    ],
)
def test_meal_tier(tmp_path, organiser, venue, tier):
    analysis = plan(tmp_path, organiser=organiser, venue=venue, audience="community")
    assert [x.rate_key for x in lines_of(analysis, "meal_support")] == [tier]


def test_tier_c_is_cheaper_than_tier_b_under_the_2017_regime(tmp_path):
    province = plan(tmp_path, year=2020, organiser="province", venue="commune", audience="community")
    commune = plan(tmp_path, year=2020, organiser="commune", venue="commune", audience="community")
    by_province, by_commune = lines_of(province, "meal_support")[0], lines_of(commune, "meal_support")[0]
    assert (by_province.rate, by_commune.rate) == (150_000, 100_000)  # TT 40/2017 Art. 12.4 (b), (c)


# --- 3. programme rules by date -----------------------------------------------------------


@pytest.mark.parametrize(
    ("year", "meal"),
    [
        (2020, 150_000),  # CT135 2016–2020: TT 40/2017 tier (b)
        (2024, 200_000),  # 2021–2025 programmes: TT 55/2023 caps at the per diem, 200.000
        (2027, 300_000),  # 2026–2030: finance circular not found; provisional, equal to the per diem
    ],
)
def test_each_regime_costs_its_meal_support(tmp_path, year, meal):
    analysis = plan(tmp_path, year=year, audience="community", venue="province", organiser="province")
    line = lines_of(analysis, "meal_support")[0]
    assert line.rate == meal
    assert line.amount == 2 * 10 * 3 * meal
    texts = [a.text("vi") for a in analysis.budget.assumptions]
    assert any(t.startswith("Chương trình:") for t in texts)


def test_the_newest_regime_is_open_ended_unverified_and_provisional():
    for key in ("meal_support.province", "meal_support.district", "meal_support.commune"):
        newest = NATIONAL.versions(key)[-1]
        assert newest.valid_to is None and not newest.verified and newest.provisional
        assert newest.valid_from == date(2026, 1, 1) and newest.valid_on(date(2030, 12, 31))
        # the 2021–2025 circular serves the 2021–2025 programmes only
        assert "55/2023" in NATIONAL.lookup(key, date(2025, 12, 31)).basis
        assert "55/2023" not in newest.basis


# --- 4. corrections ------------------------------------------------------------------------


GRADES = ("central_leader", "senior_leader", "expert", "provincial", "local")


def test_tt_100_2025_is_in_force_from_28_october_2025():
    fee = NATIONAL.lookup("speaker_fee.provincial", date(2025, 10, 28))
    assert "100/2025" in fee.basis
    assert "36/2018" in NATIONAL.lookup("speaker_fee.provincial", date(2025, 10, 27)).basis


@pytest.mark.parametrize("table", ["national", "quang-tri-2020"])
def test_tt_100_carries_one_maximum_never_tt_36_tiers(table):
    """What was found of TT 100/2025: one maximum of 4.000.000 đ/buổi, each agency setting its
    levels below it. TT 36/2018's five tiers are not carried forward under TT 100's name."""
    rates = load_table(table)
    day = date(2025, 10, 28)
    under_100 = [rates.lookup(f"speaker_fee.{grade}", day) for grade in GRADES]
    assert {r.amount for r in under_100} == {4_000_000}
    assert all(r.provisional and not r.verified and r.cap for r in under_100)
    tiers_36 = {rates.lookup(f"speaker_fee.{grade}", date(2025, 10, 27)).amount for grade in GRADES}
    assert len(tiers_36) == 5  # TT 36/2018's tiers stay in its own period
    assert NATIONAL.profile("periods_per_session", day).value == 4


@pytest.mark.parametrize("table", ["national", "quang-tri-2020"])
def test_lodging_after_1_july_2025_is_provisional_and_the_same_for_every_place(table):
    """Districts ended on 1/7/2025: no lodging tier follows an abolished unit; the province's
    table must set its own, and the national stand-in is one amount for every place."""
    rates = load_table(table)
    keys = ("lodging.city", "lodging.province", "lodging.district", "lodging.commune")
    after = [rates.lookup(key, date(2025, 7, 1)) for key in keys]
    assert len({r.amount for r in after}) == 1
    assert all(r.provisional and not r.verified for r in after)
    for key in keys:  # TT 12/2025's amounts for other officials were not found: not verified
        row = NATIONAL.lookup(key, date(2025, 5, 4))
        assert row.valid_from == date(2025, 5, 4) and not row.verified and row.provisional
        assert "12/2025" in row.basis


# --- 5. speakers -----------------------------------------------------------------------------


def test_a_class_pays_at_most_two_sessions_a_day(tmp_path):
    # 40 periods need 10 buổi of 4; a 3-day class pays 6
    analysis = plan(tmp_path, periods=40)
    assert [x.quantity for x in lines_of(analysis, "speaker_fee")] == [2 * 6]
    assert any(a.code == "assume-sessions-capped" for a in analysis.budget.assumptions)
    assert any(f.code == "periods-exceed-days" for f in analysis.findings)  # the warning stays


def test_travelling_speakers_count_departure_to_return_and_a_fare(tmp_path):
    analysis = plan(tmp_path, venue="commune")
    assert [x.quantity for x in lines_of(analysis, "speaker_per_diem")] == [2 * 4]  # 3 days + travel day
    assert [x.quantity for x in lines_of(analysis, "speaker_lodging")] == [2 * 3]
    transport = lines_of(analysis, "speaker_transport")
    assert [x.quantity for x in transport] == [2]
    assert transport[0].rate == rate("speaker_transport.commune")


def test_speakers_from_outside_the_province_can_travel_to_a_province_venue(tmp_path):
    home = plan(tmp_path, venue="province")
    assert "speaker_per_diem" not in codes(home)
    away = plan(tmp_path, venue="province", speakers=", travel: true")
    assert lines_of(away, "speaker_transport")[0].rate == rate("speaker_transport.province")


# --- 6. study tours ----------------------------------------------------------------------------

TOUR = """\
tours:
  - name: Tham quan
    trainees: 10
    staff: 2
    days: 5
    schedule: {{from: 2027-10, to: 2027-10}}
    destination: {{name: nơi đến, level: province}}
{fare}"""


def test_a_tour_fare_is_a_line_of_people_times_fare(tmp_path):
    analysis = plan(tmp_path, tours=TOUR.format(fare="    fare: 3500000\n"))
    fare = lines_of(analysis, "tour_fare")
    assert [(x.quantity, x.rate, x.amount) for x in fare] == [(12, 3_500_000, 12 * 3_500_000)]
    assert "vehicle_hire" not in codes(analysis)


def test_without_a_fare_the_tour_hires_a_vehicle_per_day(tmp_path):
    analysis = plan(tmp_path, tours=TOUR.format(fare=""))
    assert [x.quantity for x in lines_of(analysis, "vehicle_hire")] == [5]
    assert "tour_fare" not in codes(analysis)


# --- 7. districts abolished from 1/7/2025 ------------------------------------------------------


def district_errors(analysis):
    return [f for f in analysis.findings if f.code == "district-abolished"]


@pytest.mark.parametrize(("month", "expected"), [("2025-06", 0), ("2025-07", 1)])
def test_a_district_venue_on_either_side_of_1_july_2025(tmp_path, month, expected):
    text = PLAN.format(
        year=2025,
        organiser="province",
        audience="community",
        venue="district",
        extra="",
        speakers="",
        periods=8,
        tours="",
    ).replace("{from: 2025-09, to: 2025-09}", f"{{from: {month}, to: {month}}}")
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    analysis = analyze(path)
    found = district_errors(analysis)
    assert len(found) == expected
    if found:
        assert found[0].path == ("groups", 0, "venue", "level")
        assert found[0].is_error


def test_a_district_organiser_in_2027_is_an_error_at_its_line(runner, tmp_path):
    analysis = plan(tmp_path, organiser="district", venue="commune")
    assert [f.path for f in district_errors(analysis)] == [("agency", "level")]
    result = runner.invoke(app, ["validate", str(tmp_path / "p.yaml")], catch_exceptions=False)
    assert result.exit_code == 1
    assert f"{tmp_path / 'p.yaml'}:4:" in result.output and "district-abolished" in result.output
    english = runner.invoke(app, ["--lang", "en", "validate", str(tmp_path / "p.yaml")])
    assert "no district level from 1 July 2025" in english.output


def test_a_district_plan_of_2019_is_still_valid():
    analysis = analyze(PLANS / "dak-glei-2019.yaml")
    assert analysis.plan.agency.level == "district"
    assert not district_errors(analysis)


# --- 8. no class-size limit without a source --------------------------------------------------


def test_a_class_of_250_learners_is_not_flagged(tmp_path):
    analysis = plan(tmp_path)
    text = (tmp_path / "p.yaml").read_text(encoding="utf-8").replace("class_size: 10", "class_size: 250")
    (tmp_path / "p.yaml").write_text(text, encoding="utf-8")
    analysis = analyze(tmp_path / "p.yaml")
    assert not [f for f in analysis.findings if f.code == "class-too-large"]


# --- overrides that do not apply ------------------------------------------------------------------


def test_an_override_of_a_rule_that_does_not_apply_is_an_error(tmp_path):
    analysis = plan(tmp_path, extra="    overrides: {lodging: 5}\n")  # salaried cadres: no lodging
    errors = [f for f in analysis.findings if f.is_error]
    assert [(f.code, f.path) for f in errors] == [
        ("override-not-applicable", ("groups", 0, "overrides", "lodging"))
    ]


# --- 9. assumptions shown ----------------------------------------------------------------------------


def test_assumptions_name_support_sessions_and_unverified_items(runner, tmp_path):
    analysis = plan(tmp_path, audience="cadres", extra="    salaried: false\n", periods=40)
    texts = [a.text("vi") for a in analysis.budget.assumptions]
    assert any("không hưởng lương" in t and "tiền ăn" in t and "theo kế hoạch" in t for t in texts)
    assert any("trả 6 buổi" in t for t in texts)
    unverified = next(t for t in texts if t.startswith("Mức chi chưa kiểm chứng"))
    assert "Tài liệu học tập cho học viên" in unverified and "materials" not in unverified
    data = json.loads(
        runner.invoke(
            app, ["cost", str(tmp_path / "p.yaml"), "--format", "json"], catch_exceptions=False
        ).stdout
    )
    assert [a["text"] for a in data["assumptions"]] == texts


def test_a_verified_province_table_clears_the_warning_for_its_rates(tmp_path):
    analysis = plan(tmp_path)
    before = next(f for f in analysis.findings if f.code == "rates-unverified").args["keys"]
    assert "Tài liệu học tập cho học viên" in before
    (tmp_path / "tinh.yaml").write_text(
        "id: tinh\ntitle: Bảng của tỉnh\nextends: [national]\nrates:\n"
        "  materials: {amount: 60000, unit: trainee, basis: 'Nghị quyết 1/2026/NQ-HĐND', "
        "from: 2026-01-01, verified: true,\n"
        "    source: {where: 'Nghị quyết 1/2026/NQ-HĐND, Điều 3',\n"
        "             quote: 'Tài liệu: 60.000 đồng/học viên.'}}\n",
        encoding="utf-8",
    )
    text = (
        (tmp_path / "p.yaml")
        .read_text(encoding="utf-8")
        .replace("place: A\n", "place: A\nrates: tinh.yaml\n")
    )
    (tmp_path / "p.yaml").write_text(text, encoding="utf-8")
    after = next(f for f in analyze(tmp_path / "p.yaml").findings if f.code == "rates-unverified").args[
        "keys"
    ]
    assert "Tài liệu học tập cho học viên" not in after


# --- 10. the shipped 2027 plan ----------------------------------------------------------------------


def test_the_2027_example_validates_without_error_and_has_every_structure():
    analysis = analyze(PLANS / "quang-tri-2027.yaml")
    assert analysis.ok, [f for f in analysis.findings if f.is_error]
    plan_ = analysis.plan
    assert plan_.agency.name == "SỞ DÂN TỘC VÀ TÔN GIÁO"
    assert {g.is_salaried for g in plan_.groups if g.audience == "cadres"} == {True, False}
    assert any(t.fare for t in plan_.tours)
    levels = {x.level for x in analysis.budget.lines}
    assert "district" not in levels and {"province", "commune"} <= levels
