"""The same event held to a story-similarity floor (``RelateConfig.same_event_min_story``; new-user review of
session 23, finding 1: reports on different stories joined as "the same event" into one mixed story).

Uses the example corpus's own independent report (our made-up text) and the default embedder."""

from __future__ import annotations

from dataclasses import replace

import pytest

from conftest import CORPUS
from wiretrace.compare import Comparer
from wiretrace.records import Relation
from wiretrace.relate import KindRulesV2, RelateConfig


@pytest.fixture(scope="module")
def report(comparer: Comparer) -> Relation:
    c = comparer.compare(comparer.doc(CORPUS / "atacama-mine-rescue" / "original.txt"),
                         comparer.doc(CORPUS / "atacama-mine-rescue" / "independent.txt"))
    return c.relation


def test_an_independent_report_above_the_floor_stays_the_same_event(report: Relation) -> None:
    assert report.kind == "same_event", report.evidence
    assert report.features["story_similarity"] >= RelateConfig().same_event_min_story  # type: ignore[operator]
    assert report.deciders["kind"] == "rules-v4"


@pytest.mark.parametrize(("story", "kind"), [(0.30, "unrelated"), (0.449, "unrelated"), (0.45, "same_event"),
                                             (0.80, "same_event")])
def test_the_floor_decides_a_pair_the_rules_call_the_same_event(report: Relation, story: float, kind: str) -> None:
    f = {**report.features, "story_similarity": story}
    assert KindRulesV2(RelateConfig())._kind(f) == kind
    # off, or no score (no embedder; a relation stored before the rule): the rules alone
    assert KindRulesV2(RelateConfig(same_event_min_story=None))._kind(f) == "same_event"
    assert KindRulesV2(RelateConfig())._kind({k: v for k, v in f.items() if k != "story_similarity"}) == "same_event"
    assert KindRulesV2(RelateConfig(same_event_min_story=None)).decide(f).model == "rules-v3"


def test_across_languages_the_floor_is_not_read(report: Relation) -> None:
    # the story model scores same-language pairs only; a cross-language pair keeps its own rules
    f = {**report.features, "story_similarity": 0.1, "cross_language": 1.0, "shared_name_words": 3.0,
         "a_in_b": 0.1, "b_in_a": 0.1}
    assert KindRulesV2(RelateConfig())._kind(f) == "same_event"


def test_a_pair_below_the_floor_says_why_it_is_not_the_same_event(comparer: Comparer) -> None:
    high = replace(comparer.cfg, relate=replace(comparer.cfg.relate, same_event_min_story=0.99))
    strict = Comparer(high, embedder=comparer.embedder)
    c = strict.compare(strict.doc(CORPUS / "atacama-mine-rescue" / "original.txt"),
                       strict.doc(CORPUS / "atacama-mine-rescue" / "independent.txt"))
    assert c.relation.kind == "unrelated"
    line = next(e for e in c.relation.evidence if "floor for the same event" in e)
    assert "two stories on one topic" in line and "0.99" in line

