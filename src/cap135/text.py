"""The one sanitiser for text from a plan that an output shows: terminal, Word and xlsx.

A plan (or a file name) can carry characters that no output should pass on:

- C0 controls except tab and newline, DEL and C1 controls: an ESC must not reach the terminal
  (it could retitle the window, clear the screen or fake output), and XML 1.0 (a .docx, an
  .xlsx) cannot carry most of them;
- bidirectional marks, embeddings, overrides and isolates: a right-to-left override would
  reorder what the officer reads;
- lone surrogates (a file name that is not valid UTF-8 reaches Python as U+DC80…U+DCFF): no
  encoder can write them;
- U+FFFE and U+FFFF, which are no characters at all and which XML refuses.

`clean` drops them; everything else, Vietnamese included, passes unchanged. `escaped` shows
them as escapes instead (``\\x1b``, ``\\udcff``), to name such a text in a message.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

__all__ = ["UNSAFE", "clean", "escaped", "nfc_deep"]

UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
)


def clean(text: str) -> str:
    """The text without the characters no output may carry (see the module doc)."""
    return UNSAFE.sub("", text)


def escaped(text: str) -> str:
    """The text with the characters no output may carry shown as Python escapes."""
    return UNSAFE.sub(lambda m: m.group().encode("unicode_escape", "backslashreplace").decode("ascii"), text)


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
