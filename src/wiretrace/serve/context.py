"""What every request of one ``wiretrace serve`` app shares: the store view, the comparer, the
templates, the write token; and turning what a user sends (pasted text, files, JSON records) into
Articles or indexed store entries."""

from __future__ import annotations

import hmac
import os
import re
import sqlite3
import threading
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from jinja2 import Environment

from wiretrace.engines.local import IndexConfig, index
from wiretrace.errors import InputError, WiretraceError
from wiretrace.ingest import Format, article_from_bytes, article_from_dump, article_from_record
from wiretrace.ingest.sources import ARTICLE_SUFFIXES, DUMP_SUFFIXES
from wiretrace.records import Article
from wiretrace.store.inputs import input_key

from .data import PairComparer, StoreView, WriteError

__all__ = ["AuthError", "Context"]

# The formats ``read_article`` infers from a file name; anything else is sniffed from its bytes.
_FORMATS: dict[str, Format] = {".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
                               ".txt": "text", ".text": "text", ".md": "text", ".json": "json"}
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


class AuthError(WiretraceError):
    """A write endpoint was called without the right token; ``status`` is 401 or 403."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass(slots=True)
class Context:
    view: StoreView
    pairs: PairComparer
    env: Environment
    token: str | None
    uploads: Path
    css: bytes
    version: str
    write_lock: threading.Lock = field(default_factory=threading.Lock)
    #: why the write endpoints are off although a token was set (the store or the uploads folder cannot be
    #: written here: a read-only mount); None: writes go as the token says (``writes_off``)
    read_only: str | None = None

    # -- reads ---------------------------------------------------------------------------------
    def render(self, template: str, **values: Any) -> str:
        return self.env.get_template(template).render(version=self.version, **values)

    def article_from_upload(self, filename: str | None, data: bytes, side: str) -> Article:
        """The Article in an uploaded file (format from its name, as ``read_article`` does, else sniffed; a
        JSON Lines dump or a WARC crawl: its one record, as ``wiretrace compare`` reads it)."""
        name = Path(filename or "").name or f"upload-{side}"
        if name.lower().endswith(DUMP_SUFFIXES):
            return article_from_dump(data, name=name, cfg=self.pairs.cfg.ingest)
        return article_from_bytes(data, name=name, fmt=_FORMATS.get(Path(name).suffix.lower()),
                                  cfg=self.pairs.cfg.ingest)

    def article_from_paste(self, text: str, side: str) -> Article:
        """The Article in pasted text or HTML (sniffed: a page's markup is extracted like an .html file)."""
        return article_from_bytes(text.encode("utf-8"), name=f"pasted {side}", cfg=self.pairs.cfg.ingest)

    def article_from_record(self, record: dict[str, Any], side: str) -> Article:
        return article_from_record(record, name=side, cfg=self.pairs.cfg.ingest)

    # -- writes --------------------------------------------------------------------------------
    def check_token(self, given: str | None) -> None:
        """Raise AuthError unless ``given`` (the Bearer credential of the request) is the start-up token."""
        if not self.token:
            raise AuthError(403, "write endpoints are disabled: start the server with --token TOKEN "
                                 "(or the WIRETRACE_TOKEN environment variable) to enable upload and index")
        if not given:
            raise AuthError(401, "this endpoint needs the header 'Authorization: Bearer <token>' "
                                 "with the token the server was started with")
        if not hmac.compare_digest(given.encode("utf-8"), self.token.encode("utf-8")):
            raise AuthError(403, "wrong token")
        if self.read_only:
            raise AuthError(403, f"write endpoints are disabled: {self.read_only}")

    def index_files(self, files: list[tuple[str, bytes]]) -> dict[str, Any]:
        """Save uploaded files in a new folder beside the store, index them into it; return the
        index report plus the ids of the articles they hold. Nothing stored: InputError with the reasons."""
        names: list[str] = []
        for filename, _ in files:
            name = _SAFE_NAME.sub("_", Path(filename).name).lstrip("._") or "upload"
            if not name.lower().endswith(ARTICLE_SUFFIXES + DUMP_SUFFIXES):
                raise InputError(filename, "not an article file: expected one of "
                                           + ", ".join(ARTICLE_SUFFIXES + DUMP_SUFFIXES))
            names.append(f"{len(names):03d}-{name}")
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
        folder = self.uploads / f"{stamp}-{uuid.uuid4().hex[:8]}"
        paths = []
        try:
            folder.mkdir(parents=True)
            for name, (_, data) in zip(names, files, strict=True):
                (folder / name).write_bytes(data)
                paths.append(str(folder / name))
            cfg = IndexConfig(compare=self.pairs.cfg, workers=1)
            with self.write_lock:  # one index run at a time; readers carry on (WAL)
                report = index([str(folder)], db=self.view.path, cfg=cfg)
        except OSError as exc:  # a folder made read-only, a full disk: say so, not "internal error"
            raise WriteError(f"cannot write beside the store ({exc.strerror or exc}: {exc.filename or folder})") \
                from None
        except sqlite3.OperationalError as exc:  # the store itself: full disk, locked past the wait
            raise WriteError(f"cannot write the store ({exc})") from None
        store = self.view.open()
        try:
            marks = ",".join("?" * len(paths))
            rows = store.db.execute(
                f"SELECT article_id FROM inputs WHERE path IN ({marks}) AND article_id IS NOT NULL",  # noqa: S608
                [input_key(p) for p in paths]).fetchall()  # inputs are kept under the resolved path
        finally:
            store.close()
        out = report.to_dict() | {"articles": list(dict.fromkeys(r[0] for r in rows))}
        if not out["articles"]:
            reasons = "; ".join(f"{Path(p).name[4:]}{f' ({r})' if r else ''}: {why}" for p, r, why in report.rejects)
            raise InputError("upload", f"nothing could be stored: {reasons or 'no article records found'}")
        return out


def writes_off(view: StoreView, uploads: Path) -> str | None:
    """Why the write endpoints cannot work on this store (its folder or the uploads folder cannot be written: a
    read-only mount), or None (review of this session's surfaces, finding 3). Each is tried, not asked of
    ``os.access``: that answers for the real user id, not the one that writes, and of the permission bits, not of
    what SQLite needs (its journal files beside the store: a folder where they cannot be made, or a
    ``-wal`` path that is no file, fails every write although file and folder look writable)."""
    folder = Path(view.path).resolve().parent
    why = "SQLite reads it as immutable" if view.immutable else (_cannot_make_file(folder)
                                                                  or _cannot_write_store(Path(view.path)))
    if why:
        return f"the store's folder {folder} is read-only here ({why}); serve it without --token, or copy the " \
               "store to a folder that can be written"
    up = uploads.resolve()
    while not up.exists() and up != up.parent:
        up = up.parent
    if why := _cannot_make_file(up):
        return f"the uploads folder cannot be made under {up} (read-only here: {why})"
    return None


def _cannot_make_file(folder: Path) -> str | None:
    """Why no file can be made in ``folder`` (one is made and removed at once), or None."""
    import tempfile

    try:
        fd, name = tempfile.mkstemp(prefix=".wiretrace-probe-", dir=folder)
        os.close(fd)
        Path(name).unlink()
    except OSError as exc:
        return exc.strerror or str(exc)
    return None


def _cannot_write_store(path: Path) -> str | None:
    """Why SQLite cannot write the store at ``path`` (its write lock taken, in a transaction rolled back:
    nothing written), or None; None too for no store yet (the folder's test says whether one can be made) and
    for a store another process is writing now (locked: it can be written)."""
    if not path.is_file():
        return None
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=rw", uri=True, timeout=1, isolation_level=None)
        try:
            con.execute("BEGIN IMMEDIATE")
            con.execute("ROLLBACK")
        finally:
            con.close()
    except sqlite3.OperationalError as exc:
        return None if "locked" in str(exc) or "busy" in str(exc) else f"SQLite: {exc}"
    except sqlite3.DatabaseError:
        return None  # not a store: the store view says so
    return None
