"""The periodic-job scheduler and the core's periodic tasks."""

from __future__ import annotations

import json
import logging
from datetime import datetime, timedelta
from io import StringIO
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.tasks import task
from django.utils import timezone

from hdnd.core import scheduler
from hdnd.core.audit import record
from hdnd.core.models import AuditEntry, PeriodicRun
from hdnd.core.scheduler import PeriodicJob, register, run_due
from hdnd.core.tasks import prune_task_results, verify_audit_chain

from .audit_tampering import tamper

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
CALLS: list[str] = []


@task
def remember(label: str) -> str:
    """A task that notes it ran."""
    CALLS.append(label)
    return label


@pytest.fixture
def calls() -> list[str]:
    CALLS.clear()
    return CALLS


def test_run_scheduler_once_enqueues_the_core_jobs(db: Any, immediate_tasks: None, time_machine: Any) -> None:
    time_machine.move_to(datetime(2026, 3, 2, 2, 0, tzinfo=HANOI), tick=False)
    out = StringIO()
    call_command("run_scheduler", "--once", stdout=out)
    assert "Đã xếp hàng: core.verify_audit_chain" in out.getvalue()
    assert "Đã xếp hàng: core.prune_task_results" in out.getvalue()
    # Apps register their own jobs too (petitions: reminders, escalation); the core's are among them.
    assert set(PeriodicRun.objects.values_list("name", "last_enqueued_at")) >= {
        ("core.verify_audit_chain", timezone.now()),
        ("core.prune_task_results", timezone.now()),
    }


def test_a_job_is_not_enqueued_again_before_its_interval(
    db: Any, immediate_tasks: None, calls: list[str], time_machine: Any
) -> None:
    job = PeriodicJob("test.hourly", every=timedelta(hours=1), task=remember, args=("chạy",))
    time_machine.move_to(datetime(2026, 3, 2, 8, 0, tzinfo=HANOI), tick=False)
    assert run_due(jobs=[job]) == ["test.hourly"]
    time_machine.move_to(datetime(2026, 3, 2, 8, 59, tzinfo=HANOI), tick=False)
    assert run_due(jobs=[job]) == []
    time_machine.move_to(datetime(2026, 3, 2, 9, 0, tzinfo=HANOI), tick=False)
    assert run_due(jobs=[job]) == ["test.hourly"]
    assert calls == ["chạy", "chạy"]


def test_a_restarted_scheduler_remembers_the_last_run(
    db: Any, immediate_tasks: None, calls: list[str], time_machine: Any
) -> None:
    time_machine.move_to(datetime(2026, 3, 2, 8, 0, tzinfo=HANOI), tick=False)
    PeriodicRun.objects.create(name="test.daily", last_enqueued_at=timezone.now() - timedelta(hours=23))
    job = PeriodicJob("test.daily", every=timedelta(days=1), task=remember, args=("ngày",))
    assert run_due(jobs=[job]) == []
    assert calls == []


def test_apps_register_jobs_and_a_name_registered_again_replaces_the_old_job(monkeypatch: Any) -> None:
    monkeypatch.setattr(scheduler, "PERIODIC", list(scheduler.PERIODIC))
    register(PeriodicJob("test.reminders", every=timedelta(hours=1), task=remember, args=("a",)))
    register(PeriodicJob("test.reminders", every=timedelta(hours=2), task=remember, args=("b",)))
    jobs = [job for job in scheduler.PERIODIC if job.name == "test.reminders"]
    assert [(job.every, job.args) for job in jobs] == [(timedelta(hours=2), ("b",))]


def test_the_daily_check_reports_an_intact_chain_and_anchors_its_head(
    db: Any, immediate_tasks: None, settings: Any
) -> None:
    entry = record(action="test.one")
    result = verify_audit_chain.enqueue()
    assert result.return_value == {
        "checked": 1,
        "broken_ids": [],
        "anchor_problems": [],
        "anchored_id": entry.id,
    }
    assert AuditEntry.objects.count() == 1
    anchor = json.loads(settings.AUDIT_ANCHOR_FILE.read_text())
    assert (anchor["last_id"], anchor["count"], anchor["head"]) == (entry.id, 1, entry.hash)


def test_the_daily_check_records_and_logs_a_broken_chain(db: Any, immediate_tasks: None, caplog: Any) -> None:
    first = record(action="test.one")
    record(action="test.two")
    tamper("UPDATE core_auditentry SET note = %s WHERE id = %s", ["sửa lén", first.id])
    with caplog.at_level(logging.ERROR, logger="hdnd.core.tasks"):
        result = verify_audit_chain.enqueue()
    alarm = AuditEntry.objects.latest("id")
    assert result.return_value == {
        "checked": 2,
        "broken_ids": [first.id],
        "anchor_problems": [],
        "anchored_id": alarm.id,  # the alarm is anchored too, so it cannot be dropped unnoticed
    }
    assert (alarm.action, (alarm.after or {})["broken_ids"]) == ("audit.chain_broken", [first.id])
    assert f"Chuỗi nhật ký bị phá vỡ tại 1 bản ghi: #{first.id}" in alarm.note
    assert "Audit chain broken at 1 entries" in caplog.text


def test_pruning_deletes_old_finished_task_results(db: Any, settings: Any, time_machine: Any) -> None:
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    time_machine.move_to(datetime(2026, 3, 2, 8, 0, tzinfo=HANOI), tick=False)
    old, recent, waiting = (remember.enqueue(label) for label in ("cũ", "mới", "chờ"))
    DBTaskResult.objects.filter(id=old.id).update(
        status="SUCCESSFUL", finished_at=timezone.now() - timedelta(days=31)
    )
    DBTaskResult.objects.filter(id=recent.id).update(
        status="SUCCESSFUL", finished_at=timezone.now() - timedelta(days=1)
    )
    assert prune_task_results.call() == 1
    assert {str(pk) for pk in DBTaskResult.objects.values_list("id", flat=True)} == {recent.id, waiting.id}


def test_pruning_does_nothing_without_a_database_backend(db: Any, immediate_tasks: None) -> None:
    assert prune_task_results.call() == 0
