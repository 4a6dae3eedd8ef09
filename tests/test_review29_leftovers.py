"""Review of session 29, the leftovers of session 28's review (made-up text only): Tibetan was read as Dzongkha, a
JSON "\\u0000" kept a NUL in the text, a table-only page was kept as an article, a folder given twice was walked
twice; and three twins made one (``SQLiteStore._ref_keys``, the terminal's control characters, ``titled``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wiretrace.compare import CompareConfig
from wiretrace.engines.local import IndexConfig, IndexReport, index
from wiretrace.errors import InputError
from wiretrace.ingest import TEXT_RECIPE, article_from_bytes, article_from_record, article_from_text
from wiretrace.ingest.sources import RawReject, iter_records
from wiretrace.store import SQLiteStore

#: Made-up Tibetan: "the town council of Lhasa decided to build a new bridge" / "the mayor said work starts next year".
TIBETAN = ("ལྷ་ས་གྲོང་ཁྱེར་གྱི་ཚོགས་ཆུང་གིས་ཟམ་པ་གསར་པ་ཞིག་བཟོ་རྒྱུའི་ཐག་གཅོད་བྱས། " * 3
           + "ལོ་རྗེས་མར་ལས་ཀ་འགོ་འཛུགས་རྒྱུ་ཡིན་ཞེས་གྲོང་དཔོན་གྱིས་བཤད། " * 3)
STORY = ("The harbour board of Lindmouth met on Tuesday to discuss the plan for the new quay. Members said the cost "
         "had risen by a third since spring, and that the work would now end in the autumn of next year.")


def _index(*paths: Path | str, db: Path) -> IndexReport:
    return index([str(p) for p in paths], db=str(db), cfg=IndexConfig(workers=1, compare=CompareConfig(embedder=None)))


# --- Tibetan ---------------------------------------------------------------------------------------------------

def test_tibetan_script_is_read_as_tibetan_unless_declared_dzongkha() -> None:
    assert article_from_text(TIBETAN, name="t.txt").language == "bo"  # py3langid alone says "dz"
    assert article_from_record({"text": TIBETAN, "language": "dz"}, name="r").language == "dz"
    assert article_from_record({"text": TIBETAN, "language": "bo-CN"}, name="r").language == "bo"
    assert article_from_record({"text": TIBETAN, "language": "en"}, name="r").language == "bo"
    page = f"<html lang='dz'><body><p>{TIBETAN}</p></body></html>".encode()
    assert article_from_bytes(page, name="p.html").language == "dz"


def test_the_uncovered_line_names_tibetan() -> None:
    from wiretrace.cli import uncovered_summary

    lang = article_from_text(TIBETAN, name="t.txt").language
    assert lang is not None
    line = uncovered_summary({lang: 1}, "use-multilingual-v3")
    assert "Tibetan (bo): 1" in line and "Dzongkha" not in line


# --- NUL ------------------------------------------------------------------------------------------------------

def test_a_json_nul_is_dropped_as_a_files_nul_byte_is() -> None:
    from_json = article_from_bytes(json.dumps({"text": STORY.replace("quay.", "quay.\u0000")}).encode(),
                                   name="a.json")
    from_file = article_from_bytes(STORY.replace("quay.", "quay.\x00").encode(), name="a.txt")
    assert "\x00" not in from_json.text
    assert from_json.text == from_file.text == article_from_text(STORY, name="b.txt").text
    assert from_json.id == from_file.id
    titled = article_from_record({"text": STORY, "title": "New\u0000 quay"}, name="r")
    assert titled.title == "New quay"


def _as_older_code_left_it(db: Path, fix: str, value: str) -> None:
    """The store as a run of recipe 1 left it: ``fix`` ("text" / "language") set to ``value``."""
    store = SQLiteStore(db)
    try:
        if fix == "text":
            store.db.execute("UPDATE inputs SET article_id='old-a'")
            store.db.execute("UPDATE articles SET id='old-a', text=?", (value,))
        else:
            store.db.execute("UPDATE articles SET language=?", (value,))
        store.db.execute("UPDATE meta SET value='nfc+invisible-1' WHERE key='text_recipe'")
    finally:
        store.close()


def test_a_store_of_recipe_1_reads_its_nul_articles_again(tmp_path: Path) -> None:
    """SQLite's GLOB stops at a NUL: the files of stored articles that hold one are found (``instr``), read again
    once, their article stored NUL-free under its new id, the old one dropped."""
    dump = tmp_path / "d.jsonl"
    dump.write_text(json.dumps({"url": "https://ex.test/1", "text": STORY}) + "\n", encoding="utf-8")
    db = tmp_path / "w.db"
    _index(dump, db=db)
    _as_older_code_left_it(db, "text", STORY.replace("quay.", "quay.\x00"))
    again = _index(dump, db=db)
    assert (again.records, again.dropped) == (1, 1)
    store = SQLiteStore(db, readonly=True)
    try:
        assert [a.text for a in store.articles()] == [article_from_text(STORY, name="x").text]
        assert store.meta("text_recipe") == TEXT_RECIPE
    finally:
        store.close()
    assert _index(dump, db=db).records == 0  # once


def test_a_store_of_recipe_1_reads_its_tibetan_articles_again(tmp_path: Path) -> None:
    """A Tibetan article stored as Dzongkha is read again once, and stored as Tibetan (same id: its row's language
    is rewritten); an English one is not read again."""
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "bo.txt").write_text(TIBETAN, encoding="utf-8")
    db = tmp_path / "w.db"
    _index(tmp_path / "c", db=db)
    _as_older_code_left_it(db, "language", "dz")
    (tmp_path / "c" / "en.txt").write_text(STORY, encoding="utf-8")
    again = _index(tmp_path / "c", db=db)
    assert again.records == 2 and again.dropped == 0  # bo.txt again, en.txt new
    assert _index(tmp_path / "c", db=db).records == 0
    store = SQLiteStore(db, readonly=True)
    try:
        assert sorted(a.language or "" for a in store.articles()) == ["bo", "en"]
    finally:
        store.close()


# --- a table-only page ----------------------------------------------------------------------------------------

def _table(cells: list[list[str]]) -> bytes:
    rows = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in cells)
    return f"<html><head><title>League</title></head><body><h1>League</h1><table>{rows}</table></body></html>".encode()


def test_a_table_only_page_is_no_article() -> None:
    league = [["Team", "Won", "Points", "Lost"], *([f"Team {c}", str(i), str(2 * i), str(30 - i)]
                                                  for i, c in enumerate("ABCDEFGHIJKLMNOPQRST"))]
    with pytest.raises(InputError, match="not an article: the page is a table without running text"):
        article_from_bytes(_table(league), name="league.html")


def test_a_page_laid_out_in_a_table_keeps_its_article() -> None:
    """As 2 of the 181 AEB pages: the whole article in one cell of a layout table."""
    article = article_from_bytes(_table([["", STORY], ["", STORY.replace("Lindmouth", "Eastmouth")]]), name="p.html")
    assert "Lindmouth" in article.text and "Eastmouth" in article.text


# --- a folder given twice -------------------------------------------------------------------------------------

@pytest.fixture
def folder(tmp_path: Path) -> Path:
    d = tmp_path / "f"
    (d / "sub").mkdir(parents=True)
    (d / "a.txt").write_text(STORY, encoding="utf-8")
    (d / "sub" / "b.txt").write_text(STORY.replace("Lindmouth", "Eastmouth"), encoding="utf-8")
    (d / "sub" / "n.csv").write_text("x\n", encoding="utf-8")
    return d


def _walk(paths: list[str]) -> tuple[list[str], list[tuple[str, str]]]:
    notes: list[tuple[str, str]] = []
    got = [r.path + ("!" if isinstance(r, RawReject) else "") for r in iter_records(
        paths, notes=lambda p, n: notes.append((p, n)))]
    return got, notes


def test_a_folder_given_twice_is_walked_once(folder: Path) -> None:
    once, _ = _walk([str(folder)])
    assert len(once) == 3  # a.txt, sub/b.txt, sub/n.csv (not read: listed)
    twice, notes = _walk([str(folder), str(folder) + "/"])
    assert twice == once
    assert notes == [(str(folder) + "/", "given twice: walked once")]


def test_a_folder_inside_one_given_is_walked_with_it(folder: Path) -> None:
    once, _ = _walk([str(folder)])
    after, notes = _walk([str(folder), str(folder / "sub")])
    assert after == once and notes == [(str(folder / "sub"), f"inside {folder}, also given: walked with it")]
    before, notes = _walk([str(folder / "sub"), str(folder)])  # the inner folder first: its files are not listed again
    assert sorted(before) == sorted(once) and notes == []


def test_the_cli_counts_a_skipped_file_once(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from wiretrace.cli import main

    assert main(["index", str(folder), str(folder), "--db", str(folder.parent / "w.db"), "--lexical",
                 "--workers", "1"]) == 0
    out, err = capsys.readouterr()
    assert "1 file of other kinds not read" in out, out
    assert "1 .csv file not read" in err and "given twice: walked once" in err


# --- twins ------------------------------------------------------------------------------------------------------

def test_rejected_finds_a_typed_path_as_find_does(tmp_path: Path) -> None:
    """A store written before inputs were keyed by the resolved path holds the path as typed ("corpus/x.txt"):
    `trace ./corpus/x.txt` found its article (``find``) but not why a file was skipped (``rejected``)."""
    store = SQLiteStore(tmp_path / "w.db")
    try:
        with store._tx():
            store.db.execute("INSERT INTO rejects (path, record, reason) VALUES ('corpus/x.txt', '', 'empty file')")
        assert store.rejected("./corpus/x.txt") == [("", "empty file")]
        assert store.rejected("corpus//x.txt:line 3") == []
    finally:
        store.close()


def test_the_terminal_control_pattern_is_the_table() -> None:
    from wiretrace.report.terminal import _CONTROL, _UNPRINTABLE

    assert {c for c in range(0x3000) if _CONTROL.search(chr(c))} == set(_UNPRINTABLE)


def test_one_title_rule_for_rows_and_pages() -> None:
    from wiretrace.cli import shown_title as row_title
    from wiretrace.report.pictures import shown_title as page_title

    untitled = article_from_text(STORY, name="a.txt")
    assert untitled.title is None
    assert row_title(None, untitled) == page_title(untitled) and page_title(untitled).startswith("(no title) “The ")
    assert row_title("Quay", untitled) == "Quay"
    assert row_title(None, None) == "(no title)"  # the row prints the id; a page names the article by it


# --- part 2: the user's review ----------------------------------------------------------------------------------

def test_the_progress_rate_of_a_stage_counts_from_its_own_start(capsys: pytest.CaptureFixture[str]) -> None:
    """`index` on a real folder: "link: 2/1353 (0.0/s, ETA 65470 s)" - the link's rate was spread over the
    ingest's minutes before it."""
    from wiretrace import cli

    now = [100.0]
    show = cli._progress(tty=True, clock=lambda: now[0])
    for done in (500, 1000):  # the ingest: 1,000 records in 100 s
        now[0] += 50.0
        show("ingest", done, None)
    now[0] += 10.0
    show("link", 10, 100)  # 10 of 100 in the 10 s since the ingest's last count
    err = capsys.readouterr().err
    assert err.endswith("\rlink: 10/100 (1.0/s, ETA 90 s)   "), err


@pytest.fixture
def small_store(tmp_path: Path) -> tuple[Path, Path]:
    d = tmp_path / "c"
    d.mkdir()
    (d / "a.txt").write_text("Quay plan\n\n" + STORY, encoding="utf-8")
    (d / "b.txt").write_text("Quay plan agreed\n\n" + STORY + " The board will meet again in June.", encoding="utf-8")
    db = tmp_path / "s.db"
    _index(d, db=db)
    return d, db


def test_trace_of_a_folder_or_a_short_id_says_what_it_takes(small_store: tuple[Path, Path],
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    from wiretrace.cli import main

    folder, db = small_store
    assert main(["trace", str(folder), "--db", str(db)]) != 0
    assert "is a folder: trace takes one article" in capsys.readouterr().err
    assert main(["trace", "76c1", "--db", str(db)]) != 0
    assert "an id prefix needs 8 characters or more" in capsys.readouterr().err
    assert main(["trace", "no-such-article", "--db", str(db)]) != 0
    assert capsys.readouterr().err.rstrip().endswith("no article with this id, url or path in the store")


def test_the_sites_table_says_what_its_columns_count(small_store: tuple[Path, Path],
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    from wiretrace.cli import main

    assert main(["sites", "--db", str(small_store[1])]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "derived: the share of the site's articles taken from another article" in out
    assert "Most derived articles first" in out


def test_a_storys_undrawn_pairs_name_their_articles(capsys: pytest.CaptureFixture[str]) -> None:
    """`stories` printed "also verbatim: 0545c764...(16) -> eb690d9f...(16)": two full ids, nothing said of them."""
    from wiretrace.cli import _print_links

    a = article_from_text("Quay plan\n\n" + STORY, name="a.txt")
    b = article_from_bytes(json.dumps({"text": STORY + " Work starts in May.", "site": "Harbour News"}).encode(),
                           name="b.json")
    _print_links([{"a": a.id, "b": b.id, "relation": "verbatim", "direction": "unknown"}], {a.id: a, b.id: b})
    out = capsys.readouterr().out.splitlines()
    assert out == ["  also derived, not drawn above (the tree hangs each article under one source):",
                   f"    verbatim: “Quay plan” #{a.id[:8]} -> Harbour News #{b.id[:8]} (which came first is not known)"]
    _print_links([], {})
    assert capsys.readouterr().out == ""


def test_the_report_and_serve_say_what_the_sites_columns_count(small_store: tuple[Path, Path], tmp_path: Path) -> None:
    import warnings

    from wiretrace.report.html import write_report
    from wiretrace.report.layout import SITES_NOTE
    from wiretrace.serve import create_app

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*httpx2")
        from fastapi.testclient import TestClient

    _folder, db = small_store
    write_report(str(db), tmp_path / "rep", cfg=CompareConfig(embedder=None))
    from markupsafe import escape

    noted = str(escape(SITES_NOTE.split(";")[0]))  # "derived: the share of ... counts for neither)"
    assert noted in (tmp_path / "rep" / "index.html").read_text(encoding="utf-8")
    page = TestClient(create_app(str(db), cfg=CompareConfig(embedder=None))).get("/sites")
    assert page.status_code == 200 and noted in page.text


def test_a_pair_page_names_an_untitled_article_as_the_trees_do() -> None:
    from wiretrace.compare import Comparer
    from wiretrace.report.html import pair_context

    a = article_from_text(STORY, name="a.txt")
    b = article_from_text("Quay plan\n\n" + STORY + " Work starts in May.", name="b.txt")
    ctx = pair_context(Comparer(CompareConfig(embedder=None)).compare(a, b))
    assert ctx["title"] == "(no title) “The harbour board of Lindmouth met on…” → Quay plan", ctx["title"]
    assert a.id not in ctx["title"] and a.id not in str(ctx["heading"])
    assert "(no title) “The harbour board" in str(ctx["heading"])


def test_counts_take_the_number_of_their_noun() -> None:
    """"1 record read, 1 new article", not "1 records read, 1 new articles" (session 29's closing read)."""
    from wiretrace.cli import _count

    assert _count(1, "record") == "1 record"
    assert _count(0, "record") == "0 records"
    assert _count(2, "story", "stories") == "2 stories"
    assert _count(1, "story", "stories") == "1 story"
