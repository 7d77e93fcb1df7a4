"""Findings: problems found in a plan, as values (collected, never raised one by one)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

Severity = Literal["error", "warning"]
Path = tuple[str | int, ...]

_PLAIN_SHEET = re.compile(r"[^\W\d]\w*")  # a sheet name Excel writes without quotes


@dataclass(frozen=True, slots=True, order=True)
class Cell:
    """A place in a workbook, where a YAML file has a line and a column: printed `Sheet!D7`
    (`'Nhóm - Lớp'!D7` when the name needs quotes, as Excel writes it).

    `order` is the sheet's place in the workbook, so that findings sort sheet by sheet, then by
    row and column; `row` and `column` are 1-based.
    """

    order: int
    row: int
    column: int
    sheet: str

    @property
    def ref(self) -> str:
        """The cell alone: `D7`."""
        letters, index = "", self.column
        while index:
            index, rest = divmod(index - 1, 26)
            letters = chr(65 + rest) + letters
        return f"{letters}{self.row}"

    def __str__(self) -> str:
        sheet = (
            self.sheet if _PLAIN_SHEET.fullmatch(self.sheet) else "'" + self.sheet.replace("'", "''") + "'"
        )
        return f"{sheet}!{self.ref}"


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem. `code` names the message in the catalogue; `args` fill it in.

    `path` is the location inside the plan data (e.g. ("groups", 0, "days")); the
    CLI turns it into file:line:col (or Sheet!Cell for a workbook) through the reader's
    position map. Loader findings know their line and column directly, a workbook reader's
    findings their `cell`.
    """

    severity: Severity
    code: str
    args: Mapping[str, Any] = field(default_factory=dict)
    path: Path = ()
    line: int | None = None
    column: int | None = None
    key: bool = False  # point at the key of `path` rather than its value
    cell: Cell | None = None  # a workbook reader's finding: its place, known directly

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


def error(code: str, path: Path = (), **args: Any) -> Finding:
    return Finding("error", code, args, path)


def warning(code: str, path: Path = (), **args: Any) -> Finding:
    return Finding("warning", code, args, path)


def has_errors(findings: tuple[Finding, ...] | list[Finding]) -> bool:
    return any(f.is_error for f in findings)
