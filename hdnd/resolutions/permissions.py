"""The loaders the resolutions pages and API share: each answers 404 outside the user's councils and 403
inside them without the right (``get_object_for_user``).

A draft is for those who manage the council's resolutions, and for the council's delegates once it is
on the agenda of a convened or open session (what a delegate receives before a session); 403 for anyone
else who may see the council. A review's scope is the commune whose resolution it is
(``ResolutionReview.council``).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from hdnd.accounts.scope import MANAGE_RESOLUTIONS, READ_SESSION_DRAFTS, can, get_object_for_user
from hdnd.councils.models import Council
from hdnd.sittings.models import Session

from .models import Resolution, ResolutionReview, ResolutionTask, Status


def council_for(request: HttpRequest, pk: int, action: str) -> Council:
    return get_object_for_user(request.user, Council.objects.all(), pk, action, "pk")


# Sessions whose documents the delegates have received (convened) or that are sitting.
SENT_TO_DELEGATES = (Session.Status.CONVENED, Session.Status.IN_PROGRESS)


def before_delegates(resolution: Resolution) -> bool:
    """The draft is on the agenda of a convened or open session: its delegates have received it."""
    item = resolution.agenda_item
    return item is not None and item.session.status in SENT_TO_DELEGATES


def may_read_draft(user: object, resolution: Resolution) -> bool:
    if can(user, resolution.council_id, MANAGE_RESOLUTIONS):
        return True
    return can(user, resolution.council_id, READ_SESSION_DRAFTS) and before_delegates(resolution)


def resolution_for(request: HttpRequest, pk: int, action: str) -> Resolution:
    """A resolution in the user's scope; a draft for its managers, and for the council's delegates once it
    is before a convened or open session."""
    queryset = Resolution.objects.select_related("council", "session__term", "agenda_item__session")
    resolution = get_object_for_user(request.user, queryset, pk, action)
    if resolution.status == Status.DRAFT and not may_read_draft(request.user, resolution):
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
