"""Date reading (segment/dates.py): words that look like a date and are none (our own sentences)."""

from __future__ import annotations

import pytest

from wiretrace.segment.dates import find_dates


def keys(text: str, language: str) -> list[str]:
    return [k for _s, _e, k in find_dates(text, language)]


@pytest.mark.parametrize(("text", "language", "expected"), [
    ("Children aged 12-18 may be given the vaccine at the harbour clinic.", "en", []),  # the verb "may"
    ("The ferry sails on 18 May from the northern quay.", "en", ["md:5-18"]),
    ("The ferry sails on May 18 from the northern quay.", "en", ["md:5-18"]),
    ("Boats may 5 times a day leave the quay.", "en", []),
    ("The ferry sailed on 18 may 2021, the log says.", "en", ["ymd:2021-05-18"]),  # a year makes it a date
])
def test_may_in_lower_case_beside_a_figure_is_the_verb(text: str, language: str, expected: list[str]) -> None:
    """"aged 12-18 may be" is no 18 May (issue #19: a round trip's sentence read as an added date)."""
    assert keys(text, language) == expected


@pytest.mark.parametrize(("text", "language", "expected"), [
    ("Drei Menschen wurden wegen Covid-19 am Samstag ins Krankenhaus gebracht.", "de", ["wd:5"]),
    ("Die Fähre legt um 10 Uhr am Kai ab.", "de", ["t:10:00"]),
    ("The ferry leaves at 10 am from the quay.", "en", ["t:10:00"]),
    ("Die Fähre legt um 10 a.m. ab.", "de", ["t:10:00"]),
])
def test_german_am_is_no_time_of_day(text: str, language: str, expected: list[str]) -> None:
    """German "am" is "on the" ("am Samstag"), not "a.m.": "Covid-19 am Samstag" holds no 19:00 (issue #19:
    WMT22 dev, an added date in a German translation)."""
    assert keys(text, language) == expected


@pytest.mark.parametrize(("text", "language", "expected"), [
    ("Bis heute hat die Reederei keinen Ersatz gefunden.", "de", []),
    ("Die Fähre fährt heute nicht.", "de", ["rel:0"]),
    ("Até hoje a empresa não encontrou outro barco.", "pt", []),
    ("Until today, the company had found no other boat.", "en", []),
    ("The company found another boat today.", "en", ["rel:0"]),
])
def test_up_to_today_is_so_far_and_no_date(text: str, language: str, expected: list[str]) -> None:
    """"Bis heute" is "so far", what French says as "à ce jour" (no date either): not today's date (issue #19:
    WMT22 dev, "Bis heute" / "À ce jour" reported as an added date)."""
    assert keys(text, language) == expected
