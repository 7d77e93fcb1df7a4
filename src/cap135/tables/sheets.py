"""The records of each command, built once: cost, summary, diff and rates as sheets.

`sheet(record, lang)` dispatches on the record's type; a new record kind (the coming
`report`) registers one builder with `@sheet.register`. The JSON writer does not use
sheets: it writes the record's own `as_dict()`, which keeps ids and machine keys.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import singledispatch
from typing import Any, Literal

from cap135.budget.engine import PLAN_ENTITY, Budget
from cap135.budget.plan_diff import FieldChange, PlanDiff
from cap135.budget.provenance import Provenance
from cap135.budget.rate_tables import ProfileValue, Rate, RateTable
from cap135.messages import Lang, message
from cap135.money import amount_in_words
from cap135.plan.model import Plan
from cap135.results.plan_rollup import DIMENSIONS, KEYS, Summary
from cap135.tables.records import Column, Letterhead, Note, Row, Sheet, Signature, Value
from cap135.tables.results_records import Records

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
_NUMERALS = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)

COST_COLUMNS = ("stt", "item", "unit", "quantity", "rate", "amount", "basis")


def roman(n: int) -> str:
    """Section numbers I, II, … (Roman numerals at any size)."""
    if n <= len(ROMAN):
        return ROMAN[n - 1]
    out = []
    for value, numeral in _NUMERALS:
        while n >= value:
            out.append(numeral)
            n -= value
    return "".join(out)


def cost_headers(lang: Lang) -> tuple[str, ...]:
    """The dự toán's column headers (the document's appendix uses the Vietnamese ones)."""
    return tuple(message(f"out-col-{key}", lang) for key in COST_COLUMNS)


# --- records that are not already a single object ----------------------------------


@dataclass(frozen=True)
class CostRecord:
    """`cap135 cost`: the plan (for its title) and its budget."""

    plan: Plan
    budget: Budget
    lang: Lang = "vi"  # of the texts in the JSON (the assumptions)

    def as_dict(self) -> dict[str, object]:
        return self.budget.as_dict(self.lang)


@dataclass(frozen=True)
class RatesRecord:
    """`cap135 rates TABLE`: one rate table, its chain resolved (`unverified_only`: what remains
    to check, the profile values included)."""

    table: RateTable
    unverified_only: bool = False

    def rates(self) -> tuple[Rate, ...]:
        return tuple(r for r in self.table.all_rates() if not (self.unverified_only and r.verified))

    def profile(self) -> tuple[ProfileValue, ...]:
        if not self.unverified_only:
            return ()
        t = self.table
        return tuple(v for name in t.profile_names() for v in t.profile_by_name[name] if not v.verified)

    def as_dict(self) -> dict[str, object]:
        t = self.table
        rows = [
            {
                "key": r.key,
                "amount": r.amount,
                "unit": r.unit,
                "basis": r.basis,
                "from": r.valid_from.isoformat(),
                "to": r.valid_to.isoformat() if r.valid_to else None,
                "cap": r.cap,
                "verified": r.verified,
                "provisional": r.provisional,
                "source": _source(r.source),
                "table": r.table,
                "note": r.note,
            }
            for r in self.rates()
        ]
        out: dict[str, object] = {"id": t.id, "title": t.title, "chain": list(t.chain), "rates": rows}
        if self.unverified_only:
            out["profile"] = [
                {
                    "name": v.name,
                    "value": v.value,
                    "basis": v.basis,
                    "from": v.valid_from.isoformat(),
                    "to": v.valid_to.isoformat() if v.valid_to else None,
                    "verified": v.verified,
                    "source": _source(v.source),
                    "table": v.table,
                    "note": v.note,
                }
                for v in self.profile()
            ]
        return out


def _source(source: Provenance | None) -> dict[str, str] | None:
    return None if source is None else {"where": source.where, "quote": source.quote}


# --- builders ------------------------------------------------------------------------


@singledispatch
def sheet(record: Any, lang: Lang) -> Sheet:
    raise TypeError(f"no sheet for {type(record).__name__}")


def money_notes(total: int, ceiling: int | None, lang: Lang) -> tuple[Note, ...]:
    """Under a dự toán, as in the document's appendix: in words, the ceiling, the headroom."""
    dong = message("out-dong", lang)
    notes = [Note("words", message("out-words", lang), amount_in_words(total))]
    if ceiling is not None:
        notes.append(Note("ceiling", message("out-ceiling", lang), ceiling, dong))
        if ceiling >= total:
            notes.append(
                Note("headroom", message("out-headroom", lang), ceiling - total, dong, ("ceiling", "total"))
            )
        else:
            notes.append(
                Note("overrun", message("out-overrun", lang), total - ceiling, dong, ("total", "ceiling"))
            )
    return tuple(notes)


def assumption_notes(budget: Budget, lang: Lang) -> tuple[Note, ...]:
    """What the dự toán assumed (programme, learner support, sessions…), under its heading:
    review notes, for the officer checking it on the terminal, never printed on the paper."""
    if not budget.assumptions:
        return ()
    return (
        Note("assumptions", message("out-assumptions", lang), review=True),
        *(Note("assumption", "- " + a.text(lang), review=True) for a in budget.assumptions),
    )


_YEAR = re.compile(r"\bnăm\s+(\d{4})\b", re.IGNORECASE)


def _with_year(title: str, year: int) -> str:
    """The plan's title, naming its year ('… năm 2027') when the title does not."""
    title = title.rstrip().rstrip(".;:,")
    return title if _YEAR.search(title) else f"{title} năm {year}"


def _issue_date(plan: Plan, lang: Lang) -> str:
    """'Quảng Trị, ngày 05 tháng 02 năm 2027' (blanks when the plan has no date yet)."""
    blank = "    "  # with the spaces around it, the six of the document's blanks
    d = plan.date
    day = blank if d is None or d.day is None else f"{d.day:02d}"
    month = blank if d is None else f"{d.month:02d}" if d.month <= 2 else str(d.month)
    year = plan.year if d is None else d.year
    return message("out-place-date", lang, {"place": plan.place, "day": day, "month": month, "year": year})


def cost_letterhead(plan: Plan, lang: Lang) -> Letterhead:
    """The dự toán as a paper: the plan's agency, its name, what it is for."""
    return Letterhead(
        parent=plan.agency.parent or "",
        agency=plan.agency.name,
        name=message("out-cost-name", lang),
        about=(_with_year(plan.title, plan.year),),
        unit=message("out-unit-dong", lang),
    )


def cost_signature(plan: Plan, lang: Lang) -> Signature:
    """Người lập biểu, Kế toán trưởng (a commune's Phụ trách kế toán), Thủ trưởng đơn vị."""
    accountant = "out-sign-accountant-commune" if plan.agency.level == "commune" else "out-sign-accountant"
    how = message("out-sign-how", lang)
    return Signature(
        place_date=_issue_date(plan, lang),
        signers=(
            (message("out-sign-preparer", lang), how, ""),
            (message(accountant, lang), how, ""),
            (message("out-sign-head", lang), message("out-sign-how-head", lang), plan.signer.name),
        ),
    )


@sheet.register
def _cost(record: CostRecord, lang: Lang) -> Sheet:
    budget = record.budget
    headers = cost_headers(lang)
    columns = (
        Column(headers[0], width=6),
        Column(headers[1], width=48),
        Column(headers[2], width=12),
        Column(headers[3], numeric=True, width=12, role="quantity"),
        Column(headers[4], numeric=True, width=16, role="rate"),
        Column(headers[5], numeric=True, width=18, role="amount"),
        Column(headers[6], width=40),
    )
    rows: list[Row] = []
    for number, section in enumerate(budget.sections, start=1):
        rows.append(Row("section", (roman(number), section.title, "", None, None, section.subtotal, "")))
        rows.extend(
            Row(
                "line",
                (str(index), line.item, line.unit, line.quantity, line.rate, line.amount, line.basis),
                percent=line.unit == "%",
            )
            for index, line in enumerate(section.lines, start=1)
        )
    rows.append(Row("total", ("", message("out-total", lang), "", None, None, budget.total, "")))
    notes = (
        *money_notes(budget.total, budget.ceiling, lang),
        Note("table", message("out-table", lang), budget.table_title or budget.table_id),
        *assumption_notes(budget, lang),
    )
    return Sheet(
        name=message("out-cost-sheet", lang),
        title=message("out-cost-title", lang, {"title": record.plan.title}),
        columns=columns,
        rows=tuple(rows),
        notes=notes,
        formulas=True,
        letterhead=cost_letterhead(record.plan, lang),
        signature=cost_signature(record.plan, lang),
    )


def _row_label(dimension: str, key: str, lang: Lang) -> str:
    if dimension == "overall":
        return message("sum-row-overall", lang)
    if dimension == "by_year":
        return message("sum-row-year", lang, {"year": key})
    return message(f"sum-row-{key}", lang)


@sheet.register
def _summary(summary: Summary, lang: Lang) -> Sheet:
    widths = (10, 14, 10, 14, 16, 22, 22)
    columns = (
        Column(message("sum-col-scope", lang), width=40, min_width=14),
        *(
            Column(message(f"sum-col-{key.replace('_', '-')}", lang), numeric=True, width=width)
            for key, width in zip(KEYS, widths, strict=True)
        ),
    )

    def figures(label: str, values: dict[str, int | None]) -> tuple[Value, ...]:
        return (label, *(values[k] for k in KEYS))

    rows: list[Row] = []
    if summary.by_plan:
        rows.append(Row("heading", (message("sum-by-plan", lang),)))
        rows.extend(
            Row(
                "line",
                figures(
                    "  " + message("sum-row-plan-of", lang, {"agency": p.agency, "year": p.year}),
                    p.figures.as_dict(),
                ),
            )
            for p in summary.by_plan
        )
    rows.append(Row("total", figures(_row_label("overall", "", lang), summary.overall.as_dict())))
    for dimension in DIMENSIONS:
        breakdown = summary.breakdown(dimension)
        if breakdown:
            rows.append(Row("blank", ()))
            rows.append(Row("heading", (message("sum-" + dimension.replace("_", "-"), lang),)))
        rows.extend(
            Row("line", figures("  " + _row_label(dimension, key, lang), fig.as_dict()))
            for key, fig in breakdown
        )
    return Sheet(
        name=message("sum-sheet", lang),
        title=message("sum-title", lang, {"count": len(summary.plans)}),
        columns=columns,
        rows=tuple(rows),
        notes=_summary_notes(summary, lang),
    )


def _summary_notes(summary: Summary, lang: Lang) -> tuple[Note, ...]:
    """The sums of the Tổng cộng row, each labelled as what it is."""
    count = len(summary.by_plan)
    given = sum(1 for p in summary.by_plan if p.figures.ceiling is not None)
    dong = message("out-dong", lang)
    notes = []
    if summary.overall.ceiling is not None:
        code = "sum-note-ceiling" if given == count else "sum-note-ceiling-some"
        label = message(code, lang, {"count": count, "given": given})
        notes.append(Note("ceiling", label, summary.overall.ceiling, dong))
    notes.append(
        Note("total", message("sum-note-total", lang, {"count": count}), summary.overall.total, dong)
    )
    return tuple(notes)


@sheet.register
def _diff(diff: PlanDiff, lang: Lang) -> Sheet:
    """Four columns: what (headings, groups and tours by name, then their figures), old, new, difference."""
    rows: list[Row] = []

    def heading(code: str) -> None:
        if rows:
            rows.append(Row("blank", ()))
        rows.append(Row("heading", (message(code, lang),)))

    def figure(f: FieldChange, indent: str = "    ") -> None:
        label = indent + message(f"diff-field-{f.field}", lang)
        if isinstance(f.old, str) or isinstance(f.new, str):  # a name: old → new in the text column
            shown = " → ".join(str(v) for v in (f.old, f.new) if v is not None)
            rows.append(Row("line", (f"{label}: {shown}",)))
        else:
            rows.append(Row("line", (label, _figure(f.old), _figure(f.new), f.delta)))

    def changed(what: str, change: str) -> str:
        return f"{what} ({message(f'diff-{change}', lang)})"

    for code, entities in (("diff-groups", diff.groups), ("diff-tours", diff.tours)):
        if entities:
            heading(code)
        for entity in entities:
            rows.append(Row("section", ("  " + changed(entity.name or entity.key, entity.change),)))
            for f in entity.fields:
                figure(f)
    if diff.lines:
        heading("diff-lines")
    shown_entity = None
    for line in diff.lines:
        if line.entity != shown_entity:
            name = message("sum-row-plan", lang) if line.entity == PLAN_ENTITY else line.entity_name
            rows.append(Row("section", (f"  {name or line.entity}",)))
            shown_entity = line.entity
        rows.append(Row("line", ("    " + changed(line.item, line.change),)))
        for f in line.fields:
            figure(f, "      ")
    heading("diff-totals")
    figure(diff.total)
    if diff.ceiling.old != diff.ceiling.new:
        figure(diff.ceiling)
    codes = ("diff-col-what", "diff-col-old", "diff-col-new", "diff-col-delta")
    columns = (
        Column(message(codes[0], lang), width=60, min_width=24),
        Column(message(codes[1], lang), numeric=True, width=18),
        Column(message(codes[2], lang), numeric=True, width=18),
        Column(message(codes[3], lang), numeric=True, width=18, signed=True),
    )
    notes = (
        ()
        if diff.changed
        else (Note("none", message("diff-none", lang, {"old": diff.old, "new": diff.new})),)
    )
    return Sheet(
        name=message("diff-sheet", lang),
        title=message("diff-title", lang, {"old": diff.old, "new": diff.new}),
        columns=columns,
        rows=tuple(rows) if diff.changed else (),
        notes=notes,
    )


def _figure(value: Any) -> Value:
    if value is None or isinstance(value, int | float | str):
        return value
    return str(value)


@sheet.register
def _rates(record: RatesRecord, lang: Lang) -> Sheet:
    t = record.table
    codes = (
        "out-rates-key",
        "out-rates-amount",
        "out-col-unit",
        "out-col-basis",
        "out-rates-valid",
        "out-rates-verified",
        "out-rates-table",
    )
    if record.unverified_only:
        return _unverified(record, lang)
    columns = tuple(
        Column(message(code, lang), numeric=code == "out-rates-amount", width=w)
        for code, w in zip(codes, (22, 14, 14, 48, 26, 10, 16), strict=True)
    )
    rows = []
    for r in record.rates():
        verified = "✓" if r.verified else message("out-rates-unverified", lang)
        validity = _validity(r.valid_from, r.valid_to, lang)
        rows.append(Row("line", (r.key, r.amount, r.unit, r.basis, validity, verified, r.table)))
    return Sheet(
        name=message("out-rates-sheet", lang),
        title=f"{t.id} — {t.title}",
        columns=columns,
        rows=tuple(rows),
    )


def _validity(start: date, end: date | None, lang: Lang) -> str:
    if end:
        return f"{start:%d/%m/%Y} – {end:%d/%m/%Y}"
    return message("out-rates-from", lang, {"date": f"{start:%d/%m/%Y}"})


def _unverified(record: RatesRecord, lang: Lang) -> Sheet:
    """`cap135 rates --unverified`: each value still to check, with its note."""
    t = record.table
    codes = ("out-rates-key", "out-rates-amount", "out-col-unit", "out-col-basis", "out-rates-valid")
    columns = (
        *(
            Column(message(code, lang), numeric=code == "out-rates-amount", width=w)
            for code, w in zip(codes, (22, 12, 12, 36, 24), strict=True)
        ),
        Column(message("out-rates-table", lang), width=14),
        Column(message("out-rates-note", lang), width=60),
    )
    rows = [
        Row(
            "line",
            (r.key, r.amount, r.unit, r.basis, _validity(r.valid_from, r.valid_to, lang), r.table, r.note),
        )
        for r in record.rates()
    ]
    parameter = message("out-rates-profile", lang)
    rows += [
        Row(
            "line",
            (v.name, v.value, parameter, v.basis, _validity(v.valid_from, v.valid_to, lang), v.table, v.note),
        )
        for v in record.profile()
    ]
    return Sheet(
        name=message("out-rates-sheet", lang),
        title=f"{t.id} — {message('out-rates-unverified-title', lang)}",
        columns=columns,
        rows=tuple(rows),
    )


@sheet.register
def _records(records: Records, lang: Lang) -> Sheet:
    """A results report or a roll-up of results: its texts are already in its language."""
    return records_sheet(records)


def records_sheet(
    records: Records, keys: tuple[str, ...] | None = None, *, title: bool = True, footer: bool = True
) -> Sheet:
    """The records as a sheet: every column, or those of `keys` (a terminal shows the columns
    of a report a few at a time); `title` and `footer` say whether this part carries them."""
    chosen = tuple((k, h) for k, h in records.columns if keys is None or k in keys)
    columns = (
        Column(records.scope_header, width=36, min_width=14),
        *(
            Column(header, numeric=True, width=16, percent=key == "disbursement_rate")
            for key, header in chosen
        ),
    )
    rows: list[Row] = []
    current = "overall"
    for record in records.rows:
        if record.dimension != current:
            rows.append(Row("blank", ()))
            rows.append(Row("heading", (records.headings.get(record.dimension, record.dimension),)))
            current = record.dimension
        kind: Literal["total", "line"] = "total" if record.dimension == "overall" else "line"
        label = record.label if kind == "total" else "  " + record.label
        rows.append(Row(kind, (label, *(_figure(record.values[key]) for key, _ in chosen))))
    return Sheet(
        name=records.sheet,
        title=records.title if title else "",
        columns=columns,
        rows=tuple(rows),
        notes=(Note("footer", records.footer),) if records.footer and footer else (),
    )
