"""Candidates across a routed embedder's two spaces from shared names and figures (``stages.anchor_pairs``).

No language of the shared data lies beyond USE v3, so one is routed to the second model for the run
(``--route de``: its articles form the other space, as a Finnish or Vietnamese article does with the
default ``auto``). Every WMT22 document of one split is put in as its original, its first reference and
its first machine translation (3 articles); a translation pair is two articles of one document in
different spaces.

``candidates`` (cheap, no model): for each setting of ``AnchorConfig`` in the grid, how many of the
cross-space translation pairs the anchors propose, and how many pairs of different documents.

``--index``: the real index (``engines.local.index``, default ``auto`` with the route), once without anchor
candidates (as HEAD) and once with the default ``AnchorConfig``: translations found (relation
``translation`` between two articles of one document in different spaces), candidates and derived
relations between different documents, and the CPU time of the anchor step.

    .venv/bin/python bench/eval_anchors.py --split dev --route de ru ja --grid   # the grid
    .venv/bin/python bench/eval_anchors.py --split test --route de ru ja         # the default only
    .venv/bin/python bench/eval_anchors.py --split dev --route de --index --json out.json
"""

from __future__ import annotations

import itertools
import os
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _evalkit import emit, parser
from _realdata import wmt_docs


def _articles(split: str) -> list[tuple[str, str, str, str]]:
    """(name, document key, language, text) of the split: original, first reference, first MT output."""
    out = []
    for d in wmt_docs():
        if d.split != split:
            continue
        out.append((f"{d.key}:orig", d.key, d.src_lang, d.original))
        if d.references:
            out.append((f"{d.key}:ref", d.key, d.tgt_lang, next(iter(d.references.values()))))
        if d.machine:
            out.append((f"{d.key}:mt", d.key, d.tgt_lang, next(iter(d.machine.values()))))
    return out


def candidates(split: str, routes: list[str], grid: dict[str, list[Any]]) -> dict[str, Any]:
    from wiretrace.compare import CompareConfig
    from wiretrace.engines.stages import AnchorConfig, anchor_keys, anchor_pairs, doc_mentions
    from wiretrace.ingest import article_from_record
    from wiretrace.segment import SegmentConfig, Segmenter

    seg = Segmenter(SegmentConfig())
    cfg = CompareConfig()
    rows = []
    for name, key, lang, text in _articles(split):
        art = article_from_record({"text": text, "language": lang}, name=name, cfg=cfg.ingest)
        doc = seg.segment(art)
        rows.append((name, key, lang, doc_mentions(doc), art.dateline))
    out: dict[str, Any] = {"split": split, "articles": len(rows), "routes": {}}
    names = list(grid)
    for route in routes:
        space = {name: int(lang == route) for name, _k, lang, _m, _d in rows}
        owner = {name: key for name, key, *_ in rows}
        truth = {tuple(sorted((a, b))) for a, b in itertools.combinations(space, 2)
                 if owner[a] == owner[b] and space[a] != space[b]}
        res = []
        for values in itertools.product(*grid.values()):
            ac = AnchorConfig(**dict(zip(names, values, strict=True)))
            anchors = {name: anchor_keys(m, lang, dl, ac) for name, _k, lang, m, dl in rows}
            t0 = time.process_time()
            found = anchor_pairs(anchors, space, list(space), ac)
            ms = (time.process_time() - t0) * 1000 / max(1, len(space))
            pairs = {tuple(sorted((a, b))) for a, bs in found.items() for b in bs}
            hit = len(pairs & truth)
            res.append({**dict(zip(names, values, strict=True)), "found": hit, "of": len(truth),
                        "false_pairs": len(pairs - truth), "ms_per_article_pairs": round(ms, 3)})
        out["routes"][route] = res
    return out


def run_index(split: str, route: str, workers: int, anchor: dict[str, Any], *, skip_head: bool = False,
              head_only: bool = False, keep: str | None = None) -> dict[str, Any]:
    from wiretrace import embed
    from wiretrace.engines.local import IndexConfig, index
    from wiretrace.engines.stages import AnchorConfig
    from wiretrace.store import SQLiteStore

    made = embed._REGISTRY["auto"]

    def routed(threads: int | None = None, cache_mib: float = 0.0) -> embed.Embedder:
        e = made(threads, cache_mib)
        e.primary.languages = (e.primary.languages or frozenset()) - {route}  # type: ignore[attr-defined]
        return e

    embed._REGISTRY["auto"] = routed
    arts = _articles(split)
    out: dict[str, Any] = {"split": split, "route": route, "articles": len(arts), "load_before": os.getloadavg(),
                           "anchor_config": str(replace(AnchorConfig(), **anchor))}
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp, "in.jsonl")
        import json
        with src.open("w") as fh:
            for name, _key, lang, text in arts:
                fh.write(json.dumps({"id": name, "text": text, "language": lang}) + "\n")
        lang_of = {name: lang for name, _k, lang, _t in arts}
        owner = {name: key for name, key, *_ in arts}
        runs = [] if head_only else [("anchors", replace(AnchorConfig(), **anchor))]
        for label, ac in ([] if skip_head else [("head", AnchorConfig(min_shared=0))]) + runs:
            db = Path(tmp, f"{label}.db")
            t0 = time.monotonic()
            # the route is a patch of this process's registry: workers must be forked from it to see it (a
            # forkserver's or spawned worker loads the registry afresh and would embed the routed language with
            # the first model: no route at all); nothing ran e5 in this process before, so a fork is safe
            cfg = IndexConfig(workers=workers, anchors=ac, start_method="fork")
            report = index([str(src)], db=str(db), cfg=cfg)
            wall = time.monotonic() - t0
            import sqlite3
            con = sqlite3.connect(db)
            name_of: dict[str, str] = {}
            for record, aid in con.execute("SELECT record, article_id FROM inputs WHERE article_id IS NOT NULL"):
                name_of.setdefault(aid, arts[int(record.split()[-1]) - 1][0])
            con.close()
            store = SQLiteStore(db, readonly=True)
            rels = store.relations()
            store.close()
            cross = _crossing(name_of, lang_of, route)
            same = _same(name_of, owner)
            truth = {tuple(sorted((a, b))) for a, b in itertools.combinations(name_of, 2)
                     if same(a, b) and cross(a, b)}
            found = {(r.a, r.b) for r in rels if r.kind == "translation" and same(r.a, r.b) and cross(r.a, r.b)}
            related = {(r.a, r.b) for r in rels if r.kind != "unrelated" and same(r.a, r.b) and cross(r.a, r.b)}
            out[label] = {
                "translations_found": len(found & truth), "related_found": len(related & truth), "of": len(truth),
                "pairs_compared": len(rels),
                "pairs_by_via": _count(r.via for r in rels),
                "false_candidates": sum(not same(r.a, r.b) for r in rels),
                "false_candidates_by_via": _count(r.via for r in rels if not same(r.a, r.b)),
                "false_relations": sum(not same(r.a, r.b) and r.kind != "unrelated" for r in rels),
                "false_relations_by_via_kind": _count(f"{r.via}:{r.kind}" for r in rels
                                                      if not same(r.a, r.b) and r.kind != "unrelated"),
                **false_derived(rels, same, {aid: lang_of[name] for aid, name in name_of.items()}.__getitem__, route),
                "cpu_seconds": {k: round(v, 3) for k, v in sorted(report.cpu_seconds.items())},
                "anchor_ms_per_article": round(1000 * report.cpu_seconds.get("anchors", 0.0) / len(arts), 3),
                "wall_s": round(wall, 1), "load_after": os.getloadavg()}
            if keep:  # the store and the article names, for a look at the pairs afterwards
                import shutil
                Path(keep).mkdir(parents=True, exist_ok=True)
                shutil.copy(db, Path(keep, f"{split}-{route}-{label}.db"))
                Path(keep, f"{split}-{route}-{label}.names.json").write_text(json.dumps(name_of))
    return out


def false_derived(rels: Any, same: Any, language: Any, route: str) -> dict[str, Any]:
    """Derived relations between articles of different documents (``false_relations`` counts ``same_event``
    too): how many, and by kind and the two languages, "(routed)" where the routed language is one of them
    (such a pair was compared by the second model)."""
    from wiretrace.records import DERIVED_KINDS

    wrong = [r for r in rels if not same(r.a, r.b) and r.kind in DERIVED_KINDS]
    pairs = [(r.kind, sorted((language(r.a), language(r.b)))) for r in wrong]
    return {"false_derived": len(wrong),
            "false_derived_by_languages": _count(f"{k} {'-'.join(ls)}{' (routed)' if route in ls else ''}"
                                                 for k, ls in pairs)}


def _crossing(name_of: dict[str, str], lang_of: dict[str, str], route: str) -> Any:
    return lambda a, b: (lang_of[name_of[a]] == route) != (lang_of[name_of[b]] == route)


def _same(name_of: dict[str, str], owner: dict[str, str]) -> Any:
    return lambda a, b: owner[name_of[a]] == owner[name_of[b]]


def _count(items: Any) -> dict[str, int]:
    from collections import Counter
    return dict(Counter(items))


def main() -> int:
    ap = parser(__doc__, "wmt22-news")
    ap.add_argument("--split", default="dev")
    ap.add_argument("--route", nargs="+", default=["de"])
    ap.add_argument("--index", action="store_true")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--grid", action="store_true", help="every setting of the grid (else the default only)")
    ap.add_argument("--skip-head", action="store_true", help="no run without anchor candidates")
    ap.add_argument("--head-only", action="store_true", help="only the run without anchor candidates")
    ap.add_argument("--keep", default=None, help="copy each run's store (and article names) into this folder")
    ap.add_argument("--min-shared", type=int, default=None)
    ap.add_argument("--max-zipf", type=float, default=None)
    ap.add_argument("--name-prefix", type=int, default=None)
    args = ap.parse_args()
    if args.index:
        anchor = {k: v for k, v in (("min_shared", args.min_shared), ("max_zipf", args.max_zipf),
                                     ("name_prefix", args.name_prefix)) if v is not None}
        return emit(args, {r: run_index(args.split, r, args.workers, anchor, skip_head=args.skip_head,
                                        head_only=args.head_only, keep=args.keep) for r in args.route})
    from wiretrace.engines.stages import AnchorConfig

    default = AnchorConfig()
    grid: dict[str, list[Any]] = {"min_shared": [default.min_shared], "name_prefix": [default.name_prefix],
                                  "max_zipf": [default.max_zipf]}
    if args.grid:  # what the default was chosen from, on dev
        grid = {"min_shared": [2, 3, 4, 5, 6], "name_prefix": [4, 5, 6, 99], "max_zipf": [3.0, 3.5, 4.5, 5.5, 6.5, 9.0]}
    return emit(args, candidates(args.split, args.route, grid))


if __name__ == "__main__":
    raise SystemExit(main())
