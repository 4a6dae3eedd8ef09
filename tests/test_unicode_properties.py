"""Segment, compare and index never raise on arbitrary Unicode text (issue #17, item 5).

Hypothesis draws texts from the month, weekday and number words of every language dateparser and
num2words know (where the Polish weekday "sali" once raised KeyError in our date reader), mixed with
digits, punctuation of many scripts and arbitrary characters. A text may be refused (a clear
``InputError``: too short, not prose); anything else raised is a defect.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from wiretrace import article_from_text
from wiretrace.compare import CompareConfig, Comparer
from wiretrace.errors import InputError


@functools.cache
def calendar_and_number_words() -> tuple[str, ...]:
    """Month and weekday words of every dateparser locale, and number words of every num2words language."""
    import num2words
    from dateparser.languages.loader import default_loader

    words: set[str] = set()
    keys = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
            "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
            "ago", "in", "am", "pm")
    for locale in default_loader.get_locale_map().values():
        for key in keys:
            for w in locale.info.get(key, ()):
                if isinstance(w, str) and w.strip():
                    words.add(w)
    for lang in num2words.CONVERTER_CLASSES:
        for n in (1, 7, 21, 300, 4800, 1_000_000):
            try:
                words.add(num2words.num2words(n, lang=lang))
            except (NotImplementedError, OverflowError, TypeError, ValueError, AttributeError, KeyError):
                continue  # a converter without this number: nothing to draw
    # Upper-case and unaccented forms too: "SALI" (Polish, upper-cased) folds onto Turkish "salı".
    words |= {w.upper() for w in words} | {_unaccent(w) for w in words}
    return tuple(sorted(words))


def _unaccent(w: str) -> str:
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", w.replace("ı", "i")) if not unicodedata.combining(c))


def test_the_vocabulary_holds_the_words_that_once_crashed() -> None:
    words = calendar_and_number_words()
    assert len(words) > 3000
    assert {"sali", "SALI", "salı"} <= set(words)


PUNCT = (
    "。", "、", "！", "？", "．", "؟", "।", "॥", "።", "։", "…", "«", "»", "„", "“", "”", "–", "—", ".", ",", ":", "(",
    ")", "\t", "\u200b", "\u00a0", "\u202e", "\ufeff",
)
ENDS = (".", "。", "!", "?", "؟", "।", "…", "")
word = st.one_of(
    st.sampled_from(calendar_and_number_words()),
    st.sampled_from(calendar_and_number_words()),
    st.sampled_from(calendar_and_number_words()),
    st.sampled_from(PUNCT),
    st.integers(min_value=-10**12, max_value=10**12).map(str),
    st.text(min_size=1, max_size=8),
)
sentence = st.tuples(st.lists(word, min_size=4, max_size=16), st.sampled_from(ENDS)).map(
    lambda t: " ".join(t[0]) + t[1])
paragraph = st.lists(sentence, min_size=1, max_size=4).map(" ".join)
texts = st.lists(paragraph, min_size=3, max_size=10).map("\n\n".join)


@pytest.fixture(scope="module")
def lexical_cmp() -> Comparer:
    return Comparer(CompareConfig(embedder=None))


def _article(text: str, name: str):  # type: ignore[no-untyped-def]
    try:
        return article_from_text(text, name=name)
    except InputError as exc:  # a clear refusal names the input and the reason
        assert exc.reason and name in str(exc)
        return None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(texts, texts)
def test_segment_and_compare_never_raise(lexical_cmp: Comparer, x: str, y: str) -> None:
    a, b = _article(x, "x.txt"), _article(y, "y.txt")
    event("accepted" if a is not None and b is not None else "refused")
    for art in (a, b):
        if art is not None:
            doc = lexical_cmp.doc(art)
            for s in doc.sentences:  # offsets point into the text
                assert 0 <= s.start <= s.end <= len(art.text)
    if a is not None and b is not None:
        c = lexical_cmp.compare(a, b)
        assert 0.0 <= c.relation.a_in_b <= 1.0 and 0.0 <= c.relation.b_in_a <= 1.0


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(st.lists(texts, min_size=2, max_size=5))
def test_index_never_raises(tmp_path_factory: pytest.TempPathFactory, batch: list[str]) -> None:
    from wiretrace.engines.local import IndexConfig, index

    d = tmp_path_factory.mktemp("uni")
    for i, t in enumerate(batch):  # each file shares some text with the others, so pairs get compared
        Path(d / f"{i}.txt").write_text(t + "\n\n" + batch[0], encoding="utf-8")
    report = index([str(d)], db=str(d / "x.db"), cfg=IndexConfig(workers=1, compare=CompareConfig(embedder=None)))
    # Every file is stored, refused with a reason, or the same text as one stored (one article).
    assert report.records == len(batch)
    assert 1 <= report.new_articles + len(report.rejects) <= report.records
    assert all(why for _path, _rec, why in report.rejects)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(texts, texts)
def test_compare_with_the_embedder_never_raises(comparer: Comparer, x: str, y: str) -> None:
    a, b = _article(x, "x.txt"), _article(y, "y.txt")
    if a is not None and b is not None:
        c = comparer.compare(a, b)
        assert c.relation.kind in ("verbatim", "edited_copy", "rewrite", "translation", "same_event", "unrelated")
