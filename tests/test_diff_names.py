"""diff: a name put in the place of an unlike name, and a conversion added in brackets (issue #19, our own made-up
pairs): ``DiffConfig.name_swaps`` and ``DiffConfig.bracket_conversions``, what each reports and what it leaves."""

from __future__ import annotations

from dataclasses import replace

import pytest

from wiretrace import Article
from wiretrace.compare import Comparer
from wiretrace.diff import DiffConfig, diff
from wiretrace.records import AlignedPair, Alignment, DiffItem

#: Two sentences after each made-up text, in its language, so that a one-sentence story is long enough to compare.
PADS = {
    "en": " Officials gave no date for the start of construction work on the turbines in the bay."
          " The harbour master said the ferries would keep to their winter timetable for now.",
    "de": " Die Behörden nannten kein Datum für den Beginn der Bauarbeiten an den Turbinen in der Bucht."
          " Der Hafenmeister sagte, die Fähren würden vorerst ihren Winterfahrplan beibehalten.",
    "fr": " Les autorités n'ont donné aucune date pour le début des travaux sur les turbines de la baie."
          " Le capitaine du port a indiqué que les ferries garderaient pour l'instant leurs horaires d'hiver.",
    "es": " Las autoridades no dieron ninguna fecha para el inicio de las obras en las turbinas de la bahía."
          " El capitán del puerto dijo que los transbordadores mantendrían por ahora su horario de invierno.",
}
OFF = DiffConfig(name_swaps=False, bracket_conversions=False)
#: ``name_swaps`` is off by default (see its comment): its tests turn it on.
ON = DiffConfig(name_swaps=True)


def items(c: Comparer, src: str, copy: str, language: str = "en", cfg: DiffConfig = ON) -> list[DiffItem]:
    """The diff of ``copy`` against ``src`` (one language, its padding after each), ``src`` taken as the source;
    ``name_swaps`` on unless ``cfg`` says otherwise."""
    da = c.doc(Article(id="src", language=language, text=src + PADS[language]))
    db = c.doc(Article(id="copy", language=language, text=copy + PADS[language]))
    alignment, relation = c._relate(da, db)
    return list(diff(da, db, alignment, replace(relation, source="a"), cfg))


def names(found: list[DiffItem]) -> list[tuple[str | None, str | None, int]]:
    return [(d.a_text, d.b_text, d.count) for d in found if d.type == "name" and d.op == "changed"]


def figures(found: list[DiffItem]) -> list[tuple[str, str | None, str | None]]:
    return [(d.op, d.a_text, d.b_text) for d in found if d.type == "number"]


# -- 1. a name put in the place of an unlike name ---------------------------------------------------------------

SWAPS = [
    ("en", "The road to Brellmoor will reopen next week after repairs to the bridge, the council said.",
     "The road to Holmvik will reopen next week after repairs to the bridge, the council said.",
     "Brellmoor", "Holmvik"),
    ("en", "The new ferry will carry 300 passengers across the bay, said Maren Thalbeck of the harbour board.",
     "The new ferry will carry 300 passengers across the bay, said Ilse Brandt of the harbour board.",
     "Maren Thalbeck", "Ilse Brandt"),
    ("de", "Die Straße nach Brellmoor wird nach der Reparatur der Brücke nächste Woche wieder geöffnet, sagte der Rat.",
     "Die Straße nach Holmvik wird nach der Reparatur der Brücke nächste Woche wieder geöffnet, sagte der Rat.",
     "Brellmoor", "Holmvik"),
    ("fr", "Le nouveau ferry transportera 300 passagers dans la baie, a déclaré Maren Thalbeck, du conseil portuaire.",
     "Le nouveau ferry transportera 300 passagers dans la baie, a déclaré Ilse Brandt, du conseil portuaire.",
     "Maren Thalbeck", "Ilse Brandt"),
    ("es", "La carretera a Brellmoor volverá a abrir la próxima semana tras reparar el puente, dijo el ayuntamiento.",
     "La carretera a Holmvik volverá a abrir la próxima semana tras reparar el puente, dijo el ayuntamiento.",
     "Brellmoor", "Holmvik"),
]


@pytest.mark.parametrize("case", SWAPS)
def test_a_name_put_in_an_unlike_name_s_place_is_a_changed_name(lexical: Comparer,
                                                                case: tuple[str, str, str, str, str]) -> None:
    language, src, copy, was, now = case
    found = items(lexical, src, copy, language)
    assert names(found) == [(was, now, 1)], found
    assert all(d.material for d in found if d.type == "name")
    assert not [d for d in found if d.type == "other"], found  # no rewording item for it as well
    # without the rule (the default) the swap is rewording
    assert not names(items(lexical, src, copy, language, OFF))
    assert not names(items(lexical, src, copy, language, DiffConfig()))


def test_a_swapped_name_is_reported_once_with_its_count(lexical: Comparer) -> None:
    src = ("The new ferry will carry 300 passengers across the bay, said Maren Thalbeck of the harbour board."
           " Thalbeck added that the old ferry would be sold to a buyer in the north.")
    copy = ("The new ferry will carry 300 passengers across the bay, said Ilse Brandt of the harbour board."
            " Brandt added that the old ferry would be sold to a buyer in the north.")
    assert names(items(lexical, src, copy)) == [("Maren Thalbeck", "Ilse Brandt", 2)]


def test_a_name_that_opens_a_sentence_is_read_where_the_article_writes_it_inside_one(lexical: Comparer) -> None:
    src = ("Thalbeck said the new ferry will carry 300 passengers across the bay from next spring."
           " The old ferry, Thalbeck added, would be sold to a buyer in the north.")
    copy = ("Brandt said the new ferry will carry 300 passengers across the bay from next spring."
            " The old ferry, Brandt added, would be sold to a buyer in the north.")
    assert names(items(lexical, src, copy)) == [("Thalbeck", "Brandt", 2)]


def test_a_swapped_speaker_is_one_item_with_speaker_changes_on(lexical: Comparer) -> None:
    # the speaker check (off by default) reads "Maren Thalbeck said" -> "Ilse Brandt said" as a changed attribution:
    # with it on, that is the one item; with it off, the changed name
    src = "The new ferry will carry 300 passengers across the bay, Maren Thalbeck said on Tuesday."
    copy = "The new ferry will carry 300 passengers across the bay, Ilse Brandt said on Tuesday."
    found = items(lexical, src, copy, cfg=replace(ON, speaker_changes=True))
    assert [(d.type, d.a_text, d.b_text) for d in found if d.material] == [
        ("attribution", "Maren Thalbeck", "Ilse Brandt")], found
    assert names(items(lexical, src, copy)) == [("Maren Thalbeck", "Ilse Brandt", 1)]


@pytest.mark.parametrize(("src", "copy"), [
    # a pronoun or a title in the name's place: rewording or attribution, no name
    ("The new ferry will carry 300 passengers across the bay, Kowalczyk said on Tuesday evening.",
     "The new ferry will carry 300 passengers across the bay, he said on Tuesday evening."),
    ("The new ferry will carry 300 passengers across the bay, Kowalczyk said on Tuesday evening.",
     "The new ferry will carry 300 passengers across the bay, the minister said on Tuesday evening."),
    ("The new ferry will carry 300 passengers across the bay, Minister Kowalczyk said on Tuesday evening.",
     "The new ferry will carry 300 passengers across the bay, the Minister said on Tuesday evening."),
    # a derived form
    ("Exports from Korea's shipyards rose sharply last year as orders for gas carriers returned.",
     "Exports from Korean shipyards rose sharply last year as orders for gas carriers returned."),
    # case and typography
    ("The new ferry will carry 300 passengers across the bay, said Sean O'Brien of the harbour board.",
     "The new ferry will carry 300 passengers across the bay, said Sean O\u2019Brien of the harbour board."),
    ("The new ferry will carry 300 passengers across the bay, said Ian McDonald of the harbour board.",
     "The new ferry will carry 300 passengers across the bay, said Ian Mcdonald of the harbour board."),
    # a name moved elsewhere in the sentence
    ("Thalbeck said the new ferry will carry 300 passengers across the bay from next spring.",
     "The new ferry will carry 300 passengers across the bay from next spring, Thalbeck said."),
    # a capital that opens a quotation, or follows a colon or a bracket, says nothing of a name
    ('"Thought I did my part and played well," Opelka said after the match on Tuesday evening.',
     '"Cach to some points and played well," Opelka said after the match on Tuesday evening.'),
    ("The museum opens from Tuesday to Saturday at 4pm (Closed on Sundays and Mondays) this winter.",
     "The museum opens from Tuesday to Saturday at 4pm (Feded on Sundays and Mondays) this winter."),
    # a space lost: a common word glued to the name
    ("The new ferry will carry 300 passengers across the bay, said Reggie Filsaime of the harbour board.",
     "The new ferry will carry 300 passengers across the bay, said Reggie Filsaimewith of the harbour board."),
    # a name the other text says elsewhere
    ("The road to Brellmoor will reopen next week after repairs to the bridge, the council said."
     " The bus to Holmvik runs as usual.",
     "The road to Holmvik will reopen next week after repairs to the bridge, the council said."
     " The bus to Holmvik runs as usual."),
])
def test_no_name_swap_where_no_name_took_another_s_place(lexical: Comparer, src: str, copy: str) -> None:
    found = items(lexical, src, copy)
    assert not names(found), found


def test_no_name_swap_across_languages(lexical: Comparer) -> None:
    src = ("en", "The road to Brellmoor will reopen next week after repairs to the bridge, the council said.")
    copy = ("de", "Die Straße nach Holmvik wird nach der Reparatur der Brücke nächste Woche wieder geöffnet.")
    da = lexical.doc(Article(id="src", language=src[0], text=src[1]))
    db = lexical.doc(Article(id="copy", language=copy[0], text=copy[1]))
    pair = AlignedPair((0,), (0,), (da.sentences[0].start, da.sentences[0].end),
                       (db.sentences[0].start, db.sentences[0].end), "translated", 0.8)
    relation = replace(lexical._relate(da, db)[1], kind="translation", source="a")
    found = diff(da, db, Alignment((pair,), False), relation, ON)
    assert not names(list(found)), found


# -- 2. a conversion added in brackets -------------------------------------------------------------------------

CONVERSIONS = [
    ("en", "The tower above the harbour is 150 metres tall and was finished in the spring.",
     "The tower above the harbour is 150 metres (492 feet) tall and was finished in the spring."),
    ("en", "The new road runs 40 miles along the coast and was finished in the spring.",
     "The new road runs 40 miles (64 km) along the coast and was finished in the spring."),
    ("en", "The council will spend $10m on the new harbour wall, officials said on Monday.",
     "The council will spend $10m (€9.2m) on the new harbour wall, officials said on Monday."),
    ("de", "Der Turm über dem Hafen ist 150 Meter hoch und wurde im Frühjahr fertiggestellt.",
     "Der Turm über dem Hafen ist 150 Meter (492 Fuß) hoch und wurde im Frühjahr fertiggestellt."),
    ("fr", "La tour qui domine le port mesure 150 mètres de haut et a été achevée au printemps.",
     "La tour qui domine le port mesure 150 mètres (492 pieds) de haut et a été achevée au printemps."),
    ("es", "La torre que domina el puerto mide 150 metros de altura y se terminó en la primavera.",
     "La torre que domina el puerto mide 150 metros (492 pies) de altura y se terminó en la primavera."),
]


@pytest.mark.parametrize(("language", "src", "copy"), CONVERSIONS)
def test_a_conversion_in_brackets_is_no_added_figure(lexical: Comparer, language: str, src: str, copy: str) -> None:
    assert not figures(items(lexical, src, copy, language))
    assert not figures(items(lexical, copy, src, language))  # nor a dropped one
    assert [f for f in figures(items(lexical, src, copy, language, OFF)) if f[0] == "added"]


@pytest.mark.parametrize("copy", [
    "The tower above the harbour is 150 metres (92 feet) tall and was finished in the spring.",  # value off
    "The tower above the harbour is 150 metres (492 tonnes) tall and was finished in the spring.",  # other kind
    "The tower above the harbour is 150 metres tall (492 feet) and was finished in the spring.",  # not right after
])
def test_a_bracketed_figure_that_converts_nothing_is_added(lexical: Comparer, copy: str) -> None:
    src = "The tower above the harbour is 150 metres tall and was finished in the spring."
    assert [f for f in figures(items(lexical, src, copy)) if f[0] == "added"]


def test_a_bracketed_sum_far_off_is_added(lexical: Comparer) -> None:
    src = "The council will spend $10m on the new harbour wall, officials said on Monday."
    copy = "The council will spend $10m (€50m) on the new harbour wall, officials said on Monday."
    assert [f for f in figures(items(lexical, src, copy)) if f[0] == "added"]


def test_a_unit_with_a_sharp_s_is_read() -> None:
    # "Fuß" casefolds to "fuss", no unit word: the figure's unit read lower-cased (the diff crashed on it)
    from wiretrace.segment.numbers import unit_of, unit_size

    text = "150 Meter (492 Fuß)"
    assert unit_of(text, 11, 14) == "length"
    assert unit_size(text, 11, 14) == pytest.approx(3.048e-4)
