from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from wiretrace.fingerprint import MinHashConfig, MinHasher, band_keys, jaccard_estimate

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
