"""A dump the store holds whole and that has not changed is not parsed again (helper task "ingest", finding 2;
made-up text only): its stamp says so before a byte is read; gone / prune bookkeeping still counts it as found;
a touched copy of the same bytes is passed over too; a changed one, and a file no record of which is stored,
are read."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from store_helpers import changed
from wiretrace.compare import CompareConfig
from wiretrace.engines.local import IndexConfig, IndexReport, index
from wiretrace.ingest import sources
from wiretrace.store import SQLiteStore


def _text(i: int) -> str:
    return (f"Report {i}: the harbour board of town {i} met on Monday and agreed a budget for the ferry, "
            f"the bridge and the school, after residents asked for {i} more crossings a day and lower fares.")


def _dump(path: Path, n: int) -> None:
    path.write_text("".join(json.dumps({"url": f"https://x.example/{i}", "text": _text(i)}) + "\n"
                            for i in range(n)), encoding="utf-8")


def _index(*paths: Path, db: Path, **cfg: object) -> IndexReport:
    return index([str(p) for p in paths], db=str(db),
                 cfg=IndexConfig(workers=1, compare=CompareConfig(embedder=None), **cfg))  # type: ignore[arg-type]


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The JSON lines parsed (``sources._jsonl_record`` calls), by record."""
    seen: list[str] = []
    real = sources._jsonl_record

    def counting(f: Path, key: str, line: bytes | None, max_bytes: int) -> object:
        seen.append(key)
        return real(f, key, line, max_bytes)

    monkeypatch.setattr(sources, "_jsonl_record", counting)
    return seen


def test_an_unchanged_dump_is_not_parsed_again(tmp_path: Path, parsed: list[str]) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    _dump(corpus / "d.jsonl", 30)
    (corpus / "bad.jsonl").write_text('{"text": "short"}\n', encoding="utf-8")  # a dump of rejects only
    db = tmp_path / "w.db"
    first = _index(corpus, db=db)
    assert first.records == 31 and first.new_articles == 30 and len(parsed) == 31
    parsed.clear()
    again = _index(corpus, db=db, prune=True)
    assert parsed == [] and again.records == 0 and again.gone == [] and again.dropped == 0
    store = SQLiteStore(db, readonly=True)
    try:
        assert store.counts()["articles"] == 30
    finally:
        store.close()
    # touched, the same bytes: passed over too (after its stamp is taken again)
    st = (corpus / "d.jsonl").stat()
    os.utime(corpus / "d.jsonl", ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    assert _index(corpus, db=db).records == 0 and parsed == []
    # changed: read again
    changed(corpus / "d.jsonl", (corpus / "d.jsonl").read_text(encoding="utf-8").replace("Monday", "Friday"))
    assert _index(corpus, db=db).records == 30 and len(parsed) == 30


def test_a_file_no_record_of_which_is_stored_is_read_again(tmp_path: Path, parsed: list[str]) -> None:
    dump = tmp_path / "d.jsonl"
    _dump(dump, 3)
    db = tmp_path / "w.db"
    _index(dump, db=db)
    store = SQLiteStore(db)
    try:  # what a run leaves of a file it could not read (a reject not kept) but stamped whole
        store.db.execute("DELETE FROM inputs")
        store.db.execute("DELETE FROM rejects")
    finally:
        store.close()
    parsed.clear()
    assert _index(dump, db=db).records == 3 and len(parsed) == 3


def test_articles_stored_before_the_text_recipe_are_read_again(tmp_path: Path) -> None:
    """A store made before ingest dropped invisible characters: the files of its articles that hold one are read
    again once (their text and id as ingest now gives them, the old article dropped); the others are not."""
    from wiretrace import article_from_text

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    hidden = _text(1).replace("harbour", "har\u200bbour")
    (corpus / "a.txt").write_text(hidden, encoding="utf-8")
    (corpus / "b.txt").write_text(_text(2), encoding="utf-8")
    db = tmp_path / "w.db"
    _index(corpus, db=db)
    store = SQLiteStore(db)
    try:  # as an older wiretrace left it: the text as read, no recipe recorded
        old_id = "old-a"
        store.db.execute("UPDATE inputs SET article_id=? WHERE path LIKE '%a.txt'", (old_id,))
        store.db.execute("UPDATE articles SET id=?, text=? WHERE path LIKE '%a.txt'", (old_id, hidden))
        store.db.execute("DELETE FROM meta WHERE key='text_recipe'")
    finally:
        store.close()
    again = _index(corpus, db=db)
    assert again.records == 1 and again.dropped == 1
    store = SQLiteStore(db, readonly=True)
    try:
        texts = [a.text for a in store.articles()]
        assert store.meta("text_recipe") is not None
    finally:
        store.close()
    assert article_from_text(hidden, name="a.txt").text in texts and not any("\u200b" in t for t in texts)
    assert len(texts) == 2
    assert _index(corpus, db=db).records == 0  # once
