"""What each rate key pays for in the dự toán, found by running the cost rules on every kind of
class and study tour.

A rate key (`meal_support.province`) means nothing to an officer until it is named as the dự
toán names it: the label of each rule that uses it (budget/rules.py) and what picks the key
among its kind (the speakers' grade, the venue's level, the organiser, the destination). Running
the rules themselves keeps the names true to what the engine does: no key or label is typed here.
The provincial table of `cap135 init --rates`, `cap135 rates` and the warnings name rates so.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from itertools import product
from typing import Annotated, Any, get_args, get_origin

from cap135.budget.rules import CLASS_RULES, PLAN_FARE_KEY, PLAN_RULES, RULES, TOUR_RULES, ClassCase, Rule
from cap135.messages import Lang, message
from cap135.plan.model import AgencyLevel, DestinationLevel, Group, SpeakerGrade, Tour, VenueLevel, class_runs


def _values(choice: Any) -> tuple[str, ...]:
    """The English values of a fixed choice of the model (a Literal, maybe inside Annotated)."""
    if get_origin(choice) is Annotated:
        return _values(get_args(choice)[0])
    return tuple(str(value) for value in get_args(choice))


# what may pick a key, and the values it takes
DIMENSIONS: Mapping[str, tuple[str, ...]] = {
    "grade": _values(SpeakerGrade),
    "venue": _values(VenueLevel),
    "organiser": _values(AgencyLevel),
    "destination": _values(DestinationLevel),
}


@dataclass(frozen=True, slots=True)
class Use:
    """One rule that prices its line with the key, and when (the dimensions that pick the key)."""

    rule: Rule
    when: tuple[tuple[str, tuple[str, ...]], ...]  # (dimension, the values that pick this key)

    def words(self, lang: Lang) -> str:
        """The rule's label and when it uses the key: 'Hỗ trợ tiền ăn cho học viên (lớp ở tỉnh)'."""
        if not self.when:
            return self.rule.label
        parts = ", ".join(_condition(dimension, values, lang) for dimension, values in self.when)
        label = self.rule.label
        if label.endswith(")"):  # 'Tiền tàu xe báo cáo viên (một lượt đi và về; lớp ở xã)'
            return f"{label[:-1]}; {parts})"
        return f"{label} ({parts})"


@dataclass(frozen=True, slots=True)
class KeyUses:
    key: str
    uses: tuple[Use, ...]  # in the order of the dự toán's rules

    @property
    def order(self) -> int:
        """Where the key comes in the dự toán: the position of the first rule that uses it."""
        return RULE_INDEX[self.uses[0].rule.code] if self.uses else len(RULE_INDEX)

    def name(self, lang: Lang) -> str:
        """Every line the key prices, in the dự toán's words, joined by '; '."""
        return "; ".join(use.words(lang) for use in self.uses)


RULE_INDEX = {rule.code: i for i, rule in enumerate(RULES)}


def _condition(dimension: str, values: tuple[str, ...], lang: Lang) -> str:
    words = [message(f"rate-{dimension}-{value}", lang) for value in values]
    joined = words[0]
    for word in words[1:]:
        joined = message("rate-or", lang, {"a": joined, "b": word})
    return message(f"rate-when-{dimension}", lang, {"values": joined})


def _group(grade: str, venue: str) -> Group:
    """A group whose every support applies (flags set), with one lesson of `grade`."""
    return Group.model_validate(
        {
            "id": "g",
            "name": "g",
            "audience": "community",
            "trainees": "t",
            "classes": 1,
            "class_size": 10,
            "days": 2,
            "schedule": {"from": "2020-01", "to": "2020-01"},
            "venue": {"name": "v", "level": venue},
            "speakers": {"text": "s", "grade": grade, "travel": True},
            "lessons": [{"title": "l", "periods": 4}],
            "meals": True,
            "lodging": True,
            "travel": True,
        }
    )


def _tour(destination: str, fare: int | None) -> Tour:
    return Tour.model_validate(
        {
            "name": "t",
            "trainees": 10,
            "days": 3,
            "destination": {"name": "d", "level": destination},
            "fare": fare,
        }
    )


Seen = dict[tuple[str, str], list[dict[str, str]]]  # (rule code, key) -> the settings that gave it


def _class_uses(seen: Seen) -> None:
    dims = ("grade", "venue", "organiser")
    for grade, venue, organiser in product(*(DIMENSIONS[d] for d in dims)):
        run = (class_runs(_group(grade, venue)) or [])[0]
        case = ClassCase(run, organiser, periods_per_session=4)  # type: ignore[arg-type]
        for rule in CLASS_RULES:
            if rule.applies(case):
                for key, _ in rule.quantities(case):
                    setting = {"grade": grade, "venue": venue, "organiser": organiser}
                    seen.setdefault((rule.code, key), []).append(setting)


def _tour_uses(seen: Seen) -> None:
    for destination, fare in product(DIMENSIONS["destination"], (None, 1)):
        tour = _tour(destination, fare)  # with a fare, and without (vehicle hire)
        setting = {"destination": destination}
        for rule in TOUR_RULES:
            if rule.applies(tour):
                for key, _ in rule.quantities(tour):
                    if key != PLAN_FARE_KEY:  # priced by the plan itself
                        seen.setdefault((rule.code, key), []).append(setting)


def _when(
    settings: list[dict[str, str]], all_of_rule: list[dict[str, str]]
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The dimensions whose values this key is restricted to, among those the rule was run with."""
    when = []
    for dimension, values in DIMENSIONS.items():
        taken = {s[dimension] for s in settings if dimension in s}
        possible = {s[dimension] for s in all_of_rule if dimension in s}
        if taken and taken != possible:
            when.append((dimension, tuple(v for v in values if v in taken)))
    return tuple(when)


@cache
def key_uses() -> Mapping[str, KeyUses]:
    """Every rate key a rule prices a line with, and its uses; in the dự toán's order."""
    seen: Seen = {}
    _class_uses(seen)
    _tour_uses(seen)
    by_rule: dict[str, list[dict[str, str]]] = {}
    for (code, _key), settings in seen.items():
        by_rule.setdefault(code, []).extend(settings)
    rules = {rule.code: rule for rule in RULES}
    uses: dict[str, list[Use]] = {}
    for (code, key), settings in seen.items():
        uses.setdefault(key, []).append(Use(rules[code], _when(settings, by_rule[code])))
    for rule in PLAN_RULES:
        uses.setdefault(rule.rate_key, []).append(Use(rule, ()))
    found = {
        key: KeyUses(key, tuple(sorted(u, key=lambda use: RULE_INDEX[use.rule.code])))
        for key, u in uses.items()
    }
    return dict(sorted(found.items(), key=lambda item: (item[1].order, _place(item[1]), item[0])))


def _place(uses: KeyUses) -> tuple[int, ...]:
    """Among the keys of one rule, the order of the values that pick them (grade 1 to 5, …)."""
    when = uses.uses[0].when if uses.uses else ()
    return tuple(DIMENSIONS[dimension].index(values[0]) for dimension, values in when)


def uses_of(key: str) -> KeyUses:
    """The uses of `key` (none for a key no rule prices)."""
    return key_uses().get(key, KeyUses(key, ()))


def unit_words(unit: str, lang: Lang) -> str:
    """A table unit as the officer reads it: session → buổi, person_day → người/ngày, percent → %."""
    return message(f"unit-{unit}", lang)


def describe(key: str, lang: Lang) -> dict[str, Any]:
    """The key's name in the dự toán's words (its uses), for tables and messages."""
    found = uses_of(key)
    return {"key": key, "name": found.name(lang) or message("rate-unused", lang)}
