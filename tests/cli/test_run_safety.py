"""Issue 21: nothing the officer owns is overwritten; no name or text can crash, hang or drive the
terminal. Families, so that the next command inherits the guarantee:

* every writer × every input kind × direct / symlink / hard link: exit 2, `output-is-input`,
  decided before anything else, the input untouched;
* every printer × hostile names (bytes that are not UTF-8, ESC and BEL sequences, bidi, newlines):
  never an internal error, nothing raw reaches the terminal or a file;
* every writer: the format agrees with the extension, a trailing slash or a missing folder is exit 2;
* the writers and printers are enumerated from the command tree, so a new command that writes or
  prints fails here until it is covered.
"""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import typer
from conftest import PLANS, QUANG_TRI
from typer.testing import CliRunner, Result

import cap135.documents
from cap135.cli.app import app
from cap135.messages import message

# the shipped templates where cap135 is installed (site-packages under CI, src/ in an editable install)
TEMPLATES = Path(cap135.documents.__file__).resolve().parent / "templates"
RESULTS_EXAMPLE = PLANS / "results" / "quang-tri-2020.results.yaml"


@dataclass
class World:
    """A plan with a user rate table that extends another, a results file naming the plan, and
    copies of both templates: every kind of input a run can have."""

    root: Path
    plan: Path
    table: Path
    parent: Path
    results: Path
    plan_template: Path
    report_template: Path

    def inputs(self) -> dict[str, Path]:
        return {
            "plan": self.plan,
            "table": self.table,
            "parent": self.parent,
            "results": self.results,
            "plan-template": self.plan_template,
            "report-template": self.report_template,
        }

    def snapshot(self) -> dict[Path, bytes]:
        return {p: p.read_bytes() for p in self.inputs().values()}


def make_world(root: Path) -> World:
    (root / "base").mkdir(parents=True)
    parent = root / "base" / "parent.yaml"
    parent.write_text("id: parent\ntitle: Parent\nextends: [quang-tri-2020]\nrates: {}\n", encoding="utf-8")
    table = root / "local.yaml"
    table.write_text("id: local\ntitle: Local\nextends: [base/parent.yaml]\nrates: {}\n", encoding="utf-8")
    plan = root / "plan.yaml"
    text = QUANG_TRI.read_text(encoding="utf-8")
    assert text.count("rates: quang-tri-2020\n") == 1
    plan.write_text(text.replace("rates: quang-tri-2020\n", "rates: local.yaml\n"), encoding="utf-8")
    results = root / "r.results.yaml"
    text = RESULTS_EXAMPLE.read_text(encoding="utf-8")
    results.write_text(text.replace("plan: ../quang-tri-2020.yaml", "plan: plan.yaml"), encoding="utf-8")
    plan_template = root / "kh-template.docx"
    shutil.copyfile(TEMPLATES / "kehoach.docx", plan_template)
    report_template = root / "bc-template.docx"
    shutil.copyfile(TEMPLATES / "baocao.docx", report_template)
    return World(root, plan, table, parent, results, plan_template, report_template)


@pytest.fixture
def world(tmp_path: Path) -> World:
    return make_world(tmp_path / "w")


def invoke(*args: object, lang: str = "en") -> Result:
    return CliRunner().invoke(app, ["--lang", lang, *(str(a) for a in args)], catch_exceptions=False)


def command_tree() -> dict[str, Any]:
    group = typer.main.get_command(app)
    return dict(group.commands)  # type: ignore[attr-defined]  # a TyperGroup


def writing_commands() -> set[str]:
    """The commands with an output file parameter (`-o`, `--write`, init's PATH): named `output`."""
    return {
        name for name, command in command_tree().items() if any(p.name == "output" for p in command.params)
    }


def test_the_world_is_valid(world):
    for path in (world.plan, world.results):
        result = invoke("validate", path)
        assert result.exit_code == 0, result.output


# --- every writer × every input kind × direct / symlink / hard link ------------------------------

PLAN_KINDS = ("plan", "table", "parent")
RESULTS_KINDS = ("results", "plan", "table", "parent")


@dataclass(frozen=True)
class Writer:
    command: str
    args: Callable[[World, Path], list[object]]
    kinds: tuple[str, ...]
    extension: str  # the name a good output of this writer has
    direct: bool = True  # the input itself can be named (not only through a link)


WRITERS: dict[str, Writer] = {
    "cost": Writer("cost", lambda w, t: ["cost", w.plan, "--format", "json", "-o", t], PLAN_KINDS, ".json"),
    "cost-by-extension": Writer("cost", lambda w, t: ["cost", w.plan, "-o", t], PLAN_KINDS, ".csv"),
    "summary-plans": Writer("summary", lambda w, t: ["summary", w.plan, "-o", t], PLAN_KINDS, ".xlsx"),
    "summary-results": Writer(
        "summary", lambda w, t: ["summary", w.results, "--format", "json", "-o", t], RESULTS_KINDS, ".json"
    ),
    "report-json": Writer(
        "report", lambda w, t: ["report", w.results, "--format", "json", "-o", t], RESULTS_KINDS, ".json"
    ),
    "report-csv": Writer(
        "report", lambda w, t: ["report", w.results, "--format", "csv", "-o", t], RESULTS_KINDS, ".csv"
    ),
    "report-xlsx": Writer("report", lambda w, t: ["report", w.results, "-o", t], RESULTS_KINDS, ".xlsx"),
    "report-docx": Writer(
        "report",
        lambda w, t: ["report", w.results, "--template", w.report_template, "-o", t],
        (*RESULTS_KINDS, "report-template"),
        ".docx",
    ),
    "report-pdf": Writer(
        "report",
        lambda w, t: ["report", w.results, "-o", t.with_suffix(".docx"), "--pdf"],
        RESULTS_KINDS,
        ".pdf",
        direct=False,
    ),
    "render": Writer(
        "render",
        lambda w, t: ["render", w.plan, "--template", w.plan_template, "-o", t],
        (*PLAN_KINDS, "plan-template"),
        ".docx",
    ),
    "render-pdf": Writer(
        "render",
        lambda w, t: ["render", w.plan, "-o", t.with_suffix(".docx"), "--pdf"],
        PLAN_KINDS,
        ".pdf",
        direct=False,
    ),
    "fit": Writer(
        "fit",
        lambda w, t: ["fit", w.plan, "--vary", "cong-dong.classes=8..12", "--write", t],
        PLAN_KINDS,
        ".yaml",
    ),
    "init-results": Writer("init", lambda w, t: ["init", "--results", w.plan, t], PLAN_KINDS, ".yaml"),
    "init-results-workbook": Writer(
        "init", lambda w, t: ["init", "--results", w.plan, t], PLAN_KINDS, ".xlsx"
    ),
    "convert": Writer("convert", lambda w, t: ["convert", w.plan, "-o", t, "--force"], PLAN_KINDS, ".xlsx"),
    "convert-results": Writer(
        "convert", lambda w, t: ["convert", w.results, "-o", t, "--force"], RESULTS_KINDS, ".xlsx"
    ),
}

CASES = [
    (name, kind, link)
    for name, writer in WRITERS.items()
    for kind in writer.kinds
    for link in (("direct", "symlink", "hardlink") if writer.direct else ("symlink", "hardlink"))
]


def test_every_writing_command_is_in_the_family():
    """A new command with an output parameter must be added to WRITERS (and so to the family)."""
    assert writing_commands() - {"schema", "init"} == {w.command for w in WRITERS.values()} - {"init"}
    assert {"schema", "init", "cost", "summary", "report", "render", "fit", "convert"} == writing_commands()


def _target(world: World, writer: Writer, kind: str, link: str) -> Path:
    source = world.inputs()[kind]
    if link == "direct":
        return source
    target = world.root / f"{link}-{kind}{writer.extension}"
    if link == "symlink":
        target.symlink_to(os.path.relpath(source, target.parent))
    else:
        os.link(source, target)
    return target


@pytest.mark.parametrize(("name", "kind", "link"), CASES, ids=["-".join(c) for c in CASES])
def test_an_output_onto_any_input_is_refused(world, name, kind, link):
    writer = WRITERS[name]
    target = _target(world, writer, kind, link)
    before = world.snapshot()
    files = sorted(world.root.rglob("*"))
    result = invoke(*writer.args(world, target), lang="vi")
    assert result.exit_code == 2, result.output
    assert "error[output-is-input]" in result.output, result.output
    assert world.snapshot() == before
    assert sorted(world.root.rglob("*")) == files  # nothing written beside it, no temporary file
    if link == "symlink":
        assert target.is_symlink()


def test_the_message_is_the_same_everywhere(world):
    seen = set()
    for name in ("cost", "report-json", "fit", "render", "init-results"):
        result = invoke(*WRITERS[name].args(world, world.plan), lang="vi")
        assert result.exit_code == 2
        line = next(x for x in result.output.splitlines() if "output-is-input" in x)
        seen.add(line)
    assert len(seen) == 1, seen
    assert message("output-is-input", "vi", {"path": world.plan, "input": world.plan}) in seen.pop()


def _broken_results(world: World) -> None:
    text = world.results.read_text(encoding="utf-8")
    world.results.write_text(text.replace("group: cong-dong", "group: khong-co", 1), encoding="utf-8")


def _broken_plan(world: World) -> None:
    text = world.plan.read_text(encoding="utf-8")
    world.plan.write_text(text.replace("year: 2020", "year: -5", 1), encoding="utf-8")


@pytest.mark.parametrize(
    "args",
    [
        lambda w: (_broken_results(w), ["report", w.results, "--format", "json", "-o", w.plan])[1],
        lambda w: (_broken_results(w), ["report", w.results, "--format", "xlsx", "-o", w.results])[1],
        lambda w: (_broken_plan(w), ["cost", w.plan, "--format", "csv", "-o", w.plan])[1],
        lambda w: (_broken_plan(w), ["fit", w.plan, "--vary", "nope.x=1..2", "--write", w.table])[1],
        lambda w: ["fit", w.plan, "--vary", "cong-dong.classes=1..2", "--top", "0", "--write", w.parent],
        lambda w: ["render", w.plan, "--template", w.root / "missing.docx", "-o", w.table],
    ],
    ids=["results-errors", "results-xlsx", "plan-errors", "bad-vary", "bad-top", "missing-template"],
)
def test_an_output_onto_an_input_is_decided_before_anything_else(world, args):
    arguments = args(world)
    before = world.snapshot()
    result = invoke(*arguments)
    assert result.exit_code == 2, result.output
    assert "error[output-is-input]" in result.output
    assert world.snapshot() == before


@pytest.mark.parametrize("kind", ["table", "parent"])
def test_a_workbook_plan_protects_its_rate_tables_too(world, kind):
    """A plan given as a workbook names its table in a cell: the chain is followed all the same."""
    workbook = world.root / "plan.xlsx"
    assert invoke("convert", world.plan, "-o", workbook).exit_code == 0
    target = world.root / "link.json"
    target.symlink_to(world.inputs()[kind])
    before = world.snapshot()
    result = invoke("cost", workbook, "--format", "json", "-o", target)
    assert result.exit_code == 2, result.output
    assert "error[output-is-input]" in result.output
    assert world.snapshot() == before


def test_the_shipped_files_are_inputs_of_every_run(world):
    from cap135.budget.rate_tables import RATES_DIR
    from cap135.cli.run_inputs import discover

    found = discover([world.results])
    names = {p.resolve() for p in found.files}
    assert {
        world.results.resolve(),
        world.plan.resolve(),
        world.table.resolve(),
        world.parent.resolve(),
    } <= names
    assert (RATES_DIR / "quang-tri-2020.yaml").resolve() in names
    assert (TEMPLATES / "kehoach.docx").resolve() in names and (TEMPLATES / "baocao.docx").resolve() in names


def test_an_unreadable_or_broken_chain_is_still_protected_as_far_as_it_goes(tmp_path):
    from cap135.cli.run_inputs import discover

    results = tmp_path / "r.results.yaml"
    results.write_text("version: 1\nplan: missing.yaml\nclasses: [\n", encoding="utf-8")  # not YAML
    assert results.resolve() in {p.resolve() for p in discover([results]).files}
    results.write_text("version: 1\nplan: p.yaml\n", encoding="utf-8")
    plan = tmp_path / "p.yaml"
    plan.write_text("rates: t/x.yaml  # mine\nyear: [\n", encoding="utf-8")  # not YAML: its lines still count
    found = {p.resolve() for p in discover([results]).files}
    assert plan.resolve() in found and (tmp_path / "t" / "x.yaml").resolve() in found


# --- formats and extensions, trailing slashes, missing folders ----------------------------------


@pytest.mark.parametrize(
    "args",
    [
        lambda w, d: ["report", w.results, "--format", "json", "-o", d / "x.docx"],
        lambda w, d: ["report", w.results, "--format", "xlsx", "-o", d / "x.csv"],
        lambda w, d: ["report", w.results, "--format", "csv", "-o", d / "x.json"],
        lambda w, d: ["report", w.results, "--format", "table", "-o", d / "x.json"],
        lambda w, d: ["report", w.results, "-o", d / "x.txt"],
        lambda w, d: ["summary", w.results, "--format", "json", "-o", d / "x.csv"],
        lambda w, d: ["summary", w.results, "-o", d / "x.docx"],
        lambda w, d: ["cost", w.plan, "--format", "json", "-o", d / "x.docx"],
        lambda w, d: ["render", w.plan, "-o", d / "x.pdf"],
        lambda w, d: ["schema", "-o", d / "x.yaml"],
        lambda w, d: ["init", "--yes", d / "x.json"],
        lambda w, d: ["init", "--results", w.plan, d / "x.txt"],
        lambda w, d: ["fit", w.plan, "--vary", "cong-dong.classes=8..12", "--write", d / "x.json"],
        lambda w, d: ["fit", w.plan, "--vary", "cong-dong.classes=8..12", "--write", d / "x.xlsx"],
        lambda w, d: ["convert", w.plan, "-o", d / "x.json"],
    ],
    ids=[
        "report-json-docx",
        "report-xlsx-csv",
        "report-csv-json",
        "report-table-json",
        "report-txt",
        "summary-json-csv",
        "summary-docx",
        "cost-json-docx",
        "render-pdf",
        "schema-yaml",
        "init-json",
        "init-results-txt",
        "fit-json",
        "fit-workbook",
        "convert-json",
    ],
)
def test_a_format_that_contradicts_the_extension_is_refused(world, tmp_path, args):
    out = tmp_path / "out"
    out.mkdir()
    result = invoke(*args(world, out))
    assert result.exit_code == 2, result.output
    assert re.search(r"error\[(output-|fit-write-workbook|convert-unknown-form)", result.output)
    assert list(out.iterdir()) == []


@pytest.mark.parametrize(
    ("args", "check"),
    [
        (
            lambda w, d: ["report", w.results, "-o", d / "r.json"],
            lambda p: json.loads(p.read_text())["spent"] > 0,
        ),
        (
            lambda w, d: ["report", w.results, "-o", d / "r.csv"],
            lambda p: p.read_bytes()[:3] == b"\xef\xbb\xbf",
        ),
        (lambda w, d: ["report", w.results, "-o", d / "r.xlsx"], lambda p: p.read_bytes()[:2] == b"PK"),
        (
            lambda w, d: ["summary", w.results, "-o", d / "s.json"],
            lambda p: json.loads(p.read_text())["spent"] > 0,
        ),
        (lambda w, d: ["cost", w.plan, "-o", d / "c.JSON"], lambda p: json.loads(p.read_text())["total"] > 0),
    ],
    ids=["report-json", "report-csv", "report-xlsx", "summary-json", "cost-upper-case"],
)
def test_without_format_the_extension_still_decides(world, tmp_path, args, check):
    out = tmp_path / "out"
    out.mkdir()
    result = invoke(*args(world, out))
    assert result.exit_code == 0, result.output
    (written,) = out.iterdir()
    assert check(written)


SLASHED = {
    "cost": lambda w, o: ["cost", w.plan, "-o", o + ".json/"],
    "summary": lambda w, o: ["summary", w.plan, "--format", "csv", "-o", o + ".csv/"],
    "report": lambda w, o: ["report", w.results, "--format", "json", "-o", o + ".json/"],
    "report-docx": lambda w, o: ["report", w.results, "-o", o + ".docx/"],
    "render": lambda w, o: ["render", w.plan, "-o", o + ".docx/"],
    "schema": lambda w, o: ["schema", "-o", o + ".json/"],
    "init": lambda w, o: ["init", "--yes", o + ".yaml/"],
    "fit": lambda w, o: ["fit", w.plan, "--vary", "cong-dong.classes=8..12", "--write", o + ".yaml/"],
    "convert": lambda w, o: ["convert", w.plan, "-o", o + ".xlsx/"],
}


def test_every_writing_command_is_in_the_slash_family():
    assert {name.split("-")[0] for name in SLASHED} == writing_commands()


@pytest.mark.parametrize("name", sorted(SLASHED))
@pytest.mark.parametrize("where", ["trailing-slash", "missing-folder"])
def test_a_trailing_slash_or_a_missing_folder_is_exit_2(world, tmp_path, name, where):
    out = tmp_path / "out"
    out.mkdir()
    stem = str(out / "t") if where == "trailing-slash" else str(out / "nope" / "t")
    result = invoke(*SLASHED[name](world, stem))
    assert result.exit_code == 2, result.output
    assert "error[output-" in result.output
    assert list(out.iterdir()) == []


@pytest.mark.parametrize("args", [["init", "--yes"], ["cost", str(QUANG_TRI), "-o"]], ids=["init", "cost"])
def test_a_very_long_file_name_is_exit_2(tmp_path, args):
    long = tmp_path / ("a" * 300 + ".yaml")
    result = invoke(*args, long if args[0] == "init" else tmp_path / ("a" * 300 + ".json"))
    assert result.exit_code == 2, result.output
    assert "error[output-name-too-long]" in result.output


# --- every printer × hostile names ---------------------------------------------------------------

HOSTILE = {
    "not-utf8": os.fsdecode(b"odd\xff\xfe"),
    "escape": "esc\x1b]0;PWNED\x07\x1b[2J\x1b[31m",
    "bidi": "bidi\u202eevil\u2066",
    "newline": "new\nline\rcr",
}

PRINTERS: dict[str, Callable[[World, Path], list[object]]] = {
    "validate-plan": lambda w, o: ["validate", w.plan],
    "validate-plan-json": lambda w, o: ["validate", "--format", "json", w.plan],
    "validate-results": lambda w, o: ["validate", w.results],
    "validate-results-json": lambda w, o: ["validate", "--format", "json", w.results],
    "validate-missing": lambda w, o: ["validate", w.root / "missing.yaml"],
    "validate-missing-json": lambda w, o: ["validate", "--format", "json", w.root / "missing.yaml"],
    "cost-table": lambda w, o: ["cost", w.plan],
    "cost-json": lambda w, o: ["cost", "--format", "json", w.plan],
    "cost-csv": lambda w, o: ["cost", "--format", "csv", w.plan],
    "cost-written": lambda w, o: ["cost", w.plan, "-o", o / "c.xlsx"],
    "summary-plans": lambda w, o: ["summary", w.plan],
    "summary-plans-json": lambda w, o: ["summary", "--format", "json", w.plan],
    "summary-plans-csv": lambda w, o: ["summary", "--format", "csv", w.plan],
    "summary-plans-xlsx": lambda w, o: ["summary", w.plan, w.plan, "-o", o / "s.xlsx"],
    "summary-results": lambda w, o: ["summary", w.results],
    "summary-results-json": lambda w, o: ["summary", "--format", "json", w.results],
    "summary-results-csv": lambda w, o: ["summary", "--format", "csv", w.results],
    "report-table": lambda w, o: ["report", w.results],
    "report-json": lambda w, o: ["report", "--format", "json", w.results],
    "report-csv": lambda w, o: ["report", "--format", "csv", w.results],
    "report-xlsx": lambda w, o: ["report", w.results, "-o", o / "r.xlsx"],
    "report-docx": lambda w, o: ["report", w.results, "-o", o / "r.docx"],
    "render": lambda w, o: ["render", w.plan, "-o", o / "k.docx"],
    "render-context": lambda w, o: ["render", w.plan, "--context"],
    "diff": lambda w, o: ["diff", w.plan, w.root / "plan2.yaml"],
    "diff-json": lambda w, o: ["diff", "--format", "json", w.plan, w.root / "plan2.yaml"],
    "fit": lambda w, o: ["fit", w.plan, "--vary", "cong-dong.classes=8..12", "--write", o / "f.yaml"],
    "fit-json": lambda w, o: ["fit", w.plan, "--format", "json", "--vary", "cong-dong.classes=8..12"],
    "rates": lambda w, o: ["rates", w.table],
    "rates-json": lambda w, o: ["rates", "--format", "json", w.table],
    "init": lambda w, o: ["init", "--yes", o / "new.yaml"],
    "init-results": lambda w, o: ["init", "--results", w.plan, o / "new.results.yaml"],
    "schema": lambda w, o: ["schema", "-o", o / "s.json"],
    "convert": lambda w, o: ["convert", w.plan, "-o", o / "p.xlsx"],
    "convert-results": lambda w, o: ["convert", w.results, "-o", o / "r.xlsx"],
}
QUIET = {"words": "prints an amount in words: no file, no name"}


def test_every_command_is_in_the_printer_family():
    covered = {name.split("-")[0] for name in PRINTERS}
    assert covered | set(QUIET) == set(command_tree())


def _hostile_world(tmp_path: Path, name: str) -> tuple[World, Path]:
    world = make_world(tmp_path / name)
    shutil.copyfile(world.plan, world.root / "plan2.yaml")
    out = tmp_path / "out" / name  # written outputs also carry the hostile name
    out.mkdir(parents=True)
    return world, out


def _assert_safe(data: bytes, where: str) -> str:
    text = data.decode("utf-8")  # strict: no raw byte that is not UTF-8
    for bad in ("\x1b", "\x07", "\u202e", "\u2066"):
        assert bad not in text, f"{where}: {bad!r} reached the output"
    assert not re.search("\r(?!\n)", text), f"{where}: a carriage return reached the output"  # CSV: CRLF
    return text


@pytest.mark.parametrize("printer", sorted(PRINTERS))
@pytest.mark.parametrize("hostile", sorted(HOSTILE))
def test_no_name_can_crash_or_drive_the_terminal(tmp_path, printer, hostile):
    world, out = _hostile_world(tmp_path, HOSTILE[hostile])
    result = invoke(*PRINTERS[printer](world, out))
    assert result.exit_code in (0, 1, 2), result.output
    assert "internal" not in result.output.lower()
    _assert_safe(result.stdout_bytes, "stdout")
    _assert_safe(result.stderr_bytes, "stderr")
    for written in out.iterdir():
        if written.suffix in (".json", ".csv", ".yaml"):
            _assert_safe(written.read_bytes(), written.name)


@pytest.mark.parametrize("hostile", sorted(HOSTILE))
def test_names_in_json_are_shown_escaped(tmp_path, hostile):
    world, _ = _hostile_world(tmp_path, HOSTILE[hostile])
    result = invoke("report", "--format", "json", world.results)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["results"].endswith("r.results.yaml")
    shown = data["results"]
    assert "\\x" in shown or "\\u" in shown or "\\n" in shown  # the odd characters, written as escapes
    assert not any(ord(c) < 32 or 0xD800 <= ord(c) < 0xE000 or c == "\u202e" for c in shown)


@pytest.mark.parametrize("command", ["cost", "summary", "diff", "validate"])
def test_json_on_the_terminal_stays_json(tmp_path, command):
    """A plan's text holding characters JSON leaves raw (NEL, a line separator, a bidi mark): the
    terminal's sanitiser escapes them the JSON way, so what is printed still parses, to the same
    values."""
    text = QUANG_TRI.read_text(encoding="utf-8")
    old = "    name: Đối với nhóm cộng đồng\n"
    assert text.count(old) == 1
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        text.replace(old, '    name: "Nhóm\\N cộng\\L đồng \\u202e\\x7f mới"\n'), encoding="utf-8"
    )
    args = {"cost": [plan], "summary": [plan], "diff": [QUANG_TRI, plan], "validate": [plan]}[command]
    result = invoke(command, "--format", "json", *args)
    assert result.exit_code in (0, 1), result.output
    _assert_safe(result.stdout_bytes, "stdout")
    data = json.loads(result.stdout)
    if command in ("cost", "diff"):  # the ones that show a group's name
        assert "Nhóm\x85 cộng\u2028 đồng \u202e\x7f mới" in json.dumps(data, ensure_ascii=False)


def test_a_real_process_in_a_folder_that_is_not_utf8(tmp_path):
    """Outside the test runner: a strict UTF-8 stdout (PYTHONIOENCODING=utf-8), exit 0, not 3."""
    import subprocess
    import sys

    world, _ = _hostile_world(tmp_path, HOSTILE["not-utf8"])
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "CAP135_LANG": "vi", "TMPDIR": str(tmp_path)}
    for args in (
        ["report", str(world.results), "--format", "json"],
        ["summary", str(world.results)],
        ["diff", "--format", "json", str(world.plan), str(world.root / "plan2.yaml")],
        ["validate", str(world.results)],
    ):
        proc = subprocess.run(
            [sys.executable, "-m", "cap135", *args], capture_output=True, env=env, timeout=120, check=False
        )
        assert proc.returncode == 0, (args, proc.stderr.decode("utf-8", "replace"))
        _assert_safe(proc.stdout, "stdout")
        _assert_safe(proc.stderr, "stderr")
    assert not list(tmp_path.glob("cap135-crash-*"))


# --- work is bounded ---------------------------------------------------------------------------


def _huge_ceiling(tmp_path: Path) -> Path:
    text = QUANG_TRI.read_text(encoding="utf-8")
    plan = tmp_path / "huge.yaml"
    plan.write_text(text.replace("ceiling: 1251000000", "ceiling: 900000000000000"), encoding="utf-8")
    return plan


def test_fit_top_has_a_documented_maximum(tmp_path):
    import time

    from cap135.budget.fit import MAX_TOP

    plan = _huge_ceiling(tmp_path)
    vary = ["--vary", "cong-dong.classes=1..1000", "--vary", "cong-dong.class_size=1..1000"]
    started = time.monotonic()
    result = invoke("fit", plan, *vary, "--top", "1000000")
    assert time.monotonic() - started < 20
    assert result.exit_code == 1, result.output
    assert "error[fit-bad-top]" in result.output and f"{MAX_TOP}" in result.output
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert f"--top` at most {MAX_TOP}" in readme


def test_a_report_with_long_venue_names_renders_in_time(tmp_path):
    """200 classes whose venue names are just under the 100,000-character limit of a text: the
    document holds 20 million characters and is written in seconds (the check for over-long text
    nodes was quadratic in the length of a text: minutes, then the 120-second limit)."""
    import time

    plan = tmp_path / "plan.yaml"
    text = QUANG_TRI.read_text(encoding="utf-8")
    text = text.replace("    classes: 9\n", "    classes: 200\n").replace(
        "ceiling: 1251000000", "ceiling: 9000000000"
    )
    plan.write_text(text, encoding="utf-8")
    words = "xã Hướng Phùng huyện Hướng Hóa "
    lines = ["version: 1", "plan: plan.yaml", "as_of: 2020-11-30", "classes:"]
    for i in range(200):
        name = (words * 4000)[: 99_990 - len(str(i))] + str(i)
        lines += [
            "  - group: cong-dong",
            f"    held: 2020-08-{i % 28 + 1:02d}",
            f'    venue: {{name: "{name}", level: commune}}',
            "    attendees: 50",
        ]
    results = tmp_path / "r.results.yaml"
    results.write_text("\n".join(lines) + "\n", encoding="utf-8")
    started = time.monotonic()
    result = invoke("report", results, "--draft", "-o", tmp_path / "bc.docx")  # no assessment: a draft
    seconds = time.monotonic() - started
    assert result.exit_code == 0, result.output
    assert seconds < 60, seconds
    from docx import Document

    cells = {
        cell.text
        for table in Document(str(tmp_path / "bc.docx")).tables
        for row in table.rows
        for cell in row.cells
    }
    assert sum(1 for c in cells if len(c) >= 99_990) == 200


def test_the_text_node_check_is_linear():
    import time

    from cap135.documents.jinja_sandbox import MAX_NODE_TEXT, RenderLimit, _BoundedTemplate

    def rendered(body: str) -> str:
        return _BoundedTemplate("{{ body }}").render(body=body)

    run = "a" * 2_000_000  # 1.25 MB short of the libxml2 limit at four bytes a character
    started = time.monotonic()
    assert rendered(("<w:t>" + run + "</w:t>") * 4) is not None
    assert time.monotonic() - started < 10
    with pytest.raises(RenderLimit):
        rendered("<w:t>" + "ễ" * (MAX_NODE_TEXT // 3 + 1) + "</w:t>")


# --- interrupts at any moment ----------------------------------------------------------------


def _python(code: str, tmp_path: Path, *args: str) -> Any:
    import signal
    import subprocess
    import sys

    env = {**os.environ, "CAP135_LANG": "vi", "PYTHONIOENCODING": "utf-8", "TMPDIR": str(tmp_path)}
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        check=False,
    )


def _assert_interrupted(proc: Any, tmp_path: Path) -> None:
    assert proc.returncode == 130, proc.stderr
    assert "Traceback" not in proc.stderr and "KeyboardInterrupt" not in proc.stderr, proc.stderr
    assert "Exception ignored" not in proc.stderr, proc.stderr
    # one short line, the last (cost prints the plan's warnings first)
    assert proc.stderr.strip().splitlines()[-1] == message("usage-interrupted", "vi"), proc.stderr
    assert not list(tmp_path.glob("cap135-crash-*"))


AT_IMPORT = """
import builtins, os, signal, sys
real_import = builtins.__import__
target = sys.argv[1]

def interrupting_import(name, *args, **kwargs):
    if name == target:
        builtins.__import__ = real_import
        os.kill(os.getpid(), signal.SIGINT)
    return real_import(name, *args, **kwargs)

sys.argv = ["cap135", "cost", sys.argv[2]]
builtins.__import__ = interrupting_import
from cap135.cli.launch import main
main()
"""


# typer while the command line loads; the analysis, the table writers and the engine inside the
# command (imported there)
@pytest.mark.parametrize(
    "module",
    [
        "typer",
        "pydantic",
        "rich.console",
        "yaml",
        "cap135.budget.analysis",
        "cap135.tables",
        "cap135.budget.engine",
    ],
)
def test_an_interrupt_while_loading_is_one_line_and_130(tmp_path, module):
    _assert_interrupted(_python(AT_IMPORT, tmp_path, module, str(QUANG_TRI)), tmp_path)


WHILE_A_CLASS_IS_MADE = """
import os, signal, sys
sys.argv = ["cap135", "cost", sys.argv[1]]
import cap135.cli.launch

def profile(frame, event, arg):
    # Python 3.11 wraps what __set_name__ raises (here the KeyboardInterrupt) in a RuntimeError
    if event == "call" and frame.f_code.co_name == "__set_name__":
        sys.setprofile(None)
        os.kill(os.getpid(), signal.SIGINT)

sys.setprofile(profile)
cap135.cli.launch.main()
"""


def test_an_interrupt_wrapped_in_another_error_is_still_an_interrupt(tmp_path):
    _assert_interrupted(_python(WHILE_A_CLASS_IS_MADE, tmp_path, str(QUANG_TRI)), tmp_path)


IN_A_CALLBACK = """
import os, signal, sys, weakref
sys.argv = ["cap135", "cost", sys.argv[1]]
import cap135.cli.launch


class Thing:
    pass


def callback(ref):  # code that cannot raise: Python would print the interrupt as ignored
    os.kill(os.getpid(), signal.SIGINT)
    sum(range(1000))


thing = Thing()
ref = weakref.ref(thing, callback)
del thing
cap135.cli.launch.main()
"""


def test_an_interrupt_in_code_that_cannot_raise_is_delivered_again(tmp_path):
    _assert_interrupted(_python(IN_A_CALLBACK, tmp_path, str(QUANG_TRI)), tmp_path)


WHILE_WRITING = """
import os, signal, sys
import cap135.documents.atomic_files as atomic

real_fsync = atomic._fsync_file

def fsync_then_interrupt(tmp):
    real_fsync(tmp)
    os.kill(os.getpid(), signal.SIGINT)

atomic._fsync_file = fsync_then_interrupt
sys.argv = ["cap135", *sys.argv[1:]]
from cap135.cli.launch import main
main()
"""


def test_an_interrupt_while_writing_leaves_nothing_half_written(tmp_path):
    out = tmp_path / "out.xlsx"
    out.write_bytes(b"previous")
    proc = _python(WHILE_WRITING, tmp_path, "cost", str(QUANG_TRI), "-o", str(out))
    _assert_interrupted(proc, tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name]
    assert out.read_bytes() == b"previous"


def test_interrupts_are_documented_with_the_other_exit_codes():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    codes = readme.split("## Exit codes", 1)[1].split("\n## ", 1)[0]
    assert "| 130 |" in codes and "Ctrl-C" in codes


# --- no writer or printer outside the two guarded modules ------------------------------------------

SRC = Path(__file__).resolve().parents[2] / "src" / "cap135"
WRITING_MODULES = {
    ("os",): {
        "open",
        "fdopen",
        "replace",
        "rename",
        "renames",
        "link",
        "symlink",
        "mkdir",
        "makedirs",
        "mkfifo",
        "mknod",
        "remove",
        "unlink",
        "truncate",
        "ftruncate",
        "write",
        "rmdir",
        "removedirs",
    },
    ("shutil",): {"copy", "copy2", "copyfile", "copyfileobj", "copytree", "move", "rmtree"},
    ("tempfile",): {
        "mkstemp",
        "mkdtemp",
        "NamedTemporaryFile",
        "TemporaryFile",
        "TemporaryDirectory",
        "SpooledTemporaryFile",
    },
}
WRITING_METHODS = {"write_bytes", "write_text", "touch", "symlink_to", "hardlink_to", "mkdir", "unlink"}
READ_FLAGS = {"O_RDONLY", "O_NONBLOCK", "O_CLOEXEC"}


def _dotted(node: ast.AST) -> tuple[str, ...]:
    if isinstance(node, ast.Name):
        return (node.id,)
    if isinstance(node, ast.Attribute):
        return (*_dotted(node.value), node.attr)
    return ()


def _mode(call: ast.Call, position: int) -> str | None:
    """The mode string of an open() call (None: not a literal); "r" when it is not given."""
    node = next((k.value for k in call.keywords if k.arg == "mode"), None)
    if node is None and len(call.args) > position:
        node = call.args[position]
    if node is None:
        return "r"
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _in_memory(node: ast.AST, buffers: set[tuple[str, ...]]) -> bool:
    """A BytesIO made here, or a name (`out`, `self.buffer`) one was assigned to."""
    return (isinstance(node, ast.Call) and _dotted(node.func)[-1:] == ("BytesIO",)) or (
        bool(_dotted(node)) and _dotted(node) in buffers
    )


def file_writes(source: str) -> list[str]:
    """The calls in `source` that open, create, replace or remove a file (by line)."""
    tree = ast.parse(source)
    buffers = {
        _dotted(target)
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign) and _in_memory(node.value, set())
        for target in node.targets
    }
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = _dotted(node.func)
        where = f"{node.lineno}: {'.'.join(name) or '?'}"
        if name in (("open",), ("os", "fdopen")):
            mode = _mode(node, 1)
            if mode is None or set(mode) & set("wax+"):
                found.append(where)
        elif name[-1:] == ("open",) and name[:-1] != ("os",):  # Path.open, ZipFile.open
            mode = _mode(node, 0)
            if mode is None or set(mode) & set("wax+"):
                found.append(where)
        elif name == ("os", "open"):
            flags = (
                {n.attr for n in ast.walk(node.args[1]) if isinstance(n, ast.Attribute)}
                if len(node.args) > 1
                else set()
            )
            if not flags or not flags <= READ_FLAGS:
                found.append(where)
        elif (len(name) == 2 and name[1] in WRITING_MODULES.get(name[:1], set())) or (
            name[-1:] and name[-1] in WRITING_METHODS and name[:1] != ("os",)
        ):
            found.append(where)
        elif name[-1:] in (("ZipFile",), ("Workbook",), ("save",)):
            target = node.args[0] if node.args else None
            mode = _mode(node, 1) if name[-1] == "ZipFile" else "w"
            if (mode is None or set(mode) & set("wax+")) and not (
                target is not None and _in_memory(target, buffers)
            ):
                found.append(where)
    return found


PRINTING = {
    ("print",),
    ("typer", "echo"),
    ("typer", "secho"),
    ("typer", "prompt"),
    ("typer", "confirm"),
    ("click", "echo"),
    ("os", "write"),
    ("Console",),
}


def terminal_writes(source: str) -> list[str]:
    """The places in `source` that print or touch standard output or error (by line)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and _dotted(node.func) in PRINTING:
            found.append(f"{node.lineno}: {'.'.join(_dotted(node.func))}")
        elif isinstance(node, ast.Attribute) and _dotted(node) in (("sys", "stdout"), ("sys", "stderr")):
            found.append(f"{node.lineno}: {'.'.join(_dotted(node))}")
        elif (
            isinstance(node, ast.ImportFrom)
            and node.module == "rich.console"
            and any(alias.name == "Console" for alias in node.names)
        ):
            found.append(f"{node.lineno}: from rich.console import Console")
    return found


# Modules that make a rich Console only to measure the terminal (width, colour), printing nothing.
MEASURES_ONLY = ("tables/text_table.py",)


def _modules() -> dict[str, str]:
    return {str(p.relative_to(SRC)): p.read_text(encoding="utf-8") for p in sorted(SRC.rglob("*.py"))}


def test_the_checkers_see_what_they_look_for():
    assert file_writes("from pathlib import Path\nPath('x').write_text('y')\n")
    assert file_writes("open(name, 'wb')\n") and not file_writes("open(name, 'rb')\n")
    assert file_writes("import os\nos.open(p, os.O_WRONLY | os.O_CREAT)\n")
    assert not file_writes("import os\nos.open(p, os.O_RDONLY | os.O_CLOEXEC)\n")
    assert file_writes("import os\nos.fdopen(fd, 'w')\n") and not file_writes(
        "import os\nos.fdopen(fd, 'rb')\n"
    )
    assert file_writes("import shutil\nshutil.copyfile(a, b)\n")
    assert file_writes("import zipfile\nzipfile.ZipFile(path, 'w')\n")
    assert not file_writes("import io, zipfile\nout = io.BytesIO()\nzipfile.ZipFile(out, 'w')\n")
    assert not file_writes("import io\nself.buffer = io.BytesIO()\nxlsxwriter.Workbook(self.buffer)\n")
    assert file_writes("import xlsxwriter\nxlsxwriter.Workbook(path)\n")
    assert terminal_writes("import typer\ntyper.echo('x')\n") and terminal_writes("print('x')\n")
    assert terminal_writes("import sys\nsys.stderr.write('x')\n")
    assert terminal_writes("from rich.console import Console\n")


def test_no_module_but_the_guarded_writer_writes_a_file():
    """Every file cap135 writes goes through render/atomic.py (the inputs of the run are checked
    there): a new command cannot write beside it."""
    found = {
        name: file_writes(text) for name, text in _modules().items() if name != "documents/atomic_files.py"
    }
    assert {name: calls for name, calls in found.items() if calls} == {}


def test_no_module_but_the_terminal_prints():
    """Everything printed goes through terminal.py, which passes it through the one sanitiser."""
    found = {
        name: terminal_writes(text)
        for name, text in _modules().items()
        if name not in ("cli/terminal.py", *MEASURES_ONLY)
    }
    assert {name: calls for name, calls in found.items() if calls} == {}


def test_every_command_is_guarded_and_declares_what_it_writes():
    from cap135.cli.guard import GuardedCommand

    for name, command in command_tree().items():
        assert isinstance(command, GuardedCommand), name
        has_output = any(p.name == "output" for p in command.params)
        assert (command.writes is not None) == has_output, name
        if has_output:
            assert command.writes.formats, name


def test_ctrl_c_in_the_first_tenth_of_a_second(tmp_path):
    """Real Ctrl-C at 0, 5, 10, … 150 ms after `python -m cap135 cost` starts: whenever cap135's
    own code has begun (its first line takes SIGINT over), one line and exit 130, never a
    traceback. Before that line only the interpreter runs (`site`, runpy: a few milliseconds),
    which cap135 cannot reach: there Python's own outcome is accepted, with no frame of cap135."""
    import signal
    import subprocess
    import sys
    import time

    import cap135

    package = str(Path(cap135.__file__).resolve().parent)
    env = {**os.environ, "CAP135_LANG": "vi", "TMPDIR": str(tmp_path)}
    outcomes = []
    for delay in range(0, 151, 5):
        proc = subprocess.Popen(
            [sys.executable, "-m", "cap135", "cost", str(QUANG_TRI)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=env,
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )
        time.sleep(delay / 1000)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=120)
        stderr = err.decode("utf-8", "replace")
        outcomes.append((delay, proc.returncode))
        if "Traceback" in stderr:
            assert package not in stderr, (delay, stderr)  # before cap135's first line
        elif proc.returncode != 0:
            assert proc.returncode in (130, -signal.SIGINT), (delay, proc.returncode, stderr)
        if proc.returncode == 130:  # the line, last (cost prints the plan's warnings first)
            assert stderr.strip().splitlines()[-1] == message("usage-interrupted", "vi"), (delay, stderr)
    assert sum(code == 130 for _, code in outcomes) >= len(outcomes) // 2, outcomes
    assert not list(tmp_path.glob("cap135-crash-*"))
