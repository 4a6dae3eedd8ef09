"""Static HTML report of an indexed store: stories with their timelines, provenance graphs and trees,
the sites chart and table, and one page per derived pair: what changed first, then side by side with
the diff highlighted. Opens from disk with no server.

Every article string is HTML-escaped (Jinja2 autoescape, and ``marked`` escapes each piece it cuts);
hostile HTML in articles is normal input here. A Content-Security-Policy meta tag forbids scripts.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from wiretrace.compare import CompareConfig, Comparer
from wiretrace.records import Article, Comparison, DiffItem
from wiretrace.report.findings import BLIND, group_findings, not_comparable, row_anchor
from wiretrace.report.layout import SITES_NOTE, Row, side_by_side_rows
from wiretrace.report.pictures import (
    graph_svg,
    named,
    shown_title,
    site_chart_svg,
    site_name,
    story_marks,
    story_siblings,
    timeline_svg,
)
from wiretrace.report.when import human_time, is_crawled, time_tag
from wiretrace.store import SQLiteStore
from wiretrace.stories import build_stories, site_table

if TYPE_CHECKING:
    from jinja2 import Environment

__all__ = ["add_pictures", "pair_context", "shown_title", "sibling_rows", "text_dir", "write_report"]


def write_report(db: str, out: str | Path, *, cfg: CompareConfig | None = None,
                 progress: Callable[[str, int, int | None], None] | None = None) -> Path:
    """Write the report of store ``db`` into folder ``out``; return the path of its index.html."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(loader=PackageLoader("wiretrace.report", "templates"),
                      autoescape=select_autoescape(["html"]), trim_blocks=True, lstrip_blocks=True)
    add_pictures(env, article_link=lambda aid: f"#a-{aid}", site_link=lambda site: None)
    out = Path(out)
    (out / "pairs").mkdir(parents=True, exist_ok=True)
    store = SQLiteStore(db, readonly=True)
    try:
        articles = {a.id: a for a in store.articles()}
        stories = build_stories(articles, store.relations())
    finally:
        store.close()
    comparer = Comparer(cfg)
    edges = [(s, e) for s in stories for e in s.parent.values()]
    for n, (_story, e) in enumerate(edges, start=1):
        c = comparer.compare(articles[e.parent], articles[e.child])
        page = env.get_template("pair.html").render(**pair_context(c))
        (out / "pairs" / pair_file(e.parent, e.child)).write_text(page, encoding="utf-8")
        if progress:
            progress("report", n, len(edges))
    records = [named(s.to_dict(articles), articles) for s in stories]
    page = env.get_template("index.html").render(
        stories=records, siblings={r["id"]: sibling_rows(r, articles) for r in records},
        sites=site_table(articles, stories), articles=len(articles), pair_file=pair_file)
    index = out / "index.html"
    index.write_text(page, encoding="utf-8")
    return index


def add_pictures(env: Environment, *, article_link: Callable[[str], str | None],
                 site_link: Callable[[str], str | None]) -> None:
    """Give ``env``'s templates the pictures and readable times: ``timeline(story)``, ``graph(story)``,
    ``site_chart(rows)``, ``time_tag(iso, source_iso, crawled=)``,
    ``human_time(iso)``, ``is_crawled(item)``, ``site_name(article)``, ``text_dir(language)`` and
    ``article_href(id)`` (an article's link, as the marks link it: ``_siblings.html``), ``sites_note`` (what a
    sites table's columns count);
    a mark links to ``article_link(id)``, a site's bar to ``site_link(site)`` (None: no link)."""
    env.globals["timeline"] = lambda story: timeline_svg(story_marks(story), article_link)
    env.globals["graph"] = lambda story: graph_svg(story_marks(story), article_link, story_siblings(story))
    env.globals["site_chart"] = lambda rows: site_chart_svg(rows, site_link)
    env.globals["article_href"] = article_link
    env.globals["shown_title"] = shown_title
    env.globals["time_tag"] = time_tag
    env.globals["human_time"] = human_time
    env.globals["is_crawled"] = is_crawled
    env.globals["site_name"] = site_name
    env.globals["text_dir"] = text_dir
    env.globals["sites_note"] = SITES_NOTE


@lru_cache(maxsize=256)
def text_dir(language: str | None) -> str:
    """The HTML ``dir`` of a text in ``language``: "rtl" where CLDR writes it right to left (Arabic, Hebrew,
    Persian, Urdu, ...), else "auto". "auto" alone read an Arabic paragraph that opens with a Latin name
    ("(MENAFN- Khaberni) ...") as left to right (review of session 24). Cached: a pair page asks it for every
    cell of its side by side."""
    from babel import Locale, UnknownLocaleError

    if not language:
        return "auto"
    try:
        order = Locale.parse(language.replace("-", "_")).character_order
    except (UnknownLocaleError, ValueError):
        return "auto"
    return "rtl" if order == "right-to-left" else "auto"


def sibling_rows(story: dict[str, Any], articles: dict[str, Article]) -> list[dict[str, Any]]:
    """The sibling pairs of a story record (``Story.to_dict``'s ``siblings``, absent where none) as the pages list
    them: each of the two articles and their common source as ``{id, title, site, language}`` (site as the pages
    name it), relate's kind for the pair and its plain line. An article with no title is named as the CLI's rows
    name it: "(no title)" and the start of its text in quotes (review of session 26: a bare full id told a reader
    nothing); its id only where it has no text either. Shared with ``wiretrace serve``."""
    def who(aid: str) -> dict[str, Any]:
        a = articles.get(aid)
        if a is None:
            return {"id": aid, "title": aid, "site": "site unknown", "language": None}
        return {"id": aid, "title": shown_title(a), "site": site_name(a), "language": a.language}
    return [{"a": who(x["a"]), "b": who(x["b"]), "of": who(x["of"]), "relation": x["relation"], "why": x["why"]}
            for x in story.get("siblings", [])]


def pair_file(parent: str, child: str) -> str:
    return f"{parent}_{child}.html"


def pair_context(c: Comparison) -> dict[str, Any]:
    """What ``_pair_body.html`` renders: the comparison, its findings grouped (what changed, first),
    its side-by-side rows (escaped, changes marked, each with its anchor), a label function for
    articles and the page title. Shared with ``wiretrace serve``."""
    layout = side_by_side_rows(c)
    return {"c": c, "rows": _rows(c, layout), "findings": group_findings(c, layout), "label": _label,
            "title": _title(c), "heading": _heading(c), "blind": not_comparable(c), "blind_words": BLIND}


def _title(c: Comparison) -> str:
    """The page's title, "a → b", each article named as the trees name it (``shown_title``): an untitled one by the
    start of its text, not its bare id (review of session 29: the pair pages still said "00fccfda21c8846b → ...")."""
    return f"{shown_title(c.a)} → {shown_title(c.b)}"


def _heading(c: Comparison) -> Markup:
    """The page's heading, "a → b", each title isolated in its own direction: two Arabic titles around the arrow
    read as one right-to-left run, b's title first, so the arrow pointed from b to a (review of session 24)."""
    def one(a: Article) -> str:
        lang = f' lang="{html.escape(a.language, quote=True)}"' if a.language else ""
        return f'<bdi{lang} dir="{text_dir(a.language)}">{html.escape(shown_title(a))}</bdi>'
    return Markup(f"{one(c.a)} → {one(c.b)}")  # noqa: S704 - both titles escaped above


def _label(a: Article) -> str:
    when = human_time(a.date, crawled=is_crawled(a)) or a.date
    return " · ".join(x for x in (site_name(a), when, a.language, a.path) if x)


def _rows(c: Comparison, layout: list[Row]) -> list[dict[str, Any]]:
    a_items = [d for d in c.diff if d.a_span]
    b_items = [d for d in c.diff if d.b_span]
    out = []
    for i, (a_span, label, _style, b_span) in enumerate(layout):
        out.append({"id": row_anchor(i),
            "a": marked(c.a.text, a_span, a_items, "a") if a_span else Markup(""),
            "b": marked(c.b.text, b_span, b_items, "b") if b_span else Markup(""),
            "label": label.split("\n")[0], "score": label.split("\n")[1] if "\n" in label else "",
        })
    return out


def marked(text: str, span: tuple[int, int], items: list[DiffItem], side: str) -> Markup:
    """``text[span]`` escaped, with each diff item inside it wrapped in <mark class="t-TYPE op-OP">."""
    start, end = span
    marks: list[tuple[int, int, DiffItem]] = []
    for d in items:
        sp = d.a_span if side == "a" else d.b_span
        if sp and start <= sp[0] and sp[1] <= end:
            marks.append((sp[0], sp[1], d))
    marks.sort(key=lambda m: (m[0], -m[1]))
    parts = []
    pos = start
    for s, e, d in marks:
        if s < pos:
            continue  # overlapping marks: the first (longest) wins
        parts.append(html.escape(text[pos:s]))
        title = html.escape(f"{d.op} {d.type}: {d.a_text or ''} → {d.b_text or ''}", quote=True)
        parts.append(f'<mark class="t-{d.type} op-{d.op}" title="{title}">{html.escape(text[s:e])}</mark>')
        pos = e
    parts.append(html.escape(text[pos:end]))
    return Markup("".join(parts))  # noqa: S704 - every piece above is escaped
