"""The one way cap135 writes to the terminal: every text is made safe on its way out.

No other module prints (tests/test_run_safety.py reads the sources to hold that): messages and
findings go through `echo`, whole outputs (a table, JSON, CSV) through `write`, rich tables
through `console`, questions through `prompt`. Each passes its text through the one sanitiser,
`cap135.text.shown`: a control character, a bidi mark or a byte of a file name that is not
UTF-8 is written as an escape (``\\x1b``, ``\\u202e``, ``\\xff``), whatever printed it — a folder
name cannot retitle or clear the officer's terminal, nor end the run with an encoding error.

The only escape sequences kept are the SGR ones (``ESC [ … m``: bold, italic, reset) that rich
and the table writer add for a colour terminal (the texts they style were made safe before), and
the CRLF line ends of CSV; a carriage return alone, which would write over a line, is escaped.

This module stays light (no typer or rich at import): cli/launch.py writes its interrupt line here
before the command line has loaded.
"""

from __future__ import annotations

import contextlib
import re
import sys
from typing import TYPE_CHECKING, Any, TextIO

from cap135.text import shown

if TYPE_CHECKING:
    from rich.console import Console

__all__ = [
    "console",
    "echo",
    "encodable",
    "flush",
    "for_terminal",
    "notice",
    "prompt",
    "shape",
    "stdout_encoding",
    "write",
]

_KEPT = re.compile(r"\x1b\[[0-9;]*m|\r\n")


def for_terminal(text: str) -> str:
    """`shown(text)`, the SGR styling of rich and the table writer and CSV's CRLF kept."""
    if "\x1b" not in text and "\r" not in text:
        return shown(text)
    out: list[str] = []
    position = 0
    for match in _KEPT.finditer(text):
        out.append(shown(text[position : match.start()]))
        out.append(match.group())
        position = match.end()
    out.append(shown(text[position:]))
    return "".join(out)


def echo(text: object = "", *, err: bool = False, nl: bool = True) -> None:
    """One message (a line, or a few) on standard output or standard error."""
    import typer

    typer.echo(for_terminal(str(text)), err=err, nl=nl)


def write(text: str) -> None:
    """A whole output (a table, JSON, CSV) on standard output, as it is but for unsafe characters."""
    sys.stdout.write(for_terminal(text))


def notice(text: str) -> None:
    """A line on standard error without the command line's machinery (an interrupt while it loads)."""
    try:
        sys.stderr.write(for_terminal(text) + "\n")
        sys.stderr.flush()
    except (OSError, ValueError, UnicodeError):  # a closed or narrow stderr: the exit code says it
        pass


def flush() -> None:
    """Flush standard output and error (before the process ends without Python's own exit)."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):  # a closed or broken stream: nothing more to say
            stream.flush()


def prompt(text: str, **options: Any) -> Any:
    """A question on the terminal (typer.prompt), its text made safe."""
    import typer

    return typer.prompt(for_terminal(text), **options)


class _SafeStream:
    """The stream rich writes to: each piece passes `for_terminal` on its way."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(for_terminal(text))

    def flush(self) -> None:
        self._stream.flush()

    def isatty(self) -> bool:
        return self._stream.isatty()

    def fileno(self) -> int:
        return self._stream.fileno()

    @property
    def encoding(self) -> str:
        return getattr(self._stream, "encoding", None) or "utf-8"


def console(*, err: bool = False) -> Console:
    """A rich console writing to standard output (or error) through the sanitiser."""
    from rich.console import Console

    return Console(file=_SafeStream(sys.stderr if err else sys.stdout), highlight=False)  # type: ignore[arg-type]


def shape() -> tuple[int, bool]:
    """The width of standard output in columns, and whether it shows colour (a terminal, no NO_COLOR)."""
    from rich.console import Console

    probe = Console(highlight=False)
    return probe.width, probe.color_system is not None


def stdout_encoding() -> str | None:
    return getattr(sys.stdout, "encoding", None)


def encodable(text: str, *, err: bool = False) -> bool:
    """Whether standard output (or error) can carry `text` in its encoding."""
    stream = sys.stderr if err else sys.stdout
    try:
        text.encode(getattr(stream, "encoding", None) or "utf-8")
    except (UnicodeEncodeError, LookupError):
        return False
    return True
