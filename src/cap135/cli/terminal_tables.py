"""Figures as rich tables on the terminal: the options of `cap135 fit`, the records of
`cap135 report` and of the results roll-up."""

from __future__ import annotations

from cap135.budget.fit import FitResult, Option, Variable
from cap135.messages import Lang, message
from cap135.tables.results_records import Records


def print_fit(result: FitResult, lang: Lang) -> None:
    """The options, best first: the numbers changed, what they change against the plan (classes,
    trainees, days per group; marked when a group's trainees more than double), the total and
    the headroom."""
    from rich.markup import escape
    from rich.table import Table

    from cap135.cli.terminal import console as terminal_console
    from cap135.money import format_vnd

    console = terminal_console()  # what it prints passes the one sanitiser
    table = Table(
        title=message(
            "fit-title",
            lang,
            {
                "ceiling": format_vnd(result.ceiling),
                "total": format_vnd(result.total),
                "combinations": format_vnd(result.combinations),
            },
        ),
        title_justify="left",
        box=None,
        pad_edge=False,
        header_style="bold",
    )
    table.add_column("#", justify="right")
    table.add_column(message("fit-col-changes", lang), overflow="fold")
    table.add_column(message("fit-col-total", lang), justify="right", no_wrap=True)
    table.add_column(message("fit-col-headroom", lang), justify="right", no_wrap=True)
    for number, option in enumerate(result.options, 1):
        lines = [escape(line) for line in fit_lines(result, option, lang)]
        table.add_row(str(number), "\n".join(lines), format_vnd(option.total), format_vnd(option.headroom))
    console.print(table)


def fit_lines(result: FitResult, option: Option, lang: Lang) -> list[str]:
    """An option in words: each number changed (a listed class named by its venue), then each
    group or tour against the plan."""
    from cap135.money import format_vnd

    def change(before: int | None, after: int) -> str:
        if before is None:
            return f"{after}"
        return f"{format_vnd(before)} → {format_vnd(after)}" if before != after else format_vnd(after)

    lines = []
    plan = result.plan
    for variable, value in zip(result.variables, option.values, strict=True):
        before = str(variable.current) if variable.current is not None else _sizes(result, variable, lang)
        shown = f"{before} → {value}" if str(value) != before else f"{value}"
        place = ""
        if plan is not None and variable.listed is not None:
            classes = plan.groups[variable.index].classes
            spec = classes[variable.listed] if isinstance(classes, list) else None
            place = f" ({spec.venue.name})" if spec is not None and spec.venue is not None else ""
        lines.append(f"{variable.name} {shown}{place}")
    for effect in result.effects(option):
        code = "fit-effect-group" if effect.kind == "group" else "fit-effect-tour"
        args = {
            "entity": effect.entity,
            "classes": change(*effect.classes),
            "trainees": change(*effect.trainees),
            "days": change(*effect.days),
        }
        lines.append("  " + message(code, lang, args))
        if effect.more_than_doubled:
            first, last = effect.trainees
            times = f"{last / first:.1f}".replace(".", ",") if first else "∞"
            lines.append("  " + message("fit-doubled", lang, {"times": times}))
    return lines


def _sizes(result: FitResult, variable: Variable, lang: Lang) -> str:
    """The sizes a listed group's classes have in the plan: 'các sĩ số 85–98'."""
    plan = result.plan
    classes = plan.groups[variable.index].classes if plan is not None else 0
    sizes = [spec.size for spec in classes] if isinstance(classes, list) else [0]
    return message("fit-various", lang, {"low": min(sizes), "high": max(sizes)})


MONEY_KEYS = frozenset({"budget", "ceiling", "spent", "disbursement_rate"})


def print_records(records: Records) -> None:
    """The records as terminal tables, laid out by the one terminal table writer (numbers
    never split, text wrapped): the counts a few columns at a time, then the money, so that
    each part fits an 80-column terminal."""
    from cap135.cli import terminal
    from cap135.tables.sheets import records_sheet
    from cap135.tables.text_table import for_terminal

    counts = tuple(k for k, _ in records.columns if k not in MONEY_KEYS)
    money = tuple(k for k, _ in records.columns if k in MONEY_KEYS)
    parts = [part for part in (*(counts[i : i + 5] for i in range(0, len(counts), 5)), money) if part]
    for index, keys in enumerate(parts):
        last = index == len(parts) - 1  # a part after the first opens with its (blank) title line
        terminal.write(for_terminal(records_sheet(records, keys, title=index == 0, footer=last)))
