"""The sittings figures equal a count of the records they claim, over generated data (seeded, repeated)."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

import pytest

from hdnd.core import figures
from hdnd.core.periods import Period
from hdnd.councils.models import Council, Term
from hdnd.sittings.models import Session, StandingMeeting

SEEDS = range(6)
PERIODS = [Period.parse(code) for code in ("2026-Q1", "2026-Q2", "2026-H1", "2026-9M", "2026")]
HELD = {Session.Status.IN_PROGRESS, Session.Status.CLOSED}


def a_day(rng: random.Random) -> date:
    return date(2025, 12, 1) + timedelta(days=rng.randrange(420))


def generate(rng: random.Random, councils: list[Council]) -> tuple[list[Session], list[StandingMeeting]]:
    """Sessions and standing meetings of every kind and status on random days around 2026."""
    sessions: list[Session] = []
    meetings: list[StandingMeeting] = []
    for council in councils:
        term = Term.objects.create(council=council, number=16, starts_on=date(2021, 6, 1))
        for number in range(1, rng.randrange(2, 12)):
            opens = a_day(rng)
            sessions.append(
                Session(
                    council=council,
                    term=term,
                    number=number,
                    kind=rng.choice(Session.Kind.values),
                    status=rng.choice(Session.Status.values),
                    opens_on=opens,
                    closes_on=opens + timedelta(days=1),
                )
            )
        for _ in range(rng.randrange(0, 10)):
            status = rng.choice(StandingMeeting.Status.values)
            meets = a_day(rng)
            held = meets + timedelta(days=rng.choice([0, 0, 20])) if status != "planned" else None
            issued = status == StandingMeeting.Status.CONCLUDED
            meetings.append(
                StandingMeeting(
                    council=council,
                    meets_on=meets,
                    held_on=held,
                    status=status,
                    notice_year=(held or meets).year if issued else None,
                    notice_number=len(meetings) + 1 if issued else None,
                    notice_on=(held or meets) + timedelta(days=rng.randrange(0, 40)) if issued else None,
                )
            )
    Session.objects.bulk_create(sessions)
    StandingMeeting.objects.bulk_create(meetings)
    return sessions, meetings


def expected(code: str, council: Council, period: Period, sessions: list[Any], meetings: list[Any]) -> int:
    """The figure, counted by hand from the generated rows."""

    def inside(day: date | None) -> bool:
        return day is not None and period.first <= day <= period.last

    mine = [s for s in sessions if s.council_id == council.pk and s.status in HELD and inside(s.opens_on)]
    kinds: dict[str, set[str]] = {
        "sittings.sessions_held": set(Session.Kind.values),
        "sittings.regular_held": {Session.Kind.FIRST, Session.Kind.REGULAR},
        "sittings.thematic_held": {Session.Kind.THEMATIC},
        "sittings.ad_hoc_held": {Session.Kind.AD_HOC},
    }
    if code in kinds:
        return sum(1 for s in mine if s.kind in kinds[code])
    ours = [m for m in meetings if m.council_id == council.pk]
    if code == "sittings.standing_meetings":
        return sum(1 for m in ours if m.status != "planned" and inside(m.held_on or m.meets_on))
    assert code == "sittings.conclusion_notices"
    return sum(1 for m in ours if m.notice_number and inside(m.notice_on))


CODES = [f.code for f in figures.all_figures() if f.code.startswith("sittings.")]


@pytest.mark.parametrize("seed", SEEDS)
def test_each_sittings_figure_counts_its_records(world: Any, seed: int) -> None:
    rng = random.Random(seed)
    councils = [world.province, world.commune, world.other_commune]
    sessions, meetings = generate(rng, councils)
    ids = [c.pk for c in councils]
    for period in PERIODS:
        for code in CODES:
            figure = figures.get(code)
            by_council = figure.by_council(ids, period)
            for council in councils:
                assert by_council.get(council.pk, 0) == expected(code, council, period, sessions, meetings), (
                    code,
                    period.code,
                    council.name,
                )
            # The drill-down is the records counted.
            assert figure.records(ids, period).count() == sum(by_council.values())


def test_the_six_sittings_figures_are_declared() -> None:
    assert CODES == [
        "sittings.sessions_held",
        "sittings.regular_held",
        "sittings.thematic_held",
        "sittings.ad_hoc_held",
        "sittings.standing_meetings",
        "sittings.conclusion_notices",
    ]


def test_each_figure_is_one_query(world: Any, django_assert_num_queries: Any) -> None:
    ids = [world.province.pk, world.commune.pk]
    for code in CODES:
        with django_assert_num_queries(1):
            figures.get(code).by_council(ids, PERIODS[0])
