"""A translation against a same-topic independent text across languages (issue #17, session 21).

``translated_margin`` / ``translated_gap_margin`` at 0 (a cross-language match or gap fill counts only where it
is its sentences' nearest counterpart) stop topical neighbours being called a `translation`, but also cut a
translation whose sentences have close rivals (a copy of a source that says one thing twice) below the
translation coverage. ``translated_margin_below`` lets the margins act only on a pair whose best sentence
cosine is below it: one sentence that close is a translation, not a neighbour on the same topic (dev: the
route-de index's different documents reached at most 0.62, Clough & Stevenson's cut / light copies at least 0.79).

Hand-set cosines: ``a_i . b_j = C[i, j]`` (no embedder), as in tests/test_relate_false_derived20.py.
"""

from __future__ import annotations

import dataclasses

import numpy as np

from test_relate_false_derived20 import COVERAGE_ONLY, _vectors
from test_relate_false_derived20 import _docs as _four
from wiretrace.align import AlignConfig, align
from wiretrace.records import DERIVED_KINDS, Doc
from wiretrace.relate import relate

DE4 = "Ein Zug blieb stehen. Die Fahrgäste warteten. Niemand wurde verletzt. Die Strecke ist wieder frei."
FR4 = "Un train s'est arrêté. Les voyageurs ont attendu. Personne n'a été blessé. La ligne est rouverte."

OFF = dataclasses.replace(AlignConfig(), translated_margin=None, translated_gap_margin=None,
                          translated_margin_below=None, translated_margin_keep=None)
MARGINS = dataclasses.replace(OFF, translated_margin=0.0, translated_gap_margin=0.0)
GATED = dataclasses.replace(MARGINS, translated_margin_below=0.75)

#: A different story in another language: one match at 0.60, gap cells each beaten by another cell of its row.
TOPICAL = np.array([[0.40, 0.10, 0.10, 0.43],
                    [0.10, 0.60, 0.10, 0.10],
                    [0.42, 0.10, 0.35, 0.10],
                    [0.10, 0.10, 0.20, 0.30]])
#: A translation with one sentence at 0.85 (the anchor) whose other sentences, gap fills at 0.35 between it and
#: the articles' ends, each have a rival at 0.40 (below the match threshold) elsewhere in their rows: the gap
#: margin refuses them.
RIVALLED = np.array([[0.85, 0.10, 0.10, 0.10],
                     [0.10, 0.35, 0.10, 0.40],
                     [0.40, 0.10, 0.35, 0.10],
                     [0.10, 0.40, 0.10, 0.35]])


def _docs() -> tuple[Doc, Doc]:
    return _four(DE4, "de", FR4, "fr")


def _kind_and_groups(cos: np.ndarray, cfg: AlignConfig) -> tuple[str, list[tuple[tuple[int, ...], tuple[int, ...]]]]:
    a, b = _docs()
    ea, eb = _vectors(cos)
    alignment = align(a, b, cfg, ea, eb)
    kind = relate(a, b, alignment, COVERAGE_ONLY, ea=ea, eb=eb).kind  # the margins' part alone (session 22)
    return kind, [(p.a_sents, p.b_sents) for p in alignment.pairs]


def test_the_margins_cut_a_translation_with_close_rivals_the_gate_keeps_it() -> None:
    off = _kind_and_groups(RIVALLED, OFF)
    assert off == ("translation", [((i,), (i,)) for i in range(4)])
    kind, groups = _kind_and_groups(RIVALLED, MARGINS)
    assert kind not in DERIVED_KINDS and len(groups) == 2  # without the gate: below the translation coverage
    assert _kind_and_groups(RIVALLED, GATED) == off  # a sentence at 0.85: the margins do not act


def test_the_gate_leaves_the_margins_on_a_topical_neighbour() -> None:
    assert _kind_and_groups(TOPICAL, OFF)[0] == "translation"
    kind, groups = _kind_and_groups(TOPICAL, GATED)  # best cosine 0.60 < 0.75: the margins act
    assert kind not in DERIVED_KINDS
    assert groups == [((1,), (1,))]


def test_the_gate_reads_the_best_cell_strictly_below() -> None:
    at = np.where(np.isclose(TOPICAL, TOPICAL.max()), 0.75, TOPICAL)  # the best cell exactly at the gate: no margins
    assert _kind_and_groups(at, GATED) == _kind_and_groups(at, OFF)
    assert _kind_and_groups(at, dataclasses.replace(GATED, translated_margin_below=0.76)) == \
        _kind_and_groups(at, MARGINS)


def test_the_gated_margins_are_the_default() -> None:
    default = AlignConfig()
    assert (default.translated_margin, default.translated_gap_margin, default.translated_margin_below) == \
        (0.0, 0.0, 0.75)
    assert default.translated_gap_anchor is None
    assert _kind_and_groups(TOPICAL, default)[0] not in DERIVED_KINDS  # a topical neighbour: no translation
    assert _kind_and_groups(RIVALLED, default)[0] == "translation"  # a translation with close rivals: kept


#: A translation (best cosine 0.70, below the gate) with one gap fill (a2-b2, 0.35) that a rival (a2-b0, 0.40)
#: beats in its row: the margins refuse that fill, and three of four sentences still align.
ONE_RIVAL = np.array([[0.70, 0.10, 0.10, 0.10],
                      [0.10, 0.70, 0.10, 0.10],
                      [0.40, 0.10, 0.35, 0.10],
                      [0.10, 0.10, 0.10, 0.70]])


def test_keep_returns_the_alignment_without_margins_where_the_margins_still_cover_enough() -> None:
    keep = dataclasses.replace(GATED, translated_margin_keep=0.55)
    off, gated = _kind_and_groups(ONE_RIVAL, OFF), _kind_and_groups(ONE_RIVAL, GATED)
    assert off[0] == gated[0] == "translation"
    assert ((2,), (2,)) in off[1] and ((2,), (2,)) not in gated[1]  # the margins drop the rivalled fill
    assert _kind_and_groups(ONE_RIVAL, keep) == off  # 3 of 4 sentences under the margins: the plain alignment
    assert _kind_and_groups(TOPICAL, keep) == _kind_and_groups(TOPICAL, GATED)  # 1 of 4: the margins' alignment
    assert AlignConfig().translated_margin_keep == 0.55  # on by default (session 21's rule)
    assert _kind_and_groups(ONE_RIVAL, AlignConfig()) == off
