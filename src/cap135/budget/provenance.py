"""Where a rate was read: the address or document, and the sentence that holds the amount.

A rate or profile value marked `verified: true` carries a `source`: `where` (the address or
the document it was read in) and `quote` (the sentence read). The quote must hold the amount
as a text writes it — 2.000.000, 2 triệu, 300 nghìn, 1,6 triệu … — so that a reader can find
the figure in the sentence; `amount_in_quote` decides that.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True, slots=True)
class Provenance:
    """The address or document a value was read in, and the sentence read there."""

    where: str
    quote: str


_UNITS = ((1_000_000_000, ("tỷ", "tỉ")), (1_000_000, ("triệu",)), (1_000, ("nghìn", "ngàn")))


def _grouped(amount: int, separator: str) -> str:
    return f"{amount:,}".replace(",", separator)


def _decimal(amount: int, unit: int) -> str | None:
    """`amount` in `unit`s with a Vietnamese decimal comma (1.600.000 → '1,6'), if exact."""
    whole, rest = divmod(amount, unit)
    if rest == 0:
        return str(whole)
    digits = str(rest).rjust(len(str(unit)) - 1, "0").rstrip("0")
    if len(digits) > 3:
        return None
    return f"{whole},{digits}"


@lru_cache(maxsize=512)
def written_forms(amount: int) -> tuple[str, ...]:
    """The ways a Vietnamese text writes `amount`: 2.000.000, 2000000, 2 triệu, 1,6 triệu, 300 nghìn…"""
    forms = {str(amount), _grouped(amount, "."), _grouped(amount, ","), _grouped(amount, " ")}
    for unit, words in _UNITS:
        if amount >= unit:
            number = _decimal(amount, unit)
            if number is not None:
                forms.update(f"{number} {word}" for word in words)
    return tuple(sorted(forms, key=lambda form: (-len(form), form)))


@lru_cache(maxsize=512)
def _written(amount: int) -> re.Pattern[str]:
    """One pattern for every written form of `amount` (compiled once: every table load checks
    the quotes of its verified entries)."""
    forms = "|".join(re.escape(form) for form in written_forms(amount))
    return re.compile(rf"(?<![\d.,])(?<!\d )(?:{forms})(?![\d]|[.,]\d)", re.IGNORECASE)


def amount_in_quote(amount: int, quote: str) -> bool:
    """True when `quote` writes `amount` in one of its written forms, as a whole number.

    "200.000" is not found inside "1.200.000", nor "4" inside "40" or "4,5".
    """
    return _written(amount).search(quote.replace("\u00a0", " ")) is not None
