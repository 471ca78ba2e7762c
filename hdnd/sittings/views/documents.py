"""A session's documents (``documents.py``) as .docx and PDF, for whoever may see the session's council,
and the step that issues the session notice (its number and date) for those who manage sessions.

Through ``permissions.session_for``: 404 outside the user's scope; every role of the council (and the
supervising roles of the councils above) may download the documents (VIEW); issuing the notice needs
MANAGE_SESSIONS (403 without it). A refused notice re-renders the session page (422) with what was typed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET, require_POST

from hdnd.accounts.scope import MANAGE_SESSIONS, VIEW
from hdnd.core import documents as core
from hdnd.core.shortcuts import post_step
from hdnd.sittings import actions, documents, forms, results
from hdnd.sittings.models import Session
from hdnd.sittings.permissions import session_for

from .sessions import detail_page


def document_response(session: Session, which: str, extension: str) -> HttpResponse:
    """The convening decision (``trieu-tap``) or the notice (``thong-bao``) as a .docx or PDF download."""
    document = documents.BUILDERS[which](session)
    name = documents.filename(session, which, extension)
    if extension == "pdf":
        return core.attachment(core.build_pdf(document), name, core.PDF)
    return core.attachment(core.build(document), name)


def _view(which: str, extension: str) -> Callable[[HttpRequest, int], HttpResponse]:
    @login_required
    @require_GET
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        return document_response(session_for(request, pk, VIEW), which, extension)

    view.__name__ = f"{which.replace('-', '_')}_{extension}"
    return view


convening_docx = _view("trieu-tap", "docx")
convening_pdf = _view("trieu-tap", "pdf")
notice_docx = _view("thong-bao", "docx")
notice_pdf = _view("thong-bao", "pdf")


@login_required
@require_POST
def notice_issue(request: HttpRequest, pk: int) -> HttpResponse:
    """Issue the session notice: the next TB-HĐND number of its year (or one typed) and its date."""
    session = session_for(request, pk, MANAGE_SESSIONS)

    def run(data: dict[str, Any]) -> Session:
        return actions.issue_notice(session, by=request.user, issued_on=data["day"], number=data["number"])

    form = forms.NumberedDayForm(request.POST)
    page = lambda extra: detail_page(request, session, extra)  # noqa: E731
    return post_step(
        request, session, form, run, "Đã ban hành thông báo về kỳ họp.", page=page, name="notice_form"
    )


@login_required
@require_POST
def results_issue(request: HttpRequest, pk: int) -> HttpResponse:
    """Issue the results notice of a closed session: its TB-HĐND number (the next, or one typed) and date."""
    session = session_for(request, pk, MANAGE_SESSIONS)

    def run(data: dict[str, Any]) -> Session:
        return results.issue_results_notice(
            session, by=request.user, issued_on=data["day"], number=data["number"]
        )

    form = forms.NumberedDayForm(request.POST)
    page = lambda extra: detail_page(request, session, extra)  # noqa: E731
    return post_step(
        request, session, form, run, "Đã ban hành thông báo kết quả kỳ họp.", page=page, name="results_form"
    )
