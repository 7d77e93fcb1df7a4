"""The căn cứ a plan cites, checked against the programme of its year.

A plan for 2026 onward is built on the 2026–2030 programme (Nghị quyết 257/2025/QH15, Nghị
quyết 424/NQ-CP, Quyết định 417/QĐ-BNNMT); a căn cứ line copied from a 2021–2025 plan
(Quyết định 1719/QĐ-TTg, Thông tư 55/2023/TT-BTC …) is a warning that quotes it.
"""

from __future__ import annotations

from collections.abc import Iterable

from cap135.findings import Finding, warning
from cap135.plan.model import Plan
from cap135.plan.profile import Profile
from cap135.plan.programmes import stale_bases

QUOTED = 160  # the most of a căn cứ line a warning quotes


def _quoted(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= QUOTED else text[: QUOTED - 1].rstrip() + "…"


def check_stale_bases(plan: Plan, profile: Profile) -> Iterable[Finding]:
    for i, line in enumerate(plan.legal_basis):
        for found in stale_bases(plan.year, line):
            yield warning(
                "stale-basis",
                ("legal_basis", i),
                year=plan.year,
                instrument=found.instrument,
                text=_quoted(line),
            )
