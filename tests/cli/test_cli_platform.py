"""The CLI platform (issues 11, 13): click's own words, usage lines, metavars, the language
option, plurals and the one error hierarchy, in Vietnamese and English."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from conftest import QUANG_TRI, ROOT
from typer.main import get_command
from typer.testing import CliRunner

from cap135.budget.rate_tables import RateTableError
from cap135.cli.app import app
from cap135.cli.i18n import LocalizedCommand
from cap135.documents.atomic_files import OutputError
from cap135.documents.pdf import PdfError
from cap135.documents.template_errors import TemplateError
from cap135.errors import Cap135Error
from cap135.messages import CATALOGUE, counted, message
from cap135.plan.yaml_loader import UnreadableFile

VI_ENV = {"CAP135_LANG": None}
EN_ENV = {"CAP135_LANG": "en"}
ENGLISH_CLICK = re.compile(r"Usage:|Error:|Try '|No such|Missing|Got unexpected|Invalid value|\[OPTIONS\]")


def run(*args: str, env=None):
    return CliRunner().invoke(app, list(args), catch_exceptions=False, env=env or VI_ENV, prog_name="cap135")


CLICK_ERRORS = [
    (("frobnicate",), "usage-no-command", {"name": "frobnicate"}),
    (("cost",), "usage-missing-argument", None),
    (("validate", "--nosuch", str(QUANG_TRI)), "usage-no-option", {"name": "--nosuch"}),
    (("cost", str(QUANG_TRI), "extra.yaml"), "usage-extra-arguments", {"args": "'extra.yaml'"}),
    (("cost", "--format", "pdf", str(QUANG_TRI)), "usage-bad-value", {"name": "'--format'"}),
    (("cost", str(QUANG_TRI), "--format"), "usage-option-needs-value", {"name": "--format"}),
]


@pytest.mark.parametrize(("args", "code", "fields"), CLICK_ERRORS, ids=[c[1] for c in CLICK_ERRORS])
def test_click_errors_in_both_languages(args, code, fields):
    vi = run(*args)
    assert vi.exit_code == 2, vi.output
    assert not ENGLISH_CLICK.search(vi.output), vi.output
    en = run(*args, env=EN_ENV)
    assert en.exit_code == 2
    assert "Error: " in en.output
    for lang, result in (("vi", vi), ("en", en)):
        if fields is None:  # the message names the localized metavar of the argument
            expected = message(code, lang, {"name": f"'{message('metavar-plan', lang)}'"})
        else:
            expected = message(code, lang, fields)
        assert expected in result.output, (lang, result.output)


def test_a_usage_error_shows_the_localized_usage_and_help_hint():
    vi = run("cost")
    assert "Cách dùng: cap135 cost [TÙY CHỌN] KẾ_HOẠCH" in vi.output
    assert "Chạy 'cap135 cost --help' để xem hướng dẫn." in vi.output
    assert vi.output.rstrip().endswith("Lỗi: thiếu đối số 'KẾ_HOẠCH'")
    en = run("cost", env=EN_ENV)
    assert "Usage: cap135 cost [OPTIONS] PLAN" in en.output
    assert "Try 'cap135 cost --help' for help." in en.output


def test_an_unknown_command_suggests_the_closest():
    result = run("cots")
    assert "có phải ý bạn là 'cost'?" in result.output
    assert "did you mean 'cost'?" in run("cots", env=EN_ENV).output


def test_an_invalid_choice_names_the_value_and_the_choices():
    vi = run("cost", "--format=pdf", str(QUANG_TRI))
    assert "'pdf'" in vi.output and "table, json, csv hoặc xlsx" in vi.output
    en = run("cost", "--format", "pdf", str(QUANG_TRI), env=EN_ENV)
    assert "'pdf'" in en.output and "table, json, csv or xlsx" in en.output


def test_missing_command_in_both_languages():
    assert message("usage-missing-command", "vi") in run("--debug").output
    assert message("usage-missing-command", "en") in run("--debug", env=EN_ENV).output


@pytest.mark.parametrize(
    "command", ["validate", "cost", "render", "words", "rates", "summary", "init", "diff"]
)
def test_usage_lines_and_metavars_are_localized(command):
    vi = run(command, "--help").stdout
    assert not re.search(r"\[OPTIONS\]|<list\[|<Path>|<str>|\{[a-z]+\}", vi), vi
    assert f"Cách dùng: cap135 {command} [TÙY CHỌN]" in vi
    en = run(command, "--help", env=EN_ENV).stdout
    assert f"Usage: cap135 {command} [OPTIONS]" in en
    assert not re.search(r"<list\[|<Path>|<str>|\{[a-z]+\}", en), en


def test_argument_metavars_in_help():
    vi = run("validate", "--help").stdout
    assert re.search(r"^  KẾ_HOẠCH\.\.\.\s+Các tệp kế hoạch", vi, re.M), vi
    assert "Cách dùng: cap135 validate [TÙY CHỌN] KẾ_HOẠCH..." in vi
    en = run("diff", "--help", env=EN_ENV).stdout
    assert "Usage: cap135 diff [OPTIONS] OLD NEW" in en
    assert "-o, --output FILE" in run("cost", "--help", env=EN_ENV).stdout
    assert "-o, --output TỆP" in run("cost", "--help").stdout
    app_help = run("--help").stdout
    assert "Cách dùng: cap135 [TÙY CHỌN] LỆNH [ĐỐI SỐ]..." in app_help and "--lang <vi|en>" in app_help


@pytest.mark.parametrize(
    ("args", "env", "source"),
    [
        (("--lang", "fr", "words", "5"), VI_ENV, "--lang"),
        (("--lang=", "words", "5"), VI_ENV, "--lang"),
        (("words", "5"), {"CAP135_LANG": "fr"}, "CAP135_LANG"),
        (("--help",), {"CAP135_LANG": "english"}, "CAP135_LANG"),
    ],
)
def test_an_unknown_language_is_an_error(args, env, source):
    result = run(*args, env=env)
    assert result.exit_code == 2, result.output
    got = {"--lang": "fr" if "fr" in args else "", "CAP135_LANG": env.get("CAP135_LANG")}[source]
    assert message("bad-lang", "vi", {"got": got, "source": source}) in result.output


def test_an_unknown_lang_option_is_reported_in_the_environment_language():
    result = run("--lang", "de", "words", "5", env=EN_ENV)
    assert result.exit_code == 2
    assert message("bad-lang", "en", {"got": "de", "source": "--lang"}) in result.output


@pytest.mark.parametrize("value", ["en", "EN", "en_US.UTF-8", "en-GB"])
def test_english_names_accepted(value):
    result = run("words", "x", env={"CAP135_LANG": value})
    assert message("bad-amount", "en", {"text": "x"}) in result.output


@pytest.mark.parametrize(
    ("count", "lang", "expected"),
    [
        (0, "en", "0 errors"),
        (1, "en", "1 error"),
        (2, "en", "2 errors"),
        (1, "vi", "1 lỗi"),
        (3, "vi", "3 lỗi"),
    ],
)
def test_error_counts_plural(count, lang, expected):
    assert counted("count-errors", count, lang) == expected


def test_warning_counts_plural():
    assert counted("count-warnings", 1, "en") == "1 warning"
    assert counted("count-warnings", 2, "en") == "2 warnings"
    assert counted("count-warnings", 1, "vi") == "1 cảnh báo"


def test_every_command_is_localized():
    """A command added without cls=LocalizedCommand would show click's English usage line."""
    group = get_command(app)
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        assert isinstance(command, LocalizedCommand), name


def test_no_private_typer_or_click_module_is_imported():
    for path in (ROOT / "src" / "cap135").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"\b_click\b", text), path


def test_the_catalogue_is_nfc():
    for code, pair in CATALOGUE.items():
        for text in pair:
            assert unicodedata.normalize("NFC", text) == text, code


# --- the error hierarchy ---------------------------------------------------------------------


@pytest.mark.parametrize("klass", [UnreadableFile, OutputError, TemplateError, PdfError, RateTableError])
def test_every_user_error_is_a_cap135_error(klass):
    assert issubclass(klass, Cap135Error)


def test_errors_name_their_catalogue_code_in_both_languages():
    cases = [
        (UnreadableFile("a.yaml", "permission"), "file-permission", "a.yaml: "),
        (OutputError("Cannot write x", Path("x"), "output-permission"), "output-permission", ""),
        (TemplateError("…", code="template-not-found", template="t.docx"), "template-not-found", ""),
        (PdfError("…", code="pdf-no-soffice"), "pdf-no-soffice", ""),
        (
            RateTableError("…", "t.yaml", code="rate-table-not-found", where="t.yaml"),
            "rate-table-not-found",
            "",
        ),
    ]
    for error, code, prefix in cases:
        assert error.code == code and error.exit_code == 2
        for lang in ("vi", "en"):
            text = message(code, lang, {"path": "x", "template": "t.docx", "where": "t.yaml"})
            assert error.as_line(lang) == f"{prefix}error[{code}]: {text}"


def test_a_template_error_in_both_languages(tmp_path):
    missing = tmp_path / "nosuch.docx"
    args = ("render", str(QUANG_TRI), "-o", str(tmp_path / "out.docx"), "--template", str(missing))
    vi = run(*args)
    assert vi.exit_code == 2
    assert f"error[template-not-found]: không tìm thấy mẫu {missing}" in vi.stderr
    en = run(*args, env=EN_ENV)
    assert f"error[template-not-found]: the template {missing} does not exist" in en.stderr


def test_a_template_tag_error_names_the_tag_in_both_languages(tmp_path):
    from docx import Document

    template = tmp_path / "t.docx"
    document = Document()
    document.add_paragraph("{{ 1 / 0 }}")
    document.save(str(template))
    args = ("render", str(QUANG_TRI), "-o", str(tmp_path / "out.docx"), "--template", str(template))
    vi = run(*args)
    assert vi.exit_code == 2
    assert "error[template-tag-failed]: mẫu" in vi.stderr and "Thẻ: {{ 1 / 0 }}" in vi.stderr
    en = run(*args, env=EN_ENV)
    assert "error[template-tag-failed]: template" in en.stderr and "Tag: {{ 1 / 0 }}" in en.stderr


def test_a_pdf_error_in_both_languages(tmp_path, monkeypatch):
    import shutil

    monkeypatch.setattr(shutil, "which", lambda name: None)
    args = ("render", str(QUANG_TRI), "-o", str(tmp_path / "out.docx"), "--pdf")
    vi = run(*args)
    assert vi.exit_code == 2
    assert "error[pdf-no-soffice]: " + message("pdf-no-soffice", "vi") in vi.stderr
    en = run(*args, env=EN_ENV)
    assert "error[pdf-no-soffice]: " + message("pdf-no-soffice", "en") in en.stderr


def test_a_rate_table_error_in_both_languages():
    vi = run("rates", "nosuch")
    assert vi.exit_code == 2
    assert "error[rate-table-unknown]: không có bảng định mức 'nosuch'" in vi.stderr
    en = run("rates", "nosuch", env=EN_ENV)
    assert "error[rate-table-unknown]: unknown rate table 'nosuch'" in en.stderr


def test_cli_has_one_place_for_errors():
    """No command catches the error classes one by one any more."""
    text = "\n".join(
        p.read_text(encoding="utf-8") for p in sorted((ROOT / "src" / "cap135" / "cli").glob("*.py"))
    )
    for name in ("OutputError", "TemplateError", "PdfError", "RateTableError"):
        assert f"except {name}" not in text, name


def test_a_broken_rate_table_file_in_both_languages(tmp_path):
    table = tmp_path / "table.yaml"
    table.write_text("id: x\nid: y\nid: z\n", encoding="utf-8")
    vi = run("rates", str(table))
    assert vi.exit_code == 2
    assert f"error[rate-table]: bảng định mức: {table}:2:1: khóa 'id' bị lặp lại (và 1 lỗi khác)" in vi.stderr
    en = run("rates", str(table), env=EN_ENV)
    assert (
        f"error[rate-table]: rate table: {table}:2:1: duplicate key 'id' (and 1 more problem(s))" in en.stderr
    )


@pytest.mark.parametrize(
    ("table_text", "vi_problem", "en_problem"),
    [
        (
            "id: t\ntitle: T\nextends: [t.yaml]\n",
            "3:11: extends tạo thành vòng: t.yaml → t.yaml",
            "3:11: extends cycle",
        ),
        (
            "id: t\ntitle: T\nextends: [nope]\n",
            "3:11: không có bảng định mức 'nope'",
            "3:11: unknown rate table 'nope'",
        ),
        (
            "id: t\ntitle: T\nrates:\n  x.y:\n    - {amount: 1.5, unit: person_day, basis: b,"
            " from: 2020-01-01}\n",
            "5:8: rates.x.y[0].amount: số tiền phải là số nguyên đồng",
            "5:8: rates.x.y[0].amount: money must be a whole number",
        ),
        (
            "id: t\ntitle: T\nrates:\n  x.y:\n    - {amount: 1, unit: person_day, basis: b,"
            " from: 2020-06-01, to: 2020-01-01}\n",
            "5:7: rates.x.y[0]: ngày kết thúc 'to' (01/01/2020) trước ngày bắt đầu 'from' (01/06/2020)",
            "5:7: rates.x.y[0]: 'to' (01/01/2020) is before 'from' (01/06/2020)",
        ),
    ],
)
def test_a_plans_rate_table_problem_is_in_the_readers_language(tmp_path, table_text, vi_problem, en_problem):
    """The plan finding that carries a rate table's problem is worded in the language of the
    run, like the problem of a table named on the command line."""
    (tmp_path / "t.yaml").write_text(table_text, encoding="utf-8")
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        re.sub(r"(?m)^rates: .*$", "rates: t.yaml", QUANG_TRI.read_text(encoding="utf-8")), "utf-8"
    )
    vi = run("validate", str(plan))
    assert vi.exit_code == 1
    assert f"error[rate-table]: bảng định mức: {tmp_path / 't.yaml'}:{vi_problem}" in vi.stdout
    en = run("validate", str(plan), env=EN_ENV)
    assert f"error[rate-table]: rate table: {tmp_path / 't.yaml'}:{en_problem}" in en.stdout
    assert "bảng định mức" not in en.stdout
