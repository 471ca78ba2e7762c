"""The search page for voters' petitions (tìm kiếm ý kiến, kiến nghị): one GET form, 50 results a page.

Read with VIEW, like the other petitions pages: 404 outside the user's scope. A council's page searches
the council and, for roles that see below (``accounts.scope.BELOW``), the councils under it. The
query itself is ``search.search_petitions``.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse

from hdnd.accounts.scope import VIEW
from hdnd.core.shortcuts import UNPROCESSABLE, render
from hdnd.petitions import search
from hdnd.petitions.forms import SearchForm
from hdnd.petitions.models import Outcome
from hdnd.petitions.permissions import council_for


def outcome_label(code: str | None) -> str:
    return str(Outcome(code).label) if code in Outcome.values else ""


@login_required
def petition_search(request: HttpRequest, pk: int) -> HttpResponse:
    council = council_for(request, pk, VIEW)
    form = SearchForm(request.GET or None, council=council)
    context: dict[str, Any] = {"council": council, "form": form, "page": None}
    if not form.is_bound:
        return render(request, "petitions/search.html", context)
    if not form.is_valid():
        return render(request, "petitions/search.html", context, status=UNPROCESSABLE)
    query, filters = form.cleaned_data["q"], form.filters()
    if not (search.words_of(query) or filters):
        return render(request, "petitions/search.html", context)
    council_ids = search.searchable_council_ids(request.user, council)
    results = search.search_petitions(council_ids, query, filters)
    page = search.CappedPaginator(results, search.PER_PAGE).get_page(request.GET.get("page"))
    words = search.words_of(query)
    hits = [(p, search.highlight(p.text, words), outcome_label(p.latest_outcome)) for p in page]
    context.update(
        page=page,
        hits=hits,
        words=words,
        show_council=len(council_ids) > 1,
    )
    return render(request, "petitions/search.html", context)
