"""Stores persist records. SQLite is the default (and so far the only) store."""

from __future__ import annotations

from .sqlite import SQLiteStore, StoredRelation, readonly_uri

__all__ = ["SQLiteStore", "StoredRelation", "open_store", "readonly_uri"]


def open_store(path: str) -> SQLiteStore:
    """Open (creating if needed) the store at ``path``."""
    return SQLiteStore(path)
