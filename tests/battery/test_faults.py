"""Faults: PostgreSQL stopped and started again under a write load, and a task worker killed mid-run.

Each test starts its own platform on loopback (``stack.Stack``: a throwaway PostgreSQL the test halts and
resumes with ``pg_ctl``, the web server, the task worker) and bounds its own time.

- Clients keep drafting resolutions over the API, each request carrying an ``Idempotency-Key`` and
  repeated with the same key until acknowledged (201). PostgreSQL is stopped (``pg_ctl stop -m fast``,
  which ends every connection and rolls back what was in flight) and started again while they write.
  Every acknowledged record must be there exactly once, no record twice, every client acknowledged in
  the end, and the same server process must answer again without a restart.
- The task worker (``manage.py db_worker``) is killed (SIGKILL) in the middle of a background synthesis
  of a large cycle, then of the hourly answer-reminder run. After a restart the synthesis run is failed
  with the clerk's message by the periodic check (run as it would two minutes later) together with its
  task row, the clerk starts it again and it completes: every petition in exactly one issue, no empty
  issue. The reminder run's task row, left RUNNING, is put back in the queue by the sweep of dead workers'
  rows (``core.workers``, the workers beating every 1.5 s and silence for 6 s meaning dead) and finishes
  the reminders: every agency reminded once per forwarding, each reminder mailed exactly once (the file
  mail backend keeps every message the worker sent, with its outbox ``Message-ID``).
- A process is killed (SIGKILL) right after committing 200 mails to the outbox, before sending any; two
  senders then start at once: each mail sent once, none lost, none twice (``core.outbox``).
"""

from __future__ import annotations

import json
import signal
import subprocess
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from .figures import measured
from .stack import PYTHON, ROOT, SEED_WORLD, Stack, wait_for

pytestmark = [pytest.mark.battery]

CLIENTS = 8
LOAD_SECONDS = 24.0  # the whole write load
HALT_AFTER = 6.0  # PostgreSQL stops this long after the load starts…
DOWN_FOR = 5.0  # …and stays down this long
GIVE_UP_AFTER = 60.0  # a client stops retrying one record after this long (then it counts as a failure)
PREFIX = "Nghị quyết chịu lỗi"


@pytest.fixture(scope="module")
def seeded(stack: Stack) -> dict[str, Any]:
    return dict(stack.python(SEED_WORLD))


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    found = Stack(tmp_path_factory.mktemp("faults"))
    try:
        found.start_postgres()
        found.manage("migrate", "--no-input", "-v0", timeout=600)
        found.manage("seed_rules", timeout=120)  # the reminder run reads its deadlines from the rules
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


def test_postgresql_restarted_under_write_load_loses_and_doubles_nothing(
    stack: Stack, seeded: dict[str, Any]
) -> None:
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


PETITIONS = 30_000  # a province's cycle: long enough to be caught half-way
FORWARDINGS = 400  # answers due today, each to be reminded once
KILL_AFTER_MAILS = FORWARDINGS // 3

SEED_WORK = """
from datetime import timedelta
from django.utils import timezone
from bench.petition_generator import generate
from hdnd.councils.models import Agency, Council
from hdnd.petitions.models import Cycle, Forwarding, Petition, PetitionIssue
council = Council.objects.get(pk=COUNCIL)
Agency.objects.filter(council=council).update(email="van-thu@so-xay-dung.example")
agency = Agency.objects.filter(council=council).first()
big = Cycle.objects.create(council=council, name="Đợt tổng hợp chịu lỗi", year=2026)
Petition.objects.bulk_create(
    (
        Petition(council=council, cycle=big, source=Petition.Source.LETTER, text=p.text)
        for p in generate(PETITIONS)
    ),
    batch_size=5000,
)
small = Cycle.objects.create(council=council, name="Đợt nhắc hạn chịu lỗi", year=2026)
issues = PetitionIssue.objects.bulk_create(
    PetitionIssue(council=council, cycle=small, title=f"Kiến nghị nhắc hạn số {i:04d}")
    for i in range(FORWARDINGS)
)
today = timezone.localdate()
Forwarding.objects.bulk_create(
    Forwarding(council=council, issue=issue, agency=agency, sent_on=today - timedelta(days=20), due_on=today)
    for issue in issues
)
print(json.dumps({"cycle": big.pk}))
"""

START_SYNTHESIS = """
from hdnd.accounts.models import User
from hdnd.councils.models import Council
from hdnd.petitions.actions.synthesis import start_synthesis
from hdnd.petitions.models import Cycle
clerk = User.objects.get(username="office_staff")
run = start_synthesis(Council.objects.get(pk=COUNCIL), Cycle.objects.get(pk=CYCLE), by=clerk)
print(json.dumps(run.pk))
"""

CHECK_TWO_MINUTES_LATER = """
from datetime import timedelta
from django.utils import timezone
from hdnd.petitions import background
later = timezone.now() + background.STALE_AFTER + timedelta(seconds=5)
print(json.dumps([run.pk for run in background.fail_stale_runs(later)]))
"""

STATE = """
from django.db.models import Count
from django_tasks_db.models import DBTaskResult
from hdnd.petitions.models import Forwarding, Petition, PetitionIssue, SynthesisRun
runs = {run.pk: [run.status, run.error] for run in SynthesisRun.objects.all()}
rows = DBTaskResult.objects.order_by("enqueued_at")
tasks = [[row.task_path.rsplit(".", 1)[-1], row.status] for row in rows]
issues = PetitionIssue.objects.filter(cycle_id=CYCLE)
print(json.dumps({
    "runs": runs,
    "tasks": tasks,
    "unassigned": Petition.objects.filter(cycle_id=CYCLE, issue__isnull=True).count(),
    "assigned": Petition.objects.filter(cycle_id=CYCLE, issue__isnull=False).count(),
    "issues": issues.count(),
    "empty_issues": issues.annotate(n=Count("petitions")).filter(n=0).count(),
    "reminded": Forwarding.objects.filter(reminded_at__isnull=False).count(),
}))
"""

ENQUEUE_REMINDERS = """
from hdnd.petitions.tasks import send_answer_reminders
print(json.dumps(str(send_answer_reminders.enqueue().id)))
"""

STALE_SECONDS = 6  # the workers beat every 1.5 s; silent for 6 s means dead (120 s in production)
SWEEP = """
from hdnd.core.workers import recover_stale_tasks
print(json.dumps(recover_stale_tasks()))
"""
SEND_PENDING = """
from hdnd.core.outbox import deliver_due
print(json.dumps(deliver_due()))
"""
OUTBOX = """
from django.db.models import Count
from hdnd.core.models import OutboxMail
rows = OutboxMail.objects.filter(subject__startswith=TITLE).order_by().values_list("status")
print(json.dumps(dict(rows.annotate(n=Count("pk")))))
"""
MAIL_TITLE = r"Thư chịu lỗi số \d{4}"


def _row_status(row_id: str) -> str:
    return (
        "from django_tasks_db.models import DBTaskResult\n"
        f"row = DBTaskResult.objects.get(pk={row_id!r})\n"
        "print(json.dumps([row.status, len(row.worker_ids)]))\n"
    )


def _run_row(stack: Stack, run_id: int) -> tuple[str, int, int]:
    import psycopg

    with psycopg.connect(stack.url, connect_timeout=10) as pg, pg.cursor() as cursor:
        cursor.execute(
            "SELECT status, done, issues_created FROM petitions_synthesisrun WHERE id = %s", [run_id]
        )
        row = cursor.fetchone()
    assert row is not None
    return str(row[0]), int(row[1]), int(row[2])


def _mailed(folder: Path, pattern: str = r"Kiến nghị nhắc hạn số \d{4}") -> Counter[tuple[str, str]]:
    """(title, Message-ID) of each mail the workers sent (the file backend: one file a connection), so a
    resend of one outbox row (same Message-ID) is told from a second mail (another one)."""
    import email
    import email.policy
    import re

    found: Counter[tuple[str, str]] = Counter()
    for path in folder.glob("*.log") if folder.exists() else []:
        for chunk in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
            if chunk.strip():
                message = email.message_from_bytes(chunk, policy=email.policy.default)
                body = message.get_body(("plain",))
                text = body.get_content() if body is not None else ""
                found.update((title, str(message["Message-ID"])) for title in re.findall(pattern, text))
    return found


def _once(sent: Counter[tuple[str, str]]) -> tuple[set[str], list[str], int]:
    """The titles mailed, those mailed as two different mails, and the resends of one mail."""
    ids: dict[str, set[str]] = {}
    for title, message_id in sent:
        ids.setdefault(title, set()).add(message_id)
    twice = sorted(title for title, found in ids.items() if len(found) > 1)
    return set(ids), twice, sum(n - 1 for n in sent.values())


def test_a_worker_killed_mid_run_leaves_runs_that_finish_and_mails_sent_once(
    stack: Stack, seeded: dict[str, Any]
) -> None:
    values = {"COUNCIL": seeded["council"], "PETITIONS": PETITIONS, "FORWARDINGS": FORWARDINGS}
    cycle = stack.python(_with(SEED_WORK, values), timeout=300)["cycle"]
    values["CYCLE"] = cycle
    mails = stack.home / "mail"
    worker_env: dict[str, Any] = {
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mails),
        "HDND_TASK_STALE_SECONDS": str(STALE_SECONDS),
    }
    worker_args = ("db_worker", "--queue-name", "*", "--no-startup-delay", "--interval", "0.2")

    with measured(f"Task worker killed mid-synthesis ({PETITIONS} petitions), restarted") as figure:
        worker = stack.spawn(*worker_args, log="worker.log", **worker_env)
        first = stack.python(_with(START_SYNTHESIS, values))
        wait_for(lambda: _run_row(stack, first)[0] == "running", 240, "the synthesis never started")
        time.sleep(1.0)  # reading and grouping the cycle's petitions take seconds
        stack.kill(worker)
        status, done, saved = _run_row(stack, first)
        assert status == "running", f"the run was {status} when the worker was killed: not mid-run"
        worker = stack.spawn(*worker_args, log="worker.log", **worker_env)
        assert stack.python(CHECK_TWO_MINUTES_LATER) == [first]
        second = stack.python(_with(START_SYNTHESIS, values))
        wait_for(lambda: _run_row(stack, second)[0] in ("done", "failed"), 300, "the second run never ended")
        state = stack.python(_with(STATE, values))
        runs = {int(pk): value for pk, value in state["runs"].items()}
        dead_task = state["tasks"][0]
        figure.cases = state["assigned"] + state["unassigned"]
        figure.result = (
            f"killed at {done} of {2 * PETITIONS} steps ({saved} issues saved); after the restart the run is "
            f"{runs[first][0]} (“{runs[first][1][:60]}…”), its task row {dead_task[1]}; run again: "
            f"{runs[second][0]}, {state['assigned']} petitions in {state['issues']} issues, "
            f"{state['unassigned']} left out, {state['empty_issues']} empty issues"
        )
        assert runs[first][0] == "failed"
        assert runs[first][1].startswith("Lần tổng hợp này bị gián đoạn")
        assert dead_task == ["synthesize_in_background", "FAILED"]
        assert runs[second][0] == "done"
        assert state["unassigned"] == 0
        assert state["empty_issues"] == 0
        assert state["assigned"] == PETITIONS

    with measured(f"Task worker killed mid-reminders ({FORWARDINGS} answers due), restarted") as figure:
        reminder_row = stack.python(ENQUEUE_REMINDERS)
        wait_for(lambda: sum(_mailed(mails).values()) >= KILL_AFTER_MAILS, 240, "no reminders were mailed")
        stack.kill(worker)
        at_kill = sum(_mailed(mails).values())
        worker = stack.spawn(*worker_args, log="worker.log", **worker_env)
        # The scheduler's sweep, once the dead worker has been silent for HDND_TASK_STALE_SECONDS: the
        # reminder run is a periodic job (it records each reminder), so it is put back in the queue.
        time.sleep(STALE_SECONDS + 1.5)
        recovered = stack.python(SWEEP, **worker_env)
        assert recovered == {reminder_row: "đã xếp hàng chạy lại (lần 2)"}, recovered
        wait_for(lambda: stack.python(_row_status(reminder_row))[0] == "SUCCESSFUL", 240, "no rerun")
        left = stack.python(SEND_PENDING, **worker_env)  # the outbox's periodic sender, a minute later
        state = stack.python(_with(STATE, values))
        state["outbox"] = stack.python(_with(OUTBOX, {"TITLE": "Nhắc hạn trả lời kiến nghị"}))
        status, runs = stack.python(_row_status(reminder_row))
        titles, twice, resent = _once(_mailed(mails))
        missing = FORWARDINGS - len(titles)
        figure.cases = FORWARDINGS
        figure.result = (
            f"killed after {at_kill} mails; the sweep requeued the killed run's task row, which finished "
            f"({status}, {runs} workers): {state['reminded']} forwardings reminded, {len(titles)} mailed, "
            f"{missing} not mailed, {len(twice)} mailed twice, {resent} resent under the same Message-ID; "
            f"the periodic sender found {left} left; outbox {state['outbox']}"
        )
        assert state["reminded"] == FORWARDINGS
        assert not twice, f"mailed twice: {twice[:5]}"
        assert missing == 0, f"{missing} reminders recorded but never mailed"
        assert status == "SUCCESSFUL"
        assert runs == 2
        assert state["outbox"] == {"sent": FORWARDINGS}
        stack.kill(worker)


MAILS = 200
KILLED_AFTER_COMMIT = """
import os, signal
from django.db import transaction
from hdnd.core.outbox import queue_mail
with transaction.atomic():
    # Registered first, so it runs first after the commit: the process dies before any mail is sent.
    transaction.on_commit(lambda: os.kill(os.getpid(), signal.SIGKILL))
    for n in range(MAILS):
        queue_mail(f"{PREFIX} {n:04d}", f"{PREFIX} {n:04d}", ["nhan@example.org"])
print("the process was not killed")
"""

SENDER = """
import time
from hdnd.core import outbox
outbox.BATCH = 5  # small claims, so the two senders interleave
send = outbox._send
def slow_send(row):  # a mail server's answer takes a while
    time.sleep(0.02)
    send(row)
outbox._send = slow_send
time.sleep(max(0.0, START - time.time()))  # both senders start together
print(json.dumps(outbox.deliver_due()))
"""


def test_a_process_killed_between_commit_and_send_loses_no_mail_and_two_senders_send_each_once(
    stack: Stack,
) -> None:
    mails = stack.home / "mail-outbox"
    env = {"EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend", "EMAIL_FILE_PATH": str(mails)}
    check = f"Mail outbox: process killed between commit and send ({MAILS} mails), then two senders at once"
    with measured(check) as figure:
        killed = subprocess.run(
            _script(KILLED_AFTER_COMMIT, {"MAILS": MAILS, "PREFIX": "Thư chịu lỗi số"}),
            cwd=ROOT, env=stack.env(**env), capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert killed.returncode == -signal.SIGKILL, killed.stdout + killed.stderr[-2000:]
        before = sum(_mailed(mails, MAIL_TITLE).values())
        pending = stack.python(_with(OUTBOX, {"TITLE": "Thư chịu lỗi"}))
        start = {"START": time.time() + 8}  # after both processes have set Django up
        senders = [
            subprocess.Popen(_script(SENDER, start), cwd=ROOT, env=stack.env(**env), stdout=subprocess.PIPE)
            for _ in range(2)
        ]
        counts = [int(sender.communicate(timeout=180)[0].strip().splitlines()[-1]) for sender in senders]
        titles, twice, resent = _once(_mailed(mails, MAIL_TITLE))
        after = stack.python(_with(OUTBOX, {"TITLE": "Thư chịu lỗi"}))
        figure.cases = MAILS
        figure.result = (
            f"{pending.get('pending', 0)} committed and pending after the kill, {before} sent before it; two "
            f"senders then sent {sum(counts)} ({counts[0]} + {counts[1]}): {len(titles)} distinct mails, "
            f"{len(twice)} twice, {resent} resent; outbox {after}"
        )
        assert before == 0
        assert pending == {"pending": MAILS}
        assert len(titles) == MAILS
        assert not twice
        assert resent == 0
        assert sum(counts) == MAILS
        assert after == {"sent": MAILS}


KILLED_AFTER_SENDING = """
import os, signal
from hdnd.core import outbox
send = outbox._send
def send_then_die(row):  # the mail server has accepted it; the row is not marked sent yet
    send(row)
    os.kill(os.getpid(), signal.SIGKILL)
outbox._send = send_then_die
outbox.deliver_due()
"""

SEND_AFTER_THE_CLAIM_LAPSED = """
from datetime import timedelta
from django.utils import timezone
from hdnd.core import outbox
from hdnd.core.models import OutboxMail
later = timezone.now() + outbox.CLAIM_FOR + timedelta(seconds=1)
sent = outbox.deliver_due(now=later)
row = OutboxMail.objects.get(subject=SUBJECT)
print(json.dumps([sent, row.status, row.attempts, row.message_id]))
"""


def test_a_sender_killed_between_sending_and_marking_resends_under_the_same_message_id(stack: Stack) -> None:
    mails = stack.home / "mail-resend"
    env: dict[str, Any] = {
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mails),
    }
    with measured("Mail outbox: sender killed after the mail server accepted, before the mark") as figure:
        committed = subprocess.run(
            _script(KILLED_AFTER_COMMIT, {"MAILS": 1, "PREFIX": "Thư gửi lại số"}),
            cwd=ROOT, env=stack.env(**env), capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert committed.returncode == -signal.SIGKILL, committed.stderr[-2000:]
        dying = subprocess.run(
            _script(KILLED_AFTER_SENDING, {}),
            cwd=ROOT, env=stack.env(**env), capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert dying.returncode == -signal.SIGKILL, dying.stderr[-2000:]
        first = _mailed(mails, r"Thư gửi lại số 0000")
        sent, status, attempts, message_id = stack.python(
            _with(SEND_AFTER_THE_CLAIM_LAPSED, {"SUBJECT": "Thư gửi lại số 0000"}), **env
        )
        copies = _mailed(mails, r"Thư gửi lại số 0000")
        figure.cases = 1
        figure.result = (
            f"{sum(first.values())} copy sent before the kill, row left unmarked; after the claim lapsed: "
            f"{sent} resent, row {status} after {attempts} tries; {sum(copies.values())} copies, "
            f"{len({mid for _, mid in copies})} Message-ID (receivers keep one)"
        )
        assert sum(first.values()) == 1
        assert sent == 1
        assert status == "sent"
        assert attempts == 2
        assert copies == Counter({("Thư gửi lại số 0000", message_id): 2})


def _script(code: str, values: dict[str, Any]) -> list[str]:
    """A Python process with Django set up against the stack, running ``code`` with ``values`` set."""
    return [PYTHON, "-c", "import django, json\ndjango.setup()\n" + _with(code, values)]


def _with(code: str, values: dict[str, Any]) -> str:
    return "".join(f"{name} = {value!r}\n" for name, value in values.items()) + code
