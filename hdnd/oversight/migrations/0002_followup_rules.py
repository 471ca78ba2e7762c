"""Once added the two follow-up rules; they are now rows of ``hdnd/core/rules_seed.py``, loaded by
``manage.py seed_rules`` with every other rule (which rewrites the rows this migration wrote)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("oversight", "0001_initial"), ("core", "0005_audit_sign_and_sqlite_triggers")]

    operations: list[migrations.operations.base.Operation] = []
