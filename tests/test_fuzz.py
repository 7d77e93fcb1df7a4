"""Property-based fuzzing (issue 5): no file makes cap135 raise, every run ends 0, 1 or 2 with a message.

Hypothesis drives the generators of bench/fuzz.py (through `st.randoms()`, so failures shrink and
replay) plus its own strategies for YAML documents, bytes and words. Each example goes through
`cap135.budget.analysis.analyze` and `cap135.cli.findings_output` (every finding, text and JSON,
vi and en); a smaller
sample goes through the CLI in-process with `catch_exceptions=False`, so an exception fails the
test instead of becoming exit 3. `python bench/fuzz.py --cases 10000 --seed 1` is the long run.

The bugs this fuzzing found in cap135.budget.rate_tables, the text table and cli have regression
tests at the end (`test_regression_*`).
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import textwrap
import unicodedata
from pathlib import Path

import pytest
import yaml
from conftest import PLANS, QUANG_TRI
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cap135.budget.analysis import analyze
from cap135.cli.app import app
from cap135.plan import yaml_loader as loader
from cap135.plan.yaml_loader import UnreadableFile, load_bytes, load_text, read_file

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("cap135_bench_fuzz", ROOT / "bench" / "fuzz.py")
assert _spec is not None and _spec.loader is not None
fuzz = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = fuzz
_spec.loader.exec_module(fuzz)

SKIP_KEYS: frozenset[str] = frozenset()
PLAN_NAMES = fuzz.PLAN_NAMES

FAST = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)
SLOW = settings(FAST, max_examples=40)

randoms = st.randoms(use_true_random=False)
plan_names = st.sampled_from(PLAN_NAMES)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def library(workdir: Path, data: bytes):
    """analyze + every finding formatted; asserts the invariants (see bench/fuzz.py)."""
    plan = workdir / "plan.yaml"
    plan.write_bytes(data)
    analysis = fuzz.check_library(plan)
    event("valid" if analysis.ok else "has errors")
    return analysis


def text_of(name: str) -> str:
    return fuzz.PLAN_TEXTS[name]


# --------------------------------------------------------------------------------------------
# The library on mutated, random and hostile files
# --------------------------------------------------------------------------------------------


@FAST
@given(rnd=randoms, name=plan_names)
def test_text_mutations_of_the_examples(workdir, rnd, name):
    """Lines deleted, duplicated, swapped, re-indented, truncated; junk values and keys; stray characters."""
    library(workdir, fuzz.mutate_text(text_of(name), rnd, SKIP_KEYS).encode("utf-8", "surrogatepass"))


@FAST
@given(rnd=randoms, name=plan_names, kind=st.sampled_from(sorted(fuzz.JUNK)))
def test_one_scalar_replaced_by_junk_of_every_type(workdir, rnd, name, kind):
    """Huge ints (decimal, hex, binary, sexagesimal), floats, NaN, inf, dates, nulls, lists, dicts,
    very long strings, NFD text, control characters, tags, aliases."""
    text = fuzz.replace_scalar(text_of(name), rnd, fuzz.junk(rnd, kind), SKIP_KEYS)
    library(workdir, text.encode("utf-8", "surrogatepass"))


@FAST
@given(rnd=randoms, name=plan_names)
def test_data_mutations_of_the_examples(workdir, rnd, name):
    """A node of the parsed plan replaced by a random value of any type, removed, or given a sibling."""
    library(workdir, fuzz.mutate_data(text_of(name), rnd, SKIP_KEYS).encode("utf-8", "surrogatepass"))


@FAST
@given(rnd=randoms, name=plan_names)
def test_awkward_values_of_the_right_type(workdir, rnd, name):
    text = fuzz.mutate_typed(text_of(name), rnd, SKIP_KEYS, big=False)
    library(workdir, text.encode("utf-8", "surrogatepass"))


yaml_scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**40), max_value=10**40)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=50)
    | st.dates()
    | st.datetimes()
)
yaml_values = st.recursive(
    yaml_scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.text(max_size=10) | st.sampled_from(["version", "year", "groups", "id"]), inner, max_size=4
        )
    ),
    max_leaves=30,
)
PLAN_KEYS = [
    "version",
    "year",
    "agency",
    "place",
    "title",
    "funding",
    "signer",
    "groups",
    "tours",
    "legal_basis",
]


@FAST
@given(
    doc=st.one_of(yaml_values, st.dictionaries(st.sampled_from(PLAN_KEYS), yaml_values, min_size=1)),
    flow=st.sampled_from([False, None, True]),
)
def test_random_yaml_documents(workdir, doc, flow):
    text = yaml.safe_dump(doc, allow_unicode=True, default_flow_style=flow)
    library(workdir, text.encode("utf-8", "surrogatepass"))


@FAST
@given(data=st.binary(max_size=3000))
def test_random_bytes(workdir, data):
    library(workdir, data)


@FAST
@given(name=plan_names, at=st.floats(0, 1), junk=st.binary(min_size=1, max_size=64), cut=st.integers(0, 64))
def test_random_bytes_spliced_into_a_plan(workdir, name, at, junk, cut):
    raw = text_of(name).encode("utf-8")
    i = int(at * len(raw))
    library(workdir, raw[:i] + junk + raw[i + cut :])


@SLOW
@given(rnd=randoms)
def test_hostile_files(workdir, rnd):
    """Alias bombs, deep nesting, files at the size limit, null documents, huge numbers."""
    library(workdir, fuzz.hostile_file(rnd))


# --------------------------------------------------------------------------------------------
# The CLI on a smaller sample; cost output adds up
# --------------------------------------------------------------------------------------------


def assert_clean(outcome: dict) -> None:
    assert not outcome["tracebacks"], outcome["tracebacks"][0]["traceback"]
    assert not outcome["violations"], outcome["violations"]


@SLOW
@given(rnd=randoms, kind=st.sampled_from(["mutate-text", "mutate-data", "typed", "hostile", "random-bytes"]))
def test_cli_never_raises(workdir, rnd, kind):
    """validate (text and JSON) and, when a budget exists, cost json/csv: exit 0, 1 or 2 with a
    message, exceptions propagate (catch_exceptions=False)."""
    data = fuzz.make_file(kind, rnd, SKIP_KEYS)
    outcome = fuzz.run_case(data, workdir / "cli", render=False)
    event(f"validate exit {outcome['exits'].get('validate')}")
    assert_clean(outcome)


@settings(SLOW, max_examples=30)
@given(rnd=randoms, name=plan_names, typed=st.booleans())
def test_cost_of_mutants_that_still_validate_adds_up(workdir, rnd, name, typed):
    """On plans that still validate, `cost --format json` and `--format csv`: the lines add up to the
    total, each line is quantity × rate, and the two formats agree."""
    if typed:
        text = fuzz.mutate_typed(text_of(name), rnd, SKIP_KEYS, big=False)
    else:
        text = fuzz.benign_mutation(text_of(name), rnd, SKIP_KEYS)
    data = text.encode("utf-8", "surrogatepass")
    plan = workdir / "valid.yaml"
    plan.write_bytes(data)
    analysis = analyze(plan)
    assume(analysis.ok)
    # the same cost checks as the long run (bench/fuzz.py: run_case → check_cost)
    outcome = fuzz.run_case(data, workdir / "cost", render=False, xlsx=False, table=False)
    assert_clean(outcome)
    assert outcome["exits"]["cost-json"] == outcome["exits"]["cost-csv"] == 0


# --------------------------------------------------------------------------------------------
# Issue 12's scenario families: YAML 1.1 number forms, template shapes, output targets,
# non-regular files (bench/fuzz.py SCENARIOS, each with its own invariants)
# --------------------------------------------------------------------------------------------


@settings(SLOW, max_examples=25)
@given(rnd=randoms, kind=st.sampled_from(sorted(fuzz.SCENARIOS)))
def test_issue_12_scenarios(workdir, rnd, kind):
    outcome = fuzz.SCENARIOS[kind](rnd, workdir / "scenario" / kind)
    event(kind)
    assert_clean(outcome)


@settings(FAST, max_examples=150)
@given(amount=st.text(max_size=40) | st.integers(min_value=-(10**40), max_value=10**40).map(str))
def test_words_never_raises(amount):
    result = CliRunner().invoke(app, ["--lang", "en", "words", "--", amount], catch_exceptions=False)
    assert result.exit_code in (0, 2), result.output
    assert result.output.strip()


# --------------------------------------------------------------------------------------------
# Encodings and line endings (test_loader/test_validate_cli cover BOM+CRLF, UTF-16 with BOM,
# Windows-1258 bytes, tabs as indentation and NFD at the library level)
# --------------------------------------------------------------------------------------------

REFERENCE_TOTAL = analyze(QUANG_TRI).budget.total


@pytest.mark.parametrize(
    "transform",
    [
        lambda t: b"\xef\xbb\xbf" + t.replace("\n", "\r\n").encode(),
        lambda t: t.replace("\n", "\r").encode(),  # old Mac line ends
        lambda t: t.replace("\n", "\x85").encode(),  # NEL, a YAML 1.1 line break
        lambda t: unicodedata.normalize("NFD", t).replace("\n", "\r\n").encode(),
        lambda t: t.replace(
            "place: Quảng Trị", 'place:\t"Quảng\tTrị"'
        ).encode(),  # tabs that are not indentation
    ],
    ids=["bom-crlf", "cr", "nel", "nfd-crlf", "tabs-in-values"],
)
def test_utf8_variants_give_the_same_budget(tmp_path, transform):
    plan = tmp_path / "p.yaml"
    plan.write_bytes(transform(QUANG_TRI.read_text(encoding="utf-8")))
    result = CliRunner().invoke(app, ["cost", "--format", "json", str(plan)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["total"] == REFERENCE_TOTAL


@pytest.mark.parametrize(
    ("encoding", "code"),
    [
        ("utf-16-le", "encoding-utf16"),  # no BOM: was "binary data"
        ("utf-16-be", "encoding-utf16"),
        ("utf-16", "encoding-utf16"),
        ("utf-32", "encoding-utf16"),  # its BOM starts like UTF-16's; the advice (save as UTF-8) holds
        ("cp1258", "encoding-not-utf8"),
        ("cp1252", "encoding-not-utf8"),
    ],
)
def test_other_encodings_are_named(tmp_path, encoding, code):
    plan = tmp_path / "p.yaml"
    plan.write_bytes(QUANG_TRI.read_text(encoding="utf-8").encode(encoding, errors="replace"))
    result = CliRunner().invoke(app, ["--lang", "en", "validate", str(plan)], catch_exceptions=False)
    assert result.exit_code == 1
    assert f"[{code}]" in result.output and "UTF" in result.output


@pytest.mark.parametrize(
    "raw",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
        b"PK\x03\x04\x14\x00\x00\x00\x08\x00",
        bytes(range(256)),
    ],
    ids=["png", "zip", "all-bytes"],
)
def test_binary_files_are_named(tmp_path, raw):
    plan = tmp_path / "p.yaml"
    plan.write_bytes(raw)
    result = CliRunner().invoke(app, ["--lang", "en", "validate", str(plan)], catch_exceptions=False)
    assert result.exit_code == 1
    assert "[encoding-binary]" in result.output or "[encoding-not-utf8]" in result.output


# --------------------------------------------------------------------------------------------
# Limits against hostile files (test_validate_cli has the decimal huge int, a 200-deep flow
# list, the alias bomb and the tab; test_loader the size limit with a small patched limit)
# --------------------------------------------------------------------------------------------


def validate(path: Path):
    return CliRunner().invoke(app, ["--lang", "en", "validate", str(path)], catch_exceptions=False)


def test_file_over_the_real_size_limit(tmp_path):
    plan = tmp_path / "big.yaml"
    plan.write_bytes(b"a: " + b"0" * loader.MAX_FILE_BYTES + b"\n")
    result = validate(plan)
    assert result.exit_code == 1 and "[file-too-large]" in result.output


def test_node_limit_keeps_memory_and_time_bounded(tmp_path):
    """Regression: under the 32 MiB size limit, `[0,0,0,…]` took ~10 GB and a minute. Nodes are
    now counted on the event stream: a file just under the node limit loads in a subprocess
    capped at 1 GB of address space, and one past it is refused before any tree is built."""
    code = textwrap.dedent(
        """
        import resource, sys
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
        from pathlib import Path
        from cap135.plan.yaml_loader import read_file
        loaded = read_file(Path(sys.argv[1]))
        print(len(loaded.data["a"]) if loaded.data else [f.code for f in loaded.findings])
        """
    )
    for count, expected in (
        (loader.MAX_NODES - 10, str(loader.MAX_NODES - 10)),
        (2 * loader.MAX_NODES, "['yaml-too-many-nodes']"),
    ):
        plan = tmp_path / f"dense-{count}.yaml"
        plan.write_bytes(b"a: [" + b",".join([b"0"] * count) + b"]\n")
        assert plan.stat().st_size <= loader.MAX_FILE_BYTES
        proc = subprocess.run(
            [sys.executable, "-c", code, str(plan)], capture_output=True, text=True, timeout=120
        )
        assert proc.returncode == 0, proc.stderr[-2000:]
        assert proc.stdout.strip() == expected


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_devices_are_refused_before_any_read(device):
    """Regression: a device reports size 0 and was read until memory ran out; a device, a FIFO or
    a socket is now refused before it is read (issue 12)."""
    with pytest.raises(UnreadableFile) as caught:
        read_file(Path(device))
    assert caught.value.reason == "not-regular"


@pytest.mark.parametrize("opener", ["[", "{a: "])
def test_deep_flow_nesting_does_not_kill_the_process(tmp_path, opener):
    """Regression: 100,000 nested brackets (200 KB) overflowed libyaml's recursive composer and the
    process died with SIGSEGV. Runs in a subprocess so a regression cannot take pytest down."""
    plan = tmp_path / "deep.yaml"
    plan.write_text("a: " + opener * 100_000 + "\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "cap135", "--lang", "en", "validate", str(plan)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 1, (proc.returncode, proc.stderr[-2000:])
    assert "[yaml-too-deep]" in proc.stdout


def test_deep_block_nesting():
    loaded = load_text("".join(" " * i + "a:\n" for i in range(100)), "x")
    assert [f.code for f in loaded.findings] == ["yaml-too-deep"]


@pytest.mark.parametrize(
    "value",
    ["0x" + "f" * 4000, "0b" + "1" * 20000, "0" + "7" * 5000, "-0x" + "F" * 31, "9" * 4301],
    ids=["hex", "binary", "octal", "negative-hex", "decimal-4301"],
)
def test_huge_integers_in_any_base_are_plan_errors(tmp_path, value):
    """Regression: only decimal digits were counted, so a 4,000-digit hex number passed the loader,
    and its str() in the 'too large' message raised past Python's 4,300-digit limit (exit 3)."""
    plan = tmp_path / "p.yaml"
    plan.write_text(
        QUANG_TRI.read_text(encoding="utf-8").replace("year: 2020", f"year: {value}"), encoding="utf-8"
    )
    result = validate(plan)
    assert result.exit_code == 1
    assert "[number-too-large]" in result.output


def test_thirty_digit_hex_is_refused_not_misread():
    """YAML 1.1 and 1.2 disagree on base prefixes (0o, 0b): every one is refused (issue 12)."""
    loaded = load_text("n: 0x" + "f" * 30 + "\n", "x")
    assert [f.code for f in loaded.findings] == ["yaml-number-form"]


def test_text_over_the_length_limit(tmp_path):
    plan = tmp_path / "p.yaml"
    long = "x" * (loader.MAX_STRING_CHARS + 1)
    plan.write_text(
        QUANG_TRI.read_text(encoding="utf-8").replace("place: Quảng Trị", f"place: {long}"), encoding="utf-8"
    )
    result = validate(plan)
    assert result.exit_code == 1 and "[text-too-long]" in result.output


@pytest.mark.parametrize(
    ("content", "code"),
    [
        ("~\n", "not-a-plan"),
        ("null  # nothing\n", "not-a-plan"),
        ("---\n...\n", "empty-file"),
        ("--- # a comment\n", "empty-file"),
    ],
)
def test_null_documents_are_errors(tmp_path, content, code):
    """Regression: a document that is only null had no finding, so validate said "no errors", exit 0,
    while cost said the plan has errors."""
    plan = tmp_path / "p.yaml"
    plan.write_text(content, encoding="utf-8")
    result = validate(plan)
    assert result.exit_code == 1, result.output
    assert f"[{code}]" in result.output


@pytest.mark.parametrize(
    ("scalar", "code"),
    [
        ("!!bool maybe", "yaml-bad-scalar"),
        ("!!timestamp x", "yaml-bad-scalar"),
        ("!!int abc", "yaml-bad-scalar"),
        ("!!float x", "yaml-bad-scalar"),
        ("!!timestamp 2020-02-30", "date-no-such-day"),  # says February 2020 has 29 days
    ],
)
def test_bad_explicitly_tagged_scalars_are_findings(scalar, code):
    """Regression: `!!bool maybe` raised KeyError and `!!timestamp x` AttributeError out of the loader."""
    loaded = load_text(f"a: {scalar}\n", "x")
    assert [f.code for f in loaded.findings] == [code]


def test_python_tags_execute_nothing(tmp_path):
    marker = tmp_path / "pwned"
    loaded = load_bytes(f"a: !!python/object/apply:os.system ['touch {marker}']\n".encode(), "x")
    assert not loaded.ok and not marker.exists()


# --------------------------------------------------------------------------------------------
# Known bugs outside the files this work may edit (see the report; proposed diffs there)
# --------------------------------------------------------------------------------------------


def _plan_with(tmp_path: Path, old: str, new: str) -> Path:
    plan = tmp_path / "p.yaml"
    plan.write_text(QUANG_TRI.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    return plan


@pytest.mark.parametrize(
    "value",
    ["a" * 300, "'~nosuchuser/table.yaml'", '"a\\0b.yaml"'],
    ids=["long-id-OSError-ENAMETOOLONG", "unknown-home-RuntimeError", "nul-ValueError"],
)
def test_regression_rates_paths_that_raised(tmp_path, value):
    analysis = analyze(_plan_with(tmp_path, "rates: quang-tri-2020", f"rates: {value}"))
    assert [f.code for f in analysis.findings if f.is_error] == ["rate-table"]


def test_rates_device_is_read_up_to_the_limit(tmp_path):
    """`rates: /dev/zero` was read until memory ran out; rate tables now come through loader.read_file,
    whose read is bounded. Subprocess with a 1 GB address-space cap, so a regression fails cleanly."""
    plan = _plan_with(tmp_path, "rates: quang-tri-2020", "rates: /dev/zero")
    code = textwrap.dedent(
        f"""
        import resource
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
        from pathlib import Path
        from cap135.budget.analysis import analyze
        print([f.code for f in analyze(Path({str(plan)!r})).findings if f.is_error])
        """
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "rate-table" in proc.stdout


def test_nul_in_a_file_name_is_unreadable_not_a_crash():
    with pytest.raises(UnreadableFile):
        read_file(Path("plan\0.yaml"))


def test_regression_xlsx_with_control_characters(tmp_path):
    plan = _plan_with(tmp_path, 'title: "Thực hiện', 'title: "\\x01Thực hiện')
    assert analyze(plan).ok
    args = ["cost", "--format", "xlsx", "-o", str(tmp_path / "x.xlsx"), str(plan)]
    assert CliRunner().invoke(app, args, catch_exceptions=False).exit_code == 0


SALARIED = "    salaried: false   # cán bộ không chuyên trách: hỗ trợ tiền ăn, nghỉ, đi lại khi học ở tỉnh\n"
HUGE_EXTRA = (
    "    salaried: false\n    extra_lines:\n      - {label: x, quantity: 1000000000, unit: gói,"
    " amount: 1000000000000000, basis: y}\n"
)


def test_regression_xlsx_with_a_huge_total(tmp_path):
    text = QUANG_TRI.read_text(encoding="utf-8").replace(SALARIED, HUGE_EXTRA, 1)
    plan = tmp_path / "p.yaml"
    plan.write_text(text, encoding="utf-8")
    budget = analyze(plan).budget
    assert budget is not None and budget.total > 10**18
    args = ["--lang", "en", "cost", "--format", "xlsx", "-o", str(tmp_path / "x.xlsx"), str(plan)]
    result = CliRunner().invoke(app, args, catch_exceptions=False)
    assert result.exit_code == 1 and "[total-too-large]" in result.output
    assert not (tmp_path / "x.xlsx").exists()


def test_examples_still_validate():
    for name in PLAN_NAMES:
        assert analyze(PLANS / name).ok


def test_generators_are_deterministic():
    assert fuzz.make_case(1, 7) == fuzz.make_case(1, 7)
    assert fuzz.make_case(1, 7) != fuzz.make_case(2, 7)


def test_a_long_wrong_choice_is_quoted_short(tmp_path):
    """Regression: a 100,000-character value of `audience` was repeated whole in its message."""
    plan = _plan_with(tmp_path, "audience: community", "audience: " + "x" * 100_000)
    result = validate(plan)
    assert result.exit_code == 1 and "[bad-choice]" in result.output
    assert max(len(line) for line in result.output.splitlines()) < 400


@pytest.mark.parametrize(
    ("old", "new", "code"),
    [
        ("audience: community", 'audience: "\\e]0;owned\\a\\e[2J"', "bad-choice"),
        ("classes: 9", 'classes: "\\e[31m9"', "expected-integer"),
        (SALARIED, SALARIED + '    "\\e[8mhidden": 1\n', "unknown-key"),
        (SALARIED, SALARIED + '    "\\e[5mx": 1\n    "\\e[5mx": 2\n', "duplicate-key"),
        ("year: 2020", 'year: !!int "\\e[1m"', "yaml-bad-scalar"),
        ("audience: community", 'audience: "\\u202Eytinummoc"', "bad-choice"),
    ],
    ids=["osc-title", "csi-number", "key", "duplicate-key", "tagged-scalar", "bidi-override"],
)
def test_messages_quote_hostile_values_without_control_characters(tmp_path, old, new, code):
    """Regression: values from the file were quoted raw, so a plan could send escape sequences to
    the terminal of whoever validates it (set the window title, clear the screen, hide text)."""
    plan = tmp_path / "p.yaml"
    text = QUANG_TRI.read_text(encoding="utf-8")
    plan.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = validate(plan)
    assert result.exit_code == 1, result.output
    assert f"[{code}]" in result.output
    assert "\x1b" not in result.output and "\u202e" not in result.output
    assert "\\x1b" in result.output or "\\u202e" in result.output


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('title: "Thực hiện', 'title: "[/bold] Thực hiện'),
        (
            SALARIED,
            SALARIED + "    extra_lines: [{label: x, quantity: 1, unit: '[/red]', amount: 1, basis: y}]\n",
        ),
    ],
    ids=["title", "extra-line-unit"],
)
def test_regression_cost_table_with_markup_in_the_plan(tmp_path, old, new):
    plan = _plan_with(tmp_path, old, new)
    assert analyze(plan).ok
    result = CliRunner().invoke(app, ["cost", str(plan)], catch_exceptions=False)  # MarkupError today
    assert result.exit_code == 0


def test_regression_cost_table_printed_escape_sequences(tmp_path):
    plan = _plan_with(tmp_path, 'title: "Thực hiện', 'title: "\\e]0;owned\\a\\e[2JThực hiện')
    result = CliRunner().invoke(app, ["cost", str(plan)], catch_exceptions=False)
    assert result.exit_code == 0
    assert "\x1b" not in result.output


def test_regression_xlsx_formula_injection(tmp_path):
    import openpyxl

    plan = _plan_with(
        tmp_path, "name: Đối với nhóm cộng đồng", 'name: "=HYPERLINK(\\"http://x.invalid\\",\\"x\\")"'
    )
    out = tmp_path / "x.xlsx"
    assert CliRunner().invoke(app, ["cost", "--format", "xlsx", "-o", str(out), str(plan)]).exit_code == 0
    cells = [c for row in openpyxl.load_workbook(out).active.iter_rows() for c in row]
    found = [c for c in cells if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert found  # the section title, and the assumptions that name the group
    assert all(cell.data_type == "s" for cell in found)  # text, not a formula Excel would evaluate


@pytest.mark.parametrize("command", [["cost"], ["render", "-o", "OUT"]], ids=["cost-table", "render"])
def test_regression_plan_with_a_huge_total(tmp_path, command):
    text = QUANG_TRI.read_text(encoding="utf-8").replace(SALARIED, HUGE_EXTRA, 1)
    plan = tmp_path / "p.yaml"
    plan.write_text(text.replace("  ceiling: 1251000000\n", ""), encoding="utf-8")
    assert [f.code for f in analyze(plan).findings if f.is_error] == ["total-too-large"]
    args = [command[0], str(plan), *(a.replace("OUT", str(tmp_path / "out.docx")) for a in command[1:])]
    result = CliRunner().invoke(app, args, catch_exceptions=False)
    assert result.exit_code == 1


def test_a_million_identical_classes_cost_as_one_run(tmp_path):
    """Regression: `classes: 1000000` is a valid count; the 10 KB plan took ~15 s per command
    (every class was costed one by one). A counted group is now one run of that count: its
    per-class quantities are those of one class times the count. (Speed is the bench's
    business, bench/run.py, not a timed test.)"""
    one = analyze(_plan_with(tmp_path, "classes: 9\n", "classes: 1\n"))
    (tmp_path / "p.yaml").rename(tmp_path / "one.yaml")
    many = analyze(_plan_with(tmp_path, "classes: 9\n", "classes: 1000000\n"))
    assert one.budget is not None and many.budget is not None
    entity = next(line.entity for line in many.budget.lines if line.quantity >= 1000000)
    per_class = {line.code: line.quantity for line in one.budget.lines if line.entity == entity}
    scaled = {line.code: line.quantity for line in many.budget.lines if line.entity == entity}
    assert per_class.keys() == scaled.keys()
    assert all(scaled[code] == quantity * 1000000 for code, quantity in per_class.items())


def test_xlsx_with_xml_noncharacters(tmp_path):
    """Regression, the bench's last tracebacks: `printable()` dropped control characters but not
    the two noncharacters U+FFFE and U+FFFF, and lxml refused them when the workbook was saved."""
    plan = _plan_with(tmp_path, 'title: "Thực hiện', 'title: "\\uFFFE\\uFFFF Thực hiện')
    assert analyze(plan).ok
    args = ["cost", "--format", "xlsx", "-o", str(tmp_path / "x.xlsx"), str(plan)]
    assert CliRunner().invoke(app, args, catch_exceptions=False).exit_code == 0
