"""Results data → an .xlsx workbook (the sheets of results/workbook_layout.py), written by the
plan workbook's writer. With the plan (`cap135 init --results`), a row to fill in for each planned
class and tour, with what the plan says beside it in a column the reader ignores.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from cap135.plan.model import Plan, class_runs
from cap135.plan.workbook_layout import Column
from cap135.plan.workbook_writer import TableRow, WorkbookWriter, flat
from cap135.results.assessment import SECTIONS, STARTER
from cap135.results.workbook_layout import RESULTS_SHEETS

__all__ = ["results_workbook"]

RESULTS_GUIDE = (
    "Kết quả thực hiện kế hoạch — bảng tính do cap135 tạo.",
    "Điền các lớp đã tổ chức, các đoàn đã đi, kinh phí đã giải ngân, rồi chạy:",
    "    cap135 validate TỆP.xlsx      kiểm tra cùng kế hoạch",
    "    cap135 report TỆP.xlsx -o bao-cao.docx",
    "",
    "Các trang:",
    "{sheets}",
    "",
    "Vài điều cần nhớ:",
    "- Trang 'Lớp đã tổ chức' có sẵn một dòng cho mỗi lớp trong kế hoạch: khi lớp đã học, ghi ngày, "
    "số học viên, số nữ, số người dân tộc thiểu số. Dòng chỉ có mã nhóm là lớp chưa tổ chức.",
    "- Địa điểm thực tế: để trống nếu đúng như kế hoạch.",
    "- 'Đến ngày' để trống nếu lớp học trong một ngày.",
    "- Kinh phí đã giải ngân: số nguyên đồng, theo mã nhóm hoặc mã đoàn.",
    "- Cột 'Theo kế hoạch' chỉ để đối chiếu; cap135 không đọc cột này.",
    "- Trang 'Đánh giá': kết quả đạt được; tồn tại, hạn chế và nguyên nhân; đề xuất, kiến nghị của "
    "báo cáo, mỗi đoạn một dòng. Còn dòng trong [ ] thì chỉ in được bản dự thảo (--draft).",
)


def _held(item: dict[str, Any], columns: Sequence[Column]) -> TableRow:
    row = flat(item, columns)
    held = item.get("held")
    if not isinstance(held, dict):
        row[("held", "from")], row[("held", "to")] = held, None
    return row


def results_workbook(data: dict[str, Any], plan: Plan | None = None) -> bytes:
    """The workbook of a results file's data. With the `plan` (`init --results`): a row to fill
    in for each planned class and tour, with what the plan says beside it, and each id at 0 đồng."""
    general, classes, tours, spent, assessment_sheet = RESULTS_SHEETS
    writer = WorkbookWriter("Kết quả thực hiện kế hoạch")
    writer.guide(RESULTS_GUIDE, RESULTS_SHEETS)
    writer.form(general, data)
    class_rows = [_held(item, classes.columns) for item in data.get("classes") or []]
    tour_rows = [_held(item, tours.columns) for item in data.get("tours") or []]
    class_notes: list[list[str]] = []
    tour_notes: list[list[str]] = []
    if plan is not None:
        for group in plan.groups:
            runs = class_runs(group) or []
            total = sum(run.count for run in runs)
            nth = 0
            for run in runs:
                for _ in range(run.count):
                    nth += 1
                    class_rows.append({("group",): group.id})
                    class_notes.append(
                        [
                            f"lớp {nth}/{total}: {run.size} học viên, {run.venue.name}, "
                            f"{run.schedule.start} – {run.schedule.end}"
                        ]
                    )
        for index, tour in enumerate(plan.tours):
            tour_rows.append({("tour",): plan.tour_id(index)})
            tour_notes.append([f"{tour.people} người, {tour.destination.name}"])
    writer.table(classes, class_rows, class_notes)
    writer.table(tours, tour_rows, tour_notes)
    writer.table(
        spent,
        ({("id",): key, ("amount",): value} for key, value in (data.get("spent") or {}).items()),
    )
    assessment = data.get("assessment") or {}
    paragraphs: list[TableRow] = [
        {("section",): key, ("text",): text}
        for key, _heading in SECTIONS
        for text in (assessment.get(key) or [])
    ]
    if plan is not None and not paragraphs:  # init --results: what to write in each section
        paragraphs = [{("section",): key, ("text",): STARTER[key][0]} for key, _heading in SECTIONS]
    writer.table(assessment_sheet, paragraphs)
    return writer.close()
