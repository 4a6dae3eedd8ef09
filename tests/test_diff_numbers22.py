"""Figures and dates read on faithful translations, session 22 (issue #19: WMT22 translations of one original against
each other, ``bench/eval_diff.py --wmt-more``): an ordinal day with no month ("on the 11th") is the day of a date
("on November 11"); a group of states named by its count ("the Group of Seven", "七国集团") is no figure, and a Roman
numeral after "type" / "phase" is none either; both are named figures, the match of the other text's figure ("type
II" = "type 2"; session 23, ``numbers.named_figures``); a month before "de" and a range of days
("outubro de 18 a 21"); a figure after "March 4 and" that counts a plural noun is no later day. Made-up texts only."""

from __future__ import annotations

import pytest

from diff_helpers import Found, found, translated
from wiretrace.compare import Comparer
from wiretrace.segment.dates import find_dates
from wiretrace.segment.numbers import NumberWords, find_figures, named_figures


def read(text: str, lang: str) -> list[tuple[str, str]]:
    """The figures ``find_figures`` reads in ``text``: (their text, their value)."""
    return [(text[s:e], k) for s, e, k in find_figures(text, lang, NumberWords.build(lang))]


def dates(text: str, lang: str) -> list[tuple[str, str]]:
    return [(text[s:e], k) for s, e, k in find_dates(text, lang)]


def facts(items: Found) -> Found:
    return {i for i in items if i[1] in ("number", "date")}


# -- segment/numbers.py ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("lang", "text"), [
    ("en", "The plan was backed on Sunday by the Group of Seven."),
    ("en", "Leaders of the Group of 20 met in the port city."),
    ("fr", "Le groupe des Sept a soutenu le plan dimanche."),
    ("de", "Die Gruppe der Zwanzig traf sich in der Hafenstadt."),
    ("zh", "七国集团外长周日支持了该计划。"),
    ("zh", "二十国集团领导人在港口城市会面。"),
])
def test_a_group_of_states_named_by_its_count_is_no_figure(lang: str, text: str) -> None:
    assert read(text, lang) == []


@pytest.mark.parametrize(("lang", "text", "want"), [
    ("en", "A group of seven boys rowed to the island.", [("seven", "7")]),
    ("fr", "Le groupe des sept enfants a traversé la baie.", [("sept", "7")]),
    ("zh", "七个国家的船只停在港口。", [("七", "7")]),
])
def test_a_group_that_counts_keeps_its_figure(lang: str, text: str, want: list[tuple[str, str]]) -> None:
    assert read(text, lang) == want


@pytest.mark.parametrize(("lang", "text", "want"), [
    ("en", "Too much sugar can lead to type II diabetes.", {"2"}),
    ("en", "The vaccine entered Phase III trials in the spring.", {"3"}),
    ("fr", "Le patient souffrait d'un cancer de stade IV.", {"4"}),
    ("de", "Zu viel Zucker kann zu Diabetes Typ II führen.", {"2"}),
    ("en", "The plan was backed on Sunday by the Group of Seven.", {"7"}),
    ("zh", "七国集团外长周日支持了该计划。", {"7"}),
])
def test_a_roman_numeral_after_type_or_phase_or_a_group_count_is_a_named_figure(lang: str, text: str,
                                                                                 want: set[str]) -> None:
    # session 23: named figures are no mention (nothing to report on their own), only a match for the other text
    assert read(text, lang) == []
    assert named_figures(text, lang, NumberWords.build(lang)) == want


def test_a_roman_numeral_in_a_name_stays_no_figure() -> None:
    assert read("The museum covers the years after World War II in the port.", "en") == []


# -- segment/dates.py -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("lang", "text", "want"), [
    ("pt", "A feira do cavalo decorre outubro de 18 a 21 no vale.",
     [("outubro de 18", "md:10-18"), ("21", "md:10-21")]),
    ("es", "La feria se celebra octubre de 3 a 5 en el valle.", [("octubre de 3", "md:10-3"), ("5", "md:10-5")]),
])
def test_a_month_before_de_and_a_range_of_days(lang: str, text: str, want: list[tuple[str, str]]) -> None:
    assert dates(text, lang) == want


@pytest.mark.parametrize(("lang", "text"), [
    ("pt", "Em março de 20 pessoas deixaram a aldeia."),  # no range: no date
    ("pt", "As ondas no mar de 2 a 3 metros fecharam o porto."),  # "mar" is the sea
    ("pt", "Em outubro de 2019 a 2021 a ponte esteve fechada."),  # years, not days
])
def test_a_month_before_de_without_a_range_of_days_is_no_date(lang: str, text: str) -> None:
    assert [k for _t, k in dates(text, lang) if k.startswith("md:")] == []


@pytest.mark.parametrize(("lang", "text", "want"), [
    ("en", "It happened on March 4 and 15 people were hurt.", [("March 4", "md:3-4")]),
    ("en", "Storms on November 26 and 27 boats sank in the bay.", [("November 26", "md:11-26")]),
    ("pt", "As cheias de 3 de maio e 12 pessoas ficaram sem casa.", [("3 de maio", "md:5-3")]),
])
def test_a_figure_that_counts_a_plural_noun_is_no_later_day(lang: str, text: str, want: list[tuple[str, str]]) -> None:
    assert dates(text, lang) == want


@pytest.mark.parametrize(("lang", "text", "want"), [
    ("en", "Floods on November 26 and 27 cut the roads.", [("November 26", "md:11-26"), ("27", "md:11-27")]),
    ("en", "The fair runs March 4 to 15 this year.", [("March 4", "md:3-4"), ("15", "md:3-15")]),
    ("en", "The fair runs March 4 to 15, as planned.", [("March 4", "md:3-4"), ("15", "md:3-15")]),
])
def test_a_later_day_before_a_verb_or_a_function_word_is_a_day(lang: str, text: str,
                                                                 want: list[tuple[str, str]]) -> None:
    assert dates(text, lang) == want


# -- the diff, within one language ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("src", "copy"), [
    ("The students visited the shrine on November 11 and held a ceremony.",
     "The students visited the shrine on the 11th and held a ceremony."),
    ("The leaders met online on December 7, the agency said.",
     "The leaders met online on the 7th, the agency said."),
    ("Sugar can lead to type two diabetes, the doctors warned.",
     "Sugar can lead to type II diabetes, the doctors warned."),
    ("Sugar can lead to type 2 diabetes, the doctors warned.",
     "Sugar can lead to type II diabetes, the doctors warned."),
    ("The plan was backed on Sunday by the G7, the ministry said.",
     "The plan was backed on Sunday by the Group of Seven, the ministry said."),
])
def test_a_faithful_rewording_has_no_figure_or_date_item(lexical: Comparer, src: str, copy: str) -> None:
    assert not facts(found(lexical, src, copy))


@pytest.mark.parametrize(("src", "copy"), [
    ("The students visited the shrine on November 11 and held a ceremony.",
     "The students visited the shrine on the 12th and held a ceremony."),
    ("Sugar can lead to type 2 diabetes, the doctors warned.",
     "Sugar can lead to type III diabetes, the doctors warned."),
])
def test_another_day_or_type_is_still_reported(lexical: Comparer, src: str, copy: str) -> None:
    assert facts(found(lexical, src, copy))


def test_a_portuguese_range_with_the_month_first_is_the_english_range(lexical: Comparer) -> None:
    assert not facts(translated(lexical, ("en", "The horse fair runs Oct. 18-21 in the valley."),
                                ("pt", "A feira do cavalo decorre outubro de 18 a 21 no vale."), date="2025-11-30"))


# -- the diff, across languages -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("ja", "en"), [
    ("1ガロンの水に漂白剤をテーブルスプーン1杯溶かす。", "Dissolve a tablespoon of bleach in a gallon of water."),
    ("港の水は1リットルで足りる。", "One litre of harbour water is enough."),
])
def test_a_one_said_as_an_article_before_a_unit_is_the_digit_one(lexical: Comparer, ja: str, en: str) -> None:
    assert not facts(translated(lexical, ("ja", ja), ("en", en)))


def test_a_one_with_no_unit_said_in_the_other_language_is_still_reported(lexical: Comparer) -> None:
    assert facts(translated(lexical, ("ja", "1ガロンの水に漂白剤を溶かす。"), ("en", "Dissolve bleach in the water.")))
