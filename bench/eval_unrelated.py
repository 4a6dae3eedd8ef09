"""False derived relations between unrelated news in one language (issue #17), per language.

Every pair of *different* WMT22 news documents written in the same language (the originals in that
language, and one reference translation into it per document) on one split of the real-data test bed is
compared with ``Comparer.relation``; any derived kind (verbatim, edited_copy, rewrite, translation) is a
false derived relation: these are different stories. ``same_event`` is counted apart (two reports of
one event are possible in a news test set, e.g. two stories on one war). Goal: <= 0.5% derived per
language.

    .venv/bin/python bench/eval_unrelated.py --split test [--embedder e5-small-multilingual] [--json out.json]
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from itertools import combinations
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _evalkit import data_root, emit, parser, skip
from _realdata import wmt_texts_by_language

DERIVED = {"verbatim", "edited_copy", "rewrite", "translation"}


def run(split: str, embedder: str | None) -> dict[str, Any]:
    from wiretrace import article_from_text
    from wiretrace.compare import CompareConfig, Comparer
    from wiretrace.embed import DEFAULT_EMBEDDER

    cmp = Comparer(CompareConfig(embedder=embedder or DEFAULT_EMBEDDER))
    rows = {}
    for lang, items in sorted(wmt_texts_by_language(split).items()):
        t0 = time.perf_counter()
        docs = [(key, cmp.doc(article_from_text(text, name=f"{key}.{lang}.txt"))) for key, text in items]
        kinds: Counter[str] = Counter()
        examples = []
        for (ka, da), (kb, db) in combinations(docs, 2):
            if ka == kb:
                continue
            kind = cmp.relation(da, db).kind
            kinds[kind] += 1
            if kind in DERIVED and len(examples) < 5:
                examples.append(f"{ka} ~ {kb}: {kind}")
        pairs = sum(kinds.values())
        derived = sum(v for k, v in kinds.items() if k in DERIVED)
        rows[lang] = {"documents": len(docs), "pairs": pairs, "derived": derived,
                      "derived_rate": derived / pairs if pairs else 0.0, "same_event": kinds["same_event"],
                      "kinds": dict(kinds), "examples": examples, "seconds": round(time.perf_counter() - t0, 1)}
    return {"split": split, "embedder": cmp.embedder.name if cmp.embedder else "lexical", "languages": rows}


def render(res: dict[str, Any]) -> str:
    lines = [f"Unrelated same-language WMT22 news pairs, {res['split']} split, embedder {res['embedder']}", "",
             "| language | documents | pairs | derived | derived % | same_event | goal <= 0.5% |",
             "|---|---:|---:|---:|---:|---:|---|"]
    for lang, r in res["languages"].items():
        ok = "met" if r["derived_rate"] <= 0.005 else "**not met**"
        lines.append(f"| {lang} | {r['documents']} | {r['pairs']} | {r['derived']} | {100 * r['derived_rate']:.2f} | "
                     f"{r['same_event']} | {ok} |")
    for lang, r in res["languages"].items():
        for ex in r["examples"]:
            lines.append(f"- {lang}: {ex}")
    return "\n".join(lines)


def main() -> int:
    ap = parser(__doc__, "wmt22-news")
    ap.add_argument("--split", choices=["dev", "test"], required=True)
    ap.add_argument("--embedder", default=None, help="registry name or model folder (default: the default)")
    args = ap.parse_args()
    if not (data_root() / "wmt22-news").is_dir():
        return skip(args, "unrelated", f"no wmt22-news under {data_root()}")
    res = run(args.split, args.embedder)
    print(render(res))
    if args.json:
        emit(args, {"evaluation": "unrelated", **res})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
