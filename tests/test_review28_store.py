"""Review of session 28: a store its user may not write (no write access to its folder) said SQLite's "attempt to
write a readonly database" alone, without the hint the other store errors carry."""

from __future__ import annotations

from pathlib import Path

import pytest


def test_a_store_that_may_not_be_written_says_what_to_do(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As a user without write access to the store's folder: SQLite's "attempt to write a readonly database"
    came alone, without the hint the other store errors carry."""
    import sqlite3

    from wiretrace.errors import InputError
    from wiretrace.store import SQLiteStore

    db = tmp_path / "ro.db"
    db.write_bytes(b"")
    connect = sqlite3.connect

    def read_only(path: str, **kw: object) -> sqlite3.Connection:
        return connect(f"file:{path}?mode=ro", uri=True, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(sqlite3, "connect", read_only)
    with pytest.raises(InputError) as exc:
        SQLiteStore(db)
    assert "readonly" in exc.value.reason
    assert "index into a copy elsewhere with --db" in exc.value.reason
