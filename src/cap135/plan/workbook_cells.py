"""The cells of an .xlsx workbook (a plan's or a results file's), read by column kind.

The reader is openpyxl in read-only mode (streamed rows, nothing of the file kept but the values).
python-calamine reads values faster, but it cannot tell a formula cell from a value, nor a formula
without a stored value from an empty cell, nor a month (`05/2020`, a date cell shown without its
day) from the first day of that month, since it does not give number formats; openpyxl gives all
three. A workbook is read once; a second pass (values stored by Excel or LibreOffice in place of
the formulas) is made only when a mapped cell holds a formula.

`read_workbook` gives `yaml_loader.Loaded`: the data a builder makes of the cells (the same keys,
values and types as the YAML form: plan/workbook_reader.py for a plan, results/workbook_reader.py
for a results file), its `Source` whose positions are `findings.Cell`s, and the reader's own
findings (each at its cell). Text in a number cell, a fraction or a negative count, a month that
is not a month are passed on as they are, so that the structure checks word them exactly as for a
YAML file; what only a workbook can get wrong (a word not in a dropdown, a missing column or
sheet, a row naming a group that does not exist, a formula without a value) is the reader's own
finding, and stops the checks as a YAML syntax error does. A file that is not an .xlsx workbook
raises `WorkbookUnreadable` (exit 2) naming what it is.
"""

from __future__ import annotations

import io
import warnings
import zipfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from cap135.findings import Cell, Finding
from cap135.messages import Lang, message
from cap135.plan.workbook_bytes import OLE_MAGIC as _OLE
from cap135.plan.workbook_bytes import ZIP_MAGIC as _ZIP
from cap135.plan.workbook_layout import DAY_TEXT, FORM_HEADERS, MONTH_TEXT, Column, Sheet, normal
from cap135.plan.yaml_loader import DataPath, Loaded, Place, Source, UnreadableFile, nfc, visible

__all__ = [
    "Build",
    "RawCell",
    "Row",
    "WorkbookCells",
    "WorkbookUnreadable",
    "read_workbook",
]

MAX_ROWS = 200_000  # rows read per sheet: a province's five years of listed classes stays far below
# Cells read in all (each costs its value and its place, as a YAML node does: yaml_loader.MAX_NODES);
# a 2,000-group plan has about 110,000 mapped cells.
MAX_CELLS = 1_000_000
MAX_UNCOMPRESSED = 512 * 1024 * 1024  # the parts of the zip, unpacked (a zip bomb stops here)
HEADER_ROWS = 10  # the header row is looked for in the first rows of a sheet

_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
# What openpyxl raises for a damaged part (a missing relation, bad XML, a cut stream).
_DAMAGED = (KeyError, ValueError, TypeError, IndexError, EOFError, OSError, zipfile.BadZipFile)
_ERRORS = frozenset({"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA"})


class WorkbookUnreadable(UnreadableFile):
    """A file that cannot be read as an .xlsx workbook: what it is, and what cap135 expects."""

    def __init__(self, path: str, code: str, **arguments: Any) -> None:
        super().__init__(path, message(code, "en", arguments))
        self.workbook_code = code
        self.workbook_arguments = arguments

    def describe(self) -> tuple[str, Mapping[str, Any]]:
        return self.workbook_code, self.workbook_arguments

    def text(self, lang: Lang) -> str:
        return message(self.workbook_code, lang, self.workbook_arguments)


def check_container(raw: bytes, name: str) -> None:
    """Refuse, with what the file is, anything but an unencrypted, whole .xlsx."""
    if raw.startswith(_OLE):
        if _ENCRYPTED in raw:
            raise WorkbookUnreadable(name, "workbook-encrypted")
        raise WorkbookUnreadable(name, "workbook-xls")
    if not raw.startswith(_ZIP):
        raise WorkbookUnreadable(name, "workbook-not-zip")
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and b"opendocument" in archive.read("mimetype")[:100]:
                raise WorkbookUnreadable(name, "workbook-ods")
            if "xl/workbook.xml" not in names and "xl/workbook.bin" not in names:
                kind = "docx" if "word/document.xml" in names else "zip"
                raise WorkbookUnreadable(name, f"workbook-not-xlsx-{kind}")
            if "xl/workbook.bin" in names:
                raise WorkbookUnreadable(name, "workbook-xlsb")
            if sum(info.file_size for info in archive.infolist()) > MAX_UNCOMPRESSED:
                raise WorkbookUnreadable(name, "workbook-too-large", limit_mib=MAX_UNCOMPRESSED // 2**20)
            if archive.testzip() is not None:
                raise WorkbookUnreadable(name, "workbook-damaged")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError, NotImplementedError):
        raise WorkbookUnreadable(name, "workbook-damaged") from None


# --- cells ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RawCell:
    """One non-empty cell: its value as openpyxl gives it, its number format and its place."""

    value: Any
    number_format: str
    cell: Cell
    formula: bool = False
    error: bool = False  # an error value (#REF!, #DIV/0!, #N/A, …)


def _has_day(number_format: str) -> bool:
    """A date format that shows the day (dd/mm/yyyy), not only the month (mm/yyyy)."""
    shown, quoted, bracket = [], False, 0
    for ch in number_format.lower():
        if ch == '"':
            quoted = not quoted
        elif ch == "[":
            bracket += 1
        elif ch == "]":
            bracket = max(0, bracket - 1)
        elif not quoted and not bracket:
            shown.append(ch)
    return "d" in "".join(shown).replace("\\d", "")


def _text(value: str) -> str:
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    return nfc(text)


def _number(value: float) -> int | float:
    return int(value) if value == int(value) and abs(value) < 2**63 else value


def _iso_day(value: datetime | date) -> date:
    return value.date() if isinstance(value, datetime) else value


# A row of a table sheet: each mapped column's cell, or its place when it is empty.
Row = dict[Column, "RawCell | Cell"]


class WorkbookCells:
    """The cells of one workbook, sheet by sheet, turned into values by column kind."""

    def __init__(self, raw: bytes, name: str) -> None:
        from openpyxl import load_workbook

        self.raw = raw
        self.name = name
        self.findings: list[Finding] = []
        self.values: dict[DataPath, Place] = {}
        self.formulas: dict[tuple[str, int, int], Any] = {}  # stored values of formula cells
        self.cells = 0  # mapped cells read (MAX_CELLS)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns of features it drops (none we read)
            try:
                self.book = load_workbook(io.BytesIO(raw), read_only=True, data_only=False, keep_links=False)
            except (*_DAMAGED, SyntaxError):  # xml's ParseError is a SyntaxError
                raise WorkbookUnreadable(name, "workbook-damaged") from None
        self.sheets = {normal(title): (order, title) for order, title in enumerate(self.book.sheetnames)}

    def close(self) -> None:
        self.book.close()

    def error(self, code: str, cell: Cell | None, **args: Any) -> None:
        self.findings.append(Finding("error", code, args, (), cell=cell))

    # --- a sheet as a table -----------------------------------------------------------------

    def table(self, sheet: Sheet) -> Iterator[tuple[Cell, Row]] | None:
        """The rows of a table sheet below its header, each as column → cell (an empty mapped
        cell as its place); None when the sheet is missing (a finding if it is required)."""
        found = self.sheets.get(normal(sheet.name))
        if found is None:
            if sheet.required:
                self.error("workbook-missing-sheet", None, sheet=sheet.name)
            return None
        order, title = found
        worksheet = self.book[title]
        worksheet.reset_dimensions()  # a wrong <dimension> must not make rows or columns appear
        headers = self._headers(sheet, worksheet, order, title)
        if headers is None:
            return None
        header_row, columns = headers
        return self._rows(sheet, worksheet, order, title, header_row, columns)

    def _headers(
        self, sheet: Sheet, worksheet: Any, order: int, title: str
    ) -> tuple[int, dict[int, Column]] | None:
        wanted = {c.normal: c for c in sheet.columns} if sheet.kind == "table" else {}
        if sheet.kind == "form":
            wanted = {normal(h): Column((h,), h) for h in FORM_HEADERS[:2]}
        best: tuple[int, dict[int, Column]] | None = None
        # EmptyCell has no row nor column: rows come one by one from min_row, cells from column 1
        for number, row in enumerate(worksheet.iter_rows(min_row=1, max_row=HEADER_ROWS), start=1):
            columns: dict[int, Column] = {}
            seen: dict[str, int] = {}
            for index, cell in enumerate(row, start=1):
                if not isinstance(cell.value, str):
                    continue
                column = wanted.get(normal(cell.value))
                if column is None:
                    continue
                place = Cell(order, number, index, title)
                if column.normal in seen:
                    self.error("workbook-duplicate-column", place, header=column.header, sheet=title)
                    continue
                seen[column.normal] = index
                columns[index] = column
            if columns and (best is None or len(columns) > len(best[1])):
                best = (number, columns)
        header_row = best[0] if best else 1
        present = {c.normal for c in best[1].values()} if best else set()
        missing = [c for c in wanted.values() if c.normal not in present]
        for column in missing:
            self.error(
                "workbook-missing-column",
                Cell(order, header_row, 1, title),
                header=column.header,
                sheet=title,
            )
        if missing or best is None:
            return None
        return header_row, best[1]

    def _rows(
        self,
        sheet: Sheet,
        worksheet: Any,
        order: int,
        title: str,
        header_row: int,
        columns: dict[int, Column],
    ) -> Iterator[tuple[Cell, Row]]:
        last = max(columns)
        for number, row in enumerate(
            worksheet.iter_rows(min_row=header_row + 1, max_col=last), header_row + 1
        ):
            if not row:
                continue
            self.cells += len(columns)
            if number - header_row > MAX_ROWS or self.cells > MAX_CELLS:
                self.error(
                    "workbook-too-many-rows",
                    Cell(order, number, 1, title),
                    limit=MAX_ROWS,
                    cells=MAX_CELLS,
                    sheet=title,
                )
                return
            cells: Row = {}
            filled = False
            for index, cell in enumerate(row, start=1):
                column = columns.get(index)
                if column is None:
                    continue
                place = Cell(order, number, index, title)
                value = cell.value
                if value is None or (isinstance(value, str) and not value.strip()):
                    cells[column] = place
                    continue
                filled = True
                formula = cell.data_type == "f"
                if formula:
                    self.formulas.setdefault((title, number, index), None)
                error = cell.data_type == "e"
                cells[column] = RawCell(value, cell.number_format or "General", place, formula, error)
            for column in columns.values():
                cells.setdefault(column, Cell(order, number, _column_of(columns, column), title))
            if filled:
                yield Cell(order, number, 1, title), cells

    def stored_values(self) -> None:
        """The values Excel or LibreOffice stored for the formula cells met (a second pass)."""
        if not self.formulas:
            return
        from openpyxl import load_workbook

        wanted_sheets = {key[0] for key in self.formulas}
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = load_workbook(io.BytesIO(self.raw), read_only=True, data_only=True, keep_links=False)
        try:
            for title in wanted_sheets:
                worksheet = book[title]
                worksheet.reset_dimensions()
                rows = sorted({r for t, r, _ in self.formulas if t == title})
                cols = max(c for t, _, c in self.formulas if t == title)
                found = worksheet.iter_rows(min_row=rows[0], max_row=rows[-1], max_col=cols)
                for number, row in enumerate(found, start=rows[0]):
                    for index, cell in enumerate(row, start=1):
                        key = (title, number, index)
                        if key in self.formulas:
                            self.formulas[key] = cell.value
        finally:
            book.close()

    # --- a cell as a value --------------------------------------------------------------------

    def value(self, column: Column, raw: RawCell) -> tuple[bool, Any]:
        """(True, the value for the data) or (False, None) after a finding."""
        value = raw.value
        error = raw.error
        if raw.formula:
            value = self.formulas.get((raw.cell.sheet, raw.cell.row, raw.cell.column))
            if value is None or (isinstance(value, str) and not value.strip()):
                self.error("workbook-formula-no-value", raw.cell, formula=visible(str(raw.value), 60))
                return False, None
            error = isinstance(value, str) and value in _ERRORS
        if error:  # never a figure, nor a text
            self.error("workbook-error-value", raw.cell, value=visible(str(value)))
            return False, None
        kind = column.kind
        if kind == "text":
            if isinstance(value, str):
                return True, _text(value)
            if isinstance(value, bool):
                return True, "TRUE" if value else "FALSE"
            if isinstance(value, int | float):
                return True, str(_number(value))
            if isinstance(value, datetime | date):
                return True, _iso_day(value).isoformat()
            return True, str(value)
        if kind == "int":
            if isinstance(value, float):
                return True, _number(value)
            if isinstance(value, str):
                text = value.strip()
                if text.isdigit() and text.isascii():
                    return True, int(text)  # a number stored as text (Excel's green corner)
                return True, _text(value)
            if isinstance(value, datetime | date):
                return True, _iso_day(value).isoformat()
            return True, value
        if kind in ("moment", "day"):
            return True, self._moment(value, raw.number_format, kind == "moment")
        assert column.choice is not None
        if isinstance(value, bool) and isinstance(column.choice.word(value), str):
            return True, value  # TRUE / FALSE typed into a yes/no column
        chosen = column.choice.value(str(value)) if isinstance(value, str) else None
        if chosen is None:
            shown = value if isinstance(value, str) else str(value)
            self.error("bad-choice", raw.cell, got=visible(shown), choices=column.choice.shown)
            return False, None
        return True, chosen

    @staticmethod
    def _moment(value: Any, number_format: str, month_allowed: bool) -> Any:
        if isinstance(value, datetime | date):
            day = _iso_day(value)
            if month_allowed and not _has_day(number_format):
                return f"{day.year:04d}-{day.month:02d}"  # a month shown as 05/2020
            return day
        if not isinstance(value, str):
            return value  # a number: the checks say it is not a month nor a day
        if month_allowed and (m := MONTH_TEXT.match(value)):
            year, month = (m[1], m[2]) if m[1] else (m[4], m[3])
            return f"{int(year):04d}-{int(month):02d}"
        if m := DAY_TEXT.match(value):
            year, month, day_ = (m[1], m[2], m[3]) if m[1] else (m[6], m[5], m[4])
            try:
                return date(int(year), int(month), int(day_))
            except ValueError:
                return f"{int(year):04d}-{int(month):02d}-{int(day_):02d}"  # 31/02: the checks say so
        return _text(value)


def _column_of(columns: dict[int, Column], wanted: Column) -> int:
    return next(index for index, column in columns.items() if column is wanted)


# A builder: the plain data of a workbook's cells (None when a cell was refused: a finding says so).
Build = Callable[[WorkbookCells], "dict[str, Any] | None"]


def read_workbook(raw: bytes, name: str, build: Build) -> Loaded:
    """Read a workbook into the data `build` makes of it. Raises WorkbookUnreadable for a file
    that is not an .xlsx workbook."""
    check_container(raw, name)
    reader = WorkbookCells(raw, name)
    try:
        # the formula cells are known after a first read of the cells: read again when there are
        probe = build(reader)
        if reader.formulas:
            reader.findings.clear()
            reader.values.clear()
            reader.cells = 0
            reader.stored_values()
            probe = build(reader)
    except (*_DAMAGED, SyntaxError) as exc:  # a damaged part met while streaming the rows
        if isinstance(exc, WorkbookUnreadable):
            raise
        raise WorkbookUnreadable(name, "workbook-damaged") from None
    finally:
        reader.close()
    findings = tuple(sorted(reader.findings, key=lambda f: f.cell or Cell(-1, 0, 0, "")))
    if findings:
        return Loaded(probe if probe is not None else {}, Source(name, reader.values), findings)
    return Loaded(probe, Source(name, reader.values), ())
