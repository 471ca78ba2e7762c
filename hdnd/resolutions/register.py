"""The register's query: search, filters and the fields lists, shared by the pages, the API and the bench."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any, cast

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from ninja.pagination import PageNumberPagination

from hdnd.councils.models import Council

from .models import Resolution, ResolutionQuerySet


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


# A register counts its matches up to here and says "more than" beyond: an exact count of a whole
# province's 100,000 resolutions costs more than the page itself, and nobody reads 50 pages.
COUNT_CAP = 1_000
FIELDS_TTL = 600  # seconds: the fields list changes when a resolution with a new field is entered


def capped_count(queryset: QuerySet[Any]) -> int:
    """The number of rows, or ``COUNT_CAP + 1`` when there are more than ``COUNT_CAP``."""
    return queryset.order_by()[: COUNT_CAP + 1].count()


class CappedPaginator(Paginator):
    """A paginator whose count stops at ``COUNT_CAP + 1`` (``more`` tells the page to say so)."""

    @cached_property
    def _found(self) -> int:
        return capped_count(cast(QuerySet[Any], self.object_list))

    @cached_property
    def count(self) -> int:
        return min(self._found, COUNT_CAP)

    @cached_property
    def more(self) -> bool:
        return self._found > COUNT_CAP


class CappedPageNumberPagination(PageNumberPagination):
    """The API's page-number pagination with the same capped ``count``."""

    def _items_count(self, queryset: QuerySet[Any]) -> int:
        return min(capped_count(queryset), COUNT_CAP)


def fields_of(council_ids: Iterable[int]) -> list[str]:
    """The fields used in the councils' resolutions, for the filter's list (cached for a few minutes)."""
    ids = sorted(council_ids)

    def load() -> list[str]:
        values = Resolution.objects.filter(council_id__in=ids).exclude(field="").order_by("field")
        return list(values.values_list("field", flat=True).distinct()[:200])

    return cache.get_or_set(f"resolutions.fields.{hash(tuple(ids))}", load, FIELDS_TTL) or []
