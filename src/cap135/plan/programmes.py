"""The national target programmes that fund capacity building, by period.

The rates that differ by programme live in the rate tables, versioned by date; this table
names the programme, its finance circular when one is known, and the legal bases a plan of
its years cites (`cap135 init` offers them; `validate` warns when a plan cites those of
another period). Every instrument named here was seen in a source (see the rate tables'
notes); when a finance circular was not found, `finance_basis` is None and says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class Programme:
    name: str  # Vietnamese, as a finance officer names it
    start: date
    end: date | None
    finance_basis: str | None  # the finance circular for recurrent spending; None: not found
    verified: bool  # the finance circular's text has been read
    # the instruments a plan of these years cites (Vietnamese, as written in a căn cứ line)
    bases: tuple[str, ...] = ()
    # how a căn cứ line of this period is recognised in a plan of another period
    markers: tuple[tuple[str, str], ...] = ()  # (regular expression, the instrument's short name)


PROGRAMMES: tuple[Programme, ...] = (
    Programme(
        "Chương trình 135 thuộc Chương trình mục tiêu quốc gia Giảm nghèo bền vững giai đoạn 2016–2020",
        date(2016, 1, 1),
        date(2020, 12, 31),
        None,  # a finance circular of its own was not found (searched 2026)
        False,
    ),
    Programme(
        "Các chương trình mục tiêu quốc gia giai đoạn 2021–2025 (phát triển KT-XH vùng đồng bào DTTS "
        "và miền núi, giảm nghèo bền vững, xây dựng nông thôn mới)",
        date(2021, 1, 1),
        date(2025, 12, 31),
        "Thông tư 55/2023/TT-BTC ngày 15/8/2023 (học viên: hỗ trợ tiền ăn tối đa bằng phụ cấp lưu trú, "
        "Điều 4, khoản 1)",
        False,  # its Art. 2 was read in a Q&A (qdnd.vn); Art. 4.1 and its date of effect were not found again
        markers=(
            (r"1719\s*/\s*QĐ\s*[-–]\s*TTg", "Quyết định 1719/QĐ-TTg"),
            (r"(?<!\d)90\s*/\s*QĐ\s*[-–]\s*TTg", "Quyết định 90/QĐ-TTg"),
            (r"(?<!\d)263\s*/\s*QĐ\s*[-–]\s*TTg", "Quyết định 263/QĐ-TTg"),
            (r"(?<!\d)55\s*/\s*2023\s*/\s*TT\s*[-–]\s*BTC", "Thông tư 55/2023/TT-BTC"),
            (r"(?<!\d)0?1\s*/\s*2022\s*/\s*TT\s*[-–]\s*UBDT", "Thông tư 01/2022/TT-UBDT"),
        ),
    ),
    Programme(
        "Chương trình MTQG xây dựng nông thôn mới, giảm nghèo bền vững và phát triển KT-XH vùng đồng bào "
        "DTTS và miền núi giai đoạn 2026–2035, giai đoạn I 2026–2030 "
        "(Quyết định 417/QĐ-BNNMT ngày 31/01/2026)",
        date(2026, 1, 1),
        None,
        None,  # not found: the Ministry of Finance's newspaper (10/3/2026) said the rules were in the works
        False,
        bases=(
            "Luật Tổ chức chính quyền địa phương ngày 16/6/2025",
            "Nghị quyết số 257/2025/QH15 ngày 11/12/2025 của Quốc hội phê duyệt chủ trương đầu tư "
            "Chương trình mục tiêu quốc gia xây dựng nông thôn mới, giảm nghèo bền vững và phát triển "
            "kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi giai đoạn 2026 - 2035",
            "Nghị quyết số 424/NQ-CP ngày 30/12/2025 của Chính phủ ban hành Kế hoạch triển khai thực hiện "
            "Nghị quyết số 257/2025/QH15 ngày 11/12/2025 của Quốc hội",
            "Quyết định số 417/QĐ-BNNMT ngày 31/01/2026 của Bộ trưởng Bộ Nông nghiệp và Môi trường phê "
            "duyệt Chương trình mục tiêu quốc gia xây dựng nông thôn mới, giảm nghèo bền vững và phát "
            "triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi giai đoạn 2026 - 2035, "
            "giai đoạn I: từ năm 2026 đến năm 2030",
        ),
    ),
)


def programme_for(year: int) -> Programme | None:
    day = date(year, 7, 1)
    for programme in PROGRAMMES:
        if programme.start <= day and (programme.end is None or day <= programme.end):
            return programme
    return None


@dataclass(frozen=True, slots=True)
class StaleBasis:
    """A căn cứ of an earlier programme found in a plan's text."""

    instrument: str  # its short name, e.g. "Quyết định 1719/QĐ-TTg"
    period: str  # the programme it belongs to


def stale_bases(year: int, text: str) -> list[StaleBasis]:
    """The instruments of programmes that ended before `year` that `text` cites."""
    current = programme_for(year)
    if current is None:
        return []
    found: list[StaleBasis] = []
    for programme in PROGRAMMES:
        if programme.end is None or programme.end >= current.start:
            continue
        for pattern, instrument in programme.markers:
            if re.search(pattern, text, flags=re.IGNORECASE):
                found.append(StaleBasis(instrument, programme.name))
    return found
