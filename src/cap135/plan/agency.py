"""The issuing agency's name as it reads inside a sentence, when `agency.short_name` is missing.

The heading prints the name in capitals ("BAN DÂN TỘC"); a sentence needs it in the
capitalisation of Vietnamese administrative writing (Nghị định 30/2020/NĐ-CP, Phụ lục I,
viết hoa tên cơ quan, tổ chức): the first letter of the kind of agency and of each field
of work it is named after, a place name with its capitals, the rest in lower case:

    BAN DÂN TỘC                          → Ban Dân tộc
    SỞ DÂN TỘC VÀ TÔN GIÁO               → Sở Dân tộc và Tôn giáo
    PHÒNG DÂN TỘC HUYỆN ĐAKRÔNG          → Phòng Dân tộc huyện Đakrông
    ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ       → Ủy ban nhân dân tỉnh Quảng Trị

Lower-casing every word but the first ("Ban dân tộc") is wrong, and a machine cannot tell
a field of work from a proper name it has never seen, so the derivation is table-driven:
a name is derived only when every part of it is known (KINDS, FIELDS, LOCALITIES below);
otherwise `sentence_name` returns None and validation asks for `short_name`.
"""

from __future__ import annotations

from collections.abc import Iterable

from cap135.findings import Finding, warning
from cap135.plan.model import Plan
from cap135.plan.profile import Profile

# The kind of agency, as written at the start of a sentence (longest match first).
KINDS = {
    "ỦY BAN NHÂN DÂN": "Ủy ban nhân dân",
    "UỶ BAN NHÂN DÂN": "Ủy ban nhân dân",
    "UBND": "UBND",
    "BAN": "Ban",
    "SỞ": "Sở",
    "PHÒNG": "Phòng",
    "CHI CỤC": "Chi cục",
    "CỤC": "Cục",
    "VĂN PHÒNG": "Văn phòng",
    "TRUNG TÂM": "Trung tâm",
    "HỘI": "Hội",
}

# Fields of work an agency is named after: the first word capitalised, the others not.
FIELDS = (
    "Dân tộc",
    "Tôn giáo",
    "Kế hoạch",
    "Đầu tư",
    "Tài chính",
    "Nội vụ",
    "Tư pháp",
    "Lao động",
    "Thương binh",
    "Xã hội",
    "Nông nghiệp",
    "Phát triển nông thôn",
    "Môi trường",
    "Tài nguyên",
    "Giáo dục",
    "Đào tạo",
    "Y tế",
    "Văn hóa",
    "Thể thao",
    "Du lịch",
    "Thông tin",
    "Truyền thông",
    "Khoa học",
    "Công nghệ",
    "Công thương",
    "Xây dựng",
    "Giao thông vận tải",
    "Ngoại vụ",
    "Kinh tế",
    "Hạ tầng",
    "Dân vận",
    "Tuyên giáo",
    "Tổ chức",
)
_FIELDS = {f.upper(): f for f in FIELDS}
CONNECTORS = {"VÀ": "và", "-": "-", "–": "–"}

# Administrative units: lower case in a sentence, followed by a place name whose words
# are each capitalised ("tỉnh Quảng Trị", "huyện Đắk Glei").
LOCALITIES = {
    "TỈNH": "tỉnh",
    "THÀNH PHỐ": "thành phố",
    "HUYỆN": "huyện",
    "QUẬN": "quận",
    "THỊ XÃ": "thị xã",
    "XÃ": "xã",
    "PHƯỜNG": "phường",
    "THỊ TRẤN": "thị trấn",
}


def _prefix(words: list[str], table: dict[str, str]) -> tuple[str, int] | None:
    """The longest entry of `table` the words start with, and how many words it takes."""
    for size in (4, 3, 2, 1):
        key = " ".join(words[:size])
        if len(words) >= size and key in table:
            return table[key], size
    return None


def _place(words: list[str]) -> str:
    return " ".join(w[:1] + w[1:].lower() for w in words)


def _fields(words: list[str]) -> str | None:
    """Known fields of work joined by "và" or "-"; None if any part is unknown."""
    out: list[str] = []
    segment: list[str] = []
    for word in [*words, ""]:
        if word and word not in CONNECTORS:
            segment.append(word)
            continue
        known = _FIELDS.get(" ".join(segment))
        if known is None:
            return None
        out.append(known)
        if word:
            out.append(CONNECTORS[word])
        segment = []
    return " ".join(out)


def sentence_name(name: str) -> str | None:
    """The agency's name as it reads in a sentence, or None when it cannot be derived."""
    if name != name.upper():
        return name  # already written in sentence case by the officer
    words = name.split()
    kind = _prefix(words, KINDS)
    if kind is None:
        return None
    text, used = kind
    rest = words[used:]
    # fields of work, then perhaps a locality and its place name ("XÃ HỘI" is a field)
    for split in range(len(rest) + 1):
        fields = _fields(rest[:split]) if split else ""
        if fields is None:
            continue
        if split == len(rest):
            return " ".join(p for p in (text, fields) if p)
        unit = _prefix(rest[split:], LOCALITIES)
        if unit is None or split + unit[1] >= len(rest):
            continue
        place = _place(rest[split + unit[1] :])
        return " ".join(p for p in (text, fields, unit[0], place) if p)
    return None


def agency_in_sentence(plan: Plan) -> str:
    """`short_name`, else the derived name, else the name as written (validation warns)."""
    return plan.agency.short_name or sentence_name(plan.agency.name) or plan.agency.name


def _locality(name: str) -> tuple[str, str] | None:
    """('tỉnh', 'Quảng Trị') from a body named in capitals, 'UBND TỈNH QUẢNG TRỊ'."""
    words = name.upper().split()
    for start in range(len(words)):
        unit = _prefix(words[start:], LOCALITIES)
        if words[start : start + 2] == ["XÃ", "HỘI"]:  # the field of work "Xã hội"
            continue
        if unit is not None and start + unit[1] < len(words):
            return unit[0], _place(words[start + unit[1] :])
    return None


def agency_with_locality(plan: Plan) -> str:
    """The agency as a reader of a roll-up of several provinces names it: 'Ban Dân tộc tỉnh
    Quảng Trị', 'Phòng Dân tộc huyện Đăk Glei' (the locality read from the parent body when
    the agency's own name does not hold one), else the name and the place of the plan."""
    name = agency_in_sentence(plan)
    if _locality(name) is not None:
        return name
    found = _locality(plan.agency.parent or "")
    if found is None:
        return f"{name} ({plan.place})"
    unit, place = found
    if name.lower().endswith(f" {unit}"):  # "Phòng Dân tộc huyện" + "Đăk Glei"
        return f"{name} {place}"
    return f"{name} {unit} {place}"


def check_agency_short_name(plan: Plan, profile: Profile) -> Iterable[Finding]:
    if plan.agency.short_name is None and sentence_name(plan.agency.name) is None:
        yield warning("agency-short-name", ("agency", "name"), name=plan.agency.name)
