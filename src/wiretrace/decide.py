"""Decisions as data: named features -> a named Decider -> a Decision (see ARCHITECTURE.md, "Decisions").

A stage computes features (kept on its record); a Decider, looked up by name, maps them to a label with a
probability and each feature's contribution, and names itself so a store can record which model made a
verdict. Two kinds exist:

- **rules**: a stage's hand-written rule, kept under an honest name (``rules-v1``) until a trained model
  beats it on held-out real data;
- **linear**: a logistic model loaded from a versioned JSON file shipped in ``wiretrace/models`` (numpy
  only). The file carries a *card*: what it was trained on (data and digest), the split, test figures and
  calibration, so a user can see what a probability is worth.

A *score* (``LinearScore``) is the same kind of file for a graded quantity instead of a label: a linear
regression over named features with thresholds fitted beside it (story similarity: ``story-v3``).

A linear model here is *antisymmetric* when its card says so: every feature changes sign when the two
articles swap places and there is no intercept, so P(a is the source) = 1 - P(b is the source) exactly,
whatever order the user passes them in.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Protocol, TypeVar

from .errors import ConfigError, WiretraceError

__all__ = ["Decider", "Decision", "LinearDecider", "LinearScore", "available_deciders", "get_decider", "get_score"]


@dataclass(slots=True, frozen=True)
class Decision:
    """A verdict: the label, its probability, each feature's log-odds contribution, the model's name."""

    label: str | None
    probability: float
    contributions: dict[str, float] = field(default_factory=dict)
    model: str = ""


class Decider(Protocol):
    """Maps named features to a Decision."""

    @property
    def name(self) -> str: ...

    def decide(self, features: Mapping[str, float]) -> Decision: ...


@dataclass(slots=True, frozen=True)
class LinearDecider:
    """A logistic model over named features, from a versioned JSON file.

    ``p(positive) = sigmoid(intercept + sum_i w_i * x_i / scale_i)`` (features absent count 0). A feature
    marked ``"fitted": false`` in the file keeps a weight set by hand (its ``why_not_fitted`` says why)
    and enters the sum the same way.
    ``abstain`` is the band around 0.5 inside which no label is given. ``inputs`` names the models the
    features were computed with when it was fitted (``{"translationese": "translationese-v3"}``); the stage
    computing the features uses them, so a model keeps giving the verdicts it was tested on.
    """

    name: str
    features: tuple[str, ...]
    weights: tuple[float, ...]
    scales: tuple[float, ...]
    intercept: float
    labels: tuple[str, str]  # (positive, negative)
    abstain: float
    card: dict[str, Any]
    inputs: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def from_file(cls, path: str | Path) -> LinearDecider:
        """Load a model file; raise WiretraceError naming the file when it is not a valid one."""
        return _load(path, "decision model", cls.from_dict)

    @classmethod
    def from_dict(cls, spec: Mapping[str, Any]) -> LinearDecider:
        feats = [str(f["name"]) for f in spec["features"]]
        return cls(
            name=f"{spec['name']}@{spec['version']}",
            features=tuple(feats),
            weights=tuple(float(f["weight"]) for f in spec["features"]),
            scales=tuple(float(f.get("scale", 1.0)) or 1.0 for f in spec["features"]),
            intercept=float(spec.get("intercept", 0.0)),
            labels=(str(spec["labels"][0]), str(spec["labels"][1])),
            abstain=float(spec.get("abstain", 0.0)),
            card=dict(spec.get("card", {})),
            inputs={str(k): str(v) for k, v in spec.get("inputs", {}).items()},
        )

    def decide(self, features: Mapping[str, float]) -> Decision:
        contributions = {}
        z = self.intercept
        for name, w, s in zip(self.features, self.weights, self.scales, strict=True):
            x = float(features.get(name, 0.0))
            if not math.isfinite(x):
                x = 0.0
            c = w * x / s
            if c:
                contributions[name] = c
            z += c
        p = 1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, z))))
        if abs(p - 0.5) <= self.abstain:
            return Decision(None, 0.5, contributions, self.name)
        label, prob = (self.labels[0], p) if p > 0.5 else (self.labels[1], 1.0 - p)
        return Decision(label, prob, contributions, self.name)


@dataclass(slots=True, frozen=True)
class LinearScore:
    """A linear regression over named features, from a versioned JSON file (``"kind": "score"``).

    ``value = intercept + sum_i w_i * (x_i - mean_i) / scale_i``, clipped to ``[low, high]``; a feature
    absent from the input takes its ``fallback`` feature's value (a title similarity where an article has
    no title: the document similarity), else its mean. ``threshold`` is the fitted cut the card explains;
    ``thresholds`` the cut fitted for one language, where the file has one (``cut(language)``).
    """

    name: str
    features: tuple[str, ...]
    weights: tuple[float, ...]
    means: tuple[float, ...]
    scales: tuple[float, ...]
    fallbacks: tuple[str | None, ...]
    intercept: float
    low: float
    high: float
    threshold: float
    card: dict[str, Any]
    thresholds: Mapping[str, float] = field(default_factory=dict)

    @classmethod
    def from_file(cls, path: str | Path) -> LinearScore:
        """Load a score file; raise WiretraceError naming the file when it is not a valid one."""
        return _load(path, "score model", cls.from_dict)

    @classmethod
    def from_dict(cls, spec: Mapping[str, Any]) -> LinearScore:
        feats = spec["features"]
        return cls(
            name=f"{spec['name']}@{spec['version']}",
            features=tuple(str(f["name"]) for f in feats),
            weights=tuple(float(f["weight"]) for f in feats),
            means=tuple(float(f["mean"]) for f in feats),
            scales=tuple(float(f["scale"]) or 1.0 for f in feats),
            fallbacks=tuple(f.get("fallback") for f in feats),
            intercept=float(spec["intercept"]),
            low=float(spec["range"][0]), high=float(spec["range"][1]),
            threshold=float(spec["threshold"]),
            card=dict(spec.get("card", {})),
            thresholds={str(k): float(v) for k, v in spec.get("thresholds", {}).items()},
        )

    def cut(self, language: str | None) -> tuple[float, bool]:
        """The cut for ``language`` and whether it was fitted for that language (else the pooled one)."""
        if language and language in self.thresholds:
            return self.thresholds[language], True
        return self.threshold, False

    def score(self, features: Mapping[str, float]) -> tuple[float, dict[str, float]]:
        """The value for ``features`` and each feature's contribution to it."""
        contributions = {}
        value = self.intercept
        for name, w, mu, s, fb in zip(self.features, self.weights, self.means, self.scales, self.fallbacks,
                                      strict=True):
            x = features.get(name, features.get(fb, mu) if fb else mu)
            x = float(x) if math.isfinite(float(x)) else mu
            c = w * (x - mu) / s
            if c:
                contributions[name] = c
            value += c
        return min(self.high, max(self.low, value)), contributions


_T = TypeVar("_T")


def _load(path: str | Path, what: str, build: Callable[[Mapping[str, Any]], _T]) -> _T:
    """``build`` over a JSON model file's contents; WiretraceError naming the file when it is not one."""
    try:
        return build(json.loads(Path(path).read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError, IndexError) as exc:
        raise WiretraceError(f"{path}: not a wiretrace {what} ({exc})") from None


_MODELS = {
    # name -> file in wiretrace/models
    "source-v2": "source-v2.json",
    "source-v3": "source-v3.json",
    "source-v4": "source-v4.json",
    "source-v5": "source-v5.json",
    "source-v6": "source-v6.json",
    "source-v7": "source-v7.json",
    "source-v8": "source-v8.json",
    "source-v9": "source-v9.json",
    "source-v10": "source-v10.json",
}
_SCORES = {
    "story-v1": "story-v1.json",
    "story-v2": "story-v2.json",
    "story-v3": "story-v3.json",
}
_RULES: dict[str, Callable[[], Decider]] = {}


def register_rules(name: str, factory: Callable[[], Decider]) -> None:
    """Register a rule-based decider under ``name`` (stages register their ``rules-v1``)."""
    _RULES[name] = factory


def available_deciders() -> list[str]:
    return sorted([*_MODELS, *_RULES])


@lru_cache(maxsize=16)
def _packaged(filename: str) -> LinearDecider:
    ref = resources.files("wiretrace") / "models" / filename
    with resources.as_file(ref) as path:
        return LinearDecider.from_file(path)


@lru_cache(maxsize=16)
def _packaged_score(filename: str) -> LinearScore:
    ref = resources.files("wiretrace") / "models" / filename
    with resources.as_file(ref) as path:
        return LinearScore.from_file(path)


def get_score(name: str) -> LinearScore:
    """Return the score model called ``name``: a packaged one or the path of a score .json file."""
    if name in _SCORES:
        return _packaged_score(_SCORES[name])
    if name.endswith(".json") and Path(name).is_file():
        return LinearScore.from_file(name)
    raise ConfigError(f"unknown score model {name!r}: use one of {', '.join(sorted(_SCORES))} "
                      f"or the path of a score .json file")


def get_decider(name: str) -> Decider:
    """Return the decider called ``name``: a packaged model, a registered rule set, or a model file path."""
    if name in _MODELS:
        return _packaged(_MODELS[name])
    if name in _RULES:
        return _RULES[name]()
    if name.endswith(".json") and Path(name).is_file():
        return LinearDecider.from_file(name)
    raise ConfigError(f"unknown decider {name!r}: use one of {', '.join(available_deciders())} "
                         f"or the path of a model .json file")
