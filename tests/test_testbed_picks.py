"""The test bed's frozen "figure dropped" picks (bench/testbed.py, issue #19): a later change to the number
reader must not move the planted edits, so the sentence each document's dropped figure is cut from is read
from a committed file of offsets (``testbed_picks.jsonl``), and only a document absent from it is picked live.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))

import testbed  # noqa: E402

TEXT = ("The council did not approve the plan on Monday, according to the minutes of the meeting. "
        "Nearly 400 residents signed a petition organised by Halvorsen. Halvorsen said the vote "
        "would come again in March 12.\n\nThe mayor, Brekkestad, had promised about 3,000 new homes "
        "by 2030, officials said. Brekkestad did not comment. The harbour has 12 berths and 40 moorings.")


def _plant(picks: dict[str, Any], trace: dict[str, Any] | None = None) -> tuple[str, list[dict[str, Any]]]:
    return testbed.plant_edits(TEXT, "k7", reference=TEXT, max_edits=8, picks=picks, trace=trace)


def test_a_frozen_pick_keeps_the_planted_edits_when_the_number_reader_changes(
        monkeypatch: pytest.MonkeyPatch) -> None:
    trace: dict[str, Any] = {}
    live = _plant({}, trace)
    pick = trace["number_dropped"]
    assert isinstance(pick, list) and [e for e in live[1] if e["type"] == "number" and e["op"] == "dropped"]
    assert _plant({"k7": pick}) == live  # replaying the pick is the live result
    monkeypatch.setattr(testbed, "_figures", lambda sentence: [])  # a reader that sees no figure at all
    moved = _plant({})
    assert not [e for e in moved[1] if e["type"] == "number" and e["op"] == "dropped"]  # live picking moves
    assert _plant({"k7": pick}) == live  # the frozen pick does not


def test_a_frozen_skip_plants_no_dropped_figure() -> None:
    _text, edits = _plant({"k7": "skip"})
    assert not [e for e in edits if e["type"] == "number" and e["op"] == "dropped"]


def test_a_pick_that_does_not_fit_the_text_falls_back_to_picking(capsys: pytest.CaptureFixture[str]) -> None:
    trace: dict[str, Any] = {}
    live = _plant({}, trace)
    s, e, _digest = trace["number_dropped"]
    testbed._warned.discard("k7")
    assert _plant({"k7": [s, e, "000000000000"]}) == live
    assert "does not fit" in capsys.readouterr().err


def test_the_committed_picks_hold_offsets_and_digests_only() -> None:
    picks = testbed._committed_picks()
    assert picks, "bench/testbed_picks.jsonl is missing"
    for doc, pick in picks.items():
        assert isinstance(doc, str) and ":" in doc
        assert pick in (None, "skip") or (len(pick) == 3 and pick[0] < pick[1] and len(pick[2]) == 12)
