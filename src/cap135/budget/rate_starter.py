"""`cap135 init --rates`: a commented provincial rate table that extends the national one.

Every rate of the national table is there, under the cost item of the dự toán that first uses
it (in the dự toán's order), with its name in the dự toán's words, its unit, the national amount
in force in the chosen year with its basis, and a line ready for the province's resolution. The
entries are comments: as written, the table costs every plan of any year exactly as the national
table does; an entry taken out of its comment applies from its `from` day (the national amounts
stand on the other days). Nothing here is typed: keys, names, units, amounts and bases come
from the national table and the cost rules.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from cap135.budget.rate_file import PROVINCE_BASIS
from cap135.budget.rate_tables import RateTable, load_table, shipped_table_ids
from cap135.budget.rate_uses import key_uses, unit_words, uses_of
from cap135.budget.rate_values import ProfileValue, Rate
from cap135.budget.rules import RULES
from cap135.money import format_vnd

PARENT = "national"
# The profile values a province may set, besides those of the national table.
PROVINCE_PROFILE = {"max_class_size": "sĩ số tối đa của một lớp, nếu quy định của tỉnh đặt"}
PROFILE_WORDS = {
    "periods_per_session": "số tiết của một buổi giảng",
    "sessions_per_day": "số buổi giảng được trả thù lao trong một ngày học",
    "periods_per_day": "số tiết tối đa một ngày học (để kiểm tra kế hoạch)",
}


@dataclass(frozen=True)
class RateStarter:
    year: int
    province: str = "[Tên tỉnh]"
    table_id: str = "tinh"


def table_id_for(stem: str) -> str:
    """A table id from a file name: lower-case ASCII words joined by '-' ('Định mức' → 'dinh-muc');
    never a shipped table's id."""
    plain = unicodedata.normalize("NFKD", stem.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(c for c in plain if not unicodedata.combining(c)).lower()
    words = re.sub(r"[^a-z0-9._-]+", "-", plain).strip("-._")
    found = words if words and words[0].isalnum() else "tinh"
    return f"tinh-{found}" if found in shipped_table_ids() else found


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _amount(rate: Rate) -> str:
    """'4.000.000 đồng/buổi', '3%'."""
    if rate.unit == "percent":
        return f"{rate.amount}%"
    return f"{format_vnd(rate.amount)} đồng/{unit_words(rate.unit, 'vi')}"


def _status(rate: Rate) -> str:
    if rate.provisional:
        return "mức tạm tính, tỉnh phải đặt"
    return "đã kiểm chứng" if rate.verified else "chưa kiểm chứng"


def _span(version: Rate | ProfileValue, year: int) -> str:
    """When a version is in force, said for the year: 'cả năm', 'từ 04/05/2025', 'đến 03/05/2025'."""
    start, end = version.valid_from, version.valid_to
    starts = start > date(year, 1, 1)
    if end is not None and end < date(year, 12, 31):
        return f"từ {start:%d/%m/%Y} đến {end:%d/%m/%Y}" if starts else f"đến {end:%d/%m/%Y}"
    return f"từ {start:%d/%m/%Y}" if starts else "cả năm"


WIDTH = 100  # comment lines are wrapped to this many characters


def _comment(text: str, first: str = "  # ", rest: str = "  #     ") -> Iterator[str]:
    """`text` as comment lines of at most WIDTH characters, wrapped at spaces."""
    line = first
    for word in text.split(" "):
        if line not in (first, rest) and len(line) + 1 + len(word) > WIDTH:
            yield line
            line = rest + word
        else:
            line += word if line in (first, rest) else " " + word
    yield line


def _rate_block(key: str, national: RateTable, year: int) -> Iterator[str]:
    versions = national.in_year(key, year)
    unit = national.versions(key)[0].unit
    yield from _comment(f"{key} — {uses_of(key).name('vi')}; đơn vị: {unit_words(unit, 'vi')}")
    if not versions:
        yield f"  #   Bảng quốc gia không có mức năm {year}."
    for v in versions:
        text = f"Mức quốc gia năm {year} ({_span(v, year)}): {_amount(v)}, {_status(v)}; căn cứ: {v.basis}"
        yield from _comment(text, "  #   ", "  #       ")
    if versions:
        last = versions[-1]
        start = max(last.valid_from, date(year, 1, 1))
        yield f"  # {key}:"
        yield (
            f"  #   - {{amount: {last.amount}, unit: {last.unit}, from: {start.isoformat()}, "
            f"basis: {_q(PROVINCE_BASIS)}}}"
        )
    yield "  #"


def _profile_block(name: str, versions: tuple[ProfileValue, ...], year: int) -> Iterator[str]:
    words = PROFILE_WORDS.get(name, name)
    first, last = date(year, 1, 1), date(year, 12, 31)
    inside = [v for v in versions if v.valid_from <= last and (v.valid_to is None or v.valid_to >= first)]
    yield f"  # {name} — {words}"
    for v in inside:
        text = f"Bảng quốc gia năm {year} ({_span(v, year)}): {v.value}; căn cứ: {v.basis}"
        yield from _comment(text, "  #   ", "  #       ")
    if inside:
        start = max(inside[-1].valid_from, first)
        yield f"  # {name}:"
        yield f"  #   - {{value: {inside[-1].value}, from: {start.isoformat()}, basis: {_q(PROVINCE_BASIS)}}}"
    yield "  #"


def _rates(national: RateTable, year: int) -> Iterator[str]:
    """The rates section: each cost item of the dự toán in its order, then the keys it uses."""
    written: dict[str, str] = {}  # key -> the item it was written under
    uses = key_uses()
    for rule in RULES:
        keys = [key for key, found in uses.items() if any(u.rule.code == rule.code for u in found.uses)]
        keys = [key for key in keys if key in national.rates_by_key]
        yield f"  # ══ {rule.label} ══"
        if not keys:
            yield "  #   Không dùng bảng định mức: giá vé ghi trong kế hoạch (fare)."
            yield "  #"
        for key in keys:
            if key in written:
                yield f"  #   {key}: xem ở mục «{written[key]}» phía trên."
                yield "  #"
                continue
            written[key] = rule.label
            yield from _rate_block(key, national, year)
    others = [key for key in sorted(national.rates_by_key) if key not in written]
    if others:
        yield "  # ══ Các mức khác của bảng quốc gia ══"
        for key in others:
            yield from _rate_block(key, national, year)


def starter_text(values: RateStarter) -> str:
    national = load_table(PARENT)
    year = values.year
    head = HEADER.format(year=year, basis=PROVINCE_BASIS)
    lines = [
        head.rstrip("\n"),
        f"id: {values.table_id}",
        f"title: {_q(f'Định mức chi của tỉnh {values.province} trên nền định mức quốc gia')}",
        f"extends: [{PARENT}]",
        "",
        "profile:",
        "  # Tham số kiểm tra và tính buổi giảng (không phải số tiền).",
    ]
    for name in national.profile_names():
        lines.extend(_profile_block(name, national.profile_by_name[name], year))
    for name, words in PROVINCE_PROFILE.items():
        lines.extend(
            _comment(f"{name} — {words}: bảng quốc gia không có; ghi như các tham số trên (value: …).")
        )
    lines += ["", "rates:"]
    lines.extend(_rates(national, year))
    return "\n".join(lines).rstrip(" #\n") + "\n"


HEADER = """\
# Bảng định mức chi của tỉnh — tệp mẫu do `cap135 init --rates` tạo, ghi mức quốc gia năm {year}.
#
# Bảng này kế thừa bảng định mức quốc gia (extends: [national]). Để nguyên như khi tạo ra, mọi
# mức bên dưới còn là chú thích (dấu #): bảng tính dự toán của mọi kế hoạch, mọi năm, đúng như
# bảng quốc gia.
#
# Ghi mức của tỉnh theo nghị quyết HĐND, quyết định UBND tỉnh:
#   1. Tìm khoản chi bên dưới (theo thứ tự các khoản của dự toán) và khóa của nó, ví dụ
#      meal_support.commune; bỏ dấu "# " ở đầu dòng khóa và dòng "- {{amount: …}}" ngay dưới.
#   2. Sửa amount (số nguyên đồng: 150000, không viết 150.000), from (ngày văn bản của tỉnh có
#      hiệu lực, YYYY-MM-DD) và basis: {basis}
#      Giữ nguyên unit (đơn vị tính của bảng quốc gia).
#   3. Mức của tỉnh áp dụng từ ngày from (đến ngày to nếu ghi thêm to: YYYY-MM-DD); ngoài thời gian
#      đó, dự toán vẫn dùng mức quốc gia. Một khóa có thể có nhiều phiên bản (mỗi phiên bản một
#      dòng "- {{…}}"), không chồng lên nhau về thời gian.
#   4. Khi đã đọc nguyên văn văn bản: thêm verified: true và
#      source: {{where: "nơi đã đọc", quote: "câu của văn bản có số tiền"}}; chưa đọc: để nguyên.
#   5. Kiểm tra bảng: cap135 rates TỆP.yaml (báo mọi lỗi cùng lúc, có dòng và cột).
#      Dùng trong kế hoạch: thêm dòng rates: TỆP.yaml (đường dẫn tính từ tệp kế hoạch).
#
# Số tiền ghi bằng số nguyên đồng; thụt lề bằng dấu cách (không dùng phím Tab).
"""
