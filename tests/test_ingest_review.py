"""Review findings a user hits when indexing and ingesting (made-up text only): a fixed or changed input
file is read again, an article found again under a second path is traced by it, ``ingest --json`` on a
dump, long titles, files a folder holds that are no articles, and dumps uploaded to serve's compare."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

from store_helpers import changed as _changed
from store_helpers import rows as _rows
from wiretrace.compare import CompareConfig
from wiretrace.engines.local import IndexConfig, IndexReport, index
from wiretrace.store import SQLiteStore

_HARBOUR = ("KIELSTADT (Wire) - The harbour board of Kielstadt approved a new ferry timetable on Tuesday, "
            "adding four crossings a day to the island of Morrow from the first of June.\n\n"
            "The board said the extra crossings would cost 2.4 million crowns a year and would be paid "
            "for by a rise in the car fare of about nine percent.\n\n"
            "Island residents had asked for later evening sailings for three years, a spokeswoman said.")
_ORCHARD = ("VALDORA (Wire) - Apple growers in the valley of Valdora expect the smallest harvest in twelve "
            "years after a late frost in April killed most of the blossom on the upper slopes.\n\n"
            "The growers' association put the loss at 41,000 tonnes and asked the regional council for "
            "emergency loans before the autumn.\n\n"
            "Cider makers said they would buy fruit from the coast to keep their presses running.")


def _index(*paths: Path, db: Path) -> IndexReport:
    return index([str(p) for p in paths], db=str(db), cfg=IndexConfig(workers=1, compare=CompareConfig(embedder=None)))




# -- 1. a rejected (or changed) input file is read again ------------------------------------------------
def test_a_rejected_file_the_user_fixes_is_read_once_and_not_again(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "orchard.txt").write_text(_ORCHARD, encoding="utf-8")
    bad = corpus / "harbour.txt"
    bad.write_text("too short", encoding="utf-8")
    db = tmp_path / "w.db"
    first = _index(corpus, db=db)
    assert (first.records, first.new_articles, len(first.rejects)) == (2, 1, 1)
    _changed(bad, _HARBOUR)  # fixed
    fixed = _index(corpus, db=db)
    assert (fixed.records, fixed.new_articles, fixed.rejects) == (1, 1, [])
    store = SQLiteStore(db)
    assert store.rejects() == []  # the old reason is not listed any more
    assert sorted(Path(a.path or "").name for a in store.articles()) == ["harbour.txt", "orchard.txt"]
    store.close()
    again = _index(corpus, db=db)
    assert (again.records, again.new_articles) == (0, 0)


def test_a_touched_file_is_not_read_again(tmp_path: Path) -> None:
    f = tmp_path / "harbour.txt"
    f.write_text(_HARBOUR, encoding="utf-8")
    db = tmp_path / "w.db"
    assert _index(f, db=db).new_articles == 1
    stamp = f.stat().st_mtime_ns
    os.utime(f, ns=(stamp + 10**9, stamp + 10**9))  # same bytes, a new time: hashed, found the same
    assert _index(f, db=db).records == 0
    assert _rows(db, "SELECT mtime_ns FROM input_files")[0][0] == stamp + 10**9
    assert _index(f, db=db).records == 0


def test_a_changed_file_replaces_its_article_and_a_copy_elsewhere_keeps_it(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    story = corpus / "story.txt"
    story.write_text(_HARBOUR, encoding="utf-8")
    (corpus / "reprint.txt").write_text(_HARBOUR.replace("Tuesday", "Wednesday"), encoding="utf-8")
    (corpus / "orchard.txt").write_text(_ORCHARD, encoding="utf-8")
    db = tmp_path / "w.db"
    assert _index(corpus, db=db).new_articles == 3
    (old_id,) = [r[0] for r in _rows(db, "SELECT id FROM articles WHERE path LIKE '%story.txt'")]
    assert _rows(db, "SELECT COUNT(*) FROM relations WHERE a=? OR b=?", old_id, old_id)[0][0] == 1
    _changed(story, _ORCHARD.replace("April", "March"))  # now another story
    report = _index(corpus, db=db)
    assert (report.records, report.new_articles) == (1, 1)
    arts = dict(_rows(db, "SELECT path, text FROM articles"))
    assert len(arts) == 3 and "March" in arts[str(story)]  # replaced, not added beside the old one
    for table, column in (("articles", "id"), ("signatures", "article_id"), ("bands", "article_id"),
                          ("docs", "article_id"), ("segments", "article_id")):
        assert _rows(db, f"SELECT COUNT(*) FROM {table} WHERE {column}=?", old_id)[0][0] == 0, table  # noqa: S608
    assert _rows(db, "SELECT COUNT(*) FROM relations WHERE a=? OR b=?", old_id, old_id)[0][0] == 0
    assert _rows(db, "SELECT COUNT(*), COUNT(DISTINCT article_id) FROM bands")[0] == (3 * 32, 3)
    kinds = {r[0] for r in _rows(db, "SELECT kind FROM relations")}
    assert "edited_copy" in kinds or "verbatim" in kinds  # the new story.txt and orchard.txt
    # the same bytes in a second file, then the first one changed: the article stays, under the second path
    copy = corpus / "copy.txt"
    copy.write_text(story.read_text(encoding="utf-8"), encoding="utf-8")
    assert _index(corpus, db=db).new_articles == 0
    _changed(story, _HARBOUR)
    _index(corpus, db=db)
    paths = {Path(str(r[0])).name for r in _rows(db, "SELECT path FROM articles")}
    assert paths == {"story.txt", "reprint.txt", "orchard.txt", "copy.txt"}
    assert _rows(db, "SELECT COUNT(*) FROM input_orphans")[0][0] == 0
    assert _index(corpus, db=db).records == 0


def test_a_changed_dump_keeps_its_unchanged_records_and_replaces_the_changed_one(tmp_path: Path) -> None:
    dump = tmp_path / "dump.jsonl"
    lines = [{"url": "https://a.example/1", "text": _HARBOUR}, {"url": "https://a.example/2", "text": "short"}]
    dump.write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    db = tmp_path / "w.db"
    first = _index(dump, db=db)
    assert (first.new_articles, [r[1] for r in first.rejects]) == (1, ["line 2"])
    (kept,) = _rows(db, "SELECT id, seq FROM articles")
    lines[1]["text"] = _ORCHARD
    _changed(dump, "".join(json.dumps(r) + "\n" for r in lines))
    second = _index(dump, db=db)
    assert (second.records, second.new_articles, second.rejects) == (2, 1, [])
    assert kept in _rows(db, "SELECT id, seq FROM articles")  # the same row: not dropped and stored again
    assert _rows(db, "SELECT record, status FROM inputs ORDER BY record") == [("line 1", "ok"), ("line 2", "ok")]
    assert _rows(db, "SELECT COUNT(*) FROM rejects")[0][0] == 0
    assert _index(dump, db=db).records == 0


def test_a_schema_4_store_is_upgraded_and_reads_its_rejected_files_again(tmp_path: Path) -> None:
    good, bad = tmp_path / "good.txt", tmp_path / "bad.txt"
    good.write_text(_HARBOUR, encoding="utf-8")
    bad.write_text("too short", encoding="utf-8")
    db = tmp_path / "w.db"
    _index(good, bad, db=db)
    con = sqlite3.connect(db)  # as schema 4 left it: no stamps
    con.executescript("DROP TABLE input_files; DROP TABLE input_orphans; UPDATE meta SET value='4' WHERE key='schema';")
    con.close()
    reader = SQLiteStore(db, readonly=True)  # a reader reads it as it is
    assert len(list(reader.articles())) == 1
    reader.close()
    _changed(bad, _ORCHARD)
    report = _index(good, bad, db=db)
    assert (report.records, report.new_articles) == (1, 1)
    assert _rows(db, "SELECT value FROM meta WHERE key='schema'") == [("5",)]
    assert _rows(db, "SELECT COUNT(*) FROM input_files")[0][0] == 2
    assert _index(good, bad, db=db).records == 0


# -- 2. an article indexed again from a second path is found by that path ------------------------------
def test_an_article_found_again_under_a_second_path_is_traced_by_it(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from wiretrace.cli import main

    first, second = tmp_path / "one", tmp_path / "two"
    first.mkdir()
    second.mkdir()
    (first / "story.txt").write_text(_HARBOUR, encoding="utf-8")
    (second / "same.txt").write_text(_HARBOUR, encoding="utf-8")
    dump = second / "dump.jsonl"
    dump.write_text(json.dumps({"text": _HARBOUR}) + "\n" + json.dumps({"text": _ORCHARD}) + "\n", encoding="utf-8")
    db = tmp_path / "w.db"
    _index(first, db=db)
    assert _index(second, db=db).new_articles == 1  # only the orchard line is new
    store = SQLiteStore(db, readonly=True)
    (story,) = store.find(str(first / "story.txt"))
    assert store.find(str(second / "same.txt")) == [story]
    assert store.find(f"{dump}:line 1") == [story]  # the record, as an article's path names it
    assert len(store.find(str(dump))) == 2  # a dump: every article it holds
    assert store.find(str(second / "nothing.txt")) == []
    store.close()
    capsys.readouterr()
    assert main(["trace", str(second / "same.txt"), "--db", str(db), "--json"]) == 0
    assert [t["article"]["id"] for t in json.loads(capsys.readouterr().out)] == [story]


# -- 3. `ingest --json` on a dump prints JSON Lines -----------------------------------------------------
def test_ingest_json_prints_one_article_a_line(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from wiretrace.cli import main

    dump = tmp_path / "dump.jsonl"
    dump.write_text("".join(json.dumps({"text": t}) + "\n" for t in (_HARBOUR, "short", _ORCHARD)), encoding="utf-8")
    single = tmp_path / "one.txt"
    single.write_text(_HARBOUR, encoding="utf-8")
    capsys.readouterr()
    assert main(["ingest", "--json", str(dump), str(single)]) == 2  # line 2 is no article
    out = capsys.readouterr()
    lines = out.out.splitlines()
    assert [json.loads(line)["path"] for line in lines] == [f"{dump}:line 1", f"{dump}:line 3", str(single)]
    assert "line 2" in out.err
    assert main(["ingest", "--json", str(single)]) == 0
    assert json.loads(capsys.readouterr().out)["text"].startswith("KIELSTADT")  # one record: one JSON value


# -- 4. a title has a length cap ------------------------------------------------------------------------
def test_a_title_is_capped_at_a_word_and_a_paragraph_is_no_title() -> None:
    from wiretrace.ingest import article_from_bytes, article_from_record, article_from_text

    huge = "Ferry timetable news " * 300
    page = f"<html><head><title>{huge}</title></head><body><article><p>{_ORCHARD}</p></article></body></html>"
    for article in (article_from_bytes(page.encode("utf-8"), name="page.html"),
                    article_from_record({"title": huge, "text": _ORCHARD}, name="r")):
        assert article.title is not None and len(article.title) <= 200 and article.title.endswith("…")
        kept = article.title[:-1]
        assert huge.startswith(kept) and huge[len(kept)] == " "  # cut where a word ends
        assert "long_title" in article.signals
    wide = article_from_record({"title": "渡轮时刻表" * 100, "text": _ORCHARD}, name="r")
    assert wide.title is not None and wide.title.endswith("…") and len(wide.title) <= 67  # 3 a character
    short = article_from_record({"title": "Ferry timetable", "text": _ORCHARD}, name="r")
    assert (short.title, short.signals) == ("Ferry timetable", ())
    paragraph = " ".join(_HARBOUR.split("\n\n")[1].split()[:30]) * 20  # a 5,000-character first line
    text = article_from_text(paragraph + "\n\n" + _ORCHARD, name="x.txt")
    assert text.title is None and text.text.startswith(paragraph[:40])


# -- 5. no file in a folder is passed over silently -----------------------------------------------------
def test_files_a_folder_holds_that_are_not_read_are_listed_with_the_reason(tmp_path: Path) -> None:
    from wiretrace.errors import InputError
    from wiretrace.ingest import read_article

    corpus = tmp_path / "corpus"
    (corpus / ".git").mkdir(parents=True)
    (corpus / "story.shtml").write_text(f"<html><body><article><p>{_HARBOUR}</p></article></body></html>",
                                        encoding="utf-8")
    (corpus / "notes.text").write_text(_ORCHARD, encoding="utf-8")
    for name, body in (("README.md", _ORCHARD.replace("April", "May")), ("rows.csv", "id,text\n1,hello\n"),
                       ("scan.pdf", "%PDF-1.4"), ("page.html.gz", "x"), ("truth.json", "{}"), (".DS_Store", "x"),
                       (".git/HEAD", "ref"), ("w.db-wal", "")):
        (corpus / name).write_text(body, encoding="utf-8")
    db = tmp_path / "w.db"
    report = _index(corpus, db=db)
    assert (report.records, report.new_articles) == (2, 2)  # .shtml and .text are read in a folder too
    # counted by suffix apart from the rejects (tests/test_ingest_surfaces.py)
    reasons = {Path(k["first"]).name: k["reason"] for k in report.skipped.to_list()}
    assert set(reasons) == {"README.md", "rows.csv", "scan.pdf", "page.html.gz"} and report.rejects == []
    assert "give the file by name" in reasons["README.md"] and "JSON Lines" in reasons["rows.csv"]
    assert "a .pdf file is none of the kinds read" in reasons["scan.pdf"]
    again = _index(corpus, db=db)
    assert (again.records, len(again.skipped)) == (0, 4)  # kept nowhere, no record read: said again each run
    assert _rows(db, "SELECT COUNT(*) FROM input_files WHERE path LIKE '%README.md'")[0][0] == 0  # not even hashed
    by_name = _index(corpus / "README.md", db=db)  # given by name: read as plain text
    assert (by_name.new_articles, by_name.rejects) == (1, [])
    with pytest.raises(InputError, match=r"a table \(CSV\) is not read"):
        read_article(corpus / "rows.csv")


# -- 6. serve's compare upload reads a dump as `compare` does ----------------------------------------------
def test_serve_compare_upload_reads_a_dump_of_one_record_and_refuses_more(tmp_path: Path) -> None:
    import warnings

    from wiretrace.serve import create_app

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*httpx2")
        from fastapi.testclient import TestClient

    story = tmp_path / "story.txt"
    story.write_text(_HARBOUR, encoding="utf-8")
    db = tmp_path / "w.db"
    _index(story, db=db)
    one = json.dumps({"url": "https://b.example/ferry", "text": _HARBOUR.replace("Tuesday", "Monday")}) + "\n"
    two = one + json.dumps({"text": _ORCHARD}) + "\n"
    with TestClient(create_app(db, cfg=CompareConfig(embedder=None))) as client:
        got = client.post("/api/compare/upload", files={"a": ("story.txt", _HARBOUR.encode("utf-8")),
                                                        "b": ("copy.jsonl", one.encode("utf-8"))})
        assert got.status_code == 200, got.text
        assert got.json()["b"]["path"] == "copy.jsonl:line 1" and got.json()["b"]["url"] == "https://b.example/ferry"
        assert got.json()["relation"]["kind"] in ("verbatim", "edited_copy")
        bad = client.post("/api/compare/upload", files={"a": ("story.txt", _HARBOUR.encode("utf-8")),
                                                        "b": ("two.jsonl", two.encode("utf-8"))})
        assert bad.status_code == 422 and "two.jsonl: holds more than one record" in bad.text
        assert "wiretrace-" not in bad.text  # the temporary file's name is not shown


# -- 7. single-byte Western European text: cp1252 on a near tie (an option: it failed the test-look rule) ----
_FRENCH = ("Le conseil du port de Kielstadt a approuvé mardi un nouvel horaire des traversées vers l'île de Morrow. "
           "À partir de juin, quatre départs de plus chaque jour, a précisé la porte-parole, très attendue par "
           "les habitants. Le coût, près de 2,4 millions de couronnes par an, sera payé par une hausse du tarif "
           "des voitures.")


def test_prefer_cp1252_reads_western_text_that_the_default_guess_reads_as_cp1250(tmp_path: Path) -> None:
    from wiretrace.config import load_config
    from wiretrace.ingest import IngestConfig, article_from_bytes
    from wiretrace.ingest.decode import decode_bytes

    data = _FRENCH.encode("cp1252")
    # "Ŕ partir": charset-normalizer's cp1250 on a tie (the words, on by default since session 19, read it right)
    assert decode_bytes(data, "x.txt", by_words=False) != _FRENCH
    assert decode_bytes(data, "x.txt") == _FRENCH
    assert decode_bytes(data, "x.txt", by_words=False, prefer_cp1252=True) == _FRENCH
    assert decode_bytes("Привет, как дела? Всё хорошо, спасибо.".encode("cp1251") * 5, "r.txt",
                        prefer_cp1252=True).startswith("Привет")  # no near tie: the guess stands
    conf = tmp_path / "w.toml"
    conf.write_text("[ingest]\nprefer_cp1252 = true\ndecode_by_words = false\n", encoding="utf-8")
    cfg = load_config(conf).ingest
    assert cfg.prefer_cp1252 and not IngestConfig().prefer_cp1252  # off by default
    assert article_from_bytes(data, name="x.txt", cfg=cfg).text == _FRENCH


# -- review of ff0d847: inputs keyed by resolved path, stamped before read, metadata rewritten -----------
def test_another_folders_file_of_the_same_typed_path_is_another_input(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "all.db"
    for name, text in (("p1", _HARBOUR), ("p2", _ORCHARD)):
        (tmp_path / name / "corpus").mkdir(parents=True)
        (tmp_path / name / "corpus" / "a.txt").write_text(text, encoding="utf-8")
    cfg = IndexConfig(workers=1, compare=CompareConfig(embedder=None))
    monkeypatch.chdir(tmp_path / "p1")
    assert index(["corpus"], db=str(db), cfg=cfg).new_articles == 1
    monkeypatch.chdir(tmp_path / "p2")
    assert index(["corpus"], db=str(db), cfg=cfg).new_articles == 1  # read, not taken for p1's file
    monkeypatch.chdir(tmp_path / "p1")
    again = index(["corpus"], db=str(db), cfg=cfg)
    assert (again.records, again.new_articles) == (0, 0)  # nothing changed, nothing dropped or read
    texts = sorted(str(r[0])[:8] for r in _rows(db, "SELECT text FROM articles"))
    assert texts == sorted([_HARBOUR[:8], _ORCHARD[:8]])
    assert _rows(db, "SELECT path FROM articles ORDER BY seq") == [("corpus/a.txt",), ("corpus/a.txt",)]  # as typed
    assert {r[0] for r in _rows(db, "SELECT path FROM input_files")} == {
        os.path.realpath(tmp_path / n / "corpus" / "a.txt") for n in ("p1", "p2")}


def test_a_store_keyed_by_typed_paths_moves_its_rows_on_first_sight(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    # a store written before inputs were keyed by the resolved path holds "corpus/dump.jsonl" (final review F3.1)
    (tmp_path / "corpus").mkdir()
    dump = tmp_path / "corpus" / "dump.jsonl"
    records = [{"url": "https://a.example/1", "text": _HARBOUR}, {"url": "https://b.example/1", "text": _ORCHARD}]
    dump.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    db = tmp_path / "old.db"
    monkeypatch.chdir(tmp_path)
    assert _index(Path("corpus"), db=db).new_articles == 2
    con = sqlite3.connect(db)
    with con:
        for table in ("inputs", "rejects"):
            con.execute(f"UPDATE {table} SET path='corpus/dump.jsonl'")  # noqa: S608
        con.execute("DELETE FROM input_files")
    con.close()
    assert _index(Path("corpus"), db=db).records == 0  # not read again whole
    assert {r[0] for r in _rows(db, "SELECT DISTINCT path FROM inputs")} == {os.path.realpath(dump)}
    _changed(dump, json.dumps(records[0]) + "\n")  # the second record taken out
    _index(Path("corpus"), db=db)
    assert [str(r[0]) for r in _rows(db, "SELECT url FROM articles")] == ["https://a.example/1"]


def test_a_file_written_while_it_is_read_is_read_again_next_run(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from wiretrace.engines import local

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    story = corpus / "story.txt"
    story.write_text("KIELSTADT", encoding="utf-8")  # a crawler has begun to write it
    real = local.iter_records

    def finished_after_read(*args, **kwargs):  # type: ignore[no-untyped-def]
        for raw in real(*args, **kwargs):
            if raw.path == str(story) and "Tuesday" not in story.read_text(encoding="utf-8"):
                _changed(story, _HARBOUR)  # its bytes are read: the crawler finishes the file now
            yield raw

    monkeypatch.setattr(local, "iter_records", finished_after_read)
    first = _index(corpus, db=tmp_path / "w.db")
    assert (first.new_articles, len(first.rejects)) == (0, 1)  # the partial bytes
    monkeypatch.setattr(local, "iter_records", real)
    second = _index(corpus, db=tmp_path / "w.db")  # stamped from the bytes before the read: changed since
    assert (second.records, second.new_articles) == (1, 1)
    assert _index(corpus, db=tmp_path / "w.db").records == 0


def test_a_changed_record_with_the_same_article_rewrites_its_metadata_and_links_it_again(tmp_path: Path) -> None:
    dump = tmp_path / "dump.jsonl"
    lines = [{"url": "https://a.example/1", "title": "Ferry timetable", "published": "2024-03-20",
              "text": _HARBOUR},
             {"url": "https://b.example/1", "title": "More ferries", "published": "2024-03-21",
              "text": _HARBOUR.replace("Tuesday", "Wednesday")}]
    dump.write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    db = tmp_path / "w.db"
    assert _index(dump, db=db).new_articles == 2
    (first_id,) = [r[0] for r in _rows(db, "SELECT id FROM articles WHERE url='https://a.example/1'")]
    before = _rows(db, "SELECT a, b, source FROM relations")
    assert len(before) == 1
    lines[0]["byline"] = "Ada Moor"  # a byline only (relate reads none): rewritten, relations kept
    _changed(dump, "".join(json.dumps(r) + "\n" for r in lines))
    report = _index(dump, db=db)
    assert (report.new_articles, report.linked) == (0, 0)
    assert _rows(db, "SELECT byline FROM articles WHERE id=?", first_id) == [("Ada Moor",)]
    assert _rows(db, "SELECT a, b, source FROM relations") == before
    lines[0]["published"] = "2024-03-25"  # a date and a title relate reads: the pair is decided again
    lines[0]["title"] = "Ferry timetable (corrected)"
    _changed(dump, "".join(json.dumps(r) + "\n" for r in lines))
    report = _index(dump, db=db)
    assert (report.new_articles, report.linked) == (0, 2)  # the article and its partner (whose pair it was too)
    assert str(_rows(db, "SELECT date FROM articles WHERE id=?", first_id)[0][0]).startswith("2024-03-25")
    assert _rows(db, "SELECT title FROM articles WHERE id=?", first_id) == [("Ferry timetable (corrected)",)]
    assert _rows(db, "SELECT COUNT(*) FROM articles WHERE linked=0")[0][0] == 0
    after = _rows(db, "SELECT a, b, source FROM relations")
    assert len(after) == 1 and after[0][:2] == before[0][:2]
    assert _index(dump, db=db).records == 0
    # a page that only gained a "Read also" box: the same article (id), new furniture signals relate weighs
    lines[0]["text"] = _HARBOUR + "\n\nRead also: Floods close three schools in the north"
    _changed(dump, "".join(json.dumps(r) + "\n" for r in lines))
    report = _index(dump, db=db)
    assert (report.new_articles, report.linked) == (0, 2)
    assert "read_also" in str(_rows(db, "SELECT signals FROM articles WHERE id=?", first_id)[0][0])
    assert len(_rows(db, "SELECT a, b FROM relations")) == 1


def test_what_a_hidden_folder_holds_is_passed_over(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / ".cache").mkdir(parents=True)
    (corpus / ".cache" / "old.html").write_text(f"<html><body><p>{_ORCHARD}</p></body></html>", encoding="utf-8")
    (corpus / "story.txt").write_text(_HARBOUR, encoding="utf-8")
    report = _index(corpus, db=tmp_path / "w.db")
    assert (report.records, report.new_articles, report.rejects) == (1, 1, [])


def test_a_lookup_holding_a_nul_byte_finds_nothing_and_does_not_raise(tmp_path: Path) -> None:
    # serve's search asks the store for an input path; "q=%00" raised ValueError in realpath (schema check, CI)
    db = tmp_path / "n.db"
    (tmp_path / "a.txt").write_text(_HARBOUR, encoding="utf-8")
    _index(tmp_path / "a.txt", db=db)
    store = SQLiteStore(db, readonly=True)
    try:
        assert store.find("\x00") == [] and store.find("a\x00.txt") == []
    finally:
        store.close()
