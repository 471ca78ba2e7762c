"""Load (issue 9): 50 simulated users for 3 minutes on a mixed workload (``locustfile.py``) against the
production processes `make serve` starts (granian with several workers, task workers, the scheduler) on a
fresh PostgreSQL database holding the Hà Nội demo, on 127.0.0.1: no request fails, and the 95th
percentile of the reads (every GET) is at most 300 ms.

Short mode for development: ``LOAD_USERS=10 LOAD_SECONDS=20 scripts/battery -k load``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from .figures import measured
from .processes import ROOT, free_port, fresh_database, production_env, start_serve, stop, wait_ready

pytestmark = pytest.mark.battery

USERS = int(os.environ.get("LOAD_USERS", "50"))
SECONDS = int(os.environ.get("LOAD_SECONDS", "180"))
WEB_WORKERS = os.environ.get("LOAD_WEB_WORKERS", "3")
READ_P95_BUDGET_MS = 300


def _council_id(database_url: str) -> int:
    import psycopg

    with psycopg.connect(database_url) as conn:
        row = conn.execute(
            "SELECT id FROM councils_council WHERE name = 'HĐND thành phố Hà Nội' ORDER BY id LIMIT 1"
        ).fetchone()
    assert row, "the demo has no HĐND thành phố Hà Nội"
    return int(row[0])


def _run_locust(port: int, council: int, report: Path, csv: Path) -> subprocess.CompletedProcess[str]:
    command = [
        str(Path(sys.executable).with_name("locust")),
        "-f", str(Path(__file__).with_name("locustfile.py")),
        "--headless", "--users", str(USERS), "--spawn-rate", "10", "--run-time", f"{SECONDS}s",
        "--host", f"http://127.0.0.1:{port}", "--csv", str(csv), "--only-summary", "--stop-timeout", "10",
    ]  # fmt: skip
    env = dict(os.environ, LOAD_COUNCIL=str(council), LOAD_REPORT=str(report))
    return subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=SECONDS + 120, check=False
    )


def test_fifty_users_for_three_minutes_without_errors_and_fast_reads(tmp_path: Path) -> None:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        pytest.skip("the load test runs on PostgreSQL (scripts/battery)")
    port = free_port()
    check = f"Load: {USERS} users × {SECONDS} s, mixed workload, `make serve` ({WEB_WORKERS} web workers)"
    with measured(check) as figure, fresh_database(url, "load") as database_url:
        env = production_env(
            database_url, tmp_path, port, HDND_LOAD_DEMO="1", WEB_WORKERS=WEB_WORKERS, TASK_WORKERS="2"
        )
        with open(tmp_path / "serve.log", "wb") as log:
            serve = start_serve(env, log)
            try:
                wait_ready(port, serve, timeout=900)
                council = _council_id(database_url)
                result = _run_locust(port, council, tmp_path / "report.json", tmp_path / "locust")
            finally:
                stop(serve)
        assert (tmp_path / "report.json").exists(), result.stdout[-3000:] + result.stderr[-3000:]
        report: dict[str, Any] = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
        figure.cases = report["requests"]
        slowest = ", ".join(f"{name} {p95:.0f}" for name, p95 in report["slowest_reads_p95_ms"][:3])
        figure.result = (
            f"{report['requests']} requests ({report['rps']:.1f}/s), {report['failures']} errors; reads: "
            f"p50 {report['reads_p50_ms']:.0f} ms, p95 {report['reads_p95_ms']:.0f} ms, "
            f"p99 {report['reads_p99_ms']:.0f} ms (slowest p95: {slowest} ms); "
            f"writes p95 {report['writes_p95_ms']:.0f} ms"
        )
        assert report["failures"] == 0, report["failure_samples"]
        assert report["reads_p95_ms"] <= READ_P95_BUDGET_MS, figure.result
