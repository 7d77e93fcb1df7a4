"""Findings as people and machines read them: `file:line:col: error[code]: message`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cap135.findings import Finding, finding_text
from cap135.messages import Lang, hint, message
from cap135.plan.yaml_loader import Source


@dataclass(frozen=True, slots=True)
class Located:
    file: str
    line: int | None
    column: int | None
    finding: Finding


def locate(finding: Finding, source: Source) -> Located:
    if finding.file is not None:  # in another file (the plan's rate table): placed there already
        return Located(finding.file, finding.line, finding.column, finding)
    if finding.line is not None:
        return Located(source.name, finding.line, finding.column, finding)
    position = source.locate(finding.path, key=finding.key)
    line, column = position if position else (None, None)
    return Located(source.name, line, column, finding)


def sort_key(item: Located) -> tuple[int, int, int, int]:
    """The file's own findings by position; those of another file (its rate table) after them,
    in the order they were found there."""
    if item.finding.file is not None:
        return (1, 0, 0, 0)
    return (0, item.line or 0, item.column or 0, 0 if item.finding.is_error else 1)


def format_text(item: Located, lang: Lang, hints_shown: set[str] | None = None) -> str:
    """The finding as one line (and its hint and right form); pass one set for a whole listing
    so that the same hint is given once."""
    return finding_text(item.finding, item.file, item.line, item.column, lang, hints_shown)


def as_json(item: Located, lang: Lang) -> dict[str, Any]:
    f = item.finding
    return {
        "file": item.file,
        "line": item.line,
        "column": item.column,
        "severity": f.severity,
        "code": f.code,
        "message": message(f.code, lang, f.args),
        "hint": hint(f.code, lang, f.args),
        "example": f.example,
        "path": list(f.path),
    }
