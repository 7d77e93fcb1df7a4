"""The plan file, schema v1, as frozen pydantic models.

Field descriptions are Vietnamese: they become the JSON Schema an editor shows
while the officer types. Counts and money are strict integers: a float or a
text where a number belongs is an error, never a silent conversion.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    StrictBool,
    StrictInt,
    StringConstraints,
    Tag,
    WithJsonSchema,
    model_validator,
)

from cap135.plan import choices

MAX_MONEY = 10**15  # one nghìn tỷ đồng per figure is already absurd for a plan
MAX_COUNT = 1_000_000

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]{0,63}$")]
Count = Annotated[StrictInt, Field(gt=0, le=MAX_COUNT)]
Quantity = Annotated[StrictInt, Field(ge=0, le=MAX_COUNT * 1000)]
Money = Annotated[StrictInt, Field(ge=0, le=MAX_MONEY)]

# Fixed choices: the English value, or the Vietnamese word an officer writes (choices.py),
# which becomes the English value here, so that nothing downstream sees it.
VenueLevel = Annotated[
    Literal["province", "district", "commune"], choices.LEVEL.validator(), choices.LEVEL.json_schema()
]
AgencyLevel = VenueLevel
# Local government has two tiers (provinces and communes) from this day: districts are abolished.
DISTRICTS_ABOLISHED = date(2025, 7, 1)
DestinationLevel = Annotated[
    Literal["city", "province", "district"],
    choices.DESTINATION_LEVEL.validator(),
    choices.DESTINATION_LEVEL.json_schema(),
]
Audience = Annotated[
    Literal["cadres", "community"], choices.AUDIENCE.validator(), choices.AUDIENCE.json_schema()
]
SpeakerGrade = Annotated[
    Literal["central_leader", "senior_leader", "expert", "provincial", "local"],
    choices.SPEAKER_GRADE.validator(),
    choices.SPEAKER_GRADE.json_schema(),
]
# true/false, or có/không
YesNo = Annotated[StrictBool, choices.YES_NO_VALIDATOR, choices.YES_NO_SCHEMA]

_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_DAY = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


@dataclass(frozen=True, slots=True)
class Moment:
    """A month (`2020-05`) or a day (`2020-05-14`) as written in a schedule."""

    year: int
    month: int
    day: int | None = None

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, self.day or 1)

    @property
    def last_day(self) -> date:
        if self.day is not None:
            return date(self.year, self.month, self.day)
        return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    def __str__(self) -> str:
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


def _to_moment(value: Any) -> Moment:
    if isinstance(value, Moment):
        return value
    if isinstance(value, date):
        return Moment(value.year, value.month, value.day)
    if isinstance(value, str):
        text = value.strip()
        if m := _MONTH.match(text):
            year, month = int(m[1]), int(m[2])
            date(year, month, 1)  # raises ValueError for month 13
            return Moment(year, month)
        if m := _DAY.match(text):
            year, month, day = int(m[1]), int(m[2]), int(m[3])
            date(year, month, day)
            return Moment(year, month, day)
    raise ValueError("expected a month YYYY-MM or a day YYYY-MM-DD")


# In YAML an unquoted 2020-05-14 is a date, 2020-05 a string; an editor's JSON view sees both as text.
MOMENT_PATTERN = r"^[0-9]{4}-(0?[1-9]|1[0-2])(-(0?[1-9]|[12][0-9]|3[01]))?$"
PlanMoment = Annotated[
    Moment,
    BeforeValidator(_to_moment),
    WithJsonSchema({"type": "string", "pattern": MOMENT_PATTERN}),
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Schedule(_Model):
    """Thời gian thực hiện: từ tháng/ngày … đến tháng/ngày …"""

    start: PlanMoment = Field(alias="from", description="Bắt đầu: tháng (2020-05) hoặc ngày (2020-05-14)")
    end: PlanMoment = Field(alias="to", description="Kết thúc: tháng (2020-06) hoặc ngày (2020-06-30)")


class Agency(_Model):
    parent: Text | None = Field(
        default=None,
        description="Cơ quan chủ quản, ví dụ: UBND TỈNH QUẢNG TRỊ (để trống nếu không có)",
    )
    name: Text = Field(description="Cơ quan ban hành, ví dụ: BAN DÂN TỘC")
    short_name: Text | None = Field(
        default=None, description="Tên cơ quan viết thường trong câu, ví dụ: Ban Dân tộc"
    )
    code: Annotated[str, StringConstraints(pattern=r"^[A-ZĐ0-9][A-ZĐ0-9.-]{0,19}$")] = Field(
        description="Chữ viết tắt tên cơ quan trong số ký hiệu, ví dụ: BDT (Số: …/KH-BDT)"
    )
    level: AgencyLevel = Field(
        default="province",
        description="Cấp của cơ quan tổ chức lớp: tỉnh (province) | huyện (district, đến 30/6/2025) | "
        "xã (commune); lớp do xã tổ chức hưởng mức hỗ trợ tiền ăn của cuộc họp cấp xã",
    )


class Venue(_Model):
    name: Text = Field(description="Địa điểm tổ chức lớp, ví dụ: thành phố Đông Hà")
    level: VenueLevel = Field(
        description="Cấp địa điểm: tỉnh (province) | huyện (district, đến 30/6/2025) | xã (commune)"
    )


class Destination(_Model):
    name: Text = Field(description="Nơi đến tham quan, ví dụ: các tỉnh phía Nam")
    level: DestinationLevel = Field(
        description="Mức khoán phòng nghỉ: thành phố (city: quận thuộc TP trực thuộc TW, TP loại I) | "
        "tỉnh (province: thành phố thuộc tỉnh, thị xã) | huyện (district: vùng còn lại, đến 30/6/2025)"
    )


class Speakers(_Model):
    text: Text = Field(description="Báo cáo viên, như sẽ in trong kế hoạch")
    grade: SpeakerGrade = Field(
        default="provincial",
        description="Nhóm báo cáo viên theo mức thù lao: nhóm 1 (central_leader), nhóm 2 "
        "(senior_leader), nhóm 3 (expert), nhóm 4 (provincial: cán bộ cấp tỉnh), nhóm 5 (local: huyện, xã)",
    )
    travel: YesNo | None = Field(
        default=None,
        description="Báo cáo viên đi công tác đến lớp (phụ cấp lưu trú, phòng nghỉ); mặc định: "
        "có khi lớp ở huyện hoặc xã",
    )


class Lesson(_Model):
    title: Text = Field(description="Tên chuyên đề")
    periods: Count = Field(description="Số tiết")
    grade: SpeakerGrade | None = Field(
        default=None, description="Nhóm báo cáo viên của chuyên đề này, nếu khác nhóm chung của lớp"
    )


class ClassSpec(_Model):
    """Một lớp trong danh sách lớp; venue và schedule thay cho giá trị của nhóm."""

    size: Count = Field(description="Số học viên của lớp")
    venue: Venue | None = Field(default=None, description="Địa điểm riêng của lớp (thay cho venue của nhóm)")
    schedule: Schedule | None = Field(
        default=None, description="Thời gian riêng của lớp (thay cho schedule của nhóm)"
    )


class ExtraLine(_Model):
    """Một khoản chi không có trong quy tắc tính (nhập tay, có căn cứ)."""

    label: Text = Field(description="Nội dung chi")
    quantity: Quantity = Field(description="Số lượng")
    unit: Text = Field(description="Đơn vị tính, ví dụ: cái, gói, chuyến")
    amount: Money = Field(description="Đơn giá (đồng)")
    basis: Text = Field(description="Căn cứ pháp lý hoặc chứng từ")


Overrides = dict[Annotated[str, StringConstraints(pattern=r"^[a-z_]+$")], Quantity]


class _Costed(_Model):
    """What a group and a tour both say about their cost beyond the rules."""

    overrides: Overrides = Field(
        default_factory=dict, description="Số lượng thay cho số tính tự động, theo mã khoản chi"
    )
    extra_lines: list[ExtraLine] = Field(
        default_factory=list, description="Các khoản chi nhập tay của nhóm hoặc đoàn, có căn cứ"
    )


class Group(_Costed):
    """Một nhóm đối tượng (mục II.1, II.2, …)."""

    id: Id = Field(description="Mã nhóm, chữ thường không dấu, ví dụ: tuyen-truyen")
    name: Text = Field(description="Tên nhóm như tiêu đề mục, ví dụ: Đối với nhóm cộng đồng")
    audience: Audience = Field(description="Đối tượng: cán bộ (cadres) | cộng đồng (community)")
    trainees: Text = Field(description="Mô tả đối tượng học viên (mục b. Đối tượng)")
    classes: Annotated[
        Annotated[Count, Tag("~count")] | Annotated[list[ClassSpec], Field(min_length=1), Tag("~list")],
        Discriminator(lambda v: "~list" if isinstance(v, list) else "~count"),
    ] = Field(description="Số lớp (kèm class_size, venue, schedule của nhóm) hoặc danh sách từng lớp")
    class_size: Count | None = Field(default=None, description="Số học viên mỗi lớp")
    days: Count = Field(description="Số ngày mỗi lớp")
    schedule: Schedule | None = Field(
        default=None, description="Thời gian tổ chức các lớp (mục c. Thời gian)"
    )
    venue: Venue | None = Field(default=None, description="Địa điểm tổ chức các lớp (mục d. Địa điểm)")
    speakers: Speakers = Field(description="Báo cáo viên (mục g. Báo cáo viên)")
    lessons: list[Lesson] = Field(min_length=1, description="Các chuyên đề và số tiết")
    salaried: YesNo | None = Field(
        default=None,
        description="Học viên có trong danh sách trả lương của cơ quan nhà nước (công chức); mặc định: "
        "cộng đồng không, cán bộ có. Người hoạt động không chuyên trách ở xã, trưởng thôn: không (false)",
    )
    meals: YesNo | None = Field(
        default=None,
        description="Hỗ trợ tiền ăn cho học viên; mặc định: có khi học viên không hưởng lương",
    )
    lodging: YesNo | None = Field(
        default=None,
        description="Hỗ trợ tiền nghỉ cho học viên; mặc định: có khi học viên không hưởng lương "
        "và lớp học ở tỉnh",
    )
    travel: YesNo | None = Field(
        default=None,
        description="Hỗ trợ tiền đi lại (một lượt đi và về) cho học viên; mặc định: có khi học viên "
        "không hưởng lương và lớp học ở tỉnh",
    )

    @property
    def is_salaried(self) -> bool:
        """On a state payroll: the default follows the audience (cadres yes, community no)."""
        return self.audience == "cadres" if self.salaried is None else self.salaried


class Tour(_Costed):
    """Một đoàn tham quan, học tập kinh nghiệm."""

    id: Id | None = Field(default=None, description="Mã đoàn; mặc định tour-1, tour-2, …")
    name: Text = Field(description="Nội dung tham quan, học tập")
    trainees: Count = Field(description="Số học viên")
    staff: Annotated[StrictInt, Field(ge=0, le=MAX_COUNT)] = Field(default=0, description="Số cán bộ đi cùng")
    staff_label: Text = Field(
        default="cán bộ", description="Cách gọi cán bộ đi cùng, ví dụ: cán bộ thuộc Ban Dân tộc"
    )
    days: Count = Field(description="Số ngày, kể cả đi và về")
    destination: Destination = Field(description="Nơi đến tham quan, học tập")
    fare: Money | None = Field(
        default=None,
        description="Giá vé tàu, xe, máy bay khứ hồi mỗi người (đồng); không ghi thì tính thuê xe theo ngày",
    )
    schedule: Schedule | None = Field(default=None, description="Thời gian đi tham quan")
    description: Text | None = Field(default=None, description="Đoạn mô tả in trong kế hoạch")

    @property
    def people(self) -> int:
        return self.trainees + self.staff


class Funding(_Model):
    ceiling: Money | None = Field(default=None, description="Kinh phí được giao (đồng)")
    source: Text = Field(description="Nguồn vốn, như sẽ in trong mục III")


class Signer(_Model):
    authority: Text | None = Field(default=None, description="Thẩm quyền ký, ví dụ: KT. TRƯỞNG BAN")
    position: Text = Field(description="Chức vụ người ký, ví dụ: TRƯỞNG BAN")
    name: Text = Field(description="Họ và tên người ký")


class Plan(_Model):
    """Kế hoạch (schema v1)."""

    version: Literal[1] = Field(description="Phiên bản định dạng tệp kế hoạch")
    year: Annotated[StrictInt, Field(ge=2000, le=2100)] = Field(description="Năm kế hoạch")
    number: Annotated[StrictInt, Field(gt=0, le=99999)] | None = Field(
        default=None, description="Số văn bản (để trống nếu chưa cấp số)"
    )
    date: PlanMoment | None = Field(default=None, description="Ngày ban hành (YYYY-MM-DD)")
    agency: Agency = Field(description="Cơ quan ban hành kế hoạch")
    place: Text = Field(description="Địa danh ghi ở đầu văn bản, ví dụ: Quảng Trị")
    title: Text = Field(description="Trích yếu nội dung kế hoạch")
    legal_basis: list[Text] = Field(default_factory=list, description="Các căn cứ")
    intro: Text | None = Field(default=None, description="Câu dẫn trước mục I")
    purposes: list[Text] = Field(default_factory=list, description="Mục đích")
    requirements: list[Text] = Field(default_factory=list, description="Yêu cầu")
    rates: Text | None = Field(
        default=None, description="Bảng định mức: tên bảng có sẵn hoặc đường dẫn tệp YAML"
    )
    funding: Funding = Field(description="Kinh phí được giao và nguồn vốn (mục III)")
    management: YesNo = Field(
        default=False, description="Tính chi quản lý, dự phòng theo tỷ lệ trên tổng chi"
    )
    groups: list[Group] = Field(default_factory=list, description="Các nhóm đối tượng (mục II.1, II.2, …)")
    tours: list[Tour] = Field(default_factory=list, description="Các đoàn tham quan, học tập kinh nghiệm")
    organization: Annotated[
        list[Text],
        WithJsonSchema(
            {
                "anyOf": [
                    {"type": "string", "minLength": 1},
                    {"type": "array", "items": {"type": "string", "minLength": 1}},
                ]
            }
        ),
    ] = Field(default_factory=list, description="Tổ chức thực hiện (một đoạn hoặc danh sách)")
    signer: Signer = Field(description="Người ký")
    recipients: list[Text] = Field(default_factory=list, description="Nơi nhận")

    @model_validator(mode="before")
    @classmethod
    def _organization_as_list(cls, data: Any) -> Any:
        if isinstance(data, dict) and isinstance(data.get("organization"), str):
            data = {**data, "organization": [data["organization"]]}
        return data

    def tour_id(self, index: int) -> str:
        return self.tours[index].id or f"tour-{index + 1}"


@dataclass(frozen=True, slots=True)
class ClassRun:
    """A class of a group with the group's defaults applied, standing for `count` identical ones.

    A counted group (`classes: 9`) is one run of count 9, so its cost and its figures do not
    grow with the number of classes; listed classes are one run each.
    """

    group: Group
    index: int
    size: int
    venue: Venue
    schedule: Schedule
    count: int = 1


def class_runs(group: Group) -> list[ClassRun] | None:
    """The classes of a group, each fully specified; None when a value is missing."""
    if isinstance(group.classes, int):
        if group.class_size is None or group.venue is None or group.schedule is None:
            return None
        return [ClassRun(group, 0, group.class_size, group.venue, group.schedule, group.classes)]
    runs = []
    for i, spec in enumerate(group.classes):
        venue = spec.venue or group.venue
        schedule = spec.schedule or group.schedule
        if venue is None or schedule is None:
            return None
        runs.append(ClassRun(group, i, spec.size, venue, schedule))
    return runs


def class_count(group: Group) -> int:
    return group.classes if isinstance(group.classes, int) else len(group.classes)


def periods_per_class(group: Group) -> int:
    return sum(lesson.periods for lesson in group.lessons)
