"""What every command shares: the run's state, the output formats, a plan analysed or exit,
and the one place outputs of the commands are written from (through documents/atomic_files, the
one writer; the guard of cli/guard.py has registered the run's inputs, which no write replaces)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import typer

from cap135.cli import terminal
from cap135.errors import EXIT_OK, EXIT_PLAN, EXIT_USAGE
from cap135.messages import Lang, message

if TYPE_CHECKING:
    from cap135.budget.analysis import Analysis
    from cap135.plan.yaml_loader import Loaded


class State:
    lang: Lang = "vi"
    debug: bool = False


def fail(text: str, code: int = EXIT_USAGE) -> NoReturn:
    terminal.echo(text, err=True)
    raise typer.Exit(code)


class FindingFormat(StrEnum):
    text = "text"
    json = "json"


class CostFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


class TableOrJson(StrEnum):
    """The --format of the commands that print a table or JSON (diff, fit)."""

    table = "table"
    json = "json"


def analysis_or_exit(plan: Path, tolerate: frozenset[str] = frozenset()) -> Analysis:
    """Load, check and cost a plan; on errors print them and exit 1 (2 if unreadable).

    Errors whose code is in `tolerate` do not stop the command (cost still shows a
    budget that is over its ceiling, with the overrun).
    """
    from cap135.budget.analysis import analyze
    from cap135.cli.findings_output import format_text, locate, sort_key

    analysis = analyze(plan)  # an UnreadableFile is a Cap135Error: exit 2
    blocking = [f for f in analysis.findings if f.is_error and f.code not in tolerate]
    if blocking or analysis.plan is None or analysis.budget is None:
        located = sorted((locate(f, analysis.source) for f in analysis.findings), key=sort_key)
        hints: set[str] = set()  # each hint given once
        for item in located:
            if item.finding.is_error:
                terminal.echo(format_text(item, State.lang, hints), err=True)
        fail(message("plan-has-errors", State.lang, {"file": analysis.source.name}), EXIT_PLAN)
    return analysis


def print_warnings(analysis: Analysis) -> int:
    """The plan's warnings on stderr (what the finance officer must check); their count."""
    from cap135.cli.findings_output import format_text, locate, sort_key

    located = sorted((locate(f, analysis.source) for f in analysis.findings if not f.is_error), key=sort_key)
    hints: set[str] = set()  # each hint given once
    for item in located:
        terminal.echo(format_text(item, State.lang, hints), err=True)
    return len(located)


SHOWN_ERRORS = 3  # errors shown for a plan left out of a summary or a diff


def valid_analyses(
    paths: list[Path], skipped_code: str, loaded: dict[Path, Loaded | None] | None = None
) -> tuple[list[Analysis], int]:
    """Analyse each plan; report an unreadable or failing one on stderr with its first errors.

    `loaded`: files already read (each is taken out once analysed, so it can be freed).
    """
    from cap135.budget.analysis import analyze
    from cap135.cli.findings_output import format_text, locate, sort_key
    from cap135.plan.yaml_loader import UnreadableFile

    good: list[Analysis] = []
    code = EXIT_OK
    for path in paths:
        try:
            analysis = analyze(path, loaded=loaded.pop(path, None) if loaded else None)
        except UnreadableFile as exc:
            terminal.echo(exc.as_line(State.lang), err=True)
            code = EXIT_USAGE
            continue
        if analysis.ok and analysis.budget is not None:
            good.append(analysis)
            continue
        errors = sorted((locate(f, analysis.source) for f in analysis.findings if f.is_error), key=sort_key)
        hints: set[str] = set()
        for item in errors[:SHOWN_ERRORS]:
            terminal.echo(format_text(item, State.lang, hints), err=True)
        name = analysis.source.name
        terminal.echo(message(skipped_code, State.lang, {"file": name, "errors": len(errors)}), err=True)
        code = max(code, EXIT_PLAN)
    return good, code


def write_output(output: Path, data: bytes) -> None:
    """Write ``data`` through the one writer and say so."""
    from cap135.documents.atomic_files import atomic_write_bytes

    atomic_write_bytes(output, data)
    terminal.echo(message("written", State.lang, {"path": output}), err=True)
