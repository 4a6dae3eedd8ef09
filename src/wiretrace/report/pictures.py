"""Pictures of stories and sites as inline SVG, drawn here (no script, no library, no CDN): a story's
timeline, its provenance graph, and a bar per site of what it takes from whom.

Every picture is readable without colour: each mark carries its relation in words (and a shape or a
line pattern from the stylesheet's ``rel-*`` classes), and a ``<title>`` says it in full on hover. All
text is escaped here; the result is ``Markup`` for the templates. Colours and patterns live in the CSS
(``report/templates/style.css``) so the pictures pass a CSP that forbids inline style. A label of a
right-to-left title or site (Arabic, Hebrew, ...) is drawn right to left from the right edge of its place,
and a long label is cut at the end it is read to, between whole characters as a reader sees them (``_label``).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from itertools import islice
from typing import Any

import regex
from markupsafe import Markup, escape

from wiretrace.ingest.meta import to_datetime
from wiretrace.records import Article
from wiretrace.report.when import gap, gap_seconds, human_time
from wiretrace.stories import text_lead

__all__ = ["Mark", "graph_svg", "named", "site_chart_svg", "site_name", "story_marks", "story_siblings",
           "timeline_svg"]

Link = Callable[[str], str | None]

# Timeline geometry (SVG user units; the picture scales to the page width).
_TL_W, _TL_LABEL, _TL_RIGHT, _TL_ROW, _TL_TOP = 480, 120, 16, 24, 34
# Graph geometry: a column per generation, a row per article.
_G_COL, _G_NODE_W, _G_NODE_H, _G_ROW = 200, 168, 36, 46
# Graph: the lanes right of the boxes that sibling lines run down (``_sibling_line``): gap and count.
_G_LANE, _G_LANES = 6, 4
# Site chart geometry.
_S_W, _S_LABEL, _S_ROW, _S_BAR = 640, 170, 40, 14


@dataclass(frozen=True, slots=True)
class Mark:
    """One article of a story as the pictures place it."""

    id: str
    title: str
    site: str
    date: str | None
    relation: str  # "source" for the root, a relation kind for a copy, "independent" for own reporting
    parent: str | None
    depth: int
    gap_s: float | None  # seconds after the story's source (None: a date is missing, or either is a crawl time)
    crawled: bool = False  # its date is when its page was crawled (``date_from_crawl``): online by then

    @property
    def name(self) -> str:
        """What the pictures call it: its site, else its title (no site is no reason to say nothing)."""
        return self.site or self.title

    @property
    def when(self) -> datetime | None:
        return to_datetime(self.date)

    def caption(self) -> str:
        """Its hover text: title, site, time, relation and gap in words."""
        bits = [self.title, self.site or "site unknown", human_time(self.date, crawled=self.crawled) or "no date",
                _relation_words(self.relation)]
        if self.gap_s is not None and self.relation != "source":
            after = "after the source" if self.gap_s >= 0 else "(before the source)"
            bits.append(f"{gap(self.gap_s)} {after}")
        return " · ".join(bits)


def named(node: dict[str, Any], articles: dict[str, Article]) -> dict[str, Any]:
    """A copy of a tree node (``Story.to_dict``'s shape) whose nodes without a site are named after the
    agency that wrote them, "Reuters (wire)", as the site table counts them, and whose ``shown`` is what the
    pages call the article (``shown_title``: an untitled one by the start of its text); a story record goes whole.
    For the pages only: the JSON records stay as the CLI prints them."""
    if "root" in node:
        return {**node, "root": named(node["root"], articles),
                "independent": [named(r, articles) for r in node["independent"]]}
    a = articles.get(node["id"])
    site = node["site"] or (site_name(a) if a is not None and a.credit else None)
    shown = shown_title(a) if a is not None else node["title"] or node["id"]
    return {**node, "site": site, "shown": shown, "copies": [named(c, articles) for c in node["copies"]]}


#: What an article without a title is called, before the start of its text.
NO_TITLE = "(no title)"


def titled(title: str | None, text: str | None, bare: str) -> str:
    """``title``; else ``NO_TITLE`` and the start of ``text`` in quotes (``stories.text_lead``: the one cut every
    view uses, a wide CJK character counting two columns); else ``bare``, what the view calls an article with
    neither (the pages its id, the CLI's rows, which print the id anyway, ``NO_TITLE``)."""
    if title:
        return title
    lead = text_lead(text) if text else ""
    return f"{NO_TITLE} “{lead}”" if lead else bare


def shown_title(a: Article) -> str:
    """What the pages call an article: its title, else "(no title)" and the start of its text in quotes (as the
    CLI's rows), else its id."""
    return titled(a.title, a.text, a.id)


def site_name(a: Article) -> str:
    """What the pages call an article's site: its site, else its agency's wire, else 'site unknown'."""
    return a.site or (f"{a.credit} (wire)" if a.credit else "site unknown")


def story_marks(story: dict[str, Any]) -> list[Mark]:
    """The articles of a story record (``Story.to_dict``): the tree in depth-first order, then the
    independent reports."""
    root = story["root"]
    marks = [_mark(n, parent, depth, "source" if depth == 0 else n["relation"] or "copy", root)
             for parent, n, depth in _walk(root)]
    for r in story["independent"]:
        marks.extend(_mark(n, parent, depth, "independent" if depth == 0 else n["relation"] or "copy", root)
                     for parent, n, depth in _walk(r))
    return marks


def story_siblings(story: dict[str, Any]) -> list[tuple[str, str, str]]:
    """A story record's sibling pairs (``Story.to_dict``'s ``siblings``, absent where none) that the tree does not
    already show: (a, b, its plain line), for ``graph_svg``. Two siblings that hang under their common source are
    drawn side by side under it, which says it; a line between them too made a tangle of the example corpus's
    graphs (9 pairs a story). A pair is drawn where the tree puts them elsewhere (their parents differ, or the
    parent is not the source the line names)."""
    parents = {node["id"]: parent for parent, node, _ in _walk(story["root"])} if story.get("root") else {}
    return [(x["a"], x["b"], x["why"]) for x in story.get("siblings", [])
            if not parents.get(x["a"]) == parents.get(x["b"]) == x["of"]]


Walked = Iterator[tuple[str | None, dict[str, Any], int]]


def _walk(node: dict[str, Any], parent: str | None = None, depth: int = 0) -> Walked:
    yield parent, node, depth
    for c in node["copies"]:
        yield from _walk(c, node["id"], depth + 1)


def _mark(n: dict[str, Any], parent: str | None, depth: int, relation: str, source: dict[str, Any]) -> Mark:
    """``source``: the story's root node; a gap to it is said only between two publication times (no crawl time)."""
    crawled = bool(n.get("date_crawled"))
    gap_s = None if crawled or source.get("date_crawled") else gap_seconds(n["date"], source["date"])
    return Mark(id=n["id"], title=n["title"] or n["id"], site=n["site"] or "", date=n["date"],
                relation=relation, parent=parent, depth=depth, gap_s=gap_s, crawled=crawled)


def _relation_words(relation: str) -> str:
    return {"source": "the source", "independent": "reported independently",
            "edited_copy": "edited copy"}.get(relation, relation)


def _short(text: str, n: int) -> str:
    """``text`` if it is at most ``n`` characters as a reader counts them (extended grapheme clusters, UAX #29,
    by ``regex``'s ``\\X``: a letter with its vowel marks, a conjunct, an emoji with its modifiers), else its
    first ``n - 1`` and "…". The cut is at the text's logical end (where a right-to-left title ends: its left,
    once drawn right to left), never inside a cluster: cut by code points, an Arabic letter lost its vowel mark
    or kept a shadda alone."""
    if len(text) <= n:
        return text  # as many code points as clusters at most
    starts = [m.start() for m in islice(_CLUSTER.finditer(text), n + 1)]
    return text if len(starts) <= n else text[: starts[n - 1]] + "…"


_CLUSTER = regex.compile(r"\X")


def _rtl(text: str) -> bool:
    """Whether a label reads right to left: more of its letters are of a right-to-left script (bidi class R or
    AL) than of a left-to-right one; a tie goes to its first letter (HTML's ``dir="auto"``). By the majority, not
    the first letter alone: an Arabic title opening with a Latin name ("BBC: ...") is still Arabic."""
    rtl = ltr = 0
    first = ""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            rtl += 1
        elif kind == "L":
            ltr += 1
        else:
            continue
        first = first or kind
    return rtl > ltr or (rtl == ltr and first in ("R", "AL"))


def _label(cls: str, text: str, n: int, *, x: object, right: object, y: object) -> str:
    """A ``<text>`` of ``text`` cut to ``n`` characters (``_short``): left to right from ``x``, or, where it reads
    right to left (``_rtl``), with that base direction (SVG's ``direction`` presentation attribute, which a CSP
    against inline style allows) anchored at the right edge of its place, ``right``: its start is there and its
    cut end, with the "…", at its left. Without it an Arabic title was one right-to-left run in a left-to-right
    line, its "…" drawn at its right, beside its first word. The coordinates are written as given."""
    shown = escape(_short(text, n))
    if _rtl(text):
        return f'<text class="{cls}" x="{right}" y="{y}" direction="rtl" text-anchor="start">{shown}</text>'
    return f'<text class="{cls}" x="{x}" y="{y}">{shown}</text>'


def _linked(link: Link, aid: str, label: str, body: str) -> str:
    href = link(aid)
    if href is None:
        return body
    return f'<a href="{escape(href)}" aria-label="{escape(label)}">{body}</a>'


def _svg(cls: str, width: int, height: int, label: str, body: str) -> Markup:
    return Markup(  # noqa: S704 - every text and attribute value in body is escaped by the callers
        f'<svg class="picture {cls}" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="group" aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg">{body}</svg>')


# -- timeline ------------------------------------------------------------------------------------
def timeline_svg(marks: list[Mark], link: Link) -> Markup:
    """A time axis with one mark per article at its publication time (undated ones at the right, said
    so), one row each, labelled with its site, relation and gap to the source."""
    dated = sorted((m for m in marks if m.when is not None), key=lambda m: (m.when, m.id))
    undated = [m for m in marks if m.when is None]
    rows = dated + undated
    height = _TL_TOP + _TL_ROW * len(rows) + 8
    x_of = _time_scale([m.when for m in dated if m.when is not None])
    parts = [_axis(dated, x_of, height)]
    for i, m in enumerate(rows):
        parts.append(_timeline_row(m, i, x_of, link))
    return _svg("timeline", _TL_W, height, f"Timeline of {len(marks)} articles", "".join(parts))


def _time_scale(times: list[datetime]) -> Callable[[datetime | None], float]:
    left, right = _TL_LABEL + 10, _TL_W - _TL_RIGHT
    if not times:
        return lambda _t: float(right)
    lo, hi = min(times), max(times)
    span = (hi - lo).total_seconds() or 1.0

    def x_of(t: datetime | None) -> float:
        if t is None:
            return float(right)
        return left + (right - left) * (t - lo).total_seconds() / span
    return x_of


def _axis(dated: list[Mark], x_of: Callable[[datetime | None], float], height: int) -> str:
    if not dated:
        return '<text class="axis-label" x="8" y="18">no article has a date</text>'
    first, last = dated[0], dated[-1]
    y = _TL_TOP - 10
    out = [f'<line class="axis" x1="{_TL_LABEL + 10}" y1="{y}" x2="{_TL_W - _TL_RIGHT}" y2="{y}"/>']
    ticks = [(first, "start")] + ([(last, "end")] if last.when != first.when else [])
    for m, anchor in ticks:
        x = x_of(m.when)
        out.append(f'<line class="tick" x1="{x:.1f}" y1="{y - 4}" x2="{x:.1f}" y2="{height - 6}"/>')
        out.append(f'<text class="axis-label" x="{x:.1f}" y="{y - 8}" text-anchor="{anchor}">'
                   f'{escape(human_time(m.date, crawled=m.crawled))}</text>')
    return "".join(out)


def _timeline_row(m: Mark, i: int, x_of: Callable[[datetime | None], float], link: Link) -> str:
    y = _TL_TOP + _TL_ROW * i + _TL_ROW / 2
    x = x_of(m.when)
    if m.relation == "source":
        note = "source, crawled" if m.crawled else "source"
    elif m.crawled:
        note = f"crawled · {_relation_words(m.relation)}"
    elif m.date is None:
        note = f"{_relation_words(m.relation)}, no date"
    elif m.gap_s is None:
        note = _relation_words(m.relation)
    else:
        note = f"{gap(m.gap_s)} · {_relation_words(m.relation)}"
    caption = m.caption()
    body = (f'<title>{escape(caption)}</title>'
            f'{_label("row-label", m.name, 18, x=4, right=_TL_LABEL, y=f"{y + 4:.1f}")}'
            f'<line class="lane" x1="{_TL_LABEL + 10}" y1="{y:.1f}" x2="{_TL_W - _TL_RIGHT}" y2="{y:.1f}"/>'
            f'{_shape(m.relation, x, y)}'
            f'{_note(note, x, y)}')
    return (f'<g class="mark rel-{escape(m.relation)}" data-id="{escape(m.id)}">'
            f'{_linked(link, m.id, caption, body)}</g>')


def _note(note: str, x: float, y: float) -> str:
    """The mark's words: right of it in the left half of the axis, left of it in the right half."""
    if x > (_TL_LABEL + _TL_W - _TL_RIGHT) / 2:
        return f'<text class="gap-label" x="{x - 10:.1f}" y="{y + 4:.1f}" text-anchor="end">{escape(note)}</text>'
    return f'<text class="gap-label" x="{x + 10:.1f}" y="{y + 4:.1f}">{escape(note)}</text>'


def _shape(relation: str, x: float, y: float) -> str:
    """A shape per relation family, so the marks differ without colour."""
    if relation == "source":
        return f'<rect class="dot" x="{x - 6:.1f}" y="{y - 6:.1f}" width="12" height="12"/>'
    if relation == "independent":
        return f'<circle class="dot hollow" cx="{x:.1f}" cy="{y:.1f}" r="6"/>'
    if relation == "translation":
        points = f"{x:.1f},{y - 7:.1f} {x + 7:.1f},{y:.1f} {x:.1f},{y + 7:.1f} {x - 7:.1f},{y:.1f}"
        return f'<polygon class="dot" points="{points}"/>'
    return f'<circle class="dot" cx="{x:.1f}" cy="{y:.1f}" r="6"/>'


# -- provenance graph ----------------------------------------------------------------------------
def graph_svg(marks: list[Mark], link: Link, siblings: list[tuple[str, str, str]] | None = None) -> Markup:
    """Sources and copies as boxes, a column per generation (copies of copies further right), each
    copy joined to the article it was taken from by an edge labelled with the relation; independent
    reports below, unjoined. ``siblings`` (``story_siblings``): pairs derived from one common source, not from
    each other, joined right of their boxes by a dash-dot line, each box saying "sibling" in words."""
    rows = {m.id: i for i, m in enumerate(marks)}
    depth = max((m.depth for m in marks), default=0)
    pairs = [(a, b, why) for a, b, why in siblings or () if a in rows and b in rows and a != b]
    width = _G_COL * depth + _G_NODE_W + 16 + _G_LANE * min(len(pairs), _G_LANES)
    height = _G_ROW * len(marks) + 8
    children: dict[str, list[str]] = {}
    for m in marks:
        if m.parent is not None:
            children.setdefault(m.parent, []).append(m.id)
    by_id = {m.id: m for m in marks}
    edges = [_edge(m, by_id[m.parent], rows, children[m.parent]) for m in marks if m.parent is not None]
    lines = [_sibling_line(by_id[a], by_id[b], why, rows, k % _G_LANES) for k, (a, b, why) in enumerate(pairs)]
    kin: dict[str, list[str]] = {}
    for a, b, _why in pairs:
        kin.setdefault(a, []).append(by_id[b].name)
        kin.setdefault(b, []).append(by_id[a].name)
    nodes = [_node(m, rows[m.id], link, kin.get(m.id, [])) for m in marks]
    return _svg("graph", width, height, f"Provenance graph of {len(marks)} articles", "".join(edges + lines + nodes))


def _node_xy(m: Mark, row: int) -> tuple[float, float]:
    return 8 + _G_COL * m.depth, 4 + _G_ROW * row


def _node(m: Mark, row: int, link: Link, kin: list[str]) -> str:
    """A box: its site (else title) and its relation in words, "· sibling" added where it has siblings (``kin``:
    their names, said in its hover text and link label)."""
    x, y = _node_xy(m, row)
    label = _relation_words(m.relation) + (" · sibling" if kin else "")
    caption = m.caption() + (f" · sibling of {', '.join(kin)} (not derived from each other)" if kin else "")
    body = (f'<title>{escape(caption)}</title>'
            f'<rect class="box" x="{x}" y="{y}" width="{_G_NODE_W}" height="{_G_NODE_H}" rx="4"/>'
            f'{_label("node-site", m.name, 24, x=x + 6, right=x + _G_NODE_W - 6, y=y + 15)}'
            f'<text class="node-kind" x="{x + 6}" y="{y + 30}">{escape(label)}</text>')
    return (f'<g class="node rel-{escape(m.relation)}" data-id="{escape(m.id)}">'
            f'{_linked(link, m.id, caption, body)}</g>')


def _edge(m: Mark, parent: Mark, rows: dict[str, int], siblings: list[str]) -> str:
    """An elbow from the parent's bottom edge down to the copy's row, then right to it. The first copy's
    elbow starts furthest right, so no two elbows of one parent cross or share a line."""
    px, py = _node_xy(parent, rows[parent.id])
    cx, cy = _node_xy(m, rows[m.id])
    step = min(12.0, (_G_NODE_W - 28) / len(siblings))
    x1, y1 = px + _G_NODE_W - 14 - step * siblings.index(m.id), py + _G_NODE_H
    x2, y2 = cx, cy + _G_NODE_H / 2
    return (f'<g class="edge rel-{escape(m.relation)}"><title>{escape(_relation_words(m.relation))}: '
            f'{escape(m.name)} from {escape(parent.name)}</title>'
            f'<path class="link" d="M{x1:.1f},{y1} V{y2} H{x2}"/></g>')


def _sibling_line(a: Mark, b: Mark, why: str, rows: dict[str, int], lane: int) -> str:
    """Two siblings joined right of their boxes: out from each box's right edge, down lane ``lane`` beside the
    further right of the two columns. Dash-dot (``.sibling-link`` in the stylesheet), unlike every copy edge;
    its hover text is the pair's plain line."""
    ax, ay = _node_xy(a, rows[a.id])
    bx, by = _node_xy(b, rows[b.id])
    x = max(ax, bx) + _G_NODE_W + _G_LANE * (lane + 1)
    ya, yb = ay + _G_NODE_H / 2, by + _G_NODE_H / 2
    return (f'<g class="sibling-edge" data-a="{escape(a.id)}" data-b="{escape(b.id)}"><title>sibling: '
            f'{escape(a.name)} and {escape(b.name)}: {escape(why)}</title>'
            f'<path class="sibling-link" d="M{ax + _G_NODE_W},{ya} H{x} V{yb} H{bx + _G_NODE_W}"/></g>')


# -- sites ---------------------------------------------------------------------------------------
def site_chart_svg(rows: list[dict[str, Any]], link: Callable[[str], str | None]) -> Markup:
    """One bar per site row of ``site_table``: its articles, the part derived from others split by the
    sites it takes from (the top three, then the rest), and the numbers in words beside it."""
    most = max((r["articles"] for r in rows), default=1) or 1
    height = _S_ROW * len(rows) + 8
    parts = [_site_row(r, i, most, link) for i, r in enumerate(rows)]
    return _svg("sites-chart", _S_W, height, f"Derived copies of {len(rows)} sites", "".join(parts))


def _site_row(r: dict[str, Any], i: int, most: int, link: Callable[[str], str | None]) -> str:
    y = 4 + _S_ROW * i
    full = (_S_W - _S_LABEL - 8) * r["articles"] / most
    per = full / max(r["articles"], 1)
    derived = round(r["derived_share"] * r["articles"])
    x = float(_S_LABEL)
    segs = [f'<rect class="bar own" x="{x}" y="{y}" width="{full:.1f}" height="{_S_BAR}"/>']
    named = 0
    for k, src in enumerate(r["top_sources"]):
        w = per * src["articles"]
        segs.append(f'<rect class="bar src-{k}" x="{x:.1f}" y="{y}" width="{w:.1f}" height="{_S_BAR}">'
                    f'<title>{src["articles"]} from {escape(src["site"])}</title></rect>')
        x += w
        named += src["articles"]
    if derived > named:
        w = per * (derived - named)
        segs.append(f'<rect class="bar src-rest" x="{x:.1f}" y="{y}" width="{w:.1f}" height="{_S_BAR}">'
                    f'<title>{derived - named} from other sites</title></rect>')
    froms = ", ".join(f'{s["site"]} {s["articles"]}' for s in r["top_sources"])
    words = f'{derived} of {r["articles"]} derived ({r["derived_share"]:.0%})'
    words += f" · from {froms}" if froms else ""
    site = str(r["site"])
    label = _linked(link, site, f"site {site}",
                    _label("row-label", site, 24, x=4, right=_S_LABEL - 6, y=y + 11))
    return (f'<g class="site-bar" data-site="{escape(site)}"><title>{escape(site)}: {escape(words)}</title>{label}'
            f'{"".join(segs)}<text class="bar-label" x="{_S_LABEL}" y="{y + _S_BAR + 13}">'
            f'{escape(_short(words, 76))}</text></g>')
