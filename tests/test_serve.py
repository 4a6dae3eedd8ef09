"""`wiretrace serve`: pages, the JSON API (equal to the CLI's --json), security, schemathesis, and a
real browser against the real command."""

from __future__ import annotations

import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, settings

from wiretrace.cli import main
from wiretrace.compare import CompareConfig, Comparer
from wiretrace.engines.local import IndexConfig, index
from wiretrace.serve import create_app

with warnings.catch_warnings():  # starlette asks for httpx2 over httpx; the client works the same
    warnings.filterwarnings("ignore", message=".*httpx2")
    from fastapi.testclient import TestClient

CORPUS = Path(__file__).parent.parent / "examples" / "corpus"
FLOODS = CORPUS / "lisbon-floods"
TOKEN = "test-token-7f3a"  # noqa: S105 - the write token of the test servers
LEXICAL = CompareConfig(embedder=None)
HOSTILE = ("NAIROBI (AFP) – Officials said <script>alert('pwned')</script> the payments system "
           "<img src=x onerror=\"alert(1)\"> failed for nine hours on Tuesday, and 3,000 traders lost sales. "
           "The central bank said it would look into the outage and publish its findings next month.")
HOSTILE_TITLE = "<img src=x onerror=alert(2)>Outage <b>hits</b> traders"
HOSTILE_SITE = "<script>alert(3)</script>farm"

# -- fixtures ------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def client(corpus_db: Path) -> Iterator[TestClient]:
    """The example corpus, compared with the shipped embedder (as the index was), writes enabled."""
    with TestClient(create_app(corpus_db, token=TOKEN)) as c:
        yield c


@pytest.fixture
def writable(corpus_db: Path, tmp_path: Path) -> Iterator[TestClient]:
    """A copy of the example store that tests may write to (lexical, so no model is loaded)."""
    db = tmp_path / "w.db"
    shutil.copy(corpus_db, db)
    with TestClient(create_app(db, token=TOKEN, cfg=LEXICAL)) as c:
        yield c


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An agency text and a copy of it whose text, title and site are hostile HTML."""
    d = tmp_path_factory.mktemp("hostile")
    (d / "src.txt").write_text("Outage\n2026-03-10 09:00 UTC\n\n" + HOSTILE, encoding="utf-8")
    (d / "copy.json").write_text(json.dumps({"url": "https://farm.example/x", "published": "2026-03-11",
                                             "title": HOSTILE_TITLE, "site": HOSTILE_SITE, "text": HOSTILE}),
                                 encoding="utf-8")
    db = d / "h.db"
    index([str(d)], db=str(db), cfg=IndexConfig(workers=1, compare=LEXICAL))
    return db


@pytest.fixture(scope="module")
def hostile(hostile_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(hostile_db, cfg=LEXICAL)) as c:
        yield c


def _tree_ids(node: dict[str, Any]) -> Iterator[tuple[str | None, dict[str, Any]]]:
    stack: list[tuple[str | None, dict[str, Any]]] = [(None, node)]
    while stack:
        parent, n = stack.pop()
        yield parent, n
        stack.extend((n["id"], c) for c in n["copies"])


def _farm_edge(stories: list[dict[str, Any]]) -> tuple[int, str, str]:
    """(story id, parent id, child id) of the Lisbon floods content-farm copy."""
    for s in stories:
        for parent, n in _tree_ids(s["root"]):
            if parent and (n["path"] or "").endswith("lisbon-floods/farm.html"):
                return s["id"], parent, n["id"]
    raise AssertionError("the farm copy is in no tree")


def _cli_json(capsys: pytest.CaptureFixture[str], *args: str) -> Any:
    capsys.readouterr()
    assert main([*args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


# -- pages ---------------------------------------------------------------------------------------
def test_pages_render_with_security_headers(client: TestClient) -> None:
    stories = client.get("/api/stories").json()
    story_id, parent, child = _farm_edge(stories)
    site = client.get("/api/sites").json()[0]["site"]
    urls = ["/stories", f"/stories/{story_id}", f"/articles/{child}", f"/pairs/{parent}/{child}", "/sites",
            f"/sites/{site}", "/search?q=Lisbon", "/search", "/compare", "/static/wiretrace.css"]
    for url in urls:
        r = client.get(url)
        assert r.status_code == 200, (url, r.text[:300])
        csp = r.headers["content-security-policy"]
        assert "default-src 'none'" in csp and "script-src" not in csp  # no script source at all
        assert r.headers["x-content-type-options"] == "nosniff"
        if url.endswith(".css"):
            assert "mark.t-opinion" in r.text
        else:
            assert "<script" not in r.text and " style=" not in r.text  # nothing inline for CSP to allow
    assert client.get("/", follow_redirects=False).headers["location"] == "/stories"
    pair = client.get(f"/pairs/{parent}/{child}").text
    assert 'id="relation">rewrite<' in pair and 'class="t-name' in pair and 'class="t-opinion' in pair
    assert "The index stored: rewrite, source a" in pair  # pair page and index agree
    story = client.get(f"/stories/{story_id}").text
    assert f'href="/pairs/{parent}/{child}"' in story and "Reported independently" in story
    trace = client.get(f"/articles/{child}").text
    assert f'href="/pairs/{parent}/{child}"' in trace
    search = client.get("/search", params={"q": "farm.html", "field": "url"}).text
    assert f'href="/articles/{child}"' in search
    assert client.get("/trace", params={"ref": child}, follow_redirects=False).headers["location"] == \
        f"/articles/{child}"


# -- the JSON API is the CLI's --json ------------------------------------------------------------
def test_api_records_equal_cli_json(client: TestClient, corpus_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = ["--db", str(corpus_db)]
    stories = client.get("/api/stories").json()
    assert stories == _cli_json(capsys, "stories", *db)
    assert client.get("/api/sites").json() == _cli_json(capsys, "sites", *db)
    _story, parent, child = _farm_edge(stories)
    art = client.get(f"/api/articles/{child}").json()
    for ref in (child, child[:8], art["path"], art["url"], parent):
        assert client.get("/api/trace", params={"ref": ref}).json() == _cli_json(capsys, "trace", ref, *db), ref
    assert client.get(f"/api/stories/{stories[2]['id']}").json() == stories[2]


def test_api_compare_equals_cli_json(client: TestClient, capsys: pytest.CaptureFixture[str],
                                     monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(FLOODS)  # the CLI names articles by the path it was given: the upload's file name
    expected = _cli_json(capsys, "compare", "original.txt", "farm.html")
    files = {"a": ("original.txt", (FLOODS / "original.txt").read_bytes()),
             "b": ("farm.html", (FLOODS / "farm.html").read_bytes())}
    got = client.post("/api/compare/upload", files=files)
    assert got.status_code == 200, got.text
    assert got.json() == expected
    assert expected["relation"]["kind"] == "rewrite" and expected["diff"]
    # JSON records: the same comparison as `wiretrace compare` on the same records in .json files
    record_a = {"title": "Floods", "published": "2026-02-10T08:00:00Z", "byline": "Reuters",
                "text": (FLOODS / "original.txt").read_text(encoding="utf-8").split("\n\n", 2)[2]}
    record_b = json.loads((FLOODS / "edited.json").read_text(encoding="utf-8"))
    monkeypatch.chdir(tmp_path)
    Path("a.json").write_text(json.dumps(record_a), encoding="utf-8")
    Path("b.json").write_text(json.dumps(record_b), encoding="utf-8")
    lexical = _cli_json(capsys, "compare", "--lexical", "a.json", "b.json")
    got = client.post("/api/compare", json={"a": record_a, "b": record_b, "lexical": True})
    assert got.status_code == 200, got.text
    for side in ("a", "b"):
        lexical[side]["path"] = side  # named by its side, not a file
    assert got.json() == lexical
    assert lexical["relation"]["kind"] == "edited_copy"


def test_api_pair_is_the_compare_record(client: TestClient, corpus_db: Path, comparer: Comparer) -> None:
    stories = client.get("/api/stories").json()
    _story, parent, child = _farm_edge(stories)
    a = client.get(f"/api/articles/{parent}").json()
    b = client.get(f"/api/articles/{child}").json()
    from wiretrace.store import SQLiteStore

    store = SQLiteStore(corpus_db)
    try:
        expected = comparer.compare(store.article(a["id"]), store.article(b["id"])).to_dict()  # type: ignore[arg-type]
    finally:
        store.close()
    assert client.get(f"/api/pairs/{parent}/{child}").json() == expected


def test_openapi_schema_served(client: TestClient) -> None:
    schema = client.get("/api/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    for path in ("/api/stories", "/api/trace", "/api/sites", "/api/compare", "/api/upload", "/api/index",
                 "/api/pairs/{a}/{b}", "/api/search"):
        assert path in schema["paths"], path
    assert not any(p.startswith(("/stories", "/pairs")) for p in schema["paths"])  # pages are not the API
    assert "HTTPBearer" in schema["components"]["securitySchemes"]


def test_site_names_with_control_characters_are_outside_the_schema(client: TestClient) -> None:
    # the router reads "/sites/x%0A" as "x" and "/sites/%0A" as "": the schema must not call such names valid,
    # or the schema check (positive mode) meets a 422 for "valid" data now and then
    schema = client.get("/api/openapi.json").json()
    (param,) = schema["paths"]["/api/sites/{site}"]["get"]["parameters"]
    assert param["schema"]["pattern"] == r"^[^\x00-\x1f\x7f]+$"
    assert client.get("/api/sites/%0A", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 422


# -- hostile article text ------------------------------------------------------------------------
def test_hostile_html_is_escaped(hostile: TestClient) -> None:
    stories = hostile.get("/api/stories").json()
    assert len(stories) == 1
    root = stories[0]["root"]
    copy = root["copies"][0]
    assert copy["site"] == HOSTILE_SITE and copy["title"] == HOSTILE_TITLE
    pages = [hostile.get(u).text for u in ("/stories", f"/stories/{stories[0]['id']}", f"/articles/{copy['id']}",
                                           f"/pairs/{root['id']}/{copy['id']}", "/sites",
                                           "/search?q=pwned", f"/sites/{HOSTILE_SITE}")]
    for html in pages:
        assert "<script>" not in html and "<img src=x" not in html and "<b>hits" not in html
    article, pair = pages[2], pages[3]
    assert "&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt;" in article
    assert "&lt;img src=x onerror=" in pair and "&lt;script&gt;alert(3)&lt;/script&gt;farm" in pages[4]
    # the JSON API gives the text as it is (JSON, served as application/json with nosniff)
    r = hostile.get(f"/api/articles/{copy['id']}")
    assert r.headers["content-type"] == "application/json" and "<script>alert('pwned')</script>" in r.json()["text"]


def test_pasted_hostile_html_is_escaped(hostile: TestClient) -> None:
    r = hostile.post("/compare", data={"a_text": "Outage\n2026-03-10\n\n" + HOSTILE, "b_text": HOSTILE,
                                       "lexical": "true"})
    assert r.status_code == 200, r.text
    assert "<script>alert" not in r.text and "&lt;script&gt;alert(" in r.text
    assert 'id="relation">verbatim<' in r.text


# -- bad input: clear 4xx, never a 500 -----------------------------------------------------------
@pytest.mark.parametrize(("method", "url", "kwargs", "status", "says"), [
    ("get", "/api/stories/999", {}, 404, "no story 999: this store has stories 1 to "),
    ("get", "/api/stories/abc", {}, 422, "path story_id"),
    ("get", "/api/articles/0000000000000000", {}, 404, "no article '0000000000000000'"),
    ("get", "/api/trace?ref=nowhere", {}, 404, "no article with id, id prefix, url or path 'nowhere'"),
    ("get", "/api/trace", {}, 422, "query ref: Field required"),
    ("get", "/api/search?q=" + "x" * 501, {}, 422, "at most 500 characters"),
    ("get", "/api/search?q=x&field=body", {}, 422, "query field"),
    ("get", "/api/sites/nosuch.example", {}, 404, "no site 'nosuch.example'"),
    ("get", "/api/pairs/aaaaaaaaaaaaaaaa/bbbbbbbbbbbbbbbb", {}, 404, "no article"),
    ("get", "/api/nothing", {}, 404, "no page at /api/nothing"),
    ("post", "/api/stories", {}, 405, "Method Not Allowed"),
    ("post", "/api/compare", {"content": b"{not json", "headers": {"content-type": "application/json"}}, 422,
     "JSON decode error"),
    ("post", "/api/compare", {"json": {"a": {}, "b": {"text": "x"}}}, 422,
     "body a: Value error, an article needs a 'text' or an 'html' field"),
    ("post", "/api/compare", {"json": {"a": {"text": None}, "b": {"text": "x"}}}, 422, "leave the field out"),
    ("post", "/api/compare", {"json": {"a": {"text": "Too short."}, "b": {"text": "x"}}}, 422,
     "a: no article text found"),
    ("post", "/api/compare", {"json": {"a": {"text": "x", "colour": "red"}, "b": {"text": "x"}}}, 422,
     "body a.colour: Extra inputs are not permitted"),
    ("post", "/api/compare/upload", {"files": {"a": ("a.bin", b"\x00\x01\x02" * 100), "b": ("b.txt", b"hi")}},
     422, "a.bin"),
    ("post", "/api/compare/upload", {"files": {"a": ("a.txt", b"hello")}}, 422, "body b: Field required"),
    ("get", "/stories/999", {}, 404, "no story 999"),
    ("get", "/articles/nope", {}, 404, "no article &#39;nope&#39;"),
    ("post", "/compare", {"data": {"a_text": "", "b_text": "x"}}, 422, "article a: paste its text or HTML"),
])
def test_bad_input_is_a_clear_4xx(client: TestClient, *, method: str, url: str, kwargs: dict[str, Any], status: int,
                                  says: str) -> None:
    r = getattr(client, method)(url, **kwargs)
    assert r.status_code == status, r.text
    if url.startswith("/api/"):
        assert r.headers["content-type"] == "application/json"
        assert says in r.json()["detail"], r.json()
    else:
        assert r.headers["content-type"].startswith("text/html") and says in r.text


def test_body_size_limit(corpus_db: Path) -> None:
    with TestClient(create_app(corpus_db, max_body=1000, cfg=LEXICAL)) as c:
        big = {"a": {"text": "word " * 300}, "b": {"text": "word " * 300}}
        r = c.post("/api/compare", json=big)
        assert r.status_code == 413 and "1,000-byte limit" in r.json()["detail"]
        # no Content-Length (chunked): counted as it streams in
        r = c.post("/api/compare", content=iter([b'{"a": {"text": "' + b"x" * 900, b"x" * 900 + b'"}}']),
                   headers={"content-type": "application/json"})
        assert r.status_code == 413
        r = c.post("/compare", data={"a_text": "x" * 2000})
        assert r.status_code == 413 and r.headers["content-type"].startswith("text/html")
        assert c.get("/api/stories").status_code == 200


def test_sent_articles_are_capped_and_never_block_stored_pairs(corpus_db: Path) -> None:
    """Issue #14 D6/D7: one anonymous 300 KB compare held every pair page for 54 s (one lock). Articles
    sent to compare now have their own lane, a length cap (413) and a bounded wait (503 + Retry-After)."""
    body = (FLOODS / "original.txt").read_text(encoding="utf-8")
    with TestClient(create_app(corpus_db, cfg=LEXICAL, max_compare_chars=500)) as c:
        r = c.post("/api/compare", json={"a": {"text": body}, "b": {"text": body[:400]}})
        assert r.status_code == 413 and "at most 500 per article" in r.json()["detail"]
        r = c.post("/compare", data={"a_text": body, "b_text": body})
        assert r.status_code == 413 and "at most 500 per article" in r.text
    with TestClient(create_app(corpus_db, cfg=LEXICAL, compare_wait_s=0.2)) as c:
        _story, parent, child = _farm_edge(c.get("/api/stories").json())
        pairs = c.app.state.ctx.pairs  # type: ignore[attr-defined]
        assert pairs._sent_lock.acquire()  # a long compare of sent articles is running
        try:
            started = time.monotonic()
            assert c.get(f"/api/pairs/{parent}/{child}?lexical=true").status_code == 200
            assert c.get(f"/pairs/{parent}/{child}?lexical=true").status_code == 200
            assert time.monotonic() - started < 10
            r = c.post("/api/compare", json={"a": {"text": body}, "b": {"text": body}})
            assert r.status_code == 503 and r.headers["retry-after"] == "5" and "busy" in r.json()["detail"]
        finally:
            pairs._sent_lock.release()
        r = c.post("/api/compare", json={"a": {"text": body}, "b": {"text": body}})
        assert r.status_code == 200 and r.json()["relation"]["kind"] == "verbatim"
        slot = pairs._slots.get()  # a slow stored pair holds one Comparer of the stored lane
        try:
            assert c.get(f"/api/pairs/{parent}/{child}?lexical=true").status_code == 200
        finally:
            pairs._slots.put(slot)


def test_host_header_check(corpus_db: Path) -> None:
    with TestClient(create_app(corpus_db, cfg=LEXICAL, allowed_hosts={"127.0.0.1", "localhost", "::1"})) as c:
        r = c.get("/api/store", headers={"host": "attacker.example"})
        assert r.status_code == 400 and "DNS rebinding" in r.json()["detail"]
        for host in ("localhost:8000", "127.0.0.1", "[::1]:8000"):
            assert c.get("/api/store", headers={"host": host}).status_code == 200, host


# -- write endpoints -----------------------------------------------------------------------------
def test_writes_disabled_without_a_token(corpus_db: Path) -> None:
    with TestClient(create_app(corpus_db, cfg=LEXICAL)) as c:
        r = c.post("/api/index", json={"records": [{"text": "x"}]}, headers={"Authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 403 and "start the server with --token" in r.json()["detail"]
        assert c.get("/api/store").json()["writes"] is False


def test_writes_need_the_token(writable: TestClient) -> None:
    r = writable.post("/api/index", json={"records": [{"text": "x"}]})
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    r = writable.post("/api/upload", files=[("files", ("a.txt", b"x"))], headers={"Authorization": "Bearer nope"})
    assert r.status_code == 403 and r.json()["detail"] == "wrong token"


def test_index_and_upload_with_the_token(writable: TestClient, tmp_path: Path) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    before = writable.get("/api/store").json()
    original = (FLOODS / "original.txt").read_text(encoding="utf-8").split("\n\n", 2)[2]
    copy = {"url": "https://copycat.example/floods", "published": "2026-02-12", "title": "Floods (copied)",
            "text": original}
    r = writable.post("/api/index", json={"records": [copy, {"text": "too short"}]}, headers=auth)
    assert r.status_code == 200, r.text
    report = r.json()
    assert report["new_articles"] == 1 and len(report["articles"]) == 1 and len(report["rejects"]) == 1
    assert "no article text found" in report["rejects"][0]["reason"]
    trace = writable.get("/api/trace", params={"ref": "https://copycat.example/floods"}).json()
    assert trace[0]["story"] is not None and trace[0]["sources"], trace  # linked to the story it copies
    assert writable.get("/api/store").json()["articles"] == before["articles"] + 1
    # upload: a file, stored beside the store; a second upload of the same text stores nothing new
    files = [("files", ("copy.txt", ("Floods\n2026-02-13\n\n" + original).encode())),
             ("files", ("again.json", json.dumps(copy).encode()))]
    r = writable.post("/api/upload", files=files, headers=auth)
    assert r.status_code == 200, r.text
    assert r.json()["new_articles"] == 1 and len(r.json()["articles"]) == 2
    r = writable.post("/api/upload", files=[("files", ("notes.exe", b"MZ"))], headers=auth)
    assert r.status_code == 422 and "not an article file" in r.json()["detail"]
    r = writable.post("/api/index", json={"records": [{"text": "short"}]}, headers=auth)
    assert r.status_code == 422 and "nothing could be stored" in r.json()["detail"]


# -- schemathesis: the whole API against its own schema ------------------------------------------
# Each operation's strategy driven by hypothesis directly: schemathesis' pytest loader for fixtures
# (``from_fixture``) breaks on pytest 9 (it sets ``Function._nodeid``), and the store is a fixture.
@pytest.mark.parametrize("mode", ["positive", "negative"])
def test_api_against_its_schema(corpus_db: Path, tmp_path: Path, mode: str) -> None:
    """Generated requests (valid, then invalid) for every operation: no 5xx, answers as documented."""
    import schemathesis
    from hypothesis.errors import Unsatisfiable
    from schemathesis import GenerationMode
    from schemathesis.specs.openapi.checks import positive_data_acceptance

    db = tmp_path / "st.db"
    shutil.copy(corpus_db, db)
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", create_app(db, token=TOKEN, cfg=LEXICAL))
    operations = [r.ok() for r in schema.get_all_operations()]
    assert len(operations) == 13
    tested: list[str] = []
    for op in operations:
        # A schema-valid record can still hold no article (too short, all boilerplate): ingest says so
        # with a 422, so "valid data is accepted" cannot hold where articles are read.
        reads_articles = op.path in ("/api/compare", "/api/compare/upload", "/api/upload", "/api/index")
        check = _schema_check(op, GenerationMode(mode), [positive_data_acceptance] if reads_articles else [])
        try:
            check()
            tested.append(op.path)
        except Unsatisfiable:  # nothing to get wrong in a request without parameters or body
            assert mode == "negative", op.path
    assert len(tested) >= (13 if mode == "positive" else 9), tested


def _schema_check(op: Any, mode: Any, excluded: list[Any]) -> Any:
    from hypothesis import given

    @given(case=op.as_strategy(generation_mode=mode))
    @settings(max_examples=10, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    def check(case: Any) -> None:
        case.call_and_validate(headers={"Authorization": f"Bearer {TOKEN}"}, excluded_checks=excluded)

    return check


# -- the real command in a real browser ----------------------------------------------------------
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serving(db: Path, *args: str, log: Path) -> Iterator[str]:
    """``wiretrace serve`` in a subprocess on a free loopback port; yields its base URL."""
    port = _free_port()
    with log.open("wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "wiretrace.cli", "serve", "--db", str(db), "--port",
                                 str(port), *args], stdout=out, stderr=subprocess.STDOUT,
                                env=os.environ | {"WIRETRACE_TOKEN": TOKEN})
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    httpx.get(base + "/api/store", timeout=1)
                    break
                except httpx.TransportError:
                    if proc.poll() is not None or time.monotonic() > deadline:
                        raise AssertionError(log.read_text()) from None
                    time.sleep(0.1)
            yield base
        finally:
            proc.terminate()
            proc.wait(timeout=10)


@pytest.mark.slow
def test_serve_command_stories_to_pair_in_chromium(corpus_db: Path, launch_chromium: Any, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    with serving(corpus_db, log=tmp_path / "serve.log") as base, sync_playwright() as p:
        info = httpx.get(base + "/api/store").json()
        assert info["writes"] is True and info["compare"] == "auto"
        assert httpx.get(base + "/api/stories", headers={"host": "evil.example"}).status_code == 400
        story_id, parent, child = _farm_edge(httpx.get(base + "/api/stories").json())
        browser = launch_chromium(p)
        page = browser.new_page(viewport={"width": 1300, "height": 900})
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(base + "/")
        assert page.locator("li.story").count() == 8
        page.screenshot(path=str(tmp_path / "stories.png"))
        page.click(f'a.story-link[href="/stories/{story_id}"]')
        assert page.locator("ul.tree.root li.article").count() >= 5
        assert page.locator("ul.independent li.article").count() >= 1
        page.screenshot(path=str(tmp_path / "story.png"), full_page=True)
        farm = page.locator("li.article", has_text="lisbon-floods/farm.html").last  # the innermost match
        farm.locator("a.pair").first.click()
        assert page.url == f"{base}/pairs/{parent}/{child}"
        assert page.locator("#relation").inner_text() == "rewrite"
        assert page.locator("mark.t-name").count() >= 1 and page.locator("mark.t-opinion").count() >= 1
        assert page.locator("tr.row-dropped").count() >= 1 and page.locator("ul.evidence li").count() >= 1
        assert page.locator("mark.t-name").first.evaluate("e => getComputedStyle(e).backgroundColor") != \
            "rgba(0, 0, 0, 0)"  # the stylesheet loaded under the CSP
        page.screenshot(path=str(tmp_path / "pair.png"), full_page=True)
        # search from the top bar, then compare two pasted articles
        page.fill("nav input[name=q]", "Salgueiral")
        page.press("nav input[name=q]", "Enter")
        assert page.locator("li.hit").count() >= 2
        page.goto(base + "/compare")
        page.fill("textarea[name=a_text]", (FLOODS / "original.txt").read_text(encoding="utf-8"))
        page.fill("textarea[name=b_text]", (FLOODS / "edited.json").read_text(encoding="utf-8"))
        page.click("form.compare button[type=submit]")
        assert page.locator("#relation").inner_text() == "edited_copy"
        assert page.locator("table.sbs tr").count() > 5
        page.screenshot(path=str(tmp_path / "compare.png"), full_page=True)
        browser.close()
    assert errors == []  # no CSP violations or failed loads
    for name in ("stories", "story", "pair", "compare"):
        assert (tmp_path / f"{name}.png").stat().st_size > 10_000, name


@pytest.mark.slow
def test_hostile_article_renders_as_text_in_chromium(hostile_db: Path, launch_chromium: Any,
                                                       tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    with serving(hostile_db, "--lexical", log=tmp_path / "serve.log") as base, sync_playwright() as p:
        stories = httpx.get(base + "/api/stories").json()
        root = stories[0]["root"]
        copy = root["copies"][0]
        browser = launch_chromium(p)
        page = browser.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        for url in (f"/articles/{copy['id']}", f"/pairs/{root['id']}/{copy['id']}", "/sites",
                    f"/stories/{stories[0]['id']}"):
            page.goto(base + url)
            assert page.locator("script").count() == 0 and page.locator("main img").count() == 0, url
            assert page.locator("main b").count() == 0, url
        page.goto(base + f"/pairs/{root['id']}/{copy['id']}")
        assert "<script>alert('pwned')</script>" in page.inner_text("table.sbs")
        assert '<img src=x onerror="alert(1)">' in page.inner_text("table.sbs")
        page.goto(base + f"/articles/{copy['id']}")
        assert page.locator("h1").inner_text() == HOSTILE_TITLE
        page.screenshot(path=str(tmp_path / "hostile.png"), full_page=True)
        browser.close()
    assert dialogs == []


def test_an_undecided_copy_shows_in_its_story_as_such(tmp_path: Path) -> None:
    from wiretrace.records import Article
    from wiretrace.store import SQLiteStore, StoredRelation

    db = tmp_path / "u.db"
    store = SQLiteStore(db)
    a, b = (Article(id=i, text=f"{HOSTILE} ({i})", title=f"Outage {i}", site=f"{i}.example") for i in ("a1", "b1"))
    import numpy as np

    sig = np.zeros(4, dtype=np.uint32)
    store.add_batch([("x", "1", a, sig, []), ("x", "2", b, sig, [])], [])
    store.import_relations([StoredRelation("a1", "b1", "verbatim", 1.0, 1.0, None, 0.5, (), "test")], link_all=True)
    store.close()
    with TestClient(create_app(db, cfg=LEXICAL)) as c:
        stories = c.get("/api/stories").json()
        assert len(stories) == 1 and stories[0]["root"]["copies"][0]["direction"] == "unknown"
        page = c.get(f"/stories/{stories[0]['id']}").text
        assert "which came first is not known" in page


def test_a_store_whose_path_holds_uri_characters_is_watched_itself(tmp_path: Path, corpus_db: Path) -> None:
    """The server watches the store for commits through a read-only URI: a "#" or "?" in the path must not
    cut the name short (it opened an empty file "a" beside the folder and never saw a commit)."""
    from wiretrace.serve.data import StoreView

    folder = tmp_path / "a#b?c"
    folder.mkdir()
    db = folder / "w 1%20.db"
    shutil.copy(corpus_db, db)
    view = StoreView(db)
    before = view.snapshot().version
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a#b?c"]
    con = sqlite3.connect(db)
    con.execute("UPDATE articles SET title = title || ' (updated)' WHERE rowid = 1")
    con.commit()
    con.close()
    assert view.snapshot().version != before
