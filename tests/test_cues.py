"""Cue lists (cues.py): an attribution verb that is another word (our own sentences)."""

from __future__ import annotations

import pytest

from wiretrace.cues import attribution_spans


@pytest.mark.parametrize(("text", "said"), [
    ("The Russian and Syrian claims are false, they said.", ["said"]),
    ("The page repeated debunked claims about the ferry.", []),
    ("The claims of the harbour board were rejected.", []),
    ("The harbour board claims that the ferry is safe.", ["claims"]),
    ("He claims the vote was rigged.", ["claims"]),
    ("The owner denied it and claims the boat was sold.", ["claims"]),
])
def test_claims_as_a_noun_is_no_attribution(text: str, said: list[str]) -> None:
    """"debunked claims" and "Syrian claims are false" say who claimed nothing (issue #19: real round trips,
    a dropped "claims" reported as a dropped attribution)."""
    words = [text[a:b].split(maxsplit=1)[0] for a, b in attribution_spans(text)]
    assert words == said
