"""A session's documents over the JSON API, scoped like the pages: reading and downloading need VIEW,
issuing the session notice MANAGE_SESSIONS; 404 outside the user's scope, 403 without the right, 422 with
the Vietnamese message for a rule the action refuses.

- ``GET /sessions/<id>/convening-decision`` and ``GET|POST /sessions/<id>/notice``: the document's
  number, date and download links (POST issues the notice: the next TB-HĐND number of its year, or one
  typed for a notice issued before the platform);
- ``GET|POST /sessions/<id>/results-notice``: the same for the results notice of a closed session (its
  files are served by ``api.conduct``: ``/sessions/<id>/results-notice.docx|.pdf``);
- ``GET /sessions/<id>/convening-decision.docx|.pdf`` and ``/notice.docx|.pdf``: the files the pages
  serve (``views.documents``).
"""

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Field, Router, Schema

from hdnd.accounts.scope import MANAGE_SESSIONS, VIEW
from hdnd.core.schemas import ERRORS, NfcIn
from hdnd.sittings import actions, results
from hdnd.sittings.models import DECISION_SYMBOL, NOTICE_SYMBOL, Session
from hdnd.sittings.permissions import session_for
from hdnd.sittings.views.documents import document_response

router = Router(tags=["Văn bản kỳ họp"])
DECISION = "trieu-tap"
NOTICE = "thong-bao"


class SessionDocumentOut(Schema):
    """One document of the session: issued (with its number) or a draft (number empty)."""

    session_id: int
    kind: str
    symbol: str
    number: int | None
    number_symbol: str
    on: dt.date | None
    issued: bool
    docx_url: str
    pdf_url: str


class SessionNoticeIn(NfcIn):
    issued_on: dt.date
    number: int | None = Field(None, ge=1, le=99999)


def decision_out(session: Session) -> dict[str, Any]:
    return {
        "session_id": session.pk,
        "kind": "Quyết định triệu tập kỳ họp",
        "symbol": DECISION_SYMBOL,
        "number": session.decision_number,
        "number_symbol": session.decision_symbol,
        "on": session.convened_on,
        "issued": session.decision_number is not None,
        "docx_url": reverse("sittings:session_convening_docx", args=[session.pk]),
        "pdf_url": reverse("sittings:session_convening_pdf", args=[session.pk]),
    }


def notice_out(session: Session) -> dict[str, Any]:
    return {
        "session_id": session.pk,
        "kind": "Thông báo về kỳ họp",
        "symbol": NOTICE_SYMBOL,
        "number": session.notice_number,
        "number_symbol": session.notice_symbol,
        "on": session.notice_on,
        "issued": session.notice_number is not None,
        "docx_url": reverse("sittings:session_notice_docx", args=[session.pk]),
        "pdf_url": reverse("sittings:session_notice_pdf", args=[session.pk]),
    }


@router.get("/sessions/{session_id}/convening-decision", response={200: SessionDocumentOut, **ERRORS})
def session_convening_decision(request: HttpRequest, session_id: int) -> dict[str, Any]:
    """The convening decision: its number (``12/QĐ-HĐND``, taken when the session is convened) and date."""
    return decision_out(session_for(request, session_id, VIEW))


@router.get("/sessions/{session_id}/notice", response={200: SessionDocumentOut, **ERRORS})
def session_notice(request: HttpRequest, session_id: int) -> dict[str, Any]:
    """The session notice: its number and date once issued, a draft before."""
    return notice_out(session_for(request, session_id, VIEW))


@router.post("/sessions/{session_id}/notice", response={200: SessionDocumentOut, **ERRORS})
def session_notice_issue(request: HttpRequest, session_id: int, payload: SessionNoticeIn) -> Any:
    """Issue the session notice with the next number of the council's TB-HĐND series of its year (shared
    with the standing committee's conclusion notices), or ``number`` for one issued before the platform."""
    session = session_for(request, session_id, MANAGE_SESSIONS)

    issued = actions.issue_notice(
        session, by=request.user, issued_on=payload.issued_on, number=payload.number
    )
    return notice_out(issued)


def results_out(session: Session) -> dict[str, Any]:
    return {
        "session_id": session.pk,
        "kind": "Thông báo kết quả kỳ họp",
        "symbol": NOTICE_SYMBOL,
        "number": session.results_number,
        "number_symbol": session.results_symbol,
        "on": session.results_on,
        "issued": session.results_number is not None,
        "docx_url": reverse("sittings:conduct_results_docx", args=[session.pk]),
        "pdf_url": reverse("sittings:conduct_results_pdf", args=[session.pk]),
    }


@router.get("/sessions/{session_id}/results-notice", response={200: SessionDocumentOut, **ERRORS})
def session_results_notice(request: HttpRequest, session_id: int) -> dict[str, Any]:
    """The results notice: its number and date once issued after closing, a draft before."""
    return results_out(session_for(request, session_id, VIEW))


@router.post("/sessions/{session_id}/results-notice", response={200: SessionDocumentOut, **ERRORS})
def session_results_issue(request: HttpRequest, session_id: int, payload: SessionNoticeIn) -> Any:
    """Issue the results notice of a closed session with the next TB-HĐND number (or ``number``)."""
    session = session_for(request, session_id, MANAGE_SESSIONS)

    issued = results.issue_results_notice(
        session, by=request.user, issued_on=payload.issued_on, number=payload.number
    )
    return results_out(issued)


@router.get(
    "/sessions/{session_id}/convening-decision.docx",
    response={200: None, **ERRORS},
    summary="Quyết định triệu tập kỳ họp (.docx)",
)
def session_convening_docx(request: HttpRequest, session_id: int) -> HttpResponse:
    return document_response(session_for(request, session_id, VIEW), DECISION, "docx")


@router.get(
    "/sessions/{session_id}/convening-decision.pdf",
    response={200: None, **ERRORS},
    summary="Quyết định triệu tập kỳ họp (PDF)",
)
def session_convening_pdf(request: HttpRequest, session_id: int) -> HttpResponse:
    return document_response(session_for(request, session_id, VIEW), DECISION, "pdf")


@router.get(
    "/sessions/{session_id}/notice.docx",
    response={200: None, **ERRORS},
    summary="Thông báo về kỳ họp (.docx)",
)
def session_notice_docx(request: HttpRequest, session_id: int) -> HttpResponse:
    return document_response(session_for(request, session_id, VIEW), NOTICE, "docx")


@router.get(
    "/sessions/{session_id}/notice.pdf", response={200: None, **ERRORS}, summary="Thông báo về kỳ họp (PDF)"
)
def session_notice_pdf(request: HttpRequest, session_id: int) -> HttpResponse:
    return document_response(session_for(request, session_id, VIEW), NOTICE, "pdf")
