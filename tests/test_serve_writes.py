"""``writes_off`` tries the writes it answers for (helper task "ingest", finding 3): a store SQLite cannot
write and a folder where no file can be made are read-only here whatever ``os.access`` says (it answers for
the real user id and the permission bits: as root every folder passes)."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path
from types import SimpleNamespace

import pytest

from wiretrace.serve.context import writes_off
from wiretrace.serve.data import StoreView
from wiretrace.store import SQLiteStore


def _store(tmp_path: Path) -> Path:
    db = tmp_path / "w.db"
    SQLiteStore(db).close()
    return db


def test_a_writable_store_has_writes_on(tmp_path: Path) -> None:
    db = _store(tmp_path)
    assert writes_off(StoreView(str(db)), tmp_path / "up") is None
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".wiretrace-probe")]  # the probe cleans up


def test_a_store_sqlite_cannot_write_is_read_only_although_os_access_says_yes(tmp_path: Path) -> None:
    db = _store(tmp_path)
    (tmp_path / "w.db-wal").mkdir()  # SQLite's write-ahead log cannot be made: no write can go through
    assert os.access(tmp_path, os.W_OK) and os.access(db, os.W_OK)
    # the two fields writes_off reads (a StoreView would open the store, and its log, first)
    view = SimpleNamespace(path=str(db), immutable=False)
    why = writes_off(view, tmp_path / "up")  # type: ignore[arg-type]
    assert why is not None and "read-only here" in why and "SQLite" in why


def test_a_folder_where_no_file_can_be_made_is_read_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A read-only mount: root cannot make one in a test, so the file system's answer (EROFS) is given here."""
    db = _store(tmp_path)
    view = StoreView(str(db))
    uploads = tmp_path / "ro" / "up"
    (tmp_path / "ro").mkdir()
    real = tempfile.mkstemp

    def mkstemp(*args: object, dir: Path | None = None, **kw: object) -> tuple[int, str]:
        if dir is not None and Path(dir) == tmp_path / "ro":
            raise OSError(errno.EROFS, os.strerror(errno.EROFS))
        return real(*args, dir=dir, **kw)  # type: ignore[call-overload,no-any-return]

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    why = writes_off(view, uploads)
    assert why is not None and "uploads folder" in why and "Read-only file system" in why
    monkeypatch.setattr(tempfile, "mkstemp", lambda *a, **k: (_ for _ in ()).throw(OSError(errno.EROFS, "ro")))
    assert "store's folder" in (writes_off(view, uploads) or "")


def test_an_uploads_folder_under_a_file_is_found_at_start(tmp_path: Path) -> None:
    """``os.access`` of the file in the way said yes; no folder can be made under it."""
    db = _store(tmp_path)
    (tmp_path / "blocker").write_text("a file, not a folder", encoding="utf-8")
    why = writes_off(StoreView(str(db)), tmp_path / "blocker" / "up")
    assert why is not None and "uploads folder" in why


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes a folder without write permission")
def test_a_folder_without_write_permission_is_read_only(tmp_path: Path) -> None:
    db = _store(tmp_path)
    view = StoreView(str(db))
    tmp_path.chmod(0o555)
    try:
        assert writes_off(view, tmp_path / "up") is not None
    finally:
        tmp_path.chmod(0o755)
