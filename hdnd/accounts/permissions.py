"""Who may manage which accounts, on top of the council scope in ``scope``.

Roles are granted and ended per council: MANAGE_USERS in that council is enough. Changing the account
itself (a temporary password, lifting a lockout, turning off the second factor) acts on every council
where the user works, so the administrator must manage all of them; only system administrators may
touch the account of another system administrator.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from hdnd.councils.models import Council

from .models import ApiToken, Role, RoleAssignment, User
from .scope import MANAGE_USERS, get_object_for_user, scope_of


class SignedInRequest(HttpRequest):
    """The request of a view behind ``login_required``: its user is a real account (for type checking)."""

    user: User


def get_council_for_admin(user: Any, council_id: int) -> Council:
    """The council whose users are managed: 404 outside the user's scope, 403 without MANAGE_USERS."""
    return get_object_for_user(user, Council.objects.select_related("unit"), council_id, MANAGE_USERS, "pk")


def get_member(council: Council, user_id: int) -> User:
    """A user who holds (or held) a role in the council; anyone else answers 404 from this council's pages."""
    user = User.objects.filter(pk=user_id, role_assignments__council=council).first()
    if user is None:
        raise Http404
    return user


def get_assignment(actor: Any, council: Council, pk: int) -> RoleAssignment:
    """A role held in the council; system administrators also reach system-administrator roles from here."""
    assignments = RoleAssignment.objects.select_related("user", "council")
    found = assignments.filter(pk=pk, council=council).first()
    if found is None and scope_of(actor).is_system_admin:
        found = assignments.filter(pk=pk, role=Role.SYSTEM_ADMIN).first()
    if found is None:
        raise Http404
    return found


def may_manage_account(actor: Any, user: User) -> bool:
    scope = scope_of(actor)
    if scope.is_system_admin:
        return True
    roles = list(user.role_assignments.active().values_list("role", "council_id"))
    if any(role == Role.SYSTEM_ADMIN for role, _ in roles):
        return False
    return all(scope.can(council_id, MANAGE_USERS) for _, council_id in roles)


def get_own_token(user: User, pk: int) -> ApiToken:
    """One of the user's own API tokens; anyone else's answers 404 (its existence is not revealed)."""
    token = ApiToken.objects.filter(pk=pk, user=user).first()
    if token is None:
        raise Http404
    return token


def require_account_in_hand(actor: Any, user: User) -> None:
    if not may_manage_account(actor, user):
        raise PermissionDenied
