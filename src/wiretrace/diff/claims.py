"""Added content, typed: a copy's clauses and the change-type decider that reads their support in the source
(``_clause_type``), clauses set off by commas, and the type of a whole sentence added or dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from wiretrace.diff.config import DiffConfig
from wiretrace.diff.figures import _BOTH
from wiretrace.diff.opinion import _opinion_spans
from wiretrace.diff.text import _content_words
from wiretrace.ingest.furniture import page_label
from wiretrace.records import DiffType, Mention
from wiretrace.segment import WORD

_SET_OFF = re.compile(r",\s*([^,;:.!?]+?)\s*,")


def _set_off_clause(text: str, min_words: int) -> bool:
    """Whether ``text`` holds a clause of ``min_words`` words or more between two commas (a connective's
    words not counted, ``_CONNECTIVE``)."""
    return any(len(WORD.findall(_CONNECTIVE.sub(" ", m.group(1)))) >= min_words for m in _SET_OFF.finditer(text))


def _around(text: str, span: tuple[int, int]) -> str:
    """An edit's text with the two characters before it and the one after (the commas of a clause set off
    may stand just outside the edit)."""
    return text[max(0, span[0] - 2):span[1] + 1]


def _unsupported_set_off(text: str, source_words: set[str], cfg: DiffConfig) -> bool:
    """Whether ``text`` holds a clause between two commas of ``aside_min_words`` words or more, with two
    content words or more, at most ``aside_max_overlap`` of which the source passage has (``source_words``)."""
    for m in _SET_OFF.finditer(text):
        clause = _CONNECTIVE.sub(" ", m.group(1))
        content = _content_words(clause)
        if (len(WORD.findall(clause)) >= cfg.aside_min_words and len(content) >= 2
                and sum(1 for w in content if w in source_words) <= cfg.aside_max_overlap * len(content)):
            return True
    return False


#: Three-letter words that are no stem of a content word (function words, and the commonest adjectives and
#: adverbs): "for" does not support "fort", nor "new" "news".
_SHORT_WORDS = frozenset("""
the and for but nor yet our own all any few who why how its his her him she you was are has had can may not one two
six ten out off per via due too now get got let say see saw did use way new old big top low far bit lot set put
""".split())  # noqa: SIM905 - a word list reads best as text


@dataclass(slots=True, frozen=True)
class _Clause:
    """A clause of the copy (document offsets) and the features the change-type decider reads."""

    start: int
    end: int
    #: words, and content words (over three letters, no function word, no part of a figure)
    words: int
    content: int
    #: share of the content words found among the source's words around the passage (1.0 when it has none)
    support: float
    #: the same share with each figure of the clause whose value the source there has counting as one more word
    #: found ("in 70 ~ 90% of second-hand housing transactions" for "in 70-90% of used home sales"): what
    #: ``_clause_type`` reads. ``support`` alone decides whether an added figure is reported with its clause
    #: (``facts._numbers``), so a planted "with 38 percent of the vote" near a source's "38 seats" stays whole.
    claim_support: float


# A clause: text between commas, semicolons, colons, brackets and dashes; a comma between digits
# ("2,300") does not cut.
_CLAUSE_OF = re.compile(r"(?:[^,;:()\u2013\u2014]|(?<=\d),(?=\d))+")
#: Discourse connectives (en): they link what the sentences say and add nothing to it, so their words count
#: neither as a clause's words nor as its content ("..., and as a matter of fact, we support ..." for "As a
#: principle, we support ..."; a round trip swaps one for another).
_CONNECTIVE = re.compile(
    r"\b(?:as a matter of fact|in (?:actual )?fact|as it (?:happens|turns out)|of course|in other words"
    r"|that (?:being said|said)|having said that|needless to say|on the other hand|in (?:any|either) case"
    r"|by the way|after all|all in all|in short|in addition|what is more|moreover|furthermore|however"
    r"|nevertheless|nonetheless|as a (?:rule|principle)|in principle|for (?:example|instance))\b",
    re.IGNORECASE)
_TRIM = " \"'“”‘’«»"


def _clause_type(cl: _Clause, text: str, mentions: list[Mention], cfg: DiffConfig) -> DiffType | None:
    """The change-type decider for a clause of the copy: None when the source supports it (or it is
    too short to say), else what it adds. Its features: length in words and content words, support in
    the source around the passage, opinion cues, figures (thresholds in DiffConfig, fitted on dev)."""
    if cl.words < cfg.claim_min_words or cl.content < cfg.claim_min_content or (
            cl.claim_support > cfg.claim_max_support):
        return None
    if _opinion_spans(text, ""):
        return "opinion"
    # "both" is a count of two only against a one (figures._BOTH): a clause that holds no other figure is a claim
    return "number" if any(m.kind == "number" and m.text.casefold() not in _BOTH for m in mentions) else "claim"


def _added_type(mentions: tuple[Mention, ...], text: str) -> DiffType:
    """The type of a sentence the copy added: opinion when it carries a cue, else by its mentions; a
    sentence that carries no fact, quote or cue is a ``claim``; a page or widget label ("Comentarios", "-Fin de
    nota-", "Abone ol": ``page_label``) is ``boilerplate``, page furniture, no claim (issue #19)."""
    if page_label(text):
        return "boilerplate"
    if _opinion_spans(text, ""):
        return "opinion"
    typ = _sentence_type(mentions, text)
    return "claim" if typ == "other" else typ


def _quoted(mentions: tuple[Mention, ...]) -> bool:
    """A sentence (or piece) added or dropped holds a quotation."""
    return any(m.kind == "quote" for m in mentions)


def _sentence_type(mentions: tuple[Mention, ...], text: str) -> DiffType:
    """A whole sentence added or dropped, typed by what it carries: a figure first, inside a quotation or
    not (the team's decision of issue #19: a figure lost or gained is the fact a reader checks; the item
    says the sentence was quoted, ``DiffItem.quoted``), then a quote (a speaker's words lost or gained),
    then a date. A page or widget label (``page_label``: "Comentarios", "Facebook 0 Twitter 0") is ``boilerplate``
    before all (issue #19)."""
    if page_label(text):
        return "boilerplate"
    kinds = {m.kind for m in mentions}
    order: tuple[DiffType, ...] = ("number", "quote", "date")
    for kind in order:
        if kind in kinds:
            return kind
    return "other"
