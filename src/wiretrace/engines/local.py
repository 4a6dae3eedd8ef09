"""The local engine: index a corpus into a store on this machine.

1. read records (folders, JSONL, WARC), skipping those the store has seen;
2. ingest + segment + MinHash + sentence embeddings in a process pool (CPU-bound; each worker embeds the
   sentences of a few articles in one call, by the model of each article's language, one thread per
   worker; the MinHash signatures of a worker's few articles in one batch), stored in batches, one
   transaction each: the article, its Doc, its sentence vectors (keyed by model, version and sentence
   boundaries) and its document vector (their normalised mean); the LSH band keys of 16,384 articles at
   a time, sorted (a run killed in between makes the missing keys again from the stored signatures);
   With ``IndexConfig.doc_vector_sentences`` only the first sentences and the title are embedded here
   (the document vector is their mean), and step 4 embeds the rest of an article, in the pool, stored,
   only when one of its pairs is compared with a model (issue #15 item 4);
3. embed in this process only what an older run stored without vectors (and what step 0 cleared: before
   anything, document vectors of another recipe than this run's, the store's meta ``doc_vector``, are made
   again from the stored sentence vectors, or cleared where there are none);
4. link every unlinked article: candidates from shared LSH bands and from nearest document vectors (within
   each model's space), and across a routed embedder's two spaces from shared rare names and figures
   (``stages.AnchorConfig``), within the publication-time window; compare each pair in the process pool, each
   worker reading articles, their sentence spans and their sentence vectors from the store; before a chunk's
   pairs, the pool embeds the vectors they need that the store lacks (a lede-only article; a pair whose two
   languages need another model than one side's own) and this process stores them; store the relations and
   mark the articles linked, 256 articles a transaction, in the same order as one process; with them, what
   their same-language unrelated pairs add to the index's own null of a language the shipped null file lacks
   (``calibrate``), which calibrates the next chunks' pairs once it is large enough.
A run killed anywhere resumes where it stopped: nothing is lost and nothing is stored twice.

Both pools fork their workers from the index process unless a model with a thread runtime that is not fork-safe
has run in it (``IndexConfig.start_method`` "auto"; ``embed.fork_unsafe``: e5's engine runs GNU libgomp): then they
start them from a forkserver, a clean process that has only imported wiretrace (issue #15: a link worker forked
from a process whose OpenMP threads had run hung for ever in e5's first parallel region). ``wiretrace index`` runs
no model before its pools start, so it forks: no start-up cost and no ``__main__`` guard asked of a script that
only indexes. Each worker loads its models itself.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from itertools import chain, repeat
from pathlib import Path
from time import process_time
from typing import Any, Literal

import numpy as np

from wiretrace.align import Calibrated
from wiretrace.calibrate import (
    CORPUS_FEATURE,
    MIN_CELLS,
    MIN_PAIRS,
    NullHistogram,
    corpus_levels,
    eligible,
    null_key,
    null_sample,
    stored_histograms,
)
from wiretrace.compare import CompareConfig, Comparer, StoredVectors
from wiretrace.embed import Embedder, fork_unsafe, pack_vectors, short_name, unpack_vectors
from wiretrace.engines.stages import (
    AnchorConfig,
    ArticleStage,
    anchor_keys,
    anchor_pairs,
    doc_mentions,
    doc_vector_recipe,
    full_vectors,
    lede_doc_vector,
    lede_vectors,
    packed_mentions,
    relate,
    within_window,
)
from wiretrace.errors import InputError
from wiretrace.fingerprint import MinHashConfig, band_keys
from wiretrace.ingest import TEXT_RECIPE, TEXT_RECIPE_CHANGES
from wiretrace.ingest.meta import to_datetime
from wiretrace.ingest.sources import SKIP, RawRecord, RawReject, SkippedFiles, iter_records
from wiretrace.records import Article, Doc
from wiretrace.segment import Segmenter, pack_doc, pack_spans, unpack_doc, unpack_spans
from wiretrace.store import SQLiteStore, StoredRelation
from wiretrace.store.inputs import input_key

__all__ = ["IndexConfig", "IndexReport", "index"]


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
    #: Nearest-neighbour candidates: cosine of document vectors, and how many per article. A report of
    #: the same event in another language sits at 0.5-0.65 with USE v3 (RelateConfig's cross-language
    #: same-event bar is 0.5). ``ann_top_k`` bounds the pairs compared; where it binds (an article with
    #: more neighbours above the bar than that), which pairs are compared depends on what was indexed
    #: before, so an incremental index equals a one-run index only where it does not bind.
    ann_min_similarity: float = 0.5
    ann_top_k: int = 40
    #: Up to this many vectors the neighbour search is exact (brute force, SIMD); above it, an HNSW
    #: graph (usearch) answers approximately.
    ann_exact_below: int = 20000
    #: The document vector for nearest-neighbour candidates: the mean of every sentence's vector (None), or
    #: of the first this many sentences' and the title's (``stages.LEDE_SENTENCES`` = 5 is the one measured).
    #: With a number, ingest embeds only those, and the whole article's sentence vectors are made (and
    #: stored) only for the articles of a pair that is compared with a model: fewer sentences embedded and
    #: fewer candidates, but a same-event report that opens differently can be missed (see ``stages``).
    doc_vector_sentences: int | None = None
    #: LSH buckets holding more articles than this are ignored (shared boilerplate must not make
    #: every article a candidate of every other); the Spark engine applies the same cap.
    max_bucket: int = 200
    #: Candidates across a routed embedder's two models (``stages.AnchorConfig``): nearest vectors are searched
    #: within one model's space, so an article embedded by one model and its translation embedded by the other
    #: are compared when they share enough rare names and figures (``AnchorConfig(min_shared=0)``: never).
    anchors: AnchorConfig = field(default_factory=AnchorConfig)
    #: The index's own null (``calibrate``; issue #17 item 3): for a (model, language) the shipped null file
    #: lacks, the sentence cosines of same-language candidates related ``unrelated`` are counted in the store,
    #: and once they come from ``corpus_null_min_pairs`` pairs and ``corpus_null_min_cells`` cells they
    #: calibrate that language's later comparisons (from the next chunk of 256 articles or the next run; a
    #: pair related before is not related again). Off: the fixed thresholds there, as before. Until they are in
    #: use (then no pair is counted: they freeze), the counts are of every pair compared over the store's life:
    #: an article dropped since (its input file changed, or was gone and pruned) leaves its pairs counted, and a
    #: pair decided again (a corrected date) counts again (index into a new file to count afresh).
    corpus_null: bool = True
    corpus_null_min_pairs: int = MIN_PAIRS
    corpus_null_min_cells: int = MIN_CELLS
    #: Input files a folder given to index held when it was indexed before and holds no more (deleted, renamed,
    #: moved) are listed in the report (``IndexReport.gone``); with ``prune`` their records, rejects and stamps
    #: are forgotten too, and the articles no other input holds are dropped. Off: nothing stored is dropped.
    prune: bool = False
    #: How the worker processes of both pools start (``workers`` > 1): "fork" copies the index process (not safe
    #: once an OpenMP team ran here: a forked worker hangs in its first parallel region), "forkserver" forks them
    #: from a clean server process that has only imported wiretrace, "spawn" starts each from scratch; "auto"
    #: (default) forks unless ``embed.fork_unsafe()``, then uses the forkserver. With "forkserver" or "spawn" a
    #: script that calls ``index`` must guard its top level with ``if __name__ == "__main__":`` (multiprocessing
    #: imports the main module in each worker), and what the index process changed at run time (a patched
    #: function) does not reach the workers.
    start_method: Literal["auto", "forkserver", "spawn", "fork"] = "auto"


#: What the forkserver imports once, before it forks any worker: the workers' code and its imports (numpy,
#: the ingest and compare modules). Importing runs no model and starts no OpenMP team.
_PRELOAD = ["wiretrace.engines.local"]


def _pool(cfg: IndexConfig, workers: int, initializer: Callable[..., None],
          initargs: tuple[Any, ...]) -> ProcessPoolExecutor:
    """A pool of ``workers`` processes started by ``cfg.start_method`` (see ``IndexConfig``; "spawn" where this
    platform has not that method: Windows has neither "forkserver" nor "fork"). The choice of "auto" is made
    when the pool is made: a model that ran in between moves the next pool to the forkserver."""
    wanted = ("forkserver" if fork_unsafe() else "fork") if cfg.start_method == "auto" else cfg.start_method
    method = wanted if wanted in multiprocessing.get_all_start_methods() else "spawn"
    ctx = multiprocessing.get_context(method)
    if method == "forkserver":
        ctx.set_forkserver_preload(_PRELOAD)  # heeded only before the server starts (once a process)
    return ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=initializer, initargs=initargs)


@dataclass(slots=True)
class IndexReport:
    records: int = 0
    new_articles: int = 0
    rejects: list[tuple[str, str, str]] = field(default_factory=list)
    #: Files the folders hold that are not read (not an article kind), by suffix: apart from the rejects.
    skipped: SkippedFiles = field(default_factory=SkippedFiles)
    #: (path, note) of the files read this run that held what was passed over or read otherwise than written
    #: without being a reject (``sources.iter_records``'s notes: a WARC's images, a JSON Lines file's odd fields).
    #: Said, not stored.
    notes: list[tuple[str, str]] = field(default_factory=list)
    #: Input files of the folders indexed that were read before and are gone now (resolved paths; ``prune``).
    gone: list[str] = field(default_factory=list)
    #: Folders indexed whose walk found no file at all although files read before were under them (an unmounted
    #: drive, a corpus moved away): the gone files under them are listed in ``gone`` but never pruned.
    unpruned: list[str] = field(default_factory=list)
    #: Articles dropped this run: no input holds them any more (a changed file, or a gone one pruned).
    dropped: int = 0
    linked: int = 0
    pairs_compared: int = 0
    #: Articles linked this run in a language the embedder does not cover (language -> count): they
    #: were compared by their words only. Empty in lexical mode.
    uncovered: dict[str, int] = field(default_factory=dict)
    #: Articles linked this run that a routed embedder (``auto``) gave to its second model (language ->
    #: count): their nearest-vector candidates are searched among that model's vectors only.
    secondary: dict[str, int] = field(default_factory=dict)
    embedder: str | None = None
    #: The embedder's name without versions, for the lines a person reads.
    embedder_label: str | None = None
    #: CPU seconds by stage, summed over the index process and its workers: ingest, segment, fingerprint
    #: (workers); store (writes, and packing Docs and vectors for them); candidates (LSH buckets, nearest
    #: vectors); embed (every sentence of every new article, once, and its document vector); docs (reading
    #: stored Docs in the link pass); compare (relating pairs, reading their stored sentence vectors, and
    #: embedding any the store lacks); other (the index process's remaining work: reading input, passing
    #: records to and from the workers).
    cpu_seconds: dict[str, float] = field(default_factory=dict)

    def add_cpu(self, seconds: dict[str, float]) -> None:
        for stage, x in seconds.items():
            self.cpu_seconds[stage] = self.cpu_seconds.get(stage, 0.0) + x

    def to_dict(self) -> dict[str, object]:
        return {"records": self.records, "new_articles": self.new_articles, "gone": self.gone,
                "unpruned": self.unpruned, "dropped": self.dropped, "linked": self.linked,
                "pairs_compared": self.pairs_compared, "embedder": self.embedder,
                "uncovered_languages": dict(sorted(self.uncovered.items())),
                "secondary_model_languages": dict(sorted(self.secondary.items())),
                "cpu_seconds": {k: round(v, 3) for k, v in sorted(self.cpu_seconds.items())},
                "rejects": [{"path": p, "record": r, "reason": why} for p, r, why in self.rejects],
                "skipped_files": self.skipped.to_list(),
                "notes": [{"path": p, "note": note} for p, note in self.notes]}


class _Ingester:
    """What a worker does to a group of records: the article stage for each, then (with an embedder) the
    sentences of all of them embedded together. Holds the stage's tables and the models (loaded when
    first needed, one thread each)."""

    def __init__(self, compare: CompareConfig, mh: MinHashConfig, *, keep_docs: bool = True,
                 lede: int | None = None, stored: Callable[[list[str]], set[str]] | None = None) -> None:
        self.stage = ArticleStage(compare.ingest, compare.segment, mh)
        #: Which of some article ids the store holds: those are not embedded (a record of a file read again, an
        #: unchanged line of an edited dump; the store keeps the vectors of an article's first record only).
        self.stored = stored
        #: ``IndexConfig.doc_vector_sentences``: what ingest embeds.
        self.lede = lede
        #: Whether results carry the Doc itself (a one-process index caches it for its link pass); a
        #: worker's do not: the link workers read Docs from the store, and pickling a Doc to the index
        #: process and back into objects there cost ~0.2 ms CPU an article for nothing (issue #15).
        self.keep_docs = keep_docs
        # a group's vectors are cached only until they are packed (the store keeps them; a worker that
        # kept its last 4,096 articles' vectors would hold ~90 MB it never reads)
        cache = replace(compare, embedding_cache=4 * _GROUP)
        self.comparer = Comparer(cache, threads=1) if compare.embedder else None

    def __call__(self, group: list[RawRecord]) -> list[_WorkResult]:
        out = _work_here(self.stage, group)
        if self.comparer is not None:
            t = process_time()
            _embed_results(self.comparer, out, self.lede, self.stored)
            if out:
                out[0][1]["embed"] = out[0][1].get("embed", 0.0) + process_time() - t
        if not self.keep_docs:
            out = [(replace(res, doc=None) if isinstance(res, _Ingested) else res, cpu, vec) for res, cpu, vec in out]
        return out


# Pool initialiser state: one _Ingester per worker process (never set in the parent process).
_WORKER: _Ingester | None = None


def _init_worker(compare: CompareConfig, mh: MinHashConfig, lede: int | None, parent: int = 0,
                 db: str | None = None) -> None:
    global _WORKER  # noqa: PLW0603 - the standard process-pool initialiser pattern
    _die_with_parent(parent)
    _WORKER = _Ingester(compare, mh, keep_docs=False, lede=lede, stored=_stored_ids(db))


def _stored_ids(db: str | None) -> Callable[[list[str]], set[str]] | None:
    """A worker's view of which articles the store ``db`` holds (read-only); None where it cannot be read here
    (a read-only folder whose WAL holds writes): every article is embedded then, as before, rather than the
    pool broken (only the vectors of articles new to the store are kept)."""
    try:
        return SQLiteStore(db, readonly=True).stored_ids if db else None
    except InputError:
        return None


def _die_with_parent(parent: int) -> None:
    """End this worker when the index process ``parent`` dies (kill -9 left the pool's workers running, ~150 MB
    each), on Linux; elsewhere nothing is done. If it is already gone, end now. A forked worker asks Linux for a
    signal when its parent dies. A worker of the forkserver cannot: its parent is the server, which lives on while
    any worker holds its pipe (multiprocessing gives each one), so a thread waits for the index process to end."""
    import signal
    import sys

    if not sys.platform.startswith("linux"):
        return
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if parent and os.getppid() != parent:
        _watch(parent)


def _watch(pid: int) -> None:
    """End this process as soon as the process ``pid`` ends (at once if it has): a daemon thread waits on a pidfd
    of it (no wake-up until then), or polls once a second where there is no pidfd."""
    import select
    import threading
    import time

    try:
        fd: int | None = os.pidfd_open(pid)
    except ProcessLookupError:
        os._exit(1)
    except (OSError, AttributeError):
        fd = None
        if not _alive(pid):
            os._exit(1)

    def wait() -> None:
        if fd is not None:
            select.select([fd], [], [])
        else:
            while _alive(pid):
                time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=wait, name="wiretrace-index-watch", daemon=True).start()


def _alive(pid: int) -> bool:
    """Whether the process ``pid`` exists."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists, run by another user
        return True
    return True


@dataclass(slots=True, frozen=True)
class _Vectors:
    """An article's sentence vectors packed for the store under ``key``, and its document vector."""

    key: str
    packed: bytes
    doc: np.ndarray


@dataclass(slots=True, frozen=True)
class _Ingested:
    """A record through the article stage as the index process stores it: where it came from, the
    article, its fingerprints, its Doc and sentence spans packed for the store (packed in the worker, so
    the index process only writes bytes), and the Doc itself where the index process keeps it (one process)."""

    path: str
    record: str
    article: Article
    signature: np.ndarray
    bands: list[int]
    packed_doc: bytes
    packed_spans: bytes
    doc: Doc | None


#: A record's result, the CPU seconds of each step, and its vectors (None in lexical mode, or where no model
#: covers its language).
_WorkResult = tuple[_Ingested | RawReject, dict[str, float], _Vectors | None]

#: Records a worker takes at a time (their sentences are embedded in one call).
_GROUP = 4


def _work(group: list[RawRecord]) -> list[_WorkResult]:
    assert _WORKER is not None
    return _WORKER(group)


def _work_here(stage: ArticleStage, group: list[RawRecord]) -> list[_WorkResult]:
    """Records through the article stage (their signatures in one batch), each with its Doc and sentence
    spans packed for the store; the group's CPU seconds by step go with its first result."""
    stage.cpu.clear()
    results = stage.many(group)
    t = process_time()
    out: list[_WorkResult] = [
        (res if isinstance(res, RawReject) else
         _Ingested(res.path, res.record, res.article, res.signature, res.bands, pack_doc(res.doc),
                   pack_spans([(x.start, x.end) for x in res.doc.sentences]), res.doc), {}, None)
        for res in results]
    if out:
        out[0][1].update(stage.cpu, store=process_time() - t)
    return out


def _embed_results(comparer: Comparer, results: list[_WorkResult], lede: int | None,
                   stored: Callable[[list[str]], set[str]] | None = None) -> None:
    """Embed what the document vectors of the articles among ``results`` are made of (every sentence, or
    the ``lede``; in one call per model) and put each one's vectors, packed, and its document vector into
    its result, in place; not those of the articles ``stored`` says the store holds (their vectors are)."""
    docs = [res.doc for res, *_ in results if isinstance(res, _Ingested) and res.doc is not None]
    if stored is not None and docs:
        held = stored([d.article.id for d in docs])
        docs = [d for d in docs if d.article.id not in held]
    found = _lede_vectors(comparer, docs, lede)
    for k, (res, cpu, _) in enumerate(results):
        if isinstance(res, _Ingested) and res.doc is not None:
            results[k] = (res, cpu, found.get(res.article.id))


def _lede_vectors(comparer: Comparer, docs: list[Doc], lede: int | None) -> dict[str, _Vectors]:
    """Each document's vectors for its document vector (``stages.lede_vectors``) packed under
    :func:`_lede_key`, and its document vector, by article id."""
    by_id = {d.article.id: d for d in docs}
    return {aid: _Vectors(_lede_key(comparer, model, lede), pack_vectors(rows), lede_doc_vector(by_id[aid], rows, lede))
            for aid, (model, rows) in lede_vectors(comparer, docs, lede).items()}


def _lede_key(comparer: Comparer, model: Embedder, lede: int | None) -> str:
    """Where an article's vectors for its document vector are stored: with every sentence, the key of its
    sentence vectors (they are those); with a lede, that key marked with the recipe."""
    key = comparer.vector_key(model)
    return key if lede is None else f"{key}|{doc_vector_recipe(lede)}"


def _stored_vectors(store: SQLiteStore) -> StoredVectors:
    """The comparer's reader of sentence vectors kept in ``store``."""
    def read(article_id: str, key: str) -> np.ndarray | None:
        data = store.sentence_vectors(article_id, key)
        return None if data is None else unpack_vectors(data)
    return read


def _keep_vectors(store: SQLiteStore, found: dict[str, _Vectors]) -> None:
    """Store articles' document vectors and sentence vectors (one transaction per model key)."""
    if not found:
        return
    store.set_vectors({aid: v.doc for aid, v in found.items()})
    by_key: dict[str, dict[str, bytes]] = {}
    for aid, v in found.items():
        by_key.setdefault(v.key, {})[aid] = v.packed
    for key, packed in by_key.items():
        store.set_sentence_vectors(packed, key)


def index(
    paths: list[str], *, db: str, cfg: IndexConfig | None = None,
    progress: Callable[[str, int, int | None], None] | None = None,
) -> IndexReport:
    """Index ``paths`` into the store ``db``; ``progress(stage, done, total)`` is called as work advances."""
    cfg = cfg or IndexConfig()
    store = SQLiteStore(db)
    report = IndexReport()
    docs: OrderedDict[str, Doc] = OrderedDict()
    keys: dict[str, np.ndarray] = {}
    t0 = process_time()
    try:
        store.require("fingerprint", cfg.minhash.fingerprint())
        # articles stored before ingest cleaned text as it does now: their files are read again
        store.upgrade_text(TEXT_RECIPE, TEXT_RECIPE_CHANGES)
        redo = _prepare_doc_vectors(store, cfg)
        _ingest(paths, store, cfg, report, progress=progress, docs=docs, keys=keys)
        # the articles of input files changed since they were read that no input holds any more
        dropped = store.drop_orphans(lambda signature: band_keys(signature, cfg.minhash))
        report.dropped = len(dropped)
        _link(store, cfg, report, progress=progress, docs=docs, keys=keys,
              redo=[aid for aid in redo if aid not in dropped])
    finally:
        store.close()
    # what the index process spent beyond the stages it timed itself (its own share of them included)
    own = report.cpu_seconds.pop("_own", 0.0)
    report.add_cpu({"other": max(0.0, process_time() - t0 - own)})
    return report


def _pending(paths: list[str], store: SQLiteStore, report: IndexReport, max_bytes: int, *, prune: bool = False,
             completed: list[tuple[int, str]] | None = None) -> Iterator[RawRecord | RawReject]:
    """The records of ``paths`` the store has not seen; once they are all read, the input files of the folders
    among ``paths`` that are gone are listed in ``report`` (and with ``prune`` forgotten, but for those of a
    folder whose walk found no file at all: ``report.unpruned``). ``completed`` gets (the items yielded before the
    next file opened, path) for each file read through: its stamp is kept once that many items are stored."""
    seen: dict[str, set[str]] = {}
    found: set[str] = set()
    walked: set[str] = set()  # every file the walks found, read or not (resolved)
    unlisted: list[str] = []
    unnamed: dict[str, bool] = {}  # files whose name is not UTF-8 (the store keys paths as text): said once
    opened: dict[str, str] = {}  # every file read in this run (resolved) -> the path it was first read by
    repeats: list[tuple[str, str]] = []  # (a path given again, the path its file was read by): said in one note
    yielded = 0
    last: list[str] = []

    # stamped before its bytes are read: a file written meanwhile is read again next run
    def opening(path: str) -> tuple[int, int] | Literal["skip"] | None:
        key = input_key(path)
        if key in opened:  # the same file given twice ("a.txt ./a.txt", a link, a folder and a file in it)
            repeats.append((path, opened[key]))
            return SKIP
        opened[key] = path
        if completed is not None:
            if last:
                completed.append((yielded, last.pop()))  # the file before is read through
            last.append(path)
        walked.add(input_key(path))
        if not _utf8(path):
            unnamed.setdefault(path, False)
            return None
        if path not in seen:
            seen[path] = store.seen_inputs(path)
            found.add(input_key(path))
        return SKIP if store.unchanged(path) else store.read_from(path)  # unchanged: no record to read, none parsed

    def note(path: str, text: str) -> None:
        if _utf8(path):  # a file whose name is not UTF-8 is not read (said once, below)
            report.notes.append((path, text))

    for raw in iter_records(paths, max_bytes, opening=opening, notes=note):
        if isinstance(raw, RawReject) and not raw.lasting and not raw.skipped:
            unlisted.append(raw.path)  # a folder that could not be listed (or a file read): what it held is not gone
        elif isinstance(raw, RawReject) and raw.skipped:
            walked.add(input_key(raw.path))
        if raw.path in unnamed or not _utf8(raw.path):
            if not unnamed.get(raw.path):
                unnamed[raw.path] = True
                yielded += 1
                yield RawReject(os.fsencode(raw.path).decode("utf-8", "backslashreplace"), "",
                                "cannot index a file whose name is not UTF-8: rename it", lasting=False)
            continue
        if isinstance(raw, RawReject) and raw.skipped:  # a file of another kind: listed, neither read nor kept
            yielded += 1
            yield raw
            continue
        if raw.path not in seen:
            seen[raw.path] = store.seen_inputs(raw.path)
        if raw.record in seen[raw.path]:
            continue
        report.records += 1
        yielded += 1
        yield raw
    if completed is not None and last:
        completed.append((yielded, last.pop()))
    if repeats:
        path, first = repeats[0]
        more = (f" ({len(repeats) - 1} more file{'s' if len(repeats) > 2 else ''} given twice, each read once)"
                if len(repeats) > 1 else "")
        same = "given twice" if first == path else f"the same file as {first}"
        report.notes.append((path, f"{same}: read once{more}"))
    gone: set[str] = set()
    held: list[str] = []  # the folders of gone files whose walk found no file: an unmounted drive is not a purge
    for p in paths:
        if Path(p).is_dir() and (those := store.gone_inputs(p, found, unlisted)):
            gone.update(those)
            root = input_key(p).rstrip(os.sep) + os.sep
            if not any(k.startswith(root) for k in walked):
                report.unpruned.append(p)
                held.append(root)
    report.gone = sorted(gone)
    if prune and gone:
        store.prune_inputs(sorted(g for g in gone if not g.startswith(tuple(held))))


def _utf8(path: str) -> bool:
    """Whether the file name ``path`` is UTF-8 (one that is not holds surrogates: no text key in the store)."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _ingest(paths: list[str], store: SQLiteStore, cfg: IndexConfig, report: IndexReport, *,
            progress: Callable[[str, int, int | None], None] | None, docs: OrderedDict[str, Doc],
            keys: dict[str, np.ndarray]) -> None:
    """Stream records through the pool a batch at a time (memory stays flat on any corpus size, but for
    the LSH band keys of the articles added, ~0.4 KB each, which ``keys`` hands to the link pass)."""
    workers = cfg.workers or os.cpu_count() or 1
    lede = cfg.doc_vector_sentences
    pool = (_pool(cfg, workers, _init_worker, (cfg.compare, cfg.minhash, lede, os.getpid(), store.path))
            if workers > 1 else None)
    local = None if pool else _Ingester(cfg.compare, cfg.minhash, lede=lede, stored=store.stored_ids)
    segmenter = Segmenter(cfg.compare.segment)
    boundaries, doc_key = segmenter.boundaries, segmenter.doc_key
    done = 0
    # Band keys are stored thousands of articles at a time (``SQLiteStore.add_bands``); those a run killed
    # in between left unstored are made again from the stored signatures first (``_add_missing_bands``).
    _add_missing_bands(store, cfg)
    store.defer_bands()
    unbanded: list[tuple[str, list[int]]] = []
    completed: list[tuple[int, str]] = []  # files read through: (the items yielded up to their end, path)

    def store_batch(chunk: list[RawRecord | RawReject], results: Iterable[_WorkResult]) -> None:
        nonlocal done
        rejects = [(r.path, r.record, r.reason) for r in chunk if isinstance(r, RawReject) and r.lasting]
        items: list[_Ingested] = []
        packed: dict[str, bytes] = {}
        vectors: dict[str, _Vectors] = {}
        for res, cpu, vec in results:
            report.add_cpu(cpu)
            if not pool:
                report.add_cpu({"_own": sum(cpu.values())})
            if isinstance(res, RawReject):
                rejects.append((res.path, res.record, res.reason))
            else:
                items.append(res)
                packed.setdefault(res.article.id, res.packed_doc)
                if vec is not None:
                    vectors.setdefault(res.article.id, vec)
        t = process_time()
        ready = next((k for k, (n, _) in enumerate(completed) if n > done + len(chunk)), len(completed))
        stamps = [path for _, path in completed[:ready]]  # every record of these files is stored with this batch
        del completed[:ready]
        added = set(store.add_batch([(it.path, it.record, it.article, it.signature, it.bands) for it in items],
                                    rejects, bands=False, stamps=stamps))
        store.set_spans({it.article.id: it.packed_spans for it in items if it.article.id in added}, boundaries)
        store.set_docs({aid: packed[aid] for aid in added}, doc_key)
        _keep_vectors(store, {aid: v for aid, v in vectors.items() if aid in added})
        _timed(report, "store", t)
        report.new_articles += len(added)
        for it in items:
            # The store keeps the first record of an id (a later duplicate may lack its date or
            # title), so only that record's Doc is cached: the link pass compares what is stored.
            if it.article.id in added:
                added.discard(it.article.id)
                if it.doc is not None:
                    _remember(docs, it.article.id, it.doc, cfg.doc_cache)
                keys[it.article.id] = np.asarray(it.bands)
                unbanded.append((it.article.id, it.bands))
        if len(unbanded) >= _BANDS_BATCH:
            t = process_time()
            store.add_bands(unbanded)
            unbanded.clear()
            _timed(report, "store", t)
        report.rejects.extend(rejects)  # and those not stored: a path to read again next time
        for r in chunk:
            if isinstance(r, RawReject) and not r.lasting:
                if r.skipped:
                    report.skipped.add(r.path, r.reason)
                else:
                    report.rejects.append((r.path, r.record, r.reason))
        done += len(chunk)
        if progress:
            progress("ingest", done, None)

    try:
        # One batch ahead: the workers compute the next batch while this process stores the last one
        # (batches are still stored one at a time, in order, so what is stored is the same).
        waiting: tuple[list[RawRecord | RawReject], Iterable[_WorkResult]] | None = None
        for chunk in _chunks(_pending(paths, store, report, cfg.compare.ingest.max_bytes, prune=cfg.prune,
                                      completed=completed), cfg.batch_size):
            todo = [r for r in chunk if isinstance(r, RawRecord)]
            groups = [todo[k:k + _GROUP] for k in range(0, len(todo), _GROUP)]
            results: Iterable[_WorkResult] = (
                (res for group in pool.map(_work, groups) for res in group) if pool
                else [res for group in groups for res in local(group)])  # type: ignore[misc]
            if waiting is not None:
                store_batch(*waiting)
            waiting = (chunk, results)
        if waiting is not None:
            store_batch(*waiting)
        t = process_time()
        store.add_bands(unbanded, last=True)
        store.keep_stamps()  # every record read is stored: the files' stamps now say so
        _timed(report, "store", t)
    finally:
        if pool:
            pool.shutdown()


#: Articles whose LSH band keys are stored together (one sorted transaction; see ``SQLiteStore.add_bands``).
_BANDS_BATCH = 16384


def _add_missing_bands(store: SQLiteStore, cfg: IndexConfig) -> None:
    """Store the band keys of articles a killed run stored without them, made from their signatures."""
    missing = store.without_bands()
    for start in range(0, len(missing), _BANDS_BATCH):
        store.add_bands([(aid, band_keys(sig, cfg.minhash)) for aid, sig in missing[start:start + _BANDS_BATCH]],
                        last=start + _BANDS_BATCH >= len(missing))


def _timed(report: IndexReport, stage: str, t0: float) -> None:
    """Add the CPU time since ``t0`` (the index process's own) to ``stage``."""
    x = process_time() - t0
    report.add_cpu({stage: x, "_own": x})


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
          progress: Callable[[str, int, int | None], None] | None, docs: OrderedDict[str, Doc],
          keys: dict[str, np.ndarray] | None = None, redo: list[str] | None = None) -> None:
    """Compare every unlinked article with its candidates and store the relations; ``keys``: the band keys
    of articles ingested in this run (the others' are computed again from their stored signature);
    ``redo``: linked articles whose document vector is to be made again. Runs after ``_ingest``, which has
    stored every article's band keys (a killed run's missing ones first)."""
    keys = {} if keys is None else keys
    pending = store.unlinked()
    if not pending and not redo:
        return
    comparer = Comparer(cfg.compare, threads=1, stored=_stored_vectors(store))
    doc = _StoredDocs(store, comparer, cfg.doc_cache, docs)

    if comparer.embedder is not None:
        report.embedder = comparer.embedder.name
        report.embedder_label = short_name(comparer.embedder)
        t = process_time()
        _count_models(comparer, store.languages(pending), report)
        # Vectors the ingest workers made are stored already; an article an older run stored without
        # them (or a run killed between its batches' writes) is embedded here.
        have = store.vector_ids()
        missing = [aid for aid in dict.fromkeys([*(redo or ()), *pending])
                   if aid not in have and comparer.covers(doc(aid))]
        found: dict[str, _Vectors] = {}
        for start in range(0, len(missing), 64):
            found.update(_lede_vectors(comparer, [doc(aid) for aid in missing[start:start + 64]],
                                       cfg.doc_vector_sentences))
        _timed(report, "embed", t)
        t = process_time()
        _keep_vectors(store, found)
        _timed(report, "store", t)
    near: dict[str, list[str]] = {}
    t = process_time()
    groups = store.vector_groups()  # one group per model (a routed embedder has two)
    for ids, matrix in groups:
        near.update(_nearest(ids, matrix, pending, cfg))
    _timed(report, "candidates", t)
    done_pairs = store.relation_pairs()
    dates = {aid: to_datetime(d) for aid, d in store.dates().items()}
    t = process_time()
    crossing = _anchored(store, [ids for ids, _ in groups], pending, doc, cfg.anchors,
                         near=_dated_near(dates, pending, cfg.window_days))
    _timed(report, "anchors", t)

    def jobs(aid: str) -> list[tuple[str, str, str]]:
        """The pairs ``aid`` is compared in, in order: its candidates not compared before, in the window."""
        t = process_time()
        try:
            return _jobs(aid)
        finally:
            _timed(report, "candidates", t)

    def _jobs(aid: str) -> list[tuple[str, str, str]]:
        known = keys.pop(aid, None)
        own = known.tolist() if known is not None else band_keys(store.signature(aid), cfg.minhash)
        cands = dict.fromkeys(store.band_mates(aid, own, cfg.max_bucket), "lsh")
        for other in near.get(aid, ()):
            cands.setdefault(other, "ann")
        for other in crossing.get(aid, ()):
            cands.setdefault(other, "anchor")
        out = []
        for other, via in sorted(cands.items()):
            a, b = sorted((aid, other))
            if (a, b) in done_pairs or not within_window(dates.get(a), dates.get(b), cfg.window_days):
                continue
            done_pairs.add((a, b))
            out.append((a, b, via))
        return out

    # Sentence vectors of whole articles are made only for the articles of a pair that is compared with a
    # model (issue #15 item 4), before the pair is: a few articles at a time, stored, read by the comparer.
    langs = store.languages() if comparer.embedder is not None else {}
    asked: set[tuple[str, str]] = set()
    null = _CorpusNull(store, cfg)
    workers = cfg.workers or os.cpu_count() or 1
    if workers > 1:
        _link_in_pool(store, cfg, report, pending, jobs=jobs, workers=workers, progress=progress,
                      needs=lambda flat: _vector_needs(comparer, flat, langs, asked), null=null)
        return
    samples: list[_Sample | None] = []
    for n, aid in enumerate(pending, start=1):
        if n > 1 and (n - 1) % _LINK_CHUNK == 0:  # as the pool: a chunk's pairs with the null after the last
            null.refresh()
        _use_levels(comparer, null.levels)
        relations = []
        todo = jobs(aid)
        need = _vector_needs(comparer, todo, langs, asked)
        if need:
            t = process_time()
            filled = _fill_vectors(store, comparer, doc, need, cfg.doc_vector_sentences)
            _timed(report, "embed", t)
            t = process_time()
            _store_filled(store, filled)
            _timed(report, "store", t)
        for relation, cpu, sample in _relate_group(comparer, doc, aid, todo):
            relations.append(relation)
            samples.append(sample)
            report.add_cpu({**cpu, "_own": sum(cpu.values())})  # as ``_timed``: this process's own
        report.pairs_compared += len(relations)
        t = process_time()
        store.link_many([(aid, relations)], null.add(samples))
        samples.clear()
        _timed(report, "store", t)
        report.linked += 1
        if progress:
            progress("link", n, len(pending))


#: Articles whose pairs go to the pool together (each article is stored linked once its pairs are back).
_LINK_CHUNK = 256


def _link_in_pool(store: SQLiteStore, cfg: IndexConfig, report: IndexReport, pending: list[str], *,
                  jobs: Callable[[str], list[tuple[str, str, str]]], workers: int,
                  progress: Callable[[str, int, int | None], None] | None,
                  needs: Callable[[list[tuple[str, str, str]]], list[_Need]], null: _CorpusNull) -> None:
    """The link pass on every core: the pairs of a chunk of articles are compared in worker processes,
    each reading articles, their stored sentence spans and sentence vectors from the store; the results
    come back in order and each article is stored linked as before, so the relations equal the
    one-process pass. Before a chunk's pairs are compared, the workers embed the whole articles its pairs
    need that the store lacks (``needs``), and this process stores them. A chunk's pairs are compared with the
    index's own null as it stood after the chunk before it was stored (``null``), as in one process."""
    pool = _pool(cfg, workers, _init_linker,
                 (store.path, cfg.compare, cfg.doc_cache, cfg.doc_vector_sentences, os.getpid()))
    done = 0

    def store_chunk(chunk: list[str], per_article: list[list[tuple[str, str, str]]],
                    results: Iterator[_Linked]) -> None:
        nonlocal done
        linked = []
        samples: list[_Sample | None] = []
        for aid, js in zip(chunk, per_article, strict=True):
            relations = []
            for _ in js:
                relation, cpu, sample = next(results)
                relations.append(relation)
                samples.append(sample)
                report.add_cpu(cpu)
            report.pairs_compared += len(relations)
            linked.append((aid, relations))
        # the chunk's articles in one transaction (one each cost ~0.06 ms an article in commits), with what
        # their unrelated pairs add to the index's own null
        t = process_time()
        store.link_many(linked, null.add(samples))
        null.refresh()
        _timed(report, "store", t)
        for _ in linked:
            report.linked += 1
            done += 1
            if progress:
                progress("link", done, len(pending))

    try:
        # One chunk ahead, as in ingest: the workers compare the next chunk's pairs while this process
        # stores the last chunk's relations (in order: the pairs of a chunk are fixed before it is sent).
        # A chunk's sentence vectors are embedded (queued behind the last chunk's pairs) and stored before
        # its pairs are sent, so every comparison reads them from the store.
        waiting = None
        for start in range(0, len(pending), _LINK_CHUNK):
            chunk = pending[start:start + _LINK_CHUNK]
            per_article = [jobs(aid) for aid in chunk]
            flat = [job for js in per_article for job in js]
            need = needs(flat)
            fills = pool.map(_fill_one, [need[k:k + _GROUP] for k in range(0, len(need), _GROUP)])
            if waiting is not None:
                store_chunk(*waiting)
            filled: list[tuple[str, str, bytes]] = []
            for got, cpu in fills:
                filled.extend(got)
                report.add_cpu(cpu)
            t = process_time()
            _store_filled(store, filled)
            _timed(report, "store", t)
            # an article's pairs go together (``_relate_group``: one product of its vectors with all its candidates')
            groups = [(aid, js) for aid, js in zip(chunk, per_article, strict=True) if js]
            results = chain.from_iterable(pool.map(_link_group, groups, repeat(null.levels), chunksize=2))
            waiting = (chunk, per_article, results)
        if waiting is not None:
            store_chunk(*waiting)
    finally:
        pool.shutdown()


#: An article whose whole sentence vectors a pair needs: its id, and the two languages of the pair (which
#: pick the model).
_Need = tuple[str, str | None, str | None]


def _route(comparer: Comparer, la: str | None, lb: str | None) -> str | None:
    """Which model compares a pair in ``la`` and ``lb`` (a routed embedder's choice by name, without loading
    it), None where none does."""
    which = getattr(comparer.embedder, "which", None)
    if which is not None:
        chosen: str | None = which(la, lb)
        return chosen
    return "model" if comparer.model(la, lb) is not None else None


def _vector_needs(comparer: Comparer, pairs: list[tuple[str, str, str]], langs: dict[str, str | None],
                  asked: set[tuple[str, str]]) -> list[_Need]:
    """The articles of ``pairs`` whose whole sentence vectors (by the model of their pair) are not yet
    asked for (``asked``, updated), in order: every pair a model compares needs them (its alignment and
    relation read every sentence); a pair no model covers is compared by its words."""
    out: list[_Need] = []
    if comparer.embedder is None:
        return out
    for a, b, _via in pairs:
        la, lb = langs.get(a), langs.get(b)
        route = _route(comparer, la, lb)
        if route is None:
            continue
        for aid in (a, b):
            if (aid, route) not in asked:
                asked.add((aid, route))
                out.append((aid, la, lb))
    return out


def _fill_vectors(store: SQLiteStore, comparer: Comparer, doc: Callable[[str], Doc],
                  need: list[_Need], lede: int | None) -> list[tuple[str, str, bytes]]:
    """(article id, vector key, packed vectors) for each needed article the store lacks: its lede vectors
    (stored by ingest under :func:`_lede_key`) reused where they are by the same model, the rest of its
    sentences embedded, all of them in one call per model."""
    items: list[tuple[Doc, Embedder, np.ndarray | None]] = []
    keys: list[str] = []
    for aid, la, lb in need:
        model = comparer.model(la, lb)
        if model is None:
            continue
        key = comparer.vector_key(model)
        if store.has_sentence_vectors(aid, key):
            continue
        d = doc(aid)
        kept = None
        if comparer.model(d.article.language) is model:
            data = store.sentence_vectors(aid, _lede_key(comparer, model, lede))
            kept = unpack_vectors(data) if data is not None else None
        items.append((d, model, kept))
        keys.append(key)
    rows = full_vectors(comparer, items, lede)
    return [(d.article.id, key, pack_vectors(r)) for (d, _, _), key, r in zip(items, keys, rows, strict=True)]


def _store_filled(store: SQLiteStore, filled: list[tuple[str, str, bytes]]) -> None:
    """Store articles' whole sentence vectors (one transaction per vector key)."""
    by_key: dict[str, dict[str, bytes]] = {}
    for aid, key, data in filled:
        by_key.setdefault(key, {})[aid] = data
    for key, packed in by_key.items():
        store.set_sentence_vectors(packed, key)


def _prepare_doc_vectors(store: SQLiteStore, cfg: IndexConfig) -> list[str]:
    """Before an index with an embedder: record the store's document-vector recipe (meta ``doc_vector``;
    a store with vectors and no mark has the mean of every sentence, as sessions 9-12 made it), or bring
    vectors of another recipe to this run's (:func:`_upgrade_doc_vectors`); returns the articles whose
    vector is to be embedded again."""
    if not cfg.compare.embedder:
        return []
    recipe = doc_vector_recipe(cfg.doc_vector_sentences)
    current = store.meta("doc_vector") or ("all" if store.has_vectors() else None)
    if current in (None, recipe):
        if store.meta("doc_vector") != recipe:
            store.set_meta("doc_vector", recipe)
        return []
    comparer = Comparer(cfg.compare, threads=1, stored=_stored_vectors(store))
    redo = _upgrade_doc_vectors(store, comparer, _StoredDocs(store, comparer, cfg.doc_cache),
                                cfg.doc_vector_sentences)
    store.set_meta("doc_vector", recipe)
    return redo


def _upgrade_doc_vectors(store: SQLiteStore, comparer: Comparer, doc: Callable[[str], Doc],
                         lede: int | None) -> list[str]:
    """Make each stored document vector again by the recipe of ``lede`` from the article's stored sentence
    vectors (its first sentences' and its title's rows, or every sentence's), or clear it where they are
    not stored (ingest made only a lede's); returns the cleared ids (to embed again)."""
    found: dict[str, np.ndarray] = {}
    cleared: list[str] = []
    for aid in sorted(store.vector_ids()):
        d = doc(aid)
        model = comparer.model(d.article.language)
        data = store.sentence_vectors(aid, comparer.vector_key(model)) if model is not None else None
        rows = unpack_vectors(data) if data is not None else None
        n, titled = len(d.sentences), bool((d.article.title or "").strip())
        if rows is None or len(rows) != n + titled or not n:
            cleared.append(aid)
            continue
        first = n if lede is None else min(lede, n)
        found[aid] = lede_doc_vector(d, np.vstack([rows[:first], rows[n:]]), lede)
    store.set_vectors(found)
    store.clear_vectors(cleared)
    return cleared


class _StoredDocs:
    """The Docs of stored articles by id: from a bounded cache, else segmented again from the article and
    its stored sentence spans (so no sentence is split twice)."""

    def __init__(self, store: SQLiteStore, comparer: Comparer, cap: int,
                 docs: OrderedDict[str, Doc] | None = None) -> None:
        self.store, self.segmenter, self.cap = store, comparer.segmenter, cap
        self.boundaries, self.doc_key = self.segmenter.boundaries, self.segmenter.doc_key
        self.docs: OrderedDict[str, Doc] = OrderedDict() if docs is None else docs

    def __call__(self, aid: str) -> Doc:
        found = self.docs.get(aid)
        if found is None:
            art = self.store.article(aid)
            assert art is not None
            data = self.store.doc(aid, self.doc_key)
            found = unpack_doc(art, data) if data is not None else None
            if found is None:
                packed = self.store.spans(aid, self.boundaries)
                found = self.segmenter.segment(art, unpack_spans(packed) if packed is not None else None)
            _remember(self.docs, aid, found, self.cap)
        return found


class _Linker:
    """A link worker: reads articles, their sentence spans and sentence vectors from the store (read-only),
    embeds the whole articles a chunk's pairs need (the index process stores them) and compares; it loads a
    model (one thread) only to embed."""

    def __init__(self, db: str, compare: CompareConfig, cache: int, lede: int | None) -> None:
        self.store, self.lede = SQLiteStore(db, readonly=True), lede
        self.comparer = Comparer(compare, threads=1, stored=_stored_vectors(self.store))
        self.doc = _StoredDocs(self.store, self.comparer, cache)

    def group(self, job: tuple[str, list[tuple[str, str, str]]], levels: _Levels = ()) -> list[_Linked]:
        """Each pair of one article (``job``: its id and its pairs) by :func:`_relate_group`: its relation, the CPU
        seconds spent reading Docs and comparing, and what it adds to the index's own null; compared with ``levels``
        (the index's own nulls in use)."""
        _use_levels(self.comparer, levels)
        return _relate_group(self.comparer, self.doc, *job)

    def fill(self, need: list[_Need]) -> tuple[list[tuple[str, str, bytes]], dict[str, float]]:
        """:func:`_fill_vectors` for ``need``, and its CPU seconds (as embedding)."""
        t0 = process_time()
        out = _fill_vectors(self.store, self.comparer, self.doc, need, self.lede)
        return out, {"embed": process_time() - t0}


_LINKER: _Linker | None = None


def _init_linker(db: str, compare: CompareConfig, cache: int, lede: int | None, parent: int = 0) -> None:
    global _LINKER  # noqa: PLW0603 - the standard process-pool initialiser pattern
    _die_with_parent(parent)
    _LINKER = _Linker(db, compare, cache, lede)


def _link_group(job: tuple[str, list[tuple[str, str, str]]], levels: _Levels = ()) -> list[_Linked]:
    assert _LINKER is not None
    return _LINKER.group(job, levels)


def _relate_group(comparer: Comparer, doc: Callable[[str], Doc], hub: str,
                  jobs: list[tuple[str, str, str]]) -> list[_Linked]:
    """The relations of the pairs ``jobs`` of the article ``hub`` (each holds it), as :func:`relate` gives them
    one by one, with their CPU seconds (reading Docs, comparing; the shared part counted with the first pair)
    and what each adds to the index's own null: which pairs align nothing is decided for all of them together
    (``Comparer.unaligned``: one product of the article's sentence vectors with every candidate's), and those
    are not aligned again (issue #15: most nearest-vector candidates)."""
    t0 = process_time()
    docs = [(doc(a), doc(b)) for a, b, _ in jobs]
    t1 = process_time()
    others = [db if a == hub else da for (a, _, _), (da, db) in zip(jobs, docs, strict=True)]
    known = comparer.unaligned(doc(hub), others)
    shared = {"docs": t1 - t0, "compare": process_time() - t1}
    out: list[_Linked] = []
    for (a, b, via), (da, db), unaligned in zip(jobs, docs, known, strict=True):
        t = process_time()
        relation = relate(comparer, a, da, b, db, via=via, unaligned=unaligned)
        sample = _sample(comparer, da, db, relation)
        cpu = {"compare": process_time() - t}
        if shared:
            cpu = {"docs": shared["docs"], "compare": cpu["compare"] + shared["compare"]}
            shared = {}
        out.append((relation, cpu, sample))
    return out


#: What a pair adds to its language's null (``calibrate.null_sample``), the index's own nulls in use
#: (``AlignConfig.corpus_null``), and a compared pair as a link worker returns it.
_Sample = tuple[str, str, np.ndarray, np.ndarray]
_Levels = tuple[tuple[str, str, Calibrated, int], ...]
_Linked = tuple[StoredRelation, dict[str, float], "_Sample | None"]


def _use_levels(comparer: Comparer, levels: _Levels) -> None:
    """Compare with ``levels`` as the index's own nulls from now on."""
    if comparer.cfg.align.corpus_null != levels:
        comparer.cfg = replace(comparer.cfg, align=replace(comparer.cfg.align, corpus_null=levels))


def _sample(comparer: Comparer, da: Doc, db: Doc, relation: StoredRelation) -> _Sample | None:
    """What a compared pair adds to the index's own null of its language (``calibrate.null_sample``): the cheap
    tests first, so a related or cross-language pair costs nothing."""
    la = da.article.language
    if relation.kind != "unrelated" or not la or la != db.article.language or CORPUS_FEATURE in relation.features:
        return None
    model = comparer.model(la)
    if model is None or not eligible(comparer.cfg.align.calibration, model.name, la):  # a shipped null: nothing
        return None
    return null_sample(da, db, comparer.embed(da, model), comparer.embed(db, model), cfg=comparer.cfg.align,
                       model=model.name, kind=relation.kind, features=relation.features)


class _CorpusNull:
    """The index's own nulls during a link pass (``calibrate``): the store's histograms for this run's
    document-vector recipe, what each stored chunk adds (written with its relations), and the levels in use."""

    def __init__(self, store: SQLiteStore, cfg: IndexConfig) -> None:
        self.on = bool(cfg.corpus_null and cfg.compare.embedder and cfg.compare.align.calibration)
        self.recipe = doc_vector_recipe(cfg.doc_vector_sentences)
        self.calibration = cfg.compare.align.calibration
        self.min_pairs, self.min_cells = cfg.corpus_null_min_pairs, cfg.corpus_null_min_cells
        self.hists: dict[tuple[str, str], NullHistogram] = (
            stored_histograms(store.meta_prefixed("null:"), self.recipe) if self.on else {})
        self.levels: _Levels = ()
        self.refresh()

    def add(self, samples: Iterable[_Sample | None]) -> dict[str, str]:
        """Count ``samples``; the meta values of the histograms they changed."""
        changed: set[tuple[str, str]] = set()
        for got in samples:
            if got is not None and self.on:
                model, lang, single, merged = got
                self.hists.setdefault((model, lang), NullHistogram()).add(single, merged)
                changed.add((model, lang))
        return {null_key(m, lang, self.recipe): self.hists[m, lang].to_json() for m, lang in sorted(changed)}

    def refresh(self) -> None:
        """The levels of the histograms ready now: what the next chunk's pairs are compared with."""
        self.levels = corpus_levels(self.hists, self.calibration, min_pairs=self.min_pairs,
                                    min_cells=self.min_cells) if self.on else ()


def _fill_one(need: list[_Need]) -> tuple[list[tuple[str, str, bytes]], dict[str, float]]:
    assert _LINKER is not None
    return _LINKER.fill(need)


def _count_models(comparer: Comparer, languages: dict[str, str | None], report: IndexReport) -> None:
    """Count the articles linked in a language no model covers (compared by words), and those a routed
    embedder gives to its second model, without loading either model."""
    embedder = comparer.embedder
    which = getattr(embedder, "which", None)
    for lang in languages.values():
        label = lang or "und"
        chosen = which(lang) if which is not None else ("primary" if comparer.model(lang) is not None else None)
        if chosen is None:
            report.uncovered[label] = report.uncovered.get(label, 0) + 1
        elif chosen != "primary":
            report.secondary[label] = report.secondary.get(label, 0) + 1


def _dated_near(dates: dict[str, datetime | None], pending: list[str], window_days: float) -> Callable[[str], bool]:
    """Whether a stored article may be in the publication-time window of some pending article: its date or
    one pending article's is unknown, or it lies within the window of the pending articles' date range."""
    known = [d for aid in pending if (d := dates.get(aid)) is not None]
    if not known or len(known) < len(pending):
        return lambda _aid: True
    lo, hi = min(known) - timedelta(days=window_days), max(known) + timedelta(days=window_days)

    def near(aid: str) -> bool:
        d = dates.get(aid)
        return d is None or lo <= d <= hi
    return near


def _anchored(store: SQLiteStore, groups: list[list[str]], pending: list[str], doc: _StoredDocs,
              cfg: AnchorConfig, *, near: Callable[[str], bool] = lambda _aid: True) -> dict[str, list[str]]:
    """Candidates across model spaces (``stages.anchor_pairs``) of the pending articles, against every stored
    article of another space that ``near`` keeps (the publication-time window would drop the others' pairs):
    the anchors of those are read again from their stored Docs' mentions (no Doc is made; an article stored
    without a Doc of this segmenter is segmented again), so nothing new is stored and an article added later
    is matched against all stored before it. Nothing with one space. Cost: ~0.2 ms CPU an article read, and
    wordfreq's list of each language on its first use in a process."""
    if cfg.min_shared <= 0 or len(groups) < 2:
        return {}
    space = {aid: k for k, ids in enumerate(groups) for aid in ids}
    asking = [aid for aid in pending if aid in space]
    spaces = {space[aid] for aid in asking}
    needed = set(asking)
    for k, ids in enumerate(groups):
        if spaces - {k}:  # some pending article lies in another space than k: all of k is looked at
            needed.update(aid for aid in ids if near(aid))
    articles = {aid: store.article(aid) for aid in needed}
    anchors = {}
    for aid, art in articles.items():
        if art is None:
            continue
        cached = doc.docs.get(aid)
        data = None if cached is not None else store.doc(aid, doc.doc_key)
        mentions = packed_mentions(data) if data is not None else None
        if mentions is None:
            mentions = doc_mentions(cached if cached is not None else doc(aid))
        anchors[aid] = anchor_keys(mentions, art.language, art.dateline, cfg)
    return anchor_pairs(anchors, space, asking, cfg)


#: (query, vector) pairs an exact neighbour search takes at a time.
_EXACT_CELLS = 4_000_000


def _nearest(ids: list[str], matrix: np.ndarray | None, pending: list[str], cfg: IndexConfig) -> dict[str, list[str]]:
    """For each pending article with a vector: the ids of its nearest vectors (cosine >= the minimum,
    at most ``ann_top_k``, itself excluded), by usearch: exact search on small corpora, HNSW on large."""
    if matrix is None or not ids:
        return {}
    from usearch.index import Index, search

    row = {aid: i for i, aid in enumerate(ids)}
    todo = [aid for aid in pending if aid in row]
    if not todo:
        return {}
    queries = matrix[[row[aid] for aid in todo]]
    k = min(cfg.ann_top_k + 1, len(ids))
    if len(ids) <= cfg.ann_exact_below:
        # One thread (threads=1 below): an OpenMP team run in this process would hang a forked link worker that
        # enters OpenMP in its turn (GNU libgomp is not fork-safe; e5's engine uses it).
        # Queries a block at a time: the exact search holds a distance for every (query, vector) pair, and
        # all 10,000 queries at once against 10,000 vectors took 1.5 GB (each query's answer is its own).
        step = max(1, _EXACT_CELLS // len(ids))
        parts = [search(matrix, queries[i:i + step], k, metric="cos", exact=True, threads=1)
                 for i in range(0, len(todo), step)]
        keys = np.vstack([np.asarray(f.keys).reshape(-1, k) for f in parts])
        dist = np.vstack([np.asarray(f.distances).reshape(-1, k) for f in parts])
    else:
        graph = Index(ndim=matrix.shape[1], metric="cos", dtype="f16")
        graph.add(np.arange(len(ids)), matrix, threads=1)
        found = graph.search(queries, k, threads=1)
        keys = np.asarray(found.keys).reshape(len(todo), -1)
        dist = np.asarray(found.distances).reshape(len(todo), -1)
    out: dict[str, list[str]] = {}
    for aid, krow, drow in zip(todo, keys, dist, strict=True):
        out[aid] = [ids[int(j)] for j, d in zip(krow, drow, strict=True)
                    if 0 <= int(j) < len(ids) and ids[int(j)] != aid and 1.0 - float(d) >= cfg.ann_min_similarity]
    return out
