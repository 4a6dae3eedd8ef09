"""The ``wiretrace`` command: parses arguments, calls the library, renders. Errors map to exit codes here."""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from . import __version__
from .embed import DEFAULT_EMBEDDER, available_embedders
from .errors import WiretraceError

if TYPE_CHECKING:
    from .compare import CompareConfig

__all__ = ["main"]


def _config(args: argparse.Namespace) -> CompareConfig:
    """Shipped defaults, then --config FILE, then flags."""
    from .config import load_config

    cfg = load_config(args.config, embedder=args.embedder)
    return dataclasses.replace(cfg, embedder=None) if args.lexical else cfg


def _compare(args: argparse.Namespace) -> int:
    from .compare import Comparer

    result = Comparer(_config(args)).compare(args.a, args.b)
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
    from .ingest import read_article

    status = 0
    for path in args.paths:
        try:
            article = read_article(path)
        except WiretraceError as exc:
            print(f"wiretrace: error: {exc}", file=sys.stderr)
            status = 2
            continue
        if args.json:
            _print_json(article.to_dict())
        else:
            print(f"== {path}")
            for key in ("title", "site", "url", "date", "dateline", "credit", "byline", "language"):
                print(f"{key:>10}: {getattr(article, key)}")
            print(f"{'signals':>10}: {', '.join(article.signals) or '-'}")
            for b in article.boilerplate:
                print(f"{'stripped':>10}: {b[:100]}")
            print()
            print(article.text)
            print()
    return status


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

    p = sub.add_parser("compare", help="compare two articles: relation, source and why, alignment, diff",
                       description="Compare two articles (HTML, text or JSON files).")
    p.add_argument("a", help="first article file")
    p.add_argument("b", help="second article file")
    model_args(p)
    p.set_defaults(func=_compare)

    p = sub.add_parser("eval", help="score wiretrace on a corpus with a truth.json (the example corpus)",
                       description="Compare every pair in CORPUS/truth.json and score relation, source and "
                                   "planted changes.")
    p.add_argument("corpus", help="folder with truth.json (e.g. examples/corpus)")
    model_args(p)
    p.set_defaults(func=_eval)

    p = sub.add_parser("ingest", help="show what wiretrace extracts from article files",
                       description="Extract clean text and metadata from article files and show them.")
    p.add_argument("paths", nargs="+", help="article files")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    p.set_defaults(func=_ingest)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; return the exit code (0 ok, 2 bad input or usage, 3 missing dependency, 1 other)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    func: Callable[[argparse.Namespace], int] | None = getattr(args, "func", None)
    if func is None:
        parser.print_help()
        return 2
    try:
        return func(args)
    except WiretraceError as exc:
        print(f"wiretrace: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("wiretrace: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
