"""Cue lists (cues.py): an attribution verb that is another word (our own sentences)."""

from __future__ import annotations

import pytest

from wiretrace.cues import attribution_spans, cue_words, negations


@pytest.mark.parametrize(("text", "said"), [
    ("The Russian and Syrian claims are false, they said.", ["said"]),
    ("The page repeated debunked claims about the ferry.", []),
    ("The claims of the harbour board were rejected.", []),
    ("The harbour board claims that the ferry is safe.", ["claims"]),
    ("He claims the vote was rigged.", ["claims"]),
    ("The owner denied it and claims the boat was sold.", ["claims"]),
    # review finding 5: a name or participle ending in "-ed", and "claims about", are the verb
    ("Fred claims the vote was rigged.", ["claims"]),
    ("Ahmed claims the harbour fees were raised in secret.", ["claims"]),
    ("The man arrested claims he was at home.", ["claims"]),
    ("The mayor claims about 400 boats were sold.", ["claims"]),
])
def test_claims_as_a_noun_is_no_attribution(text: str, said: list[str]) -> None:
    """"debunked claims" and "Syrian claims are false" say who claimed nothing (issue #19: real round trips,
    a dropped "claims" reported as a dropped attribution)."""
    words = [text[a:b].split(maxsplit=1)[0] for a, b in attribution_spans(text)]
    assert words == said


@pytest.mark.parametrize(("text", "negs"), [
    ("The ferry is no longer in service.", ["no"]),
    ("No one knew where the ferry was.", ["no"]),
    ("The ferry had no engine.", []),
    ("Passengers wait no longer than 72 hours.", []),  # "no" before a noun: a translation garbles prepositions into it
    ("The ferry isn't running and never will.", ["not", "never"]),
])
def test_no_longer_and_no_one_are_negations(text: str, negs: list[str]) -> None:
    """"is no longer" / "no one" deny as "is not" / "nobody" do (issue #19: an added "no longer" was no item); read
    so only with ``no_longer`` (the diff's ``no_longer_negation``, off by default)."""
    assert [w for w, _a, _b in negations(cue_words(text), no_longer=True)] == negs
    assert [w for w, _a, _b in negations(cue_words(text))] == [w for w in negs if w != "no"]


@pytest.mark.parametrize(("text", "negs"), [
    ("Cargo could land on the moon no longer next year.", []),  # a garble of "as early as next year"
    ("The price of Black Friday no longer Thermostat is live.", []),
    ("The board decided to no longer consider the route.", ["no"]),
    ("They no longer run the night ferry.", ["no"]),
    ("The ferries were no longer running.", ["no"]),
])
def test_no_longer_is_a_negation_only_after_an_auxiliary_to_or_a_pronoun(text: str, negs: list[str]) -> None:
    """Task 19n: a translation's garbled "no longer" stands after a noun; a denial after "is", "to" or "they"."""
    assert [w for w, _a, _b in negations(cue_words(text), no_longer=True)] == negs
