"""The facts of an aligned passage (``_FactDiffer``): figures by value (units, conversions, one value put in
another's place), dates by the day they name, names token by token.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from wiretrace.diff.claims import _Clause
from wiretrace.diff.dates import _bare_days, _date_keys, _date_kind, _date_values, _month_days, _says_now
from wiretrace.diff.figures import (
    _ABOUT_BEFORE,
    _BOTH,
    _STRONG_UNITS,
    _clock_values,
    _currencies,
    _decade,
    _decades_said,
    _digit_figure,
    _figure_span,
    _first_second,
    _foreign_sum,
    _has_value,
    _not_said_otherwise,
    _ordinal_in,
    _other_reading,
    _rounded,
    _season_in,
    _take,
    _unmatched,
    _value_in,
)
from wiretrace.diff.names import (
    _PARTS,
    NOUN_CAPITALISING,
    _bare,
    _common_word,
    _compound_of,
    _derived,
    _exonym,
    _inflected_of,
    _initial,
    _known_form,
    _mention_tokens,
    _name_key,
    _script_glued,
    _transliterated,
    _vowel_ending_swapped,
)
from wiretrace.diff.qualifiers import _preposition_off, _qualifier_chain, _word_after
from wiretrace.diff.state import _DifferState
from wiretrace.diff.text import _edit_regions, _hits, _mentions, _word_tokens
from wiretrace.records import DiffType, Doc, Mention, Sentence
from wiretrace.segment import WORD, word_zipf
from wiretrace.segment.numbers import converts, unit_of, unit_size, units_of, units_span


class _FactDiffer(_DifferState):
    """Diffs the facts of aligned passages: figures, units, dates and names."""

    # -- facts -------------------------------------------------------------------------------
    def _numbers(self, s_sents: list[Sentence], c_sents: list[Sentence],
                 clauses: list[_Clause] | None = None, swapped: set[Mention] | None = None) -> list[tuple[int, int]]:
        # a figure put in another's place (``_swaps``) is reported there
        s_m = [m for s in s_sents for m in s.mentions if m.kind == "number" and m not in (swapped or ())]
        c_m = [m for s in c_sents for m in s.mentions if m.kind == "number" and m not in (swapped or ())]
        if self.facts_limited:
            # only figures in digits, and not the month or day of a Chinese or Japanese date ("12 月 24 日"):
            # dates are not compared here
            s_m = [m for m in s_m if _digit_figure(self.src.text, m)]
            c_m = [m for m in c_m if _digit_figure(self.cp.text, m)]
        # "first" and "second" are read as no figure (they are other words too), but they are the "1re" or
        # "2nd" of the other side: a digit ordinal of 1 or 2 is kept where the other text has the word.
        # A bare day of a range ("21" of "Oct. 11-21") is the figure of a text that reads no range there.
        src_have = (self.src_numbers | _clock_values(self.src_dates) | self.src_days
                    | _first_second(self.src.text, self.cp.text, c_m))
        cp_have = (self.cp_numbers | _clock_values(self.cp_dates) | self.cp_days
                   | _first_second(self.cp.text, self.src.text, s_m))
        # A share or a sum is that figure only with its unit: "up 14 percent" is news in a source whose 14 counts
        # companies.
        extra_c = _unmatched(c_m, Counter(m.key for m in s_m), lambda m: not _has_value(src_have, m) or (
            self._unit_lost(self.cp, m, self.src)))
        extra_s = _unmatched(s_m, Counter(m.key for m in c_m), lambda m: not _has_value(cp_have, m) or (
            self._unit_lost(self.src, m, self.cp)))
        # "both" is read as two so that it matches "two" ("les deux"); "both X and Y" -> "X and Y" says the same
        extra_c = [m for m in extra_c if m.text.casefold() not in _BOTH]
        extra_s = [m for m in extra_s if m.text.casefold() not in _BOTH]
        # a year the other passage says as its decade, which no figure reads ("os anos 1990" = "the 1990s")
        decades_s, decades_c = _decades_said(" ".join(s.text for s in s_sents)), _decades_said(
            " ".join(s.text for s in c_sents))
        extra_c = [m for m in extra_c if not (m.key in decades_s and m.text.strip().isdigit())]
        extra_s = [m for m in extra_s if not (m.key in decades_c and m.text.strip().isdigit())]
        # a copy that ran its paragraphs together says the source's title and date line in its head: each figure
        # of those once ("welcomes 70 ships ... expects 70 ships" against a title of 70 and a body of 50)
        carried = self.carried_numbers.copy()
        extra_c = [m for m in extra_c if not (self._head_carried(m, c_sents) and _take(carried, m))]
        if self.cfg.bracket_conversions:  # "150 metres (492 feet)": the figure in brackets converts the one before
            extra_c = [m for m in extra_c if not self._bracket_conversion(self.cp, m)]
            extra_s = [m for m in extra_s if not self._bracket_conversion(self.src, m)]
        if self.cross_language:
            # Another language's passage may say a figure with no figure numbers.py reads: a 1 as "once" or "a"
            # before the same counted thing ("1週間に1度" = "once a week"), a year as "this year" ("今年" = 2021,
            # by the article's date), a count of digits as a vague magnitude ("sechsstellig" = "plusieurs
            # centaines de milliers"), a Roman numeral ("the starting XV"), "двое суток" (48 hours).
            c_text, s_text = " ".join(s.text for s in c_sents), " ".join(s.text for s in s_sents)
            undated = self.cfg.undated_relative_years
            extra_c = _not_said_otherwise(extra_c, self.cp.text, s_text, self.ref_src, self.src.article.language,
                                          undated=undated)
            extra_s = _not_said_otherwise(extra_s, self.src.text, c_text, self.ref_cp, self.cp.article.language,
                                          undated=undated)
        unit_s = {m: unit_of(self.src.text, m.start, m.end) for m in extra_s}
        unit_c = {m: unit_of(self.cp.text, m.start, m.end) for m in extra_c}
        # The same quantity in other units ("320 km" -> "200 miles"), or a round number the other language
        # rounds its own way ("une dizaine" -> "ein Dutzend"), is kept.
        for ms in list(extra_s):
            mc = next((c for c in extra_c if unit_s[ms] == unit_c[c] and (
                self._converted(ms, c) or _rounded(ms, c, self.cfg.round_number_tolerance)
                or _decade(self.src.text, ms, self.cp.text, c))), None)
            if mc is not None:
                extra_s.remove(ms)
                extra_c.remove(mc)
        # A figure in a clause the source does not support came with that clause: it is reported with
        # it ("up 14 percent on the previous year"), as added, never as a changed value of another figure.
        wide: dict[Mention, _Clause] = {}
        for mc in extra_c:
            cl = next((c for c in clauses or () if c.start <= mc.start and mc.end <= c.end), None)
            if cl is not None and cl.words > len(WORD.findall(mc.text)) and (
                    cl.support <= self.cfg.figure_clause_max_support):
                wide[mc] = cl
        spans = self._pair_up("number", extra_s, [m for m in extra_c if m not in wide],
                              lambda ms, mc: unit_s[ms] == unit_c[mc])
        done: set[tuple[int, int]] = set()
        for cl in wide.values():
            if (cl.start, cl.end) not in done:  # two figures of one clause: one item
                done.add((cl.start, cl.end))
                self.emit("added", "number", None, (self.cp.text[cl.start:cl.end], (cl.start, cl.end)))
                spans.append((cl.start, cl.end))
        return spans

    def _units(self, s_sents: list[Sentence], c_sents: list[Sentence]) -> list[tuple[int, int]]:
        """Figures the copy keeps that count another unit or currency ("150 metres" -> "150 feet", "23 million crowns"
        -> "23 million euros", "$5" -> "5 euros"): changed figures, with their units. Within one language, where
        both sides' units are read (``units_of``) and share nothing."""
        spans = []
        la, lc = self.src.article.language, self.cp.article.language
        for ms, mc, _qs, _qc in self._kept_figures(s_sents, c_sents):
            us, uc = units_of(self.src.text, ms.start, ms.end, la), units_of(self.cp.text, mc.start, mc.end, lc)
            if us is None or uc is None or us & uc:
                continue
            s_span = units_span(self.src.text, ms.start, ms.end, la)
            c_span = units_span(self.cp.text, mc.start, mc.end, lc)
            self.emit("changed", "number", (self.src.text[s_span[0]:s_span[1]], s_span),
                      (self.cp.text[c_span[0]:c_span[1]], c_span))
            self.reported_src.append(s_span)
            spans.append(c_span)
        return spans

    def _swaps(self, s_sents: list[Sentence], c_sents: list[Sentence]) -> tuple[set[Mention], list[tuple[int, int]]]:
        """In a lexically edited passage, one value put in another's place word for word (a replacement of one to
        three words in the aligned word sequences): an ordinal for one of another value ("second" -> "third"; with
        ``figure_swaps`` any figure, "four" -> "three"), reported as a changed figure, or a season for another
        ("spring" -> "autumn"), a changed date. The figures are reported here whatever the rest of the article says
        (``_numbers`` reads a figure as moved when its value is said elsewhere). Returns the figure mentions taken and
        the copy's spans."""
        from rapidfuzz.distance import Levenshtein

        s_tok, c_tok = _word_tokens(s_sents), _word_tokens(c_sents)
        s_fig = [m for s in s_sents for m in s.mentions if m.kind == "number"]
        c_fig = [m for s in c_sents for m in s.mentions if m.kind == "number"]
        s_dates = [(m.start, m.end) for s in s_sents for m in s.mentions if m.kind == "date"]
        c_dates = [(m.start, m.end) for s in c_sents for m in s.mentions if m.kind == "date"]
        la, lc = self.src.article.language, self.cp.article.language
        taken: set[Mention] = set()
        spans: list[tuple[int, int]] = []
        for op in Levenshtein.opcodes([t[0] for t in s_tok], [t[0] for t in c_tok]):
            if op.tag != "replace" or op.src_end - op.src_start > 3 or op.dest_end - op.dest_start > 3:
                continue
            s_part, c_part = s_tok[op.src_start:op.src_end], c_tok[op.dest_start:op.dest_end]
            if _hits((s_part[0][1], s_part[-1][2]), s_dates) or _hits((c_part[0][1], c_part[-1][2]), c_dates):
                continue  # a date's day ("March 4th" -> "March 5th"): ``_dates`` compares it
            s_val, c_val = _value_in(s_part, s_fig, la), _value_in(c_part, c_fig, lc)
            typ: DiffType = "number"
            if not self.cfg.figure_swaps and not (_ordinal_in(s_part, la) and _ordinal_in(c_part, lc)):
                s_val = c_val = None  # an ordinal for an ordinal only
            if s_val is None or c_val is None:
                s_val, c_val = _season_in(s_part, la, self.src.text), _season_in(c_part, lc, self.cp.text)
                typ = "date"
                if s_val and c_val and (s_val[0][:5] == "name:") != (c_val[0][:5] == "name:"):
                    continue  # a name for a date ("the Prague Spring" -> "in the spring"): not read here
                if s_val and s_val[0][:5] == "name:":
                    typ = "name"  # "the Arab Spring" -> "the Arab Winter"
            if s_val is None or c_val is None or s_val[0] == c_val[0] or (
                    s_val[2] is not None and c_val[2] is not None and (
                        _other_reading(s_val[2]) == c_val[0] or _other_reading(c_val[2]) == s_val[0])):
                continue
            (_k, s_span, ms), (_l, c_span, mc) = s_val, c_val
            self.emit("changed", typ, (self.src.text[s_span[0]:s_span[1]], s_span),
                      (self.cp.text[c_span[0]:c_span[1]], c_span))
            taken |= {m for m in (ms, mc) if m is not None}
            self.reported_src.append(s_span)
            spans.append(c_span)
        return taken, spans

    def _unit_lost(self, doc: Doc, m: Mention, other: Doc) -> bool:
        """Whether a figure of ``doc`` counting a share or a sum ("14 percent", "$40") has no figure of the same
        value and kind anywhere in ``other`` (which may hold the value as a count of something else). The value
        read the other way of a lone separator ("2,180 yen" / "2.180 yen", see ``_other_reading``) is the same."""
        unit = unit_of(doc.text, m.start, m.end)
        if unit not in _STRONG_UNITS or self.facts_limited:
            return False

        def read_so(d: Doc, o: Mention) -> str | None:  # only a copy's sum in a form its language writes no sum in
            return (_other_reading(o) if d is self.cp and unit == "money" and not self.cross_language
                    and _foreign_sum(o, d) else None)

        values = {m.key, read_so(doc, m)}
        return not any((o.key in values or read_so(other, o) == m.key) and unit_of(other.text, o.start, o.end) == unit
                       for o in _mentions(other, "number"))

    def _bracket_conversion(self, doc: Doc, m: Mention) -> bool:
        """Whether the figure ``m`` of ``doc`` stands alone in brackets right after a figure that it converts into
        another unit of the same kind (``bracket_conversions``): "150 metres (492 feet)", "40 miles (64 km)",
        "$10m (€9.2m)". Units of fixed size agree within ``unit_conversion_tolerance`` (``numbers.converts``); two
        currencies, which have no fixed rate, within a factor of ``bracket_money_ratio``."""
        text, language = doc.text, doc.article.language
        units = units_of(text, m.start, m.end, language)
        if units is None:
            return False
        lo, hi = units_span(text, m.start, m.end, language)
        before = _ABOUT_BEFORE.sub("", text[:lo].rstrip()).rstrip()  # "(about 3.8 litres)", "（約3.8リットル）"
        if not before.endswith(("(", "\uff08")) or not text[hi:].lstrip().startswith((")", "\uff09")):
            return False
        paren = len(before) - 1
        prev = next((o for o in _mentions(doc, "number") if o.end <= paren and (
            (end := units_span(text, o.start, o.end, language)[1]) <= paren and not text[end:paren].strip())), None)
        prev_units = units_of(text, prev.start, prev.end, language) if prev is not None else None
        if prev is None or prev_units is None:
            return False
        try:
            x, y = float(prev.key), float(m.key)
        except ValueError:
            return False
        a_money, b_money = _currencies(prev_units), _currencies(units)
        if a_money and b_money:
            ratio = self.cfg.bracket_money_ratio
            return not (a_money & b_money) and x > 0 and y > 0 and 1 / ratio <= y / x <= ratio
        return converts(prev_units, x, units, y, self.cfg.unit_conversion_tolerance)

    def _converted(self, ms: Mention, mc: Mention) -> bool:
        """Whether two figures are one quantity in two units of fixed size (within ``unit_conversion_tolerance``:
        a translator rounds "320 km" to "200 miles")."""
        fs, fc = unit_size(self.src.text, ms.start, ms.end), unit_size(self.cp.text, mc.start, mc.end)
        if fs is None or fc is None or fs == fc:
            return False
        try:
            a, b = float(ms.key) * fs, float(mc.key) * fc
        except ValueError:
            return False
        return abs(a - b) <= self.cfg.unit_conversion_tolerance * max(a, b)

    def _dates(self, s_sents: list[Sentence], c_sents: list[Sentence]) -> list[tuple[int, int]]:
        if self.facts_limited:  # no date reader on one side: its dates would all look dropped or added
            return self._month_days(s_sents, c_sents) if self.month_days else []
        s_m = [m for s in s_sents for m in s.mentions if m.kind == "date"]
        c_m = [m for s in c_sents for m in s.mentions if m.kind == "date"]
        s_vals = _date_values(s_m, self.ref_src)
        c_vals = _date_values(c_m, self.ref_cp)
        # A date of the passage the other side's passage lacks, against one of the same kind (a weekday for a
        # weekday, a day of a month for a day of a month) that only the other side's passage has, is one date
        # changed, even where both dates occur elsewhere in the articles ("Tuesday ... more was expected
        # Wednesday" -> "... Thursday", the story's Thursday said further down).
        lost = [m for m in s_m if not (_date_keys(m, self.ref_src) & c_vals)]
        gained = [m for m in c_m if not (_date_keys(m, self.ref_cp) & s_vals) and not self._head_carried(m, c_sents)]
        swapped: list[tuple[Mention, Mention]] = []
        for ms in lost:
            mc = next((m for m in gained if _date_kind(m) == _date_kind(ms)), None)
            if mc is not None:
                gained.remove(mc)
                swapped.append((ms, mc))
        for ms, mc in swapped:
            self.emit("changed", "date", (ms.text, (ms.start, ms.end)), (mc.text, (mc.start, mc.end)))
        paired = {m for pair in swapped for m in pair}
        # A clock time the other side writes as a figure ("19 Uhr" = "19 heures", which is no time mention)
        # is kept, as ``_numbers`` keeps the figure against the clock time.
        extra_c = [m for m in c_m if m not in paired and not (_date_keys(m, self.ref_cp) & (s_vals | self.src_dates))
                   and not ((_clock_values({m.key}) | _bare_days([m])) & self.src_numbers)
                   and not self._head_carried(m, c_sents)]
        extra_s = [m for m in s_m if m not in paired and not (_date_keys(m, self.ref_src) & (c_vals | self.cp_dates))
                   and not ((_clock_values({m.key}) | _bare_days([m])) & self.cp_numbers)]
        # "today" said as "currently" / "now" by the other side's passage is the same present, no date added
        # or dropped ("the explanation currently being offered" -> "the explanation being offered today").
        extra_c = [m for m in extra_c if not (m.key == "rel:0" and _says_now(s_sents))]
        extra_s = [m for m in extra_s if not (m.key == "rel:0" and _says_now(c_sents))]
        return [(mc.start, mc.end) for _ms, mc in swapped] + self._pair_up("date", extra_s, extra_c)

    def _month_days(self, s_sents: list[Sentence], c_sents: list[Sentence]) -> list[tuple[int, int]]:
        """Where facts are limited (``month_days_across``): the dates with a month and a day that the passage lost
        (none of the copy's dates says that day), each against one it gained, in reading order, as changed dates."""
        lost = [m for m, k in _month_days(self.src, s_sents) if k not in self.cp_month_days]
        gained = [m for m, k in _month_days(self.cp, c_sents) if k not in self.src_month_days]
        for ms, mc in zip(lost, gained, strict=False):
            self.emit("changed", "date", (ms.text, (ms.start, ms.end)), (mc.text, (mc.start, mc.end)))
        return [(mc.start, mc.end) for mc in gained[:len(lost)]]

    def _pair_up(self, typ: DiffType, extra_s: list[Mention], extra_c: list[Mention],
                 same_kind: Callable[[Mention, Mention], bool] = lambda _s, _c: True) -> list[tuple[int, int]]:
        """A dropped and an added fact in one passage are one changed fact when they are of the same kind
        (for figures: the same unit, or both bare counts); taken in reading order."""
        left = list(extra_c)
        for ms in extra_s:
            mc = next((c for c in left if same_kind(ms, c)), None)
            if mc is None:
                span = _figure_span(self.src.text, ms) if typ == "number" else (ms.start, ms.end)
                self.emit("dropped", typ, (self.src.text[span[0]:span[1]], span), None)
                continue
            left.remove(mc)
            self.emit("changed", typ, (ms.text, (ms.start, ms.end)), (mc.text, (mc.start, mc.end)))
        for mc in left:
            span = _figure_span(self.cp.text, mc) if typ == "number" else (mc.start, mc.end)
            self.emit("added", typ, None, (self.cp.text[span[0]:span[1]], span))
        return [(m.start, m.end) for m in extra_c]

    def _kept_figures(self, s_sents: list[Sentence], c_sents: list[Sentence]) -> list[
            tuple[Mention, Mention, list[tuple[int, int]], list[tuple[int, int]]]]:
        """The figures the copy's passage keeps, each source figure with a copy figure of the same value (a figure
        whose value changed is a number's business), and the qualifier chains of both (``_qualifier_chain``). Of
        several figures of one value, one that counts the same word is taken first ("more than 10 boats and fewer
        than 10 ferries" -> "fewer than 10 ferries and more than 10 boats"), the rest in reading order. An "over" /
        "under" that the other side says with a preposition in its place ("spread over 3 years" -> "spread across
        3 years", "under 12" -> "below 12") is that preposition, no qualifier."""
        s_nums = [m for s in s_sents for m in s.mentions if m.kind == "number"]
        c_nums = [m for s in c_sents for m in s.mentions if m.kind == "number"]
        paired: dict[Mention, Mention] = {}
        for same_word in (True, False):
            for ms in s_nums:
                word = _word_after(self.src.text, ms.end)
                mc = next((m for m in c_nums if m.key == ms.key and ms not in paired and (
                    not same_word or (word is not None and _word_after(self.cp.text, m.end) == word))), None)
                if mc is not None:
                    paired[ms] = mc
                    c_nums.remove(mc)
        out = []
        for ms in s_nums:
            if ms not in paired:
                continue
            mc = paired[ms]
            qs, qc = _qualifier_chain(self.src.text, ms.start), _qualifier_chain(self.cp.text, mc.start)
            qs_, qc_ = (_preposition_off(self.src.text, qs, self.cp.text, qc, mc.start),
                        _preposition_off(self.cp.text, qc, self.src.text, qs, ms.start))
            out.append((ms, mc, qs_, qc_))
        return out

    def _names(self, s_sents: list[Sentence], c_sents: list[Sentence]) -> list[tuple[int, int]]:
        from rapidfuzz import fuzz

        s_tokens = [t for s in s_sents for t in _mention_tokens(s.mentions, "name", self.cfg.min_name_token)]
        c_tokens = [t for s in c_sents for t in _mention_tokens(s.mentions, "name", self.cfg.min_name_token)]
        # A name the passage lost, against a spelling the source never uses: a farm misspells a name
        # once and keeps it right elsewhere, so "missing" is read in this passage, "new" in the whole
        # source (a name moved to another sentence is neither).
        # counted, not as a set: "Claure ... Claure" -> "Cluare ... Claure" lost one
        in_passage = Counter(t[0] for t in c_tokens)
        missing = []
        for t in s_tokens:
            if in_passage[t[0]] > 0:
                in_passage[t[0]] -= 1
            else:
                missing.append(t)
        new = [t for t in c_tokens if t[0] not in self.src_name_tokens]
        if not self.cross_language:
            # The same on the source's side: a name the source writes once, at a sentence's start ("Wistron
            # and Global Lighting ..."), is no name mention there, yet a copy that spells it otherwise
            # changed it; a capitalised word the copy never writes is a candidate.
            missing += self._capitalised(s_sents, s_tokens, self.cp_words)
            # The new spelling may open a sentence, where a capital says nothing ("Kovalczik said ..."):
            # a capitalised word the source never writes is a candidate too.
            new += self._capitalised(c_sents, c_tokens, self.src_words)
        spans = []
        taken: set[int] = set()
        for key, text, span in missing:
            best, best_k = 0.0, -1
            for k, (ckey, _ct, _cs) in enumerate(new):
                score = fuzz.ratio(key, ckey)
                if k not in taken and score > best:
                    best, best_k = score, k
            if best >= self.cfg.name_similarity_min:
                taken.add(best_k)
                ckey, ctext, cspan = new[best_k]
                if _derived(key, ckey) or (self.cross_language and (
                        self._translated(text, ctext) or _common_word(text, self.src.text)
                        or _common_word(ctext, self.cp.text))) or (
                        not self.cross_language and (self._words(key, ckey) or self._glued(key, ckey))):
                    continue
                if (not self.cross_language and self._as_written(text, ctext)) or (
                        self.cfg.name_script_glue and _script_glued(key, ckey)):
                    # one word or name in another form (German nouns, a name with Chinese glued on): no changed
                    # name, but its span is accounted for as the name item had it (no clause's unsupported
                    # content, no word edit of its own)
                    spans.append(cspan)
                    continue
                self.emit("changed", "name", (text, span), (ctext, cspan))
                spans.append(cspan)
        return spans

    def _name_swaps(self, s_sents: list[Sentence], c_sents: list[Sentence],
                    reported: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Within one language, in a lexically edited passage: a name put in the place of an unlike one (``name_swaps``;
        a name spelled otherwise is ``_names``'). In one edit region of the aligned word sequences, name-mention words
        of the source that the copy never writes against name-mention words of the copy that the source never writes
        ("Maren Thalbeck" -> "Ilse Brandt"). Not a name moved or said elsewhere (the other text writes it), a pronoun
        or title in its place (no name there), a case or typography difference (one name key), a derived form
        ("Korea" / "Korean"), or two ordinary words of the language (``same_language_word_zipf``)."""
        from rapidfuzz import fuzz

        s_names = self._swap_names(self.src, s_sents)
        c_names = self._swap_names(self.cp, c_sents)
        s_tok, c_tok = _word_tokens(s_sents), _word_tokens(c_sents)
        spans = []
        for s_lo, s_hi, c_lo, c_hi in _edit_regions([t[0] for t in s_tok], [t[0] for t in c_tok]):
            lost = [t for t in s_tok[s_lo:s_hi] if (t[1], t[2]) in s_names and _name_key(t[0]) not in self.cp_words]
            new = [t for t in c_tok[c_lo:c_hi] if (t[1], t[2]) in c_names and _name_key(t[0]) not in self.src_words]
            if not lost or not new:
                continue
            s_span, c_span = (lost[0][1], lost[-1][2]), (new[0][1], new[-1][2])
            if _hits(c_span, reported) or _hits(s_span, self.reported_src):
                continue
            s_keys, c_keys = [_name_key(t[0]) for t in lost], [_name_key(t[0]) for t in new]
            if any(_derived(a, b) or self._glued(a, b) or fuzz.ratio(a, b) >= self.cfg.name_similarity_min
                   for a in s_keys for b in c_keys) or all(self._words(a, b) for a in s_keys for b in c_keys):
                continue  # one name in another form, or spelled alike (``_names`` has read it), or word for word
            if self._pivot_words(s_keys) or self._pivot_words(c_keys):
                continue  # a word of the round trip's pivot language left in or taken out ("All" -> "Todos")
            self.emit("changed", "name", (self.src.text[s_span[0]:s_span[1]], s_span),
                      (self.cp.text[c_span[0]:c_span[1]], c_span))
            self.reported_src.append(s_span)
            self.swapped_names.append(c_span)
            spans.append(c_span)
        return spans

    def _pivot_words(self, keys: list[str]) -> bool:
        """Whether every one of ``keys`` is a word of a pivot language (``name_swap_pivot_languages``, not the
        text's): Zipf at or above ``pivot_word_zipf`` there and ``pivot_word_margin`` above its Zipf in the text's
        language ("todos": 6.1 in Portuguese, 2.6 in English; "Maria": 5.2 / 4.3, a name of both)."""
        own = self.src.article.language or "en"
        langs = [lang for lang in self.cfg.name_swap_pivot_languages if lang != own]

        def pivot(word: str) -> bool:
            here = word_zipf(word, own) or 0.0
            return any((z := word_zipf(word, lang) or 0.0) >= self.cfg.pivot_word_zipf
                       and z - here >= self.cfg.pivot_word_margin for lang in langs)

        return bool(langs and keys) and all(pivot(_bare(k)) for k in keys)

    def _swap_names(self, doc: Doc, sents: list[Sentence]) -> set[tuple[int, int]]:
        """The spans of the name-mention words of ``sents`` that ``_name_swaps`` reads: capitalised where a capital
        says something (not at a sentence's, a line's, a quotation's or a bracket's start, nor after a colon or a
        dash), or written so elsewhere in ``doc`` ("Thought I did my part" opens a quotation: no name)."""
        tokens = [t for s in sents for t in _mention_tokens(s.mentions, "name", self.cfg.min_name_token)]
        inside = {k for k, t in enumerate(tokens) if not _initial(doc.text, t[2][0])}
        if len(inside) == len(tokens):
            return {t[2] for t in tokens}
        named = self.mid_names.get(id(doc))
        if named is None:
            named = {key for s in doc.sentences for key, _w, span in _mention_tokens(s.mentions, "name", 1)
                     if not _initial(doc.text, span[0])}
            self.mid_names[id(doc)] = named
        return {t[2] for k, t in enumerate(tokens) if k in inside or t[0] in named}

    def _capitalised(self, sents: list[Sentence], tokens: list[tuple[str, str, tuple[int, int]]],
                     other_words: set[str]) -> list[tuple[str, str, tuple[int, int]]]:
        """Name candidates beyond the name mentions ``tokens``: capitalised words of ``sents`` (long enough to
        be a name token) that are no mention already and that the other article never writes."""
        seen = {t[2] for t in tokens}
        out = []
        for s in sents:
            for w in WORD.finditer(s.text):
                word, span = w.group(), (s.start + w.start(), s.start + w.end())
                if (word[:1].isupper() and len(word) >= self.cfg.min_name_token and span not in seen
                        and _name_key(word) not in other_words):
                    out.append((_name_key(word), word, span))
        return out

    def _words(self, src_key: str, cp_key: str) -> bool:
        """Within one language: both forms are ordinary words of it (wordfreq Zipf at or above
        ``same_language_word_zipf``): a word swapped for another ("Theatre" -> "Theater", "Economics" ->
        "Economy", "Isles" -> "Islands"), rewording, not a name spelled differently."""
        language = self.src.article.language
        floor = self.cfg.same_language_word_zipf
        return ((word_zipf(_bare(src_key), language) or 0.0) >= floor
                and (word_zipf(_bare(cp_key), language) or 0.0) >= floor)

    def _as_written(self, src_text: str, cp_text: str) -> bool:
        """Within one language, a name pair that is no name change read on the words as written, accents kept
        (``_words`` reads the folded keys): both forms ordinary words of the language (``name_words_as_written``:
        "Krankenhaus" / "Krankenhäuser"), or, in a language that capitalises its nouns, a compound against the
        ordinary word it ends or starts with, or a noun with an ending against the noun (``name_compounds``:
        "Abstimmung" / "Mehrheitsabstimmung", "Impfprogramm" / "Impfprogramme")."""
        s, c = _bare(src_text), _bare(cp_text)
        if self.cfg.name_words_as_written and self._words(s, c):
            return True
        language = self.src.article.language
        if not self.cfg.name_compounds or language not in NOUN_CAPITALISING:
            return False

        def is_word(w: str) -> bool:
            return (word_zipf(w, language) or 0.0) >= self.cfg.same_language_word_zipf

        return _compound_of(s, c, is_word) or _inflected_of(s, c, is_word)

    def _glued(self, src_key: str, cp_key: str) -> bool:
        """Within one language: one form is the other with a common word glued on, a space lost ("Cook" ->
        "CookYou", "Taylor" -> "TaylorThe", "Filsaimewith" -> "Filsaime"): the name is the same. The glued
        word must be among the language's commonest (wordfreq Zipf at or above ``glued_word_zipf``: "the",
        "you", "with"), so no ending or letter a misspelling adds counts."""
        short, long_ = sorted((src_key, cp_key), key=len)
        rest = long_[len(short):]
        if len(short) < self.cfg.min_name_token or len(rest) < 3 or not long_.startswith(short):
            return False
        return (word_zipf(rest, self.src.article.language) or 0.0) >= self.cfg.glued_word_zipf

    def _translated(self, src_text: str, cp_text: str) -> bool:
        """Across languages: is ``cp_text`` the copy language's form of ``src_text`` rather than a misspelling?

        Yes when one form is a part of the other ("Landungsbrücken" -> "Landungsbrücken-Piers"), or when
        both are ordinary words of their own language (a cognate or exonym: "Lisbon" -> "Lisboa",
        "Senate" -> "Senat"). A person's surname is rare as a word in the source language, and its
        misspelling rarer still in the copy's, so "Zamudio" -> "Samudio" and "Seo" -> "Soe" stay changes.
        """
        s, c = _bare(src_text), _bare(cp_text)
        sl, cl = self.src.article.language, self.cp.article.language
        strict = self.cfg.name_endings
        if s in _PARTS.split(c) or c in _PARTS.split(s) or _transliterated(s, c, sl, cl, endings=strict):
            return True
        if _exonym(s, c):
            # another ending vowel makes an exonym of a place ("Europe" / "Europa") but a misspelling of a
            # surname ("Brekke" / "Brekka"): one form must be a word or a known place (``name_endings``)
            return not strict or not _vowel_ending_swapped(s, c) or _known_form(s, sl) or _known_form(c, cl)
        # A language wordfreq does not know counts as no word: every difference is reported.
        return ((word_zipf(c, self.cp.article.language) or 0.0) >= self.cfg.cross_language_word_zipf
                and (word_zipf(s, self.src.article.language) or 0.0) >= self.cfg.cross_language_source_zipf)
