"""A figure's qualifiers: the bounds written before it ("at least", "more than", "up to"), negated or not, and
the words on either side of a figure ("over" as a preposition, what a figure counts).
"""

from __future__ import annotations

import re

from wiretrace.cues import QUALIFIERS, cue_words

_QUALIFIER_PAIRS = {("at", "least"), ("at", "most"), ("more", "than"), ("less", "than"), ("fewer", "than"),
                    ("up", "to"), ("upwards", "of"), ("as", "many"), ("as", "much"), ("close", "to"),
                    ("longer", "than"), ("shorter", "than")}
#: Figure qualifiers beyond cues.QUALIFIERS, said another way: "a near-50:50 split" = "almost 50:50", "the maximum
#: 10 per cent" = "no more than 10 per cent".
_MORE_QUALIFIERS = frozenset({"near", "maximum", "minimum"})


#: Words between a qualifier and its figure that say the figure adds to another ("up to an additional 15",
#: "at least another 20", "about a further 300"): the qualifier still bounds the figure.
_ADDED_WORDS = frozenset({"additional", "extra", "further", "another"})


def _qualifier_before(text: str, pos: int) -> tuple[int, int] | None:
    """The span of a qualifier right before the figure at ``pos`` ("about", "at least", "more than")."""
    words = cue_words(text[max(0, pos - 30):pos])
    base = max(0, pos - 30)
    if not words or pos - (base + words[-1][2]) > 3:
        return None
    if len(words) >= 2 and words[-1][0] in _ADDED_WORDS and words[-1][1] - words[-2][2] == 1:
        words = words[:-1]  # "up to an additional 15": a word saying the figure comes on top of another
    if len(words) >= 2 and words[-1][0] in ("a", "an") and words[-1][1] - words[-2][2] == 1:
        words = words[:-1]  # "about a 30-minute drive": the article stands between qualifier and figure
    last = words[-1]
    if len(words) >= 3 and (words[-3][0], words[-2][0], last[0]) == ("in", "excess", "of"):
        return base + words[-3][1], base + last[2]  # "in excess of 90mph" = "more than 90mph"
    if len(words) >= 3 and words[-3][0] == last[0] == "as" and words[-2][0] in ("many", "much"):
        return base + words[-3][1], base + last[2]  # "as many as 400"
    if len(words) >= 2 and (words[-2][0], last[0]) in _QUALIFIER_PAIRS:
        return base + words[-2][1], base + last[2]
    if (last[0] in QUALIFIERS or last[0] in _MORE_QUALIFIERS) and last[0] not in ("least", "more", "less", "fewer",
                                                                                  "up"):
        return base + last[1], base + last[2]
    return None


def _qualifier_chain(text: str, pos: int) -> list[tuple[int, int]]:
    """The qualifiers right before the figure at ``pos``, nearest first: one ("about 400"), or two in a row
    ("only about 0.2%", "just over 100", "up to about 50"), which bound the figure together."""
    first = _qualifier_before(text, pos)
    if first is None:
        return []
    second = _qualifier_before(text, first[0])
    # the outer one restricts the inner ("only", "just", "up to"); a preposition there ("complained about some
    # 400", "argued over some 40") governs the phrase and qualifies nothing
    if second is None or " ".join(text[second[0]:second[1]].casefold().split()) not in _CHAIN_OUTER:
        return [first]
    return [first, second]


#: Which way a qualifier bounds its figure (review finding 9): one swapped for a qualifier of another class ("more
#: than 90" -> "less than 90", "at least 40" -> "up to 40", "nearly 300" -> "more than 300") changes what the
#: figure says; one of the same class ("more than" / "over", "about" / "around") is rewording. Qualifiers of no
#: class here ("only", "just", "well") are not compared by class.
_LOWER, _UPPER, _APPROX = "lower bound", "upper bound", "approximate"
_BOUND_CLASS = {
    **dict.fromkeys(("at least", "more than", "over", "upwards of", "in excess of", "minimum", "longer than"), _LOWER),
    **dict.fromkeys(("at most", "less than", "fewer than", "under", "up to", "maximum", "shorter than", "as many as",
                     "as much as"), _UPPER),
    **dict.fromkeys(("about", "around", "roughly", "approximately", "some", "circa", "approx", "close to", "nearly",
                     "almost", "near", "estimated"), _APPROX),
}
#: A negation right before a bound, or before the one verb that governs it ("no more than 10", "cannot hold more
#: than 40", "did not exceed 10"; not "not only more than 10").
_NEGATED_BOUND = re.compile(r"(?:\b(?:no|not|never|cannot)|n['\u2019]t)\s+(?:(?!(?:only|just|even|merely)\b)"
                            r"[^\W\d_]+\s+)?$", re.IGNORECASE)


def _negates_bound(text: str, span: tuple[int, int]) -> bool:
    """Whether the bound qualifier at ``span`` ("more than", "at least") is negated (``_NEGATED_BOUND``)."""
    return _BOUND_CLASS.get(" ".join(text[span[0]:span[1]].casefold().split())) in (_LOWER, _UPPER) and bool(
        _NEGATED_BOUND.search(text, max(0, span[0] - 30), span[0]))


def _words_of(text: str, span: tuple[int, int]) -> str:
    """The words at ``span``, casefolded, one space apart."""
    return " ".join(text[span[0]:span[1]].casefold().split())


def _bound_class(text: str, span: tuple[int, int]) -> str | None:
    """The class of the qualifier at ``span`` (``_BOUND_CLASS``); a negated bound bounds the other way ("no more
    than 10" and "cannot hold more than 10" are upper bounds)."""
    cls = _BOUND_CLASS.get(" ".join(text[span[0]:span[1]].casefold().split()))
    if cls in (_LOWER, _UPPER) and _negates_bound(text, span):
        return _UPPER if cls == _LOWER else _LOWER
    return cls


#: Words a copy may say in the place of "over" / "under" used as a preposition, not as a bound of the figure after
#: it ("spread over 3 years" -> "spread across 3 years", "children under 12" -> "children below 12").
_IN_PLACE_OF_OVER = frozenset({"across", "during", "for", "in", "within", "throughout", "through", "below", "beneath",
                               "above", "among", "past", "spanning", "after"})


def _preposition_off(text: str, chain: list[tuple[int, int]], other: str, other_chain: list[tuple[int, int]],
                     other_pos: int) -> list[tuple[int, int]]:
    """``chain`` (a figure's qualifiers in ``text``, nearest first) without its outermost one when that is "over" /
    "under" and the other side (``other``, its figure at ``other_pos`` with ``other_chain``) says a preposition of
    ``_IN_PLACE_OF_OVER`` in its place (a word the side of "over" does not write before it)."""
    if not chain or text[chain[-1][0]:chain[-1][1]].casefold() not in ("over", "under"):
        return chain
    said = _word_before(other, other_chain[-1][0] if other_chain else other_pos)
    return chain[:-1] if said in _IN_PLACE_OF_OVER and said != _word_before(text, chain[-1][0]) else chain


def _word_before(text: str, pos: int) -> str | None:
    """The word right before ``pos`` (casefolded), or None."""
    m = re.search(r"([^\W\d_]+)\s*$", text[max(0, pos - 40):pos])
    return m.group(1).casefold() if m else None


def _word_after(text: str, end: int) -> str | None:
    """The word right after a figure ending at ``end`` (casefolded; "10 boats" -> "boats", what it counts), or None."""
    m = re.match(r"\s*([^\W\d_]+)", text[end:end + 40])
    return m.group(1).casefold() if m else None


#: What can stand before another qualifier of a figure and restrict it with it.
_CHAIN_OUTER = frozenset({"only", "just", "well", "nearly", "almost", "up to", "at least", "at most"})


#: Qualifiers that restrict a figure to no more than itself, one said for another ("it just takes 15 seconds" = "it
#: takes only 15 seconds").
_RESTRICTIVE = frozenset({"only", "just", "merely", "solely"})
#: How many words before a figure (before its qualifier chain) a qualifier may stand and still be the figure's.
_MOVED_WINDOW = 3


def _qualifier_moved(text: str, chain: list[tuple[int, int]], other: str, other_chain: list[tuple[int, int]],
                     other_pos: int) -> bool:
    """Whether every qualifier of ``chain`` (a figure's, in ``text``) that the other side's chain (``other_chain``,
    its figure at ``other_pos`` in ``other``) lacks is said there a few words before the figure instead
    (``_MOVED_WINDOW`` words before its chain, in the same clause, no figure between): the same words, or a
    restrictive one for another ("it just takes 15 seconds" / "it takes only 15 seconds", "the nearly 100 who
    applied" / "the nearly who 100 applied"). A qualifier said nowhere near the figure ("about 400" -> "400") is
    still lost."""
    kept = {_words_of(other, q) for q in other_chain}
    lost = [_words_of(text, q) for q in chain if _words_of(text, q) not in kept]
    if not lost:
        return False
    start = other_chain[-1][0] if other_chain else other_pos
    base = max(0, start - 80)
    before = other[base:start]
    # the same clause only, and no other figure between: "about 40 boats and 40 ferries" keeps its "about" on the boats
    cut = max(before.rfind(ch) for ch in ".;:!?,\n0123456789")
    window = [w for w, _, _ in cue_words(before[cut + 1:])][-_MOVED_WINDOW:]
    said = " ".join(window)
    return all(
        (q in _RESTRICTIVE and any(w in _RESTRICTIVE for w in window)) or f" {q} " in f" {said} "
        for q in lost)
