"""One reading of "which word list stands for this language" for ingest, segment and locales (``wordlists``)."""

from __future__ import annotations

import pytest

from wiretrace.ingest import decode
from wiretrace.locales import _rare
from wiretrace.wordlists import wordfreq_language


def test_a_close_list_stands_for_a_language_a_far_one_does_not() -> None:
    assert wordfreq_language("no") == "nb"  # Norwegian reads Bokmål
    assert wordfreq_language("hr") == "sh"
    assert wordfreq_language("en") == "en"
    assert wordfreq_language("mt") is None  # Maltese is not English
    assert wordfreq_language("eu") is None  # Basque is not Spanish
    assert wordfreq_language("not a tag!") is None


def test_decoding_by_words_reads_a_language_through_its_close_list(monkeypatch: pytest.MonkeyPatch) -> None:
    import py3langid

    asked: list[str] = []

    def commoner(other: str, pick: str, lang: str, zipf: object) -> bool:
        asked.append(lang)
        return False

    monkeypatch.setattr(decode, "_commoner", commoner)
    monkeypatch.setattr(py3langid, "classify", lambda text: ("no", 1.0))
    assert decode._by_words("Bystyret vedtok planen.", ["Bystyret vedtok planen?"]) == "Bystyret vedtok planen."
    assert asked == ["nb"]  # before: "no" is not one of wordfreq's tags, so the words were never asked
    monkeypatch.setattr(py3langid, "classify", lambda text: ("mt", 1.0))
    asked.clear()
    decode._by_words("Il-gvern qal.", ["Il-gvern qal?"])
    assert asked == []  # no list: the guess stands


def test_a_romanised_name_check_needs_a_word_list() -> None:
    assert _rare(2.0) and not _rare(5.0)
    assert not _rare(None)  # a language with no list cannot say a word is rare
