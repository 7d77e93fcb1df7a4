"""`cap135 summary`: the roll-up a province publishes in its reviews, over one or more plans.

Figures (money in whole đồng, int):

- classes      number of classes (lớp)
- trainees     lượt học viên: the sum of the class sizes
- periods      the sum over classes of each class's lesson periods (tiết)
- tours        number of study tours (đoàn tham quan)
- tour_people  people on the tours: trainees and accompanying staff
- ceiling      kinh phí được giao: the sum of the plans' ceilings (a plan without one adds
               nothing; null when no plan has one)
- total        the costed total (tổng dự toán)

Every breakdown partitions the overall figures, so its rows add up to the overall row:

- by_year      per plan year; ceilings and totals are the plans' own.
- by_level     per class venue level (province, district, commune): class figures, and the cost
               of the group lines, each class costed at its own level. Where one group's classes
               sit at several levels, the group's hand-entered extra lines and overridden
               quantities (stated for the group as a whole) go to the level of the group's
               venue (when one of its classes is there), else of its first class. Two more
               rows hold what has no venue level: "tours" (tour counts, tour people and the
               tour lines) and "plan" (plan-wide percentage lines: management, contingency),
               the latter only when present.
- by_audience  per group audience (cadres, community), with the same "tours" and "plan" rows.

ceiling is null in by_level and by_audience: a ceiling is assigned to a plan, not to a level.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .cost import PLAN_LEVEL, TOUR_LEVEL, Budget
from .messages import Lang, message
from .model import ClassRun, Plan, class_runs, periods_per_class
from .pipeline import Analysis

KEYS = ("classes", "trainees", "periods", "tours", "tour_people", "ceiling", "total")
LEVELS = ("province", "district", "commune")
AUDIENCES = ("cadres", "community")
TOURS = "tours"
PLAN_WIDE = "plan"
DIMENSIONS = ("by_year", "by_level", "by_audience")


@dataclass
class Figures:
    classes: int = 0
    trainees: int = 0
    periods: int = 0
    tours: int = 0
    tour_people: int = 0
    ceiling: int | None = None
    total: int = 0

    def add_ceiling(self, amount: int | None) -> None:
        if amount is not None:
            self.ceiling = (self.ceiling or 0) + amount

    def add_class(self, run: ClassRun) -> None:
        self.classes += run.count
        self.trainees += run.size * run.count
        self.periods += periods_per_class(run.group) * run.count

    def as_dict(self) -> dict[str, int | None]:
        return {key: getattr(self, key) for key in KEYS}


@dataclass
class Summary:
    plans: list[str] = field(default_factory=list)
    overall: Figures = field(default_factory=Figures)
    by_year: dict[int, Figures] = field(default_factory=dict)
    by_level: dict[str, Figures] = field(default_factory=dict)
    by_audience: dict[str, Figures] = field(default_factory=dict)

    def breakdown(self, dimension: str) -> list[tuple[str, Figures]]:
        """The rows of one breakdown in a fixed order: years ascending, then the known keys."""
        if dimension == "by_year":
            return [(str(year), self.by_year[year]) for year in sorted(self.by_year)]
        order = LEVELS if dimension == "by_level" else AUDIENCES
        table = self.by_level if dimension == "by_level" else self.by_audience
        return [(key, table[key]) for key in (*order, TOURS, PLAN_WIDE) if key in table]

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"plans": list(self.plans), **self.overall.as_dict()}
        for dimension in DIMENSIONS:
            out[dimension] = {key: fig.as_dict() for key, fig in self.breakdown(dimension)}
        return out


def summarize(analyses: Iterable[Analysis]) -> Summary:
    """Roll up plans that passed validation (each must have a plan and a budget)."""
    out = Summary()
    for analysis in analyses:
        plan, budget = analysis.plan, analysis.budget
        if plan is None or budget is None:
            raise ValueError(f"{analysis.source.name}: only valid plans can be summarised")
        out.plans.append(analysis.source.name)
        _add_plan(out, plan, budget)
    return out


def _add_plan(out: Summary, plan: Plan, budget: Budget) -> None:
    year = out.by_year.setdefault(plan.year, Figures())
    for fig in (out.overall, year):
        fig.add_ceiling(plan.funding.ceiling)
        fig.total += budget.total

    def level(key: str) -> Figures:
        return out.by_level.setdefault(key, Figures())

    def audience(key: str) -> Figures:
        return out.by_audience.setdefault(key, Figures())

    for group in plan.groups:
        for run in class_runs(group) or []:
            for fig in (out.overall, year, level(run.venue.level), audience(group.audience)):
                fig.add_class(run)
    for tour in plan.tours:
        for fig in (out.overall, year, level(TOURS), audience(TOURS)):
            fig.tours += 1
            fig.tour_people += tour.people
    # money: a group-by over the cost lines, which carry their venue level and audience
    for line in budget.lines:
        level(_ROW.get(line.level, line.level)).total += line.amount
        audience(_ROW.get(line.audience, line.audience)).total += line.amount


# cost-line dimension values → the rows of the summary
_ROW = {TOUR_LEVEL: TOURS, PLAN_LEVEL: PLAN_WIDE}


# --- output -----------------------------------------------------------------------


def summary_json(summary: Summary) -> str:
    return json.dumps(summary.as_dict(), ensure_ascii=False, indent=2) + "\n"


def _row_label(dimension: str, key: str, lang: Lang) -> str:
    if dimension == "overall":
        return message("sum-row-overall", lang)
    if dimension == "by_year":
        return message("sum-row-year", lang, {"year": key})
    return message(f"sum-row-{key}", lang)


def _heading_code(dimension: str) -> str:
    return "sum-" + dimension.replace("_", "-")


def rows(summary: Summary, lang: Lang) -> list[tuple[str, str, str, Figures]]:
    """(dimension, key, label, figures): the overall row, then each breakdown."""
    out = [("overall", "", _row_label("overall", "", lang), summary.overall)]
    for dimension in DIMENSIONS:
        for key, fig in summary.breakdown(dimension):
            out.append((dimension, key, _row_label(dimension, key, lang), fig))
    return out


def _headers(lang: Lang) -> list[str]:
    return [message(f"sum-col-{key.replace('_', '-')}", lang) for key in KEYS]


def summary_csv(summary: Summary, lang: Lang) -> str:
    """UTF-8 CSV, one row per figure set (the caller adds the BOM for Excel)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["dimension", "key", "label", *KEYS])
    for dimension, key, label, fig in rows(summary, lang):
        values = fig.as_dict()
        writer.writerow([dimension, key, label, *("" if values[k] is None else values[k] for k in KEYS)])
    return buffer.getvalue()


def summary_xlsx(summary: Summary, lang: Lang) -> bytes:
    """One sheet: a header, the overall row, then each breakdown under its heading."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    from .render.tabular import _reproducible_xlsx

    wb = Workbook()
    ws = wb.active
    ws.title = message("sum-sheet", lang)
    bold = Font(name="Times New Roman", bold=True)
    normal = Font(name="Times New Roman")
    ws.append([message("sum-title", lang, {"count": len(summary.plans)})])
    ws["A1"].font = bold
    ws.append([message("sum-plans", lang, {"files": ", ".join(summary.plans)})])
    ws.append([message("sum-col-scope", lang), *_headers(lang)])
    header_row = 3
    for cell in ws[header_row]:
        cell.font = bold
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    current = None
    for dimension, _key, label, fig in rows(summary, lang):
        if dimension != current and dimension != "overall":
            ws.append([message(_heading_code(dimension), lang)])
            ws.cell(row=ws.max_row, column=1).font = bold
        current = dimension
        values = fig.as_dict()
        ws.append([label, *(values[k] for k in KEYS)])
        font = bold if dimension == "overall" else normal
        for cell in ws[ws.max_row]:
            cell.font = font
    for cells in ws.iter_rows(min_row=header_row + 1, min_col=2, max_col=len(KEYS) + 1):
        for cell in cells:
            cell.number_format = "#,##0"
    ws.freeze_panes = f"B{header_row + 1}"  # a string: ws.cell() would add an empty row
    widths = (40, 10, 14, 10, 14, 16, 22, 22)
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    wb.properties.creator = "cap135"
    return _reproducible_xlsx(wb)


def print_summary(summary: Summary, lang: Lang) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from .money import format_vnd

    console = Console(highlight=False)
    table = Table(
        title=message("sum-title", lang, {"count": len(summary.plans)}),
        title_justify="left",
        box=None,
        pad_edge=False,
        collapse_padding=True,
        header_style="bold",
    )
    body = rows(summary, lang)
    cells = {
        id(fig): ["" if value is None else format_vnd(value) for value in fig.as_dict().values()]
        for *_, fig in body
    }
    table.add_column(message("sum-col-scope", lang), overflow="fold", min_width=12)
    for index, header in enumerate(_headers(lang)):
        widest = max(len(c[index]) for c in cells.values())
        longest_word = max(len(word) for word in header.split())
        table.add_column(header, justify="right", width=max(widest, longest_word, 4))
    current = None
    for dimension, _key, label, fig in body:
        if dimension != current and dimension != "overall":
            table.add_row()
            heading = message(_heading_code(dimension), lang)
            table.add_row(f"[bold]{escape(heading)}[/bold]")
        current = dimension
        if dimension == "overall":
            table.add_row(f"[bold]{escape(label)}[/bold]", *(f"[bold]{c}[/bold]" for c in cells[id(fig)]))
        else:
            table.add_row(f"  {escape(label)}", *cells[id(fig)])
    console.print(table)
    console.print(
        message("sum-plans", lang, {"files": ", ".join(summary.plans)}), markup=False, soft_wrap=True
    )
