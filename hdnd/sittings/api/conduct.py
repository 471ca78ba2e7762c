"""The conduct of a session over the JSON API, scoped like the pages (VIEW to read, MANAGE_SESSIONS to
change), calling the same ``conduct``, ``voting`` and ``results`` actions; a rule they break answers 422
with the Vietnamese message.

Files travel as multipart/form-data: the examination report, a document for delegates and the signed
minutes are uploaded with their form fields (``file`` the upload), and downloaded (with the minutes and
the results notice as .docx or PDF) from the ``GET`` endpoints below, inside the same scope as the pages.
"""

import datetime as dt
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponseBase
from django.urls import reverse
from ninja import Field, File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from hdnd.accounts.scope import MANAGE_SESSIONS, VIEW
from hdnd.core import uploads
from hdnd.core.schemas import ERRORS, ErrorOut, NfcIn
from hdnd.councils.models import Body
from hdnd.sittings import conduct, results, voting
from hdnd.sittings.hooks import draft_of, drafts
from hdnd.sittings.models import (
    Session,
    SessionAgendaItem,
    SessionAttendance,
    SessionBallot,
    SessionDocument,
    SessionVote,
)
from hdnd.sittings.permissions import agenda_item_for, session_document_for, session_for, session_vote_for
from hdnd.sittings.views.conduct import document_response

router = Router(tags=["Kỳ họp"])
FILE_RESPONSES = {200: None, 403: ErrorOut, 404: ErrorOut}  # 200: the file itself
OPTIONAL_FILE = File(None)  # a multipart upload that may be left out


class SessionVoteOut(Schema):
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


class AgendaDocumentOut(Schema):
    id: int
    item_id: int
    title: str
    uploaded_at: dt.datetime
    download_url: str

    @staticmethod
    def resolve_download_url(obj: SessionDocument) -> str:
        return reverse("api:conduct_document_download", args=[obj.pk])


class SessionAgendaItemOut(Schema):
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
    documents: list[AgendaDocumentOut]
    votes: list[SessionVoteOut]

    @staticmethod
    def resolve_kind_label(obj: SessionAgendaItem) -> str:
        return obj.get_kind_display()

    @staticmethod
    def resolve_resolution_id(obj: SessionAgendaItem) -> int | None:
        return getattr(draft_of(obj), "pk", None)

    @staticmethod
    def resolve_has_examination_report(obj: SessionAgendaItem) -> bool:
        return bool(obj.examination_report)

    @staticmethod
    def resolve_documents(obj: SessionAgendaItem) -> list[SessionDocument]:
        return list(obj.documents.all())

    @staticmethod
    def resolve_votes(obj: SessionAgendaItem) -> list[SessionVote]:
        return list(obj.votes.prefetch_related("ballots"))


class PreparatoryMeetingOut(Schema):
    held_on: dt.date
    participants: str
    conclusions: str


class AttendanceTotalsOut(Schema):
    delegates: int
    present: int
    excused: int
    absent: int
    unrecorded: int


class AttendanceMarkOut(Schema):
    person_id: int
    status: str
    reason: str


class SessionMinutesOut(Schema):
    chair_name: str
    secretary_name: str
    text: str
    results_notice: str
    has_file: bool
    updated_at: dt.datetime

    @staticmethod
    def resolve_has_file(obj: Any) -> bool:
        return bool(obj.file)


class SessionConductOut(Schema):
    session_id: int
    preparatory_meeting: PreparatoryMeetingOut | None
    agenda: list[SessionAgendaItemOut]
    attendance: list[AttendanceMarkOut]
    totals: AttendanceTotalsOut
    warnings: list[str]
    minutes: SessionMinutesOut | None
    results_notice: str


class PreparatoryMeetingIn(NfcIn):
    held_on: dt.date
    participants: str = ""
    conclusions: str = ""


class SessionAgendaItemIn(NfcIn):
    kind: SessionAgendaItem.Kind
    title: str = Field(..., min_length=1, max_length=2000)
    presenter: str = Field("", max_length=255)
    examining_body_id: int | None = None
    resolution_id: int | None = None


class AgendaItemMoveIn(NfcIn):
    direction: Literal["up", "down"]


class AgendaExaminationIn(NfcIn):
    on: dt.date
    examining_body_id: int | None = None


class AgendaDocumentIn(NfcIn):
    title: str = Field("", max_length=255)


class SessionMinutesIn(NfcIn):
    chair_name: str = Field("", max_length=120)
    secretary_name: str = Field("", max_length=120)
    text: str = ""
    results_notice: str = ""


class AttendanceMarkIn(NfcIn):
    person_id: int
    status: SessionAttendance.Status
    reason: str = Field("", max_length=255)


class SessionAttendanceIn(NfcIn):
    entries: list[AttendanceMarkIn]


class SessionBallotIn(NfcIn):
    person_id: int
    choice: SessionBallot.Choice


class SessionVoteIn(NfcIn):
    method: SessionVote.Method
    subject: str = Field("", max_length=255)
    votes_for: int = Field(0, ge=0)
    votes_against: int = Field(0, ge=0)
    abstentions: int = Field(0, ge=0)
    not_voting: int | None = Field(None, ge=0)
    ballots: list[SessionBallotIn] = []


def _conduct(session: Session) -> dict[str, Any]:
    meeting = getattr(session, "preparatory_meeting", None)
    minutes = getattr(session, "minutes", None)
    agenda: QuerySet[SessionAgendaItem] = session.agenda_items.prefetch_related("documents")
    return {
        "session_id": session.pk,
        "preparatory_meeting": meeting,
        "agenda": list(agenda),
        "attendance": list(session.attendance.all()),
        "totals": voting.attendance_totals(session),
        "warnings": conduct.agenda_warnings(session),
        "minutes": minutes,
        "results_notice": minutes.results_notice if minutes else "",
    }


def _links(session: Session, body_id: int | None, resolution_id: int | None) -> dict[str, Any]:
    """The examining Ban and the draft an item names, as keyword arguments; refused when not the council's."""
    body = resolution = None
    if body_id is not None:
        body = Body.objects.filter(pk=body_id, council=session.council).first()
        if body is None:
            raise ValidationError(
                {"examining_body_id": "Ban thẩm tra phải là một Ban của HĐND tổ chức kỳ họp."}
            )
    if resolution_id is not None:
        resolution = drafts().find(session.council, resolution_id)
        if resolution is None:
            raise ValidationError({"resolution_id": "Dự thảo nghị quyết phải của HĐND tổ chức kỳ họp."})
    return {"examining_body": body, "resolution": resolution}


# Reading -----------------------------------------------------------------------------------------


@router.get("/sessions/{session_id}/conduct", response={200: SessionConductOut, **ERRORS})
def conduct_detail(request: HttpRequest, session_id: int) -> dict[str, Any]:
    """The session's preparatory meeting, agenda with documents and votes, attendance, minutes, warnings."""
    return _conduct(session_for(request, session_id, VIEW))


# Preparation and agenda --------------------------------------------------------------------------


@router.put("/sessions/{session_id}/preparatory-meeting", response={200: PreparatoryMeetingOut, **ERRORS})
def conduct_preparatory(request: HttpRequest, session_id: int, payload: PreparatoryMeetingIn) -> Any:
    """Record (or correct) the joint preparatory meeting (hội nghị liên tịch); before the opening day."""
    session = session_for(request, session_id, MANAGE_SESSIONS)
    return conduct.record_preparatory_meeting(session, by=request.user, **payload.dict())


@router.post("/sessions/{session_id}/agenda", response={201: SessionAgendaItemOut, **ERRORS})
def conduct_item_create(request: HttpRequest, session_id: int, payload: SessionAgendaItemIn) -> Status[Any]:
    """Add an item at the end of the agenda (a draft resolution may name its Ban and its draft)."""
    session = session_for(request, session_id, MANAGE_SESSIONS)
    data = payload.dict(exclude={"examining_body_id", "resolution_id"})
    links = _links(session, payload.examining_body_id, payload.resolution_id)
    return Status(201, conduct.add_agenda_item(session, by=request.user, **links, **data))


@router.put("/agenda-items/{item_id}", response={200: SessionAgendaItemOut, **ERRORS})
def conduct_item_update(request: HttpRequest, item_id: int, payload: SessionAgendaItemIn) -> Any:
    """Change an item: kind, title, presenter, examining Ban, draft (the same checks as adding it)."""
    item = agenda_item_for(request, item_id, MANAGE_SESSIONS)
    data = payload.dict(exclude={"examining_body_id", "resolution_id"})
    links = _links(item.session, payload.examining_body_id, payload.resolution_id)
    return conduct.edit_agenda_item(item, by=request.user, **links, **data)


@router.delete("/agenda-items/{item_id}", response={200: SessionConductOut, **ERRORS})
def conduct_item_delete(request: HttpRequest, item_id: int) -> Any:
    """Take an item without votes off the agenda (422 while it has votes); answers the session's conduct."""
    item = agenda_item_for(request, item_id, MANAGE_SESSIONS)
    return _conduct(conduct.remove_agenda_item(item, by=request.user))


@router.post("/agenda-items/{item_id}/move", response={200: SessionAgendaItemOut, **ERRORS})
def conduct_item_move(request: HttpRequest, item_id: int, payload: AgendaItemMoveIn) -> Any:
    """Swap the item with the one before (``up``) or after it (``down``)."""
    item = agenda_item_for(request, item_id, MANAGE_SESSIONS)
    up = payload.direction == "up"
    return conduct.move_agenda_item(item, by=request.user, up=up)


@router.post("/agenda-items/{item_id}/examination", response={200: SessionAgendaItemOut, **ERRORS})
def conduct_examination(
    request: HttpRequest,
    item_id: int,
    form: Form[AgendaExaminationIn],
    file: UploadedFile | None = OPTIONAL_FILE,
) -> Any:
    """Record the examining Ban's report (multipart): its date, the Ban, and the file when sent."""
    item = agenda_item_for(request, item_id, MANAGE_SESSIONS)
    body = _links(item.session, form.examining_body_id, None)["examining_body"]
    return conduct.record_examination(item, by=request.user, on=form.on, upload=file, examining_body=body)


@router.get(
    "/agenda-items/{item_id}/examination-report",
    response=FILE_RESPONSES,
    summary="Báo cáo thẩm tra của một nội dung (tệp)",
)
def conduct_examination_download(request: HttpRequest, item_id: int) -> HttpResponseBase:
    item = agenda_item_for(request, item_id, VIEW)
    return uploads.serve_file(item.examination_report, "bao-cao-tham-tra")


@router.post("/agenda-items/{item_id}/documents", response={201: AgendaDocumentOut, **ERRORS})
def conduct_document_create(
    request: HttpRequest, item_id: int, file: File[UploadedFile], form: Form[AgendaDocumentIn]
) -> Status[Any]:
    """Attach a document for delegates (multipart; PDF, Word or Excel, up to 20 MB)."""
    item = agenda_item_for(request, item_id, MANAGE_SESSIONS)
    return Status(201, conduct.attach_document(item, by=request.user, title=form.title, upload=file))


@router.get("/session-documents/{document_id}/file", response=FILE_RESPONSES, summary="Tài liệu kỳ họp (tệp)")
def conduct_document_download(request: HttpRequest, document_id: int) -> HttpResponseBase:
    document = session_document_for(request, document_id, VIEW)
    return uploads.serve_file(document.file, "tai-lieu")


# Attendance and votes ----------------------------------------------------------------------------


@router.post("/sessions/{session_id}/attendance", response={200: AttendanceTotalsOut, **ERRORS})
def conduct_attendance(request: HttpRequest, session_id: int, payload: SessionAttendanceIn) -> Any:
    """Mark delegates of the term present, excused (with a reason) or absent; answers the totals."""
    session = session_for(request, session_id, MANAGE_SESSIONS)
    entries = {mark.person_id: (str(mark.status), mark.reason) for mark in payload.entries}
    return voting.record_attendance(session, by=request.user, entries=entries)


@router.post("/agenda-items/{item_id}/votes", response={201: SessionVoteOut, **ERRORS})
def conduct_vote_create(request: HttpRequest, item_id: int, payload: SessionVoteIn) -> Status[Any]:
    """Record a vote: counts, or each delegate's ballot for a named (electronic) vote."""
    item = agenda_item_for(request, item_id, MANAGE_SESSIONS)
    data = payload.dict(exclude={"ballots"})
    ballots = {ballot.person_id: str(ballot.choice) for ballot in payload.ballots}
    return Status(201, voting.record_vote(item, by=request.user, ballots=ballots, **data))


@router.put("/session-votes/{vote_id}", response={200: SessionVoteOut, **ERRORS})
def conduct_vote_update(request: HttpRequest, vote_id: int, payload: SessionVoteIn) -> Any:
    """Record a vote in error again: the new record (a new id) replaces it, with the same checks."""
    vote = session_vote_for(request, vote_id, MANAGE_SESSIONS)
    data = payload.dict(exclude={"ballots"})
    ballots = {ballot.person_id: str(ballot.choice) for ballot in payload.ballots}
    return voting.correct_vote(vote, by=request.user, ballots=ballots, **data)


@router.delete("/session-votes/{vote_id}", response={200: SessionAgendaItemOut, **ERRORS})
def conduct_vote_delete(request: HttpRequest, vote_id: int) -> Any:
    """Remove a vote recorded in error; answers its agenda item."""
    vote = session_vote_for(request, vote_id, MANAGE_SESSIONS)
    return voting.remove_vote(vote, by=request.user)


# Minutes and the results notice ------------------------------------------------------------------


@router.post("/sessions/{session_id}/minutes", response={200: SessionMinutesOut, **ERRORS})
def conduct_minutes(
    request: HttpRequest,
    session_id: int,
    form: Form[SessionMinutesIn],
    file: UploadedFile | None = OPTIONAL_FILE,
) -> Any:
    """Record the minutes, its signers and the results notice text (multipart; ``file`` the signed copy)."""
    session = session_for(request, session_id, MANAGE_SESSIONS)
    return results.record_minutes(session, by=request.user, upload=file, **form.dict())


@router.get(
    "/sessions/{session_id}/minutes/file", response=FILE_RESPONSES, summary="Biên bản kỳ họp đã ký (tệp)"
)
def conduct_minutes_download(request: HttpRequest, session_id: int) -> HttpResponseBase:
    """The signed minutes as uploaded."""
    session = session_for(request, session_id, VIEW)
    minutes = getattr(session, "minutes", None)
    return uploads.serve_file(minutes.file if minutes else None, "bien-ban")


@router.get(
    "/sessions/{session_id}/minutes.docx", response=FILE_RESPONSES, summary="Dự thảo biên bản kỳ họp (.docx)"
)
def conduct_minutes_docx(request: HttpRequest, session_id: int) -> HttpResponseBase:
    """The minutes skeleton (NĐ 30/2020) as .docx."""
    return document_response(session_for(request, session_id, VIEW), "minutes", "docx")


@router.get(
    "/sessions/{session_id}/minutes.pdf", response=FILE_RESPONSES, summary="Dự thảo biên bản kỳ họp (PDF)"
)
def conduct_minutes_pdf(request: HttpRequest, session_id: int) -> HttpResponseBase:
    return document_response(session_for(request, session_id, VIEW), "minutes", "pdf")


@router.get(
    "/sessions/{session_id}/results-notice.docx",
    response=FILE_RESPONSES,
    summary="Thông báo kết quả kỳ họp (.docx)",
)
def conduct_results_docx(request: HttpRequest, session_id: int) -> HttpResponseBase:
    """The results notice (Thông báo kết quả kỳ họp, TB-HĐND, number left blank) as .docx."""
    return document_response(session_for(request, session_id, VIEW), "results", "docx")


@router.get(
    "/sessions/{session_id}/results-notice.pdf",
    response=FILE_RESPONSES,
    summary="Thông báo kết quả kỳ họp (PDF)",
)
def conduct_results_pdf(request: HttpRequest, session_id: int) -> HttpResponseBase:
    return document_response(session_for(request, session_id, VIEW), "results", "pdf")
