"""Background tasks of the core: checking the audit chain and pruning old task results."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.tasks import task, task_backends
from django.utils import timezone

from .audit import check_chain, record

logger = logging.getLogger(__name__)

TASK_RESULTS_KEPT_DAYS = 30


@task
def verify_audit_chain() -> dict[str, Any]:
    """Walk the audit chain; log an error and leave an audit entry naming the broken entries."""
    report = check_chain()
    broken = sorted({b.entry_id for b in report.breaks})
    if broken:
        message = "; ".join(f"#{b.entry_id}: {b.reason}" for b in report.breaks)
        logger.error("Audit chain broken at %d entries: %s", len(broken), message)
        with transaction.atomic():
            record(
                action="audit.chain_broken",
                actor="kiểm tra định kỳ",
                after={"checked": report.checked, "broken_ids": broken},
                note=f"Chuỗi nhật ký bị phá vỡ tại {len(broken)} bản ghi: {message}"[:2000],
            )
    else:
        logger.info("Audit chain intact: %d entries", report.checked)
    return {"checked": report.checked, "broken_ids": broken}


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
