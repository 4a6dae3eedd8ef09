"""diff, session 23 (issue #19; our own made-up sentences): "no longer" is a negation by default
(``DiffConfig.no_longer_negation``), and a "no longer" the other side says as a loss or a former state
(``meaning._NO_LONGER_SAID``: "losing support" / "will no longer support") is kept."""

from __future__ import annotations

from dataclasses import replace

import pytest

from diff_helpers import PAD, Found
from wiretrace import article_from_text
from wiretrace.compare import Comparer
from wiretrace.cues import cue_words
from wiretrace.diff import DiffConfig, diff
from wiretrace.diff import meaning as meaning_mod
from wiretrace.diff.meaning import _negating, _no_longer_said, _no_longers


def _found(c: Comparer, src: str, copy: str, cfg: DiffConfig | None = None) -> Found:
    """The diff of ``copy`` against ``src`` (``PAD`` after each, ``src`` the source) under ``cfg`` as given (the
    default config when None: unlike ``diff_helpers.found``, no option is set here)."""
    da, db = c.doc(article_from_text(src + PAD, name="src")), c.doc(article_from_text(copy + PAD, name="copy"))
    alignment, relation = c._relate(da, db)
    return {(d.op, d.type, d.a_text, d.b_text)
            for d in diff(da, db, alignment, replace(relation, source="a"), cfg or DiffConfig())}


def _negations(items: Found) -> Found:
    return {i for i in items if i[1] == "negation"}


OFF = DiffConfig(no_longer_negation=False)


def test_no_longer_negation_is_on_by_default() -> None:
    assert DiffConfig().no_longer_negation


# -- 1. "no longer" added or dropped is a negation item by default ----------------------------------------------------

@pytest.mark.parametrize(("src", "copy", "item"), [
    ("The night ferry is running again after the storm, the harbour board said.",
     "The night ferry is no longer running again after the storm, the harbour board said.",
     ("added", "negation", None, "is no")),
    ("The council said the old quay was no longer safe for the fishing boats to use.",
     "The council said the old quay was safe for the fishing boats to use.",
     ("dropped", "negation", "was no", None)),
    ("The islanders said they no longer trusted the timetable of the winter ferry.",
     "The islanders said they trusted the timetable of the winter ferry.",
     ("dropped", "negation", "they no", None)),
])
def test_an_added_or_dropped_no_longer_is_a_negation(lexical: Comparer, src: str, copy: str,
                                                     item: tuple[str, str, str | None, str | None]) -> None:
    assert item in _found(lexical, src, copy)
    assert not _negations(_found(lexical, src, copy, OFF))  # the option off: no negation item


# -- 2. what is no added or dropped "no longer" -------------------------------------------------------------------

@pytest.mark.parametrize(("src", "copy"), [
    # a bare "not" of the other side says it ("decided not to consider ... any more")
    ("The ferry board took a decision to no longer consider the northern route this winter.",
     "The ferry board took a decision not to consider the northern route any more this winter."),
    # a round trip's garble after a noun ("as early as next year" -> "no longer next year")
    ("The probe could land its cargo on the moon as early as next year, the agency said.",
     "The probe could land its cargo on the moon no longer next year, the agency said."),
    # a figure's bound
    ("The guidelines recommend holding passengers no longer than 72 hours at the ferry terminal.",
     "The guidelines recommend holding passengers at most 72 hours at the ferry terminal."),
    # "no longer" on both sides, once moved
    ("The harbour master said the old ferry is no longer in service on the northern route.",
     "The old ferry is no longer in service on the northern route, the harbour master said."),
])
def test_a_no_longer_said_the_same_or_not_a_negation_is_no_item(lexical: Comparer, src: str, copy: str) -> None:
    assert not _negations(_found(lexical, src, copy))


# -- 3. "no longer" said as a loss or a former state ----------------------------------------------------------------

SAID_AS_LOSS = [
    ("The first option, the analyst said, is the island losing support from the mainland council after the vote.",
     "The first option, the analyst said, is that the mainland council will no longer support the island after the "
     "vote."),
    ("Marta Hollis, the former harbour master, said the quay would reopen in the spring.",
     "Marta Hollis, who is no longer harbour master, said the quay would reopen in the spring."),
    ("The island is no longer served by a direct ferry from the mainland, the council said.",
     "The island lost its direct ferry from the mainland, the council said."),
]


@pytest.mark.parametrize(("src", "copy"), SAID_AS_LOSS)
def test_a_no_longer_said_as_a_loss_or_a_former_state_is_kept(lexical: Comparer, src: str, copy: str,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    assert not _negations(_found(lexical, src, copy))
    # without the words of loss the "no longer" is reported
    monkeypatch.setattr(meaning_mod, "_NO_LONGER_SAID", frozenset())
    assert _negations(_found(lexical, src, copy))


def test_a_loss_on_both_sides_does_not_cover_an_added_no_longer(lexical: Comparer) -> None:
    """A word of loss the source says too is no "no longer" said another way: the added one is reported."""
    src = "The town lost its bank last year, and the post office is open on Saturdays, the mayor said."
    copy = "The town lost its bank last year, and the post office is no longer open on Saturdays, the mayor said."
    assert ("added", "negation", None, "is no") in _found(lexical, src, copy)


def test_the_helpers_count_no_longers_and_words_of_loss() -> None:
    toks = cue_words("The ferry is no longer running, and the town lost its bank; no longer than an hour.")
    hits = _negating(toks, DiffConfig())
    assert _no_longers(hits, toks) == 1  # not the bound "no longer than"
    assert _no_longer_said(toks) == 1
    assert _no_longer_said(cue_words("The former mayor was losing the vote.")) == 2
    assert _no_longers(_negating(toks, OFF), toks) == 0


# -- 4. a round trip's garbled "not" on the source side ----------------------------------------------------------------

@pytest.mark.parametrize(("src", "copy"), [
    # the pair's source decided as the round trip: its "not" stands for the other side's preposition
    ("Flowers were left at the memorial not Sunday by the families of the crew.",
     "Flowers were left at the memorial on Sunday by the families of the crew."),
    ("The ferry sank face down not the river near the old bridge, the coastguard said.",
     "The ferry sank face down in the river near the old bridge, the coastguard said."),
])
def test_a_sources_not_for_the_other_sides_preposition_is_no_dropped_negation(lexical: Comparer, src: str,
                                                                             copy: str) -> None:
    assert not _negations(_found(lexical, src, copy))


def test_a_sources_bare_not_dropped_is_still_reported(lexical: Comparer) -> None:
    """A bare "not" the copy simply leaves out (no preposition in its place) is a dropped negation."""
    src = "The plan, while not ideal, was approved by the harbour board on Monday."
    assert ("dropped", "negation", "while not", None) in _found(lexical, src, src.replace("while not", "while"))
