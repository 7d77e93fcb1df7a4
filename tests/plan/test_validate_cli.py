"""`cap135 validate` on one-edit broken copies of the example plan (issue: foundation)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import PLANS, edited
from typer.testing import CliRunner

from cap135.cli.app import app

ALIAS_BOMB = b"a: &a [1,1,1,1,1,1,1,1,1]\n" + b"".join(
    f"{b}: &{b} [{','.join(['*' + a] * 9)}]\n".encode() for a, b in zip("abcdef", "bcdefg", strict=True)
)
GROUP2_SCHEDULE = "schedule: {from: 2020-07, to: 2020-08}"

# (name, old, new, expected code) — each a single edit of plans/quang-tri-2020.yaml
BROKEN = [
    (
        "wrong-year",
        GROUP2_SCHEDULE,
        "schedule: {from: 2019-07, to: 2019-08}",
        "schedule-outside-year",
    ),
    ("reversed", GROUP2_SCHEDULE, "schedule: {from: 2020-08, to: 2020-07}", "schedule-reversed"),
    (
        "negative-size",
        "classes: 3\n    class_size: 84",
        "classes: 3\n    class_size: -84",
        "must-be-positive",
    ),
    (
        "misspelled-key",
        "    lessons:\n      - {title: Quy trình",
        "    lesons:\n      - {title: Quy trình",
        "unknown-key",
    ),
    ("float-money", "ceiling: 1251000000", "ceiling: 1251000000.5", "money-float"),
    ("text-number", "classes: 9", "classes: chín", "expected-integer"),
    (
        "zero-periods",
        'bảo vệ và phát triển rừng theo hướng lâm nghiệp xã hội", periods: 5}',
        'bảo vệ và phát triển rừng theo hướng lâm nghiệp xã hội", periods: 0}',
        "must-be-positive",
    ),
    ("unknown-audience", "audience: community", "audience: youth", "bad-choice"),
    ("unknown-venue-level", "level: commune}", "level: village}", "bad-choice"),
    ("duplicate-id", "id: to-chuc-thuc-hien", "id: tuyen-truyen", "duplicate-id"),
    ("yaml-syntax", "classes: 9\n", "classes: [9\n", "yaml-syntax"),
    (
        "comma-trap",
        'speakers: {text: "Cán bộ Ban Dân tộc và mời các Sở, ban ngành.", grade: provincial}\n    lessons:\n'
        "      - {title: Quy",
        "speakers: {text: Cán bộ Ban Dân tộc và mời các Sở, ban ngành., grade: provincial}\n    lessons:\n"
        "      - {title: Quy",
        "unknown-key-text",
    ),
]


def run(runner: CliRunner, *args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


@pytest.mark.parametrize(("name", "old", "new", "code"), BROKEN, ids=[b[0] for b in BROKEN])
def test_one_edit_breaks_with_position(runner, quang_tri_text, tmp_path: Path, name, old, new, code):
    text, line = edited(quang_tri_text, old, new)
    plan = tmp_path / f"{name}.yaml"
    plan.write_text(text, encoding="utf-8")
    result = run(runner, "--lang", "en", "validate", str(plan))
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    wanted = [ln for ln in result.output.splitlines() if f"[{code}]" in ln]
    assert wanted, result.output
    assert any(ln.startswith(f"{plan}:{line}:") or ln.startswith(f"{plan}:{line + 1}:") for ln in wanted), (
        line,
        result.output,
    )


def test_missing_year_points_at_the_plan_mapping(runner, quang_tri_text, tmp_path):
    text, _ = edited(quang_tri_text, "year: 2020\n", "")
    plan = tmp_path / "no-year.yaml"
    plan.write_text(text, encoding="utf-8")
    result = run(runner, "--lang", "en", "validate", str(plan))
    assert result.exit_code == 1
    first_key_line = next(i for i, ln in enumerate(text.splitlines(), 1) if ln.startswith("version:"))
    assert f"{plan}:{first_key_line}:1: error[missing-key]: missing required key 'year'" in result.output


def test_misspelled_key_suggests_the_right_one(runner, quang_tri_text, tmp_path):
    text, _ = edited(
        quang_tri_text,
        "    lessons:\n      - {title: Quy trình",
        "    lesons:\n      - {title: Quy trình",
    )
    plan = tmp_path / "typo.yaml"
    plan.write_text(text, encoding="utf-8")
    result = run(runner, "--lang", "en", "validate", str(plan))
    assert "did you mean 'lessons'?" in result.output
    vi = run(runner, "validate", str(plan))
    assert "có phải ý bạn là 'lessons'?" in vi.output


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "empty-file"),
        (b"# only a comment\n", "empty-file"),
        (b"- a\n- b\n", "not-a-plan"),
        (b"\xff\xfev\x00e\x00", "encoding-utf16"),
        (b"version: 1\nplace: Qu\xe1ng Tr\xd2\n", "encoding-not-utf8"),  # Windows-1258 bytes
        (
            ALIAS_BOMB,
            "yaml-alias-bomb",
        ),
        (b"version: 1\nyear: 2020\nyear: 2021\n", "duplicate-key"),
        (b"version: 1\n\tyear: 2020\n", "yaml-tab"),
        (b"year: " + b"9" * 5000 + b"\n", "number-too-large"),
        (b"a: " + b"[" * 200 + b"]" * 200 + b"\n", "yaml-too-deep"),
    ],
    ids=[
        "empty",
        "comment-only",
        "top-level-list",
        "utf16",
        "cp1258",
        "alias-bomb",
        "duplicate-key",
        "tab",
        "huge-int",
        "deep",
    ],
)
def test_hostile_files_are_plan_errors(runner, tmp_path, content, code):
    plan = tmp_path / "bad.yaml"
    plan.write_bytes(content)
    result = run(runner, "--lang", "en", "validate", str(plan))
    assert result.exit_code == 1, result.output
    assert f"[{code}]" in result.output
    assert "Traceback" not in result.output


def test_missing_file_is_exit_2(runner, tmp_path):
    result = run(runner, "--lang", "en", "validate", str(tmp_path / "nope.yaml"))
    assert result.exit_code == 2
    assert "file not found" in result.output


def test_directory_is_exit_2(runner, tmp_path):
    result = run(runner, "validate", str(tmp_path))
    assert result.exit_code == 2


@pytest.mark.parametrize("plan", sorted(PLANS.glob("*.yaml")), ids=lambda p: p.name)
def test_shipped_plans_validate(runner, plan):
    result = run(runner, "validate", str(plan))
    assert result.exit_code == 0, result.output
    assert "error[" not in result.output


def test_json_format_lists_findings(runner, quang_tri_text, tmp_path):
    text, line = edited(quang_tri_text, GROUP2_SCHEDULE, "schedule: {from: 2019-07, to: 2020-08}")
    plan = tmp_path / "p.yaml"
    plan.write_text(text, encoding="utf-8")
    result = run(runner, "--lang", "en", "validate", "--format", "json", str(plan))
    assert result.exit_code == 1
    records = json.loads(result.output)
    errors = [r for r in records if r["severity"] == "error"]
    assert [(r["code"], r["line"]) for r in errors] == [("schedule-outside-year", line)]
    assert errors[0]["path"] == ["groups", 1, "schedule", "from"]


def test_strict_makes_warnings_fail(runner, quang_tri_text, tmp_path):
    # no national class-size limit: a province table sets one
    (tmp_path / "tinh.yaml").write_text(
        "id: tinh\ntitle: Bảng tỉnh\nextends: [quang-tri-2020]\nprofile:\n"
        "  max_class_size: {value: 100, from: 2010-01-01, basis: 'Quyết định của tỉnh'}\n",
        encoding="utf-8",
    )
    text, _ = edited(quang_tri_text, "classes: 9\n    class_size: 54", "classes: 9\n    class_size: 540")
    text, _ = edited(text, "rates: quang-tri-2020", "rates: tinh.yaml")
    plan = tmp_path / "big.yaml"
    plan.write_text(text, encoding="utf-8")
    assert "[class-too-large]" in run(runner, "validate", str(plan)).output
    assert run(runner, "validate", "--strict", str(plan)).exit_code == 1


def test_every_finding_is_reported_at_once(runner, quang_tri_text, tmp_path):
    text, _ = edited(quang_tri_text, "classes: 9", "classes: 0")
    text, _ = edited(text, "audience: community", "audience: youth")
    text, _ = edited(text, "days: 7", "days: -7")
    plan = tmp_path / "many.yaml"
    plan.write_text(text, encoding="utf-8")
    result = run(runner, "--lang", "en", "validate", str(plan))
    assert result.output.count("error[") == 3, result.output


def test_nfd_text_is_normalised(tmp_path):
    import unicodedata

    from cap135.budget.analysis import analyze

    nfd = unicodedata.normalize("NFD", (PLANS / "quang-tri-2020.yaml").read_text(encoding="utf-8"))
    plan = tmp_path / "nfd.yaml"
    plan.write_bytes(b"\xef\xbb\xbf" + nfd.replace("\n", "\r\n").encode("utf-8"))
    analysis = analyze(plan)
    assert analysis.ok, analysis.findings
    assert analysis.plan is not None
    assert analysis.plan.signer.name == unicodedata.normalize("NFC", "Lê Văn Quyền")


def test_semantic_findings_of_valid_groups_come_with_structural_errors(runner, quang_tri_text, tmp_path):
    text, year_line = edited(
        quang_tri_text, "schedule: {from: 2020-05, to: 2020-06}", "schedule: {from: 2019-05, to: 2020-06}"
    )
    text, typo_line = edited(text, "classes: 9", "classes: nine")
    plan = tmp_path / "two.yaml"
    plan.write_text(text, encoding="utf-8")
    result = run(runner, "--lang", "en", "validate", str(plan))
    assert result.exit_code == 1
    assert f"{plan}:{year_line}:" in result.output and "[schedule-outside-year]" in result.output
    assert f"{plan}:{typo_line}:" in result.output and "[expected-integer]" in result.output
