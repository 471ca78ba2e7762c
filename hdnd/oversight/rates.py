"""The implementation rate of recommendations and commitments: only items already due are counted
(LEGAL.md, Classifications: items not due, multi-year items and items with an accepted objective reason
are left out); children roll up into their parent, so only top-level recommendations count."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, QuerySet

from .models import Commitment, FollowStatus, Recommendation

S = FollowStatus


@dataclass(frozen=True)
class Rate:
    """Counted items on a day: how many are due, done, partly done, overdue; and those left out."""

    due: int
    done: int
    partly_done: int
    overdue: int
    not_due: int
    excluded: int

    @property
    def percent(self) -> int | None:
        """Done out of due, rounded; None when nothing is due yet."""
        return round(100 * self.done / self.due) if self.due else None


def _rate(queryset: QuerySet[Recommendation] | QuerySet[Commitment], on: date) -> Rate:
    counted = Q(due_on__lte=on, multi_year=False) & ~Q(status=S.EXCUSED)
    figures = queryset.aggregate(
        due=Count("pk", filter=counted),
        done=Count("pk", filter=counted & Q(status=S.DONE, done_on__lte=on)),
        partly_done=Count("pk", filter=counted & Q(status=S.PARTLY_DONE)),
        overdue=Count("pk", filter=Q(due_on__lt=on, status__in=[S.NOT_DUE, S.DUE, S.OVERDUE, S.PARTLY_DONE])),
        not_due=Count("pk", filter=Q(due_on__gt=on, multi_year=False) & ~Q(status=S.EXCUSED)),
        excluded=Count("pk", filter=Q(multi_year=True) | Q(status=S.EXCUSED)),
    )
    return Rate(**figures)


def implementation(council_ids: int | Sequence[int], on: date) -> Rate:
    """The recommendations' implementation rate of one council (or several) on ``on`` (one query)."""
    ids = [council_ids] if isinstance(council_ids, int) else list(council_ids)
    return _rate(Recommendation.objects.filter(council_id__in=ids, parent__isnull=True), on)


def commitments(council_ids: int | Sequence[int], on: date) -> Rate:
    ids = [council_ids] if isinstance(council_ids, int) else list(council_ids)
    return _rate(Commitment.objects.filter(council_id__in=ids), on)
