"""Session 25 polish: the Spark engine says the ingest notes the local engine says (session 24's ``IndexReport.notes``:
a WARC's records other than HTML pages, a JSON Lines file's fields of odd types), in its report, its ``--json`` and
on stderr; the notes are no input records. Made-up texts only."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from conftest import write_warc
from wiretrace.cli import main
from wiretrace.compare import CompareConfig
from wiretrace.engines.local import IndexConfig, index
from wiretrace.engines.spark import java_home
from wiretrace.engines.spark_udfs import explode_files
from wiretrace.ingest.sources import iter_records

LEXICAL = IndexConfig(compare=CompareConfig(embedder=None), workers=1)
PARAS = ("The harbour board of the made-up town of Velmora voted on Tuesday to close the old ferry quay for repairs.",
         "Engineers found cracks in twelve of the forty concrete piles that hold the quay up, the board said.",
         "Ferries to the islands will leave from the new terminal until the work ends next spring.")
TEXT = " ".join(PARAS)


def _page(k: int) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in (*PARAS, f"Update number {k} of the quay works."))
    return f"<html><head><title>Quay closed {k}</title></head><body><article>{body}</article></body></html>".encode()


def _inputs(folder: Path) -> Path:
    """A folder of a WARC (two pages, an image, a JSON file), a JSON Lines dump with odd fields, a text file."""
    folder.mkdir()
    write_warc(folder / "crawl.warc.gz", [("https://a.example/0", _page(0), "text/html"),
                                          ("https://a.example/img", b"\xff\xd8\xff\xe0", "image/jpeg"),
                                          ("https://a.example/1", _page(1), "text/html"),
                                          ("https://a.example/api", b'{"a": 1}', "application/json")])
    rows = [{"text": TEXT + " One.", "source": {"name": "Velmora Post"}}, {"text": TEXT + " Two.", "title": ["Quay"]},
            {"text": TEXT + " Three.", "source": {"name": "Velmora Post"}}]
    (folder / "dump.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    (folder / "story.txt").write_text("Ferry quay closed\n\n" + TEXT + " A text file.", encoding="utf-8")
    return folder


def _local_notes(folder: Path) -> list[tuple[str, str]]:
    """What the local reader says of each file (``iter_records``'s notes), in the walk's order."""
    said: list[tuple[str, str]] = []
    list(iter_records([str(folder)], notes=lambda p, n: said.append((p, n))))
    return said


def test_a_dumps_notes_follow_its_records_as_note_rows(tmp_path: Path) -> None:
    """No Spark: the UDF that splits whole files gives each dump's notes as rows after its records, under the
    path shown, word for word what the local reader says; a plain article file has none."""
    import pandas as pd

    folder = _inputs(tmp_path / "in")
    files = sorted(folder.iterdir())
    names = {str(f): (i, str(f), 1) for i, f in enumerate(files)}
    batch = pd.DataFrame({"path": [str(f) for f in files], "content": [f.read_bytes() for f in files]})
    out = pd.concat(list(explode_files(iter([batch]), names=names)))
    notes = out[out["note"].notna()]
    assert list(zip(notes["path"], notes["note"], strict=True)) == _local_notes(folder)
    assert len(notes) == 3 and list(notes["record_ordinal"]) == [0, 0, 1]  # numbered within their file
    assert notes[["data", "obj", "reason"]].isna().all().all()
    assert out["note"].isna().sum() == 2 + 3 + 1  # the records: two pages, three lines, one text


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    if java_home() is None:
        pytest.skip("Java not found: the Spark engine needs Java 17+ (apt-get install openjdk-17-jre-headless)")
    from wiretrace.engines.spark import session

    s = session("local[2]", {"spark.ui.enabled": "false", "spark.sql.shuffle.partitions": "2"})
    yield s
    s.stop()


@pytest.mark.slow
def test_the_spark_engine_says_the_local_engines_notes(tmp_path: Path, spark: Any, monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    import wiretrace.engines.spark as engine

    folder = _inputs(tmp_path / "in")
    local = index([str(folder)], db=str(tmp_path / "w.db"), cfg=LEXICAL)
    assert len(local.notes) == 3 and local.notes == _local_notes(folder)
    # `wiretrace spark index --json`, on this module's session (the command would start and stop its own)
    monkeypatch.setattr(engine, "index", partial(engine.index, spark=spark))
    out = tmp_path / "out"
    capsys.readouterr()
    assert main(["spark", "index", str(folder), "--out", str(out), "--lexical", "--partitions", "2", "--json"]) == 0
    said, err = capsys.readouterr()
    got = json.loads(said)
    assert got["notes"] == local.to_dict()["notes"]
    assert [f"wiretrace: note: {p}: {n}" for p, n in local.notes] == [
        line for line in err.splitlines() if line.startswith("wiretrace: note:")]
    # the notes are no records: the same records, rejects and input rows as the local engine's
    assert (got["records"], got["articles"], got["rejects"]) == (local.records, local.new_articles, [])
    db = tmp_path / "imported.db"
    assert main(["import-spark", str(out), "--db", str(db)]) == 0
    with sqlite3.connect(db) as con, sqlite3.connect(tmp_path / "w.db") as own:
        query = "SELECT path, record, article_id FROM inputs ORDER BY path, record"
        assert con.execute(query).fetchall() == own.execute(query).fetchall()
