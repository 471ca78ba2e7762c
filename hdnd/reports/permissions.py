"""The reports app's loaders, used by its pages and its API alike: 404 outside the user's scope, 403
inside it without the right (``hdnd.accounts.scope.get_object_for_user``).

A report is seen in the scope of its council: its own staff write it (MANAGE_REPORTS), the province's
staff and standing members review it (REVIEW_REPORTS, held over the councils below). A reporting period
is seen in the scope of the council that set it.
"""

from __future__ import annotations

from django.db.models import F
from django.http import HttpRequest

from hdnd.accounts.scope import get_object_for_user
from hdnd.councils.models import Council

from .models import CouncilReport, Proposal, ReportingPeriod


def council_for(request: HttpRequest, pk: int, action: str) -> Council:
    return get_object_for_user(request.user, Council.objects.select_related("unit"), pk, action, "pk")


def period_for(request: HttpRequest, pk: int, action: str) -> ReportingPeriod:
    return get_object_for_user(
        request.user, ReportingPeriod.objects.select_related("council__unit"), pk, action
    )


def report_for(request: HttpRequest, pk: int, action: str) -> CouncilReport:
    queryset = CouncilReport.objects.select_related("council__unit", "period__council", "submitted_by")
    return get_object_for_user(request.user, queryset, pk, action)


def proposal_for(request: HttpRequest, pk: int, action: str) -> Proposal:
    queryset = Proposal.objects.select_related("report__council", "report__period").annotate(
        scope_council=F("report__council_id")
    )
    return get_object_for_user(request.user, queryset, pk, action, "scope_council")
