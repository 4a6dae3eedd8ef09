"""Shared helpers of the diff tests (tests/test_diff*.py): a diff of made-up texts, as (op, type, a_text, b_text)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from wiretrace import Article, article_from_text
from wiretrace.compare import Comparer
from wiretrace.diff import DiffConfig, diff
from wiretrace.records import AlignedPair, Alignment

Found = set[tuple[str, str, str | None, str | None]]

#: Two sentences after each made-up text, so that a one-sentence story is long enough to be compared.
PAD = (" Officials gave no date for the start of construction work on the turbines in the bay."
       " The harbour master said the ferries would keep to their winter timetable for now.")


def found(c: Comparer, src: str, copy: str, *, speakers: bool = False, no_longer: bool = False,
          cfg: DiffConfig | None = None) -> Found:
    """The diff of ``copy`` against ``src`` (one language, ``PAD`` after each), with ``src`` taken as the source:
    these texts differ by a word or two, so which one is the source is the source decider's business (a weak call
    either way), not what these tests check. ``cfg`` replaces the default config (``speakers`` and ``no_longer``
    are set on it)."""
    da, db = c.doc(article_from_text(src + PAD, name="src")), c.doc(article_from_text(copy + PAD, name="copy"))
    alignment, relation = c._relate(da, db)
    cfg = replace(cfg or DiffConfig(), speaker_changes=speakers, no_longer_negation=no_longer)
    return {(d.op, d.type, d.a_text, d.b_text) for d in diff(da, db, alignment, replace(relation, source="a"), cfg)}


def translated(c: Comparer, src: tuple[str, str], copy: tuple[str, str],
               links: Sequence[tuple[int, int]] = ((0, 0),), *, date: str | None = None) -> Found:
    """The diff of a translation ``copy`` (language, text) against ``src`` under a given alignment of translated
    sentences (``links``: source sentence, copy sentence), both articles dated ``date``: what the diff makes of
    facts and voice across languages, whatever the aligner does."""
    da = c.doc(Article(id="src", language=src[0], text=src[1], date=date))
    db = c.doc(Article(id="copy", language=copy[0], text=copy[1], date=date))
    pairs = []
    for i, j in links:
        sa, sb = da.sentences[i], db.sentences[j]
        pairs.append(AlignedPair((i,), (j,), (sa.start, sa.end), (sb.start, sb.end), "translated", 0.8))
    relation = replace(c._relate(da, db)[1], kind="translation", source="a")
    return {(d.op, d.type, d.a_text, d.b_text) for d in diff(da, db, Alignment(tuple(pairs), False), relation)}


#: A made-up source and a copy of it with a figure changed and an opinion added (review tests of sessions 23, 24).
FERRY_SOURCE = (
    "The harbour board approved the new ferry timetable on Tuesday after a long meeting, officials said.\n\n"
    "The first boats will run on the new times from Monday, with 12 crossings a day.\n\n"
    "Members argued over the cost of the pier repairs, which the board put at 4 million euros.\n\n"
    "The night service will stop at midnight instead of 2 a.m., the board said in a statement.")
FERRY_COPY = (
    "The harbour board approved the new ferry timetable on Tuesday after a long meeting, officials said.\n\n"
    "The first boats will run on the new times from Monday, with 15 crossings a day.\n\n"
    "Members argued over the cost of the pier repairs, which the board put at 4 million euros.\n\n"
    "Critics say the shameful plan will ruin the island's economy for good.")
