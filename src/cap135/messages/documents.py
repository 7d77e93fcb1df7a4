"""Messages of the outputs and the documents (KẾ HOẠCH, BÁO CÁO, workbooks).

Each entry: code → (Vietnamese, English); a hint is the entry "<code>.hint".
"""

from __future__ import annotations

from collections.abc import Mapping

CATALOGUE: Mapping[str, tuple[str, str]] = {
    # --- outputs and document (issues 11.5, 13) ---------------------------------
    "out-col-stt": ("STT", "No."),
    "out-col-item": ("Nội dung", "Item"),
    "out-col-unit": ("Đơn vị tính", "Unit"),
    "out-col-quantity": ("Số lượng", "Quantity"),
    "out-col-rate": ("Đơn giá (đồng)", "Rate (đồng)"),
    "out-col-amount": ("Thành tiền (đồng)", "Amount (đồng)"),
    "out-col-basis": ("Căn cứ", "Basis"),
    "out-cost-title": ("DỰ TOÁN KINH PHÍ — {title}", "COST ESTIMATE — {title}"),
    "out-cost-sheet": ("Dự toán", "Cost estimate"),
    "out-total": ("TỔNG CỘNG", "TOTAL"),
    "out-words": ("Bằng chữ", "In words"),
    "out-table": ("Bảng định mức", "Rate table"),
    "out-ceiling": ("Kinh phí được giao", "Ceiling"),
    "out-headroom": ("Còn lại", "Headroom"),
    "out-overrun": ("Vượt", "Over the ceiling by"),
    "out-dong": ("đồng", "đồng"),
    "out-assumptions": ("Giả định của dự toán:", "What the estimate assumes:"),
    "out-rates-sheet": ("Định mức", "Rates"),
    "out-rates-key": ("Mã", "Key"),
    "out-rates-amount": ("Mức", "Amount"),
    "out-rates-valid": ("Hiệu lực", "Valid"),
    "out-rates-verified": ("Kiểm chứng", "Verified"),
    "out-rates-table": ("Bảng", "Table"),
    "out-rates-from": ("từ {date}", "from {date}"),
    "out-rates-unverified": ("chưa", "no"),
    "diff-sheet": ("Điều chỉnh", "Changes"),
    "placeholder-left": (
        "còn chỗ trống của kế hoạch mẫu: {text}",
        "a placeholder of the starter plan is left: {text}",
    ),
    "placeholder-left.hint": (
        "thay {text} bằng nội dung thật trước khi in văn bản",
        "replace {text} with the real text before printing the document",
    ),
    "agency-short-name": (
        'không tự viết được tên cơ quan "{name}" trong câu (chữ hoa, chữ thường)',
        'cannot spell the agency\'s name "{name}" for use inside a sentence',
    ),
    "date-no-such-day": (
        "không có ngày {got}: tháng {month} năm {year} chỉ có {days} ngày",
        "{got} is not a date: month {month} of {year} has {days} days",
    ),
    "date-no-such-day.hint": (
        "ngày cuối tháng {month} năm {year} là {year}-{month:02d}-{days}",
        "the last day of month {month} of {year} is {year}-{month:02d}-{days}",
    ),
    "date-no-such-month": (
        "không có tháng {month} trong {got}: tháng từ 01 đến 12",
        "there is no month {month} in {got}: months run from 01 to 12",
    ),
    "agency-short-name.hint": (
        "thêm agency.short_name, ví dụ: short_name: Ban Dân tộc",
        "add agency.short_name, e.g. short_name: Ban Dân tộc",
    ),
    # --- issue 20: the draft of a KẾ HOẠCH and its review notes; rates --unverified ---
    "draft-mark": ("DỰ THẢO", "DRAFT"),
    "draft-notes-title": (
        "Ghi chú rà soát của bản dự thảo (không có trong văn bản trình ký):",
        "Review notes of the draft (not in the document for signature):",
    ),
    "draft-assumption": ("Giả định: {text}", "Assumption: {text}"),
    "draft-rate-unverified": (
        "Mức chưa kiểm chứng — {item}: {rate} ({basis}). {note}",
        "Unverified rate — {item}: {rate} ({basis}). {note}",
    ),
    "draft-rate-provisional": (
        "Mức tạm tính, bảng định mức của tỉnh phải đặt — {item}: {rate} ({basis}). {note}",
        "Provisional amount the province's table must set — {item}: {rate} ({basis}). {note}",
    ),
    "rate-per-session": ("{amount} đồng/buổi", "{amount} đồng a session"),
    "rate-per-trainee": ("{amount} đồng/người", "{amount} đồng a trainee"),
    "rate-per-person_day": ("{amount} đồng/người/ngày", "{amount} đồng a person a day"),
    "rate-per-person_night": ("{amount} đồng/người/đêm", "{amount} đồng a person a night"),
    "rate-per-class": ("{amount} đồng/lớp", "{amount} đồng a class"),
    "rate-per-class_day": ("{amount} đồng/lớp/ngày", "{amount} đồng a class a day"),
    "rate-per-day": ("{amount} đồng/ngày", "{amount} đồng a day"),
    "rate-per-percent": ("{amount}% tổng các khoản chi", "{amount}% of the other items"),
    "draft-warning": ("Cảnh báo: {text}", "Warning: {text}"),
    "out-rates-note": ("Ghi chú", "Note"),
    "out-rates-unverified-title": ("Các mức chưa kiểm chứng", "Values not yet verified"),
    "out-rates-profile": ("tham số", "parameter"),
    # --- issue 25: the dự toán workbook as a paper --------------------------------------
    "out-cost-name": ("DỰ TOÁN KINH PHÍ", "COST ESTIMATE"),
    "out-unit-dong": ("Đơn vị tính: đồng", "Unit: đồng"),
    "out-place-date": (
        "{place}, ngày {day} tháng {month} năm {year}",
        "{place}, ngày {day} tháng {month} năm {year}",
    ),
    "out-sign-preparer": ("NGƯỜI LẬP BIỂU", "PREPARED BY"),
    "out-sign-accountant": ("KẾ TOÁN TRƯỞNG", "CHIEF ACCOUNTANT"),
    "out-sign-accountant-commune": ("PHỤ TRÁCH KẾ TOÁN", "IN CHARGE OF ACCOUNTING"),
    "out-sign-head": ("THỦ TRƯỞNG ĐƠN VỊ", "HEAD OF UNIT"),
    "out-sign-how": ("(Ký, ghi rõ họ tên)", "(signature and full name)"),
    "out-sign-how-head": ("(Ký, ghi rõ họ tên, đóng dấu)", "(signature, full name and seal)"),
    "cost-review-heading": (
        "Giả định của dự toán (để kiểm tra, không in vào {file}):",
        "What the estimate assumes (to check; not printed in {file}):",
    ),
}
