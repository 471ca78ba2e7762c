"""Benchmark: the production application servers, measured the way the platform runs (decision 0013).

For each server (gunicorn with sync workers, gunicorn with threaded workers, granian's WSGI interface;
those installed), starts it with production settings on the demo data (SQLite, ``scripts/load-demo``),
and fires requests from a small asyncio client over keep-alive connections at a trivial view
(``/healthz``: the whole middleware stack, no query), the home page and two public pages, printing
requests per second and each page as a share of the trivial view (issue 15's ratio).

    .venv/bin/python bench/serve_throughput.py                       # every installed server, 10 s a page
    .venv/bin/python bench/serve_throughput.py --servers granian --seconds 5 --workers 2

A server that is not installed is skipped with a note (granian is the dependency; ``uv pip install
gunicorn`` into a scratch target and ``PYTHONPATH`` adds the other one to compare).
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
PAGES = {
    "trivial (/healthz)": "/healthz",
    "home page": "/",
    "public register of resolutions": "/cong-khai/hdnd/1/nghi-quyet/",
    "published petition answers": "/cong-khai/kien-nghi/",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def server_command(name: str, port: int, workers: int) -> list[str]:
    app = "hdnd.wsgi:application"
    if name == "gunicorn-sync":
        return [
            PY,
            "-m",
            "gunicorn",
            app,
            "-w",
            str(workers),
            "-b",
            f"127.0.0.1:{port}",
            "--timeout",
            "120",
            "--log-level",
            "warning",
        ]
    if name == "gunicorn-gthread":
        return [PY, "-m", "gunicorn", app, "-w", str(workers), "-k", "gthread", "--threads", "4",
                "-b", f"127.0.0.1:{port}", "--timeout", "120", "--log-level", "warning"]  # fmt: skip
    return [PY, "-m", "granian", "--interface", "wsgi", app, "--workers", str(workers),
            "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"]  # fmt: skip


def production_env(data_dir: Path) -> dict[str, str]:
    """Production settings on the demo's data directory, with the keys the demo was made with."""
    env = dict(os.environ)
    keys = {}
    for name, variable in (("secret_key", "SECRET_KEY"), ("audit.key", "HDND_AUDIT_KEY")):
        path = data_dir / name
        keys[variable] = path.read_text().strip() if path.exists() else f"bench-{name}-" + "x" * 50
    env.update(
        keys,
        HDND_ENV="production",
        HDND_DATA_DIR=str(data_dir),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        HTTPS="off",
        LOG_LEVEL="WARNING",
    )
    env.pop("DATABASE_URL", None)
    return env


def prepare(data_dir: Path, env: dict[str, str]) -> None:
    """Migrate, load the demo and collect the static files once (skipped when the demo is there)."""
    if not (data_dir / "hdnd.sqlite3").exists():
        embedded = {k: v for k, v in env.items() if k not in ("HDND_ENV", "SECRET_KEY", "HDND_AUDIT_KEY")}
        subprocess.run([str(ROOT / "scripts" / "load-demo")], cwd=ROOT, env=embedded, check=True)
        env.update(production_env(data_dir))
    for command in (["migrate", "--no-input"], ["collectstatic", "--no-input"]):
        subprocess.run([PY, "manage.py", *command, "-v0"], cwd=ROOT, env=env, check=True)


def wait_ready(port: int, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=10) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"server on port {port} not ready after {timeout} s")


async def _one_connection(port: int, path: str, until: float, counts: dict[str, int]) -> None:
    request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Language: vi\r\n\r\n".encode()
    reader = writer = None
    while time.monotonic() < until:
        if writer is None:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
        assert reader is not None
        writer.write(request)
        head = await reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers = {
            k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:] if line)
        }
        if "content-length" in headers:
            await reader.readexactly(int(headers["content-length"]))
        else:
            await reader.read()  # no length: the server closes after the body
        counts["ok" if status == 200 else "errors"] += 1
        if headers.get("connection", "").lower() == "close" or "content-length" not in headers:
            writer.close()
            reader = writer = None
    if writer is not None:
        writer.close()


def measure(port: int, path: str, seconds: float, connections: int) -> tuple[float, int]:
    """Requests per second answered 200 over ``seconds``, and the number of other answers."""
    counts = {"ok": 0, "errors": 0}

    async def run() -> None:
        until = time.monotonic() + seconds
        await asyncio.gather(*(_one_connection(port, path, until, counts) for _ in range(connections)))

    started = time.monotonic()
    asyncio.run(run())
    return counts["ok"] / (time.monotonic() - started), counts["errors"]


def bench_server(name: str, env: dict[str, str], args: argparse.Namespace) -> dict[str, float]:
    port = free_port()
    server = subprocess.Popen(server_command(name, port, args.workers), cwd=ROOT, env=env)
    results = {}
    try:
        wait_ready(port)
        for label, path in PAGES.items():
            measure(port, path, 1.0, args.connections)  # warm up: templates, connections, caches
            rps, errors = measure(port, path, args.seconds, args.connections)
            results[label] = rps
            note = f"  ({errors} non-200 answers)" if errors else ""
            print(f"  {name:17} {label:34} {rps:8.0f} req/s{note}", flush=True)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--servers", default="gunicorn-sync,gunicorn-gthread,granian")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--data-dir", type=Path, default=None, help="a demo data directory to reuse")
    args = parser.parse_args()
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="hdnd-bench-serve-"))
    env = production_env(data_dir)
    prepare(data_dir, env)
    print(
        f"{args.workers} worker processes, {args.connections} keep-alive connections, {os.cpu_count()} cores"
    )
    table = {}
    for name in args.servers.split(","):
        module = "gunicorn" if name.startswith("gunicorn") else "granian"
        if importlib.util.find_spec(module) is None:
            print(f"  {name}: not installed, skipped")
            continue
        table[name] = bench_server(name, env, args)
    print("\nShare of the trivial view (issue 15 asks ≥ 25 % for the busiest public pages):")
    for name, results in table.items():
        trivial = results["trivial (/healthz)"] or 1
        shares = ", ".join(f"{label} {rps / trivial:.0%}" for label, rps in results.items() if rps != trivial)
        print(f"  {name:17} {shares}")


if __name__ == "__main__":
    main()
