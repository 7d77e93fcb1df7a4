"""One home per output format: table, JSON, CSV and xlsx writers over records built once.

    records.py  Sheet, Column, Row, Note: what every format lays out
    sheets.py   the records of cost, summary, diff, rates and their sheets (`sheet(record, lang)`)
    text_table.py terminal text · csv_writer.py CSV · xlsx_writer.py workbook
    json_writer.py JSON (`as_dict()`)

Each format module has `write(record, lang) -> bytes`; `write(fmt, record, lang)` below picks
one, and the commands only choose the format. To add a format, add a module with that
`write` and one entry in WRITERS. To add a record kind, give it `as_dict()` (JSON) and
register its sheet builder with `@sheets.sheet.register`.
"""

from __future__ import annotations

from types import MappingProxyType, ModuleType

from cap135.messages import Lang
from cap135.tables import csv_writer, json_writer, text_table, xlsx_writer
from cap135.tables.json_writer import AsDict
from cap135.tables.sheets import CostRecord, RatesRecord

__all__ = ["WRITERS", "CostRecord", "RatesRecord", "write"]

# format name → the module that writes it (each has `write(record, lang) -> bytes`)
WRITERS: MappingProxyType[str, ModuleType] = MappingProxyType(
    {"table": text_table, "json": json_writer, "csv": csv_writer, "xlsx": xlsx_writer}
)


def write(fmt: str, record: AsDict, lang: Lang) -> bytes:
    """The record in one format, as the bytes to print or to save (CSV carries a BOM)."""
    data: bytes = WRITERS[fmt].write(record, lang)
    return data
