"""The briefings app's loaders, used by its pages and its API alike: 404 outside the user's scope, 403
inside it without the right. A briefing and everything on it belong to the host council: VIEW_WORK to read
(the councils below see their province's briefings through their supervisors' scope, and their own
tasks on their own task pages), MANAGE_BRIEFINGS to change.
"""

from __future__ import annotations

from typing import Any, cast

from django.db.models import F, Model, QuerySet
from django.http import HttpRequest

from hdnd.accounts.scope import get_object_for_user
from hdnd.councils.models import Council

from .models import Briefing, BriefingPoint, ConclusionItem, Contribution, Participant


def council_for(request: HttpRequest, pk: int, action: str) -> Council:
    return get_object_for_user(request.user, Council.objects.select_related("unit"), pk, action, "pk")


def briefing_for(request: HttpRequest, pk: int, action: str) -> Briefing:
    queryset = Briefing.objects.select_related("council", "council__unit", "chair")
    return get_object_for_user(request.user, queryset, pk, action)


def _part[M: Model](request: HttpRequest, queryset: QuerySet[M], pk: Any, action: str) -> M:
    """A row of a briefing, scoped by the briefing's host council."""
    annotated = cast(
        QuerySet[M],
        queryset.select_related("briefing", "briefing__council").annotate(host_id=F("briefing__council_id")),
    )
    return get_object_for_user(request.user, annotated, pk, action, "host_id")


def point_for(request: HttpRequest, pk: int, action: str) -> BriefingPoint:
    return _part(request, BriefingPoint.objects.all(), pk, action)


def participant_for(request: HttpRequest, pk: int, action: str) -> Participant:
    return _part(request, Participant.objects.select_related("council"), pk, action)


def contribution_for(request: HttpRequest, pk: int, action: str) -> Contribution:
    return _part(request, Contribution.objects.all(), pk, action)


def conclusion_for(request: HttpRequest, pk: int, action: str) -> ConclusionItem:
    return _part(request, ConclusionItem.objects.all(), pk, action)


def proposal_for(briefing: Briefing, pk: Any) -> Any:
    """A proposal of a council below the host (reports' ``Proposal``); 404 otherwise."""
    from django.http import Http404

    from hdnd.reports.models import Proposal

    found = (
        Proposal.objects.filter(pk=pk, council__parent_id=briefing.council_id)
        .select_related("council")
        .first()
        if str(pk).isdigit()
        else None
    )
    if found is None:
        raise Http404
    return found
