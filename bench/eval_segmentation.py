"""Sentence splitters against WMT22's gold sentence boundaries (issue #15 item 1): boundary P/R/F1 and speed.

The WMT22 news documents (``../shared/data/wmt22-news``) come split into the test set's own segments by
their translators: mostly one sentence each, some hold two. Both sides of each document are used, the
original (de, fr, en, ja, ru) and each professional reference translation (fr, de, zh x2, en), six
languages. The data has no paragraphs (every document is one block of segments), so each side is laid
out two ways:

* ``block``: all gold segments of a document in one paragraph, joined by one space (no space in zh / ja,
  as those scripts are written);
* ``heads``: the same, except that a segment with no sentence-final mark (a title, a subhead such as
  "Fronde des conservateurs -") ends its paragraph (a blank line after it), as on a page. Boundaries at
  those paragraph breaks are given to every splitter (all run paragraph by paragraph), so only the
  boundaries inside paragraphs are scored there.

A boundary is the place between two sentences, counted in non-whitespace characters from the start of
the document (so where the whitespace goes does not matter). Every splitter runs paragraph by paragraph
(split on blank lines), as wiretrace does; ``+merge`` adds our ``_merge_fragments`` (pieces too short to
be sentences joined onto their neighbour). Candidates that are not installed are skipped.

    python bench/eval_segmentation.py [--split dev|test|both] [--layouts block,heads] [--only NAME,...]
                                      [--repeat 2] [--json PATH]

Split: the test bed's dev / test split by source document (``bench/_realdata.py``: salted hash of
``wmt:<pair>:<docid>``, 60% dev), so the translations of a document are on its side. Hybrids were
designed looking at dev errors only; test confirms. Time is the per-document minimum over ``--repeat``
runs, same inputs and process; ``tracemalloc`` peak is Python-heap only (blingfire's C heap is not seen),
so the RSS growth when the splitter is built is also given. Regex compiles are real ``re`` compiles (cache
misses) while the candidate runs.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import json
import re
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from _evalkit import Timer, dataset_dir, emit, parser, skip
from _realdata import WMT_PAIRS, split_of
from wiretrace.segment import paragraph_starts
from wiretrace.segment.regex_cache import CACHED_RE
from wiretrace.segment.sentences import ends_sentence

Span = tuple[int, int]
SplitFn = Callable[[str, str], list[Span]]

UNSPACED = frozenset({"zh", "ja"})
LANGS = ("de", "en", "fr", "ja", "ru", "zh")
#: A segment ending with one of these (then closing quotes / brackets) ends a sentence; one that does not
#: is a title or subhead in the ``heads`` layout.
_FINAL = re.compile(r"[.!?…。！？:;][\"'”’»)\]」』）]*\s*$")


# ---------------------------------------------------------------- data


@dataclass(slots=True)
class Side:
    """One side of a WMT document: the original or one reference translation, as gold segments."""

    key: str  # "wmt:ru-en:<docid>"
    side: str  # "orig" or "ref:A"
    lang: str
    segments: list[str]

    @property
    def split(self) -> str:
        return split_of(self.key)


@dataclass(slots=True)
class Item:
    """A side laid out as text, with its gold boundaries (non-whitespace offsets)."""

    side: Side
    layout: str
    text: str
    gold: frozenset[int]
    breaks: frozenset[int]  # paragraph breaks (given, not scored)
    prefix: list[int] = field(repr=False)  # prefix[i] = non-whitespace characters in text[:i]


def load_sides(folder: Path) -> list[Side]:
    """Every side of every WMT22 news document, in file order."""
    out: list[Side] = []
    for pair in WMT_PAIRS:
        with gzip.open(folder / f"wmt22.{pair}.news.jsonl.gz", "rt", encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                src, tgt = rec["pair"].split("-")
                key = f"wmt:{pair}:{rec['docid']}"
                out.append(Side(key, "orig", src, _flat(rec["original_segments"])))
                for name, segs in sorted((rec.get("reference_segments") or {}).items()):
                    out.append(Side(key, f"ref:{name}", tgt, _flat(segs)))
    return out


def _flat(paragraphs: list[list[str]]) -> list[str]:
    return [" ".join(s.split()) for para in paragraphs for s in para if s.strip()]


def lay_out(side: Side, layout: str) -> Item:
    """The side's text in ``layout`` and its gold boundaries."""
    sep = "" if side.lang in UNSPACED else " "
    parts: list[str] = []
    gold: set[int] = set()
    breaks: set[int] = set()
    nonws = 0
    for k, seg in enumerate(side.segments):
        if k:
            gold.add(nonws)
            if layout == "heads" and not _FINAL.search(side.segments[k - 1]):
                parts.append("\n\n")
                breaks.add(nonws)
            else:
                parts.append(sep)
        parts.append(seg)
        nonws += sum(1 for c in seg if not c.isspace())
    text = "".join(parts)
    return Item(side, layout, text, frozenset(gold - breaks), frozenset(breaks), _prefix(text))


def _prefix(text: str) -> list[int]:
    out = [0] * (len(text) + 1)
    n = 0
    for i, c in enumerate(text):
        if not c.isspace():
            n += 1
        out[i + 1] = n
    return out


def boundaries(item: Item, spans: list[Span]) -> set[int]:
    """Predicted boundaries (non-whitespace offsets) inside paragraphs."""
    total = item.prefix[-1]
    return {b for s, _ in spans[1:] if 0 < (b := item.prefix[s]) < total} - item.breaks


# ---------------------------------------------------------------- splitters


def locate(text: str, pieces: list[str], base: int = 0) -> list[Span]:
    """Offsets of ``pieces`` (in order) in ``text``, as wiretrace finds pysbd's sentences."""
    spans: list[Span] = []
    cursor = 0
    for piece in pieces:
        chunk = piece.strip()
        if not chunk:
            continue
        s = text.find(chunk, cursor)
        if s < 0:  # the splitter changed the text: take the rest
            rest = text[cursor:].strip()
            if rest:
                s = text.index(rest, cursor)
                spans.append((base + s, base + s + len(rest)))
            break
        spans.append((base + s, base + s + len(chunk)))
        cursor = s + len(chunk)
    return spans


def per_paragraph(fn: SplitFn, merge: bool = False) -> SplitFn:
    """Run ``fn(paragraph, lang)`` on each paragraph; shift its spans; optionally apply our merges."""
    from wiretrace.segment import _merge_fragments

    def run(text: str, lang: str) -> list[Span]:
        spans: list[Span] = []
        for start, para in paragraph_starts(text):
            if para.strip():
                spans.extend((start + s, start + e) for s, e in fn(para, lang))
        return _merge_fragments(text, spans) if merge else spans

    return run


@dataclass
class Candidate:
    name: str
    build: Callable[[], SplitFn]  # raises ImportError when the splitter is not installed
    note: str = ""
    # pysbd as shipped by pysbd unless a candidate says otherwise (a lambda: defined further down)
    context: Callable[[], contextlib.AbstractContextManager[Any]] = field(
        default=lambda: pysbd_plain_re())  # noqa: PLW0108


def _pysbd_code(lang: str) -> str:
    from wiretrace.segment import _PYSBD_FALLBACK, _PYSBD_LANGS

    return lang if lang in _PYSBD_LANGS else _PYSBD_FALLBACK.get(lang, "en")


def build_wiretrace_doc(splitter: str = "pysbd") -> Callable[[], SplitFn]:
    """Our Segmenter (``[segment] splitter``): the whole Doc, tokens and mentions included."""

    def build() -> SplitFn:
        from wiretrace.records import Article
        from wiretrace.segment import SegmentConfig, Segmenter

        seg = Segmenter(SegmentConfig(splitter=splitter))

        def run(text: str, lang: str) -> list[Span]:
            doc = seg.segment(Article(id="x", text=text, language=lang))
            return [(s.start, s.end) for s in doc.sentences]

        return run

    return build


def build_wiretrace_spans() -> SplitFn:
    from wiretrace.segment import Segmenter

    seg = Segmenter()
    return seg._sentence_spans


def build_pysbd_raw() -> SplitFn:
    import pysbd

    cache: dict[str, Any] = {}

    def one(para: str, lang: str) -> list[Span]:
        code = _pysbd_code(lang)
        if code not in cache:
            cache[code] = pysbd.Segmenter(language=code, clean=False, char_span=False)
        return locate(para, cache[code].segment(para))

    return per_paragraph(one)


def _pysbd_modules() -> list[Any]:
    import pysbd.languages  # noqa: F401 - loads pysbd's modules

    return [m for name, m in list(sys.modules.items()) if name == "pysbd" or name.startswith("pysbd.")
            if getattr(m, "re", None) in (re, CACHED_RE)]


@contextlib.contextmanager
def _pysbd_re(stand_in: Any) -> Iterator[None]:
    """Point pysbd's modules' ``re`` at ``stand_in`` for the duration (wiretrace's Segmenter installs the
    cached one for good once it runs: the uncached candidates need plain ``re`` back)."""
    mods = _pysbd_modules()
    before = [m.re for m in mods]
    for m in mods:
        m.re = stand_in
    try:
        yield
    finally:
        for m, old in zip(mods, before, strict=True):
            m.re = old


def pysbd_re_cache() -> contextlib.AbstractContextManager[None]:
    """pysbd's re calls through wiretrace's cache (``wiretrace.segment.regex_cache``)."""
    return _pysbd_re(CACHED_RE)


def pysbd_plain_re() -> contextlib.AbstractContextManager[None]:
    """pysbd as shipped: its re calls through the ``re`` module (and its 512-pattern cache)."""
    return _pysbd_re(re)


def build_blingfire(merge: bool) -> Callable[[], SplitFn]:
    def build() -> SplitFn:
        import blingfire

        def one(para: str, lang: str) -> list[Span]:
            _, offsets = blingfire.text_to_sentences_and_offsets(para)
            return [(s, e) for s, e in offsets if para[s:e].strip()]

        return per_paragraph(one, merge)

    return build


def build_syntok(merge: bool) -> Callable[[], SplitFn]:
    def build() -> SplitFn:
        from syntok import segmenter

        def one(para: str, lang: str) -> list[Span]:
            out: list[Span] = []
            for p in segmenter.analyze(para):
                for sent in p:
                    if sent:
                        out.append((sent[0].offset, sent[-1].offset + len(sent[-1].value)))
            return out

        return per_paragraph(one, merge)

    return build


def build_spacy(merge: bool) -> Callable[[], SplitFn]:
    def build() -> SplitFn:
        import spacy

        nlps: dict[str, Any] = {}

        def one(para: str, lang: str) -> list[Span]:
            if lang not in nlps:
                # ja's own tokenizer needs SudachiPy; zh's default tokenizer (characters) serves for ja
                nlp = spacy.blank("zh" if lang == "ja" else lang)
                nlp.add_pipe("sentencizer")
                nlps[lang] = nlp
            return [(s.start_char, s.end_char) for s in nlps[lang](para).sents if s.text.strip()]

        return per_paragraph(one, merge)

    return build


def build_sentencex(merge: bool) -> Callable[[], SplitFn]:
    def build() -> SplitFn:
        import sentencex

        def one(para: str, lang: str) -> list[Span]:
            return locate(para, list(sentencex.segment(lang, para)))

        return per_paragraph(one, merge)

    return build


# ---------------------------------------------------------------- hybrid: our own rules (no new dependency)

def rule_spans(para: str, lang: str, keep_quotes: bool = False) -> list[Span]:
    """wiretrace's rules splitter (``wiretrace.segment.sentences``) on one paragraph; ``keep_quotes``
    joins back the pieces it cut inside a quotation (our ``_QUOTE`` spans): a variant, measured only."""
    from wiretrace.segment.sentences import rule_spans as rules

    spans = rules(para, lang, _pysbd_code(lang))
    if not keep_quotes:
        return spans
    from wiretrace.segment import _QUOTE

    quotes = [(q.start(), q.end()) for q in _QUOTE.finditer(para)]
    out: list[Span] = []
    for s, e in spans:
        if out and any(a < out[-1][1] < z - 1 for a, z in quotes):
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def build_rules(merge: bool, keep_quotes: bool = False) -> Callable[[], SplitFn]:
    def build() -> SplitFn:
        return per_paragraph(functools.partial(rule_spans, keep_quotes=keep_quotes), merge)

    return build


def build_blingfire_guarded() -> SplitFn:
    """blingfire, then the rules' guards: a closing quote that starts a sentence goes to the one before
    (zh ``。”``), and a cut the guards reject is undone."""
    import blingfire

    def one(para: str, lang: str) -> list[Span]:
        _, offsets = blingfire.text_to_sentences_and_offsets(para)
        out: list[Span] = []
        for s0, e in offsets:
            s = s0
            while s < e and para[s] in "”’」』）》":
                s += 1
            if out:
                e0 = out[-1][1]
                if s > e0 and para[e0:s].strip():  # closing quotes moved back
                    e0 = s
                mark = len(para[:e0].rstrip("\"'”’»)]」』）》")) - 1
                if s >= e or not ends_sentence(para, max(0, mark), s, lang, _pysbd_code(lang)):
                    out[-1] = (out[-1][0], max(e, e0))
                    continue
                out[-1] = (out[-1][0], e0)
            if s < e:
                out.append((s, e))
        return out

    return per_paragraph(one, True)


CANDIDATES: list[Candidate] = [
    Candidate("wiretrace", build_wiretrace_doc(), "Segmenter.segment(Article): the whole Doc (tokens, mentions)",
              pysbd_re_cache),
    Candidate("wiretrace-spans", build_wiretrace_spans, "its sentence stage alone: pysbd (through wiretrace's "
              "regex cache, as shipped) + _bounded + merges", pysbd_re_cache),
    Candidate("wiretrace-spans-plain-re", build_wiretrace_spans, "the same with pysbd's re calls through the re "
              "module (before issue #15)"),
    Candidate("pysbd", build_pysbd_raw, "pysbd per paragraph, no merges"),
    Candidate("pysbd+re-cache", build_pysbd_raw, "the same, pysbd's re calls through a cache", pysbd_re_cache),
    Candidate("blingfire", build_blingfire(False)),
    Candidate("blingfire+merge", build_blingfire(True)),
    Candidate("syntok", build_syntok(False)),
    Candidate("syntok+merge", build_syntok(True)),
    Candidate("spacy-sentencizer", build_spacy(False)),
    Candidate("spacy-sentencizer+merge", build_spacy(True)),
    Candidate("sentencex", build_sentencex(False)),
    Candidate("sentencex+merge", build_sentencex(True)),
    Candidate("blingfire+guards", build_blingfire_guarded,
              "blingfire + CJK closing quotes + the rules' guards + merge"),
    Candidate("rules+merge", build_rules(True), "our regex + pysbd's abbreviation lists + merge (hybrid)"),
    Candidate("rules+merge+keep-quotes", build_rules(True, True), "the same, no cut inside our _QUOTE spans"),
    Candidate("wiretrace/rules", build_wiretrace_doc("rules"), "the whole Doc with splitter = \"rules\""),
]

REFERENCE = "wiretrace-spans"  # speed and agreement are relative to our current sentence stage


# ---------------------------------------------------------------- measuring


def _rss_kib() -> int:
    with contextlib.suppress(OSError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def _hwm_kib() -> int:
    with contextlib.suppress(OSError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


@contextlib.contextmanager
def count_compiles() -> Iterator[list[int]]:
    """Count real regex compiles (``re``'s cache misses) while the block runs."""
    import re._compiler as rc  # type: ignore[import-not-found,unused-ignore]

    box = [0]
    real = rc.compile

    def counted(*a: Any, **k: Any) -> Any:
        box[0] += 1
        return real(*a, **k)

    rc.compile = counted
    try:
        yield box
    finally:
        rc.compile = real


@dataclass
class Run:
    name: str
    note: str
    spans: dict[int, list[Span]]  # item index -> spans
    ms: dict[int, float]  # item index -> min ms over repeats
    build_s: float
    rss_build_kib: int
    peak_kib: float
    compiles_per_doc: float
    bad_spans: int


def measure(cand: Candidate, items: list[Item], repeat: int, mem_sample: int) -> Run | None:
    rss0 = _rss_kib()
    t = Timer()
    try:
        fn = cand.build()
        with cand.context():
            for lang in sorted({it.side.lang for it in items}):  # loads models / tables for each language
                first = next(it for it in items if it.side.lang == lang)
                fn(first.text, lang)
    except ImportError as exc:
        print(f"  {cand.name}: not installed ({exc.name or exc}); skipped", file=sys.stderr)
        return None
    build_s, rss_build = t.seconds, _rss_kib() - rss0
    spans: dict[int, list[Span]] = {}
    ms: dict[int, float] = {}
    compiles = 0
    with cand.context():
        for r in range(repeat):
            with count_compiles() as box:
                for i, it in enumerate(items):
                    t0 = time.perf_counter()
                    out = fn(it.text, it.side.lang)
                    dt = (time.perf_counter() - t0) * 1000
                    ms[i] = min(ms.get(i, dt), dt)
                    if r == 0:
                        spans[i] = out
            if r == repeat - 1:
                compiles = box[0]
        tracemalloc.start()
        for it in items[:mem_sample]:
            fn(it.text, it.side.lang)
        peak = tracemalloc.get_traced_memory()[1] / 1024
        tracemalloc.stop()
    bad = sum(1 for i, it in enumerate(items) if not _valid(spans[i], len(it.text)))
    return Run(cand.name, cand.note, spans, ms, build_s, rss_build, peak, compiles / max(1, len(items)), bad)


def _valid(spans: list[Span], n: int) -> bool:
    prev = 0
    for s, e in spans:
        if not (prev <= s < e <= n):
            return False
        prev = e
    return True


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "tp": tp, "fp": fp, "fn": fn}


def quote_spans(item: Item) -> list[tuple[int, int]]:
    """Our quote mentions (``_QUOTE``) as non-whitespace ranges: a boundary strictly inside cuts a quote."""
    from wiretrace.segment import _QUOTE

    return [(item.prefix[m.start()], item.prefix[m.end()]) for m in _QUOTE.finditer(item.text)]


def score(items: list[Item], idx: list[int], run: Run, ref: Run | None) -> dict[str, Any]:
    """P/R/F1 per language and pooled over the items ``idx``; agreement with ``ref``; quote cuts; ms/doc."""
    counts: dict[str, list[int]] = {lang: [0, 0, 0] for lang in LANGS}
    agree = [0, 0, 0]
    in_quote = 0
    for i in idx:
        it = items[i]
        pred = boundaries(it, run.spans[i])
        c = counts.setdefault(it.side.lang, [0, 0, 0])
        c[0] += len(pred & it.gold)
        c[1] += len(pred - it.gold)
        c[2] += len(it.gold - pred)
        if ref is not None:
            rb = boundaries(it, ref.spans[i])
            agree[0] += len(pred & rb)
            agree[1] += len(pred - rb)
            agree[2] += len(rb - pred)
        qs = quote_spans(it)
        in_quote += sum(1 for b in pred if any(a < b < z for a, z in qs))
    pooled = [sum(c[k] for c in counts.values()) for k in range(3)]
    ms = [run.ms[i] for i in idx]
    per_lang_ms: dict[str, list[float]] = {}
    for i in idx:
        per_lang_ms.setdefault(items[i].side.lang, []).append(run.ms[i])
    return {
        "pooled": prf(*pooled),
        "languages": {lang: prf(*c) for lang, c in counts.items() if sum(c)},
        "agreement_with_current": prf(*agree) if ref is not None else None,
        "cuts_inside_quotes": in_quote,
        "ms_per_doc": sum(ms) / max(1, len(ms)),
        "ms_per_doc_by_language": {k: sum(v) / len(v) for k, v in sorted(per_lang_ms.items())},
        "docs": len(idx),
    }


def gold_stats(items: list[Item], idx: list[int]) -> dict[str, Any]:
    n_gold = sum(len(items[i].gold) for i in idx)
    in_quote = 0
    for i in idx:
        qs = quote_spans(items[i])
        in_quote += sum(1 for b in items[i].gold if any(a < b < z for a, z in qs))
    by_lang: dict[str, int] = {}
    for i in idx:
        by_lang[items[i].side.lang] = by_lang.get(items[i].side.lang, 0) + 1
    return {"docs": len(idx), "gold_boundaries": n_gold, "gold_cuts_inside_quotes": in_quote,
            "given_paragraph_breaks": sum(len(items[i].breaks) for i in idx), "docs_by_language": by_lang}


# ---------------------------------------------------------------- report


def render(layout: str, split: str, stats: dict[str, Any], rows: dict[str, dict[str, Any]],
           runs: dict[str, Run]) -> str:
    ref_ms = rows[REFERENCE]["ms_per_doc"] if REFERENCE in rows else None
    langs = [lang for lang in LANGS if stats["docs_by_language"].get(lang)]
    head = (f"\n{layout} / {split}: {stats['docs']} docs, {stats['gold_boundaries']} gold boundaries scored, "
            f"{stats['given_paragraph_breaks']} paragraph breaks given, "
            f"gold cuts inside our quotes: {stats['gold_cuts_inside_quotes']}")
    cols = ["candidate", "P", "R", "F1", *[f"F1 {lg}" for lg in langs], "ms/doc", "x faster", "agree F1",
            "in-quote cuts"]
    lines = [head, "| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for name, row in rows.items():
        p = row["pooled"]
        lang_f1 = [f"{row['languages'][lg]['f1']:.3f}" if lg in row["languages"] else "-" for lg in langs]
        agree = row["agreement_with_current"]
        speed = f"{ref_ms / row['ms_per_doc']:.1f}" if ref_ms and row["ms_per_doc"] else "-"
        cells = [name, f"{p['precision']:.3f}", f"{p['recall']:.3f}", f"{p['f1']:.3f}", *lang_f1,
                 f"{row['ms_per_doc']:.2f}", speed, f"{agree['f1']:.3f}" if agree else "-",
                 str(row["cuts_inside_quotes"])]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def render_costs(runs: dict[str, Run]) -> str:
    lines = ["\n| candidate | build s | RSS growth at build MiB | tracemalloc peak KiB | re compiles/doc | "
             "invalid span lists | what |", "|---|---|---|---|---|---|---|"]
    for r in runs.values():
        lines.append(f"| {r.name} | {r.build_s:.2f} | {r.rss_build_kib / 1024:.1f} | {r.peak_kib:.0f} | "
                     f"{r.compiles_per_doc:.1f} | {r.bad_spans} | {r.note} |")
    return "\n".join(lines)


def main() -> int:
    ap = parser(__doc__, "wmt22-news")
    ap.add_argument("--split", choices=["dev", "test", "both"], default="both")
    ap.add_argument("--layouts", default="block,heads")
    ap.add_argument("--only", default=None, help="comma-separated candidate names (default: all)")
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--mem-sample", type=int, default=60, help="documents run under tracemalloc")
    args = ap.parse_args()
    folder = dataset_dir(args, "wmt22-news")
    if not all((folder / f"wmt22.{p}.news.jsonl.gz").is_file() for p in WMT_PAIRS):
        return skip(args, "segmentation", f"no wmt22-news files under {folder}")
    total = Timer()
    sides = load_sides(folder)
    splits = ["dev", "test"] if args.split == "both" else [args.split]
    sides = [s for s in sides if s.split in splits]
    layouts = args.layouts.split(",")
    items = [lay_out(s, lay) for lay in layouts for s in sides]
    wanted = set(args.only.split(",")) if args.only else None
    cands = [c for c in CANDIDATES if wanted is None or c.name in wanted]
    runs: dict[str, Run] = {}
    for cand in cands:
        t = Timer()
        run = measure(cand, items, args.repeat, args.mem_sample)
        if run is not None:
            runs[cand.name] = run
            print(f"  {cand.name}: {t.seconds:.1f} s", file=sys.stderr)
    ref = runs.get(REFERENCE)
    record: dict[str, Any] = {"evaluation": "segmentation", "data": str(folder), "repeat": args.repeat,
                              "results": {}, "costs": {}}
    for r in runs.values():
        record["costs"][r.name] = {"note": r.note, "build_s": r.build_s, "rss_growth_at_build_kib": r.rss_build_kib,
                                   "tracemalloc_peak_kib": r.peak_kib, "re_compiles_per_doc": r.compiles_per_doc,
                                   "invalid_span_lists": r.bad_spans}
    if "wiretrace-spans" in runs and "wiretrace-spans-plain-re" in runs:
        a, b = runs["wiretrace-spans"], runs["wiretrace-spans-plain-re"]
        record["re_cache_identical_docs"] = [sum(1 for i in a.spans if a.spans[i] == b.spans[i]), len(a.spans)]
        print(f"\nre cache: identical sentence spans on {record['re_cache_identical_docs'][0]} of "
              f"{len(a.spans)} documents; {CACHED_RE._compile.cache_info().currsize} distinct patterns cached")
    for layout in layouts:
        for split in splits:
            idx = [i for i, it in enumerate(items) if it.layout == layout and it.side.split == split]
            stats = gold_stats(items, idx)
            rows = {name: score(items, idx, run, ref) for name, run in runs.items()}
            record["results"][f"{layout}/{split}"] = {"stats": stats, "candidates": rows}
            print(render(layout, split, stats, rows, runs))
    print(render_costs(runs))
    record["seconds"] = total.seconds
    record["vmhwm_kib"] = _hwm_kib()
    print(f"\n{len(sides)} sides x {len(layouts)} layouts = {len(items)} documents; {total.seconds:.0f} s; "
          f"VmHWM {record['vmhwm_kib'] / 1024:.0f} MiB")
    return emit(args, record)


if __name__ == "__main__":
    raise SystemExit(main())
