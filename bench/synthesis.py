"""Benchmark: petition synthesis (grouping near-duplicates) at province scale and on real petitions.

One run measures, each against its baseline (DESIGN.md §7: 100,000 petitions well under a minute on
2 cores, in time close to reading and normalising them):

  (a) read + normalise + group + write 100,000 generated petitions: wall time, peak memory;
  (b) read + normalise only, the same file;
  (c) brute force on a sample: exact all-pairs cosine and exact average linkage, extrapolated to
      100,000; the engine's agreement with it, and the recall of its sparse scoring;
  (d) quality on the real petitions (../shared/data, or $HDND_SHARED_DATA): pairwise precision, recall
      and F1 against the labelled `strong` groups and `strong`+`topical`, with naive baselines.

    .venv/bin/python bench/synthesis.py            # all of it (about a minute)
    .venv/bin/python bench/synthesis.py --count 20000

Stages (a) and (b) run in child processes so that each peak memory figure is its own.
"""

from __future__ import annotations

import argparse
import json
import os
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

import numpy as np  # noqa: E402
from scipy import sparse  # noqa: E402
from scipy.cluster.hierarchy import fcluster, linkage  # noqa: E402

from bench.petition_generator import generate  # noqa: E402
from hdnd.core.text import fold  # noqa: E402
from hdnd.petitions.synthesis import grouping  # noqa: E402
from hdnd.petitions.synthesis.evaluation import labelled_pairs, pair_scores, partition_scores  # noqa: E402
from hdnd.petitions.synthesis.jsonl import read_petitions, write_groups  # noqa: E402
from hdnd.petitions.synthesis.normalize import canonical_tokens  # noqa: E402

SAMPLE = 2000
SWEEP = (0.25, 0.3, 0.35, 0.4, 0.45, 0.5)


def shared_data() -> Path:
    """Where the real council data lives: $HDND_SHARED_DATA, else ../shared/data beside the repo."""
    return Path(os.environ.get("HDND_SHARED_DATA", ROOT.parent / "shared" / "data"))


def _peak_mb() -> float:
    """This process's peak resident memory in MB (Linux reports kB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def stage(name: str, path: str) -> dict[str, float]:
    """Run one measured stage on the petitions file ``path`` (in this process)."""
    baseline = _peak_mb()
    start = time.perf_counter()
    with open(path, "rb") as lines:
        read = read_petitions(lines)
    result = {"read_normalise_s": time.perf_counter() - start, "petitions": len(read.ids)}
    if name == "group":
        begin = time.perf_counter()
        labels = grouping.group_tokens(read.tokens)
        result["group_s"] = time.perf_counter() - begin
        with open(path + ".groups", "w", encoding="utf-8") as out:
            write_groups(out, read.ids, labels)
        result["groups"] = len(set(labels))
    result["total_s"] = time.perf_counter() - start
    result["peak_mb"] = _peak_mb()
    result["start_mb"] = baseline
    return result


def _child(name: str, path: str) -> dict[str, float]:
    """Run a stage in a fresh interpreter and return its figures."""
    done = subprocess.run(
        [sys.executable, __file__, "--stage", name, "--file", path],
        capture_output=True,
        text=True,
        check=True,
    )
    figures: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


def write_generated(count: int, path: str) -> list[int]:
    """Write ``count`` generated petitions as the command's input; return their issue numbers."""
    issues = []
    with open(path, "w", encoding="utf-8") as out:
        for petition in generate(count):
            record = {"id": petition.id, "text": petition.text, "place": petition.place}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            issues.append(petition.issue)
    return issues


def brute_force(texts: Sequence[str], threshold: float) -> dict[str, Any]:
    """Exact all-pairs cosine and exact average linkage on ``texts``, and the engine against it."""
    tokens = [canonical_tokens(text) for text in texts]
    matrix = grouping.vectorize(tokens)
    start = time.perf_counter()
    dense = matrix.toarray()
    similarity = dense @ dense.T
    distance = np.clip(1.0 - similarity[np.triu_indices(len(texts), k=1)], 0.0, None)
    exact = fcluster(linkage(distance, method="average"), t=1.0 - threshold + 1e-6, criterion="distance")
    seconds = time.perf_counter() - start
    upper = np.triu(similarity >= threshold, k=1)
    truth = set(zip(*(side.tolist() for side in np.nonzero(upper)), strict=True))
    scored = sparse.triu(matrix @ matrix.T, k=1).tocoo()
    found = {
        (int(i), int(j))
        for i, j, v in zip(scored.row, scored.col, scored.data, strict=True)
        if v >= threshold
    }
    ones = np.ones(len(texts))
    engine = grouping.group_matrix(matrix, ones, threshold, chunk=200)
    ids = [str(i) for i in range(len(texts))]
    exact_pairs = {(str(i), str(j)) for i, j in _pairs_of(exact)}
    agreement = pair_scores(ids, engine.tolist(), exact_pairs)
    return {
        "seconds": seconds,
        "pairs": len(truth),
        "candidate_recall": len(truth & found) / len(truth) if truth else 1.0,
        "agreement": agreement,
        "engine_keeps": _kept(truth, engine),
        "exact_keeps": _kept(truth, exact),
    }


def _median_ms(run: Callable[[], object], repeat: int = 21) -> float:
    """Median wall time of ``run`` in milliseconds."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def _pairs_of(labels: Any) -> set[tuple[int, int]]:
    """Index pairs that share a label (i < j, as strings sort for pair_scores)."""
    members: dict[int, list[int]] = {}
    for index, label in enumerate(labels):
        members.setdefault(int(label), []).append(index)
    out: set[tuple[int, int]] = set()
    for group in members.values():
        names = sorted(group, key=str)
        out.update((a, b) for k, a in enumerate(names) for b in names[k + 1 :])
    return out


def _kept(pairs: set[tuple[int, int]], labels: Any) -> float:
    """Share of ``pairs`` whose two rows end up in one group."""
    return sum(labels[i] == labels[j] for i, j in pairs) / len(pairs) if pairs else 1.0


def naive_exact(texts: Sequence[str]) -> list[int]:
    """Baseline: petitions whose folded text is identical form a group."""
    seen: dict[str, int] = {}
    return [seen.setdefault(fold(text), len(seen)) for text in texts]


def naive_tfidf(texts: Sequence[str], threshold: float) -> list[int]:
    """Baseline: folded word TF-IDF (no lexicon, no masking), the same average linkage."""
    tokens = [fold(text).replace(",", " ").replace(".", " ").split() for text in texts]
    vocabulary: dict[str, int] = {}
    rows, cols = [], []
    for row, words in enumerate(tokens):
        for word in set(words):
            rows.append(row)
            cols.append(vocabulary.setdefault(word, len(vocabulary)))
    matrix = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(texts), len(vocabulary)))
    idf = np.log((1 + len(texts)) / (1 + np.bincount(cols, minlength=len(vocabulary)))) + 1
    weighted = grouping._normalize_rows(sparse.csr_matrix(matrix @ sparse.diags(idf)))
    return grouping.group_matrix(weighted, np.ones(len(texts)), threshold).tolist()


def quality(folder: Path) -> list[tuple[str, Any, Any]]:
    """Rows (method, strong scores, strong+topical scores) on the real petitions."""
    petitions = [json.loads(line) for line in (folder / "petitions.jsonl").open(encoding="utf-8")]
    clusters = [json.loads(line) for line in (folder / "near_duplicates.jsonl").open(encoding="utf-8")]
    ids, texts = [p["id"] for p in petitions], [p["text"] for p in petitions]
    strong = labelled_pairs(clusters, {"strong"})
    both = labelled_pairs(clusters, {"strong", "topical"})
    threshold = grouping.DEFAULT_THRESHOLD
    rows = []
    for name, labels in [
        (f"engine, t={threshold}", grouping.group_texts(texts)),
        ("naive: folded text identical", naive_exact(texts)),
        (f"naive: word TF-IDF, t={threshold}", naive_tfidf(texts, threshold)),
    ]:
        rows.append((name, pair_scores(ids, labels, strong), pair_scores(ids, labels, both)))
    best = max(SWEEP, key=lambda t: pair_scores(ids, naive_tfidf(texts, t), strong).f1)
    labels = naive_tfidf(texts, best)
    rows.append(
        (
            f"naive: word TF-IDF, best t={best}",
            pair_scores(ids, labels, strong),
            pair_scores(ids, labels, both),
        )
    )
    for t in SWEEP:
        labels = grouping.group_texts(texts, t)
        rows.append(
            (f"  engine sweep t={t}", pair_scores(ids, labels, strong), pair_scores(ids, labels, both))
        )
    return rows


def _both(ids: list[str], labels: list[int], strong: set[Any], both: set[Any]) -> tuple[Any, Any]:
    """Scores against the strong pairs and against strong + topical."""
    return pair_scores(ids, labels, strong), pair_scores(ids, labels, both)


def main(count: int = 100_000) -> None:
    """Run every measurement and print the table."""
    print(f"Petition synthesis: {count:,} generated petitions, 2-core budget 'well under a minute'")
    with tempfile.TemporaryDirectory(prefix="hdnd-synthesis-") as folder:
        path = str(Path(folder) / "petitions.jsonl")
        issues = write_generated(count, path)
        read_only = _child("read", path)
        grouped = _child("group", path)
        with open(path + ".groups", encoding="utf-8") as lines:
            labels = [json.loads(line)["group"] for line in lines]
    generated = partition_scores(labels, issues)
    print(f"\n{'measure':46} {'seconds':>8} {'peak MB':>8}")
    print(f"{'(b) read + normalise only':46} {read_only['total_s']:8.2f} {read_only['peak_mb']:8.0f}")
    print(f"{'(a) read + normalise + group + write':46} {grouped['total_s']:8.2f} {grouped['peak_mb']:8.0f}")
    print(f"{'    of which grouping':46} {grouped['group_s']:8.2f}")
    print(f"{'    interpreter with numpy/scipy at start':46} {'':8} {grouped['start_mb']:8.0f}")
    ratio = grouped["total_s"] / read_only["total_s"]
    print(
        f"    (a)/(b) = {ratio:.2f}; {grouped['groups']:,.0f} groups for {len(set(issues))} generated issues"
    )
    print(
        f"    against the generated issues, pairwise: P {generated.precision:.3f} R {generated.recall:.3f}"
        " (some phrasings of an issue stay apart)"
    )
    commune = [p.text for p in generate(40, seed=3)]
    print(f"    a commune's 40 petitions: {_median_ms(lambda: grouping.group_texts(commune)):.1f} ms")

    sample = [p.text for p in generate(SAMPLE, seed=7)]
    brute = brute_force(sample, grouping.DEFAULT_THRESHOLD)
    factor = (count / SAMPLE) ** 2
    print(f"\n(c) brute force on {SAMPLE:,}: exact cosine + exact average linkage {brute['seconds']:.2f} s")
    print(
        f"    extrapolated to {count:,} (n²): {brute['seconds'] * factor:,.0f} s and "
        f"{count * count / 2 * 8 / 1e9:,.0f} GB for the distance matrix"
    )
    print(
        f"    pairs at or above the threshold: {brute['pairs']:,}; found by the sparse scoring: "
        f"{brute['candidate_recall']:.1%}"
    )
    agreement = brute["agreement"]
    print(
        f"    streamed engine (chunks of 200) vs exact average linkage: pairwise P {agreement.precision:.3f} "
        f"R {agreement.recall:.3f} F1 {agreement.f1:.3f}"
    )
    print(
        f"    share of those pairs grouped together: engine {brute['engine_keeps']:.1%}, "
        f"exact average linkage {brute['exact_keeps']:.1%}"
    )

    data = shared_data()
    if not (data / "petitions.jsonl").exists():
        print(f"\n(d) skipped: no real data at {data}")
        return
    print(f"\n(d) quality on the real petitions ({data}), pairwise")
    print(f"{'method':36} {'strong P':>8} {'R':>6} {'F1':>6} {'+topical P':>10} {'R':>6} {'F1':>6}")
    for name, strong, both in quality(data):
        print(
            f"{name:36} {strong.precision:8.2f} {strong.recall:6.2f} {strong.f1:6.2f} "
            f"{both.precision:10.2f} {both.recall:6.2f} {both.f1:6.2f}"
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--stage", choices=("read", "group"))
    parser.add_argument("--file")
    arguments = parser.parse_args()
    if arguments.stage:
        print(json.dumps(stage(arguments.stage, arguments.file)))
    else:
        main(arguments.count)
