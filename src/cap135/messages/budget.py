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
        "định mức '{key}' dùng nhiều đơn vị ({units}); mỗi khóa chỉ có một đơn vị",
        "rate '{key}' mixes units {units}; a key has one unit",
    ),
    "table-unit-differs": (
        "định mức '{key}' có đơn vị '{unit}' nhưng bảng được kế thừa ('{parent}') dùng '{parent_unit}'",
        "rate '{key}' has unit '{unit}' but the table it extends ('{parent}') uses '{parent_unit}'",
    ),
    "table-bad-name": (
        "'{key}' không phải tên hợp lệ: các từ chữ thường a-z, 0-9 và '_', nối bằng dấu '.'",
        "'{key}' is not a valid name: lower-case words of a-z, 0-9 and '_', joined by '.'",
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
        "các phiên bản của '{key}' chồng lên nhau: {first} và {second}",
        "versions of '{key}' overlap: {first} and {second}",
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
        "--vary '{text}' sai cú pháp; cần NHÓM.TRƯỜNG=NHỎ..LỚN, ví dụ: cong-dong.classes=8..12",
        "--vary '{text}' is malformed; expected GROUP.FIELD=MIN..MAX, e.g. cong-dong.classes=8..12",
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
        "nhóm '{target}' liệt kê từng lớp nên không thể thay đổi '{field}'; để thay đổi, viết "
        "classes: N cùng class_size cho nhóm",
        "group '{target}' lists its classes one by one, so its '{field}' cannot vary; to vary it, "
        "write classes: N with a class_size for the group",
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
        "dự toán dùng {count} mức tạm tính mà bảng định mức của tỉnh phải đặt: {keys}",
        "the estimate uses {count} provisional amounts the province's rate table must set: {keys}",
    ),
    "rates-provisional.hint": (
        "ghi các mức đó theo nghị quyết HĐND, quyết định UBND tỉnh vào bảng định mức của tỉnh "
        "(extends: [national]) rồi đặt rates: <tệp> trong kế hoạch; xem 'cap135 rates --unverified'",
        "record them, as the province's HĐND resolution or UBND decision sets them, in a provincial "
        "rate table (extends: [national]) and name it in the plan's rates:; see 'cap135 rates --unverified'",
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
}
