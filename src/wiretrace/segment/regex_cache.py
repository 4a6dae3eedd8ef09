"""pysbd without its regex compiler bill: pysbd builds a pattern per abbreviation and per text, through
the ``re`` module's functions, whose cache holds 512 patterns; on news that overflows, and Python compiled
35,167 patterns for 5,000 articles (47% of the index's time per article, issue #15). pysbd's modules are
pointed at a stand-in for ``re`` whose functions go through a larger cache of compiled patterns.
Sentences come out the same (checked on all 958 WMT22 documents by bench/eval_segmentation.py); pysbd
runs 1.4-1.9x faster.
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Iterator
from typing import Any

__all__ = ["install"]

#: Compiled patterns kept: bounded (pysbd's patterns are built from abbreviation lists; 958 WMT22
#: documents in six languages made 8,148).
CACHE_SIZE = 32_768


class _CachedRe:
    """``re`` with its module-level functions going through one bounded cache of compiled patterns."""

    def __init__(self) -> None:
        self._compile = functools.lru_cache(maxsize=CACHE_SIZE)(re.compile)

    def __getattr__(self, name: str) -> Any:
        return getattr(re, name)

    def compile(self, pattern: Any, flags: int = 0) -> re.Pattern[str]:
        return pattern if isinstance(pattern, re.Pattern) else self._compile(pattern, flags)

    def sub(self, pattern: Any, repl: Any, string: str, count: int = 0, flags: int = 0) -> str:
        return self.compile(pattern, flags).sub(repl, string, count)

    def subn(self, pattern: Any, repl: Any, string: str, count: int = 0, flags: int = 0) -> tuple[str, int]:
        return self.compile(pattern, flags).subn(repl, string, count)

    def search(self, pattern: Any, string: str, flags: int = 0) -> re.Match[str] | None:
        return self.compile(pattern, flags).search(string)

    def match(self, pattern: Any, string: str, flags: int = 0) -> re.Match[str] | None:
        return self.compile(pattern, flags).match(string)

    def fullmatch(self, pattern: Any, string: str, flags: int = 0) -> re.Match[str] | None:
        return self.compile(pattern, flags).fullmatch(string)

    def findall(self, pattern: Any, string: str, flags: int = 0) -> list[Any]:
        return self.compile(pattern, flags).findall(string)

    def finditer(self, pattern: Any, string: str, flags: int = 0) -> Iterator[re.Match[str]]:
        return self.compile(pattern, flags).finditer(string)

    def split(self, pattern: Any, string: str, maxsplit: int = 0, flags: int = 0) -> list[Any]:
        return self.compile(pattern, flags).split(string, maxsplit)


CACHED_RE = _CachedRe()


def install() -> list[Any]:
    """Point every loaded pysbd module's ``re`` at the cached stand-in (once; later calls do nothing);
    return the modules changed."""
    import pysbd.languages  # noqa: F401 - loads pysbd and every language's module

    mods = [m for name, m in list(sys.modules.items())
            if (name == "pysbd" or name.startswith("pysbd.")) and getattr(m, "re", None) is re]
    for m in mods:
        setattr(m, "re", CACHED_RE)  # noqa: B010 - a module attribute
    return mods
