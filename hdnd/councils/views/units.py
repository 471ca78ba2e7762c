"""Public pages for administrative units and the lookup across the 2025 reform; the change form."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone

from hdnd.accounts.scope import is_system_admin, require_system_admin
from hdnd.core.shortcuts import render, render_page_or_partial
from hdnd.core.tabular import ImportRejected
from hdnd.councils.actions_units import add_unit_change_from, import_unit_changes
from hdnd.councils.forms_units import UnitChangeForm, UnitChangeImportForm, UnitFilterForm
from hdnd.councils.models import AdminUnit
from hdnd.councils.unit_import import IMPORT_HEADINGS, read_upload
from hdnd.councils.units import ancestors, changes_of, predecessors, successors_today, units_for_list

from .common import PAGE_SIZE


def unit_list(request: HttpRequest) -> HttpResponse:
    form = UnitFilterForm(request.GET)
    form.is_valid()  # a bad field is shown with its message; the valid ones still filter
    filters = form.cleaned_data
    on = filters.get("on") or timezone.localdate()
    units = units_for_list(filters.get("level") or "", on, filters.get("q") or "")
    page = Paginator(units, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "on": on}
    return render_page_or_partial(request, "councils/unit_list.html", "rows", context)


def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_object_or_404(AdminUnit.objects.select_related("parent__parent", "council"), pk=pk)
    today = timezone.localdate()
    is_current = unit.is_valid_on(today)
    children = unit.children.order_by(F("valid_to").desc(nulls_first=True), "code", "pk")
    context = {
        "unit": unit,
        "ancestors": ancestors(unit),
        "is_current": is_current,
        "successors": [] if is_current else successors_today(unit, today),
        "predecessors": predecessors(unit),
        "changes": changes_of(unit),
        "children": Paginator(children, PAGE_SIZE).get_page(request.GET.get("page")),
        "can_add_change": is_system_admin(request.user),
    }
    return render_page_or_partial(request, "councils/unit_detail.html", "children", context)


def _initial_from(request: HttpRequest) -> dict[str, Any]:
    """``?from=<id>`` (the link on a unit's page) fills in the old unit."""
    pk = request.GET.get("from", "")
    unit = AdminUnit.objects.filter(pk=pk).first() if pk.isdigit() else None
    return {"from_level": unit.level, "from_code": unit.code, "from_hint": unit.name} if unit else {}


@login_required
def unitchange_add(request: HttpRequest) -> HttpResponse:
    require_system_admin(request.user)
    form = UnitChangeForm(request.POST or None, initial=_initial_from(request))
    if request.method == "POST" and form.is_valid():
        try:
            change = add_unit_change_from(form.cleaned_data, by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                f"Đã ghi nhận: {change.from_unit.name} – {change.get_kind_display().lower()} "
                f"{change.to_unit.name}, có hiệu lực từ {change.effective_on:%d/%m/%Y}.",
            )
            return redirect(change.from_unit)
    return render(request, "councils/unitchange_form.html", {"form": form})


@login_required
def unitchange_import(request: HttpRequest) -> HttpResponse:
    """Import a file of changes: every row is recorded, or none is and each bad row says why."""
    require_system_admin(request.user)
    form = UnitChangeImportForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            rows = read_upload(form.cleaned_data["file"])
        except ImportRejected as error:
            form.add_error("file", str(error))
        else:
            count, errors = import_unit_changes(
                rows, by=request.user, create_missing=form.cleaned_data["create_missing"]
            )
            if not errors:
                messages.success(request, f"Đã nhập {count} thay đổi đơn vị hành chính.")
                return redirect("councils:unit_list")
    context = {"form": form, "errors": errors, "headings": IMPORT_HEADINGS}
    return render(request, "councils/unitchange_import.html", context, status=422 if errors else None)
