from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wiretrace import Article, Segmenter, read_article
from wiretrace.segment import dates as date_rules
from wiretrace.segment.dates import resolve

CORPUS = Path(__file__).parent.parent / "examples" / "corpus"

SEG = Segmenter()


def doc(text: str, language: str = "en"):  # type: ignore[no-untyped-def]
    return SEG.segment(Article(id="x", text=text, language=language))


def keys(text: str, kind: str, language: str = "en") -> list[str]:
    return [m.key for s in doc(text, language).sentences for m in s.mentions if m.kind == kind]


@pytest.mark.parametrize(
    ("text", "language", "value"),
    [
        ("Some 7,000 homes were flooded.", "en", "7000"),
        ("Cerca de 7.000 casas ficaram inundadas.", "pt", "7000"),
        ("Quelque 7 000 maisons ont été inondées.", "fr", "7000"),
        ("Some seven thousand homes were flooded.", "en", "7000"),
        ("Cerca de sete mil casas ficaram inundadas.", "pt", "7000"),
        ("Etwa siebentausend Häuser wurden überflutet.", "de", "7000"),
        ("The plan costs 3.2 million euros.", "en", "3200000"),
        ("O plano custa 3,2 milhões de euros.", "pt", "3200000"),
        ("Unemployment rose to 45% in the region.", "en", "45"),
        ("Unemployment rose to 45 percent in the region.", "en", "45"),
        ("Twenty-one miners were rescued.", "en", "21"),
        # Scripts without spaces: a figure touching ideographs stands alone; scale characters multiply.
        ("维修费用为4800万元。", "zh", "48000000"),
        ("约3.5亿人观看了比赛。", "zh", "350000000"),
        ("馆内展出了1,200件文物。", "zh", "1200"),
        ("東京で3万人が集まった。", "ja", "30000"),
        ("予算は2億円だった。", "ja", "200000000"),
        # Russian: comma decimals, abbreviated scales.
        ("Ущерб составил 75 тыс. рублей.", "ru", "75000"),
        ("Бюджет составил 1,2 млрд рублей.", "ru", "1200000000"),
    ],
)
def test_numbers_normalise_to_one_value(text: str, language: str, value: str) -> None:
    assert value in keys(text, "number", language)


def test_a_comma_separates_number_words() -> None:
    assert keys("Die ersten zwei, drei Jahre sind holprig.", "number", "de") == ["2", "3"]
    assert keys("The first two or three years are bumpy.", "number") == ["2", "3"]
    assert keys("Some twenty-one thousand people left.", "number") == ["21000"]


def test_articles_are_not_number_one() -> None:
    assert keys("Um homem e uma mulher saíram de casa com um cão.", "number", "pt") == []


def test_dates_resolve_against_reference() -> None:
    ref = date(2026, 3, 10)  # a Tuesday
    (monday,) = keys("The river burst its banks on Monday.", "date")
    (march9,) = keys("The river burst its banks on March 9.", "date")
    assert resolve(monday, ref) == resolve(march9, ref) == "2026-03-09"
    (fut,) = keys("The council will vote on Friday.", "date")
    assert resolve(fut, ref) == "2026-03-13"
    (pt,) = keys("O rio transbordou na segunda-feira.", "date", "pt")
    assert resolve(pt, ref) == "2026-03-09"


def test_names_and_quotes() -> None:
    d = doc('"We are doing everything we can," civil protection chief Marta Kowalczyk told reporters. '
            "She met Mayor Rui Tavares in Vila Franca de Xira.")
    names = [m.text for s in d.sentences for m in s.mentions if m.kind == "name"]
    assert "Marta Kowalczyk" in names
    assert "Vila Franca de Xira" in names
    assert "We" not in names and "She" not in names
    quotes = [m.key for s in d.sentences for m in s.mentions if m.kind == "quote"]
    assert quotes == ["we are doing everything we can,"]


def test_dateline_not_split_from_sentence() -> None:
    d = doc("LISBON (Reuters) – Heavy rain flooded homes. Officials said more rain was coming.")
    assert [s.text for s in d.sentences] == ["LISBON (Reuters) – Heavy rain flooded homes.",
                                             "Officials said more rain was coming."]


words = st.sampled_from(["rain", "Lisbon", "7,000", "said", "the", "Mr.", "homes", "on", "Monday", "—", "“quoted”",
                         "3.5", "km", "Kowalczyk", "and", "U.S.", "!", "?"])
paragraph = st.lists(words, min_size=1, max_size=30).map(lambda ws: " ".join(ws) + ".")


@settings(max_examples=60, deadline=None)
@given(st.lists(paragraph, min_size=1, max_size=5))
def test_spans_point_into_text(paras: list[str]) -> None:
    text = "\n\n".join(paras)
    d = doc(text)
    last = 0
    for s in d.sentences:
        assert 0 <= s.start < s.end <= len(text)
        assert text[s.start:s.end] == s.text
        assert s.start >= last  # in order, no overlap
        last = s.end
        for m in s.mentions:
            assert s.start <= m.start < m.end <= s.end
            assert text[m.start:m.end] == m.text


def test_a_scale_word_read_with_its_digits_is_not_a_second_number() -> None:
    assert keys("Its cost is estimated at 21 billion zloty.", "number") == ["21000000000"]
    assert keys("Su coste se estima en 21.000 millones de zlotis.", "number", "es") == ["21000000000"]
    assert keys("Duas perfuratrizes chegaram.", "number", "pt") == ["2"]


@pytest.mark.parametrize(
    ("text", "language", "key"),
    [
        ("The outage began at around 6.40 a.m. local time.", "en", "t:06:40"),
        ("El fallo comenzó hacia las 6:40 de la mañana.", "es", "t:06:40"),
        ("Il a été émis peu après 14 h, heure locale.", "fr", "t:14:00"),
        ("The order came shortly after 2 p.m. on the day.", "en", "t:14:00"),
        ("La grève a commencé à 4 h 30 ce matin.", "fr", "t:04:30"),
        ("Der Streik begann um 4.30 Uhr.", "de", "t:04:30"),
        ("O desabamento ocorreu pouco antes das 3h da manhã.", "pt", "t:03:00"),
    ],
)
def test_clock_times_are_times_not_numbers(text: str, language: str, key: str) -> None:
    assert key in keys(text, "date", language)
    assert keys(text, "number", language) == []


def test_portuguese_ordinals_are_not_weekdays() -> None:
    assert keys("Uma segunda perfuratriz prepara um furo mais largo.", "date", "pt") == []
    assert keys("O governo anunciou na segunda que a obra parou.", "date", "pt") == ["wd:0"]
    assert keys("Na quinta-feira, o governo anunciou o plano.", "date", "pt") == ["wd:3"]
    assert keys("The rate rose 6.40 percent.", "date") == []


@pytest.mark.parametrize(("text", "figure", "unit"), [
    ("cabins some 50 metres above the quay", "50", "length"),
    ("Kabinen etwa 50 Meter über dem Kai", "50", "length"),
    ("winds of up to 70 km/h", "70", "speed"),
    ("it cost €780 million", "780 million", "money"),
    ("custou 910 milhões de euros", "910 milhões", "money"),
    ("coûte 910 millions d'euros", "910 millions", "money"),
    ("rose 5% on the year", "5", "percent"),
    ("a control room with 36 desks", "36", None),
    ("3 more buses", "3", None),
])
def test_unit_of_a_figure(text: str, figure: str, unit: str | None) -> None:
    from wiretrace.segment.numbers import unit_of

    i = text.index(figure)
    assert unit_of(text, i, i + len(figure)) == unit


def test_dotless_i_words_do_not_crash_the_date_finder() -> None:
    # "sali" (Polish: a room) and "SALI" match the Turkish weekday "salı" case-insensitively; the
    # lookup used to raise KeyError and abort a whole index run.
    from wiretrace.segment.dates import find_dates

    assert find_dates("Spotkanie odbyło się w sali konferencyjnej ratusza.", "pl") is not None
    assert [k for _s, _e, k in find_dates("Toplantı SALI günü, YARIN değil.", "tr")] == ["wd:1", "rel:1"]
    assert [k for _s, _e, k in find_dates("15 KASIM 2025 tarihinde", "tr")] == ["ymd:2025-11-15"]


@pytest.mark.parametrize(("lang", "text", "sentences"), [
    ("en", "Dr. Ana Lima met J. R. Smith of the U.S. Navy on Monday. They spoke for an hour. Then she left!",
     ["Dr. Ana Lima met J. R. Smith of the U.S. Navy on Monday.", "They spoke for an hour.", "Then she left!"]),
    ("en", '"Will it hold?" she asked. Nobody knew.', ['"Will it hold?" she asked.', "Nobody knew."]),
    ("de", "Die Wahl findet am 12. Dezember statt. Das Ergebnis kommt später.",
     ["Die Wahl findet am 12. Dezember statt.", "Das Ergebnis kommt später."]),
    ("zh", "港务局周一公布了新的时刻表。议会将在下周审议。", ["港务局周一公布了新的时刻表。", "议会将在下周审议。"]),
    ("pt", "O Sr. Costa disse que a ponte abre em maio. A obra custou 3,5 milhões.",
     ["O Sr. Costa disse que a ponte abre em maio.", "A obra custou 3,5 milhões."]),
])
def test_rule_splitter_sentences(lang: str, text: str, sentences: list[str]) -> None:
    """The rules splitter (segment/sentences.py): titles, initials, ordinals, CJK marks, quotes."""
    from wiretrace.segment.sentences import rule_spans

    code = {"pt": "es"}.get(lang, lang)
    assert [text[s:e] for s, e in rule_spans(text, lang, code)] == sentences


def test_both_splitters_give_offsets_into_the_text() -> None:
    from wiretrace.records import Article
    from wiretrace.segment import SegmentConfig, Segmenter

    text = ("LISBON (Reuters) – The bridge opened. Dr. Costa spoke.\n\nA second paragraph follows here. "
            "It ends with a longer sentence.")
    for splitter in ("pysbd", "rules"):
        doc = Segmenter(SegmentConfig(splitter=splitter)).segment(Article(id="x", text=text, language="en"))
        assert all(text[s.start:s.end] == s.text for s in doc.sentences)
        assert [s.text for s in doc.sentences][-2:] == ["A second paragraph follows here.",
                                                        "It ends with a longer sentence."]


def test_pysbd_through_the_regex_cache_splits_the_same() -> None:
    """Issue #15: pysbd's per-abbreviation patterns overflowed re's cache (47% of index time in
    compiling); its modules now use a cached stand-in for re. The sentences must not change."""
    import re
    import sys

    from wiretrace import read_article
    from wiretrace.segment import regex_cache

    corpus = Path(__file__).parent.parent / "examples" / "corpus"
    articles = [read_article(p) for p in sorted(corpus.glob("*/*.txt"))]
    seg = Segmenter()
    cached = [[(s.start, s.end) for s in seg.segment(a).sentences] for a in articles]
    mods = [m for n, m in sys.modules.items()
            if n.startswith("pysbd") and getattr(m, "re", None) is regex_cache.CACHED_RE]
    assert len(mods) >= 10
    try:
        for m in mods:
            m.re = re
        plain = [[(s.start, s.end) for s in Segmenter().segment(a).sentences] for a in articles]
    finally:
        for m in mods:
            m.re = regex_cache.CACHED_RE
    assert cached == plain
    assert sum(map(len, cached)) >= 200


def test_a_packed_doc_comes_back_equal_and_refuses_another_text() -> None:
    """Issue #15: the Doc kept in the store (tokens, mentions) is the Doc segment() made, on every article
    of the example corpus; packed data that does not fit an article's text is refused, not misread."""
    from dataclasses import replace

    from wiretrace.segment import pack_doc, unpack_doc

    seg = Segmenter()
    arts = [read_article(p) for p in sorted(CORPUS.glob("*/*"))
            if p.suffix in (".txt", ".html") or (p.suffix == ".json" and p.name != "truth.json")]
    assert len(arts) > 30
    for art in arts:
        doc = seg.segment(art)
        assert unpack_doc(art, pack_doc(doc)) == doc
    doc = seg.segment(arts[0])
    assert unpack_doc(replace(arts[0], text=arts[0].text[:20]), pack_doc(doc)) is None
    assert unpack_doc(arts[0], b"not zlib") is None


_DATE_WORDS = [*date_rules._WEEKDAYS, *date_rules._RELATIVE, *date_rules._MONTHS, "SALI", "SALİ", "CUMARTESİ", "ſunday",
               "Aujourd'hui", "aujourd’hui", "Monday's", "3", "12", "2024-03-01", "pm", "h", "x", "İ", "ı"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_DATE_WORDS), st.sampled_from(["lower", "upper", "title"]),
                          st.sampled_from([" ", "", "-", ", ", "'", "s ", ". "])), min_size=1, max_size=6),
       st.sampled_from(["en", "de", "tr", "pt", "fr", None]))
def test_date_prefilters_never_skip_a_date(parts: list[tuple[str, str, str]], language: str | None) -> None:
    """find_dates skips a pattern when a cheap test says it cannot match (no digit; no word run of a
    weekday or relative word): on text made of those words in every case, it finds what running every
    pattern finds."""
    text = "".join(getattr(w, case)() + sep for w, case, sep in parts)
    every: list[tuple[int, int, str]] = []
    date_rules._digit_dates(text, every)
    date_rules._weekdays(text, every)
    date_rules._relative(text, language, every)
    assert date_rules.find_dates(text, language) == sorted(every)
