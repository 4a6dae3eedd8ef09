"""What the store remembers of an input file, to tell whether it changed since it was read: its size and
modification time (cheap, read from the file system) and the SHA-256 of its bytes (read only where the
size or time differ, so a file that was merely touched or copied back is not read again)."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

__all__ = ["FileStamp", "input_key", "stamp_file"]

_CHUNK = 1 << 20


def input_key(path: str | Path) -> str:
    """The key the store keeps an input file's records, rejects and stamp under: its resolved absolute
    path. The path as typed ("corpus/a.txt") names another file in another working folder, which must not
    count as an edit of this one (its articles were dropped, and the two files replaced each other). A URI
    (``hdfs://...``, from an imported Spark run) is kept as it is."""
    text = os.fspath(path)
    if "://" in text or "\x00" in text:  # a NUL names no file (a search or trace query can hold one)
        return text
    return os.path.realpath(text)


@dataclass(slots=True, frozen=True)
class FileStamp:
    size: int
    mtime_ns: int
    sha256: str


def stamp_file(path: str | Path, known: FileStamp | None = None) -> FileStamp | None:
    """The stamp of the file at ``path`` as it is now: ``known`` itself where size and time still match it,
    else with its bytes hashed; None where it is no readable file (the reader says why)."""
    p = Path(path)
    try:
        st = p.stat()
        if not p.is_file():
            return None
        if known is not None and (known.size, known.mtime_ns) == (st.st_size, st.st_mtime_ns):
            return known
        h = hashlib.sha256()
        with p.open("rb") as fh:
            while chunk := fh.read(_CHUNK):
                h.update(chunk)
    except OSError:
        return None
    return FileStamp(st.st_size, st.st_mtime_ns, h.hexdigest())
