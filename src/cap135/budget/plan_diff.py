"""`cap135 diff OLD NEW`: what a revision of a plan (điều chỉnh kế hoạch) changed.

Groups are matched by id, tours by id (or tour-1, tour-2, … by position when they have
none), cost lines by (entity, rate key, item label) — a hand-entered extra line has the
rate key "extra" and is told apart by its label. Lines that share a key (a rate that
changed during the year) are added together. Only what differs is reported.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from cap135.budget.engine import Budget, CostLine
from cap135.plan.model import Group, Plan, Tour, class_count, class_runs, periods_per_class

GROUP_FIELDS = ("name", "audience", "classes", "trainees", "days", "periods")
TOUR_FIELDS = ("name", "trainees", "staff", "days", "level")
LINE_FIELDS = ("quantity", "rate", "amount")


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: Any
    new: Any

    @property
    def delta(self) -> int | None:
        numbers = isinstance(self.old, int) and isinstance(self.new, int)
        return self.new - self.old if numbers else None

    def as_dict(self) -> dict[str, Any]:
        return {"old": self.old, "new": self.new, "delta": self.delta}


@dataclass(frozen=True)
class EntityChange:
    kind: str  # "group" | "tour" | "line"
    key: str  # id, or "entity: item" for a line
    change: str  # "added" | "removed" | "changed"
    fields: tuple[FieldChange, ...]
    name: str = ""  # the group's or tour's name (the new one when it changed)


@dataclass(frozen=True)
class LineChange:
    entity: str
    rate_key: str
    item: str
    unit: str
    change: str  # "added" | "removed" | "changed"
    old: dict[str, int | None] | None  # quantity, rate (None when several), amount
    new: dict[str, int | None] | None
    entity_name: str = ""  # the name of the group or tour (the section title), not its id

    @property
    def key(self) -> str:
        return f"{self.entity}: {self.item}"

    @property
    def delta(self) -> int:
        return ((self.new or {}).get("amount") or 0) - ((self.old or {}).get("amount") or 0)

    @property
    def fields(self) -> tuple[FieldChange, ...]:
        """Quantity and rate when they differ, and always the amount."""
        before, after = self.old or {}, self.new or {}
        shown = [f for f in LINE_FIELDS if self.change != "changed" or before.get(f) != after.get(f)]
        return tuple(
            # an added or removed line's amount was or becomes 0 đồng: the difference shows
            FieldChange("amount", before.get("amount", 0), after.get("amount", 0))
            if f == "amount"
            else FieldChange(f, before.get(f), after.get(f))
            for f in (*[f for f in shown if f != "amount"], "amount")
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "entity": self.entity,
            "entity_name": self.entity_name,
            "item": self.item,
            "rate_key": self.rate_key,
            "unit": self.unit,
            "change": self.change,
            "old": self.old,
            "new": self.new,
            "delta": self.delta,
        }


@dataclass(frozen=True)
class PlanDiff:
    old: str
    new: str
    groups: tuple[EntityChange, ...]
    tours: tuple[EntityChange, ...]
    lines: tuple[LineChange, ...]
    total: FieldChange
    ceiling: FieldChange

    @property
    def changed(self) -> bool:
        return bool(
            self.groups
            or self.tours
            or self.lines
            or self.total.old != self.total.new
            or self.ceiling.old != self.ceiling.new
        )

    def as_dict(self) -> dict[str, Any]:
        def entity(change: EntityChange, id_key: str) -> dict[str, Any]:
            return {
                id_key: change.key,
                "name": change.name,
                "change": change.change,
                "fields": {f.field: f.as_dict() for f in change.fields},
            }

        return {
            "old": self.old,
            "new": self.new,
            "changed": self.changed,
            "groups": [entity(g, "id") for g in self.groups],
            "tours": [entity(t, "id") for t in self.tours],
            "lines": [line.as_dict() for line in self.lines],
            "total": self.total.as_dict(),
            "ceiling": self.ceiling.as_dict(),
        }


def group_figures(group: Group) -> dict[str, Any]:
    runs = class_runs(group) or []
    return {
        "name": group.name,
        "audience": group.audience,
        "classes": class_count(group),
        "trainees": sum(run.size * run.count for run in runs),
        "days": group.days,
        "periods": periods_per_class(group),
    }


def tour_figures(tour: Tour) -> dict[str, Any]:
    return {
        "name": tour.name,
        "trainees": tour.trainees,
        "staff": tour.staff,
        "days": tour.days,
        "level": tour.destination.level,
    }


def _compare(
    kind: str, fields: tuple[str, ...], old: dict[str, dict[str, Any]], new: dict[str, dict[str, Any]]
) -> list[EntityChange]:
    """Entities of both sides, in the old order then the added ones; only what differs."""
    out: list[EntityChange] = []
    for key in [*old, *(k for k in new if k not in old)]:
        before, after = old.get(key), new.get(key)
        name = str((after or before or {}).get("name") or key)
        if before is None or after is None:
            change = "added" if before is None else "removed"
            changes = tuple(FieldChange(f, before and before[f], after and after[f]) for f in fields)
            out.append(EntityChange(kind, key, change, changes, name))
            continue
        changes = tuple(FieldChange(f, before[f], after[f]) for f in fields if before[f] != after[f])
        if changes:
            out.append(EntityChange(kind, key, "changed", changes, name))
    return out


def _line_table(lines: Iterable[CostLine]) -> dict[tuple[str, str, str, str], dict[str, Any]]:
    table: dict[tuple[str, str, str, str], dict[str, Any]] = {}
    rates: dict[tuple[str, str, str, str], set[int]] = {}
    for line in lines:
        key = (line.entity, line.rate_key, line.item, line.unit)
        slot = table.setdefault(key, {"quantity": 0, "rate": None, "amount": 0})
        slot["quantity"] += line.quantity
        slot["amount"] += line.amount
        rates.setdefault(key, set()).add(line.rate)
    for key, values in rates.items():
        table[key]["rate"] = next(iter(values)) if len(values) == 1 else None
    return table


def diff_plans(
    old_name: str, old: Plan, old_budget: Budget, new_name: str, new: Plan, new_budget: Budget
) -> PlanDiff:
    groups = _compare(
        "group",
        GROUP_FIELDS,
        {g.id: group_figures(g) for g in old.groups},
        {g.id: group_figures(g) for g in new.groups},
    )
    tours = _compare(
        "tour",
        TOUR_FIELDS,
        {old.tour_id(i): tour_figures(t) for i, t in enumerate(old.tours)},
        {new.tour_id(i): tour_figures(t) for i, t in enumerate(new.tours)},
    )
    # a line's entity by name: the section title (the group's or tour's name), the new one first
    names = {s.entity: s.title for s in old_budget.sections}
    names.update({s.entity: s.title for s in new_budget.sections})
    old_lines, new_lines = _line_table(old_budget.lines), _line_table(new_budget.lines)
    keys = [*old_lines, *(k for k in new_lines if k not in old_lines)]
    line_changes: list[LineChange] = []
    for key in keys:
        before, after = old_lines.get(key), new_lines.get(key)
        if before == after:
            continue
        change = "added" if before is None else "removed" if after is None else "changed"
        line_changes.append(LineChange(*key, change, before, after, names.get(key[0], key[0])))
    return PlanDiff(
        old_name,
        new_name,
        tuple(groups),
        tuple(tours),
        tuple(line_changes),
        FieldChange("total", old_budget.total, new_budget.total),
        FieldChange("ceiling", old.funding.ceiling, new.funding.ceiling),
    )
