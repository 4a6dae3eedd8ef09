"""What the web UI and the JSON API show, as plain records: stories, trace, sites, search, pairs.

No web framework here. A ``Snapshot`` is the store read once (articles, relations, stories, the
site table) and reused until the store changes; the record functions give exactly the records the
CLI's ``--json`` prints (``tests/test_serve.py`` holds them equal).
"""

from __future__ import annotations

import dataclasses
import queue
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from wiretrace.compare import CompareConfig, Comparer
from wiretrace.embed import get_embedder
from wiretrace.errors import WiretraceError
from wiretrace.ingest.meta import crawl_dated
from wiretrace.limits import DEFAULT_COMPARE_WAIT_S, DEFAULT_MAX_COMPARE_CHARS
from wiretrace.records import Article, Comparison, Doc
from wiretrace.store import SQLiteStore, StoredRelation, readonly_uri
from wiretrace.store.sqlite import skipped_reason
from wiretrace.stories import Story, build_stories, site_table, trace_records

__all__ = ["SEARCH_FIELDS", "NotFoundError", "PairComparer", "Snapshot", "StoreView", "WriteError", "site_of"]

SearchField = Literal["all", "title", "text", "url", "site"]
SEARCH_FIELDS: tuple[SearchField, ...] = ("all", "title", "text", "url", "site")
# Fixed SQL for each search field (no user input ever reaches SQL text; the query is a parameter).
_SEARCH_SQL: dict[str, str] = {
    "title": "title LIKE :q ESCAPE '\\'",
    "text": "text LIKE :q ESCAPE '\\'",
    "url": "url LIKE :q ESCAPE '\\' OR path LIKE :q ESCAPE '\\'",
    "site": "site LIKE :q ESCAPE '\\' OR credit LIKE :q ESCAPE '\\'",
}
_SEARCH_SQL["all"] = " OR ".join(f"({w})" for w in _SEARCH_SQL.values())
_SNIPPET = 90


class NotFoundError(WiretraceError):
    """No story, article, site or pair by that name in the store."""

    exit_code = 2


class TooLargeError(WiretraceError):
    """An article sent to compare is longer than the server compares for anyone (HTTP 413)."""


class WriteError(WiretraceError):
    """A write endpoint could not write beside the store (HTTP 503: a read-only folder, a full disk)."""


class BusyError(WiretraceError):
    """The lane for articles sent to compare stayed busy past the wait (HTTP 503 with Retry-After)."""

    retry_after = 5


def site_of(a: Article) -> str:
    """The site an article is counted under in the site table (an agency's wire when there is no site)."""
    return a.site or (f"{a.credit} (wire)" if a.credit else "(unknown)")


@dataclass(slots=True, frozen=True)
class Snapshot:
    """The store read once: everything the read-only pages need, reused until the store changes."""

    version: int
    articles: dict[str, Article]
    relations: dict[tuple[str, str], StoredRelation]
    stories: list[Story]
    story_records: list[dict[str, Any]]
    sites: list[dict[str, Any]]
    story_of: dict[str, int]

    @classmethod
    def load(cls, store: SQLiteStore, version: int) -> Snapshot:
        articles = {a.id: a for a in store.articles()}
        relations = store.relations()
        stories = build_stories(articles, relations)
        return cls(version=version, articles=articles, relations={(r.a, r.b): r for r in relations},
                   stories=stories, story_records=[s.to_dict(articles) for s in stories],
                   sites=site_table(articles, stories),
                   story_of={m: s.id for s in stories for m in s.members})

    # -- the CLI's records -------------------------------------------------------------------
    def story(self, story_id: int) -> dict[str, Any]:
        """One element of ``wiretrace stories --json``."""
        if not 1 <= story_id <= len(self.story_records):
            have = f"stories 1 to {len(self.story_records)}" if self.story_records else "no stories yet"
            raise NotFoundError(f"no story {story_id}: this store has {have}")
        return self.story_records[story_id - 1]

    def trace(self, ids: list[str], ref: str, *, offset: int = 0, limit: int | None = None) -> list[dict[str, Any]]:
        """``wiretrace trace REF --json`` for the article ids ``ref`` matched (``SQLiteStore.find``): those
        from ``offset`` on, at most ``limit`` of them (a dump's path names every article it holds)."""
        if not ids:
            raise NotFoundError(f"no article with id, id prefix, url or path {ref!r} in the store")
        page = ids[offset:] if limit is None else ids[offset:offset + limit]
        return trace_records(page, self.articles, self.stories, self.story_records)

    # -- the web's own records -----------------------------------------------------------------
    def article(self, article_id: str) -> Article:
        a = self.articles.get(article_id)
        if a is None:
            raise NotFoundError(f"no article {article_id!r} in the store (ids are 16 hex characters; "
                                f"search by title, url or site at /search)")
        return a

    def site(self, name: str) -> dict[str, Any]:
        """A site's row of the site table and its articles, each with the source it was derived from."""
        row = next((r for r in self.sites if r["site"] == name), None)
        if row is None:
            raise NotFoundError(f"no site {name!r} in the store (the list is at /sites)")
        parents = {c: e for s in self.stories for c, e in s.parent.items()}
        articles = []
        for aid, a in self.articles.items():
            if site_of(a) != name:
                continue
            e = parents.get(aid)
            source = None
            if e is not None:
                p = self.articles[e.parent]
                source = {"id": p.id, "title": p.title, "site": site_of(p), "relation": e.kind,
                          "coverage": round(e.child_in_parent, 4), "probability": round(e.probability, 4),
                          "direction": e.direction}
            copies = sum(1 for x in parents.values() if x.parent == aid)
            articles.append({"id": aid, "title": a.title, "date": a.date, **_crawled(a), "url": a.url, "path": a.path,
                             "story": self.story_of.get(aid), "source": source, "copies": copies})
        return {"site": row, "articles": articles}

    def stored_relation(self, a: str, b: str) -> dict[str, Any] | None:
        """The relation the index stored for a pair, with ``source`` named by article id."""
        r = self.relations.get((min(a, b), max(a, b)))
        if r is None:
            return None
        source = None if r.source is None else (r.a if r.source == "a" else r.b)
        return {"kind": r.kind, "source": source, "source_probability": round(r.source_probability, 4),
                "evidence": list(r.evidence), "via": r.via}

    def edges(self) -> Iterator[tuple[str, str]]:
        """Every (parent, child) link of every provenance tree."""
        for s in self.stories:
            for e in s.parent.values():
                yield e.parent, e.child


class StoreView:
    """Read access to one store file for many threads: a per-request ``SQLiteStore`` for queries and
    a cached ``Snapshot`` rebuilt when another connection (an index run, the upload endpoint) commits."""

    def __init__(self, db: str | Path) -> None:
        from wiretrace.errors import InputError

        self.path = str(db)
        if not Path(self.path).is_file():
            raise InputError(self.path, "no such store; run `wiretrace index PATH --db FILE` first")
        if Path(self.path).stat().st_size == 0:
            raise InputError(self.path, "an empty file, not a store yet; `wiretrace index PATH --db FILE` fills it, "
                                        "or serve it with --token to upload into it")
        # refuses a file that is not a wiretrace store, now rather than later; read-only, as every read here:
        # serving a store never writes it (a schema-4 store stays readable by the wiretrace that wrote it)
        SQLiteStore(self.path, readonly=True).close()
        # PRAGMA data_version changes on this connection whenever any other connection commits.
        self._watch, self.immutable = _watcher(self.path)
        self._lock = threading.Lock()
        self._snapshot: Snapshot | None = None

    def open(self) -> SQLiteStore:
        """The store, read-only (writes go through ``index``, which opens it for writing itself)."""
        return SQLiteStore(self.path, readonly=True)

    def snapshot(self) -> Snapshot:
        with self._lock:
            version = int(self._watch.execute("PRAGMA data_version").fetchone()[0])
            if self._snapshot is None or self._snapshot.version != version:
                store = self.open()
                try:
                    self._snapshot = Snapshot.load(store, version)
                finally:
                    store.close()
            return self._snapshot

    def find(self, ref: str) -> list[str]:
        store = self.open()
        try:
            return store.find(ref)
        finally:
            store.close()

    def not_found(self, ref: str) -> str:
        """Why ``ref`` names no article: a path the index read and skipped says why (``wiretrace trace`` does)."""
        store = self.open()
        try:
            skipped = skipped_reason(store.rejected(ref))
        finally:
            store.close()
        return f"{ref!r}: {skipped}" if skipped else f"no article with id, id prefix, url or path {ref!r} in the store"

    def search(self, q: str, field: SearchField = "all", limit: int = 50) -> list[dict[str, Any]]:
        """Articles whose ``field`` contains ``q`` (case-insensitive for ASCII), oldest first in the store,
        with a snippet of the text around the first match; an exact id, url or path comes first."""
        q = q.strip()
        if not q:
            return []
        pattern = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        store = self.open()
        try:
            exact = store.find(q)
            rows = store.db.execute(
                f"SELECT id FROM articles WHERE {_SEARCH_SQL[field]} ORDER BY seq LIMIT :n",  # noqa: S608 - fixed SQL
                {"q": pattern, "n": limit}).fetchall()
        finally:
            store.close()
        ids = list(dict.fromkeys([*exact, *(r[0] for r in rows)]))[:limit]
        snap = self.snapshot()
        out = []
        for aid in ids:
            a = snap.articles.get(aid)
            if a is None:  # indexed after the snapshot was read; the next request will see it
                continue
            out.append({"id": aid, "title": a.title, "site": site_of(a), "date": a.date, **_crawled(a), "url": a.url,
                        "path": a.path, "story": snap.story_of.get(aid), "snippet": _snippet(a.text, q)})
        return out

    def close(self) -> None:
        self._watch.close()


def _watcher(path: str) -> tuple[sqlite3.Connection, bool]:
    """A read-only connection to watch the store for commits, and whether it is immutable: in a folder where SQLite
    cannot create the WAL's shared-memory file (a read-only mount) it falls back as ``SQLiteStore`` does, and
    nobody can commit there (review of this session's surfaces, finding 2)."""
    con: sqlite3.Connection | None = None
    try:
        con = sqlite3.connect(readonly_uri(path), uri=True, check_same_thread=False)
        con.execute("PRAGMA data_version").fetchone()
        return con, False
    except sqlite3.OperationalError:
        if con is not None:
            con.close()
    return sqlite3.connect(readonly_uri(path, immutable=True), uri=True, check_same_thread=False), True


def _snippet(text: str, q: str) -> str:
    i = text.casefold().find(q.casefold())
    if i < 0:
        return text[: 2 * _SNIPPET] + ("…" if len(text) > 2 * _SNIPPET else "")
    start, end = max(0, i - _SNIPPET), min(len(text), i + len(q) + _SNIPPET)
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


class PairComparer:
    """Comparisons for the server, in two lanes that never wait on each other: pairs of stored articles
    (their segmented Docs kept in a bounded cache: articles never change under their id), and articles
    sent by a user (compare form, ``POST /api/compare``), which are capped in length and wait at most
    ``wait_s`` for the lane. The stored lane has ``stored_slots`` Comparers, so one slow pair does not
    hold the others; the sent lane has one. A Comparer's caches are not thread-safe, so each serves one
    comparison at a time. All share one embedder (one model in memory)."""

    def __init__(self, cfg: CompareConfig, *, doc_cache: int = 512, max_chars: int = DEFAULT_MAX_COMPARE_CHARS,
                 wait_s: float = DEFAULT_COMPARE_WAIT_S, stored_slots: int = 2) -> None:
        self.cfg = cfg
        self.lexical = dataclasses.replace(cfg, embedder=None)
        self.max_chars = max_chars
        self.wait_s = wait_s
        self._comparers: dict[tuple[str, bool], Comparer] = {}
        self._docs: OrderedDict[str, Doc] = OrderedDict()
        self._cap = doc_cache
        self._docs_lock = threading.Lock()
        self._slots: queue.SimpleQueue[int] = queue.SimpleQueue()
        for slot in range(max(1, stored_slots)):
            self._slots.put(slot)
        self._sent_lock = threading.Lock()
        self._make_lock = threading.Lock()

    def compare(self, a: Article, b: Article, *, lexical: bool = False) -> Comparison:
        """Two stored articles compared, by the first free Comparer of the stored lane."""
        slot = self._slots.get()
        try:
            comparer = self._comparer(f"stored-{slot}", lexical)
            return comparer.compare(self._doc(comparer, a), self._doc(comparer, b))
        finally:
            self._slots.put(slot)

    def compare_sent(self, a: Article, b: Article, *, lexical: bool = False) -> Comparison:
        """Two articles a user sent, compared in their own lane: TooLargeError when one is longer than
        ``max_chars``, BusyError when the lane is still busy after ``wait_s``."""
        for side, article in (("a", a), ("b", b)):
            if len(article.text) > self.max_chars:
                raise TooLargeError(f"article {side} has {len(article.text):,} characters of text; this server "
                                    f"compares at most {self.max_chars:,} per article (serve --max-compare-chars)")
        if not self._sent_lock.acquire(timeout=self.wait_s):
            raise BusyError(f"the compare lane has been busy for {self.wait_s:g} s; try again shortly")
        try:
            comparer = self._comparer("sent", lexical)
            return comparer.compare(comparer.doc(a), comparer.doc(b))
        finally:
            self._sent_lock.release()

    def _comparer(self, lane: str, lexical: bool) -> Comparer:
        lexical = lexical or self.cfg.embedder is None
        with self._make_lock:
            if (lane, lexical) not in self._comparers:
                if lexical:
                    self._comparers[(lane, lexical)] = Comparer(self.lexical)
                else:  # the model is loaded here, once, under the lock, and shared by every lane
                    shared = next((c for (_l, lex), c in self._comparers.items() if not lex), None)
                    embedder = shared.embedder if shared is not None else get_embedder(self.cfg.embedder)
                    self._comparers[(lane, lexical)] = Comparer(self.cfg, embedder=embedder)
            return self._comparers[(lane, lexical)]

    def _doc(self, comparer: Comparer, a: Article) -> Doc:
        with self._docs_lock:
            doc = self._docs.get(a.id)
        if doc is None or doc.article != a:
            doc = comparer.doc(a)  # outside the lock: two slots may segment one article, never wait for it
        with self._docs_lock:
            self._docs[a.id] = doc
            self._docs.move_to_end(a.id)
            while len(self._docs) > self._cap:
                self._docs.popitem(last=False)
        return doc


def _crawled(a: Article) -> dict[str, bool]:
    """``date_crawled: true`` where the article's date is a crawl time (as in ``Story.to_dict``'s nodes)."""
    return {"date_crawled": True} if crawl_dated(a) else {}
