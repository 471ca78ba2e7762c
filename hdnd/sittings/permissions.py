"""The loaders the sittings pages and API share: each answers 404 outside the user's councils and 403
inside them without the right (``get_object_for_user``), so a router and a view cannot drift.

Objects below a session or a meeting are scoped through it (``council_ref``). Reading needs VIEW,
every change MANAGE_SESSIONS; the caller says which.
"""

from __future__ import annotations

from django.db.models import F
from django.http import HttpRequest

from hdnd.accounts.scope import get_object_for_user
from hdnd.councils.models import Council

from .models import (
    ConclusionItem,
    Session,
    SessionAgendaItem,
    SessionDocument,
    SessionVote,
    StandingMaterial,
    StandingMeeting,
    StandingParticipant,
)


def council_for(request: HttpRequest, pk: int, action: str) -> Council:
    return get_object_for_user(request.user, Council.objects.all(), pk, action, "pk")


def session_for(request: HttpRequest, pk: int, action: str) -> Session:
    """A session with what its pages and documents print (unit names, the parent council, the term)."""
    queryset = Session.objects.select_related("council__unit", "council__parent__unit", "term")
    return get_object_for_user(request.user, queryset, pk, action)


def agenda_item_for(request: HttpRequest, pk: int, action: str) -> SessionAgendaItem:
    queryset = SessionAgendaItem.objects.select_related("session__council__unit", "session__term").annotate(
        council_ref=F("session__council_id")
    )
    return get_object_for_user(request.user, queryset, pk, action, "council_ref")


def session_vote_for(request: HttpRequest, pk: int, action: str) -> SessionVote:
    queryset = SessionVote.objects.select_related(
        "item__session__council__unit", "item__session__term"
    ).annotate(council_ref=F("item__session__council_id"))
    return get_object_for_user(request.user, queryset, pk, action, "council_ref")


def session_document_for(request: HttpRequest, pk: int, action: str) -> SessionDocument:
    queryset = SessionDocument.objects.annotate(council_ref=F("item__session__council_id"))
    return get_object_for_user(request.user, queryset, pk, action, "council_ref")


def standing_meeting_for(request: HttpRequest, pk: int, action: str) -> StandingMeeting:
    queryset = StandingMeeting.objects.select_related("council__unit")
    return get_object_for_user(request.user, queryset, pk, action)


def standing_participant_for(request: HttpRequest, pk: int, action: str) -> StandingParticipant:
    queryset = StandingParticipant.objects.select_related("meeting", "membership__person").annotate(
        council_ref=F("meeting__council_id")
    )
    return get_object_for_user(request.user, queryset, pk, action, "council_ref")


def standing_material_for(request: HttpRequest, pk: int, action: str) -> StandingMaterial:
    queryset = StandingMaterial.objects.select_related("meeting").annotate(
        council_ref=F("meeting__council_id")
    )
    return get_object_for_user(request.user, queryset, pk, action, "council_ref")


def conclusion_item_for(request: HttpRequest, pk: int, action: str) -> ConclusionItem:
    """A conclusion item (a task once it has a deadline) of a standing-committee meeting."""
    return get_object_for_user(request.user, ConclusionItem.objects.select_related("meeting"), pk, action)
