"""`cap135 fit` on plans as officers write them (issue 24): classes listed commune by commune,
each with its venue and dates, are varied without merging them — every listed class the same
size (`G.size`), or the K-th one's size or count (`G.K.size`, `G.K.count`); `--max` bounds a
group's trainees; each option says what it changes against the plan.

Expectations come from brute force: every combination written into the plan's data, validated
again as a new plan and costed with the engine; nothing is typed in.
"""

from __future__ import annotations

import copy
import functools
import itertools
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import PLANS
from typer.testing import CliRunner

from cap135.budget import fit as fitting
from cap135.budget.analysis import analyze, check_plan, table_for
from cap135.budget.engine import compute_budget
from cap135.budget.fit_vary import parse_max
from cap135.budget.rate_tables import RateTable
from cap135.cli.app import app
from cap135.plan.model import Plan, class_count, trainee_count
from cap135.plan.structure import build_plan
from cap135.plan.yaml_loader import read_file

SOC_TRANG = PLANS / "soc-trang-2024.yaml"
QUANG_TRI_2027 = PLANS / "quang-tri-2027.yaml"


def run(*args: str, **kwargs: Any) -> Any:
    return CliRunner().invoke(app, list(args), catch_exceptions=False, **kwargs)


@functools.cache
def load(path: Path) -> tuple[Plan, RateTable]:
    analysis = analyze(path)
    assert analysis.plan is not None
    return analysis.plan, table_for(analysis.plan, path.parent)


def written_into(plan: Plan, assignment: dict[str, int]) -> Plan:
    """The plan with `G.size`, `G.K.size`, `G.K.count`, `G.field`, `T.trainees` written into the
    data of its file (found by its title), validated again as a new plan."""
    path = next(p for p in (SOC_TRANG, QUANG_TRI_2027) if load(p)[0].title == plan.title)
    data = copy.deepcopy(read_file(path).data)
    data["funding"]["ceiling"] = plan.funding.ceiling
    for name, value in assignment.items():
        parts = name.split(".")
        entity = next((g for g in data["groups"] if g["id"] == parts[0]), None)
        if entity is None:
            index = next(i for i in range(len(plan.tours)) if plan.tour_id(i) == parts[0])
            data["tours"][index][parts[-1]] = value
        elif len(parts) == 3:
            entity["classes"][int(parts[1]) - 1][parts[2]] = value
        elif parts[1] == "size":
            for spec in entity["classes"]:
                spec["size"] = value
        else:
            entity[parts[1]] = value
    built, findings = build_plan(data)
    assert built is not None, findings
    return built


def brute_force(
    plan: Plan, table: RateTable, vary: dict[str, range], top: int, bounds: dict[str, int] | None = None
):
    """The `top` best (total, changes) over all combinations, ranked as documented: total
    descending, then fewer numbers changed, then the smaller values in --vary order."""
    ceiling = plan.funding.ceiling
    now = {}
    for name in vary:
        parts = name.split(".")
        group = next((g for g in plan.groups if g.id == parts[0]), None)
        if group is not None and len(parts) == 3:
            now[name] = getattr(group.classes[int(parts[1]) - 1], parts[2])
        elif group is not None and parts[1] == "size":
            sizes = {spec.size for spec in group.classes}
            now[name] = sizes.pop() if len(sizes) == 1 else None
        elif group is not None:
            now[name] = getattr(group, parts[1])
        else:
            now[name] = next(t for i, t in enumerate(plan.tours) if plan.tour_id(i) == parts[0]).trainees
    rows = []
    for values in itertools.product(*vary.values()):
        assignment = dict(zip(vary, values, strict=True))
        candidate = written_into(plan, assignment)
        if bounds and any(trainee_count(g) > bounds.get(g.id, 10**12) for g in candidate.groups):
            continue
        budget = compute_budget(candidate, table)
        if budget.total > ceiling:
            continue
        if any(f.is_error for f in (*budget.findings, *check_plan(candidate, table))):
            continue
        changed = sum(1 for name in vary if assignment[name] != now[name])
        rows.append((-budget.total, changed, values))
    rows.sort()
    return [(-neg, dict(zip(vary, values, strict=True))) for neg, _, values in rows[:top]]


def searched(plan: Plan, table: RateTable, vary: dict[str, range], bounds: dict[str, int] | None = None):
    specs = [f"{name}={r.start}..{r.stop - 1}" for name, r in vary.items()]
    limits = parse_max(plan, [f"{g}={n}" for g, n in (bounds or {}).items()])
    result = fitting.fit(
        plan, table, fitting.resolve(plan, specs), check=lambda p: check_plan(p, table), bounds=limits
    )
    return result, [(o.total, result.changes(o)) for o in result.options]


def with_ceiling(plan: Plan, ceiling: int) -> Plan:
    return plan.model_copy(update={"funding": plan.funding.model_copy(update={"ceiling": ceiling})})


CASES = {
    "soc trang: every class's size and two counts": (
        SOC_TRANG,
        {
            "cong-dong-huyen.size": range(84, 96),
            "cong-dong-huyen.2.count": range(1, 4),
            "can-bo-tinh.3.count": range(1, 3),
        },
    ),
    "soc trang: one class's size and count, and a tour": (
        SOC_TRANG,
        {
            "cong-dong-huyen.8.size": range(90, 101),
            "cong-dong-huyen.8.count": range(1, 4),
            "hoc-tap-tay-nguyen.trainees": range(15, 25),
        },
    ),
    "quang tri 2027: sizes, a count and the days": (
        QUANG_TRI_2027,
        {"cong-dong.size": range(130, 161), "cong-dong.3.count": range(1, 4), "cong-dong.days": range(1, 3)},
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_agrees_with_brute_force(case):
    path, vary = CASES[case]
    plan, table = load(path)
    totals = sorted(
        compute_budget(written_into(plan, dict(zip(vary, v, strict=True))), table).total
        for v in itertools.product(*vary.values())
    )
    for ceiling in (totals[len(totals) // 2], totals[len(totals) // 3] + 1, plan.funding.ceiling):
        if ceiling < totals[0]:
            continue
        capped = with_ceiling(plan, ceiling)
        result, got = searched(capped, table, vary)
        assert got == brute_force(capped, table, vary, 5), (case, ceiling)
        assert all(0 <= o.headroom == ceiling - o.total for o in result.options)


def test_max_bounds_a_groups_trainees():
    plan, table = load(SOC_TRANG)
    vary = {"cong-dong-huyen.size": range(84, 100), "cong-dong-huyen.2.count": range(1, 4)}
    capped = with_ceiling(plan, 1_300_000_000)
    unbounded = searched(capped, table, vary)[1]
    limit = 780
    over = [
        changes for _, changes in unbounded if trainee_count(written_into(plan, changes).groups[1]) > limit
    ]
    assert over, "the bound must matter here"
    result, got = searched(capped, table, vary, {"cong-dong-huyen": limit})
    assert got == brute_force(capped, table, vary, 5, {"cong-dong-huyen": limit})
    for option in result.options:
        [effect] = result.effects(option)
        assert effect.trainees[1] <= limit


def test_max_errors_in_both_languages():
    plan, _ = load(SOC_TRANG)
    cases = [
        (
            ["--vary", "can-bo-tinh.days=1..3", "--max", "cong-dong-huyen=100"],
            "fit-max-below-plan",
            "vượt --max 100",
            "over --max 100",
        ),
        (
            ["--vary", "cong-dong-huyen.size=80..90", "--max", "cong-dong-huyen=100"],
            "fit-max-excludes-all",
            "hơn 100 học viên",
            "more than 100 trainees",
        ),
        (
            ["--vary", "cong-dong-huyen.size=80..90", "--max", "cong-dong-huyen"],
            "fit-bad-max",
            "sai cú pháp",
            "is malformed",
        ),
        (
            ["--vary", "cong-dong-huyen.size=80..90", "--max", "nope=5"],
            "fit-max-unknown-group",
            "không có nhóm 'nope'",
            "no group 'nope'",
        ),
    ]
    assert trainee_count(plan.groups[1]) > 100
    for args, code, vi, en in cases:
        for lang, words in (("vi", vi), ("en", en)):
            result = run("--lang", lang, "fit", str(SOC_TRANG), *args)
            assert result.exit_code == 1, result.output
            assert f"error[{code}]" in result.stderr and words in result.stderr, (code, lang, result.stderr)
            assert result.stdout == ""


@pytest.mark.parametrize(
    ("vary", "code", "vi", "en"),
    [
        ("can-bo-tinh.9.size=1..3", "fit-no-such-class", "không có lớp thứ 9", "there is no class 9"),
        ("can-bo-tinh.1.days=1..3", "fit-unknown-field", "size, count", "size, count"),
        ("hoc-tap-tay-nguyen.1.trainees=1..3", "fit-unknown-field", "trainees", "trainees"),
        (
            "cong-dong-huyen.classes=1..3",
            "fit-listed-classes",
            "cong-dong-huyen.K.count",
            "cong-dong-huyen.K.count",
        ),
    ],
)
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_listed_variable_errors(vary, code, vi, en, lang):
    result = run("--lang", lang, "fit", str(SOC_TRANG), "--vary", vary)
    assert result.exit_code == 1, result.output
    assert f"error[{code}]" in result.stderr and (vi if lang == "vi" else en) in result.stderr


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_counted_groups_and_overlaps_are_refused(tmp_path, lang):
    quang_tri = PLANS / "quang-tri-2020.yaml"
    for args, code in (
        (["--vary", "cong-dong.1.size=1..3"], "fit-not-listed"),
        (["--vary", "cong-dong.size=1..3"], "fit-counted-size"),
    ):
        result = run("--lang", lang, "fit", str(quang_tri), *args)
        assert result.exit_code == 1 and f"error[{code}]" in result.stderr, result.output
    both = run(
        "--lang",
        lang,
        "fit",
        str(SOC_TRANG),
        "--vary",
        "cong-dong-huyen.size=80..90",
        "--vary",
        "cong-dong-huyen.2.size=80..90",
    )
    assert both.exit_code == 1 and "error[fit-overlap]" in both.stderr
    assert "cong-dong-huyen.size" in both.stderr and "cong-dong-huyen.2.size" in both.stderr


def test_each_option_shows_what_it_changes_and_marks_a_doubling(tmp_path):
    text = QUANG_TRI_2027.read_text(encoding="utf-8").replace("ceiling: 1800000000", "ceiling: 3000000000")
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    result = run(
        "fit",
        str(path),
        "--vary",
        "cong-dong.2.count=1..12",
        "--vary",
        "cong-dong.days=1..2",
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.output
    plan, table = load(QUANG_TRI_2027)
    plan = with_ceiling(plan, 3_000_000_000)
    data = json.loads(result.stdout)
    doubled = []
    for option in data["options"]:
        changed = written_into(plan, option["changes"])
        before, after = plan.groups[2], changed.groups[2]
        effect = option["effects"]["cong-dong"]
        assert effect["classes"] == [class_count(before), class_count(after)]
        assert effect["trainees"] == [trainee_count(before), trainee_count(after)]
        assert effect["days"] == [before.days, after.days]
        assert effect["more_than_doubled"] is (trainee_count(after) > 2 * trainee_count(before))
        assert compute_budget(changed, table).total == option["total"]
        doubled.append(effect["more_than_doubled"])
    assert any(doubled)
    shown = run(
        "fit",
        str(path),
        "--vary",
        "cong-dong.2.count=1..12",
        "--vary",
        "cong-dong.days=1..2",
        env={"COLUMNS": "100"},
    )
    assert "cong-dong.2.count 1 →" in shown.stdout and "(xã Lìa)" in shown.stdout
    assert "học viên gấp" in shown.stdout and "lớp" in shown.stdout


@pytest.mark.parametrize("block", [False, True], ids=["flow mapping", "block mapping"])
def test_write_changes_only_those_numbers_and_writes_count_where_absent(tmp_path, block):
    text = SOC_TRANG.read_text(encoding="utf-8").replace("ceiling: 1200000000", "ceiling: 1400000000")
    line = (
        "      - {size: 85, venue: {name: huyện Long Phú, level: district}, "
        "schedule: {from: 2024-12-04, to: 2024-12-05}}\n"
    )
    assert text.count(line) == 1
    if block:
        text = text.replace(
            line,
            "      - size: 85   # Long Phú\n        venue: {name: huyện Long Phú, level: district}\n"
            "        schedule: {from: 2024-12-04, to: 2024-12-05}\n",
        )
    source = tmp_path / "plan.yaml"
    source.write_text(text, encoding="utf-8")
    out = tmp_path / "out.yaml"
    args = (
        "--vary",
        "cong-dong-huyen.2.count=2..3",
        "--vary",
        "cong-dong-huyen.2.size=80..90",
        "--format",
        "json",
    )
    result = run("fit", str(source), *args, "--write", str(out))
    assert result.exit_code == 0, result.output
    best = json.loads(result.stdout)["options"][0]
    count, size = best["changes"]["cong-dong-huyen.2.count"], best["changes"]["cong-dong-huyen.2.size"]
    written = out.read_text(encoding="utf-8")
    if block:
        expected = text.replace(
            "      - size: 85   # Long Phú\n", f"      - size: {size}   # Long Phú\n        count: {count}\n"
        )
    else:
        expected = text.replace(line, line.replace("{size: 85,", f"{{size: {size}, count: {count},"))
    assert written == expected
    analysis = analyze(out)
    assert analysis.ok and analysis.budget is not None and analysis.budget.total == best["total"]
    spec = analysis.plan.groups[1].classes[1]
    assert (spec.venue.name, str(spec.schedule.start), spec.count, spec.size) == (
        "huyện Long Phú",
        "2024-12-04",
        count,
        size,
    )


# --- yaml_edit: a key written after a scalar ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a:\n  - {size: 40, venue: x}\n", "a:\n  - {size: 40, count: 2, venue: x}\n"),
        (
            "a:\n  - size: 40  # bốn mươi\n    venue: x\n",
            "a:\n  - size: 40  # bốn mươi\n    count: 2\n    venue: x\n",
        ),
        ("a:\r\n  - size: 40\r\n    venue: x\r\n", "a:\r\n  - size: 40\r\n    count: 2\r\n    venue: x\r\n"),
        ("a:\n  - size: 40", "a:\n  - size: 40\n    count: 2"),
    ],
    ids=["flow", "block with a comment", "CRLF", "no final line break"],
)
def test_edit_scalars_writes_a_key_after_a_scalar(text, expected):
    from cap135.plan.yaml_edit import edit_scalars
    from cap135.plan.yaml_loader import load_text

    source = load_text(text, "t.yaml").source
    assert edit_scalars(text, source, {}, {("a", 0, "size"): (40, "count", "2")}) == expected


def test_edit_scalars_refuses_a_key_already_written_or_a_scalar_not_as_expected():
    from cap135.plan.yaml_edit import EditError, edit_scalars
    from cap135.plan.yaml_loader import load_text

    text = "a:\n  - {size: 40, count: 1}\n"
    source = load_text(text, "t.yaml").source
    with pytest.raises(EditError):
        edit_scalars(text, source, {}, {("a", 0, "size"): (40, "count", "2")})
    with pytest.raises(EditError):
        edit_scalars(text, source, {}, {("a", 0, "size"): (41, "venue", "2")})
