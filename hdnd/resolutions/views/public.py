"""The public register of resolutions: no login, only published and later statuses, never drafts.

A resolution's public URL (``/cong-khai/nghi-quyet/<id>/``) never changes; ``…/so/<symbol>`` finds one
by its council and number and sends the reader there.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect

from hdnd.core.publiccache import app_scope, council_of, council_scopes, public_page
from hdnd.core.shortcuts import render
from hdnd.councils.models import Council
from hdnd.resolutions.models import Resolution
from hdnd.resolutions.register import fields_of, filtered, page_of, read_filters, with_below


def _register(request: HttpRequest, council: Council, whole_province: bool) -> HttpResponse:
    ids = with_below(council) if whole_province else [council.pk]
    form, filters = read_filters(request, public=True)
    context = {
        "council": council,
        "whole_province": whole_province,
        "form": form,
        "page": page_of(request, filtered(ids, filters, public=True)),
        "fields": fields_of(ids),
        "has_below": council.children.exists(),
    }
    return render(request, "resolutions/public_register.html", context)


@public_page(council_scopes)
def public_register(request: HttpRequest, pk: int) -> HttpResponse:
    return _register(request, get_object_or_404(Council, pk=pk), whole_province=False)


@public_page(council_scopes)  # a commune's entries bump the province above it too
def public_province(request: HttpRequest, pk: int) -> HttpResponse:
    """A province's register: its own resolutions and those of the communes below it."""
    return _register(request, get_object_or_404(Council, pk=pk), whole_province=True)


def detail_scopes(pk: int) -> list[str]:
    """Its council's entries, and any resolution's (a later one amending or repealing it links here)."""
    return [*council_scopes(council_of(Resolution, pk) or 0), app_scope("resolutions")]


@public_page(detail_scopes)
def public_detail(request: HttpRequest, pk: int) -> HttpResponse:
    queryset = Resolution.objects.public().select_related("council", "session__term")
    resolution = get_object_or_404(queryset, pk=pk)
    context = {
        "resolution": resolution,
        "links_out": resolution.links_out.filter(target__in=Resolution.objects.public()).select_related(
            "target"
        ),
        "links_in": resolution.links_in.filter(source__in=Resolution.objects.public()).select_related(
            "source"
        ),
        "attachments": resolution.attachments.all(),
    }
    return render(request, "resolutions/public_detail.html", context)


def public_by_symbol(request: HttpRequest, pk: int, symbol: str) -> HttpResponse:
    """``/cong-khai/hdnd/<council>/nghi-quyet/so/12/NQ-HĐND`` → the resolution's permanent page."""
    found = Resolution.objects.public().filter(council_id=pk, symbol__iexact=symbol.strip()).first()
    if found is None:
        raise Http404
    return redirect(found.get_public_url())
