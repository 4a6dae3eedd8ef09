"""Stories: clusters of articles on one story, each with its provenance tree, and per-site reuse tables.

Pure functions over Articles and stored Relations (no I/O). Each copy gets one parent: among the
articles it was derived from, the closest one (the most text shared both ways); on a tie - a verbatim
reprint of the source covers a copy exactly as well as the source does - the earlier one. A
same-language rewrite of a translation loses to the translation's own source when the copy translates
that source about as closely (two translations of one text read as rewrites of each other).
Articles reporting the same event independently sit beside the tree, not in it.

A derived pair whose source relate could not decide still joins its story. Once the sourced tree is
built, each such pair whose two articles sit in different trees hangs one tree's root under the other
article, its edge flagged: ``direction="by_date"`` when the parent was published earlier (dates known
and different), else ``"unknown"`` (the parent is the article that holds more of the other, then the
smaller id). Sourced edges are never moved for it. A pair that cannot be drawn that way (both sides
already have a source) is kept in ``Story.links``; nothing is made certain that relate left open.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from .ingest.meta import to_datetime
from .records import DERIVED_KINDS, Article
from .store import StoredRelation

__all__ = ["DIRECTIONS", "Edge", "Story", "build_stories", "site_table", "trace", "trace_records"]

_TIE = 0.02
#: A translation link must be clearly closer than a same-language one to be taken as the parent:
#: copies of copies across a language boundary are rarer than two copies of one source.
_CROSS_LANGUAGE_PENALTY = 0.1
#: How much closer a copy must be to another copy than to that copy's own source to hang under the copy
#: (see _prefer_ancestor). Set by hand: the real-data test bed has no chains of copies to fit it on.
_ANCESTOR_MARGIN = 0.1
#: How an edge's direction (which article is the parent) was found: relate decided it; the earlier
#: publication date was taken as the parent for a pair relate left open; nothing said (shown, not known).
DIRECTIONS: tuple[str, ...] = ("decided", "by_date", "unknown")
#: Directions a site table counts as "derived from": an unknown direction is derived for neither side.
_DIRECTED = frozenset({"decided", "by_date"})


@dataclass(slots=True)
class Edge:
    parent: str
    child: str
    kind: str
    child_in_parent: float
    parent_in_child: float
    probability: float
    direction: str = "decided"  # one of DIRECTIONS


@dataclass(slots=True)
class Story:
    id: int
    root: str
    members: list[str]
    parent: dict[str, Edge] = field(default_factory=dict)  # child -> edge to its parent
    independent: list[str] = field(default_factory=list)  # roots of independent reports
    #: derived pairs with no source decided that join this story but could not be drawn in its tree
    links: list[Edge] = field(default_factory=list)

    def children(self, node: str) -> list[str]:
        return sorted(c for c, e in self.parent.items() if e.parent == node)

    def to_dict(self, articles: dict[str, Article]) -> dict[str, Any]:
        def node(aid: str) -> dict[str, Any]:
            a = articles[aid]
            e = self.parent.get(aid)
            return {"id": aid, "title": a.title, "site": a.site, "date": a.date, "path": a.path, "url": a.url,
                    "relation": e.kind if e else None,
                    "coverage": round(e.child_in_parent, 4) if e else None,
                    "direction": e.direction if e else None,
                    "copies": [node(c) for c in self.children(aid)]}

        return {"id": self.id, "root": node(self.root), "independent": [node(r) for r in self.independent],
                "size": len(self.members),
                "links": [{"a": e.parent, "b": e.child, "relation": e.kind,
                           "a_in_b": round(e.parent_in_child, 4), "b_in_a": round(e.child_in_parent, 4),
                           "direction": e.direction} for e in self.links]}


def _edges(relations: list[StoredRelation]) -> dict[str, list[Edge]]:
    incoming: dict[str, list[Edge]] = defaultdict(list)
    for r in relations:
        if r.kind not in DERIVED_KINDS or r.source is None:
            continue
        if r.source == "a":
            incoming[r.b].append(Edge(r.a, r.b, r.kind, r.b_in_a, r.a_in_b, r.source_probability))
        else:
            incoming[r.a].append(Edge(r.b, r.a, r.kind, r.a_in_b, r.b_in_a, r.source_probability))
    return incoming


def build_stories(articles: dict[str, Article], relations: list[StoredRelation]) -> list[Story]:
    """Clusters (derived and same-event links), each with a provenance tree and its independent reports.

    Derived pairs with no source decided join their story too (see the module docstring)."""
    dates = {aid: to_datetime(a.date) for aid, a in articles.items()}
    incoming = _edges(relations)
    parent: dict[str, Edge] = {}

    def closeness(e: Edge) -> float:
        return e.child_in_parent + e.parent_in_child - (_CROSS_LANGUAGE_PENALTY if e.kind == "translation" else 0)

    for child, edges in incoming.items():
        best = max(closeness(e) for e in edges)
        ties = [e for e in edges if best - closeness(e) <= _TIE]
        parent[child] = min(ties, key=lambda e: (dates.get(e.parent) is None, dates.get(e.parent) or 0, e.parent))
    _sibling_translations(parent, incoming)
    _prefer_ancestor(parent, incoming)
    _break_cycles(parent)
    links = _undirected(relations, parent, dates)
    # union-find over tree edges, undrawn derived links and same-event links
    up: dict[str, str] = {a: a for a in articles}

    def find(x: str) -> str:
        while up[x] != x:
            up[x] = up[up[x]]
            x = up[x]
        return x

    for child, e in parent.items():
        up[find(child)] = find(e.parent)
    for e in links:
        if e.parent in up and e.child in up:
            up[find(e.child)] = find(e.parent)
    for r in relations:
        if r.kind == "same_event" and r.a in up and r.b in up:
            up[find(r.a)] = find(r.b)
    groups: dict[str, list[str]] = defaultdict(list)
    for aid in articles:
        groups[find(aid)].append(aid)
    kids: dict[str, list[str]] = defaultdict(list)
    for c, e in parent.items():
        kids[e.parent].append(c)
    stories = []
    for members in groups.values():
        if len(members) < 2:
            continue
        roots = [m for m in members if m not in parent]
        size = {r: _subtree_size(r, kids) for r in roots}
        roots.sort(key=lambda r: (-size[r], dates.get(r) is None, dates.get(r) or 0, r))
        inside = set(members)
        stories.append(Story(id=0, root=roots[0], members=sorted(members),
                             parent={m: parent[m] for m in members if m in parent}, independent=roots[1:],
                             links=[e for e in links if e.child in inside]))
    stories.sort(key=lambda s: (-len(s.members), s.root))
    for i, s in enumerate(stories, start=1):
        s.id = i
    return stories


def _undirected(relations: list[StoredRelation], parent: dict[str, Edge],
                dates: dict[str, datetime | None]) -> list[Edge]:
    """Hang derived pairs with no source decided into ``parent`` (flagged ``by_date`` / ``unknown``);
    gives back those that join two trees but could not be drawn (both sides already have a source)."""

    def top(x: str) -> str:  # the root of x's tree (``parent`` has no cycles: _break_cycles ran)
        while x in parent:
            x = parent[x].parent
        return x

    undrawn = []
    pairs = [r for r in relations if r.kind in DERIVED_KINDS and r.source is None and r.a != r.b]
    # strongest pairs first, so a copy hangs under the article it shares most with
    for r in sorted(pairs, key=lambda r: (-(r.a_in_b + r.b_in_a), r.a, r.b)):
        if top(r.a) == top(r.b):
            continue  # one tree holds both already: it says no less than this pair
        da, db = dates.get(r.a), dates.get(r.b)
        if da is not None and db is not None and da != db:
            a_parent, direction = da < db, "by_date"
        elif abs(r.a_in_b - r.b_in_a) > _TIE:
            a_parent, direction = r.b_in_a > r.a_in_b, "unknown"  # the parent holds more of the other
        else:
            a_parent, direction = True, "unknown"  # a < b by id
        fwd = Edge(r.a, r.b, r.kind, r.b_in_a, r.a_in_b, r.source_probability, direction)
        back = Edge(r.b, r.a, r.kind, r.a_in_b, r.b_in_a, r.source_probability, direction)
        first, second = (fwd, back) if a_parent else (back, fwd)
        # Only a tree's root can be hung under another tree. When the preferred child already has a
        # source, the other way round goes against the dates or coverage: shown, but as unknown.
        second.direction = "unknown"
        e = next((e for e in (first, second) if e.child not in parent), None)
        if e is not None:
            parent[e.child] = e
        else:
            undrawn.append(first)
    return undrawn


def _sibling_translations(parent: dict[str, Edge], incoming: dict[str, list[Edge]]) -> None:
    """Two translations of one source read as rewrites of each other. A child whose parent is a rewrite
    of the same language, that parent itself a translation of Q, and that is a translation of Q about as
    closely (within the cross-language penalty), was translated from Q, not rewritten from its sibling."""
    for child, e in list(parent.items()):
        up = parent.get(e.parent)
        if e.kind != "rewrite" or up is None or up.kind != "translation":
            continue
        direct = [d for d in incoming.get(child, []) if d.parent == up.parent and d.kind == "translation"]
        if direct and (direct[0].child_in_parent + direct[0].parent_in_child
                       >= e.child_in_parent + e.parent_in_child - _CROSS_LANGUAGE_PENALTY):
            parent[child] = direct[0]


def _prefer_ancestor(parent: dict[str, Edge], incoming: dict[str, list[Edge]]) -> None:
    """Two copies of one source can look like a copy of a copy: a trimmed reprint sits inside a rewrite
    of the full text just as it sits inside the source. A child whose parent P was itself taken from Q,
    and that was taken from Q directly, in Q's language, about as closely (within ``_ANCESTOR_MARGIN``,
    more when P is a translation), hangs under Q:
    one copying step is the likelier story than two. A copy of a copy that differs from Q by more (a
    farm copy of an edited reprint that cut a tenth of the text) keeps its parent."""
    for child, e in list(parent.items()):
        up = parent.get(e.parent)
        if up is None or up.parent == child:
            continue
        # Only an ancestor in the child's own language: a copy of a translation that is also close to
        # the original by translation stays under the translation (the cross-language penalty decides).
        direct = [d for d in incoming.get(child, []) if d.parent == up.parent and d.kind != "translation"]
        if not direct:
            continue
        # Through a translation to a copy in the ancestor's own language is two steps and a language
        # boundary; and a cross-language alignment takes paraphrases a same-language one would not
        # (its threshold follows the pair's null), so it reads closer than it is.
        margin = _ANCESTOR_MARGIN
        if e.kind == "translation" and direct[0].kind != "translation":
            margin += 2 * _CROSS_LANGUAGE_PENALTY
        if (direct[0].child_in_parent + direct[0].parent_in_child
                >= e.child_in_parent + e.parent_in_child - margin):
            parent[child] = direct[0]


def _subtree_size(root: str, kids: dict[str, list[str]]) -> int:
    stack, n = [root], 0
    while stack:
        x = stack.pop()
        n += 1
        stack.extend(kids.get(x, []))
    return n


def _break_cycles(parent: dict[str, Edge]) -> None:
    """Drop the weakest edge of any cycle (contradictory source decisions)."""
    for start in list(parent):
        seen: list[str] = []
        x: str | None = start
        while x is not None and x in parent and x not in seen:
            seen.append(x)
            x = parent[x].parent
        if x is not None and x in seen:
            cycle = seen[seen.index(x):]
            weakest = min(cycle, key=lambda c: parent[c].probability)
            del parent[weakest]


def trace(article_id: str, stories: list[Story]) -> dict[str, Any] | None:
    """Where an article came from (its chain of sources) and where it went (its copies), by story.

    The chain follows the tree, so it can pass a link whose direction relate did not decide; each step
    carries its ``direction`` (see :data:`DIRECTIONS`) so a caller can stop at the first ``unknown``."""
    for s in stories:
        if article_id in s.members:
            chain = []
            x = article_id
            while x in s.parent:
                e = s.parent[x]
                chain.append({"id": e.parent, "relation": e.kind, "coverage": round(e.child_in_parent, 4),
                              "probability": round(e.probability, 4), "direction": e.direction})
                x = e.parent
            return {"story": s.id, "sources": chain, "root": s.root, "independent": s.independent}
    return None


def site_table(articles: dict[str, Article], stories: list[Story]) -> list[dict[str, Any]]:
    """Per site: articles, share derived from others, from whom, kinds of reuse, content-farm signals.

    An article counts as derived only through an edge whose direction is known: decided by relate, or
    taken from the publication dates (``by_date``). A link of ``unknown`` direction is drawn in the tree
    but counted as derived for neither side: the table would otherwise blame one site on a guess."""
    parent: dict[str, Edge] = {}
    for s in stories:
        parent.update({c: e for c, e in s.parent.items() if e.direction in _DIRECTED})

    def site_of(a: Article) -> str:
        # An agency original read from a bare text file has no site, but says whose wire it is.
        return a.site or (f"{a.credit} (wire)" if a.credit else "(unknown)")

    rows: dict[str, dict[str, Any]] = {}
    for aid, a in articles.items():
        site = site_of(a)
        row = rows.setdefault(site, {"site": site, "articles": 0, "derived": 0, "kinds": Counter(),
                                     "sources": Counter(), "signals": Counter()})
        row["articles"] += 1
        row["signals"].update(a.signals)
        if aid in parent:
            e = parent[aid]
            row["derived"] += 1
            row["kinds"][e.kind] += 1
            row["sources"][site_of(articles[e.parent])] += 1
    out = []
    for row in sorted(rows.values(), key=lambda r: (-r["derived"], r["site"])):
        n = row["articles"]
        out.append({
            "site": row["site"], "articles": n, "derived_share": round(row["derived"] / n, 4),
            "top_sources": [{"site": k, "articles": v} for k, v in row["sources"].most_common(3)],
            "kinds": {k: round(v / n, 4) for k, v in sorted(row["kinds"].items())},
            "signals": dict(sorted(row["signals"].items())),
        })
    return out


def trace_records(ids: list[str], articles: dict[str, Article], stories: list[Story],
                  story_records: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """``wiretrace trace --json``: for each article id, where it came from (``trace``) and the tree of
    its copies. ``story_records`` (``[s.to_dict(articles) for s in stories]``, in story id order) saves
    rebuilding them when the caller holds them already."""
    by_id = {s.id: s for s in stories}
    out = []
    for aid in ids:
        t = trace(aid, stories) or {"story": None, "sources": [], "root": aid, "independent": []}
        story = by_id.get(t["story"]) if t["story"] else None
        record = None
        if story is not None:
            record = story_records[story.id - 1] if story_records is not None else story.to_dict(articles)
        node = _find_node(record["root"], aid) if record else None
        out.append({"article": articles[aid].to_dict() | {"text": None}, **t,
                    "copies": node["copies"] if node else []})
    return out


def _find_node(node: dict[str, Any], aid: str) -> dict[str, Any] | None:
    if node["id"] == aid:
        return node
    for c in node["copies"]:
        found = _find_node(c, aid)
        if found:
            return found
    return None
