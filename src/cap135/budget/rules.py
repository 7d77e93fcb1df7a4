"""Cost rules: which classes or tours a rule applies to, its quantities and their rate keys.

A rule holds plain functions (no string keys, nothing evaluated from user text), so the
type checker sees every driver and condition. The counting conventions, each a choice a
finance officer can read in the cost output's assumptions:

- learners' support follows payroll status (Thông tư 40/2017/TT-BTC, Điều 12, khoản 4:
  "không trong danh sách trả lương của cơ quan nhà nước"): non-salaried learners get meals;
  when their class is held at province level, away from their commune, also lodging and one
  round trip (Thông tư 36/2018/TT-BTC, Điều 5, khoản 2). The group flags override;
- the meal tier follows the organiser: tier (c) for a class organised by a commune, wherever
  held; otherwise tiers (a)/(b) by the venue (`meal_support.province` at a provincial city,
  `meal_support.district` elsewhere: district towns, communes);
- buổi: a lesson's periods are pooled per speaker grade and rounded up to whole buổi; a class
  pays at most `sessions_per_day` buổi a day (2), whatever its periods;
- a stay of N days has N - 1 nights (departure to return) for learners and study tours;
  travelling speakers arrive the day before the class opens: N + 1 days, N nights, and one
  round trip per class.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

from cap135.plan.model import AgencyLevel, ClassRun, Group, Tour

Scope = Literal["class", "tour", "plan"]
DEFAULT_SESSIONS_PER_DAY = 2


@dataclass(frozen=True, slots=True)
class ClassCase:
    """One class run as the rules see it: the run, its organiser and the buổi conventions."""

    run: ClassRun
    organiser: AgencyLevel
    periods_per_session: int
    sessions_per_day: int = DEFAULT_SESSIONS_PER_DAY

    @property
    def group(self) -> Group:
        return self.run.group


# (rate key, quantity) pairs for one class or one tour
ClassQuantities = Callable[[ClassCase], Iterable[tuple[str, int]]]
TourQuantities = Callable[[Tour], Iterable[tuple[str, int]]]


@dataclass(frozen=True, slots=True)
class ClassRule:
    code: str  # the name a plan uses in `overrides`
    label: str  # Vietnamese item label in the dự toán
    unit: str  # Vietnamese unit label (Đơn vị tính)
    quantities: ClassQuantities
    applies: Callable[[ClassCase], bool] = lambda case: True
    field: str | None = None  # the plan field a missing rate points at
    scope: Scope = "class"


@dataclass(frozen=True, slots=True)
class TourRule:
    code: str
    label: str
    unit: str
    quantities: TourQuantities
    applies: Callable[[Tour], bool] = lambda tour: True
    field: str | None = None
    scope: Scope = "tour"


@dataclass(frozen=True, slots=True)
class PlanRule:
    """A percentage of the subtotal of every other line."""

    code: str
    label: str
    unit: str
    rate_key: str
    field: str | None = None
    scope: Scope = "plan"


Rule = ClassRule | TourRule | PlanRule


# --- counting ---------------------------------------------------------------------
def nights(days: int) -> int:
    """Nights of a stay of `days` days counted departure to return: days - 1."""
    return max(days - 1, 0)


def sessions_needed(case: ClassCase) -> dict[str, int]:
    """Buổi per speaker grade before the daily cap: periods pooled per grade, rounded up."""
    periods: dict[str, int] = {}
    default = case.group.speakers.grade
    for lesson in case.group.lessons:
        grade = lesson.grade or default
        periods[grade] = periods.get(grade, 0) + lesson.periods
    return {grade: math.ceil(total / case.periods_per_session) for grade, total in periods.items()}


def sessions_by_grade(case: ClassCase) -> dict[str, int]:
    """Buổi paid per speaker grade: at most `sessions_per_day` a day for the class.

    When the lessons need more, the grades keep their buổi in the order of their first
    lesson until the cap is reached.
    """
    left = case.sessions_per_day * case.group.days
    paid: dict[str, int] = {}
    for grade, needed in sessions_needed(case).items():
        paid[grade] = min(needed, left)
        left -= paid[grade]
    return paid


def sessions_capped(case: ClassCase) -> bool:
    return sum(sessions_needed(case).values()) > case.sessions_per_day * case.group.days


# --- conditions ---------------------------------------------------------------------
def non_salaried(case: ClassCase) -> bool:
    return not case.group.is_salaried


def away_from_home(case: ClassCase) -> bool:
    """A class at province level takes commune learners away from home."""
    return case.run.venue.level == "province"


def gets_meals(case: ClassCase) -> bool:
    flag = case.group.meals
    return non_salaried(case) if flag is None else flag


def gets_lodging(case: ClassCase) -> bool:
    flag = case.group.lodging
    return non_salaried(case) and away_from_home(case) if flag is None else flag


def gets_travel(case: ClassCase) -> bool:
    flag = case.group.travel
    return non_salaried(case) and away_from_home(case) if flag is None else flag


def speakers_travel(case: ClassCase) -> bool:
    """Speakers travel to classes below province level unless the plan says otherwise."""
    flag = case.group.speakers.travel
    return case.run.venue.level != "province" if flag is None else flag


def meal_tier(case: ClassCase) -> str:
    """The rate-key suffix of learners' meal support (Thông tư 40/2017/TT-BTC, Điều 12, khoản 4).

    Tier (c) is for meetings a commune organises, wherever held; otherwise the venue decides:
    a provincial city (tiers a/b, `province`) or anywhere else in the province (tier b, `district`).
    """
    if case.organiser == "commune":
        return "commune"
    return "province" if case.run.venue.level == "province" else "district"


def _one(key: str, quantity: Callable[[ClassCase], int]) -> ClassQuantities:
    return lambda case: ((key, quantity(case)),)


def _keyed(
    prefix: str, suffix: Callable[[ClassCase], str], quantity: Callable[[ClassCase], int]
) -> ClassQuantities:
    return lambda case: ((f"{prefix}.{suffix(case)}", quantity(case)),)


def _venue(case: ClassCase) -> str:
    return case.run.venue.level


def _size(case: ClassCase) -> int:
    return case.run.size


def _learner_days(case: ClassCase) -> int:
    return case.run.size * case.group.days


def _tour_one(key: str, quantity: Callable[[Tour], int]) -> TourQuantities:
    return lambda tour: ((key, quantity(tour)),)


# Order is the order of lines in the dự toán.
CLASS_RULES: tuple[ClassRule, ...] = (
    ClassRule(
        "speaker_fee",
        "Thù lao báo cáo viên",
        "buổi",
        lambda case: ((f"speaker_fee.{grade}", n) for grade, n in sessions_by_grade(case).items()),
        field="speakers",
    ),
    ClassRule(
        "speaker_per_diem",
        "Phụ cấp lưu trú báo cáo viên",
        "ngày",
        _one("per_diem", lambda case: case.group.days + 1),
        applies=speakers_travel,
        field="speakers",
    ),
    ClassRule(
        "speaker_lodging",
        "Tiền phòng nghỉ báo cáo viên",
        "đêm",
        _keyed("lodging", _venue, lambda case: case.group.days),
        applies=speakers_travel,
        field="venue",
    ),
    ClassRule(
        "speaker_transport",
        "Tiền tàu xe báo cáo viên (một lượt đi và về)",
        "lượt",
        _keyed("speaker_transport", _venue, lambda case: 1),
        applies=speakers_travel,
        field="speakers",
    ),
    ClassRule("materials", "Tài liệu học tập cho học viên", "người", _one("materials", _size)),
    ClassRule("stationery", "Văn phòng phẩm cho học viên", "người", _one("stationery", _size)),
    ClassRule(
        "drinking_water", "Nước uống cho học viên", "người/ngày", _one("drinking_water", _learner_days)
    ),
    ClassRule(
        "meal_support",
        "Hỗ trợ tiền ăn cho học viên",
        "người/ngày",
        _keyed("meal_support", meal_tier, _learner_days),
        applies=gets_meals,
        field="venue",
    ),
    ClassRule(
        "lodging",
        "Hỗ trợ tiền nghỉ cho học viên",
        "người/đêm",
        _keyed("lodging", _venue, lambda case: case.run.size * nights(case.group.days)),
        applies=gets_lodging,
        field="venue",
    ),
    ClassRule(
        "travel_support",
        "Hỗ trợ tiền đi lại cho học viên (một lượt đi và về)",
        "người",
        _one("travel_support", _size),
        applies=gets_travel,
    ),
    ClassRule(
        "hall_rent",
        "Thuê hội trường, thiết bị",
        "ngày",
        _keyed("hall_rent", _venue, lambda case: case.group.days),
        field="venue",
    ),
    ClassRule(
        "class_opening", "Khai giảng, bế giảng, khánh tiết, ma-két", "lớp", _one("class_opening", lambda c: 1)
    ),
)

TOUR_RULES: tuple[TourRule, ...] = (
    TourRule(
        "tour_per_diem",
        "Phụ cấp lưu trú đoàn tham quan",
        "người/ngày",
        _tour_one("per_diem", lambda tour: tour.people * tour.days),
    ),
    TourRule(
        "tour_lodging",
        "Tiền phòng nghỉ đoàn tham quan",
        "người/đêm",
        lambda tour: ((f"lodging.{tour.destination.level}", tour.people * nights(tour.days)),),
        field="destination",
    ),
    TourRule(
        "tour_fare",
        "Vé tàu, xe đi và về của đoàn tham quan",
        "người",
        # the fare is the plan's own figure: costed by the engine from `fare`, not from a table
        lambda tour: (("fare", tour.people),),
        applies=lambda tour: tour.fare is not None,
        field="fare",
    ),
    TourRule(
        "vehicle_hire",
        "Thuê xe đưa đón đoàn",
        "ngày",
        _tour_one("vehicle_hire", lambda tour: tour.days),
        applies=lambda tour: tour.fare is None,
    ),
)

PLAN_RULES: tuple[PlanRule, ...] = (PlanRule("management", "Chi quản lý, dự phòng", "%", "management"),)

RULES: tuple[Rule, ...] = (*CLASS_RULES, *TOUR_RULES, *PLAN_RULES)
RULE_CODES: frozenset[str] = frozenset(r.code for r in RULES)
RULE_ORDER: dict[str, int] = {rule.code: i for i, rule in enumerate(RULES)}
PLAN_FARE_KEY = "fare"  # the rate key of a line priced by the plan itself (a tour's fare)
