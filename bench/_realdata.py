"""The real data the test bed is built from, and its dev / test split (issue #18).

Everything here reads ``../shared/data`` (or ``$WIRETRACE_DATA``) by path; nothing is copied into the
project. The split is by *source document*: every item derived from one original (its translations, its
round trips, its head variants, both presentation orders) lands on the same side, so nothing fitted on
dev has seen a test document in any form. The split is a salted hash of the document key, so it is fixed
without a random-number generator and stable when documents are added.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from _evalkit import data_root

Split = Literal["dev", "test"]

#: Share of source documents in dev. The salt fixes the split ("seed"); change it and every figure moves.
DEV_SHARE = 0.6
SPLIT_SALT = "wiretrace-realdata-v1"

WMT_PAIRS = ("de-fr", "fr-de", "en-zh", "ja-en", "ru-en")


def split_of(key: str) -> Split:
    """Return ``"dev"`` or ``"test"`` for a source document key (stable, salted hash)."""
    h = hashlib.sha256(f"{SPLIT_SALT}:{key}".encode()).digest()
    return "dev" if int.from_bytes(h[:8], "big") / 2**64 < DEV_SHARE else "test"


@dataclass(slots=True, frozen=True)
class WmtDoc:
    """One WMT22 news document: the original and its translations (all the same content)."""

    key: str  # "wmt:ru-en:<docid>"
    pair: str
    src_lang: str
    tgt_lang: str
    original: str
    references: dict[str, str] = field(default_factory=dict)
    machine: dict[str, str] = field(default_factory=dict)

    @property
    def split(self) -> Split:
        return split_of(self.key)


def wmt_docs(root: Path | None = None) -> Iterator[WmtDoc]:
    """Yield every WMT22 news document (``../shared/data/wmt22-news``), pair by pair, in file order."""
    folder = (root or data_root()) / "wmt22-news"
    for pair in WMT_PAIRS:
        path = folder / f"wmt22.{pair}.news.jsonl.gz"
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                src, tgt = rec["pair"].split("-")
                refs = dict(rec.get("references") or {})
                ref_segments = rec.get("reference_segments") or {}
                yield WmtDoc(key=f"wmt:{pair}:{rec['docid']}", pair=pair, src_lang=src, tgt_lang=tgt,
                             original=_from_segments(rec.get("original_segments"), rec["original"]),
                             references={k: _from_segments(ref_segments.get(k), v) for k, v in refs.items()},
                             machine=dict(rec.get("machine") or {}))


def wmt_texts_by_language(split: str, root: Path | None = None) -> dict[str, list[tuple[str, str]]]:
    """language -> [(document key, text)] of one split: each WMT22 original, and its first reference in the
    other language (the different documents of one language that the unrelated-pair measures read)."""
    out: dict[str, list[tuple[str, str]]] = {}
    for d in wmt_docs(root):
        if d.split != split:
            continue
        out.setdefault(d.src_lang, []).append((d.key, d.original))
        if d.references:
            out.setdefault(d.tgt_lang, []).append((d.key, next(iter(d.references.values()))))
    return out


@dataclass(slots=True, frozen=True)
class Body:
    """A real English news body (no metadata), to be copied, round-tripped or given heads."""

    key: str  # "aeb:<id>", "wmt:en-zh:<docid>" or "wmt:ru-en:<docid>:ref-<translator>"
    text: str  # paragraphs separated by blank lines
    doc: str = ""  # the source document the body derives from (its split), when not ``key`` itself

    @property
    def doc_key(self) -> str:
        return self.doc or self.key

    @property
    def split(self) -> Split:
        return split_of(self.doc_key)


def english_bodies(root: Path | None = None, *, min_words: int = 150, max_words: int = 1500) -> list[Body]:
    """Real English article bodies: the AEB gold bodies and the WMT22 English originals (en-zh).

    Bodies shorter than ``min_words`` (photo captions, stubs) or longer than ``max_words`` are left out,
    as are AEB bodies that are not English (py3langid).
    """
    import py3langid

    base = root or data_root()
    out: list[Body] = []
    gt = json.loads((base / "aeb" / "ground-truth.json").read_text(encoding="utf-8"))
    for aid in sorted(gt):
        text = _paragraph_text(gt[aid].get("articleBody") or "")
        n = len(text.split())
        if min_words <= n <= max_words and py3langid.classify(text[:3000])[0] == "en":
            out.append(Body(key=f"aeb:{aid}", text=text))
    for doc in wmt_docs(base):
        if doc.src_lang == "en":
            text = _paragraph_text(doc.original)
            if min_words <= len(text.split()) <= max_words:
                out.append(Body(key=doc.key, text=text))
    return out


#: WMT pairs whose professional reference is English: real English news text the bodies above do not use.
REFERENCE_PAIRS = ("ja-en", "ru-en")


def reference_bodies(root: Path | None = None, *, min_words: int = 150, max_words: int = 1500) -> list[Body]:
    """Extra English bodies for DEV only: the professional English reference (the first translator's) of
    each WMT22 ja-en and ru-en document whose key is in dev. The body's ``doc`` is the WMT document's key,
    so it sits on its document's side of the split; test documents are never read into a body."""
    out: list[Body] = []
    for doc in wmt_docs(root or data_root()):
        if doc.pair not in REFERENCE_PAIRS or doc.split != "dev" or not doc.references:
            continue
        who, ref = sorted(doc.references.items())[0]
        text = _paragraph_text(ref)
        if min_words <= len(text.split()) <= max_words:
            out.append(Body(key=f"{doc.key}:ref-{who}", text=text, doc=doc.key))
    return out


def _from_segments(segments: list[list[str]] | None, fallback: str) -> str:
    """The test set's own units as paragraphs, one segment each (the joined text is one block per
    document, which no news page is); the commercial systems' outputs have no segments and stay one block."""
    if not segments:
        return fallback
    return "\n\n".join(" ".join(seg.split()) for para in segments for seg in para if seg.strip())


def _paragraph_text(text: str) -> str:
    """Normalise to one paragraph per block, blank lines between, inner whitespace collapsed."""
    lines = [" ".join(ln.split()) for ln in text.replace("\r", "\n").split("\n")]
    return "\n\n".join(ln for ln in lines if ln)


def digest(paths: list[Path]) -> str:
    """SHA-256 over the bytes of ``paths`` (sorted by name): the data a gate was measured on."""
    h = hashlib.sha256()
    for p in sorted(paths, key=lambda q: q.name):
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


def source_files(root: Path | None = None) -> list[Path]:
    """The data files the test bed reads (for its digest)."""
    base = root or data_root()
    return [base / "aeb" / "ground-truth.json",
            *[base / "wmt22-news" / f"wmt22.{p}.news.jsonl.gz" for p in WMT_PAIRS]]


# ------------------------------------------------------------------ more originals (session 28, issue #18)
# Texts written in their language that no test-bed item derives from: extra originals for the translationese
# classifiers (bench/eval_translationese.py --more-originals). Each text has a key of its own, split by
# ``split_of`` like every document here (these keys are new: no existing key's split changes).

SEMEVAL_FRENCH = ("semeval2022_task8/blresearch_subsets/french/dataset_french.csv",
                  "semeval2022_task8/blresearch_subsets/french/corpus_fr_notes_v2.csv")


def semeval_french_articles(root: Path | None = None, *, min_words: int = 150,
                            max_words: int = 1500) -> list[Body]:
    """The distinct French news articles of the SemEval-2022 Task 8 French subsets (``text_1`` / ``text_2`` of
    both files), each keyed ``semeval-fr:<sha256 of its normalised text, 16 hex>`` (an article in several pairs
    is one text, one key). Bodies outside ``min_words`` .. ``max_words`` and texts py3langid does not read as
    French are left out."""
    import csv

    import py3langid

    base = root or data_root()
    csv.field_size_limit(1 << 30)
    seen: dict[str, str] = {}
    for rel in SEMEVAL_FRENCH:
        with (base / rel).open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                for col in ("text_1", "text_2"):
                    text = _paragraph_text(row.get(col) or "")
                    if not min_words <= len(text.split()) <= max_words:
                        continue
                    key = "semeval-fr:" + hashlib.sha256(" ".join(text.split()).encode()).hexdigest()[:16]
                    if key not in seen and py3langid.classify(text[:3000])[0] == "fr":
                        seen[key] = text
    return [Body(key=k, text=v) for k, v in sorted(seen.items())]


#: Sentences per MSRP pseudo-document (MSRP's sentence ids run in crawl order, so neighbours share a period).
MSRP_DOC_SENTENCES = 20


def msrp_documents(root: Path | None = None, *, sentences: int = MSRP_DOC_SENTENCES) -> list[Body]:
    """English news sentences of the Microsoft Research Paraphrase Corpus (both files, each sentence id once, in
    id order) grouped ``sentences`` at a time into pseudo-documents, one sentence a paragraph, keyed
    ``msrp:<first sentence id>``. Not articles: no paragraph or story structure (only per-text shares and shapes
    are read from them); the last, short group is left out."""
    base = (root or data_root()) / "msrp"
    by_id: dict[int, str] = {}
    for name in ("msr_paraphrase_train.txt", "msr_paraphrase_test.txt"):
        for line in (base / name).read_text(encoding="utf-8-sig").splitlines():
            cols = line.split("\t")
            if len(cols) != 5 or not cols[1].isdigit():
                continue
            for sid, sent in ((cols[1], cols[3]), (cols[2], cols[4])):
                by_id.setdefault(int(sid), " ".join(sent.split()))
    ids = sorted(by_id)
    return [Body(key=f"msrp:{ids[i]}", text="\n\n".join(by_id[j] for j in ids[i:i + sentences]))
            for i in range(0, len(ids) - sentences + 1, sentences)]


def clough_originals(root: Path | None = None) -> list[Body]:
    """The five Wikipedia source texts of Clough & Stevenson (2011), keyed ``clough:<file stem>``: English
    originals, but encyclopaedia prose, not news."""
    base = (root or data_root()) / "clough-stevenson-2011" / "data"
    return [Body(key=f"clough:{p.stem}", text=_paragraph_text(p.read_text(encoding="utf-8", errors="replace")))
            for p in sorted(base.glob("orig_task*.txt"))]
