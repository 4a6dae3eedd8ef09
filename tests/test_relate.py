"""relate: kinds, coverage, direction features and the source deciders (our own made-up texts)."""

from __future__ import annotations

from pathlib import Path

import pytest

from wiretrace import article_from_text
from wiretrace.compare import CompareConfig, Comparer
from wiretrace.errors import ConfigError
from wiretrace.records import Article
from wiretrace.relate import RelateConfig, _rewrite_credit, direction_features

BODY = [
    "Engineers at the Varnholt shipyard finished the hull of the research vessel Kestrel Dawn on Tuesday, "
    "three months ahead of the schedule agreed with the port authority.",
    "The ship will carry 24 scientists and a crew of 18 on survey voyages in the northern fjords, the "
    "yard's director Ingrid Solvik said at a ceremony attended by about 300 workers.",
    "Work on the engines and the laboratories is due to start next month and should take most of the "
    "winter, she added, because the deck cranes must be fitted before the first snow.",
    "The vessel cost 61 million euros, paid in equal parts by the regional government and a group of "
    "three universities that will share its time at sea.",
    "Local fishermen had asked for the survey routes to avoid the spawning grounds in the spring, and "
    "the universities agreed to publish each season's route in advance.",
]


def art(paragraphs: list[str], name: str, head: str = "") -> Article:
    return article_from_text(head + "\n\n".join(paragraphs), name=name)


@pytest.fixture(scope="module")
def rules() -> Comparer:
    return Comparer(CompareConfig(embedder=None, relate=RelateConfig(source_decider="rules-v1")))


def test_verbatim_copy_and_a_trim(lexical: Comparer) -> None:
    a = art(BODY, "orig")
    assert lexical.relation(a, art(BODY, "copy", head="Shipyard finishes hull\n\n")).kind == "verbatim"
    trim = lexical.relation(a, art(BODY[:3], "trim"))
    assert trim.kind in ("verbatim", "edited_copy")
    assert trim.b_in_a > 0.95 and trim.a_in_b < 0.75


def test_unrelated_text_is_unrelated(lexical: Comparer) -> None:
    other = ["The city's chess club opened its doors to beginners on Saturday with forty new boards "
             "bought from a grant.", "Players of every age came, and the youngest was seven years old, the "
             "club's treasurer Omar Lindqvist said after the last game of the evening."]
    r = lexical.relation(art(BODY, "orig"), art(other, "chess"))
    assert r.kind == "unrelated" and r.source is None
    assert r.evidence and "unrelated" in r.evidence[0]


def test_direction_features_are_antisymmetric(lexical: Comparer) -> None:
    a = lexical.doc(art(BODY, "orig", head="NORDVIK (AFP) - "))
    farm = [*BODY[:2], "Read also: Ten habits of people who wake up early", *BODY[2:4]]
    b = lexical.doc(art(farm, "farm"))
    ab, ba = lexical.relation(a, b), lexical.relation(b, a)
    fab = {k: v for k, v in ab.features.items() if k.startswith("src_")}
    fba = {k: v for k, v in ba.features.items() if k.startswith("src_")}
    assert set(fab) == set(fba) and {"src_furniture", "src_coverage", "src_tail"} <= set(fab)
    for k, v in fab.items():
        assert fba[k] == pytest.approx(-v, abs=1e-9), k
    assert fab["src_furniture"] == 1.0 and fab["src_credit"] == 1.0


def test_source_is_the_same_article_whatever_the_order(lexical: Comparer) -> None:
    a = art(BODY, "orig", head="NORDVIK (AFP) - ")
    b = art([*BODY[:2], "Read also: Ten habits of people who wake up early", *BODY[2:4]], "farm")
    ab, ba = lexical.relation(a, b), lexical.relation(b, a)
    assert ab.source == "a" and ba.source == "b"
    assert ab.source_probability == pytest.approx(ba.source_probability)
    assert ab.deciders["source"].startswith("source@") and ab.deciders["kind"] == "rules-v4"
    assert any("furniture" in e for e in ab.evidence)
    # no site on either side: each is called by the start of its id, never by its place in the pair ("a")
    assert ab.evidence[-1].startswith(f"AFP wire #{a.id[:8]} is the source with probability")


def test_rules_v1_is_kept_under_its_name(rules: Comparer) -> None:
    a = art(BODY, "orig", head="NORDVIK (AFP) - ")
    r = rules.relation(a, art(BODY, "copy"))
    assert r.deciders["source"] == "rules-v1"
    assert r.source == "a"  # the agency dateline and credit decide alone (weight 1.0 >= 0.5)
    assert any("agency dateline or credit" in e for e in r.evidence)


def test_told_agency_inside_the_agencys_own_copy_is_not_a_rewrite_sign() -> None:
    text = BODY[0] + " A spokesman for the yard told AFP the launch would be in May."
    own = article_from_text("NORDVIK (AFP) - " + text + "\n\n" + BODY[1], name="own")
    third = article_from_text(text + "\n\n" + BODY[1], name="third")
    other_agency = article_from_text("NORDVIK (Reuters) - " + text + "\n\n" + BODY[1], name="other")
    assert own.credit == "AFP"
    assert _rewrite_credit(own) is None
    assert _rewrite_credit(third) == "told AFP"
    assert _rewrite_credit(other_agency) == "told AFP"  # Reuters copy quoting AFP's reporting


def test_passing_credit_points_at_the_agency_copy(lexical: Comparer) -> None:
    a = lexical.doc(art(BODY, "orig", head="NORDVIK (AFP) - "))
    rewrite = [BODY[0].replace("on Tuesday", "on Tuesday, AFP reported"), *BODY[1:]]
    b = lexical.doc(art(rewrite, "rw"))
    r = lexical.relation(a, b)
    f, details = direction_features(a, b, lexical._relate(a, b)[0], r.a_in_b, r.b_in_a)
    assert f["src_passing_credit"] == 1.0 and details["passing_b"] == "AFP reported"


def test_unknown_source_decider_is_a_config_error(fixtures: Path) -> None:
    c = Comparer(CompareConfig(embedder=None, relate=RelateConfig(source_decider="nope")))
    with pytest.raises(ConfigError, match="nope"):
        c.relation(fixtures / "floods_original.txt", fixtures / "floods_original.txt")


def test_story_word_cosine_is_the_same_in_every_process() -> None:
    """The shared words come in set order, which follows each process's string hashing: the cosine must
    not depend on it (two runs of one index stored story features that differed in the last bit)."""
    import os
    import subprocess
    import sys

    code = ("from wiretrace.relate import _weighted_cosine as c\n"
            "w = [f'w{i}' for i in range(400)]\n"
            "a = {x: 1.0 + (i % 7) / 3 for i, x in enumerate(w)}\n"
            "b = {x: 2.0 + (i % 5) / 7 for i, x in enumerate(w[::-1])}\n"
            "print(repr(c(a, b)))")
    out = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2", "3", "4")}
    assert len(out) == 1, out


# Two different stories told with one agency formula ("the governor and his deputy inspected ..."), other facts
# in its slots: that one sentence is most of each two-sentence article (issue #17, SemEval ar:3306 / ar:3397).
FORMULA_A = ["The regional governor Halvard Brekke and his deputy Sunniva Aasen inspected a number of post offices "
             "in the port district on Monday to make sure that the winter grants were paid without delay.",
             "Queues were short and the payments went smoothly, the postal service said in the evening."]
FORMULA_B = ["The regional governor Halvard Brekke and his deputy Sunniva Aasen inspected a number of building "
             "sites on the new ring road on Friday and handed out helmets and gloves to all of the workers there.",
             "A bridge over the river is due to open before the end of next year."]


def test_one_partly_edited_sentence_is_not_a_copy(lexical: Comparer) -> None:
    a, b = art(FORMULA_A, "post"), art(FORMULA_B, "roads")
    on = Comparer(CompareConfig(embedder=None, relate=RelateConfig(single_group_dice=0.5)))
    r = on.relation(a, b)
    assert r.features["aligned_groups"] == 1.0 and 0.34 <= r.features["group_dice_max"] < 0.5
    assert max(r.a_in_b, r.b_in_a) >= RelateConfig().rewrite_coverage  # enough coverage for a rewrite ...
    assert r.kind == "same_event" and r.source is None  # ... but one reused formula is not a copy
    assert "not evidence of copying" in r.evidence[0]
    default = lexical.relation(a, b)
    assert default.kind == "rewrite"  # off (the default since its test look): the old verdict, and features
    assert "aligned_groups" not in default.features and "group_dice_max" not in default.features


def _features(**over: float) -> dict[str, float]:
    f = {"a_in_b": 0.25, "b_in_a": 0.52, "lexical_a_in_b": 0.25, "lexical_b_in_a": 0.52, "exact_a_in_b": 0.0,
         "exact_b_in_a": 0.0, "doc_similarity": 0.4, "shared_names": 1.0, "cross_language": 0.0,
         "containment_a_in_b": 0.08, "containment_b_in_a": 0.18, "shared_name_words": 0.0,
         "aligned_groups": 1.0, "group_dice_max": 0.37}
    return {**f, **over}


def test_only_a_single_weak_edit_within_one_language_is_held_back() -> None:
    from wiretrace.relate import KindRulesV2

    kind = KindRulesV2(RelateConfig(single_group_dice=0.5))._kind
    assert kind(_features()) == "same_event"
    assert KindRulesV2(RelateConfig())._kind(_features()) == "rewrite"  # off by default
    assert kind(_features(group_dice_max=0.55)) == "rewrite"  # one sentence mostly carried word for word
    assert kind(_features(group_dice_max=1.0)) == "rewrite"  # one exact sentence
    assert kind(_features(group_dice_max=0.0)) == "rewrite"  # one paraphrase: the calibrated semantic path's
    assert kind(_features(aligned_groups=2.0)) == "rewrite"  # two sentences
    assert kind(_features(cross_language=1.0, b_in_a=0.6)) == "translation"  # never across languages
    # features stored before the rule (no aligned_groups / group_dice_max): the old verdict
    old = {k: v for k, v in _features().items() if k not in ("aligned_groups", "group_dice_max")}
    assert kind(old) == "rewrite"


def test_a_story_score_above_its_cut_on_an_unrelated_pair_says_it_does_not_decide() -> None:
    # review 2, finding 5: "unrelated" next to "at or above the cut for one story" read as a contradiction
    from wiretrace.decide import get_score
    from wiretrace.relate import _story_line

    story = get_score("story-v3")
    cut, _ = story.cut("en")
    above, below = _story_line(cut + 0.05, story, "en", "unrelated"), _story_line(cut - 0.05, story, "en", "unrelated")
    assert "at or above" in above and "does not make one" in above
    assert "below" in below and "does not make one" not in below
    assert "does not make one" not in _story_line(cut + 0.05, story, "en", "same_event")


def test_a_same_event_below_the_one_story_cut_says_it_cleared_the_same_event_floor() -> None:
    # review, session 24 (finding F5): "the same event" next to "below the cut for one story" read as a verdict its
    # own evidence denies; the same event needs RelateConfig.same_event_min_story, one story the cut
    from wiretrace.decide import get_score
    from wiretrace.relate import _story_line

    story = get_score("story-v3")
    cut, _ = story.cut("es")
    floor = RelateConfig().same_event_min_story
    assert floor is not None and floor < cut - 0.05
    between = _story_line(cut - 0.05, story, "es", "same_event", floor)
    assert "below" in between and f"it clears {floor:.2f}, the floor the same event needs" in between
    assert "floor" not in _story_line(cut + 0.05, story, "es", "same_event", floor)
    assert "floor" not in _story_line(cut - 0.05, story, "es", "unrelated", floor)
    assert "floor" not in _story_line(cut - 0.05, story, "es", "same_event")  # no floor set (rules-v3)


def test_the_length_line_says_the_usual_ratio_beside_the_seen_one() -> None:
    # review, session 24 (F4): "longer against a (1.01x its characters) than the same content usually is" gave no
    # norm, so 1.01x beside a weight read as a contradiction
    from wiretrace.decide import Decision
    from wiretrace.relate import source_evidence

    decision = Decision(label="a", probability=0.8, contributions={"src_length_x": 0.9}, model="m")
    lines = source_evidence(decision, {"src_length_x": 0.3}, {"length_b": "1.01", "usual_b": "0.87"})
    assert lines[0].startswith("b runs 1.01x a's length in characters where the same content usually runs 0.87x "
                               "between these two languages")
    assert "(weight +0.90 for a)" in lines[0]

