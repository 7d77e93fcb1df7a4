"""The results workbook: its sheets (general information, classes held, tours held, spending),
laid out by the plan workbook's columns and choices (plan/workbook_layout.py), shared by its
reader and its writer. Nothing cap135 computes has a column: the figures come from `cap135 report`.
"""

from __future__ import annotations

from cap135.plan.workbook_layout import LEVEL, Choice, Column, Sheet

__all__ = ["RESULTS_SHEETS"]

RESULTS_GENERAL = Sheet(
    "Thông tin chung",
    "form",
    (
        Column(("version",), "Phiên bản định dạng tệp", "int", note="luôn là 1", required=True),
        Column(("plan",), "Tệp kế hoạch", note="đường dẫn tính từ tệp này (.yaml hoặc .xlsx)", required=True),
        Column(("as_of",), "Ngày chốt số liệu", "day", required=True),
        Column(("number",), "Số báo cáo", "int", note="để trống nếu chưa cấp số"),
        Column(("date",), "Ngày ban hành báo cáo", "day"),
    ),
    title="tệp kế hoạch, ngày chốt số liệu, số và ngày báo cáo",
)

HELD_CLASSES = Sheet(
    "Lớp đã tổ chức",
    "table",
    (
        Column(("group",), "Mã nhóm", width=16),
        Column(("held", "from"), "Từ ngày", "day", width=12),
        Column(("held", "to"), "Đến ngày", "day", width=12, note="trống: lớp học trong một ngày"),
        Column(("venue", "name"), "Địa điểm thực tế", width=26, note="trống: địa điểm trong kế hoạch"),
        Column(("venue", "level"), "Cấp địa điểm", "choice", LEVEL, width=10),
        Column(("attendees",), "Số học viên (người)", "int", width=10),
        Column(("women",), "Trong đó nữ (người)", "int", width=10),
        Column(("ethnic_minority",), "Trong đó người DTTS (người)", "int", width=12),
    ),
    required=False,
    title="mỗi lớp đã học một dòng; dòng chỉ có mã nhóm là lớp chưa tổ chức",
    rows=100,
    extra=("Theo kế hoạch",),
)

HELD_TOURS = Sheet(
    "Đoàn tham quan",
    "table",
    (
        Column(("tour",), "Mã đoàn", width=16),
        Column(("held", "from"), "Từ ngày", "day", width=12),
        Column(("held", "to"), "Đến ngày", "day", width=12),
        Column(("people",), "Số người thực tế (người)", "int", width=12),
    ),
    required=False,
    title="mỗi đoàn đã đi một dòng; dòng chỉ có mã đoàn là đoàn chưa đi",
    rows=20,
    extra=("Theo kế hoạch",),
)

SPENT = Sheet(
    "Kinh phí đã chi",
    "table",
    (
        Column(("id",), "Mã nhóm hoặc mã đoàn", width=20),
        Column(("amount",), "Kinh phí đã giải ngân (đồng)", "int", width=18),
    ),
    required=False,
    title="kinh phí đã giải ngân, số nguyên đồng, theo mã nhóm hoặc mã đoàn",
    rows=20,
)

# The BÁO CÁO's Đánh giá chung and Đề xuất, kiến nghị (the results file's `assessment`).
SECTION = Choice(
    (
        ("Kết quả đạt được", "achievements"),
        ("Tồn tại, hạn chế và nguyên nhân", "shortcomings"),
        ("Đề xuất, kiến nghị", "recommendations"),
    )
)

ASSESSMENT = Sheet(
    "Đánh giá",
    "table",
    (
        Column(
            ("section",),
            "Mục",
            "choice",
            SECTION,
            width=30,
            note="Kết quả đạt được | Tồn tại, … | Đề xuất, …",
        ),
        Column(("text",), "Nội dung (mỗi đoạn một dòng)", width=100),
    ),
    required=False,
    title="đánh giá chung và đề xuất, kiến nghị của báo cáo: mỗi đoạn một dòng",
    rows=30,
)

RESULTS_SHEETS = (RESULTS_GENERAL, HELD_CLASSES, HELD_TOURS, SPENT, ASSESSMENT)
