"""Terminal rendering (rich) of a Comparison and of an evaluation report."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from wiretrace.evaluate import EvalReport
from wiretrace.records import DERIVED_KINDS, Article, Comparison, DiffItem
from wiretrace.report.layout import side_by_side_rows

# One colour per diff type, the same in the terminal and (later) the web UI.
TYPE_STYLE = {
    "number": "bold magenta",
    "name": "bold cyan",
    "date": "bold blue",
    "quote": "bold yellow",
    "opinion": "bold red",
    "claim": "bold green",
    "boilerplate": "dim",
    "other": "underline",
}


def render_comparison(c: Comparison, console: Console, *, max_rows: int = 80) -> None:
    """Print the relation, the source and why, the side-by-side alignment and the diff list."""
    r = c.relation
    head = Text()
    head.append(f"{r.kind}", style="bold")
    head.append(f"   a in b {r.a_in_b:.0%}   b in a {r.b_in_a:.0%}\n")
    if r.source:
        src = c.a if r.source == "a" else c.b
        head.append(f"source: {r.source} ({_label(src)}), probability {r.source_probability:.2f}\n", style="bold")
    else:
        head.append("source: none named\n", style="bold")
    for e in r.evidence:
        head.append(f"  - {e}\n")
    console.print(Panel(Group(Text(f"a: {_label(c.a)}\nb: {_label(c.b)}", style="dim"), head),
                        title="wiretrace compare", expand=True))

    table = Table(show_lines=True, expand=True)
    table.add_column("a", ratio=5)
    table.add_column("", min_width=10, justify="center")
    table.add_column("b", ratio=5)
    a_items = [d for d in c.diff if d.a_span]
    b_items = [d for d in c.diff if d.b_span]
    rows = side_by_side_rows(c)
    for a_span, label, style, b_span in rows[:max_rows]:
        ta = _marked(c.a.text, a_span, a_items, "a") if a_span else Text("")
        tb = _marked(c.b.text, b_span, b_items, "b") if b_span else Text("")
        table.add_row(ta, Text(label, style=style), tb)
    console.print(table)
    if len(rows) > max_rows:
        console.print(f"... {len(rows) - max_rows} more rows (use --json for all)")

    if c.diff:
        dt = Table(title="diff (added = in the copy, not in the source)", expand=True)
        dt.add_column("op")
        dt.add_column("type")
        dt.add_column("a", ratio=3)
        dt.add_column("b", ratio=3)
        for d in c.diff:
            style = TYPE_STYLE.get(d.type, "")
            dt.add_row(d.op, Text(d.type, style=style), _short(d.a_text), _short(d.b_text))
        console.print(dt)
    else:
        console.print("no differences listed (the relation is not a copy, or the copy is exact)")


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
    if a.date:
        bits.append(a.date)
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
