"""Task workers' heartbeats and the sweep of the rows a dead worker left RUNNING (``core.workers``)."""

from __future__ import annotations

import signal
from datetime import timedelta
from typing import Any

import pytest
from django.core.management import call_command
from django.tasks import task
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from conftest import World
from hdnd.core import workers
from hdnd.core.models import AuditEntry, Submission, TaskWorker
from hdnd.core.tasks import forget_old_submissions
from hdnd.core.workers import MAX_RUNS, recover_stale_tasks, stale_after

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _signal_handlers_restored() -> Any:
    """``db_worker`` run in the test's process installs its shutdown handlers for SIGINT, SIGTERM and
    SIGQUIT; left in place, a process pool forked later by another test ignores its SIGTERM and hangs."""
    kept = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    yield
    for number, handler in kept.items():
        signal.signal(number, handler)


@pytest.fixture(autouse=True)
def _database_tasks(settings: Any) -> None:
    """These rows are the database backend's (`make test` runs tasks at once by default)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@task
def publish_once() -> str:
    """Not safe to run twice (not a periodic job, not marked rerunnable)."""
    return "đã đăng"


def _running(enqueued: Any, worker: str, *, beat_ago: timedelta, runs: int = 1) -> DBTaskResult:
    """The row of an enqueued task, as a worker that claimed it and last beat ``beat_ago`` left it."""
    row = DBTaskResult.objects.get(pk=enqueued.id)
    row.claim(worker)
    DBTaskResult.objects.filter(pk=row.pk).update(
        started_at=timezone.now() - beat_ago, worker_ids=[f"earlier-{n}" for n in range(runs - 1)] + [worker]
    )
    TaskWorker.objects.create(worker_id=worker, beat_at=timezone.now() - beat_ago)
    row.refresh_from_db()
    return row


@pytest.mark.django_db(transaction=True)  # db_worker closes its connections between tasks
def test_a_periodic_job_left_running_by_a_dead_worker_is_requeued_and_runs_once(monkeypatch: Any) -> None:
    monkeypatch.setattr(workers, "_beating", set())
    monkeypatch.setattr(workers.threading.Thread, "start", lambda thread: None)  # no thread in a test
    Submission.objects.create(key="cu", body_hash="x", created_at=timezone.now() - timedelta(days=2))
    row = _running(forget_old_submissions.enqueue(), "chet", beat_ago=stale_after() + timedelta(seconds=1))
    assert recover_stale_tasks() == {str(row.pk): "đã xếp hàng chạy lại (lần 2)"}
    row.refresh_from_db()
    assert row.status == "READY"
    assert row.started_at is None
    entry = AuditEntry.objects.get(action="core.task_recovered")
    assert entry.note.startswith(
        "Tác vụ nền “forget_old_submissions” bị gián đoạn (máy xử lý dừng giữa chừng)"
    )
    assert entry.note.endswith("đã xếp hàng chạy lại (lần 2).")
    assert entry.council is None  # the national log, which the system administrator reads
    # A live worker takes it again and the work is done, once.
    call_command(
        "db_worker", "--batch", "--no-startup-delay", "--interval", "0", "--worker-id", "song", verbosity=0
    )
    row.refresh_from_db()
    assert row.status == "SUCCESSFUL"
    assert row.worker_ids == ["chet", "song"]
    assert row.return_value == 1
    assert not Submission.objects.exists()
    assert TaskWorker.objects.filter(worker_id="song").exists()  # the live worker beat
    assert recover_stale_tasks() == {}


def test_a_task_not_safe_to_rerun_is_failed_with_the_message() -> None:
    row = _running(publish_once.enqueue(), "chet", beat_ago=stale_after() * 2)
    assert recover_stale_tasks() == {str(row.pk): "đã đánh dấu thất bại"}
    row.refresh_from_db()
    assert row.status == "FAILED"
    assert "bị gián đoạn (máy xử lý dừng giữa chừng)" in row.traceback
    assert AuditEntry.objects.get(action="core.task_recovered").note.endswith("đã đánh dấu thất bại.")


def test_a_task_whose_worker_died_too_often_is_failed() -> None:
    row = _running(forget_old_submissions.enqueue(), "chet", beat_ago=stale_after() * 2, runs=MAX_RUNS)
    assert recover_stale_tasks() == {str(row.pk): "đã đánh dấu thất bại"}


def test_a_row_whose_worker_still_beats_is_left_alone() -> None:
    row = _running(publish_once.enqueue(), "song", beat_ago=stale_after() * 10)
    TaskWorker.objects.filter(worker_id="song").update(beat_at=timezone.now())  # the task is long, not dead
    assert recover_stale_tasks() == {}
    row.refresh_from_db()
    assert row.status == "RUNNING"
    assert not AuditEntry.objects.filter(action="core.task_recovered").exists()


def test_a_row_claimed_by_a_worker_that_never_beat_is_stale_after_the_bound() -> None:
    row = DBTaskResult.objects.get(pk=publish_once.enqueue().id)
    row.claim("khong-nhip")
    assert recover_stale_tasks() == {}  # just started
    later = timezone.now() + stale_after() + timedelta(seconds=1)
    assert recover_stale_tasks(later) == {str(row.pk): "đã đánh dấu thất bại"}


def test_a_database_worker_starts_beating_with_its_first_task(monkeypatch: Any) -> None:
    monkeypatch.setattr(workers, "_beating", set())
    started: list[str] = []
    monkeypatch.setattr(workers.threading.Thread, "start", lambda thread: started.append(thread.name))
    result = publish_once.enqueue()
    result.worker_ids.append("w-1")
    workers.on_task_started(DatabaseBackend, task_result=result)
    workers.on_task_started(DatabaseBackend, task_result=result)  # once per process
    assert list(TaskWorker.objects.values_list("worker_id", flat=True)) == ["w-1"]
    assert started == ["task-heartbeat"]


def test_the_sweep_and_the_sender_are_periodic_jobs() -> None:
    from hdnd.core.scheduler import PERIODIC

    names = {job.name: job.every for job in PERIODIC}
    assert names["core.recover_stale_tasks"] == timedelta(minutes=1)
    assert names["core.send_pending_mail"] == timedelta(minutes=1)


def test_the_system_administrator_reads_the_recovery_in_the_national_log(client: Any, world: World) -> None:
    _running(publish_once.enqueue(), "chet", beat_ago=stale_after() * 2)
    recover_stale_tasks()
    client.force_login(world.user("system_admin"))
    page = client.get(reverse("core:audit_log_national")).content.decode()
    assert "Khôi phục tác vụ nền bị gián đoạn" in page
    assert "Tác vụ nền “publish_once” bị gián đoạn (máy xử lý dừng giữa chừng)" in page
    assert "đã đánh dấu thất bại" in page
    assert "<li>Máy xử lý: chet</li>" in page
    assert "<li>Số lần chạy: 1</li>" in page
    assert "<li>worker:" not in page


def test_a_task_marked_rerunnable_is_requeued(monkeypatch: Any) -> None:
    monkeypatch.setattr(workers, "RERUNNABLE", set())
    workers.rerunnable(publish_once)
    row = _running(publish_once.enqueue(), "chet", beat_ago=stale_after() * 2)
    assert recover_stale_tasks() == {str(row.pk): "đã xếp hàng chạy lại (lần 2)"}


def test_a_worker_started_again_under_its_fixed_id_recovers_its_earlier_lifes_rows(monkeypatch: Any) -> None:
    monkeypatch.setattr(workers, "_beating", set())
    monkeypatch.setattr(workers.threading.Thread, "start", lambda thread: None)
    # The earlier process, killed mid-run, had beaten a moment ago under the same id.
    earlier = _running(forget_old_submissions.enqueue(), "may-1", beat_ago=timedelta(seconds=5))
    current = publish_once.enqueue()
    row = DBTaskResult.objects.get(pk=current.id)
    row.claim("may-1")
    workers.on_task_started(DatabaseBackend, task_result=row.task_result)
    earlier.refresh_from_db()
    row.refresh_from_db()
    assert earlier.status == "READY"  # a periodic job: back in the queue
    assert row.status == "RUNNING"  # the task this process has just started is left alone
