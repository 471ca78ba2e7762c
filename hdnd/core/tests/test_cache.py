"""The public cache's table written in one upsert (``hdnd.core.cache.DatabaseCache``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hdnd.core.cache import DatabaseCache

pytestmark = pytest.mark.django_db


@pytest.fixture
def cache(settings: Any) -> Any:
    settings.CACHES = {
        **settings.CACHES,
        "public": {
            "BACKEND": "hdnd.core.cache.DatabaseCache",
            "LOCATION": "hdnd_public_cache",
            "OPTIONS": {"MAX_ENTRIES": 6, "CULL_FREQUENCY": 2},
        },
    }
    found = caches["public"]
    assert isinstance(found, DatabaseCache)
    found.clear()
    return found


def test_many_keys_are_written_in_one_statement_and_read_back(cache: Any) -> None:
    versions = {f"v:scope{n}": f"token{n}" for n in range(5)}
    with CaptureQueriesContext(connection) as captured:
        cache.set_many(versions, timeout=None)
    statements = [q["sql"] for q in captured if not q["sql"].startswith(("SAVEPOINT", "RELEASE"))]
    assert len(statements) == 2  # the table counted, then one INSERT … ON CONFLICT for the five keys
    assert "ON CONFLICT" in statements[1]
    assert cache.get_many(list(versions)) == versions


def test_a_key_written_again_takes_the_new_value_and_lifetime(cache: Any) -> None:
    cache.set("page:a", {"html": "cũ"}, timeout=None)
    with time_machine.travel(dt.datetime(2026, 12, 7, 8, 0, tzinfo=dt.UTC), tick=False):
        cache.set_many({"page:a": {"html": "mới"}, "page:b": b"\x00bytes"}, timeout=60)
        assert cache.get("page:a") == {"html": "mới"}
        assert cache.get("page:b") == b"\x00bytes"
    with time_machine.travel(dt.datetime(2026, 12, 7, 8, 2, tzinfo=dt.UTC), tick=False):
        assert cache.get("page:a") is None  # its new lifetime, a minute, is over


def test_a_full_table_is_culled_before_the_write_as_django_culls_it(cache: Any) -> None:
    cache.set_many({f"k{n}": n for n in range(7)}, timeout=None)
    cache.set_many({"new": "kept"}, timeout=None)  # over MAX_ENTRIES (6): half the old keys go first
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM hdnd_public_cache")
        assert cursor.fetchone()[0] == 5
    assert cache.get("new") == "kept"
