"""The source by dates: a date alone is a whole day, a crawl time only an upper bound on publication (user review
H3); translationese lines say what was measured (M3). Our own made-up texts."""

from __future__ import annotations

import dataclasses

import pytest

from wiretrace import article_from_text
from wiretrace.compare import Comparer
from wiretrace.decide import Decision
from wiretrace.ingest import article_from_raw, article_from_record
from wiretrace.ingest.meta import CRAWL_DATE, publication_span, published_before
from wiretrace.ingest.sources import RawRecord
from wiretrace.records import Article
from wiretrace.relate import direction_features, source_evidence

BODY = ("Heavy rain flooded the harbour town of Selvik on Thursday, forcing about 900 residents to leave their "
        "homes, the regional emergency office said.\n\nThe river Orna rose 2.8 metres in ten hours, its highest "
        "level since 1979, according to the office's spokesman Halvard Moe.\n\nTwo bridges were closed and "
        "trains to the capital were stopped until Saturday, the rail operator said.")
HTML = (f"<html><head><title>Storm floods Selvik</title></head><body><article><h1>Storm floods Selvik</h1>"
        f"{''.join(f'<p>{p}</p>' for p in BODY.split(chr(10) * 2))}</article></body></html>")


def _dated(name: str, date: str | None, *, crawled: bool = False) -> Article:
    art = article_from_text(BODY, name=name)
    return dataclasses.replace(art, date=date, signals=(CRAWL_DATE,) if crawled else ())


def _src_date(lexical: Comparer, a: Article, b: Article) -> tuple[float | None, list[str]]:
    r = lexical.relation(a, b)
    return r.features.get("src_date"), list(r.evidence)


# --- H3a: a date alone is a whole day ---------------------------------------------------------------------------

def test_a_date_alone_is_its_whole_day() -> None:
    day, time = publication_span("2026-11-20"), publication_span("2026-11-20T18:00:00Z")
    assert day is not None and time is not None
    assert time[0] == time[1] and day[0] is not None and (day[1] - day[0]).total_seconds() > 86399
    assert published_before(day, time) is None and published_before(time, day) is None  # the same day
    earlier = publication_span("2026-11-19")
    assert earlier is not None and published_before(earlier, time) == pytest.approx(18.0, abs=1e-3)


def test_a_date_alone_against_a_time_that_day_says_nothing(lexical: Comparer) -> None:
    # HEAD: "2026-11-20" read as 00:00 UTC, "published 18.0 h before", source named at p 0.95
    value, evidence = _src_date(lexical, _dated("a", "2026-11-20T18:00:00Z"), _dated("b", "2026-11-20"))
    assert value is None and not any("published" in line for line in evidence)


def test_dates_alone_on_different_days_give_the_day_gap(lexical: Comparer) -> None:
    value, evidence = _src_date(lexical, _dated("a", "2026-11-22"), _dated("b", "2026-11-20"))
    assert value == pytest.approx(-1.0)  # two days apart: a full day surely between them
    assert any(line.startswith("#") and "published 2 days before" in line and "2026-11-20 against 2026-11-22" in line
               for line in evidence)
    adjacent, _ = _src_date(lexical, _dated("a", "2026-11-20"), _dated("b", "2026-11-21"))
    assert adjacent == pytest.approx(0.5)  # next day: nothing surely between them, counts half


def test_two_times_keep_the_hour_gap(lexical: Comparer) -> None:
    value, evidence = _src_date(lexical, _dated("a", "2026-11-20T12:00:00Z"), _dated("b", "2026-11-20T18:00:00Z"))
    assert value == pytest.approx((0.75 + 6 / 24) / 1.5)
    assert any("was published 6.0 h before" in line for line in evidence)


# --- H3b: a crawl time is an upper bound ------------------------------------------------------------------------

def test_a_warc_date_standing_in_is_marked_a_crawl_time() -> None:
    raw = RawRecord(path="crawl.warc", record="record 1", data=HTML.encode(), url="https://x.example/a",
                    fetched="2026-11-28T10:00:00Z")
    a = article_from_raw(raw)
    assert a.date == "2026-11-28T10:00:00Z" and CRAWL_DATE in a.signals
    published = HTML.replace("</title>", "</title><meta property='article:published_time' "
                                         "content='2026-11-20T08:00:00Z'>")
    b = article_from_raw(dataclasses.replace(raw, data=published.encode()))
    assert b.date == "2026-11-20T08:00:00Z" and CRAWL_DATE not in b.signals


def test_a_dump_s_fetched_field_is_marked_a_crawl_time() -> None:
    a = article_from_record({"text": BODY, "fetched": "2026-11-28T10:00:00Z"}, name="dump.jsonl:1")
    assert a.date == "2026-11-28T10:00:00Z" and CRAWL_DATE in a.signals
    b = article_from_record({"text": BODY, "published": "2026-11-20", "fetched": "2026-11-28T10:00:00Z"}, name="x")
    assert b.date == "2026-11-20" and CRAWL_DATE not in b.signals
    # a page's own date in its HTML comes before a crawl time
    c = article_from_record({"html": HTML.replace("</title>", "</title><meta property='article:published_time' "
                                                               "content='2026-11-20T08:00:00Z'>"),
                             "fetched": "2026-11-28T10:00:00Z"}, name="y")
    assert c.date == "2026-11-20T08:00:00Z" and CRAWL_DATE not in c.signals


def test_two_crawl_times_say_nothing(lexical: Comparer) -> None:
    # HEAD: "published 7.0 days before", p 0.95, from two crawl times
    value, _ = _src_date(lexical, _dated("a", "2026-11-28T10:00:00Z", crawled=True),
                         _dated("b", "2026-11-21T10:00:00Z", crawled=True))
    assert value is None


def test_a_crawl_time_orders_only_a_page_published_after_it(lexical: Comparer) -> None:
    crawled = _dated("a", "2026-11-21T10:00:00Z", crawled=True)
    value, evidence = _src_date(lexical, crawled, _dated("b", "2026-11-24T10:00:00Z"))
    assert value == pytest.approx(1.0)
    assert any("was already online at 2026-11-21T10:00:00Z (crawled), 3.0 days before" in line
               and line.endswith("was published (weight +3.00 for #" + line.split("for #")[-1]) for line in evidence)
    # crawled after the other's publication: the crawled page may have been published first all the same
    value, _ = _src_date(lexical, crawled, _dated("b", "2026-11-20T10:00:00Z"))
    assert value is None
    # and a crawl time is no earliest time: the other, crawled, is not later for it
    value, _ = _src_date(lexical, _dated("b", "2026-11-20T10:00:00Z"), crawled)
    assert value is None


# --- M3: translationese lines ------------------------------------------------------------------------------------

def _translationese_line(lexical: Comparer, monkeypatch: pytest.MonkeyPatch, la: str, lb: str, *,
                         pa: float | None, pb: float | None) -> tuple[float, str]:
    from wiretrace import relate

    monkeypatch.setattr(relate, "translationese_score", lambda text, *args: pb if "More rain" in text else pa)
    monkeypatch.setattr(relate, "direction_score", lambda *args: None)
    a = lexical.doc(dataclasses.replace(article_from_text(BODY, name="a"), language=la))
    b = lexical.doc(dataclasses.replace(article_from_text(BODY + "\n\nMore rain is due.", name="b"), language=lb))
    f, details = direction_features(a, b, lexical._relate(a, b)[0], 0.9, 0.9, locale=False)
    value = f["src_translationese"]
    [line, _verdict] = source_evidence(Decision("a", 0.9, {"src_translationese": value}, "m"), f, details,
                                       ("EN", "FI"))
    return value, line


def test_a_side_not_scored_gets_no_translation_claim(lexical: Comparer, monkeypatch: pytest.MonkeyPatch) -> None:
    # HEAD: "FI reads more like a translation than EN", a Finnish text no model scored
    value, line = _translationese_line(lexical, monkeypatch, "en", "fi", pa=0.2, pb=None)
    assert value == pytest.approx(0.3)  # the feature as before: the side not scored counts 0.5
    assert "FI reads more like a translation" not in line
    assert line.startswith("EN reads as an original more than as a translation") and "P(translated) 0.20" in line
    assert "FI was not scored" in line
    value, line = _translationese_line(lexical, monkeypatch, "en", "fi", pa=0.9, pb=None)
    assert value == pytest.approx(-0.4)
    assert line.startswith("EN reads more like a translation than an original") and "FI was not scored" in line
    value, line = _translationese_line(lexical, monkeypatch, "fi", "en", pa=None, pb=0.7)
    assert value == pytest.approx(0.2) and line.startswith("FI reads more like a translation than an original")
    assert "EN was not scored" in line


def test_one_language_lines_claim_no_translation(lexical: Comparer, monkeypatch: pytest.MonkeyPatch) -> None:
    # HEAD: "... reads more like a translation than ..." for two English texts, one a rewrite of the other
    value, line = _translationese_line(lexical, monkeypatch, "en", "en", pa=0.3, pb=0.6)
    assert value == pytest.approx(0.3) and line.startswith("FI is closer to translated text than EN")
    assert "reads more like a translation" not in line and "rewording" in line
    value, line = _translationese_line(lexical, monkeypatch, "en", "de", pa=0.3, pb=0.6)
    assert line.startswith("FI reads more like a translation than EN")  # across languages: as before
    from wiretrace.relate import _TEMPLATES

    assert not any("translation" in _TEMPLATES[k] for k in ("src_zipf", "src_ttr", "src_oov"))


def test_a_date_alone_read_as_midnight_when_asked() -> None:
    from wiretrace.compare import CompareConfig
    from wiretrace.relate import RelateConfig

    midnight = Comparer(CompareConfig(embedder=None, relate=RelateConfig(date_alone_is_a_day=False)))
    value, evidence = _src_date(midnight, _dated("a", "2026-11-20T18:00:00Z"), _dated("b", "2026-11-20"))
    assert value == pytest.approx(-1.0) and any("published 18.0 h before" in line for line in evidence)
