"""The command line: thin functions that parse arguments, call the library, map exit codes.

Exit codes: 0 no errors (warnings allowed); 1 the plan has errors; 2 usage error, a
file that cannot be read or an output that cannot be written; 3 internal error; 130
interrupted. A command raises a `Cap135Error` (errors.py) for anything but a plan's own
findings; `i18n.LocalizedGroup` prints it as one line in the user's language.

Every command is registered with its class: `guard.GuardedCommand`, or `guard.writing(…)` for a
command that writes (the extensions it writes, the --format that must agree): the guard checks
its output against every input of the run before it runs. Everything printed goes through
`terminal` (the one sanitiser), everything written through `documents/atomic_files` (the one
writer); an interrupt is `interrupt`'s.
"""

from __future__ import annotations

import gc
import signal
import sys
import traceback
from datetime import datetime
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from cap135 import __version__
from cap135.cli import interrupt, terminal
from cap135.cli.budget_commands import diff, fit, rates, summary
from cap135.cli.common import State
from cap135.cli.guard import GuardedCommand, writing
from cap135.cli.i18n import LocalizedGroup, language
from cap135.cli.plan_commands import cost, init, init_default, render, schema, validate, words
from cap135.cli.results_commands import convert, report
from cap135.documents.atomic_files import FILE_FORMATS
from cap135.errors import EXIT_INTERNAL
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
        terminal.echo(f"cap135 {__version__}")
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


# What each command writes (cli/guard.py): -o's extension names the format of the data files, and
# report -o x.docx is the BÁO CÁO (its "table" format drawn as a document).
DATA_FILES = writing(FILE_FORMATS, format_option="output_format")
REPORT_FILES = writing({".docx": "table", **FILE_FORMATS}, format_option="output_format", pdf_option="pdf")
YAML_OR_WORKBOOK = {".yaml": None, ".yml": None, ".xlsx": None, ".xlsm": None}

# The commands, in the order --help lists them; help strings are catalogue codes.
for command, help_code, command_class in (
    (validate, "help-validate", GuardedCommand),
    (cost, "help-cost", DATA_FILES),
    (render, "help-render", writing({".docx": None}, pdf_option="pdf")),
    (words, "help-words", GuardedCommand),
    (rates, "help-rates", GuardedCommand),
    (summary, "help-summary", DATA_FILES),
    (schema, "help-schema", writing({".json": None})),
    (init, "help-init", writing(YAML_OR_WORKBOOK, default=init_default)),
    (diff, "help-diff", GuardedCommand),
    (fit, "help-fit", writing({".yaml": None, ".yml": None}, refused={".xlsx": "fit-write-workbook"})),
    (convert, "help-convert", writing(YAML_OR_WORKBOOK, other_extension="convert-unknown-form")),
    (report, "help-report", REPORT_FILES),
):
    app.command(cls=command_class, help=help_code)(command)


def _crash_log() -> Path | None:
    """Write the traceback of the error being handled to a log file; None if none can be written."""
    from cap135.documents.atomic_files import write_crash_log

    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    text = f"cap135 {__version__}\nargv: {sys.argv!r}\n\n{traceback.format_exc()}"
    return write_crash_log(f"cap135-crash-{stamp}-", text)


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
        interrupt.exit_interrupted()
    except Exception:
        if interrupt.happened():  # an interrupt another exception wrapped: exit 130, not a crash
            interrupt.exit_interrupted()
        if State.debug:
            raise
        log = _crash_log()
        code = "internal-error" if log is not None else "internal-error-no-log"
        terminal.echo(message(code, State.lang, {"log": log}), err=True)
        sys.exit(EXIT_INTERNAL)
