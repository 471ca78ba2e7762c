"""The loaders the reception pages and API share: 404 outside the user's councils, 403 inside them without
the right (``get_object_for_user``), so a router and a view cannot drift.

The schedule is public and its pages need VIEW; the register and the letters hold what citizens told the
council, so reading them needs MANAGE_RECEPTION (the council's own office), like every change. One
exception: a delegate reads the letters received at the receptions they held (``Reception.received_by``
names the person linked to their delegate role), nothing else: another letter is 404 to them.
Statistics need VIEW_WORK (an agency's responder does not read them) and roll up the councils below
that the user sees.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from hdnd.accounts.models import Role, RoleAssignment
from hdnd.accounts.scope import MANAGE_RECEPTION, VIEW, can, get_object_for_user
from hdnd.councils.models import Council

from .models import Letter, LetterQuerySet, Reception, ReceptionSlot


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


def held_by(user: Any, council_id: int) -> list[int]:
    """The people the user receives citizens as: the person linked to their delegate role there."""
    if not getattr(user, "is_authenticated", False):
        return []
    assignments = RoleAssignment.objects.active().filter(
        user=user, role=Role.DELEGATE, council_id=council_id, person__isnull=False
    )
    return list(assignments.values_list("person_id", flat=True))


def readable_letters(request: HttpRequest, council: Council) -> LetterQuerySet:
    """The council's letters the user may read: all for its office; a delegate's own receptions' letters;
    anyone else in the council is refused (403)."""
    letters = Letter.objects.filter(council=council)
    if can(request.user, council, MANAGE_RECEPTION):
        return letters
    people = held_by(request.user, council.pk)
    if not people:
        raise PermissionDenied
    return letters.filter(reception__received_by__in=people).distinct()


def letter_to_read(request: HttpRequest, pk: int) -> Letter:
    """A letter to read: the office's, or one received at a reception the delegate held (another is 404)."""
    letter = letter_for(request, pk, VIEW)
    if can(request.user, letter.council_id, MANAGE_RECEPTION):
        return letter
    people = held_by(request.user, letter.council_id)
    if not people:
        raise PermissionDenied
    held = letter.reception_id is not None and (
        Reception.objects.filter(pk=letter.reception_id, received_by__in=people).exists()
    )
    if not held:
        raise Http404
    return letter
