"""Per-language null distributions of sentence cosines, and the calibration file fitted from them (#17).

The aligner calls two sentences a match from an absolute cosine (``AlignConfig.semantic_min`` 0.72; 0.52
between aligned neighbours, the gap fill). Unrelated sentences do not score alike in every language:
USE v3 puts Arabic news sentences of different stories far higher than German ones. This script
measures, per embedder (the route ``auto`` takes for the language) and language, what *unrelated*
sentences score:

- ``wmt``: every pair of sentences from two different WMT22 news documents of one language (originals,
  and the first reference translation into the other language), on the real-data test bed's split
  (``bench/_realdata.split_of``, by source document);
- ``semeval``: every sentence pair of a SemEval-2022 pair rated a **different story**, Overall >= 3.5
  (1 = same story, 4 = different), on the SemEval split (salted hash of ``semeval:<pair id>``), from the
  feature cache of ``bench/eval_semeval.py --cache`` (same-topic different stories: the hard null),
  less the pairs the lexical path matches (Dice >= 0.34: shared boilerplate, e.g. an agency credit);

for single sentences (1-1 cells) and for two consecutive sentences' mean vector against one sentence
(the 1-2 / 2-1 groups, whose cosine a normalised sum raises). It prints quantiles and where the aligner's
thresholds sit, and with ``--write`` writes ``src/wiretrace/models/null-v1.json`` (dev only).

It also re-aligns and re-relates the SemEval pairs from the cache (no embedding) with and without the
calibration, counting derived relations between different stories per language (``--derived``).

    .venv/bin/python bench/fit_null.py --split dev [--derived] [--write]
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _evalkit import data_root
from _realdata import split_of, wmt_texts_by_language

DIFFERENT_MIN = 3.5  # Overall >= this: a different story (raters' scale: 1 same ... 4 different)
QUANTILES = (0.5, 0.9, 0.95, 0.99, 0.995, 0.999)
OUT = Path(__file__).resolve().parents[1] / "src" / "wiretrace" / "models" / "null-v1.json"


def _cells(ea: np.ndarray, eb: np.ndarray, lexical: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """1-1 cosines and merged-group cosines (both directions) of two documents' sentence vectors; with
    ``lexical`` (the sentence pairs' Dice), cells the lexical path already matches (Dice >= the aligner's
    ``lexical_min``; for a group, either half) are left out: shared boilerplate ("(Petra)"), not what
    the semantic threshold has to tell apart."""
    from wiretrace.align import AlignConfig
    from wiretrace.calibrate import kept_cells

    keep = np.ones((len(ea), len(eb)), dtype=bool) if lexical is None else lexical < AlignConfig().lexical_min
    return kept_cells(ea, eb, keep)


class Null:
    """Samples of unrelated cosines, by (model, language)."""

    def __init__(self) -> None:
        self.single: dict[tuple[str, str], list[np.ndarray]] = defaultdict(list)
        self.merged: dict[tuple[str, str], list[np.ndarray]] = defaultdict(list)
        self.docs: dict[tuple[str, str], int] = defaultdict(int)
        self.lexical: dict[tuple[str, str], list[float]] = defaultdict(list)

    def add_lexical(self, model: str, lang: str, da: Any, db: Any) -> np.ndarray:
        """Dice of token bigrams (the aligner's lexical similarity) of every sentence pair, kept and returned."""
        from wiretrace.align import lexical_similarity
        dice = np.array([[lexical_similarity(x.tokens, y.tokens) for y in db.sentences] for x in da.sentences])
        self.lexical[(model, lang)].extend(dice.ravel().tolist())
        return dice

    def add(self, model: str, lang: str, pairs: Iterable[tuple[np.ndarray, np.ndarray]],
            lexical: np.ndarray | None = None) -> None:
        for ea, eb in pairs:
            if not len(ea) or not len(eb):
                continue
            s, m = _cells(ea, eb, lexical)
            self.single[(model, lang)].append(s.astype(np.float32))
            self.merged[(model, lang)].append(m.astype(np.float32))
            self.docs[(model, lang)] += 1

    def summary(self) -> dict[tuple[str, str], dict[str, Any]]:
        out = {}
        for key in sorted(self.single):
            s = np.concatenate(self.single[key])
            m = np.concatenate(self.merged[key]) if self.merged[key] else np.zeros(0)
            lex = np.asarray(self.lexical.get(key, []))
            out[key] = {"document_pairs": self.docs[key], "cells": int(s.size), "single": _stats(s),
                        "merged": _stats(m) if m.size else None,
                        "lexical": ({"q0.99": round(float(np.quantile(lex, 0.99)), 4),
                                     "q0.999": round(float(np.quantile(lex, 0.999)), 4),
                                     "above_0.34": round(float(np.mean(lex >= 0.34)), 5)} if lex.size else None)}
        return out


def _stats(x: np.ndarray) -> dict[str, float]:
    med = float(np.median(x))
    return {"median": round(med, 4), "mad": round(1.4826 * float(np.median(np.abs(x - med))), 4),
            **{f"q{q:g}": round(float(np.quantile(x, q)), 4) for q in QUANTILES},
            "above_0.72": round(float(np.mean(x >= 0.72)), 5), "above_0.52": round(float(np.mean(x >= 0.52)), 5)}


def comparer(embedder: str | None = None) -> Any:
    from wiretrace.compare import CompareConfig, Comparer
    from wiretrace.embed import DEFAULT_EMBEDDER
    from wiretrace.ingest import IngestConfig
    return Comparer(CompareConfig(ingest=IngestConfig(min_chars=1), embedder=embedder or DEFAULT_EMBEDDER))


def short(model_name: str) -> str:
    return model_name.split("@", maxsplit=1)[0]


def wmt_null(null: Null, split: str, cmp: Any, max_pairs: int = 4000) -> None:
    """Different documents of one language: every pair (up to ``max_pairs`` per language, seeded)."""
    from wiretrace import article_from_text

    rng = np.random.default_rng(17)
    for lang, items in sorted(wmt_texts_by_language(split).items()):
        docs = [(k, cmp.doc(article_from_text(t, name=f"{k}.{lang}.txt"))) for k, t in items]
        model = cmp.model(lang)
        if model is None:
            continue
        vecs = cmp.embed_many([d for _, d in docs])
        pairs = [(i, j) for i in range(len(docs)) for j in range(i + 1, len(docs)) if docs[i][0] != docs[j][0]]
        if len(pairs) > max_pairs:
            pairs = [pairs[k] for k in sorted(rng.choice(len(pairs), max_pairs, replace=False))]
        null.add(short(model.name), lang, ((vecs[docs[i][1].article.id], vecs[docs[j][1].article.id])
                                           for i, j in pairs if docs[i][1].article.id in vecs))


def semeval_items(cache_path: Path) -> list[dict[str, Any]]:
    """The SemEval pairs of the cache with their rating, split, documents and vectors."""
    from eval_semeval import DATASET, FILES, cached_doc, read_pairs
    from wiretrace.ingest import IngestConfig, article_from_record

    with cache_path.open("rb") as f:
        cache = pickle.load(f)  # noqa: S301 - our own file, written by bench/eval_semeval.py
    ingest = IngestConfig(min_chars=1)

    def doc(side: tuple[str, str], name: str) -> Any:
        article_id = article_from_record({"text": side[0], "title": side[1]}, name=name, cfg=ingest).id
        return cached_doc(cache, name, cache_path, article_id)

    out = []
    for lang in FILES:
        pairs, _ = read_pairs(data_root() / DATASET, lang)
        for p in pairs:
            if p["id"] not in cache["relations"]:
                continue
            da, db = doc(p["a"], p["id"] + ":1"), doc(p["b"], p["id"] + ":2")
            out.append({"id": p["id"], "lang": lang, "overall": p["overall"], "split": split_of(f"semeval:{p['id']}"),
                        "da": da, "db": db, "va": cache["vectors"][da.article.id],
                        "vb": cache["vectors"][db.article.id], "relation": cache["relations"][p["id"]]})
    return out


def semeval_null(null: Null, items: list[dict[str, Any]], split: str, model: str) -> None:
    for it in items:
        if it["split"] != split or it["overall"] < DIFFERENT_MIN:
            continue
        na, nb = len(it["da"].sentences), len(it["db"].sentences)
        dice = null.add_lexical(model, it["lang"], it["da"], it["db"])
        null.add(model, it["lang"], [(it["va"][:na], it["vb"][:nb])], dice)


def rerelate(it: dict[str, Any], align_cfg: Any, model: str | None, relate_cfg: Any = None) -> Any:
    """The pair's relation again from cached documents and vectors with ``align_cfg`` (and ``relate_cfg``;
    None: the shipped RelateConfig)."""
    from wiretrace.align import align
    from wiretrace.relate import RelateConfig, relate

    da, db, va, vb = it["da"], it["db"], it["va"], it["vb"]
    na, nb = len(da.sentences), len(db.sentences)
    ea, eb = va[:na], vb[:nb]
    ta = va[na] if len(va) > na else None
    tb = vb[nb] if len(vb) > nb else None
    alignment = align(da, db, align_cfg, ea, eb, model=model)
    return relate(da, db, alignment, relate_cfg or RelateConfig(), ea=ea, eb=eb, ta=ta, tb=tb)


DERIVED = {"verbatim", "edited_copy", "rewrite", "translation"}


def derived_table(items: list[dict[str, Any]], split: str,
                  configs: dict[str, tuple[Any, ...]]) -> dict[str, Any]:
    """Per language: derived relations among different stories (Overall >= 3.5, and 2.5-3.5), and
    same-story pairs (Overall <= 1.5) called derived / not unrelated, under each config: (AlignConfig,
    embedder name[, RelateConfig])."""
    res: dict[str, Any] = {}
    for name, (cfg, model, *relate_cfg) in configs.items():
        rows: dict[str, dict[str, Any]] = defaultdict(lambda: defaultdict(int))
        story: dict[str, list[tuple[float, float]]] = defaultdict(list)
        for it in items:
            if it["split"] != split:
                continue
            rel = rerelate(it, cfg, model, *relate_cfg)
            if "story_similarity" in rel.features:
                story[it["lang"]].append((rel.features["story_similarity"], -it["overall"]))
                story["all"].append((rel.features["story_similarity"], -it["overall"]))
            r = rows[it["lang"]]
            band = "different" if it["overall"] >= DIFFERENT_MIN else "same" if it["overall"] <= 1.5 else "between"
            r[f"{band}_pairs"] += 1
            r[f"{band}_derived"] += rel.kind in DERIVED
            r[f"{band}_related"] += rel.kind != "unrelated"
            if band == "different" and rel.kind in DERIVED:
                r.setdefault("examples", []).append(f"{it['id']} {rel.kind} {max(rel.a_in_b, rel.b_in_a):.2f}")
        res[name] = {k: dict(v) for k, v in sorted(rows.items())}
        res[name]["pearson_story"] = {k: round(float(np.corrcoef(np.array(v).T)[0, 1]), 4) for k, v in story.items()}
    return res


def print_derived(res: dict[str, Any], split: str) -> None:
    print(f"\nSemEval {split} split: derived relations (verbatim / edited_copy / rewrite) by rating band")
    print("| config | language | different (>= 3.5): pairs | derived | % | 2-3.5: pairs | derived | "
          "same story (<= 1.5): pairs | derived | not unrelated |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, rows in res.items():
        print(f"  {name}: Pearson r of story_similarity vs -Overall: {rows['pearson_story']}")
        for lang, r in rows.items():
            if lang == "pearson_story":
                continue
            dp = r.get("different_pairs", 0)
            print(f"| {name} | {lang} | {dp} | {r.get('different_derived', 0)} | "
                  f"{100 * r.get('different_derived', 0) / max(dp, 1):.1f} | {r.get('between_pairs', 0)} | "
                  f"{r.get('between_derived', 0)} | {r.get('same_pairs', 0)} | {r.get('same_derived', 0)} | "
                  f"{r.get('same_related', 0)} |")
        for lang, r in rows.items():
            if lang == "pearson_story":
                continue
            for ex in r.get("examples", [])[:8]:
                print(f"  - {name} {lang}: {ex}")


def print_null(summary: dict[tuple[str, str], dict[str, Any]], title: str) -> None:
    print(f"\n{title}")
    print("| model | language | doc pairs | cells | median | MAD | q0.99 | q0.995 | q0.999 | >= 0.72 | >= 0.52 |"
          " merged q0.99 | merged q0.999 | merged >= 0.72 |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for (model, lang), r in summary.items():
        if r.get("lexical"):
            lx = r["lexical"]
            print(f"  lexical Dice {model} {lang}: q0.99 {lx['q0.99']:.3f} q0.999 {lx['q0.999']:.3f} "
                  f">= 0.34 {100 * lx['above_0.34']:.3f}%")
    for (model, lang), r in summary.items():
        s, m = r["single"], r["merged"] or {}
        print(f"| {model} | {lang} | {r['document_pairs']} | {r['cells']} | {s['median']:.3f} | {s['mad']:.3f} | "
              f"{s['q0.99']:.3f} | {s['q0.995']:.3f} | {s['q0.999']:.3f} | {100 * s['above_0.72']:.2f}% | "
              f"{100 * s['above_0.52']:.2f}% | {m.get('q0.99', float('nan')):.3f} | "
              f"{m.get('q0.999', float('nan')):.3f} | {100 * m.get('above_0.72', float('nan')):.2f}% |")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", choices=["dev", "test"], default="dev")
    ap.add_argument("--cache", type=Path, default=Path("bench/out/semeval-cache.pkl"))
    ap.add_argument("--no-wmt", action="store_true", help="SemEval only")
    ap.add_argument("--embedder", default=None, help="WMT null under this embedder (default: auto's routes)")
    ap.add_argument("--derived", action="store_true", help="re-relate SemEval pairs with / without calibration")
    ap.add_argument("--write", action="store_true", help="write src/wiretrace/models/null-v1.json (dev only)")
    ap.add_argument("--wmt-from", type=Path, default=None, help="the WMT null of an earlier --json record")
    ap.add_argument("--thin", type=float, default=None, metavar="DICE", help="with --derived: the shipped config "
                    "against RelateConfig(single_group_dice=DICE) (one partly edited sentence not taken as evidence "
                    "of copying)")
    ap.add_argument("--sweep", action="store_true", help="with --derived: quantile levels, from this run's nulls")
    ap.add_argument("--levels", type=lambda t: tuple(float(x) for x in t.split("/")), nargs="+",
                    default=[(0.999, 0.99), (0.999, 0.995), (0.995, 0.99), (0.99, 0.95), (0.999, 0.999)],
                    help="with --sweep: MATCH/GAP[/HALF] quantile levels to try")
    ap.add_argument("--match", type=float, default=0.999, help="quantile for a match (written with --write)")
    ap.add_argument("--gap", type=float, default=0.999, help="quantile for the gap fill (written with --write)")
    ap.add_argument("--half", type=float, default=None, help="quantile each half of a merged group must reach")
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args()
    if args.write and args.split != "dev":
        ap.error("--write fits on dev only")
    from wiretrace.align import AlignConfig

    record: dict[str, Any] = {"split": args.split}
    items = semeval_items(args.cache) if args.cache.is_file() else []
    sem = Null()
    semeval_null(sem, items, args.split, "use-multilingual-v3")
    sem_summary = sem.summary()
    print_null(sem_summary, f"SemEval {args.split} split, pairs rated different stories (Overall >= {DIFFERENT_MIN}): "
                            "every sentence pair")
    record["semeval_null"] = {f"{m}|{lang}": v for (m, lang), v in sem_summary.items()}
    wmt_summary: dict[tuple[str, str], dict[str, Any]] = {}
    if args.wmt_from:
        saved = json.loads(args.wmt_from.read_text(encoding="utf-8"))["wmt_null"]
        wmt_summary = {tuple(k.split("|")): v for k, v in saved.items()}  # type: ignore[misc]
        print_null(wmt_summary, f"WMT22 {saved and args.split} split (from {args.wmt_from})")
        record["wmt_null"] = saved
    elif not args.no_wmt:
        wmt = Null()
        wmt_null(wmt, args.split, comparer(args.embedder))
        wmt_summary = wmt.summary()
        print_null(wmt_summary, f"WMT22 {args.split} split, sentences of different documents, same language")
        record["wmt_null"] = {f"{m}|{lang}": v for (m, lang), v in wmt_summary.items()}
    if args.derived and items:
        use = "use-multilingual-v3"
        if args.sweep:
            models = merged_nulls(sem_summary, wmt_summary, args.match)
            res = derived_table(items, args.split, {"no calibration": (AlignConfig(calibration=None), None)})
            for match, gap, *half in args.levels:
                install(models, match, gap, half[0] if half else None)
                name = "/".join(f"q{x:g}" for x in (match, gap, *half))
                res.update(derived_table(items, args.split, {name: (AlignConfig(), use)}))
        elif args.thin is not None:
            from wiretrace.relate import RelateConfig
            res = derived_table(items, args.split, {
                "shipped": (AlignConfig(), use),
                f"single_group_dice {args.thin:g}": (AlignConfig(), use, RelateConfig(single_group_dice=args.thin))})
        else:
            res = derived_table(items, args.split, {"no calibration": (AlignConfig(calibration=None), None),
                                                    "null-v1 (shipped)": (AlignConfig(), use)})
        print_derived(res, args.split)
        record["derived"] = res
    if args.write:
        write(merged_nulls(sem_summary, wmt_summary, args.match), args.match, args.gap, args.half)
    if args.json:
        args.json.write_text(json.dumps(record, indent=1, default=str), encoding="utf-8")
    return 0


def merged_nulls(sem: dict[tuple[str, str], dict[str, Any]], wmt: dict[tuple[str, str], dict[str, Any]],
                 level: float) -> dict[str, dict[str, Any]]:
    """One null per (model, language): of SemEval's different stories and WMT's different documents, the
    one higher at ``level`` (a threshold must clear what unrelated text reaches in either)."""
    models: dict[str, dict[str, Any]] = defaultdict(dict)
    for source, summary in (("wmt22-dev", wmt), ("semeval-dev-different", sem)):
        for (model, lang), r in summary.items():
            entry = {"source": source, "document_pairs": r["document_pairs"], "cells": r["cells"],
                     "single": r["single"], "merged": r["merged"]}
            prev = models[model].get(lang)
            if prev is None or r["single"][f"q{level:g}"] > prev["single"][f"q{level:g}"]:
                models[model][lang] = entry
    return {m: dict(sorted(v.items())) for m, v in sorted(models.items())}


def install(models: dict[str, dict[str, Any]], match: float, gap: float, half: float | None) -> None:
    """Make the aligner read these nulls at these quantiles under any calibration name (a dev sweep)."""
    from wiretrace import align as align_mod

    table = {m: {lang: align_mod.Calibrated(r["single"][f"q{match:g}"], r["single"][f"q{gap:g}"],
                                            (r["merged"] or r["single"])[f"q{match:g}"],
                                            (r["merged"] or r["single"])[f"q{gap:g}"],
                                            r["single"][f"q{half:g}"] if half else -1.0)
                 for lang, r in langs.items()} for m, langs in models.items()}
    align_mod._null_file = lambda name: table  # type: ignore[assignment]  # a bench sweep


def write(models: dict[str, dict[str, Any]], match: float, gap: float, half: float | None) -> None:
    data = {"name": "null-v1", "version": 1,
            "card": ("Per-language null distributions of sentence cosines (cells of unrelated sentence pairs), per "
                     "embedder, for the aligner's calibrated thresholds (AlignConfig.calibration). Fitted on dev "
                     "splits only: WMT22 news (../shared/data/wmt22-news; pairs of different documents of one "
                     "language, up to 4,000 per language; bench/_realdata.split_of, dev) and SemEval-2022 task 8 "
                     "subsets (ar, es, fr, tr; every sentence pair of the pairs rated a different story, Overall >= "
                     f"{DIFFERENT_MIN}; split by salted hash of the pair id, dev). Per language the higher of the two "
                     f"nulls at q{match:g} is kept. The aligner reads q{match:g} (a match) and q{gap:g} (gap fill "
                     "between aligned neighbours) of 'single' (one sentence each side) and of 'merged' (two "
                     "consecutive sentences' mean vector against one), within one language only; each half of a "
                     f"group merged by embeddings must reach q{half:g} of 'single' on its own. Cells the lexical path "
                     "matches (Dice >= 0.34: shared boilerplate) are left out of the SemEval null. Thresholds are "
                     "only ever raised; languages and models not listed keep the fixed ones. Made by "
                     "bench/fit_null.py --split dev --write; the levels were chosen on the dev split "
                     "(fewest derived relations between different stories, then most same-story pairs kept "
                     "related; bench/RESULTS.md)."),
            "quantile_match": match, "quantile_gap": gap, "quantile_half": half, "models": models}
    OUT.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    raise SystemExit(main())
