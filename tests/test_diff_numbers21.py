"""Figures read in the fact languages, session 21 (issue #19: cross-language false items on Portuguese copies):
"quarto" is a room or a quarter, not 4; digit ordinals written "14a" / "9o"; a year said as a decade ("the 1990s");
a one-letter Roman numeral with an ending only in French ("Ver" is a verb); weekdays "sextas-feiras"; a dozen
multiplies; "several hundred" and "a third of" name no figure; a dollar sum keeps its English thousands comma in a
Portuguese copy. Made-up texts only."""

from __future__ import annotations

import pytest

from diff_helpers import Found, translated
from wiretrace.compare import Comparer
from wiretrace.segment.numbers import NumberWords, find_figures, ordinal_value


def read(text: str, lang: str) -> list[tuple[str, str]]:
    """The figures ``find_figures`` reads in ``text``: (their text, their value)."""
    return [(text[s:e], k) for s, e, k in find_figures(text, lang, NumberWords.build(lang))]


def numbers(items: Found) -> Found:
    return {i for i in items if i[1] in ("number", "date")}


# -- numbers.py: the readers ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("lang", "text"), [
    ("pt", "A hóspede voltou ao quarto do hotel antes da meia-noite."),
    ("pt", "Os quartos de hóspedes ficam no primeiro andar."),
    ("pt", "Um quarto da receita veio dos anúncios."),
    ("es", "El cuarto de baño del hotel estaba cerrado."),
])
def test_a_room_or_a_quarter_is_no_figure(lang: str, text: str) -> None:
    assert read(text, lang) == []


def test_quarto_is_fourth_only_as_an_ordinal_read_apart() -> None:
    assert ordinal_value("quarto", "pt") is None
    assert ordinal_value("quarto", "pt", ambiguous=True) == 4
    assert ordinal_value("cuartos", "es", ambiguous=True) == 4
    assert ordinal_value("segundos", "pt", ambiguous=True) is None  # a time unit stays no ordinal


@pytest.mark.parametrize(("lang", "text", "want"), [
    ("pt", "A equipa fez a sua 14a aparição no torneio.", [("14a", "14")]),
    ("pt", "O escritório fica no 9o andar do prédio.", [("9o", "9")]),
    ("es", "La 3a edición de la feria abrió ayer.", [("3a", "3")]),
    ("it", "La 2a edizione del festival si apre oggi.", [("2a", "2")]),
])
def test_digit_ordinals_with_a_plain_a_or_o_are_read(lang: str, text: str, want: list[tuple[str, str]]) -> None:
    assert read(text, lang) == want
    assert ordinal_value(want[0][0], lang) == int(want[0][1])


def test_a_day_of_a_month_written_with_o_is_no_figure_and_english_reads_no_ordinal_a() -> None:
    assert read("O festival começa a 1o de maio na praça.", "pt") == []
    assert read("Section 14a of the harbour code applies.", "en") == []


def test_a_decade_in_digits_with_s_is_still_no_figure() -> None:
    # a figure here would make an inserted clause "which was set up in the early 2000s" a figure item, not a claim
    assert read("The band, which was set up in the early 2000s, split in the '90s.", "en") == []


@pytest.mark.parametrize(("src", "copy"), [
    (("en", "The band was formed in the 1990s in Leeds."), ("en", "The band was formed in the 1990 in Leeds.")),
    (("de", "Die Band spielte in den 90ern in Köln."), ("fr", "Le groupe jouait à Cologne dans les années 1990.")),
    (("en", "The fashion came back from the 1920s."), ("de", "Die Mode kam aus den 20 Jahren zurück.")),
])
def test_a_year_said_as_its_decade_is_kept(lexical: Comparer, src: tuple[str, str], copy: tuple[str, str]) -> None:
    assert not numbers(translated(lexical, src, copy))


def test_a_year_of_another_decade_is_still_reported(lexical: Comparer) -> None:
    assert numbers(translated(lexical, ("en", "The band was formed in the 1990s in Leeds."),
                              ("pt", "A banda formou-se nos anos 1980 em Leeds.")))


def test_a_one_letter_roman_numeral_with_an_ending_is_french_only() -> None:
    assert read("(Ver imagens neste artigo) O mercado caiu.", "pt") == []
    assert read("La Ve République est née en 1958.", "fr") == [("1958", "1958"), ("Ve", "5")]


def test_a_portuguese_weekday_is_no_figure() -> None:
    assert read("As luzes acendem todas as sextas-feiras e quartas-feiras.", "pt") == []


@pytest.mark.parametrize(("lang", "text", "want"), [
    ("en", "The outbreak affected nearly three dozen immigrants.", [("three dozen", "36")]),
    ("pt", "O surto afetou quase três dúzias de imigrantes.", [("três dúzias", "36")]),
    ("fr", "L'épidémie a touché près de trois douzaines de migrants.", [("trois douzaines", "36")]),
    ("de", "Der Ausbruch betraf fast drei Dutzend Migranten.", [("drei Dutzend", "36")]),
    ("en", "She bought a dozen eggs.", [("dozen", "12")]),
    ("pt", "O rótulo pode indicar dúzias de nomes.", []),
])
def test_a_dozen_multiplies_the_number_before_it(lang: str, text: str, want: list[tuple[str, str]]) -> None:
    assert read(text, lang) == want


@pytest.mark.parametrize(("lang", "text", "want"), [
    ("en", "Several hundred people have the variant, and a few thousand more may.", []),
    ("en", "The label may list several dozen names.", []),
    ("pt", "O rótulo pode indicar várias dúzias de nomes.", []),
    ("de", "Mehrere tausend Menschen kamen.", []),
    ("en", "Two hundred people have the variant.", [("Two hundred", "200")]),
])
def test_several_hundred_names_no_figure(lang: str, text: str, want: list[tuple[str, str]]) -> None:
    assert read(text, lang) == want


@pytest.mark.parametrize(("lang", "text", "want"), [
    ("en", "More than a third of the staff will leave.", []),
    ("fr", "Un cinquième des salariés partira.", []),
    ("en", "She won a third term in office.", [("third", "3")]),
])
def test_a_third_of_is_a_fraction(lang: str, text: str, want: list[tuple[str, str]]) -> None:
    assert read(text, lang) == want


@pytest.mark.parametrize(("lang", "text", "want"), [
    ("pt", "As equipas receberam multas de $250,000 cada.", [("250,000", "250000")]),
    ("pt", "O estado pagou quase US $ 449,000 à agência.", [("449,000", "449000")]),
    ("pt", "O dólar fechou a R$ 5,234 ontem.", [("5,234", "5.234")]),
    ("pt", "O contrato vale US$ 1,250 bilhão.", [("1,250 bilhão", "1250000000")]),
    ("de", "Der Inselpass kostet 2,180 Yen.", [("2,180", "2.18")]),
])
def test_a_dollar_sum_keeps_its_english_thousands_comma(lang: str, text: str, want: list[tuple[str, str]]) -> None:
    assert read(text, lang) == want


# -- diff.py: across languages, an English source and a Portuguese copy ---------------------------------------------

@pytest.mark.parametrize(("en", "pt"), [
    ("Police found the girl in a hotel room in Forest Hill.", "A polícia encontrou a menina num quarto de hotel."),
    ("Spain made its 11th appearance at the finals.", "A Espanha fez a sua 11a aparição na fase final."),
    ("They finished the race in first place.", "Eles terminaram a corrida em 1o lugar."),
    ("Not to be confused with a 1990s grunge band, the jam is a gift.",
     "Não confundir com uma banda grunge dos anos 1990, a geleia é um presente."),
    ("Prices fell sharply in the '90s.", "Os preços caíram muito nos anos 1990."),
    ("Both teams received $250,000 fines.", "As duas equipas receberam multas de $250,000."),
    ("The outbreak affected nearly three dozen immigrants.", "O surto afetou quase três dúzias de imigrantes."),
    ("Several hundred people have the variant.", "Várias centenas de pessoas têm a variante."),
    ("More than a third of the staff will leave.", "Mais de um terço dos funcionários vai sair."),
    ("The fourth film of the series opens in May.", "O quarto filme da série estreia em maio."),
])
def test_a_faithful_portuguese_copy_has_no_figure_item(lexical: Comparer, en: str, pt: str) -> None:
    assert not numbers(translated(lexical, ("en", en), ("pt", pt)))


@pytest.mark.parametrize(("en", "pt"), [
    ("Spain made its 11th appearance at the finals.", "A Espanha fez a sua 12a aparição na fase final."),
    ("Both teams received $250,000 fines.", "As duas equipas receberam multas de $350,000."),
    ("The outbreak affected nearly three dozen immigrants.", "O surto afetou quase cinco dúzias de imigrantes."),
])
def test_a_changed_figure_is_still_reported(lexical: Comparer, en: str, pt: str) -> None:
    assert numbers(translated(lexical, ("en", en), ("pt", pt)))
