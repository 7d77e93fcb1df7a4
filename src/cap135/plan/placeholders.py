"""Placeholders of the starter plan (`cap135 init`) still left in a plan.

`cap135 init` writes a plan with gaps to fill: "[TÊN TỈNH]", "[Họ và tên]", "[Địa danh]",
"Quyết định số …/QĐ-UBND ngày …/…/…". Rendered as they are, they would reach the
signed document. Each one left gives a warning naming it, at the line of its field.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from pydantic import BaseModel

from cap135.findings import Finding, Path, warning
from cap135.plan.model import Plan
from cap135.plan.profile import Profile

# "[TÊN TỈNH]", "[Họ và tên]": a short text in square brackets;
# "số …/QĐ-UBND", "ngày …/…/…", "ngày …": a number or a date left as dots.
PLACEHOLDER = re.compile(r'\[[^\[\]\n"{}]{1,60}\]|\b(?:[Ss]ố|[Nn]gày)\s+(?:…|\.{3})(?:[^\s,;"]*)')


def find_placeholders(text: str) -> list[str]:
    return [m.group(0) for m in PLACEHOLDER.finditer(text)]


def _texts(value: Any, path: Path) -> Iterator[tuple[Path, str]]:
    """Every text of the plan with its path in the file (YAML keys, aliases included)."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, BaseModel):
        for name, info in type(value).model_fields.items():
            yield from _texts(getattr(value, name), (*path, info.alias or name))
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _texts(item, (*path, index))


def check_placeholders(plan: Plan, profile: Profile) -> Iterable[Finding]:
    # One search over the plan as JSON first (fast): almost every plan has none, and a text
    # that holds a placeholder holds it verbatim in the JSON (placeholders have no quotes).
    if not PLACEHOLDER.search(plan.model_dump_json()):
        return
    for path, text in _texts(plan, ()):
        for found in find_placeholders(text):
            yield warning("placeholder-left", path, text=found)
