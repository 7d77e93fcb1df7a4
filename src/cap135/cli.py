"""The command line: thin functions that parse arguments, call the library, map exit codes.

Exit codes: 0 no errors (warnings allowed); 1 the plan has errors; 2 usage error, a
file that cannot be read or an output that cannot be written; 3 internal error.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import traceback
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from . import __version__
from .messages import Lang, current_lang, message

EXIT_OK, EXIT_PLAN, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3

HELP = """cap135 — lập kế hoạch và dự toán bồi dưỡng nâng cao năng lực (Chương trình 135, CTMTQG).

Plans, budgets and the KẾ HOẠCH document for capacity-building programmes.

Exit codes: 0 no errors (warnings allowed) · 1 the plan has errors · 2 usage error,
unreadable input or unwritable output · 3 internal error (a log file is written).
"""

app = typer.Typer(
    help=HELP,
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class State:
    lang: Lang = "vi"
    debug: bool = False


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cap135 {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    lang: Annotated[
        str | None,
        typer.Option("--lang", help="Message language: vi (default) or en; env CAP135_LANG."),
    ] = None,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show the traceback of an internal error.")
    ] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    State.lang = current_lang(lang)
    State.debug = debug


def fail(text: str, code: int = EXIT_USAGE) -> NoReturn:
    typer.echo(text, err=True)
    raise typer.Exit(code)


class FindingFormat(StrEnum):
    text = "text"
    json = "json"


@app.command()
def validate(
    plans: Annotated[list[Path], typer.Argument(help="Plan files (YAML).", show_default=False)],
    output_format: Annotated[
        FindingFormat, typer.Option("--format", help="text or json.")
    ] = FindingFormat.text,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail too (exit 1).")] = False,
) -> None:
    """Check plans and report every problem at once, each with file:line:col."""
    from .loader import UnreadableFile
    from .pipeline import analyze
    from .report import as_json, format_text, locate, sort_key

    lang = State.lang
    exit_code = EXIT_OK
    records: list[dict] = []
    for path in plans:
        try:
            analysis = analyze(path)
        except UnreadableFile as exc:
            text = (
                message(f"file-{exc.reason}", lang) if exc.reason in _FILE_REASONS else exc.reason
            )
            if output_format is FindingFormat.json:
                records.append(
                    {
                        "file": exc.path,
                        "line": None,
                        "column": None,
                        "severity": "error",
                        "code": f"file-{exc.reason}",
                        "message": text,
                        "hint": None,
                        "path": [],
                    }
                )
            else:
                typer.echo(f"{exc.path}: error[file-{exc.reason}]: {text}", err=True)
            exit_code = EXIT_USAGE
            continue
        located = sorted((locate(f, analysis.source) for f in analysis.findings), key=sort_key)
        errors = sum(1 for x in located if x.finding.is_error)
        warnings = len(located) - errors
        if output_format is FindingFormat.json:
            records.extend(as_json(x, lang) for x in located)
        else:
            for item in located:
                typer.echo(format_text(item, lang))
            if not located:
                typer.echo(message("summary-ok", lang, {"file": analysis.source.name}))
            else:
                typer.echo(
                    f"{analysis.source.name}: "
                    + message("summary-counts", lang, {"errors": errors, "warnings": warnings})
                )
        if (errors or (strict and warnings)) and exit_code == EXIT_OK:
            exit_code = EXIT_PLAN
    if output_format is FindingFormat.json:
        typer.echo(json.dumps(records, ensure_ascii=False, indent=2))
    raise typer.Exit(exit_code)


_FILE_REASONS = frozenset({"not-found", "is-directory", "permission"})


def _analysis_or_exit(plan: Path, tolerate: frozenset[str] = frozenset()):  # -> Analysis
    """Load, check and cost a plan; on errors print them and exit 1 (2 if unreadable).

    Errors whose code is in `tolerate` do not stop the command (cost still shows a
    budget that is over its ceiling, with the overrun).
    """
    from .loader import UnreadableFile
    from .pipeline import analyze
    from .report import format_text, locate, sort_key

    try:
        analysis = analyze(plan)
    except UnreadableFile as exc:
        text = (
            message(f"file-{exc.reason}", State.lang) if exc.reason in _FILE_REASONS else exc.reason
        )
        fail(f"{exc.path}: error[file-{exc.reason}]: {text}")
    blocking = [f for f in analysis.findings if f.is_error and f.code not in tolerate]
    if blocking or analysis.plan is None or analysis.budget is None:
        located = sorted((locate(f, analysis.source) for f in analysis.findings), key=sort_key)
        for item in located:
            if item.finding.is_error:
                typer.echo(format_text(item, State.lang), err=True)
        fail(message("plan-has-errors", State.lang, {"file": analysis.source.name}), EXIT_PLAN)
    return analysis


class CostFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


@app.command()
def cost(
    plan: Annotated[Path, typer.Argument(help="Plan file (YAML).", show_default=False)],
    output_format: Annotated[
        CostFormat, typer.Option("--format", help="table, json, csv or xlsx.")
    ] = CostFormat.table,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write to this file (required for xlsx).")
    ] = None,
) -> None:
    """The dự toán: every cost line with quantity, rate, amount and legal basis."""
    from .render.atomic import OutputError, atomic_write_bytes
    from .render.tabular import budget_csv, budget_json, budget_xlsx, print_budget

    analysis = _analysis_or_exit(plan, tolerate=frozenset({"over-ceiling"}))
    budget = analysis.budget
    assert budget is not None and analysis.plan is not None
    over_ceiling = budget.ceiling is not None and budget.total > budget.ceiling
    if output_format is CostFormat.xlsx and output is None:
        fail("--format xlsx needs -o FILE.xlsx")
    try:
        if output_format is CostFormat.table:
            print_budget(analysis.plan, budget, State.lang)
            raise typer.Exit(EXIT_PLAN if over_ceiling else EXIT_OK)
        if output_format is CostFormat.json:
            data = budget_json(budget).encode("utf-8")
        elif output_format is CostFormat.csv:
            data = budget_csv(analysis.plan, budget).encode("utf-8-sig")
        else:
            data = budget_xlsx(analysis.plan, budget)
        if output is None:
            sys.stdout.write(data.decode("utf-8-sig"))
        else:
            atomic_write_bytes(output, data, protect=plan)
            typer.echo(message("written", State.lang, {"path": output}), err=True)
    except OutputError as exc:
        fail(f"error[output]: {exc}")
    if over_ceiling:
        raise typer.Exit(EXIT_PLAN)


@app.command()
def render(
    plan: Annotated[Path, typer.Argument(help="Plan file (YAML).", show_default=False)],
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="The .docx to write.")
    ] = None,
    template: Annotated[
        Path | None,
        typer.Option("--template", help="Your own Word template (.docx with Jinja tags)."),
    ] = None,
    pdf: Annotated[
        bool, typer.Option("--pdf", help="Also write a PDF next to it (needs LibreOffice).")
    ] = False,
    context: Annotated[
        bool, typer.Option("--context", help="Print the template variables as JSON instead.")
    ] = False,
) -> None:
    """Write the ready-to-sign KẾ HOẠCH (.docx), budget appendix included."""
    from .render.context import build_context

    analysis = _analysis_or_exit(plan)
    assert analysis.plan is not None and analysis.budget is not None
    ctx = build_context(analysis.plan, analysis.budget)
    if context:
        typer.echo(json.dumps(ctx, ensure_ascii=False, indent=2))
        return
    if output is None:
        fail("render needs -o FILE.docx (or --context)")
    from .render.atomic import OutputError
    from .render.docx import PdfError, TemplateError, docx_to_pdf, render_docx

    try:
        render_docx(ctx, template, output, protect=plan)
        typer.echo(message("written", State.lang, {"path": output}), err=True)
        if pdf:
            pdf_path = output.with_suffix(".pdf")
            docx_to_pdf(output, pdf_path)
            typer.echo(message("written", State.lang, {"path": pdf_path}), err=True)
    except TemplateError as exc:
        fail(f"error[template]: {exc}")
    except (OutputError, PdfError) as exc:
        fail(f"error[output]: {exc}")


@app.command()
def words(
    amount: Annotated[
        str,
        typer.Argument(help="An amount in đồng: 1251000000 or 1.251.000.000.", show_default=False),
    ],
) -> None:
    """Read an amount in Vietnamese words (financial usage)."""
    from .money import amount_in_words, parse_vnd

    try:
        value = parse_vnd(amount)
    except ValueError:
        fail(message("bad-amount", State.lang, {"text": amount}))
    typer.echo(amount_in_words(value))


@app.command()
def rates(
    table: Annotated[
        str | None, typer.Argument(help="A shipped table id or a YAML path; none lists the tables.")
    ] = None,
    output_format: Annotated[
        FindingFormat, typer.Option("--format", help="text or json.")
    ] = FindingFormat.text,
) -> None:
    """The rate tables: every rate with amount, unit, basis, validity and verified mark."""
    from .rates import RateTableError, load_table, shipped_table_ids
    from .render.tabular import print_rates, rates_json

    try:
        if table is None:
            tables = [load_table(t) for t in shipped_table_ids()]
            if output_format is FindingFormat.json:
                typer.echo(
                    json.dumps(
                        [
                            {"id": t.id, "title": t.title, "extends": list(t.chain[:-1])}
                            for t in tables
                        ],
                        ensure_ascii=False,
                        indent=2,
                    )
                )
            else:
                for t in tables:
                    typer.echo(f"{t.id}\t{t.title}")
            return
        loaded = load_table(table, base_dir=Path.cwd())
    except RateTableError as exc:
        fail(f"error[rate-table]: {exc}")
    if output_format is FindingFormat.json:
        typer.echo(rates_json(loaded))
    else:
        print_rates(loaded, State.lang)


def _crash_log() -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    fd, name = tempfile.mkstemp(prefix=f"cap135-crash-{stamp}-", suffix=".log")
    with os.fdopen(fd, "w", encoding="utf-8") as log:
        log.write(f"cap135 {__version__}\nargv: {sys.argv!r}\n\n")
        log.write(traceback.format_exc())
    return Path(name)


def main() -> None:
    """Console entry point with the one last-resort handler."""
    try:
        app()
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception:
        if State.debug or "--debug" in sys.argv:
            raise
        log = _crash_log()
        print(message("internal-error", State.lang, {"log": log}), file=sys.stderr)
        sys.exit(EXIT_INTERNAL)
