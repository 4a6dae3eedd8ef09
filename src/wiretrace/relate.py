"""Relate: the relation kind of two aligned articles, how much each covers of the other, and the source.

The kind follows from coverage by alignment class (exact / edited / paraphrase / translated) with
thresholds named in ``RelateConfig``. The source is a log-odds vote of evidence a person would use —
publication times, the agency dateline and credit, licence lines, content-farm furniture, in-passing
credits ("..., Reuters reported") and containment asymmetry (a trimmed copy sits inside its source) —
turned into a probability, and every vote is written out as a sentence of evidence.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Literal

import numpy as np

from .fingerprint import doc_tokens
from .ingest.meta import to_datetime
from .records import DERIVED_KINDS, Alignment, Doc, Relation, RelationKind
from .segment import word_zipf

__all__ = ["RelateConfig", "coverage", "relate"]

_FARM_SIGNALS = ("read_also", "see_also", "also_like_block", "author_bio", "comment_form", "share_widgets")
_AGENCIES = (r"Reuters|AFP|AP|Associated Press|Agence France-Presse|dpa|DPA|EFE|Lusa|ANSA|Xinhua|Kyodo|Yonhap"
             r"|Bloomberg|PA|ANP|Anadolu|TASS|Belga|APA|SDA|Keystone-SDA|CTK|PAP|MTI|ANA|NTB|TT|Ritzau")
_PASSING_CREDIT = re.compile(
    rf"\b(?:{_AGENCIES})\b[^.]{{0,20}}\b(?:reported|reports|said|says|news agency|informou|noticiou|"
    rf"informó|rapporte|a rapporté|berichtete|meldete)\b"
    rf"|\b(?:according to|told|segundo|según|selon|laut|gegenüber)\s+(?:the\s+)?"
    rf"(?:news agency\s+)?(?:{_AGENCIES})\b",
)


@dataclass(slots=True, frozen=True)
class RelateConfig:
    """Thresholds and evidence weights (fitted on examples/corpus, checked on Clough & Stevenson)."""

    #: Both coverages at least this, nearly all exact: a verbatim copy.
    verbatim_coverage: float = 0.9
    verbatim_exact_share: float = 0.9
    #: Share of the copy (the better-covered side) carried exact or edited, and share of its word
    #: n-grams found in the other (Broder containment): an edited copy. A machine-translated round
    #: trip keeps the sentences but few n-grams, so it lands in rewrite.
    edited_coverage: float = 0.5
    edited_containment: float = 0.5
    containment_ngram: int = 3
    #: Share carried in any form (paraphrase included): a rewrite; across languages: a translation.
    rewrite_coverage: float = 0.45
    translation_coverage: float = 0.45
    #: Below those, this much aligned text, or documents this close, make the same event.
    same_event_coverage: float = 0.08
    same_event_doc_similarity: float = 0.6
    same_event_shared_names: int = 2
    #: Across languages documents sit closer together (a shared topic is most of what a multilingual
    #: encoder sees), so the same event needs its own evidence: documents this close that share this
    #: much of their names' words, a word counting 1 when it is rare (wordfreq Zipf below
    #: ``specific_name_zipf`` in both languages: "Karrabin", "Pesalink") and 0.5 when common ("Mount",
    #: "Seoul"). Two common words, such as a city's name and a common given name, are not enough.
    same_event_cross_doc_similarity: float = 0.5
    same_event_cross_names: float = 1.5
    specific_name_zipf: float = 3.0
    #: Evidence weights (log-odds).
    w_date: float = 2.0
    w_credit: float = 1.0
    w_passing_credit: float = 1.0
    w_licence: float = 1.5
    w_farm: float = 1.5
    w_containment: float = 4.0
    containment_margin: float = 0.05
    #: Below this absolute log-odds no source is named.
    min_log_odds: float = 0.5


def coverage(doc: Doc, spans: list[tuple[int, int]]) -> float:
    """Share of ``doc``'s sentence characters inside ``spans``."""
    total = sum(s.end - s.start for s in doc.sentences)
    if not total:
        return 0.0
    covered = 0
    for s in doc.sentences:
        for start, end in spans:
            lo, hi = max(s.start, start), min(s.end, end)
            if hi > lo:
                covered += hi - lo
    return min(1.0, covered / total)


def relate(
    a: Doc, b: Doc, alignment: Alignment, cfg: RelateConfig | None = None, *,
    ea: np.ndarray | None = None, eb: np.ndarray | None = None,
) -> Relation:
    """Return the Relation of ``a`` and ``b`` given their alignment (and sentence embeddings, if any)."""
    cfg = cfg or RelateConfig()
    pairs = alignment.pairs
    a_in_b = coverage(a, [p.a_span for p in pairs])
    b_in_a = coverage(b, [p.b_span for p in pairs])
    lexical = [p for p in pairs if p.kind in ("exact", "edited")]
    lex_a = coverage(a, [p.a_span for p in lexical])
    lex_b = coverage(b, [p.b_span for p in lexical])
    exact = [p for p in pairs if p.kind == "exact"]
    exact_a = coverage(a, [p.a_span for p in exact])
    exact_b = coverage(b, [p.b_span for p in exact])
    cont_a, cont_b = _containment(a, b, cfg.containment_ngram)
    doc_sim = _doc_similarity(ea, eb)
    shared_names = _shared_names(a, b)
    la, lb = a.article.language, b.article.language
    cross = bool(la and lb and la != lb)
    name_words = _shared_name_words(a, b, cfg.specific_name_zipf) if cross else 0.0
    features = {
        "a_in_b": a_in_b, "b_in_a": b_in_a, "lexical_a_in_b": lex_a, "lexical_b_in_a": lex_b,
        "exact_a_in_b": exact_a, "exact_b_in_a": exact_b, "doc_similarity": doc_sim,
        "shared_names": float(shared_names), "cross_language": float(cross),
        "containment_a_in_b": cont_a, "containment_b_in_a": cont_b, "shared_name_words": name_words,
    }
    kind = _kind(cfg, cross=cross, a_in_b=a_in_b, b_in_a=b_in_a, lex_a=lex_a, lex_b=lex_b, exact_a=exact_a,
                 exact_b=exact_b, containment=max(cont_a, cont_b), doc_sim=doc_sim, shared_names=shared_names,
                 name_words=name_words)
    source: Literal["a", "b"] | None = None
    probability = 0.0
    evidence: list[str] = []
    if kind in DERIVED_KINDS:
        source, probability, evidence = _direction(a, b, a_in_b, b_in_a, cfg)
    else:
        evidence.append(_why_not_derived(kind, max(a_in_b, b_in_a), doc_sim, shared_names,
                                         name_words if cross else None))
    return Relation(kind=kind, a_in_b=a_in_b, b_in_a=b_in_a, source=source,
                    source_probability=probability, evidence=tuple(evidence), features=features)


def _kind(
    cfg: RelateConfig, *, cross: bool, a_in_b: float, b_in_a: float, lex_a: float, lex_b: float,
    exact_a: float, exact_b: float, containment: float, doc_sim: float, shared_names: int,
    name_words: float = 0.0,
) -> RelationKind:
    best = max(a_in_b, b_in_a)
    if cross:
        if best >= cfg.translation_coverage:
            return "translation"
    else:
        if min(exact_a, exact_b) >= cfg.verbatim_coverage * cfg.verbatim_exact_share:
            return "verbatim"
        if max(lex_a, lex_b) >= cfg.edited_coverage and containment >= cfg.edited_containment:
            return "edited_copy"
        if best >= cfg.rewrite_coverage:
            return "rewrite"
    if best >= cfg.same_event_coverage:
        return "same_event"
    if cross:
        if doc_sim >= cfg.same_event_cross_doc_similarity and name_words >= cfg.same_event_cross_names:
            return "same_event"
    elif doc_sim >= cfg.same_event_doc_similarity and shared_names >= cfg.same_event_shared_names:
        return "same_event"
    return "unrelated"


def _direction(
    a: Doc, b: Doc, a_in_b: float, b_in_a: float, cfg: RelateConfig
) -> tuple[Literal["a", "b"] | None, float, list[str]]:
    """Log-odds that a is the source (positive) or b (negative), with one sentence per vote."""
    score = 0.0
    evidence: list[str] = []
    A, B = a.article, b.article  # noqa: N806 - the two articles, named as in the contract
    da, db = to_datetime(A.date), to_datetime(B.date)
    if da and db and da != db:
        hours = (db - da).total_seconds() / 3600
        weight = cfg.w_date * min(1.5, 0.75 + abs(hours) / 24)
        first, second = ("a", "b") if hours > 0 else ("b", "a")
        score += weight if hours > 0 else -weight
        evidence.append(f"{first} was published {_ago(abs(hours))} before {second} "
                        f"({A.date if hours > 0 else B.date} vs {B.date if hours > 0 else A.date})")
    elif (da is None) != (db is None):
        dated = "a" if da else "b"
        evidence.append(f"only {dated} carries a publication date")
    if A.credit and not B.credit:
        score += cfg.w_credit
        evidence.append(f"a carries the agency dateline and credit ({_credit(A.dateline, A.credit)}); b does not")
    elif B.credit and not A.credit:
        score -= cfg.w_credit
        evidence.append(f"b carries the agency dateline and credit ({_credit(B.dateline, B.credit)}); a does not")
    for side, doc, sign in (("a", a, -1.0), ("b", b, 1.0)):
        art = doc.article
        m = _PASSING_CREDIT.search(art.text)
        if m and not art.credit:
            score += sign * cfg.w_passing_credit
            evidence.append(f"{side} credits an agency in passing (\u201c{m.group(0)}\u201d): a sign of a rewrite")
        if "licence_line" in art.signals:
            score += sign * cfg.w_licence
            evidence.append(f"{side} carries a licence or copyright line, as republished copy does")
        farm = [s for s in art.signals if s in _FARM_SIGNALS]
        if farm:
            score += sign * cfg.w_farm
            evidence.append(f"{side} is wrapped in content-farm furniture ({', '.join(farm)})")
    asym = b_in_a - a_in_b
    if abs(asym) >= cfg.containment_margin:
        vote = max(-1.5, min(1.5, cfg.w_containment * asym))
        score += vote
        inner, outer = ("b", "a") if asym > 0 else ("a", "b")
        evidence.append(f"{inner} is {max(a_in_b, b_in_a):.0%} covered by {outer}, {outer} only "
                        f"{min(a_in_b, b_in_a):.0%} by {inner}: {inner} looks cut down from {outer}")
    if abs(score) < cfg.min_log_odds:
        evidence.append("the evidence does not tell which came first")
        return None, 0.5, evidence
    p = 1.0 / (1.0 + math.exp(-abs(score)))
    return ("a" if score > 0 else "b"), p, evidence


def _containment(a: Doc, b: Doc, n: int) -> tuple[float, float]:
    """Share of a's word n-grams found in b, and of b's in a."""
    def grams(d: Doc) -> set[tuple[str, ...]]:
        toks = doc_tokens(d)
        return {tuple(toks[k:k + n]) for k in range(len(toks) - n + 1)}

    ga, gb = grams(a), grams(b)
    if not ga or not gb:
        return 0.0, 0.0
    shared = len(ga & gb)
    return shared / len(ga), shared / len(gb)


def _doc_similarity(ea: np.ndarray | None, eb: np.ndarray | None) -> float:
    if ea is None or eb is None or not len(ea) or not len(eb):
        return 0.0
    ma, mb = ea.mean(axis=0), eb.mean(axis=0)
    denom = float(np.linalg.norm(ma) * np.linalg.norm(mb))
    return float(ma @ mb / denom) if denom else 0.0


def _shared_names(a: Doc, b: Doc) -> int:
    def names(d: Doc) -> set[str]:
        return {m.key for s in d.sentences for m in s.mentions if m.kind == "name" and len(m.key) > 3}

    return len(names(a) & names(b))


def _shared_name_words(a: Doc, b: Doc, specific_zipf: float) -> float:
    """Words of names found in both articles, a rare word counting 1 and a common one 0.5 (see RelateConfig)."""

    def words(d: Doc) -> set[str]:
        return {w for s in d.sentences for m in s.mentions if m.kind == "name"
                for w in _NAME_SPLIT.split(m.key) if len(w) > 3}

    langs = [lang for lang in (a.article.language, b.article.language) if lang]
    score = 0.0
    for w in words(a) & words(b):
        freqs = [word_zipf(w, lang) for lang in langs]
        # no language known, or one wordfreq does not know: counted as common
        common = not freqs or None in freqs or max(f for f in freqs if f is not None) >= specific_zipf
        score += 0.5 if common else 1.0
    return score


_NAME_SPLIT = re.compile(r"[\s\-'\u2019]+")


def _why_not_derived(kind: RelationKind, best: float, doc_sim: float, shared: int,
                     name_words: float | None = None) -> str:
    if kind == "same_event":
        names = (f"{shared} names" if name_words is None
                 else f"names (weighted shared name words {name_words:.1f})")
        return (f"only {best:.0%} of the text aligns, too little for a copy; the articles share "
                f"{names} and document similarity {doc_sim:.2f}: the same event reported independently")
    return f"only {best:.0%} of the text aligns and document similarity is {doc_sim:.2f}: unrelated"


def _credit(dateline: str | None, credit: str | None) -> str:
    return f"{dateline} ({credit})" if dateline else f"({credit})"


def _ago(hours: float) -> str:
    if hours < 1:
        return f"{hours * 60:.0f} min"
    if hours < 48:
        return f"{hours:.1f} h"
    return f"{hours / 24:.1f} days"
