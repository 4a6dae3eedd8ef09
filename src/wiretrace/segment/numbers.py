"""Numbers written in digits or words, in several languages, to comparable values.

"7,000" (en), "7.000" (pt, es, de), "7 000" (fr), "seven thousand", "sete mil" and "siebentausend"
all give 7000; "3.2 million" and "3,2 milhões" give 3200000. Word forms come from num2words, so every
language it knows gets its words for free; scale words are listed here.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from wiretrace.scripts import NO_SPACE_SCRIPTS

# Languages writing "," for decimals (and "." or a space for thousands); French groups with spaces.
_DOT_THOUSANDS = frozenset({"pt", "es", "de", "it", "nl", "tr", "id", "da", "pl", "ro", "el", "sv", "no", "fr",
                            "ru", "uk", "bg", "cs", "sk", "fi", "hr", "sr", "sl", "hu", "lt", "lv", "et", "vi"})

#: A word character of no script written without spaces (``NO_SPACE_SCRIPTS``: CJK ideographs, kana, hangul,
#: full-width forms): a figure touching one ("有4800万人", "1200件") still stands alone, as between spaces.
_WORD_NOT_CJK = f"[^\\W{NO_SPACE_SCRIPTS}]"

#: Endings of ordinals and decades written on the digits: "65e", "1er", "2ème" (fr), "20er" (de, "the
#: twenties"), "3rd" (en), "1º", "2ª" (pt, es). The figure is read without them ("65e minute" = "65. Minute").
#: A scale may touch the digits too: "$2.5bn", "3mn", "£3m" (after a currency sign; "5m" alone is metres),
#: "$326k", "4K" (thousands).
_ORDINAL_ENDINGS = "ème|eme|ère|st|nd|rd|th|er|re|e|è|º|ª"
#: Units typed on the digits: "64GB", "275hp", "10km" are 64, 275, 10 (the figure ends before the unit, which
#: ``unit_of`` reads as when a space stands between).
_GLUED_UNITS = ("GB", "MB", "TB", "KB", "kB", "GHz", "MHz", "Hz", "kWh", "kW", "MW", "GW", "mAh", "mg", "kg", "km",
                "cm", "mm", "ml", "mph", "hp", "lb", "lbs", "oz")
#: A thousands separator may have a space typed before it: "25 .000 Euro" is 25.000 (as a page typesets it).
DIGITS = re.compile(
    rf"(?<!{_WORD_NOT_CJK})(?<![.,])"
    rf"(?P<num>(?:\d{{1,3}}(?:(?:,|\.|\u00a0|\u202f| \.?|\uff0c)\d{{3}})+|\d+)(?:[.,]\d+)?)"
    # after an ordinal ending a comma and digits start another figure: "(14e,1-0)" is the 14th minute, 1-0
    rf"(?:(?P<end>{'|'.join(_GLUED_UNITS)}|{_ORDINAL_ENDINGS}|bn|mn|m|k|K)(?!{_WORD_NOT_CJK})|(?!{_WORD_NOT_CJK}|[.,]\d))",
)
#: A century or an ordinal in Roman numerals: with a French ordinal ending ("XIIIe siècle", "XXIe", "Ier") or
#: before the word for a century ("XIII century", "XIII. Jahrhundert", "siglo XIII" after it). Capitals only,
#: so no word is read ("Ce", "Le" are words, hence a single C or L never); a bare numeral ("Louis XIV", "World War
#: II") is left alone.
_ROMAN = re.compile(
    r"(?<![^\W\d_])(?P<rom>[IVX]|[IVXLC]{2,7})(?:(?P<end>e|ème|er|re)(?![^\W\d_])"
    r"|(?=\.?\s+(?:siècles?|century|centuries|Jahrhunderts?|Jh\.)))"
    r"|(?<=siglo )(?P<rom2>[IVXLC]{1,7})(?![^\W\d_])|(?<=século )(?P<rom3>[IVXLC]{1,7})(?![^\W\d_])")
#: A Roman numeral after a word for a type, a phase or a stage ("type II diabetes", "Phase III", "stade IV", "Typ
#: II"): the figure the other text may write in digits ("type 2"; ``named_figures``: a match, never a figure of its
#: own). Capitals only, one to four letters of I, V, X.
_TYPE_ROMAN = re.compile(
    r"(?<![^\W\d_])(?:[Tt]ype|[Tt]yp|[Tt]ipo|[Pp]hase|[Ff]ase|[Ss]tage|[Ss]tade|[Ee]stadio|[Ee]stágio|[Gg]rade|"
    r"[Cc]ategory|[Cc]atégorie|[Kk]ategorie|[Cc]ategoría|[Cc]ategoria)\s+(?P<rom>[IVX]{1,4})(?![^\W\d_])")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def roman_value(numeral: str) -> int | None:
    """The value of a Roman numeral in capitals ("XIII" -> 13), None when it is not well formed ("IIII", "VX")."""
    total, prev = 0, 0
    for ch in reversed(numeral):
        v = _ROMAN_VALUES[ch]
        total += -v if v < prev else v
        prev = max(prev, v)
    return total if total > 0 and _roman(total) == numeral else None


def _roman(n: int) -> str:
    out = ""
    for v, sym in ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"),
                   (1, "I")):
        while n >= v:
            out, n = out + sym, n - v
    return out
#: A code name's digits, not a figure: "Covid-19", "COVID 19", "SARS-CoV-2", "G-20", "MH-17", "F-35" (a hyphen
#: after a capitalised code of one to four letters, or after covid / cov in any case).
_CODE_BEFORE = re.compile(
    r"(?:(?i:covid)[-\u2010\u2011 ]|(?:(?i:cov)|(?<![^\W\d_])[A-Z][A-Z0-9]{0,3})[-\u2010\u2011])$")

#: A group of states named by its count, a name and no figure: "the Group of Seven", "Group of 20", "le groupe des
#: Sept", "die Gruppe der Zwanzig", "el Grupo de los Veinte", "o Grupo dos Sete" (the word for group capitalised, or
#: the count: "groupe des Sept"), and Chinese / Japanese "七国集团", "二十国集团", "20カ国・地域" is not one (a count).
_GROUP_BEFORE = re.compile(r"(?:\bGroup of(?: the)?|\b[Gg]roupe des|\bGruppe der|\bGrupo de los|\bGrupo dos)\s+$")
_GROUP_WORD_AFTER = re.compile(r"\s*(?:国集团|國集團)")
_GROUP_CUE = re.compile(r"Group|[Gg]roupe|Gruppe|Grupo|国集团|國集團")


def _group_name(sent: str, start: int, end: int, text: str) -> bool:
    """Whether the figure ``text`` at ``sent[start:end]`` names a group of states ("Group of Seven", "七国集团"): in
    words or digits after "Group of" (the count capitalised in French, "groupe des Sept", where "groupe" is not), or
    before 国集团."""
    before = _GROUP_BEFORE.search(sent, max(0, start - 16), start)
    if before is not None and (before.group().startswith(("G", "Grupo")) or text[:1].isupper()):
        return True
    return _GROUP_WORD_AFTER.match(sent, end) is not None


_SCALES: dict[str, float] = {
    # en
    "thousand": 1e3, "million": 1e6, "millions": 1e6, "billion": 1e9, "billions": 1e9, "trillion": 1e12,
    "bn": 1e9, "mn": 1e6,
    # pt / es
    "mil": 1e3, "milhão": 1e6, "milhões": 1e6, "bilhão": 1e9, "bilhões": 1e9, "millón": 1e6,
    "millones": 1e6, "mil millones": 1e9,
    # fr
    "mille": 1e3, "milliard": 1e9, "milliards": 1e9,
    # de
    "tausend": 1e3, "mio": 1e6, "mio.": 1e6, "mrd": 1e9, "mrd.": 1e9, "milliarde": 1e9, "milliarden": 1e9,
    "millionen": 1e6,
    # ru / uk
    "тыс.": 1e3, "тыс": 1e3, "тысяч": 1e3, "тысячи": 1e3, "тысяча": 1e3, "тис.": 1e3, "тисяч": 1e3,
    "млн": 1e6, "млн.": 1e6, "миллион": 1e6, "миллиона": 1e6, "миллионов": 1e6, "мільйонів": 1e6,
    "млрд": 1e9, "млрд.": 1e9, "миллиард": 1e9, "миллиарда": 1e9, "миллиардов": 1e9, "мільярдів": 1e9,
    "трлн": 1e12, "трлн.": 1e12,
}
#: Scale characters of Chinese and Japanese, written straight after the digits ("4800万" = 48 million).
_CJK_SCALES: dict[str, float] = {"万亿": 1e12, "千万": 1e7, "百万": 1e6, "亿": 1e8, "億": 1e8, "万": 1e4, "萬": 1e4,
                                 "兆": 1e12, "千": 1e3}
SCALE_AFTER = re.compile(
    r"\s?(mil millones|" + "|".join(sorted((re.escape(k) for k in _SCALES if k != "mil millones"),
                                            key=len, reverse=True)) + r")(?![\w])"
    + r"|[ \u00a0]?(" + "|".join(sorted(_CJK_SCALES, key=len, reverse=True)) + ")",
    re.IGNORECASE,
)
#: The rest of a figure written with several CJK scales: "４億" then "５０００万" (450 million), "1万" then
#: "2000" (12,000).
_CJK_REST = re.compile(r"(\d+)(" + "|".join(sorted(_CJK_SCALES, key=len, reverse=True)) + ")?")


def _scale_after(sent: str, end: int, lang: str) -> tuple[int, float, str] | None:
    """The scale word written after a figure ending at ``end``: (where it ends, what it is worth, "cjk" / "cldr" /
    "" as read). ``SCALE_AFTER``'s words in every language; those of CLDR (``_cldr_scales``) in ``lang`` only, where
    one is as long or longer ("45 mille miliardi" is 45 * 10^12 in Italian, "mille" alone a French thousand; a
    German or French "Billion", a Swedish "bn" is 10^12, the English ones 10^9)."""
    m = SCALE_AFTER.match(sent, end)
    found = (m.end(), scale_value(m.group(1) or m.group(2)), "cjk" if m.group(2) else "") if m else None
    words, cldr = _cldr_scales(lang)
    c = cldr.match(sent, end) if cldr else None
    if c and c.lastindex and (found is None or c.end() >= found[0]):
        return c.end(), list(words.values())[c.lastindex - 1], "cldr"
    return found


#: Digits after a scale word that may be the next, smaller part of the same figure ("3 milyon 50 bin").
_REST_DIGITS = re.compile(r" (\d{1,3})(?!\d|[.,]\d)")


def _scale_rest(sent: str, end: int, lang: str, big: float, skip: Callable[[int, int], bool]) -> tuple[int, float]:
    """The smaller parts of a figure written after a CLDR scale word ending at ``end`` worth ``big``, as Turkish
    writes figures: "3 milyon 50 bin" (3,050,000), "104 bin 30" (104,030; bare digits after a thousand only).
    Returns where the figure ends and what the parts add."""
    added = 0.0
    while (m := _REST_DIGITS.match(sent, end)) and big >= 1e3:
        n, scale = float(m.group(1)), _scale_after(sent, m.end(), lang)
        if scale and scale[2] == "cldr" and n * scale[1] < big:
            part_end, part_big = scale[0], scale[1]
        elif big == 1e3 and not scale:
            part_end, part_big = m.end(), 1.0
        else:
            break
        if skip(m.start(1), part_end):
            break
        added, end, big = added + n * part_big, part_end, part_big
    return end, added


#: Scale words news writes that CLDR's compact formats lack: Vietnamese "tỉ" (the older spelling of "tỷ") and the
#: southern "ngàn" (CLDR: "nghìn").
_MORE_SCALES: dict[str, dict[str, float]] = {"vi": {"tỉ": 1e9, "ngàn": 1e3}}
#: What may not follow a language's scale word: Vietnamese "tỷ lệ" / "tỉ lệ" is a ratio, not a billion.
_NOT_SCALE_BEFORE: dict[str, str] = {"vi": r"(?!\s+lệ)"}


@lru_cache(maxsize=16)
def _cldr_scales(lang: str) -> tuple[dict[str, float], re.Pattern[str] | None]:
    """The scale words of one language, from CLDR's compact decimal formats (Babel; long and short, every plural
    category): it "milioni", nl "miljoen", fi "miljoonaa", vi "triệu", ro "de milioane", tr "bin", pl "mln",
    with what each is worth, and a pattern reading one after a figure. Keyed by language: a scale word of one
    language is a plain word of another ("bin": a Turkish thousand, an English waste bin). A short form of one
    letter ("K", "M", "B") is left out (one of a script without case is kept: ko "45억"); one of two letters
    ("Md", "Mn") is read in CLDR's case only, a longer one in any case, with its dot as CLDR writes it ("mln.").
    zh / ja: ``_CJK_SCALES``."""
    from babel import Locale, UnknownLocaleError

    primary = re.split(r"[-_]", lang or "en")[0].lower()
    if primary in ("zh", "ja"):
        return {}, None
    try:
        formats = Locale.parse(primary).compact_decimal_formats
    except (ValueError, TypeError, UnknownLocaleError):
        return {}, None
    words: dict[str, float] = {}
    exact: set[str] = set()
    for width in ("long", "short"):
        for by_size in formats.get(width, {}).values():
            for size, pattern in sorted(by_size.items(), key=lambda kv: int(kv[0])):
                digits = pattern.int_prec[0]
                if not digits or pattern.prefix[0].strip("\u200e\u200f\u061c \u00a0"):
                    continue  # "mille" (it: one thousand, no figure), or text before the figure
                form = re.sub(r"\s+", " ", pattern.suffix[0].replace("'", "").strip("\u200e\u200f\u061c \u00a0"))
                letters = len(form.rstrip("."))
                if not form or not form[0].isalpha() or (letters < 2 and form.lower() != form.upper()):
                    continue  # a letter of a script with case is an abbreviation of anything; ko "억" is not
                if width == "short" and letters == 2:
                    exact.add(form)
                words.setdefault(form if form in exact else form.casefold(), int(size) / 10 ** (digits - 1))
    for w, v in _MORE_SCALES.get(primary, {}).items():
        words.setdefault(w, v)
    if not words:
        return {}, None
    # longest first, a group each: the match's group tells the word ("BİN" is "bin" matched, not casefolded)
    words = dict(sorted(words.items(), key=lambda kv: -len(kv[0])))
    rx = "|".join(f"({re.escape(w)})" if w in exact else f"((?i:{re.escape(w)}))" for w in words)
    return words, re.compile(rf"\s?(?:{rx})(?!{_WORD_NOT_CJK}){_NOT_SCALE_BEFORE.get(primary, '')}")


#: Chinese and Japanese numerals ("三", "一百万", "二十五"): read in zh and ja only.
_CJK_DIGIT = {"〇": 0, "零": 0, "一": 1, "壹": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6,
              "七": 7, "八": 8, "九": 9}
_CJK_UNIT = {"十": 10, "百": 100, "千": 1000}
_CJK_BIG = {"万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8}
_CJK_NUMERAL = re.compile("[" + "".join(_CJK_DIGIT) + "".join(_CJK_UNIT) + "][" + "".join(_CJK_DIGIT)
                          + "".join(_CJK_UNIT) + "".join(_CJK_BIG) + "]*")
_HUNDREDS = {"hundred": 100, "hundert": 100, "cem": 100, "cento": 100, "cien": 100, "ciento": 100,
             "cent": 100, "cents": 100}
_CONNECTORS = frozenset({"and", "e", "y", "und", "et", "-"})
# Forms num2words does not give: feminines (it writes the masculine), German case endings ("zweier",
# "dreien"), "both" (a count of two, as translations write it: "les deux", "beide", "ambos"), halves
# ("zweieinhalb"), and round approximations ("une trentaine" = "rund dreißig" = "about 30"). Plurals of
# those ("des dizaines", "Dutzende", "dozens") name no figure and are left out, but for a dozen's after a number
# word ("três dúzias" = "three dozen" = 36, ``_PLURAL_DOZENS``).
_EXTRA_FORMS: dict[str, dict[str, float]] = {
    "pt": {"duas": 2, "duzentas": 200, "trezentas": 300, "quatrocentas": 400, "quinhentas": 500,
           "ambos": 2, "ambas": 2, "dezena": 10, "dúzia": 12, "dúzias": 12, "centena": 100},
    "es": {"doscientas": 200, "trescientas": 300, "cuatrocientas": 400, "quinientas": 500,
           "ambos": 2, "ambas": 2, "decena": 10, "docena": 12, "docenas": 12, "veintena": 20, "centenar": 100},
    "fr": {"dizaine": 10, "douzaine": 12, "douzaines": 12, "quinzaine": 15, "vingtaine": 20, "trentaine": 30,
           "cinquantaine": 50, "soixantaine": 60, "centaine": 100, "millier": 1000, "triple": 3},
    "de": {"beide": 2, "beiden": 2, "beider": 2, "zweier": 2, "zweien": 2, "dreier": 3, "dreien": 3,
           "anderthalb": 1.5, "eineinhalb": 1.5, "zweieinhalb": 2.5, "dreieinhalb": 3.5, "viereinhalb": 4.5,
           "fünfeinhalb": 5.5, "sechseinhalb": 6.5, "siebeneinhalb": 7.5, "achteinhalb": 8.5, "dutzend": 12},
    "en": {"both": 2, "dozen": 12},
}
#: German compounds that start with a number word: "dreifach", "dreimal", "sechsstelligen", "zweijährige",
#: "Sieben-Tage-Wert" ("sieben" before a hyphen). The figure is the number word's.
_DE_COMPOUND = re.compile(
    r"(.+?)(?:-.*|(?:fach|mal|malig|stellig|jährig|tägig|köpfig|wöchig|monatig|stündig|minütig|teilig|"
    r"seitig|stöckig|sitzig|prozentig|spurig)(?:e|en|er|es|em|n)?)$")
#: German compounds of an ordinal and a superlative: "fünftgrößte", "drittstärksten" ("the fifth largest",
#: "la cinquième plus ..."). The figure is the ordinal's. Not "zweit" (English "second" and French "second"
#: are read as no figure, being other words too), nor "acht" ("achtsamste", "achtlosesten": careful, careless).
_DE_ORDINAL_SUPERLATIVE = re.compile(r"(dritt|viert|fünft|sechst|siebt|neunt|zehnt)[^\W\d_]+[sß]t(?:e|en|er|es|em)?$")
_DE_ORDINALS = {"dritt": 3, "viert": 4, "fünft": 5, "sechst": 6, "siebt": 7, "neunt": 9, "zehnt": 10}
#: Words that are a number only in some uses: French "neuf" is also "new" ("du matériel neuf"), "cent"
#: after "pour" is "per cent", not a hundred; likewise "cento" / "ciento" after "por".
_PER = frozenset({"pour", "por", "per"})
_HUNDRED_AFTER_PER = frozenset({"cent", "cents", "cento", "ciento"})
#: Words after which French "neuf" is the adjective "new" (or nothing follows it).
_NEUF_NEW_BEFORE = frozenset({"qui", "que", "et", "ou", "mais", "à", "a", "en", "pour", "dans", "sur", "avec",
                              "de", "du", "des", "comme", "ni"})
# Words for 1 are articles in most languages ("un", "uma", "ein"): never read them as numbers.
_ONE_WORDS = frozenset({"one", "a", "an", "um", "uma", "un", "une", "uno", "una", "ein", "eine", "einen"})


@dataclass(slots=True)
class NumberWords:
    """Word -> value table for one language, built from num2words."""

    language: str
    words: dict[str, float]
    #: The scale words of ``words`` that CLDR gives for this language alone ("milioni": ``_cldr_scales``).
    scales: frozenset[str] = frozenset()
    #: value_of's answers for words outside ``words`` (German compounds are matched once per word).
    _seen: dict[str, float | None] = field(default_factory=dict, repr=False)

    @classmethod
    def build(cls, language: str) -> NumberWords:
        words: dict[str, float] = {}
        try:
            from num2words import num2words
        except ImportError:  # pragma: no cover - a core dependency
            return cls(language, words)
        lang = language or "en"
        try:
            num2words(2, lang=lang)
        except NotImplementedError:
            lang = "en"
        for n in range(2, 100):
            _add_forms(words, num2words(n, lang=lang), n)
        for n in range(2, 21):
            for value in (n * 1000, n * 100):
                try:
                    said = num2words(value, lang=lang)
                except Exception:  # noqa: S112 - num2words' own bug for one number (Amharic 1100-1900): left out
                    continue
                _add_forms(words, said, value)
        for w, v in list(_SCALES.items()) + list(_HUNDREDS.items()):
            if len(w) > 3:
                words.setdefault(w, v)
        for w, v in _EXTRA_FORMS.get(lang, {}).items():
            words.setdefault(w, v)
        if lang in _ORDINAL_LANGUAGES:
            not_figures = _NOT_ORDINALS.get(lang, frozenset())  # "quarto": mostly a room or a quarter
            for n in range(3, 32):  # "first" and "second" are also other words (a unit, "premier" minister)
                for form in _ordinal_forms(num2words(n, lang=lang, to="ordinal").lower(), lang):
                    if form not in not_figures:
                        words.setdefault(form, n)
        scales: set[str] = set()
        for w, v in _cldr_scales(language)[0].items():  # "due milioni", "tre miliardi": this language's only
            if len(w) > 3 and w.isalpha() and w not in words:
                words[w] = v
                scales.add(w)
        for w in _ONE_WORDS:
            words.pop(w, None)
        return cls(language, words, frozenset(scales))

    def value_of(self, word: str) -> float | None:
        """Value of one number word (lower case), German compounds included ("dreifach" -> 3)."""
        v = self.words.get(word)
        if v is not None or self.language != "de" or len(word) < 5:
            return v
        if word not in self._seen:
            m = _DE_COMPOUND.match(word)
            value = self.words.get(m.group(1)) if m else None
            if value is None and (o := _DE_ORDINAL_SUPERLATIVE.match(word)):
                value = float(_DE_ORDINALS[o.group(1)])
            self._seen[word] = value
        return self._seen[word]

    def parse_run(self, tokens: list[str]) -> float | None:
        """Value of a run of number words ("seven thousand", "twenty-one"), or None."""
        total = 0.0
        current = 0.0
        seen = named = False  # named: a word other than ``scales``' ("milioni di persone" names no figure)
        for tok in tokens:
            t = tok.lower()
            if t in _CONNECTORS:
                continue
            v = self.value_of(t)
            if v is None:
                return None
            seen, named = True, named or t not in self.scales
            if v == 100:
                current = max(current, 1) * 100
            elif t in _DOZENS:  # "three dozen", "três dúzias": 36
                current = max(current, 1) * 12
            elif v >= 1000 and (t in _SCALES or t in self.scales):
                total += max(current, 1) * v
                current = 0
            else:
                current += v
        return total + current if seen and named else None


#: A word or a figure in digits; also ``segment.WORD``, the segmenter's words, so ``find_figures`` can take them.
_TOKEN = re.compile(r"\d+(?:[.,\u00a0\u202f ]\d+)*|[^\W\d_]+(?:['’\-][^\W\d_]+)*")
#: Any digit (``str.isdecimal``); also ``segment`` and ``dates`` read it.
_ANY_DIGIT = re.compile(r"\d")
_CONNECTOR_WORDS = frozenset({"and", "e", "y", "und", "et"})


def find_figures(sent: str, lang: str, words: NumberWords,
                 skip: Callable[[int, int], bool] = lambda _s, _e: False,
                 groups: list[str] | None = None, *, read: tuple[list[re.Match[str]], list[str]] | None = None,
                 digits: bool | None = None) -> list[tuple[int, int, str]]:
    """(start, end, value key) of every figure in ``sent``: digits with their separators, scale and ordinal
    ending ("3,2 milhões", "300 万", "４億５０００万", "65e"), Chinese and Japanese numerals (zh, ja), and runs
    of the language's number words ("seven thousand", "dreifach", "une trentaine"). ``skip`` tells spans
    read as something else (dates, clock times). A code name's digits ("Covid-19") are no figure, and neither
    is the count in a group's name ("Group of Seven", "七国集团"): its value key goes to ``groups`` where one is
    given (``named_figures``). ``read``: the ``_TOKEN`` matches of a sentence that ``lowers_alike`` and their
    text lower-cased (``_TOKEN.findall(sent.lower())``), ``digits``: whether it holds a ``\\d``, when the caller
    has them already (each is another scan of the sentence, issue #15)."""
    out: list[tuple[int, int, str]] = []
    read_to = 0
    # DIGITS and _AO_ORDINAL need a digit: a sentence without one (most) skips both scans, each of which tries
    # lookbehinds at every place of the sentence, for one C scan for a digit (issue #15)
    if digits is None:
        digits = _ANY_DIGIT.search(sent) is not None
    for m in DIGITS.finditer(sent) if digits else ():
        s, e = m.start(), m.end()
        if s < read_to or skip(s, e) or (s and _CODE_BEFORE.search(sent, max(0, s - 8), s)):
            continue
        value = parse_digits(m.group("num"), lang)
        if value is None:
            continue
        if _group_name(sent, s, e, m.group()):
            if groups is not None:
                groups.append(value_key(value))
            continue
        end = m.group("end")
        if end in ("bn", "mn") or (end == "m" and _CURRENCY_BEFORE.search(sent, max(0, s - 4), s)):
            value *= 1e9 if end == "bn" else 1e6
        elif end in ("k", "K"):
            value *= 1e3
        scale = _scale_after(sent, e, lang) if not end else None
        if scale:
            e, big, kind = scale
            value *= big
            if kind == "cjk":  # "４億" + "５０００万": the next, smaller part of the same figure
                rest = _CJK_REST.match(sent, e)
                if rest:
                    part = float(rest.group(1)) * (_CJK_SCALES[rest.group(2)] if rest.group(2) else 1)
                    if part < big:
                        value += part
                        e = rest.end()
            elif kind == "cldr":
                e, part = _scale_rest(sent, e, lang, big, skip)
                value += part
        elif not end and _foreign_thousands(sent, s, e, m.group("num"), lang):
            value = float(m.group("num").replace(",", ""))
        if end in _GLUED_UNITS:
            e = m.start("end")
        out.append((s, e, value_key(value)))
        read_to = e
    if digits and lang in _AO_ORDINAL_LANGUAGES:  # "14a posição", "9o andar" (pt, es, it: "14.ª", "9º" are read above)
        for m in _AO_ORDINAL.finditer(sent):
            s, e = m.span()
            if not (skip(s, e) or _month_after().match(sent, e) or (s and _CODE_BEFORE.search(sent, max(0, s - 8), s))
                    or any(ds < e and s < de for ds, de, _ in out)):
                out.append((s, e, m.group(1)))
    for m in _ROMAN.finditer(sent) if _roman_may_match(sent) else ():
        s, e = m.span()
        if m.group("end") and len(m.group("rom")) == 1 and lang != "fr":
            continue  # "Ve", "Ier" are French ordinals; "Ver", "Ire" words of other languages ("Ver imagens")
        value = roman_value(m.group("rom") or m.group("rom2") or m.group("rom3"))
        if value is not None and not skip(s, e) and not any(ds < e and s < de for ds, de, _ in out):
            out.append((s, e, value_key(value)))
    if lang in ("zh", "ja"):
        for m in _CJK_NUMERAL.finditer(sent):
            if m.group() == "一" or skip(m.start(), m.end()) or any(s < m.end() and m.start() < e for s, e, _ in out):
                continue
            if _group_name(sent, m.start(), m.end(), m.group()):
                if groups is not None:
                    groups.append(value_key(_cjk_value(m.group())))
                continue
            out.append((m.start(), m.end(), value_key(_cjk_value(m.group()))))
        return out
    # Number words: maximal runs of words the language's table knows. A range written as one compound
    # ("one-to-seven", "zwei-bis-drei") is read as its words (the same length: spans stay the sentence's).
    table, compounds = words.words, words.language == "de"
    lowered = read[1] if read is not None else None
    if not compounds and _no_number_words(sent, table, _ONE_OF.get(words.language) if digits else None, lowered):
        return out
    ranges = _RANGE_WORDS.get(words.language, _RANGE_WORDS["en"])
    spaced = sent if "-" not in sent else _RANGE_COMPOUND.sub(
        lambda m: f" {m.group(1)} " if m.group(1).lower() in ranges else m.group(), sent)
    tokens = _word_tokens(spaced, table, read[0] if read is not None and lowered is not None and spaced == sent
                          else None, lowered)
    # a dict look-up per token; the rules of _word_value only for the few tokens that may be number words
    known = [(t[2] in table or (compounds and len(t[2]) > 4 and not t[2][0].isdigit()))
             and _word_value(words, tokens, k) is not None for k, t in enumerate(tokens)]
    out += _ones_in_ranges(tokens, known, words.language, skip)
    i = _next_known(known, 0)
    while i < len(tokens):
        j = i
        while j < len(tokens) and (known[j] or (j > i and tokens[j][2] in _CONNECTOR_WORDS)):
            # a comma or any other mark ends the run: "zwei, drei Jahre" is two numbers, not one
            if j > i and sent[tokens[j - 1][1]:tokens[j][0]].strip(" -\u00a0"):
                break
            j += 1
        while j > i and not known[j - 1]:
            j -= 1
        if j > i:
            value = words.parse_run([t[2] for t in tokens[i:j]])
            s, e = tokens[i][0], tokens[j - 1][1]
            # a scale word already read with its digits ("21 billion") is not a second number
            if value is not None and not skip(s, e) and not any(ds < e and s < de for ds, de, _ in out):
                if not _group_name(sent, s, e, sent[s:e]):
                    out.append((s, e, value_key(value)))
                elif groups is not None:
                    groups.append(value_key(value))
            i = _next_known(known, j)
        else:
            i = _next_known(known, i + 1)
    return out


def _no_number_words(sent: str, table: dict[str, float], ones: frozenset[str] | None,
                     lowered: list[str] | None = None) -> bool:
    """True only where the number-word part of ``find_figures`` finds nothing in ``sent`` (one that
    ``lowers_alike``): no token (lower case) is a word of ``table`` or of ``ones`` (the language's word for one,
    read in ranges) and none holds a hyphen (a compound read by its head, or a range compound "one-to-seven").
    Without a hyphen the range rewrite leaves the sentence as it is and each token is its own head, so no token is
    a known number word and none is a one at a range's end: one C scan instead of a tuple per token (issue #15).
    ``find_figures`` gives no ``ones`` for a sentence without a digit: with no known number word, the other end of
    a range that a one needs is a figure in digits (``_ones_in_ranges``), so its ones are no figure there (French
    "un", Portuguese "um" are in most sentences). ``lowered``: ``_TOKEN.findall(sent.lower())``, when the caller
    has it."""
    if not lowers_alike(sent):
        return False
    toks = _TOKEN.findall(sent.lower()) if lowered is None else lowered
    if not table.keys().isdisjoint(toks) or (ones is not None and not ones.isdisjoint(toks)):
        return False
    return "-" not in sent or not any("-" in t for t in toks)


def lowers_alike(text: str) -> bool:
    """Whether ``text.lower()`` is ``text`` lower-cased character by character, each character into one of the
    same kind for a pattern (a letter, a digit, a word character, or neither): every character but the capital
    dotted I (lower case "i" + a combining dot, two characters) and the capital sigma (final or not by its
    neighbours; ``tests/test_speed26_segment.py`` checks every code point). Then the words of ``text.lower()``
    are the lower case of the words of ``text``, at the same offsets."""
    return "\u0130" not in text and "\u03a3" not in text


def _next_known(known: list[bool], i: int) -> int:
    """The first index from ``i`` of a known token (``len(known)`` when none): no run of number words starts at
    an unknown one, so ``find_figures`` steps over those at once (issue #15; the same runs)."""
    try:
        return known.index(True, i)
    except ValueError:
        return len(known)


#: A place where a ``_ROMAN`` match may start: a capital I, V, X, L or C after no letter, then up to six more,
#: then what its first branch needs after the numeral (a French ending "e", "ème", "er", "re", or a space before
#: the word for a century); the other two branches need "siglo " or "século " before it. Where none of these is
#: found ``_ROMAN`` cannot match (``_roman_may_match``): one scan that starts only at a capital instead of a
#: pattern of three branches tried at every place of the sentence (issue #15).
_ROMAN_CUE = re.compile(r"[IVXLC](?<![^\W\d_][IVXLC])[IVXLC]{0,6}(?:[eèr]|\.?\s)")


def _roman_may_match(sent: str) -> bool:
    """False only where ``_ROMAN`` cannot match ``sent``."""
    return "siglo " in sent or "século " in sent or _ROMAN_CUE.search(sent) is not None


def _word_tokens(spaced: str, table: dict[str, float], matches: list[re.Match[str]] | None = None,
                 lowered: list[str] | None = None) -> list[tuple[int, int, str]]:
    """(start, end, lower-case token) of each ``_TOKEN`` of ``spaced`` as ``_number_head`` reads it. A text that
    ``lowers_alike`` is lower-cased once and read with the same spans; a token with no hyphen is its own head.
    ``matches`` and ``lowered``: ``spaced``'s ``_TOKEN`` matches and ``_TOKEN.findall(spaced.lower())``, when the
    caller has them."""
    if matches is not None and lowered is not None:
        return [(m.start(), m.end(), t) if "-" not in t else _number_head(m.start(), t, table)
                for m, t in zip(matches, lowered, strict=True)]
    if not lowers_alike(spaced):
        return [_number_head(m.start(), m.group().lower(), table) for m in _TOKEN.finditer(spaced)]
    return [(m.start(), m.end(), t) if "-" not in (t := m.group()) else _number_head(m.start(), t, table)
            for m in _TOKEN.finditer(spaced.lower())]


def named_figures(sent: str, lang: str, words: NumberWords) -> set[str]:
    """The value keys of the figures in ``sent`` that name a thing rather than count it, which ``find_figures``
    reads as no figure: the count in a group's name ("Group of Seven", "七国集团": 7) and a Roman numeral after a
    word for a type, a phase or a stage ("type II diabetes", "Phase III": 2, 3). Another text may write them as a
    figure ("the G7's seven members", "type 2 diabetes"); a diff takes them as that figure's match, never as a
    figure of their own to report (a "stage I" may be the pronoun)."""
    groups: list[str] = []
    if _GROUP_CUE.search(sent):  # find_figures only where a group may be named
        find_figures(sent, lang, words, groups=groups)
    types = {value_key(v) for m in _TYPE_ROMAN.finditer(sent) if (v := roman_value(m.group("rom"))) is not None}
    return set(groups) | types


#: Words joining the two ends of a range or a choice of figures ("one to seven", "un ou deux", "ein bis zwei"),
#: and the word for one in each language, which is read as 1 there only (elsewhere it is an article).
_RANGE_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset({"to", "or"}), "fr": frozenset({"à", "ou"}), "de": frozenset({"bis", "oder"}),
    "es": frozenset({"a", "o"}), "pt": frozenset({"a", "ou"}), "it": frozenset({"a", "o"}),
}
_ONE_OF: dict[str, frozenset[str]] = {
    "en": frozenset({"one"}), "fr": frozenset({"un", "une"}), "de": frozenset({"ein", "eine", "eins"}),
    "es": frozenset({"uno", "una", "un"}), "pt": frozenset({"um", "uma"}), "it": frozenset({"uno", "una", "un"}),
}
_RANGE_COMPOUND = re.compile(r"(?<=[^\W\d_])-([^\W\d_]{1,4})-(?=[^\W\d_])")


def _ones_in_ranges(tokens: list[tuple[int, int, str]], known: list[bool], language: str,
                    skip: Callable[[int, int], bool]) -> list[tuple[int, int, str]]:
    """The word for one at an end of a range or a choice whose other end is a figure: "one to seven",
    "one-to-seven", "seven or one", "ein bis zwei" (1 and the other figure; "one-to-one" is no range)."""
    ones, ranges = _ONE_OF.get(language), _RANGE_WORDS.get(language)
    if not ones or not ranges:
        return []

    def figure(k: int) -> bool:
        return 0 <= k < len(tokens) and (known[k] or tokens[k][2][0].isdigit())

    out = []
    for k, (s, e, t) in enumerate(tokens):
        if t not in ones or skip(s, e):
            continue
        after = k + 2 < len(tokens) and tokens[k + 1][2] in ranges and figure(k + 2)
        before = k >= 2 and tokens[k - 1][2] in ranges and figure(k - 2)
        if after or before:
            out.append((s, e, "1"))
    return out


def _number_head(start: int, token: str, table: dict[str, float]) -> tuple[int, int, str]:
    """A token as the number-word reader takes it: a hyphenated compound the table does not know whole is
    read by its longest head the table knows ("five-month" -> "five", "forty-five-minute" -> "forty-five",
    "fifth-largest" -> "fifth"), so that "a five-month pause" and "a pause of five months" hold one figure."""
    if "-" in token and token not in table and not token.endswith(_NO_NUMBER_TAILS):
        parts = token.split("-")
        for k in range(len(parts) - 1, 0, -1):
            head = "-".join(parts[:k])
            if head in table:
                return start, start + len(head), head
    return start, start + len(token), token


def _word_value(words: NumberWords, tokens: list[tuple[int, int, str]], k: int) -> float | None:
    """Value of the k-th token as a number word, None when it is none here ("pour cent", "matériel neuf")."""
    t = tokens[k][2]
    if t[0].isdigit():
        return None
    v = words.value_of(t)
    if v is None:
        return None
    if t in _HUNDRED_AFTER_PER and ((k and tokens[k - 1][2] in _PER) or words.language == "en"):
        return None  # "pour cent", "por cento"; English "cents" are money
    if t == "neuf" and words.language == "fr" and (
            k + 1 == len(tokens) or tokens[k + 1][2] in _NEUF_NEW_BEFORE or tokens[k + 1][2][0].isdigit()):
        return None
    if t in _PLURAL_DOZENS and not (k and not tokens[k - 1][2][0].isdigit() and words.value_of(tokens[k - 1][2])):
        return None  # "dúzias de nomes": dozens, no figure; "três dúzias" 36
    if _multiplier(t, words):  # "several hundred", "várias dúzias", "mehrere tausend": no figure
        j = k - 1
        while j >= 0 and _multiplier(tokens[j][2], words):
            j -= 1
        if j >= 0 and tokens[j][2] in _VAGUE:
            return None
    if (0 < k < len(tokens) - 1 and tokens[k - 1][2] in _FRACTION_ONE and tokens[k + 1][2] in _FRACTION_OF
            and t in _ordinal_words(words.language)):
        return None  # "a third of", "un cinquième de", "um quinto da": a fraction, not the ordinal 3 or 5
    return v


#: A dozen, which multiplies the number word before it ("three dozen" 36), and its plurals, read after one only.
_DOZENS = frozenset({"dozen", "dúzia", "dúzias", "docena", "docenas", "douzaine", "douzaines", "dutzend"})
_PLURAL_DOZENS = frozenset({"dúzias", "docenas", "douzaines"})
#: Words that make the round number after them vague: "several hundred", "a few thousand", "várias dúzias",
#: "plusieurs millions", "mehrere tausend" name no figure (as "hundreds", "des centaines" name none).
_VAGUE = frozenset("""
several few many vários várias alguns algumas poucos poucas muitos muitas varios varias algunos algunas pocos
pocas muchos muchas plusieurs quelques mehrere einige einigen etliche paar viele vielen diversi diverse alcuni alcune
parecchi molti molte
""".split())  # noqa: SIM905 - a word list reads best as text
#: "a third of", "un cinquième de": the word for one, an ordinal word, then "of" say a fraction.
_FRACTION_ONE = frozenset({"a", "one", "un", "une", "um", "uma", "uno", "una", "ein", "eine"})
_FRACTION_OF = frozenset({"of", "de", "des", "du", "da", "do", "das", "dos", "del", "di", "della", "dello"})
#: Hyphenated words whose first part is a number word but that are no figure: Portuguese weekdays ("sextas-feiras").
_NO_NUMBER_TAILS = ("-feira", "-feiras")


def _multiplier(t: str, words: NumberWords) -> bool:
    """Whether a number word is a round multiplier (hundred, thousand, million, dozen) rather than a count."""
    return t in _HUNDREDS or t in _SCALES or t in words.scales or t in _DOZENS


#: Digit ordinals written with a plain "a" / "o" (pt, es, it): "14a posição", "9o andar", "3a edición". Not one
#: before "de" and a month ("1o de maio" is a date).
_AO_ORDINAL_LANGUAGES = frozenset({"pt", "es", "it", "gl"})
_AO_ORDINAL = re.compile(r"(?<![\w.,])(\d{1,3})[ao](?!\w)")


@lru_cache(maxsize=1)
def _month_after() -> re.Pattern[str]:
    """" de maio", " di maggio", " de mayo": a month after a day's digits (Babel's month names of pt, es, it, gl)."""
    from babel import Locale

    months = {name.casefold() for lang in sorted(_AO_ORDINAL_LANGUAGES)
              for name in Locale.parse(lang).months["format"]["wide"].values()}
    return re.compile(r"\s+(?:de|di|del)\s+(?i:" + "|".join(sorted(months, key=len, reverse=True)) + r")\b")
#: A sum in dollars ("$250,000", "US $ 449,000"; not "R$"): it has two decimals or none, so in a language writing
#: a decimal comma one comma before three digits is an English thousands separator a copy kept.
_DOLLAR_BEFORE = re.compile(r"(?<![^\W\d_])(?:US ?)?\$\s?$")
_ONE_COMMA_THOUSANDS = re.compile(r"[1-9]\d{0,2},\d{3}")


def _foreign_thousands(sent: str, start: int, end: int, num: str, lang: str) -> bool:
    """Whether digits with one comma before three digits ("250,000") in a language writing a decimal comma are a
    sum in dollars, which has two decimals or none: the dollar sign is English writing, and so is the comma. A
    scale word after them ("US$ 1,250 bilhão") keeps the comma a decimal one; so does a currency name after them
    ("2,180 Yen" in German is read as German writes it)."""
    return (lang in _DOT_THOUSANDS and _ONE_COMMA_THOUSANDS.fullmatch(num) is not None
            and _DOLLAR_BEFORE.search(sent, max(0, start - 5), start) is not None and not _scale_after(sent, end, lang))


def _cjk_value(text: str) -> float:
    """Value of Chinese or Japanese numerals: "三" 3, "二十五" 25, "一百万" 1,000,000, "二〇二一" 2021."""
    total = section = 0.0
    num = 0.0
    digits_only = True
    for ch in text:
        if ch in _CJK_DIGIT:
            num = num * 10 + _CJK_DIGIT[ch] if digits_only else _CJK_DIGIT[ch]
        elif ch in _CJK_UNIT:
            digits_only = False
            section += (num or 1) * _CJK_UNIT[ch]
            num = 0
        else:
            digits_only = False
            big = _CJK_BIG[ch]
            section += num
            total = (total + section) * big if total and total < big else total + section * big
            section = num = 0
    return total + section + num


#: Languages whose ordinal words are read as their figure ("troisième" = "dritte" = "third" = "3rd" = "3e").
_ORDINAL_LANGUAGES = frozenset({"en", "fr", "de", "es", "pt"})


def _ordinal_forms(word: str, lang: str) -> list[str]:
    """An ordinal num2words writes, with the endings it does not write (gender, plural, German cases)."""
    if " " in word:
        return [word]
    forms = [word, word.replace("-", "")]
    if lang == "en":  # "thirdly" is "third" (from three on: "firstly" and "secondly" go with "first", "second")
        forms.append(word.replace("-", "") + "ly")
    if lang == "de" and word.endswith("e"):
        forms += [word + "n", word + "r", word + "s", word + "m"]
    elif lang == "fr":
        forms.append(word + "s")
    elif lang in ("es", "pt") and word.endswith("o"):
        forms += [word[:-1] + "a", word + "s", word[:-1] + "as"]
    return forms


def _add_forms(words: dict[str, float], form: str, value: float) -> None:
    form = form.lower().strip()
    words.setdefault(form, value)
    if " " not in form:
        words.setdefault(form.replace("-", ""), value)


def parse_digits(text: str, language: str | None) -> float | None:
    """Value of a number written in digits with the separators ``language`` uses."""
    s = text.replace("\u00a0", " ").replace("\u202f", " ").replace("\uff0c", ",")
    dot_thousands = (language or "en") in _DOT_THOUSANDS
    if " " in s:
        s = s.replace(" ", "")
    if "," in s and "." in s:
        dec = "," if s.rfind(",") > s.rfind(".") else "."
        s = s.replace("." if dec == "," else ",", "").replace(dec, ".")
    elif "," in s or "." in s:
        sep = "," if "," in s else "."
        groups = s.split(sep)
        thousands_like = all(len(g) == 3 for g in groups[1:]) and len(groups[0]) <= 3
        if sep == ",":
            is_thousands = thousands_like and (not dot_thousands or len(groups) > 2)
        else:
            is_thousands = thousands_like and (dot_thousands or len(groups) > 2)
        s = s.replace(sep, "") if is_thousands else s.replace(sep, ".")
    try:
        return float(s)
    except ValueError:
        return None


def scale_value(word: str) -> float:
    """Multiplier of a scale word written after a number ("million" -> 1e6, "万" -> 1e4)."""
    return _CJK_SCALES.get(word) or _SCALES[word.lower()]


def value_key(value: float) -> str:
    """Canonical text of a value: 7000.0 -> "7000", 3.25 -> "3.25"; past float's range (a run of 309 or more
    digits, a huge figure times "billion") "inf"."""
    if not math.isfinite(value):
        return str(value)
    if value == int(value):
        return str(int(value))
    return f"{value:.6g}"


# What a figure counts, by the word written after it (or the currency sign before it), in the languages
# the number words cover. A diff pairs a dropped and an added figure as one changed figure only when they
# count the same kind of thing: "50 metres" -> "36 desks" is a figure dropped and another added.
_UNIT_WORDS: dict[str, tuple[str, ...]] = {
    "length": ("km", "kilometre", "kilometres", "kilometer", "kilometers", "quilómetros", "quilômetros",
               "kilómetros", "kilomètres", "kilometern", "m", "metre", "metres", "meter", "meters", "metros",
               "mètres", "metern", "cm", "mm", "mile", "miles", "milhas", "millas", "meilen", "milles", "ft", "feet",
               "foot", "pés", "pies", "fuß", "inches", "polegadas", "pulgadas", "zoll", "pouces"),
    "speed": ("km/h", "mph", "knots", "nós", "nudos", "knoten", "nœuds"),
    "area": ("km²", "m²", "hectare", "hectares", "ha", "acres", "hectáreas", "hektar", "acre"),
    "mass": ("kg", "kilogram", "kilograms", "kilos", "quilos", "quilogramas", "kilogramos", "kilogramm",
             "tonne", "tonnes", "ton", "tons", "toneladas", "tonnen", "t", "grams", "gramas", "gramos", "gramm",
             "g", "pounds-weight"),
    "volume": ("litre", "litres", "liter", "liters", "litros", "m³", "barrels", "barris", "barriles", "barrel",
               "fässer", "barils", "gallons", "galões", "galones"),
    "percent": ("%", "percent", "per cent", "por cento", "por ciento", "pour cent", "prozent", "pct",
                "percentage points", "pontos percentuais", "puntos porcentuales", "prozentpunkte",
                "points de pourcentage"),
    "temperature": ("°c", "°f", "°", "degrees", "graus", "grados", "degrés", "grad"),
    "money": ("euro", "euros", "dollar", "dollars", "dólares", "dólar", "pounds", "libras", "livres", "pfund",
              "won", "yen", "iene", "yuan", "shillings", "shilling", "xelins", "chelines", "schilling",
              "reais", "real", "pesos", "zloty", "zlotys", "złoty", "zlotis", "rupees", "rupias", "roupies",
              "francs", "francos", "franken", "kronor", "kroner", "coroas", "coronas", "kronen", "usd", "eur",
              "gbp", "chf"),
    "time": ("second", "seconds", "segundos", "secondes", "sekunden", "minute", "minutes", "minutos",
             "minuten", "hour", "hours", "horas", "heures", "stunden", "day", "days", "dias", "días", "jours",
             "tage", "tagen", "week", "weeks", "semanas", "semaines", "wochen", "month", "months", "meses",
             "mois", "monate", "monaten", "year", "years", "anos", "años", "ans", "années", "jahre", "jahren",
             "h", "min"),
}
_UNIT_OF = {w: cls for cls, words in _UNIT_WORDS.items() for w in words}
_UNIT_AFTER = re.compile(
    r"\s?(?:de\s|d['\u2019]|of\s)?(" + "|".join(sorted(map(re.escape, _UNIT_OF), key=len, reverse=True))
    + r")(?![\w²³])", re.IGNORECASE
)
_CURRENCY_BEFORE = re.compile(r"(?:[$€£¥₩₹]|R\$|US\$|A\$|C\$|USD|EUR|GBP)\s?$")


#: What one of a unit is worth in its kind's base unit (km, km/h, kg): a translator who turns "320 km" into
#: "200 miles" keeps the figure. Only units whose size is the same in every language we read.
_UNIT_SIZE: dict[str, float] = {
    **dict.fromkeys(("km", "kilometre", "kilometres", "kilometer", "kilometers", "quilómetros", "quilômetros",
                     "kilómetros", "kilomètres", "kilometern"), 1.0),
    **dict.fromkeys(("m", "metre", "metres", "meter", "meters", "metros", "mètres", "metern"), 1e-3),
    "cm": 1e-5, "mm": 1e-6,
    **dict.fromkeys(("mile", "miles", "milhas", "millas", "meilen", "milles"), 1.609344),
    **dict.fromkeys(("ft", "feet", "foot", "pés", "pies", "fuß"), 3.048e-4),
    **dict.fromkeys(("inches", "polegadas", "pulgadas", "zoll", "pouces"), 2.54e-5),
    "km/h": 1.0, "mph": 1.609344,
    **dict.fromkeys(("kg", "kilogram", "kilograms", "kilos", "quilos", "quilogramas", "kilogramos", "kilogramm"),
                    1.0),
    **dict.fromkeys(("tonne", "tonnes", "toneladas", "tonnen", "t"), 1e3),
    **dict.fromkeys(("g", "grams", "gramas", "gramos", "gramm"), 1e-3),
}


def unit_size(text: str, start: int, end: int) -> float | None:
    """What one of the unit written after the figure at ``text[start:end]`` is worth in its kind's base unit
    (see ``_UNIT_SIZE``: 1.609344 for "miles", 1.0 for "km"); None for a unit of no fixed size or none."""
    m = _UNIT_AFTER.match(text, end)
    return _UNIT_SIZE.get(m.group(1).lower()) if m else None


def unit_of(text: str, start: int, end: int) -> str | None:
    """The kind of thing the figure at ``text[start:end]`` counts ("length", "money", "percent", ...):
    a currency sign before it or a unit word right after it; None when neither is there (a bare count)."""
    if _CURRENCY_BEFORE.search(text, max(0, start - 4), start):
        return "money"
    m = _UNIT_AFTER.match(text, end)
    return _UNIT_OF[m.group(1).lower()] if m else None


# -- what a figure counts, as an identity (issue #19: "150 metres" -> "150 feet" is a changed figure) ----------

#: The languages whose unit and currency names ``units_of`` reads (CLDR, through Babel), with the locales read.
_UNIT_LOCALES: dict[str, tuple[str, ...]] = {"en": ("en", "en_GB"), "de": ("de",), "fr": ("fr",), "es": ("es",),
                                             "pt": ("pt", "pt_PT"), "ja": ("ja",), "zh": ("zh",)}
#: Languages that write a unit's name on the figure, with no space ("3.8リットル", "5公里"): the longest name read,
#: units only (a currency's names there, "ドル" against "米ドル", are not told apart).
_UNITS_UNSPACED = frozenset({"ja", "zh"})
#: The CLDR unit categories read (not "graphics" dots, "concentr" items, "angle" degrees and the like).
_UNIT_CATEGORIES = ("length", "area", "volume", "mass", "speed", "temperature", "duration", "energy", "power",
                    "digital", "concentr-percent", "concentr-permille")
_CROWNS = frozenset({"CZK", "DKK", "NOK", "SEK", "ISK"})
#: Names CLDR lacks, as news writes them: "crowns" (CLDR: kronor, kroner, korunas), "tons" also for metric
#: tonnes (a translation says "toneladas" for both), "percentage points" (no CLDR unit).
_UNIT_EXTRA: dict[str, dict[str, frozenset[str]]] = {
    "en": {"crown": _CROWNS, "crowns": _CROWNS,
           "ton": frozenset({"mass-tonne"}), "tons": frozenset({"mass-tonne"}),
           "percentage points": frozenset({"points"}), "points": frozenset({"points"})},
    "de": {"prozentpunkte": frozenset({"points"}), "prozentpunkten": frozenset({"points"}),
           "jahren": frozenset({"duration-year"}), "tagen": frozenset({"duration-day"}),
           "monaten": frozenset({"duration-month"}), "wochen": frozenset({"duration-week"})},
    "fr": {"points de pourcentage": frozenset({"points"})},
    "es": {"puntos porcentuales": frozenset({"points"})},
    "pt": {"pontos percentuais": frozenset({"points"})},
}
#: Languages that name a currency's unit first ("couronnes suédoises"); the others last ("Swedish kronor").
_CURRENCY_UNIT_FIRST = frozenset({"fr", "es", "pt"})
#: Abbreviations of one or two letters are words as often ("in" inches, Spanish "a" años, French "to" tonnes:
#: "killed 150 in the attack"): only these are read (longer ones and those with a sign, "km/h", "m²", are).
_SHORT_UNITS = frozenset({"m", "km", "cm", "mm", "kg", "g", "mg", "t", "ft", "mi", "lb", "oz", "ha", "h", "l",
                          "ml", "hl", "hp", "kw", "mw", "gw", "gb", "mb", "tb", "cv", "ps"})
_UNIT_NAME = re.compile(r"[^\s,;:.!?()\"“”]+")


def _forms(pattern: str) -> str:
    return re.sub(r"\s+", " ", pattern.replace("{0}", "").replace("\u00a0", " ").replace("\u202f", " ")).strip()


@lru_cache(maxsize=8)
def _unit_names(language: str) -> dict[str, frozenset[str]]:
    """Unit and currency name (casefolded, one to three words) -> what it names: CLDR unit ids ("length-foot") of
    the long names and of the abbreviations that are no common word, currency codes ("SEK") of the currencies'
    names, codes and unit words ("kronor"). Each word of a name of several words names all that the name names
    ("metres" is also what "square metres" names), so that two names name different things only when nothing
    is shared."""
    from babel import Locale

    out: dict[str, set[str]] = {}

    def add(name: str, ident: str, *, whole_only: bool = False) -> None:
        name = name.casefold()
        if not name or "{" in name:
            return
        out.setdefault(name, set()).add(ident)
        if " " in name and not whole_only:
            for w in name.split(" "):
                if len(w) > 2:
                    out.setdefault(w, set()).add(ident)

    for lc in _UNIT_LOCALES.get(language, ()):
        loc = Locale.parse(lc)
        for unit, widths in loc._data["unit_patterns"].items():
            if not unit.startswith(_UNIT_CATEGORIES):
                continue
            for width, counts in widths.items():
                for count, pattern in counts.items():
                    if count == "per" or "{0}" not in pattern:
                        continue
                    name = _forms(pattern)
                    if width != "long" and re.fullmatch(r"[^\W\d_]{1,2}", name) and name.casefold() not in _SHORT_UNITS:
                        continue
                    add(name, unit)
        plural = loc._data["currency_names_plural"]
        for code in _current_currencies():
            add(code, code, whole_only=True)
            names = [loc.currencies.get(code, ""), *dict(plural.get(code, {})).values()]
            for full in filter(None, map(_forms, names)):
                add(full, code, whole_only=True)
                words = full.split(" ")
                add(words[0] if language in _CURRENCY_UNIT_FIRST else words[-1], code)
    for name, idents in _UNIT_EXTRA.get(language, {}).items():
        out.setdefault(name, set()).update(idents)
    return {k: frozenset(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def _current_currencies() -> frozenset[str]:
    """The currency codes some territory has as legal tender today (CLDR)."""
    from babel.core import get_global

    return frozenset(c for rows in get_global("territory_currencies").values()
                     for c, _start, end, tender in rows if end is None and tender)


@lru_cache(maxsize=1)
def _currency_signs() -> dict[str, frozenset[str]]:
    """Currency sign -> the current currencies it may write: those English writes with it ("€" EUR, "A$" AUD) and,
    for a sign of one character, every currency of the same unit and every sign ending in it ("$" any dollar, the
    "HK$" of a Hong Kong paper too; "£" any pound; "¥" yen and yuan, "CN¥")."""
    from babel import Locale

    loc = Locale.parse("en")
    unit_of_code = {c: (loc.currencies.get(c) or c).rsplit(" ", 1)[-1].casefold() for c in _current_currencies()}
    out: dict[str, set[str]] = {}
    for code in _current_currencies():
        sign = loc.currency_symbols.get(code, "")
        if sign and not sign.isalpha():
            out.setdefault(sign, set()).add(code)
    for sign, codes in out.items():
        if len(sign) == 1:
            units = {unit_of_code[c] for c in codes}
            codes |= {c for c, u in unit_of_code.items() if u in units}
            codes |= {c for other, cs in list(out.items()) if other.endswith(sign) for c in cs}
    return {k: frozenset(v) for k, v in out.items()}


_SIGN_BEFORE = re.compile(r"(\S{1,3})\s?$")
_UNIT_OF_WORDS = frozenset({"of", "de", "d'", "d’"})


def units_of(text: str, start: int, end: int, language: str | None) -> frozenset[str] | None:
    """What the figure at ``text[start:end]`` counts, as CLDR unit ids and currency codes (``_unit_names``): the
    currency sign before it ("€", "US$") and the unit or currency name after it ("metres", "square feet",
    "millions de couronnes"), longest name first; None when neither is read (a bare count, a thing counted that is
    no unit, a language with no names here). Two figures count different things when their sets share nothing."""
    read = _units_read(text, start, end, language)
    return read[0] if read else None


def units_span(text: str, start: int, end: int, language: str | None) -> tuple[int, int]:
    """The span of the figure at ``text[start:end]`` with the currency sign and the unit name ``units_of`` reads."""
    read = _units_read(text, start, end, language)
    return (read[1], read[2]) if read else (start, end)


def _units_read(text: str, start: int, end: int, language: str | None) -> tuple[frozenset[str], int, int] | None:
    names = _unit_names(language or "en") if (language or "en") in _UNIT_LOCALES else {}
    if not names:
        return None
    found: set[str] = set()
    lo, hi = start, end
    sign = _SIGN_BEFORE.search(text, max(0, start - 4), start)
    if sign:
        signs = _currency_signs()
        lead = sign.group(1)
        k = next((k for k in range(len(lead)) if lead[k:] in signs), None)
        if k is not None:
            found |= signs[lead[k:]]
            lo = sign.start(1) + k
    words = [(m.group(), m.end()) for m in _UNIT_NAME.finditer(text, end, min(len(text), end + 60))][:4]
    if text[end:end + 1] in ("%", "°", "‰"):  # a sign typed on the digits
        two = text[end:end + 2].casefold()
        found |= names.get(two, frozenset()) | names.get(text[end], frozenset())
        hi = end + (2 if two in names else 1)
    elif (language or "en") in _UNITS_UNSPACED:
        gap = len(text[end:end + 2]) - len(text[end:end + 2].lstrip())
        rest = text[end + gap:end + gap + 12].casefold()
        name = max((n for n, ids in names.items() if rest.startswith(n) and not any(i.isupper() for i in ids)),
                   key=len, default="")
        if name:
            found |= names[name]
            hi = end + gap + len(name)
    elif words and text[end:words[0][1] - len(words[0][0])].strip() == "":
        if words[0][0].casefold() in _UNIT_OF_WORDS and len(words) > 1:
            words = words[1:]
        elif words[0][0][:2].casefold() in ("d'", "d’"):  # "millions d'euros"
            words = [(words[0][0][2:], words[0][1]), *words[1:]]
        for n in (3, 2, 1):
            name = " ".join(w.casefold() for w, _e in words[:n])
            if len(words) >= n and name in names:
                rate = _rate(names[name], [w for w, _e in words[n:n + 2]], names)
                found |= rate or names[name]
                hi = words[n + 1][1] if rate else words[n - 1][1]
                break
        else:  # "km/hr": a name, a slash, a time
            head, slash, tail = words[0][0].casefold().partition("/")
            if slash and head in names and (rate := _rate(names[head], ["/", tail], names)):
                found |= rate
                hi = words[0][1]
    return (frozenset(found), lo, hi) if found else None


#: What one of a CLDR unit (``units_of``) is worth in its kind's base unit, for the units news converts in brackets
#: ("150 metres (492 feet)"): metre, square metre, litre, kilogram, km/h.
_CLDR_SIZE: dict[str, float] = {
    "length-meter": 1.0, "length-kilometer": 1e3, "length-centimeter": 1e-2, "length-millimeter": 1e-3,
    "length-foot": 0.3048, "length-inch": 0.0254, "length-yard": 0.9144, "length-mile": 1609.344,
    "length-nautical-mile": 1852.0,
    "area-square-meter": 1.0, "area-square-kilometer": 1e6, "area-hectare": 1e4, "area-acre": 4046.8564,
    "area-square-mile": 2589988.1, "area-square-foot": 0.09290304,
    "volume-liter": 1.0, "volume-cubic-meter": 1e3, "volume-gallon": 3.785411784, "volume-gallon-imperial": 4.54609,
    "volume-barrel": 158.987,
    "mass-kilogram": 1.0, "mass-gram": 1e-3, "mass-tonne": 1e3, "mass-pound": 0.45359237, "mass-ounce": 0.028349523,
    "mass-ton": 907.18474, "mass-stone": 6.35029318,
    "speed-kilometer-per-hour": 1.0, "speed-mile-per-hour": 1.609344, "speed-knot": 1.852,
    "speed-meter-per-second": 3.6,
}


def converts(a: frozenset[str], x: float, b: frozenset[str], y: float, tolerance: float) -> bool:
    """Whether ``y`` of a unit read as ``b`` is ``x`` of a unit read as ``a`` (``units_of``) in another unit of the
    same kind ("150 metres" = "492 feet"; Celsius and Fahrenheit too): sizes from ``_CLDR_SIZE``, within
    ``tolerance`` (share of the larger; a degree for temperatures)."""
    for u in a - b:
        for v in b - a:
            if u.split("-")[0] != v.split("-")[0]:
                continue
            if {u, v} == {"temperature-celsius", "temperature-fahrenheit"}:
                c, f = (x, y) if u == "temperature-celsius" else (y, x)
                if abs((f - 32) / 1.8 - c) <= 1.0:
                    return True
            elif u in _CLDR_SIZE and v in _CLDR_SIZE:
                p, q = x * _CLDR_SIZE[u], y * _CLDR_SIZE[v]
                if abs(p - q) <= tolerance * max(p, q):
                    return True
    return False


#: Words that make the unit before them a rate of the time after them ("km per hour", "km an hour", "km/h").
_RATE_WORDS = frozenset({"per", "an", "a", "each", "/", "pro", "je", "par", "à", "por"})


def _rate(idents: frozenset[str], after: list[str], names: dict[str, frozenset[str]]) -> frozenset[str] | None:
    """The units a speed names when ``idents`` has a length and ``after`` is a rate word and a time ("per hour",
    "à l'heure"): CLDR's speed id ("speed-kilometer-per-hour", as CLDR reads "km/h"). None when ``after`` says no
    rate or no length is named: any other unit is read as before ("$15 an hour" a sum, "10 percent a year" a share)."""
    if len(after) < 2 or after[0].casefold() not in _RATE_WORDS:
        return None
    time = re.sub(r"^[ld][’']", "", after[1].casefold())
    times = [t.removeprefix("duration-") for t in names.get(time, ()) if t.startswith("duration-")]
    if not times:
        return None
    lengths = [i.removeprefix("length-") for i in idents if i.startswith("length-")]
    if not lengths:
        return None
    return frozenset({i for i in idents if "-" not in i} | {f"speed-{u}-per-{t}" for u in lengths for t in times})


@lru_cache(maxsize=8)
def _ordinal_words(language: str) -> dict[str, int]:
    """Ordinal word -> its figure, 1 to 31, "first" and "second" included (num2words, with ``_ordinal_forms``)."""
    from num2words import num2words

    out: dict[str, int] = {}
    if language == "ru":  # read as ordinals only (``ordinal_value``), never as figures: "второго типа" = "type 2"
        for n in range(1, 32):
            for form in _ru_ordinal_forms(num2words(n, lang="ru", to="ordinal").lower()):
                out.setdefault(form, n)
        return out
    if language not in _ORDINAL_LANGUAGES:
        return out
    for n in range(1, 32):
        for form in _ordinal_forms(num2words(n, lang=language, to="ordinal").lower(), language):
            out.setdefault(form, n)
    if language == "fr":  # feminine and plural forms num2words does not write
        out.update({"première": 1, "premières": 1, "premiers": 1, "seconde": 2, "secondes": 2, "seconds": 2})
    elif language == "es":  # before a masculine noun: "el primer vuelo", "un tercer vuelo"
        out.update({"primer": 1, "tercer": 3})
    for word in _NOT_ORDINALS.get(language, ()):
        out.pop(word, None)
    return out


#: Russian adjective endings: hard stems ("второй", "пятый") and the soft "третий" ("третьего").
_RU_HARD_ENDINGS = ("ой", "ый", "ого", "ому", "ым", "ом", "ая", "ую", "ое", "ые", "ых", "ыми")
_RU_SOFT_ENDINGS = ("ий", "ьего", "ьему", "ьим", "ьем", "ья", "ьей", "ью", "ье", "ьи", "ьих", "ьими")


def _ru_ordinal_forms(word: str) -> list[str]:
    """A Russian ordinal of one word in every case, gender and number ("второй" -> "второго", "второй", "вторую",
    ...); none for one of several words ("двадцать первый")."""
    if " " in word:
        return []
    endings = _RU_SOFT_ENDINGS if word.endswith("ий") else _RU_HARD_ENDINGS
    stems = {word[:-2], word[:-2].replace("ё", "е")}
    return [stem + e for stem in stems for e in endings]


#: Ordinal forms that news mostly writes as another word: time units ("30 secondes", "dos segundos") and rooms or
#: quarters ("un cuarto", "o quarto", "cuarto de hora"; ``find_figures`` reads no figure in them, ``ordinal_value``
#: the rooms' with ``ambiguous``).
_NOT_ORDINALS: dict[str, frozenset[str]] = {
    "fr": frozenset({"secondes", "seconds"}),
    "es": frozenset({"segundos", "cuarto", "cuartos"}),
    "pt": frozenset({"segundos", "quarto", "quartos"}),
}


_DIGIT_ORDINAL = re.compile(rf"(\d{{1,2}})(?:{_ORDINAL_ENDINGS})", re.IGNORECASE)


#: ``_NOT_ORDINALS``' rooms and quarters, which ``ordinal_value`` reads with ``ambiguous``.
_AMBIGUOUS_ORDINALS: dict[str, dict[str, int]] = {"pt": {"quarto": 4, "quartos": 4}, "es": {"cuarto": 4, "cuartos": 4}}


def ordinal_value(word: str, language: str | None, *, ambiguous: bool = False) -> int | None:
    """The figure of an ordinal written as a word ("second", "dritte", "troisième", "segunda") or on its digits
    ("3rd", "2e", "1º"; "14a", "9o" in pt, es, it), 1 to 31; None for any other word. Unlike ``find_figures``,
    "first" and "second" are read: the caller reads them only where an ordinal stands in their place. With
    ``ambiguous``, also a word that is mostly a room or a quarter ("quarto": fourth), for a caller that only asks
    whether an ordinal of another language may be said so."""
    d = _DIGIT_ORDINAL.fullmatch(word)
    if d is None and (language or "en") in _AO_ORDINAL_LANGUAGES:
        d = _AO_ORDINAL.fullmatch(word)
    if d:
        return int(d.group(1))
    folded = word.casefold()
    if ambiguous and folded in _AMBIGUOUS_ORDINALS.get(language or "en", {}):
        return _AMBIGUOUS_ORDINALS[language or "en"][folded]
    return _ordinal_words(language or "en").get(folded)
