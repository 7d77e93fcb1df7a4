"""Text from a plan, made safe to show in a terminal through rich."""

from __future__ import annotations

from cap135.text import clean


def printable(text: str) -> str:
    """The text without control characters (the one sanitiser, cap135.text)."""
    return clean(text)


def safe(text: str) -> str:
    """The text without control characters and with rich markup escaped."""
    from rich.markup import escape

    return escape(printable(text))
