"""Session fixtures of the grouping tests: the cross-validation on the real petitions, fitted once.

Cross-validating the engine fits five pair models (each with its inner cross-validation); the tests
that read its figures share one run instead of paying for it each.
"""

from __future__ import annotations

import pytest

from hdnd.petitions.synthesis import crossval, training

from .test_synthesis import shared_folder


@pytest.fixture(scope="session")
def engine_cv() -> crossval.CrossValidation:
    """The engine cross-validated on the labelled real petitions, 5 folds by cluster (fails under
    CI=true without the data, skips elsewhere)."""
    ids, texts, clusters = training.load_labelled(shared_folder())
    return crossval.cross_validate(ids, texts, clusters, training.method())


@pytest.fixture(scope="session")
def words_cv() -> crossval.CrossValidation:
    """The word TF-IDF baseline, fitted and scored the same way."""
    ids, texts, clusters = training.load_labelled(shared_folder())
    return crossval.cross_validate(ids, texts, clusters, training.method(("word",)))
