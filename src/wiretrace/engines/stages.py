"""The per-record and per-pair stage functions every engine runs (local process pool, Spark UDFs).

An engine decides *where* these run and how records move between them; what each stage computes is
here, once, so the local and Spark engines give the same articles, signatures and relations.

- :class:`ArticleStage`: raw record -> Article (ingest) -> Doc (segment) -> MinHash signature and LSH
  band keys (fingerprint), as one :class:`Fingerprinted` record, or a :class:`RawReject`.
- :func:`doc_vector`: the document vector used for nearest-neighbour candidates.
- :func:`within_window`: the publication-time filter on a candidate pair.
- :func:`relate`: compare one candidate pair and return the :class:`StoredRelation`.
- :func:`anchor_keys` / :func:`anchor_pairs`: candidates between articles whose document vectors lie in
  different models' spaces, from the names and figures a translation keeps.
"""

from __future__ import annotations

import json
import re
import zlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from time import process_time

import numpy as np

from wiretrace.compare import Comparer
from wiretrace.embed import Embedder, encode_centred
from wiretrace.errors import InputError, one_line
from wiretrace.fingerprint import MinHashConfig, MinHasher, band_key_matrix, band_keys, doc_tokens
from wiretrace.ingest import IngestConfig, article_from_raw
from wiretrace.ingest.sources import RawRecord, RawReject
from wiretrace.records import Article, Doc
from wiretrace.segment import SegmentConfig, Segmenter, fold, word_zipf
from wiretrace.store import StoredRelation

__all__ = ["LEDE_SENTENCES", "AnchorConfig", "ArticleStage", "Fingerprinted", "anchor_keys", "anchor_pairs",
           "doc_mentions", "doc_vector", "doc_vector_recipe", "full_vectors", "lede_doc_vector", "lede_texts",
           "lede_vectors", "mean_vector", "packed_mentions", "relate", "within_window"]


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
        cpu, t0 = self.cpu, process_time()
        try:
            article = article_from_raw(raw, self.ingest)  # a crawl's fetch time bounds the publication time
        except InputError as exc:
            return RawReject(raw.path, raw.record, exc.reason)
        t1 = process_time()
        doc = self.segmenter.segment(article)
        t2 = process_time()
        for step, seconds in (("ingest", t1 - t0), ("segment", t2 - t1)):
            cpu[step] = cpu.get(step, 0.0) + seconds
        return article, doc


def _internal(raw: RawRecord, exc: Exception) -> RawReject:
    return RawReject(raw.path, raw.record, f"internal error while reading this record ({one_line(exc)}); "
                                           "please report it with the input")


#: Sentences from an article's start whose vectors, with its title's, make its document vector where an
#: index is set to (``IndexConfig.doc_vector_sentences``; issue #15 item 4): embedding every sentence
#: (~1.6 ms CPU each with USE v3) was most of an index's time, and then the whole article's sentence
#: vectors are made only for the articles of a pair that is compared. Chosen on real data at the
#: nearest-vector bar of ``IndexConfig`` (cosine 0.5, top 40), `bench/eval_doc_vectors.py`: WMT22
#: translations found 126 of 126 (dev) and 98 of 98 (test) as with every sentence (first 3: 126, 96);
#: SemEval-2022 task 8 same-story pairs (Overall <= 1.5; es/tr/ar/fr, 293 pairs, no split: all used to
#: choose) 0.881 as with every sentence (first 3: 0.782), with 1.37 other candidate pairs an article
#: against 3.28. Not the default: on the example corpus it finds 7 of the 16 same-event pairs of
#: ``truth.json`` (every sentence: 16), whose independent reports open differently.
LEDE_SENTENCES = 5


def doc_vector_recipe(sentences: int | None) -> str:
    """What a store's document vectors are (its meta ``doc_vector``): the mean of every sentence's vector
    (``"all"``, None), or of the first ``sentences`` and the title's. Vectors of two recipes are never
    searched together."""
    return "all" if sentences is None else f"lede{sentences}+title"


def lede_texts(comparer: Comparer, doc: Doc, sentences: int | None = LEDE_SENTENCES) -> list[str]:
    """What the document vector is embedded from: the first ``sentences`` sentences (None: all), then the
    title (if any), each cut as :meth:`Comparer.stored_vectors` cuts it (with None, exactly its texts)."""
    cap = comparer.cfg.embed_max_chars
    title = (doc.article.title or "").strip()[:cap]
    chosen = doc.sentences if sentences is None else doc.sentences[:sentences]
    return [s.text[:cap] for s in chosen] + ([title] if title else [])


def lede_vectors(comparer: Comparer, docs: list[Doc],
                 sentences: int | None = LEDE_SENTENCES) -> dict[str, tuple[Embedder, np.ndarray]]:
    """The vectors of each document's :func:`lede_texts` by the model of its own language (one ``encode``
    per model for all of ``docs``, each distinct text once), centred as the comparer centres; by article
    id, for the documents a model covers and that have a sentence. With ``sentences`` None these are the
    rows :meth:`Comparer.stored_vectors` gives."""
    todo: dict[str, tuple[Embedder, list[Doc]]] = {}
    for doc in docs:
        model = comparer.model(doc.article.language)
        if model is not None and doc.sentences:
            todo.setdefault(model.name, (model, []))[1].append(doc)
    pending = [(doc, model) for model, group in todo.values() for doc in group]
    made = encode_centred([(model, lede_texts(comparer, doc, sentences), doc.article.language)
                           for doc, model in pending])
    return {doc.article.id: (model, rows) for (doc, model), rows in zip(pending, made, strict=True)}


def lede_doc_vector(doc: Doc, rows: np.ndarray, sentences: int | None) -> np.ndarray:
    """The document vector from ``doc``'s :func:`lede_vectors` rows: their unit-length mean (with
    ``sentences`` None, the sentences' rows only, without the title's: what sessions 9-12 stored)."""
    return mean_vector(rows[:len(doc.sentences)] if sentences is None else rows)


def full_vectors(comparer: Comparer, items: list[tuple[Doc, Embedder, np.ndarray | None]],
                 sentences: int | None = LEDE_SENTENCES) -> list[np.ndarray]:
    """Each document's rows as :meth:`Comparer.stored_vectors` gives them under its model (every sentence,
    then the title), for ``(doc, model, lede)`` items: the rows of ``lede`` (its :func:`lede_vectors` by
    that model for ``sentences``, or None) are reused and only the other sentences are embedded; one
    ``encode`` per model for all the items. Values equal a whole-document ``encode`` to float rounding
    (~1e-7: other micro-batches)."""
    cap = comparer.cfg.embed_max_chars
    plans: list[tuple[int, int, list[str]]] = []  # per item: sentences reused, title row reused, texts to embed
    for doc, _, lede in items:
        title = (doc.article.title or "").strip()[:cap]
        n = len(doc.sentences)
        first = n if sentences is None else min(sentences, n)
        k = first if lede is not None and len(lede) == first + bool(title) else 0
        texts = [s.text[:cap] for s in doc.sentences[k:]] + ([title] if title and not k else [])
        plans.append((k, int(bool(title) and k > 0), texts))
    made = encode_centred([(model, texts, doc.article.language)
                           for (doc, model, _), (_, _, texts) in zip(items, plans, strict=True)])
    out = []
    for (_, _, lede), (k, title_kept, _), new in zip(items, plans, made, strict=True):
        kept = [lede[:k], new, lede[k:k + title_kept]] if k and lede is not None else [new]
        out.append(np.ascontiguousarray(np.vstack(kept), dtype=np.float32))
    return out


def mean_vector(rows: np.ndarray) -> np.ndarray:
    """The unit-length mean of ``rows``."""
    v = rows.mean(axis=0)
    return np.asarray(v / (np.linalg.norm(v) or 1.0), dtype=np.float32)


def doc_vector(comparer: Comparer, doc: Doc, sentences: int | None = None) -> np.ndarray | None:
    """The document vector used for nearest-neighbour candidates: the unit-length mean of the vectors of
    every sentence (``sentences`` None), or of the first ``sentences`` and the title (None without an
    embedder covering its language, or without sentences)."""
    if sentences is None:
        sv = comparer.embed(doc)
        return None if sv is None or not len(sv) else mean_vector(sv)
    found = lede_vectors(comparer, [doc], sentences).get(doc.article.id)
    return None if found is None else mean_vector(found[1])


def within_window(da: datetime | None, db: datetime | None, window_days: float) -> bool:
    """True unless both dates are known and further apart than the window."""
    if da is None or db is None:
        return True
    return abs((da - db).total_seconds()) <= window_days * 86400


def relate(comparer: Comparer, a: str, doc_a: Doc, b: str, doc_b: Doc, *, via: str,
           unaligned: bool = False) -> StoredRelation:
    """Compare a candidate pair (ids ordered a < b) and return the relation as stored. A pair of which
    nothing aligns and that is unrelated by its document similarity and shared names is stored without
    the features only a related pair needs (``Comparer.relation``'s pre-check): most nearest-vector
    candidates are such pairs, and their story features were most of the compare stage (issue #15).
    ``unaligned``: ``Comparer.unaligned`` said the pair aligns nothing (its alignment is not made again)."""
    if b < a:
        a, doc_a, b, doc_b = b, doc_b, a, doc_a
    r = comparer.relation(doc_a, doc_b, precheck=True, unaligned=unaligned)
    return StoredRelation(a, b, r.kind, r.a_in_b, r.b_in_a, r.source, r.source_probability, r.evidence, via,
                          r.features, r.deciders)


@dataclass(slots=True, frozen=True)
class AnchorConfig:
    """Candidates across embedding spaces (a routed embedder's two models: nearest-vector candidates are
    searched within one model's vectors, so a translation embedded by the other model is never one of
    them). An article's anchors are what survives translation: the words of its names (the segmenter's
    name mentions and its dateline) that are rare in its language, cut to their first ``name_prefix``
    characters (a Finnish "Varnholmin" keeps "Varnholm"'s start; a word of another script first written in
    Latin letters, ``_latin``), and its figures with two significant
    digits or more (1987, 3.4, 1,200; not 5 or 80) and full dates. Two articles of different spaces that
    share ``min_shared`` distinct anchors are compared (the comparer decides the relation; anchors only
    propose). An anchor held by more than ``max_articles`` articles proposes nothing (as LSH's
    ``max_bucket``), and an article gets at most ``top_k`` such candidates, those sharing most first."""

    #: Distinct shared anchors that make a candidate (0: no anchor candidates).
    min_shared: int = 4
    #: Name words are keyed by this many first characters (case- and accent-folded).
    name_prefix: int = 5
    #: A name word whose wordfreq Zipf frequency in its article's language exceeds this is no anchor
    #: ("Reuters", "Thursday" at a sentence start, "President").
    max_zipf: float = 3.5
    max_articles: int = 200
    top_k: int = 40
    #: Name words of another script are keyed by their Latin transliteration (``_latin``); False keys
    #: them as written, so only names of one script meet.
    transliterate: bool = True


_NAME_WORD = re.compile(r"[^\W\d_]{3,}")


def _latin(word: str) -> str:
    """A name word as Latin letters: a word of another script transliterated (anyascii: "Навальный" ->
    "navalnyy", "Τσίπρας" -> "tsipras"), letters only, lower case, so a Ukrainian or Greek article shares
    its names' anchors with an English one; a Latin word (folded already) as it is."""
    if all(ord(ch) < 0x250 or 0x1E00 <= ord(ch) <= 0x1EFF for ch in word):
        return word
    from anyascii import anyascii

    return "".join(ch for ch in anyascii(word).lower() if "a" <= ch <= "z")


def _figure(key: str) -> bool:
    """Whether a number mention's key has two significant digits or more."""
    digits = key.replace(".", "").replace("-", "").strip("0")
    return len(digits) >= 2 and digits.isdigit()


def anchor_keys(mentions: Iterable[tuple[str, str]], language: str | None, dateline: str | None,
                cfg: AnchorConfig) -> frozenset[str]:
    """An article's anchors (:class:`AnchorConfig`) from its mentions as (kind, key) pairs and its dateline:
    "n:" and a name word's first characters, "f:" and a figure, "d:" and a full date."""
    out: set[str] = set()
    names = [key for kind, key in mentions if kind == "name"]
    for kind, key in mentions:
        if kind == "number" and _figure(key):
            out.add("f:" + key)
        elif kind == "date" and key.startswith("ymd:"):
            out.add("d:" + key[4:])
    for name in [*names, fold(dateline or "")]:
        for word in _NAME_WORD.findall(name):
            zipf = word_zipf(word, language)
            key = _latin(word) if cfg.transliterate else word
            if (zipf is None or zipf <= cfg.max_zipf) and len(key) >= 3:
                out.add("n:" + key[:cfg.name_prefix])
    return frozenset(out)


def doc_mentions(doc: Doc) -> list[tuple[str, str]]:
    """A Doc's mentions as (kind, key) pairs, in order."""
    return [(m.kind, m.key) for s in doc.sentences for m in s.mentions]


def packed_mentions(data: bytes) -> list[tuple[str, str]] | None:
    """The (kind, key) mentions of a Doc as ``segment.pack_doc`` stored it, without unpacking the Doc (None
    when the data is not such a Doc)."""
    try:
        rows = json.loads(zlib.decompress(data))
        return [(str(kind), str(key)) for *_, mentions in rows for kind, _s, _e, key in mentions]
    except (ValueError, TypeError, zlib.error):
        return None


def anchor_pairs(anchors: dict[str, frozenset[str]], space: dict[str, int], pending: Iterable[str],
                 cfg: AnchorConfig) -> dict[str, list[str]]:
    """For each of ``pending`` (ids in ``anchors``): the articles of another space (``space``: article ->
    its model's group) sharing at least ``cfg.min_shared`` anchors with it, most shared first (then by
    id), at most ``cfg.top_k``. Articles without a space take no part."""
    if cfg.min_shared <= 0:
        return {}
    posting: dict[str, list[str]] = {}
    for aid, keys in anchors.items():
        if aid in space:
            for key in keys:
                posting.setdefault(key, []).append(aid)
    out: dict[str, list[str]] = {}
    for aid in pending:
        own = space.get(aid)
        if own is None or aid not in anchors:
            continue
        shared: Counter[str] = Counter()
        for key in anchors[aid]:
            holders = posting.get(key, ())
            if len(holders) <= cfg.max_articles:
                shared.update(other for other in holders if space[other] != own)
        found = sorted((-n, other) for other, n in shared.items() if n >= cfg.min_shared)
        if found:
            out[aid] = [other for _n, other in found[:cfg.top_k]]
    return out
