"""Invisible characters and look-alike hyphens are gone from the text every stage sees (helper task "ingest",
finding 1; made-up text only): a copy with zero-width spaces, word joiners, a byte-order mark or soft hyphens
inside words, or non-breaking hyphens for "-", is the verbatim copy it is, read from text, HTML or JSON Lines;
zero-width (non-)joiners, which spell words, are kept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wiretrace import article_from_bytes, article_from_text, compare, ingest
from wiretrace.ingest import article_from_record, read_records

STORY = ("Harbour officials in Portvale said on Tuesday that the new ferry terminal would open in March, "
         "two months later than planned, after inspectors found cracks in the main pier.\n\n"
         "The terminal, which cost 48 million dollars, is expected to carry 1,200 passengers a day. "
         "Mayor Elena Brandt told reporters the delay was disappointing but necessary for safety.\n\n"
         "Contractors will replace three concrete sections of the pier over the coming weeks, the port "
         "authority said in a statement, and the ferry operator will keep the old landing in service.")


def _hide(text: str, mark: str, words: tuple[str, ...]) -> str:
    for w in words:
        text = text.replace(w, w[:3] + mark + w[3:])
    return text


COPIES = {
    "zero-width space in 5 words": _hide(STORY, "\u200b", ("officials", "terminal,", "cracks", "passengers",
                                                           "reporters")),
    "word joiner": _hide(STORY, "\u2060", ("disappointing",)),
    "byte-order mark inside": _hide(STORY, "\ufeff", ("Contractors", "statement")),
    "soft hyphens": _hide(STORY, "\u00ad", ("inspectors", "concrete", "operator")),
}


@pytest.mark.parametrize("copy", list(COPIES.values()), ids=list(COPIES))
def test_a_copy_with_invisible_characters_is_verbatim(copy: str) -> None:
    a, b = article_from_text(STORY, name="a.txt"), article_from_text(copy, name="b.txt")
    assert b.text == a.text and b.id == a.id
    assert compare(a, b, embedder=None).relation.kind == "verbatim"


def test_non_breaking_hyphens_read_as_hyphens() -> None:
    hyphened = STORY.replace("two months", "two-months").replace("main pier", "main-pier")
    a = article_from_text(hyphened, name="a.txt")
    b = article_from_text(hyphened.replace("-", "\u2011"), name="b.txt")
    c = article_from_text(hyphened.replace("-", "\u2010"), name="c.txt")
    assert a.text == b.text == c.text
    assert compare(a, b, embedder=None).relation.kind == "verbatim"


def test_every_path_cleans_html_json_and_dumps(tmp_path: Path) -> None:
    copy = COPIES["zero-width space in 5 words"]
    plain = article_from_text(STORY, name="a.txt").text
    paras = "".join(f"<p>{p}</p>" for p in copy.replace("\u200b", "&#8203;").split("\n\n"))
    html = f"<html><head><title>Ferry\u200b terminal late</title></head><body><article>{paras}</article></body></html>"
    from_html = article_from_bytes(html.encode("utf-8"), name="b.html")
    assert "\u200b" not in from_html.text and all(p in from_html.text for p in plain.split("\n\n"))
    assert from_html.title is not None and "\u200b" not in from_html.title
    record = {"text": copy, "title": "Ferry\ufeff terminal", "byline": "By Ana\u200b Lima"}
    got = article_from_record(record, name="r")
    assert got.text == plain and got.title == "Ferry terminal" and got.byline == "By Ana Lima"
    dump = tmp_path / "d.jsonl"
    dump.write_text(json.dumps({"text": copy}) + "\n", encoding="utf-8")
    ((_where, article),) = list(read_records(dump))
    assert not isinstance(article, Exception) and article.text == plain


def test_joiners_that_spell_words_are_kept() -> None:
    persian = "می\u200cخواهم"  # ZWNJ: "I want", written apart from the prefix
    family = "\U0001F468\u200d\U0001F469\u200d\U0001F467"  # ZWJ: one emoji
    clean_text = ingest.clean_text
    assert clean_text(f"{persian} {family}") == f"{persian} {family}"
    assert clean_text("e\u0301te\u0301") == "été"  # and NFC as before
    assert clean_text("co\u00adop\u200ber\u2060a\ufefftive\u2011run") == "cooperative-run"
    # a paragraph of invisible characters alone is no paragraph
    text = article_from_text(STORY.replace("\n\n", "\n\n\u200b\u200b\n\n", 1), name="a.txt").text
    assert text == article_from_text(STORY, name="a.txt").text
