"""Publication times for people: '10 Feb 2026 22:15 UTC' beside the ISO string, and gaps to the
source ('+2.8 days', '2.8 days after the source'). Shared by the pages, the report and the pictures."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from markupsafe import Markup, escape

from wiretrace.ingest.meta import crawl_dated, to_datetime

__all__ = ["after_source", "gap", "gap_seconds", "human_time", "is_crawled", "time_tag"]

_MINUTE, _HOUR, _DAY = 60.0, 3600.0, 86400.0


def human_time(iso: str | None, *, crawled: bool = False) -> str:
    """'10 Feb 2026 22:15 UTC' (the day alone when the time is midnight); '' when there is no date. ``crawled``:
    the date is when the page was crawled (the article's ``date_from_crawl`` signal), not published: 'online by
    10 Feb 2026 22:15 UTC (crawled)' (user review, H3b: a crawl time was shown as a publication time)."""
    dt = to_datetime(iso)
    if dt is None:
        return ""
    text = f"{dt.day} {dt:%b %Y}" if (dt.hour, dt.minute) == (0, 0) and "T" not in (iso or "") else \
        f"{dt.day} {dt:%b %Y %H:%M} UTC"
    return f"online by {text} (crawled)" if crawled else text


def is_crawled(article: Any) -> bool:
    """Whether an article's date (an ``Article``, or a story node's dict with ``date_crawled``) is a crawl time."""
    if isinstance(article, Mapping):
        return bool(article.get("date_crawled"))
    return crawl_dated(article)


def gap_seconds(iso: str | None, source_iso: str | None) -> float | None:
    """Seconds from the source's publication to this one (negative: before it); None if either is unknown."""
    dt, src = to_datetime(iso), to_datetime(source_iso)
    if dt is None or src is None:
        return None
    return (dt - src).total_seconds()


def gap(seconds: float) -> str:
    """A signed, rounded gap: '+2.8 days', '+5 h', '−40 min', '±0'."""
    size = abs(seconds)
    sign = "+" if seconds > 0 else "−"
    if size < _MINUTE:
        return "±0"
    if size < _HOUR:
        return f"{sign}{size / _MINUTE:.0f} min"
    if size < _DAY:
        return f"{sign}{size / _HOUR:.0f} h"
    return f"{sign}{size / _DAY:.1f} days"


def after_source(iso: str | None, source_iso: str | None) -> str:
    """'2.8 days after the source', '3 h before the source', 'at the same time as the source', or ''."""
    s = gap_seconds(iso, source_iso)
    if s is None:
        return ""
    text = gap(s)
    if text == "±0":
        return "at the same time as the source"
    return f"{text[1:]} {'after' if s > 0 else 'before'} the source"


def time_tag(iso: str | None, source_iso: str | None = None, *, crawled: bool = False) -> Markup:
    """``<time>``: the readable time, the gap to the source when given, the ISO string kept beside them.
    ``crawled``: a crawl time, said so (``human_time``), with no gap to the source (it is no publication time)."""
    if not iso:
        return Markup('<span class="no-date">no date</span>')
    human = human_time(iso, crawled=crawled) or iso
    rel = after_source(iso, source_iso) if source_iso and not crawled else ""
    rel_html = f' · <span class="gap">{escape(rel)}</span>' if rel else ""
    return Markup(f'<time datetime="{escape(iso)}">{escape(human)}</time>{rel_html}'  # noqa: S704 - escaped
                  f' <span class="iso">{escape(iso)}</span>')
