"""Reuse levels on Clough & Stevenson (2011) (../shared/data/clough-stevenson-2011): cut / light / heavy / non.

Each of the 95 short answers is compared with its task's source text by ``wiretrace.compare`` (default
config, USE multilingual v3 embeddings). Two mappings of what compare finds onto the corpus's four levels:

- **fixed** (nothing fitted, so scored on all 95): verbatim -> cut, edited_copy -> light,
  rewrite / translation -> heavy, same_event / unrelated -> non.
- **fitted by cross-validation**: a cascade over the answer's alignment coverage by the source
  (``a_in_b``) and its word 3-gram containment in the source: non when coverage < t_non, else cut when
  containment >= t_cut, light when containment >= t_light, heavy otherwise. The three thresholds are fitted
  (grid search for macro-F1) on the training folds only of a stratified 5-fold split (seed 7) and
  applied to the held-out fold; the folds' predictions are pooled for the overall macro-F1 and confusion
  matrix. No threshold is ever fitted on the whole set.

Threshold split: stratified 5-fold cross-validation over the 95 answers (seed 7); each fold's thresholds
come from the other four folds.

    python bench/eval_reuse_levels.py [--data ../shared/data/clough-stevenson-2011] [--json out.json]
"""

from __future__ import annotations

import csv
import itertools
import sys
from pathlib import Path
from typing import Any

import numpy as np

from _evalkit import Timer, confusion, dataset_dir, emit, macro_f1, parser, skip, stratified_folds
from wiretrace.compare import CompareConfig, Comparer
from wiretrace.embed import DEFAULT_EMBEDDER
from wiretrace.ingest import article_from_record
from wiretrace.ingest.decode import decode_bytes
from wiretrace.records import Article

EVALUATION = "reuse_levels"
DATASET = "clough-stevenson-2011"
LEVELS = ("cut", "light", "heavy", "non")
FIXED_MAP = {"verbatim": "cut", "edited_copy": "light", "rewrite": "heavy", "translation": "heavy",
             "same_event": "non", "unrelated": "non"}
FOLDS, SEED = 5, 7
GRID = np.round(np.arange(0.0, 1.0001, 0.02), 2)


def read_text(path: Path) -> Article:
    """Return the Article of a corpus file: hard-wrapped lines joined, blank lines kept as paragraph breaks.

    The files are plain answers without a head, so they go in as records (no title / byline parsing).
    """
    text = decode_bytes(path.read_bytes(), str(path))
    paragraphs = [" ".join(p.split()) for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
    return article_from_record({"text": "\n\n".join(paragraphs)}, name=path.name)


def cascade(coverage: np.ndarray, containment: np.ndarray, t_non: float, t_cut: float, t_light: float) -> list[str]:
    out = []
    for cov, cont in zip(coverage, containment, strict=True):
        if cov < t_non:
            out.append("non")
        elif cont >= t_cut:
            out.append("cut")
        elif cont >= t_light:
            out.append("light")
        else:
            out.append("heavy")
    return out


def fit_cascade(coverage: np.ndarray, containment: np.ndarray, gold: list[str]) -> tuple[float, float, float]:
    """Thresholds with the best macro-F1 on the given (training) answers; ties go to the first found."""
    g = np.array([LEVELS.index(x) for x in gold])
    pairs = np.array(list(itertools.combinations(GRID, 2)))  # (t_light, t_cut), t_light < t_cut
    t_light, t_cut = pairs[:, :1], pairs[:, 1:]
    # Every (t_light, t_cut) at once: rows are threshold pairs, columns answers.
    level = np.where(containment[None, :] >= t_cut, 0, np.where(containment[None, :] >= t_light, 1, 2))
    best: tuple[float, tuple[float, float, float]] = (-1.0, (0.0, 0.0, 0.0))
    for t_non in GRID:
        pred = np.where((coverage < t_non)[None, :], 3, level)
        f1s = np.zeros(len(pairs))
        for k in range(4):
            tp = np.sum((pred == k) & (g == k)[None, :], axis=1)
            denom = np.sum(pred == k, axis=1) + np.sum(g == k)
            f1s += np.where(denom > 0, 2 * tp / np.maximum(denom, 1), 0.0)
        i = int(np.argmax(f1s))  # the first of equals
        if f1s[i] / 4 > best[0]:
            best = (float(f1s[i] / 4), (float(t_non), float(pairs[i, 1]), float(pairs[i, 0])))
    return best[1]


def main(argv: list[str] | None = None) -> int:
    ap = parser(__doc__, DATASET)
    ap.add_argument("--embedder", default=DEFAULT_EMBEDDER, help="sentence embedder (registry name or model folder)")
    args = ap.parse_args(argv)
    data = dataset_dir(args, DATASET)
    info = data / "data" / "file_information.csv"
    if not info.exists():
        return skip(args, EVALUATION, f"{info} not found (the corpus lives in ../shared/data/clough-stevenson-2011)")
    timer = Timer()
    with info.open(encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["Category"] in LEVELS]
    comparer = Comparer(CompareConfig(embedder=args.embedder))
    tasks = sorted({r["Task"] for r in rows})
    sources = {t: comparer.doc(read_text(data / "data" / f"orig_task{t}.txt")) for t in tasks}
    gold, kinds, coverage, containment, names = [], [], [], [], []
    for r in rows:
        c = comparer.compare(read_text(data / "data" / r["File"]), sources[r["Task"]])
        gold.append(r["Category"])
        names.append(r["File"])
        kinds.append(c.relation.kind)
        coverage.append(c.relation.a_in_b)
        containment.append(c.relation.features["containment_a_in_b"])
    cov, cont = np.array(coverage), np.array(containment)
    print(f"Clough & Stevenson: {len(rows)} answers against 5 sources; compare with {comparer.cfg.embedder}; "
          f"{timer.seconds:.1f} s")
    print("mean (answer coverage by source, 3-gram containment) per level: " + ", ".join(
        f"{lab} ({cov[[g == lab for g in gold]].mean():.2f}, {cont[[g == lab for g in gold]].mean():.2f})"
        for lab in LEVELS))

    fixed_pred = [FIXED_MAP[k] for k in kinds]
    fixed_f1, fixed_per = macro_f1(gold, fixed_pred, LEVELS)
    print(f"\nfixed mapping of relation kinds (nothing fitted, all {len(gold)}): macro-F1 {fixed_f1:.3f}")
    _print_confusion(confusion(gold, fixed_pred, LEVELS))

    folds = stratified_folds(gold, FOLDS, SEED)
    pooled: list[str] = [""] * len(gold)
    fold_report = []
    print(f"\ncascade fitted by stratified {FOLDS}-fold cross-validation (seed {SEED}):")
    for k, test_idx in enumerate(folds):
        train_idx = np.setdiff1d(np.arange(len(gold)), test_idx)
        t_non, t_cut, t_light = fit_cascade(cov[train_idx], cont[train_idx], [gold[i] for i in train_idx])
        pred = cascade(cov[test_idx], cont[test_idx], t_non, t_cut, t_light)
        for i, p in zip(test_idx, pred, strict=True):
            pooled[i] = p
        f1, _ = macro_f1([gold[i] for i in test_idx], pred, LEVELS)
        fold_report.append({"fold": k + 1, "n": len(test_idx), "t_non": t_non, "t_cut": t_cut,
                            "t_light": t_light, "macro_f1": f1})
        print(f"  fold {k + 1}: {len(test_idx)} answers  t_non {t_non:.2f}  t_cut {t_cut:.2f}  "
              f"t_light {t_light:.2f}  macro-F1 {f1:.3f}")
    cv_f1, cv_per = macro_f1(gold, pooled, LEVELS)
    fold_f1s = [f["macro_f1"] for f in fold_report]
    print(f"pooled out-of-fold macro-F1 {cv_f1:.3f} (folds: mean {np.mean(fold_f1s):.3f}, sd {np.std(fold_f1s):.3f}); "
          + ", ".join(f"{lab} {cv_per[lab]:.2f}" for lab in LEVELS))
    matrix = confusion(gold, pooled, LEVELS)
    _print_confusion(matrix)
    binary = np.mean([(g == "non") == (p == "non") for g, p in zip(gold, pooled, strict=True)])
    print(f"reused vs not reused (non), same predictions: accuracy {binary:.3f}")
    print(f"runtime {timer.seconds:.1f} s")
    result: dict[str, Any] = {
        "evaluation": EVALUATION, "status": "ok", "data": str(data), "answers": len(gold),
        "split_for_thresholds": f"stratified {FOLDS}-fold CV over the 95 answers (seed {SEED}); "
                                "each fold's thresholds fitted on the other four",
        "headline": {"name": "cascade, CV-fitted (pooled out-of-fold)", "macro_f1": cv_f1, "per_level": cv_per},
        "folds": fold_report, "fold_macro_f1_mean": float(np.mean(fold_f1s)),
        "fold_macro_f1_sd": float(np.std(fold_f1s)),
        "confusion": {"labels": list(LEVELS), "rows_gold_cols_predicted": matrix},
        "fixed_mapping": {"macro_f1": fixed_f1, "per_level": fixed_per,
                          "confusion": confusion(gold, fixed_pred, LEVELS)},
        "reused_vs_non_accuracy": float(binary),
        "per_answer": [{"file": n, "gold": g, "kind": k, "coverage": round(c, 4), "containment": round(t, 4),
                        "cv_predicted": p}
                       for n, g, k, c, t, p in zip(names, gold, kinds, coverage, containment, pooled, strict=True)],
        "reference": "none canonical", "seconds": round(timer.seconds, 1),
    }
    return emit(args, result)


def _print_confusion(m: list[list[int]]) -> None:
    print("  gold \\ predicted " + "".join(f"{lab:>7}" for lab in LEVELS))
    for lab, row in zip(LEVELS, m, strict=True):
        print(f"  {lab:17}" + "".join(f"{v:7d}" for v in row))


if __name__ == "__main__":
    sys.exit(main())
