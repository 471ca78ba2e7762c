"""What the petitions app counts for reports (see ``hdnd.core.figures``): voter-contact meetings (all, and
before or after a session), petitions received, issues forwarded, and the agencies' answers: answered,
on time, overdue at the period's end, poorly rated.

The answer figures use the definitions of ``statistics`` (docs/petitions-reports.md): a forwarding is
answered on the day of its first answer (``Forwarding.answered_on``), on time when that day is on or
before ``due_on``, overdue on a day when it is still unanswered and ``due_on`` has passed. Here those
are read as of a period: answered *in* the period, overdue *at its last day* (or today, for the period
still running), so a past quarter keeps its figures when answers come in later.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db.models import F, Q, QuerySet
from django.utils import timezone

from hdnd.core.figures import Among, Figure, register
from hdnd.core.periods import Period

from .followup import POOR_RATINGS
from .models import Cycle, Forwarding, Petition, PetitionIssue, VoterMeeting

GROUP = "Tiếp xúc cử tri, kiến nghị cử tri"
FORWARDING = {
    "select_related": ("issue", "agency"),
    "url": lambda forwarding: forwarding.issue.get_absolute_url(),
}


def moments(period: Period) -> tuple[dt.datetime, dt.datetime]:
    """The period as a half-open range of aware datetimes (local days): compared as stored, without a
    date cast per row (on SQLite a cast is a Python call for every row)."""
    zone = timezone.get_current_timezone()
    start = dt.datetime.combine(period.first, dt.time.min, zone)
    return start, dt.datetime.combine(period.last + dt.timedelta(days=1), dt.time.min, zone)


def _held(ids: Sequence[int], period: Period) -> QuerySet[VoterMeeting]:
    return VoterMeeting.objects.filter(council_id__in=list(ids), date__range=(period.first, period.last))


def meetings(*kinds: str) -> Among:
    """Voter-contact meetings held in the period, of cycles of ``kinds`` (none: every cycle)."""
    return Among(_held, Q(cycle__kind__in=kinds) if kinds else Q())


def received(ids: Sequence[int], period: Period) -> QuerySet[Petition]:
    """Petitions received in the period: on their ``received_on``, else their meeting's day, else the day
    they were entered. The meetings held in the period are a subquery: a join on the meeting's day read
    (and hashed) every meeting of the country for each roll-up."""
    span = (period.first, period.last)
    start, end = moments(period)
    held = VoterMeeting.objects.filter(date__range=span).values("pk")
    return Petition.objects.filter(
        Q(received_on__range=span)
        | Q(received_on__isnull=True, meeting__in=held)
        | Q(received_on__isnull=True, meeting__isnull=True, created_at__gte=start, created_at__lt=end),
        council_id__in=list(ids),
    )


def forwarded(ids: Sequence[int], period: Period) -> QuerySet[PetitionIssue]:
    """Issues forwarded to at least one agency in the period (an issue sent to three agencies counts once).

    The forwardings a subquery on their own council and day (a forwarding's council is its issue's),
    read through their index: a join read every forwarding of the country sent in the period."""
    sent = Forwarding.objects.filter(council_id__in=list(ids), sent_on__range=(period.first, period.last))
    return PetitionIssue.objects.filter(council_id__in=list(ids), pk__in=sent.values("issue_id"))


def answered(ids: Sequence[int], period: Period) -> QuerySet[Forwarding]:
    """Forwardings whose first answer came in the period (only those answered then are timed at all)."""
    return Forwarding.objects.filter(
        council_id__in=list(ids),
        status=Forwarding.Status.ANSWERED,
        sent_on__lte=period.last,
        answered_on__range=(period.first, period.last),
    )


ON_TIME = Q(answered_on__lte=F("due_on"))  # of the forwardings answered: the first answer by the due day


def as_of(period: Period) -> Any:
    """The day a period's state is read on: its last day, or today while it is still running."""
    return min(period.last, timezone.localdate())


def overdue(ids: Sequence[int], period: Period) -> QuerySet[Forwarding]:
    """Forwardings sent by the period's last day, past due then, and not answered by then: still open
    (``Forwarding.objects.open()``: an answer makes a forwarding answered for good), or first answered
    only after that day."""
    on = as_of(period)
    not_yet = ~Q(status=Forwarding.Status.ANSWERED) | Q(answered_on__gt=on)
    return Forwarding.objects.filter(not_yet, council_id__in=list(ids), sent_on__lte=on, due_on__lt=on)


def poorly_rated(ids: Sequence[int], period: Period) -> QuerySet[Forwarding]:
    """Forwardings with an answer given in the period that a delegate rated partial or evasive."""
    start, end = moments(period)
    return Forwarding.objects.filter(
        council_id__in=list(ids),
        answers__answered_at__gte=start,
        answers__answered_at__lt=end,
        answers__ratings__rating__in=POOR_RATINGS,
    )


register(
    Figure(
        code="petitions.meetings",
        label="Hội nghị tiếp xúc cử tri",
        unit="hội nghị",
        group=GROUP,
        order=10,
        records=meetings(),
    ),
    Figure(
        code="petitions.meetings_before_session",
        label="Tiếp xúc cử tri trước kỳ họp",
        unit="hội nghị",
        group=GROUP,
        order=11,
        records=meetings(Cycle.Kind.BEFORE_SESSION),
    ),
    Figure(
        code="petitions.meetings_after_session",
        label="Tiếp xúc cử tri sau kỳ họp",
        unit="hội nghị",
        group=GROUP,
        order=12,
        records=meetings(Cycle.Kind.AFTER_SESSION),
    ),
    Figure(
        code="petitions.received",
        label="Ý kiến, kiến nghị cử tri tiếp nhận",
        unit="ý kiến",
        group=GROUP,
        order=20,
        records=received,
    ),
    Figure(
        code="petitions.forwarded",
        label="Kiến nghị đã chuyển cơ quan giải quyết",
        unit="kiến nghị",
        group=GROUP,
        order=30,
        records=forwarded,
    ),
    Figure(
        code="petitions.answered",
        label="Lượt trả lời của cơ quan",
        unit="lượt",
        group=GROUP,
        order=31,
        records=Among(answered),
        help="Lượt chuyển (kiến nghị × cơ quan) có trả lời đầu tiên trong kỳ báo cáo.",
        extra=FORWARDING,
    ),
    Figure(
        code="petitions.answered_on_time",
        label="Lượt trả lời đúng hạn",
        unit="lượt",
        group=GROUP,
        order=32,
        records=Among(answered, ON_TIME),
        extra=FORWARDING,
    ),
    Figure(
        code="petitions.overdue",
        label="Lượt chuyển quá hạn chưa trả lời",
        unit="lượt",
        group=GROUP,
        order=33,
        records=overdue,
        help="Tính đến ngày cuối kỳ báo cáo (hoặc hôm nay, nếu kỳ chưa kết thúc).",
        extra=FORWARDING,
    ),
    Figure(
        code="petitions.poorly_rated",
        label="Trả lời bị đánh giá chưa thỏa đáng",
        unit="lượt",
        group=GROUP,
        order=34,
        records=poorly_rated,
        help="Đại biểu đánh giá “chưa thỏa đáng hoàn toàn” hoặc “né tránh, chung chung”.",
        extra=FORWARDING,
    ),
)
