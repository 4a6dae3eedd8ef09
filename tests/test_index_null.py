"""bench/index_null.py's helpers (issue #17 item 3): a null an index could estimate from its own corpus."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

from wiretrace.align import lexical_similarity, shingles

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))

import index_null  # noqa: E402 - a script folder, put on the path above


def test_dice_matrix_is_the_aligners_lexical_similarity_of_each_sentence_pair() -> None:
    a = [("the", "minister", "said", "on", "monday"), ("rain",), ()]
    b = [("the", "minister", "said", "on", "tuesday"), ("rain",), ("a", "b")]
    got = index_null.dice_matrix([shingles(t, 2) for t in a], [shingles(t, 2) for t in b])
    want = np.array([[lexical_similarity(x, y) for y in b] for x in a])
    assert np.allclose(got, want)
    assert got[0, 0] == 0.75 and got[1, 1] == 1.0 and got[2, 2] == 0.0


def test_random_pairs_are_distinct_ordered_seeded_and_all_when_few() -> None:
    p = index_null.random_pairs(50, 100, seed=3)
    assert len(p) == len(set(p)) == 100 and all(i < j < 50 for i, j in p)
    assert p == index_null.random_pairs(50, 100, seed=3) != index_null.random_pairs(50, 100, seed=4)
    assert index_null.random_pairs(4, 100) == [(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3)]


def test_candidate_pairs_take_the_top_k_above_the_bar_from_either_side() -> None:
    # 0's nearest are 1 (0.9) then 2 (0.6); 3 is below the bar for everyone.
    v = np.array([[1.0, 0.0, 0.0], [0.9, np.sqrt(1 - 0.81), 0.0], [0.6, -0.8, 0.0], [0.0, 0.0, 1.0]])
    assert index_null.candidate_pairs(v, 0.5, 1) == [(0, 1), (0, 2)]  # 2's top 1 is 0: the union keeps it
    assert index_null.candidate_pairs(v, 0.5, 2) == [(0, 1), (0, 2)]
    assert index_null.candidate_pairs(v, 0.95, 2) == []


def test_bootstrap_spread_narrows_with_more_pairs_and_stable_size_reads_it() -> None:
    rng = np.random.default_rng(0)
    pool = [rng.normal(0, 0.1, 200) for _ in range(400)]
    spread = index_null.bootstrap(pool, (10, 400, 800), draws=50)
    assert set(spread) == {10, 400}  # never more pairs than the pool
    assert spread[400]["width"] < spread[10]["width"]
    assert index_null.stable_size(spread, width=spread[10]["width"] / 2) == 400
    assert index_null.stable_size(spread, width=0.0) is None


def test_combined_only_raises_a_threshold() -> None:
    v1 = {"ar": {"q0.99": 0.55, "q0.999": 0.69, "merged_q0.999": 0.64}}
    est = {"ar": {"q0.99": 0.60, "q0.999": 0.50, "merged_q0.999": float("nan")},
           "xx": {"q0.99": 0.3, "q0.999": 0.4, "merged_q0.999": 0.45}}
    got = index_null.combined(v1, est)
    assert got["ar"] == {"q0.99": 0.60, "q0.999": 0.69, "merged_q0.999": 0.64}
    assert got["xx"] == {"q0.99": 0.3, "q0.999": 0.4, "merged_q0.999": 0.45}


def test_pairs_read_each_estimators_pairs_from_the_index_kinds() -> None:
    v = np.array([[1.0, 0.0], [0.8, 0.6], [0.6, 0.8], [-1.0, 0.0]])
    arts = [index_null.Art(str(k), None, v[k:k + 1], v[k], v[k:k + 1], [set()]) for k in range(4)]
    pp = index_null.Pairs(arts)
    pp._kinds = {(0, 1): "rewrite", (0, 2): "same_event", (1, 2): "unrelated"}  # as the index related them
    assert pp.pairs("candidate", range(4), n_random=0, bar=0.5, top_k=40) == [(0, 2), (1, 2)]
    assert pp.pairs("candidate_unrelated", range(4), n_random=0, bar=0.5, top_k=40) == [(1, 2)]
    assert pp.pairs("candidate_unrelated", [1, 2, 3], n_random=0, bar=0.5, top_k=40) == [(1, 2)]
    assert len(pp.pairs("random", range(4), n_random=100, bar=0.5, top_k=40)) == 6  # (3 is below the bar)


def test_histogram_spread_reads_the_levels_an_index_would_at_each_size() -> None:
    from wiretrace.calibrate import NullHistogram

    rng = np.random.default_rng(0)
    hists = []
    for _ in range(60):
        h = NullHistogram()
        h.add(rng.normal(0, 0.15, 40), rng.normal(0, 0.15, 70))
        hists.append(h)
    spread = index_null.histogram_spread(hists, (10, 60, 100), draws=40)
    assert set(spread) == {10, 60}  # never more pairs than the pool
    assert spread[60]["width"] <= spread[10]["width"]
    for row in spread.values():
        assert row["low"][0] == row["match_p5"] <= row["match_median"] <= row["match_p95"] == row["high"][0]
        assert row["width"] == max(row["width_match"], row["width_merged"], row["width_half"])
