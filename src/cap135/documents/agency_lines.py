"""The lines of the agency block in the document's header, each one whole.

The agency's names sit in capitals in a narrow column (Nghị định 30/2020: parent body not
bold, issuing body bold, 12–13 pt). Left to Word, "SỞ DÂN TỘC VÀ TÔN GIÁO" breaks wherever the
column ends, in the middle of "TÔN GIÁO". Here a name is split at spaces into as few lines as
fit the column, as even as possible, each measured with the widths of Times New Roman capitals
(Adobe's Times metrics, which Times New Roman and Liberation Serif share), so that no line
wraps again in the document.
"""

from __future__ import annotations

import itertools
import unicodedata
from functools import lru_cache

# The left header column of the shipped template: 6.3 cm less Word's default cell margins
# (0.19 cm each side), in points; a tenth is kept in hand for fonts that set a little wider.
COLUMN_PT = (6.3 - 2 * 0.19) / 2.54 * 72 * 0.9
SIZE_PT = 13  # the agency block's size in the shipped template
MAX_LINES = 4
MAX_WORDS = 40  # the even split below is quadratic in the words: past this, a greedy fill

# Advance widths in 1/1000 em of Times Roman and Times Bold, upper case, digits and punctuation
# an agency name uses. A letter with diacritics takes the width of its base letter.
_REGULAR = dict(
    zip(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
        (722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667,
         556, 611, 722, 722, 944, 722, 722, 611),
        strict=True,
    )
)  # fmt: skip
_BOLD = dict(
    zip(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
        (722, 667, 722, 722, 667, 611, 778, 778, 389, 500, 778, 667, 944, 722, 778, 611, 778, 722,
         556, 667, 722, 722, 1000, 722, 722, 667),
        strict=True,
    )
)  # fmt: skip
_OTHER = {" ": 250, "-": 333, ".": 250, ",": 250, "(": 333, ")": 333, "/": 278, "&": 833}
_DIGIT = 500
_WIDEST = 1000  # anything else (lower case is not expected here): counted as wide


def _base(char: str) -> str:
    if char in "Đđ":
        return "D"
    decomposed = unicodedata.normalize("NFD", char)
    return decomposed[0].upper() if decomposed else char


@lru_cache(maxsize=256)
def width_pt(text: str, *, bold: bool, size: float = SIZE_PT) -> float:
    """The printed width of `text` in points, in Times capitals of `size` points."""
    table = _BOLD if bold else _REGULAR
    units = 0
    for char in text:
        base = _base(char)
        if base in table:
            units += table[base]
        elif base.isdigit():
            units += _DIGIT
        else:
            units += _OTHER.get(base, _WIDEST)
    return units * size / 1000


def _partition(widths: list[float], space: float, lines: int) -> tuple[float, list[int]]:
    """Words of `widths` in `lines` consecutive lines, the widest as narrow as can be.

    Returns that widest width and where each line after the first starts (dynamic programming
    over prefix sums: time quadratic in the words, whatever their number).
    """
    n = len(widths)
    prefix = [0.0]
    for w in widths:
        prefix.append(prefix[-1] + w)

    def span(start: int, end: int) -> float:  # words start..end-1 on one line
        return prefix[end] - prefix[start] + space * (end - start - 1)

    inf = float("inf")
    # best[j][e]: the narrowest widest line putting the first e words in j lines; cut[j][e]: start of the last
    best = [[inf] * (n + 1) for _ in range(lines + 1)]
    cut = [[0] * (n + 1) for _ in range(lines + 1)]
    best[0][0] = 0.0
    for j in range(1, lines + 1):
        for end in range(j, n + 1):
            for start in range(j - 1, end):
                if best[j - 1][start] == inf:
                    continue
                widest = max(best[j - 1][start], span(start, end))
                if widest < best[j][end]:
                    best[j][end], cut[j][end] = widest, start
    starts: list[int] = []
    end = n
    for j in range(lines, 1, -1):
        end = cut[j][end]
        starts.append(end)
    return best[lines][n], sorted(starts)


def _greedy(words: list[str], widths: list[float], space: float) -> list[str]:
    """MAX_LINES lines of about equal width, filled word by word."""
    target = (sum(widths) + space * (len(words) - 1)) / MAX_LINES
    lines: list[list[str]] = [[]]
    used = 0.0
    for word, width in zip(words, widths, strict=True):
        if lines[-1] and used + space + width > target and len(lines) < MAX_LINES:
            lines.append([])
            used = 0.0
        used += (space if lines[-1] else 0.0) + width
        lines[-1].append(word)
    return [" ".join(line) for line in lines]


def agency_lines(name: str, *, bold: bool) -> list[str]:
    """`name` as the lines of the header block: one line if it fits, else as few even lines as fit.

    A name too long for MAX_LINES lines takes MAX_LINES lines anyway (the widest as narrow as
    can be); a single word wider than the column stays whole on its own line.
    """
    words = name.split()
    if not words:
        return []
    widths = [width_pt(word, bold=bold) for word in words]
    space = width_pt(" ", bold=bold)
    if len(words) > MAX_WORDS:  # no agency is named so: even lines by a greedy fill, in linear time
        return _greedy(words, widths, space)
    most = min(MAX_LINES, len(words))
    for lines in range(1, most + 1):
        widest, starts = _partition(widths, space, lines)
        if widest <= COLUMN_PT or lines == most:
            bounds = [0, *starts, len(words)]
            return [" ".join(words[a:b]) for a, b in itertools.pairwise(bounds)]
    return [name]  # not reached: the last number of lines always returns
