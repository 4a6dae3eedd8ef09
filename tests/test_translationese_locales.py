"""Locale affinity (issue #18, wiretrace.locales): whose language a story's places, currencies and peoples
belong to, read from Babel's CLDR names. Texts here are written for the test, not taken from any data set."""

from __future__ import annotations

import dataclasses

import pytest

from wiretrace import article_from_text
from wiretrace.compare import Comparer
from wiretrace.decide import Decision
from wiretrace.locales import affinity, mentions
from wiretrace.relate import RelateConfig, direction_features, reads_locale, source_decider, source_evidence

JA = "大阪の物価は3000円に上がったと日本政府が東京で発表した。"
EN = "Prices in Osaka rose to 3,000 yen, the Japanese government said in Tokyo."
# Longer versions for the comparer (an article needs some text).
JA_LONG = JA + ("市の担当者によると、値上がりは食料品と電気料金が中心で、家計への負担が続いている。"
                "政府は来月、追加の支援策をまとめる方針だ。専門家は、円安が続けば物価はさらに上がると見ている。")
EN_LONG = EN + (" According to city officials, the rise was driven mainly by food and electricity, and the burden "
                "on households continues. The government plans to put together further support measures next "
                "month. Experts expect prices to rise further if the weak yen persists.")
RU = "В Москве цены выросли до 3000 рублей, сообщило правительство России."


def test_mentions_read_each_language_in_its_own_names() -> None:
    en = mentions(EN, "en")
    assert en.names["yen"] == 1 and en.names["Japanese"] == 1 and en.names["Tokyo"] == 1
    assert en.counts["place"]["ja"] == 1 and en.counts["money"]["ja"] == 1 and en.counts["people"]["ja"] == 1
    ja = mentions(JA, "ja")  # no spaces: by substring, and the unit 円 without its country
    assert ja.names["円"] == 1 and ja.names["日本"] == 1 and ja.names["東京"] == 1
    ru = mentions(RU, "ru")  # inflected: "Москве", "рублей", "России"
    assert ru.counts["place"]["ru"] == 2 and ru.counts["money"]["ru"] >= 1
    assert not mentions(EN, "xx").names and not mentions("", "en").names
    assert not mentions("Chadwick met Jordanians.", "en").names.get("Chad")  # a short name matches whole only


def test_a_territory_counts_for_its_first_official_language() -> None:
    # CLDR lists Hong Kong's and India's most spoken official language first: Chinese, Hindi, not English.
    assert mentions("Shares fell in Hong Kong.", "en").counts["place"] == {"zh": 1}
    assert mentions("Shares fell in India.", "en").counts["place"] == {"hi": 1}


def test_affinity_is_antisymmetric_and_zero_within_one_language() -> None:
    v, words = affinity(JA, "ja", EN, "en")
    assert v["all"] > 0.5 and v["place"] > 0 and v["money"] > 0 and v["people"] > 0
    assert "円" in words["a"] and "yen" in words["a"] and "b" not in words
    back, _ = affinity(EN, "en", JA, "ja")
    assert back == {k: pytest.approx(-x) for k, x in v.items()}
    assert affinity(EN, "en", EN, "en") == ({}, {})
    assert affinity(EN, "en", JA, None) == ({}, {})


def test_direction_features_store_locale_affinity_across_languages(lexical: Comparer) -> None:
    a = lexical.doc(dataclasses.replace(article_from_text(JA_LONG, name="ja"), language="ja"))
    b = lexical.doc(dataclasses.replace(article_from_text(EN_LONG, name="en"), language="en"))
    ab, ba = lexical._relate(a, b)[0], lexical._relate(b, a)[0]
    fab, details = direction_features(a, b, ab, 0.9, 0.9)
    fba, _ = direction_features(b, a, ba, 0.9, 0.9)
    assert fab["src_locale"] > 0.5 and fab["src_locale"] == pytest.approx(-fba["src_locale"])
    assert fab["src_locale_place"] == pytest.approx(-fba["src_locale_place"])
    evidence = source_evidence(Decision("a", 0.9, {"src_locale": 1.0}, "m"), fab, details)
    assert "belong to a's language more than to b's" in evidence[0] and "円" in evidence[0]
    c = lexical.doc(dataclasses.replace(article_from_text(EN_LONG, name="en2"), language="en"))
    fbc, _ = direction_features(b, c, lexical._relate(b, c)[0], 0.9, 0.9)
    assert not any(k.startswith("src_locale") for k in fbc)  # one language: nothing to tell


def test_name_forms_count_apart_from_the_cldr_kinds() -> None:
    text = "Fumio Kishida met Sergei Lavrov and Maria Zakharova; Banana Kamala spoke."
    m = mentions(text, "en")
    assert m.counts["name"] == {"ja": 2, "ru": 2}  # Fumio, Kishida / Lavrov, Zakharova; not Maria, Banana
    assert mentions("Министр Сергей Лавров встретился с Захаровой.", "ru").counts["name"] == {"ru": 2}
    v, _ = affinity("Лавров и Захарова прибыли в Берлин.", "ru", "Lavrov and Zakharova arrived in Berlin.", "en")
    assert v["name"] > 0 and "all" not in v  # Berlin counts for German: neither side's language



def test_relate_computes_the_locale_affinity_only_for_a_source_decider_that_reads_it(lexical: Comparer) -> None:
    assert not reads_locale(source_decider(RelateConfig(source_decider="source-v3")))
    assert reads_locale(source_decider(RelateConfig(source_decider="source-v8")))
    a = lexical.doc(dataclasses.replace(article_from_text(JA_LONG, name="ja"), language="ja"))
    b = lexical.doc(dataclasses.replace(article_from_text(EN_LONG, name="en"), language="en"))
    f, details = direction_features(a, b, lexical._relate(a, b)[0], 0.9, 0.9, locale=False)
    assert not any(k.startswith("src_locale") for k in f) and not any(k.startswith("locale_") for k in details)
