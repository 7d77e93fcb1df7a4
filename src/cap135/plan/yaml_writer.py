"""Plain data → YAML text that loads back to the same data (`cap135 convert` to YAML, and
`fit --write` for a workbook plan).

The keys are written in the order of the model's fields (unknown keys last), with every text that
YAML would read as something else quoted (PyYAML's emitter quotes what its resolver would type), so
the file loads back to the same data.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import yaml
from pydantic import BaseModel

from cap135.plan.structure import fields_of

__all__ = ["data_yaml"]


def _ordered(value: Any, model: type[BaseModel] | None) -> Any:
    """`value` with each mapping's keys in the order of its model's fields (unknown keys last)."""
    if isinstance(value, list):
        return [_ordered(item, model) for item in value]
    if not isinstance(value, dict) or model is None:
        return value
    fields = fields_of(model)
    out = {key: _ordered(value[key], fields[key]) for key in fields if key in value}
    out.update((key, item) for key, item in value.items() if key not in out)
    return out


def data_yaml(data: Mapping[str, Any], model: type[BaseModel], origin: str = "") -> bytes:
    """The YAML text of a file's data (a plan's: `model` is Plan; a results file's: Results)."""
    header = f"# Chuyển từ {origin} bằng cap135 convert.\n" if origin else ""
    text = yaml.safe_dump(
        _ordered(dict(data), model),
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=10_000,
    )
    return (header + text).encode("utf-8")
