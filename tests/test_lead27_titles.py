"""Every view names an untitled article the same way: "(no title)" and the start of its text (stories.text_lead),
never a bare id: the CLI's rows, the provenance trees and story headings of serve and of the static report, serve's
pair, site and search pages. Made-up articles only."""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np

from test_siblings import HUMAN, MACHINE, ORIG, two_translations
from wiretrace.cli import shown_title as row_title
from wiretrace.compare import CompareConfig
from wiretrace.records import Article
from wiretrace.report.html import shown_title, write_report
from wiretrace.report.pictures import named
from wiretrace.store import SQLiteStore
from wiretrace.stories import text_lead


def test_the_cli_cuts_a_cjk_lead_as_the_pages_do() -> None:
    text = "港湾委員会は火曜日に新しいフェリーの時刻表を承認し、十四隻のフェリーが月曜日から運航する予定だと発表した。"
    a = Article(id="j", text=text, title=None)
    assert row_title(None, a) == f"(no title) “{text_lead(text)}”"
    assert len(text_lead(text)) == 21  # 20 wide characters fill the 40 columns, then "…"
    assert row_title(None, a) == shown_title(a)
    assert row_title("A title", a) == "A title"
    assert row_title(None, None) == "(no title)"


def test_named_nodes_carry_what_the_pages_show() -> None:
    arts = {"h": Article(id="h", text=HUMAN, title=None), "o": Article(id="o", text=ORIG, title="Hafenrat")}
    node = {"id": "o", "title": "Hafenrat", "site": None, "copies": [
        {"id": "h", "title": None, "site": None, "copies": []},
        {"id": "gone", "title": None, "site": None, "copies": []}]}
    out = named(node, arts)
    assert out["shown"] == "Hafenrat"
    assert out["copies"][0]["shown"] == shown_title(arts["h"]) != "h"
    assert out["copies"][1]["shown"] == "gone"  # not in the store: its id, as before


def _store(tmp_path: Path) -> tuple[Path, dict[str, Article]]:
    arts = {"orig": Article(id="orig", text=ORIG, title=None),
            "human": Article(id="human", text=HUMAN, title=None, site="harbour.example"),
            "machine": Article(id="machine", text=MACHINE, title="Harbour board approves timetable")}
    path = tmp_path / "s.db"
    store = SQLiteStore(path)
    sig = np.zeros(4, dtype=np.uint32)
    store.add_batch([("in", str(i), a, sig, []) for i, a in enumerate(arts.values())], [])
    store.import_relations(two_translations("rewrite"), link_all=True)
    store.close()
    return path, arts


def test_serve_trees_headings_pair_and_site_pages_name_untitled_articles(tmp_path: Path) -> None:
    from wiretrace.serve import create_app

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*httpx2")
        from fastapi.testclient import TestClient

    path, arts = _store(tmp_path)
    orig, human = shown_title(arts["orig"]), shown_title(arts["human"])
    with TestClient(create_app(path, cfg=CompareConfig(embedder=None))) as c:
        stories = c.get("/stories").text
        story = c.get("/stories/1").text
        pair = c.get("/pairs/orig/human", params={"lexical": True}).text
        site = c.get("/sites/harbour.example").text
        search = c.get("/search", params={"q": "harbour"}).text
    assert f"<bdi>{orig}</bdi>" in stories and "<bdi>orig</bdi>" not in stories
    assert f"<h1>Story 1: <bdi>{orig}</bdi></h1>" in story
    assert f">{human}</a>" in story and ">human</a>" not in story  # the tree
    assert f"<bdi>{orig}</bdi></a>" in pair and f"<bdi>{human}</bdi></a>" in pair
    assert "<bdi>orig</bdi>" not in pair
    assert f">{human}</a></td>" in site and ">human</a></td>" not in site
    assert f">{human}</a>" in search and ">human</a>" not in search  # a search hit


def test_the_static_report_names_untitled_articles(tmp_path: Path) -> None:
    path, arts = _store(tmp_path)
    index = write_report(str(path), tmp_path / "report", cfg=CompareConfig(embedder=None))
    page = index.read_text(encoding="utf-8")
    orig, human = shown_title(arts["orig"]), shown_title(arts["human"])
    assert f"<bdi>{orig}</bdi>" in page and f">{human}</strong>" in page
    assert ">human</strong>" not in page
    pair = next((tmp_path / "report" / "pairs").glob("orig_human.html")).read_text(encoding="utf-8")
    assert f"a: <bdi dir=\"auto\">{orig}</bdi>" in pair and "(no title)</bdi>" not in pair
