"""The command line: thin functions that parse arguments, call the library, map exit codes.

Exit codes: 0 no errors (warnings allowed); 1 the plan has errors; 2 usage error, a
file that cannot be read or an output that cannot be written; 3 internal error; 130
interrupted. A command raises a `Cap135Error` (errors.py) for anything but a plan's own
findings; `i18n.LocalizedGroup` prints it as one line in the user's language.
"""

from __future__ import annotations

import gc
import os
import signal
import sys
import tempfile
import traceback
from datetime import datetime
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from cap135 import __version__
from cap135.cli.budget_commands import diff, fit, rates, summary
from cap135.cli.common import State
from cap135.cli.i18n import LocalizedCommand, LocalizedGroup, language
from cap135.cli.plan_commands import cost, init, render, schema, validate, words
from cap135.cli.results_commands import convert, report
from cap135.errors import EXIT_INTERNAL, EXIT_INTERRUPTED
from cap135.messages import message

# Help strings are catalogue codes ("help-…"); i18n.LocalizedGroup shows them in the
# language of the run (--lang, CAP135_LANG; Vietnamese by default).
app = typer.Typer(
    help="help-app",
    cls=LocalizedGroup,
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cap135 {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    lang: Annotated[
        str | None,
        typer.Option("--lang", help="help-lang", metavar="metavar-lang"),
    ] = None,
    debug: Annotated[bool, typer.Option("--debug", help="help-debug")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="help-version")
    ] = False,
) -> None:
    State.lang = language()  # --lang was read (and checked) before parsing, by LocalizedGroup
    State.debug = debug


# The commands, in the order --help lists them; help strings are catalogue codes.
for command, help_code in (
    (validate, "help-validate"),
    (cost, "help-cost"),
    (render, "help-render"),
    (words, "help-words"),
    (rates, "help-rates"),
    (summary, "help-summary"),
    (schema, "help-schema"),
    (init, "help-init"),
    (diff, "help-diff"),
    (fit, "help-fit"),
    (convert, "help-convert"),
    (report, "help-report"),
):
    app.command(cls=LocalizedCommand, help=help_code)(command)


def _crash_log() -> Path | None:
    """Write the traceback of the error being handled to a log file; None if none can be written."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    try:
        fd, name = tempfile.mkstemp(prefix=f"cap135-crash-{stamp}-", suffix=".log")
        with os.fdopen(fd, "w", encoding="utf-8") as log:
            log.write(f"cap135 {__version__}\nargv: {sys.argv!r}\n\n")
            log.write(traceback.format_exc())
    except OSError:
        return None
    return Path(name)


def _terminated(signum: int, frame: object) -> NoReturn:
    """SIGTERM and SIGHUP unwind like an exit, so an output being written removes its temporary file."""
    raise SystemExit(128 + signum)


def main() -> None:
    """Console entry point with the one last-resort handler."""
    signal.signal(signal.SIGTERM, _terminated)
    if hasattr(signal, "SIGHUP"):  # a closed terminal or ssh session
        signal.signal(signal.SIGHUP, _terminated)
    # A run builds a few hundred thousand acyclic objects for a large plan (YAML nodes, data,
    # models, cost lines) and then exits: the cyclic collector would only traverse them again
    # and again (half of `cost` on a 2,000-group plan, worse than linearly as plans grow).
    # Reference counting still frees them.
    gc.disable()
    try:
        app()
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.exit(EXIT_INTERRUPTED)
    except Exception:
        if State.debug:
            raise
        log = _crash_log()
        code = "internal-error" if log is not None else "internal-error-no-log"
        print(message(code, State.lang, {"log": log}), file=sys.stderr)
        sys.exit(EXIT_INTERNAL)
