"""Figures compared by value: a figure said otherwise ("a dozen", "twice", "this year", "1.500" read both ways), a
round number, a decade, an ordinal, a season, the digits compared where only digits can be read across languages,
and the span a figure is reported with.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import date
from itertools import pairwise

from wiretrace.diff.qualifiers import _qualifier_before
from wiretrace.diff.text import _sentence_start
from wiretrace.records import Doc, Mention
from wiretrace.segment import WORD
from wiretrace.segment.numbers import (
    NumberWords,
    _unit_names,
    find_figures,
    named_figures,
    ordinal_value,
    roman_value,
    value_key,
)


def _currencies(units: frozenset[str]) -> frozenset[str]:
    """The currency codes among the units ``units_of`` reads ("USD", "EUR"; unit ids are lower-case)."""
    return frozenset(u for u in units if len(u) == 3 and u.isupper())


_CURRENCY_SIGN = re.compile(r"(?:[$€£¥₩₹]|R\$|US\$|A\$|C\$)\s?$")


def _figure_span(text: str, m: Mention) -> tuple[int, int]:
    """The span of a figure added or dropped whole, with the currency sign and the qualifier written before
    it ("about $40 million", not "40 million"): the figure as the text states it, bound and all."""
    start = m.start
    sign = _CURRENCY_SIGN.search(text, max(0, start - 4), start)
    if sign is not None:
        start = sign.start()
    q = _qualifier_before(text, start)
    return (q[0] if q else start), m.end


#: The seasons, as dates, by language. ``_season_in`` reads English "fall" as autumn wherever it is one word of a
#: replaced stretch of at most three words that names one season ("fall" -> "spring"), the verb too ("may fall
#: this spring" -> "may spring back this fall", a real change either way).
_SEASONS: dict[str, dict[str, str]] = {
    "en": {**dict.fromkeys(("spring", "springtime"), "spring"), **dict.fromkeys(("summer", "summertime"), "summer"),
           **dict.fromkeys(("autumn", "fall"), "autumn"), **dict.fromkeys(("winter", "wintertime"), "winter")},
    "de": {"frühling": "spring", "frühjahr": "spring", "sommer": "summer", "herbst": "autumn", "winter": "winter"},
    "fr": {"printemps": "spring", "été": "summer", "automne": "autumn", "hiver": "winter"},
    "es": {"primavera": "spring", "verano": "summer", "otoño": "autumn", "invierno": "winter"},
    "pt": {"primavera": "spring", "verão": "summer", "outono": "autumn", "inverno": "winter"},
}


def _value_in(part: list[tuple[str, int, int]], figures: list[Mention], language: str | None
              ) -> tuple[str, tuple[int, int], Mention | None] | None:
    """The one value a replaced stretch of words says, as (key, span, its figure mention or None): a figure mention
    that overlaps the stretch, or else an ordinal word ("second", ``ordinal_value``); None when it says none or
    several."""
    lo, hi = part[0][1], part[-1][2]
    hit = [m for m in figures if m.start < hi and lo < m.end]
    if len(hit) == 1:
        return hit[0].key, (min(lo, hit[0].start), max(hi, hit[0].end)), hit[0]
    if hit:
        return None
    values = [(v, (a, b)) for w, a, b in part if (v := ordinal_value(w, language)) is not None]
    return (value_key(values[0][0]), values[0][1], None) if len(values) == 1 else None


def _ordinal_in(part: list[tuple[str, int, int]], language: str | None) -> bool:
    """Whether a replaced stretch of words is one ordinal ("second", "3rd", ``ordinal_value``)."""
    return len(part) == 1 and ordinal_value(part[0][0], language) is not None


def _season_in(part: list[tuple[str, int, int]], language: str | None, text: str
               ) -> tuple[str, tuple[int, int], None] | None:
    """The one season a replaced stretch of words names, as (season, span, None); None for none or several. A
    season word capitalised inside a sentence is a name ("the Arab Spring", "Anna Winter"), no date, save in German,
    which capitalises every noun: read as "name:<word>", which the caller compares as a name."""
    names = _SEASONS.get(language or "en", {})
    seasons = [(names[w] if language == "de" or not text[a].isupper() or _sentence_start(text, a) else f"name:{w}",
                (a, b)) for w, a, b in part if w in names]
    return (seasons[0][0], seasons[0][1], None) if len(seasons) == 1 else None


#: Kinds of figure whose value means nothing without its unit (numbers.unit_of): a share, a sum of money.
_STRONG_UNITS = frozenset({"percent", "money"})

#: "both" in the languages numbers.py reads it in: a count of two only when matched against one.
_BOTH = frozenset({"both", "ambos", "ambas", "beide", "beiden", "beider"})


#: Languages whose figures in words and whose dates segment reads (numbers.py, dates.py).
FACT_LANGUAGES = frozenset({"en", "pt", "es", "fr", "de"})
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")


def _fact_language(language: str | None) -> bool:
    return language is None or language in FACT_LANGUAGES


def _digit_values(text: str) -> set[str]:
    """Every run of digits in ``text`` as the key a number mention would have (thousands separators
    dropped, decimals kept), whatever mention it sits in."""
    out = set()
    for m in _DIGITS.finditer(text):
        raw = m.group(0)
        out.add(raw.replace(",", "").replace(".", ""))
        if raw.count(".") == 1 or raw.count(",") == 1:  # 2.5 / 2,5: a decimal, either way
            out.add(str(float(raw.replace(",", "."))).removesuffix(".0"))
        for part in re.split(r"[.,]", raw):
            # int() refuses over 4,300 digits (sys.get_int_max_str_digits()): such a run is kept as written
            out.add(str(int(part)) if len(part) <= 4000 else part)
    return out


#: After a figure's digits: the month or day of a Chinese or Japanese date ("12月", "24 日"; not "日元" yen, not
#: "日間" a number of days).
_CJK_DATE_PART = re.compile(r"[ \u00a0]?(?:月|日(?![元間间本]))")
_CLOCK = re.compile(r"t:(\d\d):(\d\d)$")


def _digit_figure(text: str, m: Mention) -> bool:
    """A figure written in digits that is no part of a Chinese or Japanese date."""
    return any(ch.isdigit() for ch in m.text) and not _CJK_DATE_PART.match(text, m.end)


def _clock_values(date_keys: set[str]) -> set[str]:
    """The clock times among date keys as the figures another language writes for them: "19 Uhr"
    (t:19:00) is "19 heures" (19), "21.30 Uhr" is "21h30" or "21.30" (21.3)."""
    out = set()
    for k in date_keys:
        m = _CLOCK.match(k)
        if m:
            hour, minute = int(m.group(1)), int(m.group(2))
            out.add(str(hour) if minute == 0 else value_key(hour + minute / 100))
    return out


#: Words a 1 may be said with, before the counted thing: an article or "one" ("a week", "une fois").
_ONE_WORDS = frozenset("a an one single un une ein eine einen einem einer eines um uma uno una".split())  # noqa: SIM905
#: "Once" in one word ("once a week", "einmal"): one time.
_ONCE = frozenset({"once", "einmal"})
#: What a 1 counts, in the words (and, for Chinese and Japanese, the characters) each language has for it: a
#: 1 said as "a" or "one" counts the same thing ("1 Mal pro Woche" = "une fois par semaine").
_COUNTED = {w: k for k, words in {
    "time": "time times fois mal vez veces vezes 度 次 回",
    "day": "day jour journée tag día dia 日 天",
    "week": "week semaine woche semana 週 周 星期",
    "month": "month mois monat mes mês 月",
    "year": "year an année jahr año ano 年",
    "hour": "hour heure stunde hora 時間 小时 小時",
    "person": "person personne mensch persona pessoa 人 名",
}.items() for w in words.split()}
_CJK_COUNTED = sorted((w for w in _COUNTED if all(ch >= "\u3000" for ch in w)), key=len, reverse=True)
_CJK_COUNTED_AFTER = re.compile(r"\s?(?:个|個)?(" + "|".join(_CJK_COUNTED) + ")")
#: A year said relative to the article's ("this year", "今年"), as years from the article's year.
_RELATIVE_YEAR = re.compile(
    r"(?P<p0>今年|本年|\bthis year\b|\bcette année\b|\b(?:dieses|diesem) jahr|\beste año\b|\b(?:este|neste) ano\b"
    r"|\bв (?:этом|текущем) году|\b(?:этого|текущего) года)"
    r"|(?P<m1>去年|昨年|\b(?:last|previous) year\b|\bl['\u2019]an (?:dernier|passé)\b"
    r"|\bl['\u2019]année (?:dernière|passée)|\b(?:letzten|letztes|vergangenen|vorigen|voriges) jahr"
    r"|\bel año pasado\b|\bo ano passado\b|\bв (?:прошлом|минувшем) году|\bпрошлого года)"
    r"|(?P<p1>明年|来年|\bnext year\b|\bl['\u2019]an prochain\b|\bl['\u2019]année prochaine"
    r"|\b(?:nächsten|nächstes|kommenden) jahr|\bel (?:próximo año|año que viene)\b|\bo próximo ano\b"
    r"|\bв следующем году)", re.IGNORECASE)
_YEAR_OFFSET = {"p0": 0, "m1": -1, "p1": 1}
_ROMAN_WORD = re.compile(r"(?<![^\W\d_])[IVXLC]{2,7}(?![^\W\d_])")
_WORD_BEFORE = re.compile(r"([^\W\d_][\w'\u2019-]*)[\s,]*$")
_WORD_AFTER = re.compile(r"[\s,]*([^\W\d_][\w'\u2019-]*)")
#: "сутки" (a day and night, 24 hours), with the count before it in words ("двое суток", 48 hours) or digits.
_DAYS_24 = re.compile(r"(?:(?P<n>\d+|одни|двое|трое|четверо|пятеро|шестеро|семеро|полтора)\s+)?(?<!\w)"
                      r"(?:сутки|суток|сутками)(?!\w)", re.IGNORECASE)
_DAYS_COUNT = {"одни": 1.0, "двое": 2.0, "трое": 3.0, "четверо": 4.0, "пятеро": 5.0, "шестеро": 6.0, "семеро": 7.0,
               "полтора": 1.5}


#: A figure that counts digits ("sechsstellig", "six-figure", "à six chiffres"): a magnitude, not a value;
#: "figures" and "chiffres" count digits only of a sum ("lost 5 figures" may be five people).
_DIGIT_COUNT_AFTER = re.compile(r"[-\s](?:(?P<d>digits?|dígitos|algarismos)|figures?|chiffres|cifras)\b",
                                re.IGNORECASE)
_SUM_NEAR = re.compile(r"[$€£¥]|\b(?:sums?|salar(?:y|ies)|amounts?|pay(?:out|off)?s?|fees?|deals?|prices?|"
                       r"euros?|dollars?|pounds?|francs?|yen|somme|salaire|montant|prix|indemnité|suma|salario|"
                       r"cantidad|soma|salário|quantia|valor|betrag|summe|gehalt|preis)\b", re.IGNORECASE)
#: Magnitudes said vaguely, in the plural, as the digits they count: "hundreds of thousands" (6),
#: "plusieurs milliers" (4), "Tausende" (4).
_VAGUE_MAGNITUDES = (
    (6, re.compile(r"\b(?:hundreds of thousands|centaines de milliers|hunderttausende\w*|centenas de milhares|"
                   r"centenares de miles|cientos de miles)\b", re.IGNORECASE)),
    (5, re.compile(r"\b(?:tens of thousands|dizaines de milliers|zehntausende\w*|dezenas de milhares|"
                   r"decenas de miles)\b", re.IGNORECASE)),
    (7, re.compile(r"(?<![\d\s]\s)(?<!\d)\b(?:millions of|millions d|millionen|milhões de|millones de)\b",
                   re.IGNORECASE)),
    (4, re.compile(r"\b(?:thousands|milliers|tausende\w*|milhares|miles de)\b", re.IGNORECASE)),
    (3, re.compile(r"\b(?:hundreds|centaines|hunderte\w*|centenas|centenares|cientos)\b", re.IGNORECASE)),
)


def _not_said_otherwise(mentions: list[Mention], text: str, other: str, ref: date | None,
                        other_language: str | None = None, *, undated: bool = False) -> list[Mention]:
    """The figures of ``text`` (that ``other``, a passage in another language dated ``ref``, lacks) that
    ``other`` does not say in a way no figure reads either: a 1 (``_ones_said``), a year relative to the
    article's (with ``undated``, any year where no date is known), a Roman numeral or "сутки"
    (``_said_in_words``), a count of digits as a vague magnitude of as many digits, an ordinal word of
    ``other_language`` from 2 on for the figure in digits ("второго типа" = "type 2", ``_ordinals_said``). Each
    phrase of ``other`` stands for one figure."""
    words, years, ones = _said_in_words(other, ref), _years_said(other, ref), _ones_said(other)
    ones[_ANY_ONE] += _one_units_said(other, other_language)
    words += _multiples_said(other) + _ordinals_said(other, other_language)
    any_years = len(_RELATIVE_YEAR.findall(other)) if ref is None and undated else 0  # undated "this year"
    out = []
    for m in mentions:
        counted = _counted_after(text, m.end) if m.key == "1" and any(ch.isdigit() for ch in m.text) else None
        year = re.fullmatch(r"(?:19|20)\d\d", m.text.strip()) is not None
        if words[m.key] > 0:
            words[m.key] -= 1
        elif years[m.key] > 0 and year:
            years[m.key] -= 1
        elif any_years > 0 and year:
            any_years -= 1
        elif counted is not None and ones[counted] > 0:
            ones[counted] -= 1
        elif m.key == "1" and ones[_ANY_ONE] > 0:
            ones[_ANY_ONE] -= 1
        elif not _magnitude_said(m, text, other) and not _days_said(m, text, other):
            out.append(m)
    return out


#: Verbs that multiply or divide by a figure they hold (en, fr, de, es, pt): "geviertelt" = "divisé par quatre",
#: "verdoppelt" = "doubled". Word starts, with the figure they say.
_MULTIPLYING = (
    (2, ("halbier", "verdoppel", "halved", "halving", "doubled", "doubling", "doubler", "doublé", "doublement",
         "duplic")),
    (3, ("gedrittelt", "drittel", "verdreifach", "tripled", "tripling", "tripler", "triplé", "triplement", "triplic")),
    (4, ("geviertelt", "vierteln", "vervierfach", "quartered", "quadrupl", "cuadrupl")),
    (10, ("verzehnfach", "tenfold", "décupl", "decupl")),
)


def _multiples_said(text: str) -> Counter[str]:
    """The figures ``text`` says with a verb that multiplies or divides by them (``_MULTIPLYING``), one per verb."""
    out: Counter[str] = Counter()
    for w in WORD.findall(text.casefold()):
        n = next((n for n, starts in _MULTIPLYING if w.startswith(starts)), None)
        if n is not None:
            out[str(n)] += 1
    return out


def _counted_after(text: str, end: int) -> str | None:
    """What the figure ending at ``end`` counts, as a key of ``_COUNTED`` ("1 Mal" -> "time", "1週間" -> "week"),
    or None."""
    rest = text[end:end + 12]
    cjk = _CJK_COUNTED_AFTER.match(rest)
    if cjk:
        return _COUNTED[cjk.group(1)]
    w = _WORD_AFTER.match(rest)
    return _COUNTED.get(w.group(1).casefold()) if w and w.start(1) <= 2 else None


def _ones_said(text: str) -> Counter[str]:
    """What ``text`` counts one of with a word for one that is no figure: "once" / "einmal" (one time), an
    article or "one" directly before a counted word ("une fois", "a week"), "一" before a counter ("一次")."""
    out: Counter[str] = Counter()
    words = [w.casefold() for w in WORD.findall(text)]
    out["time"] += sum(1 for w in words if w in _ONCE)
    for a, b in pairwise(words):
        if a in _ONE_WORDS and b in _COUNTED:
            out[_COUNTED[b]] += 1
    # 一 before a word of ``_COUNTED`` counts that thing ("一次" one time; not "第一", first); before any other
    # counter ("一つ", "一枚", "一カ月", "一份") Chinese and Japanese count one of anything: such a 一 stands for a 1
    # of any counted thing, once, not in words where 一 before a counter is no count ("之一" one of, "进一步" further)
    for m in _ONE_COUNTER.finditer(text):
        before, counted = text[max(0, m.start() - 1):m.start()], _COUNTED.get(m["c"])
        if counted is not None and before != "第":
            out[counted] += 1
        elif counted is None and before not in _NOT_A_COUNT_BEFORE:
            out[_ANY_ONE] += 1
    return out


def _one_units_said(text: str, language: str | None) -> int:
    """How many units or currencies ``text`` counts one of with an article or "one" before the unit's name ("a gallon",
    "a tablespoon", "une livre", "ein Liter"; ``numbers.units_of``'s names of ``language``): each stands for a 1 of any
    thing, once, as another language writes it in digits ("1ガロン", "テーブルスプーン1杯")."""
    if language not in FACT_LANGUAGES:
        return 0
    names = _unit_names(language)
    words = [w.casefold() for w in WORD.findall(text)]
    return sum(1 for a, b in pairwise(words) if a in _ONE_WORDS and b in names)


#: The key of a 1 said with 一 before a counter no list of ours holds (``_ones_said``): a 1 of any thing.
_ANY_ONE = "*"
#: 一 before a Chinese or Japanese counter (``c``): a word of ``_COUNTED`` or one of a closed list of counters (一
#: elsewhere is a word: 一起 together, 一般 usual, 一半 half, 一百 a hundred); longest first, one pattern for both.
_COUNTERS = frozenset({*_CJK_COUNTED, *"""
    カ月 ヶ月 か月 ケ月 箇月 つ 枚 本 台 件 名 人 回 度 次 杯 匹 頭 头 羽 冊 册 基 隻 只 份 位 项 項 条
    條 张 張 家 座 场 場 辆 輛 架 艘 週 周 年 日 天 比 点 點 轮 輪 届 批 种 種 棟 軒 戸 着 足 組 组 对
    對 双 雙 把 片 颗 顆 粒 株 枝 支 根 笔 筆 间 間 所 层 層 级 級 步 歩 秒""".split()})  # noqa: SIM905
_ONE_COUNTER = re.compile("一(?:个|個)?(?P<c>" + "|".join(sorted(_COUNTERS, key=lambda w: (-len(w), w))) + ")")
#: What before 一 makes it no count: "第一" first, "之一" one of, "进一步" further, "唯一" only, "统一" unified.
_NOT_A_COUNT_BEFORE = frozenset("第之进進唯统統万")


#: A word for "about" that opens a conversion in brackets ("(about 3.8 litres)", "（約3.8リットル）").
_ABOUT_BEFORE = re.compile(
    r"(?:(?<![^\W\d_])(?:about|around|approx\.|approximately|roughly|some|nearly|almost|ca\.|circa|environ|près de|"
    r"etwa|rund|ungefähr|cerca de|aproximadamente|unos|unas|alrededor de|около|примерно|почти)|約|约|大约|大約)$",
    re.IGNORECASE)


def _ordinals_said(text: str, language: str | None) -> Counter[str]:
    """The figures ``text`` says as ordinal words of ``language`` (``numbers.ordinal_value``: "second", "второго"),
    one per word, from 2 on ("first" is too many other things: "for the first time")."""
    out: Counter[str] = Counter()
    if language is None:
        return out
    for w in WORD.findall(text):
        v = ordinal_value(w, language, ambiguous=True)  # "quarto": a room, or "fourth"
        if v is not None and v >= 2 and not any(ch.isdigit() for ch in w):
            out[value_key(v)] += 1
    return out


def _years_said(text: str, ref: date | None) -> Counter[str]:
    """The years ``text`` says relative to the article's date ``ref`` ("this year", "l'an dernier", "今年"),
    one per phrase; none without a date."""
    if ref is None:
        return Counter()
    return Counter(str(ref.year + _YEAR_OFFSET[m.lastgroup or "p0"]) for m in _RELATIVE_YEAR.finditer(text))


def _said_in_words(text: str, ref: date | None = None) -> Counter[str]:
    """Figures ``text`` says with no digits or number words, as keys, one per phrase: a Roman numeral of two
    letters or more ("the starting XV" 15; a single "I" or "C" may be a letter) that is not part of a name
    ("Louis XIV", "World War II": after a capitalised word) or of a run of capitals ("LIV GOLF", "the CV"),
    and "сутки" (24 hours; "двое суток" 48)."""
    out: Counter[str] = Counter()
    for m in _ROMAN_WORD.finditer(text):
        before, after = _WORD_BEFORE.search(text, 0, m.start()), _WORD_AFTER.match(text, m.end())
        if before and (before.group(1)[0].isupper() or before.group(1).isupper()):
            continue
        if after and len(after.group(1)) > 1 and after.group(1).isupper():
            continue
        if (v := roman_value(m.group())) is not None:
            out[value_key(v)] += 1
    for m in _DAYS_24.finditer(text):
        n = m["n"]
        count = float(n) if n and n.isdigit() else _DAYS_COUNT.get((n or "одни").casefold(), 1.0)
        out[value_key(24 * count)] += 1
    return out


def _days_said(m: Mention, text: str, other: str) -> bool:
    """Whether ``m`` counts "сутки" in ``text`` ("3 суток") and ``other`` has as many hours in digits (72)."""
    if not re.match(r"\s+(?:сутки|суток|сутками)(?!\w)", text[m.end:m.end + 12], re.IGNORECASE):
        return False
    try:
        return value_key(24 * float(m.key)) in _digit_values(other)
    except ValueError:
        return False


def _magnitude_said(m: Mention, text: str, other: str) -> bool:
    """Whether ``m`` counts the digits of a sum ("sechsstellig", "a six-figure sum", "six-digit") and ``other``
    says a vague magnitude of as many digits ("centaines de milliers": 6)."""
    after = _DIGIT_COUNT_AFTER.match(text, m.end)
    digits_counted = "stellig" in m.text.casefold() or bool(after and after["d"]) or bool(
        after and _SUM_NEAR.search(text, max(0, m.start - 40), min(len(text), after.end() + 40)))
    if not digits_counted:
        return False
    try:
        digits = int(float(m.key))
    except ValueError:
        return False
    said = next((n for n, rx in _VAGUE_MAGNITUDES if rx.search(other)), None)
    return said == digits


_NUMBER_WORDS: dict[str, NumberWords] = {}


def _number_words(lang: str) -> NumberWords:
    """The number words of ``lang``, built once a process."""
    if lang not in _NUMBER_WORDS:
        _NUMBER_WORDS[lang] = NumberWords.build(lang)
    return _NUMBER_WORDS[lang]


def _title_figures(title: str, language: str | None) -> set[str]:
    """The figures of an article's title, as the keys of number mentions (and of its digit runs)."""
    lang = language or "en"
    return {key for _s, _e, key in find_figures(title, lang, _number_words(lang))} | _digit_values(title)


def _named_values(doc: Doc) -> set[str]:
    """The figures of ``doc`` that name a thing and are read as no figure (``numbers.named_figures``: "the Group of
    Seven", "七国集团", "type II diabetes"), as value keys: what another text's figure may match ("the seven
    members", "type 2"), never a figure reported on their own, so that a name one side reads as a figure and the
    other does not ("group of seven" in lower case, "at that stage I") adds no item."""
    lang = (doc.article.language or "en").lower()
    words = _number_words(lang)
    return {key for s in doc.sentences for key in named_figures(s.text, lang, words)}


#: Round numbers in words: an approximation, which another language may round to its own ("une dizaine" =
#: "ein Dutzend" = "about ten"); numbers.py reads them as 10, 12, ...
_ROUND_WORDS = frozenset({"dizaine", "douzaine", "quinzaine", "vingtaine", "trentaine", "cinquantaine", "soixantaine",
                          "centaine", "millier", "dezena", "dúzia", "centena", "decena", "docena", "veintena",
                          "centenar", "dutzend", "dozen"})


def _rounded(ms: Mention, mc: Mention, tolerance: float = 0.25) -> bool:
    """Whether one of two figures is a round number in words and the other is within ``tolerance`` of it."""
    if not ({w.casefold() for w in WORD.findall(ms.text + " " + mc.text)} & _ROUND_WORDS):
        return False
    try:
        a, b = float(ms.key), float(mc.key)
    except ValueError:
        return False
    return abs(a - b) <= tolerance * max(a, b)


#: A decade written with two digits: the digits' ending ("90er", "90e") or the word before them ("années 90").
_DECADE_ENDING = re.compile(r"\d0(?:er|e)$")
_DECADE_BEFORE = re.compile(r"(?:années|anos|años|jahre|decade of the|década de)\s+$", re.IGNORECASE)


#: A decade in digits with an ending no figure is read with: "the 1990s", "the '90s", "in den 90ern".
_DECADE_SAID = re.compile(r"(?<![\w.,])['\u2019]?(\d0|\d{3}0)(?:s|ern)\b")


def _decades_said(text: str) -> set[str]:
    """The years ``text`` says as a decade that numbers.py reads no figure in ("the 1990s" 1990 and 90, "the '90s"
    90 and 1990, "in den 90ern"), for the other side's "anos 1990", "década de 1990", "the 1990", "90-х"."""
    out: set[str] = set()
    for m in _DECADE_SAID.finditer(text):
        d = m.group(1)
        out |= {d, d[2:]} if len(d) == 4 else {d, "19" + d}
    return out


def _decade(a_text: str, ma: Mention, b_text: str, mb: Mention) -> bool:
    """Whether two figures name one decade, one with two digits and one with four ("Anfang der 90er-Jahre" /
    "au début des années 1990"): the two-digit one is a multiple of ten written as a decade, the other its
    year in the 1900s or 2000s."""
    for (text, short), long_ in (((a_text, ma), mb), ((b_text, mb), ma)):
        if not (short.key.isdigit() and long_.key.isdigit() and len(short.key) == 2 and short.key.endswith("0")):
            continue
        if long_.key not in (f"19{short.key}", f"20{short.key}"):
            continue
        if _DECADE_ENDING.search(short.text) or _DECADE_BEFORE.search(text, max(0, short.start - 20), short.start):
            return True
    return False


#: The words for first and second (en, fr, de, es, pt, all forms), which numbers.py does not read as figures.
_FIRST = frozenset("""
first premier première premiers premières erste erster erstes ersten erstem primero primera primeros primeras
primer primeiro primeira primeiros primeiras
""".split())  # noqa: SIM905 - a word list reads best as text
_SECOND = frozenset("""
second seconde seconds secondes deuxième deuxièmes zweite zweiter zweites zweiten zweitem segundo segunda segundos
segundas
""".split())  # noqa: SIM905
_ORDINAL_DIGITS = re.compile(r"\d+(?:st|nd|rd|th|er|re|e|ème|è|º|ª|a|o)$")
#: After digits, a rank or an ordinal of a language with no ordinal ending on the digits: Japanese and Chinese "1位"
#: (first place), "1番目", Russian "1-е", "1-й", "1-го" (first).
_ORDINAL_AFTER = re.compile(r"\s?(?:位|番目|等奖)|-(?:[ыои]?й|[оа]?е|[оа]?я|[оа]?го|[оа]?му|ом|ой|ую)(?!\w)")


def _first_second(text: str, other: str, mentions: list[Mention]) -> set[str]:
    """The keys "1" / "2" where ``text`` writes "first" / "second" as a word and one of the other side's
    ``mentions`` (read in ``other``) is that value as a digit ordinal ("1re", "2nd", German "1.", a rank "1位",
    "第1", Russian "1-е"; ``_ORDINAL_AFTER``): so the ordinal is kept across the two ways of writing it."""
    ordinals = {m.key for m in mentions if m.key in ("1", "2")
                and (_ORDINAL_DIGITS.match(m.text) or other[m.end:m.end + 1] == "."
                     or _ORDINAL_AFTER.match(other, m.end) or other[max(0, m.start - 1):m.start] == "第")}
    if not ordinals:
        return set()
    words = {w.casefold() for w in WORD.findall(text)}
    return ({"1"} if "1" in ordinals and words & _FIRST else set()) | (
        {"2"} if "2" in ordinals and words & _SECOND else set())


_ONE_SEPARATOR = re.compile(r"(\d{1,3})[.,](\d{3})")


def _other_reading(m: Mention) -> str | None:
    """The other value of digits with one separator before three digits, which languages read two ways:
    "3.000" and "3,000" are 3000 in one language and 3 (a decimal) in another, and a round trip through another
    language can keep that language's separator ("3,500" -> "3.500" in an English copy). None for any other
    figure."""
    d = _ONE_SEPARATOR.fullmatch(m.text.strip())
    if d is None:
        return None
    readings = {value_key(float(d.group(1) + d.group(2))), value_key(float(f"{d.group(1)}.{d.group(2)}"))}
    readings.discard(m.key)
    return readings.pop() if len(readings) == 1 else None


#: Languages that write a decimal point (the rest of FACT_LANGUAGES write a decimal comma).
_DECIMAL_POINT = frozenset({"en"})


def _foreign_sum(m: Mention, doc: Doc) -> bool:
    """Whether a sum ``m`` of ``doc`` has one separator before three digits that its language writes for decimals
    ("2.180 yen" in English: a sum has two decimals or none), where a round trip kept another language's
    thousands separator. Within one language only: a translation writes its own."""
    d = _ONE_SEPARATOR.fullmatch(m.text.strip())
    if d is None:
        return False
    language = doc.article.language or "en"
    if language not in FACT_LANGUAGES:
        return False
    sep = m.text.strip()[len(d.group(1))]
    return sep == ("." if language in _DECIMAL_POINT else ",")


def _take(have: Counter[str], m: Mention) -> bool:
    """Whether ``have`` (a count of figures) holds one of ``m``'s value still, taking it; a value it holds
    only in another way (``_has_value``: a clock time's figure, half of a figure in words) has no count to take."""
    key = next((k for k in (m.key, _other_reading(m)) if k is not None and have[k] > 0), None)
    if key is None:
        return not _has_value(set(have), m)
    have[key] -= 1
    return True


#: A day of the month written as an ordinal in digits, with no month: "on the 11th", "le 12e"; not "11." (a German
#: date's day is read with its month).
_DAY_ORDINAL = re.compile(r"([1-9]|[12]\d|3[01])(?:st|nd|rd|th|er|e|ème)")


def day_key(day: int | str) -> str:
    """The key of a day of the month with no month: "day:11" for a figure "the 11th" and for the day of a date
    "November 11" (``dates._bare_days``), so the two meet."""
    return f"day:{int(day)}"


def _ordinal_day(m: Mention) -> str | None:
    """``day_key`` of a figure that may be a day of the month said as an ordinal in digits ("on the 11th")."""
    d = _DAY_ORDINAL.fullmatch(m.text.strip())
    return day_key(d.group(1)) if d else None


def _ordinal_days(mentions: Iterable[Mention]) -> set[str]:
    """The figures among ``mentions`` that may be a day of the month said as an ordinal in digits ("on the 11th"), as
    ``day_key``s, the key ``dates._bare_days`` gives the day of each date of a month and a day ("November 11")."""
    return {k for m in mentions if m.kind == "number" and (k := _ordinal_day(m))}


def _has_value(have: set[str], m: Mention) -> bool:
    """Whether ``have`` holds the figure of ``m``, or, for a figure written in words, its whole part for a half
    ("zweieinhalb Jahre" = "deux ans et demi", where "demi" stands apart from "deux"). Digits must match as
    written: "24.5" -> "24" is a change."""
    key = m.key
    if key in have:
        return True
    if any(ch.isdigit() for ch in m.text):
        day = _ordinal_day(m)  # "the 11th" against a date's day ("November 11")
        return _other_reading(m) in have or (day is not None and day in have)
    try:
        v = float(key)
    except ValueError:
        return False
    if v % 1 == 0.5:
        return value_key(v - 0.5) in have
    return v.is_integer() and value_key(v + 0.5) in have


def _unmatched(mentions: list[Mention], other: Counter[str], absent: Callable[[Mention], bool]) -> list[Mention]:
    left = Counter(other)
    out = []
    for m in mentions:
        if left[m.key] > 0:
            left[m.key] -= 1
        elif absent(m):
            out.append(m)
    return out
