"""How a reader sees a plan's groups and tours: by their names, never by their ids.

The ids (`cong-dong`, `tour-1`) are the file's keys; every output a reader looks at (the
BÁO CÁO, the report table, its CSV and workbook) names a group as a table cell names it
("Nhóm cộng đồng" for "Đối với nhóm cộng đồng") and a tour by its name.
"""

from __future__ import annotations

from datetime import date

from cap135.plan.model import Plan


def strip_end(text: str) -> str:
    return text.rstrip().rstrip(";.:,").rstrip()


def group_label(name: str) -> str:
    """'Đối với nhóm cộng đồng' → 'Nhóm cộng đồng' (a table cell, not a heading)."""
    text = strip_end(name)
    if text.lower().startswith("đối với "):
        text = text[len("đối với ") :]
    return text[:1].upper() + text[1:]


def entity_names(plan: Plan) -> dict[str, str]:
    """Group and tour ids → the names a reader sees."""
    names = {g.id: group_label(g.name) for g in plan.groups}
    names.update({plan.tour_id(i): strip_end(t.name) for i, t in enumerate(plan.tours)})
    return names


def day_vi(day: date) -> str:
    """15/12/2027: a day as a Vietnamese reader writes it."""
    return f"{day:%d/%m/%Y}"


def days_vi(first: date, last: date) -> str:
    """'12/08/2020', or '12/08/2020 - 13/08/2020' for a class of several days."""
    return day_vi(first) if first == last else f"{day_vi(first)} - {day_vi(last)}"
