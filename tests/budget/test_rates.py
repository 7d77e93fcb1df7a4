"""Rate tables: shipped data, versioned lookup, extends, and errors with positions."""

from __future__ import annotations

import itertools
import os
import unicodedata
from datetime import date, timedelta
from pathlib import Path

import pytest

from cap135.budget.rate_tables import (
    RATES_DIR,
    UNITS,
    Rate,
    RateLookupError,
    RateTableError,
    default_table_id,
    is_table_path,
    load_table,
    shipped_table_ids,
)

REQUIRED_KEYS: dict[str, str] = {
    "speaker_fee.central_leader": "session",
    "speaker_fee.senior_leader": "session",
    "speaker_fee.expert": "session",
    "speaker_fee.provincial": "session",
    "speaker_fee.local": "session",
    "materials": "trainee",
    "stationery": "trainee",
    "drinking_water": "person_day",
    "travel_support": "trainee",
    "class_opening": "class",
    "hall_rent.province": "class_day",
    "hall_rent.district": "class_day",
    "hall_rent.commune": "class_day",
    "vehicle_hire": "day",
    "meal_support.province": "person_day",
    "meal_support.district": "person_day",
    "meal_support.commune": "person_day",
    "lodging.city": "person_night",
    "lodging.province": "person_night",
    "lodging.district": "person_night",
    "lodging.commune": "person_night",
    "per_diem": "person_day",
    "speaker_transport.province": "class",
    "speaker_transport.district": "class",
    "speaker_transport.commune": "class",
    "management": "percent",
}
PROFILE_NAMES = ("periods_per_session", "periods_per_day", "sessions_per_day")
SAMPLE_DAYS = (date(2016, 6, 1), date(2020, 6, 1), date(2024, 6, 1), date(2026, 6, 1))
SHIPPED = ("national", "quang-tri-2020")


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def table_error(tmp_path: Path, text: str, name: str = "t.yaml") -> RateTableError:
    write(tmp_path, name, text)
    with pytest.raises(RateTableError) as info:
        load_table(name, tmp_path)
    return info.value


HEADER = 'id: user\ntitle: "Bảng thử"\nextends: [national]\nrates:\n'


# --- shipped tables ------------------------------------------------------------------------


def test_shipped_ids() -> None:
    assert set(SHIPPED) <= set(shipped_table_ids())
    assert shipped_table_ids() == tuple(sorted(shipped_table_ids()))
    assert default_table_id(2020) == "national"
    assert default_table_id(2027) == "national"


@pytest.mark.parametrize("table_id", SHIPPED)
@pytest.mark.parametrize("day", SAMPLE_DAYS, ids=str)
def test_every_required_key_resolves(table_id: str, day: date) -> None:
    table = load_table(table_id)
    for key, unit in REQUIRED_KEYS.items():
        rate = table.lookup(key, day)
        assert rate.key == key
        assert rate.unit == unit
        assert rate.valid_on(day)
        assert rate.amount > 0
    for name in PROFILE_NAMES:
        assert table.profile(name, day).value > 0


@pytest.mark.parametrize("table_id", SHIPPED)
def test_versions_cover_2016_onwards_without_gaps(table_id: str) -> None:
    table = load_table(table_id)
    start = date(2016, 1, 1)
    series = list(table.rates_by_key.values())
    series += [table.profile_by_name[n] for n in PROFILE_NAMES]
    for versions in series:
        assert versions[0].valid_from <= start
        assert versions[-1].valid_to is None, "the newest regime must stay open-ended"
        for before, after in itertools.pairwise(versions):
            assert before.valid_to is not None
            assert after.valid_from == before.valid_to + timedelta(days=1)


def test_per_diem_switches_at_legal_dates() -> None:
    table = load_table("national")
    expected = {
        date(2017, 6, 30): 150_000,
        date(2017, 7, 1): 200_000,
        date(2025, 5, 3): 200_000,
        date(2025, 5, 4): 300_000,
    }
    for day, amount in expected.items():
        assert table.lookup("per_diem", day).amount == amount, day
    assert "40/2017" in table.lookup("per_diem", date(2017, 7, 1)).basis
    assert "12/2025" in table.lookup("per_diem", date(2025, 5, 4)).basis


def test_speaker_fee_regimes() -> None:
    table = load_table("national")
    before = table.lookup("speaker_fee.central_leader", date(2018, 6, 14))
    after = table.lookup("speaker_fee.central_leader", date(2018, 6, 15))
    assert (before.amount, after.amount) == (1_000_000, 2_000_000)
    assert "139/2010" in before.basis and "36/2018" in after.basis
    assert "100/2025" in table.lookup("speaker_fee.local", date(2026, 6, 1)).basis
    # categories are ordered: the higher the rank, the higher the cap
    for day in SAMPLE_DAYS:
        fees = [
            table.lookup(f"speaker_fee.{c}", day).amount
            for c in ("central_leader", "senior_leader", "expert", "provincial", "local")
        ]
        assert fees == sorted(fees, reverse=True)


def test_meal_support_and_lodging_2020() -> None:
    table = load_table("national")
    day = date(2020, 6, 1)
    meals = {lvl: table.lookup(f"meal_support.{lvl}", day).amount for lvl in ("province", "commune")}
    assert meals == {"province": 150_000, "commune": 100_000}
    lodging = {
        lvl: table.lookup(f"lodging.{lvl}", day).amount for lvl in ("city", "province", "district", "commune")
    }
    assert lodging == {
        "city": 450_000,
        "province": 350_000,
        "district": 300_000,
        "commune": 300_000,
    }


def test_periods_per_session_profile() -> None:
    table = load_table("national")
    assert table.profile("periods_per_session", date(2018, 6, 14)).value == 5
    assert table.profile("periods_per_session", date(2018, 6, 15)).value == 4
    assert table.profile("periods_per_session", date(2016, 6, 1)).basis.startswith("Thông tư 139")


def test_quang_tri_overrides_national() -> None:
    table = load_table("quang-tri-2020")
    assert table.chain == ("national", "quang-tri-2020")
    day = date(2020, 6, 1)
    assert table.lookup("speaker_fee.provincial", day).table == "quang-tri-2020"
    assert "07/2019/NQ-HĐND" in table.lookup("speaker_fee.provincial", day).basis
    assert "14/2017/NQ-HĐND" in table.lookup("per_diem", day).basis
    assert table.lookup("materials", day).table == "national"
    assert table.profile("periods_per_session", day).table == "national"
    # the national per-diem change of 2025 still applies in the province table
    assert table.lookup("per_diem", date(2025, 5, 4)).amount == 300_000


def test_unverified_provincial_figures_say_so() -> None:
    table = load_table("quang-tri-2020")
    for rate in table.all_rates():
        if "NQ-HĐND" in rate.basis:
            assert not rate.verified
            assert rate.note


@pytest.mark.parametrize("table_id", SHIPPED)
def test_text_is_nfc(table_id: str) -> None:
    table = load_table(table_id)
    assert unicodedata.is_normalized("NFC", table.title)
    for rate in table.all_rates():
        assert rate.basis and unicodedata.is_normalized("NFC", rate.basis), rate
        assert rate.note is None or unicodedata.is_normalized("NFC", rate.note)
    for versions in table.profile_by_name.values():
        assert all(unicodedata.is_normalized("NFC", v.basis) for v in versions)
    raw = (RATES_DIR / f"{table_id}.yaml").read_text(encoding="utf-8")
    assert unicodedata.is_normalized("NFC", raw)


def test_keys_and_all_rates_sorted() -> None:
    table = load_table("national")
    assert table.keys() == tuple(sorted(table.keys()))
    pairs = [(r.key, r.valid_from) for r in table.all_rates()]
    assert pairs == sorted(pairs)
    assert all(r.unit in UNITS for r in table.all_rates())
    assert table.versions("no.such.key") == ()


def test_shipped_tables_are_cached() -> None:
    assert load_table("national") is load_table("national")
    assert load_table("quang-tri-2020") is load_table("quang-tri-2020")


# --- lookups that fail ----------------------------------------------------------------------


def test_missing_key() -> None:
    with pytest.raises(RateLookupError) as info:
        load_table("national").lookup("speaker_fee.astronaut", date(2020, 6, 1))
    err = info.value
    assert (err.key, err.reason, err.versions) == ("speaker_fee.astronaut", "missing", ())
    assert err.day == date(2020, 6, 1)
    assert "speaker_fee.astronaut" in str(err)


def test_date_before_any_version() -> None:
    table = load_table("national")
    with pytest.raises(RateLookupError) as info:
        table.lookup("per_diem", date(2005, 1, 1))
    err = info.value
    assert err.reason == "not_valid"
    assert err.versions == table.versions("per_diem")
    assert "01/01/2005" in str(err)


def test_missing_and_invalid_profile() -> None:
    table = load_table("national")
    with pytest.raises(RateLookupError) as info:
        table.profile("lunch_break", date(2020, 6, 1))
    assert info.value.reason == "missing"
    with pytest.raises(RateLookupError) as info:
        table.profile("periods_per_session", date(2000, 1, 1))
    assert info.value.reason == "not_valid"


def test_valid_on_bounds() -> None:
    rate = Rate("k", 1, "day", "b", date(2020, 1, 1), date(2020, 12, 31), False, False, None, "t")
    assert not rate.valid_on(date(2019, 12, 31))
    assert rate.valid_on(date(2020, 1, 1))
    assert rate.valid_on(date(2020, 12, 31))
    assert not rate.valid_on(date(2021, 1, 1))


# --- user tables and extends ----------------------------------------------------------------


def test_user_table_extends_province(tmp_path: Path) -> None:
    write(
        tmp_path,
        "my.yaml",
        "id: my-district\n"
        'title: "Bảng của huyện"\n'
        "extends: [quang-tri-2020]\n"
        "rates:\n"
        '  materials: {amount: 45000, unit: trainee, basis: "Quyết định 1/2020/QĐ-UBND",'
        " from: 2020-01-01}\n",
    )
    table = load_table("my.yaml", tmp_path)
    day = date(2020, 6, 1)
    assert table.chain == ("national", "quang-tri-2020", "my-district")
    assert table.lookup("materials", day).amount == 45_000
    assert table.lookup("materials", day).table == "my-district"
    # the override replaces the whole version list
    assert len(table.versions("materials")) == 1
    with pytest.raises(RateLookupError):
        table.lookup("materials", date(2019, 6, 1))
    assert table.lookup("speaker_fee.local", day).table == "quang-tri-2020"
    assert table.lookup("hall_rent.commune", day).table == "national"
    assert table.profile("periods_per_session", day).value == 4


def test_user_table_extends_by_relative_path(tmp_path: Path) -> None:
    sub = tmp_path / "sub"
    sub.mkdir()
    write(
        tmp_path,
        "base.yaml",
        "id: base\ntitle: Cơ sở\nextends: [national]\nprofile:\n"
        "  max_class_size: {value: 60, from: 2016-01-01, basis: Quy chế của tỉnh}\n",
    )
    write(sub, "child.yaml", "id: child\ntitle: Con\nextends: [../base.yaml]\n")
    table = load_table("sub/child.yaml", tmp_path)
    assert table.chain == ("national", "base", "child")
    assert table.profile("max_class_size", date(2020, 6, 1)).value == 60
    assert table.profile("max_class_size", date(2020, 6, 1)).table == "base"


def test_user_table_cache_follows_edits(tmp_path: Path) -> None:
    def rate_file(amount: int) -> str:
        return HEADER + (f'  materials: {{amount: {amount}, unit: trainee, basis: "x", from: 2016-01-01}}\n')

    path = write(tmp_path, "t.yaml", rate_file(1000))
    first = load_table("t.yaml", tmp_path)
    assert load_table(str(path)) is first
    path.write_text(rate_file(2000), encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert load_table("t.yaml", tmp_path).lookup("materials", date(2020, 1, 1)).amount == 2000


def test_nfd_text_is_normalised(tmp_path: Path) -> None:
    basis = unicodedata.normalize("NFD", "Nghị quyết 14/2017/NQ-HĐND")
    write(
        tmp_path,
        "t.yaml",
        HEADER + f'  per_diem: {{amount: 1, unit: person_day, basis: "{basis}", from: 2016-01-01}}\n',
    )
    rate = load_table("t.yaml", tmp_path).lookup("per_diem", date(2020, 1, 1))
    assert rate.basis == unicodedata.normalize("NFC", basis)


def test_is_table_path() -> None:
    assert is_table_path("my.yaml")
    assert is_table_path("rates/MY.YML")
    assert is_table_path("tables/custom")
    assert not is_table_path("national")
    assert not is_table_path("quang-tri-2020")


# --- table errors: file, line, column -------------------------------------------------------


def test_float_amount(tmp_path: Path) -> None:
    err = table_error(
        tmp_path,
        HEADER + "  per_diem:\n    - {amount: 150000.5, unit: person_day, basis: x, from: 2016-01-01}\n",
    )
    assert err.path.endswith("t.yaml")
    assert err.line == 6
    assert "amount" in err.message and "150000.5" in err.message
    assert str(err).startswith(f"{err.path}:6:")


def test_bool_amount(tmp_path: Path) -> None:
    err = table_error(
        tmp_path,
        HEADER + "  per_diem: {amount: yes, unit: person_day, basis: x, from: 2016-01-01}\n",
    )
    assert err.line == 5 and "amount" in err.message


def test_unknown_unit(tmp_path: Path) -> None:
    err = table_error(
        tmp_path,
        HEADER + "  per_diem: {amount: 1, unit: person_week, basis: x, from: 2016-01-01}\n",
    )
    assert err.line == 5
    assert "person_week" in err.message and "person_day" in err.message


def test_unknown_field_and_all_problems_reported(tmp_path: Path) -> None:
    err = table_error(
        tmp_path,
        HEADER + "  per_diem: {amount: 1, unit: day, basis: x, from: 2016-01-01, colour: red}\n"
        "  materials: {amount: 1, unit: trainee, from: 2016-01-01}\n",
    )
    assert "colour" in err.message and err.line == 5
    assert len(err.others) == 1
    assert "basis" in err.others[0].message and err.others[0].line == 6


def test_overlapping_versions(tmp_path: Path) -> None:
    err = table_error(
        tmp_path,
        HEADER + "  per_diem:\n"
        "    - {amount: 1, unit: person_day, basis: x, from: 2016-01-01, to: 2020-12-31}\n"
        "    - {amount: 2, unit: person_day, basis: x, from: 2020-06-01}\n",
    )
    assert "overlap" in err.message and err.line == 7


def test_open_ended_version_overlaps(tmp_path: Path) -> None:
    err = table_error(
        tmp_path,
        HEADER + "  per_diem:\n"
        "    - {amount: 2, unit: person_day, basis: x, from: 2020-06-01}\n"
        "    - {amount: 1, unit: person_day, basis: x, from: 2016-01-01}\n",
    )
    assert "overlap" in err.message


def test_dates_out_of_order(tmp_path: Path) -> None:
    err = table_error(
        tmp_path,
        HEADER + "  per_diem: {amount: 1, unit: day, basis: x, from: 2020-01-01, to: 2019-01-01}\n",
    )
    assert "before" in err.message and err.line == 5


def test_datetime_is_not_a_date(tmp_path: Path) -> None:
    err = table_error(
        tmp_path,
        HEADER + "  per_diem: {amount: 1, unit: day, basis: x, from: 2020-01-01 10:00:00}\n",
    )
    assert "YYYY-MM-DD" in err.message


def test_percent_over_100(tmp_path: Path) -> None:
    err = table_error(
        tmp_path,
        HEADER + "  management: {amount: 300, unit: percent, basis: x, from: 2016-01-01}\n",
    )
    assert "percent" in err.message


def test_unit_must_match_parent(tmp_path: Path) -> None:
    err = table_error(
        tmp_path, HEADER + "  per_diem: {amount: 1, unit: trainee, basis: x, from: 2016-01-01}\n"
    )
    assert "person_day" in err.message and err.line == 5


def test_bad_key_name(tmp_path: Path) -> None:
    err = table_error(tmp_path, HEADER + "  Per Diem: {amount: 1, unit: day, basis: x, from: 2016-01-01}\n")
    assert "Per Diem" in err.message and err.line == 5


def test_duplicate_key(tmp_path: Path) -> None:
    err = table_error(
        tmp_path,
        HEADER + "  per_diem: {amount: 1, unit: person_day, basis: x, from: 2016-01-01}\n"
        "  per_diem: {amount: 2, unit: person_day, basis: x, from: 2016-01-01}\n",
    )
    assert "duplicate" in err.message and err.line == 6


def test_extends_cycle(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", "id: a\ntitle: A\nextends: [b.yaml]\n")
    write(tmp_path, "b.yaml", "id: b\ntitle: B\nextends: [national, a.yaml]\n")
    with pytest.raises(RateTableError) as info:
        load_table("a.yaml", tmp_path)
    err = info.value
    assert "cycle" in err.message
    assert err.path.endswith("b.yaml") and err.line == 3


def test_extends_itself(tmp_path: Path) -> None:
    err = table_error(tmp_path, "id: a\ntitle: A\nextends: [national, t.yaml]\n")
    assert "cycle" in err.message


def test_extends_unknown_table(tmp_path: Path) -> None:
    err = table_error(tmp_path, "id: a\ntitle: A\nextends: [nation]\n")
    assert "nation" in err.message and "national" in err.message and err.line == 3
    err = table_error(tmp_path, "id: a\ntitle: A\nextends: [missing.yaml]\n")
    assert "missing.yaml" in err.message and err.line == 3


def test_duplicate_id_in_chain(tmp_path: Path) -> None:
    err = table_error(tmp_path, "id: national\ntitle: A\nextends: [national]\n")
    assert "national" in err.message and err.line == 1


def test_bad_yaml(tmp_path: Path) -> None:
    err = table_error(tmp_path, HEADER + "  per_diem: {amount: [1, unit: day}\n")
    assert "YAML" in err.message
    assert err.path.endswith("t.yaml") and err.line is not None and err.column is not None
    assert str(err).startswith(f"{err.path}:{err.line}:{err.column}: ")


def test_not_a_mapping(tmp_path: Path) -> None:
    err = table_error(tmp_path, "- just\n- a list\n")
    assert "mapping" in err.message and err.line == 1


def test_missing_file_and_unknown_id(tmp_path: Path) -> None:
    with pytest.raises(RateTableError) as info:
        load_table("nothing-here.yaml", tmp_path)
    assert info.value.path.endswith("nothing-here.yaml")
    with pytest.raises(RateTableError) as info:
        load_table("atlantis")
    assert "atlantis" in str(info.value)


def test_alias_bomb(tmp_path: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 8)]
    err = table_error(tmp_path, "\n".join(lines) + "\nid: a\ntitle: A\n")
    assert "nodes" in err.message


def test_python_tags_are_refused(tmp_path: Path) -> None:
    err = table_error(tmp_path, "id: !!python/object/apply:os.system ['true']\ntitle: A\n")
    assert "YAML" in err.message and err.line == 1
