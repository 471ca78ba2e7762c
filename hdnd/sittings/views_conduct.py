"""Pages for the conduct of a session: its work page, agenda (add, edit, move, remove), files,
attendance, votes (record, correct, remove), minutes and the results notice.

Reading needs VIEW, every change MANAGE_SESSIONS; objects come through ``get_object_for_user`` (404
outside the user's councils, 403 inside without the right). Files are served here, never from /media/.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import F
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from hdnd.accounts.scope import MANAGE_SESSIONS, VIEW, can, get_object_for_user
from hdnd.core import documents, uploads
from hdnd.core.forms import StyledForm
from hdnd.core.shortcuts import post_step, render
from hdnd.councils.models import Body

from . import conduct, results, voting
from .hooks import draft_of, drafts
from .models import Session, SessionAgendaItem, SessionAttendance, SessionBallot, SessionDocument, SessionVote
from .views import add_errors

GET_POST = require_http_methods(["GET", "POST"])
FILE_HELP = "PDF, Word hoặc Excel, tối đa 20 MB."


# Forms -------------------------------------------------------------------------------------------


class PreparatoryForm(StyledForm):
    small = True
    held_on = forms.DateField(label="Ngày họp liên tịch")
    participants = forms.CharField(
        label="Thành phần", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    conclusions = forms.CharField(label="Kết luận", widget=forms.Textarea(attrs={"rows": 3}), required=False)


class ItemForm(StyledForm):
    small = True
    kind = forms.ChoiceField(label="Loại", choices=SessionAgendaItem.Kind.choices)
    title = forms.CharField(label="Tên nội dung", max_length=2000)
    presenter = forms.CharField(label="Cơ quan, người trình bày", max_length=255, required=False)
    examining_body = forms.ModelChoiceField(
        label="Ban thẩm tra", queryset=Body.objects.none(), required=False
    )
    # The council's drafts, as the resolutions app lists them (``hooks``); no field without that app.
    resolution: Any = forms.ModelChoiceField(
        label="Dự thảo nghị quyết (nếu có)", queryset=None, required=False
    )

    def __init__(self, *args: Any, session: Session, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bodies: Any = self.fields["examining_body"]
        bodies.queryset = Body.objects.active().filter(council=session.council, kind__startswith="ban_")
        choices = drafts().choices(session.council)
        if choices is None:
            del self.fields["resolution"]
        else:
            field: Any = self.fields["resolution"]
            field.queryset = choices


class ExaminationForm(StyledForm):
    small = True
    on = forms.DateField(label="Ngày báo cáo thẩm tra")
    file = forms.FileField(label="Tệp báo cáo thẩm tra", required=False, help_text=FILE_HELP)


class DocumentForm(StyledForm):
    small = True
    title = forms.CharField(label="Tên tài liệu", max_length=255, required=False)
    file = forms.FileField(label="Tệp", help_text=FILE_HELP)


class VoteForm(StyledForm):
    subject = forms.CharField(label="Nội dung biểu quyết", max_length=255, required=False)
    method = forms.ChoiceField(label="Hình thức", choices=SessionVote.Method.choices)
    votes_for = forms.IntegerField(label="Tán thành", min_value=0, initial=0)
    votes_against = forms.IntegerField(label="Không tán thành", min_value=0, initial=0)
    abstentions = forms.IntegerField(label="Phân vân", min_value=0, initial=0)
    not_voting = forms.IntegerField(
        label="Không biểu quyết", min_value=0, required=False, help_text="Trống: số có mặt còn lại"
    )

    def __init__(self, *args: Any, present: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.present = present
        choices = [("", "— Không ghi —"), *SessionBallot.Choice.choices]
        for person in present:
            self.fields[f"ballot_{person.pk}"] = forms.ChoiceField(
                label=person.full_name, choices=choices, required=False
            )
            self.fields[f"ballot_{person.pk}"].widget.attrs["class"] = "form-select form-select-sm"

    def ballots(self) -> dict[int, str]:
        return {
            person.pk: self.cleaned_data[f"ballot_{person.pk}"]
            for person in self.present
            if self.cleaned_data.get(f"ballot_{person.pk}")
        }

    def ballot_fields(self) -> list[Any]:
        return [self[f"ballot_{person.pk}"] for person in self.present]


class MinutesForm(StyledForm):
    chair_name = forms.CharField(label="Chủ tọa kỳ họp", max_length=120, required=False)
    secretary_name = forms.CharField(label="Thư ký kỳ họp", max_length=120, required=False)
    text = forms.CharField(label="Diễn biến kỳ họp", widget=forms.Textarea(attrs={"rows": 6}), required=False)
    file = forms.FileField(label="Tệp biên bản đã ký", required=False, help_text=FILE_HELP)
    results_notice = forms.CharField(
        label="Thông báo kết quả kỳ họp", widget=forms.Textarea(attrs={"rows": 4}), required=False
    )


# Lookups -----------------------------------------------------------------------------------------


def _session(request: HttpRequest, pk: int, action: str) -> Session:
    queryset = Session.objects.select_related("council__unit", "term")
    return get_object_for_user(request.user, queryset, pk, action)


def _item(request: HttpRequest, pk: int, action: str) -> SessionAgendaItem:
    queryset = SessionAgendaItem.objects.select_related("session__council__unit", "session__term").annotate(
        council_ref=F("session__council_id")
    )
    return get_object_for_user(request.user, queryset, pk, action, council_field="council_ref")


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


@login_required
def conduct_work(request: HttpRequest, pk: int) -> HttpResponse:
    """Everything about the conduct of one session on one page: preparation, agenda, votes, minutes."""
    session = _session(request, pk, VIEW)
    return render(request, "sittings/conduct/work.html", _work_context(request, session))


@login_required
@require_POST
def conduct_preparatory(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk, MANAGE_SESSIONS)

    def run(data: dict[str, Any]) -> object:
        return conduct.record_preparatory_meeting(session, by=request.user, **data)

    return post_step(
        request, _work_url(session), PreparatoryForm(request.POST), run, "Đã ghi hội nghị liên tịch."
    )


@login_required
@require_POST
def conduct_item_add(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk, MANAGE_SESSIONS)

    def run(data: dict[str, Any]) -> object:
        return conduct.add_agenda_item(session, by=request.user, **data)

    form = ItemForm(request.POST, session=session)
    return post_step(request, _work_url(session), form, run, "Đã thêm nội dung vào chương trình kỳ họp.")


@login_required
@require_POST
def conduct_item_move(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk, MANAGE_SESSIONS)
    conduct.move_agenda_item(item, by=request.user, up=request.POST.get("direction") != "down")
    return redirect(_work_url(item.session))


@login_required
@GET_POST
def conduct_item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit an item (the same checks as adding it); htmx gets the form alone, to open inside the row."""
    item = _item(request, pk, MANAGE_SESSIONS)
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
    template = "sittings/conduct/item_edit.html"
    if getattr(request, "htmx", False) and request.method == "GET":
        template += "#edit-form"
    context = {"council": session.council, "session": session, "item": item, "form": form}
    return render(request, template, context)


@login_required
@require_POST
def conduct_item_remove(request: HttpRequest, pk: int) -> HttpResponse:
    """Take an item off the agenda; refused (422, on the work page) while it has votes."""
    item = _item(request, pk, MANAGE_SESSIONS)
    try:
        conduct.remove_agenda_item(item, by=request.user)
    except ValidationError as error:
        context = {**_work_context(request, item.session), "errors": error.messages}
        return render(request, "sittings/conduct/work.html", context, status=422)
    messages.success(request, f"Đã xóa nội dung {item.position} khỏi chương trình kỳ họp.")
    return redirect(_work_url(item.session))


@login_required
@require_POST
def conduct_examination(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk, MANAGE_SESSIONS)

    def run(data: dict[str, Any]) -> object:
        return conduct.record_examination(item, by=request.user, on=data["on"], upload=data["file"])

    form = ExaminationForm(request.POST, request.FILES)
    return post_step(request, _work_url(item.session), form, run, "Đã ghi báo cáo thẩm tra.")


@login_required
@require_POST
def conduct_document_add(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk, MANAGE_SESSIONS)

    def run(data: dict[str, Any]) -> object:
        return conduct.attach_document(item, by=request.user, title=data["title"], upload=data["file"])

    form = DocumentForm(request.POST, request.FILES)
    return post_step(request, _work_url(item.session), form, run, "Đã đính kèm tài liệu.")


# Files, to whoever may read the session ----------------------------------------------------------


@login_required
def conduct_examination_file(request: HttpRequest, pk: int) -> FileResponse:
    item = _item(request, pk, VIEW)
    return uploads.serve_file(item.examination_report, "bao-cao-tham-tra")


@login_required
def conduct_document_file(request: HttpRequest, pk: int) -> FileResponse:
    queryset = SessionDocument.objects.annotate(council_ref=F("item__session__council_id"))
    document = get_object_for_user(request.user, queryset, pk, VIEW, council_field="council_ref")
    return uploads.serve_file(document.file, "tai-lieu")


@login_required
def conduct_minutes_file(request: HttpRequest, pk: int) -> FileResponse:
    session = _session(request, pk, VIEW)
    minutes = getattr(session, "minutes", None)
    return uploads.serve_file(minutes.file if minutes else None, "bien-ban")


# Attendance, votes, minutes ----------------------------------------------------------------------


@login_required
@GET_POST
def conduct_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    """One row per delegate of the term: present, excused (with the reason) or absent."""
    session = _session(request, pk, VIEW if request.method == "GET" else MANAGE_SESSIONS)
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
    return _vote_page(request, _item(request, pk, MANAGE_SESSIONS))


def _vote(request: HttpRequest, pk: int) -> SessionVote:
    queryset = SessionVote.objects.select_related(
        "item__session__council__unit", "item__session__term"
    ).annotate(council_ref=F("item__session__council_id"))
    return get_object_for_user(request.user, queryset, pk, MANAGE_SESSIONS, council_field="council_ref")


@login_required
@GET_POST
def conduct_vote_correct(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a vote in error again: the new record replaces it."""
    vote = _vote(request, pk)
    return _vote_page(request, vote.item, vote)


@login_required
@require_POST
def conduct_vote_remove(request: HttpRequest, pk: int) -> HttpResponse:
    vote = _vote(request, pk)
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
    session = _session(request, pk, MANAGE_SESSIONS)
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
    return document_response(_session(request, pk, VIEW), "minutes", "docx")


@login_required
def conduct_minutes_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    return document_response(_session(request, pk, VIEW), "minutes", "pdf")


@login_required
def conduct_results_docx(request: HttpRequest, pk: int) -> HttpResponse:
    """The results notice (Thông báo kết quả kỳ họp) as .docx, its number left for the office."""
    return document_response(_session(request, pk, VIEW), "results", "docx")


@login_required
def conduct_results_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    return document_response(_session(request, pk, VIEW), "results", "pdf")
