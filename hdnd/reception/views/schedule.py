"""Reception schedules: the council's calendar, one reception day and its steps, the schedule notice."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from hdnd.accounts.scope import MANAGE_RECEPTION, VIEW, can
from hdnd.core.shortcuts import add_errors, post_step, render, run_step
from hdnd.reception import actions, documents, forms
from hdnd.reception.models import ReceptionSlot
from hdnd.reception.permissions import council_for, slot_for
from hdnd.reception.stats import Window

from .common import document_response, window_from

GET_POST = require_http_methods(["GET", "POST"])


def slots_in(council_id: int, window: Window) -> Any:
    return (
        ReceptionSlot.objects.filter(
            council_id=council_id, starts_at__date__gte=window.first, starts_at__date__lte=window.last
        )
        .select_related("body")
        .prefetch_related("hosts")
    )


@login_required
def slot_list(request: HttpRequest, pk: int) -> HttpResponse:
    """The council's reception schedule for a period (the current quarter by default)."""
    council = council_for(request, pk, VIEW)
    window, error = window_from(request)
    slots = slots_in(council.pk, window)
    context = {
        "council": council,
        "window": window,
        "window_error": error,
        "slots": slots,
        "today": timezone.localdate(),
        "can_manage": can(request.user, council, MANAGE_RECEPTION),
    }
    return render(request, "reception/slot_list.html", context)


@login_required
@GET_POST
def slot_add(request: HttpRequest, pk: int) -> HttpResponse:
    council = council_for(request, pk, MANAGE_RECEPTION)
    form = forms.SlotForm(request.POST or None, council=council)
    if request.method == "POST" and form.is_valid():
        try:
            slot = actions.plan_slot(council, by=request.user, **form.action_data())
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Đã đưa buổi tiếp công dân vào lịch.")
            return redirect(slot)
    return render(
        request, "reception/form.html", {"council": council, "form": form, "title": "Lập lịch tiếp công dân"}
    )


@login_required
def slot_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return slot_page(request, slot_for(request, pk, VIEW))


def slot_page(
    request: HttpRequest, slot: ReceptionSlot, extra: Mapping[str, Any] | None = None
) -> HttpResponse:
    can_manage = can(request.user, slot.council, MANAGE_RECEPTION)
    context = {
        "council": slot.council,
        "slot": slot,
        "hosts": slot.hosts.all(),
        "receptions": slot.receptions.all() if can_manage else [],
        "report_due": actions.report_due(slot),
        "can_manage": can_manage,
        "is_past": slot.starts_at <= timezone.now(),
        "report_form": forms.SlotReportForm(initial={"reported_on": timezone.localdate()}),
        "cancel_form": forms.ReasonForm(),
        **(extra or {}),
    }
    return render(request, "reception/slot_detail.html", context)


@login_required
@GET_POST
def slot_edit(request: HttpRequest, pk: int) -> HttpResponse:
    slot = slot_for(request, pk, MANAGE_RECEPTION)
    start, end = timezone.localtime(slot.starts_at), timezone.localtime(slot.ends_at)
    initial = {
        "kind": slot.kind,
        "host": slot.host,
        "body": slot.body_id,
        "hosts": list(slot.hosts.values_list("pk", flat=True)),
        "day": start.date(),
        "starts": start.time(),
        "ends": end.time(),
        "place": slot.place,
        "notes": slot.notes,
    }
    form = forms.SlotForm(request.POST or None, council=slot.council, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.edit_slot(slot, by=request.user, **form.action_data())
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Đã lưu lịch tiếp công dân.")
            return redirect(slot)
    context = {"council": slot.council, "form": form, "title": "Sửa lịch tiếp công dân", "back": slot}
    return render(request, "reception/form.html", context)


@login_required
@require_POST
def slot_hold(request: HttpRequest, pk: int) -> HttpResponse:
    slot = slot_for(request, pk, MANAGE_RECEPTION)
    return run_step(request, slot, lambda: actions.hold_slot(slot, by=request.user), "Đã ghi nhận buổi tiếp.")


@login_required
@require_POST
def slot_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    slot = slot_for(request, pk, MANAGE_RECEPTION)
    form = forms.ReasonForm(request.POST)
    page = lambda extra: slot_page(request, slot, extra)  # noqa: E731
    run = lambda data: actions.cancel_slot(slot, by=request.user, reason=data["reason"])  # noqa: E731
    return post_step(request, slot, form, run, "Đã hủy, hoãn buổi tiếp.", page=page, name="cancel_form")


@login_required
@require_POST
def slot_report(request: HttpRequest, pk: int) -> HttpResponse:
    slot = slot_for(request, pk, MANAGE_RECEPTION)
    form = forms.SlotReportForm(request.POST)
    page = lambda extra: slot_page(request, slot, extra)  # noqa: E731
    run = lambda data: actions.report_slot(slot, by=request.user, **data)  # noqa: E731
    return post_step(
        request, slot, form, run, "Đã ghi báo cáo gửi Thường trực.", page=page, name="report_form"
    )


def schedule_notice(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    council = council_for(request, pk, VIEW)
    window, _ = window_from(request)
    slots = slots_in(council.pk, window).exclude(status=ReceptionSlot.Status.CANCELLED)
    document = documents.schedule_notice(council, list(slots), window.label)
    return document_response(document, f"Thông báo lịch tiếp công dân {window.code}", fmt)


@login_required
def schedule_notice_docx(request: HttpRequest, pk: int) -> HttpResponse:
    return schedule_notice(request, pk, "docx")


@login_required
def schedule_notice_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    return schedule_notice(request, pk, "pdf")
