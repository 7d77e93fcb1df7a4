"""The national target programmes that fund capacity building, by period.

The rates that differ by programme live in the rate tables, versioned by date; this table
names the programme and its finance circular so that the cost output can say under which
regime a plan was costed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class Programme:
    name: str  # Vietnamese, as a finance officer names it
    start: date
    end: date | None
    finance_basis: str  # the finance circular for recurrent spending
    verified: bool  # the finance circular's text has been read


PROGRAMMES: tuple[Programme, ...] = (
    Programme(
        "Chương trình 135 thuộc Chương trình mục tiêu quốc gia Giảm nghèo bền vững giai đoạn 2016–2020",
        date(2016, 1, 1),
        date(2020, 12, 31),
        "Thông tư 15/2017/TT-BTC",
        False,
    ),
    Programme(
        "Các chương trình mục tiêu quốc gia giai đoạn 2021–2025 (phát triển KT-XH vùng đồng bào DTTS "
        "và miền núi, giảm nghèo bền vững, xây dựng nông thôn mới)",
        date(2021, 1, 1),
        date(2025, 12, 31),
        "Thông tư 55/2023/TT-BTC, hiệu lực từ 15/8/2023 (học viên: hỗ trợ tiền ăn tối đa bằng "
        "phụ cấp lưu trú, Điều 4, khoản 1)",
        True,
    ),
    Programme(
        "Chương trình MTQG xây dựng nông thôn mới, giảm nghèo bền vững và phát triển KT-XH vùng đồng bào "
        "DTTS và miền núi giai đoạn 2026–2035, giai đoạn I 2026–2030 "
        "(Quyết định 417/QĐ-BNNMT ngày 31/01/2026)",
        date(2026, 1, 1),
        None,
        "Thông tư 60/2026/TT-BTC, hiệu lực từ 31/5/2026 (đào tạo, bồi dưỡng theo Điều 4 "
        "Thông tư 100/2025/TT-BTC; mức chi của Thông tư 100/2025/TT-BTC chưa kiểm chứng)",
        True,  # TT 60/2026 read in a copy of the official text; TT 100/2025's amounts are not
    ),
)


def programme_for(year: int) -> Programme | None:
    day = date(year, 7, 1)
    for programme in PROGRAMMES:
        if programme.start <= day and (programme.end is None or day <= programme.end):
            return programme
    return None
