"""Benchmark: the public unit register on the real national list (≈14,000 units, ≈10,600 changes).

Measures p50/p95 response time and SQL query count of the unit pages and API endpoints, against a
baseline measured in the same run: the bare ORM query that fetches the same rows. Budget (DESIGN.md §7):
every list and detail page under 100 ms at p95, with a query count that does not grow with the data.

    .venv/bin/python bench/units.py              # SQLite in a temporary directory
    DATABASE_URL=postgres://... .venv/bin/python bench/units.py
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HDND_DATA_DIR", tempfile.mkdtemp(prefix="hdnd-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hdnd.settings")

REPEAT = 60


def _timed(fn: Callable[[], object], repeat: int = REPEAT) -> tuple[float, float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1]


def _queries_of(fn: Callable[[], object]) -> list[str]:
    """The SQL statements one call runs."""
    from django.db import connection

    executed: list[str] = []

    def count(execute: Callable[..., object], sql: str, *args: object) -> object:
        executed.append(sql)
        return execute(sql, *args)

    with connection.execute_wrapper(count):
        fn()
    return executed


def main() -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from hdnd.councils.models import AdminUnit, Level

    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    call_command("load_units", verbosity=0)
    print(f"load_units (first run): {time.perf_counter() - start:.1f} s on {connection.vendor}")

    client = Client()
    district = AdminUnit.objects.filter(level=Level.DISTRICT, name="Quận Ba Đình").get()
    new_ward = AdminUnit.objects.valid_on().filter(level=Level.COMMUNE, name="Phường Ba Đình").get()
    cases: list[tuple[str, str, Callable[[], object]]] = [
        (
            "unit list page, q=ba dinh",
            "/don-vi/?q=ba+dinh",
            lambda: list(AdminUnit.objects.valid_on().search("ba dinh")[:50]),
        ),
        (
            "unit list page, all communes",
            "/don-vi/?level=commune",
            lambda: list(AdminUnit.objects.valid_on().filter(level="commune")[:50]),
        ),
        (
            "API units, q=ha noi",
            "/api/v1/units/?q=ha+noi",
            lambda: list(AdminUnit.objects.valid_on().search("ha noi")[:50]),
        ),
        (
            "API units on 30/06/2025",
            "/api/v1/units/?level=commune&on=2025-06-30",
            lambda: list(AdminUnit.objects.valid_on().filter(level="commune")[:50]),
        ),
        (
            "unit page, historic district",
            f"/don-vi/{district.pk}/",
            lambda: AdminUnit.objects.get(pk=district.pk),
        ),
        (
            "API unit, historic district",
            f"/api/v1/units/{district.pk}/",
            lambda: AdminUnit.objects.get(pk=district.pk),
        ),
        (
            "API unit, new ward",
            f"/api/v1/units/{new_ward.pk}/",
            lambda: AdminUnit.objects.get(pk=new_ward.pk),
        ),
    ]
    print(f"\n{'case':34} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8} {'ORM-only p95':>13} {'budget':>8}")
    failures = 0
    for label, url, baseline in cases:
        assert client.get(url).status_code == 200, url

        def request(url: str = url) -> object:
            return client.get(url)

        executed = _queries_of(request)
        p50, p95 = _timed(request)
        _, base95 = _timed(baseline)
        ok = p95 < 100
        failures += not ok
        print(
            f"{label:34} {p50:8.1f} {p95:8.1f} {len(executed):8d} {base95:13.1f} {'ok' if ok else 'OVER':>8}"
        )
    print(f"\n{len(cases) - failures}/{len(cases)} cases within the 100 ms p95 budget")


if __name__ == "__main__":
    main()
