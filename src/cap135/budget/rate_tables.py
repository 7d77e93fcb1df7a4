"""Rate tables: loading, ``extends``, and every problem of a table file at once.

A rate table is a YAML file (see ``rates/national.yaml``) holding unit costs keyed by a dotted
name. Each key maps to one entry or a list of entries, the versions of that rate in time; every
entry carries its amount (int đồng, or an int percent), unit, legal basis and validity dates.

``extends`` merges parent tables first, in order. A child's versions of a key apply on their
dates; on the days they do not cover, the parent's versions apply (rate_values.over): a
provincial table writes only its own resolution's amounts. Profile values likewise, per name.
Shipped tables are referred to by id, user tables by path (relative to the file that names them).

Nothing here evaluates user text. Files are parsed with the plan's loader (same limits, same
positions), checked against the models of rate_file.py, and every problem becomes a finding at
its line and column — all of them at once, with a hint and the right form — gathered in one
:class:`RateTableError`.
"""

from __future__ import annotations

import contextlib
import difflib
import functools
import itertools
import os
import re
from contextvars import ContextVar
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from cap135.budget.provenance import Provenance
from cap135.budget.rate_file import (
    PROFILE_NAMES,
    Versioned,
    entry_dates,
    entry_unit,
    example,
    profile_versions,
    rate_versions,
    structure,
)
from cap135.budget.rate_uses import key_uses
from cap135.budget.rate_values import (
    UNITS,
    ProfileValue,
    Rate,
    RateLookupError,
    RateTable,
    over,
    span_text,
)
from cap135.errors import RateTableFailure
from cap135.findings import Finding
from cap135.findings import Path as FindingPath
from cap135.messages import message
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
MAX_TABLE_BYTES = 1024 * 1024  # a rate table is a few kilobytes; refuse anything absurd

_ID_RE = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
_KEY_RE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$")


class RateTableError(RateTableFailure):
    """A rate table file cannot be used; ``str(e)`` is ``path:line:col: message`` (detail("en")).

    `findings` holds every problem found in the file (and in the tables it extends), each with its
    file, line and column; the error's own code, position and `message` are those of the first.
    """

    def __init__(
        self,
        message: str,
        path: str,
        line: int | None = None,
        column: int | None = None,
        /,
        code: str | None = None,
        field: str = "",
        findings: tuple[Finding, ...] = (),
        **arguments: Any,
    ) -> None:
        self.message = message
        self.path = path
        self.line = line
        self.column = column
        self.field = field  # the entry a coded problem is about ("rates.x.amount"), shown before it
        self.findings = findings
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

    @classmethod
    def of(cls, path: str, findings: tuple[Finding, ...]) -> RateTableError:
        """Every problem of a table file, positioned; the first one words the error itself."""
        first = findings[0]
        field = _loc_text(first.path)
        made = cls.coded(first.code, first.file or path, first.line, first.column, field=field, **first.args)
        made.findings = findings
        return made

    def __str__(self) -> str:
        return self.detail("en")


def _loc_text(loc: FindingPath) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


# --------------------------------------------------------------------------------------------
# Reading YAML with positions
# --------------------------------------------------------------------------------------------


def _read(path: Path, where: str) -> Loaded:
    """Parse a table file with the plan loader: same limits, same positions (`where`: its name
    in messages)."""
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
    problems = tuple(replace(f, file=where) for f in loaded.findings if f.is_error)
    if problems:
        raise RateTableError.of(where, problems)
    return loaded


# --------------------------------------------------------------------------------------------
# Finding tables
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


def _load_resolved(
    path: Path, shown: str | None = None
) -> tuple[tuple[tuple[Path, int, int], ...], RateTable]:
    """A table by resolved path with the stamps of the user files it depends on (`shown`: the
    path as the user or the table that names it wrote it, for messages)."""
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
    result = _build(path, shown)
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
        shown = str(path if base_dir is None or path.is_absolute() else base_dir / path)  # as written
        if not path.is_absolute():
            path = (base_dir if base_dir is not None else Path.cwd()) / path
        return _load_resolved(path.resolve(), shown)[1]
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


# --------------------------------------------------------------------------------------------
# Building a table: every problem, then the merged values
# --------------------------------------------------------------------------------------------


class _Build:
    """One table file being checked: its data, its parents' values, the problems found."""

    def __init__(self, path: Path, where: str, data: dict[str, Any], source: Source) -> None:
        self.path = path
        self.where = where
        self.data = data
        self.source = source
        self.found: list[Finding] = []
        self.rates: dict[str, tuple[Rate, ...]] = {}  # inherited, then merged
        self.profile: dict[str, tuple[ProfileValue, ...]] = {}
        self.chain: list[str] = []
        self.stamps: list[tuple[Path, int, int]] = []

    def add(self, code: str, at: FindingPath, /, *, key: bool = False, **args: Any) -> None:
        self.found.append(Finding("error", code, args, at, key=key))

    def parents(self, loading: tuple[Path, ...]) -> None:
        """Load the tables it extends, in order: their values first, or their problems."""
        raw = self.data.get("extends")
        refs = [raw] if isinstance(raw, str) else raw if isinstance(raw, list) else []
        for i, ref in enumerate(refs):
            if not isinstance(ref, str):
                continue  # reported by the structure
            if is_table_path(ref):
                parent_path = (self.path.parent / Path(ref).expanduser()).resolve()
            else:
                try:
                    parent_path = _shipped_path(ref)
                except RateTableError as e:
                    code, args = e.describe()
                    self.add(code, ("extends", i), **args)
                    continue
            if parent_path in (*loading, self.path):
                cycle = " → ".join(p.name for p in (*loading, self.path, parent_path))
                self.add("table-extends-cycle", ("extends", i), cycle=cycle)
                continue
            if not parent_path.is_file():
                self.add("table-extends-missing", ("extends", i), ref=ref, path=str(parent_path))
                continue
            try:
                shown = os.path.normpath(os.path.join(os.path.dirname(self.where), ref))
                parent_stamps, parent = _load_resolved(parent_path, shown)
            except RateTableError as e:
                self.add("table-extends-broken", ("extends", i), ref=ref, count=max(len(e.findings), 1))
                self.found.extend(e.findings or (_whole(e),))
                continue
            self.stamps.extend(parent_stamps)
            self.rates.update(parent.rates_by_key)
            self.profile.update(parent.profile_by_name)
            self.chain.extend(c for c in parent.chain if c not in self.chain)

    def identity(self) -> None:
        table_id = self.data.get("id")
        if not isinstance(table_id, str):
            return  # reported by the structure
        if not _ID_RE.match(table_id):
            self.add("table-bad-id", ("id",), id=table_id)
        elif _is_shipped(self.path) and table_id != self.path.stem:
            self.add("table-id-not-file-name", ("id",), id=table_id)
        elif table_id in self.chain:
            self.add("table-id-reused", ("id",), id=table_id)

    def names(self, part: str, known: tuple[str, ...]) -> dict[str, Any]:
        """The keys of `rates` or `profile` as written; a bad or unknown name is a finding."""
        raw = self.data.get(part)
        if not isinstance(raw, dict):
            return {}
        for name in raw:
            if not isinstance(name, str):
                continue
            if not _KEY_RE.match(name):
                self.add("table-bad-name", (part, name), key=True, name=name)
            elif name not in known:
                match = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
                code = "table-unknown-rate" if part == "rates" else "table-unknown-profile"
                args = {"suggestion": match[0]} if match else {}
                self.add(code, (part, name), key=True, name=name, **args)
        return {name: value for name, value in raw.items() if isinstance(name, str)}

    def overlaps(self, part: str, name: str, raw: Any) -> bool:
        """Whether two versions written for `name` overlap (a finding), from the dates that read
        as dates, whatever else is wrong with the versions."""
        entries = raw if isinstance(raw, list) else [raw]
        spans = [(i, span) for i, entry in enumerate(entries) if (span := entry_dates(entry)) is not None]
        spans.sort(key=lambda item: item[1][0])
        for (_, a), (after, b) in itertools.pairwise(spans):
            if a[1] is None or a[1] >= b[0]:
                at: FindingPath = (part, name, after) if isinstance(raw, list) else (part, name)
                first, second = span_text(*a), span_text(*b)
                self.add("table-versions-overlap", at, name=name, first=first, second=second)
                return True
        return False

    def units_differ(self, key: str, raw: Any) -> bool:
        """Whether the versions of `key` mix units or change the unit of the table it extends."""
        entries = raw if isinstance(raw, list) else [raw]
        units = sorted({unit for entry in entries if (unit := entry_unit(entry)) is not None})
        inherited = self.rates.get(key)
        if len(units) > 1:
            self.add("table-mixed-units", ("rates", key), key=True, name=key, units=", ".join(units))
            return True
        if units and inherited and inherited[0].unit != units[0]:
            before = inherited[0]
            self.add(
                "table-unit-differs",
                _unit_path(raw, ("rates", key)),
                name=key,
                unit=units[0],
                parent=before.table,
                parent_unit=before.unit,
            )
            return True
        return False

    def own_rates(self, table_id: str) -> dict[str, tuple[Rate, ...]]:
        known = tuple(dict.fromkeys((*self.rates, *key_uses())))
        own: dict[str, tuple[Rate, ...]] = {}
        for key, raw in self.names("rates", known).items():
            overlap = self.overlaps("rates", key, raw)
            differ = self.units_differ(key, raw)
            entries = rate_versions(raw)  # None: its problems are the structure's findings
            if entries is not None and not overlap and not differ:
                items = [Rate(key, e.amount, e.unit, cap=e.cap, **_versioned(e, table_id)) for e in entries]
                own[key] = tuple(sorted(items, key=lambda r: r.valid_from))
        return own

    def own_profile(self, table_id: str) -> dict[str, tuple[ProfileValue, ...]]:
        known = tuple(dict.fromkeys((*self.profile, *PROFILE_NAMES)))
        own: dict[str, tuple[ProfileValue, ...]] = {}
        for name, raw in self.names("profile", known).items():
            overlap = self.overlaps("profile", name, raw)
            entries = profile_versions(raw)
            if entries is not None and not overlap:
                items = [ProfileValue(name, e.value, **_versioned(e, table_id)) for e in entries]
                own[name] = tuple(sorted(items, key=lambda v: v.valid_from))
        return own

    def located(self) -> tuple[Finding, ...]:
        """The findings of this file with their line, column and the right form; then those of
        the tables it extends, as they were found there."""
        out: list[Finding] = []
        for f in self.found:
            if f.file is not None:
                out.append(f)
                continue
            found = self.source.locate(f.path, key=f.key)
            position = found if isinstance(found, tuple) else (1, 1)  # a table is YAML: lines, never cells
            shown = example(f.code, f.path, f.args, self.rates, self.profile)
            out.append(replace(f, file=self.where, line=position[0], column=position[1], example=shown))
        mine = sorted((f for f in out if f.file == self.where), key=lambda f: (f.line or 0, f.column or 0))
        return (*mine, *(f for f in out if f.file != self.where))


def _unit_path(raw: Any, path: FindingPath) -> FindingPath:
    """Where the unit of a key's first version is written (else the key)."""
    if isinstance(raw, list) and raw and isinstance(raw[0], dict) and "unit" in raw[0]:
        return (*path, 0, "unit")
    if isinstance(raw, dict) and "unit" in raw:
        return (*path, "unit")
    return path


def _whole(e: RateTableError) -> Finding:
    """A problem with a whole file (not found, unreadable) as a finding at its name."""
    code, args = e.describe()
    return Finding("error", code, args, (), file=e.path)


def _build(path: Path, shown: str | None = None) -> tuple[tuple[tuple[Path, int, int], ...], RateTable]:
    where = shown or str(path)
    loading = _LOADING.get()
    token = _LOADING.set((*loading, path))
    try:
        stamps: list[tuple[Path, int, int]] = []
        if not _is_shipped(path):
            with contextlib.suppress(OSError):  # reported by _read
                stamps.append(_stamp(path))
        loaded = _read(path, where)
        if not isinstance(loaded.data, dict):
            raise RateTableError.of(where, (Finding("error", "table-not-mapping", {}, (), 1, 1, file=where),))
        build = _Build(path, where, loaded.data, loaded.source)
        model, structural = structure(loaded.data)
        build.found.extend(structural)
        build.parents(loading)
        build.identity()
        table_id = model.id if model is not None else "?"
        own_rates = build.own_rates(table_id)
        own_profile = build.own_profile(table_id)
        if build.found or model is None:
            raise RateTableError.of(where, build.located())
        chain = [*build.chain, model.id]
        rates = {**build.rates, **{k: over(build.rates.get(k, ()), v) for k, v in own_rates.items()}}
        profile = {**build.profile, **{k: over(build.profile.get(k, ()), v) for k, v in own_profile.items()}}
        table = RateTable(
            id=model.id,
            title=model.title,
            chain=tuple(chain),
            source=where,
            rates_by_key=MappingProxyType(rates),
            profile_by_name=MappingProxyType(profile),
        )
        return tuple(dict.fromkeys([*stamps, *build.stamps])), table
    finally:
        _LOADING.reset(token)


def _versioned(entry: Versioned, table_id: str) -> dict[str, Any]:
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
