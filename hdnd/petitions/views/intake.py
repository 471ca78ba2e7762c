"""Pages of the petitions intake features; panels they add to the issue, cycle and meeting pages.

Reception and letters (a keyboard-first form per cycle that stays open for the next item, like the
meeting's), imports from .xlsx and .docx with their templates, and referral of an issue to the council
above or below. Objects come through ``permissions`` (404 outside scope, 403 without the right);
writes go through ``actions.intake`` and ``actions.referral``; the files are read by ``import_files``.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from hdnd.accounts.scope import MANAGE_PETITIONS, VIEW, can
from hdnd.core.shortcuts import add_errors, render, render_page_or_partial
from hdnd.core.tabular import DOCX_CONTENT_TYPE, XLSX_CONTENT_TYPE
from hdnd.councils.models import Level
from hdnd.petitions import import_files, referral
from hdnd.petitions.actions import intake
from hdnd.petitions.actions import referral as referring
from hdnd.petitions.forms import ImportForm, ReceivedForm, ReceivedImportForm, ReferForm
from hdnd.petitions.models import Cycle, Petition, PetitionIssue, VoterMeeting
from hdnd.petitions.permissions import cycle_for, issue_for, meeting_for

GET_POST = require_http_methods(["GET", "POST"])


# Forms -------------------------------------------------------------------------------------------


# Reception and letters ---------------------------------------------------------------------------


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
    cycle = cycle_for(request, pk, MANAGE_PETITIONS if request.method == "POST" else VIEW)
    form = ReceivedForm(request.POST or None, council=cycle.council)
    saved = False
    if request.method == "POST" and form.is_valid():
        try:
            intake.register_received(cycle, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            saved = True
            keep = {key: form.cleaned_data[key] for key in ("source", "received_on")}
            form = ReceivedForm(council=cycle.council, initial=keep)
    if request.method == "POST" and not getattr(request, "htmx", False) and saved:
        messages.success(request, "Đã lưu ý kiến.")
        return redirect("petitions:intake_received", cycle.pk)
    context = {**_received_context(request, cycle, form), "saved": saved}
    return render_page_or_partial(request, "petitions/intake/received.html", "entry", context)


# Imports -----------------------------------------------------------------------------------------


def _import(request: HttpRequest, form: Any, run: Any, done: str) -> tuple[HttpResponse | None, list[str]]:
    if request.method != "POST" or not form.is_valid():
        return None, []
    try:
        created = run(form.cleaned_data)
    except ValidationError as error:
        return None, add_errors(form, error)
    messages.success(request, f"Đã nhập {len(created)} ý kiến từ tệp “{form.cleaned_data['file'].name}”.")
    return redirect(done), []


def _import_page(request: HttpRequest, context: dict[str, Any], rows: list[str]) -> HttpResponse:
    status = 422 if rows else None
    return render(request, "petitions/intake/import.html", {**context, "errors": rows}, status=status)


@login_required
@GET_POST
def intake_meeting_import(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_for(request, pk, MANAGE_PETITIONS)
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
        "table": import_files.MEETING_TABLE,
        "back": meeting.get_absolute_url(),
    }
    return done or _import_page(request, context, rows)


@login_required
@GET_POST
def intake_received_import(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = cycle_for(request, pk, MANAGE_PETITIONS)
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
        "table": import_files.RECEIVED_TABLE,
        "back": back,
    }
    return done or _import_page(request, context, rows)


@login_required
def intake_template(request: HttpRequest, kind: str, fmt: str) -> HttpResponse:
    """The file to fill: ``kind`` tiep-xuc (a meeting) or tiep-nhan (reception, letters), .xlsx or .docx."""
    table = import_files.TABLES.get(kind)
    if table is None or fmt not in ("xlsx", "docx"):
        raise Http404
    if fmt == "xlsx":
        content, content_type = import_files.xlsx_template(table), XLSX_CONTENT_TYPE
    else:
        content, content_type = import_files.docx_template(table), DOCX_CONTENT_TYPE
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="mau-y-kien-{kind}.{fmt}"'
    return response


# Referral ----------------------------------------------------------------------------------------


@login_required
@require_POST
def intake_refer(request: HttpRequest, pk: int) -> HttpResponse:
    issue = issue_for(request, pk, MANAGE_PETITIONS)
    form = ReferForm(request.POST, council=issue.council)
    if form.is_valid():
        target = form.cleaned_data["to_council"]
        try:
            referring.refer_issue(issue, target, by=request.user, note=form.cleaned_data["note"])
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"Đã chuyển kiến nghị đến {target.name}.")
            return redirect(issue)
    context = {"council": issue.council, "cycle": issue.cycle, "issue": issue, "form": form}
    return render(request, "petitions/intake/refer.html", context)


@login_required
@require_POST
def intake_refer_up(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = cycle_for(request, pk, MANAGE_PETITIONS)
    try:
        count = referring.refer_cycle_up(cycle, by=request.user)
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
