"""load → model → check → cost, for one plan file. Pure apart from reading files."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from pydantic import ValidationError

from cap135.budget.engine import Budget, compute_budget
from cap135.budget.rate_tables import RateLookupError, RateTable, RateTableError, default_table_id, load_table
from cap135.findings import Finding, error, has_errors
from cap135.messages import ByLang
from cap135.plan.checks import (
    check_class_fields,
    check_class_sizes,
    check_periods_fit_days,
    check_schedules,
    run_checks,
)
from cap135.plan.model import Group, Plan, Tour
from cap135.plan.plan_file import read_plan_file
from cap135.plan.profile import DEFAULT_PERIODS_PER_DAY, Profile
from cap135.plan.structure import build_plan
from cap135.plan.yaml_loader import Loaded, Source


@dataclass(frozen=True)
class Analysis:
    path: Path
    source: Source
    plan: Plan | None
    budget: Budget | None
    findings: tuple[Finding, ...]

    @property
    def ok(self) -> bool:
        return self.plan is not None and not has_errors(self.findings)


def _profile(table: RateTable, year: int) -> Profile:
    def value(name: str) -> int | None:
        try:
            return table.profile(name, date(year, 1, 1)).value
        except RateLookupError:
            return None

    return Profile(
        periods_per_day=value("periods_per_day") or DEFAULT_PERIODS_PER_DAY,
        max_class_size=value("max_class_size"),
    )


def _shifted(finding: Finding, kind: str, index: int) -> Finding:
    path = finding.path
    if path[:2] == (kind, 0):
        path = (kind, index, *path[2:])
    return replace(finding, path=path)


def partial_checks(data: object) -> tuple[Finding, ...]:
    """Semantic checks of the groups and tours that are valid on their own.

    When one part of a plan is malformed the whole Plan cannot be built; the
    officer should still learn at once that another group's schedule names the
    wrong year. Each valid group or tour is checked alone inside a stand-in plan.
    """
    if not isinstance(data, dict):
        return ()
    year = data.get("year")
    if not isinstance(year, int) or isinstance(year, bool):
        return ()
    checks = (check_schedules, check_class_fields, check_periods_fit_days, check_class_sizes)
    found: list[Finding] = []
    for kind, model in (("groups", Group), ("tours", Tour)):
        items = data.get(kind)
        if not isinstance(items, list):
            continue
        for index, raw in enumerate(items):
            try:
                item = model.model_validate(raw)
            except (ValidationError, ValueError, TypeError):
                continue
            groups = [item] if isinstance(item, Group) else []
            tours = [item] if isinstance(item, Tour) else []
            stand_in = Plan.model_construct(year=year, groups=groups, tours=tours)
            for check in checks:
                found.extend(_shifted(f, kind, index) for f in check(stand_in, Profile()))
    return tuple(found)


def table_for(plan: Plan, plan_dir: Path) -> RateTable:
    """The plan's rate table: named, a file beside the plan, or the national default."""
    return load_table(plan.rates or default_table_id(plan.year), base_dir=plan_dir)


def check_plan(plan: Plan, table: RateTable) -> tuple[Finding, ...]:
    """The semantic checks of a plan (one built in code, e.g. a modified copy), with the
    profile of its rate table."""
    return run_checks(plan, _profile(table, plan.year))


def analyze(path: Path, display: str | None = None, loaded: Loaded | None = None) -> Analysis:
    """Everything cap135 knows about one plan file (`loaded`: the file already read).

    Raises only UnreadableFile.
    """
    loaded = loaded or read_plan_file(path, display)
    if loaded.data is None or not loaded.ok:
        return Analysis(path, loaded.source, None, None, loaded.findings)
    plan, structural = build_plan(loaded.data)
    findings = (*loaded.findings, *structural)
    if plan is None:
        partial = partial_checks(loaded.data)
        return Analysis(path, loaded.source, None, None, (*findings, *partial))
    try:
        table = table_for(plan, path.parent)
    except RateTableError as exc:
        problem = error("rate-table", ("rates",), detail=ByLang.of(exc.detail))
        checks = run_checks(plan, Profile())
        return Analysis(path, loaded.source, plan, None, (*findings, *checks, problem))
    checks = run_checks(plan, _profile(table, plan.year))
    budget = compute_budget(plan, table)
    return Analysis(path, loaded.source, plan, budget, (*findings, *checks, *budget.findings))
