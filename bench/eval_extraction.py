"""Extraction quality on the article-extraction-benchmark pages (../shared/data/aeb), same run:
wiretrace's ingest (trafilatura + our furniture stripping + dateline parsing) vs plain trafilatura.

Measure (the benchmark's own): precision / recall / F1 over 4-token shingles, micro-averaged; plus the
share of pages where each extractor returned nothing. No tuning happens here: nothing is fitted.

    python bench/eval_extraction.py [--data ../shared/data/aeb]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

from wiretrace.errors import InputError
from wiretrace.ingest import article_from_bytes

DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "aeb"
_TOKEN = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    toks = _TOKEN.findall(text.lower())
    return Counter(tuple(toks[i:i + n]) for i in range(max(0, len(toks) - n + 1)))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT)
    args = ap.parse_args()
    truth_path = args.data / "ground-truth.json"
    if not truth_path.exists():
        print(f"skipped: {truth_path} not found (the AEB data lives in ../shared/data/aeb)")
        return 0
    import trafilatura

    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    totals = {name: Counter() for name in ("wiretrace", "trafilatura")}  # tp, fp, fn
    empty = Counter()
    seconds = Counter()
    for key, rec in sorted(truth.items()):
        raw = gzip.decompress((args.data / "html" / f"{key}.html.gz").read_bytes())
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
        for name, text in (("wiretrace", ours), ("trafilatura", plain)):
            got = shingles(text)
            tp = sum((got & gold).values())
            totals[name]["tp"] += tp
            totals[name]["fp"] += sum(got.values()) - tp
            totals[name]["fn"] += sum(gold.values()) - tp
            empty[name] += not text.strip()
    print(f"pages: {len(truth)}  (published best F1 0.970; trafilatura 2.0.0 in the benchmark's table: 0.958)")
    print(f"{'extractor':14} {'precision':>9} {'recall':>7} {'F1':>6} {'empty':>6} {'s/page':>7}")
    f1s = {}
    for name, c in totals.items():
        p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
        r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
        f1s[name] = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{name:14} {p:9.3f} {r:7.3f} {f1s[name]:6.3f} {empty[name]:6d} {seconds[name] / len(truth):7.3f}")
    print(f"F1 difference, ours minus plain trafilatura: {f1s['wiretrace'] - f1s['trafilatura']:+.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
