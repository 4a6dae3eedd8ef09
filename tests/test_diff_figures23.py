"""Named figures add no diff item, session 23 (issue #19). Session 22's rules read the count of a group's name ("the
Group of Seven") as no figure and a Roman numeral after "type" / "stage" as a figure; each read on one side only can
add an item where the other side writes the same thing another way ("the Group of 20" / "the 20 big economies", a
"stage I" that is the pronoun and that the other side words without it). Both are now named figures
(``numbers.named_figures``, ``figures._named_values``): a match for the other text's figure, never reported on their
own. Made-up texts only."""

from __future__ import annotations

import pytest

from diff_helpers import Found, found, translated
from wiretrace.compare import Comparer


def facts(items: Found) -> Found:
    return {i for i in items if i[1] in ("number", "date")}


@pytest.mark.parametrize(("src", "copy"), [
    # the name on one side, its count as a count on the other: no figure item either way
    ("Leaders of the Group of 20 met in the port city on Sunday, the ministry said.",
     "Leaders of the 20 big economies met in the port city on Sunday, the ministry said."),
    ("The Group of Seven backed the plan on Sunday, the ministry said.",
     "The seven rich nations backed the plan on Sunday, the ministry said."),
    ("The seven rich nations backed the plan on Sunday, the ministry said.",
     "The Group of Seven backed the plan on Sunday, the ministry said."),
    # "stage I" is the pronoun here: the copy words it without the stage
    ("At that stage I was sure the ferry would sail, the captain said.",
     "At that point I was sure the ferry would sail, the captain said."),
    ("At that point I was sure the ferry would sail, the captain said.",
     "At that stage I was sure the ferry would sail, the captain said."),
    # a type named in Roman numerals on one side and dropped on the other is no figure dropped
    ("The clinic treats type II diabetes in the old town, the mayor said.",
     "The clinic treats diabetes in the old town, the mayor said."),
])
def test_a_named_figure_on_one_side_only_adds_no_item(lexical: Comparer, src: str, copy: str) -> None:
    assert not facts(found(lexical, src, copy))


@pytest.mark.parametrize(("src", "copy"), [
    ("Sugar can lead to type 2 diabetes, the doctors warned.",
     "Sugar can lead to type II diabetes, the doctors warned."),
    ("The G7 has seven members, the ministry said.",
     "The Group of Seven has its members, the ministry said."),
])
def test_a_named_figure_matches_the_other_sides_figure(lexical: Comparer, src: str, copy: str) -> None:
    assert not facts(found(lexical, src, copy))


def test_a_figure_the_name_does_not_hold_is_still_reported(lexical: Comparer) -> None:
    assert facts(found(lexical, "The Group of Seven met in the port, the ministry said.",
                       "The Group of Seven met in the port with 12 guests, the ministry said."))


def test_a_type_across_languages_matches_its_digit(lexical: Comparer) -> None:
    assert not facts(translated(lexical, ("ru", "Избыток сахара может привести к диабету 2 типа."),
                                ("en", "Too much sugar can lead to type II diabetes.")))
