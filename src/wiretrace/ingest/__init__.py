"""Ingest: files and records to Articles (clean text, metadata, what was stripped and why).

Formats: HTML pages (trafilatura), plain text (title / byline / date lines, dateline and credit),
JSON records (``text`` or ``html`` plus metadata fields). Every failure is an InputError naming the
file and the reason.
"""

from __future__ import annotations

import copy
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

import numpy as np

from wiretrace.errors import InputError, missing_reason, one_line
from wiretrace.records import Article
from wiretrace.scripts import UNSPACED, count_wide

from .decode import decode_bytes
from .fields import HTML_FIELDS, META_FIELDS, TEXT_FIELDS, body_text, field_text, json_type
from .furniture import not_an_article, strip_furniture
from .html import extract_html
from .meta import (
    CRAWL_DATE,
    article_id,
    closing_credit,
    date_signal,
    looks_like_date_line,
    parse_byline,
    parse_date,
    read_date,
    read_head,
    starts_with_dateline,
)
from .sources import DUMP_SUFFIXES, Notes, RawRecord, RawReject, iter_records

__all__ = ["TEXT_RECIPE", "TEXT_RECIPE_CHANGES", "IngestConfig", "article_from_bytes", "article_from_dump",
           "article_from_raw", "article_from_record", "article_from_text", "clean_text", "read_article", "read_records"]

Format = Literal["html", "text", "json"]

_EXT: dict[str, Format] = {
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".txt": "text", ".text": "text", ".md": "text",
    ".json": "json",
}
#: Tables: read as text they would make one "article" of every row.
_TABLES = frozenset({".csv", ".tsv"})
_PARA_SPLIT = re.compile(r"\n\s*\n")
_TITLE_MAX = 200


@dataclass(slots=True, frozen=True)
class IngestConfig:
    """How ingest reads inputs."""

    #: Larger files are refused before they are read (a news page is rarely over 2 MB).
    max_bytes: int = 20_000_000
    #: An article with less clean text than this (after boilerplate) is "no article".
    min_chars: int = 150
    #: Identify the language of each article's text with py3langid.
    detect_language: bool = True
    #: A text in a guessed single-byte charset is read as cp1252 where that nearly ties with the best guess
    #: (``decode.CP1252_CHAOS_SLACK``).
    prefer_cp1252: bool = False
    #: Among near guesses of a single-byte charset, take the decoding whose differing words are words of the
    #: text's language (``decode.WORDS_MARGIN``). On since session 19: it passed the rule written before one look
    #: at a third split of texts dev and test never scored (bench/RESULTS.md, "Encodings, session 19").
    decode_by_words: bool = True


def read_article(path: str | Path, cfg: IngestConfig | None = None) -> Article:
    """Return the Article in the file at ``path``; raise InputError saying why when there is none."""
    cfg = cfg or IngestConfig()
    p = Path(path)
    name = str(path)
    if p.is_dir():
        raise InputError(name, "is a directory, not a file (use `wiretrace index` for folders)")
    if not p.exists():
        raise InputError(name, "no such file" if not p.is_symlink() else missing_reason(name))
    if name.lower().endswith(DUMP_SUFFIXES):  # a JSONL dump or a WARC crawl: its one record, if one it holds
        first = [got for _where, got in zip(range(2), read_records(p, cfg), strict=False)]
        if len(first) > 1:
            raise InputError(name, "holds more than one record (a JSONL dump or WARC crawl): `wiretrace ingest` "
                                   "shows each, `wiretrace index` stores them; compare takes one article a file")
        if not first:
            raise InputError(name, "no records in it")
        if isinstance(first[0][1], InputError):
            raise first[0][1]
        return first[0][1]
    size = p.stat().st_size
    if size > cfg.max_bytes:
        raise InputError(name, f"file is {size / 1e6:.1f} MB, over the {cfg.max_bytes / 1e6:.0f} MB limit")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(name, f"cannot read file ({exc.strerror})") from None
    return article_from_bytes(data, name=name, fmt=_EXT.get(p.suffix.lower()), cfg=cfg)


def article_from_dump(data: bytes, *, name: str, cfg: IngestConfig | None = None) -> Article:
    """The Article in the bytes of a JSON Lines dump or WARC crawl called ``name`` (an upload), read as
    ``read_article`` reads such a file: its one record; more than one, or none, is an InputError naming
    ``name``."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="wiretrace-") as tmp:
        f = Path(tmp) / (Path(name).name or "upload")
        f.write_bytes(data)
        try:
            article = read_article(f, cfg)
        except InputError as exc:
            raise InputError(exc.path.replace(str(f), name, 1), exc.reason) from None
    return replace(article, path=(article.path or str(f)).replace(str(f), name, 1))


def read_records(path: str | Path, cfg: IngestConfig | None = None, *,
                 notes: Notes | None = None) -> Iterator[tuple[str, Article | InputError]]:
    """Each record in the file at ``path`` (every line of a JSONL dump, every HTML response of a WARC crawl;
    any other file is one record) with where it is ("dump.jsonl (line 3)"), as an Article or the
    InputError saying why it holds none. Records are read one at a time: any dump size is fine. ``notes`` is
    told (path, note) what a dump held that was passed over or read otherwise than written
    (``sources.iter_records``)."""
    cfg = cfg or IngestConfig()
    name = str(path)
    if not name.lower().endswith(DUMP_SUFFIXES) or not Path(path).is_file():
        try:
            yield name, read_article(path, cfg)
        except InputError as exc:
            yield name, exc
        return
    for raw in iter_records([name], cfg.max_bytes, notes=notes):
        where = f"{raw.path} ({raw.record})" if raw.record else raw.path
        if isinstance(raw, RawReject):
            yield where, InputError(where, raw.reason)
            continue
        try:
            yield where, article_from_raw(raw, cfg)
        except InputError as exc:
            yield where, InputError(where, exc.reason)


def article_from_raw(raw: RawRecord, cfg: IngestConfig | None = None) -> Article:
    """The Article of one record of a corpus (``wiretrace.ingest.sources.iter_records``): a JSON record or
    a file's or WARC response's bytes; a crawl's fetch time stands in for a publication time it lacks, marked
    with the signal ``date_from_crawl`` (the page was online then: relate reads it as a bound, not a time)."""
    name = f"{raw.path}:{raw.record}" if raw.record else raw.path
    if raw.obj is not None:
        article = article_from_record(raw.obj, name=name, cfg=cfg)
    else:
        article = article_from_bytes(raw.data or b"", name=name, url=raw.url, cfg=cfg)
    if article.date is None and raw.fetched and (fetched := parse_date(raw.fetched)):
        article = replace(article, date=fetched, signals=(*article.signals, CRAWL_DATE))
    return article


def article_from_bytes(
    data: bytes, *, name: str, fmt: Format | None = None, url: str | None = None, cfg: IngestConfig | None = None
) -> Article:
    """Return the Article in ``data`` (the bytes of a file or record called ``name``), in the format ``fmt``,
    else the one ``name``'s suffix says (as ``read_article``: `wiretrace index` reads a file as `ingest`
    does), else the one the bytes look like."""
    cfg = cfg or IngestConfig()
    if len(data) > cfg.max_bytes:
        raise InputError(name, f"input is {len(data) / 1e6:.1f} MB, over the {cfg.max_bytes / 1e6:.0f} MB limit")
    if fmt is None and Path(name).suffix.lower() in _TABLES:
        raise InputError(name, "a table (CSV) is not read: no column is known to hold the text; write the "
                               "articles as JSON Lines (.jsonl), one object a line with a 'text' field")
    fmt = fmt or _EXT.get(Path(name).suffix.lower()) or _sniff(data)
    text = decode_bytes(data, name, strict_utf8=fmt == "json", html=fmt == "html", prefer_cp1252=cfg.prefer_cp1252,
                        by_words=cfg.decode_by_words)
    if fmt == "json":
        record = load_json(text, name)
        if not isinstance(record, dict):
            raise InputError(name, "JSON must be one object with a 'text' or 'html' field")
        return article_from_record(record, name=name, cfg=cfg)
    if fmt == "html":
        return _from_html(text, name=name, url=url, cfg=cfg)
    return article_from_text(text, name=name, url=url, cfg=cfg)


def article_from_record(record: Mapping[str, Any], *, name: str, cfg: IngestConfig | None = None) -> Article:
    """Return the Article in a JSON-like record (``text`` or ``html`` plus optional metadata fields)."""
    cfg = cfg or IngestConfig()
    url = _field(record, *META_FIELDS["url"])
    title = _field(record, *META_FIELDS["title"])
    site = _field(record, *META_FIELDS["site"])
    byline = _field(record, *META_FIELDS["byline"])
    raw_date = _field(record, *META_FIELDS["date"])
    fetched = None if raw_date else _field(record, *META_FIELDS["fetched"])  # a crawl time, only for want of a date
    language = _field(record, *META_FIELDS["language"])
    html, html_problem = _body_field(record, HTML_FIELDS)
    body, body_problem = _body_field(record, TEXT_FIELDS)
    if body is None and html is None:
        keys = one_line(", ".join(repr(str(k)) for k in list(record)[:8]) + (", ..." if len(record) > 8 else ""), 120)
        raise InputError(name, body_problem or html_problem
                         or f"record has no 'text' or 'html' field (its fields: {keys or 'none'})")
    date, problem = read_date(raw_date or fetched or "") if raw_date or fetched else (None, None)
    # A date field that is no plausible date ("1e308", "99", year 1850) or no date at all ("yesterday-ish") is left
    # out, and says which (implausible_date / unreadable_date).
    signals: tuple[str, ...] = date_signal(problem)
    signals += (CRAWL_DATE,) if fetched and date else ()  # marked: when the page was online, not published
    if body is None:
        base = _from_html(html or "", name=name, url=url, cfg=cfg)
        if CRAWL_DATE in signals and base.date:  # the page's own date (its HTML's) before a crawl time
            date, signals = base.date, tuple(s for s in signals if s != CRAWL_DATE)
        paragraphs = base.text.split("\n\n")
        return _build(paragraphs, name=name, cfg=cfg, url=url or base.url, title=title or base.title,
                      site=site or base.site, byline=byline or base.byline, date=date or base.date,
                      declared_language=language or base.language, signals=signals + base.signals)
    return _build(_paragraphs(body), name=name, cfg=cfg, url=url, title=title, site=site, byline=byline,
                  date=date, declared_language=language, signals=signals)


def article_from_text(text: str, *, name: str, url: str | None = None, cfg: IngestConfig | None = None) -> Article:
    """Return the Article in plain text: optional title, byline and date lines, then paragraphs."""
    cfg = cfg or IngestConfig()
    paragraphs = _paragraphs(clean_text(text))  # head lines are read as the text will be: "By\u200b Ana" is a byline
    title = byline = date = None
    # The head: short lines before the body, in one block or in separate paragraphs, up to a dateline
    # (which may share a block with the lines above it: "By Ana Lima\nLISBON, March 20 (Reuters) - ...").
    head_lines: list[str] = []
    closing = closing_credit(paragraphs)
    while paragraphs and len(head_lines) < 6:
        lines = [ln.strip() for ln in paragraphs[0].split("\n") if ln.strip()]
        k = 0
        while k < len(lines) and _is_head_line(lines[k]) and not starts_with_dateline(lines[k], closing=closing):
            k += 1
        if k == len(lines):
            head_lines.extend(lines)
            paragraphs.pop(0)
            continue
        if k and starts_with_dateline(lines[k], closing=closing):
            head_lines.extend(lines[:k])
            paragraphs[0] = "\n".join(lines[k:])
        break
    if not paragraphs:  # all of it looked like head lines: a short text is body, not a title
        paragraphs, head_lines = head_lines, []
    body_lines: list[str] = []  # head-like lines that are not head after all, in their order
    taken: list[tuple[str, str]] = []  # (rule, line) of the lines read as metadata
    for line in head_lines:
        if byline is None and parse_byline(line):
            byline = parse_byline(line)
            taken.append(("byline", line))
        elif date is None and looks_like_date_line(line):
            date = parse_date(line)
            taken.append(("date_line", line))
        elif title is None:
            title = line
            taken.append(("title", line))
        else:
            body_lines.append(line)
    paragraphs = [" ".join(p.split()) for p in (*body_lines, *paragraphs)]
    return _build(paragraphs, name=name, cfg=cfg, url=url, title=title, byline=byline, date=date, taken=taken)


def _from_html(html: str, *, name: str, url: str | None, cfg: IngestConfig) -> Article:
    parts = extract_html(html, name, url)
    paragraphs = list(parts.paragraphs)
    if parts.title and paragraphs and paragraphs[0].strip() == parts.title.strip():
        paragraphs.pop(0)  # trafilatura keeps the <h1> as the first line
    # Where the page was fetched wins over the canonical link it claims: scraper sites copy the
    # source's canonical tag along with its text.
    return _build(paragraphs, name=name, cfg=cfg, url=url or parts.url, title=parts.title, site=parts.site,
                  byline=parts.byline, date=parts.date, declared_language=parts.language,
                  signals=date_signal(parts.date_refused))


def _build(
    paragraphs: list[str], *, name: str, cfg: IngestConfig, url: str | None = None, title: str | None = None,
    site: str | None = None, byline: str | None = None, date: str | None = None,
    declared_language: str | None = None, taken: list[tuple[str, str]] | None = None,
    signals: tuple[str, ...] = (),
) -> Article:
    """The Article of ``paragraphs`` and the metadata found so far. Every line taken out of the text on the
    way (``taken`` by the caller, head lines, furniture, key-value fields, a closing credit) is listed in
    ``boilerplate`` with the rule that took it, so text + boilerplate account for every input line."""
    # a paragraph of invisible characters alone is none
    paragraphs = [c for p in paragraphs if (c := clean_text(p)).strip()]
    title, byline = title and clean_text(title), byline and clean_text(byline)
    site = site and clean_text(site)
    taken = list(taken or [])
    paragraphs, head_byline, head_taken = _strip_head(paragraphs, title)
    taken.extend(head_taken)
    title, cut = _capped_title(title)
    if cut:
        signals = (*signals, "long_title")
    stripped = strip_furniture(paragraphs)
    # Date, dateline and credit from the agency head and tail; key-value fields before the dateline and a
    # credit line at the end leave the text for the boilerplate.
    head = read_head(stripped.kept)
    byline = byline or head_byline or head.byline
    date = date or head.date
    text = "\n\n".join(p for p in head.paragraphs if p)
    instead = not_an_article(text)
    if instead:
        raise InputError(name, f"not an article: the page is {instead} ({len(text.split())} words)")
    weighted = _weighted_length(text)
    if weighted < cfg.min_chars:
        # the size and the minimum, so a short real article is told from an empty page (review of session 23)
        wide = f" ({weighted} with each Han, kana or Hangul character counting 3)" if weighted != len(text) else ""
        chars = f"{len(text)} character{'' if len(text) == 1 else 's'}"
        raise InputError(name, f"no article text found: {chars} after removing boilerplate{wide}, "
                               f"fewer than the {cfg.min_chars} an article needs ([ingest] min_chars)")
    letters = _weighted_letters(text)
    if letters < cfg.min_chars // 2:  # punctuation, digits, emoji, marks: long enough, but no words
        raise InputError(name, f"no article text found: {len(text)} characters, but only {letters} of them letters")
    language = _language(text) if cfg.detect_language else None
    if language == TIBETAN_READ:
        language = _tibetan(declared_language)
    return Article(
        id=article_id(text, url),
        text=text,
        title=title,
        url=url,
        site=site or _site_from_url(url),
        byline=byline,
        date=date,
        dateline=head.place,
        credit=head.credit,
        language=language or (declared_language.lower()[:2] if declared_language else None),
        boilerplate=(*(clean_text(t) for _r, t in taken), *stripped.removed, *head.removed),
        boilerplate_rules=(*(r for r, _t in taken), *stripped.rules, *head.removed_rules),
        signals=(*stripped.signals, *(s for s in signals if s not in stripped.signals)),
        path=name,
    )


# Lines a page puts above the article body: section kickers ("Wissen · Weltraum"), a byline with the
# time ("Por Ana Lima (Reuters) · 10:30"), the headline again.
_BYLINE = re.compile(r"^(by|por|par|von|di|door|av|af)\s+\S", re.IGNORECASE)
_HEAD_MAX = 160
_KICKER_MAX_WORDS = 8
#: A head line ending so is a sentence, body text: Latin marks and quotes, and the CJK full stops, marks
#: and closing corner quotes ("。", "！", "？", "」", "』").
_SENTENCE_ENDS = (".", '"', "”", "»", "?", "!", "。", "．", "｡", "！", "？", "」", "』")
_UNSPACED_RUN = re.compile(f"[{UNSPACED}]+")
#: Weighted characters (``_weighted_length``) that make one word in a script without spaces: two Han or
#: kana characters, six Thai letters - about what a Latin word and its space take.
_UNSPACED_WORD = 6


def _strip_head(paragraphs: list[str], title: str | None) -> tuple[list[str], str | None, list[tuple[str, str]]]:
    """Drop the head lines before the first paragraph of body text; return the rest, a byline found there
    and the (rule, line) of each line dropped. A kicker is a short section label without figures
    ("Wissen · Weltraum"); a line with figures between bars is a table row, and stays."""
    byline = None
    k = 0
    taken: list[tuple[str, str]] = []
    norm_title = " ".join(title.split()).casefold() if title else None
    while k < len(paragraphs) - 1:
        line = " ".join(paragraphs[k].split())
        if len(line) > _HEAD_MAX or line.endswith(_SENTENCE_ENDS) or starts_with_dateline(line):
            break
        is_title = norm_title is not None and line.casefold() == norm_title
        is_kicker = ("·" in line or "|" in line) and _head_words(line) <= _KICKER_MAX_WORDS and not any(
            ch.isdigit() for ch in line)
        is_byline = bool(_BYLINE.match(line)) and len(line.split()) <= 12
        if not (is_title or is_kicker or is_byline):
            break
        if is_byline and byline is None:
            byline = line.split("·")[0].split("|")[0].strip()
        taken.append(("head_title" if is_title else "head_byline" if is_byline else "kicker", paragraphs[k]))
        k += 1
    return paragraphs[k:], byline, taken


def _head_words(line: str) -> int:
    """The words of a head line: those between spaces, where a run of a script without spaces (Chinese,
    Japanese, Thai) counts one word per ``_UNSPACED_WORD`` of its weighted length - a Chinese sentence of 40
    characters is 20 words, not the 1-3 its spaces make."""
    if not _UNSPACED_RUN.search(line):
        return len(line.split())
    runs = _UNSPACED_RUN.findall(line)
    spaced = len(_UNSPACED_RUN.sub(" ", line).split())
    return spaced + sum(-(-_weighted_length(run) // _UNSPACED_WORD) for run in runs)


def _weighted_length(text: str) -> int:
    """Length in characters, a Han, kana or Hangul character counting 3: one of them carries about what
    three Latin letters and a space do, so a short Chinese or Japanese article is not refused as empty."""
    return len(text) + 2 * count_wide(text)


def _weighted_letters(text: str) -> int:
    """The letters of ``text``, a Han, kana or Hangul one counting 3 (as in ``_weighted_length``); a
    combining mark (Devanagari's vowel signs, Arabic's harakat) counts as a letter. Each distinct character is
    tested once, with its count (issue #15: the test per character was ~0.1 ms an article)."""
    letters = sum(k for ch, k in Counter(text).items() if ch.isalpha() or unicodedata.category(ch) in ("Mn", "Mc"))
    return letters + 2 * count_wide(text)


#: Characters of an article's text its language is read from (``_language``).
LANGUAGE_CHARS = 500


def _language(text: str) -> str | None:
    # The first ``LANGUAGE_CHARS`` characters: py3langid walks the text byte by byte in Python (~0.3 us a byte).
    # On the 641 real documents of the test bed (WMT22 in six languages, AEB English) the language read from
    # 1,000 characters was the one read from 5,000 every time (session 26); on every real text held (6,193: WMT22
    # originals, references and MT, AEB bodies, SemEval es / tr / ar / fr, the test bed with its HTML pages) the
    # language read from 500 is the one read from 1,000 (issue #15, session 28: half the walk; 400 changed 4).
    lang, _score = _identifier().classify(text[:LANGUAGE_CHARS])
    return str(lang) if lang else None


#: What py3langid reads every text in the Tibetan script as: it knows Dzongkha (dz) and has no Tibetan (bo), so a
#: Tibetan article was stored, and named in the uncovered-language line, as Dzongkha. Neither embedder declares
#: either language (``embed.USE_V3_LANGUAGES``, ``E5_LANGUAGES``), wordfreq has neither, and both are written without
#: spaces between words (``scripts.UNSPACED``): the code changes no comparison of two Tibetan-script texts, only the
#: name. ``_tibetan`` keeps what the page or record declares (bo or dz), else says bo: Tibetan is the written
#: language of most of what is published in the script (Tibet, China's and exile media; Dzongkha is Bhutan's).
TIBETAN_READ = "dz"


def _tibetan(declared: str | None) -> str:
    """The language of a text in the Tibetan script (``TIBETAN_READ``): the declared one where it is Tibetan
    or Dzongkha ("dz", "bo-CN"), else Tibetan."""
    base = (declared or "").lower().replace("_", "-").split("-")[0]
    return base if base in ("bo", "dz") else "bo"


_IDENTIFIER: Any = None


def _identifier() -> Any:
    """py3langid's identifier, multiplying float32 copies of the rows of its half-precision table that it
    reads: numpy's float16 -> float32 cast of the ~700 rows an article visits took 0.12 of the 0.4 ms its
    language cost (issue #15). The rows are the same numbers in the same layout, so the scores are the
    same bits (``tests/test_index.py`` checks it against ``py3langid.classify``); a py3langid whose
    identifier is built otherwise is used as it is."""
    global _IDENTIFIER  # noqa: PLW0603 - one identifier per process, made on first use
    if _IDENTIFIER is None:
        from py3langid import langid

        base = langid._get_identifier()  # the library's own shared identifier
        _IDENTIFIER = base
        table = getattr(base, "nb_ptc", None)
        if callable(getattr(base, "_sparse_score", None)) and getattr(table, "dtype", None) == np.float16:
            fast = copy.copy(base)
            fast.__class__ = type("_SingleRowsIdentifier", (type(base),),
                                  {"__slots__": (), "_sparse_score": _sparse_score})
            _IDENTIFIER = fast
    return _IDENTIFIER


class _SingleRows:
    """A float16 table whose rows come back as float32 when indexed. Each row is cast once, when first
    read, into a buffer that grows with the rows read (an article's text visits ~700 of 100,053 rows, most
    of them seen before): casting the whole table would add 57 MB to every worker."""

    def __init__(self, half: np.ndarray) -> None:
        self.half = half
        self.slot = np.full(len(half), -1, dtype=np.intp)  # the row's place in ``single``, -1: not cast yet
        self.single = np.empty((1024, *half.shape[1:]), dtype=np.float32)
        self.used = 0

    def __getitem__(self, rows: np.ndarray) -> np.ndarray:
        where = self.slot[rows]
        new = np.unique(rows[where < 0])
        if len(new):
            end = self.used + len(new)
            if end > len(self.single):
                grown = np.empty((max(end, 2 * len(self.single)), *self.single.shape[1:]), dtype=np.float32)
                grown[:self.used] = self.single[:self.used]
                self.single = grown
            self.single[self.used:end] = self.half[new]
            self.slot[new] = np.arange(self.used, end)
            self.used = end
            where = self.slot[rows]
        out: np.ndarray = self.single[where]
        return out


_SINGLE_ROWS: dict[int, _SingleRows] = {}


def _sparse_score(self: Any, visits: Any, table: np.ndarray) -> Any:
    """py3langid's score of the visited features, with the table's rows read as float32."""
    rows = _SINGLE_ROWS.get(id(table))
    if rows is None or rows.half is not table:
        rows = _SINGLE_ROWS[id(table)] = _SingleRows(table)
    return super(type(self), self)._sparse_score(visits, rows)


def _sniff(data: bytes) -> Format:
    head = data[:2048].lstrip().lower()
    if head.startswith((b"{", b"\xef\xbb\xbf{")):
        return "json"
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head or b"<p>" in head:
        return "html"
    return "text"


def _paragraphs(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    parts = [p.strip() for p in _PARA_SPLIT.split(text) if p.strip()]
    if len(parts) == 1 and text.count("\n") > 2:  # no blank lines: one paragraph a line
        parts = [ln.strip() for ln in text.split("\n") if ln.strip()]
    return parts


def _capped_title(title: str | None) -> tuple[str | None, bool]:
    """The title cut to ``_TITLE_MAX`` (weighted) characters at a word where it is longer, ending "…"; and
    whether it was cut. A page's <title> or a record's title field can hold a whole paragraph (the 181 AEB
    pages' titles are at most 153 characters)."""
    if title is None or _weighted_length(title) <= _TITLE_MAX:
        return title, False
    head = title[:_TITLE_MAX]  # what is kept is no longer (a wide character weighs more than one)
    kept = ""
    for word in re.findall(r"\S+\s*", head):
        if _weighted_length(kept + word) > _TITLE_MAX - 1:
            break
        kept += word
    if not kept.strip():  # one long word, or text without spaces (Chinese, Japanese): cut by characters
        kept = head
        while _weighted_length(kept) > _TITLE_MAX - 1:
            kept = kept[:-1]
    # a title of punctuation only ("—" x 300) keeps its marks rather than becoming "…" alone
    return (kept.rstrip(" ,;:-–—|") or kept.rstrip()) + "…", True


def _is_head_line(line: str) -> bool:
    length = _weighted_length(line)
    return length <= _TITLE_MAX and not (line.endswith((".", "。", "．", "！", "？")) and length > 80)


#: A surrogate code point alone: JSON may escape one ("\\ud800"), no UTF-8 text can hold it.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _field(record: Mapping[str, Any], *names: str) -> str | None:
    """The first of ``names`` the record fills, as text (``fields.field_text``: a list its items joined by ", ", a
    number as written; true, false and objects are no value); a lone surrogate (valid in a JSON escape, not in
    any text encoding) becomes U+FFFD, as an invalid byte does when decoding a file."""
    for key in names:
        if (value := field_text(record.get(key))) is not None:
            return _LONE_SURROGATE.sub("\ufffd", value)
    return None


def _body_field(record: Mapping[str, Any], names: tuple[str, ...]) -> tuple[str | None, str | None]:
    """The first of ``names`` holding text (a list of strings: paragraphs, joined by a blank line), and
    else what is wrong with the first one present: empty, or a value of another type than text."""
    problem = None
    for key in names:
        value = record.get(key)
        if (text := body_text(value)) is not None:
            return _LONE_SURROGATE.sub("\ufffd", text), None
        if key in record and problem is None:
            what = "null" if value is None else "empty" if value in ("", []) or isinstance(value, str) \
                or (isinstance(value, list) and all(isinstance(v, str) for v in value)) \
                else f"{json_type(value)}, not text"
            problem = f"the record's '{key}' field is {what}"
    return None, problem


def load_json(text: str, where: str) -> Any:
    """``json.loads``, with every way it refuses a text as an InputError naming ``where``: bad syntax,
    nesting deeper than Python's recursion limit, an integer of more than 4,300 digits."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(where, f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}") from None
    except RecursionError:
        raise InputError(where, "invalid JSON: nested too deep to read") from None
    except ValueError as exc:  # an integer of over 4,300 digits; UnicodeDecodeError is a ValueError too
        raise InputError(where, f"invalid JSON: {one_line(str(exc))}") from None


#: Invisible characters dropped from every text ingest reads, and hyphens that look like "-" made "-": a copy
#: with a zero-width space inside five words read as an edited copy of its source (exact coverage 0.39), one with
#: a word joiner in one word 0.61 and one with non-breaking hyphens 0.90. CMS markup carries U+200B and U+FEFF,
#: content farms insert them to dodge deduplication, news sites put soft hyphens (&shy;) in long words. A hand
#: list, not Unicode's category Cf (format) whole: Cf also holds characters that spell or show something -
#: U+200C / U+200D (zero-width non-joiner / joiner: Persian, Indic scripts, emoji sequences), the prepended
#: number signs of Arabic and Syriac (U+0600-0605, U+06DD, U+070F: drawn around the digits that follow), tag
#: characters (U+E0020-E007F: subdivision flags), the bidirectional controls (how right-to-left text with
#: figures shows) and the Mongolian vowel separator (shaping) - all kept.
#: Dropped: U+00AD soft hyphen, U+200B zero-width space, U+2060 word joiner, U+2061-2064 invisible operators,
#: U+FEFF zero-width no-break space (a byte-order mark inside the text), U+0000 NUL: a file's NUL bytes are dropped
#: as it is decoded (``decode``), and a JSON record's "\u0000" was kept, so the same text read from a JSON Lines
#: dump and from a file got two ids.
INVISIBLE = frozenset("\x00\u00ad\u200b\u2060\u2061\u2062\u2063\u2064\ufeff")
#: U+2010 hyphen and U+2011 non-breaking hyphen: drawn as "-" (NFKC makes U+2011 U+2010, not "-").
HYPHENS = frozenset("\u2010\u2011")
_CLEAN_TABLE = {ord(ch): None for ch in INVISIBLE} | {ord(ch): "-" for ch in HYPHENS}
_NEEDS_CLEANING = re.compile(f"[{''.join(sorted(INVISIBLE | HYPHENS))}]")
#: The recipe of ``clean_text``: it changes the text, and so the id, of the articles it changes. An index run
#: records it in the store (``SQLiteStore.upgrade_text``) and, in a store made under another (or none), reads
#: again the input files of the stored articles that ``TEXT_RECIPE_CHANGES`` (an SQLite GLOB) matches: those
#: whose text, title or byline the recipe changes. Recipe 2 (session 29) drops NUL too, and reads the Tibetan
#: script as Tibetan (``_tibetan``), not Dzongkha: a store of recipe 1 reads again the files of its articles that
#: hold a NUL (their text and id change) or the Tibetan script (U+0F00-0FFF: their language is read again and the
#: article linked again, ``SQLiteStore._refresh``); all others are kept as they are, and no run of recipe 1 is
#: needed first.
TEXT_RECIPE = "nfc+invisible+nul+tibetan-2"
TEXT_RECIPE_CHANGES = f"*[{''.join(sorted(INVISIBLE | HYPHENS))}\u0f00-\u0fff]*"


def clean_text(text: str) -> str:
    """``text`` as every stage sees it: the ``INVISIBLE`` characters dropped, the ``HYPHENS`` made "-", and in
    Unicode NFC (a decomposed "é", e + U+0301, would not match the composed one)."""
    if _NEEDS_CLEANING.search(text):
        text = text.translate(_CLEAN_TABLE)
    if unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)


def _site_from_url(url: str | None) -> str | None:
    if not url:
        return None
    from urllib.parse import urlsplit

    try:
        host = urlsplit(url).hostname
    except ValueError:  # "http://[::1": an IPv6 literal left open
        return None
    return host.removeprefix("www.") if host else None
