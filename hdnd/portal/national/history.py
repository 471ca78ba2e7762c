"""Five years of every council's work, one session at a time in the order it happened.

For each slot (a session of every council, 2022–2026) the generator writes what the actions would have
left: the closed session (numbered in its term), two resolutions adopted there and published (numbered
in the council's series of the year, ``ResolutionCounter`` advanced to the last number), the voter-contact
round before it with its meetings, the petitions raised there (PostgreSQL ``COPY``), grouped into
issues confirmed after the round, forwarded to the council's People's Committee and, but for the latest
round, answered (four in five then published to voters); and the standing committee's reception day
a month before (``reception``). Statuses are the ones the transition tables allow at each point; no
audit entries are written for this history (the actions write those; generated history has no actor).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db import connection

from hdnd.core.text import fold, nfc
from hdnd.councils.models import Council
from hdnd.petitions.models import (
    CODE_ALPHABET,
    CODE_LENGTH,
    Answer,
    Cycle,
    Forwarding,
    Outcome,
    PetitionIssue,
    UnresolvedReason,
    VoterMeeting,
)
from hdnd.resolutions.models import Kind, Resolution, ResolutionCounter, Status, symbol_for
from hdnd.sittings.models import Session

from . import phrasing, reception
from .councils import Councils

BATCH = 5000
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
FIRST_YEAR, YEARS = 2022, 5
SESSIONS_PER_COUNCIL = 15  # three a year for five years, at scale 1
PETITIONS = 1_000_000  # at scale 1, over every council of the list
PROVINCE_WEIGHT = 10  # a province's delegates meet voters in many communes: ten times a commune's share
ALL_COUNCILS = 3_321 + 34 * PROVINCE_WEIGHT
PETITION_COLUMNS = (
    "council_id",
    "cycle_id",
    "meeting_id",
    "source",
    "received_on",
    "reference",
    "text",
    "text_key",
    "voter_place",
    "delegate_id",
    "answered_on_the_spot",
    "answer",
    "issue_id",
    "status",
    "created_at",
)
OUTCOMES = (
    (Outcome.RESOLVED, 45),
    (Outcome.IN_PROGRESS, 25),
    (Outcome.EXPLAINED, 20),
    (Outcome.UNRESOLVED, 10),
)
# Days from a forwarding to its answer: nine in ten within the 30 allowed, one in ten late.
ANSWER_DAYS = (7, 14, 21, 28, 40, 55)
ANSWER_WEIGHTS = (20, 30, 25, 15, 7, 3)


@dataclass
class Slot:
    """One session of every council: its index, year and dates."""

    index: int
    year: int
    opens_on: date

    @property
    def meets_voters_on(self) -> date:
        return self.opens_on - timedelta(days=20)


def slots(scale: float) -> list[Slot]:
    """The sessions of the five years, first to last: three a year at scale 1, at least two (one answered)."""
    count = max(2, round(SESSIONS_PER_COUNCIL * scale))
    result: list[Slot] = []
    for index in range(count):
        year = FIRST_YEAR + index * YEARS // count
        in_year = sum(1 for s in result if s.year == year)
        result.append(Slot(index, year, date(year, (4, 7, 12)[in_year % 3], 5 + in_year)))
    return result


def petitions_of(council: Council, scale: float, parts: int) -> list[int]:
    """How many petitions ``council`` gets in each of ``parts`` slots."""
    weight = PROVINCE_WEIGHT if council.parent_id is None else 1
    total = round(PETITIONS * scale * weight / ALL_COUNCILS)
    return [total // parts + (1 if i < total % parts else 0) for i in range(parts)]


def _code(rng: random.Random) -> str:
    return "".join(rng.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def _evening(day: date) -> datetime:
    return datetime.combine(day, time(19, 0), tzinfo=TZ)


def _afternoon(day: date) -> datetime:
    return datetime.combine(day, time(15, 0), tzinfo=TZ)


class History:
    """Writes slot after slot; ``counts`` tallies the rows written."""

    def __init__(self, rng: random.Random, found: Councils, scale: float, user_id: int) -> None:
        self.rng, self.found, self.scale, self.user_id = rng, found, scale, user_id
        self.councils = [c for p in found.provinces for c in (p, *found.communes[p.pk])]
        self.slots = slots(scale)
        self.shares = {c.pk: petitions_of(c, scale, len(self.slots)) for c in self.councils}
        self.numbers: dict[tuple[int, int, str], int] = {}
        self.counts: dict[str, int] = {}

    def tally(self, name: str, rows: int) -> None:
        self.counts[name] = self.counts.get(name, 0) + rows

    def run(self) -> dict[str, int]:
        for slot in self.slots:
            self.write(slot, last=slot.index == len(self.slots) - 1)
        ResolutionCounter.objects.bulk_create(
            [
                ResolutionCounter(council_id=c, year=y, kind=k, last=n)
                for (c, y, k), n in self.numbers.items()
            ],
            batch_size=BATCH,
        )
        return self.counts

    def write(self, slot: Slot, last: bool) -> None:
        sessions = self._sessions(slot)
        self._resolutions(slot, sessions)
        cycles = Cycle.objects.bulk_create(
            [
                Cycle(
                    council=c,
                    name=f"Trước kỳ họp thứ {s.number}",
                    year=slot.year,
                    session=s,
                )
                for c, s in zip(self.councils, sessions, strict=True)
            ],
            batch_size=BATCH,
        )
        self.tally("cycles", len(cycles))
        meetings = self._meetings(slot, cycles)
        held = reception.write(
            self.rng, self.councils, slot.opens_on - timedelta(days=30), slot.year, self.scale
        )
        for name, rows in held.items():
            self.tally(name, rows)
        issues = self._petitions(slot, cycles, meetings, confirmed=not last)
        if not last:
            self._forwardings(slot, issues)

    def _sessions(self, slot: Slot) -> list[Session]:
        rows = [
            Session(
                council=c,
                term_id=self.found.terms[c.pk],
                number=slot.index + 1,
                kind=Session.Kind.REGULAR if slot.index % 3 else Session.Kind.THEMATIC,
                opens_on=slot.opens_on,
                closes_on=slot.opens_on + timedelta(days=1),
                place=f"Hội trường {c.name.replace('HĐND', 'UBND')}",
                status=Session.Status.CLOSED,
                delegate_total=len(self.found.delegates.get(c.pk, [])) or None,
            )
            for c in self.councils
        ]
        self.tally("sessions", len(rows))
        return Session.objects.bulk_create(rows, batch_size=BATCH)

    def _resolutions(self, slot: Slot, sessions: list[Session]) -> None:
        rows = []
        for council, session in zip(self.councils, sessions, strict=True):
            for n in range(2):
                kind = Kind.NORMATIVE if n == 1 and self.rng.random() < 0.3 else Kind.INDIVIDUAL
                key = (council.pk, slot.year, kind)
                self.numbers[key] = self.numbers.get(key, 0) + 1
                symbol = symbol_for(kind, self.numbers[key], slot.year)
                title = nfc(phrasing.resolution_title(self.rng, slot.year))
                field = self.rng.choice(phrasing.FIELDS)
                adopted = session.closes_on
                rows.append(
                    Resolution(
                        council=council,
                        session=session,
                        kind=kind,
                        year=slot.year,
                        number=self.numbers[key],
                        symbol=symbol,
                        title=title,
                        field=field,
                        search_key=fold(f"{symbol} {title} {field}"),
                        status=Status.IN_FORCE if kind == Kind.NORMATIVE else Status.PUBLISHED,
                        adopted_on=adopted,
                        issued_on=adopted + timedelta(days=3),
                        published_on=adopted + timedelta(days=5),
                        effective_on=adopted + timedelta(days=15) if kind == Kind.NORMATIVE else None,
                    )
                )
        Resolution.objects.bulk_create(rows, batch_size=BATCH)
        self.tally("resolutions", len(rows))

    def _meetings(self, slot: Slot, cycles: list[Cycle]) -> dict[int, list[VoterMeeting]]:
        rows = []
        for council, cycle in zip(self.councils, cycles, strict=True):
            for n in range(4 if council.parent_id is None else 2):
                place = phrasing.place_name(self.rng)
                rows.append(
                    VoterMeeting(
                        council=council,
                        cycle=cycle,
                        date=slot.meets_voters_on + timedelta(days=n),
                        place=council.unit if council.parent_id else None,
                        place_text=f"Nhà văn hóa thôn {place}",
                        voter_count=self.rng.randint(40, 250),
                        code=_code(self.rng),
                    )
                )
        made = VoterMeeting.objects.bulk_create(rows, batch_size=BATCH)
        self.tally("meetings", len(made))
        by_council: dict[int, list[VoterMeeting]] = {}
        for meeting in made:
            by_council.setdefault(meeting.council_id, []).append(meeting)
        return by_council

    def _petitions(
        self, slot: Slot, cycles: list[Cycle], meetings: dict[int, list[VoterMeeting]], confirmed: bool
    ) -> list[PetitionIssue]:
        """The slot's petitions; about three in four grouped into issues of up to three."""
        plans: list[tuple[Council, Cycle, list[tuple[str, str]]]] = []
        issues: list[PetitionIssue] = []
        status = PetitionIssue.Status.CONFIRMED if confirmed else PetitionIssue.Status.DRAFT
        for council, cycle in zip(self.councils, cycles, strict=True):
            commune = council.unit.name.split(" ", 1)[-1]
            texts = [
                phrasing.demand(self.rng, commune, slot.year)
                for _ in range(self.shares[council.pk][slot.index])
            ]
            plans.append((council, cycle, texts))
            for core, _ in texts[: len(texts) * 3 // 4 : 3]:
                title = phrasing.issue_title(self.rng, core)
                issues.append(PetitionIssue(council=council, cycle=cycle, title=title, status=status))
        made = PetitionIssue.objects.bulk_create(issues, batch_size=BATCH)
        self.tally("issues", len(made))
        self._copy(self._rows(slot, plans, made, meetings))
        return made

    def _rows(
        self,
        slot: Slot,
        plans: list[tuple[Council, Cycle, list[tuple[str, str]]]],
        issues: list[PetitionIssue],
        meetings: dict[int, list[VoterMeeting]],
    ) -> Iterator[tuple[Any, ...]]:
        by_council: dict[int, list[PetitionIssue]] = {}
        for issue in issues:
            by_council.setdefault(issue.council_id, []).append(issue)
        for council, cycle, texts in plans:
            own = by_council.get(council.pk, [])
            delegates: list[int | None] = [*self.found.delegates.get(council.pk, [])] or [None]
            for n, (_, text) in enumerate(texts):
                meeting = meetings[council.pk][n % len(meetings[council.pk])]
                grouped = n // 3 < len(own) and n < len(texts) * 3 // 4
                target = own[n // 3] if grouped else None
                text = nfc(text)
                yield (
                    council.pk,
                    cycle.pk,
                    meeting.pk,
                    "meeting",
                    meeting.date,
                    "",
                    text,
                    fold(text),
                    meeting.place_text.removeprefix("Nhà văn hóa "),
                    self.rng.choice(delegates),
                    False,
                    "",
                    target.pk if target else None,
                    "grouped" if target else "new",
                    _evening(meeting.date),
                )

    def _copy(self, rows: Iterator[tuple[Any, ...]]) -> None:
        written = 0
        with connection.cursor() as cursor:
            columns = ", ".join(PETITION_COLUMNS)
            with cursor.cursor.copy(f"COPY petitions_petition ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    written += 1
        self.tally("petitions", written)

    def _forwardings(self, slot: Slot, issues: list[PetitionIssue]) -> None:
        sent = slot.opens_on + timedelta(days=10)
        forwardings = Forwarding.objects.bulk_create(
            [
                Forwarding(
                    council_id=issue.council_id,
                    issue=issue,
                    agency_id=self.found.agencies[issue.council_id],
                    status=Forwarding.Status.ANSWERED,
                    sent_on=sent,
                    due_on=sent + timedelta(days=30),
                    letter_number=f"{n + 1}/HĐND-VP",
                )
                for n, issue in enumerate(issues)
            ],
            batch_size=BATCH,
        )
        self.tally("forwardings", len(forwardings))
        answers = [self._answer(f, sent) for f in forwardings]
        days = [self.rng.choices(ANSWER_DAYS, weights=ANSWER_WEIGHTS)[0] for _ in answers]
        Answer.objects.bulk_create(answers, batch_size=BATCH)
        # ``answered_at`` is stamped at insert (auto_now_add): put each answer on its day in the history,
        # most within the 30 days allowed, some late (the overdue figures of past periods count them).
        for forwarding, answer, after in zip(forwardings, answers, days, strict=True):
            answer.answered_at = _afternoon(sent + timedelta(days=after))
            forwarding.answered_on = sent + timedelta(days=after)
        Answer.objects.bulk_update(answers, ["answered_at"], batch_size=BATCH)
        Forwarding.objects.bulk_update(forwardings, ["answered_on"], batch_size=BATCH)
        self.tally("answers", len(answers))
        # Four in five answered issues published to voters a few days after their answers.
        answered = {f.issue_id: a.answered_at for f, a in zip(forwardings, answers, strict=True)}
        public = [issue for issue in issues if self.rng.random() < 0.8]
        for issue in public:
            issue.published_at = answered[issue.pk] + timedelta(days=self.rng.randint(2, 10))
            issue.published_by_id = self.user_id
        PetitionIssue.objects.bulk_update(public, ["published_at", "published_by"], batch_size=BATCH)
        self.tally("published", len(public))

    def _answer(self, forwarding: Forwarding, sent: date) -> Answer:
        outcome = self.rng.choices([o for o, _ in OUTCOMES], weights=[w for _, w in OUTCOMES])[0]
        return Answer(
            forwarding=forwarding,
            text=phrasing.answer(self.rng, outcome),
            outcome=outcome,
            target_date=sent + timedelta(days=180) if outcome == Outcome.IN_PROGRESS else None,
            reason=UnresolvedReason.NO_RESOURCES if outcome == Outcome.UNRESOLVED else "",
            answered_by_id=self.user_id,
        )
