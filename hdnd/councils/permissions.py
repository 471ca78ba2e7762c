"""The loaders the council pages and the API share: one per model, each scoped to the user.

Every loader answers ``Http404`` outside the user's councils and ``PermissionDenied`` inside them
without the right (``accounts.scope.get_object_for_user``); a page shows Django's 404/403 pages, the API
its Vietnamese JSON answers (``hdnd/api/main.py``). Each loads what its pages show around the object
(the council and, for councils, the unit and the council above).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from hdnd.accounts.scope import (
    MANAGE_COUNCIL,
    MANAGE_PEOPLE,
    MANAGE_USERS,
    VIEW_AUDIT,
    VIEW_PEOPLE,
    can,
    get_object_for_user,
    scope_of,
)

from .models import Agency, Body, Council, Membership, Person, Term


def council_for(request: HttpRequest, pk: int, action: str) -> Council:
    """A council (with its unit and the council above) the user may act on with ``action``."""
    return get_object_for_user(
        request.user, Council.objects.select_related("unit", "parent"), pk, action, "pk"
    )


def term_for(request: HttpRequest, pk: int, action: str) -> Term:
    return get_object_for_user(request.user, Term.objects.select_related("council"), pk, action)


def body_for(request: HttpRequest, pk: int, action: str) -> Body:
    return get_object_for_user(request.user, Body.objects.select_related("council"), pk, action)


def person_for(request: HttpRequest, pk: int, action: str) -> Person:
    return get_object_for_user(request.user, Person.objects.select_related("council"), pk, action)


def membership_for(request: HttpRequest, pk: int, action: str) -> Membership:
    queryset = Membership.objects.select_related("council", "person", "body")
    return get_object_for_user(request.user, queryset, pk, action)


def agency_for(request: HttpRequest, pk: int, action: str) -> Agency:
    """An agency with its council and the council above (its superior may belong to either)."""
    return get_object_for_user(request.user, Agency.objects.select_related("council__parent"), pk, action)


def council_ids_for(request: HttpRequest, action: str) -> frozenset[int] | None:
    """The councils where the user may do ``action`` (``None``: all of them); with none at all the user
    is refused (403) rather than shown an empty list, as a page would be."""
    allowed = scope_of(request.user).council_ids_for(action)
    if allowed is not None and not allowed:
        raise PermissionDenied
    return allowed


def rights(request: HttpRequest, council: Council) -> dict[str, bool]:
    """What a page may offer: the templates show a button only where the action would be allowed."""
    return {
        "can_manage_council": can(request.user, council, MANAGE_COUNCIL),
        "can_manage_people": can(request.user, council, MANAGE_PEOPLE),
        "can_view_people": can(request.user, council, VIEW_PEOPLE),
        "can_manage_users": can(request.user, council, MANAGE_USERS),
        "can_view_audit": can(request.user, council, VIEW_AUDIT),
    }
