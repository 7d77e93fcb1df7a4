"""Seeded generator of large, valid cap135 plans (schema v1) for the benchmark.

    python bench/generate.py --groups 2000 --tours 100 --seed 1 -o big.yaml

The same arguments always give the same bytes. Text is realistic Vietnamese drawn from word
lists (districts, communes, lesson titles, trainee descriptions); groups mix a counted form
(``classes: 4`` with one size, venue and schedule) and a listed form (each class with its own
size, venue and dates inside the plan year); tours have destinations. Periods fit the days and
classes stay within 100 trainees, so the plan checks without warnings other than the
unverified-rates one, and the funding ceiling is set above any budget the plan can reach.
"""

from __future__ import annotations

import argparse
import calendar
import json
import random
import sys
from datetime import date
from pathlib import Path
from typing import Any

import yaml

PROVINCES = (
    # (province, its provincial city, districts)
    ("Quảng Trị", "Đông Hà", ("Hướng Hóa", "Đakrông", "Gio Linh", "Vĩnh Linh", "Cam Lộ", "Triệu Phong")),
    ("Sóc Trăng", "Sóc Trăng", ("Châu Thành", "Long Phú", "Trần Đề", "Mỹ Tú", "Thạnh Trị", "Kế Sách")),
    ("Kon Tum", "Kon Tum", ("Đắk Glei", "Ngọc Hồi", "Đắk Tô", "Kon Plông", "Sa Thầy", "Tu Mơ Rông")),
    ("Lào Cai", "Lào Cai", ("Bát Xát", "Mường Khương", "Si Ma Cai", "Bắc Hà", "Bảo Thắng", "Văn Bàn")),
    ("Hà Giang", "Hà Giang", ("Đồng Văn", "Mèo Vạc", "Yên Minh", "Quản Bạ", "Hoàng Su Phì", "Xín Mần")),
    ("Điện Biên", "Điện Biên Phủ", ("Mường Nhé", "Mường Chà", "Tủa Chùa", "Tuần Giáo", "Điện Biên Đông")),
    ("Gia Lai", "Pleiku", ("Kbang", "Đak Đoa", "Chư Păh", "Ia Grai", "Mang Yang", "Kông Chro")),
    ("Nghệ An", "Vinh", ("Kỳ Sơn", "Tương Dương", "Con Cuông", "Quế Phong", "Quỳ Châu", "Anh Sơn")),
    ("Trà Vinh", "Trà Vinh", ("Càng Long", "Cầu Kè", "Tiểu Cần", "Trà Cú", "Cầu Ngang", "Duyên Hải")),
    ("Cao Bằng", "Cao Bằng", ("Bảo Lạc", "Bảo Lâm", "Hà Quảng", "Trùng Khánh", "Hạ Lang", "Nguyên Bình")),
)
TOWNS = ("Vĩnh Châu", "Ngã Năm", "Sa Pa", "Mường Lay", "Cửa Lò", "Hoàng Mai", "An Khê", "Ayun Pa")
COMMUNE_PARTS = (
    "A Ngo",
    "A Bung",
    "Hướng Lập",
    "Hướng Phùng",
    "Tà Long",
    "Ba Nang",
    "Húc Nghì",
    "Mường Phăng",
    "Pú Nhi",
    "Nậm Kè",
    "Lũng Cú",
    "Sủng Là",
    "Phố Cáo",
    "Xín Cái",
    "Đắk Choong",
    "Xốp",
    "Mường Hoong",
    "Ngọc Linh",
    "Đắk Long",
    "Ia Khươl",
    "Hà Tây",
    "Lơ Pang",
    "Tri Lễ",
    "Nậm Cắn",
    "Mường Lống",
    "Hòa Tú",
    "Lai Hòa",
    "Vĩnh Hiệp",
    "Long Hưng",
    "Phú Tâm",
    "Tham Đôn",
    "Đại Ân",
    "Lịch Hội Thượng",
    "Thạch Lâm",
    "Quang Trung",
    "Kim Cúc",
    "Đình Phùng",
    "Cô Ba",
    "Yên Thổ",
    "Thông Nông",
    "Cần Yên",
)
COMMUNE_PREFIX = ("xã", "xã", "xã", "thị trấn", "trung tâm cụm xã")
ETHNIC = (
    "Vân Kiều",
    "Pa Kô",
    "Khmer",
    "Xơ Đăng",
    "Giẻ Triêng",
    "H'Mông",
    "Dao",
    "Tày",
    "Nùng",
    "Thái",
    "Gia Rai",
    "Ba Na",
    "Khơ Mú",
    "Lô Lô",
)
TOPICS = (
    "Quy trình lập kế hoạch phát triển kinh tế - xã hội có sự tham gia của cộng đồng",
    "Quản lý, vận hành và bảo trì công trình cơ sở hạ tầng",
    "Giám sát đầu tư của cộng đồng",
    "Thực hiện gói thầu giao cho cộng đồng thi công theo cơ chế đặc thù",
    "Phát triển sản xuất, đa dạng hóa sinh kế",
    "Liên kết sản xuất theo chuỗi giá trị",
    "Quản lý, bảo vệ và phát triển rừng",
    "Kỹ thuật chăn nuôi gia súc, gia cầm",
    "Trồng trọt và chăm sóc cây ăn quả",
    "Chính sách dân tộc của Đảng và Nhà nước",
    "Bình đẳng giới và phòng, chống bạo lực gia đình",
    "Phòng, chống tảo hôn và hôn nhân cận huyết thống",
    "Chuyển đổi số và ứng dụng công nghệ thông tin ở cơ sở",
    "Quản lý tài chính, thanh quyết toán nguồn vốn sự nghiệp",
    "Xây dựng mô hình du lịch cộng đồng",
    "Bảo tồn văn hóa truyền thống các dân tộc",
    "Phòng, chống thiên tai và biến đổi khí hậu",
    "Vệ sinh môi trường, nước sạch nông thôn",
)
ASPECTS = (
    "",
    " ở cấp xã",
    " ở thôn, bản đặc biệt khó khăn",
    ": kinh nghiệm và bài học",
    " cho đồng bào dân tộc {ethnic}",
    " trên địa bàn huyện {district}",
    " gắn với xây dựng nông thôn mới",
    ": thực hành theo nhóm",
)
CADRE_ROLES = (
    "Phó Chủ tịch UBND xã",
    "công chức Địa chính - Xây dựng",
    "công chức Văn phòng - Thống kê",
    "công chức Tài chính - Kế toán",
    "Chủ tịch Hội Nông dân xã",
    "Chủ tịch Hội Liên hiệp Phụ nữ xã",
    "Bí thư Đoàn Thanh niên xã",
    "Phó chỉ huy trưởng quân sự xã",
    "cán bộ phụ trách đài truyền thanh",
    "Ban Quản lý các dự án xã",
    "cán bộ các phòng, ban cấp huyện",
    "cán bộ Phòng Dân tộc huyện",
)
COMMUNITY_ROLES = (
    "Trưởng thôn, bản",
    "Bí thư chi bộ thôn",
    "Trưởng ban Công tác Mặt trận thôn",
    "người có uy tín",
    "Ban giám sát đầu tư của cộng đồng",
    "hộ nghèo, hộ cận nghèo",
    "thanh niên dân tộc {ethnic}",
    "phụ nữ dân tộc {ethnic}",
    "tổ trưởng tổ hợp tác",
    "chi hội trưởng các đoàn thể",
)
SPEAKERS = (
    ("Báo cáo viên của đơn vị đào tạo trong nước.", "expert"),
    ("Cán bộ Ban Dân tộc và mời các Sở, ban ngành.", "provincial"),
    ("Lãnh đạo Ban Dân tộc tỉnh.", "senior_leader"),
    ("Cán bộ Phòng Dân tộc huyện {district}.", "local"),
    ("Giảng viên Trường Chính trị tỉnh.", "provincial"),
    ("Chuyên gia của Viện Khoa học Nông nghiệp.", "expert"),
)
GRADES = ("central_leader", "senior_leader", "expert", "provincial", "local")
DESTINATIONS = (
    ("các tỉnh phía Nam", "province"),
    ("các tỉnh Tây Nguyên", "province"),
    ("thành phố Đà Lạt", "city"),
    ("thành phố Hà Nội", "city"),
    ("thành phố Hồ Chí Minh", "city"),
    ("các tỉnh miền núi phía Bắc", "district"),
    ("huyện Mộc Châu, tỉnh Sơn La", "district"),
    ("thị xã Sa Pa, tỉnh Lào Cai", "province"),
    ("huyện Nam Đông, tỉnh Thừa Thiên Huế", "district"),
)
MODELS = (
    "mô hình phát triển sản xuất theo chuỗi giá trị",
    "mô hình du lịch cộng đồng",
    "mô hình hợp tác xã nông nghiệp kiểu mới",
    "mô hình trồng dược liệu dưới tán rừng",
    "mô hình nuôi trồng thủy sản",
    "cách làm hay trong giảm nghèo bền vững",
)
FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ", "Đặng", "Bùi", "Hồ", "Lò", "Hà", "Y")
MIDDLE = ("Văn", "Thị", "Đức", "Khắc", "Minh", "Quang", "Thanh", "Hữu")
GIVEN = ("Quyền", "Trung", "Hùng", "Lan", "Hương", "Dũng", "Thắng", "Bình", "Sơn", "Hà", "Nam", "Tuấn")

# Upper bounds of the national rates (đồng), used only to set a ceiling no budget can pass.
_MAX_PER_TRAINEE = 50_000 + 30_000 + 100_000
_MAX_PER_TRAINEE_DAY = 40_000 + 150_000
_MAX_NIGHT = 450_000
_MAX_SESSION = 2_000_000
_MAX_CLASS_DAY = 2_500_000 + 300_000
_MAX_CLASS = 1_500_000
_MAX_TOUR_DAY = 3_000_000
_PERIODS_PER_DAY = 8  # the national table's check value: keep lessons inside the days


_FLOW_WIDTH = 110  # a mapping this short or shorter is written on one line, as officers do


def _flat_len(value: Any) -> int:
    """A rough length of `value` written in flow style (long or nested lists count as long)."""
    if isinstance(value, dict):
        return sum(len(str(k)) + 2 + _flat_len(v) + 2 for k, v in value.items()) + 2
    if isinstance(value, list):
        return 10**6
    return len(str(value))


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """Block lists; short mappings in flow style ({from: …, to: …}), like the shipped plans."""


def _represent_dict(dumper: yaml.SafeDumper, data: dict) -> yaml.Node:
    flow = _flat_len(data) <= _FLOW_WIDTH
    return dumper.represent_mapping("tag:yaml.org,2002:map", data, flow_style=flow)


def _represent_list(dumper: yaml.SafeDumper, data: list) -> yaml.Node:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=False)


_Dumper.add_representer(dict, _represent_dict)
_Dumper.add_representer(list, _represent_list)


def _fill(rng: random.Random, text: str, district: str) -> str:
    return text.format(ethnic=rng.choice(ETHNIC), district=district)


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def _schedule(rng: random.Random, year: int, days: int, by_day: float) -> dict[str, Any]:
    """A schedule inside the year: in days (a class of `days` days) or in months (`2022-05`)."""
    if rng.random() < by_day:
        month = rng.randint(1, 12)
        last = calendar.monthrange(year, month)[1]
        day = rng.randint(1, last - days + 1)
        return {"from": date(year, month, day), "to": date(year, month, day + days - 1)}
    start = rng.randint(1, 11)
    end = min(12, start + rng.randint(0, 2))
    return {"from": f"{year}-{start:02d}", "to": f"{year}-{end:02d}"}


def _venue(rng: random.Random, city: str, districts: tuple[str, ...]) -> dict[str, str]:
    level = rng.choice(("province", "district", "district", "commune", "commune"))
    if level == "province":
        return {"name": f"thành phố {city}", "level": "province"}
    if level == "district":
        if rng.random() < 0.2:
            return {"name": f"thị xã {rng.choice(TOWNS)}", "level": "district"}
        return {"name": f"huyện {rng.choice(districts)}", "level": "district"}
    commune = f"{rng.choice(COMMUNE_PREFIX)} {rng.choice(COMMUNE_PARTS)}"
    return {"name": f"{commune}, huyện {rng.choice(districts)}", "level": "commune"}


def _lessons(rng: random.Random, days: int, district: str) -> list[dict[str, Any]]:
    budget = days * _PERIODS_PER_DAY
    count = rng.randint(1, min(5, budget // 2))
    topics = rng.sample(TOPICS, count)
    lessons = []
    for i, topic in enumerate(topics):
        remaining = budget - sum(x["periods"] for x in lessons)
        left_after = count - i - 1
        periods = rng.randint(1, max(1, min(10, remaining - 2 * left_after)))
        lesson: dict[str, Any] = {"title": topic + _fill(rng, rng.choice(ASPECTS), district)}
        lesson["periods"] = periods
        if rng.random() < 0.15:
            lesson["grade"] = rng.choice(GRADES)
        lessons.append(lesson)
    return lessons


def _group_bound(group: dict[str, Any]) -> int:
    """An upper bound of what one group can cost at the national rates."""
    days = group["days"]
    nights = max(days - 1, 0)
    periods = sum(x["periods"] for x in group["lessons"])
    sessions = len(group["lessons"]) + periods  # ≥ ceil per grade, whatever periods per session
    classes = group["classes"]
    sizes = [group["class_size"]] * classes if isinstance(classes, int) else [c["size"] for c in classes]
    total = 0
    for size in sizes:
        total += size * (_MAX_PER_TRAINEE + days * _MAX_PER_TRAINEE_DAY + nights * _MAX_NIGHT)
        total += sessions * _MAX_SESSION + days * _MAX_CLASS_DAY + nights * _MAX_NIGHT + _MAX_CLASS
    return total


def _group(rng: random.Random, index: int, year: int, city: str, districts: tuple[str, ...]) -> dict:
    audience = "cadres" if rng.random() < 0.45 else "community"
    district = rng.choice(districts)
    roles = CADRE_ROLES if audience == "cadres" else COMMUNITY_ROLES
    picked = [_fill(rng, r, district) for r in rng.sample(roles, rng.randint(2, 5))]
    place = f"các xã đặc biệt khó khăn huyện {district}"
    trainees = f"Gồm {'; '.join(picked)} ở {place}."
    if audience == "cadres":
        name = f"Lớp bồi dưỡng cán bộ cơ sở huyện {district} (nhóm {index + 1})"
    else:
        name = f"Lớp tập huấn cho cộng đồng huyện {district} (nhóm {index + 1})"
    days = rng.randint(1, 4)
    speaker_text, grade = rng.choice(SPEAKERS)
    group: dict[str, Any] = {
        "id": f"nhom-{index + 1:05d}",
        "name": name,
        "audience": audience,
        "trainees": trainees,
    }
    listed = rng.random() < 0.5
    if listed:
        group["days"] = days
        if rng.random() < 0.4:  # a group-wide venue that some classes override
            group["venue"] = _venue(rng, city, districts)
        classes = []
        for _ in range(rng.randint(2, 6)):
            spec: dict[str, Any] = {"size": rng.randint(25, 100)}
            if "venue" not in group or rng.random() < 0.5:
                spec["venue"] = _venue(rng, city, districts)
            spec["schedule"] = _schedule(rng, year, days, by_day=0.8)
            classes.append(spec)
        group["classes"] = classes
    else:
        group["classes"] = rng.randint(1, 8)
        group["class_size"] = rng.randint(30, 100)
        group["days"] = days
        group["schedule"] = _schedule(rng, year, days, by_day=0.2)
        group["venue"] = _venue(rng, city, districts)
    if audience == "cadres":
        group["meals"] = rng.random() < 0.5
    elif rng.random() < 0.1:
        group["meals"] = False
    if rng.random() < 0.3:
        group["lodging"] = True
    if rng.random() < 0.3:
        group["travel"] = True
    speakers: dict[str, Any] = {"text": speaker_text.format(district=district), "grade": grade}
    if rng.random() < 0.1:
        speakers["travel"] = rng.random() < 0.5
    group["speakers"] = speakers
    group["lessons"] = _lessons(rng, days, district)
    return group


def _tour(rng: random.Random, index: int, year: int, agency: str) -> dict[str, Any]:
    destination, level = rng.choice(DESTINATIONS)
    model = rng.choice(MODELS)
    tour: dict[str, Any] = {
        "id": f"doan-{index + 1:04d}",
        "name": f"Tham quan, học tập kinh nghiệm tại {destination}",
        "description": f"Bố trí học viên chủ chốt, tích cực đi học tập {model} tại {destination}.",
        "trainees": rng.randint(10, 40),
        "staff": rng.randint(0, 6),
        "staff_label": f"cán bộ thuộc {agency}",
        "days": rng.randint(2, 8),
        "destination": {"name": destination, "level": level},
    }
    if rng.random() < 0.7:
        tour["schedule"] = _schedule(rng, year, tour["days"], by_day=0.5)
    return tour


def _tour_bound(tour: dict[str, Any]) -> int:
    people = tour["trainees"] + tour["staff"]
    days = tour["days"]
    return people * (days * 300_000 + max(days - 1, 0) * _MAX_NIGHT) + days * _MAX_TOUR_DAY


def generate(groups: int, tours: int, seed: int, year: int | None = None) -> dict[str, Any]:
    """The plan as plain data; equal arguments give equal data."""
    rng = random.Random(seed)
    province, city, districts = rng.choice(PROVINCES)
    year = year if year is not None else rng.randint(2019, 2024)
    agency = "Ban Dân tộc"
    group_list = [_group(rng, i, year, city, districts) for i in range(groups)]
    tour_list = [_tour(rng, i, year, agency) for i in range(tours)]
    management = rng.random() < 0.5
    bound = sum(map(_group_bound, group_list)) + sum(map(_tour_bound, tour_list))
    bound = bound * 104 // 100  # management and dự phòng at most a few percent
    ceiling = -(-bound // 1_000_000_000) * 1_000_000_000  # whole tỷ đồng, rounded up
    return {
        "version": 1,
        "year": year,
        "number": rng.randint(10, 999),
        "date": date(year, rng.randint(1, 4), rng.randint(1, 28)),
        "agency": {
            "parent": f"UBND TỈNH {province.upper()}",
            "name": "BAN DÂN TỘC",
            "short_name": agency,
            "code": "BDT",
        },
        "place": province,
        "title": (
            "Đào tạo, bồi dưỡng nâng cao năng lực cho cộng đồng và cán bộ cơ sở vùng đồng bào "
            f"dân tộc thiểu số và miền núi tỉnh {province} năm {year}"
        ),
        "legal_basis": [
            "Quyết định số 1719/QĐ-TTg ngày 14/10/2021 của Thủ tướng Chính phủ phê duyệt Chương trình "
            "mục tiêu quốc gia phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi",
            "Thông tư số 36/2018/TT-BTC ngày 30/3/2018 của Bộ Tài chính hướng dẫn việc lập dự toán, "
            "quản lý, sử dụng và quyết toán kinh phí dành cho công tác đào tạo, bồi dưỡng",
            f"Quyết định số {rng.randint(100, 3999)}/QĐ-UBND ngày {rng.randint(1, 28)}/12/{year - 1} "
            f"của UBND tỉnh {province} giao dự toán năm {year}",
        ],
        "purposes": [
            "Nâng cao năng lực quản lý, chuyên môn cho đội ngũ cán bộ cơ sở.",
            "Nâng cao nhận thức của cộng đồng về chủ trương, chính sách của Đảng, Nhà nước.",
        ],
        "requirements": ["Đúng đối tượng, thiết thực, phù hợp với đặc điểm của đồng bào dân tộc thiểu số."],
        "funding": {
            "ceiling": ceiling,
            "source": f"ngân sách Trung ương thực hiện Chương trình mục tiêu quốc gia năm {year}",
        },
        "management": management,
        "groups": group_list,
        "tours": tour_list,
        "organization": [
            "Giao phòng Chính sách - Tuyên truyền chủ trì, phối hợp với các đơn vị liên quan "
            "triển khai thực hiện kế hoạch./."
        ],
        "signer": {"authority": "KT. TRƯỞNG BAN", "position": "PHÓ TRƯỞNG BAN", "name": _person(rng)},
        "recipients": ["Ủy ban Dân tộc (b/c)", f"UBND tỉnh {province} (b/c)", "Lưu: VT, CSTT"],
    }


def dump(plan: dict[str, Any], head: str) -> str:
    body = yaml.dump(
        plan,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        width=10**6,  # one line per text, never folded
    )
    return head + body


def header(groups: int, tours: int, seed: int, year: int | None = None) -> str:
    return (
        f"# Generated by bench/generate.py --groups {groups} --tours {tours} --seed {seed}"
        + (f" --year {year}" if year is not None else "")
        + "\n# Synthetic benchmark plan: realistic text, not a real province's plan.\n"
    )


def plan_text(groups: int, tours: int, seed: int, year: int | None = None) -> str:
    """The plan file's text; equal arguments give equal text."""
    return dump(generate(groups, tours, seed, year), header(groups, tours, seed, year))


def write_plan(path: Path, groups: int, tours: int, seed: int, year: int | None = None) -> Path:
    text = plan_text(groups, tours, seed, year)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
    return path


def stats(path: Path) -> dict[str, int]:
    """Size of a plan file: bytes, groups, classes, tours."""
    data = yaml.load(path.read_bytes(), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    groups = data.get("groups") or []
    classes = sum(len(g["classes"]) if isinstance(g["classes"], list) else g["classes"] for g in groups)
    tours = len(data.get("tours") or [])
    return {"bytes": path.stat().st_size, "groups": len(groups), "classes": classes, "tours": tours}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--groups", type=int, help="number of trainee groups")
    parser.add_argument("--tours", type=int, default=0, help="number of study tours")
    parser.add_argument("--seed", type=int, default=1, help="random seed (same seed, same file)")
    parser.add_argument("--year", type=int, default=None, help="plan year (default: from the seed)")
    parser.add_argument("-o", "--output", type=Path, default=None, help="output file (default: stdout)")
    parser.add_argument(
        "--stats", type=Path, default=None, metavar="PLAN", help="print the size of PLAN as JSON and exit"
    )
    args = parser.parse_args(argv)
    if args.stats is not None:
        print(json.dumps(stats(args.stats)))
        return 0
    if args.groups is None:
        parser.error("--groups is required")
    if args.groups < 0 or args.tours < 0:
        parser.error("--groups and --tours must be ≥ 0")
    if args.output is None:
        sys.stdout.write(plan_text(args.groups, args.tours, args.seed, args.year))
        return 0
    write_plan(args.output, args.groups, args.tours, args.seed, args.year)
    return 0


if __name__ == "__main__":
    sys.exit(main())
