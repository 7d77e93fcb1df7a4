"""The cost engine: plan × rules × rate table → immutable cost lines.

Lines are plain NamedTuples (a 2,000-group plan makes tens of thousands). Each
group's lines aggregate its classes: one line per rule and rate (classes at
different venue levels give one line per level). The total is the sum of the
lines, always.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal, NamedTuple

from cap135.budget.assumptions import Assumption, explain
from cap135.budget.rate_tables import Rate, RateLookupError, RateTable
from cap135.budget.rules import (
    CLASS_RULES,
    DEFAULT_SESSIONS_PER_DAY,
    PLAN_FARE_KEY,
    PLAN_RULES,
    RULE_CODES,
    RULE_ORDER,
    RULES,
    TOUR_RULES,
    ClassCase,
    Rule,
)
from cap135.findings import Finding, error, warning
from cap135.findings import Path as FindingPath
from cap135.messages import Lang
from cap135.money import format_vnd
from cap135.plan.model import MAX_MONEY, ClassRun, ExtraLine, Group, Plan, Tour, class_runs

DEFAULT_PERIODS_PER_SESSION = 4
PLAN_ENTITY = "chung"
LineKind = Literal["group", "tour", "plan"]
TOUR_LEVEL = TOUR_AUDIENCE = "tour"
PLAN_LEVEL = PLAN_AUDIENCE = "plan"


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


class RateUse(NamedTuple):
    """A rate the dự toán used that a finance officer must check: unverified, or provisional."""

    item: str  # the Vietnamese item label of the rule that used it
    rate: Rate


@dataclass(frozen=True)
class Budget:
    sections: tuple[Section, ...]
    ceiling: int | None
    table_id: str
    findings: tuple[Finding, ...]
    unverified: tuple[str, ...] = ()  # the Vietnamese items priced by rates not yet verified
    assumptions: tuple[Assumption, ...] = ()
    to_check: tuple[RateUse, ...] = ()  # every unverified or provisional rate used, in rule order
    table_title: str = ""  # the rate table as a reader knows it (its id is for the plan file)

    @property
    def lines(self) -> tuple[CostLine, ...]:
        return tuple(line for section in self.sections for line in section.lines)

    @property
    def total(self) -> int:
        return sum(section.subtotal for section in self.sections)

    @property
    def headroom(self) -> int | None:
        return None if self.ceiling is None else self.ceiling - self.total

    def as_dict(self, lang: Lang = "vi") -> dict[str, object]:
        return {
            "total": self.total,
            "ceiling": self.ceiling,
            "table": self.table_id,
            "lines": [line.as_dict() for line in self.lines],
            "assumptions": [a.as_dict(lang) for a in self.assumptions],
        }


def percent_of(amount: int, percent: int) -> int:
    """`percent` % of `amount`, rounded half-up to the đồng, in integers."""
    return (amount * percent * 2 + 100) // 200


class _Costing:
    """State of one costing run: the table, the findings so far, the unverified rates used."""

    def __init__(self, plan: Plan, table: RateTable) -> None:
        self.plan = plan
        self.table = table
        self.findings: list[Finding] = []
        self.unverified: set[str] = set()  # the items priced by unverified rates
        self.to_check: dict[RateUse, None] = {}  # unverified or provisional rates used, in order
        self._failed: set[tuple[str, date]] = set()
        self._cache: dict[tuple[str, date], Rate | None] = {}
        self.cases: dict[str, list[ClassCase]] = {}  # group id -> its classes as the rules saw them

    def rate(self, key: str, day: date, rule: Rule, path: FindingPath) -> Rate | None:
        found = self._lookup(key, day, rule, path)
        if found is not None and not found.verified:
            self.unverified.add(rule.label)
        if found is not None and (found.provisional or not found.verified):
            self.to_check.setdefault(RateUse(rule.label, found))
        return found

    def _lookup(self, key: str, day: date, rule: Rule, path: FindingPath) -> Rate | None:
        if (key, day) in self._cache:
            return self._cache[(key, day)]
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
        return found

    def case(self, run: ClassRun) -> ClassCase:
        day = run.schedule.start.first_day
        return ClassCase(
            run,
            self.plan.agency.level,
            profile_value(self.table, "periods_per_session", day, DEFAULT_PERIODS_PER_SESSION),
            profile_value(self.table, "sessions_per_day", day, DEFAULT_SESSIONS_PER_DAY),
        )

    # -- groups ----------------------------------------------------------------
    def group_lines(self, index: int, group: Group, runs: list[ClassRun]) -> list[CostLine]:
        path: FindingPath = ("groups", index)
        acc: _Acc = {}
        applied: set[str] = set()
        for run in runs:
            day = run.schedule.start.first_day
            case = self.case(run)
            self.cases.setdefault(group.id, []).append(case)
            run_path = (*path, "classes", run.index) if isinstance(group.classes, list) else path
            for rule in CLASS_RULES:
                if not rule.applies(case):
                    continue
                applied.add(rule.code)
                for key, quantity in rule.quantities(case):
                    if quantity <= 0 and rule.code not in group.overrides:
                        continue
                    rate = self.rate(key, day, rule, run_path)
                    if rate is not None:
                        slot = acc.setdefault(
                            (rule.code, key, rate.amount, rate.basis, run.venue.level), [rule, rate, 0]
                        )
                        slot[2] += quantity * run.count
        # lines in rule order; within a rule, in the order the classes first produced them
        acc = dict(sorted(acc.items(), key=lambda item: RULE_ORDER[item[0][0]]))
        # what is stated for the group as a whole goes to its venue level, else its first class's
        levels = {run.venue.level for run in runs}
        home = group.venue.level if group.venue and group.venue.level in levels else runs[0].venue.level
        dims = Dims("group", home, group.audience, self.plan.year)
        self._check_overrides(group.overrides, applied, CLASS_RULES, path)
        lines = _overridden(group.id, group.overrides, acc, dims)
        lines += _extra_lines(group.id, group.extra_lines, dims)
        return lines

    def _check_overrides(
        self, overrides: Mapping[str, int], applied: set[str], rules: Sequence[Rule], path: FindingPath
    ) -> None:
        """An override must name a rule that applies here; otherwise its quantity would be lost."""
        own = {rule.code for rule in rules}
        for code in overrides:
            where = (*path, "overrides", code)
            if code not in RULE_CODES:
                choices = ", ".join(sorted(own))
                self.findings.append(error("unknown-override", where, key=code, choices=choices))
            elif code not in own or code not in applied:
                self.findings.append(error("override-not-applicable", where, key=code))

    # -- tours -----------------------------------------------------------------
    def tour_lines(self, index: int, tour: Tour) -> list[CostLine]:
        path: FindingPath = ("tours", index)
        entity = self.plan.tour_id(index)
        day = tour.schedule.start.first_day if tour.schedule else date(self.plan.year, 1, 1)
        acc: _Acc = {}
        applied: set[str] = set()
        for rule in TOUR_RULES:
            if not rule.applies(tour):
                continue
            applied.add(rule.code)
            for key, quantity in rule.quantities(tour):
                if quantity <= 0 and rule.code not in tour.overrides:
                    continue
                rate = self._fare(tour) if key == PLAN_FARE_KEY else self.rate(key, day, rule, path)
                if rate is not None:
                    acc[(rule.code, key, rate.amount, rate.basis, TOUR_LEVEL)] = [rule, rate, quantity]
        dims = Dims("tour", TOUR_LEVEL, TOUR_AUDIENCE, self.plan.year)
        self._check_overrides(tour.overrides, applied, TOUR_RULES, path)
        lines = _overridden(entity, tour.overrides, acc, dims)
        lines += _extra_lines(entity, tour.extra_lines, dims)
        return lines

    def _fare(self, tour: Tour) -> Rate:
        """A tour's own fare, priced like a rate so that it becomes an ordinary line."""
        assert tour.fare is not None
        return Rate(
            PLAN_FARE_KEY, tour.fare, "trainee", FARE_BASIS, date.min, None, False, True, None, "plan"
        )

    # -- plan-wide percentage lines -------------------------------------------
    def plan_lines(self, subtotal: int) -> list[CostLine]:
        if not self.plan.management:
            return []
        lines = []
        day = date(self.plan.year, 1, 1)
        dims = Dims("plan", PLAN_LEVEL, PLAN_AUDIENCE, self.plan.year)
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
                    *dims,
                )
            )
        return lines


# (rule code, rate key, amount, basis, venue level) -> [rule, rate, quantity]
_Acc = dict[tuple[str, str, int, str, str], list[Any]]
FARE_BASIS = "Giá vé trong kế hoạch (Thông tư 40/2017/TT-BTC, Điều 5: thanh toán theo giá vé)"


def profile_value(table: RateTable, name: str, day: date, default: int) -> int:
    try:
        return table.profile(name, day).value
    except RateLookupError:
        return default


def _overridden(entity: str, overrides: Mapping[str, int], acc: _Acc, dims: Dims) -> list[CostLine]:
    """Lines from the accumulated quantities; an overridden quantity replaces all of its rule's lines."""
    lines: list[CostLine] = []
    done: set[str] = set()
    for (code, key, _amount, _basis, level), (rule, rate, quantity) in acc.items():
        line_dims = dims._replace(level=level) if dims.kind == "group" else dims
        if code in overrides:
            if code in done:
                continue
            done.add(code)
            quantity = overrides[code]
            line_dims = dims
        if quantity > 0:
            lines.append(_line(entity, rule, key, rate, quantity, line_dims))
    return lines


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


def _extra_lines(entity: str, extras: Iterable[ExtraLine], dims: Dims) -> list[CostLine]:
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
        if not runs:  # reported by checks.check_class_fields
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
    unverified = tuple(sorted(run.unverified, key=_label_order))
    if unverified:
        findings.append(
            warning("rates-unverified", ("rates",), count=len(unverified), keys="; ".join(unverified))
        )
    to_check = tuple(sorted(run.to_check, key=lambda use: (_label_order(use.item), use.rate.key)))
    provisional = list(
        dict.fromkeys(f"{use.item} ({use.rate.key})" for use in to_check if use.rate.provisional)
    )
    if provisional:
        findings.append(
            warning("rates-provisional", ("rates",), count=len(provisional), keys="; ".join(provisional))
        )
    assumptions = explain(plan, run.cases, unverified)
    return Budget(
        tuple(sections), ceiling, table.id, tuple(findings), unverified, assumptions, to_check, table.title
    )


def _label_order(label: str) -> tuple[int, str]:
    """Unverified items in the order of the dự toán's rules."""
    return (LABEL_ORDER.get(label, len(LABEL_ORDER)), label)


LABEL_ORDER = {rule.label: i for i, rule in enumerate(RULES)}
