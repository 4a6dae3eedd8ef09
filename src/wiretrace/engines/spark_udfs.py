"""What the Spark engine runs inside executors: ``mapInPandas`` bodies around the shared stage functions.

Each function takes an iterator of pandas batches and yields pandas batches of a fixed schema (the
``*_SCHEMA`` DDL strings below). They hold no Spark objects, so they are plain functions to test and to
pickle by reference; the driver side (which tables, which joins) is :mod:`wiretrace.engines.spark`.

- :func:`explode_files`: whole files (Spark ``binaryFile``) -> raw records; folders' article files are one
  record each, JSONL and WARC dumps are split by the same reader the local engine uses.
- :func:`parquet_records`: rows of Parquet inputs -> raw records (JSON objects, as a JSONL line would be).
- :func:`ingest`: raw records -> :class:`~wiretrace.engines.stages.ArticleStage` -> article, MinHash
  signature, LSH band keys, document vector (:func:`~wiretrace.engines.stages.doc_vector`) and the
  segmented Doc (pickled, so the compare stage does not segment again).
- :func:`window`: :func:`~wiretrace.engines.stages.within_window` on candidate pairs.
- :func:`nearest`: brute-force cosine top-k between two blocks of document vectors.
- :func:`compare`: :func:`~wiretrace.engines.stages.relate` on candidate pairs.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import pickle
import re
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np

from wiretrace.compare import CompareConfig, Comparer
from wiretrace.embed import Embedder, Routed, get_embedder
from wiretrace.engines.stages import (
    AnchorConfig,
    ArticleStage,
    Fingerprinted,
    anchor_keys,
    doc_mentions,
    doc_vector,
    lede_texts,
    relate,
    within_window,
)
from wiretrace.fingerprint import MinHashConfig
from wiretrace.ingest.meta import to_datetime
from wiretrace.ingest.sources import DUMP_SUFFIXES, RawRecord, RawReject, iter_records
from wiretrace.records import Doc

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "CANDIDATE_SCHEMA",
    "INGESTED_SCHEMA",
    "NEAREST_SCHEMA",
    "RAW_SCHEMA",
    "RELATION_SCHEMA",
    "STAMP_COLUMNS",
    "BatchEmbedder",
    "compare",
    "explode_files",
    "ingest",
    "nearest",
    "parquet_records",
    "record_ordinal",
    "window",
]

#: A file's stamp as the store keeps it (``store.inputs.FileStamp``): size, modification time and SHA-256 of
#: the bytes read. Each raw and ingested record carries its file's as one string "SIZE MTIME_NS SHA256" (null
#: for a Parquet row): pandas would turn a column of nanosecond times holding a null into floats, which lose
#: them; the inputs table has the three columns (``STAMP_COLUMNS``).
STAMP_COLUMNS = ("size", "mtime_ns", "sha256")
#: One raw record (or a reject found while splitting a file), with its place in the input order. A row with a
#: ``note`` is neither: what a dump held besides its records (``sources.iter_records``'s notes: a WARC's images,
#: a JSON Lines file's odd fields), said once per file as the local engine says it (``IndexReport.notes``); its
#: record_ordinal numbers the file's notes in the order the reader gave them.
RAW_SCHEMA = ("file_ordinal int, record_ordinal long, path string, record string, data binary, obj string, "
              "url string, fetched string, reason string, stamp string, note string")
_RAW_COLS = [c.split()[0] for c in RAW_SCHEMA.split(", ")]

#: One ingested record: an article with its fingerprints (status "ok"), or a reject with its reason ("rejected"),
#: or a raw row's note, in ``reason`` ("note": no record, kept out of the inputs table).
INGESTED_SCHEMA = (
    "status string, file_ordinal int, record_ordinal long, input_path string, input_record string, "
    "reason string, id string, url string, site string, title string, byline string, date string, "
    "dateline string, credit string, language string, text string, boilerplate array<string>, "
    "boilerplate_rules array<string>, signals array<string>, path string, minhash binary, bands array<bigint>, "
    "vector binary, anchors array<string>, doc binary, file_stamp string")
_INGESTED_COLS = [c.split()[0] for c in INGESTED_SCHEMA.split(", ")]

CANDIDATE_SCHEMA = "a string, b string, via string, within_window boolean"
NEAREST_SCHEMA = "id string, other string, similarity float"
RELATION_SCHEMA = ("a string, b string, kind string, a_in_b double, b_in_a double, source string, "
                   "source_probability double, evidence array<string>, via string, features string, "
                   "deciders string")

_ORDINAL = re.compile(r"(\d+)$")

# Executor-process cache of loaded embedding models, by name: a Python worker serves many tasks, and
# a model is too costly to load per partition (the same pattern as the local engine's pool initialiser).
_EMBEDDERS: dict[str, Embedder] = {}


def record_ordinal(record: str) -> int:
    """The number in a record key ("line 12", "offset 4096", "row 3"): records sort by it within a file."""
    m = _ORDINAL.search(record)
    return int(m.group(1)) if m else 0


def _frame(rows: list[tuple[Any, ...]], cols: list[str]) -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame.from_records(rows, columns=cols)


def _none(v: Any) -> Any:
    """pandas gives NaN / None / NaT for a null cell, and numpy arrays for arrays: normalise to None."""
    if v is None:
        return None
    if isinstance(v, float) and math.isnan(v):
        return None
    if type(v).__name__ == "NaTType":  # pandas' null timestamp (it has an isoformat: "NaT")
        return None
    return v


# -- reading ---------------------------------------------------------------------------------------
def _dump_suffix(name: str) -> str | None:
    low = name.lower()
    return next((s for s in sorted(DUMP_SUFFIXES, key=len, reverse=True) if low.endswith(s)), None)


def _raw_row(fo: int, raw: RawRecord | RawReject, stamp: str | None = None) -> tuple[Any, ...]:
    if isinstance(raw, RawReject):
        return (fo, record_ordinal(raw.record), raw.path, raw.record, None, None, None, None, raw.reason, stamp, None)
    obj = json.dumps(raw.obj, ensure_ascii=False) if raw.obj is not None else None
    return (fo, record_ordinal(raw.record), raw.path, raw.record, raw.data, obj, raw.url, raw.fetched, None, stamp,
            None)


def _note_row(fo: int, k: int, path: str, note: str) -> tuple[Any, ...]:
    """The ``k``-th note of file ``fo`` (shown as ``path``) as a raw row (``RAW_SCHEMA``)."""
    return (fo, k, path, "", None, None, None, None, None, None, note)


def explode_files(batches: Iterator[pd.DataFrame], *,
                  names: dict[str, tuple[int, str, int | None]]) -> Iterator[pd.DataFrame]:
    """Whole files (columns ``path``, ``content``) -> raw records (RAW_SCHEMA). ``names`` maps the
    file's URI key (:func:`uri_key`) to its place in the input order, the path shown to users and its
    modification time as the driver listed it (before the bytes were read). Each record carries its file's
    stamp: that time, and the size and SHA-256 of the very bytes split here (``STAMP_COLUMNS``). A dump's notes
    (what it held besides records) follow its records as note rows, under the path shown."""
    said: list[str] = []  # the notes of the dump being split

    def note(_copy: str, text: str) -> None:
        said.append(text)

    for pdf in batches:
        rows: list[tuple[Any, ...]] = []
        for uri, content in zip(pdf["path"], pdf["content"], strict=True):
            fo, shown, mtime_ns = names[uri_key(str(uri))]
            data = bytes(content)
            stamp = f"{len(data)} {mtime_ns} {hashlib.sha256(data).hexdigest()}" if mtime_ns is not None else None
            suffix = _dump_suffix(shown)
            if suffix is None:
                rows.append(_raw_row(fo, RawRecord(shown, "", data=data), stamp))
                continue
            # Dumps are split by the local engine's reader (same record keys, same rejects), from a
            # scratch copy: it reads files, and an executor may not see the input's file system.
            with tempfile.TemporaryDirectory(prefix="wiretrace-") as tmp:
                copy = Path(tmp) / f"dump{suffix}"
                copy.write_bytes(data)
                said.clear()
                for raw in iter_records([str(copy)], notes=note):
                    rows.append(_raw_row(fo, replace(raw, path=shown), stamp))
                rows.extend(_note_row(fo, k, shown, text) for k, text in enumerate(said))
        if rows:
            yield _frame(rows, _RAW_COLS)


def uri_key(uri: str) -> str:
    """A file URI as Spark reports it (``file:/a/b%20c``) or a plain path -> one comparable key."""
    from urllib.parse import unquote, urlsplit

    if uri.startswith("file:"):
        return os.path.normpath(unquote(urlsplit(uri).path))
    if "://" not in uri:
        return os.path.normpath(Path(uri).absolute())  # Hadoop's paths come normalised ("a/../b" -> "b")
    return uri


def _jsonable(v: Any) -> Any:
    v = _none(v)
    if v is None or isinstance(v, (str, bool, int, float)):
        return v
    if isinstance(v, (datetime, date)):
        return v.isoformat()
    if hasattr(v, "isoformat"):  # pandas Timestamp
        return v.isoformat()
    if isinstance(v, np.generic):
        return v.item()
    if isinstance(v, (list, tuple, np.ndarray)):
        items = [_jsonable(x) for x in v]
        return [x for x in items if x is not None]
    if isinstance(v, dict):
        return {str(k): _jsonable(x) for k, x in v.items()}
    return str(v)


def parquet_records(batches: Iterator[pd.DataFrame], *,
                    names: dict[str, tuple[int, str, int | None]]) -> Iterator[pd.DataFrame]:
    """Rows of Parquet inputs (any columns, plus ``_file`` and ``_row``) -> raw records keyed "row N"."""
    for pdf in batches:
        cols = [c for c in pdf.columns if c not in ("_file", "_row")]
        rows: list[tuple[Any, ...]] = []
        for rec in pdf.to_dict("records"):
            fo, shown, _mtime = names[uri_key(str(rec["_file"]))]
            obj = {c: _jsonable(rec[c]) for c in cols}
            obj = {k: v for k, v in obj.items() if v is not None}
            rows.append(_raw_row(fo, RawRecord(shown, f"row {int(rec['_row']) + 1}", obj=obj)))
        if rows:
            yield _frame(rows, _RAW_COLS)


# -- embeddings --------------------------------------------------------------------------------------
class BatchEmbedder:
    """Wraps an embedder so that the sentences of many documents are encoded in a few large calls (what
    a GPU wants); per-document ``encode`` calls from the stages then read the results.

    Vectors of a sentence encoded in a large batch can differ from the same sentence encoded with its
    document alone in the last float bits (about 1e-7 for USE), so this is opt-in
    (``SparkConfig.embed_batch``); without it every call is per document, exactly as the local engine."""

    def __init__(self, inner: Embedder, batch: int) -> None:
        self.inner, self.batch = inner, batch
        self.name = inner.name
        self.languages = inner.languages
        self.centres = getattr(inner, "centres", None)
        self._cache: dict[str, np.ndarray] = {}

    def prefetch(self, texts: Sequence[str]) -> None:
        todo = list(dict.fromkeys(t for t in texts if t not in self._cache))
        for i in range(0, len(todo), self.batch):
            chunk = todo[i:i + self.batch]
            for t, v in zip(chunk, self.inner.encode(chunk), strict=True):
                self._cache[t] = v

    def clear(self) -> None:
        self._cache.clear()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return self.inner.encode([])
        self.prefetch(texts)
        return np.vstack([self._cache[t] for t in texts]).astype(np.float32)


def _comparer(cfg: CompareConfig, embed_batch: int) -> tuple[Comparer, BatchEmbedder | None]:
    if not cfg.embedder:
        return Comparer(cfg), None
    if cfg.embedder not in _EMBEDDERS:
        _EMBEDDERS[cfg.embedder] = get_embedder(cfg.embedder)
    inner = _EMBEDDERS[cfg.embedder]
    if embed_batch > 0:
        if isinstance(inner, Routed):  # batch the primary model; the second one is used per document
            batcher = BatchEmbedder(inner.primary, embed_batch)
            routed = inner
            return Comparer(cfg, embedder=Routed(batcher, lambda: routed.secondary)), batcher
        batcher = BatchEmbedder(inner, embed_batch)
        return Comparer(cfg, embedder=batcher), batcher
    return Comparer(cfg, embedder=inner), None


# -- stages ------------------------------------------------------------------------------------------
class _Note(NamedTuple):
    """A note row passed through the ingest stage: the file as shown, and what it says."""

    path: str
    text: str


def ingest(batches: Iterator[pd.DataFrame], *, cfg: CompareConfig, mh: MinHashConfig,
           embed_batch: int = 0, lede: int | None = None,
           anchors: AnchorConfig | None = None) -> Iterator[pd.DataFrame]:
    """Raw records (RAW_SCHEMA) -> ingested rows (INGESTED_SCHEMA) through the shared ArticleStage;
    ``lede``: ``IndexConfig.doc_vector_sentences``; ``anchors``: each article's anchors
    (``stages.anchor_keys``), kept only under a routed embedder (two model spaces), as the local engine
    reads them only then."""
    stage = ArticleStage(cfg.ingest, cfg.segment, mh)
    comparer, batcher = _comparer(cfg, embed_batch)
    keep_anchors = anchors is not None and anchors.min_shared > 0 and isinstance(comparer.embedder, Routed)
    for pdf in batches:
        done: list[tuple[int, int, Fingerprinted | RawReject | _Note]] = []
        stamps: list[str | None] = []  # each record's file stamp, passed through
        for rec in pdf.to_dict("records"):
            fo, ro = int(rec["file_ordinal"]), int(rec["record_ordinal"])
            stamps.append(_none(rec["stamp"]))
            if (note := _none(rec["note"])) is not None:
                done.append((fo, ro, _Note(rec["path"], note)))
                continue
            if _none(rec["reason"]) is not None:
                done.append((fo, ro, RawReject(rec["path"], rec["record"], rec["reason"])))
                continue
            obj = _none(rec["obj"])
            data = _none(rec["data"])
            raw = RawRecord(rec["path"], rec["record"], data=bytes(data) if data is not None else None,
                            obj=json.loads(obj) if obj is not None else None, url=_none(rec["url"]),
                            fetched=_none(rec["fetched"]))
            done.append((fo, ro, stage(raw)))
        fps = [x for _, _, x in done if isinstance(x, Fingerprinted)]
        if batcher is not None:
            batcher.prefetch([t for f in fps if comparer.model(f.article.language) is batcher
                              for t in lede_texts(comparer, f.doc, lede)])
        rows: list[tuple[Any, ...]] = []
        for (fo, ro, res), stamp in zip(done, stamps, strict=True):
            if isinstance(res, _Note):
                rows.append(("note", fo, ro, res.path, "", res.text, *([None] * 19), None))
                continue
            if isinstance(res, RawReject):
                rows.append(("rejected", fo, ro, res.path, res.record, res.reason, *([None] * 19), stamp))
                continue
            a = res.article
            vec = doc_vector(comparer, res.doc, lede) if comparer.embedder is not None else None
            rows.append((
                "ok", fo, ro, res.path, res.record, None, a.id, a.url, a.site, a.title, a.byline, a.date,
                a.dateline, a.credit, a.language, a.text, list(a.boilerplate), list(a.boilerplate_rules),
                list(a.signals), a.path,
                res.signature.astype(np.uint32).tobytes(), list(res.bands),
                vec.astype(np.float32).tobytes() if vec is not None else None,
                sorted(anchor_keys(doc_mentions(res.doc), a.language, a.dateline, anchors))
                if keep_anchors and anchors is not None else None,
                pickle.dumps(res.doc, protocol=pickle.HIGHEST_PROTOCOL), stamp))
        if batcher is not None:
            batcher.clear()
        if rows:
            yield _frame(rows, _INGESTED_COLS)


def window(batches: Iterator[pd.DataFrame], *, window_days: float) -> Iterator[pd.DataFrame]:
    """Candidate pairs (a, b, via, date_a, date_b) -> CANDIDATE_SCHEMA with the shared time-window test."""
    for pdf in batches:
        keep = [within_window(to_datetime(_none(da)), to_datetime(_none(db)), window_days)
                for da, db in zip(pdf["date_a"], pdf["date_b"], strict=True)]
        out = pdf[["a", "b", "via"]].copy()
        out["within_window"] = keep
        yield out


def nearest(batches: Iterator[pd.DataFrame], *, top_k: int, min_similarity: float) -> Iterator[pd.DataFrame]:
    """Pairs of vector blocks (block_x, xs, block_y, ys; xs and ys lists of {id, vector}) -> each article's
    best ``top_k`` others in the other block with cosine >= ``min_similarity`` (both directions; a block
    against itself once). The driver keeps the best ``top_k`` over all blocks."""
    for pdf in batches:
        rows: list[tuple[str, str, float]] = []
        for rec in pdf.to_dict("records"):
            ids_x, x = _block(rec["xs"])
            ids_y, y = _block(rec["ys"])
            sims = x @ y.T
            rows.extend(_top(ids_x, ids_y, sims, top_k, min_similarity))
            if rec["block_x"] != rec["block_y"]:
                rows.extend(_top(ids_y, ids_x, sims.T, top_k, min_similarity))
        if rows:
            yield _frame(rows, ["id", "other", "similarity"])


def _block(items: Sequence[dict[str, Any]]) -> tuple[list[str], np.ndarray]:
    ids = [str(it["id"]) for it in items]
    return ids, np.vstack([np.frombuffer(it["vector"], dtype=np.float32) for it in items])


def _top(ids: list[str], others: list[str], sims: np.ndarray, k: int, floor: float) -> list[tuple[str, str, float]]:
    out = []
    kk = min(k + 1, sims.shape[1])  # one more: the article itself is in its own block
    best = np.argpartition(-sims, kk - 1, axis=1)[:, :kk]
    for i, row in enumerate(best):
        for j in row:
            s = float(sims[i, j])
            if others[int(j)] != ids[i] and s >= floor:
                out.append((ids[i], others[int(j)], s))
    return out


def compare(batches: Iterator[pd.DataFrame], *, cfg: CompareConfig, embed_batch: int = 0) -> Iterator[pd.DataFrame]:
    """Candidate pairs with both Docs (a, b, via, doc_a, doc_b) -> stored relations (RELATION_SCHEMA)."""
    comparer, batcher = _comparer(cfg, embed_batch)
    for pdf in batches:
        # The Docs were pickled by this run's ingest stage (never by anyone else).
        docs_a: list[Doc] = [pickle.loads(b) for b in pdf["doc_a"]]  # noqa: S301
        docs_b: list[Doc] = [pickle.loads(b) for b in pdf["doc_b"]]  # noqa: S301
        if batcher is not None:
            batcher.prefetch([s.text for d in (*docs_a, *docs_b) for s in d.sentences])
        rows = []
        for a, b, via, da, db in zip(pdf["a"], pdf["b"], pdf["via"], docs_a, docs_b, strict=True):
            r = relate(comparer, a, da, b, db, via=via)
            row = r.row()
            rows.append((*row[:7], list(r.evidence), *row[8:]))
        if batcher is not None:
            batcher.clear()
        if rows:
            yield _frame(rows, [c.split()[0] for c in RELATION_SCHEMA.split(", ")])
