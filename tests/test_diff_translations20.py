"""diff across languages, session 20 (issue #19: false items on faithful translations): an ordinal word for a figure
in digits, "this year" in an undated article, a capitalised common word translated, a conversion in brackets
opened by "about" or written in Japanese. Made-up texts only."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from diff_helpers import Found
from wiretrace import Article
from wiretrace.compare import Comparer
from wiretrace.diff import DiffConfig, diff
from wiretrace.segment.numbers import ordinal_value, units_of

UNDATED = DiffConfig(undated_relative_years=True)


def translated(c: Comparer, src: tuple[str, str], copy: tuple[str, str],
               links: Sequence[tuple[int, int]] = ((0, 0),), *, cfg: DiffConfig | None = None) -> Found:
    """``diff_helpers.translated`` (undated articles) with a ``DiffConfig``."""
    from wiretrace.records import AlignedPair, Alignment

    da = c.doc(Article(id="src", language=src[0], text=src[1]))
    db = c.doc(Article(id="copy", language=copy[0], text=copy[1]))
    pairs = tuple(AlignedPair((i,), (j,), (da.sentences[i].start, da.sentences[i].end),
                              (db.sentences[j].start, db.sentences[j].end), "translated", 0.8) for i, j in links)
    relation = replace(c._relate(da, db)[1], kind="translation", source="a")
    return {(d.op, d.type, d.a_text, d.b_text) for d in diff(da, db, Alignment(pairs, False), relation, cfg)}


def numbers(items: Found) -> Found:
    return {i for i in items if i[1] in ("number", "date", "name")}


# -- an ordinal word on one side, the figure in digits on the other ("второго типа" = "type 2") --------------------

def test_russian_ordinals_are_read_in_every_case() -> None:
    assert [ordinal_value(w, "ru") for w in ("второго", "вторую", "третьего", "четвертом", "пятых")] == [2, 2, 3, 4, 5]
    assert ordinal_value("класса", "ru") is None


def test_a_russian_ordinal_word_is_the_figure_in_digits_of_the_translation(lexical: Comparer) -> None:
    src = ("ru", "Новый сорт пшеницы второго класса вырастили под Томском.")
    copy = ("en", "A new class 2 wheat variety was grown near Tomsk.")
    assert not numbers(translated(lexical, src, copy)), translated(lexical, src, copy)


def test_an_ordinal_of_another_value_leaves_the_figure_added(lexical: Comparer) -> None:
    src = ("ru", "Новый сорт пшеницы третьего класса вырастили под Томском.")
    copy = ("en", "A new class 2 wheat variety was grown near Tomsk.")
    assert ("added", "number", None, "2") in translated(lexical, src, copy)


# -- "this year" where no date says which year ----------------------------------------------------------------------

def test_this_year_in_an_undated_article_is_the_year_its_translation_writes_with_the_option(
        lexical: Comparer) -> None:
    src = ("ja", "今年の売り上げは４億円に達したと会社は発表した。")
    copy = ("en", "The company said its sales reached 400 million yen in 2021.")
    assert DiffConfig().undated_relative_years is False  # off by default: no date, the year is reported
    assert ("added", "number", None, "2021") in translated(lexical, src, copy)
    assert not numbers(translated(lexical, src, copy, cfg=UNDATED)), translated(lexical, src, copy, cfg=UNDATED)


def test_a_year_with_no_relative_year_beside_it_is_still_added(lexical: Comparer) -> None:
    src = ("ja", "売り上げは４億円に達したと会社は発表した。")
    copy = ("en", "The company said its sales reached 400 million yen in 2021.")
    assert ("added", "number", None, "2021") in translated(lexical, src, copy, cfg=UNDATED)


# -- a capitalised common word (part of a title) translated ---------------------------------------------------------

FR = ("La maire sera candidate à la Primaire citoyenne de Valbrune. "
      "Elle avait d'abord refusé de participer à une primaire.")


def test_a_capitalised_word_its_article_also_writes_in_lower_case_is_no_name(lexical: Comparer) -> None:
    copy = ("de", "Die Bürgermeisterin wird bei der Primärwahl der Bürger von Valbrune kandidieren. "
                  "Zunächst hatte sie die Teilnahme an einer Primärwahl abgelehnt.")
    items = translated(lexical, ("fr", FR), copy, ((0, 0), (1, 1)))
    assert not [i for i in items if i[1] == "name"], items


def test_a_name_never_written_in_lower_case_respelt_is_still_a_changed_name(lexical: Comparer) -> None:
    src = ("fr", "La maire sera candidate contre Jean Mérandon à Valbrune. Elle avait d'abord refusé.")
    copy = ("de", "Die Bürgermeisterin wird gegen Jean Merrandon in Valbrune kandidieren. "
                  "Zunächst hatte sie abgelehnt.")
    items = translated(lexical, src, copy, ((0, 0), (1, 1)))
    assert ("changed", "name", "Mérandon", "Merrandon") in items, items


# -- a conversion in brackets: "(about 3.8 litres)", "（約3.8リットル）" ----------------------------------------------

def test_japanese_units_are_read_on_the_figure() -> None:
    text = "水1ガロン（約3.8リットル）に混ぜる。"
    assert units_of(text, text.index("1"), text.index("1") + 1, "ja") == frozenset({"volume-gallon"})
    assert units_of(text, text.index("3.8"), text.index("3.8") + 3, "ja") == frozenset({"volume-liter"})
    money = "4億5000万ドル"  # a currency's names are not read there
    assert units_of(money, 0, len(money) - 2, "ja") is None


def test_a_conversion_opened_by_about_is_no_figure_dropped(lexical: Comparer) -> None:
    src = ("en", "Mix a spoon of plain bleach into 1 gallon (about 3.8 litres) of cold water every week.")
    copy = ("de", "Mischen Sie jede Woche einen Löffel Bleiche in 1 Gallone kaltes Wasser.")
    assert not numbers(translated(lexical, src, copy)), translated(lexical, src, copy)


def test_a_japanese_conversion_in_brackets_is_no_figure_dropped(lexical: Comparer) -> None:
    src = ("ja", "毎週、水1ガロン（約3.8リットル）に漂白剤を混ぜる。")
    copy = ("en", "Every week, mix bleach into 1 gallon of water.")
    assert not numbers(translated(lexical, src, copy)), translated(lexical, src, copy)


def test_a_bracketed_figure_that_converts_nothing_is_still_dropped(lexical: Comparer) -> None:
    src = ("ja", "毎週、水1ガロン（約9リットル）に漂白剤を混ぜる。")
    copy = ("en", "Every week, mix bleach into 1 gallon of water.")
    assert ("dropped", "number", "9", None) in translated(lexical, src, copy)
