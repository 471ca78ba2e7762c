"""The data migrations of sittings, each on an empty database of its own (``tests/migrations.py``)."""

from __future__ import annotations

from typing import Any

import pytest

from tests import migrations

pytestmark = pytest.mark.migrations  # a database of its own, on each engine


def test_the_migration_keeps_the_conclusion_counts_under_tb_hdnd(django_db_blocker: Any) -> None:
    """Every counter so far numbered conclusion notices: 0004 keeps their counts in the TB-HĐND series
    (the next notice reads it: ``test_numbers.test_a_conclusion_continues_the_series_its_counter_holds``)."""
    with django_db_blocker.unblock(), migrations.empty_database():
        old = migrations.migrate(("sittings", "0003_merge_conduct_standing"))
        province = migrations.province(old)
        migrations.model(old, "sittings.ConclusionCounter").objects.create(
            council=province, year=2026, last=28
        )
        new = migrations.migrate(("sittings", "0004_document_numbers"))
        rows = migrations.model(new, "sittings.DocumentCounter").objects.values_list("year", "symbol", "last")
        assert list(rows) == [(2026, "TB-HĐND", 28)]
