"""Findings: problems found in a plan, as values (collected, never raised one by one)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from cap135.messages import Lang, hint, message

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
    file: str | None = None  # another file than the one checked (a plan's rate table), line and column set
    example: str | None = None  # the right form of what is at fault, as the file would write it

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


def error(code: str, path: Path = (), **args: Any) -> Finding:
    return Finding("error", code, args, path)


def warning(code: str, path: Path = (), **args: Any) -> Finding:
    return Finding("warning", code, args, path)


def has_errors(findings: tuple[Finding, ...] | list[Finding]) -> bool:
    return any(f.is_error for f in findings)


def place(file: str, line: int | None, column: int | None) -> str:
    """`file:line:col`, or the file alone when the line is not known."""
    return file if line is None else f"{file}:{line}:{column or 1}"


def finding_text(finding: Finding, where: str, lang: Lang, hints_shown: set[str] | None = None) -> str:
    """`where: severity[code]: message`, then its hint and the right form, each on its own
    indented line: how a finding reads, in a plan, a workbook or a rate table. A hint already in
    `hints_shown` (the same advice given above in one listing) is not repeated."""
    text = f"{where}: {finding.severity}[{finding.code}]: {message(finding.code, lang, finding.args)}"
    help_text = hint(finding.code, lang, finding.args)
    if help_text and (hints_shown is None or help_text not in hints_shown):
        text += f"\n    {message('hint', lang)}: {help_text}"
        if hints_shown is not None:
            hints_shown.add(help_text)
    if finding.example:
        shown = finding.example.replace("\n", "\n      ")
        text += f"\n    {message('example', lang)}: {shown}"
    return text
