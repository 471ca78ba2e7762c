"""Benchmark: a province's quarterly roll-up of every registered figure and its .docx, over a year of records.

Generates provinces of 30, 60 and 126 communes holding the same number of records (a year of sessions,
resolutions, standing-committee meetings, voter-contact meetings, petitions, issues, forwardings and
answers), and provinces of 126 communes with twice and four times those records. For each it times the
roll-up of 2026-Q1 (``hdnd.reports.rollup.rollup``) and the roll-up report as .docx, and counts the
queries per figure. The cost should grow with the number of communes (rows folded in Python) and not with
the number of records (each figure is one aggregate query): two curves are printed. Budget (issue 10):
under 2 seconds for 126 communes, figures and .docx together.

    .venv/bin/python bench/rollup.py                      # SQLite in a temporary directory
    DATABASE_URL=postgres://... .venv/bin/python bench/rollup.py

On PostgreSQL the data goes into a throwaway database created beside the one DATABASE_URL names and
dropped at the end, so the configured database is never touched.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HDND_DATA_DIR", tempfile.mkdtemp(prefix="hdnd-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hdnd.settings")

from bench import scaffold  # noqa: E402

# A year of one commune's records at scale 1 (126 communes: about 34,000 rows).
PER_COMMUNE = {
    "sessions": 6,
    "resolutions": 20,
    "standing": 12,
    "meetings": 8,
    "petitions": 120,
    "issues": 40,
}
RECORDS_126 = 126  # the records of 126 communes at scale 1, spread over however many communes a province has
REPEAT = 5
BUDGET_S = 2.0
QUARTER = "2026-Q1"


def _day(rng: random.Random) -> date:
    return date(2026, 1, 1) + timedelta(days=rng.randrange(365))


def _generate(code: str, communes: int, scale: int, user: Any) -> Any:
    """A province with ``communes`` communes and ``scale`` × the records of 126 communes, spread evenly."""
    from django.utils import timezone

    from hdnd.councils.models import Agency, AgencyKind, Term
    from hdnd.petitions.models import Answer, Cycle, Forwarding, Petition, PetitionIssue, VoterMeeting
    from hdnd.reports.models import CouncilReport, ReportingPeriod
    from hdnd.resolutions.models import Resolution, Status
    from hdnd.sittings.models import Session, StandingMeeting

    councils = scaffold.province_with_communes(code, f"Thử Nghiệm {code}", communes)
    province, below = councils[0], councils[1:]
    rng = random.Random(int(code))
    units = RECORDS_126 * scale
    owners = [below[i % communes] for i in range(units)]  # the same records, fewer or more councils
    terms = {c.pk: Term.objects.create(council=c, number=1, starts_on=date(2025, 7, 1)) for c in below}
    cycles = {c.pk: Cycle.objects.create(council=c, name="Trước kỳ họp", year=2026) for c in below}
    agencies = {
        c.pk: Agency.objects.create(council=c, name="UBND", kind=AgencyKind.PEOPLES_COMMITTEE) for c in below
    }
    numbers: dict[int, int] = {}
    sessions, resolutions, standing, meetings = [], [], [], []
    for council in owners:
        for _ in range(PER_COMMUNE["sessions"]):
            numbers[council.pk] = numbers.get(council.pk, 0) + 1
            day = _day(rng)
            sessions.append(
                Session(
                    council=council,
                    term=terms[council.pk],
                    number=numbers[council.pk],
                    kind=rng.choice(["regular", "thematic", "ad_hoc"]),
                    status="closed",
                    opens_on=day,
                    closes_on=day,
                )
            )
        for _ in range(PER_COMMUNE["resolutions"]):
            day = _day(rng)
            resolutions.append(
                Resolution(
                    council=council,
                    title="Nghị quyết",
                    status=Status.PUBLISHED,
                    adopted_on=day,
                    published_on=day,
                )
            )
        for _ in range(PER_COMMUNE["standing"]):
            day = _day(rng)
            standing.append(StandingMeeting(council=council, meets_on=day, held_on=day, status="held"))
        for _ in range(PER_COMMUNE["meetings"]):
            meetings.append(
                VoterMeeting(
                    council=council, cycle=cycles[council.pk], date=_day(rng), place_text="Nhà văn hóa"
                )
            )
    Session.objects.bulk_create(sessions, batch_size=2000)
    Resolution.objects.bulk_create(resolutions, batch_size=2000)
    StandingMeeting.objects.bulk_create(standing, batch_size=2000)
    VoterMeeting.objects.bulk_create(meetings, batch_size=2000)
    Petition.objects.bulk_create(
        [
            Petition(
                council=c,
                cycle=cycles[c.pk],
                source="letter",
                received_on=_day(rng),
                text="Đề nghị sửa đường",
            )
            for c in owners
            for _ in range(PER_COMMUNE["petitions"])
        ],
        batch_size=2000,
    )
    issues = PetitionIssue.objects.bulk_create(
        [
            PetitionIssue(council=c, cycle=cycles[c.pk], title="Vấn đề")
            for c in owners
            for _ in range(PER_COMMUNE["issues"])
        ],
        batch_size=2000,
    )
    forwardings = []
    for issue in issues:
        sent = _day(rng)
        answered = rng.random() < 0.6
        forwardings.append(
            Forwarding(
                council_id=issue.council_id,
                issue=issue,
                agency=agencies[issue.council_id],
                status="answered" if answered else "sent",
                sent_on=sent,
                due_on=sent + timedelta(days=30),
                answered_on=timezone.localdate() if answered else None,  # the answers are stamped now
            )
        )
    Forwarding.objects.bulk_create(forwardings, batch_size=2000)
    Answer.objects.bulk_create(
        [
            Answer(forwarding=f, text="Đã trả lời", outcome="da_giai_quyet", answered_by=user)
            for f in forwardings
            if f.status == "answered"
        ],
        batch_size=2000,
    )
    period = ReportingPeriod.objects.create(
        council=province, code=QUARTER, kind="quarter", due_on=date(2026, 4, 8)
    )
    CouncilReport.objects.bulk_create(CouncilReport(council=c, period=period) for c in councils)
    rows = (
        sum(len(x) for x in (sessions, resolutions, standing, meetings))
        + len(owners) * PER_COMMUNE["petitions"]
    )
    return province, period, rows + len(issues) + len(forwardings)


def _timed(fn: Callable[[], object]) -> float:
    samples = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def _measure(province: Any, period: Any) -> tuple[float, float, int, int]:
    """Median seconds of the roll-up and of the .docx, the roll-up's queries and the figures counted."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from hdnd.core.periods import Period
    from hdnd.reports.documents import rollup_docx
    from hdnd.reports.rollup import rollup

    quarter = Period.parse(QUARTER)
    with CaptureQueriesContext(connection) as captured:
        result = rollup(province, quarter)
    figures = len(result.figures)
    roll = _timed(lambda: rollup(province, quarter))
    docx = _timed(lambda: rollup_docx(period, result))
    return roll, docx, len(captured), figures


def main() -> None:
    with scaffold.throwaway_database("rollup"):
        _run()


def _run() -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from hdnd.accounts.models import User

    call_command("migrate", verbosity=0)
    user = User.objects.create_user(username="bench")
    start = time.perf_counter()
    cases = [
        ("communes", 30, 1),
        ("communes", 60, 1),
        ("communes", 126, 1),
        ("records", 126, 2),
        ("records", 126, 4),
    ]
    built = []
    for index, (curve, communes, scale) in enumerate(cases):
        province, period, rows = _generate(f"{71 + index}", communes, scale, user)
        built.append((curve, communes, scale, province, period, rows))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"generated {sum(b[5] for b in built):,} records in {time.perf_counter() - start:.1f} s "
        f"on {connection.vendor}"
    )
    print(
        f"\n{'curve':9} {'communes':>8} {'records':>9} {'roll-up s':>10} {'+ .docx s':>10} "
        f"{'queries':>8} {'q/figure':>9}"
    )
    failures = 0
    for curve, communes, _scale, province, period, rows in built:
        roll, docx, queries, figures = _measure(province, period)
        total = roll + docx
        over = communes == 126 and total >= BUDGET_S
        failures += over
        per_figure = (queries - 1) / figures  # one query lists the councils; the rest are the figures'
        print(
            f"{curve:9} {communes:8} {rows:9,} {roll:10.3f} {total:10.3f} {queries:8} {per_figure:9.2f}"
            f"{'  OVER BUDGET' if over else ''}"
        )
    print(
        f"\nbudget: roll-up and .docx of 126 communes under {BUDGET_S:.0f} s: "
        f"{'ok' if not failures else 'OVER'}"
    )
    if failures:
        sys.exit(1)


if __name__ == "__main__":
    main()
