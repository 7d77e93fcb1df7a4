"""The one text sanitiser (cap135.text): documents drop what no output may carry (`clean`); the
terminal, messages, JSON and CSV show it escaped (`shown`, through cap135.cli.terminal)."""

from __future__ import annotations

import os

import pytest

from cap135.cli.terminal import for_terminal
from cap135.documents.docx_render import prepare_context
from cap135.text import clean, shown

VIETNAMESE = "KẾ HOẠCH Bồi dưỡng năm 2026 — Đắk Lắk\tđồng\n"
UNSAFE = [
    ("\x1b[2J", "\\x1b[2J"),  # ESC: clear screen
    ("\x00", "\\x00"),
    ("\x07", "\\x07"),
    ("\r", "\\r"),
    ("\x7f", "\\u007f"),
    ("\x85", "\\u0085"),  # C1 NEL
    ("\u202e", "\\u202e"),  # right-to-left override
    ("\u2066", "\\u2066"),
    ("\u200f", "\\u200f"),
    ("\u061c", "\\u061c"),
    ("\u2028", "\\u2028"),  # line separator
    ("\udc80", "\\x80"),  # a byte of a file name that is not UTF-8
    ("\udcff", "\\xff"),
    ("\ud800", "\\ud800"),  # a lone surrogate that stands for no byte
    ("\ufffe", "\\ufffe"),
    ("\uffff", "\\uffff"),
]


@pytest.mark.parametrize(("bad", "escape"), UNSAFE)
def test_unsafe_characters_are_dropped_from_documents_and_escaped_when_shown(bad, escape):
    text = f"a{bad}b"
    dropped = "a[2Jb" if bad == "\x1b[2J" else "ab"
    assert clean(text) == dropped  # workbook and CSV cells, terminal table cells
    assert prepare_context({"x": [text]}) == {"x": [dropped if bad != "\r" else "a\nb"]}  # Word
    assert shown(text) == f"a{escape}b"  # names, messages, JSON
    assert for_terminal(text) == f"a{escape}b"
    assert shown(shown(text)) == shown(text)  # once is enough, twice changes nothing


def test_a_name_that_is_not_utf8_is_shown_by_its_bytes():
    name = os.fsdecode(b"Quang Tr\xe1\xbb\x8b/odd\xff\xfe.yaml")  # UTF-8 then two stray bytes
    assert shown(name) == "Quang Trị/odd\\xff\\xfe.yaml"
    assert shown(name).encode("utf-8")  # writable anywhere


def test_vietnamese_tabs_and_newlines_pass_unchanged():
    assert clean(VIETNAMESE) == VIETNAMESE
    assert shown(VIETNAMESE) == VIETNAMESE
    assert prepare_context(VIETNAMESE) == VIETNAMESE


def test_a_name_is_one_line():
    assert shown("a\tb\nc", one_line=True) == "a\\tb\\nc"


def test_the_terminal_keeps_only_the_styling_cap135_adds():
    styled = "\x1b[1mTổng\x1b[0m \x1b[3mx\x1b[0m"
    assert for_terminal(styled) == styled  # bold, italic, reset: rich and the table writer
    assert for_terminal("\x1b]0;title\x07\x1b[2J\x1b[H") == "\\x1b]0;title\\x07\\x1b[2J\\x1b[H"


def test_word_normalises_carriage_returns_before_cleaning():
    assert prepare_context("a\r\nb\rc") == "a\nb\nc"
