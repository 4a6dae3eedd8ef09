"""The aligner's gap filling: sentences left between two aligned neighbours, or between an aligned pair and
an article's edge, are aligned again on embeddings with a lower threshold (``AlignConfig.gap_margin``).

The sentence vectors are set by hand so each cosine is known: ``a_i . b_j`` is ``diag[i]`` when i == j
and 0 otherwise. Short real translations look like this (three sentences, one above the 0.66
translated-sentence threshold, the others at 0.56-0.65): the dev split of the test bed had them."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from wiretrace.align import AlignConfig, align
from wiretrace.records import Article, Doc
from wiretrace.segment import Segmenter

DE = ("Ein Zug blieb am Morgen bei Altenfeld stehen. Die Fahrgäste warteten zwei Stunden im Wagen. "
      "Niemand wurde verletzt.")
FR = ("Un train s'est arrêté ce matin près d'Altenfeld. Les voyageurs ont attendu deux heures dans la "
      "voiture. Personne n'a été blessé.")


def _docs() -> tuple[Doc, Doc]:
    seg = Segmenter()
    a = seg.segment(Article(id="de", text=DE, language="de"))
    b = seg.segment(Article(id="fr", text=FR, language="fr"))
    assert len(a.sentences) == len(b.sentences) == 3
    return a, b


def _vectors(diag: list[float]) -> tuple[np.ndarray, np.ndarray]:
    n = len(diag)
    ea = np.eye(2 * n)[:n]
    eb = np.zeros((n, 2 * n))
    for j, c in enumerate(diag):
        eb[j, j], eb[j, n + j] = c, (1.0 - c * c) ** 0.5
    return ea, eb


def _aligned(diag: list[float], cfg: AlignConfig) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    a, b = _docs()
    ea, eb = _vectors(diag)
    assert np.allclose(np.diag(ea @ eb.T), diag)
    return [(p.a_sents, p.b_sents) for p in align(a, b, cfg, ea, eb).pairs]


ONE_ANCHOR_AT_THE_END = [0.59, 0.65, 0.67]
ONE_ANCHOR_IN_THE_MIDDLE = [0.56, 0.70, 0.52]


@pytest.mark.parametrize("diag", [ONE_ANCHOR_AT_THE_END, ONE_ANCHOR_IN_THE_MIDDLE])
def test_the_edges_vouch_for_a_gap_once_one_pair_aligned(diag: list[float]) -> None:
    assert _aligned(diag, AlignConfig()) == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]


@pytest.mark.parametrize("diag", [ONE_ANCHOR_AT_THE_END, ONE_ANCHOR_IN_THE_MIDDLE])
def test_without_edge_gaps_only_the_anchor_aligns(diag: list[float]) -> None:
    anchor = int(np.argmax(diag))
    assert _aligned(diag, dataclasses.replace(AlignConfig(), edge_gaps=False)) == [((anchor,), (anchor,))]


def test_no_anchor_no_gap_filling() -> None:
    # every cosine under the threshold: the edges alone vouch for nothing
    assert _aligned([0.60, 0.62, 0.58], AlignConfig()) == []


def test_an_edge_sentence_under_the_gap_threshold_stays_out() -> None:
    # 0.66 - gap_margin 0.2 = 0.46: the first pair (0.30) is not the same passage
    assert _aligned([0.30, 0.70, 0.60], AlignConfig()) == [((1,), (1,)), ((2,), (2,))]
