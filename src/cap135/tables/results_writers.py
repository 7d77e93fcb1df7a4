"""The records of `cap135 report` and of the results roll-up as CSV and as a workbook."""

from __future__ import annotations

from collections.abc import Sequence

from cap135.tables import csv_writer
from cap135.tables.records import Sheet
from cap135.tables.results_records import Records
from cap135.tables.sheets import records_sheet
from cap135.tables.xlsx_writer import render_book


def records_csv(records: Records) -> str:
    """UTF-8 CSV as the table reads (the caller adds the BOM for Excel): headers in the
    language of the run, the overall row, then each breakdown under its heading row, groups
    and tours by name."""
    return csv_writer.render(records_sheet(records))


def records_xlsx(records: Records, more: Sequence[Sheet] = ()) -> bytes:
    """The records' sheet (title, header, the overall row, then each breakdown under its
    heading), then `more` sheets (a report's classes held), written by
    cap135.tables.xlsx_writer, the one workbook writer."""
    return render_book((records_sheet(records), *more))  # the records' texts are in their language
