"""load → model → check → cost, for one plan file. Pure apart from reading files."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .checks import DEFAULT_MAX_CLASS_SIZE, DEFAULT_PERIODS_PER_DAY, Profile, run_checks
from .cost import Budget, compute_budget
from .findings import Finding, error, has_errors
from .loader import Source, read_file
from .model import Plan
from .rates import RateLookupError, RateTable, RateTableError, default_table_id, load_table
from .structure import build_plan


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
    def value(name: str, default: int) -> int:
        try:
            return table.profile(name, date(year, 1, 1)).value
        except RateLookupError:
            return default

    return Profile(
        periods_per_day=value("periods_per_day", DEFAULT_PERIODS_PER_DAY),
        max_class_size=value("max_class_size", DEFAULT_MAX_CLASS_SIZE),
    )


def table_for(plan: Plan, plan_dir: Path) -> RateTable:
    """The plan's rate table: named, a file beside the plan, or the national default."""
    return load_table(plan.rates or default_table_id(plan.year), base_dir=plan_dir)


def analyze(path: Path, display: str | None = None) -> Analysis:
    """Everything cap135 knows about one plan file. Raises only UnreadableFile."""
    loaded = read_file(path, display)
    if loaded.data is None or not loaded.ok:
        return Analysis(path, loaded.source, None, None, loaded.findings)
    plan, structural = build_plan(loaded.data)
    findings = (*loaded.findings, *structural)
    if plan is None:
        return Analysis(path, loaded.source, None, None, findings)
    try:
        table = table_for(plan, path.parent)
    except RateTableError as exc:
        problem = error("rate-table", ("rates",), detail=str(exc))
        checks = run_checks(plan, Profile())
        return Analysis(path, loaded.source, plan, None, (*findings, *checks, problem))
    checks = run_checks(plan, _profile(table, plan.year))
    budget = compute_budget(plan, table)
    return Analysis(path, loaded.source, plan, budget, (*findings, *checks, *budget.findings))
