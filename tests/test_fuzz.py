"""Fuzzing every input format (issue #14, item 5): text, HTML, JSON, JSONL, WARC and the JSON API.

The contract, for every case: a clear error or a result, never a traceback, never a lost good record.

- an article file (text, HTML, JSON): ``article_from_bytes`` returns an Article that can be stored and
  segmented, or raises InputError naming the file; nothing else escapes;
- a JSONL dump / a WARC crawl: a good record before and after the damaged one both come back whole, the
  damaged one is a record or a reject (never an exception, never the end of the file);
- the JSON API (/api/compare, /api/compare/upload): a 200 or a 4xx with a JSON ``detail``; never 500;
- ``wiretrace index`` over a folder of good and damaged files: exit 0, each good file stored once, each
  damaged one stored or listed as a reject, no traceback.

Each loop runs seeded cases (mutated example-corpus files; see fuzz_inputs.py), plus a hypothesis test
with ``derandomize=True``: CI runs the same cases every time. A failure prints the case and the line that
reruns it alone (WIRETRACE_FUZZ_ONLY=FORMAT:N). WIRETRACE_FUZZ_SCALE=10 runs ten times as many cases;
WIRETRACE_FUZZ_SEED picks other ones.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import io
import json
import logging
import re
import subprocess
import sys
import warnings
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzz_inputs import (
    HTML_TOKENS,
    JSON_TOKENS,
    ONLY,
    SCALE,
    TEXT_TOKENS,
    ContractError,
    Known,
    Rng,
    Tally,
    dump_json,
    mutate_bytes,
    mutate_record,
    seed_records,
    seeds,
    small_page,
    small_text,
    unless_known,
)
from wiretrace.errors import InputError
from wiretrace.ingest import Format, IngestConfig, article_from_bytes, article_from_record
from wiretrace.ingest.sources import RawRecord, RawReject, iter_records
from wiretrace.records import Article

#: Cases per format: the seeded loop plus the hypothesis examples (issue #14: >= 5,000 per format).
CASES = 5_000
EXAMPLES = 200
LOOP = CASES - EXAMPLES
#: Segment and fingerprint (what `index` does after ingest) one article in this many: most of a case's time.
STAGE_EVERY = 16
HYPOTHESIS = settings(max_examples=EXAMPLES, derandomize=True, deadline=None, database=None,
                      suppress_health_check=list(HealthCheck))

#: Limits the fuzzer found and that stay, by design: cases that hit one are counted and printed, not
#: failed; each has an xfail regression test below. The bugs it found (an open IPv6 url, JSON nested too
#: deep or with a 5,000-digit integer, damaged deflate data, warcio's exceptions, warnings and raw messages,
#: a sound WARC's trailing CR LF, a UTC offset of a day, raw field names in a 422) are fixed, and their
#: regression tests below pass.
KNOWN: tuple[Known, ...] = (
    Known("no-resync", r"\((framing|gzdamage)\): the good record after the damaged one was lost",
          "ingest/sources.py _warc and _jsonl stop at the first record they cannot read: a damaged WARC header "
          "(or Content-Length) or a damaged gzip member loses every record after it, even where the next gzip "
          "member is intact (.warc.gz: one member a record); the reject says where reading stopped"),
)


#: Cases run per format in this session (the loops and the hypothesis examples), checked at the end.
COUNTS: Counter[str] = Counter()
FORMATS = ("text", "html", "json", "jsonl", "warc", "api")


def _loop(fmt: str, one: Callable[[Rng, int], str]) -> None:
    t = Tally(fmt, KNOWN)
    t.run(LOOP, one)
    COUNTS[fmt] += t.cases
    t.check(LOOP)


def _example(fmt: str, one: Callable[[], object]) -> None:
    COUNTS[fmt] += 1
    unless_known(KNOWN, one)


# -- the contract for one article ----------------------------------------------------------------
class _Stage:
    """Segment and fingerprint an ingested article, as ``wiretrace index`` does next (built once)."""

    _stage: Any = None

    @classmethod
    def run(cls, article: Article) -> None:
        if cls._stage is None:
            from wiretrace.engines.stages import ArticleStage
            from wiretrace.fingerprint import MinHashConfig
            from wiretrace.segment import SegmentConfig

            cls._stage = ArticleStage(IngestConfig(), SegmentConfig(), MinHashConfig())
        from wiretrace.fingerprint import doc_tokens

        doc = cls._stage.segmenter.segment(article)
        cls._stage.minhasher.signatures_of_tokens([doc_tokens(doc)])


_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


def unclear(reason: str) -> str | None:
    """What is wrong with a reject's reason, if anything: it must be one short printable line (the CLI prints
    it after the file name; a carriage return or escape in it garbles the terminal) and storable UTF-8."""
    if not reason.strip() or "Traceback" in reason:
        return f"an empty reason or a traceback: {reason[:200]!r}"
    if _CONTROL.search(reason) or len(reason) > 1000:
        return f"not one clear line ({len(reason)} chars, control characters: {bool(_CONTROL.search(reason))})"
    try:
        reason.encode("utf-8")
    except UnicodeEncodeError:
        return "a reason that cannot be stored (lone surrogate)"
    return None


def clear_reason(reason: str) -> None:
    problem = unclear(reason)
    assert problem is None, f"{problem}: {reason[:300]!r}"


def clear_error(exc: InputError, name: str) -> None:
    """An InputError is clear: it names the input, says why in one storable line."""
    assert str(exc).startswith(f"{name}: "), str(exc)
    clear_reason(exc.reason)


def storable(art: Article) -> None:
    """An Article goes into SQLite (UTF-8: no lone surrogate anywhere) and has text."""
    assert art.text.strip() and art.id
    for key, value in art.to_dict().items():
        try:
            json.dumps(value, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError as exc:
            raise AssertionError(f"the article's {key} cannot be stored: {exc}") from None


def expect_article(data: bytes, *, name: str, fmt: Format | None, url: str | None = None,
                   stage: bool = True) -> str:
    try:
        art = article_from_bytes(data, name=name, fmt=fmt, url=url)
    except InputError as exc:
        clear_error(exc, name)
        return "rejected"
    storable(art)
    if stage:
        _Stage.run(art)
    return "article"


def expect_record(obj: dict[str, Any], *, name: str, stage: bool = True) -> str:
    try:
        art = article_from_record(obj, name=name)
    except InputError as exc:
        clear_error(exc, name)
        return "rejected"
    storable(art)
    if stage:
        _Stage.run(art)
    return "article"


# -- plain text ----------------------------------------------------------------------------------
def _text_case(rng: Rng, i: int) -> str:
    text = small_text(rng) if rng.random() < 0.75 else rng.choice(seeds("text"))
    data, _ = mutate_bytes(rng, text, TEXT_TOKENS)
    return expect_article(data, name=f"case{i}.txt", fmt=rng.choice(["text", "text", None]),  # type: ignore[arg-type]
                          stage=i % STAGE_EVERY == 0)


@pytest.mark.slow
def test_fuzz_text() -> None:
    _loop("text", _text_case)


@st.composite
def _texts(draw: st.DrawFn) -> bytes:
    seed = draw(st.sampled_from(seeds("text"))).decode("utf-8").split("\n\n")
    parts = draw(st.lists(st.one_of(st.sampled_from(seed), st.text(max_size=300), st.sampled_from(TEXT_TOKENS),
                                    st.text(st.characters(codec="utf-8"), max_size=80)), max_size=12))
    text = draw(st.sampled_from(["\n\n", "\n", " ", "\r\n"])).join(parts)
    enc = draw(st.sampled_from(["utf-8", "utf-16", "cp1252", "latin-1", "shift_jis"]))
    return text.encode(enc, "replace")


@HYPOTHESIS
@given(data=_texts())
def test_fuzz_text_hypothesis(data: bytes) -> None:
    _example("text", lambda: expect_article(data, name="h.txt", fmt="text"))


# -- HTML ----------------------------------------------------------------------------------------
def _html_case(rng: Rng, i: int) -> str:
    page = small_page(rng) if rng.random() < 0.8 else rng.choice(seeds("html"))
    data, _ = mutate_bytes(rng, page, HTML_TOKENS)
    return expect_article(data, name=f"case{i}.html", fmt=rng.choice(["html", "html", None]),  # type: ignore[arg-type]
                          url=rng.choice([None, "https://a.example/x", "http://[::1", ""]), stage=i % STAGE_EVERY == 0)


@pytest.mark.slow
def test_fuzz_html() -> None:
    _loop("html", _html_case)


_TAGS = ("p", "div", "article", "main", "section", "span", "h1", "h2", "a", "b", "table", "tr", "td", "ul", "li",
         "script", "style", "nav", "footer", "header", "aside", "time", "meta", "br", "figure", "figcaption")


def _element(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    attrs = st.lists(st.tuples(st.sampled_from(["class", "id", "lang", "datetime", "href", "content", "property",
                                                "name", "charset", "itemprop"]), st.text(max_size=30)), max_size=3)
    return st.builds(lambda tag, a, kids: f"<{tag}{''.join(f' {k}={json.dumps(v)}' for k, v in a)}>"
                                          f"{''.join(kids)}</{tag}>",
                     st.sampled_from(_TAGS), attrs, st.lists(children, max_size=4))


@st.composite
def _pages(draw: st.DrawFn) -> bytes:
    para = st.sampled_from(seeds("text")[0].decode("utf-8").split("\n\n") + list(TEXT_TOKENS))
    leaf = st.one_of(para, st.text(max_size=60), st.sampled_from(HTML_TOKENS))
    body = draw(st.lists(st.recursive(leaf, _element, max_leaves=20), max_size=8))
    head = draw(st.sampled_from(["", "<head><title>T</title></head>", '<head><meta charset="utf-8"></head>',
                                 '<head><meta charset="x-bad"><meta property="article:published_time" '
                                 'content="2026-02-31"></head>']))
    enc = draw(st.sampled_from(["utf-8", "utf-16", "cp1252"]))
    return f"<!doctype html><html>{head}<body>{''.join(body)}</body></html>".encode(enc, "replace")


@HYPOTHESIS
@given(data=_pages())
def test_fuzz_html_hypothesis(data: bytes) -> None:
    _example("html", lambda: expect_article(data, name="h.html", fmt="html"))


# -- JSON (one record a file) --------------------------------------------------------------------
def _json_case(rng: Rng, i: int) -> str:
    if rng.random() < 0.5:
        data, _ = mutate_bytes(rng, rng.choice(seeds("json")), JSON_TOKENS)
    else:
        obj, _ = mutate_record(rng, rng.choice(seed_records()))
        data = dump_json(rng, obj)
        if rng.random() < 0.3:
            data, _ = mutate_bytes(rng, data, JSON_TOKENS)
    return expect_article(data, name=f"case{i}.json", fmt=rng.choice(["json", "json", None]),  # type: ignore[arg-type]
                          stage=i % STAGE_EVERY == 0)


@pytest.mark.slow
def test_fuzz_json() -> None:
    _loop("json", _json_case)


_JSON_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=200),
                            lambda kids: st.lists(kids, max_size=4) | st.dictionaries(st.text(max_size=8), kids,
                                                                                      max_size=4), max_leaves=10)


@st.composite
def _records(draw: st.DrawFn) -> dict[str, Any]:
    base = dict(draw(st.sampled_from(seed_records())))
    for key in draw(st.lists(st.sampled_from(("text", "html", "url", "title", "site", "published", "byline",
                                              "language", "authors", "date", "lang")), max_size=4)):
        base[key] = draw(_JSON_VALUES)
    return base


@HYPOTHESIS
@given(rec=_records(), ascii_only=st.booleans())
def test_fuzz_json_hypothesis(rec: dict[str, Any], ascii_only: bool) -> None:
    data = json.dumps(rec, ensure_ascii=ascii_only).encode("utf-8", "surrogatepass")
    _example("json", lambda: expect_article(data, name="h.json", fmt="json"))


# -- JSONL dumps ---------------------------------------------------------------------------------
NL = b"\n"
GOOD_A = {"text": "The first good record. " + " ".join(["The council met on Monday to discuss the new bridge."] * 5),
          "url": "https://good.example/a"}
GOOD_B = {"text": "The last good record. " + " ".join(["Rain flooded the valley road for a second day."] * 5),
          "url": "https://good.example/b"}


def read_records(f: Path) -> tuple[list[RawRecord | RawReject], str]:
    """Everything iter_records yields for ``f``, and what it printed to stderr meanwhile."""
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        out = list(iter_records([str(f)]))
    return out, err.getvalue()


def check_between(out: list[RawRecord | RawReject], first: Any, last: Any, what: str,
                  stderr: str = "") -> list[RawRecord | RawReject]:
    """The good record before the damaged one comes back first and whole, the one after it comes back whole
    (after it, the reader may still say something about the file), every reject is clear and the reader
    prints nothing; return the records and rejects other than the two good ones."""
    problems = []
    if stderr:
        problems.append(f"iter_records printed {len(stderr)} chars to stderr: {stderr[:200]!r}")
    if not (out and isinstance(out[0], RawRecord) and first(out[0])):
        problems.append(f"the record before was lost: {out[:1]}")
    after = [k for k, r in enumerate(out) if isinstance(r, RawRecord) and last(r)]
    if len(after) != 1:
        problems.append(f"the good record after the damaged one was lost: {str(out[1:])[:500]}")
    rest = [r for k, r in enumerate(out) if k != 0 and k not in after[:1]]
    for r in rest:
        assert isinstance(r, (RawRecord, RawReject)), r
        problem = unclear(r.reason) if isinstance(r, RawReject) else None
        if problem:
            problems.append(f"unclear reason: {problem}: {r.reason[:200]!r}")
    if problems:
        raise ContractError(what, problems)
    return rest


def _jsonl_line(rng: Rng) -> bytes:
    if rng.random() < 0.5:
        line = json.dumps(rng.choice(seed_records()), ensure_ascii=rng.random() < 0.5).encode()
        return mutate_bytes(rng, line, JSON_TOKENS)[0]
    obj, _ = mutate_record(rng, rng.choice(seed_records()))
    data = dump_json(rng, obj)
    return data.replace(b"\n", b" ") if rng.random() < 0.8 else data


def _jsonl_case(rng: Rng, i: int, folder: Path) -> str:
    how = rng.choice(["plain"] * 17 + ["gz", "gz", "gzdamage"])
    f = folder / f"case{i % 8}.jsonl{'' if how == 'plain' else '.gz'}"
    bad = _jsonl_line(rng)
    tail = b"\n" if rng.random() < 0.9 else b""  # the last line may lack its newline
    a, b = json.dumps(GOOD_A).encode() + b"\n", json.dumps(GOOD_B).encode() + tail
    blob = a + bad + b"\n" + b
    if how == "plain":
        f.write_bytes(blob)
    elif how == "gz":
        f.write_bytes(gzip.compress(blob, compresslevel=1))
    else:  # one gzip member a line (concatenated members are one gzip file), the middle one's bytes damaged
        damaged = mutate_bytes(rng, gzip.compress(bad + b"\n", compresslevel=1))[0]
        f.write_bytes(gzip.compress(a) + damaged + gzip.compress(b))
    last = f"line {blob[:blob.rindex(b'The last good')].count(NL) + 1}"
    out, err = read_records(f)
    middle = check_between(out, lambda r: r.obj == GOOD_A and r.record == "line 1",
                           lambda r: r.obj == GOOD_B and (r.record == last or how == "gzdamage"),
                           f"case jsonl:{i} ({how})", err)
    # The record's fields are the JSON fuzzer's business; ingest one case in four.
    return _outcome(how, middle, "empty", (lambda r: expect_record(r.obj or {}, name=f"{f}:{r.record}",
                                                                   stage=i % STAGE_EVERY == 0)) if i % 4 == 0 else None)


def _outcome(how: str, records: list[RawRecord | RawReject], empty: str,
             ingest: Callable[[RawRecord], str] | None) -> str:
    """A case's outcome name: how it was damaged, and what came back between the good records (each
    record ingested by ``ingest`` when given)."""
    kinds = {"reject" if isinstance(r, RawReject) else ingest(r) if ingest else "record" for r in records}
    return f"{how}:" + ("+".join(sorted(kinds)) or empty)


@pytest.mark.slow
def test_fuzz_jsonl(tmp_path: Path) -> None:
    _loop("jsonl", lambda rng, i: _jsonl_case(rng, i, tmp_path))


@HYPOTHESIS
@given(line=st.one_of(st.binary(max_size=300), st.text(max_size=300).map(lambda s: s.encode("utf-8", "replace")),
                      _records().map(lambda r: json.dumps(r).encode("utf-8", "surrogatepass"))))
def test_fuzz_jsonl_hypothesis(line: bytes, tmp_path_factory: pytest.TempPathFactory) -> None:
    f = tmp_path_factory.getbasetemp() / "h.jsonl"
    blob = json.dumps(GOOD_A).encode() + b"\n" + line + b"\n" + json.dumps(GOOD_B).encode() + b"\n"
    f.write_bytes(blob)
    def one() -> None:
        out, err = read_records(f)
        middle = check_between(out, lambda r: r.obj == GOOD_A, lambda r: r.obj == GOOD_B, "jsonl", err)
        for r in middle:
            if isinstance(r, RawRecord) and r.obj is not None:
                expect_record(r.obj, name="h.jsonl")

    _example("jsonl", one)


# -- WARC crawls ---------------------------------------------------------------------------------
PAGE_A = (b"<html><head><title>Good A</title></head><body><article><p>" + GOOD_A["text"].encode()
          + b"</p></article></body></html>")
PAGE_B = (b"<html><head><title>Good B</title></head><body><article><p>" + GOOD_B["text"].encode()
          + b"</p></article></body></html>")


@functools.cache
def good_warc(which: str, gz: bool) -> bytes:
    """The good record A or B (written once: warcio's writer is a good part of a case's cost)."""
    return warc_record(f"https://good.example/{which.lower()}", PAGE_A if which == "A" else PAGE_B, gz=gz)


def warc_record(url: str, body: bytes, ctype: str = "text/html", *, gz: bool) -> bytes:
    """One WARC response record (its own gzip member when ``gz``), as bytes."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=gz)
    headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
    record = w.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)
    w.write_record(record)
    record.raw_stream.close()  # warcio's spooled copy of the payload (left open: a ResourceWarning a case)
    return buf.getvalue()


def _warc_middle(rng: Rng, gz: bool) -> tuple[bytes, str]:
    """The damaged record: a mutated page in a sound record, or a sound page in a mutated record."""
    page = small_page(rng) if rng.random() < 0.8 else rng.choice(seeds("html"))
    how = rng.random()
    if how < 0.6:
        body, _ = mutate_bytes(rng, page, HTML_TOKENS)
        ctype = rng.choice(["text/html", "text/html; charset=utf-16", "text/html; charset=nonsense",
                            "application/xhtml+xml", "text/html\x00"])
        return warc_record(rng.choice(["https://m.example/1", "http://[::1", "", "\u202e"]), body, ctype, gz=gz), "body"
    rec = warc_record("https://m.example/2", page, gz=False)
    head, sep, rest = rec.partition(b"\r\n\r\n")
    if gz and how > 0.9:  # a sound record in a damaged gzip member
        return mutate_bytes(rng, gzip.compress(rec, compresslevel=1))[0], "gzdamage"
    # the WARC headers damaged (the length left as it was), or the whole record
    rec = mutate_bytes(rng, head)[0] + sep + rest if how < 0.8 else mutate_bytes(rng, rec)[0]
    return (gzip.compress(rec, compresslevel=1) if gz else rec), "framing"


def _warc_case(rng: Rng, i: int, folder: Path) -> str:
    gz = rng.random() < 0.5
    f = folder / f"case{i % 8}.warc{'.gz' if gz else ''}"
    middle, how = _warc_middle(rng, gz)
    f.write_bytes(good_warc("A", gz) + middle + good_warc("B", gz))
    out, err = read_records(f)
    rest = check_between(out, lambda r: r.data == PAGE_A and r.url == "https://good.example/a",
                         lambda r: r.data == PAGE_B and r.url == "https://good.example/b", f"case warc:{i} ({how})",
                         err)
    # The page inside is the HTML fuzzer's business; run it through ingest one case in ten.
    return _outcome(how, rest, "skipped", (lambda r: expect_article(r.data or b"", name=f"{f}:{r.record}", fmt=None,
                                                                    url=r.url, stage=False)) if i % 10 == 0 else None)


@pytest.mark.slow
def test_fuzz_warc(tmp_path: Path) -> None:
    _loop("warc", lambda rng, i: _warc_case(rng, i, tmp_path))


@HYPOTHESIS
@given(body=st.one_of(st.binary(max_size=400), _pages()), gz=st.booleans(),
       ctype=st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=30))
def test_fuzz_warc_hypothesis(body: bytes, ctype: str, gz: bool, tmp_path_factory: pytest.TempPathFactory) -> None:
    f = tmp_path_factory.getbasetemp() / f"h.warc{'.gz' if gz else ''}"
    ctype = "text/html; " + ctype
    f.write_bytes(warc_record("https://good.example/a", PAGE_A, gz=gz) + warc_record("https://m.example/", body,
                  ctype, gz=gz) + warc_record("https://good.example/b", PAGE_B, gz=gz))
    out, err = read_records(f)
    _example("warc", lambda: check_between(out, lambda r: r.data == PAGE_A, lambda r: r.data == PAGE_B, "warc", err))


# -- the JSON API --------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """The app over a one-article lexical store (compare needs no store; no model is loaded)."""
    from wiretrace.compare import CompareConfig
    from wiretrace.engines.local import IndexConfig, index
    from wiretrace.serve import create_app

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*httpx2")
        from fastapi.testclient import TestClient

    d = tmp_path_factory.mktemp("api")
    (d / "r.jsonl").write_text(json.dumps(GOOD_A) + "\n", encoding="utf-8")
    lexical = CompareConfig(embedder=None)
    index([str(d / "r.jsonl")], db=str(d / "x.db"), cfg=IndexConfig(workers=1, compare=lexical))
    handler = _Logged()
    log = logging.getLogger("wiretrace.serve")
    log.addHandler(handler)
    try:
        with TestClient(create_app(d / "x.db", cfg=lexical, max_body=200_000), raise_server_exceptions=False) as c:
            c.logged = handler  # type: ignore[attr-defined]
            yield c
    finally:
        log.removeHandler(handler)


class _Logged(logging.Handler):
    """Keeps the traceback the app logs with a 500 (its answer says only "internal error")."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.last = ""

    def emit(self, record: logging.LogRecord) -> None:
        self.last = logging.Formatter().format(record)


def expect_answer(r: Any, what: str, client: Any = None) -> str:
    if r.status_code >= 500:
        server = getattr(getattr(client, "logged", None), "last", "")
        raise AssertionError(f"{what}: {r.status_code} {r.text[:300]}\nthe server logged:\n{server}")
    assert r.status_code == 200 or 400 <= r.status_code < 500, f"{what}: {r.status_code} {r.text[:500]}"
    assert r.headers["content-type"] == "application/json", (what, r.headers["content-type"])
    if r.status_code != 200:
        detail = r.json()["detail"]
        assert isinstance(detail, str), (what, r.text)
        # one line, no control characters (a list of every validation error may be long: not checked)
        problem = unclear(detail[:1000])
        assert problem is None, f"{what}: {r.status_code} detail {problem}: {detail[:300]!r}"
    return str(r.status_code)


def _short(rng: Rng, rec: dict[str, Any]) -> dict[str, Any]:
    """A record cut to its first paragraphs (a compare's cost grows with the texts)."""
    rec = dict(rec)
    if isinstance(rec.get("text"), str):
        rec["text"] = "\n\n".join(rec["text"].split("\n\n")[: rng.choice([1, 1, 1, 2])])
    return rec


def _api_case(rng: Rng, i: int, client: Any) -> str:
    body: Any = {"a": _short(rng, rng.choice(seed_records())), "b": _short(rng, rng.choice(seed_records())),
                 "lexical": True}
    how = rng.random()
    if how < 0.4:  # one side (or the envelope) mutated as a structure
        side = rng.choice(["a", "b", "a", "b", None])
        if side:
            body[side] = mutate_record(rng, body[side])[0]
        else:
            body = mutate_record(rng, body)[0]
        data = dump_json(rng, body)
    else:  # the bytes mutated
        data = mutate_bytes(rng, dump_json(rng, body), JSON_TOKENS)[0]
    if rng.random() < 0.04:  # a file upload instead (small files: a compare's cost grows with the texts)
        seed = rng.choice([small_text, small_page, lambda r: dump_json(r, _short(r, r.choice(seed_records())))])(rng)
        files = {"a": (rng.choice(["a.html", "a.txt", "a.json", "a", "../../a.exe", "\u202e.txt"]),
                       mutate_bytes(rng, seed)[0][:20_000]),
                 "b": ("b.txt", json.dumps(GOOD_B["text"]).encode())}
        r = client.post("/api/compare/upload", files=files, data={"lexical": "true"})
        return "upload:" + expect_answer(r, f"case api:{i}", client)
    ctype = rng.choice(["application/json"] * 8 + ["text/plain", "application/json; charset=latin-1",
                                                    "application/x-www-form-urlencoded"])
    r = client.post("/api/compare", content=data, headers={"content-type": ctype})
    return expect_answer(r, f"case api:{i}", client)


@pytest.mark.slow
def test_fuzz_api(api: Any) -> None:
    _loop("api", lambda rng, i: _api_case(rng, i, api))


@HYPOTHESIS
@given(a=_records(), b=st.one_of(_records(), _JSON_VALUES), extra=st.dictionaries(st.text(max_size=10),
                                                                                   _JSON_VALUES, max_size=2))
def test_fuzz_api_hypothesis(api: Any, a: dict[str, Any], b: Any, extra: dict[str, Any]) -> None:
    body = {"a": _short(Rng(0), a), "b": b, "lexical": True, **extra}
    r = api.post("/api/compare", content=json.dumps(body).encode("utf-8", "surrogatepass"),
                 headers={"content-type": "application/json"})
    _example("api", lambda: expect_answer(r, "api", api))


def test_fuzz_case_counts() -> None:
    """Issue #14's bar: at least 5,000 cases per format in CI (runs after the fuzz tests above)."""
    ran = {fmt: COUNTS[fmt] for fmt in FORMATS}
    print("fuzz cases per format:", ran)
    if ONLY or not all(ran.values()):
        pytest.skip(f"not every fuzz test ran in this session: {ran}")
    assert all(n >= CASES * min(SCALE, 1) for n in ran.values()), ran


# -- the bugs the fuzzer found, one regression each ---------------------------------------------
# Fixed outside ingest (segment/numbers.py, diff.py): these pass.
def test_a_figure_past_float_range_is_a_mention_not_a_crash() -> None:
    """A run of 309+ digits parsed to float inf; value_key's int(inf) raised OverflowError in segment,
    so `index` died on such a text and /api/compare answered 500 (found as json:76, api:20)."""
    from wiretrace.segment import SegmentConfig, Segmenter
    from wiretrace.segment.numbers import value_key

    assert value_key(float("inf")) == "inf" and value_key(7000.0) == "7000" and value_key(3.25) == "3.25"
    art = Article(id="x", language="en", text=GOOD_A["text"] + " It cost " + "9" * 400 + " euros.")
    doc = Segmenter(SegmentConfig()).segment(art)
    assert "inf" in {m.key for sent in doc.sentences for m in sent.mentions}


def test_a_digit_run_over_python_int_limit_is_kept_as_written() -> None:
    """diff._digit_values (figures of a cross-language pair outside FACT_LANGUAGES, e.g. en vs th with the
    default embedder) called int() on a run of over 4,300 digits: ValueError, a 500 from /api/compare."""
    from wiretrace.diff import _digit_values

    run = "7" * 5000
    assert run in _digit_values(f"about {run} people and 1,200 more")
    assert {"1200", "1", "200"} <= _digit_values("1,200")


# Regression tests of the bugs the fuzzer found (fixed), and of the one limit left (xfail, strict).
GOOD_TEXT = GOOD_A["text"]


def _iter(tmp_path: Path, name: str, data: bytes) -> list[RawRecord | RawReject]:
    f = tmp_path / name
    f.write_bytes(data)
    return list(iter_records([str(f)]))


@pytest.mark.parametrize("how", ["record", "url-argument"])
def test_known_a_url_urlsplit_refuses(how: str) -> None:
    """urllib's urlsplit raises ValueError('Invalid IPv6 URL') on 'http://[::1' when the site is taken from
    the url: a JSON record's url, or the url given with bytes (a WARC-Target-URI) of a page without a site
    name (found as html:436, jsonl:3239, warc:2155)."""
    if how == "record":
        art = article_from_record({"text": GOOD_TEXT, "url": "http://[::1"}, name="r")
    else:
        art = article_from_bytes(GOOD_TEXT.encode(), name="p.txt", url="http://[::1")
    assert art.text


@pytest.mark.parametrize("how", ["text", "record"])
def test_known_a_date_with_an_offset_of_a_day_or_more(how: str) -> None:
    """'+30:00' (or '+99:99') as a UTC offset: ValueError from datetime's comparison in read_date (found by
    test_fuzz_html_hypothesis: '9999-12-31T23:59:59+99:99' in a page's first paragraph)."""
    if how == "text":
        art = article_from_bytes(("Bridge plan\n2026-03-10T10:00:00+30:00\n\n" + GOOD_TEXT).encode(), name="t.txt")
    else:
        art = article_from_record({"text": GOOD_TEXT, "published": "2026-03-10T10:00:00+30:00"}, name="r")
    assert art.text


@pytest.mark.parametrize("value", [b"[" * 100_000, b"1" * 5000], ids=["deep", "huge-int"])
def test_known_json_that_json_loads_refuses_otherwise(value: bytes, tmp_path: Path) -> None:
    """json.loads raises RecursionError on deep nesting and ValueError on an integer of over 4,300 digits,
    not JSONDecodeError: article_from_bytes lets them escape, and a .jsonl line like it ends iter_records
    (the good records after it are lost; `index` dies with a traceback). Found as json:3223, jsonl:2607."""
    bad = b'{"text": ' + value + b"}"
    with pytest.raises(InputError, match=r"x\.json: "):
        article_from_bytes(bad, name="x.json")
    out = _iter(tmp_path, "d.jsonl", json.dumps(GOOD_A).encode() + b"\n" + bad + b"\n" + json.dumps(GOOD_B).encode())
    assert [type(r).__name__ for r in out] == ["RawRecord", "RawReject", "RawRecord"]


def test_known_damaged_deflate_data_in_a_jsonl_gz(tmp_path: Path) -> None:
    """zlib.error (not an OSError) from a damaged .jsonl.gz escapes iter_records: here one gzip member a line,
    the middle one's first deflate byte set to a reserved block type (found as jsonl:95)."""
    bad = bytearray(gzip.compress(b'{"text": "x"}\n'))
    bad[10] = 0x07  # BFINAL=1, BTYPE=11: "invalid block type"
    out = _iter(tmp_path, "x.jsonl.gz", gzip.compress(json.dumps(GOOD_A).encode() + b"\n") + bytes(bad)
                + gzip.compress(json.dumps(GOOD_B).encode() + b"\n"))
    assert isinstance(out[0], RawRecord) and isinstance(out[-1], RawReject), out


def test_known_a_warc_response_without_target_uri(tmp_path: Path) -> None:
    """warcio's load_http_headers calls uri.startswith on a response record without WARC-Target-URI:
    AttributeError escapes iter_records (found as warc:7; 807 of 4,800 WARC cases)."""
    rec = b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 5\r\n\r\nhello\r\n\r\n"
    out = _iter(tmp_path, "x.warc.gz", warc_record("https://good.example/a", PAGE_A, gz=True) + gzip.compress(rec)
                + warc_record("https://good.example/b", PAGE_B, gz=True))
    assert isinstance(out[0], RawRecord) and any(isinstance(r, RawReject) for r in out)


@pytest.mark.parametrize("gz", [True, False])
def test_known_a_damaged_warc_record_keeps_the_records_after_it(tmp_path: Path, gz: bool) -> None:
    """One record whose header is damaged ('WARC/1.0' -> 'WARX/1.0'): the reader used to stop there and
    lose the sound records after it (found as warc:1; 812 of 4,800 WARC cases); it now resumes at the next
    record and says where."""
    mid = warc_record("https://m.example/", PAGE_A.replace(b"Good A", b"Middle"), gz=False).replace(b"WARC/1.0",
                                                                                                      b"WARX/1.0")
    data = (warc_record("https://good.example/a", PAGE_A, gz=gz) + (gzip.compress(mid) if gz else mid)
            + warc_record("https://good.example/b", PAGE_B, gz=gz))
    out = _iter(tmp_path, "x.warc.gz" if gz else "x.warc", data)
    assert any(isinstance(r, RawRecord) and r.data == PAGE_B for r in out), out
    assert any(isinstance(r, RawReject) and "reading resumed at offset" in r.reason for r in out), out


def test_known_warcio_prints_to_stderr(tmp_path: Path) -> None:
    """A record whose Content-Length is 100 bytes short: warcio prints 'WARNING: Record not followed by
    newline ... Remainder: b'...'' to stderr, through the redirect in _warc (found as warc:1)."""
    mid = warc_record("https://m.example/", PAGE_A.replace(b"Good A", b"Middle"), gz=False)
    n = int(re.search(rb"Content-Length: (\d+)", mid).group(1))  # type: ignore[union-attr]
    mid = mid.replace(b"Content-Length: %d" % n, b"Content-Length: %d" % (n - 100))
    f = tmp_path / "x.warc"
    f.write_bytes(warc_record("https://good.example/a", PAGE_A, gz=False) + mid
                  + warc_record("https://good.example/b", PAGE_B, gz=False))
    out, err = read_records(f)
    assert any(isinstance(r, RawRecord) and r.data == PAGE_B for r in out)
    assert err == "", err


def test_known_a_warc_reject_reason_is_one_clear_line(tmp_path: Path) -> None:
    """The reason quotes warcio's message raw: 'Invalid WARC record, first line: WARX/1.0\r\n' (a CR LF in a
    line the CLI prints; with gzip or long lines, binary bytes and up to ~20 KB). Found as warc:1."""
    mid = warc_record("https://m.example/", PAGE_A, gz=False).replace(b"WARC/1.0", b"WARX/1.0")
    f = tmp_path / "x.warc"
    f.write_bytes(warc_record("https://good.example/a", PAGE_A, gz=False) + mid)
    out, _ = read_records(f)
    reasons = [r.reason for r in out if isinstance(r, RawReject)]
    assert reasons and all(unclear(r) is None for r in reasons), reasons


def test_known_api_detail_quotes_a_field_name_raw(api: Any) -> None:
    """{"a": {"text": "...", "\x1b[31m": 1}, ...}: the 422 says 'body a.\x1b[31m: Extra inputs are not
    permitted' - an escape sequence in the message (found as api:3)."""
    r = api.post("/api/compare", json={"a": {"text": GOOD_TEXT, "\x1b[31m": 1}, "b": {"text": GOOD_TEXT}})
    assert r.status_code == 422
    assert unclear(r.json()["detail"]) is None, r.json()["detail"]


def test_known_a_sound_uncompressed_warc_has_no_reject(tmp_path: Path) -> None:
    """A sound uncompressed WARC (warcio's own writer) ends with a reject '4 bytes after the last complete
    record (file cut short?)': the record length leaves out the CRLF CRLF that ends each record."""
    out = _iter(tmp_path, "x.warc", warc_record("https://good.example/a", PAGE_A, gz=False)
                + warc_record("https://good.example/b", PAGE_B, gz=False))
    assert [type(r).__name__ for r in out] == ["RawRecord", "RawRecord"], out


# -- end to end: `wiretrace index` over good and damaged files ------------------------------------
def _index(corpus: Path, db: Path) -> tuple[subprocess.CompletedProcess[str], dict[tuple[str, str], tuple[Any, str]],
                                            dict[tuple[str, str], str], set[str]]:
    """Run `wiretrace index` (lexical, one worker); return it, and the store's inputs, rejects and article ids."""
    import sqlite3

    proc = subprocess.run([sys.executable, "-m", "wiretrace.cli", "index", str(corpus), "--db", str(db), "--lexical",
                           "--workers", "1"], capture_output=True, text=True, timeout=600, check=False)
    assert "Traceback" not in proc.stderr + proc.stdout, proc.stderr[-3000:]
    assert proc.returncode == 0, proc.stderr[-3000:]
    con = sqlite3.connect(db)
    try:
        inputs = {(p, r): (a, s) for p, r, a, s in con.execute("SELECT path, record, article_id, status FROM inputs")}
        rejects = {(p, r): why for p, r, why in con.execute("SELECT path, record, reason FROM rejects")}
        stored = {a for (a,) in con.execute("SELECT id FROM articles")}
    finally:
        con.close()
    return proc, inputs, rejects, stored


@pytest.mark.slow
def test_index_a_folder_of_damaged_files(tmp_path: Path) -> None:
    from fuzz_inputs import case_rng

    corpus = tmp_path / "in"
    corpus.mkdir()
    good = {corpus / "good.txt": seeds("text")[0], corpus / "good.html": seeds("html")[1],
            corpus / "good.json": seeds("json")[2]}
    for p, data in good.items():
        p.write_bytes(data)
    (corpus / "good.jsonl").write_bytes(json.dumps(GOOD_A).encode() + NL + json.dumps(GOOD_B).encode() + NL)
    bad = []
    for i in range(50):
        rng = case_rng("index", i)
        kind = ["text", "html", "json"][i % 3]
        data, _ = mutate_bytes(rng, rng.choice(seeds(kind)), {"text": TEXT_TOKENS, "html": HTML_TOKENS,
                                                              "json": JSON_TOKENS}[kind])
        if i % 10 == 0:
            data = b"\x00\x01\x02" * 50  # surely a reject
        p = corpus / f"bad{i:02d}.{['txt', 'html', 'json'][i % 3]}"
        p.write_bytes(data)
        bad.append(p)
    # containers holding good records around a damaged one
    (corpus / "mixed.jsonl").write_bytes(json.dumps(GOOD_A).encode() + b"\n{oops\n" + json.dumps(GOOD_B).encode())
    mid = warc_record("https://m.example/", b"\x00" * 300, gz=True)
    (corpus / "mixed.warc.gz").write_bytes(warc_record("https://good.example/a", PAGE_A, gz=True) + mid
                                           + warc_record("https://good.example/b", PAGE_B, gz=True))
    proc, inputs, rejects, stored = _index(corpus, tmp_path / "x.db")

    for p in good:
        art, status = inputs[(str(p), "")]
        assert status == "ok" and art in stored, p
    for name, record in (("good.jsonl", "line 1"), ("good.jsonl", "line 2"), ("mixed.jsonl", "line 1"),
                         ("mixed.jsonl", "line 3")):
        art, status = inputs[(str(corpus / name), record)]
        assert status == "ok" and art in stored, (name, record)
    assert inputs[(str(corpus / "mixed.jsonl"), "line 2")][1] == "rejected"
    warc = {r: s for (p, r), s in inputs.items() if p == str(corpus / "mixed.warc.gz")}
    assert [s for _, s in warc.values()].count("ok") == 2, warc  # the two good pages; the NUL page is a reject
    assert [s for _, s in warc.values()].count("rejected") >= 1, warc
    for p in bad:  # every damaged file is accounted for, once: stored, or a reject with its reason printed
        art, status = inputs[(str(p), "")]
        assert (status == "ok" and art in stored) or (status == "rejected" and (str(p), "") in rejects), p
        if status == "rejected":
            assert f"skipped {p}: {rejects[(str(p), '')]}" in proc.stderr
    for i in range(0, 50, 10):
        assert inputs[(str(corpus / f"bad{i:02d}.{['txt', 'html', 'json'][i % 3]}"), "")][1] == "rejected"
    assert f"{len(inputs)} records read" in proc.stdout, proc.stdout
    print(f"index: {sum(s == 'ok' for _, s in inputs.values())} stored, {len(rejects)} rejected")


@pytest.mark.slow
def test_known_index_survives_every_known_repro(tmp_path: Path) -> None:
    """`wiretrace index` over one file per ingest bug the fuzzer found: it used to die with a traceback on
    the first."""
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "a-url.json").write_text(json.dumps({"text": GOOD_TEXT, "url": "http://[::1"}), encoding="utf-8")
    (corpus / "b-deep.jsonl").write_bytes(json.dumps(GOOD_A).encode() + b'\n{"text": ' + b"[" * 100_000 + b"}\n"
                                          + json.dumps(GOOD_B).encode() + b"\n")
    (corpus / "c-nouri.warc.gz").write_bytes(
        warc_record("https://good.example/a", PAGE_A, gz=True)
        + gzip.compress(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 5\r\n\r\nhello\r\n\r\n")
        + warc_record("https://good.example/b", PAGE_B, gz=True))
    bad = bytearray(gzip.compress(b'{"text": "x"}\n'))
    bad[10] = 0x07
    (corpus / "d-zlib.jsonl.gz").write_bytes(gzip.compress(json.dumps(GOOD_A).encode() + b"\n") + bytes(bad))
    (corpus / "e-date.txt").write_text("Bridge plan\n2026-03-10T10:00:00+30:00\n\n" + GOOD_TEXT, encoding="utf-8")
    _proc, inputs, _rejects, stored = _index(corpus, tmp_path / "x.db")
    assert inputs[(str(corpus / "a-url.json"), "")][1] in ("ok", "rejected")
    assert inputs[(str(corpus / "d-zlib.jsonl.gz"), "line 1")][1] == "ok"
    assert inputs[(str(corpus / "e-date.txt"), "")][1] == "ok"
    for key in ((str(corpus / "b-deep.jsonl"), "line 1"), (str(corpus / "b-deep.jsonl"), "line 3")):
        assert inputs[key][1] == "ok" and inputs[key][0] in stored, key
