"""Different stories across languages are no `translation` (issue #17, session 20).

In an index, nearest-vector candidates across languages are stories on one topic (two Russian reports on
Omicron boosters, one of them translated into English). Their sentences score 0.3-0.6 with each other under
USE v3: one match above the pair's cross-language threshold (read against its null, down to the 0.45
floor) became an anchor, and the gap rule (0.25 across languages) filled the rest of a short article
around it with sentences that are each closer to *another* sentence of the other article. With
``translated_margin`` / ``translated_gap_margin`` at 0 a cross-language match, and a gap fill, counts only
where it is its sentences' nearest counterpart (bench/RESULTS.md, "False derived relations in an index").

Hand-set cosines: ``a_i . b_j = C[i, j]`` (no embedder).
"""

from __future__ import annotations

import dataclasses

import numpy as np

from wiretrace.align import AlignConfig, align
from wiretrace.records import DERIVED_KINDS, Article, Doc
from wiretrace.relate import RelateConfig, relate
from wiretrace.segment import Segmenter

DE4 = "Ein Zug blieb stehen. Die Fahrgäste warteten. Niemand wurde verletzt. Die Strecke ist wieder frei."
FR4 = "Un train s'est arrêté. Les voyageurs ont attendu. Personne n'a été blessé. La ligne est rouverte."
EN4 = "A train stopped. The passengers waited. Nobody was hurt. The line is open again."
EN4_OTHER = "One locomotive halted there. Travellers stood by for hours. No one got injured today. Service has resumed."

OFF = dataclasses.replace(AlignConfig(), translated_margin=None, translated_gap_margin=None)
MARGINS = dataclasses.replace(AlignConfig(), translated_margin=0.0, translated_gap_margin=0.0)
#: The kind from coverage alone, without session 22's second close sentence (tests/test_relate_xlang22.py):
#: these tests read what the alignment's margins do.
COVERAGE_ONLY = dataclasses.replace(RelateConfig(), translation_second_cosine=None)

#: One cross-language match at 0.60 (above the 0.45 floor the pair's null gives), three gap cells at 0.30-0.40
#: (above the 0.25 gap threshold), each of those beaten by another cell of its row: a different story.
TOPICAL = np.array([[0.40, 0.10, 0.10, 0.43],
                    [0.10, 0.60, 0.10, 0.10],
                    [0.42, 0.10, 0.35, 0.10],
                    [0.10, 0.10, 0.20, 0.30]])
#: A short translation: one strong match, its neighbours each their counterpart's nearest.
TRANSLATION = np.array([[0.50, 0.10, 0.10, 0.10],
                        [0.10, 0.75, 0.10, 0.10],
                        [0.10, 0.10, 0.40, 0.10],
                        [0.10, 0.10, 0.10, 0.42]])


def _docs(text_a: str, lang_a: str, text_b: str, lang_b: str) -> tuple[Doc, Doc]:
    seg = Segmenter()
    a = seg.segment(Article(id="a", text=text_a, language=lang_a))
    b = seg.segment(Article(id="b", text=text_b, language=lang_b))
    assert len(a.sentences) == len(b.sentences) == 4
    return a, b


def _vectors(cos: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    n = cos.shape[0]
    ea = np.eye(2 * n)[:n]
    eb = np.zeros((n, 2 * n))
    for j in range(n):
        eb[j, :n] = cos[:, j]
        eb[j, n + j] = (1.0 - float(cos[:, j] @ cos[:, j])) ** 0.5
    assert np.allclose(ea @ eb.T, cos)
    return ea, eb


def _kind_and_groups(cos: np.ndarray, cfg: AlignConfig, *, cross: bool = True) -> tuple[str, list[tuple[int, int]]]:
    a, b = _docs(DE4, "de", FR4, "fr") if cross else _docs(EN4, "en", EN4_OTHER, "en")
    ea, eb = _vectors(cos)
    alignment = align(a, b, cfg, ea, eb)
    groups = [(p.a_sents[0], p.b_sents[0]) for p in alignment.pairs]
    return relate(a, b, alignment, COVERAGE_ONLY, ea=ea, eb=eb).kind, groups


def test_a_topical_neighbour_in_another_language_is_no_translation_with_the_margins() -> None:
    kind, groups = _kind_and_groups(TOPICAL, OFF)
    assert kind == "translation" and (1, 1) in groups and len(groups) >= 3  # before: one anchor and gap fills
    kind, groups = _kind_and_groups(TOPICAL, MARGINS)
    assert kind not in DERIVED_KINDS
    assert groups == [(1, 1)]


def test_a_short_translation_stays_a_translation_with_the_margins() -> None:
    for cfg in (OFF, MARGINS):
        kind, groups = _kind_and_groups(TRANSLATION, cfg)
        assert kind == "translation"
        assert groups == [(i, i) for i in range(4)]


def test_the_margins_do_not_touch_a_same_language_pair() -> None:
    high = np.where(TOPICAL > 0.5, 0.80, TOPICAL + 0.2)  # a 0.80 paraphrase, gap cells beaten in their rows
    off = _kind_and_groups(high, OFF, cross=False)
    assert len(off[1]) > 1  # gap fills beside the paraphrase, which margins would refuse across languages
    assert off == _kind_and_groups(high, MARGINS, cross=False)


def test_the_anchors_bench_counts_derived_kinds_apart_from_same_event() -> None:
    import sys
    from pathlib import Path
    from types import SimpleNamespace

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    from eval_anchors import false_derived

    rels = [SimpleNamespace(a="x1", b="y1", kind="same_event"), SimpleNamespace(a="x1", b="y2", kind="translation"),
            SimpleNamespace(a="x2", b="y1", kind="rewrite"), SimpleNamespace(a="x1", b="x2", kind="rewrite")]
    language = {"x1": "en", "x2": "en", "y1": "de", "y2": "ru"}.__getitem__
    out = false_derived(rels, lambda a, b: a[0] == b[0], language, "de")
    assert out == {"false_derived": 2,
                   "false_derived_by_languages": {"translation en-ru": 1, "rewrite de-en (routed)": 1}}
