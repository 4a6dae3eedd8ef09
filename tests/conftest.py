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
