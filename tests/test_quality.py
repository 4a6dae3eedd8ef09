"""The quality gate: wiretrace on the example corpus must stay at least this right (STYLE 12)."""

from __future__ import annotations

from pathlib import Path

import pytest

from wiretrace.compare import CompareConfig
from wiretrace.evaluate import EvalReport, evaluate

CORPUS = Path(__file__).parent.parent / "examples" / "corpus"

# Pinned minimums: raise them when wiretrace gets better, never lower them to make a change pass.
MIN_RELATION_ACCURACY = 0.90
MIN_SOURCE_ACCURACY = 0.95
MIN_PLANTED_RECALL = 1.0
# Changes planted in machine-translated farm copies (translated-farm.html): first measured at 0.90 (36/40),
# 0.95 (38/40) since a dropped and an added figure are one changed figure only when their units agree
# ("some 50 meters" dropped and "36 Pulten" added in one German sentence were one change, two misses).
# 0.975 (39/40) since the pieces of a quotation are embedded one by one (a quote sentence dropped inside
# a kept sentence). Still missed: a French comment that uses no cue word.
MIN_CROSS_LANGUAGE_PLANTED_RECALL = 0.975


@pytest.fixture(scope="module")
def report() -> EvalReport:
    return evaluate(CORPUS, cfg=CompareConfig())


@pytest.mark.slow
def test_relation_accuracy(report: EvalReport) -> None:
    wrong = [f"{p.a} vs {p.b}: {p.kind} (true {p.true_kind})" for p in report.pairs if not p.kind_ok]
    assert report.relation_accuracy >= MIN_RELATION_ACCURACY, wrong


@pytest.mark.slow
def test_source_accuracy(report: EvalReport) -> None:
    wrong = [f"{p.a} vs {p.b}: {p.source} (true {p.true_source})" for p in report.pairs
             if p.true_source and not p.source_ok]
    assert report.source_accuracy >= MIN_SOURCE_ACCURACY, wrong


def _recall(report: EvalReport, *, cross_language: bool) -> tuple[float, list[str]]:
    planted = [p for p in report.planted if ("translated-farm" in p.copy) == cross_language]
    assert planted
    missed = [f"{p.copy}: {p.op} {p.type} {p.source_text!r} -> {p.copy_text!r} ({p.reported_as})"
              for p in planted if not p.found]
    return 1 - len(missed) / len(planted), missed


@pytest.mark.slow
def test_every_planted_change_found(report: EvalReport) -> None:
    recall, missed = _recall(report, cross_language=False)
    assert recall >= MIN_PLANTED_RECALL, missed


@pytest.mark.slow
def test_planted_changes_found_across_languages(report: EvalReport) -> None:
    recall, missed = _recall(report, cross_language=True)
    assert recall >= MIN_CROSS_LANGUAGE_PLANTED_RECALL, missed


@pytest.mark.slow
def test_cross_language_versions_related_right(report: EvalReport) -> None:
    """Every translated farm copy is a translation of its original (source named), every local report in
    another language the same event, never a copy."""
    seen = {"translated-farm": 0, "local-report": 0}
    for p in report.pairs:
        other = p.a if "original" not in p.a else p.b
        stem = Path(other).stem
        if stem in seen:
            seen[stem] += 1
            assert p.kind == p.true_kind, (p.a, p.b, p.kind)
            assert p.source == p.true_source, (p.a, p.b, p.source)
    assert seen == {"translated-farm": 8, "local-report": 8}


@pytest.mark.slow
def test_format_only_differences_not_flagged(report: EvalReport) -> None:
    assert report.false_changes == []


def test_corpus_covers_every_version() -> None:
    stories = [d for d in CORPUS.iterdir() if d.is_dir()]
    assert len(stories) >= 8
    for story in stories:
        names = {p.stem for p in story.iterdir()}
        assert {"original", "reprint", "edited", "rewrite", "independent", "unrelated", "farm",
                "translation", "translated-farm", "local-report"} <= names, story.name
    suffixes = {p.suffix for p in CORPUS.rglob("*") if p.is_file()}
    assert {".html", ".txt", ".json"} <= suffixes
