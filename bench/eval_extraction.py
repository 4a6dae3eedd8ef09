"""Extraction quality on the article-extraction-benchmark pages (../shared/data/aeb), same run:
wiretrace's ingest (trafilatura with our options + our furniture stripping + dateline parsing) vs plain
trafilatura (its defaults), and trafilatura with our options alone (what the stripping adds on top).

Measure (the benchmark's own): precision / recall / F1 over 4-token shingles, micro-averaged; plus the
share of pages where each extractor returned nothing. No tuning happens here: nothing is fitted.
The pages where our F1 is lowest are listed, with what was lost (recall) or added (precision).

Threshold split: none fitted.

    python bench/eval_extraction.py [--data ../shared/data/aeb] [--json out.json]
"""

from __future__ import annotations

import gzip
import json
import re
import sys
import time
from collections import Counter
from typing import Any

from _evalkit import Timer, dataset_dir, emit, parser, skip
from wiretrace.errors import InputError
from wiretrace.ingest import article_from_bytes
from wiretrace.ingest.html import TRAFILATURA_OPTIONS

EVALUATION = "extraction"
DATASET = "aeb"
GOAL_F1 = 0.97
REFERENCE = "best published 0.970; trafilatura 2.0.0 0.958 (the benchmark's table)"
_TOKEN = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    toks = _TOKEN.findall(text.lower())
    return Counter(tuple(toks[i:i + n]) for i in range(max(0, len(toks) - n + 1)))


def _prf(c: Counter[str]) -> tuple[float, float, float]:
    p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
    r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def main(argv: list[str] | None = None) -> int:
    ap = parser(__doc__, DATASET)
    ap.add_argument("--worst", type=int, default=8, help="list this many pages where our F1 is lowest")
    args = ap.parse_args(argv)
    data = dataset_dir(args, DATASET)
    truth_path = data / "ground-truth.json"
    if not truth_path.exists():
        return skip(args, EVALUATION, f"{truth_path} not found (the AEB data lives in ../shared/data/aeb)")
    import trafilatura

    timer = Timer()
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    names = ("wiretrace", "trafilatura", "trafilatura-options")
    totals: dict[str, Counter[str]] = {name: Counter() for name in names}  # tp, fp, fn
    empty: Counter[str] = Counter()
    seconds: Counter[str] = Counter()
    pages: list[dict[str, Any]] = []
    for key, rec in sorted(truth.items()):
        raw = gzip.decompress((data / "html" / f"{key}.html.gz").read_bytes())
        gold = shingles(rec["articleBody"])
        t = time.perf_counter()
        try:
            ours = article_from_bytes(raw, name=key, fmt="html", url=rec.get("url")).text
        except InputError:
            ours = ""
        seconds["wiretrace"] += time.perf_counter() - t
        t = time.perf_counter()
        plain = trafilatura.extract(raw, url=rec.get("url"), include_comments=False, include_tables=False) or ""
        seconds["trafilatura"] += time.perf_counter() - t
        t = time.perf_counter()
        same = trafilatura.extract(raw, url=rec.get("url"), **TRAFILATURA_OPTIONS) or ""
        seconds["trafilatura-options"] += time.perf_counter() - t
        page: dict[str, Any] = {"id": key}
        for name, text in (("wiretrace", ours), ("trafilatura", plain), ("trafilatura-options", same)):
            got = shingles(text)
            tp = sum((got & gold).values())
            c = Counter({"tp": tp, "fp": sum(got.values()) - tp, "fn": sum(gold.values()) - tp})
            totals[name].update(c)
            empty[name] += not text.strip()
            page[name] = {k: c[k] for k in ("tp", "fp", "fn")}
        pages.append(page)
    print(f"pages: {len(truth)}  (published best F1 0.970; trafilatura 2.0.0 in the benchmark's table: 0.958)")
    print(f"{'extractor':19} {'precision':>9} {'recall':>7} {'F1':>6} {'empty':>6} {'s/page':>7}")
    scores: dict[str, dict[str, float]] = {}
    for name, c in totals.items():
        p, r, f1 = _prf(c)
        scores[name] = {"precision": p, "recall": r, "f1": f1, "empty": empty[name],
                        "seconds_per_page": seconds[name] / len(truth)}
        print(f"{name:19} {p:9.3f} {r:7.3f} {f1:6.3f} {empty[name]:6d} {seconds[name] / len(truth):7.3f}")
    diff = scores["wiretrace"]["f1"] - scores["trafilatura"]["f1"]
    print(f"F1 difference, ours minus plain trafilatura: {diff:+.3f}")
    stripping = scores["wiretrace"]["f1"] - scores["trafilatura-options"]["f1"]
    print(f"F1 difference, ours minus trafilatura with our options (what furniture stripping adds): {stripping:+.3f}")
    ours_total = totals["wiretrace"]
    worst = sorted(pages, key=lambda pg: -(pg["wiretrace"]["fp"] + pg["wiretrace"]["fn"]))[:args.worst]
    print(f"pages costing us most shingles (share of all our errors: fp {ours_total['fp']}, fn {ours_total['fn']}):")
    for pg in worst:
        w, t = pg["wiretrace"], pg["trafilatura"]
        print(f"  {pg['id']}  fp {w['fp']:5d}  fn {w['fn']:5d}   (trafilatura fp {t['fp']:5d}  fn {t['fn']:5d})")
    top = sum(pg["wiretrace"]["fp"] + pg["wiretrace"]["fn"] for pg in worst)
    share = top / max(1, ours_total["fp"] + ours_total["fn"])
    print(f"these {len(worst)} pages hold {share:.0%} of our wrong shingles")
    print(f"runtime {timer.seconds:.1f} s")
    return emit(args, {
        "evaluation": EVALUATION, "status": "ok", "data": str(data), "pages": len(truth),
        "split_for_thresholds": "none fitted",
        "headline": {"name": "wiretrace ingest, shingle F1", **scores["wiretrace"]},
        "peer": {"name": f"plain trafilatura {trafilatura.__version__}", **scores["trafilatura"]},
        "difference_f1": diff, "options": TRAFILATURA_OPTIONS,
        "options_only": {"name": "trafilatura with wiretrace's options", **scores["trafilatura-options"]},
        "stripping_difference_f1": stripping, "goal": {"f1": GOAL_F1, "met": scores["wiretrace"]["f1"] >= GOAL_F1},
        "reference": REFERENCE, "worst_pages": worst, "worst_share_of_errors": share,
        "seconds": round(timer.seconds, 1),
    })


if __name__ == "__main__":
    sys.exit(main())
