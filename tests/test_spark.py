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
            "SELECT path, size, mtime_ns, sha256 FROM input_files ORDER BY path",  # the run's stamps, kept
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


@needs_java
def test_an_imported_run_keeps_the_stamps_and_a_local_run_then_reads_only_the_edit(
        tmp_path: Path, spark: Any, capsys: pytest.CaptureFixture[str]) -> None:
    """Review of ff0d847, finding 6: an import left input_files empty, so an edit of a stored article was
    never read. Finding 7: Spark lists the files of other kinds as the local engine does (one line a suffix)."""
    import hashlib
    import os

    from wiretrace.engines.spark import index as spark_index

    src = tmp_path / "in"
    (src / ".cache").mkdir(parents=True)
    floods, metro = CORPUS / "lisbon-floods" / "original.txt", CORPUS / "seoul-metro-strike" / "original.txt"
    (src / "a.txt").write_bytes(floods.read_bytes())
    (src / "b.txt").write_bytes(metro.read_bytes())
    (src / ".cache" / "old.txt").write_bytes(metro.read_bytes())  # a hidden folder's: passed over
    for i in range(3):
        (src / f"logo{i}.png").write_bytes(b"\x89PNG")
    out = tmp_path / "out"
    report = spark_index([str(src)], out=str(out), cfg=SparkConfig(index=LEXICAL, partitions=2), spark=spark)
    assert (report.records, report.rejects) == (2, [])
    assert [(k["suffix"], k["files"]) for k in report.to_dict()["skipped_files"]] == [(".png", 3)]  # type: ignore[union-attr]
    db = tmp_path / "w.db"
    assert _main_json(capsys, "import-spark", str(out), "--db", str(db), "--json")["stamped_files"] == 2
    con = sqlite3.connect(db)
    stamps = dict(con.execute("SELECT path, sha256 FROM input_files").fetchall())
    con.close()
    assert stamps == {os.path.realpath(src / n): hashlib.sha256((src / n).read_bytes()).hexdigest()
                      for n in ("a.txt", "b.txt")}
    assert index([str(src)], db=str(db), cfg=LEXICAL).records == 0  # nothing changed: nothing read
    import pyarrow.parquet as pq  # a run of older code (no stamp columns) imports as before, without stamps

    for part in (out / "inputs").glob("*.parquet"):
        pq.write_table(pq.read_table(part).drop_columns(["size", "mtime_ns", "sha256"]), part)
    old = _main_json(capsys, "import-spark", str(out), "--db", str(tmp_path / "old.db"), "--json")
    assert (old["articles"], old["stamped_files"]) == (2, 0)
    edited = floods.read_text(encoding="utf-8").replace("2", "3")
    before = (src / "a.txt").stat().st_mtime_ns
    (src / "a.txt").write_text(edited, encoding="utf-8")
    os.utime(src / "a.txt", ns=(before + 10**9, before + 10**9))
    again = index([str(src)], db=str(db), cfg=LEXICAL)
    assert (again.records, again.new_articles) == (1, 1)
    texts = [a.text for a in SQLiteStore(db, readonly=True).articles()]
    assert len(texts) == 2 and any("3" in t and t in edited for t in texts)


@needs_java
def test_an_import_from_another_working_folder_keeps_the_runs_files_apart_from_its_own(
        tmp_path: Path, spark: Any, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Review of this session's surfaces, finding 1: the inputs table held the paths as typed, which the import
    resolved in its own working folder, so the run's stamp of corpus/a.txt went on another folder's a.txt; a
    local run took that file for an edit and dropped the run's article. The run now writes each file's resolved
    key; a run without it (older code) keeps a stamp only where the file here holds the bytes the run read."""
    import os

    import pyarrow.parquet as pq

    from wiretrace.engines.spark import index as spark_index

    run, other = tmp_path / "p1", tmp_path / "p2"
    for where, story in ((run, "lisbon-floods"), (other, "seoul-metro-strike")):
        (where / "corpus").mkdir(parents=True)
        (where / "corpus" / "a.txt").write_bytes((CORPUS / story / "original.txt").read_bytes())
    (run / "corpus" / "b.txt").write_bytes((CORPUS / "baltic-wind-farm" / "original.txt").read_bytes())
    monkeypatch.chdir(run)
    cfg = SparkConfig(index=LEXICAL, partitions=2)
    assert spark_index(["corpus"], out=str(run / "out"), cfg=cfg, spark=spark).records == 2
    monkeypatch.chdir(other)
    imported = _main_json(capsys, "import-spark", str(run / "out"), "--db", "imp.db", "--json")
    assert (imported["articles"], imported["stamped_files"], imported["unstamped_files"]) == (2, 2, 0)
    con = sqlite3.connect("imp.db")
    assert {r[0] for r in con.execute("SELECT path FROM inputs")} == {
        os.path.realpath(run / "corpus" / n) for n in ("a.txt", "b.txt")}
    con.close()
    again = index(["corpus"], db="imp.db", cfg=LEXICAL)
    assert (again.records, again.new_articles, again.dropped, again.gone) == (1, 1, 0, [])  # p2's own a.txt
    assert len(list(SQLiteStore("imp.db", readonly=True).articles())) == 3
    for part in (run / "out" / "inputs").glob("*.parquet"):  # a run of older code: no key column
        pq.write_table(pq.read_table(part).drop_columns(["key"]), part)
    old = _main_json(capsys, "import-spark", str(run / "out"), "--db", "old.db", "--json")
    assert (old["articles"], old["stamped_files"], old["unstamped_files"]) == (2, 0, 2)
    assert index(["corpus"], db="old.db", cfg=LEXICAL).dropped == 0
    assert len(list(SQLiteStore("old.db", readonly=True).articles())) >= 2


@needs_java
def test_a_uri_listing_passes_over_hidden_folders_and_counts_other_kinds(tmp_path: Path, spark: Any) -> None:
    """Review of ff0d847, finding 11: Hadoop's listing tested only the file's own name."""
    from wiretrace.engines.spark import _hadoop_list
    from wiretrace.ingest.sources import SkippedFiles

    (tmp_path / "c" / ".cache").mkdir(parents=True)
    (tmp_path / "c" / "_tmp").mkdir()
    for name in ("a.html", ".cache/old.html", "_tmp/part.html", "logo.png", "_SUCCESS"):
        (tmp_path / "c" / name).write_text("<p>x</p>", encoding="utf-8")
    skipped = SkippedFiles()
    found = _hadoop_list(spark, f"file:{tmp_path / 'c'}", skipped)
    assert found is not None and [Path(uri).name for uri, _mtime in found] == ["a.html"]
    assert found[0][1] // 10**6 == (tmp_path / "c" / "a.html").stat().st_mtime_ns // 10**6
    assert [(k["suffix"], k["files"]) for k in skipped.to_list()] == [(".png", 1)]


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


@needs_java
def test_anchor_candidates_equal_the_local_engines_anchor_pairs(spark: Any) -> None:
    """Candidates across two model spaces: the Spark group-by on the anchor gives the pairs the local
    engine's ``stages.anchor_pairs`` gives on the same anchors (hot anchors dropped, top-k each side)."""
    from wiretrace.engines.spark import anchor_candidates
    from wiretrace.engines.stages import AnchorConfig, anchor_pairs

    rng = np.random.default_rng(5)
    keys = [f"n:k{i:02d}" for i in range(14)]
    rows, anchors, space = [], {}, {}
    for i in range(40):
        aid = f"a{i:02d}"
        dim = (512, 384)[i % 3 == 0]  # two models' vectors: different lengths
        held = frozenset(str(k) for k in rng.choice(keys, size=int(rng.integers(2, 7)), replace=False))
        no_vector = i == 7
        rows.append((aid, None if no_vector else np.zeros(dim, np.float32).tobytes(),
                     None if i == 11 else sorted(held)))
        if not no_vector and i != 11:
            anchors[aid], space[aid] = held, dim
    fp = spark.createDataFrame(rows, "id string, vector binary, anchors array<string>")
    for cfg in (AnchorConfig(min_shared=2, max_articles=12, top_k=3), AnchorConfig(min_shared=3, max_articles=40)):
        local = anchor_pairs(anchors, space, sorted(anchors), cfg)
        want = {tuple(sorted((aid, other))) for aid, others in local.items() for other in others}
        got_df = anchor_candidates(fp, cfg)
        assert got_df is not None
        got = {(r["a"], r["b"]) for r in got_df.collect()}
        assert want and got == want
        assert {r["via"] for r in got_df.collect()} == {"anchor"}
    assert anchor_candidates(fp, AnchorConfig(min_shared=0)) is None
