"""Meaning words within one language (en): negations and the words that deny without "not", hedges made certain
("may" -> "will"), seeming words for "apparently", attribution phrases and their speakers.
"""

from __future__ import annotations

import re
from itertools import pairwise

from wiretrace.cues import HEDGES, NEGATION, POSSIBILITY, attribution_spans, negations, no_negation_at
from wiretrace.diff.config import DiffConfig
from wiretrace.diff.text import _content_words, _with_previous
from wiretrace.records import Doc, Sentence
from wiretrace.segment import WORD

_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you", "who"})
#: Words that say what the hedge "apparently" says without being hedges themselves ("life was seemingly getting
#: better" = "life was apparently improving"): an "apparently" the other side writes as one of these is kept. The
#: verbs only before "to" / "that" ("appears to be"; not "appeared in court").
_SEEMING = frozenset({"seemingly", "ostensibly", "seem", "seems", "seemed", "appear", "appears", "appeared"})
_SEEMING_VERBS = frozenset({"seem", "seems", "seemed", "appear", "appears", "appeared"})
#: The hedges a seeming word stands for (not "allegedly", "may", "reportedly": they say who doubts, or how much).
_APPARENTLY = frozenset({"apparently", "seemingly", "ostensibly", "supposedly"})


def _with_next(tokens: list[tuple[str, int, int]]) -> list[tuple[tuple[str, int, int], tuple[str, int, int] | None]]:
    """Each word of a passage with the word after it (None after the last; no pair for a passage of no word)."""
    return list(zip(tokens, [*tokens[1:], None], strict=False))


def _seemings(tokens: list[tuple[str, int, int]]) -> int:
    """How many seeming words (``_SEEMING``) a passage's words hold, its verbs only before "to" or "that"."""
    return sum(1 for (w, _a, _b), nxt in _with_next(tokens)
               if w in _SEEMING and (w not in _SEEMING_VERBS or (nxt is not None and nxt[0] in ("to", "that"))))


#: Verbs of saying: the attribution verbs cues.py reads, and the others a writer or a translation says them
#: with ("Gupta noted" / "Gupta observed", "Google tells us" / "Google says").
_SAYING = frozenset("""
say says said tell tells told state states stated add adds added report reports reported announce announces
announced explain explains explained confirm confirms confirmed claim claims claimed note notes noted insist
insists insisted warn warns warned argue argues argued acknowledge acknowledges acknowledged observe observes
observed notice notices noticed declare declares declared stress stresses stressed emphasise emphasises
emphasised emphasize emphasizes emphasized point points pointed indicate indicates indicated write writes wrote
written affirm affirms affirmed assert asserts asserted comment comments commented remark remarks remarked
reveal reveals revealed reply replies replied admit admits admitted recall recalls recalled suggest suggests
suggested mention mentions mentioned inform informs informed saying stating telling adding reporting announcing
explaining confirming claiming noting insisting warning arguing declaring stressing writing commenting
maintain maintains maintained relate relates related
""".split())  # noqa: SIM905 - a word list reads best as text

#: Forms of ``_SAYING`` that say something else as often ("a well-maintained road", "problems related to it"): they
#: count as saying only before "that" or a stop, comma, colon or quote ("the agreement maintained that", "As he
#: related, ...").
_SAYING_BEFORE_CLAUSE = frozenset({"maintain", "maintains", "maintained", "relate", "relates", "related"})

#: What a statement "reads" ("the statement read" = "the statement said"): "read" is a verb of saying only after one
#: of these (not "she read the report").
_READ_BY = frozenset("""
statement statements letter message note notice post tweet sign caption release document text headline banner
label order ruling verdict decree announcement communique
""".split())  # noqa: SIM905 - a word list reads best as text


#: Forms of ``_SAYING`` that are nouns as often as verbs ("scoring 20 points", "a report in the paper"): they count
#: as saying only before a speaker or a clause ("comments the specialist", "notes that").
_SAYING_OR_NOUN = frozenset("""
point points report reports state states note notes claim claims comment comments remark remarks warning writing
""".split())  # noqa: SIM905 - a word list reads best as text


def _sayings(tokens: list[tuple[str, int, int]], text: str) -> int:
    """How many verbs of saying (``_SAYING``; "read" after a statement, ``_READ_BY``) and "according to"s a passage's
    words (offsets into ``text``) hold."""
    n = 0
    prev = ""
    for (w, _a, end), nxt in _with_next(tokens):
        before, prev = prev, w
        if w in ("read", "reads") and before in _READ_BY:
            n += 1  # "the statement read" = "the statement said"
        elif w in _SAYING_BEFORE_CLAUSE:
            n += nxt is None or nxt[0] == "that" or bool(re.match(r"\s*[,.:;!?\"“”]", text[end:end + 3]))
        elif w == "according":
            n += nxt is not None and nxt[0] == "to"
        elif w in _SAYING and (w not in _SAYING_OR_NOUN or (nxt is not None and (
                nxt[0] in ("the", "a", "an", "that") or text[nxt[1]:nxt[1] + 1].isupper()))):
            n += 1
    return n


def _said_otherwise(phrase: list[str], other: list[tuple[str, int, int]]) -> bool:
    """Whether the other side's passage (its ``cue_words``) says an attribution phrase ("gupta noted", "been
    stated", casefolded words) with another verb of saying: the same word before it (the speaker; a pronoun
    says too little to tell) followed, within three words, by a verb of ``_SAYING`` ("Gupta, observed",
    "been declared"). The attribution is kept, said another way."""
    if len(phrase) < 2 or phrase[0] in _PRONOUNS:
        return False
    words = [t[0] for t in other]
    return any(w == phrase[0] and any(v in _SAYING for v in words[k + 1:k + 4]) for k, w in enumerate(words))


def _near(doc: Doc, sents: list[Sentence], window: int) -> str:
    """The text of ``sents`` and of ``window`` sentences either side of them."""
    lo, hi = min(s.index for s in sents) - window, max(s.index for s in sents) + window
    return " ".join(s.text for s in doc.sentences if lo <= s.index <= hi)


def _casefolded(text: str) -> str:
    return text.casefold().replace("\u2019", "'")


def _extra_attributions(text: str, sents: list[Sentence], toks: list[tuple[str, int, int]],
                        other: list[tuple[str, int, int]]) -> list[tuple[int, int]]:
    """Attribution phrases of a passage (with the word before: "he said"; ``toks`` are the passage's
    cue words), those whose verb the ``other`` side lacks first, so the one reported as lost is gone."""
    words = {w for w, _a, _b in other}
    found = []
    for s in sents:
        for a, b in attribution_spans(s.text):
            start, end = s.start + a, s.start + b
            found.append((text[start:end].split(maxsplit=1)[0].lower() in words,
                          _with_previous(toks, (text[start:end], start, end))))
    return [span for _kept, span in sorted(found, key=lambda t: t[0])]


#: Prepositions that machine translation through Portuguese turns into a "not" ("no" is "in the" / "on the"
#: there): "posted on Twitter" -> "posted not Twitter", "on the ground" -> "not ground".
_NOT_FOR = frozenset({"on", "in", "at", "into", "onto", "no"})


def _prepositions_as_not(s_tok: list[tuple[str, int, int]], c_tok: list[tuple[str, int, int]],
                         words: frozenset[str] = frozenset({"not"})) -> set[int]:
    """Offsets of the copy's "not" tokens (or other ``words``) that stand where the source has a preposition
    and no negation (a word-for-word swap in the aligned token sequences): a translation's garble, not a
    denial."""
    from rapidfuzz.distance import Levenshtein

    s_words, c_words = [t[0] for t in s_tok], [t[0] for t in c_tok]
    out: set[int] = set()
    for op in Levenshtein.opcodes(s_words, c_words):
        if op.tag != "replace":
            continue
        src_side = set(s_words[op.src_start:op.src_end])
        if src_side & _NOT_FOR and not src_side & (NEGATION | {"not", "no"}):
            out |= {c_tok[k][1] for k in range(op.dest_start, op.dest_end) if c_words[k] in words}
    return out


#: Who an attribution names: "according to X", "X said" (X a clause's first words, after a comma, quote or dash)
#: and "said X" (X the clause's last words), X of one to four words.
_SPEAKER_WORDS = r"[^\s,.;:!?\"“”]+(?:\s+[^\s,.;:!?\"“”]+){0,3}"
_SPEAKER = re.compile(
    rf"\baccording to\s+(?P<a>{_SPEAKER_WORDS})(?=\s*(?:[,.;:!?\"“”]|$))"
    rf"|(?:^|(?<=[,\"“”\u2013\u2014]))\s*(?P<b>{_SPEAKER_WORDS})\s+(?:said|says|told|stated|added)\b"
    rf"|\b(?:said|says|stated|added)\s+(?P<c>{_SPEAKER_WORDS})(?=\s*(?:[,.;:!?\"“”]|$))", re.IGNORECASE)


def _speakers_of(text: str, sents: list[Sentence]) -> list[tuple[int, int]]:
    """Spans of the speakers the attributions of ``sents`` name (``_SPEAKER``; offsets into ``text``), those with
    a content word (not "he said")."""
    out = []
    for s in sents:
        for m in _SPEAKER.finditer(s.text):
            g = next(k for k in "abc" if m.group(k) is not None)
            if _content_words(m.group(g)) and not set(WORD.findall(m.group(g).casefold())) & _PRONOUNS:
                out.append((s.start + m.start(g), s.start + m.end(g)))
    return out


_DETERMINERS = frozenset({"the", "a", "an", "his", "her", "their", "its", "our", "this", "these", "those"})


def _named(speaker: str) -> bool:
    """Whether a speaker's words hold a name: a capitalised word that is no determiner ("AFP", "the White House";
    not "The utility")."""
    return any(w[:1].isupper() and w.casefold() not in _DETERMINERS for w in WORD.findall(speaker))


def _unsupported(speaker: str, stems: set[str]) -> bool:
    """Whether fewer than half of a speaker's content words (by their first five letters) are in ``stems``."""
    words = _content_words(speaker)
    return sum(1 for w in words if w[:5] in stems) < 0.5 * len(words)


#: Words that hedge as "perhaps" does without being ``HEDGES`` of their own ("maybe in my career" / "perhaps in my
#: career"): like a modal of possibility (``POSSIBILITY``), one covers a hedge the other side says in its place.
_PERHAPS = frozenset({"maybe"})

#: Modals of possibility, and the modals of certainty a copy may say in their place ("could rise" -> "will rise").
_MAYBE = frozenset({"could", "may", "might"})
_CERTAIN = frozenset({"will", "shall"})


def _made_certain(tokens: list[tuple[str, int, int]], other: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """The modals of possibility (``_MAYBE``) of ``tokens`` that the ``other`` side says as "will" / "shall" in their
    place, a word swap of the aligned sequences with no possibility there ("could rise" -> "will rise"; not "could"
    -> "will be able to"): the hedge is gone."""
    from rapidfuzz.distance import Levenshtein

    words, o_words = [t[0] for t in tokens], [t[0] for t in other]
    out = []
    for op in Levenshtein.opcodes(words, o_words):
        o_side = set(o_words[op.dest_start:op.dest_end])
        if op.tag == "replace" and o_side & _CERTAIN and not o_side & (HEDGES | POSSIBILITY | {"able"}):
            out += [t for t in tokens[op.src_start:op.src_end] if t[0] in _MAYBE]
    return out


_NO = frozenset({"no"})
#: Verbs that say "did not" ("failed to answer" = "did not answer").
_FAILED = frozenset({"fail", "fails", "failed", "failing"})


def _negating(tokens: list[tuple[str, int, int]], cfg: DiffConfig) -> list[tuple[str, int, int]]:
    """The negations ``_meaning`` counts: ``cues.negations`` (with "no longer" / "no one" under
    ``no_longer_negation``), and with ``no_one_negation`` the "no" of "no one" ("No one was hurt", as "nobody")."""
    hits = negations(tokens, no_longer=cfg.no_longer_negation)
    if not cfg.no_one_negation:
        return hits
    seen = {t[1] for t in hits}
    more = [t for k, t in enumerate(tokens) if t[1] not in seen and _no_one_at(tokens, k)]
    return sorted(hits + more, key=lambda t: t[1])


#: Words that say what "no longer" says without a negation word: a loss, a leaving off, a former state ("Ukraine losing
#: support from key Western countries" / "key Western countries will no longer support Ukraine", "the former mayor" /
#: "is no longer mayor"). Stopping and ceasing are ``cues.NEGATIVE_VERBS`` (they cover any negation).
_NO_LONGER_SAID = frozenset("""
lose loses losing lost quit quits quitting abandon abandons abandoned abandoning former formerly
""".split())  # noqa: SIM905 - a word list reads best as text


def _no_longers(hits: list[tuple[str, int, int]], tokens: list[tuple[str, int, int]]) -> int:
    """How many of ``hits`` (negations of ``tokens``) are the "no" of "no longer"."""
    at = {t[1]: k for k, t in enumerate(tokens)}
    return sum(1 for t in hits if t[0] == "no" and (k := at.get(t[1], -1)) >= 0 and k + 1 < len(tokens)
               and tokens[k + 1][0] == "longer")


def _no_longer_said(tokens: list[tuple[str, int, int]]) -> int:
    """How many words of ``tokens`` say "no longer" without a negation (``_NO_LONGER_SAID``)."""
    return sum(1 for t in tokens if t[0] in _NO_LONGER_SAID)


def _with_one(tokens: list[tuple[str, int, int]], tok: tuple[str, int, int], span: tuple[int, int]) -> tuple[int, int]:
    """``span`` (of ``tok``) through the "one" after it when ``tok`` is the "no" of "no one"."""
    k = next((i for i, t in enumerate(tokens) if t[1] == tok[1]), -1)
    return (span[0], tokens[k + 1][2]) if k >= 0 and _no_one_at(tokens, k) else span


def _no_one_at(tokens: list[tuple[str, int, int]], k: int) -> bool:
    """Whether ``tokens[k]`` is the "no" of "no one" ("no-one")."""
    return tokens[k][0] == "no" and k + 1 < len(tokens) and tokens[k + 1][0] == "one"


def _negation_forms(s_tok: list[tuple[str, int, int]], c_tok: list[tuple[str, int, int]],
                    garbled: set[int], *, no_longer: bool = False, no_one: bool = False) -> tuple[int, int]:
    """How many negations each side says in a form ``negations`` does not count, beyond the other side's
    own: "no" before a word ("had no intention", "no one", "no longer"; in the copy not a translation's
    garbled preposition, ``garbled``), "yet to" ("has yet to be worked out" = "has not yet been"),
    "failed to", and a word with the negating prefix "un" whose stem the other side writes ("unclear" /
    "not clear"). (source's, copy's): each covers a negation the other side has in the counted form."""
    def counts(toks: list[tuple[str, int, int]], other: set[str], skip: set[int]) -> tuple[int, int, int]:
        # with ``no_longer``, "no longer" / "no one" are ``negations`` of their own (cues.no_negation_at): counted there
        no = sum(1 for k, (w, a, _b) in enumerate(toks) if w == "no" and a not in skip
                 and not (no_longer and no_negation_at(toks, k)) and not (no_one and _no_one_at(toks, k)))
        pairs = sum(1 for (w, _a, _b), (v, _c, _d) in pairwise(toks)
                    if v == "to" and (w == "yet" or w in _FAILED))
        un = sum(1 for w, _a, _b in toks if w.startswith("un") and len(w) >= 6 and _stem_said(w[2:], other))
        return no, pairs, un

    s_words, c_words = {t[0] for t in s_tok}, {t[0] for t in c_tok}
    s_no, s_pairs, s_un = counts(s_tok, c_words, set())
    c_no, c_pairs, c_un = counts(c_tok, s_words, garbled)
    # "no one but X" / "nobody except X" says "only X": an "only" beyond the other side's covers one
    s_but, c_but = (_none_but(s_tok), _none_but(c_tok)) if (no_one or no_longer) else (0, 0)
    s_only, c_only = (sum(1 for t in toks if t[0] == "only") for toks in (s_tok, c_tok))
    return (max(0, s_no - c_no) + max(0, s_pairs - c_pairs) + s_un + min(c_but, max(0, s_only - c_only)),
            max(0, c_no - s_no) + max(0, c_pairs - s_pairs) + c_un + min(s_but, max(0, c_only - s_only)))


#: Letters a word after "un" shares at its start with the other side's word to be one word in another form
#: ("uninspiring" / "not inspired"): at least this many, and all but the last three of each word (an ending:
#: "-ing" / "-ed"; "unemployment" is no "employers"); a shorter stem must be the whole word ("unclear" / "not clear").
_UN_STEM = 6


def _stem_said(stem: str, other: set[str]) -> bool:
    """Whether the other side's words (casefolded) hold ``stem`` (a word after its negating "un"), or the same word
    with another ending ("inspiring" / "inspired": ``_UN_STEM``)."""
    if stem in other:
        return True

    def shared(o: str) -> int:
        return next((k for k, (x, y) in enumerate(zip(stem, o, strict=False)) if x != y), min(len(stem), len(o)))

    return len(stem) >= _UN_STEM and any(
        (n := shared(o)) >= _UN_STEM and n >= len(stem) - 3 and n >= len(o) - 3 for o in other)


def _none_but(tokens: list[tuple[str, int, int]]) -> int:
    """How many "no one but" / "nobody except" / "none but" (= "only") ``tokens`` holds."""
    words = [t[0] for t in tokens]
    return sum(1 for k, w in enumerate(words) if w in ("but", "except") and k > 0 and (
        words[k - 1] in ("nobody", "none") or (k > 1 and words[k - 2:k] == ["no", "one"])))


def _aligned_first(hits: list[tuple[str, int, int]], tokens: list[tuple[str, int, int]],
                   other: list[tuple[str, int, int]],
                   last: set[tuple[str, int, int]] | None = None) -> list[tuple[str, int, int]]:
    """``hits`` (tokens of ``tokens``), those the word alignment with ``other`` matches (an equal stretch: the
    other side says the same words there) first, those of ``last`` (a hedge the other side made certain in its
    place) last, each group in text order."""
    from rapidfuzz.distance import Levenshtein

    words, o_words = [t[0] for t in tokens], [t[0] for t in other]
    same = {tokens[k][1] for op in Levenshtein.opcodes(words, o_words) if op.tag == "equal"
            for k in range(op.src_start, op.src_end)}
    return sorted(hits, key=lambda t: (t[1] not in same, t in (last or ()), t[1]))


def _nots_kept(s_tok: list[tuple[str, int, int]], c_tok: list[tuple[str, int, int]]) -> set[int]:
    """Offsets of the copy's "not" tokens that the word alignment of the two token sequences matches to a
    "not" of the source (an equal stretch): the source's negation, whatever became of its auxiliary."""
    from rapidfuzz.distance import Levenshtein

    s_words, c_words = [t[0] for t in s_tok], [t[0] for t in c_tok]
    return {c_tok[op.dest_start + k][1] for op in Levenshtein.opcodes(s_words, c_words) if op.tag == "equal"
            for k in range(op.dest_end - op.dest_start) if c_words[op.dest_start + k] == "not"}
