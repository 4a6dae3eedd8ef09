from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from wiretrace.fingerprint import (
    MinHashConfig,
    MinHasher,
    band_key_matrix,
    band_keys,
    jaccard_estimate,
    lsh_pairs,
    token_hashes,
)

WORDS = [f"w{i}" for i in range(300)]


def test_signature_estimates_jaccard_and_is_stable_across_instances() -> None:
    rng = np.random.default_rng(3)
    a = [WORDS[i] for i in rng.integers(0, 300, 400)]
    b = a[:250] + [WORDS[i] for i in rng.integers(0, 300, 150)]
    m1, m2 = MinHasher(), MinHasher()
    ha, hb = m1.shingle_hashes(a), m1.shingle_hashes(b)
    true = len(np.intersect1d(ha, hb)) / len(np.union1d(ha, hb))
    sa, sb = m1.signatures([ha, hb])
    assert abs(jaccard_estimate(sa, sb) - true) < 0.12
    assert np.array_equal(m2.signatures([m2.shingle_hashes(a)])[0], sa)  # same values in a new process/instance


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=0, max_size=60))
def test_identical_token_lists_share_every_band(tokens: list[str]) -> None:
    cfg = MinHashConfig()
    m = MinHasher(cfg)
    s1 = m.signatures([m.shingle_hashes(tokens)])[0]
    s2 = m.signatures([m.shingle_hashes(list(tokens))])[0]
    assert band_keys(s1, cfg) == band_keys(s2, cfg)
    assert len(band_keys(s1, cfg)) == cfg.bands


def test_token_hashes_are_pinned() -> None:
    """Stored signatures depend on these values: a change must be deliberate (and change
    MinHashConfig.fingerprint so old stores are refused, not silently mixed)."""
    h = token_hashes(["kowalczyk", "7,000", "são"])
    assert h.dtype == np.uint64
    assert [int(x) for x in h] == [int(x) for x in token_hashes(["kowalczyk"])] + [int(x) for x in
                                                                                  token_hashes(["7,000", "são"])]
    assert len(set(h.tolist())) == 3
    assert int(h[0]) == 14342448323469675387
    sig = MinHasher().signatures_of_tokens([["the", "comet", "was", "seen", "over", "sydney"]])[0]
    assert sig[:3].tolist() == [3281626157, 1718524405, 3288590871]
    assert MinHashConfig().fingerprint().startswith("tokpoly1-rensa")


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.sampled_from(WORDS), min_size=0, max_size=30), min_size=1, max_size=8))
def test_batched_signatures_equal_one_at_a_time(docs: list[list[str]]) -> None:
    m = MinHasher()
    batched = m.signatures_of_tokens(docs, chunk=3)
    single = np.vstack([m.signatures([m.shingle_hashes(d)]) for d in docs])
    assert np.array_equal(batched, single)
    for d, sig in zip(docs, batched, strict=True):
        assert (sig == 0xFFFFFFFF).all() == (len(d) == 0)


def test_short_documents_are_one_shingle_and_differ() -> None:
    m = MinHasher()
    assert len(m.shingle_hashes(["a", "b"])) == 1
    assert not np.array_equal(m.shingle_hashes(["a", "b"]), m.shingle_hashes(["b", "a"]))
    assert len(m.shingle_hashes(["a", "b", "c", "d", "e", "f"])) == 2


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.integers(0, 3), min_size=4, max_size=4), min_size=0, max_size=25), st.integers(0, 6))
def test_lsh_pairs_equal_brute_force(rows: list[list[int]], cap: int) -> None:
    keys = np.array(rows, dtype=np.int64).reshape(len(rows), 4)
    got = {(int(i), int(j)) for i, j in lsh_pairs(keys, max_bucket=cap)}
    want = set()
    for band in range(keys.shape[1]):
        col = keys[:, band]
        for v in set(col.tolist()):
            members = [i for i in range(len(col)) if col[i] == v]
            if len(members) > 1 and (cap <= 0 or len(members) <= cap):
                want |= {(a, b) for a in members for b in members if a < b}
    assert got == want


def test_band_keys_match_the_matrix_and_separate_bands() -> None:
    cfg = MinHashConfig()
    m = MinHasher(cfg)
    sigs = m.signatures_of_tokens([WORDS[:50], WORDS[:50], WORDS[100:150]])
    mat = band_key_matrix(sigs, cfg)
    assert mat.shape == (3, cfg.bands) and (mat >= 0).all()
    assert band_keys(sigs[0], cfg) == mat[0].tolist()
    assert (mat[0] == mat[1]).all() and not (mat[0] == mat[2]).any()
    same_rows = np.zeros(cfg.num_perm, dtype=np.uint32)  # equal rows in different bands, different keys
    assert len(set(band_keys(same_rows, cfg))) == cfg.bands
