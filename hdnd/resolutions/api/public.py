"""The public register over the JSON API: no login, published and later statuses only (a draft or an
adopted, not yet published resolution is 404), as the public pages."""

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router
from ninja.pagination import paginate

from hdnd.core.paging import CappedPageNumberPagination
from hdnd.councils.models import Council
from hdnd.resolutions.api.resolutions import (
    PAGE,
    ResolutionDetailOut,
    ResolutionOut,
    ResolutionRegisterQuery,
    register_filters,
)
from hdnd.resolutions.models import Resolution
from hdnd.resolutions.register import filtered, with_below

router = Router(tags=["Nghị quyết"])


@router.get("/public/councils/{council_id}/resolutions", response=list[ResolutionOut], auth=None)
@paginate(CappedPageNumberPagination, **PAGE)
def public_resolution_list(
    request: HttpRequest, council_id: int, query: Query[ResolutionRegisterQuery], below: bool = False
) -> QuerySet[Resolution]:
    """The public register: published and later; ``below`` adds the communes."""
    council = get_object_or_404(Council, pk=council_id)
    ids = with_below(council) if below else [council.pk]
    return filtered(ids, register_filters(query), public=True)


@router.get("/public/resolutions/{resolution_id}", response=ResolutionDetailOut, auth=None)
def public_resolution_detail(request: HttpRequest, resolution_id: int) -> Resolution:
    return get_object_or_404(Resolution.objects.public().select_related("council"), pk=resolution_id)
