"""Pages for councils, their terms, bodies, people, memberships and agencies (scoped to the user).

Every object comes through ``get_object_for_user``: 404 outside the user's scope, 403 inside it
without the right. Writes go through ``actions``; the forms only check and clean the input.
"""

from __future__ import annotations

from collections.abc import Callable
from copy import copy
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Exists, Model, OuterRef, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_http_methods

from hdnd.accounts.scope import (
    MANAGE_COUNCIL,
    MANAGE_PEOPLE,
    MANAGE_USERS,
    VIEW,
    VIEW_AUDIT,
    VIEW_PEOPLE,
    can,
    get_object_for_user,
    scope_of,
)
from hdnd.core.shortcuts import render

from . import actions, forms, imports
from .models import Agency, Body, BodyKind, Council, Membership, MembershipRole, Person, Term

PAGE_SIZE = 50
GET_POST = require_http_methods(["GET", "POST"])


def _page_or_partial(
    request: HttpRequest, template: str, partial: str, context: dict[str, Any]
) -> HttpResponse:
    """htmx asks for the partial only; the same URL serves the full page to everyone else."""
    name = f"{template}#{partial}" if getattr(request, "htmx", False) else template
    response = render(request, name, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _council(request: HttpRequest, pk: int, action: str) -> Council:
    return get_object_for_user(
        request.user, Council.objects.select_related("unit", "parent"), pk, action, "pk"
    )


def _rights(request: HttpRequest, council: Council) -> dict[str, bool]:
    """What the page may offer: the templates show a button only where the action would be allowed."""
    return {
        "can_manage_council": can(request.user, council, MANAGE_COUNCIL),
        "can_manage_people": can(request.user, council, MANAGE_PEOPLE),
        "can_view_people": can(request.user, council, VIEW_PEOPLE),
        "can_manage_users": can(request.user, council, MANAGE_USERS),
        "can_view_audit": can(request.user, council, VIEW_AUDIT),
    }


def _add_errors(form: Any, error: ValidationError) -> None:
    """Show an action's validation error on the form: on its field when the form has it."""
    for field, messages_ in (
        error.message_dict.items() if hasattr(error, "error_dict") else [(None, error.messages)]
    ):
        for message in messages_:
            form.add_error(field if field in form.fields else None, message)


def _submit(
    request: HttpRequest,
    form: Any,
    action: Callable[..., Model],
    target: Model,
    *,
    done: Callable[[Any], str],
    success: str,
) -> HttpResponse | None:
    """On a valid POST, run ``action(target, by=user, **form.changes())`` and redirect to ``done(result)``;
    otherwise None, and the caller renders the form with its errors."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        obj = action(target, by=request.user, **form.changes())
    except ValidationError as error:
        _add_errors(form, error)
        return None
    messages.success(request, success)
    return redirect(done(obj))


def _council_url(obj: Any) -> str:
    return reverse("councils:council_detail", args=[obj.council_id])


# Councils ----------------------------------------------------------------------------------------


@login_required
def council_list(request: HttpRequest) -> HttpResponse:
    form = forms.CouncilSearchForm(request.GET)
    councils = form.filter(Council.objects.visible_to(request.user)).select_related("unit", "parent")
    page = Paginator(councils.tree_order(), PAGE_SIZE).get_page(request.GET.get("page"))
    return _page_or_partial(request, "councils/council_list.html", "rows", {"form": form, "page": page})


KIND_ORDER = {kind: index for index, kind in enumerate(BodyKind.values)}
ROLE_ORDER = {role: index for index, role in enumerate(MembershipRole.values)}


def _in_order(bodies: Any) -> list[Body]:
    """Standing committee, committees, delegate groups, office; in each, chair first (the enums' order)."""
    ordered = sorted(bodies, key=lambda body: (KIND_ORDER[body.kind], body.name))
    for body in ordered:
        body.members.sort(key=lambda seat: (ROLE_ORDER[seat.role], seat.person.name_key))
    return ordered


@login_required
def council_detail(request: HttpRequest, pk: int) -> HttpResponse:
    council = _council(request, pk, VIEW)
    term = council.current_term()
    seats = Membership.objects.current().select_related("person")
    bodies = council.bodies.prefetch_related(Prefetch("memberships", queryset=seats, to_attr="members"))
    delegates = (
        Membership.objects.current().delegates().filter(council=council, term=term).count() if term else 0
    )
    context = {
        "council": council,
        "parent_visible": council.parent_id is not None and scope_of(request.user).sees(council.parent_id),
        "children": council.children.visible_to(request.user).order_by("name_key"),
        "terms": council.terms.all(),
        "term": term,
        "delegates": delegates,
        "bodies": [b for b in _in_order(bodies) if not b.is_dissolved],
        "dissolved": [b for b in bodies if b.is_dissolved],
        "agencies": council.agencies.filter(is_active=True)[:12],
        "agency_count": council.agencies.count(),
        **_rights(request, council),
    }
    return render(request, "councils/council_detail.html", context)


@login_required
@GET_POST
def council_edit(request: HttpRequest, pk: int) -> HttpResponse:
    council = _council(request, pk, MANAGE_COUNCIL)
    form = forms.CouncilForm(request.POST or None, instance=copy(council))
    done = _submit(
        request,
        form,
        actions.update_council,
        council,
        done=lambda c: c.get_absolute_url(),
        success="Đã lưu thông tin HĐND.",
    )
    return done or render(request, "councils/council_edit.html", {"council": council, "form": form})


# Terms -------------------------------------------------------------------------------------------


@login_required
@GET_POST
def term_add(request: HttpRequest, pk: int) -> HttpResponse:
    council = _council(request, pk, MANAGE_COUNCIL)
    form = forms.TermForm(request.POST or None, council=council)
    done = _submit(
        request, form, actions.create_term, council, done=_council_url, success="Đã thêm khóa, nhiệm kỳ."
    )
    return done or render(request, "councils/term_form.html", {"council": council, "form": form})


@login_required
@GET_POST
def term_edit(request: HttpRequest, pk: int) -> HttpResponse:
    term = get_object_for_user(request.user, Term.objects.select_related("council"), pk, MANAGE_COUNCIL)
    form = forms.TermForm(request.POST or None, instance=copy(term), council=term.council)
    done = _submit(
        request, form, actions.update_term, term, done=_council_url, success="Đã lưu khóa, nhiệm kỳ."
    )
    context = {"council": term.council, "term": term, "form": form}
    return done or render(request, "councils/term_form.html", context)


# Bodies ------------------------------------------------------------------------------------------


@login_required
@GET_POST
def body_add(request: HttpRequest, pk: int) -> HttpResponse:
    council = _council(request, pk, MANAGE_COUNCIL)
    form = forms.BodyForm(request.POST or None, council=council)
    done = _submit(
        request, form, actions.create_body, council, done=_council_url, success="Đã thêm cơ quan của HĐND."
    )
    return done or render(request, "councils/body_form.html", {"council": council, "form": form})


@login_required
@GET_POST
def body_edit(request: HttpRequest, pk: int) -> HttpResponse:
    body = get_object_for_user(request.user, Body.objects.select_related("council"), pk, MANAGE_COUNCIL)
    form = forms.BodyForm(request.POST or None, instance=copy(body), council=body.council)
    done = _submit(
        request, form, actions.update_body, body, done=_council_url, success="Đã lưu cơ quan của HĐND."
    )
    return done or render(
        request, "councils/body_form.html", {"council": body.council, "body": body, "form": form}
    )


@login_required
@GET_POST
def body_dissolve(request: HttpRequest, pk: int) -> HttpResponse:
    body = get_object_for_user(request.user, Body.objects.select_related("council"), pk, MANAGE_COUNCIL)
    form = forms.DateForm(request.POST or None, field="dissolved_on", label="Ngày giải thể")
    done = _submit(
        request, form, actions.dissolve_body, body, done=_council_url, success=f"Đã giải thể {body.name}."
    )
    context = {
        "council": body.council,
        "body": body,
        "form": form,
        "members": body.memberships.current().count(),
    }
    return done or render(request, "councils/body_dissolve.html", context)


# People and memberships --------------------------------------------------------------------------


@login_required
def person_list(request: HttpRequest, pk: int) -> HttpResponse:
    council = _council(request, pk, VIEW)
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
    context = {"council": council, "form": form, "page": page, **_rights(request, council)}
    return _page_or_partial(request, "councils/person_list.html", "rows", context)


@login_required
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_for_user(request.user, Person.objects.select_related("council"), pk, VIEW)
    seats = person.memberships.select_related("body", "term").order_by("-starts_on", "pk")
    context = {
        "council": person.council,
        "person": person,
        "seats": seats,
        **_rights(request, person.council),
    }
    return render(request, "councils/person_detail.html", context)


def _person_url(obj: Any) -> str:
    return reverse("councils:person_detail", args=[obj.person_id if isinstance(obj, Membership) else obj.pk])


@login_required
@GET_POST
def person_add(request: HttpRequest, pk: int) -> HttpResponse:
    council = _council(request, pk, MANAGE_PEOPLE)
    form = forms.PersonForm(request.POST or None, council=council)
    done = _submit(request, form, actions.create_person, council, done=_person_url, success="Đã thêm người.")
    return done or render(request, "councils/person_form.html", {"council": council, "form": form})


@login_required
@GET_POST
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_for_user(request.user, Person.objects.select_related("council"), pk, MANAGE_PEOPLE)
    form = forms.PersonForm(request.POST or None, instance=copy(person), council=person.council)
    done = _submit(
        request, form, actions.update_person, person, done=_person_url, success="Đã lưu thông tin người."
    )
    context = {"council": person.council, "person": person, "form": form}
    return done or render(request, "councils/person_form.html", context)


@login_required
@GET_POST
def person_import(request: HttpRequest, pk: int) -> HttpResponse:
    council = _council(request, pk, MANAGE_PEOPLE)
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
        except imports.ImportRejected as rejected:
            form.add_error("file", str(rejected))
        except ValidationError as error:
            errors = error.messages
    context = {"council": council, "form": form, "errors": errors, "term": council.current_term()}
    return render(request, "councils/person_import.html", context, status=422 if errors else 200)


@login_required
def person_import_template(request: HttpRequest, pk: int) -> HttpResponse:
    _council(request, pk, MANAGE_PEOPLE)
    response = HttpResponse(imports.template(imports.DELEGATES), content_type=imports.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = 'attachment; filename="mau-nhap-dai-bieu.xlsx"'
    return response


@login_required
@GET_POST
def membership_add(request: HttpRequest, pk: int) -> HttpResponse:
    council = _council(request, pk, MANAGE_PEOPLE)
    initial = {key: request.GET[key] for key in ("person", "body") if request.GET.get(key, "").isdigit()}
    form = forms.MembershipForm(request.POST or None, council=council, initial=initial)
    done = _submit(
        request, form, actions.add_membership, council, done=_person_url, success="Đã thêm chức danh."
    )
    return done or render(request, "councils/membership_form.html", {"council": council, "form": form})


@login_required
@GET_POST
def membership_end(request: HttpRequest, pk: int) -> HttpResponse:
    queryset = Membership.objects.select_related("council", "person", "body")
    membership = get_object_for_user(request.user, queryset, pk, MANAGE_PEOPLE)
    form = forms.DateForm(
        request.POST or None, field="ends_on", label="Ngày kết thúc (ngày cuối cùng giữ chức danh)"
    )
    done = _submit(
        request, form, actions.end_membership, membership, done=_person_url, success="Đã kết thúc chức danh."
    )
    context = {"council": membership.council, "membership": membership, "form": form}
    return done or render(request, "councils/membership_end.html", context)


# Agencies ----------------------------------------------------------------------------------------


@login_required
def agency_list(request: HttpRequest, pk: int) -> HttpResponse:
    council = _council(request, pk, VIEW)
    form = forms.AgencySearchForm(request.GET)
    form.is_valid()
    agencies = council.agencies.search(form.cleaned_data.get("q", "")).select_related("superior__council")
    page = Paginator(agencies.order_by("kind", "name_key", "pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"council": council, "form": form, "page": page, **_rights(request, council)}
    return _page_or_partial(request, "councils/agency_list.html", "rows", context)


def _agencies_url(obj: Any) -> str:
    return reverse("councils:agency_list", args=[obj.council_id])


@login_required
@GET_POST
def agency_add(request: HttpRequest, pk: int) -> HttpResponse:
    council = _council(request, pk, MANAGE_COUNCIL)
    form = forms.AgencyForm(request.POST or None, council=council)
    done = _submit(
        request, form, actions.create_agency, council, done=_agencies_url, success="Đã thêm cơ quan, tổ chức."
    )
    return done or render(request, "councils/agency_form.html", {"council": council, "form": form})


@login_required
@GET_POST
def agency_edit(request: HttpRequest, pk: int) -> HttpResponse:
    queryset = Agency.objects.select_related("council__parent")
    agency = get_object_for_user(request.user, queryset, pk, MANAGE_COUNCIL)
    form = forms.AgencyForm(request.POST or None, instance=copy(agency), council=agency.council)
    done = _submit(
        request, form, actions.update_agency, agency, done=_agencies_url, success="Đã lưu cơ quan, tổ chức."
    )
    context = {"council": agency.council, "agency": agency, "form": form}
    return done or render(request, "councils/agency_form.html", context)
