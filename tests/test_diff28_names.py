"""False name changes of issue #19, helper diff28 (session 28), read on WMT22 translations of one original against
each other: German nouns (capitalised like names) swapped for an inflected form or a compound of them, words whose
folded key is no word ("Krankenhäuser" -> "krankenhauser"), and a Latin name with the Chinese after it glued on
("Squire说"). Each a ``DiffConfig`` switch; the guards: a misspelled surname is still a changed name, in German and
in English, and so is a Latin name spelled otherwise before its Chinese. Made-up texts only."""

from __future__ import annotations

from dataclasses import replace

from wiretrace import Article
from wiretrace.compare import Comparer
from wiretrace.diff import DiffConfig, diff
from wiretrace.diff.names import _compound_of, _inflected_of, _script_glued

_DE = ("Der Minister besuchte am Montag {a} in der Stadt Hannover. Er sprach dort lange mit den Ärzten über {b}. "
       "{c} im Landtag ist für Freitag geplant, sagte ein Sprecher der Regierung. "
       "Die Opposition kritisierte den Plan als zu spät und zu teuer für die Gemeinden im Norden.")
_WORDS = {"Krankenhaus": 4.75, "Programm": 4.98, "Abstimmung": 4.27, "Gegner": 4.73, "Gedächtnis": 4.0}


def _names(c: Comparer, language: str, src: str, copy: str, cfg: DiffConfig | None = None) -> set[tuple[str, str]]:
    da = c.doc(Article(id="src", language=language, text=src))
    db = c.doc(Article(id="copy", language=language, text=copy))
    alignment, relation = c._relate(da, db)
    items = diff(da, db, alignment, replace(relation, source="a"), cfg or DiffConfig())
    return {(d.a_text or "", d.b_text or "") for d in items if d.type == "name" and d.op == "changed"}


def _is_word(w: str) -> bool:
    return w.capitalize() in _WORDS


def test_compound_of_an_ordinary_word() -> None:
    assert _compound_of("abstimmung", "mehrheitsabstimmung", _is_word)
    assert _compound_of("gedächtnisverlust", "gedächtnis", _is_word)
    # the other part too short to be a word of its own, or no ordinary word in the pair: a name spelled otherwise
    assert not _compound_of("gegner", "gegnerxy", _is_word)
    assert not _compound_of("brandt", "hildebrandt", _is_word)


def test_inflected_noun() -> None:
    assert _inflected_of("gegner", "gegnerin", _is_word)
    assert _inflected_of("impfprogramm", "impfprogramme", _is_word)  # a compound ending with "programm"
    assert not _inflected_of("gegner", "gegnert", _is_word)  # no noun ending
    assert not _inflected_of("brandt", "brandte", _is_word)  # no ordinary word in it


def test_script_glued() -> None:
    assert _script_glued("squire说", "squire")
    assert _script_glued("murray和keith", "murray")
    assert _script_glued("omicron是一种变体", "omicron在pcr测试中")
    assert not _script_glued("squirt说", "squire")
    assert not _script_glued("squire", "squirt")


def test_german_nouns_are_no_changed_names(lexical: Comparer) -> None:
    src = _DE.format(a="das Krankenhaus", b="die Impfprogramme und die Gegner", c="Die Abstimmung")
    copy = _DE.format(a="die Krankenhäuser", b="das Impfprogramm und die Gegnerin", c="Die Mehrheitsabstimmung")
    assert not _names(lexical, "de", src, copy)
    off = replace(DiffConfig(), name_words_as_written=False, name_compounds=False)
    assert {("Krankenhaus", "Krankenhäuser"), ("Abstimmung", "Mehrheitsabstimmung")} <= _names(
        lexical, "de", src, copy, off)


def test_a_misspelled_german_surname_is_still_a_changed_name(lexical: Comparer) -> None:
    src = _DE.format(a="Frau Brandstätter", b="das Krankenhaus", c="Die Abstimmung")
    copy = _DE.format(a="Frau Brandstäter", b="das Krankenhaus", c="Die Abstimmung")
    assert ("Brandstätter", "Brandstäter") in _names(lexical, "de", src, copy)


def test_english_compounds_stay_names(lexical: Comparer) -> None:
    # English capitalises names only: a word grown into a longer surname is a changed name
    src = ("The report was written by Ellen Bridge, who led the inquiry for two years. It found that the port had "
           "ignored safety warnings. The company said it would study the findings carefully before it replied.")
    copy = src.replace("Ellen Bridge", "Ellen Trowbridge")
    assert ("Bridge", "Trowbridge") in _names(lexical, "en", src, copy)


def test_a_latin_name_glued_to_chinese_is_the_name(lexical: Comparer) -> None:
    src = "主席 Sarah Squire 说，这座桥将在明年春天开放。市政府已经为这个项目拨款。工程师们表示，天气可能会推迟工程。"
    copy = ("主席Sarah Squire表示，这座大桥会在明年春天开放。"
            "市政府已经为这个项目拨款。工程师们表示，天气可能会推迟工程。")
    assert not _names(lexical, "zh", src, copy)
    assert ("Squire", "Squire表示") in _names(lexical, "zh", src, copy, replace(DiffConfig(), name_script_glue=False))
    # a Latin name spelled otherwise before its Chinese is still a changed name
    assert _names(lexical, "zh", src, copy.replace("Squire表示", "Squirt表示"))
