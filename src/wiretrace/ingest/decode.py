"""Bytes to text: size and binary checks, encoding detection (charset-normalizer)."""

from __future__ import annotations

import re

from wiretrace.errors import InputError

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def decode_bytes(data: bytes, path: str, *, strict_utf8: bool = False, html: bool = False) -> str:
    """Return the text of ``data``; raise InputError naming ``path`` when it is not text.

    ``strict_utf8`` is for formats that must be UTF-8 (JSON); otherwise a declared HTML charset is
    tried, then UTF-8, then charset-normalizer's best guess.
    """
    if not data.strip():
        raise InputError(path, "empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return _check_text(data.decode("utf-16"), path)
        except UnicodeDecodeError as exc:
            raise InputError(path, f"invalid UTF-16 at byte {exc.start}") from None
    if b"\x00" in data[:65536]:
        raise InputError(path, "binary file (contains NUL bytes); expected HTML, plain text, JSON or WARC")
    if html:
        declared = _META_CHARSET.search(data[:4096])
        if declared:
            try:
                return _check_text(data.decode(declared.group(1).decode("ascii")), path)
            except (LookupError, UnicodeDecodeError):
                pass  # a wrong declaration is common; fall through to detection
    try:
        return _check_text(data.decode("utf-8-sig"), path)
    except UnicodeDecodeError as exc:
        if strict_utf8:
            raise InputError(path, f"invalid UTF-8 at byte {exc.start} (this format must be UTF-8)") from None
        first_bad = exc.start
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.chaos > 0.25 or not _reads_like_prose(str(best)):
        raise InputError(path, f"invalid UTF-8 at byte {first_bad} and no other text encoding fits")
    return _check_text(str(best), path)


def _reads_like_prose(text: str) -> bool:
    """Whether a guessed decoding reads like writing: mostly letters, with spaces between words."""
    sample = text[:20000]
    if not sample:
        return False
    letters = sum(ch.isalpha() for ch in sample)
    spaces = sum(ch in " \n\t" for ch in sample)
    return letters / len(sample) >= 0.6 and spaces / len(sample) >= 0.08


def _check_text(text: str, path: str) -> str:
    sample = text[:65536]
    if sample and len(_CONTROL.findall(sample)) / len(sample) > 0.01:
        raise InputError(path, "binary file (control characters); expected HTML, plain text, JSON or WARC")
    return text
