"""Pages for councils, their terms and bodies (scoped to the user).

Every object comes through ``hdnd.councils.permissions``: 404 outside the user's scope, 403 inside it
without the right. Writes go through ``actions``; the forms only check and clean the input.
"""

from __future__ import annotations

from copy import copy
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from hdnd.accounts.scope import MANAGE_COUNCIL, VIEW, scope_of
from hdnd.core.shortcuts import render, render_page_or_partial
from hdnd.councils import actions, forms
from hdnd.councils.models import Body, BodyKind, Council, Membership, MembershipRole
from hdnd.councils.permissions import body_for, council_for, rights, term_for

from .common import GET_POST, PAGE_SIZE, submit


def _council_url(obj: Any) -> str:
    return reverse("councils:council_detail", args=[obj.council_id])


# Councils ----------------------------------------------------------------------------------------


@login_required
def council_list(request: HttpRequest) -> HttpResponse:
    form = forms.CouncilSearchForm(request.GET)
    councils = form.filter(Council.objects.visible_to(request.user)).select_related("unit", "parent")
    page = Paginator(councils.tree_order(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render_page_or_partial(request, "councils/council_list.html", "rows", {"form": form, "page": page})


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
    council = council_for(request, pk, VIEW)
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
        **rights(request, council),
    }
    return render(request, "councils/council_detail.html", context)


@login_required
@GET_POST
def council_edit(request: HttpRequest, pk: int) -> HttpResponse:
    council = council_for(request, pk, MANAGE_COUNCIL)
    form = forms.CouncilForm(request.POST or None, instance=copy(council))
    done = submit(
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
    council = council_for(request, pk, MANAGE_COUNCIL)
    form = forms.TermForm(request.POST or None, council=council)
    done = submit(
        request, form, actions.create_term, council, done=_council_url, success="Đã thêm khóa, nhiệm kỳ."
    )
    return done or render(request, "councils/term_form.html", {"council": council, "form": form})


@login_required
@GET_POST
def term_edit(request: HttpRequest, pk: int) -> HttpResponse:
    term = term_for(request, pk, MANAGE_COUNCIL)
    form = forms.TermForm(request.POST or None, instance=copy(term), council=term.council)
    done = submit(
        request, form, actions.update_term, term, done=_council_url, success="Đã lưu khóa, nhiệm kỳ."
    )
    context = {"council": term.council, "term": term, "form": form}
    return done or render(request, "councils/term_form.html", context)


# Bodies ------------------------------------------------------------------------------------------


@login_required
@GET_POST
def body_add(request: HttpRequest, pk: int) -> HttpResponse:
    council = council_for(request, pk, MANAGE_COUNCIL)
    form = forms.BodyForm(request.POST or None, council=council)
    done = submit(
        request, form, actions.create_body, council, done=_council_url, success="Đã thêm cơ quan của HĐND."
    )
    return done or render(request, "councils/body_form.html", {"council": council, "form": form})


@login_required
@GET_POST
def body_edit(request: HttpRequest, pk: int) -> HttpResponse:
    body = body_for(request, pk, MANAGE_COUNCIL)
    form = forms.BodyForm(request.POST or None, instance=copy(body), council=body.council)
    done = submit(
        request, form, actions.update_body, body, done=_council_url, success="Đã lưu cơ quan của HĐND."
    )
    return done or render(
        request, "councils/body_form.html", {"council": body.council, "body": body, "form": form}
    )


@login_required
@GET_POST
def body_dissolve(request: HttpRequest, pk: int) -> HttpResponse:
    body = body_for(request, pk, MANAGE_COUNCIL)
    form = forms.DateForm(request.POST or None, field="dissolved_on", label="Ngày giải thể")
    done = submit(
        request, form, actions.dissolve_body, body, done=_council_url, success=f"Đã giải thể {body.name}."
    )
    context = {
        "council": body.council,
        "body": body,
        "form": form,
        "members": body.memberships.current().count(),
    }
    return done or render(request, "councils/body_dissolve.html", context)
