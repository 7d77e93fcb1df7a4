"""The values of a rate table once loaded: dated versions of each rate and profile value, the
lookup of the one in force on a day, and how a table's versions lie over those it extends.

A key's versions in a table apply on their dates; on the days none of them covers, the versions
of the tables it extends apply (cut to those days). A provincial table therefore writes only what
its own resolution sets, from the day it takes effect: before, and for every key it leaves out,
the national amounts stand.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal, TypeVar, get_args

from cap135.budget.provenance import Provenance

Unit = Literal["session", "trainee", "person_day", "person_night", "class", "class_day", "day", "percent"]
UNITS: tuple[str, ...] = get_args(Unit)


@dataclass(frozen=True, slots=True)
class Rate:
    """One version of a rate: the amount in force from ``valid_from`` to ``valid_to``."""

    key: str
    amount: int
    unit: str
    basis: str
    valid_from: date
    valid_to: date | None
    cap: bool
    verified: bool
    note: str | None
    table: str  # id of the table that defined it
    source: Provenance | None = None  # where the amount was read (every verified rate has one)
    provisional: bool = False  # a stand-in the province's own table must set

    def valid_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


@dataclass(frozen=True, slots=True)
class ProfileValue:
    """One version of a profile parameter (periods per session, …) used by plan checks."""

    name: str
    value: int
    basis: str
    valid_from: date
    valid_to: date | None
    verified: bool
    table: str
    note: str | None = None
    source: Provenance | None = None
    provisional: bool = False

    def valid_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


_V = TypeVar("_V", Rate, ProfileValue)


def span_text(valid_from: date, valid_to: date | None) -> str:
    end = "" if valid_to is None else f"{valid_to:%d/%m/%Y}"
    return f"{valid_from:%d/%m/%Y}–{end}"


def over(parent: Iterable[_V], own: tuple[_V, ...]) -> tuple[_V, ...]:
    """`own` versions (sorted by date, not overlapping) with the parts of the `parent` versions
    that fall on days none of them covers, all sorted by date."""
    pieces: list[_V] = list(own)
    for version in parent:
        start: date | None = version.valid_from
        end = version.valid_to
        for mine in own:
            if start is None or (end is not None and mine.valid_from > end):
                break
            if mine.valid_to is not None and mine.valid_to < start:
                continue
            if start < mine.valid_from:  # the days before `mine` starts
                pieces.append(dataclasses.replace(version, valid_from=start, valid_to=_eve(mine.valid_from)))
            start = None if mine.valid_to is None else mine.valid_to + timedelta(days=1)
            if start is not None and end is not None and start > end:
                start = None
        if start is not None:
            pieces.append(dataclasses.replace(version, valid_from=start, valid_to=end))
    return tuple(sorted(pieces, key=lambda v: v.valid_from))


def _eve(day: date) -> date:
    return day - timedelta(days=1)


class RateLookupError(Exception):
    """A key is not in the table (``missing``) or none of its versions covers the day."""

    def __init__(
        self,
        key: str,
        day: date | None,
        reason: Literal["missing", "not_valid"],
        versions: tuple[Rate, ...] | tuple[ProfileValue, ...] = (),
        table: str | None = None,
    ) -> None:
        self.key = key
        self.day = day
        self.reason = reason
        self.versions = versions
        self.table = table
        where = f" in rate table '{table}'" if table else ""
        if reason == "missing":
            message = f"no rate '{key}'{where}"
        else:
            spans = ", ".join(span_text(v.valid_from, v.valid_to) for v in versions) or "none"
            on = f" on {day:%d/%m/%Y}" if day is not None else ""
            message = f"rate '{key}'{where} has no version in force{on} (versions: {spans})"
        super().__init__(message)


@dataclass(frozen=True)
class RateTable:
    """A merged rate table: its own rates over those of the tables it extends."""

    id: str
    title: str
    chain: tuple[str, ...]  # ids from the root table to this one
    source: str = ""  # the file it was loaded from
    rates_by_key: Mapping[str, tuple[Rate, ...]] = field(default_factory=dict, repr=False, compare=False)
    profile_by_name: Mapping[str, tuple[ProfileValue, ...]] = field(
        default_factory=dict, repr=False, compare=False
    )

    def lookup(self, key: str, day: date) -> Rate:
        return self._in_force(self.rates_by_key.get(key, ()), key, day)

    def versions(self, key: str) -> tuple[Rate, ...]:
        return self.rates_by_key.get(key, ())

    def profile(self, name: str, day: date) -> ProfileValue:
        return self._in_force(self.profile_by_name.get(name, ()), name, day)

    def _in_force(self, versions: tuple[_V, ...], name: str, day: date) -> _V:
        """The version of a rate or profile value in force on `day`."""
        if not versions:
            raise RateLookupError(name, day, "missing", (), self.id)
        for version in versions:
            if version.valid_on(day):
                return version
        raise RateLookupError(name, day, "not_valid", versions, self.id)

    def keys(self) -> tuple[str, ...]:
        return tuple(sorted(self.rates_by_key))

    def profile_names(self) -> tuple[str, ...]:
        return tuple(sorted(self.profile_by_name))

    def all_rates(self) -> tuple[Rate, ...]:
        return tuple(rate for key in self.keys() for rate in self.rates_by_key[key])

    def in_year(self, key: str, year: int) -> tuple[Rate, ...]:
        """The versions of `key` in force on some day of `year`, in date order."""
        first, last = date(year, 1, 1), date(year, 12, 31)
        return tuple(
            v
            for v in self.versions(key)
            if v.valid_from <= last and (v.valid_to is None or v.valid_to >= first)
        )
