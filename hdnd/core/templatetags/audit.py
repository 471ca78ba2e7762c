"""Template filters for audit entries: action labels and short before/after values."""

import json
from typing import Any

from django import template

from hdnd.core.audit import action_label as _action_label

register = template.Library()

MAX_VALUE_CHARS = 80


@register.filter
def action_label(code: str) -> str:
    """The Vietnamese label of an action code."""
    return _action_label(code)


@register.filter
def audit_value(value: Any) -> str:
    """A before/after value as one short line: "—" for nothing, JSON for lists and dicts."""
    if value is None or value == "":
        return "—"
    text = json.dumps(value, ensure_ascii=False) if isinstance(value, dict | list) else str(value)
    return text if len(text) <= MAX_VALUE_CHARS else text[: MAX_VALUE_CHARS - 1] + "…"
