"""Any sheet as an .xlsx workbook a finance office prints and keeps working in.

Written with XlsxWriter, which stores each formula's computed value next to the formula:
pandas, previewers and phone viewers that never recalculate see the figures. A sheet
with `formulas` gets live ones: amount = quantity × rate (÷ 100 for a percentage line),
each section = SUBTOTAL of its lines, the total = SUBTOTAL of everything (SUBTOTAL leaves
the section rows out), the headroom = ceiling − total.

Printing: A4 landscape, one page wide, the header rows repeated on every page, Times New
Roman, borders; below the table the notes (in words, the ceiling, the headroom), as under
the document's appendix. Text from a plan is always written as text (a leading "=" stays
text) without control characters. Same sheet, same bytes: the document dates are fixed
and XlsxWriter gives zip entries a fixed time.
"""

from __future__ import annotations

import io
from datetime import datetime
from typing import Any

from cap135.messages import Lang
from cap135.tables.records import Column, Row, Sheet, Value
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
    wb.set_properties({"created": CREATED, "author": "cap135", "title": clean(sheet.title)[:255]})
    formats: dict[tuple[Any, ...], Any] = {}

    def fmt(
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
    ) -> Any:
        key = (bold, numeric, signed, percent, border, wrap, italic, header, size)
        if key not in formats:
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
            formats[key] = wb.add_format(props)
        return formats[key]

    ws = wb.add_worksheet(sheet.name[:31])
    columns = sheet.columns
    last = len(columns) - 1
    row = 0
    ws.write_string(row, 0, clean(sheet.title), fmt(bold=True, border=False, size=SIZE + 1))
    for line in sheet.subtitle:
        row += 1
        ws.write_string(row, 0, clean(line), fmt(border=False))
    row += 2
    header_row = row
    for index, column in enumerate(columns):
        ws.write_string(row, index, clean(column.header), fmt(bold=True, header=True))
        ws.set_column(index, index, column.width)

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

    # the notes under the table
    label_col = max(
        (i for i, c in enumerate(columns) if not c.numeric), key=lambda i: columns[i].width, default=0
    )
    value_col = amount if amount > label_col else last
    row = max(last_row, header_row) + 1
    for note in sheet.notes:
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
        ws.write_string(row, label_col, clean(note.label), label_fmt)
        value_fmt = fmt(border=False, bold=True, numeric=True)
        refs[note.key] = f"{_col(value_col)}{row + 1}"
        if sheet.formulas and note.difference and all(k in refs for k in note.difference):
            a, b = note.difference
            ws.write_formula(row, value_col, f"={refs[a]}-{refs[b]}", value_fmt, note.value)
        else:
            ws.write_number(row, value_col, note.value, value_fmt)
        if note.unit and value_col < last:
            ws.write_string(row, value_col + 1, clean(note.unit), fmt(border=False))

    ws.set_landscape()
    ws.set_paper(A4)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(header_row)
    ws.set_margins(left=0.5, right=0.4, top=0.6, bottom=0.6)
    ws.set_footer("&C&P/&N")  # page / pages
    ws.print_area(0, 0, row, last)
    wb.close()
    return raw.getvalue()


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
