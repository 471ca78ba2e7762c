"""Petitions → sparse vectors in several similarity spaces, each a cosine, weighted by rarity.

A petition is read once (``normalize.analyse``) and seen in five spaces:

- ``word``: its folded content words (lead-ins, fillers, stopwords and place names set aside);
- ``char``: character 3- to 5-grams of those words, each word marked at its edges ("<cau>"): the
  back-off for words no vocabulary holds, misspellings, and the other forms of a word;
- ``object``: the objects of its demand (``@bridge``), the k-th one to appear counting ``1/k``;
- ``action``: the actions (``@build``, ``@repair``);
- ``concept``: concept tokens, words and neighbouring pairs together (the vocabulary's own view).

Each space is weighted by the model's IDF: document frequencies of the training petitions (the
*background*, stored with the model), frozen, so that a petition weighs the same in any batch (without a
background, in training, the batch's own), and L2-normalised per row, so that the dot product of
two rows is a cosine in that space. A pair model (``model.PairModel``) scores a pair of petitions as
a weighted sum of these cosines; because that sum is linear, the spaces can be concatenated, each
scaled by the square root of its weight, and one sparse product scores every pair at once.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from scipy import sparse

from hdnd.petitions.synthesis import lexicon
from hdnd.petitions.synthesis.normalize import Analysis

SPACES = ("word", "char", "object", "action", "concept")
CHAR_SIZES = (3, 4, 5)
IDF_POWERS = (1.0, 1.5, 2.0)  # how hard general words are pushed down: training picks one
SPECIFIC: frozenset[str] = frozenset()  # spaces of few features: cosine scaled by rarity

_OBJECTS = frozenset("@" + name for name in lexicon.OBJECTS)
_ACTIONS = frozenset("@" + name for name in lexicon.ACTIONS)

RawFeatures = dict[str, dict[str, float]]  # space → feature → raw weight


@lru_cache(maxsize=1 << 14)
def raw_features(analysis: Analysis) -> RawFeatures:
    """The features of one petition in every space, with their raw (term-frequency) weights (cached:
    training counts the same petitions' features for every inner fold; read them, do not change them)."""
    out = {space: _space(analysis, space) for space in SPACES if space != "char"}
    out["char"] = char_grams(analysis.words)
    return out


def _space(analysis: Analysis, space: str) -> dict[str, float]:
    """The raw features of one petition in one space (all but ``char``)."""
    if space == "word":
        return {word: 1.0 + math.log(count) for word, count in Counter(analysis.words).items()}
    if space == "concept":
        return concept_features(analysis.tokens)
    out: dict[str, float] = {}
    rank = 0
    for token in dict.fromkeys(analysis.tokens):  # first-appearance order
        if token in _OBJECTS:
            rank += 1
            if space == "object":
                out[token] = 1.0 / rank
        elif token in _ACTIONS and space == "action":
            out[token] = 1.0
    return out


def char_grams(words: Sequence[str]) -> dict[str, float]:
    """Character n-grams of the words written out, across syllables ("phu cap" → "u ca"), raw weights.

    For one petition (the background, explanations); ``vectorize`` computes them for a batch at once.
    """
    marked = " " + " ".join(words) + " "
    grams: Counter[str] = Counter()
    for size in CHAR_SIZES:
        grams.update(marked[i : i + size] for i in range(len(marked) - size + 1))
    return {gram: 1.0 + math.log(count) for gram, count in grams.items()}


def _char_matrix(texts: Sequence[str]) -> tuple[sparse.csr_matrix, np.ndarray]:
    """Raw n-gram weights of many texts at once, with numpy: (rows × distinct n-grams, n-gram codes).

    Each text is " words " in bytes (folded text is ASCII but for the odd foreign letter, kept as
    UTF-8 bytes); an n-gram is coded as the integer of its bytes, so that the n-grams of all texts
    are counted by one ``np.unique`` instead of one dictionary look-up each.
    """
    encoded = [(" " + text + " ").encode("utf-8") for text in texts]
    lengths = np.fromiter((len(e) for e in encoded), dtype=np.int64, count=len(encoded))
    buffer = np.frombuffer(b"".join(encoded), dtype=np.uint8).astype(np.int64)
    row_of = np.repeat(np.arange(len(texts)), lengths)
    codes, rows = [], []
    for size in CHAR_SIZES:
        if len(buffer) < size:
            continue
        count = len(buffer) - size + 1
        code = np.zeros(count, dtype=np.int64)
        for k in range(size):
            code = (code << 8) | buffer[k : k + count]
        code |= np.int64(size) << 56  # sizes apart, so that "ab" never meets "\0ab"
        inside = row_of[:count] == row_of[size - 1 : size - 1 + count]
        codes.append(code[inside])
        rows.append(row_of[:count][inside])
    if not codes:
        return sparse.csr_matrix((len(texts), 0), dtype=np.float32), np.zeros(0, dtype=np.int64)
    code = np.concatenate(codes)
    row = np.concatenate(rows)
    vocabulary, column = np.unique(code, return_inverse=True)
    matrix = sparse.csr_matrix(
        (np.ones(len(code), dtype=np.float32), (row, column)), shape=(len(texts), len(vocabulary))
    )
    matrix.sum_duplicates()
    matrix.data = (1.0 + np.log(matrix.data)).astype(np.float32)
    return matrix, vocabulary


def gram_code(gram: str) -> int:
    """The integer code ``_char_matrix`` gives an n-gram (for background look-ups)."""
    raw = gram.encode("utf-8")
    code = 0
    for byte in raw:
        code = (code << 8) | byte
    return code | (len(raw) << 56)


def concept_features(tokens: Sequence[str]) -> dict[str, float]:
    """Concept tokens and words, and unordered pairs of neighbouring tokens (reordered words meet)."""
    weights: dict[str, float] = {}
    counts = Counter(tokens)
    rank = 0
    for token, count in counts.items():
        if token in _OBJECTS:
            rank += 1
            weights[token] = 2.0 / rank  # the object of the demand counts most
        elif token in _ACTIONS:
            weights[token] = 0.7
        else:
            weights[token] = 1.0 + math.log(count)
    for pair in itertools.pairwise(tokens):
        if pair[0] != pair[1]:
            weights.setdefault(" ".join(sorted(pair)), 0.7)
    return weights


@dataclass
class Background:
    """Document frequencies of earlier petitions, per space: the IDF a batch starts from."""

    documents: int = 0
    frequencies: dict[str, dict[str, int]] = field(default_factory=lambda: {s: {} for s in SPACES})
    _codes: tuple[np.ndarray, np.ndarray] | None = field(default=None, repr=False, compare=False)

    @classmethod
    def of(cls, rows: Iterable[RawFeatures], minimum: int = 1) -> Background:
        """Count the documents each feature appears in; features in fewer than ``minimum`` are left out."""
        counts: dict[str, Counter[str]] = {space: Counter() for space in SPACES}
        documents = 0
        for row in rows:
            documents += 1
            for space in SPACES:
                counts[space].update(row[space].keys())
        return cls(
            documents,
            {s: {f: n for f, n in sorted(c.items()) if n >= minimum} for s, c in counts.items()},
        )

    def char_codes(self) -> tuple[np.ndarray, np.ndarray]:
        """The background's n-grams as sorted integer codes, and their document frequencies."""
        if self._codes is None:
            pairs = sorted((gram_code(g), n) for g, n in self.frequencies.get("char", {}).items())
            self._codes = (
                np.asarray([c for c, _n in pairs], dtype=np.int64),
                np.asarray([n for _c, n in pairs], dtype=np.float64),
            )
        return self._codes


@dataclass(frozen=True)
class Spaces:
    """The rows of a batch in every space: ``matrices[space]`` is L2-normalised CSR, one row per petition."""

    matrices: dict[str, sparse.csr_matrix]
    vocabularies: dict[str, dict[str, int]]
    idf: dict[str, np.ndarray]

    def combined(self, weights: Mapping[str, float]) -> sparse.csr_matrix:
        """One matrix whose row dot products are ``Σ weight × cosine / Σ weight`` over the spaces."""
        total = sum(weights.values()) or 1.0
        blocks = [
            self.matrices[space] * np.float32(math.sqrt(weight / total))
            for space, weight in weights.items()
            if weight > 0
        ]
        return sparse.hstack(blocks, format="csr", dtype=np.float32)

    def cosines(self, space: str, rows: Sequence[int] | None = None) -> np.ndarray:
        """Dense cosine matrix of the given rows (all by default) in one space: for small batches."""
        matrix = self.matrices[space] if rows is None else self.matrices[space][list(rows)]
        return np.asarray((matrix @ matrix.T).toarray(), dtype=np.float64)


def vectorize(
    rows: Sequence[Analysis], background: Background | None = None, idf_power: float = 1.0
) -> Spaces:
    """Weight and normalise the rows' features in every space; IDF of the background (of the rows
    when there is none). A feature the background lacks weighs as the rarest.

    Each feature weighs ``idf ** idf_power``: above 1, words most petitions use ("đề nghị", "đầu tư",
    "hỗ trợ", "kinh phí") fall further behind the words of the demand than plain IDF puts them. The
    power is the model's, chosen in training by inner cross-validation (``training.fit``).
    """
    background = background or Background()
    frozen = background.documents > 0  # the model's IDF, whatever the batch holds
    documents = background.documents if frozen else len(rows)
    matrices, vocabularies, idfs = {}, {}, {}
    for space in SPACES:
        if space == "char":
            matrix, codes = _char_matrix([" ".join(row.words) for row in rows])
            df = _batch_df(matrix, frozen)
            known_codes, known_counts = background.char_codes()
            if len(known_codes):
                at = np.clip(np.searchsorted(known_codes, codes), 0, len(known_codes) - 1)
                df += np.where(known_codes[at] == codes, known_counts[at], 0)
            vocabulary: dict[str, int] = {}
        else:
            vocabulary = {}
            indptr, indices, values = [0], [], []
            for row in rows:
                for feature, weight in _space(row, space).items():
                    indices.append(vocabulary.setdefault(feature, len(vocabulary)))
                    values.append(weight)
                indptr.append(len(indices))
            matrix = sparse.csr_matrix(
                (
                    np.asarray(values, dtype=np.float32),
                    np.asarray(indices, dtype=np.int32),
                    np.asarray(indptr, dtype=np.int64),
                ),
                shape=(len(rows), len(vocabulary)),
            )
            known = background.frequencies.get(space, {})
            df = _batch_df(matrix, frozen)
            if known:
                df += np.fromiter(
                    (known.get(f, 0) for f in vocabulary), dtype=np.float64, count=len(vocabulary)
                )
        idf = np.log((1.0 + documents) / (1.0 + df)) + 1.0
        if space in SPECIFIC:
            # A row of one or two concepts would have cosine 1 with any row of the same ones, however
            # common: scale each column so that sharing a common object ("đường") counts less.
            scale = np.sqrt(idf / (math.log(1.0 + documents) + 1.0))
            matrices[space] = scale_columns(normalize_rows(matrix), scale)
        else:
            matrices[space] = normalize_rows(scale_columns(matrix, idf**idf_power))
        vocabularies[space] = vocabulary
        idfs[space] = idf
    return Spaces(matrices, vocabularies, idfs)


def _batch_df(matrix: sparse.csr_matrix, frozen: bool) -> np.ndarray:
    """How many rows of the batch hold each column; nothing when the model's IDF is frozen."""
    if frozen:
        return np.zeros(matrix.shape[1])
    return np.bincount(matrix.indices, minlength=matrix.shape[1]).astype(np.float64)


def scale_columns(matrix: sparse.csr_matrix, scale: np.ndarray) -> sparse.csr_matrix:
    """Each column times its factor, on the stored values (no product of matrices)."""
    data = (matrix.data * scale[matrix.indices]).astype(np.float32)
    return sparse.csr_matrix((data, matrix.indices, matrix.indptr), shape=matrix.shape)


def normalize_rows(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    """Scale each row to unit length (empty rows stay empty), on the stored values."""
    squares = np.bincount(
        np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr)),
        weights=np.square(matrix.data, dtype=np.float64),
        minlength=matrix.shape[0],
    )
    norms = np.sqrt(squares)
    norms[norms == 0] = 1.0
    lengths = np.diff(matrix.indptr)
    data = (matrix.data / np.repeat(norms, lengths)).astype(np.float32)
    return sparse.csr_matrix((data, matrix.indices, matrix.indptr), shape=matrix.shape)
