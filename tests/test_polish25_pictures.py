"""Session 25 polish: SVG labels of right-to-left titles in the story and site pictures (review of session 24).

An Arabic title was cut by code points (a letter could lose its vowel mark) and drawn left to right: the "…" of a
long one stood at its right, beside the title's start. Made-up titles only.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import regex

from wiretrace.report.pictures import (
    _rtl,
    _short,
    graph_svg,
    site_chart_svg,
    story_marks,
    timeline_svg,
)

#: Made-up Arabic titles ("The city council approves a new plan for public transport", with and without vowel
#: marks) and a made-up Hebrew one ("The new ferry sails on Monday").
AR = "مجلس المدينة يوافق على خطة جديدة للنقل العام في الصيف"
AR_VOWELLED = "وَافَقَ مَجْلِسُ المَدِينَةِ عَلَى خُطَّةٍ جَدِيدَةٍ لِلنَّقْلِ"
HE = "המעבורת החדשה יוצאת ביום שני"
STYLE = Path(__file__).parent.parent / "src" / "wiretrace" / "report" / "templates" / "style.css"


def _node(aid: str, title: str, site: str | None, date: str, relation: str | None, *,
          copies: tuple[dict[str, Any], ...] = ()) -> dict[str, Any]:
    return {"id": aid, "title": title, "site": site, "date": date, "path": None, "url": None, "relation": relation,
            "coverage": 1.0, "direction": "decided" if relation else None, "copies": list(copies)}


STORY = {"id": 1, "size": 3, "links": [], "independent": [],
         "root": _node("r", AR, None, "2026-03-01T08:00:00Z", None, copies=(
             _node("c1", AR_VOWELLED, None, "2026-03-01T10:00:00Z", "rewrite"),
             _node("c2", "Ferry timetable approved", "paper.example", "2026-03-02T09:00:00Z", "verbatim")))}


def _texts(svg: str, cls: str) -> list[tuple[str, str]]:
    """(attributes, text) of each ``<text class=cls ...>``."""
    return re.findall(rf'<text class="{cls}"([^>]*)>([^<]*)</text>', svg)


def test_an_arabic_label_is_drawn_right_to_left_from_the_right_of_its_place() -> None:
    marks = story_marks(STORY)
    tl = str(timeline_svg(marks, lambda _aid: None))
    rows = {text: attrs for attrs, text in _texts(tl, "row-label")}
    ar = next(attrs for text, attrs in rows.items() if text.startswith("مجلس"))
    assert 'direction="rtl"' in ar and 'text-anchor="start"' in ar and 'x="120"' in ar  # the label column's edge
    assert rows["paper.example"].startswith(' x="4"') and "direction" not in rows["paper.example"]  # as before
    graph = str(graph_svg(marks, lambda _aid: None))
    nodes = _texts(graph, "node-site")
    assert [("rtl" in attrs, text[:4]) for attrs, text in nodes] == [(True, "مجلس"), (True, "وَاف"),
                                                                      (False, "pape")]
    assert ' x="170" y="19"' in nodes[0][0]  # the box's right edge less its margin (8 + 168 - 6)


def test_a_long_arabic_label_is_cut_at_its_logical_end_between_whole_letters() -> None:
    """Cut by code points, a letter could lose its vowel mark (the 21st cut kept "المَ" and dropped the "ِ" of
    "دِ"); now a label keeps its first letters whole, each with its marks, and "…" after them."""
    marks = re.compile(r"[\u064b-\u0652\u0670]")
    assert marks.match(AR_VOWELLED[20])  # where the old cut (21 - 1 code points) fell: between a letter and its mark
    for n in range(2, len(AR_VOWELLED)):
        cut = _short(AR_VOWELLED, n)
        kept = cut[:-1]
        assert cut.endswith("…") or cut == AR_VOWELLED
        assert AR_VOWELLED.startswith(kept)  # the start kept, the logical end cut
        assert cut == AR_VOWELLED or not marks.match(AR_VOWELLED[len(kept)])  # no mark left behind
        assert cut == AR_VOWELLED or len(regex.findall(r"\X", kept)) == n - 1  # n - 1 letters and "…"
    assert _short("Ferry timetable approved by the council", 18) == "Ferry timetable a…"  # Latin as before
    assert _short(AR, 60) == AR


def test_direction_goes_by_most_letters_not_the_first() -> None:
    assert _rtl(AR) and _rtl(HE) and _rtl("BBC: " + AR) and _rtl("«" + AR + "»")
    assert not _rtl("paper.example") and not _rtl("Ferry " + "مجلس") and not _rtl("2026") and not _rtl("")
    assert not _rtl("ab جد") and _rtl("جد ab")  # a tie: the first letter decides (HTML's dir="auto")


def test_a_site_chart_row_of_an_arabic_site_reads_right_to_left() -> None:
    rows = [{"site": "صحيفة المدينة اليومية الجديدة", "articles": 2, "derived_share": 0.5, "kinds": {},
             "signals": {}, "top_sources": [{"site": "wire.example", "articles": 1}]}]
    chart = str(site_chart_svg(rows, lambda _s: None))
    (attrs, text), = _texts(chart, "row-label")
    assert 'x="164"' in attrs and 'direction="rtl"' in attrs and text == "صحيفة المدينة اليومية ا…"


# -- grapheme clusters: never cut inside one ------------------------------------------------------------------
@pytest.mark.parametrize(("text", "n", "cut"), [
    ("\u0915\u094d\u0937\u093f\u0924\u093f \u0915\u093e", 3, "\u0915\u094d\u0937\u093f\u0924\u093f…"),  # a conjunct
    ("\U0001F1EB\U0001F1F7\U0001F1E9\U0001F1EA ab", 2, "\U0001F1EB\U0001F1F7…"),  # two flags: pairs of indicators
    ("\U0001F44D\U0001F3FD ok fine", 2, "\U0001F44D\U0001F3FD…"),  # a thumb with its skin tone
    ("e\u0301te\u0301 long", 4, "e\u0301te\u0301…"),  # a letter with a combining accent
    ("\u1100\u1161\u11a8 x y", 2, "\u1100\u1161\u11a8…"),  # Hangul written as conjoining jamo
])
def test_a_cut_keeps_whole_clusters(text: str, n: int, cut: str) -> None:
    assert _short(text, n) == cut


# -- in a browser ---------------------------------------------------------------------------------------------
@pytest.mark.slow
def test_chromium_draws_an_arabic_label_right_to_left_inside_its_place(launch_chromium: Any, tmp_path: Path) -> None:
    """Debian chromium: the label's first letter is drawn right of its last, the "…" is its leftmost glyph, and
    the label ends at the label column's right edge without leaving the picture."""
    from playwright.sync_api import sync_playwright

    marks = story_marks(STORY)
    page = (f"<!doctype html><html><head><meta charset='utf-8'><style>{STYLE.read_text()}</style></head><body>"
            f"{timeline_svg(marks, lambda _a: None)}{graph_svg(marks, lambda _a: None)}</body></html>")
    (tmp_path / "p.html").write_text(page, encoding="utf-8")
    measure = """(sel) => { const t = document.querySelector(sel); const n = t.getNumberOfChars();
        const first = t.getExtentOfChar(0), last = t.getExtentOfChar(n - 1), box = t.getBBox();
        const xs = Array.from({length: n}, (_, i) => t.getExtentOfChar(i).x);
        return {rtl: first.x > last.x, ellipsisLeftmost: last.x <= Math.min(...xs) + 0.01,
                right: box.x + box.width, left: box.x, text: t.textContent,
                direction: getComputedStyle(t).direction}; }"""
    p = sync_playwright().start()
    try:
        browser = launch_chromium(p)
        tab = browser.new_page(viewport={"width": 1280, "height": 800})
        tab.goto((tmp_path / "p.html").as_uri())
        row = tab.evaluate(measure, "svg.timeline g.mark text.row-label")
        node = tab.evaluate(measure, "svg.graph g.node text.node-site")
        browser.close()
    finally:
        p.stop()
    assert row["text"].startswith("مجلس") and row["text"].endswith("…")
    assert row["direction"] == "rtl" and row["rtl"] and row["ellipsisLeftmost"]
    assert row["left"] >= 0 and row["right"] <= 120 + 0.5
    assert node["rtl"] and node["ellipsisLeftmost"] and node["left"] >= 8 and node["right"] <= 8 + 168
