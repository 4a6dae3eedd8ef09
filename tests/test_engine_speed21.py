"""Exact cuts in the compare stage, session 21 (issue #15): bounds from scalars before the merged groups'
matrices, ``_no_gain``'s one group in scalars, and per-document values kept by identity in ``relate``
(word n-grams, folded sentence words, name weights, weight norms, the story features' means). Each gives what
the plain form gives, bit for bit."""

from __future__ import annotations

import math

import numpy as np
import pytest

from test_vector_memo import _plain_no_gain  # no_gain as one array per group
from wiretrace import align as al
from wiretrace import relate as rl
from wiretrace.embed import pack_vectors, unpack_vectors
from wiretrace.records import AlignedPair, Article, Doc
from wiretrace.segment import Segmenter


def _stored(v: np.ndarray) -> np.ndarray:
    out = unpack_vectors(pack_vectors(v.astype(np.float32)))
    assert out is not None
    return out


def test_one_group_in_scalars_equals_the_arrays() -> None:
    rng = np.random.default_rng(21)
    cfg = al.AlignConfig()
    seen = {True: 0, False: 0}
    quick = 0
    for trial in range(4000):
        cross = trial % 3 == 0
        floor = al._lowest_threshold(cfg, cross=cross)
        r, c = int(rng.integers(1, 6)), int(rng.integers(1, 6))
        lex = np.round(rng.uniform(0, cfg.lexical_min * 1.2, size=(r, c)), 2)
        # float32 cosines as align has them, near the bar so both answers occur
        sem = rng.uniform(floor - 0.1, floor + 0.02, size=(r, c)).astype(np.float32)
        if trial % 13 == 0:
            sem[0, 0] = np.nan  # not finite: the general path answers
        if trial % 17 == 0:
            sem = sem.astype(np.float64)  # other types: the general path answers
        penalty = 0.0 if trial % 2 else cfg.merge_penalty
        quick += al._one_group_gain(cfg, cross, floor, (lex, sem, penalty)) is not None
        got = al._no_gain(cfg, cross, floor, (lex, sem, penalty))
        assert got == _plain_no_gain(cfg, cross, floor, (lex, sem, penalty)), trial
        seen[got] += 1
    assert min(seen.values()) > 200 and quick > 3000


def _plain_merged_cannot_gain(cfg: al.AlignConfig, cross: bool, sim: np.ndarray, *, ea: np.ndarray, eb: np.ndarray,
                              inter: np.ndarray, size_a: np.ndarray, size_b: np.ndarray) -> bool:
    """``align._merged_cannot_gain`` as session 18 wrote it: the bounds' matrices only."""
    if not cfg.merges:
        return True
    bar = min(0.0, cfg.reorder_margin)
    floor = al._lowest_threshold(cfg, cross=cross)
    w, pen = cfg.semantic_weight, cfg.merge_penalty
    for one, two, cells in ((ea, eb, sim), (eb, ea, sim.T)):
        if len(two) < 2:
            continue
        pair_len, halves = al._norms_of(two)[:2]
        if not (pair_len > 0).all():
            return False
        top = al._norms_of(one)[2]
        bound = float(((cells[:, :-1] + cells[:, 1:] + al._BOUND_SLACK * top * halves) / pair_len).max())
        if not (bound - floor) * w - pen <= bar:
            return False
    if cross:
        return True
    for shared, one_, pairs in ((inter[:, :-1] + inter[:, 1:], size_a[:, None], (size_b[:-1] + size_b[1:])[None, :]),
                                (inter[:-1, :] + inter[1:, :], (size_a[:-1] + size_a[1:])[:, None], size_b[None, :])):
        top_dice = float((2.0 * shared / np.maximum(one_ + pairs, 1.0)).max()) if shared.size else 0.0
        if not top_dice - cfg.lexical_min - pen <= bar:
            return False
    return True


def test_the_merged_bound_from_scalars_answers_as_its_matrices() -> None:
    """The scalar bounds (largest cell, least / largest neighbour length, least sizes) only skip the matrices
    where they already show no merged group can gain: every answer is the matrices' answer."""
    rng = np.random.default_rng(2021)
    cfg = al.AlignConfig()
    answers = {True: 0, False: 0}
    for trial in range(3000):
        na, nb, dim = int(rng.integers(1, 9)), int(rng.integers(1, 9)), 24
        ea = rng.normal(size=(na, dim))
        eb = rng.normal(size=(nb, dim))
        if trial % 3:  # unit rows as the embedders give; else rows of other lengths
            ea /= np.linalg.norm(ea, axis=1, keepdims=True)
            eb /= np.linalg.norm(eb, axis=1, keepdims=True)
        if nb > 1 and trial % 2:  # a's first sentence close to the sum of b's first two: near the bar
            m = eb[0] + eb[1]
            ea[0] = float(rng.uniform(0.5, 0.9)) * m / np.linalg.norm(m) + 0.3 * rng.normal(size=dim) / dim
        if trial % 29 == 0 and nb > 1:
            eb[1] = -eb[0]  # a zero neighbour length: undecided
        ea, eb = _stored(ea), _stored(eb)
        inter = rng.integers(0, 4, size=(na, nb)).astype(np.float64) * (rng.random() < 0.7)
        sa = rng.integers(0, 14, size=na).astype(np.float64)
        sb = rng.integers(0, 14, size=nb).astype(np.float64)
        cross = trial % 4 == 3
        sim = ea @ eb.T
        got = al._merged_cannot_gain(cfg, cross, sim, ea=ea, eb=eb, inter=inter, size_a=sa, size_b=sb)
        assert got == _plain_merged_cannot_gain(cfg, cross, sim, ea=ea, eb=eb, inter=inter, size_a=sa, size_b=sb), trial
        answers[got] += 1
    assert min(answers.values()) > 300


def test_norms_keep_their_extremes() -> None:
    e = _stored(np.random.default_rng(3).normal(size=(5, 8)))
    pair_len, halves, top, least, most, halves_top = al._norms_of(e)
    assert (least, most, halves_top) == (float(pair_len.min()), float(pair_len.max()), float(halves.max()))
    assert top == float(np.sqrt(np.einsum("ij,ij->i", e, e, dtype=np.float64)).max())
    assert all(math.isnan(x) for x in al._norms_of(e[:1])[3:])


def test_kept_by_identity_computes_once_and_never_mixes_equal_objects() -> None:
    calls: list[int] = []

    def fn(obj: list[int], k: int) -> int:
        calls.append(k)
        return sum(obj) * k

    memo: rl._ByIdentity[list[int], int] = rl._ByIdentity(fn, cap=2)
    x, y = [1, 2], [1, 2]  # equal, not the same object
    assert memo(x, 2) == 6 and memo(x, 2) == 6 and calls == [2]
    assert memo(y, 2) == 6 and calls == [2, 2]  # its own entry
    assert memo(x, 3) == 9 and calls == [2, 2, 3]  # extra arguments are part of the key
    assert memo(y, 2) == 6 and calls == [2, 2, 3]  # still kept (most recent two)
    memo(x, 4)
    assert memo(x, 2) == 6 and calls == [2, 2, 3, 4, 2]  # evicted (least recently used), computed again


_SEG = Segmenter()


def _doc(aid: str, text: str) -> Doc:
    return _SEG.segment(Article(id=aid, text=text, language="en", title="Harbour bridge reopens in Varnholm"))


_A = ("VARNHOLM (WNA) \u2019 The Varnholm harbour bridge reopened on Tuesday after 14 months of repairs costing "
      "\u20ac212 million, the city council said. Mayor Ilse Brandt called it \u201ca day for the whole city\u201d. "
      "Traffic was light in the morning. Police said 3,400 cars crossed by noon.")
_B = ("VARNHOLM (WNA) - The Varnholm harbour bridge reopened on Tuesday after 14 months of repairs costing "
      "\u20ac212 million, the city council said. Mayor Ilse Brandt called it \"a day for the whole city\". "
      "Shops near the bridge reported more customers. Police said 3,400 cars crossed by noon.")


def _plain_story_parts(a: Doc, b: Doc, ea: np.ndarray, eb: np.ndarray) -> tuple[object, ...]:
    """What the cached forms read, computed afresh as session 20 did."""
    def grams(d: Doc) -> set[tuple[str, ...]]:
        toks = rl.doc_tokens(d)
        return set(zip(*(toks[i:] for i in range(3)), strict=False))

    def words(d: Doc, i: int) -> list[str]:
        return [w.casefold() for w in rl.SEGMENT_WORD.findall(d.sentences[i].text.translate(rl._TYPOGRAPHY))]

    def cosine(wa: dict[str, float], wb: dict[str, float]) -> float:
        shared = math.fsum(wa[w] * wb[w] for w in wa.keys() & wb.keys())
        norm = math.sqrt(sum(v * v for v in wa.values()) * sum(v * v for v in wb.values()))
        return shared / norm if norm else 0.0

    ga, gb = grams(a), grams(b)
    shared = len(ga & gb)
    return ((shared / len(ga), shared / len(gb)),
            [words(a, i) for i in range(len(a.sentences))], [words(b, i) for i in range(len(b.sentences))],
            cosine(rl._name_weights(a), rl._name_weights(b)),
            cosine(rl._word_weights(rl._title_and_text(a), "en"), rl._word_weights(rl._title_and_text(b), "en")),
            ea.mean(axis=0).tobytes(), ea[:3].mean(axis=0).tobytes())


def test_relate_reads_the_kept_values_as_the_plain_ones() -> None:
    a, b = _doc("a", _A), _doc("b", _B)
    rng = np.random.default_rng(7)
    ea, eb = _stored(rng.normal(size=(len(a.sentences), 16))), _stored(rng.normal(size=(len(b.sentences), 16)))
    plain = _plain_story_parts(a, b, ea, eb)
    for _ in range(2):  # computed, then kept
        assert rl._containment(a, b, 3) == plain[0]
        assert [list(rl._folded_words(a, i)) for i in range(len(a.sentences))] == plain[1]
        assert [list(rl._folded_words(b, i)) for i in range(len(b.sentences))] == plain[2]
        assert rl._weighted_cosine(rl._doc_name_weights(a), rl._doc_name_weights(b)) == plain[3]
        assert rl._weighted_cosine(rl._word_weights(rl._title_and_text(a), "en"),
                                   rl._word_weights(rl._title_and_text(b), "en")) == plain[4]
    # the first sentence differs only in its typography: the same words, folded
    pair = AlignedPair(a_sents=(0,), b_sents=(0,), a_span=(a.sentences[0].start, a.sentences[0].end),
                       b_span=(b.sentences[0].start, b.sentences[0].end), kind="edited", score=0.9)
    assert rl._same_but_typography(a, b, pair)
    third = AlignedPair(a_sents=(2,), b_sents=(2,), a_span=(a.sentences[2].start, a.sentences[2].end),
                        b_span=(b.sentences[2].start, b.sentences[2].end), kind="edited", score=0.5)
    assert not rl._same_but_typography(a, b, third)


def test_story_features_are_those_of_fresh_means(monkeypatch: pytest.MonkeyPatch) -> None:
    """``story_features`` with the means kept per stored matrix equals it with every cache off."""
    a, b = _doc("a", _A), _doc("b", _B)
    rng = np.random.default_rng(8)
    ea, eb = _stored(rng.normal(size=(len(a.sentences), 16))), _stored(rng.normal(size=(len(b.sentences), 16)))
    base = {"shared_names": 2.0, "a_in_b": 0.7, "b_in_a": 0.6, "containment_a_in_b": 0.5, "containment_b_in_a": 0.4}
    for ta, tb in ((None, None), (ea[0], eb[0])):
        kept = [rl.story_features(a, b, ea, eb, ta=ta, tb=tb, base=base) for _ in range(2)]
        with monkeypatch.context() as m:  # every per-document value computed afresh
            m.setattr(rl, "_doc_name_weights", rl._name_weights)
            m.setattr(rl, "_squares", rl._squares_of)
            fresh = rl.story_features(a, b, np.array(ea), np.array(eb), ta=ta, tb=tb, base=base)
        assert kept[0] == kept[1] == fresh
