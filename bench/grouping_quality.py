"""Benchmark: how well petition grouping holds on petitions it has never seen, and on 100,000 variants.

One run, each figure beside its baselines (issue 14):

  (1) cross-validation on the labelled real petitions (../shared/data or $HDND_SHARED_DATA), 5 folds
      by cluster: every labelled group in one fold, the vocabulary/IDF, the IDF power, the weights and
      the threshold fitted on the other four, pairwise P/R/F1 of the held-out fold, per fold with mean
      and spread.
      The held-out fold is grouped on its own ("alone") and among all 182 petitions ("among all":
      as many petitions to be wrongly joined with as a province's batch; only its own pairs scored).
      Baselines: word TF-IDF (place names, lead-ins and stopwords stripped), character n-gram TF-IDF,
      both with their weights and threshold fitted the same way, and the previous engine (concepts,
      t = 0.35).
  (2) 100,000 variants of the real petitions (accents dropped, NFD, lead-ins, abbreviations, a dropped
      word, case and punctuation changed) through ``manage.py synthesize_petitions`` in a child
      process: wall and CPU time, peak memory (RSS); are the variants of one petition in one group
      (pairwise recall), and are petitions grouped together when written cleanly still together when
      varied (pairwise P/R against the clean grouping)? Baselines: a bare read-and-analyse pass, and the
      same two questions for the word, character and previous-engine groupings.
  (3) a commune's 40 petitions: median time of ``group_texts``.

    .venv/bin/python bench/grouping_quality.py              # everything (a few minutes)
    .venv/bin/python bench/grouping_quality.py --count 20000 --skip-cv
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hdnd.settings")

import numpy as np  # noqa: E402

from bench.petition_generator import generate, variants  # noqa: E402
from hdnd.petitions.synthesis import crossval, grouping, training  # noqa: E402
from hdnd.petitions.synthesis.evaluation import partition_scores  # noqa: E402
from hdnd.petitions.synthesis.jsonl import read_petitions  # noqa: E402
from hdnd.petitions.synthesis.model import PairModel, default_model  # noqa: E402
from hdnd.petitions.synthesis.normalize import Analysis, analyse  # noqa: E402

OLD_THRESHOLD = 0.35
BUDGETS = {"variant_recall": 0.98, "kept_recall": 0.95, "kept_precision": 0.95, "seconds": 30.0, "mb": 500.0}
COMMUNE_MS = 20.0


def shared_data() -> Path:
    return Path(os.environ.get("HDND_SHARED_DATA", ROOT.parent / "shared" / "data"))


def old_engine(analyses: Sequence[Analysis]) -> list[int]:
    """The previous engine: concept tokens and their neighbour pairs, hand weights, t = 0.35."""
    unique: dict[tuple[str, ...], int] = {}
    rows = [unique.setdefault(a.tokens, len(unique)) if a.tokens else -1 for a in analyses]
    if not unique:
        return list(range(len(rows)))
    counts = np.bincount([r for r in rows if r >= 0], minlength=len(unique)).astype(np.float64)
    labels = grouping.group_matrix(grouping.vectorize(list(unique)), counts, OLD_THRESHOLD)
    return [int(labels[r]) if r >= 0 else -1 - i for i, r in enumerate(rows)]


def old_method(*_fit: Any) -> Callable[[Sequence[str]], list[int]]:
    return lambda texts: old_engine([analyse(t) for t in texts])


METHODS: dict[str, crossval.Method] = {
    "engine (learned, 5 spaces)": training.method(),
    "baseline: word TF-IDF": training.method(("word",)),
    "baseline: char 3-5-gram TF-IDF": training.method(("char",)),
    "baseline: previous engine, t=0.35": old_method,
}


def cross_validation(folder: Path) -> None:
    ids, texts, clusters = training.load_labelled(folder)
    fold_of = crossval.folds_by_cluster(ids, clusters)
    sizes = [sum(1 for f in fold_of.values() if f == k) for k in range(5)]
    pairs = crossval.labelled(clusters)
    positives = [sum(1 for a, b in pairs.positive if fold_of[a] == fold_of[b] == k) for k in range(5)]
    print(f"\n(1) cross-validation, 5 folds by cluster on {len(ids)} petitions ({folder})")
    print(f"    petitions per fold {sizes}; positive pairs per fold {positives}")
    for mode in ("alone", "among all"):
        print(f"\n    held-out fold grouped {mode}")
        print(f"    {'method':36} {'F1 per fold':32} {'mean F1':>7} {'±sd':>5} {'min':>5} {'P':>5} {'R':>5}")
        for name, method in METHODS.items():
            result = crossval.cross_validate(ids, texts, clusters, method, among_all=mode == "among all")
            per_fold = " ".join(f"{s.f1:.2f}" for s in result.folds)
            print(
                f"    {name:36} {per_fold:32} {result.mean_f1:7.3f} {result.spread_f1:5.2f} "
                f"{result.worst_f1:5.2f} {result.mean_precision:5.2f} {result.mean_recall:5.2f}"
            )
            if name.startswith("engine"):
                for k, s in enumerate(result.folds):
                    print(
                        f"      fold {k}: P {s.precision:.2f} R {s.recall:.2f} F1 {s.f1:.2f} "
                        f"({s.true_positive}/{s.predicted} predicted, {s.positive} positive)"
                    )
    ids_all = crossval.score(ids, grouping.group_texts(texts), pairs)
    print(
        f"\n    for reference, in-sample (the shipped model, trained on these 182, grouping all of them): "
        f"P {ids_all.precision:.2f} R {ids_all.recall:.2f} F1 {ids_all.f1:.2f}"
    )


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def stage(name: str, path: str) -> dict[str, float]:
    """Run a measured stage in this (child) process."""
    start, cpu = time.perf_counter(), time.process_time()
    if name == "read":
        with open(path, "rb") as lines:
            read_petitions(lines, processes=2)
    else:
        import django

        django.setup()
        from django.core.management import call_command

        call_command("synthesize_petitions", input=path, output=path + ".groups", processes=2)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "seconds": time.perf_counter() - start,
        "cpu_s": time.process_time() - cpu + children.ru_utime + children.ru_stime,
        "peak_mb": max(_peak_mb(), children.ru_maxrss / 1024),
    }


def _child(name: str, path: str) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, __file__, "--stage", name, "--file", path],
        capture_output=True,
        text=True,
        check=True,
    )
    figures: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


def _fitted(folder: Path | None, spaces: Sequence[str]) -> PairModel:
    if folder is None:
        return default_model()
    ids, texts, clusters = training.load_labelled(folder)
    pairs = crossval.labelled(clusters)
    return training.fit(ids, texts, pairs.positive, pairs.ignored, spaces)


def variant_budgets(count: int, folder: Path | None) -> None:
    if folder is not None:
        _ids, sources, _clusters = training.load_labelled(folder)
        origin = f"the {len(sources)} real petitions"
    else:
        sources = [p.text for p in generate(400, seed=5)]
        origin = "400 generated petitions (no real data folder)"
    print(f"\n(2) {count:,} variants of {origin}")
    with tempfile.TemporaryDirectory(prefix="hdnd-grouping-") as tmp:
        path = str(Path(tmp) / "variants.jsonl")
        made = list(variants(sources, count))
        with open(path, "w", encoding="utf-8") as out:
            for v in made:
                out.write(json.dumps({"id": v.id, "text": v.text}, ensure_ascii=False) + "\n")
        read_only = _child("read", path)
        run = _child("command", path)
        with open(path + ".groups", encoding="utf-8") as lines:
            labels = [json.loads(line)["group"] for line in lines]
    source_of = [v.source for v in made]
    clean_engine = grouping.group_texts(sources)
    print(f"    {'':44} {'seconds':>8} {'CPU s':>7} {'peak MB':>8}")
    print(
        f"    {'baseline: read + analyse only (2 processes)':44} {read_only['seconds']:8.1f} "
        f"{read_only['cpu_s']:7.1f} {read_only['peak_mb']:8.0f}"
    )
    print(
        f"    {'synthesize_petitions (read, group, write)':44} {run['seconds']:8.1f} "
        f"{run['cpu_s']:7.1f} {run['peak_mb']:8.0f}   budget ≤ {BUDGETS['seconds']:.0f} s, "
        f"≤ {BUDGETS['mb']:.0f} MB"
    )
    analyses = [analyse(v.text) for v in made]
    clean_analyses = [analyse(t) for t in sources]
    rows: list[tuple[str, list[Any], list[int]]] = [("engine (the command's output)", labels, clean_engine)]
    for name, spaces in (("baseline: word TF-IDF", ("word",)), ("baseline: char n-grams", ("char",))):
        model = _fitted(folder, spaces)
        rows.append(
            (
                name,
                grouping.group_analyses(analyses, model=model),
                grouping.group_analyses(clean_analyses, model=model),
            )
        )
    rows.append(("baseline: previous engine", old_engine(analyses), old_engine(clean_analyses)))
    print(
        f"\n    {'method':34} {'variants together R':>19} {'clean pairs kept R':>18} {'P':>6} {'groups':>7}"
    )
    for name, varied, clean in rows:
        together = partition_scores(varied, source_of)
        kept = partition_scores(varied, [clean[s] for s in source_of])
        print(
            f"    {name:34} {together.recall:19.3f} {kept.recall:18.3f} {kept.precision:6.3f} "
            f"{len(set(varied)):7,}"
        )
    print(
        f"    budgets: variants together ≥ {BUDGETS['variant_recall']}, clean pairs kept ≥ "
        f"{BUDGETS['kept_recall']} with P ≥ {BUDGETS['kept_precision']}"
    )


def commune(folder: Path | None) -> None:
    if folder is not None:
        _ids, texts, _c = training.load_labelled(folder)
        texts = random.Random(40).sample(texts, 40)
    else:
        texts = [p.text for p in generate(40, seed=3)]
    grouping.group_texts(texts)
    samples, cpu = [], []
    for _ in range(21):
        start, start_cpu = time.perf_counter(), time.process_time()
        grouping.group_texts(texts)
        samples.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    median, best = statistics.median(samples), min(samples)
    print(
        f"\n(3) a commune's 40 petitions: {median:.1f} ms median, {best:.1f} ms best, "
        f"{statistics.median(cpu):.1f} ms CPU median (budget ≤ {COMMUNE_MS:.0f} ms; on a loaded "
        f"machine the CPU time is the figure that does not depend on the other processes)"
    )


def main(count: int, skip_cv: bool) -> None:
    folder: Path | None = shared_data()
    if not (shared_data() / "near_duplicates.jsonl").exists():
        print(f"no real data at {shared_data()}: cross-validation skipped, variants of generated petitions")
        folder = None
    load = os.getloadavg()[0]
    print(f"Petition grouping quality and budgets (load average {load:.1f} on {os.cpu_count()} cores)")
    if folder is not None and not skip_cv:
        cross_validation(folder)
    variant_budgets(count, folder)
    commune(folder)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--skip-cv", action="store_true")
    parser.add_argument("--stage", choices=("read", "command"))
    parser.add_argument("--file")
    arguments = parser.parse_args()
    if arguments.stage:
        print(json.dumps(stage(arguments.stage, arguments.file)))
    else:
        main(arguments.count, arguments.skip_cv)
