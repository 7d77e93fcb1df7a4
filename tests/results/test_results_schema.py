"""The results file's JSON Schema: committed, current, and in agreement with the validator."""

from __future__ import annotations

import json

import jsonschema
import pytest
from conftest import PLANS, ROOT

from cap135.cli.app import app
from cap135.results.results_file import results_schema_json
from tests.plan.test_schema import load

SCHEMA_FILE = ROOT / "schema" / "results.schema.json"
EXAMPLE = PLANS / "results" / "quang-tri-2020.results.yaml"


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))


def test_committed_schema_is_current():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == results_schema_json(), (
        "schema/results.schema.json is stale: regenerate it "
        "(see cap135.results.results_file.results_schema_json)"
    )


def test_example_and_starter_are_accepted(validator, runner, tmp_path):
    assert list(validator.iter_errors(load(EXAMPLE.read_text(encoding="utf-8")))) == []
    out = tmp_path / "kq.yaml"
    result = runner.invoke(app, ["init", "--results", str(PLANS / "quang-tri-2020.yaml"), str(out)])
    assert result.exit_code == 0, result.output
    assert list(validator.iter_errors(load(out.read_text(encoding="utf-8")))) == []


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("attendees: 82", "attendee: 82"),
        ("attendees: 82", "attendees: 82.5"),
        ("as_of: 2020-11-30", "as_of: 2020-11"),
        ("people: 21", "people: 0"),
        ("tuyen-truyen: 276350000", "Tuyen Truyen: 276350000"),
    ],
)
def test_schema_rejects_what_validate_rejects(validator, runner, tmp_path, old, new):
    text = EXAMPLE.read_text(encoding="utf-8")
    assert text.count(old) == 1
    broken = text.replace(old, new)
    assert list(validator.iter_errors(load(broken)))
    path = EXAMPLE.parent / f".tmp-{tmp_path.name}.yaml"  # beside the example: its plan path holds
    try:
        path.write_text(broken, encoding="utf-8")
        assert runner.invoke(app, ["validate", str(path)]).exit_code == 1
    finally:
        path.unlink()
