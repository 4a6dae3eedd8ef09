"""HTML pages: article text and metadata through trafilatura, publication time from the page's meta tags."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from wiretrace.errors import InputError

from .meta import read_date

_DATE_META = (
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "dc.date.issued",
    "dc.date",
    "date",
)


#: How trafilatura finds the article. Recall over precision: a missed paragraph hides a copy, while extra
#: page text is stripped as furniture or simply does not align. Tables in an article carry its figures.
#: No fallback extractors (readability, jusText). On the AEB pages these options score shingle F1 0.971
#: against 0.964 for trafilatura's defaults (bench/eval_extraction.py; chosen there, see bench/RESULTS.md).
TRAFILATURA_OPTIONS: dict[str, Any] = {
    "include_comments": False, "favor_recall": True, "include_tables": True, "fast": True,
}


@dataclass(slots=True, frozen=True)
class HtmlParts:
    paragraphs: list[str]
    title: str | None
    url: str | None
    site: str | None
    byline: str | None
    date: str | None
    language: str | None
    date_refused: str | None = None  # the page gave a date, and none of them was plausible: why the last was not


def extract_html(html: str, path: str, url: str | None = None) -> HtmlParts:
    """Return the article paragraphs and metadata of an HTML page; raise InputError when none is found."""
    import trafilatura

    tree = _parse(html, path)
    meta = _head_meta(html if isinstance(tree, str) else tree)  # before trafilatura prunes the tree
    try:
        doc: Any = trafilatura.bare_extraction(
            tree, url=url, with_metadata=True, deduplicate=False, **TRAFILATURA_OPTIONS,
            # No guessing from page text: a "© 2026" footer must not become a publication date.
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as exc:  # trafilatura raises lxml's and its own errors on broken markup
        raise InputError(path, f"cannot parse HTML ({type(exc).__name__}: {exc})") from None
    if doc is None or not (getattr(doc, "text", None) or "").strip():
        frames = [] if isinstance(tree, str) else [f.get("src") or "?" for f in tree.iter("frame", "iframe")]
        if frames and not isinstance(tree, str) and next(tree.iter("frameset"), None) is not None:
            raise InputError(path, "a frameset page: its text is in the pages of its frames ("
                                   + ", ".join(frames[:5]) + (", ..." if len(frames) > 5 else "") + ")")
        raise InputError(path, "no article text found in the HTML page")
    date = problem = None
    given = [meta[key] for key in _DATE_META if meta.get(key)] + ([doc.date] if doc.date else [])
    for value in given:
        date, problem = read_date(value)
        if date:
            break
    paragraphs = [line.strip() for line in doc.text.split("\n") if line.strip()]
    site = site_name(doc.sitename, doc.hostname, meta)
    named = site_name(doc.sitename, doc.hostname)  # as the page names itself ("... | my6sense"), for the title
    return HtmlParts(
        paragraphs=paragraphs,
        title=without_site_suffix(doc.title or None, named, doc.hostname),
        url=doc.url or url or None,
        site=site,
        byline=clean_byline(doc.author),
        date=date,
        language=meta.get("_lang"),
        date_refused=problem if date is None else None,
    )


#: Words trafilatura's author field picks up after the names from a page's "By X | Monday, November 18 |
#: Published ..." line: "Mike Wuerthele; Malcolm Owen Monday; November", "JERUSALEM POST STAFF NOVEMBER",
#: "Detroit News wire services Published" (AEB pages; review of session 23). "May" is left: a surname.
_BYLINE_TAIL = re.compile(
    r"(?:[\s;,|]+(?:published|updated|posted|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|"
    r"february|march|april|june|july|august|september|october|november|december)\b\.?)+[\s;,|]*$",
    re.IGNORECASE,
)


def clean_byline(author: str | None) -> str | None:
    """trafilatura's author field without trailing date and "Published" words; None for nothing left."""
    if not author:
        return None
    cleaned = _BYLINE_TAIL.sub("", author).strip(" ;,|")
    return cleaned or author.strip() or None


def site_name(name: str | None, hostname: str | None, meta: dict[str, str] | None = None) -> str | None:
    """The page's site name, or its host where it gives none; a name that is a URL ("https://www.x.com",
    seen on a real page) is its host without "www." (review of session 23). With the page's meta tags
    (``_head_meta``), a name trafilatura made up is the host too (review of session 24, F12): a Twitter
    account where no og:site_name is given ("@Wday_" on wday.ru read "Wday_"), or the host's own label in
    lower case, capitalised ("nj" on nj.com read "Nj")."""
    name = (name or "").strip() or None
    if name and _URL_LIKE.match(name):
        from wiretrace.ingest import _site_from_url  # the host as a URL's site is read (ingest imports this module)

        name = _site_from_url(name if "//" in name else "//" + name) or name
    host = hostname.removeprefix("www.") if hostname else None
    if name and host and meta is not None:
        given = meta.get("og:site_name") or ""
        handle = (meta.get("twitter:site") or "").lstrip("@")
        label = host.split(".")[0].casefold()
        if (not given and handle and name.casefold() == handle.casefold()) or (
                given.islower() and name == given.title() and given.replace(" ", "") == label):
            name = host
    return name or hostname or None


_URL_LIKE = re.compile(r"^(https?://|www\.)\S+$", re.IGNORECASE)
#: The separators between a page title and the site's name: "Headline | Site", "Headline - Site".
_TITLE_SEPARATORS = ("|", "-", "–", "—", "·", "::", "»")


def without_site_suffix(title: str | None, site: str | None, hostname: str | None = None) -> str | None:
    """``title`` without a trailing "| Site" / "- Site" naming the page's own site or host: 30 of the 181
    AEB pages kept one ("... - SpaceNews.com", "... | ZDNet"), which the terminal's "title | site" rows
    showed twice and the title diff of two reprints could read as a changed name (review of session 23).
    A title that is the site name alone stays."""
    if not title:
        return title
    names = {n.strip().casefold() for n in (site, hostname, hostname and hostname.removeprefix("www.")) if n}
    stripped = title.rstrip()
    low = stripped.casefold()
    for name in sorted(names, key=len, reverse=True):
        if not low.endswith(name):
            continue
        head = stripped[: len(stripped) - len(name)].rstrip()
        for sep in _TITLE_SEPARATORS:
            # the separator set off by a space on its left: "Anti-June" is no "- June"
            if head.endswith(sep) and head[: -len(sep)].endswith((" ", "\u00a0")):
                rest = head[: -len(sep)].rstrip()
                if len(rest) >= 10:
                    return rest
    return title


def _parse(html: str, path: str = "the page") -> Any:
    """The page as an lxml tree for trafilatura, parsed with libxml2's ``huge_tree`` so that a page nested
    deeper than its default limit (256 levels) keeps its text (measured: 2,000 levels); the text itself
    when lxml cannot parse it (trafilatura then tries on its own and says why it cannot)."""
    from lxml import etree
    from lxml.html import HTMLParser, document_fromstring

    try:
        tree = document_fromstring(html, parser=HTMLParser(huge_tree=True, remove_comments=True))
        if _depth(tree) >= MAX_DEPTH:  # libxml2 dropped what lies deeper: read it again without wrappers
            tree = document_fromstring(_WRAPPERS.sub(_unwrap, html),
                                       parser=HTMLParser(huge_tree=True, remove_comments=True))
            if _depth(tree) >= MAX_DEPTH:
                raise InputError(path, f"HTML nested {MAX_DEPTH} levels deep or more (libxml2's limit), even without "
                                       "its div, span and font tags: the text deeper than that cannot be read")
    except (etree.ParserError, ValueError):
        return html
    _flatten_inline_runs(tree)
    return tree


#: libxml2 parses HTML at most this many elements deep (with ``huge_tree``) and silently drops what lies
#: deeper: a page of 10,000 nested divs, or of thousands of unclosed <font> or <b> tags, lost its text.
MAX_DEPTH = 2047
#: The tags that nest without meaning much, removed (inline ones) or made line breaks (blocks) when a page
#: nests past ``MAX_DEPTH``.
_WRAPPERS = re.compile(r"</?(div|section|center|span|font|b|i|u|em|strong|small|big|a)\b[^>]*>", re.IGNORECASE)


def _unwrap(m: re.Match[str]) -> str:
    return "<br>" if m.group(1).lower() in ("div", "section", "center") else ""


def _depth(tree: Any) -> int:
    """How many elements deep ``tree`` goes."""
    from lxml import etree

    depth = deepest = 0
    for event, _el in etree.iterwalk(tree, events=("start", "end")):
        depth += 1 if event == "start" else -1
        deepest = max(deepest, depth)
    return deepest


#: An element with more inline children than this has them replaced by their text before trafilatura
#: sees it: trafilatura's main pass is quadratic in them (a 1 MB paragraph of ``<span>`` words took
#: 34 s; flattened, 0.1 s). Its output keeps no inline markup, so the text it finds is the same.
MAX_INLINE_CHILDREN = 500
_INLINE = frozenset({"span", "a", "b", "i", "em", "strong", "font", "small", "big", "sup", "sub", "u", "s",
                     "mark", "abbr", "cite", "code", "kbd", "q", "time", "var", "wbr", "ins", "del", "bdi", "bdo"})


def _flatten_inline_runs(tree: Any) -> None:
    long_runs = [el for el in tree.iter() if len(el) > MAX_INLINE_CHILDREN
                 and all(isinstance(child.tag, str) and child.tag.lower() in _INLINE for child in el)]
    for el in long_runs:
        text = el.text_content()
        for child in list(el):
            el.remove(child)
        el.text = text


def _head_meta(page: Any) -> dict[str, str]:
    """Meta tags of the page by lower-cased property / name / itemprop, plus ``_lang`` from <html lang>;
    ``page`` is the tree ``_parse`` made, or the HTML text where lxml could not parse it as text."""
    import lxml.html

    out: dict[str, str] = {}
    root = page
    if isinstance(page, str):
        try:
            root = lxml.html.document_fromstring(page.encode("utf-8"))
        except (ValueError, lxml.etree.ParserError):
            return out
    lang = root.get("lang")
    if lang:
        out["_lang"] = lang.split("-")[0].lower()
    for el in root.iter("meta"):
        key = el.get("property") or el.get("name") or el.get("itemprop")
        content = el.get("content")
        if key and content and key.lower() not in out:
            out[key.lower()] = content.strip()
    for el in root.iter("time"):
        if el.get("datetime") and "date" not in out:
            out["date"] = el.get("datetime", "")
    return out
