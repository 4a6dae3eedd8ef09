"""Session 28 (issue #18): extra originals for the translationese classifiers (bench/_realdata.py readers,
bench/eval_translationese.py weights). Made-up texts in a temporary data folder; no real data read."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import numpy as np
import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))

import _realdata  # noqa: E402
import eval_translationese  # noqa: E402

_FR = ("Le conseil municipal a voté mardi soir le budget de la ville pour l'année prochaine, après un long débat "
       "entre la majorité et l'opposition sur le prix des transports et la rénovation des écoles du quartier nord. ")
_FR2 = ("La directrice du musée régional a présenté jeudi une exposition consacrée aux peintres de la côte, avec "
        "des toiles prêtées par des familles de la région et par plusieurs collections privées du pays. ")


def _semeval(root: Path) -> None:
    folder = root / "semeval2022_task8" / "blresearch_subsets" / "french"
    folder.mkdir(parents=True)
    long_a, long_b = (_FR * 8).strip(), (_FR2 * 8).strip()
    with (folder / "dataset_french.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["ligne", "title_1", "title_2", "text_1", "text_2"])
        w.writerow(["1", "t", "u", long_a, "Trop court."])
        w.writerow(["2", "t", "u", "  " + long_a.replace(". ", ".\n"), long_b])  # the same article, other spacing
    with (folder / "corpus_fr_notes_v2.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["", "ligne", "title_1", "title_2", "text_1", "text_2"])
        w.writerow(["0", "3", "t", "u", long_b, "Encore trop court."])


def test_semeval_french_articles_one_key_per_article_split_by_key(tmp_path: Path) -> None:
    _semeval(tmp_path)
    bodies = _realdata.semeval_french_articles(tmp_path)
    assert len(bodies) == 2  # two distinct articles; the short texts are left out
    for b in bodies:
        assert b.key.startswith("semeval-fr:") and len(b.key) == len("semeval-fr:") + 16
        assert b.split == _realdata.split_of(b.key)
    assert len({b.key for b in bodies}) == 2


def test_msrp_documents_group_sentences_by_id_each_once(tmp_path: Path) -> None:
    folder = tmp_path / "msrp"
    folder.mkdir()
    rows = [f"1\t{2 * i}\t{2 * i + 1}\tSentence number {2 * i} was made up.\tSentence number {2 * i + 1} too."
            for i in range(5)]
    rows.append("0\t0\t9\tSentence number 0 was made up.\tSentence number 9 too.")  # ids seen before: kept once
    (folder / "msr_paraphrase_train.txt").write_text("\ufeffQuality\t#1 ID\t#2 ID\t#1 String\t#2 String\n"
                                                    + "\n".join(rows) + "\n", encoding="utf-8")
    (folder / "msr_paraphrase_test.txt").write_text("", encoding="utf-8")
    docs = _realdata.msrp_documents(tmp_path, sentences=4)
    assert [d.key for d in docs] == ["msrp:0", "msrp:4"]  # ids 0..9: two full groups, the last two left out
    assert docs[0].text.split("\n\n") == [f"Sentence number {i} {'was made up.' if i % 2 == 0 else 'too.'}"
                                          for i in range(4)]
    assert all(d.split == _realdata.split_of(d.key) for d in docs)


def test_clough_originals_are_the_source_files_only(tmp_path: Path) -> None:
    folder = tmp_path / "clough-stevenson-2011" / "data"
    folder.mkdir(parents=True)
    (folder / "orig_taska.txt").write_text("A made-up encyclopaedia paragraph.\n", encoding="utf-8")
    (folder / "g0pA_taska.txt").write_text("A made-up answer.\n", encoding="utf-8")
    assert [b.key for b in _realdata.clough_originals(tmp_path)] == ["clough:orig_taska"]


def test_existing_keys_keep_their_split() -> None:
    # the readers add keys; the split of every existing key is unchanged (salt and share as before)
    assert _realdata.SPLIT_SALT == "wiretrace-realdata-v1" and _realdata.DEV_SHARE == 0.6
    assert _realdata.split_of("wmt:de-fr:an-online.de.46492") == "dev"
    assert _realdata.split_of("wmt:fr-de:nicematin.com.42828") == "dev"
    assert _realdata.split_of("aeb:0001") == "test"


def test_balanced_with_sample_weights() -> None:
    y = np.array([1.0, 1.0, 0.0, 0.0, 0.0, 0.0])
    assert np.allclose(eval_translationese.balanced(y, None), eval_translationese.balanced(y))
    sw = np.array([1.0, 1.0, 1.0, 1.0, 0.25, 0.25])
    w = eval_translationese.balanced(y, sw)
    assert w[y > 0.5].sum() == pytest.approx(w[y < 0.5].sum())  # classes still weigh the same
    assert w[4] == pytest.approx(0.25 * w[2])  # inside a class, the sample weights hold


def test_added_weights_give_the_extra_originals_a_share_of_the_base_originals() -> None:
    t = eval_translationese.Text
    items = [t("fr", 0, "orig", "a", "fr-de", "dev", ""), t("fr", 0, "orig", "b", "fr-de", "dev", ""),
             t("fr", 1, "ref", "c", "de-fr", "dev", ""), *(t("fr", 0, "semeval", f"s{i}", "semeval", "dev", "")
                                                           for i in range(8))]
    assert eval_translationese.added_weights(items, None) is None
    w = eval_translationese.added_weights(items, 1.5)
    assert w is not None
    assert w[3:].sum() == pytest.approx(1.5 * 2)  # 1.5 times the two WMT originals
    assert list(w[:3]) == [1.0, 1.0, 1.0]


def test_more_originals_kinds_and_languages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_realdata, "msrp_documents", lambda: [_realdata.Body(key="msrp:7", text="Made up.")])
    texts = eval_translationese.more_originals(("msrp",))
    assert [(x.lang, x.translated, x.kind, x.doc, x.split) for x in texts] == [
        ("en", 0, "msrp", "msrp:7", _realdata.split_of("msrp:7"))]
    assert set(eval_translationese.MORE_ORIGINALS) <= set(eval_translationese.KINDS)


def test_write_more_with_base_replaces_only_the_new_language(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import json
    from types import SimpleNamespace
    from typing import Any

    def spec(tag: str) -> dict[str, Any]:
        return {"features": [], "mean": [], "scale": [], "intercept": 0.0, "weights": [], "tag": tag}

    row = {"dev_texts": {"orig": 1}, "dev_cv": {"log_loss": 0.5, "balanced_accuracy": 0.5, "auc": 0.5},
           "dev_oof_right_by_kind": {"orig": 1.0}, "dev_oof_auc_without_added": 0.5,
           "vocabulary": 0, "l2": 1.0, "top_weights": []}
    res = {"languages": {"en": row, "fr": row}, "no_model": {},
           "models": {"en": spec("new en"), "fr": spec("new fr")},
           "fold_models": [{"languages": {"en": spec(f"new en {f}"), "fr": spec(f"new fr {f}")}} for f in range(5)]}
    base_file = {"languages": {"de": spec("base de"), "en": spec("base en"), "fr": spec("base fr")},
                 "length_norms": {"de-fr": 0.1}}
    base_folds = {"models": [{"languages": {lang: spec(f"base {lang} {f}") for lang in ("de", "en", "fr")},
                              "length_norms": {"de-fr": 0.2}} for f in range(5)]}
    (tmp_path / "base-folds.json").write_text(json.dumps(base_folds), encoding="utf-8")
    monkeypatch.setattr(eval_translationese, "corpus", lambda more=(): [])
    monkeypatch.setattr(eval_translationese, "study", lambda *a, **k: res)
    monkeypatch.setattr(eval_translationese, "length_norms", lambda texts, fold=None: {})
    monkeypatch.setattr(eval_translationese, "digest", lambda paths: "x")
    monkeypatch.setattr(eval_translationese, "source_files", lambda: [])
    monkeypatch.setattr(eval_translationese, "REPO", tmp_path)
    monkeypatch.setattr(eval_translationese, "fold_models_path", lambda name: tmp_path / (
        "base-folds.json" if name == "translationese-v2" else f"{name}-f.json"))
    import wiretrace.translationese as tr

    monkeypatch.setattr(tr, "load", lambda path: base_file)
    args = SimpleNamespace(more_originals="semeval", split="dev", added_share=None, write_as="translationese-x",
                           nested=False, base="translationese-v2", refit=None)
    (tmp_path / "bench" / "out").mkdir(parents=True)
    assert eval_translationese._write_more(args, 0.0) == 0
    written = json.loads((tmp_path / "bench" / "out" / "translationese-x.json").read_text(encoding="utf-8"))
    assert {k: v["tag"] for k, v in written["languages"].items()} == {"de": "base de", "en": "base en",
                                                                      "fr": "new fr"}
    assert written["length_norms"] == {"de-fr": 0.1}
    folds = json.loads((tmp_path / "translationese-x-f.json").read_text(encoding="utf-8"))["models"]
    assert [m["languages"]["fr"]["tag"] for m in folds] == [f"new fr {f}" for f in range(5)]
    assert [m["languages"]["en"]["tag"] for m in folds] == [f"base en {f}" for f in range(5)]
