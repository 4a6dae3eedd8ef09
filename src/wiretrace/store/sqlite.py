"""SQLite store: articles, MinHash signatures and LSH band keys, document vectors, relations, rejects;
and what the link pass reads back instead of computing again: sentence spans, segmented articles, and
sentence vectors (by model, version and sentence boundaries).

WAL journal, one transaction per batch, idempotent upserts keyed by article id, so a run killed at
any point resumes with nothing lost and nothing doubled. An article is ``linked`` once its candidate
pairs have been compared; a resumed run links whatever is not.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import sqlite3
import stat
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from wiretrace.errors import InputError
from wiretrace.records import Article

from .inputs import FileStamp, appended, input_key, stamp_file


def store_hint(exc: sqlite3.Error) -> str:
    """What to do about the SQLite errors a user can cause: a store another process holds, one that may
    not be written."""
    text = str(exc)
    if "locked" in text or "busy" in text:
        return " (another wiretrace is writing to it; wait for it to finish, or use another --db)"
    if "readonly" in text or "read-only" in text:
        return " (the file or its folder may not be written; index into a copy elsewhere with --db)"
    return ""


def readonly_uri(path: str | Path, *, immutable: bool = False) -> str:
    """The SQLite URI that opens ``path`` read-only (``immutable`` too: for a read-only mount, where
    nobody can be writing). Built from the resolved path, so "#", "?" or "%" in a file name are escaped,
    not read as URI syntax; connect with ``uri=True``."""
    return f"{Path(path).resolve().as_uri()}?mode=ro" + ("&immutable=1" if immutable else "")


_RELATIONS = """CREATE TABLE IF NOT EXISTS relations (
  a TEXT NOT NULL, b TEXT NOT NULL, kind TEXT NOT NULL, a_in_b REAL NOT NULL, b_in_a REAL NOT NULL,
  source TEXT, source_probability REAL NOT NULL, evidence TEXT NOT NULL, via TEXT NOT NULL,
  features TEXT NOT NULL DEFAULT '{}', deciders TEXT NOT NULL DEFAULT '{}')"""
_RELATIONS_INDEX = "CREATE UNIQUE INDEX IF NOT EXISTS relations_ab ON relations(a, b)"
#: Each input file's stamp as it was read (size, time, SHA-256), so a file changed since is read again; and
#: the articles a changed file held, until the run's ingest has stored what it holds now (the ones no input
#: holds any more are dropped then: ``drop_orphans``).
_INPUT_FILES = (
    "CREATE TABLE IF NOT EXISTS input_files (path TEXT PRIMARY KEY, size INTEGER NOT NULL, "
    "mtime_ns INTEGER NOT NULL, sha256 TEXT NOT NULL) WITHOUT ROWID",
    "CREATE TABLE IF NOT EXISTS input_orphans (article_id TEXT PRIMARY KEY) WITHOUT ROWID",
)
#: The rest of an input file's stamp: its status-change time and inode (a table of its own, made when a store
#: is opened for writing, so ``input_files`` and the schema stay as they were); its rowid is the order the files
#: were first stamped, the input order (``drop_orphans``). Its SHA-256 is that of the ``input_files`` row it was
#: kept with: a row an older wiretrace rewrote since (it keeps no ctime) has another, and counts as no ctime.
_INPUT_STAT = ("CREATE TABLE IF NOT EXISTS input_stat (path TEXT PRIMARY KEY, ctime_ns INTEGER NOT NULL, "
               "ino INTEGER NOT NULL, sha256 TEXT NOT NULL DEFAULT '')")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
  id TEXT PRIMARY KEY, url TEXT, site TEXT, title TEXT, byline TEXT, date TEXT, dateline TEXT,
  credit TEXT, language TEXT, text TEXT NOT NULL, boilerplate TEXT NOT NULL, signals TEXT NOT NULL,
  path TEXT, linked INTEGER NOT NULL DEFAULT 0, seq INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_url ON articles(url);
CREATE INDEX IF NOT EXISTS articles_linked ON articles(linked);
CREATE INDEX IF NOT EXISTS articles_seq ON articles(seq);
CREATE TABLE IF NOT EXISTS signatures (article_id TEXT PRIMARY KEY, minhash BLOB NOT NULL, vector BLOB);
CREATE TABLE IF NOT EXISTS bands (band INTEGER NOT NULL, key INTEGER NOT NULL, article_id TEXT NOT NULL,
  PRIMARY KEY (band, key, article_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS inputs (path TEXT NOT NULL, record TEXT NOT NULL, article_id TEXT,
  status TEXT NOT NULL, PRIMARY KEY (path, record)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS rejects (path TEXT NOT NULL, record TEXT NOT NULL, reason TEXT NOT NULL,
  PRIMARY KEY (path, record)) WITHOUT ROWID;
{input_files};
{input_stat};
{relations};
{relations_index};
CREATE TABLE IF NOT EXISTS segments (article_id TEXT PRIMARY KEY, boundaries TEXT NOT NULL, spans BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS docs (article_id TEXT PRIMARY KEY, key TEXT NOT NULL, doc BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS sentence_vectors (article_id TEXT NOT NULL, key TEXT NOT NULL, vectors BLOB NOT NULL,
  PRIMARY KEY (article_id, key)) WITHOUT ROWID;
""".replace("{relations}", _RELATIONS).replace("{relations_index}", _RELATIONS_INDEX).replace(
    "{input_files}", ";\n".join(_INPUT_FILES)).replace("{input_stat}", _INPUT_STAT)
_SCHEMA_VERSION = "5"
#: Older schemas a reader reads as they are: their upgrade adds only what ``index`` uses.
_READABLE_AS_IS = frozenset({"4"})
_RELATION_COLUMNS = ("a", "b", "kind", "a_in_b", "b_in_a", "source", "source_probability", "evidence", "via",
                     "features", "deciders")
#: Each older schema's upgrade to the next one, applied in turn up to _SCHEMA_VERSION.
#: 2 -> 3: relations keep their features and the deciders that made them (issue #18).
#: 3 -> 4: relations become a rowid table with a unique (a, b) index. A WITHOUT ROWID table keeps at
#: most ~1 KB of a row in its page and spills the rest to an overflow page of its own; a relation's
#: features and evidence are ~1 KB, so most rows took two pages, 62% of them empty (issue #15).
_MIGRATIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "2": ("3", ("ALTER TABLE relations ADD COLUMN features TEXT NOT NULL DEFAULT '{}'",
                "ALTER TABLE relations ADD COLUMN deciders TEXT NOT NULL DEFAULT '{}'")),
    "3": ("4", ("ALTER TABLE relations RENAME TO relations_v3",
                "DROP INDEX IF EXISTS relations_ab",
                _RELATIONS, _RELATIONS_INDEX,
                f"INSERT INTO relations ({', '.join(_RELATION_COLUMNS)}) "  # noqa: S608 (fixed names)
                f"SELECT {', '.join(_RELATION_COLUMNS)} FROM relations_v3 ORDER BY a, b",
                "DROP TABLE relations_v3",
                # the link pass looks buckets up by the article's own keys (band_mates), not by article id
                "DROP INDEX IF EXISTS bands_article")),
    # 4 -> 5: input files keep their stamps (a rejected file the user fixed was never read again). A file
    # a store of schema 4 read has no stamp: the next run takes its stamp and reads its rejected records again.
    "4": ("5", _INPUT_FILES),
}
#: Stored features keep six decimals: enough to re-decide a relation from them exactly to 1e-5.
_FEATURE_DECIMALS = 6
_INSERT_RELATION = "INSERT OR REPLACE INTO relations VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
_ARTICLE_COLS = ("id", "url", "site", "title", "byline", "date", "dateline", "credit", "language", "text",
                 "boilerplate", "signals", "path")
# Built once from the fixed column names above (no user input reaches SQL text).
_COLS = ", ".join(_ARTICLE_COLS)
_INSERT_ARTICLE = f"INSERT INTO articles ({_COLS}, linked, seq) VALUES ({', '.join('?' * len(_ARTICLE_COLS))}, 0, ?)"  # noqa: S608
#: The metadata a changed input file's record rewrites in an article it held before (``_refresh``); those
#: relate reads link it again (publication time, site, credit and dateline count in deciding the source; the
#: title is embedded with the lede and read by the diff, so its vectors are made again too).
_META_FIELDS = ("site", "title", "byline", "date", "dateline", "credit", "language", "boilerplate", "signals")
#: (signals and boilerplate too: the same id holds the same text, but a page that gained a "Related:" box has
#: furniture signals relate weighs, and the boilerplate a verbatim check reads; final review of session 17, F3.2)
RELATE_FIELDS = frozenset({"site", "title", "date", "dateline", "credit", "language", "boilerplate", "signals"})
_SELECT_ARTICLE = f"SELECT {_COLS} FROM articles WHERE id=?"  # noqa: S608
_SELECT_ARTICLES = f"SELECT {_COLS} FROM articles ORDER BY seq"  # noqa: S608
#: A record of an input file as an article's path names it: "dump.jsonl:line 3", "crawl.warc.gz:offset 0".
_RECORD_REF = re.compile(r"(.+):((?:line|offset) \d+)")
_RECORD_NUMBER = re.compile(r"(?:line|offset) (\d+)")


def _ref_keys(ref: str) -> tuple[str, ...]:
    """The keys an input file named ``ref`` may be held under, each once: as typed, as written by ``Path``
    ("./a//b.txt" -> "a/b.txt": a store written before inputs were keyed by the resolved path kept the typed
    one) and resolved (``input_key``). ``find`` and ``rejected`` look a reference up the same way."""
    return tuple(dict.fromkeys((ref, str(Path(ref)), input_key(ref))))


def _record_order(record: str) -> tuple[int, str]:
    """A record of an input file ("line 10", "offset 0", "") as a key that sorts in input order ("line 2" before
    "line 10")."""
    m = _RECORD_NUMBER.fullmatch(record)
    return (int(m[1]), record) if m else (-1, record)


@dataclass(slots=True, frozen=True)
class StoredRelation:
    """A Relation as stored: a < b by id; ``source`` is "a", "b" or None; ``via`` how it was found."""

    a: str
    b: str
    kind: str
    a_in_b: float
    b_in_a: float
    source: str | None
    source_probability: float
    evidence: tuple[str, ...]
    via: str
    #: The relation's named features and the deciders (with versions) that made its verdicts.
    features: dict[str, float] = field(default_factory=dict)
    deciders: dict[str, str] = field(default_factory=dict)

    def row(self) -> tuple[object, ...]:
        """The relation as a row of the relations table."""
        return (self.a, self.b, self.kind, self.a_in_b, self.b_in_a, self.source, self.source_probability,
                json.dumps(list(self.evidence)), self.via,
                json.dumps({k: round(v, _FEATURE_DECIMALS) for k, v in self.features.items()}, sort_keys=True),
                json.dumps(self.deciders, sort_keys=True))


class SQLiteStore:
    """The default on-disk store (one file, WAL)."""

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        """Open (or create) the store at ``path``; ``readonly`` opens it for reading only (the read
        commands), so a store in a read-only place is read and nothing is ever written by a reader.

        A file that is SQLite but not a wiretrace store (other tables, no schema mark) is refused before
        anything is written to it; a damaged or non-SQLite file is refused with SQLite's reason."""
        self.path = str(path)
        self.readonly = readonly
        #: input files' stamps taken in this run, kept once what they hold is stored (``keep_stamps``)
        self._stamps: dict[str, FileStamp] = {}
        #: where to read on in input files that only grew (``seen_inputs``, ``read_from``)
        self._resume: dict[str, tuple[int, int]] = {}
        #: input files whose bytes are those of their kept stamp and whose records are stored (``unchanged``)
        self._unchanged: set[str] = set()
        #: articles whose metadata a changed input file's record rewrote in this session (``_refresh``)
        self._refreshed: set[str] = set()
        self._check_foreign()
        try:
            if readonly:
                row = self._open_readonly()
            else:
                self.db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
                self.db.execute("PRAGMA journal_mode=WAL")
                self.db.execute("PRAGMA synchronous=NORMAL")
                # 64 MiB of page cache (SQLite's default is 2 MiB): the LSH bands index takes 32 random
                # inserts per article, which past the cache cost a page read each (issue #15, 100k run)
                self.db.execute("PRAGMA cache_size=-65536")
                self.db.executescript(_SCHEMA)
                if "sha256" not in {r[1] for r in self.db.execute("PRAGMA table_info(input_stat)")}:
                    self.db.execute("ALTER TABLE input_stat ADD COLUMN sha256 TEXT NOT NULL DEFAULT ''")
                row = self.db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
        except sqlite3.OperationalError as exc:
            raise InputError(self.path, f"cannot open the store ({exc}){store_hint(exc)}") from None
        except sqlite3.DatabaseError as exc:
            raise InputError(self.path, f"not a wiretrace store, or damaged ({exc})") from None
        if readonly:
            if row is None or (row[0] != _SCHEMA_VERSION and row[0] not in _MIGRATIONS):
                raise InputError(self.path, "not a wiretrace store (no schema mark)")
            if row[0] != _SCHEMA_VERSION and row[0] not in _READABLE_AS_IS:
                raise InputError(self.path, f"store schema {row[0]} is older than {_SCHEMA_VERSION}: upgrade it once "
                                            "with `python -c 'import sys, wiretrace; wiretrace.open_store(sys.argv[1], "
                                            f"readonly=False).close()' {shlex.quote(self.path)}`")
            return
        if row is None:
            self.db.execute("INSERT INTO meta VALUES ('schema', ?)", (_SCHEMA_VERSION,))
        elif row[0] in _MIGRATIONS:
            self._migrate(row[0])
        elif row[0] != _SCHEMA_VERSION:
            raise InputError(self.path, f"store schema {row[0]} is not {_SCHEMA_VERSION}; re-index into a new file")

    def _migrate(self, version: str) -> None:
        """Upgrade a store of an older schema, one step after another, in one transaction."""
        with self._tx():
            while version in _MIGRATIONS:
                version, statements = _MIGRATIONS[version]
                for statement in statements:
                    self.db.execute(statement)
            self.db.execute("UPDATE meta SET value=? WHERE key='schema'", (version,))

    def _open_readonly(self) -> tuple[str] | None:
        """Connect read-only; in a folder where SQLite cannot create the WAL's shared-memory file (a
        read-only mount), read it as immutable: nobody can be writing there."""
        try:
            self.db = sqlite3.connect(readonly_uri(self.path), uri=True, timeout=30, isolation_level=None)
            row: tuple[str] | None = self.db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
        except sqlite3.OperationalError:
            wal = Path(f"{self.path}-wal")  # immutable reads the file alone: commits still in the WAL are not seen
            if wal.is_file() and wal.stat().st_size > 0:
                raise InputError(self.path, f"its folder is read-only here and {wal.name} holds writes not yet "
                                            "checkpointed; open it once where it can be written, or copy it with "
                                            f"{wal.name} to a folder that can be") from None
            self.db = sqlite3.connect(readonly_uri(self.path, immutable=True), uri=True, timeout=30,
                                      isolation_level=None)
            row = self.db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
        return row

    def _check_foreign(self) -> None:
        """Refuse an existing SQLite file of someone else's (tables, but none of ours) before touching it."""
        p = Path(self.path)
        if not p.is_file() or p.stat().st_size == 0:
            if self.readonly:
                raise InputError(self.path, "no such store; run `wiretrace index PATH --db FILE` first" if not
                                 p.is_file() else "an empty file, not a store yet; `wiretrace index PATH --db FILE` "
                                                  "fills it")
            return
        try:
            con = sqlite3.connect(readonly_uri(p), uri=True, timeout=30)
            try:
                tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            finally:
                con.close()
        except sqlite3.OperationalError:
            return  # cannot even read it here: the open below says why
        except sqlite3.DatabaseError as exc:
            raise InputError(self.path, f"not a wiretrace store, or damaged ({exc}); left unchanged") from None
        if tables and "meta" not in tables:
            listed = ", ".join(sorted(tables)[:5]) + (" ..." if len(tables) > 5 else "")
            raise InputError(self.path, f"not a wiretrace store (an SQLite file with other tables: {listed}); "
                                        "left unchanged")

    def close(self) -> None:
        # stamps not kept (of files a run stopped before it stored whole) are dropped: the next run stamps them again
        self.db.close()

    def require(self, key: str, value: str) -> None:
        """Record ``key`` = ``value`` on first use; refuse a store made with a different value (e.g.
        signatures from another MinHash shape cannot be compared with new ones)."""
        row = self.db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        if row is None:
            with self._tx():
                self.db.execute("INSERT OR IGNORE INTO meta VALUES (?, ?)", (key, value))
        elif row[0] != value:
            raise InputError(self.path, f"this store was built with {key} {row[0]!r}, not {value!r}; "
                                        "index into a new file (or use the settings it was built with)")

    # -- writes (each one transaction) ---------------------------------------------------------
    def add_batch(
        self,
        items: list[tuple[str, str, Article, np.ndarray, list[int]]],
        rejects: list[tuple[str, str, str]],
        *,
        bands: bool = True,
        stamps: Iterable[str] = (),
    ) -> list[str]:
        """Store (path, record, article, signature, band keys) items and rejects; return the ids of the
        articles this batch added (the first record of an id is the one kept). ``bands=False`` leaves the
        band keys to a later :meth:`add_bands` (after :meth:`defer_bands`). A record of a changed input
        file that holds an article the file held before (same id) rewrites its metadata: see ``_refresh``.
        Inputs and rejects are kept under the file's resolved path (``input_key``). ``stamps``: the input files
        every record of which is stored once this batch is: the stamps :meth:`seen_inputs` took of them are
        kept in the same transaction (a run stopped later reads them again only if they change)."""
        new: list[str] = []
        with self._tx():
            self._write_stamps({k: self._stamps.pop(k) for k in map(input_key, stamps) if k in self._stamps})
            seq = first = self.db.execute("SELECT COALESCE(MAX(seq), 0) FROM articles").fetchone()[0]
            for path, record, article, signature, keys in items:
                exists = self.db.execute("SELECT 1 FROM articles WHERE id=?", (article.id,)).fetchone()
                if exists:
                    self._refresh(article)
                else:
                    seq += 1
                    new.append(article.id)
                    self.db.execute(_INSERT_ARTICLE, (*_article_row(article), seq))
                    self.db.execute("INSERT OR IGNORE INTO signatures (article_id, minhash) VALUES (?, ?)",
                                    (article.id, signature.astype(np.uint32).tobytes()))
                    if bands:
                        self.db.executemany("INSERT OR IGNORE INTO bands VALUES (?, ?, ?)",
                                            [(band, key, article.id) for band, key in enumerate(keys)])
                self.db.execute("INSERT OR REPLACE INTO inputs VALUES (?, ?, ?, 'ok')",
                                (input_key(path), record, article.id))
            for path, record, reason in rejects:
                key = input_key(path)
                self.db.execute("INSERT OR REPLACE INTO rejects VALUES (?, ?, ?)", (key, record, reason))
                self.db.execute("INSERT OR REPLACE INTO inputs VALUES (?, ?, NULL, 'rejected')", (key, record))
            if bands and seq > first:  # keys stored with the articles: the mark moves on if it was at the end
                self.db.execute("UPDATE meta SET value=? WHERE key='bands_seq' AND CAST(value AS INTEGER)=?",
                                (str(seq), first))
        return new

    def _refresh(self, article: Article) -> None:
        """Rewrite the metadata of a stored article that a changed input file held and holds again (the id,
        from its URL and text, is the same: a corrected date, title or site), inside the caller's
        transaction. Where a field relate reads changed (``RELATE_FIELDS``), its relations are deleted and it
        is marked for linking again. Only the first such record of a run counts (the first record of an id
        is the one kept); an article no changed file held keeps its row (a later duplicate may lack a date)."""
        if article.id in self._refreshed or self.db.execute(
                "SELECT 1 FROM input_orphans WHERE article_id=?", (article.id,)).fetchone() is None:
            return
        self._refreshed.add(article.id)
        cols = ", ".join(_META_FIELDS)
        old = self.db.execute(f"SELECT {cols} FROM articles WHERE id=?", (article.id,)).fetchone()  # noqa: S608
        row = dict(zip(_ARTICLE_COLS, _article_row(article), strict=True))
        new = tuple(row[f] for f in _META_FIELDS)
        if tuple(old) == new:
            return
        self.db.execute(f"UPDATE articles SET {', '.join(f + '=?' for f in _META_FIELDS)} WHERE id=?",  # noqa: S608
                        (*new, article.id))
        changed = {f for f, o, n in zip(_META_FIELDS, old, new, strict=True) if o != n}
        if changed & RELATE_FIELDS:
            # its partners are linked again too: a pair found from the partner's side (the article in the
            # partner's nearest vectors, not the other way round) would otherwise be deleted and never compared
            # again (final review of session 17, F3.3); their other pairs are done and not redone
            self.db.execute("UPDATE articles SET linked=0 WHERE id IN (SELECT b FROM relations WHERE a=? "
                            "UNION SELECT a FROM relations WHERE b=?)", (article.id, article.id))
            self.db.execute("DELETE FROM relations WHERE a=? OR b=?", (article.id, article.id))
            self.db.execute("UPDATE articles SET linked=0 WHERE id=?", (article.id,))
        if "title" in changed:  # a title row is embedded with the sentences: made again by the link pass
            self.db.execute("UPDATE signatures SET vector=NULL WHERE article_id=?", (article.id,))
            self.db.execute("DELETE FROM sentence_vectors WHERE article_id=?", (article.id,))

    # LSH band keys written in large, sorted transactions. Each commit writes every page it changed to the
    # WAL; an article's 32 keys land on 32 random pages of the bands table, so a 64-article batch rewrote
    # ~2,000 of its pages, and at 100k articles the ingest store stage was 80% band keys (issue #15). The
    # meta key "bands_seq" is the last article (by seq) whose band keys are all stored: the keys of any
    # article after it (a run killed between two writes of keys) are made again from its signature.
    def defer_bands(self) -> None:
        """Mark every article stored so far as having its band keys, before articles are added with
        ``add_batch(..., bands=False)`` (a store without the mark has every article's keys)."""
        if self.db.execute("SELECT 1 FROM meta WHERE key='bands_seq'").fetchone() is None:
            with self._tx():
                self.db.execute("INSERT OR IGNORE INTO meta SELECT 'bands_seq', COALESCE(MAX(seq), 0) FROM articles")

    def add_bands(self, keys: Iterable[tuple[str, Sequence[int]]], *, last: bool = False) -> None:
        """Store the band keys of articles added with ``bands=False``: ``keys`` must hold those of every
        article stored since the last call (they are marked done through the last article stored; ``last``:
        the run's final keys, after which the mark is removed, as in a store that never deferred any)."""
        ids, matrix = [], []
        for aid, ks in keys:
            ids.append(aid)
            matrix.append(ks)
        rows: Iterable[tuple[int, int, str]] = ()
        if ids:
            # inserted in the table's order (band, key, id): each page is written once per call
            grid = np.asarray(matrix, dtype=np.int64).reshape(len(ids), -1)
            band = np.broadcast_to(np.arange(grid.shape[1]), grid.shape).ravel()
            owner = np.repeat(np.arange(len(ids)), grid.shape[1])
            key = grid.ravel()
            order = np.lexsort((key, band))
            rows = zip(band[order].tolist(), key[order].tolist(), [ids[i] for i in owner[order].tolist()], strict=True)
        with self._tx():
            self.db.executemany("INSERT OR IGNORE INTO bands VALUES (?, ?, ?)", rows)
            if last:
                self.db.execute("DELETE FROM meta WHERE key='bands_seq'")
            else:
                self.db.execute("UPDATE meta SET value=(SELECT COALESCE(MAX(seq), 0) FROM articles) "
                                "WHERE key='bands_seq'")

    def without_bands(self) -> list[tuple[str, np.ndarray]]:
        """(id, signature) of the articles stored after the last band keys written (see :meth:`add_bands`);
        empty where every article has its keys."""
        row = self.db.execute("SELECT value FROM meta WHERE key='bands_seq'").fetchone()
        if row is None:
            return []
        return [(aid, np.frombuffer(sig, dtype=np.uint32)) for aid, sig in self.db.execute(
            "SELECT a.id, s.minhash FROM articles a JOIN signatures s ON s.article_id=a.id WHERE a.seq>? "
            "ORDER BY a.seq", (int(row[0]),))]

    def set_vectors(self, vectors: dict[str, np.ndarray]) -> None:
        with self._tx():
            self.db.executemany("UPDATE signatures SET vector=? WHERE article_id=?",
                                [(v.astype(np.float32).tobytes(), k) for k, v in vectors.items()])

    def clear_vectors(self, ids: Iterable[str]) -> None:
        """Remove the document vectors of ``ids`` (to be made again)."""
        with self._tx():
            self.db.executemany("UPDATE signatures SET vector=NULL WHERE article_id=?", [(k,) for k in ids])

    def meta(self, key: str) -> str | None:
        """The meta value of ``key`` (None where the store has none)."""
        row = self.db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        with self._tx():
            self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def meta_prefixed(self, prefix: str) -> dict[str, str]:
        """Every meta key starting with ``prefix`` (a range of keys, no LIKE pattern), with its value."""
        return {str(k): str(v) for k, v in self.db.execute(
            "SELECT key, value FROM meta WHERE key >= ? AND key < ? ORDER BY key", (prefix, prefix + "\U0010ffff"))}

    def link(self, article_id: str, relations: list[StoredRelation]) -> None:
        """Store an article's relations and mark it linked, in one transaction."""
        self.link_many([(article_id, relations)])

    def link_many(self, linked: list[tuple[str, list[StoredRelation]]], meta: dict[str, str] | None = None) -> None:
        """Store the relations of several articles and mark them linked, in one transaction (each commit
        rewrites the pages it touched: one per article cost ~0.06 ms an article, issue #15); ``meta``: keys
        that count what these relations add (an index's own null, ``calibrate``), written in the same one."""
        with self._tx():
            self.db.executemany(_INSERT_RELATION, [r.row() for _, relations in linked for r in relations])
            self.db.executemany("UPDATE articles SET linked=1 WHERE id=?", [(aid,) for aid, _ in linked])
            if meta:
                self.db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", sorted(meta.items()))

    def import_relations(self, relations: list[StoredRelation], *, link_all: bool = False) -> None:
        """Store relations in one transaction; ``link_all`` also marks every article linked (an imported
        engine run, such as Spark's, compared all candidate pairs of the articles it holds)."""
        with self._tx():
            self.db.executemany(_INSERT_RELATION, [r.row() for r in relations])
            if link_all:
                self.db.execute("UPDATE articles SET linked=1")

    # -- reads ---------------------------------------------------------------------------------
    def seen_inputs(self, path: str) -> set[str]:
        """The records of the input file ``path`` that a run skips: those already stored or rejected, as long
        as the file is as it was read. A file whose bytes changed since is read again whole: its records and
        rejects are forgotten (the articles they held are dropped by :meth:`drop_orphans` after the run's
        ingest unless an input still holds them). A JSON Lines file that only grew (lines added at its end)
        keeps the records of the lines it held whole, and is read on after them (:meth:`read_from`). A file a
        store of schema 4 read (no stamp) has its rejected records read again. A path that is no readable file:
        as stored. Kept under the file's resolved path (``input_key``): another folder's file of the same typed
        path is another input. Call it before the file's bytes are read: the stamp is of the file as it was
        then, so one written while it is read is read again next run; it is kept by :meth:`keep_stamps`."""
        typed, path = path, input_key(path)
        if typed != path:
            self._adopt(typed, path)
        self._resume.pop(path, None)
        self._unchanged.discard(path)
        known = self._stamp(path)
        now = stamp_file(typed, known)
        if now is not None and now != known:
            forget: tuple[str, tuple[object, ...]] | None = ("", ())  # changed: every record read again
            if known is None:  # never read, or read before stamps were kept: only its rejects are read again
                forget = (" AND status='rejected'", ())
            elif known.sha256 == now.sha256:  # touched, the same bytes
                forget = None
            elif (at := self._appended(typed, path, known)) is not None:
                self._resume[path] = at  # the lines after those it held whole, and what it held of the file
                forget = (" AND (record NOT LIKE 'line %' OR CAST(substr(record, 6) AS INTEGER) > ?)", (at[1],))
            if forget is not None and self.db.execute(
                    f"SELECT 1 FROM inputs WHERE path=?{forget[0]} LIMIT 1", (path, *forget[1])).fetchone():  # noqa: S608
                which, args = forget
                with self._tx():
                    self.db.execute("INSERT OR IGNORE INTO input_orphans SELECT DISTINCT article_id FROM inputs "  # noqa: S608
                                    f"WHERE path=?{which} AND article_id IS NOT NULL", (path, *args))
                    self.db.execute(f"DELETE FROM inputs WHERE path=?{which}", (path, *args))  # noqa: S608
                    self.db.execute("DELETE FROM rejects WHERE path=? AND record NOT IN "
                                    "(SELECT record FROM inputs WHERE path=?)", (path, path))
            self._stamps[path] = now
        seen = {r[0] for r in self.db.execute("SELECT record FROM inputs WHERE path=?", (path,))}
        if seen and now is not None and known is not None and now.sha256 == known.sha256:
            self._unchanged.add(path)
        return seen

    def unchanged(self, path: str) -> bool:
        """Whether the input file ``path`` is, as :meth:`seen_inputs` found it, as it was read (the same bytes as its
        kept stamp) with its records stored: every record of it is one a run skips, so its bytes need not be
        read (a stamp is kept only once every record read of its file is stored; a file no record of which is
        stored, such as one that could not be read, is read again)."""
        return input_key(path) in self._unchanged

    def _appended(self, typed: str, path: str, known: FileStamp) -> tuple[int, int] | None:
        """Where to read on in the input file (``inputs.appended``) if it is a JSON Lines file that only grew
        since it was stamped ``known`` and its stored records are of lines (none of the whole file, such as
        "empty file"); else None."""
        at = appended(typed, known) if known.ctime_ns else None  # no ctime: a stamp older code kept, maybe
        if at is None or not at[1] or self.db.execute(  # with the next batch, before all it stamps was stored
                "SELECT 1 FROM inputs WHERE path=? AND record NOT LIKE 'line %' LIMIT 1", (path,)).fetchone():
            return None
        return at

    def upgrade_text(self, recipe: str, changes: str) -> int:
        """Record ``recipe``, the ingest's text recipe (``ingest.TEXT_RECIPE``), as this store's; in a store of
        articles made under another recipe (or before stores recorded one), mark the input files of the articles
        whose text, title or byline matches the GLOB ``changes`` (what the new recipe makes otherwise) as changed,
        in the same transaction: the run reads them again whole, their articles get the text and id the recipe
        gives, and the old ones that no input holds any more are dropped (``drop_orphans``). Returns how many
        input files were marked. A file read before stores kept stamps is not marked: index into a new file.
        SQLite's GLOB ends a pattern and a text at a NUL: a NUL in ``changes`` is looked for with ``instr``."""
        if self.meta("text_recipe") == recipe:
            return 0
        nul = "\x00" in changes
        found = " OR ".join(f"a.{col} GLOB :changes" + (f" OR instr(a.{col}, char(0)) > 0" if nul else "")
                            for col in ("text", "title", "byline"))
        with self._tx():
            marked = self.db.execute(  # built from the fixed column names above
                "UPDATE input_files SET mtime_ns=-1, sha256='text recipe ' || :recipe WHERE path IN (SELECT i.path "  # noqa: S608
                f"FROM inputs i JOIN articles a ON a.id=i.article_id WHERE {found})",
                {"recipe": recipe, "changes": changes.replace("\x00", "")}).rowcount
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('text_recipe', ?)", (recipe,))
        return int(marked)

    def read_from(self, path: str) -> tuple[int, int] | None:
        """Where a reader reads on in the input file ``path`` (offset, lines before it) that only grew since it
        was read, as :meth:`seen_inputs` found it; None: from the start."""
        return self._resume.get(input_key(path))

    def keep_stamps(self, stamps: dict[str, FileStamp] | None = None) -> None:
        """Keep the stamps :meth:`seen_inputs` took that :meth:`add_batch` has not kept yet (each is kept with the
        batch that stores the last of its file's records), once every record read is stored (one transaction).
        Kept earlier, a stamp would say a file was read through its end although a run killed meanwhile stored
        only part of it, and an append would be read on after lines never stored; a run that stops part-way keeps
        the stamps of the files it stored whole, and reads the others again as changed. ``stamps``: those of
        files another engine read (an imported Spark run), by path, kept with them."""
        self._stamps.update({input_key(p): s for p, s in (stamps or {}).items()})
        if self._stamps:
            with self._tx():
                self._write_stamps(self._stamps)
            self._stamps.clear()

    def gone_inputs(self, folder: str, found: set[str], unlisted: Iterable[str] = ()) -> list[str]:
        """The input files under ``folder`` that a walk of it did not find (``found``: their resolved paths)
        and that are no file any more (deleted, renamed, moved), by resolved path; none under a folder the walk
        could not list (``unlisted``)."""
        root = input_key(folder).rstrip(os.sep) + os.sep
        skip = tuple(input_key(u).rstrip(os.sep) + os.sep for u in unlisted)
        held: set[str] = set()
        for table in ("inputs", "rejects", "input_files"):
            held.update(r[0] for r in self.db.execute(f"SELECT DISTINCT path FROM {table} WHERE path >= ? "  # noqa: S608
                                                      "AND path < ?", (root, root + "\U0010ffff")))
        return sorted(p for p in held - found if p.startswith(root) and not p.startswith(skip) and _gone(p))

    def prune_inputs(self, paths: Iterable[str]) -> None:
        """Forget the input files ``paths`` (gone: :meth:`gone_inputs`): their records, rejects and stamps, in one
        transaction; the articles they held are dropped by :meth:`drop_orphans` unless another input holds them."""
        with self._tx():
            for path in paths:
                self.db.execute("INSERT OR IGNORE INTO input_orphans SELECT DISTINCT article_id FROM inputs "
                                "WHERE path=? AND article_id IS NOT NULL", (path,))
                for table in ("inputs", "rejects", "input_files", "input_stat"):
                    self.db.execute(f"DELETE FROM {table} WHERE path=?", (path,))  # noqa: S608

    def _adopt(self, typed: str, key: str) -> None:
        """Move a file's inputs and rejects that a store written before inputs were keyed by the resolved path
        (schema 4, or the first schema 5) keeps under the path as typed to ``key``, the first time the file is
        seen: otherwise the file is read again whole, and an article a later edit takes out of it stays held by
        the old row for good (final review of session 17, F3.1). Its old stamp is dropped, not moved: the typed
        path may have named another working folder's file, which is then treated as read before stamps were
        kept (only its rejects are read again), never as an edit that drops what it held."""
        if self.db.execute("SELECT 1 FROM inputs WHERE path=? LIMIT 1", (key,)).fetchone() or not self.db.execute(
                "SELECT 1 FROM inputs WHERE path=? LIMIT 1", (typed,)).fetchone():
            return
        with self._tx():
            self.db.execute("UPDATE OR IGNORE inputs SET path=? WHERE path=?", (key, typed))
            self.db.execute("UPDATE OR IGNORE rejects SET path=? WHERE path=?", (key, typed))
            for table in ("inputs", "rejects", "input_files", "input_stat"):
                self.db.execute(f"DELETE FROM {table} WHERE path=?", (typed,))  # noqa: S608

    def _write_stamps(self, stamps: dict[str, FileStamp]) -> None:
        """Keep input files' stamps (inside the caller's transaction)."""
        self.db.executemany("INSERT OR REPLACE INTO input_files VALUES (?, ?, ?, ?)",
                            [(p, s.size, s.mtime_ns, s.sha256) for p, s in stamps.items()])
        self.db.executemany("INSERT INTO input_stat (path, ctime_ns, ino, sha256) VALUES (?, ?, ?, ?) ON CONFLICT"
                            "(path) DO UPDATE SET ctime_ns=excluded.ctime_ns, ino=excluded.ino, sha256=excluded.sha256",
                            [(p, s.ctime_ns, s.ino, s.sha256) for p, s in stamps.items()])  # the rowid (order) kept

    def _stamp(self, path: str) -> FileStamp | None:
        row = self.db.execute("SELECT f.size, f.mtime_ns, f.sha256, s.ctime_ns, s.ino FROM input_files f LEFT JOIN "
                              "input_stat s ON s.path=f.path AND s.sha256=f.sha256 WHERE f.path=?", (path,)).fetchone()
        return FileStamp(int(row[0]), int(row[1]), str(row[2]), int(row[3] or 0), int(row[4] or 0)) if row else None

    def drop_orphans(self, band_keys: Callable[[np.ndarray], Sequence[int]]) -> set[str]:
        """Drop the articles of changed input files that no input holds any more (with their signature, band
        keys, made by ``band_keys`` from it, vectors, sentence data and relations); one whose first path
        changed and that another input still holds takes the path of the first input, in input order (files by
        when they were first stamped, then records by number), that holds it. Returns the dropped ids."""
        candidates = [r[0] for r in self.db.execute("SELECT article_id FROM input_orphans")]
        if not candidates:
            return set()
        with self._tx():
            held: dict[str, tuple[str, str]] = {}
            rows = self.db.execute(
                "SELECT i.article_id, i.path, i.record, s.rowid FROM inputs i LEFT JOIN input_stat s ON s.path=i.path "
                "WHERE i.article_id IN (SELECT article_id FROM input_orphans)").fetchall()
            rows.sort(key=lambda r: (r[3] is None, r[3] or 0, _record_order(r[2]), r[1]))  # in input order
            for aid, path, record, _ in rows:
                held.setdefault(aid, (path, record))
            gone = [aid for aid in candidates if aid not in held]
            for aid in candidates:
                if aid in held:
                    path, record = held[aid]
                    holders = set(self.db.execute("SELECT path, record FROM inputs WHERE article_id=?", (aid,)))
                    row = self.db.execute("SELECT path FROM articles WHERE id=?", (aid,)).fetchone()
                    if row is None or _input_ref(row[0]) not in holders:  # its path holds it no more
                        self.db.execute("UPDATE articles SET path=? WHERE id=?",
                                        (f"{path}:{record}" if record else path, aid))
            for aid in gone:
                row = self.db.execute("SELECT minhash FROM signatures WHERE article_id=?", (aid,)).fetchone()
                if row is not None:
                    keys = band_keys(np.frombuffer(row[0], dtype=np.uint32))
                    self.db.executemany("DELETE FROM bands WHERE band=? AND key=? AND article_id=?",
                                        [(band, key, aid) for band, key in enumerate(keys)])
            self.db.execute("DELETE FROM input_orphans WHERE article_id IN "
                            "(SELECT article_id FROM inputs WHERE article_id IS NOT NULL)")
            for table, column in (("articles", "id"), ("signatures", "article_id"), ("segments", "article_id"),
                                  ("docs", "article_id"), ("sentence_vectors", "article_id")):
                self.db.execute(f"DELETE FROM {table} WHERE {column} IN "  # noqa: S608 - fixed names
                                "(SELECT article_id FROM input_orphans)")
            self.db.execute("DELETE FROM relations WHERE a IN (SELECT article_id FROM input_orphans) "
                            "OR b IN (SELECT article_id FROM input_orphans)")
            self.db.execute("DELETE FROM input_orphans")
        return set(gone)

    def set_spans(self, spans: dict[str, bytes], boundaries: str) -> None:
        """Keep the sentence spans of articles (packed by ``segment.pack_spans``), found by the segmenter
        named ``boundaries``, so the link pass does not split their sentences again."""
        if spans:
            with self._tx():
                self.db.executemany("INSERT OR REPLACE INTO segments VALUES (?, ?, ?)",
                                    [(aid, boundaries, data) for aid, data in spans.items()])

    def spans(self, article_id: str, boundaries: str) -> bytes | None:
        """The stored sentence spans of an article if ``boundaries`` made them (else None: split again).
        A store written before spans were kept (no table, read-only) has none."""
        return self._blob("SELECT spans FROM segments WHERE article_id=? AND boundaries=?", (article_id, boundaries))

    def set_docs(self, docs: dict[str, bytes], key: str) -> None:
        """Keep whole segmented articles (packed by ``segment.pack_doc``), made by the segmenter whose
        ``doc_key`` is ``key``, so the link pass reads them instead of segmenting again."""
        if docs:
            with self._tx():
                self.db.executemany("INSERT OR REPLACE INTO docs VALUES (?, ?, ?)",
                                    [(aid, key, data) for aid, data in docs.items()])

    def doc(self, article_id: str, key: str) -> bytes | None:
        """The stored segmented article if the segmenter ``key`` made it (else None: segment again). A store
        written before Docs were kept (no table, read-only) has none."""
        return self._blob("SELECT doc FROM docs WHERE article_id=? AND key=?", (article_id, key))

    def set_sentence_vectors(self, vectors: dict[str, bytes], key: str) -> None:
        """Keep the sentence vectors of articles (packed by ``embed.pack_vectors``) under ``key``, which
        names the model, its version and the sentence boundaries (``Comparer.vector_key``), so no
        comparison embeds those sentences again. A store written before they were kept gains the table
        when opened for writing; until then its articles are embedded when compared, as before."""
        if vectors:
            with self._tx():
                self.db.executemany("INSERT OR REPLACE INTO sentence_vectors VALUES (?, ?, ?)",
                                    [(aid, key, data) for aid, data in vectors.items()])

    def sentence_vectors(self, article_id: str, key: str) -> bytes | None:
        """An article's stored sentence vectors under ``key`` (else None: embed them)."""
        return self._blob("SELECT vectors FROM sentence_vectors WHERE article_id=? AND key=?", (article_id, key))

    def has_sentence_vectors(self, article_id: str, key: str) -> bool:
        """Whether an article's sentence vectors under ``key`` are stored (without reading them)."""
        try:
            return self.db.execute("SELECT 1 FROM sentence_vectors WHERE article_id=? AND key=?",
                                   (article_id, key)).fetchone() is not None
        except sqlite3.OperationalError:  # a read-only store written before the table existed
            return False

    def languages(self, ids: Iterable[str] | None = None) -> dict[str, str | None]:
        """The language of every article (or of ``ids``), by id, without loading texts."""
        rows = self.db.execute("SELECT id, language FROM articles").fetchall()
        if ids is None:
            return {r[0]: r[1] for r in rows}
        want = set(ids)
        return {r[0]: r[1] for r in rows if r[0] in want}

    def stored_ids(self, ids: Sequence[str]) -> set[str]:
        """Which of ``ids`` are stored articles."""
        if not ids:
            return set()
        return {r[0] for r in self.db.execute(
            f"SELECT id FROM articles WHERE id IN ({', '.join('?' * len(ids))})", list(ids))}  # noqa: S608

    def has_vectors(self) -> bool:
        """Whether any article has a document vector."""
        return self.db.execute("SELECT 1 FROM signatures WHERE vector IS NOT NULL LIMIT 1").fetchone() is not None

    def vector_ids(self) -> set[str]:
        """The articles that have a document vector."""
        return {r[0] for r in self.db.execute("SELECT article_id FROM signatures WHERE vector IS NOT NULL")}

    def _blob(self, query: str, args: tuple[str, str]) -> bytes | None:
        """The one blob ``query`` selects, or None: no such row, or no such table (a read-only store
        written before the table existed)."""
        try:
            row = self.db.execute(query, args).fetchone()
        except sqlite3.OperationalError:
            return None
        return bytes(row[0]) if row else None

    def unlinked(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT id FROM articles WHERE linked=0 ORDER BY seq")]

    def article(self, article_id: str) -> Article | None:
        row = self.db.execute(_SELECT_ARTICLE, (article_id,)).fetchone()
        return _row_article(row) if row else None

    def find(self, ref: str) -> list[str]:
        """Article ids matching an id, an id prefix (8+ characters), a url or a path: the article's own, or
        any input file (or "FILE:line N" / "FILE:offset N" record) that held it, so an article indexed again
        from a second path is found by that path too.

        The prefix is a range of ids, not a LIKE pattern: "_" and "%" in ``ref`` are characters, never
        wildcards (``trace ________`` once listed every article)."""
        rows = self.db.execute("SELECT id FROM articles WHERE id=? OR url=? OR path=?", (ref, ref, ref)).fetchall()
        rows += self._by_input(ref)
        if len(ref) >= 8:
            rows += self.db.execute("SELECT id FROM articles WHERE id >= ? AND id < ?",
                                    (ref, ref + "\U0010ffff")).fetchall()
        return list(dict.fromkeys(r[0] for r in rows))

    def _by_input(self, ref: str) -> list[tuple[str]]:
        """The articles the input file ``ref`` (or its record "FILE:line N") held, in input order."""
        found: list[tuple[str]] = []
        record = _RECORD_REF.fullmatch(ref)
        for path in _ref_keys(ref):
            rows = self.db.execute("SELECT record, article_id FROM inputs WHERE path=? AND article_id IS NOT NULL",
                                   (path,)).fetchall()
            found += [(aid,) for _, aid in sorted(rows, key=lambda r: _record_order(r[0]))]
        if record:
            for path in _ref_keys(record[1]):
                found += self.db.execute("SELECT article_id FROM inputs WHERE path=? AND record=? AND article_id "
                                         "IS NOT NULL", (path, record[2])).fetchall()
        return found

    def rejected(self, ref: str) -> list[tuple[str, str]]:
        """(record, reason) of each record of the input file ``ref`` (or of its one record "FILE:line N") that an
        index skipped, in input order: why a path that was read holds no article. [] for a path never read."""
        record = _RECORD_REF.fullmatch(ref)
        found: list[tuple[str, str]] = []
        for path in _ref_keys(ref):
            found += self.db.execute("SELECT record, reason FROM rejects WHERE path=?", (path,)).fetchall()
        if record:
            for path in _ref_keys(record[1]):
                found += self.db.execute("SELECT record, reason FROM rejects WHERE path=? AND record=?",
                                         (path, record[2])).fetchall()
        return sorted(dict.fromkeys((str(r), str(why)) for r, why in found), key=lambda r: _record_order(r[0]))

    def articles(self) -> Iterator[Article]:
        for row in self.db.execute(_SELECT_ARTICLES):
            yield _row_article(row)

    def dates(self) -> dict[str, str | None]:
        """Publication date of every article, by id (without loading texts)."""
        return {r[0]: r[1] for r in self.db.execute("SELECT id, date FROM articles")}

    def signature(self, article_id: str) -> np.ndarray:
        row = self.db.execute("SELECT minhash FROM signatures WHERE article_id=?", (article_id,)).fetchone()
        return np.frombuffer(row[0], dtype=np.uint32)

    def vector_groups(self) -> list[tuple[list[str], np.ndarray]]:
        """The stored document vectors grouped by dimension: vectors of different models (a routed
        embedder's two) are never compared with each other."""
        groups: dict[int, tuple[list[str], list[np.ndarray]]] = {}
        for aid, blob in self.db.execute("SELECT article_id, vector FROM signatures WHERE vector IS NOT NULL"):
            v = np.frombuffer(blob, dtype=np.float32)
            ids, vs = groups.setdefault(len(v), ([], []))
            ids.append(aid)
            vs.append(v)
        return [(ids, np.vstack(vs)) for _dim, (ids, vs) in sorted(groups.items())]

    def band_mates(self, article_id: str, keys: Sequence[int], max_bucket: int = 0) -> set[str]:
        """Articles sharing an LSH bucket with ``article_id``, whose band keys are ``keys`` (one per band,
        as ingest stored them: looked up by (band, key), the table's own key, so no index by article has
        to be kept up at every insert); buckets holding more than ``max_bucket`` articles (boilerplate,
        templates) are skipped when ``max_bucket`` > 0."""
        if not keys:
            return set()
        values = ", ".join(["(?, ?)"] * len(keys))
        rows = self.db.execute(
            f"WITH k(band, key) AS (VALUES {values}) SELECT o.band, o.key, o.article_id FROM k "  # noqa: S608
            "JOIN bands o ON o.band=k.band AND o.key=k.key WHERE o.article_id<>?",
            [*(v for band, key in enumerate(keys) for v in (band, key)), article_id]).fetchall()
        if max_bucket <= 0:
            return {r[2] for r in rows}
        sizes: dict[tuple[int, int], int] = {}
        for band, key, _ in rows:
            sizes[band, key] = sizes.get((band, key), 1) + 1
        return {other for band, key, other in rows if sizes[band, key] <= max_bucket}

    def relation_pairs(self) -> set[tuple[str, str]]:
        """The (a, b) of every stored relation (without reading their features and evidence)."""
        return {(r[0], r[1]) for r in self.db.execute("SELECT a, b FROM relations")}

    def relations(self) -> list[StoredRelation]:
        return [StoredRelation(r[0], r[1], r[2], r[3], r[4], r[5], r[6], tuple(json.loads(r[7])), r[8],
                               json.loads(r[9]), json.loads(r[10]))
                for r in self.db.execute("SELECT a, b, kind, a_in_b, b_in_a, source, source_probability, evidence, "
                                         "via, features, deciders FROM relations ORDER BY a, b")]

    def rejects(self) -> list[tuple[str, str, str]]:
        return [tuple(r) for r in self.db.execute("SELECT path, record, reason FROM rejects ORDER BY path, record")]

    def counts(self) -> dict[str, int]:
        return {t: self.db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]  # noqa: S608 - fixed names
                for t in ("articles", "relations", "rejects", "inputs")}

    def _tx(self) -> _Transaction:
        if self.readonly:  # every write goes through here: say so, not SQLite's "attempt to write a readonly database"
            raise InputError(self.path, "the store was opened read-only; open it with "
                                        "wiretrace.open_store(path, readonly=False) to write")
        return _Transaction(self.db)


class _Transaction:
    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: object, *_: object) -> None:
        self.db.execute("ROLLBACK" if exc_type else "COMMIT")


def skipped_reason(rejected: Sequence[tuple[str, str]]) -> str | None:
    """What to say of a reference whose path was read and skipped (``SQLiteStore.rejected``): "skipped when
    indexed: empty file", the first of several records with its count; None where nothing was skipped."""
    if not rejected:
        return None
    record, reason = rejected[0]
    first = f"{record}: {reason}" if record else reason
    more = f" (and {len(rejected) - 1} more of its records)" if len(rejected) > 1 else ""
    return f"no article from it in the store: skipped when indexed: {first}{more}"


def _gone(path: str) -> bool:
    """Whether the input file ``path`` is no file any more: not there (or a folder now); one that cannot be
    looked at (a folder the user may list but not enter) is not gone."""
    try:
        return not stat.S_ISREG(Path(path).stat().st_mode)
    except (FileNotFoundError, NotADirectoryError):
        return True
    except OSError:
        return False


def _input_ref(path: str | None) -> tuple[str, str]:
    """An article's path ("FILE" or "FILE:line N") as the (path, record) key of the inputs table."""
    if path is None:
        return ("", "")
    m = _RECORD_REF.fullmatch(path)
    return (input_key(m[1]), m[2]) if m else (input_key(path), "")


def _article_row(a: Article) -> tuple[object, ...]:
    return (a.id, a.url, a.site, a.title, a.byline, a.date, a.dateline, a.credit, a.language, a.text,
            _boilerplate_json(a), json.dumps(list(a.signals)), a.path)


def _boilerplate_json(a: Article) -> str:
    """The boilerplate column: [rule, text] pairs (plain strings in stores written before rules were kept)."""
    if len(a.boilerplate_rules) == len(a.boilerplate):
        return json.dumps([[r, t] for r, t in zip(a.boilerplate_rules, a.boilerplate, strict=True)],
                          ensure_ascii=False)
    return json.dumps(list(a.boilerplate), ensure_ascii=False)


def _boilerplate_fields(raw: str) -> dict[str, tuple[str, ...]]:
    items = json.loads(raw)
    if items and all(isinstance(i, list) and len(i) == 2 for i in items):
        return {"boilerplate": tuple(str(i[1]) for i in items), "boilerplate_rules": tuple(str(i[0]) for i in items)}
    return {"boilerplate": tuple(str(i) for i in items)}


def _row_article(row: Iterable[object]) -> Article:
    r = list(row)
    return Article(id=str(r[0]), url=_s(r[1]), site=_s(r[2]), title=_s(r[3]), byline=_s(r[4]), date=_s(r[5]),
                   dateline=_s(r[6]), credit=_s(r[7]), language=_s(r[8]), text=str(r[9]),
                   **_boilerplate_fields(str(r[10])), signals=tuple(json.loads(str(r[11]))), path=_s(r[12]))


def _s(v: object) -> str | None:
    return None if v is None else str(v)
