"""Pairwise precision, recall and F1 of a grouping against human-labelled groups of near-duplicates."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any


@dataclass(frozen=True)
class PairScores:
    """How the pairs a grouping puts together compare with the labelled pairs."""

    precision: float
    recall: float
    f1: float
    predicted: int
    labelled: int


def labelled_pairs(clusters: Iterable[dict[str, Any]], kinds: Iterable[str]) -> set[tuple[str, str]]:
    """Pairs of petition ids that share a labelled cluster whose ``similarity`` is one of ``kinds``."""
    wanted = set(kinds)
    pairs: set[tuple[str, str]] = set()
    for cluster in clusters:
        if cluster.get("similarity") in wanted:
            pairs.update(combinations(sorted(cluster["members"]), 2))
    return pairs


def grouped_pairs(ids: Sequence[str], labels: Sequence[int]) -> set[tuple[str, str]]:
    """Pairs of ids that a grouping puts in the same group."""
    members: dict[int, list[str]] = {}
    for petition_id, label in zip(ids, labels, strict=True):
        members.setdefault(label, []).append(petition_id)
    return {pair for group in members.values() for pair in combinations(sorted(group), 2)}


def pair_scores(ids: Sequence[str], labels: Sequence[int], labelled: set[tuple[str, str]]) -> PairScores:
    """Score a grouping of ``ids``; petitions in no labelled cluster count as singletons."""
    known = set(ids)
    labelled = {pair for pair in labelled if pair[0] in known and pair[1] in known}
    predicted = grouped_pairs(ids, labels)
    hits = len(predicted & labelled)
    precision = hits / len(predicted) if predicted else 1.0
    recall = hits / len(labelled) if labelled else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return PairScores(precision, recall, f1, len(predicted), len(labelled))


def partition_scores(labels: Sequence[int], truth: Sequence[int]) -> PairScores:
    """Pairwise scores of a grouping against a true partition, counted without listing the pairs."""
    both = Counter(zip(labels, truth, strict=True))
    hits = sum(_pairs(count) for count in both.values())
    predicted = sum(_pairs(count) for count in Counter(labels).values())
    labelled = sum(_pairs(count) for count in Counter(truth).values())
    precision = hits / predicted if predicted else 1.0
    recall = hits / labelled if labelled else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return PairScores(precision, recall, f1, predicted, labelled)


def _pairs(count: int) -> int:
    """How many pairs ``count`` items make."""
    return count * (count - 1) // 2
