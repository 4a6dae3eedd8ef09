"""Benchmark: the candidate stage of indexing (MinHash + LSH banding) on a generated news corpus,
wiretrace against datasketch and rensa on the same shingles with the same banding, in one run.

The corpus is generated from the example corpus's sentences (nothing is committed): "families" of
copies (a seed story of 12 sentences with some words changed, then copies with sentences dropped and
words changed) plus single filler articles. Truth: pairs whose exact Jaccard of word 5-gram sets is
>= the threshold. Each method runs in its own process; "peak RSS" is the process peak when the method ends (the
generated corpus and every method's input shingles included), "over data" what the method added.

    python bench/index.py --articles 10000 100000          # candidate stage, three libraries
    python bench/index.py --full --articles 2000 [--lexical] # the whole index, end to end
    python bench/index.py --full --articles 2000 --embedder use-multilingual-v3  # another embedder
    python bench/index.py --full --articles 2000 --keep out/  # and keep the store (out/2000.db)
    python bench/index.py --full --articles 2000 --doc-vector-sentences 5  # document vectors from the lede
    python bench/index.py --full --articles 10000 --corpus real  # real article texts (read by path)
    python bench/index.py --full --articles 10000 --corpus real --text-cache-mib 128  # vectors kept by text

``--corpus real`` (issue #15): a stream of real news texts instead of the generated corpus, read by path from
``../shared/data`` (never copied; the dump lives in a temporary folder): every distinct article text of
SemEval-2022 task 8 (es, tr, ar, fr subsets, with their titles), of WMT22's news documents (originals,
their human references and the two commercial systems' outputs: real translations of one another) and of
the article-extraction benchmark's gold bodies; texts under 300 characters are left out (3,823 texts in all),
in a seeded shuffled order. Beyond them, copies: article k is a copy of distinct text k mod D with each
paragraph after the first dropped with probability U(0, 0.35) (as a republished wire story is cut),
so 10,000 articles hold 3,823 distinct texts and 6,177 copies.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import subprocess
import sys
import time
from itertools import combinations
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
BANDS, ROWS, NUM_PERM, SHINGLE, THRESHOLD, BUCKET_CAP = 32, 4, 128, 5, 0.5, 200
_WORD = re.compile(r"\w+")


def sentences() -> list[list[str]]:
    from wiretrace import read_article

    out = []
    for p in sorted((ROOT / "examples" / "corpus").glob("*/*")):
        if p.suffix in (".txt", ".html", ".json") and p.name != "truth.json" and "translation" not in p.name:
            for s in re.split(r"(?<=[.!?])\s+", read_article(p).text):
                toks = _WORD.findall(s.lower())
                if len(toks) >= 6:
                    out.append(toks)
    return out


def generate(n: int, seed: int = 0) -> tuple[list[list[str]], list[int]]:
    """Token lists and family ids (filler articles have a family of their own)."""
    rng = np.random.default_rng(seed)
    pool = sentences()
    vocab = sorted({t for s in pool for t in s})
    docs: list[list[str]] = []
    family: list[int] = []
    fam = 0

    def noisy(tokens: list[str], rate: float) -> list[str]:
        out = list(tokens)
        for i in np.nonzero(rng.random(len(out)) < rate)[0]:
            out[i] = vocab[rng.integers(len(vocab))]
        return out

    while len(docs) < n:
        fam += 1
        seed_sents = [noisy(pool[i], 0.15) for i in rng.choice(len(pool), 12, replace=False)]
        copies = 1 if rng.random() < 0.5 else 1 + int(rng.geometric(0.35))
        for _ in range(min(copies, n - len(docs))):
            keep = [s for s in seed_sents if rng.random() > rng.uniform(0, 0.35)] or seed_sents[:3]
            docs.append(noisy([t for s in keep for t in s], rng.uniform(0, 0.08)))
            family.append(fam)
    return docs, family


#: Characters a real text needs to be taken into ``--corpus real`` (captions and stubs are left out;
#: characters, not words: Chinese and Japanese have no spaces).
REAL_MIN_CHARS = 300


def real_texts() -> list[dict[str, str]]:
    """The distinct real article texts of ``--corpus real`` (``{"text", "title"?}``), in a seeded order."""
    import csv

    sys.path.insert(0, str(ROOT / "bench"))
    from _evalkit import data_root
    from _realdata import wmt_docs

    root = data_root()
    csv.field_size_limit(1 << 30)
    seen: dict[str, dict[str, str]] = {}

    def take(text: str, title: str | None = None) -> None:
        text = text.strip()
        if len(text) >= REAL_MIN_CHARS and text not in seen:
            seen[text] = {"text": text, **({"title": title.strip()} if title and title.strip() else {})}

    for path in sorted((root / "semeval2022_task8" / "blresearch_subsets").glob("*/*.csv")):
        with path.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                for side in ("1", "2"):
                    take(row.get(f"text_{side}") or "", row.get(f"title_{side}"))
    for doc in wmt_docs(root):  # the test set's own paragraphs, as the test bed reads them
        for text in (doc.original, *doc.references.values(), *doc.machine.values()):
            take(text)
    gt = json.loads((root / "aeb" / "ground-truth.json").read_text(encoding="utf-8"))
    for aid in sorted(gt):
        take(gt[aid].get("articleBody") or "")
    out = list(seen.values())
    order = np.random.default_rng(0).permutation(len(out))
    return [out[i] for i in order]


def real_records(n: int, seed: int = 0) -> list[dict[str, str]]:
    """``n`` records of ``--corpus real``: the distinct texts, then copies with paragraphs dropped."""
    rng = np.random.default_rng(seed)
    texts = real_texts()
    out = []
    for k in range(n):
        rec = texts[k % len(texts)]
        if k >= len(texts):
            paras = [p for p in re.split(r"\n\s*\n|\n", rec["text"]) if p.strip()]
            rate = rng.uniform(0, 0.35)
            kept = paras[:1] + [p for p in paras[1:] if rng.random() > rate]
            rec = {**rec, "text": "\n\n".join(kept)}
        out.append(rec)
    return out


def shingle_strings(tokens: list[str]) -> list[str]:
    return list({" ".join(tokens[i:i + SHINGLE]) for i in range(max(1, len(tokens) - SHINGLE + 1))})


def run_ours(docs: list[list[str]]) -> set[tuple[int, int]]:
    from wiretrace.fingerprint import MinHashConfig, MinHasher, band_key_matrix, lsh_pairs

    cfg = MinHashConfig(num_perm=NUM_PERM, bands=BANDS, shingle_size=SHINGLE)
    sigs = MinHasher(cfg).signatures_of_tokens(docs)
    pairs = lsh_pairs(band_key_matrix(sigs, cfg), max_bucket=BUCKET_CAP)
    return {(int(i), int(j)) for i, j in pairs}


def run_datasketch(shingles: list[list[str]]) -> set[tuple[int, int]]:
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(num_perm=NUM_PERM, params=(BANDS, ROWS))
    hashes = []
    for i, sh in enumerate(shingles):
        m = MinHash(num_perm=NUM_PERM)
        m.update_batch([s.encode("utf-8") for s in sh])
        lsh.insert(i, m)
        hashes.append(m)
    return {tuple(sorted((i, j))) for i, m in enumerate(hashes) for j in lsh.query(m) if j != i}  # type: ignore[misc]


def run_rensa(shingles: list[list[str]]) -> set[tuple[int, int]]:
    from rensa import RMinHash, RMinHashLSH

    lsh = RMinHashLSH(THRESHOLD, NUM_PERM, BANDS)
    hashes = []
    for i, sh in enumerate(shingles):
        m = RMinHash(NUM_PERM, 1)
        m.update(sh)
        lsh.insert(i, m)
        hashes.append(m)
    return {tuple(sorted((i, int(j)))) for i, m in enumerate(hashes) for j in lsh.query(m) if j != i}  # type: ignore[misc]


def child(method: str, n: int) -> None:
    docs, family = generate(n)
    rss_data = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    shingle_seconds = 0.0
    if method == "wiretrace":
        t = time.perf_counter()
        cands = run_ours(docs)
    else:
        t = time.perf_counter()
        shingles = [shingle_strings(d) for d in docs]  # what a user of the peer library must build first
        shingle_seconds = time.perf_counter() - t
        t = time.perf_counter()
        cands = (run_datasketch if method == "datasketch" else run_rensa)(shingles)
    seconds = time.perf_counter() - t + shingle_seconds
    rss_method = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if method == "wiretrace":
        shingles = [shingle_strings(d) for d in docs]
    sets = [set(s) for s in shingles]

    def jac(i: int, j: int) -> float:
        return len(sets[i] & sets[j]) / len(sets[i] | sets[j])

    by_family: dict[int, list[int]] = {}
    for i, f in enumerate(family):
        by_family.setdefault(f, []).append(i)
    truth = {(i, j) for members in by_family.values() for i, j in combinations(members, 2) if jac(i, j) >= THRESHOLD}
    good = {p for p in cands if p in truth or jac(*p) >= THRESHOLD}
    truth |= good
    print(json.dumps({"method": method, "articles": n, "seconds": seconds, "candidates": len(cands),
                      "shingle_string_seconds": shingle_seconds,
                      "recall": len(good & truth) / max(len(truth), 1), "precision": len(good) / max(len(cands), 1),
                      "truth_pairs": len(truth),
                      "peak_rss_mib": rss_method, "rss_over_data_mib": rss_method - rss_data}))


def full(n: int, lexical: bool, embedder: str = "auto", keep: Path | None = None, lede: int | None = None, *,
         corpus: str = "generated", text_cache_mib: float = 0.0, start_method: str = "auto") -> None:
    """The whole `wiretrace index` (ingest, segment, MinHash, store, candidates, compare) on n articles;
    ``keep``: a folder to write the store into (``N.db``, or ``real-N.db``, replaced) and leave, to compare two
    runs; ``lede``: ``IndexConfig.doc_vector_sentences``; ``corpus``: "generated" or "real"; ``text_cache_mib``:
    ``CompareConfig.text_cache_mib`` (each worker's vectors kept by text; 0: off, the default)."""
    import tempfile

    from wiretrace.compare import CompareConfig
    from wiretrace.engines.local import IndexConfig, index

    if corpus == "real":
        records = real_records(n)
    else:
        docs, _family = generate(n)
        records = [{"text": "\n\n".join(" ".join(d[k:k + 25]).capitalize() + "." for k in range(0, len(d), 25))}
                   for d in docs]
    with tempfile.TemporaryDirectory() as tmp:
        db = (keep / f"{'real-' if corpus == 'real' else ''}{n}.db") if keep else Path(tmp) / "w.db"
        for old in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
            old.unlink(missing_ok=True)
        dump = Path(tmp) / "dump.jsonl"
        with dump.open("w", encoding="utf-8") as fh:
            for i, rec in enumerate(records):
                fh.write(json.dumps({"url": f"https://gen.example/{i}", **rec}) + "\n")
        cfg = IndexConfig(compare=CompareConfig(embedder=None if lexical else embedder, text_cache_mib=text_cache_mib),
                          workers=2, doc_vector_sentences=lede, start_method=start_method)  # type: ignore[arg-type]
        cpu0 = _cpu()
        t = time.perf_counter()
        report = index([str(dump)], db=str(db), cfg=cfg)
        seconds = time.perf_counter() - t
        if start_method != "fork":
            _stop_forkserver()  # none started (auto forked): nothing to stop
        cpu = _cpu() - cpu0
        store_mib = db.stat().st_size / 2**20
    stages = {k: round(1000 * v / n, 3) for k, v in report.cpu_seconds.items()}
    print(json.dumps({"corpus": corpus, "articles": n, "start_method": start_method, "lexical": lexical,
                      "embedder": None if lexical else embedder,
                      "doc_vector_sentences": lede, "text_cache_mib": text_cache_mib,
                      "seconds": round(seconds, 2),
                      "articles_per_s": round(n / seconds, 1), "pairs_compared": report.pairs_compared,
                      "new_articles": report.new_articles, "cpu_ms_per_article": round(1000 * cpu / n, 3),
                      "cpu_ms_per_article_by_stage": stages, "cpu_over_wall": round(cpu / seconds, 2),
                      "store_mib": round(store_mib, 1),
                      "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                      "peak_rss_worker_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))


def _stop_forkserver() -> None:
    """End this process's forkserver (the pools' workers are its children): its CPU seconds and those of the
    workers it reaped then count in :func:`_cpu` (else only the index process's would)."""
    from multiprocessing import forkserver

    forkserver._forkserver._stop()  # type: ignore[attr-defined]


def _cpu() -> float:
    """CPU seconds of this process and its finished workers."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, nargs="+", default=[10000])
    ap.add_argument("--full", action="store_true", help="time the whole `wiretrace index` instead of the "
                                                        "candidate stage")
    ap.add_argument("--lexical", action="store_true", help="with --full: no embeddings")
    ap.add_argument("--embedder", default="auto", help="with --full: the embedder (default: auto, the "
                                                       "default of `wiretrace index`)")
    ap.add_argument("--keep", type=Path, help="with --full: write each store to this folder as N.db and keep "
                                               "it (to compare the relations of two runs)")
    ap.add_argument("--doc-vector-sentences", type=int, default=None, metavar="N",
                    help="with --full: document vectors from the first N sentences and the title (default: "
                         "every sentence; IndexConfig.doc_vector_sentences)")
    ap.add_argument("--corpus", choices=["generated", "real"], default="generated",
                    help="with --full: the generated corpus, or real article texts read from ../shared/data "
                         "(see the module's docstring)")
    ap.add_argument("--text-cache-mib", type=float, default=0.0, metavar="MIB",
                    help="with --full: keep up to MIB of each worker's sentence vectors by text and give them again "
                         "(CompareConfig.text_cache_mib; default 0: off)")
    ap.add_argument("--start-method", choices=["auto", "forkserver", "spawn", "fork"], default="auto",
                    help="with --full: how the pools' workers start (IndexConfig.start_method)")
    ap.add_argument("--methods", nargs="+", default=["wiretrace", "datasketch", "rensa"])
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child, args.articles[0])
        return 0
    if args.full:
        for n in args.articles:
            full(n, args.lexical, args.embedder, args.keep, args.doc_vector_sentences, corpus=args.corpus,
                 text_cache_mib=args.text_cache_mib, start_method=args.start_method)
        return 0
    print(f"MinHash {NUM_PERM} permutations, {BANDS} bands x {ROWS} rows, word {SHINGLE}-grams, "
          f"truth: Jaccard >= {THRESHOLD}")
    print("Every method starts from the same token lists; the peers' time includes building their shingle "
          "strings (shown apart as 'shingles s').")
    print(f"{'articles':>9} {'method':11} {'seconds':>8} {'shingles s':>10} {'articles/s':>11} {'recall':>7} "
          f"{'precision':>9} {'candidates':>10} {'peak RSS MiB':>12} {'over data':>9}")
    for n in args.articles:
        results = {}
        for m in args.methods:
            out = subprocess.run([sys.executable, __file__, "--child", m, "--articles", str(n)],
                                 capture_output=True, text=True, check=True)
            r = json.loads(out.stdout.strip().splitlines()[-1])
            results[m] = r
            print(f"{n:9d} {m:11} {r['seconds']:8.2f} {r['shingle_string_seconds']:10.2f} "
                  f"{n / r['seconds']:11.0f} {r['recall']:7.3f} "
                  f"{r['precision']:9.3f} {r['candidates']:10d} {r['peak_rss_mib']:12.0f} "
                  f"{r['rss_over_data_mib']:9.0f}")
        if "wiretrace" in results:
            for peer in ("datasketch", "rensa"):
                if peer in results:
                    ours = results["wiretrace"]["seconds"]
                    ratio = results[peer]["seconds"] / ours
                    given = (results[peer]["seconds"] - results[peer]["shingle_string_seconds"]) / ours
                    print(f"{'':9} throughput wiretrace / {peer}: {ratio:.2f}x from the same tokens "
                          f"({given:.2f}x if {peer} is handed ready shingle strings)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
