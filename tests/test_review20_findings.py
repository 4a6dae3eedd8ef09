"""A new user's open findings (review of session 19, fixed in session 20): a blind verdict said as such (M6), an
unreadable date told from an implausible one (L10), a JSONL line's real error (L5), a paragraph dropped near the
end not called a cut end (L7), an unrelated verdict whose lines agree with it (L13), trace by content (L11)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rich.console import Console

from wiretrace.compare import CompareConfig, Comparer
from wiretrace.engines.local import IndexConfig, index
from wiretrace.ingest import article_from_record
from wiretrace.ingest.meta import date_signal, read_date
from wiretrace.ingest.sources import RawReject, iter_records
from wiretrace.records import Article
from wiretrace.report.findings import BLIND, not_comparable
from wiretrace.report.html import pair_context
from wiretrace.report.terminal import render_comparison

STORY = ("VARNHOLM (Reuters) - A storm flooded the coastal town of Varnholm on Thursday, forcing 1,200 residents "
         "from their homes, officials said.\n\n"
         "The river Selva burst its banks after 80 millimetres of rain fell in 14 hours, the highest level since "
         "1987, mayor Tomas Brekke told reporters.\n\n"
         "Emergency crews evacuated two care homes and a school, and ferry services were suspended until Saturday, "
         "the harbour office said.\n\n"
         "The regional government said it would not raise taxes to pay for repairs, estimated at 45 million crowns, "
         "but would draw on a reserve fund.\n\n"
         "Lena Hoff, who runs a bakery on the harbour front, said the water rose 3.4 metres in under an hour. "
         "\"We lost everything,\" she said.\n\n"
         "More rain is forecast for Friday, and the weather service kept its red warning in place for the coast.")
FRENCH = ("VARNHOLM (Reuters) - Une tempête a inondé jeudi la ville côtière de Varnholm, chassant 1 200 habitants de "
          "leurs maisons, selon les autorités.\n\n"
          "La rivière Selva est sortie de son lit après 80 millimètres de pluie tombés en 14 heures, le niveau le "
          "plus haut depuis 1987, a déclaré le maire Tomas Brekke.\n\n"
          "Les secours ont évacué deux maisons de retraite et une école, et les ferries sont suspendus jusqu'à "
          "samedi, a indiqué la capitainerie.\n\n"
          "Lena Hoff, qui tient une boulangerie sur le port, a dit que l'eau était montée de 3,4 mètres en moins "
          "d'une heure. « Nous avons tout perdu », a-t-elle dit.")


# -- M6: --lexical across languages is a blind verdict ------------------------------------------------------
@pytest.fixture(scope="module")
def blind() -> object:
    lexical = Comparer(CompareConfig(embedder=None))
    return lexical.compare(Article(id="en1", text=STORY, language="en"), Article(id="fr1", text=FRENCH, language="fr"))


def test_lexical_across_languages_marks_the_verdict_not_comparable(blind: object) -> None:
    from wiretrace.records import Comparison

    assert isinstance(blind, Comparison)
    r = blind.relation
    assert r.kind not in ("translation", "rewrite")  # words alone cannot see the translation
    assert r.features["unsupported_language"] == 1.0  # the JSON's mark, as for a language the embedder lacks
    assert blind.to_dict()["relation"]["features"]["unsupported_language"] == 1.0
    assert not_comparable(blind) == r.evidence[0] and "by shared words only" in r.evidence[0]
    console = Console(record=True, width=200)
    render_comparison(blind, console)
    text = console.export_text()
    assert f"{r.kind} {BLIND}" in text
    ctx = pair_context(blind)
    assert ctx["blind"] == r.evidence[0]


def test_a_pair_page_says_the_verdict_is_blind(blind: object) -> None:
    from jinja2 import Environment, PackageLoader, select_autoescape

    from wiretrace.report.html import add_pictures

    env = Environment(loader=PackageLoader("wiretrace.report", "templates"), autoescape=select_autoescape(["html"]))
    add_pictures(env, article_link=lambda _a: None, site_link=lambda _s: None)
    page = env.get_template("pair.html").render(**pair_context(blind))  # type: ignore[arg-type]
    assert f'<strong class="not-comparable">{BLIND}</strong>' in page
    assert '<p class="not-comparable-why">' in page


def test_one_language_by_words_is_no_blind_verdict(lexical: Comparer) -> None:
    c = lexical.compare(Article(id="en1", text=STORY, language="en"),
                        Article(id="en2", text=STORY.replace("1,200", "2,100"), language="en"))
    assert not_comparable(c) is None and "unsupported_language" not in c.relation.features


# -- L10: a date field that names no date -------------------------------------------------------------------
@pytest.mark.parametrize("value", ["yesterday-ish", "n/a", "2026-13-45"])
def test_an_unreadable_date_has_a_signal_of_its_own(value: str) -> None:
    a = article_from_record({"text": STORY, "published": value}, name="r")
    assert a.date is None and "unreadable_date" in a.signals and "implausible_date" not in a.signals


@pytest.mark.parametrize("value", ["1850-01-01", "2999-01-01", "99"])
def test_an_implausible_date_keeps_its_signal(value: str) -> None:
    assert date_signal(read_date(value)[1]) == ("implausible_date",)


def test_an_html_page_with_an_unreadable_date_says_so() -> None:
    html = (f'<html><head><meta property="article:published_time" content="sometime soon"></head><body><article>'
            f'{"".join(f"<p>{p}</p>" for p in STORY.split(chr(10) * 2))}</article></body></html>')
    a = article_from_record({"html": html}, name="r")
    assert a.date is None and a.signals == ("unreadable_date",)


# -- L5: a JSONL line with an unterminated string -----------------------------------------------------------
def test_an_unterminated_string_is_said_so(tmp_path: Path) -> None:
    dump = tmp_path / "d.jsonl"
    dump.write_bytes(b'{"text": "a story that never ends\n' + json.dumps({"text": STORY}).encode() + b"\r\n")
    out = list(iter_records([str(dump)]))
    assert isinstance(out[0], RawReject) and "Unterminated string" in out[0].reason, out[0]
    assert "control character" not in out[0].reason
    assert not isinstance(out[1], RawReject)  # a CRLF line end still reads


# -- L7: a paragraph dropped near the end, the last kept ----------------------------------------------------
def test_a_paragraph_dropped_near_the_end_is_not_a_cut_end(lexical: Comparer) -> None:
    paragraphs = STORY.split("\n\n")
    middle = "\n\n".join(paragraphs[1:4] + paragraphs[5:])  # the dateline lead and Lena Hoff's paragraph dropped
    rel = lexical.relation(Article(id="src", text=STORY, language="en"),
                           Article(id="copy", text=middle, language="en"))
    assert not any("cut at the end" in e for e in rel.evidence), rel.evidence
    assert any("looks like a reprint with a paragraph dropped" in e for e in rel.evidence), rel.evidence
    cut = "\n\n".join(paragraphs[:4])  # the last two dropped: a cut end
    rel = lexical.relation(Article(id="src", text=STORY, language="en"), Article(id="copy", text=cut, language="en"))
    assert any("looks like a reprint cut at the end" in e for e in rel.evidence), rel.evidence


# -- L13: 'unrelated' and the story line agree ---------------------------------------------------------------
def test_an_unrelated_verdict_says_what_it_means() -> None:
    from wiretrace.decide import get_score
    from wiretrace.relate import _story_line, _why_not_derived

    story = get_score("story-v3")
    cut, _ = story.cut("en")
    above = _story_line(cut + 0.05, story, "en", "unrelated")
    assert "may still report one story" not in above
    assert "'unrelated' says only that no copying was found" in above
    line = _why_not_derived("unrelated", 0.05, 0.4, 1)
    assert line.endswith("to call it the same event reported independently (unrelated)") and "no copy" in line


# -- L11: trace a file whose bytes were indexed from another path ---------------------------------------------
def test_trace_finds_a_file_by_its_content(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from wiretrace.cli import main

    corpus, elsewhere = tmp_path / "corpus", tmp_path / "elsewhere"
    corpus.mkdir()
    elsewhere.mkdir()
    (corpus / "story.txt").write_text(STORY, encoding="utf-8")
    (corpus / "copy.txt").write_text(STORY.replace("1,200", "2,100"), encoding="utf-8")
    db = tmp_path / "w.db"
    index([str(corpus)], db=str(db), cfg=IndexConfig(workers=1, compare=CompareConfig(embedder=None)))
    (elsewhere / "moved.txt").write_bytes((corpus / "story.txt").read_bytes())
    capsys.readouterr()
    assert main(["trace", str(elsewhere / "moved.txt"), "--db", str(db), "--json"]) == 0
    out = capsys.readouterr()
    assert [t["article"]["path"] for t in json.loads(out.out)] == [str((corpus / "story.txt").resolve())]
    assert "found by its content" in out.err
    (elsewhere / "other.txt").write_text(FRENCH, encoding="utf-8")
    assert main(["trace", str(elsewhere / "other.txt"), "--db", str(db)]) == 2
