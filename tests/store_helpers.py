"""Helpers the store and incremental-ingest tests share: raw rows of a store, and an edit a later run must see."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path


def rows(db: Path, query: str, *args: object) -> list[tuple[object, ...]]:
    """The rows ``query`` gives on the SQLite file ``db``, read with a connection of its own."""
    con = sqlite3.connect(db)
    try:
        return con.execute(query, args).fetchall()
    finally:
        con.close()


def changed(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` with a modification time clearly after the one it had."""
    before = path.stat().st_mtime_ns if path.exists() else 0
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before + 10**9, before + 10**9))
