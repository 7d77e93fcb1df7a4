"""`cap135 fit` (issue 15): the search agrees with brute force; --write changes only the numbers.

No total here is typed in: every expectation is computed with the engine (compute_budget on
plans re-validated from data), so the tests hold whatever the rates and rules become.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import QUANG_TRI
from typer.testing import CliRunner

from cap135.budget import fit as fitting
from cap135.budget.analysis import analyze, check_plan, table_for
from cap135.budget.engine import Budget, Section, compute_budget
from cap135.budget.rate_tables import RateTable
from cap135.cli.app import app
from cap135.findings import error
from cap135.plan.model import Group, Plan, Tour
from tests.plan import test_workbook as workbook_tests

PLANS = QUANG_TRI.parent
SOC_TRANG = PLANS / "soc-trang-2024.yaml"


def run(*args: str, **kwargs: Any):
    return CliRunner().invoke(app, list(args), catch_exceptions=False, **kwargs)


def load(path: Path) -> tuple[Plan, RateTable]:
    analysis = analyze(path)
    assert analysis.plan is not None
    return analysis.plan, table_for(analysis.plan, path.parent)


def write_plan(tmp_path: Path, text: str, *edits: tuple[str, str], name: str = "plan.yaml") -> Path:
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --- brute force: every combination, re-validated and costed with the engine ---------------


def modified(plan: Plan, assignment: dict[str, int]) -> Plan:
    """The plan with `id.field` values set, validated again from its field values."""
    groups, tours = [], []
    for group in plan.groups:
        fields = dict(group)
        fields.update({n.split(".")[1]: v for n, v in assignment.items() if n.split(".")[0] == group.id})
        groups.append(Group.model_validate(fields))
    for index, tour in enumerate(plan.tours):
        fields = dict(tour)
        tour_id = plan.tour_id(index)
        fields.update({n.split(".")[1]: v for n, v in assignment.items() if n.split(".")[0] == tour_id})
        tours.append(Tour.model_validate(fields))
    return Plan.model_validate({**dict(plan), "groups": groups, "tours": tours})


def brute_force(plan: Plan, table: RateTable, vary: dict[str, range], top: int, engine=compute_budget):
    """The `top` best (total, changes) over all combinations, ranked as documented: total
    descending, then fewer numbers changed, then the smaller values in --vary order."""
    current = modified(plan, {})
    now = {}
    for name in vary:
        entity, field = name.split(".")
        items = [
            *current.groups,
            *[t.model_copy(update={"id": current.tour_id(i)}) for i, t in enumerate(current.tours)],
        ]
        now[name] = getattr(next(x for x in items if x.id == entity), field)
    ceiling = plan.funding.ceiling
    rows = []
    for values in itertools.product(*vary.values()):
        assignment = dict(zip(vary, values, strict=True))
        candidate = modified(plan, assignment)
        budget = engine(candidate, table)
        if budget.total > ceiling:
            continue
        if any(f.is_error for f in (*budget.findings, *check_plan(candidate, table))):
            continue
        changed = sum(1 for name in vary if assignment[name] != now[name])
        rows.append((-budget.total, changed, values))
    rows.sort()
    return [(-neg, dict(zip(vary, values, strict=True))) for neg, _, values in rows[:top]]


def searched(plan: Plan, table: RateTable, vary: dict[str, range], top: int = 5):
    specs = [f"{name}={r.start}..{r.stop - 1}" for name, r in vary.items()]
    result = fitting.fit(
        plan, table, fitting.resolve(plan, specs), top=top, check=lambda p: check_plan(p, table)
    )
    return result, [(o.total, result.changes(o)) for o in result.options]


def all_totals(plan: Plan, table: RateTable, vary: dict[str, range], engine=compute_budget) -> list[int]:
    return sorted(
        engine(modified(plan, dict(zip(vary, values, strict=True))), table).total
        for values in itertools.product(*vary.values())
    )


def with_ceiling(plan: Plan, ceiling: int | None) -> Plan:
    return plan.model_copy(update={"funding": plan.funding.model_copy(update={"ceiling": ceiling})})


CASES = {
    "two class counts": {"cong-dong.classes": range(1, 13), "tuyen-truyen.classes": range(1, 7)},
    "count, size and days of one group": {
        "cong-dong.classes": range(3, 9),
        "cong-dong.class_size": range(96, 104),  # above 100 a class is too large (a warning)
        "cong-dong.days": range(1, 4),
    },
    "count, days and a tour": {
        "to-chuc-thuc-hien.classes": range(1, 6),
        "to-chuc-thuc-hien.days": range(2, 5),
        "tham-quan-phia-nam.trainees": range(10, 22),
    },
}


@pytest.mark.parametrize("management", [False, True], ids=["no management", "management line"])
@pytest.mark.parametrize("case", list(CASES))
def test_agrees_with_brute_force(tmp_path, quang_tri_text, case, management):
    text = quang_tri_text + ("management: true\n" if management else "")
    plan, table = load(write_plan(tmp_path, text))
    assert plan.management is management
    vary = CASES[case]
    totals = all_totals(with_ceiling(plan, None), table, vary)
    # ceilings at a reachable total, one đồng below it, between totals, and the plan's own
    middle = totals[len(totals) // 2]
    for ceiling in (
        middle,
        middle - 1,
        (totals[len(totals) // 3] + totals[len(totals) // 3 + 1]) // 2,
        1251000000,
    ):
        if ceiling < totals[0]:
            continue
        capped = with_ceiling(plan, ceiling)
        expected = brute_force(capped, table, vary, 5)
        result, got = searched(capped, table, vary)
        assert got == expected, (case, ceiling)
        assert all(o.headroom == ceiling - o.total >= 0 for o in result.options)
        assert not result.exhaustive


def test_management_line_is_in_the_totals(tmp_path, quang_tri_text):
    """The plan-wide percentage line counts: an option's total is more than its sections."""
    plan, table = load(write_plan(tmp_path, quang_tri_text + "management: true\n"))
    result, got = searched(plan, table, {"cong-dong.classes": range(1, 30)})
    best = fitting.apply(plan, result.variables, result.options[0].values)
    budget = compute_budget(best, table)
    assert any(s.kind == "plan" for s in budget.sections)
    assert budget.total == got[0][0] <= plan.funding.ceiling


def test_more_options_than_fit(tmp_path, quang_tri_text):
    plan, table = load(QUANG_TRI)
    vary = {"cong-dong.classes": range(1, 4)}
    _, got = searched(plan, table, vary, top=10)
    assert got == brute_force(plan, table, vary, 10)
    assert len(got) == 3


def test_options_make_valid_plans(tmp_path, quang_tri_text):
    """A combination that gives the plan an error is never an option (here: a check that
    refuses more than 10 classes in a group)."""
    plan, table = load(QUANG_TRI)
    vary = {"cong-dong.classes": range(1, 20), "tuyen-truyen.classes": range(1, 13)}

    def check(candidate: Plan):
        found = list(check_plan(candidate, table))
        for i, group in enumerate(candidate.groups):
            if isinstance(group.classes, int) and group.classes > 10:
                found.append(error("invalid", ("groups", i, "classes"), detail="too many"))
        return found

    capped = with_ceiling(plan, 1251000000)
    result = fitting.fit(
        capped,
        table,
        fitting.resolve(capped, [f"{n}={r.start}..{r.stop - 1}" for n, r in vary.items()]),
        check=check,
    )
    got = [(o.total, result.changes(o)) for o in result.options]
    expected = []
    for total, changes in brute_force(capped, table, vary, 10**6):
        if max(changes.values()) <= 10:
            expected.append((total, changes))
    assert got == expected[:5]
    assert all(max(c.values()) <= 10 for _, c in got)
    with pytest.raises(fitting.FitError) as refused:
        fitting.fit(capped, table, result.variables, check=lambda p: [error("invalid", (), detail="no")])
    assert refused.value.code == "fit-no-valid-option"


def test_tour_without_id(tmp_path, quang_tri_text):
    source = write_plan(tmp_path, quang_tri_text, ("  - id: tham-quan-phia-nam\n    name:", "  - name:"))
    out = tmp_path / "out.yaml"
    result = run(
        "fit", str(source), "--vary", "tour-1.trainees=10..40", "--format", "json", "--write", str(out)
    )
    assert result.exit_code == 0, result.output
    best = json.loads(result.stdout)["options"][0]
    plan, table = load(source)
    assert [(best["total"], best["changes"])] == brute_force(
        plan, table, {"tour-1.trainees": range(10, 41)}, 1
    )
    assert analyze(out).budget.total == best["total"]


# --- an engine that is not linear, and not a function of the subtotal -----------------------


def _bent(step_over: int, parity: bool):
    """compute_budget plus a flat line for a group of more than `step_over` classes (not linear in
    the count) and, with `parity`, a 70.000.000 plan line when the class counts add up to an even number
    (the total is then no function of the subtotal; the line outweighs a class, so the options
    walked show totals falling as subtotals rise)."""

    def engine(plan: Plan, table: RateTable) -> Budget:
        budget = compute_budget(plan, table)
        sections = []
        for section in budget.sections:
            group = next((g for g in plan.groups if g.id == section.entity), None)
            counted = group is not None and isinstance(group.classes, int)
            if section.kind == "group" and counted and group.classes > step_over and section.lines:
                step = section.lines[0]._replace(code="step", quantity=1, rate=1_000_003, amount=1_000_003)
                section = Section(section.entity, section.kind, section.title, (*section.lines, step))
            sections.append(section)
        counted = sum(g.classes for g in plan.groups if isinstance(g.classes, int))
        if parity and counted % 2 == 0 and sections:
            line = (
                sections[0]
                .lines[0]
                ._replace(entity="chung", code="even", quantity=1, rate=70_000_000, amount=70_000_000)
            )
            sections.append(Section("chung", "plan", "even", (line,)))
        return Budget(tuple(sections), budget.ceiling, budget.table_id, budget.findings)

    return engine


@pytest.mark.parametrize("parity", [False, True], ids=["step in the count", "not monotone"])
def test_bent_engine_agrees_with_brute_force(monkeypatch, parity):
    engine = _bent(6, parity)
    monkeypatch.setattr(fitting, "compute_budget", engine)
    plan, table = load(QUANG_TRI)
    vary = {"cong-dong.classes": range(1, 13), "tuyen-truyen.classes": range(1, 5)}
    totals = all_totals(with_ceiling(plan, None), table, vary, engine)
    for ceiling in (totals[len(totals) // 2], totals[len(totals) // 2] - 1, totals[-1]):
        capped = with_ceiling(plan, ceiling)
        result, got = searched(capped, table, vary)
        assert got == brute_force(capped, table, vary, 5, engine), ceiling
        assert result.exhaustive is parity


# --- the command ------------------------------------------------------------------------------


def test_json_shape(tmp_path):
    result = run(
        "fit",
        str(QUANG_TRI),
        "--vary",
        "cong-dong.classes=5..20",
        "--vary",
        "tuyen-truyen.classes=1..4",
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"ceiling", "total", "options"}
    plan, table = load(QUANG_TRI)
    assert data["ceiling"] == plan.funding.ceiling
    assert data["total"] == compute_budget(plan, table).total
    assert 1 <= len(data["options"]) <= 5
    totals = [o["total"] for o in data["options"]]
    assert totals == sorted(totals, reverse=True)
    for option in data["options"]:
        assert set(option) == {"changes", "effects", "total", "headroom"}
        assert list(option["changes"]) == ["cong-dong.classes", "tuyen-truyen.classes"]
        changed = modified(plan, option["changes"])
        for group_id, effect in option["effects"].items():
            before = next(g for g in plan.groups if g.id == group_id)
            after = next(g for g in changed.groups if g.id == group_id)
            assert effect["classes"] == [before.classes, after.classes]
            trainees = [before.classes * before.class_size, after.classes * after.class_size]
            assert effect["trainees"] == trainees
            assert effect["days"] == [before.days, after.days]
            assert effect["more_than_doubled"] is (effect["trainees"][1] > 2 * effect["trainees"][0])
        assert option["headroom"] == data["ceiling"] - option["total"] >= 0
        assert compute_budget(modified(plan, option["changes"]), table).total == option["total"]
    expected = brute_force(
        plan, table, {"cong-dong.classes": range(5, 21), "tuyen-truyen.classes": range(1, 5)}, 5
    )
    assert [(o["total"], o["changes"]) for o in data["options"]] == expected


def test_top(tmp_path):
    result = run("fit", str(QUANG_TRI), "--vary", "cong-dong.classes=1..30", "--format", "json", "--top", "2")
    assert len(json.loads(result.stdout)["options"]) == 2


def test_table_shows_amounts_in_dong(tmp_path):
    result = run("fit", str(QUANG_TRI), "--vary", "cong-dong.classes=1..30", env={"CAP135_LANG": "vi"})
    assert result.exit_code == 0, result.output
    plan, table = load(QUANG_TRI)
    best = brute_force(plan, table, {"cong-dong.classes": range(1, 31)}, 1)[0]
    shown = f"{best[0]:,}".replace(",", ".")
    assert shown in result.stdout
    assert f"cong-dong.classes 9 → {best[1]['cong-dong.classes']}" in result.stdout
    assert "1.251.000.000" in result.stdout and "Còn lại" in result.stdout


COMMENTED = (
    ("    classes: 9\n", "    classes: 9   # chín lớp, một lớp mỗi xã\n"),
    ("trainees: 17\n", "trainees: 17 # học viên\n"),
)


def test_write_round_trip(tmp_path, quang_tri_text):
    source = write_plan(tmp_path, quang_tri_text, *COMMENTED)
    out = tmp_path / "fitted.yaml"
    vary = ("cong-dong.classes=5..20", "tham-quan-phia-nam.trainees=10..30", "to-chuc-thuc-hien.days=2..4")
    args = [x for v in vary for x in ("--vary", v)]
    result = run("fit", str(source), *args, "--format", "json", "--write", str(out))
    assert result.exit_code == 0, result.output
    best = json.loads(result.stdout)["options"][0]
    # the written plan costs exactly the option's total
    written = analyze(out)
    assert written.ok and written.budget is not None
    assert written.budget.total == best["total"]
    # the text differs only in the chosen numbers, on their own lines; comments are kept
    old_lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    new_lines = out.read_text(encoding="utf-8").splitlines(keepends=True)
    assert len(old_lines) == len(new_lines)
    plan, _ = load(source)
    current = {"cong-dong.classes": 9, "tham-quan-phia-nam.trainees": 17, "to-chuc-thuc-hien.days": 3}
    changed = {k: v for k, v in best["changes"].items() if v != current[k]}
    assert changed
    differing = [(a, b) for a, b in zip(old_lines, new_lines, strict=True) if a != b]
    assert len(differing) == len(changed)
    for name, value in changed.items():
        field = name.split(".")[1]
        old = f"{field}: {current[name]}"
        hits = [(a, b) for a, b in differing if old in a]
        assert len(hits) == 1, name
        a, b = hits[0]
        assert b == a.replace(old, f"{field}: {value}", 1)
    assert "# chín lớp, một lớp mỗi xã" in out.read_text(encoding="utf-8")
    # cap135 diff shows only the chosen changes
    diff = run("diff", str(source), str(out), "--format", "json")
    assert diff.exit_code == 0, diff.output
    data = json.loads(diff.stdout)
    fields = {
        f"{entity['id']}.{name}": change["new"]
        for entity in data["groups"] + data["tours"]
        for name, change in entity["fields"].items()
    }
    assert all(e["change"] == "changed" for e in data["groups"] + data["tours"])
    assert data["ceiling"]["delta"] == 0
    assert data["total"]["new"] == best["total"]
    expected = {}
    for name, value in changed.items():
        entity, field = name.split(".")
        expected[name] = value
        if field == "classes":  # trainees follow from the count
            size = next(g.class_size for g in plan.groups if g.id == entity)
            expected[f"{entity}.trainees"] = value * size
    assert fields == expected


TOUR_BLOCK = """  - id: tham-quan-phia-nam
    name: Tham quan, học tập kinh nghiệm
    description: "Bố trí một số học viên chủ chốt, tích cực đi học tập các mô hình có hiệu quả ở các tỉnh \
phía Nam."
    trainees: 17
    staff: 5
    staff_label: cán bộ thuộc Ban Dân tộc
    days: 7
    destination: {name: các tỉnh phía Nam, level: province}
"""
TOUR_FLOW = (
    '  - {id: tham-quan-phia-nam, name: "Tham quan, học tập kinh nghiệm", staff_label: cán bộ thuộc Ban '
    "Dân tộc, trainees: 17, staff: 5, days: 7, destination: {name: các tỉnh phía Nam, level: province}}\n"
)


def test_write_keeps_bom_crlf_and_flow_mappings(tmp_path, quang_tri_text):
    """A number inside a flow mapping, after Vietnamese text on the same line, in a file saved
    with a byte-order mark and CRLF line ends: only its digits change."""
    assert quang_tri_text.count(TOUR_BLOCK) == 1
    text = quang_tri_text.replace(TOUR_BLOCK, TOUR_FLOW).replace("\n", "\r\n")
    source = tmp_path / "plan.yaml"
    source.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert analyze(source).ok
    out = tmp_path / "out.yaml"
    vary = ("--vary", "tham-quan-phia-nam.trainees=18..40")
    result = run("fit", str(source), *vary, "--format", "json", "--write", str(out))
    assert result.exit_code == 0, result.output
    best = json.loads(result.stdout)["options"][0]
    value = best["changes"]["tham-quan-phia-nam.trainees"]
    assert value != 17
    expected = text.replace("trainees: 17, staff", f"trainees: {value}, staff", 1)
    assert out.read_bytes() == b"\xef\xbb\xbf" + expected.encode("utf-8")
    assert analyze(out).budget.total == best["total"]


def test_write_refuses_the_input(tmp_path, quang_tri_text):
    source = write_plan(tmp_path, quang_tri_text)
    before = source.read_bytes()
    result = run("fit", str(source), "--vary", "cong-dong.classes=5..20", "--write", str(source))
    assert result.exit_code == 2
    assert "output-is-input" in result.stderr
    assert source.read_bytes() == before
    assert result.stdout == ""


def test_write_refuses_an_alias(tmp_path, quang_tri_text):
    source = write_plan(
        tmp_path,
        quang_tri_text,
        ("classes: 3\n    class_size: 84", "classes: &three 3\n    class_size: 84"),
        ("    classes: 9\n", "    classes: 9\n    # nine\n"),
        ("days: 7", "days: *three"),
    )
    # the tour's days share the anchor: varying the group's count cannot edit one of them alone
    assert analyze(source).ok
    out = tmp_path / "out.yaml"
    result = run(
        "fit",
        str(source),
        "--vary",
        "to-chuc-thuc-hien.classes=1..9",
        "--write",
        str(out),
        env={"CAP135_LANG": "en"},
    )
    assert result.exit_code == 1, result.output
    assert "error[fit-cannot-edit]" in result.stderr
    assert "to-chuc-thuc-hien.classes" in result.stderr
    assert not out.exists()


# --- errors, in both languages ----------------------------------------------------------------

ERRORS = [
    (
        ["--vary", "cong-dong.classes=1..100000", "--vary", "tuyen-truyen.classes=1..100"],
        "fit-too-many",
        "quá nhiều tổ hợp",
        "too many combinations",
    ),
    (
        ["--vary", "cong-dong.class_size=1..1000000"],
        "fit-too-many-evaluations",
        "thu hẹp các khoảng --vary",
        "narrow the --vary ranges",
    ),
    (
        ["--vary", "cong-dong.classes=1..3", "--top", "0"],
        "fit-bad-top",
        "--top phải từ 1",
        "--top must be between 1 and 100",
    ),
    (
        ["--vary", "nope.classes=1..3"],
        "fit-unknown-target",
        "không có nhóm hay đoàn tham quan 'nope'",
        "no group or tour 'nope'",
    ),
    (["--vary", "tour-9.trainees=1..3"], "fit-unknown-target", "'tour-9'", "'tour-9'"),
    (
        ["--vary", "cong-dong.speakers=1..3"],
        "fit-unknown-field",
        "không thể thay đổi 'speakers'",
        "'speakers' of 'cong-dong' cannot be varied",
    ),
    (
        ["--vary", "tham-quan-phia-nam.classes=1..3"],
        "fit-unknown-field",
        "trainees",
        "choose one of: trainees",
    ),
    (
        ["--vary", "cong-dong.classes=9..3"],
        "fit-min-over-max",
        "giá trị nhỏ nhất lớn hơn giá trị lớn nhất",
        "the minimum is greater than the maximum",
    ),
    (["--vary", "cong-dong.classes=3-9"], "fit-bad-vary", "sai cú pháp", "is malformed"),
    (["--vary", "cong-dong=3..9"], "fit-bad-vary", "NHÓM.TRƯỜNG=NHỎ..LỚN", "GROUP.FIELD=MIN..MAX"),
    (
        ["--vary", "cong-dong.classes=0..9"],
        "fit-out-of-range",
        "các giá trị phải từ 1 đến",
        "must be between 1 and",
    ),
    (
        ["--vary", "cong-dong.classes=1..3", "--vary", "cong-dong.classes=4..5"],
        "fit-duplicate",
        "được nêu hai lần",
        "is given twice",
    ),
    (
        ["--vary", "cong-dong.classes=30..40", "--vary", "tuyen-truyen.classes=20..30"],
        "fit-no-option",
        "không có tổ hợp nào trong kinh phí được giao",
        "no combination fits the ceiling",
    ),
]


@pytest.mark.parametrize(
    ("args", "code", "vi", "en"), ERRORS, ids=[f"{e[1]}-{i}" for i, e in enumerate(ERRORS)]
)
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_errors(args, code, vi, en, lang):
    result = run("--lang", lang, "fit", str(QUANG_TRI), *args)
    assert result.exit_code == 1, result.output
    assert f"error[{code}]" in result.stderr
    assert (vi if lang == "vi" else en) in result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.output


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_listed_classes_cannot_vary(lang):
    plan, _ = load(SOC_TRANG)
    listed = next(g for g in plan.groups if isinstance(g.classes, list))
    for field in ("classes", "class_size"):
        result = run("--lang", lang, "fit", str(SOC_TRANG), "--vary", f"{listed.id}.{field}=1..3")
        assert result.exit_code == 1, result.output
        assert "error[fit-listed-classes]" in result.stderr
        assert ("liệt kê từng lớp" if lang == "vi" else "lists its classes one by one") in result.stderr
    # its days can vary
    result = run("--lang", lang, "fit", str(SOC_TRANG), "--vary", f"{listed.id}.days=1..3")
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_no_ceiling_exits_2_with_a_hint(tmp_path, quang_tri_text, lang):
    source = write_plan(tmp_path, quang_tri_text, ("  ceiling: 1251000000\n", ""))
    result = run("--lang", lang, "fit", str(source), "--vary", "cong-dong.classes=1..3")
    assert result.exit_code == 2, result.output
    assert "error[fit-no-ceiling]" in result.stderr
    assert "funding.ceiling" in result.stderr
    assert ("gợi ý" if lang == "vi" else "hint") in result.stderr


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_plan_with_errors(tmp_path, quang_tri_text, lang):
    source = write_plan(tmp_path, quang_tri_text, ("    classes: 9\n", "    classes: nine\n"))
    result = run("--lang", lang, "fit", str(source), "--vary", "cong-dong.classes=1..3")
    assert result.exit_code == 1
    assert "error[expected-integer]" in result.stderr
    assert ("kế hoạch có lỗi" if lang == "vi" else "the plan has errors") in result.stderr


def test_over_ceiling_plan_can_be_fitted(tmp_path, quang_tri_text):
    """Fitting is what an over-ceiling plan needs: that error does not stop the command."""
    source = write_plan(tmp_path, quang_tri_text, ("    classes: 9\n", "    classes: 30\n"))
    assert [f.code for f in analyze(source).findings if f.is_error] == ["over-ceiling"]
    result = run("fit", str(source), "--vary", "cong-dong.classes=1..30", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["total"] > data["ceiling"] >= data["options"][0]["total"]


def test_unreadable_plan():
    result = run("fit", "no-such-plan.yaml", "--vary", "cong-dong.classes=1..3")
    assert result.exit_code == 2


def test_help_in_both_languages():
    vi = run("--lang", "vi", "fit", "--help")
    en = run("--lang", "en", "fit", "--help")
    assert "kinh phí được giao" in vi.stdout and "help-fit" not in vi.stdout
    assert "closest to" in " ".join(en.stdout.split()) and "help-fit" not in en.stdout


# --- yamledit ---------------------------------------------------------------------------------


def test_replace_scalars_keeps_everything_else():
    from cap135.plan.yaml_edit import replace_scalars
    from cap135.plan.yaml_loader import load_text

    text = 'a:   7   # bảy\nb: {tên: "Hướng Hóa, Quảng Trị", n: 12}\nc: [1, 0x10, 3]\n'
    source = load_text(text, "t.yaml").source
    edits = {("a",): (7, "8"), ("b", "n"): (12, "120"), ("c", 1): (16, "17")}
    assert replace_scalars(text, source, edits) == (
        'a:   8   # bảy\nb: {tên: "Hướng Hóa, Quảng Trị", n: 120}\nc: [1, 17, 3]\n'
    )


@pytest.mark.parametrize(
    ("text", "path", "old"),
    [
        ("a: &x 7\nb: *x\n", ("b",), 7),  # an alias: the anchor's text is not b's alone
        ('a: "7"\n', ("a",), 7),  # quoted: a text, not the number
        ("a: !!int 7\n", ("a",), 7),  # a tag before the value
        ("a: 7\n", ("a",), 8),  # not the value expected
        ("a: 7\n", ("b",), 7),  # no such path
    ],
)
def test_replace_scalars_refuses(text, path, old):
    from cap135.plan.yaml_edit import EditError, replace_scalars
    from cap135.plan.yaml_loader import load_text

    source = load_text(text, "t.yaml").source
    with pytest.raises(EditError):
        replace_scalars(text, source, {path: (old, "9")})


def test_fit_on_a_workbook(tmp_path):
    """Issue 23: fit --write never rewrites a workbook; it writes the fitted plan as YAML."""
    plans = workbook_tests.copy_plans(tmp_path)
    workbook = workbook_tests.convert(plans / "quang-tri-2020.yaml", plans / "qt.xlsx")
    before = workbook.read_bytes()
    refused = run("fit", str(workbook), "--vary", "cong-dong.classes=8..12", "--write", str(plans / "f.xlsx"))
    assert refused.exit_code == 2 and "--write" in refused.output and "yaml" in refused.output
    assert not (plans / "f.xlsx").exists()
    done = run("fit", str(workbook), "--vary", "cong-dong.classes=8..12", "--write", str(plans / "f.yaml"))
    assert done.exit_code == 0, done.output
    fitted = analyze(plans / "f.yaml").plan
    assert fitted is not None and fitted.groups[2].classes in range(8, 13)
    assert workbook.read_bytes() == before
