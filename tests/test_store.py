"""The SQLite store's schema: older stores are upgraded in place with nothing lost; relations are a
rowid table (a WITHOUT ROWID one spilled every ~1 KB row to a page of its own)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from wiretrace.errors import InputError
from wiretrace.store.sqlite import SQLiteStore, StoredRelation, readonly_uri

_V3_RELATIONS = """CREATE TABLE relations (
  a TEXT NOT NULL, b TEXT NOT NULL, kind TEXT NOT NULL, a_in_b REAL NOT NULL, b_in_a REAL NOT NULL,
  source TEXT, source_probability REAL NOT NULL, evidence TEXT NOT NULL, via TEXT NOT NULL,
  features TEXT NOT NULL DEFAULT '{}', deciders TEXT NOT NULL DEFAULT '{}',
  PRIMARY KEY (a, b)) WITHOUT ROWID"""


def _relation(a: str, b: str, **features: float) -> StoredRelation:
    return StoredRelation(a, b, "edited_copy", 0.9, 0.8, "a", 0.93, ("a credits the agency",), "candidates",
                          features, {"kind": "rules-v2", "source": "source@v2"})


def _relations_sql(path: Path) -> str:
    con = sqlite3.connect(path)
    try:
        return str(con.execute("SELECT sql FROM sqlite_master WHERE name='relations'").fetchone()[0])
    finally:
        con.close()


def _as_schema(path: Path, version: str, rows: list[tuple[object, ...]]) -> None:
    """Rewrite a fresh store's relations table in the layout of an older schema, holding ``rows``."""
    con = sqlite3.connect(path)
    con.executescript(f"DROP TABLE relations; {_V3_RELATIONS};")
    con.executemany("INSERT INTO relations VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    if version == "2":
        con.executescript("ALTER TABLE relations DROP COLUMN deciders; ALTER TABLE relations DROP COLUMN features;")
    con.execute("UPDATE meta SET value=? WHERE key='schema'", (version,))
    con.commit()
    con.close()


def test_relations_are_a_rowid_table_keyed_uniquely(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "w.db")
    store.import_relations([_relation("x1", "x2", doc_similarity=0.5)])
    store.import_relations([_relation("x1", "x2", doc_similarity=0.7)])  # the same pair again: replaced
    assert [r.features for r in store.relations()] == [{"doc_similarity": 0.7}]
    store.close()
    assert "WITHOUT ROWID" not in _relations_sql(tmp_path / "w.db")


def test_features_are_stored_to_six_decimals(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "w.db")
    store.import_relations([_relation("x1", "x2", doc_similarity=0.9226405363589479, src_leak=5.942399426924769)])
    assert store.relations()[0].features == {"doc_similarity": 0.922641, "src_leak": 5.942399}
    store.close()


@pytest.mark.parametrize("version", ["2", "3"])
def test_older_store_is_upgraded_with_every_relation_kept(tmp_path: Path, version: str) -> None:
    path = tmp_path / "w.db"
    SQLiteStore(path).close()
    rows = [_relation(f"x{i}", f"y{i}", doc_similarity=i / 10).row() for i in range(5)]
    _as_schema(path, version, rows)
    store = SQLiteStore(path)
    kept = store.relations()
    assert [(r.a, r.b, r.kind, r.source, r.evidence) for r in kept] == [
        (f"x{i}", f"y{i}", "edited_copy", "a", ("a credits the agency",)) for i in range(5)]
    kept_features = [{}] * 5 if version == "2" else [{"doc_similarity": i / 10} for i in range(5)]
    assert [r.features for r in kept] == kept_features
    store.import_relations([_relation("x0", "y0", doc_similarity=0.99)])  # the unique index holds after the upgrade
    assert len(store.relations()) == 5
    store.close()
    assert "WITHOUT ROWID" not in _relations_sql(path)
    assert SQLiteStore(path, readonly=True).relations()[0].features == {"doc_similarity": 0.99}


def test_readonly_open_of_an_older_store_says_how_to_upgrade(tmp_path: Path) -> None:
    path = tmp_path / "w.db"
    SQLiteStore(path).close()
    _as_schema(path, "3", [])
    with pytest.raises(InputError, match="upgrade it once with `python -c "):
        SQLiteStore(path, readonly=True)


def test_band_keys_stored_later_are_found_and_those_a_killed_run_lost_are_listed(tmp_path: Path) -> None:
    """Issue #15: ingest stores band keys thousands of articles at a time; until they are written the store
    lists the articles without them (with their signatures, to make them again), and a store written
    before (no mark) has every article's keys."""
    import numpy as np

    from wiretrace.records import Article

    store = SQLiteStore(tmp_path / "w.db")
    sig = np.arange(8, dtype=np.uint32)
    store.add_batch([("p", "1", Article(id="old1", text="x"), sig, [1, 2])], [])
    assert store.without_bands() == []
    store.defer_bands()
    store.add_batch([("p", "2", Article(id="a1", text="y"), sig, [1, 5]),
                     ("p", "3", Article(id="b1", text="z"), sig + 1, [7, 2])], [], bands=False)
    missing = store.without_bands()  # a run killed here: these keys are made again from the signatures
    assert [aid for aid, _ in missing] == ["a1", "b1"]
    assert (missing[1][1] == sig + 1).all()
    assert store.band_mates("old1", [1, 2]) == set()
    store.add_bands([("b1", [7, 2]), ("a1", [1, 5])])
    assert store.without_bands() == []
    assert store.band_mates("old1", [1, 2]) == {"a1", "b1"}
    assert store.band_mates("a1", [1, 5]) == {"old1"}
    store.defer_bands()  # marked already: nothing changes
    assert store.without_bands() == []
    # articles stored with their keys (an imported engine run) move the mark on: nothing to make again
    store.add_batch([("p", "4", Article(id="c1", text="w"), sig, [9, 9])], [])
    assert store.without_bands() == []
    store.add_batch([("p", "5", Article(id="d1", text="v"), sig, [8, 8])], [], bands=False)
    store.add_batch([("p", "6", Article(id="e1", text="u"), sig, [7, 7])], [])
    assert [aid for aid, _ in store.without_bands()] == ["d1", "e1"]  # d1's keys are missing: the mark stays
    store.add_bands([("d1", [8, 8]), ("e1", [7, 7])], last=True)  # a run's last keys: the mark goes
    assert store.without_bands() == []
    assert store.db.execute("SELECT COUNT(*) FROM meta WHERE key='bands_seq'").fetchone()[0] == 0
    store.close()


def test_linking_many_articles_at_once_equals_linking_one_at_a_time(tmp_path: Path) -> None:
    import numpy as np

    from wiretrace.records import Article

    stores = [SQLiteStore(tmp_path / f"{k}.db") for k in range(2)]
    linked = [("a1", [_relation("a1", "b1", doc_similarity=0.5)]), ("b1", []),
              ("c1", [_relation("a1", "c1"), _relation("b1", "c1", doc_similarity=0.25)])]
    for store in stores:
        store.add_batch([("p", aid, Article(id=aid, text=aid), np.zeros(4, dtype=np.uint32), [])
                         for aid in ("a1", "b1", "c1", "d1")], [])
    for aid, relations in linked:
        stores[0].link(aid, relations)
    stores[1].link_many(linked)
    assert stores[0].relations() == stores[1].relations() and len(stores[1].relations()) == 3
    assert stores[0].unlinked() == stores[1].unlinked() == ["d1"]
    for store in stores:
        store.close()


def test_document_vectors_can_be_cleared_and_sentence_vectors_asked_for_without_reading_them(tmp_path: Path) -> None:
    """Issue #15 item 4: the link pass asks whether an article's whole sentence vectors are stored before
    embedding them; a document vector of another recipe is cleared to be made again; the recipe is a meta
    value."""
    import numpy as np

    from wiretrace.records import Article

    store = SQLiteStore(tmp_path / "w.db")
    sig = np.arange(8, dtype=np.uint32)
    store.add_batch([("p", "1", Article(id="a1", text="x"), sig, [1]),
                     ("p", "2", Article(id="b1", text="y"), sig, [2])], [])
    assert not store.has_vectors() and store.meta("doc_vector") is None
    store.set_vectors({"a1": np.ones(4, dtype=np.float32), "b1": np.zeros(4, dtype=np.float32)})
    assert store.has_vectors() and store.vector_ids() == {"a1", "b1"}
    store.clear_vectors(["b1"])
    assert store.vector_ids() == {"a1"}
    store.set_meta("doc_vector", "lede5+title")
    assert store.meta("doc_vector") == "lede5+title"
    assert not store.has_sentence_vectors("a1", "m|k")
    store.set_sentence_vectors({"a1": b"\0" * 8}, "m|k")
    assert store.has_sentence_vectors("a1", "m|k") and not store.has_sentence_vectors("a1", "m|other")
    store.close()
    con = sqlite3.connect(tmp_path / "w.db")
    con.execute("DROP TABLE sentence_vectors")  # as a store written before the table existed
    con.commit()
    con.close()
    old = SQLiteStore(tmp_path / "w.db", readonly=True)
    assert not old.has_sentence_vectors("a1", "m|k")
    old.close()


@pytest.mark.parametrize("immutable", [False, True])
def test_readonly_uri_opens_that_very_file_read_only_whatever_its_name_holds(tmp_path: Path, immutable: bool) -> None:
    path = tmp_path / "a#b?c=1&mode=rwc%20.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    uri = readonly_uri(path, immutable=immutable)
    assert uri.endswith("?mode=ro&immutable=1" if immutable else "?mode=ro")
    ro = sqlite3.connect(uri, uri=True)
    try:
        assert ro.execute("SELECT name FROM sqlite_master").fetchall() == [("t",)]
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            ro.execute("INSERT INTO t VALUES (1)")
    finally:
        ro.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


def test_an_input_is_keyed_by_its_resolved_path_and_a_uri_as_it_is(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from wiretrace.store.inputs import input_key

    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real")
    monkeypatch.chdir(tmp_path)
    assert input_key("link/a.txt") == os.path.realpath(tmp_path / "real" / "a.txt")
    assert input_key("hdfs://nn/corpus/a.jsonl") == "hdfs://nn/corpus/a.jsonl"
