"""Fingerprint: MinHash signatures over normalised word shingles, LSH band keys and bucket pairs.

Everything is batched and vectorised, because at crawl scale this stage sees every article:

- tokens are hashed without a Python call per token: a batch's tokens are joined into one byte string
  and a polynomial hash of every token is read off prefix sums (numpy, mod 2^64), then mixed
  (splitmix64's finaliser);
- word n-gram hashes are combined from token hashes over the whole batch at once;
- the permutation pass is rensa's batched digest kernel (Rust; MinHash over our 64-bit shingle hashes
  with its own seeded permutations);
- band keys mix each band's rows with splitmix64, and :func:`lsh_pairs` groups a whole matrix of keys
  into candidate pairs with numpy, skipping hot buckets.

Values are stable across processes and machines for a given :meth:`MinHashConfig.fingerprint`
(the stores record it and refuse to mix), so the Spark engine computes the same signatures.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .records import Doc

__all__ = ["MinHashConfig", "MinHasher", "band_key_matrix", "band_keys", "doc_tokens", "jaccard_estimate",
           "lsh_pairs", "token_hashes"]

_U64 = np.uint64
_EMPTY = 0xFFFFFFFF  # the signature value of an empty document
_SEP = "\x00"  # cannot occur inside a token (tokens are runs of letters, digits and joiners)
_P = 0x100000001B3  # odd, so invertible mod 2^64
_P_INV = pow(_P, -1, 2**64)
_GOLDEN = _U64(0x9E3779B97F4A7C15)


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

    def fingerprint(self) -> str:
        """What the stored values depend on: the shape, the seed and the kernel's algorithm version."""
        from rensa import RMinHash

        return (f"tokpoly1-rensa{RMinHash.ALGORITHM_VERSION}-perm{self.num_perm}-bands{self.bands}"
                f"-n{self.shingle_size}-seed{self.seed}")


def doc_tokens(doc: Doc) -> list[str]:
    """The document's normalised tokens, across sentence ends (shingles may span two sentences)."""
    return [t for s in doc.sentences for t in s.tokens]


def _mix(x: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser, element-wise on uint64 (a bijection with good avalanche)."""
    with np.errstate(over="ignore"):
        x = (x ^ (x >> _U64(30))) * _U64(0xBF58476D1CE4E5B9)
        x = (x ^ (x >> _U64(27))) * _U64(0x94D049BB133111EB)
        out: np.ndarray = x ^ (x >> _U64(31))
        return out


class _Powers:
    """P^i and P^-i mod 2^64, grown on demand."""

    def __init__(self) -> None:
        self.fwd = np.ones(1, dtype=_U64)
        self.inv = np.ones(1, dtype=_U64)

    def upto(self, n: int) -> tuple[np.ndarray, np.ndarray]:
        if len(self.fwd) < n:
            size = max(n, 2 * len(self.fwd))
            fwd = np.full(size, _P, dtype=_U64)
            inv = np.full(size, _P_INV, dtype=_U64)
            fwd[0] = inv[0] = 1
            with np.errstate(over="ignore"):
                self.fwd = np.cumprod(fwd, dtype=_U64)
                self.inv = np.cumprod(inv, dtype=_U64)
        return self.fwd, self.inv


_POWERS = _Powers()


def token_hashes(tokens: Sequence[str]) -> np.ndarray:
    """A 64-bit hash of every token (equal tokens, equal hashes; any process, any machine)."""
    return _hash_joined(_SEP.join(tokens)) if tokens else np.zeros(0, dtype=_U64)


def _hash_joined(joined: str) -> np.ndarray:
    """Token hashes of non-empty tokens joined by the separator."""
    data = np.frombuffer(joined.encode("utf-8"), dtype=np.uint8)
    seps = np.flatnonzero(data == 0)
    starts = np.concatenate([np.zeros(1, dtype=np.int64), seps + 1])
    ends = np.concatenate([seps, np.array([len(data)], dtype=np.int64)])
    fwd, inv = _POWERS.upto(len(data) + 1)
    with np.errstate(over="ignore"):
        prefix = np.zeros(len(data) + 1, dtype=_U64)
        np.cumsum((data.astype(_U64) + _U64(1)) * fwd[:len(data)], dtype=_U64, out=prefix[1:])
        poly = (prefix[ends] - prefix[starts]) * inv[starts]
        hashed: np.ndarray = _mix(poly + (ends - starts).astype(_U64))
        return hashed


class MinHasher:
    """Batched MinHash for many documents (see the module docstring for how each step is vectorised)."""

    def __init__(self, cfg: MinHashConfig | None = None) -> None:
        from rensa import RMinHash

        self.cfg = cfg or MinHashConfig()
        self._digest = RMinHash.digest_matrix_from_flat_token_hashes

    def shingle_hashes(self, tokens: Sequence[str]) -> np.ndarray:
        """Distinct 64-bit hashes of the word n-grams of ``tokens`` (one shingle if shorter than n)."""
        flat, offsets = self._flat_shingles([tokens])
        return np.unique(flat[offsets[0]:offsets[1]])

    def signatures(self, docs: Sequence[np.ndarray]) -> np.ndarray:
        """(len(docs), num_perm) uint32 signatures of shingle-hash arrays."""
        if not docs:
            return np.zeros((0, self.cfg.num_perm), dtype=np.uint32)
        lengths = np.array([len(d) for d in docs], dtype=np.int64)
        offsets = np.concatenate([[0], np.cumsum(lengths)]).astype(_U64)
        flat = np.concatenate([np.asarray(d, dtype=_U64) for d in docs])
        return self._run(flat, offsets)

    def signatures_of_tokens(self, docs: Sequence[Sequence[str]], chunk: int = 256) -> np.ndarray:
        """Signatures straight from token lists, ``chunk`` documents at a time (the fast path; the
        chunk bounds the temporary arrays at a few hundred MB)."""
        if not docs:
            return np.zeros((0, self.cfg.num_perm), dtype=np.uint32)
        return np.vstack([self._run(*self._flat_shingles(docs[i:i + chunk])) for i in range(0, len(docs), chunk)])

    def _run(self, flat: np.ndarray, offsets: np.ndarray) -> np.ndarray:
        m = self._digest(np.ascontiguousarray(flat, dtype=_U64), np.ascontiguousarray(offsets, dtype=_U64),
                         self.cfg.num_perm, self.cfg.seed)
        out = np.array(m.to_rows(), dtype=np.uint32).reshape(len(offsets) - 1, self.cfg.num_perm)
        out[offsets[1:] == offsets[:-1]] = _EMPTY  # empty documents: the same value whatever the kernel gives
        return out

    def _flat_shingles(self, docs: Sequence[Sequence[str]]) -> tuple[np.ndarray, np.ndarray]:
        """Every document's n-gram hashes, concatenated, with row offsets (len(docs) + 1). A document
        shorter than n is one shingle of all its tokens; an empty one has none."""
        n = self.cfg.shingle_size
        lengths = np.array([len(d) for d in docs], dtype=np.int64)
        th = _hash_joined(_SEP.join(_SEP.join(d) for d in docs if d)) if lengths.any() else np.zeros(0, _U64)
        tok_start = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)
        counts = np.where(lengths >= n, lengths - n + 1, np.minimum(lengths, 1))
        out_off = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
        # rolling combination over the whole batch; the value after L steps is the L-gram hash
        padded = np.concatenate([th, np.zeros(n - 1, dtype=_U64)])
        h = np.zeros(len(th), dtype=_U64)
        shorter: dict[int, np.ndarray] = {}  # length L < n -> the L-gram hashes at each short doc's start
        with np.errstate(over="ignore"):
            for j in range(n):
                h = h * _GOLDEN + padded[j:j + len(th)]
                starts = tok_start[lengths == j + 1] if j + 1 < n else None
                if starts is not None and len(starts):
                    shorter[j + 1] = h[starts]
        out = np.empty(int(out_off[-1]), dtype=_U64)
        doc_of = np.repeat(np.arange(len(lengths)), counts)
        src = tok_start[doc_of] + (np.arange(len(out)) - out_off[doc_of])
        long_ = lengths[doc_of] >= n
        out[long_] = h[src[long_]]
        for length, values in shorter.items():
            out[out_off[:-1][lengths == length]] = values
        out ^= out >> _U64(31)
        return out, out_off.astype(_U64)


def band_key_matrix(signatures: np.ndarray, cfg: MinHashConfig) -> np.ndarray:
    """(n, bands) int64 keys, non-negative: equal keys in a band mean equal rows in that band."""
    sig = np.asarray(signatures, dtype=_U64).reshape(-1, cfg.bands, cfg.rows)
    keys = np.broadcast_to(_mix(np.arange(1, cfg.bands + 1, dtype=_U64)), sig.shape[:2]).copy()
    with np.errstate(over="ignore"):
        for r in range(0, cfg.rows, 2):
            word = sig[:, :, r] << _U64(32)
            if r + 1 < cfg.rows:
                word |= sig[:, :, r + 1]
            keys = _mix(keys ^ word) + _U64(r + 1)
    out: np.ndarray = (keys >> _U64(1)).astype(np.int64)
    return out


def band_keys(signature: np.ndarray, cfg: MinHashConfig) -> list[int]:
    """One key per band for one signature (see :func:`band_key_matrix`)."""
    return [int(k) for k in band_key_matrix(signature[None, :], cfg)[0]]


def lsh_pairs(keys: np.ndarray, max_bucket: int = 0) -> np.ndarray:
    """Candidate pairs (i < j, row indices) of documents sharing a key in any band, as an (m, 2) array.

    Buckets with more than ``max_bucket`` members are skipped when ``max_bucket`` > 0."""
    n = keys.shape[0]
    codes: list[np.ndarray] = []
    for band in range(keys.shape[1]):
        order = np.argsort(keys[:, band], kind="stable")
        col = keys[order, band]
        starts = np.flatnonzero(np.concatenate([[True], col[1:] != col[:-1]]))
        sizes = np.diff(np.concatenate([starts, [n]]))
        ok = (sizes > 1) & ((sizes <= max_bucket) if max_bucket > 0 else True)
        for size in np.unique(sizes[ok]):
            firsts = starts[ok & (sizes == size)]
            members = order[firsts[:, None] + np.arange(size)]  # (groups, size)
            iu, ju = np.triu_indices(int(size), 1)
            lo = np.minimum(members[:, iu], members[:, ju]).ravel().astype(_U64)
            hi = np.maximum(members[:, iu], members[:, ju]).ravel().astype(_U64)
            codes.append(lo * _U64(n) + hi)
    if not codes:
        return np.zeros((0, 2), dtype=np.int64)
    uniq = np.unique(np.concatenate(codes))
    return np.stack([uniq // _U64(n), uniq % _U64(n)], axis=1).astype(np.int64)


def jaccard_estimate(s1: np.ndarray, s2: np.ndarray) -> float:
    return float(np.mean(s1 == s2))
