"""Public pages for administrative units and the lookup across the 2025 reform."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from .models import AdminUnit


def unit_list(request: HttpRequest) -> HttpResponse:
    units = AdminUnit.objects.valid_on().search(request.GET.get("q", "")).select_related("parent")
    page = Paginator(units, 50).get_page(request.GET.get("page"))
    return render(request, "councils/unit_list.html", {"page": page})


def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_object_or_404(AdminUnit.objects.select_related("parent"), pk=pk)
    return render(request, "councils/unit_detail.html", {"unit": unit})
