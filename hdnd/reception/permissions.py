"""The loaders the reception pages and API share: 404 outside the user's councils, 403 inside them without
the right (``get_object_for_user``), so a router and a view cannot drift.

The schedule is public and its pages need VIEW; the register and the letters hold what citizens told the
council, so reading them needs MANAGE_RECEPTION (the council's own office), like every change.
Statistics need VIEW and roll up the councils below that the user sees.
"""

from __future__ import annotations

from django.http import HttpRequest

from hdnd.accounts.scope import get_object_for_user
from hdnd.councils.models import Council

from .models import Letter, Reception, ReceptionSlot


def council_for(request: HttpRequest, pk: int, action: str) -> Council:
    return get_object_for_user(request.user, Council.objects.select_related("unit"), pk, action, "pk")


def slot_for(request: HttpRequest, pk: int, action: str) -> ReceptionSlot:
    queryset = ReceptionSlot.objects.select_related("council__unit", "body")
    return get_object_for_user(request.user, queryset, pk, action)


def reception_for(request: HttpRequest, pk: int, action: str) -> Reception:
    queryset = Reception.objects.select_related("council__unit", "slot", "locality")
    return get_object_for_user(request.user, queryset, pk, action)


def letter_for(request: HttpRequest, pk: int, action: str) -> Letter:
    queryset = Letter.objects.select_related(
        "council__unit", "council__parent__unit", "agency", "locality", "earlier", "reception"
    )
    return get_object_for_user(request.user, queryset, pk, action)
