"""The results file (schema v1): what was actually held, beside the approved plan.

A results file names its plan (`plan:`, relative to the results file) and lists the classes
and tours held and the money disbursed per group or tour id. It is recognised by its `plan:`
key. `analyze_results` validates it together with its plan and returns findings positioned in
the results file, in the same shape as `analysis.Analysis` (source + findings).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    StrictInt,
    Tag,
    ValidationError,
    WithJsonSchema,
)

from cap135.budget import analysis
from cap135.budget.analysis import Analysis
from cap135.budget.engine import Budget
from cap135.findings import Finding, error, has_errors, warning
from cap135.messages import ByLang
from cap135.plan.choices import LEVEL
from cap135.plan.model import (
    MAX_COUNT,
    ClassRun,
    Count,
    Group,
    Id,
    Moment,
    Money,
    Plan,
    Text,
    Venue,
    class_runs,
)
from cap135.plan.structure import finding_for_error, show_value
from cap135.plan.yaml_loader import Loaded, Source, UnreadableFile, visible
from cap135.results.assessment import SECTIONS, STARTER, Assessment, placeholder_warnings
from cap135.results.file_reader import read_input

NonNegative = Annotated[StrictInt, Field(ge=0, le=MAX_COUNT)]
DATE_FIELDS = frozenset({"held", "as_of", "date", "from", "to"})
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def _to_day(value: Any) -> date:
    if isinstance(value, date) and not hasattr(value, "hour"):
        return value
    if isinstance(value, str) and (m := _DAY.match(value.strip())):
        return date(int(m[1]), int(m[2]), int(m[3]))  # ValueError for 2021-06-31
    raise ValueError("expected a day YYYY-MM-DD")


Day = Annotated[
    date,
    BeforeValidator(_to_day),
    WithJsonSchema({"type": "string", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}),
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Span(_Model):
    """Từ ngày … đến ngày …"""

    start: Day = Field(alias="from", description="Ngày bắt đầu (YYYY-MM-DD)")
    end: Day = Field(alias="to", description="Ngày kết thúc (YYYY-MM-DD)")


Held = Annotated[
    Annotated[Day, Tag("~day")] | Annotated[Span, Tag("~span")],
    Discriminator(lambda v: "~span" if isinstance(v, dict | Span) else "~day"),
]


def first_day(held: date | Span) -> date:
    return held.start if isinstance(held, Span) else held


def last_day(held: date | Span) -> date:
    return held.end if isinstance(held, Span) else held


class HeldClass(_Model):
    """Một lớp đã tổ chức."""

    group: Id = Field(description="Mã nhóm trong kế hoạch, ví dụ: cong-dong")
    held: Held = Field(description="Ngày tổ chức (YYYY-MM-DD) hoặc {from: …, to: …}")
    venue: Venue | None = Field(
        default=None, description="Địa điểm thực tế; mặc định: địa điểm trong kế hoạch"
    )
    attendees: Count = Field(description="Số học viên tham dự")
    women: NonNegative | None = Field(default=None, description="Trong đó: số học viên nữ")
    ethnic_minority: NonNegative | None = Field(
        default=None, description="Trong đó: số học viên là người dân tộc thiểu số"
    )


class HeldTour(_Model):
    """Một đoàn tham quan đã đi."""

    tour: Id = Field(description="Mã đoàn trong kế hoạch (tour-1, tour-2, … nếu kế hoạch không đặt mã)")
    held: Held = Field(description="Ngày đi (YYYY-MM-DD) hoặc {from: …, to: …}")
    people: Count = Field(description="Số người thực tế của đoàn (học viên và cán bộ đi cùng)")


class Results(_Model):
    """Kết quả thực hiện kế hoạch (schema v1)."""

    version: Literal[1] = Field(description="Phiên bản định dạng tệp kết quả")
    plan: Text = Field(description="Tệp kế hoạch đã phê duyệt, đường dẫn tính từ tệp này")
    as_of: Day = Field(description="Ngày chốt số liệu báo cáo (YYYY-MM-DD)")
    number: Annotated[StrictInt, Field(gt=0, le=99999)] | None = Field(
        default=None, description="Số văn bản báo cáo (để trống nếu chưa cấp số)"
    )
    date: Day | None = Field(default=None, description="Ngày ban hành báo cáo (YYYY-MM-DD)")
    classes: list[HeldClass] = Field(default_factory=list, description="Các lớp đã tổ chức")
    tours: list[HeldTour] = Field(default_factory=list, description="Các đoàn tham quan đã đi")
    spent: dict[Id, Money] = Field(
        default_factory=dict,
        description="Kinh phí đã giải ngân (đồng), theo mã nhóm hoặc mã đoàn",
        json_schema_extra={"propertyNames": {"pattern": r"^[a-z0-9][a-z0-9_-]{0,63}$"}},  # as model.Id
    )
    assessment: Assessment | None = Field(
        default=None,
        description="Đánh giá chung (kết quả đạt được; tồn tại, hạn chế và nguyên nhân) và đề xuất, "
        "kiến nghị của báo cáo",
    )


@dataclass(frozen=True)
class ResultsAnalysis:
    """A results file validated with its plan; `source` and `findings` as in `Analysis`."""

    path: Path
    source: Source
    results: Results | None
    planned: Analysis | None
    findings: tuple[Finding, ...]

    @property
    def ok(self) -> bool:
        return (
            self.results is not None
            and self.planned is not None
            and self.planned.plan is not None
            and self.planned.budget is not None
            and not has_errors(self.findings)
        )

    @property
    def plan(self) -> Plan | None:
        return None if self.planned is None else self.planned.plan

    @property
    def budget(self) -> Budget | None:
        return None if self.planned is None else self.planned.budget


# --- structure ---------------------------------------------------------------------


def _field_names() -> tuple[str, ...]:
    names: set[str] = set()
    for model in (Results, HeldClass, HeldTour, Span, Venue, Assessment):
        names.update(info.alias or name for name, info in model.model_fields.items())
    return tuple(sorted(names))


def _structural(err: dict[str, Any]) -> Finding:
    finding = finding_for_error(err)
    path = finding.path
    field = next((p for p in reversed(path) if isinstance(p, str)), "")
    if err["type"] == "value_error" and field in DATE_FIELDS:
        return error("results-bad-day", path, got=show_value(err.get("input")))
    if finding.code == "unknown-key":
        key = str(finding.args.get("key", ""))
        match = difflib.get_close_matches(key, _field_names(), n=1, cutoff=0.6)
        args = {"key": key, "suggestion": match[0]} if match else {"key": key}
        return Finding("error", "unknown-key", args, path, key=True)
    return finding


def build_results(data: Any) -> tuple[Results | None, tuple[Finding, ...]]:
    """Validate loaded data into Results; all structural problems at once."""
    try:
        return Results.model_validate(data), ()
    except ValidationError as exc:
        unique: dict[tuple[str, tuple[Any, ...], str], Finding] = {}
        for err in exc.errors(include_url=False):
            finding = _structural(dict(err))
            unique.setdefault((finding.code, finding.path, repr(sorted(finding.args.items()))), finding)
        return None, tuple(unique.values())


# --- against the plan --------------------------------------------------------------


def actual_venue(group: Group | None, nth: int, given: Venue | None) -> Venue | None:
    """Where the `nth` (0-based) class held of a group took place: as given, else the venue of
    the group's `nth` planned class (its last one for classes beyond the plan)."""
    if given is not None:
        return given
    runs = class_runs(group) if group is not None else None
    if not runs:
        return None
    for run in runs:  # a counted run stands for `count` classes: never expanded
        if nth < run.count:
            return run.venue
        nth -= run.count
    return runs[-1].venue


def planned_amounts(budget: Budget) -> dict[str, int]:
    """The dự toán of each group or tour id: the sum of its cost lines."""
    out: dict[str, int] = {}
    for line in budget.lines:
        out[line.entity] = out.get(line.entity, 0) + line.amount
    return out


def _suggest(word: str, choices: list[str]) -> dict[str, str]:
    match = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return {"suggestion": match[0]} if match else {}


def _dates(held: date | Span, path: tuple[str | int, ...], year: int, as_of: date) -> list[Finding]:
    found = []
    if isinstance(held, Span) and held.start > held.end:
        found.append(error("results-span-reversed", path, start=str(held.start), end=str(held.end)))
    for day in dict.fromkeys((first_day(held), last_day(held))):
        if day.year != year:
            found.append(error("results-date-outside-year", path, day=str(day), year=year))
        elif day > as_of:
            found.append(error("results-date-after-as-of", path, day=str(day), as_of=str(as_of)))
    return found


def _month_span(run: ClassRun) -> tuple[date, date]:
    """The planned months of a class run: from the first day of its first month to the last
    day of its last (a schedule in days still plans its months)."""
    start, end = run.schedule.start, run.schedule.end
    last = Moment(end.year, end.month).last_day
    return date(start.year, start.month, 1), last


def _outside_schedule(held: date | Span, runs: list[ClassRun]) -> str | None:
    """The day a class was held (its first, or its last) outside every planned month of its
    group, or None when it lies within the months of one of its runs."""
    first, last = first_day(held), last_day(held)
    spans = [_month_span(run) for run in runs]
    if not spans or any(start <= first and last <= end for start, end in spans):
        return None
    inside_one = any(start <= first <= end for start, end in spans)
    return str(last if inside_one else first)


def _months(runs: list[ClassRun]) -> str:
    """The planned months of a group as a message shows them: '05/2020 - 06/2020, 08/2020'."""
    shown = []
    for run in runs:
        start, end = run.schedule.start, run.schedule.end
        first, last = f"{start.month:02d}/{start.year}", f"{end.month:02d}/{end.year}"
        shown.append(first if first == last else f"{first} - {last}")
    return ", ".join(dict.fromkeys(shown))


def check_results(results: Results, plan: Plan, budget: Budget) -> tuple[Finding, ...]:
    """The semantic checks of a results file against its (valid) plan."""
    found: list[Finding] = []
    groups = {g.id: g for g in plan.groups}
    tours = {plan.tour_id(i): t for i, t in enumerate(plan.tours)}
    held_per_group: dict[str, int] = {}
    for i, held in enumerate(results.classes):
        path: tuple[str | int, ...] = ("classes", i)
        group = groups.get(held.group)
        if group is None:
            args = {"id": visible(held.group), **_suggest(held.group, list(groups))}
            found.append(error("results-unknown-group", (*path, "group"), **args))
        found.extend(_dates(held.held, (*path, "held"), plan.year, results.as_of))
        for part in ("women", "ethnic_minority"):
            value = getattr(held, part)
            if value is not None and value > held.attendees:
                found.append(
                    error(
                        f"results-{part.replace('_', '-')}-above-attendees",
                        (*path, part),
                        count=value,
                        attendees=held.attendees,
                    )
                )
        if group is None:
            continue
        nth = held_per_group.get(group.id, 0)
        held_per_group[group.id] = nth + 1
        runs = class_runs(group) or []
        planned = sum(run.count for run in runs)
        if nth == planned:  # the first class beyond the plan
            found.append(warning("results-more-classes", (*path, "group"), id=group.id, planned=planned))
        outside = _outside_schedule(held.held, runs)
        if outside is not None:
            found.append(
                warning(
                    "results-outside-schedule",
                    (*path, "held"),
                    id=group.id,
                    day=outside,
                    months=_months(runs),
                )
            )
        size = max((run.size for run in runs), default=0)
        if runs and held.attendees > size:
            found.append(
                warning("results-above-class-size", (*path, "attendees"), attendees=held.attendees, size=size)
            )
    held_per_tour: dict[str, int] = {}
    for i, trip in enumerate(results.tours):
        path = ("tours", i)
        tour = tours.get(trip.tour)
        if tour is None:
            args = {"id": visible(trip.tour), **_suggest(trip.tour, list(tours))}
            found.append(error("results-unknown-tour", (*path, "tour"), **args))
        found.extend(_dates(trip.held, (*path, "held"), plan.year, results.as_of))
        if tour is None:
            continue
        held_per_tour[trip.tour] = held_per_tour.get(trip.tour, 0) + 1
        if held_per_tour[trip.tour] == 2:
            found.append(warning("results-more-tours", (*path, "tour"), id=trip.tour))
        if trip.people > tour.people:
            found.append(
                warning("results-above-tour-size", (*path, "people"), people=trip.people, planned=tour.people)
            )
    amounts = planned_amounts(budget)
    for key, value in results.spent.items():
        if key not in groups and key not in tours:
            args = {"id": visible(key), **_suggest(key, [*groups, *tours])}
            found.append(Finding("error", "results-unknown-spent", args, ("spent", key), key=True))
        elif value > amounts.get(key, 0):
            found.append(
                warning(
                    "results-spent-above-budget",
                    ("spent", key),
                    id=key,
                    spent=value,
                    budget=amounts.get(key, 0),
                )
            )
    found.extend(placeholder_warnings(results.assessment))
    total = sum(results.spent.values())
    ceiling = plan.funding.ceiling
    if ceiling is not None and total > ceiling:
        found.append(
            Finding(
                "error",
                "results-spent-above-ceiling",
                {"spent": total, "ceiling": ceiling},
                ("spent",),
                key=True,
            )
        )
    return tuple(found)


def _format_args(findings: tuple[Finding, ...]) -> tuple[Finding, ...]:
    """Money in messages as Vietnamese numbers (1.251.000.000)."""
    from dataclasses import replace

    from cap135.money import format_vnd

    out = []
    for f in findings:
        args = {
            k: format_vnd(v) if k in {"spent", "budget", "ceiling"} and isinstance(v, int) else v
            for k, v in f.args.items()
        }
        out.append(replace(f, args=args))
    return tuple(out)


_PLAN_REASONS = frozenset({"not-found", "is-directory", "permission"})  # as loader.UnreadableFile


def analyze_results(path: Path, display: str | None = None, loaded: Loaded | None = None) -> ResultsAnalysis:
    """Everything cap135 knows about one results file (`loaded`: already read).

    Raises only UnreadableFile.
    """
    loaded = loaded or read_input(path, display)
    if loaded.data is None or not loaded.ok:
        return ResultsAnalysis(path, loaded.source, None, None, loaded.findings)
    results, structural = build_results(loaded.data)
    findings = (*loaded.findings, *structural)
    if results is None:
        return ResultsAnalysis(path, loaded.source, None, None, findings)
    plan_path = path.parent / results.plan
    try:
        planned = analysis.analyze(plan_path, str(plan_path))
    except UnreadableFile as exc:
        if exc.reason in _PLAN_REASONS:
            problem = error(f"results-plan-{exc.reason}", ("plan",), plan=str(plan_path))
        else:
            reason = ByLang.of(exc.text)  # a workbook's reason is worded in the reader's language
            problem = error("results-plan-unreadable", ("plan",), plan=str(plan_path), reason=reason)
        return ResultsAnalysis(path, loaded.source, results, None, (*findings, problem))
    if not planned.ok or planned.plan is None or planned.budget is None:
        errors = sum(1 for f in planned.findings if f.is_error)
        problem = error("results-plan-invalid", ("plan",), plan=str(plan_path), errors=errors)
        return ResultsAnalysis(path, loaded.source, results, planned, (*findings, problem))
    checks = _format_args(check_results(results, planned.plan, planned.budget))
    return ResultsAnalysis(path, loaded.source, results, planned, (*findings, *checks))


# --- cap135 init --results -----------------------------------------------------------


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are YAML) that carries no character an output must
    not: a control, a bidi mark or a separator is written as its \\u escape, which reads back the
    same (a name that is not UTF-8 cannot be written in a YAML file at all: see cli.init)."""
    import json

    from cap135.text import UNSAFE

    return UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False))


def starter_text(plan: Plan, plan_ref: str) -> str:
    """A results file for `plan` that validates as written: one commented entry per planned
    class run (copied once per class held), one per tour, and `spent` at 0 per group and tour."""
    year = plan.year
    out = [
        "# Kết quả thực hiện kế hoạch: các lớp đã tổ chức, các đoàn đã đi, kinh phí đã giải ngân.",
        "# Khi ghi lớp đầu tiên: bỏ dấu # ở dòng 'classes:' và ở lớp đó (mỗi lớp đã học một mục).",
        "# Kiểm tra: cap135 validate <tệp này>; báo cáo: cap135 report <tệp này> -o bao-cao.docx",
        "version: 1",
        f"plan: {_q(plan_ref)}   # kế hoạch đã phê duyệt, đường dẫn tính từ tệp này",
        f"as_of: {year}-12-31   # ngày chốt số liệu (YYYY-MM-DD)",
        "# number: 1          # số báo cáo",
        f"# date: {year}-12-31   # ngày ban hành báo cáo",
        "# classes:",
    ]
    for group in plan.groups:
        for run in class_runs(group) or []:
            times = f", {run.count} lớp: chép một mục cho mỗi lớp" if run.count > 1 else ""
            out.append(f"#   # {group.id}, lớp {run.index + 1}{times}; venue: nếu khác kế hoạch")
            out.append(
                f"#   - {{group: {group.id}, held: {run.schedule.start.first_day.isoformat()}, "
                f"attendees: {run.size}, women: 0, ethnic_minority: 0}}"
            )
            level = LEVEL.word(run.venue.level)
            out.append(f"#     # venue: {{name: {_q(run.venue.name)}, level: {level}}}")
    out.append("# tours:")
    for i, tour in enumerate(plan.tours):
        day = tour.schedule.start.first_day if tour.schedule else date(year, 1, 1)
        out.append(f"#   - {{tour: {plan.tour_id(i)}, held: {day.isoformat()}, people: {tour.people}}}")
    ids = [g.id for g in plan.groups] + [plan.tour_id(i) for i in range(len(plan.tours))]
    out.append("spent:   # kinh phí đã giải ngân, số nguyên đồng, theo mã nhóm hoặc mã đoàn")
    out.extend(f"  {key}: 0" for key in ids)
    if not ids:
        out[-1] = "spent: {}"
    out.append("# Đánh giá chung và kiến nghị của báo cáo: thay mỗi dòng trong [ ] bằng các đoạn văn của")
    out.append("# đơn vị (mỗi gạch đầu dòng một đoạn). Còn chỗ trống thì chỉ in được bản dự thảo (--draft).")
    out.append("assessment:")
    for section, heading in SECTIONS:
        placeholder, guidance = STARTER[section]
        out.append(f"  {section}:")
        out.append(f"    # {heading}: {guidance}")
        out.append(f"    - {_q(placeholder)}")
    return "\n".join(out) + "\n"


# --- JSON Schema (editors) --------------------------------------------------------------


def results_schema_json() -> str:
    """The JSON Schema of a results file, as committed in `schema/results.schema.json`.

    An editor reads it through the first line of a results file,
    `# yaml-language-server: $schema=…/schema/results.schema.json`, and shows the Vietnamese
    descriptions. Regenerate with
    `python -c "from cap135.results.results_file import results_schema_json as s; print(s(), end='')"
    > schema/results.schema.json`.
    """
    import json

    from cap135.plan.schema import DIALECT

    data = {"$schema": DIALECT, **Results.model_json_schema(by_alias=True)}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
