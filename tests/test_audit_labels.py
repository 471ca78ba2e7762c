"""Every change the history panels show names its field in Vietnamese: the demo's whole audit trail (every
app's actions, through the same commands `make run` loads) is read as the panels read it, and every field
of every model has a Vietnamese name for what the demo does not do."""

from __future__ import annotations

from typing import Any

import pytest
from django.apps import apps

from hdnd.core.models import AuditEntry
from hdnd.core.templatetags.audit import audit_changes, field_label
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


def test_every_field_of_every_model_has_a_vietnamese_name() -> None:
    """What the demo does not exercise too: a field's verbose name or help text, else the shared words."""
    raw = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        if model.__module__.startswith("hdnd.")
        for field in model._meta.concrete_fields
        if field_label(model, field.name) == field.name
    ]
    assert len(list(apps.get_models())) > 80
    assert not raw, f"fields without a Vietnamese name: {raw}"
