"""What the sittings app puts on a start page (see ``hdnd.core.workitems``): the coming sessions with
what they still lack, the tasks of the Thường trực's conclusion notices overdue or due this week, the
standing meetings held without their notice, and for a delegate the sessions of their council.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count, Q
from django.urls import reverse

from hdnd.accounts.scope import MANAGE_SESSIONS
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
from hdnd.councils.models import Person

from .models import ConclusionItem, Session, StandingMeeting

OPEN_SESSION = (Session.Status.PLANNED, Session.Status.CONVENED, Session.Status.IN_PROGRESS)


def session_missing(session: Session) -> str:
    """What a coming session still lacks, in the order the work is done."""
    gaps = []
    if not session.agenda_count:  # type: ignore[attr-defined]
        gaps.append("chưa có chương trình")
    if session.status == Session.Status.PLANNED:
        gaps.append("chưa triệu tập")
    if session.notice_number is None:
        gaps.append("chưa ra thông báo")
    if session.documents_sent_on is None:
        gaps.append("chưa gửi tài liệu")
    return "Còn thiếu: " + ", ".join(gaps) if gaps else session.get_status_display()


@register
def coming_sessions(viewer: Viewer) -> Iterable[WorkItem]:
    """Sessions not closed yet: staff see what each lacks; a delegate sees those of their councils."""
    ids = viewer.own_councils(MANAGE_SESSIONS)
    mine = Person.objects.filter(pk__in=viewer.person_ids).values("council_id")
    if ids == frozenset() and not viewer.person_ids:
        return []
    sessions = Session.objects.filter(status__in=OPEN_SESSION)
    if ids is not None:
        sessions = sessions.filter(Q(council_id__in=ids) | Q(council_id__in=mine))
    shown = first_rows(
        sessions.select_related("council", "term")
        .annotate(agenda_count=Count("agenda_items"))
        .order_by("opens_on", "pk")
    )
    if not shown.count:
        return []
    rows = shown.rows
    return [
        WorkItem(
            code="sittings.sessions",
            label="Kỳ họp sắp tới",
            count=shown.count,
            url=rows[0].get_absolute_url(),
            section=Section.COMING,
            icon="bank",
            order=-1,
            rows=tuple(
                Row(
                    str(s),
                    s.get_absolute_url(),
                    s.place,
                    s.opens_on,
                    session_missing(s) if ids is None or s.council_id in ids else s.get_status_display(),
                )
                for s in rows
            ),
        )
    ]


@register
def standing_tasks(viewer: Viewer) -> Iterable[WorkItem]:
    """Tasks of the Thường trực's conclusion notices, overdue or due this week."""
    ids = viewer.own_councils(MANAGE_SESSIONS)
    if ids == frozenset():
        return []
    tasks = in_councils(ConclusionItem.objects.tasks().open(), ids)
    tasks = tasks.filter(meeting__status=StandingMeeting.Status.CONCLUDED, due_on__lte=viewer.week_end)
    ordered = tasks.select_related("meeting", "owner_agency", "owner_person").order_by("due_on", "pk")
    shown = first_rows(ordered, viewer)
    council = single(ids)
    return [
        WorkItem(
            **shown.counts,
            code="sittings.standing_tasks",
            label="Nhiệm vụ theo kết luận của Thường trực (quá hạn, đến hạn)",
            url=reverse("sittings:standing_tasks", args=[council]) if council else "",
            icon="clipboard-check",
            rows=tuple(
                Row(
                    t.content[:140],
                    t.meeting.get_absolute_url(),
                    t.owner,
                    t.due_on,
                    overdue=t.due_on is not None and t.due_on < viewer.today,
                )
                for t in shown.rows
            ),
        )
    ]


@register
def notices_to_issue(viewer: Viewer) -> Iterable[WorkItem]:
    """Standing meetings held whose conclusion notice is not issued yet."""
    ids = viewer.own_councils(MANAGE_SESSIONS)
    if ids == frozenset():
        return []
    held = in_councils(StandingMeeting.objects.filter(status=StandingMeeting.Status.HELD), ids)
    shown = first_rows(held.select_related("council").order_by("meets_on", "pk"))
    rows = shown.rows
    return [
        WorkItem(
            code="sittings.notices",
            label="Phiên họp Thường trực chờ ban hành thông báo kết luận",
            count=shown.count,
            url=rows[0].get_absolute_url() if rows else "",
            section=Section.DECISIONS,
            icon="file-earmark-text",
            rows=tuple(Row(str(m), m.get_absolute_url(), m.council.name, m.meets_on) for m in rows),
        )
    ]
