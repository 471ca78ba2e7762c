"""Benchmark: writing the versions an audited action bumps in the public cache (``publiccache.bump``).

Every state change bumps five to seven versions after its commit. This times writing seven of them with
Django's ``DatabaseCache.set_many`` (the baseline: a count, a savepoint, a select and an insert or update
for each key) and with ``hdnd.core.cache.DatabaseCache`` (one count and one upsert), alternating in the
same run over a table holding ``--filler`` other entries, and counts each one's queries.

    .venv/bin/python bench/cache_writes.py                          # SQLite in a temporary directory
    DATABASE_URL=postgres://... .venv/bin/python bench/cache_writes.py

On PostgreSQL the table lives in a throwaway database beside the one DATABASE_URL names, dropped at the end.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HDND_DATA_DIR", tempfile.mkdtemp(prefix="hdnd-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hdnd.settings")

from bench import scaffold  # noqa: E402

SCOPES = ("all", "app:petitions", "entries:12", "council:12", "council:3", "global", "user:7")


def _run(writes: int, filler: int) -> None:
    import django

    django.setup()
    from django.core.cache.backends.db import DatabaseCache as DjangoCache
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from hdnd.core.cache import DatabaseCache

    call_command("migrate", verbosity=0)
    options = {"MAX_ENTRIES": filler * 2}
    backends = {"Django's set_many": DjangoCache("hdnd_public_cache", options)}
    backends["one upsert"] = DatabaseCache("hdnd_public_cache", options)
    backends["one upsert"].set_many({f"page:{n}": "x" * 200 for n in range(filler)}, timeout=None)
    versions = {f"v:{scope}": "1733570000.000:token" for scope in SCOPES}
    samples: dict[str, list[float]] = {name: [] for name in backends}
    for _ in range(writes):
        for name, cache in backends.items():  # alternating: both meet the same moments of the machine
            start = time.perf_counter()
            cache.set_many(versions, timeout=None)
            samples[name].append((time.perf_counter() - start) * 1000)
    print(f"{len(SCOPES)} versions written {writes} times on {connection.vendor}, {filler:,} other entries:")
    for name, cache in backends.items():
        with CaptureQueriesContext(connection) as captured:
            cache.set_many(versions, timeout=None)
        ordered = sorted(samples[name])
        p95 = ordered[int(len(ordered) * 0.95) - 1]
        p50 = statistics.median(ordered)
        print(f"  {name:18s} p50 {p50:6.2f} ms   p95 {p95:6.2f} ms   {len(captured)} queries")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--writes", type=int, default=200, help="writes timed with each backend (200)")
    parser.add_argument("--filler", type=int, default=3_000, help="other entries in the table (3,000)")
    args = parser.parse_args()
    with scaffold.throwaway_database("cache_writes"):
        _run(args.writes, args.filler)


if __name__ == "__main__":
    main()
