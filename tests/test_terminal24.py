"""The terminal's compare view of two unrelated articles (review, session 24): no side by side of every sentence."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from wiretrace.compare import CompareConfig, Comparer
from wiretrace.report.terminal import render_comparison

STORY = Path(__file__).resolve().parent.parent / "examples" / "corpus" / "atacama-mine-rescue"


def _printed(a: Path, b: Path) -> str:
    c = Comparer(CompareConfig(embedder=None)).compare(a, b)
    console = Console(record=True, width=140)
    render_comparison(c, console)
    return console.export_text()


def test_an_unrelated_pair_with_nothing_aligned_prints_no_row_per_sentence() -> None:
    c = Comparer(CompareConfig(embedder=None)).compare(STORY / "original.txt", STORY / "unrelated.json")
    assert c.relation.kind == "unrelated" and not c.alignment.pairs
    out = _printed(STORY / "original.txt", STORY / "unrelated.json")
    assert (f"nothing aligns, so no side by side: a has {len(c.a_sentences)} sentences, b {len(c.b_sentences)}"
            in out)
    assert "dropped" not in out and "added" not in out


def test_a_copy_keeps_its_side_by_side() -> None:
    out = _printed(STORY / "original.txt", STORY / "edited.json")
    assert "nothing aligns" not in out and "dropped" in out


def test_an_untitled_row_quotes_the_start_of_its_text() -> None:
    # review, session 24 (F9): 17 rows of one story read "(no title) | - | - | <id>"
    from wiretrace import article_from_text
    from wiretrace.cli import shown_title

    text = "The harbour board approved the new ferry timetable on Tuesday after a long meeting. " * 3
    a = article_from_text(text, name="a.txt")
    assert shown_title("Ferry timetable", a) == "Ferry timetable"
    assert shown_title(None, a) == "(no title) “The harbour board approved the new ferry…”"
    zh = article_from_text("港口管理局周二批准了新的渡轮时刻表。" * 12, name="zh.txt")
    assert shown_title(None, zh) == f"(no title) “{zh.text[:20]}…”"  # a wide character fills two columns
    assert shown_title(None, None) == "(no title)"
