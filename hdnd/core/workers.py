"""Task workers' heartbeats, and the recovery of the task rows a dead worker left running.

The database task backend (django-tasks-db 0.13) marks a row RUNNING when a worker claims it and
finished when the task returns; it has no heartbeat, no lease and no recovery (its issue #5, "Unclean
exits of the worker leave tasks in limbo", is open). A worker killed mid-task (a deploy, the machine
restarting, the out-of-memory killer) leaves its row RUNNING for ever.

So each worker process beats: when it starts its first task (the backend's ``task_started`` signal,
connected in ``CoreConfig.ready``) it records itself in ``TaskWorker`` under the id it writes into the
rows it claims, then a daemon thread renews ``beat_at`` every ``beat_every()``; the thread dies with the
process. The periodic sweep (``recover_stale_tasks``, every minute) takes each RUNNING row whose worker
has been silent for ``stale_after()`` (``HDND_TASK_STALE_SECONDS``, two minutes) and

- puts it back in the queue when its task is safe to run again (every periodic job: each records what it
  has done, like a reminder's ``reminded_at``, so a second run does only the rest; and the tasks marked
  with ``rerunnable``), at most ``MAX_RUNS`` times in all;
- otherwise marks it failed with "máy xử lý dừng giữa chừng".

Either way it writes an audit entry the system administrator reads in the national log. A worker
started again under a fixed ``--worker-id`` would beat for its dead predecessor's rows too, so its first
task recovers at once the rows that id left RUNNING (``recover_earlier_life``). A worker that
is alive but stuck keeps beating (the thread runs beside the task), so only dead workers are swept.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.tasks import Task
from django.utils import timezone

from .audit import record
from .models import TaskWorker

log = logging.getLogger(__name__)

MAX_RUNS = 3  # a task whose worker died this many times is failed, not run again (it may be the cause)
FORGET_AFTER = timedelta(days=1)  # silent workers older than this are deleted from TaskWorker
SYSTEM = "kiểm tra tác vụ nền"
INTERRUPTED = "Tác vụ nền “{name}” bị gián đoạn (máy xử lý dừng giữa chừng) lúc {at}"
REQUEUED = "đã xếp hàng chạy lại (lần {n})"
GIVEN_UP = "đã đánh dấu thất bại"

RERUNNABLE: set[str] = set()  # task paths, besides the periodic jobs, that may safely run again
_beating: set[str] = set()  # the worker ids this process beats for
_lock = threading.Lock()


def rerunnable(task: Task) -> Task:
    """Declare a task safe to run again after its worker died (it does only what is still undone)."""
    RERUNNABLE.add(task.module_path)
    return task


def stale_after() -> timedelta:
    return timedelta(seconds=int(settings.HDND_TASK_STALE_SECONDS))


def beat_every() -> timedelta:
    return stale_after() / 4


# Heartbeats --------------------------------------------------------------------------------------


def beat(worker_id: str) -> None:
    """Record that this worker process is alive now."""
    TaskWorker.objects.update_or_create(
        worker_id=worker_id,
        defaults={"beat_at": timezone.now(), "host": socket.gethostname()[:255], "pid": os.getpid()},
    )


def _beat_forever(worker_id: str, stop: threading.Event) -> None:
    while not stop.wait(beat_every().total_seconds()):
        try:
            beat(worker_id)
        except Exception:  # the database may be away for a while; the next beat tries again
            log.exception("Task worker %s could not beat", worker_id)
        finally:
            connection.close()  # this thread's own connection; a broken one is not reused


def start_beating(worker_id: str, stop: threading.Event | None = None) -> bool:
    """Beat now, and from a daemon thread until the process ends; once per worker id and process."""
    with _lock:
        if worker_id in _beating:
            return False
        _beating.add(worker_id)
    try:
        beat(worker_id)
    except Exception:  # never fail the task the worker is starting: the thread beats again soon
        log.exception("Task worker %s could not beat", worker_id)
    thread = threading.Thread(
        target=_beat_forever, args=(worker_id, stop or threading.Event()), name="task-heartbeat", daemon=True
    )
    thread.start()
    return True


def on_task_started(sender: Any, task_result: Any, **kwargs: Any) -> None:
    """``task_started``: a database-backend worker starts its heartbeat with its first task."""
    from django_tasks_db.backend import DatabaseBackend

    backend = sender if isinstance(sender, type) else type(sender)
    if issubclass(backend, DatabaseBackend) and task_result.worker_ids:
        worker_id = task_result.worker_ids[-1]
        if start_beating(worker_id):  # this process's first task
            try:
                recover_earlier_life(worker_id, task_result.id)
            except Exception:  # never fail the task the worker is starting; the sweep comes later
                log.exception("Task worker %s could not recover its earlier rows", worker_id)


# The sweep ---------------------------------------------------------------------------------------


def _is_rerunnable(task_path: str) -> bool:
    from .scheduler import PERIODIC

    return task_path in RERUNNABLE or task_path in {job.task.module_path for job in PERIODIC}


def _last_sign(row: Any, beats: dict[str, datetime]) -> datetime | None:
    """When the row's worker last showed life: its last beat, or the row's start if later."""
    worker = row.worker_ids[-1] if row.worker_ids else ""
    signs = [moment for moment in (beats.get(worker), row.started_at) if moment is not None]
    return max(signs) if signs else None


def _beats_of(rows: Iterable[Any]) -> dict[str, datetime]:
    workers = {row.worker_ids[-1] for row in rows if row.worker_ids}
    return dict(TaskWorker.objects.filter(worker_id__in=workers).values_list("worker_id", "beat_at"))


def _is_stale(row: Any, beats: dict[str, datetime], now: datetime | None) -> bool:
    sign = _last_sign(row, beats)
    return sign is None or sign < (now or timezone.now()) - stale_after()


def stale_rows(now: datetime | None = None) -> list[Any]:
    """The RUNNING task rows whose worker has been silent for longer than ``stale_after()``."""
    from django_tasks_db.models import DBTaskResult

    rows = list(DBTaskResult.objects.running().order_by("started_at"))
    beats = _beats_of(rows)
    return [row for row in rows if _is_stale(row, beats, now)]


def _recover(row: Any, beats: dict[str, datetime]) -> str:
    """Requeue or fail one dead worker's row (locked), with its audit entry; answers the outcome."""
    from django_tasks_db.compat import TaskResultStatus

    sign = _last_sign(row, beats)
    at = timezone.localtime(sign) if sign else timezone.localtime()
    message = INTERRUPTED.format(name=row.task_path.rsplit(".", 1)[-1], at=f"{at:%H:%M:%S ngày %d/%m/%Y}")
    runs = len(row.worker_ids)
    if _is_rerunnable(row.task_path) and runs < MAX_RUNS:
        row.status, row.started_at = TaskResultStatus.READY, None
        row.save(update_fields=["status", "started_at"])
        outcome = REQUEUED.format(n=runs + 1)
    else:
        row.set_failed(RuntimeError(message))
        outcome = GIVEN_UP
    record(
        action="core.task_recovered",
        actor=SYSTEM,
        after={
            "task": row.task_path,
            "id": str(row.pk),
            "worker": (row.worker_ids or [""])[-1],
            "runs": runs,
        },
        note=f"{message}; {outcome}.",
    )
    return outcome


def _recover_if(pk: Any, dead: Callable[[Any, dict[str, datetime]], bool]) -> str | None:
    """Lock one RUNNING row and recover it if ``dead(row, beats)`` still holds under the lock."""
    from django_tasks_db.models import DBTaskResult

    with transaction.atomic():
        row = DBTaskResult.objects.select_for_update(skip_locked=True).running().filter(pk=pk).first()
        beats = _beats_of([row] if row else [])
        return _recover(row, beats) if row is not None and dead(row, beats) else None


def recover_stale_tasks(now: datetime | None = None) -> dict[str, str]:
    """The periodic sweep: requeue or fail every row a dead worker left running; answers id → outcome."""
    done: dict[str, str] = {}
    for candidate in stale_rows(now):
        if outcome := _recover_if(candidate.pk, lambda row, beats: _is_stale(row, beats, now)):
            done[str(candidate.pk)] = outcome
    TaskWorker.objects.filter(beat_at__lt=(now or timezone.now()) - FORGET_AFTER).delete()
    return done


def recover_earlier_life(worker_id: str, current: Any) -> dict[str, str]:
    """A worker started again under a fixed ``--worker-id`` beats under its dead predecessor's id: the
    rows that id left RUNNING (all but the one this process has just claimed) are recovered at once."""
    from django_tasks_db.models import DBTaskResult

    def mine(row: Any, beats: dict[str, datetime] | None = None) -> bool:
        return bool(row.worker_ids) and row.worker_ids[-1] == worker_id

    done: dict[str, str] = {}
    for row in DBTaskResult.objects.running().exclude(pk=current):
        if mine(row) and (outcome := _recover_if(row.pk, mine)):
            done[str(row.pk)] = outcome
    return done
