"""The signed document and its draft (issue 20).

The KẾ HOẠCH a leader signs carries no review notes and no tool language; what the finance
officer must check goes to the terminal (warnings at cost and render) and into `render --draft`,
marked DỰ THẢO at the top and as a watermark, listing every assumption and every unverified or
provisional rate. A plan that holds a starter placeholder renders only as a draft. Real .docx
files, read back with python-docx and as their XML parts.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import zipfile
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from typer.testing import CliRunner

from cap135.budget.analysis import analyze
from cap135.cli.app import app
from cap135.documents.agency_lines import COLUMN_PT, agency_lines, width_pt
from cap135.messages import message
from cap135.plan import starter

ROOT = Path(__file__).resolve().parents[2]
PLANS = sorted((ROOT / "plans").glob("*.yaml"))
PLAN_2027 = ROOT / "plans" / "quang-tri-2027.yaml"
# words of a review, never in the document for signature (the program's name included)
TOOL_WORDS = (
    "mặc định",
    "chưa kiểm chứng",
    "chưa đối chiếu",
    "cần đối chiếu",
    "giả định",
    "cap135",
    "dự thảo",
    "tạm tính",
    "chưa tìm thấy",
)


def run(*args: str):
    return CliRunner().invoke(app, list(args), catch_exceptions=False, env={"COLUMNS": "200"})


def docx_text(path: Path) -> str:
    """Every text of the package: body, tables, page headers, properties, VML attributes."""
    with zipfile.ZipFile(path) as z:
        parts = [z.read(name).decode("utf-8") for name in z.namelist() if name.endswith(".xml")]
    xml = "\n".join(parts)
    attributes = " ".join(re.findall(r'string="([^"]*)"', xml))
    return re.sub(r"<[^>]+>", "", xml) + " " + attributes


def paragraphs(path: Path) -> list[str]:
    return [p.text for p in Document(str(path)).paragraphs]


@pytest.fixture(scope="module")
def documents(tmp_path_factory) -> dict[str, tuple[Path, Path]]:
    out = tmp_path_factory.mktemp("signed")
    made = {}
    for plan in PLANS:
        final, draft = out / f"{plan.stem}.docx", out / f"{plan.stem}.draft.docx"
        assert run("render", str(plan), "-o", str(final)).exit_code == 0
        assert run("render", str(plan), "-o", str(draft), "--draft").exit_code == 0
        made[plan.stem] = (final, draft)
    return made


@pytest.mark.parametrize("plan", PLANS, ids=lambda p: p.stem)
def test_the_document_for_signature_has_no_review_notes_nor_tool_words(documents, plan):
    final, _draft = documents[plan.stem]
    text = docx_text(final).lower()
    for word in TOOL_WORDS:
        assert word not in text, (plan.stem, word)
    assert message("draft-notes-title", "vi") not in docx_text(final)


@pytest.mark.parametrize("plan", PLANS, ids=lambda p: p.stem)
def test_the_draft_is_marked_and_lists_every_assumption_and_rate_to_check(documents, plan):
    _final, draft = documents[plan.stem]
    texts = paragraphs(draft)
    assert texts[0] == "DỰ THẢO"
    with zipfile.ZipFile(draft) as z:
        headers = [z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("word/header")]
    assert sum('string="DỰ THẢO"' in h for h in headers) == 2  # first page and the others
    budget = analyze(plan).budget
    body = "\n".join(texts)
    for assumption in budget.assumptions:
        assert assumption.text("vi") in body, assumption.code
    for use in budget.to_check:
        assert use.item in body and (use.rate.note or use.rate.basis) in body, use.rate.key
    assert message("draft-notes-title", "vi") in texts


def test_the_final_document_states_its_conventions_as_plan_content(documents):
    final, _draft = documents["quang-tri-2027"]
    texts = paragraphs(final)
    notes = texts[texts.index(message("content-notes-title", "vi")) + 1 :]
    assert any("tiền nghỉ tính cho số ngày học trừ một đêm" in t for t in notes)
    assert any("6 buổi giảng mỗi lớp" in t for t in notes)


def test_the_final_document_has_no_watermark(documents):
    final, _draft = documents["quang-tri-2027"]
    with zipfile.ZipFile(final) as z:
        xml = " ".join(z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("word/header"))
    assert "v:textpath" not in xml and "DỰ THẢO" not in xml


def _gray_pixels(pdf: Path, page: int, out: Path) -> int:
    """Pixels of a page laid out by LibreOffice that are light gray (the watermark's silver)."""
    subprocess.run(
        ["pdftoppm", "-r", "40", "-gray", "-f", str(page), "-l", str(page), str(pdf), str(out)],
        check=True,
        capture_output=True,
    )
    [image] = out.parent.glob(f"{out.name}*.pgm")
    data = image.read_bytes()
    # binary PGM: "P5", width, height, maxval, then one byte a pixel
    fields = data.split(maxsplit=4)
    width, height = int(fields[1]), int(fields[2])
    pixels = fields[4][-width * height :]
    image.unlink()
    return sum(1 for value in pixels if 150 <= value <= 235)


def test_libreoffice_lays_the_watermark_on_every_page_of_the_draft_only(documents, tmp_path):
    from cap135.documents.pdf import docx_to_pdf

    if shutil.which("soffice") is None or shutil.which("pdftoppm") is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) and pdftoppm must be installed in CI")
        pytest.skip("LibreOffice or poppler-utils is not installed")
    final, draft = documents["quang-tri-2027"]
    pdfs = {}
    for name, docx in (("final", final), ("draft", draft)):
        pdfs[name] = tmp_path / f"{name}.pdf"
        docx_to_pdf(docx, pdfs[name])
    for page in (1, 2, 3):
        plain = _gray_pixels(pdfs["final"], page, tmp_path / f"f{page}")
        marked = _gray_pixels(pdfs["draft"], page, tmp_path / f"d{page}")
        assert marked > plain + 500, (page, plain, marked)


# --- placeholders keep a plan to the draft -------------------------------------------------------


def test_a_plan_with_starter_placeholders_renders_only_as_a_draft(tmp_path):
    plan = tmp_path / "ke-hoach.yaml"
    assert run("init", str(plan), "--yes").exit_code == 0
    out = tmp_path / "kehoach.docx"
    result = run("render", str(plan), "-o", str(out))
    assert result.exit_code == 1
    assert not out.exists()
    lines = plan.read_text(encoding="utf-8").splitlines()
    found = [x for x in result.stderr.splitlines() if "warning[placeholder-left]" in x]
    assert {x.rsplit(": ", 1)[1] for x in found} >= {"[Họ và tên]", "[Địa danh]", "[TÊN TỈNH]"}
    for x in found:  # each with its position in the plan
        line = int(x.split(":")[1])
        assert x.rsplit(": ", 1)[1] in lines[line - 1]
    count = len(found)
    assert message("render-placeholders", "vi", {"file": plan, "count": count}) in result.stderr
    draft = run("render", str(plan), "-o", str(out), "--draft")
    assert draft.exit_code == 0
    body = "\n".join(paragraphs(out))
    assert "[Họ và tên]" in body  # the draft shows the gaps, and lists them for review
    assert (
        message("draft-warning", "vi", {"text": message("placeholder-left", "vi", {"text": "[Họ và tên]"})})
        in body
    )


# --- warnings at cost and render; a 2026+ plan on the national table -----------------------------


def test_the_2027_example_validates_costs_and_renders_with_warnings(tmp_path):
    validated = run("validate", str(PLAN_2027))
    assert validated.exit_code == 0
    assert "warning[rates-provisional]" in validated.stdout
    provisional = next(f for f in analyze(PLAN_2027).findings if f.code == "rates-provisional")
    for key in ("meal_support.province", "lodging.province", "speaker_fee.provincial"):
        assert key in provisional.args["keys"]
    cost = run("cost", str(PLAN_2027), "--format", "json")
    assert cost.exit_code == 0
    assert json.loads(cost.stdout)["total"] > 0
    assert "warning[rates-provisional]" in cost.stderr and "warning[rates-unverified]" in cost.stderr
    rendered = run("render", str(PLAN_2027), "-o", str(tmp_path / "k.docx"))
    assert rendered.exit_code == 0
    assert "warning[rates-provisional]" in rendered.stderr
    assert message("render-warnings", "vi", {"file": PLAN_2027, "count": 2}) in rendered.stderr


def test_a_province_table_that_sets_the_provisional_amounts_clears_the_warning(tmp_path):
    keys = [
        "speaker_fee.provincial",
        "speaker_fee.expert",
        "meal_support.province",
        "meal_support.district",
        "lodging.province",
        "lodging.commune",
    ]
    units = {"speaker_fee": "session", "meal_support": "person_day", "lodging": "person_night"}
    entries = "".join(
        f"  {key}: {{amount: 200000, unit: {units[key.split('.')[0]]}, "
        "basis: 'Nghị quyết 20/2026/NQ-HĐND', from: 2026-01-01}\n"
        for key in keys
    )
    (tmp_path / "tinh.yaml").write_text(
        f"id: tinh\ntitle: Bảng của tỉnh\nextends: [national]\nrates:\n{entries}", encoding="utf-8"
    )
    plan = PLAN_2027.read_text(encoding="utf-8").replace("\nplace:", "\nrates: tinh.yaml\nplace:", 1)
    (tmp_path / "p.yaml").write_text(plan, encoding="utf-8")
    analysis = analyze(tmp_path / "p.yaml")
    assert analysis.ok
    assert not [f for f in analysis.findings if f.code == "rates-provisional"]


def test_a_2026_plan_citing_a_2021_2025_basis_is_warned_with_the_line_quoted(tmp_path):
    stale = "Quyết định số 1719/QĐ-TTg ngày 14/10/2021 của Thủ tướng Chính phủ phê duyệt Chương trình"
    text = PLAN_2027.read_text(encoding="utf-8").replace(
        "legal_basis:\n", f'legal_basis:\n  - "{stale}"\n  - "Thông tư số 55/2023/TT-BTC ngày 15/8/2023"\n', 1
    )
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    result = run("validate", str(path))
    assert result.exit_code == 0
    found = [x for x in result.stdout.splitlines() if "warning[stale-basis]" in x]
    assert len(found) == 2
    assert f"{path}:21:" in found[0] and stale in found[0] and "1719/QĐ-TTg" in found[0]
    assert "Thông tư 55/2023/TT-BTC" in found[1]
    english = run("--lang", "en", "validate", str(path))
    assert "cites a basis of the 2021–2025 programmes" in english.stdout
    # the same line in a plan of 2024 is its own programme's basis: no warning
    plan_2024 = ROOT / "plans" / "soc-trang-2024.yaml"
    assert "1719" in plan_2024.read_text(encoding="utf-8")
    assert not [f for f in analyze(plan_2024).findings if f.code == "stale-basis"]


# --- the agency block of the header -------------------------------------------------------------


def test_the_agency_name_is_split_into_whole_lines_that_fit():
    assert agency_lines("SỞ DÂN TỘC VÀ TÔN GIÁO", bold=True) == ["SỞ DÂN TỘC", "VÀ TÔN GIÁO"]
    assert agency_lines("BAN DÂN TỘC", bold=True) == ["BAN DÂN TỘC"]
    assert agency_lines("UBND TỈNH QUẢNG TRỊ", bold=False) == ["UBND TỈNH QUẢNG TRỊ"]
    assert width_pt("SỞ DÂN TỘC VÀ TÔN GIÁO", bold=True) > COLUMN_PT  # what used to wrap mid-name
    for name in ("ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ", "SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN"):
        lines = agency_lines(name, bold=True)
        assert " ".join(lines) == name and len(lines) > 1
        assert all(width_pt(line, bold=True) <= COLUMN_PT for line in lines)


def test_the_rendered_header_holds_each_agency_line_as_a_paragraph(documents):
    final, _draft = documents["quang-tri-2027"]
    cell = Document(str(final)).tables[0].cell(0, 0)
    assert [p.text for p in cell.paragraphs if p.text] == ["UBND TỈNH QUẢNG TRỊ", "SỞ DÂN TỘC", "VÀ TÔN GIÁO"]


# --- the starter for 2026 onward ----------------------------------------------------------------


def test_the_starter_for_2026_onward_offers_the_programme_bases_and_a_provincial_resolution():
    bases = starter.legal_basis(2027)
    joined = "\n".join(bases)
    for instrument in ("257/2025/QH15", "424/NQ-CP", "417/QĐ-BNNMT", "ngày 16/6/2025"):
        assert instrument in joined
    assert any("NQ-HĐND" in line and "…" in line for line in bases)  # the province's own, to fill in
    older = "\n".join(starter.legal_basis(2024))
    assert "257/2025" not in older and "NQ-HĐND" not in older


@pytest.mark.parametrize(
    ("today", "year"),
    [
        (date(2026, 9, 30), 2026),
        (date(2026, 10, 1), 2027),
        (date(2026, 12, 4), 2027),
        (date(2027, 1, 2), 2027),
    ],
)
def test_init_offers_next_year_from_october(today, year):
    assert starter.default_year(today) == year


def test_the_year_prompt_answers_a_word_in_vietnamese(tmp_path, monkeypatch):
    monkeypatch.setattr(starter, "interactive", lambda: True)
    path = tmp_path / "kehoach.yaml"
    answers = "hai nghìn\n2027\n" + "\n" * 4
    result = CliRunner().invoke(app, ["init", str(path)], input=answers, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert (
        message("init-year-not-number", "vi", {"example": starter.default_year(date.today())})
        in result.output
    )
    assert "valid integer" not in result.output and "Error" not in result.output
    english = CliRunner().invoke(
        app, ["--lang", "en", "init", str(tmp_path / "b.yaml")], input=answers, catch_exceptions=False
    )
    assert "write the year in digits" in english.output


# --- small things a reader sees --------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "words"), [("vi", "ngoặc kép"), ("en", "double quotes")])
def test_an_unquoted_colon_in_a_text_is_explained(tmp_path, lang, words):
    path = tmp_path / "p.yaml"
    path.write_text("version: 1\nyear: 2027\ntitle: Kế hoạch: năm 2027\n", encoding="utf-8")
    result = run("--lang", lang, "validate", str(path))
    assert result.exit_code == 1
    assert f"{path}:3:" in result.stdout and "error[yaml-colon]" in result.stdout
    assert words in result.stdout
    assert "mapping values are not allowed" not in result.stdout


def test_fit_help_shows_a_readable_metavar():
    for lang, metavar in (("vi", "NHÓM.TRƯỜNG=NHỎ..LỚN"), ("en", "GROUP.FIELD=MIN..MAX")):
        shown = run("--lang", lang, "fit", "--help").output
        assert metavar in shown
        assert "list[str]" not in shown.lower()
