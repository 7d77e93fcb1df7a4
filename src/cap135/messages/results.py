"""Messages of results files, `cap135 report` and the roll-ups of `cap135 summary`.

Each entry: code → (Vietnamese, English); a hint is the entry "<code>.hint".
"""

from __future__ import annotations

from collections.abc import Mapping

CATALOGUE: Mapping[str, tuple[str, str]] = {
    # --- summary ----------------------------------------------------------------
    "sum-title": ("TỔNG HỢP {count} KẾ HOẠCH", "SUMMARY OF {count} PLAN(S)"),
    "sum-sheet": ("Tổng hợp", "Summary"),
    "sum-plans": ("Kế hoạch: {files}", "Plans: {files}"),
    "sum-col-scope": ("Phạm vi", "Scope"),
    "sum-col-classes": ("Số lớp", "Classes"),
    "sum-col-trainees": ("Lượt học viên", "Trainees"),
    "sum-col-periods": ("Số tiết", "Periods"),
    "sum-col-tours": ("Đoàn tham quan", "Tours"),
    "sum-col-tour-people": ("Người đi tham quan", "Tour people"),
    "sum-col-ceiling": ("Kinh phí được giao (đồng)", "Ceiling (đồng)"),
    "sum-col-total": ("Dự toán (đồng)", "Costed total (đồng)"),
    "sum-row-overall": ("Tổng cộng", "Overall"),
    "sum-row-year": ("Năm {year}", "Year {year}"),
    "sum-row-province": ("Lớp tại tỉnh", "Province level"),
    "sum-row-district": ("Lớp tại huyện", "District level"),
    "sum-row-commune": ("Lớp tại xã", "Commune level"),
    "sum-row-cadres": ("Cán bộ", "Cadres"),
    "sum-row-community": ("Cộng đồng", "Community"),
    "sum-row-tours": ("Tham quan, học tập", "Study tours"),
    "sum-row-plan": ("Chi chung (quản lý, dự phòng)", "Plan-wide lines (management, contingency)"),
    "sum-by-year": ("Theo năm", "By year"),
    "sum-by-level": ("Theo cấp địa điểm", "By venue level"),
    "sum-by-audience": ("Theo đối tượng", "By audience"),
    "sum-skipped": (
        "{file}: kế hoạch có {errors} lỗi, không đưa vào tổng hợp; chạy 'cap135 validate {file}' "
        "để xem tất cả",
        "{file}: the plan has {errors} error(s) and is left out of the summary; run "
        "'cap135 validate {file}' to see them all",
    ),
    "sum-none": ("không có kế hoạch hợp lệ nào để tổng hợp", "no valid plan to summarise"),
    # --- results and report (issue 14) -----------------------------------------
    "results-bad-day": (
        "ngày không hợp lệ: {got}; cần một ngày YYYY-MM-DD",
        "not a valid day: {got}; expected a day YYYY-MM-DD",
    ),
    "results-plan-unreadable": (
        "không đọc được kế hoạch {plan}: {reason}",
        "cannot read the plan {plan}: {reason}",
    ),
    "results-plan-not-found": ("không tìm thấy kế hoạch {plan}", "the plan {plan} does not exist"),
    "results-plan-not-found.hint": (
        "'plan:' là đường dẫn tính từ thư mục của tệp kết quả",
        "'plan:' is a path relative to the folder of the results file",
    ),
    "results-plan-is-directory": (
        "{plan} là một thư mục, không phải tệp kế hoạch",
        "{plan} is a folder, not a plan file",
    ),
    "results-plan-permission": (
        "không có quyền đọc kế hoạch {plan}",
        "permission denied reading the plan {plan}",
    ),
    "results-plan-invalid": (
        "kế hoạch {plan} có {errors} lỗi; sửa kế hoạch trước",
        "the plan {plan} has {errors} error(s); fix the plan first",
    ),
    "results-plan-invalid.hint": (
        "chạy 'cap135 validate {plan}' để xem các lỗi",
        "run 'cap135 validate {plan}' to see them",
    ),
    "results-unknown-group": (
        "kế hoạch không có nhóm '{id}'",
        "the plan has no group '{id}'",
    ),
    "results-unknown-group.hint": (
        "có phải ý bạn là nhóm '{suggestion}'?",
        "did you mean the group '{suggestion}'?",
    ),
    "results-unknown-tour": (
        "kế hoạch không có đoàn tham quan '{id}'",
        "the plan has no tour '{id}'",
    ),
    "results-unknown-tour.hint": (
        "có phải ý bạn là đoàn '{suggestion}'?",
        "did you mean the tour '{suggestion}'?",
    ),
    "results-unknown-spent": (
        "kế hoạch không có nhóm hay đoàn tham quan '{id}'",
        "the plan has no group or tour '{id}'",
    ),
    "results-unknown-spent.hint": (
        "có phải ý bạn là mã '{suggestion}'?",
        "did you mean the id '{suggestion}'?",
    ),
    "results-span-reversed": (
        "ngày bắt đầu {start} sau ngày kết thúc {end}",
        "the start {start} is after the end {end}",
    ),
    "results-date-outside-year": (
        "ngày {day} nằm ngoài năm kế hoạch {year}",
        "the day {day} is outside the plan year {year}",
    ),
    "results-date-after-as-of": (
        "ngày {day} sau ngày chốt số liệu {as_of}",
        "the day {day} is after the cut-off date {as_of}",
    ),
    "results-women-above-attendees": (
        "số học viên nữ ({count}) lớn hơn số học viên tham dự ({attendees})",
        "women ({count}) exceed the attendees ({attendees})",
    ),
    "results-ethnic-minority-above-attendees": (
        "số học viên dân tộc thiểu số ({count}) lớn hơn số học viên tham dự ({attendees})",
        "ethnic minority attendees ({count}) exceed the attendees ({attendees})",
    ),
    "results-more-classes": (
        "nhóm '{id}' đã tổ chức nhiều lớp hơn kế hoạch ({planned} lớp)",
        "group '{id}' held more classes than planned ({planned})",
    ),
    "results-above-class-size": (
        "{attendees} học viên, nhiều hơn quy mô lớp trong kế hoạch ({size} học viên)",
        "{attendees} attendees, more than the planned class size ({size})",
    ),
    "results-more-tours": (
        "đoàn '{id}' được ghi nhiều lần; kế hoạch chỉ có một đoàn",
        "tour '{id}' is recorded more than once; the plan has one such tour",
    ),
    "results-above-tour-size": (
        "đoàn có {people} người, nhiều hơn kế hoạch ({planned} người)",
        "{people} people on the tour, more than planned ({planned})",
    ),
    "results-spent-above-budget": (
        "'{id}' đã chi {spent} đồng, vượt dự toán {budget} đồng",
        "'{id}' spent {spent} đồng, more than its budget of {budget} đồng",
    ),
    "results-spent-above-ceiling": (
        "tổng kinh phí đã chi {spent} đồng vượt kinh phí được giao {ceiling} đồng",
        "the total spent, {spent} đồng, exceeds the ceiling of {ceiling} đồng",
    ),
    "results-has-errors": (
        "{file}: tệp kết quả có lỗi; chạy 'cap135 validate {file}' để xem",
        "{file}: the results file has errors; run 'cap135 validate {file}' to see them",
    ),
    "results-not-results": (
        "{file} không phải tệp kết quả (thiếu khóa 'plan:'); 'cap135 report' cần tệp kết quả",
        "{file} is not a results file (it has no 'plan:' key); 'cap135 report' needs one",
    ),
    "sum-mixed": (
        "không thể tổng hợp lẫn kế hoạch và tệp kết quả trong một lệnh: {plans} là kế hoạch, "
        "{results} là tệp kết quả",
        "cannot sum plans and results files in one call: {plans} are plans, {results} are results files",
    ),
    "sum-results-title": ("TỔNG HỢP KẾT QUẢ {count} KẾ HOẠCH", "RESULTS OF {count} PLAN(S)"),
    "sum-results-sheet": ("Kết quả", "Results"),
    "sum-col-budget": ("Dự toán kế hoạch (đồng)", "Planned budget (đồng)"),
    "sum-results-plans": ("Kế hoạch: {plans}", "Plans: {plans}"),
    "sum-col-spent": ("Đã giải ngân (đồng)", "Spent (đồng)"),
    "report-pdf-needs-output": (
        "--pdf cần -o TỆP.docx: PDF được ghi cạnh văn bản BÁO CÁO",
        "--pdf needs -o FILE.docx: the PDF is written beside the BÁO CÁO document",
    ),
    "init-results-next": (
        "tiếp theo: ghi các lớp đã tổ chức và kinh phí đã chi, rồi chạy 'cap135 validate {path}'",
        "next: record the classes held and the money spent, then run 'cap135 validate {path}'",
    ),
    "report-title": ("KẾT QUẢ THỰC HIỆN SO VỚI KẾ HOẠCH — {plan}", "PLAN AGAINST ACTUAL — {plan}"),
    "report-col-classes-planned": ("Số lớp kế hoạch", "Classes planned"),
    "report-col-classes-held": ("Số lớp đã tổ chức", "Classes held"),
    "report-col-attendees": ("Học viên", "Attendees"),
    "report-col-women": ("Nữ", "Women"),
    "report-col-ethnic-minority": ("Dân tộc thiểu số", "Ethnic minority"),
    "report-col-tours-planned": ("Đoàn kế hoạch", "Tours planned"),
    "report-col-tours-held": ("Đoàn đã đi", "Tours held"),
    "report-col-disbursement-rate": ("Tỷ lệ giải ngân", "Disbursement rate"),
    "report-by-group": ("Theo nhóm, đoàn", "By group and tour"),
    "report-as-of": ("Số liệu đến ngày {day}", "Figures as of {day}"),
    "help-report": (
        "Báo cáo kết quả thực hiện so với kế hoạch: bảng, json, csv, xlsx hoặc văn bản BÁO CÁO (.docx).",
        "Report plan against actual: a table, json, csv, xlsx, or the BÁO CÁO document (.docx).",
    ),
    "help-report-results": ("Tệp kết quả (có khóa 'plan:').", "The results file (with a 'plan:' key)."),
    "help-report-output": (
        "Tệp ghi ra: .docx cho văn bản BÁO CÁO; tệp json, csv, xlsx với --format.",
        "Output file: .docx for the BÁO CÁO document; a json, csv or xlsx file with --format.",
    ),
    "help-report-template": (
        "Mẫu Word (.docx) thay cho mẫu báo cáo có sẵn.",
        "A Word template (.docx) instead of the built-in report template.",
    ),
    "help-report-pdf": (
        "Xuất thêm PDF bằng LibreOffice (cạnh tệp .docx).",
        "Also write a PDF through LibreOffice (beside the .docx).",
    ),
    "help-init-results": (
        "Tạo tệp kết quả mẫu từ kế hoạch này (thay cho kế hoạch mẫu).",
        "Write a starter results file from this plan (instead of a starter plan).",
    ),
    # --- issue 25: the BÁO CÁO handed in as it comes out --------------------------------
    "results-outside-schedule": (
        "lớp của nhóm '{id}' học ngày {day}, ngoài thời gian kế hoạch của nhóm: {months}",
        "a class of group '{id}' held on {day}, outside the group's planned months: {months}",
    ),
    "results-outside-schedule.hint": (
        "kiểm tra ngày học; nếu kế hoạch đã điều chỉnh thời gian, nêu lý do trong phần đánh giá",
        "check the day; if the plan's timing changed, say why in the assessment",
    ),
    "report-assessment-missing": (
        "báo cáo chưa có phần đánh giá ({sections})",
        "the report has no assessment ({sections})",
    ),
    "report-assessment-missing.hint": (
        "thêm 'assessment:' với achievements, shortcomings, recommendations (mỗi mục một danh sách "
        "đoạn văn); 'cap135 init --results' ghi sẵn khung này",
        "add 'assessment:' with achievements, shortcomings and recommendations (each a list of "
        "paragraphs); 'cap135 init --results' writes the frame",
    ),
    "report-section-missing": (
        "phần đánh giá chưa có mục {section} ('{key}')",
        "the assessment has no {section} ('{key}')",
    ),
    "results-placeholder-left": (
        "còn chỗ trống của tệp kết quả mẫu: {text}",
        "a placeholder of the starter results file is left: {text}",
    ),
    "results-placeholder-left.hint": (
        "thay {text} bằng nội dung thật trước khi in báo cáo",
        "replace {text} with the real text before printing the report",
    ),
    "report-placeholder-left": (
        "còn chỗ trống chưa điền: {text}",
        "a placeholder is left to fill: {text}",
    ),
    "report-placeholder-left.hint": (
        "thay bằng nội dung thật (một hoặc nhiều đoạn văn)",
        "replace it with the real text (one or more paragraphs)",
    ),
    "report-not-final": (
        "{file}: báo cáo chưa đủ để ban hành ({count}); điền các mục trên, hoặc dùng --draft để "
        "in bản dự thảo",
        "{file}: the report is not ready to sign ({count}); fill in the above, or use --draft for "
        "a draft copy",
    ),
    "report-draft-needs-document": (
        "--draft cần -o TỆP.docx: bản dự thảo là văn bản BÁO CÁO",
        "--draft needs -o FILE.docx: the draft is the BÁO CÁO document",
    ),
    "sum-by-plan": ("Theo kế hoạch", "By plan"),
    "sum-row-plan-of": ("{agency}, năm {year}", "{agency}, {year}"),
    "sum-note-ceiling": (
        "Tổng kinh phí được giao của {count} kế hoạch",
        "Sum of the allocations of the {count} plan(s)",
    ),
    "sum-note-ceiling-some": (
        "Tổng kinh phí được giao của {given}/{count} kế hoạch có kinh phí được giao",
        "Sum of the allocations of the {given} of {count} plans that have one",
    ),
    "sum-note-total": (
        "Tổng dự toán của {count} kế hoạch",
        "Sum of the costed totals of the {count} plan(s)",
    ),
    "report-held-sheet": ("Các lớp đã tổ chức", "List of classes held"),
    "report-held-title": ("DANH SÁCH CÁC LỚP ĐÃ TỔ CHỨC — {plan}", "CLASSES HELD — {plan}"),
    "report-held-total": ("Tổng cộng: {count} lớp", "Total: {count} classes"),
    "report-col-when": ("Thời gian", "Date"),
    "report-col-group": ("Nhóm học viên", "Group"),
    "report-col-venue": ("Địa điểm", "Venue"),
    "count-gaps": ("{count} chỗ", "{count} gaps"),
    "count-gaps.one": ("{count} chỗ", "{count} gap"),
}
