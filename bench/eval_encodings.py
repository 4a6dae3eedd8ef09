"""Legacy single-byte and multi-byte encodings: how many real texts ``decode_bytes`` reads back exactly.

Each text of one split (WMT22 originals and first references by language, bench/_realdata; the SemEval-2022
Task 8 Spanish and Turkish pairs' first texts, split by pair id) is cut to 300 / 1,000 characters / kept
whole, encoded in its language's legacy code page (characters it lacks become "?") and decoded from the
bytes alone, as a plain-text file is read; right = the decoded text equals what the code page holds. Three
decoders side by side: charset-normalizer's guess alone (``by_words=False``, the default until session 18),
``prefer_cp1252`` (a near tie with cp1252 goes to cp1252; session 17, off) and ``by_words`` (the near guess
whose differing words are words of the text's language; session 18, the default since session 19). Fitted on
dev; test looked at once each time, by a rule written before the look. A third split, ``fresh`` (session 19),
holds only texts neither dev nor test scored (``fresh_texts``), for one more look after test was spent.

    .venv/bin/python bench/eval_encodings.py dev
"""

from __future__ import annotations

import argparse
import csv
import json
import unicodedata
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from _evalkit import data_root
from _realdata import split_of, wmt_docs, wmt_texts_by_language
from wiretrace.errors import InputError
from wiretrace.ingest.decode import decode_bytes

CODECS = {"de": ("cp1252",), "fr": ("cp1252",), "es": ("cp1252",), "tr": ("cp1254",), "ar": ("cp1256",),
          "ru": ("cp1251", "koi8-r"), "zh": ("gb18030",), "ja": ("shift_jis", "euc-jp")}
SEMEVAL = {"es": "data/corpus_es_notesv2.csv", "tr": "turkish/corpus_tr_notes.csv"}
#: SemEval files no dev or test text comes from (read by the ``fresh`` split only).
SEMEVAL_FRESH = {"fr": ("french/dataset_french.csv", "french/corpus_fr_notes_v2.csv"),
                 "ar": ("arabic/dataset_arab.csv",)}
LENGTHS = (300, 1000, None)
#: Texts a language contributes at most (the SemEval files hold hundreds of pairs; WMT22 under 100).
PER_LANGUAGE = 60


def _rows(name: str) -> Iterator[tuple[str, list[str], list[str]]]:
    """(pair key column value, header, row) of one SemEval subset file."""
    csv.field_size_limit(1 << 30)
    with (data_root() / "semeval2022_task8" / "blresearch_subsets" / name).open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        key = header.index("ligne") if "ligne" in header else 0
        for row in reader:
            yield row[key], header, row


def texts(split: str) -> dict[str, list[tuple[str, str]]]:
    if split == "fresh":
        return fresh_texts()
    out = wmt_texts_by_language(split)
    for lang, name in SEMEVAL.items():
        seen: set[str] = set()
        for ligne, header, row in _rows(name):
            pair, text = f"{lang}:{ligne}", row[header.index("text_1")]
            if split_of(pair) == split and text.strip() and text[:200] not in seen:
                seen.add(text[:200])
                out.setdefault(lang, []).append((pair, text))
    return out


def fresh_texts() -> dict[str, list[tuple[str, str]]]:
    """Texts that neither dev nor test ever scored, for a third, one-look split (session 19): the SemEval es / tr
    texts past each split's first ``PER_LANGUAGE`` and their second texts, the French and Arabic SemEval files,
    the WMT22 systems' "Online-A" outputs and en-zh's second reference. Some are translations of documents dev or
    test scored (the WMT ones): fresh strings, not fresh stories."""
    scored = {t[:200] for split in ("dev", "test") for docs in texts(split).values() for _, t in docs[:PER_LANGUAGE]}
    out: dict[str, list[tuple[str, str]]] = {}

    def add(lang: str, key: str, text: str) -> None:
        if text.strip() and text[:200] not in scored:
            scored.add(text[:200])
            out.setdefault(lang, []).append((key, text))

    for lang, names in {**{k: (v,) for k, v in SEMEVAL.items()}, **SEMEVAL_FRESH}.items():
        for name in names:
            for ligne, header, row in _rows(name):
                for column in ("text_1", "text_2"):
                    add(lang, f"{lang}:{ligne}:{column}", row[header.index(column)])
    for d in wmt_docs():
        if "Online-A" in d.machine:
            add(d.tgt_lang, f"{d.key}:Online-A", d.machine["Online-A"])
        if "B" in d.references:
            add(d.tgt_lang, f"{d.key}:ref-B", d.references["B"])
    return out


DECODERS = {"guess": {"by_words": False}, "prefer_cp1252": {"by_words": False, "prefer_cp1252": True},
            "by_words": {"by_words": True}}


def _decoded(data: bytes, key: str, options: dict[str, bool]) -> str | None:
    try:
        return decode_bytes(data, key, **options)
    except InputError:
        return None


def measure(split: str) -> list[dict[str, object]]:
    counts: Counter[tuple[str, str, int | None, str]] = Counter()
    for lang, docs in sorted(texts(split).items()):
        for codec in CODECS.get(lang, ()):
            for key, text in docs[:PER_LANGUAGE]:
                for n in LENGTHS:
                    data = unicodedata.normalize("NFC", text[:n] if n else text).encode(codec, errors="replace")
                    want = unicodedata.normalize("NFC", data.decode(codec))
                    counts[lang, codec, n, "texts"] += 1
                    for name, options in DECODERS.items():
                        counts[lang, codec, n, name] += _decoded(data, key, options) == want
    cells = sorted({k[:3] for k in counts}, key=lambda k: (k[0], k[1], k[2] or 10**9))
    return [{"language": lang, "codec": codec, "chars": n or "whole", "texts": counts[lang, codec, n, "texts"],
             **{name: counts[lang, codec, n, name] for name in DECODERS}}
            for lang, codec, n in cells]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("split", choices=("dev", "test", "fresh"))
    ap.add_argument("--json", type=Path, help="write the rows here too")
    args = ap.parse_args()
    rows = measure(args.split)
    print(f"split: {args.split}")
    print("| language | code page | characters | texts | " + " | ".join(DECODERS) + " |")
    print("|---" * (4 + len(DECODERS)) + "|")
    for r in rows:
        cells = (r["language"], r["codec"], r["chars"], r["texts"], *(r[name] for name in DECODERS))
        print("| " + " | ".join(str(c) for c in cells) + " |")
    print("| all | | | " + " | ".join(str(sum(int(str(r[k])) for r in rows)) for k in ("texts", *DECODERS)) + " |")
    if args.json:
        args.json.write_text(json.dumps({"split": args.split, "rows": rows}, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
