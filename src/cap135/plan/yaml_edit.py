"""Position-preserving edits of scalar values in YAML text.

The loader knows where each value starts (line and column, 1-based, counted in characters as
libyaml counts them). An edit replaces the text of one plain scalar there and nothing else:
comments, order, quoting, line ends and the rest of the line stay as they were.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import yaml

from cap135.plan.yaml_loader import DataPath, Source

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# the line breaks YAML counts (libyaml: CR LF, CR, LF, NEL, LS, PS)
_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
# a plain scalar in block or flow context: up to a space, a comma, a bracket or a comment
_PLAIN = re.compile(r"[^\s,\[\]{}#]+")


class EditError(Exception):
    """The value at `path` is not a plain scalar of the expected value written in place (an alias,
    a merge key, a tag, a position shared with another path…)."""

    def __init__(self, path: DataPath) -> None:
        super().__init__(".".join(str(p) for p in path))
        self.path = path


def _line_starts(text: str) -> list[int]:
    return [0, *(m.end() for m in _BREAK.finditer(text))]


def replace_scalars(text: str, source: Source, edits: Mapping[DataPath, tuple[Any, str]]) -> str:
    """`text` with the plain scalar at each path replaced.

    `edits` maps a path to (the value the scalar must hold now, the text to write instead).
    Raises EditError when a scalar is not where the loader saw it, does not read as the old value,
    or is shared by two paths.
    """
    starts = _line_starts(text)
    spans: dict[int, tuple[int, str]] = {}
    for path, (old, new) in edits.items():
        position = source.values.get(path)
        if not isinstance(position, tuple) or not 1 <= position[0] <= len(starts):
            raise EditError(path)
        offset = starts[position[0] - 1] + position[1] - 1
        token = _PLAIN.match(text, offset)
        if token is None or offset in spans:
            raise EditError(path)
        try:
            value = yaml.load(token.group(), Loader=_Loader)
        except (yaml.YAMLError, ValueError, IndexError, KeyError, TypeError, AttributeError):
            raise EditError(path) from None  # `!!int` alone makes PyYAML's constructor fail
        if type(value) is not type(old) or value != old:
            raise EditError(path)
        spans[offset] = (token.end(), new)
    out: list[str] = []
    last = 0
    for offset in sorted(spans):
        end, replacement = spans[offset]
        out += [text[last:offset], replacement]
        last = end
    out.append(text[last:])
    return "".join(out)
