"""Pages for the conduct of a session: its work page, agenda (add, edit, move, remove), files,
attendance, votes (record, correct, remove), minutes and the results notice.

Reading needs VIEW, every change MANAGE_SESSIONS; objects come through ``permissions`` (404 outside the
user's councils, 403 inside without the right). Files are served here, never from /media/. A refused step
of the work page re-renders it (422) with the form as it was typed.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from hdnd.accounts.scope import MANAGE_SESSIONS, VIEW, can
from hdnd.core import documents, uploads
from hdnd.core.shortcuts import add_errors, post_step, render, render_page_or_partial
from hdnd.sittings import conduct, results, voting
from hdnd.sittings.forms import (
    DocumentForm,
    ExaminationForm,
    ItemForm,
    MinutesForm,
    PreparatoryForm,
    VoteForm,
)
from hdnd.sittings.hooks import draft_of
from hdnd.sittings.models import Session, SessionAgendaItem, SessionAttendance, SessionVote
from hdnd.sittings.permissions import agenda_item_for, session_document_for, session_for, session_vote_for

GET_POST = require_http_methods(["GET", "POST"])


def _work_url(session: Session) -> str:
    return reverse("sittings:conduct_work", args=[session.pk])


# The work page -----------------------------------------------------------------------------------


def _work_context(request: HttpRequest, session: Session) -> dict[str, Any]:
    items = session.agenda_items.select_related("examining_body", "resolution").prefetch_related(
        "documents", "votes"
    )
    meeting = getattr(session, "preparatory_meeting", None)
    return {
        "council": session.council,
        "session": session,
        "items": items,
        "meeting": meeting,
        "minutes": getattr(session, "minutes", None),
        "totals": voting.attendance_totals(session),
        "warnings": conduct.agenda_warnings(session),
        "can_manage": can(request.user, session.council, MANAGE_SESSIONS),
        "held": session.status in conduct.HELD,
        "closed": session.status == Session.Status.CLOSED,
        "preparatory_form": PreparatoryForm(
            initial={
                "held_on": meeting.held_on if meeting else None,
                "participants": meeting.participants if meeting else "",
                "conclusions": meeting.conclusions if meeting else "",
            }
        ),
        "item_form": ItemForm(session=session),
        "examination_form": ExaminationForm(),
        "document_form": DocumentForm(),
    }


def work_page(request: HttpRequest, session: Session, extra: Mapping[str, Any] | None = None) -> HttpResponse:
    """The work page; a refused step passes its bound form (and the errors to list) in ``extra``."""
    context = {**_work_context(request, session), **(extra or {})}
    return render(request, "sittings/conduct/work.html", context)


def _step_page(request: HttpRequest, session: Session, item: SessionAgendaItem | None = None) -> Any:
    """``post_step``'s ``page``: the work page with the refused form (the item's row, when it is one)."""
    return lambda extra: work_page(request, session, {**extra, "step_item": item.pk if item else None})


@login_required
def conduct_work(request: HttpRequest, pk: int) -> HttpResponse:
    """Everything about the conduct of one session on one page: preparation, agenda, votes, minutes."""
    return work_page(request, session_for(request, pk, VIEW))


@login_required
@require_POST
def conduct_preparatory(request: HttpRequest, pk: int) -> HttpResponse:
    session = session_for(request, pk, MANAGE_SESSIONS)

    def run(data: dict[str, Any]) -> object:
        return conduct.record_preparatory_meeting(session, by=request.user, **data)

    form = PreparatoryForm(request.POST)
    done = "Đã ghi hội nghị liên tịch."
    page = _step_page(request, session)
    return post_step(request, _work_url(session), form, run, done, page=page, name="preparatory_form")


@login_required
@require_POST
def conduct_item_add(request: HttpRequest, pk: int) -> HttpResponse:
    session = session_for(request, pk, MANAGE_SESSIONS)

    def run(data: dict[str, Any]) -> object:
        return conduct.add_agenda_item(session, by=request.user, **data)

    form = ItemForm(request.POST, session=session)
    done = "Đã thêm nội dung vào chương trình kỳ họp."
    page = _step_page(request, session)
    return post_step(request, _work_url(session), form, run, done, page=page, name="item_form")


@login_required
@require_POST
def conduct_item_move(request: HttpRequest, pk: int) -> HttpResponse:
    item = agenda_item_for(request, pk, MANAGE_SESSIONS)
    conduct.move_agenda_item(item, by=request.user, up=request.POST.get("direction") != "down")
    return redirect(_work_url(item.session))


@login_required
@GET_POST
def conduct_item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit an item (the same checks as adding it); htmx gets the form alone, to open inside the row."""
    item = agenda_item_for(request, pk, MANAGE_SESSIONS)
    session = item.session
    initial = {
        "kind": item.kind,
        "title": item.title,
        "presenter": item.presenter,
        "examining_body": item.examining_body_id,
        "resolution": getattr(draft_of(item), "pk", None),
    }
    form = ItemForm(request.POST or None, session=session, initial=initial, auto_id=f"id_item{item.pk}_%s")
    if request.method == "POST" and form.is_valid():
        try:
            conduct.edit_agenda_item(item, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"Đã sửa nội dung {item.position}.")
            return redirect(_work_url(session))
    context = {"council": session.council, "session": session, "item": item, "form": form}
    return render_page_or_partial(request, "sittings/conduct/item_edit.html", "edit-form", context)


@login_required
@require_POST
def conduct_item_remove(request: HttpRequest, pk: int) -> HttpResponse:
    """Take an item off the agenda; refused (422, on the work page) while it has votes."""
    item = agenda_item_for(request, pk, MANAGE_SESSIONS)
    try:
        conduct.remove_agenda_item(item, by=request.user)
    except ValidationError as error:
        response = work_page(request, item.session, {"errors": error.messages})
        response.status_code = 422
        return response
    messages.success(request, f"Đã xóa nội dung {item.position} khỏi chương trình kỳ họp.")
    return redirect(_work_url(item.session))


@login_required
@require_POST
def conduct_examination(request: HttpRequest, pk: int) -> HttpResponse:
    item = agenda_item_for(request, pk, MANAGE_SESSIONS)

    def run(data: dict[str, Any]) -> object:
        return conduct.record_examination(item, by=request.user, on=data["on"], upload=data["file"])

    form = ExaminationForm(request.POST, request.FILES)
    page = _step_page(request, item.session, item)
    done = "Đã ghi báo cáo thẩm tra."
    return post_step(request, _work_url(item.session), form, run, done, page=page, name="examination_bound")


@login_required
@require_POST
def conduct_document_add(request: HttpRequest, pk: int) -> HttpResponse:
    item = agenda_item_for(request, pk, MANAGE_SESSIONS)

    def run(data: dict[str, Any]) -> object:
        return conduct.attach_document(item, by=request.user, title=data["title"], upload=data["file"])

    form = DocumentForm(request.POST, request.FILES)
    page = _step_page(request, item.session, item)
    done = "Đã đính kèm tài liệu."
    return post_step(request, _work_url(item.session), form, run, done, page=page, name="document_bound")


# Files, to whoever may read the session ----------------------------------------------------------


@login_required
def conduct_examination_file(request: HttpRequest, pk: int) -> FileResponse:
    item = agenda_item_for(request, pk, VIEW)
    return uploads.serve_file(item.examination_report, "bao-cao-tham-tra")


@login_required
def conduct_document_file(request: HttpRequest, pk: int) -> FileResponse:
    document = session_document_for(request, pk, VIEW)
    return uploads.serve_file(document.file, "tai-lieu")


@login_required
def conduct_minutes_file(request: HttpRequest, pk: int) -> FileResponse:
    session = session_for(request, pk, VIEW)
    minutes = getattr(session, "minutes", None)
    return uploads.serve_file(minutes.file if minutes else None, "bien-ban")


# Attendance, votes, minutes ----------------------------------------------------------------------


@login_required
@GET_POST
def conduct_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    """One row per delegate of the term: present, excused (with the reason) or absent."""
    session = session_for(request, pk, VIEW if request.method == "GET" else MANAGE_SESSIONS)
    delegates = voting.term_delegates(session)
    marks = {row.person_id: row for row in session.attendance.all()}
    errors: list[str] = []
    if request.method == "POST":
        entries = {
            person.pk: (
                request.POST.get(f"status_{person.pk}", ""),
                request.POST.get(f"reason_{person.pk}", ""),
            )
            for person in delegates
            if request.POST.get(f"status_{person.pk}")
        }
        try:
            totals = voting.record_attendance(session, by=request.user, entries=entries)
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(
                request,
                f"Đã điểm danh: có mặt {totals.present}, vắng có lý do {totals.excused}, "
                f"vắng không có lý do {totals.absent}.",
            )
            return redirect(_work_url(session))
    rows = [
        {
            "person": person,
            "status": request.POST.get(f"status_{person.pk}")
            if errors
            else getattr(marks.get(person.pk), "status", ""),
            "reason": request.POST.get(f"reason_{person.pk}")
            if errors
            else getattr(marks.get(person.pk), "reason", ""),
        }
        for person in delegates
    ]
    context = {
        "council": session.council,
        "session": session,
        "rows": rows,
        "statuses": SessionAttendance.Status.choices,
        "totals": voting.attendance_totals(session),
        "errors": errors,
        "can_manage": can(request.user, session.council, MANAGE_SESSIONS),
    }
    return render(request, "sittings/conduct/attendance.html", context, status=422 if errors else None)


def _vote_page(
    request: HttpRequest, item: SessionAgendaItem, vote: SessionVote | None = None
) -> HttpResponse:
    """The vote form of an item: a new vote, or (``vote``) the one in error recorded again."""
    session = item.session
    present_ids = set(
        session.attendance.filter(status=SessionAttendance.Status.PRESENT).values_list("person_id", flat=True)
    )
    present = [person for person in voting.term_delegates(session) if person.pk in present_ids]
    initial: dict[str, Any] = {}
    if vote is not None:
        initial = {name: getattr(vote, name) for name in ("subject", "method", *voting.COUNT_FIELDS)}
        initial |= {f"ballot_{b.person_id}": b.choice for b in vote.ballots.all()}
    form = VoteForm(request.POST or None, present=present, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {key: form.cleaned_data[key] for key in ("subject", "method", *voting.COUNT_FIELDS)}
        try:
            if vote is None:
                saved = voting.record_vote(item, by=request.user, ballots=form.ballots(), **data)
            else:
                saved = voting.correct_vote(vote, by=request.user, ballots=form.ballots(), **data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            done = "Đã ghi lại biểu quyết" if vote is not None else "Đã ghi biểu quyết"
            messages.success(request, f"{done}: {saved.summary}. {saved.result_label}.")
            return redirect(_work_url(session))
    context = {
        "council": session.council,
        "session": session,
        "item": item,
        "form": form,
        "votes": item.votes.all(),
        "correcting": vote,
        "totals": voting.attendance_totals(session),
    }
    return render(request, "sittings/conduct/vote.html", context)


@login_required
@GET_POST
def conduct_vote(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a vote on an agenda item; the page lists the item's votes so far."""
    return _vote_page(request, agenda_item_for(request, pk, MANAGE_SESSIONS))


@login_required
@GET_POST
def conduct_vote_correct(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a vote in error again: the new record replaces it."""
    vote = session_vote_for(request, pk, MANAGE_SESSIONS)
    return _vote_page(request, vote.item, vote)


@login_required
@require_POST
def conduct_vote_remove(request: HttpRequest, pk: int) -> HttpResponse:
    vote = session_vote_for(request, pk, MANAGE_SESSIONS)
    try:
        voting.remove_vote(vote, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Đã xóa biểu quyết ghi nhầm ({vote.summary}).")
    return redirect(_work_url(vote.item.session))


@login_required
@GET_POST
def conduct_minutes(request: HttpRequest, pk: int) -> HttpResponse:
    session = session_for(request, pk, MANAGE_SESSIONS)
    minutes = getattr(session, "minutes", None)
    initial = {
        key: getattr(minutes, key, "") for key in ("chair_name", "secretary_name", "text", "results_notice")
    }
    form = MinutesForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            results.record_minutes(session, by=request.user, upload=data.pop("file") or None, **data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Đã lưu biên bản và thông báo kết quả kỳ họp.")
            return redirect(_work_url(session))
    context = {"council": session.council, "session": session, "form": form, "minutes": minutes}
    return render(request, "sittings/conduct/minutes.html", context)


DOCUMENT_NAMES = {"minutes": "Biên bản kỳ họp", "results": "Thông báo kết quả kỳ họp"}


def document_response(session: Session, which: str, extension: str) -> HttpResponse:
    """The minutes skeleton or the results notice (NĐ 30/2020) as a .docx or PDF download; the API's too."""
    build = results.minutes_document if which == "minutes" else results.results_notice_document
    if extension == "pdf":
        content, kind = documents.build_pdf(build(session)), "application/pdf"
    else:
        docx = results.minutes_docx(session) if which == "minutes" else documents.build(build(session))
        content, kind = docx, documents.DOCX
    name = f"{DOCUMENT_NAMES[which]} {session.number_words} - {session.council.name}.{extension}"
    return documents.attachment(content, name, kind)


@login_required
def conduct_minutes_docx(request: HttpRequest, pk: int) -> HttpResponse:
    """The minutes skeleton as .docx, filled from the record."""
    return document_response(session_for(request, pk, VIEW), "minutes", "docx")


@login_required
def conduct_minutes_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    return document_response(session_for(request, pk, VIEW), "minutes", "pdf")


@login_required
def conduct_results_docx(request: HttpRequest, pk: int) -> HttpResponse:
    """The results notice (Thông báo kết quả kỳ họp) as .docx, its number left for the office."""
    return document_response(session_for(request, pk, VIEW), "results", "docx")


@login_required
def conduct_results_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    return document_response(session_for(request, pk, VIEW), "results", "pdf")
