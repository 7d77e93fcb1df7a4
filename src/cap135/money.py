"""Vietnamese đồng amounts: thousands formatting, parsing and reading in words.

Convention for amounts in words, as Vietnamese financial documents write them, applied everywhere:

- "mốt" for a units 1 after a tens digit >= 2 (21 "hai mươi mốt"), "một" otherwise;
- "lăm" for a units 5 after a tens digit 1-9 (15, 25), "năm" after "linh" and alone;
- "bốn" for 4 always (never "tư");
- "linh" for a zero tens digit inside a group with non-zero units (105 "một trăm linh năm");
- every group after the leading one keeps "không trăm"; all-zero groups are skipped;
- scale words nghìn, triệu, tỷ; above tỷ the count of tỷ is read as a number
  (10**12 "một nghìn tỷ", 10**15 "một triệu tỷ");
- first letter capitalised, ending " đồng", single spaces, NFC.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["MAX_AMOUNT", "amount_in_words", "format_vnd", "parse_vnd"]

MAX_AMOUNT = 10**18 - 1
"""Largest amount handled by :func:`parse_vnd` and :func:`amount_in_words` (999 triệu tỷ ...)."""

_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
# Scale word of a group of three digits, by its index from the right, within one "tỷ" block.
_SCALES = ("", "nghìn", "triệu")
_BILLION = 10**9

# Dotted form first, so that "1.251" is not read as "1" followed by ".251".
_NUMBER_RE = re.compile(r"[1-9][0-9]{0,2}(?:\.[0-9]{3})+|[0-9]+")
_SUFFIXES = ("", "đ", "đồng", "vnd")


def _require_int(n: object, name: str = "n") -> int:
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"{name} must be an int, got {type(n).__name__}")
    return n


def format_vnd(n: int) -> str:
    """Format an integer with dots as thousands separators: 1251000000 -> "1.251.000.000"."""
    n = _require_int(n)
    body = f"{abs(n):,}".replace(",", ".")
    return f"-{body}" if n < 0 else body


def parse_vnd(text: str) -> int:
    """Parse a non-negative đồng amount such as "1.251.000.000 đ" or "1251000000".

    Accepts plain digits or digits grouped by dots in threes, surrounding spaces and an
    optional trailing "đ", "đồng" or "VND" (any case). Raises ``ValueError`` for anything
    else, including negative, fractional and comma-decimal amounts, and amounts above
    :data:`MAX_AMOUNT`.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}")
    cleaned = unicodedata.normalize("NFC", text).strip()
    if not cleaned:
        raise ValueError("empty amount: expected digits such as '1.251.000' or '1251000'")
    match = _NUMBER_RE.match(cleaned)
    if match is None:
        raise ValueError(
            f"invalid amount {text!r}: expected a non-negative whole number of đồng, "
            "written as plain digits or with dots between groups of three digits"
        )
    suffix = cleaned[match.end() :].strip().casefold()
    if suffix not in _SUFFIXES:
        raise ValueError(
            f"invalid amount {text!r}: unexpected {cleaned[match.end() :].strip()!r} after "
            "the number (only a trailing 'đ', 'đồng' or 'VND' is allowed; "
            "decimals and negative amounts are not accepted)"
        )
    digits = match.group(0).replace(".", "")
    if len(digits.lstrip("0")) > len(str(MAX_AMOUNT)):
        raise ValueError(f"amount {text!r} is too large: the maximum is {format_vnd(MAX_AMOUNT)}")
    return int(digits)


def _read_group(value: int, *, full: bool) -> list[str]:
    """Words for 1 <= value <= 999; ``full`` keeps "không trăm" and "linh" (inner groups)."""
    hundreds, rest = divmod(value, 100)
    tens, units = divmod(rest, 10)
    words: list[str] = []
    with_hundreds = full or hundreds > 0
    if with_hundreds:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units:
            if with_hundreds:
                words.append("linh")
            words.append(_DIGITS[units])
    elif tens == 1:
        words.append("mười")
        if units:
            words.append("lăm" if units == 5 else _DIGITS[units])
    else:
        words += [_DIGITS[tens], "mươi"]
        if units == 1:
            words.append("mốt")
        elif units == 5:
            words.append("lăm")
        elif units:
            words.append(_DIGITS[units])
    return words


def _read_below_billion(value: int, *, leading: bool) -> list[str]:
    """Words for 0 <= value < 10**9; ``leading`` is False when words precede this block."""
    groups = [(value // 10**6) % 1000, (value // 1000) % 1000, value % 1000]
    words: list[str] = []
    for index, group in zip((2, 1, 0), groups, strict=True):
        if group == 0:
            continue
        words += _read_group(group, full=not (leading and not words))
        if _SCALES[index]:
            words.append(_SCALES[index])
    return words


def amount_in_words(n: int) -> str:
    """Read an amount of đồng in Vietnamese words: 21 -> "Hai mươi mốt đồng".

    Raises ``TypeError`` for non-int input and ``ValueError`` when ``abs(n)`` exceeds
    :data:`MAX_AMOUNT`.
    """
    n = _require_int(n)
    if abs(n) > MAX_AMOUNT:
        raise ValueError(f"amount too large to read: |n| must be at most {format_vnd(MAX_AMOUNT)}")
    magnitude = abs(n)
    words: list[str] = []
    if magnitude == 0:
        words.append("không")
    else:
        billions, rest = divmod(magnitude, _BILLION)
        if billions:
            words += [*_read_below_billion(billions, leading=True), "tỷ"]
        words += _read_below_billion(rest, leading=not words)
    if n < 0:
        words.insert(0, "âm")
    words.append("đồng")
    text = " ".join(words)
    return unicodedata.normalize("NFC", text[0].upper() + text[1:])
