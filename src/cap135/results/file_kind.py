"""Which kind of file a path holds, a plan or a results file, and its analysis.

A results file is a mapping with a `plan:` key; a plan file has none (a results workbook has the
results sheets: its data has the key too). The results models are
imported only for a results file, so validating a plan stays quick.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal

from cap135.budget import analysis
from cap135.budget.analysis import Analysis
from cap135.plan.yaml_loader import Loaded, UnreadableFile
from cap135.results.file_reader import read_input

if TYPE_CHECKING:
    from cap135.results.results_file import ResultsAnalysis


def is_results_data(data: object) -> bool:
    """A results file is a mapping with a `plan:` key (a plan file has none)."""
    return isinstance(data, dict) and "plan" in data


def kind_of(loaded: Loaded | None) -> Literal["results", "plan"] | None:
    """ "results" for a mapping with a `plan:` key, "plan" for another mapping, None for a file
    that could not be read or loaded (its own analysis says why)."""
    if loaded is None or not loaded.ok or not isinstance(loaded.data, dict):
        return None
    return "results" if is_results_data(loaded.data) else "plan"


def read_if_readable(path: Path) -> Loaded | None:
    """The file read once for its kind and then its analysis; None when it cannot be read at all."""
    try:
        return read_input(path)
    except UnreadableFile:
        return None


def analyze_any(path: Path) -> Analysis | ResultsAnalysis:
    """A results file (it has a `plan:` key) with its plan, else a plan; the file is read once."""
    loaded = read_input(path)
    if is_results_data(loaded.data):
        from cap135.results.results_file import analyze_results

        return analyze_results(path, loaded=loaded)
    return analysis.analyze(path, loaded=loaded)  # through the module: one place to replace in tests
