"""Review of session 25's siblings (session 26): how the plain lines name articles, how `wiretrace stories` lists
sibling pairs, and serve's side-by-side page of a sibling pair. Made-up texts and stored relations only.

A new user saw "both derive from #dbf5a15e" where that article had a title (a text file's record has no site),
"the source relate named between them (p 1.00) is not drawn" without which of the two it was, full ids joined by
"~" on one line for three translations of one original, and a sibling pair's page that showed relate's stored
source ("source b (p = 1.00)") with no word that the story reads the two as siblings."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from test_siblings import HUMAN, MACHINE, ORIG, rel, two_translations
from wiretrace import cli
from wiretrace.compare import CompareConfig
from wiretrace.records import Article
from wiretrace.serve import create_app
from wiretrace.store import SQLiteStore, StoredRelation
from wiretrace.stories import _name, build_stories

with warnings.catch_warnings():  # starlette asks for httpx2 over httpx; the client works the same
    warnings.filterwarnings("ignore", message=".*httpx2")
    from fastapi.testclient import TestClient

HOSTILE = "<img src=x onerror=alert(5)>Ferries"


def no_site(**titles: str | None) -> dict[str, Article]:
    """The three made-up articles of test_siblings, read from text files: no site; ``titles`` by id."""
    texts = {"orig": ORIG, "human": HUMAN, "machine": MACHINE, "machine2": MACHINE.replace("schedule", "timetable")}
    return {aid: Article(id=aid, text=texts[aid], title=title) for aid, title in titles.items()}


# -- how a plain line names an article -------------------------------------------------------------
def test_an_article_with_a_site_is_named_by_it() -> None:
    arts = {"0123456789abcdef": Article(id="0123456789abcdef", text="x", title="A title", site="agency.example")}
    assert _name("0123456789abcdef", arts) == "agency.example #01234567"


def test_an_article_without_a_site_is_named_by_its_title_not_a_bare_id() -> None:
    arts = {"0123456789abcdef": Article(id="0123456789abcdef", text="x", title="Harbour board approves timetable")}
    assert _name("0123456789abcdef", arts) == "“Harbour board approves timetable” #01234567"


def test_a_long_title_is_cut_where_a_word_ends() -> None:
    title = "Harbour board approves a new ferry timetable after a three-hour meeting on Tuesday"
    arts = {"a": Article(id="a", text="x", title=title)}
    assert _name("a", arts) == "“Harbour board approves a new ferry…” #a"


def test_a_wide_title_counts_two_columns_a_character() -> None:
    title = "港湾委員会が新しいフェリー時刻表を承認した火曜日の会合で決定されました"  # no space: cut at 20 characters
    arts = {"a": Article(id="a", text="x", title=title)}
    assert _name("a", arts) == f"“{title[:20]}…” #a"


def test_an_article_with_no_title_is_named_by_the_start_of_its_text() -> None:
    arts = {"a": Article(id="a", text="The harbour board met.\n\nIt approved\tthe plan.", title=None)}
    assert _name("a", arts) == "“The harbour board met. It approved the…” #a"
    assert _name("unknown12345", arts) == "#unknown1"  # not in the store: the id alone
    assert _name("e", {"e": Article(id="e", text="  ", title=None)}) == "#e"


# -- the why line of a sibling pair ------------------------------------------------------------------
def test_the_why_line_names_the_titles_and_which_one_relate_read_as_the_source() -> None:
    arts = no_site(orig="Hafenrat genehmigt Fahrplan", human="Harbour board approves timetable",
                   machine="Port council approves schedule")
    [story] = build_stories(arts, two_translations())
    [sib] = story.siblings
    assert sib.why == ("both derive from “Hafenrat genehmigt Fahrplan” #orig (each translated from it), not from "
                       "each other; relate read “Port council approves schedule” #machine as taken from "
                       "“Harbour board approves timetable” #human (p 1.00): not drawn")


def test_the_why_line_of_a_pair_with_no_source_named_says_none() -> None:
    arts = no_site(orig="Hafenrat genehmigt Fahrplan", human="Harbour board approves timetable",
                   machine="Port council approves schedule")
    relations = [*two_translations()[:2], rel("human", "machine", "rewrite", src=None, p=0.5, exact=0.1)]
    [story] = build_stories(arts, relations)
    [sib] = story.siblings
    assert sib.why == "both derive from “Hafenrat genehmigt Fahrplan” #orig (each translated from it), not from " \
                      "each other"


# -- `wiretrace stories` ---------------------------------------------------------------------------------
def stories_out(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                arts: dict[str, Article], relations: list[StoredRelation]) -> list[str]:
    stories = build_stories(arts, relations)
    monkeypatch.setattr(cli, "_load", lambda args: (None, arts, stories))
    capsys.readouterr()
    assert cli.main(["stories", "--db", "unused.db"]) == 0
    return capsys.readouterr().out.splitlines()


def test_stories_says_one_pair_in_one_line_by_name(monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    arts = no_site(orig="Hafenrat genehmigt Fahrplan", human="Harbour board approves timetable",
                   machine="Port council approves schedule")
    out = stories_out(monkeypatch, capsys, arts, two_translations())
    assert out[-1] == ("  siblings: “Harbour board approves timetable” #human and “Port council approves "
                       "schedule” #machine both derive from “Hafenrat genehmigt Fahrplan” #orig, not from each other")


def test_stories_lists_a_group_of_three_one_article_a_line(monkeypatch: pytest.MonkeyPatch,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    # three translations of one original, every two of them siblings: three pairs, said as one group
    arts = no_site(orig="Hafenrat genehmigt Fahrplan", human="Harbour board approves timetable",
                   machine="Port council approves schedule", machine2=None)
    relations = [*two_translations(),
                 rel("orig", "machine2", "translation", src="orig", p=0.9),
                 rel("human", "machine2", "edited_copy", src="human", p=0.9, exact=0.1),
                 rel("machine", "machine2", "edited_copy", src=None, p=0.5, exact=0.34)]
    out = stories_out(monkeypatch, capsys, arts, relations)
    assert out[-4:] == ["  siblings: each derives from “Hafenrat genehmigt Fahrplan” #orig, none from another:",
                        "    “Harbour board approves timetable” #human",
                        "    “Port council approves schedule” #machine",
                        "    “On Tuesday the port council approved a…” #machine2"]
    assert not any("~" in line for line in out)


def test_stories_lists_pairs_that_are_no_whole_group_one_a_line(capsys: pytest.CaptureFixture[str]) -> None:
    arts = no_site(orig="Hafenrat genehmigt Fahrplan", human="Harbour board approves timetable",
                   machine="Port council approves schedule", machine2="Port council sets timetable")
    cli._print_siblings([{"a": "human", "b": "machine", "of": "orig", "relation": "rewrite", "why": ""},
                         {"a": "human", "b": "machine2", "of": "orig", "relation": "rewrite", "why": ""}], arts)
    assert capsys.readouterr().out.splitlines() == [
        "  siblings, each pair derived from “Hafenrat genehmigt Fahrplan” #orig, not from each other:",
        "    “Harbour board approves timetable” #human ~ “Port council approves schedule” #machine",
        "    “Harbour board approves timetable” #human ~ “Port council sets timetable” #machine2"]


# -- serve's page of a sibling pair ----------------------------------------------------------------------
@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    path = tmp_path_factory.mktemp("rev26") / "s.db"
    arts = no_site(orig="Hafenrat genehmigt Fahrplan", human="Harbour board approves timetable", machine=HOSTILE)
    store = SQLiteStore(path)
    sig = np.zeros(4, dtype=np.uint32)
    store.add_batch([("in", str(i), a, sig, []) for i, a in enumerate(arts.values())], [])
    store.import_relations(two_translations("rewrite"), link_all=True)
    store.close()
    with TestClient(create_app(Path(path), cfg=CompareConfig(embedder=None))) as c:
        yield c


def test_a_sibling_pairs_page_says_the_story_reads_them_as_siblings(client: TestClient) -> None:
    page = client.get("/pairs/human/machine").text
    assert "The index stored: rewrite, source a (p = 1.00)" in page  # relate's stored source is still shown
    note = page[page.index('<p class="meta sibling-pair">'):]
    note = note[:note.index("</p>")]
    assert note.startswith('<p class="meta sibling-pair">Siblings in story 1: both derive from '
                           "“Hafenrat genehmigt Fahrplan” #orig (each translated from it), not from each other; "
                           "relate read “&lt;img src=x onerror=alert(5)&gt;Ferries” #machine as taken from "
                           "“Harbour board approves timetable” #human (p 1.00): not drawn. "
                           "The story draws neither under the other")
    assert '<a href="/articles/orig"' in note and ">Hafenrat genehmigt Fahrplan</a>" in note
    assert "this comparison's reading of the two alone" in note
    assert "<img src=x" not in page
    # the same pair asked the other way round
    assert 'class="meta sibling-pair"' in client.get("/pairs/machine/human").text


def test_a_pair_drawn_in_the_tree_has_no_sibling_note(client: TestClient) -> None:
    page = client.get("/pairs/orig/human").text
    assert "The index stored: translation" in page
    assert "sibling-pair" not in page
