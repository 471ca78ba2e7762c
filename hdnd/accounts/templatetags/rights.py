"""``{% may council "action" as name %}``: whether the signed-in user may do an action in a council, for
menus and tabs to offer only what opens (``accounts.scope``; the views check again)."""

from __future__ import annotations

from typing import Any

from django import template

from hdnd.accounts.scope import scope_of

register = template.Library()


@register.simple_tag(takes_context=True)
def may(context: template.Context, council: Any, action: str) -> bool:
    request = context.get("request")
    if request is None or council is None:
        return False
    return scope_of(request.user).can(council.pk, action)
