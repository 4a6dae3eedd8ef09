"""Scale words after a figure in every language CLDR knows (review finding H2): "45 milioni" is 45 million.

The words come from CLDR's compact decimal formats (Babel) and are read in the figure's own language only.
"""

from __future__ import annotations

import pytest

from diff_helpers import translated
from wiretrace.compare import Comparer
from wiretrace.segment.numbers import NumberWords, find_figures

EN = "The mayor said the repairs would cost 45 million euros."
#: Faithful translations of ``EN`` (made up), each writing the figure as "45 <scale word>".
TRANSLATIONS = {
    "it": "Il sindaco ha detto che le riparazioni costeranno 45 milioni di euro.",
    "nl": "De burgemeester zei dat de reparaties 45 miljoen euro zullen kosten.",
    "fi": "Pormestarin mukaan korjaukset maksavat 45 miljoonaa euroa.",
    "vi": "Thị trưởng cho biết việc sửa chữa sẽ tốn 45 triệu euro.",
    "tr": "Belediye başkanı onarımların 45 milyon euroya mal olacağını söyledi.",
    "pl": "Burmistrz powiedział, że naprawy będą kosztować 45 milionów euro.",
    "sv": "Borgmästaren sa att reparationerna skulle kosta 45 miljoner euro.",
    "ro": "Primarul a spus că reparațiile vor costa 45 de milioane de euro.",
}


def figures(text: str, language: str) -> list[tuple[str, str]]:
    return [(text[s:e], key) for s, e, key in find_figures(text, language, NumberWords.build(language))]


@pytest.mark.parametrize("language", sorted(TRANSLATIONS))
def test_a_scale_word_of_the_copys_language_makes_no_number_item(lexical: Comparer, language: str) -> None:
    items = translated(lexical, ("en", EN), (language, TRANSLATIONS[language]))
    assert not [i for i in items if i[1] == "number"], items


def test_a_changed_figure_before_a_scale_word_is_still_reported(lexical: Comparer) -> None:
    it = TRANSLATIONS["it"].replace("45", "54")
    items = translated(lexical, ("en", EN), ("it", it))
    assert [i for i in items if i[1] == "number"], items


@pytest.mark.parametrize(("language", "text", "expected"), [
    ("it", "Costa 45 milioni di euro.", ("45 milioni", "45000000")),
    ("nl", "Het kost 45 miljoen euro.", ("45 miljoen", "45000000")),
    ("nl", "Het kost 3 mld. euro.", ("3 mld.", "3000000000")),  # a short form, with its dot
    ("fi", "Se maksaa 45 miljoonaa kruunua.", ("45 miljoonaa", "45000000")),
    ("vi", "Nó tốn 45 triệu đồng.", ("45 triệu", "45000000")),
    ("vi", "Nó tốn 3 nghìn tỷ đồng.", ("3 nghìn tỷ", "3000000000000")),  # two words, the longer reading
    ("it", "Un debito di 3 mille miliardi.", ("3 mille miliardi", "3000000000000")),  # not "mille" alone
    ("tr", "45 bin kişi tahliye edildi.", ("45 bin", "45000")),
    ("tr", "45 BİN KİŞİ TAHLİYE EDİLDİ.", ("45 BİN", "45000")),  # capitals whose casefold is no CLDR form
    ("pl", "Kosztuje 45 milionów złotych.", ("45 milionów", "45000000")),
    ("sv", "Det kostar 45 miljoner kronor.", ("45 miljoner", "45000000")),
    ("ro", "Costă 45 de milioane de lei.", ("45 de milioane", "45000000")),
    ("ko", "45억 원이 들었다.", ("45억", "4500000000")),  # a letter of a script without case is read
    ("de", "Es kostet 2 Billionen Euro.", ("2 Billionen", "2000000000000")),  # German, not English "billion"
    ("pt-BR", "Custa 45 mi de reais.", ("45 mi", "45000000")),  # a region's language reads its language's words
])
def test_cldr_scale_words_are_read_after_a_figure_of_their_language(
        language: str, text: str, expected: tuple[str, str]) -> None:
    assert expected in figures(text, language)


@pytest.mark.parametrize(("language", "text", "expected"), [
    ("en", "They filled 45 bin bags with rubbish.", ("45", "45")),  # "bin" is a Turkish thousand only
    ("de", "Es gibt 45 Bio-Höfe im Land.", ("45", "45")),  # "Bio." is CLDR's, with its dot
    ("fr", "Il a vu 45 M dans la liste.", ("45", "45")),  # a one-letter short form is no scale
    ("tr", "Listede 45 md var.", ("45", "45")),  # Swedish "md", not Turkish
    ("es", "Costó 2 mil millones.", ("2 mil millones", "2000000000")),  # the listed words as before
    ("pt", "Custou 2 mil reais.", ("2 mil", "2000")),
])
def test_words_of_other_languages_and_one_letter_forms_are_no_scale(
        language: str, text: str, expected: tuple[str, str]) -> None:
    assert figures(text, language)[0] == expected


@pytest.mark.parametrize(("language", "text", "expected"), [
    ("it", "Costa due milioni di euro.", [("due milioni", "2000000")]),
    ("pl", "Kosztuje dwa miliony złotych.", [("dwa miliony", "2000000")]),
    ("de", "Es kostet zwei Billionen Euro.", [("zwei Billionen", "2000000000000")]),
    ("it", "Milioni di persone hanno votato.", []),  # CLDR's scale word alone names no figure
    ("vi", "Ông Triệu nói với báo chí.", []),  # ... nor does a name spelt like one
    ("fr", "Un millier de personnes.", [("millier", "1000")]),  # the listed words as before
])
def test_cldr_scale_words_end_a_run_of_number_words(language: str, text: str,
                                                    expected: list[tuple[str, str]]) -> None:
    assert figures(text, language) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Nüfus 3 milyon 50 bin kişi.", [("3 milyon 50 bin", "3050000")]),
    ("Sayı 104 bin 30 oldu.", [("104 bin 30", "104030")]),  # bare digits after a thousand
    ("Aylık 2 BİN 111 TL olacak.", [("2 BİN 111", "2111")]),
    ("Bütçe 5 milyon 30 kişi.", [("5 milyon", "5000000"), ("30", "30")]),  # bare digits after a million: no
    ("Yaklaşık 5 bin 2019 yılında.", [("5 bin", "5000"), ("2019", "2019")]),  # four digits are no part
])
def test_the_smaller_parts_after_a_cldr_scale_are_one_figure(text: str, expected: list[tuple[str, str]]) -> None:
    assert figures(text, "tr") == expected


def test_a_turkish_translation_of_a_figure_in_parts_makes_no_number_item(lexical: Comparer) -> None:
    en = "The city now has 3.05 million residents, the mayor said."
    tr = "Belediye başkanı, şehrin artık 3 milyon 50 bin sakini olduğunu söyledi."
    items = translated(lexical, ("en", en), ("tr", tr))
    assert not [i for i in items if i[1] == "number"], items


@pytest.mark.parametrize(("language", "text", "want"), [
    ("vi", "Dự án tốn 2 tỉ đồng và thu hút 45 ngàn người.", [("2 tỉ", "2000000000"), ("45 ngàn", "45000")]),
    ("vi", "Con số đó là 5 tỷ lệ phần trăm.", [("5", "5")]),  # "tỷ lệ" is a ratio, not a billion
    ("de", "Die Schulden liegen bei 2 Billionen Euro.", [("2 Billionen", "2000000000000")]),
    ("fr", "La dette atteint 2 billions d'euros.", [("2 billions", "2000000000000")]),
    ("en", "The debt is 2 billion euros.", [("2 billion", "2000000000")]),
])
def test_a_scale_word_is_read_as_the_texts_language_writes_it(language: str, text: str,
                                                             want: list[tuple[str, str]]) -> None:
    """Spellings CLDR lacks (vi "tỉ", "ngàn"), a ratio that is no scale (vi "tỷ lệ"), and a word another language
    reads otherwise: a German or French "Billion" is 10^12, the English one 10^9."""
    assert figures(text, language) == want
