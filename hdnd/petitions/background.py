"""Synthesis of a large cycle as a background task, with progress the synthesis page shows as a bar.

A province's cycle (100,000 petitions) groups in seconds but is too long for a web request. The page
starts a ``SynthesisRun`` (``actions.synthesis.start_synthesis``); the task worker (``manage.py
db_worker``) groups the petitions, then saves the issues in batches, each batch its own transaction,
advancing ``done`` so other connections see the progress. Progress counts twice the petitions: grouping
is the first half, saving the second.

If the task fails half-way, the issues already saved stay (each with its petitions, as drafts to
review) and the remaining petitions stay new: running the synthesis again groups them.

A worker that is killed (a deploy, the machine restarting) cannot say so: its run would stay "running"
and refuse every later synthesis of the cycle. So a running run beats its heart (``heartbeat_at``) at
each step; one whose heartbeat is older than ``STALE_AFTER`` counts as interrupted. Starting a synthesis
of its cycle marks it failed and goes on, and so does the periodic job ``fail_stale_runs`` (with the
task row of the dead worker). A worker that was only slow finds its run failed at its next beat and
stops without saving anything more.
"""

from __future__ import annotations

import hashlib
import logging
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from hdnd.core import publiccache
from hdnd.core.audit import record

from .grouping import group_petitions, pending_petitions, save_groups
from .models import Cycle, Petition, SynthesisRun

log = logging.getLogger(__name__)

# Below this many new petitions the page synthesises at once; above it, in the background.
SYNC_LIMIT = 1000
BATCH = 500  # groups saved per transaction
# A running run beats at least this often (grouping 100,000 petitions takes seconds, a batch less):
# silence for longer means its worker is gone.
STALE_AFTER = timedelta(minutes=2)
TASK_PATH = "hdnd.petitions.tasks.synthesize_in_background"
SYSTEM = "kiểm tra tổng hợp nền"
INTERRUPTED = "Lần tổng hợp này bị gián đoạn (máy xử lý dừng giữa chừng) lúc {at}"
# What the clerk who starts the synthesis again reads about the run it replaced.
RERUN = "Lần tổng hợp trước bị gián đoạn (máy xử lý dừng giữa chừng) lúc {at}; đã chạy lại."


class Superseded(Exception):
    """The run was marked failed (its heartbeat had stopped) while this worker was still on it."""


def _beat(run: SynthesisRun, **fields: Any) -> None:
    """Record progress and the heartbeat, only while the run is still running."""
    fields["heartbeat_at"] = timezone.now()
    if not SynthesisRun.objects.filter(pk=run.pk, status=SynthesisRun.Status.RUNNING).update(**fields):
        raise Superseded(f"Synthesis run {run.pk} is no longer running")
    for name, value in fields.items():
        setattr(run, name, value)


def run_synthesis(run_id: int) -> SynthesisRun:
    """The task's body: group, then save in batches, recording progress; a run is carried out once."""
    with transaction.atomic():
        run = (
            SynthesisRun.objects.select_for_update(of=("self",))
            .select_related("council", "cycle")
            .get(pk=run_id)
        )
        if run.status != SynthesisRun.Status.QUEUED:
            return run
        run.status, run.heartbeat_at = SynthesisRun.Status.RUNNING, timezone.now()
        run.save(update_fields=["status", "heartbeat_at"])
    try:
        petitions = list(pending_petitions(run.council, run.cycle).only("pk", "text"))
        _beat(run, total=2 * len(petitions), done=0)
        groups = group_petitions(petitions) if petitions else []
        _beat(run, done=len(petitions))
        created: list[int] = []
        for start in range(0, len(groups), BATCH):
            batch = groups[start : start + BATCH]
            with transaction.atomic():
                Cycle.objects.select_for_update().get(pk=run.cycle_id)
                created += [issue.pk for issue in save_groups(run.council, run.cycle, batch)]
                _beat(
                    run, done=run.done + sum(len(members) for members in batch), issues_created=len(created)
                )
        with transaction.atomic():
            _beat(run, status=SynthesisRun.Status.DONE, finished_at=timezone.now())
            record(
                action="petitions.synthesize_cycle",
                actor=run.requested_by,
                obj=run.cycle,
                council=run.council,
                after={"petitions": len(petitions), "issues": len(created), "run": run.pk},
            )
            explain_after_commit(created)
    except Superseded:
        log.warning("Synthesis run %s was marked interrupted; this worker stops", run.pk)
        run.refresh_from_db()
        return run
    except Exception as error:
        log.exception("Synthesis run %s failed", run.pk)
        fields = {
            "status": SynthesisRun.Status.FAILED,
            "error": str(error)[:1000],
            "finished_at": timezone.now(),
        }
        SynthesisRun.objects.filter(pk=run.pk).update(**fields)
        raise
    return run


def explain_after_commit(issue_ids: list[int]) -> None:
    """Ask the worker to explain a synthesis's new groups once they are saved (``grouping.store_reasons``)."""
    from hdnd.petitions.tasks import explain_groups  # the tasks module imports this one

    transaction.on_commit(lambda: explain_groups.enqueue(issue_ids))


def explain_soon(stale: dict[int, str]) -> None:
    """Ask the worker to store the reasons a page had to explain itself (a group whose members changed,
    one never stored; issue id → the key of its texts), once for the same groups as they are
    (``publiccache.ask_once``)."""
    from hdnd.petitions.tasks import explain_groups  # the tasks module imports this one

    marker = "petitions.explain:" + hashlib.sha256(repr(sorted(stale.items())).encode()).hexdigest()[:32]
    publiccache.ask_once(marker, lambda: explain_groups.enqueue(sorted(stale)))


def pending_count(cycle: Cycle) -> int:
    return Petition.objects.filter(cycle=cycle, status=Petition.Status.NEW, issue__isnull=True).count()


# Interrupted runs --------------------------------------------------------------------------------


def stale_runs(now: datetime | None = None) -> QuerySet[SynthesisRun]:
    """Running runs whose heartbeat stopped more than ``STALE_AFTER`` ago."""
    cutoff = (now or timezone.now()) - STALE_AFTER
    silent = Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at__isnull=True, created_at__lt=cutoff)
    return SynthesisRun.objects.filter(silent, status=SynthesisRun.Status.RUNNING)


def _fail_task_rows(run: SynthesisRun, message: str) -> None:
    """Mark the dead worker's django-tasks-db row failed, so the task list tells the same story."""
    from django_tasks_db.models import DBTaskResult

    for row in DBTaskResult.objects.running().filter(task_path=TASK_PATH):
        if list(row.args_kwargs.get("args", [])) == [run.pk]:
            row.set_failed(RuntimeError(message))


def last_beat(run: SynthesisRun) -> str:
    """When a run last showed signs of life, as the page writes it ("10:05 ngày 20/11/2026")."""
    beat = timezone.localtime(run.heartbeat_at or run.created_at)
    return f"{beat:%H:%M} ngày {beat:%d/%m/%Y}"


def fail_stale(run: SynthesisRun, *, then: str = "") -> SynthesisRun:
    """Mark one stale run failed with a message the clerk reads on its progress page."""
    message = INTERRUPTED.format(at=last_beat(run)) + (f"; {then}" if then else "")
    run.status, run.error, run.finished_at = SynthesisRun.Status.FAILED, message, timezone.now()
    run.save(update_fields=["status", "error", "finished_at"])
    _fail_task_rows(run, message)
    record(
        action="petitions.synthesis_interrupted",
        actor=SYSTEM,
        obj=run.cycle,
        council=run.council,
        after={"run": run.pk, "heartbeat_at": run.heartbeat_at, "done": run.done, "total": run.total},
        note=message,
    )
    return run


def recover_cycle(cycle: Cycle) -> list[SynthesisRun]:
    """Inside a synthesis holding the cycle's lock: fail the cycle's stale runs, as it runs again."""
    runs = stale_runs().filter(cycle=cycle).select_related("council", "cycle")
    return [fail_stale(run, then="đã chạy lại") for run in runs]


def fail_stale_runs(now: datetime | None = None) -> list[SynthesisRun]:
    """The periodic job: fail every stale run, each under its cycle's lock, with its task row."""
    failed = []
    for candidate in stale_runs(now).order_by("pk"):
        with transaction.atomic():
            Cycle.objects.select_for_update().get(pk=candidate.cycle_id)
            run = stale_runs(now).select_related("council", "cycle").filter(pk=candidate.pk).first()
            if run is not None:
                failed.append(fail_stale(run))
    return failed


def __getattr__(name: str) -> Any:
    """``start_synthesis`` lives in ``actions.synthesis``; kept here for bench/synthesis_run.py."""
    if name == "start_synthesis":
        from .actions.synthesis import start_synthesis

        return start_synthesis
    raise AttributeError(name)
