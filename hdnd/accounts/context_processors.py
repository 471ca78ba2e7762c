from typing import Any

from django.http import HttpRequest

from .scope import scope_of


def scope(request: HttpRequest) -> dict[str, Any]:
    """Expose the signed-in user's scope to templates (for menus; views still check)."""
    return {"user_scope": scope_of(request.user) if hasattr(request, "user") else None}
