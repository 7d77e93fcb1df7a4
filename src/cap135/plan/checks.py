"""Semantic checks of a structurally valid plan.

Each check is a plain function `(plan, profile) -> Iterable[Finding]`; CHECKS is a
tuple, never mutated. Budget checks live with the cost engine (budget/engine.py). The checks of what the
document will say live in placeholders.py and agency.py; this tuple is the one registry.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date

from cap135.findings import Finding, error, warning
from cap135.findings import Path as FindingPath
from cap135.plan.agency import check_agency_short_name
from cap135.plan.bases import check_stale_bases
from cap135.plan.model import (
    DISTRICTS_ABOLISHED,
    Group,
    Plan,
    Schedule,
    class_count,
    class_runs,
    periods_per_class,
)
from cap135.plan.placeholders import check_placeholders
from cap135.plan.profile import Profile

Check = Callable[[Plan, Profile], Iterable[Finding]]


def check_unique_ids(plan: Plan, profile: Profile) -> Iterable[Finding]:
    seen: dict[str, str] = {}
    entries: list[tuple[str, FindingPath, str]] = [
        (g.id, ("groups", i, "id"), f"groups[{i}]") for i, g in enumerate(plan.groups)
    ]
    entries += [
        (plan.tour_id(i), ("tours", i, "id") if t.id else ("tours", i), f"tours[{i}]")
        for i, t in enumerate(plan.tours)
    ]
    for ident, path, label in entries:
        if ident in seen:
            yield error("duplicate-id", path, id=ident, other=seen[ident])
        else:
            seen[ident] = label


def _schedule_findings(schedule: Schedule, year: int, path: FindingPath) -> Iterable[Finding]:
    if schedule.start.first_day > schedule.end.last_day:
        yield error("schedule-reversed", path, start=str(schedule.start), end=str(schedule.end))
    for key, moment in (("from", schedule.start), ("to", schedule.end)):
        if moment.year != year:
            yield error("schedule-outside-year", (*path, key), moment=str(moment), year=year)


def _group_schedules(group: Group, path: FindingPath) -> Iterable[tuple[Schedule, FindingPath]]:
    if group.schedule is not None:
        yield group.schedule, (*path, "schedule")
    if isinstance(group.classes, list):
        for j, spec in enumerate(group.classes):
            if spec.schedule is not None:
                yield spec.schedule, (*path, "classes", j, "schedule")


def check_schedules(plan: Plan, profile: Profile) -> Iterable[Finding]:
    for i, group in enumerate(plan.groups):
        for schedule, path in _group_schedules(group, ("groups", i)):
            yield from _schedule_findings(schedule, plan.year, path)
    for i, tour in enumerate(plan.tours):
        if tour.schedule is not None:
            yield from _schedule_findings(tour.schedule, plan.year, ("tours", i, "schedule"))


def check_class_fields(plan: Plan, profile: Profile) -> Iterable[Finding]:
    """A counted group needs size, venue and schedule; listed classes inherit them."""
    for i, group in enumerate(plan.groups):
        path = ("groups", i)
        n = class_count(group)
        if isinstance(group.classes, int):
            for key in ("class_size", "venue", "schedule"):
                if getattr(group, key) is None:
                    yield error("missing-class-field", path, key=key, classes=n)
            continue
        if group.class_size is not None:
            yield warning("class-size-with-list", (*path, "class_size"))
        for key in ("venue", "schedule"):
            if getattr(group, key) is None:
                for j, spec in enumerate(group.classes):
                    if getattr(spec, key) is None:
                        yield error("missing-class-field", (*path, "classes", j), key=key, classes=n)


def check_periods_fit_days(plan: Plan, profile: Profile) -> Iterable[Finding]:
    for i, group in enumerate(plan.groups):
        periods = periods_per_class(group)
        if periods > group.days * profile.periods_per_day:
            yield warning(
                "periods-exceed-days",
                ("groups", i, "days"),
                periods=periods,
                days=group.days,
                per_day=profile.periods_per_day,
            )


def check_class_sizes(plan: Plan, profile: Profile) -> Iterable[Finding]:
    limit = profile.max_class_size
    if limit is None:
        return
    for i, group in enumerate(plan.groups):
        if isinstance(group.classes, int):
            if group.class_size is not None and group.class_size > limit:
                yield warning(
                    "class-too-large",
                    ("groups", i, "class_size"),
                    size=group.class_size,
                    limit=limit,
                )
            continue
        for j, spec in enumerate(group.classes):
            if spec.size > limit:
                yield warning(
                    "class-too-large",
                    ("groups", i, "classes", j, "size"),
                    size=spec.size,
                    limit=limit,
                )


_YEAR_IN_TITLE = re.compile(r"\bnăm\s+(\d{4})\b", re.IGNORECASE)


def check_title_year(plan: Plan, profile: Profile) -> Iterable[Finding]:
    """A title that says 'năm 2019' in a 2020 plan is a copy-paste slip."""
    for match in _YEAR_IN_TITLE.finditer(plan.title):
        found = int(match[1])
        if found != plan.year:
            yield warning("title-year-mismatch", ("title",), found=found, year=plan.year)


def check_districts_abolished(plan: Plan, profile: Profile) -> Iterable[Finding]:
    """No class, group, tour destination or organiser at district level from 1/7/2025: districts
    no longer exist."""
    cutoff = DISTRICTS_ABOLISHED
    starts: list[date] = [date(plan.year, 1, 1)]  # the plan's year, and when its activities start
    for i, group in enumerate(plan.groups):
        path = ("groups", i)
        for run in class_runs(group) or []:
            start = run.schedule.start.first_day
            starts.append(start)
            if run.venue.level != "district" or start < cutoff:
                continue
            listed = isinstance(group.classes, list) and group.classes[run.index].venue is not None
            where = (*path, "classes", run.index, "venue", "level") if listed else (*path, "venue", "level")
            yield error("district-abolished", where, what=run.venue.name, day=f"{start:%d/%m/%Y}")
    for tour in plan.tours:
        if tour.schedule is not None:
            starts.append(tour.schedule.start.first_day)
    if plan.date is not None:
        starts.append(plan.date.first_day)
    for i, tour in enumerate(plan.tours):  # a tour without a schedule goes when the plan runs
        day = tour.schedule.start.first_day if tour.schedule is not None else max(starts)
        if tour.destination.level == "district" and day >= cutoff:
            yield error(
                "district-abolished",
                ("tours", i, "destination", "level"),
                what=tour.destination.name,
                day=f"{day:%d/%m/%Y}",
            )
    if plan.agency.level == "district":
        day = max(starts)
        if day >= cutoff:
            yield error(
                "district-abolished", ("agency", "level"), what=plan.agency.name, day=f"{day:%d/%m/%Y}"
            )


CHECKS: tuple[Check, ...] = (
    check_unique_ids,
    check_schedules,
    check_class_fields,
    check_periods_fit_days,
    check_class_sizes,
    check_title_year,
    check_districts_abolished,
    # what the document will say: starter placeholders left, an agency name to spell
    check_placeholders,
    check_agency_short_name,
    check_stale_bases,  # bases.py: a 2026+ plan citing the bases of the 2021–2025 programmes
)


def run_checks(plan: Plan, profile: Profile) -> tuple[Finding, ...]:
    return tuple(f for check in CHECKS for f in check(plan, profile))
