"""The ``wiretrace`` command: parses arguments, calls the library, renders. Errors map to exit codes here."""

from __future__ import annotations

import argparse
import dataclasses
import json
import sqlite3
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from . import __version__
from .embed import DEFAULT_EMBEDDER, available_embedders
from .errors import WiretraceError, one_line
from .limits import DEFAULT_MAX_BODY, DEFAULT_MAX_COMPARE_CHARS, DEFAULT_TRACE_LIMIT

if TYPE_CHECKING:
    from .compare import CompareConfig
    from .ingest.sources import SkippedFiles
    from .records import Article

__all__ = ["main"]


def _config(args: argparse.Namespace) -> CompareConfig:
    """Shipped defaults, then --config FILE, then flags."""
    from .config import load_config

    cfg = load_config(args.config, embedder=args.embedder)
    return dataclasses.replace(cfg, embedder=None) if args.lexical else cfg


def _compare(args: argparse.Namespace) -> int:
    from .compare import Comparer

    result = Comparer(_config(args)).compare(args.a, args.b, source=args.source)
    if args.json:
        _print_json(result.to_dict())
    else:
        from rich.console import Console

        from .report.terminal import render_comparison

        render_comparison(result, Console())
    return 0


def _eval(args: argparse.Namespace) -> int:
    from .evaluate import evaluate

    report = evaluate(args.corpus, cfg=_config(args))
    if args.json:
        _print_json(report.to_dict())
    else:
        from rich.console import Console

        from .report.terminal import render_eval

        render_eval(report, Console())
    return 0


def _ingest(args: argparse.Namespace) -> int:
    from .errors import InputError
    from .ingest import read_records

    status = 0
    notes: list[tuple[str, str]] = []
    for path in args.paths:
        # a JSONL dump or a WARC crawl: each of its records, then what it held besides them
        for where, article in read_records(path, notes=lambda p, note: notes.append((p, note))):
            if isinstance(article, InputError):
                print(f"wiretrace: error: {article}", file=sys.stderr)
                status = 2
                continue
            _show_article(where, article, args.json)
        _print_notes(notes)
        notes.clear()
    return status


def _show_article(where: str, article: Article, as_json: bool) -> None:
    if as_json:  # JSON Lines: one article a line, however many records the paths hold
        json.dump(article.to_dict(), sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        from .report.terminal import printable, printable_article

        article = printable_article(article)  # a page's escape sequences are shown, not run by the terminal
        print(f"== {printable(where)}")
        for key in ("title", "site", "url", "date", "dateline", "credit", "byline", "language"):
            print(f"{key:>10}: {getattr(article, key)}")
        print(f"{'signals':>10}: {', '.join(article.signals) or '-'}")
        rules = article.boilerplate_rules or ("",) * len(article.boilerplate)
        for b, rule in zip(article.boilerplate, rules, strict=True):
            print(f"{'stripped':>10}: {f'[{rule}] ' if rule else ''}{b[:100]}")
        print()
        print(article.text)
        print()


def _index(args: argparse.Namespace) -> int:
    """Exit 0 when every path given was read (its bad records listed and skipped), 2 when one of them does
    not exist (a typo must not look like an empty corpus; the other paths are indexed all the same)."""
    from pathlib import Path

    from .engines.local import IndexConfig, index
    from .errors import missing_reason

    missing = [p for p in args.paths if not Path(p).exists()]
    if len(missing) == len(args.paths):  # nothing to read: no store is made or touched
        for p in missing:
            print(f"wiretrace: error: {p}: {missing_reason(p)}", file=sys.stderr)
        return 2
    cfg = IndexConfig(compare=_config(args), workers=args.workers, prune=args.prune)
    report = index(args.paths, db=args.db, cfg=cfg, progress=_progress())
    _print_rejects([r for r in report.rejects if r[0] not in {str(Path(p)) for p in missing}])  # said below
    _print_notes(report.notes)
    _print_skipped(report.skipped)
    if args.json:
        _print_json(report.to_dict())
    else:
        dropped = f", {_count(report.dropped, 'article')} no file holds any more dropped" if report.dropped else ""
        print(f"{_count(report.records, 'record')} read, {_count(report.new_articles, 'new article')}, "
              f"{len(report.rejects)} skipped{_not_read(report.skipped)}{dropped}; "
              f"{report.linked} linked through {_count(report.pairs_compared, 'compared pair')} -> {args.db}")
        if report.gone:
            print(gone_summary(report.gone, pruned=args.prune and not report.unpruned))
        if args.prune and report.unpruned:  # an unmounted drive is not a purge
            print(f"note: not pruned: {', '.join(report.unpruned)} held files read before and holds none now "
                  "(an unmounted drive, or a corpus moved away?); their articles are kept")
        if report.uncovered:
            print(uncovered_summary(report.uncovered, report.embedder_label))
        if report.secondary:
            print(secondary_summary(report.secondary))
    for p in missing:
        print(f"wiretrace: error: {p}: {missing_reason(p)}", file=sys.stderr)
    return 2 if missing else 0


def gone_summary(gone: list[str], *, pruned: bool) -> str:
    """One plain line: the files read before that the folders indexed hold no more, and what became of them."""
    what = (f"note: {len(gone)} file(s) read before are gone from the folders indexed (deleted, renamed or moved; "
            f"first: {gone[0]})")
    if pruned:
        return f"{what}: forgotten, and the articles no other file holds dropped"
    return f"{what}: their articles are kept; `--prune` forgets them and drops the articles no other file holds"


def secondary_summary(counts: dict[str, int]) -> str:
    """One plain line: articles the routed default embedded with its second model, and what that means."""
    from .embed import language_name
    from .engines.stages import AnchorConfig

    langs = ", ".join(f"{language_name(None if k == 'und' else k)}: {v}" for k, v in sorted(counts.items()))
    return (f"note: {sum(counts.values())} article(s) beyond use-multilingual-v3's languages ({langs}) were embedded "
            "with e5-small-multilingual; their nearest-vector candidates are searched among themselves, and an "
            "article in a USE v3 language is compared with one of them only when the two share at least "
            f"{AnchorConfig().min_shared} rare names and figures, so a translation that keeps fewer (names in "
            "another script, few figures) is not found (`--embedder e5-small-multilingual` searches every "
            "language in one space).")


def uncovered_summary(counts: dict[str, int], embedder: str | None) -> str:
    """One plain line: how many articles were compared by words only for want of a model."""
    from .embed import language_name

    total = sum(counts.values())
    langs = ", ".join(f"{language_name(None if k == 'und' else k)}: {v}" for k, v in sorted(counts.items()))
    model = embedder or "the embedder"  # already without versions (IndexReport.embedder_label)
    from .compare import other_model_hint

    hint = other_model_hint(model, list(counts)).replace("covers it", "covers them")
    return (f"note: {total} article(s) in languages that {model} does not cover ({langs}) were compared by shared "
            f"words only: their translations and rewrites in other words are not found.{hint}")


#: Seconds between the progress lines of `index` and `report` where stderr is no terminal (a log file, a pipe, a
#: job's output): each a plain line, not one redrawn in place. A run that ends sooner prints none; one that has
#: printed one prints its last count too. `report` on a real store said nothing for minutes (review of session 23).
PLAIN_PROGRESS_S = 10.0


def _progress(*, tty: bool | None = None,
              clock: Callable[[], float] | None = None) -> Callable[[str, int, int | None], None]:
    """``progress(stage, done, total)`` for `index` and `report`: on a terminal (``tty``; default: whether stderr is
    one) one line redrawn in place; elsewhere a plain line every ``PLAIN_PROGRESS_S`` seconds."""
    import time

    tick = clock or time.monotonic
    on_tty = sys.stderr.isatty() if tty is None else tty
    start = tick()
    last: float | None = None  # when the last plain line was printed (None: none yet)
    # when each stage began: at the previous stage's last call (the command's start for the first), so the link's
    # rate and ETA are not spread over the ingest before it (a real index said "ETA 65470 s" for a link of minutes)
    began: dict[str, float] = {}
    called = start

    def show(stage: str, done: int, total: int | None) -> None:
        nonlocal last, called
        now = tick()
        rate = done / max(now - began.setdefault(stage, called), 1e-6)
        called = now
        eta = f", ETA {(total - done) / rate:.0f} s" if total and rate else ""
        of = f"/{total}" if total else ""
        line = f"{stage}: {done}{of} ({rate:.1f}/s{eta})"
        if on_tty:
            print(f"\r{line}   ", end="", file=sys.stderr, flush=True)
            if total and done == total:
                print(file=sys.stderr)
            return
        finished = bool(total) and done == total
        if now - (start if last is None else last) >= PLAIN_PROGRESS_S or (finished and last is not None):
            print(line, file=sys.stderr, flush=True)
            last = now

    return show


def _load(args: argparse.Namespace) -> tuple[Any, dict[str, Any], list[Any]]:
    from .store import SQLiteStore
    from .stories import build_stories

    if getattr(args, "spark_out", None):  # `wiretrace spark stories|sites DIR`: a Spark run's Parquet tables
        from .store.imports import read_output

        articles, relations = read_output(args.spark_out)
        return None, articles, build_stories(articles, relations)
    need_store(args.db)
    store = SQLiteStore(args.db, readonly=True)
    articles = {a.id: a for a in store.articles()}
    stories = build_stories(articles, store.relations())
    if not getattr(args, "json", False):  # printed as text: a page's escape sequences are shown, not run
        from .report.terminal import printable_article

        articles = {k: printable_article(a) for k, a in articles.items()}
    return store, articles, stories


def _stories(args: argparse.Namespace) -> int:
    _store, articles, stories = _load(args)
    data = [s.to_dict(articles) for s in stories]
    if args.json:
        _print_json(data)
        return 0
    for s in data:
        print(f"story {s['id']} ({s['size']} articles)")
        _print_tree(s["root"], "  ", articles)
        for ind in s["independent"]:
            print("  independent report:")
            _print_tree(ind, "    ", articles)
        _print_links(s["links"], articles)
        _print_siblings(s.get("siblings", []), articles)
    return 0


def _print_links(links: list[dict[str, Any]], articles: Mapping[str, Article]) -> None:
    """A story's derived pairs that its tree does not draw (the tree hangs each article under one source), under one
    line that says so, each article named as the why lines name it: a line of two full ids ("also verbatim:
    0545c764... -> eb690d9f...") told a reader neither what the articles were nor why the pair was apart (review of
    session 29)."""
    from .stories import _name

    if links:
        print("  also derived, not drawn above (the tree hangs each article under one source):")
    for link in links:
        note = _DIRECTION_NOTES.get(link["direction"] or "")
        print(f"    {link['relation']}: {_name(link['a'], articles)} -> {_name(link['b'], articles)}"
              f"{f' ({note})' if note else ''}")


def _print_siblings(siblings: list[dict[str, Any]], articles: Mapping[str, Article]) -> None:
    """A story's sibling pairs (derived from one common source, not from each other), by their common source, each
    article named as the why lines name it (site or title, and its id's start): one pair on one line; a group of
    which every two are siblings (three translations of one original: three pairs) one article a line, not each
    pair of it; other pairs one a line (review of session 25: full ids joined by "~" on one line read as noise)."""
    from itertools import combinations

    from .stories import _name

    by_source: dict[str, list[tuple[str, str]]] = {}
    for sib in siblings:
        by_source.setdefault(sib["of"], []).append((sib["a"], sib["b"]))
    for of, pairs in by_source.items():
        source = _name(of, articles)
        if len(pairs) == 1:
            [(a, b)] = pairs
            print(f"  siblings: {_name(a, articles)} and {_name(b, articles)} both derive from {source}, "
                  "not from each other")
            continue
        members = sorted({x for pair in pairs for x in pair})
        if {frozenset(p) for p in pairs} == {frozenset(p) for p in combinations(members, 2)}:
            print(f"  siblings: each derives from {source}, none from another:")
            for x in members:
                print(f"    {_name(x, articles)}")
            continue
        print(f"  siblings, each pair derived from {source}, not from each other:")
        for a, b in pairs:
            print(f"    {_name(a, articles)} ~ {_name(b, articles)}")


#: How a text tree says an edge's parent was chosen where relate did not decide it (``stories.DIRECTIONS``).
_DIRECTION_NOTES = {"by_date": "placed by the publication dates",
                    "by_text": "placed by the text: it carries its source's changes",
                    "unknown": "which came first is not known"}


def _edge_label(relation: str, coverage: float, direction: str | None, tied: list[str] | None = None) -> str:
    note = _DIRECTION_NOTES.get(direction or "")
    # a parent picked among sources the copy was taken from as closely (``stories.Edge.tied``): said, not hidden
    tie = f"; or taken as closely from {', '.join(tied)}: not told apart" if tied else ""
    return f"[{relation} {coverage:.0%}{f'; {note}' if note else ''}{tie}]"


def _when(date: str | None, *, crawled: bool) -> str:
    """A date as the story and trace lines print it: a crawl time marked (the page was online then: user review,
    H3b), '-' for none."""
    return f"{date} (crawled)" if date and crawled else date or "-"


def shown_title(title: str | None, article: Article | None) -> str:
    """A row's title: ``title``, or "(no title)" and the start of the article's text in quotes, else "(no
    title)" alone (``report.pictures.titled``, as the pages; the row prints the id itself: the id stood in for a
    title once, "f53b08fc262e2970 | - | - | f53b08fc262e2970", review of session 23); `compare` says the same."""
    from .report.pictures import NO_TITLE, titled

    return titled(title, article.text if article is not None else None, NO_TITLE)


def _print_tree(node: dict[str, Any], indent: str, articles: Mapping[str, Article], *, why: bool = False) -> None:
    rel = (f"{_edge_label(node['relation'], node['coverage'], node['direction'], node.get('tied_with'))} "
           if node["relation"] else "")
    when = _when(node["date"], crawled=bool(node.get("date_crawled")))
    title = shown_title(node["title"], articles.get(node["id"]))
    print(f"{indent}{rel}{title} | {node['site'] or '-'} | {when} | {node['id']}")
    if why and node.get("why"):  # trace: one line of evidence per edge
        print(f"{indent}   why: {node['why']}")
    for c in node["copies"]:
        _print_tree(c, indent + "    ", articles, why=why)


def _by_content(ref: str, articles: dict[str, Article]) -> list[str]:
    """The stored articles a file at ``ref`` holds, found by content: each record read as ``index`` reads it (the
    default ingest settings), its id (a hash of its url and text) looked up. The same bytes indexed from another
    path (user review, L11); said on stderr. [] where ``ref`` is no file, or holds nothing the store has."""
    from pathlib import Path

    from .errors import InputError
    from .ingest import read_records

    if not Path(ref).is_file():
        return []
    ids = [a.id for _, a in read_records(ref) if not isinstance(a, InputError) and a.id in articles]
    if ids:
        print(f"wiretrace: note: {ref} was not indexed from this path; found by its content "
              f"({', '.join(ids[:3])}{', ...' if len(ids) > 3 else ''})", file=sys.stderr)
    return list(dict.fromkeys(ids))


def _trace(args: argparse.Namespace) -> int:
    from .errors import InputError
    from .ingest.meta import CRAWL_DATE, crawl_dated
    from .stories import trace_records

    store, articles, stories = _load(args)
    ids = store.find(args.article) or _by_content(args.article, articles)
    if not ids:  # a path read and skipped says why (its rejects), a typo as before
        import re
        from pathlib import Path

        from .store.sqlite import skipped_reason

        folder = ("is a folder: trace takes one article (a file of it, a record 'FILE:line N', an id or a url); "
                  "`wiretrace stories` shows every story") if Path(args.article).is_dir() else None
        short = " (an id prefix needs 8 characters or more)" if re.fullmatch(r"[0-9a-f]{1,7}", args.article) else ""
        raise InputError(args.article, skipped_reason(store.rejected(args.article)) or folder
                         or f"no article with this id, url or path in the store{short}")
    shown = ids[:args.limit] if args.limit > 0 else ids  # a dump's path names every article it holds
    out = trace_records(shown, articles, stories)
    if len(shown) < len(ids):  # said on stderr: --json keeps printing the list of traces (documented in --help)
        print(trace_more(args.article, len(ids), len(shown), _record_ref(store, args.article, ids[len(shown)])),
              file=sys.stderr)
    if args.json:
        _print_json(out)
        return 0
    for t in out:
        a = t["article"]
        print(f"{shown_title(a['title'], articles.get(a['id']))} | {a['site'] or '-'} | "
              f"{_when(a['date'], crawled=CRAWL_DATE in a['signals'])} | {a['id']}")
        print("  came from:" if t["sources"] else "  came from: nothing in the store (a root source)")
        for src in t["sources"]:
            s = articles[src["id"]]
            label = _edge_label(src["relation"], src["coverage"], src["direction"], src.get("tied_with"))
            when = _when(s.date, crawled=crawl_dated(s))
            print(f"    <- {label} {shown_title(s.title, s)} | {s.site or '-'} | {when} | {s.id}")
            if src.get("why"):
                print(f"       why: {src['why']}")
        for sib in t.get("siblings", []):  # derived from a common source with it, not from it
            s = articles[sib["id"]]
            print(f"  sibling: [{sib['relation']}] {shown_title(s.title, s)} | {s.site or '-'} | "
                  f"{_when(s.date, crawled=crawl_dated(s))} | {s.id}")
            print(f"       why: {sib['why']}")
        print("  went to:" if t["copies"] else "  went to: no copies in the store")
        for c in t["copies"]:
            _print_tree(c, "    ", articles, why=True)
    return 0


def _record_ref(store: Any, ref: str, article_id: str) -> str:
    """How to trace the one article ``article_id`` of those ``ref`` names: the record of the file ``ref`` that
    holds it ("FILE:line 21"), not the article's first path (which may be another file's); else its id."""
    from .store.inputs import input_key

    for path in dict.fromkeys((ref, input_key(ref))):
        row = store.db.execute("SELECT record FROM inputs WHERE path=? AND article_id=? AND record != '' LIMIT 1",
                               (path, article_id)).fetchone()
        if row:
            return f"{ref}:{row[0]}"
    return article_id


def _non_negative(text: str) -> int:
    n = int(text)
    if n < 0:
        raise argparse.ArgumentTypeError(f"{n}: must be 0 (no cap) or more")
    return n


def trace_more(ref: str, total: int, shown: int, example: str | None) -> str:
    """The line that says a trace showed ``shown`` of the ``total`` articles ``ref`` names, and how to ask
    for one record (``example``: the path of the first one left out) or for all of them."""
    one = f"; trace one record with `wiretrace trace '{example}'`" if example else ""
    return (f"wiretrace: {ref} holds {total} articles: the first {shown} are shown, {total - shown} more are "
            f"not{one}, or all with --limit 0")


def _sites(args: argparse.Namespace) -> int:
    from .stories import site_table

    _store, articles, stories = _load(args)
    rows = site_table(articles, stories)
    if args.json:
        _print_json(rows)
        return 0
    from rich.console import Console
    from rich.table import Table

    from .report.layout import SITES_NOTE

    t = Table(title="sites: who lives off whose copy", caption=SITES_NOTE, caption_justify="left")
    for col in ("site", "articles", "derived", "top sources", "kinds", "signals"):
        t.add_column(col)
    for r in rows:
        t.add_row(r["site"], str(r["articles"]), f"{r['derived_share']:.0%}",
                  ", ".join(f"{x['site']} ({x['articles']})" for x in r["top_sources"]),
                  ", ".join(f"{k} {v:.0%}" for k, v in r["kinds"].items()),
                  ", ".join(f"{k} {v}" for k, v in r["signals"].items()))
    Console().print(t)
    return 0


def need_store(db: str) -> None:
    """Raise InputError unless ``db`` is a file (a folder read "no such store"; review of session 23)."""
    from pathlib import Path

    from .errors import InputError

    if Path(db).is_dir():
        raise InputError(db, "is a folder, not a store: --db names the store's file (as given to `wiretrace index`)")
    if not Path(db).is_file():
        raise InputError(db, "no such store; run `wiretrace index PATH --db FILE` first")


def _report(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .errors import InputError
    from .report.html import write_report

    need_store(args.db)
    if Path(args.out).exists() and not Path(args.out).is_dir():  # it read "OUT/pairs: Not a directory"
        raise InputError(args.out, "is a file, not a folder: --out names the folder the report is written into")
    index = write_report(args.db, args.out, cfg=_config(args), progress=_progress())
    if args.json:
        _print_json({"index": str(index)})
    else:
        print(f"report written: {index}")
    return 0


def _port(text: str) -> int:
    """An argparse type: a TCP port number (usage error, exit 2, otherwise)."""
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"port {port} is outside 1-65535")
    return port


def _check_port(host: str, port: int) -> None:
    """Fail before serving, with one line, when ``host:port`` cannot be bound (in use, not allowed)."""
    import socket

    from .errors import ConfigError

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as exc:
        raise ConfigError(f"cannot serve on {host}:{port}: {exc.strerror or exc}") from None
    family, kind, proto, _name, addr = infos[0]
    with socket.socket(family, kind, proto) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
        try:
            sock.bind(addr)
        except OSError as exc:
            raise ConfigError(f"cannot serve on {host}:{port}: {exc.strerror or exc} "
                              "(another server there? choose one with --port)") from None


def _serve(args: argparse.Namespace) -> int:
    import os

    import uvicorn

    from .serve import LOOPBACK_HOSTS, create_app

    _check_port(args.host, args.port)

    token = args.token or os.environ.get("WIRETRACE_TOKEN") or None
    loopback = args.host in LOOPBACK_HOSTS or args.host.startswith("127.")
    if not loopback:
        print(f"wiretrace: warning: serving on {args.host}, reachable from other machines; anyone who can reach "
              f"it can read the store{' and, with the token, write to it' if token else ''}", file=sys.stderr)
    app = create_app(args.db, token=token, max_body=args.max_body, cfg=_config(args),
                     max_compare_chars=args.max_compare_chars,
                     allowed_hosts=(LOOPBACK_HOSTS | {args.host}) if loopback else None)
    off = app.state.ctx.read_only
    print(f"wiretrace: serving {args.db} on http://{args.host}:{args.port}/ (writes "
          f"{f'disabled: {off}' if off else 'enabled with the token' if token else 'disabled: no --token'})",
          file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", server_header=False)
    return 0


def _spark_index(args: argparse.Namespace) -> int:
    from .engines.local import IndexConfig
    from .engines.spark import SparkConfig, index

    conf = dict(kv.split("=", 1) for kv in args.conf)
    cfg = SparkConfig(index=IndexConfig(compare=_config(args)), partitions=args.partitions,
                      embed_batch=args.embed_batch)
    show = (lambda stage: print(f"spark: {stage} ...", file=sys.stderr, flush=True)) if sys.stderr.isatty() else None
    report = index(args.inputs, out=args.out, cfg=cfg, master=args.master, conf=conf, progress=show)
    _print_rejects(report.rejects)
    _print_notes(report.notes)
    _print_skipped(report.skipped)
    if args.json:
        _print_json(report.to_dict())
    else:
        print(f"{_count(report.records, 'record')} read, {_count(report.articles, 'article')}, "
              f"{len(report.rejects)} skipped{_not_read(report.skipped)}; "
              f"{_count(report.pairs_compared, 'pair')} compared, "
              f"{_count(sum(report.relations.values()), 'relation')}, "
              f"{_count(report.stories, 'story', 'stories')} -> {args.out}")
    return 0


def _import_spark(args: argparse.Namespace) -> int:
    from .store.imports import import_spark

    report = import_spark(args.out, db=args.db)
    if args.json:
        _print_json(report.to_dict())
    else:
        print(f"imported {report.articles} articles, {report.inputs} input records ({report.rejects} rejected), "
              f"{report.relations} relations, {report.stamped} input files' stamps from {args.out} -> {args.db}")
    if report.unstamped:
        print(f"wiretrace: note: {report.unstamped} input file(s) are not here as the run read them (moved, edited, "
              "or the run's paths name other files here): left unstamped, a local `wiretrace index` reads them "
              "again", file=sys.stderr)
    return 0


def _print_rejects(rejects: list[tuple[str, str, str]]) -> None:
    for path, record, reason in rejects:
        where = f"{path} ({record})" if record else path
        print(f"wiretrace: skipped {where}: {reason}", file=sys.stderr)


def _print_notes(notes: list[tuple[str, str]]) -> None:
    """What files held besides their records (a WARC's images, a JSON Lines file's odd fields): a line a note."""
    for path, note in notes:
        print(f"wiretrace: note: {path}: {note}", file=sys.stderr)


def _print_skipped(skipped: SkippedFiles) -> None:
    """The files of other kinds the folders hold: one line a suffix, however many there are."""
    for line in skipped.lines():
        print(f"wiretrace: {line}", file=sys.stderr)


def _count(n: int, one: str, many: str | None = None) -> str:
    """``n`` and the noun in the number it takes: "1 record", "2 records", "0 stories"."""
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _not_read(skipped: SkippedFiles) -> str:
    """The summary's count of files of other kinds, apart from the records skipped as bad."""
    n = len(skipped)
    return f", {n} file{'' if n == 1 else 's'} of other kinds not read" if n else ""


def _print_json(obj: Any) -> None:
    json.dump(obj, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wiretrace",
        description="Where did this news story come from, and where did it go?",
    )
    parser.add_argument("--version", action="version", version=f"wiretrace {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def model_args(p: argparse.ArgumentParser) -> None:
        p.add_argument("--config", metavar="FILE", help="TOML file of settings, one table per stage "
                                                         "(see wiretrace.config)")
        p.add_argument("--embedder", default=None,
                       help=f"sentence embedder: one of {', '.join(available_embedders())} or a local "
                            f"sentence-transformers model folder (default {DEFAULT_EMBEDDER})")
        p.add_argument("--lexical", action="store_true", help="compare words only (no embeddings): faster, "
                                                                "but blind to rewrites and translations")
        p.add_argument("--json", action="store_true", help="print JSON instead of tables")

    def db_arg(p: argparse.ArgumentParser) -> None:
        p.add_argument("--db", default="wiretrace.db", help="store file (default wiretrace.db)")

    p = sub.add_parser("compare", help="compare two articles: relation, source and why, alignment, diff",
                       description="Compare two articles (HTML, text or JSON files).")
    p.add_argument("a", help="first article file")
    p.add_argument("b", help="second article file")
    p.add_argument("--source", choices=("a", "b"), default=None,
                   help="the side you know is the source (your own story against a copy): the diff reads the "
                        "other side as the copy; the text's own verdict is kept in the evidence")
    model_args(p)
    p.set_defaults(func=_compare)

    p = sub.add_parser("eval", help="score wiretrace on a corpus with a truth.json (the example corpus)",
                       description="Compare every pair in CORPUS/truth.json and score relation, source and "
                                   "planted changes.")
    p.add_argument("corpus", help="folder with truth.json (e.g. examples/corpus)")
    model_args(p)
    p.set_defaults(func=_eval)

    p = sub.add_parser("index", help="index folders, JSONL dumps and WARC files into a store",
                       description="Read articles (folders, .jsonl(.gz), .warc(.gz)), store them, find "
                                   "candidate pairs (MinHash LSH + nearest document vectors) and compare them. "
                                   "Incremental and resumable.")
    p.add_argument("paths", nargs="+", help="files or folders")
    db_arg(p)
    p.add_argument("--workers", type=int, default=0, help="worker processes (default: one per core)")
    p.add_argument("--prune", action="store_true",
                   help="forget the files a folder held when it was indexed before and holds no more (deleted, "
                        "renamed, moved), and drop the articles no other file holds (default: count them, keep all)")
    model_args(p)
    p.set_defaults(func=_index)

    for name, func, what in (("stories", _stories, "stories (clusters) with provenance trees"),
                             ("sites", _sites, "per-site reuse table")):
        p = sub.add_parser(name, help=f"show the {what} of an indexed store",
                           description=f"Show the {what} of a store made by `wiretrace index`.")
        db_arg(p)
        p.add_argument("--json", action="store_true", help="print JSON instead of text")
        p.set_defaults(func=func)

    p = sub.add_parser("trace", help="where an article came from and where it went",
                       description="Trace an article (id, id prefix, url or path) through the store: its "
                                   "chain of sources and its copies.")
    p.add_argument("article", help="article id, id prefix, url or path (a dump's record: 'FILE:line N')")
    db_arg(p)
    p.add_argument("--limit", type=_non_negative, default=DEFAULT_TRACE_LIMIT, metavar="N",
                   help=f"trace at most N of the articles the path names (default {DEFAULT_TRACE_LIMIT}; "
                        "0: all); a dump's path names every article in it. With --json the list holds the "
                        "first N too: stderr says how many more there are")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    p.set_defaults(func=_trace)

    p = sub.add_parser("report", help="write a static HTML report of an indexed store",
                       description="Write a static HTML report (stories, trees, site table, side-by-side "
                                   "pairs) that opens from disk with no server.")
    db_arg(p)
    p.add_argument("--out", required=True, help="folder to write the report into")
    model_args(p)
    p.set_defaults(func=_report)

    p = sub.add_parser("serve", help="web UI and JSON API over an indexed store",
                       description="Serve an indexed store: stories, provenance trees, pairs side by side, "
                                   "sites, search, a compare page, and the same records as JSON under /api "
                                   "(schema at /api/openapi.json).")
    db_arg(p)
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=_port, default=8000, help="port, 1-65535 (default 8000)")
    p.add_argument("--token", default=None, help="enable the write endpoints (upload, index) for "
                                                  "'Authorization: Bearer TOKEN' (default: $WIRETRACE_TOKEN; "
                                                  "none: writes disabled)")
    p.add_argument("--max-body", type=int, default=DEFAULT_MAX_BODY, metavar="BYTES",
                   help=f"largest request body accepted (default {DEFAULT_MAX_BODY})")
    p.add_argument("--max-compare-chars", type=int, default=DEFAULT_MAX_COMPARE_CHARS, metavar="N",
                   help=f"longest article text anyone may send to compare, in characters (default "
                        f"{DEFAULT_MAX_COMPARE_CHARS}; longer: 413)")
    p.add_argument("--config", metavar="FILE", help="TOML file of settings (see wiretrace.config)")
    p.add_argument("--embedder", default=None, help=f"embedder for pair pages and compare (default "
                                                     f"{DEFAULT_EMBEDDER}, as `wiretrace index` uses)")
    p.add_argument("--lexical", action="store_true", help="compare words only: faster, but pair pages of "
                                                            "rewrites and translations disagree with the index")
    p.set_defaults(func=_serve)

    spark = sub.add_parser("spark", help="index with Apache Spark (local or a cluster) into Parquet tables",
                           description="Index a corpus with Apache Spark (needs Java 17+ and `pip install "
                                       "'wiretrace[spark]'`), then show its stories or sites. See docs/spark.md.")

    def spark_help(_args: argparse.Namespace) -> int:
        spark.print_help()
        return 2

    spark.set_defaults(func=spark_help)
    spark_sub = spark.add_subparsers(dest="spark_command", metavar="COMMAND")
    p = spark_sub.add_parser("index", help="index inputs into Parquet tables under --out",
                             description="Read files, folders, .jsonl(.gz), .warc(.gz) and .parquet inputs (local "
                                         "paths or any Hadoop URI), and write the tables articles, fingerprints, "
                                         "inputs, rejects, candidates, relations and stories under --out.")
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="files, folders or URIs (hdfs://, s3a://, ...)")
    p.add_argument("--out", required=True, metavar="DIR", help="output folder or URI for the Parquet tables")
    p.add_argument("--master", default="local[*]", help="Spark master URL (default local[*]: all cores here)")
    p.add_argument("--conf", action="append", default=[], metavar="KEY=VALUE",
                   help="a Spark setting, repeatable (e.g. spark.executor.memory=8g)")
    p.add_argument("--partitions", type=int, default=0,
                   help="tasks for ingest and compare (default: 4 per core Spark reports)")
    p.add_argument("--embed-batch", type=int, default=0, metavar="N",
                   help="encode up to N sentences of many documents per model call (GPU executors); default 0: "
                        "one call per document, exactly as the local engine")
    model_args(p)
    p.set_defaults(func=_spark_index)
    for name, func, what in (("stories", _stories, "stories (clusters) with provenance trees"),
                             ("sites", _sites, "per-site reuse table")):
        p = spark_sub.add_parser(name, help=f"show the {what} of a Spark run",
                                 description=f"Show the {what} of a `wiretrace spark index` output folder (the "
                                             f"same as `wiretrace {name}` prints for a store).")
        p.add_argument("spark_out", metavar="DIR", help="the --out folder of `wiretrace spark index`")
        p.add_argument("--json", action="store_true", help="print JSON instead of text")
        p.set_defaults(func=func)

    p = sub.add_parser("import-spark", help="import a Spark run's tables into a store",
                       description="Load the Parquet tables of `wiretrace spark index --out DIR` into a new store, "
                                   "so trace, stories, sites, report and serve work over it.")
    p.add_argument("out", metavar="DIR", help="the --out folder of `wiretrace spark index`")
    db_arg(p)
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    p.set_defaults(func=_import_spark)

    p = sub.add_parser("ingest", help="show what wiretrace extracts from article files",
                       description="Extract clean text and metadata from article files and show them.")
    p.add_argument("paths", nargs="+", help="article files")
    p.add_argument("--json", action="store_true",
                   help="print JSON Lines instead of text: one article object a line (each record of a dump)")
    p.set_defaults(func=_ingest)
    # a wrong option is reported with its own command's usage, not the top level's
    for group in (sub, spark_sub):
        for command in group.choices.values():
            command.set_defaults(usage_parser=command)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; return the exit code (0 ok, 2 bad input or usage, 3 missing dependency, 1 other)."""
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if extra:
        usage: argparse.ArgumentParser = getattr(args, "usage_parser", parser)
        usage.error(f"unrecognized arguments: {' '.join(extra)}")
    func: Callable[[argparse.Namespace], int] | None = getattr(args, "func", None)
    if func is None:
        parser.print_help()
        return 2
    try:
        return func(args)
    except WiretraceError as exc:
        print(f"wiretrace: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except sqlite3.Error as exc:  # the store failed under us (disk full, a page damaged mid-read)
        from .store.sqlite import store_hint

        print(f"wiretrace: error: {getattr(args, 'db', None) or 'store'}: {exc}{store_hint(exc)}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # the reader of our output went away (`| head`): not an error
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error when exit flushes
        return 0
    except OSError as exc:  # a path the user gave cannot be written or read (permissions, a file for a folder)
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"wiretrace: error: {where}{exc.strerror or exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("wiretrace: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug of ours: one line saying so, the traceback only when asked for
        import os

        if os.environ.get("WIRETRACE_DEBUG"):
            raise
        print(f"wiretrace: internal error: {one_line(exc)}; please report it with the command and its input "
              "(WIRETRACE_DEBUG=1 shows the traceback)", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
