"""What the reception app puts on a start page (see ``hdnd.core.workitems``): letters to classify or
handle and letters forwarded whose answer is overdue or due this week (by subject and code, never the
sender), the coming reception days, and for a delegate the receptions they host and still have to report.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from hdnd.accounts.scope import MANAGE_RECEPTION
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

from .models import Host, Letter, ReceptionSlot

TO_HANDLE = (Letter.Status.NEW, Letter.Status.AWAITING, Letter.Status.ELIGIBLE)


def _letters(
    code: str, label: str, letters: QuerySet[Letter], field: str, viewer: Viewer, url: str
) -> WorkItem:
    due = letters.filter(**{f"{field}__lte": viewer.week_end})
    shown = first_rows(due.select_related("agency").order_by(field, "pk"), viewer, field)
    rows = shown.rows
    return WorkItem(
        **shown.counts,
        code=code,
        label=label,
        url=url,
        icon="envelope-paper",
        rows=tuple(
            Row(
                f"{letter} · {letter.subject}",
                letter.get_absolute_url(),
                letter.agency.name if letter.agency else letter.get_status_display(),
                getattr(letter, field),
                overdue=getattr(letter, field) < viewer.today,
            )
            for letter in rows
        ),
    )


@register
def letters(viewer: Viewer) -> Iterable[WorkItem]:
    """Letters to classify or handle by their deadline, and forwarded letters whose answer is due."""
    ids = viewer.own_councils(MANAGE_RECEPTION)
    if ids == frozenset():
        return []
    council = single(ids)
    url = reverse("reception:letter_list", args=[council]) if council else ""
    mine = in_councils(Letter.objects.all(), ids)
    return [
        _letters(
            "reception.handle",
            "Đơn thư cần phân loại, xử lý (quá hạn, đến hạn)",
            mine.filter(status__in=TO_HANDLE),
            "classify_due",
            viewer,
            url,
        ),
        _letters(
            "reception.answers",
            "Đơn thư đã chuyển, cơ quan chưa trả lời (quá hạn, đến hạn)",
            mine.waiting_answer(),
            "response_due",
            viewer,
            url,
        ),
    ]


def _slot_row(slot: ReceptionSlot) -> Row:
    note = slot.get_status_display()
    if slot.status == ReceptionSlot.Status.HELD and slot.needs_report and slot.reported_on is None:
        note = "Chưa báo cáo kết quả tiếp"
    return Row(str(slot), slot.get_absolute_url(), slot.council.name, slot.day, note)


@register
def reception_days(viewer: Viewer) -> Iterable[WorkItem]:
    """Coming reception days (staff: their councils'; a delegate: those they host) and unreported ones."""
    ids = viewer.own_councils(MANAGE_RECEPTION)
    if ids == frozenset() and not viewer.person_ids:
        return []
    now = timezone.now()
    coming = Q(
        status=ReceptionSlot.Status.PLANNED, starts_at__gte=now, starts_at__lte=now + dt.timedelta(days=28)
    )
    unreported = Q(
        status=ReceptionSlot.Status.HELD,
        reported_on__isnull=True,
        host__in=(Host.DELEGATE, Host.GROUP),
        hosts__in=viewer.person_ids,
    )
    slots = ReceptionSlot.objects.filter(coming | unreported)
    mine = Q(hosts__in=viewer.person_ids)
    if ids is not None:
        slots = slots.filter(mine | Q(council_id__in=ids))
    slots = slots.distinct()
    count = slots.count()
    rows = slots.select_related("council").order_by("starts_at", "pk")[:ROWS]
    return [
        WorkItem(
            code="reception.slots",
            label="Lịch tiếp công dân sắp tới" if not viewer.person_ids else "Buổi tiếp công dân của tôi",
            count=count,
            url=rows[0].get_absolute_url() if rows else "",
            section=Section.MINE if viewer.person_ids and not ids else Section.COMING,
            icon="person-lines-fill",
            rows=tuple(_slot_row(slot) for slot in rows),
        )
    ]
