"""The uncovered-language lines agree with the number of languages they name (review of session 28:
"Amharic (am) and Khmer (km) is beyond the languages of use-multilingual-v3", "1 characters")."""

from __future__ import annotations

from pathlib import Path

import pytest

from wiretrace.compare import beyond_line, unsupported_line
from wiretrace.embed import get_embedder


def test_one_language_is_and_two_are() -> None:
    use = get_embedder("use-multilingual-v3")
    e5 = get_embedder("e5-small-multilingual")
    assert beyond_line(e5, use, ["fi"]) == (
        "Embedded with e5-small-multilingual: Finnish (fi) is beyond the languages of use-multilingual-v3.")
    assert beyond_line(e5, use, ["am", "km"]).startswith(
        "Embedded with e5-small-multilingual: Amharic (am) and Khmer (km) are beyond the languages of")
    one = unsupported_line(use, ["fi"])
    assert one.startswith("Finnish (fi) is not among the") and one.endswith("covers it.")
    two = unsupported_line(use, ["fi", "et"])
    assert two.startswith("Finnish (fi) and Estonian (et) are not among the") and two.endswith("covers them.")


def test_one_character_left_is_said_in_the_singular(tmp_path: Path) -> None:
    from wiretrace.errors import InputError
    from wiretrace.ingest import read_article

    one = tmp_path / "one.txt"
    one.write_text("x\n")
    with pytest.raises(InputError, match=r"no article text found: 1 character after removing boilerplate, "):
        read_article(one)
