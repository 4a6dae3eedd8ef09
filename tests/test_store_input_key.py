"""``input_key`` reads a local ``file:`` URI as the file it names (helper task "ingest", finding 4): a direct
caller, or an import of a Spark run from before stores kept their key, must not key it "<cwd>/file:/..."."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from wiretrace.store.inputs import input_key


def test_file_uris_name_the_local_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    target = tmp_path / "a b" / "c.txt"
    target.parent.mkdir()
    target.write_text("x", encoding="utf-8")
    real = os.path.realpath(target)
    assert input_key(target.as_uri()) == real  # file:///.../a%20b/c.txt
    assert input_key(f"file:{target.parent}/../{target.parent.name}/c.txt".replace(" ", "%20")) == real
    assert input_key(f"file://localhost{target}".replace(" ", "%20")) == real
    assert input_key(str(target)) == real


def test_other_uris_and_plain_names_are_as_before(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert input_key("hdfs://nn:8020/corpus/a.jsonl") == "hdfs://nn:8020/corpus/a.jsonl"
    assert input_key("file://otherhost/corpus/a.jsonl") == "file://otherhost/corpus/a.jsonl"  # not this machine's
    assert input_key("file:notes.txt") == str(Path(os.path.realpath(tmp_path)) / "file:notes.txt")  # a name
    assert input_key("a\x00b") == "a\x00b"
