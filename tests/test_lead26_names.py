"""How a sibling line names an article (stories._name): as the pages do. Made-up articles only."""

from __future__ import annotations

from wiretrace.records import Article
from wiretrace.stories import _name


def _article(**kw: object) -> Article:
    base = {"id": "a1b2c3d4e5f60718", "url": None, "title": "Harbour board approves the new ferry timetable",
            "text": "The harbour board approved the timetable on Monday.", "language": "en"}
    return Article(**{**base, **kw})  # type: ignore[arg-type]


def test_an_agency_copy_without_a_site_is_named_as_the_pages_name_it() -> None:
    a = _article(credit="AFP")
    assert _name(a.id, {a.id: a}) == "AFP (wire) #a1b2c3d4"


def test_a_site_wins_and_neither_gives_the_title() -> None:
    a = _article(site="paper.example", credit="AFP")
    assert _name(a.id, {a.id: a}) == "paper.example #a1b2c3d4"
    b = _article()
    assert _name(b.id, {b.id: b}) == "“Harbour board approves the new ferry…” #a1b2c3d4"
    assert _name("ffffffffffffffff", {}) == "#ffffffff"
