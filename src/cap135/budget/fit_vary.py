"""What `cap135 fit` may change, and what a change does to the plan.

A variable is one number of a group or a tour, within a range given with `--vary`:

* a counted group (`classes: N`): `G.classes`, `G.class_size`, `G.days`;
* a group that lists its classes: `G.size` (every listed class the same size), `G.K.size` and
  `G.K.count` (the K-th listed class, from 1: its size, how many classes of its kind), `G.days`;
* a tour: `T.trainees`.

`--max G=N` bounds a group's trainees (each class's size times its count, added): the eligible
population of its communes. `apply` gives the plan with values set; `effects` what an option
changes against the plan, group by group and tour by tour.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from cap135.messages import Lang, message
from cap135.plan.model import MAX_COUNT, ClassSpec, Group, Plan, Tour, class_count, trainee_count
from cap135.plan.yaml_loader import DataPath

Kind = Literal["group", "tour"]
GROUP_FIELDS: tuple[str, ...] = ("classes", "class_size", "days")
LISTED_FIELDS: tuple[str, ...] = ("size", "days")  # a group that lists its classes
CLASS_FIELDS: tuple[str, ...] = ("size", "count")  # the K-th listed class
TOUR_FIELDS: tuple[str, ...] = ("trainees",)
COUNT_FIELDS = frozenset({"classes", "count"})  # a number of classes: the section is linear in it
MAX_DIGITS = 12
MAX_COMBINATIONS = 1_000_000  # combinations enumerated (sums of table entries)
DOUBLED = 2  # an option with more than this many times a group's trainees is marked


class FitError(Exception):
    """A user error of `cap135 fit`: `code` names the catalogue message, `args` fill it in."""

    def __init__(self, code: str, exit_code: int = 1, **args: Any) -> None:
        super().__init__(code)
        self.code = code
        self.exit_code = exit_code
        self.args_for_message: dict[str, Any] = args

    def text(self, lang: Lang) -> str:
        return message(self.code, lang, self.args_for_message)


_VARY = re.compile(
    r"^\s*(?P<target>[^\s.=]+)(?:\.(?P<nth>\d+))?\.(?P<field>[^\s.=]+)\s*=\s*"
    r"(?P<low>[+-]?\d+)\s*\.\.\s*(?P<high>[+-]?\d+)\s*$"
)
_MAX = re.compile(r"^\s*(?P<target>[^\s.=]+)\s*=\s*(?P<limit>[+-]?\d+)\s*$")


@dataclass(frozen=True)
class Variable:
    """One number the search may change, within [low, high]."""

    kind: Kind
    index: int  # position in plan.groups or plan.tours
    entity: str  # group id or tour id
    field: str
    low: int
    high: int
    current: int | None  # None: the group's listed classes do not share one size
    listed: int | None = None  # the listed class it is about (0-based); None: the group or tour
    classes: int = 0  # `size` of a listed group: how many classes it sets

    @property
    def name(self) -> str:
        if self.listed is not None:
            return f"{self.entity}.{self.listed + 1}.{self.field}"
        return f"{self.entity}.{self.field}"

    @property
    def values(self) -> range:
        return range(self.low, self.high + 1)

    @property
    def paths(self) -> tuple[DataPath, ...]:
        """Where the number is written in the plan file (a listed group's size: in every class)."""
        if self.kind == "tour":
            return (("tours", self.index, self.field),)
        if self.listed is not None:
            return (("groups", self.index, "classes", self.listed, self.field),)
        if self.field == "size":
            return tuple(("groups", self.index, "classes", k, "size") for k in range(self.classes))
        return (("groups", self.index, self.field),)

    def sets(self, k: int) -> bool:
        """Whether it sets the size or count of the listed class `k`."""
        return self.listed == k or (self.field == "size" and self.listed is None and k < self.classes)


def parse_vary(text: str) -> tuple[str, int | None, str, int, int]:
    """`G.FIELD=MIN..MAX` or `G.K.FIELD=MIN..MAX` → (target, K or None, field, min, max)."""
    found = _VARY.match(text)
    if found is None:
        raise FitError("fit-bad-vary", text=text)
    name = f"{found['target']}.{found['nth'] + '.' if found['nth'] else ''}{found['field']}"
    if max(len(found["low"]), len(found["high"]), len(found["nth"] or "")) > MAX_DIGITS:
        raise FitError("fit-out-of-range", name=name, limit=MAX_COUNT)
    nth = int(found["nth"]) if found["nth"] else None
    return found["target"], nth, found["field"], int(found["low"]), int(found["high"])


def parse_max(plan: Plan, specs: Sequence[str]) -> dict[int, int]:
    """`--max G=N` texts → {group index: most trainees}."""
    groups = {group.id: i for i, group in enumerate(plan.groups)}
    bounds: dict[int, int] = {}
    for spec in specs:
        found = _MAX.match(spec)
        if found is None:
            raise FitError("fit-bad-max", text=spec)
        target, limit_text = found["target"], found["limit"]
        if target not in groups:
            raise FitError("fit-max-unknown-group", target=target, choices=", ".join(groups) or "—")
        limit = int(limit_text) if len(limit_text) <= MAX_DIGITS else 0
        if not 1 <= limit <= MAX_COUNT * MAX_COUNT:
            raise FitError("fit-bad-max", text=spec)
        if groups[target] in bounds:
            raise FitError("fit-duplicate", name=f"--max {target}")
        bounds[groups[target]] = limit
    return bounds


def _group_variable(group: Group, index: int, nth: int | None, name: str, low: int, high: int) -> Variable:
    target = group.id
    if nth is not None:
        if not isinstance(group.classes, list):
            raise FitError("fit-not-listed", target=target)
        if not 1 <= nth <= len(group.classes):
            raise FitError("fit-no-such-class", target=target, nth=nth, count=len(group.classes))
        if name not in CLASS_FIELDS:
            raise FitError(
                "fit-unknown-field", target=f"{target}.{nth}", field=name, choices=", ".join(CLASS_FIELDS)
            )
        spec = group.classes[nth - 1]
        return Variable("group", index, target, name, low, high, getattr(spec, name), listed=nth - 1)
    if isinstance(group.classes, list):
        if name in ("classes", "class_size"):
            raise FitError("fit-listed-classes", target=target, field=name)
        if name not in LISTED_FIELDS:
            raise FitError("fit-unknown-field", target=target, field=name, choices=", ".join(LISTED_FIELDS))
        if name == "size":
            sizes = {spec.size for spec in group.classes}
            current = sizes.pop() if len(sizes) == 1 else None
            return Variable("group", index, target, name, low, high, current, classes=len(group.classes))
        return Variable("group", index, target, name, low, high, group.days)
    if name == "size":
        raise FitError("fit-counted-size", target=target)
    if name not in GROUP_FIELDS:
        raise FitError("fit-unknown-field", target=target, field=name, choices=", ".join(GROUP_FIELDS))
    current = getattr(group, name)
    return Variable("group", index, target, name, low, high, current if isinstance(current, int) else None)


def resolve(plan: Plan, specs: Sequence[str]) -> tuple[Variable, ...]:
    """The variables named by `--vary` texts, checked against the plan (which needs a ceiling)."""
    if plan.funding.ceiling is None:
        raise FitError("fit-no-ceiling", exit_code=2)
    groups = {group.id: i for i, group in enumerate(plan.groups)}
    tours = {plan.tour_id(i): i for i in range(len(plan.tours))}
    if not specs:
        raise FitError("fit-no-vary")
    found: list[Variable] = []
    for spec in specs:
        target, nth, name, low, high = parse_vary(spec)
        shown = f"{target}.{nth}.{name}" if nth is not None else f"{target}.{name}"
        if target in groups:
            index = groups[target]
            variable = _group_variable(plan.groups[index], index, nth, name, low, high)
        elif target in tours:
            if nth is not None or name not in TOUR_FIELDS:
                raise FitError("fit-unknown-field", target=target, field=name, choices=", ".join(TOUR_FIELDS))
            index = tours[target]
            variable = Variable("tour", index, target, name, low, high, plan.tours[index].trainees)
        else:
            choices = ", ".join([*groups, *tours]) or "—"
            raise FitError("fit-unknown-target", target=target, choices=choices)
        if low > high:
            raise FitError("fit-min-over-max", name=shown, low=low, high=high)
        if low < 1 or high > MAX_COUNT:
            raise FitError("fit-out-of-range", name=shown, limit=MAX_COUNT)
        for other in found:
            if other.name == variable.name:
                raise FitError("fit-duplicate", name=variable.name)
            if _overlap(other, variable):
                raise FitError("fit-overlap", first=other.name, second=variable.name)
        found.append(variable)
    count = combinations(found)
    if count > MAX_COMBINATIONS:
        raise FitError("fit-too-many", count=count, limit=MAX_COMBINATIONS)
    return tuple(found)


def _overlap(a: Variable, b: Variable) -> bool:
    """Two variables that set the same number: `G.size` and `G.2.size`."""
    if a.kind != "group" or b.kind != "group" or a.index != b.index or "size" not in (a.field, b.field):
        return False
    return a.field == b.field and (a.listed is None or b.listed is None)


def trainees_with(group: Group, variables: Sequence[Variable], values: Sequence[int]) -> int:
    """The group's trainees with its variables set (reckoned, not built: the search asks often)."""
    pairs = list(zip(variables, values, strict=True))
    if isinstance(group.classes, int):
        classes, size = group.classes, group.class_size or 0
        for v, x in pairs:
            classes = x if v.field == "classes" else classes
            size = x if v.field == "class_size" else size
        return classes * size
    sizes = [spec.size for spec in group.classes]
    counts = [spec.count for spec in group.classes]
    for v, x in pairs:
        for k in range(len(sizes)):
            if v.field == "size" and v.sets(k):
                sizes[k] = x
            elif v.field == "count" and v.listed == k:
                counts[k] = x
    return sum(a * b for a, b in zip(sizes, counts, strict=True))


def combinations(variables: Sequence[Variable]) -> int:
    count = 1
    for v in variables:
        count *= len(v.values)
    return count


def _listed(group: Group, variables: Sequence[Variable], values: Sequence[int]) -> list[ClassSpec]:
    assert isinstance(group.classes, list)
    specs = list(group.classes)
    for variable, value in zip(variables, values, strict=True):
        if variable.field not in CLASS_FIELDS:
            continue
        for k, spec in enumerate(specs):
            if variable.sets(k):
                specs[k] = spec.model_copy(update={variable.field: value})
    return specs


def applied_group(group: Group, variables: Sequence[Variable], values: Sequence[int]) -> Group:
    """The group with the values of its own variables set (a copy: the plan is frozen)."""
    update: dict[str, Any] = {
        v.field: value for v, value in zip(variables, values, strict=True) if v.field in GROUP_FIELDS
    }
    if isinstance(group.classes, list) and any(v.field in CLASS_FIELDS for v in variables):
        update["classes"] = _listed(group, variables, values)
    return group.model_copy(update=update) if update else group


def apply(plan: Plan, variables: Sequence[Variable], values: Sequence[int]) -> Plan:
    """The plan with each variable set to its value (a copy; the plan is frozen)."""
    by_entity: dict[tuple[Kind, int], tuple[list[Variable], list[int]]] = {}
    for variable, value in zip(variables, values, strict=True):
        own, given = by_entity.setdefault((variable.kind, variable.index), ([], []))
        own.append(variable)
        given.append(value)
    groups = list(plan.groups)
    tours = list(plan.tours)
    for (kind, index), (own, given) in by_entity.items():
        if kind == "group":
            groups[index] = applied_group(groups[index], own, given)
        else:
            tours[index] = tours[index].model_copy(
                update={v.field: x for v, x in zip(own, given, strict=True)}
            )
    return plan.model_copy(update={"groups": groups, "tours": tours})


# --- what an option changes --------------------------------------------------------------------


@dataclass(frozen=True)
class Effect:
    """A group or tour before and after an option: classes, trainees and days (a tour: its
    trainees and days)."""

    kind: Kind
    entity: str
    classes: tuple[int, int]
    trainees: tuple[int, int]
    days: tuple[int, int]

    @property
    def more_than_doubled(self) -> bool:
        before, after = self.trainees
        return after > DOUBLED * before

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"trainees": list(self.trainees), "days": list(self.days)}
        if self.kind == "group":
            out = {"classes": list(self.classes), **out}
        return {**out, "more_than_doubled": self.more_than_doubled}


def _figures(item: Group | Tour) -> tuple[int, int, int]:
    if isinstance(item, Group):
        return class_count(item), trainee_count(item), item.days
    return 0, item.trainees, item.days


def effects(plan: Plan, changed: Plan, variables: Sequence[Variable]) -> tuple[Effect, ...]:
    """Each group or tour with variables, in the order of --vary: before and after."""
    found: list[Effect] = []
    for kind, index in dict.fromkeys((v.kind, v.index) for v in variables):
        before: Group | Tour = plan.groups[index] if kind == "group" else plan.tours[index]
        after: Group | Tour = changed.groups[index] if kind == "group" else changed.tours[index]
        (c0, t0, d0), (c1, t1, d1) = _figures(before), _figures(after)
        entity = before.id if isinstance(before, Group) else plan.tour_id(index)
        found.append(Effect(kind, entity, (c0, c1), (t0, t1), (d0, d1)))
    return tuple(found)
