"""What a null re-estimated inside an index would say (issue #17 item 3, last part): a measurement spike.

The shipped calibration (``null-v1``, ``bench/fit_null.py``) was fitted on labelled *hard* nulls: sentence
cosines of SemEval-2022 pairs rated different stories (same topic) and of different WMT22 documents. An
index has no labels. This script treats the cached SemEval articles of one split, per language, as an
unlabelled corpus (no rating is read to build it) and estimates from it:

- ``random``: sentence cosines of article pairs drawn at random (seeded), less the cells the lexical
  path matches (``fit_null._cells``);
- ``candidate``: the same, only for the pairs an index would compare by document vector
  (``IndexConfig.ann_min_similarity`` and ``ann_top_k``) whose relation is not derived (verbatim /
  edited_copy / rewrite / translation), related with the shipped calibration (``--index-calibration
  none``: the fixed thresholds, as for a language without a shipped null);
- ``candidate_unrelated``: of those, only the pairs related ``unrelated``;

and sets them beside null-v1's levels, with the bootstrap spread of q0.999 as a function of the number of
article pairs. With ``--kinds`` (dev only: reads the ratings) it re-relates the split's SemEval pairs with
thresholds raised to max(null-v1, index estimate) and counts the kinds that change, by rating band.

    OMP_NUM_THREADS=1 .venv/bin/python bench/index_null.py --split dev [--kinds] [--by-articles]
        [--index-calibration none] [--json PATH]

Findings and the design they suggest: bench/RESULTS.md, "A null estimated inside an index, session 15"
(issue #17 item 3).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

MODEL = "use-multilingual-v3"
LANGS = ("ar", "es", "fr", "tr")
LEVELS = (0.5, 0.9, 0.99, 0.995, 0.999)
SIZES = (25, 50, 100, 200, 400, 800, 1600, 3200)
DERIVED = frozenset({"verbatim", "edited_copy", "rewrite", "translation"})


@dataclass(slots=True)
class Art:
    """One article of the unlabelled corpus: its Doc, sentence vectors, document vector, sentence shingles."""

    id: str
    doc: Any
    rows: np.ndarray
    vector: np.ndarray
    #: The stored rows (every sentence, then the title's when there is one).
    full: np.ndarray
    shingles: list[set[tuple[str, ...]]]


def dice_matrix(sa: Sequence[set[tuple[str, ...]]], sb: Sequence[set[tuple[str, ...]]]) -> np.ndarray:
    """Dice of every pair of shingle sets: ``align.lexical_similarity`` of each sentence pair."""
    out = np.zeros((len(sa), len(sb)))
    for i, x in enumerate(sa):
        for j, y in enumerate(sb):
            total = len(x) + len(y)
            out[i, j] = 2.0 * len(x & y) / total if total else 0.0
    return out


def random_pairs(n: int, k: int, seed: int = 17) -> list[tuple[int, int]]:
    """``k`` distinct unordered pairs i < j of ``n`` items, drawn uniformly (all of them when fewer)."""
    total = n * (n - 1) // 2
    if total <= k:
        return [(i, j) for i in range(n) for j in range(i + 1, n)]
    rng = np.random.default_rng(seed)
    seen: set[tuple[int, int]] = set()
    while len(seen) < k:
        i, j = (int(x) for x in rng.integers(0, n, 2))
        if i != j:
            seen.add((min(i, j), max(i, j)))
    return sorted(seen)


def candidate_pairs(vectors: np.ndarray, bar: float, top_k: int) -> list[tuple[int, int]]:
    """Pairs i < j an index compares by document vector: j among i's ``top_k`` nearest at cosine >= ``bar``
    or i among j's (the union, as each article's neighbours are looked up when it is linked)."""
    sim = vectors @ vectors.T
    np.fill_diagonal(sim, -np.inf)
    out: set[tuple[int, int]] = set()
    for i in range(len(vectors)):
        order = np.argsort(-sim[i])[:top_k]
        for j in order:
            if sim[i, j] >= bar:
                out.add((min(i, int(j)), max(i, int(j))))
    return sorted(out)


def quantile_of_pairs(cells: Sequence[np.ndarray], level: float) -> float:
    """The ``level`` quantile of all cells of these article pairs (nan when none)."""
    x = np.concatenate(cells) if cells else np.zeros(0)
    return float(np.quantile(x, level)) if x.size else float("nan")


def bootstrap(cells: Sequence[np.ndarray], sizes: Sequence[int], level: float = 0.999, draws: int = 200,
              seed: int = 17) -> dict[int, dict[str, float]]:
    """Spread of the ``level`` quantile when only ``n`` article pairs are seen: for each ``n`` in ``sizes``
    (at most the pool), ``draws`` resamples of ``n`` pairs (with replacement), and their 5/50/95%."""
    rng = np.random.default_rng(seed)
    out: dict[int, dict[str, float]] = {}
    pool = [c for c in cells if c.size]
    for n in sizes:
        if n > len(pool):
            break
        qs = [quantile_of_pairs([pool[k] for k in rng.integers(0, len(pool), n)], level) for _ in range(draws)]
        p5, p50, p95 = np.percentile(qs, [5, 50, 95])
        out[n] = {"p5": round(float(p5), 4), "median": round(float(p50), 4), "p95": round(float(p95), 4),
                  "width": round(float(p95 - p5), 4)}
    return out


def stable_size(spread: dict[int, dict[str, float]], width: float = 0.05) -> int | None:
    """The smallest number of article pairs whose 5-95% range is at most ``width`` (None: none in the grid)."""
    return next((n for n, r in sorted(spread.items()) if r["width"] <= width), None)


def corpus(items: list[dict[str, Any]], split: str) -> dict[str, list[Art]]:
    """The split's articles per language (each once; only those detected in the subset's language and
    embedded): no rating is read."""
    from wiretrace.align import shingles
    from wiretrace.engines.stages import mean_vector

    seen: dict[str, dict[str, Art]] = defaultdict(dict)
    for it in items:
        if it["split"] != split:
            continue
        for d, v in ((it["da"], it["va"]), (it["db"], it["vb"])):
            n = len(d.sentences)
            if d.article.language != it["lang"] or n == 0 or v.shape[0] < n or d.article.id in seen[it["lang"]]:
                continue
            seen[it["lang"]][d.article.id] = Art(d.article.id, d, v[:n], mean_vector(v[:n]), v,
                                                [shingles(s.tokens, 2) for s in d.sentences])
    return {lang: list(arts.values()) for lang, arts in sorted(seen.items())}


def cells(a: Art, b: Art) -> tuple[np.ndarray, np.ndarray]:
    from fit_null import _cells
    s, m = _cells(a.rows, b.rows, dice_matrix(a.shingles, b.shingles))
    return s.astype(np.float32), m.astype(np.float32)


#: The calibration the index relates its candidates with (``--index-calibration``): which of them are
#: derived or unrelated, and so which enter the candidate estimates, depends on it.
INDEX_CALIBRATION: list[str | None] = ["null-v1"]


def kind(a: Art, b: Art) -> str:
    from fit_null import rerelate
    from wiretrace.align import AlignConfig
    it = {"da": a.doc, "db": b.doc, "va": a.full, "vb": b.full}
    return str(rerelate(it, AlignConfig(calibration=INDEX_CALIBRATION[0]), MODEL).kind)


def levels(single: Sequence[np.ndarray], merged: Sequence[np.ndarray]) -> dict[str, float]:
    out = {f"q{q:g}": round(quantile_of_pairs(single, q), 4) for q in LEVELS}
    out |= {f"merged_q{q:g}": round(quantile_of_pairs(merged, q), 4) for q in (0.99, 0.999)}
    return out


def shipped() -> dict[str, dict[str, float]]:
    data = json.loads((Path(__file__).resolve().parents[1] / "src/wiretrace/models/null-v1.json").read_text())
    out = {}
    for lang, r in data["models"][MODEL].items():
        m = r["merged"] or r["single"]
        out[lang] = {"source": r["source"], "document_pairs": r["document_pairs"],
                     **{f"q{q:g}": r["single"][f"q{q:g}"] for q in (0.5, 0.9, 0.99, 0.995, 0.999)},
                     "merged_q0.99": m["q0.99"], "merged_q0.999": m["q0.999"]}
    return out


def hard_null(items: list[dict[str, Any]], split: str, lang: str) -> list[np.ndarray]:
    """null-v1's SemEval source again (pairs rated different stories; reads ratings: dev only), per pair."""
    from fit_null import DIFFERENT_MIN
    from wiretrace.align import shingles
    out = []
    for it in items:
        if it["split"] != split or it["lang"] != lang or it["overall"] < DIFFERENT_MIN:
            continue
        na, nb = len(it["da"].sentences), len(it["db"].sentences)
        if not na or not nb:
            continue
        a, b = (Art(side, d, v[:len(d.sentences)], v[0], v, [shingles(s.tokens, 2) for s in d.sentences])
                for side, d, v in (("a", it["da"], it["va"]), ("b", it["db"], it["vb"])))
        out.append(cells(a, b)[0])
    return out


def install(table: dict[str, dict[str, float]]) -> None:
    """Make the aligner read these levels (a bench measurement, as ``fit_null.install``)."""
    from wiretrace import align as align_mod
    cal = {MODEL: {lang: align_mod.Calibrated(r["q0.999"], r["q0.999"], r["merged_q0.999"], r["merged_q0.999"],
                                              r["q0.99"]) for lang, r in table.items()}}
    align_mod._null_file = lambda name: cal  # type: ignore[assignment]  # a bench measurement


def combined(v1: dict[str, dict[str, float]], est: dict[str, dict[str, float]]) -> dict[str, dict[str, float]]:
    """Per language and level, the higher of null-v1 and the index estimate (thresholds only raised)."""
    keys = ("q0.99", "q0.999", "merged_q0.999")
    out = {lang: {k: r[k] for k in keys} for lang, r in v1.items()}
    for lang, r in est.items():
        base = out.setdefault(lang, dict.fromkeys(keys, -1.0))
        for k in keys:
            if not np.isnan(r[k]):
                base[k] = max(base[k], r[k])
    return out


def kinds_table(items: list[dict[str, Any]], split: str, tables: dict[str, dict[str, dict[str, float]]]) -> Any:
    """Each SemEval pair of the split re-related under null-v1 and under each table: kind changes by band."""
    from fit_null import DIFFERENT_MIN, rerelate
    from wiretrace.align import AlignConfig
    from wiretrace.align import _null_file as original

    base: dict[str, str] = {}
    for it in items:
        if it["split"] == split:
            base[it["id"]] = str(rerelate(it, AlignConfig(), MODEL).kind)
    out: dict[str, Any] = {}
    for name, table in tables.items():
        install(table)
        changes: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        examples = []
        for it in items:
            if it["split"] != split:
                continue
            new = str(rerelate(it, AlignConfig(), MODEL).kind)
            band = "different" if it["overall"] >= DIFFERENT_MIN else "same" if it["overall"] <= 1.5 else "between"
            row = changes[f"{it['lang']}/{band}"]
            row["pairs"] += 1
            row["derived_before"] += base[it["id"]] in DERIVED
            row["derived_after"] += new in DERIVED
            row["related_before"] += base[it["id"]] != "unrelated"
            row["related_after"] += new != "unrelated"
            if new != base[it["id"]]:
                row["changed"] += 1
                examples.append(f"{it['id']} {it['lang']} {band} {base[it['id']]} -> {new}")
        out[name] = {"changes": {k: dict(v) for k, v in sorted(changes.items())}, "examples": examples}
    from wiretrace import align as align_mod
    align_mod._null_file = original
    return out


class Pairs:
    """One language's articles with each pair's cells and relation kind computed once."""

    def __init__(self, arts: list[Art]) -> None:
        self.arts = arts
        self.vectors = np.vstack([x.vector for x in arts])
        self._cells: dict[tuple[int, int], tuple[np.ndarray, np.ndarray]] = {}
        self._kinds: dict[tuple[int, int], str] = {}

    def cells(self, p: tuple[int, int]) -> tuple[np.ndarray, np.ndarray]:
        if p not in self._cells:
            self._cells[p] = cells(self.arts[p[0]], self.arts[p[1]])
        return self._cells[p]

    def kind(self, p: tuple[int, int]) -> str:
        if p not in self._kinds:
            self._kinds[p] = kind(self.arts[p[0]], self.arts[p[1]])
        return self._kinds[p]

    def pairs(self, name: str, subset: Sequence[int], *, n_random: int, bar: float, top_k: int,
              seed: int = 17) -> list[tuple[int, int]]:
        """The article pairs (indices into ``arts``) estimator ``name`` reads among ``subset``: ``random``
        (up to ``n_random`` drawn), ``candidate`` (nearest-vector candidates whose relation is not derived)
        or ``candidate_unrelated`` (those the index called unrelated)."""
        ids = list(subset)
        if name == "random":
            return [(ids[i], ids[j]) for i, j in random_pairs(len(ids), n_random, seed)]
        cand = [(ids[i], ids[j]) for i, j in candidate_pairs(self.vectors[ids], bar, top_k)]
        if name == "candidate":
            return [p for p in cand if self.kind(p) not in DERIVED]
        return [p for p in cand if self.kind(p) == "unrelated"]


WITHHOLD_SIZES = (100, 150, 200, 250, 300, 350, 400, 500, 600)


def histogram_spread(hists: Sequence[Any], sizes: Sequence[int], draws: int = 200,
                     seed: int = 17) -> dict[int, dict[str, Any]]:
    """Spread of the levels ``calibrate.NullHistogram`` reads when an index has counted only ``n`` of these
    pairs (one histogram each): ``draws`` resamples of ``n`` pairs (with replacement) for each ``n`` in
    ``sizes`` (at most the pool); 5/50/95% of q0.999 single, q0.999 merged and q0.99 (the half), the
    widest 5-95% range of the three, the median cells, and the three levels at 5% (``low``) and 95% (``high``)."""
    from wiretrace.calibrate import NullHistogram

    rng = np.random.default_rng(seed)
    out: dict[int, dict[str, Any]] = {}
    for n in sizes:
        if n > len(hists):
            break
        rows, cells = [], []  # per draw: q0.999 single, q0.999 merged, q0.99
        for _ in range(draws):
            h = NullHistogram()
            for k in rng.integers(0, len(hists), n):
                h = h.merge(hists[k])
            lv = h.levels()
            rows.append((lv.match, lv.match_merged, lv.half))
            cells.append(h.cells)
        arr = np.array(rows)
        p5, p50, p95 = np.percentile(arr, [5, 50, 95], axis=0)
        out[n] = {"match_p5": round(float(p5[0]), 4), "match_median": round(float(p50[0]), 4),
                  "match_p95": round(float(p95[0]), 4), "width": round(float(np.max(p95 - p5)), 4),
                  "width_match": round(float(p95[0] - p5[0]), 4), "width_merged": round(float(p95[1] - p5[1]), 4),
                  "width_half": round(float(p95[2] - p5[2]), 4), "cells_median": float(np.median(cells)),
                  "low": [round(float(x), 4) for x in p5], "high": [round(float(x), 4) for x in p95]}
    return out


def withhold(items: list[dict[str, Any]], arts: dict[str, list[Art]], *, bar: float, top_k: int,
             langs: Sequence[str], width: float) -> dict[str, Any]:
    """The index's own null, built as ``wiretrace.calibrate`` builds it, for each language with null-v1's
    entry for it withheld (a language without a shipped null): its nearest-vector candidates related with
    the fixed thresholds, those related ``unrelated`` counted into a ``NullHistogram`` (``null_cells``);
    the spread of its levels by pairs counted; then the split's SemEval pairs of that language re-related
    with the fixed thresholds, with null-v1 and with the corpus estimate (``AlignConfig.corpus_null``)."""
    from fit_null import DIFFERENT_MIN, rerelate
    from wiretrace import align as align_mod
    from wiretrace.align import AlignConfig
    from wiretrace.calibrate import MIN_PAIRS, NullHistogram, null_cells

    original = align_mod._null_file
    full = original("null-v1")
    INDEX_CALIBRATION[0] = None  # the fixed thresholds: this language has no shipped null
    out: dict[str, Any] = {}
    try:
        for lang in langs:
            pp = Pairs(arts[lang])
            cand = pp.pairs("candidate_unrelated", range(len(pp.arts)), n_random=0, bar=bar, top_k=top_k)
            hists = []
            for i, j in cand:
                a, b = pp.arts[i], pp.arts[j]
                h = NullHistogram()
                h.add(*null_cells(a.doc, b.doc, a.rows, b.rows))
                hists.append(h)
            total = NullHistogram()
            for h in hists:
                total = total.merge(h)
            spread = histogram_spread(hists, WITHHOLD_SIZES)
            stable = next((n for n, r in sorted(spread.items()) if r["width"] <= width), None)
            levels = total.levels()
            withheld = {m: {k: v for k, v in langs_.items() if not (m == MODEL and k == lang)}
                        for m, langs_ in full.items()}
            configs = {
                "fixed thresholds": (withheld, AlignConfig()),
                "null-v1 (shipped)": (full, AlignConfig()),
                "corpus estimate": (withheld, AlignConfig(corpus_null=((MODEL, lang, levels, total.pairs),))),
            }
            at = spread.get(MIN_PAIRS)
            for end in ("low", "high") if at else ():
                m, mm, half = at[end]
                cal = align_mod.Calibrated(m, m, mm, mm, half)
                configs[f"corpus estimate at {MIN_PAIRS} pairs, {end} (5/95%)"] = (
                    withheld, AlignConfig(corpus_null=((MODEL, lang, cal, MIN_PAIRS),)))
            rows: dict[str, dict[str, int]] = {}
            for name, (table, cfg) in configs.items():
                align_mod._null_file = lambda _name, t=table: t  # type: ignore[assignment,misc]  # a bench measurement
                row: dict[str, int] = defaultdict(int)
                for it in items:
                    if it["split"] != "dev" or it["lang"] != lang:
                        continue
                    k = str(rerelate(it, cfg, MODEL).kind)
                    band = "different" if it["overall"] >= DIFFERENT_MIN else "same" if it["overall"] <= 1.5 else None
                    if band:
                        row[f"{band}_pairs"] += 1
                        row[f"{band}_derived"] += k in DERIVED
                        row[f"{band}_related"] += k != "unrelated"
                rows[name] = dict(row)
            align_mod._null_file = original
            shipped_levels = full[MODEL][lang]
            out[lang] = {"articles": len(pp.arts), "candidates": len(pp._kinds), "pairs": total.pairs,
                         "cells": total.cells, "merged_cells": int(total.merged.sum()),
                         "corpus": {"match": levels.match, "match_merged": levels.match_merged, "half": levels.half},
                         "null_v1": {"match": shipped_levels.match, "match_merged": shipped_levels.match_merged,
                                     "half": shipped_levels.half},
                         "spread": spread, "stable_at": stable, "kinds": rows}
            print(f"withhold {lang}: {json.dumps(out[lang])}", flush=True)
    finally:
        align_mod._null_file = original
    return out


ESTIMATORS = ("random", "candidate", "candidate_unrelated")
ARTICLE_SIZES = (25, 50, 100, 200, 400)


def by_articles(pp: Pairs, name: str, sizes: Sequence[int], *, n_random: int, bar: float, top_k: int,
                draws: int = 30, seed: int = 17) -> dict[int, dict[str, float]]:
    """q0.999 (single) of estimator ``name`` on ``draws`` random subsets of ``n`` articles, for each ``n``
    in ``sizes`` below the corpus size: what an index of ``n`` articles of this corpus would estimate."""
    rng = np.random.default_rng(seed)
    out: dict[int, dict[str, float]] = {}
    for n in sizes:
        if n >= len(pp.arts):
            break
        qs, npairs = [], []
        for d in range(draws):
            subset = sorted(int(x) for x in rng.choice(len(pp.arts), n, replace=False))
            ps = pp.pairs(name, subset, n_random=n_random, bar=bar, top_k=top_k, seed=seed + d)
            npairs.append(len(ps))
            if ps:
                qs.append(quantile_of_pairs([pp.cells(p)[0] for p in ps], 0.999))
        if qs:
            p5, p50, p95 = np.percentile(qs, [5, 50, 95])
            out[n] = {"pairs_median": float(np.median(npairs)), "empty": draws - len(qs), "p5": round(float(p5), 4),
                      "median": round(float(p50), 4), "p95": round(float(p95), 4), "width": round(float(p95 - p5), 4)}
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", choices=["dev", "test"], default="dev")
    ap.add_argument("--cache", type=Path, default=Path("bench/out/semeval-cache.pkl"))
    ap.add_argument("--random-pairs", type=int, default=3200, help="random article pairs per language")
    ap.add_argument("--by-articles", action="store_true", help="q0.999 on random subsets of articles too")
    ap.add_argument("--kinds", action="store_true", help="re-relate the split's SemEval pairs (dev only)")
    ap.add_argument("--index-calibration", choices=["null-v1", "none"], default="null-v1",
                    help="the calibration the index relates its candidates with (none: a language without one)")
    ap.add_argument("--withhold", action="store_true",
                    help="build the index's own null as wiretrace.calibrate does, null-v1 withheld for one language "
                         "at a time, and re-relate the split's SemEval pairs (dev only)")
    ap.add_argument("--width", type=float, default=0.05, help="--withhold: the widest 5-95%% range of a level")
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args()
    if args.withhold:
        if args.split != "dev":
            ap.error("--withhold reads ratings: dev only")
        from fit_null import semeval_items as _items
        from wiretrace.engines.local import IndexConfig as _Icfg
        _icfg = _Icfg()
        _all = _items(args.cache)
        res = withhold(_all, corpus(_all, "dev"), bar=_icfg.ann_min_similarity, top_k=_icfg.ann_top_k, langs=LANGS,
                       width=args.width)
        if args.json:
            args.json.write_text(json.dumps(res, indent=1), encoding="utf-8")
        return 0
    INDEX_CALIBRATION[0] = None if args.index_calibration == "none" else args.index_calibration
    if args.kinds and args.split != "dev":
        ap.error("--kinds reads ratings: dev only")
    from fit_null import semeval_items
    from wiretrace.engines.local import IndexConfig

    icfg = IndexConfig()
    bar, top_k = icfg.ann_min_similarity, icfg.ann_top_k
    items = semeval_items(args.cache)
    arts = corpus(items, args.split)
    v1 = shipped()
    record: dict[str, Any] = {"split": args.split, "bar": bar, "top_k": top_k,
                              "index_calibration": INDEX_CALIBRATION[0],
                              "null_v1": {k: v1[k] for k in LANGS if k in v1}, "languages": {}}
    est: dict[str, dict[str, dict[str, float]]] = {n: {} for n in ESTIMATORS}
    for lang in LANGS:
        pp = Pairs(arts[lang])
        every = range(len(pp.arts))
        row: dict[str, Any] = {"articles": len(pp.arts), "all_pairs": len(pp.arts) * (len(pp.arts) - 1) // 2}
        cand = pp.pairs("candidate_unrelated", every, n_random=0, bar=bar, top_k=top_k)  # every candidate's kind
        kinds_seen: dict[str, int] = defaultdict(int)
        for k in pp._kinds.values():
            kinds_seen[k] += 1
        row["candidate_kinds"] = dict(sorted(kinds_seen.items()))
        row["candidates"] = len(pp._kinds)
        for name in ESTIMATORS:
            ps = cand if name == "candidate_unrelated" else pp.pairs(name, every, n_random=args.random_pairs, bar=bar,
                                                                              top_k=top_k)
            single = [pp.cells(p)[0] for p in ps]
            merged = [pp.cells(p)[1] for p in ps]
            r: dict[str, Any] = {"pairs": len(ps), "cells": int(sum(x.size for x in single)), **levels(single, merged),
                                 "spread_q0.999": bootstrap(single, SIZES)}
            r["stable_at"] = stable_size(r["spread_q0.999"])
            r["raises"] = {k: round(r[k] - v1[lang][k], 4) for k in ("q0.99", "q0.999", "merged_q0.999")
                           if r[k] > v1[lang][k]}
            if args.by_articles:
                r["by_articles_q0.999"] = by_articles(pp, name, ARTICLE_SIZES, n_random=min(args.random_pairs, 1600),
                                                      bar=bar, top_k=top_k)
            est[name][lang] = {k: r[k] for k in ("q0.99", "q0.999", "merged_q0.999")}
            row[name] = r
        if args.split == "dev":
            hard = hard_null(items, "dev", lang)
            row["hard_semeval"] = {"pairs": len(hard), "q0.999": round(quantile_of_pairs(hard, 0.999), 4),
                                   "spread_q0.999": bootstrap(hard, SIZES)}
        record["languages"][lang] = row
        print(f"{lang}: {json.dumps(row)}", flush=True)
    if args.kinds:
        tables = {f"max(null-v1, {n})": combined(v1, est[n]) for n in est}
        tables |= {f"{n} alone": combined({}, est[n]) for n in est}
        tables["no calibration (fixed thresholds)"] = {}  # a language without a shipped null
        record["kinds"] = kinds_table(items, args.split, tables)
        print(json.dumps(record["kinds"], indent=1))
    if args.json:
        args.json.write_text(json.dumps(record, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
