"""The real-data gate (issue #18): the test split of bench/testbed.py scored with the shipped models.

Nothing is fitted here: the models were fitted on the dev split (bench/eval_provenance.py --fit); this
runs the test split through ``wiretrace`` and fails when a figure falls under the minimum pinned in
bench/provenance_gate.json, or when the data under ../shared/data is not the data the minimums were
measured on (its digest). Skipped, saying so, where the data is absent (outside CI).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))

import _evalkit  # noqa: E402

DATA = _evalkit.data_root()


def _need_data() -> None:
    if not (DATA / "wmt22-news").is_dir() or not (DATA / "aeb").is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"CI runs the real-data gate, but {DATA} holds no wmt22-news / aeb")
        pytest.skip(f"no real data under {DATA}")


@pytest.mark.slow
def test_provenance_test_split_meets_its_gate(tmp_path: Path) -> None:
    _need_data()
    out = tmp_path / "prov.json"
    run = subprocess.run([sys.executable, str(BENCH / "eval_provenance.py"), "--split", "test", "--gate",
                          "--json", str(out)], capture_output=True, text=True, timeout=3000, check=False)
    print(run.stdout[-4000:], run.stderr[-2000:])
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["split"] == "test"
    assert result["decider"] == "source@v10"  # source-v3 + src_marks: every minimum pinned under v3 still holds


def test_split_is_by_source_document() -> None:
    import _realdata

    keys = [f"aeb:{i:04d}" for i in range(2000)]
    dev = sum(1 for k in keys if _realdata.split_of(k) == "dev") / len(keys)
    assert 0.55 < dev < 0.65  # DEV_SHARE 0.6
    assert all(_realdata.split_of(k) == _realdata.split_of(k) for k in keys[:50])


def test_planted_edits_are_recorded_where_they_are() -> None:
    import testbed

    text = ("The council did not approve the plan on Monday, according to the minutes of the meeting. "
            "Nearly 400 residents signed a petition organised by Halvorsen. Halvorsen said the vote "
            "would come again in March 12.\n\nThe mayor, Brekkestad, had promised about 3,000 new homes "
            "by 2030, officials said. Brekkestad did not comment.")
    new, edits = testbed.plant_edits(text, "k1", reference=text, max_edits=8)
    assert edits and new != text
    for e in edits:
        if e["after"] and e["type"] in ("name", "claim", "number", "date", "negation"):
            assert e["after"] in new, e
        if e["op"] == "dropped" and e["type"] in ("qualifier", "attribution"):
            assert e["before"] in text
    again, edits2 = testbed.plant_edits(text, "k1", reference=text, max_edits=8)
    assert (again, edits2) == (new, edits)  # deterministic by key


@pytest.mark.slow
def test_diff_on_the_test_split_keeps_its_figures(tmp_path: Path) -> None:
    """bench/eval_diff.py on the test split's farm copies, untouched round trips and WMT22 translations.
    Pinned under the figures of 2026-12-01 on the test bed as rebuilt in session 11 (bench/RESULTS.md, "Diff,
    session 11"; the planted edits changed with it, so earlier figures do not compare): farm copies' right
    type negation 0.929, qualifier 0.929, attribution 1.000, date 1.000, name 0.961, inserted clause 0.984,
    figure 0.924; false items per 1,000 words as of session 12 ("Diff, session 12"): rt-plain 8.10, wmt-ref
    1.98, wmt-mt 1.59. Issue #19's goals are higher; this only keeps what is there from going backwards (one
    miss of 14 negations or qualifiers is 0.07, hence the margins)."""
    _need_data()
    out = tmp_path / "diff.json"
    run = subprocess.run([sys.executable, str(BENCH / "eval_diff.py"), "--split", "test", "--groups",
                          "farm,rt-plain,wmt-ref,wmt-mt", "--json", str(out)], capture_output=True, text=True,
                         timeout=3000, check=False)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    res = json.loads(out.read_text(encoding="utf-8"))
    right = {t: row["right_type"] for t, row in res["by_type"].items()}
    # qualifier 0.85 -> 0.9: 28 of 28 on test (farm + rt-edit) since the cue-edit helper's qualifier rules (17:06 UTC)
    assert right["negation"] >= 0.85 and right["qualifier"] >= 0.9 and right["attribution"] >= 0.9, right
    assert right["date"] >= 0.95 and right["name"] >= 0.93, right
    # number 0.981 on test since issue #19's quoted-figure decision (session 14, bench/RESULTS.md)
    assert right["claim"] >= 0.93 and right["number"] >= 0.95, right
    false = {g: row["per_1000_words"] for g, row in res["false_items"].items()}
    # issue #19, helper sessions of 2026-12-01 (bench/RESULTS.md): rt-plain 7.74, wmt-ref 1.90, wmt-mt 1.49;
    # session 13's second helper: 7.72, 1.81, 1.44; the extra-dev-data helper (13:50 UTC): 7.50, 1.81, 1.44;
    # the cross-language-figures helper (14:54 UTC, after 5022ed3): 7.36, 1.52, 1.15; session 16, the review fixes
    # that stop hiding real figure changes (bench/RESULTS.md, "Diff, session 16"): 7.39, 1.69, 1.20; session 21
    # (Portuguese figures): 7.31, 1.56, 1.12. WMT22's texts are fixed, so their bounds sit close; rt-plain's round
    # trips are translated afresh on each machine, so its bound keeps room. Session 24: ja-en's pairs are counted on
    # their English reference's words (eval_diff.words_of; the Japanese split at spaces was 427 "words" for 17
    # documents), so the same 36 / 41 items read 1.25 / 0.85 (were 1.52 / 1.07).
    assert false["rt-plain"] <= 8.1 and false["wmt-ref"] <= 1.35 and false["wmt-mt"] <= 0.95, false
