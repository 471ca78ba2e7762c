"""The register's query: search, filters and the fields lists, shared by the pages, the API and the bench.

Pages count their matches with ``hdnd.core.paging`` (up to ``COUNT_CAP``, then "more than"): an exact
count of a whole province's 100,000 resolutions costs more than the page itself."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.core.paginator import Page
from django.db.models import Q, QuerySet
from django.http import HttpRequest

from hdnd.core.paging import CappedPaginator
from hdnd.councils.models import Council
from hdnd.resolutions.forms import RegisterFilter
from hdnd.resolutions.models import Resolution, ResolutionQuerySet

# The register's GIN index (migration 0002), taking each new resolution at once (``hdnd.core.gin``).
GIN_INDEXES = ("resolution_search_trgm_idx",)

PER_PAGE = 20


@dataclass(frozen=True)
class Filters:
    q: str = ""
    year: int | None = None
    field: str = ""
    kind: str = ""
    status: str = ""


def with_below(council: Council) -> list[int]:
    """The council and those below it (a province and its communes)."""
    return list(
        Council.objects.filter(Q(pk=council.pk) | Q(parent=council) | Q(parent__parent=council)).values_list(
            "pk", flat=True
        )
    )


def filtered(council_ids: Iterable[int], filters: Filters, *, public: bool) -> ResolutionQuerySet:
    """Resolutions of the councils matching ``filters``, newest first; ``public``: published+."""
    ids = list(council_ids)
    queryset = (
        Resolution.objects.filter(council_id=ids[0])
        if len(ids) == 1
        else Resolution.objects.filter(council_id__in=ids)
    )
    if public:
        queryset = queryset.public()
    if filters.q:
        queryset = queryset.search(filters.q)
    if filters.year:
        queryset = queryset.filter(year=filters.year)
    if filters.field:
        queryset = queryset.filter(field=filters.field)
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    return queryset.select_related("council").order_by("-issued_on", "-pk")


FIELDS_TTL = 600  # seconds: the fields list changes when a resolution with a new field is entered


def fields_of(council_ids: Iterable[int]) -> list[str]:
    """The fields used in the councils' resolutions, for the filter's list (cached for a few minutes)."""
    ids = sorted(council_ids)

    def load() -> list[str]:
        values = Resolution.objects.filter(council_id__in=ids).exclude(field="").order_by("field")
        return list(values.values_list("field", flat=True).distinct()[:200])

    return cache.get_or_set(f"resolutions.fields.{hash(tuple(ids))}", load, FIELDS_TTL) or []


def read_filters(request: HttpRequest, public: bool) -> tuple[RegisterFilter, Filters]:
    """The register's filter form from the query string, and the filters it gives (none when invalid)."""
    form = RegisterFilter(request.GET or None, public=public)
    if not form.is_valid():
        return form, Filters()
    data = form.cleaned_data
    return form, Filters(data["q"], data["year"], data["field"], data["kind"], data["status"])


def page_of(request: HttpRequest, queryset: QuerySet[Any]) -> Page[Any]:
    """The requested page (``?page=``), counted up to ``COUNT_CAP``."""
    return CappedPaginator(queryset, PER_PAGE).get_page(request.GET.get("page"))
