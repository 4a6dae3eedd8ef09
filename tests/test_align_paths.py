"""The aligner's fast paths (issue #15 item 4) give what the plain ones give: the per-document shingle
index counts the same shared shingles, and the small dynamic programme in plain Python picks the same
alignment as the numpy rows, ties included."""

from __future__ import annotations

import numpy as np

from wiretrace import align as al
from wiretrace.records import Article
from wiretrace.segment import Segmenter


def _numpy_monotone(g11: np.ndarray, g12: np.ndarray, g21: np.ndarray) -> object:
    small = al._SMALL_DP
    try:
        al._SMALL_DP = -1
        return al._monotone(g11, g12, g21)
    finally:
        al._SMALL_DP = small


def test_small_dynamic_programme_equals_numpy_rows() -> None:
    rng = np.random.default_rng(3)
    for trial in range(400):
        na, nb = int(rng.integers(1, 12)), int(rng.integers(1, 12))
        # coarse values make many exact ties, which is where the order of the comparisons shows
        coarse = trial % 2 == 0

        def m(r: int, c: int, coarse: bool = coarse) -> np.ndarray:
            x = rng.integers(-3, 4, size=(r, c)) / 4.0 if coarse else rng.normal(0, 0.4, size=(r, c))
            return np.asarray(x, dtype=np.float64)

        g11 = m(na, nb)
        g12 = m(na, max(nb - 1, 0)) if trial % 3 else np.full((na, max(nb - 1, 0)), al._NEG)
        g21 = m(max(na - 1, 0), nb) if trial % 5 else np.full((max(na - 1, 0), nb), al._NEG)
        assert al._monotone(g11, g12, g21) == _numpy_monotone(g11, g12, g21)


def test_shingle_index_counts_what_the_sets_count() -> None:
    seg = Segmenter()
    a = seg.segment(Article(id="a", text="Rain fell on Lisbon. Rain fell on Porto and on Lisbon again. "
                                         "The river rose. Rain rain rain. Officials said the river rose fast."))
    b = seg.segment(Article(id="b", text="The river rose fast, officials said. Rain fell on Lisbon. Rain rain. "
                                         "Nothing else happened today in Porto."))
    for n in (1, 2, 3):
        sa = [al.shingles(s.tokens, n) for s in a.sentences]
        sb = [al.shingles(s.tokens, n) for s in b.sentences]
        fast = al._intersect(al._shingle_index(a, n), al._shingle_index(b, n))
        assert np.array_equal(fast, al._intersections(sa, sb))
        assert fast.dtype == np.float64
        assert list(al._shingle_index(a, n).sizes) == [len(x) for x in sa]
