"""Any sheet as an .xlsx workbook a finance office prints and keeps working in.

Written with XlsxWriter, which stores each formula's computed value next to the formula:
pandas, previewers and phone viewers that never recalculate see the figures. A sheet
with `formulas` gets live ones: amount = quantity × rate (÷ 100 for a percentage line),
each section = SUBTOTAL of its lines, the total = SUBTOTAL of everything (SUBTOTAL leaves
the section rows out), the headroom = ceiling − total.

Printing: A4 landscape, one page wide, the header rows repeated on every page, Times New
Roman, borders; below the table the notes (in words, the ceiling, the headroom), as under
the document's appendix. A sheet filed as a paper (the dự toán) carries the heading block of
an administrative paper above the table and the signature block under the notes; review
notes (what the estimate assumed) are for the terminal and never written. A workbook may
hold several sheets (a report and its list of classes held). Text from a plan is always
written as text (a leading "=" stays text) without control characters. Same sheet, same
bytes: the document dates are fixed and XlsxWriter gives zip entries a fixed time.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from cap135.messages import Lang
from cap135.tables.records import Column, Letterhead, Row, Sheet, Signature, Value
from cap135.text import clean

FONT = "Times New Roman"
SIZE = 12
CREATED = datetime(2000, 1, 1)  # fixed, so that the same plan gives the same bytes
A4 = 9
LINE_HEIGHT = 16  # points, a line of 12 pt Times New Roman
MONEY = "#,##0"
PERCENT = "0.0%"
SIGNED = "+#,##0;-#,##0;0"


def _col(index: int) -> str:
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def render(sheet: Sheet) -> bytes:
    """One sheet as a workbook."""
    return render_book((sheet,))


def render_book(sheets: Sequence[Sheet]) -> bytes:
    """Sheets as the tabs of one workbook, in their order (the first names the file's title)."""
    import xlsxwriter  # type: ignore[import-untyped]  # XlsxWriter ships no type hints

    raw = io.BytesIO()
    wb = xlsxwriter.Workbook(
        raw,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
        },
    )
    wb.set_properties({"created": CREATED, "author": "cap135", "title": clean(sheets[0].title)[:255]})
    formats = _Formats(wb)
    for sheet in sheets:
        _write_sheet(wb.add_worksheet(sheet.name[:31]), sheet, formats)
    wb.close()
    return raw.getvalue()


class _Formats:
    """The cell formats of a workbook, each made once."""

    def __init__(self, wb: Any) -> None:
        self.wb = wb
        self.made: dict[tuple[Any, ...], Any] = {}

    def __call__(
        self,
        *,
        bold: bool = False,
        numeric: bool = False,
        signed: bool = False,
        percent: bool = False,
        border: bool = True,
        wrap: bool = False,
        italic: bool = False,
        header: bool = False,
        size: int = SIZE,
        align: str = "",
    ) -> Any:
        key = (bold, numeric, signed, percent, border, wrap, italic, header, size, align)
        if key not in self.made:
            props: dict[str, Any] = {"font_name": FONT, "font_size": size, "valign": "top"}
            if bold:
                props["bold"] = True
            if italic:
                props["italic"] = True
            if border:
                props["border"] = 1
            if numeric:
                props["num_format"] = PERCENT if percent else SIGNED if signed else MONEY
            if wrap:
                props["text_wrap"] = True
            if header:
                props.update({"align": "center", "valign": "vcenter", "text_wrap": True})
            if align:
                props["align"] = align
            self.made[key] = self.wb.add_format(props)
        return self.made[key]


def _merged(ws: Any, row: int, first: int, last: int, text: str, cell_fmt: Any) -> None:
    if last > first:
        ws.merge_range(row, first, row, last, "", cell_fmt)
    ws.write_string(row, first, clean(text), cell_fmt)


def _letterhead(ws: Any, head: Letterhead, last: int, fmt: _Formats) -> int:
    """The heading block (Nghị định 30/2020/NĐ-CP): bodies left, Quốc hiệu right, then the
    paper's name and subject centred, the unit on the right. Returns the row after it."""
    split = max(last // 2, 1)  # left half: the bodies; right half: the Quốc hiệu
    centre = fmt(border=False, align="center")
    bold = fmt(border=False, bold=True, align="center")
    _merged(ws, 0, 0, split - 1, head.parent.upper(), centre)
    _merged(ws, 1, 0, split - 1, head.agency.upper(), bold)
    _merged(ws, 0, split, last, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold)
    _merged(ws, 1, split, last, "Độc lập - Tự do - Hạnh phúc", bold)
    row = 3
    _merged(ws, row, 0, last, head.name, fmt(border=False, bold=True, align="center", size=SIZE + 2))
    for line in head.about:
        row += 1
        _merged(ws, row, 0, last, line, fmt(border=False, bold=True, align="center", wrap=True))
    row += 1
    _merged(ws, row, 0, last, head.unit, fmt(border=False, italic=True, align="right"))
    return row + 1


def _signature(ws: Any, sign: Signature, row: int, last: int, fmt: _Formats) -> int:
    """The place and date over the last column group, then one column group per signer: its
    title, how it signs, room to sign, the name. Returns the last row written."""
    n = max(len(sign.signers), 1)
    bounds = [((last + 1) * i // n, (last + 1) * (i + 1) // n - 1) for i in range(n)]
    row += 2
    first, end = bounds[-1]
    _merged(ws, row, first, end, sign.place_date, fmt(border=False, italic=True, align="center"))
    row += 1
    for (first, end), (title, how, name) in zip(bounds, sign.signers, strict=True):
        _merged(ws, row, first, end, title, fmt(border=False, bold=True, align="center"))
        _merged(ws, row + 1, first, end, how, fmt(border=False, italic=True, align="center"))
        if name:
            _merged(ws, row + 6, first, end, name, fmt(border=False, bold=True, align="center"))
    return row + 6


def _write_sheet(ws: Any, sheet: Sheet, fmt: _Formats) -> None:
    columns = sheet.columns
    last = len(columns) - 1
    for index, column in enumerate(columns):
        ws.set_column(index, index, column.width)
    if sheet.letterhead is not None:
        row = _letterhead(ws, sheet.letterhead, last, fmt)
    else:
        row = 0
        ws.write_string(row, 0, clean(sheet.title), fmt(bold=True, border=False, size=SIZE + 1))
        for line in sheet.subtitle:
            row += 1
            ws.write_string(row, 0, clean(line), fmt(border=False))
        row += 2
    header_row = row
    for index, column in enumerate(columns):
        ws.write_string(row, index, clean(column.header), fmt(bold=True, header=True))

    role = {c.role: i for i, c in enumerate(columns) if c.role is not None}
    live = sheet.formulas and {"quantity", "rate", "amount"} <= role.keys()
    amount = role.get("amount", -1)
    refs: dict[str, str] = {}
    body = list(zip(sheet.rows, sheet.cells(), strict=True))
    first_body = header_row + 1
    for number, (record, cells) in enumerate(body):
        row = first_body + number
        bold = record.kind in ("section", "total", "heading")
        if record.kind == "heading":
            ws.merge_range(row, 0, row, last, "", fmt(bold=True))
            _value(ws, row, 0, cells[0], columns[0], fmt(bold=True))
            continue
        for index, (value, column) in enumerate(zip(cells, columns, strict=True)):
            cell_fmt = fmt(
                bold=bold,
                numeric=column.numeric,
                signed=column.signed,
                percent=column.percent,
                wrap=not column.numeric,
            )
            if live and index == amount and isinstance(value, int):
                formula = _formula(record, row, body, number, first_body, role)
                if formula is not None:
                    ws.write_formula(row, index, formula, cell_fmt, value)
                    continue
            _value(ws, row, index, value, column, cell_fmt)
        if record.kind == "total" and amount >= 0:
            refs["total"] = f"{_col(amount)}{row + 1}"
        # a wrapped text needs its lines: spreadsheets do not all grow a row on opening
        lines = max(
            (_lines(v, c.width) for v, c in zip(cells, columns, strict=True) if isinstance(v, str)),
            default=1,
        )
        if lines > 1:
            ws.set_row(row, LINE_HEIGHT * lines)
    last_row = first_body + len(body) - 1
    ws.freeze_panes(first_body, 0)

    # the notes under the table (review notes are for the terminal, never on the paper)
    label_col = max(
        (i for i, c in enumerate(columns) if not c.numeric), key=lambda i: columns[i].width, default=0
    )
    value_col = amount if amount > label_col else last
    row = max(last_row, header_row) + 1
    for note in sheet.notes:
        if note.review:
            continue
        row += 1
        if note.value is None or isinstance(note.value, str):
            text = note.label if note.value is None else f"{note.label}: {note.value}"
            note_fmt = fmt(border=False, wrap=True, italic=note.key == "words")
            if last > label_col:
                ws.merge_range(row, label_col, row, last, "", note_fmt)
                # a spreadsheet does not grow a merged row to its text: give it the lines it needs
                lines = _lines(text, sum(c.width for c in columns[label_col:]))
                if lines > 1:
                    ws.set_row(row, LINE_HEIGHT * lines)
            ws.write_string(row, label_col, clean(text), note_fmt)
            continue
        label_fmt = fmt(border=False, bold=True)
        if value_col - 1 > label_col:
            ws.merge_range(row, label_col, row, value_col - 1, "", label_fmt)
        unit_after = note.unit and value_col < last
        label = note.label if unit_after or not note.unit else f"{note.label} ({note.unit})"
        ws.write_string(row, label_col, clean(label), label_fmt)
        value_fmt = fmt(border=False, bold=True, numeric=True)
        refs[note.key] = f"{_col(value_col)}{row + 1}"
        if sheet.formulas and note.difference and all(k in refs for k in note.difference):
            a, b = note.difference
            ws.write_formula(row, value_col, f"={refs[a]}-{refs[b]}", value_fmt, note.value)
        else:
            ws.write_number(row, value_col, note.value, value_fmt)
        if unit_after:
            ws.write_string(row, value_col + 1, clean(note.unit), fmt(border=False))
    if sheet.signature is not None:
        row = _signature(ws, sheet.signature, row, last, fmt)

    ws.set_landscape()
    ws.set_paper(A4)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(header_row)
    ws.set_margins(left=0.5, right=0.4, top=0.6, bottom=0.6)
    ws.set_footer("&C&P/&N")  # page / pages
    ws.print_area(0, 0, row, last)


def _lines(text: str, width: int) -> int:
    """The lines a text takes in a wrapped cell `width` units wide: an estimate, from 12 pt
    Times New Roman fitting about 1.25 characters per unit of column width (the width of a
    digit of the default font) once wrapping at spaces is allowed for."""
    return max(-(-len(text) * 4 // (5 * max(width, 1))), 1)


def _value(ws: Any, row: int, col: int, value: Value, column: Column, cell_fmt: Any) -> None:
    if value is None or value == "":
        ws.write_blank(row, col, None, cell_fmt)
    elif isinstance(value, int | float):
        ws.write_number(row, col, value, cell_fmt)
    else:
        ws.write_string(row, col, clean(value), cell_fmt)


def _formula(
    record: Row,
    row: int,
    body: list[tuple[Row, tuple[Value, ...]]],
    number: int,
    first_body: int,
    role: dict[Any, int],
) -> str | None:
    """The live formula of a line, section or total amount (row numbers are 0-based here)."""
    q, r, a = (_col(role[k]) for k in ("quantity", "rate", "amount"))
    if record.kind == "line":
        product = f"{q}{row + 1}*{r}{row + 1}"
        return f"=ROUND({product}/100,0)" if record.percent else f"={product}"
    if record.kind == "section":
        end = number + 1
        while end < len(body) and body[end][0].kind == "line":
            end += 1
        if end == number + 1:
            return None
        return f"=SUBTOTAL(9,{a}{row + 2}:{a}{first_body + end})"
    if record.kind == "total":
        if number == 0:
            return None
        return f"=SUBTOTAL(9,{a}{first_body + 1}:{a}{row})"
    return None


def write(record: object, lang: Lang) -> bytes:
    from cap135.tables.sheets import sheet

    return render(sheet(record, lang))
