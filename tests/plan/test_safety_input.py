"""Issue 12: values read as written (YAML 1.2 scalars, version, merge keys, unknown keys), non-regular
input files, and issue 11.6's shared pydantic translator and single NFC pass."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pytest
from conftest import QUANG_TRI, edited

from cap135.budget.analysis import analyze
from cap135.budget.rate_tables import RateTableError, load_table
from cap135.cli.app import app
from cap135.messages import hint, message
from cap135.plan.structure import MAX_FINDINGS_PER_CODE, build_plan
from cap135.plan.yaml_loader import UnreadableFile, load_text, read_file


def codes(text: str) -> list[str]:
    return [f.code for f in load_text(text, "x").findings]


# --- YAML 1.1 number and boolean forms ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("a: 015", "yaml-octal-number"),
        ("a: 060", "yaml-octal-number"),
        ("a: 08", "yaml-octal-number"),
        ("a: -007", "yaml-octal-number"),
        ("a: 1:30", "yaml-sexagesimal"),
        ("a: 190:20:30", "yaml-sexagesimal"),
        ("a: 0x1", "yaml-number-form"),
        ("a: 0o17", "yaml-number-form"),
        ("a: 0b101", "yaml-number-form"),
        ("a: 1_000", "yaml-number-form"),
        ("a: 1_000.5", "yaml-number-form"),
    ],
)
def test_numbers_read_differently_by_yaml_1_1_and_1_2_are_refused(text, code):
    loaded = load_text(text + "\n", "x")
    assert [f.code for f in loaded.findings] == [code]
    assert loaded.findings[0].line == 1 and loaded.findings[0].column == 4
    assert loaded.data == {"a": None}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("0", 0),
        ("-0", 0),
        ("15", 15),
        ("+15", 15),
        ("1.5", 1.5),
        ("0.5", 0.5),
        ("'015'", "015"),
        ('"1:30"', "1:30"),
        ("true", True),
        ("False", False),
        ("yes", "yes"),
        ("no", "no"),
        ("on", "on"),
        ("off", "off"),
        ("Yes", "Yes"),
        ("2020-05", "2020-05"),
    ],
)
def test_yaml_1_2_core_values(text, value):
    loaded = load_text(f"a: {text}\n", "x")
    assert loaded.findings == ()
    assert loaded.data == {"a": value}
    assert type(loaded.data["a"]) is type(value)


@pytest.mark.parametrize(("lang", "words"), [("en", "write 84 for the number"), ("vi", "viết 84 nếu là số")])
def test_octal_class_size_names_line_and_hint(runner, tmp_path, quang_tri_text, lang, words):
    old = "    classes: 2\n    class_size: 84\n"
    text, line = edited(quang_tri_text, old, old.replace("84", "084"))
    plan = tmp_path / "plan.yaml"
    plan.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["--lang", lang, "validate", str(plan)])
    assert result.exit_code == 1
    assert f"plan.yaml:{line + 1}:17" in result.output
    assert "yaml-octal-number" in result.output and words in result.output


def test_catalogue_entries_in_both_languages():
    for code, args in (
        ("yaml-octal-number", {"text": "015", "decimal": 15}),
        ("yaml-sexagesimal", {"text": "1:30", "value": 90}),
        ("yaml-number-form", {"text": "0x1", "decimal": 1}),
    ):
        vi, en = message(code, "vi", args), message(code, "en", args)
        assert vi != en and unicodedata.is_normalized("NFC", vi)
        assert hint(code, "vi", args) and hint(code, "en", args)


# --- version --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("true", "bad-version"),
        ("yes", "bad-version"),
        ("on", "bad-version"),
        ("1.0", "bad-version"),
        ("'1'", "bad-version"),
        ("0x1", "yaml-number-form"),
    ],
)
def test_version_must_be_the_integer_1(quang_tri_text, tmp_path, value, code):
    text, _ = edited(quang_tri_text, "version: 1\n", f"version: {value}\n")
    plan = tmp_path / "plan.yaml"
    plan.write_text(text, encoding="utf-8")
    analysis = analyze(plan)
    assert analysis.plan is None
    assert code in [f.code for f in analysis.findings if f.is_error]


def test_version_1_with_other_errors_reports_both():
    loaded = load_text("version: true\nyear: 2020\nnot_a_key: 1\n", "x")
    plan, findings = build_plan(loaded.data)
    assert plan is None
    found = [f.code for f in findings]
    assert "bad-version" in found and "unknown-key" in found


# --- merge keys ---------------------------------------------------------------------------------------


def test_merge_key_then_local_key_local_wins():
    loaded = load_text("base: &b {days: 2, size: 30}\ngroup:\n  <<: *b\n  days: 3\n", "x")
    assert loaded.findings == ()
    assert loaded.data["group"] == {"days": 3, "size": 30}


def test_local_key_before_merge_wins_and_duplicates_are_still_reported():
    loaded = load_text("base: &b {days: 2}\ngroup:\n  days: 3\n  <<: *b\n", "x")
    assert loaded.findings == () and loaded.data["group"] == {"days": 3}
    twice = load_text("base: &b {days: 2}\ngroup:\n  <<: *b\n  days: 3\n  days: 4\n", "x")
    assert [f.code for f in twice.findings] == ["duplicate-key"]
    assert twice.findings[0].line == 5


# --- unknown keys -----------------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["int", "str", "a[0]", "list[int]", "[key]", "function-after"])
def test_unknown_keys_are_named(quang_tri_text, key):
    old = "    classes: 2\n    class_size: 84\n"
    text, _ = edited(quang_tri_text, old, f"{old}    '{key}': 1\n")
    _, findings = build_plan(load_text(text, "x").data)
    unknown = [f for f in findings if f.code == "unknown-key"]
    assert [f.args["key"] for f in unknown] == [key]
    assert unknown[0].path == ("groups", 0, key)


def test_top_level_unknown_key_named_int():
    _, findings = build_plan({"version": 1, "year": 2020, "int": 5})
    assert ("unknown-key", "int") in [(f.code, f.args["key"]) for f in findings]


def test_many_unknown_keys_are_capped_with_a_count(quang_tri_text):
    extra = "".join(f"unknown_{i}: {i}\n" for i in range(5000))
    start = time.perf_counter()
    _, findings = build_plan(load_text(quang_tri_text + extra, "x").data)
    elapsed = time.perf_counter() - start
    unknown = [f for f in findings if f.code == "unknown-key"]
    more = [f for f in findings if f.code == "more-findings"]
    assert len(unknown) == MAX_FINDINGS_PER_CODE
    assert [m.args for m in more] == [{"count": 5000 - MAX_FINDINGS_PER_CODE, "kind": "unknown-key"}]
    assert "4900" in message("more-findings", "en", more[0].args)
    assert elapsed < 60  # the bound itself is a bench target (bench/run.py), not a timed test


def test_a_flood_of_unknown_keys_is_counted_before_pydantic_reads_it(quang_tri_text):
    """The flood path (without_flood, then validation) gives the very findings that reading
    every pydantic error gives, for unknown keys at the top, in a group and in a lesson, with
    keys of both codes (a split text and a name), each code shown up to its cap."""
    from pydantic import ValidationError

    from cap135.plan.model import Plan
    from cap135.plan.structure import _FLOOD, _all_field_names, validation_findings

    data = load_text(quang_tri_text, "x").data
    data.update({f"top_{i}": i for i in range(_FLOOD)})
    data.update({f"Cán bộ {i}": i for i in range(150)})
    group = data["groups"][0]
    group.update({f"g_{i}": i for i in range(2 * MAX_FINDINGS_PER_CODE)}, clases=2)
    group["lessons"][0].update({f"l_{i}": i for i in range(3)})
    _, flood = build_plan(data)
    with pytest.raises(ValidationError) as every:
        Plan.model_validate(data)
    assert every.value.error_count() > _FLOOD  # the flood path was taken
    assert flood == validation_findings(every.value, data, _all_field_names())
    shown = [f.code for f in flood]
    assert shown.count("unknown-key") == shown.count("unknown-key-text") == MAX_FINDINGS_PER_CODE
    more = {f.args["kind"]: f.args["count"] for f in flood if f.code == "more-findings"}
    assert more == {
        "unknown-key": _FLOOD + 2 * MAX_FINDINGS_PER_CODE + 1 + 3 - MAX_FINDINGS_PER_CODE,  # 1: clases
        "unknown-key-text": 150 - MAX_FINDINGS_PER_CODE,
    }


def test_suggestions_still_made_for_the_first_keys():
    _, findings = build_plan({"version": 1, "year": 2020, "yaer": 2020})
    found = {f.code: f.args for f in findings}
    assert found["unknown-key"] == {"key": "yaer", "suggestion": "year"}


# --- shared pydantic translator (rate tables) -------------------------------------------------------


def test_rate_table_errors_come_from_the_shared_translator(tmp_path):
    table = tmp_path / "t.yaml"
    table.write_text("id: t\ntitle: T\nrates: {}\nprofile: {}\nint: 5\n", encoding="utf-8")
    with pytest.raises(RateTableError) as caught:
        load_table(str(table))
    assert caught.value.line == 5
    assert caught.value.message == "int: " + message("unknown-key", "en", {"key": "int"})


# --- non-regular files -------------------------------------------------------------------------------


def _fifo(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    os.mkfifo(path)
    return path


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifo_plan_is_refused_not_waited_for(tmp_path):
    fifo = _fifo(tmp_path, "plan.yaml")
    with pytest.raises(UnreadableFile) as caught:
        read_file(fifo)
    assert caught.value.reason == "not-regular"
    # the CLI, in a process of its own so that a regression cannot hang the test run
    for lang, words in (("en", "not a regular file"), ("vi", "không phải là tệp thông thường")):
        proc = subprocess.run(
            [sys.executable, "-m", "cap135", "--lang", lang, "validate", str(fifo)],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert proc.returncode == 2
        assert "file-not-regular" in proc.stderr and words in proc.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifo_rate_table_is_refused(tmp_path, quang_tri_text):
    _fifo(tmp_path, "rates.yaml")
    text, _ = edited(quang_tri_text, "rates: quang-tri-2020\n", "rates: rates.yaml\n")
    plan = tmp_path / "plan.yaml"
    plan.write_text(text, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "cap135", "--lang", "en", "cost", str(plan)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 1
    assert "not a regular file" in proc.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifo_template_is_refused(tmp_path):
    fifo = _fifo(tmp_path, "t.docx")
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "cap135",
            "--lang",
            "en",
            "render",
            str(QUANG_TRI),
            "--template",
            str(fifo),
            "-o",
            str(tmp_path / "o.docx"),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2
    assert "error[template-not-regular]" in proc.stderr and "not a regular file" in proc.stderr


# --- one NFC pass ------------------------------------------------------------------------------------


def test_text_is_nfc_once_read_and_nowhere_else():
    loaded = load_text("a: Quye\u0302\u0300n\n", "x")
    assert loaded.data == {"a": "Quyền"}
    root = Path(__file__).resolve().parents[2] / "src" / "cap135"
    passes = [
        p.relative_to(root).as_posix()
        for p in root.rglob("*.py")
        if 'normalize("NFC"' in p.read_text(encoding="utf-8")
    ]
    # plan/yaml_loader.py: all text read from files; money.py: amounts typed on the command line
    # and the words it composes; text.py: nfc_deep, which the document contexts
    # (documents/kehoach_context.py, documents/baocao_context.py) apply to the text they compose
    # (the renderer itself does not normalise again).
    assert sorted(passes) == ["money.py", "plan/yaml_loader.py", "text.py"]
    composers = [
        p.relative_to(root).as_posix() for p in root.rglob("*.py") if "nfc_deep(" in p.read_text("utf-8")
    ]
    assert sorted(composers) == ["documents/baocao_context.py", "documents/kehoach_context.py", "text.py"]
