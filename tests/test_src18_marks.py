"""East Asian typography kept in a translation (issue #18, session 25): ``relate.marks_of_cjk`` / ``src_marks``,
and source-v10, the default's model with that one feature added."""

from __future__ import annotations

import pytest

from wiretrace.decide import LinearDecider, get_decider
from wiretrace.records import Article
from wiretrace.relate import marks_of_cjk, source_evidence

# Our own made-up sentences: a Japanese notice and its English translation, which keeps the heading's bullet,
# the title's full-width bar and a katakana middle dot, as translators copying a page as it stood do.
JA = Article(id="ja", language="ja", title="冬の灯り、週末に点灯｜北浜新報",
             text="● 北浜町の公園で初めての冬の灯りが始まった。\n\n"
                  "イベントは「ミナト・ライト」と呼ばれ、金曜から日曜まで続く。")
EN_KEPT = Article(id="en", language="en", title="Winter lights switched on at the weekend｜Kitahama Shimpo",
                  text="● Winter lights have been switched on for the first time in a park in Kitahama.\n\n"
                       "The event, called \"Minato・Light\", runs from Friday to Sunday.")
EN_CLEAN = Article(id="en2", language="en", title="Winter lights switched on at the weekend",
                   text="Winter lights have been switched on for the first time in a park in Kitahama.\n\n"
                        "The event, called \"Minato Light\", runs from Friday to Sunday.")
DE = Article(id="de", language="de", title="Winterlichter am Wochenende",
             text="● Im Park von Kitahama leuchten zum ersten Mal Winterlichter.")


def test_marks_kept_from_the_cjk_side_point_at_it_in_either_order() -> None:
    value, details = marks_of_cjk(JA, EN_KEPT)  # type: ignore[misc]
    assert value == 1.0 and set(details["marks_b"].split()) == {"●", "｜", "・"}
    back = marks_of_cjk(EN_KEPT, JA)
    assert back is not None and back[0] == -1.0 and "marks_a" in back[1]


def test_no_marks_no_evidence_and_pairs_without_exactly_one_cjk_side_are_not_read() -> None:
    assert marks_of_cjk(JA, EN_CLEAN) == (0.0, {})
    assert marks_of_cjk(EN_KEPT, DE) is None  # no CJK side: a bullet in German text is not read
    zh = Article(id="zh", language="zh", text="●北滨町公园首次点亮冬季灯饰。")
    assert marks_of_cjk(JA, zh) is None  # both CJK: the marks are their own


def test_a_mark_the_cjk_side_does_not_use_is_not_counted() -> None:
    plain_ja = Article(id="ja2", language="ja", text="北浜町の公園で初めての冬の灯りが始まった")
    assert marks_of_cjk(plain_ja, EN_KEPT) == (0.0, {})


def test_the_evidence_line_names_the_marks() -> None:
    value, details = marks_of_cjk(JA, EN_KEPT)  # type: ignore[misc]
    model = get_decider("source-v10")
    decision = model.decide({"src_marks": value})
    assert decision.label == "a" and decision.probability > 0.9
    lines = source_evidence(decision, {"src_marks": value}, details)
    assert lines[0].startswith("b keeps East Asian typographic marks (") and "that a uses" in lines[0]


def test_source_v10_is_source_v3_with_src_marks_added() -> None:
    v3, v10 = get_decider("source-v3"), get_decider("source-v10")
    assert isinstance(v3, LinearDecider) and isinstance(v10, LinearDecider)
    assert v10.name == "source@v10" and v10.intercept == 0.0
    assert v10.features == (*v3.features, "src_marks")
    assert v10.weights[:-1] == v3.weights and v10.scales[:-1] == v3.scales and v10.abstain == v3.abstain
    assert v10.weights[-1] > 0
    for key in ("trained_on", "data_digest", "split", "test_figures", "limits", "added_to", "changed_in_v10"):
        assert v10.card.get(key), key
    # where src_marks is 0 (every pair but a CJK one whose other side kept marks) the verdict is source-v3's
    feats = {"src_translationese": -0.3, "src_coverage_x": 0.05, "src_tail_x": 0.01, "src_marks": 0.0}
    assert v10.decide(feats).probability == pytest.approx(v3.decide(feats).probability)
    assert v10.decide(feats).label == v3.decide(feats).label
    # a translation the English model reads as an original, but which kept the Japanese page's marks
    assert v3.decide({"src_translationese": -0.4}).label == "b"
    assert v10.decide({"src_translationese": -0.4, "src_marks": 1.0}).label == "a"


def _fit_added(records: list[dict[str, object]], monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    import eval_provenance

    monkeypatch.setattr(eval_provenance, "digest", lambda files: "test")
    monkeypatch.setattr(eval_provenance, "source_files", lambda: [])
    return eval_provenance.fit_added(records, (*get_decider("source-v3").features, "src_marks"))  # type: ignore[attr-defined]


def _records(marks_right: bool) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for n in range(12):
        for order, sign in (("ab", 1.0), ("ba", -1.0)):
            truth = "a" if sign > 0 else "b"
            marks = sign if marks_right else -sign
            out.append({"id": f"d{n}:{order}", "split": "dev", "group": "wmt-ref", "doc": f"wmt:ja-en:d{n}",
                        "derived": True, "true_source": truth, "kind": "translation",
                        "features": {"src_translationese": -0.2 * sign, "src_marks": marks if n < 6 else 0.0}})
    return out


def test_fit_added_keeps_the_base_weights_and_fits_the_new_one(monkeypatch: pytest.MonkeyPatch) -> None:
    spec = _fit_added(_records(marks_right=True), monkeypatch)
    v3 = get_decider("source-v3")
    assert isinstance(v3, LinearDecider)
    feats = spec["features"]
    assert isinstance(feats, list)
    assert [f["weight"] for f in feats[:-1]] == list(v3.weights)
    assert feats[-1]["name"] == "src_marks" and feats[-1]["fitted"] and feats[-1]["weight"] > 0
    assert spec["abstain"] == v3.abstain and spec["version"] == "v10"


def test_fit_added_drops_a_weight_against_the_rationale(monkeypatch: pytest.MonkeyPatch) -> None:
    spec = _fit_added(_records(marks_right=False), monkeypatch)
    last = spec["features"][-1]  # type: ignore[index]
    assert last["name"] == "src_marks" and last["weight"] == 0.0 and not last["fitted"]
