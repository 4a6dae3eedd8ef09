"""Session 25 polish: the API's schema of an index answer documents every field ``wiretrace index --json`` prints
(``notes``, session 24's, was missing, and so were ``unpruned``, ``embedder``, ``uncovered_languages``,
``secondary_model_languages`` and ``cpu_seconds``). Made-up texts only."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

from wiretrace.compare import CompareConfig
from wiretrace.engines.local import IndexReport
from wiretrace.serve import create_app
from wiretrace.serve import schemas as s
from wiretrace.store import SQLiteStore

with warnings.catch_warnings():  # starlette asks for httpx2 over httpx; the client works the same
    warnings.filterwarnings("ignore", message=".*httpx2")
    from fastapi.testclient import TestClient

TOKEN = "test-token-polish25"  # noqa: S105 - the write token of this test's server
TEXT = ("The harbour board of the made-up town of Velmora voted on Tuesday to close the old ferry quay for repairs. "
        "Engineers found cracks in twelve of the forty concrete piles that hold the quay up, the board said. "
        "Ferries to the islands will leave from the new terminal until the work ends next spring.")


def test_the_schema_names_every_field_of_the_index_report() -> None:
    printed = set(IndexReport().to_dict())
    documented = set(s.IndexReport.model_fields)
    assert documented == printed | {"articles"}  # the API adds the ids of the articles the request carried
    assert "notes" in s.IndexReport.model_json_schema()["properties"]


def test_an_upload_answer_carries_its_notes_as_the_schema_says(tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    SQLiteStore(db).close()
    dump = json.dumps({"text": TEXT, "title": "Quay closed", "source": {"name": "Velmora Post"}}) + "\n"
    with TestClient(create_app(db, token=TOKEN, cfg=CompareConfig(embedder=None))) as c:
        r = c.post("/api/upload", files=[("files", ("d.jsonl", dump.encode()))],
                   headers={"Authorization": f"Bearer {TOKEN}"})
        schema = c.get("/api/openapi.json").json()["components"]["schemas"]
    assert r.status_code == 200, r.text
    got = r.json()
    assert [n["note"] for n in got["notes"]] == ["'source' is an object in 1 record (first: line 1): left out"]
    assert set(got) <= set(schema["IndexReport"]["properties"])  # nothing the answer carries is undocumented
    assert set(schema["IndexNote"]["properties"]) == {"path", "note"}
    report = s.IndexReport.model_validate(got)
    assert report.notes[0].path.endswith("d.jsonl") and report.embedder is None and len(report.articles) == 1
