"""False diff items of issue #19, helper diff27 (session 27): a figure's qualifier that the other side writes a few
words before the figure instead of right before it is kept ("it just takes 15 seconds" / "it takes only 15 seconds";
``DiffConfig.moved_qualifiers``). The guards: a qualifier said nowhere near the figure, or another qualifier of a
chain, is still lost or gained. Made-up texts only."""

from __future__ import annotations

from dataclasses import replace

import pytest

from diff_helpers import found
from wiretrace.compare import Comparer
from wiretrace.diff import DiffConfig

_SRC = "The new ferry is fast. Meanwhile, it just takes 15 minutes to load the cars onto the deck, the captain said."


def qualifiers(items: set[tuple[str, str, str | None, str | None]]) -> set[tuple[str, str, str | None, str | None]]:
    return {i for i in items if i[1] == "qualifier"}


@pytest.mark.parametrize(("src", "copy"), [
    (_SRC, _SRC.replace("it just takes 15", "it takes only 15")),
    (_SRC, _SRC.replace("it just takes 15", "it takes just 15")),
    (_SRC.replace("it just takes 15", "it takes only 15"), _SRC),
    ("The board named the winners among the nearly who 100 applied for the grant, the mayor said.",
     "The board named the winners among the nearly 100 who applied for the grant, the mayor said."),
])
def test_a_qualifier_a_few_words_from_its_figure_is_kept(lexical: Comparer, src: str, copy: str) -> None:
    assert not qualifiers(found(lexical, src, copy))


def test_the_rule_off_reports_it_as_before(lexical: Comparer) -> None:
    copy = _SRC.replace("it just takes 15", "it takes only 15")
    off = replace(DiffConfig(), moved_qualifiers=False)
    assert qualifiers(found(lexical, _SRC, copy, cfg=off))


@pytest.mark.parametrize(("src", "copy"), [
    # dropped outright
    ("The harbour handled about 400 ships last year, the mayor said.",
     "The harbour handled 400 ships last year, the mayor said."),
    # the other side's word is another qualifier, not this one
    ("Meanwhile, it nearly takes 15 minutes to load the cars onto the deck, the captain said.",
     "Meanwhile, it takes only 15 minutes to load the cars onto the deck, the captain said."),
    # one of a chain lost: "only about 400" -> "only 400" ("about" is said nowhere)
    ("The harbour handled only about 400 ships last year, the mayor said.",
     "The harbour handled only 400 ships last year, the mayor said."),
    # the word qualifies another figure before this one
    ("The storm sank about 40 boats and 40 ferries in the northern bay on Monday.",
     "The storm sank about 40 boats and about 40 ferries in the northern bay on Monday."),
    # the word stands in another clause
    ("The port was just reopened, and 300 boats came back in the spring, the mayor said.",
     "The port was just reopened, and only 300 boats came back in the spring, the mayor said."),
])
def test_a_qualifier_said_nowhere_near_is_still_a_change(lexical: Comparer, src: str, copy: str) -> None:
    assert qualifiers(found(lexical, src, copy))
