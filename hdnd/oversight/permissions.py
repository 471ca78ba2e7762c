"""The loaders the oversight pages and the API share: one per model, each scoped to the user.

Every loader answers ``Http404`` outside the user's councils and ``PermissionDenied`` inside them
without the right (``accounts.scope.get_object_for_user``). Reading needs VIEW (every role of the council,
the supervising roles also below); every change needs MANAGE_OVERSIGHT (the council's administrators
and office staff, who record what bodies, delegates and agencies decide and report).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from hdnd.accounts.scope import MANAGE_OVERSIGHT, can, get_object_for_user, scope_of
from hdnd.councils.models import Council

from .models import (
    Commitment,
    Evidence,
    ExplanationSession,
    QuestioningTopic,
    QuestionSlip,
    Recommendation,
    Supervision,
    SupervisionProgramme,
)


def council_for(request: HttpRequest, pk: int, action: str) -> Council:
    return get_object_for_user(
        request.user, Council.objects.select_related("unit", "parent"), pk, action, "pk"
    )


def programme_for(request: HttpRequest, pk: int, action: str) -> SupervisionProgramme:
    queryset = SupervisionProgramme.objects.select_related("council__unit", "body", "resolution")
    return get_object_for_user(request.user, queryset, pk, action)


def supervision_for(request: HttpRequest, pk: int, action: str) -> Supervision:
    queryset = Supervision.objects.select_related(
        "council__unit", "council__parent", "body", "person", "programme", "rechecks", "resolution"
    )
    return get_object_for_user(request.user, queryset, pk, action)


def recommendation_for(request: HttpRequest, pk: int, action: str) -> Recommendation:
    queryset = Recommendation.objects.select_related(
        "council__unit",
        "agency__superior",
        "supervision",
        "finding",
        "resolution",
        "standing_meeting",
        "parent",
    )
    return get_object_for_user(request.user, queryset, pk, action)


def commitment_for(request: HttpRequest, pk: int, action: str) -> Commitment:
    queryset = Commitment.objects.select_related("council__unit", "agency", "topic", "explanation", "slip")
    return get_object_for_user(request.user, queryset, pk, action)


def slip_for(request: HttpRequest, pk: int, action: str) -> QuestionSlip:
    queryset = QuestionSlip.objects.select_related("council__unit", "delegate", "agency", "session", "topic")
    return get_object_for_user(request.user, queryset, pk, action)


def topic_for(request: HttpRequest, pk: int, action: str) -> QuestioningTopic:
    queryset = QuestioningTopic.objects.select_related(
        "council__unit", "session__term", "session__council", "standing_meeting__council", "resolution"
    )
    return get_object_for_user(request.user, queryset, pk, action)


def explanation_for(request: HttpRequest, pk: int, action: str) -> ExplanationSession:
    queryset = ExplanationSession.objects.select_related(
        "council__unit", "agency", "standing_meeting__council"
    )
    return get_object_for_user(request.user, queryset, pk, action)


def evidence_for(request: HttpRequest, pk: int, action: str) -> Evidence:
    return get_object_for_user(request.user, Evidence.objects.all(), pk, action)


def council_ids_for(request: HttpRequest, action: str) -> frozenset[int] | None:
    """The councils where the user may do ``action`` (``None``: all); with none the user is refused."""
    allowed = scope_of(request.user).council_ids_for(action)
    if allowed is not None and not allowed:
        raise PermissionDenied
    return allowed


def rights(request: HttpRequest, council: Council) -> dict[str, bool]:
    """What a page may offer: buttons only where the action would be allowed."""
    return {"can_manage": can(request.user, council, MANAGE_OVERSIGHT)}
