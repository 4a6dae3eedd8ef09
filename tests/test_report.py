from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from wiretrace.compare import CompareConfig
from wiretrace.engines.local import IndexConfig, index
from wiretrace.report.html import write_report

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
HOSTILE = ("NAIROBI (AFP) – Officials said <script>alert('pwned')</script> the payments system "
           "<img src=x onerror=\"alert(1)\"> failed for nine hours on Tuesday, and 3,000 traders lost sales. "
           "The central bank said it would look into the outage and publish its findings next month.")


def _browser():  # type: ignore[no-untyped-def]
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("chromium is missing in CI: `make browser` installs it")
        pytest.skip("Debian chromium not installed (run `make browser`)")
    from playwright.sync_api import sync_playwright

    return sync_playwright()


def _launch(p):  # type: ignore[no-untyped-def]
    return p.chromium.launch(executable_path=CHROMIUM, args=[
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"])


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("hostile")
    (d / "src.txt").write_text("Outage\n2026-03-10 09:00 UTC\n\n" + HOSTILE, encoding="utf-8")
    (d / "copy.json").write_text(
        '{"url": "https://farm.example/x", "published": "2026-03-11", "text": ' + repr_json(HOSTILE) + "}",
        encoding="utf-8")
    db = d / "h.db"
    index([str(d)], db=str(db), cfg=IndexConfig(workers=1, compare=CompareConfig(embedder=None)))
    return write_report(str(db), d / "report", cfg=CompareConfig(embedder=None))


def repr_json(s: str) -> str:
    import json

    return json.dumps(s)


def test_article_html_is_escaped_in_files(hostile_report: Path) -> None:
    pages = [hostile_report, *(hostile_report.parent / "pairs").glob("*.html")]
    assert len(pages) == 2
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "<script>alert" not in html and "<img src=x" not in html
        assert "Content-Security-Policy" in html
    pair = pages[1].read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(" in pair and "&lt;img src=x onerror=" in pair


@pytest.mark.slow
def test_hostile_text_renders_as_text_in_browser(hostile_report: Path, tmp_path: Path) -> None:
    with _browser() as p:
        browser = _launch(p)
        page = browser.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto((hostile_report.parent / "pairs").glob("*.html").__next__().as_uri())
        assert page.locator("script").count() == 0 and page.locator("td img").count() == 0
        assert "<script>alert('pwned')</script>" in page.inner_text("table.sbs")
        assert dialogs == []
        browser.close()


@pytest.mark.slow
def test_report_in_headless_chromium(corpus_db: Path, tmp_path: Path) -> None:
    index_html = write_report(str(corpus_db), tmp_path / "report")
    with _browser() as p:
        browser = _launch(p)
        page = browser.new_page(viewport={"width": 1300, "height": 900})
        page.goto(index_html.as_uri())
        assert page.locator("li.story").count() == 8
        assert page.locator("ul.independent li.article").count() == 16  # independent.txt + local-report.txt
        assert page.locator("table.sites tr").count() > 10
        page.screenshot(path=str(tmp_path / "index.png"))
        farm = page.locator("li.article", has_text="lisbon-floods/farm.html").last  # the innermost match
        farm.locator("a.pair").first.click()
        assert page.locator("#relation").inner_text() == "rewrite"
        assert page.locator("mark.t-name").count() >= 1 and page.locator("mark.t-opinion").count() >= 1
        assert page.locator("tr.row-dropped").count() >= 1
        page.screenshot(path=str(tmp_path / "pair.png"), full_page=True)
        browser.close()
    assert (tmp_path / "index.png").stat().st_size > 10_000 and (tmp_path / "pair.png").stat().st_size > 10_000
