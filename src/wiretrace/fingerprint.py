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

__all__ = ["MinHashConfig", "band_keys", "doc_shingles", "jaccard_estimate", "minhash"]

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


def doc_shingles(doc: Doc, n: int) -> list[str]:
    """Word n-grams of the whole document (normalised tokens, across sentence ends)."""
    toks = [t for s in doc.sentences for t in s.tokens]
    if len(toks) < n:
        return [" ".join(toks)] if toks else []
    return [" ".join(toks[i:i + n]) for i in range(len(toks) - n + 1)]


def _hash64(items: list[str]) -> np.ndarray:
    return np.fromiter(
        (int.from_bytes(hashlib.blake2b(s.encode("utf-8"), digest_size=8).digest(), "little") for s in set(items)),
        dtype=np.uint64,
    )


def minhash(shingles: list[str], cfg: MinHashConfig, params: tuple[np.ndarray, np.ndarray] | None = None) -> np.ndarray:
    """MinHash signature (uint32, ``cfg.num_perm`` values) of a set of shingles."""
    a, b = params if params is not None else cfg.params()
    if not shingles:
        return np.full(cfg.num_perm, 0xFFFFFFFF, dtype=np.uint32)
    x = _hash64(shingles)
    with np.errstate(over="ignore"):
        h = (a[:, None] * x[None, :] + b[:, None]) >> np.uint64(32)
    sig: np.ndarray = (h & _MASK32).min(axis=1).astype(np.uint32)
    return sig


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
