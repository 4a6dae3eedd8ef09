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
def lexical() -> Comparer:
    return Comparer(CompareConfig(embedder=None))
