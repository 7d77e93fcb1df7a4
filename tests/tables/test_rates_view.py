"""`cap135 rates TABLE` in a terminal (issue 24): each key beside its name in the dự toán's words
and its Vietnamese unit, readable in 80 columns, a key never broken across lines."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from cap135.budget.rate_tables import load_table, shipped_table_ids
from cap135.budget.rate_uses import key_uses, unit_words, uses_of
from cap135.cli.app import app
from cap135.tables.sheets import RatesRecord, sheet
from cap135.tables.text_table import render

ENGLISH_UNITS = ("person_day", "person_night", "class_day", "session", "trainee", "percent")


@pytest.mark.parametrize("table_id", shipped_table_ids())
@pytest.mark.parametrize("width", [80, 60])
@pytest.mark.parametrize("unverified", [False, True])
def test_every_key_whole_beside_its_name_and_unit(table_id, width, unverified):
    table = load_table(table_id)
    text = render(sheet(RatesRecord(table, unverified_only=unverified), "vi"), width)
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= width
    shown = {r.key for r in RatesRecord(table, unverified_only=unverified).rates()}
    assert shown
    for key in shown:
        heading = next(i for i, line in enumerate(lines) if line.startswith(f"{key} — "))
        words = " ".join(lines[heading : heading + 4])  # a heading may wrap after the key
        assert uses_of(key).name("vi").split(" (")[0] in words
        assert f"đơn vị: {unit_words(table.versions(key)[0].unit, 'vi')}" in " ".join(words.split())
    for unit in ENGLISH_UNITS:
        assert f"đơn vị: {unit}" not in text


def test_keys_come_in_the_order_of_the_estimate():
    text = render(sheet(RatesRecord(load_table("national")), "vi"), 80)
    positions = [text.index(f"\n{key} — ") for key in key_uses()]
    assert positions == sorted(positions)
    assert text.index("\nspeaker_fee.central_leader — ") < text.index("\nspeaker_fee.local — ")


def test_units_are_vietnamese():
    text = render(sheet(RatesRecord(load_table("national")), "vi"), 80)
    for unit in ("buổi", "người/ngày", "người/đêm", "lớp", "lớp/ngày", "ngày", "người", "%"):
        assert f"đơn vị: {unit}\n" in text or f"đơn vị: {unit}" in text.replace("\n", " ")
    english = render(sheet(RatesRecord(load_table("national")), "en"), 80)
    assert "unit: person/day" in english.replace("\n", " ")


def test_a_provincial_table_shows_whose_version_each_is(tmp_path):
    (tmp_path / "t.yaml").write_text(
        "id: tinh\ntitle: Tỉnh\nextends: [national]\nrates:\n"
        "  per_diem: {amount: 250000, unit: person_day, basis: NQ 1, from: 2024-03-01, to: 2024-12-31}\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["rates", str(tmp_path / "t.yaml")], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "các bảng: national → tinh" in result.stdout
    block = result.stdout.split("\nper_diem — ")[1].split("\n\n")[0]
    rows = [line for line in block.splitlines() if line[:9].strip()[:1].isdigit()]
    assert [row.split()[0] for row in rows] == ["150.000", "200.000", "250.000", "200.000", "300.000"]
    assert rows[2].rstrip().endswith("chưa")  # its own version: no table named
    assert all(row.rstrip().endswith("national") for row in rows if row is not rows[2])
