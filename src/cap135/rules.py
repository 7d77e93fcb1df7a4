"""Cost rules as data: which entities a rule applies to, its quantity driver, its rate key.

The engine (cost.py) knows a closed set of drivers, conditions and attributes;
a rule only names them. Nothing here is evaluated from user text.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal

from .model import ClassRun, Group, Tour, periods_per_class

Scope = Literal["class", "tour", "plan"]


@dataclass(frozen=True, slots=True)
class Rule:
    code: str  # the name a plan uses in `overrides`
    label: str  # Vietnamese item label in the dự toán
    scope: Scope
    driver: str  # a key of CLASS_DRIVERS / TOUR_DRIVERS, or "percent_of_subtotal"
    rate_key: str  # may hold {attribute} placeholders from ATTRIBUTES
    unit: str  # Vietnamese unit label (Đơn vị tính)
    condition: str = "always"  # a key of CONDITIONS
    audiences: frozenset[str] = frozenset({"cadres", "community"})
    field: str | None = None  # the plan field a missing rate points at
    split: str | None = None  # a key of SPLITTERS: one quantity per value of an attribute


# --- quantity drivers: (class run, periods per buổi) -> quantity ---------------
def _nights(days: int) -> int:
    """Nights of a stay of `days` days counted departure to return: days - 1."""
    return max(days - 1, 0)


ClassDriver = Callable[[ClassRun, int], int]
CLASS_DRIVERS: Mapping[str, ClassDriver] = {
    "per_class": lambda run, pps: 1,
    "per_trainee": lambda run, pps: run.size,
    "per_trainee_day": lambda run, pps: run.size * run.group.days,
    "per_trainee_night": lambda run, pps: run.size * _nights(run.group.days),
    "per_session": lambda run, pps: math.ceil(periods_per_class(run.group) / pps),
    "per_class_day": lambda run, pps: run.group.days,
    "per_class_night": lambda run, pps: _nights(run.group.days),
}


def sessions_by_grade(run: ClassRun, pps: int) -> dict[str, int]:
    """Buổi per speaker grade: a lesson may name its own grade, else the group's.

    Periods of one grade are pooled before rounding up to whole buổi.
    """
    periods: dict[str, int] = {}
    default = run.group.speakers.grade
    for lesson in run.group.lessons:
        grade = lesson.grade or default
        periods[grade] = periods.get(grade, 0) + lesson.periods
    return {grade: math.ceil(total / pps) for grade, total in periods.items()}


# A splitter gives (attribute value → quantity) for a rule whose rate key names
# that attribute; the value replaces the placeholder.
SPLITTERS: Mapping[str, Callable[[ClassRun, int], dict[str, int]]] = {
    "speakers.grade": sessions_by_grade,
}

TourDriver = Callable[[Tour], int]
TOUR_DRIVERS: Mapping[str, TourDriver] = {
    "per_person_day": lambda tour: tour.people * tour.days,
    "per_person_night": lambda tour: tour.people * _nights(tour.days),
    "per_tour_day": lambda tour: tour.days,
    "per_tour": lambda tour: 1,
}


# --- conditions -----------------------------------------------------------------
def _speakers_travel(group: Group, run: ClassRun) -> bool:
    if group.speakers.travel is not None:
        return group.speakers.travel
    return run.venue.level != "province"


CONDITIONS: Mapping[str, Callable[[Group, ClassRun], bool]] = {
    "always": lambda group, run: True,
    "meals": lambda group, run: group.gets_meals,
    "lodging": lambda group, run: group.lodging,
    "travel": lambda group, run: group.travel,
    "speakers_travel": _speakers_travel,
}

# --- attributes a rate key may name ---------------------------------------------
ATTRIBUTES: Mapping[str, Callable[[ClassRun | Tour], str]] = {
    "venue.level": lambda e: e.venue.level if isinstance(e, ClassRun) else "",
    "speakers.grade": lambda e: e.group.speakers.grade if isinstance(e, ClassRun) else "",
    "destination.level": lambda e: e.destination.level if isinstance(e, Tour) else "",
}
_PLACEHOLDER = re.compile(r"\{([a-z_.]+)\}")


def rate_key_for(rule: Rule, entity: ClassRun | Tour, fixed: Mapping[str, str] | None = None) -> str:
    """The rate key with its placeholders filled from the entity (or from `fixed`)."""

    def value(match: re.Match[str]) -> str:
        name = match[1]
        if fixed and name in fixed:
            return fixed[name]
        return ATTRIBUTES[name](entity)

    return _PLACEHOLDER.sub(value, rule.rate_key)


# Order is the order of lines in the dự toán.
RULES: tuple[Rule, ...] = (
    Rule(
        "speaker_fee",
        "Thù lao báo cáo viên",
        "class",
        "per_session",
        "speaker_fee.{speakers.grade}",
        "buổi",
        field="speakers",
        split="speakers.grade",
    ),
    Rule(
        "speaker_per_diem",
        "Phụ cấp lưu trú báo cáo viên",
        "class",
        "per_class_day",
        "per_diem",
        "ngày",
        condition="speakers_travel",
        field="speakers",
    ),
    Rule(
        "speaker_lodging",
        "Tiền phòng nghỉ báo cáo viên",
        "class",
        "per_class_night",
        "lodging.{venue.level}",
        "đêm",
        condition="speakers_travel",
        field="venue",
    ),
    Rule("materials", "Tài liệu học tập cho học viên", "class", "per_trainee", "materials", "người"),
    Rule("stationery", "Văn phòng phẩm cho học viên", "class", "per_trainee", "stationery", "người"),
    Rule(
        "drinking_water",
        "Nước uống cho học viên",
        "class",
        "per_trainee_day",
        "drinking_water",
        "người/ngày",
    ),
    Rule(
        "meal_support",
        "Hỗ trợ tiền ăn cho học viên",
        "class",
        "per_trainee_day",
        "meal_support.{venue.level}",
        "người/ngày",
        condition="meals",
        field="venue",
    ),
    Rule(
        "lodging",
        "Hỗ trợ tiền nghỉ cho học viên",
        "class",
        "per_trainee_night",
        "lodging.{venue.level}",
        "người/đêm",
        condition="lodging",
        field="venue",
    ),
    Rule(
        "travel_support",
        "Hỗ trợ tiền đi lại cho học viên",
        "class",
        "per_trainee",
        "travel_support",
        "người",
        condition="travel",
    ),
    Rule(
        "hall_rent",
        "Thuê hội trường, thiết bị",
        "class",
        "per_class_day",
        "hall_rent.{venue.level}",
        "ngày",
        field="venue",
    ),
    Rule(
        "class_opening",
        "Khai giảng, bế giảng, khánh tiết, ma-két",
        "class",
        "per_class",
        "class_opening",
        "lớp",
    ),
    Rule(
        "tour_per_diem",
        "Phụ cấp lưu trú đoàn tham quan",
        "tour",
        "per_person_day",
        "per_diem",
        "người/ngày",
    ),
    Rule(
        "tour_lodging",
        "Tiền phòng nghỉ đoàn tham quan",
        "tour",
        "per_person_night",
        "lodging.{destination.level}",
        "người/đêm",
        field="destination",
    ),
    Rule("vehicle_hire", "Thuê xe đưa đón đoàn", "tour", "per_tour_day", "vehicle_hire", "ngày"),
    Rule("management", "Chi quản lý, dự phòng", "plan", "percent_of_subtotal", "management", "%"),
)

RULE_CODES: frozenset[str] = frozenset(r.code for r in RULES)
CLASS_RULES: tuple[Rule, ...] = tuple(r for r in RULES if r.scope == "class")
TOUR_RULES: tuple[Rule, ...] = tuple(r for r in RULES if r.scope == "tour")
PLAN_RULES: tuple[Rule, ...] = tuple(r for r in RULES if r.scope == "plan")
