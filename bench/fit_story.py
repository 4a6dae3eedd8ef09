"""Fit the story-similarity model (``story-v3``) on the dev split of the SemEval-2022 subsets; report test.

Reads the per-pair features ``bench/eval_semeval.py --json FILE`` wrote (relate's ``story_*`` features,
computed whatever model is shipped), splits the rated pairs by a salted hash of their id (the test bed's
salt and share: 60% dev) and:

- fits a ridge regression of the rating, as a similarity ``(4 - Overall) / 3`` (1 = the same story told
  the same way, 0 = unrelated), on the named features standardised on dev; the L2 strength by 5-fold
  cross-validation on dev (Pearson r of the out-of-fold scores);
- fits same-story cuts on dev's out-of-fold scores (the model that scored a pair never saw it): a pair is
  the same story (gold: Overall <= 1.5) when it scores at or above its language's cut. Each language's cut
  (and a pooled one for other languages) is the one of best precision among those keeping dev recall >=
  ``MIN_RECALL`` (0.75: a margin over the goal's 0.70, since a test language holds only ~20 same-story
  pairs and one of them is 5 points of recall). Unlike story-v2's cuts, a pair relate calls derived is not
  counted as one story whatever its score: on dev only 56 of 87 derived pairs were rated Overall <= 1.5;
- prints the dev table (out-of-fold Pearson r; precision / recall at the fitted cut; the same with each
  fold's cut fitted on the other four folds, an honest estimate of what test will show; and the best
  precision any cut reaches at recall >= 0.70, the ceiling) for story-v2's features and story-v3's;
- with ``--test``, scores the test split **once**: story-v3 with its cuts beside story-v2 as shipped (its
  own cuts, derived pairs counted as one story), and says which wins by the rule fixed before test was
  looked at (``DEFAULT_RULE``);
- with ``--write``, writes ``src/wiretrace/models/story-v3.json`` with its card (test figures included when
  ``--test`` ran). ``story-v2.json`` was written by this script's previous version (git history) and
  stays loadable.

    .venv/bin/python bench/eval_semeval.py --json bench/out/semeval-use.json --cache bench/out/semeval-cache.pkl
    .venv/bin/python bench/fit_story.py bench/out/semeval-use.json            # dev only
    .venv/bin/python bench/fit_story.py bench/out/semeval-use.json --test --write

Split used for fitting: **dev only**; the test figures are printed, never used to choose anything.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _evalkit import REPO
from fit_semeval import DERIVED, SAME_STORY_MAX, prf, rows

MODEL = REPO / "src" / "wiretrace" / "models" / "story-v3.json"
V2_MODEL = REPO / "src" / "wiretrace" / "models" / "story-v2.json"
#: story-v2's features (relate.story_features and relate's own doc_similarity), in file order.
V2_FEATURES = ("doc_similarity", "story_title", "story_lede", "story_soft_min", "story_soft_max",
               "story_max_sentence", "story_names", "story_numbers", "story_dates", "story_shared_names",
               "story_coverage_max", "story_coverage_min", "story_containment_max", "story_containment_min",
               "story_words")
#: story-v3 adds these (chosen on dev out-of-fold scores among 25 candidates; RESULTS).
NEW_FEATURES = ("story_title_lede", "story_title_cross", "story_figures", "story_length_min",
                "story_lede_names", "story_names_rare")
FEATURES = (*V2_FEATURES, *NEW_FEATURES)
#: a feature absent from a pair (no title) takes its fallback's value.
FALLBACK = {"story_title": "doc_similarity"}
L2_GRID = (0.1, 1.0, 3.0, 10.0, 30.0, 100.0)
#: The dev recall a same-story cut must keep (issue #17's goal is precision >= 0.60 at recall >= 0.70).
MIN_RECALL = 0.75
GOAL_PRECISION, GOAL_RECALL = 0.60, 0.70
CUTS = np.round(np.arange(0.20, 0.95, 0.005), 3)
LANGUAGES = ("ar", "es", "fr", "tr")
#: Written before the test split was scored (session 13): story-v3 replaces story-v2 as relate's default
#: only if, on test, (1) its pooled Pearson r is >= 0.75 and >= story-v2's - 0.01, (2) it meets the
#: same-story goal (P >= 0.60 with R >= 0.70) in at least as many of ar, es, fr, tr as story-v2, and
#: (3) its mean same-story F1 over those four languages is higher than story-v2's (each at its own cuts).
DEFAULT_RULE = ("story-v3 becomes the default iff on test: pooled Pearson r >= 0.75 and >= story-v2's - 0.01; "
                "the same-story goal (P >= 0.60, R >= 0.70) met in at least as many of ar, es, fr, tr as "
                "story-v2; mean per-language same-story F1 higher than story-v2's (each model at its own cuts)")


def matrix(rs: list[dict[str, Any]], names: tuple[str, ...] = FEATURES) -> np.ndarray:
    def value(f: dict[str, float], name: str) -> float:
        if name in f:
            return float(f[name])
        return float(f[FALLBACK[name]]) if name in FALLBACK and FALLBACK[name] in f else math.nan
    return np.array([[value(r["features"], n) for n in names] for r in rs], dtype=np.float64)


def target(rs: list[dict[str, Any]]) -> np.ndarray:
    return np.array([(4.0 - r["overall"]) / 3.0 for r in rs])


def gold(rs: list[dict[str, Any]]) -> np.ndarray:
    return np.array([r["overall"] <= SAME_STORY_MAX for r in rs])


def ridge(x: np.ndarray, y: np.ndarray, l2: float) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    mu, sd = x.mean(axis=0), x.std(axis=0)
    sd[sd == 0] = 1.0
    z = (x - mu) / sd
    w = np.linalg.solve(z.T @ z + l2 * np.eye(z.shape[1]), z.T @ (y - y.mean()))
    return w, mu, sd, float(y.mean())


def predict(x: np.ndarray, fit: tuple[np.ndarray, np.ndarray, np.ndarray, float]) -> np.ndarray:
    w, mu, sd, b = fit
    return np.clip(b + ((x - mu) / sd) @ w, 0.0, 1.0)


def fold(pair_id: str, k: int = 5) -> int:
    return int(hashlib.sha256(f"story-cv:{pair_id}".encode()).hexdigest()[:8], 16) % k


def cut(g: np.ndarray, score: np.ndarray, min_recall: float = MIN_RECALL) -> float:
    """The cut of best precision among those keeping recall >= ``min_recall`` (the lowest cut on a tie)."""
    best = (-1.0, float(CUTS[0]))
    for t in CUTS:
        p, rc, _ = prf(list(g), list(score >= t))
        if rc >= min_recall and p > best[0]:
            best = (p, float(t))
    return best[1]


def ceiling(g: np.ndarray, score: np.ndarray) -> float:
    """The best precision any cut reaches at recall >= the goal's 0.70 (chosen in sample: an upper bound)."""
    best = 0.0
    for t in np.unique(score):
        p, rc, _ = prf(list(g), list(score >= t))
        if rc >= GOAL_RECALL:
            best = max(best, p)
    return best


def oof(xd: np.ndarray, yd: np.ndarray, folds: np.ndarray) -> tuple[float, dict[float, float], np.ndarray]:
    """The L2 of best out-of-fold Pearson r on dev, every L2's r, and the best one's out-of-fold scores."""
    cv, preds = {}, {}
    for l2 in L2_GRID:
        pred = np.zeros(len(yd))
        for k in range(5):
            pred[folds == k] = predict(xd[folds == k], ridge(xd[folds != k], yd[folds != k], l2))
        cv[l2], preds[l2] = float(np.corrcoef(pred, yd)[0, 1]), pred
    l2 = max(cv, key=lambda v: cv[v])
    return l2, cv, preds[l2]


def dev_table(name: str, dev: list[dict[str, Any]], score: np.ndarray, folds: np.ndarray) -> dict[str, Any]:
    """Print (and return) dev's out-of-fold figures per language and pooled."""
    out: dict[str, Any] = {}
    print(f"\n{name}, dev split, 5-fold out-of-fold scores")
    print("| language | dev pairs | same story | r | cut | P at cut | R at cut | P nested | R nested "
          "| best P at R >= 0.70 |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for lang in [*LANGUAGES, "all"]:
        m = np.array([lang in ("all", r["lang"]) for r in dev])
        g, s = gold(dev)[m], score[m]
        t = cut(g, s)
        p, rc, _ = prf(list(g), list(s >= t))
        nested = np.zeros(m.sum(), dtype=bool)
        fm = folds[m]
        for k in range(5):  # each fold's pairs judged by a cut fitted on the other folds
            nested[fm == k] = s[fm == k] >= cut(g[fm != k], s[fm != k])
        pn, rn, _ = prf(list(g), list(nested))
        r = float(np.corrcoef(s, -np.array([x["overall"] for x in np.array(dev)[m]]))[0, 1])
        out[lang] = {"pairs": int(m.sum()), "same_story": int(g.sum()), "pearson": r, "cut": t, "precision": float(p),
                     "recall": float(rc), "precision_nested": float(pn), "recall_nested": float(rn),
                     "ceiling_precision": float(ceiling(g, s))}
        print(f"| {lang} | {m.sum()} | {g.sum()} | {r:.3f} | {t:.3f} | {p:.3f} | {rc:.3f} | {pn:.3f} | {rn:.3f} | "
              f"{out[lang]['ceiling_precision']:.3f} |")
    return out


def test_table(name: str, test: list[dict[str, Any]], score: np.ndarray, cuts: dict[str, float], pooled: float,
               *, derived_counts: bool) -> dict[str, Any]:
    out: dict[str, Any] = {}
    print(f"\n{name}, test split (scored once)")
    print("| language | test pairs | same story | cut | precision | recall | F1 | goal met | Pearson r |")
    print("|---|---:|---:|---:|---:|---:|---:|---|---:|")
    for lang in [*LANGUAGES, "all"]:
        idx = [i for i, r in enumerate(test) if lang in ("all", r["lang"])]
        rs = [test[i] for i in idx]
        pred = [(derived_counts and r["kind"] in DERIVED) or s >= cuts.get(r["lang"], pooled)
                for r, s in zip(rs, score[idx], strict=True)]
        p, rc, f1 = prf(list(gold(rs)), pred)
        r_ = float(np.corrcoef(score[idx], [-r["overall"] for r in rs])[0, 1])
        met = bool(p >= GOAL_PRECISION and rc >= GOAL_RECALL)
        out[lang] = {"pairs": len(rs), "same_story": int(gold(rs).sum()), "precision": float(p), "recall": float(rc),
                     "f1": float(f1), "goal_met": met, "pearson": r_}
        shown = f"{cuts.get(lang, pooled):.3f}" if lang != "all" else "per language"
        print(f"| {lang} | {len(rs)} | {gold(rs).sum()} | {shown} | {p:.3f} | {rc:.3f} | {f1:.3f} | "
              f"{'yes' if met else 'no'} | {r_:.3f} |")
    return out


def decide_default(v3: dict[str, Any], v2: dict[str, Any]) -> tuple[bool, str]:
    r3, r2 = v3["all"]["pearson"], v2["all"]["pearson"]
    met3 = sum(v3[lang]["goal_met"] for lang in LANGUAGES)
    met2 = sum(v2[lang]["goal_met"] for lang in LANGUAGES)
    f3 = float(np.mean([v3[lang]["f1"] for lang in LANGUAGES]))
    f2 = float(np.mean([v2[lang]["f1"] for lang in LANGUAGES]))
    ok = r3 >= max(0.75, r2 - 0.01) and met3 >= met2 and f3 > f2
    return ok, (f"Pearson {r3:.3f} vs {r2:.3f}; goal met in {met3} vs {met2} languages; mean F1 {f3:.3f} vs "
                f"{f2:.3f}: story-v3 {'becomes' if ok else 'does not become'} the default")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("file", type=Path, help="an eval_semeval.py --json output")
    ap.add_argument("--test", action="store_true", help="score the test split (once, on the final model)")
    ap.add_argument("--write", action="store_true", help=f"write {MODEL.relative_to(REPO)}")
    args = ap.parse_args()
    data = [r for r in rows(args.file) if "story_soft_min" in r["features"]]
    missing = [n for n in NEW_FEATURES if n not in data[0]["features"]]
    if missing:
        raise SystemExit(f"{args.file} lacks {', '.join(missing)}: run bench/eval_semeval.py again")
    dev = [r for r in data if r["split"] == "dev"]
    test = [r for r in data if r["split"] == "test"]
    yd, folds = target(dev), np.array([fold(r["id"]) for r in dev])
    print(f"{args.file.name}: {len(dev)} dev / {len(test)} test pairs (of {len(rows(args.file))} rated)")
    _, _, oof_v2 = oof(matrix(dev, V2_FEATURES), yd, folds)
    dev_table("story-v2's features, refitted (same-story: score >= cut)", dev, oof_v2, folds)
    xd = matrix(dev)
    l2, cv, oof_v3 = oof(xd, yd, folds)
    print(f"\nstory-v3: L2 {l2} (dev 5-fold CV r: {', '.join(f'{k}: {v:.3f}' for k, v in cv.items())})")
    dev_v3 = dev_table("story-v3 (same-story: score >= cut)", dev, oof_v3, folds)
    fit = ridge(xd, yd, l2)
    cuts = {lang: dev_v3[lang]["cut"] for lang in LANGUAGES}
    pooled = dev_v3["all"]["cut"]
    w, mu, sd, b = fit
    print("\nweights (per standard deviation): " + ", ".join(f"{n} {x:+.3f}" for n, x in zip(FEATURES, w, strict=True)))
    tested: dict[str, Any] = {}
    if args.test:
        v2 = json.loads(V2_MODEL.read_text(encoding="utf-8"))
        v3_test = test_table("story-v3", test, predict(matrix(test), fit), cuts, pooled, derived_counts=False)
        v2_score = np.array([r["features"]["story_similarity"] for r in test])
        v2_test = test_table("story-v2 as shipped (its cuts; derived pairs count as one story)", test, v2_score,
                             v2["thresholds"], v2["threshold"], derived_counts=True)
        _, why = decide_default(v3_test, v2_test)
        print(f"\nrule: {DEFAULT_RULE}\n{why}")
        tested = {"test": {k: {kk: round(vv, 3) if isinstance(vv, float) else vv for kk, vv in v.items()}
                           for k, v in v3_test.items()},
                  "test_story_v2": {k: {kk: round(vv, 3) if isinstance(vv, float) else vv for kk, vv in v.items()}
                                    for k, v in v2_test.items()},
                  "default_rule": DEFAULT_RULE, "default_decision": why}
    if args.write:
        spec = {
            "name": "story", "version": 3, "kind": "score", "intercept": b, "range": [0.0, 1.0],
            "threshold": pooled, "thresholds": cuts,
            "features": [{"name": n, "weight": float(x), "mean": float(m), "scale": float(s),
                          **({"fallback": FALLBACK[n]} if n in FALLBACK else {})}
                         for n, x, m, s in zip(FEATURES, w, mu, sd, strict=True)],
            "card": {
                "what": "story similarity of two articles in one language: (4 - SemEval Overall) / 3, 1 = the "
                        "same story told the same way, 0 = unrelated; 'thresholds' are the dev-fitted same-story "
                        "cuts per language (a pair at or above its language's cut is one story, whatever relate's "
                        "kind), 'threshold' the pooled one for other languages (reported, not used by relate to "
                        "decide the kind: RelateConfig.story_model)",
                "trained_on": f"SemEval-2022 Task 8 blresearch subsets (ar, es, fr, tr; ../shared/data/"
                              f"semeval2022_task8), dev split: {len(dev)} rated pairs (salted hash of the pair id, "
                              f"60% dev; test: {len(test)} pairs), features from bench/eval_semeval.py with the "
                              f"default embedder (USE v3 on these languages)",
                "data_digest": hashlib.sha256(json.dumps(sorted((r["id"], r["overall"]) for r in dev)).encode())
                .hexdigest()[:16],
                "fit": f"ridge regression on standardised features, L2 {l2} by 5-fold CV on dev (Pearson r of "
                       f"out-of-fold scores); cuts: best precision among those keeping recall >= {MIN_RECALL} on "
                       f"dev's out-of-fold scores, gold same story = Overall <= {SAME_STORY_MAX}, per language "
                       f"and pooled",
                "dev_cv_pearson": cv[l2],
                "dev_out_of_fold": {k: {kk: round(vv, 3) if isinstance(vv, float) else vv for kk, vv in v.items()}
                                    for k, v in dev_v3.items()},
                **tested,
                "limits": "monolingual pairs only (the subsets have no cross-language pairs): relate uses it within "
                          "one language; four languages; ratings of news pairs picked by the task's organisers; "
                          "about 20-40 same-story pairs per language in each split, so a language's precision and "
                          "recall move by 0.05 with one pair",
                "command": "bench/eval_semeval.py --json bench/out/semeval-use.json --cache "
                           "bench/out/semeval-cache.pkl && bench/fit_story.py bench/out/semeval-use.json --test "
                           "--write",
            },
        }
        MODEL.write_text(json.dumps(spec, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {MODEL.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
