"""Benchmark: the production application server, measured the way the platform runs (decisions 0013, 0014).

Starts the server (granian's WSGI interface by default; gunicorn with sync or threaded workers when
installed, to compare) with production settings on the demo data (SQLite, ``scripts/load-demo``), and
fires requests from a small asyncio client over keep-alive connections at every key page found in the
demo data, each right after a trivial view (``/healthz``: the whole middleware stack, no query): the
home page and the start page signed in (a session of the demo's clerk), a session's page, the public
pages (published answers to voters: index, council, cycle, commune; the meeting calendar and its .ics;
the sessions' .ics; the register of resolutions, the whole province's, one resolution; the reception
schedule). Prints requests per second, each page's share of the trivial view measured beside it (issue
15's ratio; the machine may be shared, and a change of load moves both) and the load average.

    .venv/bin/python bench/serve_throughput.py                           # granian, 10 s a page
    .venv/bin/python bench/serve_throughput.py --seconds 5 --pages register,answers --data-dir var/bench
    .venv/bin/python bench/serve_throughput.py --servers gunicorn-sync,gunicorn-gthread,granian

``--data-dir`` reuses a demo directory (made on the first run). A server that is not installed is skipped
with a note (``uv pip install gunicorn`` into a scratch target and ``PYTHONPATH`` adds it to compare).
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import json
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
TRIVIAL = "trivial (/healthz)"
SIGNED_IN_USER = "office_staff"  # the demo's clerk: the start page with the most work items

# The key pages (issue 15): label → URL, found in the demo data by ``DISCOVER`` (run in the server's
# settings); "*" marks a page fetched signed in (with a session cookie of ``SIGNED_IN_USER``).
DISCOVER = """
import json
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.urls import reverse as r
from hdnd.councils.models import Council, Level
from hdnd.petitions.models import Cycle
from hdnd.resolutions.models import Resolution
from hdnd.sittings.models import Session

province = Council.objects.filter(level=Level.PROVINCE, children__isnull=False).order_by("pk").first()
cycle = Cycle.objects.filter(issues__published_at__isnull=False).order_by("pk").first()
commune = Council.objects.filter(parent=province).order_by("pk").first()
resolution = Resolution.objects.public().filter(council=province).order_by("-issued_on").first()
session = Session.objects.filter(council=province).order_by("-opens_on").first()
user = get_user_model().objects.get(username=USER)
store = SessionStore()
store.update({SESSION_KEY: str(user.pk), BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
              HASH_SESSION_KEY: user.get_session_auth_hash()})
store.create()
pages = {
    TRIVIAL: r("healthz"),
    "home page (anonymous)": r("portal:home"),
    "*start page (signed in)": r("portal:dashboard"),
    "*session page (signed in)": r("sittings:session_detail", args=[session.pk]),
    "published answers: index": r("petitions:public_index"),
    "published answers: council": r("petitions:public_council", args=[province.pk]),
    "published answers: cycle": r("petitions:public_cycle", args=[cycle.pk]),
    "published answers: commune": r("petitions:public_commune", args=[commune.unit_id]),
    "meeting calendar": r("petitions:public_council_schedule", args=[province.pk]),
    "meeting calendar .ics": r("petitions:public_council_ical", args=[province.pk]),
    "session calendar .ics": r("sittings:session_ical", args=[province.pk]),
    "register of resolutions": r("resolutions:public_register", args=[province.pk]),
    "register, whole province": r("resolutions:public_province", args=[province.pk]),
    "a resolution": r("resolutions:public_detail", args=[resolution.pk]),
    "reception schedule": r("reception:public_schedule", args=[province.pk]),
}
print(json.dumps({"pages": pages, "cookie": store.session_key}))
"""


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


def discover(env: dict[str, str]) -> tuple[dict[str, str], str]:
    """The key pages' URLs in the demo data, and a signed-in session cookie (the server's settings)."""
    script = f"USER, TRIVIAL = {SIGNED_IN_USER!r}, {TRIVIAL!r}\n{DISCOVER}"
    command = [PY, "manage.py", "shell", "-c", script]
    run = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if run.returncode:
        raise RuntimeError(f"finding the pages failed:\n{run.stderr}")
    out = run.stdout
    found = json.loads(out.strip().splitlines()[-1])
    return found["pages"], f"sessionid={found['cookie']}"


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


async def _one_connection(port: int, path: str, cookie: str, until: float, counts: dict[str, int]) -> None:
    extra = f"Cookie: {cookie}\r\n" if cookie else ""
    request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Language: vi\r\n{extra}\r\n".encode()
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


def measure(port: int, path: str, seconds: float, connections: int, cookie: str = "") -> tuple[float, int]:
    """Requests per second answered 200 over ``seconds``, and the number of other answers."""
    counts = {"ok": 0, "errors": 0}

    async def run() -> None:
        until = time.monotonic() + seconds
        await asyncio.gather(
            *(_one_connection(port, path, cookie, until, counts) for _ in range(connections))
        )

    started = time.monotonic()
    asyncio.run(run())
    return counts["ok"] / (time.monotonic() - started), counts["errors"]


def bench_server(name: str, env: dict[str, str], args: argparse.Namespace) -> dict[str, float]:
    """Each page right after the trivial view: its share is of the trivial view measured beside it, so a
    change in the machine's load during the run moves both (the machine is shared)."""
    pages, cookie = discover(env)
    trivial_path = pages.pop(TRIVIAL)
    if args.pages:
        pages = {label: url for label, url in pages.items() if any(c in label for c in args.pages.split(","))}
    port = free_port()
    server = subprocess.Popen(server_command(name, port, args.workers), cwd=ROOT, env=env)
    results = {}
    try:
        wait_ready(port)
        print(f"  {name:9} {'page':30} {'req/s':>8} {TRIVIAL + ' beside it':>26} {'share':>6}")
        for label, path in pages.items():
            signed_in = cookie if label.startswith("*") else ""
            measure(port, path, 1.0, args.connections, signed_in)  # warm up: templates, connections, caches
            trivial, _ = measure(port, trivial_path, args.seconds, args.connections)
            rps, errors = measure(port, path, args.seconds, args.connections, signed_in)
            results[label.lstrip("*")] = rps / (trivial or 1)
            note = f"  ({errors} non-200 answers)" if errors else ""
            row = f"{label.lstrip('*'):30} {rps:8.0f} {trivial:26.0f} {rps / (trivial or 1):6.0%}"
            print(f"  {name:9} {row}  {path}{note}", flush=True)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return results


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3]) if Path("/proc/loadavg").exists() else "?"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--servers", default="granian")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--pages", default="", help="only the pages whose label holds one of these words")
    parser.add_argument("--data-dir", type=Path, default=None, help="a demo data directory to reuse")
    args = parser.parse_args()
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="hdnd-bench-serve-"))
    env = production_env(data_dir)
    prepare(data_dir, env)
    setup = f"{args.workers} workers, {args.connections} keep-alive connections, {os.cpu_count()} cores"
    print(f"{setup}; load average {load_average()}")
    for name in args.servers.split(","):
        module = "gunicorn" if name.startswith("gunicorn") else "granian"
        if importlib.util.find_spec(module) is None:
            print(f"  {name}: not installed, skipped")
            continue
        bench_server(name, env, args)
    print(f"load average after the run: {load_average()} (shares: of the trivial view; issue 15 asks ≥ 25 %"
          " for the busiest public pages)")  # fmt: skip


if __name__ == "__main__":
    main()
