"""Session 27 (issue #15): which candidates of an article align nothing, decided for all of them together
(``align.aligns_nothing``, ``Comparer.unaligned``); such a pair is not aligned again in an index's link pass.
Each decision must be what ``align`` answers, either way round, and an index stores the same rows with it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pytest

from wiretrace import align as al
from wiretrace.embed import pack_vectors, unpack_vectors
from wiretrace.records import Article, Doc
from wiretrace.segment import Segmenter

ROOT = Path(__file__).resolve().parent.parent
_SEG = Segmenter()

_WORDS = ("harbour", "bridge", "council", "mayor", "river", "storm", "flood", "school", "tax", "budget",
          "police", "court", "vote", "party", "market", "bank", "train", "station", "museum", "festival",
          "farmer", "harvest", "price", "wheat", "hospital", "nurse", "doctor", "strike", "union", "wage",
          "port", "ship", "cargo", "airline", "pilot", "runway", "ticket", "ferry", "island", "tourist",
          "hotel", "summer", "winter", "snow", "road", "tunnel")


def _stored(v: np.ndarray) -> np.ndarray:
    out = unpack_vectors(pack_vectors(v.astype(np.float32)))
    assert out is not None
    return out


def _text(rng: np.random.Generator, n: int) -> str:
    return " ".join(" ".join(rng.choice(_WORDS, size=int(rng.integers(6, 14)))).capitalize() + "." for _ in range(n))


def _doc(aid: str, text: str, language: str = "en") -> Doc:
    return _SEG.segment(Article(id=aid, text=text, language=language))


def _unit(v: np.ndarray) -> np.ndarray:
    return v / np.linalg.norm(v, axis=-1, keepdims=True)


def _aligns(a: Doc, b: Doc, ea: np.ndarray, eb: np.ndarray) -> tuple[bool, bool]:
    cfg = al.AlignConfig()
    one, two = al.align(a, b, cfg, ea, eb, model="m"), al.align(b, a, cfg, eb, ea, model="m")
    assert one.semantic and two.semantic
    return bool(one.pairs), bool(two.pairs)


def test_a_candidate_said_to_align_nothing_aligns_nothing_either_way() -> None:
    """Random articles and vectors near the thresholds (a candidate's sentence moved towards one of the hub's,
    copied words, another language): every candidate said to align nothing aligns nothing both ways round, and
    most candidates that align nothing are said to."""
    rng = np.random.default_rng(27)
    said = {True: 0, False: 0}
    empty_undecided = 0
    for trial in range(60):
        hub = _doc("h", _text(rng, int(rng.integers(1, 9))))
        eh = _stored(_unit(rng.normal(size=(len(hub.sentences), 64))))
        others: list[tuple[Doc, np.ndarray | None]] = []
        for k in range(int(rng.integers(1, 12))):
            lang = "de" if (trial + k) % 5 == 0 else "en"
            text = _text(rng, int(rng.integers(1, 9)))
            if k % 4 == 1:  # a sentence of the hub's, some of its words changed
                words = hub.sentences[0].text.split()
                for i in rng.choice(len(words), size=int(rng.integers(0, len(words))), replace=False):
                    words[i] = str(rng.choice(_WORDS))
                text = " ".join(words) + " " + text
            b = _doc(f"c{k}", text, lang)
            eb = _unit(rng.normal(size=(len(b.sentences), 64)))
            if k % 3 == 0:  # one sentence close to one of the hub's: cosines around the thresholds
                mix = float(rng.uniform(0.3, 0.9))
                eb[0] = _unit(mix * eh[int(rng.integers(len(eh)))] + (1 - mix) * eb[0])
            others.append((b, _stored(eb)))
        got = al.aligns_nothing(hub, eh, others)
        for (b, eb), known in zip(others, got, strict=True):
            assert eb is not None
            either = any(_aligns(hub, b, eh, eb))
            if known:
                assert not either, (trial, b.article.id)
            elif not either:
                empty_undecided += 1
            said[known] += 1
    assert said[True] > 100 and said[False] > 30
    assert empty_undecided < said[True] / 5


def test_copied_words_close_vectors_and_merged_sentences_keep_a_pair_undecided() -> None:
    """The guards: a sentence copied word for word (vectors unrelated), a sentence whose vector is the hub's
    (words unrelated), a translation's cosine between the floor across languages and the same-language
    threshold, and a sentence split in two whose halves each stay below the threshold (words unrelated): none
    is said to align nothing, and each does align."""
    rng = np.random.default_rng(5)
    hub = _doc("h", "The harbour bridge reopened on Tuesday after fourteen months of repairs. "
                    "Mayor Ilse Brandt called it a day for the whole city. Traffic was light in the morning.")
    eh = _stored(_unit(rng.normal(size=(3, 64))))
    far = _unit(rng.normal(size=(3, 64)))
    copied = _doc("a", "The harbour bridge reopened on Tuesday after fourteen months of repairs. "
                       "Snow closed the tunnel road. The ferry ran late.")
    close = _doc("b", "Wheat prices fell at the market. Snow closed the tunnel road. The ferry ran late.")
    e_close = far.copy()
    e_close[0] = eh[1]
    translated = _doc("c", "Die Hafenbrücke wurde am Dienstag wieder geöffnet. Schnee sperrte die Straße. "
                           "Die Fähre kam spät.", "de")
    e_tr = far.copy()
    e_tr[0] = _unit(0.62 * eh[0] + 0.38 * far[0])  # cosine ~0.6 with the hub's first sentence
    split = _doc("d", "Wheat prices fell at the market. Snow closed the tunnel road. The ferry ran late.")
    half = _unit(rng.normal(size=64))
    e_split = far.copy()
    e_split[0], e_split[1] = _unit(eh[1] + 1.3 * half), _unit(eh[1] - 1.3 * half)  # their mean is the hub's
    others = [(copied, _stored(far)), (close, _stored(e_close)), (translated, _stored(e_tr)),
              (split, _stored(e_split))]
    got = al.aligns_nothing(hub, eh, others)
    assert got == [False, False, False, False]
    for (b, eb), _known in zip(others, got, strict=True):
        assert eb is not None and any(_aligns(hub, b, eh, eb)), b.article.id
    # and unrelated words with unrelated vectors are said to align nothing
    other = _doc("e", "Wheat prices fell at the market. Snow closed the tunnel road. The ferry ran late.")
    assert al.aligns_nothing(hub, eh, [(other, _stored(far))]) == [True]


def test_off_or_unusable_rows_leave_every_pair_to_align(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(1)
    hub = _doc("h", _text(rng, 3))
    eh = _stored(_unit(rng.normal(size=(3, 16))))
    b = _doc("b", _text(rng, 2))
    fine = _stored(_unit(rng.normal(size=(2, 16))))
    assert al.aligns_nothing(hub, eh, [(b, fine), (b, None), (b, fine[:1]), (b, _stored(np.ones((2, 8))))]) == [
        True, False, False, False]
    bad = fine.copy()
    bad[0, 0] = np.nan
    assert al.aligns_nothing(hub, eh, [(b, bad)]) == [False]
    monkeypatch.setattr(al, "_EXIT_MANY", False)
    assert al.aligns_nothing(hub, eh, [(b, fine)]) == [False]


def _rows(db: Path) -> list[tuple[object, ...]]:
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT * FROM relations ORDER BY a, b").fetchall()
    finally:
        con.close()


@pytest.mark.slow
def test_an_index_stores_the_same_relations_with_and_without_it(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """The example corpus indexed in one process with the default embedder: every relation row (kind, coverages,
    evidence, features, deciders) the same with ``aligns_nothing`` on and off, and it decided some pairs."""
    from wiretrace.compare import Comparer
    from wiretrace.engines.local import IndexConfig, index

    calls = {"decided": 0}
    plain = Comparer.unaligned

    def counted(self: Comparer, hub: Doc, others: list[Doc]) -> list[bool]:
        out = plain(self, hub, others)
        calls["decided"] += sum(out)
        return out

    monkeypatch.setattr(Comparer, "unaligned", counted)
    src = str(ROOT / "examples" / "corpus")
    index([src], db=str(tmp_path / "on.db"), cfg=IndexConfig(workers=1))
    assert calls["decided"] > 0
    monkeypatch.setattr(al, "_EXIT_MANY", False)
    index([src], db=str(tmp_path / "off.db"), cfg=IndexConfig(workers=1))
    on, off = _rows(tmp_path / "on.db"), _rows(tmp_path / "off.db")
    assert len(on) > 50 and on == off
