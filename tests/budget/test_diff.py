"""`cap135 diff OLD NEW` (issue 7): what a mid-year revision changed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import QUANG_TRI
from typer.testing import CliRunner

from cap135.budget.analysis import analyze
from cap135.cli.app import app

TOUR_NAME = "Tham quan, học tập kinh nghiệm"

GROUP2 = "classes: 3\n    class_size: 84"


def run(*args: str, **kwargs):
    return CliRunner().invoke(app, list(args), catch_exceptions=False, **kwargs)


def revised(tmp_path: Path, text: str, *edits: tuple[str, str], name: str = "new.yaml") -> Path:
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def diff_json(old: Path, new: Path) -> dict:
    result = run("diff", str(old), str(new), "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_no_changes_exit_0(tmp_path, quang_tri_text):
    copy = revised(tmp_path, quang_tri_text)
    result = run("diff", str(QUANG_TRI), str(copy), env={"CAP135_LANG": None})
    assert result.exit_code == 0
    assert "không có thay đổi" in result.stdout
    data = diff_json(QUANG_TRI, copy)
    assert data["changed"] is False
    assert (data["groups"], data["tours"], data["lines"]) == ([], [], [])
    assert data["total"]["delta"] == 0


def test_more_classes_and_trainees(tmp_path, quang_tri_text):
    new = revised(
        tmp_path,
        quang_tri_text,
        (GROUP2, "classes: 4\n    class_size: 80"),
        ("trainees: 17\n    staff: 5", "trainees: 20\n    staff: 5"),
        ("ceiling: 1251000000", "ceiling: 1300000000"),
    )
    data = diff_json(QUANG_TRI, new)
    assert data["changed"] is True
    assert data["groups"] == [
        {
            "id": "to-chuc-thuc-hien",
            "name": "Đối với nhóm cán bộ cơ sở tổ chức thực hiện",
            "change": "changed",
            "fields": {
                "classes": {"old": 3, "new": 4, "delta": 1},
                "trainees": {"old": 3 * 84, "new": 4 * 80, "delta": 4 * 80 - 3 * 84},
            },
        }
    ]
    assert data["tours"] == [
        {
            "id": "tham-quan-phia-nam",
            "name": TOUR_NAME,
            "change": "changed",
            "fields": {"trainees": {"old": 17, "new": 20, "delta": 3}},
        }
    ]
    old_total, new_total = analyze(QUANG_TRI).budget.total, analyze(new).budget.total
    assert data["total"] == {"old": old_total, "new": new_total, "delta": new_total - old_total}
    assert data["ceiling"] == {"old": 1_251_000_000, "new": 1_300_000_000, "delta": 49_000_000}
    assert sum(line["delta"] for line in data["lines"]) == new_total - old_total
    assert {line["entity"] for line in data["lines"]} == {"to-chuc-thuc-hien", "tham-quan-phia-nam"}
    assert {line["entity_name"] for line in data["lines"]} == {
        "Đối với nhóm cán bộ cơ sở tổ chức thực hiện",
        TOUR_NAME,
    }
    speakers = next(
        line
        for line in data["lines"]
        if line["entity"] == "to-chuc-thuc-hien" and line["rate_key"].startswith("speaker_fee")
    )
    assert speakers["change"] == "changed"
    assert speakers["new"]["quantity"] == speakers["old"]["quantity"] // 3 * 4  # buổi per class × classes
    assert speakers["new"]["amount"] == speakers["new"]["quantity"] * speakers["new"]["rate"]
    # per diem of the tour: people × days
    per_diem = next(
        line for line in data["lines"] if line["unit"] == "người/ngày" and "tham-quan" in line["entity"]
    )
    assert (per_diem["old"]["quantity"], per_diem["new"]["quantity"]) == (22 * 7, 25 * 7)


def test_groups_added_and_removed(tmp_path, quang_tri_text):
    new = revised(
        tmp_path,
        quang_tri_text,
        ("id: cong-dong\n", "id: cong-dong-bo-sung\n"),
        ("name: Đối với nhóm cộng đồng\n", "name: Đối với nhóm cộng đồng (bổ sung)\n"),
    )
    data = diff_json(QUANG_TRI, new)
    changes = {g["id"]: g for g in data["groups"]}
    assert changes["cong-dong"]["change"] == "removed"
    assert changes["cong-dong"]["fields"]["trainees"] == {"old": 9 * 54, "new": None, "delta": None}
    assert changes["cong-dong-bo-sung"]["change"] == "added"
    assert changes["cong-dong-bo-sung"]["fields"]["classes"]["new"] == 9
    removed = [line for line in data["lines"] if line["entity"] == "cong-dong"]
    added = [line for line in data["lines"] if line["entity"] == "cong-dong-bo-sung"]
    assert removed and all(line["change"] == "removed" and line["new"] is None for line in removed)
    assert sum(line["delta"] for line in added) == -sum(line["delta"] for line in removed)
    assert data["total"]["delta"] == 0


def test_periods_and_days(tmp_path, quang_tri_text):
    new = revised(
        tmp_path,
        quang_tri_text,
        (
            "Đánh giá hiệu quả sử dụng nguồn vốn trong sản xuất, periods: 5}",
            "Đánh giá hiệu quả sử dụng nguồn vốn trong sản xuất, periods: 9}",
        ),
        ("class_size: 54\n    days: 2", "class_size: 54\n    days: 3"),
    )
    groups = {g["id"]: g["fields"] for g in diff_json(QUANG_TRI, new)["groups"]}
    assert groups["to-chuc-thuc-hien"] == {"periods": {"old": 30, "new": 34, "delta": 4}}
    assert groups["cong-dong"] == {"days": {"old": 2, "new": 3, "delta": 1}}


def test_table_in_both_languages(tmp_path, quang_tri_text):
    new = revised(tmp_path, quang_tri_text, (GROUP2, "classes: 4\n    class_size: 84"))
    vi = run("diff", str(QUANG_TRI), str(new), env={"CAP135_LANG": None, "COLUMNS": "120"})
    assert vi.exit_code == 0
    for text in (
        "ĐIỀU CHỈNH KẾ HOẠCH",
        "Nhóm đối tượng",
        "Đối với nhóm cán bộ cơ sở tổ chức thực hiện (đổi)",
        "số lớp",
        "tổng dự toán",
    ):
        assert text in vi.stdout, text
    en = run("diff", str(QUANG_TRI), str(new), env={"CAP135_LANG": "en", "COLUMNS": "120"})
    for text in (
        "PLAN CHANGES",
        "Groups",
        "Đối với nhóm cán bộ cơ sở tổ chức thực hiện (changed)",
        "classes",
        "costed total",
    ):
        assert text in en.stdout, text
    # groups, tours and the lines' owners by name, never by id
    for shown in (vi.stdout, en.stdout):
        assert "to-chuc-thuc-hien" not in shown


def test_a_plan_with_errors_exits_1(tmp_path, quang_tri_text):
    broken = revised(tmp_path, quang_tri_text, ("classes: 9", "classes: chín"))
    result = run("--lang", "en", "diff", str(QUANG_TRI), str(broken))
    assert result.exit_code == 1
    assert "expected-integer" in result.stderr and "the plan has errors" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("missing_first", [True, False])
def test_an_unreadable_plan_exits_2(tmp_path, missing_first):
    missing = tmp_path / "none.yaml"
    args = (missing, QUANG_TRI) if missing_first else (QUANG_TRI, missing)
    result = run("diff", *map(str, args))
    assert result.exit_code == 2
    assert "file-not-found" in result.stderr
