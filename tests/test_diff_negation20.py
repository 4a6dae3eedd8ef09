"""diff, session 20 (issue #19; our own made-up pairs): a negation said without "not" in a rewrite (review M5,
``DiffConfig.negation_equivalents``), and a word of a round trip's pivot language in a name's place
(``DiffConfig.name_swaps`` with ``name_swap_pivot_languages``)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from diff_helpers import found
from wiretrace import Article
from wiretrace.compare import Comparer
from wiretrace.cues import cue_words, negation_equivalents
from wiretrace.diff import DiffConfig, diff

EQUIV = DiffConfig(negation_equivalents=True)
#: The option off (it is on by default since session 20).
LITERAL = DiffConfig(negation_equivalents=False)

# -- 1. a negation said with a word that denies (M5) ----------------------------------------------------------------

SAID_OTHERWISE = [
    # the reviewer's two: a dropped "not" said as "ruled out", an added "not" for a source's "suspended"
    ("The finance minister said the government would not raise taxes next year, despite the deficit.",
     "The finance minister ruled out a tax increase next year, despite the deficit, the government said."),
    ("Ferry services across the bay have been suspended until Saturday because of the storm.",
     "Ferries across the bay will not run before Saturday because of the storm."),
    ("The mayor did not comment on the report about the bridge repairs on Monday.",
     "The mayor declined to comment on the report about the bridge repairs on Monday."),
    ("The council said it would not approve the plan for the new harbour wall this year.",
     "The council said it rejected the plan for the new harbour wall this year."),
]


@pytest.mark.parametrize(("src", "copy"), SAID_OTHERWISE)
def test_a_negation_said_with_a_word_that_denies_is_kept(lexical: Comparer, src: str, copy: str) -> None:
    assert not [i for i in found(lexical, src, copy, cfg=EQUIV) if i[1] == "negation"]
    assert not [i for i in found(lexical, src, copy) if i[1] == "negation"]  # the default
    # without the option the "not" is reported dropped or added
    assert [i for i in found(lexical, src, copy, cfg=LITERAL) if i[1] == "negation"]


REAL = [
    # a negation really dropped: the other side has no word that denies in its place
    ("The mayor did not comment on the report about the bridge repairs on Monday.",
     "The mayor commented on the report about the bridge repairs on Monday.", ("dropped", "negation", "did not", None)),
    # both sides deny the same way ("refused" on each): the added "not" is a change
    ("The board refused to say when the new ferry would be ready for the summer season.",
     "The board refused to say when the new ferry would not be ready for the summer season.",
     ("added", "negation", None, "would not")),
]


@pytest.mark.parametrize(("src", "copy", "item"), REAL)
def test_a_negation_really_dropped_or_added_is_still_reported(lexical: Comparer, src: str, copy: str,
                                                              item: tuple[str, str, str | None, str | None]) -> None:
    assert item in found(lexical, src, copy, cfg=EQUIV)
    assert item in found(lexical, src, copy)  # the default


def test_negation_equivalents_is_on_and_name_swaps_off_by_default() -> None:
    """Session 20's test look: ``negation_equivalents`` changed no test item (on); ``name_swaps`` with the pivot-word
    filter still added two garbled names to the untouched round trips (7.39 -> 7.44 per 1,000 words: off)."""
    assert DiffConfig().negation_equivalents
    assert not DiffConfig().name_swaps
    assert DiffConfig().no_longer_negation  # on since session 23 (tests/test_diff_negation23.py)


def test_rule_out_counts_with_its_out_only() -> None:
    words = [t[0] for t in negation_equivalents(cue_words("They ruled out a rise; the rule applies; he declined."))]
    assert words == ["ruled", "declined"]


# -- 2. a word of the pivot language in a name's place --------------------------------------------------------------

PAD = (" Officials gave no date for the start of construction work on the turbines in the bay."
       " The harbour master said the ferries would keep to their winter timetable for now.")
SWAPS = DiffConfig(name_swaps=True)


def name_items(c: Comparer, src: str, copy: str, cfg: DiffConfig) -> list[tuple[str | None, str | None]]:
    da = c.doc(Article(id="src", language="en", text=src + PAD))
    db = c.doc(Article(id="copy", language="en", text=copy + PAD))
    alignment, relation = c._relate(da, db)
    return [(d.a_text, d.b_text) for d in diff(da, db, alignment, replace(relation, source="a"), cfg)
            if d.type == "name" and d.op == "changed"]


PIVOT = [
    # a word of Portuguese / Spanish left in by the round trip where the source had a name
    ("The festival opened with a concert by the Brellmoor Singers in the harbour square on Friday.",
     "The festival opened with a concert by the Todos Singers in the harbour square on Friday.", "Brellmoor", "Todos"),
    # a name that is a Portuguese word, taken out (translated) by the round trip
    ("The festival opened with a concert by the Amigos Quartet in the harbour square on Friday.",
     "The festival opened with a concert by the Holmvik Quartet in the harbour square on Friday.", "Amigos", "Holmvik"),
]


@pytest.mark.parametrize(("src", "copy", "was", "now"), PIVOT)
def test_a_pivot_language_word_is_no_name_swap(lexical: Comparer, src: str, copy: str, was: str, now: str) -> None:
    assert not name_items(lexical, src, copy, SWAPS)
    # with the pivot languages' words not left alone, the same pair is a swapped name
    assert name_items(lexical, src, copy, replace(SWAPS, name_swap_pivot_languages=())) == [(was, now)]


def test_a_name_common_in_both_languages_is_still_a_swap(lexical: Comparer) -> None:
    """"Maria" is a word of Portuguese (Zipf 5.2) but as much a name in English (4.3): not a pivot word."""
    src = "The new ferry will carry 300 passengers across the bay, said Maren Thalbeck of the harbour board."
    copy = "The new ferry will carry 300 passengers across the bay, said Maria Brandt of the harbour board."
    assert name_items(lexical, src, copy, SWAPS) == [("Maren Thalbeck", "Maria Brandt")]
