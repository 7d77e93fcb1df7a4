"""Small commands and the package entry points."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import QUANG_TRI

from cap135 import __version__
from cap135.cli.app import app

NORMS_EXAMPLES = {
    "5.025.110": "Năm triệu không trăm hai mươi lăm nghìn một trăm mười đồng",
    "505515": "Năm trăm linh năm nghìn năm trăm mười lăm đồng",
    "1.505.555.005": "Một tỷ năm trăm linh năm triệu năm trăm năm mươi lăm nghìn không trăm linh năm đồng",
    "45750000": "Bốn mươi lăm triệu bảy trăm năm mươi nghìn đồng",
    "1.005.000": "Một triệu không trăm linh năm nghìn đồng",
    "2.000.000.000": "Hai tỷ đồng",
    "1251000000": "Một tỷ hai trăm năm mươi mốt triệu đồng",
}


@pytest.mark.parametrize(("amount", "words"), NORMS_EXAMPLES.items())
def test_words_reads_the_norms_examples(runner, amount, words):
    result = runner.invoke(app, ["words", amount], catch_exceptions=False)
    assert result.exit_code == 0
    assert result.output.strip() == words


@pytest.mark.parametrize("bad", ["1,5", "12.50", "abc", "", "-5", "1.2345.000"])
def test_words_rejects_what_is_not_an_amount(runner, bad):
    result = runner.invoke(app, ["words", bad], catch_exceptions=False)
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_version(runner):
    result = runner.invoke(app, ["--version"], catch_exceptions=False)
    assert result.output.strip() == f"cap135 {__version__}"


def test_python_dash_m_and_the_console_script_agree():
    proc = subprocess.run(
        [sys.executable, "-m", "cap135", "validate", str(QUANG_TRI)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert "0 lỗi" in proc.stdout


def test_unknown_command_is_a_usage_error(runner):
    assert runner.invoke(app, ["frobnicate"]).exit_code == 2
