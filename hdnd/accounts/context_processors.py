from typing import Any

from django.http import HttpRequest

from .scope import MANAGE_USERS, scope_of


def scope(request: HttpRequest) -> dict[str, Any]:
    """Expose the signed-in user's scope to templates (for menus; views still check)."""
    if not hasattr(request, "user"):
        return {"user_scope": None, "can_manage_users": False}
    user_scope = scope_of(request.user)
    return {
        "user_scope": user_scope,
        "can_manage_users": user_scope.council_ids_for(MANAGE_USERS) != frozenset(),
    }
