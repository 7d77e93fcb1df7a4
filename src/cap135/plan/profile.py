"""The parameters of the semantic checks that a rate table can set (its profile)."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_PERIODS_PER_DAY = 8


@dataclass(frozen=True, slots=True)
class Profile:
    """Parameters from the rate table that the checks use."""

    periods_per_day: int = DEFAULT_PERIODS_PER_DAY
    # No national text limits a class's size (real classes hold 140 to 250 learners);
    # a province table may set one.
    max_class_size: int | None = None
