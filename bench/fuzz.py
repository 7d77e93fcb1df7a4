"""Long fuzz run: hostile, random and mutated plan files through the library and the CLI.

    python bench/fuzz.py --cases 10000 --seed 1 [--jobs 2] [--keep DIR] [--only N] [--seconds S]

Every case is a file made from a seeded generator (case N of seed S is always the same file, so
``--only N`` replays it). Each case goes through

* the library: ``cap135.budget.analysis.analyze`` and ``cap135.cli.findings_output``
  formatting of every finding, text and JSON, in both languages, with invariants (a plan that
  is not ok has an error finding; every finding code has a catalogue message);
* the CLI in-process (``typer.testing.CliRunner``, ``catch_exceptions=False``, so an exception is
  a traceback, never a "handled" exit 3): ``validate`` (text and JSON); when a budget exists,
  ``cost --format json|csv`` (checked: the lines add up to the total, JSON and CSV agree) and
  ``cost --format xlsx``; when the plan is valid, ``render`` (checked: a valid .docx).

Cases run in worker processes with a memory cap (RLIMIT_AS) and a per-case time limit, so a
segfault, a runaway allocation or a hang is counted as such instead of ending the run. The
report counts exit codes per command, tracebacks grouped by exception and place, invariant
violations, crashes and time-outs. Exit status: 0 when there is no traceback, violation, crash
or time-out, else 1.

Issue 12 adds scenario families, each with its own invariants (SCENARIOS): YAML 1.1 number and
boolean forms (``yaml11``), template shapes (``template``), output targets (``output-target``)
and non-regular files as inputs (``non-regular``). Issue 21 adds every writer × every input kind
× direct / symlink / hard link, on runs that are otherwise broken or not (``input-target``),
every printer × hostile file and folder names (``hostile-name``), and odd output names
(``output-name``: trailing slashes, missing folders, contradicting extensions).

The generators, run_case and the scenarios are also used by tests/test_fuzz.py (with hypothesis
supplying the Random).
"""

from __future__ import annotations

import argparse
import collections
import csv
import io
import json
import os
import random
import re
import sys
import time
import traceback
import unicodedata
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import yaml

# libyaml when available: the pure-Python emitter takes ~0.3 s for a 100,000-character string.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SafeDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _load(text: str) -> Any:
    return yaml.load(text, Loader=_SafeLoader)


def _dump(data: Any, **options: Any) -> str:
    return yaml.dump(data, Dumper=_SafeDumper, **options)


ROOT = Path(__file__).resolve().parent.parent
PLANS_DIR = ROOT / "plans"
PLAN_NAMES = ("quang-tri-2020.yaml", "dak-glei-2019.yaml", "soc-trang-2024.yaml")
PLAN_TEXTS = {name: (PLANS_DIR / name).read_text(encoding="utf-8") for name in PLAN_NAMES}

# Keys whose values the in-suite fuzz leaves alone (see tests/test_fuzz.py); the bench mutates all.
NO_KEYS: frozenset[str] = frozenset()

# --------------------------------------------------------------------------------------------
# Junk: YAML source text for a value of every type
# --------------------------------------------------------------------------------------------

NFD_SAMPLE = unicodedata.normalize("NFD", "Nâng cao năng lực cho cộng đồng và cán bộ cơ sở, Đăk Glei")
SPECIAL_TEXTS = (
    "\x01\x02\x1b[31m\x07\x7f",  # control characters (and a terminal escape)
    "\ufffe\uffff",
    "\u202eRTL override\u202c",
    "zero\u200bwidth\u200d",
    "😀 𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "tab\there",
    "line\nbreak\r\nand\rCR",
    "\u2028\u2029\x85",
    "{{ 7*7 }} {% if 1 %}x{% endif %}",
    "{0.__class__} %s %(x)s %n",
    "<w:p>&amp;</w:p> & < > \" '",
    "../../../../etc/passwd",
    "C:\\Windows\\system32",
    '=HYPERLINK("http://x")',
    "[/bold] [red]unclosed [link=http://x]",
    "\x1b]0;window title\x07\x1b[2J",
    "-1",
    "",
    " ",
    "Ｆｕｌｌｗｉｄｔｈ １２３",
    "٢٠٢٠-٠٥",
)


def _quoted(text: str, rnd: random.Random) -> str:
    """A YAML double-quoted scalar (JSON strings are YAML), or a single-quoted one."""
    if rnd.random() < 0.7:
        return json.dumps(text, ensure_ascii=rnd.random() < 0.5)
    return "'" + text.replace("'", "''").replace("\n", "\n\n") + "'"


def junk_int(rnd: random.Random) -> str:
    n = rnd.choice([29, 30, 31, 60, 4300, 4301, 5000, 20000])
    return rnd.choice(
        [
            "0",
            "-1",
            "1",
            "2",
            "7",
            "84",
            "2020",
            "1000000",
            "1000001",
            "2147483648",
            "9223372036854775808",
            str(10**15),
            str(10**15 + 1),
            "-" + "9" * 20,
            "9" * n,
            "-" + "9" * n,
            "0x" + "f" * n,
            "0b" + "1" * n,
            "0o" + "7" * n,
            "0" + "7" * min(n, 40),
            "1_000_000",
            "1" + "_" * min(n, 5000),
            "190:20:30",
            ":".join(["59"] * min(n, 400)),
            "+12",
            "012",
            "!!int 12",
            "!!int abc",
            "!!int " + "9" * n,
        ]
    )


def junk_float(rnd: random.Random) -> str:
    n = rnd.choice([10, 400, 5000, 50000])
    return rnd.choice(
        [
            "1.5",
            "-0.0",
            "0.0",
            "3.0",
            "1251000000.5",
            "1e308",
            "1e400",
            "-1e400",
            "1e-400",
            ".nan",
            ".NaN",
            ".inf",
            "-.Inf",
            "+.inf",
            "6.02e23",
            "1." + "9" * n,
            "9" * n + ".5",
            "!!float x",
            "!!float .nan",
            "1_000.5",
            "190:20:30.15",
        ]
    )


def junk_date(rnd: random.Random) -> str:
    return rnd.choice(
        [
            "2020-02-30",
            "2020-13-01",
            "0000-01-01",
            "9999-12-31",
            "2020-05-14",
            "2020-05-14T10:00:00Z",
            "2020-05-14 10:00:00.123456+07:00",
            "2020-05",
            "2020-5",
            "2020-00",
            "2020-W01",
            "1970-01-01",
            "2100-12-31",
            "2101-01-01",
            "1999-12-31",
            "2019-12-31",
            "2020-01-01",
            "99999-01",
            "!!timestamp 2020-02-30",
            "!!timestamp x",
            "2020-05-14T25:61:61Z",
        ]
    )


def junk_null(rnd: random.Random) -> str:
    return rnd.choice(["null", "~", "", "Null", "NULL", "!!null x", "!!null ''"])


def junk_bool(rnd: random.Random) -> str:
    return rnd.choice(["yes", "no", "on", "off", "true", "False", "y", "n", "TRUE", "!!bool maybe"])


def junk_list(rnd: random.Random) -> str:
    n = rnd.choice([3, 100, 10000])
    return rnd.choice(
        [
            "[]",
            "[1, 2]",
            "[[[]]]",
            "[a, {b: c}]",
            "[null]",
            "[" + ", ".join(["1"] * n) + "]",
            "[" + "[" * 70 + "]" * 70 + "]",
            "!!set {a, b}",
            "!!omap [a: 1]",
            "!!seq [1]",
        ]
    )


def junk_dict(rnd: random.Random) -> str:
    return rnd.choice(
        [
            "{}",
            "{a: 1}",
            "{from: 2020-05, to: 2020-06}",
            "{from: 2020-06, to: 2020-05}",
            "{name: X, level: province}",
            "{size: 10}",
            "{text: X, grade: expert}",
            "{<<: {a: 1}}",
            "{<<: [1, 2]}",
            "{? [a] : 1}",
            "{a: 1, a: 2}",
            "{" + ", ".join(f"k{i}: {i}" for i in range(200)) + "}",
            "!!map {a: 1}",
        ]
    )


def junk_text(rnd: random.Random) -> str:
    n = rnd.choice([1000, 99_999, 100_001, 300_000])
    choice = rnd.randrange(9)
    if choice == 0:
        return "x" * n  # very long (100,000 is the limit)
    if choice == 1:
        return _quoted(rnd.choice(SPECIAL_TEXTS), rnd)
    if choice == 2:
        return _quoted(NFD_SAMPLE, rnd) if rnd.random() < 0.5 else NFD_SAMPLE
    if choice == 3:
        return _quoted("".join(chr(rnd.randrange(1, 0x3000)) for _ in range(rnd.randrange(1, 60))), rnd)
    if choice == 4:
        return rnd.choice(
            [
                '"unterminated',
                "'unterminated",
                "a: b",
                "a #comment",
                "- item",
                "&anchor value",
                "*undefined_alias",
                "!custom tag",
                "!!python/object/apply:os.system ['touch /tmp/cap135-fuzz-pwned']",
                "!!python/name:os.system",
                "!!binary aGVsbG8=",
                "|\n  block",
                ">-\n  folded",
                "%",
                "@",
                "`",
                "? x",
                '"\\ud800"',
                '"\\x00"',
                '"\\uFFFE"',
                '"\\U0010FFFF"',
            ]
        )
    if choice == 5:
        return _quoted("x" * n, rnd)
    if choice == 6:
        return rnd.choice(
            [
                "/dev/zero",
                "/dev/null",
                "/proc/self/mem",
                "/etc",
                "no-such-table",
                "national",
                "'~nosuchuser/table.yaml'",
                '"table\\0.yaml"',
                "a" * 300,
            ]
        )
    if choice == 7:
        return _quoted("a" * rnd.choice([255, 256, 4096, 5000]), rnd)
    return rnd.choice(["youth", "cadres", "community", "province", "village", "expert", "BDT", "bdt", "x-1"])


JUNK: dict[str, Callable[[random.Random], str]] = {
    "int": junk_int,
    "float": junk_float,
    "date": junk_date,
    "null": junk_null,
    "bool": junk_bool,
    "list": junk_list,
    "dict": junk_dict,
    "text": junk_text,
}


def junk(rnd: random.Random, kind: str | None = None) -> str:
    return JUNK[kind or rnd.choice(sorted(JUNK))](rnd)


# --------------------------------------------------------------------------------------------
# Text mutations of the example plans
# --------------------------------------------------------------------------------------------

# `key: value` in block style (value up to the end of the line) or inside a flow mapping.
_SCALAR = re.compile(
    r"(?P<key>[A-Za-z_]+): (?P<value>(?:\"[^\"\n]*\"|[^\n{}\[\],#]+?))(?=\s*(?:[,}\]]|#|\n|$))"
)


def scalar_spans(text: str, skip_keys: frozenset[str] = NO_KEYS) -> list[tuple[str, int, int]]:
    return [
        (m["key"], m.start("value"), m.end("value"))
        for m in _SCALAR.finditer(text)
        if m["key"] not in skip_keys
    ]


def replace_scalar(text: str, rnd: random.Random, value: str, skip_keys: frozenset[str] = NO_KEYS) -> str:
    spans = scalar_spans(text, skip_keys)
    if not spans:
        return text
    _, start, end = rnd.choice(spans)
    if "\n" in value:  # a block scalar or a multi-line value: only sensible in block context
        value = json.dumps(value)
    return text[:start] + value + text[end:]


def _lines(text: str) -> list[str]:
    return text.split("\n")


def op_delete(text: str, rnd: random.Random, skip_keys: frozenset[str]) -> str:
    lines = _lines(text)
    i = rnd.randrange(len(lines))
    del lines[i : i + rnd.choice([1, 1, 1, 2, 5])]
    return "\n".join(lines)


def op_duplicate(text: str, rnd: random.Random, skip_keys: frozenset[str]) -> str:
    lines = _lines(text)
    i = rnd.randrange(len(lines))
    lines[i:i] = lines[i : i + rnd.choice([1, 1, 3])]
    return "\n".join(lines)


def op_truncate(text: str, rnd: random.Random, skip_keys: frozenset[str]) -> str:
    return text[: rnd.randrange(len(text) + 1)]


def op_reindent(text: str, rnd: random.Random, skip_keys: frozenset[str]) -> str:
    lines = _lines(text)
    i = rnd.randrange(len(lines))
    stripped = lines[i].lstrip(" ")
    indent = len(lines[i]) - len(stripped)
    how = rnd.randrange(3)
    if how == 0:
        lines[i] = " " * max(0, indent + rnd.choice([-4, -2, -1, 1, 2, 4])) + stripped
    elif how == 1:
        lines[i] = "\t" * rnd.choice([1, 2]) + stripped
    else:
        lines[i] = " " * indent + "\t" + stripped
    return "\n".join(lines)


def op_swap(text: str, rnd: random.Random, skip_keys: frozenset[str]) -> str:
    lines = _lines(text)
    if len(lines) < 2:
        return text
    i = rnd.randrange(len(lines) - 1)
    j = i + 1 if rnd.random() < 0.7 else rnd.randrange(len(lines))
    lines[i], lines[j] = lines[j], lines[i]
    return "\n".join(lines)


def op_junk_scalar(text: str, rnd: random.Random, skip_keys: frozenset[str]) -> str:
    return replace_scalar(text, rnd, junk(rnd), skip_keys)


def op_junk_line(text: str, rnd: random.Random, skip_keys: frozenset[str]) -> str:
    lines = _lines(text)
    i = rnd.randrange(len(lines) + 1)
    key = rnd.choice(["version", "year", "groups", "classes", "meals", "x", "Tên", "yes", "- a", "<<"])
    if key in skip_keys:
        key = "x"
    lines.insert(i, " " * rnd.choice([0, 2, 4, 6]) + f"{key}: {junk(rnd)}")
    return "\n".join(lines)


def op_rename_key(text: str, rnd: random.Random, skip_keys: frozenset[str]) -> str:
    spans = scalar_spans(text, skip_keys)
    if not spans:
        return text
    key, start, _ = rnd.choice(spans)
    key_start = start - len(key) - 2
    new = rnd.choice(
        [
            key[:-1],
            key + key[-1],
            key.upper(),
            key + " ",
            "ă" + key,
            key.replace("_", "-"),
            "",
            "'" + key + "'",
        ]
    )
    return text[:key_start] + new + text[start - 2 :]


_CHARS = [":", "-", "[", "]", "{", "}", '"', "'", "#", "&", "*", "!", "|", ">", "%", "@", "`", ",", "?"]
_CHARS += ["\t", "\r", "\x00", "\x85", "\u2028", "\ufeff", "\u0301", "ư", "\n", " ", "\\"]


def op_char(text: str, rnd: random.Random, skip_keys: frozenset[str]) -> str:
    i = rnd.randrange(len(text) + 1)
    how = rnd.randrange(3)
    if how == 0:
        return text[:i] + rnd.choice(_CHARS) + text[i:]
    if how == 1:
        return text[:i] + text[i + 1 :]
    return text[:i] + rnd.choice(_CHARS) + text[i + 1 :]


def op_number(text: str, rnd: random.Random, skip_keys: frozenset[str]) -> str:
    """A benign edit: another plausible whole number (plans often still validate)."""
    spans = [
        (k, s, e) for k, s, e in scalar_spans(text, skip_keys) if re.fullmatch(r"\d{1,4}", text[s:e].strip())
    ]
    if not spans:
        return text
    key, start, end = rnd.choice(spans)
    if key == "year":
        return text
    return text[:start] + str(rnd.choice([1, 2, 3, 5, 10, 20, 40, 60, 100, 120])) + text[end:]


MUTATIONS: dict[str, Callable[[str, random.Random, frozenset[str]], str]] = {
    "delete": op_delete,
    "duplicate": op_duplicate,
    "truncate": op_truncate,
    "reindent": op_reindent,
    "swap": op_swap,
    "junk-scalar": op_junk_scalar,
    "junk-line": op_junk_line,
    "rename-key": op_rename_key,
    "char": op_char,
    "number": op_number,
}
# Weights: junk in values is the main course; truncation ends most files early.
_WEIGHTS = {
    "delete": 3,
    "duplicate": 2,
    "truncate": 1,
    "reindent": 2,
    "swap": 2,
    "junk-scalar": 6,
    "junk-line": 2,
    "rename-key": 2,
    "char": 2,
    "number": 3,
}


def mutate_text(text: str, rnd: random.Random, skip_keys: frozenset[str] = NO_KEYS) -> str:
    names = sorted(MUTATIONS)
    for _ in range(rnd.choice([1, 1, 1, 2, 3, 4])):
        name = rnd.choices(names, weights=[_WEIGHTS[n] for n in names])[0]
        text = MUTATIONS[name](text, rnd, skip_keys)
    return text


def benign_mutation(text: str, rnd: random.Random, skip_keys: frozenset[str] = NO_KEYS) -> str:
    """Edits that usually keep a plan valid: other numbers, fewer lines of lists, a comment."""
    for _ in range(rnd.choice([1, 2, 3])):
        how = rnd.randrange(4)
        if how == 0:
            text = op_number(text, rnd, skip_keys)
        elif how == 1:  # drop one list item of a plain text list (legal_basis, recipients, …)
            lines = _lines(text)
            items = [i for i, ln in enumerate(lines) if re.match(r"  - \"", ln)]
            if items:
                del lines[rnd.choice(items)]
            text = "\n".join(lines)
        elif how == 2:  # duplicate a lesson
            lines = _lines(text)
            items = [i for i, ln in enumerate(lines) if "{title:" in ln]
            if items:
                i = rnd.choice(items)
                lines.insert(i, lines[i])
            text = "\n".join(lines)
        else:
            text = text.replace("\n", "\n# " + rnd.choice(SPECIAL_TEXTS[:8]).replace("\n", " ") + "\n", 1)
    return text


def encode(text: str, rnd: random.Random) -> bytes:
    """The text as bytes in one of the ways files arrive."""
    how = rnd.randrange(14)
    if how == 0:
        return b"\xef\xbb\xbf" + text.encode("utf-8")
    if how == 1:
        return text.replace("\n", "\r\n").encode("utf-8")
    if how == 2:
        return unicodedata.normalize("NFD", text).encode("utf-8")
    if how == 3:
        return text.encode(rnd.choice(["utf-16", "utf-16-le", "utf-16-be", "utf-32"]))
    if how == 4:
        return text.encode(rnd.choice(["cp1258", "latin-1", "cp1252"]), errors="replace")
    if how == 5:
        raw = text.encode("utf-8")
        i = rnd.randrange(len(raw) + 1)
        return raw[:i] + rnd.randbytes(rnd.randrange(1, 8)) + raw[i:]
    if how == 6:
        return text.replace("\n", "\r").encode("utf-8")
    return text.encode("utf-8")


# --------------------------------------------------------------------------------------------
# Data-level mutations: parse a plan, replace a random node with a random value, dump it again
# --------------------------------------------------------------------------------------------


def random_value(rnd: random.Random, depth: int = 0) -> Any:
    kind = rnd.randrange(16 if depth < 3 else 13)
    if kind == 0:
        return None
    if kind == 1:
        return rnd.choice([True, False])
    if kind == 2:
        return rnd.choice([0, -1, 1, 2, 84, 2020, 10**6, 10**6 + 1, 10**15, 10**15 + 1, 2**63, -(10**30)])
    if kind == 3:
        return int("9" * rnd.choice([31, 100, 4000]))
    if kind == 4:
        return rnd.choice([1.5, -0.0, 0.0, 1e308, float("inf"), float("-inf"), float("nan"), 3.0])
    if kind == 5:
        return date(
            rnd.choice([1, 1999, 2019, 2020, 2024, 2101, 9999]), rnd.randint(1, 12), rnd.randint(1, 28)
        )
    if kind == 6:
        return datetime(2020, 5, 14, 10, 0, tzinfo=timezone(timedelta(hours=7)))
    if kind == 7:
        return "x" * rnd.choice([0, 1, 1000, 100_001])
    if kind == 8:
        return NFD_SAMPLE
    if kind == 9:
        return rnd.choice(SPECIAL_TEXTS)
    if kind == 10:
        return "".join(chr(rnd.randrange(1, 0xD7FF)) for _ in range(rnd.randrange(0, 30)))
    if kind == 11:
        return rnd.choice(["2020-05", "2020-13", "2020-05-14", "cadres", "province", "expert", "BDT", "a-b"])
    if kind == 12:
        return rnd.choice([[], {}, [[]], [{}]])
    if kind == 13:
        return [random_value(rnd, depth + 1) for _ in range(rnd.randrange(0, 4))]
    keys = ["version", "year", "name", "id", "size", "from", "to", "level", "text", "x", "classes", "title"]
    return {rnd.choice(keys): random_value(rnd, depth + 1) for _ in range(rnd.randrange(0, 4))}


def _paths(data: Any, prefix: tuple = ()) -> list[tuple]:
    found = [prefix]
    if isinstance(data, dict):
        for k, v in data.items():
            found += _paths(v, (*prefix, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            found += _paths(v, (*prefix, i))
    return found


def _set(data: Any, path: tuple, value: Any) -> Any:
    if not path:
        return value
    head, *rest = path
    if isinstance(data, dict):
        return {**data, head: _set(data[head], tuple(rest), value)}
    copy = list(data)
    copy[head] = _set(copy[head], tuple(rest), value)
    return copy


def mutate_data(text: str, rnd: random.Random, skip_keys: frozenset[str] = NO_KEYS) -> str:
    data = _load(text)
    for _ in range(rnd.choice([1, 1, 2, 3])):
        paths = [p for p in _paths(data) if p and not (set(p) & skip_keys)]
        path = rnd.choice(paths)
        how = rnd.randrange(10)
        if how < 7:
            data = _set(data, path, random_value(rnd))
        elif how < 9:  # delete the node
            parent = path[:-1]
            node = data
            for p in parent:
                node = node[p]
            if isinstance(node, dict):
                node = {k: v for k, v in node.items() if k != path[-1]}
            else:
                node = [v for i, v in enumerate(node) if i != path[-1]]
            data = _set(data, parent, node)
        else:  # a new key beside it
            parent = path[:-1]
            node = data
            for p in parent:
                node = node[p]
            if isinstance(node, dict):
                data = _set(data, parent, {**node, rnd.choice(["extra", "lesons", "Tên"]): random_value(rnd)})
    return _dump(
        data,
        allow_unicode=rnd.random() < 0.8,
        default_flow_style=rnd.choice([False, None, True]),
        sort_keys=rnd.random() < 0.2,
        width=rnd.choice([80, 10**6]),
    )


def hostile_same_type(value: Any, rnd: random.Random, big: bool = True) -> Any:
    """A value of the same type that is still allowed, at its most awkward.

    `big=False` keeps counts small: `classes: 1000000` is valid but costs ~18 s to analyse (cost.py
    builds every class), too slow for the test suite; the bench keeps it (and reports time-outs)."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        if not big:
            return rnd.choice([1, 2, 3, 99, 100, 101, 1000, value + 1])
        return rnd.choice([1, 2, 999_999, 1_000_000, 10**6, 10**9, 10**12, 10**15, value * 1000])
    if isinstance(value, str):
        how = rnd.randrange(6)
        if how == 0:
            return rnd.choice(SPECIAL_TEXTS[:14]) + " " + value
        if how == 1:
            return unicodedata.normalize("NFD", value)
        if how == 2:
            return value + " " + "x" * rnd.choice([1000, 99_000])
        if how == 3:
            return "".join(chr(rnd.randrange(1, 0xD7FF)) for _ in range(rnd.randrange(1, 40))) + value
        if how == 4:
            return value.replace(" ", "\n")
        return rnd.choice(SPECIAL_TEXTS)
    return value


def mutate_typed(text: str, rnd: random.Random, skip_keys: frozenset[str] = NO_KEYS, big: bool = True) -> str:
    """Replace 1-3 leaves with awkward values of their own type: the plan often stays valid, so the
    values reach cost, the workbook and the Word document."""
    data = _load(text)
    for _ in range(rnd.choice([1, 1, 2, 3])):
        leaves = [
            p
            for p in _paths(data)
            if p and not (set(p) & skip_keys) and isinstance(_get(data, p), (str, int))
        ]
        path = rnd.choice(leaves)
        data = _set(data, path, hostile_same_type(_get(data, path), rnd, big))
    return _dump(data, allow_unicode=rnd.random() < 0.8, sort_keys=False, width=10**6)


def _get(data: Any, path: tuple) -> Any:
    for p in path:
        data = data[p]
    return data


def random_document(rnd: random.Random) -> str:
    value = random_value(rnd)
    if rnd.random() < 0.6:
        keys = [
            "version",
            "year",
            "agency",
            "place",
            "title",
            "funding",
            "signer",
            "groups",
            "tours",
            "rates",
        ]
        value = {rnd.choice(keys): random_value(rnd) for _ in range(rnd.randrange(1, 8))}
    return _dump(value, allow_unicode=True, default_flow_style=rnd.choice([False, None, True]))


def hostile_file(rnd: random.Random) -> bytes:
    how = rnd.randrange(10)
    if how == 0:  # alias bomb
        text = "a: &a [1,1,1,1,1,1,1,1,1]\n" + "".join(
            f"{b}: &{b} [{','.join(['*' + a] * 9)}]\n" for a, b in zip("abcdefgh", "bcdefghi", strict=True)
        )
        return text.encode()
    if how == 1:  # deep flow nesting (libyaml's composer would overflow the C stack)
        n = rnd.choice([65, 1000, 100_000, 400_000])
        return ("a: " + rnd.choice("[{") * n + "\n").encode()
    if how == 2:
        n = rnd.choice([65, 1000])
        return "".join(" " * i + "a:\n" for i in range(n)).encode()
    if how == 3:  # just over the size limit
        return b"a: " + b"0" * (1024 * 1024) + b"\n"
    if how == 4:  # dense nodes, just under the limit
        return ("a: [" + ",".join(["0"] * 100_000) + "]\n").encode()
    if how == 5:
        return rnd.choice([b"", b"~\n", b"---\n...\n", b"--- # x\n", b"null\n", b"[]\n", b"3\n", b"'x'\n"])
    if how == 6:
        return b"a: &a [*a]\n"
    if how == 7:
        return ("a: 1\n---\nb: 2\n" if rnd.random() < 0.5 else "%YAML 1.1\n---\na: 1\n").encode()
    if how == 8:
        return (
            b"version: 1\nyear: "
            + rnd.choice([b"0x" + b"f" * 4000, b"9" * 5000, b"0b" + b"1" * 20000])
            + b"\n"
        )
    return rnd.randbytes(rnd.randrange(0, 4096))


def random_bytes(rnd: random.Random) -> bytes:
    how = rnd.randrange(3)
    if how == 0:
        return rnd.randbytes(rnd.randrange(0, 2000))
    if how == 1:  # YAML-ish alphabet
        alphabet = "abc: -[]{},'\"#&*!|>\n  \t0123456789.~?%@`\\"
        return "".join(rnd.choice(alphabet) for _ in range(rnd.randrange(0, 400))).encode()
    raw = PLAN_TEXTS[rnd.choice(PLAN_NAMES)].encode("utf-8")
    i = rnd.randrange(len(raw))
    return raw[:i] + rnd.randbytes(rnd.randrange(1, 200)) + raw[i + rnd.randrange(0, 200) :]


KINDS = {
    "mutate-text": 30,
    "mutate-data": 18,
    "typed": 14,
    "benign": 8,
    "random-yaml": 8,
    "random-bytes": 8,
    "encoding": 8,
    "hostile": 5,
    "original": 3,
    # issue 12's scenario families (SCENARIOS): not a plan file alone, so make_file gives b""
    "yaml11": 6,
    "template": 4,
    "output-target": 6,
    "non-regular": 3,
    # issue 21's families
    "input-target": 6,
    "hostile-name": 6,
    "output-name": 4,
}


def make_case(seed: int, index: int, skip_keys: frozenset[str] = NO_KEYS) -> tuple[str, bytes]:
    """Case `index` of `seed`: always the same (kind, file bytes)."""
    rnd = random.Random(f"{seed}:{index}")
    kind = rnd.choices(list(KINDS), weights=list(KINDS.values()))[0]
    return kind, make_file(kind, rnd, skip_keys)


def make_file(kind: str, rnd: random.Random, skip_keys: frozenset[str] = NO_KEYS) -> bytes:
    text = PLAN_TEXTS[rnd.choice(PLAN_NAMES)]
    if kind == "mutate-text":
        return mutate_text(text, rnd, skip_keys).encode("utf-8", errors="surrogatepass")
    if kind == "mutate-data":
        return mutate_data(text, rnd, skip_keys).encode("utf-8", errors="surrogatepass")
    if kind == "typed":
        return mutate_typed(text, rnd, skip_keys).encode("utf-8", errors="surrogatepass")
    if kind == "benign":
        return benign_mutation(text, rnd, skip_keys).encode("utf-8")
    if kind == "random-yaml":
        return random_document(rnd).encode("utf-8", errors="surrogatepass")
    if kind == "random-bytes":
        return random_bytes(rnd)
    if kind == "encoding":
        return encode(mutate_text(text, rnd, skip_keys) if rnd.random() < 0.3 else text, rnd)
    if kind == "hostile":
        return hostile_file(rnd)
    if kind in SCENARIOS:
        return b""  # run by its scenario (SCENARIOS), from the case's own Random
    return text.encode("utf-8")


# --------------------------------------------------------------------------------------------
# Running one case
# --------------------------------------------------------------------------------------------


class Violation(AssertionError):
    """An invariant that does not hold (not an exception of cap135 itself)."""


def check_library(path: Path) -> Any:
    """analyze + formatting of every finding in both languages; returns the Analysis."""
    from cap135.budget.analysis import analyze
    from cap135.cli.findings_output import as_json, format_text, locate
    from cap135.messages import CATALOGUE

    analysis = analyze(path)
    errors = [f for f in analysis.findings if f.is_error]
    if (analysis.plan is None or analysis.budget is None) and not errors:
        raise Violation("no plan (or no budget) but no error finding")
    for finding in analysis.findings:
        if finding.code not in CATALOGUE:
            raise Violation(f"finding code {finding.code!r} has no message")
        located = locate(finding, analysis.source)
        for lang in ("vi", "en"):
            line = format_text(located, lang)
            record = as_json(located, lang)
            json.dumps(record, ensure_ascii=False)
            if not line or not record["message"]:
                raise Violation(f"empty message for {finding.code}")
    return analysis


def budget_consistency(json_text: str, csv_text: str) -> None:
    """JSON: the lines add up to the total; CSV: the amounts add up to its total row; both agree."""
    data = json.loads(json_text)
    amounts = [line["amount"] for line in data["lines"]]
    if sum(amounts) != data["total"]:
        raise Violation(f"json: lines add up to {sum(amounts)}, total says {data['total']}")
    for line in data["lines"]:
        if line["unit"] != "%" and line["quantity"] * line["rate"] != line["amount"]:
            raise Violation(f"json: {line['quantity']} × {line['rate']} != {line['amount']} ({line['item']})")
    rows = list(csv.reader(io.StringIO(csv_text.lstrip("\ufeff"))))
    body = rows[1:]  # the table's columns: STT, item, unit, quantity, rate, amount, basis
    amount_col = 5
    lines = [r for r in body if r[0].isdigit()]  # line rows are numbered 1, 2, …
    sections = [r for r in body if r[0] and not r[0].isdigit()]  # section rows: I, II, …
    total_rows = [r for r in body if not r[0]]
    if len(total_rows) != 1 or body[-1] is not total_rows[0]:
        raise Violation(f"csv: {len(total_rows)} total rows")
    csv_sum = sum(int(r[amount_col]) for r in lines)
    csv_total = int(total_rows[0][amount_col])
    if csv_sum != csv_total or sum(int(r[amount_col]) for r in sections) != csv_total:
        raise Violation(f"csv: lines add up to {csv_sum}, total says {csv_total}")
    if csv_total != data["total"] or len(lines) != len(amounts):
        raise Violation(
            f"csv total {csv_total} ({len(lines)} lines) != json {data['total']} ({len(amounts)})"
        )


def check_docx(path: Path) -> None:
    import zipfile

    import docx

    with zipfile.ZipFile(path) as zf:
        if zf.testzip() is not None:
            raise Violation("render: the .docx has a damaged entry")
    docx.Document(str(path))


class Recorder:
    """Exit codes, tracebacks and invariant violations of one case's steps (CLI in-process)."""

    def __init__(self) -> None:
        from typer.testing import CliRunner

        self.outcome: dict[str, Any] = {"exits": {}, "tracebacks": [], "violations": []}
        self.runner = CliRunner()

    def violation(self, text: str) -> None:
        self.outcome["violations"].append(text)

    def exception(self, step: str, exc: BaseException) -> None:
        if isinstance(exc, Violation):
            self.violation(f"{step}: {exc}")
            return
        frames = traceback.extract_tb(exc.__traceback__)
        inner = [f for f in frames if "cap135" in f.filename] or frames
        where = f"{Path(inner[-1].filename).name}:{inner[-1].lineno}" if inner else "?"
        self.outcome["exits"][step] = "traceback"
        self.outcome["tracebacks"].append(
            {
                "step": step,
                "type": type(exc).__name__,
                "message": str(exc)[:200],
                "where": where,
                "traceback": "".join(traceback.format_exception(exc))[-4000:],
            }
        )

    def cli(self, step: str, *args: str) -> Any:
        """`cap135 --lang en *args`; exit 0, 1 or 2 with a message, no traceback, no ESC."""
        from cap135.cli.app import app

        try:
            result = self.runner.invoke(app, ["--lang", "en", *args], catch_exceptions=False)
        except BaseException as exc:
            self.exception(step, exc)
            return None
        self.outcome["exits"][step] = result.exit_code
        if result.exit_code not in (0, 1, 2):
            self.violation(f"{step}: exit code {result.exit_code}")
        if result.exit_code in (1, 2) and not result.output.strip():
            self.violation(f"{step}: exit {result.exit_code} without a message")
        if "Traceback (most recent call last)" in result.output:
            self.violation(f"{step}: a traceback in the output")
        if step in ("validate", "cost-table") and "\x1b" in result.output:
            # nothing is styled when the output is not a terminal: an ESC came from the file
            self.violation(f"{step}: an ESC character from the file reached the terminal")
        return result


def check_cost(rec: Recorder, plan: Path, blocking: bool) -> None:
    """`cost --format json` and `--format csv`: a budget exactly when the plan has no blocking
    error, the lines add up to the total, each line is quantity × rate, and the two agree.
    (Shared with tests/test_fuzz.py through run_case.)"""
    as_json = rec.cli("cost-json", "cost", "--format", "json", str(plan))
    as_csv = rec.cli("cost-csv", "cost", "--format", "csv", str(plan))
    for step, res in (("cost-json", as_json), ("cost-csv", as_csv)):
        if res is None:
            continue
        if blocking and (res.exit_code != 1 or res.stdout.strip()):
            rec.violation(f"{step}: the plan has errors but cost printed a budget")
        if not blocking and not res.stdout.strip():
            rec.violation(f"{step}: exit {res.exit_code} without a budget")
    if not blocking and as_json is not None and as_csv is not None:
        try:
            budget_consistency(as_json.stdout, as_csv.stdout)
        except Violation as exc:
            rec.violation(f"cost: {exc}")
        except Exception as exc:
            rec.violation(f"cost: output unreadable ({type(exc).__name__}: {exc})")


def run_case(
    data: bytes, workdir: Path, *, render: bool = True, xlsx: bool = True, table: bool = True
) -> dict[str, Any]:
    """One file through library and CLI. Exceptions are recorded, never raised."""
    workdir.mkdir(parents=True, exist_ok=True)
    plan = workdir / "plan.yaml"
    plan.write_bytes(data)
    rec = Recorder()
    try:
        analysis = check_library(plan)
    except BaseException as exc:
        rec.exception("library", exc)
        analysis = None
    else:
        rec.outcome["exits"]["library"] = "ok" if analysis.ok else "errors"

    result = rec.cli("validate", "validate", str(plan))
    if result is not None and analysis is not None:
        has_errors = any(f.is_error for f in analysis.findings)
        if (result.exit_code == 0) == has_errors:
            rec.violation(f"validate: exit {result.exit_code} but errors={has_errors}")
    result = rec.cli("validate-json", "validate", "--format", "json", str(plan))
    if result is not None and result.exit_code in (0, 1):
        try:
            json.loads(result.stdout)
        except ValueError as exc:
            rec.violation(f"validate-json: not JSON ({exc})")

    if analysis is not None and analysis.budget is not None and analysis.plan is not None:
        # cost prints a budget when the only errors are "over the ceiling" (then it exits 1).
        blocking = any(f.is_error and f.code != "over-ceiling" for f in analysis.findings)
        if table:
            rec.cli("cost-table", "cost", str(plan))
        check_cost(rec, plan, blocking)
        if xlsx:
            rec.cli("cost-xlsx", "cost", "--format", "xlsx", "-o", str(workdir / "out.xlsx"), str(plan))
    if render and analysis is not None and analysis.ok:
        out = workdir / "out.docx"
        out.unlink(missing_ok=True)
        result = rec.cli("render", "render", str(plan), "-o", str(out))
        if result is not None and result.exit_code == 0:
            try:
                check_docx(out)
            except Exception as exc:
                rec.violation(f"render: {type(exc).__name__}: {exc}")
    return rec.outcome


# --------------------------------------------------------------------------------------------
# Scenario families of issue 12: YAML 1.1 number forms, template shapes, output targets,
# non-regular files. Each builds its own files in `workdir` and checks its own invariants.
# --------------------------------------------------------------------------------------------

YAML11_NUMBERS = (
    "015",
    "060",
    "08",
    "-007",
    "0x1F",
    "0o17",
    "0b101",
    "1_000",
    "1_000.5",
    "1:30",
    "190:20:30",
)
YAML11_BOOLS = ("yes", "no", "on", "off", "Yes", "NO", "On", "OFF")
_NUMBER_CODES = {"yaml-octal-number", "yaml-number-form", "yaml-sexagesimal"}


def _count_bools(data: Any) -> int:
    if isinstance(data, bool):
        return 1
    if isinstance(data, dict):
        return sum(_count_bools(v) for v in data.values())
    if isinstance(data, list):
        return sum(_count_bools(v) for v in data)
    return 0


def scenario_yaml11(rnd: random.Random, workdir: Path) -> dict[str, Any]:
    """A plan value replaced by a number or boolean that YAML 1.1 reads otherwise than YAML 1.2:
    a number form is always a finding, a 1.1 boolean word is never a boolean."""
    from cap135.plan.yaml_loader import load_text

    name = rnd.choice(PLAN_NAMES)
    form = rnd.choice(YAML11_NUMBERS + YAML11_BOOLS)
    text = PLAN_TEXTS[name]

    def whole(start: int, end: int) -> bool:  # the value is all of a block-context scalar
        line_start = text.rfind("\n", 0, start) + 1
        before = text[line_start:start]
        in_flow = {"{", "["} & set(before)
        return text[end : end + 1] in ("\n", "") and not in_flow and "#" not in before

    spans = [(start, end) for _, start, end in scalar_spans(text) if whole(start, end)]
    start, end = rnd.choice(spans)
    text = text[:start] + form + text[end:]
    outcome = run_case(text.encode("utf-8"), workdir, render=False, xlsx=False, table=False)
    loaded = load_text(text, "x")
    if form in YAML11_NUMBERS:
        found = {f.code for f in loaded.findings}
        if "yaml-syntax" not in found and not _NUMBER_CODES & found:
            outcome["violations"].append(f"yaml11: {form} was read without a finding")
    elif loaded.data is not None and _count_bools(loaded.data) > _count_bools(_load(PLAN_TEXTS[name])):
        outcome["violations"].append(f"yaml11: {form} was read as a boolean")
    return outcome


_W_SECT = '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>'


def _paragraph(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


# (body, must be refused)
TEMPLATE_SHAPES: tuple[tuple[str, bool], ...] = (
    ("", True),
    ("{% if false %}<w:p/>{% endif %}", True),
    (_paragraph("{{ title }}") + _W_SECT, False),
    (_paragraph("{% for g in groups %}{{ g.title }} {% endfor %}") + _W_SECT, False),
    (_paragraph("{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}"), True),
    (_paragraph("{% for i in range(12000) %}{{ 'a' * 1000 }}{% endfor %}") + _W_SECT, True),
    (_paragraph("{% for i in range(2000) %}{{ 'a' * 1000 }}{% endfor %}") + _W_SECT, False),
    (_paragraph("{{ no_such_value }}") + _W_SECT, True),
    (_paragraph("{% for %}") + _W_SECT, True),
    (_paragraph("{{ ''.__class__.__mro__ }}") + _W_SECT, True),
    (_paragraph("{{ 'x' * 100000000 }}") + _W_SECT, True),
    (_paragraph("{{ 9 ** 9 ** 9 }}") + _W_SECT, False),  # Jinja: (9 ** 9) ** 9, a small number
    (_paragraph("{{ 9 ** 999999 }}") + _W_SECT, True),
    (_paragraph("{%p if true %}") + _W_SECT, True),
    ("<w:p>" + _W_SECT, True),
    (_paragraph("&amp; {{ title }} <") + _W_SECT, True),
)
EXTERNAL_RELS = (
    '<Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'image" Target="file:///etc/passwd" TargetMode="External"/>',
    '<Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'oleObject" Target="\\\\server\\share\\x.xlsx" TargetMode="External"/>',
)


def template_with(body: str, extra_rel: str | None = None) -> bytes:
    """The shipped template with `body` inside its <w:body> (and one more relationship)."""
    import zipfile

    shipped = ROOT / "src" / "cap135" / "documents" / "templates" / "kehoach.docx"
    source = zipfile.ZipFile(shipped)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zout:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                text = data.decode("utf-8")
                start, end = text.index("<w:body>") + len("<w:body>"), text.index("</w:body>")
                data = (text[:start] + body + text[end:]).encode("utf-8")
            if info.filename == "word/_rels/document.xml.rels" and extra_rel is not None:
                data = data.replace(b"</Relationships>", extra_rel.encode() + b"</Relationships>")
            zout.writestr(info, data)
    return out.getvalue()


def scenario_template(rnd: random.Random, workdir: Path) -> dict[str, Any]:
    """`render --template` with a template of a known shape: refused (exit 2) when it renders to
    nothing, to too much, forever, or links outside; otherwise a .docx python-docx opens."""
    workdir.mkdir(parents=True, exist_ok=True)
    body, refused = rnd.choice(TEMPLATE_SHAPES)
    external = rnd.random() < 0.25
    template = workdir / "template.docx"
    template.write_bytes(template_with(body, rnd.choice(EXTERNAL_RELS) if external else None))
    plan = workdir / "plan.yaml"
    plan.write_text(PLAN_TEXTS[rnd.choice(PLAN_NAMES)], encoding="utf-8")
    out = workdir / "out.docx"
    out.unlink(missing_ok=True)
    rec = Recorder()
    result = rec.cli("render-template", "render", str(plan), "--template", str(template), "-o", str(out))
    if result is None:
        return rec.outcome
    if (refused or external) and result.exit_code != 2:
        rec.violation(
            f"template: exit {result.exit_code} for a template that must be refused ({body[:60]!r})"
        )
    if result.exit_code == 0:
        try:
            check_docx(out)
        except Exception as exc:
            rec.violation(f"template: {type(exc).__name__}: {exc}")
    elif out.exists():
        rec.violation("template: refused, but an output was written")
    return rec.outcome


def scenario_output_target(rnd: random.Random, workdir: Path) -> dict[str, Any]:
    """-o onto an input (plan, rate table, symlink, hard link), a name that contradicts the format,
    a folder, a device: inputs never change, an output is written only with its own format."""
    import shutil
    import zipfile

    if workdir.exists():
        shutil.rmtree(workdir)
    (workdir / "tables").mkdir(parents=True)
    table = workdir / "tables" / "mine.yaml"
    table.write_text("id: mine\ntitle: Mine\nextends: [quang-tri-2020]\nrates: {}\n", encoding="utf-8")
    plan = workdir / "plan.yaml"
    plan.write_text(
        PLAN_TEXTS["quang-tri-2020.yaml"].replace("rates: quang-tri-2020", "rates: tables/mine.yaml"),
        encoding="utf-8",
    )
    inputs = {p: p.read_bytes() for p in (plan, table)}
    targets: dict[str, Callable[[], Path]] = {
        "plan": lambda: plan,
        "table": lambda: table,
        "plan-symlink": lambda: _link(workdir / "p.json", plan, rnd),
        "table-symlink": lambda: _link(workdir / "t.docx", table, rnd),
        "plan-hardlink": lambda: _hard(workdir / "h.csv", plan),
        "table-hardlink": lambda: _hard(workdir / "h.xlsx", table),
        "pdf": lambda: workdir / "x.pdf",
        "txt": lambda: workdir / "x.txt",
        "json": lambda: workdir / "x.json",
        "csv": lambda: workdir / "x.csv",
        "xlsx": lambda: workdir / "x.xlsx",
        "docx": lambda: workdir / "x.docx",
        "folder": lambda: workdir / "tables",
        "missing-folder": lambda: workdir / "nope" / "x.json",
        "device": lambda: Path("/dev/null"),
    }
    name = rnd.choice(sorted(targets))
    target = targets[name]()
    existed = target.exists()
    command = rnd.choice(["cost", "summary", "render"])
    args = [command, str(plan), "-o", str(target)]
    if command != "render" and rnd.random() < 0.5:
        args[2:2] = ["--format", rnd.choice(["table", "json", "csv", "xlsx"])]
    rec = Recorder()
    result = rec.cli(f"output-{command}", *args)
    for path, before in inputs.items():
        if path.read_bytes() != before:
            rec.violation(f"output: {command} -o {name} changed the input {path.name}")
    if result is None:
        return rec.outcome
    if result.exit_code == 0 and target.is_file():
        data = target.read_bytes()
        suffix = target.suffix.lower()
        ok = {
            ".json": lambda: json.loads(data) is not None,
            ".csv": lambda: data.startswith(b"\xef\xbb\xbf") and b"PK" not in data[:2],
            ".xlsx": lambda: "xl/workbook.xml" in zipfile.ZipFile(io.BytesIO(data)).namelist(),
            ".docx": lambda: "word/document.xml" in zipfile.ZipFile(io.BytesIO(data)).namelist(),
        }.get(suffix)
        try:
            right = ok is not None and ok()
        except Exception:
            right = False
        if not right:
            rec.violation(f"output: {command} wrote {suffix or 'no extension'} content that is not {suffix}")
    elif result.exit_code == 0 and name != "device":
        rec.violation(f"output: {command} -o {name} exit 0 but nothing written")
    if result.exit_code != 0 and not existed and target.exists():
        rec.violation(f"output: {command} -o {name} failed but left a file")
    return rec.outcome


def _link(link: Path, target: Path, rnd: random.Random) -> Path:
    link.symlink_to(target if rnd.random() < 0.5 else os.path.relpath(target, link.parent))
    return link


def _hard(link: Path, target: Path) -> Path:
    os.link(target, link)
    return link


def scenario_non_regular(rnd: random.Random, workdir: Path) -> dict[str, Any]:
    """A FIFO, a socket, a device or a folder as the plan, its rate table or the template: refused
    at once (exit 2, or a plan error for a rate table), never read, never waited for."""
    import shutil
    import socket

    if workdir.exists():
        shutil.rmtree(workdir)
    workdir.mkdir(parents=True)
    special = workdir / "special.yaml"
    kind = rnd.choice(["fifo", "socket", "device", "folder"])
    sock = None
    if kind == "fifo":
        os.mkfifo(special)
    elif kind == "socket":
        sock = socket.socket(socket.AF_UNIX)
        sock.bind(str(special))
    elif kind == "device":
        special = Path(rnd.choice(["/dev/zero", "/dev/null", "/dev/urandom"]))
    else:
        special.mkdir()
    role = rnd.choice(["plan", "table", "template"])
    plan = workdir / "plan.yaml"
    text = PLAN_TEXTS["quang-tri-2020.yaml"]
    if role == "table":
        text = text.replace("rates: quang-tri-2020", f"rates: {json.dumps(str(special))}")
    plan.write_text(text, encoding="utf-8")
    rec = Recorder()
    try:
        if role == "plan":
            command = rnd.choice(["validate", "cost", "summary"])
            result = rec.cli(f"special-{role}", command, str(special))
            expected = {2}
        elif role == "table":
            result = rec.cli(f"special-{role}", "cost", str(plan))
            expected = {1}
        else:
            out = workdir / "out.docx"
            result = rec.cli(
                f"special-{role}", "render", str(plan), "--template", str(special), "-o", str(out)
            )
            expected = {2}
        if result is not None and result.exit_code not in expected:
            rec.violation(f"special: a {kind} as the {role}: exit {result.exit_code}, expected {expected}")
    finally:
        if sock is not None:
            sock.close()
    return rec.outcome


# --------------------------------------------------------------------------------------------
# Issue 21: every writer × every input kind × link kind; every printer × hostile names
# --------------------------------------------------------------------------------------------

RESULTS_TEXT = (PLANS_DIR / "results" / "quang-tri-2020.results.yaml").read_text(encoding="utf-8")
TEMPLATES_DIR = ROOT / "src" / "cap135" / "documents" / "templates"


def _world(root: Path) -> dict[str, Path]:
    """A plan whose table extends another, a results file naming it, both templates (copies)."""
    import shutil

    if root.exists():
        shutil.rmtree(root)
    (root / "base").mkdir(parents=True)
    files = {
        "parent": root / "base" / "parent.yaml",
        "table": root / "local.yaml",
        "plan": root / "plan.yaml",
        "results": root / "r.results.yaml",
        "plan-template": root / "kh.docx",
        "report-template": root / "bc.docx",
    }
    files["parent"].write_text(
        "id: parent\ntitle: P\nextends: [quang-tri-2020]\nrates: {}\n", encoding="utf-8"
    )
    files["table"].write_text(
        "id: local\ntitle: L\nextends: [base/parent.yaml]\nrates: {}\n", encoding="utf-8"
    )
    plan = PLAN_TEXTS["quang-tri-2020.yaml"].replace("rates: quang-tri-2020\n", "rates: local.yaml\n")
    files["plan"].write_text(plan, encoding="utf-8")
    files["results"].write_text(
        RESULTS_TEXT.replace("plan: ../quang-tri-2020.yaml", "plan: plan.yaml"), encoding="utf-8"
    )
    shutil.copyfile(TEMPLATES_DIR / "kehoach.docx", files["plan-template"])
    shutil.copyfile(TEMPLATES_DIR / "baocao.docx", files["report-template"])
    return files


_PLAN_KINDS = ("plan", "table", "parent")
_RESULTS_KINDS = ("results", "plan", "table", "parent")
_VARY = ["--vary", "cong-dong.classes=8..12"]

# writer → (arguments for a target, the input kinds it reads, the extension of a good output)
WRITERS: dict[str, tuple[Callable[[dict[str, Path], str], list[str]], tuple[str, ...], str]] = {
    "cost": (lambda w, t: ["cost", str(w["plan"]), "-o", t], _PLAN_KINDS, ".json"),
    "cost-csv": (lambda w, t: ["cost", str(w["plan"]), "--format", "csv", "-o", t], _PLAN_KINDS, ".csv"),
    "summary": (lambda w, t: ["summary", str(w["plan"]), "-o", t], _PLAN_KINDS, ".xlsx"),
    "summary-results": (lambda w, t: ["summary", str(w["results"]), "-o", t], _RESULTS_KINDS, ".json"),
    "report": (lambda w, t: ["report", str(w["results"]), "-o", t], _RESULTS_KINDS, ".csv"),
    "report-json": (
        lambda w, t: ["report", str(w["results"]), "--format", "json", "-o", t],
        _RESULTS_KINDS,
        ".json",
    ),
    "report-docx": (
        lambda w, t: ["report", str(w["results"]), "--template", str(w["report-template"]), "-o", t],
        (*_RESULTS_KINDS, "report-template"),
        ".docx",
    ),
    "render": (
        lambda w, t: ["render", str(w["plan"]), "--template", str(w["plan-template"]), "-o", t],
        (*_PLAN_KINDS, "plan-template"),
        ".docx",
    ),
    "render-pdf": (
        lambda w, t: ["render", str(w["plan"]), "-o", str(Path(t).with_suffix(".docx")), "--pdf"],
        _PLAN_KINDS,
        ".pdf",
    ),
    "fit": (lambda w, t: ["fit", str(w["plan"]), *_VARY, "--write", t], _PLAN_KINDS, ".yaml"),
    "init-results": (lambda w, t: ["init", "--results", str(w["plan"]), t], _PLAN_KINDS, ".yaml"),
    "convert": (lambda w, t: ["convert", str(w["plan"]), "-o", t, "--force"], _PLAN_KINDS, ".xlsx"),
    "convert-results": (
        lambda w, t: ["convert", str(w["results"]), "-o", t, "--force"],
        _RESULTS_KINDS,
        ".xlsx",
    ),
}


def _break(files: dict[str, Path], rnd: random.Random, kind: str) -> str:
    """Make something else wrong with the run (or not): the output check still comes first.

    A file that no longer names the next one (a plan turned to junk, a table that is not YAML)
    ends the chain there: what lies beyond is no longer read, so it is no input of the run."""
    ways = ["none", "none", "plan-errors", "results-errors"]
    if kind not in ("table", "parent"):
        ways.append("plan-junk")
    if kind != "parent":
        ways.append("table-broken")
    how = rnd.choice(ways)
    if how == "plan-errors":
        text = files["plan"].read_text(encoding="utf-8")
        files["plan"].write_text(text.replace("year: 2020", "year: -5", 1), encoding="utf-8")
    elif how == "results-errors":
        text = files["results"].read_text(encoding="utf-8")
        files["results"].write_text(text.replace("group: cong-dong", "group: nope", 1), encoding="utf-8")
    elif how == "table-broken":
        files["table"].write_text("id: [broken\nextends: [base/parent.yaml]\n", encoding="utf-8")
    elif how == "plan-junk":
        text = files["plan"].read_text(encoding="utf-8")
        files["plan"].write_bytes(mutate_text(text, rnd).encode("utf-8", "replace"))
    return how


def scenario_input_target(rnd: random.Random, workdir: Path) -> dict[str, Any]:
    """An output onto an input of the run — any writer, any input kind, named directly, through a
    symlink or a hard link, on a run that is otherwise fine or broken: exit 2, output-is-input,
    every input unchanged, nothing written beside."""
    files = _world(workdir)
    name = rnd.choice(sorted(WRITERS))
    args_of, kinds, extension = WRITERS[name]
    kind = rnd.choice(kinds)
    links = ["symlink", "hardlink"] if name.endswith("-pdf") else ["direct", "symlink", "hardlink"]
    link = rnd.choice(links)
    how = _break(files, rnd, kind)
    source = files[kind]
    if link == "direct":
        target = source
    else:
        ext = extension  # the PDF beside `-o x.docx --pdf` is x.pdf: that name is the target
        if not name.endswith("-pdf") and rnd.random() < 0.4:
            ext = rnd.choice([".yaml", ".docx", ".json", ".txt", ""])
        target = workdir / f"{link}-{kind}{ext}"
        if link == "symlink":
            _link(target, source, rnd)
        else:
            _hard(target, source)
    before = {p: p.read_bytes() for p in files.values()}
    listing = sorted(workdir.rglob("*"))
    rec = Recorder()
    result = rec.cli("input-target", *args_of(files, str(target)))
    if result is None:
        return rec.outcome
    what = f"{name} onto {kind} ({link}, {how})"
    if result.exit_code != 2 or "error[output-is-input]" not in result.output:
        rec.violation(f"input-target: {what}: exit {result.exit_code} without output-is-input")
    for path, data in before.items():
        if path.read_bytes() != data:
            rec.violation(f"input-target: {what} changed {path.name}")
    if sorted(workdir.rglob("*")) != listing:
        rec.violation(f"input-target: {what} left a file")
    return rec.outcome


def hostile_name(rnd: random.Random) -> str:
    """A file or folder name as a careless or hostile user makes one (never / or NUL)."""
    pieces = [
        "\x1b]0;PWNED\x07",
        "\x1b[2J\x1b[H",
        "\x1b[31m",
        "\x07",
        "\r",
        "\n",
        "\t",
        "\x7f",
        "\x85",
        "\u202e",
        "\u2066",
        "\u200f",
        "\u2028",
        "Quảng Trị",
        "[bold]x[/bold]",
        "%s{0}",
        " ",
        "-",
    ]
    text = "".join(rnd.choice(pieces) for _ in range(rnd.randrange(1, 4)))
    if rnd.random() < 0.4:  # bytes that are not UTF-8
        text += os.fsdecode(bytes(rnd.randrange(0x80, 0x100) for _ in range(rnd.randrange(1, 4))))
    return text or "x"


PRINTERS: dict[str, Callable[[dict[str, Path], Path], list[str]]] = {
    "validate": lambda w, o: ["validate", str(w["plan"])],
    "validate-json": lambda w, o: ["validate", "--format", "json", str(w["plan"]), str(w["results"])],
    "validate-results": lambda w, o: ["validate", str(w["results"])],
    "validate-missing": lambda w, o: ["validate", str(w["plan"].with_name("missing.yaml"))],
    "cost": lambda w, o: ["cost", str(w["plan"])],
    "cost-json": lambda w, o: ["cost", "--format", "json", str(w["plan"])],
    "cost-written": lambda w, o: ["cost", str(w["plan"]), "-o", str(o / "c.csv")],
    "summary": lambda w, o: ["summary", str(w["plan"])],
    "summary-json": lambda w, o: ["summary", "--format", "json", str(w["plan"])],
    "summary-results": lambda w, o: ["summary", str(w["results"])],
    "summary-results-csv": lambda w, o: ["summary", "--format", "csv", str(w["results"])],
    "report": lambda w, o: ["report", str(w["results"])],
    "report-json": lambda w, o: ["report", "--format", "json", str(w["results"])],
    "report-xlsx": lambda w, o: ["report", str(w["results"]), "-o", str(o / "r.xlsx")],
    "diff-json": lambda w, o: ["diff", "--format", "json", str(w["plan"]), str(QUANG_TRI_PATH)],
    "diff": lambda w, o: ["diff", str(QUANG_TRI_PATH), str(w["plan"])],
    "fit": lambda w, o: ["fit", str(w["plan"]), *_VARY, "--write", str(o / "f.yaml")],
    "rates": lambda w, o: ["rates", str(w["table"])],
    "init": lambda w, o: ["init", "--yes", str(o / "new.yaml")],
    "init-results": lambda w, o: ["init", "--results", str(w["plan"]), str(o / "n.results.yaml")],
    "schema": lambda w, o: ["schema", "-o", str(o / "s.json")],
    "convert": lambda w, o: ["convert", str(w["plan"]), "-o", str(o / "p.xlsx")],
    "convert-results": lambda w, o: ["convert", str(w["results"]), "-o", str(o / "r.xlsx")],
}
QUANG_TRI_PATH = PLANS_DIR / "quang-tri-2020.yaml"


def _unsafe_in(data: bytes) -> str | None:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return "bytes that are not UTF-8"
    for bad in ("\x1b", "\x07", "\u202e", "\u2066", "\u200f", "\x85"):
        if bad in text:
            return repr(bad)
    if re.search("\r(?!\n)", text):
        return "a bare carriage return"
    return None


def scenario_hostile_name(rnd: random.Random, workdir: Path) -> dict[str, Any]:
    """Every printer in a folder (and writing to a folder) with a hostile name: no exception, exit
    0, 1 or 2, and nothing raw on the terminal or in a written text file."""
    import shutil

    if workdir.exists():
        shutil.rmtree(workdir)
    name = hostile_name(rnd)
    files = _world(workdir / name)
    out = workdir / "out" / hostile_name(rnd)
    out.mkdir(parents=True)
    printer = rnd.choice(sorted(PRINTERS))
    rec = Recorder()
    result = rec.cli("hostile-name", *PRINTERS[printer](files, out))
    if result is None:
        return rec.outcome
    for stream, data in (("stdout", result.stdout_bytes), ("stderr", result.stderr_bytes)):
        bad = _unsafe_in(data)
        if bad:
            rec.violation(f"hostile-name: {printer}: {bad} reached {stream}")
    for written in out.iterdir():
        if written.suffix in (".json", ".csv", ".yaml"):
            bad = _unsafe_in(written.read_bytes())
            if bad:
                rec.violation(f"hostile-name: {printer}: {bad} in the written {written.suffix}")
    return rec.outcome


# writer → (arguments for an output name, the extensions it writes)
NAMED_WRITERS: dict[str, tuple[Callable[[dict[str, Path], str], list[str]], tuple[str, ...]]] = {
    "cost": (lambda w, t: ["cost", str(w["plan"]), "-o", t], (".json", ".csv", ".xlsx")),
    "summary": (lambda w, t: ["summary", str(w["results"]), "-o", t], (".json", ".csv", ".xlsx")),
    "report": (lambda w, t: ["report", str(w["results"]), "-o", t], (".json", ".csv", ".xlsx", ".docx")),
    "render": (lambda w, t: ["render", str(w["plan"]), "-o", t], (".docx",)),
    "schema": (lambda w, t: ["schema", "-o", t], (".json",)),
    "init": (lambda w, t: ["init", "--yes", t], (".yaml", ".yml", ".xlsx", ".xlsm")),
    "fit": (lambda w, t: ["fit", str(w["plan"]), *_VARY, "--write", t], (".yaml", ".yml")),
    "convert": (lambda w, t: ["convert", str(w["plan"]), "-o", t], (".xlsx", ".xlsm")),
}


def scenario_output_name(rnd: random.Random, workdir: Path) -> dict[str, Any]:
    """An odd output name (a trailing slash, a folder that does not exist, an extension the command
    does not write, an empty or dot name, upper case): exit 0 only for a file of the right kind,
    otherwise exit 2 with nothing created."""
    import shutil
    import zipfile

    if workdir.exists():
        shutil.rmtree(workdir)
    files = _world(workdir / "in")
    out = workdir / "out"
    out.mkdir()
    name = rnd.choice(sorted(NAMED_WRITERS))
    args_of, extensions = NAMED_WRITERS[name]
    ext = rnd.choice([*extensions, ".txt", ".pdf", ".yaml", ".json", ".docx", ""])
    if rnd.random() < 0.2:
        ext = ext.upper()
    shape = rnd.choice(["plain", "plain", "slash", "missing-folder", "dot", "empty", "file-as-folder"])
    target = {
        "plain": str(out / f"x{ext}"),
        "slash": str(out / f"x{ext}") + "/",
        "missing-folder": str(out / "nope" / f"x{ext}"),
        "dot": str(out) + "/.",
        "empty": "",
        "file-as-folder": str(files["plan"]) + f"/x{ext}",
    }[shape]
    rec = Recorder()
    result = rec.cli("output-name", *args_of(files, target))
    if result is None:
        return rec.outcome
    created = sorted(p.name for p in out.rglob("*"))
    good = shape == "plain" and ext.lower() in extensions
    if result.exit_code == 0 and not good:
        rec.violation(f"output-name: {name} -o {shape}{ext or ' (none)'} was accepted")
    if result.exit_code == 2 and created:
        rec.violation(f"output-name: {name} -o {shape}{ext}: refused but left {created}")
    if result.exit_code == 0 and good:
        written = out / f"x{ext}"
        data = written.read_bytes() if written.is_file() else b""
        kind = ext.lower()
        zipped = data[:2] == b"PK"
        if not data or (kind in (".xlsx", ".xlsm", ".docx")) != zipped:
            rec.violation(f"output-name: {name} -o x{ext} wrote the wrong kind of file")
        elif kind == ".docx" and "word/document.xml" not in zipfile.ZipFile(written).namelist():
            rec.violation(f"output-name: {name} -o x{ext} is not a Word file")
    return rec.outcome


SCENARIOS: dict[str, Callable[[random.Random, Path], dict[str, Any]]] = {
    "yaml11": scenario_yaml11,
    "template": scenario_template,
    "output-target": scenario_output_target,
    "non-regular": scenario_non_regular,
    "input-target": scenario_input_target,
    "hostile-name": scenario_hostile_name,
    "output-name": scenario_output_name,
}


# --------------------------------------------------------------------------------------------
# Worker processes: a crash, a runaway allocation or a hang costs one case, not the run
# --------------------------------------------------------------------------------------------


def _worker(conn: Any, seed: int, workdir: str, memory_mb: int, render_every: int) -> None:
    import resource

    if memory_mb:
        limit = memory_mb * 2**20
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    while True:
        index = conn.recv()
        if index is None:
            return
        kind, data = make_case(seed, index)
        started = time.perf_counter()
        where = Path(workdir) / f"w{os.getpid()}"
        if kind in SCENARIOS:
            outcome = SCENARIOS[kind](random.Random(f"{seed}:{index}:{kind}"), where / kind)
        else:
            outcome = run_case(data, where, render=render_every > 0 and index % render_every == 0)
        outcome["kind"] = kind
        outcome["seconds"] = time.perf_counter() - started
        conn.send((index, outcome))


def run_all(args: argparse.Namespace) -> dict[int, dict[str, Any]]:
    import multiprocessing as mp
    import tempfile
    from multiprocessing.connection import wait

    ctx = mp.get_context("fork")
    todo = list(range(args.cases)) if args.only is None else [args.only]
    todo.reverse()
    results: dict[int, dict[str, Any]] = {}
    workdir = tempfile.mkdtemp(prefix="cap135-fuzz-")
    workers: dict[Any, tuple[Any, int | None, float]] = {}  # conn → (process, case, started)

    def start() -> None:
        parent, child = ctx.Pipe()
        proc = ctx.Process(
            target=_worker, args=(child, args.seed, workdir, args.memory_mb, args.render_every), daemon=True
        )
        proc.start()
        child.close()
        workers[parent] = (proc, None, 0.0)

    deadline = time.monotonic() + args.seconds if args.seconds else None

    def feed(conn: Any) -> None:
        proc, _, _ = workers[conn]
        if todo and deadline is not None and time.monotonic() > deadline:
            todo.clear()  # the time budget is spent: report the cases run so far
        if todo:
            index = todo.pop()
            conn.send(index)
            workers[conn] = (proc, index, time.monotonic())
        else:
            conn.send(None)
            proc.join(5)
            del workers[conn]

    for _ in range(max(1, min(args.jobs, len(todo)))):
        start()
    for conn in list(workers):
        feed(conn)
    done = 0
    while workers:
        ready = wait(list(workers), timeout=1.0)
        for conn in ready:
            proc, index, _ = workers[conn]
            try:
                got, outcome = conn.recv()
            except (EOFError, OSError):
                proc.join(1)
                if index is None:  # died before its first case
                    del workers[conn]
                    start()
                    feed(list(workers)[-1])
                    continue
                code = proc.exitcode
                results[index] = {
                    "kind": make_case(args.seed, index)[0],
                    "crash": f"worker died (exit {code})",
                }
                del workers[conn]
                start()
                feed(list(workers)[-1])
                continue
            results[got] = outcome
            done += 1
            if args.progress and done % args.progress == 0:
                print(f"  {done} cases…", file=sys.stderr, flush=True)
            feed(conn)
        now = time.monotonic()
        for conn, (proc, index, started) in list(workers.items()):
            if index is not None and now - started > args.timeout:
                proc.kill()
                proc.join(1)
                results[index] = {
                    "kind": make_case(args.seed, index)[0],
                    "crash": f"time-out ({args.timeout} s)",
                }
                del workers[conn]
                start()
                feed(list(workers)[-1])
    return results


def report(results: dict[int, dict[str, Any]], args: argparse.Namespace, seconds: float) -> int:
    kinds = collections.Counter(r["kind"] for r in results.values())
    steps = ["library", "validate", "validate-json", "cost-table", "cost-json", "cost-csv", "cost-xlsx"]
    steps.append("render")
    steps += ["render-template", "output-cost", "output-summary", "output-render"]
    steps += ["special-plan", "special-table", "special-template"]
    steps += ["input-target", "hostile-name", "output-name"]
    exits: dict[str, collections.Counter] = {s: collections.Counter() for s in steps}
    groups: dict[tuple[str, str, str], list[int]] = collections.defaultdict(list)
    samples: dict[tuple[str, str, str], dict[str, Any]] = {}
    violations: dict[str, list[int]] = collections.defaultdict(list)
    crashes: dict[str, list[int]] = collections.defaultdict(list)
    for index, r in sorted(results.items()):
        if "crash" in r:
            crashes[r["crash"]].append(index)
            continue
        for step, code in r["exits"].items():
            exits[step][code] += 1
        for tb in r["tracebacks"]:
            key = (tb["step"], f"{tb['type']}: {tb['message'][:90]}", tb["where"])
            groups[key].append(index)
            samples.setdefault(key, tb)
        for v in r["violations"]:
            violations[re.sub(r"\d{3,}", "N", v)[:150]].append(index)
    tracebacks = sum(len(v) for v in groups.values())
    cases_with_tb = len({i for v in groups.values() for i in v})
    print(f"cap135 fuzz: {len(results)} cases, seed {args.seed}, {seconds:.0f} s")
    print("kinds: " + ", ".join(f"{k} {n}" for k, n in kinds.most_common()))
    print("exit codes per step (ok/errors = library analysis; 'traceback' = an exception escaped):")
    for step in steps:
        if exits[step]:
            counts = ", ".join(
                f"{code}: {n}" for code, n in sorted(exits[step].items(), key=lambda x: str(x[0]))
            )
            print(f"  {step:14} {counts}")
    print(f"tracebacks: {tracebacks} in {cases_with_tb} cases ({len(groups)} distinct)")
    for key, indexes in sorted(groups.items(), key=lambda kv: -len(kv[1])):
        step, what, where = key
        print(f"  {len(indexes):5} × {step}: {what} (at {where}); cases {indexes[:5]}")
    print(f"invariant violations: {sum(len(v) for v in violations.values())}")
    for what, indexes in sorted(violations.items(), key=lambda kv: -len(kv[1])):
        print(f"  {len(indexes):5} × {what}; cases {indexes[:5]}")
    print(f"crashes / time-outs: {sum(len(v) for v in crashes.values())}")
    for what, indexes in crashes.items():
        print(f"  {len(indexes):5} × {what}; cases {indexes[:5]}")
    if args.keep:
        keep = Path(args.keep)
        keep.mkdir(parents=True, exist_ok=True)
        bad = {i for v in groups.values() for i in v} | {i for v in violations.values() for i in v}
        bad |= {i for v in crashes.values() for i in v}
        for index in sorted(bad):
            (keep / f"case-{index}.yaml").write_bytes(make_case(args.seed, index)[1])
        for n, (key, tb) in enumerate(samples.items()):
            (keep / f"traceback-{n}.txt").write_text(f"{key}\ncases {groups[key][:20]}\n\n{tb['traceback']}")
        print(f"failing cases written to {keep}/")
    return 1 if (groups or violations or crashes) else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per case")
    parser.add_argument("--memory-mb", type=int, default=3072, help="address-space cap per worker")
    parser.add_argument("--render-every", type=int, default=1, help="render every Nth valid case (0: never)")
    parser.add_argument("--only", type=int, help="run this one case (replay)")
    parser.add_argument("--keep", help="write failing cases and tracebacks to this folder")
    parser.add_argument("--progress", type=int, default=0, help="print a line every N cases")
    parser.add_argument(
        "--seconds", type=float, default=0, help="start no case after this many seconds (0: no limit)"
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    results = run_all(args)
    return report(results, args, time.perf_counter() - started)


if __name__ == "__main__":
    sys.exit(main())
