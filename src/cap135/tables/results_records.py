"""The records of `cap135 report` and of the results roll-up: rows with their labels, in the
language of the run, ready for any writer (terminal table, CSV, xlsx)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cap135.messages import Lang, message
from cap135.results.figures import (
    DIMENSIONS,
    REPORT_DIMENSIONS,
    REPORT_KEYS,
    ROLLUP_KEYS,
    Report,
    ResultsSummary,
)


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
    names = {g.id: f"{g.id}" for g in report.plan.groups}
    names["chung"] = message("sum-row-plan", lang)
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
        title=message("report-title", lang, {"plan": report.plan_file}),
        sheet=message("sum-results-sheet", lang),
        scope_header=message("sum-col-scope", lang),
        columns=columns,
        rows=tuple(rows),
        headings=headings,
        footer=message("report-as-of", lang, {"day": report.results.as_of.isoformat()}),
    )


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
        footer=message("sum-results-files", lang, {"files": ", ".join(summary.files)}),
    )
