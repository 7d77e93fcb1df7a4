"""`cap135 summary`: the roll-up a province publishes in its reviews, over one or more plans.

Figures (money in whole đồng, int):

- classes      number of classes (lớp)
- trainees     lượt học viên: the sum of the class sizes
- periods      the sum over classes of each class's lesson periods (tiết)
- tours        number of study tours (đoàn tham quan)
- tour_people  people on the tours: trainees and accompanying staff
- ceiling      kinh phí được giao: the sum of the plans' ceilings (a plan without one adds
               nothing; null when no plan has one)
- total        the costed total (tổng dự toán)

Every breakdown partitions the overall figures, so its rows add up to the overall row:

- by_plan      one row per plan, in the order given: the agency (or commune) that made it,
               as a reader names it ("Ban Dân tộc tỉnh Quảng Trị"), its year and its figures;
               the overall ceiling is the sum of these allocations.
- by_year      per plan year; ceilings and totals are the plans' own.
- by_level     per class venue level (province, district, commune): class figures, and the cost
               of the group lines, each class costed at its own level. Where one group's classes
               sit at several levels, the group's hand-entered extra lines and overridden
               quantities (stated for the group as a whole) go to the level of the group's
               venue (when one of its classes is there), else of its first class. Two more
               rows hold what has no venue level: "tours" (tour counts, tour people and the
               tour lines) and "plan" (plan-wide percentage lines: management, contingency),
               the latter only when present.
- by_audience  per group audience (cadres, community), with the same "tours" and "plan" rows.

ceiling is null in by_level and by_audience: a ceiling is assigned to a plan, not to a level.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from cap135.budget.analysis import Analysis
from cap135.budget.engine import PLAN_LEVEL, TOUR_LEVEL, Budget
from cap135.plan.agency import agency_with_locality
from cap135.plan.model import ClassRun, Plan, class_runs, periods_per_class

KEYS = ("classes", "trainees", "periods", "tours", "tour_people", "ceiling", "total")
LEVELS = ("province", "district", "commune")
AUDIENCES = ("cadres", "community")
TOURS = "tours"
PLAN_WIDE = "plan"
DIMENSIONS = ("by_year", "by_level", "by_audience")


@dataclass
class Figures:
    classes: int = 0
    trainees: int = 0
    periods: int = 0
    tours: int = 0
    tour_people: int = 0
    ceiling: int | None = None
    total: int = 0

    def add_ceiling(self, amount: int | None) -> None:
        if amount is not None:
            self.ceiling = (self.ceiling or 0) + amount

    def add_class(self, run: ClassRun) -> None:
        self.classes += run.count
        self.trainees += run.size * run.count
        self.periods += periods_per_class(run.group) * run.count

    def as_dict(self) -> dict[str, int | None]:
        return {key: getattr(self, key) for key in KEYS}


@dataclass
class PlanRow:
    """One plan of the roll-up: who made it (agency or commune), its year and its figures."""

    file: str
    agency: str
    year: int
    figures: Figures

    def as_dict(self) -> dict[str, Any]:
        return {"plan": self.file, "agency": self.agency, "year": self.year, **self.figures.as_dict()}


@dataclass
class Summary:
    plans: list[str] = field(default_factory=list)
    by_plan: list[PlanRow] = field(default_factory=list)
    overall: Figures = field(default_factory=Figures)
    by_year: dict[int, Figures] = field(default_factory=dict)
    by_level: dict[str, Figures] = field(default_factory=dict)
    by_audience: dict[str, Figures] = field(default_factory=dict)

    def breakdown(self, dimension: str) -> list[tuple[str, Figures]]:
        """The rows of one breakdown in a fixed order: years ascending, then the known keys."""
        if dimension == "by_year":
            return [(str(year), self.by_year[year]) for year in sorted(self.by_year)]
        order = LEVELS if dimension == "by_level" else AUDIENCES
        table = self.by_level if dimension == "by_level" else self.by_audience
        return [(key, table[key]) for key in (*order, TOURS, PLAN_WIDE) if key in table]

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"plans": list(self.plans), **self.overall.as_dict()}
        out["by_plan"] = [row.as_dict() for row in self.by_plan]
        for dimension in DIMENSIONS:
            out[dimension] = {key: fig.as_dict() for key, fig in self.breakdown(dimension)}
        return out


def summarize(analyses: Iterable[Analysis]) -> Summary:
    """Roll up plans that passed validation (each must have a plan and a budget)."""
    out = Summary()
    for analysis in analyses:
        plan, budget = analysis.plan, analysis.budget
        if plan is None or budget is None:
            raise ValueError(f"{analysis.source.name}: only valid plans can be summarised")
        out.plans.append(analysis.source.name)
        row = PlanRow(analysis.source.name, agency_with_locality(plan), plan.year, Figures())
        out.by_plan.append(row)
        _add_plan(out, plan, budget, row.figures)
    return out


def _add_plan(out: Summary, plan: Plan, budget: Budget, own: Figures) -> None:
    year = out.by_year.setdefault(plan.year, Figures())
    for fig in (out.overall, year, own):
        fig.add_ceiling(plan.funding.ceiling)
        fig.total += budget.total

    def level(key: str) -> Figures:
        return out.by_level.setdefault(key, Figures())

    def audience(key: str) -> Figures:
        return out.by_audience.setdefault(key, Figures())

    for group in plan.groups:
        for run in class_runs(group) or []:
            for fig in (out.overall, year, own, level(run.venue.level), audience(group.audience)):
                fig.add_class(run)
    for tour in plan.tours:
        for fig in (out.overall, year, own, level(TOURS), audience(TOURS)):
            fig.tours += 1
            fig.tour_people += tour.people
    # money: a group-by over the cost lines, which carry their venue level and audience
    for line in budget.lines:
        level(_ROW.get(line.level, line.level)).total += line.amount
        audience(_ROW.get(line.audience, line.audience)).total += line.amount


# cost-line dimension values → the rows of the summary
_ROW = {TOUR_LEVEL: TOURS, PLAN_LEVEL: PLAN_WIDE}
