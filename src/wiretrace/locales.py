"""Locale affinity (issue #18): whose language do a story's places, currencies and peoples belong to?

A story about Osaka in yen is more likely written in Japanese first; one about Ohio in dollars, in English.
This module reads the mentions of a text against a gazetteer built from Babel's CLDR data only (no list
of our own): for the text's language, the names of territories (``Locale.territories``), of their
exemplar cities (``Locale.time_zones``, the time zone's territory), of currencies (names, plural forms
and unique symbols; the territories where each is tender) and of languages (``Locale.languages``, which
in most languages doubles as the adjective of the people: "Japanese", "японский"). Each mention counts
for the first official language of its territory (``babel.languages.get_official_languages``, de facto
ones included: the most spoken first) or, for a language name, for that language.

``affinity(text_a, lang_a, text_b, lang_b)`` pools the mentions of both texts (a translation names the
same places as its original, in its own words) and returns, per kind of name and over the CLDR kinds
together (``"all"``), ``(n_a - n_b) / (n_a + n_b + SMOOTH)``: the share by which the story belongs to a's
language more than to b's, in [-1, 1], antisymmetric, absent when the languages are the same or nothing
counts. source-v8 reads ``"all"`` (``relate``: ``src_locale``).

The fourth kind, ``"name"`` (personal-name forms: Russian and Japanese only, by regular expression), is kept
apart and read by no shipped model: with detectors for two languages' forms and no English original about
Russians or Japanese in the real-data test bed, its dev figures cannot be told from a language-pair prior
(bench/RESULTS.md, session 13, locale affinity).

Matching is by word start with up to ``_SUFFIX`` more letters after a stem (final vowels dropped), so
inflected forms count ("Японии", "Frankreichs", "Russian"); Chinese and Japanese by substring.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from .scripts import UNSPACED_LANGUAGES
from .wordlists import wordfreq_language

__all__ = ["LocaleMentions", "affinity", "mentions"]

#: Pseudo-count added to the denominator: a story naming one place is weaker evidence than one naming ten.
SMOOTH = 2.0
#: Letters allowed after a name's stem (inflection: "Японии", "Deutschlands", "japonaises").
_SUFFIX = 3
#: A name shorter than this (after stemming) must match whole (plus an English/German "s").
_MIN_STEM = 4
_FINAL_VOWELS = "aeiouyаяоеёиыйьуэюъ"
#: Languages that name the currency's unit first ("iene japonês"); the others last ("Japanese yen").
_UNIT_FIRST = {"fr", "pt", "es", "it", "ro", "ca", "gl"}
#: A unit word as common as this (wordfreq's Zipf scale) is a word of the language first ("real", "won", "mark"):
#: it counts only inside the currency's full name.
_UNIT_MAX_ZIPF = 5.0


#: The kinds of name, each a feature of its own (a story's places say more than the currency it quotes).
KINDS = ("place", "money", "people", "name")

#: Personal names by their form (the one kind not from CLDR: the forms are the languages' own grammar): a
#: Russian surname or patronymic (-ov/-ev/-sky, -ovich/-ovna, in Latin transliteration or Cyrillic with its
#: case endings) counts for Russian; a Latin word of Japanese syllables alone (Hepburn romanisation, three
#: or more, rare in the text's language) for Japanese. Keyed by the script the text is written in.
_RU_LATIN = re.compile(r"\b[A-Z][a-z]{2,}(?:ov|ova|ev|eva|yev|yeva|ovich|evich|ovna|evna|sky|skiy|skaya|skii)\b")
_RU_CYRILLIC = re.compile(r"\b[А-ЯЁ][а-яё]{2,}(?:ов|ев|ёв|ович|евич|овн|евн|ск)"
                          r"(?:а|у|ым|ой|ом|е|ы|ич|ича|ичу|ий|ая|ого|ому)?\b")
_ROMAJI = re.compile(r"\b[A-Z](?:[a-z]*)\b")
_MORA = re.compile(r"(?:(?:[kgsztdnhbpmr]y?|sh|ch|j|ts|f|w|y)?[aeiou]|n(?![aeiouy]))")
#: A romaji-shaped word at least this common in the text's language is one of its words ("Banana", "Maria").
_ROMAJI_MAX_ZIPF = 3.0


@dataclass(slots=True, frozen=True)
class LocaleMentions:
    """Per kind and language, how many mentions of a text point at it; the names matched."""

    counts: dict[str, Counter[str]]
    names: Counter[str]


def _base(code: str) -> str:
    return code.split("_", 1)[0].lower()


@lru_cache(maxsize=1)
def _territory_languages() -> dict[str, frozenset[str]]:
    from babel.core import get_global
    from babel.languages import get_official_languages

    out = {}
    for code in get_global("territory_languages"):
        if len(code) == 2 and code.isalpha():
            # The first official language (de facto ones included) only: CLDR lists the most spoken first, so
            # Hong Kong counts for Chinese and India for Hindi, not both for English.
            langs = get_official_languages(code, de_facto=True)
            if langs:
                out[code] = frozenset({_base(langs[0])})
    return out


@lru_cache(maxsize=1)
def _currency_languages() -> dict[str, frozenset[str]]:
    from babel.core import get_global

    terr = _territory_languages()
    out: dict[str, set[str]] = {}
    for code, rows in get_global("territory_currencies").items():
        for currency, _start, end, tender in rows:
            if end is None and tender and code in terr:
                out.setdefault(currency, set()).update(terr[code])
    return {k: frozenset(v) for k, v in out.items()}


@lru_cache(maxsize=32)
def _entries(language: str) -> dict[str, tuple[str, frozenset[str]]] | None:
    """Name -> its kind (``KINDS``) and the languages a mention of it counts for, in ``language``'s own words
    (None: Babel has no such locale)."""
    from babel import Locale, UnknownLocaleError
    from babel.core import get_global
    from babel.numbers import get_currency_name
    from wordfreq import zipf_frequency

    words = wordfreq_language(_base(language))
    try:
        loc = Locale.parse(language)
    except (UnknownLocaleError, ValueError, TypeError):
        return None
    terr = _territory_languages()
    out: dict[str, set[str]] = {}
    kinds: dict[str, str] = {}
    spaced = _base(language) not in UNSPACED_LANGUAGES

    def add(name: str | None, langs: frozenset[str], kind: str = "place") -> None:
        if name and len(name.strip()) >= (2 if spaced else 1) and langs:
            out.setdefault(name.strip(), set()).update(langs)
            kinds.setdefault(name.strip(), kind)

    for code, name in loc.territories.items():
        if code in terr:
            add(name, terr[code])
    zones = get_global("zone_territories")
    for zone, territory in zones.items():
        if territory not in terr or "/" not in zone or zone.startswith("Etc/"):
            continue
        # A city CLDR gives no name of its own in this language keeps the zone's (English) one.
        city = (loc.time_zones.get(zone) or {}).get("city") or zone.rsplit("/", 1)[1].replace("_", " ")
        add(city, terr[territory])
    places = sorted((n for c, n in loc.territories.items() if c in terr), key=len, reverse=True)
    for currency, langs in _currency_languages().items():
        if currency not in loc.currencies:
            continue
        for count in (None, 1, 2, 5):
            name = get_currency_name(currency, count, loc)
            add(name, langs, "money")
            if spaced and " " in name:  # "Japanese yen" -> "yen", "iene japonês" -> "iene"
                unit = name.split(" ", 1)[0] if _base(language) in _UNIT_FIRST else name.rsplit(" ", 1)[1]
                if words is None or zipf_frequency(unit.lower(), words) < _UNIT_MAX_ZIPF:
                    add(unit, langs, "money")
            elif not spaced:  # "日本円" -> "円", "俄罗斯卢布" -> "卢布": the unit without its country
                place = next((p for p in places if name.startswith(p) and len(name) > len(p)), None)
                if place:
                    add(name[len(place):].strip(), langs, "money")
        symbol = loc.currency_symbols.get(currency, "")
        if len(symbol) == 1 and not symbol.isalnum() and symbol != "$":
            add(symbol, langs, "money")
    for code, name in loc.languages.items():
        if len(code) == 2 and code.isalpha():
            add(name, frozenset({code}), "people")
    # A name several entries share (a currency called "dollar" in many places) counts for all their languages.
    return {k: (kinds[k], frozenset(v)) for k, v in out.items()}


_WORD = re.compile(r"\w+|[^\w\s]")


@dataclass(slots=True, frozen=True)
class _Gazetteer:
    """``language``'s names: for spaced scripts keyed by their words, the last one by its stem; else literal."""

    entries: dict[str, tuple[str, frozenset[str]]]
    spaced: bool
    keys: dict[tuple[str, ...], list[tuple[str, str, int]]]  # leading words + stem -> (name, whole, max suffix)
    longest: int
    literal: tuple[str, ...]  # no-space scripts and symbols, longest first


@lru_cache(maxsize=32)
def _gazetteer(language: str) -> _Gazetteer | None:
    entries = _entries(language)
    if not entries:
        return None
    spaced = _base(language) not in UNSPACED_LANGUAGES
    keys: dict[tuple[str, ...], list[tuple[str, str, int]]] = {}
    literal = []
    for name in entries:
        words = _WORD.findall(name)
        if not spaced or not any(ch.isalpha() for ch in name) or not words:
            literal.append(name)
            continue
        for v in {name, name[0].upper() + name[1:]}:
            *lead, last = _WORD.findall(v)
            stem = last.rstrip(_FINAL_VOWELS)
            if len(stem) >= _MIN_STEM and stem != last:
                key, whole, suffix = stem, last, _SUFFIX
            elif len(last) >= _MIN_STEM:
                key, whole, suffix = last, last, _SUFFIX
            else:
                key, whole, suffix = last, last, 0  # a short name matches whole (or with an "s")
            keys.setdefault((*lead, key), []).append((name, whole, suffix))
    longest = max((len(k) for k in keys), default=1)
    return _Gazetteer(entries, spaced, keys, longest, tuple(sorted(literal, key=len, reverse=True)))


def _find(text: str, g: _Gazetteer) -> Counter[str]:
    """How often each name of ``g`` occurs in ``text`` (longest names first, each character counted once)."""
    found: Counter[str] = Counter()
    for name in g.literal:
        if name in text:
            found[name] += text.count(name)
            text = text.replace(name, " ")
    if not g.spaced:
        return found
    tokens = _WORD.findall(text)
    i = 0
    while i < len(tokens):
        hit = None
        for n in range(min(g.longest, len(tokens) - i), 0, -1):
            lead, last = tuple(tokens[i:i + n - 1]), tokens[i + n - 1]
            for cut in range(0, min(_SUFFIX, len(last) - 1) + 1):
                for name, whole, suffix in g.keys.get((*lead, last[:len(last) - cut]), ()):
                    if cut <= suffix or (suffix == 0 and last in (whole, whole + "s")):
                        hit = (name, n)
                        break
                if hit:
                    break
            if hit:
                break
        if hit:
            found[hit[0]] += 1
            i += hit[1]
        else:
            i += 1
    return found


def mentions(text: str, language: str | None) -> LocaleMentions:
    """The locale mentions of ``text`` read in its ``language``'s gazetteer (nothing for an unknown one)."""
    counts: dict[str, Counter[str]] = {k: Counter() for k in KINDS}
    g = _gazetteer(language) if language else None
    if g is None or not text:
        return LocaleMentions(counts, Counter())
    names = _find(text, g)
    for name, n in names.items():
        kind, langs = g.entries[name]
        for lang in langs:
            counts[kind][lang] += n
    for name, lang in _name_forms(text, _base(language or ""), g):
        counts["name"][lang] += 1
        names[name] += 1
    return LocaleMentions(counts, names)


def _rare(zipf: float | None) -> bool:
    """A word rare enough to be a romanised Japanese name; a language with no word list cannot tell."""
    return zipf is not None and zipf < _ROMAJI_MAX_ZIPF


def _name_forms(text: str, language: str, g: _Gazetteer) -> list[tuple[str, str]]:
    """Personal names whose form is Russian or Japanese (``KINDS``' "name"), not counted as another kind."""
    from wiretrace.segment import word_zipf

    if language == "ru":
        return [(name, "ru") for name in _RU_CYRILLIC.findall(text)]
    if not g.spaced:
        return []
    out = [(name, "ru") for name in _RU_LATIN.findall(text)]
    for word in _ROMAJI.findall(text):
        w = word.lower()
        if (len(w) >= 5 and len(_MORA.findall(w)) >= 3 and "".join(_MORA.findall(w)) == w
                and word not in g.entries and _rare(word_zipf(w, language))):
            out.append((word, "ja"))
    return out


def affinity(text_a: str, lang_a: str | None, text_b: str, lang_b: str | None
             ) -> tuple[dict[str, float], dict[str, str]]:
    """How much more the pair's named places, currencies, peoples and names belong to a's language than to b's.

    Returns, per kind of name (``KINDS``) and over all of them (``"all"``), ``(n_a - n_b) / (n_a + n_b +
    SMOOTH)`` (positive: a's language; no entry when nothing counts or the languages are the same or
    unknown) and, per side, the names that counted for its language, most frequent first."""
    la, lb = _base(lang_a or ""), _base(lang_b or "")
    if not la or not lb or la == lb:
        return {}, {}
    ma, mb = mentions(text_a, lang_a), mentions(text_b, lang_b)
    values: dict[str, float] = {}
    tot_a = tot_b = 0
    for kind in KINDS:
        n_a = ma.counts[kind][la] + mb.counts[kind][la]
        n_b = ma.counts[kind][lb] + mb.counts[kind][lb]
        if kind != "name":  # "all" is CLDR's names only; name forms are a feature apart
            tot_a, tot_b = tot_a + n_a, tot_b + n_b
        if n_a != n_b:
            values[kind] = (n_a - n_b) / (n_a + n_b + SMOOTH)
    if tot_a != tot_b:
        values["all"] = (tot_a - tot_b) / (tot_a + tot_b + SMOOTH)
    words = {}
    for side, lang in (("a", la), ("b", lb)):
        named: Counter[str] = Counter()
        for mm, lang_of_text in ((ma, lang_a), (mb, lang_b)):
            entries = _entries(lang_of_text or "") or {}
            for name, n in mm.names.items():
                if lang in entries.get(name, ("", frozenset()))[1]:
                    named[name] += n
        if named:
            words[side] = ", ".join(name for name, _ in named.most_common(4))
    return values, words
