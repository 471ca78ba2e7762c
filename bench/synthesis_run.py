"""Benchmark: the background synthesis of a province's cycle, end to end through the database.

``bench/synthesis.py`` measures the grouping engine on files. This one measures what staff wait for
behind the progress bar: ``background.run_synthesis`` reading 100,000 stored petitions, grouping them and
saving the draft issues in batches, with the progress updates. Baselines from the same run: the time
just to read the petitions' texts from the database, and the time to group them in memory.

    .venv/bin/python bench/synthesis_run.py             # SQLite in a temporary directory
    DATABASE_URL=postgres://... .venv/bin/python bench/synthesis_run.py
"""

from __future__ import annotations

import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HDND_DATA_DIR", tempfile.mkdtemp(prefix="hdnd-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hdnd.settings")

BUDGET_S = 60.0  # "well under a minute on 2 cores" (issue 3, DESIGN.md §7)


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(count: int = 100_000) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from bench.petition_generator import generate
    from hdnd.councils.models import Council
    from hdnd.councils.tests.factories import CouncilFactory
    from hdnd.petitions import actions, background
    from hdnd.petitions.models import Cycle, Petition, PetitionIssue

    call_command("migrate", verbosity=0)
    council: Council = CouncilFactory(name="HĐND tỉnh Đo Hiệu Năng")  # type: ignore[assignment]
    cycle = Cycle.objects.create(council=council, name=f"Trước kỳ họp (đo {time.time():.0f})", year=2026)
    start = time.perf_counter()
    Petition.objects.bulk_create(
        (
            Petition(council=council, cycle=cycle, source=Petition.Source.LETTER, text=p.text)
            for p in generate(count)
        ),
        batch_size=5000,
    )
    print(f"Background synthesis on {connection.vendor}: {count:,} stored petitions")
    print(f"  insert (setup, not measured against the budget): {time.perf_counter() - start:6.1f} s")

    start = time.perf_counter()
    petitions = list(actions.pending_petitions(council, cycle).only("pk", "text"))
    read_s = time.perf_counter() - start
    start = time.perf_counter()
    groups = actions.group_petitions(petitions)
    group_s = time.perf_counter() - start
    del petitions, groups

    before_mb = _peak_mb()
    run = background.start_synthesis(council, cycle, by=None)
    start = time.perf_counter()
    run = background.run_synthesis(run.pk)
    total_s = time.perf_counter() - start
    issues = PetitionIssue.objects.filter(cycle=cycle).count()
    left = Petition.objects.filter(cycle=cycle, status=Petition.Status.NEW).count()

    print(f"  baseline: read texts from the database      {read_s:6.1f} s")
    print(f"  baseline: group in memory                   {group_s:6.1f} s")
    print(
        f"  background run (read, group, save, progress) {total_s:6.1f} s  budget {BUDGET_S:.0f} s: "
        f"{'ok' if total_s < BUDGET_S else 'OVER'}"
    )
    print(
        f"  saving share: {max(total_s - read_s - group_s, 0):.1f} s; "
        f"peak RSS {max(_peak_mb(), before_mb):.0f} MB"
    )
    print(
        f"  result: {run.status}, {issues:,} draft issues, {run.percent}% progress, {left} petitions left new"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
