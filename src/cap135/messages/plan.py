"""Messages of the plan: its structure, its semantic checks, and the starter of `cap135 init`.

Each entry: code → (Vietnamese, English); a hint is the entry "<code>.hint".
"""

from __future__ import annotations

from collections.abc import Mapping

CATALOGUE: Mapping[str, tuple[str, str]] = {
    # --- structure (pydantic) ----------------------------------------------
    "not-a-plan": (
        "nội dung tệp phải là một ánh xạ (các khóa version, year, …), không phải {kind}",
        "the file must hold a mapping (keys version, year, …), not {kind}",
    ),
    "unknown-key": ("khóa không hợp lệ '{key}'", "unknown key '{key}'"),
    "unknown-key.hint": ("có phải ý bạn là '{suggestion}'?", "did you mean '{suggestion}'?"),
    "unknown-key-text": (
        "khóa không hợp lệ '{key}': có vẻ là phần sau dấu phẩy của một đoạn văn bản",
        "unknown key '{key}': it looks like the part of a text after a comma",
    ),
    "unknown-key-text.hint": (
        'đặt đoạn văn bản trong dấu ngoặc kép: text: "…, …"',
        'put the text in double quotes: text: "…, …"',
    ),
    "missing-key": ("thiếu khóa bắt buộc '{key}'", "missing required key '{key}'"),
    "expected-integer": (
        "cần một số nguyên, nhận được {got}",
        "expected a whole number, got {got}",
    ),
    "expected-integer.hint": (
        "viết số không có dấu chấm, dấu phẩy hay chữ, ví dụ: {example}",
        "write the number without dots, commas or words, e.g. {example}",
    ),
    "money-float": (
        "số tiền phải là số nguyên đồng, không có phần thập phân: {got}",
        "money must be a whole number of đồng, not a fraction: {got}",
    ),
    "money-float.hint": (
        "viết số đồng liền nhau, không có dấu chấm hay dấu phẩy giữa các nhóm số: YAML đọc 30.000 là "
        "30,0; viết 30000",
        "write the đồng as one run of digits, without dots or commas between groups: YAML reads "
        "30.000 as 30.0; write 30000",
    ),
    "expected-text": ("cần một đoạn văn bản, nhận được {got}", "expected text, got {got}"),
    "expected-text.hint": (
        "đặt giá trị trong dấu ngoặc kép (yes, no, on, ngày tháng… sẽ đổi kiểu nếu không có)",
        "quote the value (yes, no, on, dates… change type otherwise)",
    ),
    "expected-bool": ("cần true hoặc false, nhận được {got}", "expected true or false, got {got}"),
    "expected-list": ("cần một danh sách, nhận được {got}", "expected a list, got {got}"),
    "expected-mapping": (
        "cần một ánh xạ (các khóa), nhận được {got}",
        "expected a mapping (keys), got {got}",
    ),
    "must-be-positive": (
        "giá trị phải lớn hơn {limit}, nhận được {got}",
        "must be greater than {limit}, got {got}",
    ),
    "must-be-at-least": (
        "giá trị phải từ {limit} trở lên, nhận được {got}",
        "must be at least {limit}, got {got}",
    ),
    "too-large": ("giá trị vượt quá {limit}: {got}", "must be at most {limit}, got {got}"),
    "bad-choice": (
        "giá trị '{got}' không hợp lệ; chọn một trong: {choices}",
        "'{got}' is not allowed; choose one of: {choices}",
    ),
    "bad-pattern": (
        "giá trị '{got}' sai định dạng ({what})",
        "'{got}' has the wrong form ({what})",
    ),
    "bad-moment": (
        "cần tháng dạng YYYY-MM hoặc ngày dạng YYYY-MM-DD, nhận được {got}",
        "expected a month YYYY-MM or a day YYYY-MM-DD, got {got}",
    ),
    "empty-text": ("đoạn văn bản không được để trống", "text must not be empty"),
    "empty-list": ("danh sách không được để trống", "the list must not be empty"),
    "bad-version": (
        "phiên bản định dạng không được hỗ trợ: {got} (cap135 đọc phiên bản 1)",
        "unsupported plan version: {got} (cap135 reads version 1)",
    ),
    "invalid": ("giá trị không hợp lệ: {detail}", "invalid value: {detail}"),
    # --- semantic checks ----------------------------------------------------
    "duplicate-id": (
        "mã '{id}' bị trùng (đã dùng ở {other})",
        "duplicate id '{id}' (already used at {other})",
    ),
    "schedule-reversed": (
        "thời gian bắt đầu {start} sau thời gian kết thúc {end}",
        "the schedule starts ({start}) after it ends ({end})",
    ),
    "schedule-outside-year": (
        "thời gian {moment} nằm ngoài năm kế hoạch {year}",
        "{moment} is outside the plan year {year}",
    ),
    "missing-class-field": (
        "nhóm có {classes} lớp nhưng thiếu '{key}'",
        "the group has {classes} classes but no '{key}'",
    ),
    "missing-class-field.hint": (
        "khai báo '{key}' cho nhóm, hoặc liệt kê từng lớp với giá trị riêng",
        "give the group a '{key}', or list the classes one by one with their own",
    ),
    "class-size-with-list": (
        "class_size không dùng khi các lớp được liệt kê từng lớp (mỗi lớp có size)",
        "class_size is not used when classes are listed (each class has its size)",
    ),
    "periods-exceed-days": (
        "{periods} tiết không đủ thời gian trong {days} ngày ({per_day} tiết/ngày)",
        "{periods} periods do not fit in {days} days ({per_day} periods a day)",
    ),
    "class-too-large": (
        "lớp {size} học viên vượt quá quy mô tối đa {limit}",
        "a class of {size} trainees exceeds the maximum of {limit}",
    ),
    "title-year-mismatch": (
        "trích yếu ghi năm {found} nhưng năm kế hoạch là {year}",
        "the title names the year {found} but the plan year is {year}",
    ),
    "unknown-override": (
        "'{key}' không phải mã khoản chi; các mã: {choices}",
        "'{key}' is not a cost item code; codes: {choices}",
    ),
    "over-ceiling": (
        "tổng dự toán {total} đồng vượt kinh phí được giao {ceiling} đồng ({over} đồng)",
        "the total {total} đồng exceeds the ceiling {ceiling} đồng by {over} đồng",
    ),
    "total-too-large": (
        "tổng dự toán {total} đồng vượt mức có thể có của một kế hoạch; kiểm tra số lượng và đơn giá",
        "the total {total} đồng is beyond any plan; check the quantities and amounts",
    ),
    "rate-missing": (
        "bảng định mức '{table}' không có mức chi '{key}' (cần cho: {item})",
        "rate table '{table}' has no rate '{key}' (needed for: {item})",
    ),
    "rate-not-valid": (
        "mức chi '{key}' không có hiệu lực vào ngày {day} (cần cho: {item})",
        "rate '{key}' is not in force on {day} (needed for: {item})",
    ),
    "rates-unverified": (
        "mức {key} ({item}) chưa được kiểm chứng với văn bản gốc: {rate} ({basis})",
        "the rate {key} ({item}) is not verified against the legal text: {rate} ({basis})",
    ),
    "rates-unverified.hint": (
        "đối chiếu nghị quyết HĐND, quyết định UBND tỉnh; ghi mức của tỉnh theo khóa của nó vào bảng "
        "định mức của tỉnh (cap135 init --rates dinhmuc.yaml) và đặt rates: dinhmuc.yaml trong kế hoạch",
        "check the province's HĐND resolution or UBND decision; record the province's amount under "
        "its key in the provincial rate table (cap135 init --rates dinhmuc.yaml) and set rates: "
        "dinhmuc.yaml in the plan",
    ),
    "rate-table": ("bảng định mức: {detail}", "rate table: {detail}"),
    "override-not-applicable": (
        "khoản chi '{key}' không áp dụng cho nhóm hoặc đoàn này: số lượng ghi đè sẽ bị bỏ qua",
        "cost item '{key}' does not apply to this group or tour: the overridden quantity would be lost",
    ),
    "override-not-applicable.hint": (
        "bỏ dòng ghi đè, hoặc bật khoản chi đó (ví dụ lodging: có) nếu nhóm được hưởng",
        "remove the override, or switch the item on (for example lodging: true) if the group is entitled",
    ),
    "district-abolished": (
        "từ 01/7/2025 không còn cấp huyện: '{what}' ở cấp huyện vào ngày {day}",
        "there is no district level from 1 July 2025: '{what}' is at district level on {day}",
    ),
    "district-abolished.hint": (
        "cấp huyện kết thúc hoạt động từ 01/7/2025 (Luật Tổ chức chính quyền địa phương ngày 16/6/2025): "
        "tổ chức ở cấp tỉnh hoặc cấp xã (level: tỉnh | xã); nơi đến tham quan: thành phố | tỉnh",
        "district-level bodies ended on 1 July 2025 (Law on local government of 16 June 2025): "
        "hold it at province or commune level (level: tỉnh | xã); a tour destination: thành phố | tỉnh",
    ),
    # --- init -------------------------------------------------------------------
    "init-exists": (
        "{path} đã có; cap135 init không ghi đè tệp có sẵn — chọn tên khác hoặc xóa tệp cũ",
        "{path} already exists; cap135 init never overwrites a file — choose another name "
        "or remove the old file",
    ),
    "init-ask-parent": (
        "Cơ quan chủ quản (ví dụ: UBND TỈNH QUẢNG TRỊ)",
        "Parent agency (e.g. UBND TỈNH QUẢNG TRỊ)",
    ),
    "init-ask-name": ("Cơ quan ban hành (ví dụ: BAN DÂN TỘC)", "Issuing agency (e.g. BAN DÂN TỘC)"),
    "init-ask-code": (
        "Chữ viết tắt trong số ký hiệu (ví dụ: BDT)",
        "Abbreviation in the document number (e.g. BDT)",
    ),
    "init-ask-year": ("Năm kế hoạch", "Plan year"),
    "init-ask-place": (
        "Địa danh ghi đầu văn bản (ví dụ: Quảng Trị)",
        "Place in the heading (e.g. Quảng Trị)",
    ),
    "init-bad-code": (
        "chỉ dùng chữ in hoa, chữ số, dấu chấm, gạch nối; tối đa 20 ký tự, ví dụ: BDT",
        "use capitals, digits, dots or hyphens, at most 20 characters, e.g. BDT",
    ),
    "init-bad-year": ("năm phải từ 2000 đến 2100", "the year must be between 2000 and 2100"),
    "init-empty": ("không được để trống", "must not be empty"),
    "init-next": (
        "tiếp theo: sửa tệp theo các chú thích, rồi chạy 'cap135 validate {path}'",
        "next: edit the file as its comments explain, then run 'cap135 validate {path}'",
    ),
    # --- a plan or results workbook's sheets, columns and cells (issue 23) -------------
    "workbook-missing-sheet": (
        "bảng tính thiếu trang '{sheet}'",
        "the workbook has no sheet '{sheet}'",
    ),
    "workbook-missing-sheet.hint": (
        "tạo bảng tính mẫu bằng 'cap135 init kehoach.xlsx' để xem các trang cần có",
        "write a starter workbook with 'cap135 init plan.xlsx' to see the sheets it needs",
    ),
    "workbook-missing-column": (
        "trang '{sheet}' thiếu cột '{header}' (cột bị xóa hoặc đổi tên?)",
        "sheet '{sheet}' has no column '{header}' (deleted or renamed?)",
    ),
    "workbook-missing-column.hint": (
        "thêm lại cột với đúng tiêu đề '{header}' ở dòng tiêu đề",
        "add the column back with the header '{header}' in the header row",
    ),
    "workbook-duplicate-column": (
        "trang '{sheet}' có hai cột '{header}'",
        "sheet '{sheet}' has two columns '{header}'",
    ),
    "workbook-missing-row": (
        "trang '{sheet}' thiếu dòng '{label}'",
        "sheet '{sheet}' has no row '{label}'",
    ),
    "workbook-duplicate-row": (
        "dòng '{label}' đã có ở {first}",
        "the row '{label}' is already at {first}",
    ),
    "workbook-too-many-rows": (
        "trang '{sheet}' có quá nhiều dòng (giới hạn {limit} dòng một trang, {cells} ô cả bảng tính)",
        "sheet '{sheet}' has too many rows (the limit is {limit} rows a sheet, {cells} cells in all)",
    ),
    "workbook-formula-no-value": (
        "ô có công thức {formula} nhưng chưa có giá trị đã tính",
        "the cell holds the formula {formula} but no computed value",
    ),
    "workbook-formula-no-value.hint": (
        "mở tệp bằng Excel hoặc LibreOffice và lưu lại (giá trị được tính khi lưu), hoặc gõ số "
        "thay cho công thức",
        "open the file in Excel or LibreOffice and save it (the value is computed on saving), or "
        "type the number instead of the formula",
    ),
    "workbook-error-value": (
        "ô có giá trị lỗi {value}, không phải một giá trị",
        "the cell holds the error {value}, not a value",
    ),
    "workbook-empty-cell": (
        "ô '{header}' để trống",
        "the cell '{header}' is empty",
    ),
    "workbook-duplicate-key": (
        "mã '{key}' đã có ở một dòng trên",
        "'{key}' is already on a row above",
    ),
    "workbook-unknown-group": (
        "không có nhóm '{id}' ở trang Nhóm",
        "no group '{id}' on the sheet Nhóm",
    ),
    "workbook-unknown-group.hint": (
        "mã nhóm phải có ở cột 'Mã nhóm' của trang Nhóm; có phải '{suggestion}'?",
        "the group id must be in the column 'Mã nhóm' of the sheet Nhóm; did you mean '{suggestion}'?",
    ),
    "workbook-unknown-entity": (
        "không có nhóm hay đoàn tham quan '{id}' ở trang Nhóm hoặc Tham quan",
        "no group or tour '{id}' on the sheets Nhóm or Tham quan",
    ),
    "workbook-unknown-entity.hint": (
        "mã phải có ở trang Nhóm hoặc Tham quan; có phải '{suggestion}'?",
        "the id must be on the sheet Nhóm or Tham quan; did you mean '{suggestion}'?",
    ),
    "workbook-classes-both": (
        "nhóm '{id}' đã ghi số lớp ở trang Nhóm; hoặc ghi số lớp, hoặc liệt kê từng lớp ở trang Lớp",
        "group '{id}' has a class count on the sheet Nhóm; give either the count or one row per "
        "class on the sheet Lớp",
    ),
    "init-workbook-next": (
        "tiếp theo: điền bảng tính theo trang 'Hướng dẫn', rồi chạy 'cap135 validate {path}'",
        "next: fill in the workbook as its sheet 'Hướng dẫn' explains, then run 'cap135 validate {path}'",
    ),
    # --- issue 20: a 2026+ plan citing 2021–2025 bases; the year asked by init ---
    "stale-basis": (
        'kế hoạch năm {year} dẫn căn cứ của các chương trình giai đoạn 2021–2025 ({instrument}): "{text}"',
        'a plan for {year} cites a basis of the 2021–2025 programmes ({instrument}): "{text}"',
    ),
    "stale-basis.hint": (
        "từ năm 2026 Chương trình dựa trên Nghị quyết 257/2025/QH15, Nghị quyết 424/NQ-CP và Quyết định "
        "417/QĐ-BNNMT; bỏ hoặc thay căn cứ này ('cap135 init' gợi ý các căn cứ mới)",
        "from 2026 the programme rests on Nghị quyết 257/2025/QH15, Nghị quyết 424/NQ-CP and Quyết định "
        "417/QĐ-BNNMT; drop or replace this basis ('cap135 init' offers the new ones)",
    ),
    "init-year-not-number": (
        "năm ghi bằng chữ số, ví dụ: {example}",
        "write the year in digits, e.g. {example}",
    ),
    # --- issue 24: cap135 init --rates ------------------------------------------------------
    "init-ask-province": ("Tên tỉnh (ví dụ: Quảng Trị)", "Province (e.g. Quảng Trị)"),
    "init-rates-next": (
        "tiếp theo: ghi mức của tỉnh vào {path} (bỏ dấu # ở khóa cần đặt), kiểm tra bằng "
        "'cap135 rates {path}', rồi thêm rates: {path} vào kế hoạch",
        "next: write the province's amounts in {path} (uncomment the keys to set), check it with "
        "'cap135 rates {path}', then add rates: {path} to the plan",
    ),
    "init-rates-and-results": (
        "--rates và --results tạo hai loại tệp khác nhau; chọn một",
        "--rates and --results write different files; choose one",
    ),
    "init-rates-yaml": (
        "{path}: bảng định mức là tệp YAML; đặt tên tệp .yaml, ví dụ dinhmuc.yaml",
        "{path}: a rate table is a YAML file; name it .yaml, e.g. dinhmuc.yaml",
    ),
    "init-year-option": (
        "--year {year}: năm phải từ 2000 đến 2100",
        "--year {year}: the year must be between 2000 and 2100",
    ),
    # --- issue 25: fixed choices in Vietnamese ------------------------------------------
    "expected-yes-no": (
        "cần có hoặc không (true | false), nhận được {got}",
        "expected có or không (true | false), got {got}",
    ),
}
