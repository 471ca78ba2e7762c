"""What the oversight app puts on a start page (see ``hdnd.core.workitems``): the recommendations of
supervisions and the commitments of questioning whose deadline has passed or falls this week, for the
council's office; for an agency's responder, those addressed to their agency, which they report on.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet

from hdnd.accounts.scope import MANAGE_OVERSIGHT
from hdnd.core.workitems import Row, Viewer, WorkItem, first_rows, in_councils, register

from .models import Commitment, Recommendation


def _item(code: str, label: str, items: QuerySet[Any], viewer: Viewer) -> WorkItem:
    due = items.filter(due_on__lte=viewer.week_end)
    shown = first_rows(due.select_related("agency").order_by("due_on", "pk"), viewer)
    rows = shown.rows
    return WorkItem(
        **shown.counts,
        code=code,
        label=label,
        url=rows[0].get_absolute_url() if rows else "",
        icon="binoculars",
        rows=tuple(
            Row(
                str(r),
                r.get_absolute_url(),
                r.agency.name,
                r.due_on,
                r.get_status_display(),
                r.due_on < viewer.today,
            )
            for r in rows
        ),
    )


@register
def follow_ups(viewer: Viewer) -> Iterable[WorkItem]:
    """Open recommendations (counted ones, not their sub-items) and commitments, overdue or due soon."""
    ids = viewer.own_councils(MANAGE_OVERSIGHT)
    if ids == frozenset():
        return []
    recommendations = in_councils(Recommendation.objects.top_level().open(), ids)
    commitments = in_councils(Commitment.objects.open(), ids)
    return [
        _item(
            "oversight.recommendations",
            "Kiến nghị giám sát chưa thực hiện (quá hạn, đến hạn)",
            recommendations,
            viewer,
        ),
        _item(
            "oversight.commitments",
            "Cam kết sau chất vấn, giải trình (quá hạn, đến hạn)",
            commitments,
            viewer,
        ),
    ]


@register
def addressed_to_agency(viewer: Viewer) -> Iterable[WorkItem]:
    """An agency responder's open recommendations and commitments addressed to their agencies, overdue or
    due this week: the responder reports progress on them (``permissions.may_report``)."""
    if not viewer.agency_ids:
        return []
    recommendations = Recommendation.objects.top_level().open().filter(agency_id__in=viewer.agency_ids)
    commitments = Commitment.objects.open().filter(agency_id__in=viewer.agency_ids)
    return [
        _item(
            "oversight.agency_recommendations",
            "Kiến nghị giám sát gửi cơ quan, cần báo cáo kết quả (quá hạn, đến hạn)",
            recommendations,
            viewer,
        ),
        _item(
            "oversight.agency_commitments",
            "Cam kết của cơ quan sau chất vấn, giải trình (quá hạn, đến hạn)",
            commitments,
            viewer,
        ),
    ]
