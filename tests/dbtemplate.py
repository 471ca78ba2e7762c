"""A migrated database that every test database is copied from, built once per state of the migrations.

Migrating a test database costs each pytest worker 15–18 s of CPU (decision 0009), once per worker and per
pass of `make test`. ``scripts/test`` builds a template while lint runs (``python -m tests.dbtemplate``)
and each worker copies it: SQLite's backup API into the worker's in-memory database, PostgreSQL's
``CREATE DATABASE … TEMPLATE``. The template's name carries a digest of every migration file and of
Django's version, so a template built from other migrations is never used: without a matching one (a
plain ``pytest`` after a new migration) the workers migrate as before.

    python -m tests.dbtemplate            # for the database of DATABASE_URL, or SQLite without it
"""

from __future__ import annotations

import hashlib
import io
import os
import sqlite3
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, redirect_stdout
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def _directory() -> Path:
    return Path(os.environ.get("HDND_TEST_DB_DIR", ROOT / "var" / "test-db"))


def digest() -> str:
    """Of every installed app's migration files and Django's version: what the template's schema and
    rows depend on."""
    import django
    from django.apps import apps

    sha = hashlib.sha256(django.get_version().encode())
    for config in sorted(apps.get_app_configs(), key=lambda c: c.label):
        for path in sorted((Path(config.path) / "migrations").glob("*.py")):
            sha.update(f"{config.label}/{path.name}".encode())
            sha.update(path.read_bytes())
    return sha.hexdigest()[:16]


def _sqlite_file() -> Path:
    return _directory() / f"{digest()}.sqlite3"


def _pg_name() -> str:
    return f"hdnd_template_{digest()}"


def _pg_exists(connection: Any, name: str) -> bool:
    with connection._nodb_cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        return cursor.fetchone() is not None


def template_for(connection: Any) -> str | None:
    """The matching template of this connection's engine, if one has been built."""
    if connection.vendor == "sqlite":
        path = _sqlite_file()
        return str(path) if path.exists() else None
    if connection.vendor == "postgresql":
        name = _pg_name()
        return name if _pg_exists(connection, name) else None
    return None


def _copy(connection: Any, template: str, test_name: str) -> None:
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        source = sqlite3.connect(template)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
        return
    quote = connection.ops.quote_name
    with connection._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {quote(test_name)}")
        cursor.execute(f"CREATE DATABASE {quote(test_name)} TEMPLATE {quote(template)}")


def _from_template(connection: Any, original: Callable[..., str]) -> Callable[..., str]:
    """``create_test_db`` that copies the template when there is one, and migrates otherwise."""

    def create_test_db(
        verbosity: int = 1, autoclobber: bool = False, keepdb: bool = False, **more: Any
    ) -> str:
        from django.conf import settings

        template = None if keepdb else template_for(connection)
        if template is None:
            return original(verbosity=verbosity, autoclobber=autoclobber, keepdb=keepdb, **more)
        test_name = connection.creation._get_test_db_name()
        connection.close()
        settings.DATABASES[connection.alias]["NAME"] = test_name
        connection.settings_dict["NAME"] = test_name
        _copy(connection, template, test_name)
        connection.ensure_connection()
        return test_name

    return create_test_db


@contextmanager
def used_when_built() -> Iterator[None]:
    """While the test databases are set up, the default connection starts from the template if built."""
    from django.db import connection

    creation = connection.creation
    original = creation.create_test_db
    creation.create_test_db = _from_template(connection, original)  # type: ignore[method-assign]
    try:
        yield
    finally:
        creation.create_test_db = original  # type: ignore[method-assign]


def _create_quietly(connection: Any) -> None:
    """Create and migrate the test database saying nothing: ``create_test_db`` runs ``createcachetable``
    at its default verbosity, which announces that the cache tables the migrations made already exist."""
    with redirect_stdout(io.StringIO()):
        connection.creation.create_test_db(verbosity=0, autoclobber=True)


def build() -> str:
    """Migrate a fresh database into the template for the default connection (if not built yet)."""
    from django.db import connection

    if existing := template_for(connection):
        return existing
    settings_test = connection.settings_dict.setdefault("TEST", {})
    if connection.vendor == "sqlite":
        target = _sqlite_file()
        target.parent.mkdir(parents=True, exist_ok=True)
        building = target.with_suffix(f".{os.getpid()}.building")
        settings_test["NAME"] = str(building)
        _create_quietly(connection)
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        connection.close()
        building.replace(target)  # published whole, never half-built
        return str(target)
    name = _pg_name()
    settings_test["NAME"] = f"{name}_building"
    _create_quietly(connection)
    connection.close()
    quote = connection.ops.quote_name
    with connection._nodb_cursor() as cursor:
        cursor.execute(f"ALTER DATABASE {quote(name + '_building')} RENAME TO {quote(name)}")
    return name


def main() -> None:
    import django

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hdnd.settings")
    django.setup()
    print(f"dbtemplate: {build()}")


if __name__ == "__main__":
    main()
