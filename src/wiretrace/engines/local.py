"""The local engine: index a corpus into a store on this machine.

1. read records (folders, JSONL, WARC), skipping those the store has seen;
2. ingest + segment + MinHash in a process pool (CPU-bound), stored in batches, one transaction each;
3. embed new articles (document vector = mean of sentence vectors) in this process;
4. link every unlinked article: candidates from shared LSH bands and from nearest document vectors,
   within the publication-time window; compare each pair; store the relations and mark the article
   linked in one transaction.
A run killed anywhere resumes where it stopped: nothing is lost and nothing is stored twice.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace

import numpy as np

from wiretrace.compare import CompareConfig, Comparer
from wiretrace.errors import InputError
from wiretrace.fingerprint import MinHashConfig, MinHasher, band_keys, doc_tokens
from wiretrace.ingest import IngestConfig, article_from_bytes, article_from_record
from wiretrace.ingest.meta import parse_date, to_datetime
from wiretrace.ingest.sources import RawRecord, RawReject, iter_records
from wiretrace.records import Article, Doc
from wiretrace.segment import SegmentConfig, Segmenter
from wiretrace.store import SQLiteStore, StoredRelation

__all__ = ["IndexConfig", "IndexReport", "index"]

Item = tuple[str, str, Article, np.ndarray, list[int], Doc]


@dataclass(slots=True, frozen=True)
class IndexConfig:
    """How a corpus is indexed."""

    compare: CompareConfig = field(default_factory=CompareConfig)
    minhash: MinHashConfig = field(default_factory=MinHashConfig)
    #: Articles per stored batch (one transaction).
    batch_size: int = 64
    #: Worker processes for ingest and fingerprints (0: as many as cores).
    workers: int = 0
    #: Only pairs published at most this far apart are compared (when both dates are known).
    window_days: float = 30.0
    #: Segmented documents kept between the ingest and link passes (segmenting twice is the cost).
    doc_cache: int = 4096
    #: Nearest-neighbour candidates: cosine of document vectors, and how many per article.
    ann_min_similarity: float = 0.6
    ann_top_k: int = 20


@dataclass(slots=True)
class IndexReport:
    records: int = 0
    new_articles: int = 0
    rejects: list[tuple[str, str, str]] = field(default_factory=list)
    linked: int = 0
    pairs_compared: int = 0

    def to_dict(self) -> dict[str, object]:
        return {"records": self.records, "new_articles": self.new_articles, "linked": self.linked,
                "pairs_compared": self.pairs_compared,
                "rejects": [{"path": p, "record": r, "reason": why} for p, r, why in self.rejects]}


class _Worker:
    """What one pool process holds: the segmenter tables and the MinHash permutations."""

    def __init__(self, ingest: IngestConfig, segment: SegmentConfig, mh: MinHashConfig) -> None:
        self.ingest, self.mh = ingest, mh
        self.segmenter = Segmenter(segment)
        self.minhasher = MinHasher(mh)

    def __call__(self, raw: RawRecord) -> Item | RawReject:
        name = f"{raw.path}:{raw.record}" if raw.record else raw.path
        try:
            if raw.obj is not None:
                article = article_from_record(raw.obj, name=name, cfg=self.ingest)
            else:
                article = article_from_bytes(raw.data or b"", name=name, url=raw.url, cfg=self.ingest)
        except InputError as exc:
            return RawReject(raw.path, raw.record, exc.reason)
        if article.date is None and raw.fetched:  # a crawl's fetch time bounds the publication time
            article = replace(article, date=parse_date(raw.fetched))
        doc = self.segmenter.segment(article)
        sig = self.minhasher.signatures([self.minhasher.shingle_hashes(doc_tokens(doc))])[0]
        return raw.path, raw.record, article, sig, band_keys(sig, self.mh), doc


# Pool initialiser state: one _Worker per worker process (never set in the parent process).
_WORKER: _Worker | None = None


def _init_worker(ingest: IngestConfig, segment: SegmentConfig, mh: MinHashConfig) -> None:
    global _WORKER  # noqa: PLW0603 - the standard process-pool initialiser pattern
    _WORKER = _Worker(ingest, segment, mh)


def _work(raw: RawRecord) -> Item | RawReject:
    assert _WORKER is not None
    return _WORKER(raw)


def index(
    paths: list[str], *, db: str, cfg: IndexConfig | None = None,
    progress: Callable[[str, int, int | None], None] | None = None,
) -> IndexReport:
    """Index ``paths`` into the store ``db``; ``progress(stage, done, total)`` is called as work advances."""
    cfg = cfg or IndexConfig()
    store = SQLiteStore(db)
    report = IndexReport()
    docs: OrderedDict[str, Doc] = OrderedDict()
    try:
        _ingest(paths, store, cfg, report, progress=progress, docs=docs)
        _link(store, cfg, report, progress=progress, docs=docs)
    finally:
        store.close()
    return report


def _pending(paths: list[str], store: SQLiteStore, report: IndexReport) -> Iterator[RawRecord | RawReject]:
    seen: dict[str, set[str]] = {}
    for raw in iter_records(paths):
        if raw.path not in seen:
            seen[raw.path] = store.seen_inputs(raw.path)
        if raw.record in seen[raw.path]:
            continue
        report.records += 1
        yield raw


def _ingest(paths: list[str], store: SQLiteStore, cfg: IndexConfig, report: IndexReport, *,
            progress: Callable[[str, int, int | None], None] | None, docs: OrderedDict[str, Doc]) -> None:
    """Stream records through the pool a batch at a time (memory stays flat on any corpus size)."""
    workers = cfg.workers or os.cpu_count() or 1
    args = (cfg.compare.ingest, cfg.compare.segment, cfg.minhash)
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=args) if workers > 1 else None
    local = None if pool else _Worker(*args)
    done = 0
    try:
        for chunk in _chunks(_pending(paths, store, report), cfg.batch_size):
            todo = [r for r in chunk if isinstance(r, RawRecord)]
            rejects = [(r.path, r.record, r.reason) for r in chunk if isinstance(r, RawReject)]
            results = pool.map(_work, todo, chunksize=4) if pool else map(local, todo)  # type: ignore[arg-type]
            items: list[Item] = []
            for res in results:
                if isinstance(res, RawReject):
                    rejects.append((res.path, res.record, res.reason))
                else:
                    items.append(res)
            report.new_articles += store.add_batch([item[:5] for item in items], rejects)
            for item in items:
                _remember(docs, item[2].id, item[5], cfg.doc_cache)
            report.rejects.extend(rejects)
            done += len(chunk)
            if progress:
                progress("ingest", done, None)
    finally:
        if pool:
            pool.shutdown()


def _remember(docs: OrderedDict[str, Doc], key: str, doc: Doc, cap: int) -> None:
    docs[key] = doc
    docs.move_to_end(key)
    while len(docs) > cap:
        docs.popitem(last=False)


def _chunks(it: Iterator[RawRecord | RawReject], size: int) -> Iterator[list[RawRecord | RawReject]]:
    chunk: list[RawRecord | RawReject] = []
    for x in it:
        chunk.append(x)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _link(store: SQLiteStore, cfg: IndexConfig, report: IndexReport, *,
          progress: Callable[[str, int, int | None], None] | None, docs: OrderedDict[str, Doc]) -> None:
    pending = store.unlinked()
    if not pending:
        return
    comparer = Comparer(cfg.compare)

    def doc(aid: str) -> Doc:
        if aid not in docs:
            art = store.article(aid)
            assert art is not None
            _remember(docs, aid, comparer.doc(art), cfg.doc_cache)
        return docs[aid]

    if comparer.embedder is not None:
        vectors = {}
        for aid in pending:
            sv = comparer.embed(doc(aid))
            if sv is not None and len(sv):
                v = sv.mean(axis=0)
                vectors[aid] = v / (np.linalg.norm(v) or 1.0)
        store.set_vectors(vectors)
    ids, matrix = store.vectors()
    row = {aid: i for i, aid in enumerate(ids)}
    done_pairs = {(r.a, r.b) for r in store.relations()}
    dates = {aid: to_datetime(d) for aid, d in store.dates().items()}
    window = cfg.window_days * 86400
    for n, aid in enumerate(pending, start=1):
        cands = dict.fromkeys(store.band_mates(aid), "lsh")
        if matrix is not None and aid in row:
            sims = matrix @ matrix[row[aid]]
            k = min(cfg.ann_top_k + 1, len(sims))
            for j in np.argpartition(-sims, k - 1)[:k]:
                other = ids[int(j)]
                if other != aid and sims[j] >= cfg.ann_min_similarity:
                    cands.setdefault(other, "ann")
        relations = []
        for other, via in sorted(cands.items()):
            a, b = sorted((aid, other))
            if (a, b) in done_pairs:
                continue
            da, db_ = dates.get(a), dates.get(b)
            if da and db_ and abs((da - db_).total_seconds()) > window:
                continue
            c = comparer.compare(doc(a), doc(b))
            r = c.relation
            relations.append(StoredRelation(a, b, r.kind, r.a_in_b, r.b_in_a, r.source, r.source_probability,
                                            r.evidence, via))
            done_pairs.add((a, b))
            report.pairs_compared += 1
        store.link(aid, relations)
        report.linked += 1
        if progress:
            progress("link", n, len(pending))
