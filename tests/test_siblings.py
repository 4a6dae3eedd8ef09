"""stories: two articles derived from one common source are siblings, not a copy of each other (session 25).

Review of session 24: a human and a machine translation of one original, both in the index with the original,
were linked as copies of each other (5 of 5 pairs, a source named in 3, one at p 1.00) and the machine
translation hung under the human one. Made-up texts and records only."""

from __future__ import annotations

import pytest

from wiretrace.records import Article
from wiretrace.store import StoredRelation
from wiretrace.stories import Story, build_stories, trace, trace_records

ORIG = ("Der Hafenrat genehmigte am Dienstag einen neuen Fahrplan. 14 Fähren fahren ab Montag. "
        "Die Reparatur der Mole kostet 4 Millionen Euro.")
HUMAN = ("The harbour board approved a new ferry timetable on Tuesday. Fourteen ferries will sail from Monday. "
         "Repairing the pier will cost 4 million euros.")
MACHINE = ("On Tuesday the port council approved a new schedule. 14 ferries run from Monday on. "
           "The repair of the jetty costs 4 million euros.")
# an edited copy of the human translation: its sentences carried word for word, one figure changed
COPY = ("The harbour board approved a new ferry timetable on Tuesday. Fourteen ferries will sail from Monday. "
        "Repairing the pier will cost 5 million euros.")


def articles(**texts: str) -> dict[str, Article]:
    return {aid: Article(id=aid, text=text, title=f"title {aid}", site=f"{aid}.example")
            for aid, text in texts.items()}


def rel(x: str, y: str, kind: str, *, src: str | None, p: float = 0.9, cover: float = 1.0,
        exact: float | None = 0.0, containment: float = 0.0) -> StoredRelation:
    """A stored relation between x and y (ids put in order as the store does); ``exact`` is the share of each
    side's sentences carried word for word into the other (None: a relation stored without relate's features)."""
    a, b = sorted((x, y))
    source = None if src is None else ("a" if src == a else "b")
    features = {} if exact is None else {"exact_a_in_b": exact, "exact_b_in_a": exact,
                                         "containment_a_in_b": containment, "containment_b_in_a": containment}
    return StoredRelation(a=a, b=b, kind=kind, a_in_b=cover, b_in_a=cover, source=source, source_probability=p,
                          evidence=(), via="test", features=features)


def only(stories: list[Story]) -> Story:
    assert len(stories) == 1, [x.members for x in stories]
    return stories[0]


def tree(s: Story, node: str) -> dict[str, object]:
    """The story's tree under ``node`` as nested {child: subtree} dicts."""
    return {c: tree(s, c) for c in s.children(node)}


def two_translations(pair_kind: str = "edited_copy", *, exact: float | None = 0.1) -> list[StoredRelation]:
    # relate names the original the source of both translations, and the human one the source of the machine
    # one (its "more common words"), at p 1.00: the review's pair
    return [rel("orig", "human", "translation", src="orig", p=0.95),
            rel("orig", "machine", "translation", src="orig", p=0.9),
            rel("human", "machine", pair_kind, src="human", p=1.0, exact=exact, containment=0.6)]


def test_two_translations_of_one_original_hang_under_it_as_siblings() -> None:
    texts = articles(orig=ORIG, human=HUMAN, machine=MACHINE)
    s = only(build_stories(texts, two_translations()))
    assert s.root == "orig"
    assert s.parent["human"].parent == "orig" and s.parent["machine"].parent == "orig"
    assert s.parent["machine"].kind == "translation"
    assert s.links == []
    [sib] = s.siblings
    assert (sib.a, sib.b, sib.of, sib.kind) == ("human", "machine", "orig", "edited_copy")
    assert sib.why.startswith("both derive from orig.example #orig (each translated from it), not from each other")
    assert "p 1.00" in sib.why  # the source relate named between them is said to be set aside
    d = s.to_dict(texts)
    assert d["siblings"] == [{"a": "human", "b": "machine", "of": "orig", "relation": "edited_copy",
                              "why": sib.why}]
    assert [c["id"] for c in d["root"]["copies"]] == ["human", "machine"]


def test_trace_of_a_sibling_names_the_common_source_and_the_other() -> None:
    texts = articles(orig=ORIG, human=HUMAN, machine=MACHINE)
    stories = build_stories(texts, two_translations("rewrite"))
    t = trace("machine", stories)
    assert t is not None
    assert [x["id"] for x in t["sources"]] == ["orig"]
    assert t["siblings"] == [{"id": "human", "of": "orig", "relation": "rewrite",
                              "why": only(stories).siblings[0].why}]
    assert "siblings" not in (trace("orig", stories) or {})
    [rec] = trace_records(["human"], texts, stories)
    assert rec["siblings"][0]["id"] == "machine" and rec["sources"][0]["id"] == "orig"


def test_a_pair_relate_left_undecided_is_a_sibling_too_and_no_link() -> None:
    texts = articles(orig=ORIG, human=HUMAN, machine=MACHINE)
    relations = two_translations()
    relations[2] = rel("human", "machine", "rewrite", src=None, p=0.5, exact=0.0)
    s = only(build_stories(texts, relations))
    assert s.parent["machine"].parent == "orig" and s.links == []
    assert s.siblings[0].why.endswith("not from each other")  # no source was named between them


def test_a_copy_of_a_translation_still_hangs_under_the_translation() -> None:
    # the copy carries the human translation's sentences word for word: one copying step, not a second
    # translation, though relate names the original the copy's source too
    texts = articles(orig=ORIG, human=HUMAN, copy=COPY)
    relations = [rel("orig", "human", "translation", src="orig", p=0.95),
                 rel("orig", "copy", "translation", src="orig", p=0.9),
                 rel("human", "copy", "edited_copy", src="human", p=0.8, exact=0.67, containment=0.9)]
    s = only(build_stories(texts, relations))
    assert s.parent["copy"].parent == "human" and s.parent["copy"].kind == "edited_copy"
    assert s.siblings == [] and "siblings" not in s.to_dict(texts)


def test_a_source_named_for_one_of_the_two_only_makes_no_siblings() -> None:
    texts = articles(orig=ORIG, human=HUMAN, machine=MACHINE)
    relations = two_translations()
    relations[1] = rel("orig", "machine", "translation", src=None, p=0.5)
    s = only(build_stories(texts, relations))
    assert s.siblings == []
    assert s.parent["machine"].parent == "human"  # as before: the one decided source


def test_copies_in_one_language_are_left_to_their_shared_changes() -> None:
    # three articles of one language: a copy of a copy also has the original named its source, and the rule
    # for siblings (one of the two a translation) does not read them; the chain stands
    texts = articles(orig=HUMAN, reprint=COPY, copy2=COPY + " The board meets again in May.")
    relations = [rel("orig", "reprint", "edited_copy", src="orig", exact=0.67, containment=0.9),
                 rel("reprint", "copy2", "rewrite", src="reprint", exact=0.3, containment=0.8),
                 rel("orig", "copy2", "rewrite", src="orig", exact=0.3, containment=0.7)]
    s = only(build_stories(texts, relations))
    assert s.siblings == []
    assert s.parent["copy2"].parent == "reprint"


def test_a_relation_stored_without_word_for_word_shares_is_left_as_it_was() -> None:
    # a store of an older version (no features): a copy cannot be told from a sibling, nothing changes
    texts = articles(orig=ORIG, human=HUMAN, machine=MACHINE)
    s = only(build_stories(texts, two_translations(exact=None)))
    assert s.siblings == [] and s.parent["machine"].parent == "human"


def test_two_translations_into_different_languages_are_siblings() -> None:
    # a French and an English translation of one German original, linked as translations of each other
    texts = articles(orig=ORIG, human=HUMAN, fr="Le conseil du port a approuvé mardi un nouvel horaire. "
                     "14 ferries partent dès lundi. La réparation de la jetée coûte 4 millions d'euros.")
    relations = [rel("orig", "human", "translation", src="orig", p=0.95),
                 rel("orig", "fr", "translation", src="orig", p=0.9),
                 rel("human", "fr", "translation", src="human", p=0.8)]
    s = only(build_stories(texts, relations))
    assert s.parent["fr"].parent == "orig" and s.parent["human"].parent == "orig"
    assert [(x.a, x.b, x.of) for x in s.siblings] == [("fr", "human", "orig")]


def test_a_rewrite_in_the_originals_language_and_a_translation_are_siblings_unless_figures_say() -> None:
    # the English rewrite keeps the original's figures; the French translation is linked to it as its source:
    # nothing in the texts says the rewrite went through the French, so the two are siblings
    orig = "Storm floods the town. 1,200 people left their homes. The river rose 34 cm in 14 hours."
    fr = "Une tempête inonde la ville. 2 500 personnes ont quitté leurs maisons. Le fleuve est monté de 34 cm."
    texts = articles(orig=orig, fr=fr, rewrite="The town is under water: some 1,200 residents fled as the river "
                     "climbed 34 cm in 14 hours.")
    relations = [rel("orig", "fr", "translation", src="orig"),
                 rel("orig", "rewrite", "rewrite", src="orig", exact=0.0, containment=0.3),
                 rel("fr", "rewrite", "translation", src="fr", p=0.8)]
    s = only(build_stories(texts, relations))
    assert s.parent["rewrite"].parent == "orig"
    [sib] = s.siblings
    assert sib.of == "orig" and sib.why.startswith("both derive from orig.example #orig (one translated from it)")
    # the rewrite carries the French text's changed figure (2,500 for 1,200): translated back from it, a copy
    texts["rewrite"] = Article(id="rewrite", text="The town is under water: some 2,500 residents fled as the river "
                               "climbed 34 cm in 14 hours.", title="t", site=None)
    s = only(build_stories(texts, relations))
    assert s.siblings == [] and s.parent["rewrite"].parent == "fr"


def test_a_common_source_in_their_own_language_leaves_the_pair_to_the_shared_changes() -> None:
    # two English copies of an English original; relate also named a French translation the source of both
    # (a wrong direction across the boundary): the French text is no common source they "both derive from"
    texts = articles(orig=HUMAN, reprint=HUMAN, edited=COPY, fr="Le conseil du port a approuvé mardi un nouvel "
                     "horaire. Quatorze ferries partent dès lundi. La réparation de la jetée coûte 4 millions d'euros.")
    relations = [rel("orig", "reprint", "verbatim", src="orig", exact=1.0),
                 rel("orig", "edited", "edited_copy", src="orig", exact=0.67),
                 rel("orig", "fr", "translation", src="orig"),
                 rel("fr", "reprint", "translation", src="fr", p=0.6),
                 rel("fr", "edited", "translation", src="fr", p=0.6),
                 rel("reprint", "edited", "rewrite", src="reprint", exact=0.3)]
    s = only(build_stories(texts, relations))
    assert [(x.a, x.b, x.of) for x in s.siblings if {x.a, x.b} == {"reprint", "edited"}] == []


def test_three_translations_are_siblings_though_one_is_named_the_source_of_the_other_two() -> None:
    # relate named the human translation the source of both machine translations: that common source in
    # their language was itself translated from the original, so all three are siblings under it
    texts = articles(orig=ORIG, human=HUMAN, machine=MACHINE, machine2=MACHINE.replace("schedule", "timetable"))
    relations = [*two_translations(),
                 rel("orig", "machine2", "translation", src="orig", p=0.9),
                 rel("human", "machine2", "edited_copy", src="human", p=0.9, exact=0.1),
                 rel("machine", "machine2", "edited_copy", src=None, p=0.5, exact=0.34)]
    s = only(build_stories(texts, relations))
    assert tree(s, "orig") == {"human": {}, "machine": {}, "machine2": {}}
    assert [(x.a, x.b, x.of) for x in s.siblings] == [("human", "machine", "orig"), ("human", "machine2", "orig"),
                                                      ("machine", "machine2", "orig")]


def test_stories_and_trace_print_the_siblings_line(monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    from wiretrace import cli

    texts = articles(orig=ORIG, human=HUMAN, machine=MACHINE)
    stories = build_stories(texts, two_translations())

    class Store:
        def find(self, ref: str) -> list[str]:
            return [ref] if ref in texts else []

    monkeypatch.setattr(cli, "_load", lambda args: (Store(), texts, stories))
    assert cli.main(["stories", "--db", "unused.db"]) == 0
    out = capsys.readouterr().out
    assert ("  siblings: human.example #human and machine.example #machine both derive from orig.example #orig, "
            "not from each other") in out
    assert cli.main(["trace", "machine", "--db", "unused.db"]) == 0
    out = capsys.readouterr().out
    assert "  sibling: [edited_copy] title human | human.example | - | human" in out
    assert ("why: both derive from orig.example #orig (each translated from it), not from each other; "
            "relate read machine.example #machine as taken from human.example #human (p 1.00): not drawn") in out
