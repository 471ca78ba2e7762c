"""Going behind the audit log's back, as someone with direct database access could, for the tests."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection, transaction
from django.db.backends.utils import CursorWrapper

from hdnd.core.audit import compute_hash, entry_mac
from hdnd.core.models import AuditEntry


@contextmanager
def guards_off() -> Iterator[CursorWrapper]:
    """A cursor with the append-only triggers out of the way; the test's transaction puts them back."""
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # a superuser can switch triggers off for the transaction
            cursor.execute("SET LOCAL session_replication_role = replica")
            yield cursor
            cursor.execute("SET LOCAL session_replication_role = origin")
            return
        # SQLite: whoever can write the file can drop the triggers, and create them again afterwards.
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'core_auditentry'"
        )
        triggers = cursor.fetchall()
        for name, _ in triggers:
            cursor.execute(f'DROP TRIGGER "{name}"')
        yield cursor
        for _, sql in triggers:
            cursor.execute(sql)


def tamper(sql: str, params: list[Any]) -> None:
    """Run one statement against the audit table with its triggers out of the way."""
    with guards_off() as cursor:
        cursor.execute(sql, params)


def rewrite(entry_id: int, key: bytes | None = None, **changes: Any) -> None:
    """Edit an entry and recompute the chain from it onwards; re-sign only when given the ``key``."""
    entries = list(AuditEntry.objects.filter(id__gte=entry_id).order_by("id"))
    for name, value in changes.items():
        setattr(entries[0], name, value)
    prev = entries[0].prev_hash
    with guards_off() as cursor:
        for entry in entries:
            entry.prev_hash = prev
            entry.hash = compute_hash(entry)
            if key is not None:
                entry.mac = entry_mac(entry.hash, key)
            cursor.execute(
                "UPDATE core_auditentry SET note = %s, actor_label = %s, prev_hash = %s, hash = %s, mac = %s "
                "WHERE id = %s",
                [entry.note, entry.actor_label, entry.prev_hash, entry.hash, entry.mac, entry.id],
            )
            prev = entry.hash
