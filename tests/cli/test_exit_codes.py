"""Exit 2, not 3 (issue 12): what the user can fix is a usage error with a clear message, never
an internal error with a crash log."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest
from conftest import PLANS, QUANG_TRI, ROOT
from typer.testing import CliRunner

import cap135.budget.analysis
from cap135.budget.analysis import analyze
from cap135.cli.app import app
from cap135.messages import message

LONG_NAME = "a" * 300  # beyond the 255 bytes a file name may have (ENAMETOOLONG)


def run(*args: str, lang: str = "vi"):
    return CliRunner().invoke(app, list(args), catch_exceptions=False, env={"CAP135_LANG": lang})


@pytest.mark.parametrize(
    "command",
    [
        ["cost", "--format", "json", str(QUANG_TRI)],
        ["cost", "--format", "xlsx", str(QUANG_TRI)],
        ["render", str(QUANG_TRI)],
        ["summary", "--format", "json", str(QUANG_TRI)],
        ["schema"],
    ],
    ids=["cost-json", "cost-xlsx", "render", "summary", "schema"],
)
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_an_output_name_too_long_is_a_usage_error(tmp_path, command, lang):
    out = tmp_path / f"{LONG_NAME}.out"
    result = run(*command, "-o", str(out), lang=lang)
    assert result.exit_code == 2, result.output
    assert f"error[output-name-too-long]: {message('output-name-too-long', lang, {'path': out})}" in (
        result.output
    )


@pytest.mark.parametrize(
    ("name", "written"),
    [(os.fsdecode(b"a\xff\x1bb.yaml"), "a\\xff\\x1bb.yaml"), ("c\x07d.yaml", "c\\x07d.yaml")],
    ids=["surrogate", "bell"],
)
@pytest.mark.parametrize("output_format", ["json", "xlsx"])
def test_a_plan_name_that_no_output_can_carry_is_written_escaped(
    tmp_path, monkeypatch, name, written, output_format
):
    """Issue 21 (was a usage error in issue 12): the one sanitiser shows the name escaped, in every
    output alike."""
    from openpyxl import load_workbook

    from cap135.text import shown

    monkeypatch.chdir(tmp_path)
    shutil.copyfile(QUANG_TRI, tmp_path / name)
    out = tmp_path / f"out.{output_format}"
    result = run("summary", name, "--format", output_format, "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output and "\x07" not in result.output
    if output_format == "json":
        assert json.loads(out.read_text(encoding="utf-8"))["plans"] == [written]
    else:  # the workbook names each plan by its agency and year; no cell holds what it cannot carry
        cells = [c.value for ws in load_workbook(out).worksheets for row in ws.iter_rows() for c in row]
        texts = [c for c in cells if isinstance(c, str)]
        assert texts and not any(shown(t) != t for t in texts), texts


def test_a_rate_table_rewritten_during_summary_is_not_an_internal_error(tmp_path, monkeypatch):
    """Two plans share a table file that is broken after the first one is read: the user's
    file, not a bug. (cap135 used to read the table again to split a group's cost by level and
    crash with exit 3; whichever step meets the broken file now reports it.)"""
    table = tmp_path / "table.yaml"
    shutil.copyfile(ROOT / "src" / "cap135" / "budget" / "rates" / "national.yaml", table)
    plans = []
    for name in ("one.yaml", "two.yaml"):
        plan = tmp_path / name
        plan.write_text((PLANS / "soc-trang-2024.yaml").read_text(encoding="utf-8") + "rates: ./table.yaml\n")
        assert analyze(plan).ok
        plans.append(str(plan))
    real_analyze = cap135.budget.analysis.analyze

    def analyze_then_break_the_table(*args, **kwargs):
        result = real_analyze(*args, **kwargs)
        table.write_text("id: [broken\n", encoding="utf-8")
        return result

    monkeypatch.setattr(cap135.budget.analysis, "analyze", analyze_then_break_the_table)
    result = run("summary", *plans)  # an exception escaping the command fails the test
    assert result.exit_code in (1, 2), result.output
    assert "error[rate-table" in result.output and str(table) in result.output
    assert "lỗi nội bộ" not in result.output


@pytest.mark.parametrize(
    "command",
    [["cost", str(QUANG_TRI)], ["cost", "--format", "json", str(QUANG_TRI)], ["summary", str(QUANG_TRI)]],
    ids=["cost-table", "cost-json", "summary"],
)
def test_a_terminal_that_cannot_show_vietnamese_is_a_usage_error(tmp_path, command):
    env = {**os.environ, "PYTHONIOENCODING": "ascii", "TMPDIR": str(tmp_path), "CAP135_LANG": "vi"}
    proc = subprocess.run(
        [sys.executable, "-m", "cap135", *command], capture_output=True, timeout=120, env=env, check=False
    )
    stderr = proc.stderr.decode("ascii", "replace")
    assert proc.returncode == 2, stderr
    assert "error[output-encoding]: " + message("output-encoding", "en", {"encoding": "ascii"}) in stderr
    assert not list(tmp_path.glob("cap135-crash-*"))
