"""Render the KẾ HOẠCH Word document from a view-model context with a docxtpl template.

The template only places values: every value in the context is an already formatted string
(the contract is documented by ``tests/fixtures/context_quang_tri.json``). Rendering runs in a
sandboxed Jinja environment with autoescape (so ``&``, ``<``, ``>`` and quotes in values come out
as literal text) and ``StrictUndefined`` (a missing value is an error, not a blank).

Values are prepared before rendering (they are NFC already): ``\\r\\n``/``\\r`` → ``\\n``; a newline
inside a value becomes a line break (``<w:br/>``) in the same paragraph and a tab a tab stop
(docxtpl's own handling); other control characters, which XML cannot carry, are dropped.

The output is byte-reproducible: the saved package is rewritten by :func:`normalize_docx_zip`
(fixed entry order and timestamps, stored entries) and written atomically.

Only docxtpl's public API is used (``DocxTemplate.render`` with our Jinja environment), so any
docxtpl release of the supported range works. What a template may do is bounded: the sandbox
(:class:`_Sandbox`), a wall-clock limit, and checks of the package before (no external links)
and after rendering (a document Word opens, with a body).

This module is imported only by the render command; docxtpl and python-docx load with it.
"""

from __future__ import annotations

import contextlib
import html
import importlib.resources
import io
import os
import re
import shutil
import signal
import subprocess
import threading
import traceback
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jinja2
from docxtpl import DocxTemplate
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment, safe_range
from lxml import etree

from cap135.errors import PdfFailure, TemplateFailure
from cap135.loader import NotRegularFile, read_regular
from cap135.render.atomic import (
    OutputError,
    Protect,
    atomic_copy,
    atomic_write_bytes,
    check_output_path,
    protected_paths,
    scratch_copy,
    scratch_folder,
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
SOFFICE_TIMEOUT = 60  # seconds; then LibreOffice and its children are killed
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


def normalize_docx_zip(data: bytes) -> bytes:
    """Rewrite a .docx (zip) so that equal content gives equal bytes.

    Entries are sorted ([Content_Types].xml, _rels/, then by name), dated 1980-01-01 00:00:00,
    carry no extra fields and the same attributes, and are stored uncompressed, so the bytes do not
    depend on the zlib build either. Directory entries are dropped.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as zin:
        entries = {info.filename: zin.read(info) for info in zin.infolist() if not info.is_dir()}
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
    # No NFC here: the plan's text is normalised once, when it is read (loader.py), and
    # build_context normalises the text it composes.
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
# Template errors with context
# --------------------------------------------------------------------------------------------


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
            opening = re.match(r"\{[{%#]-?\s*[^\s<{}%#]*", source[pos:])
            tag = opening.group(0) if opening else source[pos : pos + 2]
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


def _missing_top_level(tpl: DocxTemplate, ctx: dict[str, Any]) -> list[str]:
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
        # Bounded, and never a FIFO or a device: --template /dev/zero must not be read until
        # memory runs out, nor a named pipe block forever.
        data = read_regular(path, MAX_TEMPLATE_BYTES)
    except FileNotFoundError:
        raise TemplateError(
            f"Template {path} does not exist.", code="template-not-found", template=str(path)
        ) from None
    except IsADirectoryError:
        raise TemplateError(
            f"Template {path} is a folder, not a .docx file.", code="template-is-folder", template=str(path)
        ) from None
    except NotRegularFile:
        raise TemplateError(
            f"Template {path} is not a regular file (a device, a FIFO, a socket); give a .docx file.",
            code="template-not-regular",
            template=str(path),
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
MAX_RANGE_ITEMS = 1_000_000  # numbers all the range() calls of one rendering may produce together
MAX_RENDERED_BYTES = 256 * 2**20  # text one part of the template may render to
# libxml2 refuses (or, recovering as docxtpl parses, silently cuts) a text node longer than this
# (XML_MAX_TEXT_LENGTH) unless told to parse a huge tree.
MAX_NODE_TEXT = 10_000_000
RENDER_SECONDS = 120  # wall-clock bound of one rendering (the main thread only: SIGALRM)
# The text between two tags. Matched as a whole run, so the scan is linear: a counted minimum
# (`[^<]{2500000,}`) restarts at every character of a shorter run, quadratic in its length.
_TEXT_RUN = re.compile("[^<]+")


class _RenderLimit(Exception):
    """The template's code ran past a bound of the sandbox; the message says which."""


class _BoundedTemplate(jinja2.Template):
    """A template whose output is checked as it is produced (Template.generate, public API):
    no more than MAX_RENDERED_BYTES in all, no text node libxml2 would cut."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        chunks: list[str] = []
        size = 0
        for chunk in self.generate(*args, **kwargs):
            size += len(chunk)
            if size > MAX_RENDERED_BYTES:
                raise _RenderLimit(
                    f"the rendered text is larger than {MAX_RENDERED_BYTES // 2**20} MiB "
                    "(a loop that repeats too much?)"
                )
            chunks.append(chunk)
        text = "".join(chunks)
        for match in _TEXT_RUN.finditer(text):
            # a run under a quarter of the limit cannot reach it (at most 4 UTF-8 bytes a character)
            if match.end() - match.start() >= MAX_NODE_TEXT // 4 and (
                len(match.group().encode("utf-8")) >= MAX_NODE_TEXT
            ):
                raise _RenderLimit(
                    f"a text in the document would be longer than {MAX_NODE_TEXT:,} bytes, "
                    "more than Word's XML reader takes in one piece"
                )
        return text


class _Sandbox(SandboxedEnvironment):
    """Jinja's sandbox, stricter: unsafe access fails at once, and the template's code is bounded.

    The stock sandbox returns an undefined value for an unsafe attribute and fails only when that
    value is printed, so ``{{ ['a']|map('attr', '__class__')|list }}`` renders "[Undefined]". Here
    any unsafe access is a :class:`SecurityError`. ``{{ 'a' * 10**10 }}`` and ``{{ 9**9**9 }}`` are
    refused instead of running (the stock optimiser even folds them while compiling). The numbers
    all ``range()`` calls produce are counted (two nested ``range(100000)`` loops are refused, not
    run for hours), and the output of each part is bounded (:class:`_BoundedTemplate`).

    ``last_source`` is the text of the last part handed to Jinja (docxtpl's preprocessed XML), so
    an error can quote the tag around it.
    """

    intercepted_binops = frozenset({"*", "**"})
    template_class = _BoundedTemplate

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.range_items = 0
        self.last_source: str | None = None

    def from_string(self, source: Any, globals: Any = None, template_class: Any = None) -> Any:
        if isinstance(source, str):
            self.last_source = source
        return super().from_string(source, globals, template_class)

    def call(self, context: Any, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        if obj is safe_range:
            try:
                # range() takes no keywords; Jinja adds its own (_loop_vars) inside loops
                count = len(range(*args))
            except (TypeError, ValueError, OverflowError):
                count = 0  # let range() itself raise its error
            self.range_items += count
            if self.range_items > MAX_RANGE_ITEMS:
                raise SecurityError(
                    f"the sandbox refuses range(): the template's loops would count more than "
                    f"{MAX_RANGE_ITEMS:,} numbers in all."
                )
        return super().call(context, obj, *args, **kwargs)

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


def _new_environment() -> _Sandbox:
    return _Sandbox(autoescape=True, undefined=jinja2.StrictUndefined)


@contextlib.contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    """Raise _RenderLimit in the block after ``seconds`` (wall clock), through SIGALRM.

    Only the main thread receives signals; elsewhere the block runs unbounded in time (the
    sandbox's range and output bounds still hold).
    """
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expired(signum: int, frame: object) -> None:
        raise _RenderLimit(f"the template ran longer than {seconds:g} seconds (a loop that never ends?)")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


_RELS_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_HYPERLINK_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
_WEB_SCHEMES = ("http://", "https://", "mailto:")


def _check_package(data: bytes, name: str) -> None:
    """Refuse a template that is not a .docx package, a zip bomb, or one with external links.

    A relationship with ``TargetMode="External"`` makes LibreOffice fetch its target while
    converting to PDF: a linked picture ``file:///etc/passwd`` would put a local file into the
    document. Only hyperlinks to web or mail addresses (which nothing opens by itself) are kept.
    """
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise TemplateError(
            f"Template {name} is not a Word .docx file (it is not a zip package).",
            code="template-not-docx",
            template=name,
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as probe:
            infos = probe.infolist()
            names = [info.filename for info in infos]
            unpacked = sum(info.file_size for info in infos)
            if unpacked > MAX_TEMPLATE_UNPACKED:
                raise TemplateError(
                    f"Template {name} unpacks to {unpacked // 2**20} MiB, more than the "
                    f"{MAX_TEMPLATE_UNPACKED // 2**20} MiB a Word template may hold.",
                    code="template-unpacks-too-large",
                    template=name,
                    size_mib=unpacked // 2**20,
                    limit_mib=MAX_TEMPLATE_UNPACKED // 2**20,
                )
            if "word/document.xml" not in names:
                raise TemplateError(
                    f"Template {name} is not a Word .docx file (the package has no word/document.xml).",
                    code="template-no-document",
                    template=name,
                )
            for info in infos:
                if info.filename.endswith(".rels"):
                    _check_relationships(probe.read(info), info.filename, name)
    except TemplateError:
        raise
    except Exception as exc:  # a damaged zip: BadZipFile, EOFError, ValueError, …
        raise TemplateError(
            f"Template {name} is not a readable Word .docx file ({exc.__class__.__name__}: {exc}).",
            code="template-damaged",
            template=name,
            reason=f"{exc.__class__.__name__}: {exc}",
        ) from None


def _check_relationships(xml: bytes, part: str, name: str) -> None:
    try:
        root = etree.fromstring(xml, parser=etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as exc:
        raise TemplateError(
            f"Template {name}: the part {part} is not valid XML ({exc}).",
            code="template-bad-part",
            template=name,
            part=part,
        ) from None
    for rel in root.iter(_RELS_NS + "Relationship"):
        if rel.get("TargetMode") != "External":
            continue
        target = rel.get("Target", "")
        if rel.get("Type") == _HYPERLINK_TYPE and target.lower().startswith(_WEB_SCHEMES):
            continue
        raise TemplateError(
            f"Template {name} links to an outside resource ({part}: {target[:120]!r}); LibreOffice "
            "would read it into the document. Embed the picture or object in the template instead.",
            code="template-external-link",
            template=name,
            target=target[:120],
            tag="TargetMode=External",
        )


def _check_body(tpl: DocxTemplate, name: str) -> None:
    """The rendered document must have a body with something in it: Word and python-docx refuse
    a package whose <w:body> is empty (a template whose tags all rendered to nothing)."""
    body = tpl.docx.element.body  # not get_docx(): it reloads the template
    if body is None or len(body) == 0:
        raise TemplateError(
            f"Template {name} rendered into an empty document (its body holds nothing once the "
            "tags have run); Word refuses such a file.",
            code="template-empty-body",
            template=name,
        )


def render_docx_bytes(context: dict[str, Any], template_data: bytes, template_name: str) -> bytes:
    """Render ``context`` into the template given as bytes; return normalised .docx bytes."""
    _check_package(template_data, template_name)
    ctx = prepare_context(context)
    env = _new_environment()
    try:
        tpl = DocxTemplate(io.BytesIO(template_data))
        with _deadline(RENDER_SECONDS):
            tpl.render(ctx, jinja_env=env)
        _check_body(tpl, template_name)
        buf = io.BytesIO()
        tpl.save(buf)
    except jinja2.TemplateSyntaxError as exc:
        raise _template_error(
            template_name, exc, env.last_source, "Jinja syntax error", "template-syntax"
        ) from None
    except SecurityError as exc:
        raise _template_error(
            template_name,
            exc,
            env.last_source,
            "a tag does something the sandbox forbids",
            "template-forbidden",
        ) from None
    except TemplateError:
        raise
    except _RenderLimit as exc:
        raise TemplateError(
            f"Template {template_name}: {exc}.", code="template-limit", template=template_name, detail=exc
        ) from None
    except jinja2.UndefinedError as exc:
        error = _template_error(
            template_name,
            exc,
            env.last_source,
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
            template_name, exc, env.last_source, "a tag failed", "template-tag-failed"
        ) from None
    except Exception as exc:
        if _raised_by_a_tag(exc):
            # Python errors of the template's own code: {{ 1/0 }}, {{ x[99] }}, '{0}'.format_map(x),
            # a macro that calls itself, {% include %} (there is no loader), …
            raise _template_error(
                template_name,
                exc,
                env.last_source,
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
    return normalize_docx_zip(buf.getvalue())


def render_docx(
    context: dict[str, Any], template: Path | None, out: Path, *, protect: Protect = None
) -> None:
    """Render ``context`` with ``template`` (default: the shipped one) into ``out``.

    ``out`` must end in .docx (a Word file under another name would be opened by the wrong
    program, and ``--pdf`` would derive its PDF path from it). ``protect`` names the inputs of
    the run (the plan, its rate tables); the template is protected too.

    Raises :class:`TemplateError` for template problems and :class:`OutputError` when ``out``
    cannot be written; on any failure an existing ``out`` is left untouched.
    """
    out = Path(out)
    inputs = protected_paths(protect, template)
    check_output_path(out, inputs)  # fail before the rendering work; nothing is written
    if out.suffix.lower() != ".docx":
        raise OutputError(
            f"Refusing to write {out}: render writes a Word document, give a name ending in .docx "
            "(--pdf adds the PDF beside it).",
            out,
            "output-needs-docx",
        )
    data, name = _load_template(template)
    rendered = render_docx_bytes(context, data, name)
    atomic_write_bytes(out, rendered, protect=inputs)


# --------------------------------------------------------------------------------------------
# PDF through LibreOffice
# --------------------------------------------------------------------------------------------


def _stop_group(proc: subprocess.Popen[bytes]) -> None:
    """End the converter and every process it started (its own session and process group)."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=10)


def _is_pdf(path: Path) -> bool:
    try:
        with path.open("rb") as stream:
            head = stream.read(5)
            stream.seek(0, os.SEEK_END)
            size = stream.tell()
    except OSError:
        return False
    return head == b"%PDF-" and size > 64


def docx_to_pdf(docx_path: Path, pdf: Path, *, protect: Protect = None) -> None:
    """Convert ``docx_path`` to ``pdf`` with LibreOffice (headless, private profile).

    LibreOffice runs in a session of its own; after SOFFICE_TIMEOUT seconds its whole process
    group is killed. A result that is not a PDF (an empty file, say) is refused before it can
    replace an existing ``pdf``.
    """
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise PdfError(
            "LibreOffice (soffice) is not installed; install it (e.g. apt-get install "
            "libreoffice-writer) to produce PDF, or open the .docx in Word and export it.",
            code="pdf-no-soffice",
        )
    docx_path = Path(docx_path)
    if not docx_path.is_file():
        raise PdfError(
            f"Cannot convert {docx_path} to PDF: the file does not exist.", code="pdf-no-docx", docx=docx_path
        )
    inputs = protected_paths(protect, docx_path)
    check_output_path(Path(pdf), inputs)
    with scratch_folder("cap135-pdf-") as work:
        profile = work / "profile"
        src = scratch_copy(docx_path, work, "document.docx")
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
            proc = subprocess.Popen(
                cmd,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                start_new_session=True,
            )
        except OSError as exc:
            raise PdfError(
                f"LibreOffice ({soffice}) could not be started: {exc}.",
                code="pdf-cannot-start",
                soffice=soffice,
                reason=exc,
            ) from None
        try:
            out_bytes, err_bytes = proc.communicate(timeout=SOFFICE_TIMEOUT)
        except subprocess.TimeoutExpired:
            _stop_group(proc)
            raise PdfError(
                f"LibreOffice did not finish converting {docx_path} to PDF within {SOFFICE_TIMEOUT} "
                "seconds; it was stopped.",
                code="pdf-timeout",
                docx=docx_path,
                seconds=SOFFICE_TIMEOUT,
            ) from None
        except BaseException:
            _stop_group(proc)
            raise
        _stop_group(proc)  # a helper it left behind in its group
        produced = work / "document.pdf"
        if proc.returncode != 0 or not produced.is_file():
            text = (err_bytes or out_bytes or b"").decode("utf-8", "replace")
            detail = text.strip().splitlines()
            tail = " ".join(detail[-3:]) if detail else f"exit status {proc.returncode}"
            raise PdfError(
                f"LibreOffice could not convert {docx_path} to PDF: {tail}",
                code="pdf-convert-failed",
                docx=docx_path,
                detail=tail,
            )
        if not _is_pdf(produced):
            raise PdfError(
                f"LibreOffice did not produce a PDF from {docx_path} (an empty or damaged file); "
                f"{pdf} was left as it was.",
                code="pdf-not-pdf",
                docx=docx_path,
                pdf=pdf,
            )
        atomic_copy(produced, Path(pdf), protect=inputs)
