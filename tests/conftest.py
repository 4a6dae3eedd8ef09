from __future__ import annotations

from pathlib import Path

import pytest

from wiretrace.compare import CompareConfig, Comparer

FIXTURES = Path(__file__).parent / "fixtures"
CORPUS = Path(__file__).parent.parent / "examples" / "corpus"


@pytest.fixture(scope="session")
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def comparer() -> Comparer:
    """One comparer with the default (packaged, offline) embedder for the whole session."""
    return Comparer(CompareConfig())


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example corpus indexed once (default embedder, 2 workers) for the whole session."""
    from wiretrace.engines.local import IndexConfig, index

    db = tmp_path_factory.mktemp("idx") / "w.db"
    index([str(CORPUS)], db=str(db), cfg=IndexConfig(workers=2))
    return db


@pytest.fixture(scope="session")
def lexical() -> Comparer:
    return Comparer(CompareConfig(embedder=None))


@pytest.fixture(scope="session")
def launch_chromium():  # type: ignore[no-untyped-def]
    """``launch(playwright)`` -> Debian's chromium, headless (Playwright never downloads a browser here).
    Skips when chromium is missing, except in CI where `make browser` must have installed it."""
    import os
    import shutil

    path = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        if os.environ.get("CI"):
            pytest.fail("chromium is missing in CI: `make browser` installs it")
        pytest.skip("Debian chromium not installed (run `make browser`)")

    def launch(p):  # type: ignore[no-untyped-def]
        return p.chromium.launch(executable_path=path, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"])

    return launch


def write_warc(path: Path, pages: list[tuple[str, bytes, str]]) -> None:
    """Write (url, body, content type) pages as a gzipped WARC of HTTP responses (warcio)."""
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        w = WARCWriter(fh, gzip=True)
        for url, body, ctype in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))


@pytest.fixture(scope="session")
def axe_script() -> Path:
    """The path of axe-core (pinned in package-lock.json, installed by `make axe` into node_modules/),
    which accessibility tests inject into pages. Skips when it is missing, except in CI."""
    import os

    path = Path(__file__).parent.parent / "node_modules" / "axe-core" / "axe.min.js"
    if not path.is_file():
        if os.environ.get("CI"):
            pytest.fail("axe-core is missing in CI: `make axe` installs it (npm ci)")
        pytest.skip("axe-core not installed in node_modules/ (run `make axe`, which needs npm)")
    return path
