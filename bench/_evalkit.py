"""What the evaluation scripts share: where the data is, the skip path, JSON output, and small metrics.

The data is never copied into the project: each script reads it by path from ``../shared/data/<name>``
(relative to the repository root), or from ``$WIRETRACE_DATA/<name>``, or from ``--data DIR``.
Only numpy is needed for the metrics and the tiny logistic regression, so no new dependency.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parent.parent
#: Where the external evaluation data lives unless told otherwise.
DEFAULT_ROOT = REPO.parent / "shared" / "data"


def data_root() -> Path:
    """Return the folder holding the evaluation data sets ($WIRETRACE_DATA, else ../shared/data)."""
    env = os.environ.get("WIRETRACE_DATA")
    return Path(env) if env else DEFAULT_ROOT


def parser(doc: str | None, dataset: str) -> argparse.ArgumentParser:
    """Return an argument parser with the options every evaluation has (--data, --json)."""
    ap = argparse.ArgumentParser(description=(doc or "").strip().split("\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter, epilog=doc)
    ap.add_argument("--data", type=Path, default=None,
                    help=f"the {dataset} folder (default: $WIRETRACE_DATA/{dataset} or ../shared/data/{dataset})")
    ap.add_argument("--json", type=Path, default=None, metavar="PATH",
                    help="also write the result record as JSON to PATH ('-' for stdout)")
    return ap


def dataset_dir(args: argparse.Namespace, dataset: str) -> Path:
    """Return the data folder the command line names, or the default one for ``dataset``."""
    return Path(args.data) if args.data is not None else data_root() / dataset


def emit(args: argparse.Namespace, record: dict[str, Any]) -> int:
    """Write ``record`` where --json says (if anywhere) and return the exit status 0."""
    if args.json is not None:
        text = json.dumps(record, indent=2, ensure_ascii=False, default=_jsonable)
        if str(args.json) == "-":
            sys.stdout.write(text + "\n")
        else:
            Path(args.json).write_text(text + "\n", encoding="utf-8")
    return 0


def skip(args: argparse.Namespace, evaluation: str, reason: str) -> int:
    """Say clearly why an evaluation did not run (exit status 0: absent data is not a failure)."""
    print(f"skipped {evaluation}: {reason}")
    return emit(args, {"evaluation": evaluation, "status": "skipped", "reason": reason})


class Timer:
    """Wall-clock seconds since creation."""

    def __init__(self) -> None:
        self.start = time.perf_counter()

    @property
    def seconds(self) -> float:
        return time.perf_counter() - self.start


# ---------------------------------------------------------------- metrics

def binary_scores(gold: Sequence[int] | np.ndarray, pred: Sequence[int] | np.ndarray) -> dict[str, float]:
    """Accuracy, precision, recall and F1 of the positive class (1)."""
    g, p = np.asarray(gold, dtype=bool), np.asarray(pred, dtype=bool)
    tp = int(np.sum(g & p))
    fp = int(np.sum(~g & p))
    fn = int(np.sum(g & ~p))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    accuracy = float(np.mean(g == p)) if len(g) else 0.0
    return {"accuracy": accuracy, "precision": precision, "recall": recall, "f1": f1,
            "tp": tp, "fp": fp, "fn": fn, "n": len(g)}


def confusion(gold: Sequence[str], pred: Sequence[str], labels: Sequence[str]) -> list[list[int]]:
    """Confusion matrix, rows = gold label, columns = predicted label, in the order of ``labels``."""
    index = {lab: i for i, lab in enumerate(labels)}
    m = [[0] * len(labels) for _ in labels]
    for g, p in zip(gold, pred, strict=True):
        m[index[g]][index[p]] += 1
    return m


def macro_f1(gold: Sequence[str], pred: Sequence[str], labels: Sequence[str]) -> tuple[float, dict[str, float]]:
    """Macro-averaged F1 over ``labels`` and the F1 of each label."""
    per: dict[str, float] = {}
    for lab in labels:
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == lab and p == lab)
        fp = sum(1 for g, p in zip(gold, pred, strict=True) if g != lab and p == lab)
        fn = sum(1 for g, p in zip(gold, pred, strict=True) if g == lab and p != lab)
        per[lab] = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return float(np.mean(list(per.values()))), per


def pearson(x: Sequence[float] | np.ndarray, y: Sequence[float] | np.ndarray) -> float:
    """Pearson correlation coefficient (0.0 when either side is constant)."""
    a, b = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    a, b = a - a.mean(), b - b.mean()
    denom = float(np.sqrt(np.sum(a * a) * np.sum(b * b)))
    return float(np.sum(a * b) / denom) if denom else 0.0


def roc_auc(labels: Sequence[int] | np.ndarray, scores: Sequence[float] | np.ndarray) -> float:
    """Area under the ROC curve: the chance a random positive scores above a random negative (ties half)."""
    y, x = np.asarray(labels, dtype=bool), np.asarray(scores, dtype=np.float64)
    pos, neg = x[y], x[~y]
    if not len(pos) or not len(neg):
        return 0.5
    order = np.sort(neg)
    below = np.searchsorted(order, pos, side="left")
    equal = np.searchsorted(order, pos, side="right") - below
    return float(np.sum(below + 0.5 * equal) / (len(pos) * len(neg)))


def stratified_folds(labels: Sequence[Any], k: int, seed: int) -> list[np.ndarray]:
    """Indices of ``k`` test folds, each label spread evenly over them, shuffled with ``seed``."""
    rng = np.random.default_rng(seed)
    folds: list[list[int]] = [[] for _ in range(k)]
    offset = 0
    for lab in sorted(set(labels), key=str):
        idx = np.array([i for i, x in enumerate(labels) if x == lab])
        rng.shuffle(idx)
        for j, i in enumerate(idx):
            folds[(j + offset) % k].append(int(i))
        offset += len(idx)  # so small classes do not all start in fold 0
    return [np.array(sorted(f)) for f in folds]


# ---------------------------------------------------------------- a tiny logistic regression

class Logistic:
    """L2-regularised logistic regression fitted by Newton's method (standardised features)."""

    def __init__(self, l2: float = 1.0, iterations: int = 50) -> None:
        self.l2 = l2
        self.iterations = iterations
        self.mean: np.ndarray | None = None
        self.scale: np.ndarray | None = None
        self.w: np.ndarray | None = None

    def _design(self, x: np.ndarray) -> np.ndarray:
        assert self.mean is not None and self.scale is not None
        z = (x - self.mean) / self.scale
        return np.hstack([z, np.ones((len(z), 1))])

    def fit(self, x: np.ndarray, y: np.ndarray) -> Logistic:
        self.mean = x.mean(axis=0)
        self.scale = x.std(axis=0)
        self.scale[self.scale == 0] = 1.0
        z = self._design(x)
        w = np.zeros(z.shape[1])
        reg = np.full(z.shape[1], self.l2)
        reg[-1] = 0.0  # the intercept is not shrunk
        for _ in range(self.iterations):
            p = 1.0 / (1.0 + np.exp(-(z @ w)))
            grad = z.T @ (p - y) + reg * w
            hess = (z * (p * (1 - p))[:, None]).T @ z + np.diag(reg) + 1e-9 * np.eye(len(w))
            step = np.linalg.solve(hess, grad)
            w -= step
            if float(np.max(np.abs(step))) < 1e-8:
                break
        self.w = w
        return self

    def proba(self, x: np.ndarray) -> np.ndarray:
        assert self.w is not None
        out: np.ndarray = 1.0 / (1.0 + np.exp(-(self._design(x) @ self.w)))
        return out


def _jsonable(obj: Any) -> Any:
    if isinstance(obj, np.generic):
        return obj.item()
    if isinstance(obj, np.ndarray):
        return obj.tolist()
    if isinstance(obj, Path):
        return str(obj)
    raise TypeError(f"not JSON serialisable: {type(obj).__name__}")
