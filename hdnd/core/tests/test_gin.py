"""Every GIN index takes new rows at once: no pending list for the searches to read (``hdnd.core.gin``)."""

from __future__ import annotations

import pytest
from django.db import connection

from hdnd.core import gin

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

SEARCH_INDEXES = {
    "petition_text_trgm_idx",
    "petition_text_word_list_idx",
    "petitions_search_word_trgm_idx",
    "resolution_search_trgm_idx",
}


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
