"""Pages for briefings (hội nghị giao ban): list, plan, the detail page with each step as a small form,
the materials, and the invitation and conclusion notice as .docx and PDF.

Objects come through ``permissions`` (404 outside scope, 403 without the right): VIEW_WORK to read,
MANAGE_BRIEFINGS in the host council to change. Writes go through ``actions``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from hdnd.accounts.scope import MANAGE_BRIEFINGS, VIEW_WORK, can
from hdnd.core import documents
from hdnd.core.audit import history_for
from hdnd.core.paging import CappedPaginator
from hdnd.core.shortcuts import add_errors, post_step, render, run_step

from . import actions, materials
from . import documents as papers
from .forms import (
    AgendaForm,
    AnswerForm,
    AttendanceForm,
    BriefingForm,
    ConclusionForm,
    ContributionForm,
    DayForm,
    InvitationForm,
    NoticeForm,
    ParticipantsForm,
    PointAttendeesForm,
    PointForm,
)
from .models import TRANSITIONS, Briefing, BriefingStatus
from .permissions import (
    briefing_for,
    conclusion_for,
    contribution_for,
    council_for,
    participant_for,
    point_for,
    proposal_for,
)

GET_POST = require_http_methods(["GET", "POST"])
PDF = "application/pdf"
PAGE_SIZE = 20


@login_required
def briefing_list(request: HttpRequest, pk: int) -> HttpResponse:
    """The council's briefings, newest first, with how many councils came and tasks they set."""
    council = council_for(request, pk, VIEW_WORK)
    briefings = (
        Briefing.objects.filter(council=council)
        .select_related("council")
        .annotate(
            n_invited=Count("participants", distinct=True),
            n_came=Count("participants", filter=Q(participants__attended=True), distinct=True),
            n_items=Count("conclusions", distinct=True),
        )
        .order_by("-meets_on", "-pk")
    )
    page = CappedPaginator(briefings, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"council": council, "page": page, "can_manage": can(request.user, council, MANAGE_BRIEFINGS)}
    return render(request, "briefings/briefing_list.html", context)


@login_required
@GET_POST
def briefing_add(request: HttpRequest, pk: int) -> HttpResponse:
    council = council_for(request, pk, MANAGE_BRIEFINGS)
    form = BriefingForm(request.POST or None, council=council)
    if request.method == "POST" and form.is_valid():
        try:
            briefing = actions.create_briefing(council, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request, "Đã dự kiến hội nghị giao ban; các HĐND cấp dưới đã được đưa vào thành phần."
            )
            return redirect(briefing)
    context = {"council": council, "form": form, "title": "Dự kiến hội nghị giao ban"}
    return render(request, "briefings/briefing_form.html", context)


@login_required
@GET_POST
def briefing_edit(request: HttpRequest, pk: int) -> HttpResponse:
    briefing = briefing_for(request, pk, MANAGE_BRIEFINGS)
    fields = ("period", "meets_on", "starts_at", "place", "chair", "notes")
    initial = {name: getattr(briefing, name) for name in fields}
    form = BriefingForm(request.POST or None, council=briefing.council, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.edit_briefing(briefing, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Đã lưu thông tin hội nghị.")
            return redirect(briefing)
    context = {
        "council": briefing.council,
        "briefing": briefing,
        "form": form,
        "title": "Sửa thông tin hội nghị",
    }
    return render(request, "briefings/briefing_form.html", context)


def _detail_page(request: HttpRequest, briefing: Briefing, extra: Mapping[str, Any]) -> HttpResponse:
    council = briefing.council
    manage = can(request.user, council, MANAGE_BRIEFINGS)
    participants = list(briefing.participants.select_related("council", "point"))
    points = list(briefing.points.annotate(n=Count("participants")))
    previous = actions.previous_briefing(briefing)
    review = materials.progress(previous) if previous else []
    proposals, earlier = materials.proposals(briefing)
    context: dict[str, Any] = {
        "council": council,
        "briefing": briefing,
        "agenda": briefing.agenda.all(),
        "participants": participants,
        "came": sum(p.attended is True for p in participants),
        "points": points,
        "contributions": briefing.contributions.select_related("council"),
        "items": materials.progress(briefing),
        "items_tracked": briefing.status == BriefingStatus.CONCLUDED,
        "items_removable": manage and briefing.status == BriefingStatus.HELD,
        "previous": previous,
        "review": review,
        "review_total": materials.totals(review),
        "proposals": proposals,
        "unanswered_earlier": earlier,
        "can_manage": manage,
        "next_status": TRANSITIONS[briefing.status],
        "history": history_for(briefing),
    }
    if manage:
        context |= {
            "point_form": PointForm(),
            "invitation_form": InvitationForm(initial={"issued_on": timezone.localdate()}),
            "held_form": DayForm(initial={"day": briefing.meets_on}),
            "contribution_form": ContributionForm(briefing=briefing),
            "conclusion_form": ConclusionForm(briefing=briefing),
            "answer_form": AnswerForm(),
        }
    return render(request, "briefings/briefing_detail.html", context | dict(extra))


@login_required
def briefing_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail_page(request, briefing_for(request, pk, VIEW_WORK), {})


def _step(
    request: HttpRequest, briefing: Briefing, form: Any, run: Any, done: str, name: str
) -> HttpResponse:
    return post_step(
        request,
        briefing,
        form,
        run,
        done,
        page=lambda extra: _detail_page(request, briefing, extra),
        name=name,
    )


@login_required
@GET_POST
def briefing_agenda(request: HttpRequest, pk: int) -> HttpResponse:
    briefing = briefing_for(request, pk, MANAGE_BRIEFINGS)
    current = "\n".join(
        f"{item.title} | {item.presenter}" if item.presenter else item.title for item in briefing.agenda.all()
    )
    form = AgendaForm(request.POST or None, initial={"items": current})
    if request.method == "POST" and form.is_valid():
        try:
            actions.set_agenda(briefing, by=request.user, items=form.cleaned_data["items"])
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Đã lưu chương trình hội nghị.")
            return redirect(briefing)
    context = {
        "council": briefing.council,
        "briefing": briefing,
        "form": form,
        "title": "Chương trình hội nghị",
    }
    return render(request, "briefings/briefing_form.html", context)


@login_required
@GET_POST
def briefing_participants(request: HttpRequest, pk: int) -> HttpResponse:
    briefing = briefing_for(request, pk, MANAGE_BRIEFINGS)
    initial = {"councils": list(briefing.participants.values_list("council_id", flat=True))}
    form = ParticipantsForm(request.POST or None, council=briefing.council, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.set_participants(briefing, by=request.user, councils=form.cleaned_data["councils"])
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Đã lưu thành phần hội nghị.")
            return redirect(briefing)
    context = {
        "council": briefing.council,
        "briefing": briefing,
        "form": form,
        "title": "Thành phần hội nghị",
    }
    return render(request, "briefings/briefing_participants.html", context)


@login_required
@require_POST
def point_add(request: HttpRequest, pk: int) -> HttpResponse:
    briefing = briefing_for(request, pk, MANAGE_BRIEFINGS)
    return _step(
        request,
        briefing,
        PointForm(request.POST),
        lambda data: actions.add_point(briefing, by=request.user, **data),
        "Đã thêm điểm cầu.",
        "point_form",
    )


@login_required
@require_POST
def point_remove(request: HttpRequest, pk: int) -> HttpResponse:
    point = point_for(request, pk, MANAGE_BRIEFINGS)
    return run_step(
        request, point.briefing, lambda: actions.remove_point(point, by=request.user), "Đã bỏ điểm cầu."
    )


@login_required
@require_POST
def point_attendees(request: HttpRequest, pk: int) -> HttpResponse:
    point = point_for(request, pk, MANAGE_BRIEFINGS)
    return _step(
        request,
        point.briefing,
        PointAttendeesForm(request.POST),
        lambda data: actions.set_point_attendees(point, by=request.user, **data),
        "Đã ghi người dự tại điểm cầu.",
        "point_attendees_form",
    )


@login_required
@require_POST
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    participant = participant_for(request, pk, MANAGE_BRIEFINGS)
    briefing = participant.briefing
    return _step(
        request,
        briefing,
        AttendanceForm(request.POST, briefing=briefing),
        lambda data: actions.record_attendance(participant, by=request.user, **data),
        f"Đã ghi tham dự của {participant.council.name}.",
        "attendance_form",
    )


@login_required
@require_POST
def invitation_issue(request: HttpRequest, pk: int) -> HttpResponse:
    briefing = briefing_for(request, pk, MANAGE_BRIEFINGS)
    return _step(
        request,
        briefing,
        InvitationForm(request.POST),
        lambda data: actions.issue_invitation(briefing, by=request.user, **data),
        "Đã phát hành giấy mời.",
        "invitation_form",
    )


@login_required
@require_POST
def briefing_held(request: HttpRequest, pk: int) -> HttpResponse:
    briefing = briefing_for(request, pk, MANAGE_BRIEFINGS)
    return _step(
        request,
        briefing,
        DayForm(request.POST),
        lambda data: actions.mark_held(briefing, by=request.user, held_on=data["day"]),
        "Đã ghi nhận hội nghị đã họp.",
        "held_form",
    )


@login_required
@require_POST
def contribution_add(request: HttpRequest, pk: int) -> HttpResponse:
    briefing = briefing_for(request, pk, MANAGE_BRIEFINGS)
    return _step(
        request,
        briefing,
        ContributionForm(request.POST, briefing=briefing),
        lambda data: actions.add_contribution(briefing, by=request.user, **data),
        "Đã ghi ý kiến phát biểu.",
        "contribution_form",
    )


@login_required
@require_POST
def contribution_remove(request: HttpRequest, pk: int) -> HttpResponse:
    contribution = contribution_for(request, pk, MANAGE_BRIEFINGS)
    return run_step(
        request,
        contribution.briefing,
        lambda: actions.remove_contribution(contribution, by=request.user),
        "Đã bỏ ý kiến phát biểu.",
    )


@login_required
@require_POST
def proposal_answer(request: HttpRequest, pk: int, proposal_pk: int) -> HttpResponse:
    briefing = briefing_for(request, pk, MANAGE_BRIEFINGS)
    proposal = proposal_for(briefing, proposal_pk)
    return _step(
        request,
        briefing,
        AnswerForm(request.POST),
        lambda data: actions.answer_proposal(briefing, proposal, by=request.user, **data),
        f"Đã trả lời kiến nghị của {proposal.council.name}.",
        "answer_form",
    )


@login_required
@require_POST
def conclusion_add(request: HttpRequest, pk: int) -> HttpResponse:
    briefing = briefing_for(request, pk, MANAGE_BRIEFINGS)
    return _step(
        request,
        briefing,
        ConclusionForm(request.POST, briefing=briefing),
        lambda data: actions.add_conclusion_item(briefing, by=request.user, **data),
        "Đã thêm nội dung kết luận.",
        "conclusion_form",
    )


@login_required
@require_POST
def conclusion_remove(request: HttpRequest, pk: int) -> HttpResponse:
    item = conclusion_for(request, pk, MANAGE_BRIEFINGS)
    return run_step(
        request,
        item.briefing,
        lambda: actions.remove_conclusion_item(item, by=request.user),
        "Đã bỏ nội dung.",
    )


@login_required
@GET_POST
def notice(request: HttpRequest, pk: int) -> HttpResponse:
    briefing = briefing_for(request, pk, MANAGE_BRIEFINGS)
    initial = {
        "issued_on": timezone.localdate(),
        "recipients": "\n".join(actions.DEFAULT_RECIPIENTS),
        "signer_name": briefing.chair.full_name if briefing.chair else "",
    }
    form = NoticeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.issue_notice(briefing, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Đã ban hành thông báo kết luận; nhiệm vụ đã được giao cho các đơn vị.")
            return redirect(briefing)
    context = {
        "council": briefing.council,
        "briefing": briefing,
        "form": form,
        "items": briefing.conclusions.prefetch_related("councils", "bodies"),
        "title": "Ban hành thông báo kết luận",
    }
    return render(request, "briefings/notice_form.html", context)


@login_required
def briefing_materials(request: HttpRequest, pk: int) -> HttpResponse:
    """Everything the briefing is prepared with, from the records."""
    briefing = briefing_for(request, pk, VIEW_WORK)
    found = materials.assemble(briefing)
    context = {"council": briefing.council, "briefing": briefing, "m": found, "today": timezone.localdate()}
    return render(request, "briefings/briefing_materials.html", context)


# Documents ---------------------------------------------------------------------------------------------


def _document(briefing: Briefing, which: str) -> documents.AdminDocument:
    return papers.invitation(briefing) if which == "invitation" else papers.conclusion_notice(briefing)


@login_required
def document_docx(request: HttpRequest, pk: int, which: str) -> HttpResponse:
    briefing = briefing_for(request, pk, VIEW_WORK)
    content = documents.build(_document(briefing, which))
    return documents.attachment(content, papers.filename(briefing, which, "docx"))


@login_required
def document_pdf(request: HttpRequest, pk: int, which: str) -> HttpResponse:
    briefing = briefing_for(request, pk, VIEW_WORK)
    content = documents.build_pdf(_document(briefing, which))
    return documents.attachment(content, papers.filename(briefing, which, "pdf"), PDF)
