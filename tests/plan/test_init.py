"""`cap135 init` (issue 7): a commented starter plan that validates at once."""

from __future__ import annotations

from datetime import date

import pytest
import yaml
from typer.testing import CliRunner

import cap135.plan.starter
from cap135.budget.analysis import analyze
from cap135.cli.app import app
from cap135.plan.starter import StarterValues, default_year, starter_text


def run(*args: str, **kwargs):
    return CliRunner().invoke(app, list(args), catch_exceptions=False, **kwargs)


def test_yes_writes_a_plan_that_validates(tmp_path):
    path = tmp_path / "ke-hoach.yaml"
    result = run("init", str(path), "--yes")
    assert result.exit_code == 0, result.output
    assert f"đã ghi {path}" in result.stderr
    assert f"cap135 validate {path}" in result.stderr
    checked = run("validate", str(path))
    assert checked.exit_code == 0, checked.output
    assert "0 lỗi" in checked.stdout
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    year = default_year(date.today())  # next year from October on
    assert data["year"] == year
    # from 2026 the provincial agency is the Sở Dân tộc và Tôn giáo (the 2025 reorganisation)
    assert data["agency"]["code"] == ("SDTTG" if year >= 2026 else "BDT")
    assert data["agency"]["level"] == "tỉnh"  # fixed choices written as an officer says them
    assert run("cost", str(path)).exit_code == 0
    assert run("summary", str(path), "--format", "json").exit_code == 0


def test_default_path_is_kehoach_yaml(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run("init", "-y").exit_code == 0
    assert (tmp_path / "kehoach.yaml").is_file()
    assert [p.name for p in tmp_path.iterdir()] == ["kehoach.yaml"]  # no temporary file left


@pytest.mark.parametrize(("lang", "text"), [("vi", "không ghi đè"), ("en", "never overwrites")])
def test_refuses_to_overwrite(tmp_path, lang, text):
    path = tmp_path / "kehoach.yaml"
    path.write_text("mine", encoding="utf-8")
    result = run("--lang", lang, "init", str(path), "--yes")
    assert result.exit_code == 2
    assert text in result.stderr and str(path) in result.stderr
    assert path.read_text(encoding="utf-8") == "mine"


def test_no_prompts_without_a_terminal(tmp_path):
    path = tmp_path / "kehoach.yaml"
    result = run("init", str(path), input="")  # CliRunner's stdin is not a tty
    assert result.exit_code == 0
    assert "Cơ quan chủ quản" not in result.output


def test_prompts_in_a_terminal(tmp_path, monkeypatch):
    monkeypatch.setattr(cap135.plan.starter, "interactive", lambda: True)
    path = tmp_path / "kehoach.yaml"
    answers = "\n".join(
        [
            "1999",  # out of range: asked again
            "2024",  # asked first: the year decides the agency offered by default
            "UBND TỈNH LAI CHÂU",
            "BAN DÂN TỘC",
            "bdt tỉnh",  # not a valid code: asked again
            "bdt",
            "Lai Châu",
        ]
    )
    result = run("init", str(path), input=answers + "\n")
    assert result.exit_code == 0, result.output
    assert "Cơ quan chủ quản" in result.output
    assert "chữ in hoa" in result.output
    assert "năm phải từ 2000 đến 2100" in result.output
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["agency"] == {
        "parent": "UBND TỈNH LAI CHÂU",
        "name": "BAN DÂN TỘC",
        "short_name": "Ban Dân tộc",
        "code": "BDT",
        "level": "tỉnh",
    }
    assert (data["year"], data["place"]) == (2024, "Lai Châu")
    assert "năm 2024" in data["title"]
    assert run("validate", str(path)).exit_code == 0


def test_prompts_in_english_and_defaults_on_enter(tmp_path, monkeypatch):
    monkeypatch.setattr(cap135.plan.starter, "interactive", lambda: True)
    path = tmp_path / "kehoach.yaml"
    result = run("--lang", "en", "init", str(path), input="2027\n" + "\n" * 4)
    assert result.exit_code == 0, result.output
    assert "Parent agency" in result.output
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert (data["agency"]["name"], data["agency"]["code"]) == ("SỞ DÂN TỘC VÀ TÔN GIÁO", "SDTTG")
    assert data["signer"]["position"] == "GIÁM ĐỐC"
    assert "district" not in path.read_text(encoding="utf-8").split("level:")[1].split("\n")[0]


def test_yes_asks_nothing_even_in_a_terminal(tmp_path, monkeypatch):
    monkeypatch.setattr(cap135.plan.starter, "interactive", lambda: True)
    result = run("init", str(tmp_path / "k.yaml"), "--yes", input="")
    assert result.exit_code == 0
    assert "Cơ quan chủ quản" not in result.output


def test_comments_explain_the_traps():
    text = starter_text(StarterValues(year=2024))
    assert text.count("\n#") > 20
    assert "ngoặc kép" in text and "ban ngành." in text  # the comma trap
    assert "số nguyên đồng" in text  # money as whole đồng
    assert "yes, no, on" in text


@pytest.mark.parametrize("year", [2018, 2020, 2024, 2026, date.today().year])
def test_starter_validates_in_any_year(tmp_path, year):
    path = tmp_path / "plan.yaml"
    path.write_text(starter_text(StarterValues(year=year)), encoding="utf-8")
    analysis = analyze(path)
    assert analysis.ok, [f.code for f in analysis.findings]
    assert analysis.budget.total < analysis.budget.ceiling


def test_values_are_quoted_safely(tmp_path):
    values = StarterValues(parent='UBND TỈNH "A", B: C', name="yes", code="UB.ND-1", year=2024, place="#1")
    path = tmp_path / "plan.yaml"
    path.write_text(starter_text(values), encoding="utf-8")
    analysis = analyze(path)
    assert analysis.ok, [f.code for f in analysis.findings]
    assert analysis.plan.agency.parent == 'UBND TỈNH "A", B: C'
    assert (analysis.plan.agency.name, analysis.plan.place) == ("yes", "#1")
