"""Metadata found in the text itself: datelines with agency credits, date lines, bylines; article ids."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import datetime, timezone

# "LISBON (Reuters) – ", "SÃO PAULO, Brazil (AFP) — ", "PORTO – ", "HAMBURG (dpa) - "
_DATELINE = re.compile(
    r"^\s*(?P<place>[A-ZÀ-ÖØ-ÞĀ-Ž][A-ZÀ-ÖØ-ÞĀ-Ž'’.\- ]{1,40}?)"
    r"(?:,\s*(?P<region>[A-ZÀ-ÖØ-Þ][\w.\- ]{1,30}?))?"
    r"\s*(?:\((?P<credit>[^()\n]{2,40})\))?"
    r"\s*[-–—]{1,2}\s+"
)
_CREDIT_ONLY = re.compile(r"^\s*\((?P<credit>[A-Za-z][^()\n]{1,30})\)\s*[-–—]{1,2}\s+")
_BYLINE = re.compile(r"^(?:by|por|par|von|di|door)\s+(?P<name>[^\n]{2,120})$", re.IGNORECASE)
_DATE_PREFIX = re.compile(
    r"^(published|updated|posted|publicado|publicada|atualizado|actualizado|publié|mis à jour|"
    r"veröffentlicht|aktualisiert|date)\s*(on|em|el|le|am)?\s*[:\-–—]?\s*",
    re.IGNORECASE,
)
_MONTHS = (
    "jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|janeiro|fevereiro|março|abril|maio|junho|julho|"
    "agosto|setembro|outubro|novembro|dezembro|enero|febrero|marzo|mayo|junio|julio|septiembre|"
    "octubre|noviembre|diciembre|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|"
    "novembre|décembre|januar|februar|märz|juni|juli|oktober|dezember"
)
_DATE_LIKE = re.compile(rf"(\d{{4}}-\d{{2}}-\d{{2}})|(\b\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}}\b)|(\b({_MONTHS})\w*\b.*\d)"
                        rf"|(\d.*\b({_MONTHS})\w*\b)", re.IGNORECASE)
_MAX_DATE_LINE = 80


def parse_dateline(first_paragraph: str) -> tuple[str | None, str | None]:
    """Return (place, credit) from the start of an article's first paragraph, if it has a dateline."""
    m = _DATELINE.match(first_paragraph)
    if m and sum(c.isupper() for c in m.group("place")) >= 2:
        place = m.group("place").strip(" ,.")
        credit = (m.group("credit") or "").strip() or None
        return place, credit
    m = _CREDIT_ONLY.match(first_paragraph)
    if m:
        return None, m.group("credit").strip()
    return None, None


def parse_byline(line: str) -> str | None:
    m = _BYLINE.match(line.strip())
    return m.group("name").strip() if m else None


def parse_date(value: str) -> str | None:
    """Return an ISO 8601 string for a date or datetime written in ``value``, or None.

    Forms dateutil reads whole (ISO, "March 9, 2026 10:00 GMT") go through it; then dateparser (lazily
    imported), which knows month names in many languages; dateutil's fuzzy mode last. Fuzzy dateutil
    before dateparser would skip a foreign month name and read "mardi 11 août 2026" as 1 November.
    Time-zone-aware values are converted to UTC.
    """
    text = _DATE_PREFIX.sub("", value.strip()).strip()
    if not text or len(text) > _MAX_DATE_LINE or not any(ch.isdigit() for ch in text):
        return None
    dt = _dateutil(text, fuzzy=False) or _dateparser(text) or _dateutil(text, fuzzy=True)
    if dt is None:
        return None
    return iso(dt)


def looks_like_date_line(line: str) -> bool:
    text = _DATE_PREFIX.sub("", line.strip())
    return len(text) <= _MAX_DATE_LINE and bool(_DATE_LIKE.search(text)) and parse_date(line) is not None


def iso(dt: datetime) -> str:
    """ISO 8601: aware datetimes in UTC with a Z, naive midnight as a bare date."""
    if dt.tzinfo is not None:
        return dt.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    if (dt.hour, dt.minute, dt.second) == (0, 0, 0):
        return dt.strftime("%Y-%m-%d")
    return dt.strftime("%Y-%m-%dT%H:%M:%S")


def to_datetime(value: str | None) -> datetime | None:
    """Parse an ISO string made by :func:`iso` (or any ISO 8601) into an aware UTC datetime."""
    if not value:
        return None
    try:
        dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return dt.astimezone(timezone.utc)


def _dateutil(text: str, *, fuzzy: bool) -> datetime | None:
    from dateutil import parser as du

    tzinfos = {"GMT": 0, "UTC": 0, "BST": 3600, "CET": 3600, "CEST": 7200, "EST": -18000, "EDT": -14400,
               "PST": -28800, "PDT": -25200, "KST": 32400, "AEST": 36000, "AEDT": 39600, "EAT": 10800,
               "CLT": -14400, "CLST": -10800, "WET": 0, "WEST": 3600}
    try:
        dt: datetime = du.parse(text, fuzzy=fuzzy, tzinfos=tzinfos, default=datetime(1900, 1, 1))
    except (ValueError, OverflowError):
        return None
    if dt.year == 1900:
        return None  # no year written: not a publication date
    return dt


def _dateparser(text: str) -> datetime | None:
    import dateparser

    dt = dateparser.parse(text, settings={"PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False,
                                          "REQUIRE_PARTS": ["day", "month", "year"]})
    return dt if isinstance(dt, datetime) else None


def normalise_for_id(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(folded.split())


def article_id(text: str, url: str | None) -> str:
    """Stable id: a hash of the url (when known) and the normalised text."""
    h = hashlib.sha1(usedforsecurity=False)
    h.update((url or "").strip().encode("utf-8"))
    h.update(b"\x00")
    h.update(normalise_for_id(text).encode("utf-8"))
    return h.hexdigest()[:16]
