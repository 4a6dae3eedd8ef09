"""Story similarity (issue #17): the ``story_*`` features and the ``story-v3`` score model, reported with
every same-language relation. Our own example corpus: an original, a reprint, an independent report of
the same event and an unrelated article."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from wiretrace.compare import Comparer
from wiretrace.decide import LinearScore, get_score
from wiretrace.errors import ConfigError, WiretraceError
from wiretrace.relate import RelateConfig, story_features

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"
STORY = CORPUS / "lisbon-floods"
STORY_V3 = Path(__file__).resolve().parents[1] / "src" / "wiretrace" / "models" / "story-v3.json"


def test_story_features_read_the_same_from_either_side(comparer: Comparer) -> None:
    a, b = comparer.doc(STORY / "original.txt"), comparer.doc(STORY / "independent.txt")
    model = comparer.model(a.article.language, b.article.language)
    assert model is not None
    ea, eb = comparer.embed(a, model), comparer.embed(b, model)
    assert ea is not None and eb is not None
    ab = comparer.relation(a, b).features
    ba = comparer.relation(b, a).features
    for name in ("story_soft_min", "story_soft_max", "story_lede", "story_names", "story_similarity",
                 "story_title_lede", "story_title_cross", "story_figures", "story_names_rare", "story_lede_names",
                 "story_length_min"):
        assert ab[name] == pytest.approx(ba[name], abs=1e-6)
    f = story_features(a, b, ea, eb, ta=None, tb=None, base=ab)
    assert "story_title" not in f  # no title vectors given: the model falls back to doc similarity
    assert 0.0 <= f["story_names"] <= 1.0 and f["story_soft_min"] <= f["story_soft_max"]
    # without titles the title features read each article's whole text against the other's lede
    assert -1.0 <= f["story_title_cross"] <= 1.0 and -1.0 <= f["story_title_lede"] <= 1.0
    for name in ("story_figures", "story_names_rare", "story_lede_names"):
        assert 0.0 <= f[name] <= 1.0 + 1e-9, name


def test_small_counts_are_not_figures_and_rare_names_weigh_more(comparer: Comparer) -> None:
    from wiretrace.records import Article
    from wiretrace.relate import _figures, _name_weights

    doc = comparer.doc(Article(id="t", text="Two boats and 340 passengers reached Porthkerris on 12 May 2026. "
                                            "Officials in London said 3 were hurt.", language="en"))
    figures = _figures(doc)
    assert "340" in figures and not {"2", "3", "12"} & figures
    names = _name_weights(doc)
    assert names["porthkerris"] > names["london"]


def test_story_v3_reads_relates_features_and_cuts_per_language() -> None:
    v3, v2 = get_score("story-v3"), get_score("story-v2")
    assert get_score(str(STORY_V3)).weights == v3.weights  # the file by path is the packaged one
    assert v3.name == "story@3" and v2.name == "story@2"  # the previous version stays loadable
    assert set(v2.features) < set(v3.features)
    assert {"story_title_lede", "story_figures", "story_names_rare"} <= set(v3.features)
    for lang in ("ar", "es", "fr", "tr"):
        cut, own = v3.cut(lang)
        assert own and 0.0 < cut < 1.0
    card = v3.card
    assert card["trained_on"].startswith("SemEval-2022") and "dev split" in card["trained_on"]
    assert "test" in card and "default_rule" in card


def test_copies_score_above_independent_reports_and_the_score_is_said(comparer: Comparer) -> None:
    reprint = comparer.relation(STORY / "original.txt", STORY / "reprint.html")
    same = comparer.relation(STORY / "original.txt", STORY / "independent.txt")
    other = comparer.relation(STORY / "original.txt", STORY / "unrelated.json")
    assert reprint.kind == "verbatim" and same.kind == "same_event" and other.kind == "unrelated"
    assert reprint.features["story_similarity"] > 0.95 > same.features["story_similarity"]
    for r in (same, other):
        assert 0.0 < r.features["story_similarity"] < 1.0
        assert r.deciders["story"] == "story@3"
        line = next(e for e in r.evidence if e.startswith("story similarity"))
        cut = get_score("story-v3").cut("en")[0]
        assert "story@3" in line and f"({cut:.2f})" in line
        assert ("at or above" in line) == (r.features["story_similarity"] >= cut)
    assert 0.0 < get_score("story-v3").threshold < 1.0
    assert 0.0 < get_score("story-v2").threshold < 1.0  # the previous versions stay loadable
    assert 0.0 < get_score("story-v1").threshold < 1.0


def test_rare_shared_words_weigh_more_than_common_ones() -> None:
    from wiretrace.relate import _weighted_cosine, _word_weights

    quay = _word_weights("The ferry left Porthkerris harbour after the storm", "en")
    assert quay["porthkerris"] == 7.0 and quay["the"] < 1.0 < quay["ferry"] < 7.0
    rare = _word_weights("A storm kept boats in Porthkerris", "en")
    common = _word_weights("The ferry left after the storm", "en")
    plain = _word_weights("The storm left the town", "en")
    # sharing the rare place name counts for more than sharing the common words
    assert _weighted_cosine(quay, rare) > _weighted_cosine(quay, plain)
    assert _weighted_cosine(quay, common) > _weighted_cosine(quay, plain)
    assert _weighted_cosine(quay, quay) == pytest.approx(1.0) and _weighted_cosine(quay, {}) == 0.0
    # a language wordfreq has no list for: every word weighs 1
    assert set(_word_weights("kuk kuk ma", "xx").values()) == {1.0}


def test_a_score_file_cuts_per_language(tmp_path: Path) -> None:
    model = LinearScore.from_file(_score_file(tmp_path, thresholds={"es": 0.55}))
    assert model.cut("es") == (0.55, True)
    assert model.cut("fi") == (0.6, False) and model.cut(None) == (0.6, False)
    assert LinearScore.from_file(_score_file(tmp_path)).thresholds == {}


def test_without_a_story_model_the_document_rule_decides(comparer: Comparer) -> None:
    from dataclasses import replace

    plain = Comparer(replace(comparer.cfg, relate=RelateConfig(story_model=None)), embedder=comparer.embedder)
    r = plain.relation(STORY / "original.txt", STORY / "unrelated.json")
    assert "story_similarity" not in r.features and "story" not in r.deciders
    assert "story_soft_min" in r.features  # the features are still kept with the relation


def test_lexical_mode_has_no_story_features(lexical: Comparer) -> None:
    r = lexical.relation(STORY / "original.txt", STORY / "independent.txt")
    assert not any(k.startswith("story") for k in r.features)


def _score_file(tmp_path: Path, **over: object) -> Path:
    spec = {"name": "toy", "version": 3, "kind": "score", "intercept": 0.5, "range": [0.0, 1.0], "threshold": 0.6,
            "features": [{"name": "x", "weight": 0.1, "mean": 0.2, "scale": 0.5},
                         {"name": "t", "weight": 0.2, "mean": 0.0, "scale": 1.0, "fallback": "x"}]}
    spec.update(over)
    path = tmp_path / "toy.json"
    path.write_text(json.dumps(spec), encoding="utf-8")
    return path


def test_a_score_file_scores_with_fallbacks_and_clips(tmp_path: Path) -> None:
    model = LinearScore.from_file(_score_file(tmp_path))
    assert model.name == "toy@3" and model.threshold == 0.6
    value, parts = model.score({"x": 0.7, "t": 0.9})
    assert value == pytest.approx(0.5 + 0.1 * 0.5 / 0.5 + 0.2 * 0.9)
    assert set(parts) == {"x", "t"}
    # t absent: it takes x's value
    assert model.score({"x": 0.7})[0] == pytest.approx(0.5 + 0.1 + 0.2 * 0.7)
    # neither present: both at their means, the intercept
    assert model.score({})[0] == pytest.approx(0.5)
    assert model.score({"x": 100.0})[0] == 1.0
    assert model.score({"x": float("nan")})[0] == pytest.approx(0.5)
    assert np.isfinite(model.score({"t": float("inf")})[0])


def test_a_bad_score_file_is_named(tmp_path: Path) -> None:
    bad = _score_file(tmp_path, range=[0.0])
    with pytest.raises(WiretraceError, match=r"toy\.json: not a wiretrace score model"):
        LinearScore.from_file(bad)
    with pytest.raises(ConfigError, match="unknown score model"):
        get_score("story-v0")


def test_a_routed_embedders_own_languages_get_no_beyond_line(comparer: Comparer) -> None:
    """``auto`` embeds English with its first model: no "Embedded with ...: is beyond the languages" line
    (every stored relation of an index carried one, with no language named, before session 9)."""
    r = comparer.relation(STORY / "original.txt", STORY / "independent.txt")
    assert not any(e.startswith("Embedded with") for e in r.evidence), r.evidence


def test_titles_are_stored_as_the_row_after_the_sentences(comparer: Comparer) -> None:
    doc = comparer.doc(STORY / "rewrite.html")
    model = comparer.model(doc.article.language)
    assert model is not None and doc.article.title
    rows = comparer.stored_vectors(doc, model)
    sentences = comparer.embed(doc, model)
    title = comparer.title_vector(doc, model)
    assert sentences is not None and title is not None
    assert len(rows) == len(doc.sentences) + 1 and np.array_equal(rows[-1], title)
    assert np.array_equal(rows[:-1], sentences)
    assert comparer.vector_key(model).endswith("|t")
