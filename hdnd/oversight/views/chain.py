"""The thread page: the whole chain an item belongs to, whichever item one starts from."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse

from hdnd.accounts.scope import VIEW, scope_of
from hdnd.core.shortcuts import render
from hdnd.oversight import chain


@login_required
def chain_view(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """404 for an unknown kind, a missing item or one outside the user's councils (like every loader)."""
    start = chain.load(kind, pk)
    council_id = getattr(start, "council_id", None)
    scope = scope_of(request.user)
    if council_id is None or not scope.sees(council_id):
        raise Http404
    if not scope.can(council_id, VIEW):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    found = chain.build_chain(start, scope.council_ids())
    context = {"council": start.council, "start": start, "chain": found, "timeline": found.timeline()}
    return render(request, "oversight/chain.html", context)
