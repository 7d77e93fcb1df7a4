from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
PLANS = ROOT / "plans"
QUANG_TRI = PLANS / "quang-tri-2020.yaml"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def quang_tri_text() -> str:
    return QUANG_TRI.read_text(encoding="utf-8")


def edited(text: str, old: str, new: str) -> tuple[str, int]:
    """Replace the one occurrence of `old`; return the text and the 1-based line of the edit."""
    assert text.count(old) == 1, f"expected exactly one {old!r}"
    start = text.index(old)
    return text.replace(old, new), text[:start].count("\n") + 1
