"""Messages and help in Vietnamese by default, English with --lang en or CAP135_LANG=en (issue 7)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from conftest import QUANG_TRI, ROOT
from typer.testing import CliRunner

from cap135.cli.app import app
from cap135.cli.i18n import lang_from_args
from cap135.messages import CATALOGUE, message

CLI_MODULES = sorted((ROOT / "src" / "cap135" / "cli").glob("*.py"))
COMMANDS = ("validate", "cost", "render", "words", "rates", "summary", "schema", "init", "diff")
VI_ENV = {"CAP135_LANG": None}
EN_ENV = {"CAP135_LANG": "en"}
CODE_LEAK = re.compile(r"\bhelp-[a-z]")


def run(*args: str, env=None):
    return CliRunner().invoke(app, list(args), catch_exceptions=False, env=env or VI_ENV)


def first_words(code: str, lang: str, n: int = 4) -> str:
    return " ".join(message(code, lang).split()[:n])


def test_app_help_is_vietnamese_by_default():
    result = run("--help")
    assert result.exit_code == 0
    out = result.stdout
    for text in ("Cách dùng: ", "Tùy chọn:", "Lệnh:", "Mã thoát", "Hiện hướng dẫn này rồi thoát."):
        assert text in out, text
    assert "Usage:" not in out and "Show this message" not in out
    assert not CODE_LEAK.search(out)
    for command in COMMANDS:
        assert re.search(rf"^  {command}\s", out, re.M), command


@pytest.mark.parametrize("how", ["env", "option", "option="])
def test_app_help_in_english(how):
    if how == "env":
        result = run("--help", env=EN_ENV)
    elif how == "option":
        result = run("--lang", "en", "--help")
    else:
        result = run("--lang=en", "--help")
    out = result.stdout
    for text in ("Usage: ", "Options:", "Commands:", "Exit codes", "Show this message and exit."):
        assert text in out, text
    assert "Cách dùng" not in out and not CODE_LEAK.search(out)


def test_no_arguments_shows_the_help():
    result = run()
    assert "Cách dùng: " in result.output and "Lệnh:" in result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_help_in_both_languages(command):
    vi = run(command, "--help")
    assert vi.exit_code == 0
    assert first_words(f"help-{command}", "vi") in " ".join(vi.stdout.split())
    assert "Cách dùng:" in vi.stdout and "Tùy chọn:" in vi.stdout
    assert not CODE_LEAK.search(vi.stdout)
    en = run(command, "--help", env=EN_ENV)
    assert first_words(f"help-{command}", "en") in " ".join(en.stdout.split())
    assert "Usage:" in en.stdout and "Options:" in en.stdout
    assert not CODE_LEAK.search(en.stdout)
    assert run("--lang", "en", command, "--help").stdout == en.stdout


def test_option_help_and_click_words_are_translated():
    vi = " ".join(run("cost", "--help").stdout.split())
    assert message("help-output-xlsx", "vi") in vi
    assert "[mặc định: table]" in vi
    assert "[bắt buộc]" in vi
    en = " ".join(run("cost", "--help", env=EN_ENV).stdout.split())
    assert message("help-output-xlsx", "en") in en
    assert "[default: table]" in en and "[required]" in en


def test_summary_help_documents_how_tours_and_money_split():
    vi = " ".join(run("summary", "--help").stdout.split())
    assert "'tours'" in vi and "Kinh phí được giao chỉ có ở tổng và theo năm" in vi
    en = " ".join(run("summary", "--help", env=EN_ENV).stdout.split())
    assert "Study tours are a row of their own, 'tours'" in en


def test_diff_help_documents_the_exit_codes():
    en = " ".join(run("diff", "--help", env=EN_ENV).stdout.split())
    assert "Exit 0 whether or not they differ" in en


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (("cost", str(QUANG_TRI), "--format", "xlsx"), "xlsx-needs-output"),
        (("render", str(QUANG_TRI)), "render-needs-output"),
        (("words", "mười"), "bad-amount"),
    ],
)
def test_cli_errors_in_both_languages(args, code):
    vi = run(*args)
    assert vi.exit_code == 2
    assert message(code, "vi", {"text": "mười"}) in vi.stderr
    en = run(*args, env=EN_ENV)
    assert message(code, "en", {"text": "mười"}) in en.stderr
    assert run("--lang", "en", *args).stderr == en.stderr


def test_findings_in_both_languages(tmp_path, quang_tri_text):
    plan = tmp_path / "plan.yaml"
    plan.write_text(quang_tri_text.replace("classes: 9", "classes: chín"), encoding="utf-8")
    vi = run("validate", str(plan))
    assert "cần một số nguyên" in vi.stdout and "1 lỗi" in vi.stdout
    en = run("validate", str(plan), env=EN_ENV)
    assert "expected a whole number" in en.stdout and "1 error, 2 warnings" in en.stdout
    assert "1 errors" not in en.stdout
    assert run("--lang", "vi", "validate", str(plan), env=EN_ENV).stdout == vi.stdout


def test_lang_from_args():
    assert lang_from_args(["--lang", "en", "validate"]) == "en"
    assert lang_from_args(["--lang=en"]) == "en"
    assert lang_from_args(["--debug", "--lang", "vi", "cost"]) == "vi"
    # a plan file named like the option, after the command, is not the option
    assert lang_from_args(["validate", "--lang", "en"]) in ("vi", "en")


def _help_codes() -> set[str]:
    trees = [ast.parse(path.read_text(encoding="utf-8")) for path in CLI_MODULES]
    return {
        kw.value.value
        for tree in trees
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        for kw in node.keywords
        if kw.arg == "help" and isinstance(kw.value, ast.Constant)
    }


def test_every_help_in_cli_is_a_catalogue_code():
    codes = _help_codes()
    assert len(codes) > 25
    assert all(code.startswith("help-") for code in codes), codes
    assert not [code for code in codes if code not in CATALOGUE]


def test_cli_prints_no_hard_coded_sentence():
    """What the cli package shows comes from the catalogue; literals may only be tags like error[output]."""
    trees = [ast.parse(path.read_text(encoding="utf-8")) for path in CLI_MODULES]
    printers = {"fail", "echo", "prompt"}
    offenders = []
    for node in (node for tree in trees for node in ast.walk(tree)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name not in printers or not node.args:
            continue
        first = node.args[0]
        parts = [first] if isinstance(first, ast.Constant) else getattr(first, "values", [])
        for part in parts:
            if isinstance(part, ast.Constant) and isinstance(part.value, str):
                words = re.sub(r"error\[[a-z-]*\]?|\bfile-|cap135", "", part.value)
                if re.search(r"[A-Za-zÀ-ỹ]{2,}", words):
                    offenders.append((node.lineno, part.value))
    assert not offenders


def test_catalogue_texts_are_unique_and_complete():
    seen: dict[str, str] = {}
    for code, (vi, en) in CATALOGUE.items():
        assert vi and en, code
        base = code.removesuffix(".one")  # a singular form may repeat its plural's text
        for text in (vi, en):
            assert text not in seen or seen[text] == base, (code, seen.get(text))
            seen[text] = base
        assert set(re.findall(r"{(\w+)}", vi)) == set(re.findall(r"{(\w+)}", en)), code


def test_help_codes_not_used_as_finding_codes():
    src = ROOT / "src" / "cap135"
    for path in Path(src).rglob("*.py"):
        assert '"help-' not in path.read_text(encoding="utf-8") or path.parent.name in ("cli", "messages")


def test_every_code_is_defined_by_one_stage_catalogue():
    from cap135.messages import STAGES

    assert sum(len(stage) for stage in STAGES) == len(CATALOGUE)


def test_counted_fills_other_arguments_and_picks_the_singular():
    from cap135.messages import counted

    one = counted("render-warnings", 1, "en", {"file": "k.yaml"})
    two = counted("render-warnings", 2, "en", {"file": "k.yaml"})
    assert one.startswith("k.yaml: 1 thing to review ")
    assert two.startswith("k.yaml: 2 things to review ")
    assert counted("render-warnings", 2, "vi", {"file": "k.yaml"}).startswith("k.yaml: 2 điều cần rà soát")
