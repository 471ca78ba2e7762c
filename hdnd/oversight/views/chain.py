"""The thread page: the whole chain an item belongs to, whichever item one starts from."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse

from hdnd.accounts.scope import scope_of
from hdnd.core.shortcuts import render
from hdnd.oversight import chain
from hdnd.oversight.permissions import chain_start_for


@login_required
def chain_view(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    start = chain_start_for(request, kind, pk)
    found = chain.build_chain(start, scope_of(request.user).council_ids())
    context = {"council": start.council, "start": start, "chain": found, "timeline": found.timeline()}
    return render(request, "oversight/chain.html", context)
