"""Every console example in README.md is what the current code prints.

A ```console block holds one or more `$ cap135 …` commands, each followed by its output.
An HTML comment just above the block may shape what is shown (GitHub does not display it):

    <!-- example: columns=100 head=8 tail=3 cut=110 -->

- columns=N  the terminal width the command runs in (COLUMNS; default 100)
- head=N, tail=M  show the first N and the last M lines of each output with a line "…"
  between them (when the output is longer)
- cut=N  a line longer than N characters is cut to N - 1 and ends with "…"
- stop=TEXT  show the output up to the first line that starts with TEXT (a line "…" marks
  the rest); head and tail then apply to what is left

The commands run in a folder that holds this repository's `plans/` and `schema/`, with the
language left at its default (Vietnamese) unless the command says `--lang en`.

After an intended change of output, regenerate the examples with

    CAP135_UPDATE_README=1 .venv/bin/python -m pytest -q tests/test_readme.py

and review the README's diff.
"""

from __future__ import annotations

import os
import re
import shlex
from dataclasses import dataclass
from pathlib import Path

from typer.testing import CliRunner

from cap135.cli.app import app

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
CI = ROOT / ".ci" / "run"
BLOCK = re.compile(r"(?:<!-- example:(?P<options>[^>]*)-->\n)?```console\n(?P<body>.*?)```", re.S)
UPDATE = os.environ.get("CAP135_UPDATE_README") == "1"


@dataclass(frozen=True)
class Shape:
    columns: int = 100
    head: int | None = None
    tail: int | None = None
    cut: int | None = None
    stop: str | None = None

    @classmethod
    def parse(cls, options: str | None) -> Shape:
        values = dict(item.split("=", 1) for item in (options or "").split())
        return cls(**{k: v if k == "stop" else int(v) for k, v in values.items()})  # type: ignore[arg-type]

    def show(self, output: str) -> list[str]:
        lines = output.splitlines()
        rest = False
        if self.stop is not None:
            at = next((i for i, x in enumerate(lines) if x.startswith(self.stop)), None)
            if at is not None:
                lines, rest = lines[:at], True
        head, tail = self.head, self.tail
        if head is not None or tail is not None:
            head, tail = head or 0, tail or 0
            if len(lines) > head + tail + 1:
                lines = [*lines[:head], "…", *(lines[len(lines) - tail :] if tail else [])]
        if self.cut is not None:
            lines = [x if len(x) <= self.cut else x[: self.cut - 1].rstrip() + "…" for x in lines]
        return [*lines, "…"] if rest else lines


def commands(body: str) -> list[tuple[str, str]]:
    """Each command as written (its lines, a trailing backslash continuing it) and as run."""
    out: list[tuple[str, str]] = []
    lines = body.splitlines()
    index = 0
    while index < len(lines):
        if lines[index].startswith("$ "):
            written = [lines[index]]
            while written[-1].endswith("\\") and index + 1 < len(lines):
                index += 1
                written.append(lines[index])
            command = " ".join(x.rstrip("\\").strip() for x in written)[2:]
            out.append(("\n".join(written), command))
        index += 1
    return out


def run(command: str, shape: Shape, workdir: Path, monkeypatch) -> str:
    words = shlex.split(command)
    assert words[0] == "cap135", command
    monkeypatch.chdir(workdir)
    env = {"COLUMNS": str(shape.columns), "CAP135_LANG": None, "NO_COLOR": "1"}
    result = CliRunner().invoke(app, words[1:], env=env, catch_exceptions=False)
    return result.output


def expected_block(body: str, shape: Shape, workdir: Path, monkeypatch) -> str:
    out = []
    for written, command in commands(body):
        out.append(written)
        out.extend(shape.show(run(command, shape, workdir, monkeypatch)))
    return "\n".join(out) + "\n"


def examples() -> list[re.Match[str]]:
    return list(BLOCK.finditer(README.read_text(encoding="utf-8")))


def test_the_readme_has_console_examples():
    assert len(examples()) >= 4
    for match in examples():
        assert commands(match["body"]), match["body"][:80]


def test_every_console_example_is_what_the_code_prints(tmp_path_factory, monkeypatch):
    text = README.read_text(encoding="utf-8")
    pieces, last, wrong = [], 0, []
    for match in BLOCK.finditer(text):
        shape = Shape.parse(match["options"])
        folder = tmp_path_factory.mktemp("example")
        for name in ("plans", "schema"):
            (folder / name).symlink_to(ROOT / name, target_is_directory=True)
        expected = expected_block(match["body"], shape, folder, monkeypatch)
        if expected != match["body"]:
            wrong.append(([c for _, c in commands(match["body"])], match["body"], expected))
        pieces.append(text[last : match.start("body")] + expected)
        last = match.end("body")
    pieces.append(text[last:])
    if UPDATE:
        README.write_text("".join(pieces), encoding="utf-8")
        return
    for command, shown, expected in wrong:
        assert shown == expected, f"README example {command} is stale: CAP135_UPDATE_README=1 regenerates it"


def test_no_path_outside_the_repository():
    text = README.read_text(encoding="utf-8")
    assert not re.search(r"\]\(\.\./|\]\(/", text)  # no link out of the repository
    assert "/work/" not in text and "shared/" not in text and "design.md" not in text


def setup_commands() -> list[str]:
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## Set-up") :]
    section = section[: section.index("\n## ", 1)]
    return re.findall(r"```sh\n(.*?)\n```", section, re.S)


def test_setup_commands_work_on_a_stock_debian_python():
    """PEP 668: Debian's python3 refuses pip outside a virtual environment, and `python` may be
    missing: every set-up command makes its venv and calls its tools inside it."""
    found = setup_commands()
    assert len(found) == 2
    for command in found:
        assert command.startswith("python3 -m venv .venv && .venv/bin/pip install ")
        steps = command.split(" && ")
        assert all(s.startswith(("python3 -m venv", ".venv/bin/")) for s in steps), command
    assert found[1].endswith(".venv/bin/python -m pytest -q")


def test_ci_runs_exactly_the_readme_test_command():
    test_command = setup_commands()[1]
    lines = [x.strip() for x in CI.read_text(encoding="utf-8").splitlines()]
    assert test_command in lines
    for package in ("libreoffice-writer-nogui", "fonts-liberation2", "poppler-utils"):
        assert package in CI.read_text(encoding="utf-8")
