"""Review of session 28: the same file given twice in one `index` run ("a.jsonl a.jsonl", "./a.jsonl", a link to it,
a folder and a file in it) was read twice: its records counted twice and each bad line said twice. The store held
each once; now the file is read once and a note says so."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wiretrace.cli import main
from wiretrace.compare import CompareConfig
from wiretrace.engines.local import IndexConfig, index

STORY = ("Harbour officials in Portvale said on Tuesday that the new ferry terminal would open in March. "
         "The terminal cost 42 million euros and will handle 3,000 passengers a day, the port authority said.")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    d = tmp_path / "c"
    d.mkdir()
    (d / "dump.jsonl").write_text(json.dumps({"url": "https://ex.test/1", "text": STORY}) + "\n{bad json\n"
                                  + json.dumps({"url": "https://ex.test/2", "text": STORY + " Two."}) + "\n")
    (d / "a.txt").write_text("Ferry terminal\n\n" + STORY.replace("Tuesday", "Monday"))
    (tmp_path / "link.txt").symlink_to(d / "a.txt")
    return d


def test_a_file_given_twice_is_read_once(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(corpus.parent)
    dump = str(corpus / "dump.jsonl")
    report = index([dump, dump, "c/dump.jsonl", str(corpus), str(corpus.parent / "link.txt")],
                   db=str(corpus.parent / "s.db"), cfg=IndexConfig(workers=1, compare=CompareConfig(embedder=None)))
    assert report.records == 4  # three lines and a.txt, each once
    assert report.rejects == [(dump, "line 2", report.rejects[0][2])]
    assert report.new_articles == 3
    # one note for the run, however many files were given twice (a folder given twice repeats every file in it)
    assert report.notes == [(dump, "given twice: read once (3 more files given twice, each read once)")]


def test_another_path_to_the_same_file_is_named(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(corpus.parent)
    report = index([str(corpus / "a.txt"), "link.txt"], db=str(corpus.parent / "u.db"),
                   cfg=IndexConfig(workers=1, compare=CompareConfig(embedder=None)))
    assert report.records == 1
    assert report.notes == [("link.txt", f"the same file as {corpus / 'a.txt'}: read once")]

def test_the_cli_says_each_bad_line_once(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dump = str(corpus / "dump.jsonl")
    assert main(["index", dump, dump, "--db", str(corpus.parent / "t.db"), "--lexical", "--workers", "1"]) == 0
    out, err = capsys.readouterr()
    assert err.count("line 2") == 1, err
    assert "given twice: read once" in err
    assert out.startswith("3 records read, 2 new articles, 1 skipped")


def test_one_more_file_given_twice_is_one_file(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two files each given twice: "(1 more file given twice ...)", not "1 more files" (session 29)."""
    monkeypatch.chdir(corpus.parent)
    dump, text = str(corpus / "dump.jsonl"), str(corpus / "a.txt")
    report = index([dump, dump, text, text], db=str(corpus.parent / "w.db"),
                   cfg=IndexConfig(workers=1, compare=CompareConfig(embedder=None)))
    assert report.notes == [(dump, "given twice: read once (1 more file given twice, each read once)")]
