"""`cap135 init`: a commented starter plan that validates as written.

The comments are Vietnamese (the officer's language) and explain each field, the traps of
YAML in Vietnamese text, and money as whole đồng. Only the agency, the year and the place
are asked for; everything else is an example to edit.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from cap135.messages import Lang, message
from cap135.plan.programmes import programme_for

CODE = re.compile(r"^[A-ZĐ0-9][A-ZĐ0-9.-]{0,19}$")  # as model.Agency.code
MIN_YEAR, MAX_YEAR = 2000, 2100


# The provincial agency for ethnic affairs: the Ban Dân tộc until 2025, the Sở Dân tộc và Tôn
# giáo from the 2025 reorganisation (plans for 2026 onwards start from it).
REORGANISED_FROM = 2026
AGENCIES = {
    False: ("BAN DÂN TỘC", "Ban Dân tộc", "BDT", "TRƯỞNG BAN"),
    True: ("SỞ DÂN TỘC VÀ TÔN GIÁO", "Sở Dân tộc và Tôn giáo", "SDTTG", "GIÁM ĐỐC"),
}


@dataclass(frozen=True)
class StarterValues:
    parent: str = "UBND TỈNH [TÊN TỈNH]"
    name: str = ""  # "": the agency of the year's structure
    code: str = ""
    year: int = 0  # 0: the current year
    place: str = "[Địa danh]"

    def resolved(self) -> StarterValues:
        values = self if self.year else replace(self, year=default_year(date.today()))
        name, _short, code, _signer = AGENCIES[values.year >= REORGANISED_FROM]
        return replace(values, name=values.name or name, code=values.code or code)

    @property
    def reorganised(self) -> bool:
        return self.resolved().year >= REORGANISED_FROM


NEXT_YEAR_FROM_MONTH = 10  # plans are written in the autumn for the year ahead


def default_year(today: date) -> int:
    """The year a new plan is most likely for: next year from October on, else this year."""
    return today.year + 1 if today.month >= NEXT_YEAR_FROM_MONTH else today.year


def parse_year(answer: str) -> int | None:
    """A year typed at the prompt (digits, spaces around allowed); None if it is not one."""
    text = answer.strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 6 else None


def interactive() -> bool:
    """Ask questions only when a person sits at the terminal."""
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def ask(
    values: StarterValues,
    lang: Lang,
    prompt: Callable[..., object],
    echo: Callable[[str], object],
) -> StarterValues:
    """Prompt for the agency, year and place (defaults shown); re-ask until each is valid."""
    values = values.resolved()

    def text(code: str, default: str, check: Callable[[str], str | None] | None = None) -> str:
        while True:
            answer = str(prompt(message(code, lang), default=default)).strip()
            problem = message("init-empty", lang) if not answer else (check(answer) if check else None)
            if problem is None:
                return answer
            echo(problem)

    def code_problem(answer: str) -> str | None:
        return None if CODE.match(answer) else message("init-bad-code", lang)

    while True:
        # read as text and parsed here: click's own integer check answers in English
        year = parse_year(str(prompt(message("init-ask-year", lang), default=str(values.year))))
        if year is None:
            echo(message("init-year-not-number", lang, {"example": values.year}))
        elif MIN_YEAR <= year <= MAX_YEAR:
            break
        else:
            echo(message("init-bad-year", lang))
    values = replace(values, year=year, name="", code="").resolved()  # the agency of that year
    parent = text("init-ask-parent", values.parent)
    name = text("init-ask-name", values.name)
    code = text("init-ask-code", values.code, lambda a: code_problem(a.upper())).upper()
    place = text("init-ask-place", values.place)
    return StarterValues(parent=parent, name=name, code=code, year=year, place=place)


def _q(value: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


# Căn cứ every starter ends with: the province's own decisions, to fill in.
PROVINCE_RATES = (
    "Nghị quyết số …/…/NQ-HĐND ngày …/…/… của HĐND tỉnh quy định nội dung, mức chi thực hiện "
    "Chương trình mục tiêu quốc gia trên địa bàn tỉnh"
)
BUDGET_DECISION = "Quyết định số …/QĐ-UBND ngày …/…/… của UBND tỉnh về việc giao dự toán ngân sách năm {year}"


def legal_basis(year: int) -> list[str]:
    """The căn cứ a starter of `year` offers: its programme's bases, then the province's own."""
    programme = programme_for(year)
    bases = list(programme.bases) if programme is not None else []
    if bases:  # a programme with known bases: the province's resolution on its spending levels
        bases.append(PROVINCE_RATES)
    return [*bases, BUDGET_DECISION.format(year=year)]


def legal_basis_lines(year: int) -> str:
    return "".join(f"  - {_q(line)}\n" for line in legal_basis(year))


def starter_text(values: StarterValues) -> str:
    v = values.resolved()
    y = v.year
    _name, short, _code, signer = AGENCIES[v.reorganised]
    if v.reorganised:
        title = f"Nâng cao năng lực cho cộng đồng và cán bộ cơ sở vùng đồng bào dân tộc thiểu số năm {y}"
        levels = "tỉnh | xã (từ 01/7/2025 không còn cấp huyện)"
        destinations = "thành phố | tỉnh"
    else:
        title = f"Thực hiện Tiểu dự án 3: Nâng cao năng lực cho cộng đồng và cán bộ cơ sở năm {y}"
        levels = "tỉnh | huyện | xã"
        destinations = "thành phố | tỉnh | huyện"
    return TEMPLATE.format(
        legal_basis=legal_basis_lines(y),
        parent=_q(v.parent),
        name=_q(v.name),
        short=short,
        code=_q(v.code),
        year=y,
        place=_q(v.place),
        title=_q(title),
        levels=levels,
        destinations=destinations,
        signer=signer,
    )


TEMPLATE = """\
# Kế hoạch bồi dưỡng, nâng cao năng lực — tệp mẫu do `cap135 init` tạo.
# Sửa các giá trị theo kế hoạch của cơ quan, rồi chạy:
#     cap135 validate TỆP.yaml      kiểm tra (báo mọi lỗi cùng lúc, có dòng và cột)
#     cap135 cost TỆP.yaml          dự toán kinh phí
#     cap135 render TỆP.yaml -o kehoach.docx
#
# Vài điều cần nhớ khi viết YAML:
# - Thụt lề bằng dấu cách (không dùng phím Tab); các khóa (version, year, …) giữ nguyên tiếng Anh.
# - Đoạn văn có dấu phẩy nằm trong cặp ngoặc nhọn {{ … }} PHẢI đặt trong ngoặc kép:
#       speakers: {{text: "Cán bộ Ban Dân tộc và mời các Sở, ban ngành.", grade: nhóm 4}}
#   Nếu thiếu ngoặc kép, phần sau dấu phẩy ("ban ngành.") bị hiểu thành một khóa mới.
# - Các giá trị như yes, no, on, off hoặc ngày tháng (2020-05-01) đổi kiểu nếu không có ngoặc
#   kép; khi muốn ghi chúng như chữ, hãy đặt trong ngoặc kép.
# - Các lựa chọn cố định ghi bằng tiếng Việt (cán bộ, tỉnh, xã, có, không, …) hoặc tiếng Anh
#   (cadres, province, commune, true, false, …): hai cách ghi như nhau.
# - Số tiền ghi bằng số nguyên đồng, không có dấu chấm, dấu phẩy hay phần thập phân:
#   1251000000 (không viết 1.251.000.000 hay 1,251 tỷ).
# - Để trình soạn thảo (VS Code có tiện ích YAML) gợi ý các khóa: chạy
#   `cap135 schema -o plan.schema.json` rồi thêm ở dòng đầu tệp một dòng chú thích
#   yaml-language-server với $schema=plan.schema.json.

version: 1                      # phiên bản định dạng tệp; luôn là 1
# Năm kế hoạch; thời gian các lớp phải nằm trong năm này.
year: {year}
# Số và ngày ban hành (để trống: in "Số: …/KH-…" và "ngày … tháng … năm …" để điền tay):
# number: 15
# date: {year}-03-15
agency:
  # Cơ quan chủ quản (dòng trên của tiêu đề bên trái); xóa dòng nếu không có.
  parent: {parent}
  # Cơ quan ban hành, và tên viết thường dùng trong câu (không bắt buộc).
  name: {name}
  short_name: {short}
  level: tỉnh                   # cấp cơ quan tổ chức lớp: tỉnh | xã (xã tổ chức: mức ăn của xã)
  # Chữ viết tắt trong số ký hiệu: Số: …/KH-BDT
  code: {code}
# Địa danh ở đầu văn bản: "<địa danh>, ngày … tháng … năm …"
place: {place}
# Trích yếu nội dung kế hoạch.
title: {title}
legal_basis:                    # các căn cứ (mỗi căn cứ một dòng, trong ngoặc kép)
{legal_basis}purposes:                       # I.1 Mục đích
  - "Nâng cao năng lực quản lý, chuyên môn cho đội ngũ cán bộ cơ sở và nhận thức của cộng đồng."
requirements:                   # I.2 Yêu cầu
  - "Đúng đối tượng, thiết thực, phù hợp với tình hình thực tế của địa phương."
# rates: quang-tri-2020         # bảng định mức: tên bảng có sẵn (xem `cap135 rates`) hoặc
                                # đường dẫn tệp YAML của tỉnh; bỏ trống: bảng quốc gia (các mức
                                # tạm tính của bảng quốc gia: `cap135 rates --unverified`)
funding:
  ceiling: 300000000            # kinh phí được giao, số nguyên đồng (ba trăm triệu)
  source: "ngân sách Trung ương năm {year}"   # nguồn vốn, in ở mục III

groups:                         # II.1, II.2, …: các nhóm đối tượng
  - id: can-bo-co-so            # mã nhóm: chữ thường không dấu, số, gạch nối
    name: Đối với nhóm cán bộ cơ sở   # tiêu đề mục
    audience: cán bộ            # đối tượng: cán bộ | cộng đồng
    trainees: "Người hoạt động không chuyên trách ở xã, trưởng thôn."   # mục b. Đối tượng
    salaried: không             # có hưởng lương từ ngân sách? (công chức xã: có; không chuyên trách: không)
    classes: 2                  # số lớp; hoặc liệt kê từng lớp (xem nhóm dưới)
    class_size: 50              # số học viên mỗi lớp
    days: 2                     # số ngày mỗi lớp
    schedule: {{from: {year}-05, to: {year}-06}}   # tháng (YYYY-MM) hoặc ngày (YYYY-MM-DD)
    venue: {{name: trung tâm tỉnh, level: tỉnh}}   # level: {levels}
    speakers: {{text: "Cán bộ {short} và mời các sở, ngành.", grade: nhóm 4}}
    # grade: nhóm 1 | nhóm 2 | nhóm 3 | nhóm 4 (cán bộ cấp tỉnh) | nhóm 5 (cấp huyện, xã): mức thù lao
    # Hỗ trợ học viên không hưởng lương: mặc định tiền ăn; khi học ở tỉnh thêm tiền nghỉ và một
    # lượt đi lại. Ghi rõ để thay mặc định:
    # meals: có                 # hỗ trợ tiền ăn
    # lodging: có               # hỗ trợ tiền nghỉ
    # travel: có                # hỗ trợ tiền đi lại
    lessons:                    # mục e. Nội dung: chuyên đề và số tiết
      - {{title: "Quy trình lập kế hoạch có sự tham gia của cộng đồng", periods: 8}}
      - {{title: "Quản lý, giám sát công trình cơ sở hạ tầng", periods: 8}}

  - id: cong-dong
    name: Đối với nhóm cộng đồng
    audience: cộng đồng
    trainees: "Người dân, người có uy tín, cán bộ chi hội đoàn thể ở thôn."
    days: 1
    speakers: {{text: "Cán bộ {short}.", grade: nhóm 5}}
    classes:                    # từng lớp một: mỗi lớp có số học viên, địa điểm, thời gian riêng
      - size: 40
        venue: {{name: xã A, level: xã}}
        schedule: {{from: {year}-08-10, to: {year}-08-10}}
      - size: 45
        venue: {{name: xã B, level: xã}}
        schedule: {{from: {year}-08-12, to: {year}-08-12}}
    lessons:
      - {{title: "Vai trò của cộng đồng trong giám sát thực hiện Chương trình", periods: 4}}

tours:                          # tham quan, học tập kinh nghiệm (xóa nếu không có)
  - name: "Tham quan, học tập kinh nghiệm"
    trainees: 15                # số học viên
    staff: 3                    # số cán bộ đi cùng
    days: 4                     # số ngày, kể cả đi và về
    schedule: {{from: {year}-10, to: {year}-10}}
    destination: {{name: các tỉnh lân cận, level: tỉnh}}   # level: {destinations}
    # fare: 2500000             # giá vé tàu, xe khứ hồi mỗi người (đồng); không ghi: thuê xe theo ngày

organization:                   # IV. Tổ chức thực hiện
  - "Giao phòng chuyên môn chủ trì, phối hợp với các đơn vị liên quan triển khai thực hiện kế hoạch./."
signer: {{position: {signer}, name: "[Họ và tên]"}}   # authority: "KT. {signer}" nếu cấp phó ký
recipients:                     # Nơi nhận
  - "Lưu: VT."
"""
