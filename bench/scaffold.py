"""What the database benchmarks share: a throwaway PostgreSQL database for the run, and a province council
with its communes to fill.

Import after ``ROOT`` is on ``sys.path`` and ``DJANGO_SETTINGS_MODULE`` is set; ``province_with_communes``
needs Django set up.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit, urlunsplit


@contextmanager
def throwaway_database(tag: str, keep: bool = False) -> Iterator[None]:
    """On PostgreSQL, point DATABASE_URL at a new database ``hdnd_bench_<tag>_<pid>`` beside the one it
    names, and drop it afterwards (``keep``: leave it to inspect). On SQLite, nothing to do."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        yield
        return
    import psycopg

    name = f"hdnd_bench_{tag}_{os.getpid()}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    os.environ["DATABASE_URL"] = urlunsplit(urlsplit(url)._replace(path=f"/{name}"))
    try:
        yield
    finally:
        from django.db import connections

        connections.close_all()
        if keep:
            print(f"kept database {name}")
        else:
            with psycopg.connect(url, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        os.environ["DATABASE_URL"] = url


@contextmanager
def existing_database(name: str) -> Iterator[None]:
    """Point DATABASE_URL at the database ``name`` beside the one it names (one a ``keep`` run left)."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        raise SystemExit("--reuse needs DATABASE_URL=postgres://...")
    os.environ["DATABASE_URL"] = urlunsplit(urlsplit(url)._replace(path=f"/{name}"))
    try:
        yield
    finally:
        os.environ["DATABASE_URL"] = url


def province_with_communes(code: str, stem: str, communes: int) -> list[Any]:
    """A province council "HĐND tỉnh <stem>" (unit ``code``) and ``communes`` commune councils below it
    ("HĐND xã <stem> 0" …); the province first."""
    from hdnd.councils.models import AdminUnit, Council, Level, UnitKind

    province_unit = AdminUnit.objects.create(
        code=code, name=f"Tỉnh {stem}", kind=UnitKind.PROVINCE, level=Level.PROVINCE
    )
    province = Council.objects.create(unit=province_unit, name=f"HĐND tỉnh {stem}", level=Level.PROVINCE)
    councils = [province]
    for n in range(communes):
        unit = AdminUnit.objects.create(
            code=f"{code}{n:03d}",
            name=f"Xã {stem} {n}",
            kind=UnitKind.COMMUNE,
            level=Level.COMMUNE,
            parent=province_unit,
        )
        councils.append(
            Council.objects.create(
                unit=unit, name=f"HĐND xã {stem} {n}", level=Level.COMMUNE, parent=province
            )
        )
    return councils
