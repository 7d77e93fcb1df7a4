"""The view model: every value a KẾ HOẠCH template places, computed and formatted here.

Templates only place values: numbers are formatted, sentences assembled, table
rows flattened (one loop per table row). `cap135 render --context` prints this
dict, which is the documented contract for template authors.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from cap135.budget.engine import Budget, RateUse
from cap135.documents.agency_lines import agency_lines
from cap135.findings import Finding
from cap135.messages import message
from cap135.money import amount_in_words, format_vnd
from cap135.plan.agency import agency_in_sentence
from cap135.plan.model import (
    ClassRun,
    Group,
    Moment,
    Plan,
    Schedule,
    Tour,
    class_count,
    class_runs,
    periods_per_class,
)
from cap135.tables.sheets import cost_headers, roman
from cap135.text import nfc_deep

BLANK = "      "  # the gap an officer fills by hand when the number or date is not known yet
# List letters follow the Vietnamese alphabet: a, b, c, d, đ, e, g, h, i, k, … (no f, j, w, z;
# ă, â, ê, ô, ơ, ư are not used to number lists).
LIST_LETTERS = ("a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s")


def two_digits(n: int) -> str:
    return f"{n:02d}"


def number_line(plan: Plan) -> str:
    if plan.number is None:
        return f"Số:{BLANK}/KH-{plan.agency.code}"
    return f"Số: {two_digits(plan.number)}/KH-{plan.agency.code}"


def issue_date_words(plan: Plan) -> str:
    """'ngày 05 tháng 02 năm 2024': day < 10 and months 1–2 take a leading zero (NĐ 30/2020)."""
    d = plan.date
    if d is None:
        return f"ngày{BLANK}tháng{BLANK}năm {plan.year}"
    day = two_digits(d.day) if d.day is not None else BLANK
    month = two_digits(d.month) if d.month <= 2 else str(d.month)
    return f"ngày {day} tháng {month} năm {d.year}"


def schedule_words(start: Moment, end: Moment) -> str:
    """'tháng 5 - 6/2020', 'tháng 12/2024', 'từ ngày 02/12 đến ngày 20/12/2024'."""
    if start.day is None and end.day is None:
        if (start.year, start.month) == (end.year, end.month):
            return f"tháng {start.month}/{start.year}"
        if start.year == end.year:
            return f"tháng {start.month} - {end.month}/{end.year}"
        return f"tháng {start.month}/{start.year} - {end.month}/{end.year}"
    first, last = start.first_day, end.last_day
    if first == last:
        return f"ngày {first:%d/%m/%Y}"
    if first.year == last.year:
        return f"từ ngày {first:%d/%m} đến ngày {last:%d/%m/%Y}"
    return f"từ ngày {first:%d/%m/%Y} đến ngày {last:%d/%m/%Y}"


def _span(runs: list[ClassRun], fallback: Schedule | None) -> Schedule | None:
    if fallback is not None:
        return fallback
    if not runs:
        return None
    start = min((r.schedule.start for r in runs), key=lambda m: m.first_day)
    end = max((r.schedule.end for r in runs), key=lambda m: m.last_day)
    return Schedule.model_construct(start=start, end=end)


def _strip_end(text: str) -> str:
    return text.rstrip().rstrip(";.:,").rstrip()


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _listed(items: list[str], *, prefix: str = "- ") -> list[str]:
    """'- a;' … '- z.' as a Vietnamese enumeration is punctuated."""
    out = []
    for i, item in enumerate(items):
        body = _strip_end(item.lstrip("-–+• ").strip())
        out.append(f"{prefix}{body}{'.' if i == len(items) - 1 else ';'}")
    return out


def basis_lines(plan: Plan) -> list[str]:
    lines = []
    for i, text in enumerate(plan.legal_basis):
        body = _strip_end(text)
        if not body.lower().startswith("căn cứ"):
            body = f"Căn cứ {body}"
        lines.append(body + ("." if i == len(plan.legal_basis) - 1 else ";"))
    return lines


def _paragraph(text: str, level: int = 0) -> dict[str, Any]:
    return {"text": text, "level": level}


def group_item(number: int, group: Group) -> dict[str, Any]:
    runs = class_runs(group) or []
    n = class_count(group)
    trainees = sum(r.size * r.count for r in runs)
    paragraphs: list[dict[str, Any]] = []
    a, b, c, d, dd, e = LIST_LETTERS[:6]
    if isinstance(group.classes, int):
        size = group.class_size or 0
        paragraphs.append(
            _paragraph(
                f"{a}. Số lớp: Tổ chức {two_digits(n)} lớp ({size} học viên/lớp), "
                f"tổng số {format_vnd(trainees)} học viên."
            )
        )
    else:
        paragraphs.append(
            _paragraph(f"{a}. Số lớp: Tổ chức {two_digits(n)} lớp, tổng số {format_vnd(trainees)} học viên:")
        )
        rows = []
        for run in runs:
            when = schedule_words(run.schedule.start, run.schedule.end)
            rows.append(f"Lớp {run.index + 1}: {run.size} học viên, tại {run.venue.name} ({when})")
        paragraphs.extend(_paragraph(t, 1) for t in _listed(rows))
    paragraphs.append(_paragraph(f"{b}. Đối tượng: {_strip_end(group.trainees)}."))
    span = _span(runs, group.schedule)
    when = f" (dự kiến thực hiện vào {schedule_words(span.start, span.end)})" if span else ""
    paragraphs.append(_paragraph(f"{c}. Thời gian: {group.days} ngày/lớp{when}."))
    venues = list(dict.fromkeys(r.venue.name for r in runs))
    paragraphs.append(_paragraph(f"{d}. Địa điểm: Tại {', '.join(venues)}."))
    paragraphs.append(_paragraph(f"{dd}. Nội dung ({periods_per_class(group)} tiết/lớp):"))
    lessons = [f"{_strip_end(lesson.title)} ({lesson.periods} tiết)" for lesson in group.lessons]
    paragraphs.extend(_paragraph(t, 1) for t in _listed(lessons))
    paragraphs.append(_paragraph(f"{e}. Báo cáo viên: {_strip_end(group.speakers.text)}."))
    return {"heading": f"{number}. {_strip_end(group.name)}:", "paragraphs": paragraphs}


def tour_item(number: int, tour: Tour) -> dict[str, Any]:
    paragraphs = []
    if tour.description:
        paragraphs.append(_paragraph(tour.description))
    staff = f" và {tour.staff} {tour.staff_label}" if tour.staff else ""
    paragraphs.append(
        _paragraph(
            f"Đoàn tham quan có {tour.people} người ({tour.trainees} học viên{staff}), "
            f"thời gian tham quan {tour.days} ngày kể cả đi và về."
        )
    )
    where = f"Địa điểm: {_strip_end(tour.destination.name)}"
    if tour.schedule is not None:
        where += f"; dự kiến thực hiện vào {schedule_words(tour.schedule.start, tour.schedule.end)}"
    paragraphs.append(_paragraph(where + "."))
    return {"heading": f"{number}. {_strip_end(tour.name)}:", "paragraphs": paragraphs}


def agency_header(plan: Plan) -> dict[str, Any]:
    """The agency block of a document's header: the names, and each as lines kept whole."""
    parent = (plan.agency.parent or "").upper()
    name = plan.agency.name.upper()
    return {
        "parent_agency": parent,
        "agency_name": name,
        "parent_lines": agency_lines(parent, bold=False),
        "agency_lines": agency_lines(name, bold=True),
    }


# Warnings the draft lists one by one elsewhere (each rate with its note), not as a sentence.
_LISTED_BY_RATE = frozenset({"rates-unverified", "rates-provisional"})


def _rate_note(use: RateUse) -> str:
    rate = use.rate
    code = "draft-rate-provisional" if rate.provisional else "draft-rate-unverified"
    args = {
        "item": use.item,
        "rate": message(f"rate-per-{rate.unit}", "vi", {"amount": format_vnd(rate.amount)}),
        "basis": rate.basis,
        "note": rate.note or "",
    }
    return message(code, "vi", args).rstrip()


def review_notes(budget: Budget, warnings: Sequence[Finding] = ()) -> list[str]:
    """What the finance officer checks in a draft: every assumption, every unverified or
    provisional rate with its note, and the plan's warnings (placeholders, stale bases …)."""
    notes = [message("draft-assumption", "vi", {"text": a.text("vi")}) for a in budget.assumptions]
    notes += dict.fromkeys(_rate_note(use) for use in budget.to_check)  # one line per distinct rate
    notes += [
        message("draft-warning", "vi", {"text": message(f.code, "vi", f.args)})
        for f in warnings
        if not f.is_error and f.code not in _LISTED_BY_RATE
    ]
    return [f"{i}. {text}" for i, text in enumerate(notes, start=1)]


def appendix(
    plan: Plan, budget: Budget, *, draft: bool = False, warnings: Sequence[Finding] = ()
) -> dict[str, Any]:
    number = two_digits(plan.number) if plan.number is not None else BLANK
    subtitle = (
        f"(Kèm theo Kế hoạch số {number}/KH-{plan.agency.code} {issue_date_words(plan)} "
        f"của {agency_in_sentence(plan)})"
    )
    content = [text for a in budget.assumptions if (text := a.content("vi")) is not None]
    sections = []
    for index, section in enumerate(budget.sections, start=1):
        lines = [
            {
                "stt": str(i),
                "item": line.item,
                "unit": line.unit,
                "quantity": format_vnd(line.quantity),
                "rate": format_vnd(line.rate),
                "amount": format_vnd(line.amount),
                "basis": line.basis,
            }
            for i, line in enumerate(section.lines, start=1)
        ]
        sections.append(
            {
                "stt": roman(index),
                "title": section.title,
                "subtotal": format_vnd(section.subtotal),
                "lines": lines,
            }
        )
    return {
        "title": "Phụ lục",
        "heading": "DỰ TOÁN KINH PHÍ",
        "subtitle": subtitle,
        "columns": list(cost_headers("vi")),
        "sections": sections,
        "total": format_vnd(budget.total),
        "total_words": amount_in_words(budget.total),
        # how the figures were counted, as plan content (issue 20); review notes only in a draft
        "notes_title": message("content-notes-title", "vi"),
        "notes": [f"{i}. {text}" for i, text in enumerate(content, start=1)],
        "review_title": message("draft-notes-title", "vi") if draft else "",
        "review": review_notes(budget, warnings) if draft else [],
    }


def build_context(
    plan: Plan, budget: Budget, *, draft: bool = False, warnings: Sequence[Finding] = ()
) -> dict[str, Any]:
    """The KẾ HOẠCH's view model: the document for signature, or (`draft`) its review copy.

    `warnings`: the plan's warnings, listed in a draft's review notes.
    """
    total_words = amount_in_words(budget.total)
    items = [group_item(i, g) for i, g in enumerate(plan.groups, start=1)]
    items += [tour_item(len(items) + i, t) for i, t in enumerate(plan.tours, start=1)]
    intro = plan.intro or (
        f"{agency_in_sentence(plan)} xây dựng kế hoạch {_lower_first(_strip_end(plan.title))} như sau:"
    )
    requirements = list(plan.requirements)
    context = {
        "draft": draft,
        "draft_mark": message("draft-mark", "vi") if draft else "",
        "header": {
            **agency_header(plan),
            "number_line": number_line(plan),
            "place_date": f"{plan.place}, {issue_date_words(plan)}",
        },
        "doc_type": "KẾ HOẠCH",
        "title": plan.title,
        "basis_lines": basis_lines(plan),
        "intro": intro,
        "purposes": _listed(list(plan.purposes)),
        "requirements": _listed(requirements) if len(requirements) > 1 else requirements,
        "content_items": items,
        "budget": {
            "total": format_vnd(budget.total),
            "total_words": total_words,
            "lines": [
                f"Tổng kinh phí: {format_vnd(budget.total)} đồng (Bằng chữ: {total_words}).",
                f"Nguồn vốn: {_strip_end(plan.funding.source)}.",
                "Chi tiết theo Phụ lục dự toán kinh phí kèm theo.",
            ],
        },
        "organization": list(plan.organization),
        "recipients": _listed(list(plan.recipients)),
        "signer": {
            "authority": plan.signer.authority or "",
            "position": plan.signer.position.upper(),
            "name": plan.signer.name,
        },
        "appendix": appendix(plan, budget, draft=draft, warnings=warnings),
    }
    normalized: dict[str, Any] = nfc_deep(context)
    return normalized
