"""Compare two articles: segment -> (embed) -> align -> relate -> diff, as one Comparison record.

``Comparer`` holds what is costly to build (the segmenter's tables, the embedding model) so many
pairs can be compared in one process; ``compare()`` is the one-call form.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

import numpy as np

from .align import AlignConfig, align, aligns_nothing
from .calibrate import said
from .diff import DiffConfig, diff
from .embed import (
    DEFAULT_EMBEDDER,
    E5_LANGUAGES,
    Embedder,
    centre,
    encode_centred,
    get_embedder,
    language_name,
    model_for,
    not_in,
    short_name,
    uncovered,
)
from .ingest import IngestConfig, read_article
from .records import DERIVED_KINDS, Alignment, Article, Comparison, Doc, Relation
from .relate import RelateConfig, relate, unaligned_relation
from .segment import SegmentConfig, Segmenter

__all__ = ["CompareConfig", "Comparer", "compare", "unsupported_line", "with_given_source"]


@dataclass(slots=True, frozen=True)
class CompareConfig:
    """One config per stage, plus which embedder to use (None: lexical only)."""

    ingest: IngestConfig = field(default_factory=IngestConfig)
    segment: SegmentConfig = field(default_factory=SegmentConfig)
    align: AlignConfig = field(default_factory=AlignConfig)
    relate: RelateConfig = field(default_factory=RelateConfig)
    diff: DiffConfig = field(default_factory=DiffConfig)
    embedder: str | None = DEFAULT_EMBEDDER
    #: Documents whose sentence embeddings are kept in memory between comparisons.
    embedding_cache: int = 4096
    #: Characters of a sentence given to the embedder (a longer one is embedded by its start): a
    #: model's cost grows with its input, and a 300 KB "sentence" took 75 s to embed. News sentences
    #: are far shorter; what a longer one says is in its start for any model with a 512-token window.
    embed_max_chars: int = 2000
    #: MiB of the vectors each model gave sentence texts kept in a process and given again for the same text
    #: (``embed.TextVectors``); 0: off. Not exact (a vector then comes from an earlier micro-batch: float
    #: rounding, ~1e-7), so off by default; it pays where copies repeat sentences (issue #15).
    text_cache_mib: float = 0.0


#: Reads an article's stored sentence vectors: (article id, vector key) -> the matrix, or None.
StoredVectors = Callable[[str, str], "np.ndarray | None"]


class Comparer:
    """Compares articles, reusing one segmenter, one embedder and a bounded embedding cache.

    ``stored``, when given, is asked for an article's sentence vectors before the model is: an index keeps
    them in its store (under :meth:`vector_key`), so a comparison there never embeds a sentence again and a
    process that finds every vector stored never loads a model.
    """

    def __init__(self, cfg: CompareConfig | None = None, embedder: Embedder | None = None, *,
                 threads: int | None = None, stored: StoredVectors | None = None) -> None:
        self.cfg = cfg or CompareConfig()
        self.segmenter = Segmenter(self.cfg.segment)
        self._embedder = embedder
        self._threads = threads
        self.stored = stored
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        #: vector_key by model name: the segmenter's doc_key hashes its code and asks importlib for a
        #: package version (~1 ms), and an index asked for it at every stored-vector read (issue #15)
        self._vector_keys: dict[str, str] = {}

    @property
    def embedder(self) -> Embedder | None:
        if self._embedder is None and self.cfg.embedder:
            self._embedder = get_embedder(self.cfg.embedder, threads=self._threads, cache_mib=self.cfg.text_cache_mib)
        return self._embedder

    def article(self, source: Article | str | Path) -> Article:
        return source if isinstance(source, Article) else read_article(source, self.cfg.ingest)

    def doc(self, source: Article | Doc | str | Path) -> Doc:
        return source if isinstance(source, Doc) else self.segmenter.segment(self.article(source))

    def model(self, *languages: str | None) -> Embedder | None:
        """The model that embeds articles in ``languages`` (together): the embedder itself, or the one a
        routed embedder picks; None in lexical mode or where no model covers them all."""
        embedder = self.embedder
        return None if embedder is None else model_for(embedder, *languages)

    def covers(self, doc: Doc) -> bool:
        """Whether ``doc``'s language is covered (always, in lexical mode: nothing is claimed there)."""
        return self.embedder is None or self.model(doc.article.language) is not None

    def embed(self, doc: Doc, model: Embedder | None = None) -> np.ndarray | None:
        """Sentence embeddings of ``doc`` by ``model`` (default: the model of its own language), cached
        by model and article id; None in lexical-only mode and for a language no model covers (its
        cosines would mean nothing there)."""
        model = model or self.model(doc.article.language)
        if model is None:
            return None
        return self.stored_vectors(doc, model)[:len(doc.sentences)]

    def title_vector(self, doc: Doc, model: Embedder) -> np.ndarray | None:
        """The embedding of ``doc``'s title by ``model`` (None without a title): embedded, cached and
        stored with its sentences, as the row after them."""
        return self.stored_vectors(doc, model)[len(doc.sentences)] if self._title(doc) else None

    def stored_vectors(self, doc: Doc, model: Embedder) -> np.ndarray:
        """What an index stores of ``doc`` under :meth:`vector_key`: its sentence vectors, then its title's
        (from the cache or the store when known, else embedded now)."""
        found = self._known(doc, model)
        if found is None:
            found = centre(model, model.encode(self._texts(doc)), doc.article.language)
            self._keep(doc, model, found)
        return found

    def _title(self, doc: Doc) -> str:
        return (doc.article.title or "").strip()[:self.cfg.embed_max_chars]

    def _texts(self, doc: Doc) -> list[str]:
        cap = self.cfg.embed_max_chars
        title = self._title(doc)
        return [s.text[:cap] for s in doc.sentences] + ([title] if title else [])

    def embed_many(self, docs: Sequence[Doc]) -> dict[str, np.ndarray]:
        """Sentence embeddings of many documents, each by the model of its own language, the sentences of
        all documents a model embeds given to it in one call (its micro-batches then fill across
        documents); by article id, for the documents a model covers. Each document's vectors are those
        :meth:`embed` gives (every sentence is embedded on its own; a micro-batch's other sentences move
        a vector by float rounding only, ~1e-7)."""
        out: dict[str, np.ndarray] = {}
        todo: dict[str, tuple[Embedder, list[Doc]]] = {}
        for doc in docs:
            model = self.model(doc.article.language)
            if model is None:
                continue
            found = self._known(doc, model)
            if found is not None:
                out[doc.article.id] = found[:len(doc.sentences)]
            else:
                todo.setdefault(model.name, (model, []))[1].append(doc)
        pending = [(doc, model) for model, group in todo.values() for doc in group]
        made = encode_centred([(model, self._texts(doc), doc.article.language) for doc, model in pending])
        for (doc, model), vectors in zip(pending, made, strict=True):
            self._keep(doc, model, vectors)
            out[doc.article.id] = vectors[:len(doc.sentences)]
        return out

    def vector_key(self, model: Embedder) -> str:
        """What a document's stored sentence vectors depend on: the model (with its version), the
        sentence boundaries (the segmenter's key) and how much of a sentence is embedded; the matrix holds a
        row for the title after the sentences' when the article has one ("t")."""
        key = self._vector_keys.get(model.name)
        if key is None:
            key = self._vector_keys[model.name] = f"{model.name}|{self.segmenter.doc_key}|{self.cfg.embed_max_chars}|t"
        return key

    def _known(self, doc: Doc, model: Embedder) -> np.ndarray | None:
        """``doc``'s vectors by ``model`` from the cache, else from ``stored`` (then cached)."""
        key = f"{model.name}\t{doc.article.id}"
        if key in self._vectors:
            self._vectors.move_to_end(key)
            return self._vectors[key]
        if self.stored is None:
            return None
        found = self.stored(doc.article.id, self.vector_key(model))
        if found is None or len(found) != len(doc.sentences) + bool(self._title(doc)):
            return None
        self._keep(doc, model, found)
        return found

    def _keep(self, doc: Doc, model: Embedder, vectors: np.ndarray) -> None:
        self._vectors[f"{model.name}\t{doc.article.id}"] = vectors
        if len(self._vectors) > self.cfg.embedding_cache:
            self._vectors.popitem(last=False)

    def relation(self, a: Article | Doc | str | Path, b: Article | Doc | str | Path, *,
                 precheck: bool = False, unaligned: bool = False) -> Relation:
        """The relation of ``a`` and ``b`` alone: what an index stores, without the diff. ``precheck``
        (an index's): a pair of which nothing aligns and that the kind rules call unrelated from its
        document similarity and shared names is answered without the features only a related pair needs
        (``relate.unaligned_relation``: the same kind, coverages and first evidence line). ``unaligned``: the
        caller knows (from :meth:`unaligned`) that the pair aligns nothing, so its alignment is not made."""
        return self._relate(self.doc(a), self.doc(b), precheck=precheck, unaligned=unaligned)[1]

    def unaligned(self, hub: Doc, others: Sequence[Doc]) -> list[bool]:
        """For each of ``others``: whether ``hub`` and it certainly align nothing (``align.aligns_nothing``, all
        candidates of a model together: one product of ``hub``'s sentence vectors with theirs), so that
        ``relation(..., unaligned=True)`` gives the relation ``relation`` gives. False: undecided (and for a
        pair no model compares)."""
        out = [False] * len(others)
        by_model: dict[str, tuple[Embedder, list[int]]] = {}
        for k, d in enumerate(others):
            model = self.model(hub.article.language, d.article.language)
            if model is not None:
                by_model.setdefault(model.name, (model, []))[1].append(k)
        for model, ks in by_model.values():
            ea = self.embed(hub, model)
            if ea is None:
                continue
            found = aligns_nothing(hub, ea, [(others[k], self.embed(others[k], model)) for k in ks], self.cfg.align)
            for k, known in zip(ks, found, strict=True):
                out[k] = known
        return out

    def _relate(self, da: Doc, db: Doc, *, precheck: bool = False,
                unaligned: bool = False) -> tuple[Alignment, Relation]:
        la, lb = da.article.language, db.article.language
        model = self.model(la, lb)  # one model for both sides, or none
        ea, eb = (self.embed(da, model), self.embed(db, model)) if model is not None else (None, None)
        if unaligned and ea is not None and eb is not None:  # what align gives such a pair (``aligns_nothing``)
            alignment = Alignment(pairs=(), semantic=True)
        else:
            alignment = align(da, db, self.cfg.align, ea, eb, model=model.name if model is not None else None)
        # titles feed the story features, within one language
        ta, tb = ((self.title_vector(da, model), self.title_vector(db, model))
                  if model is not None and la == lb else (None, None))
        quick = unaligned_relation(da, db, alignment, self.cfg.relate, ea=ea, eb=eb) if precheck else None
        relation = quick or relate(da, db, alignment, self.cfg.relate, ea=ea, eb=eb, ta=ta, tb=tb,
                                   segmenter=self.segmenter, diff_cfg=self.cfg.diff)
        if model is not None and la == lb:  # which null its matches were read against, where not a shipped one
            relation = said(relation, self.cfg.align, model.name, la)
        embedder = self.embedder
        if embedder is None and la and lb and la != lb:  # --lexical across languages: it cannot see a translation
            relation = replace(relation, features={**relation.features, "unsupported_language": 1.0}, evidence=(
                f"{language_name(la)} and {language_name(lb)} compared without an embedder, by shared words only: "
                "a translation cannot be recognised here.", *relation.evidence))
        if embedder is not None and model is None:
            relation = replace(
                relation, features={**relation.features, "unsupported_language": 1.0},
                evidence=(unsupported_line(embedder, uncovered(embedder, la, lb) or [la or "und", lb or "und"]),
                          *relation.evidence))
        elif embedder is not None and model is not None and model is not (
                primary := getattr(embedder, "primary", embedder)):
            beyond = uncovered(primary, la, lb)
            relation = replace(relation, evidence=(beyond_line(model, primary, beyond), *relation.evidence))
        return alignment, relation

    def compare(self, a: Article | Doc | str | Path, b: Article | Doc | str | Path, *,
                source: Literal["a", "b"] | None = None) -> Comparison:
        """Return the Comparison of ``a`` and ``b`` (paths, Articles or Docs). ``source``: the side the caller
        knows is the source (an agency comparing its own story with a copy): the diff reads the other side as
        the copy, and the text's own verdict stays in the evidence (``with_given_source``)."""
        da, db = self.doc(a), self.doc(b)
        alignment, relation = self._relate(da, db)
        if source is not None:
            relation = with_given_source(relation, source)
        embedder = self.model(da.article.language, db.article.language) if alignment.semantic else None
        embed = None
        if embedder is not None:
            def embed(texts: list[str], language: str | None, e: Embedder = embedder) -> np.ndarray:
                return centre(e, e.encode([t[:self.cfg.embed_max_chars] for t in texts]), language)
        items = diff(da, db, alignment, relation, self.cfg.diff, embed=embed)
        return Comparison(
            a=da.article, b=db.article, relation=relation, alignment=alignment, diff=items,
            a_sentences=tuple((s.start, s.end) for s in da.sentences),
            b_sentences=tuple((s.start, s.end) for s in db.sentences),
        )


def with_given_source(relation: Relation, source: Literal["a", "b"]) -> Relation:
    """``relation`` with the source a caller knows (``compare --source``): named with probability 1 and the
    decider ``given``, the text's own verdict said first in the evidence. Two articles that are not copies of
    each other keep no source (there is nothing to diff), and the evidence says so."""
    if source not in ("a", "b"):
        raise ValueError(f"a given source is 'a' or 'b', not {source!r}")
    text = (f"the text alone names {relation.source} (p {relation.source_probability:.2f})" if relation.source
            else f"the text alone names no source (p {relation.source_probability:.2f})")
    if relation.kind not in DERIVED_KINDS:
        line = (f"Source given: {source}, but the two are not copies of each other ({relation.kind.replace('_', ' ')})"
                ": nothing is read as a copy.")
        return replace(relation, evidence=(line, *relation.evidence))
    if relation.source == source:
        line = f"Source given: {source}; {text}, the same."
    else:
        copy = "b" if source == "a" else "a"
        line = f"Source given: {source}, so {copy} is read as the copy; {text}."
    return replace(relation, source=source, source_probability=1.0, evidence=(line, *relation.evidence),
                   deciders={**relation.deciders, "source": "given"})


def _language_names(languages: list[str]) -> tuple[str, str]:
    """("Amharic (am) and Khmer (km)", "are"): the languages named, and the verb that agrees with them."""
    names = " and ".join(language_name(None if x == "und" else x) for x in languages)
    return names, "is" if len(languages) < 2 else "are"


def beyond_line(model: Embedder, primary: Embedder, languages: list[str]) -> str:
    """The line said where a pair was embedded with the second model of ``auto`` for want of the first."""
    names, verb = _language_names(languages)
    return f"Embedded with {short_name(model)}: {names} {verb} beyond the languages of {short_name(primary)}."


def unsupported_line(embedder: Embedder, languages: list[str]) -> str:
    """The one plain line said wherever a comparison fell back to words for want of a model."""
    names, verb = _language_names(languages)
    short = short_name(embedder)
    n = len(embedder.languages or ())
    return (f"{names[0].upper()}{names[1:]} {verb} not among the {n} languages of the embedder {short}: compared "
            "by shared words only, so a translation or a rewrite in other words cannot be recognised here."
            + other_model_hint(embedder.name, languages))


def other_model_hint(embedder_name: str, languages: list[str]) -> str:
    """" `--embedder e5-small-multilingual` covers it." where the ~100-language model would."""
    if embedder_name.startswith("e5-small-multilingual") or not languages:
        return ""
    if not not_in(E5_LANGUAGES, *languages):  # "und" is never inside
        return f" `--embedder e5-small-multilingual` covers {'it' if len(languages) < 2 else 'them'}."
    return ""


def compare(
    a: Article | Doc | str | Path,
    b: Article | Doc | str | Path,
    *,
    embedder: str | None = DEFAULT_EMBEDDER,
    cfg: CompareConfig | None = None,
) -> Comparison:
    """Compare two articles (paths, Articles or Docs); ``embedder=None`` compares words only."""
    if cfg is None:
        cfg = CompareConfig(embedder=embedder)
    return Comparer(cfg).compare(a, b)
