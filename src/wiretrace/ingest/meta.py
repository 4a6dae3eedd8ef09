"""Metadata found in the text itself: datelines with agency credits, date lines, bylines; article ids.

Agency heads come in many forms on real wire copy: key-value fields before the dateline ("date 2024-03-20
LISBON (AFP) – "), a byline and a month-day ("By Ana Lima | NEW YORK, March 20 (Reuters) - "), Indian wire
style ("NEW DELHI, March 20 (IANS) ...", "New Delhi: ... (IANS)"), credits closing the article ("— AFP",
"(AFP)", "... the US. PTI"). :func:`read_head` reads them all; only a known agency name is a credit.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import date

    from wiretrace.records import Article

# Canonical agency names, as the agencies write their own names in credits and datelines ("(Reuters)",
# "(AFP)", "(dpa)", "— AP"), keyed by the spellings seen in copy, casefolded. Only a token found here is a
# credit: "(Photo)", "(File)" or a province in brackets ("PELL LAKE (C.-B.)") is not.
AGENCIES: dict[str, str] = {
    **dict.fromkeys(("reuters", "thomson reuters"), "Reuters"),
    **dict.fromkeys(("afp", "agence france-presse", "agence france presse"), "AFP"),
    **dict.fromkeys(("ap", "associated press", "the associated press"), "AP"),
    **dict.fromkeys(("dpa", "deutsche presse-agentur"), "dpa"),
    **dict.fromkeys(("efe", "agencia efe"), "EFE"),
    **dict.fromkeys(("xinhua", "xinhua news agency"), "Xinhua"),
    **dict.fromkeys(("kyodo", "kyodo news"), "Kyodo"),
    **dict.fromkeys(("yonhap", "yonhap news agency"), "Yonhap"),
    **dict.fromkeys(("tass", "itar-tass"), "TASS"),
    **dict.fromkeys(("pa", "pa media"), "PA"),
    # "Kaynak: AA" closes 89 SemEval Turkish texts, "Kaynak: İHA" 106, "Kaynak: DHA" 37 (review of session 23)
    **dict.fromkeys(("anadolu", "anadolu agency", "aa", "anadolu ajansı"), "Anadolu"),
    **dict.fromkeys(("i̇ha", "iha", "ihlas haber ajansı"), "İHA"),
    **dict.fromkeys(("dha", "demirören haber ajansı"), "DHA"),
    **dict.fromkeys(("jiji", "jiji press"), "Jiji"),
    **dict.fromkeys(("cp", "the canadian press", "canadian press"), "CP"),
    **dict.fromkeys(("ria novosti", "ria"), "RIA Novosti"),
    **{name.casefold(): name for name in (
        "IANS", "PTI", "ANI", "UNI", "ANSA", "Lusa", "UPI", "Bloomberg", "Interfax", "ANP", "Belga", "APA",
        "SDA", "Keystone-SDA", "ČTK", "PAP", "MTI", "NTB", "Ritzau", "AAP", "Bernama", "Antara", "PNA", "VNA",
        "WAM", "SPA", "MENA", "IRNA", "KUNA", "QNA", "APP", "AGI", "Adnkronos", "Europa Press", "Notimex",
        "Sputnik", "Ukrinform", "BSS", "KCNA", "Prensa Latina", "Agência Brasil")},
}
_AGENCY_SEP = re.compile(r"\s*(?:/|,|&|\band\b)\s*")

_UP = "A-ZÀ-ÖØ-ÞĀ-Ž"
# "de", "do", "of" ... inside a mixed-case place name: "Rio de Janeiro", "Stratford-upon-Avon".
_PLACE_JOIN = r"(?:de|do|da|dos|das|del|della|di|du|des|la|le|el|al|of|upon|on|am|im|an|sur|en|y|e)"
_PLACE_WORD = rf"[{_UP}](?:[^\W\d_]|['’.\-])*"
_PLACE = rf"{_PLACE_WORD}(?:\s(?:{_PLACE_JOIN}\s)*{_PLACE_WORD}){{0,4}}"
_REGION = rf"[{_UP}][\w.'’\- ]{{0,30}}?"
_MONTHS_EN = ("january|february|march|april|may|june|july|august|september|october|november|december|"
              "jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec")
# A month-day in a dateline ("March 20", "Nov. 20", "20 March", "March 20, 2024"); the year is optional.
_MONTH_DAY = (rf"(?i:(?:{_MONTHS_EN})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
              rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS_EN})\.?(?:,?\s+\d{{4}})?)(?![\w])")
# "LISBON (Reuters) – ", "SÃO PAULO, Brazil (AFP) — ", "PORTO – ", "NEW DELHI, March 20 (IANS) ",
# "Rio de Janeiro (AFP) - ", "New Delhi: ..."
_DATELINE = re.compile(
    rf"^\s*(?P<place>{_PLACE})"
    rf"(?:,\s*(?!{_MONTH_DAY})(?P<region>{_REGION}(?:,\s*(?!{_MONTH_DAY}){_REGION})?))?"
    rf"(?:,?\s*(?P<md>{_MONTH_DAY}))?"
    r"\s*(?:\((?P<credit>[^()\n]{2,40})\))?"
    r"(?P<sep>\s+[-–—]{1,2}\s*|\s*[–—]{1,2}\s*|\s*-{1,2}\s+|\s*:\s+|\s+)"
)
_CREDIT_ONLY = re.compile(r"^\s*\((?P<credit>[A-Za-z][^()\n]{1,30})\)\s*(?:[-–—]{1,2}\s*)?")
# A credit closing a paragraph: "... said. (IANS)", "... said. — AFP", "... said.-Reuters", "... US. PTI";
# or standing alone as the last line: "— AFP", "(AFP)", "AFP/Reuters".
_TAIL_CREDIT = re.compile(
    r"(?:(?:^|\s)\((?P<paren>[^()\n]{2,40})\)"
    r"|(?:^|\s|(?<=[.!?\"”’]))[-–—]{1,2}\s*(?P<dash>[^\s()\-–—][^()\n–—]{0,39}?)"
    r"|(?<=[.!?\"”’])\s+(?P<bare>[A-Z][A-Za-z]{1,9}))\s*\.?\s*$"
)
# ... or "Kaynak: AA" / "Fuente: EFE" / "Source: AFP": the agency after a "source:" label.
_STANDALONE_CREDIT = re.compile(r"^\s*(?:[-–—]{1,2}\s*)?(?i:(?:kaynak|fuente|fonte|quelle|source)\s*:\s*)?"
                                r"\(?\s*(?P<credit>[^()\n]{2,40}?)\s*\)?\s*\.?\s*$")
_BYLINE = re.compile(r"^(?:by|por|par|von|di|door)\s+(?P<name>[^\n]{2,120})$", re.IGNORECASE)
_BYLINE_WORD = re.compile(r"(?:by|por|par|von|di|door|av|af)\s", re.IGNORECASE)
_DATE_KEYS = (r"published|updated|posted|publicado|publicada|atualizado|actualizado|publié|mis à jour|"
              r"veröffentlicht|aktualisiert|dated|date|filed|last updated")
_DATE_PREFIX = re.compile(rf"^({_DATE_KEYS})\s*(on|em|el|le|am)?\s*[:\-–—]?\s*", re.IGNORECASE)
_MONTHS = (
    "jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|janeiro|fevereiro|março|abril|maio|junho|julho|"
    "agosto|setembro|outubro|novembro|dezembro|enero|febrero|marzo|mayo|junio|julio|septiembre|"
    "octubre|noviembre|diciembre|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|"
    "novembre|décembre|januar|februar|märz|juni|juli|oktober|dezember"
)
_DATE_LIKE = re.compile(rf"(\d{{4}}-\d{{2}}-\d{{2}})|(\b\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}}\b)|(\b({_MONTHS})\w*\b.*\d)"
                        rf"|(\d.*\b({_MONTHS})\w*\b)", re.IGNORECASE)
_MAX_DATE_LINE = 80

# A written date with a year, and an optional time and zone: the value of a key-value date field.
_MONTH_NAME = rf"(?:{_MONTHS})[a-zà-ÿ]*\.?"
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?,?\s+"
_ZONE = r"(?:Z|GMT|UTC|BST|CET|CEST|EST|EDT|CST|CDT|PST|PDT|ET|PT|IST|JST|KST|AEST|AEDT|[+-]\d{2}:?\d{2})\b"
_CLOCK = rf"(?:,?\s*(?:at\s+)?\d{{1,2}}[:.h]\d{{2}}(?::\d{{2}})?\s*(?:[ap]\.?m\.?)?\s*(?:{_ZONE})?)?"
_DATE_VALUE = (
    rf"(?:{_WEEKDAY})?(?:\d{{4}}-\d{{2}}-\d{{2}}(?:[T ]\d{{1,2}}:\d{{2}}(?::\d{{2}}(?:\.\d+)?)?\s*(?:{_ZONE})?)?"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\.?\s+(?:de\s+)?{_MONTH_NAME}\s*(?:de\s+)?,?\s*\d{{4}}{_CLOCK}"
    rf"|{_MONTH_NAME}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}{_CLOCK}"
    rf"|\d{{1,2}}[./]\d{{1,2}}[./]\d{{4}}{_CLOCK})"
)
# Key-value fields written before the dateline on the same line: "date 2024-03-20 ", "Date: 20 March 2024 | ",
# "By Ana Lima | ". The key is optional for a date directly followed by a dateline.
_KV_DATE = re.compile(
    rf"\s*(?:(?P<key>{_DATE_KEYS})\s*(?:on|em|el|le|am)?\s*[:=\-–—]?\s*)?(?P<value>{_DATE_VALUE})(?![\w:/.-])"
    r"\s*(?:[|;·•,]\s*|[-–—]{1,2}\s+)?",
    re.IGNORECASE,
)
_BY_PREFIX = re.compile(r"\s*(?i:by)\s+(?P<name>[^|·•\n]{2,80}?)\s*[|·•]\s*")


@dataclass(slots=True, frozen=True)
class Head:
    """What an article's agency head and tail say, and its paragraphs with the head fields taken out.

    The dateline itself ("LISBON (Reuters) – ") stays in the text: it is part of the agency's copy. Key-value
    fields before it ("date 2024-03-20 ") and a credit standing alone as the last line are taken out and
    listed in ``removed`` so nothing is lost silently.
    """

    paragraphs: tuple[str, ...]
    place: str | None = None
    credit: str | None = None
    date: str | None = None  # from a key-value date field, or a dateline date that gives the year
    byline: str | None = None
    removed: tuple[str, ...] = ()
    removed_rules: tuple[str, ...] = ()  # "key_value_head" or "closing_credit", one per ``removed``


def canonical_credit(token: str) -> str | None:
    """Return the canonical agency name for a credit token ("REUTERS" -> "Reuters", "AFP/Reuters"), or None."""
    parts = [p for p in _AGENCY_SEP.split(token.strip(" .,;:")) if p]
    names = [AGENCIES.get(p.strip().casefold()) for p in parts]
    if not names or any(n is None for n in names):
        return None
    return "/".join(dict.fromkeys(n for n in names if n))


def parse_dateline(first_paragraph: str, *, tail_credit: str | None = None) -> tuple[str | None, str | None]:
    """Return (place, credit) from the start of an article's first paragraph, if it has a dateline.

    ``tail_credit`` is a credit found at the end of the article; an Indian-style dateline ("New Delhi: ...")
    is read only with a credit there or at the end of this paragraph.
    """
    m = _dateline_match(first_paragraph, tail_credit)
    if m is not None:
        return m[0], m[1]
    return None, None


def read_head(paragraphs: list[str] | tuple[str, ...]) -> Head:
    """Return the head fields (place, credit, date, byline) of an article's paragraphs, and the paragraphs
    without the key-value prefix of the first one and without a credit standing alone as the last line."""
    paras = list(paragraphs)
    if not paras:
        return Head(paragraphs=())
    removed_tail: list[str] = []
    tail = closing_credit(paras)
    if len(paras) > 1 and _standalone_credit(paras[-1]):
        removed_tail.append(paras.pop())
    removed_head: list[str] = []
    date = byline = None
    # Key-value fields before the dateline; a paragraph that is nothing else ("Published: 20 March 2024")
    # goes whole and the next one is read.
    for _ in range(3):
        end, kv_date, kv_byline = _head_prefix(paras[0], tail)
        if not end:
            break
        date, byline = date or kv_date, byline or kv_byline
        removed_head.append(paras[0][:end].strip())
        rest = paras[0][end:].strip()
        if rest or len(paras) == 1:
            paras[0] = rest
            break
        paras.pop(0)
    place = credit = None
    m = _dateline_match(paras[0], tail)
    if m is not None:
        place, credit, md, _sep = m
        if date is None and md and re.search(r"\d{4}", md):
            date = parse_date(md)
    return Head(paragraphs=tuple(paras), place=place, credit=credit or tail, date=date, byline=byline,
                removed=(*removed_head, *removed_tail),
                removed_rules=("key_value_head",) * len(removed_head) + ("closing_credit",) * len(removed_tail))


def closing_credit(paragraphs: list[str] | tuple[str, ...]) -> str | None:
    """Return the agency credit an article closes with: a last line "— AFP" / "(AFP)" / "AFP/Reuters", or a
    tail of the last paragraph ("... said. (AFP)", "... said. - Reuters", "... the US. PTI")."""
    if not paragraphs:
        return None
    if len(paragraphs) > 1 and (credit := _standalone_credit(paragraphs[-1])):
        return credit
    return _tail_credit(paragraphs[-1])


def starts_with_dateline(line: str, *, closing: str | None = None) -> bool:
    """True when ``line`` opens with a dateline or an agency credit, after any key-value head fields.

    ``closing`` is the credit the article closes with (:func:`closing_credit`). A line read as an Indian-style
    dateline only thanks to it must end like a sentence: "Brexit: What happens next" is a title.
    """
    end, _date, _byline = _head_prefix(line, closing)
    rest = line[end:]
    m = _dateline_match(rest, closing)
    if m is None:
        return False
    if m[3] == ":" and _tail_credit(rest) is None:
        return rest.rstrip().endswith((".", "!", "?", '"', "”", "’"))
    return True


def _head_prefix(paragraph: str, tail_credit: str | None) -> tuple[int, str | None, str | None]:
    """Return (end of the key-value prefix, its date, its byline).

    A date is a field only when a key with a colon names it ("Published: 20 March 2024"), when it is all the
    paragraph holds, or when a dateline or byline follows it: "Published 20 March 2024, the report found
    ..." is a sentence.
    """
    pos = 0
    date = byline = None
    for _ in range(4):
        m = _KV_DATE.match(paragraph, pos)
        if m and date is None and (value := parse_date(m.group("value"))):
            rest = paragraph[m.end():]
            named = m.group("key") is not None and ":" in paragraph[m.start():m.start("value")]
            if not (named or not rest.strip() or _BY_PREFIX.match(rest)
                    or _dateline_match(rest, tail_credit) is not None):
                break
            date, pos = value, m.end()
            continue
        b = _BY_PREFIX.match(paragraph, pos)
        if b and byline is None and len(b.group("name").split()) <= 8:
            byline, pos = b.group("name").strip(), b.end()
            continue
        break
    return pos, date, byline


def _dateline_match(text: str, tail_credit: str | None) -> tuple[str | None, str | None, str | None, str] | None:
    """Return (place, credit, month-day text, separator) when ``text`` opens with a dateline, else None."""
    m = _DATELINE.match(text)
    if m:
        place = m.group("place").strip(" ,.")
        raw = m.group("credit")
        credit = canonical_credit(raw) if raw else None
        sep = m.group("sep").strip()
        upper = place == place.upper() and sum(c.isupper() for c in place) >= 2
        after = text[m.end():m.end() + 1]
        if _BYLINE_WORD.match(place):  # "Por Ana Lima (Reuters) · 10:30" is a byline
            ok = False
        elif sep[:1] in ("-", "–", "—"):
            # A mixed-case place is a dateline only with a known credit: "Rio de Janeiro (AFP) -", not
            # "Analysts - and investors - expect".
            ok = upper or credit is not None
        elif sep == ":":
            # "New Delhi: The government said ... (IANS)": the credit closes the paragraph or the article,
            # and a sentence starts after the colon ("Libya: plan for ..." is a headline).
            credit = credit or _tail_credit(text) or tail_credit
            ok = credit is not None and bool(after) and (after.isupper() or after.isdigit() or after in "\"“‘'")
        else:  # no dash at all: "NEW DELHI, March 20 (IANS) The government ..."
            ok = credit is not None and bool(after) and after not in "·|•/:;,"  # not "(Reuters) · 10:30"
        if ok and len(place) <= 40:
            return place, credit, m.group("md"), sep
    c = _CREDIT_ONLY.match(text)
    if c and text[c.end():c.end() + 1] not in "·|•" and (credit := canonical_credit(c.group("credit"))):
        return None, credit, None, "-"
    return None


def _standalone_credit(paragraph: str) -> str | None:
    m = _STANDALONE_CREDIT.match(paragraph)
    return canonical_credit(m.group("credit")) if m else None


def _tail_credit(paragraph: str) -> str | None:
    m = _TAIL_CREDIT.search(paragraph[-60:])
    if not m:
        return None
    return canonical_credit(m.group("paren") or m.group("dash") or m.group("bare"))


def parse_byline(line: str) -> str | None:
    m = _BYLINE.match(line.strip())
    return m.group("name").strip() if m else None


#: Publication dates outside [EARLIEST_YEAR, now + FUTURE_SLACK] are not dates of this article: a "© 1899"
#: template, a typo, a number read as a year. Two days ahead leaves room for time zones and embargoes.
EARLIEST_YEAR = 1900
FUTURE_SLACK = timedelta(days=2)
_NO_DATE, _UNREADABLE = "no date in it", "not a date that can be read"
_BARE_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?(?:e[+-]?\d+)?$", re.IGNORECASE)


def parse_date(value: str) -> str | None:
    """Return an ISO 8601 string for a plausible publication date written in ``value``, or None.

    Forms dateutil reads whole (ISO, "March 9, 2026 10:00 GMT") go through it; then dateparser (lazily
    imported), which knows month names in many languages; dateutil's fuzzy mode last. Fuzzy dateutil
    before dateparser would skip a foreign month name and read "mardi 11 août 2026" as 1 November.
    Time-zone-aware values are converted to UTC. :func:`read_date` says why a value gives None.
    """
    return read_date(value)[0]


def read_date(value: str) -> tuple[str | None, str | None]:
    """(ISO date, None) for a plausible date in ``value``; (None, why not) otherwise. A bare number is a
    date only as a compact ISO date (20240320) or Unix time in seconds or milliseconds (10 or 13 digits)."""
    text = _DATE_PREFIX.sub("", value.strip()).strip()
    if not text or len(text) > _MAX_DATE_LINE or not any(ch.isdigit() for ch in text):
        return None, _NO_DATE
    dt: datetime | None
    if _BARE_NUMBER.match(text):
        dt = _from_number(text)
        if dt is None:
            return None, f"a bare number ({text[:20]}), not a date"
    else:
        dt = _dateutil(text, fuzzy=False) or _dateparser(text) or _dateutil(text, fuzzy=True)
    if dt is None:
        return None, _UNREADABLE
    try:
        aware = dt if dt.tzinfo is not None else dt.replace(tzinfo=timezone.utc)
        if dt.year < EARLIEST_YEAR:
            return None, f"implausible date {dt.date().isoformat()} (before {EARLIEST_YEAR})"
        if aware > datetime.now(timezone.utc) + FUTURE_SLACK:
            return None, f"implausible date {dt.date().isoformat()} (in the future)"
        return iso(dt), None
    except (ValueError, OverflowError):  # a UTC offset of a day or more ("+30:00") has no time in UTC
        return None, f"{_UNREADABLE} (impossible time-zone offset)"


#: The signals of a date field left out (``Article.signals``): a value that names no date that can be read
#: ("yesterday-ish", "2026-13-45": user review, L10), or a date that was read but cannot be this article's
#: publication date (before 1900, ahead of now, a bare number other than a compact date or Unix time).
UNREADABLE_DATE = "unreadable_date"
IMPLAUSIBLE_DATE = "implausible_date"


def date_signal(problem: str | None) -> tuple[str, ...]:
    """The signal of a date :func:`read_date` refused, from its reason: ``()`` where it refused none."""
    if not problem:
        return ()
    return (UNREADABLE_DATE,) if problem.startswith((_NO_DATE, _UNREADABLE)) else (IMPLAUSIBLE_DATE,)


def _from_number(text: str) -> datetime | None:
    if len(text) == 8 and text.isdigit():
        try:
            return datetime.strptime(text, "%Y%m%d")
        except ValueError:
            return None
    if text.isdigit() and len(text) in (10, 13):
        return datetime.fromtimestamp(int(text) / (1000 if len(text) == 13 else 1), tz=timezone.utc)
    return None


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


#: The signal (``Article.signals``) of an article whose ``date`` is when its page was crawled (a WARC record's
#: WARC-Date, a dump's ``fetched``), not when it was published: the page was online then, published then or before.
CRAWL_DATE = "date_from_crawl"
_DAY = timedelta(days=1)


def crawl_dated(article: Article) -> bool:
    """Whether ``article``'s date is a crawl time (:data:`CRAWL_DATE`): the page was online then, no more."""
    return bool(article.date) and CRAWL_DATE in article.signals


def publication_day(article: Article) -> date | None:
    """The UTC day an article was published on, to read "on Thursday" or "yesterday" by;
    None without a date, or when its date is a crawl time (:data:`CRAWL_DATE`): the page was online then,
    published then or days before, so it names no day to count from."""
    if CRAWL_DATE in article.signals:
        return None
    dt = to_datetime(article.date)
    return dt.date() if dt else None


def reading_day(article: Article, other: Article) -> date | None:
    """The day to read ``article``'s "on Thursday" by, beside ``other`` (the diff's two sides): its publication
    day, else the other's (a copy's is the story's week), else its crawl day, else the other's; a crawl time only
    where neither side has a publication date (a crawl a week late names the wrong Thursday: user review)."""
    crawled = (to_datetime(x.date) for x in (article, other) if CRAWL_DATE in x.signals)
    return (publication_day(article) or publication_day(other)
            or next((dt.date() for dt in crawled if dt is not None), None))


def is_day(value: str | None) -> bool:
    """Whether an ISO value (as :func:`iso` writes them) is a date alone ("2026-11-20"), no time of day."""
    return bool(value) and len(value or "") == 10 and to_datetime(value) is not None


def publication_span(value: str | None, *, crawled: bool = False, day: bool = True,
                     ) -> tuple[datetime | None, datetime] | None:
    """(earliest, latest) UTC time of publication an article's ``date`` allows; None without a date.

    A time is an instant (both ends the same); a date alone is its whole day, 00:00 to 23:59:59.999999 UTC (a
    date is not midnight: against a time on that day it orders nothing; user review, H3a). A crawl time
    (``crawled``: the article has the :data:`CRAWL_DATE` signal) is only the latest: no earliest (None). ``day``
    False: a date alone is its 00:00 UTC, an instant (as read up to round 2)."""
    start = to_datetime(value)
    if start is None:
        return None
    end = start + _DAY - timedelta(microseconds=1) if day and is_day(value) else start
    return (None if crawled else start), end


def published_before(a: tuple[datetime | None, datetime], b: tuple[datetime | None, datetime]) -> float | None:
    """Hours that surely lie between publication spans ``a`` and ``b`` (:func:`publication_span`) when ``a``
    was published before ``b`` whatever the times within them; None when the spans do not order it (they
    overlap, or ``b`` has no earliest time: a crawl time orders only an article published after it)."""
    if b[0] is None or a[1] >= b[0]:
        return None
    return (b[0] - a[1]).total_seconds() / 3600


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
