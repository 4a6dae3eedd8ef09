"""False diff items of issue #19, helper diff26 (session 26; the parts of session 25's diff19 change that lost no
planted find): a reworded clause whose figures the aligned source sentences have is no added figure ("in 70 ~ 90% of
second-hand housing transactions" for "in 70-90% of used home sales"), "both" alone makes no clause a figure, and a
rank in digits ("1位", "第1", "1-е") is the other side's "first". The guards: an added figure is still reported with
its clause when the source says the same value with another unit nearby. Made-up texts only."""

from __future__ import annotations

import pytest

from diff_helpers import Found, found, translated
from wiretrace.compare import Comparer


def facts(items: Found) -> Found:
    return {i for i in items if i[1] in ("number", "date")}


@pytest.mark.parametrize("copy", [
    "Between 70 ~ 90% of the harbour's boats run on diesel, the mayor said.",
    "Between 70～90% of the harbour's boats run on diesel, the mayor said.",
    "Between 70 to 90% of the harbour's boats run on diesel, the mayor said.",
])
def test_a_range_written_two_ways_is_one_range(lexical: Comparer, copy: str) -> None:
    src = "Between 70-90% of the harbour's boats run on diesel, the mayor said."
    assert not facts(found(lexical, src, copy))
    assert not facts(found(lexical, copy, src))


# A clause reworded around the source's figures: its words are not the source's, its figures are.
_INSPECT_SRC = ("In the port towns, for example, inspections are conducted in 70-90% of used home sales, depending on "
                "the region. The rules differ from town to town, the mayor said.")
_INSPECT_COPY = ("In the port towns, for example, checks are carried out in 70 ~ 90% of second-hand housing "
                 "transactions, depending on the region. The rules differ from town to town, the mayor said.")


def test_a_reworded_clause_with_the_sources_figures_is_no_added_figure(lexical: Comparer) -> None:
    assert not {i for i in found(lexical, _INSPECT_SRC, _INSPECT_COPY) if i[0] == "added"}


def test_a_reworded_clause_with_a_new_figure_is_still_reported(lexical: Comparer) -> None:
    copy = _INSPECT_COPY.replace("70 ~ 90%", "40 ~ 60%")
    assert {i for i in found(lexical, _INSPECT_SRC, copy) if i[1] == "number"}


def test_the_figures_of_a_neighbouring_sentence_support_no_clause(lexical: Comparer) -> None:
    # the same figures one sentence away: the clause's words are nowhere, so it is still an added clause
    src = ("Between 70 and 90 boats use the harbour each week. In the port towns, inspections are conducted on "
           "used home sales, depending on the region. The rules differ from town to town.")
    copy = ("Between 70 and 90 boats use the harbour each week. In the port towns, inspections are conducted on "
            "used home sales, with 70 to 90 bakers fleeing abroad, depending on the region. The rules differ from "
            "town to town.")
    assert ("added", "number", None, "with 70 to 90 bakers fleeing abroad") in found(lexical, src, copy)


@pytest.mark.parametrize(("src", "copy", "clause"), [
    ("The party won 38 seats in the council. Turnout was high across the region this spring. The mayor was pleased "
     "with the vote.", "The party won 38 seats in the council. Turnout was high across the region this spring, with "
     "38 percent of the vote. The mayor was pleased with the vote.", "with 38 percent of the vote"),
    ("The board counted 14 companies in the port last year. Sales of fish rose in the summer. The mayor was "
     "pleased with the season.", "The board counted 14 companies in the port last year. Sales of fish rose in the "
     "summer, up 14 percent on the previous year. The mayor was pleased with the season.",
     "up 14 percent on the previous year"),
])
def test_an_added_figure_is_reported_with_its_clause_whatever_figures_are_near(
        lexical: Comparer, src: str, copy: str, clause: str) -> None:
    # the source's 38 seats or 14 companies is no support for the clause that adds a share: reported whole
    assert ("added", "number", None, clause) in found(lexical, src, copy)


def test_both_alone_does_not_make_an_added_clause_a_figure(lexical: Comparer) -> None:
    src = "The two ports signed the deal on Monday, the mayor said. Trade will grow in spring."
    copy = ("The two ports signed the deal on Monday, the mayor said, and the hopes of both sides remain far apart "
            "on fishing quotas. Trade will grow in spring.")
    items = found(lexical, src, copy)
    assert not facts(items)
    assert any(i[0] == "added" for i in items)


def test_an_added_clause_with_both_and_a_figure_is_still_a_figure(lexical: Comparer) -> None:
    src = "The two ports signed the deal on Monday, the mayor said. Trade will grow in spring."
    copy = ("The two ports signed the deal on Monday, the mayor said, and both sides hope to land 4,000 tonnes of "
            "mackerel quotas. Trade will grow in spring.")
    assert {i for i in found(lexical, src, copy) if i[0] == "added" and i[1] == "number"}


@pytest.mark.parametrize(("src", "copy"), [
    (("ja", "1位は東京だった。"), ("en", "Tokyo came first.")),
    (("en", "Tokyo came first."), ("ja", "1位は東京だった。")),
    (("zh", "该市排名第1。"), ("en", "The city ranks first.")),
    (("ru", "Команда заняла 1-е место."), ("en", "The team came first.")),
    (("ja", "2位は大阪だった。"), ("en", "Osaka came second.")),
])
def test_a_rank_in_digits_is_the_other_sides_first(lexical: Comparer, src: tuple[str, str],
                                                   copy: tuple[str, str]) -> None:
    assert not facts(translated(lexical, src, copy))


def test_a_one_that_is_no_rank_is_still_reported(lexical: Comparer) -> None:
    assert facts(translated(lexical, ("ja", "東京では1人が来た。"), ("en", "Tokyo came first.")))


def test_an_english_one_is_no_rank(lexical: Comparer) -> None:
    # the rank endings are Japanese, Chinese and Russian: "1-" before an English word is no "first"
    assert facts(translated(lexical, ("en", "The 1-day pass sold out."), ("en", "The first pass sold out.")))
