"""The translationese model (issue #18): loads, says None where it has no model, and its direction
feature is antisymmetric. Texts here are written for the test, not taken from any data set."""

from __future__ import annotations

import dataclasses

import pytest

from test_relate import BODY as RELATE_BODY
from wiretrace import article_from_text
from wiretrace.compare import Comparer
from wiretrace.records import AlignedPair, Alignment, Doc
from wiretrace.relate import direction_features
from wiretrace.translationese import (
    MIN_TOKENS,
    MODEL_FILE,
    direction_logit,
    direction_score,
    directions,
    features,
    languages,
    length_norm,
    load,
    logit,
    model_file,
    score,
)

BODY = RELATE_BODY[:4]  # the shipyard story of test_relate
# The same news told again in plainer, longer sentences (our own wording).
REWORDED = [
    "On Tuesday the engineers of the shipyard of Varnholt have completed the hull of the vessel of research "
    "Kestrel Dawn, and this was three months before the schedule which had been agreed with the authority "
    "of the port.",
    "According to the director of the yard, Ingrid Solvik, who spoke at a ceremony where about 300 workers "
    "were present, the ship will carry 24 scientists and also a crew of 18 people for voyages of survey in "
    "the fjords of the north.",
    "It is planned that the work on the engines and on the laboratories will start in the next month and "
    "that it will take the most part of the winter, because it is necessary that the cranes of the deck are "
    "fitted before the first snow, she said.",
]


def test_model_loads_with_its_card() -> None:
    spec = load()  # the default model: the one the default source model reads
    assert spec["name"] == "translationese" and spec["version"] == "v2"
    assert set(languages()) == {"de", "en", "fr"}
    card = spec["card"]
    assert set(card["test"]) == set(languages()) and set(card["dev_cv"]) == set(languages())
    assert {"ja", "ru", "zh"} <= set(card["no_model"])
    for m in spec["languages"].values():
        assert len(m["features"]) == len(m["weights"]) == len(m["mean"]) == len(m["scale"])


def test_no_model_no_guess() -> None:
    text = " ".join(BODY)
    assert score(text, "zh") is None and score(text, "ja") is None and score(text, "ru") is None
    assert score(text, "xx") is None and score(text, None) is None
    assert score("A short note of a few words only.", "en") is None  # under MIN_TOKENS
    assert len(text.split()) > MIN_TOKENS


def test_score_is_a_probability_and_ignores_layout() -> None:
    p = score("\n\n".join(BODY), "en")
    assert p is not None and 0.0 < p < 1.0
    assert score(" ".join(BODY), "en") == pytest.approx(p)
    z = logit("\n\n".join(BODY), "en")
    assert z is not None and (z > 0) == (p > 0.5)


def test_direction_feature_is_antisymmetric(lexical: Comparer) -> None:
    a = lexical.doc(article_from_text("\n\n".join(BODY), name="orig"))
    b = lexical.doc(article_from_text("\n\n".join(REWORDED), name="rewrite"))
    ab, ba = lexical._relate(a, b)[0], lexical._relate(b, a)[0]
    fab, _ = direction_features(a, b, ab, 0.8, 0.9, reworded=1.0)
    fba, _ = direction_features(b, a, ba, 0.9, 0.8, reworded=1.0)
    pa, pb = score(a.article.text, "en"), score(b.article.text, "en")
    assert pa is not None and pb is not None
    assert pb > pa  # the plainer, calqued retelling reads more as a translation (0.98 against 0.79 in v1)
    assert fab["src_translationese"] == pytest.approx(pb - pa)
    assert fba["src_translationese"] == pytest.approx(-fab["src_translationese"])
    # A side whose language has no model counts 0.5 (undecided), in either order
    c = lexical.doc(dataclasses.replace(b.article, language="zh"))
    fac, _ = direction_features(a, c, ab, 0.8, 0.9, reworded=1.0)
    fca, _ = direction_features(c, a, ba, 0.9, 0.8, reworded=1.0)
    assert fac["src_translationese"] == pytest.approx(0.5 - pa)
    assert fca["src_translationese"] == pytest.approx(-fac["src_translationese"])
    # Neither side judged: no feature at all
    d = lexical.doc(dataclasses.replace(a.article, language="ja"))
    fdc, _ = direction_features(d, c, ab, 0.8, 0.9, reworded=1.0)
    assert "src_translationese" not in fdc


def test_v1_stays_loadable_with_the_same_language_models() -> None:
    v1 = load(MODEL_FILE.with_name("translationese-v1.json"))
    assert v1["version"] == "v1" and "length_norms" not in v1
    assert v1["languages"] == load(model_file("translationese-v2"))["languages"]  # v2 = v1's models + the length norms


def test_length_norm_is_antisymmetric_and_only_where_dev_had_both_directions() -> None:
    c = length_norm("de", "fr")
    assert c is not None and abs(c) < 0.1  # same content, about as long in German and French
    assert length_norm("fr", "de") == pytest.approx(-c)
    assert length_norm("en", "zh") is None and length_norm("ru", "en") is None  # one direction in dev only
    assert length_norm("de", "de") is None and length_norm(None, "fr") is None


def test_length_feature_points_at_the_shorter_side(lexical: Comparer) -> None:
    """Explicitation: the side longer than the language pair's norm reads as the translation."""
    a = lexical.doc(dataclasses.replace(article_from_text("\n\n".join(BODY), name="de"), language="de"))
    b = lexical.doc(dataclasses.replace(article_from_text("\n\n".join(REWORDED), name="fr"), language="fr"))
    ab, ba = _one_to_one(a, b), _one_to_one(b, a)  # as a translation's alignment: sentence i with i
    fab, details = direction_features(a, b, ab, 0.9, 0.9)
    fba, _ = direction_features(b, a, ba, 0.9, 0.9)
    assert fab["src_length_x"] > 0 and fab["src_length_x"] == pytest.approx(-fba["src_length_x"], abs=1e-9)
    assert float(details["length_b"]) > 1.0
    c = lexical.doc(dataclasses.replace(b.article, language="ja"))
    fac, _ = direction_features(a, c, ab, 0.9, 0.9)
    assert "src_length_x" not in fac  # no norm for de-ja: dev never held the pair


def _one_to_one(a: Doc, b: Doc) -> Alignment:
    return Alignment(tuple(AlignedPair((i,), (i,), (sa.start, sa.end), (sb.start, sb.end), "translated", 0.9)
                           for i, (sa, sb) in enumerate(zip(a.sentences, b.sentences, strict=False))), True)


# A report dated the way Japanese news dates it (the day of the month alone) and the same report dated the
# English way (our own wording).
DAYS = ("The prefectural government said on the 15th that the new bridge over the river would open to traffic "
        "on the 28th, after inspections that began on the 3rd found no problems with the structure. Officials "
        "said that the work had been finished earlier than planned and that the cost had stayed within the "
        "budget which the assembly approved last year.")
MONTHS = DAYS.replace("on the 15th", "on March 15").replace("on the 28th", "on March 28").replace(
    "on the 3rd", "on March 3")


def test_a_day_with_no_month_is_read_in_english_only() -> None:
    fd, fm = features(DAYS, "en", []), features(MONTHS, "en", [])
    assert fd is not None and fm is not None
    assert fd["x:day_only"] > 0.04 and fm["x:day_only"] == 0.0
    assert fd["x:nominal"] > 0 and "x:ly" in fd and "x:year" in fd
    fr = features("Le gouvernement a dit le 15 que le pont ouvrira le 28, après des inspections. " * 5, "fr", [])
    assert fr is not None and not any(k.startswith("x:") for k in fr)


def test_v3_reads_the_day_only_date_as_a_translation_and_v2_does_not() -> None:
    v2, v3 = load(model_file("translationese-v2")), load(model_file("translationese-v3"))
    assert v3["version"] == "v3"
    en = dict(zip(v3["languages"]["en"]["features"], v3["languages"]["en"]["weights"], strict=True))
    assert en["x:day_only"] > 0 and {"x:year", "x:ly", "x:nominal"} <= set(en)
    assert not any(f.startswith("x:") for f in v2["languages"]["en"]["features"])
    assert v3["languages"]["de"] == v2["languages"]["de"] and v3["languages"]["fr"] == v2["languages"]["fr"]
    assert v3["length_norms"] == v2["length_norms"]
    d2, m2 = logit(DAYS, "en", name="translationese-v2"), logit(MONTHS, "en", name="translationese-v2")
    d3, m3 = logit(DAYS, "en", name="translationese-v3"), logit(MONTHS, "en", name="translationese-v3")
    assert None not in (d2, m2, d3, m3)
    # The month's three extra words move v2 a little; v3 also reads the dates, and moves further.
    assert d3 - m3 > d2 - m2 + 0.3  # type: ignore[operator]
    ps = score(DAYS, "en", "translationese-v3"), score(DAYS, "en", "translationese-v2")
    assert ps[0] is not None and ps[1] is not None and ps[0] != ps[1]


def test_v4_reads_said_that_as_a_translation_and_v3_does_not() -> None:
    v3, v4 = load(model_file("translationese-v3")), load(model_file("translationese-v4"))
    assert v4["version"] == "v4"
    en = dict(zip(v4["languages"]["en"]["features"], v4["languages"]["en"]["weights"], strict=True))
    assert en["x:said_that"] > 0 and {"x:day_only", "x:year", "x:ly", "x:nominal"} <= set(en)
    assert "x:said_that" not in v3["languages"]["en"]["features"]
    assert v4["languages"]["de"] == v3["languages"]["de"] and v4["languages"]["fr"] == v3["languages"]["fr"]
    assert v4["length_norms"] == v3["length_norms"]
    plain = MONTHS.replace("Officials said that the work", "Officials said the work")  # the optional "that" left out
    assert plain != MONTHS
    fs, fp = features(MONTHS, "en", []), features(plain, "en", [])
    assert fs is not None and fp is not None and fs["x:said_that"] > 0 and fp["x:said_that"] == 0.0
    l3 = [logit(t, "en", name="translationese-v3") for t in (MONTHS, plain)]
    l4 = [logit(t, "en", name="translationese-v4") for t in (MONTHS, plain)]
    assert None not in l3 and None not in l4
    # v3 reads the one extra word as a word only; v4 also reads "said that", and moves further.
    assert l4[0] - l4[1] > l3[0] - l3[1] + 0.1  # type: ignore[operator]


def test_unknown_translationese_model_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown translationese model"):
        model_file("translationese-v9")


def test_direction_features_score_with_the_named_translationese_model(lexical: Comparer) -> None:
    a = lexical.doc(article_from_text("\n\n".join(BODY), name="orig"))
    b = lexical.doc(article_from_text(DAYS + "\n\n" + " ".join(REWORDED), name="translation"))
    ab = lexical._relate(a, b)[0]
    f2, d2 = direction_features(a, b, ab, 0.8, 0.9, translationese="translationese-v2")
    f3, d3 = direction_features(a, b, ab, 0.8, 0.9, translationese="translationese-v3")
    p2 = score(b.article.text, "en", "translationese-v2"), score(a.article.text, "en", "translationese-v2")
    p3 = score(b.article.text, "en", "translationese-v3"), score(a.article.text, "en", "translationese-v3")
    assert None not in p2 and None not in p3
    assert f2["src_translationese"] == pytest.approx(p2[0] - p2[1])  # type: ignore[operator]
    assert f3["src_translationese"] == pytest.approx(p3[0] - p3[1])  # type: ignore[operator]
    assert f2["src_translationese"] != pytest.approx(f3["src_translationese"])
    assert (d2["translationese"], d3["translationese"]) == ("translationese-v2", "translationese-v3")


def test_v5_reads_the_function_word_share_off_the_list_it_was_fitted_on() -> None:
    v4, v5 = load(model_file("translationese-v4")), load(model_file("translationese-v5"))
    assert v5["version"] == "v5"
    for lang in ("de", "en", "fr"):
        m4, m5 = v4["languages"][lang], v5["languages"][lang]
        # the same fit (refitted by the same code), now naming the full list s:function_share was fitted on
        assert m5["weights"] == pytest.approx(m4["weights"]) and m5["vocabulary"] == m4["vocabulary"]
        assert "function_words" not in m4 and len(m5["function_words"]) > len(m5["vocabulary"])
        assert m5["function_words"][:len(m5["vocabulary"])] == m5["vocabulary"]
    text = " ".join(BODY)
    short, full = features(text, "en", v5["languages"]["en"]["vocabulary"]), features(
        text, "en", v5["languages"]["en"]["vocabulary"], v5["languages"]["en"]["function_words"])
    assert short is not None and full is not None
    assert full["s:function_share"] > short["s:function_share"]  # more of the tokens are among 300 words
    assert {k: v for k, v in full.items() if k != "s:function_share"} == {
        k: v for k, v in short.items() if k != "s:function_share"}
    # English weighs the share towards "translated", so v4's shorter list read every English text as more original
    z4, z5 = logit(text, "en", name="translationese-v4"), logit(text, "en", name="translationese-v5")
    assert z4 is not None and z5 is not None and z5 > z4


def test_direction_models_blend_in_only_for_the_direction_dev_held() -> None:
    assert directions("translationese-v5") == ["ja>en", "pt>en", "ru>en"]
    assert directions("translationese-v4") == [] and directions("translationese-v2") == []
    v5 = load(model_file("translationese-v5"))
    assert v5["direction_blend"] == 0.5 and set(v5["card"]["directions"]["fitted"]) >= {"ja>en", "de>fr", "fr>de"}
    text = "\n\n".join(BODY)
    general = logit(text, "en", name="translationese-v5")
    alone = direction_logit(text, "en", "ja", name="translationese-v5")
    assert general is not None and alone is not None and alone != pytest.approx(general)
    assert logit(text, "en", name="translationese-v5", source="ja") == pytest.approx((general + alone) / 2)
    # no model of the direction: the general model, and no direction score
    assert score(text, "en", "translationese-v5", "zh") == score(text, "en", "translationese-v5")
    assert direction_score(text, "en", "zh", "translationese-v5") is None
    assert direction_score(text, "fr", "de", "translationese-v5") is None  # de>fr is the general fr model
    assert direction_score(text, "en", None, "translationese-v5") is None
    # older files have no directions: the source language changes nothing there
    assert score(text, "en", "translationese-v4", "ja") == score(text, "en", "translationese-v4")
    p = direction_score(text, "en", "ja", "translationese-v5")
    assert p is not None and 0.0 < p < 1.0


def test_direction_features_read_each_text_as_translated_from_the_other_language(lexical: Comparer) -> None:
    a = lexical.doc(article_from_text("\n\n".join(BODY), name="orig"))
    b = lexical.doc(article_from_text("\n\n".join(REWORDED), name="rewrite"))
    ja = lexical.doc(dataclasses.replace(a.article, language="ja"))  # no Japanese model: that side is 0.5
    ab = lexical._relate(a, b)[0]
    f5, _ = direction_features(ja, b, ab, 0.9, 0.9, reworded=1.0, translationese="translationese-v5")
    f5r, _ = direction_features(b, ja, ab, 0.9, 0.9, reworded=1.0, translationese="translationese-v5")
    pb = score(b.article.text, "en", "translationese-v5", "ja")
    qb = direction_score(b.article.text, "en", "ja", "translationese-v5")
    assert pb is not None and qb is not None
    assert f5["src_translationese"] == pytest.approx(pb - 0.5)
    assert f5["src_translationese_pair"] == pytest.approx(qb - 0.5)
    assert f5r["src_translationese"] == pytest.approx(-f5["src_translationese"])
    assert f5r["src_translationese_pair"] == pytest.approx(-f5["src_translationese_pair"])
    # translationese-v4 has no directions: no pair feature, the general score
    f4, _ = direction_features(ja, b, ab, 0.9, 0.9, reworded=1.0, translationese="translationese-v4")
    assert "src_translationese_pair" not in f4
    p4 = score(b.article.text, "en", "translationese-v4")
    assert p4 is not None and f4["src_translationese"] == pytest.approx(p4 - 0.5)
    # within one language no direction is read
    fe, _ = direction_features(a, b, ab, 0.9, 0.9, reworded=1.0, translationese="translationese-v5")
    assert "src_translationese_pair" not in fe


def _bench(name: str) -> object:
    """A module of bench/ (the evaluation scripts), imported as the bench tests do."""
    import importlib
    import sys
    from pathlib import Path

    bench = str(Path(__file__).resolve().parent.parent / "bench")
    if bench not in sys.path:
        sys.path.insert(0, bench)
    return importlib.import_module(name)


def test_rescore_reads_a_stored_blended_feature_back_as_relate_computed_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """eval_provenance.rescore_translationese from a store whose model has directions (translationese-v5):
    the stored src_translationese was the blended score (the other text's language as the source), so its
    reworded factor must be read back with the same blend; read back with the general model alone it came out
    as the ratio of the two scores, and the rescored feature was wrong on every ja-en / ru-en / en-pt pair."""
    from types import SimpleNamespace

    ep = _bench("eval_provenance")
    en = SimpleNamespace(text="\n\n".join(REWORDED * 2), language="en")
    ja = SimpleNamespace(text="造船所は火曜日に研究船の船体を完成させた。", language="ja")
    pb = score(en.text, "en", "translationese-v5", "ja")
    pg = score(en.text, "en", "translationese-v5")
    assert pb is not None and pg is not None and abs(pb - pg) > 0.01  # the blend moves this text
    stored = 0.5 - pb  # relate's feature, a = English, b = Japanese (no model: 0.5), reworded 1
    items = {"p": SimpleNamespace(a=en, b=ja)}
    monkeypatch.setattr(ep, "_testbed_sides", lambda split: (items, lambda side: side))
    rec = {"id": "p", "doc": "d", "features": {"src_translationese": stored}}
    out = ep.rescore_translationese([rec], "test", "translationese-v5", "translationese-v5")
    assert out[0]["features"]["src_translationese"] == pytest.approx(stored)
    # the same store rescored by a model without directions reads the English side alone
    out4 = ep.rescore_translationese([rec], "test", "translationese-v4", "translationese-v5")
    p4 = score(en.text, "en", "translationese-v4")
    assert p4 is not None and out4[0]["features"]["src_translationese"] == pytest.approx(0.5 - p4)


def test_nested_fold_models_choose_every_hyperparameter_without_the_fold(monkeypatch: pytest.MonkeyPatch) -> None:
    """eval_translationese.nested_fold_models: the vocabulary size and L2 of each fold's model (general and
    direction) are chosen by a CV that never sees the fold's documents; each dev text gets out-of-fold log-odds
    by every model of its language (the prior check reads them). Synthetic features, no data set."""
    import numpy as np

    et = _bench("eval_translationese")
    rng = np.random.default_rng(0)
    texts, rows = [], []
    for i in range(150):
        kind, pair, translated = (("orig", "en-zh", 0), ("ref", "ja-en", 1), ("ref", "ru-en", 1))[i % 3]
        texts.append(et.Text("en", translated, kind, f"doc{i}", pair, "dev", ""))
        rows.append(rng.normal(size=4) + (translated * np.array([1.0, 0.0, 0.5, 0.0])
                                          + (pair == "ja-en") * np.array([0.0, 1.5, 0.0, 0.0])))
    names = ["s:one", "s:two", "w:the", "w:of"]
    monkeypatch.setattr(et, "vocabulary", lambda lang, n=300: ["the", "of"])
    monkeypatch.setattr(et, "matrix", lambda ts, vocab: ({"en": names}, texts, {"en": np.array(rows)}))
    seen: list[set[int]] = []
    real_cv = et.cross_validate

    def cv(x: object, y: object, docs: list[str], names: list[str], grid_k: tuple[int, ...] = et.VOCAB_GRID) -> object:
        seen.append(set(et.folds(docs).tolist()))
        return real_cv(x, y, docs, names, grid_k)

    monkeypatch.setattr(et, "cross_validate", cv)
    res = et.nested_fold_models(texts)
    # general en, ja>en and ru>en: five folds each, each chosen without its own fold's documents
    assert sorted(res["chosen"]) == ["en", "ja>en", "ru>en"]
    assert len(seen) == 15
    for i, folds_seen in enumerate(seen):
        assert folds_seen == set(range(et.FOLDS)) - {i % et.FOLDS}
    assert all(set(m["directions"]) == {"ja>en", "ru>en"} and "en" in m["languages"] for m in res["models"])
    assert len(res["oof"]) == 150 and all(set(z) == {"en", "ja>en", "ru>en"} for z in res["oof"].values())
    check = et.prior_check(res["oof"])
    assert check["ja>en"]["orig"]["texts"] == 50 and check["ja>en"]["ja-en ref"]["texts"] == 50


def test_v6_is_v5_without_its_direction_models() -> None:
    """translationese-v6 (session 15): v5's general models, word lists and norms, and no direction model, so the
    other article's language changes nothing; v5 still blends its directions in."""
    v5, v6 = load(model_file("translationese-v5")), load(model_file("translationese-v6"))
    assert v6["languages"] == v5["languages"] and v6["length_norms"] == v5["length_norms"]
    assert directions("translationese-v6") == [] and "direction_blend" not in v6
    text = "\n\n".join(REWORDED * 2)
    assert score(text, "en", "translationese-v6", "ja") == score(text, "en", "translationese-v6") \
        == score(text, "en", "translationese-v5")
    assert score(text, "en", "translationese-v5", "ja") != pytest.approx(score(text, "en", "translationese-v6"))
    assert direction_score(text, "en", "ja", "translationese-v6") is None
    assert length_norm("de", "fr", "translationese-v6") == length_norm("de", "fr", "translationese-v5")
    et = _bench("eval_translationese")
    assert et.without_directions(v5)["languages"] == v6["languages"]  # what --without-directions writes


def test_fold_models_of_an_older_model_are_rebuilt_from_its_file_and_dev_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    """eval_translationese --fold-models (rebuild_fold_models / refit_shipped): the shipped file keeps k and the
    feature list but not L2; the grouped CV over the file's features (a feature it lacks, like v2's missing x:
    features, left out) recovers k and L2, accepted only where the loss is the card's; refitted on all of dev it
    gives the file's weights back, and each "tr:" fold model is fitted without its fold's documents and, like the
    file, names no function_words (so it is scored the file's way). Synthetic features, no data set."""
    import numpy as np

    et = _bench("eval_translationese")
    rng = np.random.default_rng(1)
    n = 160
    texts = [et.Text("en", i % 2, ("orig", "ref")[i % 2], f"doc{i // 2}", "xx-en", "dev", "") for i in range(n)]
    y = np.array([t.translated for t in texts], dtype=float)
    words = [f"w:{w}" for w in ("the", "of", "and", "to", "a", "in")]
    names = [*words, "s:function_share", "p:comma", "x:new"]  # x:new: a feature the old file did not have
    x = rng.normal(size=(n, len(names))) + y[:, None] * np.array([0.8, 0.0, 0.4, 0.0, 0.0, 0.0, 0.6, 0.3, 2.0])
    vocab = [w[2:] for w in words]
    monkeypatch.setattr(et, "VOCAB_GRID", (0, 2, 4))
    # the "shipped" file: made as the old --write made it, without x:new
    old = [i for i, nm in enumerate(names) if nm != "x:new"]
    cv = et.cross_validate(x[:, old], y, [t.doc for t in texts], [names[i] for i in old], (0, 2, 4))
    k, l2 = cv["best"]["k"], cv["best"]["l2"]
    cols = et.columns([names[i] for i in old], k)
    mu, sd, beta = et.train(x[:, old][:, cols], y, l2)
    shipped = {"vocabulary": vocab[:k], "features": [names[old[i]] for i in cols], "mean": list(mu),
               "scale": list(sd), "intercept": float(beta[0]), "weights": list(beta[1:])}
    assert "x:new" not in shipped["features"]
    monkeypatch.setattr(et, "vocabulary", lambda lang, n=300: vocab)
    spec = {"languages": {"en": shipped}, "card": {"dev_cv": {"en": {"log_loss": cv["best"]["loss"]}}}}
    res = et.rebuild_fold_models(texts, "translationese-v2", spec, ({"en": names}, texts, {"en": x}))
    row = res["chosen"]["en"]
    assert (row["k"], row["l2"], row["problems"]) == (k, l2, [])
    assert row["refit_max_abs_diff"] < 1e-12
    assert res["salt"] == "tr:" and len(res["models"]) == et.FOLDS
    fold = et.folds([t.doc for t in texts])
    for f, m in enumerate(res["models"]):
        fm = m["languages"]["en"]
        assert "function_words" not in fm and fm["features"] == shipped["features"]
        want = et.train(x[fold != f][:, old][:, cols], y[fold != f], l2)
        assert np.allclose(fm["weights"], want[2][1:], atol=1e-12)
    # a card whose loss the CV does not reproduce is not taken for the same model
    spec["card"]["dev_cv"]["en"]["log_loss"] += 1e-6
    bad = et.rebuild_fold_models(texts, "translationese-v2", spec, ({"en": names}, texts, {"en": x}))
    assert bad["chosen"]["en"]["problems"]
    assert et.fold_models_path("translationese-v2").name == "translationese-folds.json"
    assert et.fold_models_path("translationese-v4").name == "translationese-v4-folds.json"
    # eval_provenance reads them there, and names this command when they are missing
    ep = _bench("eval_provenance")
    assert ep.fold_models_command("translationese-v2") == "bench/eval_translationese.py --fold-models translationese-v2"
