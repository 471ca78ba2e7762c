"""The test databases copied from a migrated template (tests/dbtemplate.py) are the migrated schema."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests import dbtemplate


@pytest.mark.django_db
def test_this_test_database_has_every_migration_applied() -> None:
    executor = MigrationExecutor(connection)
    assert executor.migration_plan(executor.loader.graph.leaf_nodes()) == []


def test_the_digest_changes_with_any_migration_file(monkeypatch: pytest.MonkeyPatch) -> None:
    before = dbtemplate.digest()
    original = Path.read_bytes

    def one_edited(path: Path) -> bytes:
        edited = path.name == "0001_initial.py" and path.parent.parent.name == "petitions"
        return original(path) + (b"\n# edited" if edited else b"")

    monkeypatch.setattr(Path, "read_bytes", one_edited)
    assert dbtemplate.digest() != before
