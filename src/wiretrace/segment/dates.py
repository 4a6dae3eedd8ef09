"""Date mentions in sentences (weekdays, day-month, ISO, yesterday/today) and their resolution.

A mention keeps what was written ("wd:0" for Monday, "md:3-9" for March 9, "ymd:2026-03-09",
"rel:-1" for yesterday). ``resolve`` turns it into a calendar date against a reference date (the
article's publication date), so "on Monday" and "on March 9" compare equal when that Monday was the 9th.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from wiretrace.segment.numbers import _ANY_DIGIT as _DIGIT
from wiretrace.segment.numbers import lowers_alike


def _fold(word: str) -> str:
    """Lower case with the dotless i read as i: a case-insensitive match of "SALI" or "KASIM" lowers to
    "sali" / "kasim", not the Turkish "salı" / "kasım" the tables hold (and the Polish "sali" is a room)."""
    return word.lower().replace("\u0131", "i")


_WEEKDAYS: dict[str, int] = {}
for _i, _names in enumerate([
    "monday|segunda-feira|segundas-feiras|segunda|lunes|lundi|montag|pazartesi",
    "tuesday|terça-feira|terças-feiras|terça|martes|mardi|dienstag|salı",
    "wednesday|quarta-feira|quartas-feiras|quarta|miércoles|mercredi|mittwoch|çarşamba",
    "thursday|quinta-feira|quintas-feiras|quinta|jueves|jeudi|donnerstag|perşembe",
    "friday|sexta-feira|sextas-feiras|sexta|viernes|vendredi|freitag|cuma",
    "saturday|sábado|samedi|samstag|sonnabend|cumartesi",
    "sunday|domingo|dimanche|sonntag|pazar",
]):
    for _n in _names.split("|"):
        _WEEKDAYS[_fold(_n)] = _i

_MONTHS: dict[str, int] = {}
for _i, _names in enumerate([
    "january|jan|janeiro|enero|janvier|januar|jänner|ocak",
    "february|feb|fevereiro|febrero|février|februar|şubat",
    "march|mar|março|marzo|mars|märz|mart",
    "april|apr|abril|avril|nisan",
    "may|maio|mayo|mai|mayıs",
    "june|jun|junho|junio|juin|juni|haziran",
    "july|jul|julho|julio|juillet|juli|temmuz",
    "august|aug|agosto|août|ağustos",
    "september|sep|sept|setembro|septiembre|septembre|eylül",
    "october|oct|outubro|octubre|octobre|oktober|ekim",
    "november|nov|novembro|noviembre|novembre|kasım",
    "december|dec|dezembro|diciembre|décembre|dezember|aralık",
], start=1):
    for _n in _names.split("|"):
        _MONTHS[_fold(_n)] = _i

_RELATIVE = {_fold(k): v for k, v in {
    "yesterday": -1, "ontem": -1, "ayer": -1, "hier": -1, "gestern": -1, "dün": -1,
    "today": 0, "hoje": 0, "hoy": 0, "aujourd'hui": 0, "aujourd\u2019hui": 0, "heute": 0, "bugün": 0,
    "tomorrow": 1, "amanhã": 1, "mañana": 1, "demain": 1, "morgen": 1, "yarın": 1}.items()}

#: The months written before "de" and a range of days ("outubro de 18 a 21"): Portuguese and Spanish names in full.
_DE_MONTHS = frozenset(_fold(n) for n in """
janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro enero febrero marzo mayo
junio julio septiembre octubre noviembre diciembre""".split())  # noqa: SIM905

_MONTH_ALT = "|".join(sorted(_MONTHS, key=len, reverse=True))
_WD_ALT = "|".join(sorted(_WEEKDAYS, key=len, reverse=True))
_REL_ALT = "|".join(sorted(_RELATIVE, key=len, reverse=True))

# May (the month) vs may (the verb), "mar" (sea in pt/es), "sept" etc: month words need a day beside them.
_MONTH_DAY = re.compile(
    rf"\b(?P<m1>{_MONTH_ALT})\.?\s+(?:(?P<de>de)\s+)?(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y1>\d{{4}}))?"
    rf"|\b(?P<d2>\d{{1,2}})(?:st|nd|rd|th|er|\.?º|o|°|\.)?\s+(?:de\s+)?(?P<m2>{_MONTH_ALT})\b\.?(?:,?\s+(?:de\s+)?(?P<y2>\d{{4}}))?",
    re.IGNORECASE,
)
# A range or a pair of days of one month names each of its days: the later day after a month and a day ("Oct. 11-21",
# "November 26 and 27"), the earlier one before a day and a month ("11 a 21 de outubro", "26 e 27 de novembro"). Only
# a later day joins, and not a score ("3-2 a 4 de maio") or a decimal.
_DAY_LINK = r"(?:\s*[-\u2013\u2014]\s*|\s+(?:to|and|through|a|e|y|al|et|au|und|bis)\s+)"
_LATER_DAY = re.compile(
    rf"(?:st|nd|rd|th)?{_DAY_LINK}(?P<day>(?P<d>\d{{1,2}})(?:st|nd|rd|th)?)(?![\w\u00ba\u00b0]|[.,:]\d)")
#: A later day that counts something is no day: "on March 4 and 15 people were hurt" (a plural noun after it, in lower
#: case: English, French, Spanish, Portuguese plurals end in -s; a few that do not). Words ending in -s that are no
#: plural noun ("this", "was", "dans", "depois") leave the day a day.
_NEXT_WORD = re.compile(r"\s+([^\W\d_]+)")
_PLURALS_WITHOUT_S = frozenset({"people", "men", "women", "children", "police", "personen", "leute", "menschen",
                                "gente"})
_S_NOT_PLURAL = frozenset("""
this was has is its his hers ours yours theirs as plus thus versus whereas unless always perhaps towards afterwards
besides sometimes across dans sous sans puis mais alors après depuis vers toujours jamais moins pois depois antes
após mais menos pelos pelas seus suas nos nas dos das aos às los las unos unas sus tras pues además después
""".split())  # noqa: SIM905 - a word list reads best as text


def _counts_after(text: str, end: int) -> bool:
    """Whether the figure ending at ``end`` counts the word after it: a plural noun in lower case ("15 people",
    "27 boats", "3 pessoas"; ``_PLURALS_WITHOUT_S``), so that a figure after "March 4 and" is no later day."""
    m = _NEXT_WORD.match(text, end)
    if m is None or not m.group(1).islower():
        return False
    w = m.group(1)
    return w in _PLURALS_WITHOUT_S or (len(w) > 3 and w.endswith("s") and w not in _S_NOT_PLURAL)


_EARLIER_DAY = re.compile(
    rf"(?<![\w.,:\-\u2013\u2014])(?P<day>(?P<d>\d{{1,2}})(?:st|nd|rd|th|\.?\u00ba|o|\u00b0|\.)?){_DAY_LINK}$")
# Clock times: "6:40", "15h40", "14 h", "4 h 30", "6.40 a.m.", "3 pm", "15.40 Uhr". A dot needs am/pm or
# "Uhr" beside it ("6.40" alone is a decimal in English).
_AM = "manhã|madrugada|mañana|matin|früh|nacht"
_PM = "tarde|noite|noche|soir|soirée|après-midi|nachmittag|abend"
_DAYPART = f"(?:{_AM}|{_PM})"
_TIME = re.compile(
    r"(?<![\w.,:])(?P<h>\d{1,2})"
    r"(?:\s?h(?:\s?(?P<mh>\d{2}))?(?!\w)|:(?P<mc>\d{2})|\.(?P<md>\d{2})(?=\s*(?:[ap]\.?\s?m\b|uhr\b))"
    rf"|(?=\s*[ap]\.?\s?m\b)|(?=\s+uhr\b)|(?=\s+(?:heures?\s+)?(?:da|de\s+la|du|de|del|in\s+der)\s+{_DAYPART}))"
    r"(?:\s*(?P<ap>[ap])\.?\s?m\b\.?|\s+uhr\b"
    rf"|\s+(?:heures?\s+)?(?:da|de\s+la|du|de|del|in\s+der)\s+(?:(?P<am>{_AM})|(?P<pm>{_PM}))\b)?(?![\w:])",
    re.IGNORECASE,
)
# Noon and midnight in words, with a half or a quarter past ("minuit et demi" = "0.30 Uhr" = "00h30"). Case
# matters: French "le Midi" is the south of France.
_NOON = {"noon": 12, "midday": 12, "midnight": 0, "midi": 12, "minuit": 0, "mitternacht": 0, "meio-dia": 12,
         "meia-noite": 0, "mediodía": 12, "medianoche": 0}
_CLOCK_WORD = re.compile(
    r"(?<![\w-])(?P<w>[Nn]oon|[Mm]idday|[Mm]idnight|midi|[Mm]inuit|Mitternacht|[Mm]eio-dia|[Mm]eia-noite|"
    r"[Mm]ediodía|[Mm]edianoche)(?![\w-])(?:\s+(?:(?P<half>et\s+demie?|e\s+meia|y\s+media)|(?P<quarter>et\s+quart|"
    r"e\s+um\s+quarto|y\s+cuarto))(?!\w))?")
_CLOCK_RUNS = frozenset(_norm_word.split("-")[0] for _norm_word in _NOON)
# Portuguese weekdays are also ordinals ("uma segunda perfuratriz"): the bare form needs a day marker.
_PT_ORDINAL_WEEKDAYS = frozenset({"segunda", "terça", "quarta", "quinta", "sexta"})
_PT_DAY_MARKER = re.compile(r"\b(?:na|nesta|desta|da|até|próxima|última|esta|cada|de)\s+$", re.IGNORECASE)
_ISO = re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")
# German writes a weekday and the part of the day as one word ("Freitagabend" = "vendredi soir").
_DE_DAYPARTS = ("abend", "morgen", "nachmittag", "vormittag", "mittag", "nacht")
_WEEKDAY = re.compile(rf"\b(?P<w>{_WD_ALT})(?:s|(?:{'|'.join(_DE_DAYPARTS)})s?)?\b", re.IGNORECASE)
_REL = re.compile(rf"(?<!\w)(?P<r>{_REL_ALT})(?!\w)", re.IGNORECASE)
# "morgen" is also "morning" in German ("am Morgen"); "hier" is "here" in German and Dutch.
_AMBIGUOUS_REL = {"morgen": ("de", "nl"), "hier": ("de", "nl")}
# "Up to today" is "so far" ("bis heute", "até hoje", "hasta hoy", "jusqu'à aujourd'hui", "until today"), what
# another language says as "à ce jour" / "to date" / "bisher": no date.
_SO_FAR_BEFORE = re.compile(r"(?<!\w)(?:bis|até|hasta|jusqu['\u2019]à|until|till)\s+$", re.IGNORECASE)
# ... but a deadline keeps its day: a part of the day or a clock time after "today" ("bis heute Abend", "until today
# at noon"; after a comma only a clock time: "Bis heute, am Morgen danach" is "so far"), or a word for a deadline or
# its validity just before it, in its clause ("valid until today", "die Frist läuft bis heute").
_DEADLINE_AFTER = re.compile(
    r"\s+(?:(?:at|in the|by|um|am|à|à la|a las|por la|às|à|ao)\s+)?"
    r"(?:abend|morgen|mittag|nachmittag|vormittag|nacht|mitternacht|früh|evening|night|morning|afternoon|noon|"
    r"midnight|soir|midi|minuit|matin|après-midi|noche|tarde|mañana|mediodía|medianoche|noite|manhã|meio-dia|"
    r"meia-noite|\d{1,2}(?:[:.h]\d\d|\s*(?:uhr|h|am|pm|a\.m\.|p\.m\.)))(?!\w)"
    r"|,?\s+(?:at|um|à|a las|às|by)\s+\d{1,2}(?!\d)"
    r"|,\s+\d{1,2}(?:[:.h]\d\d|\s*(?:uhr|h|am|pm|a\.m\.|p\.m\.))(?!\w)",
    re.IGNORECASE)
_DEADLINE_BEFORE = re.compile(
    r"(?<!\w)(?:deadline|valid|extended|expires?|closes?|frist|fristen|gültig|verlängert|"
    r"délai|date limite|valable|prolongée?|expire|plazo|válid[oa]|vigente|prorrogad[oa]|prazo|prorrogad[oa])"
    r"(?!\w)", re.IGNORECASE)
# "Nowadays": "hoje em dia", "nos dias de hoje", "hoy en día", "hoy día", "en los días de hoy": no date.
_NOWADAYS_BEFORE = re.compile(r"(?<!\w)d[ií]as\s+de\s+$", re.IGNORECASE)
_NOWADAYS_AFTER = re.compile(r"\s+(?:em|en)\s+dia(?!\w)|\s+en\s+día(?!\w)|\s+día(?!\w)", re.IGNORECASE)
# Languages where "am" (no dots) is a word, not "a.m.": German "am Samstag".
_AM_IS_A_WORD = frozenset({"de"})
# Future (and future-in-the-past, "said it would ... on Thursday") points a weekday forward.
_FUTURE = re.compile(r"\b(will|would|next|'ll|shall|due|scheduled|plans? to|expected to|próxim[oa]|prochain|"
                     r"nächsten?|vai|irá|iria|va|wird|würde|sera|será|serán?)\b",
                     re.IGNORECASE)


# Cheap tests that let find_dates skip a pattern that cannot match (they only ever skip, never find):
# the day, ISO and clock patterns need a digit; a weekday or relative word is a run of word characters of
# the sentence (lower-cased as the IGNORECASE match reads case: dotless and dotted i as i, long s as s).
_RUN = re.compile(r"\w+")


def _norm(word: str) -> str:
    return word.lower().replace("i\u0307", "i").replace("\u0131", "i").replace("\u017f", "s")


def _first_runs(words: dict[str, int]) -> frozenset[str]:
    return frozenset(_norm(_RUN.findall(w)[0]) for w in words)


def _word_holds(run: str, firsts: frozenset[str], plural: bool) -> bool:
    """Whether the word run ``run`` starts a word of ``firsts`` (with a plural -s, or a German part of the day
    after it, when ``plural``)."""
    return run in firsts or (plural and ((run.endswith("s") and run[:-1] in firsts) or _daypart_compound(run, firsts)))


def _daypart_compound(run: str, firsts: frozenset[str]) -> bool:
    bare = run.removesuffix("s")
    return any(bare.endswith(p) and bare[: -len(p)] in firsts for p in _DE_DAYPARTS)


def _holding_runs(firsts: frozenset[str], plural: bool) -> frozenset[str]:
    """Every word run that ``_word_holds`` accepts: a word of ``firsts``, and with ``plural`` that word + "s",
    + a part of the day, or + a part of the day + "s" (a run it accepts is one of these; each is tested), so a
    text's runs are tested by one set intersection instead of the rule per run (issue #15)."""
    shapes = set(firsts)
    if plural:
        for f in firsts:
            shapes.add(f + "s")
            for p in _DE_DAYPARTS:
                shapes.update((f + p, f + p + "s"))
    return frozenset(r for r in shapes if _word_holds(r, firsts, plural))


_WD_RUNS = _first_runs(_WEEKDAYS)
_REL_RUNS = _first_runs(_RELATIVE)
_WD_HOLDING = _holding_runs(_WD_RUNS, plural=True)
_REL_HOLDING = _holding_runs(_REL_RUNS, plural=False)
#: The month words as a text's word runs read (``_MONTH_DAY`` matches a whole run that is one of them).
_MONTH_RUNS = frozenset(_norm(m) for m in _MONTHS)


def _may_hold(runs: set[str], firsts: frozenset[str], plural: bool) -> bool:
    """Whether some word run of the text starts a word of ``firsts`` (with a plural -s, or a German part of the
    day after it, when ``plural``). ``find_dates`` asks ``_holding_runs`` (the same answer) instead."""
    return any(_word_holds(r, firsts, plural) for r in runs)


def _runs(text: str) -> set[str]:
    """The text's word runs, lower-cased as an IGNORECASE match reads case (``_norm``). A text that
    ``lowers_alike`` is lower-cased whole, once: the same runs (no run holds the combining dot that ``_norm``
    removes, and the dotless i and the long s it replaces are letters, as their replacements are)."""
    if lowers_alike(text):
        return set(_RUN.findall(text.lower().replace("\u0131", "i").replace("\u017f", "s")))
    return {_norm(r) for r in _RUN.findall(text)}


#: Every word run that lets ``find_dates`` run a word pattern: a month, a weekday (with its plural and German
#: parts of the day), a relative day, a clock word.
_DATE_RUNS = _MONTH_RUNS | _WD_HOLDING | _REL_HOLDING | _CLOCK_RUNS


#: The marks that join a ``segment.WORD`` token's runs of letters ("aujourd'hui", "so-called"), read as cuts.
_JOINERS = str.maketrans({"'": "\x1f", "\u2019": "\x1f", "-": "\x1f"})


def holds_date_words(tokens: str) -> bool:
    """False only where a sentence that ``lowers_alike``, whose ``segment.WORD`` tokens lower-cased and joined by
    "\\x1f" are ``tokens``, holds no word run that ``find_dates`` looks for (``_DATE_RUNS``): each of those is
    letters only, and a run of letters of a sentence is one of its tokens or a part of one between joiners (so
    ``find_dates``' ``date_words`` is known from the tokens the segmenter reads anyway, issue #15)."""
    return not _DATE_RUNS.isdisjoint(
        tokens.replace("\u0131", "i").replace("\u017f", "s").translate(_JOINERS).split("\x1f"))


def find_dates(text: str, language: str | None, *, date_words: bool | None = None,
               digits: bool | None = None) -> list[tuple[int, int, str]]:
    """Return (start, end, key) for every date mention in ``text``. ``date_words``: False when the caller knows
    that no word run of ``text`` is one that ``find_dates`` looks for (``holds_date_words``: most sentences), so
    its word runs are not read (issue #15); ``digits``: whether ``text`` holds a ``\\d``, when the caller knows."""
    found: list[tuple[int, int, str]] = []
    if digits is None:
        digits = _DIGIT.search(text) is not None
    if date_words is False:
        if digits:
            _digit_dates(text, found, language, months=False)
        found.sort()
        return found
    runs = _runs(text)
    if digits:
        _digit_dates(text, found, language, months=not _MONTH_RUNS.isdisjoint(runs))
    if not _WD_HOLDING.isdisjoint(runs):
        _weekdays(text, found)
    if not _REL_HOLDING.isdisjoint(runs):
        _relative(text, language, found)
    if runs & _CLOCK_RUNS:
        _clock_words(text, found)
    found.sort()
    return found


def _digit_dates(text: str, found: list[tuple[int, int, str]], language: str | None = None, *,
                 months: bool = True) -> None:
    """The ISO dates, days with a month and clock times of ``text``; ``months``: False when no word run of the
    text is a month word (``_MONTH_RUNS``), so ``_MONTH_DAY`` cannot match and is not run (issue #15)."""
    for m in _ISO.finditer(text):
        found.append((m.start(), m.end(), f"ymd:{m['y']}-{m['m']}-{m['d']}"))
    days: list[tuple[int, int, str]] = []  # the other days of ranges and pairs
    for m in _MONTH_DAY.finditer(text) if months else ():
        month_word = _fold(m["m1"] or m["m2"])
        day = int(m["d1"] or m["d2"])
        year = m["y1"] or m["y2"]
        if not 1 <= day <= 31 or month_word not in _MONTHS:
            continue
        if month_word == "may" and not year and (m["m1"] or m["m2"])[0].islower():
            continue  # "may 5 ..." or "aged 12-18 may be" in lower case is the verb
        month = _MONTHS[month_word]
        other = (_LATER_DAY.match(text, m.end("d1")) if m["d1"] else
                 _EARLIER_DAY.search(text, max(0, m.start() - 16), m.start()))
        if other and m["d1"] and _counts_after(text, other.end("day")):
            other = None  # "March 4 and 15 people": a count, no later day
        if m["de"] and (other is None or year or month_word not in _DE_MONTHS):
            continue  # "outubro de 18 a 21" is a range of October; "março de 20" alone, "mar de 2 a 3" (sea) no date
        found.append((m.start(), m.end(), _day_key(year, month, day)))
        if other and (int(other["d"]) > day if m["d1"] else 1 <= int(other["d"]) < day):
            days.append((other.start("d"), other.end("day"), _day_key(year, month, int(other["d"]))))
    found.extend(d for d in days if not _overlaps(found, d[0], d[1]))
    for m in _TIME.finditer(text):
        hour, minute = int(m["h"]), int(m["mh"] or m["mc"] or m["md"] or 0)
        if m["ap"] and language in _AM_IS_A_WORD and m.group().rstrip()[-2:].lower() == "am":
            continue  # German "am" is "on the": "wegen Covid-19 am Samstag"
        if m["ap"]:
            hour = hour % 12 + (12 if m["ap"].lower() == "p" else 0)
        elif m["pm"] and hour < 12:  # "3 da tarde", "8 heures du soir"
            hour += 12
        if hour < 24 and minute < 60 and not _overlaps(found, m.start(), m.end()):
            found.append((m.start(), m.end(), f"t:{hour:02d}:{minute:02d}"))


def _day_key(year: str | None, month: int, day: int) -> str:
    return f"ymd:{year}-{month:02d}-{day:02d}" if year else f"md:{month}-{day}"


def _clock_words(text: str, found: list[tuple[int, int, str]]) -> None:
    """Noon and midnight said in words ("at noon", "vers minuit et demi", "um Mitternacht") as clock times."""
    for m in _CLOCK_WORD.finditer(text):
        minute = 30 if m["half"] else 15 if m["quarter"] else 0
        if not _overlaps(found, m.start(), m.end()):
            found.append((m.start(), m.end(), f"t:{_NOON[m['w'].lower()]:02d}:{minute:02d}"))


def _weekdays(text: str, found: list[tuple[int, int, str]]) -> None:
    future = bool(_FUTURE.search(text))
    for m in _WEEKDAY.finditer(text):
        word = _fold(m["w"])
        if word not in _WEEKDAYS:
            continue
        if word in _PT_ORDINAL_WEEKDAYS and not _PT_DAY_MARKER.search(text, 0, m.start()):
            continue
        if not _overlaps(found, m.start(), m.end()):
            suffix = "+" if future else ""
            found.append((m.start(), m.end(), f"wd:{_WEEKDAYS[word]}{suffix}"))


def _relative(text: str, language: str | None, found: list[tuple[int, int, str]]) -> None:
    for m in _REL.finditer(text):
        word = _fold(m["r"])
        if word not in _RELATIVE or language in _AMBIGUOUS_REL.get(word, ()):
            continue
        if (_RELATIVE[word] == 0 and _SO_FAR_BEFORE.search(text, max(0, m.start() - 12), m.start())
                and not _DEADLINE_AFTER.match(text, m.end())
                and not _DEADLINE_BEFORE.search(text, max(0, m.start() - 25), m.start())):
            continue  # "bis heute", "até hoje", "until today": so far, no date
        if word in ("hoje", "hoy") and (_NOWADAYS_BEFORE.search(text, max(0, m.start() - 12), m.start())
                                        or _NOWADAYS_AFTER.match(text, m.end())):
            continue  # "hoje em dia", "nos dias de hoje": nowadays
        found.append((m.start(), m.end(), f"rel:{_RELATIVE[word]}"))


def resolve(key: str, reference: date | None) -> str:
    """The calendar date a mention names, as ISO text, or the key itself when it cannot be resolved."""
    kind, _, value = key.partition(":")
    if kind == "ymd":
        return value
    if reference is None:
        return key
    if kind == "md":
        month, day = (int(x) for x in value.split("-"))
        try:
            return date(reference.year, month, day).isoformat()
        except ValueError:
            return key
    if kind == "rel":
        return (reference + timedelta(days=int(value))).isoformat()
    if kind == "wd":
        future = value.endswith("+")
        wd = int(value.rstrip("+"))
        delta = (wd - reference.weekday()) % 7
        if future:
            return (reference + timedelta(days=delta)).isoformat()
        # News speaks of the past week: the latest such weekday on or before the reference date.
        return (reference - timedelta(days=(reference.weekday() - wd) % 7)).isoformat()
    return key


def _overlaps(found: list[tuple[int, int, str]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e, _ in found)
