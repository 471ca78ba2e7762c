"""What the petitions app puts on a start page (see ``hdnd.core.workitems``): an agency's inbox, answers
overdue or due this week, answers to publish, issues to confirm, the coming voter-contact meetings with
what they lack, and a delegate's own petitions. Each item is one query (``first_rows``), or, over a
DISTINCT queryset, one count and one list of ``ROWS``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.urls import reverse

from hdnd.accounts.scope import MANAGE_PETITIONS
from hdnd.core.workitems import (
    ROWS,
    Row,
    Section,
    Viewer,
    WorkItem,
    first_rows,
    in_councils,
    register,
    single,
)

from .models import Forwarding, Petition, PetitionIssue, VoterMeeting
from .publication import publishable


def _forwardings(code: str, forwardings: QuerySet[Forwarding], viewer: Viewer, **fields: Any) -> WorkItem:
    """An item of forwardings, counted by their due dates, the nearest first (one query)."""
    ordered = forwardings.select_related("issue", "agency", "council").order_by("due_on", "pk")
    shown = first_rows(ordered, viewer)
    rows = tuple(
        Row(
            text=f.issue.title,
            url=f.issue.get_absolute_url(),
            council=f.agency.name,
            due_on=f.due_on,
            note=f.get_status_display(),
            overdue=f.due_on < viewer.today,
        )
        for f in shown.rows
    )
    return WorkItem(**shown.counts, code=code, rows=rows, **fields)


@register
def agency_inbox(viewer: Viewer) -> Iterable[WorkItem]:
    """An agency responder's inbox: issues forwarded to their agencies and not answered yet."""
    if not viewer.agency_ids:
        return []
    open_ = Forwarding.objects.open().filter(agency_id__in=viewer.agency_ids)
    first = min(viewer.agency_ids)
    item = _forwardings(
        "petitions.inbox",
        open_,
        viewer,
        label="Kiến nghị chuyển đến cơ quan, chờ trả lời",
        url=reverse("petitions:agency_inbox", args=[first]),
        icon="inbox",
        keep=True,
    )
    return [item]


@register
def answers_due(viewer: Viewer) -> Iterable[WorkItem]:
    """Office staff: forwardings whose answer is overdue or due this week, to remind the agencies."""
    ids = viewer.own_councils(MANAGE_PETITIONS)
    if ids == frozenset():
        return []
    due = in_councils(Forwarding.objects.open(), ids).filter(due_on__lte=viewer.week_end)
    council = single(ids)
    item = _forwardings(
        "petitions.answers_due",
        due,
        viewer,
        label="Kiến nghị cơ quan chưa trả lời (quá hạn, đến hạn)",
        url=reverse("petitions:overdue_board", args=[council]) if council else "",
        icon="hourglass-split",
    )
    return [item]


@register
def to_publish_or_confirm(viewer: Viewer) -> Iterable[WorkItem]:
    """Office staff: answered issues to publish to voters, and synthesised issues still to confirm."""
    ids = viewer.own_councils(MANAGE_PETITIONS)
    if ids == frozenset():
        return []
    issues = in_councils(PetitionIssue.objects.all(), ids)
    ready = publishable(issues)
    drafts = issues.filter(status=PetitionIssue.Status.DRAFT)
    items = []
    for code, label, queryset, icon in (
        ("petitions.publish", "Kiến nghị đã có trả lời, chờ công khai", ready, "megaphone"),
        ("petitions.confirm", "Kiến nghị tổng hợp chờ xác nhận", drafts, "ui-checks"),
    ):
        shown = first_rows(queryset.select_related("council", "cycle").order_by("pk"))
        if not shown.count:
            continue
        rows = shown.rows
        items.append(
            WorkItem(
                code=code,
                label=label,
                count=shown.count,
                url=rows[0].cycle.get_absolute_url(),
                section=Section.DECISIONS,
                icon=icon,
                rows=tuple(Row(i.title, i.get_absolute_url(), i.cycle.name) for i in rows),
            )
        )
    return items


def _meeting_missing(meeting: VoterMeeting, today_or_later: bool) -> str:
    """What a meeting still lacks: delegates before it, minutes and petitions after it."""
    gaps = []
    if not meeting.delegate_count:  # type: ignore[attr-defined]
        gaps.append("chưa có đại biểu dự")
    if not today_or_later and not meeting.minutes:
        gaps.append("chưa có biên bản")
    if not today_or_later and not meeting.petition_count:  # type: ignore[attr-defined]
        gaps.append("chưa nhập ý kiến cử tri")
    return "Còn thiếu: " + ", ".join(gaps) if gaps else "Đủ"


@register
def coming_meetings(viewer: Viewer) -> Iterable[WorkItem]:
    """The voter-contact meetings of the coming weeks (and of the last two), with what they still lack."""
    ids = viewer.own_councils(MANAGE_PETITIONS)
    mine = Q(delegates__in=viewer.person_ids) if viewer.person_ids else Q(pk__in=[])
    if ids == frozenset() and not viewer.person_ids:
        return []
    since = viewer.today - dt.timedelta(days=14)
    meetings = VoterMeeting.objects.filter(date__gte=since, date__lte=viewer.today + dt.timedelta(days=28))
    if ids is not None:
        meetings = meetings.filter(mine | Q(council_id__in=ids))
    meetings = meetings.distinct()
    count = meetings.count()
    if not count:
        return []
    rows = (
        meetings.select_related("council", "cycle")
        .annotate(
            delegate_count=Count("delegates", distinct=True), petition_count=Count("petitions", distinct=True)
        )
        .order_by("date", "pk")[:ROWS]
    )
    return [
        WorkItem(
            code="petitions.meetings",
            label="Buổi tiếp xúc cử tri gần đây và sắp tới",
            count=count,
            url=rows[0].cycle.get_absolute_url(),
            section=Section.COMING,
            icon="people",
            rows=tuple(
                Row(
                    str(m),
                    m.get_absolute_url(),
                    m.cycle.name,
                    m.date,
                    _meeting_missing(m, m.date >= viewer.today),
                )
                for m in rows
            ),
        )
    ]


@register
def my_petitions(viewer: Viewer) -> Iterable[WorkItem]:
    """A delegate's petitions: those they carried or heard at a meeting, the latest first."""
    if not viewer.person_ids:
        return []
    ids = viewer.person_ids
    petitions = Petition.objects.filter(Q(delegate_id__in=ids) | Q(meeting__delegates__in=ids)).distinct()
    count = petitions.count()
    rows = petitions.select_related("issue", "council").order_by("-pk")[:ROWS]
    return [
        WorkItem(
            code="petitions.mine",
            label="Kiến nghị cử tri tôi tiếp nhận",
            count=count,
            url=reverse("petitions:followup_mine"),
            section=Section.MINE,
            icon="chat-left-text",
            rows=tuple(
                Row(
                    p.text[:120],
                    reverse("petitions:followup_mine"),
                    p.council.name,
                    note=p.issue.title[:80] if p.issue else p.get_status_display(),
                )
                for p in rows
            ),
        )
    ]
