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

import hashlib
import json
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np

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
def model_digest() -> str:
    """The shipped model's file, in short: what a kept explanation was made with."""
    return hashlib.sha256(MODEL_PATH.read_bytes()).hexdigest()[:16]


@cache
def default_model() -> PairModel:
    """The model shipped with the package."""
    return PairModel.from_json(json.loads(MODEL_PATH.read_text(encoding="utf-8")))


def fit_weights(
    features: np.ndarray, targets: np.ndarray, spaces: Sequence[str] = SPACES
) -> tuple[dict[str, float], float]:
    """Logistic regression with non-negative weights, classes balanced, a little ridge.

    ``features`` is (pairs × spaces) cosines, ``targets`` 0/1. Returns (weights by space, bias).
    Projected Newton steps (a handful of parameters: each step solves a 6 × 6 system; a weight at
    zero whose gradient pushes it below stays out of the step), with a backtracking line search.
    """
    x = np.column_stack([np.asarray(features, dtype=np.float64), np.ones(len(targets))])
    y = np.asarray(targets, dtype=np.float64)
    positives = max(y.sum(), 1.0)
    negatives = max(len(y) - y.sum(), 1.0)
    sample = np.where(y == 1, 0.5 / positives, 0.5 / negatives)
    ridge = np.full(x.shape[1], L2)
    ridge[-1] = 0.0  # the bias is not shrunk

    def loss(theta: np.ndarray) -> float:
        z = x @ theta  # log(1 + e^z) - y z, computed stably
        return float(np.sum(sample * (np.logaddexp(0.0, z) - y * z)) + np.dot(ridge * theta, theta) / 2)

    theta = np.zeros(x.shape[1])
    value = loss(theta)
    for _step in range(100):
        p = 1.0 / (1.0 + np.exp(-(x @ theta)))
        gradient = x.T @ (sample * (p - y)) + ridge * theta
        hessian = (x * (sample * p * (1.0 - p))[:, None]).T @ x + np.diag(ridge) + 1e-12 * np.eye(len(theta))
        free = np.ones(len(theta), dtype=bool)
        free[:-1] = (theta[:-1] > 0) | (gradient[:-1] < 0)
        direction = np.zeros(len(theta))
        direction[free] = np.linalg.solve(hessian[np.ix_(free, free)], gradient[free])
        theta, improved = _line_search(loss, theta, value, direction)
        if value - improved < 1e-12:
            break
        value = improved
    return {s: float(w) for s, w in zip(spaces, theta[:-1], strict=True)}, float(theta[-1])


def _line_search(
    loss: Callable[[np.ndarray], float], theta: np.ndarray, value: float, direction: np.ndarray
) -> tuple[np.ndarray, float]:
    """The first of full, half, quarter ... steps (weights kept ≥ 0) that lowers the loss; or no step."""
    size = 1.0
    while size > 1e-6:
        trial = theta - size * direction
        trial[:-1] = np.maximum(trial[:-1], 0.0)
        found = loss(trial)
        if found < value:
            return trial, found
        size /= 2
    return theta, value
