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


def _random_pair(rng: np.random.Generator, la: str, lb: str) -> tuple[object, object, np.ndarray, np.ndarray]:
    """Two short articles over a small vocabulary (so some sentences share bigrams) with unit sentence
    vectors whose planted matches score around every threshold (0.4-0.85)."""
    seg = Segmenter()
    words = ["rain", "fell", "on", "lisbon", "the", "river", "rose", "officials", "said", "porto", "today"]

    def text(n: int) -> str:
        return " ".join(" ".join(rng.choice(words, size=int(rng.integers(3, 7)))).capitalize() + "."
                        for _ in range(n))

    a = seg.segment(Article(id="a", text=text(int(rng.integers(1, 9))), language=la))
    b = seg.segment(Article(id="b", text=text(int(rng.integers(1, 9))), language=lb))
    dim = 24
    ea = rng.normal(size=(len(a.sentences), dim))
    ea /= np.linalg.norm(ea, axis=1, keepdims=True)
    eb = rng.normal(size=(len(b.sentences), dim))
    eb /= np.linalg.norm(eb, axis=1, keepdims=True)
    for j in range(len(b.sentences)):
        if rng.random() < 0.5:
            c = float(rng.uniform(0.4, 0.85))
            noise = rng.normal(size=dim)
            noise -= (noise @ ea[j % len(ea)]) * ea[j % len(ea)]
            eb[j] = c * ea[j % len(ea)] + np.sqrt(1 - c * c) * noise / np.linalg.norm(noise)
    return a, b, ea, eb


def test_the_exit_before_the_null_median_aligns_as_the_plain_path() -> None:
    """``align`` answers a pair that cannot gain before computing its null (issue #15): the same alignment
    as the plain path, same- and cross-language, with and without a calibration; and the cut is taken."""
    rng = np.random.default_rng(15)
    taken = 0
    real = al.semantic_threshold
    calls = [0]

    def counted(*args: object, **kwargs: object) -> float:
        calls[0] += 1
        return real(*args, **kwargs)  # type: ignore[arg-type]

    al.semantic_threshold = counted  # type: ignore[assignment]
    try:
        for trial in range(600):
            la, lb = ("en", "en") if trial % 3 == 0 else ("ar", "ar") if trial % 3 == 1 else ("de", "fr")
            a, b, ea, eb = _random_pair(rng, la, lb)
            model = "use-multilingual-v3@1" if trial % 2 else None
            cfg = al.AlignConfig(null_min_cells=4) if trial % 4 == 1 else al.AlignConfig()
            before = calls[0]
            fast = al.align(a, b, cfg, ea, eb, model=model)  # type: ignore[arg-type]
            taken += calls[0] == before
            al._EXIT_BEFORE_NULL = False
            try:
                plain = al.align(a, b, cfg, ea, eb, model=model)  # type: ignore[arg-type]
            finally:
                al._EXIT_BEFORE_NULL = True
            assert fast == plain, trial
    finally:
        al.semantic_threshold = real  # type: ignore[assignment]
    assert 0 < taken < 600


def test_the_lowest_threshold_is_below_every_threshold_the_null_can_give() -> None:
    for cross in (False, True):
        floor = al._lowest_threshold(al.AlignConfig(), cross=cross)
        for sim in (np.full((5, 5), 0.1), np.full((5, 5), 0.9), np.linspace(-1, 1, 36).reshape(6, 6)):
            assert al.semantic_threshold(sim, al.AlignConfig(), cross=cross) >= floor
    assert al._lowest_threshold(al.AlignConfig(), cross=True) == al.AlignConfig().translated_floor
