"""Background tasks of petitions: thin wrappers that run the reminder and escalation actions for today."""

from __future__ import annotations

from django.tasks import task
from django.utils import timezone

from . import forwarding


@task
def send_answer_reminders() -> list[int]:
    """Remind agencies whose answers fall due in the next few working days."""
    return [f.pk for f in forwarding.send_reminders(timezone.localdate())]


@task
def escalate_overdue_answers() -> list[int]:
    """Escalate forwardings past their due date to the agency's superior, then the standing committee."""
    return [f.pk for f in forwarding.escalate_overdue(timezone.localdate())]
