"""`cap135 fit`: the class counts, sizes, days and tour sizes that bring the dự toán closest to
the ceiling without passing it (issue 15).

The search is exact over the product of the ranges given. It treats the cost engine as a black
box and relies only on structure it checks:

* Separability. A group's or a tour's section depends on that group or tour alone, so each one
  is costed on its own (in a plan holding only it) for the values of its own variables, and the
  subtotal of a combination is a sum of table entries.
* Linearity in a class count, where it is found. A counted group (`classes: N`) is one class run
  of count N, so its lines are per-class quantities times N. For each setting of the group's
  other variables the section is costed at the lowest, the middle and the highest count; it is
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
"""

from __future__ import annotations

import copy
import itertools
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from cap135.budget.engine import Budget, compute_budget
from cap135.budget.rate_tables import RateTable
from cap135.findings import Finding
from cap135.messages import Lang, message
from cap135.plan.model import MAX_COUNT, Group, Plan, Tour
from cap135.plan.structure import build_plan
from cap135.plan.yaml_edit import EditError, replace_scalars
from cap135.plan.yaml_loader import DataPath, Source, load_text
from cap135.plan.yaml_writer import data_yaml

Kind = Literal["group", "tour"]
GROUP_FIELDS: tuple[str, ...] = ("classes", "class_size", "days")
TOUR_FIELDS: tuple[str, ...] = ("trainees",)
TOP = 5
MAX_TOP = 100  # options shown (each is costed, checked and kept: --top multiplies the work)
MAX_COMBINATIONS = 1_000_000  # combinations enumerated (sums of table entries)
MAX_EVALUATIONS = 100_000  # engine runs; about 0.1 ms each for one group, more for a whole plan
# Cost lines all engine runs of one fit may produce (about 6 µs each: some 30 seconds): a run of a
# large plan costs more than one of a small plan, so the number of runs alone does not bound time.
MAX_COSTED_LINES = 5_000_000
TOLERATED = frozenset({"over-ceiling"})  # what fitting is for

Checker = Callable[[Plan], Iterable[Finding]]


class FitError(Exception):
    """A user error of `cap135 fit`: `code` names the catalogue message, `args` fill it in."""

    def __init__(self, code: str, exit_code: int = 1, **args: Any) -> None:
        super().__init__(code)
        self.code = code
        self.exit_code = exit_code
        self.args_for_message: dict[str, Any] = args

    def text(self, lang: Lang) -> str:
        return message(self.code, lang, self.args_for_message)


# --- variables ------------------------------------------------------------------------------

_VARY = re.compile(
    r"^\s*(?P<target>[^\s.=]+)\.(?P<field>[^\s.=]+)\s*=\s*(?P<low>[+-]?\d+)\s*\.\.\s*(?P<high>[+-]?\d+)\s*$"
)
MAX_DIGITS = 12


@dataclass(frozen=True)
class Variable:
    """One number the search may change: a field of a group or a tour, within [low, high]."""

    kind: Kind
    index: int  # position in plan.groups or plan.tours
    entity: str  # group id or tour id
    field: str
    low: int
    high: int
    current: int

    @property
    def name(self) -> str:
        return f"{self.entity}.{self.field}"

    @property
    def values(self) -> range:
        return range(self.low, self.high + 1)

    @property
    def path(self) -> DataPath:
        return ("groups" if self.kind == "group" else "tours", self.index, self.field)


def parse_vary(text: str) -> tuple[str, str, int, int]:
    """`GROUP.FIELD=MIN..MAX` → (target, field, min, max); FitError when malformed."""
    found = _VARY.match(text)
    if found is None:
        raise FitError("fit-bad-vary", text=text)
    low_text, high_text = found["low"], found["high"]
    if max(len(low_text), len(high_text)) > MAX_DIGITS:
        raise FitError("fit-out-of-range", name=f"{found['target']}.{found['field']}", limit=MAX_COUNT)
    return found["target"], found["field"], int(low_text), int(high_text)


def resolve(plan: Plan, specs: Sequence[str]) -> tuple[Variable, ...]:
    """The variables named by `--vary` texts, checked against the plan (which needs a ceiling)."""
    if plan.funding.ceiling is None:
        raise FitError("fit-no-ceiling", exit_code=2)
    groups = {group.id: i for i, group in enumerate(plan.groups)}
    tours = {plan.tour_id(i): i for i in range(len(plan.tours))}
    if not specs:
        raise FitError("fit-no-vary")
    found: list[Variable] = []
    names: set[str] = set()
    for spec in specs:
        target, name, low, high = parse_vary(spec)
        kind: Kind
        if target in groups:
            kind, index, fields = "group", groups[target], GROUP_FIELDS
        elif target in tours:
            kind, index, fields = "tour", tours[target], TOUR_FIELDS
        else:
            choices = ", ".join([*groups, *tours]) or "—"
            raise FitError("fit-unknown-target", target=target, choices=choices)
        if name not in fields:
            raise FitError("fit-unknown-field", target=target, field=name, choices=", ".join(fields))
        item: Group | Tour = plan.groups[index] if kind == "group" else plan.tours[index]
        current = getattr(item, name)
        if not isinstance(current, int):  # classes listed one by one (class_size is then unused)
            raise FitError("fit-listed-classes", target=target, field=name)
        if low > high:
            raise FitError("fit-min-over-max", name=f"{target}.{name}", low=low, high=high)
        if low < 1 or high > MAX_COUNT:
            raise FitError("fit-out-of-range", name=f"{target}.{name}", limit=MAX_COUNT)
        variable = Variable(kind, index, target, name, low, high, current)
        if variable.name in names:
            raise FitError("fit-duplicate", name=variable.name)
        names.add(variable.name)
        found.append(variable)
    combinations = 1
    for v in found:
        combinations *= len(v.values)
    if combinations > MAX_COMBINATIONS:
        raise FitError("fit-too-many", count=combinations, limit=MAX_COMBINATIONS)
    return tuple(found)


def apply(plan: Plan, variables: Sequence[Variable], values: Sequence[int]) -> Plan:
    """The plan with each variable set to its value (a copy; the plan is frozen)."""
    updates: dict[tuple[Kind, int], dict[str, int]] = {}
    for variable, value in zip(variables, values, strict=True):
        updates.setdefault((variable.kind, variable.index), {})[variable.field] = value
    groups = list(plan.groups)
    tours = list(plan.tours)
    for (kind, index), update in updates.items():
        if kind == "group":
            groups[index] = groups[index].model_copy(update=update)
        else:
            tours[index] = tours[index].model_copy(update=update)
    return plan.model_copy(update={"groups": groups, "tours": tours})


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

    def changes(self, option: Option) -> dict[str, int]:
        return {v.name: value for v, value in zip(self.variables, option.values, strict=True)}

    def as_dict(self) -> dict[str, object]:
        return {
            "ceiling": self.ceiling,
            "total": self.total,
            "options": [
                {"changes": self.changes(o), "total": o.total, "headroom": o.headroom} for o in self.options
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
    def __init__(self, plan: Plan, table: RateTable, variables: tuple[Variable, ...], check: Checker | None):
        self.plan = plan
        self.table = table
        self.variables = variables
        self.check = check
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
    def _alone(self, entity: _Entity, update: dict[str, int]) -> Budget:
        if entity.kind == "group":
            group = self.plan.groups[entity.index].model_copy(update=update)
            reduced = self.plan.model_copy(update={"groups": [group], "tours": []})
        else:
            tour = self.plan.tours[entity.index].model_copy(update={**update, "id": entity.entity})
            reduced = self.plan.model_copy(update={"groups": [], "tours": [tour]})
        return self._engine(reduced)

    def _subtotal(self, entity: _Entity, update: dict[str, int]) -> int:
        return _section_subtotal(self._alone(entity, update), entity.kind, entity.entity)

    def tabulate(self, entity: _Entity) -> None:
        """Cost the entity for every setting of its variables, counts by their line if linear."""
        names = [self.variables[slot].field for slot in entity.slots]
        count_at = names.index("classes") if entity.kind == "group" and "classes" in names else None
        others = [s for s in entity.slots if count_at is None or self.variables[s].field != "classes"]
        table: dict[tuple[int, ...], int] = {}
        for setting in itertools.product(*(self.variables[slot].values for slot in others)):
            update = {self.variables[slot].field: value for slot, value in zip(others, setting, strict=True)}
            if count_at is None:
                table[setting] = self._subtotal(entity, update)
                continue
            count = self.variables[entity.slots[count_at]]
            for n, amount in self._by_count(entity, update, count).items():
                full = list(setting)
                full.insert(count_at, n)
                table[tuple(full)] = amount
        for setting in itertools.product(*(self.variables[slot].values for slot in entity.slots)):
            entity.settings.append(setting)
            entity.subtotals.append(table[setting])
            entity.lookup[setting] = table[setting]

    def _by_count(self, entity: _Entity, update: dict[str, int], count: Variable) -> dict[int, int]:
        """The section for each count: on the line through the lowest and highest counts when
        every line is quantity × rate there and at the middle count, and the middle count's
        section lies on it; else costed count by count."""
        low, high = count.low, count.high
        costed: dict[int, int] = {}
        linear = True
        for n in sorted({low, (low + high) // 2, high}):
            budget = self._alone(entity, {**update, "classes": n})
            costed[n] = _section_subtotal(budget, entity.kind, entity.entity)
            linear = linear and _lines_are_products(budget, entity.entity)
        if len(costed) < 3:
            return costed
        step, remainder = divmod(costed[high] - costed[low], high - low)
        middle = (low + high) // 2
        if linear and remainder == 0 and costed[middle] == costed[low] + (middle - low) * step:
            return {n: costed[low] + (n - low) * step for n in count.values}
        rest = {n: self._subtotal(entity, {**update, "classes": n}) for n in count.values if n not in costed}
        return {n: costed.get(n, rest.get(n, 0)) for n in count.values}

    def _fewest_runs(self, entity: _Entity) -> int:
        """Engine runs that tabulating the entity takes at least (3 per count line)."""
        runs = 1
        for slot in entity.slots:
            variable = self.variables[slot]
            size = len(variable.values)
            runs *= min(size, 3) if entity.kind == "group" and variable.field == "classes" else size
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
        base = self.cost(tuple(v.current for v in self.variables))
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
        count = 1
        for v in self.variables:
            count *= len(v.values)
        whole = max(len(self.cost(tuple(v.current for v in self.variables)).lines), 1)
        if count > MAX_EVALUATIONS or count * whole > MAX_COSTED_LINES:  # before listing them
            raise FitError("fit-too-many-evaluations", limit=MAX_EVALUATIONS)
        combos = list(itertools.product(*(v.values for v in self.variables)))
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
) -> FitResult:
    """The `top` combinations whose total is closest to the ceiling without exceeding it.

    `check` gives the findings of a modified plan (the pipeline's semantic checks): a
    combination that makes the plan invalid is never an option.
    """
    ceiling = plan.funding.ceiling
    if ceiling is None:
        raise FitError("fit-no-ceiling", exit_code=2)
    if not 1 <= top <= MAX_TOP:
        raise FitError("fit-bad-top", top=top, limit=MAX_TOP)
    search = _Search(plan, table, variables, check)
    options, exhaustive = search.run(top)
    current = search.cost(tuple(v.current for v in variables)).total
    if not options and search.rejected:
        raise FitError("fit-no-valid-option", ceiling=_vnd(ceiling), count=search.rejected)
    if not options:
        lowest = search.lowest if search.lowest is not None else current
        raise FitError(
            "fit-no-option", ceiling=_vnd(ceiling), lowest=_vnd(lowest), over=_vnd(lowest - ceiling)
        )
    combinations = 1
    for v in variables:
        combinations *= len(v.values)
    return FitResult(
        variables, ceiling, current, tuple(options), combinations, search.evaluations, exhaustive
    )


def _vnd(amount: int) -> str:
    from cap135.money import format_vnd

    return format_vnd(amount)


# --- writing the plan with an option applied -------------------------------------------------


def written_plan(raw: bytes, source: Source, result: FitResult, option: Option, plan: Plan) -> bytes:
    """The plan file's bytes with `option` applied; only those numbers change.

    The text is loaded again and must give exactly the modified plan.
    """
    bom = b"\xef\xbb\xbf" if raw.startswith(b"\xef\xbb\xbf") else b""
    text = raw[len(bom) :].decode("utf-8")
    edits: dict[DataPath, tuple[Any, str]] = {
        v.path: (v.current, str(value))
        for v, value in zip(result.variables, option.values, strict=True)
        if value != v.current
    }
    try:
        new_text = replace_scalars(text, source, edits)
    except EditError as exc:
        name = next(v.name for v in result.variables if v.path == exc.path)
        raise FitError("fit-cannot-edit", path=name) from None
    loaded = load_text(new_text, source.name)
    rebuilt, _ = build_plan(loaded.data) if loaded.ok else (None, ())
    if rebuilt is None or rebuilt != apply(plan, result.variables, option.values):
        names = [v.name for v in result.variables if v.path in edits]
        raise FitError("fit-cannot-edit", path=", ".join(names))
    return bom + new_text.encode("utf-8")


def written_data(data: Any, result: FitResult, option: Option, plan: Plan, origin: str) -> bytes:
    """A workbook plan with `option` applied, as YAML text (issue 23: a workbook is never rewritten,
    so that nothing of it is lost); the data must give exactly the modified plan."""
    new = copy.deepcopy(data)
    for variable, value in zip(result.variables, option.values, strict=True):
        kind, index, name = variable.path
        new[kind][index][name] = value
    rebuilt, _ = build_plan(new)
    if rebuilt is None or rebuilt != apply(plan, result.variables, option.values):
        raise FitError("fit-cannot-edit", path=", ".join(v.name for v in result.variables))
    return data_yaml(new, Plan, origin)
