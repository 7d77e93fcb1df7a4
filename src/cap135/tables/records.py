"""The records every output format writes: a sheet of columns, rows and notes.

`cost`, `summary` and `diff` (and later `report`) each build one `Sheet` per run; the
table, CSV and xlsx writers lay out any sheet, so each format is written once. A sheet
holds figures, not formatting: money and counts are int (whole đồng), text is text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

# line: an ordinary row. section: a section row (its amount is the sum of the lines under
# it, up to the next section). total: the grand total (the sum of the sections).
# heading: a title over the rows that follow (only its first cell). blank: a spacer.
RowKind = Literal["line", "section", "total", "heading", "blank"]
Value = str | int | float | None  # a float is a ratio, shown as a percentage

# What a numeric column holds, so that a workbook can write live formulas:
# amount = quantity × rate (÷ 100 for a percentage line), section = SUM of its lines,
# total = the sum of the sections.
Role = Literal["quantity", "rate", "amount"]


@dataclass(frozen=True)
class Column:
    header: str
    numeric: bool = False
    width: int = 12  # in a workbook, in characters
    role: Role | None = None
    signed: bool = False  # a difference: shown with + or −
    percent: bool = False  # ratios (floats), shown as percentages
    min_width: int = 4  # in a terminal, the narrowest a text column gets


@dataclass(frozen=True)
class Row:
    kind: RowKind
    cells: tuple[Value, ...]
    percent: bool = False  # amount = round(quantity × rate / 100)


@dataclass(frozen=True)
class Note:
    """A line under the table: "label: value unit", or only the label when value is None.

    `difference` = (a, b) says value = value of note a − value of note b, where "total"
    names the total row; a workbook writes it as a formula.
    """

    key: str
    label: str
    value: Value = None
    unit: str = ""
    difference: tuple[str, str] | None = None
    review: bool = False  # for the officer checking the figures (the terminal), not for the paper


@dataclass(frozen=True)
class Letterhead:
    """The heading block of an administrative paper (Nghị định 30/2020/NĐ-CP): the parent body
    and the issuing body on the left, the Quốc hiệu and Tiêu ngữ on the right, then the paper's
    name and what it is about. A workbook writes it above the table instead of the title."""

    parent: str
    agency: str
    name: str  # "DỰ TOÁN KINH PHÍ"
    about: tuple[str, ...]  # centred lines under the name: the plan's title, the rate table…
    unit: str  # "Đơn vị tính: đồng", right-aligned above the table


@dataclass(frozen=True)
class Signature:
    """Who signs the paper, under it: the place and date, then one column per signer with its
    title, how it signs and the name (blank for a name written by hand)."""

    place_date: str
    signers: tuple[tuple[str, str, str], ...]  # (title, "(Ký, ghi rõ họ tên)", name)


@dataclass(frozen=True)
class Sheet:
    name: str  # the workbook tab (≤ 31 characters)
    title: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    subtitle: tuple[str, ...] = ()
    notes: tuple[Note, ...] = field(default=())
    formulas: bool = False  # a workbook computes amounts, sections and the total with formulas
    letterhead: Letterhead | None = None  # a workbook filed as a paper: its heading block
    signature: Signature | None = None  # and its signature block

    def cells(self) -> list[tuple[Value, ...]]:
        """Every row padded to the number of columns."""
        width = len(self.columns)
        return [row.cells + (None,) * (width - len(row.cells)) for row in self.rows]
