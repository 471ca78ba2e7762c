"""The reception register (sổ tiếp công dân): the list, a visit written in, one visit, a petition raised."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods, require_POST

from hdnd.accounts.scope import MANAGE_RECEPTION
from hdnd.core.paging import CappedPaginator
from hdnd.core.shortcuts import add_errors, post_step, render
from hdnd.reception import actions, forms
from hdnd.reception.models import Letter, Reception
from hdnd.reception.permissions import council_for, reception_for

from .common import window_from

GET_POST = require_http_methods(["GET", "POST"])
PAGE_SIZE = 50


@login_required
def reception_list(request: HttpRequest, pk: int) -> HttpResponse:
    council = council_for(request, pk, MANAGE_RECEPTION)
    window, error = window_from(request)
    rows = (
        Reception.objects.filter(council=council, received_on__gte=window.first, received_on__lte=window.last)
        .select_related("locality", "slot")
        .order_by("-received_on", "-pk")
    )
    page = CappedPaginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"council": council, "window": window, "window_error": error, "page": page}
    return render(request, "reception/reception_list.html", context)


@login_required
@GET_POST
def reception_add(request: HttpRequest, pk: int) -> HttpResponse:
    council = council_for(request, pk, MANAGE_RECEPTION)
    initial = {"slot": request.GET.get("lich")} if request.GET.get("lich") else None
    form = forms.ReceptionForm(request.POST or None, council=council, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            reception = _record(council, request, form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Đã ghi vào sổ tiếp công dân.")
            return redirect(reception)
    context = {"council": council, "form": form, "title": "Ghi sổ tiếp công dân"}
    return render(request, "reception/reception_form.html", context)


def _record(council: Any, request: HttpRequest, data: dict[str, Any]) -> Reception:
    """The visit, and the letter handed in at it, in one transaction: both or neither."""
    subject = data.pop("subject", "")
    visit = actions.Visit(**data)
    with transaction.atomic():
        reception = actions.record_reception(council, by=request.user, visit=visit)
        if visit.outcome == Reception.Outcome.LETTER:
            incoming = actions.Incoming(
                channel=Letter.Channel.RECEPTION,
                received_on=visit.received_on,
                kind=visit.kind,
                subject=subject,
                content=visit.content,
                sender=visit.visitor,
                senders=visit.group_size,
                locality=visit.locality,
                reception=reception,
            )
            actions.receive_letter(council, by=request.user, incoming=incoming)
    return reception


@login_required
def reception_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return reception_page(request, reception_for(request, pk, MANAGE_RECEPTION))


def reception_page(
    request: HttpRequest, reception: Reception, extra: Mapping[str, Any] | None = None
) -> HttpResponse:
    context = {
        "council": reception.council,
        "reception": reception,
        "received_by": reception.received_by.all(),
        "letters": reception.letters.all(),
        "petitions": reception.petitions.all(),
        "petition_form": forms.CycleForm(council=reception.council, initial={"text": reception.content}),
        **(extra or {}),
    }
    return render(request, "reception/reception_detail.html", context)


@login_required
@require_POST
def reception_petition(request: HttpRequest, pk: int) -> HttpResponse:
    reception = reception_for(request, pk, MANAGE_RECEPTION)
    form = forms.CycleForm(request.POST, council=reception.council)
    page = lambda extra: reception_page(request, reception, extra)  # noqa: E731

    def run(data: dict[str, Any]) -> object:
        return actions.raise_petition(reception, by=request.user, cycle=data["cycle"], text=data["text"])

    done = "Đã chuyển thành kiến nghị cử tri."
    return post_step(request, reception, form, run, done, page=page, name="petition_form")
