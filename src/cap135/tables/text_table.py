"""Any sheet as a terminal table: plain text laid out once, in time linear in the cells.

Column widths are computed once from the cells (rich's table layout measured and wrapped
every cell, a minute for an 8,000-group plan). Numbers are right-aligned and never split
across lines; text columns share what the terminal width leaves and wrap at spaces.
Section, total, heading and header rows are bold when the output is a colour terminal.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from cap135.messages import Lang
from cap135.money import format_vnd
from cap135.tables.records import Note, Sheet, Value
from cap135.text import clean

GAP = "  "
NARROWEST = 4  # a text column in a terminal too narrow for anything more
MAX_TEXT = 60  # the widest a text column gets, however wide the terminal
FAIR_TEXT = 24  # a text column this wide reads well enough to give number headers one line
BOLD_KINDS = frozenset({"section", "total", "heading"})

# Characters that do not take exactly one cell: combining marks, zero-width, East Asian
# wide or full-width, emoji. Vietnamese in NFC has none, so most text is measured by len().
_NOT_ONE_CELL = re.compile(
    "[\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u0610-\u061a\u064b-\u065f\u0e31-\u0e3a\u1100-\u115f"
    "\u200b-\u200f\u20d0-\u20ff\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe00-\ufe0f\ufe20-\ufe6f"
    "\uff00-\uff60\uffe0-\uffe6\U0001f000-\U0010ffff]"
)


def cell_width(text: str) -> int:
    """Terminal cells the text takes."""
    if text.isascii() or not _NOT_ONE_CELL.search(text):
        return len(text)
    return sum(_char_width(c) for c in text)


def _char_width(c: str) -> int:
    if unicodedata.combining(c) or unicodedata.category(c) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(c) in ("W", "F") else 1


def show(value: Value, signed: bool = False) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float):
        return percent(value)
    if isinstance(value, int):
        if signed:
            return ("+" if value > 0 else "−" if value < 0 else "") + format_vnd(abs(value))
        return format_vnd(value)
    return clean(value)


def percent(value: float, digits: int = 1) -> str:
    """0.8391 → '83,9%' (a Vietnamese decimal comma), rounded half-up."""
    from decimal import ROUND_HALF_UP, Decimal

    scaled = (Decimal(repr(value)) * 100).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    return f"{scaled}".replace(".", ",") + "%"


def wrap(text: str, width: int) -> list[str]:
    """Greedy word wrap to `width` cells; a word longer than a line is cut; indentation kept."""
    if cell_width(text) <= width:
        return [text]
    body = text.lstrip(" ")
    indent = " " * min(len(text) - len(body), max(width - 1, 0))
    room = max(width - len(indent), 1)
    lines: list[str] = []
    current = ""
    used = 0  # the cells of `current` (widths add up: a space is one cell)
    for word in body.split():
        size = cell_width(word)
        while size > room:
            if current:
                lines.append(current)
                current, used = "", 0
            head, word = _cut(word, room)
            lines.append(head)
            size = cell_width(word)
        if not current:
            current, used = word, size
        elif used + 1 + size <= room:
            current, used = f"{current} {word}", used + 1 + size
        else:
            lines.append(current)
            current, used = word, size
    if current or not lines:
        lines.append(current)
    return [indent + line for line in lines]


def _cut(word: str, room: int) -> tuple[str, str]:
    """The head of `word` that fits in `room` cells, and the rest; at least one character goes
    to the head (a wide character in a one-cell column), so wrapping always advances."""
    used = 0
    for i, c in enumerate(word):
        used += _char_width(c)
        if used > room:
            i = max(i, 1)
            return word[:i], word[i:]
    return word, ""


def _pad(text: str, width: int, right: bool) -> str:
    space = " " * max(width - cell_width(text), 0)
    return space + text if right else text + space


def _text_widths(natural: list[int], minimum: list[int], available: int) -> list[int]:
    """The largest cap c with sum(min(natural, max(c, minimum))) ≤ available (water-filling)."""
    if sum(natural) <= available:
        return natural
    lo, hi = 0, max(natural)
    while lo < hi:
        c = (lo + hi + 1) // 2
        if sum(min(n, max(c, m)) for n, m in zip(natural, minimum, strict=True)) <= available:
            lo = c
        else:
            hi = c - 1
    return [min(n, max(lo, m)) for n, m in zip(natural, minimum, strict=True)]


def render(sheet: Sheet, width: int, bold: Callable[[str], str] = str) -> str:
    """The sheet as lines of text at most `width` cells wide (unless the numbers alone are wider)."""
    out: list[str] = []
    if sheet.rows:
        out.extend(bold(line) for line in wrap(clean(sheet.title), width))
        for line in sheet.subtitle:
            out.extend(wrap(clean(line), width))
        out.extend(_table(sheet, width, bold))
    for note in sheet.notes:
        text = _note(note)
        if text.startswith("- "):  # a list item: continuation lines hang under its text
            lines = wrap("  " + text[2:], width)
            out.extend(["- " + lines[0][2:], *lines[1:]])
        else:
            out.append(text)  # a sentence or a list of files: the terminal wraps it
    return "".join(line.rstrip() + "\n" for line in out)


def _table(sheet: Sheet, width: int, bold: Callable[[str], str]) -> list[str]:
    columns = sheet.columns
    cleaned: dict[str, str] = {}  # a plan repeats its texts: each is cleaned once

    def shown_cell(value: Value, signed: bool) -> str:
        if not isinstance(value, str):
            return show(value, signed)
        text = cleaned.get(value)
        if text is None:
            text = cleaned[value] = clean(value)
        return text

    shown = [
        [shown_cell(value, column.signed) for value, column in zip(cells, columns, strict=True)]
        for cells in sheet.cells()
    ]
    kinds = [row.kind for row in sheet.rows]
    count = len(columns)
    natural = []  # the widest cell, and the longest word of the header
    widest = []  # the widest cell (a number column never gets narrower than this)
    for index, column in enumerate(columns):
        longest_word = max((cell_width(w) for w in column.header.split()), default=0)
        cells = (
            cell_width(row[index])
            for row, kind in zip(shown, kinds, strict=True)
            if kind != "heading" and row[index]
        )
        widest.append(max(max(cells, default=0), 1))
        natural.append(max(longest_word, widest[-1]))
    text_columns = [i for i, c in enumerate(columns) if not c.numeric]
    number_columns = [i for i, c in enumerate(columns) if c.numeric]
    minimum = [min(natural[i], columns[i].min_width, MAX_TEXT) for i in text_columns]
    # headers of numbers on one line when the text columns still get a fair width
    whole = [max(widest[i], cell_width(columns[i].header)) for i in number_columns]
    fair = sum(min(natural[i], FAIR_TEXT) for i in text_columns)
    if sum(whole) + fair + len(GAP) * (count - 1) <= width:
        for i, w in zip(number_columns, whole, strict=True):
            natural[i] = w
    numbers = sum(natural[i] for i in number_columns)

    def too_wide(gap: str) -> bool:
        return numbers + sum(minimum) + len(gap) * (count - 1) > width

    # Narrower and narrower terminals: one space between columns instead of two; text
    # columns below their preferred minimum; header words cut. Numbers never give way.
    gap = " " if too_wide(GAP) else GAP
    if too_wide(gap):
        minimum = [min(natural[i], NARROWEST) for i in text_columns]
    if too_wide(gap):
        # what is left beyond the narrowest text and the numbers goes to the headers first
        left = width - sum(minimum) - len(gap) * (count - 1) - sum(widest[i] for i in number_columns)
        for i in number_columns:
            grow = max(min(natural[i] - widest[i], left), 0)
            natural[i] = widest[i] + grow
            left -= grow
        numbers = sum(natural[i] for i in number_columns)
    texts = _text_widths(
        [min(natural[i], MAX_TEXT) for i in text_columns],
        minimum,
        max(width - numbers - len(gap) * (count - 1), 0),
    )
    widths = list(natural)
    for i, w in zip(text_columns, texts, strict=True):
        widths[i] = w
    # room left over: headers on one line where it fits
    spare = width - sum(widths) - len(gap) * (count - 1)
    for i, column in enumerate(columns):
        grow = cell_width(column.header) - widths[i]
        if 0 < grow <= spare:
            widths[i] += grow
            spare -= grow

    blank = [" " * w for w in widths]
    numeric = [c.numeric for c in columns]
    # A plan repeats its texts (an item's name and legal basis in every class): each text of a
    # column is wrapped and padded once.
    laid: list[dict[str, list[str]]] = [{} for _ in columns]

    def cell_lines(i: int, cell: str, header: bool) -> list[str]:
        if numeric[i] and not header:
            return [_pad(cell, widths[i], True)]  # numbers are never split
        lines = laid[i].get(cell)
        if lines is None:
            lines = [_pad(line, widths[i], numeric[i]) for line in wrap(cell, widths[i])]
            laid[i][cell] = lines
        return lines

    def lay(cells: list[str], header: bool = False) -> list[str]:
        parts = [cell_lines(i, cell, header) for i, cell in enumerate(cells)]
        height = max(len(p) for p in parts)
        if height == 1:
            return [gap.join(p[0] for p in parts).rstrip()]
        full = [p if len(p) == height else p + [blank[i]] * (height - len(p)) for i, p in enumerate(parts)]
        return [gap.join(line).rstrip() for line in zip(*full, strict=True)]

    out = [bold(line) for line in lay([c.header for c in columns], header=True)]
    out.append(gap.join("─" * w for w in widths))
    for texts_of_row, kind in zip(shown, kinds, strict=True):
        if kind == "blank":
            out.append("")
        elif kind == "heading":
            out.extend(bold(line) for line in wrap(texts_of_row[0], width))
        elif kind in BOLD_KINDS:
            out.extend(bold(line) for line in lay(texts_of_row))
        else:
            out.extend(lay(texts_of_row))
    return out


def _note(note: Note) -> str:
    if note.value is None:
        return clean(note.label)
    value = show(note.value)
    return f"{clean(note.label)}: {value} {note.unit}".rstrip()


def for_terminal(sheet: Sheet) -> str:
    """The sheet as the terminal shows it (width and bold from the terminal)."""
    from rich.color import ColorSystem
    from rich.console import Console
    from rich.style import Style

    console = Console(highlight=False)
    style = Style(bold=True)
    colour = console.color_system is not None  # a terminal, and NO_COLOR not set

    def bold(text: str) -> str:
        return style.render(text, color_system=ColorSystem.STANDARD) if colour and text else text

    return render(sheet, console.width, bold)


def write(record: object, lang: Lang) -> bytes:
    """The record's sheet as the terminal shows it (width and bold from the terminal)."""
    from cap135.tables.sheets import sheet

    return for_terminal(sheet(record, lang)).encode("utf-8")
