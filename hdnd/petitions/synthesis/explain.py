"""Why petitions were grouped: the shared demand, its object and the words they share, for the clerk.

``explain_pair`` says why two petitions are alike (their cosine in each space, the model's
probability, the concepts and top words they share); ``explain_groups`` describes each group of a
grouping: the demand and object most of its members raise, the words that weigh most in it, and how
alike its members are on average (what average linkage held it to).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from hdnd.petitions.synthesis import lexicon
from hdnd.petitions.synthesis.features import SPACES, Spaces, vectorize
from hdnd.petitions.synthesis.model import PairModel, default_model
from hdnd.petitions.synthesis.normalize import Analysis, analyse

TOP_WORDS = 5


def concept_label(token: str) -> str:
    """The Vietnamese words of a concept token, as the clerk reads them (``@bridge`` → "cầu")."""
    name = token.removeprefix("@")
    phrases = lexicon.OBJECTS.get(name) or lexicon.ACTIONS.get(name) or (name,)
    return phrases[0]


def _objects(analysis: Analysis) -> list[str]:
    return [t for t in dict.fromkeys(analysis.tokens) if t[1:] in lexicon.OBJECTS]


def _actions(analysis: Analysis) -> list[str]:
    return [t for t in dict.fromkeys(analysis.tokens) if t[1:] in lexicon.ACTIONS]


@dataclass(frozen=True)
class PairExplanation:
    """Why two petitions are (or are not) alike."""

    similarity: float  # the weighted mean cosine the grouping compares with its threshold
    probability: float  # the pair model's probability that they make the same demand
    cosines: dict[str, float]
    demands: list[str]  # shared actions, in words
    objects: list[str]  # shared objects, in words
    words: list[str]  # the shared content words that weigh most

    def as_json(self) -> dict[str, object]:
        return {
            "similarity": round(self.similarity, 3),
            "probability": round(self.probability, 3),
            "cosines": {s: round(v, 3) for s, v in self.cosines.items()},
            "demand": self.demands,
            "object": self.objects,
            "words": self.words,
        }


def explain_pair(
    first: str, second: str, model: PairModel | None = None, places: Sequence[str | None] = (None, None)
) -> PairExplanation:
    """Explain how alike two petition texts are, and what they share."""
    model = model or default_model()
    analyses = [analyse(first, places[0]), analyse(second, places[1])]
    spaces = vectorize(analyses, model.background, model.idf_power)
    return _pair(spaces, analyses, 0, 1, model)


def explain_members(texts: Sequence[str], model: PairModel | None = None) -> list[PairExplanation]:
    """Why each petition of a group is with the first one (the one the group is titled after):
    ``explain_pair(texts[0], texts[k])`` for k ≥ 1, the group's texts weighted together once."""
    if len(texts) < 2:
        return []
    model = model or default_model()
    analyses = [analyse(text) for text in texts]
    spaces = vectorize(analyses, model.background, model.idf_power)
    return [_pair(spaces, analyses, 0, k, model) for k in range(1, len(texts))]


def _pair(spaces: Spaces, analyses: Sequence[Analysis], i: int, j: int, model: PairModel) -> PairExplanation:
    """The explanation of rows ``i`` and ``j`` of a vectorised batch."""
    cosines = {s: _cosine(spaces, s, i, j) for s in SPACES}
    a, b = analyses[i], analyses[j]
    return PairExplanation(
        similarity=model.similarity(cosines),
        probability=model.probability(cosines),
        cosines=cosines,
        demands=[concept_label(t) for t in _actions(a) if t in set(_actions(b))],
        objects=[concept_label(t) for t in _objects(a) if t in set(_objects(b))],
        words=_top_shared(spaces, i, j),
    )


def _cosine(spaces: Spaces, space: str, i: int, j: int) -> float:
    matrix = spaces.matrices[space]
    return float(matrix[i].multiply(matrix[j]).sum())


def _top_shared(spaces: Spaces, i: int, j: int) -> list[str]:
    """The content words of rows ``i`` and ``j`` whose weight products are largest."""
    matrix = spaces.matrices["word"]
    product = matrix[i].multiply(matrix[j]).tocoo()
    names = {column: word for word, column in spaces.vocabularies["word"].items()}
    order = np.argsort(-product.data, kind="stable")[:TOP_WORDS]
    return [names[int(product.col[k])] for k in order]


@dataclass(frozen=True)
class GroupExplanation:
    """What a group's members share."""

    size: int
    cohesion: float  # members' average pairwise similarity (1.0 for a group of one)
    demands: list[str]  # actions raised by at least half the members, in words
    objects: list[str]  # objects raised by at least half the members, in words
    words: list[str]  # the words that weigh most in the group's centroid

    def as_json(self) -> dict[str, object]:
        return {
            "size": self.size,
            "cohesion": round(self.cohesion, 3),
            "demand": self.demands,
            "object": self.objects,
            "words": self.words,
        }


def explain_groups(
    analyses: Sequence[Analysis], labels: Sequence[int], model: PairModel | None = None
) -> dict[int, GroupExplanation]:
    """Explain every group of a grouping of ``analyses`` (one label each)."""
    model = model or default_model()
    if not analyses:
        return {}
    spaces = vectorize(analyses, model.background, model.idf_power)
    combined = spaces.combined(model.weights)
    words = spaces.matrices["word"]
    names = np.empty(len(spaces.vocabularies["word"]), dtype=object)
    for word, column in spaces.vocabularies["word"].items():
        names[column] = word
    members: dict[int, list[int]] = {}
    for index, label in enumerate(labels):
        members.setdefault(int(label), []).append(index)
    out: dict[int, GroupExplanation] = {}
    for label, rows in members.items():
        block = combined[rows]
        total = np.asarray(block.sum(axis=0)).ravel()
        self_similarity = float(block.multiply(block).sum())
        n = len(rows)
        cohesion = (float(total @ total) - self_similarity) / (n * (n - 1)) if n > 1 else 1.0
        centroid = np.asarray(words[rows].sum(axis=0)).ravel()
        top = [str(names[k]) for k in np.argsort(-centroid, kind="stable")[:TOP_WORDS] if centroid[k] > 0]
        objects = Counter(t for r in rows for t in _objects(analyses[r]))
        actions = Counter(t for r in rows for t in _actions(analyses[r]))
        out[label] = GroupExplanation(
            size=n,
            cohesion=cohesion,
            demands=[concept_label(t) for t, c in actions.most_common() if 2 * c >= n][:3],
            objects=[concept_label(t) for t, c in objects.most_common() if 2 * c >= n][:3],
            words=top,
        )
    return out
