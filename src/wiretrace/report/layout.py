"""Layout shared by the terminal and HTML renderings: the side-by-side rows of a Comparison."""

from __future__ import annotations

from wiretrace.records import Comparison

KIND_STYLE = {"exact": "green", "edited": "yellow", "paraphrase": "cyan", "translated": "magenta"}

Row = tuple[tuple[int, int] | None, str, str, tuple[int, int] | None]

#: Under every sites table (the CLI's `sites`, the report's and serve's Sites): what its columns count and the order
#: of its rows (``stories.site_table``). Review of session 29: "derived", "kinds" and "signals" were said nowhere a
#: reader of the table would look.
SITES_NOTE = (
    "derived: the share of the site's articles taken from another article (a pair whose first is not known counts "
    "for neither); top sources: the sites they were taken from, with how many; kinds: how they were taken, as "
    "shares of all the site's articles; signals: how many of its articles ingest marked so (content-farm "
    "furniture such as read_also and author_bio, a date it could not read, ...). Most derived articles first; a "
    "site-less agency copy is its credit's \"(wire)\".")


def side_by_side_rows(c: Comparison) -> list[Row]:
    """Aligned pairs in the order of a, with a's unaligned sentences (dropped) and b's (added) in place; where b is
    the named source, a is the copy, so a's unaligned sentences are the ones it added and b's the ones it dropped.

    The rows said "dropped" for a's whatever the source: with b the source, a copy's added opinion read "dropped"
    beside the findings' "added" (review of session 24)."""
    a_only, b_only = (("added", "green"), ("dropped", "red")) if c.relation.source == "b" else (
        ("dropped", "red"), ("added", "green"))
    keyed: list[tuple[float, float, Row]] = []
    pairs = c.alignment.pairs
    used_a = {i for p in pairs for i in p.a_sents}
    used_b = {j for p in pairs for j in p.b_sents}
    for p in pairs:
        keyed.append((p.a_span[0], p.b_span[0], (p.a_span, f"{p.kind}\n{p.score:.2f}",
                                                 KIND_STYLE.get(p.kind, ""), p.b_span)))
    for idx, span in enumerate(c.a_sentences):
        if idx not in used_a:
            keyed.append((span[0], -1.0, (span, *a_only, None)))
    for idx, span in enumerate(c.b_sentences):
        if idx not in used_b:
            before = [p.a_span[1] for p in pairs if p.b_span[1] <= span[0]]
            keyed.append((max(before) if before else 0, span[0], (None, *b_only, span)))
    keyed.sort(key=lambda k: (k[0], k[1]))
    return [row for _, _, row in keyed]


