"""The BÁO CÁO kết quả thực hiện: the view model its Word template places.

Every figure is computed in `results/figures.build_report`; this module formats numbers,
assembles sentences and flattens table rows, as `kehoach_context.py` does for the KẾ HOẠCH.
The rendering itself is the plan's sandboxed `docx_render.render_docx`.

The BÁO CÁO: I. Kết quả thực hiện (figures, plan against actual), II. Đánh giá chung (kết
quả đạt được; tồn tại, hạn chế và nguyên nhân), III. Đề xuất, kiến nghị (from the results
file's `assessment`), the closing line, Nơi nhận and the signature, then an appendix listing
the classes held. Names, never ids; days as 15/12/2027.
"""

from __future__ import annotations

import importlib.resources
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from cap135.documents.kehoach_context import BLANK, agency_header, two_digits
from cap135.money import amount_in_words, format_vnd
from cap135.plan.agency import agency_in_sentence
from cap135.plan.model import Plan
from cap135.results.assessment import SECTIONS
from cap135.results.figures import Figures, Report, percent_vi
from cap135.results.names import day_vi, days_vi, entity_names, strip_end
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


def report_subject(plan: Plan) -> str:
    """What the report reports on, after 'Kết quả thực hiện': the plan's title without its
    leading 'Thực hiện' ('Tiểu dự án 3: …'), else 'Kế hoạch nâng cao năng lực …'."""
    title = strip_end(plan.title)
    if title.lower().startswith("thực hiện "):
        return title[len("thực hiện ") :]
    return f"Kế hoạch {_lower_first(title)}"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _cited_date(plan: Plan) -> str:
    """'ngày 10/3/2020', as a document cites another; blanks for what the plan does not say."""
    d = plan.date
    if d is None:
        return f"ngày{BLANK}/{BLANK}/{plan.year}"
    day = str(d.day) if d.day is not None else BLANK
    return f"ngày {day}/{d.month}/{d.year}"


def plan_reference(plan: Plan) -> str:
    """'Kế hoạch số 45/KH-BDT ngày 10/3/2020 của Ban Dân tộc', read from the plan; a number or
    a date the plan does not have is a blank to fill by hand."""
    number = BLANK if plan.number is None else f" {two_digits(plan.number)}"
    return f"Kế hoạch số{number}/KH-{plan.agency.code} {_cited_date(plan)} của {agency_in_sentence(plan)}"


def _percent(part: int | None, whole: int | None) -> str:
    if part is None or not whole:
        return ""
    return percent_vi(part / whole)


def _optional(value: int | None) -> str:
    return "" if value is None else format_vnd(value)


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
    """Plan against actual by group and tour. Its total adds money only: classes and tours,
    attendees and tour people are different things and are never summed into one figure."""
    plan = report.plan
    names = entity_names(plan)
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
    names = entity_names(report.plan)
    rows = [
        {
            "stt": str(i),
            "when": days_vi(row.first, row.last),
            "group": names.get(row.group, row.group_name),
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


def _assessment(report: Report, draft: bool) -> dict[str, list[str]]:
    """The paragraphs of Đánh giá chung and Đề xuất, kiến nghị; in a draft, a section still
    to write says so (the final report never renders without them: cli checks first)."""
    assessment = report.results.assessment
    out: dict[str, list[str]] = {}
    for key, heading in SECTIONS:
        paragraphs = [] if assessment is None else [p.strip() for p in getattr(assessment, key)]
        if not paragraphs and draft:
            paragraphs = [f"[Cần bổ sung: {heading.lower()}]"]
        out[key] = paragraphs
    return out


def build_report_context(report: Report, *, draft: bool = False) -> dict[str, Any]:
    """Every value the BÁO CÁO template places (the template holds no figure).

    `draft`: the copy marked DỰ THẢO that `report --draft` writes, sections still to write
    shown as such.
    """
    plan, results = report.plan, report.results
    agency = agency_in_sentence(plan)
    subject = report_subject(plan)
    as_of = day_vi(results.as_of)
    intro = (
        f"Thực hiện {plan_reference(plan)} về việc {_lower_first(strip_end(plan.title))}, {agency} báo cáo "
        f"kết quả thực hiện đến ngày {as_of} như sau:"
    )
    number = number_line(plan, results.number)
    reference = BLANK if results.number is None else f" {two_digits(results.number)}"
    issued = date_words(results.date, results.as_of.year)
    context = {
        "draft": draft,
        "draft_mark": "DỰ THẢO" if draft else "",
        "header": {
            **agency_header(plan),
            "number_line": number,
            "place_date": f"{plan.place}, {issued}",
        },
        "doc_type": "BÁO CÁO",
        "title": f"Kết quả thực hiện {subject}",
        "intro": intro,
        "figures": _figure_lines(report),
        "comparison": _comparison(report),
        "held": _held_list(report),
        "assessment": _assessment(report, draft),
        "closing": f"Trên đây là báo cáo kết quả thực hiện {subject} của {agency}./.",
        "appendix": {
            "title": "Phụ lục",
            "heading": "DANH SÁCH CÁC LỚP ĐÃ TỔ CHỨC",
            "subtitle": f"(Kèm theo Báo cáo số{reference}/{DOC_SYMBOL}-{plan.agency.code} {issued} "
            f"của {agency})",
        },
        "disbursement_rate": ""
        if report.overall.disbursement_rate is None
        else percent_vi(report.overall.disbursement_rate),
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
        body = strip_end(item.lstrip("-–+• ").strip())
        out.append(f"- {body}{'.' if i == len(items) - 1 else ';'}")
    return out
