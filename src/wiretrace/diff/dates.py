"""Dates compared by the calendar day they name: the keys of a date read against a reference day, "now" said as
"today", and the month-days of Chinese and Japanese dates (``DiffConfig.month_days_across``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date

from wiretrace.diff.figures import _fact_language, day_key
from wiretrace.records import Doc, Mention, Sentence
from wiretrace.segment import WORD
from wiretrace.segment.dates import find_dates, resolve

#: Words for the present time that a translation may render as "today" ("actuellement" -> "heute"): en, fr, de,
#: es, pt.
_NOW_WORDS = frozenset("""
now currently presently nowadays maintenant actuellement présentement jetzt nun derzeit zurzeit aktuell gegenwärtig
ahora actualmente agora atualmente
""".split())  # noqa: SIM905 - a word list reads best as text
_AT_PRESENT = re.compile(r"\b(?:at present|at the moment|à présent|en ce moment|im moment|en este momento|"
                         r"neste momento|no momento)\b", re.IGNORECASE)


def _says_now(sents: list[Sentence]) -> bool:
    """Whether a passage says "now" in a word or phrase for the present time (``_NOW_WORDS``, ``_AT_PRESENT``)."""
    return any(w.casefold() in _NOW_WORDS for s in sents for w in WORD.findall(s.text)) or any(
        _AT_PRESENT.search(s.text) for s in sents)


#: A date with a month and a day in Chinese or Japanese ("2021年12月24日", "12 月 24 日", "12月24号").
_CJK_MONTH_DAY = re.compile(r"(?<!\d)(?:\d{4}\s*年\s*)?(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号號]")
_MONTH_DAY_KEY = re.compile(r"(?:ymd:\d{4}|md:?)-?(?P<m>\d{1,2})-(?P<d>\d{1,2})$")
_CJK_LANGUAGES = frozenset({"zh", "ja"})


def _month_day_language(language: str | None) -> bool:
    """Whether the dates of a month and a day are read in ``language``: ours (dates.py), Chinese and Japanese."""
    return _fact_language(language) or (language or "").split("-")[0] in _CJK_LANGUAGES


def _month_days_in(text: str, language: str | None) -> list[tuple[int, int, tuple[int, int]]]:
    """(start, end, (month, day)) of each date of ``text`` with a month and a day (a year is a figure's business)."""
    if (language or "").split("-")[0] in _CJK_LANGUAGES:
        found = [(m.start(), m.end(), int(m["m"]), int(m["d"])) for m in _CJK_MONTH_DAY.finditer(text)]
    else:
        found = [(a, b, int(k["m"]), int(k["d"])) for a, b, key in find_dates(text, language)
                 if (k := _MONTH_DAY_KEY.match(key))]
    return [(a, b, (mo, d)) for a, b, mo, d in found if 1 <= mo <= 12 and 1 <= d <= 31]


def _month_days(doc: Doc, sents: Sequence[Sentence]) -> list[tuple[Mention, tuple[int, int]]]:
    """The dates of ``sents`` with a month and a day (``_month_days_in``), as mentions with their (month, day)."""
    return [(Mention("date", s.start + a, s.start + b, s.text[a:b], f"md:{k[0]}-{k[1]}"), k)
            for s in sents for a, b, k in _month_days_in(s.text, doc.article.language)]


def _date_keys(m: Mention, ref: date | None) -> set[str]:
    """The mention as written and the day(s) it can name; a bare weekday may point back or forward
    ("on Monday" in a Tuesday story is yesterday; "would reopen on Monday" is next week), so both count."""
    keys = {m.key, resolve(m.key, ref)}
    if m.key.startswith("wd:"):
        wd = m.key.rstrip("+")
        keys |= {wd, resolve(wd, ref), resolve(wd + "+", ref)}
    return keys


def _date_kind(m: Mention) -> str:
    """What a date mention names, from its key: "wd" (a weekday), "ymd" / "md" (a day of a month), "t" (a
    clock time), "rel" (today, yesterday) ..."""
    kind = m.key.split(":", 1)[0]
    return "md" if kind == "ymd" else kind


#: A date written as a bare day, the other day of a range or a pair ("21" of "Oct. 11-21", "26th" of "26th and 27th").
_BARE_DAY = re.compile(r"(\d{1,2})(?:st|nd|rd|th|\.?\u00ba|o|\u00b0|\.)?")


def _bare_days(mentions: Iterable[Mention]) -> set[str]:
    """The days of the dates among ``mentions`` written as a bare day, as the figures another text may read them
    as where it reads no range ("Oct. 28-29" against a copy's "28 de outubro de 29"); and the day of every date of
    a month and a day as its ``figures.day_key``, the key of an ordinal day another text writes with no month
    ("visited on the 11th" = "on November 11", ``figures._ordinal_days``)."""
    bare = {str(int(m.group(1))) for d in mentions if d.kind == "date" and (m := _BARE_DAY.fullmatch(d.text))}
    return bare | {day_key(k["d"]) for d in mentions if d.kind == "date" and (k := _MONTH_DAY_KEY.match(d.key))}


def _date_values(mentions: list[Mention], ref: date | None) -> set[str]:
    out: set[str] = set()
    for m in mentions:
        out |= _date_keys(m, ref)
    return out
