"""A null estimated inside an index from its own corpus (issue #17 item 3): for a (model, language) the
shipped null file (``AlignConfig.calibration``, null-v1) lacks.

What unrelated sentences score is counted from the index's own nearest candidates: every same-language pair
compared with a model and related ``unrelated``, its sentence-pair cosines (less the cells the lexical path
matches: shared boilerplate), single sentences and merged pairs, as counts per cosine bin. Counts are kept
per (model, language, document-vector recipe) in the store's meta (``null:`` keys), so incremental runs and
Spark partitions merge by addition. Once a histogram holds ``min_pairs`` pairs and ``min_cells`` cells its
levels (the quantiles null-v1 reads) calibrate that language's alignments, as a shipped null would; before,
the fixed thresholds hold. A pair related with a corpus estimate says so (features ``null_corpus_pairs``) and
is not counted: the estimate never learns from pairs it decided, so it stops moving once in use.

Measured on SemEval-2022 dev with the shipped null withheld one language at a time (bench/index_null.py;
bench/RESULTS.md).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

import numpy as np

from .align import AlignConfig, Calibrated, _intersect, _pair_means, _shingle_index, calibrated, pair_null
from .embed import language_name
from .records import Doc, Relation

__all__ = ["BIN_WIDTH", "CORPUS_FEATURE", "MIN_CELLS", "MIN_PAIRS", "NONE_FEATURE", "NullHistogram", "corpus_levels",
           "eligible", "null_cells", "null_key", "null_sample", "parse_key", "said", "stored_histograms"]

#: Cosine bins: [-1, 1] in steps of this (1,000 bins). A level is read as its bin's upper edge, so an
#: estimate errs upwards (a threshold raised) by at most one bin.
BIN_WIDTH = 0.002
_BINS = round(2.0 / BIN_WIDTH)
#: The layout of a stored histogram: a store written with another one is counted again (see ``from_json``).
_LAYOUT = f"v1|{BIN_WIDTH:g}"
#: An estimate is used from this many pairs and cells. Fitted on SemEval-2022 dev (bench/index_null.py
#: --withhold, USE v3): the fewest pairs from which the 5-95% bootstrap range of every level read (q0.999
#: single and merged, q0.99) is at most 0.05 wide in each of ar, es, fr, tr (ar 250, tr 250, fr 200, es 100).
#: The cells guard against a corpus of very short articles (at 250 pairs ar had ~10,000, the fewest).
MIN_PAIRS = 250
MIN_CELLS = 10_000
#: The levels read, as null-v1's: q0.999 for a match and a gap fill, q0.99 for each half of a merged group.
Q_MATCH, Q_HALF = 0.999, 0.99


@dataclass(slots=True)
class NullHistogram:
    """Cosine counts of unrelated sentence pairs of one (model, language, recipe): single sentences and
    merged pairs (a mean of two consecutive sentences against one), and the document pairs they came from."""

    pairs: int = 0
    single: np.ndarray = field(default_factory=lambda: np.zeros(_BINS, dtype=np.int64))
    merged: np.ndarray = field(default_factory=lambda: np.zeros(_BINS, dtype=np.int64))

    @property
    def cells(self) -> int:
        return int(self.single.sum())

    def add(self, single: np.ndarray, merged: np.ndarray) -> None:
        """Count one document pair's cells."""
        self.pairs += 1
        self.single += _counts(single)
        self.merged += _counts(merged)

    def merge(self, other: NullHistogram) -> NullHistogram:
        """The histogram of both (counts added: order and partition do not matter)."""
        return NullHistogram(self.pairs + other.pairs, self.single + other.single, self.merged + other.merged)

    def quantile(self, level: float, *, merged: bool = False) -> float:
        """The upper edge of the bin holding the ``level`` quantile (nan without counts)."""
        counts = self.merged if merged and self.merged.sum() else self.single
        total = int(counts.sum())
        if not total:
            return float("nan")
        k = int(np.searchsorted(np.cumsum(counts), level * total, side="left"))
        return round(-1.0 + (min(k, _BINS - 1) + 1) * BIN_WIDTH, 6)

    def levels(self) -> Calibrated:
        """The thresholds a shipped null of these counts would give (``align._null_file``'s reading)."""
        match, match_merged = self.quantile(Q_MATCH), self.quantile(Q_MATCH, merged=True)
        return Calibrated(match, match, match_merged, match_merged, self.quantile(Q_HALF))

    def ready(self, min_pairs: int = MIN_PAIRS, min_cells: int = MIN_CELLS) -> bool:
        return self.pairs >= min_pairs and self.cells >= min_cells

    def to_json(self) -> str:
        """Sparse counts, for a meta value."""
        def sparse(c: np.ndarray) -> dict[str, int]:
            return {str(int(i)): int(c[i]) for i in np.flatnonzero(c)}
        return json.dumps({"layout": _LAYOUT, "pairs": self.pairs, "single": sparse(self.single),
                           "merged": sparse(self.merged)}, sort_keys=True)

    @classmethod
    def from_json(cls, text: str | None) -> NullHistogram:
        """The histogram ``to_json`` wrote; empty for none, or for another bin layout (counted again)."""
        data = json.loads(text) if text else {}
        out = cls()
        if data.get("layout") != _LAYOUT:
            return out
        out.pairs = int(data["pairs"])
        for name in ("single", "merged"):
            arr = getattr(out, name)
            for i, n in data[name].items():
                arr[int(i)] = n
        return out


def _counts(x: np.ndarray) -> np.ndarray:
    idx = np.clip(np.floor((np.asarray(x, dtype=np.float64) + 1.0) / BIN_WIDTH).astype(np.int64), 0, _BINS - 1)
    return np.bincount(idx, minlength=_BINS).astype(np.int64)


def null_cells(a: Doc, b: Doc, ea: np.ndarray, eb: np.ndarray,
               cfg: AlignConfig | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The cosines of ``a`` and ``b``'s sentence pairs that enter a null: single sentences (``ea @ eb.T``)
    and merged pairs in both directions, less the cells the lexical path matches (Dice of the aligner's
    shingles >= ``lexical_min``; for a group, either half): as ``bench/fit_null.py`` fitted null-v1."""
    cfg = cfg or AlignConfig()
    ia, ib = _shingle_index(a, cfg.shingle_size), _shingle_index(b, cfg.shingle_size)
    inter = _intersect(ia, ib)
    total = ia.sizes[:, None] + ib.sizes[None, :]
    with np.errstate(divide="ignore", invalid="ignore"):
        dice = np.where(total > 0, 2.0 * np.minimum(inter, np.minimum(ia.sizes[:, None], ib.sizes[None, :])) / total,
                        0.0)
    return kept_cells(ea, eb, dice < cfg.lexical_min)


def kept_cells(ea: np.ndarray, eb: np.ndarray, keep: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """1-1 cosines and merged-group cosines (both directions) of two documents' sentence vectors, of the cells
    ``keep`` marks (for a group, both halves): what ``null_cells`` and ``bench/fit_null.py`` count."""
    single = (ea @ eb.T)[keep]
    merged = []
    if len(eb) > 1:
        merged.append((ea @ _pair_means(eb).T)[keep[:, :-1] & keep[:, 1:]])
    if len(ea) > 1:
        merged.append((_pair_means(ea) @ eb.T)[keep[:-1, :] & keep[1:, :]])
    return single, (np.concatenate(merged) if merged else np.zeros(0))


def null_key(model: str, language: str, recipe: str) -> str:
    """The store's meta key of the histogram of ``language`` under ``model`` for document vectors ``recipe``."""
    return f"null:{model}|{language}|{recipe}"


def parse_key(key: str) -> tuple[str, str, str] | None:
    """(model, language, recipe) of a :func:`null_key`; None for another key."""
    if not key.startswith("null:"):
        return None
    parts = key[5:].split("|")
    if len(parts) < 3:
        return None
    return "|".join(parts[:-2]), parts[-2], parts[-1]


def eligible(calibration: str | None, model: str, language: str | None) -> bool:
    """Whether a corpus estimate may calibrate ``language`` under ``model``: calibration on, a language
    named, and no shipped null for it."""
    return bool(calibration and language and language != "und" and calibrated(calibration, model, language) is None)


def corpus_levels(histograms: Mapping[tuple[str, str], NullHistogram], calibration: str | None, *,
                  min_pairs: int = MIN_PAIRS,
                  min_cells: int = MIN_CELLS) -> tuple[tuple[str, str, Calibrated, int], ...]:
    """``AlignConfig.corpus_null`` from the histograms by (model, language): the ready ones of a language
    without a shipped null, sorted, each with its pair count."""
    return tuple((model, lang, h.levels(), h.pairs) for (model, lang), h in sorted(histograms.items())
                 if eligible(calibration, model, lang) and h.ready(min_pairs, min_cells))


#: The features that say which null a same-language pair compared with a model was read against: the pairs of
#: the index's own estimate, or 1 for none (the fixed thresholds). A shipped null adds nothing (as before).
CORPUS_FEATURE = "null_corpus_pairs"
NONE_FEATURE = "null_uncalibrated"


def said(relation: Relation, cfg: AlignConfig, model: str, language: str | None) -> Relation:
    """``relation`` of a same-language pair in ``language`` compared with ``model``, saying which null its
    sentence matches were read against when it is not a shipped one: a feature always, and for a pair
    called related an evidence line after the others."""
    _, source, pairs = pair_null(cfg, model, language)
    if source == "shipped" or not language:
        return relation
    name = language_name(language)
    if source == "corpus":
        feature = {CORPUS_FEATURE: float(pairs)}
        line = (f"Sentence matches in {name} were read against this index's own unrelated pairs ({pairs:,} "
                "pairs): no shipped calibration for this language and model.")
    else:
        feature = {NONE_FEATURE: 1.0}
        line = (f"Sentence matches in {name} were read against fixed thresholds: no calibration for this "
                "language and model (an index estimates one from its own pairs once it holds enough).")
    evidence = relation.evidence if relation.kind == "unrelated" else (*relation.evidence, line)
    return replace(relation, features={**relation.features, **feature}, evidence=evidence)


def null_sample(a: Doc, b: Doc, ea: np.ndarray | None, eb: np.ndarray | None, *, cfg: AlignConfig, model: str,
                kind: str, features: Mapping[str, float]) -> tuple[str, str, np.ndarray, np.ndarray] | None:
    """What a compared pair (its relation's ``kind`` and ``features``) adds to its language's null (model,
    language, single and merged cosines): only a same-language pair called ``unrelated`` by fixed thresholds
    (no shipped null, no corpus estimate in use) with every sentence's vector; None otherwise."""
    la = a.article.language
    if (kind != "unrelated" or not la or la != b.article.language or CORPUS_FEATURE in features
            or ea is None or eb is None or len(ea) != len(a.sentences) or len(eb) != len(b.sentences)
            or not len(ea) or not len(eb) or not eligible(cfg.calibration, model, la)):
        return None
    single, merged = null_cells(a, b, ea, eb, cfg)
    return model, la, single.astype(np.float32), merged.astype(np.float32)


def stored_histograms(meta: Mapping[str, str], recipe: str) -> dict[tuple[str, str], NullHistogram]:
    """The histograms of the store's meta (``null:`` keys) for document vectors ``recipe``, by (model, language)."""
    out: dict[tuple[str, str], NullHistogram] = {}
    for key, value in meta.items():
        parsed = parse_key(key)
        if parsed is not None and parsed[2] == recipe:
            out[parsed[0], parsed[1]] = NullHistogram.from_json(value)
    return out
