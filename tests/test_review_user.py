"""A new user's review, session 19: the small things a first run meets (made-up input only)."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

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


# Our own made-up story, in English and in French.
_EN = ("Storm floods the harbour town of Kelvara\n\nKELVARA - A storm flooded the harbour town of Kelvara on Monday, "
       "forcing 300 families from their homes, the mayor Ilka Brandvold said. The river rose two metres overnight "
       "and the old bridge was closed.\n\nRescue teams worked through the night. Schools will stay shut until "
       "Thursday, the town council said.")
_FR = ("Une tempête inonde la ville portuaire de Kelvara\n\nKELVARA - Une tempête a inondé lundi la ville portuaire "
       "de Kelvara, chassant 300 familles de leurs maisons, a déclaré la maire Ilka Brandvold. La rivière est montée "
       "de deux mètres pendant la nuit et le vieux pont a été fermé.\n\nLes secours ont travaillé toute la nuit. Les "
       "écoles resteront fermées jusqu'à jeudi, a indiqué le conseil municipal.")


def test_lexical_mode_across_languages_says_it_cannot_see_a_translation() -> None:
    from wiretrace import article_from_text
    from wiretrace.compare import compare

    c = compare(article_from_text(_EN, name="en.txt"), article_from_text(_FR, name="fr.txt"), embedder=None)
    assert c.relation.evidence[0].startswith("English (en) and French (fr) compared without an embedder")
    same = compare(article_from_text(_EN, name="a.txt"), article_from_text(_EN, name="b.txt"), embedder=None)
    assert not [e for e in same.relation.evidence if "without an embedder" in e]  # one language: no such line


def test_compare_shows_the_ids_its_evidence_names_articles_by() -> None:
    from rich.console import Console

    from wiretrace import article_from_text
    from wiretrace.compare import compare
    from wiretrace.relate import short_ids
    from wiretrace.report.terminal import render_comparison

    a, b = article_from_text(_EN, name="a.txt"), article_from_text(_EN + "\n\nRead also: more news", name="b.txt")
    console = Console(record=True, width=200)
    render_comparison(compare(a, b, embedder=None), console)
    ia, ib = short_ids(a.id, b.id)
    text = console.export_text()
    assert f"a: #{ia} " in text and f"b: #{ib} " in text


def test_a_warc_error_response_is_said_to_be_one(tmp_path: Path) -> None:
    """A crawl's 404 page was rejected as "no article text found (42 characters ...)"."""
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    from wiretrace.ingest.sources import RawRecord, RawReject, iter_records

    page = f"<html><body><article><p>{_EN}</p></article></body></html>".encode()
    f = tmp_path / "crawl.warc"
    with f.open("wb") as fh:
        w = WARCWriter(fh, gzip=False)
        for i, status in enumerate(("200 OK", "404 Not Found", "301 Moved Permanently", "200 OK")):
            headers = StatusAndHeaders(status, [("Content-Type", "text/html")], protocol="HTTP/1.1")
            body = page if status.startswith("200") else b"<html><body>Not here</body></html>"
            w.write_record(w.create_warc_record(f"https://news.example/{i}", "response", payload=io.BytesIO(body),
                                                http_headers=headers))
    out = list(iter_records([str(f)]))
    assert [type(r) for r in out] == [RawRecord, RawReject, RawReject, RawRecord]
    assert [r.reason for r in out if isinstance(r, RawReject)] == [
        "HTTP 404 response: a redirect or error page, not an article",
        "HTTP 301 response: a redirect or error page, not an article"]
