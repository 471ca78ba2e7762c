"""Every change the history panels show names its field in Vietnamese: the demo's whole audit trail (every
app's actions, through the same commands `make run` loads) is read as the panels read it."""

from __future__ import annotations

from typing import Any

import pytest

from hdnd.core.models import AuditEntry
from hdnd.core.templatetags.audit import audit_changes
from tests.demo import load_demo_city

pytestmark = pytest.mark.django_db


def test_every_changed_field_in_the_demos_history_reads_in_vietnamese(rules: Any) -> None:
    load_demo_city()
    raw: dict[str, set[str]] = {}
    entries = AuditEntry.objects.select_related("content_type")
    for entry in entries:
        for (label, _, _), (name, _, _) in zip(audit_changes(entry), entry.changes(), strict=True):
            if label == name:
                raw.setdefault(name, set()).add(entry.action)
    assert entries.count() > 300  # the demo exercises every app
    assert not raw, f"fields shown by their code name: {raw}"
