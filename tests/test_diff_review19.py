"""diff, a new user's review (M4): across languages a surname lengthened or given another ending vowel is a
changed name; a language's own ending, a compound or a known place's other form is not (made-up texts).
``DiffConfig.name_endings`` is off by default (see its comment): these tests turn it on."""

from __future__ import annotations

from dataclasses import replace

import pytest

from diff_helpers import Found
from wiretrace import Article
from wiretrace.compare import Comparer
from wiretrace.diff import DiffConfig, _bare, _exonym, _transliterated, diff
from wiretrace.records import AlignedPair, Alignment

ON = DiffConfig(name_endings=True)


def translated(c: Comparer, src: tuple[str, str], copy: tuple[str, str], cfg: DiffConfig = ON) -> Found:
    """The diff of a translation of one sentence (``diff_helpers.translated`` with a ``DiffConfig``)."""
    da = c.doc(Article(id="src", language=src[0], text=src[1]))
    db = c.doc(Article(id="copy", language=copy[0], text=copy[1]))
    sa, sb = da.sentences[0], db.sentences[0]
    pairs = (AlignedPair((0,), (0,), (sa.start, sa.end), (sb.start, sb.end), "translated", 0.8),)
    relation = replace(c._relate(da, db)[1], kind="translation", source="a")
    return {(d.op, d.type, d.a_text, d.b_text) for d in diff(da, db, Alignment(pairs, False), relation, cfg)}

EN = "Agency spokesman Tomas Brekke said the river rose 3.4 metres in twelve hours on Thursday."
COPIES = {
    "de": "Behördensprecher Tomas {} sagte, der Fluss sei am Donnerstag in zwölf Stunden um 3,4 Meter gestiegen.",
    "fr": "Le porte-parole Tomas {} a déclaré que le fleuve était monté de 3,4 mètres en douze heures jeudi.",
}


@pytest.mark.parametrize("language", ["de", "fr"])
@pytest.mark.parametrize("misspelt", ["Brekker", "Brekkel", "Brekka"])
def test_a_surname_lengthened_or_given_another_vowel_in_a_translation_is_a_changed_name(
        lexical: Comparer, language: str, misspelt: str) -> None:
    items = translated(lexical, ("en", EN), (language, COPIES[language].format(misspelt)))
    assert ("changed", "name", "Brekke", misspelt) in items, items


def test_with_name_endings_off_a_lengthened_surname_passes_as_before(lexical: Comparer) -> None:
    off = DiffConfig(name_endings=False)
    assert DiffConfig().name_endings is False
    items = translated(lexical, ("en", EN), ("de", COPIES["de"].format("Brekker")), off)
    assert not [i for i in items if i[1] == "name"], items


@pytest.mark.parametrize("language", ["de", "fr"])
def test_the_surname_kept_in_a_translation_is_no_changed_name(lexical: Comparer, language: str) -> None:
    items = translated(lexical, ("en", EN), (language, COPIES[language].format("Brekke")))
    assert not [i for i in items if i[1] == "name"], items


@pytest.mark.parametrize(("a", "b", "lang_a", "lang_b"), [
    ("Brekke", "Brekker", "en", "de"), ("Brekke", "Brekkel", "en", "fr"), ("Brekker", "Brekke", "de", "en"),
    ("Hoff", "Hoffmann", "en", "de"), ("Brekke", "Brekkeman", "en", "de"),
])
def test_an_ending_the_language_does_not_put_on_names_is_no_transliteration(
        a: str, b: str, lang_a: str, lang_b: str) -> None:
    assert not _transliterated(a, b, lang_a, lang_b)


@pytest.mark.parametrize(("a", "b", "lang_a", "lang_b"), [
    ("Occitanie", "Okzitanien", "fr", "de"),  # the German name's ending (WMT22 fr-de, dev)
    ("Brekke", "Brekkessä", "en", "fi"), ("Brekke", "Brekkea", "en", "fi"),  # Finnish cases
    ("Jésus", "Jesuskind", "fr", "de"), ("Martin", "Martinsumzug", "fr", "de"),  # compounds (dev)
    ("Rhein-Sieg-Kreis", "Rhein-Sieg", "de", "fr"), ("Internetportals", "Internet", "de", "fr"),
])
def test_a_language_s_ending_or_a_compound_is_a_transliteration(a: str, b: str, lang_a: str, lang_b: str) -> None:
    assert _transliterated(a, b, lang_a, lang_b)


def test_a_surname_with_another_ending_vowel_is_an_exonym_by_form_but_a_change_in_the_diff(
        lexical: Comparer) -> None:
    """``_exonym`` reads "Brekke" / "Brekka" as it reads "Europe" / "Europa"; the diff tells them apart by
    whether either form is a word or a known place."""
    assert _exonym(_bare("Brekke"), _bare("Brekka")) and _exonym(_bare("Europe"), _bare("Europa"))
    src = "Le Premier ministre a rencontré les dirigeants de l'Europe à Séville jeudi soir."
    copy = "Der Premierminister traf am Donnerstagabend in Sevilla die Staats- und Regierungschefs Europas."
    items = translated(lexical, ("fr", src), ("de", copy))
    assert not [i for i in items if i[1] == "name"], items


def test_a_dropped_dateline_keeps_its_closing_bracket() -> None:
    """A copy that lost the dateline: the item holds "(Reuters)" whole, not "VARNHOLM (Reuters" (user review, L7)."""
    from diff_helpers import found
    from wiretrace.compare import CompareConfig, Comparer

    c = Comparer(CompareConfig(embedder=None))
    got = found(c, "VARNHOLM (Reuters) - The river Selva burst its banks on Thursday, the town council said.",
                "The river Selva burst its banks on Thursday, the town council said.")
    texts = [t for _op, _type, a, b in got for t in (a, b) if t and "Reuters" in t]
    assert texts and all(t.count("(") == t.count(")") for t in texts), got
