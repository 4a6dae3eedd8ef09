"""Typed records that flow between the stages (see ARCHITECTURE.md).

Every record is a slotted, frozen dataclass. Spans are ``(start, end)`` character offsets into the
clean ``Article.text`` they belong to, so every finding can be pointed at and highlighted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Span = tuple[int, int]

RelationKind = Literal["verbatim", "edited_copy", "rewrite", "translation", "same_event", "unrelated"]
AlignKind = Literal["exact", "edited", "paraphrase", "translated"]
DiffOp = Literal["added", "dropped", "changed"]
#: What a diff item changes. ``claim``: a clause or sentence of the copy with no support in the source
#: (not aligned to it, no translation of a source clause, not furniture) and no opinion cue; an evaluative
#: one is ``opinion``, one that carries a figure ``number``.
DiffType = Literal["number", "name", "date", "quote", "opinion", "claim", "negation", "qualifier", "attribution",
                   "boilerplate", "other"]
MentionKind = Literal["number", "date", "name", "quote"]

RELATION_KINDS: tuple[RelationKind, ...] = (
    "verbatim",
    "edited_copy",
    "rewrite",
    "translation",
    "same_event",
    "unrelated",
)
#: Relation kinds in which one article is derived from the other (so a source can be named).
DERIVED_KINDS: frozenset[str] = frozenset({"verbatim", "edited_copy", "rewrite", "translation"})
#: Ingest's signals of content-farm furniture around a copied text (relate weighs them as a sign of a copy;
#: stories reads a page that has them as no agency's own copy).
FARM_SIGNALS: frozenset[str] = frozenset({"read_also", "see_also", "also_like_block", "author_bio", "comment_form",
                                          "share_widgets"})


#: Boilerplate rules of head lines read as metadata (kept so text + boilerplate account for every input line).
METADATA_RULES = frozenset({"title", "byline", "date_line", "head_title", "head_byline", "kicker"})


@dataclass(slots=True, frozen=True)
class Article:
    """One news article: clean text plus the metadata ingest could find."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    site: str | None = None
    byline: str | None = None
    date: str | None = None  # ISO 8601, date or datetime
    dateline: str | None = None  # "NAIROBI"
    credit: str | None = None  # "AFP"
    language: str | None = None  # ISO 639-1
    boilerplate: tuple[str, ...] = ()  # what was removed from the text, kept so a user can see why
    #: The rule that removed each ``boilerplate`` entry, in the same order ("comment_form", "head",
    #: "key_value_head", ...); empty for articles stored before the rules were recorded.
    boilerplate_rules: tuple[str, ...] = ()
    signals: tuple[str, ...] = ()  # content-farm / licence signals seen: "read_also", "comment_form", ...
    path: str | None = None  # where it was read from

    def furniture(self) -> tuple[str, ...]:
        """The boilerplate entries that are page furniture, not the head lines read as metadata (title,
        byline, date line, kicker): what a copy adds around the story."""
        if len(self.boilerplate_rules) != len(self.boilerplate):
            return self.boilerplate
        return tuple(t for t, r in zip(self.boilerplate, self.boilerplate_rules, strict=True)
                     if r not in METADATA_RULES)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "url": self.url,
            "site": self.site,
            "date": self.date,
            "dateline": self.dateline,
            "credit": self.credit,
            "byline": self.byline,
            "language": self.language,
            "text": self.text,
            "boilerplate": list(self.boilerplate),
            "boilerplate_rules": list(self.boilerplate_rules),
            "signals": list(self.signals),
            "path": self.path,
        }


@dataclass(slots=True, frozen=True)
class Mention:
    """A typed thing found in a sentence: a number, a date, a name or a quote.

    ``key`` is the normalised value used for comparison: "7000" for "7,000" and "seven thousand";
    "weekday:0" / "md:3-9" / "ymd:2026-03-09" for dates (resolved against a reference date in diff);
    the case- and accent-folded form for names; the folded quote text for quotes.
    """

    kind: MentionKind
    start: int
    end: int
    text: str
    key: str


@dataclass(slots=True, frozen=True)
class Sentence:
    """A sentence of the clean text with its normalised tokens and mentions."""

    index: int
    start: int
    end: int
    text: str
    tokens: tuple[str, ...]  # normalised word tokens (casefolded; numbers as their value)
    mentions: tuple[Mention, ...] = ()


@dataclass(slots=True, frozen=True)
class Doc:
    """An Article segmented into sentences (offsets into ``article.text``)."""

    article: Article
    sentences: tuple[Sentence, ...]

    @property
    def text(self) -> str:
        return self.article.text


@dataclass(slots=True, frozen=True)
class AlignedPair:
    """Sentences ``a_sents`` of article a aligned with ``b_sents`` of article b."""

    a_sents: tuple[int, ...]
    b_sents: tuple[int, ...]
    a_span: Span
    b_span: Span
    kind: AlignKind
    score: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "a": list(self.a_span),
            "b": list(self.b_span),
            "kind": self.kind,
            "score": round(self.score, 4),
            "a_sentences": list(self.a_sents),
            "b_sentences": list(self.b_sents),
        }


@dataclass(slots=True, frozen=True)
class Alignment:
    """Aligned sentence groups of two Docs, in the order of article a."""

    pairs: tuple[AlignedPair, ...]
    semantic: bool  # whether sentence embeddings took part

    def to_list(self) -> list[dict[str, Any]]:
        return [p.to_dict() for p in self.pairs]


@dataclass(slots=True, frozen=True)
class Relation:
    """What one article is to the other, how much each takes from the other, and who came first."""

    kind: RelationKind
    a_in_b: float  # share of a's text covered by aligned passages of b
    b_in_a: float
    source: Literal["a", "b"] | None
    source_probability: float
    evidence: tuple[str, ...]
    features: dict[str, float] = field(default_factory=dict)
    #: Which decider made each verdict ("kind", "source"), with its version.
    deciders: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "coverage": {"a_in_b": round(self.a_in_b, 4), "b_in_a": round(self.b_in_a, 4)},
            "source": self.source,
            "source_probability": round(self.source_probability, 4),
            "evidence": list(self.evidence),
            "features": {k: round(v, 4) for k, v in sorted(self.features.items())},
            "deciders": dict(sorted(self.deciders.items())),
        }


@dataclass(slots=True, frozen=True)
class DiffItem:
    """One difference: added to the copy, dropped from the source, or changed between them."""

    op: DiffOp
    type: DiffType
    a_text: str | None
    b_text: str | None
    a_span: Span | None
    b_span: Span | None
    #: False for rewording (word swaps inside an edited passage that touch no fact, negation, hedge,
    #: qualifier, attribution or opinion): listed after the findings, folded away by the faces.
    material: bool = True
    #: Occurrences this item stands for (a name spelled differently is reported once, with its count).
    count: int = 1
    #: True when a sentence added or dropped holds a quotation (one with a figure is typed ``number``).
    quoted: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "op": self.op,
            "type": self.type,
            "a_text": self.a_text,
            "b_text": self.b_text,
            "a_span": list(self.a_span) if self.a_span else None,
            "b_span": list(self.b_span) if self.b_span else None,
            "material": self.material,
            "count": self.count,
            "quoted": self.quoted,
        }


@dataclass(slots=True, frozen=True)
class Comparison:
    """Everything ``compare`` finds about two articles."""

    a: Article
    b: Article
    relation: Relation
    alignment: Alignment
    diff: tuple[DiffItem, ...]
    a_sentences: tuple[Span, ...] = ()  # sentence spans of a's text, so unaligned ones can be shown
    b_sentences: tuple[Span, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of ``wiretrace compare --json``."""
        return {
            "a": self.a.to_dict(),
            "b": self.b.to_dict(),
            "relation": self.relation.to_dict(),
            "alignment": self.alignment.to_list(),
            "diff": [d.to_dict() for d in self.diff],
            "sentences": {"a": [list(x) for x in self.a_sentences], "b": [list(x) for x in self.b_sentences]},
        }
