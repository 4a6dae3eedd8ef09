"""Inputs of a corpus: files, folders (recursive), JSONL dumps (.jsonl / .jsonl.gz) and WARC crawls.

Each yields raw records keyed by (path, record) - the record is "" for a file, "line N" in JSONL,
"offset N" in WARC - so a resumed run can skip what the store has already seen and a reject names
exactly where the bad record is.
"""

from __future__ import annotations

import gzip
import io
import json
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Protocol

from wiretrace.errors import missing_reason, one_line

from .decode import binary_reason
from .fields import field_notes

ARTICLE_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml", ".txt", ".text", ".json")
DUMP_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".warc", ".warc.gz")
#: A corpus's answer key is not an article.
_NOT_ARTICLES = frozenset({"truth.json"})
#: Files in a folder passed over without a word: an SQLite store (the index's own, kept beside its corpus)
#: and its journal files.
_STORE_SUFFIXES = tuple(s + j for s in (".db", ".sqlite", ".sqlite3") for j in ("", "-wal", "-shm", "-journal"))
#: Why a folder's files of these kinds are not read (every other kind: ``skip_reason``'s general line).
_NOT_READ = (
    ((".md", ".markdown"), "a folder's Markdown files are not indexed (a README or notes is no article); "
                           "give the file by name to index it as plain text"),
    ((".csv", ".tsv"), "a table is no article format, and no column is known to hold the text; write "
                       "the articles as JSON Lines (.jsonl), one object a line with a 'text' field"),
    ((".parquet",), "Parquet tables are read by `wiretrace spark index`"),
    ((".gz",), "of compressed files only .jsonl.gz and .warc.gz are read; decompress it"),
)


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
    #: False for a reason of the file system's rather than the input's (a path that does not exist, a file
    #: or folder that may not be read): the store does not keep it, so the next run tries the path again.
    lasting: bool = True
    #: True for a file a folder holds that is not read at all (not an article kind): listed with the run's
    #: rejects, every run, but no record read and nothing kept.
    skipped: bool = False


@dataclass(slots=True)
class SkippedFiles:
    """The files folders hold that are not read (``skip_reason``), counted by suffix and kept apart from the
    rejects (records that could not be read): a site mirror's 400 images are one line, not 400."""

    #: suffix ("" for none) -> (files, the reason, the first such file)
    kinds: dict[str, tuple[int, str, str]] = field(default_factory=dict)

    def add(self, path: str, reason: str) -> None:
        suffix = Path(path).suffix.lower()
        n, why, first = self.kinds.get(suffix, (0, reason, path))
        self.kinds[suffix] = (n + 1, why, first)

    def __len__(self) -> int:
        return sum(n for n, _why, _first in self.kinds.values())

    def lines(self) -> list[str]:
        """One line a suffix: "400 .png files not read (first: site/a.png): a .png file is none of ..."."""
        return [f"{n} {suffix or 'suffix-less'} file{'s' if n != 1 else ''} not read (first: {first}): "
                f"{why.removeprefix('not read: ')}" for suffix, (n, why, first) in sorted(self.kinds.items())]

    def to_list(self) -> list[dict[str, object]]:
        return [{"suffix": suffix, "files": n, "reason": why, "first": first}
                for suffix, (n, why, first) in sorted(self.kinds.items())]


#: The size over which one article (a file, a JSONL line, a WARC record) is refused unread; the same
#: default as ``IngestConfig.max_bytes``.
MAX_RECORD_BYTES = 20_000_000


#: Where ``iter_records`` tells what it read of a file that is neither a record nor a reject, (path, note): a WARC
#: file's records of other kinds than HTML passed over, a JSON Lines file's fields of odd types. Said, never kept.
Notes = Callable[[str, str], None]


#: What ``iter_records``'s ``opening`` returns for a file to pass over unread (a store holds every record of it,
#: and it has not changed since).
SKIP: Literal["skip"] = "skip"


def iter_records(
    paths: list[str], max_bytes: int = MAX_RECORD_BYTES, *,
    opening: Callable[[str], tuple[int, int] | Literal["skip"] | None] | None = None, notes: Notes | None = None,
) -> Iterator[RawRecord | RawReject]:
    """Every record under ``paths``, in a stable order. A record over ``max_bytes`` is a reject, found
    without reading it whole (a 1.5 GB file, a 3 GB line inside a small .jsonl.gz). ``opening`` is called
    with each file's path (as its records name it) before any of its bytes are read (the store stamps it); where
    it returns (offset, lines before it), a JSON Lines file that only grew is read on from there; where it
    returns ``SKIP``, the file is not read at all. ``notes`` is told, once a file is read, what in it was passed
    over or read otherwise than written without being a reject (the records it yields are the same without)."""
    walked: list[Path] = []  # the folders walked (resolved): one given again, or inside one given, is walked once
    for p in paths:
        path = Path(p)
        if path.is_dir():
            real = path.resolve()
            if outer := next((w for w in walked if w == real or w in real.parents), None):
                if notes is not None:
                    notes(p, "given twice: walked once" if outer == real else f"inside {outer}, also given: walked "
                             "with it")
                continue
            # folders under this one walked before (given first): their files are not listed again
            inner = [path / w.relative_to(real) for w in walked if real in w.parents]
            walked.append(real)
            files, unreadable = list_folder(path)
            if inner:
                files = [f for f in files if not any(d in f.parents for d in inner)]
                unreadable = [(b, r) for b, r in unreadable if not any(d == Path(b) or d in Path(b).parents
                                                                        for d in inner)]
            for bad, reason in unreadable:
                yield RawReject(bad, "", reason, lasting=False)
            for f in files:
                if not _hidden(f, path) and f.name not in _NOT_ARTICLES and _indexable(f):
                    start = opening(str(f)) if opening is not None else None
                    if start != SKIP:
                        yield from _file_records(f, max_bytes, start, notes)
                elif why := skip_reason(f, path):  # said every run, kept nowhere: the folder may change
                    yield RawReject(str(f), "", why, lasting=False, skipped=True)
        elif path.exists():
            start = opening(str(path)) if opening is not None else None
            if start != SKIP:
                yield from _file_records(path, max_bytes, start, notes)
        else:
            yield RawReject(str(path), "", missing_reason(str(path)), lasting=False)


def list_folder(folder: Path) -> tuple[list[Path], list[tuple[str, str]]]:
    """Every file under ``folder`` (recursively, sorted by path) and every sub-folder that could not be
    listed, with the reason: a folder the user may not read is a reject, not a silent gap."""
    import os

    files: list[Path] = []
    unreadable: list[tuple[str, str]] = []

    def failed(exc: OSError) -> None:
        unreadable.append((str(exc.filename or folder), f"cannot list folder ({exc.strerror or exc})"))

    for root, dirs, names in os.walk(folder, onerror=failed):
        try:
            files.extend([Path(root, n) for n in names if Path(root, n).is_file()])
        except OSError as exc:  # listed but not entered (no x permission): its files cannot be looked at
            unreadable.append((root, f"cannot enter folder ({exc.strerror or exc})"))
            continue
        # a link that leads nowhere (a loop, a gone target) or to a folder (not followed) is said, not passed over
        for n in names + dirs:
            f = Path(root, n)
            if f.is_symlink() and not _hidden(f, folder) and not f.is_file():
                unreadable.append((str(f), "a symbolic link to a folder: not followed (give the folder by name to "
                                           "index it)" if f.is_dir() else missing_reason(str(f))))
    return sorted(files), sorted(unreadable)


def _over(what: str, max_bytes: int, size: int | None = None) -> str:
    """The reason for a record over the limit, with its size when known without reading it."""
    known = f" {size / 1e6:.1f} MB," if size is not None else ""
    return f"{what} is{known} over the {max_bytes / 1e6:.0f} MB limit"


def skip_reason(f: Path, folder: Path) -> str | None:
    """Why the file ``f`` that a walk of ``folder`` found is not read, for the run's list of skipped files;
    None for those passed over without a word: hidden files and what hidden folders hold, a corpus's
    truth.json, an SQLite store and its journals."""
    name = f.name.lower()
    if f.name in _NOT_ARTICLES or name.endswith(_STORE_SUFFIXES) or _hidden(f, folder):
        return None
    why = next((why for suffixes, why in _NOT_READ if name.endswith(suffixes)), None)
    if why is None:
        kind = f"a {f.suffix.lower()} file" if f.suffix else "a file without a suffix"
        why = f"{kind} is none of the kinds read ({', '.join(ARTICLE_SUFFIXES + DUMP_SUFFIXES)})"
    return f"not read: {why}"


def _hidden(f: Path, folder: Path) -> bool:
    """Whether ``f``, found by a walk of ``folder``, is a hidden file or lies in a hidden folder under it
    (".cache/old.html"): passed over, as the README says."""
    return any(part.startswith(".") for part in f.relative_to(folder).parts)


def _indexable(f: Path) -> bool:
    name = f.name.lower()
    return name.endswith(ARTICLE_SUFFIXES) or name.endswith(DUMP_SUFFIXES)


def _file_records(f: Path, max_bytes: int, start: tuple[int, int] | None = None,
                  notes: Notes | None = None) -> Iterator[RawRecord | RawReject]:
    name = f.name.lower()
    if name.endswith((".jsonl", ".jsonl.gz", ".ndjson")):
        yield from _jsonl(f, max_bytes, start, notes)
    elif name.endswith((".warc", ".warc.gz")):
        yield from _warc(f, max_bytes, notes)
    else:
        try:
            size = f.stat().st_size
            if size > max_bytes:
                yield RawReject(str(f), "", _over("file", max_bytes, size))
                return
            yield RawRecord(str(f), "", data=f.read_bytes())
        except OSError as exc:
            yield RawReject(str(f), "", f"cannot read file ({exc.strerror})", lasting=False)


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


#: JSON Lines must be UTF-8, but an editor or a shell (PowerShell's ``>``) may write UTF-16 or UTF-32:
#: such a file is read in its encoding, told by its byte-order mark or by a first "{" next to NUL bytes.
_WIDE_JSONL = (
    (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"),
    (b"{\x00\x00\x00", "utf-32-le"), (b"\x00\x00\x00{", "utf-32-be"), (b"{\x00", "utf-16-le"), (b"\x00{", "utf-16-be"),
)


class _Recoded:
    """A UTF-16 or UTF-32 byte stream read as lines of UTF-8 bytes (``readline(size)`` counts characters)."""

    def __init__(self, fh: Any, codec: str) -> None:
        self.text = io.TextIOWrapper(fh, encoding=codec, errors="replace", newline="")

    def readline(self, size: int = -1, /) -> bytes:
        return self.text.readline(size).encode("utf-8", errors="replace")


#: Lines of binary data at the start of a JSON Lines file, none of them JSON, that make the file one reject
#: ("not a JSON Lines file") rather than a reject a line (a binary file named .jsonl: thousands of lines).
BINARY_LINES = 3


def _jsonl(f: Path, max_bytes: int, start: tuple[int, int] | None = None,
           notes: Notes | None = None) -> Iterator[RawRecord | RawReject]:
    """The records of a JSON Lines file, gzip-compressed or not (told by its first bytes, not its name: a
    dump named .jsonl.gz may be plain text, and the other way round). A file whose first ``BINARY_LINES``
    lines are binary data is one reject; a file that cannot be read to its end says after which line.
    Fields of odd JSON types (``fields.field_notes``) are told to ``notes``, one line a kind for the file."""
    odd: dict[tuple[str, str], tuple[int, int]] = {}  # (what the field holds, what is done) -> (records, first line)
    yield from _jsonl_lines(f, max_bytes, start, odd if notes is not None else None)
    for (what, done), (k, first) in odd.items():
        if notes is not None:
            notes(str(f), f"{what} in {k} record{'s' if k != 1 else ''} (first: line {first}): {done}")


def _jsonl_lines(f: Path, max_bytes: int, start: tuple[int, int] | None,
                 odd: dict[tuple[str, str], tuple[int, int]] | None) -> Iterator[RawRecord | RawReject]:
    n, blank = 0, True
    binary: list[RawReject] | None = []  # the rejects of binary lines before any other line, held back
    try:
        with f.open("rb") as raw:
            gz = raw.read(2) == b"\x1f\x8b"
        with (gzip.open(f, "rb") if gz else f.open("rb")) as fh:
            head = fh.peek(4) if hasattr(fh, "peek") else b""
            codec = next((c for bom, c in _WIDE_JSONL if head.startswith(bom)), None)
            first = 1
            if start is not None and not gz and codec is None:  # ``start``: read on after the lines read before
                fh.seek(start[0])
                first, blank, binary = start[1] + 1, False, None
            for n, line in enumerate(_lines(_Recoded(fh, codec) if codec else fh, max_bytes), start=first):
                blank = blank and line is not None and not line.strip()
                if line is not None and not line.strip():
                    continue
                got = _jsonl_record(f, f"line {n}", line, max_bytes)
                if isinstance(got, RawReject) and binary is not None and line and binary_reason(line[:4096]):
                    binary.append(got)
                    if len(binary) == BINARY_LINES:
                        yield RawReject(str(f), "", f"not a JSON Lines file: its first {n} lines are binary data "
                                                    f"({binary_reason(line[:4096])})")
                        return
                    continue
                yield from binary or ()
                binary = None
                if odd is not None and isinstance(got, RawRecord) and got.obj is not None:
                    for kind in field_notes(got.obj):
                        k, first = odd.get(kind, (0, n))
                        odd[kind] = (k + 1, first)
                yield got
        yield from binary or ()
        if blank:
            yield RawReject(str(f), "", "empty file: no JSON lines")
    except (OSError, EOFError, gzip.BadGzipFile, zlib.error) as exc:
        yield from binary or ()
        where = f"past line {n}" if n else "it"
        yield RawReject(str(f), "", f"cannot read {where} ({one_line(str(exc))})")


def _jsonl_record(f: Path, key: str, line: bytes | None, max_bytes: int) -> RawRecord | RawReject:
    """One line of a JSON Lines file as a record, or the reject saying why it is none."""
    if line is None:
        return RawReject(str(f), key, _over("the line", max_bytes))
    try:
        # without its line end: a string left open would otherwise be said to hold the newline as an "Invalid
        # control character", not to be unterminated (user review, L5)
        obj = json.loads(line.rstrip(b"\r\n"))
    except UnicodeDecodeError as exc:
        return RawReject(str(f), key, f"invalid UTF-8 at byte {exc.start} of the line (JSON Lines must be UTF-8)")
    except (ValueError, RecursionError) as exc:  # JSONDecodeError is a ValueError
        what = "nested too deep to read" if isinstance(exc, RecursionError) else one_line(str(exc))
        return RawReject(str(f), key, f"invalid JSON ({what})")
    if not isinstance(obj, dict):
        return RawReject(str(f), key, "a JSONL line must be an object with 'text' or 'html'")
    return RawRecord(str(f), key, obj=obj)


#: WARC records that say how a crawl went rather than hold what it fetched: passed over without a note.
_WARC_BOOKKEEPING = frozenset({"warcinfo", "request", "metadata"})


def _warc(f: Path, max_bytes: int, notes: Notes | None = None) -> Iterator[RawRecord | RawReject]:
    """The HTML responses of a WARC file. A file that does not start like a WARC (or ARC) file, an empty
    archive, a record cut short (fewer bytes than its Content-Length), a record warcio cannot parse and
    bytes after the last complete record are rejects with their offset. After a record that cannot be
    parsed, reading resumes at the next place a record starts (the next gzip member holding "WARC/", or
    the next "WARC/1.x" line), so one damaged record does not lose the ones after it. A file that holds HTML
    pages and records of other content (images, JSON, PDFs ...) tells ``notes`` how many of each were passed
    over (one that holds no HTML page says so as a reject)."""
    what, damaged = _warc_start(f)
    pos = 0
    if what is not None:
        resume = _next_record_start(f, 1, True) if damaged else None  # damaged: a gzip member
        if resume is None:
            yield RawReject(str(f), "", f"not a WARC file: {what}" if damaged else what)
            return
        # the first record's gzip member is damaged, and a sound record follows: read on from there
        yield RawReject(str(f), "offset 0", f"unreadable WARC record ({what}); reading resumed at offset {resume}")
        pos = resume
    _quiet_warcio()
    size = f.stat().st_size
    gz = _is_gzip(f)
    records, mismatched, articles, pages = 0, 0, 0, 0
    kinds: Counter[str] = Counter()
    while True:
        run = _WarcRun(kinds=kinds)
        for got in _warc_run(f, pos, max_bytes, run):
            articles += 1
            pages += isinstance(got, RawRecord)
            yield got
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
        trailing = False
    elif not articles:  # records, but nothing to read: say what they were, or the file seems forgotten
        held = ", ".join(f"{n} {kind}" for kind, n in kinds.most_common(5))
        yield RawReject(str(f), "", f"no HTML response among its {records} records ({held})")
    if trailing:
        yield RawReject(str(f), f"offset {run.end}",
                        f"{size - run.end} bytes after the last complete record (file cut short?)")
    if mismatched:
        yield RawReject(str(f), "", f"{mismatched} records whose Content-Length does not match their content; "
                                    "their text may be cut or run into the next record")
    if notes is not None and pages and (note := _passed_over(pages, kinds)):
        notes(str(f), note)


def _passed_over(pages: int, kinds: Counter[str]) -> str | None:
    """"12 HTML pages read, 7 records of other content passed over (5 image/jpeg, 2 application/json)": what a
    WARC file held besides its pages, by media type (WARC type for records other than responses); None when it
    held only pages and records about the crawl (``_WARC_BOOKKEEPING``)."""
    other = Counter({kind.removeprefix("response "): n for kind, n in kinds.items() if kind not in _WARC_BOOKKEEPING})
    if not other:
        return None
    n = sum(other.values())
    held = ", ".join(f"{k} {kind}" for kind, k in sorted(other.items(), key=lambda kv: (-kv[1], kv[0])))
    return (f"{pages} HTML page{'s' if pages != 1 else ''} read, {n} record{'s' if n != 1 else ''} of other "
            f"content passed over ({held}): only HTML responses are read")


@dataclass(slots=True)
class _WarcRun:
    """How one pass of warcio over a WARC file from some offset ended."""

    end: int = 0  # where the last complete record ended (where a broken one starts)
    records: int = 0
    mismatched: int = 0
    broken: str | None = None  # why reading stopped early, if it did
    cut: bool = False  # the last record was cut short by the end of the file
    #: the records that are no HTML response, by WARC type and content type ("request", "response image/png")
    kinds: Counter[str] = field(default_factory=Counter)


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
                    wanted = rec.rec_type == "response" and (not ctype.strip() or "html" in ctype.lower())
                    # Read the body before asking for the offset: asking first leaves the stream empty.
                    body = rec.content_stream().read(max_bytes + 1) if wanted else b""
                    if wanted and not ctype.strip():  # no Content-Type: an HTML page if it starts as one
                        wanted = _starts_as_html(body)
                    if not wanted:
                        kind = rec.rec_type if rec.rec_type != "response" else f"response {_mime(ctype)}"
                        run.kinds[kind] += 1
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
                    status = (rec.http_headers.get_statuscode() if rec.http_headers else None) or ""
                    if wanted and status[:1] in ("3", "4", "5"):  # a redirect or an error page: no article
                        yield RawReject(str(f), key, f"HTTP {status} response: a redirect or error page, not an "
                                                     "article")
                    elif wanted and len(body) > max_bytes:
                        yield RawReject(str(f), key, _over("the record's body", max_bytes))
                    elif wanted:
                        yield RawRecord(str(f), key, data=body, url=rec.rec_headers.get_header("WARC-Target-URI"),
                                        fetched=rec.rec_headers.get_header("WARC-Date"))
            finally:
                run.mismatched = it.err_count
    except OSError as exc:
        run.broken = f"cannot read file ({exc.strerror or exc})"
    except Exception as exc:  # warcio and zlib raise many kinds on a damaged record (AttributeError ...)
        run.broken = _missing_uri(f, run.end) or one_line(exc)


def _mime(ctype: str) -> str:
    """The media type of a Content-Type header, "no content type" for none."""
    return ctype.split(";", maxsplit=1)[0].strip().lower() or "no content type"


def _starts_as_html(body: bytes) -> bool:
    head = body[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<!--"))


_TARGET_URI_TYPES = (b"response", b"request", b"revisit", b"resource")


def _missing_uri(f: Path, offset: int) -> str | None:
    """"a response record without WARC-Target-URI" when the record at ``offset`` is one (warcio fails on it
    with an AttributeError), else None."""
    try:
        with f.open("rb") as fh:
            fh.seek(offset)
            block = fh.read(65536)
        if block[:2] == b"\x1f\x8b":
            block = zlib.decompressobj(31).decompress(block, 65536)
    except (OSError, zlib.error):
        return None
    head = block.split(b"\r\n\r\n", 1)[0].lower()
    kind = next((k for k in _TARGET_URI_TYPES if b"warc-type: " + k in head), None)
    if kind is None or b"warc-target-uri:" in head:
        return None
    return f"a {kind.decode()} record without WARC-Target-URI, which the WARC standard requires"


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


def _warc_start(f: Path) -> tuple[str | None, bool]:
    """Why ``f`` is not a WARC file (or an ARC file, which warcio also reads), or None when it starts as one;
    and whether the reason is a damaged first gzip member (a sound record may follow it)."""
    try:
        with f.open("rb") as fh:
            head = fh.read(4096)
    except OSError as exc:
        return f"cannot read file ({exc.strerror})", False
    if not head:
        return "empty archive: no WARC records", False
    if head[:2] == b"\x1f\x8b":
        try:
            head = zlib.decompressobj(31).decompress(head, 64)
        except zlib.error as exc:
            return f"broken gzip data ({exc})", True
        if not head:
            return "empty archive: no WARC records", False
    if head.startswith((b"WARC/", b"filedesc://")):
        return None, False
    return f"not a WARC file: it starts with {head[:16]!r}, not 'WARC/'", False
