"""How a sibling line names an article (stories._name): as the pages do. Made-up articles only."""

from __future__ import annotations

from wiretrace.records import Article
from wiretrace.stories import _name


def _article(**kw: object) -> Article:
    base = {"id": "a1b2c3d4e5f60718", "url": None, "title": "Harbour board approves the new ferry timetable",
            "text": "The harbour board approved the timetable on Monday.", "language": "en"}
    return Article(**{**base, **kw})  # type: ignore[arg-type]


def test_an_agency_copy_without_a_site_is_named_as_the_pages_name_it() -> None:
    a = _article(credit="AFP")
    assert _name(a.id, {a.id: a}) == "AFP (wire) #a1b2c3d4"


def test_a_site_wins_and_neither_gives_the_title() -> None:
    a = _article(site="paper.example", credit="AFP")
    assert _name(a.id, {a.id: a}) == "paper.example #a1b2c3d4"
    b = _article()
    assert _name(b.id, {b.id: b}) == "“Harbour board approves the new ferry…” #a1b2c3d4"
    assert _name("ffffffffffffffff", {}) == "#ffffffff"


def test_pages_name_an_untitled_article_by_the_start_of_its_text(tmp_path: object) -> None:
    """serve's article page (its heading, its sources and siblings) as the CLI's rows and the sibling lists name an
    untitled article: "(no title)" and its first words, not a bare id."""
    import warnings
    from pathlib import Path

    import numpy as np

    from test_siblings import HUMAN, MACHINE, ORIG, two_translations
    from wiretrace.compare import CompareConfig
    from wiretrace.report.html import shown_title
    from wiretrace.serve import create_app
    from wiretrace.store import SQLiteStore

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*httpx2")
        from fastapi.testclient import TestClient

    arts = {"orig": Article(id="orig", text=ORIG, title="Hafenrat genehmigt Fahrplan"),
            "human": Article(id="human", text=HUMAN, title=None),
            "machine": Article(id="machine", text=MACHINE, title="Harbour board approves timetable")}
    lead = shown_title(arts["human"])
    assert lead.startswith("(no title) “") and lead.endswith("”") and HUMAN.split()[0] in lead
    assert shown_title(Article(id="e", text=" ", title=None)) == "e"
    path = Path(str(tmp_path)) / "s.db"
    store = SQLiteStore(path)
    sig = np.zeros(4, dtype=np.uint32)
    store.add_batch([("in", str(i), a, sig, []) for i, a in enumerate(arts.values())], [])
    store.import_relations(two_translations("rewrite"), link_all=True)
    store.close()
    with TestClient(create_app(path, cfg=CompareConfig(embedder=None))) as c:
        own = c.get("/articles/human").text
        other = c.get("/articles/machine").text
    assert f">{lead}</h1>" in own and ">human</h1>" not in own
    assert f">{lead}</a>" in other  # its sibling's page names it the same way
