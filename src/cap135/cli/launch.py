"""The console entry point: quiet on Ctrl-C from its first instruction to its last.

Loading the command line (typer, rich, pydantic) takes a moment; an interrupt during that time
would otherwise print a traceback from deep inside an import. The first instructions of this
module make an interrupt quiet whenever it comes:

- `sys.excepthook` first (cap135._quiet_interrupt, from the package Python loaded before this
  module): a KeyboardInterrupt that escapes while this module itself loads (`import signal`
  loads enum: milliseconds) is one line and exit 130, not a traceback;
- then SIGINT is only remembered until cli/interrupt.py's handler is in place;
- then `main` turns an interrupt at any moment (while loading, while working, while exiting) into
  the same line and exit 130.

Only the interpreter's own start, before this module's first line runs (a few milliseconds:
Python's `site`, the console script's `import re`, finding the package), is out of cap135's
reach: an interrupt there is Python's own.
"""

import sys

from cap135 import _quiet_interrupt

sys.excepthook = _quiet_interrupt  # first; the package itself is already loaded

import signal  # noqa: E402 - after the hook above, on purpose

_early: list[int] = []  # an interrupt that came before cli/interrupt.py's handler


def _remember(signum: int, frame: object) -> None:
    _early.append(signum)


if signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:  # a background job keeps ignoring it
    signal.signal(signal.SIGINT, _remember)

from cap135.cli import interrupt  # noqa: E402 - after the handler above, on purpose

interrupt.install(_early)


def main() -> None:
    try:
        if interrupt.happened():  # Ctrl-C while this module was loading
            interrupt.exit_interrupted()
        from cap135.cli.app import main as cli_main

        cli_main()
    except KeyboardInterrupt:
        interrupt.exit_interrupted()
    except SystemExit:
        raise
    except BaseException:
        if interrupt.happened():  # an interrupt wrapped in another exception while loading
            interrupt.exit_interrupted()
        raise
    finally:
        interrupt.ignore_from_now()
        interrupt.end_process()  # interrupted: exit 130, even where Python would end by SIGINT
