"""What one diff reads of both articles before it compares passages (``_DifferState``): their languages, the
figures, dates and name words of each side, a run-together copy's head, and ``emit``, which records an item in a/b
orientation.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import numpy as np

from wiretrace.diff.config import DiffConfig
from wiretrace.diff.dates import _bare_days, _date_keys, _date_values, _month_day_language, _month_days, _month_days_in
from wiretrace.diff.figures import (
    _clock_values,
    _digit_values,
    _fact_language,
    _has_value,
    _named_values,
    _ordinal_days,
    _title_figures,
)
from wiretrace.diff.names import _name_key, _name_tokens
from wiretrace.diff.text import _mentions, _unpaired_quotes_off
from wiretrace.ingest.meta import reading_day
from wiretrace.records import DiffItem, DiffOp, DiffType, Doc, Mention, Sentence
from wiretrace.segment import WORD
from wiretrace.segment.dates import find_dates


class _DifferState:
    """The two articles and what the diff reads of both; items are emitted in a/b orientation."""

    def __init__(self, src: Doc, cp: Doc, cfg: DiffConfig, flip: bool,
                 embed: Callable[[list[str], str | None], np.ndarray] | None = None) -> None:
        self.src, self.cp, self.cfg, self.flip, self.embed = src, cp, cfg, flip, embed
        # a weekday is read against a publication day; a crawl time (date_from_crawl) only where no side was dated
        ref_src, ref_cp = reading_day(src.article, cp.article), reading_day(cp.article, src.article)
        self.ref_src, self.ref_cp = ref_src, ref_cp
        self.items: list[DiffItem] = []
        la, lb = src.article.language, cp.article.language
        self.cross_language = bool(la and lb and la != lb)
        # Across languages, facts are compared only as far as both sides can be read: our number-word
        # and date tables cover FACT_LANGUAGES. Outside them a figure written in words, a weekday or a
        # month name on one side has no reading on the other ("two" vs Chinese "两", "Sunday" vs "星期日"),
        # so only figures in digits are compared, each against every digit figure of the other text (a
        # day of a date included: "November 11" vs "11月11日").
        self.facts_limited = self.cross_language and not (_fact_language(la) and _fact_language(lb))
        src_figures, cp_figures = _mentions(src, "number"), _mentions(cp, "number")
        self.src_numbers = {m.key for m in src_figures} | _ordinal_days(src_figures)
        self.cp_numbers = {m.key for m in cp_figures} | _ordinal_days(cp_figures)
        # a figure that names a thing ("Group of Seven", "type II") matches the other text's figure, never reported
        self.src_numbers |= _named_values(src)
        self.cp_numbers |= _named_values(cp)
        if self.facts_limited:
            self.src_numbers |= _digit_values(src.text)
            self.cp_numbers |= _digit_values(cp.text)
        self.src_dates = _date_values(list(_mentions(src, "date")), ref_src)
        self.cp_dates = _date_values(list(_mentions(cp, "date")), ref_cp)
        self.src_days, self.cp_days = _bare_days(_mentions(src, "date")), _bare_days(_mentions(cp, "date"))
        self.src_name_tokens = _name_tokens(src)
        self.cp_name_tokens = _name_tokens(cp)
        # every word the source writes (names at a sentence's start are looked up here; same language only)
        self.src_words = set() if self.cross_language else {_name_key(w) for s in src.sentences
                                                            for w in WORD.findall(s.text)}
        self.cp_words = set() if self.cross_language else {_name_key(w) for s in cp.sentences
                                                           for w in WORD.findall(s.text)}
        # A copy whose paragraphs were run together (one paragraph against the source's several, and no title
        # of its own: how the WMT22 machine translations come) carries the source's title as its first
        # sentence and each subheading inside the sentence after it.
        self.run_together = ("\n" not in cp.text.strip() and src.text.strip().count("\n") >= 2
                             and bool(src.article.title) and not cp.article.title)
        # The copy's first sentences then say the source's title and the head lines ingest set aside (a date
        # line, "Publié le dimanche 12 décembre 2021 à 20h30"): their figures and dates are the source's, in the
        # copy's head only (``_in_head``; the head's own are checked against them in ``_run_in``).
        carried = [t for t in (src.article.title, *src.article.boilerplate) if t and t.strip()]
        self.carried = len(carried) if self.run_together else 0
        self.carried_numbers = Counter(k for text in carried[:self.carried] for k in _title_figures(text, la))
        self.carried_dates = _date_values([Mention("date", s, e, text[s:e], k) for text in carried[:self.carried]
                                           for s, e, k in find_dates(text, la)], ref_src)
        # where facts are limited: the month-days both sides can read (``month_days_across``), as (month, day)
        self.month_days = (self.facts_limited and cfg.month_days_across and _month_day_language(la)
                           and _month_day_language(lb))
        self.src_month_days = {k for _m, k in _month_days(src, src.sentences)} if self.month_days else set()
        self.cp_month_days = {k for _m, k in _month_days(cp, cp.sentences)} if self.month_days else set()
        self.carried_month_days = {k for text in carried[:self.carried] for _s, _e, k in _month_days_in(text, la)} if (
            self.month_days) else set()
        self.first_aligned_cp = 0  # the copy's first aligned sentence (``run`` sets it from the alignment)
        self.head_checked: set[int] = set()
        # Meaning words are compared within one language, in the languages cues.py has lists for.
        self.meaning_words = not self.cross_language and (la or "en") == "en" and (lb or "en") == "en"
        self.reported_src: list[tuple[int, int]] = []
        self.swapped_names: list[tuple[int, int]] = []  # the copy's spans of names ``_name_swaps`` reported
        self.mid_names: dict[int, set[str]] = {}  # per doc: name keys said inside a sentence (``_swap_names``)

    def emit(self, op: DiffOp, typ: DiffType, src: tuple[str, tuple[int, int]] | None,
             cp: tuple[str, tuple[int, int]] | None, *, material: bool = True, quoted: bool = False) -> None:
        if op != "changed":  # text added or dropped (a sentence, most often) loses a quote mark it does not close
            src, cp = _unpaired_quotes_off(src), _unpaired_quotes_off(cp)
        s_text, s_span = src if src else (None, None)
        c_text, c_span = cp if cp else (None, None)
        if self.flip:
            self.items.append(DiffItem(op, typ, c_text, s_text, c_span, s_span, material, quoted=quoted))
        else:
            self.items.append(DiffItem(op, typ, s_text, c_text, s_span, c_span, material, quoted=quoted))

    def _in_head(self, index: int) -> bool:
        """Whether a copy sentence may say the source's title or head lines (in a copy that ran its paragraphs
        together): one of its first three sentences before the first aligned one, or the first aligned one itself
        where fewer sentences come before it than the source has head texts (a head line ran into it)."""
        return bool(self.carried) and index <= 2 and (
            index < self.first_aligned_cp or (index == self.first_aligned_cp and index < self.carried))

    def _head_carried(self, m: Mention, c_sents: list[Sentence]) -> bool:
        """Whether a figure or date of the copy's passage is one the source's title or head lines say, in a
        sentence of the copy's head (``_in_head``)."""
        if not any(s.start <= m.start < s.end and self._in_head(s.index) for s in c_sents):
            return False
        if m.kind == "date":
            return bool(_date_keys(m, self.ref_cp) & self.carried_dates
                        or _clock_values({m.key}) & set(self.carried_numbers))
        return _has_value(set(self.carried_numbers) | _clock_values(self.carried_dates), m)
