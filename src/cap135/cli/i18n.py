"""The command line in the language of the run: help, usage, click's own errors, cap135's errors.

Typer builds the click commands when the app is called, before the arguments are read, so
the help strings and metavars given in `cli.py` are catalogue codes ("help-validate",
"metavar-plan"). `LocalizedGroup` (the app's `cls=`) reads `--lang` from the raw arguments
(or CAP135_LANG) before they are parsed, refuses an unknown language, and replaces every code
on the group, its commands and their parameters by the text in that language.

Only public hooks of typer and click are used:

- `Command.context_class` gives each context `LocalizedContext`, whose `formatter_class`
  translates click's fixed words (Usage, Options, default, required, the --help line);
- `Command.collect_usage_pieces` and `format_options` write the usage line and the
  argument rows with localized metavars;
- `Group.resolve_command` and `Command.parse_args` report an unknown command and extra
  arguments in the catalogue's words;
- `Command.main(standalone_mode=False)` lets `LocalizedGroup.main` show click's usage errors
  (no such option, missing argument, invalid value, …) itself, and end an aborted prompt;
- `LocalizedGroup.invoke` is the one place where a `Cap135Error` becomes one line
  `[file: ]error[code]: message` and its exit code.

typer exports `BadParameter` but not its bases; click documents the hierarchy
(BadParameter < UsageError < ClickException), so the bases are taken from that public class.
"""

from __future__ import annotations

import codecs
import difflib
import sys
from collections.abc import Sequence
from typing import Any, ClassVar, NoReturn

import typer
from typer.core import TyperCommand, TyperGroup

from cap135.cli import interrupt, terminal
from cap135.errors import EXIT_USAGE, Cap135Error
from cap135.messages import CATALOGUE, Lang, lang_from_args, message, parse_lang, requested_lang

__all__ = [
    "LocalizedCommand",
    "LocalizedContext",
    "LocalizedGroup",
    "lang_from_args",
    "language",
    "usage_error_text",
]


def _base_class(name: str) -> type[Exception]:
    for klass in typer.BadParameter.__mro__:
        if klass.__name__ == name and issubclass(klass, Exception):
            return klass
    raise ImportError(f"typer.BadParameter has no base class {name}")  # pragma: no cover


ClickException = _base_class("ClickException")
UsageError = _base_class("UsageError")

_lang: Lang = "vi"


def language() -> Lang:
    """The language of the current run (set when the arguments are parsed)."""
    return _lang


def text(value: str | None, lang: Lang) -> str | None:
    """The catalogue text of a code; any other text unchanged."""
    if value is not None and value in CATALOGUE:
        return message(value, lang)
    return value


def localize(command: Any, lang: Lang) -> None:
    """Replace codes on a command, its parameters and its subcommands (in place)."""
    codes = command.__dict__.setdefault("_cap135_codes", {})
    for name in ("help", "short_help"):
        code = codes.setdefault(name, getattr(command, name, None))
        setattr(command, name, text(code, lang))
    command.options_metavar = message("usage-options", lang)
    for param in command.params:
        param_codes = param.__dict__.setdefault("_cap135_codes", {})
        for name in ("help", "metavar"):
            if hasattr(param, name):
                code = param_codes.setdefault(name, getattr(param, name))
                setattr(param, name, text(code, lang))
    for sub in getattr(command, "commands", {}).values():
        localize(sub, lang)


# The base is click's HelpFormatter reached through typer's public Context (typer does not
# export the class itself); mypy cannot take a class attribute as a base class.
class LocalizedFormatter(typer.Context.formatter_class):  # type: ignore[misc,valid-type]
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


class LocalizedContext(typer.Context):
    formatter_class = LocalizedFormatter


def _argument_usage(param: Any) -> str:
    name = str(param.metavar or str(param.name).upper())  # cli.py gives every argument a metavar
    if param.nargs != 1:
        name += "..."
    return name if param.required else f"[{name}]"


def _usage_pieces(command: Any, ctx: Any) -> list[str]:
    pieces = [command.options_metavar] if command.options_metavar else []
    for param in command.get_params(ctx):
        if param.param_type_name == "argument":
            pieces.append(_argument_usage(param))
    return pieces


def _format_parameters(command: Any, ctx: Any, formatter: Any) -> None:
    """The Arguments and Options sections: an argument row shows its metavar, not its type."""
    arguments, options = [], []
    for param in command.get_params(ctx):
        record = param.get_help_record(ctx)
        if record is None:
            continue
        if param.param_type_name == "argument":
            name = str(param.metavar or str(param.name).upper())
            arguments.append((name + ("..." if param.nargs != 1 else ""), record[1]))
        else:
            options.append(record)
    for heading, rows in (("Arguments", arguments), ("Options", options)):
        if rows:
            with formatter.section(heading):
                formatter.write_dl(rows)


class LocalizedCommand(TyperCommand):
    """A command whose usage line, help and extra-argument error are in the run's language."""

    context_class = LocalizedContext

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        return _usage_pieces(self, ctx)

    def format_options(self, ctx: Any, formatter: Any) -> None:
        _format_parameters(self, ctx, formatter)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        allowed = ctx.allow_extra_args
        ctx.allow_extra_args = True  # let click parse, then name the extra arguments here
        try:
            rest = super().parse_args(ctx, args)
        finally:
            ctx.allow_extra_args = allowed
        if rest and not allowed and not ctx.resilient_parsing:
            shown = " ".join(repr(arg) for arg in rest)
            raise LocalizedUsageError(message("usage-extra-arguments", _lang, {"args": shown}), ctx)
        return rest


# UsageError is found at run time in typer.BadParameter's bases (see _base_class): mypy only
# knows it as type[Exception], not a class it can derive from.
class LocalizedUsageError(UsageError):  # type: ignore[misc,valid-type]
    """A usage error whose message is already in the run's language."""


def _param_name(param: Any) -> str:
    if param is None:
        return "?"
    if param.param_type_name == "argument":
        return f"'{param.metavar or param.name}'"
    return "'" + " / ".join(param.opts) + "'"


def _given_value(args: Sequence[str], param: Any) -> str | None:
    """The value given on the command line to an option (for an invalid-value message)."""
    if param is None or param.param_type_name != "option":
        return None
    names = set(param.opts) | set(param.secondary_opts)
    for index, arg in enumerate(args):
        if arg in names and index + 1 < len(args):
            return args[index + 1]
        name, equals, value = arg.partition("=")
        if equals and name in names:
            return value
    return None


def _is(exc: BaseException, name: str) -> bool:
    """Whether `exc` is one of click's documented exception classes, by name."""
    return any(klass.__name__ == name for klass in type(exc).__mro__)


def usage_error_text(exc: Any, lang: Lang, args: Sequence[str] = ()) -> str:
    """A click usage error's message in `lang`, from the error's own fields."""
    if isinstance(exc, LocalizedUsageError):
        return str(exc.message)
    if _is(exc, "NoSuchOption"):
        out = message("usage-no-option", lang, {"name": exc.option_name})
        close = difflib.get_close_matches(exc.option_name, list(exc.possibilities or ()))
        if close:
            names = ", ".join(close)
            out += "; " + message("usage-did-you-mean", lang, {"names": names})
        return out
    if _is(exc, "BadOptionUsage"):
        code = "usage-option-takes-no-value" if "does not take" in exc.message else "usage-option-needs-value"
        return message(code, lang, {"name": exc.option_name})
    if _is(exc, "MissingParameter"):
        param = exc.param
        code = (
            "usage-missing-argument"
            if param is not None and param.param_type_name == "argument"
            else ("usage-missing-option")
        )
        return message(code, lang, {"name": _param_name(param)})
    if _is(exc, "BadParameter"):
        param = exc.param
        out = message("usage-bad-value", lang, {"name": _param_name(param)})
        got = _given_value(args, param)
        if got is not None:
            out += f": '{got}'"
        expected = getattr(param, "help", None)
        if expected:
            out += f" ({str(expected).rstrip('.')})"
        return out
    if exc.message == "Missing command.":
        return message("usage-missing-command", lang)
    return str(exc.message)  # a usage error click words in a way this module does not know


def show_usage_error(exc: Any, lang: Lang, args: Sequence[str] = ()) -> None:
    ctx = exc.ctx
    if ctx is not None:
        terminal.echo(ctx.get_usage(), err=True)
        if ctx.command.get_help_option(ctx) is not None:
            command = f"{ctx.command_path} {ctx.help_option_names[0]}"
            terminal.echo(message("usage-try-help", lang, {"command": command}), err=True)
        terminal.echo("", err=True)
    terminal.echo(message("usage-error", lang, {"message": usage_error_text(exc, lang, args)}), err=True)


class LocalizedGroup(TyperGroup):
    """The app's group: localizes the command tree, its errors and those of its commands."""

    context_class = LocalizedContext

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        global _lang
        value, source = requested_lang(args)
        lang = parse_lang(value) if value is not None else "vi"
        # An unknown --lang is reported in the language of CAP135_LANG if that one is known.
        _lang = lang or (lang_from_args([]) if source == "--lang" else "vi")
        localize(self, _lang)
        if lang is None:
            got = {"got": value, "source": source}
            raise LocalizedUsageError(message("bad-lang", _lang, got), ctx)
        return super().parse_args(ctx, args)

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = _usage_pieces(self, ctx)
        return [*pieces, message("usage-command", _lang), message("usage-command-args", _lang)]

    def resolve_command(self, ctx: Any, args: list[str]) -> tuple[str | None, Any, list[str]]:
        name = args[0] if args else ""
        unknown = name and not name.startswith("-") and self.get_command(ctx, name) is None
        if unknown and not ctx.resilient_parsing:
            text = message("usage-no-command", _lang, {"name": name})
            close = difflib.get_close_matches(name, self.list_commands(ctx))
            if close:
                names = ", ".join(f"'{c}'" for c in close)
                text += "; " + message("usage-did-you-mean", _lang, {"names": names})
            raise LocalizedUsageError(text, ctx)
        return super().resolve_command(ctx, args)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:  # typer would end with exit 130 and no word
            interrupt.exit_interrupted(_lang)
        except Cap135Error as exc:
            if interrupt.happened():  # an interrupt another error wrapped: it is still one
                raise KeyboardInterrupt from None
            terminal.echo(exc.as_line(_lang), err=True)
            raise typer.Exit(exc.exit_code) from None
        except UnicodeEncodeError as exc:
            if not _stdout_cannot_show(exc):
                raise
            error = Cap135Error("output-encoding", encoding=exc.encoding)
            line = error.as_line(_lang)
            terminal.echo(line if terminal.encodable(line, err=True) else error.as_line("en"), err=True)
            raise typer.Exit(error.exit_code) from None

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(
                args,
                prog_name,
                complete_var,
                standalone_mode=False,
                windows_expand_args=windows_expand_args,
                **extra,
            )
        argv = list(sys.argv[1:] if args is None else args)
        try:
            result = super().main(
                argv,
                prog_name,
                complete_var,
                standalone_mode=False,
                windows_expand_args=windows_expand_args,
                **extra,
            )
        except UsageError as exc:
            if _is(exc, "NoArgsIsHelpError"):
                terminal.echo(getattr(exc, "ctx").get_help(), err=True)  # noqa: B009 - typed as Exception
            else:
                show_usage_error(exc, _lang, argv)
            # click's exception classes are not exported by typer: UsageError is typed Exception
            _exit(exc.exit_code)  # type: ignore[attr-defined]
        except ClickException as exc:  # pragma: no cover - cap135 raises no other click error
            # as above: ClickException is typed Exception, its format_message and exit_code unseen
            terminal.echo(message("usage-error", _lang, {"message": exc.format_message()}), err=True)  # type: ignore[attr-defined]
            _exit(exc.exit_code)  # type: ignore[attr-defined]
        except typer.Abort as exc:
            # A prompt ended, or the run was interrupted: click turns both Ctrl-C and the end of
            # input into Abort.
            if isinstance(exc.__context__, KeyboardInterrupt) or interrupt.happened():
                interrupt.exit_interrupted(_lang)
            terminal.echo("", err=True)
            terminal.echo(message("usage-input-ended", _lang), err=True)
            _exit(EXIT_USAGE)
        if result == interrupt.EXIT_INTERRUPTED:  # typer's own answer to Ctrl-C while parsing
            interrupt.exit_interrupted(_lang)
        _exit(result if isinstance(result, int) else 0)


def _stdout_cannot_show(exc: UnicodeEncodeError) -> bool:
    """Whether the error comes from a standard output whose encoding has no Vietnamese letters
    (PYTHONIOENCODING=ascii, a C locale): the user's setting, not a bug."""
    encoding = terminal.stdout_encoding()
    if not encoding or terminal.encodable("Tiếng Việt"):
        return False
    try:
        return codecs.lookup(encoding).name == codecs.lookup(exc.encoding).name
    except LookupError:
        return False


def _exit(code: int) -> NoReturn:
    sys.exit(code)
