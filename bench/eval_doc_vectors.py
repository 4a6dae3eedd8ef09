"""Candidate recall of document vectors made from an article's start (issue #15 item 4), on WMT22.

The index finds translations (and rewrites in other words) only through nearest document vectors. This
puts every WMT22 news document of one split of the real-data test bed in one index twice over (the
original, and its first reference translation: 2 x N articles in six languages), and asks, for each
recipe of the document vector, how many of the N translation pairs the link pass would compare (either
side among the other's ``ann_top_k`` nearest vectors at cosine >= ``ann_min_similarity``, as
``engines.local._nearest`` searches) and how many other pairs it would compare too (the compare stage's
cost). Recipes: the mean of every sentence vector (what sessions 9-12 stored), and the mean of the first
k sentences with the title.

``--semeval CACHE`` asks the same of SemEval-2022 task 8's rated pairs (es, tr, ar, fr subsets; the cache
`bench/eval_semeval.py --cache` writes: segmented articles and their sentence and title vectors): per
language, every article of the rated pairs in one index; a pair rated the same story (Overall <= 1.5) is
found when the link pass would compare it; "related" counts the pairs ``Comparer.relation`` calls anything
but unrelated (the cached relations). No split: nothing is fitted on these ratings elsewhere.

    .venv/bin/python bench/eval_doc_vectors.py --split test [--lede 1 2 3 5] [--json out.json]
    .venv/bin/python bench/eval_doc_vectors.py --semeval bench/out/semeval-cache.pkl --lede 3 5 [--min-similarity 0.4]
    .venv/bin/python bench/eval_doc_vectors.py --split dev --lede 5 --min-similarity 0.5 0.4 0.3
    .venv/bin/python bench/eval_doc_vectors.py --example --lede 5 --min-similarity 0.5 0.4 0.3  # truth.json's pairs
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _evalkit import data_root, emit, parser, skip
from _realdata import wmt_docs


def run(split: str, ledes: list[int], min_sims: list[float], top_k: int) -> dict[str, Any]:
    from wiretrace.compare import CompareConfig, Comparer
    from wiretrace.ingest import article_from_record

    comparer = Comparer(CompareConfig(), threads=1)
    docs, owner = [], []
    for d in wmt_docs():
        if d.split != split or not d.references:
            continue
        for lang, text in ((d.src_lang, d.original), (d.tgt_lang, next(iter(d.references.values())))):
            art = article_from_record({"text": text, "language": lang}, name=f"{d.key}:{lang}",
                                      cfg=comparer.cfg.ingest)
            docs.append(comparer.doc(art))
            owner.append(d.key)
    recipes = _recipes(comparer, docs, ledes)
    truth = {(i, i + 1) for i in range(0, len(docs), 2)}
    out: dict[str, Any] = {"split": split, "articles": len(docs), "translation_pairs": len(truth),
                           "ann_min_similarity": min_sims[0], "ann_top_k": top_k, "recipes": {}}
    for min_sim in min_sims:
        for name, parts in recipes.items():
            found, sims = _found(parts, min_sim, top_k)
            hit = len(found & truth)
            label = name if len(min_sims) == 1 else f"{name} >= {min_sim}"
            out["recipes"][label] = {
                "recall": round(hit / len(truth), 4), "found": hit,
                "other_pairs_per_article": round(len(found - truth) / len(docs), 2),
                "translation_cosine_median": round(float(np.median([sims[i, j] for i, j in truth])), 3)}
    return out


def _recipes(comparer: Any, docs: list[Any], ledes: list[int]) -> dict[str, list[np.ndarray]]:
    """Each recipe's rows per document (every sentence; the first k and the title), embedded once."""
    comparer.embed_many(docs)
    rows = []
    for doc in docs:
        model = comparer.model(doc.article.language)
        assert model is not None
        rows.append(comparer.stored_vectors(doc, model))
    pairs = list(zip(rows, docs, strict=True))
    recipes: dict[str, list[np.ndarray]] = {"all sentences": [r[:len(d.sentences)] for r, d in pairs]}
    for k in ledes:
        recipes[f"first {k} + title"] = [
            np.vstack([r[:min(k, len(d.sentences))], r[len(d.sentences):]]) for r, d in pairs]
    return recipes


def _found(parts: list[np.ndarray], min_sim: float, top_k: int) -> tuple[set[tuple[int, int]], np.ndarray]:
    """The pairs the link pass compares by nearest vectors (either side among the other's ``top_k`` at
    cosine >= ``min_sim``), and the cosine matrix."""
    m = np.vstack([_unit(p.mean(axis=0)) for p in parts])
    sims = m @ m.T
    np.fill_diagonal(sims, -2.0)
    found: set[tuple[int, int]] = set()
    for i in range(len(parts)):
        for j in np.argsort(-sims[i])[:top_k]:
            if sims[i, j] >= min_sim:
                found.add((min(i, int(j)), max(i, int(j))))
    return found, sims


def run_example(ledes: list[int], min_sims: list[float], top_k: int) -> dict[str, Any]:
    """The example corpus (made-up stories, ``truth.json``): how many of its pairs of each true relation
    the nearest vectors alone would compare (LSH finds the copies besides), and candidates an article."""
    import json

    from wiretrace.compare import CompareConfig, Comparer

    root = Path(__file__).resolve().parent.parent / "examples" / "corpus"
    truth = json.loads((root / "truth.json").read_text(encoding="utf-8"))
    names = sorted({x for p in truth["pairs"] for x in (p["a"], p["b"])})
    paths = sorted(str(q.relative_to(root)) for q in root.glob("*/*") if q.is_file())
    comparer = Comparer(CompareConfig(), threads=1)
    docs = [comparer.doc(root / name) for name in paths]
    row = {name: i for i, name in enumerate(paths)}
    recipes = _recipes(comparer, docs, ledes)
    out: dict[str, Any] = {"dataset": "examples/corpus", "articles": len(docs), "truth_articles": len(names),
                           "ann_top_k": top_k, "recipes": {}}
    for min_sim in min_sims:
        for name, parts in recipes.items():
            found, sims = _found(parts, min_sim, top_k)
            res: dict[str, Any] = {"candidate_pairs_per_article": round(len(found) / len(docs), 2)}
            for kind in ("same_event", "translation", "rewrite", "unrelated"):
                ps = [(row[p["a"]], row[p["b"]]) for p in truth["pairs"] if p["relation"] == kind]
                hit = sum((min(i, j), max(i, j)) in found for i, j in ps)
                res[f"{kind}_found"] = f"{hit}/{len(ps)}"
                if kind == "same_event":
                    res["same_event_cosines"] = sorted(round(float(sims[i, j]), 2) for i, j in ps)
            out["recipes"][f"{name} >= {min_sim}"] = res
    return out


def run_semeval(cache_path: Path, ledes: list[int], min_sim: float, top_k: int) -> dict[str, Any]:
    import pickle

    from eval_semeval import DATASET, FILES, SAME_STORY_MAX, cached_doc, read_pairs
    from wiretrace.errors import InputError
    from wiretrace.ingest import IngestConfig, article_from_record

    with cache_path.open("rb") as f:
        cache = pickle.load(f)  # noqa: S301 - our own file, written by bench/eval_semeval.py
    docs, vecs, rels = cache["docs"], cache["vectors"], cache["relations"]
    cfg = IngestConfig(min_chars=1)  # as eval_semeval reads them, so the ids match its cache

    def vector(aid: str, k: int | None) -> np.ndarray:
        n, rows = len(docs[aid].sentences), vecs[aid]
        return _unit((rows[:n] if k is None else np.vstack([rows[:min(k, n)], rows[n:]])).mean(axis=0))

    out: dict[str, Any] = {"dataset": "semeval2022_task8 (es, tr, ar, fr), no split", "ann_min_similarity": min_sim,
                           "ann_top_k": top_k, "recipes": {}}
    for k in [None, *ledes]:
        t = {"same_story": 0, "same_story_found": 0, "related": 0, "related_found": 0, "pairs": 0, "articles": 0}
        for lang in FILES:
            pairs, _ = read_pairs(data_root() / DATASET, lang)
            rated = []
            for p in pairs:
                if p["id"] not in rels:  # refused by ingest when the cache was written
                    continue
                try:
                    a, b = (cached_doc(cache, p["id"] + side, cache_path, article_from_record(
                        {"text": text, "title": title}, name=p["id"] + side, cfg=cfg).id).article.id
                            for side, (text, title) in ((":1", p["a"]), (":2", p["b"])))
                except InputError:
                    continue
                if all(x in vecs and len(vecs[x]) and docs[x].sentences for x in (a, b)):
                    rated.append((a, b, p["overall"], rels[p["id"]].kind))
            ids = sorted({x for a, b, *_ in rated for x in (a, b)})
            row = {x: i for i, x in enumerate(ids)}
            sims = np.vstack([vector(x, k) for x in ids])
            sims = sims @ sims.T
            np.fill_diagonal(sims, -2.0)
            found = {(min(i, int(j)), max(i, int(j))) for i in range(len(ids)) for j in np.argsort(-sims[i])[:top_k]
                     if sims[i, j] >= min_sim}
            t["pairs"] += len(found)
            t["articles"] += len(ids)
            for a, b, overall, kind in rated:
                hit = (min(row[a], row[b]), max(row[a], row[b])) in found
                if overall <= SAME_STORY_MAX:
                    t["same_story"] += 1
                    t["same_story_found"] += hit
                if kind != "unrelated":
                    t["related"] += 1
                    t["related_found"] += hit
        out["recipes"]["all sentences" if k is None else f"first {k} + title"] = {
            "same_story_recall": round(t["same_story_found"] / max(1, t["same_story"]), 3),
            "same_story": t["same_story"], "related_recall": round(t["related_found"] / max(1, t["related"]), 3),
            "related": t["related"], "candidate_pairs_per_article": round(t["pairs"] / max(1, t["articles"]), 2)}
    return out


def _unit(v: np.ndarray) -> np.ndarray:
    return v / (np.linalg.norm(v) or 1.0)


def main() -> int:
    ap = parser(__doc__, "wmt22-news")
    ap.add_argument("--split", choices=["dev", "test"], default="test")
    ap.add_argument("--lede", type=int, nargs="+", default=[1, 2, 3, 5])
    ap.add_argument("--min-similarity", type=float, nargs="+", default=[0.5],
                    help="nearest-vector bars (several: each recipe at each; SemEval: the first)")
    ap.add_argument("--example", action="store_true", help="the example corpus's true pairs instead")
    ap.add_argument("--top-k", type=int, default=40)
    ap.add_argument("--semeval", type=Path, metavar="CACHE", help="SemEval-2022 task 8 instead, from this cache")
    args = ap.parse_args()
    if args.example:
        res = run_example(args.lede, args.min_similarity, args.top_k)
        _table(f"examples/corpus: {res['articles']} articles; nearest vectors alone, top {res['ann_top_k']}",
               res["recipes"], [(k, k, "") for k in ("same_event_found", "translation_found", "rewrite_found",
                                                      "unrelated_found")]
               + [("candidates/article", "candidate_pairs_per_article", ".2f")])
        return emit(args, res)
    if args.semeval is not None:
        res = run_semeval(args.semeval, args.lede, args.min_similarity[0], args.top_k)
        _table(f"SemEval-2022 task 8 rated pairs (es, tr, ar, fr; no split); nearest vectors at cosine >= "
               f"{res['ann_min_similarity']}, top {res['ann_top_k']}", res["recipes"],
               [("same story", "same_story_recall", ".3f"), ("related", "related_recall", ".3f"),
                ("candidates/article", "candidate_pairs_per_article", ".2f")])
        return emit(args, res)
    if not (data_root() / "wmt22-news").is_dir():
        return skip(args, "doc_vectors", f"no wmt22-news under {data_root()}")
    res = run(args.split, args.lede, args.min_similarity, args.top_k)
    _table(f"WMT22 news, {res['split']} split: {res['articles']} articles, {res['translation_pairs']} translation "
           f"pairs; nearest vectors at cosine >= {res['ann_min_similarity']}, top {res['ann_top_k']}", res["recipes"],
           [("recall", "recall", ".3f"), ("found", "found", "d"),
            ("other pairs/article", "other_pairs_per_article", ".2f"),
            ("median cos", "translation_cosine_median", ".3f")])
    return emit(args, res)


def _table(title: str, recipes: dict[str, dict[str, Any]], columns: list[tuple[str, str, str]]) -> None:
    """``title``, then one row per recipe: its name and the ``(header, key, format)`` columns."""
    print(title)
    print(f"{'document vector':28} " + " ".join(f"{h:>{max(len(h), 7)}}" for h, _, _ in columns))
    for name, r in recipes.items():
        print(f"{name:28} " + " ".join(f"{r[k]:>{max(len(h), 7)}{fmt}}" for h, k, fmt in columns))


if __name__ == "__main__":
    raise SystemExit(main())
