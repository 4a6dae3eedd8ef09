from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from wiretrace import InputError, article_from_bytes, article_from_text, read_article
from wiretrace.ingest.furniture import strip_furniture
from wiretrace.ingest.meta import parse_date, parse_dateline

BODY = (
    "The council approved the budget after a long debate that ran late into the evening, officials said, "
    "and the new plan will take effect next month across all districts of the city."
)


def test_text_head_lines_and_dateline(fixtures: Path) -> None:
    a = read_article(fixtures / "floods_original.txt")
    assert a.title == "Floods force thousands from homes near Lisbon"
    assert a.byline == "Ana Duarte"
    assert a.date == "2026-03-10T09:15:00Z"
    assert (a.dateline, a.credit) == ("LISBON", "Reuters")
    assert a.language == "en"
    assert a.text.startswith("LISBON (Reuters) – Heavy rain")
    assert "\n\n" in a.text  # paragraphs kept
    # The head lines read as metadata are listed with the rule that took them; nothing else was removed.
    assert a.boilerplate_rules == ("title", "byline", "date_line")
    assert a.boilerplate[0] == a.title


def test_html_extraction_strips_farm_furniture(fixtures: Path) -> None:
    a = read_article(fixtures / "floods_farm.html")
    assert a.title == "Lisbon under water"
    assert a.site == "NewsBuzz"
    assert "Read also" not in a.text
    assert "passionate writer" not in a.text
    assert "Leave a Reply" not in a.text
    assert set(a.signals) >= {"read_also", "author_bio", "comment_form"}
    assert any(b.startswith("Read also:") for b in a.boilerplate)
    assert a.text.startswith("Strong rain has inundated")


@pytest.mark.parametrize(
    ("line", "place", "credit"),
    [
        ("NAIROBI (AFP) – Payments stopped.", "NAIROBI", "AFP"),
        ("SÃO PAULO (Reuters) — Prices rose.", "SÃO PAULO", "Reuters"),
        ("HAMBURG (dpa) - Cranes arrived.", "HAMBURG", "dpa"),
        ("PORTO – Residents said.", "PORTO", None),
        ("The minister said on Monday.", None, None),
    ],
)
def test_dateline(line: str, place: str | None, credit: str | None) -> None:
    assert parse_dateline(line) == (place, credit)


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("14 March 2026 08:12 GMT", "2026-03-14T08:12:00Z"),
        ("March 14, 2026", "2026-03-14"),
        ("2026-03-14T08:12:00+01:00", "2026-03-14T07:12:00Z"),
        ("Published: Saturday 14 March 2026", "2026-03-14"),
        ("14 de março de 2026", "2026-03-14"),
        ("Tuesday", None),
    ],
)
def test_parse_date(text: str, iso: str | None) -> None:
    assert parse_date(text) == iso


def test_furniture_block_and_form() -> None:
    paras = [BODY, "You May Also Like", "Ten ways to dry a carpet", "Why rain falls", BODY + " More text.",
             "Leave a Reply", "Cancel reply", "Some comment text that follows the form."]
    s = strip_furniture(paras)
    assert s.kept == (BODY, BODY + " More text.")
    assert "Ten ways to dry a carpet" in s.removed
    assert "Some comment text that follows the form." in s.removed
    assert s.signals == ("also_like_block", "comment_form")


def test_json_record_fields() -> None:
    rec = {"url": "https://x.example/a", "site": "X", "title": "T", "published": "2026-03-14T10:00:00Z",
           "byline": "B", "text": "ROME (ANSA) – " + BODY + "\n\n" + BODY}
    a = article_from_bytes(json.dumps(rec).encode(), name="r.json", fmt="json")
    assert (a.url, a.site, a.title, a.byline, a.date) == ("https://x.example/a", "X", "T", "B", "2026-03-14T10:00:00Z")
    assert (a.dateline, a.credit) == ("ROME", "ANSA")


def test_latin1_text_is_decoded(tmp_path: Path) -> None:
    p = tmp_path / "latin1.txt"
    p.write_bytes(("Título\n\nLISBOA (Lusa) - O município aprovou o orçamento depois de um debate longo "
                   "que durou até à noite, disseram os responsáveis, e o plano entra em vigor no próximo mês "
                   "em todos os bairros da cidade.").encode("latin-1"))
    a = read_article(p)
    assert "orçamento" in a.text
    assert a.language == "pt"


def test_same_text_same_id_and_url_changes_id() -> None:
    a = article_from_text(BODY, name="a")
    b = article_from_text(BODY + "\n", name="b")
    c = article_from_text(BODY, name="c", url="https://y.example/1")
    assert a.id == b.id
    assert a.id != c.id


BAD = {
    "empty": (b"", "empty file"),
    "binary": (bytes(range(256)) * 50, "binary"),
    "invalid_utf8_json": (b'{"text": "caf\xe9 \xff\xfe"}', "invalid UTF-8"),
    "undecodable_text": (bytes([0xC3, 0x28, 0xA0, 0xA1, 0xE2, 0x28, 0xA1, 0xF0, 0x28, 0x8C, 0xBC]) * 200, ""),
    "no_article_html": (b"<html><body><nav>Home</nav><footer>(c) 2026</footer></body></html>",
                        "no article text"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_input_raises_input_error_naming_file(tmp_path: Path, case: str) -> None:
    data, reason = BAD[case]
    suffix = {"invalid_utf8_json": ".json", "no_article_html": ".html"}.get(case, ".txt")
    p = tmp_path / f"{case}{suffix}"
    p.write_bytes(data)
    with pytest.raises(InputError) as err:
        read_article(p)
    assert err.value.path == str(p)
    assert reason.lower() in err.value.reason.lower()


def test_directory_and_huge_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a directory"):
        read_article(tmp_path)
    big = tmp_path / "big.txt"
    with big.open("wb") as f:
        f.truncate(50_000_000)  # sparse: costs no disk
    with pytest.raises(InputError, match="over the 20 MB limit"):
        read_article(big)


@pytest.mark.parametrize("case", ["empty", "binary", "invalid_utf8_json", "no_article_html", "dir", "big"])
def test_cli_bad_input_one_line_exit_2(tmp_path: Path, fixtures: Path, case: str) -> None:
    if case == "dir":
        bad = tmp_path
    elif case == "big":
        bad = tmp_path / "big.html"
        with bad.open("wb") as f:
            f.truncate(50_000_000)
    else:
        data, _ = BAD[case]
        bad = tmp_path / ("x.json" if case == "invalid_utf8_json" else "x.html" if case == "no_article_html"
                          else "x.txt")
        bad.write_bytes(data)
    proc = subprocess.run(
        [sys.executable, "-m", "wiretrace.cli", "compare", "--lexical", str(fixtures / "floods_original.txt"),
         str(bad)], capture_output=True, text=True, timeout=120, check=False,
    )
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert str(bad) in lines[0]
    assert "Traceback" not in proc.stderr


def test_head_lines_above_the_body_are_not_article_text() -> None:
    from wiretrace.ingest import article_from_record

    body = "SYDNEY (AFP) — Astronomers at a small observatory have found a comet that will pass Earth in 2031."
    rec = {"url": "https://x.example/a", "title": "Comet found", "text": "\n\n".join([
        "Science · Space", "Comet found", "By Helena Marchetti, AFP · 19 May 2026", body,
        "It is the observatory's first comet in twelve years of searching the southern sky."])}
    art = article_from_record(rec, name="rec")
    assert art.text.startswith("SYDNEY (AFP)")
    assert art.byline == "By Helena Marchetti, AFP"
    assert art.credit == "AFP"


def test_a_table_in_the_article_is_article_text() -> None:
    paras = "".join(f"<p>{s}</p>" for s in (
        "MADRID (EFE) – Voters in the three coastal districts turned out in greater numbers than at any "
        "municipal election since the regional assembly was created, officials said on Monday evening.",
        "The count finished shortly after midnight, and the results by district are given below, with the "
        "turnout recorded at the close of the polling stations in each of the districts.",
        "Observers from the electoral board said the vote had passed without incident in every district."))
    table = ("<table><tr><th>District</th><th>Turnout</th></tr><tr><td>Puerto Alto</td><td>71.4%</td></tr>"
             "<tr><td>Las Salinas</td><td>68.9%</td></tr></table>")
    html = (f"<html lang='en'><head><title>Turnout rises</title></head><body><nav><a href='/'>Home</a></nav>"
            f"<article><h1>Turnout rises</h1>{paras}{table}</article><footer>© Example</footer></body></html>")
    art = article_from_bytes(html.encode(), name="t.html", fmt="html")
    assert "Voters in the three coastal districts" in art.text
    assert "71.4%" in art.text and "Las Salinas" in art.text
    assert "Home" not in art.text


@pytest.mark.parametrize(("page", "what"), [
    ("<html><body><h1>Just a moment...</h1><p>Checking your browser before accessing the site. Please verify "
     "you are a human by completing the action below. This process is automatic.</p></body></html>", "a bot check"),
    ("<html><body><p>We use cookies to improve your experience on our site and to show you relevant "
     "advertising. Click accept all cookies to continue to the site, or manage your consent choices.</p>"
     "</body></html>", "a cookie wall"),
    ("<html><body><h1>Page not found</h1><p>Sorry, the page you were looking for has moved or no longer "
     "exists on this site. Try the search box or go back to the home page instead.</p></body></html>",
     "an error page"),
])
def test_pages_that_are_not_articles_are_refused_saying_what_they_are(page: str, what: str) -> None:
    from wiretrace.ingest import article_from_bytes

    with pytest.raises(InputError, match=f"not an article: the page is {what}"):
        article_from_bytes(page.encode(), name="p.html", fmt="html")


def test_an_article_that_mentions_cookies_is_an_article() -> None:
    from wiretrace.ingest import article_from_text

    body = ("The city council voted on Tuesday to fine websites that say \"we use cookies\" without asking, "
            "after a year of complaints from residents. ") * 12
    assert article_from_text(body, name="a.txt").text
