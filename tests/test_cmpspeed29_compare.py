"""The compare stage's per-pair work done once per word, document or model (issue #15, helper cmpspeed29): each
faster form gives exactly what the plain form gives."""

from __future__ import annotations

import importlib
import math
from collections import Counter

import numpy as np
import pytest

from wiretrace.records import AlignedPair, Article, Doc, Sentence
from wiretrace.segment import Segmenter, word_zipf

al = importlib.import_module("wiretrace.align")
rl = importlib.import_module("wiretrace.relate")
tr = importlib.import_module("wiretrace.translationese")

_SEG = Segmenter()

# Made-up sentences only.
_A = ("VARNHOLM (WNA) \u2019 The Varnholm harbour bridge reopened on Tuesday after 14 months of repairs costing "
      "\u20ac212 million, the city council said. Mayor Ilse Brandt called it \u201ca day for the whole city\u201d. "
      "Traffic was light in the morning, as the ferry company said it would keep two boats on the route. "
      "Police said 3,400 cars crossed by noon. The council\u2019s inter\u00adnational partners sent no one.")
_B = ("VARNHOLM (WNA) - The Varnholm harbour bridge reopened on Tuesday after 14 months of repairs costing "
      "\u20ac212 million, the city council said. Mayor Ilse Brandt called it \"a day for the whole city\". "
      "Traffic was heavy in the evening, and the ferry company said it would keep one boat on the route. "
      "Police said 3,400 cars crossed by noon, the Varnholm Courier reported. The council's international "
      "partners sent no one.")


def _doc(aid: str, text: str, credit: str | None = None) -> Doc:
    return _SEG.segment(Article(id=aid, text=text, language="en", credit=credit))


def test_zipf_values_are_word_zipf_values_remembered(monkeypatch: pytest.MonkeyPatch) -> None:
    words = ["the", "harbour", "Varnholm", "qzxwvqk", "the", "bridge", "", "caf\u00e9"]
    for language in ("en", "de", "xx-unknown"):
        tr._ZIPF.pop(language, None)
        assert tr.zipf_values(words, language) == [word_zipf(w, language) for w in words]
        # the second time nothing is asked of word_zipf: every value is remembered
        calls = Counter[str]()
        segment = importlib.import_module("wiretrace.segment")
        plain = segment.word_zipf
        monkeypatch.setattr(segment, "word_zipf",
                            lambda w, lang, plain=plain, calls=calls: calls.update([w]) or plain(w, lang))
        assert tr.zipf_values(words, language) == [word_zipf(w, language) for w in words]
        assert not calls
        monkeypatch.undo()
    assert tr.zipf_values([], "en") == []


def test_zipf_memo_starts_afresh_when_full(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tr, "_ZIPF_MAX", 3)
    tr._ZIPF.pop("en", None)
    assert tr.zipf_values(["one", "two", "three", "four"], "en") == [word_zipf(w, "en") for w in
                                                                       ("one", "two", "three", "four")]
    assert tr.zipf_values(["five"], "en") == [word_zipf("five", "en")]
    assert len(tr._ZIPF["en"]) == 1  # cleared before the new word went in


def _plain_text_features(text: str, language: str) -> tuple[dict[str, int], int, dict[str, float], str] | None:
    """``_text_features`` as session 28 wrote it (wordfreq's tokens of the whole text, ``word_zipf`` a token)."""
    flat = " ".join(text.split())
    toks = tr._tokens_whole(flat, language)
    n = len(toks)
    if n < tr.MIN_TOKENS:
        return None
    counts = dict(Counter(toks))
    out: dict[str, float] = {}
    for name, pat in tr._PUNCT.items():
        out[name] = len(pat.findall(flat)) / n
    out["p:quote"] = len(tr._QUOTE.findall(flat)) / n
    out["p:digits"] = len(tr.re.findall(r"\d+", flat)) / n
    lengths = [len(tr._WORDS.findall(s)) for s in tr._SENT_END.split(flat)]
    lengths = [k for k in lengths if k] or [n]
    mean = sum(lengths) / len(lengths)
    out["s:sentence_len_log"] = math.log(mean)
    out["s:sentence_len_cv"] = math.sqrt(sum((k - mean) ** 2 for k in lengths) / len(lengths)) / mean
    out["s:word_len"] = sum(len(t) for t in toks) / n
    windows = [toks[k:k + tr.TTR_WINDOW] for k in range(0, n - tr.TTR_WINDOW + 1, tr.TTR_WINDOW)] or [toks]
    out["s:ttr"] = sum(len(set(w)) / len(w) for w in windows) / len(windows)
    zipf = [word_zipf(t, language) or 0.0 for t in toks]
    out["s:mean_zipf"] = sum(min(z, 7.0) for z in zipf) / n
    out["s:rare_share"] = sum(1 for z in zipf if z < 3.0) / n
    return counts, n, out, flat


def _plain_features(text: str, language: str, vocabulary: list[str],
                    function_words: list[str] | None, extra: list[str]) -> dict[str, float] | None:
    base = _plain_text_features(text, language)
    if base is None:
        return None
    counts, n, shared, flat = base
    out = {f"w:{w}": math.sqrt(counts.get(w, 0) / n) for w in vocabulary}
    vocab = set(vocabulary if function_words is None else function_words)
    out["s:function_share"] = sum(counts[w] for w in counts if w in vocab) / n
    out.update(shared)
    for name, pat in tr._EXTRA.get(language, {}).items():
        if name in extra:
            out[name] = len(pat.findall(flat)) / n
    return out


@pytest.mark.parametrize("language", ["en", "fr", "de"])
def test_features_and_scores_as_the_plain_form(language: str) -> None:
    texts = [_A + " " + _B, (_B + " ") * 2, _A.replace(".", ". Yes,") + " " + _B]
    for name in ("translationese-v2", "translationese-v5", "translationese-v6"):
        spec = tr.load(tr.model_file(name))
        m = spec["languages"].get(language)
        if m is None:
            continue
        for text in texts:
            extra = [f for f in m["features"] if f.startswith("x:")]
            for _ in range(2):  # the memos empty, then full
                got = tr.features(text, language, m["vocabulary"], m.get("function_words"), extra=extra)
                want = _plain_features(text, language, m["vocabulary"], m.get("function_words"), extra)
                assert got is not None and want is not None
                assert list(got) == list(want)
                assert all(got[k].hex() == want[k].hex() for k in want)
                tr._text_features.cache_clear()
            assert want is not None
            z = tr._linear(m, text, language)
            plain = m["intercept"]
            for feat, mu, sd, w in zip(m["features"], m["mean"], m["scale"], m["weights"], strict=True):
                plain += w * (want.get(feat, 0.0) - mu) / sd
            assert z == plain


def test_word_names_made_once_a_model() -> None:
    vocab = ["the", "of", "said"]
    names, words = tr._word_names(tuple(vocab), None)
    assert names == ["w:the", "w:of", "w:said"] and words == frozenset(vocab)
    assert tr._word_names(tuple(vocab), None)[0] is names
    assert tr._word_names(tuple(vocab), ("and",))[1] == frozenset({"and"})


def test_tokens_every_word_known_is_the_whole_texts_tokens() -> None:
    text = " ".join((_A + " " + _B).split())
    first = tr._tokens(text, "en")  # learns the words
    again = tr._tokens(text, "en")  # every word known: the quick path
    assert first == again == tr._tokens_whole(text, "en")


def _plain_profile(text: str, language: str) -> tuple[float, float, float] | None:
    words = [w for w in rl._WORD.findall(text) if w.islower()]
    if len(words) < 30:
        return None
    zipfs = [word_zipf(w, language) for w in words[:rl._PROFILE_WORDS]]
    if any(z is None for z in zipfs):
        return None
    z = [float(x or 0.0) for x in zipfs]
    head = words[:rl._TTR_WORDS]
    return (100.0 * sum(1 for x in z if x == 0.0) / len(z), sum(z) / len(z), len(set(head)) / len(head))


def test_profile_as_the_plain_form() -> None:
    for text in (_A + " " + _B, _A, (_A + " ") * 30):
        rl._profile.cache_clear()
        assert rl._profile(text, "en") == _plain_profile(text, "en")
    rl._profile.cache_clear()
    assert rl._profile(_A + " " + _B, "xx-unknown") == _plain_profile(_A + " " + _B, "xx-unknown")


def _plain_coverage(doc: Doc, spans: list[tuple[int, int]]) -> float:
    total = sum(s.end - s.start for s in doc.sentences)
    if not total or not spans:
        return 0.0
    covered = 0
    for s in doc.sentences:
        for start, end in spans:
            lo, hi = max(s.start, start), min(s.end, end)
            if hi > lo:
                covered += hi - lo
    return min(1.0, covered / total)


def test_coverage_reads_the_kept_layout_as_the_plain_sum() -> None:
    a = _doc("a", _A)
    rng = np.random.default_rng(29)
    end = a.sentences[-1].end
    for _ in range(200):
        spans: list[tuple[int, int]] = []
        for _ in range(int(rng.integers(0, 5))):
            lo, hi = sorted(int(x) for x in rng.integers(-5, end + 5, size=2))
            spans.append((lo, hi))
        assert rl.coverage(a, spans) == _plain_coverage(a, spans)
    # sentences out of order (not a segmented Doc): the plain sum, kept as such
    s = a.sentences
    shuffled = Doc(article=a.article, sentences=(s[2], s[0], s[1]))
    assert rl._sentence_layout(shuffled)[1] is None
    cases: list[list[tuple[int, int]]] = [[(0, 40)], [(s[1].start, s[2].end)], [(0, end)], []]
    for spans in cases:
        assert rl.coverage(shuffled, spans) == _plain_coverage(shuffled, spans)
    empty = Doc(article=Article(id="e", text="", language="en"), sentences=())
    assert rl.coverage(empty, [(0, 3)]) == 0.0
    one = Doc(article=Article(id="z", text="ab", language="en"),
              sentences=(Sentence(index=0, text="", start=1, end=1, tokens=()),))
    assert rl.coverage(one, [(0, 2)]) == 0.0


def test_folded_words_kept_per_document() -> None:
    a, b = _doc("a", _A), _doc("b", _B)
    for d in (a, b):
        for _ in range(2):
            for i, s in enumerate(d.sentences):
                plain = tuple(w.casefold() for w in rl.SEGMENT_WORD.findall(s.text.translate(rl._TYPOGRAPHY)))
                assert rl._folded_words(d, i) == plain
                assert rl._folded_words_of(d, i) == plain
    slots = rl._folded_slots(a)
    assert len(slots) == len(a.sentences) and all(x is not None for x in slots)
    # the first sentences differ only in typography (a curly apostrophe, curly quotes, a soft hyphen)
    same = AlignedPair(a_sents=(0,), b_sents=(0,), a_span=(a.sentences[0].start, a.sentences[0].end),
                       b_span=(b.sentences[0].start, b.sentences[0].end), kind="edited", score=0.9)
    assert rl._same_but_typography(a, b, same) == (_words(a, (0,)) == _words(b, (0,)))
    last = AlignedPair(a_sents=(len(a.sentences) - 1,), b_sents=(len(b.sentences) - 1,),
                       a_span=(a.sentences[-1].start, a.sentences[-1].end),
                       b_span=(b.sentences[-1].start, b.sentences[-1].end), kind="edited", score=0.9)
    # "council\u2019s inter\u00adnational" reads as "council's international"
    assert rl._same_but_typography(a, b, last)
    other = AlignedPair(a_sents=(2,), b_sents=(2,), a_span=(a.sentences[2].start, a.sentences[2].end),
                        b_span=(b.sentences[2].start, b.sentences[2].end), kind="edited", score=0.5)
    assert not rl._same_but_typography(a, b, other)


def _words(d: Doc, sents: tuple[int, ...]) -> list[str]:
    return [w.casefold() for i in sents for w in rl.SEGMENT_WORD.findall(d.sentences[i].text.translate(rl._TYPOGRAPHY))]


def test_rewrite_credit_kept_per_text_and_credit() -> None:
    text = "The port reopened on Monday, Reuters reported. Officials told AFP the cranes were repaired."
    for credit in (None, "Reuters", "AFP", "AP"):
        art = Article(id="x", text=text, language="en", credit=credit)
        want = rl._rewrite_credit_in.__wrapped__(text, credit)
        assert rl._rewrite_credit(art) == want == rl._rewrite_credit(art)
    assert rl._rewrite_credit(Article(id="y", text="No agency here.", language="en")) is None
    assert rl._rewrite_credit(Article(id="r", text=text, language="en", credit="Reuters")) == "told AFP"


def test_aligned_pairs_from_lists_as_from_arrays() -> None:
    a, b = _doc("a", _A), _doc("b", _B)
    ia, ib = al._shingle_index(a, 2), al._shingle_index(b, 2)
    inter = al._intersect(ia, ib)
    cfg = al.AlignConfig()
    for a_idx, b_idx in (((0,), (0,)), ((1,), (1,)), ((2, 3), (2,)), ((3,), (3, 4)), ((2,), (2,))):
        got = al._pair(a, b, a_idx=a_idx, b_idx=b_idx, inter=inter.tolist(), size_a=ia.sizes.tolist(),
                       size_b=ib.sizes.tolist(), sim=None, cross=False, cfg=cfg)
        # the plain form: numpy scalars read a cell at a time
        group_a = float(sum(ia.sizes[i] for i in a_idx))
        group_b = float(sum(ib.sizes[j] for j in b_idx))
        shared = min(float(sum(inter[i, j] for i in a_idx for j in b_idx)), group_a, group_b)
        lex = 2.0 * shared / (group_a + group_b) if group_a + group_b else 0.0
        ta = tuple(t for i in a_idx for t in a.sentences[i].tokens)
        tb = tuple(t for j in b_idx for t in b.sentences[j].tokens)
        if ta == tb:
            assert (got.kind, got.score) == ("exact", 1.0)
        elif lex >= cfg.lexical_min:
            assert got.kind == "edited" and got.score == lex and type(got.score) is float
        else:
            assert got.kind == "paraphrase" and got.score == 0.0
    alignment = al.align(a, b)
    assert alignment.pairs and all(type(p.score) is float for p in alignment.pairs)
