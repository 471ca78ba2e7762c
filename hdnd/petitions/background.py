"""Synthesis of a large cycle as a background task, with progress the synthesis page shows as a bar.

A province's cycle (100,000 petitions) groups in seconds but is too long for a web request. The page
starts a ``SynthesisRun``; the task worker (``manage.py db_worker``) groups the petitions, then saves
the issues in batches, each batch its own transaction, advancing ``done`` so other connections see the
progress. Progress counts twice the petitions: grouping is the first half, saving the second.

If the task fails half-way, the issues already saved stay (each with its petitions, as drafts to
review) and the remaining petitions stay new: running the synthesis again groups them.
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hdnd.core.audit import record
from hdnd.councils.models import Council

from .actions import group_petitions, pending_petitions, save_groups
from .models import Cycle, Petition, SynthesisRun

log = logging.getLogger(__name__)

# Below this many new petitions the page synthesises at once; above it, in the background.
SYNC_LIMIT = 1000
BATCH = 500  # groups saved per transaction

ACTION_LABELS: dict[str, str] = {
    "petitions.start_synthesis": "Bắt đầu tổng hợp kiến nghị (chạy nền)",
}


def start_synthesis(council: Council, cycle: Cycle, *, by: Any) -> SynthesisRun:
    """Queue the synthesis of a cycle's new petitions; refused while another run of it is active."""
    from .tasks import synthesize_in_background

    if cycle.council_id != council.pk:
        raise ValidationError("Đợt tiếp xúc không thuộc HĐND này.")
    with transaction.atomic():
        Cycle.objects.select_for_update().get(pk=cycle.pk)
        if SynthesisRun.objects.filter(cycle=cycle, status__in=SynthesisRun.ACTIVE).exists():
            raise ValidationError("Đợt này đang được tổng hợp; theo dõi tiến độ trên trang tổng hợp.")
        count = pending_petitions(council, cycle).count()
        if not count:
            raise ValidationError("Không có ý kiến mới nào để tổng hợp.")
        run = SynthesisRun.objects.create(
            council=council,
            cycle=cycle,
            total=2 * count,
            requested_by=by if getattr(by, "is_authenticated", False) else None,
        )
        record(
            action="petitions.start_synthesis",
            actor=by,
            obj=cycle,
            council=council,
            after={"run": run.pk, "petitions": count},
        )
        transaction.on_commit(lambda: synthesize_in_background.enqueue(run.pk))
    return run


def _update(run: SynthesisRun, **fields: Any) -> None:
    for name, value in fields.items():
        setattr(run, name, value)
    SynthesisRun.objects.filter(pk=run.pk).update(**fields)


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
        _update(run, status=SynthesisRun.Status.RUNNING)
    try:
        petitions = list(pending_petitions(run.council, run.cycle).only("pk", "text"))
        _update(run, total=2 * len(petitions), done=0)
        groups = group_petitions(petitions) if petitions else []
        _update(run, done=len(petitions))
        created: list[int] = []
        for start in range(0, len(groups), BATCH):
            batch = groups[start : start + BATCH]
            with transaction.atomic():
                Cycle.objects.select_for_update().get(pk=run.cycle_id)
                created += [issue.pk for issue in save_groups(run.council, run.cycle, batch)]
                _update(
                    run, done=run.done + sum(len(members) for members in batch), issues_created=len(created)
                )
        with transaction.atomic():
            _update(run, status=SynthesisRun.Status.DONE, finished_at=timezone.now())
            record(
                action="petitions.synthesize_cycle",
                actor=run.requested_by,
                obj=run.cycle,
                council=run.council,
                after={"petitions": len(petitions), "issues": len(created), "run": run.pk},
            )
    except Exception as error:
        log.exception("Synthesis run %s failed", run.pk)
        _update(run, status=SynthesisRun.Status.FAILED, error=str(error)[:1000], finished_at=timezone.now())
        raise
    return run


def pending_count(cycle: Cycle) -> int:
    return Petition.objects.filter(cycle=cycle, status=Petition.Status.NEW, issue__isnull=True).count()
