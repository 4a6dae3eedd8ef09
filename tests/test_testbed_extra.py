"""The test bed's extra dev bodies (bench/testbed.py, bench/_realdata.py; issue #19): the WMT ja-en / ru-en
English references as more dev data, on their source document's split, behind an option, test untouched."""

from __future__ import annotations

import gzip
import json
import sys
from itertools import pairwise
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))

import _realdata  # noqa: E402
import testbed  # noqa: E402

TEXT = ("The council did not approve the plan on Monday, according to the minutes of the meeting. "
        "Nearly 400 residents signed a petition organised by Halvorsen.\n\nThe mayor, Brekkestad, had promised "
        "about 3,000 new homes by 2030, officials said. The harbour has 12 berths and 40 moorings.")


class _Echo:
    """A round trip that gives the text back (no machine translation in a unit test)."""

    def translate(self, text: str, direction: str) -> str:
        return text


def _key(split: str) -> str:
    return next(k for k in (f"wmt:ru-en:doc{i}" for i in range(100)) if _realdata.split_of(k) == split)


def test_an_extra_body_sits_on_its_source_documents_split_in_its_own_groups() -> None:
    doc = _key("test")
    body = _realdata.Body(key=f"{doc}:ref-A", text=TEXT, doc=doc)
    assert body.split == "test" and body.doc_key == doc
    its = list(testbed.body_items(None, rt=_Echo(), bodies=[body], prefix="x"))  # type: ignore[arg-type]
    assert its and all(it.doc == doc and it.split == "test" and it.group.startswith("x") for it in its)
    assert {"xfarm", "xrt-edit", "xrt-plain"} <= {it.group for it in its}


def _write_wmt(root: Path, docs: list[dict[str, Any]]) -> None:
    folder = root / "wmt22-news"
    folder.mkdir()
    for pair in _realdata.WMT_PAIRS:
        rows = [d for d in docs if d["pair"] == pair]
        with gzip.open(folder / f"wmt22.{pair}.news.jsonl.gz", "wt", encoding="utf-8") as fh:
            fh.write("".join(json.dumps(r) + "\n" for r in rows))


def test_reference_bodies_are_dev_documents_only(tmp_path: Path) -> None:
    dev, test = _key("dev").rsplit(":", 1)[1], _key("test").rsplit(":", 1)[1]
    _write_wmt(tmp_path, [{"docid": d, "pair": "ru-en", "original": "текст", "references": {"A": TEXT}}
                          for d in (dev, test)])
    bodies = _realdata.reference_bodies(tmp_path, min_words=10)
    assert [(b.key, b.doc, b.split) for b in bodies] == [(f"wmt:ru-en:{dev}:ref-A", f"wmt:ru-en:{dev}", "dev")]


def test_appending_picks_keeps_the_lines_there(tmp_path: Path) -> None:
    path = tmp_path / "picks.jsonl"
    path.write_text('{"doc": "aeb:1", "number_dropped": "skip"}\n', encoding="utf-8")
    before = path.read_text(encoding="utf-8")
    bodies = [_realdata.Body(key="aeb:1", text=TEXT), _realdata.Body(key="wmt:ru-en:d:ref-A", text=TEXT, doc="x")]
    assert testbed.freeze_picks(path, bodies, rt=_Echo(), append=True) == 1  # type: ignore[arg-type]
    text = path.read_text(encoding="utf-8")
    assert text.startswith(before) and json.loads(text.splitlines()[1])["doc"] == "wmt:ru-en:d:ref-A"


CUES = ("The council did not approve the plan on Monday, according to the minutes of the meeting. Officials were "
        "pleased. Nearly 400 residents signed a petition organised by Halvorsen.\n\nThe mayor had promised about "
        "3,000 new homes by 2030, officials said. It rained. The harbour has 12 berths and 40 moorings, the director "
        "said. He may resign soon. Nobody knew. The firm reportedly lost at least $40 million. Talks were held. The "
        "ship has never sailed, said Anna Berg. The plan was expected to pass. Prices cannot rise.")


def test_cue_edits_are_far_apart_on_words_the_original_says() -> None:
    seen: set[tuple[str, str]] = set()
    for key in "abcdefgh":
        edited, edits = testbed.plant_cue_edits(CUES, key, reference=CUES)
        assert edits and len({(e["type"], e["op"], e["form"].split(" ->")[0]) for e in edits}) == len(edits)
        seen |= {(e["type"], e["op"]) for e in edits}
        for e in edits:
            assert set(e) == {"type", "op", "before", "after", "form"}
            assert e["before"] is None or e["op"] == "added" or e["before"] in CUES
            assert e["after"] is None or e["op"] == "dropped" or e["after"] in edited
        # no two edited sentences are neighbours: an untouched sentence stands between them
        old = [CUES[s:e].strip() for s, e in testbed.sentence_spans(CUES)]
        new = [edited[s:e].strip() for s, e in testbed.sentence_spans(edited)]
        changed = [k for k, (x, y) in enumerate(zip(old, new, strict=True)) if x != y]
        assert all(b - a >= 2 for a, b in pairwise(changed))
    assert {("negation", "added"), ("negation", "dropped"), ("qualifier", "added"), ("qualifier", "dropped"),
            ("qualifier", "changed"), ("attribution", "dropped"), ("attribution", "changed")} <= seen


def test_cue_edits_leave_what_the_original_does_not_say() -> None:
    # the round trip's own "never" and "at least" are not the original's: no edit drops or swaps them
    original = CUES.replace("has never sailed", "has sailed").replace("at least $40", "$40").replace(
        "may resign", "resigned")
    for key in "abcdefgh":
        _edited, edits = testbed.plant_cue_edits(CUES, key, reference=original)
        assert edits and not any(e["before"] in ("never", "at least", "may") for e in edits)


def test_cue_items_are_dev_only_in_their_own_group() -> None:
    bodies = [_realdata.Body(key=f"{_key(split)}:ref-A", text=CUES, doc=_key(split)) for split in ("dev", "test")]
    its = list(testbed.cue_items(None, rt=_Echo(), bodies=bodies))  # type: ignore[arg-type]
    assert {(it.group, it.split, it.doc) for it in its} == {("xcue", "dev", _key("dev"))}
    assert [it.id.rsplit(":", 1)[1] for it in its] == ["ab", "ba"] and its[0].edits
