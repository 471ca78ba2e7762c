"""``{% reads_letters council as name %}``: whether the signed-in user may open the council's letters
(``permissions.readable_letters``: its office, or a delegate for the receptions they held), for the
reception menu to offer "Sổ đơn thư" only where it opens (the view checks again)."""

from __future__ import annotations

from typing import Any

from django import template

from hdnd.accounts.scope import MANAGE_RECEPTION, can
from hdnd.reception.permissions import held_by

register = template.Library()


@register.simple_tag(takes_context=True)
def reads_letters(context: template.Context, council: Any) -> bool:
    request = context.get("request")
    if request is None or council is None:
        return False
    return can(request.user, council, MANAGE_RECEPTION) or bool(held_by(request.user, council.pk))
