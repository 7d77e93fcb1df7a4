"""Fixed choices in the officer's words (issue 25): Vietnamese values beside the English ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import QUANG_TRI, edited

from cap135.budget.analysis import analyze
from cap135.cli.app import app
from cap135.plan.schema import plan_schema
from cap135.results.results_file import Results

# Every fixed choice of the example plan, written in Vietnamese.
VIETNAMESE = [
    ("audience: cadres", "audience: cán bộ"),
    ("audience: community", "audience: cộng đồng"),
    ("level: province}", "level: tỉnh}"),
    ("level: commune}", "level: xã}"),
    ("grade: provincial}", "grade: nhóm 4}"),
    ("grade: expert}", "grade: nhóm 3}"),
]


def _all_replaced(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new)


def test_a_plan_in_vietnamese_words_costs_as_the_english_one(tmp_path, quang_tri_text):
    text = quang_tri_text
    for old, new in VIETNAMESE:
        text = _all_replaced(text, old, new)
    assert "audience: cán bộ" in text and "level: xã" in text
    path = tmp_path / "vi.yaml"
    path.write_text(text, encoding="utf-8")
    english, vietnamese = analyze(QUANG_TRI), analyze(path)
    assert vietnamese.ok, vietnamese.findings
    assert vietnamese.plan == english.plan  # normalised to the English values at the model
    assert vietnamese.budget.as_dict() == english.budget.as_dict()


def test_a_destination_in_vietnamese(tmp_path, quang_tri_text):
    text, _ = edited(quang_tri_text, "level: province}\n\norganization", "level: Thành phố}\n\norganization")
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    plan = analyze(path).plan
    assert plan is not None and plan.tours[0].destination.level == "city"


def test_yes_and_no_in_vietnamese(tmp_path, quang_tri_text):
    text, _ = edited(
        quang_tri_text, "    audience: community\n", "    audience: community\n    salaried: Có\n"
    )
    text = text.replace("rates: quang-tri-2020\n", "rates: quang-tri-2020\nmanagement: có\n")
    path = tmp_path / "p.yaml"
    path.write_text(text.replace("salaried: false", "salaried: không"), encoding="utf-8")
    plan = analyze(path).plan
    assert plan is not None and plan.management is True
    assert [g.salaried for g in plan.groups] == [False, False, True]


def test_a_wrong_choice_names_the_vietnamese_words_first(runner, tmp_path, quang_tri_text):
    text, line = edited(quang_tri_text, "    audience: community\n", "    audience: nhân dân\n")
    text, bool_line = edited(text, "    days: 2\n", "    days: 2\n    meals: dạ\n")
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1
    assert (
        f"{path}:{line}:15: error[bad-choice]: giá trị 'nhân dân' không hợp lệ; chọn một trong: "
        "cán bộ (cadres) | cộng đồng (community)"
    ) in result.output
    assert f"{path}:{bool_line + 1}:12: error[expected-yes-no]: cần có hoặc không (true | false)" in (
        result.output
    )
    english = runner.invoke(app, ["--lang", "en", "validate", str(path)])
    assert "choose one of: cán bộ (cadres) | cộng đồng (community)" in english.output


def _enums(schema: object) -> list[list[object]]:
    found: list[list[object]] = []
    if isinstance(schema, dict):
        if "enum" in schema:
            found.append(schema["enum"])
        for value in schema.values():
            found.extend(_enums(value))
    elif isinstance(schema, list):
        for value in schema:
            found.extend(_enums(value))
    return found


@pytest.mark.parametrize("schema", [plan_schema(), Results.model_json_schema(by_alias=True)])
def test_every_fixed_choice_lists_its_vietnamese_words(schema):
    enums = _enums(schema)
    assert enums  # levels, audiences, grades, yes/no
    for values in enums:
        if values == ["có", "không"]:  # beside a boolean
            continue
        english = [v for v in values if isinstance(v, str) and v.isascii()]
        vietnamese = [v for v in values if isinstance(v, str) and not v.isascii()]
        assert english and len(vietnamese) == len(english), values


def test_the_plan_schema_lists_each_choice_in_both_languages():
    schema = plan_schema()
    enums = _enums(schema)
    assert ["cadres", "cán bộ", "community", "cộng đồng"] in enums
    assert ["có", "không"] in enums
    text = json.dumps(schema, ensure_ascii=False)
    assert "nhóm 4" in text and "thành phố" in text


def test_the_committed_schemas_list_the_vietnamese_words():
    root = Path(__file__).resolve().parents[2] / "schema"
    for name in ("plan.schema.json", "results.schema.json"):
        assert '"xã"' in (root / name).read_text(encoding="utf-8"), name


# --- a tour to a district from 1/7/2025 ----------------------------------------------------


def _tour_plan(tmp_path: Path, quang_tri_text: str, year: int, month: str) -> Path:
    text = quang_tri_text.replace("rates: quang-tri-2020\n", "").replace("2020", str(year))
    text, _ = edited(
        text,
        "destination: {name: các tỉnh phía Nam, level: province}",
        f"destination: {{name: huyện Hướng Hóa, level: huyện}}\n    schedule: {{from: {month}, to: {month}}}",
    )
    path = tmp_path / f"p{year}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_tour_to_a_district_is_an_error_from_1_july_2025(tmp_path, quang_tri_text):
    before = analyze(_tour_plan(tmp_path, quang_tri_text, 2025, "2025-06"))
    after = analyze(_tour_plan(tmp_path, quang_tri_text, 2026, "2026-10"))
    tour = ("tours", 0, "destination", "level")
    assert tour not in [f.path for f in before.findings if f.code == "district-abolished"]
    found = [f for f in after.findings if f.code == "district-abolished" and f.path == tour]
    assert len(found) == 1 and found[0].is_error
    assert found[0].args["day"].endswith("/2026")


def test_a_plan_in_vietnamese_words_converts_to_a_workbook_and_back(runner, tmp_path, quang_tri_text):
    """The workbook (issue 23) shows each choice as its dropdown word and reads it back."""
    text = quang_tri_text
    for old, new in VIETNAMESE:
        text = _all_replaced(text, old, new)
    text = text.replace("level: province}\n\norganization", "level: tỉnh}\n\norganization")
    source = tmp_path / "vi.yaml"
    source.write_text(text.replace("salaried: false", "salaried: không"), encoding="utf-8")
    workbook = tmp_path / "vi.xlsx"
    result = runner.invoke(app, ["convert", str(source), "-o", str(workbook)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert analyze(workbook).plan == analyze(QUANG_TRI).plan
