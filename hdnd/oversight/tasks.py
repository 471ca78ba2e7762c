"""Background tasks of oversight: the follow-up job for today (reminders, then escalation)."""

from __future__ import annotations

from django.tasks import task
from django.utils import timezone

from .actions import run_followup


@task
def follow_up_recommendations() -> list[int]:
    """Remind and escalate recommendations and commitments (``actions.reminders``)."""
    return [item.pk for item in run_followup(timezone.localdate())]
