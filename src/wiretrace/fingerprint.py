"""Fingerprint: MinHash signatures over normalised word shingles, and LSH band keys.

Hashes are stable across processes and machines (blake2b of the shingle, then multiply-shift
permutations in uint64), so signatures stored by one run are comparable with the next, and the Spark
engine can compute the same values.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np

from .records import Doc

__all__ = ["MinHashConfig", "MinHasher", "band_keys", "doc_tokens", "jaccard_estimate"]

_MASK32 = np.uint64(0xFFFFFFFF)


@dataclass(slots=True, frozen=True)
class MinHashConfig:
    """Signature and banding shape. 32 bands of 4 rows put the LSH threshold near Jaccard 0.42."""

    num_perm: int = 128
    bands: int = 32
    shingle_size: int = 5
    seed: int = 1

    @property
    def rows(self) -> int:
        return self.num_perm // self.bands

    def params(self) -> tuple[np.ndarray, np.ndarray]:
        rng = np.random.default_rng(self.seed)
        a = rng.integers(1, 2**63 - 1, size=self.num_perm, dtype=np.uint64) | np.uint64(1)
        b = rng.integers(0, 2**63 - 1, size=self.num_perm, dtype=np.uint64)
        return a, b


def doc_tokens(doc: Doc) -> list[str]:
    """The document's normalised tokens, across sentence ends (shingles may span two sentences)."""
    return [t for s in doc.sentences for t in s.tokens]


_GOLDEN = np.uint64(0x9E3779B97F4A7C15)


class MinHasher:
    """Batched MinHash for many documents: tokens are hashed once (blake2b, cached per instance),
    n-gram hashes are combined from token hashes with numpy, and one permutation pass serves a whole
    batch (``np.minimum.reduceat`` over document offsets)."""

    def __init__(self, cfg: MinHashConfig | None = None) -> None:
        self.cfg = cfg or MinHashConfig()
        self.a, self.b = self.cfg.params()
        self._tokens: dict[str, int] = {}

    def shingle_hashes(self, tokens: list[str]) -> np.ndarray:
        """Distinct 64-bit hashes of the word n-grams of ``tokens``."""
        cache = self._tokens
        th = np.fromiter((cache[t] if t in cache else cache.setdefault(
            t, int.from_bytes(hashlib.blake2b(t.encode("utf-8"), digest_size=8).digest(), "little"))
            for t in tokens), dtype=np.uint64, count=len(tokens))
        n = self.cfg.shingle_size
        if len(th) == 0:
            return th
        n = min(n, len(th))
        m = len(th) - n + 1
        h = np.zeros(m, dtype=np.uint64)
        with np.errstate(over="ignore"):
            for j in range(n):
                h = h * _GOLDEN + th[j:j + m]
            h ^= h >> np.uint64(31)
        return np.unique(h)

    def signatures(self, docs: list[np.ndarray]) -> np.ndarray:
        """(len(docs), num_perm) uint32 signatures of shingle-hash arrays."""
        out = np.full((len(docs), self.cfg.num_perm), 0xFFFFFFFF, dtype=np.uint32)
        nonempty = [i for i, d in enumerate(docs) if len(d)]
        if not nonempty:
            return out
        flat = np.concatenate([docs[i] for i in nonempty])
        starts = np.cumsum([0] + [len(docs[i]) for i in nonempty[:-1]])
        with np.errstate(over="ignore"):
            h = ((self.a[:, None] * flat[None, :] + self.b[:, None]) >> np.uint64(32)) & _MASK32
        out[nonempty] = np.minimum.reduceat(h, starts, axis=1).T.astype(np.uint32)
        return out


def band_keys(signature: np.ndarray, cfg: MinHashConfig) -> list[int]:
    """One 63-bit key per band: equal keys in a band make a candidate pair."""
    rows = cfg.rows
    out = []
    for band in range(cfg.bands):
        chunk = signature[band * rows:(band + 1) * rows].tobytes()
        out.append(int.from_bytes(hashlib.blake2b(chunk, digest_size=8).digest(), "little") >> 1)
    return out


def jaccard_estimate(s1: np.ndarray, s2: np.ndarray) -> float:
    return float(np.mean(s1 == s2))
