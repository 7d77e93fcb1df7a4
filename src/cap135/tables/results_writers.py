"""The records of `cap135 report` and of the results roll-up as CSV and as a workbook."""

from __future__ import annotations

import csv
import io
from typing import Any

from cap135.tables.results_records import Records
from cap135.tables.sheets import sheet
from cap135.tables.xlsx_writer import render


def _cell(value: Any) -> Any:
    return "" if value is None else value


def records_csv(records: Records) -> str:
    """UTF-8 CSV, one row per record (the caller adds the BOM for Excel)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    keys = [key for key, _ in records.columns]
    writer.writerow(["dimension", "key", "label", *keys])
    for row in records.rows:
        writer.writerow([row.dimension, row.key, row.label, *(_cell(row.values[k]) for k in keys)])
    return buffer.getvalue()


def records_xlsx(records: Records) -> bytes:
    """One sheet: title, header, the overall row, then each breakdown under its heading
    (written by cap135.tables.xlsx_writer, the one workbook writer)."""
    return render(sheet(records, "vi"))  # the records' texts are already in their language
