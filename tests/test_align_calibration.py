"""Per-language calibration of the aligner (``AlignConfig.calibration``, issue #17 item 3).

Within one language a sentence match also needs a cosine above what sentences of different stories reach
in that language under that model (the shipped null file, ``models/null-v1.json``). The vectors are set by
hand, as in test_align.py: ``a_i . b_j`` is ``diag[i]`` when i == j and 0 otherwise. The articles are our
own sentences; the first sentence is shared word for word (the anchor), the other two score between the
fixed gap threshold (0.72 - 0.2) and what unrelated Arabic sentences reach under USE v3.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

import wiretrace
from test_align import _vectors  # unit vectors with a chosen cosine per sentence pair
from wiretrace.align import AlignConfig, align, calibrated
from wiretrace.records import Article, Doc
from wiretrace.segment import Segmenter

USE = "use-multilingual-v3@0.2.1"
AR_A = "وصل القطار إلى المحطة صباح اليوم. انتظر الركاب ساعتين في العربة. لم يصب أحد بأذى في الحادث."
AR_B = "وصل القطار إلى المحطة صباح اليوم. أعلنت البلدية عن معرض جديد للكتب. فاز الفريق المحلي بالمباراة أمس."
DE_A = "Ein Zug blieb am Morgen bei Altenfeld stehen. Die Fahrgäste warteten zwei Stunden. Niemand wurde verletzt."
FR_B = ("Un train s'est arrêté ce matin près d'Altenfeld. Les voyageurs ont attendu deux heures. "
        "Personne n'a été blessé.")


def _docs(ta: str, la: str, tb: str, lb: str) -> tuple[Doc, Doc]:
    seg = Segmenter()
    a = seg.segment(Article(id="a", text=ta, language=la))
    b = seg.segment(Article(id="b", text=tb, language=lb))
    assert len(a.sentences) == len(b.sentences) == 3
    return a, b


def _pairs(a: Doc, b: Doc, diag: list[float], cfg: AlignConfig, model: str | None) -> list[tuple[int, ...]]:
    ea, eb = _vectors(diag)
    return [p.a_sents for p in align(a, b, cfg, ea, eb, model=model).pairs]


def _between_gap_and_null() -> float:
    null = calibrated("null-v1", USE, "ar")
    assert null is not None
    fixed_gap = AlignConfig().semantic_min - AlignConfig().gap_margin
    assert null.gap > fixed_gap + 0.02, "the Arabic null sits above the fixed gap threshold (what this tests)"
    return (fixed_gap + null.gap) / 2


def test_arabic_sentences_under_the_arabic_null_are_not_gap_filled() -> None:
    a, b = _docs(AR_A, "ar", AR_B, "ar")
    c = _between_gap_and_null()
    diag = [1.0, c, c]
    assert _pairs(a, b, diag, AlignConfig(calibration=None), USE) == [(0,), (1,), (2,)]  # the old behaviour
    assert _pairs(a, b, diag, AlignConfig(), USE) == [(0,)]


def test_without_a_model_name_or_a_fitted_language_the_fixed_thresholds_hold() -> None:
    a, b = _docs(AR_A, "ar", AR_B, "ar")
    diag = [1.0, _between_gap_and_null(), _between_gap_and_null()]
    assert _pairs(a, b, diag, AlignConfig(), None) == [(0,), (1,), (2,)]
    assert _pairs(a, b, diag, AlignConfig(), "st:some-local-model") == [(0,), (1,), (2,)]
    assert calibrated("null-v1", USE, "xx") is None


def test_calibration_never_touches_a_pair_in_two_languages() -> None:
    a, b = _docs(DE_A, "de", FR_B, "fr")
    diag = [0.70, 0.50, 0.48]  # one translated sentence, two short ones filled by the gap rule
    on = _pairs(a, b, diag, AlignConfig(), USE)
    assert on == _pairs(a, b, diag, AlignConfig(calibration=None), USE)
    assert on == [(0,), (1,), (2,)]


def test_the_null_file_is_dev_fitted_and_only_raises_thresholds() -> None:
    path = Path(wiretrace.__file__).parent / "models" / "null-v1.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert "dev" in data["card"]
    sources = {r["source"] for langs in data["models"].values() for r in langs.values()}
    assert sources <= {"wmt22-dev", "semeval-dev-different"}
    for model, langs in data["models"].items():
        for lang in langs:
            null = calibrated("null-v1", model, lang)
            assert null is not None
            assert null.gap <= null.match and null.gap_merged <= null.match_merged


def test_an_unknown_calibration_name_is_a_config_error() -> None:
    from wiretrace.errors import ConfigError

    with pytest.raises(ConfigError, match="null-v0"):
        calibrated("null-v0", USE, "ar")


@pytest.mark.parametrize("lang", ["ar", "de", "en", "es", "fr", "ja", "ru", "tr", "zh"])
def test_every_language_of_the_dev_data_has_a_use_null(lang: str) -> None:
    assert calibrated("null-v1", USE, lang) is not None


def test_a_merged_group_needs_each_half_above_the_languages_null() -> None:
    """A 2-1 group's mean vector scores above either half (0.45 and 0.73 give 0.83): without the floor the
    unrelated sentence rides along with its matching neighbour and doubles the aligned share."""
    seg = Segmenter()
    a = seg.segment(Article(id="a", text=AR_A, language="ar"))
    b = seg.segment(Article(id="b", text="وصل القطار إلى المحطة صباح اليوم. فاز الفريق المحلي بالمباراة أمس.",
                            language="ar"))
    assert (len(a.sentences), len(b.sentences)) == (3, 2)
    null = calibrated("null-v1", USE, "ar")
    assert null is not None and null.half > 0.45
    ea = np.eye(4)[:3]
    eb = np.array([[1.0, 0, 0, 0], [0, 0.45, 0.73, (1 - 0.45**2 - 0.73**2) ** 0.5]])
    off = [(p.a_sents, p.b_sents) for p in align(a, b, AlignConfig(calibration=None), ea, eb, model=USE).pairs]
    on = [(p.a_sents, p.b_sents) for p in align(a, b, AlignConfig(), ea, eb, model=USE).pairs]
    assert off == [((0,), (0,)), ((1, 2), (1,))]
    assert on == [((0,), (0,)), ((2,), (1,))]


class _FakeUse:
    """Hand-set vectors under USE v3's name: the comparer passes the model's name to the aligner."""

    name = USE
    languages = frozenset({"ar"})

    def __init__(self, vectors: dict[str, np.ndarray]) -> None:
        self.vectors = vectors

    def encode(self, texts: list[str]) -> np.ndarray:
        return np.array([self.vectors[t] for t in texts], dtype=np.float32)


def test_the_comparer_reads_the_calibration_of_its_model_and_language() -> None:
    from wiretrace.compare import CompareConfig, Comparer

    a, b = _docs(AR_A, "ar", AR_B, "ar")
    ea, eb = _vectors([1.0, _between_gap_and_null(), _between_gap_and_null()])
    vectors = {s.text: v for s, v in zip(a.sentences + b.sentences, [*ea, *eb], strict=True)}
    kinds = {}
    for name, cfg in (("on", AlignConfig()), ("off", AlignConfig(calibration=None))):
        cmp = Comparer(CompareConfig(align=cfg), embedder=_FakeUse(vectors))
        kinds[name] = cmp.relation(a, b).kind
    assert kinds == {"off": "rewrite", "on": "same_event"}
