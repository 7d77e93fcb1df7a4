"""Help text from the message catalogue, in the language of the run.

Typer builds the click commands when the app is called, before the arguments are read,
so the help strings given in `cli.py` are catalogue codes ("help-validate"). The group
class below reads `--lang` from the raw arguments (or CAP135_LANG) before click parses
them, replaces every code on the group, its commands and their parameters by the text in
that language, and gives each context a formatter that also translates click's own words
(Usage, Options, default, required, the --help line).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from typer._click import Context, HelpFormatter
from typer.core import TyperGroup

from .messages import CATALOGUE, Lang, current_lang, message

_lang: Lang = "vi"


def lang_from_args(args: Sequence[str]) -> Lang:
    """The language named by a leading `--lang X` / `--lang=X`, else CAP135_LANG, else vi."""
    explicit: str | None = None
    items = iter(args)
    for arg in items:
        if arg == "--lang":
            explicit = next(items, None)
        elif arg.startswith("--lang="):
            explicit = arg.split("=", 1)[1]
        elif not arg.startswith("-"):
            break  # the command name: --lang is an option of the app only
    return current_lang(explicit)


def text(value: str | None, lang: Lang) -> str | None:
    """The catalogue text of a help code; any other text unchanged."""
    if value is not None and value in CATALOGUE:
        return message(value, lang)
    return value


def localize(command: Any, lang: Lang) -> None:
    """Replace help codes on a command, its parameters and its subcommands (in place)."""
    codes = command.__dict__.setdefault("_cap135_help_codes", {})
    for name in ("help", "short_help"):
        code = codes.setdefault(name, getattr(command, name, None))
        setattr(command, name, text(code, lang))
    for param in command.params:
        code = param.__dict__.setdefault("_cap135_help_code", getattr(param, "help", None))
        if hasattr(param, "help"):
            param.help = text(code, lang)
    command.context_class = LocalizedContext
    for sub in getattr(command, "commands", {}).values():
        localize(sub, lang)


class LocalizedFormatter(HelpFormatter):
    """click's formatter with its fixed English words taken from the catalogue."""

    _HEADINGS: ClassVar[dict[str, str]] = {
        "Options": "help-heading-options",
        "Arguments": "help-heading-arguments",
        "Commands": "help-heading-commands",
    }

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        if prefix is None:
            prefix = message("help-usage", _lang) + " "
        super().write_usage(prog, args, prefix)

    def write_heading(self, heading: str) -> None:
        code = self._HEADINGS.get(heading)
        super().write_heading(message(code, _lang) if code else heading)

    def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        english = message("help-help", "en")
        out = []
        for term, help_text in rows:
            if help_text:
                help_text = (
                    help_text.replace(english, message("help-help", _lang))
                    .replace("default: ", f"{message('help-default', _lang)}: ")
                    .replace("required]", f"{message('help-required', _lang)}]")
                )
            out.append((term, help_text))
        super().write_dl(out, col_max, col_spacing)


class LocalizedContext(Context):
    formatter_class = LocalizedFormatter


class LocalizedGroup(TyperGroup):
    """The app's group: localizes the whole command tree before parsing the arguments."""

    context_class = LocalizedContext

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        global _lang
        _lang = lang_from_args(args)
        localize(self, _lang)
        return super().parse_args(ctx, args)
