"""One home per output format: table, JSON, CSV and xlsx writers over records built once.

    records.py  Sheet, Column, Row, Note: what every format lays out
    sheets.py   the records of cost, summary, diff, rates and their sheets (`sheet(record, lang)`)
    table.py    terminal text · csvout.py CSV · xlsx.py workbook · jsonout.py JSON (`as_dict()`)

Each format module has `write(record, lang) -> bytes`; `write(fmt, record, lang)` below picks
one, and the commands only choose the format. To add a format, add a module with that
`write` and one entry in WRITERS. To add a record kind, give it `as_dict()` (JSON) and
register its sheet builder with `@sheets.sheet.register`.
"""

from __future__ import annotations

from types import MappingProxyType, ModuleType

from ..messages import Lang
from . import csvout, jsonout, table, xlsx
from .jsonout import AsDict
from .sheets import CostRecord, RatesRecord

__all__ = ["WRITERS", "CostRecord", "RatesRecord", "write"]

# format name → the module that writes it (each has `write(record, lang) -> bytes`)
WRITERS: MappingProxyType[str, ModuleType] = MappingProxyType(
    {"table": table, "json": jsonout, "csv": csvout, "xlsx": xlsx}
)


def write(fmt: str, record: AsDict, lang: Lang) -> bytes:
    """The record in one format, as the bytes to print or to save (CSV carries a BOM)."""
    data: bytes = WRITERS[fmt].write(record, lang)
    return data
