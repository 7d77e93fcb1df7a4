"""checks: semantic rules on a structurally valid plan."""

from __future__ import annotations

import pytest
from conftest import QUANG_TRI

from cap135.plan.checks import Profile, run_checks
from cap135.plan.structure import build_plan
from cap135.plan.yaml_loader import read_file


@pytest.fixture
def raw() -> dict:
    return read_file(QUANG_TRI).data


ROOMY = Profile(periods_per_day=10)


def codes(data: dict, profile: Profile = ROOMY) -> list[tuple[str, tuple]]:
    plan, problems = build_plan(data)
    assert plan is not None, problems
    return [(f.code, f.path) for f in run_checks(plan, profile)]


def test_the_example_is_clean_with_ten_periods_a_day(raw):
    assert codes(raw) == []


def test_eight_periods_a_day_warns_where_the_real_plan_is_tight(raw):
    found = codes(raw, Profile(periods_per_day=8))
    assert found == [("periods-exceed-days", ("groups", i, "days")) for i in range(3)]


def test_duplicate_ids_across_groups_and_tours(raw):
    raw["tours"][0]["id"] = "cong-dong"
    assert codes(raw) == [("duplicate-id", ("tours", 0, "id"))]


def test_default_tour_ids_are_numbered(raw):
    del raw["tours"][0]["id"]
    plan, _ = build_plan(raw)
    assert plan.tour_id(0) == "tour-1"


def test_schedule_checks(raw):
    raw["groups"][0]["schedule"] = {"from": "2020-09", "to": "2021-01"}
    raw["tours"][0]["schedule"] = {"from": "2020-12-20", "to": "2020-12-02"}
    assert codes(raw) == [
        ("schedule-outside-year", ("groups", 0, "schedule", "to")),
        ("schedule-reversed", ("tours", 0, "schedule")),
    ]


def test_counted_classes_need_size_venue_schedule(raw):
    del raw["groups"][2]["venue"]
    del raw["groups"][2]["class_size"]
    assert codes(raw) == [
        ("missing-class-field", ("groups", 2)),
        ("missing-class-field", ("groups", 2)),
    ]


def test_listed_classes_inherit_or_need_a_venue(raw):
    group = raw["groups"][2]
    del group["venue"], group["class_size"]
    group["classes"] = [{"size": 50, "venue": {"name": "xã A", "level": "commune"}}, {"size": 40}]
    assert codes(raw) == [("missing-class-field", ("groups", 2, "classes", 1))]


def test_class_size_limit_is_a_warning(raw):
    raw["groups"][2]["class_size"] = 130
    assert codes(raw, Profile(periods_per_day=10, max_class_size=120)) == [
        ("class-too-large", ("groups", 2, "class_size"))
    ]


def test_title_naming_another_year(raw):
    raw["title"] = raw["title"].replace("năm 2020", "năm 2019")
    assert codes(raw) == [("title-year-mismatch", ("title",))]
