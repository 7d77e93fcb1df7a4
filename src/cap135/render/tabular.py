"""The dự toán as a terminal table, JSON, CSV and a live-formula Excel workbook.

All four are built from the same Budget sections, so they agree to the đồng.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from ..cost import Budget
from ..messages import Lang
from ..model import Plan
from ..money import amount_in_words, format_vnd
from ..rates import RateTable
from ..terminal import safe
from ..text import clean

COLUMNS = (
    "STT",
    "Nội dung",
    "Đơn vị tính",
    "Số lượng",
    "Đơn giá (đồng)",
    "Thành tiền (đồng)",
    "Căn cứ",
)
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


def roman(n: int) -> str:
    """Section numbers I, II, …; past the table, plain digits."""
    if n <= len(ROMAN):
        return ROMAN[n - 1]
    values = (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    )
    out = []
    for value, numeral in values:
        while n >= value:
            out.append(numeral)
            n -= value
    return "".join(out)


def budget_json(budget: Budget) -> str:
    return json.dumps(budget.as_dict(), ensure_ascii=False, indent=2) + "\n"


def budget_csv(plan: Plan, budget: Budget) -> str:
    """UTF-8 CSV (the caller adds the BOM so Excel reads Vietnamese)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["entity", "section", "item", "quantity", "unit", "rate", "amount", "rate_key", "basis"])
    for section in budget.sections:
        for line in section.lines:
            writer.writerow(
                [
                    line.entity,
                    section.title,
                    line.item,
                    line.quantity,
                    line.unit,
                    line.rate,
                    line.amount,
                    line.rate_key,
                    line.basis,
                ]
            )
    writer.writerow(["", "", "TỔNG CỘNG", "", "", "", budget.total, "", ""])
    return buffer.getvalue()


def budget_xlsx(plan: Plan, budget: Budget) -> bytes:
    """A workbook an accountant keeps working in: live formulas, #,##0, frozen header."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "Dự toán"
    bold = Font(name="Times New Roman", bold=True)
    normal = Font(name="Times New Roman")

    def text(row: int, column: int, value: str) -> Any:
        """A cell that holds text from the plan as text: never a formula, no illegal characters."""
        cell = ws.cell(row=row, column=column, value=clean(value))
        cell.data_type = "s"
        return cell

    text(1, 1, f"DỰ TOÁN KINH PHÍ — {plan.title}").font = bold
    text(2, 1, f"Bảng định mức: {budget.table_id}")
    for column, name in enumerate(COLUMNS, start=1):
        text(3, column, name)
    header_row = 3
    for cell in ws[header_row]:
        cell.font = bold
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    subtotal_cells: list[str] = []
    row = header_row
    for number, section in enumerate(budget.sections, start=1):
        row += 1
        section_row = row
        ws.cell(row=row, column=1, value=roman(number)).font = bold
        text(row, 2, section.title).font = bold
        first = row + 1
        for index, line in enumerate(section.lines, start=1):
            row += 1
            ws.cell(row=row, column=1, value=index)
            text(row, 2, line.item)
            text(row, 3, line.unit)
            ws.cell(row=row, column=4, value=line.quantity)
            ws.cell(row=row, column=5, value=line.rate)
            formula = f"=ROUND(D{row}*E{row}/100,0)" if line.unit == "%" else f"=D{row}*E{row}"
            ws.cell(row=row, column=6, value=formula)
            text(row, 7, line.basis)
            for col in range(1, 8):
                ws.cell(row=row, column=col).font = normal
        last = row
        total_cell = ws.cell(
            row=section_row, column=6, value=f"=SUM(F{first}:F{last})" if last >= first else 0
        )
        total_cell.font = bold
        subtotal_cells.append(f"F{section_row}")
    row += 1
    ws.cell(row=row, column=2, value="TỔNG CỘNG").font = bold
    total = ws.cell(row=row, column=6, value="=" + "+".join(subtotal_cells) if subtotal_cells else 0)
    total.font = bold
    ws.cell(row=row + 1, column=2, value=f"Bằng chữ: {amount_in_words(budget.total)}").font = normal
    for col in range(4, 7):
        for cells in ws.iter_rows(min_row=header_row + 1, max_row=row, min_col=col, max_col=col):
            for cell in cells:
                cell.number_format = "#,##0"
                cell.alignment = Alignment(horizontal="right")
    widths = (6, 48, 12, 12, 16, 18, 48)
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    for cells in ws.iter_rows(min_row=header_row + 1, max_row=row, min_col=2, max_col=2):
        cells[0].alignment = Alignment(wrap_text=True, vertical="top")
    wb.properties.creator = "cap135"
    return _reproducible_xlsx(wb)


def _reproducible_xlsx(wb: Any) -> bytes:
    """Save with fixed document dates and zip timestamps: same plan, same bytes."""
    import zipfile
    from datetime import datetime

    fixed = datetime(2000, 1, 1)
    wb.properties.created = fixed
    wb.properties.modified = fixed
    wb.properties.lastModifiedBy = "cap135"
    raw = io.BytesIO()
    wb.save(raw)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(raw.getvalue())) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = _fix_core_dates(data)
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            dst.writestr(entry, data)
    return out.getvalue()


def _fix_core_dates(data: bytes) -> bytes:
    import re

    return re.sub(
        rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)",
        rb"\g<1>2000-01-01T00:00:00Z\g<3>",
        data,
    )


def print_budget(plan: Plan, budget: Budget, lang: Lang) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(highlight=False)
    table = Table(title=f"DỰ TOÁN KINH PHÍ — {safe(plan.title)}", title_justify="left", show_lines=False)
    for name in COLUMNS:
        justify = "right" if name.startswith(("Số", "Đơn giá", "Thành")) else "left"
        table.add_column(name, justify=justify, overflow="fold")
    for number, section in enumerate(budget.sections, start=1):
        table.add_row(
            roman(number),
            f"[bold]{_escape(section.title)}[/bold]",
            "",
            "",
            "",
            f"[bold]{format_vnd(section.subtotal)}[/bold]",
            "",
            end_section=False,
        )
        for index, line in enumerate(section.lines, start=1):
            table.add_row(
                str(index),
                _escape(line.item),
                _escape(line.unit),
                format_vnd(line.quantity),
                format_vnd(line.rate),
                format_vnd(line.amount),
                _escape(line.basis),
            )
    table.add_row("", "[bold]TỔNG CỘNG[/bold]", "", "", "", f"[bold]{format_vnd(budget.total)}[/bold]", "")
    console.print(table)
    console.print(f"Bằng chữ: {amount_in_words(budget.total)}", markup=False)
    console.print(f"Bảng định mức: {budget.table_id}", markup=False)
    if budget.ceiling is not None:
        headroom = budget.ceiling - budget.total
        label = "Còn lại" if headroom >= 0 else "Vượt"
        console.print(
            f"Kinh phí được giao: {format_vnd(budget.ceiling)} đồng — "
            f"{label}: {format_vnd(abs(headroom))} đồng",
            markup=False,
        )


def _escape(text: str) -> str:
    return safe(text)


def rates_json(table: RateTable) -> str:
    rows = [
        {
            "key": r.key,
            "amount": r.amount,
            "unit": r.unit,
            "basis": r.basis,
            "from": r.valid_from.isoformat(),
            "to": r.valid_to.isoformat() if r.valid_to else None,
            "cap": r.cap,
            "verified": r.verified,
            "table": r.table,
            "note": r.note,
        }
        for r in table.all_rates()
    ]
    return json.dumps(
        {"id": table.id, "title": table.title, "chain": list(table.chain), "rates": rows},
        ensure_ascii=False,
        indent=2,
    )


def print_rates(table: RateTable, lang: Lang) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(highlight=False)
    out = Table(title=f"{safe(table.id)} — {safe(table.title)}", title_justify="left")
    for name in ("Mã", "Mức", "Đơn vị", "Căn cứ", "Hiệu lực", "Kiểm chứng", "Bảng"):
        out.add_column(name, justify="right" if name == "Mức" else "left", overflow="fold")
    for r in table.all_rates():
        validity = (
            f"{r.valid_from:%d/%m/%Y} – {r.valid_to:%d/%m/%Y}"
            if r.valid_to
            else f"từ {r.valid_from:%d/%m/%Y}"
        )
        out.add_row(
            r.key,
            format_vnd(r.amount),
            r.unit,
            _escape(r.basis),
            validity,
            "✓" if r.verified else "chưa",
            r.table,
        )
    console.print(out)
