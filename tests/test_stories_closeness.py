"""stories: which source a copy hangs under (``_closeness``, ``_through_translation``) over made-up records.

Review of session 19: H1 (an English rewrite drawn as a translation of a Spanish sibling copy, its coverage
across languages read as 100%) and M2 (an edited copy with four changed facts tied with the original on
coverage, "or taken as closely from ...: not told apart" on most copies of a story)."""

from __future__ import annotations

from wiretrace.records import Article
from wiretrace.store import StoredRelation
from wiretrace.stories import Story, _Figures, build_stories

ORIG = "Storm floods the town. 1,200 people left their homes. The river rose 34 cm in 14 hours in 1987 and 2026."
ES = "Una tormenta inunda la ciudad. 2.500 personas dejaron sus casas. El río subió 34 cm en 14 horas en 1987 y 2026."
REWRITE = "The town is under water: some 1,200 residents fled as the river climbed 34 cm in 14 hours (1987, 2026)."
BACK = "The town is under water: some 2,500 residents fled as the river climbed 34 cm in 14 hours (1987, 2026)."
EDITED = "Storm floods the city. 2,100 people left their homes. The river rose 38 cm in 16 hours in 1987 and 2026."
THIRD = "Storm floods the town. 1,300 people left their homes. The river rose 34 cm in 14 hours in 1987 and 2026."
FR = "Une tempête inonde la ville. 1 200 personnes ont quitté leurs maisons. Le fleuve est monté de 34 cm en 14 heures."


def articles(**texts: str) -> dict[str, Article]:
    return {aid: Article(id=aid, text=text, title=f"title {aid}", site=None) for aid, text in texts.items()}


def rel(x: str, y: str, kind: str, *, src: str | None, x_in_y: float, y_in_x: float, p: float = 0.9,
        exact: tuple[float, float] = (0.0, 0.0), containment: tuple[float, float] = (0.0, 0.0)) -> StoredRelation:
    """A stored relation between x and y (ids put in order as the store does); ``x_in_y`` is the share of x's
    text found in y, ``exact`` and ``containment`` (x in y, y in x) relate's word-for-word features."""
    a, b = sorted((x, y))
    flip = a != x
    a_in_b, b_in_a = (y_in_x, x_in_y) if flip else (x_in_y, y_in_x)
    ex, cx = (exact[::-1], containment[::-1]) if flip else (exact, containment)
    source = None if src is None else ("a" if src == a else "b")
    features = {"exact_a_in_b": ex[0], "exact_b_in_a": ex[1], "containment_a_in_b": cx[0],
                "containment_b_in_a": cx[1], "src_tail": 0.3}
    return StoredRelation(a=a, b=b, kind=kind, a_in_b=a_in_b, b_in_a=b_in_a, source=source, source_probability=p,
                          evidence=(), via="test", features=features)


def only(stories: list[Story]) -> Story:
    assert len(stories) == 1, [x.members for x in stories]
    return stories[0]


def test_a_same_language_rewrite_stays_under_its_source_over_a_translation_sibling() -> None:
    # H1: the store holds orig -> rewrite (rewrite, 0.75 / 0.87); across languages the rewrite reads as a 100%
    # translation of the Spanish copy. Coverage is not comparable across the boundary: one same-language step.
    texts = articles(orig=ORIG, es=ES, rewrite=REWRITE)
    relations = [rel("orig", "es", "translation", src="orig", x_in_y=1.0, y_in_x=1.0),
                 rel("orig", "rewrite", "rewrite", src="orig", x_in_y=0.75, y_in_x=0.87, p=0.999),
                 rel("es", "rewrite", "translation", src="es", x_in_y=1.0, y_in_x=1.0, p=0.88)]
    s = only(build_stories(texts, relations))
    assert s.parent["rewrite"].parent == "orig" and s.parent["rewrite"].kind == "rewrite"
    assert s.parent["es"].parent == "orig"


def test_a_copy_carrying_the_translations_changed_figure_hangs_under_the_translation() -> None:
    # The translation sits between them when the texts say so: the English text carries the figure the Spanish
    # copy changed (2,500 for 1,200) and not the original's, though it reads closer to the original.
    texts = articles(orig=ORIG, es=ES, back=BACK)
    relations = [rel("orig", "es", "translation", src="orig", x_in_y=1.0, y_in_x=1.0),
                 rel("orig", "back", "rewrite", src="orig", x_in_y=0.95, y_in_x=0.95),
                 rel("es", "back", "translation", src="es", x_in_y=1.0, y_in_x=0.9)]
    s = only(build_stories(texts, relations))
    assert s.parent["back"].parent == "es" and s.parent["back"].kind == "translation"
    # the same coverages with the original's figure kept: the same-language step stands
    texts["back"] = Article(id="back", text=REWRITE, title="title back", site=None)
    s = only(build_stories(texts, relations))
    assert s.parent["back"].parent == "orig"


def test_an_edited_copy_with_facts_changed_does_not_tie_with_the_original() -> None:
    # M2: both cover the copy whole; the original shares most of it word for word, the edited copy (four facts
    # changed) little. The copy hangs under the original, with no "not told apart".
    texts = articles(orig=ORIG, edited=EDITED, third=THIRD)
    relations = [rel("orig", "edited", "edited_copy", src=None, x_in_y=1.0, y_in_x=1.0, exact=(0.25, 0.25),
                     containment=(0.89, 0.9)),
                 rel("orig", "third", "edited_copy", src="orig", x_in_y=1.0, y_in_x=1.0, exact=(0.68, 0.7),
                     containment=(0.96, 0.98)),
                 rel("edited", "third", "edited_copy", src="edited", x_in_y=1.0, y_in_x=1.0, exact=(0.13, 0.13),
                     containment=(0.87, 0.86))]
    s = only(build_stories(texts, relations))
    edge = s.parent["third"]
    assert edge.parent == "orig" and edge.tied == ()


def test_a_verbatim_reprint_still_ties_with_its_source() -> None:
    # equally close both ways, word for word too: the tie is kept and shown
    texts = articles(orig=ORIG, reprint=ORIG, copy=THIRD)
    full = {"exact": (1.0, 1.0), "containment": (1.0, 1.0)}
    near = {"exact": (0.7, 0.7), "containment": (0.97, 0.97)}
    relations = [rel("orig", "reprint", "verbatim", src="orig", x_in_y=1.0, y_in_x=1.0, **full),
                 rel("orig", "copy", "edited_copy", src="orig", x_in_y=1.0, y_in_x=1.0, **near),
                 rel("reprint", "copy", "edited_copy", src="reprint", x_in_y=1.0, y_in_x=1.0, **near)]
    edge = only(build_stories(texts, relations)).parent["copy"]
    assert {edge.parent, *edge.tied} == {"orig", "reprint"}


def test_reworded_copies_are_told_apart_by_the_figures_they_keep() -> None:
    # A translation (and a same-language rewrite) covers the original and an edited copy of it alike; the
    # figures it keeps are the original's, not the edited copy's: no tie.
    texts = articles(orig=ORIG, edited=EDITED, fr=FR, rewrite=REWRITE)
    relations = [rel("orig", "edited", "edited_copy", src="orig", x_in_y=1.0, y_in_x=1.0, exact=(0.25, 0.25),
                     containment=(0.89, 0.9)),
                 rel("orig", "fr", "translation", src="orig", x_in_y=1.0, y_in_x=1.0),
                 rel("edited", "fr", "translation", src="edited", x_in_y=1.0, y_in_x=1.0),
                 rel("orig", "rewrite", "rewrite", src="orig", x_in_y=0.75, y_in_x=0.87),
                 rel("edited", "rewrite", "rewrite", src="edited", x_in_y=0.75, y_in_x=0.87)]
    s = only(build_stories(texts, relations))
    for copy in ("fr", "rewrite"):
        assert s.parent[copy].parent == "orig" and s.parent[copy].tied == (), copy


def test_figures_read_alike_across_separators() -> None:
    figures = _Figures(articles(en="1,200 people; 3.5%; on April 20 2026", es="1.200 personas; 3,5 %",
                                fr="1 200 personnes ; 3,5 %", none="no figures"))
    assert figures("en") == {"1200": 1, "35": 1, "20": 1, "2026": 1}
    assert figures("es") == figures("fr") == {"1200": 1, "35": 1}
    assert figures.agreement("es", "fr") == 1.0 and figures.agreement("none", "none") == 0.0
    assert figures.carries("en", "es", "fr") is False  # es changed no figure of en's: nothing to carry
