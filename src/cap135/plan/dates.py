"""Why a date that looks like one is not: `2027-06-31` (month 6 has 30 days), `2027-13-01`.

Used by the loader (an unquoted YAML date) and by the structure check (a quoted month or
day in a schedule), so that both say the same thing.
"""

from __future__ import annotations

import calendar
import re
from typing import Any

_LOOKS_LIKE_DATE = re.compile(r"^\s*([0-9]{4})-([0-9]{1,2})(?:-([0-9]{1,2}))?\s*$")


def impossible_date(text: str) -> tuple[str, dict[str, Any]] | None:
    """(catalogue code, arguments) when `text` is YYYY-MM(-DD) with a month or day that does
    not exist; None when it is a real date or not shaped like one."""
    m = _LOOKS_LIKE_DATE.match(text)
    if m is None:
        return None
    year, month = int(m[1]), int(m[2])
    if not 1 <= month <= 12:
        return "date-no-such-month", {"got": text.strip(), "month": month}
    if m[3] is None:
        return None
    day, days = int(m[3]), calendar.monthrange(year, month)[1]
    if 1 <= day <= days:
        return None
    return "date-no-such-day", {
        "got": text.strip(),
        "day": day,
        "month": month,
        "year": year,
        "days": days,
    }
