"""The BÁO CÁO kết quả thực hiện: the view model its Word template places.

Every figure is computed in `actuals.build_report`; this module formats numbers, assembles
sentences and flattens table rows, as `render/context.py` does for the KẾ HOẠCH. The
rendering itself is the plan's sandboxed `render.docx.render_docx`.
"""

from __future__ import annotations

import importlib.resources
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from cap135.documents.kehoach_context import BLANK, agency_header, issue_date_words, two_digits
from cap135.money import amount_in_words, format_vnd
from cap135.plan.agency import agency_in_sentence
from cap135.plan.model import Plan
from cap135.results.figures import Figures, Report, percent_vi
from cap135.text import nfc_deep

TEMPLATE_NAME = "baocao.docx"
DOC_SYMBOL = "BC"


@contextmanager
def report_template(template: Path | None) -> Iterator[Path]:
    """The template to render with: the user's, else the shipped baocao.docx as a file."""
    if template is not None:
        yield template
        return
    resource = importlib.resources.files("cap135.documents").joinpath("templates", TEMPLATE_NAME)
    with importlib.resources.as_file(resource) as path:
        yield Path(path)


def number_line(plan: Plan, number: int | None) -> str:
    code = plan.agency.code
    if number is None:
        return f"Số:{BLANK}/{DOC_SYMBOL}-{code}"
    return f"Số: {two_digits(number)}/{DOC_SYMBOL}-{code}"


def date_words(day: date | None, year: int) -> str:
    """'ngày 30 tháng 11 năm 2020' (NĐ 30: day < 10 and months 1–2 take a leading zero)."""
    if day is None:
        return f"ngày{BLANK}tháng{BLANK}năm {year}"
    month = two_digits(day.month) if day.month <= 2 else str(day.month)
    return f"ngày {two_digits(day.day)} tháng {month} năm {day.year}"


def _strip_end(text: str) -> str:
    return text.rstrip().rstrip(";.:,").rstrip()


def _subject(plan: Plan) -> str:
    """The plan's title as the object of 'Kết quả thực hiện …' (without a leading 'Thực hiện')."""
    title = _strip_end(plan.title)
    lowered = title[:1].lower() + title[1:]
    if lowered.startswith("thực hiện "):
        lowered = lowered[len("thực hiện ") :]
    return lowered


def _group_label(name: str) -> str:
    """'Đối với nhóm cộng đồng' → 'Nhóm cộng đồng' (a table cell, not a heading)."""
    text = _strip_end(name)
    if text.lower().startswith("đối với "):
        text = text[len("đối với ") :]
    return text[:1].upper() + text[1:]


def _day(iso: str) -> str:
    d = date.fromisoformat(iso)
    return f"{d:%d/%m/%Y}"


def _when(first: str, last: str) -> str:
    if first == last:
        return _day(first)
    return f"{_day(first)} - {_day(last)}"


def _optional(value: int | None) -> str:
    return "" if value is None else format_vnd(value)


def _percent(part: int | None, whole: int | None) -> str:
    if part is None or not whole:
        return ""
    return percent_vi(part / whole)


def _plan_reference(plan: Plan) -> str:
    """'Kế hoạch số 05/KH-BDT ngày … của Ban Dân tộc'; without a number, 'Kế hoạch của …'."""
    if plan.number is None:
        return f"Kế hoạch của {agency_in_sentence(plan)}"
    number = f"{two_digits(plan.number)}/KH-{plan.agency.code}"
    return f"Kế hoạch số {number} {issue_date_words(plan)} của {agency_in_sentence(plan)}"


def _figure_lines(report: Report) -> dict[str, Any]:
    o = report.overall
    parts = []  # women and ethnic minority only when some class recorded them
    if any(row.women is not None for row in report.held):
        parts.append(f"nữ: {format_vnd(o.women)} lượt")
    if any(row.ethnic_minority is not None for row in report.held):
        parts.append(f"người dân tộc thiểu số: {format_vnd(o.ethnic_minority)} lượt")
    among = f" (trong đó {'; '.join(parts)})" if parts else ""
    classes = (
        f"Đã tổ chức {format_vnd(o.classes_held)}/{format_vnd(o.classes_planned)} lớp theo kế hoạch, "
        f"với {format_vnd(o.attendees)} lượt học viên tham dự{among}."
    )
    if o.tours_planned or o.tours_held:
        tours = (
            f"Đã tổ chức {format_vnd(o.tours_held)}/{format_vnd(o.tours_planned)} đoàn tham quan, "
            f"học tập kinh nghiệm với {format_vnd(o.tour_people)} người tham gia."
        )
    else:
        tours = "Kế hoạch không có đoàn tham quan, học tập kinh nghiệm."
    spent = o.spent or 0
    money = [
        f"Kinh phí theo dự toán của kế hoạch: {format_vnd(o.budget)} đồng.",
    ]
    if o.ceiling is not None:
        money.insert(0, f"Kinh phí được giao: {format_vnd(o.ceiling)} đồng.")
    money.append(f"Kinh phí đã giải ngân: {format_vnd(spent)} đồng (Bằng chữ: {amount_in_words(spent)}).")
    if o.disbursement_rate is not None:
        money.append(f"Tỷ lệ giải ngân: {percent_vi(o.disbursement_rate)} so với kinh phí được giao.")
    else:
        money.append(f"Tỷ lệ giải ngân: {_percent(spent, o.budget)} so với dự toán của kế hoạch.")
    return {"classes": classes, "tours": tours, "money": money}


def _comparison(report: Report) -> dict[str, Any]:
    plan = report.plan
    names = {g.id: _group_label(g.name) for g in plan.groups}
    names.update({plan.tour_id(i): _strip_end(t.name) for i, t in enumerate(plan.tours)})
    tour_ids = {plan.tour_id(i) for i in range(len(plan.tours))}
    rows = []
    for index, (key, fig) in enumerate(report.breakdown("by_group"), start=1):
        is_tour = key in tour_ids
        planned = fig.tours_planned if is_tour else fig.classes_planned
        held = fig.tours_held if is_tour else fig.classes_held
        people = fig.tour_people if is_tour else fig.attendees
        unit = "đoàn" if is_tour else "lớp"
        known = key in names
        rows.append(
            {
                "stt": str(index),
                "name": names.get(key, "Chi chung (quản lý, dự phòng)"),
                "unit": unit if known else "",
                "planned": format_vnd(planned) if known else "",
                "held": format_vnd(held) if known else "",
                "people": format_vnd(people) if known else "",
                "budget": format_vnd(fig.budget),
                "spent": _optional(fig.spent),
                "rate": _percent(fig.spent, fig.budget),
            }
        )
    o = report.overall
    total = {
        "budget": format_vnd(o.budget),
        "spent": _optional(o.spent),
        "rate": _percent(o.spent, o.budget),
        "people": format_vnd(o.attendees + o.tour_people),
    }
    columns = [
        "STT",
        "Nội dung",
        "ĐVT",
        "Kế hoạch",
        "Thực hiện",
        "Học viên, người",
        "Dự toán (đồng)",
        "Đã giải ngân (đồng)",
        "Tỷ lệ so với dự toán",
    ]
    return {"columns": columns, "rows": rows, "total": total}


def _held_list(report: Report) -> dict[str, Any]:
    names = {g.id: _group_label(g.name) for g in report.plan.groups}
    rows = [
        {
            "stt": str(i),
            "when": _when(row.first, row.last),
            "group": names.get(row.group, row.group),
            "venue": row.venue,
            "attendees": format_vnd(row.attendees),
            "women": _optional(row.women),
            "ethnic_minority": _optional(row.ethnic_minority),
        }
        for i, row in enumerate(report.held, start=1)
    ]
    o: Figures = report.overall
    return {
        "columns": ["STT", "Thời gian", "Nhóm đối tượng", "Địa điểm", "Học viên", "Nữ", "Dân tộc thiểu số"],
        "rows": rows,
        "total": {
            "count": format_vnd(o.classes_held),
            "attendees": format_vnd(o.attendees),
            "women": format_vnd(o.women),
            "ethnic_minority": format_vnd(o.ethnic_minority),
        },
    }


def build_report_context(report: Report) -> dict[str, Any]:
    """Every value the BÁO CÁO template places (the template holds no figure)."""
    plan, results = report.plan, report.results
    agency = agency_in_sentence(plan)
    subject = _subject(plan)
    as_of = f"{results.as_of:%d/%m/%Y}"
    intro = (
        f"Thực hiện {_plan_reference(plan)} về việc thực hiện {subject}, {agency} báo cáo kết quả "
        f"thực hiện đến ngày {as_of} như sau:"
    )
    figures = _figure_lines(report)
    o = report.overall
    context = {
        "header": {
            **agency_header(plan),
            "number_line": number_line(plan, results.number),
            "place_date": f"{plan.place}, {date_words(results.date, results.as_of.year)}",
        },
        "doc_type": "BÁO CÁO",
        "title": f"Kết quả thực hiện {subject}",
        "intro": intro,
        "figures": figures,
        "comparison": _comparison(report),
        "held": _held_list(report),
        "disbursement_rate": "" if o.disbursement_rate is None else percent_vi(o.disbursement_rate),
        "as_of": as_of,
        "recipients": _listed(list(plan.recipients)),
        "signer": {
            "authority": plan.signer.authority or "",
            "position": plan.signer.position.upper(),
            "name": plan.signer.name,
        },
    }
    nfc: dict[str, Any] = nfc_deep(context)
    return nfc


def _listed(items: list[str]) -> list[str]:
    out = []
    for i, item in enumerate(items):
        body = _strip_end(item.lstrip("-–+• ").strip())
        out.append(f"- {body}{'.' if i == len(items) - 1 else ';'}")
    return out
