"""YAML → plain data with source positions, bounded against hostile files.

The file is parsed once by libyaml (when available); one pass over the parser's
events builds the Python data *and* the path → (line, column) map, so every later
finding can name its place in the file, and checks the limits as it goes (no node
tree is built: see _Walker). Nothing here raises for bad input: problems come back
as findings.

Scalars are read by the YAML 1.2 core schema where YAML 1.1 (PyYAML's resolver) would read them
otherwise, and where the two disagree nothing is reinterpreted silently:

* only ``true``/``false`` (any case variant 1.2 allows) are booleans; ``yes``, ``no``, ``on``,
  ``off`` are text, as in YAML 1.2 (a field that wants true or false then says so);
* a plain integer is decimal digits; one with a leading zero (``015``: octal 13 in YAML 1.1,
  15 in YAML 1.2, and often a document number "015"), a ``0x``/``0o``/``0b`` prefix, underscores
  (``1_000``) or colons (``1:30``, base 60 in YAML 1.1) is refused with a hint to write the number
  in decimal or to quote the text. ``version: 0x1`` is therefore never version 1.

Text is normalised to NFC here, once for the whole run (rate tables are read here too).
"""

from __future__ import annotations

import errno
import os
import re
import stat
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from cap135.errors import FileUnreadableError
from cap135.findings import Cell, Finding
from cap135.plan.dates import impossible_date
from cap135.text import shown

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Limits that hold against hostile files. A province's five years in one file
# stays far below all of them.
MAX_FILE_BYTES = 32 * 1024 * 1024
# Each node read costs memory (its value and its place in the position map), so the hostile
# case is many nodes in few bytes (`[0,0,0,…]`, 2 bytes a node: 16 million at 32 MiB). Nodes
# are counted as the parser's events come and reading stops past the limit. A real plan has
# one node per ~15 bytes: 154,000 for 2,000 groups (2.2 MB), 607,000 for a province's five
# years of 8,000 groups (8.9 MB).
MAX_NODES = 1_000_000
MAX_DEPTH = 64
MAX_ALIAS_NODES = 100_000  # nodes built again through aliases (alias bombs)
MAX_STRING_CHARS = 100_000
MAX_INT_DIGITS = 30

_STR_TAG = "tag:yaml.org,2002:str"
_BOOL_TAG = "tag:yaml.org,2002:bool"
_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"
# What YAML 1.1 (PyYAML's resolver) reads as booleans and YAML 1.2 as text.
_BOOLS_11_ONLY = frozenset({"yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF"})
# Plain scalars whose number YAML 1.1 and 1.2 read differently (or one of them as text).
_LEADING_ZERO = re.compile(r"[-+]?0[0-9_]+")
_BASE_PREFIX = re.compile(r"[-+]?0[xXoObB][0-9a-fA-F_]+")
_SEXAGESIMAL = re.compile(r"[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?")
_UNDERSCORED = re.compile(r"[-+]?[0-9_]*[0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?")
_NULL_TAG = "tag:yaml.org,2002:null"
_PLAIN_READ_TAGS = frozenset({_BOOL_TAG, _INT_TAG, _FLOAT_TAG, _STR_TAG})  # read by YAML 1.2 when plain
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_MERGE_TAG = "tag:yaml.org,2002:merge"
# Plain scalars are typed by YAML 1.1's resolver (then read by YAML 1.2 below). Its implicit
# types (bool, float, int, merge, null, timestamp, value, yaml) all start with one of these
# characters: any other plain scalar is text without asking it (tests/test_loader.py checks).
_RESOLVED_FIRST = frozenset("-+.0123456789~<=yYnNtTfFoO!&*")
_RESOLVER = Resolver()
_NONZERO_DIGITS = frozenset("123456789")
_SCALAR_TAGS = frozenset(
    {
        "tag:yaml.org,2002:null",
        "tag:yaml.org,2002:bool",
        "tag:yaml.org,2002:int",
        "tag:yaml.org,2002:float",
        "tag:yaml.org,2002:timestamp",
        _STR_TAG,
    }
)

Position = tuple[int, int]
# Where a value sits: a line and a column of a YAML file, or a cell of a workbook (plan/workbook_reader).
Place = Position | Cell
DataPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Source:
    """Where a document came from and where each of its values sits (1-based)."""

    name: str
    values: Mapping[DataPath, Place] = field(default_factory=dict)
    keys: Mapping[DataPath, Place] = field(default_factory=dict)

    def locate(self, path: DataPath, *, key: bool = False) -> Place | None:
        """Position of `path`, or of its nearest ancestor that exists in the file."""
        probe = path
        while True:
            if key and probe in self.keys:
                return self.keys[probe]
            if probe in self.values:
                return self.values[probe]
            if not probe:
                return None
            probe = probe[:-1]


@dataclass(frozen=True)
class Loaded:
    data: Any
    source: Source
    findings: tuple[Finding, ...]

    @property
    def ok(self) -> bool:
        return not any(f.is_error for f in self.findings)


class _Abort(Exception):
    """Stops the walk when a hard limit is crossed; carries the finding.

    A file that is not well-formed YAML, or too deep or too large to read, gets that one finding
    (`alone`); an alias that cannot be expanded comes after the findings of what was read.
    """

    def __init__(self, finding: Finding, *, alone: bool = True) -> None:
        self.finding = finding
        self.alone = alone


def visible(text: str, limit: int = 40) -> str:
    """Text from the file as a message may quote it: short, on one line, with control characters
    escaped by the one sanitiser (``\\x1b``), so a hostile value cannot drive the terminal or
    reorder the line."""
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return shown(text, one_line=True)


def _at(code: str, event: Any, **args: Any) -> Finding:
    """An error at the start of a parser event."""
    mark = event.start_mark
    return Finding("error", code, args, (), mark.line + 1, mark.column + 1)


class _Anchor:
    """An anchored node: its events, read again at each alias to it, and whether it is still
    open (an alias to an open node would make a cycle)."""

    __slots__ = ("events", "open", "start")

    def __init__(self, start: Any) -> None:
        self.events: list[Any] = [start]
        self.start = start
        self.open = start.__class__ is not ScalarEvent


class _Alias:
    """An alias met inside an anchored node, bound to the anchor it named there: read again
    later, it still means that anchor."""

    __slots__ = ("event", "target")

    def __init__(self, event: Any, target: _Anchor) -> None:
        self.event = event
        self.target = target


# A mapping's next key: None (none read yet), the key read (str), or one of these markers.
_MERGE = "\x00merge"  # `<<`: the next value is merged into the mapping
_COMPLEX = "\x00complex"  # a collection is being read as a key: it and its value are dropped
_DROP = "\x00drop"  # the next value is read for its anchors, then dropped (a duplicate key)


class _Open:
    """A collection being read."""

    __slots__ = ("anchor", "event", "is_map", "key", "live", "merged", "path", "value")

    def __init__(self, event: Any, path: DataPath, live: bool) -> None:
        self.is_map = event.__class__ is MappingStartEvent
        self.value: Any = {} if self.is_map else []
        self.path = path
        self.live = live  # False inside a dropped key or value: read for its anchors only
        self.key: str | None = None
        self.merged: set[str] | None = None  # keys that came through `<<`: a local key replaces them
        self.anchor: _Anchor | None = None
        self.event = event


class _Walker:
    """Builds the data and its positions from the parser's events in one pass.

    No node tree is built: libyaml's composer recurses in C once per nesting level (100,000
    brackets overflow the C stack) and a tree costs ~300 bytes a node, while the event stream
    comes without recursion. The limits are checked as the events come, so a hostile file
    stops at the first node past one. An alias reads its anchor's events again, with their own
    positions, so each use is a new value (later stages may change one without the other) and
    every node it adds counts against MAX_ALIAS_NODES.
    """

    def __init__(self) -> None:
        self.values: dict[DataPath, Position] = {}
        self.keys: dict[DataPath, Position] = {}
        self.findings: list[Finding] = []
        self.root: Any = None
        self.root_event: Any = None  # the first node of the document, None for an empty stream
        self.root_tag = ""
        self.documents = 0
        self._nodes = 0
        self._alias_nodes = 0
        self._open: list[_Open] = []
        self._anchors: dict[str, _Anchor] = {}
        self._recording: list[_Anchor] = []  # anchored collections still open, outermost first
        self._constructor = SafeConstructor()

    def run(self, events: Iterator[Any]) -> None:
        """Read every event; raises _Abort at the first limit crossed, yaml.YAMLError for syntax."""
        feeds: list[Iterator[Any]] = [events]  # the parser's events, then anchors being read again
        while feeds:
            again = len(feeds) > 1
            for event in feeds[-1]:
                kind = event.__class__
                if kind is ScalarEvent:
                    self._scalar(event, again)
                elif kind is MappingStartEvent or kind is SequenceStartEvent:
                    self._start(event, again)
                elif kind is MappingEndEvent or kind is SequenceEndEvent:
                    self._end(event, again)
                elif kind is AliasEvent or kind is _Alias:
                    target = self._alias(event, again)
                    if target is not None:
                        feeds.append(iter(target.events))
                        break
                elif kind is DocumentStartEvent:
                    self.documents += 1
                    self._anchors = {}
            else:
                feeds.pop()

    # --- limits, anchors ---------------------------------------------------------------------

    def _count(self, event: Any, again: bool) -> None:
        if again:
            self._alias_nodes += 1
            if self._alias_nodes > MAX_ALIAS_NODES:
                raise _Abort(_at("yaml-alias-bomb", event, limit=MAX_ALIAS_NODES), alone=False)
            return
        self._nodes += 1
        if self._nodes > MAX_NODES:
            raise _Abort(_at("yaml-too-many-nodes", event, limit=MAX_NODES))
        for anchor in self._recording:
            anchor.events.append(event)
        if event.anchor is not None:
            self._define(event)

    def _define(self, event: Any) -> None:
        first = self._anchors.get(event.anchor)
        if first is not None:
            line = first.start.start_mark.line + 1
            raise _Abort(_at("yaml-duplicate-anchor", event, name=visible(event.anchor), first=line))
        anchor = _Anchor(event)
        self._anchors[event.anchor] = anchor
        if anchor.open:
            self._recording.append(anchor)

    def _alias(self, item: Any, again: bool) -> _Anchor | None:
        """The anchor to read again for this alias, or None when its value is dropped."""
        if item.__class__ is _Alias:
            target: _Anchor = item.target
        else:
            found = self._anchors.get(item.anchor)
            if found is None:
                raise _Abort(_at("yaml-undefined-alias", item, name=visible(item.anchor)))
            if found.open:
                raise _Abort(_at("yaml-recursive", found.start), alone=False)
            target = found
            for anchor in self._recording:
                anchor.events.append(_Alias(item, target))
        parent = self._open[-1] if self._open else None
        if parent is not None and not parent.live:
            return None
        if parent is not None and parent.is_map and parent.key is _DROP:
            parent.key = None  # the value of a duplicate key: not read again
            return None
        return target

    # --- nodes -------------------------------------------------------------------------------

    def _scalar(self, event: Any, again: bool) -> None:
        # The hot path (two of three events in a plan): the counting of _count written out.
        if again or self._recording or event.anchor is not None:
            self._count(event, again)
        else:
            self._nodes += 1
            if self._nodes > MAX_NODES:
                raise _Abort(_at("yaml-too-many-nodes", event, limit=MAX_NODES))
        if not self._open:
            if self.documents > 1:
                return
            self.root_event = event
            self.root_tag = self._tag(event)
            self.root = self._value(event, self.root_tag)
            mark = event.start_mark
            self.values[()] = (mark.line + 1, mark.column + 1)
            return
        parent = self._open[-1]
        if not parent.live:
            return
        if parent.is_map:
            key = parent.key
            if key is None:
                self._key(parent, event)
                return
            parent.key = None
            if key is _DROP:
                return
            value = self._read(event)
            if key is _MERGE:
                self._merge(parent, value, event)
                return
            path: DataPath = (*parent.path, key)
            parent.value[key] = value
        else:
            value = self._read(event)
            path = (*parent.path, len(parent.value))
            parent.value.append(value)
        mark = event.start_mark
        self.values[path] = (mark.line + 1, mark.column + 1)

    def _key(self, mapping: _Open, event: Any) -> None:
        if (event.value == "<<" or event.tag is not None) and self._tag(event) == _MERGE_TAG:
            mapping.key = _MERGE
            return
        key = self._text(event)  # keys are names: keep their text (`yes:` stays 'yes')
        if mapping.merged and key in mapping.merged:
            mapping.merged.discard(key)  # `<<: *base` then `key: …`: the local value wins
        elif key in mapping.value:
            self.findings.append(_at("duplicate-key", event, key=visible(key)))
            mapping.key = _DROP
            return
        mark = event.start_mark
        self.keys[(*mapping.path, key)] = (mark.line + 1, mark.column + 1)
        mapping.key = key

    def _start(self, event: Any, again: bool) -> None:
        self._count(event, again)
        depth = len(self._open) + 1
        if depth > MAX_DEPTH:
            raise _Abort(_at("yaml-too-deep", event, limit=MAX_DEPTH))
        parent = self._open[-1] if self._open else None
        merge = False
        path: DataPath = ()
        if parent is None:
            live = self.documents == 1
        elif not parent.live:
            live = False
        elif parent.is_map:
            key = parent.key
            live, path = True, parent.path
            if key is None:
                self.findings.append(_at("yaml-complex-key", event))
                parent.key, live = _COMPLEX, False
            elif key is _DROP:
                live = False
            elif key is _MERGE:
                merge = True  # read at the mapping's own path, as its keys will be
            else:
                path = (*parent.path, key)
        else:
            live, path = True, (*parent.path, len(parent.value))
        opened = _Open(event, path, live)
        if not again and event.anchor is not None:
            opened.anchor = self._anchors[event.anchor]
        if live:
            if not merge:
                mark = event.start_mark
                self.values[path] = (mark.line + 1, mark.column + 1)
            tag = event.tag
            if tag is not None and tag != "!" and tag != (_MAP_TAG if opened.is_map else _SEQ_TAG):
                self.findings.append(_at("yaml-unsupported-tag", event, tag=tag))
        self._open.append(opened)

    def _end(self, event: Any, again: bool) -> None:
        if not again:
            for anchor in self._recording:
                anchor.events.append(event)
        done = self._open.pop()
        if done.anchor is not None:
            done.anchor.open = False
            self._recording.pop()  # the innermost open anchor is this one
        parent = self._open[-1] if self._open else None
        if parent is None:
            if done.live:
                self.root_event = done.event
                self.root_tag = _MAP_TAG if done.is_map else _SEQ_TAG
                self.root = done.value
            return
        if not parent.live:
            return
        if parent.is_map:
            key = parent.key
            parent.key = _DROP if key is _COMPLEX else None
            if key is _MERGE:
                self._merge(parent, done.value, done.event)
            elif key is not None and key is not _DROP and key is not _COMPLEX:
                parent.value[key] = done.value
        else:
            parent.value.append(done.value)

    def _merge(self, mapping: _Open, merged: Any, event: Any) -> None:
        if mapping.merged is None:
            mapping.merged = set()
        for source in merged if isinstance(merged, list) else [merged]:
            if not isinstance(source, dict):
                self.findings.append(_at("yaml-bad-merge", event))
                continue
            for key, value in source.items():
                if key not in mapping.value:
                    mapping.value[key] = value
                    mapping.merged.add(key)

    # --- scalars -----------------------------------------------------------------------------

    @staticmethod
    def _tag(event: Any) -> str:
        """The scalar's tag: its own, or the one YAML 1.1's resolver gives its plain text."""
        tag: str | None = event.tag
        if tag is not None and tag != "!":
            return tag
        if not event.implicit[0]:
            return _STR_TAG  # quoted, literal or folded: text
        value: str = event.value
        if value and value[0] not in _RESOLVED_FIRST:
            return _STR_TAG  # no implicit type starts with this character (the common case)
        tag = _RESOLVER.resolve(ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
        return str(tag)

    def _read(self, event: Any) -> Any:
        """The scalar's value, by its tag; plain text and plain decimal digits (nearly every
        scalar of a plan) without asking the resolver."""
        if event.tag is None and event.implicit[0]:
            value: str = event.value
            first = value[:1]
            if first and first not in _RESOLVED_FIRST:
                return self._text(event)  # text: no implicit type (nor number form) starts so
            if (
                first in _NONZERO_DIGITS
                and value.isdigit()
                and value.isascii()
                and len(value) <= MAX_INT_DIGITS
            ):
                return int(value)  # what the resolver would call an int and _value read as one
        return self._value(event, self._tag(event))

    def _value(self, event: Any, tag: str) -> Any:
        value: str = event.value
        if not event.style and tag in _PLAIN_READ_TAGS:  # a plain scalar (libyaml: "", PyYAML: None)
            # Read it by YAML 1.2, or refuse it where 1.1 and 1.2 disagree.
            if tag == _BOOL_TAG and value in _BOOLS_11_ONLY:
                return self._text(event)  # yes / no / on / off are text in YAML 1.2
            problem = _number_form(value, event)
            if problem is not None:
                self.findings.append(problem)
                return None
        if tag == _STR_TAG:
            return self._text(event)
        if tag not in _SCALAR_TAGS:
            self.findings.append(_at("yaml-unsupported-tag", event, tag=tag))
            return self._text(event)
        if tag == _INT_TAG:
            # Count the digits of every base: 0x… with 4,000 hex digits is as hostile as
            # 4,000 decimal ones (its str() in a message would raise past 4,300 digits).
            body = value.strip().lstrip("+-")
            if body[:2].lower() in ("0x", "0o", "0b"):
                body = body[2:]
            digits = sum(ch.isalnum() for ch in body) if len(body) > MAX_INT_DIGITS else len(body)
            if digits > MAX_INT_DIGITS:
                self.findings.append(_at("number-too-large", event, digits=digits))
                return None
        node = ScalarNode(tag, value, event.start_mark, event.end_mark, event.style)
        try:
            return self._constructor.construct_document(node)
        except (ConstructorError, ValueError, OverflowError, KeyError, TypeError, AttributeError):
            # e.g. `!!int abc` (ValueError), `!!bool maybe` (KeyError), `!!timestamp x` (AttributeError)
            code, args = impossible_date(value) or ("yaml-bad-scalar", {"text": visible(value)})
            self.findings.append(_at(code, event, **args))
            return None

    def _text(self, event: Any) -> str:
        text: str = event.value
        if len(text) > MAX_STRING_CHARS:
            self.findings.append(_at("text-too-long", event, limit=MAX_STRING_CHARS))
            text = text[:MAX_STRING_CHARS]
        return nfc(text)


def nfc(text: str) -> str:
    """Text read from a file in NFC (a workbook's cells too): the one normalisation of the input."""
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def _number_form(text: str, node: Any) -> Finding | None:
    """A finding for a plain scalar that is a number in a form YAML 1.1 and 1.2 read differently."""
    first = text[:1]
    if not (first.isdigit() or first in ("+", "-")) or not first:
        return None  # text (the common case): no number form starts otherwise
    if text.isdigit() and (first != "0" or len(text) == 1):
        return None  # plain decimal digits (the other common case)
    if sum(ch.isalnum() for ch in text) > MAX_INT_DIGITS + 2 or not text[-1:].isalnum():
        return None  # too long for any number: number-too-large (ints) or plain text
    if _LEADING_ZERO.fullmatch(text):
        return _at("yaml-octal-number", node, text=visible(text), decimal=int(text.replace("_", ""), 10))
    if _BASE_PREFIX.fullmatch(text):
        try:
            value: int | str = int(text.replace("_", ""), 0)
        except ValueError:
            return None  # not a number in any YAML (0xZZ): stays text
        return _at("yaml-number-form", node, text=visible(text), decimal=value)
    if _SEXAGESIMAL.fullmatch(text):
        base60: float = 0
        for part in text.lstrip("+-").replace("_", "").split(":"):
            base60 = base60 * 60 + float(part or 0)
        shown = int(base60) if base60 == int(base60) else base60
        return _at(
            "yaml-sexagesimal", node, text=visible(text), value=f"{'-' if text[0] == '-' else ''}{shown}"
        )
    if "_" in text and _UNDERSCORED.fullmatch(text):
        return _at("yaml-number-form", node, text=visible(text), decimal=text.replace("_", ""))
    return None


def _decode(raw: bytes) -> tuple[str | None, Finding | None]:
    """Decode UTF-8 (with or without BOM); name anything else clearly."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, Finding("error", "encoding-utf16", {}, (), 1, 1)
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if b"\x00" in raw:
        # UTF-16 saved without a BOM: the NULs of ASCII characters sit on one side of each pair.
        even, odd = raw[0::2].count(0), raw[1::2].count(0)
        if len(raw) >= 16 and min(even, odd) == 0 and max(even, odd) * 4 >= len(raw) // 2:
            return None, Finding("error", "encoding-utf16", {}, (), 1, 1)
        return None, Finding("error", "encoding-binary", {}, (), 1, 1)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        return None, Finding("error", "encoding-not-utf8", {}, (), line, column)
    return text, None


def _yaml_error(exc: yaml.YAMLError, text: str) -> Finding:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 if mark is not None else None
    column = mark.column + 1 if mark is not None else None
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context = getattr(exc, "context", None)
    if "nesting depth" in str(problem):
        # libyaml ≥ 0.2.5 (PyYAML 6.0.4 wheels) stops at its own nesting limit while scanning
        # ahead, before the event scan of _too_deep reaches MAX_DEPTH
        return Finding("error", "yaml-too-deep", {"limit": MAX_DEPTH}, (), line, column)
    code = "yaml-syntax"
    if "mapping values are not allowed" in str(problem):
        # an unquoted colon inside a text: "title: Kế hoạch: năm 2027"
        code = "yaml-colon"
    if mark is not None:
        lines = text.splitlines()
        if mark.line < len(lines) and "\t" in lines[mark.line][: mark.column + 1]:
            code = "yaml-tab"
    return Finding("error", code, {"problem": problem, "context": context or ""}, (), line, column)


def load_text(text: str, name: str) -> Loaded:
    """Parse YAML text into data and positions. Never raises for bad input."""
    walker = _Walker()
    try:
        parser = _Loader(text)  # the pure-Python reader checks the characters here
    except yaml.YAMLError as exc:
        return Loaded(None, Source(name), (_yaml_error(exc, text),))
    try:
        # get_event gives None after the stream's end; iter() calls it without a generator frame.
        walker.run(iter(parser.get_event, None))
    except yaml.YAMLError as exc:
        return Loaded(None, Source(name), (_yaml_error(exc, text),))
    except _Abort as abort:
        findings = (abort.finding,) if abort.alone else (*walker.findings, abort.finding)
        return Loaded(None, Source(name), findings)
    finally:
        parser.dispose()
    root = walker.root_event
    if root is None:
        return Loaded(None, Source(name), (Finding("error", "empty-file", {}, (), 1, 1),))
    if walker.documents > 1:
        return Loaded(None, Source(name), (Finding("error", "yaml-many-documents", {}, (), 1, 1),))
    if walker.root_tag == _NULL_TAG:
        # `---` alone, `~` or `null`: no data, and no finding would say so (validate said "no errors").
        if not root.value.strip():
            return Loaded(None, Source(name), (Finding("error", "empty-file", {}, (), 1, 1),))
        finding = _at("not-a-plan", root, kind="null")
        return Loaded(None, Source(name), (finding,))
    return Loaded(walker.root, Source(name, walker.values, walker.keys), tuple(walker.findings))


def load_bytes(raw: bytes, name: str) -> Loaded:
    if len(raw) > MAX_FILE_BYTES:
        finding = Finding("error", "file-too-large", {"limit_mib": MAX_FILE_BYTES // 2**20})
        return Loaded(None, Source(name), (finding,))
    text, problem = _decode(raw)
    if problem is not None or text is None:
        return Loaded(None, Source(name), (problem,) if problem else ())
    return load_text(text, name)


class UnreadableFile(FileUnreadableError):
    """The file cannot be read at all (missing, a directory, no permission): exit 2."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class NotRegularFile(OSError):
    """The path is a FIFO, a device or a socket: reading it could block forever or never end."""


def read_regular(path: Path, limit: int) -> bytes:
    """At most ``limit + 1`` bytes of the regular file ``path``.

    The file is opened without blocking and checked with fstat before any read: a FIFO would
    otherwise block the open (or the read) until a writer comes, and a device (/dev/zero) never
    ends. Raises IsADirectoryError, NotRegularFile or the OSError of the open.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, "is a directory", str(path))
        if not stat.S_ISREG(mode):
            raise NotRegularFile(errno.EINVAL, "not a regular file", str(path))
        os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=True) as stream:
            fd = -1
            return stream.read(limit + 1)
    finally:
        if fd >= 0:
            os.close(fd)


def read_file(path: Path, name: str | None = None) -> Loaded:
    """Read and load one YAML file; raises UnreadableFile only when it cannot be read."""
    display = shown(name or str(path), one_line=True)  # a name is shown safe, everywhere, from here
    return load_bytes(read_bytes(path, display), display)


def read_bytes(path: Path, display: str) -> bytes:
    """The bytes of one input file (at most MAX_FILE_BYTES + 1: load_bytes refuses more);
    raises UnreadableFile when it cannot be read."""
    try:
        return read_regular(path, MAX_FILE_BYTES)
    except IsADirectoryError:
        raise UnreadableFile(display, "is-directory") from None
    except NotRegularFile:
        raise UnreadableFile(display, "not-regular") from None
    except FileNotFoundError:
        raise UnreadableFile(display, "not-found") from None
    except PermissionError:
        raise UnreadableFile(display, "permission") from None
    except OSError as exc:
        raise UnreadableFile(display, exc.strerror or "os-error") from None
    except ValueError:  # a NUL in the name (a `rates:` path can hold one; argv cannot)
        raise UnreadableFile(display, "the file name holds a NUL character") from None
