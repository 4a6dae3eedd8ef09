"""A site name trafilatura makes up is the page's host (review of session 24, F12): a Twitter account read
where the page gives no og:site_name ("@Wday_" -> "Wday_"), and the host's own label in lower case
capitalised ("nj" -> "Nj"). Made-up pages and hosts only (trafilatura reads no host of a
".example" URL, so the pages' hosts end ".com"; nothing is fetched)."""

from __future__ import annotations

import pytest

from wiretrace.ingest import article_from_bytes
from wiretrace.ingest.html import site_name

BODY = "".join(
    f"<p>The harbour authority approved the new ferry timetable on Tuesday after a long meeting, paragraph {i}, "
    "and members argued about the cost of pier repairs and the night crossings.</p>" for i in range(4))


def _page(meta: str, title: str = "Harbour board approves ferry timetable") -> bytes:
    return (f"<html><head><title>{title}</title>{meta}</head><body><article><h1>{title}</h1>{BODY}"
            "</article></body></html>").encode()


@pytest.mark.parametrize(("name", "host", "meta", "want"), [
    ("Harbourpost_", "www.harbourpost.example", {"twitter:site": "@Harbourpost_"}, "harbourpost.example"),
    ("Hp", "hp.example", {"og:site_name": "hp"}, "hp.example"),
    ("Harbour Post", "harbourpost.example", {"og:site_name": "harbour post"}, "harbourpost.example"),
    # a name the page wrote so stays
    ("Harbour Post", "harbourpost.example", {"og:site_name": "Harbour Post", "twitter:site": "@hp"}, "Harbour Post"),
    ("Harbourpost", "harbourpost.example", {"og:site_name": "Harbourpost"}, "Harbourpost"),
    ("Harbourpost_", "harbourpost.example", {"og:site_name": "Harbourpost_", "twitter:site": "@x"}, "Harbourpost_"),
    # lower case, but not the host's label: trafilatura's capitals are kept
    ("Quay News", "harbourpost.example", {"og:site_name": "quay news"}, "Quay News"),
    # no meta tags given: as before
    ("Hp", "hp.example", None, "Hp"),
    (None, "hp.example", {"twitter:site": "@hp"}, "hp.example"),
])
def test_made_up_site_names_are_the_host(name: str | None, host: str, meta: dict[str, str] | None, want: str) -> None:
    assert site_name(name, host, meta) == want


def test_a_twitter_handle_page_is_named_by_its_host() -> None:
    page = _page('<meta name="twitter:site" content="@HarbourpostDaily_">')
    a = article_from_bytes(page, name="p.html", fmt="html", url="https://www.harbourpost-daily.com/ferry")
    assert a.site == "harbourpost-daily.com"


def test_a_lower_case_site_name_suffix_still_leaves_the_title() -> None:
    title = "Harbour board approves ferry timetable"
    page = _page('<meta property="og:site_name" content="hpdaily">', title=f"{title} | hpdaily")
    a = article_from_bytes(page, name="p.html", fmt="html", url="https://www.hpdaily.com/ferry")
    assert (a.site, a.title) == ("hpdaily.com", title)
