"""The pair model: how alike two petitions must be, in which spaces, learned from labelled pairs.

A pair of petitions is described by its cosines in the spaces of ``features`` (words, character
n-grams, objects, actions, concepts). A logistic model, its weights kept non-negative, gives the
probability that the two make the same demand: ``p = σ(bias + Σ wₖ cosₖ)``. Grouping uses the
weighted mean ``s = Σ wₖ cosₖ / Σ wₖ``, a similarity between 0 and 1, and groups by average linkage
while ``s`` reaches the model's ``threshold`` (chosen on the training groups, by pairwise F1).

The fitted model is data: ``grouping_model.json`` beside this module holds the weights, the bias,
the threshold, and the background document frequencies of the training petitions; it is produced by
``python -m hdnd.petitions.synthesis.training`` and reviewed like code.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np
from scipy import optimize

from hdnd.petitions.synthesis.features import SPACES, Background

MODEL_PATH = Path(__file__).with_name("grouping_model.json")
L2 = 1e-2  # ridge on the weights: the labelled pairs are few


@dataclass
class PairModel:
    """Weights per space, bias, grouping threshold on the weighted mean cosine, and the background."""

    weights: dict[str, float]
    bias: float
    threshold: float
    background: Background = field(default_factory=Background)
    trained_on: dict[str, int] = field(default_factory=dict)
    idf_power: float = 1.0  # each feature weighs idf ** idf_power (``features.vectorize``)

    def similarity(self, cosines: dict[str, float]) -> float:
        """The weighted mean cosine ``s`` of one pair."""
        total = sum(self.weights.values()) or 1.0
        return sum(self.weights[s] * cosines.get(s, 0.0) for s in self.weights) / total

    def probability(self, cosines: dict[str, float]) -> float:
        """The model's probability that the pair makes the same demand."""
        total = sum(self.weights.values())
        return 1.0 / (1.0 + math.exp(-(self.bias + total * self.similarity(cosines))))

    def to_json(self) -> dict[str, object]:
        return {
            "weights": {s: round(w, 6) for s, w in self.weights.items()},
            "bias": round(self.bias, 6),
            "threshold": round(self.threshold, 6),
            "idf_power": self.idf_power,
            "trained_on": self.trained_on,
            "background": {
                "documents": self.background.documents,
                "frequencies": self.background.frequencies,
            },
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> PairModel:
        background = data.get("background") or {}
        assert isinstance(background, dict)
        weights = data["weights"]
        assert isinstance(weights, dict)
        return cls(
            weights={s: float(weights.get(s, 0.0)) for s in SPACES},
            bias=float(data["bias"]),  # type: ignore[arg-type]
            threshold=float(data["threshold"]),  # type: ignore[arg-type]
            background=Background(
                int(background.get("documents", 0)),
                {s: dict(background.get("frequencies", {}).get(s, {})) for s in SPACES},
            ),
            trained_on=dict(data.get("trained_on") or {}),  # type: ignore[call-overload]
            idf_power=float(data.get("idf_power", 1.0)),  # type: ignore[arg-type]
        )

    def save(self, path: Path = MODEL_PATH) -> None:
        path.write_text(
            json.dumps(self.to_json(), ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8"
        )


@cache
def default_model() -> PairModel:
    """The model shipped with the package."""
    return PairModel.from_json(json.loads(MODEL_PATH.read_text(encoding="utf-8")))


def fit_weights(
    features: np.ndarray, targets: np.ndarray, spaces: Sequence[str] = SPACES
) -> tuple[dict[str, float], float]:
    """Logistic regression with non-negative weights, classes balanced, a little ridge.

    ``features`` is (pairs × spaces) cosines, ``targets`` 0/1. Returns (weights by space, bias).
    """
    x = np.asarray(features, dtype=np.float64)
    y = np.asarray(targets, dtype=np.float64)
    positives = max(y.sum(), 1.0)
    negatives = max(len(y) - y.sum(), 1.0)
    sample = np.where(y == 1, 0.5 / positives, 0.5 / negatives)

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        w, b = theta[:-1], theta[-1]
        z = x @ w + b
        # log(1 + e^z) - y z, computed stably
        value = np.sum(sample * (np.logaddexp(0.0, z) - y * z)) + L2 * np.dot(w, w) / 2
        residual = sample * (1.0 / (1.0 + np.exp(-z)) - y)
        gradient = np.concatenate([x.T @ residual + L2 * w, [residual.sum()]])
        return float(value), gradient

    start = np.zeros(x.shape[1] + 1)
    bounds = [(0.0, None)] * x.shape[1] + [(None, None)]
    found = optimize.minimize(loss, start, jac=True, method="L-BFGS-B", bounds=bounds)
    return {s: float(w) for s, w in zip(spaces, found.x[:-1], strict=True)}, float(found.x[-1])
