"""Rate tables: loading, ``extends`` and versioned lookup.

A rate table is a YAML file (see ``rates/national.yaml``) holding unit costs keyed by a dotted
name. Each key maps to one entry or a list of entries, the versions of that rate in time; every
entry carries its amount (int đồng, or an int percent), unit, legal basis and validity dates.

``extends`` merges parent tables first, in order; then the child's keys replace the parent's whole
version list for that key (profile values likewise, per name). Shipped tables are referred to by
id, user tables by path (relative to the file that names them).

Nothing here evaluates user text. Files are parsed with the safe YAML loader, checked against
pydantic models, and every problem becomes a :class:`RateTableError` naming the file and, where
the YAML nodes allow, the line and column.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import os
import re
from collections.abc import Callable, Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from types import MappingProxyType
from typing import Annotated, Any, Literal, TypeVar, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    ValidationError,
    model_validator,
)
from pydantic_core import PydanticCustomError

from cap135.budget.provenance import Provenance, amount_in_quote
from cap135.errors import RateTableFailure
from cap135.messages import message
from cap135.plan.structure import validation_findings
from cap135.plan.yaml_loader import Loaded, Source, UnreadableFile, read_file

__all__ = [
    "RATES_DIR",
    "UNITS",
    "ProfileValue",
    "Rate",
    "RateLookupError",
    "RateTable",
    "RateTableError",
    "default_table_id",
    "is_table_path",
    "load_table",
    "shipped_table_ids",
]

RATES_DIR: Path = Path(__file__).parent / "rates"

Unit = Literal["session", "trainee", "person_day", "person_night", "class", "class_day", "day", "percent"]
UNITS: tuple[str, ...] = get_args(Unit)

MAX_TABLE_BYTES = 1024 * 1024  # a rate table is a few kilobytes; refuse anything absurd

_ID_RE = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
_KEY_RE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_V = TypeVar("_V", "Rate", "ProfileValue")


# --------------------------------------------------------------------------------------------
# Public values
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Rate:
    """One version of a rate: the amount in force from ``valid_from`` to ``valid_to``."""

    key: str
    amount: int
    unit: str
    basis: str
    valid_from: date
    valid_to: date | None
    cap: bool
    verified: bool
    note: str | None
    table: str  # id of the table that defined it
    source: Provenance | None = None  # where the amount was read (every verified rate has one)
    provisional: bool = False  # a stand-in the province's own table must set

    def valid_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


@dataclass(frozen=True, slots=True)
class ProfileValue:
    """One version of a profile parameter (periods per session, …) used by plan checks."""

    name: str
    value: int
    basis: str
    valid_from: date
    valid_to: date | None
    verified: bool
    table: str
    note: str | None = None
    source: Provenance | None = None
    provisional: bool = False

    def valid_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


def _span(valid_from: date, valid_to: date | None) -> str:
    end = "" if valid_to is None else f"{valid_to:%d/%m/%Y}"
    return f"{valid_from:%d/%m/%Y}–{end}"


class RateLookupError(Exception):
    """A key is not in the table (``missing``) or none of its versions covers the day."""

    def __init__(
        self,
        key: str,
        day: date | None,
        reason: Literal["missing", "not_valid"],
        versions: tuple[Rate, ...] | tuple[ProfileValue, ...] = (),
        table: str | None = None,
    ) -> None:
        self.key = key
        self.day = day
        self.reason = reason
        self.versions = versions
        self.table = table
        where = f" in rate table '{table}'" if table else ""
        if reason == "missing":
            message = f"no rate '{key}'{where}"
        else:
            spans = ", ".join(_span(v.valid_from, v.valid_to) for v in versions) or "none"
            on = f" on {day:%d/%m/%Y}" if day is not None else ""
            message = f"rate '{key}'{where} has no version in force{on} (versions: {spans})"
        super().__init__(message)


class RateTableError(RateTableFailure):
    """A rate table file cannot be used; ``str(e)`` is ``path:line:col: message`` (detail("en"))."""

    def __init__(
        self,
        message: str,
        path: str,
        line: int | None = None,
        column: int | None = None,
        others: tuple[RateTableError, ...] = (),
        /,
        code: str | None = None,
        field: str = "",
        **arguments: Any,
    ) -> None:
        self.message = message
        self.path = path
        self.line = line
        self.column = column
        self.others = others  # further problems found in the same file
        self.field = field  # the entry a coded problem is about ("rates.x.amount"), shown before it
        super().__init__(code or message, **arguments)

    @classmethod
    def coded(
        cls,
        code: str,
        path: str,
        line: int | None = None,
        column: int | None = None,
        /,
        field: str = "",
        **args: Any,
    ) -> RateTableError:
        """A problem worded by the catalogue: `message` is its English sentence."""
        sentence = message(code, "en", args)
        return cls(
            f"{field}: {sentence}" if field else sentence, path, line, column, code=code, field=field, **args
        )

    def __str__(self) -> str:
        return self.detail("en")


@dataclass(frozen=True)
class RateTable:
    """A merged rate table: its own rates over those of the tables it extends."""

    id: str
    title: str
    chain: tuple[str, ...]  # ids from the root table to this one
    source: str = ""  # the file it was loaded from
    rates_by_key: Mapping[str, tuple[Rate, ...]] = field(default_factory=dict, repr=False, compare=False)
    profile_by_name: Mapping[str, tuple[ProfileValue, ...]] = field(
        default_factory=dict, repr=False, compare=False
    )

    def lookup(self, key: str, day: date) -> Rate:
        return self._in_force(self.rates_by_key.get(key, ()), key, day)

    def versions(self, key: str) -> tuple[Rate, ...]:
        return self.rates_by_key.get(key, ())

    def profile(self, name: str, day: date) -> ProfileValue:
        return self._in_force(self.profile_by_name.get(name, ()), name, day)

    def _in_force(self, versions: tuple[_V, ...], name: str, day: date) -> _V:
        """The version of a rate or profile value in force on `day`."""
        if not versions:
            raise RateLookupError(name, day, "missing", (), self.id)
        for version in versions:
            if version.valid_on(day):
                return version
        raise RateLookupError(name, day, "not_valid", versions, self.id)

    def keys(self) -> tuple[str, ...]:
        return tuple(sorted(self.rates_by_key))

    def profile_names(self) -> tuple[str, ...]:
        return tuple(sorted(self.profile_by_name))

    def all_rates(self) -> tuple[Rate, ...]:
        return tuple(rate for key in self.keys() for rate in self.rates_by_key[key])


# --------------------------------------------------------------------------------------------
# File models (pydantic v2): the I/O shape, kept apart from the frozen values above
# --------------------------------------------------------------------------------------------


def _yaml_date(value: Any) -> Any:
    if isinstance(value, datetime):
        raise ValueError("expected a date written YYYY-MM-DD, not a date and time")
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _DATE_RE.match(value.strip()):
        return date.fromisoformat(value.strip())
    raise ValueError(f"expected a date written YYYY-MM-DD, got {value!r}")


def _text(value: str) -> str:
    value = value.strip()  # NFC already: loader.read_file normalises all text it reads
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


_Date = Annotated[date, BeforeValidator(_yaml_date)]
_Text = Annotated[StrictStr, AfterValidator(_text)]


class _Source(BaseModel):
    """`source: {where, quote}`: the address or document read, and the sentence holding the value."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    where: _Text
    quote: _Text


class _Versioned(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    basis: _Text
    valid_from: _Date = Field(alias="from")
    valid_to: _Date | None = Field(default=None, alias="to")
    verified: StrictBool = False
    source: _Source | None = None
    provisional: StrictBool = False
    note: _Text | None = None

    def _figure(self) -> int:
        raise NotImplementedError

    @model_validator(mode="after")
    def check_source(self) -> _Versioned:
        """A verified value names where it was read, and the sentence read holds the value."""
        if not self.verified:
            return self
        if self.source is None:
            raise PydanticCustomError(
                "table-verified-no-source", message("table-verified-no-source", "en"), {}
            )
        figure = self._figure()
        if not amount_in_quote(figure, self.source.quote):
            got = {"value": figure}
            raise PydanticCustomError("table-quote-no-value", message("table-quote-no-value", "en", got), got)
        return self

    @model_validator(mode="after")
    def check_dates(self) -> _Versioned:
        if self.valid_to is not None and self.valid_to < self.valid_from:
            dates = {"to": f"{self.valid_to:%d/%m/%Y}", "start": f"{self.valid_from:%d/%m/%Y}"}
            raise PydanticCustomError(
                "table-dates-reversed", message("table-dates-reversed", "en", dates), dates
            )
        return self


class _RateEntry(_Versioned):
    amount: Annotated[StrictInt, Field(ge=0)]
    unit: Unit
    cap: StrictBool = False

    def _figure(self) -> int:
        return self.amount

    @model_validator(mode="after")
    def check_percent(self) -> _RateEntry:
        if self.unit == "percent" and self.amount > 100:
            got = {"got": self.amount}
            raise PydanticCustomError("table-bad-percent", message("table-bad-percent", "en", got), got)
        return self


class _ProfileEntry(_Versioned):
    value: Annotated[StrictInt, Field(ge=1)]

    def _figure(self) -> int:
        return self.value


_RateVersions = Annotated[list[_RateEntry], BeforeValidator(_as_list), Field(min_length=1)]
_ProfileVersions = Annotated[list[_ProfileEntry], BeforeValidator(_as_list), Field(min_length=1)]


class _TableFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: StrictStr
    title: _Text
    extends: Annotated[list[StrictStr], BeforeValidator(_none_as_empty_list)] = Field(default_factory=list)
    profile: Annotated[dict[StrictStr, _ProfileVersions], BeforeValidator(_none_as_empty_dict)] = Field(
        default_factory=dict
    )
    rates: Annotated[dict[StrictStr, _RateVersions], BeforeValidator(_none_as_empty_dict)] = Field(
        default_factory=dict
    )


# --------------------------------------------------------------------------------------------
# Reading YAML with positions
# --------------------------------------------------------------------------------------------


def _read(path: Path) -> Loaded:
    """Parse a table file with the plan loader: same limits, same positions."""
    where = str(path)
    try:
        if path.stat().st_size > MAX_TABLE_BYTES:
            raise RateTableError(
                f"larger than {MAX_TABLE_BYTES // 1024} KiB",
                where,
                code="rate-table-too-large",
                where=where,
                limit_kib=MAX_TABLE_BYTES // 1024,
            )
        loaded = read_file(path)
    except FileNotFoundError as e:
        raise RateTableError(
            "rate table file not found", where, code="rate-table-not-found", where=where
        ) from e
    except UnreadableFile as e:
        codes = {
            "not-found": "rate-table-not-found",
            "is-directory": "rate-table-is-directory",
            "not-regular": "rate-table-not-regular",
        }
        code = codes.get(e.reason, "rate-table-unreadable")
        raise RateTableError.coded(code, where, where=where, reason=e.reason) from None
    except OSError as e:
        raise RateTableError.coded(
            "rate-table-unreadable", where, where=where, reason=e.strerror or str(e)
        ) from e
    problems = [
        RateTableError.coded(f.code, where, f.line, f.column, **f.args) for f in loaded.findings if f.is_error
    ]
    if problems:
        problems[0].others = tuple(problems[1:])
        raise problems[0]
    return loaded


def _position(source: Source, loc: tuple[Any, ...]) -> tuple[int | None, int | None]:
    """Line and column of a validation location, or of its nearest ancestor in the file."""
    path = tuple(part for part in loc if part != "[key]")
    found = source.locate(path, key=True)
    return found if isinstance(found, tuple) else (None, None)  # a table is YAML: lines, never cells


def _loc_text(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part == "[key]":
            continue
        else:
            out += f".{part}" if out else str(part)
    return out


# --------------------------------------------------------------------------------------------
# Building a table
# --------------------------------------------------------------------------------------------

_LOADING: ContextVar[tuple[Path, ...]] = ContextVar("cap135_rates_loading", default=())
_USER_CACHE: dict[Path, tuple[tuple[tuple[Path, int, int], ...], RateTable]] = {}
_USER_CACHE_MAX = 256


def is_table_path(ref: str) -> bool:
    """True when ``ref`` names a file rather than a shipped table id."""
    if ref.lower().endswith((".yaml", ".yml")):
        return True
    return "/" in ref or os.sep in ref or (os.altsep is not None and os.altsep in ref)


def shipped_table_ids() -> tuple[str, ...]:
    return tuple(sorted(p.stem for p in RATES_DIR.glob("*.yaml")))


def default_table_id(year: int) -> str:
    """The shipped table a plan of ``year`` uses when it names none: the national one."""
    del year  # every supported year: the national table is versioned by date
    return "national"


def _stamp(path: Path) -> tuple[Path, int, int]:
    st = path.stat()
    return path, st.st_mtime_ns, st.st_size


def _is_shipped(path: Path) -> bool:
    return path.parent == RATES_DIR.resolve() and path.suffix == ".yaml"


def _shipped_path(table_id: str) -> Path:
    path = RATES_DIR / f"{table_id}.yaml"
    if not _ID_RE.match(table_id) or not path.is_file():
        known = ", ".join(shipped_table_ids())
        raise RateTableError(
            f"unknown rate table '{table_id}' (shipped tables: {known})",
            table_id,
            code="rate-table-unknown",
            table=table_id,
            known=known,
        )
    return path.resolve()


@functools.lru_cache(maxsize=64)
def _load_shipped(table_id: str) -> RateTable:
    return _build(_shipped_path(table_id))[1]


def _load_resolved(path: Path) -> tuple[tuple[tuple[Path, int, int], ...], RateTable]:
    """A table by resolved path with the stamps of the user files it depends on."""
    if _is_shipped(path):
        return (), _load_shipped(path.stem)
    cached = _USER_CACHE.get(path)
    if cached is not None:
        try:
            fresh = all(_stamp(stamp[0]) == stamp for stamp in cached[0])
        except OSError:
            fresh = False
        if fresh:
            return cached
    result = _build(path)
    if len(_USER_CACHE) >= _USER_CACHE_MAX:
        _USER_CACHE.clear()
    _USER_CACHE[path] = result
    return result


def load_table(ref: str, base_dir: Path | None = None) -> RateTable:
    """Load a shipped table by id, or a table file by path (relative to ``base_dir``)."""
    try:
        if not is_table_path(ref):
            return _load_shipped(ref)
        path = Path(ref).expanduser()
        if not path.is_absolute():
            path = (base_dir if base_dir is not None else Path.cwd()) / path
        return _load_resolved(path.resolve())[1]
    except (OSError, RuntimeError, ValueError) as exc:
        # a name too long for the file system, an unknown ~user, a NUL byte in the path
        reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        raise RateTableError(
            f"cannot use '{ref[:80]}' as a rate table: {reason}",
            ref[:80],
            code="rate-table-unusable",
            ref=ref[:80],
            reason=reason,
        ) from None


def _build(path: Path) -> tuple[tuple[tuple[Path, int, int], ...], RateTable]:
    where = str(path)
    loading = _LOADING.get()
    token = _LOADING.set((*loading, path))
    try:
        stamps: list[tuple[Path, int, int]] = []
        if not _is_shipped(path):
            with contextlib.suppress(OSError):  # reported by _read
                stamps.append(_stamp(path))
        loaded = _read(path)
        data, source = loaded.data, loaded.source
        if not isinstance(data, dict):
            raise RateTableError.coded("table-not-mapping", where, 1, 1)
        try:
            model = _TableFile.model_validate(data)
        except ValidationError as e:
            errors = [
                RateTableError.coded(
                    f.code, where, *_position(source, f.path), field=_loc_text(f.path), **f.args
                )
                for f in validation_findings(e, data)
            ]
            errors[0].others = tuple(errors[1:])
            raise errors[0] from None

        def error_at(code: str, *loc: Any, **args: Any) -> RateTableError:
            return RateTableError.coded(code, where, *_position(source, loc), **args)

        if not _ID_RE.match(model.id):
            raise error_at("table-bad-id", "id", id=model.id)
        if _is_shipped(path) and model.id != path.stem:
            raise error_at("table-id-not-file-name", "id", id=model.id)

        # parents first, in order
        rates: dict[str, tuple[Rate, ...]] = {}
        profile: dict[str, tuple[ProfileValue, ...]] = {}
        chain: list[str] = []
        for i, ref in enumerate(model.extends):
            if is_table_path(ref):
                parent_path = (path.parent / Path(ref).expanduser()).resolve()
            else:
                try:
                    parent_path = _shipped_path(ref)
                except RateTableError as e:
                    code, args = e.describe()
                    raise error_at(code, "extends", i, **args) from None
            if parent_path in (*loading, path):
                cycle = " → ".join(p.name for p in (*loading, path, parent_path))
                raise error_at("table-extends-cycle", "extends", i, cycle=cycle)
            if not parent_path.is_file():
                raise error_at("table-extends-missing", "extends", i, ref=ref, path=str(parent_path))
            parent_stamps, parent = _load_resolved(parent_path)
            stamps.extend(parent_stamps)
            rates.update(parent.rates_by_key)
            profile.update(parent.profile_by_name)
            chain.extend(c for c in parent.chain if c not in chain)
        if model.id in chain:
            raise error_at("table-id-reused", "id", id=model.id)
        chain.append(model.id)

        for key, rate_entries in model.rates.items():
            versions = _versions(
                key,
                [Rate(key, e.amount, e.unit, cap=e.cap, **_versioned(e, model.id)) for e in rate_entries],
                lambda code, *loc, k=key, **args: error_at(code, "rates", k, *loc, **args),
            )
            units = {r.unit for r in versions}
            if len(units) > 1:
                raise error_at("table-mixed-units", "rates", key, key=key, units=", ".join(sorted(units)))
            inherited = rates.get(key)
            if inherited and inherited[0].unit != versions[0].unit:
                before = inherited[0]
                unit = versions[0].unit
                raise error_at(
                    "table-unit-differs",
                    "rates",
                    key,
                    key=key,
                    unit=unit,
                    parent=before.table,
                    parent_unit=before.unit,
                )
            rates[key] = versions

        for name, profile_entries in model.profile.items():
            profile[name] = _versions(
                name,
                [ProfileValue(name, e.value, **_versioned(e, model.id)) for e in profile_entries],
                lambda code, *loc, n=name, **args: error_at(code, "profile", n, *loc, **args),
            )

        table = RateTable(
            id=model.id,
            title=model.title,
            chain=tuple(chain),
            source=where,
            rates_by_key=MappingProxyType(rates),
            profile_by_name=MappingProxyType(profile),
        )
        return tuple(dict.fromkeys(stamps)), table
    finally:
        _LOADING.reset(token)


def _versioned(entry: _Versioned, table_id: str) -> dict[str, Any]:
    """The fields a rate and a profile value share, from a file entry of `table_id`."""
    source = entry.source
    return {
        "basis": entry.basis,
        "valid_from": entry.valid_from,
        "valid_to": entry.valid_to,
        "verified": entry.verified,
        "note": entry.note,
        "table": table_id,
        "source": None if source is None else Provenance(source.where, source.quote),
        "provisional": entry.provisional,
    }


def _versions(key: str, items: list[_V], error_at: Callable[..., RateTableError]) -> tuple[_V, ...]:
    """Check a key's name and that its versions do not overlap; return them sorted by date."""
    if not _KEY_RE.match(key):
        raise error_at("table-bad-name", key=key)
    order = sorted(range(len(items)), key=lambda i: items[i].valid_from)
    for before, after in itertools.pairwise(order):
        a, b = items[before], items[after]
        if a.valid_to is None or a.valid_to >= b.valid_from:
            first, second = _span(a.valid_from, a.valid_to), _span(b.valid_from, b.valid_to)
            raise error_at("table-versions-overlap", after, key=key, first=first, second=second)
    return tuple(items[i] for i in order)
