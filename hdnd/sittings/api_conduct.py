"""The conduct of a session over the JSON API, scoped like the pages (VIEW to read, MANAGE_SESSIONS to
change), calling the same ``conduct`` actions; a rule they break answers 422 with the Vietnamese message.

Files (documents, examination reports, signed minutes) are uploaded and downloaded through the pages.
"""

import datetime as dt
from typing import Any

from django.db.models import F
from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from hdnd.accounts.scope import MANAGE_SESSIONS, VIEW
from hdnd.api.errors import ErrorOut, get_or_error, refused, run
from hdnd.api.schemas import NfcIn
from hdnd.councils.models import Body
from hdnd.resolutions.models import Resolution

from . import conduct
from .models import Session, SessionAgendaItem, SessionAttendance, SessionBallot, SessionVote

router = Router(tags=["Kỳ họp"])
ERRORS = {403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


class VoteOut(Schema):
    id: int
    item_id: int
    subject: str
    method: str
    votes_for: int
    votes_against: int
    abstentions: int
    not_voting: int
    present: int
    delegate_total: int
    passed: bool
    named: bool
    percent_for: str
    summary: str
    ballots: dict[int, str]

    @staticmethod
    def resolve_ballots(obj: SessionVote) -> dict[int, str]:
        return {ballot.person_id: ballot.choice for ballot in obj.ballots.all()}


class ItemOut(Schema):
    id: int
    position: int
    kind: str
    kind_label: str
    title: str
    presenter: str
    examining_body_id: int | None
    examination_report_on: dt.date | None
    has_examination_report: bool
    resolution_id: int | None
    votes: list[VoteOut]

    @staticmethod
    def resolve_kind_label(obj: SessionAgendaItem) -> str:
        return obj.get_kind_display()

    @staticmethod
    def resolve_has_examination_report(obj: SessionAgendaItem) -> bool:
        return bool(obj.examination_report)

    @staticmethod
    def resolve_votes(obj: SessionAgendaItem) -> list[SessionVote]:
        return list(obj.votes.prefetch_related("ballots"))


class PreparatoryOut(Schema):
    held_on: dt.date
    participants: str
    conclusions: str


class TotalsOut(Schema):
    delegates: int
    present: int
    excused: int
    absent: int
    unrecorded: int


class AttendanceOut(Schema):
    person_id: int
    status: str
    reason: str


class ConductOut(Schema):
    session_id: int
    preparatory_meeting: PreparatoryOut | None
    agenda: list[ItemOut]
    attendance: list[AttendanceOut]
    totals: TotalsOut
    warnings: list[str]
    results_notice: str


class ItemIn(NfcIn):
    kind: SessionAgendaItem.Kind
    title: str = Field(..., min_length=1, max_length=2000)
    presenter: str = Field("", max_length=255)
    examining_body_id: int | None = None
    resolution_id: int | None = None


class MarkIn(NfcIn):
    person_id: int
    status: SessionAttendance.Status
    reason: str = Field("", max_length=255)


class AttendanceIn(NfcIn):
    entries: list[MarkIn]


class BallotIn(NfcIn):
    person_id: int
    choice: SessionBallot.Choice


class VoteIn(NfcIn):
    method: SessionVote.Method
    subject: str = Field("", max_length=255)
    votes_for: int = Field(0, ge=0)
    votes_against: int = Field(0, ge=0)
    abstentions: int = Field(0, ge=0)
    not_voting: int | None = Field(None, ge=0)
    ballots: list[BallotIn] = []


def _session(request: HttpRequest, session_id: int, action: str) -> Session:
    return get_or_error(request, Session.objects.select_related("council", "term"), session_id, action)


def _conduct(session: Session) -> dict[str, Any]:
    meeting = getattr(session, "preparatory_meeting", None)
    minutes = getattr(session, "minutes", None)
    return {
        "session_id": session.pk,
        "preparatory_meeting": meeting,
        "agenda": list(session.agenda_items.all()),
        "attendance": list(session.attendance.all()),
        "totals": conduct.attendance_totals(session),
        "warnings": conduct.agenda_warnings(session),
        "results_notice": minutes.results_notice if minutes else "",
    }


@router.get("/sessions/{session_id}/conduct", response={200: ConductOut, **ERRORS})
def conduct_detail(request: HttpRequest, session_id: int) -> dict[str, Any]:
    """The session's preparatory meeting, agenda with votes, attendance and totals, and warnings."""
    return _conduct(_session(request, session_id, VIEW))


@router.post("/sessions/{session_id}/agenda", response={201: ItemOut, **ERRORS})
def conduct_item_create(request: HttpRequest, session_id: int, payload: ItemIn) -> Status[Any]:
    """Add an item at the end of the agenda (a draft resolution may name its Ban and its draft)."""
    session = _session(request, session_id, MANAGE_SESSIONS)
    body = resolution = None
    if payload.examining_body_id is not None:
        body = Body.objects.filter(pk=payload.examining_body_id, council=session.council).first()
        if body is None:
            return refused({"examining_body_id": ["Ban thẩm tra phải là một Ban của HĐND tổ chức kỳ họp."]})
    if payload.resolution_id is not None:
        resolution = Resolution.objects.filter(pk=payload.resolution_id, council=session.council).first()
        if resolution is None:
            return refused({"resolution_id": ["Dự thảo nghị quyết phải của HĐND tổ chức kỳ họp."]})
    data = payload.dict(exclude={"examining_body_id", "resolution_id"})
    return run(
        lambda: conduct.add_agenda_item(
            session, by=request.user, examining_body=body, resolution=resolution, **data
        )
    )


@router.post("/sessions/{session_id}/attendance", response={200: TotalsOut, **ERRORS})
def conduct_attendance(request: HttpRequest, session_id: int, payload: AttendanceIn) -> Status[Any]:
    """Mark delegates of the term present, excused (with a reason) or absent; answers the totals."""
    session = _session(request, session_id, MANAGE_SESSIONS)
    entries = {mark.person_id: (str(mark.status), mark.reason) for mark in payload.entries}
    return run(lambda: conduct.record_attendance(session, by=request.user, entries=entries), 200)


@router.post("/agenda-items/{item_id}/votes", response={201: VoteOut, **ERRORS})
def conduct_vote_create(request: HttpRequest, item_id: int, payload: VoteIn) -> Status[Any]:
    """Record a vote: counts, or each delegate's ballot for a named (electronic) vote."""
    queryset = SessionAgendaItem.objects.select_related("session").annotate(
        council_ref=F("session__council_id")
    )
    item = get_or_error(request, queryset, item_id, MANAGE_SESSIONS, "council_ref")
    data = payload.dict(exclude={"ballots"})
    ballots = {ballot.person_id: str(ballot.choice) for ballot in payload.ballots}
    return run(lambda: conduct.record_vote(item, by=request.user, ballots=ballots, **data))
