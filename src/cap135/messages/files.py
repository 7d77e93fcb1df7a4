"""Messages of reading a file (plan, results, rate table, template) and writing outputs safely.

Each entry: code → (Vietnamese, English); a hint is the entry "<code>.hint".
"""

from __future__ import annotations

from collections.abc import Mapping

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
    # --- reading a workbook (issue 23): what a file is when it is not an .xlsx ----------
    "workbook-encrypted": (
        "bảng tính được đặt mật khẩu; cap135 không mở được tệp có mật khẩu — hãy bỏ mật khẩu "
        "(Excel: Tệp > Thông tin > Bảo vệ sổ làm việc) rồi lưu lại dạng .xlsx",
        "the workbook is protected by a password; cap135 cannot open it — remove the password and "
        "save it again as .xlsx",
    ),
    "workbook-xls": (
        "tệp này là bảng tính Excel 97–2003 (.xls) hoặc tài liệu Office cũ; cap135 đọc bảng tính "
        ".xlsx — hãy mở bằng Excel hoặc LibreOffice và lưu lại dạng .xlsx (Excel 2007–365)",
        "this is an Excel 97–2003 workbook (.xls) or an old Office document; cap135 reads .xlsx "
        "workbooks — open it in Excel or LibreOffice and save it as .xlsx (Excel 2007–365)",
    ),
    "workbook-ods": (
        "tệp này là bảng tính LibreOffice (.ods); cap135 đọc bảng tính .xlsx — hãy chọn Lưu thành, "
        "kiểu tệp Excel 2007–365 (.xlsx)",
        "this is a LibreOffice spreadsheet (.ods); cap135 reads .xlsx workbooks — use Save As, "
        "type Excel 2007–365 (.xlsx)",
    ),
    "workbook-xlsb": (
        "tệp này là bảng tính nhị phân Excel (.xlsb); cap135 đọc bảng tính .xlsx — hãy lưu lại dạng .xlsx",
        "this is a binary Excel workbook (.xlsb); cap135 reads .xlsx workbooks — save it as .xlsx",
    ),
    "workbook-not-xlsx-docx": (
        "tệp này là văn bản Word (.docx), không phải bảng tính; cap135 đọc kế hoạch dạng .yaml "
        "hoặc bảng tính .xlsx",
        "this is a Word document (.docx), not a workbook; cap135 reads a plan as .yaml or as an "
        ".xlsx workbook",
    ),
    "workbook-not-xlsx-zip": (
        "tệp này là tệp nén ZIP nhưng không phải bảng tính .xlsx; cap135 đọc kế hoạch dạng .yaml "
        "hoặc bảng tính .xlsx",
        "this is a ZIP archive but not an .xlsx workbook; cap135 reads a plan as .yaml or as an "
        ".xlsx workbook",
    ),
    "workbook-not-zip": (
        "tệp có đuôi của bảng tính nhưng không phải bảng tính .xlsx (nội dung không phải tệp "
        "Excel); cap135 đọc kế hoạch dạng .yaml hoặc bảng tính .xlsx",
        "the file is named as a workbook but is not an .xlsx workbook; cap135 reads a plan as "
        ".yaml or as an .xlsx workbook",
    ),
    "workbook-damaged": (
        "bảng tính bị hỏng hoặc không trọn vẹn (tải về chưa hết?); hãy mở bằng Excel hoặc "
        "LibreOffice, lưu lại dạng .xlsx rồi thử lại",
        "the workbook is damaged or incomplete (a download cut short?); open it in Excel or "
        "LibreOffice, save it as .xlsx and try again",
    ),
    "workbook-too-large": (
        "bảng tính khi giải nén lớn hơn giới hạn {limit_mib} MiB",
        "the workbook unpacks to more than the {limit_mib} MiB limit",
    ),
    # --- issue 20: an unquoted colon in a text ---
    "yaml-colon": (
        "lỗi cú pháp YAML: dấu hai chấm trong một đoạn văn không đặt trong ngoặc kép",
        "YAML syntax error: a colon inside text that is not in quotes",
    ),
    "yaml-colon.hint": (
        'đặt cả đoạn văn trong ngoặc kép, ví dụ: title: "Kế hoạch: nâng cao năng lực"',
        'put the whole text in double quotes, e.g. title: "Kế hoạch: nâng cao năng lực"',
    ),
}
