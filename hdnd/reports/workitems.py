"""What the reports app puts on a start page (see ``hdnd.core.workitems``): the council's periodic
reports still to send (late first), and for the province the reports sent up and waiting to be read,
accepted or returned.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.urls import reverse

from hdnd.accounts.scope import MANAGE_REPORTS, REVIEW_REPORTS
from hdnd.core.workitems import (
    Row,
    Section,
    Viewer,
    WorkItem,
    first_rows,
    in_councils,
    register,
    single,
)

from .models import CouncilReport, PeriodStatus, ReportStatus


@register
def reports_to_send(viewer: Viewer) -> Iterable[WorkItem]:
    """The council's own periodic reports, drafted or returned, in a period still open."""
    ids = viewer.own_councils(MANAGE_REPORTS)
    if ids == frozenset():
        return []
    unsent = in_councils(CouncilReport.objects.unsent(), ids).filter(period__status=PeriodStatus.OPEN)
    ordered = unsent.select_related("period", "council").order_by("period__due_on", "pk")
    shown = first_rows(ordered, viewer, "period__due_on")
    council = single(ids)
    return [
        WorkItem(
            **shown.counts,
            code="reports.to_send",
            label="Báo cáo định kỳ chưa gửi",
            url=reverse("reports:council_reports", args=[council]) if council else "",
            icon="file-earmark-bar-graph",
            rows=tuple(
                Row(
                    str(r),
                    r.get_absolute_url(),
                    r.council.name,
                    r.period.due_on,
                    r.get_status_display(),
                    r.period.due_on < viewer.today,
                )
                for r in shown.rows
            ),
        )
    ]


@register
def reports_to_read(viewer: Viewer) -> Iterable[WorkItem]:
    """Reports the councils below have sent, waiting for the province to accept or return them."""
    ids = viewer.councils(REVIEW_REPORTS)
    if ids == frozenset():
        return []
    sent = in_councils(CouncilReport.objects.filter(status=ReportStatus.SUBMITTED), ids)
    shown = first_rows(sent.select_related("period", "council").order_by("submitted_at", "pk"))
    rows = shown.rows
    return [
        WorkItem(
            code="reports.to_read",
            label="Báo cáo cấp dưới đã gửi, chờ tiếp nhận",
            count=shown.count,
            url=rows[0].period.get_absolute_url() if rows else "",
            section=Section.DECISIONS,
            icon="inboxes",
            rows=tuple(Row(str(r), r.get_absolute_url(), r.council.name, r.period.due_on) for r in rows),
        )
    ]
