"""What the ingest surfaces tell a user (review of ff0d847, findings 6-8 and 10-12; made-up text only): files of
other kinds counted by suffix apart from the rejects (local and Spark), a dump's trace capped, readers that
never upgrade a store, hidden folders passed over by Spark's Hadoop listing, the stamps a Spark run carries,
and a title of punctuation only."""

from __future__ import annotations

import hashlib
import json
import os
import shlex
import sqlite3
import sys
import warnings
from pathlib import Path
from typing import Any, cast

import pytest

import wiretrace
from wiretrace.cli import main
from wiretrace.compare import CompareConfig
from wiretrace.engines.local import IndexConfig, index
from wiretrace.serve import create_app

with warnings.catch_warnings():  # starlette asks for httpx2 over httpx; the client works the same
    warnings.filterwarnings("ignore", message=".*httpx2")
    from fastapi.testclient import TestClient

LEXICAL = IndexConfig(workers=1, compare=CompareConfig(embedder=None))
_TOWNS = ("Kielstadt", "Valdora", "Morrow", "Brennick", "Ostvale", "Tarrow", "Lindqvist", "Harlan", "Pellow",
          "Quarne", "Rusk", "Sedley", "Thorne", "Ulvik", "Varde", "Wendle", "Yarrow", "Zell", "Ashby", "Bricken",
          "Corran", "Dunmore", "Elstow", "Fenwick", "Garth")


def _story(i: int) -> str:
    town = _TOWNS[i % len(_TOWNS)]
    return (f"{town.upper()} (Wire) - The council of {town} voted on Monday to rebuild {i + 3} bridges over the "
            f"river before the winter of {2030 + i}, at a cost of {17 + i}.5 million crowns.\n\n"
            f"The mayor of {town} said {40 + i} engineers would start in {('May', 'June', 'July')[i % 3]}, and "
            f"that ferries would run every {i + 10} minutes while the works last.\n\n"
            f"Shop owners in {town} said they had waited {i + 2} years for the money.")


def _dump(path: Path, n: int) -> Path:
    path.write_text("".join(json.dumps({"url": f"https://news.example/{i}", "text": _story(i)}) + "\n"
                            for i in range(n)), encoding="utf-8")
    return path


# -- finding 7: files of other kinds, one line a suffix, apart from the rejects ------------------------------
def _mirror(root: Path) -> Path:
    site = root / "site"
    (site / "img").mkdir(parents=True)
    (site / ".cache").mkdir()
    for i in range(40):
        (site / "img" / f"{i}.png").write_bytes(b"\x89PNG")
    for i in range(3):
        (site / f"s{i}.CSS").write_text("a{}", encoding="utf-8")
    (site / "LICENSE").write_text("free", encoding="utf-8")
    (site / "a.txt").write_text(_story(0), encoding="utf-8")
    (site / ".cache" / "old.html").write_text(f"<html><body><p>{_story(1)}</p></body></html>", encoding="utf-8")
    (site / "d.jsonl").write_text(json.dumps({"text": _story(2)}) + "\n{not json\n", encoding="utf-8")
    return site


def test_files_of_other_kinds_are_one_line_a_suffix_and_counted_apart_from_rejects(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = _mirror(tmp_path)
    db = tmp_path / "w.db"
    assert main(["index", str(site), "--db", str(db), "--lexical", "--workers", "1"]) == 0
    out = capsys.readouterr()
    not_read = [ln for ln in out.err.splitlines() if "not read" in ln]
    # one line a suffix, with the count and the first file
    assert [ln.removeprefix("wiretrace: ").split("): ")[0] + ")" for ln in not_read] == [
        f"1 suffix-less file not read (first: {site / 'LICENSE'})", f"3 .css files not read (first: {site / 's0.CSS'})",
        f"40 .png files not read (first: {site / 'img' / '0.png'})"]
    assert not_read[2].endswith("a .png file is none of the kinds read (.html, .htm, .xhtml, .shtml, .txt, .text, "
                                ".json, .jsonl, .jsonl.gz, .ndjson, .warc, .warc.gz)")
    assert "d.jsonl (line 2): invalid JSON" in out.err  # the one real reject, listed as before
    assert "3 records read, 2 new articles, 1 skipped, 44 files of other kinds not read;" in out.out

    assert main(["index", str(site), "--db", str(db), "--lexical", "--workers", "1", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["rejects"] == []  # the bad line is stored, not read again; the other kinds are no rejects
    assert [(k["suffix"], k["files"]) for k in report["skipped_files"]] == [("", 1), (".css", 3), (".png", 40)]


def test_the_spark_listing_counts_the_same_files_of_other_kinds(tmp_path: Path) -> None:
    """Local paths are listed without Spark (the session is only asked for URIs)."""
    from wiretrace.engines.spark import _list_inputs
    from wiretrace.ingest.sources import SkippedFiles

    site = _mirror(tmp_path)
    report = index([str(site)], db=str(tmp_path / "w.db"), cfg=LEXICAL)
    skipped = SkippedFiles()
    files, missing = _list_inputs(cast(Any, None), [str(site)], skipped)
    assert skipped.to_list() == report.skipped.to_list() and len(skipped) == 44
    assert [Path(f.shown).name for f in files] == ["a.txt", "d.jsonl"] and missing == []  # .cache/ passed over
    assert all(f.mtime_ns == Path(f.uri).stat().st_mtime_ns for f in files)


# -- finding 11: what a hidden folder under a Hadoop URI holds ----------------------------------------------
def test_a_hidden_folder_under_a_uri_is_told_by_its_place_below_the_root() -> None:
    from wiretrace.engines.spark import _under

    root = "hdfs://nn:8020/corpus"
    assert _under(root, "hdfs://nn:8020/corpus/a/.cache/old.html") == "a/.cache/old.html"
    assert _under(root, "hdfs://nn:8020/corpus/_temporary/0/part.html") == "_temporary/0/part.html"
    assert _under(root + "/", "hdfs://nn:8020/corpus/b.html") == "b.html"


# -- finding 6: a Spark run stamps each file from the bytes it read -----------------------------------------
def test_explode_files_stamps_each_record_from_the_bytes_it_split(tmp_path: Path) -> None:
    import pandas as pd

    from wiretrace.engines.spark_udfs import RAW_SCHEMA, explode_files, uri_key

    page, dump = b"VALDORA (Wire) - text", _dump(tmp_path / "d.jsonl", 2).read_bytes()
    a, d = str(tmp_path / "a.txt"), str(tmp_path / "d.jsonl")
    names = {uri_key(a): (0, "a.txt", 1_700_000_000_123_456_789), uri_key(d): (1, "d.jsonl", 1_700_000_001_000_000_007)}
    frame = pd.DataFrame({"path": [f"file:{a}", f"file:{d}"], "content": [page, dump]})
    rows = pd.concat(list(explode_files(iter([frame]), names=names)))
    assert list(rows.columns) == [c.split()[0] for c in RAW_SCHEMA.split(", ")]
    assert list(rows["stamp"]) == [
        f"{len(page)} 1700000000123456789 {hashlib.sha256(page).hexdigest()}",
        *[f"{len(dump)} 1700000001000000007 {hashlib.sha256(dump).hexdigest()}"] * 2]


# -- finding 8: a dump's path names every article it holds: capped ------------------------------------------
@pytest.fixture(scope="module")
def dump_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    d = tmp_path_factory.mktemp("dump")
    dump = _dump(d / "dump.jsonl", 25)
    db = d / "w.db"
    index([str(dump)], db=str(db), cfg=LEXICAL)
    return dump, db


def test_trace_of_a_dump_shows_the_first_articles_and_says_how_to_ask_for_more(
        dump_db: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    dump, db = dump_db
    assert main(["trace", str(dump), "--db", str(db), "--json"]) == 0
    out = capsys.readouterr()
    assert len(json.loads(out.out)) == 20
    assert f"{dump} holds 25 articles: the first 20 are shown, 5 more are not" in out.err
    assert "wiretrace trace '" in out.err and ":line " in out.err and "--limit 0" in out.err
    assert main(["trace", str(dump), "--db", str(db), "--json", "--limit", "0"]) == 0
    out = capsys.readouterr()
    assert len(json.loads(out.out)) == 25 and out.err == ""
    assert main(["trace", f"{dump}:line 7", "--db", str(db), "--json"]) == 0  # one record, as the note says
    assert [t["article"]["url"] for t in json.loads(capsys.readouterr().out)] == ["https://news.example/6"]


def test_api_trace_of_a_dump_is_paged(dump_db: tuple[Path, Path]) -> None:
    dump, db = dump_db
    with TestClient(create_app(db, cfg=LEXICAL.compare)) as c:
        r = c.get("/api/trace", params={"ref": str(dump)})
        assert r.status_code == 200 and len(r.json()) == 20 and r.headers["x-total-count"] == "25"
        nxt = r.headers["link"].split(">;")[0].lstrip("<")
        assert r.headers["link"].endswith('rel="next"')
        r2 = c.get(nxt)
        assert len(r2.json()) == 5 and "link" not in r2.headers
        assert {t["article"]["id"] for t in r.json()}.isdisjoint(t["article"]["id"] for t in r2.json())
        one = c.get("/api/trace", params={"ref": f"{dump}:line 3"})
        assert len(one.json()) == 1 and one.headers["x-total-count"] == "1" and "link" not in one.headers


# -- finding 10: readers never upgrade a store ---------------------------------------------------------------
def _schema(db: Path) -> str:
    con = sqlite3.connect(db)
    try:
        return str(con.execute("SELECT value FROM meta WHERE key='schema'").fetchone()[0])
    finally:
        con.close()


def test_serve_and_open_store_read_a_schema_4_store_as_it_is(dump_db: tuple[Path, Path], tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    db.write_bytes(dump_db[1].read_bytes())
    con = sqlite3.connect(db)  # as schema 4 left it: no stamps
    con.executescript("DROP TABLE input_files; DROP TABLE input_orphans; UPDATE meta SET value='4' WHERE key='schema';")
    con.close()
    with TestClient(create_app(db, cfg=LEXICAL.compare)) as c:
        assert c.get("/api/stories").status_code == 200 and c.get("/stories").status_code == 200
        assert c.get("/api/store").json()["articles"] == 25
        assert c.get("/api/search", params={"q": "Valdora"}).status_code == 200
    assert _schema(db) == "4"
    store = wiretrace.open_store(str(db))
    assert len(list(store.articles())) == 25
    store.close()
    assert _schema(db) == "4"
    wiretrace.open_store(str(db), readonly=False).close()  # asked to write: upgraded
    assert _schema(db) == "5"


# -- finding 12: a title of punctuation only ---------------------------------------------------------------
@pytest.mark.parametrize("title", ["—" * 300, "- " * 150])
def test_a_title_of_punctuation_only_keeps_its_marks(title: str) -> None:
    a = wiretrace.article_from_record({"title": title, "text": _story(4)}, name="r")
    assert a.title is not None and a.title.endswith("…") and len(a.title) > 100
    assert set(a.title[:-1]) == set(title.strip())


def _articles(db: Path) -> int:
    store = wiretrace.open_store(str(db))
    try:
        return len(list(store.articles()))
    finally:
        store.close()


# -- the gone files of a folder (IndexReport.gone, IndexConfig.prune) through the command ----------------------
def test_index_says_which_files_are_gone_and_prune_forgets_them(tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    for i in range(2):
        (corpus / f"{i}.txt").write_text(_story(i), encoding="utf-8")
    db = tmp_path / "w.db"
    argv = ["index", str(corpus), "--db", str(db), "--lexical", "--workers", "1"]
    assert main(argv) == 0
    (corpus / "1.txt").unlink()
    capsys.readouterr()
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "note: 1 file(s) read before are gone" in out and "their articles are kept; `--prune`" in out
    assert _articles(db) == 2
    assert main([*argv, "--prune"]) == 0
    out = capsys.readouterr().out
    assert "1 article no file holds any more dropped" in out and "forgotten" in out
    assert _articles(db) == 1
    assert main([*argv, "--prune"]) == 0
    assert "gone" not in capsys.readouterr().out


# -- review of this session's surfaces (findings 2-6 and 8) ---------------------------------------------------
def _copy_store(db: Path, where: Path) -> Path:
    where.mkdir(parents=True, exist_ok=True)
    out = where / "w.db"
    out.write_bytes(db.read_bytes())
    return out


def _as_on_a_read_only_mount(monkeypatch: pytest.MonkeyPatch) -> None:
    """SQLite as on a read-only mount: a read-only open that is not immutable cannot make the WAL's -shm file."""
    real = sqlite3.connect

    def connect(database: Any, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        if kwargs.get("uri") and "mode=ro" in str(database) and "immutable=1" not in str(database):
            raise sqlite3.OperationalError("unable to open database file")
        return real(database, *args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", connect)


_TOKEN = "t0ken"  # noqa: S105 - a test token
_AUTH = {"Authorization": f"Bearer {_TOKEN}"}


def _reads_and_refuses_writes(c: TestClient, dump: Path) -> None:
    for url in ("/api/store", "/api/stories", "/stories", "/api/sites"):
        assert c.get(url).status_code == 200, url
    assert c.get("/api/search", params={"q": "Valdora"}).status_code == 200
    assert c.get("/api/trace", params={"ref": f"{dump}:line 2"}).status_code == 200
    info = c.get("/api/store").json()
    assert info["writes"] is False and "read-only" in info["writes_off"]
    r = c.post("/api/index", json={"records": [{"text": _story(30)}]}, headers=_AUTH)
    assert r.status_code == 403 and "read-only" in r.json()["detail"]


def test_serve_reads_a_store_on_a_read_only_mount_and_says_writes_are_off(
        dump_db: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Findings 2 and 3: the watcher had no read-only fallback (every page a 500), and with --token the store
    said "writes": true while upload and index failed with a 500."""
    db = _copy_store(dump_db[1], tmp_path / "ro")
    _as_on_a_read_only_mount(monkeypatch)
    with TestClient(create_app(db, token=_TOKEN, cfg=LEXICAL.compare)) as c:
        _reads_and_refuses_writes(c, dump_db[0])


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="as root, chmod does not stop writes")
def test_serve_reads_a_store_in_a_folder_made_read_only(dump_db: tuple[Path, Path], tmp_path: Path) -> None:
    db = _copy_store(dump_db[1], tmp_path / "ro")
    (tmp_path / "ro").chmod(0o555)
    try:
        with TestClient(create_app(db, token=_TOKEN, cfg=LEXICAL.compare)) as c:
            _reads_and_refuses_writes(c, dump_db[0])
    finally:
        (tmp_path / "ro").chmod(0o755)


def test_an_upload_that_cannot_be_written_says_why(dump_db: tuple[Path, Path], tmp_path: Path) -> None:
    """Finding 3: an OSError while writing an upload was a bare 500 "internal error"."""
    db = _copy_store(dump_db[1], tmp_path / "w")
    with TestClient(create_app(db, token=_TOKEN, cfg=LEXICAL.compare, uploads=tmp_path / "blocker" / "up")) as c:
        assert c.get("/api/store").json()["writes"] is True
        # made after start-up (one there before is found then: tests/test_serve_writes.py)
        (tmp_path / "blocker").write_text("a file, not a folder", encoding="utf-8")
        r = c.post("/api/index", json={"records": [{"text": _story(30)}]}, headers=_AUTH)
        assert r.status_code == 503 and "cannot write beside the store" in r.json()["detail"]


def test_a_store_that_cannot_take_the_write_says_why(dump_db: tuple[Path, Path], tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from wiretrace.serve import context

    def full(*_args: Any, **_kwargs: Any) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(context, "index", full)
    db = _copy_store(dump_db[1], tmp_path / "w")
    with TestClient(create_app(db, token=_TOKEN, cfg=LEXICAL.compare)) as c:
        r = c.post("/api/index", json={"records": [{"text": _story(30)}]}, headers=_AUTH)
        assert r.status_code == 503 and "database or disk is full" in r.json()["detail"]


def test_a_read_only_store_with_writes_left_in_its_wal_is_refused_not_read_stale(
        dump_db: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Finding 4: the immutable fallback ignores the -wal, so a commit left there was silently not read."""
    from wiretrace.errors import InputError
    from wiretrace.store import SQLiteStore

    db = _copy_store(dump_db[1], tmp_path / "src")
    con = sqlite3.connect(db)
    con.execute("PRAGMA wal_autocheckpoint=0")
    con.execute("UPDATE articles SET title='RETITLED IN WAL'")
    con.commit()
    ro = tmp_path / "ro"
    ro.mkdir()
    (ro / "w.db").write_bytes(db.read_bytes())
    (ro / "w.db-wal").write_bytes(Path(f"{db}-wal").read_bytes())  # no -shm, as after a copy that skips it
    con.close()
    _as_on_a_read_only_mount(monkeypatch)
    with pytest.raises(InputError, match=r"w\.db-wal holds writes not yet checkpointed"):
        SQLiteStore(ro / "w.db", readonly=True)
    Path(ro / "w.db-wal").unlink()  # nothing left in a WAL: read as immutable
    store = SQLiteStore(ro / "w.db", readonly=True)
    assert len(list(store.articles())) == 25
    store.close()


def test_open_store_reads_by_default_and_says_how_to_write(dump_db: tuple[Path, Path], tmp_path: Path) -> None:
    """Finding 5: a write through a read-only store was a raw sqlite3 error; a missing path named no way out."""
    from wiretrace.errors import WiretraceError

    db = _copy_store(dump_db[1], tmp_path / "w")
    store = wiretrace.open_store(str(db))
    with pytest.raises(WiretraceError, match=r"readonly=False"):
        store.set_meta("note", "x")
    store.close()
    with pytest.raises(WiretraceError, match=r"no such store.*readonly=False"):
        wiretrace.open_store(str(tmp_path / "new.db"))
    assert not (tmp_path / "new.db").exists()
    store = wiretrace.open_store(str(tmp_path / "new.db"), readonly=False)
    store.set_meta("note", "x")
    store.close()


def test_the_trace_headers_are_in_the_schema_and_the_limit_takes_no_negatives(
        dump_db: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    """Finding 6: X-Total-Count and Link were only described; `--limit -1` traced all, as 0 does."""
    with TestClient(create_app(dump_db[1], cfg=LEXICAL.compare)) as c:
        headers = c.get("/api/openapi.json").json()["paths"]["/api/trace"]["get"]["responses"]["200"]["headers"]
    assert set(headers) == {"X-Total-Count", "Link"}
    with pytest.raises(SystemExit) as exc:
        main(["trace", str(dump_db[0]), "--db", str(dump_db[1]), "--limit", "-1"])
    assert exc.value.code == 2 and "must be 0 (no cap) or more" in capsys.readouterr().err


def test_the_trace_note_names_a_record_of_the_file_asked_for(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    """Finding 6: the example was the first omitted article's first path, which may be another file's."""
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    rows = [json.dumps({"url": f"https://news.example/{i}", "text": _story(i)}) + "\n" for i in range(25)]
    one.write_text("".join(rows[20:]), encoding="utf-8")
    two.write_text("".join(rows), encoding="utf-8")  # its line 21 holds one.jsonl's line 1
    db = tmp_path / "w.db"
    index([str(one), str(two)], db=str(db), cfg=LEXICAL)
    assert main(["trace", str(two), "--db", str(db), "--json"]) == 0
    err = capsys.readouterr().err
    assert f"wiretrace trace '{two}:line 21'" in err and "one.jsonl" not in err


def test_serve_on_an_empty_file_and_the_upgrade_command_of_an_old_store_runs(
        dump_db: tuple[Path, Path], tmp_path: Path) -> None:
    """Finding 8: a 0-byte file was "no such store" (and no longer served to upload into, with --token); the
    message for a store of schema 3 named `wiretrace index` with no path, which argparse refuses."""
    import re
    import subprocess

    from wiretrace.errors import InputError

    empty = tmp_path / "empty.db"
    empty.touch()
    with pytest.raises(InputError, match="an empty file, not a store yet"):
        create_app(empty, cfg=LEXICAL.compare)
    with TestClient(create_app(empty, token=_TOKEN, cfg=LEXICAL.compare)) as c:
        assert c.get("/api/store").json()["articles"] == 0
    old = _copy_store(dump_db[1], tmp_path / "old")
    con = sqlite3.connect(old)
    con.execute("UPDATE meta SET value='3' WHERE key='schema'")
    con.commit()
    con.close()
    with pytest.raises(InputError) as exc:
        wiretrace.open_store(str(old))
    command = re.search(r"`([^`]+)`", str(exc.value))
    assert command is not None and command[1].startswith("python -c ")
    done = subprocess.run(["sh", "-c", command[1].replace("python", shlex.quote(sys.executable), 1)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert _schema(old) == "5"


def test_the_spark_driver_keys_a_file_uri_by_its_local_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Findings 1 and 7: the key an import files a Spark run's input under is the resolved path the driver saw; a
    `file:` URI (as Hadoop lists local files) names that local file, not "<cwd>/file:/..."."""
    from wiretrace.engines.spark import _input_key

    (tmp_path / "c d").mkdir()
    f = tmp_path / "c d" / "a.html"
    f.write_text("<p>x</p>", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert _input_key("c d/a.html") == _input_key(f"file:{tmp_path}/c%20d/a.html") == os.path.realpath(f)
    assert _input_key(f.as_uri()) == os.path.realpath(f)
    assert _input_key("hdfs://nn/c/a.html") == "hdfs://nn/c/a.html"
