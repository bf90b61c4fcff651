"""The learned decision layer: a logistic model over the rules' own features (features.py), in pure Python.

Its weights are data (a JSON file beside the topic, written by `python -m eval.learn`, checked here
against DECIDER's schema: a bad key is one line naming it). Run time never imports scikit-learn:
a claim's score is the logistic of the intercept plus the weights of its features, and the layer
keeps a candidate when the score reaches the file's threshold. Each score can name the features
that moved it most (`figwatch extract --why`).
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extractors import schema
from extractors.features import Features
from figwatch.errors import ConfigError, ConfigErrors

FORMAT = 1  # the weights file's format (schema.DECIDER)


@dataclass(frozen=True)
class Decider:
    """A logistic model: P(the candidate is a reported figure) = logistic(intercept + sum of w * x)."""

    intercept: float
    weights: dict[str, float]
    threshold: float = 0.5
    trained_on: tuple[str, ...] = ()

    def margin(self, feats: Features) -> float:
        w = self.weights
        return self.intercept + sum(w[k] * v for k, v in feats.items() if k in w)

    def score(self, feats: Features) -> float:
        z = self.margin(feats)
        return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))

    def confidence(self, feats: Features) -> float:
        """The score moved so that the threshold falls at 0.5, where digests and the scorer cut."""
        p, t = self.score(feats), self.threshold
        return round(0.5 * p / t if p < t else 0.5 + 0.5 * (p - t) / (1 - t), 3)

    def top(self, feats: Features, n: int = 4) -> list[tuple[str, float]]:
        """The features that moved the score most, each with its contribution (weight times value)."""
        parts = [(k, self.weights[k] * v) for k, v in feats.items() if k in self.weights and v]
        return sorted(parts, key=lambda kv: -abs(kv[1]))[:n]

    def to_json(self, note: str = "") -> dict[str, Any]:
        return dict(format=FORMAT, model=schema.DECIDER_MODELS[0], intercept=self.intercept, threshold=self.threshold,
                    weights=dict(sorted(self.weights.items())), trained_on=list(self.trained_on), note=note)


def check(data: Any) -> list[str]:
    """Every problem of a weights file, one line each (empty: none)."""
    problems = [f"{key or '(file)'}: {message}" for key, message in schema.check(data, schema.DECIDER)]
    if not problems and data["format"] != FORMAT:
        problems.append(f"format: expected {FORMAT}, got {data['format']}")
    if not problems and not 0 < data["threshold"] < 1:
        problems.append(f"threshold: expected a number between 0 and 1, got {data['threshold']}")
    return problems


def from_json(data: Any, where: str = "weights") -> Decider:
    problems = check(data)
    if problems:  # one line per problem, each naming the file and the key
        raise ConfigErrors([ConfigError(p, file=where) for p in problems])
    return Decider(float(data["intercept"]), {k: float(v) for k, v in data["weights"].items()},
                   float(data["threshold"]), tuple(data.get("trained_on", ())))


def load_decider(path: Path) -> Decider:
    """A weights file, checked (ConfigError names the file and each bad key)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ConfigError(str(exc), file=str(path)) from exc
    return from_json(data, str(path))
