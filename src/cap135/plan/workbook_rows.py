"""The rows of a workbook's sheets → the items of the plain data, each value with its cell.

A table sheet gives one item per row (rows_of), a form sheet one item of its labelled rows
(read_form); `register` puts an item's places into the map a finding is located by (the
`Source.values` of the YAML loader, with cells for lines). The plan's and the results file's
builders (plan/workbook_reader.py, results/workbook_reader.py) assemble the items.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cap135.findings import Cell
from cap135.plan.workbook_cells import RawCell, Row, WorkbookCells
from cap135.plan.workbook_layout import FORM_HEADERS, Column, Sheet, normal
from cap135.plan.yaml_loader import DataPath, Place

__all__ = ["Item", "item_of", "put", "read_form", "register", "rows_of"]


@dataclass
class Item:
    """A row's item being built: its data and where it sits."""

    data: dict[str, Any]
    row: Cell
    places: dict[tuple[str, ...], Cell] = field(default_factory=dict)
    # A cell of the row was refused (a finding was made) and left out of `data`. The row still
    # counts, so that rows referring to it (a group's classes and lessons) find it.
    refused: bool = False


def put(target: dict[str, Any], key: tuple[str, ...], value: Any) -> None:
    for part in key[:-1]:
        target = target.setdefault(part, {})
    target[key[-1]] = value


def item_of(reader: WorkbookCells, row: Cell, cells: Row) -> Item:
    """The item of a row, `refused` when one of its cells is (a finding was made)."""
    item = Item({}, row)
    good = True
    for column, raw in cells.items():
        good = _take(reader, item, column, raw) and good
    item.refused = not good
    return item


def _take(reader: WorkbookCells, item: Item, column: Column, raw: RawCell | Cell) -> bool:
    """Put one cell's value (an empty cell: only its place) into the item; False once refused."""
    if isinstance(raw, Cell):
        item.places[column.key] = raw
        return True
    item.places[column.key] = raw.cell
    ok, value = reader.value(column, raw)
    if ok:
        put(item.data, column.key, value)
    return ok


def register(values: dict[DataPath, Place], base: DataPath, item: Item) -> None:
    """The places of an item's values, of its sub-mappings (their first cell) and of itself."""
    values[base] = item.row
    for key, place in item.places.items():
        values[(*base, *key)] = place
        for depth in range(1, len(key)):
            values.setdefault((*base, *key[:depth]), place)


def read_form(reader: WorkbookCells, sheet: Sheet) -> Item | None:
    """A form sheet ("Thông tin chung"): one row per field, its label then its value."""
    rows = reader.table(sheet)
    if rows is None:
        return None
    by_label = {c.normal: c for c in sheet.columns}
    label_column, value_column = (Column((h,), h) for h in FORM_HEADERS[:2])
    order = reader.sheets[normal(sheet.name)][0]
    item = Item({}, Cell(order, 1, 1, sheet.name))
    seen: dict[Column, Cell] = {}
    good = True
    for _row, cells in rows:
        label_raw, value_raw = cells[label_column], cells[value_column]
        if not isinstance(label_raw, RawCell) or not isinstance(label_raw.value, str):
            continue  # a note row of the officer's own
        column = by_label.get(normal(label_raw.value))
        if column is None:
            continue
        if column in seen:
            reader.error(
                "workbook-duplicate-row", label_raw.cell, label=column.header, first=str(seen[column])
            )
            good = False
            continue
        seen[column] = label_raw.cell
        good = _take(reader, item, column, value_raw) and good
    for column in sheet.columns:
        if column not in seen and column.required:
            place = Cell(order, 1, 1, sheet.name)
            reader.error("workbook-missing-row", place, label=column.header, sheet=sheet.name)
            good = False
    return item if good else None


def rows_of(reader: WorkbookCells, sheet: Sheet) -> list[Item]:
    rows = reader.table(sheet)
    return [] if rows is None else [item_of(reader, row, cells) for row, cells in rows]
