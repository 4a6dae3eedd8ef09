"""Findings of session 23's new-user review left open, fixed in session 24 (ingest / CLI): a WARC file's records of
other content passed over without a word, `report` silent where stderr is no terminal, JSON Lines fields of odd
types read without a word. Made-up texts only."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from conftest import write_warc
from wiretrace import cli
from wiretrace.cli import main
from wiretrace.compare import CompareConfig
from wiretrace.engines.local import IndexConfig, index
from wiretrace.ingest import article_from_record, read_records
from wiretrace.ingest.fields import field_notes
from wiretrace.ingest.sources import RawRecord, RawReject, iter_records

PARAS = ("The harbour board of the made-up town of Velmora voted on Tuesday to close the old ferry quay for repairs.",
         "Engineers found cracks in twelve of the forty concrete piles that hold the quay up, the board said.",
         "Ferries to the islands will leave from the new terminal until the work ends next spring.",
         "The repairs will cost about 3.2 million euros, paid from the board's reserve fund, its chair said.")
TEXT = " ".join(PARAS)


def _page(title: str, extra: str = "") -> bytes:
    body = "".join(f"<p>{p}</p>" for p in (*PARAS, extra) if p)
    return f"<html><head><title>{title}</title></head><body><article>{body}</article></body></html>".encode()


def _crawl(path: Path, *, pages: int = 2, others: tuple[tuple[bytes, str], ...] = ()) -> Path:
    records = [(f"https://a.example/{k}", _page(f"Quay closed {k}", f"Update number {k}."), "text/html")
               for k in range(pages)]
    records += [(f"https://a.example/file{k}", body, ctype) for k, (body, ctype) in enumerate(others)]
    write_warc(path, records)
    return path


IMAGES_AND_JSON = ((b"\xff\xd8\xff\xe0", "image/jpeg"), (b"\xff\xd8\xff\xe1", "image/jpeg"),
                   (b'{"a": 1}', "application/json; charset=utf-8"), (b"%PDF-1.4", "application/pdf"),
                   (b"\xff\xd8\xff\xe2", "image/jpeg"))


# -- 1. a WARC file's records of other content -------------------------------------------------------------------


def test_a_warc_with_pages_says_what_else_it_held(tmp_path: Path) -> None:
    f = _crawl(tmp_path / "x.warc.gz", others=IMAGES_AND_JSON)
    notes: list[tuple[str, str]] = []
    out = list(iter_records([str(f)], notes=lambda p, note: notes.append((p, note))))
    assert [r.url for r in out if isinstance(r, RawRecord)] == ["https://a.example/0", "https://a.example/1"]
    assert notes == [(str(f), "2 HTML pages read, 5 records of other content passed over (3 image/jpeg, "
                              "1 application/json, 1 application/pdf): only HTML responses are read")]
    # what is read is the same with notes or without: nothing else is yielded, so nothing else is stored
    assert out == list(iter_records([str(f)]))


def test_a_warc_of_pages_alone_or_with_no_page_notes_nothing(tmp_path: Path) -> None:
    notes: list[tuple[str, str]] = []
    only_pages = _crawl(tmp_path / "pages.warc.gz")
    assert len(list(iter_records([str(only_pages)], notes=lambda p, n: notes.append((p, n))))) == 2
    no_page = _crawl(tmp_path / "images.warc.gz", pages=0, others=IMAGES_AND_JSON[:2])
    out = list(iter_records([str(no_page)], notes=lambda p, n: notes.append((p, n))))
    assert notes == []  # a file of no page says so as a reject, as before
    assert [r.reason for r in out if isinstance(r, RawReject)] == [
        "no HTML response among its 2 records (2 response image/jpeg)"]


def test_index_and_ingest_print_the_warc_note_and_store_nothing_of_it(tmp_path: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    f = _crawl(tmp_path / "x.warc.gz", others=IMAGES_AND_JSON[:3])
    db = tmp_path / "t.db"
    line = (f"wiretrace: note: {f}: 2 HTML pages read, 3 records of other content passed over (2 image/jpeg, "
            "1 application/json): only HTML responses are read")
    assert main(["index", str(f), "--db", str(db), "--lexical", "--workers", "1"]) == 0
    out, err = capsys.readouterr()
    assert line in err.splitlines() and "0 skipped" in out
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT count(*) FROM rejects").fetchone() == (0,)
    assert main(["index", str(f), "--db", str(db), "--lexical", "--workers", "1", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["notes"] == []  # unchanged: not read again, nothing to say
    assert main(["ingest", str(f)]) == 0
    assert line in capsys.readouterr().err.splitlines()


def test_the_index_report_lists_notes(tmp_path: Path) -> None:
    f = _crawl(tmp_path / "x.warc.gz", others=IMAGES_AND_JSON[:1])
    report = index([str(f)], db=str(tmp_path / "t.db"),
                   cfg=IndexConfig(workers=1, compare=CompareConfig(embedder=None)))
    assert report.to_dict()["notes"] == [{"path": str(f), "note": "2 HTML pages read, 1 record of other content "
                                                                  "passed over (1 image/jpeg): only HTML responses "
                                                                  "are read"}]


# -- 2. progress where stderr is no terminal -----------------------------------------------------------------------


class _Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_progress_off_a_terminal_is_a_plain_line_every_few_seconds(capsys: pytest.CaptureFixture[str]) -> None:
    clock = _Clock()
    show = cli._progress(tty=False, clock=clock)
    for done in range(1, 31):
        clock.now += 1.0  # a pair a second: 30 s in all
        show("report", done, 30)
    lines = capsys.readouterr().err.splitlines()
    assert [ln.split(" (")[0] for ln in lines] == ["report: 10/30", "report: 20/30", "report: 30/30"]
    assert "\r" not in "".join(lines) and lines[0] == "report: 10/30 (1.0/s, ETA 20 s)"


def test_progress_off_a_terminal_says_nothing_of_a_short_run(capsys: pytest.CaptureFixture[str]) -> None:
    clock = _Clock()
    show = cli._progress(tty=False, clock=clock)
    for done in range(1, 6):
        clock.now += 1.0
        show("report", done, 5)
    assert capsys.readouterr().err == ""


def test_progress_on_a_terminal_is_redrawn_in_place(capsys: pytest.CaptureFixture[str]) -> None:
    clock = _Clock()
    show = cli._progress(tty=True, clock=clock)
    clock.now += 2.0
    show("link", 1, 2)
    clock.now += 2.0
    show("link", 2, 2)
    assert capsys.readouterr().err == "\rlink: 1/2 (0.5/s, ETA 2 s)   \rlink: 2/2 (0.5/s, ETA 0 s)   \n"


def test_report_off_a_terminal_prints_progress_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Quay closed for repairs\n\n" + "\n\n".join(PARAS), encoding="utf-8")
    (corpus / "b.txt").write_text("Quay closed for repairs\n\n" + "\n\n".join(PARAS[:3]), encoding="utf-8")
    db = tmp_path / "t.db"
    index([str(corpus)], db=str(db), cfg=IndexConfig(workers=1, compare=CompareConfig(embedder=None)))
    monkeypatch.setattr(cli, "PLAIN_PROGRESS_S", 0.0)  # a line at every pair: the run is short
    assert main(["report", "--db", str(db), "--out", str(tmp_path / "r"), "--lexical"]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err and all(ln.startswith("report: ") for ln in err), err
    assert err[-1].startswith("report: 1/1 ")


# -- 3. JSON Lines fields of odd types ------------------------------------------------------------------------------


ODD = [
    ({"text": TEXT, "title": ["Quay", "closed"]}, [("'title' is a list", "read as its items joined by ', '")]),
    ({"text": TEXT, "title": {"en": "Quay closed"}}, [("'title' is an object", "left out")]),
    ({"text": TEXT, "date": {"$date": "2024-03-20"}}, [("'date' is an object", "left out")]),
    ({"text": TEXT, "url": 12345}, [("'url' is a number", "read as written")]),
    ({"text": TEXT, "title": True, "language": False}, [("'title' is true", "left out"),
                                                        ("'language' is false", "left out")]),
    ({"text": TEXT, "source": {"id": None, "name": "Velmora Post"}}, [("'source' is an object", "left out")]),
    ({"text": 123, "html": f"<p>{TEXT}</p>"}, [("'text' is a number", "not text; 'html' read instead")]),
    ({"text": [1, 2], "body": TEXT},
     [("'text' is a list of other things than strings", "not text; 'body' read instead")]),
    ({"text": TEXT, "author": [{"name": "Ana"}]}, [("'author' is a list", "left out")]),
]
QUIET = [
    {"text": TEXT, "url": None, "title": None, "date": None},  # null: no value
    {"text": TEXT, "authors": ["Ana Lima", "Rui Costa"]},  # a list of names is a byline's own form
    {"text": TEXT, "date": 1710900000},  # Unix time
    {"text": TEXT, "date": 20240320},  # a compact date
    {"text": [PARAS[0], PARAS[1]], "title": "", "tags": {"a": 1}},  # paragraphs; a field ingest does not read
    {"text": TEXT, "html": 5},  # a field after the one read is not read
]


@pytest.mark.parametrize(("record", "notes"), ODD)
def test_a_field_of_an_odd_type_is_noted(record: dict[str, object], notes: list[tuple[str, str]]) -> None:
    assert field_notes(record) == notes
    article_from_record(record, name="x")  # read all the same


@pytest.mark.parametrize("record", QUIET)
def test_the_usual_forms_of_fields_say_nothing(record: dict[str, object]) -> None:
    assert field_notes(record) == []


def test_what_a_note_says_is_what_ingest_does() -> None:
    a = article_from_record({"text": TEXT, "title": ["Quay", "closed"], "url": 12345}, name="x")
    assert a.title == "Quay, closed" and a.url == "12345"
    a = article_from_record({"text": TEXT, "title": {"en": "Quay closed"}, "date": {"$date": "2024-03-20"}}, name="x")
    assert a.title is None and a.date is None


def test_a_jsonl_file_says_once_a_kind_which_lines_hold_odd_fields(tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "d.jsonl"
    rows = [{"text": TEXT, "source": {"name": "Velmora Post"}}, {"text": TEXT + " Two.", "title": "Quay"},
            {"text": TEXT + " Three.", "source": {"name": "Velmora Post"}, "title": ["Quay"]}, "not an object",
            {"text": TEXT + " Five.", "source": {"name": "Velmora Post"}}]
    f.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    notes: list[tuple[str, str]] = []
    out = list(iter_records([str(f)], notes=lambda p, n: notes.append((p, n))))
    assert out == list(iter_records([str(f)]))  # the same records and rejects
    assert [(r.record, r.reason) for r in out if isinstance(r, RawReject)] == [
        ("line 4", "a JSONL line must be an object with 'text' or 'html'")]
    assert notes == [(str(f), "'source' is an object in 3 records (first: line 1): left out"),
                     (str(f), "'title' is a list in 1 record (first: line 3): read as its items joined by ', '")]
    # `ingest` and `index` print them with the file's name
    said: list[tuple[str, str]] = []
    assert len(list(read_records(f, notes=lambda p, n: said.append((p, n))))) == 5
    assert said == notes
    assert main(["index", str(f), "--db", str(tmp_path / "t.db"), "--lexical", "--workers", "1"]) == 0
    err = capsys.readouterr().err.splitlines()
    assert f"wiretrace: note: {f}: 'source' is an object in 3 records (first: line 1): left out" in err
    assert f"wiretrace: skipped {f} (line 4): a JSONL line must be an object with 'text' or 'html'" in err
