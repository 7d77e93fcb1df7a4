"""Plan data → an .xlsx workbook an officer fills in Excel or LibreOffice Calc; the writer of any
workbook laid out by `workbook_layout` (results/workbook_writer.py writes a results file with it).

The data is what the YAML loader (or the workbook reader) gives for a file that passed the
structure checks, so every value has its type: the writer lays it out by `workbook_layout`, one row
per thing, and `workbook_reader` reads it back to the same data. Text is always a text cell (a
leading `=` stays text), counts and money number cells, days date cells (`dd/mm/yyyy`), months
date cells shown without their day (`mm/yyyy`, read back as the month), fixed choices their
Vietnamese word with a dropdown of the others. No figure cap135 computes is written.

Printing: A4 landscape, one page wide, the header row repeated on every page. The same data gives
the same bytes: the document dates are fixed and XlsxWriter gives zip entries a fixed time.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from cap135.plan.workbook_layout import (
    DAY_FORMAT,
    FORM_HEADERS,
    GUIDE,
    MONTH_FORMAT,
    PART,
    PLAN_SHEETS,
    Column,
    Sheet,
)
from cap135.text import clean

__all__ = ["TableRow", "WorkbookWriter", "flat", "plan_workbook"]

CREATED = datetime(2000, 1, 1)  # fixed, so that the same data gives the same bytes
FONT = "Times New Roman"
SIZE = 12
A4 = 9
HEADER_HEIGHT = 48
TableRow = dict[tuple[str, ...], Any]  # a table row to write: a column's key → its value

PLAN_GUIDE = (
    "Kế hoạch bồi dưỡng, nâng cao năng lực — bảng tính do cap135 tạo.",
    "Điền các trang theo hướng dẫn dưới đây, rồi chạy:",
    "    cap135 validate TỆP.xlsx      kiểm tra (báo mọi lỗi cùng lúc, kèm trang và ô, ví dụ 'Nhóm'!H3)",
    "    cap135 cost TỆP.xlsx          dự toán kinh phí",
    "    cap135 render TỆP.xlsx -o kehoach.docx",
    "",
    "Các trang:",
    "{sheets}",
    "",
    "Vài điều cần nhớ:",
    "- Mỗi dòng là một nhóm, một lớp, một chuyên đề, một đoàn; dòng tiêu đề (dòng 1) giữ nguyên, "
    "không đổi tên hay xóa cột. Có thể thêm cột, thêm trang để ghi chú riêng: cap135 bỏ qua.",
    "- Ô có danh sách chọn (đối tượng, cấp địa điểm, nhóm báo cáo viên, có/không): chọn trong danh sách.",
    "- Số tiền ghi bằng số nguyên đồng trong ô số: 1251000000 (không viết '1,251 tỷ').",
    "- Thời gian: ô ngày (14/05/2020) là một ngày; ô tháng (05/2020) là cả tháng.",
    "- Nhóm có các lớp giống nhau: ghi 'Số lớp' và 'Số học viên mỗi lớp' ở trang Nhóm. Nhóm có các lớp "
    "khác nhau: để trống 'Số lớp' và ghi mỗi lớp một dòng ở trang Lớp (theo mã nhóm); ô trống ở trang "
    "Lớp lấy giá trị của nhóm.",
    "- Chuyên đề và số tiết: trang Chuyên đề, mỗi chuyên đề một dòng, theo mã nhóm.",
    "- Học viên hưởng lương: công chức xã 'có'; người hoạt động không chuyên trách, trưởng thôn "
    "'không'. Hỗ trợ tiền ăn, nghỉ, đi lại: để trống là theo mặc định (học viên không hưởng lương "
    "được hỗ trợ tiền ăn; học ở tỉnh thêm tiền nghỉ và một lượt đi lại).",
    "- Không ghi số tiền dự toán vào bảng tính: cap135 tính từ bảng định mức có căn cứ pháp lý "
    "(cap135 cost TỆP.xlsx).",
    "- Ô có công thức được đọc theo giá trị đã tính khi lưu; gõ số trực tiếp thì chắc chắn hơn.",
    "- Chuyển sang YAML hoặc ngược lại: cap135 convert TỆP.xlsx -o TỆP.yaml",
)


class WorkbookWriter:
    """One workbook being written, with its cell formats."""

    def __init__(self, title: str) -> None:
        import xlsxwriter  # type: ignore[import-untyped]  # XlsxWriter ships no type hints

        self.buffer = io.BytesIO()
        self.book = xlsxwriter.Workbook(
            self.buffer,
            {
                "in_memory": True,
                "strings_to_formulas": False,
                "strings_to_numbers": False,
                "strings_to_urls": False,
            },
        )
        self.book.set_properties({"created": CREATED, "author": "cap135", "title": clean(title)[:255]})
        base = {"font_name": FONT, "font_size": SIZE, "valign": "top", "border": 1}
        self.header = self.book.add_format({**base, "bold": True, "text_wrap": True, "bg_color": "#DDEBF7"})
        self.text = self.book.add_format({**base, "text_wrap": True})
        self.number = self.book.add_format({**base, "num_format": "#,##0"})
        self.day = self.book.add_format({**base, "num_format": DAY_FORMAT, "align": "left"})
        self.month = self.book.add_format({**base, "num_format": MONTH_FORMAT, "align": "left"})
        self.plain = self.book.add_format({"font_name": FONT, "font_size": SIZE})
        self.note = self.book.add_format({**base, "italic": True, "text_wrap": True, "font_color": "#555555"})

    def close(self) -> bytes:
        self.book.close()
        return self.buffer.getvalue()

    def page(self, sheet: Any) -> None:
        sheet.set_landscape()
        sheet.set_paper(A4)
        sheet.fit_to_pages(1, 0)
        sheet.repeat_rows(0)
        sheet.freeze_panes(1, 0)

    def guide(self, lines: Sequence[str], sheets: Sequence[Sheet]) -> None:
        sheet = self.book.add_worksheet(GUIDE)
        sheet.set_column(0, 0, 120)
        listing = "\n".join(f"- {s.name}: {s.title}" for s in sheets)
        row = 0
        for line in lines:
            for part in line.format(sheets=listing).split("\n"):
                sheet.write_string(row, 0, part, self.plain)
                row += 1
        sheet.set_portrait()
        sheet.set_paper(A4)
        sheet.fit_to_pages(1, 0)

    def cell(self, sheet: Any, row: int, col: int, column: Column, value: Any) -> None:
        """One value in its cell kind; None leaves the cell empty (with its border)."""
        if value is None:
            sheet.write_blank(row, col, None, self.text)
        elif column.choice is not None:
            word = column.choice.word(value)
            if word is None and isinstance(value, str):  # a word of the YAML form (`tỉnh`, `có`)
                known = column.choice.value(value)
                word = None if known is None else column.choice.word(known)
            sheet.write_string(row, col, clean(word if word is not None else str(value)), self.text)
        elif column.kind == "int" and isinstance(value, int) and not isinstance(value, bool):
            sheet.write_number(row, col, value, self.number)
        elif column.kind in ("moment", "day") and isinstance(value, date):
            sheet.write_datetime(row, col, datetime(value.year, value.month, value.day), self.day)
        elif column.kind == "moment" and isinstance(value, str) and _is_month(value):
            year, month = value.split("-")
            sheet.write_datetime(row, col, datetime(int(year), int(month), 1), self.month)
        else:
            sheet.write_string(row, col, clean(str(value)), self.text)

    def form(self, spec: Sheet, data: dict[str, Any]) -> None:
        sheet = self.book.add_worksheet(spec.name)
        self.page(sheet)
        sheet.set_portrait()
        sheet.set_column(0, 0, 30)
        sheet.set_column(1, 1, 60)
        sheet.set_column(2, 2, 50)
        for col, header in enumerate(FORM_HEADERS):
            sheet.write_string(0, col, header, self.header)
        for index, column in enumerate(spec.columns, start=1):
            sheet.write_string(index, 0, column.header, self.text)
            self.cell(sheet, index, 1, column, _get(data, column.key))
            sheet.write_string(index, 2, column.note, self.note)
            if column.choice is not None:
                sheet.data_validation(index, 1, index, 1, _dropdown(column))

    def table(self, spec: Sheet, rows: Iterable[TableRow], extra: Sequence[Sequence[str]] = ()) -> None:
        sheet = self.book.add_worksheet(spec.name)
        self.page(sheet)
        sheet.set_row(0, HEADER_HEIGHT)
        width = len(spec.columns)
        for col, column in enumerate(spec.columns):
            sheet.write_string(0, col, column.header, self.header)
            sheet.set_column(col, col, column.width)
        for col, header in enumerate(spec.extra if extra else (), start=width):
            sheet.write_string(0, col, header, self.header)
            sheet.set_column(col, col, 40)
        count = 0
        for index, row in enumerate(rows, start=1):
            for col, column in enumerate(spec.columns):
                self.cell(sheet, index, col, column, row.get(column.key))
            for col, text in enumerate(extra[index - 1] if extra else (), start=width):
                sheet.write_string(index, col, clean(text), self.note)
            count = index
        last = count + spec.rows  # dropdowns reach beyond the data: room for new rows
        for col, column in enumerate(spec.columns):
            if column.choice is not None and last >= 1:
                sheet.data_validation(1, col, last, col, _dropdown(column))


def _is_month(text: str) -> bool:
    parts = text.split("-")
    return len(parts) == 2 and all(p.isdigit() for p in parts) and 1 <= int(parts[1]) <= 12


def _dropdown(column: Column) -> dict[str, Any]:
    assert column.choice is not None
    options: dict[str, Any] = {
        "validate": "list",
        "source": [word for word, _ in column.choice.words],
        "error_title": "Giá trị không có trong danh sách",
        "error_message": "Chọn một giá trị trong danh sách.",
    }
    if column.note:
        options["input_message"] = column.note[:255]
    return options


def _get(data: Any, key: tuple[str, ...]) -> Any:
    for part in key:
        if not isinstance(data, dict):
            return None
        data = data.get(part)
    return data


def flat(data: dict[str, Any], columns: Sequence[Column], **given: Any) -> TableRow:
    row: TableRow = {column.key: _get(data, column.key) for column in columns}
    row.update({(key,): value for key, value in given.items()})
    return row


def plan_workbook(data: dict[str, Any]) -> bytes:
    """The workbook of a plan's data (a plan that passed the structure checks)."""
    general, texts, groups_sheet, classes, lessons, tours_sheet, overrides, extra = PLAN_SHEETS
    writer = WorkbookWriter(str(data.get("title", "")))
    writer.guide(PLAN_GUIDE, PLAN_SHEETS)
    writer.form(general, data)
    paragraphs: list[TableRow] = []
    for _word, key in PART.words:
        value = data.get(str(key))
        items = [value] if isinstance(value, str) else value or []
        paragraphs.extend({("part",): key, ("text",): text} for text in items)
    writer.table(texts, paragraphs)
    groups: list[dict[str, Any]] = list(data.get("groups") or [])
    tours: list[dict[str, Any]] = list(data.get("tours") or [])
    group_rows = []
    for group in groups:
        row = flat(group, groups_sheet.columns)
        if isinstance(group.get("classes"), list):
            row[("classes",)] = None
        group_rows.append(row)
    writer.table(groups_sheet, group_rows)
    writer.table(
        classes,
        (
            flat(spec, classes.columns, group=group.get("id"))
            for group in groups
            if isinstance(group.get("classes"), list)
            for spec in group["classes"]
        ),
    )
    writer.table(
        lessons,
        (
            flat(lesson, lessons.columns, group=group.get("id"))
            for group in groups
            for lesson in group.get("lessons") or []
        ),
    )
    writer.table(tours_sheet, (flat(tour, tours_sheet.columns) for tour in tours))
    owners = [(str(g.get("id")), g) for g in groups] + [
        (str(t.get("id") or f"tour-{i + 1}"), t) for i, t in enumerate(tours)
    ]
    writer.table(
        overrides,
        (
            {("entity",): ident, ("item",): code, ("quantity",): quantity}
            for ident, owner in owners
            for code, quantity in (owner.get("overrides") or {}).items()
        ),
    )
    writer.table(
        extra,
        (
            flat(line, extra.columns, entity=ident)
            for ident, owner in owners
            for line in owner.get("extra_lines") or []
        ),
    )
    return writer.close()
