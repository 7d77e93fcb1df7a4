"""Plan against actual: the figures of `cap135 report` and the results roll-up of `cap135 summary`.

Report figures (money in whole đồng, int), overall and per breakdown:

- classes_planned   classes in the plan
- classes_held      classes recorded in the results file
- attendees         the sum of their attendees; women and ethnic_minority the sums of the
                    values recorded (a class that records none adds 0)
- tours_planned, tours_held, tour_people
- budget            the plan's dự toán (the sum of its cost lines)
- ceiling           kinh phí được giao (null when the plan has none, and in every breakdown)
- spent             disbursed, from the results file's `spent`
- disbursement_rate spent ÷ ceiling (null without a ceiling)

Breakdowns:

- by_group     per group id, then per tour id, then the plan-wide lines (entity "chung")
- by_level     classes planned at their planned venue level, classes held at their actual
               venue level (the class's `venue`, else its planned venue); budget from the
               cost lines' level; spent is recorded per group, not per level, so it is null
               in the level rows; rows "tours" and "plan" as in `cap135 summary`
- by_audience  per group audience, with the rows "tours" and "plan"

The planned money per group, level and audience is a group-by over the plan's cost lines;
the cost engine is not run again.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any

from cap135.budget.engine import PLAN_LEVEL, TOUR_LEVEL, Budget
from cap135.plan.agency import agency_with_locality
from cap135.plan.model import Plan, class_runs
from cap135.results.results_file import (
    Results,
    ResultsAnalysis,
    Span,
    actual_venue,
    first_day,
    last_day,
)

LEVELS = ("province", "district", "commune")
AUDIENCES = ("cadres", "community")
TOURS = "tours"
PLAN_WIDE = "plan"
_ROW = {TOUR_LEVEL: TOURS, PLAN_LEVEL: PLAN_WIDE}
REPORT_DIMENSIONS = ("by_group", "by_level", "by_audience")


def rate(part: int, whole: int | None) -> float | None:
    """part ÷ whole as a number (6 decimals), None without a positive whole."""
    if not whole:
        return None
    return round(part / whole, 6)


@dataclass
class Figures:
    classes_planned: int = 0
    classes_held: int = 0
    attendees: int = 0
    women: int = 0
    ethnic_minority: int = 0
    tours_planned: int = 0
    tours_held: int = 0
    tour_people: int = 0
    budget: int = 0
    ceiling: int | None = None
    spent: int | None = 0

    @property
    def disbursement_rate(self) -> float | None:
        return None if self.spent is None else rate(self.spent, self.ceiling)

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {f.name: getattr(self, f.name) for f in fields(self)}
        out["disbursement_rate"] = self.disbursement_rate
        return out


REPORT_KEYS = (*(f.name for f in fields(Figures)), "disbursement_rate")


@dataclass
class Report:
    """Plan against actual for one results file."""

    results_file: str
    plan_file: str
    plan: Plan
    budget: Budget
    results: Results
    overall: Figures = field(default_factory=Figures)
    by_group: dict[str, Figures] = field(default_factory=dict)
    by_level: dict[str, Figures] = field(default_factory=dict)
    by_audience: dict[str, Figures] = field(default_factory=dict)
    held: list[HeldRow] = field(default_factory=list)

    def breakdown(self, dimension: str) -> list[tuple[str, Figures]]:
        if dimension == "by_group":
            return list(self.by_group.items())
        order = LEVELS if dimension == "by_level" else AUDIENCES
        table = self.by_level if dimension == "by_level" else self.by_audience
        return [(key, table[key]) for key in (*order, TOURS, PLAN_WIDE) if key in table]

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "results": self.results_file,
            "plan": self.plan_file,
            "as_of": self.results.as_of.isoformat(),
            **self.overall.as_dict(),
        }
        for dimension in REPORT_DIMENSIONS:
            out[dimension] = {key: fig.as_dict() for key, fig in self.breakdown(dimension)}
        return out


@dataclass(frozen=True)
class HeldRow:
    """One class held, as the document lists it."""

    group: str
    group_name: str
    first: date
    last: date
    venue: str
    level: str
    attendees: int
    women: int | None
    ethnic_minority: int | None


def build_report(analysis: ResultsAnalysis) -> Report:
    """The report of a results file that passed validation (errors make it a ValueError)."""
    plan, budget, results = analysis.plan, analysis.budget, analysis.results
    if not analysis.ok or plan is None or budget is None or results is None:
        raise ValueError(f"{analysis.source.name}: only a valid results file can be reported")
    plan_file = "" if analysis.planned is None else analysis.planned.source.name
    report = Report(analysis.source.name, plan_file, plan, budget, results)
    overall = report.overall
    overall.ceiling = plan.funding.ceiling

    def group_row(key: str) -> Figures:
        return report.by_group.setdefault(key, Figures())

    def level(key: str) -> Figures:
        return report.by_level.setdefault(key, Figures(spent=None if key in LEVELS else 0))

    def audience(key: str) -> Figures:
        return report.by_audience.setdefault(key, Figures())

    groups = {g.id: g for g in plan.groups}
    audience_of = {g.id: g.audience for g in plan.groups}
    names = {g.id: g.name for g in plan.groups}
    for group in plan.groups:
        row = group_row(group.id)
        for run in class_runs(group) or []:
            for fig in (overall, row, level(run.venue.level), audience(group.audience)):
                fig.classes_planned += run.count
    for i in range(len(plan.tours)):
        for fig in (overall, group_row(plan.tour_id(i)), level(TOURS), audience(TOURS)):
            fig.tours_planned += 1
    nth: dict[str, int] = {}
    for held in results.classes:
        k = nth.get(held.group, 0)
        nth[held.group] = k + 1
        venue = actual_venue(groups.get(held.group), k, held.venue)
        assert venue is not None  # a valid results file names planned groups with venues
        for fig in (overall, group_row(held.group), level(venue.level), audience(audience_of[held.group])):
            fig.classes_held += 1
            fig.attendees += held.attendees
            fig.women += held.women or 0
            fig.ethnic_minority += held.ethnic_minority or 0
        first, last = _span(held.held)
        report.held.append(
            HeldRow(
                held.group,
                names[held.group],
                first,
                last,
                venue.name,
                venue.level,
                held.attendees,
                held.women,
                held.ethnic_minority,
            )
        )
    for trip in results.tours:
        for fig in (overall, group_row(trip.tour), level(TOURS), audience(TOURS)):
            fig.tours_held += 1
            fig.tour_people += trip.people
    for line in budget.lines:
        overall.budget += line.amount
        group_row(line.entity).budget += line.amount
        level(_ROW.get(line.level, line.level)).budget += line.amount
        audience(_ROW.get(line.audience, line.audience)).budget += line.amount
    tour_ids = {plan.tour_id(i) for i in range(len(plan.tours))}
    overall.spent = 0
    for key, amount in results.spent.items():
        overall.spent += amount
        row = group_row(key)
        row.spent = (row.spent or 0) + amount
        if key in tour_ids:
            for fig in (level(TOURS), audience(TOURS)):
                fig.spent = (fig.spent or 0) + amount
        else:
            fig = audience(audience_of[key])
            fig.spent = (fig.spent or 0) + amount
    return report


def _span(held: date | Span) -> tuple[date, date]:
    return first_day(held), last_day(held)


def report_json(report: Report) -> str:
    return json.dumps(report.as_dict(), ensure_ascii=False, indent=2) + "\n"


# --- results roll-up (cap135 summary over results files) -----------------------------

ROLLUP_KEYS = ("classes", "trainees", "tours", "tour_people", "spent", "ceiling")
DIMENSIONS = ("by_year", "by_level", "by_audience")


@dataclass
class Held:
    classes: int = 0
    trainees: int = 0
    tours: int = 0
    tour_people: int = 0
    spent: int | None = 0
    ceiling: int | None = None

    def add_ceiling(self, amount: int | None) -> None:
        if amount is not None:
            self.ceiling = (self.ceiling or 0) + amount

    def add_spent(self, amount: int) -> None:
        self.spent = (self.spent or 0) + amount

    def as_dict(self) -> dict[str, int | None]:
        return {key: getattr(self, key) for key in ROLLUP_KEYS}


@dataclass
class ResultsSummary:
    """What was held over several years: the figures of `cap135 summary` for results files.

    by_level puts each class at its actual venue level; spent is recorded per group, so it
    is null in the level rows (the "tours" row holds the tours' spending). Ceilings are the
    plans' own, null in by_level and by_audience.
    """

    files: list[str] = field(default_factory=list)
    plans: list[tuple[str, int]] = field(default_factory=list)  # (agency as a reader names it, year)
    overall: Held = field(default_factory=Held)
    by_year: dict[int, Held] = field(default_factory=dict)
    by_level: dict[str, Held] = field(default_factory=dict)
    by_audience: dict[str, Held] = field(default_factory=dict)

    def breakdown(self, dimension: str) -> list[tuple[str, Held]]:
        if dimension == "by_year":
            return [(str(year), self.by_year[year]) for year in sorted(self.by_year)]
        order = LEVELS if dimension == "by_level" else AUDIENCES
        table = self.by_level if dimension == "by_level" else self.by_audience
        return [(key, table[key]) for key in (*order, TOURS) if key in table]

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"results": list(self.files), **self.overall.as_dict()}
        for dimension in ("by_year", "by_level", "by_audience"):
            out[dimension] = {key: fig.as_dict() for key, fig in self.breakdown(dimension)}
        return out


def summarize_results(reports: Iterable[Report]) -> ResultsSummary:
    out = ResultsSummary()
    for report in reports:
        out.files.append(report.results_file)
        out.plans.append((agency_with_locality(report.plan), report.plan.year))
        year = out.by_year.setdefault(report.plan.year, Held())
        for fig in (out.overall, year):
            fig.add_ceiling(report.plan.funding.ceiling)
        for key, figures in report.by_level.items():
            if key == PLAN_WIDE:
                continue
            row = out.by_level.setdefault(key, Held(spent=None if key in LEVELS else 0))
            _add(row, figures, spent=key not in LEVELS)
        for key, figures in report.by_audience.items():
            if key == PLAN_WIDE:
                continue
            _add(out.by_audience.setdefault(key, Held()), figures, spent=True)
        for fig in (out.overall, year):
            _add(fig, report.overall, spent=True)
    return out


def _add(target: Held, figures: Figures, *, spent: bool) -> None:
    target.classes += figures.classes_held
    target.trainees += figures.attendees
    target.tours += figures.tours_held
    target.tour_people += figures.tour_people
    if spent:
        target.add_spent(figures.spent or 0)


def results_summary_json(summary: ResultsSummary) -> str:
    return json.dumps(summary.as_dict(), ensure_ascii=False, indent=2) + "\n"


def percent_vi(value: float, digits: int = 1) -> str:
    """0.8391 → '83,9%' (Vietnamese decimal comma), rounded half-up."""
    from decimal import ROUND_HALF_UP, Decimal

    scaled = (Decimal(repr(value)) * 100).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    return f"{scaled}".replace(".", ",") + "%"
