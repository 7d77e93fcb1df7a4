"""The one message catalogue: every finding and CLI message in Vietnamese and English.

A message is looked up by code and filled with `str.format` arguments. Vietnamese
is the default; `--lang en` or CAP135_LANG=en switches. Hints live under
"<code>.hint".
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any, Literal

Lang = Literal["vi", "en"]
LANGS: tuple[Lang, ...] = ("vi", "en")

# code: (vi, en)
CATALOGUE: Mapping[str, tuple[str, str]] = {
    # --- reading the file -------------------------------------------------
    "file-not-found": ("không tìm thấy tệp", "file not found"),
    "file-is-directory": ("là một thư mục, không phải tệp", "is a directory, not a file"),
    "file-permission": ("không có quyền đọc tệp", "permission denied"),
    "file-unreadable": ("không đọc được tệp: {reason}", "cannot read the file: {reason}"),
    "file-too-large": (
        "tệp lớn hơn giới hạn {limit_mib} MiB",
        "the file is larger than the {limit_mib} MiB limit",
    ),
    "encoding-utf16": (
        "tệp được lưu bằng mã UTF-16; cần lưu lại bằng UTF-8",
        "the file is encoded as UTF-16; save it as UTF-8",
    ),
    "encoding-binary": (
        "tệp chứa dữ liệu nhị phân, không phải văn bản YAML",
        "the file holds binary data, not YAML text",
    ),
    "encoding-not-utf8": (
        "tệp không phải mã UTF-8 (có thể là Windows-1258 hoặc TCVN3)",
        "the file is not UTF-8 (perhaps Windows-1258 or TCVN3)",
    ),
    "encoding-not-utf8.hint": (
        "mở tệp bằng trình soạn thảo và lưu lại với mã UTF-8",
        "open the file in an editor and save it as UTF-8",
    ),
    "empty-file": ("tệp rỗng: chưa có nội dung kế hoạch", "the file is empty: no plan in it"),
    "yaml-syntax": ("lỗi cú pháp YAML: {problem}", "YAML syntax error: {problem}"),
    "yaml-tab": (
        "lỗi cú pháp YAML: có ký tự tab dùng để thụt lề",
        "YAML syntax error: a tab character is used for indentation",
    ),
    "yaml-tab.hint": (
        "YAML chỉ cho phép thụt lề bằng dấu cách; thay tab bằng dấu cách",
        "YAML indents with spaces only; replace the tab with spaces",
    ),
    "yaml-many-documents": (
        "tệp chứa nhiều tài liệu YAML (dấu ---); mỗi tệp chỉ một kế hoạch",
        "the file holds several YAML documents (---); one plan per file",
    ),
    "yaml-too-deep": (
        "cấu trúc lồng nhau quá sâu (giới hạn {limit} cấp)",
        "nesting is too deep (limit {limit} levels)",
    ),
    "yaml-alias-bomb": (
        "bí danh YAML (alias) được mở rộng quá nhiều lần (giới hạn {limit} nút)",
        "YAML aliases expand too much (limit {limit} nodes)",
    ),
    "yaml-recursive": ("bí danh YAML tự tham chiếu", "a YAML alias refers to itself"),
    "yaml-unsupported-tag": ("thẻ YAML không được hỗ trợ: {tag}", "unsupported YAML tag: {tag}"),
    "yaml-unsupported-node": ("nút YAML không được hỗ trợ", "unsupported YAML node"),
    "yaml-bad-merge": ("khóa gộp << cần một ánh xạ", "the merge key << needs a mapping"),
    "yaml-complex-key": ("khóa phải là một giá trị đơn", "a key must be a plain value"),
    "yaml-bad-scalar": ("giá trị không hợp lệ: {text}", "invalid value: {text}"),
    "number-too-large": (
        "số quá lớn ({digits} chữ số)",
        "number too large ({digits} digits)",
    ),
    "text-too-long": ("đoạn văn bản dài quá {limit} ký tự", "text longer than {limit} characters"),
    "duplicate-key": ("khóa '{key}' bị lặp lại", "duplicate key '{key}'"),
    "duplicate-key.hint": (
        "mỗi khóa chỉ được xuất hiện một lần trong cùng một khối",
        "each key may appear only once in a mapping",
    ),
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
        "viết số không có dấu chấm, dấu phẩy hay chữ, ví dụ: 1251000000",
        "write the number without dots, commas or words, e.g. 1251000000",
    ),
    "money-float": (
        "số tiền phải là số nguyên đồng, không có phần thập phân: {got}",
        "money must be a whole number of đồng, not a fraction: {got}",
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
    "rate-missing": (
        "bảng định mức '{table}' không có mức chi '{key}' (cần cho: {item})",
        "rate table '{table}' has no rate '{key}' (needed for: {item})",
    ),
    "rate-not-valid": (
        "mức chi '{key}' không có hiệu lực vào ngày {day} (cần cho: {item})",
        "rate '{key}' is not in force on {day} (needed for: {item})",
    ),
    "rates-unverified": (
        "dự toán dùng {count} mức chi chưa được kiểm chứng với văn bản gốc: {keys}",
        "the estimate uses {count} rates not verified against the legal text: {keys}",
    ),
    "rates-unverified.hint": (
        "đối chiếu với nghị quyết HĐND tỉnh và ghi trong bảng định mức của tỉnh (cap135 rates)",
        "check them against the province's HĐND resolution and record them in a provincial table",
    ),
    "rate-table": ("bảng định mức: {detail}", "rate table: {detail}"),
    # --- CLI ----------------------------------------------------------------
    "summary-ok": ("{file}: không có lỗi", "{file}: no errors"),
    "summary-counts": ("{errors} lỗi, {warnings} cảnh báo", "{errors} errors, {warnings} warnings"),
    "severity-error": ("lỗi", "error"),
    "severity-warning": ("cảnh báo", "warning"),
    "hint": ("gợi ý", "hint"),
    "plan-has-errors": (
        "{file}: kế hoạch có lỗi; chạy 'cap135 validate {file}' để xem",
        "{file}: the plan has errors; run 'cap135 validate {file}' to see them",
    ),
    "internal-error": (
        "lỗi nội bộ của cap135 — xin báo lỗi, kèm tệp nhật ký: {log}",
        "internal error in cap135 — please report it with the log file: {log}",
    ),
    "bad-amount": ("không đọc được số tiền '{text}'", "cannot read the amount '{text}'"),
    "written": ("đã ghi {path}", "wrote {path}"),
}


def current_lang(explicit: str | None = None) -> Lang:
    value = (explicit or os.environ.get("CAP135_LANG") or "vi").strip().lower()
    return "en" if value.startswith("en") else "vi"


def message(code: str, lang: Lang, args: Mapping[str, Any] | None = None) -> str:
    """The catalogue text for `code`, filled in; an unknown code shows itself."""
    pair = CATALOGUE.get(code)
    if pair is None:
        return code
    text = pair[0] if lang == "vi" else pair[1]
    if not args:
        return text
    try:
        return text.format(**args)
    except (KeyError, IndexError, ValueError):
        return text


def hint(code: str, lang: Lang, args: Mapping[str, Any] | None = None) -> str | None:
    key = f"{code}.hint"
    if key not in CATALOGUE:
        return None
    return message(key, lang, args)
