"""bench/eval_diff.py's hand labels of false items (issue #19): the invented figure, and no text in the labels."""

from __future__ import annotations

import json
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))

import eval_diff  # noqa: E402 - a script folder, put on the path above


def _item(k: int) -> dict[str, object]:
    return {"op": "dropped", "type": "other", "a_span": [k, k + 5], "b_span": None, "material": True,
            "a_text": "x", "b_text": None}


def test_invented_per_1000_words_is_the_all_items_figure_times_the_labelled_invented_share() -> None:
    items = [_item(10 * k) for k in range(200)]
    rec = {"id": "p:rt-plain:ab", "group": "rt-plain", "edits": [], "words": 10_000, "diff": items}
    sample = [d for d in items if eval_diff.in_sample(eval_diff.item_key("p:rt-plain:ab", d))]
    assert 0 < len(sample) < len(items)  # a fixed share, not all
    labels = {eval_diff.item_key("p:rt-plain:ab", d): {"label": "invented" if k % 2 else "real"}
              for k, d in enumerate(sample[:-1])}  # the last one left unlabelled
    row = eval_diff.labelled([rec], labels)["rt-plain"]
    done = len(sample) - 1
    assert row["unlabelled"] == 1 and row["invented"] + row["real"] == done
    assert row["per_1000_words"] == 20.0
    assert abs(row["invented_per_1000_words"] - 20.0 * row["invented"] / done) < 1e-9


def test_the_label_file_holds_ids_spans_and_judgments_only() -> None:
    """Never the news text: a label line names its item by pair id and spans, and says why in its own words."""
    if not eval_diff.LABELS.is_file():
        return
    for line in eval_diff.LABELS.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        assert set(row) == {"split", "pair", "op", "type", "a_span", "b_span", "label", "reason"}, row
        assert row["label"] in ("invented", "real") and row["split"] in ("dev", "test"), row
        assert 0 < len(row["reason"]) <= 120, row
