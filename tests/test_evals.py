"""The evaluation harness (bench/eval_*.py): skip path, table rewriting, metrics, a tiny real MSRP run."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))

import _evalkit  # noqa: E402
import eval_all  # noqa: E402
import eval_paraphrase  # noqa: E402
from wiretrace.align import AlignConfig, lexical_similarity, same_passage  # noqa: E402

MSRP = _evalkit.data_root() / "msrp"


def _ok_results() -> dict[str, dict[str, Any]]:
    scores = {"accuracy": 0.72, "precision": 0.71, "recall": 0.96, "f1": 0.821, "tp": 1, "fp": 1, "fn": 1, "n": 3}
    return {
        "extraction": {"status": "skipped", "reason": "aeb not found", "evaluation": "extraction"},
        "paraphrase": {
            "status": "ok", "seconds": 100.0, "pairs": {"train": 4076, "test": 1725},
            "split_for_thresholds": "MSRP train", "headline": {"name": "rule", **scores},
            "rows": {"always paraphrase (baseline)": {**scores, "f1": 0.799},
                     "aligner rule, shipped thresholds": {**scores, "f1": 0.81},
                     "align() on the two sentences as documents, shipped config": {**scores, "f1": 0.81},
                     "logistic regression on x": {**scores, "f1": 0.83}},
            "fitted_rule": {"lexical_min": 0.5, "semantic_min": 0.6}, "shipped_rule": {"lexical_min": 0.34,
                                                                                         "semantic_min": 0.72},
            "errors": {"negatives_called_same_share": 0.6}, "roc_auc": {"semantic_cosine": 0.7,
                                                                        "lexical_bigram_dice": 0.7},
            "cv": [{}] * 10, "goal": {"f1": 0.85, "met": False},
        },
    }


def test_rewrite_replaces_only_between_markers() -> None:
    text = f"# R\n\nintro\n\n{eval_all.BEGIN}\nold table\n{eval_all.END}\n\n## Web UI\nkept\n"
    out = eval_all.rewrite(text, "new | table")
    assert "old table" not in out
    assert out.startswith("# R\n\nintro\n\n" + eval_all.BEGIN + "\nnew | table\n" + eval_all.END)
    assert out.endswith("## Web UI\nkept\n")
    assert eval_all.rewrite(out, "new | table") == out  # idempotent
    with pytest.raises(ValueError, match="markers"):
        eval_all.rewrite("no markers here", "x")


def test_render_says_below_goal_and_names_command_and_split() -> None:
    block = eval_all.render(_ok_results(), seconds=120, when="2026-11-23", machine="test box")
    paraphrase = next(line for line in block.splitlines() if line.startswith("| Sentence-pair"))
    assert "**not met**" in paraphrase
    assert "0.821" in paraphrase and "0.893" in paraphrase
    assert "`.venv/bin/python bench/eval_paraphrase.py`" in paraphrase
    assert "MSRP train" in paraphrase
    extraction = next(line for line in block.splitlines() if line.startswith("| Article extraction"))
    assert "skipped: aeb not found" in extraction
    assert "Below the goal" in block


@pytest.mark.parametrize("script", ["eval_extraction", "eval_paraphrase", "eval_reuse_levels", "eval_semeval"])
def test_each_evaluation_skips_cleanly_without_data(
    script: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    module = __import__(script)
    out = tmp_path / "r.json"
    assert module.main(["--data", str(tmp_path / "absent"), "--json", str(out)]) == 0
    record = json.loads(out.read_text())
    assert record["status"] == "skipped"
    assert "not found" in record["reason"]
    assert "skipped" in capsys.readouterr().out


def test_eval_all_with_no_data_rewrites_the_table_with_skips(tmp_path: Path) -> None:
    results = tmp_path / "RESULTS.md"
    results.write_text(f"top\n{eval_all.BEGIN}\n{eval_all.END}\nbottom\n")
    assert eval_all.main(["--data", str(tmp_path / "absent"), "--results", str(results)]) == 0
    text = results.read_text()
    assert text.startswith("top\n") and text.endswith("bottom\n")
    assert text.count("| skipped:") == 4


def test_metrics() -> None:
    assert _evalkit.roc_auc([1, 0, 1, 0], [0.9, 0.1, 0.5, 0.5]) == pytest.approx(0.875)
    assert _evalkit.pearson([1, 2, 3], [-2, -4, -6]) == pytest.approx(-1.0)
    s = _evalkit.binary_scores([1, 1, 0, 0], [1, 0, 1, 0])
    assert (s["precision"], s["recall"], s["accuracy"]) == (0.5, 0.5, 0.5)
    f1, per = _evalkit.macro_f1(["a", "a", "b"], ["a", "b", "b"], ["a", "b"])
    assert per == {"a": pytest.approx(2 / 3), "b": pytest.approx(2 / 3)} and f1 == pytest.approx(2 / 3)
    labels = ["x"] * 10 + ["y"] * 5
    folds = _evalkit.stratified_folds(labels, 5, seed=1)
    assert sorted(int(i) for f in folds for i in f) == list(range(15))
    assert all(sum(labels[i] == "y" for i in f) == 1 for f in folds)
    rng = np.random.default_rng(0)
    x = rng.normal(size=(200, 2))
    y = (x[:, 0] > 0).astype(float)
    model = _evalkit.Logistic(l2=0.1).fit(x, y)
    assert np.mean((model.proba(x) >= 0.5) == y) > 0.95


def test_same_passage_is_the_aligner_rule() -> None:
    cfg = AlignConfig()
    assert lexical_similarity(("a", "b", "c"), ("a", "b", "c")) == 1.0
    assert same_passage(cfg.lexical_min + 0.01, None, cfg)
    assert not same_passage(cfg.lexical_min - 0.01, None, cfg)
    assert same_passage(0.0, cfg.semantic_min + 0.01, cfg)
    # Across languages only the cosine counts, against its own threshold.
    assert not same_passage(0.99, None, cfg, cross=True)
    assert same_passage(0.0, cfg.translated_min + 0.01, cfg, cross=True)


@pytest.mark.skipif(not (MSRP / "msr_paraphrase_train.txt").exists(), reason="MSRP data not present")
def test_tiny_real_msrp_run() -> None:
    from wiretrace.embed import get_embedder
    from wiretrace.segment import Segmenter

    pairs = eval_paraphrase.read_pairs(MSRP / "msr_paraphrase_train.txt", limit=8)
    split = eval_paraphrase.featurise(pairs, Segmenter(), get_embedder())
    assert split.features.shape == (8, len(eval_paraphrase.FEATURES))
    assert split.products.shape == (8, 1024)
    assert np.all((split.features[:, 0] >= 0) & (split.features[:, 0] <= 1))
    pred = eval_paraphrase.rule_predict(split.features, AlignConfig())
    assert set(pred) <= {0, 1}
    assert _evalkit.binary_scores(split.labels, pred)["accuracy"] >= 0.5  # the first 8 pairs: sanity, not a score


def _semeval_rows(n: int, split: str) -> list[str]:
    """``n`` made-up pair ids that ``_realdata.split_of`` puts on ``split`` (the split fit_story uses)."""
    from _realdata import split_of

    ids = (f"{i}_{i + 1}" for i in range(10_000))
    return [i for i in ids if split_of(f"semeval:{i}") == split][:n]


def test_semeval_story_model_is_scored_on_the_test_split_only() -> None:
    import eval_semeval

    def pair(pid: str, overall: float, score: float) -> dict[str, Any]:
        return {"id": pid, "overall": overall, "features": {"story_similarity": score}}

    test_ids, dev_ids = _semeval_rows(4, "test"), _semeval_rows(3, "dev")
    # test: two same-story pairs scored high, one different story low, one different story high (a false positive)
    per_pair = [pair(test_ids[0], 1.0, 0.9), pair(test_ids[1], 1.5, 0.8), pair(test_ids[2], 4.0, 0.1),
                pair(test_ids[3], 3.0, 0.95)]
    # dev pairs scored the wrong way round: they must not count
    per_pair += [pair(i, 1.0, 0.0) for i in dev_ids]
    story = eval_semeval.story_on_test({"es": {"per_pair": per_pair}}, "story-v3")
    es = story["languages"]["es"]
    assert story["split"] == "test" and es["pairs"] == 4 and es["same_story"] == 2
    cut = es["cut"]
    assert es["cut_fitted_for_language"] and 0.1 < cut < 0.8
    assert es["same_story_scores"]["recall"] == 1.0
    assert es["same_story_scores"]["precision"] == pytest.approx(2 / 3)
    assert es["goal_met"] is True
    assert story["pooled"]["pairs"] == 4


def test_render_reports_the_story_model_on_test_beside_the_unfitted_similarity() -> None:
    scores = {"precision": 0.5, "recall": 0.8, "f1": 0.6}
    results = _ok_results()
    results["semeval"] = {
        "status": "ok", "split_for_thresholds": "story model: fitted on the dev split, scored on test",
        "headline": {"pairs": 1358}, "languages": {"es": {"pearson_doc_similarity": 0.7, "left_out": {}}},
        "pooled": {"pearson_doc_similarity": 0.668, "pearson_coverage": 0.4, "same_story": scores},
        "mean_doc_similarity_by_overall": {"1.0": 0.7, "2.0": 0.6},
        "story": {"model": "story-v3", "split": "test", "languages": {
            "es": {"pairs": 200, "same_story_scores": {**scores, "precision": 0.62, "recall": 0.71}, "goal_met": True},
            "tr": {"pairs": 160, "same_story_scores": scores, "goal_met": False}},
            "pooled": {"pairs": 360, "pearson": 0.788}}}
    block = eval_all.render(results, seconds=120, when="2026-12-02", machine="test box")
    line = next(x for x in block.splitlines() if x.startswith("| Same story"))
    assert "story-v3" in line and "**test split**" in line and "**0.788**" in line
    assert "es 0.620 / 0.710" in line and "0.668" in line
    assert "r >= 0.75 pooled: **met**" in line and "(issue #17): **not met** (es of es, tr)" in line
