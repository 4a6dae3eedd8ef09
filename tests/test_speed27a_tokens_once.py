"""Session 27 (issue #15): a text is tokenised once for every translationese model that scores it, distinct words
are looked up once, and a model's unread ``x:`` features are not computed; every value is the one the rules before
gave (pinned here against a copy of them), and a kept value never stands in for another text's.

Texts are made up for the test (our own wording), in English, French and German."""

from __future__ import annotations

import pytest

from test_speed26b_direction import _old_features as _features_before_26b
from wiretrace import relate, translationese
from wiretrace.segment import word_zipf

_EN = ("The harbour council said on Tuesday that the new ferry, which was built in 2019, will carry 300 passengers "
       "and 40 cars between the two islands. \u201cIt is a quick and quietly efficient boat,\u201d the director said "
       "that morning; the crossing takes 45 minutes \u2013 half the time of the old one. On the 15th the first "
       "voyage is planned, and the council's statement adds that fares will stay the same until the end of the "
       "year. Fishermen, however, fear the wake of the larger hull near the nets... The council has promised a "
       "survey of the harbour's entrance before the summer season begins, and a report on the noise as well.")
_FR = ("Le conseil du port a annonc\u00e9 mardi que le nouveau bac, construit en 2019, transportera 300 passagers "
       "et 40 voitures entre les deux \u00eeles. \u00ab C'est un bateau rapide et silencieux \u00bb, "
       "a d\u00e9clar\u00e9 le directeur ; la travers\u00e9e dure 45 minutes, soit la moiti\u00e9 du temps de "
       "l'ancien. Les p\u00eacheurs "
       "craignent pourtant le sillage de la coque pr\u00e8s des filets, et le conseil a promis une \u00e9tude de "
       "l'entr\u00e9e du port avant la saison d'\u00e9t\u00e9, ainsi qu'un rapport sur le bruit des moteurs.")
_DE = ("Der Hafenrat teilte am Dienstag mit, dass die neue F\u00e4hre, die 2019 gebaut wurde, 300 Fahrg\u00e4ste und "
       "40 Autos zwischen den beiden Inseln bef\u00f6rdern wird. \u201eEs ist ein schnelles und leises Boot\u201c, "
       "sagte der Direktor; die \u00dcberfahrt dauert 45 Minuten, halb so lange wie mit der alten. Die Fischer "
       "f\u00fcrchten jedoch die Welle des gr\u00f6\u00dferen Rumpfes nahe den Netzen, und der Rat hat eine "
       "Untersuchung der Hafeneinfahrt vor der Sommersaison versprochen, dazu einen Bericht \u00fcber den L\u00e4rm.")
TEXTS = [(_EN, "en"), (_EN.replace("ferry", "vessel").replace("quick", "swift"), "en"), (_FR, "fr"), (_DE, "de"),
         (_EN + "\n\n" + _EN.upper(), "en"), ("Too short to judge, said the council.", "en")]


# the rules before (one tokenisation a call; session 26's copy, whose tokens are pinned to today's there)
_old_features = _features_before_26b


def _old_linear(m: dict, text: str, language: str) -> float | None:
    x = _old_features(text, language, m["vocabulary"], m.get("function_words"))
    if x is None:
        return None
    z = m["intercept"]
    for feat, mu, sd, w in zip(m["features"], m["mean"], m["scale"], m["weights"], strict=True):
        z += w * (x.get(feat, 0.0) - mu) / sd
    return float(z)


@pytest.mark.parametrize("name", sorted(translationese.MODELS))
def test_features_and_scores_as_before(name: str) -> None:
    """Every model's features (items and their order) and log-odds are the old ones, bit for bit, for each text
    in turn and again after the others (a kept tokenisation is the text's own)."""
    spec = translationese.load(translationese.model_file(name))
    for _ in range(2):
        for text, lang in TEXTS:
            m = spec["languages"].get(lang)
            if m is None:
                continue
            old = _old_features(text, lang, m["vocabulary"], m.get("function_words"))
            new = translationese.features(text, lang, m["vocabulary"], m.get("function_words"))
            assert new == old and (new is None or list(new) == list(old))
            assert translationese._linear(m, text, lang) == _old_linear(m, text, lang)
            for d in spec.get("directions", {}).values():
                assert translationese._linear(d, text, lang) == _old_linear(d, text, lang)


def test_unread_extra_features_are_not_computed() -> None:
    """``extra`` names the ``x:`` features to compute; the others are left out, every other feature is the same."""
    full = translationese.features(_EN, "en", ["the"])
    assert full is not None and {"x:year", "x:ly", "x:said_that"} <= set(full)
    none = translationese.features(_EN, "en", ["the"], extra=())
    some = translationese.features(_EN, "en", ["the"], extra=["x:year"])
    assert none == {k: v for k, v in full.items() if not k.startswith("x:")}
    assert some == {k: v for k, v in full.items() if not k.startswith("x:") or k == "x:year"}


def test_kept_features_are_not_shared() -> None:
    """A caller that changes the dict it got changes nothing the next caller gets."""
    first = translationese.features(_EN, "en", ["the"])
    assert first is not None
    first["s:ttr"] = -1.0
    first["w:the"] = -1.0
    again = translationese.features(_EN, "en", ["the"])
    assert again == _old_features(_EN, "en", ["the"])


def test_each_text_its_own_features() -> None:
    """Two texts a word apart, scored in turn with more texts than are kept in between: each gets its own values."""
    a, b = _EN, _EN.replace("harbour", "island")
    fa, fb = translationese.features(a, "en", ["harbour"]), translationese.features(b, "en", ["harbour"])
    assert fa is not None and fb is not None and fa["w:harbour"] > fb["w:harbour"]
    for k in range(translationese._TEXT_CACHE + 2):
        translationese.features(_EN + f" And one more sentence, number {k}.", "en", ["harbour"])
    assert translationese.features(b, "en", ["harbour"]) == _old_features(b, "en", ["harbour"])
    assert translationese.features(a, "fr", ["harbour"]) == _old_features(a, "fr", ["harbour"])  # by language too


def _old_profile(text: str, language: str | None) -> tuple[float, float, float] | None:
    if not language or language in relate.UNSPACED_LANGUAGES:
        return None
    words = [w for w in relate._WORD.findall(text) if w.islower()]
    if len(words) < 30:
        return None
    zipfs = [word_zipf(w, language) for w in words[:relate._PROFILE_WORDS]]
    if any(z is None for z in zipfs):
        return None
    z = [float(x or 0.0) for x in zipfs]
    head = words[:relate._TTR_WORDS]
    return (100.0 * sum(1 for x in z if x == 0.0) / len(z), sum(z) / len(z), len(set(head)) / len(head))


def _old_leak(text: str, language: str, other: str) -> float | None:
    if language in relate.UNSPACED_LANGUAGES or other in relate.UNSPACED_LANGUAGES:
        return None
    words = relate._WORD.findall(text)[:relate._PROFILE_WORDS * 2]
    if not words:
        return None
    n = 0
    for w in words:
        if not w.islower():
            continue
        own, theirs = word_zipf(w, language), word_zipf(w, other)
        if own is None or theirs is None:
            return None
        n += own == 0.0 and theirs >= relate._LEAK_ZIPF
    return 1000.0 * n / len(words)


@pytest.mark.parametrize(("text", "lang"), TEXTS)
def test_profile_and_leak_as_before(text: str, lang: str) -> None:
    assert relate._profile.__wrapped__(text, lang) == _old_profile(text, lang)
    for other in ("en", "fr", "de", "ja", "xx"):
        if other != lang:
            assert relate._leak.__wrapped__(text, lang, other) == _old_leak(text, lang, other)
