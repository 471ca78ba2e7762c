"""Status changes of workflow objects: the transition table decides, the audit log remembers."""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from .audit import record


def check_transition(table: Mapping[str, frozenset[str]], current: str, target: str, message: str) -> None:
    """Refuse, with the user's message, a change the table does not allow."""
    if target not in table.get(current, frozenset()):
        raise ValidationError(message)


def change_status(
    locked: models.Model,
    target: str,
    *,
    table: Mapping[str, frozenset[str]],
    refusal: str,
    by: Any,
    action: str,
    also: Mapping[str, Any] | None = None,
) -> None:
    """Move a row the caller has locked to ``target`` (setting ``also`` fields too) with one audit entry.

    Call inside the action's transaction, after ``select_for_update``.
    """
    current = locked.status  # type: ignore[attr-defined]
    check_transition(table, current, target, refusal)
    locked.status = target  # type: ignore[attr-defined]
    for field, value in (also or {}).items():
        setattr(locked, field, value)
    locked.save(update_fields=["status", *(also or {})])
    record(
        action=action,
        actor=by,
        obj=locked,
        council=getattr(locked, "council", None),
        before={"status": current},
        after={"status": target},
    )
