"""Segment stage speed-ups (issue #15, session 29): each shortcut gives what the long way gives.

Made-up sentences only. The shortcuts: a sentence's tokens read once and shared by the figures, the dates, the names
and the tokens; a sentence with no date word skips the date words' patterns (``holds_date_words``); one with no digit
skips the digit patterns and the French / Portuguese "un" / "um" check; ``fold`` in one C pass; quotes found by
bisection and folded once.
"""

from __future__ import annotations

import re
import sys
import unicodedata

import pytest

from wiretrace.records import Article
from wiretrace.segment import WORD, Segmenter, fold

seg_mod = sys.modules["wiretrace.segment"]
from wiretrace.segment import dates, numbers  # noqa: E402

SENTENCES = {
    "en": ["The minister said on Monday that two thousand people had left since March 3, 2024.",
           "Officials expect one to 7 more boats today, a so-called 'first wave' of twenty-one.",
           "Nothing of the sort was agreed, the spokesman told reporters in the capital.",
           "It may rain at noon; the market closes at 3 pm and reopens on Mondays."],
    "fr": ["Le ministre a annoncé un ou deux projets aujourd'hui, dont un à Lyon.",
           "Une femme a été blessée vendredi soir vers minuit et demi, selon la police.",
           "Il y avait un homme et une femme dans la voiture, sans autre précision.",
           "Le XIIIe siècle a vu 1 000 personnes quitter la ville le 3 mars."],
    "pt": ["O governo anunciou um plano para a segunda-feira, com uma verba de 3,2 milhões.",
           "Uma mulher e um homem foram vistos na quinta de manhã.",
           "Hoje em dia ninguém sabe quem ganhou, disse um porta-voz.",
           "A 14a posição ficou com um atleta de 1o de maio."],
    "de": ["Der Minister sagte am Freitagabend, dass zweitausend Menschen geflohen seien.",
           "Die dreifache Menge wurde bis heute nicht geliefert, sagte ein Sprecher.",
           "Ein Mann und eine Frau wurden am 12. Dezember um 15.40 Uhr gesehen.",
           "Gestern kamen ein bis zwei Boote an."],
    "es": ["El ministro dijo que uno o dos barcos llegaron ayer a las 6:40.",
           "Una mujer y un hombre hablaron con la prensa hoy día.",
           "El siglo XIII vio a miles de personas partir el 3 de marzo."],
    "tr": ["Bakan SALI günü 3 milyon 50 bin kişinin ayrıldığını söyledi.",
           "İstanbul'da bugün yağmur bekleniyor."],
}


def _reference_fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def test_other_digits_hold_every_digit_that_is_no_decimal_digit() -> None:
    decimal = re.compile(r"\d")
    missed = [hex(c) for c in range(0x110000)
              if chr(c).isdigit() and not decimal.match(chr(c)) and not seg_mod._OTHER_DIGIT.match(chr(c))]
    assert missed == []
    assert all(not chr(c).isascii() for c in range(0x110000) if seg_mod._OTHER_DIGIT.match(chr(c)))


def test_no_character_lowers_or_folds_into_the_separators() -> None:
    bad = [hex(c) for c in range(0x110000) if chr(c) not in "\x1f "
           and any(sep in f for f in (chr(c).lower(), chr(c).casefold()) for sep in "\x1f ")]
    assert bad == []
    assert not any("\x1f" in m.group() for s in SENTENCES.values() for t in s for m in WORD.finditer(t))


def test_date_words_are_letters_only() -> None:
    assert dates._DATE_RUNS and all(w.isalpha() for w in dates._DATE_RUNS)


@pytest.mark.parametrize(("sentence", "held"), [
    ("Nothing of the sort was agreed, the spokesman said.", False),
    ("The spokesman said so on Monday.", True),
    ("Le ministre l'a dit aujourd'hui.", True),
    ("Der Minister sagte am Freitagabend nichts.", True),
    ("A marketing firm sent 12 people.", False),
    ("It may happen.", True),
    ("Um porta-voz falou na segunda-feira.", True),
])
def test_holds_date_words(sentence: str, held: bool) -> None:
    low = "\x1f".join(WORD.findall(sentence)).lower()
    assert dates.holds_date_words(low) is held


@pytest.mark.parametrize(("lang", "sentence"), [(lang, s) for lang, ss in SENTENCES.items() for s in ss])
def test_shortcuts_give_what_the_long_way_gives(lang: str, sentence: str) -> None:
    words = numbers.NumberWords.build(lang)
    matches = list(WORD.finditer(sentence))
    strs = [m.group() for m in matches]
    digits = re.search(r"\d", sentence) is not None
    long_dates = dates.find_dates(sentence, lang)
    long_figures = numbers.find_figures(sentence, lang, words)
    if numbers.lowers_alike(sentence):
        low = "\x1f".join(strs).lower()
        held = dates.holds_date_words(low)
        assert dates.find_dates(sentence, lang, date_words=held, digits=digits) == long_dates
        if not held:
            assert dates.find_dates(sentence, lang, date_words=False) == long_dates
        read = (matches, low.split("\x1f"))
        assert read[1] == numbers._TOKEN.findall(sentence.lower())
        assert numbers.find_figures(sentence, lang, words, read=read, digits=digits) == long_figures
    assert numbers.find_figures(sentence, lang, words, digits=digits) == long_figures


def test_a_one_needs_a_digit_when_no_number_word_is_there() -> None:
    fr = numbers.NumberWords.build("fr")
    ones = numbers._ONE_OF["fr"]
    assert numbers._no_number_words("Un homme et une femme.", fr.words, None)
    assert not numbers._no_number_words("Un à 7 hommes.", fr.words, ones)
    assert numbers.find_figures("Un à 7 hommes.", "fr", fr) == [(5, 6, "7"), (0, 2, "1")]
    assert numbers.find_figures("Un homme et une femme.", "fr", fr) == []


@pytest.mark.parametrize("text", ["Jean-Luc Picard", "Élodie Ñúñez", "ŞIRNAK İl", "Straße ﬁnal", "naïve café",
                                  "Ολυμπιακός", "“Quoted”", "", "ＡＢＣ１２３", "a\u0301b\u0327"])
def test_fold_as_before(text: str) -> None:
    assert fold(text) == _reference_fold(text)


def test_segment_with_quotes_over_sentences_as_before() -> None:
    text = ("“This is one long quote. It goes on over two sentences,” he said on Monday. Then: \"another quote "
            "here\" and «une citation en français».\n\nA second paragraph about 3,000 people in Lisbon.")
    doc = Segmenter().segment(Article(id="q", text=text, language="en"))
    quotes = [(m.start, m.end, m.key) for s in doc.sentences for m in s.mentions if m.kind == "quote"]
    assert quotes == [(0, 24, "this is one long quote. it goes on over two sentences,"),
                      (25, 56, "this is one long quote. it goes on over two sentences,"),
                      (82, 102, "another quote here"), (107, 133, "une citation en francais")]
    names = [m.text for s in doc.sentences for m in s.mentions if m.kind == "name"]
    assert names == ["Lisbon"]
    toks = doc.sentences[-1].tokens
    assert "3000" in toks and "lisbon" in toks
