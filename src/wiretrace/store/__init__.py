"""Stores persist records. SQLite is the default (and so far the only) store."""

from __future__ import annotations

from pathlib import Path

from wiretrace.errors import InputError

from .sqlite import SQLiteStore, StoredRelation, readonly_uri

__all__ = ["SQLiteStore", "StoredRelation", "open_store", "readonly_uri"]


def open_store(path: str, *, readonly: bool = True) -> SQLiteStore:
    """Open the store at ``path`` to read it: nothing is written, and a store of an older schema that a
    reader reads as it is (4) is not upgraded; a write raises InputError. ``readonly=False`` opens it for
    writing (creating it where there is none, upgrading an older schema)."""
    if readonly and not Path(path).exists():
        raise InputError(path, "no such store (open_store reads an existing store; "
                               "open_store(path, readonly=False) creates one)")
    return SQLiteStore(path, readonly=readonly)
