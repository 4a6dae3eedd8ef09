"""The diff's entry point (``diff``): ``_Differ`` walks the alignment passage by passage, reads what an unaligned
sentence carries (dropped or added, merged into a neighbour, said in the other side's title or furniture), counts a
changed name once, and puts findings before rewording.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import replace

import numpy as np

from wiretrace.cues import attribution_spans, cue_words, negation_equivalents
from wiretrace.diff.claims import _added_type, _quoted, _sentence_type
from wiretrace.diff.config import DiffConfig
from wiretrace.diff.dates import _month_days
from wiretrace.diff.figures import _digit_figure, _figure_span, _has_value
from wiretrace.diff.meaning import _negating, _with_one
from wiretrace.diff.names import _last_name_key
from wiretrace.diff.text import _content_words, _quotation_piece, _with_previous
from wiretrace.diff.wording import _WordingDiffer
from wiretrace.records import DERIVED_KINDS, AlignedPair, Alignment, DiffItem, Doc, Mention, Relation, Sentence
from wiretrace.segment import WORD


def diff(
    a: Doc, b: Doc, alignment: Alignment, relation: Relation, cfg: DiffConfig | None = None, *,
    embed: Callable[[list[str], str | None], np.ndarray] | None = None,
) -> tuple[DiffItem, ...]:
    """Return what the copy added, dropped and changed; empty when neither article is derived from the other.

    "added" is relative to the source when one is named, else to ``a``. ``embed`` ((texts, language) -> L2-normalised
    vectors) lets the diff find a sentence dropped or added inside a translated or paraphrased one.
    """
    cfg = cfg or DiffConfig()
    if relation.kind not in DERIVED_KINDS:
        return ()
    flip = relation.source == "b"
    src, cp = (b, a) if flip else (a, b)
    pairs = [_flip(p) if flip else p for p in alignment.pairs]
    items = _once(_Differ(src, cp, cfg, flip, embed).run(pairs))
    return tuple(sorted(items, key=lambda d: not d.material))  # findings first, rewording after


def _once(items: list[DiffItem]) -> list[DiffItem]:
    """A name spelled differently is one change however often it occurs, possessive or not ("Europa's" ->
    "Europe" and "Europa" -> "Europe's" are one): the first item stands for all, with ``count`` the number
    of occurrences."""
    out: list[DiffItem] = []
    first: dict[tuple[str | None, str | None], int] = {}
    for d in items:
        if d.type == "name" and d.op == "changed":
            key = (_last_name_key(d.a_text or ""), _last_name_key(d.b_text or ""))
            if key in first:
                k = first[key]
                out[k] = replace(out[k], count=out[k].count + 1)
                continue
            first[key] = len(out)
        out.append(d)
    return out


def _said_words(text: str) -> tuple[str, ...]:
    """A sentence's words, case folded, without its punctuation: what ``_Differ._repeated`` compares."""
    return tuple(w.casefold() for w in WORD.findall(text))


def _flip(p: AlignedPair) -> AlignedPair:
    return AlignedPair(p.b_sents, p.a_sents, p.b_span, p.a_span, p.kind, p.score)



class _Differ(_WordingDiffer):
    """Diffs the copy against the source; items are emitted in a/b orientation."""

    def run(self, pairs: list[AlignedPair]) -> list[DiffItem]:
        used_src = {i for p in pairs for i in p.a_sents}
        used_cp = {j for p in pairs for j in p.b_sents}
        self.first_aligned_cp = min(used_cp, default=0)
        for p in pairs:
            s_sents = [self.src.sentences[i] for i in p.a_sents]
            c_sents = [self.cp.sentences[j] for j in p.b_sents]
            if p.kind == "exact":
                # the same words, but a currency sign may differ ("$23 million" -> "€23 million")
                if self.cfg.unit_changes and not self.cross_language and (
                        [s.text for s in s_sents] != [s.text for s in c_sents]):
                    self._units(s_sents, c_sents)
                continue
            reported: list[tuple[int, int]] = []
            clauses = (self._clauses(p, c_sents) if not self.cross_language and p.kind in ("edited", "paraphrase")
                       else [])
            swapped: set[Mention] = set()
            if not self.cross_language and p.kind == "edited" and self.cfg.value_swaps:
                swapped, spans = self._swaps(s_sents, c_sents)
                reported += spans
            reported += self._numbers(s_sents, c_sents, clauses, swapped)
            if not self.cross_language and p.kind in ("edited", "paraphrase") and self.cfg.unit_changes:
                reported += self._units(s_sents, c_sents)
            reported += self._dates(s_sents, c_sents)
            reported += self._names(s_sents, c_sents)
            if not self.cross_language and p.kind == "edited" and self.cfg.name_swaps:
                reported += self._name_swaps(s_sents, c_sents, reported)
            reported += self._opinion(s_sents, c_sents)
            reported += self._claims(c_sents, clauses, reported)
            if self.meaning_words and p.kind in ("edited", "paraphrase"):
                reported += self._meaning(s_sents, c_sents)
            if p.kind == "edited" and self.cfg.report_wording:
                self._wording(s_sents, c_sents, reported)
            elif p.kind in ("translated", "paraphrase") and self.embed is not None:
                self._pieces(s_sents, c_sents)
        said_src = self._said(self.src, used_src)
        for s in self.src.sentences:
            if s.index in used_src:
                continue
            if _said_words(s.text) in said_src:  # a repetition of an aligned sentence (``_said``)
                continue
            said = self._unsaid(s, pairs, copy_side=False)
            if said is None and not self._merged(s, pairs, copy_side=False):
                if not self._in_furniture(s, copy_side=False):
                    self.emit("dropped", _sentence_type(s.mentions, s.text), (s.text, (s.start, s.end)), None,
                              quoted=_quoted(s.mentions))
                else:
                    self._head_negations(s, copy_side=False)
            for a, b in said or ():
                self.emit("dropped", "attribution", (self.src.text[a:b], (a, b)), None)
        said_cp = self._said(self.cp, used_cp)
        for s in self.cp.sentences:
            if s.index in used_cp:
                continue
            if _said_words(s.text) in said_cp:
                continue
            said = self._unsaid(s, pairs, copy_side=True)
            if said is None and not self._merged(s, pairs, copy_side=True):
                if not self._in_furniture(s, copy_side=True):
                    self.emit("added", _added_type(s.mentions, s.text), None, (s.text, (s.start, s.end)),
                              quoted=_quoted(s.mentions))
                else:
                    self._head_negations(s, copy_side=True)
            for a, b in said or ():
                self.emit("added", "attribution", None, (self.cp.text[a:b], (a, b)))
        source_furniture = self.src.article.furniture()
        for text in self.cp.article.furniture():
            if text not in source_furniture:
                self.emit("added", "boilerplate", None, (text, None))  # type: ignore[arg-type]
        return self.items

    def _said(self, doc: Doc, aligned: set[int]) -> frozenset[tuple[str, ...]]:
        """The words (``_said_words``: case and punctuation aside, three words or more) of ``doc``'s aligned
        sentences, which an unaligned sentence of the same article repeats without adding or dropping anything
        (``DiffConfig.repeated_sentences``): a round trip that wrote "He had no drug history." twice, a story that
        repeats a line. A sentence new to the copy and written twice has no aligned twin and is still reported.
        Empty when the rule is off."""
        if not self.cfg.repeated_sentences:
            return frozenset()
        return frozenset(w for i in aligned if len(w := _said_words(doc.sentences[i].text)) >= 3)

    def _unsaid(self, s: Sentence, pairs: list[AlignedPair], *, copy_side: bool) -> list[tuple[int, int]] | None:
        """For an unaligned sentence that ``_merged`` turns down only for its attribution (its words and figures
        are in the neighbour's counterpart, who said it is not): the spans (document offsets) of the
        attribution phrases lost in the merge (gained, on the copy's side), to report instead of the whole
        sentence; None when that is not the case."""
        spans = attribution_spans(s.text)
        if not spans or self.cross_language or self._merged(s, pairs, copy_side=copy_side):
            return None
        if not self._merged(s, pairs, copy_side=copy_side, attribution=False):
            return None
        toks = [(w, s.start + a, s.start + b) for w, a, b in cue_words(s.text)]
        return [_with_previous(toks, (s.text[a:b], s.start + a, s.start + b)) for a, b in spans]

    def _merged(self, s: Sentence, pairs: list[AlignedPair], *, copy_side: bool, attribution: bool = True) -> bool:
        """Whether an unaligned sentence was merged into a neighbour rather than dropped (or, on the copy's
        side, split off a neighbour rather than added): within one language, at least
        ``merged_min_support`` of its content words are found (rapidfuzz ratio >= 80) among the words that
        the other side's counterpart of a neighbouring passage (one sentence away) has beyond that passage
        ("... is amazing." + "Also, they do it in a simple way." -> "... is amazing, and they do it in a
        simple way.")."""
        from rapidfuzz import fuzz, process

        if not WORD.search(s.text):
            return True  # no word at all (zero-width spaces, a rule of underscores): nothing was dropped
        if _quotation_piece(s, (self.cp if copy_side else self.src).sentences,
                            {i for p in pairs for i in (p.b_sents if copy_side else p.a_sents)}):
            return True
        if self.run_together and self._run_in(s, pairs, copy_side=copy_side):
            return True
        if self.cross_language:
            return self._merged_across(s, pairs, copy_side=copy_side)
        text = s.text
        if not attribution:
            # read without its attribution ("..., according to a group representing rural counties"): the
            # words a merge that lost the attribution no longer carries
            for a, b in attribution_spans(text):
                text = text[:a] + " " * (b - a) + text[b:]
        words = _content_words(text)
        if not words:
            return False
        mine, theirs = (self.cp, self.src) if copy_side else (self.src, self.cp)
        excess: Counter[str] = Counter()
        for p in pairs:
            own, other = (p.b_sents, p.a_sents) if copy_side else (p.a_sents, p.b_sents)
            if any(abs(i - s.index) <= 1 for i in own):
                excess += (Counter(_content_words(" ".join(theirs.sentences[j].text for j in other)))
                           - Counter(_content_words(" ".join(mine.sentences[i].text for i in own))))
        pool = sorted(excess)
        found = sum(1 for w in words if pool and process.extractOne(w, pool, scorer=fuzz.ratio, score_cutoff=80))
        if found / len(words) < self.cfg.merged_min_support:
            return False
        # what a merge keeps: every figure (somewhere in the other text) and who said it (in the neighbour)
        have = self.src_numbers if copy_side else self.cp_numbers
        if any(m.kind == "number" and not _has_value(have, m) for m in s.mentions):
            return False
        if not attribution:
            return True
        said = {s.text[a:b].split(maxsplit=1)[0].casefold() for a, b in attribution_spans(s.text)}
        return not said or said <= set(excess)

    def _in_furniture(self, s: Sentence, *, copy_side: bool) -> bool:
        """Whether an unaligned sentence is what the other article carries as a head line or furniture (its
        title, a kicker, a lede ingest set aside): one article's headline read as its first sentence while
        the other's is its title ("Wendy Rogers Calls New Zealand PM ..." against the copy's title), or a
        lede ingest read as a kicker on one side only. Read with the embedder: the sentence's cosine with one
        of those texts is at least ``furniture_min_similarity`` (``furniture_min_similarity_across`` across
        languages, where a translation's cosine is lower)."""
        if self.embed is None or len(WORD.findall(s.text)) < 3:
            return False
        mine, other = (self.cp, self.src) if copy_side else (self.src, self.cp)
        art = other.article
        texts = list(dict.fromkeys(t for t in (art.title, *art.boilerplate) if t and WORD.search(t)))
        if not texts:
            return False
        v = self.embed([s.text], mine.article.language)[0]
        sims = self.embed(texts, art.language) @ v
        floor = (self.cfg.furniture_min_similarity_across if self.cross_language
                 else self.cfg.furniture_min_similarity)
        return float(sims.max()) >= floor

    def _head_negations(self, s: Sentence, *, copy_side: bool) -> None:
        """An unaligned head sentence (one of its article's first three) that ``_in_furniture`` read as the other
        article's title still says its negations (``DiffConfig.head_negations``; within one language): those it
        has beyond the title's (a negation said without one, ``cues.negation_equivalents``, covers one) are
        reported, added in the copy or dropped from the source ("Noem is defending the campaign" as the title,
        "Noem is no longer defending the campaign" the copy's first sentence)."""
        mine, other = (self.cp, self.src) if copy_side else (self.src, self.cp)
        title = other.article.title
        if not self.cfg.head_negations or self.cross_language or s.index > 2 or not title:
            return
        toks = [(w, s.start + a, s.start + b) for w, a, b in cue_words(s.text)]
        t_tok = cue_words(title)
        hits, t_hits = _negating(toks, self.cfg), _negating(t_tok, self.cfg)
        cover = len(t_hits) + (len(negation_equivalents(t_tok)) if self.cfg.negation_equivalents else 0)
        for t in hits[cover:]:
            a, b = _with_one(toks, t, _with_previous(toks, t))
            if copy_side:
                self.emit("added", "negation", None, (mine.text[a:b], (a, b)))
            else:
                self.emit("dropped", "negation", (mine.text[a:b], (a, b)), None)

    def _merged_across(self, s: Sentence, pairs: list[AlignedPair], *, copy_side: bool) -> bool:
        """Across languages (words cannot be matched): whether an unaligned sentence was merged into a
        neighbouring passage's translation, read with the embedder: the passage with the sentence joined is
        closer to its counterpart than the passage alone (by more than ``merged_min_gain``), and every figure
        of the sentence is in the other text. A sentence really dropped only moves the passage away."""
        if self.embed is None:
            return False
        have = self.src_numbers if copy_side else self.cp_numbers
        if any(m.kind == "number" and not _has_value(have, m) for m in s.mentions):
            return False
        mine, theirs = (self.cp, self.src) if copy_side else (self.src, self.cp)
        for p in pairs:
            own, other = (p.b_sents, p.a_sents) if copy_side else (p.a_sents, p.b_sents)
            if not own or not other or not any(abs(i - s.index) == 1 for i in own):
                continue
            alone = " ".join(mine.sentences[i].text for i in own)
            joined = " ".join(mine.sentences[i].text for i in sorted({*own, s.index}))
            v_mine = self.embed([alone, joined], mine.article.language)
            v_other = self.embed([" ".join(theirs.sentences[j].text for j in other)], theirs.article.language)[0]
            if float(v_mine[1] @ v_other) - float(v_mine[0] @ v_other) > self.cfg.merged_min_gain:
                return True
        return False

    def _run_in(self, s: Sentence, pairs: list[AlignedPair], *, copy_side: bool) -> bool:
        """In a copy that ran its paragraphs together: whether an unaligned copy sentence is the source's title
        (one of its first three sentences, before every aligned one), or an unaligned source sentence a
        subheading (a paragraph of its own, no sentence end, no figure the copy lacks) that the copy ran into
        the sentence after it."""
        if copy_side:
            if not (s.index <= 2 and s.index < min((j for p in pairs for j in p.b_sents), default=0)):
                return False
            if s.index not in self.head_checked:  # what the source's title and head lines lack is reported, once
                self.head_checked.add(s.index)
                self._head_facts(s)
            return True
        text = self.src.text
        before, after = text[:s.start].rstrip(" \t"), text[s.end:].lstrip(" \t")
        own_paragraph = (not before or before.endswith("\n")) and (not after or after.startswith("\n"))
        heading = not s.text.rstrip().endswith((".", "!", "?", "…", ":", ";", ",", "\u3002", "\uff01", "\uff1f"))
        figures_kept = all(_has_value(self.cp_numbers, m) for m in s.mentions if m.kind == "number")
        return own_paragraph and heading and len(WORD.findall(s.text)) <= 20 and figures_kept

    def _head_facts(self, s: Sentence) -> None:
        """Report the figures and dates of a run-in head sentence of the copy that the source's title and head
        lines lack ("welcomes 90 cruise ships" against a title of 70; another day in the date line)."""
        for m in s.mentions:
            if m.kind == "number" and not (self.facts_limited and not _digit_figure(self.cp.text, m)) and (
                    not self._head_carried(m, [s])):
                span = _figure_span(self.cp.text, m)
                self.emit("added", "number", None, (self.cp.text[span[0]:span[1]], span))
            elif m.kind == "date" and not self.facts_limited and not self._head_carried(m, [s]):
                self.emit("added", "date", None, (m.text, (m.start, m.end)))
        if self.month_days and self.carried_month_days:  # a head line's date that the source's head lines lack
            for m, key in _month_days(self.cp, [s]):
                if key not in self.carried_month_days:
                    self.emit("added", "date", None, (m.text, (m.start, m.end)))
