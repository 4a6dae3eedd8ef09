"""The Spark engine in local[2] against the local engine on the same inputs and settings (issue #5).

One Spark session for the module. Tests that need Spark skip, saying why, only when Java is missing.
"""

from __future__ import annotations

import gzip
import json
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from conftest import write_warc
from wiretrace.cli import main
from wiretrace.compare import CompareConfig
from wiretrace.engines.local import IndexConfig, index
from wiretrace.engines.spark import SparkConfig, java_home
from wiretrace.store import SQLiteStore
from wiretrace.store.imports import read_articles, read_relations

CORPUS = Path(__file__).parent.parent / "examples" / "corpus"
LEXICAL = IndexConfig(compare=CompareConfig(embedder=None), workers=2)
_NO_JAVA = ("Java not found (no JAVA_HOME, no `java` on PATH): the Spark engine needs Java 17+; "
            "apt-get install openjdk-17-jre-headless")


def needs_java(test: Any) -> Any:
    """A test that runs Spark: slow, and skipped (saying why) only where Java is missing."""
    return pytest.mark.slow(pytest.mark.skipif(java_home() is None, reason=_NO_JAVA)(test))


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    if java_home() is None:
        pytest.skip(_NO_JAVA)
    from wiretrace.engines.spark import session

    s = session("local[2]", {"spark.ui.enabled": "false", "spark.sql.shuffle.partitions": "4"})
    yield s
    s.stop()


@pytest.fixture(scope="module")
def local_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("local") / "w.db"
    index([str(CORPUS)], db=str(db), cfg=LEXICAL)
    return db


@pytest.fixture(scope="module")
def spark_out(spark: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from wiretrace.engines.spark import index as spark_index

    out = tmp_path_factory.mktemp("spark") / "out"
    report = spark_index([str(CORPUS)], out=str(out), cfg=SparkConfig(index=LEXICAL, partitions=4), spark=spark)
    assert report.articles > 60 and report.records == report.articles + len(report.rejects)
    return out


@needs_java
def test_with_embeddings_relations_equal_the_local_engines(corpus_db: Path, spark: Any, tmp_path: Path) -> None:
    """Default embedder: document vectors in the ingest UDF, nearest neighbours by blocks (20 vectors a
    block, so the corpus's 64+ articles make 4+ blocks), sentence vectors in the compare UDF."""
    from wiretrace.engines.spark import index as spark_index

    out = tmp_path / "emb"
    spark_index([str(CORPUS)], out=str(out), cfg=SparkConfig(index=IndexConfig(), partitions=4, ann_block=20),
                spark=spark)
    local = SQLiteStore(corpus_db).relations()
    assert any(r.via == "ann" for r in local)
    got = {(r.a, r.b): r for r in read_relations(str(out))}
    assert set(got) == {(r.a, r.b) for r in local}
    for r in local:
        s = got[r.a, r.b]
        assert (s.kind, s.source, s.via) == (r.kind, r.source, r.via)
        assert abs(s.a_in_b - r.a_in_b) <= 1e-6 and abs(s.b_in_a - r.b_in_a) <= 1e-6


def _cli_json(*argv: str) -> Any:
    proc = subprocess.run([sys.executable, "-m", "wiretrace.cli", *argv], capture_output=True, text=True,
                          timeout=300, check=True)
    return json.loads(proc.stdout)


def _main_json(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    capsys.readouterr()
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


@needs_java
def test_articles_equal_the_local_engines(local_db: Path, spark_out: Path) -> None:
    store = SQLiteStore(local_db)
    local = list(store.articles())
    spark = read_articles(str(spark_out))
    assert [a.id for a in local] == list(spark)  # same ids, same order
    assert all(a == spark[a.id] for a in local)  # every field, path included


@needs_java
def test_relations_equal_the_local_engines(local_db: Path, spark_out: Path) -> None:
    local = SQLiteStore(local_db).relations()
    spark = read_relations(str(spark_out))
    assert local, "the corpus has copies: no relations means no candidates"
    assert [(r.a, r.b, r.kind, r.source, r.via, r.evidence) for r in local] == [
        (r.a, r.b, r.kind, r.source, r.via, r.evidence) for r in spark]
    for x, y in zip(local, spark, strict=True):
        assert abs(x.a_in_b - y.a_in_b) <= 1e-6 and abs(x.b_in_a - y.b_in_a) <= 1e-6
        assert abs(x.source_probability - y.source_probability) <= 1e-6


@needs_java
def test_stories_and_sites_print_what_the_local_commands_print(local_db: Path, spark_out: Path) -> None:
    for what in ("stories", "sites"):
        local = _cli_json(what, "--db", str(local_db), "--json")
        assert local
        assert _cli_json("spark", what, str(spark_out), "--json") == local
    # and the stories table holds the same trees
    import pyarrow.parquet as pq

    rows = pq.read_table(spark_out / "stories").to_pylist()
    stories = _cli_json("stories", "--db", str(local_db), "--json")
    assert len({r["story"] for r in rows}) == len(stories)
    assert {r["article"] for r in rows if r["role"] == "root"} == {s["root"]["id"] for s in stories}
    assert all(r["parent"] is None and r["coverage"] is None for r in rows if r["role"] != "copy")
    assert all(r["parent"] and 0 < r["coverage"] <= 1 for r in rows if r["role"] == "copy")


@needs_java
def test_an_imported_run_answers_like_a_local_store(local_db: Path, spark_out: Path, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "imported.db"
    report = _cli_json("import-spark", str(spark_out), "--db", str(db), "--json")
    local = SQLiteStore(local_db)
    assert report["articles"] == local.counts()["articles"] and report["relations"] == len(local.relations())
    for what in ("stories", "sites"):
        assert _main_json(capsys, what, "--db", str(db), "--json") == _main_json(capsys, what, "--db", str(local_db),
                                                                                  "--json")
    for a in SQLiteStore(local_db).articles():
        assert _main_json(capsys, "trace", a.id, "--db", str(db), "--json") == _main_json(
            capsys, "trace", a.id, "--db", str(local_db), "--json")

    def tables(path: Path) -> list[list[tuple[object, ...]]]:
        con = sqlite3.connect(path)
        out = [con.execute(q).fetchall() for q in (
            "SELECT id, url, site, title, date, text, boilerplate, signals, path, linked, seq FROM articles "
            "ORDER BY id",
            "SELECT a, b, kind, round(a_in_b, 6), round(b_in_a, 6), source, via, evidence FROM relations ORDER BY a, b",
            "SELECT article_id, hex(minhash), vector IS NULL FROM signatures ORDER BY article_id",
            "SELECT band, key, article_id FROM bands ORDER BY 1, 2, 3",
            "SELECT path, record, article_id, status FROM inputs ORDER BY 1, 2",
            "SELECT * FROM rejects ORDER BY 1, 2",
            "SELECT * FROM meta ORDER BY key")]
        con.close()
        return out

    assert tables(db) == tables(local_db)
    # a store that already holds articles is refused (they were never compared with the run's)
    proc = subprocess.run([sys.executable, "-m", "wiretrace.cli", "import-spark", str(spark_out), "--db", str(db)],
                          capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 2 and "not empty" in proc.stderr and "Traceback" not in proc.stderr


@needs_java
def test_dumps_rejects_and_duplicates_through_the_cli_equal_the_local_engine(tmp_path: Path, spark: Any) -> None:
    src = tmp_path / "in"
    src.mkdir()
    floods = CORPUS / "lisbon-floods"
    body = (floods / "original.txt").read_text(encoding="utf-8").split("\n\n", 1)[1]
    lines = [json.dumps({"url": "https://a.example/1", "text": body, "published": "2026-02-10"}), "",
             "{not json", json.dumps({"url": "https://a.example/2"}), json.dumps([1, 2]),
             json.dumps({"url": "https://a.example/1", "text": body, "title": "same article again"})]
    with gzip.open(src / "dump.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    (src / "plain.jsonl").write_text(json.dumps({"url": "https://c.example/x", "text": body}) + "\n", encoding="utf-8")
    write_warc(src / "crawl.warc.gz", [("https://b.example/story", (floods / "reprint.html").read_bytes(), "text/html"),
                                  ("https://b.example/logo.png", b"\x89PNG", "image/png"),
                                  ("https://b.example/empty", b"<html><body></body></html>", "text/html")])
    (src / "empty.txt").write_text("too short", encoding="utf-8")
    missing = str(tmp_path / "nope")
    db = tmp_path / "local.db"
    local = index([str(src), missing], db=str(db), cfg=LEXICAL)
    out = tmp_path / "out"
    # the CLI, with the master passed through (its own JVM: the module's session is not shared with it)
    report = _cli_json("spark", "index", str(src), missing, "--out", str(out), "--master", "local[1]", "--lexical",
                       "--json", "--conf", "spark.ui.enabled=false", "--conf", "spark.sql.shuffle.partitions=2",
                       "--partitions", "2")
    assert sorted((r["path"], r["record"], r["reason"]) for r in report["rejects"]) == sorted(local.rejects)
    assert report["records"] == local.records and report["articles"] == local.new_articles
    store = SQLiteStore(db)
    spark_articles = read_articles(str(out))
    assert [a.id for a in store.articles()] == list(spark_articles)
    assert all(a == spark_articles[a.id] for a in store.articles())
    assert [(r.a, r.b, r.kind, r.source) for r in store.relations()] == [
        (r.a, r.b, r.kind, r.source) for r in read_relations(str(out))]


@needs_java
def test_parquet_inputs(tmp_path: Path, spark: Any) -> None:
    import pandas as pd

    from wiretrace.engines.spark import index as spark_index

    text = (CORPUS / "lisbon-floods" / "original.txt").read_text(encoding="utf-8").split("\n\n", 1)[1]
    rows = pd.DataFrame({"url": ["https://p.example/1", "https://p.example/2", None],
                         "text": [text, text + "\n\nOne more paragraph at the end of the copy.", None],
                         "published": pd.to_datetime(["2026-02-10", "2026-02-11", None])})
    rows.to_parquet(tmp_path / "rows.parquet")
    out = tmp_path / "out"
    report = spark_index([str(tmp_path / "rows.parquet")], out=str(out), cfg=SparkConfig(index=LEXICAL, partitions=2),
                         spark=spark)
    assert [(Path(p).name, r) for p, r, _ in report.rejects] == [("rows.parquet", "row 3")]
    arts = read_articles(str(out))
    assert [(a.url, a.path, a.date[:10] if a.date else None) for a in arts.values()] == [
        ("https://p.example/1", f"{tmp_path / 'rows.parquet'}:row 1", "2026-02-10"),
        ("https://p.example/2", f"{tmp_path / 'rows.parquet'}:row 2", "2026-02-11")]
    (rel,) = read_relations(str(out))
    assert rel.kind in ("verbatim", "edited_copy")


@needs_java
def test_hot_buckets_are_dropped_as_the_local_engine_drops_them(tmp_path: Path, spark: Any) -> None:
    from wiretrace.engines.spark import index as spark_index

    body = (CORPUS / "lisbon-floods" / "original.txt").read_text(encoding="utf-8").split("\n\n", 1)[1]
    other = (CORPUS / "seoul-metro-strike" / "original.txt").read_text(encoding="utf-8").split("\n\n", 1)[1]
    # six sites carry one text (a boilerplate-like bucket of 6 in every band), two carry another
    rows = [{"url": f"https://s{i}.example/a", "text": body} for i in range(6)]
    rows += [{"url": f"https://t{i}.example/a", "text": other} for i in range(2)]
    (tmp_path / "d.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    cfg = replace(LEXICAL, max_bucket=5)
    local_db = tmp_path / "w.db"
    index([str(tmp_path / "d.jsonl")], db=str(local_db), cfg=cfg)
    report = spark_index([str(tmp_path / "d.jsonl")], out=str(tmp_path / "out"),
                         cfg=SparkConfig(index=cfg, partitions=2), spark=spark)
    assert report.hot_buckets == 32 and report.candidates == 1
    assert [(r.a, r.b, r.kind) for r in SQLiteStore(local_db).relations()] == [
        (r.a, r.b, r.kind) for r in read_relations(str(tmp_path / "out"))]


def test_nearest_blocks_give_the_brute_force_top_k() -> None:
    import pandas as pd

    from wiretrace.engines.spark_udfs import nearest

    rng = np.random.default_rng(3)
    base = rng.normal(size=(8, 16))
    vecs = np.vstack([base[i % 8] + 0.3 * rng.normal(size=16) for i in range(60)]).astype(np.float32)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    ids = [f"id{i:03d}" for i in range(60)]
    blocks = [[{"id": ids[i], "vector": vecs[i].tobytes()} for i in range(b, 60, 4)] for b in range(4)]
    tiles = pd.DataFrame([{"block_x": x, "xs": blocks[x], "block_y": y, "ys": blocks[y]}
                          for x in range(4) for y in range(4) if x <= y])
    k, floor = 5, 0.5
    found: dict[str, list[tuple[float, str]]] = {}
    for df in nearest(iter([tiles]), top_k=k, min_similarity=floor):
        for r in df.itertuples():
            found.setdefault(str(r.id), []).append((-float(r.similarity), str(r.other)))
    sims = vecs @ vecs.T
    for i, aid in enumerate(ids):
        order = [j for j in np.argsort(-sims[i], kind="stable") if j != i and sims[i, j] >= floor][:k]
        assert {o for _, o in sorted(found.get(aid, []))[:k]} == {ids[j] for j in order}


def test_without_java_the_error_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    from wiretrace.engines.spark import session
    from wiretrace.errors import MissingDependencyError

    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(MissingDependencyError, match="openjdk-17"):
        session("local[1]")


def test_spark_commands_on_a_folder_that_is_not_a_spark_run(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "wiretrace.cli", "spark", "stories", str(tmp_path)],
                          capture_output=True, text=True, timeout=60, check=False)
    assert proc.returncode == 2 and "wiretrace spark index" in proc.stderr and "Traceback" not in proc.stderr
