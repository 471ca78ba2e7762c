"""Pages for standing-committee meetings (phiên họp Thường trực HĐND) and the tasks their conclusions set.

Every object comes through ``get_object_for_user``: 404 outside the user's scope, 403 inside it
without the right (VIEW to read, MANAGE_SESSIONS to change). Writes go through ``standing``; the forms
only check and clean the input. Materials are served by ``standing_material`` to those who may view
the council, never from a public /media/ URL.
"""

from __future__ import annotations

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

from hdnd.accounts.scope import MANAGE_SESSIONS, VIEW, can, get_object_for_user
from hdnd.core import documents, uploads
from hdnd.core.shortcuts import post_step, render, run_step
from hdnd.councils.models import Council

from . import standing
from .documents import conclusion_filename, conclusion_notice
from .forms import (
    AgendaForm,
    ConclusionForm,
    DayForm,
    MaterialForm,
    MeetingForm,
    NoticeForm,
    ParticipantsForm,
    TaskDoneForm,
)
from .models import (
    STANDING_TRANSITIONS,
    ConclusionItem,
    StandingMaterial,
    StandingMeeting,
    StandingParticipant,
)
from .views import add_errors

GET_POST = require_http_methods(["GET", "POST"])
PDF = "application/pdf"


# Lookups -----------------------------------------------------------------------------------------------


def _council(request: HttpRequest, pk: int, action: str) -> Council:
    return get_object_for_user(request.user, Council.objects.all(), pk, action, "pk")


def _meeting(request: HttpRequest, pk: int, action: str) -> StandingMeeting:
    queryset = StandingMeeting.objects.select_related("council", "council__unit")
    return get_object_for_user(request.user, queryset, pk, action)


def meeting_items(meeting: StandingMeeting) -> QuerySet[ConclusionItem]:
    return meeting.conclusions.select_related("owner_agency", "owner_person")


# Pages -------------------------------------------------------------------------------------------------


@login_required
def standing_list(request: HttpRequest, pk: int) -> HttpResponse:
    """The council's standing-committee meetings, newest first."""
    council = _council(request, pk, VIEW)
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
    council = _council(request, pk, MANAGE_SESSIONS)
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
    meeting = _meeting(request, pk, VIEW)
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
    return render(request, "sittings/standing/meeting_detail.html", context)


@login_required
@GET_POST
def standing_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk, MANAGE_SESSIONS)
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
    meeting = _meeting(request, pk, MANAGE_SESSIONS)
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
    meeting = _meeting(request, pk, MANAGE_SESSIONS)
    form = ParticipantsForm(request.POST, seats=standing.standing_members(meeting.council, meeting.meets_on))

    def run(data: dict[str, Any]) -> object:
        seats = [form.seats[key] for key in data["memberships"]]
        return standing.add_participants(meeting, by=request.user, memberships=seats, invited=data["invited"])

    return post_step(request, meeting, form, run, "Đã thêm thành phần dự họp.")


@login_required
@require_POST
def standing_participant_remove(request: HttpRequest, pk: int) -> HttpResponse:
    queryset = StandingParticipant.objects.select_related("meeting", "membership__person").annotate(
        council_ref=F("meeting__council_id")
    )
    participant = get_object_for_user(request.user, queryset, pk, MANAGE_SESSIONS, "council_ref")
    done = f"Đã bỏ {participant.display_name} khỏi thành phần dự họp."
    run = lambda: standing.remove_participant(participant, by=request.user)  # noqa: E731
    return run_step(request, participant.meeting, run, done)


@login_required
@require_POST
def standing_material_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk, MANAGE_SESSIONS)
    form = MaterialForm(request.POST, request.FILES, meeting=meeting)

    def run(data: dict[str, Any]) -> object:
        return standing.upload_material(
            meeting,
            by=request.user,
            upload=data["file"],
            title=data["title"],
            agenda_item=data["agenda_item"],
        )

    return post_step(request, meeting, form, run, "Đã đính kèm tài liệu.")


@login_required
def standing_material(request: HttpRequest, pk: int) -> FileResponse:
    """A meeting's file, to whoever may view the council (never a public /media/ URL)."""
    queryset = StandingMaterial.objects.annotate(council_ref=F("meeting__council_id"))
    material = get_object_for_user(request.user, queryset, pk, VIEW, "council_ref")
    return uploads.serve_file(material.file, "tai-lieu")


@login_required
@require_POST
def standing_material_remove(request: HttpRequest, pk: int) -> HttpResponse:
    """Take a file off the meeting (until the notice is issued)."""
    queryset = StandingMaterial.objects.select_related("meeting").annotate(
        council_ref=F("meeting__council_id")
    )
    material = get_object_for_user(request.user, queryset, pk, MANAGE_SESSIONS, "council_ref")
    run = lambda: standing.remove_material(material, by=request.user)  # noqa: E731
    return run_step(request, material.meeting, run, f"Đã bỏ tài liệu “{material.title}”.")


@login_required
@require_POST
def standing_held(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk, MANAGE_SESSIONS)

    def run(data: dict[str, Any]) -> object:
        return standing.mark_held(meeting, by=request.user, held_on=data["day"])

    return post_step(request, meeting, DayForm(request.POST), run, "Đã ghi nhận phiên họp đã họp.")


@login_required
@require_POST
def standing_conclusion_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk, MANAGE_SESSIONS)

    def run(data: dict[str, Any]) -> object:
        return standing.add_conclusion_item(meeting, by=request.user, **data)

    form = ConclusionForm(request.POST, council=meeting.council)
    return post_step(request, meeting, form, run, "Đã thêm nội dung kết luận.")


@login_required
@require_POST
def standing_conclusion_remove(request: HttpRequest, pk: int) -> HttpResponse:
    queryset = ConclusionItem.objects.select_related("meeting")
    item = get_object_for_user(request.user, queryset, pk, MANAGE_SESSIONS)
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
    meeting = _meeting(request, pk, MANAGE_SESSIONS)
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


@login_required
def standing_notice_docx(request: HttpRequest, pk: int) -> HttpResponse:
    """The conclusion notice as .docx (a draft without a number until it is issued)."""
    meeting = _meeting(request, pk, VIEW)
    content = documents.build(conclusion_notice(meeting))
    return documents.attachment(content, conclusion_filename(meeting, "docx"))


@login_required
def standing_notice_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The conclusion notice as PDF, the same layout as the .docx."""
    meeting = _meeting(request, pk, VIEW)
    content = documents.build_pdf(conclusion_notice(meeting))
    return documents.attachment(content, conclusion_filename(meeting, "pdf"), PDF)


@login_required
def standing_tasks(request: HttpRequest, pk: int) -> HttpResponse:
    """The council's task board: every task its standing committee's conclusions set, open ones first."""
    council = _council(request, pk, VIEW)
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
    queryset = ConclusionItem.objects.select_related("meeting")
    item = get_object_for_user(request.user, queryset, pk, MANAGE_SESSIONS)
    form = TaskDoneForm(request.POST)

    def run(data: dict[str, Any]) -> object:
        return standing.complete_task(item, by=request.user, **data)

    response = post_step(request, item.meeting, form, run, "Đã ghi nhận kết quả thực hiện.")
    back = request.POST.get("next", "")
    if back and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return redirect(back)
    return response
