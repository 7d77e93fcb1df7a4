"""Template errors with their context: the tag, the line, an excerpt of the text around it."""

import html
import re
import traceback

import jinja2

from cap135.errors import TemplateFailure

_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
_EXCERPT_WIDTH = 70


class TemplateError(TemplateFailure):
    """The Word template cannot be used; the message names the file, the tag and its context."""


def plain_text(xml: str) -> str:
    """Visible text of an XML fragment: paragraph ends become spaces, tags are dropped."""
    xml = re.sub(r"</w:p>|<w:br/>|<w:tab/>", " ", xml)
    text = re.sub(r"<[^>]*>", "", xml)
    text = re.sub(r"^[^<]*>", "", text)  # a tag cut in half at the window's start
    text = re.sub(r"<[^>]*$", "", text)  # ... or at its end
    return re.sub(r"\s+", " ", html.unescape(text))


def excerpt(source: str, pos: int, end: int | None = None) -> str:
    """Plain text around ``source[pos:end]`` (the tag), about 70 characters either side."""
    end = pos if end is None else end
    before = plain_text(source[max(0, pos - 4000) : pos])[-_EXCERPT_WIDTH:]
    middle = plain_text(source[pos:end])
    after = plain_text(source[end : end + 4000])[:_EXCERPT_WIDTH]
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


def raised_by_a_tag(exc: BaseException) -> bool:
    """True when ``exc`` was raised while Jinja ran the template's code (a ``<template>`` frame)."""
    return any(frame.filename == "<template>" for frame in traceback.extract_tb(exc.__traceback__))


def names_in_message(message: str) -> list[str]:
    names = re.findall(r"'([^']+)' is undefined", message)
    names += re.findall(r"has no attribute '([^']+)'", message)
    names += re.findall(r"attribute '([^']+)' of", message)
    return names


def locate_in_template(source: str | None, exc: BaseException, names: list[str]) -> tuple[str, str]:
    """(tag, excerpt) for an error in ``source``; empty strings when it cannot be located."""
    if not source:
        return "", ""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        pos = _unclosed_tag(source)
        if pos is not None:
            opening = re.match(r"\{[{%#]-?\s*[^\s<{}%#]*", source[pos:])
            tag = opening.group(0) if opening else source[pos : pos + 2]
            return f"{tag} (not closed)", excerpt(source, pos)
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
        return plain_text(chosen.group(0)).strip(), excerpt(source, chosen.start(), chosen.end())
    return "", excerpt(source, start)


def template_error(name: str, exc: BaseException, source: str | None, what: str, code: str) -> TemplateError:
    message = getattr(exc, "message", None) or str(exc)
    names = names_in_message(message)
    tag, excerpt = locate_in_template(source, exc, names)
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
