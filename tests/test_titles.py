"""Facts changed in a title alone, and the title diff's furniture and cost (review of session 18, findings 1, 2, 6,
7, 12, 13; issues #18 / #19). Made-up titles over the made-up STORY of test_prov_review."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, ClassVar

import pytest

from test_prov_review import STORY, _art, _rec, _rel
from wiretrace import relate as relate_module
from wiretrace.compare import CompareConfig, Comparer
from wiretrace.records import Article, DiffItem, Doc
from wiretrace.segment import Segmenter
from wiretrace.stories import build_stories


@pytest.fixture(scope="module")
def words() -> Comparer:
    return Comparer(CompareConfig(embedder=None))


def _pair(title_a: str, title_b: str, date_a: str | None = None, date_b: str | None = None, *,
          site_a: str | None = None, site_b: str | None = None) -> tuple[Article, Article]:
    return (replace(_art(STORY, "wire"), title=title_a, date=date_a, site=site_a),
            replace(_art(STORY, "reprint"), title=title_b, date=date_b, site=site_b))


@pytest.mark.parametrize(("title_a", "title_b", "change"), [
    # a fact in the last segment is headline text the other title edited, not a site's name (finding 1)
    ("Landslide cuts road to Brellmoor - 4 dead", "Landslide cuts road to Brellmoor - 5 dead",
     "changed number in the title 4 -> 5"),
    ("Landslide cuts road - 4 dead", "Landslide cuts road - 5 dead | Quayside Daily",
     "changed number in the title 4 -> 5"),
    # furniture still is: names (no word in lower case), a page, a segment one title alone has
    ("Landslide cuts road to Brellmoor - The Guardian", "Landslide cuts road to Brellmoor - The Times", None),
    ("Landslide cuts road to Brellmoor - FOX 5 Atlanta", "Landslide cuts road to Brellmoor - NBC 7 San Diego", None),
    ("Landslide cuts road to Brellmoor - 4 dead", "Landslide cuts road to Brellmoor", None),
    ("Landslide cuts road to Brellmoor - 1/3", "Landslide cuts road to Brellmoor - 2/3", None),
])
def test_a_fact_in_a_title_s_end_segment_counts_but_not_a_site_s_name(words: Comparer, title_a: str, title_b: str,
                                                                    change: str | None) -> None:
    r = words.relation(*_pair(title_a, title_b))
    if change is None:
        assert r.kind == "verbatim" and r.features["material_changes"] == 0.0, r.evidence
    else:
        assert r.kind == "edited_copy" and change in r.evidence[0]


def test_a_title_case_end_segment_edited_in_a_figure_is_headline_text(words: Comparer) -> None:
    # "- 4 Dead" / "- 5 Dead": no word in lower case, yet the same words but a figure (session 23)
    r = words.relation(*_pair("Landslide cuts road to Brellmoor - 4 Dead", "Landslide cuts road to Brellmoor - 5 Dead"))
    assert r.kind == "edited_copy" and "changed number in the title 4 -> 5" in r.evidence[0], r.evidence
    # two sites' names that differ in a figure, each naming its own site by its domain: furniture
    r = words.relation(*_pair("Landslide cuts road to Brellmoor - Channel 4 News",
                              "Landslide cuts road to Brellmoor - Channel 5 News",
                              site_a="channel4.example", site_b="channel5.example"))
    assert r.kind == "verbatim" and r.features["material_changes"] == 0.0, r.evidence
    # other words beside the figure: names, as before
    r = words.relation(*_pair("Landslide cuts road to Brellmoor - FOX 5 Atlanta",
                              "Landslide cuts road to Brellmoor - FOX 7 Austin"))
    assert r.kind == "verbatim" and r.features["material_changes"] == 0.0, r.evidence


def test_the_site_s_own_name_as_an_end_segment_is_furniture(words: Comparer) -> None:
    # an end segment with text in it that names the article's own site (domain or name) is still taken off
    r = words.relation(*_pair("Landslide cuts road - 4 dead - news of the valley",
                              "Landslide cuts road - 4 dead - news of the coast",
                              site_a="News of the Valley", site_b="newsofthecoast.example"))
    assert r.kind == "verbatim" and r.features["material_changes"] == 0.0, r.evidence


def test_a_title_date_that_is_each_page_s_own_date_is_furniture(words: Comparer) -> None:
    # "Mon 4 Mar:" / "Tue 5 Mar:" over pages dated 4 and 5 March: the page's date label (finding 2)
    titles = ("4 Mar: Landslide cuts road to Brellmoor", "5 Mar: Landslide cuts road to Brellmoor")
    r = words.relation(*_pair(*titles, "2026-03-04T08:00:00Z", "2026-03-05T07:00:00Z"))
    assert r.kind == "verbatim" and r.features["material_changes"] == 0.0, r.evidence
    r = words.relation(*_pair("Mon 4 Mar: Landslide cuts road", "Tue 5 Mar: Landslide cuts road",
                              "2026-03-04T08:00:00Z", "2026-03-05T07:00:00Z"))
    assert r.kind == "verbatim", r.evidence
    # both pages of one day: one of the titles names another day, a changed date
    r = words.relation(*_pair(*titles, "2026-03-04T08:00:00Z", "2026-03-04T09:00:00Z"))
    assert r.kind == "edited_copy" and "changed date in the title 4 Mar -> 5 Mar" in r.evidence[0]
    # no page date known: a changed date, as before
    r = words.relation(*_pair(*titles))
    assert r.kind == "edited_copy"


@pytest.mark.parametrize(("title_a", "title_b", "change"), [
    ("Road to Brellmoor will reopen by Thursday", "Road to Brellmoor will not reopen by Thursday",
     "added a negation in the title: \u201cwill not\u201d"),
    ("Road to Brellmoor will not reopen by Thursday", "Road to Brellmoor will reopen by Thursday",
     "dropped a negation in the title: \u201cwill not\u201d"),
    ("No one hurt as landslide cuts road to Brellmoor", "Two hurt as landslide cuts road to Brellmoor",
     "changed number in the title No one -> Two"),
])
def test_a_negation_added_or_dropped_in_a_title_counts(words: Comparer, title_a: str, title_b: str,
                                                       change: str) -> None:
    # finding 7: the title's diff kept only changed number / name / date
    r = words.relation(*_pair(title_a, title_b))
    assert r.kind == "edited_copy" and r.features["material_changes"] == 1.0 and change in r.evidence[0]


def test_a_name_the_diff_finds_changed_in_a_title_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    # a name swapped for an unlike one (diff's name rule) is not filtered out here
    item = DiffItem("changed", "name", "Brellmoor", "Holmvik", (23, 32), (23, 30))
    monkeypatch.setattr(relate_module, "diff", lambda *args, **kw: (item,))
    a, b = _pair("Landslide cuts road to Brellmoor", "Landslide cuts road to Holmvik")
    assert relate_module._title_changes(a, b) == ["changed name in the title Brellmoor -> Holmvik"]


class _Counting(Segmenter):
    titles: ClassVar[list[str]] = []

    def segment(self, article: Article, *args: Any, **kwargs: Any) -> Doc:
        if article.title is None and article.text.startswith("Landslide"):
            self.titles.append(article.text)
        return super().segment(article, *args, **kwargs)


def test_titles_are_segmented_by_the_comparer_s_segmenter_once() -> None:
    # finding 12: a default Segmenter, and the same title segmented again for every pair
    cmp = Comparer(CompareConfig(embedder=None))
    cmp.segmenter = _Counting()
    wire = replace(_art(STORY, "wire"), id="wire-t", title="Landslide cuts off 412 in Brellmoor")
    docs = [cmp.doc(wire), *(cmp.doc(replace(_art(STORY, "reprint"), id=f"reprint-{n}",
                                             title="Landslide cuts off 412 people in Brellmoor")) for n in range(3))]
    _Counting.titles.clear()
    for d in docs[1:]:
        assert cmp.relation(docs[0], d).kind == "verbatim"
    assert _Counting.titles.count("Landslide cuts off 412 in Brellmoor") == 1
    assert len(_Counting.titles) == 4  # the wire's title once, each reprint's once


def test_an_agency_text_of_no_known_site_put_first_is_said_so() -> None:
    # finding 6: the why line does not claim the site-less agency text is not the agency's own copy
    articles = {a.id: a for a in (_rec("aa-feed", date="2026-03-04T09:00:00Z", credit="AFP"),
                                  _rec("zz-site", site="afp.com", date="2026-03-04T09:05:00Z", credit="AFP"))}
    r = replace(_rel("aa-feed", "zz-site", "verbatim", src="aa-feed", p=0.6), features={"src_date": 0.5})
    [s] = build_stories(articles, [r])
    edge = s.parent["aa-feed"]
    assert edge.parent == "zz-site" and edge.direction == "unknown"
    assert "the other page is an agency text with no known site" in edge.why
    assert "the other page is not" not in edge.why
