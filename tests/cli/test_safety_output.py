"""Issue 12: outputs that would replace an input, outputs whose name contradicts their format, and
the remaining items (summary of one file twice, diff escapes, `classes: []`, negative levels)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import PLANS, QUANG_TRI, edited
from openpyxl import load_workbook

from cap135.budget.analysis import analyze
from cap135.budget.input_files import distinct_files, rate_table_files
from cap135.budget.rate_tables import RATES_DIR
from cap135.cli.app import app
from cap135.cli.run_inputs import discover, shipped_files
from cap135.documents.atomic_files import OutputError, check_output_path, output_format
from cap135.plan.structure import build_plan
from cap135.plan.yaml_loader import load_text
from cap135.results.plan_rollup import summarize

SOC_TRANG = PLANS / "soc-trang-2024.yaml"


@pytest.fixture
def user_tables(tmp_path, quang_tri_text) -> tuple[Path, Path, Path]:
    """A plan whose table `local.yaml` extends `base/parent.yaml`, which extends quang-tri-2020."""
    (tmp_path / "base").mkdir()
    parent = tmp_path / "base" / "parent.yaml"
    parent.write_text("id: parent\ntitle: Parent\nextends: [quang-tri-2020]\nrates: {}\n", encoding="utf-8")
    local = tmp_path / "local.yaml"
    local.write_text("id: local\ntitle: Local\nextends: [base/parent.yaml]\nrates: {}\n", encoding="utf-8")
    text, _ = edited(quang_tri_text, "rates: quang-tri-2020\n", "rates: local.yaml\n")
    plan = tmp_path / "plan.yaml"
    plan.write_text(text, encoding="utf-8")
    return plan, local, parent


# --- protected inputs ------------------------------------------------------------------------------


def test_run_inputs_follow_the_extends_chain(user_tables):
    plan, local, parent = user_tables
    analysis = analyze(plan)
    assert analysis.ok, analysis.findings
    inputs = discover([plan]).files
    shipped = [(RATES_DIR / f"{name}.yaml").resolve() for name in ("quang-tri-2020", "national")]
    assert inputs == (plan, local.resolve(), parent.resolve(), *shipped, *shipped_files())
    assert rate_table_files("national", Path.cwd()) == ((RATES_DIR / "national.yaml").resolve(),)


@pytest.mark.parametrize("command", ["cost", "summary", "render"])
@pytest.mark.parametrize("which", [1, 2])
def test_output_onto_a_rate_table_is_refused(runner, user_tables, command, which):
    table = user_tables[which]
    before = table.read_bytes()
    args = [command, str(user_tables[0]), "-o", str(table)]
    if command == "render":  # a .docx name that is the table through a symlink
        link = table.parent / "table-link.docx"
        link.symlink_to(table)
        args[-1] = str(link)
    else:
        args[2:2] = ["--format", "json"]
        args[-1] = str(table)
    result = runner.invoke(app, ["--lang", "en", *args])
    if command != "render":
        # .yaml is not the json extension: refused either way, and never written
        assert result.exit_code == 2
    else:
        assert result.exit_code == 2 and "input file" in result.output
    assert table.read_bytes() == before


@pytest.mark.parametrize("command", ["cost", "summary"])
def test_json_onto_a_rate_table_named_json_is_refused(runner, tmp_path, quang_tri_text, command):
    """The protection itself, not only the extension check: a table file named .json."""
    table = tmp_path / "t.json"
    table.write_text("id: t\ntitle: T\nextends: [quang-tri-2020]\nrates: {}\n", encoding="utf-8")
    # a table path must end in .yaml or hold a slash: name it through its folder
    text, _ = edited(quang_tri_text, "rates: quang-tri-2020\n", "rates: ./t.json\n")
    plan = tmp_path / "plan.yaml"
    plan.write_text(text, encoding="utf-8")
    before = table.read_bytes()
    result = runner.invoke(app, ["--lang", "en", command, str(plan), "-o", str(table)])
    assert result.exit_code == 2, result.output
    assert "output-is-input" in result.output
    assert table.read_bytes() == before


def test_hard_link_to_an_input_is_refused(tmp_path):
    source = tmp_path / "plan.yaml"
    source.write_text("x", encoding="utf-8")
    link = tmp_path / "other.json"
    os.link(source, link)
    with pytest.raises(OutputError) as caught:
        check_output_path(link, [tmp_path / "unrelated.yaml", source])
    assert caught.value.code == "output-is-input"


# --- output names and formats ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "given", "expected"),
    [
        ("x.json", None, "json"),
        ("x.CSV", None, "csv"),
        ("x.xlsx", None, "xlsx"),
        ("x.xlsx", "xlsx", "xlsx"),
        (None, None, "table"),
        (None, "json", "json"),
    ],
)
def test_output_format_is_inferred_or_checked(name, given, expected):
    assert output_format(Path(name) if name else None, given) == expected


@pytest.mark.parametrize(
    ("name", "given", "code"),
    [
        ("table.txt", None, "output-unknown-extension"),
        ("noext", None, "output-unknown-extension"),
        ("x.csv", "xlsx", "output-format-mismatch"),
        ("x.xlsx", "csv", "output-format-mismatch"),
        ("x.txt", "table", "output-table-to-file"),
    ],
)
def test_output_format_contradictions_are_refused(name, given, code):
    with pytest.raises(OutputError) as caught:
        output_format(Path(name), given)
    assert caught.value.code == code


@pytest.mark.parametrize("lang", ["en", "vi"])
@pytest.mark.parametrize(
    "args",
    [
        ["cost", str(QUANG_TRI), "-o", "table.txt"],
        ["cost", str(QUANG_TRI), "--format", "xlsx", "-o", "x.csv"],
        ["cost", str(QUANG_TRI), "--format", "table", "-o", "x.txt"],
        ["summary", str(QUANG_TRI), "-o", "s.txt"],
        ["summary", str(QUANG_TRI), "--format", "csv", "-o", "s.xlsx"],
    ],
)
def test_cli_refuses_contradicting_outputs(runner, tmp_path, monkeypatch, lang, args):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["--lang", lang, *args])
    assert result.exit_code == 2
    assert "error[output-" in result.output
    assert list(tmp_path.iterdir()) == []


def test_cost_format_follows_the_extension(runner, tmp_path):
    out = tmp_path / "budget.xlsx"
    result = runner.invoke(app, ["cost", str(QUANG_TRI), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert load_workbook(out).active is not None
    out = tmp_path / "budget.json"
    assert runner.invoke(app, ["cost", str(QUANG_TRI), "-o", str(out)]).exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["total"] > 0


# --- summary of one file twice ---------------------------------------------------------------------


def test_distinct_files_sees_links(tmp_path):
    plan = tmp_path / "a.yaml"
    plan.write_text("x", encoding="utf-8")
    link = tmp_path / "b.yaml"
    link.symlink_to(plan)
    kept, repeats = distinct_files([plan, link, Path(str(plan)), tmp_path / "missing.yaml"])
    assert kept == [plan, tmp_path / "missing.yaml"]
    assert repeats == [(link, plan), (plan, plan)]


@pytest.mark.parametrize(("lang", "words"), [("en", "counted once"), ("vi", "chỉ tính một lần")])
def test_summary_counts_one_file_once_and_says_so(runner, tmp_path, lang, words):
    link = tmp_path / "again.yaml"
    link.symlink_to(QUANG_TRI)
    once = runner.invoke(app, ["summary", "--format", "json", str(QUANG_TRI)])
    twice = runner.invoke(app, ["--lang", lang, "summary", "--format", "json", str(QUANG_TRI), str(link)])
    assert twice.exit_code == 0
    assert words in twice.stderr
    first, second = json.loads(once.stdout), json.loads(twice.stdout)
    assert second["plans"] == first["plans"]
    assert second["total"] == first["total"] and second["classes"] == first["classes"]


# --- diff shows no escape sequences ----------------------------------------------------------------


def test_diff_table_strips_terminal_controls(runner, tmp_path, quang_tri_text):
    text, _ = edited(
        quang_tri_text,
        "    name: Đối với nhóm cán bộ cơ sở hướng dẫn, tuyên truyền\n",
        '    name: "Nhóm \\e]0;pwned\\a\\e[2J mới"\n',
    )
    new = tmp_path / "new.yaml"
    new.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["diff", str(QUANG_TRI), str(new)])
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "mới" in result.output


# --- classes: [] -------------------------------------------------------------------------------------


def test_empty_class_list_is_a_finding(quang_tri_text):
    text, _ = edited(
        quang_tri_text, "    classes: 2\n    class_size: 84\n", "    classes: []\n    class_size: 84\n"
    )
    loaded = load_text(text, "x")
    plan, findings = build_plan(loaded.data)
    assert plan is None
    assert [(f.code, f.path) for f in findings] == [("empty-list", ("groups", 0, "classes"))]


# --- summary by level never negative ------------------------------------------------------------------


def test_summary_by_level_is_never_negative_when_overrides_zero_a_group(tmp_path):
    text = SOC_TRANG.read_text(encoding="utf-8")
    analysis = analyze(SOC_TRANG)
    codes = sorted(
        {line.code for line in analysis.budget.lines if line.entity == "cong-dong-huyen"}  # type: ignore[union-attr]
    )
    zeroed = "{" + ", ".join(f"{c}: 0" for c in codes) + "}"
    anchor = "  - id: cong-dong-huyen\n"
    text, _ = edited(text, anchor, f"{anchor}    overrides: {zeroed}\n")
    plan = tmp_path / "plan.yaml"
    plan.write_text(text, encoding="utf-8")
    edited_analysis = analyze(plan)
    assert edited_analysis.ok, [f.code for f in edited_analysis.findings if f.is_error]
    result = summarize([edited_analysis])
    assert all(fig.total >= 0 for fig in result.by_level.values()), result.by_level
    assert sum(fig.total for fig in result.by_level.values()) == result.overall.total
