"""Terminal rendering (rich) of a Comparison and of an evaluation report."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from rich.console import Console, Group, OverflowMethod
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from wiretrace.evaluate import EvalReport
from wiretrace.ingest.meta import CRAWL_DATE
from wiretrace.records import DERIVED_KINDS, Article, Comparison, DiffItem
from wiretrace.relate import short_ids
from wiretrace.report.findings import BLIND, Finding, Findings, group_findings, not_comparable
from wiretrace.report.layout import Row, side_by_side_rows

# One colour per diff type, the same in the terminal and (later) the web UI.
TYPE_STYLE = {
    "number": "bold magenta",
    "name": "bold cyan",
    "date": "bold blue",
    "quote": "bold yellow",
    "opinion": "bold red",
    "claim": "bold green",
    # the web's marks colour these three too (style.css); the terminal left them plain (review of session 24)
    "negation": "bold red underline",
    "qualifier": "bold yellow underline",
    "attribution": "bold magenta underline",
    "boilerplate": "dim",
    "other": "underline",
}

#: How a text column breaks a word longer than its width: folded onto the next line. Rich's default cut it with
#: "…", and a Chinese or Japanese sentence has no spaces, so it is one word: the side by side showed a line of
#: each and dropped the rest (review of session 24, WMT22 en-zh and ja-en pairs).
FOLD: OverflowMethod = "fold"


#: Control characters (C0 but tab and line feed, DEL, C1) as the terminal shows them: their Control Pictures ("␛",
#: "␇", "␡"; C1 as "�"), one character for one, so a span into the text still points at the same place. An article's
#: fields come from other people's pages and dumps: an escape sequence in a title ("\x1b[2J") printed raw would drive
#: the user's terminal (review of session 28). JSON output escapes them and is left as stored.
_UNPRINTABLE = ({c: 0x2400 + c for c in range(0x20) if c not in (0x09, 0x0A)} | {0x7F: 0x2421}
                | dict.fromkeys(range(0x80, 0xA0), 0xFFFD))
#: Whether a text holds any of them (built from the table: one list of the characters, not two).
_CONTROL = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_UNPRINTABLE)) + "]")
_SHOWN = ("text", "title", "url", "site", "byline", "dateline", "credit", "path")


def printable(text: str) -> str:
    """``text`` with each control character shown as its picture (``_UNPRINTABLE``), the same length."""
    return text.translate(_UNPRINTABLE) if _CONTROL.search(text) else text


def printable_article(a: Article) -> Article:
    """``a`` with its text fields and boilerplate ``printable``; ``a`` itself where none holds a control character."""
    if not any(_CONTROL.search(v) for v in (*(getattr(a, f) for f in _SHOWN), *a.boilerplate) if v):
        return a
    changes: dict[str, Any] = {f: printable(v) for f in _SHOWN if (v := getattr(a, f))}
    return replace(a, boilerplate=tuple(printable(b) for b in a.boilerplate), **changes)


def printable_comparison(c: Comparison) -> Comparison:
    """``c`` with its articles, diff texts and evidence ``printable`` (spans unchanged: one character for one)."""
    a, b = printable_article(c.a), printable_article(c.b)
    if a is c.a and b is c.b and not any(_CONTROL.search(e) for e in c.relation.evidence):
        return c
    evidence = tuple(printable(e) for e in c.relation.evidence)
    diff = tuple(replace(d, a_text=d.a_text and printable(d.a_text), b_text=d.b_text and printable(d.b_text))
                 for d in c.diff)
    return replace(c, a=a, b=b, relation=replace(c.relation, evidence=evidence), diff=diff)


def render_comparison(c: Comparison, console: Console, *, max_rows: int = 80) -> None:
    """Print the relation, the source and why, what changed (grouped findings, each with the row it
    is in), the side-by-side alignment with numbered rows, and the rewording last."""
    c = printable_comparison(c)
    r = c.relation
    head = Text()
    head.append(f"{r.kind}", style="bold")
    if not_comparable(c):  # compared blind (user review, M6): the reason is the first evidence line
        head.append(f" {BLIND}", style="bold yellow")
    head.append(f"   a in b {r.a_in_b:.0%}   b in a {r.b_in_a:.0%}\n")
    if r.source:
        src = c.a if r.source == "a" else c.b
        head.append(f"source: {r.source} ({_label(src)}), probability {r.source_probability:.2f}\n", style="bold")
    else:
        head.append("source: none named\n", style="bold")
    for e in r.evidence:
        head.append(f"  - {e}\n")
    ia, ib = short_ids(c.a.id, c.b.id)  # the ids the evidence names articles by ("Reuters wire #02d5a7d0")
    console.print(Panel(Group(Text(f"a: #{ia} {_label(c.a)}\nb: #{ib} {_label(c.b)}", style="dim"), head),
                        title="wiretrace compare", expand=True))
    rows = side_by_side_rows(c)
    found = group_findings(c, rows)
    if c.diff:
        console.print(_findings_table(found))
    else:
        console.print(no_differences_line(c))
    if r.kind == "unrelated" and not c.alignment.pairs:
        # every sentence would be a row of its own, dropped or added (review, session 24: 38 rows for two
        # unrelated documents): the verdict says it
        console.print(f"nothing aligns, so no side by side: a has {len(c.a_sentences)} sentences, b "
                      f"{len(c.b_sentences)} (--json lists them)")
        return
    console.print(_side_by_side(c, rows[:max_rows]))
    if len(rows) > max_rows:
        console.print(f"... {len(rows) - max_rows} more rows (use --json for all)")
    if found.rewording:
        console.print(_rewording_table(found.rewording))


def no_differences_line(c: Comparison) -> str:
    """What an empty diff means for this pair: a copy (a translation too) with nothing changed, or a pair that
    is no copy and so is not diffed (the line said "not a copy, or the copy is exact" under a translation,
    which is a copy and not exact; review of session 23)."""
    kind = c.relation.kind
    if kind in DERIVED_KINDS:
        return (f"no changes found in this {kind.replace('_', ' ')}: the figures, names, dates and quotes the diff "
                "compares agree, and no sentence was added or dropped")
    return f"no differences listed: {kind.replace('_', ' ')} is no copy, so the texts are not diffed"


def _findings_table(found: Findings) -> Table:
    """What changed: one line per finding, grouped by kind, with its count and side-by-side row."""
    t = Table(title=f"what changed: {found.summary()} ({found.added_means})", expand=True, title_justify="left")
    t.add_column("kind", no_wrap=True)
    t.add_column("op", no_wrap=True)
    t.add_column("a", ratio=3, overflow=FOLD)
    t.add_column("b", ratio=3, overflow=FOLD)
    t.add_column("×", justify="right")
    t.add_column("row", justify="right")
    for g in found.groups:
        for i, f in enumerate(g.findings):
            kind = Text(g.title if i == 0 else "", style=TYPE_STYLE.get(f.type, ""))
            t.add_row(kind, f.op, _short(f.a_text), _short(f.b_text), f"×{f.count}" if f.count > 1 else "",
                      "" if f.row is None else str(f.row + 1))
    return t


def _side_by_side(c: Comparison, rows: list[Row]) -> Table:
    table = Table(show_lines=True, expand=True)
    table.add_column("a", ratio=5, overflow=FOLD)
    table.add_column("row", min_width=10, justify="center")
    table.add_column("b", ratio=5, overflow=FOLD)
    a_items = [d for d in c.diff if d.a_span]
    b_items = [d for d in c.diff if d.b_span]
    for n, (a_span, label, style, b_span) in enumerate(rows, start=1):
        ta = _marked(c.a.text, a_span, a_items, "a") if a_span else Text("")
        tb = _marked(c.b.text, b_span, b_items, "b") if b_span else Text("")
        table.add_row(ta, Text(f"{n}\n{label}", style=style), tb)
    return table


def _rewording_table(rewording: list[Finding]) -> Table:
    """Word-level rewording, compact and last: it touches no fact."""
    t = Table(title=f"rewording: {len(rewording)} word-level changes that touch no fact", expand=True,
              title_justify="left", style="dim")
    t.add_column("a", ratio=3, style="dim", overflow=FOLD)
    t.add_column("b", ratio=3, style="dim", overflow=FOLD)
    t.add_column("row", justify="right", style="dim")
    for f in rewording:
        t.add_row(_short(f.a_text, 60), _short(f.b_text, 60), "" if f.row is None else str(f.row + 1))
    return t


def render_eval(report: EvalReport, console: Console) -> None:
    """Print the per-pair table and the scores of an evaluation."""
    t = Table(title="wiretrace on the corpus truth")
    for col in ("story", "a", "b", "true", "predicted", "source true/ours", "p"):
        t.add_column(col, no_wrap=True)
    for p in report.pairs:
        kind = Text(p.kind, style="green" if p.kind_ok else "bold red")
        src = Text(f"{p.true_source or '-'} / {p.source or '-'}",
                   style="green" if p.source_ok or p.true_kind not in DERIVED_KINDS else "bold red")
        story, a_file = _split(p.a)
        _, b_file = _split(p.b)
        t.add_row(story, a_file, b_file, p.true_kind, kind, src, f"{p.source_probability:.2f}")
    console.print(t)
    if report.planted:
        pt = Table(title="planted changes in content-farm copies")
        for col in ("story", "op", "type", "source text", "copy text", "found"):
            pt.add_column(col, overflow="fold")
        for pl in report.planted:
            found = Text("yes", style="green") if pl.found else Text(f"no ({pl.reported_as or 'missed'})",
                                                                     style="bold red")
            pt.add_row(_split(pl.copy)[0], pl.op, pl.type, _short(pl.source_text, 40), _short(pl.copy_text, 40), found)
        console.print(pt)
    kinds = ", ".join(f"{k} {ok}/{n}" for k, (ok, n) in sorted(report.per_kind().items()))
    console.print(f"relation accuracy {report.relation_accuracy:.1%} ({kinds})")
    console.print(f"source accuracy   {report.source_accuracy:.1%} (derived pairs)")
    console.print(f"planted changes   {report.planted_recall:.1%} found with the right type")
    console.print(f"format-only changes wrongly flagged: {len(report.false_changes)}")
    for f in report.false_changes:
        console.print(f"  - {f}")



def _split(path: str) -> tuple[str, str]:
    story, _, name = path.rpartition("/")
    return story, name


def _label(a: Article) -> str:
    bits = [a.title or "(no title)"]
    if a.site:
        bits.append(a.site)
    if a.date:  # a crawl time said so: the page was online then, not published then (user review, H3b)
        bits.append(f"{a.date} (crawled: online by then)" if CRAWL_DATE in a.signals else a.date)
    if a.language:
        bits.append(a.language)
    if a.path:
        bits.append(a.path)
    return " | ".join(bits)


def _marked(text: str, span: tuple[int, int], items: list[DiffItem], side: str) -> Text:
    start, end = span
    t = Text(text[start:end])
    for d in items:
        s = d.a_span if side == "a" else d.b_span
        if s and start <= s[0] and s[1] <= end:
            t.stylize(TYPE_STYLE.get(d.type, ""), s[0] - start, s[1] - start)
    return t


def _short(text: str | None, n: int = 120) -> str:
    if text is None:
        return ""
    return text if len(text) <= n else text[: n - 1] + "…"
