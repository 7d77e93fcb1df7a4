"""What a dự toán assumed, in words a finance officer reviewing it can check.

Each assumption is a value (a catalogue code and its arguments); `text` reads it in the
run's language. The cost engine computes them with the budget, so every output (table,
JSON, xlsx, the document's appendix) shows the same ones.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from cap135.budget.rules import (
    ClassCase,
    gets_lodging,
    gets_meals,
    gets_travel,
    meal_tier,
    sessions_by_grade,
    sessions_needed,
    speakers_travel,
)
from cap135.messages import Lang, message
from cap135.plan.model import Group, Plan
from cap135.plan.programmes import programme_for


@dataclass(frozen=True, slots=True)
class Assumption:
    code: str  # catalogue code "assume-…"
    entity: str  # group id, or "" for the plan
    args: Mapping[str, Any] = field(default_factory=dict)

    def text(self, lang: Lang) -> str:
        args = dict(self.args)
        for key, value in self.args.items():
            if isinstance(value, str) and value.startswith("assume-"):
                args[key] = message(value, lang)  # a phrase of the catalogue
        if "support" in self.args:
            args["support"] = learner_support_text(self.args["support"], lang)
        return message(self.code, lang, args)

    def as_dict(self, lang: Lang = "vi") -> dict[str, Any]:
        return {"entity": self.entity, "code": self.code, "text": self.text(lang)}

    def content(self, lang: Lang) -> str | None:
        """The convention as plan content, for the signed document; None for a review note.

        The signed KẾ HOẠCH states how its figures were counted (buổi, nights, who gets
        support) as part of the plan, never why (a default, an unverified rate): that goes to
        the draft and to the terminal.
        """
        args = {
            key: message(value, lang) if isinstance(value, str) and value.startswith("assume-") else value
            for key, value in self.args.items()
        }
        if self.code == "assume-learners":
            support: Sequence[Support] = self.args["support"]
            if not support:
                return message("content-learners-none", lang, args)
            args["support"] = "; ".join(item.content(lang) for item in support)
            return message("content-learners", lang, args)
        if self.code in ("assume-sessions", "assume-sessions-capped"):
            return message("content-sessions", lang, args)
        if self.code == "assume-speakers-travel":
            return message("content-speakers-travel", lang, args)
        return None


@dataclass(frozen=True, slots=True)
class Support:
    """One kind of learner support a group gets, and whether the plan or the default said so."""

    kind: str  # meals | lodging | travel
    source: str  # catalogue phrase: assume-by-plan | assume-by-default
    tiers: tuple[str, ...] = ()  # meals: the tiers of its classes (rules.meal_tier)

    def text(self, lang: Lang) -> str:
        source = message(self.source, lang)
        if self.kind == "meals":
            tiers = ", ".join(message(f"assume-tier-{t}", lang) for t in self.tiers)
            return message("assume-support-meals", lang, {"tiers": tiers, "source": source})
        return message(f"assume-support-{self.kind}", lang, {"source": source})

    def content(self, lang: Lang) -> str:
        """The support as plan content (no tier, no source)."""
        return message(f"content-support-{self.kind}", lang)


def _flag_source(flag: bool | None) -> str:
    return "assume-by-plan" if flag is not None else "assume-by-default"


def _learners(group: Group, cases: Sequence[ClassCase]) -> Assumption:
    if group.salaried is not None:
        why = "assume-by-plan"
    else:
        why = "assume-default-community" if group.audience == "community" else "assume-default-cadres"
    support: list[Support] = []
    if any(gets_meals(c) for c in cases):
        tiers = tuple(sorted({meal_tier(c) for c in cases if gets_meals(c)}))
        support.append(Support("meals", _flag_source(group.meals), tiers))
    if any(gets_lodging(c) for c in cases):
        support.append(Support("lodging", _flag_source(group.lodging)))
    if any(gets_travel(c) for c in cases):
        support.append(Support("travel", _flag_source(group.travel)))
    return Assumption(
        "assume-learners",
        group.id,
        {
            "group": group.name,
            "payroll": "assume-salaried" if group.is_salaried else "assume-not-salaried",
            "why": why,
            "support": tuple(support),
        },
    )


def learner_support_text(support: Sequence[Support], lang: Lang) -> str:
    """The support items of an `assume-learners` assumption, as a phrase."""
    return "; ".join(item.text(lang) for item in support) or message("assume-support-none", lang)


def _sessions(group: Group, case: ClassCase) -> Assumption:
    needed = sum(sessions_needed(case).values())
    paid = sum(sessions_by_grade(case).values())
    args = {
        "group": group.name,
        "periods": sum(lesson.periods for lesson in group.lessons),
        "per_session": case.periods_per_session,
        "needed": needed,
        "paid": paid,
        "per_day": case.sessions_per_day,
        "days": group.days,
    }
    code = "assume-sessions-capped" if paid < needed else "assume-sessions"
    return Assumption(code, group.id, args)


def _speakers(group: Group, cases: Sequence[ClassCase]) -> Assumption | None:
    travelling = [c for c in cases if speakers_travel(c)]
    if not travelling:
        return None
    flag = group.speakers.travel
    why = "assume-by-plan" if flag is not None else "assume-speakers-below-province"
    return Assumption(
        "assume-speakers-travel",
        group.id,
        {"group": group.name, "why": why, "days": group.days + 1, "nights": group.days},
    )


def explain(
    plan: Plan, cases_by_group: Mapping[str, Sequence[ClassCase]], unverified: Sequence[str]
) -> tuple[Assumption, ...]:
    """A costed plan's assumptions: its programme, each group's support and buổi, unverified rates."""
    out: list[Assumption] = []
    programme = programme_for(plan.year)
    if programme is not None and programme.finance_basis is None:
        out.append(Assumption("assume-programme-no-finance", "", {"name": programme.name}))
    elif programme is not None:
        code = "assume-programme" if programme.verified else "assume-programme-unverified"
        out.append(Assumption(code, "", {"name": programme.name, "basis": programme.finance_basis}))
    for group in plan.groups:
        cases = cases_by_group.get(group.id)
        if not cases:
            continue
        out.append(_learners(group, cases))
        out.append(_sessions(group, cases[0]))
        speakers = _speakers(group, cases)
        if speakers is not None:
            out.append(speakers)
    if unverified:
        out.append(Assumption("assume-unverified", "", {"items": "; ".join(unverified)}))
    return tuple(out)
