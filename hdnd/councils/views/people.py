"""Pages for the people of a council and their seats (memberships), and the delegate import."""

from __future__ import annotations

from copy import copy
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from hdnd.accounts.scope import MANAGE_PEOPLE, VIEW
from hdnd.core import tabular
from hdnd.core.shortcuts import render, render_page_or_partial
from hdnd.councils import actions, forms, imports
from hdnd.councils.models import Membership
from hdnd.councils.permissions import council_for, membership_for, person_for, rights

from .common import GET_POST, PAGE_SIZE, submit


@login_required
def person_list(request: HttpRequest, pk: int) -> HttpResponse:
    council = council_for(request, pk, VIEW)
    form = forms.PersonSearchForm(request.GET)
    form.is_valid()
    people = council.people.search(form.cleaned_data.get("q", ""))
    if form.cleaned_data.get("delegates"):
        seat = Membership.objects.current().delegates().filter(person=OuterRef("pk"))
        people = people.filter(Exists(seat))
    seats = Membership.objects.current().select_related("body").order_by("body__kind", "role")
    people = people.prefetch_related(Prefetch("memberships", queryset=seats, to_attr="seats")).order_by(
        "name_key", "pk"
    )
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"council": council, "form": form, "page": page, **rights(request, council)}
    return render_page_or_partial(request, "councils/person_list.html", "rows", context)


@login_required
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = person_for(request, pk, VIEW)
    seats = person.memberships.select_related("body", "term").order_by("-starts_on", "pk")
    context = {
        "council": person.council,
        "person": person,
        "seats": seats,
        **rights(request, person.council),
    }
    return render(request, "councils/person_detail.html", context)


def _person_url(obj: Any) -> str:
    return reverse("councils:person_detail", args=[obj.person_id if isinstance(obj, Membership) else obj.pk])


@login_required
@GET_POST
def person_add(request: HttpRequest, pk: int) -> HttpResponse:
    council = council_for(request, pk, MANAGE_PEOPLE)
    form = forms.PersonForm(request.POST or None, council=council)
    done = submit(request, form, actions.create_person, council, done=_person_url, success="Đã thêm người.")
    return done or render(request, "councils/person_form.html", {"council": council, "form": form})


@login_required
@GET_POST
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = person_for(request, pk, MANAGE_PEOPLE)
    form = forms.PersonForm(request.POST or None, instance=copy(person), council=person.council)
    done = submit(
        request, form, actions.update_person, person, done=_person_url, success="Đã lưu thông tin người."
    )
    context = {"council": person.council, "person": person, "form": form}
    return done or render(request, "councils/person_form.html", context)


@login_required
@GET_POST
def person_import(request: HttpRequest, pk: int) -> HttpResponse:
    council = council_for(request, pk, MANAGE_PEOPLE)
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = imports.read_delegates(upload, council)
            errors = result.errors
            if not errors:
                people = actions.import_delegates(council, result.rows, by=request.user, source=upload.name)
                messages.success(request, f"Đã nhập {len(people)} đại biểu vào {result.term}.")
                return redirect(reverse("councils:person_list", args=[council.pk]) + "?delegates=on")
        except tabular.ImportRejected as rejected:
            form.add_error("file", str(rejected))
        except ValidationError as error:
            errors = error.messages
    context = {"council": council, "form": form, "errors": errors, "term": council.current_term()}
    return render(request, "councils/person_import.html", context, status=422 if errors else 200)


@login_required
def person_import_template(request: HttpRequest, pk: int) -> HttpResponse:
    council_for(request, pk, MANAGE_PEOPLE)
    response = HttpResponse(tabular.template(imports.DELEGATES), content_type=tabular.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = 'attachment; filename="mau-nhap-dai-bieu.xlsx"'
    return response


@login_required
@GET_POST
def membership_add(request: HttpRequest, pk: int) -> HttpResponse:
    council = council_for(request, pk, MANAGE_PEOPLE)
    initial = {key: request.GET[key] for key in ("person", "body") if request.GET.get(key, "").isdigit()}
    form = forms.MembershipForm(request.POST or None, council=council, initial=initial)
    done = submit(
        request, form, actions.add_membership, council, done=_person_url, success="Đã thêm chức danh."
    )
    return done or render(request, "councils/membership_form.html", {"council": council, "form": form})


@login_required
@GET_POST
def membership_end(request: HttpRequest, pk: int) -> HttpResponse:
    membership = membership_for(request, pk, MANAGE_PEOPLE)
    form = forms.DateForm(
        request.POST or None, field="ends_on", label="Ngày kết thúc (ngày cuối cùng giữ chức danh)"
    )
    done = submit(
        request, form, actions.end_membership, membership, done=_person_url, success="Đã kết thúc chức danh."
    )
    context = {"council": membership.council, "membership": membership, "form": form}
    return done or render(request, "councils/membership_end.html", context)
