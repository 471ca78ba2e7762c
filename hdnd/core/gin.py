"""GIN indexes that take new rows at once (PostgreSQL), for the searches with a time budget.

By default PostgreSQL puts the rows added to a GIN index in a *pending list*, merged into the index by
the next VACUUM or once it outgrows ``gin_pending_list_limit`` (4 MB), and every search reads that list
whole, row by row. A province entering a meeting's petitions leaves thousands there: 4,000 petitions
pending made the search three times slower (province p95 37 → 124 ms, ``bench/petition_search.py``).
With ``fastupdate`` off, each insert updates the index itself (about 0.35 ms more a petition), and a
search costs the same whatever was entered since the last VACUUM, as the PostgreSQL manual advises
"if consistent response time is more important than update speed".
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection, migrations

WITHOUT_PENDING_LIST = "fastupdate = off"


def without_pending_list(cursor: Any, names: tuple[str, ...]) -> None:
    """Turn the pending list off for each of the indexes ``names`` that exists, and move the entries
    already waiting in it into the index (the setting alone leaves them there)."""
    for name in _existing(cursor, names):
        cursor.execute(f"ALTER INDEX {name} SET ({WITHOUT_PENDING_LIST})")
    merge_pending(cursor, names)


def merge_pending(cursor: Any, names: tuple[str, ...]) -> None:
    """Move the entries waiting in the pending list of each of the indexes ``names`` into the index, in
    one pass. Inside a transaction too: the merge holds no lock past its own statement."""
    for name in _existing(cursor, names):
        cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [name])


def with_pending_list(cursor: Any, names: tuple[str, ...]) -> None:
    """PostgreSQL's default again."""
    for name in _existing(cursor, names):
        cursor.execute(f"ALTER INDEX {name} RESET (fastupdate)")


@contextmanager
def loading_in_bulk(names: tuple[str, ...]) -> Iterator[None]:
    """Many rows at once (a generated country): the indexes ``names`` gather them in their pending list
    and merge it in one pass at the end, as PostgreSQL's default does (38,000 petitions: 9 s against
    20 s one at a time), then take each row at once again, even when the load fails.

    Only outside a transaction, each switch committed at once: ``ALTER INDEX`` locks the index until
    the transaction ends, and an autovacuum cleaning that index then waits for it while the
    transaction's own ``ANALYZE`` waits for the autovacuum (a deadlock CI met). Inside one (a test), and
    on SQLite, the indexes are left as they are."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        yield
        return
    with connection.cursor() as cursor:
        with_pending_list(cursor, names)
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            without_pending_list(cursor, names)


def _existing(cursor: Any, names: tuple[str, ...]) -> list[str]:
    """The indexes of ``names`` that exist (a trigram index is skipped where pg_trgm could not be created)."""
    cursor.execute(
        "SELECT name FROM unnest(%s::text[]) AS name WHERE to_regclass(name) IS NOT NULL", [list(names)]
    )
    return [name for (name,) in cursor.fetchall()]


def taking_rows_at_once(*names: str) -> migrations.RunPython:
    """The migration step turning the pending list off for the indexes ``names`` (nothing on SQLite)."""

    def forward(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            with schema_editor.connection.cursor() as cursor:
                without_pending_list(cursor, names)

    def backward(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            with schema_editor.connection.cursor() as cursor:
                with_pending_list(cursor, names)

    return migrations.RunPython(forward, backward)
