"""Benchmark: the Spark engine in local[1] and local[2] against the local engine, same corpus, same run.

The corpus is `bench/index.py`'s generated one (families of copies built from the example corpus's
sentences plus filler), written as JSONL the way `bench/index.py --full` writes it. Each engine runs in
its own process (a fresh JVM for Spark). From /proc, every 0.2 s, over that process tree (driver, JVM,
Python workers): "peak RSS" is the peak of the sum, "worker" the largest single worker process, "JVM"
Spark's JVM, and "CPU s" the CPU time of the tree - so a run on a machine shared with other work still
gives core-seconds per article; "load 1m" is the machine's load average before/after. Spark's time is
given with and without starting the session.
The relations of every engine are compared at the end: they must be the same pairs with the same kinds.

    python bench/spark.py --articles 10000            # lexical (no embeddings), as the 100k local figure
    python bench/spark.py --articles 2000 --embedder use-multilingual-v3
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ENGINES = ("local", "spark:1", "spark:2")


def write_corpus(n: int, path: Path, root: str | None = None) -> None:
    import index  # bench/index.py (this folder is on sys.path when run as a script)

    if root:  # another checkout's examples/corpus seeds the generator (e.g. the committed one)
        index.ROOT = Path(root)
    docs, _family = index.generate(n)
    with path.open("w", encoding="utf-8") as fh:
        for i, d in enumerate(docs):  # exactly as `bench/index.py --full` writes its dump
            text = "\n\n".join(" ".join(d[k:k + 25]).capitalize() + "." for k in range(0, len(d), 25))
            fh.write(json.dumps({"url": f"https://gen.example/{i}", "text": text}) + "\n")


class TreeStats:
    """Peak summed RSS and total CPU seconds of this process and all its descendants (Linux /proc,
    sampled every 0.2 s; a process's CPU is its last sample, so a short-lived one may be undercounted)."""

    def __init__(self) -> None:
        self.peak = 0
        self.worker_peak = 0  # the largest single Python process other than this one (a Spark or pool worker)
        self.jvm_peak = 0
        self._cpu: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    @property
    def cpu_seconds(self) -> float:
        return sum(self._cpu.values())

    def __enter__(self) -> TreeStats:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()

    def _run(self) -> None:
        while not self._stop.wait(0.2):
            self._sample()

    def _sample(self) -> None:
        me = os.getpid()
        procs = _tree(me)
        self.peak = max(self.peak, sum(rss for rss, _, _ in procs.values()))
        for pid, (rss, cpu, name) in procs.items():
            self._cpu[pid] = max(self._cpu.get(pid, 0.0), cpu)
            if name == "java":
                self.jvm_peak = max(self.jvm_peak, rss)
            elif name.startswith("python") and pid != me:
                self.worker_peak = max(self.worker_peak, rss)


def _tree(root: int) -> dict[int, tuple[int, float, str]]:
    """(RSS bytes, CPU seconds, command name) by pid of ``root`` and its descendants."""
    tick = os.sysconf("SC_CLK_TCK")
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    cpu: dict[int, float] = {}
    name: dict[int, str] = {}
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            stat = (d / "stat").read_text()
            status = (d / "status").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()  # after "pid (comm)": state is field 3
        pid = int(d.name)
        name[pid] = stat.split("(", 1)[1].rsplit(")", 1)[0]
        parents[pid] = int(fields[1])
        cpu[pid] = (int(fields[11]) + int(fields[12])) / tick  # utime + stime
        line = next((x for x in status.splitlines() if x.startswith("VmRSS:")), "VmRSS: 0 kB")
        rss[pid] = int(line.split()[1]) * 1024
    out: dict[int, tuple[int, float, str]] = {}
    stack = [root]
    while stack:
        pid = stack.pop()
        out[pid] = (rss.get(pid, 0), cpu.get(pid, 0.0), name.get(pid, ""))
        stack.extend(c for c, p in parents.items() if p == pid)
    return out


def child(engine: str, dump: Path, work: Path, embedder: str | None, n: int) -> None:
    from wiretrace.compare import CompareConfig
    from wiretrace.engines.local import IndexConfig

    cfg = IndexConfig(compare=CompareConfig(embedder=embedder), workers=2)
    out: dict[str, object] = {"engine": engine, "articles": n}
    load = os.getloadavg()[0]
    with TreeStats() as tree:
        t0 = time.perf_counter()
        if engine == "local":
            from wiretrace.engines.local import index
            from wiretrace.store import SQLiteStore

            db = work / "local.db"
            report = index([str(dump)], db=str(db), cfg=cfg)
            out["seconds"] = out["index_seconds"] = time.perf_counter() - t0
            out["pairs_compared"] = report.pairs_compared
            rels = [(r.a, r.b, r.kind) for r in SQLiteStore(db).relations()]
        else:
            from wiretrace.engines.spark import SparkConfig, index, session
            from wiretrace.store.imports import read_relations

            cores = int(engine.split(":")[1])
            spark = session(f"local[{cores}]", {"spark.ui.enabled": "false",
                                                "spark.sql.shuffle.partitions": str(8 * cores)})
            t1 = time.perf_counter()
            report = index([str(dump)], out=str(work / engine.replace(":", "")), cfg=SparkConfig(index=cfg),
                           spark=spark)
            t2 = time.perf_counter()
            spark.stop()
            out |= {"seconds": t2 - t0, "session_seconds": t1 - t0, "index_seconds": t2 - t1,
                    "pairs_compared": report.pairs_compared, "stages": report.seconds}
            rels = [(r.a, r.b, r.kind) for r in read_relations(str(work / engine.replace(":", "")))]
    out |= {"peak_rss_mib": tree.peak / 2**20, "cpu_seconds": tree.cpu_seconds,
            "worker_peak_mib": tree.worker_peak / 2**20, "jvm_peak_mib": tree.jvm_peak / 2**20,
            "load_before": load, "load_after": os.getloadavg()[0]}
    (work / f"{engine.replace(':', '')}.relations.json").write_text(json.dumps(rels))
    print(json.dumps(out))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=10000)
    ap.add_argument("--embedder", default=None, help="embedder name (default: none, lexical)")
    ap.add_argument("--engines", nargs="+", default=list(ENGINES), choices=ENGINES)
    ap.add_argument("--root", help="a checkout whose examples/corpus seeds the generated corpus (default: this "
                                   "one; e.g. `git archive HEAD examples/corpus | tar -x -C DIR` while the corpus "
                                   "is being edited)")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--work", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        work = Path(args.work)
        child(args.child, work / "dump.jsonl", work, args.embedder, args.articles)
        return 0
    with tempfile.TemporaryDirectory(prefix="wt-spark-bench-") as tmp:
        work = Path(tmp)
        write_corpus(args.articles, work / "dump.jsonl", args.root)
        print(f"{args.articles} generated articles, embeddings: {args.embedder or 'none (lexical)'}; "
              f"{os.cpu_count()} cores on this machine")
        print(f"{'engine':16} {'seconds':>8} {'index s':>8} {'articles/s':>10} {'CPU s':>7} {'CPU ms/art':>10} "
              f"{'pairs':>7} {'peak RSS MiB':>12} {'worker':>6} {'JVM':>5} {'load 1m':>9}  stages (s)")
        results = {}
        for engine in args.engines:
            cmd = [sys.executable, __file__, "--child", engine, "--work", tmp, "--articles", str(args.articles)]
            if args.embedder:
                cmd += ["--embedder", args.embedder]
            proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
            if proc.returncode:
                log = Path(tempfile.gettempdir()) / f"wt-spark-bench-{engine.replace(':', '')}.stderr"
                log.write_text(proc.stderr)
                errors = [x for x in proc.stderr.splitlines() if "Error" in x or "Exception" in x]
                print("\n".join(errors[:20]) or proc.stderr[-3000:], file=sys.stderr)
                print(f"{engine} failed (exit {proc.returncode}); its whole stderr: {log}", file=sys.stderr)
                return 1
            r = json.loads(proc.stdout.strip().splitlines()[-1])
            results[engine] = r
            name = "local engine" if engine == "local" else f"spark local[{engine[-1]}]"
            stages = ", ".join(f"{k} {v:.0f}" for k, v in r.get("stages", {}).items())
            print(f"{name:16} {r['seconds']:8.1f} {r['index_seconds']:8.1f} "
                  f"{args.articles / r['index_seconds']:10.1f} {r['cpu_seconds']:7.0f} "
                  f"{1000 * r['cpu_seconds'] / args.articles:10.1f} {r['pairs_compared']:7d} {r['peak_rss_mib']:12.0f} "
                  f"{r['worker_peak_mib']:6.0f} {r['jvm_peak_mib']:5.0f} "
                  f"{r['load_before']:4.1f}/{r['load_after']:<4.1f}  {stages}", flush=True)
        if "spark:1" in results and "spark:2" in results:
            ratio = results["spark:1"]["index_seconds"] / results["spark:2"]["index_seconds"]
            print(f"scaling local[1] -> local[2]: {ratio:.2f}x throughput (2.00x would be linear)")
        if "local" in results and "spark:2" in results:
            ratio = results["local"]["index_seconds"] / results["spark:2"]["index_seconds"]
            print(f"spark local[2] / local engine (2 workers): {ratio:.2f}x throughput")
        rels = {e: json.loads((work / f"{e.replace(':', '')}.relations.json").read_text()) for e in results}
        first = next(iter(rels.values()))
        same = all(sorted(map(tuple, r)) == sorted(map(tuple, first)) for r in rels.values())
        print(f"same relations (pairs and kinds) from every engine: {'yes' if same else 'NO'} ({len(first)} relations)")
        print("json:", json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
