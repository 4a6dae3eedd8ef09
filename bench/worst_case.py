"""Time and peak memory against input size, for the input shapes that once cost more than linear (#14).

Each shape is run at doubling sizes, each size in a fresh process (so peak memory is that input's own),
and the time ratio per doubling is printed: linear work doubles (ratio ~2), quadratic quadruples.
Shapes (all words our own, made up here):

- ``long_paragraph``: one paragraph of N KB of sentences, compared (words only) with a short article;
- ``long_token``: one "sentence" of N KB without a full stop, compared the same way;
- ``short_sentences``: N KB of two-character sentences ("Go! Go! ..."), which the segmenter merges into one,
  compared the same way;
- ``many_tags``: an HTML page whose article holds N KB of ``<span>`` words, ingested;
- ``deep_nesting``: an HTML page nested N ``<div>`` deep around its article, ingested;
- ``many_records``: a JSONL file of N records, indexed (words only, one worker).

    .venv/bin/python bench/worst_case.py [--quick]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ARTICLE = ("The council said on Monday that the new bridge over the river would open in March. Engineers "
           "finished the last span after two years of work. The mayor thanked residents for their patience. ")

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
shape, size, work = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3])
t0 = time.perf_counter()
if shape in ("long_paragraph", "long_token", "short_sentences"):
    from wiretrace import compare
    compare(work / "input.txt", work / "short.txt", embedder=None)
elif shape in ("many_tags", "deep_nesting"):
    from wiretrace.ingest import read_article
    read_article(work / "input.html")
else:
    from wiretrace.compare import CompareConfig
    from wiretrace.engines.local import IndexConfig, index
    index([str(work / "input.jsonl")], db=str(work / "x.db"),
          cfg=IndexConfig(workers=1, compare=CompareConfig(embedder=None)))
# VmHWM: this process image's own peak (ru_maxrss would carry over the parent's, across exec)
try:
    import re
    peak_kb = int(re.search(r"VmHWM:\s+(\d+)", open("/proc/self/status").read()).group(1))
except (OSError, AttributeError):
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": time.perf_counter() - t0, "peak_mb": peak_kb / 1024}))
"""


def make(shape: str, size: int, work: Path) -> str:
    """Write the input of ``shape`` at ``size`` into ``work``; return a label for the size."""
    (work / "short.txt").write_text("Bridge\n\n" + ARTICLE * 3, encoding="utf-8")
    if shape == "long_paragraph":
        body = (ARTICLE * (size * 1024 // len(ARTICLE) + 1))[: size * 1024]
        (work / "input.txt").write_text("A long paragraph\n\n" + body + "\n", encoding="utf-8")
        return f"{size} KB"
    if shape == "long_token":
        words = ARTICLE.replace(".", "").split()
        body = " ".join(words[i % len(words)] for i in range(size * 1024 // 6))[: size * 1024]
        (work / "input.txt").write_text("A long sentence\n\n" + body + "\n", encoding="utf-8")
        return f"{size} KB"
    if shape == "short_sentences":  # thousands of two-character sentences, all merged into one
        body = ("Go! " * (size * 1024 // 4 + 1))[: size * 1024]
        (work / "input.txt").write_text("Short sentences\n\n" + body + "\n", encoding="utf-8")
        return f"{size} KB"
    if shape == "many_tags":
        words = ARTICLE.split()
        spans = "".join(f"<span>{words[i % len(words)]}</span> " for i in range(size * 1024 // 20))
        html = (f"<html><head><title>Tags</title></head><body><article><p>{ARTICLE}</p><p>{spans}</p></article>"
                "</body></html>")
        (work / "input.html").write_text(html, encoding="utf-8")
        return f"{size} KB"
    if shape == "deep_nesting":
        html = ("<html><head><title>Deep</title></head><body>" + "<div>" * size + f"<article><p>{ARTICLE * 4}</p>"
                "</article>" + "</div>" * size + "</body></html>")
        (work / "input.html").write_text(html, encoding="utf-8")
        return f"depth {size}"
    import random

    rng = random.Random(size)
    vocab = [f"{a}{b}" for a in ("ka", "lo", "mi", "ne", "su", "ta", "ri", "po") for b in ("ran", "tel", "vos", "mik",
                                                                                       "dun", "sal", "per", "gon")]
    with (work / "input.jsonl").open("w", encoding="utf-8") as fh:
        for _ in range(size):  # distinct stories of made-up words: no two share a passage
            sents = [" ".join(rng.choice(vocab) for _ in range(12)).capitalize() + "." for _ in range(12)]
            fh.write(json.dumps({"text": " ".join(sents)}) + "\n")
    return f"{size} records"


SIZES = {"long_paragraph": [64, 128, 256, 512, 1024], "long_token": [64, 128, 256, 512, 1024],
         "short_sentences": [64, 128, 256, 512, 1024],
         "many_tags": [64, 128, 256, 512, 1024], "deep_nesting": [500, 1000, 2000, 4000, 8000],
         "many_records": [250, 500, 1000, 2000, 4000]}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="the first three sizes of each shape")
    ap.add_argument("--shape", action="append", choices=sorted(SIZES), help="only these shapes")
    args = ap.parse_args()
    print("| shape | size | seconds | x per doubling | peak RSS MB |")
    print("|---|---|---:|---:|---:|")
    for shape in args.shape or list(SIZES):
        prev = None
        for size in SIZES[shape][: 3 if args.quick else None]:
            with tempfile.TemporaryDirectory(prefix="wiretrace-worst-") as tmp:
                work = Path(tmp)
                label = make(shape, size, work)
                out = subprocess.run([sys.executable, "-c", CHILD, shape, str(size), str(work)],
                                     capture_output=True, text=True, timeout=600, check=False)
            if out.returncode != 0:
                print(f"| {shape} | {label} | failed: {out.stderr.strip().splitlines()[-1][:80]} | | |")
                prev = None
                continue
            res = json.loads(out.stdout.strip().splitlines()[-1])
            ratio = f"{res['seconds'] / prev:.2f}" if prev else ""
            print(f"| {shape} | {label} | {res['seconds']:.2f} | {ratio} | {res['peak_mb']:.0f} |", flush=True)
            prev = res["seconds"]
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
