"""Faults: PostgreSQL stopped and started again under a write load, and a task worker killed mid-run.

Each test starts its own platform on loopback (``stack.Stack``: a throwaway PostgreSQL the test halts and
resumes with ``pg_ctl``, the web server, the task worker) and bounds its own time.

- Clients keep drafting resolutions over the API, each request carrying an ``Idempotency-Key`` and
  repeated with the same key until acknowledged (201). PostgreSQL is stopped (``pg_ctl stop -m fast``,
  which ends every connection and rolls back what was in flight) and started again while they write.
  Every acknowledged record must be there exactly once, no record twice, every client acknowledged in
  the end, and the same server process must answer again without a restart.
"""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest

from .figures import measured
from .stack import SEED_WORLD, Stack, wait_for

pytestmark = [pytest.mark.battery]

CLIENTS = 8
LOAD_SECONDS = 24.0  # the whole write load
HALT_AFTER = 6.0  # PostgreSQL stops this long after the load starts…
DOWN_FOR = 5.0  # …and stays down this long
GIVE_UP_AFTER = 60.0  # a client stops retrying one record after this long (then it counts as a failure)
PREFIX = "Nghị quyết chịu lỗi"


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    found = Stack(tmp_path_factory.mktemp("faults"))
    try:
        found.start_postgres()
        found.manage("migrate", "--no-input", "-v0", timeout=600)
        yield found
    finally:
        found.close()


@dataclass
class Client:
    base: str
    token: str
    council: int
    acknowledged: dict[str, int] = field(default_factory=dict)  # title -> id
    given_up: list[str] = field(default_factory=list)
    attempts: Counter[str] = field(default_factory=Counter)

    def draft(self, title: str, deadline: float) -> None:
        """Send one draft until the server acknowledges it, always with the same key and body."""
        key = str(uuid.uuid4())
        body = json.dumps({"title": title}).encode()
        headers = {
            "Authorization": f"Bearer {self.token}",
            "Content-Type": "application/json",
            "Idempotency-Key": key,
        }
        url = f"{self.base}/api/v1/councils/{self.council}/resolutions"
        while time.monotonic() < deadline:
            request = urllib.request.Request(url, data=body, headers=headers, method="POST")  # noqa: S310
            try:
                with urllib.request.urlopen(request, timeout=15) as response:  # noqa: S310 (loopback)
                    self.attempts[str(response.status)] += 1
                    if response.status == 201:
                        self.acknowledged[title] = json.load(response)["id"]
                        return
            except urllib.error.HTTPError as error:
                self.attempts[str(error.code)] += 1
            except OSError:
                self.attempts["connection"] += 1
            time.sleep(0.2)
        self.given_up.append(title)


def _rows(stack: Stack) -> tuple[list[tuple[int, str]], int]:
    """The load's resolutions, and the submissions still claimed (never finished nor let go)."""
    import psycopg

    with psycopg.connect(stack.url, connect_timeout=10) as pg, pg.cursor() as cursor:
        cursor.execute("SELECT id, title FROM resolutions_resolution WHERE title LIKE %s", [f"{PREFIX}%"])
        found = [(int(pk), str(title)) for pk, title in cursor.fetchall()]
        cursor.execute("SELECT count(*) FROM core_submission WHERE state <> 'done'")
        row = cursor.fetchone()
    return found, int(row[0]) if row else 0


def test_postgresql_restarted_under_write_load_loses_and_doubles_nothing(stack: Stack) -> None:
    seeded = stack.python(SEED_WORLD)
    base = stack.serve()
    server = stack.processes[-1]
    stop = threading.Event()
    clients = [Client(base, seeded["token"], seeded["council"]) for _ in range(CLIENTS)]

    def write(n: int, client: Client) -> None:
        i = 0
        while not stop.is_set():
            client.draft(f"{PREFIX} {n}-{i}", time.monotonic() + GIVE_UP_AFTER)
            i += 1

    check = f"PostgreSQL stopped {DOWN_FOR:.0f} s under write load ({CLIENTS} clients, Idempotency-Key)"
    with measured(check) as figure:
        threads = [threading.Thread(target=write, args=(n, c)) for n, c in enumerate(clients)]
        for thread in threads:
            thread.start()
        time.sleep(HALT_AFTER)
        before = sum(len(c.acknowledged) for c in clients)
        stack.postgres("halt")
        time.sleep(DOWN_FOR)
        stack.postgres("resume")
        resumed, during = time.monotonic(), sum(len(c.acknowledged) for c in clients)
        recovery = wait_for(
            lambda: sum(len(c.acknowledged) for c in clients) > during,
            60,
            "no write acknowledged after restart",
        )
        time.sleep(max(0.0, LOAD_SECONDS - HALT_AFTER - DOWN_FOR - (time.monotonic() - resumed)))
        stop.set()
        for thread in threads:
            thread.join(timeout=GIVE_UP_AFTER + 30)
        acknowledged = {t: pk for c in clients for t, pk in c.acknowledged.items()}
        attempts = sum((c.attempts for c in clients), Counter[str]())
        given_up = [t for c in clients for t in c.given_up]
        rows, stuck = _rows(stack)
        titles = Counter(title for _, title in rows)
        doubled = sorted(t for t, n in titles.items() if n > 1)
        lost = sorted(t for t, pk in acknowledged.items() if (pk, t) not in set(rows))
        refused = {code: n for code, n in attempts.items() if code != "201"}
        figure.cases = len(acknowledged)
        figure.result = (
            f"{len(acknowledged)} acknowledged ({before} before the stop), {len(rows)} rows; "
            f"{len(lost)} lost, {len(doubled)} doubled, {len(given_up)} given up, {stuck} keys stuck; "
            f"first write {recovery:.1f} s after the restart, same server process; "
            f"failed attempts retried: {dict(sorted(refused.items()))}"
        )
        assert server.poll() is None, "the web server died"
        assert not lost, f"acknowledged but missing: {lost[:5]}"
        assert not doubled, f"stored twice: {doubled[:5]}"
        assert not given_up, f"never acknowledged: {given_up[:5]}"
        assert not stuck, f"{stuck} submissions left claimed but never finished"
        assert len(rows) == len(acknowledged)
        assert refused, "PostgreSQL's stop did not reach the clients (no failed attempt)"
