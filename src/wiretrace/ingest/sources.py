"""Inputs of a corpus: files, folders (recursive), JSONL dumps (.jsonl / .jsonl.gz) and WARC crawls.

Each yields raw records keyed by (path, record) - the record is "" for a file, "line N" in JSONL,
"offset N" in WARC - so a resumed run can skip what the store has already seen and a reject names
exactly where the bad record is.
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from wiretrace.errors import one_line

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
                except (ValueError, RecursionError) as exc:  # JSONDecodeError, UnicodeDecodeError are ValueErrors
                    what = "nested too deep to read" if isinstance(exc, RecursionError) else one_line(str(exc))
                    yield RawReject(str(f), key, f"invalid JSON ({what})")
                    continue
                if not isinstance(obj, dict):
                    yield RawReject(str(f), key, "a JSONL line must be an object with 'text' or 'html'")
                    continue
                yield RawRecord(str(f), key, obj=obj)
    except (OSError, EOFError, gzip.BadGzipFile, zlib.error) as exc:
        yield RawReject(str(f), "", f"cannot read ({one_line(str(exc))})")


def _warc(f: Path, max_bytes: int) -> Iterator[RawRecord | RawReject]:
    """The HTML responses of a WARC file. A file that does not start like a WARC (or ARC) file, an empty
    archive, a record cut short (fewer bytes than its Content-Length), a record warcio cannot parse and
    bytes after the last complete record are rejects with their offset. After a record that cannot be
    parsed, reading resumes at the next place a record starts (the next gzip member holding "WARC/", or
    the next "WARC/1.x" line), so one damaged record does not lose the ones after it."""
    what = _warc_start(f)
    if what is not None:
        yield RawReject(str(f), "", what)
        return
    _quiet_warcio()
    size = f.stat().st_size
    gz = _is_gzip(f)
    pos, records, mismatched = 0, 0, 0
    while True:
        run = _WarcRun()
        yield from _warc_run(f, pos, max_bytes, run)
        records += run.records
        mismatched += run.mismatched
        # warcio's offsets can step back inside a damaged gzip member: never resume before where this run began
        run.end = max(run.end, pos)
        trailing = run.broken is None and not run.cut and run.end < size and not _only_blank(f, run.end)
        if run.broken is None and not trailing:
            break
        resume = _next_record_start(f, run.end + 1, gz)
        if resume is None and trailing:
            break  # said below: bytes after the last complete record
        what = f"unreadable WARC record ({run.broken})" if run.broken else "bytes that are no WARC record"
        where = f"offset {run.end}"
        if resume is None:
            yield RawReject(str(f), where, f"{what}; no record after it")
            return
        yield RawReject(str(f), where, f"{what}; reading resumed at offset {resume}")
        pos = resume
    if not records and not run.cut:
        yield RawReject(str(f), "", "empty archive: no WARC records")
    elif trailing:
        yield RawReject(str(f), f"offset {run.end}",
                        f"{size - run.end} bytes after the last complete record (file cut short?)")
    if mismatched:
        yield RawReject(str(f), "", f"{mismatched} records whose Content-Length does not match their content; "
                                    "their text may be cut or run into the next record")


@dataclass(slots=True)
class _WarcRun:
    """How one pass of warcio over a WARC file from some offset ended."""

    end: int = 0  # where the last complete record ended (where a broken one starts)
    records: int = 0
    mismatched: int = 0
    broken: str | None = None  # why reading stopped early, if it did
    cut: bool = False  # the last record was cut short by the end of the file


def _warc_run(f: Path, pos: int, max_bytes: int, run: _WarcRun) -> Iterator[RawRecord | RawReject]:
    from warcio.archiveiterator import ArchiveIterator

    run.end = pos
    try:
        with f.open("rb") as fh:
            fh.seek(pos)
            it = ArchiveIterator(fh)
            try:
                for rec in it:
                    ctype = (rec.http_headers.get_header("Content-Type") if rec.http_headers else "") or ""
                    wanted = rec.rec_type == "response" and "html" in ctype.lower()
                    # Read the body before asking for the offset: asking first leaves the stream empty.
                    body = rec.content_stream().read(max_bytes + 1) if wanted else b""
                    offset = it.get_record_offset()
                    it.read_to_end(rec)
                    key = f"offset {offset}"
                    run.end = offset + it.get_record_length()
                    run.records += 1
                    missing = getattr(rec.raw_stream, "limit", 0)  # what the block lacks at the end of the file
                    if missing:
                        run.cut = True
                        yield RawReject(str(f), key, f"record cut short: {missing} bytes of its Content-Length missing")
                        return
                    if wanted and len(body) > max_bytes:
                        yield RawReject(str(f), key, _over("the record's body", max_bytes))
                    elif wanted:
                        yield RawRecord(str(f), key, data=body, url=rec.rec_headers.get_header("WARC-Target-URI"),
                                        fetched=rec.rec_headers.get_header("WARC-Date"))
            finally:
                run.mismatched = it.err_count
    except OSError as exc:
        run.broken = f"cannot read file ({exc.strerror or exc})"
    except Exception as exc:  # warcio and zlib raise many kinds on a damaged record (AttributeError ...)
        run.broken = one_line(exc)


def _is_gzip(f: Path) -> bool:
    with f.open("rb") as fh:
        return fh.read(2) == b"\x1f\x8b"


def _next_record_start(f: Path, start: int, gz: bool) -> int | None:
    """The offset of the first record that starts at or after ``start``: a gzip member whose data begins
    with "WARC/" in a .warc.gz, a "WARC/1." line in a plain WARC; None if there is none."""
    marker = b"\x1f\x8b\x08" if gz else b"\nWARC/1."
    chunk = 1 << 20
    with f.open("rb") as fh:
        pos = start
        while True:
            fh.seek(pos)
            data = fh.read(chunk + 64)
            if not data:
                return None
            i = data.find(marker)
            while i >= 0:
                at = pos + i + (0 if gz else 1)
                if not gz:
                    return at
                fh.seek(at)
                try:
                    if zlib.decompressobj(31).decompress(fh.read(4096), 8).startswith(b"WARC/"):
                        return at
                except zlib.error:
                    pass
                i = data.find(marker, i + 1)
            if len(data) <= chunk:
                return None
            pos += chunk


def _only_blank(f: Path, start: int) -> bool:
    """Whether the file holds only line breaks from ``start`` on (an uncompressed WARC ends its last record
    with CR LF CR LF, outside the record's length)."""
    with f.open("rb") as fh:
        fh.seek(start)
        rest = fh.read(65)
    return len(rest) <= 64 and not rest.strip()


class _Discard:
    def write(self, text: str) -> int:
        return len(text)

    def flush(self) -> None:
        return None


class _QuietSys:
    """What warcio's readers see as ``sys``: the real module, except a stderr that discards. warcio
    writes its warnings ("Record not followed by newline ...", raw record bytes included) straight to
    sys.stderr; replacing the name inside its modules only keeps them off the user's terminal without
    swapping the process's stderr (which serve's threads share)."""

    stderr = _Discard()

    def __getattr__(self, name: str) -> object:
        import sys

        return getattr(sys, name)


def _quiet_warcio() -> None:
    import importlib

    for module in ("warcio.archiveiterator", "warcio.bufferedreaders", "warcio.digestverifyingreader"):
        try:
            mod = importlib.import_module(module)
        except ImportError:
            continue
        if hasattr(mod, "sys") and not isinstance(mod.sys, _QuietSys):
            setattr(mod, "sys", _QuietSys())  # noqa: B010 - a module attribute mypy does not know


def _warc_start(f: Path) -> str | None:
    """Why ``f`` is not a WARC file (or an ARC file, which warcio also reads), or None when it starts as one."""
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
