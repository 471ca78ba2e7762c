"""Pages for units (public) and councils (scoped)."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from hdnd.accounts.scope import VIEW, get_object_for_user

from .models import AdminUnit, Council


def unit_list(request: HttpRequest) -> HttpResponse:
    units = AdminUnit.objects.valid_on().search(request.GET.get("q", "")).select_related("parent")
    page = Paginator(units, 50).get_page(request.GET.get("page"))
    return render(request, "councils/unit_list.html", {"page": page})


def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_object_or_404(AdminUnit.objects.select_related("parent"), pk=pk)
    return render(request, "councils/unit_detail.html", {"unit": unit})


@login_required
def council_detail(request: HttpRequest, pk: int) -> HttpResponse:
    council = get_object_for_user(request.user, Council.objects.select_related("unit"), pk, VIEW, "pk")
    return render(request, "councils/council_detail.html", {"council": council})
