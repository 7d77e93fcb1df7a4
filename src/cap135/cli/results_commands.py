"""The commands of what was held: report, the roll-up of results files, init --results; and
convert (a plan or a results file in the other form: its logic is in results/, the lowest stage
that knows both kinds)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cap135.cli import terminal
from cap135.documents.atomic_files import output_target
from cap135.errors import EXIT_PLAN, Cap135Error
from cap135.messages import message

if TYPE_CHECKING:
    from collections.abc import Callable

    from cap135.plan.yaml_loader import Loaded
    from cap135.results.figures import Report
    from cap135.tables.records import Sheet
    from cap135.tables.results_records import Records

from cap135.cli.common import CostFormat, State, analysis_or_exit, fail, write_output


def report_or_exit(path: Path, loaded: Loaded | None = None, *, final: bool = False) -> Report:
    """Validate a results file with its plan; on errors print them and exit 1 (2 if unreadable).

    `final`: the report is for the signed BÁO CÁO, so what it still lacks (its assessment, a
    placeholder left) is listed with positions and exits 1 as well.
    """
    from cap135.cli.findings_output import format_text, locate, sort_key
    from cap135.results.figures import build_report
    from cap135.results.file_kind import kind_of
    from cap135.results.file_reader import read_input
    from cap135.results.results_file import analyze_results

    loaded = loaded or read_input(path)  # an UnreadableFile is a Cap135Error: exit 2
    if kind_of(loaded) == "plan":
        fail(message("results-not-results", State.lang, {"file": path}))
    analysis = analyze_results(path, loaded=loaded)
    if not analysis.ok:
        located = sorted((locate(f, analysis.source) for f in analysis.findings), key=sort_key)
        hints: set[str] = set()  # each hint given once
        for item in located:
            if item.finding.is_error:
                terminal.echo(format_text(item, State.lang, hints), err=True)
        fail(message("results-has-errors", State.lang, {"file": analysis.source.name}), EXIT_PLAN)
    if final and analysis.results is not None:
        from cap135.messages import counted
        from cap135.results.assessment import assessment_gaps

        gaps = sorted(
            (locate(f, analysis.source) for f in assessment_gaps(analysis.results.assessment)), key=sort_key
        )
        if gaps:
            for item in gaps:
                terminal.echo(format_text(item, State.lang), err=True)
            count = counted("count-gaps", len(gaps), State.lang)
            fail(
                message("report-not-final", State.lang, {"file": analysis.source.name, "count": count}),
                EXIT_PLAN,
            )
    return build_report(analysis)


def results_summary(
    paths: list[Path], loaded: dict[Path, Loaded | None], output_format: CostFormat, output: Path | None
) -> bool:
    """`cap135 summary` over results files; False when none is given (plans are summed as before)."""
    from cap135.results.figures import results_summary_json, summarize_results
    from cap135.results.file_kind import kind_of
    from cap135.tables.results_records import results_summary_records

    kinds = [kind_of(loaded[p]) for p in paths]  # None: unreadable or broken, reported by its analysis
    if "results" not in kinds:
        return False
    if "plan" in kinds:
        plans = ", ".join(str(p) for p, k in zip(paths, kinds, strict=True) if k == "plan")
        results = ", ".join(str(p) for p, k in zip(paths, kinds, strict=True) if k == "results")
        fail(message("sum-mixed", State.lang, {"plans": plans, "results": results}))
    summary = summarize_results([report_or_exit(p, loaded[p]) for p in paths])
    emit_records(
        output_format,
        output,
        lambda: results_summary_json(summary),
        lambda: results_summary_records(summary, State.lang),
    )
    return True


def emit_records(
    output_format: CostFormat,
    output: Path | None,
    as_json: Callable[[], str],
    records: Callable[[], Records],
    more_sheets: Callable[[], tuple[Sheet, ...]] = tuple,
) -> None:
    """Print or write a results record set in the chosen format (table, json, csv, xlsx);
    a workbook gets `more_sheets` after the records' own."""
    from cap135.cli.terminal_tables import print_records
    from cap135.tables.results_writers import records_csv, records_xlsx

    if output_format is CostFormat.table:
        print_records(records())
        return
    if output_format is CostFormat.json:
        data = as_json().encode("utf-8")
    elif output_format is CostFormat.csv:
        data = records_csv(records()).encode("utf-8-sig")
    else:
        data = records_xlsx(records(), more_sheets())
    if output is None:
        terminal.write(data.decode("utf-8-sig"))
    else:
        write_output(output, data)


def init_results(path: Path, plan: Path) -> None:
    """`cap135 init --results PLAN FILE`: a starter results file that validates at once."""
    from cap135.results.results_file import starter_text

    analysis = analysis_or_exit(plan)
    assert analysis.plan is not None
    try:
        ref = os.path.relpath(plan.resolve(), path.resolve().parent)
    except ValueError:  # another drive on Windows
        ref = str(plan.resolve())
    if any("\udc80" <= c <= "\udcff" for c in ref):  # a folder name that is not UTF-8
        raise Cap135Error("init-results-ref-not-utf8", plan=Path(ref))
    from cap135.plan.plan_file import is_workbook_path

    if is_workbook_path(path):  # a row to fill in per planned class and tour (issue 23)
        from datetime import date

        from cap135.results.workbook_writer import results_workbook

        ids = [g.id for g in analysis.plan.groups]
        ids += [analysis.plan.tour_id(i) for i in range(len(analysis.plan.tours))]
        data = {
            "version": 1,
            "plan": Path(ref).as_posix(),
            "as_of": date(analysis.plan.year, 12, 31),
            "spent": dict.fromkeys(ids, 0),
        }
        write_output(path, results_workbook(data, analysis.plan))
        terminal.echo(message("init-workbook-next", State.lang, {"path": path}), err=True)
        return
    text = starter_text(analysis.plan, Path(ref).as_posix())
    write_output(path, text.encode("utf-8"))
    terminal.echo(message("init-results-next", State.lang, {"path": path}), err=True)


def convert(
    source: Annotated[
        Path, typer.Argument(help="help-convert-input", show_default=False, metavar="metavar-file")
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "-o", "--output", help="help-convert-output", metavar="metavar-file", parser=output_target
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="help-convert-force")] = False,
) -> None:
    from cap135.cli.findings_output import format_text, locate, sort_key
    from cap135.documents.atomic_files import atomic_write_bytes
    from cap135.plan.plan_file import from_workbook, is_workbook_path
    from cap135.results.conversion import Form, converted
    from cap135.results.file_reader import read_input

    if output is None:
        raise Cap135Error("convert-needs-output")
    # the form by the extension (convert-unknown-form) and every other check of -o: cli/guard.py
    target: Form = "xlsx" if is_workbook_path(output) else "yaml"
    if os.path.lexists(output) and not force:
        raise Cap135Error("convert-exists", path=output)
    loaded = read_input(source)  # an UnreadableFile is a Cap135Error: exit 2
    if (from_workbook(loaded.source) or is_workbook_path(source)) == (target == "xlsx"):
        raise Cap135Error("convert-same-form", source=source, path=output)
    result = converted(loaded, target, source.name)
    if result.data is None:
        for item in sorted((locate(f, loaded.source) for f in result.findings), key=sort_key):
            if item.finding.is_error:
                terminal.echo(format_text(item, State.lang), err=True)
        fail(message("convert-has-errors", State.lang, {"file": loaded.source.name}), EXIT_PLAN)
    atomic_write_bytes(output, result.data)
    terminal.echo(message("written", State.lang, {"path": output}), err=True)


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
    draft: Annotated[bool, typer.Option("--draft", help="help-report-draft")] = False,
) -> None:
    from cap135.results.figures import report_json
    from cap135.tables.results_records import held_sheet, report_records

    if output_format is CostFormat.xlsx and output is None:
        raise Cap135Error("xlsx-needs-output")
    document = output is not None and output_format is CostFormat.table
    if pdf and not document:
        fail(message("report-pdf-needs-output", State.lang))
    if draft and not document:
        fail(message("report-draft-needs-document", State.lang))
    built = report_or_exit(results, final=document and not draft)
    if output is not None and document:  # -o x.docx (the guard chose table)
        report_document(built, output, template, pdf, draft=draft)
        return
    emit_records(
        output_format,
        output,
        lambda: report_json(built),
        lambda: report_records(built, State.lang),
        lambda: (held_sheet(built, State.lang),),
    )


def report_document(
    built: Report, output: Path, template: Path | None, pdf: bool, *, draft: bool = False
) -> None:
    """The BÁO CÁO (.docx, and PDF with --pdf) through the plan's sandboxed renderer; `draft`:
    the copy marked DỰ THẢO."""
    from cap135.documents.baocao_context import build_report_context, report_template
    from cap135.documents.docx_render import render_docx
    from cap135.documents.pdf import docx_to_pdf

    # template, output and PDF errors are Cap135Errors: one line and exit 2 from the CLI's handler
    with report_template(template) as chosen:
        render_docx(build_report_context(built, draft=draft), chosen, output)
    terminal.echo(message("written", State.lang, {"path": output}), err=True)
    if pdf:
        pdf_path = output.with_suffix(".pdf")
        docx_to_pdf(output, pdf_path)
        terminal.echo(message("written", State.lang, {"path": pdf_path}), err=True)
