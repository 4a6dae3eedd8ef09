"""Across languages an independent report of the same event is no translation (review 2, finding 1).

A translation's sentence is its counterpart's clear nearest neighbour and most of them score high; an
independent report in another language has sentences about the same facts that score 0.3-0.55 with several.
Without ``AlignConfig.translated_margin`` / ``translated_gap_margin`` / ``translated_gap_anchor`` one such
match (0.53) is an anchor and the gap rule (0.25 across languages) fills the rest of the article around it.
The three were loadable, not the default: chosen on dev, they failed one point of the rule written before the
test look (2 Clough & Stevenson cut/light translations lost where 1 was allowed; bench/RESULTS.md). Session 21
made the two margins the default, acting only below ``translated_margin_below`` (tests/test_relate_xlang21.py).

The articles in ``fixtures/crosslang`` are made up for this test (a rockfall in an invented Norwegian village):
an English agency original, its French and Spanish translations, and an English report written independently.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest

from wiretrace.align import AlignConfig, _margins, align
from wiretrace.compare import CompareConfig, Comparer
from wiretrace.records import DERIVED_KINDS, Article, Doc
from wiretrace.relate import RelateConfig
from wiretrace.segment import Segmenter

FIXTURES = Path(__file__).parent / "fixtures" / "crosslang"
EN, FR, ES, INDEPENDENT = ((FIXTURES / f"{name}.txt").read_text(encoding="utf-8")
                           for name in ("en", "fr", "es", "independent"))

#: the three settings off (session 21 made the two margins the default, gated by translated_margin_below and
#: translated_margin_keep)
OFF = dataclasses.replace(AlignConfig(), translated_margin=None, translated_gap_margin=None)
#: the settings chosen on dev (bench/eval_crosslang.py), on every pair (no gate)
ON = dataclasses.replace(AlignConfig(), translated_margin=0.0, translated_gap_margin=0.0, translated_gap_anchor=0.6,
                         translated_margin_below=None, translated_margin_keep=None)


def _with(comparer: Comparer, cfg: AlignConfig) -> Comparer:
    return Comparer(dataclasses.replace(CompareConfig(), align=cfg), embedder=comparer.embedder)


def _article(name: str, text: str, language: str) -> Article:
    return Article(id=name, text=text, language=language)


@pytest.mark.slow
@pytest.mark.parametrize(("text", "language"), [(FR, "fr"), (ES, "es")])
def test_an_independent_report_is_not_a_translation_of_a_translation(comparer: Comparer, text: str,
                                                                     language: str) -> None:
    on = _with(comparer, ON)
    translation, report = _article(language, text, language), _article("report", INDEPENDENT, "en")
    assert on.relation(translation, report).kind not in DERIVED_KINDS
    assert on.relation(report, translation).kind not in DERIVED_KINDS


@pytest.mark.slow
def test_off_the_french_translation_and_the_report_are_a_translation(comparer: Comparer) -> None:
    # and without session 22's second close sentence (RelateConfig.translation_second_cosine), which alone also
    # holds this pair back (tests/test_relate_xlang22.py)
    off = Comparer(dataclasses.replace(CompareConfig(), align=OFF, relate=dataclasses.replace(
        RelateConfig(), translation_second_cosine=None)), embedder=comparer.embedder)
    relation = off.relation(_article("fr", FR, "fr"), _article("report", INDEPENDENT, "en"))
    assert relation.kind == "translation"
    assert _with(comparer, OFF).relation(_article("fr", FR, "fr"),
                                         _article("report", INDEPENDENT, "en")).kind not in DERIVED_KINDS


@pytest.mark.slow
@pytest.mark.parametrize(("a", "b"), [((EN, "en"), (FR, "fr")), ((EN, "en"), (ES, "es")),
                                      ((FR, "fr"), (ES, "es"))])
def test_the_translations_stay_translations(comparer: Comparer, a: tuple[str, str], b: tuple[str, str]) -> None:
    relation = _with(comparer, ON).relation(_article(a[1], *a), _article(b[1], *b))
    assert relation.kind == "translation"
    assert min(relation.a_in_b, relation.b_in_a) >= 0.95


# ---------------------------------------------------------------- hand-set cosines (a_i . b_j = C[i, j])

DE4 = "Ein Zug blieb stehen. Die Fahrgäste warteten. Niemand wurde verletzt. Die Strecke ist wieder frei."
FR4 = "Un train s'est arrêté. Les voyageurs ont attendu. Personne n'a été blessé. La ligne est rouverte."


def _docs() -> tuple[Doc, Doc]:
    seg = Segmenter()
    a = seg.segment(Article(id="de", text=DE4, language="de"))
    b = seg.segment(Article(id="fr", text=FR4, language="fr"))
    assert len(a.sentences) == len(b.sentences) == 4
    return a, b


def _aligned(cos: np.ndarray, cfg: AlignConfig) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """Align the two 4-sentence articles with sentence vectors whose cosines are ``cos`` (16 cells: the pair's
    null is read, so the threshold is the 0.45 floor and the gap threshold 0.25)."""
    n = cos.shape[0]
    ea = np.eye(2 * n)[:n]
    eb = np.zeros((n, 2 * n))
    for j in range(n):
        eb[j, :n] = cos[:, j]
        eb[j, n + j] = (1.0 - float(cos[:, j] @ cos[:, j])) ** 0.5
    assert np.allclose(ea @ eb.T, cos)
    a, b = _docs()
    return [(p.a_sents, p.b_sents) for p in align(a, b, cfg, ea, eb).pairs]


def test_a_weak_anchor_no_longer_vouches_for_the_rest_of_the_article() -> None:
    cos = np.diag([0.40, 0.55, 0.40, 0.40])  # one match above the 0.45 floor, the rest above the 0.25 gap
    assert _aligned(cos, OFF) == [((i,), (i,)) for i in range(4)]
    assert _aligned(cos, ON) == [((1,), (1,))]
    strong = np.diag([0.40, 0.70, 0.40, 0.40])  # a translation's anchor still vouches for its neighbours
    assert _aligned(strong, ON) == [((i,), (i,)) for i in range(4)]


def test_a_match_another_sentence_is_closer_to_does_not_count() -> None:
    cos = np.diag([0.70, 0.70, 0.50, 0.70])
    cos[0, 2] = 0.55  # b2 is closer to a0 (whose own counterpart is b0) than to a2: a2-b2 is no translation
    assert _aligned(cos, OFF) == [((i,), (i,)) for i in range(4)]
    assert _aligned(cos, ON) == [((0,), (0,)), ((1,), (1,)), ((3,), (3,))]


def test_margins_are_each_groups_cosine_over_its_best_rival() -> None:
    rng = np.random.default_rng(0)
    for na, nb in [(1, 1), (1, 3), (3, 1), (4, 5), (6, 2)]:
        sim = rng.uniform(-0.2, 0.9, (na, nb))
        s12 = rng.uniform(size=(na, nb - 1)) if nb > 1 else None
        s21 = rng.uniform(size=(na - 1, nb)) if na > 1 else None
        m11, m12, m21 = _margins(sim, s12, s21)

        def rival(rows: list[int], cols: list[int], sim: np.ndarray = sim, na: int = na, nb: int = nb) -> float:
            cells = [sim[i, j] for i in rows for j in range(nb) if j not in cols]
            cells += [sim[i, j] for j in cols for i in range(na) if i not in rows]
            return float(max(cells, default=-1.0))

        for i in range(na):
            for j in range(nb):
                assert np.isclose(m11[i, j], sim[i, j] - rival([i], [j]))
                if m12 is not None and s12 is not None and j < nb - 1:
                    halves = min(sim[i, k] - max((sim[x, k] for x in range(na) if x != i), default=-1.0)
                                 for k in (j, j + 1))
                    assert np.isclose(m12[i, j], min(s12[i, j] - rival([i], [j, j + 1]), halves))
                if m21 is not None and s21 is not None and i < na - 1:
                    halves = min(sim[k, j] - max((sim[k, y] for y in range(nb) if y != j), default=-1.0)
                                 for k in (i, i + 1))
                    assert np.isclose(m21[i, j], min(s21[i, j] - rival([i, i + 1], [j]), halves))
