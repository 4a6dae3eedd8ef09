"""Inputs of a corpus: files, folders (recursive), JSONL dumps (.jsonl / .jsonl.gz) and WARC crawls.

Each yields raw records keyed by (path, record) - the record is "" for a file, "line N" in JSONL,
"offset N" in WARC - so a resumed run can skip what the store has already seen and a reject names
exactly where the bad record is.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

ARTICLE_SUFFIXES = (".html", ".htm", ".xhtml", ".txt", ".json")
DUMP_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".warc", ".warc.gz")
#: A corpus's answer key is not an article.
_NOT_ARTICLES = frozenset({"truth.json"})


@dataclass(slots=True, frozen=True)
class RawRecord:
    """One record to ingest: file bytes, or a JSON record, with where it came from."""

    path: str
    record: str
    data: bytes | None = None
    obj: dict[str, Any] | None = None
    url: str | None = None
    fetched: str | None = None


@dataclass(slots=True, frozen=True)
class RawReject:
    path: str
    record: str
    reason: str


#: The size over which one article (a file, a JSONL line, a WARC record) is refused unread; the same
#: default as ``IngestConfig.max_bytes``.
MAX_RECORD_BYTES = 20_000_000


def iter_records(paths: list[str], max_bytes: int = MAX_RECORD_BYTES) -> Iterator[RawRecord | RawReject]:
    """Every record under ``paths``, in a stable order. A record over ``max_bytes`` is a reject, found
    without reading it whole (a 1.5 GB file, a 3 GB line inside a small .jsonl.gz)."""
    for p in paths:
        path = Path(p)
        if path.is_dir():
            files, unreadable = list_folder(path)
            for bad, reason in unreadable:
                yield RawReject(bad, "", reason)
            for f in files:
                if not f.name.startswith(".") and f.name not in _NOT_ARTICLES and _indexable(f):
                    yield from _file_records(f, max_bytes)
        elif path.exists():
            yield from _file_records(path, max_bytes)
        else:
            yield RawReject(str(path), "", "no such file or folder")


def list_folder(folder: Path) -> tuple[list[Path], list[tuple[str, str]]]:
    """Every file under ``folder`` (recursively, sorted by path) and every sub-folder that could not be
    listed, with the reason: a folder the user may not read is a reject, not a silent gap."""
    import os

    files: list[Path] = []
    unreadable: list[tuple[str, str]] = []

    def failed(exc: OSError) -> None:
        unreadable.append((str(exc.filename or folder), f"cannot list folder ({exc.strerror or exc})"))

    for root, _dirs, names in os.walk(folder, onerror=failed):
        files.extend(Path(root, n) for n in names if Path(root, n).is_file())
    return sorted(files), sorted(unreadable)


def _over(what: str, max_bytes: int, size: int | None = None) -> str:
    """The reason for a record over the limit, with its size when known without reading it."""
    known = f" {size / 1e6:.1f} MB," if size is not None else ""
    return f"{what} is{known} over the {max_bytes / 1e6:.0f} MB limit"


def _indexable(f: Path) -> bool:
    name = f.name.lower()
    return name.endswith(ARTICLE_SUFFIXES) or name.endswith(DUMP_SUFFIXES)


def _file_records(f: Path, max_bytes: int) -> Iterator[RawRecord | RawReject]:
    name = f.name.lower()
    if name.endswith((".jsonl", ".jsonl.gz", ".ndjson")):
        yield from _jsonl(f, max_bytes)
    elif name.endswith((".warc", ".warc.gz")):
        yield from _warc(f, max_bytes)
    else:
        try:
            size = f.stat().st_size
            if size > max_bytes:
                yield RawReject(str(f), "", _over("file", max_bytes, size))
                return
            yield RawRecord(str(f), "", data=f.read_bytes())
        except OSError as exc:
            yield RawReject(str(f), "", f"cannot read file ({exc.strerror})")


class _Readable(Protocol):
    def readline(self, size: int = -1, /) -> bytes: ...


def _lines(fh: _Readable, max_bytes: int) -> Iterator[bytes | None]:
    """The lines of ``fh``, each read at most ``max_bytes`` + 1 at a time: a longer line is None (the
    rest of it skipped in chunks, never held whole)."""
    while True:
        line = fh.readline(max_bytes + 1)
        if not line:
            return
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while True:
                rest = fh.readline(1 << 20)
                if not rest or rest.endswith(b"\n"):
                    break
            yield None
            continue
        yield line


def _jsonl(f: Path, max_bytes: int) -> Iterator[RawRecord | RawReject]:
    opener = gzip.open if f.name.lower().endswith(".gz") else open
    try:
        with opener(f, "rb") as fh:
            for n, line in enumerate(_lines(fh, max_bytes), start=1):
                key = f"line {n}"
                if line is None:
                    yield RawReject(str(f), key, _over("the line", max_bytes))
                    continue
                if not line.strip():
                    continue
                try:
                    obj = json.loads(line)
                except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                    yield RawReject(str(f), key, f"invalid JSON ({exc})")
                    continue
                if not isinstance(obj, dict):
                    yield RawReject(str(f), key, "a JSONL line must be an object with 'text' or 'html'")
                    continue
                yield RawRecord(str(f), key, obj=obj)
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        yield RawReject(str(f), "", f"cannot read ({exc})")


def _warc(f: Path, max_bytes: int) -> Iterator[RawRecord | RawReject]:
    """The HTML responses of a WARC file. A file that does not start like a WARC (or ARC) file, an empty
    archive, a record cut short (fewer bytes than its Content-Length) and bytes after the last complete
    record are rejects with their offset; warcio's own warnings are not printed."""
    import contextlib
    import io

    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    what = _warc_start(f)
    if what is not None:
        yield RawReject(str(f), "", what)
        return
    size = f.stat().st_size
    end = records = 0
    quiet = contextlib.redirect_stderr(io.StringIO())  # warcio writes its warnings to stderr; only while it runs
    try:
        with f.open("rb") as fh:
            it = ArchiveIterator(fh)
            while True:
                with quiet:
                    rec = next(it, None)
                if rec is None:
                    break
                records += 1
                ctype = (rec.http_headers.get_header("Content-Type") if rec.http_headers else "") or ""
                wanted = rec.rec_type == "response" and "html" in ctype.lower()
                try:
                    with quiet:
                        # Read the body before asking for the offset: asking first leaves the stream empty.
                        body = rec.content_stream().read(max_bytes + 1) if wanted else b""
                except Exception as exc:  # a broken record raises from deep in warcio/zlib
                    where = f"offset {it.get_record_offset()}"
                    yield RawReject(str(f), where, f"unreadable record ({type(exc).__name__})")
                    return
                offset = it.get_record_offset()
                key = f"offset {offset}"
                with quiet:
                    it.read_to_end(rec)
                end = offset + it.get_record_length()
                missing = getattr(rec.raw_stream, "limit", 0)  # what the block still lacks at the end of the file
                if missing:
                    yield RawReject(str(f), key, f"record cut short: {missing} bytes of its Content-Length missing")
                    return
                if wanted and len(body) > max_bytes:
                    yield RawReject(str(f), key, _over("the record's body", max_bytes))
                elif wanted:
                    yield RawRecord(str(f), key, data=body, url=rec.rec_headers.get_header("WARC-Target-URI"),
                                    fetched=rec.rec_headers.get_header("WARC-Date"))
    except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
        yield RawReject(str(f), f"offset {end}", f"not a readable WARC record ({type(exc).__name__}: {exc})")
        return
    if not records:
        yield RawReject(str(f), "", "empty archive: no WARC records")
    elif end < size:
        yield RawReject(str(f), f"offset {end}", f"{size - end} bytes after the last complete record (file cut short?)")
    if it.err_count:
        yield RawReject(str(f), "", f"{it.err_count} records whose Content-Length does not match their content; "
                                    "their text may be cut or run into the next record")


def _warc_start(f: Path) -> str | None:
    """Why ``f`` is not a WARC file (or an ARC file, which warcio also reads), or None when it starts as one."""
    import zlib

    try:
        with f.open("rb") as fh:
            head = fh.read(4096)
    except OSError as exc:
        return f"cannot read file ({exc.strerror})"
    if not head:
        return "empty archive: no WARC records"
    if head[:2] == b"\x1f\x8b":
        try:
            head = zlib.decompressobj(31).decompress(head, 64)
        except zlib.error as exc:
            return f"not a WARC file: broken gzip data ({exc})"
        if not head:
            return "empty archive: no WARC records"
    if head.startswith((b"WARC/", b"filedesc://")):
        return None
    return f"not a WARC file: it starts with {head[:16]!r}, not 'WARC/'"
