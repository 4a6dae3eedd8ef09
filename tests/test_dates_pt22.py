"""Portuguese dates and weekdays, session 22 (issue #19: false date items on Portuguese copies): "nos dias de hoje" /
"hoje em dia" is "nowadays", no date; the first of a month written "1o" / "1.º"; a bare "na sexta" is Friday, no
figure; the plural "sextas-feiras" is a weekday; a range or a pair of days of one month ("11 a 21 de outubro",
"Oct. 11-21", "26 e 27 de novembro") names each of its days. Made-up texts only."""

from __future__ import annotations

import pytest

from diff_helpers import Found, translated
from wiretrace.compare import Comparer
from wiretrace.segment.dates import find_dates


def read(text: str, lang: str) -> list[tuple[str, str]]:
    """The dates ``find_dates`` reads in ``text``: (their text, their key)."""
    return [(text[s:e], k) for s, e, k in find_dates(text, lang)]


def facts(items: Found) -> Found:
    return {i for i in items if i[1] in ("number", "date")}


# -- segment/dates.py: the reader ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("lang", "text"), [
    ("pt", "Nos dias de hoje quase todos os alunos levam um telemóvel."),
    ("pt", "Hoje em dia quase todos os alunos levam um telemóvel."),
    ("es", "Hoy en día casi todos los alumnos llevan un móvil."),
])
def test_nowadays_is_no_date(lang: str, text: str) -> None:
    assert read(text, lang) == []


def test_today_is_still_a_date() -> None:
    assert read("O museu reabre hoje depois das obras.", "pt") == [("hoje", "rel:0")]
    assert read("Hoje, em Lisboa, o museu reabriu.", "pt") == [("Hoje", "rel:0")]


@pytest.mark.parametrize("day", ["1o", "1º", "1.º", "1°"])
def test_the_first_of_a_month_written_with_o(day: str) -> None:
    assert read(f"A feira do livro abre em {day} de setembro na praça.", "pt") == [(f"{day} de setembro", "md:9-1")]


def test_a_plural_portuguese_weekday_is_a_weekday() -> None:
    assert read("A biblioteca abre todas as sextas-feiras e quartas-feiras.", "pt") == [
        ("sextas-feiras", "wd:4"), ("quartas-feiras", "wd:2")]


@pytest.mark.parametrize(("lang", "text", "want"), [
    ("pt", "A feira do cavalo decorre de 11 a 21 de outubro no vale.",
     [("11", "md:10-11"), ("21 de outubro", "md:10-21")]),
    ("pt", "As cheias de 26 e 27 de novembro cortaram estradas.", [("26", "md:11-26"), ("27 de novembro", "md:11-27")]),
    ("en", "The horse fair runs Oct. 11–21 in the valley.", [("Oct. 11", "md:10-11"), ("21", "md:10-21")]),
    ("en", "Floods on November 26 and 27 cut the roads.", [("November 26", "md:11-26"), ("27", "md:11-27")]),
    ("en", "The sale runs December 26th to 28th.", [("December 26th", "md:12-26"), ("28th", "md:12-28")]),
    ("de", "Die Messe läuft vom 27. bis 29. Oktober in der Halle.", [("27.", "md:10-27"), ("29. Oktober", "md:10-29")]),
    ("fr", "La foire se tient du 27 au 29 octobre dans la halle.", [("27", "md:10-27"), ("29 octobre", "md:10-29")]),
    ("en", "The fair runs 5-7 March 2024 in town.", [("5", "ymd:2024-03-05"), ("7 March 2024", "ymd:2024-03-07")]),
])
def test_a_range_or_pair_of_days_names_each_day(lang: str, text: str, want: list[tuple[str, str]]) -> None:
    assert read(text, lang) == want


@pytest.mark.parametrize(("lang", "text", "want"), [
    ("en", "Storms on November 26 and 3 people died.", [("November 26", "md:11-26")]),  # not a later day
    ("en", "On May 3, 2 boats sank.", [("May 3", "md:5-3")]),
    ("pt", "O clube venceu por 3-2 a 4 de maio em casa.", [("4 de maio", "md:5-4")]),  # a score
    ("en", "The index rose 1.5 to 7 May's close.", [("7 May", "md:5-7")]),
    ("en", "It happened on March 4 and 15 people were hurt.", [("March 4", "md:3-4")]),  # a count (session 22)
])
def test_only_a_later_day_after_a_range_word_joins(lang: str, text: str, want: list[tuple[str, str]]) -> None:
    assert read(text, lang) == want


# -- the diff across languages --------------------------------------------------------------------------------------

@pytest.mark.parametrize(("en", "pt"), [
    ("Nowadays almost every pupil carries a phone.", "Nos dias de hoje quase todos os alunos levam um telemóvel."),
    ("The book fair opens on September 1st in the square.", "A feira do livro abre em 1o de setembro na praça."),
    ("The mayor left on Friday and came back on Wednesday.", "O autarca saiu na sexta e voltou na quarta."),
    ("The library opens every Friday.", "A biblioteca abre todas as sextas-feiras."),
    ("The horse fair runs Oct. 11–21 in the valley.", "A feira do cavalo decorre de 11 a 21 de outubro no vale."),
    ("Floods on November 26 and 27 cut the roads.", "As cheias de 26 e 27 de novembro cortaram as estradas."),
])
def test_a_faithful_portuguese_copy_has_no_date_or_figure_item(lexical: Comparer, en: str, pt: str) -> None:
    assert not facts(translated(lexical, ("en", en), ("pt", pt), date="2025-11-30"))


@pytest.mark.parametrize(("en", "pt"), [
    ("The horse fair runs Oct. 11–21 in the valley.", "A feira do cavalo decorre de 11 a 24 de outubro no vale."),
    ("Floods on November 26 and 27 cut the roads.", "As cheias de 25 e 27 de novembro cortaram as estradas."),
    ("The book fair opens on September 1st in the square.", "A feira do livro abre em 2o de setembro na praça."),
])
def test_a_changed_day_is_still_reported(lexical: Comparer, en: str, pt: str) -> None:
    assert facts(translated(lexical, ("en", en), ("pt", pt), date="2025-11-30"))


@pytest.mark.parametrize(("src", "copy"), [
    (("en", "The symposium runs Oct. 28–29 at the farm."), ("pt", "O simpósio decorre a 28 de outubro e no dia 29.")),
    (("fr", "La foire se tient du 27 au 29 octobre."), ("de", "Die Messe läuft vom 27. bis 29. Oktober.")),
])
def test_a_bare_day_of_a_range_is_the_figure_of_a_copy_that_reads_no_range(
        lexical: Comparer, src: tuple[str, str], copy: tuple[str, str]) -> None:
    assert not facts(translated(lexical, src, copy, date="2025-11-30"))


def test_a_bare_day_against_another_figure_is_still_reported(lexical: Comparer) -> None:
    assert facts(translated(lexical, ("en", "The symposium runs Oct. 28–29 at the farm."),
                            ("pt", "O simpósio decorre a 28 de outubro e no dia 30."), date="2025-11-30"))
