"""A results workbook (.xlsx) → the plain data the YAML loader gives for a results file, with
Sheet!Cell places; and the reader of a workbook of either kind.

The sheets are those of results/workbook_layout.py. A row of "Lớp đã tổ chức" or "Đoàn tham
quan" with only its id is a class (a tour) not held yet and is skipped; a held class with only its
first day is held on that day, as `held: 2021-06-14` in YAML.
"""

from __future__ import annotations

from typing import Any

from cap135.findings import Cell
from cap135.plan.workbook_cells import WorkbookCells, read_workbook
from cap135.plan.workbook_layout import normal
from cap135.plan.workbook_reader import plan_data
from cap135.plan.workbook_rows import Item, item_of, read_form, register, rows_of
from cap135.plan.yaml_loader import DataPath, Loaded, visible
from cap135.results.workbook_layout import RESULTS_SHEETS

__all__ = ["is_results_workbook", "read_any_workbook", "results_data"]


def results_data(reader: WorkbookCells) -> dict[str, Any] | None:
    general, classes, tours, spent_sheet, assessment_sheet = RESULTS_SHEETS
    form = read_form(reader, general)
    sheets = []
    for sheet in (classes, tours):
        rows = reader.table(sheet)
        items: list[Item] = []
        for row, cells in rows or ():
            owner = sheet.columns[0]
            others = [raw for column, raw in cells.items() if column is not owner]
            if all(isinstance(raw, Cell) for raw in others):
                continue  # only the id: a class (a tour) not held yet
            items.append(item_of(reader, row, cells))
        sheets.append(items)
    spent_rows = rows_of(reader, spent_sheet)
    assessment_rows = rows_of(reader, assessment_sheet)
    data: dict[str, Any] = {"plan": None}
    if form:
        data.update(form.data)
        register(reader.values, (), form)
        del reader.values[()]
    for key, items in (("classes", sheets[0]), ("tours", sheets[1])):
        listed: list[dict[str, Any]] = []
        for item in items:
            held = item.data.get("held")
            if isinstance(held, dict) and set(held) == {"from"}:
                item.data["held"] = held["from"]  # one day
                item.places[("held",)] = item.places[("held", "from")]
            path: DataPath = (key, len(listed))
            register(reader.values, path, item)
            listed.append(item.data)
        if listed:
            data[key] = listed
    spent: dict[str, Any] = {}
    for item in spent_rows:
        ident = item.data.get("id")
        if not isinstance(ident, str):
            reader.error("workbook-empty-cell", item.places[("id",)], header=spent_sheet.columns[0].header)
            continue
        if "amount" not in item.data:
            continue  # an id without an amount: nothing disbursed yet
        if ident in spent:
            reader.error("workbook-duplicate-key", item.places[("id",)], key=visible(ident))
            continue
        spent[ident] = item.data["amount"]
        reader.values[("spent", ident)] = item.places[("amount",)]
        reader.values.setdefault(("spent",), item.row)
    if spent:
        data["spent"] = spent
    assessment = _assessment(reader, assessment_rows)
    if assessment:
        data["assessment"] = assessment
    refused = (*sheets[0], *sheets[1], *spent_rows, *assessment_rows)
    if form is None or any(item.refused for item in refused):
        return None
    return data


def _assessment(reader: WorkbookCells, rows: list[Item]) -> dict[str, list[Any]]:
    """The 'Đánh giá' rows as `assessment: {achievements: [...], …}`, each paragraph at its cell."""
    sheet = RESULTS_SHEETS[-1]
    out: dict[str, list[Any]] = {}
    for item in rows:
        section = item.data.get("section")
        if section is None:
            reader.error("workbook-empty-cell", item.places[("section",)], header=sheet.columns[0].header)
            continue
        if "text" not in item.data:
            continue  # a section without a paragraph yet
        paragraphs = out.setdefault(str(section), [])
        path: DataPath = ("assessment", str(section), len(paragraphs))
        paragraphs.append(item.data["text"])
        reader.values[path] = item.places[("text",)]
        reader.values.setdefault(path[:2], item.places[("text",)])
        reader.values.setdefault(path[:1], item.row)
    return out


def is_results_workbook(reader: WorkbookCells) -> bool:
    """A results workbook has one of the results sheets (classes held, tours held, spending)."""
    return any(normal(sheet.name) in reader.sheets for sheet in RESULTS_SHEETS[1:])


def _either(reader: WorkbookCells) -> dict[str, Any] | None:
    return results_data(reader) if is_results_workbook(reader) else plan_data(reader)


def read_any_workbook(raw: bytes, name: str) -> Loaded:
    """Read a plan or a results workbook, by its sheets. Raises WorkbookUnreadable for a file
    that is not an .xlsx workbook."""
    return read_workbook(raw, name, _either)
