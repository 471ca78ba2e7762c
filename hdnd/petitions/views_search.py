"""The search page for voters' petitions (tìm kiếm ý kiến, kiến nghị): one GET form, 50 results a page.

Read with VIEW, like the other petitions pages: 404 outside the user's scope. A council's page searches
the council and, for roles that see below (``accounts.scope.BELOW``), the councils under it. The
query itself is ``search.search_petitions``.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse

from hdnd.accounts.scope import VIEW, get_object_for_user
from hdnd.core.forms import StyledForm
from hdnd.core.shortcuts import UNPROCESSABLE, render
from hdnd.councils.models import Council

from . import search
from .models import Cycle, Outcome, Petition

TOO_LONG = "Từ cần tìm dài quá: tối đa %(limit_value)d ký tự (bạn đã nhập %(show_value)d)."
TOO_MANY_WORDS = f"Nhập tối đa {search.WORDS_MAX} từ."


class SearchForm(StyledForm):
    """The search box and its filters, read from the query string (all optional)."""

    small = True
    q = forms.CharField(
        label="Từ cần tìm",
        required=False,
        max_length=search.QUERY_MAX,
        error_messages={"max_length": TOO_LONG},
    )
    cycle = forms.TypedChoiceField(label="Đợt tiếp xúc", required=False, coerce=int, empty_value=None)
    year = forms.IntegerField(label="Năm", required=False, min_value=1945, max_value=2100)
    source = forms.ChoiceField(
        label="Nguồn", required=False, choices=[("", "Tất cả"), *Petition.Source.choices]
    )
    state = forms.ChoiceField(
        label="Trạng thái", required=False, choices=[("", "Tất cả"), *search.State.CHOICES]
    )

    def __init__(self, data: Any, *, council: Council) -> None:
        super().__init__(data)
        cycles = Cycle.objects.filter(council=council).order_by("-year", "-created_at", "-pk")
        cast(forms.ChoiceField, self.fields["cycle"]).choices = [("", "Tất cả các đợt")] + [
            (c.pk, str(c)) for c in cycles
        ]
        self.fields["q"].widget.attrs.update(
            {"type": "search", "autofocus": True, "placeholder": "ví dụ: duong lien thon"}
        )

    def clean_q(self) -> str:
        query: str = self.cleaned_data["q"]
        if len(search.words_of(query)) > search.WORDS_MAX:
            raise forms.ValidationError(TOO_MANY_WORDS)
        return query

    def filters(self) -> search.Filters:
        data = self.cleaned_data
        return search.Filters(data["cycle"], data["year"], data["source"], data["state"])


def outcome_label(code: str | None) -> str:
    return str(Outcome(code).label) if code in Outcome.values else ""


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@login_required
def petition_search(request: HttpRequest, pk: int) -> HttpResponse:
    council = get_object_for_user(request.user, Council.objects.all(), pk, VIEW, "pk")
    form = SearchForm(request.GET or None, council=council)
    context: dict[str, Any] = {"council": council, "form": form, "page": None, "query": ""}
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
        query=_query_without_page(request),
        show_council=len(council_ids) > 1,
    )
    return render(request, "petitions/search.html", context)
