"""Every GIN index takes new rows at once: no pending list for the searches to read (``hdnd.core.gin``)."""

from __future__ import annotations

import pytest
from django.db import connection, transaction

from hdnd.core import gin
from hdnd.petitions import search_plans
from hdnd.resolutions import register

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

SEARCH_INDEXES = {*search_plans.GIN_INDEXES, *register.GIN_INDEXES}


def _gin_indexes() -> dict[str, list[str]]:
    """Every GIN index of the database, with its storage options."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, coalesce(c.reloptions, '{}') FROM pg_class c "
            "JOIN pg_am a ON a.oid = c.relam JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE a.amname = 'gin' AND n.nspname = current_schema()"
        )
        return dict(cursor.fetchall())


def test_every_gin_index_after_migrate_has_no_pending_list() -> None:
    indexes = _gin_indexes()
    assert set(indexes) >= SEARCH_INDEXES
    assert {name: options for name, options in indexes.items() if "fastupdate=off" not in options} == {}


def test_the_reverse_gives_postgresql_default_back_and_skips_an_index_that_is_not_there() -> None:
    names = ("petition_text_trgm_idx", "no_such_idx")
    with connection.cursor() as cursor:
        gin.with_pending_list(cursor, names)
        assert _gin_indexes()["petition_text_trgm_idx"] == []
        gin.without_pending_list(cursor, names)
    assert _gin_indexes()["petition_text_trgm_idx"] == ["fastupdate=off"]


@pytest.mark.django_db(transaction=True)
def test_a_load_in_bulk_gathers_rows_in_the_pending_list_and_merges_it_after() -> None:
    with gin.loading_in_bulk(search_plans.GIN_INDEXES):
        during = _gin_indexes()
    after = _gin_indexes()
    assert [during[name] for name in search_plans.GIN_INDEXES] == [[], [], []]
    assert [after[name] for name in search_plans.GIN_INDEXES] == [["fastupdate=off"]] * 3


@pytest.mark.django_db(transaction=True)
def test_a_failed_load_still_ends_with_the_pending_list_off() -> None:
    with pytest.raises(ZeroDivisionError), gin.loading_in_bulk(search_plans.GIN_INDEXES):
        1 / 0  # noqa: B018
    assert [_gin_indexes()[name] for name in search_plans.GIN_INDEXES] == [["fastupdate=off"]] * 3


def test_inside_a_transaction_the_indexes_are_left_as_they_are() -> None:
    """The lock of ``ALTER INDEX`` would be held to the transaction's end (deadlock with autovacuum)."""
    with transaction.atomic(), gin.loading_in_bulk(search_plans.GIN_INDEXES):
        during = _gin_indexes()
    assert [during[name] for name in search_plans.GIN_INDEXES] == [["fastupdate=off"]] * 3
