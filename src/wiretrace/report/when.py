"""Publication times for people: '10 Feb 2026 22:15 UTC' beside the ISO string, and gaps to the
source ('+2.8 days', '2.8 days after the source'). Shared by the pages, the report and the pictures."""

from __future__ import annotations

from markupsafe import Markup, escape

from wiretrace.ingest.meta import to_datetime

__all__ = ["after_source", "gap", "gap_seconds", "human_time", "time_tag"]

_MINUTE, _HOUR, _DAY = 60.0, 3600.0, 86400.0


def human_time(iso: str | None) -> str:
    """'10 Feb 2026 22:15 UTC' (the day alone when the time is midnight); '' when there is no date."""
    dt = to_datetime(iso)
    if dt is None:
        return ""
    if (dt.hour, dt.minute) == (0, 0) and "T" not in (iso or ""):
        return f"{dt.day} {dt:%b %Y}"
    return f"{dt.day} {dt:%b %Y %H:%M} UTC"


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


def time_tag(iso: str | None, source_iso: str | None = None) -> Markup:
    """``<time>``: the readable time, the gap to the source when given, the ISO string kept beside them."""
    if not iso:
        return Markup('<span class="no-date">no date</span>')
    human = human_time(iso) or iso
    rel = after_source(iso, source_iso) if source_iso else ""
    rel_html = f' · <span class="gap">{escape(rel)}</span>' if rel else ""
    return Markup(f'<time datetime="{escape(iso)}">{escape(human)}</time>{rel_html}'  # noqa: S704 - escaped
                  f' <span class="iso">{escape(iso)}</span>')
