"""Pages for standing-committee meetings (phiên họp Thường trực HĐND) and the tasks their conclusions set.

Every object comes through ``permissions``: 404 outside the user's scope, 403 inside it without the
right (VIEW to read, MANAGE_SESSIONS to change). A refused step re-renders the meeting page (422) with
the form as typed. Writes go through ``standing``; the forms
only check and clean the input. Materials are served by ``standing_material`` to those who may view
the council, never from a public /media/ URL.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import F, Prefetch, QuerySet
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from hdnd.accounts.scope import MANAGE_SESSIONS, VIEW, can
from hdnd.core import documents, uploads
from hdnd.core.shortcuts import add_errors, post_step, render, run_step
from hdnd.sittings import standing
from hdnd.sittings.documents import conclusion_filename, conclusion_notice
from hdnd.sittings.forms import (
    AgendaForm,
    ConclusionForm,
    DayForm,
    MaterialForm,
    MeetingForm,
    NoticeForm,
    ParticipantsForm,
    TaskDoneForm,
)
from hdnd.sittings.hooks import meeting_panels
from hdnd.sittings.models import STANDING_TRANSITIONS, ConclusionItem, StandingMaterial, StandingMeeting
from hdnd.sittings.permissions import (
    conclusion_item_for,
    council_for,
    standing_material_for,
    standing_meeting_for,
    standing_participant_for,
)

GET_POST = require_http_methods(["GET", "POST"])
PDF = "application/pdf"


# Lookups -----------------------------------------------------------------------------------------------


def meeting_items(meeting: StandingMeeting) -> QuerySet[ConclusionItem]:
    return meeting.conclusions.select_related("owner_agency", "owner_person")


# Pages -------------------------------------------------------------------------------------------------


@login_required
def standing_list(request: HttpRequest, pk: int) -> HttpResponse:
    """The council's standing-committee meetings, newest first."""
    council = council_for(request, pk, VIEW)
    meetings = StandingMeeting.objects.filter(council=council).select_related("council")
    context = {
        "council": council,
        "meetings": meetings,
        "overdue": ConclusionItem.objects.filter(
            council=council, meeting__status=StandingMeeting.Status.CONCLUDED
        )
        .tasks()
        .overdue()
        .count(),
        "can_manage": can(request.user, council, MANAGE_SESSIONS),
    }
    return render(request, "sittings/standing/meeting_list.html", context)


@login_required
@GET_POST
def standing_add(request: HttpRequest, pk: int) -> HttpResponse:
    council = council_for(request, pk, MANAGE_SESSIONS)
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = standing.create_meeting(council, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Đã dự kiến phiên họp Thường trực HĐND.")
            return redirect(meeting)
    context = {"council": council, "form": form, "title": "Dự kiến phiên họp Thường trực HĐND"}
    return render(request, "sittings/standing/meeting_form.html", context)


@login_required
def standing_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return meeting_page(request, standing_meeting_for(request, pk, VIEW))


def meeting_page(
    request: HttpRequest, meeting: StandingMeeting, extra: Mapping[str, Any] | None = None
) -> HttpResponse:
    """The meeting page; a refused step (``post_step``) passes its bound form in ``extra``."""
    council = meeting.council
    manage = can(request.user, council, MANAGE_SESSIONS)
    participants = meeting.participants.select_related("membership__person")
    context: dict[str, Any] = {
        "council": council,
        "meeting": meeting,
        "agenda": meeting.agenda.prefetch_related(Prefetch("materials", StandingMaterial.objects.all())),
        "loose_materials": meeting.materials.filter(agenda_item=None),
        "participants": participants,
        "items": meeting_items(meeting),
        "today": timezone.localdate(),
        "can_manage": manage,
        "next_status": STANDING_TRANSITIONS[meeting.status],
        "panels": meeting_panels(meeting),
    }
    if manage:
        seats = standing.standing_members(council, meeting.meets_on)
        context |= {
            "participants_form": ParticipantsForm(seats=seats),
            "material_form": MaterialForm(meeting=meeting),
            "day_form": DayForm(initial={"day": meeting.meets_on}),
            "conclusion_form": ConclusionForm(council=council),
            "done_form": TaskDoneForm(),
        }
    context |= extra or {}
    return render(request, "sittings/standing/meeting_detail.html", context)


@login_required
@GET_POST
def standing_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = standing_meeting_for(request, pk, MANAGE_SESSIONS)
    fields = ("kind", "meets_on", "starts_at", "place", "notes")
    form = MeetingForm(request.POST or None, initial={name: getattr(meeting, name) for name in fields})
    if request.method == "POST" and form.is_valid():
        try:
            standing.edit_meeting(meeting, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Đã lưu.")
            return redirect(meeting)
    context = {"council": meeting.council, "meeting": meeting, "form": form, "title": "Sửa phiên họp"}
    return render(request, "sittings/standing/meeting_form.html", context)


@login_required
@GET_POST
def standing_agenda(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = standing_meeting_for(request, pk, MANAGE_SESSIONS)
    typed = "\n".join(
        f"{item.title} | {item.presenter}" if item.presenter else item.title for item in meeting.agenda.all()
    )
    form = AgendaForm(request.POST or None, initial={"items": typed})
    if request.method == "POST" and form.is_valid():
        try:
            standing.set_agenda(meeting, by=request.user, items=form.cleaned_data["items"])
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Đã lưu chương trình phiên họp.")
            return redirect(meeting)
    context = {
        "council": meeting.council,
        "meeting": meeting,
        "form": form,
        "title": "Chương trình phiên họp",
    }
    return render(request, "sittings/standing/meeting_form.html", context)


@login_required
@require_POST
def standing_participants(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = standing_meeting_for(request, pk, MANAGE_SESSIONS)
    form = ParticipantsForm(request.POST, seats=standing.standing_members(meeting.council, meeting.meets_on))

    def run(data: dict[str, Any]) -> object:
        seats = [form.seats[key] for key in data["memberships"]]
        return standing.add_participants(meeting, by=request.user, memberships=seats, invited=data["invited"])

    page = lambda extra: meeting_page(request, meeting, extra)  # noqa: E731
    return post_step(
        request, meeting, form, run, "Đã thêm thành phần dự họp.", page=page, name="participants_form"
    )


@login_required
@require_POST
def standing_participant_remove(request: HttpRequest, pk: int) -> HttpResponse:
    participant = standing_participant_for(request, pk, MANAGE_SESSIONS)
    done = f"Đã bỏ {participant.display_name} khỏi thành phần dự họp."
    run = lambda: standing.remove_participant(participant, by=request.user)  # noqa: E731
    return run_step(request, participant.meeting, run, done)


@login_required
@require_POST
def standing_material_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = standing_meeting_for(request, pk, MANAGE_SESSIONS)
    form = MaterialForm(request.POST, request.FILES, meeting=meeting)

    def run(data: dict[str, Any]) -> object:
        return standing.upload_material(
            meeting,
            by=request.user,
            upload=data["file"],
            title=data["title"],
            agenda_item=data["agenda_item"],
        )

    page = lambda extra: meeting_page(request, meeting, extra)  # noqa: E731
    return post_step(request, meeting, form, run, "Đã đính kèm tài liệu.", page=page, name="material_form")


@login_required
def standing_material(request: HttpRequest, pk: int) -> FileResponse:
    """A meeting's file, to whoever may view the council (never a public /media/ URL)."""
    material = standing_material_for(request, pk, VIEW)
    return uploads.serve_file(material.file, "tai-lieu")


@login_required
@require_POST
def standing_material_remove(request: HttpRequest, pk: int) -> HttpResponse:
    """Take a file off the meeting (until the notice is issued)."""
    material = standing_material_for(request, pk, MANAGE_SESSIONS)
    run = lambda: standing.remove_material(material, by=request.user)  # noqa: E731
    return run_step(request, material.meeting, run, f"Đã bỏ tài liệu “{material.title}”.")


@login_required
@require_POST
def standing_held(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = standing_meeting_for(request, pk, MANAGE_SESSIONS)

    def run(data: dict[str, Any]) -> object:
        return standing.mark_held(meeting, by=request.user, held_on=data["day"])

    page = lambda extra: meeting_page(request, meeting, extra)  # noqa: E731
    done = "Đã ghi nhận phiên họp đã họp."
    return post_step(request, meeting, DayForm(request.POST), run, done, page=page, name="day_form")


@login_required
@require_POST
def standing_conclusion_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = standing_meeting_for(request, pk, MANAGE_SESSIONS)

    def run(data: dict[str, Any]) -> object:
        return standing.add_conclusion_item(meeting, by=request.user, **data)

    form = ConclusionForm(request.POST, council=meeting.council)
    page = lambda extra: meeting_page(request, meeting, extra)  # noqa: E731
    return post_step(
        request, meeting, form, run, "Đã thêm nội dung kết luận.", page=page, name="conclusion_form"
    )


@login_required
@require_POST
def standing_conclusion_remove(request: HttpRequest, pk: int) -> HttpResponse:
    item = conclusion_item_for(request, pk, MANAGE_SESSIONS)
    try:
        standing.remove_conclusion_item(item, by=request.user)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    else:
        messages.success(request, "Đã bỏ nội dung kết luận.")
    return redirect(item.meeting)


@login_required
@GET_POST
def standing_notice(request: HttpRequest, pk: int) -> HttpResponse:
    """Issue the conclusion notice: its number comes when it is saved."""
    meeting = standing_meeting_for(request, pk, MANAGE_SESSIONS)
    if refused := _notice_refused(request, meeting):
        return refused
    initial = {
        "issued_on": timezone.localdate(),
        "recipients": "\n".join(standing.DEFAULT_RECIPIENTS),
    }
    form = NoticeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            standing.issue_notice(meeting, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            meeting.refresh_from_db()
            messages.success(request, f"Đã ban hành Thông báo kết luận số {meeting.notice_symbol}.")
            return redirect(meeting)
    context = {
        "council": meeting.council,
        "meeting": meeting,
        "form": form,
        "title": "Ban hành thông báo kết luận",
        "items": meeting_items(meeting),
    }
    return render(request, "sittings/standing/meeting_form.html", context)


def _notice_refused(request: HttpRequest, meeting: StandingMeeting) -> HttpResponse | None:
    """The meeting page with the refusal (422) while the meeting is only planned; None once held."""
    try:
        standing.check_notice_due(meeting)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        response = meeting_page(request, meeting)
        response.status_code = 422
        return response
    return None


@login_required
def standing_notice_docx(request: HttpRequest, pk: int) -> HttpResponse:
    """The conclusion notice as .docx (a draft without a number until it is issued)."""
    meeting = standing_meeting_for(request, pk, VIEW)
    if refused := _notice_refused(request, meeting):
        return refused
    content = documents.build(conclusion_notice(meeting))
    return documents.attachment(content, conclusion_filename(meeting, "docx"))


@login_required
def standing_notice_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The conclusion notice as PDF, the same layout as the .docx."""
    meeting = standing_meeting_for(request, pk, VIEW)
    if refused := _notice_refused(request, meeting):
        return refused
    content = documents.build_pdf(conclusion_notice(meeting))
    return documents.attachment(content, conclusion_filename(meeting, "pdf"), PDF)


@login_required
def standing_tasks(request: HttpRequest, pk: int) -> HttpResponse:
    """The council's task board: every task its standing committee's conclusions set, open ones first."""
    council = council_for(request, pk, VIEW)
    show = request.GET.get("xem", "open")
    tasks = (
        ConclusionItem.objects.filter(council=council, meeting__status=StandingMeeting.Status.CONCLUDED)
        .tasks()
        .select_related("meeting", "owner_agency", "owner_person")
        .order_by(F("done_on").desc(nulls_first=True), "due_on", "pk")
    )
    today = timezone.localdate()
    if show == "overdue":
        tasks = tasks.overdue(today)
    elif show == "open":
        tasks = tasks.open()
    context = {
        "council": council,
        "tasks": tasks,
        "show": show,
        "today": today,
        "can_manage": can(request.user, council, MANAGE_SESSIONS),
        "done_form": TaskDoneForm(),
    }
    return render(request, "sittings/standing/task_board.html", context)


@login_required
@require_POST
def standing_task_done(request: HttpRequest, pk: int) -> HttpResponse:
    item = conclusion_item_for(request, pk, MANAGE_SESSIONS)
    form = TaskDoneForm(request.POST)

    def run(data: dict[str, Any]) -> object:
        return standing.complete_task(item, by=request.user, **data)

    page = lambda extra: meeting_page(request, item.meeting, {**extra, "step_item": item.pk})  # noqa: E731
    done = "Đã ghi nhận kết quả thực hiện."
    response = post_step(request, item.meeting, form, run, done, page=page, name="done_bound")
    back = request.POST.get("next", "")
    if response.status_code == 302 and back and url_has_allowed_host_and_scheme(back, {request.get_host()}):
        return redirect(back)
    return response
