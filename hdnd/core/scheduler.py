"""The periodic jobs ``manage.py run_scheduler`` enqueues, and when each last ran.

A job is due when its interval has passed since it was last enqueued; the time is stored in
``PeriodicRun`` so a restarted scheduler does not run everything again at once. Apps add their jobs
with ``register`` from their ``AppConfig.ready()``::

    register(PeriodicJob("petitions.overdue_reminders", every=timedelta(hours=1), task=send_reminders))
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.tasks import Task
from django.utils import timezone

from .models import PeriodicRun
from .tasks import (
    forget_old_submissions,
    prune_task_results,
    recover_stale_tasks,
    send_pending_mail,
    verify_audit_chain,
)


@dataclass(frozen=True)
class PeriodicJob:
    """A task to enqueue every ``every``, with fixed arguments."""

    name: str
    every: timedelta
    task: Task
    args: tuple[Any, ...] = ()
    kwargs: dict[str, Any] = field(default_factory=dict)


PERIODIC: list[PeriodicJob] = [
    PeriodicJob("core.verify_audit_chain", every=timedelta(days=1), task=verify_audit_chain),
    PeriodicJob("core.prune_task_results", every=timedelta(days=1), task=prune_task_results),
    PeriodicJob("core.forget_old_submissions", every=timedelta(hours=6), task=forget_old_submissions),
    # Every periodic job may run again safely: the sweep requeues one whose worker died (core.workers).
    PeriodicJob("core.send_pending_mail", every=timedelta(minutes=1), task=send_pending_mail),
    PeriodicJob("core.recover_stale_tasks", every=timedelta(minutes=1), task=recover_stale_tasks),
]


def register(job: PeriodicJob) -> None:
    """Add a job to the schedule; a job registered again under the same name replaces the old one."""
    PERIODIC[:] = [existing for existing in PERIODIC if existing.name != job.name]
    PERIODIC.append(job)


def run_due(now: datetime | None = None, jobs: list[PeriodicJob] | None = None) -> list[str]:
    """Enqueue every job whose interval has passed; return their names.

    Each job's row is locked while it is checked and enqueued, so two schedulers never enqueue the same
    run twice; with the database backend the task row commits together with the new time.
    """
    now = now or timezone.now()
    enqueued = []
    for job in PERIODIC if jobs is None else jobs:
        with transaction.atomic():
            PeriodicRun.objects.get_or_create(name=job.name)
            run = PeriodicRun.objects.select_for_update().get(name=job.name)
            if run.last_enqueued_at is not None and now - run.last_enqueued_at < job.every:
                continue
            run.last_enqueued_at = now
            run.save(update_fields=["last_enqueued_at"])
            job.task.enqueue(*job.args, **job.kwargs)
        enqueued.append(job.name)
    return enqueued
