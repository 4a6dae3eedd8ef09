"""The wording of an aligned passage (``_WordingDiffer``): inserted opinion, unsupported clauses, meaning words
(negation, hedges, attribution, qualifiers), word edits, and pieces dropped or added inside a translated sentence.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from wiretrace.cues import HEDGES, POSSIBILITY, cue_words, negation_equivalents
from wiretrace.diff.claims import (
    _CLAUSE_OF,
    _CONNECTIVE,
    _SHORT_WORDS,
    _TRIM,
    _added_type,
    _around,
    _Clause,
    _clause_type,
    _quoted,
    _sentence_type,
    _set_off_clause,
    _unsupported_set_off,
)
from wiretrace.diff.facts import _FactDiffer
from wiretrace.diff.meaning import (
    _APPARENTLY,
    _NO,
    _PERHAPS,
    _PRONOUNS,
    _aligned_first,
    _casefolded,
    _extra_attributions,
    _made_certain,
    _named,
    _near,
    _negating,
    _negation_forms,
    _no_longer_said,
    _no_longers,
    _nots_kept,
    _prepositions_as_not,
    _said_otherwise,
    _sayings,
    _seemings,
    _speakers_of,
    _unsupported,
    _with_one,
)
from wiretrace.diff.names import _name_key
from wiretrace.diff.opinion import _CLAUSE, CUE_LANGUAGES, _inserted_asides, _opinion_spans
from wiretrace.diff.qualifiers import _bound_class, _negates_bound, _qualifier_moved, _words_of
from wiretrace.diff.text import (
    _FUNCTION_WORDS,
    _closed,
    _content_words,
    _edit_regions,
    _hits,
    _pieces,
    _with_previous,
    _word_tokens,
)
from wiretrace.records import AlignedPair, DiffType, Doc, Sentence
from wiretrace.scripts import UNSPACED, UNSPACED_LANGUAGES
from wiretrace.segment import WORD

_UNSPACED_RUN = re.compile(f"[{UNSPACED}]+")


def _char_pairs(text: str) -> list[str]:
    """The pairs of neighbouring characters of ``text``'s runs of an unspaced script (Chinese, Japanese, Thai): what
    a clause of such a language is compared by, where a "word" between spaces or punctuation is a whole phrase."""
    return [run[k:k + 2] for m in _UNSPACED_RUN.finditer(text) for run in (m.group(),) for k in range(len(run) - 1)]


def _plain_content_words(text: str) -> list[str]:
    """``_content_words`` without contractions: "we're", "it's" are a pronoun and an auxiliary, function words
    however long."""
    return [w for w in _content_words(text) if "'" not in w and "\u2019" not in w]


def _found_share(words: list[str], pool: list[str]) -> float:
    """The share of ``words`` found in ``pool`` in the same or another form (rapidfuzz ratio >= 80); 0 with no words."""
    from rapidfuzz import fuzz, process

    if not words or not pool:
        return 0.0
    return sum(1 for w in words if process.extractOne(w, pool, scorer=fuzz.ratio, score_cutoff=80)) / len(words)


class _WordingDiffer(_FactDiffer):
    """Diffs the wording of aligned passages: opinion, claims, meaning words and word edits."""

    def _opinion(self, s_sents: list[Sentence], c_sents: list[Sentence]) -> list[tuple[int, int]]:
        if self.cross_language and self.src.article.language not in CUE_LANGUAGES:
            # Across languages a cue counts only where the source passage carries none, which can be read
            # only in a language the cue lists cover: a Russian or Japanese source's "of course" or
            # "clearly" would make the translation's read as inserted comment.
            return []
        s_text = " ".join(s.text for s in s_sents)
        s_words = [w.casefold() for w in WORD.findall(s_text) if len(w) > 3]
        spans = []
        for s in c_sents:
            # Numbers, dates and names the source lacks are facts, not comment.
            facts = [(m.start - s.start, m.end - s.start) for m in s.mentions
                     if m.kind in ("number", "date")
                     or (m.kind == "name" and not {_name_key(w) for w in WORD.findall(m.key)} <= self.src_name_tokens)]
            quotes = [(m.start - s.start, m.end - s.start) for m in s.mentions if m.kind == "quote"]
            found = _opinion_spans(s.text, s_text, cross_language=self.cross_language)
            if self.cross_language and found and self.embed is not None:
                found = [sp for sp in found if not self._translated_clause(s.text[sp[0]:sp[1]], s_text)]
            asides: list[tuple[int, int]] = []
            if not self.cross_language:  # word overlap means nothing across languages
                asides = _inserted_asides(s.text, s_words, self.cfg.aside_min_words, self.cfg.aside_max_overlap)
            found += [sp for sp in asides
                      if not _hits(sp, facts) and not _hits(sp, quotes) and not _hits(sp, found)]
            for start, end in sorted(found):
                span = (s.start + start, s.start + end)
                self.emit("added", "opinion", None, (s.text[start:end], span))
                spans.append(span)
        return spans

    def _said_nearby(self, text: str, sents: list[Sentence], *, other_side: Doc) -> bool:
        """Whether words only one side of an edited passage has are said by the other side's sentences around the
        passage (``sents``, one either side): at least ``merged_min_support`` of their content words (one or
        more) found there (rapidfuzz ratio >= 80). A round trip merges a sentence into its neighbour ("... out
        of the tournament. Now we are in a good position" -> "... out of the tournament, and now we're in a good
        position"), or moves a phrase inside the sentence ("It is expected that the council will approve" ->
        "The council is expected to approve"), and the moved words are no content of the copy's own; an
        inserted clause's words are nowhere near."""
        words = _plain_content_words(text)
        if not words:
            return False
        # one content word says little: it counts as moved only inside the same sentences ("It is expected
        # that" -> "is expected to"), not from a neighbour ("..., as did the company" after "The ferry company")
        near = 1 if len(words) >= 2 else 0
        lo, hi = min(s.index for s in sents) - near, max(s.index for s in sents) + near
        pool = sorted({w for s in other_side.sentences if lo <= s.index <= hi for w in _content_words(s.text)})
        return _found_share(words, pool) >= self.cfg.merged_min_support

    def _translated_clause(self, clause: str, source_passage: str) -> bool:
        """Across languages: whether a clause of the copy translates the aligned source passage or one of its
        clauses (two words or more): cosine at least ``opinion_translated_min_similarity``."""
        assert self.embed is not None
        pieces = [source_passage] + [m.group().strip() for m in _CLAUSE.finditer(source_passage)
                                     if len(WORD.findall(m.group())) >= 2]
        v = self.embed([clause], self.cp.article.language)[0]
        sims = self.embed(pieces, self.src.article.language) @ v
        return float(sims.max()) >= self.cfg.opinion_translated_min_similarity

    def _clauses(self, p: AlignedPair, c_sents: list[Sentence]) -> list[_Clause]:
        """The clauses of the copy's side of a passage, each with its support in the source around it."""
        from rapidfuzz import fuzz, process

        lo, hi = min(p.a_sents, default=0) - self.cfg.claim_window, max(p.a_sents, default=0) + self.cfg.claim_window
        near = {w.casefold() for s in self.src.sentences if lo <= s.index <= hi for w in WORD.findall(s.text)}
        # the figures of the aligned source sentences: a clause's figure found there supports it as a word does
        # ("in 70 ~ 90% of second-hand housing transactions" for "in 70-90% of used home sales"); not those of the
        # window, where a clause inserted with a figure meets the same value by chance more often
        src_figures = {m.key for i in p.a_sents for m in self.src.sentences[i].mentions if m.kind == "number"}
        pool = sorted(w for w in near if len(w) > 3)
        # a three-letter content word supports a word it is the stem of ("24-car pile-up" / "a stack of 24 cars"),
        # never by likeness ("old" is not "sold" or "gold"; "for" is no "fort")
        stems = {w for w in near if len(w) == 3 and w not in _FUNCTION_WORDS and w not in _SHORT_WORDS}

        def supported(w: str) -> bool:
            if any(w.startswith(t) and len(w) - 3 <= 2 for t in stems):
                return True
            return bool(pool) and process.extractOne(w, pool, scorer=fuzz.ratio, score_cutoff=80) is not None

        # in a language written without spaces a "word" is a phrase, which another writer's phrase never matches:
        # there the clause's pairs of characters are looked up too (``unspaced_clause_support``)
        unspaced = self.cfg.unspaced_clause_support and self.cp.article.language in UNSPACED_LANGUAGES
        near_pairs = ({g for s in self.src.sentences if lo <= s.index <= hi for g in _char_pairs(s.text)}
                      if unspaced else set())
        out = []
        for s in c_sents:
            numbers = [m for m in s.mentions if m.kind == "number"]
            figures = [(m.start - s.start, m.end - s.start) for m in numbers]
            for m in _CLAUSE_OF.finditer(s.text):
                clause = m.group()
                lead = len(clause) - len(clause.lstrip(_TRIM))
                a, b = m.start() + lead, m.end() - (len(clause) - len(clause.rstrip(_TRIM + ".")))
                if b <= a:
                    continue
                links = [mk.span() for mk in _CONNECTIVE.finditer(s.text, a, b)]
                words = [w for w in WORD.finditer(s.text, a, b) if not _hits(w.span(), links)]
                content = [w.group().casefold() for w in words if len(w.group()) > 3
                           and w.group().casefold() not in _FUNCTION_WORDS and not _hits((w.start(), w.end()), figures)]
                hits = [supported(w) for w in content]
                said = sum(1 for m in numbers if s.start + a <= m.start and m.end <= s.start + b
                           and m.key in src_figures)
                support = sum(hits) / len(hits) if hits else 1.0
                claim_support = (sum(hits) + said) / (len(hits) + said) if hits else 1.0
                if unspaced and hits:
                    # its words of other scripts as above, its phrases by their pairs of characters; the better of
                    # the two readings (a clause the phrases' reading supports less keeps its support). Only the
                    # claim reading: whether a figure the source lacks is reported with its clause stays as it was
                    grams = [g for w in content for g in _char_pairs(w)]
                    other = [supported(w) for w in content if not _UNSPACED_RUN.search(w)]
                    found, n = sum(other) + sum(1 for g in grams if g in near_pairs), len(other) + len(grams)
                    if n:
                        claim_support = max(claim_support, (found + said) / (n + said))
                out.append(_Clause(s.start + a, s.start + b, len(words), len(content), support, claim_support))
        return out

    def _claims(self, c_sents: list[Sentence], clauses: list[_Clause],
                reported: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Clauses of the copy the source does not support, typed by ``_clause_type``; a clause that holds
        an item already reported (an opinion, a figure with its clause) is not reported again."""
        spans = []
        mentions = [m for s in c_sents for m in s.mentions]
        for cl in clauses:
            span = (cl.start, cl.end)
            if any(cl.start <= a and b <= cl.end for a, b in reported):
                continue
            text = self.cp.text[cl.start:cl.end]
            typ = _clause_type(cl, text, [m for m in mentions if cl.start <= m.start and m.end <= cl.end], self.cfg)
            if typ is not None:
                self.emit("added", typ, None, (text, span))
                spans.append(span)
        return spans

    def _pieces(self, s_sents: list[Sentence], c_sents: list[Sentence]) -> None:
        """Sentences dropped or added inside a kept one, found by embedding each piece of the passage."""
        s_pieces = [pc for s in s_sents for pc in _pieces(s, self.cfg.piece_min_words)]
        c_pieces = [pc for s in c_sents for pc in _pieces(s, self.cfg.piece_min_words)]
        if len(s_pieces) == len(s_sents) and len(c_pieces) == len(c_sents):
            return  # no sentence holds more than one piece: the alignment has seen them all
        assert self.embed is not None
        doc_s, doc_c = self.src.text, self.cp.text
        vs = self.embed([doc_s[a:b] for a, b in s_pieces], self.src.article.language)
        vc = self.embed([doc_c[a:b] for a, b in c_pieces], self.cp.article.language)
        sim = vs @ vc.T
        low = self.cfg.piece_max_similarity
        if sim.max() < low:
            return  # no piece matches any other: nothing here to say which one is the extra
        for i, (a, b) in enumerate(s_pieces):
            if sim[i].max() < low:
                mentions = tuple(m for s in s_sents for m in s.mentions if m.start < b and a < m.end)
                self.emit("dropped", _sentence_type(mentions, doc_s[a:b]), (doc_s[a:b], (a, b)), None,
                          quoted=_quoted(mentions))
        for j, (a, b) in enumerate(c_pieces):
            if sim[:, j].max() < low:
                mentions = tuple(m for s in c_sents for m in s.mentions if m.start < b and a < m.end)
                self.emit("added", _added_type(mentions, doc_c[a:b]), None, (doc_c[a:b], (a, b)),
                          quoted=_quoted(mentions))

    # -- meaning words -----------------------------------------------------------------------
    def _merged_in(self, own: list[Sentence], other: list[Sentence], *, copy_side: bool) -> list[tuple[str, int, int]]:
        """The ``cue_words`` of the sentences next to a passage (``own``, the source's or, with ``copy_side``, the
        copy's) that the other side's passage (``other``) took in: at least ``merged_min_support`` of a neighbour's
        content words (two or more) are among the words ``other`` has beyond ``own`` ("... with the ferry team. We
        have no further comment" -> "... with the ferry team, and we don't have any more comments"). Their
        negations, hedges and verbs of saying are the passage's own, said in the other side's one sentence."""
        doc = self.cp if copy_side else self.src
        excess = Counter(_content_words(" ".join(s.text for s in other))) - Counter(
            _content_words(" ".join(s.text for s in own)))
        pool = sorted(excess)
        if not pool:
            return []
        out: list[tuple[str, int, int]] = []
        have = {s.index for s in own}
        for k in (min(have) - 1, max(have) + 1):
            if not 0 <= k < len(doc.sentences):
                continue
            n = doc.sentences[k]
            words = _content_words(n.text)
            if len(words) >= 2 and _found_share(words, pool) >= self.cfg.merged_min_support:
                out += [(w, n.start + a, n.start + b) for w, a, b in cue_words(n.text)]
        return out

    def _meaning(self, s_sents: list[Sentence], c_sents: list[Sentence]) -> list[tuple[int, int]]:
        """Negations, hedges, figure qualifiers and attributions the passage lost or gained."""
        s_tok = [(w, s.start + a, s.start + b) for s in s_sents for w, a, b in cue_words(s.text)]
        c_tok = [(w, s.start + a, s.start + b) for s in c_sents for w, a, b in cue_words(s.text)]
        # a neighbouring sentence the other side's passage took in (a merge the alignment left unaligned): its
        # meaning words cover the other side's, never reported themselves
        s_in = self._merged_in(s_sents, c_sents, copy_side=False)
        c_in = self._merged_in(c_sents, s_sents, copy_side=True)
        spans: list[tuple[int, int]] = []
        checks: tuple[tuple[Callable[[list[tuple[str, int, int]]], list[tuple[str, int, int]]], DiffType], ...] = (
            (lambda toks: _negating(toks, self.cfg), "negation"),
            (lambda toks: [t for t in toks if t[0] in HEDGES], "qualifier"))
        garbled = _prepositions_as_not(s_tok, c_tok)
        s_sure, c_sure = _made_certain(s_tok, c_tok), _made_certain(c_tok, s_tok)
        for find, typ in checks:
            s_hits, c_hits = find(s_tok), [t for t in find(c_tok) if t[1] not in garbled]
            # A class, not a word: "did not" -> "had no" keeps its negation; a hedge the other side says
            # with one more modal of possibility than this side has ("may" -> "could") is kept too.
            s_cover, c_cover = len(s_hits), len(c_hits)
            if typ == "negation":
                # A bare "not" with no auxiliary before it ("while not ideal", "not yet") is a denial in
                # the source, which a person wrote; in the copy it may be a translation's garbled
                # preposition ("plan not last year"), so there it keeps only a bare "not" of the source,
                # or one the word alignment matches to a source "not" (its auxiliary garbled: "do not
                # support" -> "of not support"), and is never reported added.
                # A source that is itself a machine translation (a round trip decided as the pair's source) has
                # such garbles too: its bare "not" where the other side has a preposition and no negation ("the
                # memorial not Sunday" / "the memorial on Sunday") is no denial either.
                s_garbled = _prepositions_as_not(c_tok, s_tok)
                s_bare = [t for t in s_tok if t[0] == "not" and t not in s_hits and t[1] not in s_garbled]
                c_bare = [t for t in c_tok if t[0] == "not" and t not in c_hits and t[1] not in garbled]
                kept = _nots_kept(s_tok, c_tok)
                s_hits = sorted(s_hits + s_bare, key=lambda t: t[1])
                s_cover = len(s_hits)
                # with ``no_longer_negation`` a bare "not" of the copy also covers a source "no longer" / "no
                # one" ("decided to no longer consider" -> "decided not to consider ... any more")
                s_no = sum(1 for t in s_hits if t[0] == "no")
                c_cover += max(sum(1 for t in c_bare if t[1] in kept), min(len(c_bare), len(s_bare) + s_no))
                # A negation said another way ("did not intend" / "had no intention", "no one" / "nobody",
                # "unclear" / "not clear", "has not yet" / "has yet to", "failed to" / "did not") is kept.
                s_more, c_more = _negation_forms(s_tok, c_tok, _prepositions_as_not(s_tok, c_tok, _NO),
                                                 no_longer=self.cfg.no_longer_negation,
                                                 no_one=self.cfg.no_one_negation)
                # a negation said as a bound the other way round ("cannot hold more than 40" / "at most 40")
                s_bound, c_bound = self._bounds_negated(s_sents, c_sents)
                s_cover, c_cover = s_cover + s_more + c_bound, c_cover + c_more + s_bound
                if self.cfg.negation_equivalents:
                    # denied without a negation word ("would not raise" / "ruled out", "suspended" / "will not run")
                    s_eq, c_eq = len(negation_equivalents(s_tok)), len(negation_equivalents(c_tok))
                    s_cover, c_cover = s_cover + max(0, s_eq - c_eq), c_cover + max(0, c_eq - s_eq)
                if self.cfg.no_longer_negation:
                    # a "no longer" said as a loss or a former state ("losing support" / "will no longer support")
                    s_nl, c_nl = _no_longers(s_hits, s_tok), _no_longers(c_hits, c_tok)
                    s_said, c_said = _no_longer_said(s_tok), _no_longer_said(c_tok)
                    s_cover += min(c_nl, max(0, s_said - c_said))
                    c_cover += min(s_nl, max(0, c_said - s_said))
                # a merged neighbour's negations ("We have no further comment" merged: "and we don't have ...")
                s_cover += sum(1 for t in s_in if t[0] in ("not", "no") or t in find(s_in))
                c_cover += sum(1 for t in c_in if t[0] in ("not", "no") or t in find(c_in))
            if typ == "qualifier":
                # a possibility the other side makes certain in its place ("could rise" -> "will rise")
                s_hits = sorted(s_hits + [t for t in s_sure if t not in s_hits], key=lambda t: t[1])
                c_hits = sorted(c_hits + [t for t in c_sure if t not in c_hits], key=lambda t: t[1])
                s_cover, c_cover = len(s_hits), len(c_hits)
                # a modal of possibility, or "maybe", the other side has one more of: a hedge said in its place
                s_poss = sum(1 for t in s_tok if t[0] in POSSIBILITY or t[0] in _PERHAPS)
                c_poss = sum(1 for t in c_tok if t[0] in POSSIBILITY or t[0] in _PERHAPS)
                s_cover, c_cover = s_cover + max(0, s_poss - c_poss), c_cover + max(0, c_poss - s_poss)
                # a merged neighbour's hedges and modals of possibility
                s_cover += sum(1 for t in s_in if t[0] in HEDGES or t[0] in POSSIBILITY or t[0] in _PERHAPS)
                c_cover += sum(1 for t in c_in if t[0] in HEDGES or t[0] in POSSIBILITY or t[0] in _PERHAPS)
                # "seemingly" / "it seems that" says what "apparently" says (and only that hedge)
                s_seem, c_seem = _seemings(s_tok), _seemings(c_tok)
                s_cover += min(max(0, s_seem - c_seem), sum(1 for t in c_hits if t[0] in _APPARENTLY))
                c_cover += min(max(0, c_seem - s_seem), sum(1 for t in s_hits if t[0] in _APPARENTLY))
            # the cue words the word alignment keeps (an equal stretch) are the covered ones: those left over
            # are the ones to report ("didn't know if ... or not" -> "did know whether ... or not": the lost one
            # is "didn't", not the later "not"; "could damage ... may be late" -> "will damage ... may be late":
            # the lost hedge is the "could" made certain, not the "may" kept)
            s_hits = _aligned_first(s_hits, s_tok, c_tok, last=set(s_sure) if typ == "qualifier" else set())
            c_hits = _aligned_first(c_hits, c_tok, s_tok, last=set(c_sure) if typ == "qualifier" else set())
            lost = sorted(s_hits[c_cover:], key=lambda t: t[1])
            gained = sorted(c_hits[s_cover:], key=lambda t: t[1])
            for t in lost:
                span = _with_one(s_tok, t, _with_previous(s_tok, t))
                self.emit("dropped", typ, (self.src.text[span[0]:span[1]], span), None)
                self.reported_src.append(span)
            for t in gained:
                span = _with_one(c_tok, t, _with_previous(c_tok, t))
                self.emit("added", typ, None, (self.cp.text[span[0]:span[1]], span))
                spans.append(span)
        spans += self._qualifiers(s_sents, c_sents)
        s_attr = _extra_attributions(self.src.text, s_sents, s_tok, c_tok)
        c_attr = _extra_attributions(self.cp.text, c_sents, c_tok, s_tok)
        # An attribution a translation moved to a neighbouring sentence ('... right?" Ames said.' cut after
        # the quote on one side only) is kept: the copy says the same phrase ("Ames said") near the
        # passage, or, for one it adds, the source uses the same verb near it.
        c_near = _casefolded(_near(self.cp, c_sents, self.cfg.claim_window))
        s_near = set(WORD.findall(_casefolded(_near(self.src, s_sents, self.cfg.claim_window))))
        # An attribution said with another verb of saying ("comments the specialist" / "says the specialist",
        # "was told by" / "was informed by"): the other side's passage has as many verbs of saying.
        s_say, c_say = _sayings(s_tok, self.src.text), _sayings(c_tok, self.cp.text)
        s_say, c_say = s_say + _sayings(s_in, self.src.text), c_say + _sayings(c_in, self.cp.text)  # merged neighbours
        for span in s_attr[:max(0, len(s_attr) - len(c_attr))]:
            phrase = _casefolded(self.src.text[span[0]:span[1]])
            words = WORD.findall(phrase)
            if len(words) >= 2 and words[0] not in _PRONOUNS and re.search(
                    rf"(?<!\w){re.escape(phrase)}(?!\w)", c_near):
                continue  # "Ames said" near the passage; "he said" says too little to tell
            if _said_otherwise(words, c_tok) or c_say >= s_say:
                continue
            self.emit("dropped", "attribution", (self.src.text[span[0]:span[1]], span), None)
            self.reported_src.append(span)
        for span in c_attr[:max(0, len(c_attr) - len(s_attr))]:
            words = WORD.findall(_casefolded(self.cp.text[span[0]:span[1]]))
            verb = words[-1:]
            if (verb and verb[0] in s_near) or _said_otherwise(words, s_tok) or s_say >= c_say:
                continue
            self.emit("added", "attribution", None, (self.cp.text[span[0]:span[1]], span))
            spans.append(span)
        if self.cfg.speaker_changes:
            spans += self._speakers(s_sents, c_sents)
        return spans

    def _speakers(self, s_sents: list[Sentence], c_sents: list[Sentence]) -> list[tuple[int, int]]:
        """An attribution kept but given to someone else ("according to the agency" -> "according to the
        opposition", "Volker said" -> "Marsh said"): a speaker of the source whose words the copy's passage
        lacks, and one of the copy whose words the source's passage lacks, paired in order, one of the two
        named (a speaker spelled another way is the name check's; two common nouns are as often a translation's
        synonyms, "the physicians" / "doctors", "the officials" / "authorities": measured on dev rt-plain)."""
        from rapidfuzz import fuzz

        s_said, c_said = _speakers_of(self.src.text, s_sents), _speakers_of(self.cp.text, c_sents)
        if not s_said or not c_said:
            return []
        s_stems = {w[:5] for w in _content_words(" ".join(s.text for s in s_sents))}
        c_stems = {w[:5] for w in _content_words(" ".join(s.text for s in c_sents))}
        lost = [sp for sp in s_said if _unsupported(self.src.text[sp[0]:sp[1]], c_stems)]
        new = [sp for sp in c_said if _unsupported(self.cp.text[sp[0]:sp[1]], s_stems)]
        spans = []
        for a, b in zip(lost, new, strict=False):
            a_text, b_text = self.src.text[a[0]:a[1]], self.cp.text[b[0]:b[1]]
            if fuzz.ratio(a_text.casefold(), b_text.casefold()) >= 70 or not (_named(a_text) or _named(b_text)):
                continue
            if _hits(b, self.swapped_names):  # a speaker's name put in another's place: the attribution item only
                self.items = [d for d in self.items if not (d.type == "name" and d.op == "changed" and _hits(
                    (d.a_span if self.flip else d.b_span) or (0, 0), [b]))]
            self.emit("changed", "attribution", (a_text, a), (b_text, b))
            self.reported_src.append(a)
            spans.append(b)
        return spans

    def _bounds_negated(self, s_sents: list[Sentence], c_sents: list[Sentence]) -> tuple[int, int]:
        """How many negations each side says only as a bound that the other side says the other way round
        ("cannot hold more than 40" = "can hold at most 40"): (source's, copy's), each covering one of the
        other side's negations."""
        s_neg = c_neg = 0
        for _ms, _mc, qs, qc in self._kept_figures(s_sents, c_sents):
            if not qs or not qc or _bound_class(self.src.text, qs[0]) != _bound_class(self.cp.text, qc[0]):
                continue
            a, b = _negates_bound(self.src.text, qs[0]), _negates_bound(self.cp.text, qc[0])
            s_neg, c_neg = s_neg + (a and not b), c_neg + (b and not a)
        return s_neg, c_neg

    def _qualifiers(self, s_sents: list[Sentence], c_sents: list[Sentence]) -> list[tuple[int, int]]:
        """A figure kept in the copy that lost (or gained) its qualifier: "about 400" -> "400"."""
        spans = []
        for ms, mc, qs, qc in self._kept_figures(s_sents, c_sents):
            # a qualifier lost or gained: "about 400" -> "400", or one of two, "only about 0.2%" -> "only 0.2%"
            if len(qs) != len(qc) and self.cfg.moved_qualifiers and (
                    _qualifier_moved(self.src.text, qs, self.cp.text, qc, mc.start) if len(qs) > len(qc)
                    else _qualifier_moved(self.cp.text, qc, self.src.text, qs, ms.start)):
                continue  # the qualifier stands a few words away on the other side: "just takes 15" / "only 15"
            if len(qs) > len(qc):
                span = (qs[-1][0], ms.end)
                self.emit("dropped", "qualifier", (self.src.text[span[0]:span[1]], span), None)
                self.reported_src.append((qs[-1][0], qs[0][1]))
            elif len(qc) > len(qs):
                span = (qc[-1][0], mc.end)
                self.emit("added", "qualifier", None, (self.cp.text[span[0]:span[1]], span))
                spans.append((qc[-1][0], qc[0][1]))
            elif any((a := _bound_class(self.src.text, q)) and (b := _bound_class(self.cp.text, r)) and a != b
                     and _words_of(self.src.text, q) != _words_of(self.cp.text, r)
                     for q, r in zip(qs, qc, strict=True)):
                # as many qualifiers, one bounding the figure another way: "more than 90" -> "less than 90" (the same
                # words bounding the other way are a negation gained or lost: "is more than" -> "isn't more than",
                # the negation's item)
                s_span, c_span = (qs[-1][0], ms.end), (qc[-1][0], mc.end)
                self.emit("changed", "qualifier", (self.src.text[s_span[0]:s_span[1]], s_span),
                          (self.cp.text[c_span[0]:c_span[1]], c_span))
                self.reported_src.append((qs[-1][0], qs[0][1]))
                spans.append((qc[-1][0], qc[0][1]))
        return spans

    # -- wording -----------------------------------------------------------------------------
    def _wording(self, s_sents: list[Sentence], c_sents: list[Sentence], reported: list[tuple[int, int]]) -> None:
        s_tok = _word_tokens(s_sents)
        c_tok = _word_tokens(c_sents)
        s_facts = [(m.start, m.end) for s in s_sents for m in s.mentions if m.kind in ("number", "date")]
        c_facts = [(m.start, m.end) for s in c_sents for m in s.mentions if m.kind in ("number", "date")]
        s_quotes = [(m.start, m.end) for s in s_sents for m in s.mentions if m.kind == "quote"]
        c_quotes = [(m.start, m.end) for s in c_sents for m in s.mentions if m.kind == "quote"]
        s_words = set(_content_words(" ".join(s.text for s in s_sents)))
        for s_lo, s_hi, c_lo, c_hi in _edit_regions([t[0] for t in s_tok], [t[0] for t in c_tok]):
            if all(len(t[0]) <= 3 for t in s_tok[s_lo:s_hi] + c_tok[c_lo:c_hi]):
                continue  # articles and prepositions shuffle in every edit: not worth a line
            s_span = _closed(self.src.text, (s_tok[s_lo][1], s_tok[s_hi - 1][2])) if s_hi > s_lo else None
            c_span = _closed(self.cp.text, (c_tok[c_lo][1], c_tok[c_hi - 1][2])) if c_hi > c_lo else None
            if (c_span and (_hits(c_span, reported) or _hits(c_span, c_facts))) or (
                    s_span and (_hits(s_span, s_facts) or _hits(s_span, self.reported_src))):
                continue  # numbers, dates, names, opinion and meaning words were compared above
            in_quote = bool((s_span and _hits(s_span, s_quotes)) or (c_span and _hits(c_span, c_quotes)))
            typ: DiffType = "quote" if in_quote else "other"
            src = (self.src.text[s_span[0]:s_span[1]], s_span) if s_span else None
            cp = (self.cp.text[c_span[0]:c_span[1]], c_span) if c_span else None
            # Words swapped for others are rewording; words only added or only dropped, as many as an
            # inserted aside has, are content the other side does not carry: added outside a quote,
            # that is a claim of the copy's own (issue #19: an unsupported clause is a ``claim``).
            content = (c_hi - c_lo if src is None else s_hi - s_lo if cp is None else 0) >= self.cfg.aside_min_words
            only = cp if src is None else src
            if content and only is not None and not _plain_content_words(only[0]):
                # no content word at all ("and we are one of these"): the function words of a sentence reworded or
                # split, no claim (one content word is enough for one: "..., as did the company")
                content = False
            if content and only is not None and self._said_nearby(
                    only[0], s_sents if src is None else c_sents, other_side=self.src if src is None else self.cp):
                content = False  # a neighbouring sentence merged in (or split off): its words are the other side's
            if src is None:
                self.emit("added", "claim" if content and typ == "other" else typ, None, cp, material=content)
            elif cp is None:
                self.emit("dropped", typ, src, None, material=content)
            elif typ == "other" and (
                    (s_hi - s_lo <= 2 and _set_off_clause(_around(self.cp.text, cp[1]), self.cfg.aside_min_words))
                    or _unsupported_set_off(_around(self.cp.text, cp[1]), s_words, self.cfg)):
                # a word or two swapped for a passage that holds a whole clause set off by commas ("Earlier"
                # -> "Later, which has a new board, that"; the commas may stand just outside the edit), or any
                # rewording around such a clause whose words the source passage does not have ("host X's
                # comments" -> "which has offices in several countries, presenter X's remarks"): an inserted
                # aside, not rewording
                self.emit("changed", "claim", src, cp)
            else:
                self.emit("changed", typ, src, cp, material=False)
