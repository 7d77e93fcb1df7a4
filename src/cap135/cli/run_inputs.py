"""The input files of a run, which no output may replace: every file the run reads.

The files named on the command line (plans, results files, a template), and what they name in
turn: a results file names its plan (``plan:``, relative to itself); a plan names its rate table
(``rates:``, or the shipped default of its year); a table names the tables it ``extends``, user
files relative to itself or shipped ids (budget/input_files.rate_table_files). :func:`discover`
follows that chain through the files themselves, YAML or workbook (results/file_reader), leniently
— a file that cannot be read, is not YAML or has errors still protects itself and what it names as
far as it can be read — so that an output onto an input is refused before anything else about the
run is checked (cli/guard.py). The files cap135 ships (its rate tables and templates) are inputs of
every run.

The files read here are kept for the run's own reading (plan/plan_file.reading_once): a plan is
read once.
"""

from __future__ import annotations

import importlib.resources
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from cap135.budget.input_files import rate_table_files
from cap135.budget.rate_tables import RATES_DIR, default_table_id
from cap135.plan.yaml_loader import MAX_FILE_BYTES, UnreadableFile, read_regular
from cap135.results.file_reader import read_input

__all__ = ["Inputs", "discover", "shipped_files"]

# A top-level key of a file that is not YAML: `rates: local.yaml  # comment`
_TOP_LEVEL = re.compile(r"^(?P<key>plan|rates|year)[ \t]*:[ \t]*(?P<value>[^#\r\n]*)", re.MULTILINE)


@dataclass(frozen=True)
class Inputs:
    """Every file a run reads, as far as it could be found."""

    files: tuple[Path, ...]


def shipped_files() -> tuple[Path, ...]:
    """The files cap135 ships and reads: its rate tables and its Word templates."""
    templates = importlib.resources.files("cap135.documents").joinpath("templates")
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
    """The data of a plan or results file (YAML or workbook), read ahead for the run; for a file
    that is not YAML (nor a workbook), the top-level ``plan:``, ``rates:`` and ``year:`` lines its
    text still holds."""
    try:
        loaded = read_input(path, str(path), keep=True)
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
