"""Session 26 (issue #15): cheaper date, figure and letter reading with the same answers as before.

Each shortcut is pinned against the rule it stands in for, on made-up sentences in several languages and, for
the lower-casing one, on every code point."""

from __future__ import annotations

import re
import unicodedata

import pytest

from wiretrace.ingest import _weighted_letters
from wiretrace.scripts import count_wide
from wiretrace.segment import SegmentConfig, Segmenter
from wiretrace.segment import dates as dt
from wiretrace.segment import numbers as nb

# Made-up sentences: dates, weekdays with German parts of the day, relative days, clock words, Roman numerals,
# number words, hyphenated compounds, ranges, a dotted capital I, a capital sigma, a dotless i, a long s.
SENTENCES = [
    "The council met on Monday and will meet again next Thursday evening.",
    "Am Freitagabend und an Samstagen blieb das Amt geschlossen; am Montagmorgen öffnete es um 8 Uhr.",
    "La réunion du 14 mars 2026 a duré de 9 h 30 à midi et demi, au XXIe siècle.",
    "O encontro de 18 a 21 de outubro reuniu cinquenta pessoas, disse ontem o ministro.",
    "El siglo XIX vio dos o tres guerras; hoy día nadie lo recuerda, dijo el martes.",
    "Ein bis zwei Drittel der Befragten sagten gestern, sie hätten dreifach gezahlt.",
    "One to seven of the twenty-one boats left on March 4 and 15 people stayed until noon.",
    "A five-month pause ended when forty-five-minute talks on May 5 ended at 3 pm.",
    "Louis XIV and Pope John XXIII: the XIII century, Phase III, type II diabetes.",
    "Ve Ier Ire Ver imagens: C. L. and I said it was IV e.",
    "İSTANBUL'da KASIM ayında 3 Kasım 2025 Salı günü toplantı yapıldı, dün açıklandı.",
    "ΣΑΒΒΑΤΟ 12 Μαΐου: ΟΔΟΣ ΠΑΝΕΠΙΣΤΗΜΙΟΥ, two hundred people.",
    "The ſeventh of Auguſt, mayıs 7, and three dozen eggs in the 1990s, 2026-03-09.",
    "Ⅳ Ⅻ and ½ of twenty percent, 3,2 milhões and ３００万 in one line.",
    "Nothing here: a plain sentence with no numbers or days at all.",
    "Yesterday, TODAY and Tomorrow; aujourd’hui et demain; morgen früh in Köln.",
    "Em 2 de maio às 15h40 a quarta-feira foi a segunda vez; segundas-feiras não.",
]
LANGS = ["en", "de", "fr", "es", "pt", "it", "tr", "nl", "el"]


def _may_hold_old(runs: set[str], firsts: frozenset[str], plural: bool) -> bool:
    """The rule as it was before session 26 (one test per run)."""
    return any(r in firsts or (plural and ((r.endswith("s") and r[:-1] in firsts)
                                           or dt._daypart_compound(r, firsts))) for r in runs)


def _runs_old(text: str) -> set[str]:
    return {dt._norm(r) for r in dt._RUN.findall(text)}


def test_lowers_alike_holds_for_every_code_point_it_admits() -> None:
    word, digit, letter = re.compile(r"\w"), re.compile(r"\d"), re.compile(r"[^\W\d_]")
    joiners = set("'’-.,\u00a0\u202f ")
    for i in range(0x110000):
        if 0xD800 <= i < 0xE000:
            continue
        ch = chr(i)
        if not nb.lowers_alike(ch):
            continue
        low = ch.lower()
        assert len(low) == 1, hex(i)
        for pat in (word, digit, letter):
            assert bool(pat.match(ch)) == bool(pat.match(low)), hex(i)
        assert (ch in joiners) == (low in joiners), hex(i)
        assert low not in "\u0131\u017f" or ch == low, hex(i)
    assert not nb.lowers_alike("İstanbul") and not nb.lowers_alike("ΣΑΒΒΑΤΟ")


@pytest.mark.parametrize("text", SENTENCES)
def test_runs_and_holding_sets_answer_as_the_old_rule(text: str) -> None:
    runs = dt._runs(text)
    assert runs == _runs_old(text)
    assert (not dt._WD_HOLDING.isdisjoint(runs)) == _may_hold_old(runs, dt._WD_RUNS, plural=True)
    assert (not dt._REL_HOLDING.isdisjoint(runs)) == _may_hold_old(runs, dt._REL_RUNS, plural=False)


def test_holding_sets_on_made_up_runs() -> None:
    """Every run the old rule accepts is in the set, and nothing else, over runs built to sit near its edges."""
    made = set()
    for f in dt._WD_RUNS | dt._REL_RUNS:
        for tail in ("", "s", "ss", "x", "abend", "abends", "morgens", "nachts", "nachtss", "mittag", "s" + "abend"):
            made.update({f + tail, f[:-1] + tail, "x" + f + tail})
    for run in made:
        assert (run in dt._WD_HOLDING) == _may_hold_old({run}, dt._WD_RUNS, plural=True), run
        assert (run in dt._REL_HOLDING) == _may_hold_old({run}, dt._REL_RUNS, plural=False), run


@pytest.mark.parametrize("text", SENTENCES)
def test_month_day_runs_only_where_a_month_word_is_a_run(text: str) -> None:
    for m in dt._MONTH_DAY.finditer(text):
        assert dt._norm(m["m1"] or m["m2"]) in dt._MONTH_RUNS
    if dt._MONTH_RUNS.isdisjoint(dt._runs(text)):
        assert dt._MONTH_DAY.search(text) is None
    for lang in LANGS:
        every: list[tuple[int, int, str]] = []
        dt._digit_dates(text, every, lang)
        skipped: list[tuple[int, int, str]] = []
        dt._digit_dates(text, skipped, lang, months=not dt._MONTH_RUNS.isdisjoint(dt._runs(text)))
        assert every == skipped


@pytest.mark.parametrize("text", SENTENCES)
def test_roman_cue_never_misses_a_numeral(text: str) -> None:
    for piece in (text[k:] for k in range(len(text))):  # every suffix: other starts and contexts
        assert nb._roman_may_match(piece) or nb._ROMAN.search(piece) is None, piece


@pytest.mark.parametrize("text", ["XIIIe", "le Ier", "XXI. Jahrhundert", "siglo XX", "século IV", "aXIIIe",
                                  "IIème", "VIre", "XX\tcentury", "1XIXe", "_Ve", "MCM", "ix e", "IVX"])
def test_roman_cue_on_numerals(text: str) -> None:
    assert nb._roman_may_match(text) or nb._ROMAN.search(text) is None


def _tokens_old(spaced: str, table: dict[str, float]) -> list[tuple[int, int, str]]:
    return [nb._number_head(m.start(), m.group().lower(), table) for m in nb._TOKEN.finditer(spaced)]


@pytest.mark.parametrize("lang", LANGS)
def test_word_tokens_and_the_no_number_words_shortcut(lang: str) -> None:
    words = Segmenter(SegmentConfig())._number_words(lang)
    for text in SENTENCES:
        assert nb._word_tokens(text, words.words) == _tokens_old(text, words.words)
        if nb._no_number_words(text, words.words, nb._ONE_OF.get(words.language)):
            toks = _tokens_old(text, words.words)
            assert not any(t in words.words or t in nb._ONE_OF.get(words.language, ()) for _s, _e, t in toks)
            assert all("-" not in t for _s, _e, t in toks)


def test_next_known() -> None:
    known = [False, True, False, False, True]
    assert [nb._next_known(known, i) for i in range(6)] == [1, 1, 4, 4, 4, 5]
    assert nb._next_known([], 0) == 0


@pytest.mark.parametrize("lang", LANGS)
def test_find_figures_and_dates_as_pinned(lang: str) -> None:
    """Figures and dates of the made-up sentences, as the code before session 26 read them (pinned)."""
    words = Segmenter(SegmentConfig())._number_words(lang)
    got = [(nb.find_figures(s, lang, words), dt.find_dates(s, lang)) for s in SENTENCES]
    assert got == PINNED[lang]


def _weighted_letters_old(text: str) -> int:
    return sum(1 for ch in text if ch.isalpha() or unicodedata.category(ch) in ("Mn", "Mc")) + 2 * count_wide(text)


@pytest.mark.parametrize("text", [*SENTENCES, "", "नमस्ते दुनिया", "مَرْحَبًا", "東京で３００万人", "😀 123 !!!"])
def test_weighted_letters_as_before(text: str) -> None:
    assert _weighted_letters(text) == _weighted_letters_old(text)


#: Generated by the code of HEAD 0ae8173 (before session 26) on SENTENCES, per language.
_Pins = dict[str, list[tuple[list[tuple[int, int, str]], list[tuple[int, int, str]]]]]
PINNED: _Pins = {'de': [([], [(19, 25, 'wd:0+'), (51, 59, 'wd:3+')]),
        ([(90, 91, '8')], [(3, 15, 'wd:4'), (63, 75, 'wd:0'), (90, 95, 't:08:00')]),
        ([(14, 16, '14'), (22, 26, '2026'), (37, 38, '9'), (41, 43, '30'), (63, 67, '21')],
         [(14, 26, 'ymd:2026-03-14'), (37, 43, 't:09:30'), (46, 58, 't:12:30')]),
        ([(14, 16, '18'), (19, 21, '21')], [(14, 16, 'md:10-18'), (19, 32, 'md:10-21'), (65, 70, 'rel:-1')]),
        ([(9, 12, '19')], [(72, 78, 'wd:1')]), ([(0, 3, '1'), (8, 12, '2'), (62, 70, '3')], [(42, 49, 'rel:-1')]),
        ([(51, 52, '4'), (57, 59, '15')], [(45, 52, 'md:3-4'), (80, 84, 't:12:00')]),
        ([(61, 62, '5'), (72, 73, '3')], [(57, 62, 'md:5-5'), (72, 77, 't:15:00')]), ([(35, 39, '13')], []),
        ([], []),
        ([(25, 26, '3'), (33, 37, '2025')], [(25, 37, 'ymd:2025-11-03'), (38, 42, 'wd:1'), (66, 69, 'rel:-1')]),
        ([(8, 10, '12'), (42, 49, '100')], []),
        ([(29, 30, '7'), (67, 71, '2026'), (72, 74, '3'), (75, 77, '9')],
         [(23, 30, 'md:5-7'), (67, 77, 'ymd:2026-03-09')]),
        ([(29, 40, '3200000'), (45, 49, '3000000')], []), ([], []),
        ([], [(0, 9, 'rel:-1'), (11, 16, 'rel:0'), (21, 29, 'rel:1'), (31, 42, 'rel:0'), (46, 52, 'rel:1')]),
        ([(3, 4, '2')], [(3, 12, 'md:5-2'), (16, 21, 't:15:40'), (24, 36, 'wd:2'), (56, 71, 'wd:0')])],
 'el': [([], [(19, 25, 'wd:0+'), (51, 59, 'wd:3+')]),
        ([(90, 91, '8')], [(3, 15, 'wd:4'), (63, 75, 'wd:0'), (90, 95, 't:08:00')]),
        ([(14, 16, '14'), (22, 26, '2026'), (37, 38, '9'), (41, 43, '30'), (63, 67, '21')],
         [(14, 26, 'ymd:2026-03-14'), (37, 43, 't:09:30'), (46, 58, 't:12:30')]),
        ([(14, 16, '18'), (19, 21, '21')], [(14, 16, 'md:10-18'), (19, 32, 'md:10-21'), (65, 70, 'rel:-1')]),
        ([(9, 12, '19')], [(72, 78, 'wd:1')]), ([], [(42, 49, 'rel:-1')]),
        ([(51, 52, '4'), (57, 59, '15'), (7, 12, '7'), (20, 30, '21')],
         [(45, 52, 'md:3-4'), (80, 84, 't:12:00')]),
        ([(61, 62, '5'), (72, 73, '3'), (2, 6, '5'), (30, 40, '45')], [(57, 62, 'md:5-5'), (72, 77, 't:15:00')]),
        ([(35, 39, '13')], []), ([], []),
        ([(25, 26, '3'), (33, 37, '2025')], [(25, 37, 'ymd:2025-11-03'), (38, 42, 'wd:1'), (66, 69, 'rel:-1')]),
        ([(8, 10, '12'), (38, 49, '200')], []),
        ([(29, 30, '7'), (67, 71, '2026'), (72, 74, '3'), (75, 77, '9'), (36, 47, '36')],
         [(23, 30, 'md:5-7'), (67, 77, 'ymd:2026-03-09')]),
        ([(29, 40, '3200000'), (45, 49, '3000000'), (13, 19, '20')], []), ([], []),
        ([],
         [(0, 9, 'rel:-1'), (11, 16, 'rel:0'), (21, 29, 'rel:1'), (31, 42, 'rel:0'), (46, 52, 'rel:1'),
          (54, 60, 'rel:1')]),
        ([(3, 4, '2')], [(3, 12, 'md:5-2'), (16, 21, 't:15:40'), (24, 36, 'wd:2'), (56, 71, 'wd:0')])],
 'en': [([], [(19, 25, 'wd:0+'), (51, 59, 'wd:3+')]),
        ([(90, 91, '8')], [(3, 15, 'wd:4'), (63, 75, 'wd:0'), (90, 95, 't:08:00')]),
        ([(14, 16, '14'), (22, 26, '2026'), (37, 38, '9'), (41, 43, '30'), (63, 67, '21')],
         [(14, 26, 'ymd:2026-03-14'), (37, 43, 't:09:30'), (46, 58, 't:12:30')]),
        ([(14, 16, '18'), (19, 21, '21')], [(14, 16, 'md:10-18'), (19, 32, 'md:10-21'), (65, 70, 'rel:-1')]),
        ([(9, 12, '19')], [(72, 78, 'wd:1')]), ([], [(42, 49, 'rel:-1')]),
        ([(51, 52, '4'), (57, 59, '15'), (0, 3, '1'), (7, 12, '7'), (20, 30, '21')],
         [(45, 52, 'md:3-4'), (80, 84, 't:12:00')]),
        ([(61, 62, '5'), (72, 73, '3'), (2, 6, '5'), (30, 40, '45')], [(57, 62, 'md:5-5'), (72, 77, 't:15:00')]),
        ([(35, 39, '13')], []), ([], []),
        ([(25, 26, '3'), (33, 37, '2025')], [(25, 37, 'ymd:2025-11-03'), (38, 42, 'wd:1'), (66, 69, 'rel:-1')]),
        ([(8, 10, '12'), (38, 49, '200')], []),
        ([(29, 30, '7'), (67, 71, '2026'), (72, 74, '3'), (75, 77, '9'), (36, 47, '36')],
         [(23, 30, 'md:5-7'), (67, 77, 'ymd:2026-03-09')]),
        ([(29, 40, '3200000'), (45, 49, '3000000'), (13, 19, '20')], []), ([], []),
        ([],
         [(0, 9, 'rel:-1'), (11, 16, 'rel:0'), (21, 29, 'rel:1'), (31, 42, 'rel:0'), (46, 52, 'rel:1'),
          (54, 60, 'rel:1')]),
        ([(3, 4, '2')], [(3, 12, 'md:5-2'), (16, 21, 't:15:40'), (24, 36, 'wd:2'), (56, 71, 'wd:0')])],
 'es': [([], [(19, 25, 'wd:0+'), (51, 59, 'wd:3+')]),
        ([(90, 91, '8')], [(3, 15, 'wd:4'), (63, 75, 'wd:0'), (90, 95, 't:08:00')]),
        ([(14, 16, '14'), (22, 26, '2026'), (37, 38, '9'), (41, 43, '30'), (63, 67, '21')],
         [(14, 26, 'ymd:2026-03-14'), (37, 43, 't:09:30'), (46, 58, 't:12:30')]),
        ([(14, 16, '18'), (19, 21, '21')], [(14, 16, 'md:10-18'), (19, 32, 'md:10-21'), (65, 70, 'rel:-1')]),
        ([(9, 12, '19'), (17, 20, '2'), (23, 27, '3')], [(72, 78, 'wd:1')]), ([], [(42, 49, 'rel:-1')]),
        ([(51, 52, '4'), (57, 59, '15')], [(45, 52, 'md:3-4'), (80, 84, 't:12:00')]),
        ([(61, 62, '5'), (72, 73, '3')], [(57, 62, 'md:5-5'), (72, 77, 't:15:00')]), ([(35, 39, '13')], []),
        ([], []),
        ([(25, 26, '3'), (33, 37, '2025')], [(25, 37, 'ymd:2025-11-03'), (38, 42, 'wd:1'), (66, 69, 'rel:-1')]),
        ([(8, 10, '12'), (42, 49, '100')], []),
        ([(29, 30, '7'), (67, 71, '2026'), (72, 74, '3'), (75, 77, '9')],
         [(23, 30, 'md:5-7'), (67, 77, 'ymd:2026-03-09')]),
        ([(29, 40, '3200000'), (45, 49, '3000000')], []), ([], []),
        ([],
         [(0, 9, 'rel:-1'), (11, 16, 'rel:0'), (21, 29, 'rel:1'), (31, 42, 'rel:0'), (46, 52, 'rel:1'),
          (54, 60, 'rel:1')]),
        ([(3, 4, '2')], [(3, 12, 'md:5-2'), (16, 21, 't:15:40'), (24, 36, 'wd:2'), (56, 71, 'wd:0')])],
 'fr': [([], [(19, 25, 'wd:0+'), (51, 59, 'wd:3+')]),
        ([(90, 91, '8')], [(3, 15, 'wd:4'), (63, 75, 'wd:0'), (90, 95, 't:08:00')]),
        ([(14, 16, '14'), (22, 26, '2026'), (37, 38, '9'), (41, 43, '30'), (63, 67, '21')],
         [(14, 26, 'ymd:2026-03-14'), (37, 43, 't:09:30'), (46, 58, 't:12:30')]),
        ([(14, 16, '18'), (19, 21, '21')], [(14, 16, 'md:10-18'), (19, 32, 'md:10-21'), (65, 70, 'rel:-1')]),
        ([(9, 12, '19')], [(72, 78, 'wd:1')]), ([], [(42, 49, 'rel:-1')]),
        ([(51, 52, '4'), (57, 59, '15')], [(45, 52, 'md:3-4'), (80, 84, 't:12:00')]),
        ([(61, 62, '5'), (72, 73, '3')], [(57, 62, 'md:5-5'), (72, 77, 't:15:00')]), ([(35, 39, '13')], []),
        ([(0, 2, '5'), (3, 6, '1'), (7, 10, '1'), (11, 14, '5')], []),
        ([(25, 26, '3'), (33, 37, '2025')], [(25, 37, 'ymd:2025-11-03'), (38, 42, 'wd:1'), (66, 69, 'rel:-1')]),
        ([(8, 10, '12'), (42, 49, '100')], []),
        ([(29, 30, '7'), (67, 71, '2026'), (72, 74, '3'), (75, 77, '9')],
         [(23, 30, 'md:5-7'), (67, 77, 'ymd:2026-03-09')]),
        ([(29, 40, '3200000'), (45, 49, '3000000')], []), ([], []),
        ([],
         [(0, 9, 'rel:-1'), (11, 16, 'rel:0'), (21, 29, 'rel:1'), (31, 42, 'rel:0'), (46, 52, 'rel:1'),
          (54, 60, 'rel:1')]),
        ([(3, 4, '2')], [(3, 12, 'md:5-2'), (16, 21, 't:15:40'), (24, 36, 'wd:2'), (56, 71, 'wd:0')])],
 'it': [([], [(19, 25, 'wd:0+'), (51, 59, 'wd:3+')]),
        ([(90, 91, '8')], [(3, 15, 'wd:4'), (63, 75, 'wd:0'), (90, 95, 't:08:00')]),
        ([(14, 16, '14'), (22, 26, '2026'), (37, 38, '9'), (41, 43, '30'), (63, 67, '21')],
         [(14, 26, 'ymd:2026-03-14'), (37, 43, 't:09:30'), (46, 58, 't:12:30')]),
        ([(14, 16, '18'), (19, 21, '21')], [(14, 16, 'md:10-18'), (19, 32, 'md:10-21'), (65, 70, 'rel:-1')]),
        ([(9, 12, '19')], [(72, 78, 'wd:1')]), ([], [(42, 49, 'rel:-1')]),
        ([(51, 52, '4'), (57, 59, '15')], [(45, 52, 'md:3-4'), (80, 84, 't:12:00')]),
        ([(61, 62, '5'), (72, 73, '3')], [(57, 62, 'md:5-5'), (72, 77, 't:15:00')]), ([(35, 39, '13')], []),
        ([], []),
        ([(25, 26, '3'), (33, 37, '2025')], [(25, 37, 'ymd:2025-11-03'), (38, 42, 'wd:1'), (66, 69, 'rel:-1')]),
        ([(8, 10, '12'), (42, 49, '100')], []),
        ([(29, 30, '7'), (67, 71, '2026'), (72, 74, '3'), (75, 77, '9')],
         [(23, 30, 'md:5-7'), (67, 77, 'ymd:2026-03-09')]),
        ([(29, 40, '3200000'), (45, 49, '3000000')], []), ([], []),
        ([],
         [(0, 9, 'rel:-1'), (11, 16, 'rel:0'), (21, 29, 'rel:1'), (31, 42, 'rel:0'), (46, 52, 'rel:1'),
          (54, 60, 'rel:1')]),
        ([(3, 4, '2')], [(3, 12, 'md:5-2'), (16, 21, 't:15:40'), (24, 36, 'wd:2'), (56, 71, 'wd:0')])],
 'nl': [([], [(19, 25, 'wd:0+'), (51, 59, 'wd:3+')]),
        ([(90, 91, '8')], [(3, 15, 'wd:4'), (63, 75, 'wd:0'), (90, 95, 't:08:00')]),
        ([(14, 16, '14'), (22, 26, '2026'), (37, 38, '9'), (41, 43, '30'), (63, 67, '21')],
         [(14, 26, 'ymd:2026-03-14'), (37, 43, 't:09:30'), (46, 58, 't:12:30')]),
        ([(14, 16, '18'), (19, 21, '21')], [(14, 16, 'md:10-18'), (19, 32, 'md:10-21'), (65, 70, 'rel:-1')]),
        ([(9, 12, '19')], [(72, 78, 'wd:1')]), ([], [(42, 49, 'rel:-1')]),
        ([(51, 52, '4'), (57, 59, '15')], [(45, 52, 'md:3-4'), (80, 84, 't:12:00')]),
        ([(61, 62, '5'), (72, 73, '3')], [(57, 62, 'md:5-5'), (72, 77, 't:15:00')]), ([(35, 39, '13')], []),
        ([], []),
        ([(25, 26, '3'), (33, 37, '2025')], [(25, 37, 'ymd:2025-11-03'), (38, 42, 'wd:1'), (66, 69, 'rel:-1')]),
        ([(8, 10, '12'), (42, 49, '100')], []),
        ([(29, 30, '7'), (67, 71, '2026'), (72, 74, '3'), (75, 77, '9')],
         [(23, 30, 'md:5-7'), (67, 77, 'ymd:2026-03-09')]),
        ([(29, 40, '3200000'), (45, 49, '3000000')], []), ([], []),
        ([], [(0, 9, 'rel:-1'), (11, 16, 'rel:0'), (21, 29, 'rel:1'), (31, 42, 'rel:0'), (46, 52, 'rel:1')]),
        ([(3, 4, '2')], [(3, 12, 'md:5-2'), (16, 21, 't:15:40'), (24, 36, 'wd:2'), (56, 71, 'wd:0')])],
 'pt': [([], [(19, 25, 'wd:0+'), (51, 59, 'wd:3+')]),
        ([(90, 91, '8')], [(3, 15, 'wd:4'), (63, 75, 'wd:0'), (90, 95, 't:08:00')]),
        ([(14, 16, '14'), (22, 26, '2026'), (37, 38, '9'), (41, 43, '30'), (63, 67, '21')],
         [(14, 26, 'ymd:2026-03-14'), (37, 43, 't:09:30'), (46, 58, 't:12:30')]),
        ([(14, 16, '18'), (19, 21, '21'), (40, 49, '50')],
         [(14, 16, 'md:10-18'), (19, 32, 'md:10-21'), (65, 70, 'rel:-1')]),
        ([(9, 12, '19')], [(72, 78, 'wd:1')]), ([], [(42, 49, 'rel:-1')]),
        ([(51, 52, '4'), (57, 59, '15')], [(45, 52, 'md:3-4'), (80, 84, 't:12:00')]),
        ([(61, 62, '5'), (72, 73, '3')], [(57, 62, 'md:5-5'), (72, 77, 't:15:00')]), ([(35, 39, '13')], []),
        ([], []),
        ([(25, 26, '3'), (33, 37, '2025')], [(25, 37, 'ymd:2025-11-03'), (38, 42, 'wd:1'), (66, 69, 'rel:-1')]),
        ([(8, 10, '12'), (42, 49, '100')], []),
        ([(29, 30, '7'), (67, 71, '2026'), (72, 74, '3'), (75, 77, '9')],
         [(23, 30, 'md:5-7'), (67, 77, 'ymd:2026-03-09')]),
        ([(29, 40, '3200000'), (45, 49, '3000000')], []), ([], []),
        ([],
         [(0, 9, 'rel:-1'), (11, 16, 'rel:0'), (21, 29, 'rel:1'), (31, 42, 'rel:0'), (46, 52, 'rel:1'),
          (54, 60, 'rel:1')]),
        ([(3, 4, '2')], [(3, 12, 'md:5-2'), (16, 21, 't:15:40'), (24, 36, 'wd:2'), (56, 71, 'wd:0')])],
 'tr': [([(16, 18, '10')], [(19, 25, 'wd:0+'), (51, 59, 'wd:3+')]),
        ([(90, 91, '8')], [(3, 15, 'wd:4'), (63, 75, 'wd:0'), (90, 95, 't:08:00')]),
        ([(14, 16, '14'), (22, 26, '2026'), (37, 38, '9'), (41, 43, '30'), (63, 67, '21')],
         [(14, 26, 'ymd:2026-03-14'), (37, 43, 't:09:30'), (46, 58, 't:12:30')]),
        ([(14, 16, '18'), (19, 21, '21')], [(14, 16, 'md:10-18'), (19, 32, 'md:10-21'), (65, 70, 'rel:-1')]),
        ([(9, 12, '19')], [(72, 78, 'wd:1')]), ([], [(42, 49, 'rel:-1')]),
        ([(51, 52, '4'), (57, 59, '15'), (42, 44, '10')], [(45, 52, 'md:3-4'), (80, 84, 't:12:00')]),
        ([(61, 62, '5'), (72, 73, '3'), (54, 56, '10')], [(57, 62, 'md:5-5'), (72, 77, 't:15:00')]),
        ([(35, 39, '13')], []), ([], []),
        ([(25, 26, '3'), (33, 37, '2025')], [(25, 37, 'ymd:2025-11-03'), (38, 42, 'wd:1'), (66, 69, 'rel:-1')]),
        ([(8, 10, '12'), (42, 49, '100')], []),
        ([(29, 30, '7'), (67, 71, '2026'), (72, 74, '3'), (75, 77, '9')],
         [(23, 30, 'md:5-7'), (67, 77, 'ymd:2026-03-09')]),
        ([(29, 40, '3200000'), (45, 49, '3000000')], []), ([], []),
        ([],
         [(0, 9, 'rel:-1'), (11, 16, 'rel:0'), (21, 29, 'rel:1'), (31, 42, 'rel:0'), (46, 52, 'rel:1'),
          (54, 60, 'rel:1')]),
        ([(3, 4, '2')], [(3, 12, 'md:5-2'), (16, 21, 't:15:40'), (24, 36, 'wd:2'), (56, 71, 'wd:0')])]}
