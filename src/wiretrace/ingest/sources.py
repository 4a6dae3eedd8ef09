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
            for f in sorted(path.rglob("*")):
                if f.is_file() and not f.name.startswith(".") and f.name not in _NOT_ARTICLES and _indexable(f):
                    yield from _file_records(f, max_bytes)
        elif path.exists():
            yield from _file_records(path, max_bytes)
        else:
            yield RawReject(str(path), "", "no such file or folder")


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
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    try:
        with f.open("rb") as fh:
            it = ArchiveIterator(fh)
            for rec in it:
                if rec.rec_type != "response":
                    continue
                ctype = (rec.http_headers.get_header("Content-Type") if rec.http_headers else "") or ""
                if "html" not in ctype.lower():
                    continue
                try:
                    # Read the body before asking for the offset: asking first leaves the stream empty.
                    body = rec.content_stream().read(max_bytes + 1)
                except Exception as exc:  # a truncated record raises from deep in warcio/zlib
                    where = f"offset {it.get_record_offset()}"
                    yield RawReject(str(f), where, f"unreadable record ({type(exc).__name__})")
                    continue
                key = f"offset {it.get_record_offset()}"
                if len(body) > max_bytes:
                    yield RawReject(str(f), key, _over("the record's body", max_bytes))
                    continue
                yield RawRecord(str(f), key, data=body, url=rec.rec_headers.get_header("WARC-Target-URI"),
                                fetched=rec.rec_headers.get_header("WARC-Date"))
    except (ArchiveLoadFailed, OSError, EOFError) as exc:
        yield RawReject(str(f), "", f"not a readable WARC file ({exc})")
