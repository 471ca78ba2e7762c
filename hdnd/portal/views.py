"""The public front page and the signed-in user's start page."""

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from hdnd.accounts.models import Role, RoleAssignment, User
from hdnd.accounts.scope import MANAGE_PETITIONS, scope_of
from hdnd.core.shortcuts import render
from hdnd.councils.models import AdminUnit, Agency, Council, Level
from hdnd.petitions.models import Forwarding


def home(request: HttpRequest) -> HttpResponse:
    counts = {
        "provinces": AdminUnit.objects.valid_on().filter(level=Level.PROVINCE).count(),
        "communes": AdminUnit.objects.valid_on().filter(level=Level.COMMUNE).count(),
    }
    provinces = Council.objects.filter(level=Level.PROVINCE, dissolved_on__isnull=True).order_by("name")[:70]
    return render(request, "portal/home.html", {"counts": counts, "provinces": provinces})


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """The user's councils, and what waits for them: answers their agencies owe, overdue answers."""
    councils = Council.objects.visible_to(request.user).select_related("unit").tree_order()[:50]
    today = timezone.localdate()
    user = request.user
    assert isinstance(user, User)  # login_required
    agency_ids = RoleAssignment.objects.active().filter(user=user, agency__isnull=False).values("agency_id")
    inboxes = (
        Agency.objects.filter(pk__in=agency_ids)
        .select_related("council")
        .annotate(
            open_count=Count("petition_forwardings", filter=~Q(petition_forwardings__status="answered")),
            overdue_count=Count(
                "petition_forwardings",
                filter=~Q(petition_forwardings__status="answered")
                & Q(petition_forwardings__due_on__lt=today),
            ),
        )
        .order_by("name")
    )
    managed = scope_of(request.user).council_ids_for(MANAGE_PETITIONS)
    overdue = Forwarding.objects.overdue(today)
    if managed is not None:
        overdue = overdue.filter(council_id__in=managed)
    boards = (
        Council.objects.filter(pk__in=overdue.values("council_id"))
        .annotate(overdue_count=Count("petition_forwardings", filter=Q(petition_forwardings__in=overdue)))
        .order_by("name")[:20]
    )
    is_delegate = RoleAssignment.objects.active().filter(user=user, role=Role.DELEGATE).exists()
    context = {"councils": councils, "inboxes": inboxes, "boards": boards, "is_delegate": is_delegate}
    return render(request, "portal/dashboard.html", context)
