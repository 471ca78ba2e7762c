"""What the apps' generators share once the councils and five years of sessions are written.

``Ground`` carries the seeded ``random.Random``, the councils, the years the history covers and the day it
stops (``as_of``: the last session's opening day, fixed, so the statuses do not depend on the clock),
each council's sessions, standing committee, bodies and agencies, and the counters of the councils'
yearly document series: ``number`` hands out 1, 2, 3 … per council, year and symbol, and ``save_counters``
writes ``sittings.DocumentCounter`` at the last number, as ``take_document_number`` leaves it. Deadlines
come from the rules table (``core.calendar.deadline``), cached by rule and day: generated councils have
no rule of their own.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from django.db import models

from hdnd.core.calendar import WorkingCalendar, deadline
from hdnd.councils.models import Agency, AgencyKind, Body, BodyKind, Council, Membership, Person
from hdnd.sittings.models import DocumentCounter, Session

from .councils import Councils

BATCH = 5000
M = TypeVar("M", bound=models.Model)


def per_year(count: int, scale: float) -> int:
    """``count`` a council a year at scale 1, at least one at any scale."""
    return max(1, round(count * min(scale, 1.0)))


def save[M: models.Model](model: type[M], rows: Sequence[M]) -> list[M]:
    return model._default_manager.bulk_create(rows, batch_size=BATCH)


@dataclass
class Ground:
    rng: random.Random
    found: Councils
    scale: float
    user_id: int
    years: list[int]
    as_of: date
    councils: list[Council] = field(default_factory=list)
    sessions: dict[int, list[Session]] = field(default_factory=dict)  # council id → sessions by date
    bodies: dict[int, dict[str, Body]] = field(default_factory=dict)  # council id → kind → body
    standing: dict[int, list[Membership]] = field(default_factory=dict)  # the standing committee's seats
    people: dict[int, Person] = field(default_factory=dict)
    departments: dict[int, list[int]] = field(default_factory=dict)  # province council id → agency ids
    agency_names: dict[int, str] = field(default_factory=dict)
    counters: dict[tuple[int, int, str], int] = field(default_factory=dict)
    calendar: WorkingCalendar | None = None
    _deadlines: dict[tuple[str, date], date] = field(default_factory=dict)

    @classmethod
    def load(cls, rng: random.Random, found: Councils, scale: float, user_id: int) -> Ground:
        councils = [c for p in found.provinces for c in (p, *found.communes[p.pk])]
        ids = [c.pk for c in councils]
        sessions = list(Session.objects.filter(council_id__in=ids).order_by("opens_on", "pk"))
        years = sorted({s.opens_on.year for s in sessions}) or [2026]
        ground = cls(
            rng, found, scale, user_id, years, max((s.opens_on for s in sessions), default=date(2026, 12, 1))
        )
        ground.councils = councils
        for session in sessions:
            ground.sessions.setdefault(session.council_id, []).append(session)
        for body in Body.objects.filter(council_id__in=ids).order_by("pk"):
            ground.bodies.setdefault(body.council_id, {})[body.kind] = body
        seats = Membership.objects.filter(council_id__in=ids, body__kind=BodyKind.STANDING).order_by("pk")
        for seat in seats:
            ground.standing.setdefault(seat.council_id, []).append(seat)
        ground.people = {p.pk: p for p in Person.objects.filter(pk__in=[s.person_id for s in seats])}
        agencies = Agency.objects.filter(council_id__in=ids).order_by("pk")
        for agency in agencies.only("pk", "council_id", "kind", "name"):
            ground.agency_names[agency.pk] = agency.name
            if agency.kind == AgencyKind.DEPARTMENT:
                ground.departments.setdefault(agency.council_id, []).append(agency.pk)
        ground.calendar = WorkingCalendar.for_span(date(years[0] - 1, 1, 1), date(years[-1] + 1, 12, 31))
        return ground

    # Drawing ---------------------------------------------------------------------------------------

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def pick[T](self, items: Sequence[T]) -> T:
        return items[self.rng.randrange(len(items))]

    def day_in(self, year: int, month: int, first: int = 1, last: int = 28) -> date:
        return date(year, month, self.rng.randint(first, last))

    def commune_name(self, council: Council) -> str:
        return council.unit.name.split(" ", 1)[-1]

    def chair_name(self, council: Council) -> str:
        seats = self.standing.get(council.pk) or []
        return self.people[seats[0].person_id].full_name if seats else ""

    def agencies_of(self, council: Council) -> list[int]:
        """The council's People's Committee, then (a province) its departments."""
        return [self.found.agencies[council.pk], *self.departments.get(council.pk, [])]

    # Numbers and deadlines ---------------------------------------------------------------------------

    def number(self, council_id: int, year: int, symbol: str) -> int:
        key = (council_id, year, symbol)
        self.counters[key] = self.counters.get(key, 0) + 1
        return self.counters[key]

    def save_counters(self) -> None:
        save(
            DocumentCounter,
            [
                DocumentCounter(council_id=c, year=y, symbol=s, last=n)
                for (c, y, s), n in self.counters.items()
            ],
        )

    def deadline(self, rule: str, start: date) -> date:
        key = (rule, start)
        if key not in self._deadlines:
            self._deadlines[key] = deadline(rule, start, None, self.calendar)
        return self._deadlines[key]


def by_council[T](rows: Iterable[T], key: str = "council_id") -> dict[int, list[T]]:
    grouped: dict[int, list[T]] = {}
    for row in rows:
        grouped.setdefault(getattr(row, key), []).append(row)
    return grouped


def tally(counts: dict[str, int], **rows: Any) -> None:
    for name, value in rows.items():
        counts[name] = counts.get(name, 0) + (value if isinstance(value, int) else len(value))
