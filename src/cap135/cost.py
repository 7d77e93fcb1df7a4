"""The cost engine: plan × rules × rate table → immutable cost lines.

Lines are plain NamedTuples (a 2,000-group plan makes tens of thousands). Each
group's lines aggregate its classes: one line per rule and rate (classes at
different venue levels give one line per level). The total is the sum of the
lines, always.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Literal, NamedTuple

from .findings import Finding, error, warning
from .model import MAX_MONEY, ClassRun, Group, Plan, Tour, class_runs
from .money import format_vnd
from .rates import Rate, RateLookupError, RateTable
from .rules import (
    CLASS_DRIVERS,
    CLASS_RULES,
    CONDITIONS,
    PLAN_RULES,
    RULE_CODES,
    SPLITTERS,
    TOUR_DRIVERS,
    TOUR_RULES,
    RULES,
    Rule,
    rate_key_for,
)

DEFAULT_PERIODS_PER_SESSION = 4
PLAN_ENTITY = "chung"
LineKind = Literal["group", "tour", "plan"]
TOUR_LEVEL = TOUR_AUDIENCE = "tour"
PLAN_LEVEL = PLAN_AUDIENCE = "plan"
RULE_ORDER = {rule.code: i for i, rule in enumerate(RULES)}


class Dims(NamedTuple):
    """Where a cost line belongs: the tail of its CostLine."""

    kind: LineKind
    level: str
    audience: str
    year: int


class CostLine(NamedTuple):
    entity: str  # group or tour id
    code: str  # rule code, or "extra"
    item: str  # Vietnamese label
    quantity: int
    unit: str
    rate: int  # đồng per unit (for a percentage line: the subtotal it applies to)
    amount: int  # đồng
    rate_key: str
    basis: str
    verified: bool
    # Dimensions, so that summaries, diffs and reports are group-bys over lines:
    kind: LineKind  # what `entity` names
    level: str  # venue level of the classes costed (province | district | commune), or "tour" | "plan"
    audience: str  # the group's audience (cadres | community), or "tour" | "plan"
    year: int  # the plan year

    def as_dict(self) -> dict[str, object]:
        return {
            "entity": self.entity,
            "item": self.item,
            "quantity": self.quantity,
            "unit": self.unit,
            "rate": self.rate,
            "amount": self.amount,
            "rate_key": self.rate_key,
            "basis": self.basis,
            "level": self.level,
            "audience": self.audience,
        }


@dataclass(frozen=True)
class Section:
    """The lines of one group, one tour, or the plan-wide lines."""

    entity: str
    kind: str  # "group" | "tour" | "plan"
    title: str
    lines: tuple[CostLine, ...]

    @property
    def subtotal(self) -> int:
        return sum(line.amount for line in self.lines)


@dataclass(frozen=True)
class Budget:
    sections: tuple[Section, ...]
    ceiling: int | None
    table_id: str
    findings: tuple[Finding, ...]

    @property
    def lines(self) -> tuple[CostLine, ...]:
        return tuple(line for section in self.sections for line in section.lines)

    @property
    def total(self) -> int:
        return sum(section.subtotal for section in self.sections)

    @property
    def headroom(self) -> int | None:
        return None if self.ceiling is None else self.ceiling - self.total

    def as_dict(self) -> dict[str, object]:
        return {
            "total": self.total,
            "ceiling": self.ceiling,
            "table": self.table_id,
            "lines": [line.as_dict() for line in self.lines],
        }


def percent_of(amount: int, percent: int) -> int:
    """`percent` % of `amount`, rounded half-up to the đồng, in integers."""
    return (amount * percent * 2 + 100) // 200


class _Costing:
    """State of one costing run: the table, the findings so far, the unverified keys."""

    def __init__(self, plan: Plan, table: RateTable) -> None:
        self.plan = plan
        self.table = table
        self.findings: list[Finding] = []
        self.unverified: set[str] = set()
        self._failed: set[tuple[str, date]] = set()
        self._cache: dict[tuple[str, date], Rate | None] = {}

    def rate(self, key: str, day: date, rule: Rule, path: tuple) -> Rate | None:
        cached = self._cache.get((key, day), ...)
        if cached is not ...:
            return cached  # type: ignore[return-value]
        try:
            found: Rate | None = self.table.lookup(key, day)
        except RateLookupError as exc:
            found = None
            if (key, day) not in self._failed:
                self._failed.add((key, day))
                target = (*path, rule.field) if rule.field else path
                if exc.reason == "missing":
                    self.findings.append(
                        error("rate-missing", target, table=self.table.id, key=key, item=rule.label)
                    )
                else:
                    self.findings.append(
                        error("rate-not-valid", target, key=key, day=day.isoformat(), item=rule.label)
                    )
        self._cache[(key, day)] = found
        if found is not None and not found.verified:
            self.unverified.add(key)
        return found

    def periods_per_session(self, day: date) -> int:
        try:
            return self.table.profile("periods_per_session", day).value
        except RateLookupError:
            return DEFAULT_PERIODS_PER_SESSION

    # -- groups ----------------------------------------------------------------
    def group_lines(self, index: int, group: Group, runs: list[ClassRun]) -> list[CostLine]:
        path = ("groups", index)
        year = self.plan.year
        # (rule code, rate key, amount, basis, venue level) -> [rule, rate, quantity]
        acc: dict[tuple[str, str, int, str, str], list] = {}
        for run in runs:
            day = run.schedule.start.first_day
            pps = self.periods_per_session(day)
            run_path = (*path, "classes", run.index) if isinstance(group.classes, list) else path
            for rule in CLASS_RULES:
                if group.audience not in rule.audiences or not CONDITIONS[rule.condition](group, run):
                    continue
                for key, quantity in _keyed_quantities(rule, run, pps):
                    if quantity <= 0 and rule.code not in group.overrides:
                        continue
                    rate = self.rate(key, day, rule, run_path)
                    if rate is None:
                        continue
                    slot_key = (rule.code, key, rate.amount, rate.basis, run.venue.level)
                    slot = acc.setdefault(slot_key, [rule, rate, 0])
                    slot[2] += quantity * run.count
        # lines in rule order; within a rule, in the order the classes first produced them
        acc = dict(sorted(acc.items(), key=lambda item: RULE_ORDER[item[0][0]]))
        # what is stated for the group as a whole goes to its venue level, else its first class's
        levels = {run.venue.level for run in runs}
        home = group.venue.level if group.venue and group.venue.level in levels else runs[0].venue.level
        dims = Dims("group", home, group.audience, year)
        lines = self._apply_overrides(group.id, group.overrides, acc, path, dims)
        lines += _extra_lines(group.id, group.extra_lines, dims)
        return lines

    def _apply_overrides(
        self, entity: str, overrides: dict[str, int], acc: dict, path: tuple, dims: Dims
    ) -> list[CostLine]:
        """Lines from the accumulated quantities; an overridden rule's lines carry `dims`."""
        for code in overrides:
            if code not in RULE_CODES:
                self.findings.append(
                    error(
                        "unknown-override",
                        (*path, "overrides", code),
                        key=code,
                        choices=", ".join(sorted(RULE_CODES)),
                    )
                )
        lines: list[CostLine] = []
        done: set[str] = set()
        for (code, key, _amount, _basis, level), (rule, rate, quantity) in acc.items():
            line_dims = dims if dims.kind != "group" else dims._replace(level=level)
            if code in overrides:
                if code in done:  # an overridden quantity replaces all of the rule's lines
                    continue
                done.add(code)
                quantity = overrides[code]
                line_dims = dims
            if quantity > 0:
                lines.append(_line(entity, rule, key, rate, quantity, line_dims))
        return lines

    # -- tours -----------------------------------------------------------------
    def tour_lines(self, index: int, tour: Tour) -> list[CostLine]:
        path = ("tours", index)
        entity = self.plan.tour_id(index)
        day = tour.schedule.start.first_day if tour.schedule else date(self.plan.year, 1, 1)
        acc: dict[tuple[str, str, int, str, str], list] = {}
        dims = Dims("tour", TOUR_LEVEL, TOUR_AUDIENCE, self.plan.year)
        for rule in TOUR_RULES:
            quantity = TOUR_DRIVERS[rule.driver](tour)
            if quantity <= 0 and rule.code not in tour.overrides:
                continue
            key = rate_key_for(rule, tour)
            rate = self.rate(key, day, rule, path)
            if rate is not None:
                acc[(rule.code, key, rate.amount, rate.basis, TOUR_LEVEL)] = [rule, rate, quantity]
        lines = self._apply_overrides(entity, tour.overrides, acc, path, dims)
        lines += _extra_lines(entity, tour.extra_lines, dims)
        return lines

    # -- plan-wide percentage lines -------------------------------------------
    def plan_lines(self, subtotal: int) -> list[CostLine]:
        if not self.plan.management:
            return []
        lines = []
        day = date(self.plan.year, 1, 1)
        for rule in PLAN_RULES:
            rate = self.rate(rule.rate_key, day, rule, ("management",))
            if rate is None:
                continue
            lines.append(
                CostLine(
                    PLAN_ENTITY,
                    rule.code,
                    rule.label,
                    rate.amount,
                    rule.unit,
                    subtotal,
                    percent_of(subtotal, rate.amount),
                    rule.rate_key,
                    rate.basis,
                    rate.verified,
                    *Dims("plan", PLAN_LEVEL, PLAN_AUDIENCE, self.plan.year),
                )
            )
        return lines


def _keyed_quantities(rule: Rule, run: ClassRun, pps: int) -> list[tuple[str, int]]:
    """(rate key, quantity) pairs of a class rule: one, or one per split value."""
    if rule.split is None:
        return [(rate_key_for(rule, run), CLASS_DRIVERS[rule.driver](run, pps))]
    parts = SPLITTERS[rule.split](run, pps)
    return [(rate_key_for(rule, run, {rule.split: value}), qty) for value, qty in parts.items()]


def _line(entity: str, rule: Rule, key: str, rate: Rate, quantity: int, dims: Dims) -> CostLine:
    return CostLine(
        entity,
        rule.code,
        rule.label,
        quantity,
        rule.unit,
        rate.amount,
        quantity * rate.amount,
        key,
        rate.basis,
        rate.verified,
        *dims,
    )


def _extra_lines(entity: str, extras: Iterable, dims: Dims) -> list[CostLine]:
    return [
        CostLine(
            entity,
            "extra",
            x.label,
            x.quantity,
            x.unit,
            x.amount,
            x.quantity * x.amount,
            "extra",
            x.basis,
            True,
            *dims,
        )
        for x in extras
    ]


def compute_budget(plan: Plan, table: RateTable) -> Budget:
    """Cost every group and tour; rate problems become findings, never exceptions."""
    run = _Costing(plan, table)
    sections: list[Section] = []
    for i, group in enumerate(plan.groups):
        runs = class_runs(group)
        if runs is None:  # reported by checks.check_class_fields
            continue
        sections.append(Section(group.id, "group", group.name, tuple(run.group_lines(i, group, runs))))
    for i, tour in enumerate(plan.tours):
        sections.append(Section(plan.tour_id(i), "tour", tour.name, tuple(run.tour_lines(i, tour))))
    subtotal = sum(s.subtotal for s in sections)
    plan_lines = run.plan_lines(subtotal)
    if plan_lines:
        sections.append(Section(PLAN_ENTITY, "plan", plan_lines[0].item, tuple(plan_lines)))
    total = sum(s.subtotal for s in sections)
    ceiling = plan.funding.ceiling
    findings = list(run.findings)
    if total > MAX_MONEY:
        # no plan costs a nghìn tỷ đồng; past this the figure is a typo (and has no reading in words)
        findings.append(error("total-too-large", ("groups",), total=format_vnd(total)))
    elif ceiling is not None and total > ceiling:
        findings.append(
            error(
                "over-ceiling",
                ("funding", "ceiling"),
                total=format_vnd(total),
                ceiling=format_vnd(ceiling),
                over=format_vnd(total - ceiling),
            )
        )
    if run.unverified:
        keys = sorted(run.unverified)
        findings.append(warning("rates-unverified", ("rates",), count=len(keys), keys=", ".join(keys)))
    return Budget(tuple(sections), ceiling, table.id, tuple(findings))
