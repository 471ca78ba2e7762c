"""Pages for voter contact: cycles, meetings and petition entry (typed one at a time, or pasted).

Every object comes through ``permissions`` (404 outside the user's scope, 403 inside it without the
right). Writes go through ``actions.entry``; the forms only check and clean the input.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods, require_POST

from hdnd.accounts.scope import MANAGE_PETITIONS, VIEW, can
from hdnd.core.shortcuts import add_errors, render, render_page_or_partial
from hdnd.petitions import forms, panels
from hdnd.petitions.actions import entry as actions
from hdnd.petitions.models import Cycle, Petition, VoterMeeting
from hdnd.petitions.permissions import council_for, cycle_for, meeting_for

GET_POST = require_http_methods(["GET", "POST"])


# Cycles ------------------------------------------------------------------------------------------


@login_required
def cycle_list(request: HttpRequest, pk: int) -> HttpResponse:
    council = council_for(request, pk, VIEW)
    cycles = Cycle.objects.filter(council=council).annotate(
        meeting_count=Count("meetings", distinct=True), petition_count=Count("petitions", distinct=True)
    )
    context = {
        "council": council,
        "cycles": cycles,
        "can_manage": can(request.user, council, MANAGE_PETITIONS),
    }
    return render(request, "petitions/cycle_list.html", context)


@login_required
@GET_POST
def cycle_add(request: HttpRequest, pk: int) -> HttpResponse:
    council = council_for(request, pk, MANAGE_PETITIONS)
    form = forms.CycleForm(request.POST or None, council=council)
    if request.method == "POST" and form.is_valid():
        try:
            cycle = actions.create_cycle(council, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Đã tạo đợt tiếp xúc cử tri.")
            return redirect(cycle)
    return render(request, "petitions/cycle_form.html", {"council": council, "form": form})


@login_required
def cycle_detail(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = cycle_for(request, pk, VIEW)
    meetings = cycle.meetings.annotate(petition_count=Count("petitions")).order_by("-date", "-pk")
    context = {
        "council": cycle.council,
        "cycle": cycle,
        "meetings": meetings,
        "can_manage": can(request.user, cycle.council, MANAGE_PETITIONS),
        "panels": panels.collect(request, cycle, panels.CYCLE),
    }
    return render(request, "petitions/cycle_detail.html", context)


# Meetings and petition entry ---------------------------------------------------------------------


@login_required
@GET_POST
def meeting_add(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = cycle_for(request, pk, MANAGE_PETITIONS)
    form = forms.MeetingForm(request.POST or None, council=cycle.council)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = actions.record_meeting(cycle, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"Đã ghi nhận buổi tiếp xúc; mã tra cứu: {meeting.code}.")
            return redirect(meeting)
    return render(
        request, "petitions/meeting_form.html", {"council": cycle.council, "cycle": cycle, "form": form}
    )


def _meeting_context(request: HttpRequest, meeting: VoterMeeting, form: Any) -> dict[str, Any]:
    petitions = meeting.petitions.select_related("delegate").order_by("pk")
    return {
        "council": meeting.council,
        "cycle": meeting.cycle,
        "meeting": meeting,
        "delegates": meeting.delegates.order_by("name_key"),
        "petitions": petitions,
        "form": form,
        "can_manage": can(request.user, meeting.council, MANAGE_PETITIONS),
        "panels": panels.collect(request, meeting, panels.MEETING),
    }


@login_required
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_for(request, pk, VIEW)
    form = forms.PetitionForm(meeting=meeting)
    return render(request, "petitions/meeting_detail.html", _meeting_context(request, meeting, form))


@login_required
@require_POST
def petition_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Keyboard-first entry: htmx gets the updated list and a fresh form; typed text survives errors."""
    meeting = meeting_for(request, pk, MANAGE_PETITIONS)
    form = forms.PetitionForm(request.POST, meeting=meeting)
    saved = False
    if form.is_valid():
        try:
            actions.register_petition(
                meeting.council,
                by=request.user,
                cycle=meeting.cycle,
                meeting=meeting,
                source=Petition.Source.MEETING,
                **form.cleaned_data,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            saved = True
            form = forms.PetitionForm(meeting=meeting)
    if saved and not getattr(request, "htmx", False):
        messages.success(request, "Đã lưu ý kiến.")
        return redirect(meeting)
    context = {**_meeting_context(request, meeting, form), "saved": saved}
    return render_page_or_partial(request, "petitions/meeting_detail.html", "entry", context)


@login_required
@GET_POST
def petition_paste(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_for(request, pk, MANAGE_PETITIONS)
    form = forms.PasteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            created = actions.register_petitions_from_list(
                meeting.council,
                by=request.user,
                cycle=meeting.cycle,
                meeting=meeting,
                source=Petition.Source.MEETING,
                text=form.cleaned_data["text"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"Đã nhập {len(created)} ý kiến.")
            return redirect(meeting)
    context = {"council": meeting.council, "cycle": meeting.cycle, "meeting": meeting, "form": form}
    return render(request, "petitions/petition_paste.html", context)
