"""The fixed choices of plan and results files, in the words an officer uses.

Every fixed choice (an audience, a venue level, a speaker grade, a yes or no) has one English
value, which every stage after the model uses, and a Vietnamese word an officer may write
instead: `audience: cán bộ` is `audience: cadres`, `salaried: không` is `salaried: false`.
The word becomes the English value when the file is validated (a `BeforeValidator`), so
nothing downstream sees it; the JSON Schema lists both; a wrong value's message names the
Vietnamese words first, each with its English value.

Words match whatever their case (`Cán bộ`, `Xã`); the English values as well (`Province`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import BeforeValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from cap135.plan.yaml_loader import visible


def _key(text: str) -> str:
    return text.strip().casefold()  # text read from a file is NFC already (yaml_loader)


def _shown(value: Any) -> str:
    if isinstance(value, str):
        return visible(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return visible(str(value))


@dataclass(frozen=True)
class Choices:
    """A fixed choice: (English value, Vietnamese word) pairs in the order messages list them."""

    pairs: tuple[tuple[str, str], ...]

    @property
    def shown(self) -> str:
        """'cán bộ (cadres) | cộng đồng (community)': the Vietnamese word first."""
        return " | ".join(f"{vi} ({en})" for en, vi in self.pairs)

    def word(self, value: str) -> str:
        """The Vietnamese word of an English value."""
        return dict(self.pairs)[value]

    def to_english(self, value: Any) -> str:
        if isinstance(value, str):
            key = _key(value)
            for en, vi in self.pairs:
                if key in (_key(en), _key(vi)):
                    return en
        raise PydanticCustomError(
            "bad-choice",
            "'{got}' is not allowed; choose one of: {choices}",
            {"got": _shown(value), "choices": self.shown},
        )

    def validator(self) -> BeforeValidator:
        return BeforeValidator(self.to_english)

    def json_schema(self) -> WithJsonSchema:
        values = [v for pair in self.pairs for v in pair]
        return WithJsonSchema({"type": "string", "enum": values})


AUDIENCE = Choices((("cadres", "cán bộ"), ("community", "cộng đồng")))
# Where a class is held and which tier organises it.
LEVEL = Choices((("province", "tỉnh"), ("district", "huyện"), ("commune", "xã")))
# A tour destination's lodging tier (Thông tư 40/2017/TT-BTC, Điều 7).
DESTINATION_LEVEL = Choices((("city", "thành phố"), ("province", "tỉnh"), ("district", "huyện")))
# The speaker groups of the fee scale, numbered as the circular lists them.
SPEAKER_GRADE = Choices(
    (
        ("central_leader", "nhóm 1"),
        ("senior_leader", "nhóm 2"),
        ("expert", "nhóm 3"),
        ("provincial", "nhóm 4"),
        ("local", "nhóm 5"),
    )
)

YES, NO = "có", "không"


def _yes_no(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        key = _key(value)
        if key in (YES, "true"):
            return True
        if key in (NO, "false"):
            return False
    raise PydanticCustomError(
        "expected-yes-no",
        "expected có (true) or không (false), got {got}",
        {"got": _quoted(value)},
    )


def _quoted(value: Any) -> str:
    return f"'{visible(value)}'" if isinstance(value, str) else _shown(value)


YES_NO_VALIDATOR = BeforeValidator(_yes_no)
YES_NO_SCHEMA = WithJsonSchema({"anyOf": [{"type": "boolean"}, {"type": "string", "enum": [YES, NO]}]})


_ALL = (AUDIENCE, LEVEL, DESTINATION_LEVEL, SPEAKER_GRADE)


def english_of(text: str) -> str | bool | None:
    """The value a word of any fixed choice stands for (`tỉnh` → province, `không` → False), or
    None: the words of the different choices never name two values (`tỉnh` is a province as a
    venue and as a destination)."""
    key = _key(text)
    if key == YES:
        return True
    if key == NO:
        return False
    for choice in _ALL:
        for en, vi in choice.pairs:
            if key == _key(vi):
                return en
    return None
