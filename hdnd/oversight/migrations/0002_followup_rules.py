"""The reminder and escalation rules of recommendation follow-up (``hdnd/oversight/rules.py``)."""

from typing import Any

from django.db import migrations


def add_rules(apps: Any, schema_editor: Any) -> None:
    from hdnd.oversight.rules import ensure_rules

    ensure_rules(apps.get_model("core", "Rule"))


class Migration(migrations.Migration):
    dependencies = [("oversight", "0001_initial"), ("core", "0005_audit_sign_and_sqlite_triggers")]

    operations = [migrations.RunPython(add_rules, migrations.RunPython.noop)]
