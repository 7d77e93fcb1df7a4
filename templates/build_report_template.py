"""Build the shipped BÁO CÁO Word template (``src/cap135/documents/templates/baocao.docx``) from code.

The report uses the KẾ HOẠCH template's page geometry, styles, header block and signature block
(``templates/build_template.py``, imported, not copied), so both documents follow Nghị định
30/2020/NĐ-CP the same way: A4 portrait, margins 20/20/30/15 mm, Times New Roman 14, page
numbers centred in the top margin from page 2. Its body: I. the figures (classes, tours, money
and the disbursement rate) and a plan-against-actual table by group and tour; II. Đánh giá chung
(kết quả đạt được; tồn tại, hạn chế và nguyên nhân); III. Đề xuất, kiến nghị; the closing line,
Nơi nhận and the signature; then, on a page of its own, the appendix listing the classes held.
A draft (``draft``) carries DỰ THẢO above the header block and as a watermark on every page,
as the KẾ HOẠCH's draft does. The template holds no figure:
every value comes from ``cap135.documents.baocao_context.build_report_context``.

The build is deterministic (fixed core properties, normalised zip). Usage:
``python templates/build_report_template.py [OUTPUT]`` (default: the shipped path).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SHIPPED = REPO / "src" / "cap135" / "documents" / "templates" / "baocao.docx"


def _plan_builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location("cap135_build_template", HERE / "build_template.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


kh = _plan_builder()

# Plan against actual (9 columns) and classes held (7 columns); each adds up to 16.5 cm,
# the portrait text width.
COMPARISON_COLS = tuple(Cm(w) for w in (1.2, 2.8, 1.2, 1.45, 1.45, 1.4, 2.7, 2.7, 1.6))
HELD_COLS = tuple(Cm(w) for w in (1.2, 3.0, 3.5, 4.1, 1.7, 1.3, 1.7))


def _report_styles(doc: Any) -> None:
    left, centre, right = WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT
    kh._pstyle(doc, "KH Caption", base="KH Body", align=centre, bold=True, first_line=Cm(0), before=6)
    kh._pstyle(doc, "KH Small Text", align=left, size=11, before=2, after=2)
    kh._pstyle(doc, "KH Small Head", base="KH Small Text", align=centre, bold=True)
    kh._pstyle(doc, "KH Small Center", base="KH Small Text", align=centre)
    kh._pstyle(doc, "KH Small Number", base="KH Small Text", align=right)
    kh._pstyle(doc, "KH Small Strong Center", base="KH Small Text", align=centre, bold=True)
    kh._pstyle(doc, "KH Small Strong Number", base="KH Small Text", align=right, bold=True)
    # The last row of a table keeps with its total row: a total never starts a page alone.
    for name in ("Text", "Center", "Number"):
        kh._pstyle(doc, f"KH Small Last {name}", base=f"KH Small {name}", keep_next=True)
    # The closing sentence stays on the page of the signature block.
    kh._pstyle(doc, "KH Report Closing", base="KH Body", keep_next=True)
    # The appendix starts on a page of its own.
    appendix = kh._pstyle(doc, "KH Report Appendix Title", align=centre, bold=True, size=14)
    appendix.paragraph_format.page_break_before = True


def _loop_table(
    doc: Any,
    widths: tuple[Any, ...],
    prefix: str,
    spec: list[tuple[str, str]],
    total: list[tuple[str, str]],
) -> None:
    """A bordered table: a header row from ``{prefix}.columns`` (repeated on every page), one
    row per item of ``{prefix}.rows``, a total row. The last item row is a loop of its own, its
    paragraphs kept with the next row, so that the total row never stands alone at the top of
    a page; no row breaks across pages.

    ``total`` gives (text, style) per cell; an empty text with style "" merges into the cell
    before it.
    """
    table = doc.add_table(rows=8, cols=len(widths))
    kh._table_props(table, widths, borders=True)
    head = table.rows[0]
    for i, cell in enumerate(head.cells):
        kh._first_cell_paragraph(cell, f"{{{{ {prefix}.columns[{i}] }}}}", "KH Small Head")
    kh._row_flags(head, header=True)
    for first, items in ((1, f"{prefix}.rows[:-1]"), (4, f"{prefix}.rows[-1:]")):
        kh._merge_full_row(table.rows[first], f"{{%tr for r in {items} %}}")
        last = first == 4
        for cell, (text, style) in zip(table.rows[first + 1].cells, spec, strict=True):
            kh._first_cell_paragraph(
                cell, text, style.replace("KH Small ", "KH Small Last ") if last else style
            )
        kh._row_flags(table.rows[first + 1])
        kh._merge_full_row(table.rows[first + 2], "{%tr endfor %}")
    row = table.rows[7]
    start = 0
    while start < len(total):
        end = start
        while end + 1 < len(total) and total[end + 1][1] == "":
            end += 1
        cell = row.cells[start] if end == start else row.cells[start].merge(row.cells[end])
        kh._first_cell_paragraph(cell, total[start][0], total[start][1])
        start = end + 1
    kh._row_flags(row)


def _paragraphs(doc: Any, items: str, style: str = "KH Body") -> None:
    kh._para(doc, f"{{%p for line in {items} %}}", style)
    kh._para(doc, "{{ line }}", style)
    kh._para(doc, "{%p endfor %}", style)


def _body(doc: Any) -> None:
    kh._para(doc, "{{ doc_type }}", "KH Doc Type")
    kh._para(doc, "{{ title }}", "KH Title")
    kh._rule(doc, kh.RULE_TITLE, kh.TEXT_WIDTH_PORTRAIT)
    kh._para(doc, "", "KH Body")
    kh._para(doc, "{{ intro }}", "KH Body")

    kh._para(doc, "I. KẾT QUẢ THỰC HIỆN", "KH Heading")
    kh._para(doc, "1. Tổ chức các lớp bồi dưỡng, tập huấn:", "KH Heading 2")
    kh._para(doc, "{{ figures.classes }}", "KH Body")
    kh._para(doc, "2. Tham quan, học tập kinh nghiệm:", "KH Heading 2")
    kh._para(doc, "{{ figures.tours }}", "KH Body")
    kh._para(doc, "3. Kinh phí và tỷ lệ giải ngân:", "KH Heading 2")
    _paragraphs(doc, "figures.money")
    kh._para(doc, "4. Kết quả so với kế hoạch (số liệu đến ngày {{ as_of }}):", "KH Heading 2")
    _loop_table(
        doc,
        COMPARISON_COLS,
        "comparison",
        [
            ("{{ r.stt }}", "KH Small Center"),
            ("{{ r.name }}", "KH Small Text"),
            ("{{ r.unit }}", "KH Small Center"),
            ("{{ r.planned }}", "KH Small Number"),
            ("{{ r.held }}", "KH Small Number"),
            ("{{ r.people }}", "KH Small Number"),
            ("{{ r.budget }}", "KH Small Number"),
            ("{{ r.spent }}", "KH Small Number"),
            ("{{ r.rate }}", "KH Small Number"),
        ],
        [
            ("TỔNG CỘNG KINH PHÍ", "KH Small Strong Center"),
            ("", ""),
            ("", ""),
            ("", ""),
            ("", ""),
            ("", ""),
            ("{{ comparison.total.budget }}", "KH Small Strong Number"),
            ("{{ comparison.total.spent }}", "KH Small Strong Number"),
            ("{{ comparison.total.rate }}", "KH Small Strong Number"),
        ],
    )
    kh._para(doc, "", "KH Body")
    kh._para(doc, "II. ĐÁNH GIÁ CHUNG", "KH Heading")
    kh._para(doc, "1. Kết quả đạt được:", "KH Heading 2")
    _paragraphs(doc, "assessment.achievements")
    kh._para(doc, "2. Tồn tại, hạn chế và nguyên nhân:", "KH Heading 2")
    _paragraphs(doc, "assessment.shortcomings")
    kh._para(doc, "III. ĐỀ XUẤT, KIẾN NGHỊ", "KH Heading")
    _paragraphs(doc, "assessment.recommendations")
    kh._para(doc, "{{ closing }}", "KH Report Closing")


def _appendix(doc: Any) -> None:
    kh._para(doc, "{{ appendix.title }}", "KH Report Appendix Title")
    kh._para(doc, "{{ appendix.heading }}", "KH Appendix Heading")
    kh._para(doc, "{{ appendix.subtitle }}", "KH Appendix Subtitle")
    _loop_table(
        doc,
        HELD_COLS,
        "held",
        [
            ("{{ r.stt }}", "KH Small Center"),
            ("{{ r.when }}", "KH Small Center"),
            ("{{ r.group }}", "KH Small Text"),
            ("{{ r.venue }}", "KH Small Text"),
            ("{{ r.attendees }}", "KH Small Number"),
            ("{{ r.women }}", "KH Small Number"),
            ("{{ r.ethnic_minority }}", "KH Small Number"),
        ],
        [
            ("TỔNG CỘNG: {{ held.total.count }} lớp", "KH Small Strong Center"),
            ("", ""),
            ("", ""),
            ("", ""),
            ("{{ held.total.attendees }}", "KH Small Strong Number"),
            ("{{ held.total.women }}", "KH Small Strong Number"),
            ("{{ held.total.ethnic_minority }}", "KH Small Strong Number"),
        ],
    )


def build_document() -> Any:
    for cols in (COMPARISON_COLS, HELD_COLS):
        if sum(cols) > kh.TEXT_WIDTH_PORTRAIT:
            raise ValueError(f"columns {cols} are wider than the text area")
    doc = Document()
    kh._setup_defaults(doc)
    kh._setup_styles(doc)
    _report_styles(doc)
    kh._core_properties(doc)
    kh._prune_package(doc)

    section = doc.sections[0]
    kh._page_setup(section, landscape=False)
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False
    first = section.first_page_header.paragraphs[0]
    first.style = "KH Page Number"
    section.header.is_linked_to_previous = False
    page = section.header.paragraphs[0]
    page.style = "KH Page Number"
    kh._page_number_field(page)
    # a draft (report --draft) as the KẾ HOẠCH's: DỰ THẢO boxed above the header block and as a
    # watermark on every page; nothing of it in the final report
    kh._watermark(section.first_page_header, "WaterMarkFirst")
    kh._watermark(section.header, "WaterMark")
    kh._draft_mark(doc)
    kh._header_block(doc)
    _body(doc)
    kh._signature_block(doc)
    _appendix(doc)
    return doc


def build(path: Path) -> None:
    """Build the template and write it (normalised, byte-reproducible) to ``path``."""
    kh.save(build_document(), path)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0]) if args else SHIPPED
    build(out)
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
