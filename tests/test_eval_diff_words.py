"""bench/eval_diff.py's word counts (issue #19): false items are per 1,000 words, and a text written without
spaces (Japanese) has no words to split at spaces."""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))

import eval_diff  # noqa: E402 - a script folder, put on the path above
from _realdata import data_root  # noqa: E402


def _item(item_id: str, doc: str) -> SimpleNamespace:
    return SimpleNamespace(id=item_id, doc=doc)


def test_a_pair_of_an_unspaced_original_is_counted_by_its_documents_count() -> None:
    wmt_words = {"wmt:ja-en:d1": 320}
    japanese = "東京で新しい橋が開通した。市は三年かけて建設した。"  # our own sentence: no spaces, one piece
    assert eval_diff.words_of(_item("wmt:ja-en:d1:ref-A:ab", "wmt:ja-en:d1"), japanese, wmt_words) == 320
    assert len(japanese.split()) == 1


def test_other_pairs_count_the_words_of_their_first_side() -> None:
    text = "The new bridge opened on Monday after three years of work."
    assert eval_diff.words_of(_item("p:rt-plain:ab", "aeb:7"), text, {"wmt:ja-en:d1": 320}) == 11


def test_wmt_more_pairs_keep_their_own_count() -> None:
    eval_diff._MORE_WORDS["wmt:x:d:ref-A~mt-B:ab"] = 77
    try:
        assert eval_diff.words_of(_item("wmt:x:d:ref-A~mt-B:ab", "wmt:x:d"), "a b c", {"wmt:x:d": 5}) == 77
    finally:
        del eval_diff._MORE_WORDS["wmt:x:d:ref-A~mt-B:ab"]


def test_the_japanese_originals_are_counted_on_their_english_reference() -> None:
    if not (data_root() / "wmt22-news").is_dir():
        pytest.skip("../shared/data/wmt22-news is absent (set WIRETRACE_DATA)")
    from _realdata import wmt_docs

    words = eval_diff._wmt_words()
    japanese = [d for d in wmt_docs() if d.src_lang == "ja"]
    assert japanese and set(words) == {d.key for d in japanese}
    # whitespace pieces of the Japanese undercount the English reference's words many times over
    assert sum(words.values()) > 5 * sum(len(d.original.split()) for d in japanese)
