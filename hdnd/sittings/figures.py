"""What the sittings app counts for reports: sessions held by kind, standing-committee meetings held and
the conclusion notices they issued (see ``hdnd.core.figures``).

A session counts in the period it opened (``opens_on``) once it has opened (in progress or closed), as
``counts.counts_by_kind`` counts "held"; a standing meeting counts on the day it was held (``held_on``,
else its planned day), once held; a conclusion notice on the day it was issued (``notice_on``).
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import Q, QuerySet
from django.db.models.functions import Coalesce

from hdnd.core.figures import Among, Figure, register
from hdnd.core.periods import Period

from .models import Session, StandingMeeting

GROUP = "Kỳ họp, phiên họp"
HELD = (Session.Status.IN_PROGRESS, Session.Status.CLOSED)


def _opened(ids: Sequence[int], period: Period) -> QuerySet[Session]:
    return Session.objects.filter(
        council_id__in=list(ids), opens_on__range=(period.first, period.last), status__in=HELD
    )


def sessions_held(*kinds: str) -> Among:
    """The drill-down of sessions of ``kinds`` opened in the period (none: every kind)."""
    return Among(_opened, Q(kind__in=kinds) if kinds else Q())


def standing_meetings_held(ids: Sequence[int], period: Period) -> QuerySet[StandingMeeting]:
    return (
        StandingMeeting.objects.alias(day=Coalesce("held_on", "meets_on"))
        .filter(council_id__in=list(ids), day__range=(period.first, period.last))
        .exclude(status=StandingMeeting.Status.PLANNED)
    )


def conclusion_notices(ids: Sequence[int], period: Period) -> QuerySet[StandingMeeting]:
    return StandingMeeting.objects.filter(
        Q(notice_number__isnull=False),
        council_id__in=list(ids),
        notice_on__range=(period.first, period.last),
    )


register(
    Figure(
        code="sittings.sessions_held",
        label="Kỳ họp đã tổ chức",
        unit="kỳ họp",
        group=GROUP,
        order=10,
        records=sessions_held(),
        help="Mọi loại kỳ họp đã khai mạc trong kỳ báo cáo.",
    ),
    Figure(
        code="sittings.regular_held",
        label="Kỳ họp thường lệ",
        unit="kỳ họp",
        group=GROUP,
        order=11,
        records=sessions_held(Session.Kind.FIRST, Session.Kind.REGULAR),
        help="Kỳ họp thường lệ đã khai mạc, kể cả kỳ họp thứ nhất của khóa.",
    ),
    Figure(
        code="sittings.thematic_held",
        label="Kỳ họp chuyên đề",
        unit="kỳ họp",
        group=GROUP,
        order=12,
        records=sessions_held(Session.Kind.THEMATIC),
    ),
    Figure(
        code="sittings.ad_hoc_held",
        label="Kỳ họp bất thường",
        unit="kỳ họp",
        group=GROUP,
        order=13,
        records=sessions_held(Session.Kind.AD_HOC),
    ),
    Figure(
        code="sittings.standing_meetings",
        label="Phiên họp Thường trực HĐND",
        unit="phiên họp",
        group=GROUP,
        order=20,
        records=standing_meetings_held,
    ),
    Figure(
        code="sittings.conclusion_notices",
        label="Thông báo kết luận phiên họp Thường trực",
        unit="thông báo",
        group=GROUP,
        order=21,
        records=conclusion_notices,
    ),
)
