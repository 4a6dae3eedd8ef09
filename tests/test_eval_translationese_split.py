"""bench/eval_translationese.py: test figures are computed and printed only with ``--split test``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))

import eval_translationese  # noqa: E402


def _run(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, *argv: str) -> list[str]:
    (tmp_path / "wmt22-news").mkdir(exist_ok=True)
    calls: list[str] = []

    def study(texts: list[Any], rt_in_general: bool = False, test: bool = False) -> dict[str, Any]:
        calls.append(f"study test={test}")
        row: dict[str, Any] = {"dev_texts": {}, "test_texts": {}, "vocabulary": 1, "l2": 1.0,
                               "dev_cv": {"balanced_accuracy": 0.5, "auc": 0.5}, "top_weights": []}
        if test:
            row.update(test={"balanced_accuracy": 0.5, "auc": 0.5}, test_right_by_kind={"orig": 0.5})
        return {"languages": {"en": row}, "no_model": {}, "models": {}}

    def directions(texts: list[Any], models: dict[str, Any], split: str = "test") -> dict[str, Any]:
        calls.append(f"directions {split}")
        return {"all ref": {"pairs": 1, "right": 1.0}}

    def confounds(texts: list[Any]) -> dict[str, Any]:
        calls.append("confounds")
        return {"en": []}

    monkeypatch.setattr(eval_translationese, "data_root", lambda: tmp_path)
    monkeypatch.setattr(eval_translationese, "corpus", lambda round_trips=False: [])
    monkeypatch.setattr(eval_translationese, "study", study)
    monkeypatch.setattr(eval_translationese, "directions", directions)
    monkeypatch.setattr(eval_translationese, "confounds", confounds)
    monkeypatch.setattr(sys, "argv", ["eval_translationese.py", *argv])
    assert eval_translationese.main() == 0
    return calls


def test_dev_split_is_the_default_and_computes_and_prints_no_test_figure(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(monkeypatch, tmp_path) == ["study test=False", "directions dev"]
    out = capsys.readouterr().out
    assert "direction (dev)" in out
    assert "test:" not in out and "direction (test)" not in out


def test_test_split_computes_and_prints_the_test_figures(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(monkeypatch, tmp_path, "--split", "test") == [
        "study test=True", "directions test", "directions dev", "confounds"]
    out = capsys.readouterr().out
    assert "test: balanced acc 0.500" in out and "direction (test)" in out and "direction (dev)" in out
