"""Numbers written in digits or words, in several languages, to comparable values.

"7,000" (en), "7.000" (pt, es, de), "7 000" (fr), "seven thousand", "sete mil" and "siebentausend"
all give 7000; "3.2 million" and "3,2 milhões" give 3200000. Word forms come from num2words, so every
language it knows gets its words for free; scale words are listed here.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

# Languages writing "," for decimals (and "." or a space for thousands); French groups with spaces.
_DOT_THOUSANDS = frozenset({"pt", "es", "de", "it", "nl", "tr", "id", "da", "pl", "ro", "el", "sv", "no", "fr",
                            "ru", "uk", "bg", "cs", "sk", "fi", "hr", "sr", "sl", "hu", "lt", "lv", "et", "vi"})

#: Characters of scripts written without spaces (CJK ideographs, kana, hangul, full-width forms): a figure
#: touching one ("有4800万人", "1200件") still stands alone, as it does between spaces elsewhere.
_NO_SPACE_SCRIPTS = "\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef"
_WORD_NOT_CJK = f"[^\\W{_NO_SPACE_SCRIPTS}]"

DIGITS = re.compile(
    rf"(?<!{_WORD_NOT_CJK})(?<![.,])(?:\d{{1,3}}(?:(?:,|\.|\u00a0|\u202f| )\d{{3}})+|\d+)(?:[.,]\d+)?"
    rf"(?!{_WORD_NOT_CJK}|[.,]\d)",
)

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
    + r"|(" + "|".join(sorted(_CJK_SCALES, key=len, reverse=True)) + ")",
    re.IGNORECASE,
)
_HUNDREDS = {"hundred": 100, "hundert": 100, "cem": 100, "cento": 100, "cien": 100, "ciento": 100,
             "cent": 100, "cents": 100}
_CONNECTORS = frozenset({"and", "e", "y", "und", "et", "-"})
# Feminine forms num2words does not give (it writes the masculine).
_EXTRA_FORMS: dict[str, dict[str, float]] = {
    "pt": {"duas": 2, "duzentas": 200, "trezentas": 300, "quatrocentas": 400, "quinhentas": 500},
    "es": {"doscientas": 200, "trescientas": 300, "cuatrocientas": 400, "quinientas": 500},
}
# Words for 1 are articles in most languages ("un", "uma", "ein"): never read them as numbers.
_ONE_WORDS = frozenset({"one", "a", "an", "um", "uma", "un", "une", "uno", "una", "ein", "eine", "einen"})


@dataclass(slots=True)
class NumberWords:
    """Word -> value table for one language, built from num2words."""

    language: str
    words: dict[str, float]

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
            _add_forms(words, num2words(n * 1000, lang=lang), n * 1000)
            _add_forms(words, num2words(n * 100, lang=lang), n * 100)
        for w, v in list(_SCALES.items()) + list(_HUNDREDS.items()):
            if len(w) > 3:
                words.setdefault(w, v)
        for w, v in _EXTRA_FORMS.get(lang, {}).items():
            words.setdefault(w, v)
        for w in _ONE_WORDS:
            words.pop(w, None)
        return cls(language, words)

    def parse_run(self, tokens: list[str]) -> float | None:
        """Value of a run of number words ("seven thousand", "twenty-one"), or None."""
        total = 0.0
        current = 0.0
        seen = False
        for tok in tokens:
            t = tok.lower()
            if t in _CONNECTORS:
                continue
            v = self.words.get(t)
            if v is None:
                return None
            seen = True
            if v == 100:
                current = max(current, 1) * 100
            elif v >= 1000 and t in _SCALES:
                total += max(current, 1) * v
                current = 0
            else:
                current += v
        return total + current if seen else None


def _add_forms(words: dict[str, float], form: str, value: float) -> None:
    form = form.lower().strip()
    words.setdefault(form, value)
    if " " not in form:
        words.setdefault(form.replace("-", ""), value)


def parse_digits(text: str, language: str | None) -> float | None:
    """Value of a number written in digits with the separators ``language`` uses."""
    s = text.replace("\u00a0", " ").replace("\u202f", " ")
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
               "mètres", "metern", "cm", "mm", "mile", "miles", "milhas", "millas", "meilen", "ft", "feet",
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


def unit_of(text: str, start: int, end: int) -> str | None:
    """The kind of thing the figure at ``text[start:end]`` counts ("length", "money", "percent", ...):
    a currency sign before it or a unit word right after it; None when neither is there (a bare count)."""
    if _CURRENCY_BEFORE.search(text, max(0, start - 4), start):
        return "money"
    m = _UNIT_AFTER.match(text, end)
    return _UNIT_OF[m.group(1).casefold()] if m else None
