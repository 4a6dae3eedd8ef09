"""wiretrace: where did this news story come from, and where did it go?

The public API: ``read_article`` (ingest), ``segment``, ``compare`` / ``Comparer``, ``index`` into a
store, ``build_stories`` / ``trace`` / ``site_table`` over it, and the records they return.
Heavy parts (models, trafilatura) load on first use, never at import.
"""

from __future__ import annotations

from .compare import CompareConfig, Comparer, compare
from .engines.local import IndexConfig, IndexReport, index
from .errors import ConfigError, InputError, MissingDependencyError, WiretraceError
from .ingest import IngestConfig, article_from_bytes, article_from_record, article_from_text, read_article
from .records import (
    AlignedPair,
    Alignment,
    Article,
    Comparison,
    DiffItem,
    Doc,
    Mention,
    Relation,
    Sentence,
)
from .segment import Segmenter, segment
from .store import SQLiteStore, open_store
from .stories import Story, build_stories, site_table, trace

__version__ = "0.1.0"

__all__ = [
    "AlignedPair",
    "Alignment",
    "Article",
    "CompareConfig",
    "Comparer",
    "Comparison",
    "ConfigError",
    "DiffItem",
    "Doc",
    "IndexConfig",
    "IndexReport",
    "IngestConfig",
    "InputError",
    "Mention",
    "MissingDependencyError",
    "Relation",
    "SQLiteStore",
    "Segmenter",
    "Sentence",
    "Story",
    "WiretraceError",
    "__version__",
    "article_from_bytes",
    "article_from_record",
    "article_from_text",
    "build_stories",
    "compare",
    "index",
    "open_store",
    "read_article",
    "segment",
    "site_table",
    "trace",
]
