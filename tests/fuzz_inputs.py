"""Seeds, mutators and the bookkeeping of the fuzzing harness (tests/test_fuzz.py), issue #14 item 5.

Every case is a pure function of (format, seed, case number): ``case_input(fmt, i)`` rebuilds the exact
input of a failing case, so a failure prints one line that reproduces it. Mutations are byte-level and
cheap (flips, truncation, inserted random bytes, NULs, UTF-8-encoded surrogates, huge runs, duplicated
and deleted slices, pieces of other files, other encodings and line ends) on the example corpus, our own
texts; JSON seeds also get structural mutations (wrong types, nesting, huge numbers, lone surrogates).
"""

from __future__ import annotations

import json
import os
import random
import re
import signal
import threading
import time
import traceback
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

CORPUS = Path(__file__).parent.parent / "examples" / "corpus"
#: Vary the cases of a run (CI keeps the default, so a run is the same every time).
SEED = os.environ.get("WIRETRACE_FUZZ_SEED", "14")
#: Multiply the number of cases of every fuzz loop (e.g. 10 for a long local run).
SCALE = float(os.environ.get("WIRETRACE_FUZZ_SCALE", "1"))
#: Run one case only, "FORMAT:N" (as a failure prints it).
ONLY = os.environ.get("WIRETRACE_FUZZ_ONLY", "")

Rng = random.Random


# -- seeds ---------------------------------------------------------------------------------------
@cache
def seeds(kind: str) -> tuple[bytes, ...]:
    """The example corpus's files of one kind ("text", "html", "json"), in a stable order."""
    suffix = {"text": ".txt", "html": ".html", "json": ".json"}[kind]
    files = sorted(p for p in CORPUS.glob(f"*/*{suffix}"))
    assert files, f"no {suffix} seeds under {CORPUS}"
    return tuple(p.read_bytes() for p in files)


@cache
def all_seeds() -> tuple[bytes, ...]:
    return seeds("text") + seeds("html") + seeds("json")


@cache
def seed_records() -> tuple[dict[str, Any], ...]:
    return tuple(json.loads(b) for b in seeds("json"))


def small_page(rng: Rng) -> bytes:
    """A small HTML page cut from a seed page: its head and a few paragraphs of its body (most real
    pages are small; trafilatura's time grows with the page)."""
    page = rng.choice(seeds("html")).decode("utf-8")
    head, _, body = page.partition("<body")
    paras = re.findall(r"<p[ >].*?</p>", body, flags=re.DOTALL) or [body[:2000]]
    k = rng.randint(1, min(len(paras), 6))
    start = rng.randint(0, len(paras) - k)
    wrap = rng.choice([("<article>", "</article>"), ("<div class='post'>", "</div>"), ("", "")])
    inner = "\n".join(paras[start:start + k])
    return f"{head}<body>{wrap[0]}<h1>Title</h1>{inner}{wrap[1]}</body></html>".encode()


def small_text(rng: Rng) -> bytes:
    """A short text cut from a seed text: its head lines and a few paragraphs."""
    paras = rng.choice(seeds("text")).split(b"\n\n")
    k = rng.randint(1, min(len(paras), 4))
    start = rng.choice([0, rng.randint(0, len(paras) - k)])
    return b"\n\n".join(paras[:2] + paras[start:start + k] if start else paras[:k + 2])


# -- tokens worth inserting ----------------------------------------------------------------------
BYTE_TOKENS: tuple[bytes, ...] = (
    b"\x00", b"\xed\xa0\x80", b"\xed\xbf\xbf", b"\xed\xa0\x80\xed\xb0\x80",  # surrogates as UTF-8 (CESU)
    b"\xc0\xaf", b"\xe0\x80\xaf", b"\xf4\x90\x80\x80", b"\xf8\x88\x80\x80\x80", b"\x80", b"\xbf\xbf", b"\xff",
    b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff", b"\x1b[31m", b"\x7f", b"\x0c", b"\x0b",
    b"\r", b"\r\n", b"\n\n", b"\t", b"\x85",
)
TEXT_TOKENS: tuple[str, ...] = (
    "\u2028", "\u2029", "\u202e", "\u200b", "\u200d", "\ufeff", "\ufffd", "\u0301" * 40, "\U0001f600",
    "\u4e2d\u6587", "\uac00", "\u0627\u0644\u0639\u0631\u0628\u064a\u0629", "\u00a0", "\u3000",
    "By ", "By Ana Lima", "Por Ana Lima (Reuters) \u00b7 10:30", "LISBON, March 99 (Reuters) - ",
    "LISBON (Reuters) \u2013 ", "(Reuters)", "Reporting by X; Editing by Y", "2026-13-45", "31 February 2026",
    "0000-00-00T00:00:00Z", "9999-12-31T23:59:59+99:99", "10 February 2026 11:20 GMT", "yesterday",
    "1e999", "-0", "NaN", "\u00b7", "|", "...", "\u2026", "\u201c", "\u00bb", "Title\n\n", "\n\n\n\n",
    "http://[::1", "https://", "//", "%00", "&#0;", "&#xD800;", "&#x110000;", "&#99999999999999;", "&amp;",
)
HTML_TOKENS: tuple[str, ...] = (
    "<p>", "</p>", "<div>", "</div>", "<article>", "</article>", "<body>", "</body>", "</html>", "<html>",
    "<script>", "</script>", "<style>", "</style>", "<!--", "-->", "<![CDATA[", "]]>", "<?xml?>",
    "<?xml version='1.0' encoding='ebcdic'?>", '<meta charset="utf-16">', '<meta charset="x-nonsense">',
    '<meta charset="utf-32">', '<meta charset="">', '<meta charset="idna">', '<meta charset="rot13">',
    '<meta charset="unicode_escape">', '<meta charset="utf-7">', '<meta charset="base64">',
    '<meta http-equiv="content-type" content="text/html; charset=cp037">', '<html lang="">', '<html lang="-">',
    '<html lang="\ud800">', '<time datetime="9999-99-99">',
    '<meta property="article:published_time" content="not a date">',
    '<meta property="article:published_time" content="99999999999999999999">',
    '<meta name="date" content="0001-01-01">', '<link rel="canonical" href="http://[::1">',
    '<link rel="canonical" href="http://[">', '<meta property="og:url" content="https://exa mple.com/\x00">',
    '<meta property="og:site_name" content="">', '<meta name="author" content="By By By">',
    "<title></title>", "<title>\u202e</title>", "<h1></h1>", "<table><tr><td>", "</td></tr></table>",
    "<br>" * 50, "<svg><foreignObject><p>", "<math><mi>", "<template>", "<noscript>", "<frameset>",
    "<base href='javascript:alert(1)'>", "<img src=x onerror=alert(1)>", "<a href='\x01'>", "<p ", "<",
    ">", "&", "=\"", "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0//EN\">", "<html xmlns='urn:x'>",
)
JSON_TOKENS: tuple[str, ...] = (
    "\\ud800", "\\udfff", "\\ud800\\udc00", "\\udc00\\ud800", "\\u0000", "\\u202e", '\\"', "\\\\", "\\x",
    "\\", '"', "{", "}", "[", "]", ",", ":", "null", "true", "1e999", "-1e-999", "NaN", "Infinity",
    "-Infinity", "0x10", "01", "1" * 5000, "[" * 3000, "{\"a\":" * 2000, '"text":', '"html":', '"url":',
    '"published":', "//", "/*", "\t", "\u2028",
)


# -- byte mutations ------------------------------------------------------------------------------
def _pos(rng: Rng, data: bytes) -> int:
    return rng.randint(0, len(data))


def _flip(rng: Rng, data: bytes) -> bytes:
    if not data:
        return bytes([rng.randrange(256)])
    b = bytearray(data)
    for _ in range(rng.choice([1, 1, 2, 4, 16])):
        i = rng.randrange(len(b))
        b[i] = rng.randrange(256) if rng.random() < 0.5 else b[i] ^ (1 << rng.randrange(8))
    return bytes(b)


def _truncate(rng: Rng, data: bytes) -> bytes:
    k = rng.choice([rng.randint(0, len(data)), rng.randint(0, min(len(data), 400))])
    return data[:k] if rng.random() < 0.8 else data[k:]


def _insert_random(rng: Rng, data: bytes) -> bytes:
    i = _pos(rng, data)
    return data[:i] + rng.randbytes(rng.choice([1, 2, 8, 64, 512])) + data[i:]


def _insert_nul(rng: Rng, data: bytes) -> bytes:
    i = _pos(rng, data)
    return data[:i] + b"\x00" * rng.choice([1, 1, 2, 100]) + data[i:]


def _insert_bytes_token(rng: Rng, data: bytes) -> bytes:
    i = _pos(rng, data)
    return data[:i] + rng.choice(BYTE_TOKENS) * rng.choice([1, 1, 3]) + data[i:]


def _insert_text_token(rng: Rng, data: bytes, tokens: tuple[str, ...] = TEXT_TOKENS) -> bytes:
    i = _pos(rng, data)
    tok = rng.choice(tokens).encode("utf-8", "surrogatepass")
    return data[:i] + tok * rng.choice([1, 1, 1, 2, 10]) + data[i:]


def _huge_run(rng: Rng, data: bytes) -> bytes:
    """A long run of one thing: a character, a word, a token, a tag (rarely up to ~300 KB)."""
    unit = rng.choice([b"x", b" ", b"\n", b".", b"word ", b"<div>", b"</p>", b"\xc3\xa9", b"\xe4\xb8\xad",
                       b"\xed\xa0\x80", b"-", b"\t\n", b"A. ", b"1,000 ", b"<p>x</p>", b"&amp;"])
    size = rng.choice([1_000, 5_000, 20_000]) if rng.random() < 0.97 else 300_000
    i = _pos(rng, data)
    return data[:i] + unit * (size // len(unit)) + data[i:]


def _duplicate(rng: Rng, data: bytes) -> bytes:
    if not data:
        return data
    if rng.random() < 0.2:
        return data * rng.randint(2, 4)
    a = rng.randrange(len(data))
    b = min(len(data), a + rng.choice([1, 16, 256, 4096]))
    i = _pos(rng, data)
    return data[:i] + data[a:b] * rng.choice([1, 2, 10]) + data[i:]


def _delete(rng: Rng, data: bytes) -> bytes:
    if not data:
        return data
    a = rng.randrange(len(data))
    return data[:a] + data[a + rng.choice([1, 8, 64, 1024, 10_000]):]


def _splice(rng: Rng, data: bytes) -> bytes:
    other = rng.choice(all_seeds())
    a = rng.randrange(len(other))
    i = _pos(rng, data)
    return data[:i] + other[a:a + rng.choice([16, 256, 2048])] + data[i:]


_ENCODINGS = ("utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "latin-1", "cp1252", "shift_jis",
              "gb18030", "koi8-r", "utf-7", "utf-8-sig", "mac_roman", "big5", "euc-kr", "cp037", "iso-2022-jp",
              "cp1251", "iso8859-7")


def _recode(rng: Rng, data: bytes) -> bytes:
    text = data.decode("utf-8", "replace")
    enc = rng.choice(_ENCODINGS)
    return text.encode(enc, rng.choice(["replace", "ignore", "xmlcharrefreplace"]))


def _line_ends(rng: Rng, data: bytes) -> bytes:
    return data.replace(b"\n", rng.choice([b"\r", b"\r\n", b"", b" ", b"\n\n\n", b"\x0b", b"\xe2\x80\xa8"]))


def _swap_chars(rng: Rng, data: bytes) -> bytes:
    """Replace every occurrence of one byte (a space, a full stop, a quote, a bracket) with another."""
    old = rng.choice(b' .,"<>{}:\n-e')
    new = rng.choice([b"", b"\xc2\xa0", b"\t", b"\x00", b"\\", b'"', b"<", b"\xe3\x80\x80", b"  "])
    return data.replace(bytes([old]), new)


BYTE_OPS: tuple[Callable[[Rng, bytes], bytes], ...] = (
    _flip, _flip, _truncate, _truncate, _insert_random, _insert_nul, _insert_bytes_token, _insert_text_token,
    _insert_text_token, _huge_run, _duplicate, _delete, _delete, _splice, _recode, _line_ends, _swap_chars,
)


def mutate_bytes(rng: Rng, data: bytes, extra: tuple[str, ...] = ()) -> tuple[bytes, list[str]]:
    """``data`` with 1-4 random byte mutations; the names of the mutations applied."""
    ops = []
    for _ in range(rng.choice([1, 1, 1, 2, 2, 3, 4])):
        if extra and rng.random() < 0.3:
            data = _insert_text_token(rng, data, extra)
            ops.append("insert_format_token")
        else:
            op = rng.choice(BYTE_OPS)
            data = op(rng, data)
            ops.append(op.__name__.lstrip("_"))
    return data, ops


# -- structural JSON mutations -------------------------------------------------------------------
FIELDS = ("text", "html", "body", "content", "article", "maintext", "raw_html", "content_html", "url", "link",
          "canonical_url", "title", "headline", "site", "sitename", "source", "domain", "byline", "author",
          "authors", "published", "date", "published_at", "datePublished", "pubdate", "fetched", "language",
          "lang")


def odd_value(rng: Rng, like: Any = None) -> Any:
    """A JSON value that a field may hold but should not: wrong types, extremes, lone surrogates."""
    text = like if isinstance(like, str) else "Some words of an article."
    choices: list[Callable[[], Any]] = [
        lambda: None, lambda: True, lambda: 0, lambda: -1, lambda: 2**63, lambda: 1e308, lambda: -0.0,
        lambda: float("nan"), lambda: float("inf"), lambda: "", lambda: " ", lambda: [], lambda: {},
        lambda: [text, text], lambda: [None, 1, "x", [], {}], lambda: {"text": text}, lambda: [[[[text]]]],
        lambda: "\ud800" + text, lambda: text + "\udfff", lambda: text.replace(" ", "\ud83d"),
        lambda: "\x00" * 3 + text, lambda: text * rng.choice([2, 50]), lambda: text[: rng.randint(0, 40)],
        lambda: "<p>" + text + "</p>", lambda: "http://[::1", lambda: "9999-99-99", lambda: "\u202e" + text,
        lambda: rng.choice(TEXT_TOKENS), lambda: 10**rng.choice([3, 30, 300]),
    ]
    return rng.choice(choices)()


def mutate_record(rng: Rng, rec: dict[str, Any]) -> tuple[Any, list[str]]:
    """A JSON record with 1-3 structural mutations (the result may not be a dict at all)."""
    rec = dict(rec)
    ops: list[str] = []
    out: Any = rec
    for _ in range(rng.randint(1, 3)):
        if not isinstance(out, dict):
            break
        what = rng.randrange(8)
        key = rng.choice(list(out) or ["text"])
        if what == 0:  # a field gets an odd value
            out[key] = odd_value(rng, out.get(key))
            ops.append(f"odd:{key}")
        elif what == 1:  # another known field, odd or copied
            k2 = rng.choice(FIELDS)
            out[k2] = odd_value(rng, out.get(key)) if rng.random() < 0.5 else out.get(key)
            ops.append(f"set:{k2}")
        elif what == 2:
            out.pop(key, None)
            ops.append(f"drop:{key}")
        elif what == 3:  # the whole record wrapped or replaced
            out = rng.choice([[out], {"record": out}, None, 1, "text", [], out.get(key)])
            ops.append("wrap")
        elif what == 4:  # deep nesting inside one field
            depth = rng.choice([10, 100, 1000])
            v: Any = out.get(key)
            for _ in range(depth):
                v = [v] if rng.random() < 0.5 else {"v": v}
            out[key] = v
            ops.append(f"nest{depth}:{key}")
        elif what == 5:  # many fields
            for i in range(rng.choice([10, 100])):
                out[f"x{i}"] = odd_value(rng)
            ops.append("many_fields")
        elif what == 6:  # text and html both, or text moved to html
            if isinstance(out.get("text"), str):
                out["html"] = rng.choice([out["text"], "<html><body><p>" + out["text"][:300] + "</p>"])
                if rng.random() < 0.5:
                    out.pop("text")
            ops.append("html")
        else:  # a key with odd characters
            out[rng.choice(["", "\ud800", "text ", "TEXT", "\x00", "t\u0065xt"])] = out.pop(key, None)
            ops.append("rename")
    return out, ops


def dump_json(rng: Rng, obj: Any) -> bytes:
    """``obj`` as JSON bytes: escaped or raw non-ASCII, sometimes indented, NaN allowed."""
    try:
        text = json.dumps(obj, ensure_ascii=rng.random() < 0.5, indent=1 if rng.random() < 0.1 else None)
    except (ValueError, RecursionError):
        text = '{"text": "unserialisable"}'
    return text.encode("utf-8", "surrogatepass")


# -- running many cases --------------------------------------------------------------------------
@dataclass(frozen=True)
class Known:
    """A bug the fuzzer found and someone will fix: a failure whose text matches ``pattern`` is counted
    and printed, but does not fail the run (the regression test for it is marked xfail instead)."""

    key: str
    pattern: str
    where: str


class ContractError(AssertionError):
    """Every way one case broke the contract (a container case can lose a record and print noise at once)."""

    def __init__(self, what: str, items: list[str]) -> None:
        super().__init__(f"{what}:\n  " + "\n  ".join(items))
        self.items = [f"{what}: {x}" for x in items]


def classify(exc: BaseException, known: tuple[Known, ...]) -> tuple[list[str], str]:
    """The known bugs ``exc`` is made of, and what of it is not known ("" when all of it is): each of a
    ContractError' items must match a known pattern; any other exception matches by its traceback."""
    tb = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    parts = exc.items if isinstance(exc, ContractError) else [tb]
    keys, unknown = [], []
    for part in parts:
        hit = next((k.key for k in known if re.search(k.pattern, part, flags=re.DOTALL)), None)
        if hit:
            keys.append(hit)
        else:
            unknown.append(part)
    return keys, ("\n".join(unknown) + ("\n" + tb[-2500:] if unknown and isinstance(exc, ContractError) else ""))


def unless_known(known: tuple[Known, ...], fn: Callable[[], object]) -> None:
    """Run ``fn``; let an exception through unless it is made only of known bugs (for hypothesis tests)."""
    try:
        fn()
    except Exception as exc:
        if classify(exc, known)[1]:
            raise


@dataclass
class Tally:
    fmt: str
    known: tuple[Known, ...] = ()
    cases: int = 0
    outcomes: dict[str, int] = field(default_factory=dict)
    known_hits: dict[str, list[int]] = field(default_factory=dict)
    warned: dict[str, list[str]] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    slowest: tuple[float, int] = (0.0, -1)
    start: float = field(default_factory=time.perf_counter)

    def run(self, n: int, one: Callable[[Rng, int], str]) -> None:
        """Run cases 0..n-1 of ``one(rng, i)`` (which returns an outcome name, or raises); a case running
        over CASE_TIMEOUT seconds fails as a hang."""
        for i in self.indices(n):
            rng = case_rng(self.fmt, i)
            t = time.perf_counter()
            try:
                with _deadline(CASE_TIMEOUT), warnings.catch_warnings(record=True) as seen:
                    warnings.simplefilter("always")
                    outcome = one(rng, i)
                for w in seen:
                    key = f"{w.category.__name__}: {str(w.message)[:60]}"
                    self.warned.setdefault(w.category.__name__, []).append(f"{self.fmt}:{i} {key}")
            except Exception as exc:  # the point: anything escaping is recorded with its case
                outcome = self.failed(i, exc)
            dt = time.perf_counter() - t
            self.slowest = max(self.slowest, (dt, i))
            self.cases += 1
            self.outcomes[outcome] = self.outcomes.get(outcome, 0) + 1

    def indices(self, n: int) -> Iterator[int]:
        if ONLY:
            fmt, _, i = ONLY.partition(":")
            if fmt == self.fmt:
                yield int(i)
            return
        yield from range(int(n * SCALE))

    def failed(self, i: int, exc: BaseException) -> str:
        """Record a case that raised; return its outcome: the known bugs it hit, or FAILED."""
        keys, unknown = classify(exc, self.known)
        for key in dict.fromkeys(keys):
            self.known_hits.setdefault(key, []).append(i)
        if not unknown:
            return "known:" + "+".join(sorted(set(keys)))
        if len(self.failures) < 5:
            self.failures.append(f"case {self.fmt}:{i} (rerun: WIRETRACE_FUZZ_ONLY={self.fmt}:{i} "
                                 f"WIRETRACE_FUZZ_SEED={SEED} pytest tests/test_fuzz.py)\n{unknown[-3000:]}")
        else:
            self.failures.append(f"case {self.fmt}:{i}: {type(exc).__name__}: {str(exc)[:200]}")
        return "FAILED"

    def report(self) -> str:
        took = time.perf_counter() - self.start
        lines = [f"fuzz {self.fmt}: {self.cases} cases in {took:.1f} s ({self.outcomes}); slowest case "
                 f"{self.fmt}:{self.slowest[1]} {self.slowest[0]:.2f} s"]
        lines += [f"  known bug {k}: {len(v)} cases, e.g. {self.fmt}:{v[0]}" for k, v in self.known_hits.items()]
        lines += [f"  warning {k}: {len(v)} cases, e.g. {v[0]}" for k, v in self.warned.items()]
        return "\n".join(lines)

    def check(self, at_least: int) -> None:
        print(self.report())
        assert not self.failures, (f"{len(self.failures)} of {self.cases} {self.fmt} cases failed:\n\n"
                                   + "\n\n".join(self.failures[:5]))
        if not ONLY:
            assert self.cases >= at_least * min(SCALE, 1), (self.cases, at_least)


#: Seconds one case may take before it counts as a hang (the slowest take ~2 s on a loaded 2-core machine).
CASE_TIMEOUT = 60


@contextmanager
def _deadline(seconds: int) -> Iterator[None]:
    """Raise TimeoutError in the main thread after ``seconds`` (SIGALRM; elsewhere no limit)."""
    if not hasattr(signal, "SIGALRM") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def hang(_sig: int, _frame: object) -> None:
        raise TimeoutError(f"the case ran over {seconds} s")

    old = signal.signal(signal.SIGALRM, hang)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def case_rng(fmt: str, i: int) -> Rng:
    return random.Random(f"{fmt}/{SEED}/{i}")  # noqa: S311 - reproducible test data, not secrets
