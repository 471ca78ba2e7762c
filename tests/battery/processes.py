"""Production processes for the battery: ``scripts/serve`` started against a PostgreSQL database with
production settings on a loopback port, waited for, and stopped with its whole process group."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def fresh_database(url: str, tag: str) -> Iterator[str]:
    """A new, empty database beside the one ``url`` names; its URL; dropped afterwards."""
    import psycopg

    name = f"hdnd_{tag}_{os.getpid()}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(urlsplit(url)._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def production_env(database_url: str, data_dir: Path, port: int, **extra: str) -> dict[str, str]:
    """What an operator sets for `make serve` (docs/deploy.md), on loopback without TLS."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PYTEST", "DJANGO"))}
    env.update(
        HDND_ENV="production",
        DATABASE_URL=database_url,
        SECRET_KEY=settings.SECRET_KEY,
        HDND_AUDIT_KEY=settings.AUDIT_KEY,
        ALLOWED_HOSTS="127.0.0.1",
        HTTPS="off",
        HDND_DATA_DIR=str(data_dir),
        STATIC_ROOT=str(data_dir / "static"),
        TASKS_BACKEND="django_tasks_db.DatabaseBackend",
        EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend",
        PORT=str(port),
        LOG_LEVEL="WARNING",
    )
    env.update(extra)
    return env


def start_serve(env: dict[str, str], log: IO[bytes]) -> subprocess.Popen[bytes]:
    """``scripts/serve`` in its own process group (so every child is stopped with it)."""
    return subprocess.Popen(
        [str(ROOT / "scripts" / "serve")], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # fmt: skip


def wait_ready(port: int, process: subprocess.Popen[bytes], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"scripts/serve ended with status {process.returncode}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(1)
    raise TimeoutError(f"no answer from /readyz on port {port} after {timeout} s")


def stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM to the process group, SIGKILL if it has not ended within 20 s."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
