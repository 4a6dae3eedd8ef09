"""The real-data test bed's own rules (bench/testbed.py), which decide what counts as a planted edit.

A wrong rule here moves every figure of issues #18 and #19, so each fix of session 11 has a test: the
sentences come from wiretrace's splitter per paragraph, a figure is one as the segmenter reads it, an
edit is planted only where the original says what it changes, and a misspelling changes the word.
"""

from __future__ import annotations

import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))

import testbed  # noqa: E402


def _sentences(text: str) -> list[str]:
    return [text[s:e].strip() for s, e in testbed.sentence_spans(text)]


def test_sentences_are_not_cut_at_decimals_times_or_abbreviations() -> None:
    text = ("The fund lost $8.5 million by 4:14 p.m. on Friday. Rep. Halvorsen asked why.\n\n"
            "A second paragraph starts here. It ends here.")
    assert _sentences(text) == ["The fund lost $8.5 million by 4:14 p.m. on Friday.", "Rep. Halvorsen asked why.",
                                "A second paragraph starts here.", "It ends here."]


def test_no_sentence_spans_a_paragraph_break() -> None:
    text = "A heading without a stop\n\nThe body begins. It goes on"
    spans = testbed.sentence_spans(text)
    assert all("\n\n" not in text[s:e] for s, e in spans)
    assert text[spans[0][0]:spans[0][1]] == "A heading without a stop"


def test_figures_leave_out_dates_times_and_code_names() -> None:
    assert testbed._figures("The council spent 3,000 euros on 12 March at 10:30.") == ["3,000"]
    assert testbed._figures("Prices rose 4.5% to $1.2 billion, up from about 900 million.") == [
        "4.5", "1.2 billion", "900 million"]
    assert testbed._figures("Cases of COVID-19 rose on the Pixel 3a and in the Fortune 500.") == []


def test_a_clause_never_splits_a_name_from_its_possessive_or_enters_a_quotation() -> None:
    assert testbed._claim_at("Then Stadia’s chief left.") is None
    assert testbed._claim_at('He said "Marlow will win" and left.') is None
    at = testbed._claim_at("Then Marlow left the room.")
    assert at is not None and "Then Marlow left the room."[:at] == "Then Marlow"


def test_a_qualifier_or_negation_counts_only_with_what_it_changes() -> None:
    import re

    text = "About 400 people came, about the plan. They did not respond."
    quals = [testbed._in_context(text, m, "qualifier") for m in re.finditer(r"\b[Aa]bout\b", text)]
    assert quals[0] == "About 400" and quals[1].endswith("\x00")  # "about the plan" has no figure
    m = re.search(r"did not", text)
    assert m is not None and testbed._in_context(text, m, "negation") == "did not respond"


def test_a_misspelling_always_changes_the_name() -> None:
    for name in ("Annalena", "Kowalczyk", "Halvorsen", "Otto", "Brekkestad"):
        for seed in range(20):
            wrong = testbed._misspell(name, testbed._Rng(f"{name}{seed}"))
            assert wrong != name and len(wrong) >= len(name) - 1, (name, wrong)
