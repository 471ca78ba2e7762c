"""Background tasks of the core: checking and anchoring the audit chain, pruning old task results,
counting a user's start page anew."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.tasks import task, task_backends
from django.utils import timezone

from . import workitems
from .audit import ChainReport, check_chain, record, write_anchor

logger = logging.getLogger(__name__)

TASK_RESULTS_KEPT_DAYS = 30


@task
def verify_audit_chain() -> dict[str, Any]:
    """Walk the audit chain and its anchors, alarm when broken, then anchor today's head."""
    report = check_chain()
    broken = sorted({b.entry_id for b in report.breaks})
    if not report.intact:
        _alarm(report, broken)
    else:
        logger.info("Audit chain intact: %d entries, %d anchors", report.checked, report.anchors)
    # Anchor even a broken chain: the breaks stay visible, and an unanchored tail could vanish unseen.
    try:
        anchor = write_anchor()
    except OSError:
        logger.exception("Could not append to the audit anchor file")
        anchor = None
    return {
        "checked": report.checked,
        "broken_ids": broken,
        "anchor_problems": [f"{p.source}: {p.reason}" for p in report.anchor_problems],
        "anchored_id": anchor.last_id if anchor else None,
    }


def _alarm(report: ChainReport, broken: list[int]) -> None:
    """Log an error and leave an audit entry naming the broken entries and anchors."""
    lines = [f"#{b.entry_id}: {b.reason}" for b in report.breaks]
    lines += [f"mốc neo {p.source}: {p.reason}" for p in report.anchor_problems]
    message = "; ".join(lines)
    logger.error(
        "Audit chain broken at %d entries, %d anchor problems: %s",
        len(broken),
        len(report.anchor_problems),
        message,
    )
    with transaction.atomic():
        record(
            action="audit.chain_broken",
            actor="kiểm tra định kỳ",
            after={
                "checked": report.checked,
                "broken_ids": broken,
                "anchor_problems": len(report.anchor_problems),
            },
            note=f"Chuỗi nhật ký bị phá vỡ tại {len(broken)} bản ghi: {message}"[:2000],
        )


@task
def prune_task_results(min_age_days: int = TASK_RESULTS_KEPT_DAYS) -> int:
    """Delete finished task results older than ``min_age_days`` (database backend only)."""
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    aliases = [alias for alias in task_backends.settings if isinstance(task_backends[alias], DatabaseBackend)]
    if not aliases:
        return 0
    cutoff = timezone.now() - timedelta(days=min_age_days)
    deleted, _ = (
        DBTaskResult.objects.finished().filter(backend_name__in=aliases, finished_at__lte=cutoff).delete()
    )
    return deleted


@task
def forget_old_submissions() -> int:
    """Forget the remembered submissions older than a day (``core.idempotency``)."""
    from .idempotency import forget_old

    return forget_old()


@task
def send_pending_mail() -> int:
    """The outbox's periodic sender: send every due mail, retries and those a dead process left."""
    from .outbox import deliver_due

    return deliver_due()


@task
def recover_stale_tasks() -> dict[str, str]:
    """Requeue or fail the task rows a dead worker left running (``core.workers``)."""
    from .workers import recover_stale_tasks as sweep

    return sweep()


@task
def recount_work(user_id: int) -> None:
    """Count a user's start page anew after the others' changes (``workitems.collect_kept``)."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is not None:
        workitems.count_work(workitems.Viewer(user))
