"""Read the Parquet tables of a Spark run (``wiretrace spark index ... --out DIR``) and import them into a
SQLite store, so ``trace``, ``stories``, ``sites``, ``report`` and ``serve`` work over a Spark run.

The tables are read with pyarrow (no JVM): from a local folder or any URI pyarrow's file systems open
(``s3://``, ``gs://``, ``hdfs://`` with libhdfs). The Spark engine writes ``articles``, ``fingerprints`` and
``inputs`` sorted by input order, so the import streams them in step and keeps memory flat; the store then
holds exactly what a local ``wiretrace index`` of the same inputs would: the same articles in the same
order (``seq``), the same input keys and rejects, signatures, band keys, vectors and relations.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from wiretrace.errors import InputError, MissingDependencyError
from wiretrace.records import Article

from .inputs import FileStamp, stamp_file
from .sqlite import SQLiteStore, StoredRelation

if TYPE_CHECKING:
    import pyarrow.fs

__all__ = ["ImportReport", "article_from_row", "import_spark", "read_articles", "read_output", "read_relations",
           "relation_from_row"]

ARTICLE_COLUMNS = ("id", "url", "site", "title", "byline", "date", "dateline", "credit", "language", "text",
                   "boilerplate", "boilerplate_rules", "signals", "path")
RELATION_COLUMNS = ("a", "b", "kind", "a_in_b", "b_in_a", "source", "source_probability", "evidence", "via",
                    "features", "deciders")
_ORDER = ("file_ordinal", "record_ordinal")
#: Each input record's file stamp in the Spark run's inputs table (``spark_udfs.STAMP_COLUMNS``).
_STAMP_COLUMNS = ("size", "mtime_ns", "sha256")


@dataclass(slots=True)
class ImportReport:
    articles: int = 0
    inputs: int = 0
    rejects: int = 0
    relations: int = 0
    #: input files whose stamps (size, time, SHA-256) the run carried and the store keeps
    stamped: int = 0
    #: input files whose stamps the run carried but the store does not keep: no such file here, or its bytes
    #: are not those the run read (a local run reads them again; nothing is lost)
    unstamped: int = 0

    def to_dict(self) -> dict[str, int]:
        return {"articles": self.articles, "inputs": self.inputs, "rejects": self.rejects,
                "relations": self.relations, "stamped_files": self.stamped, "unstamped_files": self.unstamped}


def _fs(out: str) -> tuple[pyarrow.fs.FileSystem, str]:
    try:
        import pyarrow.fs as pafs
    except ImportError:
        raise MissingDependencyError("pyarrow (reading Spark output)", "pip install 'wiretrace[spark]'") from None
    if "://" in out:
        fs, root = pafs.FileSystem.from_uri(out)
        return fs, root.rstrip("/")
    return pafs.LocalFileSystem(), str(Path(out).absolute())


def _files(out: str, table: str) -> tuple[pyarrow.fs.FileSystem, list[str]]:
    """The Parquet part files of ``table`` in name order (Spark numbers them in partition order)."""
    import pyarrow.fs as pafs

    fs, root = _fs(out)
    where = f"{root}/{table}"
    if fs.get_file_info(where).type != pafs.FileType.Directory:
        raise InputError(out, f"not a wiretrace Spark output (no {table} table); run "
                              "`wiretrace spark index INPUT... --out DIR` first")
    infos = fs.get_file_info(pafs.FileSelector(where, recursive=False))
    names = [i.path for i in infos if i.type == pafs.FileType.File and i.base_name.endswith(".parquet")
             and not i.base_name.startswith(("_", "."))]
    return fs, sorted(names)


def _rows(out: str, table: str, columns: tuple[str, ...], batch_size: int = 2048) -> Iterator[dict[str, Any]]:
    import pyarrow.parquet as pq

    fs, files = _files(out, table)
    for f in files:
        with fs.open_input_file(f) as fh:
            for batch in pq.ParquetFile(fh).iter_batches(batch_size=batch_size, columns=list(columns)):
                yield from batch.to_pylist()


def _columns(out: str, table: str) -> set[str]:
    """The columns of ``table`` (its first part file's schema; none where it has no part file)."""
    import pyarrow.parquet as pq

    fs, files = _files(out, table)
    if not files:
        return set()
    with fs.open_input_file(files[0]) as fh:
        return set(pq.ParquetFile(fh).schema_arrow.names)


def _ordered(rows: Iterator[dict[str, Any]], table: str, out: str) -> Iterator[dict[str, Any]]:
    """Pass rows through, checking they come in input order (the import relies on it)."""
    last = (-1, -1)
    for r in rows:
        key = (r["file_ordinal"], r["record_ordinal"])
        if key < last:
            raise InputError(out, f"the {table} table is not in input order; write it with `wiretrace spark index`")
        last = key
        yield r


def article_from_row(r: dict[str, Any]) -> Article:
    """An Article from a row of the articles table (``text`` and ``boilerplate`` may be left out)."""
    return Article(id=r["id"], text=r.get("text") or "", title=r["title"], url=r["url"], site=r["site"],
                   byline=r["byline"], date=r["date"], dateline=r["dateline"], credit=r["credit"],
                   language=r["language"], boilerplate=tuple(r.get("boilerplate") or ()),
                   boilerplate_rules=tuple(r.get("boilerplate_rules") or ()),
                   signals=tuple(r["signals"] or ()), path=r["path"])


def read_articles(out: str, *, full: bool = True) -> dict[str, Article]:
    """Articles of a Spark run by id, in input order (the order a local store lists them in);
    ``full=False`` leaves texts and stripped boilerplate out (stories and site tables use neither)."""
    cols = tuple(c for c in ARTICLE_COLUMNS if full or c not in ("text", "boilerplate", "boilerplate_rules")) + _ORDER
    rows = sorted(_rows(out, "articles", cols), key=lambda r: (r["file_ordinal"], r["record_ordinal"]))
    return {r["id"]: article_from_row(r) for r in rows}


def relation_from_row(r: dict[str, Any]) -> StoredRelation:
    """A StoredRelation from a row of the relations table."""
    return StoredRelation(r["a"], r["b"], r["kind"], r["a_in_b"], r["b_in_a"], r["source"],
                          r["source_probability"], tuple(r["evidence"] or ()), r["via"],
                          json.loads(r["features"] or "{}"), json.loads(r["deciders"] or "{}"))


def read_relations(out: str) -> list[StoredRelation]:
    """Relations of a Spark run, ordered by (a, b) as a store lists them."""
    return sorted((relation_from_row(r) for r in _rows(out, "relations", RELATION_COLUMNS)), key=lambda r: (r.a, r.b))


def read_output(out: str) -> tuple[dict[str, Article], list[StoredRelation]]:
    """Articles (without texts) and relations of a Spark run: what ``build_stories`` takes."""
    return read_articles(out, full=False), read_relations(out)


def import_spark(out: str, *, db: str, batch_size: int = 512) -> ImportReport:
    """Import the Spark run in ``out`` into a new (or empty) store ``db``."""
    store = SQLiteStore(db)
    try:
        if any(store.counts()[t] for t in ("articles", "inputs", "relations")):
            # Articles already there were never compared with the Spark run's: marking both linked
            # would hide those pairs for good.
            raise InputError(db, "the store is not empty; import a Spark run into a new store file")
        meta = {r["key"]: r["value"] for r in _rows(out, "meta", ("key", "value"))}
        if "fingerprint" not in meta:
            raise InputError(out, "the meta table names no fingerprint recipe; re-run `wiretrace spark index`")
        store.require("fingerprint", meta["fingerprint"])
        if "doc_vector" in meta:  # a run of older code has the mean of every sentence: a local index upgrades it
            store.require("doc_vector", meta["doc_vector"])
        if "text_recipe" in meta:  # a run of older code has none: a local index reads its changed articles again
            store.set_meta("text_recipe", meta["text_recipe"])
        return _import(out, store, batch_size)
    finally:
        store.close()


def _same_file(key: str, stamp: FileStamp) -> bool:
    """Whether the file a stamp is kept under holds the bytes the run read (size and SHA-256): a stamp on any other
    file would make a local run take that file for an edit of the run's (and drop what the run read from it). A
    URI the local engine never reads is kept as it is."""
    if "://" in key:
        return True
    try:
        if Path(key).stat().st_size != stamp.size:
            return False
    except OSError:
        return False
    now = stamp_file(key)
    return now is not None and now.sha256 == stamp.sha256


def _import(out: str, store: SQLiteStore, batch_size: int) -> ImportReport:
    report = ImportReport()
    articles = _ordered(_rows(out, "articles", ARTICLE_COLUMNS + _ORDER), "articles", out)
    prints = _ordered(_rows(out, "fingerprints", ("id", "minhash", "bands", "vector", *_ORDER)), "fingerprints", out)
    # each input file's stamp (size, time, SHA-256 of the bytes the run read), kept as a local run keeps it: a
    # local run after the import reads again only the files changed since (a run of older code has none)
    columns = _columns(out, "inputs")
    stamped = _STAMP_COLUMNS if set(_STAMP_COLUMNS) <= columns else ()
    # each file's store key as the run resolved it (a run of older code has none: the path as typed is then
    # resolved here, which names another file where the import runs in another working folder)
    keyed = ("key",) if "key" in columns else ()
    inputs = _ordered(_rows(out, "inputs", ("path", "record", "article_id", "status", "reason", *_ORDER, *stamped,
                                            *keyed)), "inputs", out)
    stamps: dict[str, FileStamp] = {}
    nxt = next(articles, None)
    items: list[tuple[str, str, Article, np.ndarray, list[int]]] = []
    rejects: list[tuple[str, str, str]] = []
    vectors: dict[str, np.ndarray] = {}
    empty = np.zeros(0, dtype=np.uint32)

    def flush() -> None:
        report.articles += len(store.add_batch(items, rejects))
        if vectors:
            store.set_vectors(vectors)
        items.clear()
        rejects.clear()
        vectors.clear()

    for inp in inputs:
        report.inputs += 1
        if keyed and inp["key"]:
            inp["path"] = inp["key"]
        if stamped and inp["sha256"] is not None and inp["path"] not in stamps:
            stamps[inp["path"]] = FileStamp(size=int(inp["size"]), mtime_ns=int(inp["mtime_ns"]),
                                            sha256=str(inp["sha256"]))
        if inp["status"] != "ok":
            rejects.append((inp["path"], inp["record"], inp["reason"] or ""))
            report.rejects += 1
        elif nxt is not None and (nxt["file_ordinal"], nxt["record_ordinal"]) == (
                inp["file_ordinal"], inp["record_ordinal"]):
            fp = next(prints, None)
            if fp is None or fp["id"] != nxt["id"]:
                raise InputError(out, "the fingerprints table does not match the articles table")
            signature = np.frombuffer(fp["minhash"], dtype=np.uint32)
            items.append((inp["path"], inp["record"], article_from_row(nxt), signature, list(fp["bands"])))
            if fp["vector"] is not None:
                vectors[nxt["id"]] = np.frombuffer(fp["vector"], dtype=np.float32)
            nxt = next(articles, None)
        else:
            # A later record of an article already stored: only its input key is recorded (as the
            # local engine does); the store never reads this placeholder's fields.
            items.append((inp["path"], inp["record"], Article(id=inp["article_id"], text=""), empty, []))
        if len(items) + len(rejects) >= batch_size:
            flush()
    flush()
    kept = {p: s for p, s in stamps.items() if _same_file(p, s)}
    store.keep_stamps(kept)  # once every record of the files is stored
    report.stamped, report.unstamped = len(kept), len(stamps) - len(kept)
    if nxt is not None:
        raise InputError(out, "the articles table has articles no input names; re-run `wiretrace spark index`")
    batch: list[StoredRelation] = []
    for r in _rows(out, "relations", RELATION_COLUMNS):
        batch.append(relation_from_row(r))
        if len(batch) >= 4 * batch_size:
            store.import_relations(batch)
            report.relations += len(batch)
            batch = []
    store.import_relations(batch, link_all=True)
    report.relations += len(batch)
    return report
