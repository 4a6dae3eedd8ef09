"""Text helpers of the diff: word tokens and spans, edit regions between two word sequences, the sentences inside
a segmenter's sentence (a quoted speech), the quote marks and brackets an item would leave open, and the piece of a
Japanese quotation the segmenter cut off its sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from wiretrace.records import Doc, Mention, Sentence
from wiretrace.segment import WORD

_BRACKETS = (("(", ")"), ("[", "]"), ("\uff08", "\uff09"))


def _closed(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """``span`` (word to word) widened by the bracket it leaves open or the one that opens what it closes, when that
    bracket stands within two characters of it: "VARNHOLM (Reuters" -> "VARNHOLM (Reuters)" (user review, L7)."""
    lo, hi = span
    for left, right in _BRACKETS:
        piece = text[lo:hi]
        if piece.count(left) > piece.count(right):
            end = text.find(right, hi, hi + 3)
            if end >= 0:
                hi = end + 1
        elif piece.count(right) > piece.count(left):
            start = text.rfind(left, max(0, lo - 3), lo)
            if start >= 0:
                lo = start
    return lo, hi


def _with_previous(tokens: list[tuple[str, int, int]], tok: tuple[str, int, int]) -> tuple[int, int]:
    """The span of ``tok`` with the word before it ("would not", "officials said"), for context."""
    k = next((i for i, t in enumerate(tokens) if t[1] == tok[1]), -1)
    start = tokens[k - 1][1] if k > 0 and tok[1] - tokens[k - 1][2] in (0, 1) else tok[1]
    return start, tok[2]


def _sentence_start(text: str, at: int) -> bool:
    """Whether ``text[at]`` begins a sentence: nothing but quotes and brackets between it and the text's start or
    a full stop, question or exclamation mark, or a line break."""
    before = text[:at].rstrip(" \t\"'“‘«([")
    return not before or before[-1] in ".!?\n"


def _edit_regions(s: list[str], c: list[str], join_gap: int = 2) -> list[tuple[int, int, int, int]]:
    """Token ranges that differ, with edits no more than ``join_gap`` equal tokens apart joined."""
    from rapidfuzz.distance import Levenshtein

    regions: list[list[int]] = []
    for op in Levenshtein.opcodes(s, c):
        if op.tag == "equal":
            continue
        if regions and op.src_start - regions[-1][1] <= join_gap and op.dest_start - regions[-1][3] <= join_gap:
            regions[-1][1], regions[-1][3] = op.src_end, op.dest_end
        else:
            regions.append([op.src_start, op.src_end, op.dest_start, op.dest_end])
    return [(a, b, c_, d) for a, b, c_, d in regions]


#: A Japanese sentence that is the tail of a quotation its sentence was cut inside ("！」と言われた。",
#: "というセリフです。"): it opens with the closing mark, or with the quoting particle after a sentence that ends in
#: one (not "ところ", "とても": と then a kanji or katakana, "という", "との", "って").
_QUOTE_TAIL = re.compile(r"[!?！？\s]*[」』]")
_QUOTING_PARTICLE = re.compile(r"(?:という|といった|との|って|と[\u4e00-\u9fff\u30a0-\u30ff])")


def _quotation_piece(s: Sentence, sents: Sequence[Sentence], aligned: set[int]) -> bool:
    """Whether an unaligned sentence is a piece of a Japanese quotation that the segmenter cut off an aligned
    neighbour: the tail of the sentence before (``_QUOTE_TAIL``, ``_QUOTING_PARTICLE``), or a head that opens a
    quotation ("「あれ、…倒すの？") the aligned sentence after closes. The other side says it with that neighbour."""
    text = s.text.lstrip()
    before = sents[s.index - 1] if s.index > 0 else None
    after = sents[s.index + 1] if s.index + 1 < len(sents) else None
    if before is not None and before.index in aligned and (_QUOTE_TAIL.match(text) or (
            _QUOTING_PARTICLE.match(text) and before.text.rstrip().endswith(("」", "』")))):
        return True
    return (after is not None and after.index in aligned and text.count("「") > text.count("」")
            and after.text.count("」") > after.text.count("「"))


def _mentions(doc: Doc, kind: str) -> list[Mention]:
    return [m for s in doc.sentences for m in s.mentions if m.kind == kind]


def _word_tokens(sents: list[Sentence]) -> list[tuple[str, int, int]]:
    out = []
    for s in sents:
        for w in WORD.finditer(s.text):
            out.append((w.group().casefold(), s.start + w.start(), s.start + w.end()))
    return out


def _hits(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(s < span[1] and span[0] < e for s, e in spans)


_FUNCTION_WORDS = frozenset("""
that this those these there their them they then than with from into onto over under will would could should
have been were being which what when where while some such very much more most also only just
""".split())  # noqa: SIM905


# The end of a sentence inside a segmenter's sentence: a stop, maybe a closing quote, then an opening
# quote or a capital letter.
_PIECE_END = re.compile(r"[.!?…][\"'”’»]?\s+(?=[\"'“„«‘]?[A-ZÀ-ÖØ-ÞĀ-Ž])")


_OPENING, _CLOSING = "\"“„«", "\"”»"


def _unpaired_quotes_off(part: tuple[str, tuple[int, int]] | None) -> tuple[str, tuple[int, int]] | None:
    """A sentence cut out of a quoted speech of several sentences keeps the speech's opening mark at its
    start (`"These are numbers.`) or its closing mark at its end; that lone mark is left out of the text
    and the span. A mark whose partner is in the sentence stays."""
    if part is None or part[1] is None:
        return part
    text, (a, b) = part
    if len(text) > 1 and text[0] in _OPENING and not any(
            c in _CLOSING for c in text[1:]) and (text[0] != '"' or text.count('"') == 1):
        return text[1:], (a + 1, b)
    if len(text) > 1 and text[-1] in _CLOSING and not any(
            c in _OPENING for c in text[:-1]) and (text[-1] != '"' or text.count('"') == 1):
        return text[:-1], (a, b - 1)
    return part


def _pieces(s: Sentence, min_words: int) -> list[tuple[int, int]]:
    """Document spans of the sentences inside ``s`` (itself when it holds one). Only a quotation is cut:
    the segmenter keeps a quoted speech of several sentences whole, while a stop it did not cut elsewhere
    is an abbreviation or an ordinal ("am 12. Mai"). A piece shorter than ``min_words`` words stays joined
    to the next one."""
    quotes = [(m.start - s.start, m.end - s.start) for m in s.mentions if m.kind == "quote"]
    out: list[tuple[int, int]] = []
    start = 0
    for m in _PIECE_END.finditer(s.text):
        if not any(q0 < m.start() < q1 for q0, q1 in quotes) or s.text[m.start() - 1:m.start()].isdigit():
            continue
        end = m.start() + len(m.group().rstrip())
        if len(WORD.findall(s.text[start:end])) >= min_words:
            out.append((start, end))
            start = m.end()
    tail = s.text[start:].strip()
    if out and len(WORD.findall(tail)) < min_words:
        out[-1] = (out[-1][0], len(s.text.rstrip()))
    elif tail:
        out.append((start, len(s.text.rstrip())))
    marks = "\"'“”„«»‘’ "
    return [(s.start + a + len(s.text[a:b]) - len(s.text[a:b].lstrip(marks)),
             s.start + a + len(s.text[a:b].rstrip(marks))) for a, b in out]


def _content_words(text: str) -> list[str]:
    """Casefolded words over three letters that are no function word."""
    return [w.casefold() for w in WORD.findall(text) if len(w) > 3 and w.casefold() not in _FUNCTION_WORDS]
