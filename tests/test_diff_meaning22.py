"""diff, session 22 (issue #19; our own made-up pairs): meaning words a rewrite says another way are kept, not
reported as invented items: "maybe" for "perhaps", "not inspired" for "uninspiring", an attribution said with
"maintained" / "related" / "the statement read", one opinion cue swapped for another, and a few function words
added or dropped are no claim."""

from __future__ import annotations

import pytest

from diff_helpers import found
from wiretrace.compare import Comparer
from wiretrace.cues import cue_words
from wiretrace.diff.meaning import _negation_forms, _sayings, _stem_said
from wiretrace.diff.opinion import _opinion_spans

Item = tuple[str, str, str | None, str | None]


def _types(items: set[Item], typ: str) -> list[Item]:
    return [i for i in items if i[1] == typ]


# -- 1. "maybe" says what "perhaps" says -----------------------------------------------------------------------------

MAYBE = [
    ("The coach said it was one of the best games of the season, perhaps of his whole career.",
     "The coach said it was one of the best games of the season, maybe of his whole career."),
    ("Maybe the ferry company likes the timetable that way, whatever the harbour master says.",
     "Perhaps the ferry company likes the timetable that way, whatever the harbour master says."),
]


@pytest.mark.parametrize(("src", "copy"), MAYBE)
def test_maybe_for_perhaps_is_no_hedge_lost_or_gained(lexical: Comparer, src: str, copy: str) -> None:
    assert not _types(found(lexical, src, copy), "qualifier")


def test_a_perhaps_really_dropped_is_still_reported(lexical: Comparer) -> None:
    items = found(lexical, "The coach said it was perhaps the best game of the season for the club.",
                  "The coach said it was the best game of the season for the club.")
    assert [i for i in items if i[:2] == ("dropped", "qualifier") and "perhaps" in (i[2] or "")]


# -- 2. a negating "un" whose stem the other side writes with another ending -----------------------------------------

def test_un_word_counts_for_not_with_the_stem_in_another_form(lexical: Comparer) -> None:
    src = "The critics found the new line-up of the festival uninspiring and the tickets far too dear."
    copy = "The critics found the new line-up of the festival was not inspired and the tickets far too dear."
    assert not _types(found(lexical, src, copy), "negation")


def test_stem_said_needs_all_but_an_ending() -> None:
    assert _stem_said("inspiring", {"inspired"})
    assert _stem_said("clear", {"clear"})
    assert not _stem_said("employment", {"employers"})  # "unemployment" is no "not employed"
    assert not _stem_said("clear", {"clearly"})  # a short stem must be the whole word
    # the "un" word covers the other side's "not" only with its stem there
    s, c = cue_words("The plan was uninspiring."), cue_words("The plan was not inspired.")
    assert _negation_forms(s, c, set()) == (1, 0)
    assert _negation_forms(cue_words("Unemployment fell."), cue_words("Employers did not hire."), set()) == (0, 0)


# -- 3. attribution said with another verb ---------------------------------------------------------------------------

def test_sayings_counts_read_after_a_statement_and_maintained_before_a_clause() -> None:
    def n(text: str) -> int:
        return _sayings(cue_words(text), text)

    assert n("the statement read.") == 1
    assert n("she read the report") == 0
    assert n("The agreement maintained that it would cover both shows.") == 1
    assert n("a well maintained road") == 0
    assert n("As he related, the course lasted a year.") == 1
    assert n("problems related to the storm") == 0


SAID_OTHERWISE = [
    ("The agreement maintained that it would cover the second concert in the harbour as well.",
     "The agreement stated that it would cover the second concert in the harbour as well."),
    ("\"We were shocked to see the posts about the ferry timetable,\" the statement read.",
     "\"We were shocked to see the posts about the ferry timetable,\" the statement said."),
]


@pytest.mark.parametrize(("src", "copy"), SAID_OTHERWISE)
def test_an_attribution_said_with_another_verb_is_kept(lexical: Comparer, src: str, copy: str) -> None:
    assert not _types(found(lexical, src, copy), "attribution")


def test_an_attribution_really_added_is_still_reported(lexical: Comparer) -> None:
    items = found(lexical, "The new ferry would cover the second crossing of the bay as well.",
                  "The new ferry would cover the second crossing of the bay as well, the company stated.")
    assert _types(items, "attribution")


# -- 4. one opinion cue for another, and cues of one meaning ---------------------------------------------------------

def test_a_cue_swapped_for_another_is_no_inserted_opinion() -> None:
    src = "Its new ferry is arguably the most striking design yet."
    assert not _opinion_spans("Its new ferry is undoubtedly the most striking design yet.", src)
    assert not _opinion_spans("The council called the harbour plan a farce.",
                              "The council called the harbour plan a sham.")
    # the source's cue kept, and one more added: the added one is reported
    assert _opinion_spans("Its new ferry is arguably the most striking design yet, sadly.", src)
    # no cue in the source: the copy's cue is its own
    assert _opinion_spans("Its new ferry is undoubtedly the most striking design yet.",
                          "Its new ferry is the most striking design yet.")


def test_cues_of_one_meaning_are_no_inserted_opinion() -> None:
    assert not _opinion_spans("Surely the council does not want to close the harbour.",
                              "To be sure, the council does not want to close the harbour.")
    assert not _opinion_spans("The vote is particularly worrying for the council.",
                              "The vote is of particular concern to the council.")
    assert _opinion_spans("The vote is particularly worrying for the council.", "The vote matters to the council.")


def test_an_opinion_cue_swapped_is_not_reported_in_a_diff(lexical: Comparer) -> None:
    src = "The ferry company called the new harbour rules a sham, and the council said it would review them."
    copy = "The ferry company called the new harbour rules a farce, and the council said it would review them."
    assert not _types(found(lexical, src, copy), "opinion")


# -- 5. an added passage of function words is no claim --------------------------------------------------------------

def test_a_passage_of_no_content_words_is_no_claim(lexical: Comparer) -> None:
    src = ("There are the big ferry operators on the bay, but there are also small ones. "
           "The small ones bring a speed and a daring that adds to the trade.")
    copy = ("There are the big ferry operators on the bay, but there are also small ones, and we are one of these. "
            "The small ones bring a speed and a daring that adds to the trade.")
    items = found(lexical, src, copy)
    assert not [i for i in items if i[1] == "claim"]


def test_an_added_clause_with_content_is_still_a_claim(lexical: Comparer) -> None:
    src = "The ferry left the harbour at noon and reached the island an hour later."
    copy = ("The ferry left the harbour at noon, carrying three hundred furious striking miners, "
            "and reached the island an hour later.")
    assert [i for i in found(lexical, src, copy) if i[1] in ("claim", "opinion", "number")]


# -- 6. a neighbouring sentence merged into the other side's passage -------------------------------------------------

def test_a_negation_of_a_sentence_merged_into_the_copy_is_kept(lexical: Comparer) -> None:
    src = ('"Any final deal on the timetable needs to be made with the ferry team. We have no further comment," '
           "the harbour office said.")
    copy = ('"Any final deal on the timetable needs to be made with the ferry team, and we don\u2019t have any more '
            'comments," the harbour office said.')
    assert not _types(found(lexical, src, copy), "negation")


def test_a_negation_added_beside_a_sentence_kept_apart_is_still_reported(lexical: Comparer) -> None:
    src = ("The ferry team will make the final deal on the timetable. "
           "We have no further comment on the new harbour wall.")
    copy = ("The ferry team will not make the final deal on the timetable. "
            "We have no further comment on the new harbour wall.")
    assert ("added", "negation", None, "will not") in found(lexical, src, copy)
