"""Benchmark: the key pages at the size of the country (issue 15: p95 under 100 ms, queries not growing).

Opens the staff's lists, details and dashboards as a province's office staff and the public pages as a
voter, on a database ``manage.py generate_national`` filled (docs/national-data.md), through Django's
test client in one process (no network, no server: the view, its queries and its template). Prints for
each page the p50 and p95 of ``--repeat`` requests, its SQL query count, and, as the baseline of the
same run, a bare ``SELECT 1`` round trip.

    DATABASE_URL=postgres://.../national .venv/bin/python bench/national_pages.py [--repeat 20]

It reads only (a throwaway user with one role is added and removed), but for the tasks a page's first
view asks for, run then as the worker would: a reporting period's figures counted, a round's grouping
reasons stored with its issues. Caches are cleared before each page's first request, which is not
timed. The public pages are then served from the public page cache (``hdnd.core.publiccache``, the
database table as in production); ``--render`` bumps every page's versions before every request, as any
audited change in the country does to the index and the communes' pages, to time what a miss costs (the
page rendered and stored again). ``--changed`` makes a change in the province before every request (its
versions bumped, as every audited action does): the reporting-period pages then serve the figures
counted before it and ask for a recount, which no worker runs here (the task backend is the dummy one).
No page counts a period's figures in the request (``bench/national_rollup.py`` times the worker's
count). ``--cpu`` adds the
CPU time of a request, the process's and its PostgreSQL backend's (Linux, server on the same machine):
on a shared machine the wall clock swings with the others' work, the CPU time hardly.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HDND_DATA_DIR", tempfile.mkdtemp(prefix="hdnd-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hdnd.settings")
# Reads only, and what a page asks the worker for is never counted in the request: a TASKS_BACKEND left
# in the shell (the tests' immediate one) would time the worker's count as the page's.
os.environ["TASKS_BACKEND"] = "django.tasks.backends.dummy.DummyBackend"

BUDGET_MS = 100.0
USER = "bench_national_pages"
RENDER = False  # --render: every page's versions bumped before each request (a miss: the page's own cost)
CHANGED: list[str] = []  # --changed: the province's versions, bumped before each request
CPU = False  # --cpu: also the CPU time of a request, this process's and its PostgreSQL backend's
CPU_MS: dict[str, tuple[float, float]] = {}  # url -> (Python ms, PostgreSQL ms) per request
_BACKEND: list[int] = []


def _backend_cpu_ms() -> float:
    """CPU used so far by this connection's PostgreSQL backend (Linux /proc: the server on this machine).

    Unlike the wall clock, it hardly moves with the other work on the machine."""
    from django.db import connection

    if not _BACKEND:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            _BACKEND.append(cursor.fetchone()[0])
    fields = Path(f"/proc/{_BACKEND[0]}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def _pages() -> list[tuple[str, str, bool]]:
    """(label, url, signed in) of the pages measured, on the first province and its first commune."""
    from django.db.models import Count
    from django.urls import reverse

    from hdnd.councils.models import Council, Level
    from hdnd.petitions.models import Cycle, Forwarding, PetitionIssue
    from hdnd.resolutions.models import Resolution
    from hdnd.sittings.models import Session

    province = Council.objects.filter(level=Level.PROVINCE).order_by("unit__code").first()
    assert province is not None, "no councils: run manage.py generate_national first"
    commune = Council.objects.filter(parent=province).order_by("unit__code").first()
    assert commune is not None
    cycle = Cycle.objects.filter(council=province).order_by("-pk").first()
    largest = Cycle.objects.filter(council=province).annotate(n=Count("issues")).order_by("-n", "-pk").first()
    issue = PetitionIssue.objects.filter(council=province, status="confirmed").order_by("-pk").first()
    resolution = Resolution.objects.filter(council=province).order_by("-pk").first()
    session = Session.objects.filter(council=province).order_by("-pk").first()
    assert cycle
    assert largest
    assert issue
    assert resolution
    assert session
    # The agency that received the most of the province's forwardings.
    busiest = (
        Forwarding.objects.filter(council=province).values("agency_id").annotate(n=Count("pk")).order_by("-n")
    )
    agency = busiest[0]["agency_id"]
    p, c, unit = province.pk, commune.pk, commune.unit_id
    return [
        ("start page (work)", reverse("portal:dashboard"), True),
        ("council page", reverse("councils:council_detail", args=[p]), True),
        ("dashboard", reverse("reports:dashboard", args=[p]), True),
        ("dashboard, commune", reverse("reports:dashboard", args=[c]), True),
        ("petitions statistics, province", reverse("petitions:reports_statistics", args=[p]), True),
        ("voter-contact rounds", reverse("petitions:cycle_list", args=[p]), True),
        ("a round", reverse("petitions:cycle_detail", args=[cycle.pk]), True),
        ("a round's synthesis", reverse("petitions:synthesis", args=[largest.pk]), True),
        ("an issue", reverse("petitions:issue_detail", args=[issue.pk]), True),
        ("overdue answers", reverse("petitions:overdue_board", args=[p]), True),
        ("an agency's inbox", reverse("petitions:agency_inbox", args=[agency]), True),
        ("search 'duong', province", reverse("petitions:petition_search", args=[p]) + "?q=duong", True),
        (
            "search 'nuoc sach', commune",
            reverse("petitions:petition_search", args=[c]) + "?q=nuoc+sach",
            True,
        ),
        ("resolutions", reverse("resolutions:resolution_list", args=[p]), True),
        ("a resolution", reverse("resolutions:resolution_detail", args=[resolution.pk]), True),
        ("sessions", reverse("sittings:session_list", args=[p]), True),
        ("API: a council's sessions", f"/api/v1/councils/{p}/sessions", True),
        ("a session", reverse("sittings:session_detail", args=[session.pk]), True),
        ("public home", reverse("portal:home"), False),
        ("public answers index", reverse("petitions:public_index"), False),
        ("public answers, province", reverse("petitions:public_council", args=[p]), False),
        ("public answers, commune", reverse("petitions:public_commune", args=[unit]), False),
        ("public register, province", reverse("resolutions:public_register", args=[p]), False),
        ("public resolutions, whole province", reverse("resolutions:public_province", args=[p]), False),
        ("public resolution", reverse("resolutions:public_detail", args=[resolution.pk]), False),
    ]


def _app_pages() -> list[tuple[str, str, bool]]:
    """The other apps' main pages (a list and a detail each) on the first province, signed in."""
    from django.db.models import QuerySet
    from django.urls import reverse

    from hdnd.briefings.models import Briefing
    from hdnd.councils.models import Council, Level
    from hdnd.oversight.models import Recommendation, Supervision
    from hdnd.planning.models import WorkProgramme
    from hdnd.reception.models import Letter
    from hdnd.reports.models import ReportingPeriod
    from hdnd.sittings.models import StandingMeeting

    province = Council.objects.filter(level=Level.PROVINCE).order_by("unit__code").first()
    assert province is not None
    p = province.pk
    latest: dict[str, QuerySet[Any]] = {
        "supervision": Supervision.objects.filter(council=province, status="concluded"),
        "recommendation": Recommendation.objects.filter(council=province),
        "programme": WorkProgramme.objects.filter(council=province),
        "briefing": Briefing.objects.filter(council=province, status="concluded"),
        "meeting": StandingMeeting.objects.filter(council=province, status="concluded"),
        "letter": Letter.objects.filter(council=province),
        "period": ReportingPeriod.objects.filter(council=province),
    }
    firsts = {name: rows.order_by("-pk").first() for name, rows in latest.items()}
    found: dict[str, Any] = {name: row for name, row in firsts.items() if row is not None}
    if len(found) < len(firsts):
        return []  # generated before generate_national wrote these apps
    year = found["programme"].year
    return [
        ("supervisions", reverse("oversight:supervision_list", args=[p]), True),
        ("a supervision", found["supervision"].get_absolute_url(), True),
        ("recommendations", reverse("oversight:recommendation_list", args=[p]), True),
        ("a recommendation", found["recommendation"].get_absolute_url(), True),
        ("work programmes", reverse("planning:programme_list", args=[p]) + f"?nam={year}", True),
        ("a work programme", found["programme"].get_absolute_url(), True),
        ("tasks", reverse("planning:task_list", args=[p]), True),
        ("briefings", reverse("briefings:briefing_list", args=[p]), True),
        ("a briefing", found["briefing"].get_absolute_url(), True),
        (
            "a briefing's materials",
            reverse("briefings:briefing_materials", args=[found["briefing"].pk]),
            True,
        ),
        ("standing meetings", reverse("sittings:standing_list", args=[p]), True),
        ("a standing meeting", found["meeting"].get_absolute_url(), True),
        ("letters", reverse("reception:letter_list", args=[p]), True),
        ("a letter", found["letter"].get_absolute_url(), True),
        ("periodic reports", reverse("reports:council_reports", args=[p]), True),
        ("a reporting period", found["period"].get_absolute_url(), True),
        (
            "a reporting period's comparison",
            reverse("reports:period_rollup", args=[found["period"].pk]),
            True,
        ),
    ]


def _worker_turn() -> None:
    """Run the tasks the pages asked for since the last turn, as the task worker would."""
    from django.tasks import default_task_backend

    results = getattr(default_task_backend, "results", [])
    for result in results:
        result.task.call(*result.args, **result.kwargs)
    results.clear()


COUNTING = "Hệ thống đang đếm số liệu"  # a page whose kept figures the worker is still counting


def _measure(client: Any, url: str, repeat: int) -> tuple[int, float, float, int, bool]:
    """(status, p50 ms, p95 ms, queries of one request, whether it said its figures are being counted)."""
    from django.core.cache import cache
    from django.db import connection

    from hdnd.core import publiccache

    cache.clear()
    status = client.get(url).status_code
    _worker_turn()  # what the first view asked the worker to count (a reporting period's figures)
    executed: list[str] = []
    if RENDER:
        publiccache.bump([publiccache.ALL, publiccache.GLOBAL])

    def count(execute: Any, sql: str, *args: Any) -> Any:
        executed.append(sql)
        return execute(sql, *args)

    with connection.execute_wrapper(count):
        client.get(url)
    samples = []
    cpu_start = (time.process_time(), _backend_cpu_ms()) if CPU else (0.0, 0.0)
    for _ in range(repeat):
        if RENDER:
            publiccache.bump([publiccache.ALL, publiccache.GLOBAL])
        if CHANGED:
            publiccache.bump(CHANGED)
        start = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - start) * 1000)
    if CPU:
        python = (time.process_time() - cpu_start[0]) * 1000 / repeat
        CPU_MS[url] = (python, (_backend_cpu_ms() - cpu_start[1]) / repeat)
    samples.sort()
    p95 = samples[max(int(len(samples) * 0.95) - 1, 0)]
    return status, statistics.median(samples), p95, len(executed), COUNTING in response.text


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--render", action="store_true", help="public pages rendered anew, not cached")
    parser.add_argument("--only", default="", help="only the pages whose label contains this")
    parser.add_argument("--changed", action="store_true", help="a change in the province before each request")
    parser.add_argument("--cpu", action="store_true", help="CPU ms a request, Python and PostgreSQL")
    args = parser.parse_args()
    global RENDER, CPU
    RENDER, CPU = args.render, args.cpu
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    from hdnd.accounts.models import Role, RoleAssignment, User
    from hdnd.councils.models import Council, Level
    from hdnd.petitions.models import Petition

    if connection.vendor != "postgresql" or not Petition.objects.exists():
        raise SystemExit("needs DATABASE_URL of a PostgreSQL database filled by manage.py generate_national")
    province = Council.objects.filter(level=Level.PROVINCE).order_by("unit__code").first()
    if args.changed and province is not None:
        from hdnd.core import publiccache

        CHANGED.extend(publiccache.council_scopes(province.pk))
    user = User.objects.create_user(username=USER, full_name="Đo tải trang")
    RoleAssignment.objects.create(user=user, role=Role.OFFICE_STAFF, council=province)
    staff, public = Client(), Client()
    staff.force_login(user)
    try:
        with connection.cursor() as cursor:
            start = time.perf_counter()
            for _ in range(100):
                cursor.execute("SELECT 1")
            select_one = (time.perf_counter() - start) * 10
        print(
            f"{Petition.objects.count():,} petitions; baseline SELECT 1: {select_one:.2f} ms a round trip\n"
        )
        print(f"{'page':38} {'status':>6} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8}  budget")
        over = 0
        for label, url, signed_in in [*_pages(), *_app_pages()]:
            if args.only not in label:
                continue
            status, p50, p95, queries, counting = _measure(staff if signed_in else public, url, args.repeat)
            ok = status == 200 and p95 <= BUDGET_MS
            over += not ok
            print(f"{label:38} {status:>6} {p50:8.1f} {p95:8.1f} {queries:8d}  {'ok' if ok else 'OVER'}")
            if counting:  # never counted in the request: bench/national_rollup.py times the worker's count
                print(f"{'':38} (served while the worker counts its figures)")
            if CPU:
                python, database = CPU_MS[url]
                print(f"{'':38} CPU a request: Python {python:.1f} ms, PostgreSQL {database:.1f} ms")
        print(f"\n{over} page(s) over the {BUDGET_MS:.0f} ms p95 budget or not 200")
    finally:
        RoleAssignment.objects.filter(user=user).delete()
        user.delete()


if __name__ == "__main__":
    main()
