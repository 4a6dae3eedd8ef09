"""Review of session 28: an Amharic article crashed segment (num2words' Amharic cannot say 1100-1900)."""

from __future__ import annotations

from pathlib import Path

import pytest

from wiretrace.cli import main
from wiretrace.ingest import article_from_text
from wiretrace.segment import Segmenter
from wiretrace.segment.numbers import NumberWords

#: Made-up Amharic prose (a ferry terminal opens in March), long enough to be an article.
AMHARIC = ("የፖርትቫሌ ወደብ ባለስልጣናት ማክሰኞ እንደተናገሩት አዲሱ የጀልባ ተርሚናል በመጋቢት ወር ይከፈታል። "
           "ፕሮጀክቱ 42 ሚሊዮን ዩሮ ወጪ የተደረገበት ሲሆን በቀን 3,000 መንገደኞችን ያስተናግዳል ብለዋል። "
           "ከንቲባዋ ፕሮጀክቱ በአውሎ ነፋስ ምክንያት ሁለት ጊዜ መዘግየቱን ተናግረዋል።")


def test_amharic_number_words_build_without_the_numbers_num2words_cannot_say() -> None:
    words = NumberWords.build("am")  # num2words(1100, lang="am") raises TypeError inside num2words
    assert words.value_of("ሁለት") == 2  # two
    assert words.value_of("ሁለት መቶ") == 200
    assert 1100 not in words.words.values()


def test_an_amharic_article_is_segmented() -> None:
    article = article_from_text(AMHARIC, name="am.txt")
    assert article.language == "am"
    doc = Segmenter().segment(article)
    assert len(doc.sentences) == 3


def test_compare_of_two_amharic_files_is_no_internal_error(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(AMHARIC)
    b.write_text(AMHARIC.replace("42", "43"))
    assert main(["compare", "--lexical", str(a), str(b)]) == 0
    assert "internal error" not in capsys.readouterr().err
