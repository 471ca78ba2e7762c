"""The loaders the resolutions pages and API share: each answers 404 outside the user's councils and 403
inside them without the right (``get_object_for_user``).

A draft is only for those who manage the council's resolutions (403 for anyone else who may see the
council). A review's scope is the commune whose resolution it is (``ResolutionReview.council``).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from hdnd.accounts.scope import MANAGE_RESOLUTIONS, can, get_object_for_user
from hdnd.councils.models import Council

from .models import Resolution, ResolutionReview, ResolutionTask, Status


def council_for(request: HttpRequest, pk: int, action: str) -> Council:
    return get_object_for_user(request.user, Council.objects.all(), pk, action, "pk")


def resolution_for(request: HttpRequest, pk: int, action: str) -> Resolution:
    """A resolution in the user's scope; a draft only for those who manage the council's resolutions."""
    queryset = Resolution.objects.select_related("council", "session__term")
    resolution = get_object_for_user(request.user, queryset, pk, action)
    if resolution.status == Status.DRAFT and not can(request.user, resolution.council_id, MANAGE_RESOLUTIONS):
        raise PermissionDenied
    return resolution


def resolution_task_for(request: HttpRequest, pk: int, action: str) -> ResolutionTask:
    queryset = ResolutionTask.objects.select_related("resolution", "agency")
    return get_object_for_user(request.user, queryset, pk, action)


def resolution_review_for(request: HttpRequest, pk: int, action: str) -> ResolutionReview:
    queryset = ResolutionReview.objects.select_related(
        "resolution", "council", "reviewing_council", "reviewer"
    )
    return get_object_for_user(request.user, queryset, pk, action)
