"""Several machines (docs/deploy.md): two `scripts/serve` process sets, each a web server, a task worker and
a scheduler, against one PostgreSQL database. The work is shared and nothing is done twice: each periodic
job is enqueued once per interval though two schedulers compete for it, each task row runs once on one
worker and both workers take some, the same reminder job enqueued six times over (as a retry or a second
scheduler would) marks each overdue task and mails its owner once, and the code-lookup throttle counts
across the two web servers (one allowance, not one per process)."""

from __future__ import annotations

import os
import re
import subprocess
import time
import urllib.error
import urllib.request
from collections import Counter
from datetime import timedelta
from email.header import Header
from itertools import pairwise
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from conftest import World
from hdnd.core.models import AuditEntry
from hdnd.core.scheduler import PERIODIC
from hdnd.petitions.publication import LOOKUP_LIMIT
from hdnd.planning.tasks import mark_overdue_tasks
from hdnd.planning.tests import support

from .figures import measured
from .processes import ROOT, free_port, production_env, start_serve, stop, wait_ready

pytestmark = [pytest.mark.battery, pytest.mark.django_db(transaction=True)]

OVERDUE = 40
COPIES = 6
# The console mailer writes each mail to its worker's output, the Vietnamese subject RFC 2047-encoded.
MAIL_SUBJECT = "Subject: " + Header("Nhiệm vụ quá hạn", "utf-8").encode()


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (http://127.0.0.1 only)
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


def _static_cache_control(port: int) -> str:
    """The Cache-Control of the first stylesheet the home page links (a hashed name under /static/)."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30) as response:
        page = response.read().decode()
    found = re.search(r'href="(/static/[^"]+\.css)"', page)
    assert found, "the home page links no stylesheet"
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{found.group(1)}", timeout=30) as response:
        return str(response.headers.get("Cache-Control", ""))


def _wait_for_tasks(timeout: float) -> list[DBTaskResult]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        results = list(DBTaskResult.objects.all())
        if results and all(r.status in ("SUCCESSFUL", "FAILED") for r in results):
            return results
        time.sleep(1)
    pending = DBTaskResult.objects.exclude(status__in=("SUCCESSFUL", "FAILED")).count()
    raise TimeoutError(f"{pending} tasks still not done after {timeout} s")


def test_two_machines_share_the_work_and_do_nothing_twice(
    world: World, settings: Any, tmp_path: Path
) -> None:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        pytest.skip("several processes on one database: PostgreSQL (scripts/battery)")
    world.commune.email = "xa@example.org"
    world.commune.save()
    yesterday = timezone.localdate() - timedelta(days=1)
    tasks = [
        support.task(world.commune, given_by=world.province, due_on=yesterday - timedelta(days=n))
        for n in range(OVERDUE)
    ]
    database_url = urlunsplit(urlsplit(url)._replace(path=f"/{connection.settings_dict['NAME']}"))
    ports = [free_port(), free_port()]
    envs = [
        production_env(database_url, tmp_path, port, WEB_WORKERS="1", TASK_WORKERS="1", SERVE_SETUP="off")
        for port in ports
    ]
    check = "Two machines (web + task worker + scheduler each) on one PostgreSQL: work shared, none twice"
    with measured(check) as figure:
        for command in (["migrate", "--no-input"], ["createcachetable"], ["collectstatic", "--no-input"]):
            subprocess.run(
                [str(ROOT / ".venv/bin/python"), "manage.py", *command, "-v0"],
                cwd=ROOT, env=envs[0], check=True, timeout=600,
            )  # fmt: skip
        logs = [open(tmp_path / f"serve-{n}.log", "wb") for n in range(2)]  # noqa: SIM115
        servers = [start_serve(env, log) for env, log in zip(envs, logs, strict=True)]
        try:
            for port, server in zip(ports, servers, strict=True):
                wait_ready(port, server, timeout=300)
            settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
            for _ in range(COPIES):
                mark_overdue_tasks.enqueue()
            pages = [_status(f"http://127.0.0.1:{port}/") for port in ports]
            static = _static_cache_control(ports[0])
            lookups = [
                _status(f"http://127.0.0.1:{ports[n % 2]}/cong-khai/kien-nghi/tra-cuu/?ma=ZZZZZZZZ")
                for n in range(LOOKUP_LIMIT + 2)
            ]
            results = _wait_for_tasks(timeout=180)
        finally:
            for server in servers:
                stop(server)
            for log in logs:
                log.close()

        output = "".join((tmp_path / f"serve-{n}.log").read_text(errors="replace") for n in range(2))
        by_path = Counter(result.task_path for result in results)
        periodic_paths = {f"{job.task.func.__module__}.{job.task.func.__name__}" for job in PERIODIC}
        workers = Counter(worker for result in results for worker in result.worker_ids)
        marked = Counter(
            AuditEntry.objects.filter(action="planning.mark_overdue").values_list("object_id", flat=True)
        )
        mails = output.count(MAIL_SUBJECT)
        figure.cases = len(results)
        figure.result = (
            f"{len(results)} task runs on {len(workers)} workers ({sorted(workers.values())}), "
            f"{len(periodic_paths)} periodic jobs enqueued {sorted(set(by_path.values()))} time(s); "
            f"{len(marked)}/{OVERDUE} overdue tasks marked once, {mails} mails; "
            f"lookups {LOOKUP_LIMIT} × 404 then {lookups[LOOKUP_LIMIT:]}"
        )
        assert pages == [200, 200]
        assert static == "max-age=315360000, public, immutable", static  # WhiteNoise, hashed names
        assert all(result.status == "SUCCESSFUL" for result in results), [
            (r.task_path, r.exception_class_path) for r in results if r.status != "SUCCESSFUL"
        ]
        assert all(len(result.worker_ids) == 1 for result in results)
        assert len(workers) == 2, workers  # both machines' workers took work
        overdue_path = f"{mark_overdue_tasks.func.__module__}.{mark_overdue_tasks.func.__name__}"
        for job in PERIODIC:
            path = f"{job.task.func.__module__}.{job.task.func.__name__}"
            if path == overdue_path:
                assert by_path[path] == 1 + COPIES, (path, by_path)
                continue
            # Once per interval though two schedulers compete (the minute jobs come round during the run).
            times = sorted(result.enqueued_at for result in results if result.task_path == path)
            assert times, (path, by_path)
            gaps = [later - earlier for earlier, later in pairwise(times)]
            assert all(gap >= job.every - timedelta(seconds=1) for gap in gaps), (path, gaps)
        assert sorted(marked) == sorted(str(task.pk) for task in tasks)
        assert set(marked.values()) == {1}
        assert mails == OVERDUE, output[-2000:]
        assert lookups[:LOOKUP_LIMIT] == [404] * LOOKUP_LIMIT
        assert lookups[LOOKUP_LIMIT:] == [429, 429]
