"""A whole platform on loopback for the fault tests: its own throwaway PostgreSQL (``scripts/pg-throwaway``,
which the test stops and starts), the schema, a world with an API token, and the processes the tests
kill and restart (the web server, ``manage.py db_worker``). Everything listens on 127.0.0.1 only."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
PYTHON = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv").exists() else sys.executable


@dataclass
class Stack:
    """One PostgreSQL cluster and the processes started against it."""

    home: Path
    url: str = ""
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)

    pg_dir: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="hdnd-faults-pg-", dir="/tmp")))

    def env(self, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in ("BATTERY_FIGURES",)}
        env.update(
            DATABASE_URL=self.url,
            HDND_DATA_DIR=str(self.home / "data"),
            TASKS_BACKEND="django_tasks_db.DatabaseBackend",
            DJANGO_SETTINGS_MODULE="hdnd.settings",
            PYTHONPATH=str(ROOT),
        )
        env.update(extra)
        return env

    def start_postgres(self) -> None:
        out = subprocess.run(
            [str(ROOT / "scripts" / "pg-throwaway"), "start", str(self.pg_dir)],
            check=True,
            capture_output=True,
            text=True,
            timeout=120,
        )
        self.url = out.stdout.strip().splitlines()[-1]

    def postgres(self, command: str) -> None:
        """``halt`` (pg_ctl stop -m fast, data kept), ``resume`` (start again, same port) or ``stop``."""
        subprocess.run(
            [str(ROOT / "scripts" / "pg-throwaway"), command, str(self.pg_dir)], check=True, timeout=120
        )

    def manage(self, *args: str, timeout: float = 300, **env: str) -> str:
        out = subprocess.run(
            [PYTHON, "manage.py", *args],
            cwd=ROOT,
            env=self.env(**env),
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        assert out.returncode == 0, out.stdout[-2000:] + out.stderr[-4000:]
        return out.stdout

    def python(self, code: str, timeout: float = 300, **env: str) -> Any:
        """Run ``code`` with Django set up against the stack; it prints one JSON value, returned here."""
        prelude = "import django, json\ndjango.setup()\n"
        out = subprocess.run(
            [PYTHON, "-c", prelude + code],
            cwd=ROOT,
            env=self.env(**env),
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        assert out.returncode == 0, out.stdout[-2000:] + out.stderr[-4000:]
        return json.loads(out.stdout.strip().splitlines()[-1])

    def spawn(self, *args: str, log: str, **env: str) -> subprocess.Popen[bytes]:
        """A ``manage.py`` process in its own process group (so it can be killed with its children)."""
        with open(self.home / log, "ab") as out:
            process = subprocess.Popen(
                [PYTHON, "manage.py", *args],
                cwd=ROOT,
                env=self.env(**env),
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.processes.append(process)
        return process

    def serve(self) -> str:
        """``runserver`` (threaded, no autoreload) on a free loopback port; answers its base URL once up."""
        port = free_port()
        self.spawn("runserver", "--noreload", f"127.0.0.1:{port}", log="server.log")
        base = f"http://127.0.0.1:{port}"
        wait_for(lambda: status_of(f"{base}/healthz") == 200, 60, "the web server did not start")
        return base

    def kill(self, process: subprocess.Popen[bytes], sig: int = signal.SIGKILL) -> None:
        if process.poll() is None:
            os.killpg(process.pid, sig)
            process.wait(timeout=30)

    def close(self) -> None:
        for process in self.processes:
            try:
                self.kill(process, signal.SIGTERM)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                self.kill(process)
        if self.url:
            self.postgres("stop")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def status_of(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (http://127.0.0.1 built here)
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


def wait_for(check: Any, seconds: float, message: str) -> float:
    """Poll ``check`` until true; answers the seconds it took."""
    started = time.monotonic()
    while not check():
        if time.monotonic() - started > seconds:
            raise AssertionError(message)
        time.sleep(0.1)
    return time.monotonic() - started


SEED_WORLD = """
from conftest import build_world
from hdnd.accounts.models import ApiToken
world = build_world()
token = ApiToken.issue(world.user("office_staff"), "Kiểm thử chịu lỗi")[1]
print(json.dumps({"council": world.province.pk, "token": token}))
"""
