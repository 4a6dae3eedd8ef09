"""Segment: an Article's clean text to sentences, normalised tokens and typed mentions, with offsets.

Sentences come from pysbd (rule-based, many languages) run paragraph by paragraph; tokens are
case-folded words and numbers written as their value, so "7,000" and "7.000" (pt) are one token.
Mentions are the things a diff cares about: numbers, dates, names and quotes.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from operator import attrgetter
from typing import Any

from wiretrace.records import Article, Doc, Mention, Sentence
from wiretrace.scripts import CJK
from wiretrace.wordlists import wordfreq_language

from .dates import find_dates, holds_date_words
from .numbers import _ANY_DIGIT, NumberWords, find_figures, lowers_alike, parse_digits, value_key

# WORD: a word or a number (with its separators), the token the segmenter and the diff both use; one pattern with
# the tokens figures are read from, so the segmenter hands its matches to ``find_figures``
from .numbers import _TOKEN as WORD

__all__ = ["WORD", "SegmentConfig", "Segmenter", "fold", "pack_spans", "paragraph_starts", "segment", "unpack_spans"]

# pysbd has no rules for these languages; the nearest one's abbreviations serve.
_PYSBD_FALLBACK = {"pt": "es", "ca": "es", "gl": "es", "ro": "it", "tr": "en", "id": "en", "sv": "da",
                   "no": "da", "cs": "sk", "uk": "ru", "ko": "en", "vi": "en", "he": "en"}
_PYSBD_LANGS = frozenset({"en", "hi", "mr", "zh", "es", "am", "ar", "hy", "bg", "ur", "ru", "pl", "fa", "nl",
                          "da", "fr", "my", "el", "it", "ja", "de", "kk", "sk"})

_QUOTE = re.compile(r"“[^”]{8,}”|\"[^\"\n]{8,}\"|«[^»]{8,}»|„[^“”]{8,}[“”]|‘[^’]{12,}’")
_NAME_TOKEN = re.compile(r"[A-ZÀ-ÖØ-ÞĀ-Ž][\w'’\-]*", re.UNICODE)
_NAME_JOINERS = frozenset({"de", "da", "do", "dos", "das", "del", "della", "di", "van", "von", "der", "den",
                           "la", "le", "du", "al", "bin", "ibn", "y", "e"})
# Capitalised function words that start sentences in the languages we see most.
_NOT_NAMES = frozenset("""
a an the in on at by for from to of and but or if as it its he she they we i you his her their our my this
that these those there here when while after before since during with without about after mr mrs ms dr prof
gen sir o os as um uma no na nos nas em ao aos à el la los las un una en al del lo le les des une au aux du et
der die das ein eine im am zum zur und mit für von bei nach über vor however meanwhile also but yet still so
then though although according officials authorities
""".split())  # noqa: SIM905


@dataclass(slots=True)
class SegmentConfig:
    """How text is split and what counts as a mention."""

    #: Default language when an Article has none.
    language: str = "en"
    #: Shortest name (characters) worth comparing.
    min_name_chars: int = 3
    #: A paragraph longer than this is cut, at the last sentence end (else space) before the limit,
    #: into pieces given to pysbd one at a time: pysbd's cost grows with the square of what it is given
    #: (a 230 KB paragraph took 16 s), the pieces' grows linearly. The rules splitter is linear, but a
    #: "sentence" it finds longer than this (no sentence end for pages) is cut the same way: the diff's
    #: per-sentence work is not linear in a sentence's length.
    max_paragraph_chars: int = 10_000
    #: Who finds sentence ends: "rules" (``segment/sentences.py``, the default: closer to translators'
    #: own splits on WMT22 in all six languages and ~20x faster; the shipped models are fitted with it)
    #: or "pysbd" (pysbd 0.3.4's processor per paragraph, the default until issue #15).
    splitter: str = "rules"

    def __post_init__(self) -> None:
        if self.splitter not in ("pysbd", "rules"):
            from wiretrace.errors import ConfigError

            raise ConfigError(f"segment splitter must be 'pysbd' or 'rules', not {self.splitter!r}")


@dataclass
class Segmenter:
    """Holds pysbd segmenters and number-word tables per language; call it on an Article."""

    cfg: SegmentConfig = field(default_factory=SegmentConfig)
    _pysbd: dict[str, Any] = field(default_factory=dict, repr=False)
    _numbers: dict[str, NumberWords] = field(default_factory=dict, repr=False)

    def __call__(self, article: Article) -> Doc:
        return self.segment(article)

    @property
    def boundaries(self) -> str:
        """What decides where sentences start and end: sentence spans stored under this name are reused
        by :meth:`segment`, spans stored under another (a new pysbd, other settings) are not."""
        import pysbd

        if self.cfg.splitter == "rules":
            return (f"rules 1 (pysbd {pysbd.__version__} abbreviations); max_sentence_chars "
                    f"{self.cfg.max_paragraph_chars}; merges 1")
        return f"pysbd {pysbd.__version__}; max_paragraph_chars {self.cfg.max_paragraph_chars}; merges 1"

    @property
    def doc_key(self) -> str:
        """What made a whole Doc (sentences, tokens, mentions), as a short digest the store keeps on every
        row: the boundaries, the settings, the number-word tables and the segmenter's own code (a digest
        of its source files). A Doc stored under another key (the code changed since) is made again, never
        reused."""
        import hashlib
        from importlib.metadata import version

        made_by = (f"{self.boundaries}; min_name_chars {self.cfg.min_name_chars}; language {self.cfg.language}; "
                   f"num2words {version('num2words')}; code {_code_digest()}")
        return hashlib.sha256(made_by.encode()).hexdigest()[:16]

    def segment(self, article: Article, spans: list[tuple[int, int]] | None = None) -> Doc:
        """Return the Doc of ``article``: sentences with offsets, tokens and mentions. ``spans`` are the
        sentence spans found before under the same :attr:`boundaries` (kept in the store, so the link
        pass does not split sentences again); spans that do not fit the text are ignored."""
        lang = (article.language or self.cfg.language).lower()
        text = article.text
        if spans is None or not _fits(spans, len(text)):
            spans = self._sentence_spans(text, lang)
        quotes = [(m.start(), m.end()) for m in _QUOTE.finditer(text)]
        quote_ends = [qe for _qs, qe in quotes]
        quote_keys: dict[int, str] = {}  # a quote's folded text, made once however many sentences it spans
        words = self._number_words(lang)
        raw = []
        for start, end in spans:
            sent = text[start:end]
            matches = list(WORD.finditer(sent))  # read once for the figures, the names and the tokens
            strs = [m.group() for m in matches]
            digits = _ANY_DIGIT.search(sent) is not None
            read = held = None
            if lowers_alike(sent):  # its tokens lower-cased in one call are those of its lower case
                low = "\x1f".join(strs).lower()
                read = (matches, low.split("\x1f") if strs else [])
                held = holds_date_words(low)  # whether it may hold a date word
            mentions = _numbers_and_dates(text, start, end, lang, words, date_words=held, read=read, digits=digits)
            raw.append((start, end, sent, matches, strs, digits, mentions))
        mid_caps = _mid_sentence_capitals(text, spans)
        sentences = []
        for i, (start, end, sent, matches, strs, digits, mentions) in enumerate(raw):
            names = _names(sent, start, mid_caps, mentions, self.cfg.min_name_chars, words=matches, strs=strs)
            qs = []
            # the quotes a sentence overlaps: in order and not overlapping, so a run of them (ends rise too)
            for k in range(bisect_right(quote_ends, start), len(quotes)):
                qs_, qe = quotes[k]
                if qs_ >= end:
                    break
                if k not in quote_keys:
                    quote_keys[k] = fold(text[qs_:qe].strip("“”\"«»„‘’ "))
                qs.append(Mention("quote", max(qs_, start), min(qe, end), text[max(qs_, start):min(qe, end)],
                                  quote_keys[k]))
            all_mentions = tuple(sorted([*mentions, *names, *qs], key=_SPAN))
            sentences.append(Sentence(i, start, end, sent, _tokens(sent, lang, matches, strs, digits), all_mentions))
        return Doc(article=article, sentences=tuple(sentences))

    def _sentence_spans(self, text: str, lang: str) -> list[tuple[int, int]]:
        if self.cfg.splitter == "rules":
            return self._rule_spans(text, lang)
        seg = self._pysbd_for(lang)
        spans: list[tuple[int, int]] = []
        for p_start, para in paragraph_starts(text):
            pos = p_start + len(para)
            cursor = p_start
            # pysbd's processor, not its segment(): segment() then finds each sentence in the text again by a
            # regex made of the sentence (a compile per sentence, searched from the start: most of pysbd's
            # time), which the find below does for free. A sentence not found in the text is left out, as
            # segment() leaves it out.
            for piece in (x for part in _bounded(para, self.cfg.max_paragraph_chars) if part
                          for x in seg.processor(part).process()):
                chunk = piece.strip()
                if not chunk:
                    continue
                s = text.find(chunk, cursor, pos)
                if s < 0:
                    continue
                spans.append((s, s + len(chunk)))
                cursor = s + len(chunk)
        return _merge_fragments(text, spans)

    def _rule_spans(self, text: str, lang: str) -> list[tuple[int, int]]:
        from .sentences import rule_spans

        code = _pysbd_code(lang)
        limit = self.cfg.max_paragraph_chars
        spans = []
        for p_start, para in paragraph_starts(text):
            for s, e in rule_spans(para, lang, code):
                if e - s <= limit:
                    spans.append((p_start + s, p_start + e))
                    continue
                # no sentence end for pages on end (damaged or hostile text): pieces of at most ``limit``
                # characters, so what compares sentences (alignment, asides) never meets a 200 KB one
                pos = p_start + s
                for piece in _bounded(para[s:e], limit):
                    if stripped := piece.strip():
                        first = pos + len(piece) - len(piece.lstrip())
                        spans.append((first, first + len(stripped)))
                    pos += len(piece)
        return _merge_fragments(text, spans)

    def _pysbd_for(self, lang: str) -> Any:
        code = _pysbd_code(lang)
        if code not in self._pysbd:
            import pysbd

            from .regex_cache import install

            install()
            self._pysbd[code] = pysbd.Segmenter(language=code, clean=False, char_span=False)
        return self._pysbd[code]

    def _number_words(self, lang: str) -> NumberWords:
        if lang not in self._numbers:
            self._numbers[lang] = NumberWords.build(lang)
        return self._numbers[lang]


def paragraph_starts(text: str) -> Iterator[tuple[int, str]]:
    """Each paragraph of ``text`` (split at blank lines) with the offset it starts at."""
    pos = 0
    for para in text.split("\n\n"):
        start = text.index(para, pos) if para else pos
        pos = start + len(para)
        yield start, para


def _pysbd_code(lang: str) -> str:
    return lang if lang in _PYSBD_LANGS else _PYSBD_FALLBACK.get(lang, "en")


_SENTENCE_END = re.compile(r"[.!?。！？][\"”’»)]?\s+")


def _abbreviation(text: str, dot: int) -> bool:
    """Whether the Latin word before ``text[dot]`` is short enough to be an abbreviation or an initial
    ("Dr.", "st.", "J."): such a dot is never taken as a place to cut."""
    m = re.search(r"(\w+)$", text[max(0, dot - 12):dot])
    word = m.group(1) if m else ""
    return 0 < len(word) <= 3 and word.isalpha() and all(ord(c) < 0x250 for c in word)


def _bounded(para: str, limit: int) -> Iterator[str]:
    """``para`` in consecutive pieces of at most ``limit`` characters, cut after a sentence end where
    there is one, else at a space, else anywhere (one 300 KB "word")."""
    start = 0
    while len(para) - start > limit:
        window = para[start:start + limit]
        ends = [m.end() for m in _SENTENCE_END.finditer(window) if not _abbreviation(window, m.start())]
        cut = ends[-1] if ends and ends[-1] > limit // 4 else window.rfind(" ") + 1
        if cut <= limit // 4:
            cut = limit
        yield para[start:start + cut]
        start += cut
    yield para[start:]


def segment(article: Article, cfg: SegmentConfig | None = None) -> Doc:
    """Return the Doc of ``article`` (builds a Segmenter; reuse one for many articles)."""
    return Segmenter(cfg or SegmentConfig()).segment(article)


def fold(text: str) -> str:
    """Case- and accent-folded text, for comparing names and quotes."""
    if text.isascii():  # NFKD leaves ASCII as it is, and no ASCII character combines
        return text.casefold()
    return unicodedata.normalize("NFKD", text.casefold()).translate(_UNCOMBINED)


class _Uncombined(dict[int, int | None]):
    """A ``str.translate`` table that drops combining characters and keeps every other one, each code point
    looked up in ``unicodedata`` once per process (``fold``: one C pass instead of a call per character)."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_UNCOMBINED = _Uncombined()


@lru_cache(maxsize=1 << 17)
def word_zipf(word: str, language: str | None) -> float | None:
    """wordfreq's Zipf frequency of ``word`` in ``language`` (English when unknown): 0 for no word at all,
    ~3 for a rare one, 5+ for a common one; None when wordfreq has no list for the language (or needs a
    tokeniser for it that is not installed). Cached: the lexical profiles ask for the same common words
    of every article (wordfreq tokenises and normalises the word each time, ~6 us a call)."""
    from wordfreq import zipf_frequency

    lang = wordfreq_language(language or "en")
    if lang is None:
        return None
    try:
        return float(zipf_frequency(word, lang))
    except (LookupError, ImportError):
        # ImportError: wordfreq tokenises zh / ja with jieba / MeCab, optional packages we do not need
        return None


#: How far (langcodes' distance) a language may be from one wordfreq has a list for and still use it: "no" ->
def _merge_fragments(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join pieces too short to be sentences (a lone dateline, "Mr.") onto their neighbour."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out:
            ps, pe = out[-1]
            short = (e - s < 12 and not _unspaced(text[s:e])) or _few_words(_ends_of(text, ps, pe))
            # the span so far holds no paragraph break (spans never do): look only at what joining adds
            if short and text.find("\n\n", max(ps, pe - 1), e) < 0:
                out[-1] = (ps, e)
                continue
        out.append((s, e))
    return out


def _ends_of(text: str, start: int, end: int, n: int = 1000) -> str:
    """``text[start:end]``, or its first and last ``n`` characters when longer: what _few_words needs to
    see, so that merging thousands of fragments into one span stays linear."""
    if end - start <= 2 * n:
        return text[start:end]
    return text[start:start + n] + " " + text[end - n:end]


def _fits(spans: list[tuple[int, int]], length: int) -> bool:
    """Whether ``spans`` are sentence spans of a text of ``length`` characters: in order, not overlapping."""
    end = 0
    for s, e in spans:
        if not end <= s < e <= length:
            return False
        end = e
    return True


def pack_spans(spans: list[tuple[int, int]]) -> bytes:
    """Sentence spans as bytes for the store (uint32 start, end pairs)."""
    import numpy as np

    return np.asarray(spans, dtype=np.uint32).reshape(-1, 2).tobytes()


def unpack_spans(data: bytes) -> list[tuple[int, int]]:
    import numpy as np

    pairs = np.frombuffer(data, dtype=np.uint32).reshape(-1, 2)
    return [(int(s), int(e)) for s, e in pairs]


def pack_doc(doc: Doc) -> bytes:
    """A Doc's sentences, tokens and mentions as bytes for the store (the article is stored apart, and
    every text is a slice of it): compressed JSON, one row per sentence."""
    import json
    import zlib

    rows = [[s.start, s.end, "\x1f".join(s.tokens), [[m.kind, m.start, m.end, m.key] for m in s.mentions]]
            for s in doc.sentences]
    return zlib.compress(json.dumps(rows, ensure_ascii=False, separators=(",", ":")).encode(), 1)


def unpack_doc(article: Article, data: bytes) -> Doc | None:
    """The Doc that :func:`pack_doc` packed, on its article; None when the data does not fit the article's
    text (the caller segments again)."""
    import json
    import zlib

    text = article.text
    try:
        rows = json.loads(zlib.decompress(data))
        sentences = tuple(
            Sentence(i, start, end, text[start:end], tuple(toks.split("\x1f")) if toks else (),
                     tuple(Mention(kind, ms, me, text[ms:me], key) for kind, ms, me, key in mentions))
            for i, (start, end, toks, mentions) in enumerate(rows))
    except (ValueError, TypeError, zlib.error):
        return None
    if not _fits([(s.start, s.end) for s in sentences], len(text)):
        return None
    return Doc(article=article, sentences=sentences)


@lru_cache(maxsize=1)
def _code_digest() -> str:
    """A digest of this package's source files (the code that makes a Doc)."""
    import hashlib
    from pathlib import Path

    h = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()[:16]


def _unspaced(piece: str) -> bool:
    """Whether ``piece`` is written without spaces between words (Chinese, Japanese, Thai...), judged on
    its first 1,000 characters (one script runs through a sentence; a bound keeps merges linear)."""
    head = piece[:1000]
    # no letter counts, so not unspaced: most text, read in C (issue #15); ASCII holds none
    if head.isascii() or _FROM_CJK.search(head) is None:
        return False
    letters = [c for c in head if c.isalpha()]
    return bool(letters) and sum(1 for c in letters if ord(c) >= 0x2E80) * 2 > len(letters)


#: A character at or past U+2E80, where the scripts written without spaces begin.
_FROM_CJK = re.compile("[\u2e80-\U0010ffff]")


def _few_words(piece: str) -> bool:
    """Fewer than three words: a lone dateline or "Mr." to join on. Unspaced scripts count characters."""
    if _unspaced(piece):
        return len(piece.strip()) < 6
    return len(piece.split()) < 3


#: Chinese and Japanese characters (ideographs, kana): text written without spaces, where a "word" of
#: WORD is a whole clause. Tokens there are single characters, so shingles are character n-grams, the
#: usual unit of text reuse in those scripts (one edited character no longer changes a whole token).
_CJK_CHAR = re.compile(f"[{CJK}]")


#: With ``\\d``, every character ``str.isdigit`` calls a digit: the digits that are no decimal digit (superscripts,
#: circled and Ethiopic ones...; ``tests/test_segspeed29_segment.py`` checks every code point), all of them past
#: ASCII. A token that starts with none of these is read as a word.
_OTHER_DIGIT = re.compile("[\u00b2\u00b3\u00b9\u1369-\u1371\u19da\u2070-\u2089\u2460-\u24ff\u2776-\u2793"
                         "\U00010a40-\U00010a43\U00010e60-\U00010e68\U00011052-\U0001105a\U0001f100-\U0001f10a]")


def _tokens(sentence: str, lang: str, words: list[re.Match[str]] | None = None,
            strs: list[str] | None = None, digits: bool | None = None) -> tuple[str, ...]:
    """The sentence's tokens; ``words``: its WORD matches, ``strs`` their text, ``digits``: whether it holds a
    ``\\d``, when the caller has them already."""
    # else no word needs the per-character split below; an ASCII sentence holds no CJK character
    cjk = not sentence.isascii() and _CJK_CHAR.search(sentence) is not None
    if not cjk:
        # Case folding is one character at a time, and no character folds into a space or "\x1f" (no token holds
        # "\x1f"): the tokens casefolded in one call, then those that start with a digit read as figures.
        if strs is None:
            strs = WORD.findall(sentence) if words is None else [m.group() for m in words]
        if not strs:
            return ()
        folded = "\x1f".join(strs).casefold().split("\x1f")
        if (_ANY_DIGIT.search(sentence) is not None if digits is None else digits) or (
                not sentence.isascii() and _OTHER_DIGIT.search(sentence)):
            for k, w in enumerate(strs):
                if w[0].isdigit():
                    folded[k] = _figure_token(w, lang)
        return tuple(folded)
    toks: list[str] = []  # a sentence with CJK characters: each one is a token
    for m in WORD.finditer(sentence) if words is None else words:
        w = m.group()
        if w[0].isdigit():
            toks.append(_figure_token(w, lang))
        elif _CJK_CHAR.search(w):
            pos = 0
            for c in _CJK_CHAR.finditer(w):  # each character alone; a Latin run inside stays one token
                if c.start() > pos:
                    toks.append(w[pos:c.start()].casefold())
                toks.append(c.group())
                pos = c.end()
            if pos < len(w):
                toks.append(w[pos:].casefold())
        else:
            toks.append(w.casefold())
    return tuple(toks)


def _figure_token(word: str, lang: str) -> str:
    """The token of a word that starts with a digit: its value's key where it reads as a figure, else the word."""
    v = parse_digits(word, lang)
    return value_key(v) if v is not None else word


#: A mention's place, what a sentence's mentions are sorted by.
_SPAN = attrgetter("start", "end")


def _numbers_and_dates(text: str, start: int, end: int, lang: str, words: NumberWords, *,
                       date_words: bool | None = None,
                       read: tuple[list[re.Match[str]], list[str]] | None = None,
                       digits: bool | None = None) -> list[Mention]:
    """The dates and figures of ``text[start:end]``; ``date_words``, ``digits``: whether the sentence holds a date
    word (``find_dates``) and a digit, ``read``: its WORD matches and their text lower-cased (``find_figures``), when
    the caller knows."""
    sent = text[start:end]
    out: list[Mention] = []
    dates = find_dates(sent, lang, date_words=date_words, digits=digits)
    for ds, de, key in dates:
        out.append(Mention("date", start + ds, start + de, sent[ds:de], key))

    def in_date(s: int, e: int) -> bool:
        return any(ds <= s and e <= de for ds, de, _ in dates)

    for s, e, key in find_figures(sent, lang, words, in_date, read=read, digits=digits):
        out.append(Mention("number", start + s, start + e, sent[s:e], key))
    return out


def _mid_sentence_capitals(text: str, spans: list[tuple[int, int]]) -> set[str]:
    """Capitalised words seen away from a sentence start: evidence that they are names."""
    seen: set[str] = set()
    for s, e in spans:
        for k, m in enumerate(_NAME_TOKEN.finditer(text, s, e)):
            if k == 0 and m.start() == s:
                continue
            seen.add(m.group())
    return seen


def _names(sent: str, offset: int, mid_caps: set[str], taken: list[Mention], min_chars: int, *,
           words: list[re.Match[str]] | None = None, strs: list[str] | None = None) -> list[Mention]:
    """Runs of capitalised words that are not sentence-initial function words, dates or numbers (``words``:
    the sentence's WORD matches, ``strs`` their text, when the caller has them already)."""
    out: list[Mention] = []
    tokens = list(WORD.finditer(sent)) if words is None else words
    if strs is None:
        strs = [m.group() for m in tokens]
    i = 0
    # most words are lower-case, never a name word: a run starts only at a capitalised one (issue #15)
    for k in [k for k, w in enumerate(strs) if w[0].isupper()]:
        if k < i or not _is_name_word(strs[k], tokens[k].start(), mid_caps, taken, offset):
            continue  # inside the run before, or no name word
        i = k
        j = i + 1
        while j < len(tokens):
            nxt = strs[j]
            gap = sent[tokens[j - 1].end():tokens[j].start()]
            if gap not in (" ", "-"):
                break
            if _is_name_word(nxt, tokens[j].start(), mid_caps, taken, offset):
                j += 1
            elif nxt in _NAME_JOINERS and j + 1 < len(tokens) and _is_name_word(
                    strs[j + 1], tokens[j + 1].start(), mid_caps, taken, offset):
                j += 2
            else:
                break
        s, e = tokens[i].start(), tokens[j - 1].end()
        if e - s >= min_chars:
            out.append(Mention("name", offset + s, offset + e, sent[s:e], fold(sent[s:e])))
        i = j
    return out


def _is_name_word(w: str, pos: int, mid_caps: set[str], taken: list[Mention], offset: int) -> bool:
    if not w[:1].isupper() or w.casefold() in _NOT_NAMES:
        return False
    if any(t.start <= offset + pos < t.end for t in taken):
        return False
    if pos == 0 or (pos <= 2):
        return w in mid_caps
    return True
