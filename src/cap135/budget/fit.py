"""`cap135 fit`: the class counts, sizes, days and tour sizes that bring the dự toán closest to
the ceiling without passing it (issue 15).

The search is exact over the product of the ranges given. It treats the cost engine as a black
box and relies only on structure it checks:

* Separability. A group's or a tour's section depends on that group or tour alone, so each one
  is costed on its own (in a plan holding only it) for the values of its own variables, and the
  subtotal of a combination is a sum of table entries.
* Linearity in a class count, where it is found. A counted group (`classes: N`) is one class run
  of count N, and a listed class of `count: N` one run of count N, so their lines are per-class
  quantities times N. For each setting of the group's other variables the section is costed at
  the lowest, the middle and the highest count (the group's first count variable); it is
  used as a line in the count only when every line there is quantity × rate (no rounded
  percentage inside), the slope is a whole number of đồng and the middle lies on the line
  through the ends. Otherwise every count is costed.
* The plan-wide lines (management: a percentage of the subtotal, rounded half-up) are taken as
  a non-decreasing function of the subtotal: the combinations are ranked by subtotal and a
  binary search on that ranking, costing one combination per step with the engine, finds the
  highest subtotal whose total stays within the ceiling.

Every option returned is the engine's own total for the modified plan. Each engine run of the
whole plan also checks the assumptions (each section as predicted, totals ordered as subtotals);
when one fails, the search starts again costing every combination with the engine.

A group's settings past its `--max` (trainees) are left out before ranking. Every loop is
bounded: at most MAX_COMBINATIONS (fit_vary) combinations are enumerated and MAX_EVALUATIONS
engine runs made; past either the command says so and asks for narrower ranges.
"""

from __future__ import annotations

import copy
import itertools
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from cap135.budget.engine import Budget, compute_budget
from cap135.budget.fit_vary import (
    COUNT_FIELDS,
    GROUP_FIELDS,
    MAX_COMBINATIONS,
    TOUR_FIELDS,
    Effect,
    FitError,
    Kind,
    Variable,
    applied_group,
    apply,
    combinations,
    effects,
    parse_vary,
    resolve,
    trainees_with,
)
from cap135.budget.rate_tables import RateTable
from cap135.findings import Finding
from cap135.plan.model import Plan, trainee_count
from cap135.plan.structure import build_plan
from cap135.plan.yaml_edit import EditError, edit_scalars
from cap135.plan.yaml_loader import DataPath, Source, load_text
from cap135.plan.yaml_writer import data_yaml

__all__ = [
    "GROUP_FIELDS",
    "MAX_COMBINATIONS",
    "MAX_EVALUATIONS",
    "MAX_TOP",
    "TOUR_FIELDS",
    "FitError",
    "FitResult",
    "Option",
    "Variable",
    "apply",
    "fit",
    "fit_json",
    "parse_vary",
    "resolve",
    "written_plan",
]

TOP = 5
MAX_TOP = 100  # options shown (each is costed, checked and kept: --top multiplies the work)
MAX_EVALUATIONS = 100_000  # engine runs; about 0.1 ms each for one group, more for a whole plan
# Cost lines all engine runs of one fit may produce (about 6 µs each: some 30 seconds): a run of a
# large plan costs more than one of a small plan, so the number of runs alone does not bound time.
MAX_COSTED_LINES = 5_000_000
TOLERATED = frozenset({"over-ceiling"})  # what fitting is for

Checker = Callable[[Plan], Iterable[Finding]]


# --- results --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Option:
    values: tuple[int, ...]  # one per variable, in the order of --vary
    total: int  # the engine's total for the plan with these values
    headroom: int  # ceiling − total


@dataclass(frozen=True)
class FitResult:
    variables: tuple[Variable, ...]
    ceiling: int
    total: int  # the plan as it stands
    options: tuple[Option, ...]
    combinations: int
    evaluations: int  # engine runs
    exhaustive: bool  # every combination was costed with the engine (an assumption failed)
    plan: Plan | None = field(default=None, repr=False, compare=False)  # the plan fitted

    def changes(self, option: Option) -> dict[str, int]:
        return {v.name: value for v, value in zip(self.variables, option.values, strict=True)}

    def effects(self, option: Option) -> tuple[Effect, ...]:
        """What the option changes against the plan: each group's classes, trainees and days."""
        if self.plan is None:
            return ()
        return effects(self.plan, apply(self.plan, self.variables, option.values), self.variables)

    def as_dict(self) -> dict[str, object]:
        return {
            "ceiling": self.ceiling,
            "total": self.total,
            "options": [
                {
                    "changes": self.changes(o),
                    "effects": {e.entity: e.as_dict() for e in self.effects(o)},
                    "total": o.total,
                    "headroom": o.headroom,
                }
                for o in self.options
            ],
        }


def fit_json(result: FitResult) -> str:
    return json.dumps(result.as_dict(), ensure_ascii=False, indent=2) + "\n"


# --- the search -----------------------------------------------------------------------------


class _Mismatch(Exception):
    """The engine disagreed with a structural assumption: cost every combination instead."""


@dataclass
class _Entity:
    """A group or tour with variables: its section subtotal for each setting of them."""

    kind: Kind
    index: int
    entity: str
    slots: tuple[int, ...]  # indices of its variables in the variable list
    settings: list[tuple[int, ...]] = field(default_factory=list)
    subtotals: list[int] = field(default_factory=list)
    lookup: dict[tuple[int, ...], int] = field(default_factory=dict)


class _Search:
    def __init__(
        self,
        plan: Plan,
        table: RateTable,
        variables: tuple[Variable, ...],
        check: Checker | None,
        bounds: Mapping[int, int],
    ):
        self.plan = plan
        self.table = table
        self.variables = variables
        self.check = check
        self.bounds = bounds  # group index -> most trainees (--max)
        self.evaluations = 0
        self.lines = 0  # cost lines the engine produced
        self.costed: dict[tuple[int, ...], Budget] = {}
        self.lowest: int | None = None  # the smallest total of any combination (by the ranking)
        self.rejected = 0  # combinations within the ceiling that make the plan invalid

    def _engine(self, plan: Plan) -> Budget:
        self.evaluations += 1
        if self.evaluations > MAX_EVALUATIONS or self.lines > MAX_COSTED_LINES:
            raise FitError("fit-too-many-evaluations", limit=MAX_EVALUATIONS)
        budget = compute_budget(plan, self.table)
        self.lines += len(budget.lines)
        return budget

    def cost(self, values: tuple[int, ...]) -> Budget:
        """The engine's budget of the plan with `values` (memoised)."""
        budget = self.costed.get(values)
        if budget is None:
            budget = self.costed[values] = self._engine(apply(self.plan, self.variables, values))
        return budget

    # -- one entity alone --------------------------------------------------------------------
    def _alone(self, entity: _Entity, setting: Mapping[int, int]) -> Budget:
        """The engine's budget of a plan holding only the entity, its variables (slots) set."""
        own = [self.variables[slot] for slot in setting]
        values = list(setting.values())
        if entity.kind == "group":
            group = applied_group(self.plan.groups[entity.index], own, values)
            reduced = self.plan.model_copy(update={"groups": [group], "tours": []})
        else:
            update: dict[str, Any] = {v.field: x for v, x in zip(own, values, strict=True)}
            tour = self.plan.tours[entity.index].model_copy(update={**update, "id": entity.entity})
            reduced = self.plan.model_copy(update={"groups": [], "tours": [tour]})
        return self._engine(reduced)

    def _subtotal(self, entity: _Entity, setting: Mapping[int, int]) -> int:
        return _section_subtotal(self._alone(entity, setting), entity.kind, entity.entity)

    def _count_slot(self, entity: _Entity) -> int | None:
        """The entity's first number of classes (`classes`, or a listed class's `count`): its
        section is costed as a line in it where the engine's lines allow."""
        if entity.kind != "group":
            return None
        return next((slot for slot in entity.slots if self.variables[slot].field in COUNT_FIELDS), None)

    def _within_bound(self, entity: _Entity, setting: tuple[int, ...]) -> bool:
        limit = self.bounds.get(entity.index) if entity.kind == "group" else None
        if limit is None:
            return True
        own = [self.variables[slot] for slot in entity.slots]
        return trainees_with(self.plan.groups[entity.index], own, setting) <= limit

    def tabulate(self, entity: _Entity) -> None:
        """Cost the entity for every setting of its variables, counts by their line if linear;
        settings past the group's --max are left out."""
        count_slot = self._count_slot(entity)
        others = [slot for slot in entity.slots if slot != count_slot]
        table: dict[tuple[int, ...], int] = {}
        for setting in itertools.product(*(self.variables[slot].values for slot in others)):
            assigned = dict(zip(others, setting, strict=True))
            if count_slot is None:
                table[setting] = self._subtotal(entity, assigned)
                continue
            for n, amount in self._by_count(entity, assigned, count_slot).items():
                table[(*setting, n)] = amount
        order = [*others, *([count_slot] if count_slot is not None else [])]
        for setting in itertools.product(*(self.variables[slot].values for slot in entity.slots)):
            if not self._within_bound(entity, setting):
                continue
            by_slot = dict(zip(entity.slots, setting, strict=True))
            amount = table[tuple(by_slot[slot] for slot in order)]
            entity.settings.append(setting)
            entity.subtotals.append(amount)
            entity.lookup[setting] = amount
        if not entity.settings:
            raise FitError("fit-max-excludes-all", group=entity.entity, limit=self.bounds[entity.index])

    def _by_count(self, entity: _Entity, assigned: dict[int, int], slot: int) -> dict[int, int]:
        """The section for each count: on the line through the lowest and highest counts when
        every line is quantity × rate there and at the middle count, and the middle count's
        section lies on it; else costed count by count."""
        count = self.variables[slot]
        low, high = count.low, count.high
        costed: dict[int, int] = {}
        linear = True
        for n in sorted({low, (low + high) // 2, high}):
            budget = self._alone(entity, {**assigned, slot: n})
            costed[n] = _section_subtotal(budget, entity.kind, entity.entity)
            linear = linear and _lines_are_products(budget, entity.entity)
        if len(costed) < 3:
            return costed
        step, remainder = divmod(costed[high] - costed[low], high - low)
        middle = (low + high) // 2
        if linear and remainder == 0 and costed[middle] == costed[low] + (middle - low) * step:
            return {n: costed[low] + (n - low) * step for n in count.values}
        rest = {n: self._subtotal(entity, {**assigned, slot: n}) for n in count.values if n not in costed}
        return {n: costed.get(n, rest.get(n, 0)) for n in count.values}

    def _fewest_runs(self, entity: _Entity) -> int:
        """Engine runs that tabulating the entity takes at least (3 per count line)."""
        runs = 1
        count_slot = self._count_slot(entity)
        for slot in entity.slots:
            size = len(self.variables[slot].values)
            runs *= min(size, 3) if slot == count_slot else size
        return runs

    # -- the whole plan ----------------------------------------------------------------------
    def entities(self) -> list[_Entity]:
        by_entity: dict[tuple[Kind, int], list[int]] = {}
        for slot, variable in enumerate(self.variables):
            by_entity.setdefault((variable.kind, variable.index), []).append(slot)
        found = []
        for (kind, index), slots in by_entity.items():
            name = self.plan.groups[index].id if kind == "group" else self.plan.tour_id(index)
            found.append(_Entity(kind, index, name, tuple(slots)))
        return found

    def run(self, top: int) -> tuple[list[Option], bool]:
        try:
            return self._separable(top), False
        except _Mismatch:
            return self._exhaustive(top), True

    def _separable(self, top: int) -> list[Option]:
        entities = self.entities()
        needed = sum(self._fewest_runs(entity) for entity in entities)
        if needed > MAX_EVALUATIONS:  # say so now, not after a long wait
            raise FitError("fit-too-many-evaluations", limit=MAX_EVALUATIONS)
        for entity in entities:
            self.tabulate(entity)
        base = self._engine(self.plan)  # the plan as it stands: the sections without variables
        fixed = _non_plan_subtotal(base) - sum(_section_subtotal(base, e.kind, e.entity) for e in entities)
        sums = [fixed]
        for entity in entities:
            sums = [s + v for s in sums for v in entity.subtotals]

        def decode(index: int) -> tuple[int, ...]:
            values = [0] * len(self.variables)
            for entity in reversed(entities):
                index, local = divmod(index, len(entity.settings))
                for slot, value in zip(entity.slots, entity.settings[local], strict=True):
                    values[slot] = value
            return tuple(values)

        def predicted(values: tuple[int, ...], budget: Budget) -> None:
            """Raise _Mismatch unless the engine's sections are the tables' entries."""
            expected = fixed
            for entity in entities:
                local = tuple(values[slot] for slot in entity.slots)
                amount = entity.lookup[local]
                if _section_subtotal(budget, entity.kind, entity.entity) != amount:
                    raise _Mismatch
                expected += amount
            if _non_plan_subtotal(budget) != expected:
                raise _Mismatch

        return self._select(sums, decode, predicted, top)

    def _exhaustive(self, top: int) -> list[Option]:
        count = combinations(self.variables)
        whole = max(len(self._engine(self.plan).lines), 1)
        if count > MAX_EVALUATIONS or count * whole > MAX_COSTED_LINES:  # before listing them
            raise FitError("fit-too-many-evaluations", limit=MAX_EVALUATIONS)
        combos = [
            values
            for values in itertools.product(*(v.values for v in self.variables))
            if not self._over_bounds(values)
        ]
        if not combos:
            raise FitError("fit-max-excludes-all-groups")
        sums = [self.cost(values).total for values in combos]

        def decode(index: int) -> tuple[int, ...]:
            return combos[index]

        def predicted(values: tuple[int, ...], budget: Budget) -> None:
            return None

        return self._select(sums, decode, predicted, top)

    def _select(
        self,
        sums: list[int],
        decode: Callable[[int], tuple[int, ...]],
        predicted: Callable[[tuple[int, ...], Budget], None],
        top: int,
    ) -> list[Option]:
        """The `top` best valid options, ranking combinations by `sums` (totals rise with them)."""
        ceiling = self.plan.funding.ceiling
        assert ceiling is not None
        self.rejected = 0
        distinct = sorted(set(sums))
        seen: list[tuple[int, int]] = []  # (sum, total) of every combination costed here

        def total_at(position: int) -> int:
            values = decode(sums.index(distinct[position]))
            budget = self.cost(values)
            predicted(values, budget)
            seen.append((distinct[position], budget.total))
            return budget.total

        self.lowest = total_at(0)
        # the highest sum whose total fits: totals are non-decreasing in the sum (checked below)
        low, high = -1, len(distinct)  # total_at(low) ≤ ceiling < total_at(high)
        while high - low > 1:
            middle = (low + high) // 2
            if total_at(middle) <= ceiling:
                low = middle
            else:
                high = middle
        options: list[Option] = []
        window = max(top, 8)
        start = low + 1  # distinct[start:] are done
        while start > 0 and len(options) < top:
            stop, start = start, max(0, start - window)
            floor = distinct[start]
            ceiling_sum = distinct[stop - 1]
            batch = [i for i, s in enumerate(sums) if floor <= s <= ceiling_sum]
            ranked = sorted((-sums[i], self._tie(decode(i))) for i in batch)
            for negative_sum, (_, values) in ranked:
                budget = self.cost(values)
                predicted(values, budget)
                seen.append((-negative_sum, budget.total))
                if budget.total > ceiling:
                    continue
                if self._valid(values, budget):
                    options.append(Option(values, budget.total, ceiling - budget.total))
                else:
                    self.rejected += 1
                if len(options) >= top:
                    break
            window *= 2
        _check_monotone(seen)
        options.sort(key=lambda o: (-o.total, self._tie(o.values)))
        return options[:top]

    def _over_bounds(self, values: tuple[int, ...]) -> bool:
        """Whether a combination gives a group more trainees than its --max."""
        for index, limit in self.bounds.items():
            own = [
                (v, x)
                for v, x in zip(self.variables, values, strict=True)
                if v.kind == "group" and v.index == index
            ]
            group = self.plan.groups[index]
            if trainees_with(group, [v for v, _ in own], [x for _, x in own]) > limit:
                return True
        return False

    def _tie(self, values: tuple[int, ...]) -> tuple[int, tuple[int, ...]]:
        """Among equal totals: fewer numbers changed first, then the smaller values."""
        changed = sum(1 for v, value in zip(self.variables, values, strict=True) if v.current != value)
        return changed, values

    def _valid(self, values: tuple[int, ...], budget: Budget) -> bool:
        """No errors in the modified plan: the engine's findings and those of `check`."""
        if any(f.is_error for f in budget.findings):
            return False
        if self.check is None:
            return True
        return not any(f.is_error for f in self.check(apply(self.plan, self.variables, values)))


def _section_subtotal(budget: Budget, kind: Kind, entity: str) -> int:
    return sum(s.subtotal for s in budget.sections if s.kind == kind and s.entity == entity)


def _non_plan_subtotal(budget: Budget) -> int:
    return sum(s.subtotal for s in budget.sections if s.kind in ("group", "tour"))


def _lines_are_products(budget: Budget, entity: str) -> bool:
    """Every line of the entity is quantity × rate: no rounding that would bend a line."""
    return all(line.amount == line.quantity * line.rate for line in budget.lines if line.entity == entity)


def _check_monotone(seen: list[tuple[int, int]]) -> None:
    ordered = sorted(set(seen))
    for (s1, t1), (s2, t2) in itertools.pairwise(ordered):
        if t2 < t1 or (s1 == s2 and t1 != t2):
            raise _Mismatch


def fit(
    plan: Plan,
    table: RateTable,
    variables: tuple[Variable, ...],
    *,
    top: int = TOP,
    check: Checker | None = None,
    bounds: Mapping[int, int] | None = None,
) -> FitResult:
    """The `top` combinations whose total is closest to the ceiling without exceeding it.

    `check` gives the findings of a modified plan (the pipeline's semantic checks): a
    combination that makes the plan invalid is never an option. `bounds` (--max) caps a
    group's trainees: a combination past it is never an option.
    """
    ceiling = plan.funding.ceiling
    if ceiling is None:
        raise FitError("fit-no-ceiling", exit_code=2)
    if not 1 <= top <= MAX_TOP:
        raise FitError("fit-bad-top", top=top, limit=MAX_TOP)
    bounds = dict(bounds or {})
    varied = {v.index for v in variables if v.kind == "group"}
    for index, limit in bounds.items():
        group = plan.groups[index]
        if index not in varied and trainee_count(group) > limit:
            raise FitError("fit-max-below-plan", group=group.id, trainees=trainee_count(group), limit=limit)
    search = _Search(plan, table, variables, check, bounds)
    options, exhaustive = search.run(top)
    current = compute_budget(plan, table).total
    if not options and search.rejected:
        raise FitError("fit-no-valid-option", ceiling=_vnd(ceiling), count=search.rejected)
    if not options:
        lowest = search.lowest if search.lowest is not None else current
        raise FitError(
            "fit-no-option", ceiling=_vnd(ceiling), lowest=_vnd(lowest), over=_vnd(lowest - ceiling)
        )
    return FitResult(
        variables,
        ceiling,
        current,
        tuple(options),
        combinations(variables),
        search.evaluations,
        exhaustive,
        plan,
    )


def _vnd(amount: int) -> str:
    from cap135.money import format_vnd

    return format_vnd(amount)


# --- writing the plan with an option applied -------------------------------------------------


def written_plan(raw: bytes, source: Source, result: FitResult, option: Option, plan: Plan) -> bytes:
    """The plan file's bytes with `option` applied; only those numbers change, and a listed
    class's `count:` is written beside its `size` where it was not written.

    The text is loaded again and must give exactly the modified plan.
    """
    bom = b"\xef\xbb\xbf" if raw.startswith(b"\xef\xbb\xbf") else b""
    text = raw[len(bom) :].decode("utf-8")
    edits: dict[DataPath, tuple[Any, str]] = {}
    insertions: dict[DataPath, tuple[Any, str, str]] = {}
    names: dict[DataPath, str] = {}
    for variable, value in zip(result.variables, option.values, strict=True):
        for path in variable.paths:
            old = _written(plan, path)
            if old == value:
                continue
            names[path] = variable.name
            if path in source.values:
                edits[path] = (old, str(value))
            else:  # a listed class without `count:` (it counts one): written after its size
                anchor = (*path[:-1], "size")
                names[anchor] = variable.name
                insertions[anchor] = (_written(plan, anchor), str(path[-1]), str(value))
    try:
        new_text = edit_scalars(text, source, edits, insertions)
    except EditError as exc:
        raise FitError("fit-cannot-edit", path=names.get(exc.path, str(exc))) from None
    loaded = load_text(new_text, source.name)
    rebuilt, _ = build_plan(loaded.data) if loaded.ok else (None, ())
    if rebuilt is None or rebuilt != apply(plan, result.variables, option.values):
        raise FitError("fit-cannot-edit", path=", ".join(dict.fromkeys(names.values())))
    return bom + new_text.encode("utf-8")


def _written(plan: Plan, path: DataPath) -> Any:
    """The value the plan holds at `path` (a group's, a tour's or a listed class's number)."""
    node: Any = plan
    for part in path:
        node = node[part] if isinstance(part, int) else getattr(node, str(part))
    return node


def written_data(data: Any, result: FitResult, option: Option, plan: Plan, origin: str) -> bytes:
    """A workbook plan with `option` applied, as YAML text (issue 23: a workbook is never rewritten,
    so that nothing of it is lost); the data must give exactly the modified plan."""
    new = copy.deepcopy(data)
    for variable, value in zip(result.variables, option.values, strict=True):
        for path in variable.paths:  # a listed group's size: every class; a class's count: set
            node = new
            for part in path[:-1]:
                node = node[part]
            node[path[-1]] = value
    rebuilt, _ = build_plan(new)
    if rebuilt is None or rebuilt != apply(plan, result.variables, option.values):
        raise FitError("fit-cannot-edit", path=", ".join(v.name for v in result.variables))
    return data_yaml(new, Plan, origin)
