"""Who sees what: the scope of a user's roles, as data a reviewer reads in one place.

A user sees the councils where they hold a role, plus the councils below those where the role
supervises. Outside that, objects answer 404. Inside it, each role may do the actions listed for it:
``OWN`` in its own council, ``BELOW`` in the councils it supervises; anything else answers 403.
Which roles an administrator may hand out is a table too: ``GRANTABLE_OWN`` and ``GRANTABLE_BELOW``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404

from .models import Role

if TYPE_CHECKING:
    from hdnd.councils.models import Council

# Actions, named once. Apps add theirs here so the whole matrix stays in one table.
VIEW = "view"  # see the council, its bodies, agencies and public-facing records
VIEW_PEOPLE = "view_people"  # see people's contact details and memberships
MANAGE_COUNCIL = "manage_council"  # edit council details, terms, bodies, agencies
MANAGE_PEOPLE = "manage_people"  # add and edit people and memberships, import delegates
MANAGE_USERS = "manage_users"  # grant and end roles in the council
MANAGE_RULES = "manage_rules"  # set the council's own values for rules
VIEW_AUDIT = "view_audit"  # read the audit log of the council
MANAGE_PETITIONS = "manage_petitions"  # record voter meetings, enter and synthesise voters' petitions
ANSWER_PETITIONS = "answer_petitions"  # acknowledge and answer petitions forwarded to one's own agency
# Read the council's voters' petitions: cycles, meetings, synthesis, search, reports. Agency responders
# lack it: they read only what was forwarded to their own agency (DESIGN §2).
VIEW_PETITIONS = "view_petitions"
# Read the council's own working records: reporting periods and reports, briefings, work programmes and
# tasks, supervisions, questioning and explanations with their recommendations and commitments, reception
# statistics. Agency responders lack it: they read only the recommendations and commitments addressed to
# their own agency (DESIGN §2: agencies see their own items and deadlines).
VIEW_WORK = "view_work"
MANAGE_SESSIONS = "manage_sessions"  # plan and record sessions and standing-committee meetings
MANAGE_RESOLUTIONS = "manage_resolutions"  # draft, number, adopt and publish the council's resolutions
REVIEW_RESOLUTIONS = "review_resolutions"  # review the resolutions of the councils below (giám sát)
MANAGE_REPORTS = "manage_reports"  # write and submit the council's periodic report; set reporting periods
REVIEW_REPORTS = "review_reports"  # read, return and accept the reports of the councils below
MANAGE_PLANNING = (
    "manage_planning"  # work programmes, targets and tasks; progress on tasks given to the council
)
MANAGE_BRIEFINGS = "manage_briefings"  # hold briefings (giao ban) with the councils below; their conclusions
MANAGE_OVERSIGHT = "manage_oversight"  # supervision programmes, supervisions, recommendations, questioning
MANAGE_RECEPTION = "manage_reception"  # reception schedules and register, letters (without identities)
REPORT_FOLLOW_UP = "report_follow_up"  # report progress on recommendations and commitments to one's agency
# What a delegate receives before a session: the draft resolutions on the agenda of a convened or open one.
READ_SESSION_DRAFTS = "read_session_drafts"

_STAFF = frozenset({VIEW, VIEW_PEOPLE, VIEW_PETITIONS, VIEW_WORK, MANAGE_COUNCIL, MANAGE_PEOPLE})

# The office's daily work, which its administrators and staff both do.
_OFFICE_WORK = frozenset(
    {
        MANAGE_PETITIONS,
        MANAGE_SESSIONS,
        MANAGE_RESOLUTIONS,
        MANAGE_REPORTS,
        MANAGE_PLANNING,
        MANAGE_BRIEFINGS,
        MANAGE_OVERSIGHT,
        MANAGE_RECEPTION,
    }
)

OWN: dict[str, frozenset[str]] = {
    Role.COUNCIL_ADMIN: _STAFF | _OFFICE_WORK | {MANAGE_USERS, MANAGE_RULES, VIEW_AUDIT},
    Role.OFFICE_STAFF: _STAFF | _OFFICE_WORK,
    Role.STANDING_MEMBER: frozenset({VIEW, VIEW_PEOPLE, VIEW_PETITIONS, VIEW_WORK, READ_SESSION_DRAFTS}),
    Role.COMMITTEE_MEMBER: frozenset({VIEW, VIEW_PEOPLE, VIEW_PETITIONS, VIEW_WORK, READ_SESSION_DRAFTS}),
    Role.DELEGATE: frozenset({VIEW, VIEW_PETITIONS, VIEW_WORK, READ_SESSION_DRAFTS}),
    Role.AGENCY_RESPONDER: frozenset({VIEW, ANSWER_PETITIONS, REPORT_FOLLOW_UP}),
    Role.AUDITOR: frozenset({VIEW, VIEW_PEOPLE, VIEW_PETITIONS, VIEW_WORK, VIEW_AUDIT}),
}

# What a role may do in the councils below its own. A role absent here does not supervise.
BELOW: dict[str, frozenset[str]] = {
    # A provincial administrator opens the accounts of the communes below (a province-run platform).
    Role.COUNCIL_ADMIN: frozenset({VIEW, VIEW_PEOPLE, VIEW_PETITIONS, VIEW_WORK, VIEW_AUDIT, MANAGE_USERS}),
    # Provincial staff and delegates review commune resolutions (Luật Giám sát 2025).
    Role.OFFICE_STAFF: frozenset(
        {VIEW, VIEW_PEOPLE, VIEW_PETITIONS, VIEW_WORK, REVIEW_RESOLUTIONS, REVIEW_REPORTS}
    ),
    Role.STANDING_MEMBER: frozenset(
        {VIEW, VIEW_PEOPLE, VIEW_PETITIONS, VIEW_WORK, REVIEW_RESOLUTIONS, REVIEW_REPORTS}
    ),
    Role.COMMITTEE_MEMBER: frozenset({VIEW, VIEW_PETITIONS, VIEW_WORK, REVIEW_RESOLUTIONS}),
    Role.AUDITOR: frozenset({VIEW, VIEW_PEOPLE, VIEW_PETITIONS, VIEW_WORK, VIEW_AUDIT}),
}


# The roles an administrator may grant, in the council where they hold their role (``GRANTABLE_OWN``)
# and in the councils below it (``GRANTABLE_BELOW``); system administrators grant every role. On top of
# the tables, ``actions.grant_role`` refuses a role granted to oneself, in any council: otherwise a
# provincial administrator, who only reads below, could make themselves a commune's office staff.
_COUNCIL_ROLES = frozenset(role for role in Role if role != Role.SYSTEM_ADMIN)
GRANTABLE_OWN: dict[str, frozenset[str]] = {Role.COUNCIL_ADMIN: _COUNCIL_ROLES}
# A province-run platform: the provincial office opens the communes' accounts, their administrators
# included, for other people.
GRANTABLE_BELOW: dict[str, frozenset[str]] = {Role.COUNCIL_ADMIN: _COUNCIL_ROLES}


def _descendants(council_ids: Iterable[int]) -> set[int]:
    """Councils below the given ones (three levels at most: province → district → commune)."""
    from hdnd.councils.models import Council

    ids = set(council_ids)
    if not ids:
        return set()
    return set(
        Council.objects.filter(Q(parent_id__in=ids) | Q(parent__parent_id__in=ids)).values_list(
            "id", flat=True
        )
    )


class Scope:
    """A user's councils, computed once per request and cached on the user object."""

    def __init__(self, user: Any) -> None:
        self.is_system_admin = False
        self.own: dict[int, set[str]] = {}
        self.below: dict[int, set[str]] = {}
        self.grantable: dict[int, set[str]] = {}
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return
        assignments = list(user.role_assignments.active().values_list("role", "council_id"))
        self.is_system_admin = any(role == Role.SYSTEM_ADMIN for role, _ in assignments)
        supervising: dict[str, set[int]] = {}
        for role, council_id in assignments:
            if council_id is None:
                continue
            self.own.setdefault(council_id, set()).update(OWN.get(role, ()))
            self.grantable.setdefault(council_id, set()).update(GRANTABLE_OWN.get(role, ()))
            if role in BELOW:
                supervising.setdefault(role, set()).add(council_id)
        for role, ids in supervising.items():
            for child_id in _descendants(ids):
                self.below.setdefault(child_id, set()).update(BELOW[role])
                self.grantable.setdefault(child_id, set()).update(GRANTABLE_BELOW.get(role, ()))

    def council_ids(self) -> frozenset[int] | None:
        """Every visible council id, or None for 'all' (system administrators)."""
        if self.is_system_admin:
            return None
        return frozenset(self.own) | frozenset(self.below)

    def can(self, council_id: int, action: str) -> bool:
        if self.is_system_admin:
            return True
        return action in self.own.get(council_id, ()) or action in self.below.get(council_id, ())

    def council_ids_for(self, action: str) -> frozenset[int] | None:
        """Councils where the user may do ``action``, or None for 'all' (system administrators)."""
        if self.is_system_admin:
            return None
        places = (*self.own.items(), *self.below.items())
        return frozenset(council_id for council_id, actions in places if action in actions)

    def sees(self, council_id: int) -> bool:
        return self.is_system_admin or council_id in self.own or council_id in self.below

    def grantable_roles(self, council_id: int | None) -> frozenset[str]:
        """The roles the user may grant in the council (to other people: see ``GRANTABLE_OWN``)."""
        if self.is_system_admin:
            return frozenset(Role)
        return frozenset(self.grantable.get(council_id, ())) if council_id is not None else frozenset()


def scope_of(user: Any) -> Scope:
    cached = getattr(user, "_hdnd_scope", None)
    if cached is None:
        cached = Scope(user)
        if getattr(user, "is_authenticated", False):
            user._hdnd_scope = cached
    return cached


def visible_council_ids(user: Any) -> frozenset[int] | None:
    return scope_of(user).council_ids()


def is_system_admin(user: Any) -> bool:
    return scope_of(user).is_system_admin


def grantable_roles(user: Any, council: Council | int | None) -> frozenset[str]:
    council_id = council.pk if council is not None and not isinstance(council, int) else council
    return scope_of(user).grantable_roles(council_id)


def can(user: Any, council: Council | int, action: str) -> bool:
    council_id = council if isinstance(council, int) else council.pk
    return scope_of(user).can(council_id, action)


def get_object_for_user[M: Model](
    user: Any, queryset: QuerySet[M], pk: Any, action: str = VIEW, council_field: str = "council_id"
) -> M:
    """Fetch one object the user may act on: 404 outside their scope, 403 inside it without the right.

    ``council_field`` names the attribute holding the council id (``"pk"`` for councils themselves).
    """
    try:
        obj = queryset.get(pk=pk)
    except (ObjectDoesNotExist, ValueError, TypeError):
        raise Http404 from None
    council_id = obj.pk if council_field == "pk" else getattr(obj, council_field)
    scope = scope_of(user)
    if not scope.sees(council_id):
        raise Http404
    if not scope.can(council_id, action):
        raise PermissionDenied
    return obj


def require_system_admin(user: Any) -> None:
    """National data (units, calendar, rules) is edited by system administrators only."""
    if not getattr(user, "is_authenticated", False):
        raise Http404
    if not is_system_admin(user):
        raise PermissionDenied
