"""Names compared token by token: the key a name token is compared by, a name's derived forms ("Korea" ->
"Korean"), transliterations, name endings and exonyms across languages, and where a capital says nothing of a name.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from wiretrace.diff.text import _mentions
from wiretrace.records import Doc, Mention
from wiretrace.scripts import UNSPACED
from wiretrace.segment import WORD, fold, word_zipf


def _last_name_key(text: str) -> str:
    """A changed name's key as ``_once`` counts it: a name of several words by its last ("Maren Thalbeck" ->
    "Ilse Brandt" and "Thalbeck" -> "Brandt" are one change)."""
    words = WORD.findall(text)
    return _name_key(words[-1] if len(words) > 1 else text)


_OPENERS = "\"'“‘«„‹"


def _initial(text: str, at: int) -> bool:
    """Whether the word at ``text[at]`` opens a sentence, a line, a quotation or a bracket, or follows a colon or a
    dash: where a capital says nothing of a name."""
    line = text[:at].rsplit("\n", 1)[-1].rstrip()
    if line.endswith(("(", "[")):
        return True
    line = line.rstrip(_OPENERS).rstrip()
    return not line or line.endswith((".", "!", "?", ":", ";", "—", "–", " -", "…", "(", "["))


def _common_word(word: str, text: str) -> bool:
    """Whether a capitalised word is a common word of its article, which writes it in lower case too (a title's
    "Primaire" beside "une primaire"): across languages its counterpart is a translation, not a respelt name.
    (Asked only of a name that the other side spells otherwise, so the article's words are read then.)"""
    bare = re.sub(r"['\u2019]s?$", "", word)
    if not bare[:1].isupper():
        return False
    low = bare.lower()
    return any(w == low for w in WORD.findall(text) if w[:1].islower())


_PARTS = re.compile(r"[-\s\u2010\u2011]+")
_JOINERS = re.compile(r"[-'\u2010\u2011\u2019]")


def _bare(token: str) -> str:
    """Casefolded, without a possessive ending ("Kenya's" -> "kenya")."""
    return re.sub(r"['\u2019]s?$", "", token).casefold()


def _name_tokens(doc: Doc) -> set[str]:
    return {_name_key(w) for m in _mentions(doc, "name") for w in WORD.findall(m.text)}


def _name_key(token: str) -> str:
    """A name token as compared: case- and accent-folded, curly apostrophes straight, without a possessive
    ending ("Moscow’s" = "Moscow's" = "Moscow", "Jesus'" = "Jesus")."""
    key = fold(token).replace("\u2019", "'")
    return key[:-2] if key.endswith("'s") and len(key) > 2 else key.rstrip("'") or key


# Endings that derive a word from a name without changing it: demonyms and adjectives ("Korea" ->
# "Korean", "Jordan" -> "Jordanian", "Dakotans" -> "Dakotas"), plurals ("Refugees").
_DERIVING = ("ians", "ian", "eans", "ean", "ans", "an", "ns", "n", "ese", "es", "s")


def _derived(a: str, b: str) -> bool:
    """Whether two name keys are one name in another form rather than a misspelling: one is a part of the
    other's hyphenated compound ("Soviet-era" -> "Soviet", "US-China" -> "China"), or both are one stem
    with a deriving ending ("Korea" / "Korean"). A changed letter inside a name is never either."""
    if a in _PARTS.split(b) or b in _PARTS.split(a):
        return True
    # written with or without a hyphen or an apostrophe inside ("Micro-influencers", "Gen-X’ers" / "Gen-Xers")
    a, b = _JOINERS.sub("", a), _JOINERS.sub("", b)
    if a == b:
        return True

    def stems(w: str) -> set[str]:
        return {w} | {w[: -len(e)] for e in _DERIVING if w.endswith(e) and len(w) - len(e) >= 4}

    return bool(stems(a) & stems(b))


#: Spellings one language writes for another's sounds ("Lukaschenko" / "Loukachenko", "Occitanie" /
#: "Okzitanien"), each read as one letter: the hushing sibilants, "ou" for "u", "c" before e/i as "s".
_SOUNDS = (("tsch", "X"), ("sch", "X"), ("sh", "X"), ("ch", "X"), ("ou", "u"), ("ph", "f"), ("ck", "k"),
           ("ce", "se"), ("ci", "si"), ("c", "k"), ("q", "k"), ("z", "s"), ("j", "i"))


def _sound_key(word: str) -> str:
    """A name as its letters sound across the languages we read (accents off, Latin letters only). A doubled
    letter, "w" for "v" and "y" for "i" stay apart: they are how a name is misspelled ("Pestanna",
    "Sadovska"), not how another language writes it."""
    key = "".join(ch for ch in fold(word) if "a" <= ch <= "z")
    head, rest = key[:1], key[1:]  # the first letter is kept as written: "Zamudio" -> "Samudio" is a change
    for spelled, sound in _SOUNDS:
        rest = rest.replace(spelled, sound)
    return head + rest


#: Endings a language puts on a name it writes (a case, a genitive, a plural or a demonym's ending), on the
#: ``_sound_key`` of the longer form: where one language's form is the other's with letters added, only
#: these may be the added letters ("Okzitanien" for "Occitanie", Finnish "Brekkessä"); any other lengthening
#: is a misspelling a copy made ("Brekke" -> "Brekker" / "Brekkel"). Read from the WMT22 dev translations'
#: names and the languages' grammars; a language not listed lengthens no name.
_NAME_ENDINGS: dict[str, frozenset[str]] = {
    "de": frozenset(("s", "n", "en", "er", "ern")),
    "fr": frozenset(("s", "e")),
    "en": frozenset(("s",)),
    "es": frozenset(("s",)), "pt": frozenset(("s",)),
    "nl": frozenset(("s", "en")),
    "fi": frozenset(("n", "a", "ssa", "sta", "lla", "lta", "lle", "ksi", "na", "in", "iin", "hin", "seen", "ta",
                     "ille", "issa", "ista", "illa", "ina")),  # keys are folded: "ssä" is "ssa"
    "cs": frozenset(("a", "u", "em", "ovi", "y", "ovy", "ou", "e", "i")),
    "pl": frozenset(("a", "u", "em", "owi", "ie", "y", "ego", "emu")),
}
_ANY_ENDING = frozenset().union(*_NAME_ENDINGS.values())
#: A form that is a word or a known place at this Zipf frequency (in its language or in English) is no
#: misspelling where it differs only in its ending vowel: "Europa" for "Europe", "Myra" for "Myre" ("Brekke" 1.4).
_KNOWN_FORM_ZIPF = 2.0


def _known_form(word: str, language: str | None) -> bool:
    return max(word_zipf(word, language) or 0.0, word_zipf(word, "en") or 0.0) >= _KNOWN_FORM_ZIPF


#: Words that make another surname of a name, not a compound of it ("Hoff" / "Hoffmann", "Berg" / "Bergson").
_SURNAME_PARTS = frozenset(("man", "mann", "son", "sohn", "sen", "ton", "ski", "sky"))


def _compound(short_key: str, long_: str, language: str | None) -> bool:
    """Whether ``long_`` is a compound of the name keyed ``short_key``: hyphenated ("Rhein-Sieg-Kreis"), or
    with a word written on (German "Jesuskind", "Martinsumzug", "Internetportals"; a linking or genitive "s"
    allowed) of three letters or more, an ordinary one (Zipf 3) in the language or in English."""
    pieces = long_.split("-")
    if any(_sound_key("".join(pieces[:k])) == short_key for k in range(1, len(pieces))):
        return True  # hyphenated: "Rhein-Sieg-Kreis", "Biontech-Pfizer-Impfstoffs"
    w = "".join(ch for ch in fold(long_) if "a" <= ch <= "z")
    for k in range(3, len(w) - 2):
        head, tail = w[:k], w[k:]
        if _sound_key(head) != short_key and not (head.endswith("s") and _sound_key(head[:-1]) == short_key):
            continue
        for t in {tail, tail.removesuffix("s")}:
            if len(t) >= 3 and t not in _SURNAME_PARTS and max(
                    word_zipf(t, language) or 0.0, word_zipf(t, "en") or 0.0) >= 3.0:
                return True
    return False


def _transliterated(a: str, b: str, lang_a: str | None = None, lang_b: str | None = None, *,
                    endings: bool = True) -> bool:
    """Across languages: one name in each language's spelling, read by ``_sound_key``: the same key
    ("Lukaschenko" / "Loukachenko"), or one key the start of the other by an ending its language makes
    on names (``_NAME_ENDINGS``: "Occitanie" / "Okzitanien") or by a word (a compound: "Kiel" / "Kielfest";
    the longer form being a word is not enough: surnames are, "Hoff" / "Hoffmann"). A consonant changed, a
    letter doubled or an ending added that the language does not make still differs ("Halvorsen" /
    "Halworsen", "Pestana" / "Pestanna", "Brekke" / "Brekker"); a vowel changed may not (the price of
    reading transliterations).
    ``lang_a`` / ``lang_b``: the languages ``a`` and ``b`` are written in (None: any language's endings).
    ``endings`` False (``DiffConfig.name_endings`` off): any lengthening passes, as before that option."""
    ka, kb = _sound_key(a), _sound_key(b)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    if min(len(ka), len(kb)) < 3 or not (ka.startswith(kb) or kb.startswith(ka)):
        return False
    if not endings:
        return True
    (short_k, _, _), (long_k, long_, long_l) = sorted(((ka, a, lang_a), (kb, b, lang_b)), key=lambda t: len(t[0]))
    made = _NAME_ENDINGS.get(long_l, frozenset()) if long_l else _ANY_ENDING
    return long_k[len(short_k):] in made or _compound(short_k, long_, long_l)


def _vowel_ending_swapped(a: str, b: str) -> bool:
    """Whether two names differ only in the vowels they end with ("Europe" / "Europa", "Brekke" / "Brekka")."""
    ka, kb = _sound_key(a), _sound_key(b)
    return ka != kb and ka.rstrip("aeiouy") == kb.rstrip("aeiouy")


_VOWELS = frozenset("aeiouy")


def _consonants(key: str) -> str:
    """A ``_sound_key`` without its vowels after the first letter ("breisgau" / "brisgau": "brsg")."""
    return key[:1] + "".join(ch for ch in key[1:] if ch not in _VOWELS)


def _through(key: str, n: int) -> str:
    """``key`` up to its ``n``-th letter of ``_consonants`` (the first letter counts), vowels between kept."""
    seen = 0
    for k, ch in enumerate(key):
        if k == 0 or ch not in _VOWELS:
            seen += 1
            if seen == n:
                return key[:k + 1]
    return key


def _vowels_dropped(long_: str, short: str) -> bool:
    """Whether ``short`` is ``long_`` with some vowels left out (none changed, no consonant touched)."""
    k = 0
    for ch in long_:
        if k < len(short) and ch == short[k]:
            k += 1
        elif ch not in _VOWELS:
            return False
    return k == len(short)


def _exonym(a: str, b: str) -> bool:
    """Across languages: one place or group name in each language's form ("Breisgau" / "Brisgau", "Myra" /
    "Myre", "Nimègue" / "Nijmegen", "Prairies" / "Prärien", "Limbourgeois" / "Limburgern", "Harlequins" /
    "Harlekine"), read on ``_sound_key``: the same consonants up to an ending that may differ (from four
    consonants on, the last one and at most two more), and up to that ending one form the other with vowels left
    out ("ei" / "i", "ai" / "ä"). A vowel changed ("Kesto" / "Kosto"), a consonant changed, dropped or doubled
    ("Mélenchon" / "Méllenchon", "Pestana" / "Pestanna"), or another first letter still differ."""
    sa, sb = sorted((_sound_key(a), _sound_key(b)), key=lambda k: len(_consonants(k)))
    ca, cb = _consonants(sa), _consonants(sb)
    if len(ca) < 2 or ca[:1] != cb[:1]:
        return False
    if ca != cb:
        stem = ca[:-1] if len(ca) >= 4 else ca
        if len(ca) < 3 or not cb.startswith(stem) or len(cb) - len(stem) > 2 or any(
                cb[k] == cb[k + 1] for k in range(len(stem) - 1, len(cb) - 1)):
            return False  # another ending is no doubled letter: "Pestana" / "Pestanna"
        n = len(stem)
    else:
        n = len(ca)
    ta, tb = sorted((_through(sa, n), _through(sb, n)), key=len)
    return _vowels_dropped(tb, ta)


def _mention_tokens(mentions: tuple[Mention, ...], kind: str, min_len: int) -> list[tuple[str, str, tuple[int, int]]]:
    out = []
    for m in mentions:
        if m.kind != kind:
            continue
        text = m.text
        for w in WORD.finditer(text):
            if len(w.group()) >= min_len:
                out.append((_name_key(w.group()), w.group(), (m.start + w.start(), m.start + w.end())))
    return out


#: Languages that capitalise every noun: a capital there is no sign of a name (``DiffConfig.name_compounds``).
NOUN_CAPITALISING = frozenset({"de", "lb"})
_UNSPACED_CHAR = re.compile(f"[{UNSPACED}]")


def _script_glued(a: str, b: str) -> bool:
    """Whether two name keys are one name, one or both with text of an unspaced script glued on after it (no space
    before the Chinese that follows a Latin name: "squire说" / "squire", "murray和keith" / "murray"): the same up to
    the first character of such a script, which one of them has, and that shared start at least two characters of
    another script (``DiffConfig.name_script_glue``)."""
    ca, cb = (_UNSPACED_CHAR.search(w) for w in (a, b))
    if ca is None and cb is None:
        return False
    head_a, head_b = (w[:m.start()] if m else w for w, m in ((a, ca), (b, cb)))
    return len(head_a) >= 2 and head_a == head_b


def _compound_of(a: str, b: str, is_word: Callable[[str], bool]) -> bool:
    """Whether one of two (casefolded) words is a compound that ends or starts with the other, an ordinary word
    (``is_word``), its other part four letters or more, a linking "s" or hyphen aside ("abstimmung" /
    "mehrheitsabstimmung", "gedächtnis" / "gedächtnisverlust", "gasversorgung" / "gasversorgungsgarantien")."""
    short, long_ = sorted((a, b), key=len)
    if len(short) < 3 or short == long_ or not is_word(short):
        return False
    if long_.endswith(short):
        rest = long_[: -len(short)].rstrip("-")
        rest = rest[:-1] if rest.endswith("s") and len(rest) > 4 else rest
    elif long_.startswith(short):
        rest = long_[len(short):].lstrip("-")
        rest = rest[1:] if rest.startswith("s") and len(rest) > 4 else rest
    else:
        return False
    return len(rest) >= 4 and rest.isalpha()


#: Endings German puts on a noun (plural, case, feminine): "Impfprogramm" / "Impfprogramme", "Gegner" / "Gegnerin".
_NOUN_ENDINGS = ("innen", "nen", "en", "er", "es", "in", "e", "n", "s")


def _inflected_of(a: str, b: str, is_word: Callable[[str], bool]) -> bool:
    """Whether one of two (casefolded) words is the other with a noun ending (``_NOUN_ENDINGS``), the other an
    ordinary word (``is_word``) or a compound that ends with one of four letters or more ("impfprogramm" ends with
    "programm")."""
    short, long_ = sorted((a, b), key=len)
    if len(short) < 4 or not long_.startswith(short) or long_[len(short):] not in _NOUN_ENDINGS:
        return False
    return is_word(short) or any(is_word(short[k:]) for k in range(1, len(short) - 3))
