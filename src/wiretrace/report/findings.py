"""What changed, first: a Comparison's material diff items grouped by kind, each finding once with its
count and the side-by-side row it sits in; word-level rewording apart, to be folded away.

The one grouping every face uses: the pair page of ``wiretrace serve``, the static report and the
terminal's ``wiretrace compare``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from wiretrace.records import DERIVED_KINDS, Comparison, DiffItem
from wiretrace.report.layout import Row, side_by_side_rows

__all__ = ["BLIND", "GROUPS", "Finding", "FindingGroup", "Findings", "added_means", "group_findings", "group_of",
           "not_comparable", "row_anchor"]

#: Group key -> heading, in the order a reader should see them: facts a copy can get wrong first.
GROUPS: dict[str, str] = {
    "numbers": "Numbers",
    "names": "Names",
    "dates": "Dates",
    "quotes": "Quotes",
    "claims": "Added claims and opinion",
    "attribution": "Attribution",
    "meaning": "Negation and hedging",
    "other": "Other changes",
    "furniture": "Page furniture",
}
_BY_TYPE = {"number": "numbers", "name": "names", "date": "dates", "quote": "quotes", "claim": "claims",
            "opinion": "claims", "attribution": "attribution", "negation": "meaning", "qualifier": "meaning",
            "boilerplate": "furniture"}


@dataclass(slots=True)
class Finding:
    """One change, listed once: ``count`` occurrences, first seen in side-by-side row ``row``."""

    op: str
    type: str
    a_text: str | None
    b_text: str | None
    count: int
    row: int | None
    #: b is the named source, so the change runs from b's text to a's: a copy's "added" text is its a_text
    #: (the pair page showed "added None" for every sentence a copy in a added; review of session 23)
    from_b: bool = False

    @property
    def old(self) -> str | None:
        """The source's side of the change (a's where no source is named): what a "dropped" item lost."""
        return self.b_text if self.from_b else self.a_text

    @property
    def new(self) -> str | None:
        """The copy's side of the change (b's where no source is named): what an "added" item added."""
        return self.a_text if self.from_b else self.b_text

    @property
    def anchor(self) -> str | None:
        """The id of its row in the side-by-side table (None when no row holds it)."""
        return None if self.row is None else row_anchor(self.row)


@dataclass(slots=True)
class FindingGroup:
    key: str
    title: str
    findings: list[Finding] = field(default_factory=list)

    @property
    def count(self) -> int:
        """Occurrences in the group (a name changed four times counts four)."""
        return sum(f.count for f in self.findings)


@dataclass(slots=True)
class Findings:
    """Material findings by group (only groups with something in them, in ``GROUPS`` order), and the
    rewording (``DiffItem.material`` False), deduplicated the same way."""

    groups: list[FindingGroup]
    rewording: list[Finding]
    #: What "added" means in this pair: in the copy and not in the source (no source named: in b, not in a).
    added_means: str = "added = in b, not in a"

    @property
    def material(self) -> int:
        """Distinct material findings (a name changed four times is one), page furniture apart: a
        "Read also" line a copy wraps round the story changes no fact of it."""
        return sum(len(g.findings) for g in self.groups if g.key != "furniture")

    def summary(self) -> str:
        """One line: '5 changes that matter: numbers 2, names 1 (×4), …; page furniture 3' or that there
        are none. Furniture is counted apart from the changes that matter."""
        facts = [g for g in self.groups if g.key != "furniture"]
        furniture = sum(len(g.findings) for g in self.groups if g.key == "furniture")
        extra = f"; page furniture {furniture}" if furniture else ""
        if not facts:
            n = len(self.rewording)
            extra += f"; {n} rewording{'' if n == 1 else 's'}" if n else ""
            return "No change of fact found" + extra
        parts = []
        for g in facts:
            times = f" (×{g.count})" if g.count > len(g.findings) else ""
            parts.append(f"{g.title.lower()} {len(g.findings)}{times}")
        n = self.material
        return f"{n} change{'' if n == 1 else 's'} that matter{'s' if n == 1 else ''}: " + ", ".join(parts) + extra


def row_anchor(row: int) -> str:
    """The HTML id of side-by-side row ``row`` (0-based), the target of a finding's link."""
    return f"row-{row + 1}"


def group_of(d: DiffItem) -> str:
    """The group key of a material diff item."""
    return _BY_TYPE.get(d.type, "other")


def group_findings(c: Comparison, rows: list[Row] | None = None) -> Findings:
    """``c``'s diff grouped for people: material findings by kind, then rewording; ``rows``: the
    side-by-side rows the anchors point into (default: ``side_by_side_rows(c)``)."""
    rows = side_by_side_rows(c) if rows is None else rows
    grouped: dict[str, dict[tuple[str, str, str | None, str | None], Finding]] = {k: {} for k in GROUPS}
    rewording: dict[tuple[str, str, str | None, str | None], Finding] = {}
    from_b = c.relation.source == "b"
    for d in c.diff:
        bucket = grouped[group_of(d)] if d.material else rewording
        _add(bucket, d, _row_of(d, rows), from_b)
    groups = [FindingGroup(k, GROUPS[k], list(v.values())) for k, v in grouped.items() if v]
    return Findings(groups=groups, rewording=list(rewording.values()), added_means=added_means(c))


def added_means(c: Comparison) -> str:
    """What "added" means in ``c``'s diff: in the copy, not in the source; in b, not in a where no source is
    named (the diff's own convention). It said "in b, not in a" where b was the source, the wrong way round."""
    if c.relation.source == "b":
        return "added = in a, the copy, not in b, the source"
    if c.relation.source == "a":
        return "added = in b, the copy, not in a, the source"
    return "added = in b, not in a"


def _add(bucket: dict[tuple[str, str, str | None, str | None], Finding], d: DiffItem, row: int | None,
         from_b: bool = False) -> None:
    key = (d.op, d.type, d.a_text, d.b_text)
    seen = bucket.get(key)
    if seen is None:
        bucket[key] = Finding(d.op, d.type, d.a_text, d.b_text, d.count, row, from_b)
    else:
        seen.count += d.count
        if seen.row is None:
            seen.row = row


def _row_of(d: DiffItem, rows: list[Row]) -> int | None:
    """The first side-by-side row whose a or b span holds the item's span on that side."""
    for i, (a_span, _label, _style, b_span) in enumerate(rows):
        if _inside(d.a_span, a_span) or _inside(d.b_span, b_span):
            return i
    return None


def _inside(inner: tuple[int, int] | None, outer: tuple[int, int] | None) -> bool:
    return inner is not None and outer is not None and outer[0] <= inner[0] and inner[1] <= outer[1]



#: What the verdict line says after a kind reached blind (``not_comparable``).
BLIND = "as far as shared words can tell: not comparable here"


def not_comparable(c: Comparison) -> str | None:
    """Why the verdict of a pair that is no copy was reached blind, else None: the pair was compared by shared words
    only where a translation or a rewrite needs an embedder (the relation's ``unsupported_language`` feature: a
    language the embedder does not cover, or ``--lexical`` across two languages), so its "unrelated" means "not
    comparable" (user review, M6: a translation sharing a dateline, names and figures read "unrelated"). The reason
    is the line compare puts first in the evidence. A copy found by its words is no blind verdict: None."""
    r = c.relation
    if r.kind in DERIVED_KINDS or not r.features.get("unsupported_language"):
        return None
    return r.evidence[0] if r.evidence else "compared by shared words only"
