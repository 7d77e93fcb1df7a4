"""Signals and aborted prompts (issue 12), in real processes: Ctrl-C while cap135 starts,
SIGHUP while it writes, Ctrl-C or end of input at an `init` question; and --debug read from
the parsed options only."""

from __future__ import annotations

import os
import pty
import select
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from conftest import QUANG_TRI
from typer.testing import CliRunner

import cap135.plan.starter
from cap135.cli.app import app
from cap135.messages import message

PYTHON_ENV = {**os.environ, "CAP135_LANG": "vi", "PYTHONIOENCODING": "utf-8"}


def as_in_a_terminal() -> None:
    """SIGINT as a shell gives it to a foreground command (a background job, such as a test run
    started with `&`, inherits it ignored)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


# SIGINT arrives while the command line is being imported (when typer is imported).
INTERRUPTED_IMPORT = textwrap.dedent(
    """
    import builtins, os, signal, sys
    real_import = builtins.__import__

    def interrupting_import(name, *args, **kwargs):
        if name == "typer":
            builtins.__import__ = real_import
            os.kill(os.getpid(), signal.SIGINT)
        return real_import(name, *args, **kwargs)

    builtins.__import__ = interrupting_import
    sys.argv = ["cap135", "--help"]
    from cap135.{module} import main
    main()
    """
)


def test_ctrl_c_during_start_up_exits_130_quietly():
    code = INTERRUPTED_IMPORT.replace("{module}", "cli.launch")
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        env=PYTHON_ENV,
        preexec_fn=as_in_a_terminal,
    )
    assert proc.returncode == 130, proc.stderr
    assert "Traceback" not in proc.stderr and "KeyboardInterrupt" not in proc.stderr
    assert proc.stdout == ""  # it stopped before the help


def test_the_same_interrupt_without_the_launcher_shows_why_it_exists():
    """Control: importing cap135.cli.app directly (the old entry point) prints a traceback."""
    code = INTERRUPTED_IMPORT.replace("{module}", "cli.app")
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        env=PYTHON_ENV,
        preexec_fn=as_in_a_terminal,
    )
    assert "KeyboardInterrupt" in proc.stderr


def test_the_console_script_and_module_use_the_launcher():
    from importlib.metadata import entry_points

    (script,) = [e for e in entry_points(group="console_scripts") if e.name == "cap135"]
    assert script.value == "cap135.cli.launch:main"
    main_py = Path(cap135.__file__).with_name("__main__.py").read_text(encoding="utf-8")
    assert "cap135.cli.launch import main" in main_py


HUNG_UP = textwrap.dedent(
    """
    import os, signal, sys
    import cap135.documents.atomic_files as atomic

    real_fsync = atomic._fsync_file

    def fsync_then_hang_up(tmp):
        real_fsync(tmp)
        os.kill(os.getpid(), signal.SIGHUP)

    atomic._fsync_file = fsync_then_hang_up
    sys.argv[0] = "cap135"
    from cap135.cli.app import main
    main()
    """
)


@pytest.mark.parametrize("command", [["render"], ["cost", "--format", "xlsx"]], ids=["render", "cost-xlsx"])
def test_sighup_while_writing_leaves_no_temporary_file(tmp_path, command):
    out = tmp_path / ("out.docx" if command == ["render"] else "out.xlsx")
    out.write_bytes(b"previous")
    args = [sys.executable, "-c", HUNG_UP, *command, str(QUANG_TRI), "-o", str(out)]
    proc = subprocess.run(args, capture_output=True, text=True, timeout=120, env=PYTHON_ENV)
    assert proc.returncode == 128 + signal.SIGHUP, proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name]  # the temporary file is gone
    assert out.read_bytes() == b"previous"
    assert "Traceback" not in proc.stderr


def _read_until(fd: int, needle: bytes, timeout: float = 60) -> bytes:
    seen = b""
    deadline = time.monotonic() + timeout
    while needle not in seen:
        remaining = deadline - time.monotonic()
        assert remaining > 0, seen
        ready, _, _ = select.select([fd], [], [], remaining)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            seen += chunk
    return seen


def _init_in_a_terminal(tmp_path: Path, answer: bytes | None) -> tuple[int, str]:
    """Run `cap135 init` with a pseudo-terminal; at the first question, send `answer` (bytes
    typed, e.g. Ctrl-D) or, if None, SIGINT to the process."""
    master, slave = pty.openpty()
    target = tmp_path / "kehoach.yaml"
    proc = subprocess.Popen(
        [sys.executable, "-m", "cap135", "init", str(target)],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=PYTHON_ENV,
        start_new_session=True,
        preexec_fn=as_in_a_terminal,
    )
    os.close(slave)
    try:
        # the first question: the year (it decides the agency offered by default)
        _read_until(master, message("init-ask-year", "vi").encode("utf-8"))
        if answer is None:
            proc.send_signal(signal.SIGINT)
        else:
            os.write(master, answer)
        code = proc.wait(60)
        rest = b""
        while True:
            ready, _, _ = select.select([master], [], [], 0.5)
            if not ready:
                break
            try:
                chunk = os.read(master, 4096)
            except OSError:
                break
            if not chunk:
                break
            rest += chunk
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(master)
    assert not target.exists()
    return code, rest.decode("utf-8", "replace")


def test_ctrl_c_at_an_init_question_exits_130(tmp_path):
    code, output = _init_in_a_terminal(tmp_path, None)
    assert code == 130, output
    assert message("usage-interrupted", "vi") in output
    assert "Traceback" not in output


def test_end_of_input_at_an_init_question_exits_2(tmp_path):
    code, output = _init_in_a_terminal(tmp_path, b"\x04")  # Ctrl-D
    assert code == 2, output
    assert message("usage-input-ended", "vi") in output


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_end_of_input_at_an_init_question_in_both_languages(tmp_path, monkeypatch, lang):
    monkeypatch.setattr(cap135.plan.starter, "interactive", lambda: True)
    target = tmp_path / "kehoach.yaml"
    result = CliRunner().invoke(app, ["init", str(target)], input="", env={"CAP135_LANG": lang})
    assert result.exit_code == 2
    assert message("usage-input-ended", lang) in result.output
    assert not target.exists()


def test_debug_is_read_from_the_parsed_options(tmp_path):
    """A plan file named --debug (after --) is a file, not the option: no traceback shown."""
    code = textwrap.dedent(
        """
        import sys
        import cap135.results.file_kind
        def boom(path):
            raise ZeroDivisionError("boom")
        cap135.results.file_kind.analyze_any = boom
        sys.argv = ["cap135", "validate", "--", "--debug"]
        from cap135.cli.app import main
        main()
        """
    )
    env = {**PYTHON_ENV, "TMPDIR": str(tmp_path)}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=env)
    assert proc.returncode == 3, proc.stderr
    assert "Traceback" not in proc.stderr and "lỗi nội bộ" in proc.stderr
    code = code.replace('"validate", "--", "--debug"', '"--debug", "validate", "x.yaml"')
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=env)
    assert "ZeroDivisionError: boom" in proc.stderr  # the option itself still shows it
