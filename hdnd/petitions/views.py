"""Pages for voter contact: cycles, meetings, petition entry, and the synthesis of petitions into issues.

Every object comes through ``get_object_for_user``: 404 outside the user's scope, 403 inside it
without the right. Writes go through ``actions``; the forms only check and clean the input.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from hdnd.accounts.scope import MANAGE_PETITIONS, VIEW, can, get_object_for_user
from hdnd.core.shortcuts import render
from hdnd.councils.models import Council

from . import actions, forms
from .models import Cycle, Petition, PetitionIssue, VoterMeeting

GET_POST = require_http_methods(["GET", "POST"])


def _council(request: HttpRequest, pk: int, action: str) -> Council:
    return get_object_for_user(request.user, Council.objects.all(), pk, action, "pk")


def _cycle(request: HttpRequest, pk: int, action: str) -> Cycle:
    return get_object_for_user(request.user, Cycle.objects.select_related("council"), pk, action)


def _meeting(request: HttpRequest, pk: int, action: str) -> VoterMeeting:
    queryset = VoterMeeting.objects.select_related("council", "cycle", "place")
    return get_object_for_user(request.user, queryset, pk, action)


def _add_errors(form: Any, error: ValidationError) -> None:
    """Show an action's validation error on the form: on its field when the form has it."""
    pairs = error.message_dict.items() if hasattr(error, "error_dict") else [(None, error.messages)]
    for field, texts in pairs:
        for text in texts:
            form.add_error(field if field in form.fields else None, text)


def _synthesis_url(obj: Petition | PetitionIssue) -> str:
    return reverse("petitions:synthesis", args=[obj.cycle_id])


# Cycles ------------------------------------------------------------------------------------------


@login_required
def cycle_list(request: HttpRequest, pk: int) -> HttpResponse:
    council = _council(request, pk, VIEW)
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
    council = _council(request, pk, MANAGE_PETITIONS)
    form = forms.CycleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            cycle = actions.create_cycle(council, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, "Đã tạo đợt tiếp xúc cử tri.")
            return redirect(cycle)
    return render(request, "petitions/cycle_form.html", {"council": council, "form": form})


@login_required
def cycle_detail(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = _cycle(request, pk, VIEW)
    meetings = cycle.meetings.annotate(petition_count=Count("petitions")).order_by("-date", "-pk")
    context = {
        "council": cycle.council,
        "cycle": cycle,
        "meetings": meetings,
        "can_manage": can(request.user, cycle.council, MANAGE_PETITIONS),
    }
    return render(request, "petitions/cycle_detail.html", context)


# Meetings and petition entry ---------------------------------------------------------------------


@login_required
@GET_POST
def meeting_add(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = _cycle(request, pk, MANAGE_PETITIONS)
    form = forms.MeetingForm(request.POST or None, council=cycle.council)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = actions.record_meeting(cycle, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
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
    }


@login_required
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk, VIEW)
    form = forms.PetitionForm(meeting=meeting)
    return render(request, "petitions/meeting_detail.html", _meeting_context(request, meeting, form))


@login_required
@require_POST
def petition_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Keyboard-first entry: htmx gets the updated list and a fresh form; typed text survives errors."""
    meeting = _meeting(request, pk, MANAGE_PETITIONS)
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
            _add_errors(form, error)
        else:
            saved = True
            form = forms.PetitionForm(meeting=meeting)
    if not getattr(request, "htmx", False):
        if saved:
            messages.success(request, "Đã lưu ý kiến.")
            return redirect(meeting)
        return render(request, "petitions/meeting_detail.html", _meeting_context(request, meeting, form))
    context = {**_meeting_context(request, meeting, form), "saved": saved}
    return render(request, "petitions/meeting_detail.html#entry", context)


@login_required
@GET_POST
def petition_paste(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk, MANAGE_PETITIONS)
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
            _add_errors(form, error)
        else:
            messages.success(request, f"Đã nhập {len(created)} ý kiến.")
            return redirect(meeting)
    context = {"council": meeting.council, "cycle": meeting.cycle, "meeting": meeting, "form": form}
    return render(request, "petitions/petition_paste.html", context)


# Synthesis and review ----------------------------------------------------------------------------


@login_required
@GET_POST
def synthesis(request: HttpRequest, pk: int) -> HttpResponse:
    """The cycle's issues with their petitions; POST runs the synthesis of the petitions still new."""
    cycle = _cycle(request, pk, MANAGE_PETITIONS if request.method == "POST" else VIEW)
    if request.method == "POST":
        try:
            issues = actions.synthesize_cycle(cycle.council, cycle, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"Đã tổng hợp thành {len(issues)} kiến nghị (dự thảo).")
        return redirect("petitions:synthesis", cycle.pk)
    petitions = Petition.objects.select_related("meeting", "delegate", "from_council").order_by("pk")
    issues = list(
        cycle.issues.select_related("field").prefetch_related(Prefetch("petitions", queryset=petitions))
    )
    context = {
        "council": cycle.council,
        "cycle": cycle,
        "issues": issues,
        "drafts": actions.issue_choices(issues),
        "new_count": cycle.petitions.filter(status=Petition.Status.NEW, issue__isnull=True).count(),
        "can_manage": can(request.user, cycle.council, MANAGE_PETITIONS),
    }
    return render(request, "petitions/issue_list.html", context)


def _review(request: HttpRequest, run: Any, done: str, success: str) -> HttpResponse:
    try:
        run()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)
    return redirect(done)


def _petition(request: HttpRequest, pk: int) -> Petition:
    return get_object_for_user(request.user, Petition.objects.all(), pk, MANAGE_PETITIONS)


def _issue(request: HttpRequest, pk: int) -> PetitionIssue:
    return get_object_for_user(request.user, PetitionIssue.objects.all(), pk, MANAGE_PETITIONS)


def _chosen_issue(request: HttpRequest, cycle: Cycle, exclude: int | None) -> PetitionIssue | None:
    form = forms.IssueChoiceForm(request.POST, cycle=cycle, exclude=exclude)
    if not form.is_valid():
        messages.error(request, "Chọn một kiến nghị dự thảo khác của cùng đợt.")
        return None
    return PetitionIssue.objects.get(pk=form.cleaned_data["issue"])


@login_required
@require_POST
def petition_move(request: HttpRequest, pk: int) -> HttpResponse:
    petition = _petition(request, pk)
    target = _chosen_issue(request, petition.cycle, exclude=petition.issue_id)
    if target is None:
        return redirect(_synthesis_url(petition))
    run = lambda: actions.move_petition(petition, target, by=request.user)  # noqa: E731
    return _review(request, run, _synthesis_url(petition), f"Đã chuyển ý kiến sang kiến nghị #{target.pk}.")


@login_required
@require_POST
def petition_split(request: HttpRequest, pk: int) -> HttpResponse:
    petition = _petition(request, pk)
    run = lambda: actions.split_petition_out(petition, by=request.user)  # noqa: E731
    return _review(request, run, _synthesis_url(petition), "Đã tách ý kiến thành kiến nghị riêng.")


@login_required
@require_POST
def petition_duplicate(request: HttpRequest, pk: int) -> HttpResponse:
    petition = _petition(request, pk)
    run = lambda: actions.mark_duplicate_kept(petition, by=request.user)  # noqa: E731
    return _review(request, run, _synthesis_url(petition), "Đã đánh dấu: trùng, lưu theo dõi.")


@login_required
@require_POST
def issue_merge(request: HttpRequest, pk: int) -> HttpResponse:
    issue = _issue(request, pk)
    other = _chosen_issue(request, issue.cycle, exclude=issue.pk)
    if other is None:
        return redirect(_synthesis_url(issue))
    run = lambda: actions.merge_issues(issue, other, by=request.user)  # noqa: E731
    return _review(request, run, _synthesis_url(issue), f"Đã gộp kiến nghị #{other.pk} vào #{issue.pk}.")


@login_required
@require_POST
def issue_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    issue = _issue(request, pk)
    run = lambda: actions.confirm_issue(issue, by=request.user)  # noqa: E731
    return _review(request, run, _synthesis_url(issue), "Đã xác nhận kiến nghị.")
