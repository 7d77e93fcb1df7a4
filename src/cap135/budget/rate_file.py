"""The rate table file: its shape, and the right form of each of its parts.

The pydantic models below are the I/O shape of a table file (kept apart from the frozen values
of rate_values.py). Their errors become findings through the plan's own translator
(plan/structure.validation_findings), so a table gets the same words, positions and hints as a
plan; `example` gives each finding the right form of the part it is about, written from the
table it extends (its unit, its amount), never typed here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    TypeAdapter,
    ValidationError,
    model_validator,
)
from pydantic_core import PydanticCustomError

from cap135.budget.provenance import amount_in_quote
from cap135.budget.rate_values import UNITS, ProfileValue, Rate, Unit
from cap135.findings import Finding
from cap135.findings import Path as FindingPath
from cap135.messages import message
from cap135.plan.structure import validation_findings

_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# the profile values cap135 reads (engine: periods and sessions; checks: a day's periods, class size)
PROFILE_NAMES: tuple[str, ...] = (
    "periods_per_session",
    "sessions_per_day",
    "periods_per_day",
    "max_class_size",
)
# what a province writes as the basis of its own amounts
PROVINCE_BASIS = "Nghị quyết số …/…/NQ-HĐND ngày …/…/… của HĐND tỉnh …"


def _yaml_date(value: Any) -> Any:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str) and _DATE_RE.match(value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    got = {"got": str(value)[:40]}
    raise PydanticCustomError("table-bad-date", message("table-bad-date", "en", got), got)


def _text(value: str) -> str:
    value = value.strip()  # NFC already: the loader normalises all text it reads
    if not value:
        raise PydanticCustomError("empty-text", "text must not be empty")
    return value


def _as_list(value: Any) -> Any:
    return [value] if isinstance(value, dict) else value


def _none_as_empty_dict(value: Any) -> Any:
    return {} if value is None else value


def _none_as_empty_list(value: Any) -> Any:
    if value is None:
        return []
    return [value] if isinstance(value, str) else value


Date = Annotated[date, BeforeValidator(_yaml_date)]
Text = Annotated[StrictStr, AfterValidator(_text)]


class SourceEntry(BaseModel):
    """`source: {where, quote}`: the address or document read, and the sentence holding the value."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    where: Text
    quote: Text


class Versioned(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    basis: Text
    valid_from: Date = Field(alias="from")
    valid_to: Date | None = Field(default=None, alias="to")
    verified: StrictBool = False
    source: SourceEntry | None = None
    provisional: StrictBool = False
    note: Text | None = None

    def figure(self) -> int:
        raise NotImplementedError

    @model_validator(mode="after")
    def check_source(self) -> Versioned:
        """A verified value names where it was read, and the sentence read holds the value."""
        if not self.verified:
            return self
        if self.source is None:
            raise PydanticCustomError(
                "table-verified-no-source", message("table-verified-no-source", "en"), {}
            )
        figure = self.figure()
        if not amount_in_quote(figure, self.source.quote):
            got = {"value": figure}
            raise PydanticCustomError("table-quote-no-value", message("table-quote-no-value", "en", got), got)
        return self

    @model_validator(mode="after")
    def check_dates(self) -> Versioned:
        if self.valid_to is not None and self.valid_to < self.valid_from:
            dates = {"to": f"{self.valid_to:%d/%m/%Y}", "start": f"{self.valid_from:%d/%m/%Y}"}
            raise PydanticCustomError(
                "table-dates-reversed", message("table-dates-reversed", "en", dates), dates
            )
        return self


class RateEntry(Versioned):
    amount: Annotated[StrictInt, Field(ge=0)]
    unit: Unit
    cap: StrictBool = False

    def figure(self) -> int:
        return self.amount

    @model_validator(mode="after")
    def check_percent(self) -> RateEntry:
        if self.unit == "percent" and self.amount > 100:
            got = {"got": self.amount}
            raise PydanticCustomError("table-bad-percent", message("table-bad-percent", "en", got), got)
        return self


class ProfileEntry(Versioned):
    value: Annotated[StrictInt, Field(ge=1)]

    def figure(self) -> int:
        return self.value


RateVersions = Annotated[list[RateEntry], BeforeValidator(_as_list), Field(min_length=1)]
ProfileVersions = Annotated[list[ProfileEntry], BeforeValidator(_as_list), Field(min_length=1)]
RATE_VERSIONS: TypeAdapter[list[RateEntry]] = TypeAdapter(RateVersions)
PROFILE_VERSIONS: TypeAdapter[list[ProfileEntry]] = TypeAdapter(ProfileVersions)


class TableFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: StrictStr
    title: Text
    extends: Annotated[list[StrictStr], BeforeValidator(_none_as_empty_list)] = Field(default_factory=list)
    profile: Annotated[dict[StrictStr, ProfileVersions], BeforeValidator(_none_as_empty_dict)] = Field(
        default_factory=dict
    )
    rates: Annotated[dict[StrictStr, RateVersions], BeforeValidator(_none_as_empty_dict)] = Field(
        default_factory=dict
    )


# every key a table file may hold, for "did you mean" on an unknown one
FIELD_NAMES: tuple[str, ...] = tuple(
    sorted(
        {
            info.alias or name
            for model in (TableFile, RateEntry, ProfileEntry, SourceEntry)
            for name, info in model.model_fields.items()
        }
    )
)


def structure(data: Mapping[str, Any]) -> tuple[TableFile | None, tuple[Finding, ...]]:
    """The table file as a model, or every structural problem in it (paths into `data`)."""
    try:
        return TableFile.model_validate(data), ()
    except ValidationError as exc:
        return None, tuple(_worded(f) for f in validation_findings(exc, data, FIELD_NAMES))


def _worded(finding: Finding) -> Finding:
    """A generic finding said the table's way where it helps: a unit names its Vietnamese words."""
    if finding.code == "bad-choice" and finding.path[-1:] == ("unit",):
        from dataclasses import replace

        return replace(finding, code="table-bad-unit", args={"got": finding.args.get("got", "")})
    return finding


def rate_versions(raw: Any) -> list[RateEntry] | None:
    """A key's versions as written, or None when they have structural problems (found already)."""
    try:
        return RATE_VERSIONS.validate_python(raw)
    except ValidationError:
        return None


def profile_versions(raw: Any) -> list[ProfileEntry] | None:
    try:
        return PROFILE_VERSIONS.validate_python(raw)
    except ValidationError:
        return None


def entry_dates(raw: Any) -> tuple[date, date | None] | None:
    """The `from` and `to` of a version as written, when both read as dates (else None)."""
    if not isinstance(raw, dict):
        return None
    try:
        start = _yaml_date(raw.get("from"))
        end = None if raw.get("to") is None else _yaml_date(raw.get("to"))
    except PydanticCustomError:
        return None
    return start, end


def entry_unit(raw: Any) -> str | None:
    """The unit of a version as written, when it is one of the units."""
    unit = raw.get("unit") if isinstance(raw, dict) else None
    return unit if isinstance(unit, str) and unit in UNITS else None


# --- the right form of each part ------------------------------------------------------------


def _flow(fields: Mapping[str, object]) -> str:
    parts = []
    for name, value in fields.items():
        shown = f'"{value}"' if isinstance(value, str) and name in {"basis", "where", "quote"} else value
        parts.append(f"{name}: {shown}")
    return "{" + ", ".join(parts) + "}"


def rate_example(key: str, inherited: tuple[Rate, ...]) -> str:
    """The right form of a version of `key`: the unit it must keep and the amount in force last
    in the table it extends; the province's resolution as its basis."""
    last = inherited[-1]
    fields: dict[str, object] = {
        "amount": last.amount,
        "unit": last.unit,
        "basis": PROVINCE_BASIS,
        "from": last.valid_from,
    }
    return f"{key}: {_flow(fields)}"


def profile_example(name: str, inherited: tuple[ProfileValue, ...]) -> str:
    last = inherited[-1] if inherited else None
    fields: dict[str, object] = {
        "value": last.value if last else 60,
        "basis": PROVINCE_BASIS,
        "from": last.valid_from if last else date(2026, 1, 1),
    }
    return f"{name}: {_flow(fields)}"


SOURCE_EXAMPLE = (
    'source: {where: "Nghị quyết số …/…/NQ-HĐND, Điều …", quote: "câu của văn bản có số tiền, ví dụ: '
    '… 150.000 đồng/người/ngày …"}'
)
TOP_EXAMPLES: Mapping[str, str] = {
    "id": "id: tinh-quang-tri",
    "title": 'title: "Định mức chi của tỉnh Quảng Trị (Nghị quyết số …/…/NQ-HĐND)"',
    "extends": "extends: [national]",
}


def example(
    code: str,
    path: FindingPath,
    args: Mapping[str, Any],
    rates: Mapping[str, tuple[Rate, ...]],
    profile: Mapping[str, tuple[ProfileValue, ...]],
) -> str | None:
    """The right form of the part of a table at `path` (a missing key named in `args`)."""
    head = path[0] if path else args.get("key")
    if head in TOP_EXAMPLES:
        return TOP_EXAMPLES[str(head)]
    if head == "rates" and len(path) == 1 and "key" not in args and rates:
        key = next(iter(rates))
        return "rates:\n  " + rate_example(key, rates[key])
    if head not in ("rates", "profile") or len(path) < 2:
        return None
    name = str(args.get("suggestion") or path[1])
    if code.startswith(("table-verified-no-source", "table-quote-no-value")) or "source" in path:
        return SOURCE_EXAMPLE
    if head == "rates":
        # a key no table or rule knows has no right form to show (the hint names where the keys are)
        return rate_example(name, rates[name]) if name in rates else None
    return profile_example(name, profile.get(name, ()))
