"""A new user's review, session 19: the small things a first run meets (made-up input only)."""

from __future__ import annotations

import logging
import subprocess
import sys

import pytest

from wiretrace.cli import main
from wiretrace.report.findings import Finding, FindingGroup, Findings
from wiretrace.segment import word_zipf


def test_python_m_wiretrace_runs_the_command_line() -> None:
    out = subprocess.run([sys.executable, "-m", "wiretrace", "--help"], capture_output=True, text=True, check=False)
    assert out.returncode == 0 and "COMMAND" in out.stdout


def test_a_wrong_option_is_reported_with_its_own_commands_usage(capsys: pytest.CaptureFixture[str]) -> None:
    for argv, usage in ((["compare", "--bogus", "a.txt", "b.txt"], "usage: wiretrace compare"),
                        (["spark", "index", "--out", "o", "--bogus", "x"], "usage: wiretrace spark index")):
        with pytest.raises(SystemExit) as exc:
            main(argv)
        err = capsys.readouterr().err
        assert exc.value.code == 2 and err.startswith(usage) and "unrecognized arguments: --bogus" in err


def test_one_change_that_matters_is_singular() -> None:
    one = Findings([FindingGroup("numbers", "Numbers", [Finding("changed", "number", "4", "5", 1, 0)])], [])
    assert one.summary().startswith("1 change that matters: ")
    two = Findings([FindingGroup("numbers", "Numbers", [Finding("changed", "number", "4", "5", 1, 0),
                                                        Finding("added", "number", None, "7", 1, 1)])], [])
    assert two.summary().startswith("2 changes that matter: ")


def test_a_language_wordfreq_lacks_gets_no_other_languages_frequencies(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        assert word_zipf("il-gvern", "mt") is None  # Maltese: wordfreq would read English, with a warning
        assert word_zipf("gobernua", "eu") is None  # Basque: not Spanish
    assert not [r for r in caplog.records if "nearest match" in r.getMessage()]
    assert (word_zipf("huset", "no") or 0) > 3  # Norwegian reads wordfreq's Bokmål list
    assert (word_zipf("the", "en") or 0) > 7
