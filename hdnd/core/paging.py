"""Pagination shared by every list: counts capped for large registers, one pager template.

A register counts its matches up to ``COUNT_CAP`` and says "more than" beyond: an exact count of a whole
province's 100,000 rows costs more than the page itself, and nobody reads 50 pages. Templates draw the
pager with ``{% include "core/_pager.html" with page=page %}`` (``param`` names the page parameter,
``target`` makes the links swap that element with htmx).
"""

from functools import cached_property
from typing import Any, cast

from django.core.paginator import Paginator
from django.db.models import QuerySet
from ninja import Field, Schema
from ninja.pagination import PageNumberPagination as NinjaPageNumberPagination

from .limits import MAX_INTEGER

COUNT_CAP = 1_000


def capped_count(queryset: QuerySet[Any]) -> int:
    """The number of rows, or ``COUNT_CAP + 1`` when there are more than ``COUNT_CAP``."""
    return queryset.order_by()[: COUNT_CAP + 1].count()


class CappedPaginator(Paginator):
    """A paginator whose count stops at ``COUNT_CAP`` (``more`` tells the page to say so)."""

    @cached_property
    def found(self) -> int:
        """Rows counted, up to ``COUNT_CAP + 1``; a subclass may count another way."""
        return capped_count(cast(QuerySet[Any], self.object_list))

    @cached_property
    def count(self) -> int:
        return min(self.found, COUNT_CAP)

    @property
    def more(self) -> bool:
        return self.found > COUNT_CAP


class PageNumberPagination(NinjaPageNumberPagination):
    """The API's page-number pagination with the page held to the database's integer range (``?page=2**62``
    would otherwise reach the database as an offset and fail there)."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_INTEGER)
        page_size: int | None = Field(None, ge=1, le=MAX_INTEGER)


class CappedPageNumberPagination(PageNumberPagination):
    """The API's page-number pagination with the same capped ``count``."""

    def _items_count(self, queryset: QuerySet[Any]) -> int:
        return min(capped_count(queryset), COUNT_CAP)
