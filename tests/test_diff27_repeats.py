"""False diff items of issue #19, helper diff27 (session 27): a sentence that a copy writes twice (a round trip's
repetition) or that a source repeats adds or drops nothing when one of its occurrences is aligned
(``DiffConfig.repeated_sentences``). The guards: a new sentence written twice is still an added claim, and a
repeated sentence with one word changed is still a change. Made-up texts only."""

from __future__ import annotations

from dataclasses import replace

from diff_helpers import found
from wiretrace.compare import Comparer
from wiretrace.diff import DiffConfig

_SRC = ("The ferry left the harbour at dawn with forty passengers on board. The captain had no record of accidents. "
        "He had sailed the route for a decade. The crossing took three hours in calm weather.")


def _unaligned(items: set[tuple[str, str, str | None, str | None]]) -> set[tuple[str, str, str | None, str | None]]:
    return {i for i in items if i[0] in ("added", "dropped")}


def test_a_sentence_the_copy_writes_twice_is_no_added_claim(lexical: Comparer) -> None:
    copy = _SRC.replace("The captain had no record of accidents.",
                        "The captain had no record of accidents. The captain had no record of accidents.")
    assert not _unaligned(found(lexical, _SRC, copy))
    # the rule off: the repetition is reported, as before
    off = replace(DiffConfig(), repeated_sentences=False)
    assert ("added", "claim", None, "The captain had no record of accidents.") in found(lexical, _SRC, copy, cfg=off)


def test_a_sentence_the_source_repeats_is_not_dropped(lexical: Comparer) -> None:
    src = _SRC.replace("He had sailed the route for a decade.",
                       "He had sailed the route for a decade. He had sailed the route for a decade.")
    assert not _unaligned(found(lexical, src, _SRC))


def test_case_and_punctuation_aside_it_is_the_same_sentence(lexical: Comparer) -> None:
    copy = _SRC.replace("The captain had no record of accidents.",
                        "The captain had no record of accidents. The captain had no record of accidents!")
    assert not _unaligned(found(lexical, _SRC, copy))


def test_a_new_sentence_written_twice_is_still_added(lexical: Comparer) -> None:
    copy = _SRC.replace("He had sailed the route for a decade.",
                        "He had sailed the route for a decade. The owners plan to sell the vessel next spring. "
                        "The owners plan to sell the vessel next spring.")
    added = {i for i in found(lexical, _SRC, copy) if i[0] == "added"}
    assert added, "a claim new to the copy is reported however often it is written"


def test_a_repetition_with_a_word_changed_is_still_a_change(lexical: Comparer) -> None:
    copy = _SRC.replace("The captain had no record of accidents.",
                        "The captain had no record of accidents. The captain had a record of accidents.")
    assert _unaligned(found(lexical, _SRC, copy)) or any(i[1] == "negation" for i in found(lexical, _SRC, copy))
