"""Messages of the command line: usage errors, exit codes, counts, and every --help text.

Each entry: code → (Vietnamese, English); a hint is the entry "<code>.hint".
"""

from __future__ import annotations

from collections.abc import Mapping

CATALOGUE: Mapping[str, tuple[str, str]] = {
    # --- CLI ----------------------------------------------------------------
    "summary-ok": ("{file}: không có lỗi", "{file}: no errors"),
    "summary-counts": ("{errors}, {warnings}", "{errors}, {warnings}"),  # count-errors, count-warnings
    "severity-error": ("lỗi", "error"),
    "severity-warning": ("cảnh báo", "warning"),
    "hint": ("gợi ý", "hint"),
    "example": ("cách viết đúng", "right form"),
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
    "help-plan": ("Tệp kế hoạch (YAML hoặc bảng tính .xlsx).", "Plan file (YAML or an .xlsx workbook)."),
    "help-plans": (
        "Các tệp kế hoạch (YAML hoặc bảng tính .xlsx).",
        "Plan files (YAML or .xlsx workbooks).",
    ),
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
        "cửa sổ lệnh. --rates: bảng định mức của tỉnh; --results: tệp kết quả. Không ghi đè tệp có "
        "sẵn (mã thoát 2).",
        "Write a commented starter plan; asks for the agency, year and place when run in a "
        "terminal. --rates: the province's rate table; --results: a results file. Never overwrites "
        "a file (exit 2).",
    ),
    "help-init-path": (
        "Tệp sẽ tạo (.yaml hoặc .xlsx; mặc định: kehoach.yaml, KẾ_HOẠCH.results.yaml với --results, "
        "dinhmuc.yaml với --rates).",
        "The file to create (.yaml or .xlsx; default: kehoach.yaml, PLAN.results.yaml with --results, "
        "dinhmuc.yaml with --rates).",
    ),
    "help-init-rates": (
        "Tạo bảng định mức của tỉnh (kế thừa bảng quốc gia) thay cho kế hoạch: mọi mức của bảng quốc "
        "gia theo thứ tự dự toán, với tên khoản chi, đơn vị, mức quốc gia của năm và căn cứ; để "
        "nguyên thì tính như bảng quốc gia. Tệp mặc định: dinhmuc.yaml.",
        "Write the province's rate table (extending the national one) instead of a plan: every "
        "national rate in the dự toán's order, with its item, unit, the year's national amount and "
        "basis; left as written it costs as the national table. Default file: dinhmuc.yaml.",
    ),
    "help-init-year": (
        "Năm của kế hoạch mẫu, hoặc năm có mức quốc gia ghi trong bảng định mức (--rates); mặc định: "
        "năm nay, từ tháng 10 là năm sau.",
        "The year of the starter plan, or whose national amounts the rate table shows (--rates); "
        "default: this year, next year from October.",
    ),
    "metavar-year": ("NĂM", "YEAR"),
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
    "help-diff-old": ("Bản kế hoạch cũ (YAML hoặc .xlsx).", "The old plan (YAML or .xlsx)."),
    "help-diff-new": ("Bản kế hoạch mới (YAML hoặc .xlsx).", "The new plan (YAML or .xlsx)."),
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
        "NHÓM.TRƯỜNG=NHỎ..LỚN, lặp lại được; TRƯỜNG: classes, class_size, days của nhóm ghi số lớp; "
        "size (mọi lớp cùng sĩ số), days của nhóm liệt kê từng lớp; NHÓM.K.size, NHÓM.K.count cho "
        "lớp thứ K trong danh sách (từ 1); trainees của đoàn tham quan. Ví dụ: --vary "
        "cong-dong.classes=8..12, --vary cong-dong-huyen.2.count=1..3",
        "GROUP.FIELD=MIN..MAX, repeatable; FIELD: classes, class_size, days of a group with a class "
        "count; size (every class the same size), days of a group listing its classes; GROUP.K.size, "
        "GROUP.K.count for its K-th listed class (from 1); a tour's trainees. E.g. --vary "
        "cong-dong.classes=8..12, --vary cong-dong-huyen.2.count=1..3",
    ),
    "help-fit-top": ("Số phương án in ra (tối đa 100).", "How many options to show (at most 100)."),
    "help-fit-max": (
        "NHÓM=N, lặp lại được: nhóm có nhiều nhất N học viên (số người đủ điều kiện ở các xã của "
        "nhóm); phương án vượt không được đưa ra.",
        "GROUP=N, repeatable: the group has at most N trainees (those eligible in its communes); "
        "no option passes it.",
    ),
    "metavar-max": ("NHÓM=N", "GROUP=N"),
    "help-fit-write": (
        "Ghi kế hoạch với phương án tốt nhất ra tệp này (chỉ các số thay đổi; chú thích, thứ tự, "
        "dấu ngoặc giữ nguyên).",
        "Write the plan with the best option to this file (only those numbers change; comments, "
        "order and quoting are kept).",
    ),
    # --- cap135 convert (issue 23) ------------------------------------------------------
    "help-convert": (
        "Chuyển kế hoạch hoặc tệp kết quả giữa hai dạng YAML và bảng tính Excel (.xlsx); chiều "
        "chuyển theo đuôi tệp. Không ghi đè tệp có sẵn nếu không có --force.\n\n"
        "Mã thoát: 0 đã chuyển · 1 tệp vào có lỗi · 2 không đọc được tệp vào hoặc không ghi được "
        "tệp ra.",
        "Convert a plan or a results file between YAML and an Excel workbook (.xlsx); the direction "
        "follows the file extensions. Never overwrites a file without --force.\n\n"
        "Exit codes: 0 converted · 1 the input has errors · 2 an unreadable input or an unwritable "
        "output.",
    ),
    "help-convert-input": ("Tệp vào (.yaml hoặc .xlsx).", "The input file (.yaml or .xlsx)."),
    "help-convert-output": ("Tệp ra (.xlsx hoặc .yaml).", "The output file (.xlsx or .yaml)."),
    "help-convert-force": ("Ghi đè tệp ra nếu đã có.", "Overwrite the output if it exists."),
    "convert-needs-output": (
        "cần -o TỆP_RA (.yaml hoặc .xlsx)",
        "give -o OUTPUT (.yaml or .xlsx)",
    ),
    "convert-exists": (
        "{path} đã có; thêm --force để ghi đè",
        "{path} already exists; add --force to overwrite it",
    ),
    "convert-unknown-form": (
        "không biết chuyển sang dạng nào theo tên {path}; tệp ra phải có đuôi .yaml, .yml hoặc .xlsx",
        "cannot tell the form to write from the name {path}; the output must end in .yaml, .yml or .xlsx",
    ),
    "convert-same-form": (
        "{source} và {path} cùng một dạng; convert chuyển YAML sang .xlsx hoặc .xlsx sang YAML",
        "{source} and {path} have the same form; convert turns YAML into .xlsx or .xlsx into YAML",
    ),
    "convert-has-errors": (
        "{file} có lỗi; sửa các lỗi trên rồi chuyển lại",
        "{file} has errors; fix the errors above and convert again",
    ),
    # --- issue 20: render --draft, placeholders and warnings at render; rates --unverified; fit metavar ---
    "render-placeholders": (
        "{file}: còn {count} chỗ trống của kế hoạch mẫu (xem các dòng trên): văn bản trình ký chưa in được; "
        "điền các chỗ trống, hoặc in bản dự thảo với --draft",
        "{file}: {count} placeholders of the starter plan are left (see above): the document for "
        "signature cannot be printed yet; fill them in, or print a draft with --draft",
    ),
    "render-placeholders.one": (
        "{file}: còn {count} chỗ trống của kế hoạch mẫu (xem dòng trên): văn bản trình ký chưa in được; "
        "điền chỗ trống đó, hoặc in bản dự thảo với --draft",
        "{file}: {count} placeholder of the starter plan is left (see above): the document for "
        "signature cannot be printed yet; fill it in, or print a draft with --draft",
    ),
    "render-warnings": (
        "{file}: {count} điều cần rà soát trước khi trình ký (bản --draft liệt kê đủ)",
        "{file}: {count} things to review before signature (the --draft copy lists them all)",
    ),
    "render-warnings.one": (
        "{file}: {count} điều cần rà soát trước khi trình ký (bản --draft ghi rõ)",
        "{file}: {count} thing to review before signature (the --draft copy lists it)",
    ),
    "help-render-draft": (
        "In bản dự thảo: ghi DỰ THẢO ở đầu văn bản và làm hình mờ, liệt kê mọi giả định, mọi mức chi "
        "chưa kiểm chứng hoặc tạm tính để rà soát; in được cả kế hoạch còn chỗ trống của tệp mẫu.",
        "Print a draft: marked DỰ THẢO at the top and as a watermark, listing every assumption and "
        "every unverified or provisional rate for review; a plan with starter placeholders prints too.",
    ),
    "help-rates-unverified": (
        "Chỉ liệt kê các mức chưa kiểm chứng (còn phải đối chiếu), kèm ghi chú của từng mức; không nêu "
        "bảng: mọi bảng có sẵn.",
        "List only the values not yet verified (still to check), each with its note; without a table: "
        "every shipped table.",
    ),
    "metavar-vary": ("NHÓM.TRƯỜNG=NHỎ..LỚN", "GROUP.FIELD=MIN..MAX"),
    # --- issue 25 ------------------------------------------------------------------------
    "help-report-draft": (
        "Bản dự thảo (ghi DỰ THẢO ở đầu văn bản và làm hình mờ): in được cả khi phần đánh giá chưa "
        "viết xong.",
        "A draft copy (marked DỰ THẢO at the top and as a watermark): renders even before the "
        "assessment is written.",
    ),
    # --- issue 21: outputs named as folders, extensions; a results file's plan path --------------
    "output-folder-name": (
        "không ghi {name}: tên kết thúc bằng dấu phân cách thư mục (hoặc để trống) nên là tên một "
        "thư mục; hãy cho tên tệp",
        "refusing to write {name}: the name ends with a folder separator (or is empty), so it names "
        "a folder; give the name of a file",
    ),
    "output-needs-extension": (
        "không ghi {path}: cap135 {command} ghi tệp có tên kết thúc bằng {choices}; hãy đặt tên như vậy",
        "refusing to write {path}: cap135 {command} writes files ending in {choices}; give such a name",
    ),
    "init-results-ref-not-utf8": (
        "không ghi được đường dẫn tới kế hoạch {plan} vào tệp kết quả: tên thư mục chứa byte không "
        "phải UTF-8, tệp YAML không ghi được; hãy đổi tên thư mục hoặc đặt tệp kết quả cạnh kế hoạch",
        "the path to the plan {plan} cannot be written into the results file: a folder name holds "
        "bytes that are not UTF-8, which a YAML file cannot carry; rename the folder or put the "
        "results file beside the plan",
    ),
}
