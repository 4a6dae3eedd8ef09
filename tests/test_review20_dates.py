"""Dates read one way everywhere (a new user's review, session 20): a date alone is its whole UTC day and a crawl
time (signal ``date_from_crawl``) only says the page was online then, in the stories' tree, the diff's reading
of "on Thursday", the report, the pages and the CLI lines, as in relate's source evidence (session 19)."""

from __future__ import annotations

from dataclasses import replace

from diff_helpers import PAD
from test_stories import art, arts, only, rel
from wiretrace import article_from_text
from wiretrace.compare import Comparer
from wiretrace.diff import diff
from wiretrace.ingest.meta import CRAWL_DATE, publication_day, reading_day
from wiretrace.records import Article
from wiretrace.report.pictures import story_marks, timeline_svg
from wiretrace.report.when import human_time, is_crawled, time_tag
from wiretrace.stories import build_stories

CRAWLED = (CRAWL_DATE,)


# -- stories ------------------------------------------------------------------------------------------------
def test_a_date_alone_does_not_place_a_pair_before_a_time_that_day() -> None:
    """Read as midnight, "2026-11-20" came before 18:00 that day and was drawn as the parent "by_date"."""
    articles = arts(art("day", date="2026-11-20"), art("timed", date="2026-11-20T18:00:00Z"))
    s = only(build_stories(articles, [rel("day", "timed", "verbatim", src=None)]))
    assert all(e.direction != "by_date" for e in s.parent.values())
    # a day before is still a day before
    articles = arts(art("day", date="2026-11-19"), art("timed", date="2026-11-20T18:00:00Z"))
    s = only(build_stories(articles, [rel("day", "timed", "verbatim", src=None)]))
    assert s.parent["timed"].parent == "day" and s.parent["timed"].direction == "by_date"


def test_a_crawl_time_orders_only_what_was_published_after_it() -> None:
    """Crawled a week after the other was published, the crawled page was drawn as the copy "by_date"; it may
    have been online all week. Crawled before the other was published, it surely came first."""
    late = arts(art("crawled", date="2026-11-27T10:00:00Z", signals=CRAWLED), art("pub", date="2026-11-20T09:00:00Z"))
    s = only(build_stories(late, [rel("crawled", "pub", "verbatim", src=None)]))
    assert all(e.direction != "by_date" for e in s.parent.values())
    early = arts(art("crawled", date="2026-11-19T10:00:00Z", signals=CRAWLED), art("pub", date="2026-11-20T09:00:00Z"))
    s = only(build_stories(early, [rel("crawled", "pub", "verbatim", src=None)]))
    assert s.parent["pub"].parent == "crawled" and s.parent["pub"].direction == "by_date"


def test_sources_a_date_alone_cannot_order_stay_a_tie() -> None:
    """Two sources the copy was taken from as closely: the date alone read as midnight was picked silently."""
    articles = arts(art("copy", date="2026-11-21"), art("day", date="2026-11-20"),
                    art("timed", date="2026-11-20T18:00:00Z"))
    relations = [rel("day", "copy", "verbatim", src="day"), rel("timed", "copy", "verbatim", src="timed"),
                 rel("day", "timed", "verbatim", src=None)]
    e = build_stories(articles, relations)[0].parent["copy"]
    assert {e.parent, *e.tied} == {"day", "timed"}


def test_a_crawl_time_is_marked_in_the_story_record() -> None:
    articles = arts(art("src", date="2026-11-20T09:00:00Z"), art("copy", date="2026-11-27T10:00:00Z", signals=CRAWLED))
    d = only(build_stories(articles, [rel("src", "copy", "verbatim", src="src")])).to_dict(articles)
    assert "date_crawled" not in d["root"]
    assert d["root"]["copies"][0]["date_crawled"] is True


# -- the diff: "on Thursday" ----------------------------------------------------------------------------------
def test_publication_day_is_no_crawl_time() -> None:
    assert publication_day(Article(id="x", text="t", date="2026-11-20T09:00:00Z")).isoformat() == "2026-11-20"
    assert publication_day(Article(id="x", text="t", date="2026-11-27T10:00:00Z", signals=CRAWLED)) is None


def test_a_weekday_is_not_read_against_a_crawl_time(lexical: Comparer) -> None:
    """The source says "on Thursday", the copy "on November 19", published Friday 20 November; the source's page
    was crawled a week later (Friday 27): read against the crawl, its Thursday was 26 November, a changed date."""
    src = article_from_text("Storm floods the coastal town of Varnholm after the river rose on Thursday." + PAD,
                            name="src")
    cp = article_from_text("Storm floods the coastal town of Varnholm after the river rose on November 19." + PAD,
                           name="copy")
    da = lexical.doc(replace(src, date="2026-11-27T10:00:00Z", signals=CRAWLED))
    db = lexical.doc(replace(cp, date="2026-11-20T08:00:00Z"))
    alignment, relation = lexical._relate(da, db)
    items = diff(da, db, alignment, replace(relation, source="a"))
    assert not [d for d in items if d.type == "date"], items
    # both pages known only by their crawls (a WARC-only corpus): the crawl day is all there is, still read by
    da, db = lexical.doc(replace(src, date="2026-11-20T10:00:00Z", signals=CRAWLED)), lexical.doc(
        replace(cp, date="2026-11-20T11:00:00Z", signals=CRAWLED))
    alignment, relation = lexical._relate(da, db)
    assert not [d for d in diff(da, db, alignment, replace(relation, source="a")) if d.type == "date"]


def test_the_day_to_read_a_weekday_by() -> None:
    crawled = Article(id="c", text="t", date="2026-11-27T10:00:00Z", signals=CRAWLED)
    published = Article(id="p", text="t", date="2026-11-20T08:00:00Z")
    undated = Article(id="u", text="t")
    assert reading_day(crawled, published).isoformat() == "2026-11-20"  # the other's publication day
    assert reading_day(published, crawled).isoformat() == "2026-11-20"
    assert reading_day(crawled, undated).isoformat() == "2026-11-27"  # a crawl only for want of a date
    assert reading_day(undated, undated) is None


# -- the report, the pages, the CLI ---------------------------------------------------------------------------
def test_a_crawl_time_is_said_as_such() -> None:
    assert human_time("2026-11-27T10:00:00Z", crawled=True) == "online by 27 Nov 2026 10:00 UTC (crawled)"
    assert human_time("2026-11-27T10:00:00Z") == "27 Nov 2026 10:00 UTC"
    tag = str(time_tag("2026-11-27T10:00:00Z", "2026-11-20T09:00:00Z", crawled=True))
    assert "online by" in tag and "after the source" not in tag
    assert "after the source" in str(time_tag("2026-11-27T10:00:00Z", "2026-11-20T09:00:00Z"))
    assert is_crawled(Article(id="x", text="t", date="2026-11-27T10:00:00Z", signals=CRAWLED))
    assert is_crawled({"date": "2026-11-27T10:00:00Z", "date_crawled": True})
    assert not is_crawled({"date": "2026-11-27T10:00:00Z"})


def test_the_timeline_marks_a_crawl_time() -> None:
    articles = arts(art("src", date="2026-11-20T09:00:00Z"), art("copy", date="2026-11-27T10:00:00Z", signals=CRAWLED))
    d = only(build_stories(articles, [rel("src", "copy", "verbatim", src="src")])).to_dict(articles)
    marks = story_marks(d)
    copy = next(m for m in marks if m.id == "copy")
    assert copy.crawled and copy.gap_s is None
    svg = timeline_svg(marks, lambda _aid: None)
    assert "crawled" in svg and "+7.0 days" not in svg


def test_the_report_pages_mark_a_crawl_time() -> None:
    from jinja2 import Environment, FileSystemLoader

    from wiretrace.report import html as report_html

    env = Environment(loader=FileSystemLoader(str(report_html.__file__).rsplit("/", 1)[0] + "/templates"),
                      autoescape=True)
    report_html.add_pictures(env, article_link=lambda _a: None, site_link=lambda _s: None)
    env.globals["pair_file"] = report_html.pair_file
    articles = arts(art("src", date="2026-11-20T09:00:00Z"), art("copy", date="2026-11-27T10:00:00Z", signals=CRAWLED))
    d = only(build_stories(articles, [rel("src", "copy", "verbatim", src="src")])).to_dict(articles)
    node = env.from_string('{% from "index.html" import node %}{{ node(n, "src", "2026-11-20T09:00:00Z") }}')
    out = node.render(n=d["root"]["copies"][0])
    assert "online by 27 Nov 2026 10:00 UTC (crawled)" in out and "after the source" not in out
