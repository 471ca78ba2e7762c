"""Honest quality figures: labelled pairs, folds by cluster, and cross-validation of a grouping method.

A labelled set is petitions and human-labelled groups (``near_duplicates.jsonl``): pairs inside a
``strong`` group are positives; pairs inside a ``topical`` group or a ``T-`` row (two groups read
together as one topic) are neither and are not scored; every other pair is a negative. The ``REPEAT``
row (petitions their source marks as raised before) is not a group.

Folds keep every labelled group whole: groups linked by a shared member or a ``T-`` row form one
component, components go to the fold with the fewest positive pairs so far (then the fewest
petitions), and unlabelled petitions are spread over the folds in a seeded order. A method is fitted
on the training folds only (vocabulary, IDF, weights, threshold) and scored on the held-out fold,
grouped on its own as a new batch would be.
"""

from __future__ import annotations

import random
import statistics
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any

Pair = tuple[str, str]
# fit(train ids, train texts, positive pairs, ignored pairs) → group(test texts) → labels
Method = Callable[[Sequence[str], Sequence[str], set[Pair], set[Pair]], Callable[[Sequence[str]], list[int]]]


def _is_group(cluster: Mapping[str, Any]) -> bool:
    return cluster.get("similarity") in ("strong", "topical")


@dataclass(frozen=True)
class LabelledPairs:
    """Positive pairs, and pairs neither positive nor negative (``ignored``); ids sorted in a pair."""

    positive: set[Pair]
    ignored: set[Pair]

    def label(self, pair: Pair) -> int | None:
        """1, 0, or None for a pair that is not scored."""
        if pair in self.positive:
            return 1
        return None if pair in self.ignored else 0


def labelled(clusters: Iterable[Mapping[str, Any]]) -> LabelledPairs:
    """The positive and the unscored pairs of labelled groups."""
    positive: set[Pair] = set()
    together: set[Pair] = set()
    for cluster in clusters:
        if not _is_group(cluster):
            continue
        pairs = set(combinations(sorted(cluster["members"]), 2))
        together |= pairs
        if cluster["similarity"] == "strong":
            positive |= pairs
    return LabelledPairs(positive, together - positive)


def folds_by_cluster(
    ids: Sequence[str], clusters: Iterable[Mapping[str, Any]], k: int = 5, seed: int = 2026
) -> dict[str, int]:
    """Assign each id to a fold 0..k-1 so that every labelled group lies in one fold."""
    return folds_by_pairs(ids, labelled(clusters), k, seed)


def folds_by_pairs(ids: Sequence[str], pairs: LabelledPairs, k: int = 5, seed: int = 2026) -> dict[str, int]:
    """Assign each id to a fold 0..k-1 so that no labelled pair (positive or unscored) crosses folds.

    Petitions joined by labelled pairs form components (a group, or groups read together); the
    largest components by positive pairs go first, each to the fold with the fewest positive pairs so
    far, then the fewest petitions; unlabelled petitions are spread in a seeded order.
    """
    parent = {i: i for i in ids}

    def root(i: str) -> str:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in sorted(pairs.positive | pairs.ignored):
        if a in parent and b in parent:
            parent[root(b)] = root(a)
    components: dict[str, list[str]] = {}
    for i in ids:
        components.setdefault(root(i), []).append(i)
    grouped = [sorted(c) for c in components.values() if len(c) > 1]
    loose = sorted(c[0] for c in components.values() if len(c) == 1)

    def positives(members: list[str]) -> int:
        return sum(pair in pairs.positive for pair in combinations(members, 2))

    fold_of: dict[str, int] = {}
    weight, size = [0] * k, [0] * k
    for members in sorted(grouped, key=lambda c: (-positives(c), -len(c), c[0])):
        target = min(range(k), key=lambda f: (weight[f], size[f], f))
        weight[target] += positives(members)
        size[target] += len(members)
        fold_of.update(dict.fromkeys(members, target))
    random.Random(seed).shuffle(loose)  # noqa: S311 - a reproducible order, not a secret
    for i in loose:
        target = min(range(k), key=lambda f: (size[f], f))
        size[target] += 1
        fold_of[i] = target
    return fold_of


@dataclass(frozen=True)
class Scores:
    """Pairwise precision, recall and F1 on the scored pairs of one batch."""

    precision: float
    recall: float
    f1: float
    true_positive: int
    predicted: int
    positive: int


def score(ids: Sequence[str], labels: Sequence[int], pairs: LabelledPairs) -> Scores:
    """Score a grouping of ``ids``: unscored pairs count neither way; unlabelled petitions are singletons."""
    members: dict[int, list[str]] = {}
    for petition_id, label in zip(ids, labels, strict=True):
        members.setdefault(label, []).append(petition_id)
    predicted = {p for group in members.values() for p in combinations(sorted(group), 2)} - pairs.ignored
    known = set(ids)
    positive = {p for p in pairs.positive if p[0] in known and p[1] in known}
    hits = len(predicted & positive)
    precision = hits / len(predicted) if predicted else 1.0
    recall = hits / len(positive) if positive else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Scores(precision, recall, f1, hits, len(predicted), len(positive))


@dataclass(frozen=True)
class CrossValidation:
    """The held-out scores of each fold, and their mean and spread."""

    folds: list[Scores]

    @property
    def mean_f1(self) -> float:
        return statistics.fmean(s.f1 for s in self.folds)

    @property
    def spread_f1(self) -> float:
        return statistics.pstdev(s.f1 for s in self.folds)

    @property
    def mean_precision(self) -> float:
        return statistics.fmean(s.precision for s in self.folds)

    @property
    def mean_recall(self) -> float:
        return statistics.fmean(s.recall for s in self.folds)

    @property
    def worst_f1(self) -> float:
        return min(s.f1 for s in self.folds)


def cross_validate(
    ids: Sequence[str],
    texts: Sequence[str],
    clusters: Sequence[Mapping[str, Any]],
    method: Method,
    k: int = 5,
    seed: int = 2026,
    among_all: bool = False,
) -> CrossValidation:
    """Fit ``method`` on k-1 folds, group the held-out fold, score its pairs; once per fold.

    The held-out fold is grouped on its own (a batch of a fifth of the set), or, with ``among_all``,
    among all the petitions, so that a batch as large as a province's has as many petitions to be
    wrongly joined with; only pairs within the held-out fold are scored either way.
    """
    fold_of = folds_by_cluster(ids, clusters, k, seed)
    pairs = labelled(clusters)
    results = []
    for fold in range(k):
        train = [i for i, petition_id in enumerate(ids) if fold_of[petition_id] != fold]
        test = [i for i, petition_id in enumerate(ids) if fold_of[petition_id] == fold]
        train_ids = [ids[i] for i in train]
        kept = set(train_ids)
        positive = {p for p in pairs.positive if p[0] in kept and p[1] in kept}
        ignored = {p for p in pairs.ignored if p[0] in kept and p[1] in kept}
        group = method(train_ids, [texts[i] for i in train], positive, ignored)
        if among_all:
            everything = group(list(texts))
            labels = [everything[i] for i in test]
        else:
            labels = group([texts[i] for i in test])
        results.append(score([ids[i] for i in test], labels, pairs))
    return CrossValidation(results)
