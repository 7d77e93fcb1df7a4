"""The plan file's JSON Schema, generated from the pydantic models.

Editors (VS Code with the YAML extension) read it through the first line of a plan,
`# yaml-language-server: $schema=../schema/plan.schema.json`, and then complete keys and
show the Vietnamese descriptions while the officer types. `schema/plan.schema.json` in the
repository is this output, committed; a test keeps the two equal.
"""

from __future__ import annotations

import json
from typing import Any

from cap135.plan.model import Plan

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def plan_schema() -> dict[str, Any]:
    """The JSON Schema of a plan file, keys as written in YAML (`from`, `to`)."""
    generated = Plan.model_json_schema(by_alias=True)
    return {"$schema": DIALECT, **generated}


def schema_json() -> str:
    """The schema as the text of `schema/plan.schema.json` (UTF-8, stable key order)."""
    return json.dumps(plan_schema(), ensure_ascii=False, indent=2) + "\n"
