"""The one sanitiser for every text cap135 shows or writes: names, messages, tables, documents.

A plan, a results file or a file name can carry characters that no output should pass on:

- C0 controls except tab and newline, DEL and C1 controls: an ESC must not reach the terminal
  (it could retitle the window, clear the screen or fake output), and XML 1.0 (a .docx, an
  .xlsx) cannot carry most of them;
- bidirectional marks, embeddings, overrides and isolates, line and paragraph separators: a
  right-to-left override would reorder what the officer reads;
- lone surrogates (a file name that is not valid UTF-8 reaches Python as U+DC80…U+DCFF): no
  encoder can write them, and printing one ended cap135 with an internal error;
- U+FFFE and U+FFFF, which are no characters at all and which XML refuses.

Two ways out, one set of characters (UNSAFE):

- `shown` writes them as escapes, so the officer still sees which name is meant: ``\\x1b`` for a
  C0 control, ``\\xff`` for a byte of a file name that is not UTF-8, ``\\u202e`` for a bidi mark
  (and ``\\u0085`` for DEL and C1: JSON text carries those raw, and this escape keeps it JSON). It is
  what every name and message goes through: the terminal (cap135.terminal), findings and errors
  (cap135.messages), JSON and CSV. With ``one_line`` a newline and a tab are escaped too (a name
  is one line). The result is plain ASCII where the text was unsafe, and `shown` of it is itself.
- `clean` drops them: the text of a plan placed in a document (Word, a workbook, a CSV cell, a
  table cell), where an escape would read as a typing error in a signed document.

Everything else, Vietnamese included, passes unchanged.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

__all__ = ["UNSAFE", "clean", "nfc_deep", "shown"]

_CHARACTERS = (
    "\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff"
)
UNSAFE = re.compile(f"[{_CHARACTERS}]")
_UNSAFE_IN_A_LINE = re.compile(f"[\t\n{_CHARACTERS}]")
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def clean(text: str) -> str:
    """The text without the characters no output may carry (see the module doc)."""
    return UNSAFE.sub("", text)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if char in _NAMED:
        return _NAMED[char]
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a name that is not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x20:
        return f"\\x{code:02x}"
    # DEL, C1 and the rest as \u escapes: JSON leaves these characters raw in its text, so that the
    # terminal's pass over a JSON output turns them into the same JSON escape, still valid JSON
    return f"\\u{code:04x}"


def shown(text: str, *, one_line: bool = False) -> str:
    """The text with the characters no output may carry written as escapes (see the module doc).

    ``one_line``: a tab and a newline are escaped as well (a file name, a value quoted in a
    message). Idempotent: an escape is plain ASCII, which passes unchanged.
    """
    return (_UNSAFE_IN_A_LINE if one_line else UNSAFE).sub(_escape, text)


def nfc_deep(value: Any) -> Any:
    """`value` with every string in it (through lists and dict values) in NFC.

    A view model composes text from the plan (already NFC from the loader) and literals
    of the code; the template must see one normal form whatever the source file's.
    """
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [nfc_deep(v) for v in value]
    if isinstance(value, dict):
        return {k: nfc_deep(v) for k, v in value.items()}
    return value
