"""Anchors across scripts: a name written in Cyrillic or Greek keys the same anchor as its Latin spelling,
so an article of another script and embedding space becomes a candidate through shared names.
Our own made-up names and sentences."""

from __future__ import annotations

import pytest

from wiretrace.engines.stages import AnchorConfig, _latin, anchor_keys, anchor_pairs, doc_mentions
from wiretrace.ingest import article_from_record
from wiretrace.segment import SegmentConfig, Segmenter

RU = "Вчера Олег Варнхольм встретился с Ириной Кравчуковой в Тромсё. Они обсудили 1450 тонн рыбы и договор 2019 года. "
EN = ("Yesterday Oleg Varnholm met Irina Kravchukova in Tromso. They discussed 1,450 tonnes of fish and the 2019 "
      "treaty. ")


def _anchors(text: str, language: str) -> frozenset[str]:
    art = article_from_record({"text": text * 3, "language": language}, name=language)
    doc = Segmenter(SegmentConfig()).segment(art)
    return anchor_keys(doc_mentions(doc), language, None, AnchorConfig())


@pytest.mark.parametrize(("word", "key"), [
    ("кравчуковой", "kravchukovoy"),  # Cyrillic, letters only
    ("τσιπρας", "tsipras"),  # Greek
    ("varnholmin", "varnholmin"),  # Latin: as it is
    ("łodz", "łodz"),  # Latin Extended: as it is (the segmenter's fold decides those letters)
    ("nguyễn", "nguyễn"),  # Vietnamese (Latin Extended Additional): as it is
])
def test_latin_spells_other_scripts_only(word: str, key: str) -> None:
    assert _latin(word) == key


def test_cyrillic_names_share_anchors_with_their_latin_spelling() -> None:
    ru, en = _anchors(RU, "ru"), _anchors(EN, "en")
    assert {"n:kravc", "n:troms", "f:1450", "f:2019"} <= ru & en
    assert not any(k.startswith("n:") and not k[2:].isascii() for k in ru)


def test_an_article_of_another_script_becomes_a_candidate() -> None:
    anchors = {"ru": _anchors(RU, "ru"), "en": _anchors(EN, "en")}
    found = anchor_pairs(anchors, {"ru": 1, "en": 0}, ["ru"], AnchorConfig())
    assert found == {"ru": ["en"]}



def test_transliteration_can_be_turned_off() -> None:
    keys = anchor_keys([("name", "кравчуковой")], "ru", None, AnchorConfig(transliterate=False))
    assert keys == frozenset({"n:кравч"})
