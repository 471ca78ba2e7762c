"""Testing a data migration on an empty database of its own, migrated forward to the state before it.

Migrating the test database back to before a data migration and forward again made Django undo and
redo every later migration of the apps that depend on it, rendering the models at each step: 17–21 s a
test, and more with every migration added anywhere after it (decision 0009). An empty database migrated
forward to the state before takes about a second, whatever comes later.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.apps.registry import Apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

type Target = tuple[str, str]


@contextmanager
def empty_database() -> Iterator[None]:
    """The default connection on a new, empty database of the same engine for the block, then back on
    the test database, which the block never touches. The test asks for ``django_db_blocker`` and
    unblocks it around this (it has no test transaction to step out of)."""
    saved, name = connection.connection, connection.settings_dict["NAME"]
    postgres = connection.vendor == "postgresql"
    fresh = f"{name}_migrations" if postgres else ":memory:"
    if postgres:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{fresh}"')
            cursor.execute(f'CREATE DATABASE "{fresh}"')
    # Not ``close()``: SQLite keeps an in-memory test database open whatever is asked, since closing
    # it would lose it. The test database's own connection is set aside and put back.
    connection.connection = None
    connection.settings_dict["NAME"] = fresh
    try:
        connection.ensure_connection()
        yield
    finally:
        if connection.connection is not None:
            connection.connection.close()
        connection.connection, connection.settings_dict["NAME"] = saved, name
        if postgres:
            with connection.cursor() as cursor:
                cursor.execute(f'DROP DATABASE "{fresh}"')


def migrate(*targets: Target) -> Apps:
    """Migrate the connection's database to ``targets``; the models as they were there."""
    executor = MigrationExecutor(connection)
    executor.migrate(list(targets))
    return executor.loader.project_state(list(targets)).apps


def model(apps: Apps, label: str) -> Any:
    """A model as it was in ``apps`` ("app.Model"), typed loosely: its fields are not today's."""
    return apps.get_model(label)


def province(apps: Apps) -> Any:
    """A province council, made with the models of a past state (the current ones may not fit it)."""
    unit = model(apps, "councils.AdminUnit").objects.create(
        code="01", name="Thành phố Hà Nội", name_key="thanh pho ha noi", kind="thanh_pho", level="province"
    )
    return model(apps, "councils.Council").objects.create(
        name="HĐND thành phố Hà Nội", name_key="hdnd thanh pho ha noi", level="province", unit=unit
    )
