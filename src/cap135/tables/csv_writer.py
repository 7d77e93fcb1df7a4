"""Any sheet as CSV: the table's columns and rows, headers in the language of the run.

UTF-8 with a BOM (Excel then reads Vietnamese), CRLF line ends, numbers as plain integers
(whole đồng), blank rows left out, a heading row holding only its first cell.
"""

from __future__ import annotations

import csv
import io

from cap135.messages import Lang
from cap135.tables.records import Sheet
from cap135.text import clean


def render(sheet: Sheet) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([clean(c.header) for c in sheet.columns])
    for row, cells in zip(sheet.rows, sheet.cells(), strict=True):
        if row.kind == "blank":
            continue
        writer.writerow(["" if v is None else clean(v) if isinstance(v, str) else v for v in cells])
    return buffer.getvalue()


def write(record: object, lang: Lang) -> bytes:
    from cap135.tables.sheets import sheet

    return render(sheet(record, lang)).encode("utf-8-sig")
