"""Pages for a council's sessions: the calendar, one session, planning and the steps of its life.

Every object comes through ``permissions``: 404 outside the user's scope, 403 inside it without the
right. Writes go through ``actions``; the forms only check and clean the input.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, timedelta
from itertools import groupby
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_http_methods, require_POST

from hdnd.accounts.scope import MANAGE_SESSIONS, VIEW, can
from hdnd.core.ical import CalendarEvent, build_calendar, calendar_response
from hdnd.core.publiccache import council_scopes, public_page
from hdnd.core.shortcuts import add_errors, render
from hdnd.councils.models import Council
from hdnd.sittings import actions, forms
from hdnd.sittings.hooks import session_panels
from hdnd.sittings.models import TRANSITIONS, Session
from hdnd.sittings.permissions import council_for, session_for

GET_POST = require_http_methods(["GET", "POST"])
PUBLIC_STATUSES = (Session.Status.CONVENED, Session.Status.IN_PROGRESS, Session.Status.CLOSED)


@login_required
def session_list(request: HttpRequest, pk: int) -> HttpResponse:
    """The council's calendar of sessions, by year, newest first."""
    council = council_for(request, pk, VIEW)
    sessions = Session.objects.filter(council=council).select_related("term", "council")
    years = [(year, list(rows)) for year, rows in groupby(sessions, key=lambda s: s.opens_on.year)]
    context = {"council": council, "years": years, "can_manage": can(request.user, council, MANAGE_SESSIONS)}
    return render(request, "sittings/session_list.html", context)


@login_required
@GET_POST
def session_add(request: HttpRequest, pk: int) -> HttpResponse:
    council = council_for(request, pk, MANAGE_SESSIONS)
    form = forms.SessionForm(request.POST or None, council=council)
    if request.method == "POST" and form.is_valid():
        try:
            session = actions.plan_session(council, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"Đã dự kiến kỳ họp {session.number_words}.")
            return redirect(session)
    return render(request, "sittings/session_form.html", {"council": council, "form": form})


@login_required
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return detail_page(request, session_for(request, pk, VIEW))


def detail_page(
    request: HttpRequest, session: Session, extra: Mapping[str, Any] | None = None
) -> HttpResponse:
    """The session page; a refused step (``post_step``) passes its bound form in ``extra``."""
    context = {
        "council": session.council,
        "session": session,
        "warnings": session.warnings(),
        "convening_deadline": session.convening_deadline(),
        "documents_deadline": session.documents_deadline(),
        "can_manage": can(request.user, session.council, MANAGE_SESSIONS),
        "day_form": forms.DayForm(),
        "convene_form": forms.NumberedDayForm(),
        "next_status": TRANSITIONS[session.status],
        "panels": session_panels(session),
        **(extra or {}),
    }
    return render(request, "sittings/session_detail.html", context)


@login_required
@GET_POST
def session_edit(request: HttpRequest, pk: int) -> HttpResponse:
    session = session_for(request, pk, MANAGE_SESSIONS)
    initial = {"opens_on": session.opens_on, "closes_on": session.closes_on, "place": session.place}
    form = forms.EditForm(request.POST or None, initial={**initial, "notes": session.notes})
    if request.method == "POST" and form.is_valid():
        try:
            actions.edit_session(session, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Đã lưu.")
            return redirect(session)
    context = {"council": session.council, "session": session, "form": form}
    return render(request, "sittings/session_edit.html", context)


def _step(request: HttpRequest, pk: int, run: Callable[[Session], Session], done: str) -> HttpResponse:
    session = session_for(request, pk, MANAGE_SESSIONS)
    try:
        session = run(session)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    else:
        messages.success(request, done)
        for text in session.warnings():
            messages.warning(request, text)
    return redirect(session)


def _day(request: HttpRequest) -> date:
    form = forms.DayForm(request.POST)
    if not form.is_valid():
        raise ValidationError("Nhập ngày theo dạng ngày/tháng/năm, ví dụ 22/08/2026.")
    day: date = form.cleaned_data["day"]
    return day


@login_required
@require_POST
def session_convene(request: HttpRequest, pk: int) -> HttpResponse:
    def run(session: Session) -> Session:
        form = forms.NumberedDayForm(request.POST)
        if not form.is_valid():
            raise ValidationError([str(text) for texts in form.errors.values() for text in texts])
        day, number = form.cleaned_data["day"], form.cleaned_data["number"]
        return actions.convene_session(session, by=request.user, convened_on=day, number=number)

    return _step(request, pk, run, "Đã ghi nhận quyết định triệu tập.")


@login_required
@require_POST
def session_documents(request: HttpRequest, pk: int) -> HttpResponse:
    def run(session: Session) -> Session:
        return actions.send_documents(session, by=request.user, sent_on=_day(request))

    return _step(request, pk, run, "Đã ghi nhận ngày gửi tài liệu.")


@login_required
@require_POST
def session_open(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, lambda s: actions.open_session(s, by=request.user), "Kỳ họp đã khai mạc.")


@login_required
@require_POST
def session_close(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, lambda s: actions.close_session(s, by=request.user), "Kỳ họp đã bế mạc.")


@public_page(council_scopes)
def session_ical(request: HttpRequest, pk: int) -> HttpResponse:
    """The council's convened and held sessions as an iCalendar feed, public like the sessions themselves."""
    council = get_object_or_404(Council, pk=pk)
    sessions = Session.objects.filter(council=council, status__in=PUBLIC_STATUSES).select_related("term")
    events = [
        CalendarEvent(
            uid=f"session-{session.pk}@hdnd",
            summary=f"Kỳ họp {session.number_words} {council.name}",
            start=session.opens_on,
            end=session.closes_on + timedelta(days=1),
            location=session.place,
            description=session.get_kind_display(),
        )
        for session in sessions
    ]
    content = build_calendar(events, name=f"Kỳ họp {council.name}")
    return calendar_response(content, f"ky-hop-{council.pk}.ics")
