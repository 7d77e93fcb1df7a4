"""Tests for cap135.money: format_vnd, parse_vnd and amount_in_words."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cap135.money import MAX_AMOUNT, amount_in_words, format_vnd, parse_vnd

# --------------------------------------------------------------------------------------------
# An independent reader of the words, written from the convention in norms.md, not from the
# implementation. It is strict: anything off-convention (e.g. "mươi một", "mười năm",
# "linh lăm", a leading "không trăm", an all-zero group) is rejected.
# --------------------------------------------------------------------------------------------

_UNITS = {
    "một": 1,
    "hai": 2,
    "ba": 3,
    "bốn": 4,
    "năm": 5,
    "sáu": 6,
    "bảy": 7,
    "tám": 8,
    "chín": 9,
}
_HUNDREDS = {"không": 0, **_UNITS}
# Units allowed after "mười": "lăm" for 5, "một" for 1.
_AFTER_MUOI = {**_UNITS, "lăm": 5}
del _AFTER_MUOI["năm"]
# Units allowed after "X mươi": "mốt" for 1, "lăm" for 5, "bốn" for 4.
_AFTER_MUOI_TENS = {**_AFTER_MUOI, "mốt": 1}
del _AFTER_MUOI_TENS["một"]
_TENS = {k: v for k, v in _UNITS.items() if v >= 2}
_SCALE_RANK = {"triệu": 2, "nghìn": 1}


class WordsError(ValueError):
    pass


def _parse_group(tokens: list[str], pos: int, *, leading: bool) -> tuple[int, int]:
    """One group of three digits starting at pos; returns (value, new pos)."""

    def tok(i: int) -> str | None:
        return tokens[i] if i < len(tokens) else None

    value = 0
    has_hundreds = tok(pos) in _HUNDREDS and tok(pos + 1) == "trăm"
    if has_hundreds:
        hundreds = _HUNDREDS[tokens[pos]]
        if hundreds == 0 and leading:
            raise WordsError("the leading group must not read 'không trăm'")
        value += 100 * hundreds
        pos += 2
    elif not leading:
        raise WordsError(f"inner group must start with '<digit> trăm' at {pos}: {tokens}")

    if tok(pos) == "linh":
        if not has_hundreds:
            raise WordsError("'linh' only after hundreds")
        if tok(pos + 1) not in _UNITS:
            raise WordsError(f"'linh' must be followed by một..chín, got {tok(pos + 1)!r}")
        value += _UNITS[tokens[pos + 1]]
        pos += 2
    elif tok(pos) == "mười":
        value += 10
        pos += 1
        if tok(pos) in _AFTER_MUOI:
            value += _AFTER_MUOI[tokens[pos]]
            pos += 1
    elif tok(pos) in _TENS and tok(pos + 1) == "mươi":
        value += 10 * _TENS[tokens[pos]]
        pos += 2
        if tok(pos) in _AFTER_MUOI_TENS:
            value += _AFTER_MUOI_TENS[tokens[pos]]
            pos += 1
    elif not has_hundreds:
        if tok(pos) not in _UNITS:
            raise WordsError(f"expected a number word at {pos}: {tokens}")
        value += _UNITS[tokens[pos]]
        pos += 1

    if value == 0:
        raise WordsError("all-zero groups must be skipped")
    return value, pos


def _parse_block(tokens: list[str], pos: int, *, leading: bool) -> tuple[int, int, bool]:
    """Groups with strictly decreasing scales (triệu, nghìn, none) up to "tỷ" or the end."""
    total = 0
    last_rank = 3
    seen = False
    while pos < len(tokens) and tokens[pos] != "tỷ":
        group, pos = _parse_group(tokens, pos, leading=leading and not seen)
        seen = True
        if pos < len(tokens) and tokens[pos] in _SCALE_RANK:
            rank = _SCALE_RANK[tokens[pos]]
            pos += 1
        else:
            rank = 0
        if rank >= last_rank:
            raise WordsError(f"scales out of order in {tokens}")
        last_rank = rank
        total += group * 1000**rank
    return total, pos, seen


def parse_words(text: str) -> int:
    """Read a Vietnamese amount in words (as produced by amount_in_words) back to an int."""
    if unicodedata.normalize("NFC", text) != text:
        raise WordsError("not NFC")
    if not text.endswith(" đồng"):
        raise WordsError("must end with ' đồng'")
    if not text[:1].isupper():
        raise WordsError("must start upper-case")
    body = text[: -len(" đồng")]
    tokens = body.split(" ")  # an empty token means a double space
    tokens[0] = tokens[0].lower()
    if any(not t or t != t.lower() for t in tokens):
        raise WordsError(f"bad spacing or case in {text!r}")
    sign = 1
    if tokens[0] == "âm":
        sign = -1
        tokens = tokens[1:]
    if tokens == ["không"]:
        if sign < 0:
            raise WordsError("'âm không'")
        return 0
    high, pos, seen = _parse_block(tokens, 0, leading=True)
    if pos < len(tokens):  # tokens[pos] == "tỷ"
        if not seen:
            raise WordsError("'tỷ' without a count")
        low, pos, _ = _parse_block(tokens, pos + 1, leading=False)
        value = high * 10**9 + low
    else:
        if not seen:
            raise WordsError("no number")
        value = high
    if pos != len(tokens):
        raise WordsError(f"trailing words in {text!r}")
    return sign * value


# --------------------------------------------------------------------------------------------
# Examples
# --------------------------------------------------------------------------------------------

WORD_EXAMPLES = [
    (5025110, "Năm triệu không trăm hai mươi lăm nghìn một trăm mười đồng"),
    (505515, "Năm trăm linh năm nghìn năm trăm mười lăm đồng"),
    (
        1505555005,
        "Một tỷ năm trăm linh năm triệu năm trăm năm mươi lăm nghìn không trăm linh năm đồng",
    ),
    (45750000, "Bốn mươi lăm triệu bảy trăm năm mươi nghìn đồng"),
    (1251000000, "Một tỷ hai trăm năm mươi mốt triệu đồng"),
    (21, "Hai mươi mốt đồng"),
    (1005, "Một nghìn không trăm linh năm đồng"),
    (1005000, "Một triệu không trăm linh năm nghìn đồng"),
    (14, "Mười bốn đồng"),
    (24, "Hai mươi bốn đồng"),
    (110, "Một trăm mười đồng"),
    (10, "Mười đồng"),
    (15000, "Mười lăm nghìn đồng"),
    # further cases from the convention in the brief and norms.md
    (0, "Không đồng"),
    (1, "Một đồng"),
    (5, "Năm đồng"),
    (11, "Mười một đồng"),
    (15, "Mười lăm đồng"),
    (25, "Hai mươi lăm đồng"),
    (101, "Một trăm linh một đồng"),
    (105, "Một trăm linh năm đồng"),
    (301, "Ba trăm linh một đồng"),
    (704, "Bảy trăm linh bốn đồng"),
    (731, "Bảy trăm ba mươi mốt đồng"),
    (1000050, "Một triệu không trăm năm mươi đồng"),
    (2000000000, "Hai tỷ đồng"),
    (1000000005, "Một tỷ không trăm linh năm đồng"),
    (10**12, "Một nghìn tỷ đồng"),
    (10**15, "Một triệu tỷ đồng"),
    (1001 * 10**9, "Một nghìn không trăm linh một tỷ đồng"),
    (-5000, "Âm năm nghìn đồng"),
    (-21, "Âm hai mươi mốt đồng"),
]


@pytest.mark.parametrize(("n", "words"), WORD_EXAMPLES)
def test_amount_in_words_examples(n: int, words: str) -> None:
    assert amount_in_words(n) == words


@pytest.mark.parametrize(("n", "words"), WORD_EXAMPLES)
def test_parse_words_reads_examples(n: int, words: str) -> None:
    # sanity check of the test's own reader against hand-written readings
    assert parse_words(words) == n


@pytest.mark.parametrize(
    "bad",
    [
        "Hai mươi một đồng",
        "Mười năm đồng",
        "Một trăm linh lăm đồng",
        "Không trăm năm đồng",
        "Một triệu không trăm nghìn đồng",
        "Một triệu năm nghìn đồng",
        "Hai  mươi đồng",
        "hai mươi đồng",
        "Hai mươi",
        "Một nghìn triệu đồng",
    ],
)
def test_parse_words_rejects_off_convention(bad: str) -> None:
    with pytest.raises(WordsError):
        parse_words(bad)


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (1251000000, "1.251.000.000"),
        (0, "0"),
        (999, "999"),
        (1000, "1.000"),
        (-1500, "-1.500"),
        (MAX_AMOUNT, "999.999.999.999.999.999"),
    ],
)
def test_format_vnd(n: int, text: str) -> None:
    assert format_vnd(n) == text


@pytest.mark.parametrize(
    ("text", "n"),
    [
        ("1251000000", 1251000000),
        ("1.251.000.000", 1251000000),
        ("  1.251.000.000  ", 1251000000),
        ("0", 0),
        ("1.500đ", 1500),
        ("1.500 đ", 1500),
        ("1.500 Đ", 1500),
        ("1500 đồng", 1500),
        ("1500 ĐỒNG", 1500),
        (unicodedata.normalize("NFD", "1500 đồng"), 1500),
        ("1.500 VND", 1500),
        ("1500vnd", 1500),
        ("999.999.999.999.999.999", MAX_AMOUNT),
        ("999999999999999999", MAX_AMOUNT),
    ],
)
def test_parse_vnd_accepts(text: str, n: int) -> None:
    assert parse_vnd(text) == n


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "đ",
        "-1500",
        "-1.500",
        "1,5",
        "1.500,00",
        "1500.5",
        "1.5",
        "0.500",
        "1.50",
        "1.5000",
        "1..500",
        "1 500",
        "1,500",
        "+1500",
        "1e3",
        "abc",
        "1500 USD",
        "1500 đ đ",
        "đ 1500",
        "١٥٠٠",
        "1.000.000.000.000.000.000",
        "1000000000000000000",
    ],
)
def test_parse_vnd_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_vnd(text)


@pytest.mark.parametrize("bad", [1.0, True, False, "5", None])
def test_non_int_raises_type_error(bad: object) -> None:
    with pytest.raises(TypeError):
        amount_in_words(bad)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        format_vnd(bad)  # type: ignore[arg-type]


def test_parse_vnd_non_str_raises_type_error() -> None:
    with pytest.raises(TypeError):
        parse_vnd(1500)  # type: ignore[arg-type]


def test_amount_in_words_bounds() -> None:
    assert parse_words(amount_in_words(MAX_AMOUNT)) == MAX_AMOUNT
    assert parse_words(amount_in_words(-MAX_AMOUNT)) == -MAX_AMOUNT
    with pytest.raises(ValueError):
        amount_in_words(MAX_AMOUNT + 1)
    with pytest.raises(ValueError):
        amount_in_words(-MAX_AMOUNT - 1)


# --------------------------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------------------------

amounts = st.integers(min_value=0, max_value=10**15)


@st.composite
def sparse_amounts(draw: st.DrawFn) -> int:
    """Amounts with many zero, 1x, x1, x5 and x4 groups, which uniform integers rarely hit."""
    group = st.one_of(
        st.just(0),
        st.sampled_from([1, 4, 5, 10, 11, 14, 15, 21, 24, 25, 100, 101, 105, 110, 115, 500]),
        st.integers(min_value=0, max_value=999),
    )
    groups = draw(st.lists(group, min_size=1, max_size=6))
    return min(sum(g * 1000**i for i, g in enumerate(groups)), MAX_AMOUNT)


@given(amounts)
def test_format_parse_round_trip(n: int) -> None:
    assert parse_vnd(format_vnd(n)) == n
    assert parse_vnd(str(n)) == n
    assert parse_vnd(f" {format_vnd(n)} đồng ") == n


@given(st.one_of(amounts, sparse_amounts()))
def test_words_follow_convention(n: int) -> None:
    words = amount_in_words(n)
    assert "mươi một" not in words
    assert "mười năm" not in words
    assert "  " not in words
    assert words.endswith(" đồng")
    assert words[0].isupper()
    assert words[1:] == words[1:].lower()
    assert "tư" not in words.split()
    assert unicodedata.normalize("NFC", words) == words


@given(st.one_of(amounts, sparse_amounts()))
def test_words_read_back(n: int) -> None:
    assert parse_words(amount_in_words(n)) == n


@given(st.integers(min_value=1, max_value=MAX_AMOUNT))
def test_negative_words_read_back(n: int) -> None:
    words = amount_in_words(-n)
    assert words.startswith("Âm ")
    assert words == "Âm " + amount_in_words(n)[0].lower() + amount_in_words(n)[1:]
    assert parse_words(words) == -n
