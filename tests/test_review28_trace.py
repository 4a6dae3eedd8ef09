"""Review of session 28: `trace` of a path that `index` read and skipped said only "no article with this id,
url or path in the store", as of a typo; the store keeps why it was skipped (its rejects), so say that."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest

from wiretrace.cli import main
from wiretrace.compare import CompareConfig
from wiretrace.engines.local import IndexConfig, index
from wiretrace.serve import create_app
from wiretrace.store import open_store

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message=".*httpx2")
    from fastapi.testclient import TestClient

LEXICAL = CompareConfig(embedder=None)
STORY = ("Harbour officials in Portvale said on Tuesday that the new ferry terminal would open in March. "
         "The terminal cost 42 million euros and will handle 3,000 passengers a day, the port authority said. "
         "Mayor Elena Brandt told reporters the project had been delayed twice by storms.")


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    d = tmp_path_factory.mktemp("batch")
    (d / "good.txt").write_text("Ferry terminal\n\n" + STORY)
    (d / "empty.txt").write_bytes(b"")
    (d / "short.txt").write_text("One line\n\nThe ferry terminal opens in March.")
    (d / "dump.jsonl").write_text(json.dumps({"url": "https://ex.test/1", "text": STORY}) + "\n{bad json\n")
    db = d / "s.db"
    index([str(d)], db=str(db), cfg=IndexConfig(workers=1, compare=LEXICAL))
    return d, db


def test_the_store_names_why_a_path_was_skipped(batch: tuple[Path, Path]) -> None:
    d, db = batch
    store = open_store(str(db))
    try:
        assert store.rejected(str(d / "empty.txt")) == [("", "empty file")]
        assert store.rejected(f"{d / 'dump.jsonl'}:line 2")[0][0] == "line 2"
        assert store.rejected(f"{d / 'dump.jsonl'}:line 1") == []  # that record is an article
        assert store.rejected(str(d / "good.txt")) == []
        assert store.rejected("nonexistent.txt") == []
    finally:
        store.close()


def test_trace_of_a_skipped_file_says_why(batch: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    d, db = batch
    assert main(["trace", str(d / "empty.txt"), "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert "skipped when indexed: empty file" in err, err
    assert main(["trace", str(d / "short.txt"), "--db", str(db)]) == 2
    assert "skipped when indexed: no article text found" in capsys.readouterr().err
    assert main(["trace", f"{d / 'dump.jsonl'}:line 2", "--db", str(db)]) == 2
    assert "skipped when indexed: line 2: invalid JSON" in capsys.readouterr().err
    assert main(["trace", str(d / "nothing.txt"), "--db", str(db)]) == 2  # a typo: as before
    assert "no article with this id, url or path in the store" in capsys.readouterr().err


def test_the_api_says_why_too(batch: tuple[Path, Path]) -> None:
    d, db = batch
    with TestClient(create_app(db, cfg=LEXICAL)) as client:
        r = client.get("/api/trace", params={"ref": str(d / "empty.txt")})
        assert r.status_code == 404
        assert "skipped when indexed: empty file" in r.text, r.text
        r = client.get("/trace", params={"ref": str(d / "empty.txt")})
        assert r.status_code == 404 and "skipped when indexed: empty file" in r.text



