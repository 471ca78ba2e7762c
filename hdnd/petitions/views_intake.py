"""Pages of the petitions intake features; panels they add to the issue, cycle and meeting pages.

Reception and letters (a keyboard-first form per cycle that stays open for the next item, like the
meeting's), imports from .xlsx and .docx with their templates, and referral of an issue to the council
above or below. Objects come through ``get_object_for_user`` (404 outside scope, 403 without the right);
writes go through ``intake`` and ``referral``.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from hdnd.accounts.scope import MANAGE_PETITIONS, VIEW, can, get_object_for_user
from hdnd.core.forms import DATE_ERROR, DATE_HELP, StyledForm
from hdnd.core.shortcuts import render
from hdnd.councils.imports import XLSX_CONTENT_TYPE
from hdnd.councils.models import Council, Level, Person

from . import actions, intake, referral
from .models import Cycle, Petition, PetitionIssue, VoterMeeting

GET_POST = require_http_methods(["GET", "POST"])
RECEIVED_CHOICES = [(value, Petition.Source(value).label) for value in intake.RECEIVED_SOURCES]


# Forms -------------------------------------------------------------------------------------------


class ReceivedForm(StyledForm):
    """One petition from citizen reception or a letter; source and date stay for the next one."""

    source = forms.ChoiceField(label="Nguồn", choices=RECEIVED_CHOICES, initial=Petition.Source.RECEPTION)
    received_on = forms.DateField(
        label="Ngày nhận",
        help_text=DATE_HELP,
        error_messages={"invalid": DATE_ERROR, "required": "Nhập ngày."},
    )
    reference = forms.CharField(label="Số phiếu, số đơn", max_length=intake.REFERENCE_MAX, required=False)
    text = forms.CharField(
        label="Nội dung ý kiến, kiến nghị",
        widget=forms.Textarea(attrs={"rows": 3, "autofocus": True}),
        error_messages={"required": actions.EMPTY_TEXT},
    )
    voter_place = forms.CharField(label="Cử tri ở (thôn, tổ dân phố)", max_length=255, required=False)
    delegate = forms.ModelChoiceField(
        label="Đại biểu tiếp nhận", queryset=Person.objects.none(), required=False
    )

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"received_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        delegate: Any = self.fields["delegate"]
        delegate.queryset = Person.objects.filter(council=council).order_by("name_key")

    def clean_text(self) -> str:
        try:
            return actions.check_text(self.cleaned_data["text"])
        except ValidationError as error:
            raise ValidationError(error.message_dict["text"]) from None


class ImportForm(StyledForm):
    file = forms.FileField(
        label="Tệp danh sách (.xlsx hoặc .docx)",
        error_messages={"required": "Chọn tệp .xlsx hoặc .docx.", "empty": "Tệp tải lên trống."},
        widget=forms.ClearableFileInput(attrs={"accept": f".xlsx,.docx,{XLSX_CONTENT_TYPE}"}),
    )


class ReceivedImportForm(ImportForm):
    source = forms.ChoiceField(label="Nguồn", choices=RECEIVED_CHOICES, initial=Petition.Source.RECEPTION)
    received_on = forms.DateField(
        label="Ngày nhận (khi dòng không ghi)",
        help_text=DATE_HELP,
        error_messages={"invalid": DATE_ERROR, "required": "Nhập ngày."},
    )


class ReferForm(StyledForm):
    to_council = forms.ModelChoiceField(
        label="Chuyển đến",
        queryset=Council.objects.none(),
        error_messages={
            "required": "Chọn HĐND nhận kiến nghị.",
            "invalid_choice": "Chọn HĐND trong danh sách.",
        },
    )
    note = forms.CharField(
        label="Ghi chú (lý do chuyển, số công văn)",
        required=False,
        max_length=referral.NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        to_council: Any = self.fields["to_council"]
        to_council.queryset = Council.objects.filter(pk__in=[c.pk for c in referral.targets(council)])
        to_council.label_from_instance = lambda c: _target_label(council, c)


def _target_label(source: Council, target: Council) -> str:
    way = "cấp trên" if referral.direction(source, target) == referral.UP else "cấp dưới"
    return f"{target.name} ({way})"


def _add_errors(form: forms.Form, error: ValidationError) -> list[str]:
    """Put an action's messages on the form; answer the per-row messages of an import."""
    rows: list[str] = []
    pairs = error.message_dict.items() if hasattr(error, "error_dict") else [(None, error.messages)]
    for name, texts in pairs:
        if name == "rows":
            rows.extend(texts)
            continue
        for text in texts:
            form.add_error(name if name in form.fields else None, text)
    return rows


# Reception and letters ---------------------------------------------------------------------------


def _cycle(request: HttpRequest, pk: int, action: str) -> Cycle:
    return get_object_for_user(request.user, Cycle.objects.select_related("council"), pk, action)


def _received_context(request: HttpRequest, cycle: Cycle, form: Any) -> dict[str, Any]:
    petitions = (
        cycle.petitions.filter(source__in=intake.RECEIVED_SOURCES).select_related("delegate").order_by("pk")
    )
    return {
        "council": cycle.council,
        "cycle": cycle,
        "petitions": petitions,
        "form": form,
        "can_manage": can(request.user, cycle.council, MANAGE_PETITIONS),
    }


@login_required
@GET_POST
def intake_received(request: HttpRequest, pk: int) -> HttpResponse:
    """The cycle's petitions from reception and letters; POST saves one and gives an empty form back."""
    cycle = _cycle(request, pk, MANAGE_PETITIONS if request.method == "POST" else VIEW)
    form = ReceivedForm(request.POST or None, council=cycle.council)
    saved = False
    if request.method == "POST" and form.is_valid():
        try:
            intake.register_received(cycle, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            saved = True
            keep = {key: form.cleaned_data[key] for key in ("source", "received_on")}
            form = ReceivedForm(council=cycle.council, initial=keep)
    if request.method == "POST" and not getattr(request, "htmx", False) and saved:
        messages.success(request, "Đã lưu ý kiến.")
        return redirect("petitions:intake_received", cycle.pk)
    context = {**_received_context(request, cycle, form), "saved": saved}
    template = "petitions/intake/received.html"
    if request.method == "POST" and getattr(request, "htmx", False):
        template += "#entry"
    return render(request, template, context)


# Imports -----------------------------------------------------------------------------------------


def _import(request: HttpRequest, form: Any, run: Any, done: str) -> tuple[HttpResponse | None, list[str]]:
    if request.method != "POST" or not form.is_valid():
        return None, []
    try:
        created = run(form.cleaned_data)
    except ValidationError as error:
        return None, _add_errors(form, error)
    messages.success(request, f"Đã nhập {len(created)} ý kiến từ tệp “{form.cleaned_data['file'].name}”.")
    return redirect(done), []


def _import_page(request: HttpRequest, context: dict[str, Any], rows: list[str]) -> HttpResponse:
    status = 422 if rows else None
    return render(request, "petitions/intake/import.html", {**context, "errors": rows}, status=status)


@login_required
@GET_POST
def intake_meeting_import(request: HttpRequest, pk: int) -> HttpResponse:
    queryset = VoterMeeting.objects.select_related("council", "cycle")
    meeting = get_object_for_user(request.user, queryset, pk, MANAGE_PETITIONS)
    form = ImportForm(request.POST or None, request.FILES or None)

    def run(data: dict[str, Any]) -> list[Petition]:
        return intake.import_file(
            data["file"],
            by=request.user,
            cycle=meeting.cycle,
            source=Petition.Source.MEETING,
            meeting=meeting,
        )

    done, rows = _import(request, form, run, meeting.get_absolute_url())
    context = {
        "council": meeting.council,
        "cycle": meeting.cycle,
        "meeting": meeting,
        "form": form,
        "kind": "tiep-xuc",
        "table": intake.MEETING_TABLE,
        "back": meeting.get_absolute_url(),
    }
    return done or _import_page(request, context, rows)


@login_required
@GET_POST
def intake_received_import(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = _cycle(request, pk, MANAGE_PETITIONS)
    initial = {"received_on": timezone.localdate()}
    form = ReceivedImportForm(request.POST or None, request.FILES or None, initial=initial)

    def run(data: dict[str, Any]) -> list[Petition]:
        return intake.import_file(
            data["file"], by=request.user, cycle=cycle, source=data["source"], received_on=data["received_on"]
        )

    back = reverse("petitions:intake_received", args=[cycle.pk])
    done, rows = _import(request, form, run, back)
    context = {
        "council": cycle.council,
        "cycle": cycle,
        "form": form,
        "kind": "tiep-nhan",
        "table": intake.RECEIVED_TABLE,
        "back": back,
    }
    return done or _import_page(request, context, rows)


@login_required
def intake_template(request: HttpRequest, kind: str, fmt: str) -> HttpResponse:
    """The file to fill: ``kind`` tiep-xuc (a meeting) or tiep-nhan (reception, letters), .xlsx or .docx."""
    table = intake.TABLES.get(kind)
    if table is None or fmt not in ("xlsx", "docx"):
        raise Http404
    if fmt == "xlsx":
        response = HttpResponse(intake.xlsx_template(table), content_type=XLSX_CONTENT_TYPE)
    else:
        response = HttpResponse(intake.docx_template(table), content_type=intake.DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="mau-y-kien-{kind}.{fmt}"'
    return response


# Referral ----------------------------------------------------------------------------------------


def _issue(request: HttpRequest, pk: int) -> PetitionIssue:
    queryset = PetitionIssue.objects.select_related("council", "cycle")
    return get_object_for_user(request.user, queryset, pk, MANAGE_PETITIONS)


@login_required
@require_POST
def intake_refer(request: HttpRequest, pk: int) -> HttpResponse:
    issue = _issue(request, pk)
    form = ReferForm(request.POST, council=issue.council)
    if form.is_valid():
        target = form.cleaned_data["to_council"]
        try:
            referral.refer_issue(issue, target, by=request.user, note=form.cleaned_data["note"])
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, f"Đã chuyển kiến nghị đến {target.name}.")
            return redirect(issue)
    context = {"council": issue.council, "cycle": issue.cycle, "issue": issue, "form": form}
    return render(request, "petitions/intake/refer.html", context)


@login_required
@require_POST
def intake_refer_up(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = _cycle(request, pk, MANAGE_PETITIONS)
    try:
        count = referral.refer_cycle_up(cycle, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        parent = cycle.council.parent
        if count:
            messages.success(request, f"Đã chuyển {count} kiến nghị lên {parent}.")
        else:
            messages.info(
                request, f"Không còn kiến nghị thẩm quyền tỉnh, trung ương nào chưa chuyển lên {parent}."
            )
    return redirect(cycle)


# Panels ------------------------------------------------------------------------------------------


def issue_panel(request: HttpRequest, issue: PetitionIssue) -> dict[str, Any] | None:
    """Referral: where this issue's referred petitions came from, where it went, what came back, and
    the form to refer it (staff of its council, once it is confirmed)."""
    origins = [
        (petition, can(request.user, petition.origin_issue.council_id, VIEW))  # type: ignore[union-attr]
        for petition in issue.petitions.filter(origin_issue__isnull=False).select_related(
            "from_council", "origin_issue"
        )
    ]
    results = [
        (r, r.issue is not None and can(request.user, r.council, VIEW))
        for r in referral.referral_results(issue)
    ]
    form = None
    manages = can(request.user, issue.council, MANAGE_PETITIONS)
    if manages and not issue.is_draft and referral.targets(issue.council):
        form = ReferForm(council=issue.council)
    if not (origins or results or form):
        return None
    return {
        "template": "petitions/panels/intake_issue.html",
        "issue": issue,
        "origins": origins,
        "results": results,
        "form": form,
    }


def cycle_panel(request: HttpRequest, cycle: Cycle) -> dict[str, Any] | None:
    council = cycle.council
    received = cycle.petitions.filter(source__in=intake.RECEIVED_SOURCES).count()
    return {
        "template": "petitions/panels/intake_cycle.html",
        "cycle": cycle,
        "received": received,
        "can_manage": can(request.user, council, MANAGE_PETITIONS),
        "refer_up": council.level == Level.COMMUNE and council.parent_id is not None,
        "parent": council.parent,
    }


def meeting_panel(request: HttpRequest, meeting: VoterMeeting) -> dict[str, Any] | None:
    if not can(request.user, meeting.council, MANAGE_PETITIONS):
        return None
    return {"template": "petitions/panels/intake_meeting.html", "meeting": meeting}
