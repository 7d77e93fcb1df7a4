"""`cap135 schema` (issue 7): the JSON Schema accepts every shipped plan and rejects broken ones."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import jsonschema
import pytest
import yaml
from conftest import PLANS, QUANG_TRI, ROOT
from typer.testing import CliRunner

from cap135.cli.app import app
from cap135.plan.schema import plan_schema, schema_json
from cap135.plan.starter import StarterValues, starter_text

SCHEMA_FILE = ROOT / "schema" / "plan.schema.json"
SHIPPED = sorted(PLANS.glob("*.yaml"))


def as_json(value: Any) -> Any:
    """YAML data as an editor's JSON view sees it: dates become ISO strings."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    return value


def load(text: str) -> Any:
    return as_json(yaml.safe_load(text))


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_committed_schema_is_fresh():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_json(), (
        "schema/plan.schema.json is stale: run `cap135 schema -o schema/plan.schema.json`"
    )


def test_examples_point_at_the_committed_schema():
    for plan in SHIPPED:
        first = plan.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../schema/plan.schema.json", plan


@pytest.mark.parametrize("plan", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_every_shipped_plan_is_valid(validator, plan):
    errors = [e.message for e in validator.iter_errors(load(plan.read_text(encoding="utf-8")))]
    assert not errors


def test_the_starter_plan_is_valid(validator):
    assert not list(validator.iter_errors(load(starter_text(StarterValues(year=2024)))))


BROKEN = [
    ("unknown-key", "    lessons:\n      - {title: Quy trình", "    lesons:\n      - {title: Quy trình"),
    ("wrong-audience", "audience: community", "audience: youth"),
    (
        "comma-trap",
        '{text: "Cán bộ Ban Dân tộc và mời các Sở, ban ngành.", grade: provincial}\n    lessons:\n'
        "      - {title: Quy",
        "{text: Cán bộ Ban Dân tộc và mời các Sở, ban ngành., grade: provincial}\n"
        "    lessons:\n      - {title: Quy",
    ),
    ("month-13", "schedule: {from: 2020-07, to: 2020-08}", "schedule: {from: 2020-13, to: 2020-08}"),
    ("classes-text", "classes: 9", "classes: chín"),
    (
        "negative-size",
        "class_size: 84\n    days: 3\n    schedule: {from: 2020-07",
        "class_size: -84\n    days: 3\n    schedule: {from: 2020-07",
    ),
    ("version-2", "version: 1", "version: 2"),
    ("venue-level", "level: commune}", "level: village}"),
]


@pytest.mark.parametrize(("name", "old", "new"), BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_plans_are_rejected(validator, quang_tri_text, name, old, new):
    assert quang_tri_text.count(old) == 1
    data = load(quang_tri_text.replace(old, new))
    assert list(validator.iter_errors(data)), name


@pytest.mark.parametrize(
    ("old", "new"),
    [
        # what the loader accepts, the schema accepts
        ("schedule: {from: 2020-07, to: 2020-08}", "schedule: {from: 2020-07-01, to: '2020-08-31'}"),
        ("schedule: {from: 2020-07, to: 2020-08}", "schedule: {from: '2020-7', to: 2020-08}"),
        ("organization:\n  - ", "organization: "),
        ("version: 1\n", "version: 1\ndate: 2020-03-02\nnumber: 15\nmanagement: true\n"),
    ],
)
def test_loader_forms_are_accepted(validator, quang_tri_text, tmp_path, old, new):
    from cap135.budget.analysis import analyze

    assert quang_tri_text.count(old) == 1
    text = quang_tri_text.replace(old, new)
    assert not list(validator.iter_errors(load(text)))
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    assert analyze(path).plan is not None


def test_every_field_has_a_vietnamese_description():
    schema = plan_schema()
    missing = []
    for owner, model in [("Plan", schema), *schema["$defs"].items()]:
        for name, prop in model.get("properties", {}).items():
            if not prop.get("description"):
                missing.append(f"{owner}.{name}")
    assert not missing


def test_schema_command_prints_and_writes(tmp_path):
    runner = CliRunner()
    result = runner.invoke(app, ["schema"], catch_exceptions=False)
    assert result.exit_code == 0
    assert result.stdout == SCHEMA_FILE.read_text(encoding="utf-8")
    out = tmp_path / "plan.schema.json"
    result = runner.invoke(app, ["schema", "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0
    assert out.read_text(encoding="utf-8") == schema_json()
    assert str(out) in result.stderr
    bad = runner.invoke(app, ["schema", "-o", str(tmp_path / "none" / "x.json")], catch_exceptions=False)
    assert bad.exit_code == 2


def test_quang_tri_json_view_keeps_dates_as_text():
    data = load(QUANG_TRI.read_text(encoding="utf-8"))
    assert data["groups"][0]["schedule"] == {"from": "2020-05", "to": "2020-06"}
