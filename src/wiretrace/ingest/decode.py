"""Bytes to text: size and binary checks, encoding detection (charset-normalizer), NFC output.

The order, from what real pages do wrong: a byte-order mark decides; then bytes that are valid UTF-8 are
UTF-8 whatever the page declares (a page saved as UTF-8 keeps its old ``<meta charset=iso-8859-1>``);
then UTF-8 with a few stray invalid bytes is still UTF-8, the stray bytes replaced (one bad byte must
not turn every accent of the page into mojibake); then the declared charset; then charset-normalizer's
guess (Shift-JIS, GB18030, EUC-KR, BOM-less UTF-16 ...) if it reads like writing. NUL bytes in a text
that is otherwise text are dropped; a file full of them is binary.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from wiretrace.errors import InputError
from wiretrace.scripts import UNSPACED
from wiretrace.wordlists import wordfreq_language

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CONTROL_BYTES = re.compile(rb"[\x01-\x08\x0b\x0c\x0e-\x1a\x1c-\x1f]")  # not ESC: ISO-2022 uses it
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
#: Invalid bytes in otherwise valid UTF-8 that are replaced rather than a reason to guess another
#: charset: fewer than the valid non-ASCII characters, and at most ``STRAY_BYTES_MAX`` or this share of
#: them, whichever is more (a Latin-1 page has no valid multi-byte character and all its accents invalid).
STRAY_BYTES_MAX_SHARE = 0.02
STRAY_BYTES_MAX = 3
#: charset-normalizer ranks cp1250 or cp775 ahead of cp1252 on an exact or near tie, so short Western European
#: text came out as "Săo", "Lõnder ³ber". cp1252 is taken over its best guess where cp1252's chaos is within
#: this of the best's and its coherence is not lower (fitted on the WMT22 / SemEval dev texts, each in its
#: language's legacy code page: de, fr, es cp1252 up, tr cp1254, ru, zh, ja unchanged; bench/eval_encodings.py).
CP1252_CHAOS_SLACK = 0.02
#: Word evidence between guessed decodings (``by_words``): the candidates charset-normalizer ranks within this
#: chaos of its best are weighed against the pick by the words they decode differently, and one replaces the
#: pick where those words are commoner in the text's language (wordfreq's Zipf scale, mean) by more than
#: ``WORDS_MARGIN``. The pair "años" / "ańos" (cp1252 / cp1250) is 6.1 against 2.0. Fitted on the dev split of
#: bench/eval_encodings.py; the dev total is the same for slack 0.05-0.2 and margin 0.1-1.0.
WORDS_CHAOS_SLACK = 0.1
WORDS_MARGIN = 0.5
_WORD = re.compile(r"\w+")
#: Languages whose words wordfreq reads without an extra tokenizer (MeCab, jieba): the others keep the guess.
_WORDS_NEED_TOKENIZER = frozenset({"ja", "zh", "ko", "th", "my"})
#: A sample with more NUL bytes than this share is binary (or UTF-16/32, which detection then tries).
_NUL_MAX_SHARE = 0.01
# Scripts written without spaces between words: the prose check does not ask them for spaces.
_UNSPACED = re.compile(f"[{UNSPACED}]")


def decode_bytes(data: bytes, path: str, *, strict_utf8: bool = False, html: bool = False,
                 prefer_cp1252: bool = False, by_words: bool = True) -> str:
    """Return the text of ``data`` in NFC; raise InputError naming ``path`` when it is not text.

    ``strict_utf8`` is for formats that must be UTF-8 (JSON): no stray byte is replaced, no guess made.
    ``prefer_cp1252``: a guessed single-byte charset gives way to cp1252 on a near tie (``CP1252_CHAOS_SLACK``).
    ``by_words``: among near guesses, the decoding whose differing words are words of the text's language
    (``WORDS_CHAOS_SLACK``, ``WORDS_MARGIN``).
    """
    if not data.strip():
        raise InputError(path, "empty file")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return _finish(data.decode(codec), path)
            except UnicodeDecodeError as exc:
                raise InputError(path, f"invalid {codec.upper().removesuffix('-SIG')} at byte {exc.start}") from None
    packed = compressed(data)
    if packed:  # a page saved as .html.gz: say what it is, not "binary file"
        raise InputError(path, f"{packed}-compressed; of compressed files only .jsonl.gz and .warc.gz are read: "
                               "decompress it")
    sample = data[:65536]
    if sample.count(0) > _NUL_MAX_SHARE * len(sample):
        return _guess_wide(data, path)
    if binary_reason(sample):
        raise InputError(path, "binary file (control characters); expected HTML, plain text, JSON or WARC")
    data = data.replace(b"\x00", b"")
    try:
        return _finish(data.decode("utf-8"), path)
    except UnicodeDecodeError as exc:
        if strict_utf8:
            raise InputError(path, f"invalid UTF-8 at byte {exc.start} (this format must be UTF-8)") from None
        first_bad = exc.start
    mostly = _mostly_utf8(data)
    if mostly is not None:
        return _finish(mostly, path)
    if html:
        declared = _META_CHARSET.search(data[:4096])
        if declared:
            try:
                return _finish(data.decode(declared.group(1).decode("ascii")), path)
            except (LookupError, UnicodeDecodeError):
                pass  # a wrong declaration is common; fall through to detection
    from charset_normalizer import from_bytes

    results = from_bytes(data)
    best = results.best()
    if prefer_cp1252 and best is not None and best.encoding != "cp1252":
        western = next((r for r in results if r.encoding == "cp1252"), None)
        if western is not None and western.chaos <= best.chaos + CP1252_CHAOS_SLACK and (
                western.coherence >= best.coherence):
            best = western
    text = str(best) if best is not None else ""
    if by_words and best is not None:
        text = _by_words(text, [str(r) for r in results
                                if r is not best and r.chaos <= best.chaos + WORDS_CHAOS_SLACK])
    if best is None or best.chaos > 0.25 or not _reads_like_prose(text):
        raise InputError(path, f"invalid UTF-8 at byte {first_bad} and no other text encoding fits")
    return _finish(text, path)


def _by_words(pick: str, others: list[str]) -> str:
    """``pick``, or the first of ``others`` (other decodings of the same bytes, in charset-normalizer's order)
    whose words are commoner in the text's language where the two differ (mean Zipf, by ``WORDS_MARGIN``); a
    later one must beat the new pick. The language is py3langid's reading of ``pick``, read with the list
    ``wordfreq_language`` gives it; one with no list, or one wordfreq needs another tokenizer for, keeps ``pick``."""
    if not others:
        return pick
    import py3langid
    import wordfreq

    found = str(py3langid.classify(pick[:5000])[0])
    lang = wordfreq_language(found)
    if found in _WORDS_NEED_TOKENIZER or lang is None or lang in _WORDS_NEED_TOKENIZER:
        return pick
    for other in others:
        if _commoner(other, pick, lang, wordfreq.zipf_frequency):
            pick = other
    return pick


def _word_regions(one: str, two: str) -> list[tuple[int, int]]:
    """The spans (in the first 20,000 characters) that are a word in either of two same-length texts, runs that
    overlap merged: "Millionäre" against "Million‰re" is one region, not the second's "Million" and "re"."""
    spans = sorted(m.span() for text in (one, two) for m in _WORD.finditer(text, 0, 20000))
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged


def _commoner(text: str, than: str, lang: str, zipf: Callable[[str, str], float]) -> bool:
    """Whether ``text``'s words are commoner in ``lang`` than ``than``'s: over the words where the two differ
    when both decode byte for byte (same length), else over every word holding a letter beyond ASCII."""
    if len(text) == len(than):
        regions = [(a, b) for a, b in _word_regions(than, text) if than[a:b] != text[a:b]]
        old, new = ([t[a:b].lower() for a, b in regions] for t in (than, text))
    else:
        old, new = ([w.lower() for w in _WORD.findall(t[:20000]) if not w.isascii()] for t in (than, text))
    if not old or not new:
        return False
    return _mean_zipf(new, lang, zipf) > _mean_zipf(old, lang, zipf) + WORDS_MARGIN


def _mean_zipf(words: list[str], lang: str, zipf: Callable[[str, str], float]) -> float:
    """The mean Zipf of ``words`` in ``lang``; a region one decoding breaks with a symbol ("Million‰re") is no
    word of it, whatever wordfreq makes of its pieces."""
    return sum(zipf(w, lang) if _WORD.fullmatch(w) else 0.0 for w in words) / len(words)


#: The first bytes of compressed files and archives (none is text: each holds a control character or NUL).
_PACKED = ((b"\x1f\x8b", "gzip"), (b"PK\x03\x04", "zip"), (b"\xfd7zXZ\x00", "xz"), (b"\x28\xb5\x2f\xfd", "zstd"),
           (b"7z\xbc\xaf\x27\x1c", "7z"))


def compressed(data: bytes) -> str | None:
    """The kind of compressed file ``data`` is ("gzip", "zip", "bzip2", "xz", "zstd", "7z"), told by its first
    bytes; None for anything else."""
    if data[:3] == b"BZh" and data[4:10] == b"1AY&SY":
        return "bzip2"
    return next((kind for magic, kind in _PACKED if data.startswith(magic)), None)


def binary_reason(sample: bytes) -> str | None:
    """Why the bytes ``sample`` (a file's start) are no text in any 8-bit encoding or UTF-8 ("NUL bytes",
    "control characters"), or None. UTF-16 and UTF-32 hold NUL bytes too: callers that read them ask first."""
    if sample.count(0) > _NUL_MAX_SHARE * len(sample):
        return "NUL bytes"
    if len(_CONTROL_BYTES.findall(sample)) > _NUL_MAX_SHARE * len(sample):
        return "control characters"
    return None


def _mostly_utf8(data: bytes) -> str | None:
    """The text of UTF-8 ``data`` with a few stray invalid bytes replaced by U+FFFD, or None when the
    invalid bytes are too many for strays (another charset)."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    wide = sum(1 for ch in text if ch > "\x7f") - bad
    return text if bad < wide and bad <= max(STRAY_BYTES_MAX, STRAY_BYTES_MAX_SHARE * (wide + bad)) else None


def _guess_wide(data: bytes, path: str) -> str:
    """UTF-16 or UTF-32 without a byte-order mark (NUL bytes between ASCII letters), else binary."""
    from charset_normalizer import from_bytes

    best = from_bytes(data[:1_000_000] if len(data) > 1_000_000 else data).best()
    if best is not None and best.encoding.startswith(("utf_16", "utf_32")):
        try:
            text = data.decode(best.encoding.replace("_", "-"))
        except UnicodeDecodeError:
            text = ""
        if text and _reads_like_prose(text):
            return _finish(text, path)
    raise InputError(path, "binary file (contains NUL bytes); expected HTML, plain text, JSON or WARC")


def _reads_like_prose(text: str) -> bool:
    """Whether a guessed decoding reads like writing: mostly letters, with spaces between words (except in
    Chinese, Japanese, Thai and the other scripts written without them)."""
    sample = text[:20000]
    if not sample:
        return False
    letters = sum(ch.isalpha() for ch in sample)
    spaces = sum(ch in " \n\t" for ch in sample)
    unspaced = len(_UNSPACED.findall(sample))
    if letters / len(sample) < 0.6:
        return False
    return unspaced >= 0.3 * letters or spaces / len(sample) >= 0.08


def _finish(text: str, path: str) -> str:
    sample = text[:65536]
    if sample and len(_CONTROL.findall(sample)) / len(sample) > 0.01:
        raise InputError(path, "binary file (control characters); expected HTML, plain text, JSON or WARC")
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)
