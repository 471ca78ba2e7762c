"""Group near-duplicate petitions: the pair model's similarity, average linkage with a floor, in chunks.

1. Each petition's analysis (``normalize.analyse``) becomes a row in five similarity spaces
   (``features.vectorize``), concatenated with the pair model's weights, so that a dot product is the
   model's similarity ``s`` (a weighted mean of cosines).
2. Identical analyses are merged first: offices copy the same sentence into many minutes.
3. A few rows (a commune, a cycle): exact average linkage at the model's threshold, no group holding
   two rows less alike than ``MERGE_FLOOR`` × the threshold (no chaining). Many rows: the versions of
   one text are gathered first by their character n-grams, then the gatherings are grouped the same
   way, streamed in chunks against the groups' vector sums. See ``group_in_two_passes`` and
   docs/synthesis.md.

``features`` and ``vectorize`` below are the previous engine's concept vectors, kept for
``linking.suggest_links`` and the benchmark's baseline.
"""

from __future__ import annotations

import heapq
import itertools
import math
from collections.abc import Iterable, Sequence

import numpy as np
from scipy import sparse
from scipy.cluster.hierarchy import fcluster, linkage

from hdnd.petitions.synthesis import lexicon
from hdnd.petitions.synthesis.features import vectorize as vectorize_spaces
from hdnd.petitions.synthesis.model import PairModel, default_model
from hdnd.petitions.synthesis.normalize import Analysis, analyse

DEFAULT_THRESHOLD = (
    0.35  # the concept cosine for links to earlier issues; grouping uses the model's threshold
)
OBJECT_WEIGHT = 2.0
ACTION_WEIGHT = 0.7
PAIR_WEIGHT = 0.7
CHUNK = 2048
TIGHT = 0.8  # the first pass gathers versions of one text at this similarity
SURFACE_TIGHT = 0.65  # ... or at this cosine of their character n-grams (``group_in_two_passes``)
MERGE_FLOOR = 0.5  # no group holds two members (or gatherings) less alike than this share of the threshold

_OBJECTS = frozenset("@" + name for name in lexicon.OBJECTS)
_ACTIONS = frozenset("@" + name for name in lexicon.ACTIONS)


def features(tokens: Sequence[str]) -> dict[str, float]:
    """The features of one petition with their raw weights: tokens, and unordered neighbour pairs.

    Words count ``1 + log(count)``. Objects count by the order they first appear in: petitions lead
    with the demand and its object, and later objects mostly locate it ("chiếu sáng tuyến đường ...
    đến đầu cầu"), so the k-th object counts ``1 / k``.
    """
    weights: dict[str, float] = {}
    counts: dict[str, int] = {}
    for token in tokens:
        counts[token] = counts.get(token, 0) + 1
    rank = 0
    for token, count in counts.items():  # dicts keep first-appearance order
        if token in _OBJECTS:
            rank += 1
            weights[token] = 1.0 / rank
        else:
            weights[token] = 1.0 + math.log(count)
    for pair in itertools.pairwise(tokens):
        if pair[0] != pair[1]:
            weights.setdefault(" ".join(sorted(pair)), 1.0)
    return weights


def _kind_weight(feature: str) -> float:
    """How much a feature's kind counts, before its rarity."""
    if " " in feature:
        return PAIR_WEIGHT
    if feature in _OBJECTS:
        return OBJECT_WEIGHT
    if feature in _ACTIONS:
        return ACTION_WEIGHT
    return 1.0


def vectorize(token_lists: Sequence[Sequence[str]]) -> sparse.csr_matrix:
    """Return the L2-normalised, IDF- and kind-weighted matrix of the features, one row per token list.

    IDF is computed over the rows given (distinct texts), smoothed: ``log((1 + n) / (1 + df)) + 1``.
    """
    vocabulary: dict[str, int] = {}
    indptr, indices, values = [0], [], []
    for tokens in token_lists:
        for feature, weight in features(tokens).items():
            indices.append(vocabulary.setdefault(feature, len(vocabulary)))
            values.append(weight)
        indptr.append(len(indices))
    shape = (len(token_lists), len(vocabulary))
    matrix = sparse.csr_matrix(
        (
            np.asarray(values, dtype=np.float32),
            np.asarray(indices, dtype=np.int32),
            np.asarray(indptr, dtype=np.int64),
        ),
        shape=shape,
    )
    df = np.bincount(matrix.indices, minlength=shape[1])
    idf = np.log((1.0 + shape[0]) / (1.0 + df)) + 1.0
    kinds = np.empty(shape[1], dtype=np.float32)
    for feature, column in vocabulary.items():
        kinds[column] = _kind_weight(feature)
    matrix = matrix @ sparse.diags((idf * kinds).astype(np.float32))
    return _normalize_rows(matrix.tocsr())


def _normalize_rows(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    """Scale each row to unit length (empty rows stay empty)."""
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ matrix)


def group_matrix(
    matrix: sparse.csr_matrix,
    weights: np.ndarray,
    threshold: float,
    chunk: int = CHUNK,
    link_chunk: bool = True,
) -> np.ndarray:
    """Label the rows of ``matrix`` (unit vectors, ``weights`` copies each) by average linkage.

    Rows arrive in chunks. A row joins the existing group whose members it resembles most on average,
    when that average reaches ``threshold``; the rows of a chunk that join none are grouped among
    themselves by exact average linkage. Groups are then merged while two groups' members resemble each
    other on average above the threshold. A group is kept as the sum of its members' vectors, since
    ``row · sum / size`` is the row's average similarity to the group's members.

    With ``link_chunk`` false, the rows of a chunk that join no group stay groups of their own until the
    merging, which weighs each by its ``weights``: for rows that stand for many petitions (centroids),
    where scipy's linkage would count a gathering of a hundred versions like one stray petition.
    """
    n = matrix.shape[0]
    labels = np.full(n, -1, dtype=np.int64)
    sums = sparse.csr_matrix((0, matrix.shape[1]), dtype=np.float32)
    sizes = np.zeros(0, dtype=np.float64)
    for start in range(0, n, chunk):
        block = matrix[start : start + chunk]
        block_labels = _join_existing(block, sums, sizes, threshold)
        alone = np.flatnonzero(block_labels < 0)
        if len(alone):
            linked = _average_linkage(block[alone], threshold) if link_chunk else np.arange(len(alone))
            block_labels[alone] = len(sizes) + linked
        labels[start : start + chunk] = block_labels
        sums, sizes = _group_sums(matrix, weights, labels[: start + block.shape[0]], start, sums, sizes)
    return _merge_groups(sums, sizes, threshold)[labels]


def _join_existing(
    block: sparse.csr_matrix, sums: sparse.csr_matrix, sizes: np.ndarray, threshold: float
) -> np.ndarray:
    """For each row, the group it resembles most on average if that reaches ``threshold``, else -1."""
    out = np.full(block.shape[0], -1, dtype=np.int64)
    if not len(sizes):
        return out
    average = sparse.csr_matrix(block @ sums.T)
    average.data /= sizes[average.indices]
    rows = np.repeat(np.arange(block.shape[0]), np.diff(average.indptr))
    filled = np.flatnonzero(np.diff(average.indptr))
    if not len(filled):
        return out
    best = np.full(block.shape[0], -np.inf)
    best[filled] = np.maximum.reduceat(average.data, average.indptr[filled])
    # The first entry of each row that reaches its best score (scipy's order is deterministic).
    at_best = np.flatnonzero((average.data == best[rows]) & (average.data >= threshold))
    chosen_rows, first = np.unique(rows[at_best], return_index=True)
    out[chosen_rows] = average.indices[at_best[first]]
    return out


def _average_linkage(block: sparse.csr_matrix, threshold: float) -> np.ndarray:
    """Exact average-linkage labels 0, 1, 2 ... of a few rows, cut at ``threshold``."""
    if block.shape[0] == 1:
        return np.zeros(1, dtype=np.int64)
    similarity = (block @ block.T).toarray()
    distance = np.clip(1.0 - similarity[np.triu_indices(block.shape[0], k=1)], 0.0, None)
    flat = fcluster(linkage(distance, method="average"), t=1.0 - threshold + 1e-6, criterion="distance")
    _values, first, inverse = np.unique(flat, return_index=True, return_inverse=True)
    rank = np.argsort(np.argsort(first))  # number the groups in order of their first row
    return rank[inverse].astype(np.int64)


def _group_sums(
    matrix: sparse.csr_matrix,
    weights: np.ndarray,
    labels: np.ndarray,
    start: int,
    sums: sparse.csr_matrix,
    sizes: np.ndarray,
) -> tuple[sparse.csr_matrix, np.ndarray]:
    """Add the rows from ``start`` on to the sums and sizes of their groups."""
    count = int(labels.max()) + 1
    new = labels[start:]
    onehot = sparse.csr_matrix(
        (weights[start : start + len(new)], (new, np.arange(len(new)))), shape=(count, len(new))
    )
    added = onehot @ matrix[start : start + len(new)]
    grown = sparse.vstack([sums, sparse.csr_matrix((count - sums.shape[0], matrix.shape[1]))]).tocsr()
    sizes = np.concatenate([sizes, np.zeros(count - len(sizes))]) + np.bincount(
        new, weights=weights[start : start + len(new)], minlength=count
    )
    return sparse.csr_matrix(grown + added), sizes


def _merge_groups(
    sums: sparse.csr_matrix, sizes: np.ndarray, threshold: float, minimum: np.ndarray | None = None
) -> np.ndarray:
    """Merge groups by average linkage on their sums; return each group's final label.

    ``minimum`` (optional, groups × groups) is the similarity of the least alike pair of members of
    two groups; without it the groups' average stands for it (groups are gatherings of one text).
    """
    parent = np.arange(len(sizes))
    dots = sparse.triu(sums @ sums.T, k=1).tocoo()
    average = dots.data / (sizes[dots.row] * sizes[dots.col])
    floor = MERGE_FLOOR * threshold
    least = average if minimum is None else minimum[dots.row, dots.col]
    if not np.any((average >= threshold) & (least >= floor)):
        return parent
    active = np.unique(np.concatenate([dots.row[average >= threshold], dots.col[average >= threshold]]))
    # Pairs under the floor are left out, and two groups holding such a pair never merge (``_absorb``).
    near = (least >= floor) & (average >= floor) & np.isin(dots.row, active) & np.isin(dots.col, active)
    links: dict[int, dict[int, float]] = {int(g): {} for g in active}
    for a, b, dot in zip(
        dots.row[near].tolist(), dots.col[near].tolist(), dots.data[near].tolist(), strict=True
    ):
        links[a][b] = links[b][a] = dot
    size = {int(g): float(sizes[g]) for g in active}
    heap = [(-dot / (size[a] * size[b]), a, b) for a in links for b, dot in links[a].items() if a < b]
    heapq.heapify(heap)
    while heap:
        negative, a, b = heapq.heappop(heap)
        if -negative < threshold:
            break
        if a not in links or b not in links or links[a].get(b) is None:
            continue
        if abs(links[a][b] / (size[a] * size[b]) + negative) > 1e-9:
            continue  # stale: one side has merged since
        _absorb(links, size, parent, keep=min(a, b), gone=max(a, b), heap=heap)
    return _roots(parent)


def _absorb(
    links: dict[int, dict[int, float]],
    size: dict[int, float],
    parent: np.ndarray,
    keep: int,
    gone: int,
    heap: list[tuple[float, int, int]],
) -> None:
    """Merge group ``gone`` into ``keep``: dot products with the others add up.

    A group linked to only one of the two has a pair under the floor with the other (links are kept
    only above it): it can never join the merged group, so its link is dropped. This is what keeps a
    chain apart: A ~ B and B ~ C, A and C unrelated, B joins one of them and the third stays out.
    """
    theirs = links.pop(gone)
    links[keep].pop(gone, None)
    for other in list(links[keep]):
        if other not in theirs:
            del links[keep][other], links[other][keep]
    for other, dot in theirs.items():
        links[other].pop(gone, None)
        if other != keep and other in links[keep]:
            total = links[keep][other] + dot
            links[keep][other] = links[other][keep] = total
    size[keep] += size.pop(gone)
    parent[gone] = keep
    for other, dot in links[keep].items():
        heapq.heappush(heap, (-dot / (size[keep] * size[other]), min(keep, other), max(keep, other)))


def _roots(parent: np.ndarray) -> np.ndarray:
    """Follow merge links to each group's final representative."""
    while True:
        grand = parent[parent]
        if np.array_equal(grand, parent):
            return parent
        parent = grand


def group_analyses(
    analyses: Sequence[Analysis],
    threshold: float | None = None,
    model: PairModel | None = None,
    chunk: int = CHUNK,
) -> list[int]:
    """Group analysed petitions by the pair model: labels 0, 1, 2 ... in order of first appearance.

    Petitions read the same way are grouped once (their copies weigh in the group's average); a
    petition with nothing left to compare (empty, or only a lead-in) is a group of its own.
    """
    model = model or default_model()
    chosen = model.threshold if threshold is None else threshold
    (labels,) = group_at_thresholds(analyses, [chosen], model, chunk)
    return labels


def group_at_thresholds(
    analyses: Sequence[Analysis], thresholds: Sequence[float], model: PairModel, chunk: int = CHUNK
) -> list[list[int]]:
    """``group_analyses`` at each threshold, the petitions vectorised once (for training)."""
    unique: dict[Analysis, int] = {}
    rows = [unique.setdefault(a, len(unique)) if a.words or a.tokens else -1 for a in analyses]
    if not unique:
        return [list(range(len(rows))) for _t in thresholds]
    counts = np.bincount([row for row in rows if row >= 0], minlength=len(unique)).astype(np.float64)
    spaces = vectorize_spaces(list(unique), model.background, model.idf_power)
    matrix = spaces.combined(model.weights)
    out = []
    for threshold in thresholds:
        labels = group_in_two_passes(matrix, counts, threshold, chunk, spaces.matrices["char"])
        out.append(_renumber(int(labels[row]) if row >= 0 else -1 - i for i, row in enumerate(rows)))
    return out


def group_in_two_passes(
    matrix: sparse.csr_matrix,
    weights: np.ndarray,
    threshold: float,
    chunk: int = CHUNK,
    surface: sparse.csr_matrix | None = None,
) -> np.ndarray:
    """Near-copies first, then demands: average linkage at ``TIGHT``, then at ``threshold`` on the result.

    The first pass gathers the versions of one text (accents, a dropped word, another lead-in) while
    they are far more alike than the threshold; the second groups those gatherings, each fed as its
    centroid with its size as weight, so that ``centroid · group sum / group size`` is still the average
    similarity of all their members. A petition's versions therefore join or leave a group together,
    as exact average linkage would have them do, however the input is ordered.
    """
    if matrix.shape[0] <= chunk:  # a batch this small: exact average linkage, every pair known
        sums = sparse.csr_matrix(sparse.diags(weights.astype(np.float32)) @ matrix)
        return _merge_groups(sums, weights, threshold, np.asarray((matrix @ matrix.T).toarray()))
    first = (matrix, max(TIGHT, threshold)) if surface is None else (surface, SURFACE_TIGHT)
    _roots, tight = np.unique(group_matrix(first[0], weights, first[1], chunk), return_inverse=True)
    count = len(_roots)
    onehot = sparse.csr_matrix((weights, (tight, np.arange(len(tight)))), shape=(count, len(tight)))
    sizes = np.bincount(tight, weights=weights, minlength=count)
    centroids = sparse.csr_matrix(sparse.diags(1.0 / sizes) @ (onehot @ matrix))
    return group_matrix(centroids, sizes, threshold, chunk, link_chunk=False)[tight]


def group_tokens(
    token_lists: Sequence[Sequence[str]], threshold: float | None = None, chunk: int = CHUNK
) -> list[int]:
    """Group petitions given as canonical tokens only (no words): concepts and their words as written."""
    analyses = [Analysis(tuple(t), tuple(w for w in t if not w.startswith("@"))) for t in token_lists]
    return group_analyses(analyses, threshold, chunk=chunk)


def _renumber(raw: Iterable[int]) -> list[int]:
    """Relabel groups 0, 1, 2 ... by first appearance (distinct raw labels stay distinct)."""
    seen: dict[int, int] = {}
    return [seen.setdefault(value, len(seen)) for value in raw]


def group_texts(
    texts: Sequence[str],
    threshold: float | None = None,
    places: Sequence[str | None] | None = None,
    model: PairModel | None = None,
) -> list[int]:
    """Group petition texts that make the same demand: one label per text, 0, 1, 2 ... in order."""
    places = places or [None] * len(texts)
    return group_analyses([analyse(t, p) for t, p in zip(texts, places, strict=True)], threshold, model)
