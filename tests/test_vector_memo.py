"""Exact cuts in the compare stage (issue #15 item 4): values kept per stored vector matrix
(``embed.RowsMemo``: a document's mean vector for ``relate._doc_similarity``, its pair means for ``align``)
are the values computed afresh, bit for bit, and are kept only for rows that cannot change; the aligner's
one-call bound (``_no_gain``) and its Dice without errstate give what the plain forms give."""

from __future__ import annotations

import numpy as np
import pytest

from wiretrace import align as al
from wiretrace import relate as rl
from wiretrace.embed import RowsMemo, mean_and_norm, pack_vectors, unpack_vectors


def _stored(rng: np.random.Generator, rows: int, dim: int = 16) -> np.ndarray:
    """Unit rows as an index reads them back from its store (a read-only view of bytes)."""
    v = rng.normal(size=(rows, dim)).astype(np.float32)
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    out = unpack_vectors(pack_vectors(v))
    assert out is not None
    return out


def _plain_doc_similarity(ea: np.ndarray, eb: np.ndarray) -> float:  # relate._doc_similarity before the memo
    ma, mb = ea.mean(axis=0), eb.mean(axis=0)
    denom = float(np.linalg.norm(ma) * np.linalg.norm(mb))
    return float(ma @ mb / denom) if denom else 0.0


def _plain_pair_means(e: np.ndarray) -> np.ndarray:  # align._pair_means before the memo
    m = e[:-1] + e[1:]
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return np.asarray(m / norms)


def test_memo_computes_once_per_stored_rows_and_keeps_each_view_apart() -> None:
    calls: list[tuple[int, ...]] = []

    def total(rows: np.ndarray) -> float:
        calls.append(rows.shape)
        return float(rows.sum())

    memo = RowsMemo(total)
    m = _stored(np.random.default_rng(0), 6)
    views = [m, m[:3], m[1:4], m[2:5], m[5][None, :], m[0][None, :], m[::2]]
    first = [memo(v) for v in views]
    assert first == [float(v.sum()) for v in views]  # same shape, other offset: its own value
    assert len(calls) == len(views)
    assert [memo(v) for v in views] == first
    assert len(calls) == len(views)  # every second ask was kept
    assert memo(m[:3].copy()) == first[1] and len(calls) == len(views) + 1  # a writable copy: computed


def test_memo_never_keeps_rows_that_can_change() -> None:
    memo = RowsMemo(lambda rows: float(rows.sum()))
    v = np.ones((3, 4), dtype=np.float32)
    assert memo(v) == 12.0
    v[0, 0] = 5.0  # same object, same address, new value
    assert memo(v) == 16.0
    ro = np.ones((2, 2), dtype=np.float32)
    ro.flags.writeable = False  # read-only, but its own memory could be made writable again
    assert memo(ro) == 4.0
    ro.flags.writeable = True
    ro[0, 0] = 2.0
    ro.flags.writeable = False
    assert memo(ro) == 5.0


def test_memo_drops_the_least_recently_used_past_its_cap() -> None:
    calls: list[int] = []
    memo = RowsMemo(lambda rows: calls.append(1) or len(calls), cap=2)
    rng = np.random.default_rng(1)
    a, b, c = _stored(rng, 2), _stored(rng, 2), _stored(rng, 2)
    memo(a), memo(b), memo(a), memo(c)  # b is the least recently used
    assert len(calls) == 3
    memo(a)
    assert len(calls) == 3
    memo(b)
    assert len(calls) == 4


def test_doc_similarity_and_pair_means_equal_the_plain_forms_bit_for_bit() -> None:
    rng = np.random.default_rng(2)
    for _ in range(300):
        ra, rb = _stored(rng, int(rng.integers(1, 30)), 32), _stored(rng, int(rng.integers(1, 30)), 32)
        na, nb = int(rng.integers(1, len(ra) + 1)), int(rng.integers(1, len(rb) + 1))
        for ea, eb in ((ra[:na], rb[:nb]), (ra[:na].copy(), rb[:nb]), (ra[na - 1][None, :], rb[:1])):
            for _ in range(2):  # computed, then kept
                assert rl._doc_similarity(ea, eb) == _plain_doc_similarity(ea, eb)
                mean, norm = mean_and_norm(ea)
                assert mean.tobytes() == ea.mean(axis=0).tobytes() and norm == np.linalg.norm(ea.mean(axis=0))
                if len(ea) > 1:
                    assert al._pair_means(ea).tobytes() == _plain_pair_means(ea).tobytes()
    zero = unpack_vectors(pack_vectors(np.zeros((3, 8), dtype=np.float32)))
    assert zero is not None and rl._doc_similarity(zero, zero) == 0.0


def _plain_no_gain(cfg: al.AlignConfig, cross: bool, floor: float | None,
                   *groups: tuple[np.ndarray | None, np.ndarray | None, float]) -> bool:  # one array per group
    top = al._NEG
    for lex, sem, penalty in groups:
        if lex is None or not lex.size:
            continue
        hi_sem = None if sem is None else np.array([sem.max()])
        top = max(top, float((al._gain(np.array([lex.max()]), hi_sem, cfg, cross=cross, threshold=floor)
                              - penalty)[0]))
    return top <= min(0.0, cfg.reorder_margin)


def test_no_gain_in_one_call_equals_one_call_per_group() -> None:
    rng = np.random.default_rng(4)
    cfg = al.AlignConfig()
    agree = {True: 0, False: 0}
    for trial in range(3000):
        cross = trial % 3 == 0
        floor = al._lowest_threshold(cfg, cross=cross)
        na, nb = int(rng.integers(1, 6)), int(rng.integers(1, 6))
        semantic = trial % 7 != 0

        def group(r: int, c: int, penalty: float, semantic: bool = semantic, floor: float = floor) -> tuple[
                np.ndarray | None, np.ndarray | None, float]:
            if r == 0 or c == 0:
                return None, None, penalty
            # values close to the bars, so both answers occur; float32 cosines as align has them
            lex = np.round(rng.uniform(0, cfg.lexical_min * 1.2, size=(r, c)), 2)
            sem = rng.uniform(floor - 0.1, floor + 0.02, size=(r, c)).astype(np.float32) if semantic else None
            return lex, sem, penalty

        groups = [group(na, nb, 0.0), group(na, nb - 1, cfg.merge_penalty), group(na - 1, nb, cfg.merge_penalty)]
        if trial % 11 == 0 and groups[1][1] is not None:  # mixed types: the per-group path
            lex, sem, p = groups[1]
            groups[1] = (lex, None if sem is None else sem.astype(np.float64), p)
        got = al._no_gain(cfg, cross, floor if semantic else None, *groups)
        assert got == _plain_no_gain(cfg, cross, floor if semantic else None, *groups)
        agree[got] += 1
    assert min(agree.values()) > 100  # both answers were tested


def test_dice_equals_choosing_after_dividing_everywhere() -> None:
    rng = np.random.default_rng(5)
    for _ in range(200):
        na, nb = int(rng.integers(1, 8)), int(rng.integers(1, 8))
        size_a = rng.integers(0, 5, size=na).astype(np.float64)[:, None]
        size_b = rng.integers(0, 5, size=nb).astype(np.float64)[None, :]
        inter = rng.integers(0, 4, size=(na, nb)).astype(np.float64)
        shared = np.minimum(inter, np.minimum(size_a, size_b))
        total = size_a + size_b
        with np.errstate(divide="ignore", invalid="ignore"):
            plain = np.where(total > 0, 2.0 * shared / total, 0.0)
        got = al._dice(inter, size_a, size_b)
        assert got.dtype == plain.dtype and got.tobytes() == plain.tobytes()


def _merged_gains(cfg: al.AlignConfig, cross: bool, *, ea: np.ndarray, eb: np.ndarray, inter: np.ndarray,
                  sa: np.ndarray, sb: np.ndarray) -> float:
    """The largest 1-2 / 2-1 gain ``align`` computes at the lowest threshold (its plain matrices, no half masks:
    they only lower it)."""
    floor = al._lowest_threshold(cfg, cross=cross)
    gains = [al._NEG]
    if len(eb) > 1:
        sem12 = ea @ al._pair_means_of(eb).T
        lex12 = al._dice(inter[:, :-1] + inter[:, 1:], sa[:, None], (sb[:-1] + sb[1:])[None, :])
        gains.append(float((al._gain(lex12, sem12, cfg, cross=cross, threshold=floor) - cfg.merge_penalty).max()))
    if len(ea) > 1:
        sem21 = al._pair_means_of(ea) @ eb.T
        lex21 = al._dice(inter[:-1, :] + inter[1:, :], (sa[:-1] + sa[1:])[:, None], sb[None, :])
        gains.append(float((al._gain(lex21, sem21, cfg, cross=cross, threshold=floor) - cfg.merge_penalty).max()))
    return max(gains)


def test_the_merged_groups_bound_never_says_no_gain_where_the_plain_matrices_gain() -> None:
    """``align._merged_cannot_gain`` (issue #15, session 18): its bounds on the merged cosines (from the 1-1
    cells and the neighbours' sum lengths) and merged Dice are never below what the plain matrices give: where
    it says no merged group can gain, none does. Stored float32 rows, planted merged matches near the
    threshold, rows of other lengths, both directions, same and cross language."""
    rng = np.random.default_rng(18)
    cfg = al.AlignConfig()
    bar = min(0.0, cfg.reorder_margin)
    said_no = near = 0
    for trial in range(3000):
        na, nb, dim = int(rng.integers(1, 8)), int(rng.integers(1, 8)), 32
        ea = rng.normal(size=(na, dim)).astype(np.float32)
        eb = rng.normal(size=(nb, dim)).astype(np.float32)
        if trial % 3:  # unit rows, as the embedders give; else rows of other lengths
            ea /= np.linalg.norm(ea, axis=1, keepdims=True)
            eb /= np.linalg.norm(eb, axis=1, keepdims=True)
        if nb > 1 and rng.random() < 0.6:  # a's first sentence close to the mean of b's first two
            m = eb[0] + eb[1]
            m /= np.linalg.norm(m)
            c = float(rng.uniform(0.6, 0.8))
            noise = rng.normal(size=dim).astype(np.float32)
            noise -= (noise @ m) * m
            ea[0] = c * m + np.sqrt(1 - c * c) * noise / np.linalg.norm(noise)
        ea, eb = _stored_rows(ea), _stored_rows(eb)
        inter = rng.integers(0, 3, size=(na, nb)).astype(np.float64) * (rng.random() < 0.5)
        sa = rng.integers(1, 12, size=na).astype(np.float64)
        sb = rng.integers(1, 12, size=nb).astype(np.float64)
        cross = trial % 4 == 3
        sim = ea @ eb.T
        top = _merged_gains(cfg, cross, ea=ea, eb=eb, inter=inter, sa=sa, sb=sb)
        near += abs(top - bar) < 0.05
        if al._merged_cannot_gain(cfg, cross, sim, ea=ea, eb=eb, inter=inter, size_a=sa, size_b=sb):
            said_no += 1
            assert top <= bar, trial
    assert said_no > 500 and near > 100


def _stored_rows(v: np.ndarray) -> np.ndarray:
    out = unpack_vectors(pack_vectors(v))
    assert out is not None
    return out


def test_a_pair_that_cannot_gain_exits_before_the_merged_matrices(monkeypatch: pytest.MonkeyPatch) -> None:
    """Most candidate pairs of an index align nothing: ``align`` answers them before it makes the pair means and
    their cosines (issue #15, session 18), with the plain path's empty alignment."""
    from wiretrace.records import Article
    from wiretrace.segment import Segmenter

    seg = Segmenter()
    a = seg.segment(Article(id="a", text="Rain fell on Lisbon today. The river rose overnight. Officials said so.",
                            language="en"))
    b = seg.segment(Article(id="b", text="Markets opened higher in Tokyo. Exporters gained. The yen slipped.",
                            language="en"))
    rng = np.random.default_rng(0)
    ea, eb = (_stored_rows((x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32))
              for x in (rng.normal(size=(3, 64)), rng.normal(size=(3, 64))))
    monkeypatch.setattr(al, "_EXIT_BEFORE_NULL", False)
    plain_al = al.align(a, b, al.AlignConfig(), ea, eb, model="use-multilingual-v3@1")
    assert plain_al.pairs == ()
    monkeypatch.setattr(al, "_EXIT_BEFORE_NULL", True)

    def no_pair_means(rows: np.ndarray) -> np.ndarray:
        raise AssertionError("pair means made for a pair that cannot gain")

    monkeypatch.setattr(al, "_pair_means", no_pair_means)
    assert al.align(a, b, al.AlignConfig(), ea, eb, model="use-multilingual-v3@1") == plain_al
