"""Text from a plan, made safe to show in a terminal through rich."""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, C1 controls and bidirectional overrides: an ESC
# from a plan file must not reach the terminal (it could retitle the window, clear the screen
# or fake output), nor a right-to-left override reorder what the officer reads. U+FFFE and
# U+FFFF are no characters at all, and XML (an .xlsx) cannot carry them.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufffe\uffff]")


def printable(text: str) -> str:
    """The text without control characters."""
    return _CONTROL.sub("", text)


def safe(text: str) -> str:
    """The text without control characters and with rich markup escaped."""
    from rich.markup import escape

    return escape(printable(text))
