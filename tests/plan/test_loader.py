"""loader: data and positions from one parse; hostile input becomes findings."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cap135.plan import yaml_loader as loader
from cap135.plan.yaml_loader import UnreadableFile, load_bytes, load_text, read_file

SRC = Path(__file__).resolve().parents[2] / "src" / "cap135"

DOC = """\
version: 1
groups:
  - id: a
    venue: {name: Đông Hà, level: province}
    lessons:
      - {title: X, periods: 10}
"""


def test_positions_of_values_and_keys():
    loaded = load_text(DOC, "p.yaml")
    assert loaded.ok
    src = loaded.source
    assert src.values[("version",)] == (1, 10)
    assert src.keys[("groups",)] == (2, 1)
    assert src.values[("groups", 0)] == (3, 5)
    assert src.keys[("groups", 0, "venue")] == (4, 5)
    assert src.values[("groups", 0, "venue", "level")] == (4, 35)
    assert src.values[("groups", 0, "lessons", 0, "periods")] == (6, 29)


def test_locate_falls_back_to_the_nearest_ancestor():
    src = load_text(DOC, "p.yaml").source
    assert src.locate(("groups", 0, "speakers")) == (3, 5)  # missing key → its mapping
    assert src.locate(("groups", 0, "venue"), key=True) == (4, 5)
    assert src.locate(("nothing", 3)) == (1, 1)


def test_scalars_keep_yaml_types_and_text_is_nfc():
    data = load_text("a: 2020-05\nb: 2020-05-01\nc: yes\nd: 1.5\ne: '007'\nf: Quyê\u0300n\n", "x").data
    from datetime import date

    # YAML 1.2 core: `yes` is text (issue 12)
    assert data == {"a": "2020-05", "b": date(2020, 5, 1), "c": "yes", "d": 1.5, "e": "007", "f": "Quyền"}


def test_keys_keep_their_text():
    assert load_text("yes: 1\n1: 2\n", "x").data == {"yes": 1, "1": 2}


def test_duplicate_keys_are_errors_at_the_second_key():
    loaded = load_text("a: 1\nb:\n  c: 1\n  c: 2\n", "x")
    [finding] = loaded.findings
    assert (finding.code, finding.line, finding.column) == ("duplicate-key", 4, 3)


def test_merge_keys_work():
    data = load_text("base: &b {level: province}\nv: {<<: *b, name: X}\n", "x").data
    assert data["v"] == {"level": "province", "name": "X"}


def test_alias_expansion_is_bounded():
    doc = "a: &a [" + ",".join(["x"] * 100) + "]\n"
    doc += "b: &b [" + ",".join(["*a"] * 100) + "]\n"
    doc += "c: [" + ",".join(["*b"] * 100) + "]\n"
    loaded = load_text(doc, "x")
    assert loaded.data is None
    assert loaded.findings[-1].code == "yaml-alias-bomb"


def test_recursive_alias_is_an_error():
    loaded = load_text("a: &a [*a]\n", "x")
    assert loaded.data is None
    assert [(f.code, f.line, f.column) for f in loaded.findings] == [("yaml-recursive", 1, 4)]


def test_recursive_alias_in_a_dropped_value_is_still_an_error():
    loaded = load_text("a: 1\na: &r {b: *r}\n", "x")
    assert loaded.data is None
    assert [f.code for f in loaded.findings] == ["duplicate-key", "yaml-recursive"]


def test_an_alias_reads_its_anchor_again_with_the_anchors_positions():
    loaded = load_text("base: &b\n  days: 2\n  venue: {level: province}\ncopy: *b\n", "x")
    assert loaded.ok
    assert loaded.data["copy"] == {"days": 2, "venue": {"level": "province"}}
    assert loaded.data["copy"] is not loaded.data["base"]  # each use a value of its own
    assert loaded.data["copy"]["venue"] is not loaded.data["base"]["venue"]
    values, keys = loaded.source.values, loaded.source.keys
    assert values[("copy",)] == values[("base",)] == (1, 7)  # the anchored mapping starts at its anchor
    assert values[("copy", "venue", "level")] == values[("base", "venue", "level")] == (3, 18)
    assert keys[("copy", "days")] == (2, 3)


def test_an_alias_means_the_anchor_before_it_even_when_read_again():
    # *s inside &outer is bound where it stands; reading *outer later reads the same scalar
    text = "s: &s one\nouter: &outer [*s, two]\nagain: [*outer, *outer]\n"
    assert load_text(text, "x").data["again"] == [["one", "two"], ["one", "two"]]


def test_alias_as_a_key_and_as_a_complex_key():
    assert load_text("k: &k name\n*k : 1\n", "x").data == {"k": "name", "name": 1}
    loaded = load_text("l: &l [1]\n*l : 2\nm: 3\n", "x")
    assert loaded.data == {"l": [1], "m": 3}
    assert [(f.code, f.line, f.column) for f in loaded.findings] == [("yaml-complex-key", 1, 4)]


def test_undefined_alias_and_duplicate_anchor_are_named():
    [undefined] = load_text("a: 1\nb: *nope\n", "x").findings
    assert (undefined.code, dict(undefined.args), undefined.line) == (
        "yaml-undefined-alias",
        {"name": "nope"},
        2,
    )
    [twice] = load_text("a: &x 1\nb:\n  c: &x 2\n", "x").findings
    assert (twice.code, dict(twice.args), twice.line, twice.column) == (
        "yaml-duplicate-anchor",
        {"name": "x", "first": 1},
        3,
        6,
    )


def test_merge_keeps_the_mappings_own_position():
    loaded = load_text("base: &b {days: 2}\ngroup:\n  <<: *b\n  size: 3\n", "x")
    assert loaded.data["group"] == {"days": 2, "size": 3}
    assert loaded.source.values[("group",)] == (3, 3)
    assert loaded.source.values[("group", "size")] == (4, 9)


def test_quoted_merge_key_is_a_key():
    assert load_text('"<<": {a: 1}\n', "x").data == {"<<": {"a": 1}}


def test_only_characters_that_start_an_implicit_type_are_resolved():
    """loader reads a plain scalar as text without asking PyYAML's resolver when its first
    character starts no implicit type; the resolver must agree for every such character."""
    from yaml.nodes import ScalarNode
    from yaml.resolver import Resolver

    resolver = Resolver()
    str_tag = "tag:yaml.org,2002:str"
    for code in range(0x20, 0x3000):
        first = chr(code)
        if first in loader._RESOLVED_FIRST:
            continue
        for text in (first, first + "rue", first + "ull", first + "0", first + "2027-01-01", first + ".5"):
            assert resolver.resolve(ScalarNode, text, (True, False)) == str_tag, text


def test_nodes_past_the_limit_stop_the_reading(monkeypatch):
    monkeypatch.setattr(loader, "MAX_NODES", 50)
    loaded = load_text("a: [" + ", ".join(["1"] * 100) + "]\n", "x")
    assert [(f.code, f.line, f.column) for f in loaded.findings] == [("yaml-too-many-nodes", 1, 146)]
    assert loaded.data is None


def test_python_tags_are_refused():
    loaded = load_text("a: !!python/object/apply:os.system ['true']\n", "x")
    assert [f.code for f in loaded.findings] == ["yaml-unsupported-tag"]


def test_huge_integers_are_findings_not_crashes():
    loaded = load_text("n: " + "9" * 5000 + "\n", "x")
    assert [f.code for f in loaded.findings] == ["number-too-large"]


def test_long_strings_are_cut_with_a_finding(monkeypatch):
    monkeypatch.setattr(loader, "MAX_STRING_CHARS", 10)
    loaded = load_text("a: " + "x" * 20 + "\n", "x")
    assert [f.code for f in loaded.findings] == ["text-too-long"]


def test_file_size_limit(monkeypatch, tmp_path):
    monkeypatch.setattr(loader, "MAX_FILE_BYTES", 10)
    plan = tmp_path / "p.yaml"
    plan.write_text("a: 1234567890\n", encoding="utf-8")
    assert [f.code for f in read_file(plan).findings] == ["file-too-large"]


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        (b"\xef\xbb\xbfa: 1\r\nb: 2\r\n", None),
        (b"\xff\xfea\x00", "encoding-utf16"),
        (b"\xfe\xff\x00a", "encoding-utf16"),
        (b"a: \x00\x01", "encoding-binary"),
        (b"a: 1\nb: Qu\xe1ng\n", "encoding-not-utf8"),
    ],
)
def test_encodings(raw, code):
    loaded = load_bytes(raw, "x")
    if code is None:
        assert loaded.ok and loaded.data == {"a": 1, "b": 2}
    else:
        assert [f.code for f in loaded.findings] == [code]


def test_bad_utf8_names_its_line():
    loaded = load_bytes(b"a: 1\nb: ok\nc: Qu\xe1ng\n", "x")
    assert (loaded.findings[0].line, loaded.findings[0].column) == (3, 6)


def test_unreadable_files(tmp_path):
    with pytest.raises(UnreadableFile) as missing:
        read_file(tmp_path / "none.yaml")
    assert missing.value.reason == "not-found"
    with pytest.raises(UnreadableFile) as directory:
        read_file(tmp_path)
    assert directory.value.reason == "is-directory"


def test_every_finding_code_in_the_code_has_a_message():
    from cap135.messages import CATALOGUE

    pattern = re.compile(r"""(?:error|warning|_at|Finding)\(\s*(?:"(?:error|warning)",\s*)?"([a-z0-9-]+)\"""")
    codes = {m for path in SRC.rglob("*.py") for m in pattern.findall(path.read_text(encoding="utf-8"))}
    assert len(codes) > 30
    codes -= {"error", "warning"}  # Finding("error", code, …) with a variable code
    missing = sorted(c for c in codes if c not in CATALOGUE)
    assert not missing
    for code, (vi, en) in CATALOGUE.items():
        assert vi and en, code
