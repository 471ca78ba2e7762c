"""Benchmark: counting a national province's reporting period, the roll-up and the four-period trend.

On a database ``manage.py generate_national`` filled (docs/national-data.md), counts the roll-up of the
first province's latest reporting period (``hdnd.reports.rollup.rollup``: every registered figure over
its 127 councils) and the comparison page's trend (``trend``: the totals for that period and the three
before it), ``--repeat`` times each, and prints p50 / p95 of the wall clock, the median CPU of this
process (building and compiling the queries, folding the rows) and the number of queries. As the
baseline of the same run, the same figures counted one query a figure (``Figure.by_council`` in turn,
what the roll-up did before figures of one base were counted together).

    DATABASE_URL=postgres://.../national .venv/bin/python bench/national_rollup.py [--repeat 10]

It only reads. This is what a reporting period's page costs on its first view, and what the task
``reports.recount_period`` costs after a change (decision 0015).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HDND_DATA_DIR", tempfile.mkdtemp(prefix="hdnd-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hdnd.settings")


def _time(label: str, count: Callable[[], Any], repeat: int) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    count()  # warm: the first run reads cold pages
    wall, cpu = [], []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            start, process = time.perf_counter(), time.process_time()
            count()
            wall.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - process) * 1000)
    wall.sort()
    p95 = wall[max(int(len(wall) * 0.95) - 1, 0)]
    print(
        f"{label:34} {statistics.median(wall):8.1f} {p95:8.1f} {statistics.median(cpu):8.1f}"
        f" {len(queries):8d}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    import django

    django.setup()
    from django.db import connection

    from hdnd.core import figures
    from hdnd.councils.models import Council, Level
    from hdnd.petitions.models import Petition
    from hdnd.reports.models import ReportingPeriod
    from hdnd.reports.rollup import councils_below, rollup, trend

    if connection.vendor != "postgresql" or not Petition.objects.exists():
        raise SystemExit("needs DATABASE_URL of a PostgreSQL database filled by manage.py generate_national")
    province = Council.objects.filter(level=Level.PROVINCE).order_by("unit__code").first()
    period = ReportingPeriod.objects.filter(council=province).order_by("-pk").first()
    if province is None or period is None:
        raise SystemExit(
            "no province with a reporting period: generated before generate_national wrote reports"
        )
    ids = [province.pk, *(c.pk for c in councils_below(province))]
    every = figures.all_figures()
    print(f"{province.name}, {period.period.label}: {len(ids)} councils, {len(every)} figures\n")
    print(f"{'count':34} {'p50 ms':>8} {'p95 ms':>8} {'CPU ms':>8} {'queries':>8}")
    _time(
        "one query a figure (baseline)",
        lambda: [f.by_council(ids, period.period) for f in every],
        args.repeat,
    )
    _time(
        "figures of a base together", lambda: figures.compute_figures(every, ids, period.period), args.repeat
    )
    _time("the roll-up", lambda: rollup(province, period.period), args.repeat)
    _time("the trend (four periods)", lambda: trend(province, period.period, count=4), args.repeat)


if __name__ == "__main__":
    main()
