"""Hints that fit the field (issue 13): a count gets a count example, money a money example,
and an impossible date says why (June has 30 days), whether quoted or not."""

from __future__ import annotations

import pytest
from conftest import QUANG_TRI, edited
from typer.testing import CliRunner

from cap135.cli.app import app
from cap135.plan.dates import impossible_date


def validate(tmp_path, old: str, new: str, lang: str) -> tuple[str, int]:
    text, line = edited(QUANG_TRI.read_text(encoding="utf-8"), old, new)
    plan = tmp_path / "plan.yaml"
    plan.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["--lang", lang, "validate", str(plan)], catch_exceptions=False)
    assert result.exit_code == 1
    return result.stdout, line


@pytest.mark.parametrize(
    ("old", "new", "example", "not_example"),
    [
        ("days: 7", "days: bảy", "3", "1251000000"),  # the tour's days
        ("classes: 9", "classes: chín", "2", "1251000000"),
        ("ceiling: 1251000000", "ceiling: 1.251.000.000", "1251000000", None),
    ],
)
@pytest.mark.parametrize(("lang", "eg"), [("vi", "ví dụ: "), ("en", "e.g. ")])
def test_whole_number_hint_fits_the_field(tmp_path, old, new, example, not_example, lang, eg):
    out, line = validate(tmp_path, old, new, lang)
    finding = next(x for x in out.splitlines() if "expected-integer" in x)
    assert f":{line}:" in finding
    hint = out.splitlines()[out.splitlines().index(finding) + 1]
    assert hint.endswith(eg + example), hint
    if not_example:
        assert not_example not in hint


@pytest.mark.parametrize("quoted", [False, True])
@pytest.mark.parametrize(
    ("lang", "words"),
    [("vi", "tháng 6 năm 2020 chỉ có 30 ngày"), ("en", "month 6 of 2020 has 30 days")],
)
def test_june_31_says_june_has_30_days(tmp_path, quoted, lang, words):
    day = '"2020-06-31"' if quoted else "2020-06-31"
    out, line = validate(
        tmp_path, "schedule: {from: 2020-05, to: 2020-06}", f"schedule: {{from: {day}, to: 2020-06}}", lang
    )
    finding = next(x for x in out.splitlines() if "date-no-such-day" in x)
    assert f":{line}:" in finding and words in finding
    assert "2020-06-30" in out  # the hint names the last day


def test_impossible_dates():
    assert impossible_date("2027-06-31")[1]["days"] == 30
    assert impossible_date("2027-02-29")[1]["days"] == 28
    assert impossible_date("2028-02-29") is None  # a leap year
    assert impossible_date("2027-13")[0] == "date-no-such-month"
    assert impossible_date("2027-06") is None
    assert impossible_date("abc") is None
