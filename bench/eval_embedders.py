"""Weigh sentence embedders on real news in six languages (issue #17): WMT22 news, originals against
their professional translations, segment by segment (the test set's own units are aligned one to one).

For each embedder and each language pair (the original's language first), on one split of the
real-data test bed (``bench/_realdata.py``: split by source document):

- **translation P@1**: each original's document vector (the mean of its sentence vectors, as the
  index uses it) against the vectors of *every* reference translation in the set, all pairs: is its own
  translation the nearest?
- **separation**: cosine of gold-aligned sentence pairs against random cross-language pairs from
  different documents: ROC AUC, and the gap of the medians in robust deviations of the null;
- **same-language null** per language: random sentence pairs of different documents in one language
  (median, 95th and 99th percentile): what "unrelated" scores there;
- **speed**: sentences per second on this machine's cores, batch as the comparer sends it (one
  document at a time), and the process's peak memory after loading and encoding.

The languages of the WMT22 news data are all inside both models' lists; what a model does outside its
list is shown by ``--uncovered`` on our own Finnish fixtures (no Finnish news in ``../shared/data``).

    .venv/bin/python bench/eval_embedders.py --split dev
    .venv/bin/python bench/eval_embedders.py --split test --json bench/out/embedders-test.json
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _realdata import WmtDoc, wmt_docs

EMBEDDERS = ("use-multilingual-v3", "e5-small-multilingual")


def _auc(pos: np.ndarray, neg: np.ndarray) -> float:
    """ROC AUC by ranks (Mann-Whitney U)."""
    allv = np.concatenate([pos, neg])
    ranks = allv.argsort().argsort().astype(np.float64) + 1
    r_pos = ranks[: len(pos)].sum()
    return float((r_pos - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg)))


def _mad(x: np.ndarray) -> float:
    return float(np.median(np.abs(x - np.median(x)))) or 1e-6


def aligned_segments(doc: WmtDoc) -> list[tuple[list[str], list[str]]]:
    """(original segments, reference segments) for each reference with as many segments as the original."""
    orig = [s for s in doc.original.split("\n\n") if s.strip()]
    out = []
    for ref in doc.references.values():
        segs = [s for s in ref.split("\n\n") if s.strip()]
        if len(segs) == len(orig) and len(orig) >= 2:
            out.append((orig, segs))
    return out


def fit_centres(name: str) -> dict[str, object]:
    """Each language's mean sentence vector over the dev split (originals and references), raw; the
    mean over all languages (equal weight) as ``"*"``. Never run on test."""
    from _realdata import digest, source_files
    from wiretrace.embed import get_embedder

    emb = get_embedder(name)
    emb.centres = None  # type: ignore[attr-defined]  # fit on raw vectors
    sums: dict[str, np.ndarray] = {}
    counts: dict[str, int] = defaultdict(int)
    for d in wmt_docs():
        if d.split != "dev":
            continue
        texts = [(d.src_lang, s) for s in d.original.split("\n\n") if s.strip()]
        for ref in d.references.values():
            texts += [(d.tgt_lang, s) for s in ref.split("\n\n") if s.strip()]
        for lang in {x for x, _ in texts}:
            v = emb.encode([t for x, t in texts if x == lang])
            sums[lang] = sums.get(lang, 0) + v.sum(axis=0)
            counts[lang] += len(v)
    centres = {lang: (sums[lang] / counts[lang]) for lang in sorted(sums)}
    centres["*"] = np.mean(np.stack(list(centres.values())), axis=0)
    return {"embedder": emb.name, "fitted_on": "WMT22 news, real-data test bed dev split (bench/_realdata.py)",
            "data_digest": digest(source_files()), "split": "dev", "sentences": dict(sorted(counts.items())),
            "made_by": "bench/eval_embedders.py --fit-centres",
            "note": "a language without its own mean gets '*', the mean of the fitted languages' means",
            "centres": {k: [round(float(x), 6) for x in v] for k, v in centres.items()}}


def measure(name: str, split: str, seed: int = 7) -> dict[str, object]:
    from wiretrace.embed import centre, get_embedder

    t_load = time.perf_counter()
    emb = get_embedder(name)
    load_s = time.perf_counter() - t_load
    docs = [d for d in wmt_docs() if d.split == split]
    rng = random.Random(seed)
    n_sent = 0
    enc_s = 0.0
    cache: dict[tuple[str, ...], np.ndarray] = {}

    def enc(sents: list[str], lang: str) -> np.ndarray:
        nonlocal n_sent, enc_s
        key = tuple(sents)
        if key not in cache:
            t = time.perf_counter()
            cache[key] = centre(emb, emb.encode(sents), lang)  # as the comparer sees them
            enc_s += time.perf_counter() - t
            n_sent += len(sents)
        return cache[key]

    per_pair: dict[str, dict[str, object]] = {}
    by_lang: dict[str, list[np.ndarray]] = defaultdict(list)  # sentence vectors per language, per doc
    for pair in sorted({d.pair for d in docs}):
        pdocs = [d for d in docs if d.pair == pair]
        gold, origs, refs = [], [], []
        for d in pdocs:
            for orig, ref in aligned_segments(d):
                eo, er = enc(orig, d.src_lang), enc(ref, d.tgt_lang)
                gold.extend((eo * er).sum(axis=1).tolist())
                origs.append(eo)
                refs.append(er)
                by_lang[d.src_lang].append(eo)
                by_lang[d.tgt_lang].append(er)
        if len(origs) < 2:
            continue
        null = []
        for _ in range(3000):
            i, j = rng.sample(range(len(origs)), 2)
            a, b = origs[i], refs[j]
            null.append(float(a[rng.randrange(len(a))] @ b[rng.randrange(len(b))]))
        g, n = np.array(gold), np.array(null)
        per_pair[pair] = {"documents": len(origs), "gold_pairs": len(g), "auc": _auc(g, n),
                          "gold_median": float(np.median(g)), "null_median": float(np.median(n)),
                          "null_mad": _mad(n), "gap_in_mads": float((np.median(g) - np.median(n)) / _mad(n)),
                          "gold_p10": float(np.percentile(g, 10)), "null_p99": float(np.percentile(n, 99))}
    # Translation P@1 among all documents: each original against every reference of the split.
    originals, references, owner = [], [], []
    for d in docs:
        for k, (orig, ref) in enumerate(aligned_segments(d)):
            if k == 0:
                originals.append((d.key, d.pair, _unit(enc(orig, d.src_lang).mean(axis=0))))
            references.append(_unit(enc(ref, d.tgt_lang).mean(axis=0)))
            owner.append(d.key)
    r = np.stack(references)
    hits: dict[str, list[bool]] = defaultdict(list)
    for key, pair, v in originals:
        best = int(np.argmax(r @ v))
        hits[pair].append(owner[best] == key)
    for pair, h in hits.items():
        if pair in per_pair:
            per_pair[pair]["p_at_1"] = sum(h) / len(h)
    same_lang = {}
    for lang, mats in by_lang.items():
        vals = []
        for _ in range(3000):
            i, j = rng.sample(range(len(mats)), 2)
            vals.append(float(mats[i][rng.randrange(len(mats[i]))] @ mats[j][rng.randrange(len(mats[j]))]))
        v = np.array(vals)
        same_lang[lang] = {"median": float(np.median(v)), "p95": float(np.percentile(v, 95)),
                           "p99": float(np.percentile(v, 99)), "mad": _mad(v)}
    return {"embedder": emb.name, "split": split, "languages_declared": sorted(emb.languages or []),
            "load_s": load_s, "sentences": n_sent, "sentences_per_s": n_sent / enc_s if enc_s else 0.0,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "pairs": per_pair, "same_language_null": same_lang}


def _unit(v: np.ndarray) -> np.ndarray:
    return v / (np.linalg.norm(v) or 1.0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", choices=("dev", "test"), default="dev")
    ap.add_argument("--embedder", action="append", help="measure only these (default: both)")
    ap.add_argument("--json", type=Path, help="write the figures here")
    ap.add_argument("--fit-centres", action="store_true",
                    help="fit e5-small-multilingual's per-language mean vectors on dev and ship them")
    ap.add_argument("--one", help=argparse.SUPPRESS)  # child mode: one embedder, JSON on stdout
    args = ap.parse_args()
    if args.fit_centres:
        out = Path(__file__).resolve().parent.parent / "src/wiretrace/models/e5-small-multilingual-centres.json"
        out.write_text(json.dumps(fit_centres("e5-small-multilingual"), indent=1) + "\n")
        print(f"wrote {out}")
        return
    if args.one:
        print(json.dumps(measure(args.one, args.split)))
        return
    results = []
    for name in args.embedder or EMBEDDERS:  # one process each, so peak memory is the model's own
        out = subprocess.run([sys.executable, __file__, "--split", args.split, "--one", name],
                             check=True, capture_output=True, text=True).stdout
        results.append(json.loads(out.strip().splitlines()[-1]))
    print(f"WMT22 news, {args.split} split; sentence pairs gold-aligned by the test set's own units\n")
    print("| embedder | pair | docs | P@1 | AUC | gold median | null median | gap (null MADs) |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for res in results:
        for pair, f in sorted(res["pairs"].items()):
            print(f"| {res['embedder']} | {pair} | {f['documents']} | {f.get('p_at_1', float('nan')):.3f} | "
                  f"{f['auc']:.3f} | {f['gold_median']:.3f} | {f['null_median']:.3f} | {f['gap_in_mads']:.1f} |")
    print("\n| embedder | language | same-language null median | p95 | p99 |")
    print("|---|---|---:|---:|---:|")
    for res in results:
        for lang, f in sorted(res["same_language_null"].items()):
            print(f"| {res['embedder']} | {lang} | {f['median']:.3f} | {f['p95']:.3f} | {f['p99']:.3f} |")
    print("\n| embedder | languages declared | sentences/s | sentences | load s | peak RSS MB |")
    print("|---|---:|---:|---:|---:|---:|")
    for res in results:
        print(f"| {res['embedder']} | {len(res['languages_declared'])} | {res['sentences_per_s']:.0f} | "
              f"{res['sentences']} | {res['load_s']:.1f} | {res['peak_rss_mb']:.0f} |")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
