"""Translationese: does a text read as translated, or as written in its own language? (issue #18)

Translations, human or machine, leave a signature in the target language that does not depend on what
the text is about: function words used more or less often than writers of the language use them, other
punctuation, longer or shorter sentences, a plainer vocabulary (Baroni & Bernardini 2006; Volansky,
Ordan & Wintner 2015). ``score(text, language)`` gives P(translated) from a small per-language logistic
model over such features; the weights, the word lists and a data card ship in
``models/translationese-v2.json`` (fitted by ``bench/eval_translationese.py`` on the dev split only; v2 is
v1's per-language models plus the length norms below, v3 and v4 add English features, ``_EXTRA``, v5 the
full function-word list and direction models (below), v6 is v5 without the direction models; older
files stay loadable, by name from ``MODELS`` or ``translationese-v1.json`` by path). ``DEFAULT_MODEL`` is the
one the default source model reads.

*Explicitation* (Blum-Kulka 1986): a translation says more than its original, so it runs longer than the
same content written in its language. ``length_norm(la, lb)`` is the expected log ratio of characters,
language ``lb`` over ``la``, for the same content with no direction: the midpoint of the two translation
directions' mean ratios on dev, so it exists only for language pairs that dev holds in both directions
(de-fr today). A translation's ratio lands above it, an original's below; a pair without a norm gives None.

A language with no model gives None: the model file holds a model only where both originals and
translations in that language were there to learn from, and nothing is guessed elsewhere.

*Direction-specific translationese* (translationese-v5, session 13): what a translation carries over
depends on the language it came from (English translated from Japanese dates events by the day alone and
spells out "said that"; from Russian it keeps other habits), and a general model of "translated English"
averages those habits over the source languages dev happens to hold. Where dev holds translations into
a language from one source language and originals in it, the file has a model of that *direction*
(``directions``, keyed "ja>en": English translated from Japanese against English originals). When the
other article of a pair is in the direction's source language, ``score(text, language, source=...)``
averages the two models' log-odds with the file's ``direction_blend`` weight (0.5: the plain mean) and
``direction_score`` gives the direction's model alone; elsewhere (no such direction) both fall back to
the general model, and to None where there is none.

Every feature is computed with whitespace collapsed (a paragraph break and a space count the same), so
how a text was laid out into paragraphs says nothing. Quote marks are one class whatever their shape
("", «», „“), so a house style of typography is no evidence either.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Collection
from functools import lru_cache
from itertools import chain
from pathlib import Path
from typing import Any

__all__ = ["DEFAULT_MODEL", "MIN_TOKENS", "MODELS", "MODEL_FILE", "direction_logit", "direction_score", "directions",
           "features", "languages", "length_norm", "load", "logit", "model_file", "score", "use_model",
           "zipf_values"]

#: The versions shipped, by name. A source model names the one it was fitted with (its file's
#: ``inputs``; files without one, source-v2 and source-v3, were fitted with translationese-v2), and
#: ``relate`` scores with that one, so an older source model keeps giving the verdicts it was tested on.
MODELS = {"translationese-v2": "translationese-v2.json", "translationese-v3": "translationese-v3.json",
          "translationese-v4": "translationese-v4.json", "translationese-v5": "translationese-v5.json",
          "translationese-v6": "translationese-v6.json"}
DEFAULT_MODEL = "translationese-v2"
MODEL_FILE = Path(__file__).parent / "models" / MODELS[DEFAULT_MODEL]
#: Texts shorter than this many word tokens are not judged (their frequencies are noise): None.
MIN_TOKENS = 40
#: Tokens per window of the moving type-token ratio (independent of the text's length).
TTR_WINDOW = 50

_SENT_END = re.compile(r"(?<=[.!?\u2026])\s+")
_WORDS = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")
_QUOTE = re.compile(r"[\"\u00ab\u00bb\u201c\u201d\u201e\u201f\u2039\u203a\u300c\u300d]|(?<![^\W_])['\u2018\u2019]"
                    r"|['\u2018\u2019](?![^\W_])")
_PUNCT = {
    "p:comma": re.compile(r"[,\u060c\uff0c]"),
    "p:colon": re.compile(r":"),
    "p:semicolon": re.compile(r";"),
    "p:question": re.compile(r"\?"),
    "p:exclaim": re.compile(r"!"),
    "p:paren": re.compile(r"[()\[\]]"),
    "p:dash": re.compile(r"[\u2013\u2014]|\s-\s"),
    "p:hyphen": re.compile(r"(?<=[^\W\d_])-(?=[^\W\d_])"),
    "p:ellipsis": re.compile(r"\u2026|\.\.\."),
    "p:percent": re.compile(r"%"),
}


_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December"
           "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec")
#: Language-specific features (per word token), added in v3 for English (session 11): conventions a
#: translation carries over from its original and word forms translators use more or less than writers
#: of the language. ``x:day_only`` is a day of the month with no month ("on the 15th": Japanese news
#: dates events by the day alone, 15日, and translations keep it; on dev it occurs in 0.31 of the
#: professional ja-en translations, 0.05 of the English originals); ``x:year`` years written out;
#: ``x:ly`` -ly adverbs and ``x:nominal`` nominalisations (-tion, -ment, -ness, -ity, -ance, -ence), two
#: of translationese's classic lexical markers. None of them names a topic. In translationese-v3's
#: English model (per sd) a day with no month and nominalisations point at a translation, -ly adverbs and
#: written-out years at an original. ``x:said_that`` (v4, session 12) is "said that": the optional
#: "that" after a reporting verb, which translations spell out more often than writers of English
#: (Olohan & Baker 2000; on dev 1.1-1.5 per 1,000 words in the ja-en and ru-en translations, 0.0-0.3 in the
#: English originals). A model file lists the features it uses, so translationese-v2 (which has none of
#: them) and v3 (which has not the fifth) score as they did.
_EXTRA: dict[str, dict[str, re.Pattern[str]]] = {
    "en": {
        "x:day_only": re.compile(
            r"\b(?:on|the|from|until|by)\s+(?:the\s+)?\d{1,2}(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?(?:" + _MONTHS
            + r"|century|anniversary|floor|place|time|year|day|birthday|round|grade|minute))"),
        "x:year": re.compile(r"\b(?:19|20)\d\d\b"),
        "x:ly": re.compile(r"\b\w{3,}ly\b"),
        "x:nominal": re.compile(r"\b\w+(?:tion|ment|ness|ity|ance|ence)s?\b"),
        "x:said_that": re.compile(r"\bsaid that\b"),
    },
}


#: Strings of which every match of a feature's pattern holds one: a text that holds none of them has no match, and
#: the pattern is not run (most texts have no quote, dash or hyphen; issue #15). Patterns not named here always run.
_CUES: dict[str, tuple[str, ...]] = {
    "p:dash": ("\u2013", "\u2014", "-"),
    "p:hyphen": ("-",),
    "p:ellipsis": ("\u2026", "..."),
    "p:quote": tuple("\"\u00ab\u00bb\u201c\u201d\u201e\u201f\u2039\u203a\u300c\u300d'\u2018\u2019"),
    "x:said_that": ("said that",),
}


def _count(pat: re.Pattern[str], text: str, cues: tuple[str, ...] | None) -> int:
    """Matches of ``pat`` in ``text`` (``len(pat.findall(text))``); 0 without running it where ``text`` holds
    none of ``cues``."""
    if cues is not None and not any(c in text for c in cues):
        return 0
    return len(pat.findall(text))


def _tokens(text: str, language: str) -> list[str]:
    """wordfreq's word tokens of ``text`` in ``language`` (those holding a letter), read a word at a time.

    wordfreq's tokenizer (a Unicode word-break regex, ~0.5 ms an English text; issue #15) never joins what a space
    separates: its normalisation, case folding and word breaks (TR29, graphemes) look across a space only at a
    character that clings to the one before it (a combining mark, a format character, a spacing mark) or that
    clings to the one after it (a prepended concatenation mark). So the tokens of a text are the tokens of its
    space-separated words one after another, and each distinct word is tokenised once (``_WORD_TOKENS``). A word
    with such a character at either end, and a language whose tokenizer reads more than words (MeCab, jieba) or
    transliterates, send the whole text to wordfreq as before. The words a text brings that are not remembered yet go
    to wordfreq together, in one call (``_learn``). The tokens are the same either way
    (``tests/test_speed28_word_tokens.py``)."""
    memo = _word_memo(language)
    if memo is None:
        return _tokens_whole(text, language)
    words = text.split(" ")
    try:  # every word known (most texts, once the memo is warm): the same list, joined in C (issue #15)
        return list(chain.from_iterable(map(memo.__getitem__, words)))
    except KeyError:
        pass
    new = [w for w in words if w not in memo]
    if new:
        new = list(dict.fromkeys(new))
        if not all(_splits_alone(w) for w in new):
            return _tokens_whole(text, language)
        if len(memo) + len(new) > _WORD_TOKENS_MAX:
            memo.clear()
            new = list(dict.fromkeys(words))
        _learn(memo, new, language)
    return [t for word in words for t in memo[word]]


#: A made-up word set between the new words of a text when they go to wordfreq together (``_learn``): each one is a
#: token of its own, so the tokens between two of them are one word's.
_MARK = "qzxwvq"


def _learn(memo: dict[str, tuple[str, ...]], new: list[str], language: str) -> None:
    """Put the tokens of each word of ``new`` (none of them in ``memo``; each ``_splits_alone``) into ``memo``, from
    one wordfreq call over the words with ``_MARK`` between them: a call a word costs ~15 us of fixed work, ~5x a
    word's share of a text (issue #15). Where the marks do not come back as exactly ``len(new) - 1`` tokens (a word
    made a token that reads as one), each word goes to wordfreq alone."""
    if len(new) > 1:
        toks = _tokens_whole(f" {_MARK} ".join(new), language)
        if toks.count(_MARK) == len(new) - 1:
            groups: list[list[str]] = [[]]
            for t in toks:
                if t == _MARK:
                    groups.append([])
                else:
                    groups[-1].append(t)
            for word, got in zip(new, groups, strict=True):
                memo[word] = tuple(got)
            return
    for word in new:
        memo[word] = tuple(_tokens_whole(word, language))


def _tokens_whole(text: str, language: str) -> list[str]:
    from wordfreq.tokens import tokenize

    # ``t.isalpha()`` first: most tokens are all letters, and for them the per-character test says the same
    return [t for t in tokenize(text, language) if t.isalpha() or any(c.isalpha() for c in t)]


#: Each language's words already tokenised (``_tokens``), up to ``_WORD_TOKENS_MAX`` a language (then started
#: afresh): the words of news repeat (the 300 commonest are half of an English text).
_WORD_TOKENS: dict[str, dict[str, tuple[str, ...]] | None] = {}
_WORD_TOKENS_MAX = 100_000
#: Characters that reach across a space (``_splits_alone``): at a word's end, those that cling to the character after
#: them (grapheme cluster Prepend: Arabic number signs, Malayalam dot reph, ...); at its start, the Lo spacing marks
#: (Thai and Lao sara am) that cling to the character before them. Categories M*, C*, Sk and Z* are refused by
#: category.
_PREPEND = frozenset("\u0600\u0601\u0602\u0603\u0604\u0605\u06dd\u070f\u0890\u0891\u08e2\u0d4e"
                     "\U000110bd\U000110cd\U000111c2\U000111c3\U0001193f\U00011941\U00011a3a\U00011a84"
                     "\U00011a85\U00011a86\U00011a87\U00011a88\U00011a89\U00011d46\U00011f02")
_SPACING_LO = frozenset("\u0e33\u0eb3")


def _word_memo(language: str) -> dict[str, tuple[str, ...]] | None:
    """The word-tokens memo of ``language``; None where wordfreq reads it with more than its regex tokenizer."""
    if language not in _WORD_TOKENS:
        try:
            import langcodes
            from wordfreq.language_info import get_language_info

            info = get_language_info(langcodes.get(language))
            plain = info["tokenizer"] == "regex" and info["transliteration"] is None
        except (LookupError, ValueError, ImportError):
            plain = False
        _WORD_TOKENS[language] = {} if plain else None
    return _WORD_TOKENS[language]


def _splits_alone(word: str) -> bool:
    """Whether ``word`` (no U+0020 in it) is tokenised alone as it is beside spaces: nothing at its ends clings
    across a space (``_tokens``). ASCII never does."""
    if not word or word.isascii():
        return True
    first, last = word[0], word[-1]
    if not first.isascii() and (unicodedata.category(first)[0] in "MCZ" or unicodedata.category(first) == "Sk"
                                or first in _SPACING_LO):
        return False
    return last.isascii() or not (unicodedata.category(last)[0] in "CZ" or last in _PREPEND)


def features(text: str, language: str, vocabulary: list[str], function_words: list[str] | None = None, *,
             extra: Collection[str] | None = None) -> dict[str, float] | None:
    """The named features of ``text`` in ``language``: ``w:<word>`` (square root of the word's share of
    the tokens, for each word of ``vocabulary``), ``p:<class>`` (punctuation per token) and a few shape
    features; None when the text holds fewer than ``MIN_TOKENS`` word tokens. ``s:function_share`` is the
    share of tokens among ``function_words`` (default: ``vocabulary``). ``extra``: which of the language's
    ``x:`` features (``_EXTRA``) to compute (None: all of them); a model that reads none of them (translationese-v2)
    does not run their patterns (issue #15: ~0.2 ms an English text)."""
    base = _text_features(text, language)
    if base is None:
        return None
    counts, n, shared, flat = base
    names, vocab = _word_names(tuple(vocabulary), None if function_words is None else tuple(function_words))
    out = {name: math.sqrt(counts.get(w, 0) / n) for name, w in zip(names, vocabulary, strict=True)}
    out["s:function_share"] = sum(counts[w] for w in counts if w in vocab) / n
    out.update(shared)
    for name, pat in _EXTRA.get(language, {}).items():
        if extra is None or name in extra:
            out[name] = _count(pat, flat, _CUES.get(name)) / n
    return out


@lru_cache(maxsize=64)
def _word_names(vocabulary: tuple[str, ...],
                function_words: tuple[str, ...] | None) -> tuple[list[str], frozenset[str]]:
    """A model's ``w:<word>`` feature names and the set of its function words (``features``), made once a model,
    not once a text (issue #15)."""
    return [f"w:{w}" for w in vocabulary], frozenset(vocabulary if function_words is None else function_words)


#: Texts whose model-independent features ``_text_features`` keeps: a text is scored by up to three models in a
#: row (a language's, a direction's, the direction's alone: ``logit``, ``direction_logit``), then not again (the
#: scores themselves are cached).
_TEXT_CACHE = 8


@lru_cache(maxsize=_TEXT_CACHE)
def _text_features(text: str, language: str) -> tuple[dict[str, int], int, dict[str, float], str] | None:
    """What ``features`` reads of ``text`` whatever the model: the tokens' counts (in the order first seen), their
    number, the punctuation and shape features (in ``features``' order) and the whitespace-collapsed text; None
    under ``MIN_TOKENS`` tokens. The text is tokenised once for all the models that score it (issue #15: wordfreq's
    tokenizer is ~0.45 ms an English text). The values are those computed one model at a time before: the same
    sums in the same order."""
    flat = " ".join(text.split())
    toks = _tokens(flat, language)
    n = len(toks)
    if n < MIN_TOKENS:
        return None
    counts = dict(Counter(toks))  # insertion order: first occurrence, as a counting loop gives
    out: dict[str, float] = {}
    for name, pat in _PUNCT.items():
        out[name] = _count(pat, flat, _CUES.get(name)) / n
    out["p:quote"] = _count(_QUOTE, flat, _CUES["p:quote"]) / n
    out["p:digits"] = len(re.findall(r"\d+", flat)) / n
    lengths = [len(_WORDS.findall(s)) for s in _SENT_END.split(flat)]
    lengths = [k for k in lengths if k] or [n]
    mean = sum(lengths) / len(lengths)
    out["s:sentence_len_log"] = math.log(mean)
    out["s:sentence_len_cv"] = math.sqrt(sum((k - mean) ** 2 for k in lengths) / len(lengths)) / mean
    out["s:word_len"] = sum(map(len, toks)) / n
    windows = [toks[k:k + TTR_WINDOW] for k in range(0, n - TTR_WINDOW + 1, TTR_WINDOW)] or [toks]
    out["s:ttr"] = sum(len(set(w)) / len(w) for w in windows) / len(windows)
    zipf = [z or 0.0 for z in zipf_values(toks, language)]  # remembered: the same common words in every text
    # min(z, 7.0) without a call per token: the same values, summed in the same order
    out["s:mean_zipf"] = sum(z if z <= 7.0 else 7.0 for z in zipf) / n
    out["s:rare_share"] = sum(1 for z in zipf if z < 3.0) / n
    return counts, n, out, flat


#: Each language's wordfreq Zipf values already read (``zipf_values``), up to ``_ZIPF_MAX`` words a language (then
#: started afresh).
_ZIPF: dict[str, dict[str, float | None]] = {}
_ZIPF_MAX = 200_000


def zipf_values(words: list[str], language: str) -> list[float | None]:
    """``[segment.word_zipf(w, language) for w in words]``, each word's value remembered per language in a plain dict:
    a text asks for a few hundred words, nearly all asked for before, and ``word_zipf``'s ``lru_cache`` (a key of
    two arguments) cost ~0.15 ms an English text, a dict read a tenth of that (issue #15). The same values:
    ``word_zipf`` is a pure function of the word and the language."""
    memo = _ZIPF.get(language)
    if memo is None:
        memo = _ZIPF[language] = {}
    try:
        return list(map(memo.__getitem__, words))
    except KeyError:
        pass
    from wiretrace.segment import word_zipf

    if len(memo) > _ZIPF_MAX:
        memo.clear()
    out: list[float | None] = []
    for w in words:
        if w in memo:
            out.append(memo[w])
        else:
            out.append(z := word_zipf(w, language))
            memo[w] = z
    return out


@lru_cache(maxsize=4)
def load(path: Path = MODEL_FILE) -> dict[str, Any]:
    """The model file's content (a dict with ``languages`` and ``card``)."""
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


_ACTIVE: list[dict[str, Any]] = []


def use_model(spec: dict[str, Any] | None) -> None:
    """Score with ``spec`` (a dict with ``languages``, as in the model file) instead of the shipped
    file; None goes back to the file. For evaluation only: the dev split scores each document with the
    model of the cross-validation fold that did not see it (``bench/eval_provenance.py``)."""
    _ACTIVE[:] = [spec] if spec is not None else []
    score.cache_clear()
    direction_score.cache_clear()


def model_file(name: str | None = None) -> Path:
    """The file of the shipped model called ``name`` (None: ``DEFAULT_MODEL``)."""
    name = name or DEFAULT_MODEL
    if name not in MODELS:
        raise ValueError(f"unknown translationese model {name!r}: one of {', '.join(sorted(MODELS))}")
    return MODEL_FILE.with_name(MODELS[name])


def _spec(name: str | None) -> dict[str, Any]:
    """The model in use: the evaluation's (``use_model``) if set, else the shipped one called ``name``."""
    return _ACTIVE[0] if _ACTIVE else load(model_file(name))


def languages(name: str | None = None) -> list[str]:
    """The languages the shipped model (``name``, default ``DEFAULT_MODEL``) can judge."""
    return sorted(load(model_file(name))["languages"])


def _linear(m: dict[str, Any], text: str, language: str) -> float | None:
    """Log-odds of one per-language model ``m`` (a ``languages`` or ``directions`` entry) for ``text``.

    ``s:function_share`` was fitted as the share of the full word list (``bench/eval_translationese.py``'s
    300 words) while files up to translationese-v4 keep only the ``vocabulary`` of the words they weigh
    (100 for English, none for German), so scoring read it off that shorter list: lower than in the fit,
    a shift of every English text towards "original" (about -0.8 log-odds on dev's ja-en references) and of
    every German one towards "translated". Those files are scored as they were (their source models were
    fitted on, and tested with, those scores); from v5 a model names the full list, ``function_words``."""
    x = features(text, language, m["vocabulary"], m.get("function_words"),
                 extra=[f for f in m["features"] if f.startswith("x:")])
    if x is None:
        return None
    z = m["intercept"]
    for feat, mu, sd, w in zip(m["features"], m["mean"], m["scale"], m["weights"], strict=True):
        z += w * (x.get(feat, 0.0) - mu) / sd
    return float(z)


def logit(text: str, language: str | None, model: dict[str, Any] | None = None,
          name: str | None = None, source: str | None = None) -> float | None:
    """Log-odds that ``text`` is a translation into ``language`` (by ``model``, else the shipped model
    called ``name``); None: no model for the language, or the text is too short to judge. With ``source``
    (the language it would have been translated from) and a model of that direction in the file, the
    general and the direction's log-odds averaged with weight ``direction_blend`` on the direction's."""
    if not language:
        return None
    spec = model or _spec(name)
    m = spec["languages"].get(language)
    if m is None:
        return None
    z = _linear(m, text, language)
    if z is None:
        return None
    d = spec.get("directions", {}).get(f"{source}>{language}") if source else None
    if d is not None:
        zd = _linear(d, text, language)
        if zd is not None:
            blend = float(spec.get("direction_blend", 0.5))
            z = (1.0 - blend) * z + blend * zd
    return z


def directions(name: str | None = None) -> list[str]:
    """The translation directions ("ja>en") the shipped model ``name`` has a model of (none before v5)."""
    return sorted(load(model_file(name)).get("directions", {}))


def direction_logit(text: str, language: str | None, source: str | None, model: dict[str, Any] | None = None,
                    name: str | None = None) -> float | None:
    """Log-odds that ``text`` is a translation into ``language`` **from** ``source``, by that direction's
    model alone; None where the file has no model of the direction or the text is too short."""
    if not language or not source:
        return None
    d = (model or _spec(name)).get("directions", {}).get(f"{source}>{language}")
    return None if d is None else _linear(d, text, language)


def length_norm(la: str | None, lb: str | None, name: str | None = None) -> float | None:
    """Expected log(characters in ``lb`` / characters in ``la``) of the same content, whichever way it was
    translated (the model file's ``length_norms``, keyed "la-lb" in alphabetical order); None where dev did
    not hold the pair in both directions, or for one language."""
    if not la or not lb or la == lb:
        return None
    norms = (_ACTIVE[0] if _ACTIVE and "length_norms" in _ACTIVE[0] else load(model_file(name))).get(
        "length_norms", {})
    if la < lb:
        c = norms.get(f"{la}-{lb}")
        return None if c is None else float(c)
    c = norms.get(f"{lb}-{la}")
    return None if c is None else -float(c)


def _sigmoid(z: float | None) -> float | None:
    return None if z is None else 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@lru_cache(maxsize=8192)
def score(text: str, language: str | None, name: str | None = None, source: str | None = None) -> float | None:
    """P(``text`` is a translation into ``language``) from the shipped model called ``name`` (default
    ``DEFAULT_MODEL``); None where there is no model for the language (zh, ja, ru, ... : see
    ``languages()``) or the text is under ``MIN_TOKENS``. ``source``: the language of the other article,
    the one ``text`` would be translated from; where the model has that direction (``directions()``) its
    model is blended in (``logit``)."""
    return _sigmoid(logit(text, language, name=name, source=source))


@lru_cache(maxsize=8192)
def direction_score(text: str, language: str | None, source: str | None, name: str | None = None) -> float | None:
    """P(``text`` is a translation into ``language`` from ``source``) by that direction's model alone; None
    where the model ``name`` has no such direction (``directions()``) or the text is under ``MIN_TOKENS``."""
    return _sigmoid(direction_logit(text, language, source, name=name))
