"""The one last-resort handler in `cap135.cli.app.main` (issue 5).

An unexpected internal error prints one line asking to report it, writes the traceback to a log
file whose path that line names, and exits 3; with --debug the exception propagates instead.
Internal functions are made to raise with pytest's monkeypatch and `main()` runs with sys.argv set.
"""

from __future__ import annotations

import gc
import re
import signal
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import QUANG_TRI

import cap135.budget.analysis
import cap135.budget.rate_tables
import cap135.documents.docx_render
import cap135.money
import cap135.tables.json_writer
from cap135.cli.app import EXIT_INTERNAL, State, main

LOG_LINE = {
    "vi": re.compile(r"^lỗi nội bộ của cap135 — xin báo lỗi, kèm tệp nhật ký: (?P<log>\S+\.log)$"),
    "en": re.compile(r"^internal error in cap135 — please report it with the log file: (?P<log>\S+\.log)$"),
}


class Boom(RuntimeError):
    pass


def boom(*args, **kwargs):
    raise Boom("boom from the test suite")


@pytest.fixture
def logs(tmp_path, monkeypatch) -> Iterator[Path]:
    """Crash logs go to a folder of the test; the CLI's global state starts clean, and what main()
    changes in the process (the SIGTERM handler, the garbage collector) is put back afterwards."""
    folder = tmp_path / "logs"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    monkeypatch.setattr(State, "debug", False)
    monkeypatch.setattr(State, "lang", "vi")
    sigterm, collecting = signal.getsignal(signal.SIGTERM), gc.isenabled()
    yield folder
    signal.signal(signal.SIGTERM, sigterm)
    if collecting:
        gc.enable()


def run_main(monkeypatch, *args: str) -> int:
    monkeypatch.setattr(sys, "argv", ["cap135", *args])
    with pytest.raises(SystemExit) as info:
        main()
    return info.value.code


COMMANDS = [
    ("validate", (cap135.budget.analysis, "analyze"), ["validate", str(QUANG_TRI)]),
    ("cost-json", (cap135.tables.json_writer, "write"), ["cost", "--format", "json", str(QUANG_TRI)]),
    ("render", (cap135.documents.docx_render, "render_docx"), ["render", str(QUANG_TRI), "-o", "OUT"]),
    ("words", (cap135.money, "amount_in_words"), ["words", "1251000000"]),
    ("rates", (cap135.budget.rate_tables, "load_table"), ["rates"]),
]


@pytest.mark.parametrize(("name", "target", "args"), COMMANDS, ids=[c[0] for c in COMMANDS])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_internal_error_is_one_line_a_log_and_exit_3(
    logs, tmp_path, monkeypatch, capsys, name, target, args, lang
):
    monkeypatch.setattr(*target, boom)
    args = [a.replace("OUT", str(tmp_path / "out.docx")) for a in args]
    code = run_main(monkeypatch, *(["--lang", "en"] if lang == "en" else []), *args)
    assert code == EXIT_INTERNAL == 3
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    # the plan's own warnings may come first (cost and render print them); the crash is one line
    crash = [line for line in lines if LOG_LINE[lang].match(line)]
    assert len(crash) == 1 and lines[-1] == crash[0], captured.err
    others = [line for line in lines[:-1] if not line.startswith("    ")]
    assert all("warning[" in line or line.startswith(str(QUANG_TRI)) for line in others), captured.err
    match = LOG_LINE[lang].match(lines[-1])
    assert match, lines[-1]
    log = Path(match["log"])
    assert log.parent == logs and log.is_file()
    text = log.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in text
    assert "Boom: boom from the test suite" in text
    assert f"argv: {sys.argv!r}" in text  # what was run, for the report
    assert "Traceback" not in captured.out + captured.err
    assert not (tmp_path / "out.docx").exists()


def test_debug_first_propagates_the_original_exception(logs, monkeypatch):
    monkeypatch.setattr(cap135.budget.analysis, "analyze", boom)
    monkeypatch.setattr(sys, "argv", ["cap135", "--debug", "validate", str(QUANG_TRI)])
    with pytest.raises(Boom, match="boom from the test suite"):
        main()
    assert list(logs.iterdir()) == []


def test_normal_exit_codes_pass_through(logs, monkeypatch, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\n", encoding="utf-8")
    assert run_main(monkeypatch, "validate", str(QUANG_TRI)) == 0
    assert run_main(monkeypatch, "validate", str(bad)) == 1
    assert run_main(monkeypatch, "validate", str(tmp_path / "missing.yaml")) == 2
    assert run_main(monkeypatch, "no-such-command") == 2
    assert list(logs.iterdir()) == []


def test_keyboard_interrupt_is_exit_130_without_a_log(logs, monkeypatch, capsys):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(cap135.budget.analysis, "analyze", interrupted)
    assert run_main(monkeypatch, "validate", str(QUANG_TRI)) == 130
    assert "Traceback" not in capsys.readouterr().err
    assert list(logs.iterdir()) == []


def test_a_real_process_exits_3_with_one_line(tmp_path):
    code = textwrap.dedent(
        """
        import sys, tempfile
        tempfile.tempdir = sys.argv.pop(1)
        import cap135.budget.analysis
        def boom(*args, **kwargs):
            raise ZeroDivisionError("boom in a subprocess")
        cap135.budget.analysis.analyze = boom
        from cap135.cli.app import main
        sys.argv[0] = "cap135"
        main()
        """
    )
    args = [sys.executable, "-c", code, str(tmp_path), "--lang", "en", "validate", str(QUANG_TRI)]
    proc = subprocess.run(args, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 3
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    match = LOG_LINE["en"].match(lines[0])
    assert match and Path(match["log"]).parent == tmp_path
    assert "ZeroDivisionError: boom in a subprocess" in Path(match["log"]).read_text(encoding="utf-8")


def test_a_log_that_cannot_be_written_still_gives_one_line_and_exit_3(logs, monkeypatch, capsys):
    monkeypatch.setattr(tempfile, "tempdir", str(logs / "no-such-folder"))
    monkeypatch.setattr(cap135.budget.analysis, "analyze", boom)
    monkeypatch.setattr(sys, "argv", ["cap135", "validate", str(QUANG_TRI)])
    with pytest.raises(SystemExit) as info:
        main()
    assert info.value.code == 3
    assert len(capsys.readouterr().err.strip().splitlines()) == 1
