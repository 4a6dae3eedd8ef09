"""The per-record and per-pair stage functions every engine runs (local process pool, Spark UDFs).

An engine decides *where* these run and how records move between them; what each stage computes is
here, once, so the local and Spark engines give the same articles, signatures and relations.

- :class:`ArticleStage`: raw record -> Article (ingest) -> Doc (segment) -> MinHash signature and LSH
  band keys (fingerprint), as one :class:`Fingerprinted` record, or a :class:`RawReject`.
- :func:`doc_vector`: the document vector used for nearest-neighbour candidates.
- :func:`within_window`: the publication-time filter on a candidate pair.
- :func:`relate`: compare one candidate pair and return the :class:`StoredRelation`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from time import process_time

import numpy as np

from wiretrace.compare import Comparer
from wiretrace.errors import InputError, one_line
from wiretrace.fingerprint import MinHashConfig, MinHasher, band_key_matrix, band_keys, doc_tokens
from wiretrace.ingest import IngestConfig, article_from_bytes, article_from_record
from wiretrace.ingest.meta import parse_date
from wiretrace.ingest.sources import RawRecord, RawReject
from wiretrace.records import Article, Doc
from wiretrace.segment import SegmentConfig, Segmenter
from wiretrace.store import StoredRelation

__all__ = ["ArticleStage", "Fingerprinted", "doc_vector", "relate", "within_window"]


@dataclass(slots=True, frozen=True)
class Fingerprinted:
    """One ingested record: where it came from, the article, its Doc and its fingerprints."""

    path: str
    record: str
    article: Article
    doc: Doc
    signature: np.ndarray
    bands: list[int]


class ArticleStage:
    """Ingest, segment and fingerprint one raw record. Holds the segmenter tables and MinHash
    permutations, so build one per worker process (or Spark partition) and call it per record."""

    def __init__(self, ingest: IngestConfig, segment: SegmentConfig, mh: MinHashConfig) -> None:
        self.ingest, self.mh = ingest, mh
        self.segmenter = Segmenter(segment)
        self.minhasher = MinHasher(mh)
        #: CPU seconds spent in each step ("ingest", "segment", "fingerprint") since the engine last
        #: cleared it: what `wiretrace index` reports per stage.
        self.cpu: dict[str, float] = {}

    def __call__(self, raw: RawRecord) -> Fingerprinted | RawReject:
        """The record ingested, segmented and fingerprinted; a reject saying why when it cannot be. An
        error of ours on one record is that record's reject too: the rest of the batch goes on."""
        return self.many([raw])[0]

    def many(self, raws: list[RawRecord]) -> list[Fingerprinted | RawReject]:
        """Each record as the stage gives it alone, with the signatures of the group computed in one batch
        (MinHash's numpy steps cost about as much for one article as for four: ~0.06 ms an article saved,
        issue #15; each signature depends on its own tokens only, so they are the same)."""
        out: list[Fingerprinted | RawReject | None] = []
        read: list[tuple[int, RawRecord, Article, Doc]] = []
        for raw in raws:
            try:
                got = self._read(raw)
            except Exception as exc:  # a bug, not bad input: say so, and keep the run going
                got = _internal(raw, exc)
            if isinstance(got, RawReject):
                out.append(got)
            else:
                read.append((len(out), raw, *got))
                out.append(None)
        if read:
            t0 = process_time()
            try:
                sigs = self.minhasher.signatures_of_tokens([doc_tokens(doc) for *_, doc in read])
                keys = band_key_matrix(sigs, self.mh).tolist()
            except Exception:  # the group's batch failed: each record alone, so only a failing one is lost
                for k, raw, article, doc in read:
                    try:
                        sig = self.minhasher.signatures_of_tokens([doc_tokens(doc)])[0]
                        out[k] = Fingerprinted(raw.path, raw.record, article, doc, sig, band_keys(sig, self.mh))
                    except Exception as exc:  # the record's reject says what went wrong
                        out[k] = _internal(raw, exc)
            else:
                for (k, raw, article, doc), sig, ks in zip(read, sigs, keys, strict=True):
                    out[k] = Fingerprinted(raw.path, raw.record, article, doc, sig, ks)
            self.cpu["fingerprint"] = self.cpu.get("fingerprint", 0.0) + process_time() - t0
        return [r for r in out if r is not None]

    def _read(self, raw: RawRecord) -> tuple[Article, Doc] | RawReject:
        """The record ingested and segmented (or the reject saying why it cannot be)."""
        name = f"{raw.path}:{raw.record}" if raw.record else raw.path
        cpu, t0 = self.cpu, process_time()
        try:
            if raw.obj is not None:
                article = article_from_record(raw.obj, name=name, cfg=self.ingest)
            else:
                article = article_from_bytes(raw.data or b"", name=name, url=raw.url, cfg=self.ingest)
        except InputError as exc:
            return RawReject(raw.path, raw.record, exc.reason)
        if article.date is None and raw.fetched:  # a crawl's fetch time bounds the publication time
            article = replace(article, date=parse_date(raw.fetched))
        t1 = process_time()
        doc = self.segmenter.segment(article)
        t2 = process_time()
        for step, seconds in (("ingest", t1 - t0), ("segment", t2 - t1)):
            cpu[step] = cpu.get(step, 0.0) + seconds
        return article, doc


def _internal(raw: RawRecord, exc: Exception) -> RawReject:
    return RawReject(raw.path, raw.record, f"internal error while reading this record ({one_line(exc)}); "
                                           "please report it with the input")


def doc_vector(comparer: Comparer, doc: Doc) -> np.ndarray | None:
    """Unit-length mean of the document's sentence vectors (None without an embedder or sentences)."""
    sv = comparer.embed(doc)
    if sv is None or not len(sv):
        return None
    v = sv.mean(axis=0)
    return np.asarray(v / (np.linalg.norm(v) or 1.0), dtype=np.float32)


def within_window(da: datetime | None, db: datetime | None, window_days: float) -> bool:
    """True unless both dates are known and further apart than the window."""
    if da is None or db is None:
        return True
    return abs((da - db).total_seconds()) <= window_days * 86400


def relate(comparer: Comparer, a: str, doc_a: Doc, b: str, doc_b: Doc, *, via: str) -> StoredRelation:
    """Compare a candidate pair (ids ordered a < b) and return the relation as stored. A pair of which
    nothing aligns and that is unrelated by its document similarity and shared names is stored without
    the features only a related pair needs (``Comparer.relation``'s pre-check): most nearest-vector
    candidates are such pairs, and their story features were most of the compare stage (issue #15)."""
    if b < a:
        a, doc_a, b, doc_b = b, doc_b, a, doc_a
    r = comparer.relation(doc_a, doc_b, precheck=True)
    return StoredRelation(a, b, r.kind, r.a_in_b, r.b_in_a, r.source, r.source_probability, r.evidence, via,
                          r.features, r.deciders)
