"""Provenance as data (issue 20): a verified rate says where it was read and the sentence read.

The shipped tables are checked entry by entry; a user table that says `verified: true` without a
source, or with a quote that does not hold the amount, is refused with its position; `cap135
rates --unverified` lists what remains to check; every instrument the shipped tables and the
programmes cite is one that a search showed.
"""

from __future__ import annotations

import json
import re
import time
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cap135.budget.provenance import amount_in_quote, written_forms
from cap135.budget.rate_tables import RateTableError, load_table, shipped_table_ids
from cap135.cli.app import app
from cap135.messages import message
from cap135.plan.programmes import PROGRAMMES
from cap135.plan.starter import legal_basis

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str):
    return CliRunner().invoke(app, list(args), catch_exceptions=False, env={"COLUMNS": "250"})


# --- the quote holds the amount as a text writes it ---------------------------------------------


@pytest.mark.parametrize(
    ("amount", "quote"),
    [
        (2_000_000, "điều chỉnh mức tăng 100%, từ 2.000.000 đồng lên 4.000.000 đồng"),
        (1_000_000, "tối đa không quá 1 triệu đồng/buổi."),
        (450_000, "được khoán 450 nghìn đồng/ngày/người"),
        (1_600_000, "mức khoán tiền phòng được nâng lên tối đa 1,6 triệu đồng/ngày/người"),
        (300_000, "Mức phụ cấp lưu trú … 300.000 đồng/ngày (quy định cũ 200.000 đồng/ngày)."),
        (200_000, "Mức phụ cấp lưu trú … 300.000 đồng/ngày (quy định cũ 200.000 đồng/ngày)."),
        (4, "(một buổi giảng được tính bằng 4 tiết học)"),
        (150_000, "Không quá 150.000\u00a0đồng/ngày"),
    ],
)
def test_a_quote_holds_the_amount_in_some_written_form(amount, quote):
    assert amount_in_quote(amount, quote)


@pytest.mark.parametrize(
    ("amount", "quote"),
    [
        (200_000, "tối đa 1.200.000 đồng/buổi"),  # not inside a larger number
        (4, "40 tiết"),
        (4, "4,5 triệu đồng"),
        (2_000_000, "2.000.000.000 đồng"),
        (300_000, "mức phụ cấp lưu trú tăng"),  # no amount at all
        (1_500_000, "1 triệu đồng"),
    ],
)
def test_a_quote_without_the_amount_is_refused(amount, quote):
    assert not amount_in_quote(amount, quote)


def test_written_forms_cover_dots_words_and_decimal_commas():
    forms = written_forms(1_600_000)
    assert {"1.600.000", "1600000", "1,6 triệu", "1600 nghìn"} <= set(forms)
    assert "300 nghìn" in written_forms(300_000) and "300 ngàn" in written_forms(300_000)


# --- every verified entry of every shipped table carries its source -----------------------------


def _entries():
    for table_id in shipped_table_ids():
        table = load_table(table_id)
        for rate in table.all_rates():
            if rate.table == table_id:
                yield table_id, rate.key, rate.amount, rate
        for name in table.profile_names():
            for value in table.profile_by_name[name]:
                if value.table == table_id:
                    yield table_id, name, value.value, value


def test_every_verified_entry_of_the_shipped_tables_has_its_source_and_quote():
    verified = [(t, key, figure, e) for t, key, figure, e in _entries() if e.verified]
    assert len(verified) >= 10  # the tables do hold verified rates
    for table_id, key, figure, entry in verified:
        assert entry.source is not None, (table_id, key, entry.valid_from)
        assert entry.source.where.strip() and entry.source.quote.strip(), (table_id, key)
        assert amount_in_quote(figure, entry.source.quote), (table_id, key, figure, entry.source.quote)


def test_provisional_entries_are_never_verified():
    provisional = [e for _t, _k, _f, e in _entries() if e.provisional]
    assert provisional and not any(e.verified for e in provisional)


def test_a_derived_amount_is_not_verified():
    """2021–2025 learners' meals equal the per diem: derived, so never verified by themselves."""
    national = load_table("national")
    for day in (date(2024, 1, 10), date(2025, 6, 1)):
        meal = national.lookup("meal_support.province", day)
        assert meal.amount == national.lookup("per_diem", day).amount
        assert not meal.verified and "suy ra" in (meal.note or "")


def _table(tmp_path: Path, entry: str) -> Path:
    path = tmp_path / "tinh.yaml"
    path.write_text(
        f"id: tinh\ntitle: Bảng của tỉnh\nextends: [national]\nrates:\n  materials:\n{entry}",
        encoding="utf-8",
    )
    return path


def test_a_verified_entry_without_a_source_is_refused_at_its_line(tmp_path):
    path = _table(
        tmp_path,
        "    - {amount: 60000, unit: trainee, basis: 'Nghị quyết 1/2026/NQ-HĐND', from: 2026-01-01,\n"
        "       verified: true}\n",
    )
    with pytest.raises(RateTableError) as info:
        load_table(str(path))
    assert info.value.line == 6
    for lang in ("vi", "en"):
        assert message("table-verified-no-source", lang) in info.value.detail(lang)


def test_a_quote_that_does_not_hold_the_amount_is_refused(tmp_path):
    path = _table(
        tmp_path,
        "    - {amount: 60000, unit: trainee, basis: 'Nghị quyết 1/2026/NQ-HĐND', from: 2026-01-01,\n"
        "       verified: true, source: {where: 'Nghị quyết 1/2026/NQ-HĐND, Điều 3',\n"
        "       quote: 'Tài liệu học tập: 50.000 đồng/học viên.'}}\n",
    )
    with pytest.raises(RateTableError) as info:
        load_table(str(path))
    assert message("table-quote-no-value", "vi", {"value": 60000}) in info.value.detail("vi")


def test_a_verified_entry_with_its_quote_loads_and_keeps_its_source(tmp_path):
    path = _table(
        tmp_path,
        "    - {amount: 60000, unit: trainee, basis: 'Nghị quyết 1/2026/NQ-HĐND', from: 2026-01-01,\n"
        "       verified: true, source: {where: 'Nghị quyết 1/2026/NQ-HĐND, Điều 3',\n"
        "       quote: 'Tài liệu học tập: 60 nghìn đồng/học viên.'}}\n",
    )
    rate = load_table(str(path)).lookup("materials", date(2026, 5, 1))
    assert rate.verified and rate.source is not None
    assert rate.source.where == "Nghị quyết 1/2026/NQ-HĐND, Điều 3"


def test_a_validated_plan_names_the_table_problem(tmp_path):
    _table(
        tmp_path,
        "    - {amount: 60000, unit: trainee, basis: 'Nghị quyết 1/2026/NQ-HĐND', from: 2026-01-01,\n"
        "       verified: true}\n",
    )
    plan = (ROOT / "plans" / "quang-tri-2027.yaml").read_text(encoding="utf-8")
    (tmp_path / "p.yaml").write_text(
        plan.replace("\nplace:", "\nrates: tinh.yaml\nplace:", 1), encoding="utf-8"
    )
    result = run("validate", str(tmp_path / "p.yaml"))
    assert result.exit_code == 1
    assert message("table-verified-no-source", "vi") in result.output


# --- cap135 rates --unverified -------------------------------------------------------------------


def test_rates_unverified_lists_what_remains_to_check_with_its_notes():
    result = run("rates", "national", "--unverified")
    assert result.exit_code == 0
    text = result.output
    assert "speaker_fee.provincial" in text and "meal_support.commune" in text
    assert "periods_per_session" in text  # profile values too
    assert "Dân Việt" in text  # the notes say what is known and from where
    data = json.loads(run("rates", "national", "--unverified", "--format", "json").output)
    [table] = data
    assert table["rates"] and not any(r["verified"] for r in table["rates"])
    assert {r["key"] for r in table["rates"]} >= {"lodging.province", "speaker_fee.central_leader"}
    shown = {(r["key"], r["from"]) for r in table["rates"]}
    assert ("per_diem", "2025-05-04") not in shown  # verified: not listed
    assert table["profile"] and not any(v["verified"] for v in table["profile"])


def test_rates_unverified_without_a_table_covers_every_shipped_one():
    data = json.loads(run("rates", "--unverified", "--format", "json").output)
    assert [t["id"] for t in data] == list(shipped_table_ids())


def test_rates_json_carries_sources_and_provisional_marks():
    data = json.loads(run("rates", "national", "--format", "json").output)
    per_diem = [r for r in data["rates"] if r["key"] == "per_diem" and r["from"] == "2025-05-04"]
    assert per_diem[0]["source"]["quote"].startswith("Mức phụ cấp lưu trú")
    fees = [r for r in data["rates"] if r["key"] == "speaker_fee.local" and r["from"] == "2025-10-28"]
    assert fees[0]["provisional"] and fees[0]["amount"] == 4_000_000


# --- every instrument cited is one a search showed -----------------------------------------------

# Each was read in a stored copy (see the notes of the rate tables): its number and date at least.
FOUND = {
    "97/2010/TT-BTC",  # per diem table (118.69.201.250 …), "Khoản 3 Điều 2 Thông tư 97/2010/TT-BTC"
    "139/2010/TT-BTC",  # baomoi.com; hethongphapluat.com (its heading)
    "40/2017/TT-BTC",  # thuvienphapluat.vn Q&A quoting Art. 12 cl. 4; tienphong.vn
    "36/2018/TT-BTC",  # vnubw.org.vn: in force 15/6/2018, replaces TT 139/2010
    "12/2025/TT-BTC",  # laodongcongdoan.vn, bnews.vn: 19/3/2025, in force 4/5/2025
    "100/2025/TT-BTC",  # nhansu.vn: 28/10/2025, in force 28/10/2025
    "55/2023/TT-BTC",  # qdnd.vn Q&A quoting its Art. 2
    "14/2017/NQ-HĐND",  # quangtri.edu.vn: 29/7/2017
    "15/2017/QĐ-UBND",  # quangtri.edu.vn: 09/8/2017, in force 20/8/2017
    "07/2019/NQ-HĐND",  # thuvienphapluat.vn: 20/7/2019
    "257/2025/QH15",  # nhansu.vn (căn cứ of QĐ 417), baothanhhoa.vn
    "424/NQ-CP",  # nhansu.vn, tailieu.vn: 30/12/2025
    "417/QĐ-BNNMT",  # nhansu.vn, baotintuc.vn, nhandan.vn: 31/01/2026
    "1719/QĐ-TTg",  # qdnd.vn Q&A (TT 55/2023 Art. 2)
    "90/QĐ-TTg",  # qdnd.vn Q&A
    "263/QĐ-TTg",  # qdnd.vn Q&A
    "01/2022/TT-UBDT",  # a stale basis the warning names (norms: hieuluat.vn)
}
INSTRUMENT = re.compile(r"\b\d{1,4}/(?:\d{4}/)?(?:TT|NQ|QĐ|NĐ|QH)[-–]?[A-ZĐa-z0-9]*")


def _cited(text: str) -> set[str]:
    return {m.group(0).replace("–", "-") for m in INSTRUMENT.finditer(text)}


def test_every_instrument_the_project_cites_was_found():
    texts = [
        path.read_text(encoding="utf-8")
        for path in (ROOT / "src" / "cap135" / "budget" / "rates").glob("*.yaml")
    ]
    texts += [(ROOT / "src" / "cap135" / "plan" / "programmes.py").read_text(encoding="utf-8")]
    texts += [" ".join(p.bases) + " " + str(p.finance_basis) for p in PROGRAMMES]
    texts += [" ".join(legal_basis(year)) for year in (2020, 2024, 2027)]
    texts += [(ROOT / "plans" / "quang-tri-2027.yaml").read_text(encoding="utf-8")]
    cited = set().union(*(_cited(text) for text in texts))
    assert "100/2025/TT-BTC" in cited and "417/QĐ-BNNMT" in cited
    assert not cited - FOUND, sorted(cited - FOUND)


def test_the_2027_example_cites_the_2026_programme_and_no_placeholder():
    text = (ROOT / "plans" / "quang-tri-2027.yaml").read_text(encoding="utf-8")
    basis = text.split("legal_basis:")[1].split("purposes:")[0]
    for instrument in ("257/2025/QH15", "424/NQ-CP", "417/QĐ-BNNMT", "16/6/2025"):
        assert instrument in basis
    assert "…" not in text and "[" not in basis


def test_agency_lines_are_quick_for_any_name():
    from cap135.documents.agency_lines import MAX_LINES, agency_lines

    started = time.perf_counter()
    lines = agency_lines("ỦY BAN " * 2000, bold=True)
    assert len(lines) == MAX_LINES and time.perf_counter() - started < 5
