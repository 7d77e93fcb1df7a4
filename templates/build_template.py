"""Build the shipped KẾ HOẠCH Word template (``src/cap135/documents/templates/kehoach.docx``) from code.

The template is an ordinary .docx with docxtpl/Jinja tags, so an office can open it in Word and
restyle it (all formatting lives in named paragraph styles "KH …"). Layout follows Nghị định
30/2020/NĐ-CP, Phụ lục I: A4 portrait, margins 20/20/30/15 mm, Times New Roman 14, two-column
header block, page numbers centred in the top margin from page 2; then a landscape section with
the cost appendix (dự toán) table.

The template holds no figure: every number comes from the render context (see
``tests/fixtures/context_quang_tri.json`` for the contract). The build is deterministic: fixed
core properties and a normalised zip (fixed timestamps, order, compression), so running it twice
gives byte-identical files.

Usage: ``python templates/build_template.py [OUTPUT]`` (default: the shipped path).
"""

from __future__ import annotations

import datetime as dt
import io
import sys
import unicodedata
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

REPO = Path(__file__).resolve().parent.parent
try:  # the normaliser is shared with the renderer
    from cap135.documents.docx_package import normalize_docx_zip
except ImportError:  # running from a checkout without an install
    sys.path.insert(0, str(REPO / "src"))
    from cap135.documents.docx_package import normalize_docx_zip

SHIPPED = REPO / "src" / "cap135" / "documents" / "templates" / "kehoach.docx"

FONT = "Times New Roman"
FIXED_TIME = dt.datetime(2020, 1, 1, 0, 0, 0, tzinfo=dt.UTC)

# Page geometry (Nghị định 30/2020: top/bottom 20–25 mm, left 30–35 mm, right 15–20 mm).
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = Mm(20), Mm(20), Mm(30), Mm(15)
A4_SHORT, A4_LONG = Mm(210), Mm(297)
TEXT_WIDTH_PORTRAIT = A4_SHORT - MARGIN_LEFT - MARGIN_RIGHT  # 165 mm
TEXT_WIDTH_LANDSCAPE = A4_LONG - MARGIN_LEFT - MARGIN_RIGHT  # 252 mm
CELL_MARGIN = Cm(0.19)  # Word's default left/right cell margin (108 twips)

FIRST_LINE = Cm(1.27)
LINE_SPACING = 1.15

# Header block: agency (left) / Quốc hiệu (right); widths add up to the text width.
HEADER_COLS = (Cm(6.3), Cm(10.2))
# Signature block: Nơi nhận (left) / signer (right).
SIGN_COLS = (Cm(7.5), Cm(9.0))
# Appendix table (landscape, 25.2 cm): STT, Nội dung, ĐVT, Số lượng, Đơn giá, Thành tiền, Căn cứ.
APPENDIX_COLS = (Cm(1.2), Cm(7.3), Cm(2.6), Cm(2.2), Cm(2.9), Cm(3.3), Cm(5.7))

# Short solid lines (lengths), drawn as the bottom border of a 1 pt high paragraph whose
# indents leave exactly this much width.
RULE_AGENCY = Cm(1.8)  # 1/3–1/2 of the issuing body's name
RULE_MOTTO = Cm(5.9)  # as long as "Độc lập - Tự do - Hạnh phúc" in 13 pt bold
RULE_TITLE = Cm(3.5)  # short line under the title


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# --------------------------------------------------------------------------------------------
# Low-level XML helpers
# --------------------------------------------------------------------------------------------


RPR_ORDER = (
    "w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike",
    "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid",
    "w:vanish", "w:webHidden", "w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz",
    "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign",
    "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath",
)  # fmt: skip
PPR_ORDER = (
    "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl",
    "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens",
    "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE",
    "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
    "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection",
    "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr",
    "w:sectPr", "w:pPrChange",
)  # fmt: skip


def _ensure(parent, tag: str, order: tuple[str, ...], **attrs: str):
    """Get or create child ``tag`` of ``parent`` at its schema position; set ``w:`` attrs."""
    el = parent.find(qn(tag))
    if el is None:
        el = OxmlElement(tag)
        later = {qn(t) for t in order[order.index(tag) + 1 :]}
        for child in parent:
            if child.tag in later:
                child.addprevious(el)
                break
        else:
            parent.append(el)
    for key, value in attrs.items():
        el.set(qn(f"w:{key}"), value)
    return el


def _set_rfonts(rpr, name: str = FONT) -> None:
    """Set all four font slots (ascii, hAnsi, eastAsia, cs) and drop theme fonts."""
    rfonts = _ensure(rpr, "w:rFonts", RPR_ORDER)
    for attr in list(rfonts.attrib):
        del rfonts.attrib[attr]
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(slot), name)


def _border_el(tag: str, val: str = "single", sz: int = 6, space: int = 0):
    el = OxmlElement(tag)
    el.set(qn("w:val"), val)
    el.set(qn("w:sz"), str(sz))
    el.set(qn("w:space"), str(space))
    el.set(qn("w:color"), "000000" if val != "none" else "auto")
    return el


def _twips(length) -> str:
    return str(round(length / 635))  # EMU → twentieths of a point


# --------------------------------------------------------------------------------------------
# Styles
# --------------------------------------------------------------------------------------------


def _setup_defaults(doc) -> None:
    styles_el = doc.styles.element
    rpr_default = styles_el.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    rpr = rpr_default.find(qn("w:rPr"))
    _set_rfonts(rpr)
    _ensure(rpr, "w:sz", RPR_ORDER, val="28")
    _ensure(rpr, "w:szCs", RPR_ORDER, val="28")
    _ensure(rpr, "w:lang", RPR_ORDER, val="vi-VN", eastAsia="en-US", bidi="ar-SA")
    ppr_default = styles_el.find(qn("w:docDefaults")).find(qn("w:pPrDefault")).find(qn("w:pPr"))
    _ensure(ppr_default, "w:spacing", PPR_ORDER, after="0", line="240", lineRule="auto")

    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(14)
    _set_rfonts(normal.element.get_or_add_rPr())
    _ensure(normal.element.get_or_add_rPr(), "w:szCs", RPR_ORDER, val="28")
    pf = normal.paragraph_format
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    pf.line_spacing = 1.0
    pf.widow_control = True


def _pstyle(
    doc,
    name: str,
    *,
    base: str = "Normal",
    size: float | None = None,
    bold: bool | None = None,
    italic: bool | None = None,
    caps: bool | None = None,
    align=None,
    first_line=None,
    left=None,
    right=None,
    before: float | None = None,
    after: float | None = None,
    line: float | None = None,
    keep_next: bool | None = None,
):
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles[base]
    style.quick_style = True
    style.next_paragraph_style = style
    font = style.font
    if size is not None:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    if italic is not None:
        font.italic = italic
    if caps is not None:
        font.all_caps = caps
    pf = style.paragraph_format
    if align is not None:
        pf.alignment = align
    if first_line is not None:
        pf.first_line_indent = first_line
    if left is not None:
        pf.left_indent = left
    if right is not None:
        pf.right_indent = right
    if before is not None:
        pf.space_before = Pt(before)
    if after is not None:
        pf.space_after = Pt(after)
    if line is not None:
        pf.line_spacing = line
    if keep_next is not None:
        pf.keep_with_next = keep_next
    if size is not None:
        _ensure(style.element.get_or_add_rPr(), "w:szCs", RPR_ORDER, val=str(round(size * 2)))
    return style


def _setup_styles(doc) -> None:
    J, C, L, R = (
        WD_ALIGN_PARAGRAPH.JUSTIFY,
        WD_ALIGN_PARAGRAPH.CENTER,
        WD_ALIGN_PARAGRAPH.LEFT,
        WD_ALIGN_PARAGRAPH.RIGHT,
    )
    # Body text and its variants.
    _pstyle(doc, "KH Body", align=J, first_line=FIRST_LINE, after=6, line=LINE_SPACING)
    _pstyle(doc, "KH Basis", base="KH Body", italic=True)
    _pstyle(doc, "KH Heading", base="KH Body", bold=True, keep_next=True)
    _pstyle(doc, "KH Heading 2", base="KH Body", bold=True, keep_next=True)
    _pstyle(doc, "KH List", base="KH Body")
    _pstyle(doc, "KH List 2", base="KH Body", left=Cm(1.27), first_line=Cm(0.63))
    # Section IV is kept on the page of the signature block, never left behind alone.
    _pstyle(doc, "KH Closing", base="KH Body", keep_next=True)
    # Header block.
    _pstyle(doc, "KH Header", align=C, size=13)
    _pstyle(doc, "KH Agency Parent", base="KH Header", caps=True)
    _pstyle(doc, "KH Agency", base="KH Header", bold=True, caps=True)
    _pstyle(doc, "KH National Title", base="KH Header", size=12, bold=True, caps=True)
    _pstyle(doc, "KH Motto", base="KH Header", bold=True)
    _pstyle(doc, "KH Number", base="KH Header", before=6)
    _pstyle(doc, "KH Place Date", base="KH Header", size=14, italic=True, before=6)
    # A draft's mark above the header block: bold capitals at the right, in a box.
    mark = _pstyle(doc, "KH Draft Mark", align=R, size=13, bold=True, after=6)
    pbdr = _ensure(mark.element.get_or_add_pPr(), "w:pBdr", PPR_ORDER)
    for side in ("top", "left", "bottom", "right"):
        pbdr.append(_border_el(f"w:{side}", sz=8, space=2))
    mark.paragraph_format.left_indent = Cm(12.0)
    rule = _pstyle(doc, "KH Rule", align=C, size=1, before=0, after=0)
    rule.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    rule.paragraph_format.line_spacing = Pt(1)
    # Document type and title.
    _pstyle(doc, "KH Doc Type", align=C, bold=True, before=18, keep_next=True)
    _pstyle(doc, "KH Title", align=C, bold=True, keep_next=True)
    # Nơi nhận and signature.
    _pstyle(doc, "KH Recipients Title", align=L, size=12, bold=True, italic=True, before=6)
    _pstyle(doc, "KH Recipients", align=L, size=11)
    # Authority ("KT. TRƯỞNG BAN", optional) and position share one style; contextual spacing
    # keeps them together while the first of them still gets the space before.
    signer = _pstyle(doc, "KH Signer", align=C, bold=True, caps=True, before=6)
    _ensure(signer.element.get_or_add_pPr(), "w:contextualSpacing", PPR_ORDER)
    _pstyle(doc, "KH Signer Name", align=C, bold=True, before=84)
    # Page number in the header.
    _pstyle(doc, "KH Page Number", align=C, size=13)
    # Section break paragraph: as small as possible so it never makes a page of its own.
    brk = _pstyle(doc, "KH Section Break", size=1)
    brk.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    brk.paragraph_format.line_spacing = Pt(1)
    # Appendix.
    _pstyle(doc, "KH Appendix Title", align=C, bold=True, size=14)
    _pstyle(doc, "KH Appendix Heading", align=C, bold=True, size=14)
    _pstyle(doc, "KH Appendix Subtitle", align=C, italic=True, size=14, after=12)
    _pstyle(doc, "KH Appendix Note", align=L, italic=True, size=13, before=6)
    _pstyle(doc, "KH Table Text", align=L, size=12, before=2, after=2)
    _pstyle(doc, "KH Table Head", base="KH Table Text", align=C, bold=True)
    _pstyle(doc, "KH Table Center", base="KH Table Text", align=C)
    _pstyle(doc, "KH Table Number", base="KH Table Text", align=R)
    _pstyle(doc, "KH Table Strong", base="KH Table Text", bold=True)
    _pstyle(doc, "KH Table Strong Center", base="KH Table Text", align=C, bold=True)
    _pstyle(doc, "KH Table Strong Number", base="KH Table Text", align=R, bold=True)
    _pstyle(doc, "KH Table Basis", base="KH Table Text", size=10)
    _pstyle(doc, "KH Table Tag", base="KH Table Text", size=9, italic=True)


# --------------------------------------------------------------------------------------------
# Building blocks
# --------------------------------------------------------------------------------------------


def _para(container, text: str, style: str):
    p = container.add_paragraph(style=style)
    if text:
        p.add_run(nfc(text))
    return p


def _rule(container, length, available) -> None:
    """A short centred solid line: the bottom border of a 1 pt paragraph of width ``length``."""
    p = container.add_paragraph(style="KH Rule")
    side = max(int((available - length) / 2), 0)
    p.paragraph_format.left_indent = side
    p.paragraph_format.right_indent = side
    pbdr = _ensure(p._p.get_or_add_pPr(), "w:pBdr", PPR_ORDER)
    pbdr.append(_border_el("w:bottom", sz=6, space=1))


def _first_cell_paragraph(cell, text: str, style: str):
    p = cell.paragraphs[0]
    p.style = style
    if text:
        p.add_run(nfc(text))
    return p


def _table_props(table, widths, *, borders: bool) -> None:
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    tbl_pr = table._tbl.tblPr
    total = sum(int(w) for w in widths)
    tblw = tbl_pr.find(qn("w:tblW"))
    tblw.set(qn("w:w"), _twips(total))
    tblw.set(qn("w:type"), "dxa")
    layout = tbl_pr.find(qn("w:tblLayout"))
    if layout is None:
        layout = OxmlElement("w:tblLayout")
        tbl_pr.append(layout)
    layout.set(qn("w:type"), "fixed")
    tbl_borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        if borders:
            tbl_borders.append(_border_el(f"w:{side}", sz=4))
        else:
            tbl_borders.append(_border_el(f"w:{side}", val="none", sz=0))
    # CT_TblPr order: tblStyle, tblpPr, tblOverlap, bidiVisual, tblStyleRowBandSize,
    # tblStyleColBandSize, tblW, jc, tblCellSpacing, tblInd, tblBorders, shd, tblLayout, ...
    anchor = tbl_pr.find(qn("w:tblLayout"))
    anchor.addprevious(tbl_borders)
    for i, w in enumerate(widths):
        table.columns[i].width = w
    for row in table.rows:
        for i, cell in enumerate(row.cells):
            cell.width = widths[i]


def _row_flags(row, *, header: bool = False, cant_split: bool = True) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    if cant_split:
        tr_pr.append(OxmlElement("w:cantSplit"))
    if header:
        tr_pr.append(OxmlElement("w:tblHeader"))


def _page_number_field(paragraph) -> None:
    """PAGE field without a cached result: Word and LibreOffice compute it on layout."""

    def run_with(child):
        r = paragraph.add_run()
        r._r.append(child)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    run_with(instr)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def _page_setup(section, *, landscape: bool) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width = A4_LONG if landscape else A4_SHORT
    section.page_height = A4_SHORT if landscape else A4_LONG
    section.top_margin = MARGIN_TOP
    section.bottom_margin = MARGIN_BOTTOM
    section.left_margin = MARGIN_LEFT
    section.right_margin = MARGIN_RIGHT
    section.header_distance = Mm(10)
    section.footer_distance = Mm(10)
    section.gutter = Mm(0)


# --------------------------------------------------------------------------------------------
# The document
# --------------------------------------------------------------------------------------------


def _header_block(doc) -> None:
    table = doc.add_table(rows=2, cols=2)
    _table_props(table, HEADER_COLS, borders=False)
    left_w = HEADER_COLS[0] - 2 * CELL_MARGIN
    right_w = HEADER_COLS[1] - 2 * CELL_MARGIN
    left, right = table.rows[0].cells
    # each line of the agency block is one paragraph, split where it fits (render/agency_lines.py)
    _first_cell_paragraph(left, "{%p for line in header.parent_lines %}", "KH Agency Parent")
    _para(left, "{{ line }}", "KH Agency Parent")
    _para(left, "{%p endfor %}", "KH Agency Parent")
    _para(left, "{%p for line in header.agency_lines %}", "KH Agency")
    _para(left, "{{ line }}", "KH Agency")
    _para(left, "{%p endfor %}", "KH Agency")
    _rule(left, RULE_AGENCY, left_w)
    _first_cell_paragraph(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "KH National Title")
    _para(right, "Độc lập - Tự do - Hạnh phúc", "KH Motto")
    _rule(right, RULE_MOTTO, right_w)
    left, right = table.rows[1].cells
    _first_cell_paragraph(left, "{{ header.number_line }}", "KH Number")
    _first_cell_paragraph(right, "{{ header.place_date }}", "KH Place Date")
    for row in table.rows:
        _row_flags(row)


# A draft's watermark: Word's own text watermark (a VML WordArt shape in the page header),
# which Word and LibreOffice both show behind the text of every page.
WATERMARK_XML = (
    '<w:r %s><w:pict>'
    '<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" '
    'path="m@7,l@8,m@5,21600l@6,21600e">'
    "<v:formulas>"
    + "".join(
        f'<v:f eqn="{eqn}"/>'
        for eqn in (
            "sum #0 0 10800", "prod #0 2 1", "sum 21600 0 @1", "sum 0 0 @2", "sum 21600 0 @3",
            "if @0 @3 0", "if @0 21600 @1", "if @0 0 @2", "if @0 @4 21600", "mid @5 @6",
            "mid @8 @5", "mid @7 @8", "mid @6 @7", "sum @6 0 @5",
        )
    )
    + "</v:formulas>"
    '<v:path textpathok="t" o:connecttype="custom" o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800" '
    'o:connectangles="270,180,90,0"/>'
    '<v:textpath on="t" fitshape="t"/>'
    '<v:handles><v:h position="#0,bottomRight" xrange="6629,14971"/></v:handles>'
    '<o:lock v:ext="edit" text="t" shapetype="t"/>'
    "</v:shapetype>"
    '<v:shape id="{shape_id}" o:spid="{shape_id}" type="#_x0000_t136" '
    'style="position:absolute;margin-left:0;margin-top:0;width:440pt;height:110pt;rotation:315;'
    "z-index:-251654144;mso-position-horizontal:center;mso-position-horizontal-relative:margin;"
    'mso-position-vertical:center;mso-position-vertical-relative:margin" '
    'o:allowincell="f" fillcolor="#c0c0c0" stroked="f">'
    '<v:fill opacity=".5"/>'
    '<v:textpath style="font-family:&quot;Times New Roman&quot;;font-size:1pt" string="{text}"/>'
    '<w10:wrap anchorx="margin" anchory="margin"/>'
    "</v:shape>"
    "</w:pict></w:r>"
)  # fmt: skip
WATERMARK_NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
    'xmlns:w10="urn:schemas-microsoft-com:office:word"'
)


def _watermark(header, shape_id: str) -> None:
    """A draft's watermark in a page header, only when the context says `draft`."""
    from docx.oxml import parse_xml

    _para(header, "{%p if draft %}", "KH Page Number")
    p = _para(header, "", "KH Page Number")
    xml = WATERMARK_XML.replace("{shape_id}", shape_id).replace("{text}", "DỰ THẢO")
    p._p.append(parse_xml(xml % WATERMARK_NS))
    _para(header, "{%p endif %}", "KH Page Number")


def _draft_mark(doc) -> None:
    """'DỰ THẢO' above the header block, boxed, only in a draft."""
    _para(doc, "{%p if draft %}", "KH Draft Mark")
    _para(doc, "{{ draft_mark }}", "KH Draft Mark")
    _para(doc, "{%p endif %}", "KH Draft Mark")


def _body(doc) -> None:
    _para(doc, "{{ doc_type }}", "KH Doc Type")
    _para(doc, "{{ title }}", "KH Title")
    _rule(doc, RULE_TITLE, TEXT_WIDTH_PORTRAIT)
    _para(doc, "", "KH Body")  # breathing space before the Căn cứ lines

    _para(doc, "{%p for line in basis_lines %}", "KH Basis")
    _para(doc, "{{ line }}", "KH Basis")
    _para(doc, "{%p endfor %}", "KH Basis")
    _para(doc, "{{ intro }}", "KH Body")

    _para(doc, "I. MỤC ĐÍCH, YÊU CẦU", "KH Heading")
    _para(doc, "1. Mục đích:", "KH Heading 2")
    _para(doc, "{%p for line in purposes %}", "KH Body")
    _para(doc, "{{ line }}", "KH Body")
    _para(doc, "{%p endfor %}", "KH Body")
    _para(doc, "2. Yêu cầu:", "KH Heading 2")
    _para(doc, "{%p for line in requirements %}", "KH Body")
    _para(doc, "{{ line }}", "KH Body")
    _para(doc, "{%p endfor %}", "KH Body")

    _para(doc, "II. NỘI DUNG", "KH Heading")
    _para(doc, "{%p for item in content_items %}", "KH Heading 2")
    _para(doc, "{{ item.heading }}", "KH Heading 2")
    _para(doc, "{%p for p in item.paragraphs %}", "KH List")
    _para(doc, "{%p if p.level == 1 %}", "KH List 2")
    _para(doc, "{{ p.text }}", "KH List 2")
    _para(doc, "{%p else %}", "KH List")
    _para(doc, "{{ p.text }}", "KH List")
    _para(doc, "{%p endif %}", "KH List")
    _para(doc, "{%p endfor %}", "KH List")
    _para(doc, "{%p endfor %}", "KH List")

    _para(doc, "III. KINH PHÍ", "KH Heading")
    _para(doc, "{%p for line in budget.lines %}", "KH Body")
    _para(doc, "{{ line }}", "KH Body")
    _para(doc, "{%p endfor %}", "KH Body")

    _para(doc, "IV. TỔ CHỨC THỰC HIỆN", "KH Heading")
    _para(doc, "{%p for line in organization %}", "KH Closing")
    _para(doc, "{{ line }}", "KH Closing")
    _para(doc, "{%p endfor %}", "KH Closing")


def _signature_block(doc) -> None:
    table = doc.add_table(rows=1, cols=2)
    _table_props(table, SIGN_COLS, borders=False)
    left, right = table.rows[0].cells
    _first_cell_paragraph(left, "Nơi nhận:", "KH Recipients Title")
    _para(left, "{%p for line in recipients %}", "KH Recipients")
    _para(left, "{{ line }}", "KH Recipients")
    _para(left, "{%p endfor %}", "KH Recipients")
    _first_cell_paragraph(right, "{%p if signer.authority %}", "KH Signer")
    _para(right, "{{ signer.authority }}", "KH Signer")
    _para(right, "{%p endif %}", "KH Signer")
    _para(right, "{{ signer.position }}", "KH Signer")
    _para(right, "{{ signer.name }}", "KH Signer Name")
    _row_flags(table.rows[0])


def _merge_full_row(row, text: str) -> None:
    cell = row.cells[0].merge(row.cells[-1])
    _first_cell_paragraph(cell, text, "KH Table Tag")


def _appendix(doc) -> None:
    _para(doc, "{{ appendix.title }}", "KH Appendix Title")
    _para(doc, "{{ appendix.heading }}", "KH Appendix Heading")
    _para(doc, "{{ appendix.subtitle }}", "KH Appendix Subtitle")

    table = doc.add_table(rows=8, cols=7)
    _table_props(table, APPENDIX_COLS, borders=True)
    rows = table.rows

    head = rows[0]
    for i, cell in enumerate(head.cells):
        _first_cell_paragraph(cell, f"{{{{ appendix.columns[{i}] }}}}", "KH Table Head")
    _row_flags(head, header=True)

    _merge_full_row(rows[1], "{%tr for s in appendix.sections %}")

    sec = rows[2]
    cells = sec.cells
    _first_cell_paragraph(cells[0], "{{ s.stt }}", "KH Table Strong Center")
    title_cell = cells[1].merge(cells[4])
    _first_cell_paragraph(title_cell, "{{ s.title }}", "KH Table Strong")
    cells = sec.cells
    _first_cell_paragraph(cells[5], "{{ s.subtotal }}", "KH Table Strong Number")
    _first_cell_paragraph(cells[6], "", "KH Table Basis")
    _row_flags(sec)
    # A section row is never left at the foot of a page away from its lines: Word and
    # LibreOffice keep a table row with the next one when its paragraphs keep with next.
    for cell in sec.cells:
        for paragraph in cell.paragraphs:
            paragraph.paragraph_format.keep_with_next = True

    _merge_full_row(rows[3], "{%tr for l in s.lines %}")

    line = rows[4]
    spec = (
        ("{{ l.stt }}", "KH Table Center"),
        ("{{ l.item }}", "KH Table Text"),
        ("{{ l.unit }}", "KH Table Center"),
        ("{{ l.quantity }}", "KH Table Number"),
        ("{{ l.rate }}", "KH Table Number"),
        ("{{ l.amount }}", "KH Table Number"),
        ("{{ l.basis }}", "KH Table Basis"),
    )
    for cell, (text, style) in zip(line.cells, spec, strict=True):
        _first_cell_paragraph(cell, text, style)
    _row_flags(line)

    _merge_full_row(rows[5], "{%tr endfor %}")
    _merge_full_row(rows[6], "{%tr endfor %}")

    total = rows[7]
    cells = total.cells
    _first_cell_paragraph(cells[0], "", "KH Table Center")
    label = cells[1].merge(cells[4])
    _first_cell_paragraph(label, "TỔNG CỘNG", "KH Table Strong Center")
    cells = total.cells
    _first_cell_paragraph(cells[5], "{{ appendix.total }}", "KH Table Strong Number")
    _first_cell_paragraph(cells[6], "", "KH Table Basis")
    _row_flags(total)

    _para(doc, "(Bằng chữ: {{ appendix.total_words }})", "KH Appendix Note")
    _para(doc, "{%p if appendix.notes %}", "KH Appendix Note")
    _para(doc, "{{ appendix.notes_title }}", "KH Appendix Note")
    _para(doc, "{%p for note in appendix.notes %}", "KH Appendix Note")
    _para(doc, "{{ note }}", "KH Appendix Note")
    _para(doc, "{%p endfor %}", "KH Appendix Note")
    _para(doc, "{%p endif %}", "KH Appendix Note")
    # review notes: only a draft has them (the document for signature carries none)
    _para(doc, "{%p if appendix.review %}", "KH Appendix Note")
    _para(doc, "{{ appendix.review_title }}", "KH Appendix Note")
    _para(doc, "{%p for note in appendix.review %}", "KH Appendix Note")
    _para(doc, "{{ note }}", "KH Appendix Note")
    _para(doc, "{%p endfor %}", "KH Appendix Note")
    _para(doc, "{%p endif %}", "KH Appendix Note")


def _core_properties(doc) -> None:
    cp = doc.core_properties
    cp.author = ""  # the document is the agency's: no program name in it
    cp.last_modified_by = ""
    cp.created = FIXED_TIME
    cp.modified = FIXED_TIME
    cp.last_printed = FIXED_TIME
    cp.revision = 1
    cp.title = ""
    cp.subject = ""
    cp.comments = ""
    cp.keywords = ""
    cp.category = ""
    cp.language = "vi-VN"
    cp.identifier = ""


KEEP_STYLES = {
    "Normal",
    "Default Paragraph Font",
    "Normal Table",
    "No List",
    "Table Grid",
    "Header",
    "Header Char",
    "Footer",
    "Footer Char",
}
DROP_RELTYPES = (
    "/relationships/metadata/thumbnail",  # a picture of python-docx's blank page
    "/relationships/stylesWithEffects",  # Word 2010 legacy copy of styles.xml
    "/relationships/customXml",  # empty bibliography store
)


def _prune_package(doc) -> None:
    """Drop parts the template does not need and styles nobody uses (keeps the file small)."""
    for owner in (doc.part.package, doc.part):
        for r_id, rel in list(owner.rels.items()):
            if rel.reltype.endswith(DROP_RELTYPES):
                del owner.rels[r_id]
    styles_el = doc.styles.element
    by_id = {st.get(qn("w:styleId")): st for st in styles_el.iterfind(qn("w:style"))}
    keep = {
        sid
        for sid, st in by_id.items()
        if st.find(qn("w:name")).get(qn("w:val")) in KEEP_STYLES
        or st.find(qn("w:name")).get(qn("w:val")).startswith("KH ")
    }
    pending = list(keep)
    while pending:  # follow basedOn / next / link so no kept style points to a removed one
        st = by_id[pending.pop()]
        for tag in ("w:basedOn", "w:next", "w:link"):
            ref = st.find(qn(tag))
            if ref is not None and ref.get(qn("w:val")) in by_id:
                target = ref.get(qn("w:val"))
                if target not in keep:
                    keep.add(target)
                    pending.append(target)
    for sid, st in by_id.items():
        if sid not in keep:
            styles_el.remove(st)


def _check_widths() -> None:
    for cols, width in (
        (HEADER_COLS, TEXT_WIDTH_PORTRAIT),
        (SIGN_COLS, TEXT_WIDTH_PORTRAIT),
        (APPENDIX_COLS, TEXT_WIDTH_LANDSCAPE),
    ):
        if sum(cols) > width:
            raise ValueError(f"columns {cols} are wider than the text area {width}")


def build_document():
    _check_widths()
    doc = Document()
    _setup_defaults(doc)
    _setup_styles(doc)
    _core_properties(doc)
    _prune_package(doc)

    first = doc.sections[0]
    _page_setup(first, landscape=False)
    first.different_first_page_header_footer = True
    first.first_page_header.is_linked_to_previous = False
    first.first_page_header.paragraphs[0].style = "KH Page Number"
    first.header.is_linked_to_previous = False
    page_p = first.header.paragraphs[0]
    page_p.style = "KH Page Number"
    _page_number_field(page_p)
    _watermark(first.first_page_header, "WaterMarkFirst")
    _watermark(first.header, "WaterMark")

    _draft_mark(doc)
    _header_block(doc)
    _body(doc)
    _signature_block(doc)

    # Landscape section for the appendix; its header (page number) continues from section 1.
    second = doc.add_section(WD_SECTION.NEW_PAGE)
    # The paragraph that now carries section 1's sectPr gets a 1 pt style, so that it never
    # spills onto a page of its own after the signature block.
    body = doc.element.body
    for p_el in body.iterchildren(qn("w:p")):
        ppr = p_el.pPr
        if ppr is not None and ppr.find(qn("w:sectPr")) is not None:
            _ensure(ppr, "w:pStyle", PPR_ORDER, val=doc.styles["KH Section Break"].style_id)
    _page_setup(second, landscape=True)
    second.different_first_page_header_footer = False
    _appendix(doc)
    return doc


def _check_nfc(doc) -> None:
    xml = doc.element.xml
    if unicodedata.normalize("NFC", xml) != xml:
        raise AssertionError("template text is not NFC")


def build(path: Path) -> None:
    """Build the template and write it (normalised, byte-reproducible) to ``path``."""
    save(build_document(), path)


def save(doc, path: Path) -> None:
    """Write a built document, checked for NFC text, normalised and byte-reproducible."""
    _check_nfc(doc)
    buf = io.BytesIO()
    doc.save(buf)
    data = normalize_docx_zip(buf.getvalue())
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.build.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0]) if args else SHIPPED
    build(out)
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
