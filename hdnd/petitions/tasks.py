"""Background tasks of petitions: thin wrappers that run the reminder and escalation actions for today,
the background synthesis of a large cycle, and the check for syntheses whose worker died."""

from __future__ import annotations

from django.tasks import task
from django.utils import timezone

from . import background, grouping
from .actions import followup, forwarding


@task
def send_answer_reminders() -> list[int]:
    """Remind agencies whose answers fall due in the next few working days."""
    return [f.pk for f in forwarding.send_reminders(timezone.localdate())]


@task
def escalate_overdue_answers() -> list[int]:
    """Escalate forwardings past their due date to the agency's superior, then the standing committee."""
    return [f.pk for f in forwarding.escalate_overdue(timezone.localdate())]


@task
def remind_in_progress_answers() -> list[int]:
    """Ask agencies to report on work in progress whose target date has come."""
    return [a.pk for a in followup.remind_in_progress(timezone.localdate())]


@task
def synthesize_in_background(run_id: int) -> int:
    """Synthesise a large cycle's petitions (``background.run_synthesis``); returns the issues made."""
    return background.run_synthesis(run_id).issues_created


@task
def explain_groups(issue_ids: list[int]) -> int:
    """Explain groups and store the reasons with their issues, for the synthesis pages to read."""
    return grouping.store_reasons(issue_ids)


@task
def fail_interrupted_synthesis() -> list[int]:
    """Mark failed the background syntheses whose worker stopped beating (``background.fail_stale_runs``)."""
    return [run.pk for run in background.fail_stale_runs()]
