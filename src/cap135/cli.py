"""The command line: thin functions that parse arguments, call the library, map exit codes.

Exit codes: 0 no errors (warnings allowed); 1 the plan has errors; 2 usage error, a
file that cannot be read or an output that cannot be written; 3 internal error; 130
interrupted. A command raises a `Cap135Error` (errors.py) for anything but a plan's own
findings; `i18n.LocalizedGroup` prints it as one line in the user's language.

Every command is a `guard.GuardedCommand`: an output parameter is named ``output`` and parsed by
`render.atomic.output_target`; `guard.writing` declares what it writes, and the guard checks it
against every input of the run before the command runs. Everything printed goes through
`terminal` (the one sanitiser), everything written through `render.atomic` (the one writer).
"""

from __future__ import annotations

import gc
import json
import os
import signal
import sys
import traceback
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from . import __version__, interrupt, terminal
from .errors import EXIT_INTERNAL, EXIT_OK, EXIT_PLAN, EXIT_USAGE, Cap135Error
from .guard import GuardedCommand, writing
from .i18n import LocalizedGroup, language
from .messages import Lang, counted, message
from .render.atomic import FILE_FORMATS, output_target

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from .actuals import Records, Report
    from .loader import Loaded
    from .pipeline import Analysis

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


class State:
    lang: Lang = "vi"
    debug: bool = False


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


def fail(text: str, code: int = EXIT_USAGE) -> NoReturn:
    terminal.echo(text, err=True)
    raise typer.Exit(code)


class FindingFormat(StrEnum):
    text = "text"
    json = "json"


@app.command(cls=GuardedCommand, help="help-validate")
def validate(
    plans: Annotated[
        list[Path], typer.Argument(help="help-plans", show_default=False, metavar="metavar-plan")
    ],
    output_format: Annotated[
        FindingFormat, typer.Option("--format", help="help-format-text-json")
    ] = FindingFormat.text,
    strict: Annotated[bool, typer.Option("--strict", help="help-validate-strict")] = False,
) -> None:
    from .loader import UnreadableFile
    from .pipeline import analyze_any
    from .report import as_json, format_text, locate, sort_key

    lang = State.lang
    exit_code = EXIT_OK
    records: list[dict[str, Any]] = []
    for path in plans:
        try:
            analysis = analyze_any(path)  # a results file (with `plan:`) is validated with its plan
        except UnreadableFile as exc:
            if output_format is FindingFormat.json:
                records.append(
                    {
                        "file": exc.path,
                        "line": None,
                        "column": None,
                        "severity": "error",
                        "code": exc.code,
                        "message": exc.text(lang),
                        "hint": None,
                        "path": [],
                    }
                )
            else:
                terminal.echo(exc.as_line(lang), err=True)
            exit_code = EXIT_USAGE
            continue
        located = sorted((locate(f, analysis.source) for f in analysis.findings), key=sort_key)
        errors = sum(1 for x in located if x.finding.is_error)
        warnings = len(located) - errors
        if output_format is FindingFormat.json:
            records.extend(as_json(x, lang) for x in located)
        else:
            for item in located:
                terminal.echo(format_text(item, lang))
            if not located:
                terminal.echo(message("summary-ok", lang, {"file": analysis.source.name}))
            else:
                counts = {
                    "errors": counted("count-errors", errors, lang),
                    "warnings": counted("count-warnings", warnings, lang),
                }
                terminal.echo(f"{analysis.source.name}: " + message("summary-counts", lang, counts))
        if (errors or (strict and warnings)) and exit_code == EXIT_OK:
            exit_code = EXIT_PLAN
    if output_format is FindingFormat.json:
        terminal.echo(json.dumps(records, ensure_ascii=False, indent=2))
    raise typer.Exit(exit_code)


def _analysis_or_exit(plan: Path, tolerate: frozenset[str] = frozenset()) -> Analysis:
    """Load, check and cost a plan; on errors print them and exit 1 (2 if unreadable).

    Errors whose code is in `tolerate` do not stop the command (cost still shows a
    budget that is over its ceiling, with the overrun).
    """
    from .pipeline import analyze
    from .report import format_text, locate, sort_key

    analysis = analyze(plan)  # an UnreadableFile is a Cap135Error: exit 2
    blocking = [f for f in analysis.findings if f.is_error and f.code not in tolerate]
    if blocking or analysis.plan is None or analysis.budget is None:
        located = sorted((locate(f, analysis.source) for f in analysis.findings), key=sort_key)
        for item in located:
            if item.finding.is_error:
                terminal.echo(format_text(item, State.lang), err=True)
        fail(message("plan-has-errors", State.lang, {"file": analysis.source.name}), EXIT_PLAN)
    return analysis


class CostFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


# The data files of cost, summary and report: -o's extension names the format (guard.writing).
DATA_FILES = writing(FILE_FORMATS, format_option="output_format")


@app.command(cls=DATA_FILES, help="help-cost")
def cost(
    plan: Annotated[Path, typer.Argument(help="help-plan", show_default=False, metavar="metavar-plan")],
    output_format: Annotated[
        CostFormat, typer.Option("--format", help="help-format-table")
    ] = CostFormat.table,
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="help-output-xlsx", metavar="metavar-file", parser=output_target),
    ] = None,
) -> None:
    from .output import CostRecord, write
    from .render.atomic import atomic_write_bytes

    analysis = _analysis_or_exit(plan, tolerate=frozenset({"over-ceiling"}))
    budget = analysis.budget
    assert budget is not None and analysis.plan is not None
    over_ceiling = budget.ceiling is not None and budget.total > budget.ceiling
    if output_format is CostFormat.xlsx and output is None:
        raise Cap135Error("xlsx-needs-output")
    data = write(output_format, CostRecord(analysis.plan, budget, State.lang), State.lang)
    if output is None or output_format is CostFormat.table:
        terminal.write(data.decode("utf-8-sig"))
    else:
        atomic_write_bytes(output, data)
        terminal.echo(message("written", State.lang, {"path": output}), err=True)
    if over_ceiling:
        raise typer.Exit(EXIT_PLAN)


@app.command(cls=writing({".docx": None}, pdf_option="pdf"), help="help-render")
def render(
    plan: Annotated[Path, typer.Argument(help="help-plan", show_default=False, metavar="metavar-plan")],
    output: Annotated[
        Path | None,
        typer.Option(
            "-o", "--output", help="help-render-output", metavar="metavar-file", parser=output_target
        ),
    ] = None,
    template: Annotated[
        Path | None,
        typer.Option("--template", help="help-render-template", metavar="metavar-file"),
    ] = None,
    pdf: Annotated[bool, typer.Option("--pdf", help="help-render-pdf")] = False,
    context: Annotated[bool, typer.Option("--context", help="help-render-context")] = False,
) -> None:
    from .render.context import build_context

    analysis = _analysis_or_exit(plan)
    assert analysis.plan is not None and analysis.budget is not None
    ctx = build_context(analysis.plan, analysis.budget)
    if context:
        terminal.echo(json.dumps(ctx, ensure_ascii=False, indent=2))
        return
    if output is None:
        raise Cap135Error("render-needs-output")
    from .render.docx import docx_to_pdf, render_docx

    render_docx(ctx, template, output)
    terminal.echo(message("written", State.lang, {"path": output}), err=True)
    if pdf:
        pdf_path = output.with_suffix(".pdf")
        docx_to_pdf(output, pdf_path)
        terminal.echo(message("written", State.lang, {"path": pdf_path}), err=True)


@app.command(cls=GuardedCommand, help="help-words")
def words(
    amount: Annotated[
        str, typer.Argument(help="help-words-amount", show_default=False, metavar="metavar-amount")
    ],
) -> None:
    from .money import amount_in_words, parse_vnd

    try:
        value = parse_vnd(amount)
    except ValueError:
        raise Cap135Error("bad-amount", text=amount) from None
    terminal.echo(amount_in_words(value))


@app.command(cls=GuardedCommand, help="help-rates")
def rates(
    table: Annotated[str | None, typer.Argument(help="help-rates-table", metavar="metavar-table")] = None,
    output_format: Annotated[
        FindingFormat, typer.Option("--format", help="help-format-text-json")
    ] = FindingFormat.text,
) -> None:
    from .output import RatesRecord, write
    from .rates import load_table, shipped_table_ids

    if table is None:
        tables = [load_table(t) for t in shipped_table_ids()]
        if output_format is FindingFormat.json:
            terminal.echo(
                json.dumps(
                    [{"id": t.id, "title": t.title, "extends": list(t.chain[:-1])} for t in tables],
                    ensure_ascii=False,
                    indent=2,
                )
            )
        else:
            for t in tables:
                terminal.echo(f"{t.id}\t{t.title}")
        return
    loaded = load_table(table, base_dir=Path.cwd())
    shown = "json" if output_format is FindingFormat.json else "table"
    terminal.write(write(shown, RatesRecord(loaded), State.lang).decode("utf-8"))


# --- summary, schema, init, diff (issue 7) ----------------------------------------

SHOWN_ERRORS = 3  # errors shown for a plan left out of a summary or a diff


def _valid_analyses(
    paths: list[Path], skipped_code: str, loaded: dict[Path, Loaded | None] | None = None
) -> tuple[list[Analysis], int]:
    """Analyse each plan; report an unreadable or failing one on stderr with its first errors.

    `loaded`: files already read (each is taken out once analysed, so it can be freed).
    """
    from .loader import UnreadableFile
    from .pipeline import analyze
    from .report import format_text, locate, sort_key

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
        for item in errors[:SHOWN_ERRORS]:
            terminal.echo(format_text(item, State.lang), err=True)
        name = analysis.source.name
        terminal.echo(message(skipped_code, State.lang, {"file": name, "errors": len(errors)}), err=True)
        code = max(code, EXIT_PLAN)
    return good, code


def _write_output(output: Path, data: bytes) -> None:
    """Write ``data`` through the guarded writer (the run's inputs were registered by the guard)."""
    from .render.atomic import atomic_write_bytes

    atomic_write_bytes(output, data)
    terminal.echo(message("written", State.lang, {"path": output}), err=True)


@app.command(cls=DATA_FILES, help="help-summary")
def summary(
    plans: Annotated[
        list[Path], typer.Argument(help="help-plans", show_default=False, metavar="metavar-plan")
    ],
    output_format: Annotated[
        CostFormat, typer.Option("--format", help="help-format-table")
    ] = CostFormat.table,
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="help-output-xlsx", metavar="metavar-file", parser=output_target),
    ] = None,
) -> None:
    from .inputs import distinct_files
    from .output import write
    from .pipeline import read_if_readable
    from .summary import summarize

    plans, repeats = distinct_files(plans)
    for repeat, first in repeats:
        terminal.echo(message("sum-same-file", State.lang, {"file": repeat, "first": first}), err=True)
    if output_format is CostFormat.xlsx and output is None:
        raise Cap135Error("xlsx-needs-output")
    loaded = {path: read_if_readable(path) for path in plans}  # each file is read once
    if _results_summary(plans, loaded, output_format, output):  # results files: what was held
        return
    good, code = _valid_analyses(plans, "sum-skipped", loaded)
    if not good:
        fail(message("sum-none", State.lang), code)
    result = summarize(good)  # the plans' names were made safe when they were read (loader.read_file)
    data = write(output_format, result, State.lang)
    if output is None or output_format is CostFormat.table:
        terminal.write(data.decode("utf-8-sig"))
    else:
        _write_output(output, data)
    raise typer.Exit(code)


@app.command(cls=writing({".json": None}), help="help-schema")
def schema(
    output: Annotated[
        Path | None,
        typer.Option(
            "-o", "--output", help="help-schema-output", metavar="metavar-file", parser=output_target
        ),
    ] = None,
) -> None:
    from .schema import schema_json

    text = schema_json()
    if output is None:
        terminal.write(text)
    else:
        _write_output(output, text.encode("utf-8"))


def _init_default(params: Mapping[str, Any]) -> Path:
    """`init`'s file when none is given: PLAN.results.yaml beside the plan, else kehoach.yaml."""
    plan = params.get("results")
    if isinstance(plan, Path):
        return plan.with_name(plan.stem + ".results.yaml")
    return Path("kehoach.yaml")


@app.command(cls=writing({".yaml": None, ".yml": None}, default=_init_default), help="help-init")
def init(
    output: Annotated[
        Path | None,
        typer.Argument(
            help="help-init-path", metavar="metavar-file", parser=output_target, show_default=False
        ),
    ] = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="help-init-yes")] = False,
    results: Annotated[
        Path | None, typer.Option("--results", help="help-init-results", metavar="metavar-plan")
    ] = None,
) -> None:
    from . import starter

    assert output is not None  # the guard gives the default (guard.Writes.default)
    if os.path.lexists(output):  # never raises: a name too long was refused by the guard
        raise Cap135Error("init-exists", path=output)
    if results is not None:
        _init_results(output, results)
        return
    values = starter.StarterValues()
    if not yes and starter.interactive():
        values = starter.ask(values, State.lang, terminal.prompt, terminal.echo)
    _write_output(output, starter.starter_text(values).encode("utf-8"))
    terminal.echo(message("init-next", State.lang, {"path": output}), err=True)


class TableOrJson(StrEnum):
    """The --format of the commands that print a table or JSON (diff, fit)."""

    table = "table"
    json = "json"


@app.command(cls=GuardedCommand, help="help-diff")
def diff(
    old: Annotated[Path, typer.Argument(help="help-diff-old", show_default=False, metavar="metavar-old")],
    new: Annotated[Path, typer.Argument(help="help-diff-new", show_default=False, metavar="metavar-new")],
    output_format: Annotated[
        TableOrJson, typer.Option("--format", help="help-format-table-json")
    ] = TableOrJson.table,
) -> None:
    from .diff import diff_plans
    from .output import write

    good, code = _valid_analyses([old, new], "plan-has-errors")
    if code != EXIT_OK:
        raise typer.Exit(code)
    before, after = good
    assert before.plan is not None and before.budget is not None  # valid analyses
    assert after.plan is not None and after.budget is not None
    result = diff_plans(
        before.source.name, before.plan, before.budget, after.source.name, after.plan, after.budget
    )
    terminal.write(write(output_format, result, State.lang).decode("utf-8"))


# --- fit (issue 15) --------------------------------------------------------------------------


@app.command(cls=writing({".yaml": None, ".yml": None}), help="help-fit")
def fit(
    plan: Annotated[Path, typer.Argument(help="help-plan", show_default=False, metavar="metavar-plan")],
    vary: Annotated[list[str], typer.Option("--vary", help="help-fit-vary", show_default=False)],
    output_format: Annotated[
        TableOrJson, typer.Option("--format", help="help-format-table-json")
    ] = TableOrJson.table,
    output: Annotated[
        Path | None,
        typer.Option("--write", help="help-fit-write", metavar="metavar-file", parser=output_target),
    ] = None,
    top: Annotated[int, typer.Option("--top", help="help-fit-top")] = 5,
) -> None:
    from . import fit as fitting
    from .messages import hint
    from .pipeline import check_plan, table_for

    analysis = _analysis_or_exit(plan, tolerate=fitting.TOLERATED)
    assert analysis.plan is not None
    try:
        table = table_for(analysis.plan, plan.parent)
        variables = fitting.resolve(analysis.plan, vary)
        result = fitting.fit(analysis.plan, table, variables, top=top, check=lambda p: check_plan(p, table))
        data = None
        if output is not None:
            best = result.options[0]
            data = fitting.written_plan(plan.read_bytes(), analysis.source, result, best, analysis.plan)
    except fitting.FitError as exc:
        extra = hint(exc.code, State.lang, exc.args_for_message)
        text = f"error[{exc.code}]: {exc.text(State.lang)}"
        fail(text + (f"\n    {message('hint', State.lang)}: {extra}" if extra else ""), exc.exit_code)
    except OSError as exc:  # the plan went away while it was being fitted
        fail(f"{plan}: error[file-unreadable]: " + message("file-unreadable", State.lang, {"reason": exc}))
    if output_format is TableOrJson.json:
        terminal.write(fitting.fit_json(result))
    else:
        fitting.print_fit(result, State.lang)
    if output is not None and data is not None:
        _write_output(output, data)


# --- results and report (issue 14) ------------------------------------------------


def _report_or_exit(path: Path, loaded: Loaded | None = None) -> Report:
    """Validate a results file with its plan; on errors print them and exit 1 (2 if unreadable)."""
    from .actuals import build_report
    from .loader import read_file
    from .pipeline import kind_of
    from .report import format_text, locate, sort_key
    from .results import analyze_results

    loaded = loaded or read_file(path)  # an UnreadableFile is a Cap135Error: exit 2
    if kind_of(loaded) == "plan":
        fail(message("results-not-results", State.lang, {"file": path}))
    analysis = analyze_results(path, loaded=loaded)
    if not analysis.ok:
        located = sorted((locate(f, analysis.source) for f in analysis.findings), key=sort_key)
        for item in located:
            if item.finding.is_error:
                terminal.echo(format_text(item, State.lang), err=True)
        fail(message("results-has-errors", State.lang, {"file": analysis.source.name}), EXIT_PLAN)
    return build_report(analysis)


def _results_summary(
    paths: list[Path], loaded: dict[Path, Loaded | None], output_format: CostFormat, output: Path | None
) -> bool:
    """`cap135 summary` over results files; False when none is given (plans are summed as before)."""
    from .actuals import (
        results_summary_json,
        results_summary_records,
        summarize_results,
    )
    from .pipeline import kind_of

    kinds = [kind_of(loaded[p]) for p in paths]  # None: unreadable or broken, reported by its analysis
    if "results" not in kinds:
        return False
    if "plan" in kinds:
        plans = ", ".join(str(p) for p, k in zip(paths, kinds, strict=True) if k == "plan")
        results = ", ".join(str(p) for p, k in zip(paths, kinds, strict=True) if k == "results")
        fail(message("sum-mixed", State.lang, {"plans": plans, "results": results}))
    summary = summarize_results([_report_or_exit(p, loaded[p]) for p in paths])
    _emit_records(
        output_format,
        output,
        lambda: results_summary_json(summary),
        lambda: results_summary_records(summary, State.lang),
    )
    return True


def _emit_records(
    output_format: CostFormat,
    output: Path | None,
    as_json: Callable[[], str],
    records: Callable[[], Records],
) -> None:
    """Print or write a results record set in the chosen format (table, json, csv, xlsx)."""
    from .actuals import print_records, records_csv, records_xlsx

    if output_format is CostFormat.table:
        print_records(records())
        return
    if output_format is CostFormat.json:
        data = as_json().encode("utf-8")
    elif output_format is CostFormat.csv:
        data = records_csv(records()).encode("utf-8-sig")
    else:
        data = records_xlsx(records())
    if output is None:
        terminal.write(data.decode("utf-8-sig"))
    else:
        _write_output(output, data)


def _init_results(path: Path, plan: Path) -> None:
    """`cap135 init --results PLAN FILE`: a starter results file that validates at once."""
    from .results import starter_text

    analysis = _analysis_or_exit(plan)
    assert analysis.plan is not None
    try:
        ref = os.path.relpath(plan.resolve(), path.resolve().parent)
    except ValueError:  # another drive on Windows
        ref = str(plan.resolve())
    if any("\udc80" <= c <= "\udcff" for c in ref):  # a folder name that is not UTF-8
        raise Cap135Error("init-results-ref-not-utf8", plan=Path(ref))
    text = starter_text(analysis.plan, Path(ref).as_posix())
    _write_output(path, text.encode("utf-8"))
    terminal.echo(message("init-results-next", State.lang, {"path": path}), err=True)


# -o bao-cao.docx is the BÁO CÁO (the "table" format, drawn as a document); the data files as for cost
REPORT_FILES = writing({".docx": "table", **FILE_FORMATS}, format_option="output_format", pdf_option="pdf")


@app.command(cls=REPORT_FILES, help="help-report")
def report(
    results: Annotated[
        Path, typer.Argument(help="help-report-results", show_default=False, metavar="metavar-file")
    ],
    output_format: Annotated[
        CostFormat, typer.Option("--format", help="help-format-table")
    ] = CostFormat.table,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o", "--output", help="help-report-output", metavar="metavar-file", parser=output_target
        ),
    ] = None,
    template: Annotated[
        Path | None, typer.Option("--template", help="help-report-template", metavar="metavar-file")
    ] = None,
    pdf: Annotated[bool, typer.Option("--pdf", help="help-report-pdf")] = False,
) -> None:
    from .actuals import report_json, report_records

    if output_format is CostFormat.xlsx and output is None:
        raise Cap135Error("xlsx-needs-output")
    if pdf and (output is None or output_format is not CostFormat.table):
        fail(message("report-pdf-needs-output", State.lang))
    built = _report_or_exit(results)
    if output is not None and output_format is CostFormat.table:
        _report_document(built, output, template, pdf)
        return
    _emit_records(
        output_format,
        output,
        lambda: report_json(built),
        lambda: report_records(built, State.lang),
    )


def _report_document(built: Report, output: Path, template: Path | None, pdf: bool) -> None:
    """The BÁO CÁO (.docx, and PDF with --pdf) through the plan's sandboxed renderer."""
    from .baocao import build_report_context, report_template
    from .render.docx import docx_to_pdf, render_docx

    # template, output and PDF errors are Cap135Errors: one line and exit 2 from the CLI's handler
    with report_template(template) as chosen:
        render_docx(build_report_context(built), chosen, output)
    terminal.echo(message("written", State.lang, {"path": output}), err=True)
    if pdf:
        pdf_path = output.with_suffix(".pdf")
        docx_to_pdf(output, pdf_path)
        terminal.echo(message("written", State.lang, {"path": pdf_path}), err=True)


def _crash_log() -> Path | None:
    """Write the traceback of the error being handled to a log file; None if none can be written."""
    from .render.atomic import write_crash_log

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
