"""Who may load what in petitions: the loaders the pages and the API share.

Each loader answers the object, or raises what ``accounts.scope.get_object_for_user`` raises: ``Http404``
outside the user's councils (a page shows its 404, the API answers 404 "Không tìm thấy…") and
``PermissionDenied`` inside them without the right (403 on both). ``action`` is a right of
``accounts.scope`` (VIEW, MANAGE_PETITIONS …). ``queryset`` lets an API endpoint prefetch what its answer
shows; scope is checked the same way whatever it selects.

Acting on a forwarding needs MANAGE_PETITIONS (office staff, on the agency's behalf) or ANSWER_PETITIONS
*and* a responder's seat in that very agency: a responder of another agency gets 404. Rating an answer
needs a delegate's seat in the council.

Reading (``VIEW``) the council's petitions needs ``VIEW_PETITIONS``, which every council role holds but
the agency responder: a responder reads only the issues, forwardings and answers of their own agency
(404 for another agency's) and gets 403 on cycles, meetings, synthesis, search and reports (DESIGN §2).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import F, QuerySet
from django.http import Http404, HttpRequest

from hdnd.accounts.models import Role, RoleAssignment
from hdnd.accounts.scope import (
    ANSWER_PETITIONS,
    MANAGE_PETITIONS,
    VIEW,
    VIEW_PETITIONS,
    can,
    get_object_for_user,
    require_system_admin,
    scope_of,
)
from hdnd.councils.models import Agency, Council

from .models import Answer, Cycle, Field, Forwarding, Petition, PetitionIssue, SynthesisRun, VoterMeeting

# Councils, cycles, meetings, petitions, issues ---------------------------------------------------


def reading(action: str) -> str:
    """Reading petitions is ``VIEW_PETITIONS``: seeing the council (``VIEW``) is not enough."""
    return VIEW_PETITIONS if action == VIEW else action


def council_for(request: HttpRequest, pk: int, action: str) -> Council:
    queryset = Council.objects.select_related("unit")
    return get_object_for_user(request.user, queryset, pk, reading(action), "pk")


def cycle_for(request: HttpRequest, pk: int, action: str) -> Cycle:
    queryset = Cycle.objects.select_related("council__unit")
    return get_object_for_user(request.user, queryset, pk, reading(action))


def meeting_for(
    request: HttpRequest, pk: int, action: str, queryset: QuerySet[VoterMeeting] | None = None
) -> VoterMeeting:
    if queryset is None:
        queryset = VoterMeeting.objects.all()
    queryset = queryset.select_related("council", "cycle", "place")
    return get_object_for_user(request.user, queryset, pk, reading(action))


def petition_for(request: HttpRequest, pk: int, action: str) -> Petition:
    queryset = Petition.objects.select_related("council", "cycle")
    return get_object_for_user(request.user, queryset, pk, reading(action))


def issue_for(request: HttpRequest, pk: int, action: str) -> PetitionIssue:
    """An issue; an agency's responder reads only one forwarded to their agency (404 for the rest)."""
    queryset = PetitionIssue.objects.select_related("council", "cycle", "field", "agency")
    issue = get_object_for_user(request.user, queryset, pk, action)
    reads_all = action != VIEW or can(request.user, issue.council_id, VIEW_PETITIONS)
    if not reads_all and not issue.forwardings.filter(agency_id__in=agencies_of(request.user)).exists():
        raise Http404
    return issue


def run_for(request: HttpRequest, pk: int, action: str) -> SynthesisRun:
    """A background synthesis run, read by whoever reads its cycle."""
    queryset = SynthesisRun.objects.select_related("cycle")
    return get_object_for_user(request.user, queryset, pk, reading(action))


def field_for(request: HttpRequest, pk: int) -> Field:
    """A field to edit: a national one by system administrators, a council's own by its staff."""
    item = Field.objects.select_related("council").filter(pk=pk).first()
    if item is not None and item.council_id is None:
        require_system_admin(request.user)
        return item
    return get_object_for_user(request.user, Field.objects.select_related("council"), pk, MANAGE_PETITIONS)


# Forwardings, answers and ratings ----------------------------------------------------------------


def forwarding_for(
    request: HttpRequest, pk: int, action: str, queryset: QuerySet[Forwarding] | None = None
) -> Forwarding:
    if queryset is None:
        queryset = Forwarding.objects.select_related("council__unit", "agency", "issue__cycle")
    found = get_object_for_user(request.user, queryset, pk, action)
    _own_agency_only(request.user, found.council_id, found.agency_id, action)
    return found


def agencies_of(user: Any) -> QuerySet[RoleAssignment, Any]:
    """The agencies ``user`` answers for (as a subquery of agency ids; oversight reads it too)."""
    own = RoleAssignment.objects.active().filter(user=user, role=Role.AGENCY_RESPONDER)
    return own.values("agency_id")


def _own_agency_only(user: Any, council_id: int, agency_id: int, action: str) -> None:
    """A responder (who does not read the council's petitions) reads their own agency's work only."""
    if action == VIEW and not can(user, council_id, VIEW_PETITIONS) and not responds_for(user, agency_id):
        raise Http404


def responds_for(user: Any, agency_id: int) -> bool:
    """True when ``user`` is an active responder of the agency (RoleAssignment.agency)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return (
        RoleAssignment.objects.active()
        .filter(user=user, role=Role.AGENCY_RESPONDER, agency_id=agency_id)
        .exists()
    )


def forwardings_seen_by(
    user: Any, council_id: int, forwardings: QuerySet[Forwarding]
) -> QuerySet[Forwarding]:
    """What a user may read of an issue's forwardings: all of them, but an agency's responder (who answers
    and does not manage) reads only their own agency's, never another agency's answer."""
    scope = scope_of(user)
    if scope.can(council_id, MANAGE_PETITIONS) or not scope.can(council_id, ANSWER_PETITIONS):
        return forwardings
    own = RoleAssignment.objects.active().filter(user=user, role=Role.AGENCY_RESPONDER, council_id=council_id)
    return forwardings.filter(agency_id__in=own.values("agency_id"))


def may_answer(user: Any, forwarding: Forwarding) -> bool:
    """The agency's own responder, or the council's office staff recording the answer on its behalf."""
    scope = scope_of(user)
    if scope.can(forwarding.council_id, MANAGE_PETITIONS):
        return True
    return scope.can(forwarding.council_id, ANSWER_PETITIONS) and responds_for(user, forwarding.agency_id)


def is_delegate_of(user: Any, council_id: int) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return (
        RoleAssignment.objects.active().filter(user=user, role=Role.DELEGATE, council_id=council_id).exists()
    )


def check_answering(user: Any, council_id: int, agency_id: int) -> None:
    """Staff of the council, or the agency's own responder; 404 for another agency's responder, else 403."""
    if can(user, council_id, MANAGE_PETITIONS) or responds_for(user, agency_id):
        return
    if can(user, council_id, ANSWER_PETITIONS):
        raise Http404
    raise PermissionDenied


def answering_forwarding_for(
    request: HttpRequest, pk: int, queryset: QuerySet[Forwarding] | None = None
) -> Forwarding:
    """A forwarding the user may acknowledge or answer."""
    found = forwarding_for(request, pk, VIEW, queryset)
    check_answering(request.user, found.council_id, found.agency_id)
    return found


def answering_agency_for(request: HttpRequest, pk: int) -> Agency:
    """An agency whose forwardings the user may read: its council's staff or its own responder."""
    agency = get_object_for_user(request.user, Agency.objects.select_related("council"), pk, VIEW)
    check_answering(request.user, agency.council_id, agency.pk)
    return agency


def answer_to_rate(request: HttpRequest, pk: int) -> Answer:
    """An answer a delegate of its council may rate: 404 outside scope, 403 for anyone not a delegate."""
    answer = Answer.objects.select_related("forwarding__issue").filter(pk=pk).first()
    if answer is None:
        raise Http404
    found = forwarding_for(request, answer.forwarding_id, VIEW, Forwarding.objects.select_related("issue"))
    if not is_delegate_of(request.user, found.council_id):
        raise PermissionDenied
    return answer


def answer_for(request: HttpRequest, pk: int, action: str) -> Answer:
    """An answer (its document), to whoever may read its forwarding's council."""
    queryset = Answer.objects.annotate(
        council_ref=F("forwarding__council_id"), agency_ref=F("forwarding__agency_id")
    )
    found = get_object_for_user(request.user, queryset, pk, action, council_field="council_ref")
    _own_agency_only(request.user, found.council_ref, found.agency_ref, action)  # type: ignore[attr-defined]
    return found


# The public pages: no login, anything that exists -------------------------------------------------


def public_council_for(pk: int) -> Council:
    council = Council.objects.select_related("unit").filter(pk=pk).first()
    if council is None:
        raise Http404
    return council


def public_cycle_for(pk: int) -> Cycle:
    cycle = Cycle.objects.select_related("council").filter(pk=pk).first()
    if cycle is None:
        raise Http404
    return cycle
