"""The one text sanitiser (cap135.text) serves the terminal, Word and the workbook alike."""

from __future__ import annotations

import pytest

from cap135.cli.terminal import printable, safe
from cap135.documents.docx_render import prepare_context
from cap135.text import clean

VIETNAMESE = "KẾ HOẠCH Bồi dưỡng năm 2026 — Đắk Lắk\tđồng\n"
UNSAFE = [
    "\x1b[2J",  # ESC: clear screen
    "\x00",
    "\x07",
    "\x7f",
    "\x85",  # C1 NEL
    "\u202e",  # right-to-left override
    "\u2066",
    "\u200f",
    "\u061c",
    "\udc80",  # a lone surrogate (a file name that is not UTF-8)
    "\ufffe",
    "\uffff",
]


@pytest.mark.parametrize("bad", UNSAFE)
def test_unsafe_characters_are_dropped_everywhere(bad):
    text = f"a{bad}b"
    expected = "a[2Jb" if bad == "\x1b[2J" else "ab"
    assert clean(text) == expected
    assert printable(text) == expected  # terminal and workbook cells
    assert prepare_context({"x": [text]}) == {"x": [expected]}  # Word


def test_vietnamese_tabs_and_newlines_pass_unchanged():
    assert clean(VIETNAMESE) == VIETNAMESE
    assert printable(VIETNAMESE) == VIETNAMESE
    assert prepare_context(VIETNAMESE) == VIETNAMESE


def test_the_terminal_also_escapes_rich_markup():
    assert safe("[bold]x\x1b[/bold]") == "\\[bold]x\\[/bold]"


def test_word_normalises_carriage_returns_before_cleaning():
    assert prepare_context("a\r\nb\rc") == "a\nb\nc"
