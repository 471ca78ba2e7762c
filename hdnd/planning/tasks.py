"""Background tasks of planning: thin wrappers that run the daily task jobs for today."""

from __future__ import annotations

from django.tasks import task
from django.utils import timezone

from . import actions


@task
def mark_overdue_tasks() -> list[int]:
    """Open tasks past their deadline become overdue."""
    return [t.pk for t in actions.mark_overdue(timezone.localdate())]


@task
def send_task_reminders() -> list[int]:
    """Remind owners of tasks due within a few working days."""
    return [t.pk for t in actions.send_reminders(timezone.localdate())]
