"""Render the KẾ HOẠCH Word document from a view-model context with a docxtpl template.

The template only places values: every value in the context is an already formatted string
(the contract is documented by ``tests/fixtures/context_quang_tri.json``). Rendering runs in a
sandboxed Jinja environment with autoescape (so ``&``, ``<``, ``>`` and quotes in values come out
as literal text) and ``StrictUndefined`` (a missing value is an error, not a blank).

Values are prepared before rendering: NFC normalisation, ``\\r\\n``/``\\r`` → ``\\n``; a newline
inside a value becomes a line break (``<w:br/>``) in the same paragraph and a tab a tab stop
(docxtpl's own handling); other control characters, which XML cannot carry, are dropped.

The output is byte-reproducible: the saved package is rewritten by :func:`normalize_docx_zip`
(fixed entry order and timestamps, stored entries) and written atomically.

This module is imported only by the render command; docxtpl and python-docx load with it.
"""

from __future__ import annotations

import copy
import html
import importlib.resources
import io
import re
import shutil
import subprocess
import tempfile
import traceback
import unicodedata
import zipfile
from pathlib import Path
from typing import Any, NamedTuple

import jinja2
from docx.oxml.ns import nsmap
from docx.oxml.parser import element_class_lookup
from docx.oxml.xmlchemy import BaseOxmlElement
from docxtpl import DocxTemplate
from jinja2.sandbox import SandboxedEnvironment, SecurityError
from lxml import etree

from cap135.errors import PdfFailure, TemplateFailure
from cap135.render.atomic import (
    OutputError,
    atomic_output,
    atomic_write_bytes,
    check_output_path,
)
from cap135.text import clean

__all__ = [
    "DEFAULT_TEMPLATE_NAME",
    "OutputError",
    "PdfError",
    "TemplateError",
    "docx_to_pdf",
    "normalize_docx_zip",
    "prepare_context",
    "render_docx",
    "render_docx_bytes",
]

DEFAULT_TEMPLATE_NAME = "kehoach.docx"
SOFFICE_TIMEOUT = 180  # seconds
MAX_TEMPLATE_BYTES = 64 * 2**20  # a .docx template, images included
MAX_TEMPLATE_UNPACKED = 256 * 2**20  # its parts once unzipped (zip bombs)

# 1980-01-01 00:00:00 is the earliest time a zip entry can carry.
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
_EXCERPT_WIDTH = 70


class TemplateError(TemplateFailure):
    """The Word template cannot be used; the message names the file, the tag and its context."""


class PdfError(PdfFailure):
    """The PDF could not be produced (LibreOffice missing, failing or too slow)."""


# --------------------------------------------------------------------------------------------
# Zip normalisation (shared with templates/build_template.py)
# --------------------------------------------------------------------------------------------


def _entry_order(name: str) -> tuple[int, str]:
    # [Content_Types].xml first and package relationships next, as Office writes them.
    if name == "[Content_Types].xml":
        return (0, name)
    if name.startswith("_rels/"):
        return (1, name)
    return (2, name)


def normalize_docx_zip(data: bytes, body: _RawBody | None = None) -> bytes:
    """Rewrite a .docx (zip) so that equal content gives equal bytes.

    Entries are sorted ([Content_Types].xml, _rels/, then by name), dated 1980-01-01 00:00:00,
    carry no extra fields and the same attributes, and are stored uncompressed, so the bytes do not
    depend on the zlib build either. Directory entries are dropped. ``body``, when given, is
    the rendered body kept as text: it fills the empty ``<w:body/>`` of word/document.xml.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as zin:
        entries = {info.filename: zin.read(info) for info in zin.infolist() if not info.is_dir()}
    if body is not None:
        entries["word/document.xml"] = body.fill(entries["word/document.xml"])
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_STORED, allowZip64=False) as zout:
        for name in sorted(entries, key=_entry_order):
            info = zipfile.ZipInfo(name, date_time=_ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_STORED
            info.create_system = 0
            info.create_version = 20
            info.extract_version = 20
            info.external_attr = 0o644 << 16  # a plain file, rw-r--r--, whatever the platform
            info.extra = b""
            info.comment = b""
            zout.writestr(info, entries[name])
    return out.getvalue()


# --------------------------------------------------------------------------------------------
# Context preparation
# --------------------------------------------------------------------------------------------


def _clean_text(value: str) -> str:
    value = unicodedata.normalize("NFC", value)
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return clean(value)  # what XML 1.0 cannot carry (CR is normalised above)


def prepare_context(value: Any) -> Any:
    """A copy of ``value`` with every string made safe for Word XML (see the module doc)."""
    if isinstance(value, str):
        return _clean_text(value)
    if isinstance(value, dict):
        return {key: prepare_context(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [prepare_context(item) for item in value]
    return value


# --------------------------------------------------------------------------------------------
# Rendering fast path (see _Template)
# --------------------------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_BODY, _P, _PPR, _SECTPR = _W + "body", _W + "p", _W + "pPr", _W + "sectPr"
_TBL, _TBLGRID, _GRIDCOL, _TR = _W + "tbl", _W + "tblGrid", _W + "gridCol", _W + "tr"
_TC, _TCPR, _GRIDSPAN = _W + "tc", _W + "tcPr", _W + "gridSpan"
_ROW_SPANS = etree.XPath("w:tc/w:tcPr/w:gridSpan", namespaces={"w": _W[1:-1]})
_DOCPR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
_FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
# Characters docxtpl's resolve_listing turns into Word markup (tab, paragraph, line, page break).
_LISTING_CHARS = re.compile("[\t\a\n\f]")
_PARAGRAPH = re.compile(r"<w:p(?: [^>]*)?>.*?</w:p>", re.DOTALL)
_DOCPR_ID = re.compile(rb'(<wp:docPr\b[^>]*?\bid=")[^"]*(")')
_EMPTY_BODY = b"<w:body/>"
_EMPTY_ELEMENT = re.compile(rb"<([A-Za-z][\w.:-]*)((?:\s[^<>]*)?)></\1>")
_QUOTE_REF = re.compile(rb"&#34;")


def _requote(m: re.Match[bytes]) -> bytes:
    # Inside a tag (an attribute value) when the last "<" before it is after the last ">".
    data, at = m.string, m.start()
    return b"&quot;" if data.rfind(b"<", 0, at) > data.rfind(b">", 0, at) else b'"'


# docxtpl's forgiving parse (fix_tables), with python-docx's element classes (CT_Document, …).
_BODY_PARSER = etree.XMLParser(recover=True)
_BODY_PARSER.set_element_class_lookup(element_class_lookup)


class _RawBody:
    """The rendered <w:body> as UTF-8 text that libxml2 parsed without error, never kept as a tree.

    ``sections`` is the number of sections python-docx would find in it.
    """

    def __init__(self, data: bytes, sections: int) -> None:
        # Write what lxml would serialize: Jinja's autoescape gives &#39; and &#34;, lxml a
        # plain ' and " (&quot; inside a tag); an element with nothing inside is self-closed.
        data = data.replace(b"&#39;", b"'")
        if b"&#34;" in data:
            data = _QUOTE_REF.sub(_requote, data)
        self.data = _EMPTY_ELEMENT.sub(rb"<\1\2/>", data)
        self.start = self.data.index(b">") + 1  # its start tag repeats the document's xmlns
        self.sections = sections

    def fill(self, document_xml: bytes) -> bytes:
        head, empty, tail = document_xml.partition(_EMPTY_BODY)
        if not empty:  # pragma: no cover - map_tree always leaves the body empty
            raise ValueError("word/document.xml has no empty body to fill")
        return b"".join((head, b"<w:body>", memoryview(self.data)[self.start :], tail))


def _spelled_as_lxml(data: bytes) -> bool:
    """True when lxml would write the well-formed ``data`` with the same bytes, as far as cheap
    checks can tell: no comment, CDATA, processing instruction or CR; no ">" but at the end of a
    tag; no reference but &amp; &lt; &gt;, and &quot; only inside tags."""
    if b"<!" in data or b"<?" in data or b"\r" in data or data.count(b"<") != data.count(b">"):
        return False
    quotes = data.count(b"&quot;")
    if data.count(b"&") != data.count(b"&amp;") + data.count(b"&lt;") + data.count(b"&gt;") + quotes:
        return False
    at = -1
    for _ in range(quotes):
        at = data.find(b"&quot;", at + 1)
        if data.rfind(b"<", 0, at) < data.rfind(b">", 0, at):  # in text lxml writes a plain "
            return False
    return True


def _row_shape(row: Any) -> tuple[int, int]:
    """(cells, grid columns they span) of a w:tr, counted as docxtpl's fix_tables counts them."""
    cells = row.findall(_TC)
    if not _ROW_SPANS(row):
        return len(cells), len(cells)
    width = 0
    for cell in cells:
        props = cell.find(_TCPR)
        span = None if props is None else props.find(_GRIDSPAN)
        width += 1 if span is None else int(span.get(_W + "val"))  # docxtpl fails here too
    return len(cells), width


def _grid_fits(table: Any, cells: int, width: int) -> bool:
    """True when fix_tables leaves ``table`` alone: no row has more cells than w:tblGrid has
    columns (it would add some) and no grid is wider than its widest row (it would drop some)."""
    grid = table.find(_TBLGRID)
    return grid is not None and cells <= len(grid.findall(_GRIDCOL)) <= width


def _tables_fit(root: Any) -> bool:
    """True when docxtpl's fix_tables would change no table of the tree ``root``."""
    try:
        for table in root.iter(_TBL):
            cells = width = 0
            for row in table.iter(_TR):  # nested tables' rows count too, as in docxtpl
                row_cells, row_width = _row_shape(row)
                cells, width = max(cells, row_cells), max(width, row_width)
            if not _grid_fits(table, cells, width):
                return False
    except (TypeError, ValueError):
        return False
    return True


class _Scan(NamedTuple):
    tables_fit: bool  # as _tables_fit
    sections: int  # python-docx's sections: ./w:body/w:p/w:pPr/w:sectPr | ./w:body/w:sectPr
    pictures: int  # wp:docPr elements, whose ids docxtpl renumbers
    root: Any  # the body element, emptied


def _scan_body(data: bytes) -> _Scan | None:
    """Parse the rendered body strictly, as a stream; None when libxml2 reports an error.

    Rows and the body's finished children are dropped as the parse goes, so only one of them is
    in memory at a time.
    """
    shapes: list[list[int]] = []  # [cells, width] of each open table, outermost first
    fit = True
    sections = pictures = 0
    tags = (_TBL, _TR, _P, _SECTPR, _DOCPR)
    events = etree.iterparse(io.BytesIO(data), events=("start", "end"), tag=tags)
    try:
        for event, elt in events:
            tag = elt.tag
            if event == "start":
                if tag == _TBL:
                    shapes.append([0, 0])
                continue
            if tag == _TR:
                if fit:
                    try:
                        cells, width = _row_shape(elt)
                    except (TypeError, ValueError):
                        fit = False
                    else:
                        for shape in shapes:
                            shape[0], shape[1] = max(shape[0], cells), max(shape[1], width)
                elt.clear()
                continue
            if tag == _DOCPR:
                pictures += 1
                continue
            if tag == _TBL:
                cells, width = shapes.pop()
                fit = fit and _grid_fits(elt, cells, width)
            parent = elt.getparent()
            if tag == _SECTPR:
                if parent is not None and parent.tag == _PPR:
                    paragraph = parent.getparent()
                    parent = paragraph.getparent() if paragraph.tag == _P else None
                if parent is not None and parent.getparent() is None:
                    sections += 1
            elif parent is not None and parent.getparent() is None:
                # A child of the root is finished, and so is all before it (not what comes after:
                # the parser reads ahead, later siblings may be there already).
                del parent[: parent.index(elt) + 1]
    except etree.XMLSyntaxError:
        return None
    return _Scan(fit, sections, pictures, events.root)


# --------------------------------------------------------------------------------------------
# Template errors with context
# --------------------------------------------------------------------------------------------


class _Template(DocxTemplate):
    """DocxTemplate that remembers the preprocessed XML of the part being rendered.

    It also replaces steps of docxtpl by equivalent ones that stay fast and small for a plan of
    thousands of groups, whose rendered body holds ~10^6 XML nodes (33 MB for 2,000 groups);
    the .docx bytes are the same as docxtpl's own (tests/test_render_fast_path.py):

    * resolve_listing rewrites only the paragraphs that hold a tab, newline, \\a or \\f;
    * a body that libxml2 parses without error is not kept as an lxml tree (≈ 10 × its size in
      memory) and moved node by node into the template's document (seconds at 2,000 groups): it
      is parsed once as a stream (:func:`_scan_body`, which drops what it has read) and written
      into word/document.xml as text (:class:`_RawBody`), with the docPr ids renumbered in the
      text and the footnotes rendered once per section, as docxtpl does;
    * otherwise (libxml2 must recover it) it is parsed with python-docx's element classes and
      the document element is rebuilt around it, in its own lxml document, so nothing moves;
    * whenever docxtpl's table fix-up would change a table (a {%tc %} column loop that widens a
      row, a grid wider than its rows, a table without w:tblGrid, …), the body's start tag holds
      more than the document's namespaces or a picture's docPr is not written as
      ``<wp:docPr … id="…"``, or the text is not spelled as lxml would write it
      (:func:`_spelled_as_lxml`), docxtpl's own steps are used.

    The template's body reaches Jinja as lxml wrote it (docxtpl serialises python-docx's tree), so
    only Jinja's output can be spelled otherwise: its escapes, which _RawBody rewrites, and markup
    a template marks ``|safe``. Not checked there, for want of a cheap test: spaces, tabs or
    newlines inside a tag, attribute values in single quotes, a tab or newline in an attribute
    value (lxml writes a space; a value with a newline in a ``{% cellbg %}`` colour, say). Those
    give the same XML document in other bytes; the shipped template puts no value in an attribute.

    These override docxtpl internals (fix_tables, fix_docpr_ids, map_tree, resolve_listing,
    render_footnotes): pyproject.toml pins docxtpl to 0.20.x. ``fast_path = False`` (tests only)
    gives docxtpl's own behaviour, the reference the fast path is compared with.
    """

    fast_path: bool = True
    last_source: str | None = None
    raw_body: _RawBody | None = None
    body_path: str = ""  # how fix_tables went: "text", "recovered" or "docxtpl" (tests, debugging)

    def render_xml_part(self, src_xml, part, context, jinja_env=None):
        # Same transformation docxtpl applies before handing the text to Jinja, so Jinja's
        # line numbers point into this string.
        self.last_source = re.sub(r"<w:p([ >])", r"\n<w:p\1", src_xml)
        return super().render_xml_part(src_xml, part, context, jinja_env)

    def resolve_listing(self, xml):
        if not self.fast_path:
            return super().resolve_listing(xml)
        if not _LISTING_CHARS.search(xml):
            return xml
        base = super().resolve_listing

        def paragraph(m: re.Match[str]) -> str:
            text = m.group(0)
            return base(text) if _LISTING_CHARS.search(text) else text

        return _PARAGRAPH.sub(paragraph, xml)

    def fix_tables(self, xml):
        self.body_path = "docxtpl"
        if not self.fast_path:
            return super().fix_tables(xml)
        data = xml.encode("utf-8")
        scan = _scan_body(data)
        if scan is None:  # libxml2 must recover it, as docxtpl's parser does
            tree = etree.fromstring(data, parser=_BODY_PARSER)
            if not _tables_fit(tree):
                return super().fix_tables(xml)
            self.body_path = "recovered"
            return tree
        root, namespaces = scan.root, self.docx._element.nsmap
        if (
            not scan.tables_fit
            or root.tag != _BODY
            or root.prefix != "w"
            or root.attrib
            or any(namespaces.get(prefix) != uri for prefix, uri in root.nsmap.items())
            or (scan.pictures and scan.pictures != len(_DOCPR_ID.findall(data)))
        ):
            return super().fix_tables(xml)
        body = _RawBody(data, scan.sections)
        if not _spelled_as_lxml(body.data):
            return super().fix_tables(xml)
        self.body_path = "text"
        return body

    def fix_docpr_ids(self, tree):
        if isinstance(tree, _RawBody):
            if b"<wp:docPr" in tree.data:

                def renumber(m: re.Match[bytes]) -> bytes:
                    self.docx_ids_index += 1
                    return m[1] + str(self.docx_ids_index).encode() + m[2]

                tree.data = _DOCPR_ID.sub(renumber, tree.data)
            return None
        if isinstance(tree, BaseOxmlElement):  # its xpath() takes no namespaces argument
            for elt in etree.XPath("//wp:docPr", namespaces=nsmap)(tree):
                self.docx_ids_index += 1
                elt.attrib["id"] = str(self.docx_ids_index)
            return None
        return super().fix_docpr_ids(tree)

    def map_tree(self, tree):
        if isinstance(tree, _RawBody):
            self.raw_body = tree
            body = self.docx._element.body
            for child in list(body):
                body.remove(child)
            return None
        if not isinstance(tree, BaseOxmlElement):
            return super().map_tree(tree)
        old = self.docx._element
        root = tree.makeelement(old.tag, attrib=dict(old.attrib), nsmap=old.nsmap)
        for child in old:
            root.append(tree if child.tag == tree.tag else copy.deepcopy(child))
        self.docx._element = self.docx._part._element = root
        self.docx._Document__body = None
        return None

    def render_footnotes(self, context, jinja_env=None):
        if self.raw_body is None:
            return super().render_footnotes(context, jinja_env)
        # docxtpl's loop, which runs once per section of the body (now empty: the sections are
        # counted by _scan_body), rendering every footnotes part of the package each time.
        if jinja_env is None:
            jinja_env = jinja2.Environment()
        for _ in range(self.raw_body.sections):
            for part in self.docx.part.package.parts:
                if part.content_type == _FOOTNOTES:
                    xml = self.patch_xml(
                        part.blob.decode("utf-8") if isinstance(part.blob, bytes) else part.blob
                    )
                    xml = self.render_xml_part(xml, part, context, jinja_env)
                    part._blob = xml.encode("utf-8")
        return None


def _plain(xml: str) -> str:
    """Visible text of an XML fragment: paragraph ends become spaces, tags are dropped."""
    xml = re.sub(r"</w:p>|<w:br/>|<w:tab/>", " ", xml)
    text = re.sub(r"<[^>]*>", "", xml)
    text = re.sub(r"^[^<]*>", "", text)  # a tag cut in half at the window's start
    text = re.sub(r"<[^>]*$", "", text)  # ... or at its end
    return re.sub(r"\s+", " ", html.unescape(text))


def _excerpt(source: str, pos: int, end: int | None = None) -> str:
    """Plain text around ``source[pos:end]`` (the tag), about 70 characters either side."""
    end = pos if end is None else end
    before = _plain(source[max(0, pos - 4000) : pos])[-_EXCERPT_WIDTH:]
    middle = _plain(source[pos:end])
    after = _plain(source[end : end + 4000])[:_EXCERPT_WIDTH]
    return f"…{before}{middle}{after}…".strip()


def _unclosed_tag(source: str) -> int | None:
    """Offset of the first ``{{``/``{%``/``{#`` that is not closed before the next opener."""
    closers = {"{{": "}}", "{%": "%}", "{#": "#}"}
    open_at: int | None = None
    want = ""
    for m in re.finditer(r"\{\{|\{%|\{#|\}\}|%\}|#\}", source):
        tok = m.group(0)
        if tok in closers:
            if open_at is not None:
                return open_at
            open_at, want = m.start(), closers[tok]
        elif open_at is not None and tok == want:
            open_at = None
    return open_at


def _line_offset(source: str, lineno: int) -> int:
    pos = 0
    for _ in range(max(lineno - 1, 0)):
        nxt = source.find("\n", pos)
        if nxt < 0:
            return len(source)
        pos = nxt + 1
    return pos


def _template_lineno(exc: BaseException) -> int | None:
    """Line of the template (as rewritten by Jinja into the traceback) where ``exc`` arose."""
    lineno = getattr(exc, "lineno", None)
    if isinstance(lineno, int):
        return lineno
    found = None
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename == "<template>" and frame.lineno is not None:
            found = frame.lineno
    return found


def _raised_by_a_tag(exc: BaseException) -> bool:
    """True when ``exc`` was raised while Jinja ran the template's code (a ``<template>`` frame)."""
    return any(frame.filename == "<template>" for frame in traceback.extract_tb(exc.__traceback__))


def _names_in_message(message: str) -> list[str]:
    names = re.findall(r"'([^']+)' is undefined", message)
    names += re.findall(r"has no attribute '([^']+)'", message)
    names += re.findall(r"attribute '([^']+)' of", message)
    return names


def _locate(source: str | None, exc: BaseException, names: list[str]) -> tuple[str, str]:
    """(tag, excerpt) for an error in ``source``; empty strings when it cannot be located."""
    if not source:
        return "", ""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        pos = _unclosed_tag(source)
        if pos is not None:
            start = re.match(r"\{[{%#]-?\s*[^\s<{}%#]*", source[pos:])
            tag = start.group(0) if start else source[pos : pos + 2]
            return f"{tag} (not closed)", _excerpt(source, pos)
    lineno = _template_lineno(exc)
    if lineno is None:
        return "", ""
    start = _line_offset(source, lineno)
    stop = source.find("\n", start)
    stop = len(source) if stop < 0 else stop
    # docxtpl's {%p %} tags end up on the line of the paragraph before them: look on the line
    # and, failing that, on its neighbours.
    windows = [(start, stop), (_line_offset(source, lineno - 1), _line_offset(source, lineno + 2))]
    for lo, hi in windows:
        tags = list(_TAG.finditer(source, lo, hi))
        if not tags:
            continue
        chosen = tags[0]
        for m in tags:
            if any(re.search(rf"\b{re.escape(n)}\b", m.group(0)) for n in names):
                chosen = m
                break
        return _plain(chosen.group(0)).strip(), _excerpt(source, chosen.start(), chosen.end())
    return "", _excerpt(source, start)


def _template_error(name: str, exc: BaseException, source: str | None, what: str, code: str) -> TemplateError:
    message = getattr(exc, "message", None) or str(exc)
    names = _names_in_message(message)
    tag, excerpt = _locate(source, exc, names)
    parts = [f"Template {name}: {what}: {message.rstrip('.')}."]
    if tag:
        parts.append(f"Tag: {tag}")
    if excerpt:
        parts.append(f"Near: «{excerpt}»")
    text = " ".join(parts)
    detail = message.rstrip(".")
    return TemplateError(
        text, code=code, template=name, tag=tag or None, excerpt=excerpt or None, detail=detail
    )


# --------------------------------------------------------------------------------------------
# Rendering
# --------------------------------------------------------------------------------------------


def _missing_top_level(tpl: DocxTemplate, ctx: dict) -> list[str]:
    """All top-level names the template uses that ``ctx`` lacks (docxtpl's own analysis)."""
    try:
        names = tpl.get_undeclared_template_variables(_new_environment(), ctx)
    except Exception:  # the analysis is a bonus; never let it hide the real error
        return []
    return sorted(names)


def _load_template(template: Path | None) -> tuple[bytes, str]:
    if template is None:
        resource = importlib.resources.files("cap135").joinpath("templates", DEFAULT_TEMPLATE_NAME)
        try:
            return resource.read_bytes(), f"{resource} (built-in)"
        except OSError as exc:  # a broken installation
            raise TemplateError(
                f"The built-in template {DEFAULT_TEMPLATE_NAME} cannot be read ({exc}); "
                "reinstall cap135 or pass --template.",
                code="template-builtin-unreadable",
                template=DEFAULT_TEMPLATE_NAME,
                reason=exc,
            ) from None
    path = Path(template)
    try:
        # Bounded: --template /dev/zero must not be read until memory runs out.
        with path.open("rb") as stream:
            data = stream.read(MAX_TEMPLATE_BYTES + 1)
    except FileNotFoundError:
        raise TemplateError(
            f"Template {path} does not exist.", code="template-not-found", template=str(path)
        ) from None
    except IsADirectoryError:
        raise TemplateError(
            f"Template {path} is a folder, not a .docx file.", code="template-is-folder", template=str(path)
        ) from None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise TemplateError(
            f"Template {path} cannot be read: {reason}.",
            code="template-unreadable",
            template=str(path),
            reason=reason,
        ) from None
    if len(data) > MAX_TEMPLATE_BYTES:
        raise TemplateError(
            f"Template {path} is larger than {MAX_TEMPLATE_BYTES // 2**20} MiB.",
            code="template-too-large",
            template=str(path),
            limit_mib=MAX_TEMPLATE_BYTES // 2**20,
        )
    return data, str(path)


MAX_REPEAT = 1_000_000  # characters or items a `*` may build
MAX_POWER_BITS = 4096  # size of an integer a `**` may build


class _Sandbox(SandboxedEnvironment):
    """Jinja's sandbox, stricter: unsafe access fails at once, and `*`/`**` cannot exhaust memory.

    The stock sandbox returns an undefined value for an unsafe attribute and fails only when that
    value is printed, so ``{{ ['a']|map('attr', '__class__')|list }}`` renders "[Undefined]". Here
    any unsafe access is a :class:`SecurityError`. ``{{ 'a' * 10**10 }}`` and ``{{ 9**9**9 }}`` are
    refused instead of running (the stock optimiser even folds them while compiling).
    """

    intercepted_binops = frozenset({"*", "**"})

    def unsafe_undefined(self, obj: Any, attribute: str) -> Any:
        raise SecurityError(f"access to attribute {attribute!r} of {type(obj).__name__!r} object is unsafe.")

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if (
            operator == "**"
            and isinstance(left, int)
            and isinstance(right, int)
            and right > 0
            and abs(left) > 1
            and right * abs(left).bit_length() > MAX_POWER_BITS
        ):
            raise SecurityError(f"the sandbox refuses {left} ** {right} (too large a number).")
        if operator == "*":
            for seq, count in ((left, right), (right, left)):
                if (
                    isinstance(seq, (str, bytes, list, tuple))
                    and isinstance(count, int)
                    and len(seq) * count > MAX_REPEAT
                ):
                    raise SecurityError(
                        f"the sandbox refuses to repeat a value {count} times (limit {MAX_REPEAT} items)."
                    )
        return super().call_binop(context, operator, left, right)


def _new_environment() -> SandboxedEnvironment:
    return _Sandbox(autoescape=True, undefined=jinja2.StrictUndefined)


def render_docx_bytes(context: dict, template_data: bytes, template_name: str) -> bytes:
    """Render ``context`` into the template given as bytes; return normalised .docx bytes."""
    if not zipfile.is_zipfile(io.BytesIO(template_data)):
        raise TemplateError(
            f"Template {template_name} is not a Word .docx file (it is not a zip package).",
            code="template-not-docx",
            template=template_name,
        )
    try:
        with zipfile.ZipFile(io.BytesIO(template_data)) as probe:
            names = probe.namelist()
            unpacked = sum(info.file_size for info in probe.infolist())
    except Exception as exc:  # a damaged zip: BadZipFile, EOFError, ValueError, …
        raise TemplateError(
            f"Template {template_name} is not a readable Word .docx file ({exc.__class__.__name__}: {exc}).",
            code="template-damaged",
            template=template_name,
            reason=f"{exc.__class__.__name__}: {exc}",
        ) from None
    if "word/document.xml" not in names:
        raise TemplateError(
            f"Template {template_name} is not a Word .docx file (the package has no word/document.xml).",
            code="template-no-document",
            template=template_name,
        )
    if unpacked > MAX_TEMPLATE_UNPACKED:
        raise TemplateError(
            f"Template {template_name} unpacks to {unpacked // 2**20} MiB, more than the "
            f"{MAX_TEMPLATE_UNPACKED // 2**20} MiB a Word template may hold.",
            code="template-unpacks-too-large",
            template=template_name,
            size_mib=unpacked // 2**20,
            limit_mib=MAX_TEMPLATE_UNPACKED // 2**20,
        )
    ctx = prepare_context(context)
    env = _new_environment()
    tpl = _Template(io.BytesIO(template_data))
    try:
        tpl.render(ctx, jinja_env=env)
        buf = io.BytesIO()
        tpl.save(buf)
    except jinja2.TemplateSyntaxError as exc:
        raise _template_error(
            template_name, exc, tpl.last_source, "Jinja syntax error", "template-syntax"
        ) from None
    except SecurityError as exc:
        raise _template_error(
            template_name,
            exc,
            tpl.last_source,
            "a tag does something the sandbox forbids",
            "template-forbidden",
        ) from None
    except jinja2.UndefinedError as exc:
        error = _template_error(
            template_name,
            exc,
            tpl.last_source,
            "a tag uses a value the context does not provide",
            "template-undefined",
        )
        missing = _missing_top_level(tpl, ctx)
        if missing:
            error.message += f" Top-level names missing from the context: {', '.join(missing)}."
            error.arguments["names"] = ", ".join(missing)
        raise error from None
    except jinja2.TemplateError as exc:
        raise _template_error(
            template_name, exc, tpl.last_source, "a tag failed", "template-tag-failed"
        ) from None
    except Exception as exc:
        if _raised_by_a_tag(exc):
            # Python errors of the template's own code: {{ 1/0 }}, {{ x[99] }}, '{0}'.format_map(x),
            # range(10**9), a macro that calls itself, {% include %} (there is no loader), …
            raise _template_error(
                template_name,
                exc,
                tpl.last_source,
                f"a tag failed ({exc.__class__.__name__})",
                "template-tag-failed",
            ) from None
        # Rendered XML that is not well formed (e.g. a {%p %}/{%tr %} tag whose pair sits in
        # another paragraph or row), python-docx's PackageNotFoundError (a zip without the
        # Word parts it needs) and damaged parts: the template is the input, so whatever
        # docxtpl or python-docx raise on it is a template error.
        raise TemplateError(
            f"Template {template_name} could not be rendered into a valid Word document "
            f"({exc.__class__.__name__}: {exc}). Check that paired tags such as "
            "{%p for %}/{%p endfor %} and {%tr for %}/{%tr endfor %} sit in paragraphs or "
            "table rows of their own.",
            code="template-invalid-docx",
            template=template_name,
            detail=f"{exc.__class__.__name__}: {exc}",
        ) from None
    return normalize_docx_zip(buf.getvalue(), tpl.raw_body)


def render_docx(context: dict, template: Path | None, out: Path, *, protect: Path | None = None) -> None:
    """Render ``context`` with ``template`` (default: the shipped one) into ``out``.

    Raises :class:`TemplateError` for template problems and :class:`OutputError` when ``out``
    cannot be written; on any failure an existing ``out`` is left untouched.
    """
    out = Path(out)
    check_output_path(out, protect)  # fail before the rendering work; nothing is written
    if template is not None:
        check_output_path(out, Path(template))  # nor over the user's own template
    data, name = _load_template(template)
    rendered = render_docx_bytes(context, data, name)
    atomic_write_bytes(out, rendered, protect=protect)


# --------------------------------------------------------------------------------------------
# PDF through LibreOffice
# --------------------------------------------------------------------------------------------


def docx_to_pdf(docx: Path, pdf: Path, *, protect: Path | None = None) -> None:
    """Convert ``docx`` to ``pdf`` with LibreOffice (headless, private profile, 180 s limit)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise PdfError(
            "LibreOffice (soffice) is not installed; install it (e.g. apt-get install "
            "libreoffice-writer) to produce PDF, or open the .docx in Word and export it.",
            code="pdf-no-soffice",
        )
    docx = Path(docx)
    if not docx.is_file():
        raise PdfError(
            f"Cannot convert {docx} to PDF: the file does not exist.", code="pdf-no-docx", docx=docx
        )
    with tempfile.TemporaryDirectory(prefix="cap135-pdf-") as tmp:
        work = Path(tmp)
        profile = work / "profile"
        src = work / "document.docx"
        shutil.copyfile(docx, src)
        cmd = [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            str(src),
        ]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=SOFFICE_TIMEOUT, check=False)
        except subprocess.TimeoutExpired:
            raise PdfError(
                f"LibreOffice did not finish converting {docx} to PDF within {SOFFICE_TIMEOUT} seconds.",
                code="pdf-timeout",
                docx=docx,
                seconds=SOFFICE_TIMEOUT,
            ) from None
        except OSError as exc:
            raise PdfError(
                f"LibreOffice ({soffice}) could not be started: {exc}.",
                code="pdf-cannot-start",
                soffice=soffice,
                reason=exc,
            ) from None
        produced = work / "document.pdf"
        if proc.returncode != 0 or not produced.is_file():
            detail = (proc.stderr or proc.stdout or "").strip().splitlines()
            tail = " ".join(detail[-3:]) if detail else f"exit status {proc.returncode}"
            raise PdfError(
                f"LibreOffice could not convert {docx} to PDF: {tail}",
                code="pdf-convert-failed",
                docx=docx,
                detail=tail,
            )
        with atomic_output(Path(pdf), protect=protect) as target:
            shutil.copyfile(produced, target)
