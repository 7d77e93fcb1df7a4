"""A plan or a results file in the other form (YAML ↔ .xlsx workbook): the logic of `cap135 convert`.

Both directions go through the plain data: the input is read as any command reads it
(results/file_reader.read_input), must pass the structure checks of its kind, and is written in
the other form, YAML by plan/yaml_writer.py, a workbook by plan/workbook_writer.py or
results/workbook_writer.py. It lives in results/, the lowest stage that knows both kinds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel

from cap135.findings import Finding
from cap135.plan.model import Plan
from cap135.plan.structure import build_plan
from cap135.plan.workbook_writer import plan_workbook
from cap135.plan.yaml_loader import Loaded
from cap135.plan.yaml_writer import data_yaml
from cap135.results.file_kind import is_results_data
from cap135.results.results_file import Results, build_results
from cap135.results.workbook_writer import results_workbook

__all__ = ["Converted", "Form", "converted"]

Form = Literal["yaml", "xlsx"]


@dataclass(frozen=True)
class Converted:
    """The output's bytes, or the findings that stop the conversion."""

    data: bytes | None
    findings: tuple[Finding, ...]


def converted(loaded: Loaded, target: Form, origin: str) -> Converted:
    """The bytes of `loaded` in the form `target`; findings when it does not pass its checks."""
    if loaded.data is None or not loaded.ok:
        return Converted(None, loaded.findings)
    results = is_results_data(loaded.data)
    if results:
        _, structural = build_results(loaded.data)
    else:
        _, structural = build_plan(loaded.data)
    problems = (*loaded.findings, *structural)
    if any(f.is_error for f in problems):
        return Converted(None, problems)
    if target == "yaml":
        model: type[BaseModel] = Results if results else Plan
        return Converted(data_yaml(loaded.data, model, origin), ())
    data = results_workbook(loaded.data) if results else plan_workbook(loaded.data)
    return Converted(data, ())
