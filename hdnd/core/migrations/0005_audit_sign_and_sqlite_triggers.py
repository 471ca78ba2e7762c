"""Sign the audit entries written before signatures existed, and make the table append-only on SQLite.

Signing. Every existing row gets its HMAC (``settings.AUDIT_KEY``) now, whether or not the chain
verifies: the MAC covers the *stored* hash, so signing a row never hides an edit made earlier (its
content still fails to match its hash, and the links to its neighbours still break). What it cannot
reveal is a chain rewritten consistently before today, which nothing could. From here on every entry is
signed by ``audit.record``, and an unsigned entry is reported as "chưa ký". On PostgreSQL the
append-only trigger of 0003 refuses UPDATE, so it is switched off for this one transaction (the
migration runs as the table's owner).

Triggers. SQLite gets BEFORE UPDATE and BEFORE DELETE triggers that abort with a Vietnamese message, as
the PostgreSQL trigger of 0003 does; SQLite has no TRUNCATE, and no maintenance switch is offered:
emptying the table (``flush``) means dropping the triggers first, as the test suite's teardown does.
A later migration that rebuilds ``core_auditentry`` on SQLite (Django copies the table for many
ALTERs) drops these triggers with the old table and must create them again; a test checks they exist.
"""

import hashlib
import hmac

from django.conf import settings
from django.db import migrations

SQLITE_CREATE = [
    """
    CREATE TRIGGER core_auditentry_no_update BEFORE UPDATE ON core_auditentry
    BEGIN
        SELECT RAISE(ABORT,
            'Nhật ký thao tác chỉ được ghi thêm: không được sửa (UPDATE) bảng core_auditentry');
    END
    """,
    """
    CREATE TRIGGER core_auditentry_no_delete BEFORE DELETE ON core_auditentry
    BEGIN
        SELECT RAISE(ABORT,
            'Nhật ký thao tác chỉ được ghi thêm: không được xoá (DELETE) bảng core_auditentry');
    END
    """,
]
PG_ROW_TRIGGER = "core_auditentry_no_update_delete"  # from 0003
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS core_auditentry_no_update",
    "DROP TRIGGER IF EXISTS core_auditentry_no_delete",
]


def _mac(key: bytes, entry_hash: str) -> str:
    # The same message as hdnd.core.audit.entry_mac, frozen here as migrations must be.
    return hmac.new(key, b"hdnd-audit-entry\n" + entry_hash.encode(), hashlib.sha256).hexdigest()


def sign_existing(apps, schema_editor):
    entry_model = apps.get_model("core", "AuditEntry")
    unsigned = list(entry_model.objects.filter(mac="").values_list("id", "hash"))
    if not unsigned:
        return
    key = str(settings.AUDIT_KEY).encode()
    postgresql = schema_editor.connection.vendor == "postgresql"
    if postgresql:
        # Fire deferred constraint checks now: ALTER TABLE refuses a table with pending trigger events.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE", params=None)
        schema_editor.execute(f"ALTER TABLE core_auditentry DISABLE TRIGGER {PG_ROW_TRIGGER}", params=None)
    for entry_id, entry_hash in unsigned:
        entry_model.objects.filter(id=entry_id).update(mac=_mac(key, entry_hash))
    if postgresql:
        schema_editor.execute(f"ALTER TABLE core_auditentry ENABLE TRIGGER {PG_ROW_TRIGGER}", params=None)


def _run_on_sqlite(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for sql in statements:
                schema_editor.execute(sql, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("core", "0004_auditentry_mac")]

    operations = [
        migrations.RunPython(sign_existing, migrations.RunPython.noop, elidable=False),
        migrations.RunPython(_run_on_sqlite(SQLITE_CREATE), _run_on_sqlite(SQLITE_DROP), elidable=False),
    ]
