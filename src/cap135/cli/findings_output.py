"""Findings as people and machines read them: `file:line:col: error[code]: message`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cap135.findings import Finding
from cap135.messages import Lang, hint, message
from cap135.plan.yaml_loader import Source


@dataclass(frozen=True, slots=True)
class Located:
    file: str
    line: int | None
    column: int | None
    finding: Finding


def locate(finding: Finding, source: Source) -> Located:
    if finding.line is not None:
        return Located(source.name, finding.line, finding.column, finding)
    position = source.locate(finding.path, key=finding.key)
    line, column = position if position else (None, None)
    return Located(source.name, line, column, finding)


def sort_key(item: Located) -> tuple[int, int, int]:
    return (item.line or 0, item.column or 0, 0 if item.finding.is_error else 1)


def format_text(item: Located, lang: Lang) -> str:
    f = item.finding
    where = item.file
    if item.line is not None:
        where += f":{item.line}:{item.column or 1}"
    text = f"{where}: {f.severity}[{f.code}]: {message(f.code, lang, f.args)}"
    help_text = hint(f.code, lang, f.args)
    if help_text:
        text += f"\n    {message('hint', lang)}: {help_text}"
    return text


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
        "path": list(f.path),
    }
