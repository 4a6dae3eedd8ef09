"""The fields of a JSON record (a JSON Lines line, a .json file) that ingest reads, and how it reads a value of
each JSON type: the one place ``ingest.article_from_record`` and the JSON Lines reader's notes
(``sources``) both take it from, so what a note says is done is what is done."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

#: The body: the first of these holding text, else the first of ``HTML_FIELDS``.
TEXT_FIELDS = ("text", "body", "content", "article", "maintext")
HTML_FIELDS = ("html", "raw_html", "content_html")
#: Metadata, by what it fills: the first of the names the record fills (``field_text``) is read.
META_FIELDS: dict[str, tuple[str, ...]] = {
    "url": ("url", "link", "canonical_url"),
    "title": ("title", "headline"),
    "site": ("site", "sitename", "source", "domain"),
    "byline": ("byline", "author", "authors"),
    "date": ("published", "date", "published_at", "datePublished", "pubdate"),
    "fetched": ("fetched",),
    "language": ("language", "lang"),
}
#: Fields whose natural JSON form is a list of strings (names), read as its items joined by ", " without a note.
_LIST_FIELDS = frozenset(META_FIELDS["byline"])
#: Fields whose natural JSON form may be a number: a compact date (20240320) or Unix time (``meta.read_date``).
_NUMBER_FIELDS = frozenset(META_FIELDS["date"] + META_FIELDS["fetched"])


def field_text(value: Any) -> str | None:
    """A metadata field's value as text: a string as it is, a number as written, a list its items joined by
    ", " (items that are no string or number left out); None for null, true, false, an object, or no text."""
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value if v and not isinstance(v, (bool, dict, list)))
    if isinstance(value, (str, int, float)) and not isinstance(value, bool) and str(value).strip():
        return str(value).strip()
    return None


def json_type(value: Any) -> str:
    """How JSON calls the type of ``value``: "a number", "true", "an object" ..."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list of other things than strings"
    return f"a {type(value).__name__}"


def body_text(value: Any) -> str | None:
    """A body field's value as text (a list of strings: paragraphs, joined by a blank line); None for any other
    type, or no text."""
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        value = "\n\n".join(v.strip() for v in value if v.strip())
    return value.strip() if isinstance(value, str) and value.strip() else None


def field_notes(record: Mapping[str, Any]) -> list[tuple[str, str]]:
    """What ingest does with the fields of ``record`` that hold a value of an odd JSON type, as (what the field
    holds, what is done): ``("'title' is an object", "left out")``. Null is no value (the field is absent),
    and says nothing; so do a string, a list of strings for a byline, a number for a date (Unix time, a
    compact date). A body field of another type than text says so only where another body field is read
    instead (with none, the record is refused, which says why)."""
    notes: list[tuple[str, str]] = []
    bodies = TEXT_FIELDS + HTML_FIELDS
    used = next((k for k in bodies if body_text(record.get(k)) is not None), None)
    if used is not None:
        for key in bodies[:bodies.index(used)]:
            value = record.get(key)
            if value is not None and value not in ("", [], {}) and not isinstance(value, str):
                notes.append((f"'{key}' is {json_type(value)}", f"not text; '{used}' read instead"))
    for names in META_FIELDS.values():
        for key in names:
            value = record.get(key)
            if value is None or isinstance(value, str) or value in ([], {}):  # no value
                continue
            if isinstance(value, (bool, dict)):
                notes.append((f"'{key}' is {json_type(value)}", "left out"))
            elif isinstance(value, (int, float)):
                if key not in _NUMBER_FIELDS:
                    notes.append((f"'{key}' is a number", "read as written"))
            elif isinstance(value, list):
                if key in _LIST_FIELDS and all(isinstance(v, str) for v in value):
                    continue
                text = field_text(value)
                notes.append((f"'{key}' is a list", "read as its items joined by ', '" if text else "left out"))
            else:  # json.loads makes no other type; a caller's record may
                notes.append((f"'{key}' is {json_type(value)}", "left out"))
    return notes
