"""One hierarchy for the errors a user reads: a catalogue code, its arguments, an exit code.

A `Cap135Error` stops a command. The CLI turns any of them into one line, in the language
of the run, in one place (`i18n.LocalizedGroup.invoke`)::

    [file: ]error[code]: message

The subclasses below are the bases of the errors raised where the work happens:
`loader.UnreadableFile`, `render.atomic.OutputError`, `render.docx.TemplateError` and
`PdfError`, `rates.RateTableError`. Problems *in* a plan are findings (findings.py), never
exceptions.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import PurePath
from typing import Any, ClassVar

from cap135.findings import Finding, finding_text, place
from cap135.messages import CATALOGUE, Lang, message
from cap135.text import shown

__all__ = [
    "EXIT_INTERNAL",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_PLAN",
    "EXIT_USAGE",
    "Cap135Error",
    "FileUnreadableError",
    "OutputFailure",
    "PdfFailure",
    "RateTableFailure",
    "TemplateFailure",
    "shown_arguments",
]

EXIT_OK, EXIT_PLAN, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it

_FILE_REASONS = frozenset({"not-found", "is-directory", "permission", "not-regular"})


class Cap135Error(Exception):
    """A user-facing error: `code` names the catalogue message, `arguments` fill it in."""

    exit_code: ClassVar[int] = EXIT_USAGE

    def __init__(self, code: str, /, **arguments: Any) -> None:
        super().__init__(code)
        self._code = code
        self.arguments: dict[str, Any] = dict(arguments)

    @property
    def code(self) -> str:
        return self.describe()[0]

    def describe(self) -> tuple[str, Mapping[str, Any]]:
        """The catalogue code and its arguments (subclasses derive them from their fields)."""
        return self._code, self.arguments

    @property
    def file(self) -> str | None:
        """The input file the error is about, shown before it; None if none."""
        return None

    def text(self, lang: Lang) -> str:
        """The message in `lang`, its arguments made safe (`shown_arguments`)."""
        code, arguments = self.describe()
        return message(code, lang, shown_arguments(arguments))

    def as_line(self, lang: Lang) -> str:
        """The one line the CLI prints: `[file: ]error[code]: message`."""
        text = f"error[{self.code}]: {self.text(lang)}"
        return f"{self.file}: {text}" if self.file else text

    def __str__(self) -> str:
        return self.text("en")


def shown_arguments(arguments: Mapping[str, Any]) -> dict[str, Any]:
    """Arguments as an error shows them, through the one sanitiser (text.shown): a path is a name
    on one line; a text keeps its line breaks; an OSError, which names its file, is made a text.
    Numbers stay numbers (a message may format them)."""
    out: dict[str, Any] = {}
    for key, value in arguments.items():
        if isinstance(value, PurePath):
            value = shown(str(value), one_line=True)
        elif isinstance(value, str):
            value = shown(value)
        elif isinstance(value, BaseException):
            value = shown(str(value))
        out[key] = value
    return out


class FileUnreadableError(Cap135Error):
    """An input file cannot be read at all (the base of loader.UnreadableFile).

    UnreadableFile keeps its constructor `(path, reason)`; the code derives from the reason.
    """

    path: str
    reason: str  # "not-found", "is-directory", "permission" or the system's own words

    def describe(self) -> tuple[str, Mapping[str, Any]]:
        if self.reason in _FILE_REASONS:
            return f"file-{self.reason}", {}
        return "file-unreadable", {"reason": self.reason}

    @property
    def file(self) -> str | None:
        return self.path


class OutputFailure(Cap135Error):
    """An output file cannot be written (the base of render.atomic.OutputError).

    OutputError keeps its constructor `(sentence, path, code, **args)`: it sets `code` (through
    the setter below) and `args_for_message`.
    """

    args_for_message: dict[str, Any]

    @property
    def code(self) -> str:
        return self._code

    @code.setter
    def code(self, value: str | None) -> None:
        self._code = value or "output-failed"

    def describe(self) -> tuple[str, Mapping[str, Any]]:
        arguments = dict(getattr(self, "args_for_message", {}))
        arguments.setdefault("reason", self.args[0] if self.args else "")
        return self._code, arguments


class _Sentenced(Cap135Error):
    """Raised with an English sentence (kept for str() and logs) and a catalogue code."""

    default_code: ClassVar[str] = "internal-error"

    def __init__(self, sentence: str, /, *, code: str | None = None, **arguments: Any) -> None:
        super().__init__(code or self.default_code, **arguments)
        self.message = sentence

    def __str__(self) -> str:
        return self.message


class TemplateFailure(_Sentenced):
    """The Word template cannot be used (the base of render.docx.TemplateError).

    Besides the catalogue message it names the tag at fault and the text around it.
    """

    default_code = "template-failed"

    def __init__(
        self,
        sentence: str,
        /,
        *,
        code: str | None = None,
        template: str | None = None,
        tag: str | None = None,
        excerpt: str | None = None,
        **arguments: Any,
    ) -> None:
        super().__init__(sentence, code=code, template=template, **arguments)
        self.template = template
        self.tag = tag
        self.excerpt = excerpt

    def text(self, lang: Lang) -> str:
        parts = [super().text(lang)]
        if self.arguments.get("names"):
            parts.append(message("template-missing-names", lang, self.arguments))
        if self.tag:
            parts.append(message("template-tag", lang, {"tag": self.tag}))
        if self.excerpt:
            parts.append(message("template-near", lang, {"excerpt": self.excerpt}))
        return " ".join(parts)


class PdfFailure(_Sentenced):
    """The PDF could not be produced (the base of render.docx.PdfError)."""

    default_code = "pdf-failed"


class RateTableFailure(Cap135Error):
    """A rate table cannot be used (the base of rate_tables.RateTableError).

    RateTableError keeps its constructor `(sentence, path, line, column)` and its `str()`,
    `path:line:col: sentence`; a catalogue `code` with its arguments words the sentence in the
    reader's language (`field` names the entry it is about). Its `findings` are every problem of
    the file, each at its own line and column: the CLI prints them all, as a plan's.
    """

    findings: tuple[Finding, ...] = ()

    @property
    def _whole(self) -> bool:
        """A problem with the file as a whole (not found, too large): its own sentence names it."""
        return self._code.startswith("rate-table-") and getattr(self, "line", None) is None

    def describe(self) -> tuple[str, Mapping[str, Any]]:
        if self._whole:
            return self._code, self.arguments
        return "rate-table", {"detail": self.detail("en")}

    def detail(self, lang: Lang) -> str:
        """The (first) problem in `lang`, after its `path:line:col` (what follows "rate table: ")."""
        if self._whole and self._code in CATALOGUE:
            return message(self._code, lang, self.arguments)
        where = str(getattr(self, "path", ""))
        for part in (getattr(self, "line", None), getattr(self, "column", None)):
            where += f":{part}" if part is not None else ""
        if self._code in CATALOGUE:
            sentence = message(self._code, lang, self.arguments)
            field = getattr(self, "field", "")
            sentence = f"{field}: {sentence}" if field else sentence
        else:  # a sentence of its own (a reason the system gave)
            sentence = str(getattr(self, "message", self._code))
        return f"{where}: {sentence}"

    def text(self, lang: Lang) -> str:
        if self._whole:
            return super().text(lang)
        return message("rate-table", lang, {"detail": self.detail(lang)})

    def as_line(self, lang: Lang) -> str:
        """Every problem of the table as `file:line:col: error[code]: message` with its hint and
        right form, then their count; one line for a problem with the whole file."""
        if not self.findings:
            return super().as_line(lang)
        shown: set[str] = set()
        lines = [finding_text(f, place(f.file or "", f.line, f.column), lang, shown) for f in self.findings]
        files = dict.fromkeys(f.file for f in self.findings if f.file)
        for file in files:
            count = sum(1 for f in self.findings if f.file == file)
            lines.append(message("rate-table-count", lang, {"file": file, "count": count}))
        return "\n".join(lines)
