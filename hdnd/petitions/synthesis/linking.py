"""Suggest earlier issues that a new group repeats ("tồn qua nhiều kỳ họp"), with the same similarity."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from hdnd.petitions.synthesis.grouping import DEFAULT_THRESHOLD, vectorize
from hdnd.petitions.synthesis.normalize import canonical_tokens

CHUNK = 4096


@dataclass(frozen=True)
class Link:
    """A suggested match: new text ``new`` likely repeats earlier issue ``earlier`` (indexes)."""

    new: int
    earlier: int
    score: float


def suggest_links(
    new_texts: Sequence[str],
    earlier_texts: Sequence[str],
    threshold: float = DEFAULT_THRESHOLD,
    limit: int = 3,
) -> list[Link]:
    """Return, for each new text, up to ``limit`` earlier texts at or above ``threshold``, best first.

    Pass the representative text of each new group and the text of each earlier issue; staff confirm
    the suggestions. Both sides are weighted together, so a word common to this cycle counts little.
    """
    tokens = [canonical_tokens(text) for text in (*new_texts, *earlier_texts)]
    matrix = vectorize(tokens)
    new, earlier = matrix[: len(new_texts)], matrix[len(new_texts) :].T.tocsr()
    links: list[Link] = []
    for start in range(0, new.shape[0], CHUNK):
        scores = sparse.csr_matrix(new[start : start + CHUNK] @ earlier)
        for row in range(scores.shape[0]):
            links.extend(_best(start + row, scores, row, threshold, limit))
    return links


def _best(index: int, scores: sparse.csr_matrix, row: int, threshold: float, limit: int) -> list[Link]:
    """The best ``limit`` links of one row of ``scores`` at or above ``threshold``."""
    begin, end = scores.indptr[row], scores.indptr[row + 1]
    columns, values = scores.indices[begin:end], scores.data[begin:end]
    order = np.lexsort((columns, -values))[:limit]  # ties go to the earlier issue listed first
    return [Link(index, int(columns[k]), round(float(values[k]), 4)) for k in order if values[k] >= threshold]
