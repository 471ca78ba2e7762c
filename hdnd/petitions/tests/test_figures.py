"""The petitions figures equal a count of the records they claim, over generated data (seeded, repeated).

Each expected value is worked out here from the generated rows, in Python, by the definitions of
``hdnd/petitions/figures.py``; nothing is read back from the database but the figure itself.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
import time_machine

from hdnd.core import figures
from hdnd.core.periods import Period
from hdnd.councils.models import Agency, AgencyKind, Council
from hdnd.petitions.models import (
    Answer,
    AnswerRating,
    Cycle,
    Forwarding,
    Outcome,
    Petition,
    PetitionIssue,
    VoterMeeting,
)

SEEDS = range(5)
PERIODS = [Period.parse(code) for code in ("2026-Q1", "2026-Q2", "2026-H1", "2026-9M", "2026")]
CODES = [f.code for f in figures.all_figures() if f.code.startswith("petitions.")]
POOR = {AnswerRating.Rating.PARTIAL, AnswerRating.Rating.EVASIVE}
TODAY = date(2026, 8, 15)  # the 2026 year and 9 months are still running: "overdue" is read today


def a_day(rng: random.Random) -> date:
    return date(2025, 12, 1) + timedelta(days=rng.randrange(300))


def at_noon(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 5, tzinfo=UTC)  # noon in Hà Nội


class Generated:
    def __init__(self) -> None:
        self.meetings: list[VoterMeeting] = []
        self.petitions: list[Petition] = []
        self.petition_days: dict[int, date] = {}
        self.forwardings: list[Forwarding] = []
        self.answers: dict[int, list[tuple[date, set[str]]]] = {}  # forwarding -> [(day, ratings)]


def generate(rng: random.Random, councils: list[Council], user: Any) -> Generated:
    out = Generated()
    for council in councils:
        agencies = [
            Agency.objects.create(
                council=council, name=f"Cơ quan {n} {council.pk}", kind=AgencyKind.DEPARTMENT
            )
            for n in range(3)
        ]
        cycles = [
            Cycle.objects.create(council=council, name=f"Đợt {kind}", kind=kind, year=2026)
            for kind in Cycle.Kind.values
        ]
        meetings = [
            VoterMeeting(council=council, cycle=rng.choice(cycles), date=a_day(rng), place_text="Nhà văn hóa")
            for _ in range(rng.randrange(0, 6))
        ]
        VoterMeeting.objects.bulk_create(meetings)
        out.meetings += meetings
        created = []
        for _ in range(rng.randrange(0, 15)):
            meeting = rng.choice(meetings) if meetings and rng.random() < 0.6 else None
            received = a_day(rng) if rng.random() < 0.4 else None
            petition = Petition.objects.create(
                council=council,
                cycle=meeting.cycle if meeting else rng.choice(cycles),
                meeting=meeting,
                source=Petition.Source.MEETING if meeting else Petition.Source.LETTER,
                received_on=received,
                text="Đề nghị sửa đường",
            )
            entered = a_day(rng)
            Petition.objects.filter(pk=petition.pk).update(created_at=at_noon(entered))
            out.petition_days[petition.pk] = received or (meeting.date if meeting else entered)
            created.append(petition)
        out.petitions += created
        for n in range(rng.randrange(0, 8)):
            issue = PetitionIssue.objects.create(
                council=council, cycle=rng.choice(cycles), title=f"Vấn đề {n}"
            )
            for agency in rng.sample(agencies, rng.randrange(0, 3)):
                sent = a_day(rng)
                forwarding = Forwarding.objects.create(
                    council=council,
                    issue=issue,
                    agency=agency,
                    sent_on=sent,
                    due_on=sent + timedelta(days=30),
                )
                out.forwardings.append(forwarding)
                answers = out.answers.setdefault(forwarding.pk, [])
                for _ in range(rng.choice([0, 0, 1, 1, 2])):
                    day = sent + timedelta(days=rng.randrange(1, 70))
                    answer = Answer.objects.create(
                        forwarding=forwarding, text="Đã trả lời", outcome=Outcome.RESOLVED, answered_by=user
                    )
                    Answer.objects.filter(pk=answer.pk).update(answered_at=at_noon(day))
                    ratings = set(rng.sample(AnswerRating.Rating.values, rng.randrange(0, 2)))
                    for rating in ratings:
                        AnswerRating.objects.create(answer=answer, user=user, rating=rating)
                    answers.append((day, ratings))
                if answers:
                    forwarding.status = Forwarding.Status.ANSWERED
                    forwarding.answered_on = min(day for day, _ in answers)
                    forwarding.save(update_fields=["status", "answered_on"])
    return out


def expected(code: str, council: Council, period: Period, data: Generated) -> int:
    def inside(day: date | None) -> bool:
        return day is not None and period.first <= day <= period.last

    on = min(period.last, TODAY)
    meetings = [m for m in data.meetings if m.council_id == council.pk and inside(m.date)]
    kinds = {
        "petitions.meetings_before_session": "before_session",
        "petitions.meetings_after_session": "after_session",
    }
    if code == "petitions.meetings":
        return len(meetings)
    if code in kinds:
        return sum(1 for m in meetings if m.cycle.kind == kinds[code])
    if code == "petitions.received":
        return sum(
            1 for p in data.petitions if p.council_id == council.pk and inside(data.petition_days[p.pk])
        )
    mine = [f for f in data.forwardings if f.council_id == council.pk]
    if code == "petitions.forwarded":
        return len({f.issue_id for f in mine if inside(f.sent_on)})
    first = {f.pk: min((d for d, _ in data.answers[f.pk]), default=None) for f in mine}
    if code == "petitions.answered":
        return sum(1 for f in mine if inside(first[f.pk]))
    if code == "petitions.answered_on_time":
        return sum(1 for f in mine if (day := first[f.pk]) is not None and inside(day) and day <= f.due_on)
    if code == "petitions.overdue":
        return sum(
            1
            for f in mine
            if f.sent_on <= on and f.due_on < on and ((day := first[f.pk]) is None or day > on)
        )
    assert code == "petitions.poorly_rated"
    return sum(1 for f in mine if any(inside(d) and bool(r & POOR) for d, r in data.answers[f.pk]))


@pytest.mark.parametrize("seed", SEEDS)
def test_each_petitions_figure_counts_its_records(world: Any, seed: int) -> None:
    rng = random.Random(seed)
    councils = [world.province, world.commune, world.other_commune]
    data = generate(rng, councils, world.user("office_staff"))
    ids = [c.pk for c in councils]
    with time_machine.travel(datetime(2026, 8, 15, 3, tzinfo=UTC), tick=False):
        for period in PERIODS:
            together = figures.compute(CODES, ids, period)
            for code in CODES:
                figure = figures.get(code)
                by_council = figure.by_council(ids, period)
                for council in councils:
                    wanted = expected(code, council, period, data)
                    assert by_council.get(council.pk, 0) == wanted, (code, period.code, council.name)
                    assert together[code].get(council.pk, 0) == wanted, (code, period.code, "together")
                assert figure.records(ids, period).distinct().count() == sum(by_council.values())


def test_each_figure_is_one_query(world: Any, django_assert_num_queries: Any) -> None:
    assert len(CODES) == 9
    for code in CODES:
        with django_assert_num_queries(1):
            figures.get(code).by_council([world.commune.pk], PERIODS[0])


def test_the_figures_of_one_base_are_counted_in_one_query(world: Any, django_assert_num_queries: Any) -> None:
    # The meetings (all, before, after a session) and the answers (all, on time) share their queries.
    with django_assert_num_queries(len(CODES) - 3):
        figures.compute(CODES, [world.commune.pk], PERIODS[0])
