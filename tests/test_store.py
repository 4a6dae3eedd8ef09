"""The SQLite store's schema: older stores are upgraded in place with nothing lost; relations are a
rowid table (a WITHOUT ROWID one spilled every ~1 KB row to a page of its own)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from wiretrace.errors import InputError
from wiretrace.store.sqlite import SQLiteStore, StoredRelation

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
    with pytest.raises(InputError, match="run `wiretrace index` on it once"):
        SQLiteStore(path, readonly=True)
