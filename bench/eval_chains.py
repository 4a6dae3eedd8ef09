"""Copies of copies on real text: a chain test bed for the provenance tree (``wiretrace stories``).

Each real English body of the test bed (bench/_realdata.english_bodies: the AEB gold bodies and the WMT22
English originals, read by path, nothing copied) makes one *family* of five articles:

- ``Q`` the original;
- ``P`` an edited reprint of Q: one figure changed, one sentence dropped, one name misspelled, and the
  last 0-2 paragraphs trimmed (by a seeded draw: a light trim is the hard case);
- ``C`` a copy of P: P's changes carried, plus its own figure changed (else a sentence dropped);
- ``P2`` a second, independent reprint of Q (its own figure changed and sentence dropped, its own trim);
- ``Cq`` a control, copied from Q directly with an edit of its own (a figure changed, a sentence dropped).

The truth: Q is the root; P, P2 and Cq hang under Q; C hangs under P. Edits are drawn with a
deterministic generator keyed by the body, on distinct sentences (none touches another's), so every
deviation is one the family's truth explains.

Three date variants: ``right`` (Q, then P and P2 hours later, C and Cq a day later), ``missing`` (no
dates) and ``wrong`` (one date wrong: by family, in turn, Q dated after all its copies, P dated a day
before Q, or C dated between Q and P).

Every family of one split and variant is written to a temporary JSONL file and indexed into one temporary
store with the real engine (``wiretrace.engines.local.index``) in lexical mode (the CLI's ``--lexical``:
words only, no embedder; the families are same-language copies, which words find). The stored
articles and relations are kept (``bench/out/chains-<split>-<variant>.pkl``) so the tree can be rebuilt
from them (``--from-cache``) while ``wiretrace.stories`` changes, without indexing again. The split is the
test bed's own split of source documents (``_realdata.split_of``).

Scores, per variant: parent accuracy per role (P, P2, Cq under Q; C under P), root = Q, and the share of
families whose whole tree is right.

    python bench/eval_chains.py --split dev [--from-cache] [--json PATH] [--set NAME=VALUE ...]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import pickle
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _realdata import Body, english_bodies
from testbed import _NAME, _figures, _misspell, _Rng, _title, sentence_spans

OUT = Path(__file__).resolve().parent / "out"
ROLES = ("P", "C", "P2", "Cq")
TRUTH = {"P": "Q", "C": "P", "P2": "Q", "Cq": "Q"}
VARIANTS = ("right", "missing", "wrong")
SITES = {"Q": "wire.example", "P": "reprint-one.example", "C": "copy-of-reprint.example",
         "P2": "reprint-two.example", "Cq": "copy-of-wire.example"}

Doc = list[list[str]]  # paragraphs of sentences (each sentence with its trailing space)


def to_doc(text: str) -> Doc:
    out = []
    for para in text.split("\n\n"):
        spans = sentence_spans(para)
        out.append([para[s:e] for s, e in spans] or [para])
    return out


def to_text(doc: Doc) -> str:
    paras = ["".join(s for s in p).strip() for p in doc]
    return "\n\n".join(p for p in paras if p)


class Editor:
    """Edits on distinct sentences of one family (``used``: positions any member's edit has touched)."""

    def __init__(self, key: str) -> None:
        self.rng = _Rng("chain:" + key)
        self.used: set[tuple[int, int]] = set()

    def _free(self, doc: Doc, ok: Any) -> list[tuple[int, int]]:
        return [(i, j) for i, p in enumerate(doc) for j, s in enumerate(p)
                if (i, j) not in self.used and s.strip() and (i, j) != (0, 0) and ok(s)]

    def figure(self, doc: Doc) -> dict[str, Any] | None:
        spots = self._free(doc, lambda s: any(re.search(r"\d", f) for f in _figures(s)))
        if not spots:
            return None
        i, j = self.rng.choice(spots)
        s = doc[i][j]
        fig = next(f for f in _figures(s) if re.search(r"\d", f))
        k = max(m.start() for m in re.finditer(r"\d", fig))
        new = fig[:k] + str((int(fig[k]) + 2 + self.rng.next() % 7) % 10) + fig[k + 1:]
        doc[i][j] = s.replace(fig, new, 1)
        self.used.add((i, j))
        return {"type": "figure", "at": [i, j], "before": fig, "after": new}

    def drop(self, doc: Doc) -> dict[str, Any] | None:
        spots = [(i, j) for i, j in self._free(doc, lambda s: True) if len([x for x in doc[i] if x.strip()]) > 1]
        if not spots:
            return None
        i, j = self.rng.choice(spots)
        doc[i][j] = ""
        self.used.add((i, j))
        return {"type": "drop", "at": [i, j]}

    def name(self, doc: Doc) -> dict[str, Any] | None:
        spots = self._free(doc, lambda s: _NAME.search(s) is not None)
        if not spots:
            return None
        i, j = self.rng.choice(spots)
        m = _NAME.search(doc[i][j])
        assert m is not None
        new = _misspell(m.group(0), self.rng)
        doc[i][j] = doc[i][j][:m.start()] + new + doc[i][j][m.end():]
        self.used.add((i, j))
        return {"type": "name", "at": [i, j], "before": m.group(0), "after": new}

    def trim(self, doc: Doc, most: int) -> dict[str, Any] | None:
        cut = self.rng.next() % (most + 1)
        cut = min(cut, max(0, len(doc) - 3))
        if not cut:
            return None
        del doc[len(doc) - cut:]
        return {"type": "trim", "paragraphs": cut}


def family(body: Body) -> tuple[dict[str, str], dict[str, list[dict[str, Any]]]]:
    """The five texts of one family and the edits each member made (relative to its own source)."""
    ed = Editor(body.key)
    q = to_doc(body.text)
    p = [list(x) for x in q]
    p_edits = [e for e in (ed.trim(p, 2), ed.figure(p), ed.drop(p), ed.name(p)) if e]
    c = [list(x) for x in p]
    c_edits = [e for e in (ed.figure(c) or ed.drop(c),) if e]
    p2 = [list(x) for x in q]
    p2_edits = [e for e in (ed.trim(p2, 2), ed.figure(p2), ed.drop(p2)) if e]
    cq = [list(x) for x in q]
    cq_edits = [e for e in (ed.figure(cq), ed.drop(cq)) if e]
    texts = {"Q": to_text(q), "P": to_text(p), "C": to_text(c), "P2": to_text(p2), "Cq": to_text(cq)}
    return texts, {"Q": [], "P": p_edits, "C": c_edits, "P2": p2_edits, "Cq": cq_edits}


def dates(variant: str, n: int) -> tuple[dict[str, str | None], str | None]:
    """The members' dates in ``variant`` for family number ``n`` (three days apart from family to family),
    and which member's date is wrong."""
    from datetime import datetime, timedelta, timezone

    q = datetime(2024, 1, 1, 8, tzinfo=timezone.utc) + timedelta(days=3 * n)
    hours = {"Q": 0, "P": 3, "P2": 5, "C": 24, "Cq": 26}
    if variant == "wrong":
        wrong = ("Q", "P", "C")[n % 3]
        # Q after all its copies; P a day before Q; C between Q and P
        hours[wrong] = {"Q": 48, "P": -24, "C": 1}[wrong]
    else:
        wrong = None
    if variant == "missing":
        return dict.fromkeys(hours), None
    return {r: (q + timedelta(hours=h)).isoformat() for r, h in hours.items()}, wrong


def build(split: str, variant: str, bodies: list[Body]) -> dict[str, Any]:
    """Index every family of ``split`` in ``variant`` into a temporary store; the stored articles and
    relations, with each article's family and role (by its url)."""
    from wiretrace.config import load_config
    from wiretrace.engines.local import IndexConfig, index
    from wiretrace.store import SQLiteStore

    roles: dict[str, tuple[str, str]] = {}
    meta: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        dump = Path(tmp) / "families.jsonl"
        with dump.open("w", encoding="utf-8") as fh:
            for n, body in enumerate(b for b in bodies if b.split == split):
                texts, edits = family(body)
                when, wrong = dates(variant, n)
                meta[body.key] = {"edits": edits, "wrong": wrong}
                title = _title(texts["Q"])
                for role, text in texts.items():
                    url = f"https://{SITES[role]}/{n}/{role.lower()}"
                    roles[url] = (body.key, role)
                    rec = {"url": url, "site": SITES[role], "title": title, "text": text}
                    if when[role]:
                        rec["date"] = when[role]
                    fh.write(json.dumps(rec) + "\n")
        cfg = IndexConfig(compare=dataclasses.replace(load_config(None), embedder=None), workers=1)
        t0 = time.monotonic()
        report = index([str(dump)], db=str(Path(tmp) / "chains.db"), cfg=cfg)
        wall = time.monotonic() - t0
        store = SQLiteStore(str(Path(tmp) / "chains.db"), readonly=True)
        articles = {a.id: a for a in store.articles()}
        relations = store.relations()
        store.close()
    member = {aid: roles[a.url] for aid, a in articles.items() if a.url in roles}
    return {"split": split, "variant": variant, "articles": articles, "relations": relations, "member": member,
            "meta": meta, "index_wall_s": round(wall, 1), "pairs_compared": report.pairs_compared}


def baseline(rev: str) -> Any:
    """``wiretrace.stories`` as it stands at git revision ``rev`` (the "before" of a change), imported
    beside today's as ``wiretrace._stories_at_rev``."""
    import importlib.util
    import subprocess

    src = subprocess.run(["git", "show", f"{rev}:src/wiretrace/stories.py"], capture_output=True, text=True,
                         check=True, cwd=Path(__file__).resolve().parent.parent).stdout
    spec = importlib.util.spec_from_loader("wiretrace._stories_at_rev", loader=None)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    module.__package__ = "wiretrace"
    sys.modules[spec.name] = module  # dataclasses look their module up there
    exec(compile(src, f"{rev}:stories.py", "exec"), module.__dict__)  # noqa: S102 - the project's own file
    return module


def score(data: dict[str, Any], build_stories: Any = None) -> dict[str, Any]:
    """Parent accuracy per role, root = Q, whole tree right; and the directions of the edges."""
    if build_stories is None:
        from wiretrace.stories import build_stories

    articles, member = data["articles"], data["member"]
    stories = build_stories(articles, data["relations"])
    by_role = {(fam, role): aid for aid, (fam, role) in member.items()}
    parent_of: dict[str, str | None] = {}
    direction: dict[str, str | None] = {}
    root_of: dict[str, str] = {}
    for s in stories:
        for m in s.members:
            root_of[m] = s.root
        for c, e in s.parent.items():
            parent_of[c], direction[c] = e.parent, e.direction
    fams = sorted({f for f, _ in by_role})
    right: Counter[str] = Counter()
    dirs: Counter[str] = Counter()
    wrong_parent: Counter[str] = Counter()
    whole = root_ok = 0
    for fam in fams:
        ok_all = True
        q = by_role.get((fam, "Q"))
        if q is not None and q not in parent_of and root_of.get(q) == q:
            root_ok += 1
        else:
            ok_all = False
        for role in ROLES:
            aid = by_role.get((fam, role))
            want = by_role.get((fam, TRUTH[role]))
            got = parent_of.get(aid) if aid else None
            if aid is not None and got == want:
                right[role] += 1
                dirs[f"{role}:{direction.get(aid)}"] += 1
            else:
                ok_all = False
                got_role = member.get(got)[1] if got in member else ("none" if got is None else "other")
                wrong_parent[f"{role}<-{got_role}"] += 1
        whole += ok_all
    n = len(fams)
    return {"families": n, "root_Q": round(root_ok / n, 3),
            **{f"parent_{r}": round(right[r] / n, 3) for r in ROLES},
            "whole_tree": round(whole / n, 3), "directions_of_right_edges": dict(sorted(dirs.items())),
            "wrong_parents": dict(sorted(wrong_parent.items()))}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", choices=("dev", "test"), required=True)
    ap.add_argument("--variants", default=",".join(VARIANTS))
    ap.add_argument("--from-cache", action="store_true", help="rebuild the trees from the kept relations")
    ap.add_argument("--limit", type=int, default=0, help="only the first N families (a quick look)")
    ap.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                    help="set a module constant of wiretrace.stories first (fitting on dev)")
    ap.add_argument("--baseline-rev", default=None, metavar="REV",
                    help="also score the trees of wiretrace.stories as at git revision REV (e.g. HEAD)")
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args()
    from wiretrace import stories

    for kv in args.set:
        name, value = kv.split("=", 1)
        setattr(stories, name, float(value))
    bodies = english_bodies()
    if args.limit:
        bodies = [b for b in bodies if b.split == args.split][:args.limit]
    out: dict[str, Any] = {"split": args.split, "engine": "local index, lexical (no embedder), workers=1",
                           "set": args.set, "variants": {}}
    for variant in args.variants.split(","):
        cache = OUT / f"chains-{args.split}-{variant}{'-limit' + str(args.limit) if args.limit else ''}.pkl"
        if args.from_cache and cache.exists():
            data = pickle.loads(cache.read_bytes())  # noqa: S301 - our own file, written below
        else:
            data = build(args.split, variant, bodies)
            cache.write_bytes(pickle.dumps(data))
        runs = {"now": score(data)}
        if args.baseline_rev:
            runs[args.baseline_rev] = score(data, baseline(args.baseline_rev).build_stories)
        for name, res in runs.items():
            res |= {"index_wall_s": data["index_wall_s"], "pairs_compared": data["pairs_compared"]}
            out["variants"].setdefault(variant, {})[name] = res
            print(f"{args.split} {variant} [{name}]: " + ", ".join(f"{k} {v}" for k, v in res.items()
                                                                 if not isinstance(v, dict)), flush=True)
            print(f"    wrong parents: {res['wrong_parents']}", flush=True)
    if args.json:
        args.json.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
