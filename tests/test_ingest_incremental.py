"""Incremental runs that keep their promise (review of ff0d847, findings 3, 4, 5, 9, 12; made-up text only):
gone files reported and pruned, a dump that only grew read on from its old end, an article the store holds
not embedded again, stamps kept once what they stamp is stored, an edit with its time put back, input order."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

from store_helpers import changed as _changed
from store_helpers import rows as _rows
from wiretrace.compare import CompareConfig
from wiretrace.engines import local
from wiretrace.engines.local import IndexConfig, IndexReport, index
from wiretrace.fingerprint import MinHashConfig
from wiretrace.ingest import sources
from wiretrace.ingest.sources import RawRecord
from wiretrace.store import SQLiteStore

_WORDS = ["harbour", "board", "ferry", "council", "growers", "harvest", "frost", "blossom", "valley", "island",
          "residents", "crossings", "fare", "budget", "minister", "river", "bridge", "school", "hospital", "union",
          "strike", "wages", "station", "railway", "market", "price", "grain", "storm", "flood", "coast", "police",
          "court", "judge", "mayor", "election", "vote", "party", "tax", "road", "airport", "museum"]


def _text(i: int) -> str:
    """A made-up article of its own (no two share their sentences)."""
    paras = [f"TOWN{i} (Wire) - " + " ".join(_WORDS[(i * 7 + k * 3 + p) % len(_WORDS)] for k in range(30)) + "."
             for p in range(3)]
    return "\n\n".join(f"Report {i}.{p}: {para}" for p, para in enumerate(paras))


def _index(*paths: Path, db: Path, **cfg: object) -> IndexReport:
    return index([str(p) for p in paths], db=str(db),
                 cfg=IndexConfig(workers=1, compare=CompareConfig(embedder=None), **cfg))  # type: ignore[arg-type]




def _lines(n: int, start: int = 0) -> str:
    return "".join(json.dumps({"url": f"https://x.example/{i}", "text": _text(i)}) + "\n" for i in range(start, n))


# -- finding 3: renamed and deleted files ----------------------------------------------------------------
def test_a_renamed_and_edited_file_is_reported_gone_and_pruned_only_when_asked(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(_text(1), encoding="utf-8")
    (corpus / "o.txt").write_text(_text(2), encoding="utf-8")
    notes = tmp_path / "corpus" / "notes.md"  # given by name once: not found by a walk, but still there
    notes.write_text(_text(3), encoding="utf-8")
    db = tmp_path / "w.db"
    assert _index(corpus, notes, db=db).new_articles == 3
    (corpus / "a.txt").rename(corpus / "b.txt")
    _changed(corpus / "b.txt", _text(1).replace("Report", "Bulletin"))
    kept = _index(corpus, db=db)
    gone = [os.path.realpath(corpus / "a.txt")]
    assert (kept.gone, kept.dropped, kept.new_articles) == (gone, 0, 1)
    assert _rows(db, "SELECT COUNT(*) FROM articles")[0][0] == 4  # nothing dropped without prune
    assert kept.to_dict()["gone"] == gone
    pruned = _index(corpus, db=db, prune=True)
    assert (pruned.gone, pruned.dropped, pruned.records) == (gone, 1, 0)
    assert sorted(Path(str(r[0])).name for r in _rows(db, "SELECT path FROM articles")) == ["b.txt", "notes.md",
                                                                                           "o.txt"]
    for table in ("inputs", "rejects", "input_files", "input_stat"):
        assert _rows(db, f"SELECT COUNT(*) FROM {table} WHERE path=?", gone[0])[0][0] == 0, table  # noqa: S608
    assert _index(corpus, db=db, prune=True).gone == []


def test_a_deleted_file_whose_article_another_file_holds_keeps_it_under_that_path(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("m.txt", "z.txt"):
        (corpus / name).write_text(_text(1), encoding="utf-8")
    (corpus / "bad.txt").write_text("too short", encoding="utf-8")
    db = tmp_path / "w.db"
    _index(corpus, db=db)
    assert len(_rows(db, "SELECT * FROM rejects")) == 1
    (corpus / "m.txt").unlink()
    (corpus / "bad.txt").unlink()
    report = _index(corpus, db=db, prune=True)
    assert (len(report.gone), report.dropped) == (2, 0)
    assert [Path(str(r[0])).name for r in _rows(db, "SELECT path FROM articles")] == ["z.txt"]
    assert _rows(db, "SELECT COUNT(*) FROM rejects")[0][0] == 0


def test_what_a_folder_that_could_not_be_listed_held_is_not_gone(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "sub" / "a.txt").write_text(_text(1), encoding="utf-8")
    db = tmp_path / "w.db"
    _index(corpus, db=db)
    (corpus / "sub" / "a.txt").unlink()  # as a folder of mode 000 hides it (mode r--: the test of rev18 below)
    monkeypatch.setattr(sources, "list_folder", lambda folder: ([], [(str(corpus / "sub"), "cannot list folder")]))
    report = _index(corpus, db=db, prune=True)
    assert (report.gone, report.dropped, _rows(db, "SELECT COUNT(*) FROM articles")[0][0]) == ([], 0, 1)


# -- finding 4: one appended line ------------------------------------------------------------------------
def test_a_dump_that_only_grew_is_read_on_from_its_old_end(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    dump = tmp_path / "dump.jsonl"
    dump.write_text(_lines(6), encoding="utf-8")
    db = tmp_path / "w.db"
    assert _index(dump, db=db).new_articles == 6
    parsed: list[str] = []
    real = sources._jsonl_record

    def counted(f: Path, key: str, line: bytes | None, max_bytes: int):  # type: ignore[no-untyped-def]
        parsed.append(key)
        return real(f, key, line, max_bytes)

    monkeypatch.setattr(sources, "_jsonl_record", counted)
    _changed(dump, _lines(7))
    report = _index(dump, db=db)
    assert (report.records, report.new_articles, report.dropped, parsed) == (1, 1, 0, ["line 7"])
    assert [r[0] for r in _rows(db, "SELECT record FROM inputs ORDER BY record")] == [f"line {k}" for k in range(1, 8)]
    parsed.clear()
    _changed(dump, _lines(7).replace("Report 3.", "Report three."))  # an edit, not an append: read whole
    report = _index(dump, db=db)
    assert (report.records, report.new_articles, report.dropped, len(parsed)) == (7, 1, 1, 7)


def test_a_last_line_read_unfinished_is_read_again_once_the_dump_grows(tmp_path: Path) -> None:
    dump = tmp_path / "dump.jsonl"
    full = _lines(3)
    cut = full.rindex("\n", 0, len(full) - 1) + 40
    dump.write_text(full[:cut], encoding="utf-8")  # a crawler is writing line 3
    db = tmp_path / "w.db"
    first = _index(dump, db=db)
    assert (first.new_articles, [r[1] for r in first.rejects]) == (2, ["line 3"])
    _changed(dump, full + _lines(4, 3))
    second = _index(dump, db=db)
    assert (second.records, second.new_articles, second.rejects) == (2, 2, [])
    assert _rows(db, "SELECT COUNT(*) FROM rejects")[0][0] == 0
    assert _index(dump, db=db).records == 0


def test_an_article_the_store_holds_is_not_embedded_again(monkeypatch: pytest.MonkeyPatch) -> None:
    embedded: list[str] = []

    def lede_vectors(comparer, docs, lede):  # type: ignore[no-untyped-def]
        embedded.extend(d.article.id for d in docs)
        return {}

    monkeypatch.setattr(local, "_lede_vectors", lede_vectors)
    records = [RawRecord("d.jsonl", f"line {k}", obj={"url": f"https://x.example/{k}", "text": _text(k)})
               for k in (1, 2)]
    held: list[str] = []
    worker = local._Ingester(CompareConfig(), MinHashConfig(), stored=lambda ids: set(ids[:1]) if held else set())
    ids = [res.article.id for res, _, _ in worker(records)]  # type: ignore[union-attr]
    assert embedded == ids
    embedded.clear()
    held.append("yes")  # the first article is stored now
    worker(records)
    assert embedded == ids[1:]


# -- finding 5: a stamp is kept once what it stamps is stored --------------------------------------------
def test_a_run_stopped_while_it_reads_an_append_loses_no_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    dump = tmp_path / "dump.jsonl"
    dump.write_text(_lines(2), encoding="utf-8")
    db = tmp_path / "w.db"
    _index(dump, db=db, batch_size=2)
    _changed(dump, _lines(8))
    real = SQLiteStore.add_batch
    calls: list[int] = []

    def stops(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        if len(calls) > 1:
            raise KeyboardInterrupt
        return real(self, *args, **kwargs)

    monkeypatch.setattr(SQLiteStore, "add_batch", stops)
    with pytest.raises(KeyboardInterrupt):
        _index(dump, db=db, batch_size=2)
    monkeypatch.setattr(SQLiteStore, "add_batch", real)
    assert _rows(db, "SELECT COUNT(*) FROM articles")[0][0] == 4  # lines 3 and 4 stored, then stopped
    _changed(dump, _lines(9))
    _index(dump, db=db, batch_size=2)
    assert _rows(db, "SELECT COUNT(*) FROM articles")[0][0] == 9


# -- finding 9: an edit whose modification time was put back --------------------------------------------
@pytest.mark.parametrize("how", ["in place", "replaced"])
def test_an_edit_of_the_same_size_with_its_time_put_back_is_read(tmp_path: Path, how: str) -> None:
    f = tmp_path / "story.txt"
    f.write_text(_text(1), encoding="utf-8")
    db = tmp_path / "w.db"
    _index(f, db=db)
    st = f.stat()
    edited = _text(1).replace("Report 1.1", "Report 1.7")
    if how == "in place":
        f.write_text(edited, encoding="utf-8")
    else:  # rsync -t, tar x: another file, renamed over it
        (tmp_path / "new.tmp").write_text(edited, encoding="utf-8")
        (tmp_path / "new.tmp").replace(f)
    os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert f.stat().st_size == st.st_size
    report = _index(f, db=db)
    assert (report.records, report.new_articles) == (1, 1)
    assert "Report 1.7" in str(_rows(db, "SELECT text FROM articles")[0][0])
    assert report.dropped == 1


# -- finding 12: input order ------------------------------------------------------------------------------
def test_a_surviving_article_takes_the_path_of_the_first_input_to_hold_it(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("m.txt", "z.txt"):
        (corpus / name).write_text(_text(1), encoding="utf-8")
    db = tmp_path / "w.db"
    _index(corpus, db=db)
    (corpus / "a-late.txt").write_text(_text(1), encoding="utf-8")  # the same article, indexed later
    _index(corpus, db=db)
    _changed(corpus / "m.txt", _text(2))
    _index(corpus, db=db)
    paths = sorted(Path(str(r[0])).name for r in _rows(db, "SELECT path FROM articles"))
    assert paths == ["m.txt", "z.txt"]  # not "a-late.txt", the first by name


def test_a_dump_is_found_in_line_order(tmp_path: Path) -> None:
    dump = tmp_path / "dump.jsonl"
    dump.write_text(_lines(12), encoding="utf-8")
    db = tmp_path / "w.db"
    _index(dump, db=db)
    store = SQLiteStore(db, readonly=True)
    try:
        urls = [store.article(aid).url for aid in store.find(str(dump))]  # type: ignore[union-attr]
    finally:
        store.close()
    assert urls == [f"https://x.example/{i}" for i in range(12)]  # "line 2" before "line 10"


# -- review of the incremental-ingest work (rev18): stamps kept as files are stored, upgrades, prune guards ----
def test_a_file_stored_before_a_run_stopped_keeps_its_stamp_and_a_later_edit_is_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(8):
        (corpus / f"f{i}.txt").write_text(_text(i), encoding="utf-8")
    db = tmp_path / "w.db"
    real = SQLiteStore.add_batch
    calls: list[int] = []

    def stops(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(self, *args, **kwargs)

    monkeypatch.setattr(SQLiteStore, "add_batch", stops)
    with pytest.raises(KeyboardInterrupt):
        _index(corpus, db=db, batch_size=2)
    monkeypatch.setattr(SQLiteStore, "add_batch", real)
    stamped = sorted(Path(str(r[0])).name for r in _rows(db, "SELECT path FROM input_files"))
    assert stamped == ["f0.txt", "f1.txt", "f2.txt", "f3.txt"]  # the files stored whole, with their batch
    _changed(corpus / "f0.txt", _text(0).replace("Report 0.1", "Report 0.9"))
    assert _index(corpus, db=db, batch_size=2).records == 5  # f0 edited, f4..f7 never stored
    assert _rows(db, "SELECT COUNT(*) FROM articles WHERE text LIKE '%Report 0.9%'")[0][0] == 1
    assert _index(corpus, db=db, batch_size=2).records == 0


def test_a_dump_an_older_version_stamped_is_read_again_whole_when_it_grows(tmp_path: Path) -> None:
    dump = tmp_path / "dump.jsonl"
    dump.write_text(_lines(4), encoding="utf-8")
    db = tmp_path / "w.db"
    _index(dump, db=db)
    # as an older wiretrace left it: the stamp (no ctime, no inode) was kept with the next batch, and a kill
    # came before lines 3 and 4 were stored
    con = sqlite3.connect(db)
    with con:
        con.execute("DELETE FROM input_stat")
        con.execute("DELETE FROM inputs WHERE record IN ('line 3', 'line 4')")
    con.close()
    _changed(dump, _lines(5))
    _index(dump, db=db)
    assert sorted(str(r[0]) for r in _rows(db, "SELECT record FROM inputs")) == [f"line {k}" for k in range(1, 6)]


def test_a_folder_found_empty_is_not_pruned(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(2):
        (corpus / f"f{i}.txt").write_text(_text(i), encoding="utf-8")
    db = tmp_path / "w.db"
    _index(corpus, db=db)
    corpus.rename(tmp_path / "offline")
    corpus.mkdir()  # as an unmounted drive's mount point
    report = _index(corpus, db=db, prune=True)
    assert (len(report.gone), report.unpruned, report.dropped) == (2, [str(corpus)], 0)
    assert _rows(db, "SELECT COUNT(*) FROM articles")[0][0] == 2
    assert _rows(db, "SELECT COUNT(*) FROM inputs")[0][0] == 2
    (corpus / "f0.txt").write_text(_text(0), encoding="utf-8")  # the folder holds a file: its gone file is pruned
    report = _index(corpus, db=db, prune=True)
    assert (len(report.gone), report.unpruned, report.dropped) == (1, [], 1)


def test_a_folder_that_can_be_listed_but_not_entered_is_a_reject_and_its_files_are_not_gone(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "top.txt").write_text(_text(1), encoding="utf-8")
    (corpus / "sub" / "a.txt").write_text(_text(2), encoding="utf-8")
    db = tmp_path / "w.db"
    _index(corpus, db=db)
    real = Path.stat

    def denied(self: Path, **kwargs: bool) -> os.stat_result:  # mode r--: names listed, files not looked at
        if self.parent.name == "sub":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self, **kwargs)

    monkeypatch.setattr(Path, "stat", denied)
    report = _index(corpus, db=db, prune=True)
    assert [(Path(p).name, why) for p, _, why in report.rejects] == [("sub", "cannot enter folder (Permission denied)")]
    assert (report.gone, report.dropped, _rows(db, "SELECT COUNT(*) FROM articles")[0][0]) == ([], 0, 2)
    store = SQLiteStore(db)
    try:  # a stored file that cannot be looked at is not gone either
        assert store.gone_inputs(str(corpus), {str((corpus / "top.txt").resolve())}) == []
    finally:
        store.close()


def test_the_pool_workers_do_not_embed_an_article_the_store_holds(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    embedded = tmp_path / "embedded.txt"

    def lede_vectors(comparer, docs, lede):  # type: ignore[no-untyped-def]  # reaches the workers by fork
        with embedded.open("a", encoding="utf-8") as fh:
            fh.writelines(f"{d.article.id}\n" for d in docs)
        return {}

    monkeypatch.setattr(local, "_lede_vectors", lede_vectors)
    monkeypatch.setattr(local, "_link", lambda *args, **kwargs: None)
    dump = tmp_path / "dump.jsonl"
    dump.write_text(_lines(6), encoding="utf-8")
    db = tmp_path / "w.db"
    # forked workers (the patch above reaches them only so); they run no model here (no OpenMP to hang on)
    cfg = IndexConfig(workers=2, compare=CompareConfig(), batch_size=4, start_method="fork")
    index([str(dump)], db=str(db), cfg=cfg)
    assert len(embedded.read_text(encoding="utf-8").split()) == 6
    embedded.unlink()
    _changed(dump, _lines(6).replace("Report 0.", "Bulletin 0."))  # line 1 edited: the dump is read again whole
    report = index([str(dump)], db=str(db), cfg=cfg)
    assert (report.records, report.new_articles) == (6, 1)
    assert len(embedded.read_text(encoding="utf-8").split()) == 1


def test_a_dump_of_binary_lines_that_grows_is_read_again_whole(tmp_path: Path) -> None:
    binary = b"\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10\x11\xff\xfe\xfd\n" * 3  # no NUL: not caught by its head
    dump = tmp_path / "dump.jsonl"
    dump.write_bytes(binary)
    db = tmp_path / "w.db"
    _index(dump, db=db)
    before = dump.stat().st_mtime_ns
    dump.write_bytes(binary + _lines(1).encode())
    os.utime(dump, ns=(before + 10**9, before + 10**9))
    report = _index(dump, db=db)
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    (fresh / "dump.jsonl").write_bytes(binary + _lines(1).encode())
    alone = _index(fresh / "dump.jsonl", db=tmp_path / "fresh.db")
    assert [(r, why) for _, r, why in report.rejects] == [(r, why) for _, r, why in alone.rejects]
    assert report.new_articles == alone.new_articles == 0


def test_a_file_whose_name_is_not_utf8_is_a_reject_and_the_rest_is_indexed(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / os.fsdecode(b"caf\xe9.txt")).write_text(_text(1), encoding="utf-8")
    (corpus / "ok.txt").write_text(_text(2), encoding="utf-8")
    db = tmp_path / "w.db"
    report = _index(corpus, db=db)
    assert [(Path(p).name, why) for p, _, why in report.rejects] == [
        ("caf\\xe9.txt", "cannot index a file whose name is not UTF-8: rename it")]
    assert (report.new_articles, _rows(db, "SELECT COUNT(*) FROM input_files")[0][0]) == (1, 1)


def test_a_pool_worker_that_cannot_read_the_store_embeds_as_before(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(local, "_WORKER", None)
    monkeypatch.setattr(local, "_die_with_parent", lambda parent: None)
    bad = tmp_path / "w.db"
    bad.write_bytes(b"not a store at all, " * 100)
    local._init_worker(CompareConfig(embedder=None), MinHashConfig(), None, 0, str(bad))
    assert local._WORKER is not None and local._WORKER.stored is None


def test_a_stamp_an_older_version_rewrote_after_this_one_is_not_resumed_from(tmp_path: Path) -> None:
    from wiretrace.store.inputs import stamp_file

    dump = tmp_path / "dump.jsonl"
    dump.write_text(_lines(2), encoding="utf-8")
    db = tmp_path / "w.db"
    _index(dump, db=db)
    _changed(dump, _lines(4))
    # an older wiretrace stamped the dump at 4 lines (input_files only) and was killed before lines 3 and 4
    # were stored: the input_stat row is still that of the 2-line dump
    now = stamp_file(dump)
    assert now is not None
    con = sqlite3.connect(db)
    with con:
        con.execute("UPDATE input_files SET size=?, mtime_ns=?, sha256=?", (now.size, now.mtime_ns, now.sha256))
    con.close()
    _changed(dump, _lines(5))
    _index(dump, db=db)
    assert sorted(str(r[0]) for r in _rows(db, "SELECT record FROM inputs")) == [f"line {k}" for k in range(1, 6)]


def test_a_store_whose_input_stat_lacks_the_sha256_gains_it(tmp_path: Path) -> None:
    dump = tmp_path / "dump.jsonl"
    dump.write_text(_lines(2), encoding="utf-8")
    db = tmp_path / "w.db"
    _index(dump, db=db)
    con = sqlite3.connect(db)
    with con:  # as this session's first stores made it
        con.execute("DROP TABLE input_stat")
        con.execute("CREATE TABLE input_stat (path TEXT PRIMARY KEY, ctime_ns INTEGER NOT NULL, ino INTEGER NOT NULL)")
    con.close()
    _changed(dump, _lines(3))
    assert _index(dump, db=db).records == 3  # no ctime kept: read again whole once
    _changed(dump, _lines(4))
    assert _index(dump, db=db).records == 1  # then read on from its old end


def test_index_says_why_a_folder_found_empty_is_not_pruned(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from wiretrace.cli import main

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "f0.txt").write_text(_text(0), encoding="utf-8")
    db = tmp_path / "w.db"
    argv = ["index", str(corpus), "--db", str(db), "--lexical", "--workers", "1", "--prune"]
    assert main(argv) == 0
    (corpus / "f0.txt").rename(tmp_path / "f0.txt")
    capsys.readouterr()
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert f"note: not pruned: {corpus} held files read before and holds none now" in out
    assert "forgotten" not in out and _rows(db, "SELECT COUNT(*) FROM articles")[0][0] == 1
