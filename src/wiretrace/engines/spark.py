"""The Spark engine: index a corpus with Apache Spark into Parquet tables (issue #5).

The same stages as the local engine (:mod:`wiretrace.engines.stages`), run in ``mapInPandas``
(:mod:`wiretrace.engines.spark_udfs`); the passes hand off through tables:

1. list the inputs on the driver (folders as the local engine walks them; any Hadoop URI through
   Hadoop's file system), read whole files (``binaryFile``) or Parquet rows, split dumps into records;
2. ingest + segment + MinHash (+ document vector) per record, spread over ``partitions`` tasks;
   -> ``inputs``, ``rejects``; the first record of each article id -> ``articles``, ``fingerprints``;
3. candidates: LSH banding as a group-by on (band, key) - buckets over ``max_bucket`` articles are
   counted (map-side) and dropped before the self-join, so a boilerplate bucket never reaches the
   shuffle as pairs - plus, with an embedder, each article's nearest vectors (blocked brute-force
   cosine top-k), and, under a routed embedder (two model spaces), articles of different spaces that share
   ``IndexConfig.anchors.min_shared`` anchors (``stages.anchor_keys``, kept in ``fingerprints``: the
   local engine's ``anchor_pairs`` as a group-by on the anchor); the time window by the shared
   ``within_window`` -> ``candidates``;
4. compare each pair in the window with the shared ``relate`` -> ``relations``;
5. stories on the driver with :func:`wiretrace.stories.build_stories` -> ``stories``.

Article ids, relations and stories equal the local engine's on the same inputs and settings;
``wiretrace import-spark`` loads the tables into a SQLite store (:mod:`wiretrace.store.imports`).
"""

from __future__ import annotations

import math
import os
import re
import shutil
import sys
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wiretrace.engines.local import IndexConfig
from wiretrace.engines.spark_udfs import (
    CANDIDATE_SCHEMA,
    INGESTED_SCHEMA,
    NEAREST_SCHEMA,
    RAW_SCHEMA,
    RELATION_SCHEMA,
    STAMP_COLUMNS,
    compare,
    explode_files,
    ingest,
    nearest,
    parquet_records,
    uri_key,
    window,
)
from wiretrace.engines.stages import AnchorConfig
from wiretrace.errors import MissingDependencyError
from wiretrace.ingest.sources import (
    _NOT_ARTICLES,
    ARTICLE_SUFFIXES,
    DUMP_SUFFIXES,
    SkippedFiles,
    _hidden,
    list_folder,
    skip_reason,
)
from wiretrace.store.imports import ARTICLE_COLUMNS, read_articles, read_relations
from wiretrace.store.inputs import input_key
from wiretrace.stories import build_stories

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

__all__ = ["SparkConfig", "SparkReport", "index", "java_home", "session"]

#: Spark settings wiretrace starts a session with (any can be overridden with ``conf``).
DEFAULT_CONF: dict[str, str] = {
    "spark.app.name": "wiretrace",
    "spark.sql.execution.arrow.pyspark.enabled": "true",
    # A pandas batch holds whole raw pages (and later two pickled Docs per pair): 1,000 keeps a
    # batch to tens of MB where Spark's default of 10,000 can reach a GB.
    "spark.sql.execution.arrow.maxRecordsPerBatch": "1000",
    "spark.sql.adaptive.enabled": "true",
    "spark.ui.showConsoleProgress": "false",
    "spark.executorEnv.PYTHONWARNINGS": "ignore::FutureWarning",
}
PARQUET_SUFFIXES = (".parquet",)
_LOCAL_MASTER = re.compile(r"^local(\[.*\])?$")


@dataclass(slots=True, frozen=True)
class SparkConfig:
    """How the Spark engine indexes. ``index`` carries the settings both engines share (compare,
    minhash, window_days, ann_min_similarity, ann_top_k, max_bucket); its batch_size, workers and
    doc_cache are the local engine's own and are not used here."""

    index: IndexConfig = field(default_factory=IndexConfig)
    #: Tasks for the CPU-heavy passes (ingest, compare); 0: four per core Spark reports.
    partitions: int = 0
    #: Vectors per block in the brute-force nearest-neighbour pass (block x block cosine products).
    ann_block: int = 4096
    #: Encode the sentences of many documents per model call (GPU executors); 0: one call per document,
    #: bit-identical to the local engine (see spark_udfs.BatchEmbedder).
    embed_batch: int = 0
    #: Keep ``OUT/_stage`` (ingested records with pickled Docs) after the run, for debugging.
    keep_stage: bool = False


@dataclass(slots=True)
class SparkReport:
    out: str
    records: int = 0
    articles: int = 0
    rejects: list[tuple[str, str, str]] = field(default_factory=list)
    #: Files the folders hold that are not read (not an article kind), by suffix, as the local engine says.
    skipped: SkippedFiles = field(default_factory=SkippedFiles)
    #: (path, note) of the dumps read that held what was passed over or read otherwise than written without being
    #: a reject (a WARC's images, a JSON Lines file's odd fields), in input order: the local engine's
    #: ``IndexReport.notes``, word for word. Said, not stored in the tables.
    notes: list[tuple[str, str]] = field(default_factory=list)
    hot_buckets: int = 0
    candidates: int = 0
    pairs_compared: int = 0
    relations: dict[str, int] = field(default_factory=dict)
    stories: int = 0
    seconds: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, object]:
        return {"out": self.out, "records": self.records, "articles": self.articles,
                "hot_buckets": self.hot_buckets, "candidates": self.candidates,
                "pairs_compared": self.pairs_compared, "relations": dict(sorted(self.relations.items())),
                "stories": self.stories, "seconds": {k: round(v, 2) for k, v in self.seconds.items()},
                "rejects": [{"path": p, "record": r, "reason": why} for p, r, why in self.rejects],
                "skipped_files": self.skipped.to_list(),
                "notes": [{"path": p, "note": note} for p, note in self.notes]}


# -- session -----------------------------------------------------------------------------------------
def java_home() -> str | None:
    """Where ``java`` is (JAVA_HOME's, else the one on PATH), or None."""
    home = os.environ.get("JAVA_HOME")
    if home and (Path(home) / "bin" / "java").exists():
        return str(Path(home) / "bin" / "java")
    return shutil.which("java")


def session(master: str = "local[*]", conf: dict[str, str] | None = None) -> SparkSession:
    """A Spark session with wiretrace's defaults; on a local master, bound to 127.0.0.1 and running
    this interpreter's Python in the workers."""
    if java_home() is None:
        raise MissingDependencyError(
            "Java (17 or newer, which Spark needs)",
            "install a JDK or JRE 17+ (Debian/Ubuntu: apt-get install openjdk-17-jre-headless; macOS: brew install "
            "openjdk@17) and put `java` on PATH or set JAVA_HOME")
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise MissingDependencyError("pyspark", "pip install 'wiretrace[spark]'") from None
    settings = dict(DEFAULT_CONF)
    if _LOCAL_MASTER.match(master):
        settings |= {"spark.driver.host": "127.0.0.1", "spark.driver.bindAddress": "127.0.0.1"}
        # PySpark starts workers with $PYSPARK_PYTHON (default: `python3` on PATH, which may not have
        # wiretrace); locally, the workers run in this interpreter's environment unless told otherwise.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    settings |= conf or {}
    builder = SparkSession.builder.master(master)
    for k, v in settings.items():
        builder = builder.config(k, v)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


# -- inputs ------------------------------------------------------------------------------------------
@dataclass(slots=True, frozen=True)
class _File:
    ordinal: int
    shown: str  # the path as the local engine names it (or the URI)
    uri: str  # what Spark reads
    #: its modification time as listed, before any byte is read (the stamp the import keeps: ``explode_files``)
    mtime_ns: int | None = None


def _input_key(p: str) -> str:
    """The key a store keeps input ``p`` (a path as typed, or a URI) under, taken on the driver where the run's
    paths mean what they say: the resolved local path (``store.inputs.input_key``; a ``file:`` URI names a local
    file too), a Hadoop URI as it is. The import keys inputs, rejects and stamps by it, not by the typed path,
    which names another file in another working folder (review of this session's surfaces, finding 1)."""
    if p.startswith("file:"):
        return input_key(uri_key(p))
    return p if _is_uri(p) else input_key(p)


def _is_uri(p: str) -> bool:
    return "://" in p or p.startswith("file:")


def _wanted(name: str, hidden: tuple[str, ...] = (".",)) -> bool:
    """A file in a folder is read when the local engine would read it (or it is Parquet)."""
    low = name.lower()
    return (not name.startswith(hidden) and name not in _NOT_ARTICLES
            and low.endswith(ARTICLE_SUFFIXES + DUMP_SUFFIXES + PARQUET_SUFFIXES))


def _list_inputs(spark: SparkSession, inputs: list[str],
                 skipped: SkippedFiles | None = None) -> tuple[list[_File], list[tuple[str, str]]]:
    """Files to read in input order, and (path, reason) for inputs that do not exist. Local paths are
    walked exactly as the local engine walks them (so paths and order are the same); the files of other
    kinds a folder holds are counted in ``skipped``, as the local engine counts them."""
    files: list[_File] = []
    missing: list[tuple[str, str]] = []
    skipped = SkippedFiles() if skipped is None else skipped

    def add(shown: str, uri: str, mtime_ns: int | None) -> None:
        files.append(_File(len(files), shown, uri, mtime_ns))

    for p in inputs:
        if _is_uri(p):
            found = _hadoop_list(spark, p, skipped)
            if found is None:
                missing.append((p, "no such file or folder"))
            for uri, mtime_ns in found or []:
                add(uri, uri, mtime_ns)
            continue
        path = Path(p)
        if path.is_dir():
            listed, unreadable = list_folder(path)
            missing.extend(unreadable)
            for f in listed:
                if _wanted(f.name) and not _hidden(f, path):  # what a hidden folder holds: passed over
                    add(str(f), str(f.absolute()), _mtime_ns(f))
                elif why := skip_reason(f, path):
                    skipped.add(str(f), why)
        elif path.exists():
            add(str(path), str(path.absolute()), _mtime_ns(path))
        else:
            missing.append((str(path), "no such file or folder"))
    return files, missing


def _mtime_ns(f: Path) -> int | None:
    try:
        return f.stat().st_mtime_ns
    except OSError:
        return None  # Spark's read says why


def _hadoop_list(spark: SparkSession, uri: str,
                 skipped: SkippedFiles | None = None) -> list[tuple[str, int]] | None:
    """Files under ``uri`` through Hadoop's FileSystem (hdfs://, s3a://, abfs://, gs://, file:), sorted, with
    their modification times (ns); None where there is nothing. What a hidden folder under ``uri`` holds is
    passed over, and the files of other kinds are counted in ``skipped``."""
    jvm: Any = spark.sparkContext._jvm
    conf = spark.sparkContext._jsc.hadoopConfiguration()
    path = jvm.org.apache.hadoop.fs.Path(uri)
    fs = path.getFileSystem(conf)
    if not fs.exists(path):
        return None
    status = fs.getFileStatus(path)
    if status.isFile():
        return [(str(status.getPath().toString()), int(status.getModificationTime()) * 1_000_000)]
    root = str(fs.makeQualified(path).toString())
    out = []
    it = fs.listFiles(path, True)
    while it.hasNext():
        st = it.next()
        found = str(st.getPath().toString())
        rel = _under(root, found)
        if any(part.startswith((".", "_")) for part in rel.split("/")):  # _SUCCESS, _temporary: Hadoop's own
            continue
        if _wanted(str(st.getPath().getName()), hidden=(".", "_")):
            out.append((found, int(st.getModificationTime()) * 1_000_000))
        elif skipped is not None and (why := skip_reason(Path("/", rel), Path("/"))):
            skipped.add(found, why)
    return sorted(out)


def _under(root: str, uri: str) -> str:
    """The part of ``uri`` (a file a listing of ``root`` found) below ``root``: "a/.cache/b.html"."""
    return uri[len(root):].strip("/") if uri.startswith(root) else uri.rsplit("/", 1)[-1]


def _raw_records(spark: SparkSession, inputs: list[str],
                 skipped: SkippedFiles | None = None) -> tuple[DataFrame, dict[int, str]]:
    """The raw records, and each input file's store key (``_input_key``) by its ordinal."""
    import pyspark.sql.functions as sf

    files, missing = _list_inputs(spark, inputs, skipped)
    keys = {f.ordinal: _input_key(f.shown) for f in files}
    keys |= {len(files) + i: _input_key(p) for i, (p, _why) in enumerate(missing)}
    names = {uri_key(f.uri): (f.ordinal, f.shown, f.mtime_ns) for f in files}
    parts: list[DataFrame] = []
    binary = [f.uri for f in files if not f.shown.lower().endswith(PARQUET_SUFFIXES)]
    parquet = [f.uri for f in files if f.shown.lower().endswith(PARQUET_SUFFIXES)]
    if binary:
        df = spark.read.format("binaryFile").load(binary)
        parts.append(df.select("path", "content").mapInPandas(partial(explode_files, names=names), RAW_SCHEMA))
    if parquet:
        df = spark.read.option("mergeSchema", "true").parquet(*parquet)
        df = df.select("*", sf.col("_metadata.file_path").alias("_file"), sf.col("_metadata.row_index").alias("_row"))
        parts.append(df.mapInPandas(partial(parquet_records, names=names), RAW_SCHEMA))
    base = len(files)
    rows = [(base + i, 0, p, "", None, None, None, None, why, None, None) for i, (p, why) in enumerate(missing)]
    parts.append(spark.createDataFrame(rows, RAW_SCHEMA))
    out = parts[0]
    for p in parts[1:]:
        out = out.unionByName(p)
    return out, keys


# -- the run -----------------------------------------------------------------------------------------
def anchor_candidates(fp: DataFrame, cfg: AnchorConfig) -> DataFrame | None:
    """Pairs (a, b, via="anchor") of articles whose vectors lie in different model spaces (vector lengths)
    and that share ``cfg.min_shared`` anchors: ``stages.anchor_pairs`` over the whole table, as a group-by on
    the anchor. An anchor held by more than ``cfg.max_articles`` articles (of any space) proposes nothing;
    each article keeps its ``cfg.top_k`` most shared (then by id) and a pair counts if either side kept it.
    None when no article has anchors (no routed embedder, or anchors off)."""
    import pyspark.sql.functions as sf
    from pyspark.sql import Window

    if cfg.min_shared <= 0 or "anchors" not in fp.columns:
        return None
    keyed = (fp.where(sf.col("vector").isNotNull() & sf.col("anchors").isNotNull())
             .select("id", sf.length("vector").alias("dim"), sf.explode("anchors").alias("key")))
    if keyed.limit(1).count() == 0:
        return None
    held = keyed.groupBy("key").count().where(sf.col("count") <= cfg.max_articles).select("key")
    keyed = keyed.join(held, "key")
    x = keyed.select("key", sf.col("id").alias("id"), sf.col("dim").alias("dim_x"))
    y = keyed.select("key", sf.col("id").alias("other"), sf.col("dim").alias("dim_y"))
    shared = (x.join(y, "key").where(sf.col("dim_x") != sf.col("dim_y"))
              .groupBy("id", "other").count().where(sf.col("count") >= cfg.min_shared))
    best = Window.partitionBy("id").orderBy(sf.desc("count"), "other")
    top = shared.withColumn("_r", sf.row_number().over(best)).where(sf.col("_r") <= cfg.top_k)
    return (top.select(sf.least("id", "other").alias("a"), sf.greatest("id", "other").alias("b")).distinct()
            .withColumn("via", sf.lit("anchor")))


def index(
    inputs: list[str], *, out: str, cfg: SparkConfig | None = None, spark: SparkSession | None = None,
    master: str = "local[*]", conf: dict[str, str] | None = None,
    progress: Callable[[str], None] | None = None,
) -> SparkReport:
    """Index ``inputs`` (files, folders, JSONL / WARC / Parquet, local or Hadoop URIs) into Parquet tables
    under ``out``. Uses ``spark`` when given, else starts a session on ``master`` (and stops it after)."""
    cfg = cfg or SparkConfig()
    with warnings.catch_warnings():
        # PySpark 4 warns on every pandas conversion that it is not yet tested with pandas 3; the
        # conversions used here are (tests/test_spark.py), so the warning is noise to a user.
        warnings.filterwarnings("ignore", message="PySpark does not yet fully support pandas", category=FutureWarning)
        own = spark is None
        sp = spark or session(master, conf)
        try:
            return _Run(sp, out.rstrip("/"), cfg, progress).run(inputs)
        finally:
            if own:
                sp.stop()


class _Run:
    def __init__(self, spark: SparkSession, out: str, cfg: SparkConfig,
                 progress: Callable[[str], None] | None) -> None:
        self.spark, self.out, self.cfg, self.progress = spark, out, cfg, progress
        self.report = SparkReport(out=out)
        self.parts = cfg.partitions or max(2, 4 * spark.sparkContext.defaultParallelism)

    def table(self, name: str) -> str:
        return f"{self.out}/{name}"

    def stage(self, name: str, fn: Callable[[], None]) -> None:
        if self.progress:
            self.progress(name)
        t = time.perf_counter()
        fn()
        self.report.seconds[name] = time.perf_counter() - t

    def run(self, inputs: list[str]) -> SparkReport:
        self.write(self.spark.createDataFrame(sorted(self.meta().items()), "key string, value string"), "meta")
        self.stage("ingest", lambda: self.ingest(inputs))
        self.stage("candidates", self.candidates)
        self.stage("compare", self.compare)
        self.stage("stories", self.stories)
        if not self.cfg.keep_stage:
            self.delete(self.table("_stage"))
        return self.report

    def meta(self) -> dict[str, str]:
        """What the tables depend on: an import records the fingerprint recipe in the store, as
        `wiretrace index` does, so later local runs refuse to mix signatures of another recipe."""
        import json

        from wiretrace import __version__

        idx = self.cfg.index
        settings = {"window_days": idx.window_days, "max_bucket": idx.max_bucket, "ann_top_k": idx.ann_top_k,
                    "ann_min_similarity": idx.ann_min_similarity, "embedder": idx.compare.embedder}
        from wiretrace.engines.stages import doc_vector_recipe

        # the document-vector recipe, as `wiretrace index` records it (only where there are vectors)
        vectors = {"doc_vector": doc_vector_recipe(idx.doc_vector_sentences)} if idx.compare.embedder else {}
        from wiretrace.ingest import TEXT_RECIPE

        return {"engine": "spark", "wiretrace": __version__, "fingerprint": idx.minhash.fingerprint(), **vectors,
                "text_recipe": TEXT_RECIPE, "settings": json.dumps(settings, sort_keys=True)}

    def write(self, df: DataFrame, name: str) -> None:
        df.write.mode("overwrite").parquet(self.table(name))

    def delete(self, where: str) -> None:
        jvm: Any = self.spark.sparkContext._jvm
        path = jvm.org.apache.hadoop.fs.Path(where)
        path.getFileSystem(self.spark.sparkContext._jsc.hadoopConfiguration()).delete(path, True)

    # 1-2. records -> articles, fingerprints, inputs, rejects
    def ingest(self, inputs: list[str]) -> None:
        import pyspark.sql.functions as sf
        from pyspark.sql import Window

        idx = self.cfg.index
        raw, keys = _raw_records(self.spark, inputs, self.report.skipped)
        fn = partial(ingest, cfg=idx.compare, mh=idx.minhash, embed_batch=self.cfg.embed_batch,
                     lede=idx.doc_vector_sentences, anchors=idx.anchors)
        self.write(raw.repartition(self.parts, "file_ordinal", "record_ordinal").mapInPandas(fn, INGESTED_SCHEMA),
                   "_stage/ingested")
        ing = self.spark.read.parquet(self.table("_stage/ingested"))
        order = ["file_ordinal", "record_ordinal"]
        # a dump's notes ride with its records through the ingest stage; they are said, not kept as inputs
        notes = ing.where("status = 'note'").select("input_path", "reason", *order).orderBy(*order).collect()
        self.report.notes = [(r["input_path"], r["reason"]) for r in notes]
        ing = ing.where("status <> 'note'")
        # An article read twice (same url and text) is kept from its first record, as the local store does.
        first = Window.partitionBy("id").orderBy(*order)
        firsts = ing.where("status = 'ok'").withColumn("_n", sf.row_number().over(first)).where("_n = 1").drop("_n")
        self.write(firsts.drop("status", "reason", "input_path", "input_record"), "_stage/firsts")
        firsts = self.spark.read.parquet(self.table("_stage/firsts"))
        self.write(firsts.select(*ARTICLE_COLUMNS, *order).orderBy(*order), "articles")
        self.write(firsts.select("id", "minhash", "bands", "vector", "anchors", *order).orderBy(*order),
                   "fingerprints")
        # each record carries its file's stamp, taken from the bytes the run read (``explode_files``): the
        # import keeps it, so a local run after it reads again only the files changed since
        stamp = sf.split("file_stamp", " ")
        inp = ing.select(sf.col("input_path").alias("path"), sf.col("input_record").alias("record"),
                         sf.col("id").alias("article_id"), "status", "reason", *order,
                         *(stamp.getItem(i).cast("long" if c != "sha256" else "string").alias(c)
                           for i, c in enumerate(STAMP_COLUMNS)))
        # each file's store key, resolved here (the import keys inputs, rejects and stamps by it)
        keyed = self.spark.createDataFrame(sorted(keys.items()), "file_ordinal int, key string")
        inp = inp.join(sf.broadcast(keyed), "file_ordinal", "left")
        self.write(inp.orderBy(*order), "inputs")
        self.write(inp.where("status = 'rejected'").select("path", "record", "reason", *order).orderBy(*order),
                   "rejects")
        self.report.records = self.spark.read.parquet(self.table("inputs")).count()
        self.report.articles = self.spark.read.parquet(self.table("articles")).count()
        rej = self.spark.read.parquet(self.table("rejects")).orderBy(*order).collect()
        self.report.rejects = [(r["path"], r["record"], r["reason"]) for r in rej]

    # 3. candidate pairs
    def candidates(self) -> None:
        import pyspark.sql.functions as sf

        idx = self.cfg.index
        fp = self.spark.read.parquet(self.table("fingerprints"))
        keys = fp.select("id", sf.posexplode("bands").alias("band", "key"))
        hot: DataFrame | None = None
        if idx.max_bucket > 0:
            # Sizes are counted with a map-side partial aggregation (a hot key costs one row per task),
            # and hot buckets are removed before the self-join that would make their pairs.
            hot = keys.groupBy("band", "key").count().where(sf.col("count") > idx.max_bucket).select("band", "key")
            hot = hot.cache()
            self.report.hot_buckets = hot.count()
            keys = keys.join(hot, ["band", "key"], "left_anti")
        pairs = (keys.alias("x").join(keys.alias("y"), ["band", "key"])
                 .where(sf.col("x.id") < sf.col("y.id"))
                 .select(sf.col("x.id").alias("a"), sf.col("y.id").alias("b")).distinct()
                 .withColumn("via", sf.lit("lsh")))
        for extra in (self._nearest(fp), anchor_candidates(fp, idx.anchors)):
            if extra is not None:
                # A pair found more ways takes the first of LSH, nearest vectors, anchors (as in the local
                # engine): "lsh" > "ann" > "anchor".
                pairs = pairs.unionByName(extra).groupBy("a", "b").agg(sf.max("via").alias("via"))
        dates = self.spark.read.parquet(self.table("articles")).select("id", "date")
        dated = (pairs.join(dates.select(sf.col("id").alias("a"), sf.col("date").alias("date_a")), "a")
                 .join(dates.select(sf.col("id").alias("b"), sf.col("date").alias("date_b")), "b")
                 .select("a", "b", "via", "date_a", "date_b"))
        self.write(dated.mapInPandas(partial(window, window_days=idx.window_days), CANDIDATE_SCHEMA), "candidates")
        if hot is not None:
            hot.unpersist()
        cands = self.spark.read.parquet(self.table("candidates"))
        self.report.candidates = cands.count()
        self.report.pairs_compared = cands.where("within_window").count()

    def _nearest(self, fp: DataFrame) -> DataFrame | None:
        import pyspark.sql.functions as sf
        from pyspark.sql import Window

        idx = self.cfg.index
        vec = fp.where(sf.col("vector").isNotNull()).select("id", "vector")
        n = vec.count()
        if n == 0:
            return None
        blocks = max(1, math.ceil(n / self.cfg.ann_block))
        # Vectors of different models (a routed embedder's two: different lengths) are never compared.
        grouped = (vec.withColumn("block", sf.pmod(sf.xxhash64("id"), sf.lit(blocks)))
                   .withColumn("dim", sf.length("vector"))
                   .groupBy("dim", "block").agg(sf.collect_list(sf.struct("id", "vector")).alias("items")))
        x = grouped.select(sf.col("dim").alias("dim_x"), sf.col("block").alias("block_x"), sf.col("items").alias("xs"))
        y = grouped.select(sf.col("dim").alias("dim_y"), sf.col("block").alias("block_y"), sf.col("items").alias("ys"))
        tiles = x.join(y, (sf.col("dim_x") == sf.col("dim_y")) & (sf.col("block_x") <= sf.col("block_y")))
        tiles = tiles.repartition(min(self.parts, blocks * (blocks + 1) // 2))
        near = tiles.mapInPandas(partial(nearest, top_k=idx.ann_top_k, min_similarity=idx.ann_min_similarity),
                                 NEAREST_SCHEMA)
        best = Window.partitionBy("id").orderBy(sf.desc("similarity"), "other")
        top = near.withColumn("_r", sf.row_number().over(best)).where(sf.col("_r") <= idx.ann_top_k)
        return (top.select(sf.least("id", "other").alias("a"), sf.greatest("id", "other").alias("b")).distinct()
                .withColumn("via", sf.lit("ann")))

    # 4. relations
    def compare(self) -> None:
        import pyspark.sql.functions as sf

        cands = self.spark.read.parquet(self.table("candidates")).where("within_window")
        docs = self.spark.read.parquet(self.table("_stage/firsts")).select("id", "doc")
        pairs = (cands.join(docs.select(sf.col("id").alias("a"), sf.col("doc").alias("doc_a")), "a")
                 .join(docs.select(sf.col("id").alias("b"), sf.col("doc").alias("doc_b")), "b")
                 .select("a", "b", "via", "doc_a", "doc_b").repartition(self.parts))
        fn = partial(compare, cfg=self.cfg.index.compare, embed_batch=self.cfg.embed_batch)
        self.write(pairs.mapInPandas(fn, RELATION_SCHEMA), "relations")
        kinds = self.spark.read.parquet(self.table("relations")).groupBy("kind").count().collect()
        self.report.relations = {r["kind"]: int(r["count"]) for r in kinds}

    # 5. stories (on the driver: one small record per article, no texts)
    def stories(self) -> None:
        articles = read_articles(self.out, full=False) if not _is_uri(self.out) else self._collect_articles()
        relations = read_relations(self.out) if not _is_uri(self.out) else self._collect_relations()
        stories = build_stories(articles, relations)
        rows = []
        for s in stories:
            independent = set(s.independent)
            for m in s.members:
                e = s.parent.get(m)
                role = "root" if m == s.root else "independent" if m in independent else "copy" if e else "member"
                rows.append((s.id, m, role, e.parent if e else None, e.kind if e else None,
                             e.child_in_parent if e else None, e.parent_in_child if e else None,
                             e.probability if e else None, e.direction if e else None))
        import pandas as pd

        # direction: how the parent was chosen (stories.DIRECTIONS): decided, by_date, by_text or unknown
        schema = ("story int, article string, role string, parent string, relation string, coverage double, "
                  "parent_coverage double, probability double, direction string")
        cols = [c.split()[0] for c in schema.split(", ")]
        # through pandas and Arrow: a list of tuples is pickled row by row (minutes at millions of rows)
        table = self.spark.createDataFrame(pd.DataFrame.from_records(rows, columns=cols), schema) if rows else \
            self.spark.createDataFrame([], schema)
        self.write(table.orderBy("story", "article"), "stories")
        self.report.stories = len(stories)

    def _collect_articles(self) -> dict[str, Any]:
        from wiretrace.store.imports import article_from_row

        df = (self.spark.read.parquet(self.table("articles")).drop("text", "boilerplate", "boilerplate_rules")
              .orderBy("file_ordinal", "record_ordinal"))
        return {r["id"]: article_from_row(r.asDict()) for r in df.toLocalIterator()}

    def _collect_relations(self) -> list[Any]:
        from wiretrace.store.imports import relation_from_row

        df = self.spark.read.parquet(self.table("relations")).orderBy("a", "b")
        return [relation_from_row(r.asDict()) for r in df.toLocalIterator()]
