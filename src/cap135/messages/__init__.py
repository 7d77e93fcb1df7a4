"""The message catalogue: every finding and CLI message in Vietnamese and English.

The texts live in one module per stage beside this one (files, plan, budget, results,
documents, cli); this module holds the language machinery and merges them. Adding a language
means a third text in every entry of each stage module, and a name in LANGS.

A message is looked up by code and filled with `str.format` arguments. Vietnamese
is the default; `--lang en` or CAP135_LANG=en switches. Hints live under
"<code>.hint".
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from cap135.messages import budget, cli, documents, files, plan, results

Lang = Literal["vi", "en"]
LANGS: tuple[Lang, ...] = ("vi", "en")


@dataclass(frozen=True)
class ByLang:
    """An argument worded in every language (a message inside a message, e.g. a rate-table
    problem inside a plan finding): message() and hint() fill in the reader's."""

    texts: tuple[tuple[Lang, str], ...]

    @classmethod
    def of(cls, word: Callable[[Lang], str]) -> ByLang:
        return cls(tuple((lang, word(lang)) for lang in LANGS))

    def text(self, lang: Lang) -> str:
        return dict(self.texts)[lang]


def _worded(args: Mapping[str, Any], lang: Lang) -> Mapping[str, Any]:
    if not any(isinstance(v, ByLang) for v in args.values()):
        return args
    return {k: v.text(lang) if isinstance(v, ByLang) else v for k, v in args.items()}


# code: (vi, en)
# The stage catalogues, merged: every code is defined in exactly one of them (a test checks it).
STAGES: tuple[Mapping[str, tuple[str, str]], ...] = (
    files.CATALOGUE,
    plan.CATALOGUE,
    budget.CATALOGUE,
    results.CATALOGUE,
    documents.CATALOGUE,
    cli.CATALOGUE,
)
CATALOGUE: Mapping[str, tuple[str, str]] = {code: texts for stage in STAGES for code, texts in stage.items()}


# Examples in the "expected a whole number" hint, by field: money gets an amount in đồng, a
# count or a number of days a small number (never a money example).
INTEGER_EXAMPLES: Mapping[str, str] = {
    "ceiling": "1251000000",
    "amount": "1500000",
    "year": "2020",
    "version": "1",
    "number": "15",
    "days": "3",
    "periods": "8",
    "classes": "2",
    "class_size": "50",
    "quantity": "10",
    "size": "40",
    "trainees": "15",
    "staff": "3",
}


def integer_example(field: str) -> str:
    """The example a whole-number hint gives for `field` (a small count when not listed)."""
    return INTEGER_EXAMPLES.get(field, "2")


def parse_lang(value: str) -> Lang | None:
    """`vi` or `en` (any case; a locale such as en_US.UTF-8 names its language); else None."""
    base = re.split(r"[_.@-]", value.strip().lower(), maxsplit=1)[0]
    return "en" if base == "en" else "vi" if base == "vi" else None


def requested_lang(args: Sequence[str]) -> tuple[str | None, str]:
    """The language asked for and where: a leading `--lang X` / `--lang=X`, else CAP135_LANG."""
    items = iter(args)
    for arg in items:
        if arg == "--lang":
            return next(items, ""), "--lang"
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1], "--lang"
        if not arg.startswith("-"):
            break  # the command name: --lang is an option of the app only
    return os.environ.get("CAP135_LANG") or None, "CAP135_LANG"


def lang_from_args(args: Sequence[str]) -> Lang:
    """The language of a run with these arguments (vi when none, or an unknown one, is asked)."""
    value, _ = requested_lang(args)
    return (parse_lang(value) if value is not None else None) or "vi"


def current_lang(explicit: str | None = None) -> Lang:
    """The language asked for (`explicit`, else CAP135_LANG, else vi); ValueError if unknown."""
    value = explicit if explicit is not None else os.environ.get("CAP135_LANG") or "vi"
    lang = parse_lang(value)
    if lang is None:
        raise ValueError(value)
    return lang


def message(code: str, lang: Lang, args: Mapping[str, Any] | None = None) -> str:
    """The catalogue text for `code`, filled in; an unknown code shows itself."""
    pair = CATALOGUE.get(code)
    if pair is None:
        return code
    text = pair[0] if lang == "vi" else pair[1]
    if not args:
        return text
    try:
        return text.format(**_worded(args, lang))
    except (KeyError, IndexError, ValueError):
        return text


def counted(code: str, count: int, lang: Lang, args: Mapping[str, Any] | None = None) -> str:
    """`code` filled with `count` (and `args`), in its singular form `<code>.one` when there is one."""
    return message(
        f"{code}.one" if count == 1 and f"{code}.one" in CATALOGUE else code,
        lang,
        {**(args or {}), "count": count},
    )


def hint(code: str, lang: Lang, args: Mapping[str, Any] | None = None) -> str | None:
    key = f"{code}.hint"
    if key not in CATALOGUE:
        return None
    text = CATALOGUE[key][0] if lang == "vi" else CATALOGUE[key][1]
    try:
        return text.format(**_worded(args or {}, lang))
    except (KeyError, IndexError, ValueError):
        return None  # its arguments are missing (unknown-key without a suggestion): no hint
