"""Figures as rich tables on the terminal: the options of `cap135 fit`, the records of
`cap135 report` and of the results roll-up."""

from __future__ import annotations

from cap135.budget.fit import FitResult
from cap135.messages import Lang, message
from cap135.tables.results_records import Records


def print_fit(result: FitResult, lang: Lang) -> None:
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
        parts = []
        for variable, value in zip(result.variables, option.values, strict=True):
            shown = f"{variable.current} → {value}" if value != variable.current else f"{value}"
            parts.append(f"{escape(variable.name)} {escape(shown)}")
        table.add_row(str(number), "\n".join(parts), format_vnd(option.total), format_vnd(option.headroom))
    console.print(table)


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
