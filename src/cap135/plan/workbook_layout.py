"""The plan workbook: sheets, columns and choices, shared by its reader and its writer (and by the
results workbook, whose sheets are in results/workbook_layout.py).

A workbook is a second form of the same plan or results file (design.md, "Plan and results as
workbooks"): each sheet is a table of one kind of thing, one row per thing, under one header row
whose Vietnamese headers carry their units. A column names the key of the plain data it holds
(the same keys a YAML file has), so the reader builds exactly the data the YAML loader builds and
the same models and checks run on it. Fixed choices are written as Vietnamese words (dropdowns)
and read back to the values of the YAML file.

Nothing cap135 computes has a column: costs, totals and counts come from `cap135 cost`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from cap135.plan.choices import english_of
from cap135.plan.yaml_loader import nfc

__all__ = [
    "BOOL",
    "LEVEL",
    "PLAN_SHEETS",
    "Choice",
    "Column",
    "Sheet",
    "normal",
]

# text: a text cell; int: a whole number (counts, money); moment: a plan's month or day
# (a date cell, or text 2020-05 / 05/2020); day: a results day (a date cell).
Kind = Literal["text", "int", "moment", "day", "choice"]


def normal(text: str) -> str:
    """A header or a word as compared: NFC, lower case, one space between words."""
    return " ".join(nfc(text).casefold().split())


@dataclass(frozen=True)
class Choice:
    """A fixed set of values, each shown as a Vietnamese word (a dropdown)."""

    words: tuple[tuple[str, str | bool], ...]  # (word, value)

    def word(self, value: object) -> str | None:
        for word, known in self.words:
            if known == value and type(known) is type(value):
                return word
        return None

    def value(self, text: str) -> str | bool | None:
        """The value of a word, of the word's first part (`nhóm 4` for `nhóm 4 (cán bộ cấp
        tỉnh)`), or of the YAML value itself (`province`); None for anything else."""
        wanted = normal(text)
        for word, value in self.words:
            short = word.split(" (")[0]
            if wanted in (normal(word), normal(short)) or (isinstance(value, str) and wanted == value):
                return value
        # the short word a YAML file may hold (plan/choices.py: `tỉnh` for a destination)
        english = english_of(text)
        if english is not None and any(
            value == english and type(value) is type(english) for _, value in self.words
        ):
            return english
        return None

    @property
    def shown(self) -> str:
        """The words as a message lists them."""
        return ", ".join(word for word, _ in self.words)


BOOL = Choice((("có", True), ("không", False)))
AUDIENCE = Choice((("cán bộ", "cadres"), ("cộng đồng", "community")))
LEVEL = Choice((("tỉnh", "province"), ("huyện", "district"), ("xã", "commune")))
DESTINATION = Choice(
    (
        ("thành phố lớn (quận của TP trực thuộc TW; TP loại I)", "city"),
        ("thành phố thuộc tỉnh; thị xã", "province"),
        ("vùng còn lại", "district"),
    )
)
GRADE = Choice(
    (
        ("nhóm 1 (lãnh đạo Trung ương)", "central_leader"),
        ("nhóm 2 (lãnh đạo tỉnh; giáo sư)", "senior_leader"),
        ("nhóm 3 (chuyên gia; tiến sĩ)", "expert"),
        ("nhóm 4 (cán bộ cấp tỉnh)", "provincial"),
        ("nhóm 5 (cán bộ huyện; xã)", "local"),
    )
)
PART = Choice(
    (
        ("Căn cứ", "legal_basis"),
        ("Mục đích", "purposes"),
        ("Yêu cầu", "requirements"),
        ("Tổ chức thực hiện", "organization"),
        ("Nơi nhận", "recipients"),
    )
)


@dataclass(frozen=True)
class Column:
    """A column of a table sheet, or a row of a form sheet ("Thông tin chung")."""

    key: tuple[str, ...]  # where the value goes inside the row's item: ("venue", "name")
    header: str  # Vietnamese, with the unit
    kind: Kind = "text"
    choice: Choice | None = None
    width: int = 14
    note: str = ""  # guidance: the form's "Ghi chú" column, a table header's input message
    required: bool = False  # a form's row that must be there (a finding when it was deleted)

    @property
    def normal(self) -> str:
        return normal(self.header)


@dataclass(frozen=True)
class Sheet:
    """A sheet: `form` (one row per field: label, value, note) or `table` (one row per thing)."""

    name: str
    kind: Literal["form", "table"]
    columns: tuple[Column, ...]
    required: bool = True  # a workbook without this sheet is refused with a finding
    title: str = ""  # what the sheet holds, for the guidance sheet
    rows: int = 0  # table rows given dropdowns beyond the data (room to add rows)
    extra: tuple[str, ...] = field(default=())  # headers the reader ignores (written by init)


# --- the plan --------------------------------------------------------------------------------

FORM_HEADERS = ("Mục", "Giá trị", "Ghi chú")
LEVEL_NOTE = "tỉnh | huyện (đến 30/6/2025) | xã"

GENERAL = Sheet(
    "Thông tin chung",
    "form",
    (
        Column(("version",), "Phiên bản định dạng tệp", "int", note="luôn là 1", required=True),
        Column(
            ("year",), "Năm kế hoạch", "int", note="thời gian các lớp phải nằm trong năm này", required=True
        ),
        Column(("number",), "Số văn bản", "int", note="để trống: in 'Số: …/KH-…' để điền tay"),
        Column(("date",), "Ngày ban hành", "moment", note="để trống: 'ngày … tháng … năm …'"),
        Column(("agency", "parent"), "Cơ quan chủ quản", note="dòng trên của tiêu đề bên trái"),
        Column(("agency", "name"), "Cơ quan ban hành", note="ví dụ: BAN DÂN TỘC", required=True),
        Column(
            ("agency", "short_name"), "Tên cơ quan viết thường", note="dùng trong câu, ví dụ: Ban Dân tộc"
        ),
        Column(("agency", "code"), "Chữ viết tắt", note="trong số ký hiệu: Số: …/KH-BDT", required=True),
        Column(("agency", "level"), "Cấp cơ quan tổ chức lớp", "choice", LEVEL, note=LEVEL_NOTE),
        Column(("place",), "Địa danh", note="'<địa danh>, ngày … tháng … năm …'", required=True),
        Column(("title",), "Trích yếu", note="trích yếu nội dung kế hoạch", required=True),
        Column(("intro",), "Câu dẫn trước mục I", note="không bắt buộc"),
        Column(
            ("rates",), "Bảng định mức", note="tên bảng có sẵn (cap135 rates) hoặc tệp; trống: bảng quốc gia"
        ),
        Column(("funding", "ceiling"), "Kinh phí được giao (đồng)", "int", note="số nguyên đồng"),
        Column(("funding", "source"), "Nguồn vốn", note="in ở mục III", required=True),
        Column(("management",), "Tính chi quản lý, dự phòng", "choice", BOOL, note="có | không"),
        Column(("signer", "authority"), "Thẩm quyền ký", note="ví dụ: KT. TRƯỞNG BAN nếu cấp phó ký"),
        Column(("signer", "position"), "Chức vụ người ký", note="ví dụ: TRƯỞNG BAN", required=True),
        Column(("signer", "name"), "Họ và tên người ký", required=True),
    ),
    title="năm, cơ quan, trích yếu, kinh phí được giao, người ký",
)

TEXTS = Sheet(
    "Nội dung văn bản",
    "table",
    (
        Column(("part",), "Phần", "choice", PART, width=20, note="Căn cứ | Mục đích | Yêu cầu | …"),
        Column(("text",), "Nội dung (mỗi đoạn một dòng)", width=100),
    ),
    required=False,
    title="các căn cứ, mục đích, yêu cầu, tổ chức thực hiện, nơi nhận: mỗi đoạn một dòng",
    rows=60,
)

GROUPS = Sheet(
    "Nhóm",
    "table",
    (
        Column(("id",), "Mã nhóm", width=16, note="chữ thường không dấu, số, gạch nối"),
        Column(("name",), "Tên nhóm (tiêu đề mục)", width=30),
        Column(("audience",), "Đối tượng", "choice", AUDIENCE, width=12),
        Column(("trainees",), "Mô tả học viên", width=36),
        Column(("salaried",), "Học viên hưởng lương", "choice", BOOL, width=11),
        Column(("classes",), "Số lớp (lớp)", "int", width=9, note="trống nếu liệt kê từng lớp ở trang Lớp"),
        Column(("class_size",), "Số học viên mỗi lớp (người)", "int", width=11),
        Column(("days",), "Số ngày mỗi lớp (ngày)", "int", width=10),
        Column(("schedule", "from"), "Từ (tháng hoặc ngày)", "moment", width=12),
        Column(("schedule", "to"), "Đến (tháng hoặc ngày)", "moment", width=12),
        Column(("venue", "name"), "Địa điểm", width=24),
        Column(("venue", "level"), "Cấp địa điểm", "choice", LEVEL, width=10),
        Column(("speakers", "text"), "Báo cáo viên", width=30),
        Column(("speakers", "grade"), "Nhóm báo cáo viên", "choice", GRADE, width=16),
        Column(("speakers", "travel"), "Báo cáo viên đi công tác", "choice", BOOL, width=11),
        Column(("meals",), "Hỗ trợ tiền ăn", "choice", BOOL, width=10),
        Column(("lodging",), "Hỗ trợ tiền nghỉ", "choice", BOOL, width=10),
        Column(("travel",), "Hỗ trợ đi lại", "choice", BOOL, width=10),
    ),
    title="mỗi nhóm đối tượng một dòng (mục II.1, II.2, …)",
    rows=40,
)

CLASSES = Sheet(
    "Lớp",
    "table",
    (
        Column(("group",), "Mã nhóm", width=16),
        Column(("size",), "Số học viên (người)", "int", width=11),
        Column(("venue", "name"), "Địa điểm", width=28, note="trống: địa điểm của nhóm"),
        Column(("venue", "level"), "Cấp địa điểm", "choice", LEVEL, width=10),
        Column(("schedule", "from"), "Từ (tháng hoặc ngày)", "moment", width=12),
        Column(("schedule", "to"), "Đến (tháng hoặc ngày)", "moment", width=12),
    ),
    required=False,
    title="mỗi lớp một dòng, cho nhóm không ghi số lớp ở trang Nhóm",
    rows=100,
)

LESSONS = Sheet(
    "Chuyên đề",
    "table",
    (
        Column(("group",), "Mã nhóm", width=16),
        Column(("title",), "Tên chuyên đề", width=60),
        Column(("periods",), "Số tiết (tiết)", "int", width=9),
        Column(("grade",), "Nhóm báo cáo viên riêng", "choice", GRADE, width=16, note="trống: nhóm chung"),
    ),
    title="mỗi chuyên đề một dòng, theo mã nhóm (mục e. Nội dung)",
    rows=100,
)

TOURS = Sheet(
    "Tham quan",
    "table",
    (
        Column(("id",), "Mã đoàn", width=14, note="trống: tour-1, tour-2, …"),
        Column(("name",), "Nội dung tham quan, học tập", width=30),
        Column(("description",), "Đoạn mô tả", width=36),
        Column(("trainees",), "Số học viên (người)", "int", width=10),
        Column(("staff",), "Số cán bộ đi cùng (người)", "int", width=10),
        Column(("staff_label",), "Cách gọi cán bộ đi cùng", width=20),
        Column(("days",), "Số ngày (ngày)", "int", width=9),
        Column(("destination", "name"), "Nơi đến", width=22),
        Column(("destination", "level"), "Mức nơi đến", "choice", DESTINATION, width=18),
        Column(("fare",), "Giá vé khứ hồi (đồng/người)", "int", width=13, note="trống: thuê xe theo ngày"),
        Column(("schedule", "from"), "Từ (tháng hoặc ngày)", "moment", width=12),
        Column(("schedule", "to"), "Đến (tháng hoặc ngày)", "moment", width=12),
    ),
    required=False,
    title="mỗi đoàn tham quan, học tập kinh nghiệm một dòng",
    rows=20,
)

OVERRIDES = Sheet(
    "Điều chỉnh số lượng",
    "table",
    (
        Column(("entity",), "Mã nhóm hoặc mã đoàn", width=20),
        Column(("item",), "Mã khoản chi", width=24),
        Column(("quantity",), "Số lượng thay cho số tính tự động", "int", width=14),
    ),
    required=False,
    title="số lượng ghi tay thay cho số cap135 tính, theo mã khoản chi",
    rows=20,
)

EXTRA_LINES = Sheet(
    "Khoản chi khác",
    "table",
    (
        Column(("entity",), "Mã nhóm hoặc mã đoàn", width=20),
        Column(("label",), "Nội dung chi", width=30),
        Column(("quantity",), "Số lượng", "int", width=10),
        Column(("unit",), "Đơn vị tính", width=10),
        Column(("amount",), "Đơn giá (đồng)", "int", width=13),
        Column(("basis",), "Căn cứ", width=36),
    ),
    required=False,
    title="khoản chi nhập tay ngoài quy tắc tính, có căn cứ",
    rows=20,
)

PLAN_SHEETS = (GENERAL, TEXTS, GROUPS, CLASSES, LESSONS, TOURS, OVERRIDES, EXTRA_LINES)

GUIDE = "Hướng dẫn"  # the guidance sheet: written first, never read

# A month written as text: 2020-05, 05/2020, 5/2020; a day as text: 2020-05-14, 14/05/2020.
MONTH_TEXT = re.compile(r"^\s*(?:(\d{4})-(\d{1,2})|(\d{1,2})/(\d{4}))\s*$")
DAY_TEXT = re.compile(r"^\s*(?:(\d{4})-(\d{1,2})-(\d{1,2})|(\d{1,2})/(\d{1,2})/(\d{4}))\s*$")
DAY_FORMAT = "dd/mm/yyyy"
MONTH_FORMAT = "mm/yyyy"
