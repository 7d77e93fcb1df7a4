"""YAML → plain data with source positions, bounded against hostile files.

The file is parsed once by libyaml (when available) into a node tree; one walk
over that tree builds the Python data *and* the path → (line, column) map, so
every later finding can name its place in the file. Nothing here raises for bad
input: problems come back as findings.

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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .dates import impossible_date
from .errors import FileUnreadableError
from .findings import Finding

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Limits that hold against hostile files. A province's five years in one file
# stays far below all of them.
MAX_FILE_BYTES = 32 * 1024 * 1024
# The node tree costs ~300 bytes per node, so the hostile case is many nodes in few bytes
# (`[0,0,0,…]`, 2 bytes a node: at 32 MiB ~10 GB and a minute). Nodes are counted on the event
# stream before any tree is built. A real plan has one node per ~15 bytes: 154,000 for 2,000
# groups (2.2 MB), 607,000 for a province's five years of 8,000 groups (8.9 MB).
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
_MERGE_TAG = "tag:yaml.org,2002:merge"
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
DataPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Source:
    """Where a document came from and where each of its values sits (1-based)."""

    name: str
    values: dict[DataPath, Position] = field(default_factory=dict)
    keys: dict[DataPath, Position] = field(default_factory=dict)

    def locate(self, path: DataPath, *, key: bool = False) -> Position | None:
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
    """Stops the walk when a hard limit is crossed; carries the finding."""

    def __init__(self, finding: Finding) -> None:
        self.finding = finding


# C0/C1 controls (ESC starts terminal escape sequences), line separators, bidi overrides.
_INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")


def visible(text: str, limit: int = 40) -> str:
    """Text from the file as a message may quote it: short, with control characters escaped
    (``\\x1b``), so a hostile value cannot drive the terminal or reorder the line."""
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return _INVISIBLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def _at(code: str, node: Node, **args: Any) -> Finding:
    mark = node.start_mark
    return Finding("error", code, args, (), mark.line + 1, mark.column + 1)


class _Builder:
    def __init__(self) -> None:
        self.values: dict[DataPath, Position] = {}
        self.keys: dict[DataPath, Position] = {}
        self.findings: list[Finding] = []
        self.alias_nodes = 0
        self._constructor = SafeConstructor()
        # node id → number of times seen on the current branch (recursive aliases)
        self._active: set[int] = set()
        self._seen: set[int] = set()

    def build(self, node: Node, path: DataPath, depth: int) -> Any:
        if depth > MAX_DEPTH:
            raise _Abort(_at("yaml-too-deep", node, limit=MAX_DEPTH))
        node_id = id(node)
        if node_id in self._seen:  # a second visit is an alias expansion
            self.alias_nodes += 1
            if self.alias_nodes > MAX_ALIAS_NODES:
                raise _Abort(_at("yaml-alias-bomb", node, limit=MAX_ALIAS_NODES))
        else:
            self._seen.add(node_id)
        mark = node.start_mark
        self.values[path] = (mark.line + 1, mark.column + 1)
        if isinstance(node, ScalarNode):
            return self._scalar(node)
        if node_id in self._active:
            raise _Abort(_at("yaml-recursive", node))
        self._active.add(node_id)
        try:
            if isinstance(node, SequenceNode):
                if node.tag != "tag:yaml.org,2002:seq":
                    self.findings.append(_at("yaml-unsupported-tag", node, tag=node.tag))
                return [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
            if isinstance(node, MappingNode):
                return self._mapping(node, path, depth)
        finally:
            self._active.discard(node_id)
        raise _Abort(_at("yaml-unsupported-node", node))  # pragma: no cover - libyaml has 3 kinds

    def _mapping(self, node: MappingNode, path: DataPath, depth: int) -> dict[Any, Any]:
        if node.tag != "tag:yaml.org,2002:map":
            self.findings.append(_at("yaml-unsupported-tag", node, tag=node.tag))
        result: dict[Any, Any] = {}
        merged_keys: set[Any] = set()  # keys that came through `<<`: a local key replaces them
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE_TAG:
                merged = self.build(value_node, path, depth + 1)
                sources = merged if isinstance(merged, list) else [merged]
                for source in sources:
                    if isinstance(source, dict):
                        for k, v in source.items():
                            if k not in result:
                                result[k] = v
                                merged_keys.add(k)
                    else:
                        self.findings.append(_at("yaml-bad-merge", value_node))
                continue
            if not isinstance(key_node, ScalarNode):
                self.findings.append(_at("yaml-complex-key", key_node))
                continue
            key = self._text(key_node)  # keys are names: keep their text (`yes:` stays 'yes')
            child = (*path, key)
            mark = key_node.start_mark
            if key in merged_keys:
                merged_keys.discard(key)  # `<<: *base` then `key: …`: the local value wins
            elif key in result:
                self.findings.append(_at("duplicate-key", key_node, key=visible(key)))
                continue
            self.keys[child] = (mark.line + 1, mark.column + 1)
            result[key] = self.build(value_node, child, depth + 1)
        return result

    def _scalar(self, node: ScalarNode) -> Any:
        tag = node.tag
        if not node.style and tag in (_BOOL_TAG, _INT_TAG, _FLOAT_TAG, _STR_TAG):  # libyaml: "", PyYAML: None
            # A plain scalar: read it by YAML 1.2, or refuse it where 1.1 and 1.2 disagree.
            if tag == _BOOL_TAG and node.value in _BOOLS_11_ONLY:
                return self._text(node)  # yes / no / on / off are text in YAML 1.2
            problem = _number_form(node)
            if problem is not None:
                self.findings.append(problem)
                return None
            value = node.value
            if tag == _INT_TAG and value.isascii() and value.isdigit() and len(value) <= MAX_INT_DIGITS:
                return int(value)  # plain decimal digits, the common case: no constructor round trip
        if tag == _STR_TAG:
            return self._text(node)
        if tag not in _SCALAR_TAGS:
            self.findings.append(_at("yaml-unsupported-tag", node, tag=tag))
            return self._text(node)
        if tag == "tag:yaml.org,2002:int":
            # Count the digits of every base: 0x… with 4,000 hex digits is as hostile as
            # 4,000 decimal ones (its str() in a message would raise past 4,300 digits).
            body = node.value.strip().lstrip("+-")
            if body[:2].lower() in ("0x", "0o", "0b"):
                body = body[2:]
            digits = sum(ch.isalnum() for ch in body) if len(body) > MAX_INT_DIGITS else len(body)
            if digits > MAX_INT_DIGITS:
                self.findings.append(_at("number-too-large", node, digits=digits))
                return None
        try:
            return self._constructor.yaml_constructors[tag](self._constructor, node)
        except (ConstructorError, ValueError, OverflowError, KeyError, TypeError, AttributeError):
            # e.g. `!!int abc` (ValueError), `!!bool maybe` (KeyError), `!!timestamp x` (AttributeError)
            code, args = impossible_date(node.value) or ("yaml-bad-scalar", {"text": visible(node.value)})
            self.findings.append(_at(code, node, **args))
            return None

    def _text(self, node: ScalarNode) -> str:
        text = node.value
        if len(text) > MAX_STRING_CHARS:
            self.findings.append(_at("text-too-long", node, limit=MAX_STRING_CHARS))
            text = text[:MAX_STRING_CHARS]
        return unicodedata.normalize("NFC", text)


def _number_form(node: ScalarNode) -> Finding | None:
    """A finding for a plain scalar that is a number in a form YAML 1.1 and 1.2 read differently."""
    text = node.value
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
    if mark is not None:
        lines = text.splitlines()
        if mark.line < len(lines) and "\t" in lines[mark.line][: mark.column + 1]:
            code = "yaml-tab"
    return Finding("error", code, {"problem": problem, "context": context or ""}, (), line, column)


def _at_event(code: str, args: dict[str, Any], event: yaml.Event) -> Finding:
    """An error at the start of a parser event (libyaml always marks them; the stubs allow None)."""
    mark = event.start_mark
    if mark is None:
        return Finding("error", code, args)
    return Finding("error", code, args, (), mark.line + 1, mark.column + 1)


def _too_deep(text: str) -> Finding | None:
    """The first collection nested deeper than MAX_DEPTH, or the node past MAX_NODES, found on
    the parser's event stream.

    libyaml's composer recurses in C once per level: some 100,000 nested brackets (a 200 KB
    file) overflow the C stack and kill the process (SIGSEGV) before any check on the node
    tree can run. The event stream is produced without recursion, and the scan stops at the
    first collection past the limit.
    """
    depth = 0
    nodes = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            nodes += 1
            if nodes > MAX_NODES:
                return _at_event("yaml-too-many-nodes", {"limit": MAX_NODES}, event)
            if isinstance(event, yaml.ScalarEvent):
                continue
            depth += 1
            if depth > MAX_DEPTH:
                return _at_event("yaml-too-deep", {"limit": MAX_DEPTH}, event)
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1
    return None


def load_text(text: str, name: str) -> Loaded:
    """Parse YAML text into data and positions. Never raises for bad input."""
    try:
        deep = _too_deep(text)
        if deep is not None:
            return Loaded(None, Source(name), (deep,))
        nodes = yaml.compose_all(text, Loader=_Loader)
        root = next(nodes, None)
        if root is not None and next(nodes, None) is not None:
            return Loaded(None, Source(name), (Finding("error", "yaml-many-documents", {}, (), 1, 1),))
    except yaml.YAMLError as exc:
        return Loaded(None, Source(name), (_yaml_error(exc, text),))
    except RecursionError:
        return Loaded(None, Source(name), (Finding("error", "yaml-too-deep", {"limit": MAX_DEPTH}),))
    if root is None:
        return Loaded(None, Source(name), (Finding("error", "empty-file", {}, (), 1, 1),))
    if isinstance(root, ScalarNode) and root.tag == "tag:yaml.org,2002:null":
        # `---` alone, `~` or `null`: no data, and no finding would say so (validate said "no errors").
        if not root.value.strip():
            return Loaded(None, Source(name), (Finding("error", "empty-file", {}, (), 1, 1),))
        line, column = root.start_mark.line + 1, root.start_mark.column + 1
        finding = Finding("error", "not-a-plan", {"kind": "null"}, (), line, column)
        return Loaded(None, Source(name), (finding,))
    builder = _Builder()
    try:
        data = builder.build(root, (), 0)
    except _Abort as abort:
        return Loaded(None, Source(name), (*builder.findings, abort.finding))
    except RecursionError:
        return Loaded(None, Source(name), (Finding("error", "yaml-too-deep", {"limit": MAX_DEPTH}),))
    return Loaded(data, Source(name, builder.values, builder.keys), tuple(builder.findings))


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
    display = name or str(path)
    try:
        raw = read_regular(path, MAX_FILE_BYTES)
        if len(raw) > MAX_FILE_BYTES:
            finding = Finding("error", "file-too-large", {"limit_mib": MAX_FILE_BYTES // 2**20})
            return Loaded(None, Source(display), (finding,))
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
    return load_bytes(raw, display)
