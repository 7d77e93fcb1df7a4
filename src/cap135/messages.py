"""The one message catalogue: every finding and CLI message in Vietnamese and English.

A message is looked up by code and filled with `str.format` arguments. Vietnamese
is the default; `--lang en` or CAP135_LANG=en switches. Hints live under
"<code>.hint".
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any, Literal

from .text import shown

Lang = Literal["vi", "en"]
LANGS: tuple[Lang, ...] = ("vi", "en")


@dataclass(frozen=True)
class ByLang:
    """An argument worded in every language (a message inside a message, e.g. a rate-table
    problem inside a plan finding): message() and hint() fill in the reader's."""

    texts: tuple[tuple[Lang, str], ...]

    @classmethod
    def of(cls, word: Callable[[Lang], str]) -> ByLang:
        return cls(tuple((lang, word(lang)) for lang in LANGS))

    def text(self, lang: Lang) -> str:
        return dict(self.texts)[lang]


def _worded(args: Mapping[str, Any], lang: Lang) -> Mapping[str, Any]:
    """The arguments as a message shows them: in the reader's language (ByLang), and made safe by
    the one sanitiser (cap135.text.shown) — a file name or a value from a file cannot drive the
    terminal or end the run with an encoding error, whatever message quotes it. A path is a name,
    one line; a text keeps its line breaks."""
    out: dict[str, Any] = {}
    for key, value in args.items():
        if isinstance(value, ByLang):
            value = value.text(lang)
        if isinstance(value, PurePath):
            value = shown(str(value), one_line=True)
        elif isinstance(value, str):
            value = shown(value)
        elif not isinstance(value, (int, float)) and value is not None:  # an OSError names its file
            value = shown(str(value))
        out[key] = value
    return out


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
    "yaml-too-many-nodes": (
        "tệp có quá nhiều giá trị (giới hạn {limit} nút)",
        "the file holds too many values (limit {limit} nodes)",
    ),
    "yaml-alias-bomb": (
        "bí danh YAML (alias) được mở rộng quá nhiều lần (giới hạn {limit} nút)",
        "YAML aliases expand too much (limit {limit} nodes)",
    ),
    "yaml-recursive": ("bí danh YAML tự tham chiếu", "a YAML alias refers to itself"),
    "yaml-undefined-alias": (
        "bí danh YAML *{name} chưa có neo &{name} ở phía trước",
        "the YAML alias *{name} has no anchor &{name} before it",
    ),
    "yaml-duplicate-anchor": (
        "neo YAML &{name} đã có ở dòng {first}",
        "the YAML anchor &{name} is already defined at line {first}",
    ),
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
    # --- input and output safety (issue 12) ---------------------------------
    "file-not-regular": (
        "không phải là tệp thông thường (thiết bị, ống dẫn FIFO, socket…); hãy chỉ định một tệp",
        "is not a regular file (a device, a FIFO pipe, a socket…); give the path of a file",
    ),
    "yaml-octal-number": (
        "số '{text}' bắt đầu bằng 0: YAML 1.1 hiểu dạng này là số bát phân, YAML 1.2 là số thập phân",
        "the number '{text}' starts with 0: YAML 1.1 reads such a number as octal, YAML 1.2 as decimal",
    ),
    "yaml-octal-number.hint": (
        "viết {decimal} nếu là số, hoặc đặt trong dấu ngoặc kép '{text}' nếu là văn bản (số hiệu văn bản…)",
        "write {decimal} for the number, or quote '{text}' for a text (a document number…)",
    ),
    "yaml-sexagesimal": (
        "'{text}' không phải là số: YAML 1.1 hiểu đó là số hệ 60 ({value})",
        "'{text}' is not a number: YAML 1.1 reads it as base 60 ({value})",
    ),
    "yaml-sexagesimal.hint": (
        "đặt giá trị trong dấu ngoặc kép nếu là văn bản (giờ, tỉ lệ…): '{text}'",
        "quote the value if it is a text (a time, a ratio…): '{text}'",
    ),
    "yaml-number-form": (
        "số '{text}' không viết ở dạng thập phân thông thường; các trình đọc YAML hiểu khác nhau",
        "the number '{text}' is not written in plain decimal; YAML readers disagree on it",
    ),
    "yaml-number-form.hint": (
        "viết {decimal} nếu là số, hoặc đặt trong dấu ngoặc kép '{text}' nếu là văn bản",
        "write {decimal} for the number, or quote '{text}' for a text",
    ),
    "more-findings": (
        "còn {count} lỗi cùng loại '{kind}' không hiển thị",
        "{count} more finding(s) of the kind '{kind}' not shown",
    ),
    "output-needs-docx": (
        "không ghi {path}: render tạo tệp Word, tên tệp phải kết thúc bằng .docx "
        "(--pdf tạo thêm PDF bên cạnh)",
        "refusing to write {path}: render writes a Word file, give a name ending in .docx "
        "(--pdf adds the PDF beside it)",
    ),
    "output-format-mismatch": (
        "không ghi {path}: phần mở rộng {suffix} không khớp với định dạng {format}; hãy dùng {expected}",
        "refusing to write {path}: the extension {suffix} does not match the format {format}; use {expected}",
    ),
    "output-unknown-extension": (
        "không ghi {path}: không rõ định dạng của phần mở rộng {suffix}; dùng {choices} hoặc --format",
        "refusing to write {path}: no format for the extension {suffix}; use {choices} or --format",
    ),
    "output-table-to-file": (
        "không ghi {path}: --format {format} chỉ để hiển thị trên màn hình; "
        "để ghi tệp hãy dùng --format json, csv hoặc xlsx ({choices})",
        "refusing to write {path}: --format {format} is drawn for the terminal; "
        "for a file use --format json, csv or xlsx ({choices})",
    ),
    "sum-same-file": (
        "{file} là cùng một tệp với {first}: chỉ tính một lần",
        "{file} is the same file as {first}: counted once",
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
        "viết số không có dấu chấm, dấu phẩy hay chữ, ví dụ: {example}",
        "write the number without dots, commas or words, e.g. {example}",
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
        "dự toán dùng {count} mức chi chưa được kiểm chứng với văn bản gốc: {keys}",
        "the estimate uses {count} rates not verified against the legal text: {keys}",
    ),
    "rates-unverified.hint": (
        "đối chiếu với nghị quyết HĐND tỉnh và ghi trong bảng định mức của tỉnh (cap135 rates)",
        "check them against the province's HĐND resolution and record them in a provincial table",
    ),
    "rate-table": ("bảng định mức: {detail}", "rate table: {detail}"),
    "override-not-applicable": (
        "khoản chi '{key}' không áp dụng cho nhóm hoặc đoàn này: số lượng ghi đè sẽ bị bỏ qua",
        "cost item '{key}' does not apply to this group or tour: the overridden quantity would be lost",
    ),
    "override-not-applicable.hint": (
        "bỏ dòng ghi đè, hoặc bật khoản chi đó (ví dụ lodging: true) nếu nhóm được hưởng",
        "remove the override, or switch the item on (for example lodging: true) if the group is entitled",
    ),
    "district-abolished": (
        "từ 01/7/2025 không còn cấp huyện: '{what}' ở cấp huyện vào ngày {day}",
        "there is no district level from 1 July 2025: '{what}' is at district level on {day}",
    ),
    "district-abolished.hint": (
        "cấp huyện kết thúc hoạt động từ 01/7/2025 (Luật Tổ chức chính quyền địa phương số 72/2025/QH15): "
        "tổ chức ở cấp tỉnh (province) hoặc cấp xã (commune)",
        "district-level bodies ended on 1 July 2025 (Law 72/2025/QH15 on local government): "
        "hold it at province or commune level",
    ),
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
    # --- CLI ----------------------------------------------------------------
    "summary-ok": ("{file}: không có lỗi", "{file}: no errors"),
    "summary-counts": ("{errors}, {warnings}", "{errors}, {warnings}"),  # count-errors, count-warnings
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
    "internal-error-no-log": (
        "lỗi nội bộ của cap135 — xin báo lỗi; không ghi được tệp nhật ký, "
        "chạy lại với --debug để xem chi tiết",
        "internal error in cap135 — please report it; no log file could be written, run again with --debug",
    ),
    "output-disk-full": (
        "không ghi được {path}: ổ đĩa đã đầy",
        "cannot write {path}: the disk is full",
    ),
    "output-permission": (
        "không ghi được {path}: không có quyền ghi",
        "cannot write {path}: permission denied",
    ),
    "output-read-only": (
        "không ghi được {path}: ổ đĩa chỉ cho phép đọc",
        "cannot write {path}: the file system is read-only",
    ),
    "output-is-directory": (
        "không ghi được {path}: đó là một thư mục",
        "cannot write {path}: it is a directory",
    ),
    "output-cannot-create": (
        "không ghi được {path}: không thể tạo tệp trong {folder}",
        "cannot write {path}: files cannot be created in {folder}",
    ),
    "output-no-folder": (
        "không ghi được {path}: thư mục {folder} không tồn tại",
        "cannot write {path}: the folder {folder} does not exist",
    ),
    "output-not-folder": (
        "không ghi được {path}: {folder} không phải là thư mục",
        "cannot write {path}: {folder} is not a folder",
    ),
    "output-failed": (
        "không ghi được {path}: {reason}",
        "cannot write {path}: {reason}",
    ),
    "output-is-input": (
        "không ghi {path}: đó là tệp đầu vào {input} (kế hoạch, tệp kết quả, bảng định mức hoặc "
        "mẫu văn bản), sẽ bị ghi đè; hãy chọn tên tệp khác",
        "refusing to write {path}: it is the input file {input} (a plan, a results file, a rate "
        "table or a template), which would be overwritten; choose another path",
    ),
    "output-not-regular": (
        "không ghi được {path}: đó không phải là tệp thường (thiết bị, ống dẫn…); hãy chọn đường dẫn tệp",
        "cannot write {path}: it is not a regular file (a device, a pipe…); give the path of a file",
    ),
    "output-bad-link": (
        "không ghi được {path}: liên kết trỏ tới một tệp không thể thay thế theo tên",
        "cannot write {path}: it links to a file that cannot be replaced by name",
    ),
    "bad-amount": ("không đọc được số tiền '{text}'", "cannot read the amount '{text}'"),
    "written": ("đã ghi {path}", "wrote {path}"),
    "xlsx-needs-output": ("--format xlsx cần -o TỆP.xlsx", "--format xlsx needs -o FILE.xlsx"),
    "render-needs-output": (
        "render cần -o TỆP.docx (hoặc --context)",
        "render needs -o FILE.docx (or --context)",
    ),
    # --- CLI platform: click errors, errors hierarchy ------------------------------
    "count-errors": ("{count} lỗi", "{count} errors"),
    "count-errors.one": ("{count} lỗi", "{count} error"),
    "count-warnings": ("{count} cảnh báo", "{count} warnings"),
    "count-warnings.one": ("{count} cảnh báo", "{count} warning"),
    "bad-lang": (
        "ngôn ngữ '{got}' không được hỗ trợ ({source}); chọn vi hoặc en",
        "unsupported language '{got}' ({source}); choose vi or en",
    ),
    "usage-error": ("Lỗi: {message}", "Error: {message}"),
    "usage-try-help": ("Chạy '{command}' để xem hướng dẫn.", "Try '{command}' for help."),
    "usage-options": ("[TÙY CHỌN]", "[OPTIONS]"),
    "usage-command": ("LỆNH", "COMMAND"),
    "usage-command-args": ("[ĐỐI SỐ]...", "[ARGS]..."),
    "usage-no-command": ("không có lệnh '{name}'", "no such command '{name}'"),
    "usage-did-you-mean": ("có phải ý bạn là {names}?", "did you mean {names}?"),
    "usage-missing-command": ("thiếu tên lệnh", "missing command"),
    "usage-missing-argument": ("thiếu đối số {name}", "missing argument {name}"),
    "usage-missing-option": ("thiếu tùy chọn {name}", "missing option {name}"),
    "usage-no-option": ("không có tùy chọn {name}", "no such option: {name}"),
    "usage-option-needs-value": ("tùy chọn {name} cần một giá trị", "option {name} requires a value"),
    "usage-option-takes-no-value": (
        "tùy chọn {name} không nhận giá trị",
        "option {name} does not take a value",
    ),
    "usage-extra-arguments": ("thừa đối số: {args}", "unexpected extra argument(s): {args}"),
    "usage-bad-choice": (
        "giá trị {got} không hợp lệ cho {name}; chọn một trong: {choices}",
        "invalid value {got} for {name}; choose one of: {choices}",
    ),
    "usage-bad-value": ("giá trị không hợp lệ cho {name}", "invalid value for {name}"),
    "usage-interrupted": ("đã dừng theo yêu cầu (Ctrl-C)", "interrupted (Ctrl-C)"),
    "usage-input-ended": (
        "hết dữ liệu vào trong lúc hỏi; chạy lại trong cửa sổ lệnh, hoặc dùng --yes",
        "the input ended while asking; run it in a terminal, or use --yes",
    ),
    "metavar-plan": ("KẾ_HOẠCH", "PLAN"),
    "metavar-file": ("TỆP", "FILE"),
    "metavar-table": ("BẢNG", "TABLE"),
    "metavar-amount": ("SỐ_TIỀN", "AMOUNT"),
    "metavar-old": ("CŨ", "OLD"),
    "metavar-new": ("MỚI", "NEW"),
    "metavar-text": ("<văn bản>", "<text>"),
    "metavar-lang": ("<vi|en>", "<vi|en>"),
    "output-no-temp": (
        "không ghi được {path}: không tạo được tên tệp tạm trong thư mục của nó",
        "cannot write {path}: no free temporary file name in its folder",
    ),
    "output-name-too-long": (
        "không ghi được {path}: tên tệp quá dài",
        "cannot write {path}: the file name is too long",
    ),
    "plan-name-unwritable": (
        "tên tệp {file} chứa ký tự điều khiển hoặc byte không phải UTF-8, không ghi được vào "
        "{format}; hãy đổi tên tệp",
        "the file name {file} holds control characters or bytes that are not UTF-8 and cannot be "
        "written to {format}; rename the file",
    ),
    "output-encoding": (
        "cửa sổ lệnh dùng bảng mã {encoding}, không hiện được tiếng Việt; đặt PYTHONIOENCODING=utf-8 "
        "(hoặc dùng -o TỆP)",
        "the terminal's encoding {encoding} cannot show Vietnamese; set PYTHONIOENCODING=utf-8 "
        "(or use -o FILE)",
    ),
    "template-failed": ("không dùng được mẫu {template}", "the template {template} cannot be used"),
    "template-builtin-unreadable": (
        "không đọc được mẫu có sẵn {template} ({reason}); hãy cài lại cap135 hoặc dùng --template",
        "the built-in template {template} cannot be read ({reason}); reinstall cap135 or pass --template",
    ),
    "template-not-found": ("không tìm thấy mẫu {template}", "the template {template} does not exist"),
    "template-not-regular": (
        "mẫu {template} không phải tệp thường (thiết bị, FIFO, socket); hãy chỉ một tệp .docx",
        "the template {template} is not a regular file (a device, a FIFO, a socket); give a .docx file",
    ),
    "template-bad-part": (
        "mẫu {template}: phần {part} không phải XML hợp lệ",
        "the template {template}: the part {part} is not valid XML",
    ),
    "template-external-link": (
        "mẫu {template} liên kết tới một tài nguyên bên ngoài ({target}); LibreOffice sẽ đọc nó vào "
        "văn bản: hãy nhúng hình hoặc đối tượng vào mẫu",
        "the template {template} links to an outside resource ({target}); LibreOffice would read it "
        "into the document: embed the picture or object in the template",
    ),
    "template-empty-body": (
        "mẫu {template} tạo ra văn bản rỗng (sau khi chạy các thẻ không còn nội dung); "
        "Word không mở được tệp như vậy",
        "the template {template} rendered into an empty document; Word refuses such a file",
    ),
    "template-limit": (
        "mẫu {template} vượt giới hạn: {detail}",
        "the template {template} exceeds a limit: {detail}",
    ),
    "pdf-not-pdf": (
        "LibreOffice không tạo ra tệp PDF hợp lệ từ {docx} (tệp rỗng hoặc hỏng); {pdf} được giữ nguyên",
        "LibreOffice did not produce a PDF from {docx} (an empty or damaged file); {pdf} was left as it was",
    ),
    "template-is-folder": (
        "mẫu {template} là một thư mục, không phải tệp .docx",
        "the template {template} is a folder, not a .docx file",
    ),
    "template-unreadable": (
        "không đọc được mẫu {template}: {reason}",
        "the template {template} cannot be read: {reason}",
    ),
    "template-too-large": (
        "mẫu {template} lớn hơn {limit_mib} MiB",
        "the template {template} is larger than {limit_mib} MiB",
    ),
    "template-not-docx": (
        "mẫu {template} không phải tệp Word .docx (không phải gói zip)",
        "the template {template} is not a Word .docx file (it is not a zip package)",
    ),
    "template-damaged": (
        "mẫu {template} là tệp .docx bị hỏng ({reason})",
        "the template {template} is not a readable Word .docx file ({reason})",
    ),
    "template-no-document": (
        "mẫu {template} không phải tệp Word .docx (gói không có word/document.xml)",
        "the template {template} is not a Word .docx file (the package has no word/document.xml)",
    ),
    "template-unpacks-too-large": (
        "mẫu {template} giải nén ra {size_mib} MiB, vượt giới hạn {limit_mib} MiB của một mẫu Word",
        "the template {template} unpacks to {size_mib} MiB, more than the {limit_mib} MiB "
        "a Word template may hold",
    ),
    "template-syntax": (
        "mẫu {template}: lỗi cú pháp Jinja: {detail}",
        "template {template}: Jinja syntax error: {detail}",
    ),
    "template-forbidden": (
        "mẫu {template}: một thẻ làm việc mà hộp cát không cho phép: {detail}",
        "template {template}: a tag does something the sandbox forbids: {detail}",
    ),
    "template-undefined": (
        "mẫu {template}: một thẻ dùng giá trị không có trong dữ liệu: {detail}",
        "template {template}: a tag uses a value the context does not provide: {detail}",
    ),
    "template-missing-names": (
        "Các tên cấp cao nhất không có trong dữ liệu: {names}.",
        "Top-level names missing from the context: {names}.",
    ),
    "template-tag-failed": (
        "mẫu {template}: một thẻ bị lỗi: {detail}",
        "template {template}: a tag failed: {detail}",
    ),
    "template-invalid-docx": (
        "mẫu {template} không tạo được văn bản Word hợp lệ ({detail}). Kiểm tra rằng các thẻ "
        "cặp như {{%p for %}}/{{%p endfor %}} và {{%tr for %}}/{{%tr endfor %}} nằm trong đoạn văn "
        "hoặc hàng bảng riêng.",
        "the template {template} could not be rendered into a valid Word document ({detail}). "
        "Check that paired tags such as {{%p for %}}/{{%p endfor %}} and {{%tr for %}}/{{%tr endfor %}} "
        "sit in paragraphs or table rows of their own.",
    ),
    "template-tag": ("Thẻ: {tag}", "Tag: {tag}"),
    "template-near": ("Gần: «{excerpt}»", "Near: «{excerpt}»"),
    "pdf-failed": ("không tạo được tệp PDF: {detail}", "the PDF could not be produced: {detail}"),
    "pdf-no-soffice": (
        "chưa cài LibreOffice (soffice); hãy cài (ví dụ: apt-get install libreoffice-writer) để xuất "
        "PDF, hoặc mở tệp .docx bằng Word rồi xuất PDF",
        "LibreOffice (soffice) is not installed; install it (e.g. apt-get install libreoffice-writer) "
        "to produce PDF, or open the .docx in Word and export it",
    ),
    "pdf-no-docx": (
        "không chuyển {docx} sang PDF được: tệp không tồn tại",
        "cannot convert {docx} to PDF: the file does not exist",
    ),
    "pdf-timeout": (
        "LibreOffice không chuyển xong {docx} sang PDF trong {seconds} giây",
        "LibreOffice did not finish converting {docx} to PDF within {seconds} seconds",
    ),
    "pdf-cannot-start": (
        "không khởi động được LibreOffice ({soffice}): {reason}",
        "LibreOffice ({soffice}) could not be started: {reason}",
    ),
    "pdf-convert-failed": (
        "LibreOffice không chuyển được {docx} sang PDF: {detail}",
        "LibreOffice could not convert {docx} to PDF: {detail}",
    ),
    "rate-table-not-found": (
        "{where}: không tìm thấy tệp bảng định mức",
        "{where}: rate table file not found",
    ),
    "rate-table-too-large": (
        "{where}: tệp bảng định mức lớn hơn {limit_kib} KiB",
        "{where}: the rate table file is larger than {limit_kib} KiB",
    ),
    "rate-table-unknown": (
        "không có bảng định mức '{table}' (các bảng có sẵn: {known})",
        "unknown rate table '{table}' (shipped tables: {known})",
    ),
    "rate-table-more": ("(và {count} lỗi khác)", "(and {count} more problem(s))"),
    "rate-table-is-directory": (
        "{where}: là một thư mục, không phải tệp bảng định mức",
        "{where}: is a directory, not a rate table file",
    ),
    "rate-table-not-regular": (
        "{where}: không phải tệp thông thường (thiết bị, ống dẫn FIFO, socket…)",
        "{where}: is not a regular file (a device, a FIFO, a socket)",
    ),
    "rate-table-unreadable": (
        "{where}: không đọc được tệp: {reason}",
        "{where}: cannot read the file: {reason}",
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
    "sum-results-files": ("Tệp kết quả: {files}", "Results files: {files}"),
    "sum-col-spent": ("Đã giải ngân (đồng)", "Spent (đồng)"),
    "report-pdf-needs-output": (
        "--pdf cần -o TỆP.docx: PDF được ghi cạnh văn bản BÁO CÁO",
        "--pdf needs -o FILE.docx: the PDF is written beside the BÁO CÁO document",
    ),
    "init-results-next": (
        "tiếp theo: ghi các lớp đã tổ chức và kinh phí đã chi, rồi chạy 'cap135 validate {path}'",
        "next: record the classes held and the money spent, then run 'cap135 validate {path}'",
    ),
    "report-title": ("KẾT QUẢ THỰC HIỆN {plan}", "PLAN AGAINST ACTUAL: {plan}"),
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
    # --- help -------------------------------------------------------------------
    "help-app": (
        "cap135 — lập kế hoạch và dự toán bồi dưỡng nâng cao năng lực cho cộng đồng và cán bộ cơ sở "
        "(Chương trình 135, các CTMTQG).\n\n"
        "Mã thoát: 0 không có lỗi (có thể có cảnh báo) · 1 kế hoạch có lỗi · 2 dùng sai lệnh, "
        "không đọc được tệp vào hoặc không ghi được tệp ra · 3 lỗi nội bộ (có ghi tệp nhật ký) · "
        "130 bị dừng bằng Ctrl-C.",
        "cap135 — plans, budgets and the KẾ HOẠCH document for capacity-building programmes "
        "(Programme 135, the national target programmes).\n\n"
        "Exit codes: 0 no errors (warnings allowed) · 1 the plan has errors · 2 usage error, "
        "unreadable input or unwritable output · 3 internal error (a log file is written) · "
        "130 interrupted with Ctrl-C.",
    ),
    "help-lang": (
        "Ngôn ngữ thông báo: vi (mặc định) hoặc en; hoặc biến môi trường CAP135_LANG.",
        "Message language: vi (default) or en; or the environment variable CAP135_LANG.",
    ),
    "help-debug": ("Hiện traceback khi có lỗi nội bộ.", "Show the traceback of an internal error."),
    "help-version": ("Hiện phiên bản.", "Show the version."),
    "help-plan": ("Tệp kế hoạch (YAML).", "Plan file (YAML)."),
    "help-plans": ("Các tệp kế hoạch (YAML).", "Plan files (YAML)."),
    "help-format-text-json": ("text hoặc json.", "text or json."),
    "help-format-table": ("table, json, csv hoặc xlsx.", "table, json, csv or xlsx."),
    "help-format-table-json": ("table hoặc json.", "table or json."),
    "help-output-xlsx": (
        "Ghi ra tệp này (bắt buộc với xlsx).",
        "Write to this file (required for xlsx).",
    ),
    "help-validate": (
        "Kiểm tra kế hoạch và báo mọi lỗi cùng lúc, mỗi lỗi kèm tệp:dòng:cột.",
        "Check plans and report every problem at once, each with file:line:col.",
    ),
    "help-validate-strict": (
        "Cảnh báo cũng tính là lỗi (mã thoát 1).",
        "Warnings fail too (exit 1).",
    ),
    "help-cost": (
        "Dự toán: từng khoản chi với số lượng, đơn giá, thành tiền và căn cứ pháp lý.",
        "The dự toán: every cost line with quantity, rate, amount and legal basis.",
    ),
    "help-render": (
        "Xuất KẾ HOẠCH sẵn sàng trình ký (.docx), kèm phụ lục dự toán.",
        "Write the ready-to-sign KẾ HOẠCH (.docx), budget appendix included.",
    ),
    "help-render-output": ("Tệp .docx sẽ ghi.", "The .docx to write."),
    "help-render-template": (
        "Mẫu Word riêng của cơ quan (.docx có thẻ Jinja).",
        "Your own Word template (.docx with Jinja tags).",
    ),
    "help-render-pdf": (
        "Ghi thêm tệp PDF bên cạnh (cần LibreOffice).",
        "Also write a PDF next to it (needs LibreOffice).",
    ),
    "help-render-context": (
        "In các biến của mẫu dưới dạng JSON thay vì ghi tệp.",
        "Print the template variables as JSON instead.",
    ),
    "help-words": (
        "Đọc số tiền bằng chữ (theo cách viết trong văn bản tài chính).",
        "Read an amount in Vietnamese words (financial usage).",
    ),
    "help-words-amount": (
        "Số tiền (đồng): 1251000000 hoặc 1.251.000.000.",
        "An amount in đồng: 1251000000 or 1.251.000.000.",
    ),
    "help-rates": (
        "Bảng định mức: từng mức chi với số tiền, đơn vị, căn cứ, hiệu lực và dấu kiểm chứng.",
        "The rate tables: every rate with amount, unit, basis, validity and verified mark.",
    ),
    "help-rates-table": (
        "Mã bảng có sẵn hoặc đường dẫn tệp YAML; để trống để liệt kê các bảng.",
        "A shipped table id or a YAML path; none lists the tables.",
    ),
    "help-summary": (
        "Tổng hợp nhiều kế hoạch: số lớp, lượt học viên, số tiết, đoàn và người đi tham quan, "
        "kinh phí được giao và dự toán — tổng, theo năm, theo cấp địa điểm, theo đối tượng.\n\n"
        "Theo cấp địa điểm: mỗi lớp tính ở cấp nơi lớp học (tỉnh, huyện, xã), cả số liệu lớp lẫn "
        "các khoản chi của lớp; nhóm có lớp ở nhiều cấp thì khoản chi nhập tay (extra_lines) và số "
        "lượng nhập thay (overrides) tính vào cấp của venue nhóm (hoặc của lớp đầu tiên). Đoàn tham "
        "quan là một dòng riêng 'tours', chi chung theo tỷ lệ là dòng 'plan'; theo đối tượng cũng "
        "vậy. Các dòng của mỗi bảng cộng lại bằng dòng tổng. Kinh phí được giao chỉ có ở tổng và "
        "theo năm.\n\n"
        "Kế hoạch có lỗi được báo theo tệp (kèm các lỗi đầu tiên) và bỏ ra ngoài; các kế hoạch "
        "khác vẫn được tổng hợp; mã thoát 1 (2 nếu không đọc được tệp).",
        "Roll up plans: classes, trainees, periods, tours and tour people, ceilings and costed "
        "totals — overall, by year, by venue level, by audience.\n\n"
        "By level: each class counts at its venue level (province, district, commune), its figures "
        "and its cost lines alike; for a group with classes at several levels, its extra_lines and "
        "overrides go to the level of the group's venue (or of its first class). Study tours are a "
        "row of their own, 'tours', plan-wide percentage lines the row 'plan'; the same by "
        "audience. Each breakdown adds up to the overall row. Ceilings appear only overall and by "
        "year.\n\n"
        "A plan with errors is reported by file (with its first errors) and left out; the others "
        "are still summarised; exit 1 (2 for an unreadable file).",
    ),
    "help-schema": (
        "In JSON Schema của tệp kế hoạch (để trình soạn thảo gợi ý và kiểm tra khi gõ).",
        "Print the plan file's JSON Schema (for editors' completion and checking).",
    ),
    "help-schema-output": ("Ghi ra tệp này thay vì in ra màn hình.", "Write to this file instead."),
    "help-init": (
        "Tạo tệp kế hoạch mẫu có chú thích tiếng Việt; hỏi cơ quan, năm, địa danh khi chạy trong "
        "cửa sổ lệnh. Không ghi đè tệp có sẵn (mã thoát 2).",
        "Write a commented starter plan; asks for the agency, year and place when run in a "
        "terminal. Never overwrites a file (exit 2).",
    ),
    "help-init-path": (
        "Tệp sẽ tạo (.yaml; mặc định: kehoach.yaml, hoặc KẾ_HOẠCH.results.yaml với --results).",
        "The file to create (.yaml; default: kehoach.yaml, or PLAN.results.yaml with --results).",
    ),
    "help-init-yes": (
        "Không hỏi, dùng giá trị mặc định.",
        "Ask nothing, use the defaults.",
    ),
    "help-diff": (
        "So sánh hai bản kế hoạch (điều chỉnh kế hoạch): nhóm, đoàn tham quan, khoản chi và tổng "
        "dự toán thay đổi. Mã thoát 0 dù có hay không có thay đổi; 1 nếu một trong hai kế hoạch có "
        "lỗi; 2 nếu không đọc được tệp.",
        "Compare two versions of a plan (a mid-year revision): groups, tours, cost lines and the "
        "total that changed. Exit 0 whether or not they differ; 1 if either plan has errors; 2 if "
        "a file cannot be read.",
    ),
    "help-diff-old": ("Bản kế hoạch cũ (YAML).", "The old plan (YAML)."),
    "help-diff-new": ("Bản kế hoạch mới (YAML).", "The new plan (YAML)."),
    "help-usage": ("Cách dùng:", "Usage:"),
    "help-heading-options": ("Tùy chọn", "Options"),
    "help-heading-arguments": ("Đối số", "Arguments"),
    "help-heading-commands": ("Lệnh", "Commands"),
    "help-default": ("mặc định", "default"),
    "help-required": ("bắt buộc", "required"),
    "help-help": ("Hiện hướng dẫn này rồi thoát.", "Show this message and exit."),
    "help-fit": (
        "Tìm số lớp (số học viên mỗi lớp, số ngày, số học viên đi tham quan) để dự toán sát nhất "
        "với kinh phí được giao mà không vượt. Tìm chính xác trên mọi tổ hợp trong các khoảng "
        "--vary; mỗi phương án được tính lại bằng bộ tính dự toán.\n\n"
        "Mã thoát: 0 có phương án · 1 kế hoạch có lỗi, --vary sai hoặc không có tổ hợp nào trong "
        "kinh phí · 2 kế hoạch chưa có kinh phí được giao, không đọc được tệp hoặc không ghi được "
        "tệp ra.",
        "Find the class counts (class sizes, days, tour trainees) that bring the dự toán closest to "
        "the ceiling without exceeding it. Exact search over every combination of the --vary "
        "ranges; every option is costed again by the cost engine.\n\n"
        "Exit codes: 0 options found · 1 the plan has errors, a bad --vary or no combination under "
        "the ceiling · 2 the plan has no ceiling, an unreadable input or an unwritable output.",
    ),
    "help-fit-vary": (
        "NHÓM.TRƯỜNG=NHỎ..LỚN, lặp lại được; TRƯỜNG: classes, class_size, days của nhóm, trainees "
        "của đoàn tham quan. Ví dụ: --vary cong-dong.classes=8..12",
        "GROUP.FIELD=MIN..MAX, repeatable; FIELD: a group's classes, class_size, days, a tour's "
        "trainees. E.g. --vary cong-dong.classes=8..12",
    ),
    "help-fit-top": ("Số phương án in ra (tối đa 100).", "How many options to show (at most 100)."),
    "help-fit-write": (
        "Ghi kế hoạch với phương án tốt nhất ra tệp này (chỉ các số thay đổi; chú thích, thứ tự, "
        "dấu ngoặc giữ nguyên).",
        "Write the plan with the best option to this file (only those numbers change; comments, "
        "order and quoting are kept).",
    ),
    # --- issue 21: outputs named as folders, extensions, limits --------------------------------
    "output-folder-name": (
        "không ghi {name}: tên kết thúc bằng dấu phân cách thư mục (hoặc để trống) nên là tên một "
        "thư mục; hãy cho tên tệp",
        "refusing to write {name}: the name ends with a folder separator (or is empty), so it names "
        "a folder; give the name of a file",
    ),
    "init-results-ref-not-utf8": (
        "không ghi được đường dẫn tới kế hoạch {plan} vào tệp kết quả: tên thư mục chứa byte không "
        "phải UTF-8, tệp YAML không ghi được; hãy đổi tên thư mục hoặc đặt tệp kết quả cạnh kế hoạch",
        "the path to the plan {plan} cannot be written into the results file: a folder name holds "
        "bytes that are not UTF-8, which a YAML file cannot carry; rename the folder or put the "
        "results file beside the plan",
    ),
    "output-needs-extension": (
        "không ghi {path}: cap135 {command} ghi tệp có tên kết thúc bằng {choices}; hãy đặt tên như vậy",
        "refusing to write {path}: cap135 {command} writes files ending in {choices}; give such a name",
    ),
}


# Examples in the "expected a whole number" hint, by field: money gets an amount in đồng, a
# count or a number of days a small number (never a money example).
INTEGER_EXAMPLES: Mapping[str, str] = {
    "ceiling": "1251000000",
    "amount": "1500000",
    "year": "2020",
    "version": "1",
    "number": "15",
    "days": "3",
    "periods": "8",
    "classes": "2",
    "class_size": "50",
    "quantity": "10",
    "size": "40",
    "trainees": "15",
    "staff": "3",
}


def integer_example(field: str) -> str:
    """The example a whole-number hint gives for `field` (a small count when not listed)."""
    return INTEGER_EXAMPLES.get(field, "2")


def parse_lang(value: str) -> Lang | None:
    """`vi` or `en` (any case; a locale such as en_US.UTF-8 names its language); else None."""
    base = re.split(r"[_.@-]", value.strip().lower(), maxsplit=1)[0]
    return "en" if base == "en" else "vi" if base == "vi" else None


def requested_lang(args: Sequence[str]) -> tuple[str | None, str]:
    """The language asked for and where: a leading `--lang X` / `--lang=X`, else CAP135_LANG."""
    items = iter(args)
    for arg in items:
        if arg == "--lang":
            return next(items, ""), "--lang"
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1], "--lang"
        if not arg.startswith("-"):
            break  # the command name: --lang is an option of the app only
    return os.environ.get("CAP135_LANG") or None, "CAP135_LANG"


def lang_from_args(args: Sequence[str]) -> Lang:
    """The language of a run with these arguments (vi when none, or an unknown one, is asked)."""
    value, _ = requested_lang(args)
    return (parse_lang(value) if value is not None else None) or "vi"


def current_lang(explicit: str | None = None) -> Lang:
    """The language asked for (`explicit`, else CAP135_LANG, else vi); ValueError if unknown."""
    value = explicit if explicit is not None else os.environ.get("CAP135_LANG") or "vi"
    lang = parse_lang(value)
    if lang is None:
        raise ValueError(value)
    return lang


def message(code: str, lang: Lang, args: Mapping[str, Any] | None = None) -> str:
    """The catalogue text for `code`, filled in; an unknown code shows itself."""
    pair = CATALOGUE.get(code)
    if pair is None:
        return code
    text = pair[0] if lang == "vi" else pair[1]
    if not args:
        return text
    try:
        return text.format(**_worded(args, lang))
    except (KeyError, IndexError, ValueError):
        return text


def counted(code: str, count: int, lang: Lang) -> str:
    """`code` filled with `count`, in its singular form `<code>.one` when there is one."""
    return message(
        f"{code}.one" if count == 1 and f"{code}.one" in CATALOGUE else code, lang, {"count": count}
    )


def hint(code: str, lang: Lang, args: Mapping[str, Any] | None = None) -> str | None:
    key = f"{code}.hint"
    if key not in CATALOGUE:
        return None
    text = CATALOGUE[key][0] if lang == "vi" else CATALOGUE[key][1]
    try:
        return text.format(**_worded(args or {}, lang))
    except (KeyError, IndexError, ValueError):
        return None  # its arguments are missing (unknown-key without a suggestion): no hint
