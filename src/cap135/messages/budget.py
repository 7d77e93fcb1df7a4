"""Messages of the budget: rate tables, the dự toán's assumptions, `cap135 diff` and `cap135 fit`.

Each entry: code → (Vietnamese, English); a hint is the entry "<code>.hint".
"""

from __future__ import annotations

from collections.abc import Mapping

CATALOGUE: Mapping[str, tuple[str, str]] = {
    # --- assumptions of a dự toán (issue 10) ------------------------------------
    "assumptions-title": ("Các giả định của dự toán", "What the estimate assumes"),
    "assume-programme": (
        "Chương trình: {name}; định mức tài chính: {basis}.",
        "Programme: {name}; finance rules: {basis}.",
    ),
    "assume-programme-unverified": (
        "Chương trình: {name}; định mức tài chính: {basis} (chưa kiểm chứng).",
        "Programme: {name}; finance rules: {basis} (not verified).",
    ),
    "assume-learners": (
        "{group}: học viên {payroll} ({why}); hỗ trợ học viên: {support}.",
        "{group}: learners {payroll} ({why}); learner support: {support}.",
    ),
    "assume-salaried": ("hưởng lương từ ngân sách nhà nước", "on a state payroll"),
    "assume-not-salaried": (
        "không hưởng lương từ ngân sách nhà nước",
        "not on a state payroll",
    ),
    "assume-default-community": ("mặc định với cộng đồng", "the default for the community"),
    "assume-default-cadres": ("mặc định với cán bộ", "the default for cadres"),
    "assume-by-plan": ("theo kế hoạch", "as the plan says"),
    "assume-by-default": ("theo mặc định", "by default"),
    "assume-support-meals": ("tiền ăn ({tiers}; {source})", "meals ({tiers}; {source})"),
    "assume-support-lodging": (
        "tiền nghỉ khi học ở tỉnh, số đêm = số ngày - 1 ({source})",
        "lodging at province-level classes, nights = days - 1 ({source})",
    ),
    "assume-support-travel": (
        "một lượt đi và về khi học ở tỉnh ({source})",
        "one round trip to province-level classes ({source})",
    ),
    "assume-support-none": ("không", "none"),
    "assume-tier-province": ("lớp tại thành phố thuộc tỉnh", "class in a provincial city"),
    "assume-tier-district": (
        "lớp ngoài thành phố thuộc tỉnh, không do xã tổ chức",
        "class outside the provincial city, not organised by a commune",
    ),
    "assume-tier-commune": ("lớp do xã tổ chức", "class organised by a commune"),
    "assume-sessions": (
        "{group}: {periods} tiết, {per_session} tiết/buổi: {paid} buổi giảng mỗi lớp.",
        "{group}: {periods} periods, {per_session} periods a session: {paid} sessions per class.",
    ),
    "assume-sessions-capped": (
        "{group}: {periods} tiết, {per_session} tiết/buổi cần {needed} buổi; tối đa {per_day} buổi/ngày × "
        "{days} ngày: trả {paid} buổi mỗi lớp.",
        "{group}: {periods} periods at {per_session} a session need {needed} sessions; at most {per_day} "
        "sessions a day × {days} days: {paid} sessions paid per class.",
    ),
    "assume-speakers-travel": (
        "{group}: báo cáo viên đi công tác ({why}): {days} ngày lưu trú, {nights} đêm nghỉ, "
        "một lượt tàu xe mỗi lớp.",
        "{group}: speakers travel ({why}): {days} days of per diem, {nights} nights, "
        "one round trip per class.",
    ),
    "assume-speakers-below-province": ("lớp dưới cấp tỉnh", "the class is below province level"),
    "assume-unverified": (
        "Mức chi chưa kiểm chứng với văn bản gốc, cần đối chiếu nghị quyết của tỉnh: {items}.",
        "Rates not verified against the legal text, to check against the province's resolution: {items}.",
    ),
    # problems inside a rate table file, shown after its path:line:col
    "table-not-mapping": (
        "bảng định mức phải là một ánh xạ có id, title, extends, profile và rates",
        "a rate table must be a mapping with id, title, extends, profile and rates",
    ),
    "table-bad-id": (
        "mã bảng '{id}' chỉ gồm chữ thường, chữ số, '.', '-' hoặc '_'",
        "table id '{id}' must be lower-case letters, digits, '.', '-' or '_'",
    ),
    "table-id-not-file-name": (
        "mã bảng có sẵn '{id}' khác tên tệp của nó",
        "shipped table id '{id}' differs from its file name",
    ),
    "table-extends-cycle": ("extends tạo thành vòng: {cycle}", "extends cycle: {cycle}"),
    "table-extends-missing": (
        "extends '{ref}': không có tệp ({path})",
        "extends '{ref}': no such file ({path})",
    ),
    "table-id-reused": (
        "mã bảng '{id}' đã được dùng bởi một bảng mà nó kế thừa (extends)",
        "table id '{id}' is already used by a table it extends",
    ),
    "table-mixed-units": (
        "định mức '{name}' dùng nhiều đơn vị ({units}); mỗi khóa chỉ có một đơn vị",
        "rate '{name}' mixes units {units}; a key has one unit",
    ),
    "table-unit-differs": (
        "định mức '{name}' có đơn vị '{unit}' nhưng bảng được kế thừa ('{parent}') dùng '{parent_unit}'",
        "rate '{name}' has unit '{unit}' but the table it extends ('{parent}') uses '{parent_unit}'",
    ),
    "table-bad-name": (
        "'{name}' không phải tên hợp lệ: các từ chữ thường a-z, 0-9 và '_', nối bằng dấu '.'",
        "'{name}' is not a valid name: lower-case words of a-z, 0-9 and '_', joined by '.'",
    ),
    "table-dates-reversed": (
        "ngày kết thúc 'to' ({to}) trước ngày bắt đầu 'from' ({start})",
        "'to' ({to}) is before 'from' ({start})",
    ),
    "table-bad-percent": (
        "mức theo phần trăm phải từ 0 đến 100, không phải {got}",
        "a percent amount must be between 0 and 100, got {got}",
    ),
    "table-versions-overlap": (
        "các phiên bản của '{name}' chồng lên nhau: {first} và {second}",
        "versions of '{name}' overlap: {first} and {second}",
    ),
    "rate-table-unusable": (
        "không dùng được '{ref}' làm bảng định mức: {reason}",
        "cannot use '{ref}' as a rate table: {reason}",
    ),
    # --- diff -------------------------------------------------------------------
    "diff-title": ("ĐIỀU CHỈNH KẾ HOẠCH: {old} → {new}", "PLAN CHANGES: {old} → {new}"),
    "diff-none": ("{old} → {new}: không có thay đổi", "{old} → {new}: no changes"),
    "diff-added": ("thêm", "added"),
    "diff-removed": ("bỏ", "removed"),
    "diff-changed": ("đổi", "changed"),
    "diff-col-what": ("Nội dung thay đổi", "What"),
    "diff-col-change": ("Thay đổi", "Change"),
    "diff-col-field": ("Chỉ tiêu", "Figure"),
    "diff-col-old": ("Cũ", "Old"),
    "diff-col-new": ("Mới", "New"),
    "diff-col-delta": ("Chênh lệch", "Difference"),
    "diff-groups": ("Nhóm đối tượng", "Groups"),
    "diff-tours": ("Các đoàn tham quan", "Study tour groups"),
    "diff-lines": ("Các khoản chi thay đổi", "Cost lines that moved"),
    "diff-totals": ("Tổng", "Totals"),
    "diff-field-name": ("tên", "name"),
    "diff-field-audience": ("đối tượng", "audience"),
    "diff-field-classes": ("số lớp", "classes"),
    "diff-field-trainees": ("lượt học viên", "trainees"),
    "diff-field-days": ("số ngày", "days"),
    "diff-field-periods": ("số tiết mỗi lớp", "periods per class"),
    "diff-field-staff": ("cán bộ đi cùng", "staff"),
    "diff-field-level": ("mức nơi đến", "destination level"),
    "diff-field-quantity": ("số lượng", "quantity"),
    "diff-field-rate": ("đơn giá", "rate"),
    "diff-field-amount": ("thành tiền", "amount"),
    "diff-field-total": ("tổng dự toán", "costed total"),
    "diff-field-ceiling": ("kinh phí được giao", "ceiling"),
    # --- fit (issue 15) ---------------------------------------------------------
    "fit-bad-vary": (
        "--vary '{text}' sai cú pháp; cần NHÓM.TRƯỜNG=NHỎ..LỚN hoặc NHÓM.K.TRƯỜNG=NHỎ..LỚN, ví dụ: "
        "cong-dong.classes=8..12",
        "--vary '{text}' is malformed; expected GROUP.FIELD=MIN..MAX or GROUP.K.FIELD=MIN..MAX, e.g. "
        "cong-dong.classes=8..12",
    ),
    "fit-no-vary": (
        "cần ít nhất một --vary NHÓM.TRƯỜNG=NHỎ..LỚN, ví dụ: --vary cong-dong.classes=8..12",
        "give at least one --vary GROUP.FIELD=MIN..MAX, e.g. --vary cong-dong.classes=8..12",
    ),
    "fit-unknown-target": (
        "không có nhóm hay đoàn tham quan '{target}'; các mã có trong kế hoạch: {choices}",
        "no group or tour '{target}'; the plan's ids: {choices}",
    ),
    "fit-unknown-field": (
        "không thể thay đổi '{field}' của '{target}'; chọn một trong: {choices}",
        "'{field}' of '{target}' cannot be varied; choose one of: {choices}",
    ),
    "fit-listed-classes": (
        "nhóm '{target}' liệt kê từng lớp nên không có '{field}'; thay đổi số lớp bằng --vary "
        "{target}.K.count=… (lớp thứ K trong danh sách, từ 1), sĩ số bằng --vary {target}.size=… "
        "(mọi lớp) hoặc {target}.K.size=…",
        "group '{target}' lists its classes one by one, so it has no '{field}'; vary the classes with "
        "--vary {target}.K.count=… (its K-th listed class, from 1), their size with --vary "
        "{target}.size=… (every class) or {target}.K.size=…",
    ),
    "fit-min-over-max": (
        "{name}={low}..{high}: giá trị nhỏ nhất lớn hơn giá trị lớn nhất",
        "{name}={low}..{high}: the minimum is greater than the maximum",
    ),
    "fit-out-of-range": (
        "{name}: các giá trị phải từ 1 đến {limit}",
        "{name}: the values must be between 1 and {limit}",
    ),
    "fit-duplicate": ("{name} được nêu hai lần trong --vary", "{name} is given twice in --vary"),
    "fit-too-many": (
        "quá nhiều tổ hợp ({count}, giới hạn {limit}); thu hẹp các khoảng --vary",
        "too many combinations ({count}, limit {limit}); narrow the --vary ranges",
    ),
    "fit-too-many-evaluations": (
        "cần tính dự toán quá {limit} lần; thu hẹp các khoảng --vary",
        "more than {limit} costings would be needed; narrow the --vary ranges",
    ),
    "fit-bad-top": (
        "--top phải từ 1 đến {limit}, nhận được {top}",
        "--top must be between 1 and {limit}, got {top}",
    ),
    "fit-no-ceiling": (
        "kế hoạch chưa có kinh phí được giao nên không có mức để khớp dự toán",
        "the plan has no ceiling to fit the dự toán to",
    ),
    "fit-no-ceiling.hint": (
        "thêm funding.ceiling, ví dụ: funding: {{ceiling: 1251000000, source: …}}",
        "add funding.ceiling, e.g. funding: {{ceiling: 1251000000, source: …}}",
    ),
    "fit-no-option": (
        "không có tổ hợp nào trong kinh phí được giao {ceiling} đồng; tổng nhỏ nhất là {lowest} "
        "đồng (vượt {over} đồng)",
        "no combination fits the ceiling {ceiling} đồng; the smallest total is {lowest} đồng "
        "({over} đồng over)",
    ),
    "fit-no-option.hint": (
        "hạ giá trị nhỏ nhất của các khoảng --vary, hoặc thay đổi thêm nhóm khác",
        "lower the minimums of the --vary ranges, or vary other groups too",
    ),
    "fit-no-valid-option": (
        "các tổ hợp trong kinh phí được giao {ceiling} đồng đều làm kế hoạch có lỗi (đã thử {count}, "
        "ví dụ lớp vượt quy mô tối đa, số tiết không đủ ngày)",
        "every combination within the ceiling {ceiling} đồng makes the plan invalid ({count} tried, "
        "e.g. a class above the maximum size, periods that do not fit the days)",
    ),
    "fit-no-valid-option.hint": (
        "chạy 'cap135 validate' trên kế hoạch đã sửa để xem lỗi, rồi thu hẹp các khoảng --vary",
        "run 'cap135 validate' on an edited plan to see the errors, then narrow the --vary ranges",
    ),
    "fit-cannot-edit": (
        "không ghi được kế hoạch mới: giá trị {path} không phải một số viết trực tiếp trong tệp "
        "(bí danh YAML, khóa gộp…)",
        "cannot write the new plan: the value {path} is not a number written in place in the file "
        "(a YAML alias, a merge key…)",
    ),
    "fit-title": (
        "KHỚP DỰ TOÁN: kinh phí được giao {ceiling} đồng, dự toán hiện tại {total} đồng, "
        "{combinations} tổ hợp",
        "FIT: ceiling {ceiling} đồng, current total {total} đồng, {combinations} combinations",
    ),
    "fit-col-changes": ("Số liệu thay đổi", "Figures changed"),
    "fit-col-total": ("Tổng dự toán (đồng)", "Total (đồng)"),
    "fit-col-headroom": ("Còn lại (đồng)", "Headroom (đồng)"),
    # --- fit on a workbook plan (issue 23) ----------------------------------------------
    "fit-write-workbook": (
        "fit --write không sửa bảng tính (.xlsx) để không làm mất định dạng, ghi chú hay trang "
        "riêng của bạn; hãy ghi ra tệp YAML, ví dụ: --write kehoach-fit.yaml, rồi "
        "'cap135 convert kehoach-fit.yaml -o kehoach-fit.xlsx' nếu cần bảng tính",
        "fit --write does not rewrite a workbook (.xlsx), so that none of its formats, notes or "
        "your own sheets is lost; write a YAML file, e.g. --write plan-fit.yaml, then "
        "'cap135 convert plan-fit.yaml -o plan-fit.xlsx' if you need a workbook",
    ),
    # --- issue 20: provenance of rates, provisional amounts, the plan content of the signed document ---
    "table-verified-no-source": (
        "mức đã kiểm chứng (verified: true) phải ghi nguồn: source với where (nơi đã đọc) và quote "
        "(câu đã đọc có số tiền)",
        "a verified value (verified: true) needs its source: source with where (where it was read) "
        "and quote (the sentence read, holding the amount)",
    ),
    "table-quote-no-value": (
        "câu trích (source.quote) không có số {value} viết như văn bản viết (ví dụ 2.000.000, 2 triệu, "
        "300 nghìn): chưa thể coi là đã kiểm chứng",
        "the quote (source.quote) does not hold {value} as a text writes it (e.g. 2.000.000, 2 triệu, "
        "300 nghìn): it cannot count as verified",
    ),
    "rates-provisional": (
        "mức {key} ({item}) là mức tạm tính mà bảng định mức của tỉnh phải đặt: {rate} ({basis})",
        "the rate {key} ({item}) is a provisional amount the province's rate table must set: {rate} "
        "({basis})",
    ),
    "rates-provisional.hint": (
        "mức tạm tính không phải mức của văn bản: ghi mức nghị quyết HĐND, quyết định UBND tỉnh đặt "
        "theo khóa của nó vào bảng định mức của tỉnh (cap135 init --rates dinhmuc.yaml) và đặt "
        "rates: dinhmuc.yaml trong kế hoạch",
        "a provisional amount is no text's amount: record the amount the province's HĐND resolution "
        "or UBND decision sets, under its key, in the provincial rate table (cap135 init --rates "
        "dinhmuc.yaml) and set rates: dinhmuc.yaml in the plan",
    ),
    "assume-programme-no-finance": (
        "Chương trình: {name}; văn bản hướng dẫn tài chính riêng của chương trình chưa tìm thấy: dự toán "
        "theo các định mức chung (đào tạo, công tác phí, hội nghị) và bảng định mức của tỉnh.",
        "Programme: {name}; a finance circular of its own was not found: the estimate follows the general "
        "rates (training, work trips, conferences) and the province's rate table.",
    ),
    "content-notes-title": ("Ghi chú:", "Notes:"),
    "content-learners": (
        "{group}: học viên {payroll}; hỗ trợ {support}.",
        "{group}: learners {payroll}; {support}.",
    ),
    "content-learners-none": (
        "{group}: học viên {payroll}, không có khoản hỗ trợ học viên.",
        "{group}: learners {payroll}, no learner support.",
    ),
    "content-support-meals": ("tiền ăn", "meals"),
    "content-support-lodging": (
        "tiền nghỉ tính cho số ngày học trừ một đêm",
        "lodging for the days of the class less one night",
    ),
    "content-support-travel": ("một lượt đi và về", "one round trip"),
    "content-sessions": (
        "{group}: {periods} tiết, {per_session} tiết/buổi, {paid} buổi giảng mỗi lớp.",
        "{group}: {periods} periods, {per_session} periods a session, {paid} sessions per class.",
    ),
    "content-speakers-travel": (
        "{group}: báo cáo viên đi công tác {days} ngày, nghỉ {nights} đêm, một lượt tàu xe mỗi lớp.",
        "{group}: speakers travel {days} days, {nights} nights, one round trip per class.",
    ),
    # --- issue 24: the province's own rates: names of rate keys, units, table findings ---------
    "unit-session": ("buổi", "session"),
    "unit-trainee": ("người", "trainee"),
    "unit-person_day": ("người/ngày", "person/day"),
    "unit-person_night": ("người/đêm", "person/night"),
    "unit-class": ("lớp", "class"),
    "unit-class_day": ("lớp/ngày", "class/day"),
    "unit-day": ("ngày", "day"),
    "unit-percent": ("%", "%"),
    "rate-or": ("{a} hoặc {b}", "{a} or {b}"),
    "rate-when-grade": ("{values}", "{values}"),
    "rate-when-venue": ("lớp ở {values}", "classes at {values}"),
    "rate-when-organiser": ("do {values} tổ chức", "organised by {values}"),
    "rate-when-destination": ("nơi đến: {values}", "destination: {values}"),
    "rate-grade-central_leader": ("nhóm 1", "group 1"),
    "rate-grade-senior_leader": ("nhóm 2", "group 2"),
    "rate-grade-expert": ("nhóm 3", "group 3"),
    "rate-grade-provincial": ("nhóm 4, cấp tỉnh", "group 4, province level"),
    "rate-grade-local": ("nhóm 5, cấp huyện và xã", "group 5, district and commune level"),
    "rate-venue-province": ("tỉnh", "province level"),
    "rate-venue-district": ("huyện", "district level"),
    "rate-venue-commune": ("xã", "commune level"),
    "rate-organiser-province": ("cấp tỉnh", "the province"),
    "rate-organiser-district": ("cấp huyện", "a district"),
    "rate-organiser-commune": ("cấp xã", "a commune"),
    "rate-destination-city": (
        "quận, thành phố thuộc thành phố trực thuộc Trung ương, thành phố loại I thuộc tỉnh",
        "an urban district of a centrally-run city, or a type-I provincial city",
    ),
    "rate-destination-province": ("thành phố, thị xã thuộc tỉnh", "a provincial city or town"),
    "rate-destination-district": ("vùng còn lại", "elsewhere"),
    "rate-unused": ("không khoản chi nào dùng", "used by no cost item"),
    "table-bad-date": (
        "cần một ngày viết YYYY-MM-DD (ví dụ 2025-05-04), nhận được '{got}'",
        "expected a day written YYYY-MM-DD (e.g. 2025-05-04), got '{got}'",
    ),
    "table-bad-date.hint": (
        "ghi ngày nghị quyết, quyết định có hiệu lực, không có giờ: năm-tháng-ngày, đủ hai chữ số",
        "write the day the resolution or decision takes effect, without a time: year-month-day, "
        "two digits each",
    ),
    "table-bad-unit": (
        "đơn vị '{got}' không có; các đơn vị: session (buổi), trainee (người), person_day "
        "(người/ngày), person_night (người/đêm), class (lớp), class_day (lớp/ngày), day (ngày), "
        "percent (%)",
        "no unit '{got}'; the units: session, trainee, person_day, person_night, class, class_day, "
        "day, percent",
    ),
    "table-bad-unit.hint": (
        "một khóa giữ đơn vị của bảng quốc gia (xem 'cap135 rates national')",
        "a key keeps the unit of the national table (see 'cap135 rates national')",
    ),
    "table-unknown-rate": (
        "không có định mức '{name}' trong bảng được kế thừa và không khoản chi nào dùng nó: mức "
        "này sẽ không được tính (các khóa: 'cap135 rates national')",
        "no rate '{name}' in the tables it extends and no cost item uses it: it would never be used "
        "(the keys: 'cap135 rates national')",
    ),
    "table-unknown-rate.hint": (
        "có phải ý bạn là định mức '{suggestion}'?",
        "did you mean the rate '{suggestion}'?",
    ),
    "table-unknown-profile": (
        "không có tham số '{name}'; các tham số: periods_per_session, sessions_per_day, "
        "periods_per_day, max_class_size",
        "no parameter '{name}'; the parameters: periods_per_session, sessions_per_day, "
        "periods_per_day, max_class_size",
    ),
    "table-unknown-profile.hint": (
        "có phải ý bạn là tham số '{suggestion}'?",
        "did you mean the parameter '{suggestion}'?",
    ),
    "table-extends-broken": (
        "bảng được kế thừa '{ref}' có {count} lỗi (liệt kê sau các lỗi của tệp này)",
        "the table it extends, '{ref}', has {count} problem(s) (listed after those of this file)",
    ),
    "table-versions-overlap.hint": (
        "phiên bản trước phải kết thúc (to:) trước ngày phiên bản sau bắt đầu (from:); phiên bản "
        "không có to: áp dụng mãi",
        "the earlier version must end (to:) before the later one starts (from:); a version "
        "without to: never ends",
    ),
    "table-unit-differs.hint": (
        "giữ đơn vị '{parent_unit}': số tiền tính theo đơn vị đó",
        "keep the unit '{parent_unit}': the amount is per that unit",
    ),
    "table-mixed-units.hint": (
        "mọi phiên bản của một khóa dùng cùng một đơn vị",
        "every version of a key has the same unit",
    ),
    "table-bad-name.hint": (
        "viết khóa như bảng quốc gia, ví dụ meal_support.commune (xem 'cap135 rates national')",
        "write the key as the national table does, e.g. meal_support.commune (see 'cap135 rates national')",
    ),
    "table-bad-id.hint": (
        "mã bảng là chữ thường không dấu, số và gạch nối",
        "an id is lower-case letters without accents, digits and dashes",
    ),
    "table-extends-missing.hint": (
        "đường dẫn tính từ thư mục của tệp này; bảng có sẵn ghi bằng tên: extends: [national]",
        "a path is relative to this file's folder; a shipped table is named by its id: extends: [national]",
    ),
    "table-not-mapping.hint": (
        "tạo bảng mẫu của tỉnh bằng 'cap135 init --rates dinhmuc.yaml'",
        "write a provincial starter table with 'cap135 init --rates dinhmuc.yaml'",
    ),
    "table-verified-no-source.hint": (
        "ghi nơi đã đọc và câu có số tiền; chưa đọc được văn bản thì ghi verified: false",
        "give where it was read and the sentence holding the amount; not read yet: verified: false",
    ),
    "table-quote-no-value.hint": (
        "chép nguyên văn câu có số tiền, hoặc ghi verified: false",
        "copy the sentence holding the amount word for word, or write verified: false",
    ),
    "table-dates-reversed.hint": (
        "from: là ngày bắt đầu áp dụng, to: là ngày cuối cùng áp dụng",
        "from: is the first day it applies, to: the last",
    ),
    "rate-table-errors": (
        "bảng định mức {file} có {count} lỗi (liệt kê bên dưới); kế hoạch chưa tính được dự toán",
        "the rate table {file} has {count} problem(s) (listed below); the plan cannot be costed",
    ),
    "rate-table-errors.hint": (
        "sửa bảng rồi kiểm tra riêng bằng 'cap135 rates {file}'",
        "fix the table, then check it alone with 'cap135 rates {file}'",
    ),
    "rate-table-count": ("{file}: {count} lỗi", "{file}: {count} problem(s)"),
    # --- issue 24: fit on listed classes, --max, what each option changes -------------------
    "fit-not-listed": (
        "nhóm '{target}' ghi số lớp (classes: N), không liệt kê từng lớp: dùng {target}.classes, "
        "{target}.class_size hoặc {target}.days",
        "group '{target}' gives a class count (classes: N), not a list of classes: use "
        "{target}.classes, {target}.class_size or {target}.days",
    ),
    "fit-no-such-class": (
        "nhóm '{target}' có {count} lớp trong danh sách, không có lớp thứ {nth}",
        "group '{target}' lists {count} classes, there is no class {nth}",
    ),
    "fit-counted-size": (
        "nhóm '{target}' ghi số lớp (classes: N): sĩ số mỗi lớp là {target}.class_size",
        "group '{target}' gives a class count (classes: N): its class size is {target}.class_size",
    ),
    "fit-overlap": (
        "{first} và {second} cùng đặt sĩ số của một lớp; chỉ giữ một",
        "{first} and {second} both set the size of one class; keep one",
    ),
    "fit-bad-max": (
        "--max '{text}' sai cú pháp; cần NHÓM=N (N từ 1 trở lên), ví dụ: --max cong-dong=900",
        "--max '{text}' is malformed; expected GROUP=N (N at least 1), e.g. --max cong-dong=900",
    ),
    "fit-max-unknown-group": (
        "--max: không có nhóm '{target}'; các nhóm: {choices}",
        "--max: no group '{target}'; the groups: {choices}",
    ),
    "fit-max-below-plan": (
        "nhóm '{group}' đã có {trainees} học viên trong kế hoạch, vượt --max {limit}; thêm --vary "
        "cho nhóm này",
        "group '{group}' already has {trainees} trainees in the plan, over --max {limit}; add a "
        "--vary for it",
    ),
    "fit-max-excludes-all": (
        "mọi giá trị --vary của nhóm '{group}' cho hơn {limit} học viên (--max)",
        "every --vary value of group '{group}' gives more than {limit} trainees (--max)",
    ),
    "fit-max-excludes-all-groups": (
        "mọi tổ hợp --vary vượt --max của một nhóm",
        "every --vary combination passes a group's --max",
    ),
    "fit-col-effects": ("Thay đổi so với kế hoạch", "Against the plan"),
    "fit-effect-group": (
        "{entity}: {classes} lớp, {trainees} học viên, {days} ngày/lớp",
        "{entity}: {classes} classes, {trainees} trainees, {days} days a class",
    ),
    "fit-effect-tour": (
        "{entity}: {trainees} học viên, {days} ngày",
        "{entity}: {trainees} trainees, {days} days",
    ),
    "fit-doubled": (
        "⚠ học viên gấp {times} lần kế hoạch",
        "⚠ trainees {times} times the plan's",
    ),
    "fit-various": ("({low}–{high})", "({low}–{high})"),
}
