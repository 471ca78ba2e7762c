"""The public front page and the signed-in user's start page."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse

from hdnd.core.shortcuts import render
from hdnd.councils.models import AdminUnit, Council, Level


def home(request: HttpRequest) -> HttpResponse:
    counts = {
        "provinces": AdminUnit.objects.valid_on().filter(level=Level.PROVINCE).count(),
        "communes": AdminUnit.objects.valid_on().filter(level=Level.COMMUNE).count(),
    }
    return render(request, "portal/home.html", {"counts": counts})


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    councils = Council.objects.visible_to(request.user).select_related("unit").tree_order()[:50]
    return render(request, "portal/dashboard.html", {"councils": councils})
