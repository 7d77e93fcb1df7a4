"""Render the KẾ HOẠCH Word document from a view-model context with a docxtpl template.

The template only places values: every value in the context is an already formatted string
(the contract is documented by ``tests/fixtures/context_quang_tri.json``). Rendering runs in a
sandboxed Jinja environment with autoescape (so ``&``, ``<``, ``>`` and quotes in values come out
as literal text) and ``StrictUndefined`` (a missing value is an error, not a blank).

Values are prepared before rendering (they are NFC already): ``\\r\\n``/``\\r`` → ``\\n``; a newline
inside a value becomes a line break (``<w:br/>``) in the same paragraph and a tab a tab stop
(docxtpl's own handling); other control characters, which XML cannot carry, are dropped.

The output is byte-reproducible: the saved package is rewritten by :func:`normalize_docx_zip`
(fixed entry order and timestamps, stored entries; docx_package.py) and written atomically.

Only docxtpl's public API is used (``DocxTemplate.render`` with our Jinja environment), so any
docxtpl release of the supported range works. What a template may do is bounded: the sandbox
(:class:`jinja_sandbox.Sandbox`), a wall-clock limit, and checks of the package before (no external links)
and after rendering (a document Word opens, with a body).

This module is imported only by the render command; docxtpl and python-docx load with it.
"""

from __future__ import annotations

import importlib.resources
import io
from pathlib import Path
from typing import Any

import jinja2
from docxtpl import DocxTemplate
from jinja2.exceptions import SecurityError

from cap135.documents.atomic_files import (
    OutputError,
    Protect,
    atomic_write_bytes,
    check_output_path,
    protected_paths,
)
from cap135.documents.docx_package import check_package, normalize_docx_zip
from cap135.documents.jinja_sandbox import RENDER_SECONDS, RenderLimit, deadline, new_environment
from cap135.documents.template_errors import TemplateError, raised_by_a_tag, template_error
from cap135.plan.yaml_loader import NotRegularFile, read_regular
from cap135.text import clean

DEFAULT_TEMPLATE_NAME = "kehoach.docx"
MAX_TEMPLATE_BYTES = 64 * 2**20  # a .docx template, images included


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


def _missing_top_level(tpl: DocxTemplate, ctx: dict[str, Any]) -> list[str]:
    """All top-level names the template uses that ``ctx`` lacks (docxtpl's own analysis)."""
    try:
        names = tpl.get_undeclared_template_variables(new_environment(), ctx)
    except Exception:  # the analysis is a bonus; never let it hide the real error
        return []
    return sorted(names)


def _load_template(template: Path | None) -> tuple[bytes, str]:
    if template is None:
        resource = importlib.resources.files("cap135.documents").joinpath("templates", DEFAULT_TEMPLATE_NAME)
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
    check_package(template_data, template_name)
    ctx = prepare_context(context)
    env = new_environment()
    try:
        tpl = DocxTemplate(io.BytesIO(template_data))
        with deadline(RENDER_SECONDS):
            tpl.render(ctx, jinja_env=env)
        _check_body(tpl, template_name)
        buf = io.BytesIO()
        tpl.save(buf)
    except jinja2.TemplateSyntaxError as exc:
        raise template_error(
            template_name, exc, env.last_source, "Jinja syntax error", "template-syntax"
        ) from None
    except SecurityError as exc:
        raise template_error(
            template_name,
            exc,
            env.last_source,
            "a tag does something the sandbox forbids",
            "template-forbidden",
        ) from None
    except TemplateError:
        raise
    except RenderLimit as exc:
        raise TemplateError(
            f"Template {template_name}: {exc}.", code="template-limit", template=template_name, detail=exc
        ) from None
    except jinja2.UndefinedError as exc:
        error = template_error(
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
        raise template_error(
            template_name, exc, env.last_source, "a tag failed", "template-tag-failed"
        ) from None
    except Exception as exc:
        if raised_by_a_tag(exc):
            # Python errors of the template's own code: {{ 1/0 }}, {{ x[99] }}, '{0}'.format_map(x),
            # a macro that calls itself, {% include %} (there is no loader), …
            raise template_error(
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
