"""Ctrl-C at any moment: one short line in the user's language and exit 130, never a traceback.

`install` follows the first instructions of the console entry point (cli/launch.py), before typer,
rich and pydantic load, and the handler stays for the whole run. It raises KeyboardInterrupt once:
everything between unwinds as for any exception (a temporary file is removed, LibreOffice is
stopped, an existing output is left as it was), and the handlers above turn it into the line and
exit 130 (`exit_interrupted`). A second Ctrl-C while the first unwinds is ignored, so that the
cleanup finishes.

Python sometimes wraps what a callee raised in another exception (3.11 turns an exception in a
class's `__set_name__` into RuntimeError, a library may turn it into its own error): `happened`
tells the last-resort handlers that the run was interrupted whatever the exception they caught.
And where Python runs code that cannot raise (a weakref callback, a `__del__`: importlib's module
locks have one), it would print the KeyboardInterrupt as "ignored" and carry on: the
`sys.unraisablehook` installed here delivers that interrupt again instead, from another thread, so
that it is raised where the run can unwind.

This module imports nothing of cap135's at import time, so it costs nothing to the entry point.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Sequence
from types import FrameType
from typing import Any, NoReturn

__all__ = [
    "EXIT_INTERRUPTED",
    "end_process",
    "exit_interrupted",
    "happened",
    "ignore_from_now",
    "install",
    "say_interrupted",
]

EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it (errors.EXIT_INTERRUPTED)

_seen = False


def _on_interrupt(signum: int, frame: FrameType | None) -> None:
    global _seen
    if _seen:
        return  # the first one is unwinding: let it finish its cleanup
    _seen = True
    raise KeyboardInterrupt


def _deliver_again() -> None:
    import time

    time.sleep(0.01)  # the hook below has returned by then: the interrupt is raised after it
    os.kill(os.getpid(), signal.SIGINT)


def _unraisable(unraisable: Any) -> None:
    global _seen
    if isinstance(unraisable.exc_value, KeyboardInterrupt) and _seen:
        import threading

        _seen = False  # not raised anywhere it counted: the next delivery raises it
        threading.Thread(target=_deliver_again, daemon=True).start()
        return
    sys.__unraisablehook__(unraisable)


def install(early: Sequence[int] = ()) -> None:
    """Handle SIGINT as described above (a background job, which ignores SIGINT, keeps ignoring it).

    ``early``: the interrupts cli/launch.py remembered while this module loaded, read once this
    handler is in place (so that none falls between the two).
    """
    global _seen
    if signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:
        signal.signal(signal.SIGINT, _on_interrupt)
        sys.unraisablehook = _unraisable
    _seen = _seen or bool(early)


def ignore_from_now() -> None:
    """The run is ending (its outputs are written or refused): a Ctrl-C now changes nothing.

    Only where `install` put the handler (the console entry point, not a program that calls
    cap135's functions)."""
    with contextlib.suppress(ValueError, OSError):  # not the main thread
        if signal.getsignal(signal.SIGINT) is _on_interrupt:
            signal.signal(signal.SIGINT, signal.SIG_IGN)


def happened() -> bool:
    """Whether the run was interrupted (SIGINT arrived while the handler was installed)."""
    return _seen


def end_process() -> None:
    """At the very end of an interrupted run, exit with status 130 whatever Python would do.

    CPython remembers a KeyboardInterrupt that left an ``exec`` of a string (dataclasses and
    typing build functions that way) as "unhandled" and then ends the process by SIGINT instead of
    with the exit status given. After the run has unwound (temporary files removed, LibreOffice
    stopped), the streams are flushed and the process ends with 130 (os._exit: no other exit
    handler remains to run).
    """
    if not _seen:
        return
    from cap135.cli.terminal import flush

    flush()
    os._exit(EXIT_INTERRUPTED)


def say_interrupted(lang: str | None = None, *, fresh_line: bool = True) -> None:
    """The one short line (catalogue `usage-interrupted`) on standard error."""
    from cap135.cli.terminal import flush, notice
    from cap135.messages import lang_from_args, message, parse_lang

    chosen = (parse_lang(lang) if lang else None) or lang_from_args(sys.argv[1:])
    if fresh_line:
        notice("")  # after the ^C the terminal echoed
    notice(message("usage-interrupted", chosen))
    flush()


def exit_interrupted(lang: str | None = None, *, fresh_line: bool = True) -> NoReturn:
    """The line, then exit 130 (SystemExit: the frames above unwind as for any exit)."""
    ignore_from_now()
    say_interrupted(lang, fresh_line=fresh_line)
    raise SystemExit(EXIT_INTERRUPTED)
