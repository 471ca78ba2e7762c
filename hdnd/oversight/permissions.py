"""The loaders the oversight pages and the API share: one per model, each scoped to the user.

Every loader answers ``Http404`` outside the user's councils and ``PermissionDenied`` inside them
without the right (``accounts.scope.get_object_for_user``). Reading needs VIEW_WORK (every role of the
council but an agency's responder, the supervising roles also below); every change needs MANAGE_OVERSIGHT
(the council's administrators and office staff, who record what bodies, delegates and agencies decide
and report). An agency's own responder (REPORT_FOLLOW_UP) reads, and reports progress and attaches
evidence on, the recommendations and commitments addressed to that agency (``readable_for``,
``addressed_rows``, ``reportable_for``), and gets 404 on another agency's; the council's other oversight
work (programmes, supervisions, questioning, rates) answers them 403.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from hdnd.accounts.scope import (
    MANAGE_OVERSIGHT,
    REPORT_FOLLOW_UP,
    VIEW,
    VIEW_WORK,
    can,
    get_object_for_user,
    scope_of,
)
from hdnd.councils.models import Council
from hdnd.petitions.permissions import agencies_of, responds_for

from . import chain
from .models import (
    Commitment,
    Evidence,
    ExplanationSession,
    QuestioningTopic,
    QuestionSlip,
    Recommendation,
    SupervisedAgency,
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


def evidence_to_read(request: HttpRequest, pk: int) -> Evidence:
    """Evidence to download: any of the council's for who reads its work; for an agency's responder,
    evidence on an item addressed to their agency (another is 404)."""
    queryset = Evidence.objects.select_related("recommendation", "commitment")
    evidence = get_object_for_user(request.user, queryset, pk, VIEW)
    if reads(request.user, evidence.recommendation or evidence.commitment):
        return evidence
    raise Http404


def self_report_for(request: HttpRequest, pk: int, action: str) -> SupervisedAgency:
    """A supervised body's self-report; 404 when none was uploaded (the record alone has no file)."""
    target = get_object_for_user(request.user, SupervisedAgency.objects.all(), pk, action)
    if not target.report_file:
        raise Http404
    return target


def chain_start_for(request: HttpRequest, kind: str, pk: int) -> Any:
    """The item a follow-up chain is read from (``chain.load``): 404 for an unknown kind, a missing item or
    one outside the user's councils, 403 without VIEW_WORK (the chain crosses the council's work)."""
    start = chain.load(kind, pk)
    council_id = getattr(start, "council_id", None)
    scope = scope_of(request.user)
    if council_id is None or not scope.sees(council_id):
        raise Http404
    if not scope.can(council_id, VIEW_WORK):
        raise PermissionDenied
    return start


def council_ids_for(request: HttpRequest, action: str) -> frozenset[int] | None:
    """The councils where the user may do ``action`` (``None``: all); with none the user is refused."""
    allowed = scope_of(request.user).council_ids_for(action)
    if allowed is not None and not allowed:
        raise PermissionDenied
    return allowed


def may_report(user: Any, item: Recommendation | Commitment) -> bool:
    """The council's office, or a responder of the agency the item is addressed to."""
    if can(user, item.council_id, MANAGE_OVERSIGHT):
        return True
    return can(user, item.council_id, REPORT_FOLLOW_UP) and responds_for(user, item.agency_id)


def reportable_for[T: (Recommendation, Commitment)](
    request: HttpRequest, loader: Callable[[HttpRequest, int, str], T], pk: int
) -> T:
    """An item whose progress the user may report: the office's, or the addressed agency's responder's;
    another agency's responder gets 404 (they are not told it exists), anyone else in the council 403."""
    item = loader(request, pk, VIEW)
    if may_report(request.user, item):
        return item
    if can(request.user, item.council_id, REPORT_FOLLOW_UP):
        raise Http404
    raise PermissionDenied


def readable_for[T: (Recommendation, Commitment)](
    request: HttpRequest, loader: Callable[[HttpRequest, int, str], T], pk: int
) -> T:
    """An item to read: any of the council's for who reads its work (VIEW_WORK); for an agency's
    responder, one addressed to their agency: another agency's is 404, as if outside their scope."""
    item = loader(request, pk, VIEW)
    if reads(request.user, item):
        return item
    raise Http404


def reads(user: Any, item: Recommendation | Commitment | None) -> bool:
    """Whether ``user`` reads ``item`` (and its evidence): with VIEW_WORK in its council, or as the
    responder of the agency it is addressed to."""
    return item is not None and (can(user, item.council_id, VIEW_WORK) or may_report(user, item))


def addressed_rows[R: QuerySet[Any, Any]](request: HttpRequest, council: Council, rows: R) -> R:
    """The council's recommendations or commitments the user reads: all with VIEW_WORK; for an agency's
    responder, those addressed to their agency; anyone else in the council is refused (403)."""
    if can(request.user, council, VIEW_WORK):
        return rows
    if can(request.user, council, REPORT_FOLLOW_UP):
        return rows.filter(agency_id__in=agencies_of(request.user))
    raise PermissionDenied


def rights(request: HttpRequest, council: Council, item: Any = None) -> dict[str, bool]:
    """What a page may offer: buttons only where the action would be allowed."""
    manage = can(request.user, council, MANAGE_OVERSIGHT)
    report = manage or (item is not None and may_report(request.user, item))
    return {"can_manage": manage, "can_report": report, "reads_work": can(request.user, council, VIEW_WORK)}
