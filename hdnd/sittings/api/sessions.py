"""Sessions over the JSON API, scoped like the pages: reading needs VIEW, writing MANAGE_SESSIONS.

Writes call the same ``actions`` as the pages; a rule they break answers 422 with the Vietnamese
message. Lead times missed are listed in each session's ``warnings``.
"""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from hdnd.accounts.scope import MANAGE_SESSIONS, VIEW
from hdnd.core.paging import PageNumberPagination
from hdnd.core.schemas import ERRORS, NfcIn
from hdnd.councils.models import Term
from hdnd.sittings import actions
from hdnd.sittings.counts import council_ids_with_below, counts_by_kind
from hdnd.sittings.models import Session
from hdnd.sittings.models.sessions import Shared, deadline_rules
from hdnd.sittings.permissions import council_for, session_for

router = Router(tags=["Kỳ họp"])
PAGE = {"page_size": 50, "max_page_size": 100}


class SessionOut(Schema):
    id: int
    council_id: int
    term_id: int
    number: int
    number_words: str
    kind: str
    kind_label: str
    requested_by: str
    requesting_delegates: int | None
    delegate_total: int | None
    opens_on: dt.date
    closes_on: dt.date
    place: str
    status: str
    status_label: str
    convened_on: dt.date | None
    decision_number: int | None
    decision_symbol: str
    notice_number: int | None
    notice_symbol: str
    notice_on: dt.date | None
    results_number: int | None
    results_symbol: str
    results_on: dt.date | None
    documents_sent_on: dt.date | None
    convening_deadline: dt.date | None
    documents_deadline: dt.date | None
    warnings: list[str]

    @staticmethod
    def resolve_kind_label(obj: Session) -> str:
        return obj.get_kind_display()

    @staticmethod
    def resolve_status_label(obj: Session) -> str:
        return obj.get_status_display()

    @staticmethod
    def resolve_convening_deadline(obj: Session, context: dict[str, Any]) -> dt.date | None:
        return obj.convening_deadline(_shared(obj, context))

    @staticmethod
    def resolve_documents_deadline(obj: Session, context: dict[str, Any]) -> dt.date | None:
        return obj.documents_deadline(_shared(obj, context))

    @staticmethod
    def resolve_warnings(obj: Session, context: dict[str, Any]) -> list[str]:
        return obj.warnings(shared=_shared(obj, context))


def _shared(session: Session, context: dict[str, Any]) -> Shared:
    """One calendar and one reading of the council's rules for every session of the response (a page of
    the list asked three queries a deadline, four deadlines a session: 188 queries for 15 sessions)."""
    kept: dict[int, Shared] = context["request"].__dict__.setdefault("_session_deadline_rules", {})
    if session.council_id not in kept:
        kept[session.council_id] = deadline_rules(session.council)
    return kept[session.council_id]


class SessionIn(NfcIn):
    term_id: int
    kind: Session.Kind = Session.Kind.REGULAR
    number: int | None = Field(None, ge=1, le=999)
    requested_by: str = ""
    requesting_delegates: int | None = Field(None, ge=1)
    opens_on: dt.date
    closes_on: dt.date
    place: str = Field("", max_length=255)
    notes: str = ""


class SessionPatch(NfcIn):
    """Dates, place or notes of a session not yet closed; what is left out stays as it is."""

    opens_on: dt.date | None = None
    closes_on: dt.date | None = None
    place: str | None = Field(None, max_length=255)
    notes: str | None = None


class SessionDayIn(NfcIn):
    day: dt.date


class SessionConveneIn(SessionDayIn):
    number: int | None = Field(
        None, ge=1, le=99999, description="Số quyết định đã ban hành; trống: số tiếp theo"
    )


class SessionKindCountOut(Schema):
    kind: str
    label: str
    planned: int
    held: int


@router.get("/councils/{council_id}/sessions", response={200: list[SessionOut], **ERRORS})
@paginate(PageNumberPagination, **PAGE)
def session_list(request: HttpRequest, council_id: int) -> QuerySet[Session]:
    """The council's sessions, newest first."""
    council = council_for(request, council_id, VIEW)
    return Session.objects.filter(council=council).select_related("council", "term")


@router.post("/councils/{council_id}/sessions", response={201: SessionOut, **ERRORS})
def session_create(request: HttpRequest, council_id: int, payload: SessionIn) -> Status[Any]:
    """Plan a session; a thematic or ad hoc one asked by delegates needs at least a third of them."""
    council = council_for(request, council_id, MANAGE_SESSIONS)
    data = payload.dict()
    term = Term.objects.filter(pk=data.pop("term_id"), council=council).first()
    if term is None:
        raise ValidationError({"term_id": ["Khóa này không thuộc HĐND đang chọn."]})
    return Status(201, actions.plan_session(council, by=request.user, term=term, **data))


@router.get("/councils/{council_id}/sessions/counts", response={200: list[SessionKindCountOut], **ERRORS})
def session_counts(
    request: HttpRequest, council_id: int, first: dt.date, last: dt.date, below: bool = False
) -> list[Any]:
    """Sessions opening in [first, last] by kind; ``below`` adds the councils below (a whole province)."""
    council = council_for(request, council_id, VIEW)
    ids = council_ids_with_below(council) if below else [council.pk]
    return list(counts_by_kind(ids, first, last))


@router.get("/sessions/{session_id}", response={200: SessionOut, **ERRORS})
def session_detail(request: HttpRequest, session_id: int) -> Session:
    return session_for(request, session_id, VIEW)


@router.patch("/sessions/{session_id}", response={200: SessionOut, **ERRORS})
def session_update(request: HttpRequest, session_id: int, payload: SessionPatch) -> Session:
    """Move a session's dates or place, as "Sửa thời gian, địa điểm" does (refused once it has closed)."""
    session = session_for(request, session_id, MANAGE_SESSIONS)
    current: dict[str, Any] = {"opens_on": session.opens_on, "closes_on": session.closes_on}
    current |= {"place": session.place, "notes": session.notes}
    changes = {key: value for key, value in payload.dict(exclude_unset=True).items() if value is not None}
    return actions.edit_session(session, by=request.user, **(current | changes))


@router.post("/sessions/{session_id}/convene", response={200: SessionOut, **ERRORS})
def session_convene(request: HttpRequest, session_id: int, payload: SessionConveneIn) -> Session:
    """Record the convening decision; it takes the next QĐ-HĐND number of the year unless ``number``."""
    session = session_for(request, session_id, MANAGE_SESSIONS)
    return actions.convene_session(session, by=request.user, convened_on=payload.day, number=payload.number)


@router.post("/sessions/{session_id}/documents", response={200: SessionOut, **ERRORS})
def session_documents(request: HttpRequest, session_id: int, payload: SessionDayIn) -> Session:
    session = session_for(request, session_id, MANAGE_SESSIONS)
    return actions.send_documents(session, by=request.user, sent_on=payload.day)


@router.post("/sessions/{session_id}/open", response={200: SessionOut, **ERRORS})
def session_open(request: HttpRequest, session_id: int) -> Session:
    session = session_for(request, session_id, MANAGE_SESSIONS)
    return actions.open_session(session, by=request.user)


@router.post("/sessions/{session_id}/close", response={200: SessionOut, **ERRORS})
def session_close(request: HttpRequest, session_id: int) -> Session:
    session = session_for(request, session_id, MANAGE_SESSIONS)
    return actions.close_session(session, by=request.user)
