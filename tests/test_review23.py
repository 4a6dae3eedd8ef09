"""Review of session 23: a new user's afternoon with wiretrace on real text (made-up inputs only)."""

from __future__ import annotations

from dataclasses import replace
from io import StringIO
from pathlib import Path

import pytest
from jinja2 import Environment, PackageLoader, select_autoescape
from rich.console import Console

from diff_helpers import FERRY_COPY, FERRY_SOURCE
from wiretrace.cli import main
from wiretrace.compare import Comparer
from wiretrace.errors import InputError
from wiretrace.ingest import article_from_bytes, article_from_record, article_from_text
from wiretrace.ingest.furniture import classify_paragraph, split_share_labels, strip_furniture
from wiretrace.ingest.html import clean_byline, site_name, without_site_suffix
from wiretrace.records import Comparison
from wiretrace.report.findings import Finding, Findings, added_means
from wiretrace.report.html import add_pictures, pair_context
from wiretrace.report.terminal import no_differences_line, render_comparison

PROSE = ("The harbour board approved the new ferry timetable after a long meeting that ran late into the evening, "
         "with members arguing over the cost of the pier repairs and the night service. ")
ARTICLE = PROSE * 3 + "The first boats run on the new times from Monday."
#: Made-up Greek prose (a script with no Latin letters, as the real case had), long enough to be an article.
GREEK = ("Το λιμενικό ταμείο ενέκρινε το νέο πρόγραμμα των πλοίων μετά από μια μακρά συνεδρίαση που κράτησε ως "
         "αργά το βράδυ, με τα μέλη να διαφωνούν για το κόστος της επισκευής της προβλήτας. ") * 3


# -- 1. a share bar run into the article took the whole article ------------------------------------------
def test_share_labels_run_into_an_article_do_not_take_it() -> None:
    """A real SemEval text was one paragraph beginning "* email* facebook* twitter* linkedin" with the article
    run on in Arabic; the form-field rule ("email *") took all 3,165 characters and the record was refused."""
    a = article_from_record({"title": "Ferry timetable", "text": "* email* facebook* twitter* linkedin" + GREEK},
                            name="r")
    assert a.text.startswith("Το λιμενικό") and len(a.text) > 400
    assert dict(zip(a.boilerplate, a.boilerplate_rules, strict=True)) == {
        "* email* facebook* twitter* linkedin": "share_widgets"}
    b = article_from_record({"text": "Email Facebook Twitter LinkedIn" + ARTICLE}, name="r")
    assert b.text.startswith("The harbour board") and "LinkedIn" not in b.text


def test_share_labels_alone_or_in_a_sentence_stay_as_before() -> None:
    assert split_share_labels("Facebook Twitter WhatsApp Email") == ("", "Facebook Twitter WhatsApp Email")
    assert classify_paragraph("Facebook Twitter WhatsApp Email") == "share_widgets"  # a bar of labels alone
    assert classify_paragraph("Facebook Messenger") is None
    kept = "Facebook, Twitter and WhatsApp said on Monday that " + PROSE
    assert split_share_labels(kept) == ("", kept)
    two = "Facebook Messenger users " + PROSE  # two labels: a sentence may start so
    assert split_share_labels(two) == ("", two)
    emailed = "Emailed Facebook Twitter " + PROSE
    assert split_share_labels(emailed) == ("", emailed)
    s = strip_furniture(["Share this:", "Facebook Twitter Email", ARTICLE])
    assert s.kept == (ARTICLE,) and s.rules == ("share_widgets", "share_widgets")


def test_a_long_prose_paragraph_is_no_form_field_or_share_line() -> None:
    assert classify_paragraph("Email *") == "form_field"
    assert classify_paragraph("Tags: ferry, harbour, council") == "share_widgets"
    assert classify_paragraph("Email * " + ARTICLE) is None
    assert classify_paragraph("Follow us on the night boat: " + ARTICLE) is None
    tags = "Tags: " + ", ".join(f"harbour topic {n}" for n in range(40))  # long, but no prose: still a tag line
    assert classify_paragraph(tags) == "share_widgets"


# -- 2. a page title that keeps the site's name ----------------------------------------------------------
@pytest.mark.parametrize(("title", "site", "host", "want"), [
    ("Ferry timetable approved | Harbour Post", "Harbour Post", None, "Ferry timetable approved"),
    ("Ferry timetable approved - harbourpost.example", "Harbour Post", "www.harbourpost.example",
     "Ferry timetable approved"),
    ("Ferry timetable approved – The Anti-Fog Gazette", "The Anti-Fog Gazette", None, "Ferry timetable approved"),
    ("Night boats - Ferry News - Island Edition", "Ferry News - Island Edition", None, "Night boats"),
    ("Harbour Post", "Harbour Post", None, "Harbour Post"),
    ("Ferry | Harbour Post", "Harbour Post", None, "Ferry | Harbour Post"),  # too little left to be a title
    ("New chief executive at Harbour Post", "Harbour Post", None, "New chief executive at Harbour Post"),
    ("Ferries and the Anti-Fog Gazette", "Fog Gazette", None, "Ferries and the Anti-Fog Gazette"),
    (None, "Harbour Post", None, None),
])
def test_the_site_name_after_a_title_is_taken_off(title: str | None, site: str, host: str | None,
                                                  want: str | None) -> None:
    assert without_site_suffix(title, site, host) == want


def test_a_page_title_with_its_site_name_reads_without_it() -> None:
    """30 of the 181 AEB pages kept "- Site" / "| Site" in their title; the terminal's "title | site" rows
    showed the site twice, and the heading line that repeats the title stayed in the text."""
    page = ("<html><head><title>Ferry timetable approved | Harbour Post</title>"
            '<meta property="og:title" content="Ferry timetable approved | Harbour Post">'
            '<meta property="og:site_name" content="Harbour Post"></head><body><article>'
            "<h1>Ferry timetable approved</h1>"
            + "".join(f"<p>{PROSE}Paragraph {n}.</p>" for n in range(3)) + "</article></body></html>")
    a = article_from_bytes(page.encode(), name="p.html")
    assert a.title == "Ferry timetable approved" and a.site == "Harbour Post"
    assert not a.text.startswith("Ferry timetable approved")


def test_a_site_name_that_is_a_url_is_its_host() -> None:
    assert site_name("https://www.harbourpost.example", "www.harbourpost.example") == "harbourpost.example"
    assert site_name("www.harbourpost.example/news", None) == "harbourpost.example"
    assert site_name("Harbour Post", "harbourpost.example") == "Harbour Post"
    assert site_name("  ", "harbourpost.example") == "harbourpost.example"
    page = ('<html><head><title>Ferry timetable approved</title><meta property="og:site_name" '
            'content="https://www.harbourpost.example"></head><body><article>'
            + "".join(f"<p>{PROSE}Paragraph {n}.</p>" for n in range(3)) + "</article></body></html>")
    assert article_from_bytes(page.encode(), name="p.html").site == "harbourpost.example"


# -- 3. a short real text was "no article text found" ----------------------------------------------------
def test_a_short_text_is_refused_with_its_size_and_the_minimum() -> None:
    with pytest.raises(InputError, match=r"no article text found: 99 characters after removing boilerplate, "
                                         r"fewer than the 150 an article needs \(\[ingest\] min_chars\)"):
        article_from_text("The harbour board approved the new ferry timetable. The first boats run on the new "
                          "times on Monday.", name="short.txt")
    with pytest.raises(InputError, match=r"16 characters .*\(48 with each Han, kana or Hangul character counting 3\)"):
        article_from_text("港务局周二批准了新的渡轮时刻表。", name="zh.txt")


# -- 4. "no differences listed (the relation is not a copy, or the copy is exact)" under a translation -----
def test_an_empty_diff_says_what_it_means_for_the_pair(lexical: Comparer) -> None:
    """`compare` of a WMT22 document and its human translation (a copy, not exact) printed "no differences
    listed (the relation is not a copy, or the copy is exact)"."""
    a = article_from_text(ARTICLE, name="a.txt")
    c = lexical.compare(a, article_from_text(ARTICLE, name="b.txt"))
    assert c.relation.kind == "verbatim" and not c.diff
    for kind in ("verbatim", "translation"):
        line = no_differences_line(replace(c, relation=replace(c.relation, kind=kind)))
        assert line.startswith(f"no changes found in this {kind}") and "not a copy" not in line
    line = no_differences_line(replace(c, relation=replace(c.relation, kind="same_event")))
    assert line == "no differences listed: same event is no copy, so the texts are not diffed"
    out = StringIO()
    render_comparison(c, Console(file=out, width=100))
    assert "no changes found in this verbatim" in out.getvalue()


# -- 5. the pair page when b is the source: "added None", changes the wrong way round ------------------------
_SOURCE, _COPY = FERRY_SOURCE, FERRY_COPY


def _findings_html(c: Comparison) -> str:
    env = Environment(loader=PackageLoader("wiretrace.report", "templates"), autoescape=select_autoescape())
    add_pictures(env, article_link=lambda _i: None, site_link=lambda _s: None)
    page = env.get_template("pair.html").render(**pair_context(c))
    return " ".join(page[page.index('<section class="findings"'):page.index("</section>")].split())


def test_the_pair_page_reads_the_same_whichever_side_the_source_is(lexical: Comparer) -> None:
    """A SemEval pair whose source was b: its pair page listed "added None" and "dropped None" for every
    sentence, a changed figure the wrong way round, and said "added = in b, not in a"."""
    src = article_from_text(_SOURCE, name="source.txt")
    copy = article_from_text(_COPY, name="copy.txt", url="https://copy.example/ferry")
    first, second = lexical.compare(src, copy), lexical.compare(copy, src)
    assert (first.relation.source, second.relation.source) == ("a", "b")
    for c, means in ((first, "added = in b, the copy, not in a, the source"),
                     (second, "added = in a, the copy, not in b, the source")):
        page = _findings_html(c)
        assert "None" not in page and f"({means})" in page
        assert "<del>12</del>" in page and "<ins>15</ins>" in page  # 12 in the source became 15 in the copy
        assert "<ins>Critics say the shameful plan" in page and "<del>The night service will stop" in page
        out = StringIO()
        render_comparison(c, Console(file=out, width=160))
        assert f"({means})" in out.getvalue()
    assert added_means(replace(first, relation=replace(first.relation, source=None))) == "added = in b, not in a"


def test_one_rewording_is_no_plural() -> None:
    """`compare` of two near-identical texts said "No change of fact found; 1 rewordings"."""
    one = Finding("changed", "other", "harbour", "port", 1, 0)
    assert Findings([], [one]).summary() == "No change of fact found; 1 rewording"
    assert Findings([], [one, one]).summary() == "No change of fact found; 2 rewordings"


# -- 6. a folder given as the store, a file given as the report's folder -----------------------------------
def test_a_folder_as_store_and_a_file_as_report_folder_are_named(tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """`wiretrace sites --db FOLDER` said "no such store"; `wiretrace report --out FILE` said
    "FILE/pairs: Not a directory"."""
    assert main(["sites", "--db", str(tmp_path)]) == 2
    assert "is a folder, not a store" in capsys.readouterr().err
    db = tmp_path / "w.db"
    db.write_bytes(b"")
    out = tmp_path / "report.html"
    out.write_text("x", encoding="utf-8")
    assert main(["report", "--db", str(db), "--out", str(out)]) == 2
    assert f"{out}: is a file, not a folder" in capsys.readouterr().err
    assert main(["stories", "--db", str(tmp_path / "none.db")]) == 2
    assert "no such store" in capsys.readouterr().err


# -- 7. Turkish agency credits: "Kaynak: AA" closes the text ----------------------------------------------
_TR = ("Belediye meclisi salı günü yeni feribot tarifesini uzun bir toplantının ardından onayladı. Üyeler iskele "
       "onarımının maliyeti ve gece seferleri konusunda tartıştı. İlk seferler pazartesi gününden itibaren yeni "
       "saatlerle yapılacak.")


@pytest.mark.parametrize(("last", "credit"), [
    ("Kaynak: AA", "Anadolu"), ("Kaynak: İHA", "İHA"), ("Kaynak: DHA", "DHA"), ("(İHA)", "İHA"),
    ("Source: AFP", "AFP"), ("Fuente: EFE", "EFE"),
])
def test_a_source_line_naming_an_agency_is_its_closing_credit(last: str, credit: str) -> None:
    """232 of the SemEval Turkish texts close with "Kaynak: İHA" / "Kaynak: AA" / "Kaynak: DHA" (source: the
    agency); the line stayed in the text and no credit was read."""
    a = article_from_record({"text": f"{_TR}\n\n{last}"}, name="r")
    assert a.credit == credit and a.text.endswith("yapılacak.")
    assert dict(zip(a.boilerplate, a.boilerplate_rules, strict=True)) == {last: "closing_credit"}


def test_a_source_line_naming_no_agency_stays() -> None:
    a = article_from_record({"text": f"{_TR}\n\nKaynak: Belediye Gazetesi"}, name="r")
    assert a.credit is None and a.text.endswith("Kaynak: Belediye Gazetesi")


# -- 8. an article without a title: its id stood in for the title ------------------------------------------
def test_stories_and_trace_say_no_title(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`wiretrace stories` printed a WMT22 text (no title) as "f53b08fc262e2970 | - | - | f53b08fc262e2970"."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "source.txt").write_text(_SOURCE, encoding="utf-8")
    (folder / "copy.txt").write_text(_COPY, encoding="utf-8")
    db = str(tmp_path / "w.db")
    assert main(["index", str(folder), "--db", db, "--lexical", "--workers", "1"]) == 0
    capsys.readouterr()
    assert main(["stories", "--db", db]) == 0
    rows = [line for line in capsys.readouterr().out.splitlines() if " | " in line]
    # session 24: with the start of the text, so that two untitled rows can be told apart
    lead = '(no title) “The harbour board approved the new ferry…”'
    assert len(rows) == 2 and all(line.strip().split(" | ")[0].endswith(lead) for line in rows)
    assert main(["trace", str(folder / "copy.txt"), "--db", db]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"{lead} | ") and "<- " in out and f"{lead} | " in out.split("<- ")[1]


# -- 9. date words after the names in a page's author field --------------------------------------------------
@pytest.mark.parametrize(("author", "want"), [
    ("Ana Silva; Rui Costa Monday; November", "Ana Silva; Rui Costa"),
    ("HARBOUR POST STAFF NOVEMBER", "HARBOUR POST STAFF"),
    ("Harbour Post wire services Published", "Harbour Post wire services"),
    ("Rui Costa | Updated", "Rui Costa"),
    ("Teresa May", "Teresa May"), ("June Costa", "June Costa"), ("Ana Silva; Staff writer", "Ana Silva; Staff writer"),
    (None, None), ("", None),
])
def test_date_words_after_an_author_are_no_part_of_the_byline(author: str | None, want: str | None) -> None:
    """5 of the 181 AEB pages' bylines ended in date words: "... Monday; November", "... STAFF NOVEMBER"."""
    assert clean_byline(author) == want


def test_a_page_byline_reads_without_its_date_words() -> None:
    page = ('<html><head><title>Ferry timetable approved</title><meta name="author" content="Ana Silva November">'
            "</head><body><article>" + "".join(f"<p>{PROSE}Paragraph {n}.</p>" for n in range(3))
            + "</article></body></html>")
    assert article_from_bytes(page.encode(), name="p.html").byline == "Ana Silva"
