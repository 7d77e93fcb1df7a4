"""The one place a plan or a results file is read when either may come: YAML text or an .xlsx
workbook of either kind (told apart by its sheets), through plan/plan_file.read_either.

A plan alone is read by plan/plan_file.read_plan_file (budget/analysis.py); every command that
may get a results file (validate, report, summary) and the results file's own analysis read here.
"""

from __future__ import annotations

from pathlib import Path

from cap135.plan.plan_file import read_either
from cap135.plan.yaml_loader import Loaded

__all__ = ["read_input"]


def _any_workbook(raw: bytes, name: str) -> Loaded:
    from cap135.results.workbook_reader import read_any_workbook  # imported for a workbook only

    return read_any_workbook(raw, name)


def read_input(path: Path, display: str | None = None, *, keep: bool = False) -> Loaded:
    """Read one plan or results file, YAML or workbook. Raises only UnreadableFile (exit 2).

    ``keep``: read ahead of the run's work (plan/plan_file.reading_once)."""
    return read_either(path, display, _any_workbook, keep=keep)
