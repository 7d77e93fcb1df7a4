"""The records of `cap135 report` and of the results roll-up: rows with their labels, in the
language of the run, ready for any writer (terminal table, CSV, xlsx)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cap135.budget.engine import PLAN_ENTITY
from cap135.messages import Lang, message
from cap135.results.figures import (
    DIMENSIONS,
    REPORT_DIMENSIONS,
    REPORT_KEYS,
    ROLLUP_KEYS,
    Report,
    ResultsSummary,
)
from cap135.results.names import day_vi, days_vi, entity_names, strip_end
from cap135.tables.records import Column, Note, Row, Sheet


@dataclass(frozen=True)
class Record:
    """One row of a tabular output: where it belongs, its label, its values by key."""

    dimension: str  # "overall" or a breakdown name
    key: str
    label: str
    values: dict[str, Any]


@dataclass(frozen=True)
class Records:
    """A titled list of records with their columns (key, header), ready for any writer."""

    title: str
    sheet: str
    scope_header: str
    columns: tuple[tuple[str, str], ...]
    rows: tuple[Record, ...]
    headings: dict[str, str]  # dimension → heading shown above its rows
    footer: str = ""


def _row_label(dimension: str, key: str, lang: Lang, names: dict[str, str]) -> str:
    if dimension == "overall":
        return message("sum-row-overall", lang)
    if dimension == "by_year":
        return message("sum-row-year", lang, {"year": key})
    if dimension == "by_group":
        return names.get(key, key)
    return message(f"sum-row-{key}", lang)


# Report columns whose header the summary already has.
_REPORT_HEADERS = {
    "tour_people": "sum-col-tour-people",
    "budget": "sum-col-budget",
    "ceiling": "sum-col-ceiling",
    "spent": "sum-col-spent",
}


def report_records(report: Report, lang: Lang) -> Records:
    names = entity_names(report.plan)  # a reader sees names, never the file's ids
    names[PLAN_ENTITY] = message("sum-row-plan", lang)
    rows = [Record("overall", "", _row_label("overall", "", lang, names), report.overall.as_dict())]
    for dimension in REPORT_DIMENSIONS:
        for key, fig in report.breakdown(dimension):
            rows.append(Record(dimension, key, _row_label(dimension, key, lang, names), fig.as_dict()))
    columns = tuple(
        (key, message(_REPORT_HEADERS.get(key, "report-col-" + key.replace("_", "-")), lang))
        for key in REPORT_KEYS
    )
    headings = {
        "by_group": message("report-by-group", lang),
        "by_level": message("sum-by-level", lang),
        "by_audience": message("sum-by-audience", lang),
    }
    return Records(
        title=message("report-title", lang, {"plan": strip_end(report.plan.title)}),
        sheet=message("sum-results-sheet", lang),
        scope_header=message("sum-col-scope", lang),
        columns=columns,
        rows=tuple(rows),
        headings=headings,
        footer=message("report-as-of", lang, {"day": day_vi(report.results.as_of)}),
    )


def held_sheet(report: Report, lang: Lang) -> Sheet:
    """The classes held, one row each (day, group, venue, attendees, women, ethnic minority),
    and their total: the second sheet of the report's workbook."""
    names = entity_names(report.plan)
    columns = (
        Column(message("out-col-stt", lang), width=6),
        Column(message("report-col-when", lang), width=24),
        Column(message("report-col-group", lang), width=36),
        Column(message("report-col-venue", lang), width=30),
        Column(message("report-col-attendees", lang), numeric=True, width=12),
        Column(message("report-col-women", lang), numeric=True, width=10),
        Column(message("report-col-ethnic-minority", lang), numeric=True, width=14),
    )
    rows = [
        Row(
            "line",
            (
                str(i),
                days_vi(row.first, row.last),
                names.get(row.group, row.group_name),
                row.venue,
                row.attendees,
                row.women,
                row.ethnic_minority,
            ),
        )
        for i, row in enumerate(report.held, start=1)
    ]
    o = report.overall
    total = message("report-held-total", lang, {"count": o.classes_held})
    rows.append(Row("total", ("", total, "", "", o.attendees, o.women, o.ethnic_minority)))
    return Sheet(
        name=message("report-held-sheet", lang),
        title=message("report-held-title", lang, {"plan": strip_end(report.plan.title)}),
        columns=columns,
        rows=tuple(rows),
        notes=(Note("footer", message("report-as-of", lang, {"day": day_vi(report.results.as_of)})),),
    )


def _plans(plans: list[tuple[str, int]], lang: Lang) -> list[str]:
    return [message("sum-row-plan-of", lang, {"agency": agency, "year": year}) for agency, year in plans]


def results_summary_records(summary: ResultsSummary, lang: Lang) -> Records:
    rows = [Record("overall", "", _row_label("overall", "", lang, {}), summary.overall.as_dict())]
    for dimension in ("by_year", "by_level", "by_audience"):
        for key, fig in summary.breakdown(dimension):
            rows.append(Record(dimension, key, _row_label(dimension, key, lang, {}), fig.as_dict()))
    header = {
        "classes": "sum-col-classes",
        "trainees": "sum-col-trainees",
        "tours": "sum-col-tours",
        "tour_people": "sum-col-tour-people",
        "spent": "sum-col-spent",
        "ceiling": "sum-col-ceiling",
    }
    return Records(
        title=message("sum-results-title", lang, {"count": len(summary.files)}),
        sheet=message("sum-results-sheet", lang),
        scope_header=message("sum-col-scope", lang),
        columns=tuple((key, message(header[key], lang)) for key in ROLLUP_KEYS),
        rows=tuple(rows),
        headings={d: message("sum-" + d.replace("_", "-"), lang) for d in DIMENSIONS},
        footer=message("sum-results-plans", lang, {"plans": "; ".join(_plans(summary.plans, lang))}),
    )
