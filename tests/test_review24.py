"""Review of session 24: a new user's afternoon with compare, the pair pages, trace / stories / sites on real
text in several languages (made-up inputs only here: each test holds the shape of what went wrong)."""

from __future__ import annotations

import re
from dataclasses import replace
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from jinja2 import Environment, PackageLoader, select_autoescape
from rich.console import Console

from diff_helpers import FERRY_COPY, FERRY_SOURCE
from wiretrace.compare import Comparer
from wiretrace.ingest import article_from_text
from wiretrace.records import Comparison
from wiretrace.report.html import add_pictures, pair_context, text_dir
from wiretrace.report.layout import side_by_side_rows
from wiretrace.report.terminal import TYPE_STYLE, render_comparison

#: Made-up Chinese prose: sentences with no spaces, each longer than a terminal column is wide.
ZH = ("港口管理局在周二一次持续到深夜的漫长会议之后批准了新的渡轮时刻表，"
      "成员们就码头维修费用和夜间航班的安排争论了很久。\n\n"
      "按照新的时刻表，第一批渡轮将从下周一开始运行，每天往返十二次，夜间航班将在午夜而不是凌晨两点结束。\n\n"
      "管理局在一份声明中说，码头维修的费用估计为四百万欧元，其中一半将由市政府承担，另一半由港口自己的收入支付。")

_SOURCE, _COPY = FERRY_SOURCE, FERRY_COPY


def _rendered(c: Comparison, width: int = 80) -> str:
    out = StringIO()
    render_comparison(c, Console(file=out, width=width))
    return out.getvalue()


# -- 1. the terminal's side by side cut every Chinese / Japanese sentence to one line and "…" ------------------
def test_a_chinese_sentence_is_shown_whole_in_the_terminal(lexical: Comparer) -> None:
    """`compare` of a WMT22 English document and its Chinese translation showed one line of each Chinese sentence
    and "…" (rich cuts a word longer than its column, and a sentence with no spaces is one word): 14 of 16 rows
    of en-zh, 19 of ja-en lost their text."""
    a = article_from_text(ZH, name="a.txt")
    c = lexical.compare(a, article_from_text(ZH, name="b.txt"))
    out = _rendered(c)
    table = out[out.rindex("┡"):].splitlines()[1:]  # the side by side, below its header
    cells = [line.strip("│").split("│") for line in table if line.startswith("│")]
    for side in (0, 2):
        column = "".join(row[side].strip() for row in cells)
        for para in ZH.split("\n\n"):
            assert para in column, para
    assert "…" not in out


# -- 2. the side by side said "dropped" for the copy's added sentence when b was the source ------------------
def test_unaligned_rows_are_named_from_the_copy_whichever_side_the_source_is(lexical: Comparer) -> None:
    """The findings said the copy added "Critics say ..." and dropped "The night service ...", but where the copy
    was a (b the source) the side by side below them labelled the same rows "dropped" and "added"."""
    src = article_from_text(_SOURCE, name="source.txt")
    copy = article_from_text(_COPY, name="copy.txt", url="https://copy.example/ferry")
    for c in (lexical.compare(src, copy), lexical.compare(copy, src)):
        copy_side = "a" if c.relation.source == "b" else "b"
        labels = {}
        for a_span, label, style, b_span in side_by_side_rows(c):
            span, text = (a_span, c.a.text) if a_span else (b_span, c.b.text)
            assert span is not None
            labels[text[span[0]:span[1]][:12]] = (label, style)
        assert labels["Critics say "] == ("added", "green"), copy_side
        assert labels["The night se"] == ("dropped", "red"), copy_side


def test_every_diff_type_has_a_terminal_style() -> None:
    """Negation, qualifier and attribution changes were marked in the web pages but left plain in the terminal."""
    from typing import get_args

    from wiretrace.records import DiffType

    assert set(get_args(DiffType)) <= set(TYPE_STYLE)


# -- 3. Arabic on the pair pages: read left to right, and the heading's arrow pointing from b to a --------------
#: Made-up Arabic: a ferry timetable story and a copy of it with a figure changed and an opinion added.
AR_SRC = ("مجلس الميناء يقر جدول العبارات الجديد\n\n"
          "وافق مجلس الميناء يوم الثلاثاء على جدول العبارات الجديد بعد اجتماع طويل استمر حتى المساء، بحسب ما قال "
          "المسؤولون.\n\n"
          "وستبدأ أولى العبارات العمل وفق المواعيد الجديدة يوم الاثنين، بواقع 12 رحلة في اليوم بين "
          "الجزيرة والمدينة.\n\n"
          "وتجادل الأعضاء طويلا حول تكلفة إصلاح الرصيف القديم التي قدرها المجلس بنحو أربعة ملايين يورو.\n\n"
          "وقال المجلس في بيان إن الخدمة الليلية ستتوقف عند منتصف الليل بدلا من الثانية صباحا.")
AR_COPY = ("جدول جديد للعبارات بين الجزيرة والمدينة\n\n"
           "وافق مجلس الميناء يوم الثلاثاء على جدول العبارات الجديد بعد اجتماع طويل استمر حتى المساء، بحسب ما قال "
           "المسؤولون.\n\n"
           "وستبدأ أولى العبارات العمل وفق المواعيد الجديدة يوم الاثنين، بواقع 15 رحلة في اليوم بين "
          "الجزيرة والمدينة.\n\n"
           "وتجادل الأعضاء طويلا حول تكلفة إصلاح الرصيف القديم التي قدرها المجلس بنحو أربعة ملايين يورو.\n\n"
           "ويرى المنتقدون أن هذه الخطة المخزية ستدمر اقتصاد الجزيرة إلى الأبد.")


def _pair_page(c: Comparison) -> str:
    env = Environment(loader=PackageLoader("wiretrace.report", "templates"), autoescape=select_autoescape(["html"]))
    add_pictures(env, article_link=lambda _i: None, site_link=lambda _s: None)
    return env.get_template("pair.html").render(**pair_context(c))


def _arabic_pair(lexical: Comparer) -> Comparison:
    return lexical.compare(article_from_text(AR_SRC, name="a.txt"), article_from_text(AR_COPY, name="b.txt"))


def test_arabic_text_on_a_pair_page_runs_right_to_left(lexical: Comparer) -> None:
    """A SemEval Arabic pair's page set its sentences left to right (no dir, text-align: left): a paragraph's full
    stop stood at the wrong end and the lines were ragged on the wrong side."""
    c = _arabic_pair(lexical)
    assert c.a.language == c.b.language == "ar" and c.relation.kind == "edited_copy"
    page = _pair_page(c)
    cells = re.findall(r'<td( lang="ar")? dir="(\w+)">', page)
    assert cells and all(c == (' lang="ar"', "rtl") for c in cells), cells[:4]
    assert '<ins lang="ar" dir="rtl">15</ins>' in page and '<del lang="ar" dir="rtl">12</del>' in page
    assert "text-align: left" not in page  # the stylesheet's cells start where their text starts
    assert text_dir("ar") == text_dir("he") == text_dir("fa") == "rtl"
    assert text_dir("en") == text_dir("ja") == text_dir(None) == text_dir("xx-nonsense") == "auto"


def test_the_heading_isolates_each_title(lexical: Comparer) -> None:
    """Two Arabic titles around the heading's "→" made one right-to-left run: b's title stood left of the arrow,
    a's right of it, so the arrow pointed from b to a."""
    c = _arabic_pair(lexical)
    page = _pair_page(c)
    h1 = page[page.index("<h1>"):page.index("</h1>")]
    assert h1 == (f'<h1><bdi lang="ar" dir="rtl">{c.a.title}</bdi> → <bdi lang="ar" dir="rtl">{c.b.title}</bdi>')
    en = _pair_page(replace(c, b=replace(c.b, language="en", title="Ferry <b>timetable</b>")))
    assert '<bdi lang="en" dir="auto">Ferry &lt;b&gt;timetable&lt;/b&gt;</bdi>' in en  # escaped


@pytest.mark.slow
def test_the_heading_arrow_points_from_a_to_b_in_a_browser(lexical: Comparer, launch_chromium: Any,
                                                           tmp_path: Path) -> None:
    """The same in Debian chromium: a's title is drawn left of the arrow, b's right of it; a row reads rtl."""
    from playwright.sync_api import sync_playwright

    page_file = tmp_path / "pair.html"
    page_file.write_text(_pair_page(_arabic_pair(lexical)), encoding="utf-8")
    where = """() => { const [a, b] = document.querySelectorAll('h1 bdi'); const h = document.querySelector('h1');
        const arrow = document.createRange(); arrow.setStart(a.nextSibling, 1); arrow.setEnd(a.nextSibling, 2);
        const td = document.querySelector('table.sbs td');
        return [a.getBoundingClientRect().right <= arrow.getBoundingClientRect().left,
                arrow.getBoundingClientRect().right <= b.getBoundingClientRect().left, h.textContent.includes('→'),
                getComputedStyle(td).direction, getComputedStyle(td).textAlign]; }"""
    p = sync_playwright().start()
    try:
        browser = launch_chromium(p)
        tab = browser.new_page(viewport={"width": 1280, "height": 800})
        tab.goto(page_file.as_uri())
        assert tab.evaluate(where) == [True, True, True, "rtl", "start"]
        browser.close()
    finally:
        p.stop()


# -- 4. a pair page named an article without a title "None" ----------------------------------------------------
def test_a_pair_page_says_no_title_not_none(lexical: Comparer) -> None:
    """The report's page of a WMT22 reference and its machine translation (one block, no title) read
    "b: None · site unknown · en · ...-mt.txt"."""
    body = "\n\n".join(_SOURCE.split("\n\n")[:3])
    c = lexical.compare(article_from_text("Ferry timetable approved\n\n" + body, name="a.txt"),
                        article_from_text(body, name="b.txt"))
    assert c.a.title and not c.b.title
    page = _pair_page(c)
    line = page[page.index('class="meta sides-line"'):]
    line = line[:line.index("</p>")]
    # since session 27 the start of its text follows, as every view names an untitled article
    assert "None" not in line and '<bdi lang="en" dir="auto">(no title) “The harbour board approved' in line
