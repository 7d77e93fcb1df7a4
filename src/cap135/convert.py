"""`cap135 convert`: a plan or results file from one form to the other (YAML ↔ .xlsx workbook).

Both directions go through the plain data: the input is read as any command reads it
(input_file.read_input), must pass the structure checks of its kind, and is written in the other
form. YAML is written in the order of the models' fields, with every text that YAML would read as
something else quoted (PyYAML's emitter quotes what its resolver would type), so the file loads
back to the same data; a workbook by workbook_write.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

import yaml
from pydantic import BaseModel

from .findings import Finding
from .loader import Loaded
from .model import Plan
from .structure import _fields_of, build_plan

__all__ = ["Converted", "converted", "data_yaml"]

Form = Literal["yaml", "xlsx"]


@dataclass(frozen=True)
class Converted:
    """The output's bytes, or the findings that stop the conversion."""

    data: bytes | None
    findings: tuple[Finding, ...]


def _ordered(value: Any, model: type[BaseModel] | None) -> Any:
    """`value` with each mapping's keys in the order of its model's fields (unknown keys last)."""
    if isinstance(value, list):
        return [_ordered(item, model) for item in value]
    if not isinstance(value, dict) or model is None:
        return value
    fields = _fields_of(model)
    out = {key: _ordered(value[key], fields[key]) for key in fields if key in value}
    out.update((key, item) for key, item in value.items() if key not in out)
    return out


def data_yaml(data: Mapping[str, Any], results: bool, origin: str = "") -> bytes:
    """The YAML text of a plan's or a results file's data."""
    from .results import Results

    model: type[BaseModel] = Results if results else Plan
    header = f"# Chuyển từ {origin} bằng cap135 convert.\n" if origin else ""
    text = yaml.safe_dump(
        _ordered(dict(data), model),
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=10_000,
    )
    return (header + text).encode("utf-8")


def converted(loaded: Loaded, target: Form, origin: str) -> Converted:
    """The bytes of `loaded` in the form `target`; findings when it does not pass its checks."""
    from .pipeline import is_results_data

    if loaded.data is None or not loaded.ok:
        return Converted(None, loaded.findings)
    results = is_results_data(loaded.data)
    if results:
        from .results import build_results

        _, structural = build_results(loaded.data)
    else:
        _, structural = build_plan(loaded.data)
    problems = (*loaded.findings, *structural)
    if any(f.is_error for f in problems):
        return Converted(None, problems)
    if target == "yaml":
        return Converted(data_yaml(loaded.data, results, origin), ())
    from .workbook_write import plan_workbook, results_workbook

    data = results_workbook(loaded.data) if results else plan_workbook(loaded.data)
    return Converted(data, ())
