"""Findings as people and machines read them: `file:line:col: error[code]: message`, or
`file:Sheet!Cell: error[code]: message` for a workbook."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cap135.findings import Cell, Finding
from cap135.messages import Lang, hint, message
from cap135.plan.yaml_loader import Source


@dataclass(frozen=True, slots=True)
class Located:
    file: str
    line: int | None
    column: int | None
    finding: Finding
    cell: Cell | None = None  # in a workbook: the cell, instead of a line and a column


def locate(finding: Finding, source: Source) -> Located:
    if finding.line is not None:
        return Located(source.name, finding.line, finding.column, finding)
    if finding.cell is not None:
        return Located(source.name, None, None, finding, finding.cell)
    path = finding.path
    if finding.code == "missing-key" and path is not None:
        # the place of the missing key itself where the file has one (an empty cell of its
        # column); a YAML file has none, and its parent is found as before
        path = (*path, str(finding.args.get("key", "")))
    position = source.locate(path, key=finding.key)
    if isinstance(position, Cell):
        return Located(source.name, None, None, finding, position)
    line, column = position if position else (None, None)
    return Located(source.name, line, column, finding)


def sort_key(item: Located) -> tuple[int, int, int, int]:
    severity = 0 if item.finding.is_error else 1
    if item.cell is not None:
        return (item.cell.order + 1, item.cell.row, item.cell.column, severity)
    return (0, item.line or 0, item.column or 0, severity)


def format_text(item: Located, lang: Lang) -> str:
    f = item.finding
    where = item.file
    if item.cell is not None:
        where += f":{item.cell}"
    elif item.line is not None:
        where += f":{item.line}:{item.column or 1}"
    text = f"{where}: {f.severity}[{f.code}]: {message(f.code, lang, f.args)}"
    help_text = hint(f.code, lang, f.args)
    if help_text:
        text += f"\n    {message('hint', lang)}: {help_text}"
    return text


def as_json(item: Located, lang: Lang) -> dict[str, Any]:
    f = item.finding
    place: dict[str, Any] = {}
    if item.cell is not None:  # a workbook: the sheet and the cell (D7) besides no line
        place = {"sheet": item.cell.sheet, "cell": item.cell.ref}
    return {
        "file": item.file,
        **place,
        "line": item.line,
        "column": item.column,
        "severity": f.severity,
        "code": f.code,
        "message": message(f.code, lang, f.args),
        "hint": hint(f.code, lang, f.args),
        "path": list(f.path),
    }
