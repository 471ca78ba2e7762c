"""Pages for the agencies of a council: the bodies petitions and tasks are forwarded to."""

from __future__ import annotations

from copy import copy
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from hdnd.accounts.scope import MANAGE_COUNCIL, VIEW
from hdnd.core.shortcuts import render, render_page_or_partial
from hdnd.councils import actions, forms
from hdnd.councils.permissions import agency_for, council_for, rights

from .common import GET_POST, PAGE_SIZE, submit


@login_required
def agency_list(request: HttpRequest, pk: int) -> HttpResponse:
    council = council_for(request, pk, VIEW)
    form = forms.AgencySearchForm(request.GET)
    form.is_valid()
    agencies = council.agencies.search(form.cleaned_data.get("q", "")).select_related("superior__council")
    page = Paginator(agencies.order_by("kind", "name_key", "pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"council": council, "form": form, "page": page, **rights(request, council)}
    return render_page_or_partial(request, "councils/agency_list.html", "rows", context)


def _agencies_url(obj: Any) -> str:
    return reverse("councils:agency_list", args=[obj.council_id])


@login_required
@GET_POST
def agency_add(request: HttpRequest, pk: int) -> HttpResponse:
    council = council_for(request, pk, MANAGE_COUNCIL)
    form = forms.AgencyForm(request.POST or None, council=council)
    done = submit(
        request, form, actions.create_agency, council, done=_agencies_url, success="Đã thêm cơ quan, tổ chức."
    )
    return done or render(request, "councils/agency_form.html", {"council": council, "form": form})


@login_required
@GET_POST
def agency_edit(request: HttpRequest, pk: int) -> HttpResponse:
    agency = agency_for(request, pk, MANAGE_COUNCIL)
    form = forms.AgencyForm(request.POST or None, instance=copy(agency), council=agency.council)
    done = submit(
        request, form, actions.update_agency, agency, done=_agencies_url, success="Đã lưu cơ quan, tổ chức."
    )
    context = {"council": agency.council, "agency": agency, "form": form}
    return done or render(request, "councils/agency_form.html", context)
