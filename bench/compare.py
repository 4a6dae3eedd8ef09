"""Benchmark: one `compare` of two ~1,000-word articles, lexical path and with embeddings.

The pair is built from the example corpus: article a joins the agency originals of two stories,
article b their content-farm copies (wording drifted, furniture, planted changes) - about 1,000 words
each. Peers on the same pair in the same run: difflib.SequenceMatcher over word tokens (the stdlib
diff) and diff-match-patch (Google's character diff with semantic clean-up), both of which say *what*
differs but not relation, source or typed changes.

    python bench/compare.py [--repeat 30]
"""

from __future__ import annotations

import argparse
import difflib
import platform
import resource
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from wiretrace import Article, article_from_text, read_article
from wiretrace.compare import CompareConfig, Comparer

CORPUS = Path(__file__).resolve().parent.parent / "examples" / "corpus"


def build_pair(target_words: int = 1000) -> tuple[Article, Article]:
    a_parts: list[str] = []
    b_parts: list[str] = []
    for story in sorted(p for p in CORPUS.iterdir() if (p / "farm.html").exists()):
        a_parts.append(read_article(story / "original.txt").text)
        b_parts.append(read_article(story / "farm.html").text)
        if sum(len(t.split()) for t in a_parts) >= target_words:
            break
    a_text = _cut("\n\n".join(a_parts), target_words)
    b_text = _cut("\n\n".join(b_parts), target_words)
    return article_from_text(a_text, name="bench-a"), article_from_text(b_text, name="bench-b")


def _cut(text: str, words: int) -> str:
    out, n = [], 0
    for para in text.split("\n\n"):
        out.append(para)
        n += len(para.split())
        if n >= words:
            break
    return "\n\n".join(out)


def timed(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median and p90 wall time in ms."""
    fn()  # warm-up
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return statistics.median(times), times[int(0.9 * (len(times) - 1))]


def peak_kib(fn: Callable[[], object]) -> float:
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1024


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=30)
    args = ap.parse_args()
    a, b = build_pair()
    print(f"pair: a {len(a.text.split())} words, b {len(b.text.split())} words; python {platform.python_version()}, "
          f"{platform.machine()}")

    lexical = Comparer(CompareConfig(embedder=None))
    da, db = lexical.doc(a), lexical.doc(b)
    print(f"sentences: a {len(da.sentences)}, b {len(db.sentences)}")
    rows: list[tuple[str, float, float, float]] = []

    def add(name: str, fn: Callable[[], object]) -> float:
        med, p90 = timed(fn, args.repeat)
        rows.append((name, med, p90, peak_kib(fn)))
        return med

    seg = add("segment both articles (pysbd + mentions)", lambda: (lexical.doc(a), lexical.doc(b)))
    lex = add("compare, lexical path (Docs given)", lambda: lexical.compare(da, db))
    add("compare, lexical path (from Articles)", lambda: lexical.compare(a, b))

    semantic = Comparer(CompareConfig())
    semantic.embed(da)  # loads the model once; excluded from the timings below

    def with_embeddings() -> object:
        semantic._vectors.clear()  # embed both articles on every run
        return semantic.compare(da, db)

    emb = add("compare, with embeddings (Docs given, embedding included)", with_embeddings)

    ta, tb = a.text.split(), b.text.split()
    peer_difflib = add("peer: difflib.SequenceMatcher on word tokens",
                       lambda: difflib.SequenceMatcher(None, ta, tb, autojunk=False).get_opcodes())
    peer_dmp = None
    try:
        from diff_match_patch import diff_match_patch

        dmp = diff_match_patch()
        dmp.Diff_Timeout = 0

        def run_dmp() -> object:
            d = dmp.diff_main(a.text, b.text)
            dmp.diff_cleanupSemantic(d)
            return d

        peer_dmp = add("peer: diff-match-patch, semantic clean-up", run_dmp)
    except ImportError:
        print("diff-match-patch not installed: pip install diff-match-patch (peer skipped)", file=sys.stderr)

    print(f"\n{'what':58} {'median ms':>10} {'p90 ms':>8} {'peak KiB':>9}")
    for name, med, p90, peak in rows:
        print(f"{name:58} {med:10.2f} {p90:8.2f} {peak:9.0f}")
    print(f"\nratio lexical compare / difflib: {lex / peer_difflib:.2f}x the time")
    if peer_dmp:
        print(f"ratio lexical compare / diff-match-patch: {lex / peer_dmp:.2f}x the time")
    print(f"segmentation share of an end-to-end lexical compare: {seg / (seg + lex):.0%}")
    print(f"with embeddings / lexical: {emb / lex:.1f}x")
    print(f"process max RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB "
          "(includes the embedding model)")
    print(f"target lexical < 50 ms: {'met' if lex < 50 else 'NOT met'} ({lex:.1f} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
