"""On PostgreSQL, make the audit table append-only in the database itself.

A trigger rejects every UPDATE, DELETE and TRUNCATE of ``core_auditentry``, whoever issues it, so an
application bug or a hand-typed query cannot rewrite history. It is a second line of defence: a table
owner or superuser can still drop the trigger, so production should also run the application as a
role that holds only SELECT and INSERT on the table (and USAGE on its sequence), and keep the owner
role for migrations. The hash chain (``manage.py verify_audit``) detects whatever gets past both.

One deliberate switch exists for emptying a whole database (``manage.py flush``, the test suite's
teardown): a session that runs ``SET hdnd.audit_maintenance = 'on'`` may TRUNCATE the table. Row
UPDATE and DELETE are never allowed. SQLite has no such triggers; there the model refuses to save an
existing entry and the chain check catches raw SQL.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION core_auditentry_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' AND current_setting('hdnd.audit_maintenance', true) = 'on' THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'Nhật ký thao tác chỉ được ghi thêm: không được % bảng core_auditentry', TG_OP
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'Audit entries are append-only. To empty a test or scratch database, run '
                     'SET hdnd.audit_maintenance = ''on'' in the same session first.';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER core_auditentry_no_update_delete
    BEFORE UPDATE OR DELETE ON core_auditentry
    FOR EACH ROW EXECUTE FUNCTION core_auditentry_append_only();

CREATE TRIGGER core_auditentry_no_truncate
    BEFORE TRUNCATE ON core_auditentry
    FOR EACH STATEMENT EXECUTE FUNCTION core_auditentry_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS core_auditentry_no_truncate ON core_auditentry;
DROP TRIGGER IF EXISTS core_auditentry_no_update_delete ON core_auditentry;
DROP FUNCTION IF EXISTS core_auditentry_append_only();
"""


def _run_on_postgresql(sql: str):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("core", "0002_rule_direction_periodic_run")]

    operations = [migrations.RunPython(_run_on_postgresql(CREATE), _run_on_postgresql(DROP), elidable=False)]
