"""Pages for councils, their terms, bodies, people and agencies (scoped to the user)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from hdnd.accounts.scope import VIEW, get_object_for_user

from .models import Council


@login_required
def council_detail(request: HttpRequest, pk: int) -> HttpResponse:
    council = get_object_for_user(request.user, Council.objects.select_related("unit"), pk, VIEW, "pk")
    return render(request, "councils/council_detail.html", {"council": council})
