"""Siblings in every view (session 26): the web UI's story and article pages, the static report and its graph
picture list two articles derived from one common source, not from each other, with their plain line; a Spark
run's stories carry them as the local store's do. Made-up texts and stored relations only (as test_siblings)."""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from test_siblings import HUMAN, MACHINE, ORIG, articles, two_translations
from wiretrace.cli import main
from wiretrace.compare import CompareConfig
from wiretrace.records import Article
from wiretrace.report.html import sibling_rows, write_report
from wiretrace.report.pictures import graph_svg, named, story_marks, story_siblings
from wiretrace.serve import create_app
from wiretrace.store import SQLiteStore, StoredRelation
from wiretrace.stories import build_stories

with warnings.catch_warnings():  # starlette asks for httpx2 over httpx; the client works the same
    warnings.filterwarnings("ignore", message=".*httpx2")
    from fastapi.testclient import TestClient

LEXICAL = CompareConfig(embedder=None)
HOSTILE_TITLE = "<img src=x onerror=alert(5)>Ferries <b>back</b>"


def texts() -> dict[str, Article]:
    arts = articles(orig=ORIG, human=HUMAN, machine=MACHINE)
    langs = {"orig": "de", "human": "en", "machine": "en"}
    titles = {"orig": "Hafenrat genehmigt Fahrplan", "human": "Harbour board approves timetable",
              "machine": HOSTILE_TITLE}
    return {k: Article(id=a.id, text=a.text, title=titles[k], site=a.site, language=langs[k],
                       date=f"2026-03-0{i + 1}T09:00:00Z") for i, (k, a) in enumerate(arts.items())}


def relations() -> list[StoredRelation]:
    return two_translations("rewrite")


def record() -> dict[str, Any]:
    arts = texts()
    [story] = build_stories(arts, relations())
    return named(story.to_dict(arts), arts)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of the three made-up articles and relate's records of the review's pair."""
    path = tmp_path_factory.mktemp("sib") / "s.db"
    store = SQLiteStore(path)
    sig = np.zeros(4, dtype=np.uint32)
    store.add_batch([("in", str(i), a, sig, []) for i, a in enumerate(texts().values())], [])
    store.import_relations(relations(), link_all=True)
    store.close()
    return path


@pytest.fixture(scope="module")
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(db, cfg=LEXICAL)) as c:
        yield c


# -- the graph picture ---------------------------------------------------------------------------
def test_siblings_under_their_common_source_get_no_line_of_their_own() -> None:
    """The tree draws them side by side under it: a line between them would say nothing more."""
    s = record()
    assert s["siblings"][0]["of"] == "orig" and story_siblings(s) == []


def test_the_graph_joins_siblings_by_a_dash_dot_line_with_words() -> None:
    s = record()
    s["siblings"][0]["of"] = "elsewhere"  # the tree does not hang the two under the source their line names
    why = s["siblings"][0]["why"]
    svg = str(graph_svg(story_marks(s), lambda aid: f"#a-{aid}", story_siblings(s)))
    [line] = re.findall(r'<g class="sibling-edge" data-a="(\w+)" data-b="(\w+)"><title>([^<]*)</title>', svg)
    assert line[:2] == ("human", "machine")
    assert line[2] == f"sibling: human.example and machine.example: {why}"
    assert svg.count('class="sibling-link"') == 1
    # both boxes say it in words (readable without colour), their link labels name the other
    for aid, other in (("human", "machine"), ("machine", "human")):
        box = re.search(rf'<g class="node rel-translation" data-id="{aid}">.*?</g>', svg)
        assert box is not None, aid
        assert ">translation · sibling</text>" in box.group(0)
        assert f"sibling of {other}.example (not derived from each other)" in box.group(0)
    assert 'class="node rel-source" data-id="orig"' in svg  # the common source is no sibling
    # a wider picture: the line runs right of the boxes, inside it
    widths = re.search(r'viewBox="0 0 (\d+) ', svg)
    plain = re.search(r'viewBox="0 0 (\d+) ', str(graph_svg(story_marks(s), lambda aid: None)))
    assert widths and plain and int(widths.group(1)) > int(plain.group(1))


def test_a_graph_without_siblings_is_drawn_as_before() -> None:
    s = record()
    marks = story_marks(s)
    plain = str(graph_svg(marks, lambda aid: None))
    assert "sibling" not in plain
    assert str(graph_svg(marks, lambda aid: None, [])) == plain
    # a pair whose articles are not both in the picture is left out, not drawn to nowhere
    assert str(graph_svg(marks, lambda aid: None, [("human", "elsewhere", "x")])) == plain


def test_sibling_rows_name_both_articles_and_the_common_source() -> None:
    arts = texts()
    [row] = sibling_rows(record(), arts)
    assert row["a"] == {"id": "human", "title": "Harbour board approves timetable", "site": "human.example",
                        "language": "en"}
    assert row["b"]["title"] == HOSTILE_TITLE and row["of"]["id"] == "orig"
    assert row["relation"] == "rewrite" and row["why"].startswith("both derive from orig.example #orig")
    assert sibling_rows({"id": 1, "root": {}, "independent": []}, arts) == []


# -- wiretrace serve -----------------------------------------------------------------------------
def test_the_story_page_lists_each_sibling_pair_with_its_line_and_links(client: TestClient) -> None:
    [story] = client.get("/api/stories").json()
    why = story["siblings"][0]["why"]
    page = client.get(f"/stories/{story['id']}").text
    assert "<h2>Siblings</h2>" in page
    item = re.search(r'<li class="sibling" data-a="human" data-b="machine">.*?</li>', page, re.S)
    assert item is not None
    li = item.group(0)
    assert 'href="/articles/human"' in li and 'href="/articles/machine"' in li and 'href="/articles/orig"' in li
    assert 'href="/pairs/human/machine"' in li
    assert f'<span class="why">{why}</span>' in li
    assert "relate read the pair as rewrite" in li
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(5)&gt;Ferries &lt;b&gt;back&lt;/b&gt;" in li
    assert page.count('class="sibling-edge"') == 0  # both hang under orig: the graph needs no line between them
    assert client.get("/pairs/human/machine").status_code == 200


def test_the_article_page_names_its_sibling_and_why(client: TestClient) -> None:
    page = client.get("/articles/machine").text
    assert "<h2>Siblings</h2>" in page
    item = re.search(r'<li class="sibling" data-id="human">.*?</li>', page, re.S)
    assert item is not None
    li = item.group(0)
    assert 'href="/articles/human"' in li and 'href="/pairs/machine/human"' in li and 'href="/articles/orig"' in li
    assert "both derive from orig.example #orig (each translated from it), not from each other" in li
    assert "<h2>Siblings</h2>" not in client.get("/articles/orig").text  # the common source has none
    # and the order of the page: where it came from, its siblings, where it went
    assert page.index("<h2>Came from</h2>") < page.index("<h2>Siblings</h2>") < page.index("<h2>Went to</h2>")


def test_a_story_without_siblings_shows_no_section(tmp_path: Path) -> None:
    path = tmp_path / "n.db"
    store = SQLiteStore(path)
    sig = np.zeros(4, dtype=np.uint32)
    arts = texts()
    store.add_batch([("in", str(i), a, sig, []) for i, a in enumerate(arts.values())], [])
    store.import_relations(relations()[:2], link_all=True)  # no pair between the two translations
    store.close()
    with TestClient(create_app(path, cfg=LEXICAL)) as c:
        [story] = c.get("/api/stories").json()
        assert "siblings" not in story
        assert "Siblings" not in c.get(f"/stories/{story['id']}").text
        assert "Siblings" not in c.get("/articles/human").text


# -- the static report ---------------------------------------------------------------------------
def test_the_report_lists_siblings_under_their_story(db: Path, tmp_path: Path) -> None:
    index = write_report(str(db), tmp_path / "report", cfg=LEXICAL)
    page = index.read_text(encoding="utf-8")
    fold = re.search(r'<details class="siblings"><summary>(.*?)</summary>(.*?)</details>', page, re.S)
    assert fold is not None
    assert fold.group(1) == "Siblings: 1 pair derived from one common source, not from each other " \
                            "(neither drawn under the other)"
    li = fold.group(2)
    assert 'href="#a-human"' in li and 'href="#a-machine"' in li and 'href="#a-orig"' in li
    assert "both derive from orig.example #orig (each translated from it), not from each other" in li
    assert 'id="a-human"' in page and 'id="a-machine"' in page  # the links land on the tree's articles
    assert "<img src=x" not in page
    assert page.count('class="sibling-edge"') == 0
    assert 'href="pairs/' in page and "/pairs/human/machine" not in page  # no pair page for siblings in a report


# -- a Spark run's stories -----------------------------------------------------------------------
def _spark_output(out: Path) -> None:
    """A Spark run's articles and relations tables as ``wiretrace spark index`` writes them (made up here: the
    stories of a run are built on the driver from these two tables by ``stories.build_stories``)."""
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    from wiretrace.store.imports import ARTICLE_COLUMNS, RELATION_COLUMNS

    arts = list(texts().values())
    rows: list[dict[str, Any]] = []
    for i, a in enumerate(arts):
        row = {c: getattr(a, c) for c in ARTICLE_COLUMNS}
        row.update(boilerplate=list(a.boilerplate), boilerplate_rules=list(a.boilerplate_rules),
                   signals=list(a.signals), file_ordinal=i, record_ordinal=0)
        rows.append(row)
    (out / "articles").mkdir(parents=True)
    pq.write_table(pa.Table.from_pylist(rows), out / "articles" / "part-00000.parquet")
    rels = [{"a": r.a, "b": r.b, "kind": r.kind, "a_in_b": r.a_in_b, "b_in_a": r.b_in_a, "source": r.source,
             "source_probability": r.source_probability, "evidence": list(r.evidence), "via": r.via,
             "features": json.dumps(r.features), "deciders": json.dumps(r.deciders)} for r in relations()]
    assert set(rels[0]) == set(RELATION_COLUMNS)
    (out / "relations").mkdir()
    pq.write_table(pa.Table.from_pylist(rels), out / "relations" / "part-00000.parquet")


def test_spark_stories_carry_the_siblings_of_the_local_store(tmp_path: Path, db: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "run"
    _spark_output(out)
    capsys.readouterr()
    assert main(["spark", "stories", str(out), "--json"]) == 0
    spark = json.loads(capsys.readouterr().out)
    assert main(["stories", "--db", str(db), "--json"]) == 0
    local = json.loads(capsys.readouterr().out)
    assert spark[0]["siblings"] == local[0]["siblings"]
    assert [(x["a"], x["b"], x["of"]) for x in spark[0]["siblings"]] == [("human", "machine", "orig")]
    assert main(["spark", "stories", str(out)]) == 0
    assert ("siblings: human.example #human and machine.example #machine both derive from orig.example #orig, "
            "not from each other") in capsys.readouterr().out
