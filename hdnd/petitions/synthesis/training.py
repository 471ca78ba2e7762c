"""Fit the pair model on labelled petitions; ``python -m hdnd.petitions.synthesis.training`` writes it.

    .venv/bin/python -m hdnd.petitions.synthesis.training [--data ../shared/data] [--output PATH]
        [--pairs [--council ID]] [--powers 1 1.5 2]

The labelled pairs are the ``strong`` groups of ``near_duplicates.jsonl`` (see ``crossval``), plus the
pairs a council's staff confirmed or separated on the synthesis page when given. Only the fitted
numbers are written, never a petition's text.
"""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from hdnd.petitions.synthesis import crossval
from hdnd.petitions.synthesis.features import IDF_POWERS, SPACES, Background, raw_features, vectorize
from hdnd.petitions.synthesis.grouping import group_analyses
from hdnd.petitions.synthesis.model import MODEL_PATH, PairModel, fit_weights
from hdnd.petitions.synthesis.normalize import Analysis, analyse

BACKGROUND_MINIMUM = 2  # features of one training petition only are not kept: they say little and weigh much
SHARED_DATA = Path(
    os.environ.get("HDND_SHARED_DATA", Path(__file__).resolve().parents[4] / "shared" / "data")
)
StaffPair = tuple[str, str, int]  # (text, text, 1 together / 0 apart)


def pair_table(
    analyses: Sequence[Analysis], ids: Sequence[str], pairs: crossval.LabelledPairs, idf_power: float = 1.0
) -> tuple[np.ndarray, np.ndarray]:
    """(cosines per space, 0/1 target) of every scored pair of the batch."""
    spaces = vectorize(analyses, idf_power=idf_power)
    at = {petition_id: k for k, petition_id in enumerate(ids)}
    label = np.zeros((len(ids), len(ids)), dtype=np.int8)  # unlabelled pairs are negatives
    for marked, value in ((pairs.ignored, -1), (pairs.positive, 1)):
        for a, b in marked:
            if a in at and b in at:
                label[at[a], at[b]] = label[at[b], at[a]] = value
    first, second = np.triu_indices(len(ids), k=1)
    scored = label[first, second] >= 0
    first, second = first[scored], second[scored]
    columns = [spaces.cosines(space)[first, second] for space in SPACES]
    return np.column_stack(columns).reshape(-1, len(SPACES)), label[first, second].astype(np.int64)


def fit(
    ids: Sequence[str],
    texts: Sequence[str],
    positive: set[crossval.Pair],
    ignored: set[crossval.Pair],
    spaces: Sequence[str] = SPACES,
    inner_folds: int = 4,
    extra: Sequence[StaffPair] = (),
    powers: Sequence[float] = IDF_POWERS,
) -> PairModel:
    """Fit weights on the labelled pairs; the threshold is where they give even odds.

    The logistic model says how likely two petitions make the same demand; grouping joins petitions
    while that is more likely than not on average (``boundary``): the threshold is learned with the
    weights, not searched for. The IDF power is chosen by cross-validation inside the given petitions
    (folds by cluster): for each power and inner fold, weights fitted on the other inner folds group
    all the given petitions at their own boundary; the power with the best pooled F1 over the inner
    folds wins (the smaller on a tie). Then the weights are fitted on all the given pairs, and on
    ``extra``: (text, text, 0/1) pairs a council's staff decided on the synthesis page (``GroupingPair``).
    """
    analyses = [analyse(text) for text in texts]
    pairs = crossval.LabelledPairs(positive, ignored)
    power = powers[0]
    if inner_folds > 1 and len(powers) > 1:
        scores = [_inner_f1(analyses, ids, pairs, spaces, inner_folds, p) for p in powers]
        power = powers[max(range(len(powers)), key=lambda k: (scores[k], -k))]
    model = _fit_weights(analyses, ids, pairs, spaces, extra, power)
    model.threshold = boundary(model)
    return model


def boundary(model: PairModel) -> float:
    """The weighted mean cosine at which the model's probability is one half: ``-bias / Σ weights``."""
    total = sum(model.weights.values())
    return min(max(-model.bias / total, 0.0), 1.0) if total > 0 else 1.0


def _inner_f1(
    analyses: Sequence[Analysis],
    ids: Sequence[str],
    pairs: crossval.LabelledPairs,
    spaces: Sequence[str],
    folds: int,
    power: float,
) -> float:
    """Pairwise F1 pooled over inner folds by cluster, at one IDF power, each at its boundary."""
    fold_of = crossval.folds_by_pairs(ids, pairs, folds)
    counts = np.zeros(3)
    for fold in range(folds):
        train = [i for i, x in enumerate(ids) if fold_of[x] != fold]
        test = [i for i, x in enumerate(ids) if fold_of[x] == fold]
        inner = _fit_weights([analyses[i] for i in train], [ids[i] for i in train], pairs, spaces, (), power)
        # The inner fold is grouped among all the given petitions, as large a batch as a real one.
        labels = group_analyses(analyses, boundary(inner), inner)
        scores = crossval.score([ids[i] for i in test], [labels[i] for i in test], pairs)
        counts += (scores.true_positive, scores.predicted, scores.positive)
    # Pairs pooled over the inner folds, as the pairwise figure counts them.
    return float(2 * counts[0] / max(counts[1] + counts[2], 1))


def _fit_weights(
    analyses: Sequence[Analysis],
    ids: Sequence[str],
    pairs: crossval.LabelledPairs,
    spaces: Sequence[str],
    extra: Sequence[StaffPair] = (),
    idf_power: float = 1.0,
) -> PairModel:
    """The logistic weights on the scored pairs among ``ids`` (and ``extra``), and their background."""
    table, targets = pair_table(analyses, ids, pairs, idf_power)
    if extra:
        table = np.vstack([table, staff_table(extra, idf_power)])
        targets = np.concatenate([targets, [label for _a, _b, label in extra]])
    chosen = [SPACES.index(s) for s in spaces]
    weights, bias = fit_weights(table[:, chosen], targets, spaces)
    return PairModel(
        {s: weights.get(s, 0.0) for s in SPACES},
        bias,
        0.0,
        Background.of((raw_features(a) for a in analyses), minimum=BACKGROUND_MINIMUM),
        {"petitions": len(ids), "positive_pairs": int(targets.sum()), "pairs": len(targets)},
        idf_power,
    )


def staff_table(extra: Sequence[StaffPair], idf_power: float = 1.0) -> np.ndarray:
    """Cosines per space of pairs given as texts (staff decisions), each pair weighed on its own."""
    rows = []
    for first, second, _label in extra:
        both = vectorize([analyse(first), analyse(second)], idf_power=idf_power)
        rows.append([float(both.cosines(space)[0, 1]) for space in SPACES])
    return np.asarray(rows).reshape(-1, len(SPACES))


def method(spaces: Sequence[str] = SPACES) -> crossval.Method:
    """The engine as a cross-validation method: fit on the training folds, group a held-out batch."""

    def fitted(
        ids: Sequence[str], texts: Sequence[str], positive: set[crossval.Pair], ignored: set[crossval.Pair]
    ) -> Callable[[Sequence[str]], list[int]]:
        model = fit(ids, texts, positive, ignored, spaces)
        return lambda batch: group_analyses([analyse(t) for t in batch], model=model)

    return fitted


def load_labelled(folder: Path) -> tuple[list[str], list[str], list[dict[str, Any]]]:
    """(ids, texts, clusters) of a labelled folder: ``petitions.jsonl`` and ``near_duplicates.jsonl``."""
    with (folder / "petitions.jsonl").open(encoding="utf-8") as lines:
        petitions = [json.loads(line) for line in lines if line.strip()]
    with (folder / "near_duplicates.jsonl").open(encoding="utf-8") as lines:
        clusters = [json.loads(line) for line in lines if line.strip()]
    return [str(p["id"]) for p in petitions], [p["text"] for p in petitions], clusters


def main(argv: Sequence[str] | None = None) -> None:
    """Fit the model on a labelled folder (and staff confirmations, when given) and write it."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=SHARED_DATA, help="folder of the labelled petitions")
    parser.add_argument("--output", type=Path, default=MODEL_PATH)
    parser.add_argument(
        "--pairs",
        action="store_true",
        help="add the pairs staff decided on the synthesis page (GroupingPair; needs the database)",
    )
    parser.add_argument("--council", type=int, help="with --pairs: only this council's pairs (its id)")
    parser.add_argument(
        "--powers",
        type=float,
        nargs="+",
        default=IDF_POWERS,
        help="IDF powers to choose from by inner cross-validation (1 alone: plain IDF)",
    )
    arguments = parser.parse_args(argv)
    ids, texts, clusters = load_labelled(arguments.data)
    pairs = crossval.labelled(clusters)
    extra = _staff_pairs(arguments.council) if arguments.pairs else []
    model = fit(ids, texts, pairs.positive, pairs.ignored, extra=extra, powers=arguments.powers)
    model.save(arguments.output)
    weights = ", ".join(f"{s} {w:.2f}" for s, w in model.weights.items())
    print(
        f"{arguments.output}: {weights}; bias {model.bias:.2f}; threshold {model.threshold:.2f}; "
        f"IDF power {model.idf_power}"
    )
    if arguments.pairs:
        print(f"with {len(extra)} pairs decided by staff")


def _staff_pairs(council: int | None) -> list[StaffPair]:
    """The staff's pairs from the database (Django set up here: training otherwise runs without it)."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hdnd.settings")
    django.setup()
    from hdnd.petitions.grouping_pairs import staff_pairs

    return staff_pairs(council)


if __name__ == "__main__":
    main()
