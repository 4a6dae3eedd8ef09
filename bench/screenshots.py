"""Screenshots of every page type of ``wiretrace serve`` and of ``wiretrace report``, at desktop (1280 px)
and phone (390 px) width, from the example corpus, into ``docs/screenshots/`` (linked from the README).

    .venv/bin/python bench/screenshots.py [--db STORE] [--out docs/screenshots]

Needs Debian's chromium (``make browser``) and the ``playwright`` package (dev extra); it never
downloads a browser. Without ``--db`` it indexes ``examples/corpus`` into a temporary store first.
"""

from __future__ import annotations

import argparse
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "examples" / "corpus"
WIDTHS = {"desktop": (1280, 800), "mobile": (390, 844)}
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
FARM = "lisbon-floods/farm.html"  # the content-farm copy the pair screenshots show


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", help="an indexed store (default: index examples/corpus into a temporary one)")
    ap.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(args.db) if args.db else _index(Path(tmp))
        from wiretrace.report.html import write_report

        report = write_report(str(db), Path(tmp) / "report")
        with _serving(db) as base:
            pages = _pages(base, report)
            _shoot(pages, out)
    for png in sorted(out.glob("*.png")):
        print(f"{png.relative_to(ROOT) if png.is_relative_to(ROOT) else png}  {png.stat().st_size // 1024} KB")
    return 0


def _index(tmp: Path) -> Path:
    from wiretrace.engines.local import IndexConfig, index

    db = tmp / "corpus.db"
    index([str(CORPUS)], db=str(db), cfg=IndexConfig(workers=2))
    return db


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def _serving(db: Path) -> Iterator[str]:
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "wiretrace.cli", "serve", "--db", str(db), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                httpx.get(base + "/api/store", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _farm(stories: list[dict[str, Any]]) -> tuple[int, str, str]:
    """(story id, parent id, child id) of the farm copy."""
    def walk(n: dict[str, Any], parent: str | None) -> Iterator[tuple[str | None, dict[str, Any]]]:
        yield parent, n
        for c in n["copies"]:
            yield from walk(c, n["id"])

    for s in stories:
        for parent, n in walk(s["root"], None):
            if parent and (n["path"] or "").endswith(FARM):
                return s["id"], parent, n["id"]
    raise SystemExit(f"{FARM} is in no provenance tree of this store")


def _pages(base: str, report: Path) -> dict[str, str]:
    """Page type -> URL, for one example of each."""
    stories = httpx.get(base + "/api/stories").json()
    story, parent, child = _farm(stories)
    site = httpx.get(f"{base}/api/articles/{child}").json()["site"]
    pair_page = next((report.parent / "pairs").glob(f"{parent}_{child}.html"))
    return {"stories": f"{base}/stories", "story": f"{base}/stories/{story}",
            "pair": f"{base}/pairs/{parent}/{child}", "sites": f"{base}/sites", "site": f"{base}/sites/{site}",
            "article": f"{base}/articles/{child}", "report": report.as_uri(), "report-pair": pair_page.as_uri()}


def _shoot(pages: dict[str, str], out: Path) -> None:
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        for width_name, (w, h) in WIDTHS.items():
            page = browser.new_page(viewport={"width": w, "height": h})
            for name, url in pages.items():
                page.goto(url)
                page.screenshot(path=str(out / f"{name}-{width_name}.png"))
            page.close()
        browser.close()


if __name__ == "__main__":
    raise SystemExit(main())
