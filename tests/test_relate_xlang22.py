"""One close sentence is no translation across languages (issue #17, session 22).

Two independent texts on one topic in two languages (Clough & Stevenson answers, one machine-translated) share
at most one close sentence, the definition both give; in a short text that sentence and a weak second match
or gap fill cover more than ``translation_coverage``, and every match is its counterpart's nearest, so the
session 21 margins keep them. ``RelateConfig.translation_second_cosine`` (0.58, fitted on
bench/eval_crosslang.py's dev split) asks a translation for a second aligned sentence at that cosine.

Hand-set cosines: ``a_i . b_j = C[i, j]`` (no embedder), as in tests/test_relate_xlang21.py.
"""

from __future__ import annotations

import dataclasses

import numpy as np

from test_relate_false_derived20 import EN4, EN4_OTHER, _vectors
from test_relate_false_derived20 import _docs as _four
from wiretrace.align import align
from wiretrace.records import DERIVED_KINDS, Article, Relation
from wiretrace.relate import KindRulesV2, RelateConfig, relate
from wiretrace.segment import Segmenter

DE4 = "Ein Zug blieb stehen. Die Fahrgäste warteten. Niemand wurde verletzt. Die Strecke ist wieder frei."
FR4 = "Un train s'est arrêté. Les voyageurs ont attendu. Personne n'a été blessé. La ligne est rouverte."

OFF = dataclasses.replace(RelateConfig(), translation_second_cosine=None)


def _diagonal(*cosines: float) -> np.ndarray:
    """Each sentence's counterpart at the given cosine (its nearest), every other cell at 0.10."""
    c = np.full((len(cosines), len(cosines)), 0.10)
    np.fill_diagonal(c, cosines)
    return c


#: One sentence at 0.70 (the shared definition), the rest gap fills at 0.40, each its counterpart's nearest:
#: all four align, so coverage alone calls it a translation.
ONE_CLOSE = _diagonal(0.70, 0.40, 0.40, 0.40)
#: The same with a second sentence at 0.62: a (weak) translation.
TWO_CLOSE = _diagonal(0.70, 0.62, 0.40, 0.40)


def _relate(cos: np.ndarray, cfg: RelateConfig | None = None) -> Relation:
    a, b = _four(DE4, "de", FR4, "fr")
    ea, eb = _vectors(cos)
    return relate(a, b, align(a, b, None, ea, eb), cfg, ea=ea, eb=eb)


def test_one_close_sentence_and_gap_fills_are_no_translation() -> None:
    before = _relate(ONE_CLOSE, OFF)
    assert before.kind == "translation" and max(before.a_in_b, before.b_in_a) == 1.0  # coverage alone: translated
    rel = _relate(ONE_CLOSE)
    assert rel.kind not in DERIVED_KINDS
    assert max(rel.a_in_b, rel.b_in_a) == 1.0  # the alignment is the same: the kind reads the second sentence
    assert abs(rel.features["translated_second_cosine"] - 0.40) < 1e-6
    assert rel.source is None
    assert any("no second sentence reads as a translation" in e and "0.40" in e for e in rel.evidence)


def test_a_second_close_sentence_keeps_the_translation() -> None:
    rel = _relate(TWO_CLOSE)
    assert rel.kind == "translation"
    assert abs(rel.features["translated_second_cosine"] - 0.62) < 1e-6


def test_the_second_cosine_is_read_at_or_above() -> None:
    at = _diagonal(0.70, 0.58, 0.40, 0.40)
    assert _relate(at).kind == "translation"
    assert _relate(at, dataclasses.replace(RelateConfig(), translation_second_cosine=0.59)).kind != "translation"
    assert _relate(_diagonal(0.70, 0.57, 0.40, 0.40)).kind != "translation"


def test_a_one_sentence_translation_needs_only_its_sentence() -> None:
    seg = Segmenter()
    a = seg.segment(Article(id="a", text="Ein Zug blieb heute Morgen stehen.", language="de"))
    b = seg.segment(Article(id="b", text="Un train s'est arrêté ce matin.", language="fr"))
    assert len(a.sentences) == len(b.sentences) == 1
    ea, eb = _vectors(np.array([[0.70]]))
    rel = relate(a, b, align(a, b, None, ea, eb), ea=ea, eb=eb)
    assert rel.kind == "translation"
    assert abs(rel.features["translated_second_cosine"] - 0.70) < 1e-6  # its best: no second group can exist


def test_the_rule_is_on_by_default_and_reads_only_pairs_across_languages() -> None:
    assert RelateConfig().translation_second_cosine == 0.58
    features = {"a_in_b": 1.0, "b_in_a": 1.0, "lexical_a_in_b": 0.0, "lexical_b_in_a": 0.0, "exact_a_in_b": 0.0,
                "exact_b_in_a": 0.0, "doc_similarity": 0.5, "shared_names": 0.0, "cross_language": 1.0,
                "containment_a_in_b": 0.0, "containment_b_in_a": 0.0, "shared_name_words": 0.0}
    kind = KindRulesV2(RelateConfig())._kind
    assert kind(features) == "translation"  # a relation computed before the rule (no feature): not held back
    assert kind({**features, "translated_second_cosine": 0.40}) != "translation"
    assert KindRulesV2(OFF)._kind({**features, "translated_second_cosine": 0.40}) == "translation"
    # within one language the feature is neither computed nor read
    a, b = _four(EN4, "en", EN4_OTHER, "en")
    ea, eb = _vectors(ONE_CLOSE)
    assert "translated_second_cosine" not in relate(a, b, align(a, b, None, ea, eb), ea=ea, eb=eb).features

