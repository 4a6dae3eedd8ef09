"""stories: a copy of a translation hangs under the translation, not under the original (session 26).

The mirror of the sibling rule: two articles relate named both translated from one original, of which either
carries ``_COPIED`` of its sentences word for word into the other, are a copy of each other. Dev bed of WMT22
references with an edited copy each: relate left the copy~reference pair undecided (no dates, symmetric edits)
and the copy hung under the original by its translation edge (13 of 16). Made-up texts and records only."""

from __future__ import annotations

from wiretrace.records import Article
from wiretrace.store import StoredRelation
from wiretrace.stories import Story, build_stories

ORIG = ("Der Hafenrat genehmigte am Dienstag einen neuen Fahrplan. 14 Fähren fahren ab Montag. "
        "Die Reparatur der Mole kostet 4 Millionen Euro.")
HUMAN = ("The harbour board approved a new ferry timetable on Tuesday. 14 ferries will sail from Monday. "
         "Repairing the pier will cost 4 million euros.")
# an edited copy of the human translation: its sentences carried word for word, one figure changed
COPY = ("The harbour board approved a new ferry timetable on Tuesday. 14 ferries will sail from Monday. "
        "Repairing the pier will cost 5 million euros.")


def articles(dates: dict[str, str] | None = None, **texts: str) -> dict[str, Article]:
    return {aid: Article(id=aid, text=text, title=f"title {aid}", site=f"{aid}.example",
                         date=(dates or {}).get(aid))
            for aid, text in texts.items()}


def rel(x: str, y: str, kind: str, *, src: str | None, p: float = 0.9, exact: float | None = 0.0) -> StoredRelation:
    a, b = sorted((x, y))
    source = None if src is None else ("a" if src == a else "b")
    features = {} if exact is None else {"exact_a_in_b": exact, "exact_b_in_a": exact,
                                         "containment_a_in_b": exact, "containment_b_in_a": exact}
    return StoredRelation(a=a, b=b, kind=kind, a_in_b=1.0, b_in_a=1.0, source=source, source_probability=p,
                          evidence=(), via="test", features=features)


def only(stories: list[Story]) -> Story:
    assert len(stories) == 1, [x.members for x in stories]
    return stories[0]


def bed(pair: StoredRelation | None = None) -> list[StoredRelation]:
    # relate names the original the source of both (each read as its translation); the copy~human pair undecided
    return [rel("orig", "human", "translation", src="orig", p=0.95),
            rel("orig", "copy", "translation", src="orig", p=0.9),
            pair or rel("copy", "human", "edited_copy", src=None, p=0.5, exact=0.67)]


def test_an_undecided_copy_of_a_translation_hangs_under_the_translation_by_the_figures() -> None:
    # "copy" < "human" by id: the smaller id alone would hang the translation under its copy
    texts = articles(orig=ORIG, human=HUMAN, copy=COPY)
    s = only(build_stories(texts, bed()))
    assert s.root == "orig"
    assert s.parent["human"].parent == "orig" and s.parent["human"].kind == "translation"
    e = s.parent["copy"]
    assert (e.parent, e.kind, e.direction) == ("human", "edited_copy", "by_text")
    assert s.siblings == [] and s.links == []
    assert s.to_dict(texts)["root"]["copies"][0]["copies"][0]["id"] == "copy"


def test_the_side_that_kept_the_originals_figures_is_the_translation_whatever_the_ids() -> None:
    texts = articles(orig=ORIG, ahuman=HUMAN, zcopy=COPY)
    relations = [rel("orig", "ahuman", "translation", src="orig", p=0.95),
                 rel("orig", "zcopy", "translation", src="orig", p=0.9),
                 rel("zcopy", "ahuman", "edited_copy", src=None, p=0.5, exact=0.67)]
    s = only(build_stories(texts, relations))
    assert s.parent["zcopy"].parent == "ahuman" and s.parent["ahuman"].parent == "orig"


def test_two_dates_decide_before_the_texts() -> None:
    texts = articles({"human": "2026-03-01", "copy": "2026-03-04"}, orig=ORIG, human=HUMAN, copy=COPY)
    s = only(build_stories(texts, bed()))
    e = s.parent["copy"]
    assert (e.parent, e.direction) == ("human", "by_date")


def test_a_pair_nothing_tells_apart_stays_under_the_original() -> None:
    # same figures, same coverage, no dates: no coin flip hangs the translation under its copy
    texts = articles(orig=ORIG, human=HUMAN, copy=HUMAN.replace("harbour board", "harbor board"))
    s = only(build_stories(texts, bed()))
    assert s.parent["human"].parent == "orig" and s.parent["copy"].parent == "orig"


def test_relates_direction_is_kept_where_it_named_one() -> None:
    texts = articles(orig=ORIG, human=HUMAN, copy=COPY)
    s = only(build_stories(texts, bed(rel("copy", "human", "edited_copy", src="human", p=0.8, exact=0.67))))
    e = s.parent["copy"]
    assert (e.parent, e.direction) == ("human", "decided")


def test_two_translations_sharing_few_sentences_stay_siblings() -> None:
    texts = articles(orig=ORIG, human=HUMAN, copy=COPY)
    s = only(build_stories(texts, bed(rel("copy", "human", "rewrite", src=None, p=0.5, exact=0.3))))
    assert s.parent["copy"].parent == "orig" and s.parent["human"].parent == "orig"
    assert [(x.a, x.b, x.of) for x in s.siblings] == [("copy", "human", "orig")]


def test_a_pair_stored_without_word_for_word_shares_is_left_as_it_was() -> None:
    texts = articles(orig=ORIG, human=HUMAN, copy=COPY)
    s = only(build_stories(texts, bed(rel("copy", "human", "edited_copy", src=None, p=0.5, exact=None))))
    assert s.parent["copy"].parent == "orig" and s.parent["human"].parent == "orig"


def test_a_copy_in_the_originals_language_is_not_read_so() -> None:
    # the rule reads two translations of z only: a same-language copy pair under z stays with ``descent``
    texts = articles(orig=HUMAN, human=HUMAN, copy=COPY)
    relations = [rel("orig", "human", "verbatim", src="orig", p=0.95, exact=1.0),
                 rel("orig", "copy", "edited_copy", src="orig", p=0.9, exact=0.67),
                 rel("copy", "human", "edited_copy", src=None, p=0.5, exact=0.67)]
    s = only(build_stories(texts, relations))
    assert {c: (e.parent, e.direction) for c, e in s.parent.items()} == {"human": ("orig", "decided"),
                                                                        "copy": ("orig", "decided")}
