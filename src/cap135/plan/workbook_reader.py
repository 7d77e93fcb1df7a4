"""A plan workbook (.xlsx) → the plain data the YAML loader gives for a plan, with Sheet!Cell places.

The sheets are those of plan/workbook_layout.py. A group is a row of Nhóm; its listed classes,
lessons, quantity overrides and extra lines are rows of other sheets naming it by its id (a tour
by its id, or tour-N), gathered here under the group as the YAML file nests them. A row naming a
group that does not exist, or a group given both a class count and listed classes, is a finding
at its cell.
"""

from __future__ import annotations

import difflib
from typing import Any

from cap135.findings import Cell
from cap135.plan.workbook_cells import WorkbookCells, read_workbook
from cap135.plan.workbook_layout import PLAN_SHEETS
from cap135.plan.workbook_rows import read_form, register, rows_of
from cap135.plan.yaml_loader import DataPath, Loaded, Place, visible

__all__ = ["plan_data", "read_plan_workbook"]


def _suggest(word: str, choices: list[str]) -> dict[str, str]:
    match = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return {"suggestion": match[0]} if match else {}


class _Owners:
    """The groups and tours rows of other sheets refer to, by id."""

    def __init__(self, reader: WorkbookCells) -> None:
        self.reader = reader
        self.items: dict[str, tuple[DataPath, dict[str, Any]]] = {}

    def add(self, ident: Any, path: DataPath, data: dict[str, Any], cell: Cell) -> None:
        if not isinstance(ident, str):
            return
        first = self.items.get(ident)
        if first is not None:
            self.reader.error("duplicate-id", cell, id=visible(ident), other=str(self._cell(first[0])))
            return
        self.items[ident] = (path, data)

    def _cell(self, path: DataPath) -> Place | str:
        return self.reader.values.get(path, "?")

    def find(self, ident: Any, cell: Cell, what: str) -> tuple[DataPath, dict[str, Any]] | None:
        found = self.items.get(ident) if isinstance(ident, str) else None
        if found is None:
            shown = visible(ident) if isinstance(ident, str) else ""
            self.reader.error(f"workbook-unknown-{what}", cell, id=shown, **_suggest(shown, list(self.items)))
        return found


def plan_data(reader: WorkbookCells) -> dict[str, Any] | None:
    general, texts, groups_sheet, classes, lessons, tours_sheet, overrides, extra = PLAN_SHEETS
    form = read_form(reader, general)
    text_rows = rows_of(reader, texts)
    group_rows = rows_of(reader, groups_sheet)
    class_rows = rows_of(reader, classes)
    lesson_rows = rows_of(reader, lessons)
    tour_rows = rows_of(reader, tours_sheet)
    override_rows = rows_of(reader, overrides)
    extra_rows = rows_of(reader, extra)
    data: dict[str, Any] = dict(form.data) if form else {}
    if form:
        register(reader.values, (), form)
        del reader.values[()]
    for item in text_rows:
        part = item.data.get("part")
        if part is None:
            reader.error("workbook-empty-cell", item.places[("part",)], header=texts.columns[0].header)
            continue
        paragraphs = data.setdefault(str(part), [])
        index = len(paragraphs)
        paragraphs.append(item.data.get("text"))
        reader.values[(str(part), index)] = item.places[("text",)]
        reader.values.setdefault((str(part),), item.places[("text",)])
    owners = _Owners(reader)
    groups: list[dict[str, Any]] = []
    for item in group_rows:
        path: DataPath = ("groups", len(groups))
        register(reader.values, path, item)
        groups.append(item.data)
        owners.add(item.data.get("id"), path, item.data, item.places[("id",)])
    data["groups"] = groups
    tours: list[dict[str, Any]] = []
    for item in tour_rows:
        path = ("tours", len(tours))
        register(reader.values, path, item)
        tours.append(item.data)
        owners.add(item.data.get("id") or f"tour-{len(tours)}", path, item.data, item.places[("id",)])
    if tours or tour_rows:
        data["tours"] = tours
    groups_only = _Owners(reader)
    groups_only.items = {k: v for k, v in owners.items.items() if v[0][0] == "groups"}
    for rows, key, owner_key, what in (
        (class_rows, "classes", "group", "group"),
        (lesson_rows, "lessons", "group", "group"),
    ):
        for item in rows:
            found = groups_only.find(item.data.pop(owner_key, None), item.places[(owner_key,)], what)
            if found is None:
                continue
            owner_path, owner = found
            del item.places[(owner_key,)]
            listed = owner.get(key)
            if key == "classes" and listed is not None and not isinstance(listed, list):
                reader.error("workbook-classes-both", item.row, id=visible(str(owner.get("id"))))
                continue
            listed = owner.setdefault(key, [])
            register(reader.values, (*owner_path, key, len(listed)), item)
            reader.values.setdefault((*owner_path, key), item.row)
            listed.append(item.data)
    for item in override_rows:
        found = owners.find(item.data.get("entity"), item.places[("entity",)], "entity")
        if found is None:
            continue
        owner_path, owner = found
        table = owner.setdefault("overrides", {})
        code = item.data.get("item")
        if not isinstance(code, str):
            reader.error("workbook-empty-cell", item.places[("item",)], header=overrides.columns[1].header)
            continue
        if code in table:
            reader.error("workbook-duplicate-key", item.places[("item",)], key=visible(code))
            continue
        table[code] = item.data.get("quantity")
        reader.values[(*owner_path, "overrides", code)] = item.places[("quantity",)]
        reader.values.setdefault((*owner_path, "overrides"), item.row)
    for item in extra_rows:
        found = owners.find(item.data.pop("entity", None), item.places[("entity",)], "entity")
        if found is None:
            continue
        owner_path, owner = found
        del item.places[("entity",)]
        lines = owner.setdefault("extra_lines", [])
        register(reader.values, (*owner_path, "extra_lines", len(lines)), item)
        lines.append(item.data)
    every_row = (*text_rows, *group_rows, *class_rows, *lesson_rows, *tour_rows, *override_rows, *extra_rows)
    if form is None or any(item.refused for item in every_row):
        return None
    return data


def read_plan_workbook(raw: bytes, name: str) -> Loaded:
    """Read a plan workbook. Raises WorkbookUnreadable for a file that is not an .xlsx workbook."""
    return read_workbook(raw, name, plan_data)
