"""Benchmark: `wiretrace serve` under a bounded load on loopback.

Indexes the example corpus (or takes --db), starts the real command (`python -m wiretrace.cli serve`)
on a free loopback port, then for --duration seconds per target runs --clients threads, each with its
own keep-alive httpx client, going round the targets:

- the pair page of every provenance-tree link (HTML: compare + side by side + typed diff);
- the JSON trace endpoint (`/api/trace?ref=ID`) of every article;
- peer: the same pair pages pre-rendered by `wiretrace report` and served as static files by the
  standard library's ThreadingHTTPServer (`python -m http.server`): what a page costs with no work.

Prints requests/s, p50 / p99 latency, errors, and the peak RSS (VmHWM) of each server process.
The load generator runs on the same machine as the server, so on 2 cores they compete.

    python bench/serve.py [--duration 30] [--clients 2] [--db FILE] [--lexical]
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

CORPUS = Path(__file__).resolve().parent.parent / "examples" / "corpus"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def server(cmd: list[str], port: int, ready: str) -> Iterator[subprocess.Popen[bytes]]:
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"http://127.0.0.1:{port}{ready}", timeout=2)
                break
            except httpx.TransportError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"server did not start: {' '.join(cmd)}") from None
                time.sleep(0.1)
        yield proc
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def peak_rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def load(base: str, paths: list[str], *, clients: int, duration: float) -> dict[str, float]:
    """Run ``clients`` threads for ``duration`` s over ``paths`` (round robin); latency figures in ms."""
    latencies: list[list[float]] = [[] for _ in range(clients)]
    errors = [0] * clients
    stop = time.monotonic() + duration

    def client(k: int) -> None:
        with httpx.Client(base_url=base, timeout=30) as c:
            i = k
            while time.monotonic() < stop:
                t = time.perf_counter()
                r = c.get(paths[i % len(paths)])
                latencies[k].append((time.perf_counter() - t) * 1000)
                if r.status_code != 200:
                    errors[k] += 1
                i += clients

    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    start = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - start
    all_ms = sorted(x for lat in latencies for x in lat)
    return {"requests": len(all_ms), "rps": len(all_ms) / elapsed, "p50": statistics.median(all_ms),
            "p99": all_ms[min(len(all_ms) - 1, int(0.99 * len(all_ms)))], "errors": sum(errors)}


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="wiretrace-bench-serve-"))
    try:
        run(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def run(tmp: Path) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--duration", type=float, default=30.0, help="seconds of load per target (default 30)")
    ap.add_argument("--clients", type=int, default=2, help="concurrent client threads (default 2)")
    ap.add_argument("--db", help="an indexed store (default: index the example corpus into a temp folder)")
    ap.add_argument("--lexical", action="store_true", help="serve with --lexical (no embeddings)")
    args = ap.parse_args()

    from wiretrace.compare import CompareConfig
    from wiretrace.engines.local import IndexConfig, index
    from wiretrace.report.html import pair_file, write_report
    from wiretrace.store import SQLiteStore
    from wiretrace.stories import build_stories

    db = Path(args.db) if args.db else tmp / "corpus.db"
    cfg = CompareConfig(embedder=None) if args.lexical else CompareConfig()
    if not args.db:
        t = time.perf_counter()
        index([str(CORPUS)], db=str(db), cfg=IndexConfig(compare=cfg, workers=2))
        print(f"indexed the example corpus in {time.perf_counter() - t:.1f} s")
    store = SQLiteStore(db)
    articles = {a.id: a for a in store.articles()}
    stories = build_stories(articles, store.relations())
    store.close()
    edges = [(e.parent, e.child) for s in stories for e in s.parent.values()]
    print(f"store: {len(articles)} articles, {len(stories)} stories, {len(edges)} tree links; "
          f"{args.clients} clients, {args.duration:.0f} s per target; Python {platform.python_version()}, "
          f"{os.cpu_count()} cores")

    rows = []
    port = free_port()
    cmd = [sys.executable, "-m", "wiretrace.cli", "serve", "--db", str(db), "--port", str(port),
           *(["--lexical"] if args.lexical else [])]
    with server(cmd, port, "/api/store") as proc:
        base = f"http://127.0.0.1:{port}"
        pairs = [f"/pairs/{a}/{b}" for a, b in edges]
        traces = [f"/api/trace?ref={aid}" for aid in articles]
        with httpx.Client(base_url=base, timeout=60) as c:  # warm-up: model load, Docs, embeddings
            for p in [*pairs, *traces]:
                c.get(p).raise_for_status()
        rows.append(("`wiretrace serve`: pair page (HTML)", load(base, pairs, clients=args.clients,
                                                              duration=args.duration)))
        rows.append(("`wiretrace serve`: JSON trace `/api/trace?ref=ID`", load(base, traces, clients=args.clients,
                                                                              duration=args.duration)))
        serve_rss = peak_rss_mib(proc.pid)

    report = tmp / "report"
    write_report(str(db), report, cfg=cfg)
    port = free_port()
    cmd = [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(report)]
    with server(cmd, port, "/index.html") as proc:
        base = f"http://127.0.0.1:{port}"
        static = [f"/pairs/{pair_file(a, b)}" for a, b in edges]
        rows.append(("peer: the same pair pages, static files (`wiretrace report` + `python -m http.server`)",
                     load(base, static, clients=args.clients, duration=args.duration)))
        static_rss = peak_rss_mib(proc.pid)

    print()
    print("| target | requests | req/s | p50 ms | p99 ms | errors |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, r in rows:
        print(f"| {name} | {r['requests']:,.0f} | {r['rps']:,.1f} | {r['p50']:.1f} | {r['p99']:.1f} | "
              f"{r['errors']:.0f} |")
    print()
    print(f"peak RSS (VmHWM): `wiretrace serve` {serve_rss:.0f} MiB; http.server {static_rss:.0f} MiB")


if __name__ == "__main__":
    main()
