"""compare --source: a caller who knows the source (an agency comparing its own story with a copy) names it; the diff
reads the other side as the copy, and the text's own verdict stays in the evidence."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from wiretrace.compare import CompareConfig, Comparer, with_given_source
from wiretrace.records import Relation

CORPUS = Path(__file__).resolve().parent.parent / "examples" / "corpus"
ORIGINAL, EDITED = CORPUS / "atacama-mine-rescue" / "original.txt", CORPUS / "atacama-mine-rescue" / "edited.json"


def _relation(kind: str = "edited_copy", source: str | None = "b", p: float = 0.71) -> Relation:
    return Relation(kind=kind, a_in_b=0.9, b_in_a=0.8, source=source, source_probability=p,  # type: ignore[arg-type]
                    evidence=("b carries a's dateline",), features={"src_x": 1.0}, deciders={"source": "source-v9"})


def test_a_given_source_against_the_texts_verdict_is_named_and_the_verdict_said() -> None:
    r = with_given_source(_relation(), "a")
    assert (r.source, r.source_probability, r.deciders["source"]) == ("a", 1.0, "given")
    assert r.evidence[0] == "Source given: a, so b is read as the copy; the text alone names b (p 0.71)."
    assert r.evidence[1:] == ("b carries a's dateline",) and r.features == {"src_x": 1.0}


def test_a_given_source_the_text_agrees_with_or_names_none() -> None:
    assert with_given_source(_relation(source="a", p=0.93), "a").evidence[0] == (
        "Source given: a; the text alone names a (p 0.93), the same.")
    assert with_given_source(_relation(source=None, p=0.55), "b").evidence[0] == (
        "Source given: b, so a is read as the copy; the text alone names no source (p 0.55).")


def test_articles_that_are_no_copies_keep_no_source() -> None:
    r = with_given_source(_relation(kind="same_event", source=None, p=0.5), "a")
    assert r.source is None and r.deciders == {"source": "source-v9"}
    assert r.evidence[0].startswith("Source given: a, but the two are not copies of each other (same event)")


def test_a_given_source_is_a_or_b() -> None:
    with pytest.raises(ValueError, match="'a' or 'b'"):
        with_given_source(_relation(), "c")  # type: ignore[arg-type]


def test_the_diff_follows_the_given_source() -> None:
    cmp = Comparer(CompareConfig(embedder=None))
    own = cmp.compare(ORIGINAL, EDITED)
    assert own.relation.source == "a" and own.diff  # the text names the original, and the copy changed things
    same = cmp.compare(ORIGINAL, EDITED, source="a")
    assert same.diff == own.diff and same.relation.evidence[1:] == own.relation.evidence
    flipped = cmp.compare(ORIGINAL, EDITED, source="b")
    assert flipped.relation.source == "b"
    # the edited copy b only cut the original: read the other way, what it cut is what the "copy" a added
    assert {d.op for d in own.diff} == {"dropped", "changed"}
    assert {d.op for d in flipped.diff} == {"added", "changed"}
    cut = {d.a_text for d in own.diff if d.op == "dropped"}
    assert len(cut & {d.a_text for d in flipped.diff if d.op == "added"}) >= len(cut) // 2
    assert replace(flipped.relation, source="a", source_probability=own.relation.source_probability,
                   evidence=own.relation.evidence, deciders=own.relation.deciders) == own.relation


def test_cli_compare_takes_the_source() -> None:
    run = subprocess.run([sys.executable, "-m", "wiretrace", "compare", "--lexical", "--json", "--source", "b",
                          str(ORIGINAL), str(EDITED)], capture_output=True, text=True, check=False, timeout=300)
    assert run.returncode == 0, run.stderr
    rel = json.loads(run.stdout)["relation"]
    assert rel["source"] == "b" and rel["deciders"]["source"] == "given"
    assert rel["evidence"][0].startswith("Source given: b, so a is read as the copy; the text alone names a")
    bad = subprocess.run([sys.executable, "-m", "wiretrace", "compare", "--source", "x", str(ORIGINAL), str(EDITED)],
                         capture_output=True, text=True, check=False, timeout=300)
    assert bad.returncode == 2 and "invalid choice: 'x'" in bad.stderr
