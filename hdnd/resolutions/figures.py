"""What the resolutions app counts for reports: resolutions adopted and published, and commune
resolutions taken up for review by the province (see ``hdnd.core.figures``).

A resolution counts as adopted in the period of its ``adopted_on``, as published in that of its
``published_on``; a review counts in the period it was opened, under the commune whose resolution is
reviewed (the review's ``council``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db.models import QuerySet
from django.utils import timezone

from hdnd.core.figures import Figure, register
from hdnd.core.periods import Period

from .models import Resolution, ResolutionReview, Status

GROUP = "Nghị quyết"


def adopted(ids: Sequence[int], period: Period) -> QuerySet[Resolution]:
    return Resolution.objects.filter(
        council_id__in=list(ids), adopted_on__range=(period.first, period.last)
    ).exclude(status=Status.DRAFT)


def published(ids: Sequence[int], period: Period) -> QuerySet[Resolution]:
    return Resolution.objects.filter(
        council_id__in=list(ids), published_on__range=(period.first, period.last)
    )


def under_review(ids: Sequence[int], period: Period) -> QuerySet[ResolutionReview]:
    # A datetime range in local days, not a date cast per row (a Python call per row on SQLite).
    zone = timezone.get_current_timezone()
    start = dt.datetime.combine(period.first, dt.time.min, zone)
    end = dt.datetime.combine(period.last + dt.timedelta(days=1), dt.time.min, zone)
    return ResolutionReview.objects.filter(
        council_id__in=list(ids), created_at__gte=start, created_at__lt=end
    )


register(
    Figure(
        code="resolutions.adopted",
        label="Nghị quyết đã thông qua",
        unit="nghị quyết",
        group=GROUP,
        order=10,
        records=adopted,
    ),
    Figure(
        code="resolutions.published",
        label="Nghị quyết đã công bố",
        unit="nghị quyết",
        group=GROUP,
        order=11,
        records=published,
    ),
    Figure(
        code="resolutions.under_review",
        label="Nghị quyết được HĐND cấp trên xem xét",
        unit="nghị quyết",
        group=GROUP,
        order=20,
        records=under_review,
        help="Việc xem xét nghị quyết của HĐND cấp xã do HĐND cấp tỉnh mở trong kỳ báo cáo.",
    ),
)
