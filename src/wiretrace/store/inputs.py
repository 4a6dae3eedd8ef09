"""What the store remembers of an input file, to tell whether it changed since it was read: its size,
modification and status-change times and inode (cheap, read from the file system) and the SHA-256 of its
bytes (read only where those differ, so a file that was merely touched or copied back is not read again;
the status-change time, which no user tool sets, catches an edit whose modification time was put back);
and, for a JSON Lines file that only grew, where the lines read before end (read on from there)."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

__all__ = ["FileStamp", "appended", "input_key", "stamp_file"]

_CHUNK = 1 << 20


def input_key(path: str | Path) -> str:
    """The key the store keeps an input file's records, rejects and stamp under: its resolved absolute
    path. The path as typed ("corpus/a.txt") names another file in another working folder, which must not
    count as an edit of this one (its articles were dropped, and the two files replaced each other). A local
    ``file:`` URI (``file:/a/b%20c``, ``file:///a/b``, ``file://localhost/a/b``: how Spark names a local file) is
    the file it names; any other URI (``hdfs://...``, from an imported Spark run) is kept as it is."""
    text = os.fspath(path)
    if "\x00" in text:  # a NUL names no file (a search or trace query can hold one)
        return text
    local = _file_uri_path(text)
    if local is not None:
        return os.path.realpath(local)
    if "://" in text:
        return text
    return os.path.realpath(text)


def _file_uri_path(text: str) -> str | None:
    """The path a local ``file:`` URI with an absolute path names (percent-escapes decoded); None for anything
    else: another scheme, a remote host, or "file:notes.txt" (no "/" after the colon: a file of that name, as
    typed, rather than a URI). ``Path.from_uri`` is Python 3.13's; this is the same on 3.10."""
    if text[:5].lower() != "file:" or not text[5:].startswith("/"):
        return None
    from urllib.parse import unquote, urlsplit

    parts = urlsplit(text)
    if parts.netloc not in ("", "localhost"):
        return None
    return unquote(parts.path) or None


@dataclass(slots=True, frozen=True)
class FileStamp:
    size: int
    mtime_ns: int
    sha256: str
    #: st_ctime_ns and st_ino (0: not known, a stamp written before they were kept: hashed once again)
    ctime_ns: int = 0
    ino: int = 0


def stamp_file(path: str | Path, known: FileStamp | None = None) -> FileStamp | None:
    """The stamp of the file at ``path`` as it is now: ``known`` itself where size and time still match it,
    else with its bytes hashed; None where it is no readable file (the reader says why)."""
    p = Path(path)
    try:
        st = p.stat()
        if not p.is_file():
            return None
        quick = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
        if known is not None and (known.size, known.mtime_ns, known.ctime_ns, known.ino) == quick:
            return known
        h = hashlib.sha256()
        with p.open("rb") as fh:
            while chunk := fh.read(_CHUNK):
                h.update(chunk)
    except OSError:
        return None
    return FileStamp(st.st_size, st.st_mtime_ns, h.hexdigest(), st.st_ctime_ns, st.st_ino)


#: The names of the files read line by line whose records ("line N") an append leaves as they were.
_LINE_FILES = (".jsonl", ".ndjson")


def appended(path: str | Path, known: FileStamp) -> tuple[int, int] | None:
    """Where to read on in the JSON Lines file at ``path`` that only grew since it was stamped ``known``:
    (the offset after the last line break of its first ``known.size`` bytes, the lines before it), where
    those bytes still hash to ``known.sha256``; None for any other change, and for a file not read line by
    line as UTF-8 (compressed, UTF-16 or UTF-32: read again whole). A last line ``known`` holds unfinished
    (no line break yet) is read again."""
    p = Path(path)
    if not p.name.lower().endswith(_LINE_FILES):
        return None
    h = hashlib.sha256()
    lines = last = done = 0
    try:
        if p.stat().st_size <= known.size:
            return None
        with p.open("rb") as fh:
            head = fh.read(4)
            if head[:2] in (b"\x1f\x8b", b"\xff\xfe", b"\xfe\xff") or b"\x00" in head:
                return None
            fh.seek(0)
            while done < known.size and (chunk := fh.read(min(_CHUNK, known.size - done))):
                h.update(chunk)
                if (k := chunk.rfind(b"\n")) >= 0:
                    lines, last = lines + chunk.count(b"\n"), done + k + 1
                done += len(chunk)
    except OSError:
        return None
    return (last, lines) if done == known.size and h.hexdigest() == known.sha256 else None
