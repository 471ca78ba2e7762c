"""The hourly follow-up job: a reminder when a recommendation or commitment falls due, then escalation
like forwarded petitions (the agency's superior on the first overdue day, the standing committee after
``supervision.recommendation.escalation`` more working days). Each item moves at most one step a day,
so running the job twice, or after a restart, changes nothing.

Parents with children are not reminded themselves: their children are, and ``roll_up`` sets them.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from hdnd.core.audit import record
from hdnd.core.calendar import WorkingCalendar, deadline
from hdnd.core.outbox import queue_mail
from hdnd.oversight.models import Commitment, Escalation, FollowStatus, Recommendation
from hdnd.oversight.rules import ESCALATION, REMINDER

from .common import SYSTEM, lock
from .followup import Tracked, roll_up

S = FollowStatus
ACTION_LABELS = {
    "oversight.remind": "Nhắc cơ quan thực hiện (đến hạn)",
    "oversight.escalate": "Báo nội dung quá hạn lên cấp trên",
}
KIND_WORDS = {Recommendation: "kiến nghị sau giám sát", Commitment: "cam kết"}


def _candidates(model: type[Tracked], on: date) -> list[Tracked]:
    queryset: Any = model.objects.filter(
        status__in=[S.NOT_DUE, S.DUE, S.OVERDUE, S.PARTLY_DONE], due_on__isnull=False, multi_year=False
    ).select_related("council", "agency__superior")
    if model is Recommendation:
        queryset = queryset.filter(children__isnull=True).select_related("parent")
    return list(queryset.order_by("due_on", "pk"))


def _remind(item: Tracked, on: date, calendar: WorkingCalendar) -> bool:
    assert item.due_on is not None
    if (
        item.status != S.NOT_DUE
        or item.due_on < on
        or on < deadline(REMINDER, item.due_on, item.council, calendar)
    ):
        return False
    item.status, item.reminded_at = S.DUE, timezone.now()
    item.save(update_fields=["status", "reminded_at"])
    record(
        action="oversight.remind",
        actor=SYSTEM,
        obj=item,
        council=item.council,
        after={"status": S.DUE, "due_on": item.due_on},
    )
    words = KIND_WORDS[type(item)]
    queue_mail(
        f"Nhắc thực hiện {words}",
        f"{words[:1].upper()}{words[1:]} “{item}” cần thực hiện, báo cáo trước ngày {item.due_on:%d/%m/%Y}.",
        [item.agency.email],
    )
    return True


def _next_level(item: Tracked, on: date, calendar: WorkingCalendar) -> int | None:
    assert item.due_on is not None
    if item.due_on >= on:
        return None
    if item.escalated_at is not None and timezone.localdate(item.escalated_at) >= on:
        return None  # at most one step a day
    if item.escalation == Escalation.NONE:
        return Escalation.SUPERIOR if item.agency.superior_id is not None else Escalation.STANDING_COMMITTEE
    if item.escalation == Escalation.SUPERIOR and on > deadline(
        ESCALATION, item.due_on, item.council, calendar
    ):
        return Escalation.STANDING_COMMITTEE
    return None


def _escalate(item: Tracked, on: date, calendar: WorkingCalendar) -> bool:
    level = _next_level(item, on, calendar)
    if level is None:
        return False
    before = {"status": item.status, "escalation": item.escalation}
    if item.status in (S.NOT_DUE, S.DUE):
        item.status = S.OVERDUE
    item.escalation, item.escalated_at = level, timezone.now()
    item.save(update_fields=["status", "escalation", "escalated_at"])
    record(
        action="oversight.escalate",
        actor=SYSTEM,
        obj=item,
        council=item.council,
        before=before,
        after={"status": item.status, "escalation": level, "days_overdue": item.days_overdue(on)},
    )
    superior = item.agency.superior
    to = [superior.email if superior else ""] if level == Escalation.SUPERIOR else [item.council.email]
    words = KIND_WORDS[type(item)]
    queue_mail(
        f"{words[:1].upper()}{words[1:]} quá hạn",
        f"{item.agency} chưa thực hiện xong {words} “{item}”, hạn {item.due_on:%d/%m/%Y}.",
        [*to, item.agency.email],
    )
    return True


def run_followup(on: date) -> list[Tracked]:
    """Remind and escalate every recommendation and commitment that needs it on ``on``."""
    calendar = WorkingCalendar.for_span(on, on)
    moved: list[Tracked] = []
    for model in (Recommendation, Commitment):
        for candidate in _candidates(model, on):
            with transaction.atomic():
                locked = lock(candidate)
                locked.council, locked.agency = candidate.council, candidate.agency
                if locked.status not in (S.NOT_DUE, S.DUE, S.OVERDUE, S.PARTLY_DONE):
                    continue
                if not (_remind(locked, on, calendar) or _escalate(locked, on, calendar)):
                    continue
                parent = locked.parent if isinstance(locked, Recommendation) else None
                if parent is not None:
                    roll_up(parent, by=SYSTEM, on=on)
            moved.append(locked)
    return moved
