"""Session 26 (issue #15): the shortcuts in the direction features give what the old rules gave.

Each shortcut is pinned against the rule it replaces, on made-up sentences (quotes, dashes, hyphens,
ellipses, agency names in and out of credits, digits, letters of several scripts)."""

from __future__ import annotations

import math
import re

import pytest

from wiretrace import relate, translationese
from wiretrace.records import Article
from wiretrace.segment import word_zipf

TEXTS = [
    "",
    "plain words only here and nothing else at all.",
    'He said "no" and left; she said that it was fine.',
    "The \u201cplan\u201d \u2013 a bold one \u2014 failed... Or did it\u2026",
    "A well-known man - not a hero - spoke.",
    "It's the club's 3rd win; don\u2019t \u2018quote\u2019 me.",
    "\u00abBonjour\u00bb, dit-il. \u2039oui\u203a \u300c\u65e5\u672c\u300d",
    "Numbers 1990 and 2024, 15% up, x-ray, -5 and 5-.",
    "Ellipses.... and .. and ...... and \u2026\u2026",
    "Single ' apostrophe and '' two and ' ' spaced.",
    "said thatch, unsaid that, said  that, Said that, said that.",
    "\u0627\u0644\u0639\u0631\u0628\u064a\u0629\u060c \u0646\u0635 \uff0c full-width, and a\u2013b dash.",
    "the 15th of May, on the 3rd, by the 21st century, from the 2nd floor.",
    "Quickly and nationally: the government's fairness, identity, and independence statements.",
]

#: The feature patterns and the cue table of ``translationese``
PATTERNS = {**translationese._PUNCT, "p:quote": translationese._QUOTE, **translationese._EXTRA["en"]}


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_count_is_findall(text: str, name: str) -> None:
    pat = PATTERNS[name]
    assert translationese._count(pat, text, translationese._CUES.get(name)) == len(pat.findall(text))


def test_cues_hold_every_match() -> None:
    """Every match of a pattern with cues holds one of them (so a text without any has no match)."""
    for name, cues in translationese._CUES.items():
        pat = PATTERNS[name]
        found = [m.group(0) for t in TEXTS for m in pat.finditer(t)]
        assert found, name  # the made-up texts reach every pattern
        assert all(any(c in m for c in cues) for m in found), name


@pytest.mark.parametrize("name", sorted(translationese._CUES))
def test_no_cue_no_match(name: str) -> None:
    """Texts stripped of a pattern's cues: the pattern finds nothing, and ``_count`` says 0 without it."""
    cues = translationese._CUES[name]
    for text in TEXTS:
        stripped = text
        for c in cues:
            stripped = stripped.replace(c, " ")
        assert not PATTERNS[name].findall(stripped)
        assert translationese._count(PATTERNS[name], stripped, cues) == 0


def _old_tokens(text: str, language: str) -> list[str]:
    from wordfreq.tokens import tokenize

    return [t for t in tokenize(text, language) if any(c.isalpha() for c in t)]


@pytest.mark.parametrize("language", ["en", "fr", "de", "es", "ru", "ar"])
def test_tokens_as_before(language: str) -> None:
    for text in [*TEXTS, "\u00bd 2\u00b2 \u2167 3rd x2 \u0661\u0662 \u0430\u0431\u0432 _ __a__ 12_34"]:
        assert translationese._tokens(text, language) == _old_tokens(text, language)


def _old_features(text: str, language: str, vocabulary: list[str],
                  function_words: list[str] | None = None) -> dict[str, float] | None:
    """``translationese.features`` as it was before session 26 (b): every pattern run, min() per token."""
    t = translationese
    flat = " ".join(text.split())
    toks = _old_tokens(flat, language)
    n = len(toks)
    if n < t.MIN_TOKENS:
        return None
    counts: dict[str, int] = {}
    for tok in toks:
        counts[tok] = counts.get(tok, 0) + 1
    out = {f"w:{w}": math.sqrt(counts.get(w, 0) / n) for w in vocabulary}
    vocab = set(vocabulary if function_words is None else function_words)
    out["s:function_share"] = sum(counts[w] for w in counts if w in vocab) / n
    for name, pat in t._PUNCT.items():
        out[name] = len(pat.findall(flat)) / n
    out["p:quote"] = len(t._QUOTE.findall(flat)) / n
    out["p:digits"] = len(re.findall(r"\d+", flat)) / n
    lengths = [len(t._WORDS.findall(s)) for s in t._SENT_END.split(flat)]
    lengths = [k for k in lengths if k] or [n]
    mean = sum(lengths) / len(lengths)
    out["s:sentence_len_log"] = math.log(mean)
    out["s:sentence_len_cv"] = math.sqrt(sum((k - mean) ** 2 for k in lengths) / len(lengths)) / mean
    out["s:word_len"] = sum(len(tok) for tok in toks) / n
    windows = [toks[k:k + t.TTR_WINDOW] for k in range(0, n - t.TTR_WINDOW + 1, t.TTR_WINDOW)] or [toks]
    out["s:ttr"] = sum(len(set(w)) / len(w) for w in windows) / len(windows)
    zipf = [word_zipf(tok, language) or 0.0 for tok in toks]
    out["s:mean_zipf"] = sum(min(z, 7.0) for z in zipf) / n
    out["s:rare_share"] = sum(1 for z in zipf if z < 3.0) / n
    for name, pat in t._EXTRA.get(language, {}).items():
        out[name] = len(pat.findall(flat)) / n
    return out


@pytest.mark.parametrize("k", range(len(TEXTS)))
def test_features_as_before(k: int) -> None:
    """The whole feature dict, bit for bit, on texts long enough to score (each made-up text, repeated and
    mixed with the others, so the cue-less and cue-holding paths both run)."""
    vocab = ["the", "and", "of", "a", "said", "that", "it"]
    text = " ".join([TEXTS[k]] * 12) + " " + " ".join(TEXTS[: k + 1])
    plain = " ".join(["the plain words of a text and the day it was said"] * 6)
    for doc in (text, plain, plain + " " + TEXTS[k]):
        for language in ("en", "fr"):
            new = translationese.features(doc, language, vocab)
            old = _old_features(doc, language, vocab)
            assert new == old
            if new is not None:
                assert list(new) == list(old or {})


def test_mean_zipf_clip_at_seven() -> None:
    """A word over Zipf 7 ("the" in English is ~7.7) counts 7.0 as min() gave."""
    assert (word_zipf("the", "en") or 0.0) > 7.0
    doc = " ".join(["the"] * 50)
    feats = translationese.features(doc, "en", [])
    assert feats is not None and feats["s:mean_zipf"] == 7.0


def _old_rewrite_credit(art: Article) -> str | None:
    for m in relate._PASSING_CREDIT.finditer(art.text):
        named = relate._AGENCY.search(m.group(0))
        if art.credit and named and relate._same_agency(named.group(0), art.credit):
            continue
        if art.credit and not named:
            continue
        return m.group(0)
    return None


CREDIT_TEXTS = [
    "The minister spoke on Monday. Nothing else happened.",
    "The minister told Reuters on Monday that talks would resume.",
    "Talks will resume, the minister told AFP.",
    "According to the news agency Xinhua, forty people were hurt.",
    "AFP reported that the talks failed. Reuters said otherwise.",
    "The APpeal was heard; an AFPx reported nothing; Reutersville said so.",
    "Segundo a Lusa, o ministro falou. Según EFE, el ministro habló.",
    "Laut dpa sagte der Minister nichts. Selon l'AFP, rien.",
    "An Associated Press reporter said the Agence France-Presse desk was closed.",
    "told  Reuters",
    "Kyodo news agency said the quake was strong; ANSA reports the same.",
]


@pytest.mark.parametrize("text", CREDIT_TEXTS)
@pytest.mark.parametrize("credit", [None, "", "AFP", "Reuters", "AFP/Reuters", "Xinhua"])
def test_rewrite_credit_as_before(text: str, credit: str | None) -> None:
    art = Article(id="x", text=text, credit=credit)
    assert relate._rewrite_credit(art) == _old_rewrite_credit(art)


def test_agency_cue_holds_every_passing_credit() -> None:
    """Every passing-credit match holds an agency's name, so a text the cue does not find has none."""
    found = [m.group(0) for t in CREDIT_TEXTS for m in relate._PASSING_CREDIT.finditer(t)]
    assert len(found) >= 8
    assert all(relate._AGENCY_CUE.search(m) for m in found)
    assert relate._rewrite_credit(Article(id="x", text=CREDIT_TEXTS[0])) is None
    assert relate._rewrite_credit(Article(id="x", text=CREDIT_TEXTS[1])) == "told Reuters"
