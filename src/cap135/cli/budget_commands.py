"""The commands over budgets: rates, summary of plans, diff, fit."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from cap135.cli import terminal
from cap135.cli.common import (
    CostFormat,
    FindingFormat,
    State,
    TableOrJson,
    analysis_or_exit,
    fail,
    valid_analyses,
    write_output,
)
from cap135.cli.results_commands import results_summary
from cap135.documents.atomic_files import output_target
from cap135.errors import EXIT_OK, Cap135Error
from cap135.messages import message


def rates(
    table: Annotated[str | None, typer.Argument(help="help-rates-table", metavar="metavar-table")] = None,
    output_format: Annotated[
        FindingFormat, typer.Option("--format", help="help-format-text-json")
    ] = FindingFormat.text,
    unverified: Annotated[bool, typer.Option("--unverified", help="help-rates-unverified")] = False,
) -> None:
    from cap135.budget.rate_tables import load_table, shipped_table_ids
    from cap135.tables import RatesRecord, write

    if unverified:  # what remains to check: one table, or every shipped one
        chosen = [load_table(table)] if table else [load_table(t) for t in shipped_table_ids()]
        if output_format is FindingFormat.json:
            records = [RatesRecord(t, unverified_only=True).as_dict() for t in chosen]
            terminal.echo(json.dumps(records, ensure_ascii=False, indent=2))
            return
        for t in chosen:
            terminal.write(write("table", RatesRecord(t, unverified_only=True), State.lang).decode("utf-8"))
        return
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
    loaded = load_table(table)
    shown = "json" if output_format is FindingFormat.json else "table"
    terminal.write(write(shown, RatesRecord(loaded), State.lang).decode("utf-8"))


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
    from cap135.budget.input_files import distinct_files
    from cap135.results.file_kind import read_if_readable
    from cap135.results.plan_rollup import summarize
    from cap135.tables import write

    plans, repeats = distinct_files(plans)
    for repeat, first in repeats:
        terminal.echo(message("sum-same-file", State.lang, {"file": repeat, "first": first}), err=True)
    if output_format is CostFormat.xlsx and output is None:
        raise Cap135Error("xlsx-needs-output")
    loaded = {path: read_if_readable(path) for path in plans}  # each file is read once
    if results_summary(plans, loaded, output_format, output):  # results files: what was held
        return
    good, code = valid_analyses(plans, "sum-skipped", loaded)
    if not good:
        fail(message("sum-none", State.lang), code)
    result = summarize(good)  # the plans' names were made safe when read (plan/plan_file.read_either)
    data = write(output_format, result, State.lang)
    if output is None or output_format is CostFormat.table:
        terminal.write(data.decode("utf-8-sig"))
    else:
        write_output(output, data)
    raise typer.Exit(code)


def diff(
    old: Annotated[Path, typer.Argument(help="help-diff-old", show_default=False, metavar="metavar-old")],
    new: Annotated[Path, typer.Argument(help="help-diff-new", show_default=False, metavar="metavar-new")],
    output_format: Annotated[
        TableOrJson, typer.Option("--format", help="help-format-table-json")
    ] = TableOrJson.table,
) -> None:
    from cap135.budget.plan_diff import diff_plans
    from cap135.tables import write

    good, code = valid_analyses([old, new], "plan-has-errors")
    if code != EXIT_OK:
        raise typer.Exit(code)
    before, after = good
    assert before.plan is not None and before.budget is not None  # valid analyses
    assert after.plan is not None and after.budget is not None
    result = diff_plans(
        before.source.name, before.plan, before.budget, after.source.name, after.plan, after.budget
    )
    terminal.write(write(output_format, result, State.lang).decode("utf-8"))


def fit(
    plan: Annotated[Path, typer.Argument(help="help-plan", show_default=False, metavar="metavar-plan")],
    vary: Annotated[
        list[str], typer.Option("--vary", help="help-fit-vary", show_default=False, metavar="metavar-vary")
    ],
    output_format: Annotated[
        TableOrJson, typer.Option("--format", help="help-format-table-json")
    ] = TableOrJson.table,
    output: Annotated[
        Path | None,
        typer.Option("--write", help="help-fit-write", metavar="metavar-file", parser=output_target),
    ] = None,
    top: Annotated[int, typer.Option("--top", help="help-fit-top")] = 5,
    most: Annotated[
        list[str] | None,
        typer.Option("--max", help="help-fit-max", show_default=False, metavar="metavar-max"),
    ] = None,
) -> None:
    from cap135.budget import fit as fitting
    from cap135.budget.analysis import check_plan, table_for
    from cap135.budget.fit_vary import parse_max
    from cap135.cli.terminal_tables import print_fit
    from cap135.messages import hint
    from cap135.plan.plan_file import from_workbook, read_plan_file

    # a workbook output (fit-write-workbook) and every other check of --write: the guard (cli/guard.py)
    analysis = analysis_or_exit(plan, tolerate=fitting.TOLERATED)
    assert analysis.plan is not None
    try:
        table = table_for(analysis.plan, plan.parent)
        variables = fitting.resolve(analysis.plan, vary)
        bounds = parse_max(analysis.plan, most or [])
        result = fitting.fit(
            analysis.plan, table, variables, top=top, check=lambda p: check_plan(p, table), bounds=bounds
        )
        data = None
        if output is not None:
            best = result.options[0]
            if from_workbook(analysis.source):
                data = fitting.written_data(read_plan_file(plan).data, result, best, analysis.plan, plan.name)
            else:
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
        print_fit(result, State.lang)
    if output is not None and data is not None:
        write_output(output, data)
