"""Score wiretrace against a corpus's ``truth.json``: relation kinds, sources and planted changes.

This is the main job on ``examples/corpus`` and the quality gate CI enforces (tests/test_quality.py).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .compare import CompareConfig, Comparer
from .errors import InputError
from .records import DERIVED_KINDS, Comparison, DiffItem, Doc
from .segment import fold

__all__ = ["EvalReport", "evaluate"]

_DIGITS = re.compile(r"\d+")


@dataclass(slots=True)
class PairResult:
    a: str
    b: str
    true_kind: str
    kind: str
    true_source: str | None
    source: str | None
    source_probability: float
    a_in_b: float
    b_in_a: float

    @property
    def kind_ok(self) -> bool:
        return self.kind == self.true_kind

    @property
    def source_ok(self) -> bool:
        return self.source == self.true_source


@dataclass(slots=True)
class PlantedResult:
    copy: str
    op: str
    type: str
    source_text: str | None
    copy_text: str | None
    found: bool
    reported_as: str | None  # what we reported at that place when the type or op was wrong


@dataclass(slots=True)
class EvalReport:
    pairs: list[PairResult] = field(default_factory=list)
    planted: list[PlantedResult] = field(default_factory=list)
    false_changes: list[str] = field(default_factory=list)

    @property
    def relation_accuracy(self) -> float:
        return sum(p.kind_ok for p in self.pairs) / len(self.pairs) if self.pairs else 0.0

    @property
    def source_accuracy(self) -> float:
        derived = [p for p in self.pairs if p.true_kind in DERIVED_KINDS]
        return sum(p.source_ok for p in derived) / len(derived) if derived else 0.0

    @property
    def planted_recall(self) -> float:
        return sum(p.found for p in self.planted) / len(self.planted) if self.planted else 0.0

    def per_kind(self) -> dict[str, tuple[int, int]]:
        out: dict[str, tuple[int, int]] = {}
        for p in self.pairs:
            ok, n = out.get(p.true_kind, (0, 0))
            out[p.true_kind] = (ok + p.kind_ok, n + 1)
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "relation_accuracy": round(self.relation_accuracy, 4),
            "source_accuracy": round(self.source_accuracy, 4),
            "planted_recall": round(self.planted_recall, 4),
            "false_changes": self.false_changes,
            "per_kind": {k: {"correct": ok, "pairs": n} for k, (ok, n) in sorted(self.per_kind().items())},
            "pairs": [
                {"a": p.a, "b": p.b, "true": p.true_kind, "predicted": p.kind, "true_source": p.true_source,
                 "source": p.source, "source_probability": round(p.source_probability, 4),
                 "a_in_b": round(p.a_in_b, 4), "b_in_a": round(p.b_in_a, 4)}
                for p in self.pairs
            ],
            "planted": [
                {"copy": p.copy, "op": p.op, "type": p.type, "source_text": p.source_text,
                 "copy_text": p.copy_text, "found": p.found, "reported_as": p.reported_as}
                for p in self.planted
            ],
        }


def evaluate(corpus: str | Path, *, cfg: CompareConfig | None = None) -> EvalReport:
    """Compare every pair in ``corpus/truth.json`` and score the results against it."""
    root = Path(corpus)
    truth_path = root / "truth.json"
    if not truth_path.is_file():
        raise InputError(str(truth_path), "no truth.json in the corpus folder")
    try:
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise InputError(str(truth_path), f"invalid JSON: {exc.msg} at line {exc.lineno}") from None
    _check_truth(truth, str(truth_path))
    comparer = Comparer(cfg)
    docs: dict[str, Doc] = {}

    def doc(rel: str) -> Doc:
        if rel not in docs:
            docs[rel] = comparer.doc(root / rel)
        return docs[rel]

    report = EvalReport()
    for pair in truth.get("pairs", []):
        c = comparer.compare(doc(pair["a"]), doc(pair["b"]))
        report.pairs.append(PairResult(
            a=pair["a"], b=pair["b"], true_kind=pair["relation"], kind=c.relation.kind,
            true_source=pair.get("source"), source=c.relation.source,
            source_probability=c.relation.source_probability,
            a_in_b=c.relation.a_in_b, b_in_a=c.relation.b_in_a,
        ))
    for planted in truth.get("planted", []):
        c = comparer.compare(doc(planted["source"]), doc(planted["copy"]))
        for change in planted.get("changes", []):
            found, near = _find(c, change)
            report.planted.append(PlantedResult(
                copy=planted["copy"], op=change["op"], type=change["type"],
                source_text=change.get("source_text"), copy_text=change.get("copy_text"),
                found=found, reported_as=near,
            ))
        for nc in planted.get("not_changes", []):
            for item in c.diff:
                if item.type in ("number", "date") and (
                        _overlaps(item.a_text, nc.get("source_text")) or _overlaps(item.b_text, nc.get("copy_text"))):
                    report.false_changes.append(
                        f"{planted['copy']}: {item.op} {item.type} {item.a_text!r} -> {item.b_text!r}")
    return report


def _check_truth(truth: Any, path: str) -> None:
    """Raise InputError naming the entry when ``truth`` is not shaped as examples/corpus/truth.json is."""
    need = {"pairs": ("a", "b", "relation"), "planted": ("source", "copy")}
    if not isinstance(truth, dict):
        raise InputError(path, "must be a JSON object with 'pairs' (and optionally 'planted')")
    for key, fields in need.items():
        entries = truth.get(key, [])
        if not isinstance(entries, list):
            raise InputError(path, f"'{key}' must be a list")
        for i, entry in enumerate(entries):
            missing = [f for f in fields if not isinstance(entry, dict) or not isinstance(entry.get(f), str)]
            if missing:
                raise InputError(path, f"'{key}' entry {i + 1} needs the text field(s) {', '.join(missing)}")
            changes = entry.get("changes", [])
            if not isinstance(changes, list) or not all(isinstance(c, dict) and {"op", "type"} <= c.keys()
                                                        for c in changes):
                raise InputError(path, f"'{key}' entry {i + 1}: 'changes' must be objects with 'op' and 'type'")


def _find(c: Comparison, change: dict[str, Any]) -> tuple[bool, str | None]:
    """Whether ``c.diff`` reports ``change`` (a = source, b = copy); else what it reported there."""
    near = None
    for item in c.diff:
        if not _same_place(item, change):
            continue
        # a quoted sentence with a figure, added or dropped, is a ``number`` item that says it was quoted
        if item.op == change["op"] and (item.type == change["type"] or (change["type"] == "quote" and item.quoted)):
            return True, None
        near = near or f"{item.op} {item.type}"
    return False, near


def _same_place(item: DiffItem, change: dict[str, Any]) -> bool:
    src, cp = change.get("source_text"), change.get("copy_text")
    if src and cp:
        return _overlaps(item.a_text, src) and _overlaps(item.b_text, cp)
    if cp:
        return _overlaps(item.b_text, cp)
    return _overlaps(item.a_text, src)


def _overlaps(found: str | None, truth: str | None) -> bool:
    if not found or not truth:
        return False
    f, t = fold(found), fold(truth)
    if f in t or t in f:
        return True
    digits_t = _DIGITS.findall(t.replace(",", "").replace(".", ""))
    return bool(digits_t) and digits_t == _DIGITS.findall(f.replace(",", "").replace(".", ""))
