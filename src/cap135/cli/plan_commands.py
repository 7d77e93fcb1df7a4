"""The commands of a plan: validate, cost, render, words, schema, init."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any

import typer

from cap135.cli import terminal
from cap135.cli.common import (
    CostFormat,
    FindingFormat,
    State,
    analysis_or_exit,
    fail,
    print_warnings,
    write_output,
)
from cap135.cli.results_commands import init_results
from cap135.documents.atomic_files import output_target
from cap135.errors import EXIT_OK, EXIT_PLAN, EXIT_USAGE, Cap135Error
from cap135.messages import counted, message


def validate(
    plans: Annotated[
        list[Path], typer.Argument(help="help-plans", show_default=False, metavar="metavar-plan")
    ],
    output_format: Annotated[
        FindingFormat, typer.Option("--format", help="help-format-text-json")
    ] = FindingFormat.text,
    strict: Annotated[bool, typer.Option("--strict", help="help-validate-strict")] = False,
) -> None:
    from cap135.cli.findings_output import as_json, format_text, locate, sort_key
    from cap135.plan.yaml_loader import UnreadableFile
    from cap135.results.file_kind import analyze_any

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
            hints: set[str] = set()  # each hint given once in a file's listing
            for item in located:
                terminal.echo(format_text(item, lang, hints))
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
    from cap135.documents.atomic_files import atomic_write_bytes
    from cap135.tables import CostRecord, write

    analysis = analysis_or_exit(plan, tolerate=frozenset({"over-ceiling"}))
    budget = analysis.budget
    assert budget is not None and analysis.plan is not None
    print_warnings(analysis)
    over_ceiling = budget.ceiling is not None and budget.total > budget.ceiling
    if output_format is CostFormat.xlsx and output is None:
        raise Cap135Error("xlsx-needs-output")
    data = write(output_format, CostRecord(analysis.plan, budget, State.lang), State.lang)
    if output is None or output_format is CostFormat.table:
        terminal.write(data.decode("utf-8-sig"))
    else:
        atomic_write_bytes(output, data)
        terminal.echo(message("written", State.lang, {"path": output}), err=True)
        if output_format is not CostFormat.json and budget.assumptions:
            # review notes: for the officer checking the dự toán, never printed on the paper
            terminal.echo(message("cost-review-heading", State.lang, {"file": output}), err=True)
            for assumption in budget.assumptions:
                terminal.echo(f"- {assumption.text(State.lang)}", err=True)
    if over_ceiling:
        raise typer.Exit(EXIT_PLAN)


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
    draft: Annotated[bool, typer.Option("--draft", help="help-render-draft")] = False,
) -> None:
    from cap135.documents.kehoach_context import build_context

    analysis = analysis_or_exit(plan)
    assert analysis.plan is not None and analysis.budget is not None
    warnings = tuple(f for f in analysis.findings if not f.is_error)
    shown = print_warnings(analysis)
    name = analysis.source.name
    placeholders = [f for f in warnings if f.code == "placeholder-left"]
    if placeholders and not draft:  # the document for signature never holds a starter's gaps
        fail(counted("render-placeholders", len(placeholders), State.lang, {"file": name}), EXIT_PLAN)
    if shown and not draft:
        terminal.echo(counted("render-warnings", shown, State.lang, {"file": name}), err=True)
    ctx = build_context(analysis.plan, analysis.budget, draft=draft, warnings=warnings)
    if context:
        terminal.echo(json.dumps(ctx, ensure_ascii=False, indent=2))
        return
    if output is None:
        raise Cap135Error("render-needs-output")
    from cap135.documents.docx_render import render_docx
    from cap135.documents.pdf import docx_to_pdf

    render_docx(ctx, template, output)  # the run's inputs are protected by the guard (cli/guard.py)
    terminal.echo(message("written", State.lang, {"path": output}), err=True)
    if pdf:
        pdf_path = output.with_suffix(".pdf")
        docx_to_pdf(output, pdf_path)
        terminal.echo(message("written", State.lang, {"path": pdf_path}), err=True)


def words(
    amount: Annotated[
        str, typer.Argument(help="help-words-amount", show_default=False, metavar="metavar-amount")
    ],
) -> None:
    from cap135.money import amount_in_words, parse_vnd

    try:
        value = parse_vnd(amount)
    except ValueError:
        raise Cap135Error("bad-amount", text=amount) from None
    terminal.echo(amount_in_words(value))


def schema(
    output: Annotated[
        Path | None,
        typer.Option(
            "-o", "--output", help="help-schema-output", metavar="metavar-file", parser=output_target
        ),
    ] = None,
) -> None:
    from cap135.plan.schema import schema_json

    text = schema_json()
    if output is None:
        terminal.write(text)
    else:
        write_output(output, text.encode("utf-8"))


def init_default(params: Mapping[str, Any]) -> Path:
    """`init`'s file when none is given: PLAN.results.yaml beside the plan, dinhmuc.yaml with
    --rates, else kehoach.yaml."""
    plan = params.get("results")
    if isinstance(plan, Path):
        return plan.with_name(plan.stem + ".results.yaml")
    if params.get("rates"):
        return Path("dinhmuc.yaml")
    return Path("kehoach.yaml")


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
    rates: Annotated[bool, typer.Option("--rates", help="help-init-rates")] = False,
    year: Annotated[int | None, typer.Option("--year", help="help-init-year", metavar="metavar-year")] = None,
) -> None:
    from cap135.plan import starter

    if rates and results is not None:
        raise Cap135Error("init-rates-and-results")
    if year is not None and not starter.MIN_YEAR <= year <= starter.MAX_YEAR:
        raise Cap135Error("init-year-option", year=year)
    assert output is not None  # the guard gives the default (init_default)
    path = output
    if os.path.lexists(path):  # never raises: a name too long was refused by the guard
        raise Cap135Error("init-exists", path=path)
    if results is not None:
        init_results(path, results)
        return
    if rates:
        init_rates(path, year, ask=not yes and starter.interactive())
        return
    values = starter.StarterValues(year=year or 0)
    if not yes and starter.interactive():
        values = starter.ask(values, State.lang, terminal.prompt, terminal.echo)
    text = starter.starter_text(values)
    from cap135.plan.plan_file import is_workbook_path

    if is_workbook_path(path):  # the same starter plan, as a workbook (issue 23)
        from cap135.plan.workbook_writer import plan_workbook
        from cap135.plan.yaml_loader import load_text

        write_output(path, plan_workbook(load_text(text, str(path)).data))
        terminal.echo(message("init-workbook-next", State.lang, {"path": path}), err=True)
        return
    write_output(path, text.encode("utf-8"))
    terminal.echo(message("init-next", State.lang, {"path": path}), err=True)


def init_rates(path: Path, year: int | None, *, ask: bool) -> None:
    """`cap135 init --rates FILE`: the province's rate table, commented, over the national one."""
    from datetime import date

    from cap135.budget.rate_starter import RateStarter, starter_text, table_id_for
    from cap135.plan import starter
    from cap135.plan.plan_file import is_workbook_path

    if is_workbook_path(path):
        raise Cap135Error("init-rates-yaml", path=path)
    values = RateStarter(year or starter.default_year(date.today()), table_id=table_id_for(path.stem))
    if ask:
        year = starter.ask_year(values.year, State.lang, terminal.prompt, terminal.echo)
        province = str(
            terminal.prompt(message("init-ask-province", State.lang), default=values.province)
        ).strip()
        values = RateStarter(year, province or values.province, values.table_id)
    write_output(path, starter_text(values).encode("utf-8"))
    terminal.echo(message("init-rates-next", State.lang, {"path": path}), err=True)
