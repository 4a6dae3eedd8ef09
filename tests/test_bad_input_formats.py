"""Bad and odd input, end to end (issue: every user mistake a clear error, the batch goes on, nothing lost).

Each test reproduces a case that failed before its fix: a record lost, a misleading reason, a traceback.
All text is made up here.
"""

from __future__ import annotations

import gzip
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wiretrace.errors import InputError
from wiretrace.ingest import article_from_bytes, article_from_record, read_article
from wiretrace.ingest.sources import RawRecord, RawReject, iter_records

GOOD = ("The harbour board of Porto Velho said on Tuesday that the new grain terminal will open in May, creating "
        "350 jobs, and that work on the access road begins next month after three years of delay.")
GOOD2 = ("Engineers in the mountain village of Kerrow finished a 12-kilometre water pipeline on Friday, ending a "
         "decade in which residents carried water from a spring, the district council said.")


def _page(text: str) -> bytes:
    return f"<html><head><title>T</title></head><body><article><p>{text}</p></article></body></html>".encode()


def _warc(uri: str | None, http: bytes, *, kind: str = "response", gz: bool = False) -> bytes:
    head = f"WARC/1.0\r\nWARC-Type: {kind}\r\n" + (f"WARC-Target-URI: {uri}\r\n" if uri else "")
    head += (f"WARC-Date: 2026-03-01T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:{os.urandom(8).hex()}>\r\n"
             f"Content-Type: application/http; msgtype={kind}\r\nContent-Length: {len(http)}\r\n\r\n")
    rec = head.encode() + http + b"\r\n\r\n"
    return gzip.compress(rec) if gz else rec


def _http(body: bytes, ctype: str | None = "text/html; charset=utf-8") -> bytes:
    head = "HTTP/1.1 200 OK\r\n" + (f"Content-Type: {ctype}\r\n" if ctype else "")
    return (head + f"Content-Length: {len(body)}\r\n\r\n").encode() + body


def _read(tmp_path: Path, name: str, data: bytes) -> list[RawRecord | RawReject]:
    f = tmp_path / name
    f.write_bytes(data)
    return list(iter_records([str(f)]))


def _lines(*objs: object) -> bytes:
    return b"".join(json.dumps(o).encode() + b"\n" for o in objs)


# --- JSON Lines -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "compress"), [("plain.jsonl.gz", False), ("packed.jsonl", True)])
def test_jsonl_compression_is_told_by_its_bytes_not_its_name(tmp_path: Path, name: str, compress: bool) -> None:
    """A plain dump named .gz was one reject ("Not a gzipped file"); a gzipped one named .jsonl a reject a line."""
    data = _lines({"text": GOOD}, {"text": GOOD2})
    out = _read(tmp_path, name, gzip.compress(data) if compress else data)
    assert [type(r) for r in out] == [RawRecord, RawRecord], out


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_jsonl_in_utf16_or_utf32_is_read(tmp_path: Path, codec: str) -> None:
    """PowerShell's `>` writes UTF-16: every line was an "invalid JSON" reject and the records lost."""
    out = _read(tmp_path, "x.jsonl", _lines({"text": GOOD}, {"text": GOOD2 + " São"}).decode().encode(codec))
    assert [r.obj["text"] for r in out if isinstance(r, RawRecord)] == [GOOD, GOOD2 + " São"], out


def test_a_binary_file_named_jsonl_is_one_reject(tmp_path: Path) -> None:
    """Random bytes named .jsonl gave a reject for every "line" of junk (thousands for a large file)."""
    out = _read(tmp_path, "junk.jsonl", bytes(range(256)) * 40)
    assert len(out) == 1 and isinstance(out[0], RawReject), out
    assert out[0].reason == "not a JSON Lines file: its first 3 lines are binary data (control characters)"
    # binary lines after a good one, or a good one among the first lines: a reject each, nothing lost
    good = _lines({"text": GOOD})
    for data in (good + b"\x00\x01\x02\n" * 5 + good, b"\x00\x01\x02\n" + good + b"\x00\x01\x02\n" * 4):
        out = _read(tmp_path, "mixed.jsonl", data)
        assert [type(r) for r in out].count(RawRecord) == data.count(b"{"), out
        assert [type(r) for r in out].count(RawReject) == 5, out


def test_an_empty_jsonl_file_is_said(tmp_path: Path) -> None:
    """An empty dump (or one of blank lines) gave nothing at all: no record, no reject."""
    for data in (b"", b"\n \n\r\n"):
        out = _read(tmp_path, "e.jsonl", data)
        assert [(r.record, r.reason) for r in out if isinstance(r, RawReject)] == [("", "empty file: no JSON lines")]


def test_a_truncated_jsonl_gz_says_after_which_line(tmp_path: Path) -> None:
    data = gzip.compress(_lines({"text": GOOD}, {"text": GOOD2}))
    out = _read(tmp_path, "t.jsonl.gz", data[:-20])
    assert isinstance(out[0], RawRecord) and isinstance(out[-1], RawReject)
    assert out[-1].reason.startswith("cannot read past line 1 ("), out[-1]


def test_a_jsonl_line_in_latin1_says_invalid_utf8(tmp_path: Path) -> None:
    out = _read(tmp_path, "l.jsonl", _lines({"text": GOOD}) + ('{"text": "São"}\n').encode("latin-1"))
    assert isinstance(out[1], RawReject)
    assert out[1].reason == "invalid UTF-8 at byte 11 of the line (JSON Lines must be UTF-8)"


# --- JSON records -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("record", "reason"), [
    ({"text": 12345}, "the record's 'text' field is a number, not text"),
    ({"text": True}, "the record's 'text' field is true, not text"),
    ({"text": {"body": GOOD}}, "the record's 'text' field is an object, not text"),
    ({"text": None}, "the record's 'text' field is null"),
    ({"html": ""}, "the record's 'html' field is empty"),
    ({"Text": GOOD, "title": "x"}, "record has no 'text' or 'html' field (its fields: 'Text', 'title')"),
])
def test_a_body_field_of_the_wrong_type_is_named(record: dict[str, object], reason: str) -> None:
    """{"text": {...}} said "record has no 'text' field"; {"text": true} was read as the word "True"."""
    with pytest.raises(InputError) as err:
        article_from_record(record, name="r")
    assert err.value.reason == reason


def test_a_list_of_strings_as_text_is_paragraphs_and_true_is_no_title() -> None:
    """Paragraphs given as a list were joined by ", " into one paragraph; "title": true became "True"."""
    a = article_from_record({"text": [GOOD, GOOD2], "title": True, "authors": ["Ana Lima", None, "Rui Sá"]}, name="r")
    assert a.text == GOOD + "\n\n" + GOOD2
    assert a.title is None and a.byline == "Ana Lima, Rui Sá"


# --- text that is no writing ------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["!?.,;:—–-…" * 50, "😀🎉🔥👍🏽" * 100, "\u200f\u200e\u202b\u202c" * 100,
                                  "12 34 56 78 90 " * 30])
def test_text_without_words_is_no_article(text: str) -> None:
    """Punctuation, emoji, RTL marks or figures alone were stored as articles (language "km", "zxx")."""
    with pytest.raises(InputError, match=r"no article text found: .* characters, but only .* of them letters"):
        article_from_bytes(text.encode(), name="x.txt", fmt="text")


# --- HTML -------------------------------------------------------------------------------------------------


def test_html_nested_past_libxml2s_limit_keeps_its_text() -> None:
    """libxml2 drops what lies deeper than 2,048 elements: 10,000 nested divs lost the article ("no article
    text found"), and thousands of unclosed <font> tags cut the page short without a word."""
    deep = b"<html><body>" + b"<div>" * 10_000 + b"<p>" + (GOOD + " " + GOOD2).encode() + b"</p>" \
        + b"</div>" * 10_000 + b"</body></html>"
    assert article_from_bytes(deep, name="d.html", fmt="html").text == GOOD + " " + GOOD2
    unclosed = ("<html><body><article>" + "".join(f"<font>{GOOD} Item {i}. " for i in range(2500))
                + "</article></body></html>").encode()
    assert "Item 2499." in article_from_bytes(unclosed, name="u.html", fmt="html").text


def test_html_nested_too_deep_even_unwrapped_is_said() -> None:
    deep = b"<html><body>" + b"<blockquote>" * 3000 + b"<p>" + GOOD.encode() + b"</p>" + b"</blockquote>" * 3000
    with pytest.raises(InputError, match=r"HTML nested 2047 levels deep or more"):
        article_from_bytes(deep, name="d.html", fmt="html")


def test_a_frameset_page_says_where_its_text_is() -> None:
    page = b'<html><frameset cols="50%,50%"><frame src="left.html"><frame src="main.html"></frameset></html>'
    with pytest.raises(InputError, match=r"a frameset page: its text is in the pages of its frames \(left.html, main"):
        article_from_bytes(page, name="f.html", fmt="html")


# --- WARC -------------------------------------------------------------------------------------------------


def test_a_damaged_first_gzip_member_keeps_the_records_after_it(tmp_path: Path) -> None:
    """A broken first member rejected the whole .warc.gz ("not a WARC file"), losing the sound records after it."""
    first = bytearray(_warc("https://a.example/1", _http(_page(GOOD)), gz=True))
    first[60:90] = b"\x00" * 30
    out = _read(tmp_path, "x.warc.gz", bytes(first) + _warc("https://b.example/2", _http(_page(GOOD2)), gz=True))
    assert isinstance(out[0], RawReject) and out[0].record == "offset 0"
    assert "broken gzip data" in out[0].reason and "reading resumed at offset" in out[0].reason
    assert [r.url for r in out if isinstance(r, RawRecord)] == ["https://b.example/2"]


def test_a_response_without_target_uri_is_said_plainly(tmp_path: Path) -> None:
    """The reason was warcio's "AttributeError: 'NoneType' object has no attribute 'startswith'"."""
    out = _read(tmp_path, "x.warc", _warc(None, _http(_page(GOOD))))
    reasons = [r.reason for r in out if isinstance(r, RawReject)]
    assert any("a response record without WARC-Target-URI" in why for why in reasons), reasons


@pytest.mark.parametrize(("records", "held"), [
    ([("request", b"GET / HTTP/1.1\r\nHost: a.example\r\n\r\n", None)], "1 request"),
    ([("response", b"%PDF-1.4", "application/pdf"), ("response", b"x", "text/plain")],
     "1 response application/pdf, 1 response text/plain"),
])
def test_a_warc_without_html_responses_says_what_it_holds(tmp_path: Path, records: list[tuple[str, bytes, str | None]],
                                                          held: str) -> None:
    """A WARC of only requests, or of PDFs, gave nothing and said nothing: the file seemed forgotten."""
    data = b"".join(_warc("https://a.example/x", body if kind == "request" else _http(body, ctype), kind=kind)
                    for kind, body, ctype in records)
    out = _read(tmp_path, "x.warc", data)
    assert [(r.record, r.reason) for r in out if isinstance(r, RawReject)] == [
        ("", f"no HTML response among its {len(records)} records ({held})")]


def test_a_response_without_content_type_that_is_html_is_read(tmp_path: Path) -> None:
    out = _read(tmp_path, "x.warc", _warc("https://a.example/1", _http(_page(GOOD), None))
                + _warc("https://a.example/2", _http(b"\x89PNG....", None)))
    assert [r.url for r in out if isinstance(r, RawRecord)] == ["https://a.example/1"], out


# --- one-article commands on dumps ------------------------------------------------------------------------


def test_read_article_on_a_dump(tmp_path: Path) -> None:
    """`compare a.txt dump.jsonl` said "invalid JSON at line 2 column 1: Extra data"; a .warc was read as
    plain text (its WARC headers as the article)."""
    one = tmp_path / "one.warc"
    one.write_bytes(_warc("https://a.example/1", _http(_page(GOOD))))
    a = read_article(one)
    assert a.text == GOOD and a.url == "https://a.example/1"
    many = tmp_path / "many.jsonl"
    many.write_bytes(_lines({"text": GOOD}, {"text": GOOD2}))
    with pytest.raises(InputError, match=r"holds more than one record"):
        read_article(many)
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(b'{"text": 5}\n')
    with pytest.raises(InputError, match=r"bad.jsonl \(line 1\): the record's 'text' field is a number"):
        read_article(bad)


def test_read_records_gives_each_record_of_a_dump(tmp_path: Path) -> None:
    from wiretrace.ingest import read_records

    f = tmp_path / "d.jsonl"
    f.write_bytes(_lines({"text": GOOD}) + b"{oops\n" + _lines({"text": GOOD2}))
    got = list(read_records(f))
    assert [w.removeprefix(str(tmp_path) + "/") for w, _ in got] == ["d.jsonl (line 1)", "d.jsonl (line 2)",
                                                                      "d.jsonl (line 3)"]
    assert [type(x).__name__ for _, x in got] == ["Article", "InputError", "Article"]


def _cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "wiretrace.cli", *args], capture_output=True, text=True,
                          timeout=300, check=False, env=env)


def test_cli_ingest_shows_each_record_of_a_dump_and_the_bad_ones(tmp_path: Path) -> None:
    f = tmp_path / "d.jsonl"
    f.write_bytes(_lines({"text": GOOD}) + b"{oops\n" + _lines({"text": GOOD2}))
    proc = _cli("ingest", str(f))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert f"== {f} (line 1)" in proc.stdout and f"== {f} (line 3)" in proc.stdout
    assert proc.stderr.startswith(f"wiretrace: error: {f} (line 2): invalid JSON (")


# --- the command line -------------------------------------------------------------------------------------


def test_a_malformed_truth_json_is_one_line(tmp_path: Path) -> None:
    """`eval` on a truth.json that is a list, or whose pair lacks a field, was an AttributeError/KeyError traceback."""
    for truth, says in (([1, 2], "must be a JSON object with 'pairs' (and optionally 'planted')"),
                        ({"pairs": [{"a": "x.txt"}]}, "'pairs' entry 1 needs the text field(s) b, relation")):
        (tmp_path / "truth.json").write_text(json.dumps(truth), encoding="utf-8")
        proc = _cli("eval", "--lexical", str(tmp_path))
        assert proc.returncode == 2 and "Traceback" not in proc.stderr, proc.stderr
        assert proc.stderr == f"wiretrace: error: {tmp_path / 'truth.json'}: {says}\n"


def test_an_internal_error_is_one_line_unless_debugging(monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    from wiretrace import cli

    def boom(_args: object) -> int:
        raise KeyError("oops")

    monkeypatch.setattr(cli, "_stories", boom)
    monkeypatch.delenv("WIRETRACE_DEBUG", raising=False)
    assert cli.main(["stories"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("wiretrace: internal error: KeyError: 'oops'; please report it") and err.count("\n") == 1
    monkeypatch.setenv("WIRETRACE_DEBUG", "1")
    with pytest.raises(KeyError):
        cli.main(["stories"])


def test_a_locked_store_says_another_process_holds_it(monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    from wiretrace import cli

    def locked(_args: object) -> int:
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(cli, "_stories", locked)
    assert cli.main(["stories", "--db", "x.db"]) == 2
    assert capsys.readouterr().err == ("wiretrace: error: x.db: database is locked (another wiretrace is writing to "
                                       "it; wait for it to finish, or use another --db)\n")


def test_output_into_a_closed_pipe_is_no_error(tmp_path: Path) -> None:
    """`wiretrace ingest ... | head -1` printed "wiretrace: error: Broken pipe" and exited 2."""
    f = tmp_path / "d.jsonl"
    f.write_bytes(_lines(*({"text": f"{GOOD} Number {i}."} for i in range(300))))
    proc = subprocess.run(f"{sys.executable} -m wiretrace.cli ingest {f} | head -1", shell=True,  # noqa: S602
                          capture_output=True, text=True, timeout=300, check=False,
                          env={**os.environ, "PYTHONUNBUFFERED": "1"})
    assert proc.stdout.startswith("== ") and proc.stderr == "", proc.stderr


# --- any bytes in any format ------------------------------------------------------------------------------

_SUFFIXES = [".txt", ".html", ".json", ".jsonl", ".jsonl.gz", ".warc", ".warc.gz"]


@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.binary(max_size=600), suffix=st.sampled_from(_SUFFIXES), wrap=st.booleans())
def test_any_bytes_in_any_format_are_an_article_or_a_reason(tmp_path_factory: pytest.TempPathFactory, data: bytes,
                                                            suffix: str, wrap: bool) -> None:
    """Whatever the bytes and the name: each record an Article or an InputError naming the file, never another
    exception (``wrap``: the bytes gzipped for .gz names, inside a WARC response for .warc names)."""
    from wiretrace.ingest import read_records

    if wrap and suffix.endswith(".gz"):
        data = gzip.compress(data)
    elif wrap and suffix.startswith(".warc"):
        data = _warc("https://a.example/x", _http(data))
    f = tmp_path_factory.mktemp("any") / f"x{suffix}"
    f.write_bytes(data)
    got = list(read_records(f))
    assert got
    for where, item in got:
        assert where.startswith(str(f))
        if isinstance(item, InputError):
            assert item.reason and "\n" not in item.reason
        else:
            item.text.encode("utf-8")


def test_a_missing_path_exits_2_indexes_the_rest_and_is_read_once_it_exists(tmp_path: Path) -> None:
    """A typo in a path exited 0 like an empty corpus; and its reject, kept in the store, made the next runs
    skip the file once it existed ("0 records read")."""
    good, later, db = tmp_path / "good.txt", tmp_path / "later.txt", str(tmp_path / "x.db")
    good.write_text(GOOD, encoding="utf-8")
    proc = _cli("index", str(good), str(later), "--db", db, "--lexical", "--workers", "1")
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr == f"wiretrace: error: {later}: no such file or folder\n"
    assert "1 new article," in proc.stdout
    later.write_text(GOOD2, encoding="utf-8")
    proc = _cli("index", str(good), str(later), "--db", db, "--lexical", "--workers", "1")
    assert proc.returncode == 0 and "1 record read, 1 new article" in proc.stdout, proc.stdout + proc.stderr


def test_index_reads_a_file_in_the_format_its_name_says_as_ingest_does(tmp_path: Path) -> None:
    """`index` sniffed a file's format where `ingest` and `compare` go by its suffix: a .json file holding a
    list was "no article text found (7 characters ...)" in the store and "JSON must be one object" in ingest;
    a .txt file starting with <p> was an HTML page to index and plain text to ingest."""
    (tmp_path / "list.json").write_bytes(b"[1, 2, 3]")
    (tmp_path / "tags.txt").write_text(f"<p>Notes</p>\n\n{GOOD}", encoding="utf-8")
    got = {}
    for raw in iter_records([str(tmp_path)]):
        assert isinstance(raw, RawRecord)
        try:
            got[Path(raw.path).name] = article_from_bytes(raw.data or b"", name=raw.path).text  # as index does
        except InputError as exc:
            got[Path(raw.path).name] = exc.reason
        with pytest.raises(InputError) if raw.path.endswith(".json") else _nothing():
            assert read_article(raw.path).text == got[Path(raw.path).name]
    assert got["list.json"] == "JSON must be one object with a 'text' or 'html' field"
    assert got["tags.txt"] == GOOD  # its first line is read as a title line, as text


def _nothing() -> object:
    import contextlib

    return contextlib.nullcontext()
