"""The input files of a run, which no output may replace: every file the run reads.

The files named on the command line (plans, results files, a template), and what they name in
turn: a results file names its plan (``plan:``, relative to itself); a plan names its rate table
(``rates:``, or the shipped default of its year); a table names the tables it ``extends``, user
files relative to itself or shipped ids. :func:`discover` follows that chain through the files
themselves (read with the bounded loader), leniently — a file that cannot be read, is not YAML or
has errors still protects itself and what it names as far as it can be read — so that an output
onto an input is refused before anything else about the run is checked (cap135.guard). The files
cap135 ships (its rate tables and templates) are inputs of every run.

The files read here are kept for the run's own reading (loader.reading_once): a plan is read once.
"""

from __future__ import annotations

import importlib.resources
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .loader import MAX_FILE_BYTES, UnreadableFile, read_file, read_regular
from .rates import RATES_DIR, default_table_id, is_table_path
from .render.atomic import same_file

__all__ = ["Inputs", "discover", "distinct_files", "rate_table_files", "shipped_files"]

# A top-level key of a file that is not YAML: `rates: local.yaml  # comment`
_TOP_LEVEL = re.compile(r"^(?P<key>plan|rates|year)[ \t]*:[ \t]*(?P<value>[^#\r\n]*)", re.MULTILINE)

MAX_CHAIN = 64  # tables followed at most (a cycle is an error of the table, found elsewhere)


def _table_path(ref: str, base_dir: Path) -> Path:
    if is_table_path(ref):
        path = Path(ref).expanduser()
        return path if path.is_absolute() else base_dir / path
    return RATES_DIR / f"{ref}.yaml"


def rate_table_files(ref: str, base_dir: Path) -> tuple[Path, ...]:
    """The files of the table ``ref`` (relative to ``base_dir``) and of the tables it extends."""
    found: list[Path] = []
    pending = [_table_path(ref, base_dir)]
    while pending and len(found) < MAX_CHAIN:
        path = pending.pop(0)
        try:
            key = path.resolve()
        except (OSError, RuntimeError, ValueError):
            key = path
        if key in found:
            continue
        found.append(key)
        try:
            data = read_file(path).data
        except UnreadableFile:
            continue
        parents = data.get("extends") if isinstance(data, dict) else None
        if isinstance(parents, str):
            parents = [parents]
        if isinstance(parents, list):
            pending.extend(_table_path(p, key.parent) for p in parents if isinstance(p, str))
    return tuple(found)


@dataclass(frozen=True)
class Inputs:
    """Every file a run reads, as far as it could be found."""

    files: tuple[Path, ...]


def shipped_files() -> tuple[Path, ...]:
    """The files cap135 ships and reads: its rate tables and its Word templates."""
    templates = importlib.resources.files("cap135").joinpath("templates")
    found = sorted(RATES_DIR.glob("*.yaml"))
    found += sorted(Path(str(t)) for t in templates.iterdir() if t.name.endswith(".docx"))
    return tuple(found)


def discover(paths: Iterable[Path]) -> Inputs:
    """The files ``paths`` name and every file they lead to (see the module doc)."""
    found: list[Path] = []
    for path in paths:
        found.append(Path(path))
        data = _data(Path(path))
        if isinstance(data, dict) and isinstance(data.get("plan"), str):  # a results file
            plan = Path(path).parent / data["plan"]
            found.append(plan)
            data = _data(plan)
            base = plan.parent
        else:
            base = Path(path).parent
        if isinstance(data, dict) and ("rates" in data or "groups" in data or "year" in data):
            found.extend(_plan_tables(data, base))
    found.extend(shipped_files())
    return Inputs(tuple(found))


def _data(path: Path) -> object:
    """The data of a YAML file, read ahead for the run; for a file that is not YAML (or not a
    mapping), the top-level ``plan:``, ``rates:`` and ``year:`` lines its text still holds."""
    try:
        loaded = read_file(path, str(path), keep=True)
    except (UnreadableFile, OSError, ValueError):
        return None
    if isinstance(loaded.data, dict):
        return loaded.data
    try:
        text = read_regular(path, MAX_FILE_BYTES).decode("utf-8", "replace")
    except (OSError, ValueError):
        return None
    found: dict[str, object] = {}
    for match in _TOP_LEVEL.finditer(text):
        key, value = match["key"], match["value"].strip().strip("'\"")
        found.setdefault(key, int(value) if key == "year" and value.isdigit() else value)
    return found or None


def _plan_tables(data: dict[str, object], base: Path) -> tuple[Path, ...]:
    ref = data.get("rates")
    year = data.get("year")
    if not isinstance(ref, str):
        ref = default_table_id(year if isinstance(year, int) else 0)
    try:
        return rate_table_files(ref, base)
    except (OSError, ValueError, RuntimeError):  # a name the file system refuses: nothing to protect
        return ()


def distinct_files(paths: list[Path]) -> tuple[list[Path], list[tuple[Path, Path]]]:
    """``paths`` without repeats of one file (same path, a symlink or a hard link to it), and the
    (repeat, first) pairs that were left out."""
    kept: list[Path] = []
    repeats: list[tuple[Path, Path]] = []
    for path in paths:
        first = next((k for k in kept if same_file(path, k)), None)
        if first is None:
            kept.append(path)
        else:
            repeats.append((path, first))
    return kept, repeats
