"""Calibration: cap135's dự toán against real totals (issue 10).

Prints the shipped plans' totals, and the per-participant cost of plans shaped like two
provincial reviews: Kon Tum 2016–2020 (seed 000: 93 conferences, 6.362 participants, 4 tours
with 131 people, 13.196 triệu đồng) and Bắc Kạn 2016–2019 (179 classes, 9.447 participants,
more than 10 tỷ). The reviews give counts and totals only; days, venues and payroll status are
assumptions stated below, so the figures show the order of magnitude, not a reconstruction.

    python bench/calibrate.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from cap135.budget.analysis import analyze  # noqa: E402

SHAPED = """\
version: 1
year: {year}
agency: {{parent: UBND TỈNH {province}, name: BAN DÂN TỘC, short_name: Ban Dân tộc, code: BDT}}
place: {province}
title: Kế hoạch hiệu chỉnh
funding: {{source: ngân sách Trung ương}}
groups:
  - id: can-bo
    name: Cán bộ cơ sở
    audience: cadres
    salaried: false          # commune non-specialised staff and village heads: not on a payroll
    trainees: Người hoạt động không chuyên trách ở xã, trưởng thôn
    classes: {cadre_classes}
    class_size: {size}
    days: 3
    schedule: {{from: {year}-05, to: {year}-06}}
    venue: {{name: thành phố, level: province}}
    speakers: {{text: Báo cáo viên, grade: expert}}
    lessons: [{{title: Chuyên đề, periods: 24}}]
  - id: cong-dong
    name: Cộng đồng
    audience: community
    trainees: Người dân
    classes: {community_classes}
    class_size: {size}
    days: 2
    schedule: {{from: {year}-08, to: {year}-09}}
    venue: {{name: xã, level: commune}}
    speakers: {{text: Báo cáo viên, grade: provincial}}
    lessons: [{{title: Chuyên đề, periods: 16}}]
tours:
{tours}signer: {{position: TRƯỞNG BAN, name: A}}
"""

TOUR = """\
  - name: Tham quan
    trainees: {people}
    days: 6
    destination: {{name: các tỉnh, level: province}}
"""


def shaped(year: int, province: str, cadres: int, community: int, people: int, tours: list[int]) -> int:
    size = round(people / (cadres + community))
    text = SHAPED.format(
        year=year,
        province=province,
        cadre_classes=cadres,
        community_classes=community,
        size=size,
        tours="".join(TOUR.format(people=p) for p in tours) or "  []\n",
    )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "p.yaml"
        path.write_text(text, encoding="utf-8")
        analysis = analyze(path)
        assert analysis.budget is not None, analysis.findings
        return analysis.budget.total


def main() -> None:
    for plan in sorted((ROOT / "plans").glob("*.yaml")):
        budget = analyze(plan).budget
        assert budget is not None
        print(f"{plan.name:24} {budget.total:>15,} ceiling {budget.ceiling or 0:>15,}")
    kon_tum = shaped(2019, "KON TUM", 50, 43, 6362, [33, 33, 33, 32])
    print(
        f"Kon Tum-shaped (2019):   {kon_tum:>15,}  {kon_tum / (6362 + 131):>10,.0f} per participant"
        f"  (real: 13.196.000.000, {13_196_000_000 / (6362 + 131):,.0f})"
    )
    bac_kan = shaped(2018, "BẮC KẠN", 90, 89, 9447, [])
    print(
        f"Bắc Kạn-shaped (2018):   {bac_kan:>15,}  {bac_kan / 9447:>10,.0f} per participant"
        f"  (real: > 10.000.000.000, > {10_000_000_000 / 9447:,.0f})"
    )


if __name__ == "__main__":
    main()
