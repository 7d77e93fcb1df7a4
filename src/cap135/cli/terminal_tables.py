"""Figures as rich tables on the terminal: the options of `cap135 fit`, the records of
`cap135 report` and of the results roll-up."""

from __future__ import annotations

from typing import Any

from cap135.budget.fit import FitResult
from cap135.messages import Lang, message
from cap135.results.figures import percent_vi
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


def _shown(key: str, value: Any) -> str:
    from cap135.money import format_vnd

    if value is None:
        return ""
    if isinstance(value, float):
        return percent_vi(value)
    return format_vnd(int(value))


MONEY_KEYS = frozenset({"budget", "ceiling", "spent", "disbursement_rate"})


def print_records(records: Records) -> None:
    """The records as terminal tables (figures formatted the Vietnamese way): the counts,
    then the money, so that each fits an 80-column terminal."""
    from cap135.cli.terminal import console as terminal_console

    console = terminal_console()  # what it prints passes the one sanitiser
    counts = tuple(c for c in records.columns if c[0] not in MONEY_KEYS)
    money = tuple(c for c in records.columns if c[0] in MONEY_KEYS)
    parts = [counts[i : i + 5] for i in range(0, len(counts), 5)] + [money]
    for index, columns in enumerate(part for part in parts if part):
        _print_table(console, records, columns, records.title if index == 0 else "")
        console.print()
    if records.footer:
        console.print(records.footer, markup=False, soft_wrap=True)


def _print_table(console: Any, records: Records, columns: tuple[tuple[str, str], ...], title: str) -> None:
    from rich.markup import escape
    from rich.table import Table

    table = Table(
        title=escape(title) if title else None,
        title_justify="left",
        box=None,
        pad_edge=False,
        collapse_padding=True,
        header_style="bold",
    )
    table.add_column(escape(records.scope_header), overflow="fold", min_width=18)
    for _key, header in columns:
        table.add_column(escape(header), justify="right", no_wrap=False)
    current = "overall"
    for row in records.rows:
        cells = [_shown(key, row.values[key]) for key, _ in columns]
        if row.dimension != current:
            table.add_row()
            table.add_row(f"[bold]{escape(records.headings.get(row.dimension, row.dimension))}[/bold]")
            current = row.dimension
        if row.dimension == "overall":
            table.add_row(f"[bold]{escape(row.label)}[/bold]", *(f"[bold]{c}[/bold]" for c in cells))
        else:
            table.add_row(f"  {escape(row.label)}", *cells)
    console.print(table)
