"""What the resolutions app puts on a start page (see ``hdnd.core.workitems``): adopted resolutions
waiting to be published (the oldest first, with their publication deadline), the review of commune
resolutions (findings the commune must answer, answers the province must close) and, for a delegate,
the draft resolutions on the agenda of their council's coming session.

The publication deadline comes from the rules table, row by row, for the ``ROWS`` rows shown only: the
oldest adopted resolutions are the first to fall due, so the overdue count of those rows is the count
that matters; the item's count is every resolution waiting.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet
from django.urls import reverse

from hdnd.accounts.scope import MANAGE_RESOLUTIONS, REVIEW_RESOLUTIONS
from hdnd.core.workitems import Row, Section, Viewer, WorkItem, first_rows, in_councils, register, single
from hdnd.councils.models import Person
from hdnd.sittings.models import Session

from .models import Resolution, ResolutionReview, ReviewStatus, Status

COMING = (Session.Status.PLANNED, Session.Status.CONVENED, Session.Status.IN_PROGRESS)


@register
def to_publish(viewer: Viewer) -> Iterable[WorkItem]:
    """Adopted resolutions not yet published, with the last day to publish each."""
    ids = viewer.own_councils(MANAGE_RESOLUTIONS)
    if ids == frozenset():
        return []
    adopted = in_councils(Resolution.objects.filter(status=Status.ADOPTED), ids)
    shown = first_rows(adopted.select_related("council").order_by("adopted_on", "pk"))
    if not shown.count:
        return []
    rows = []
    for resolution in shown.rows:
        due = resolution.publication_deadline()
        late = due is not None and due < viewer.today
        name = (
            f"{resolution.symbol} · {resolution.title[:100]}" if resolution.symbol else resolution.title[:100]
        )
        rows.append(Row(name, resolution.get_absolute_url(), resolution.council.name, due, overdue=late))
    council = single(ids)
    return [
        WorkItem(
            code="resolutions.publish",
            label="Nghị quyết đã thông qua, chờ công bố",
            count=shown.count,
            overdue=sum(r.overdue for r in rows),
            due_this_week=sum(bool(r.due_on and viewer.today <= r.due_on <= viewer.week_end) for r in rows),
            url=reverse("resolutions:resolution_list", args=[council]) if council else rows[0].url,
            icon="journal-check",
            rows=tuple(rows),
        )
    ]


def _session_row(draft: Resolution) -> Row:
    """A delegate reads a draft on its session's page (the draft's own page is for those who manage it)."""
    session = draft.session
    assert session is not None  # the query asks for drafts on a session's agenda
    return Row(draft.title[:140], session.get_absolute_url(), str(session), session.opens_on)


@register
def coming_drafts(viewer: Viewer) -> Iterable[WorkItem]:
    """A delegate's reading before the session: the drafts on the agenda of their councils' next sessions."""
    if not viewer.person_ids:
        return []
    councils = Person.objects.filter(pk__in=viewer.person_ids).values("council_id")
    drafts = Resolution.objects.filter(
        status=Status.DRAFT, session__status__in=COMING, session__council_id__in=councils
    )
    ordered = drafts.select_related("session__council", "session__term").order_by("session__opens_on", "pk")
    shown = first_rows(ordered)
    rows = tuple(_session_row(draft) for draft in shown.rows)
    return [
        WorkItem(
            code="resolutions.drafts",
            label="Dự thảo nghị quyết trình kỳ họp sắp tới",
            count=shown.count,
            url=rows[0].url if rows else "",
            section=Section.MINE,
            icon="file-earmark-richtext",
            rows=rows,
        )
    ]


def _review_item(code: str, label: str, reviews: QuerySet[ResolutionReview]) -> WorkItem:
    shown = first_rows(reviews.select_related("resolution", "council").order_by("findings_on", "pk"))
    rows = shown.rows
    return WorkItem(
        code=code,
        label=label,
        count=shown.count,
        url=rows[0].get_absolute_url() if rows else "",
        section=Section.DECISIONS,
        icon="journal-check",
        rows=tuple(
            Row(str(r), r.get_absolute_url(), r.council.name, r.findings_on, r.get_status_display())
            for r in rows
        ),
    )


@register
def reviews(viewer: Viewer) -> Iterable[WorkItem]:
    """Reviews of commune resolutions: findings the commune must answer, answers the province must close."""
    own = viewer.own_councils(MANAGE_RESOLUTIONS)
    below = viewer.councils(REVIEW_RESOLUTIONS)
    items = []
    if own != frozenset():
        findings = in_councils(ResolutionReview.objects.filter(status=ReviewStatus.FINDINGS), own)
        items.append(
            _review_item(
                "resolutions.findings", "Ý kiến xem xét nghị quyết của cấp trên, chờ xử lý", findings
            )
        )
    if below != frozenset():
        answered = in_councils(ResolutionReview.objects.filter(status=ReviewStatus.RESPONDED), below)
        items.append(
            _review_item(
                "resolutions.responded",
                "Nghị quyết cấp dưới đã xử lý theo ý kiến xem xét, chờ kết luận",
                answered,
            )
        )
    return items
