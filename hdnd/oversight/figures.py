"""What oversight counts for the periodic reports and the province roll-up (``hdnd.core.figures``).

Supervisions and surveys are counted when they were held (fieldwork began) in the period, by kind and by
the body that supervised; questioning when a topic was questioned; explanation sessions when held. The
recommendations due in the period and those done count only top-level items already due (LEGAL.md: not
due, multi-year and excused items are left out); commitments likewise.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import Q, QuerySet

from hdnd.core.figures import Among, Figure, register
from hdnd.core.periods import Period
from hdnd.councils.models import BodyKind

from .models import (
    Commitment,
    ExplanationSession,
    FollowStatus,
    QuestioningTopic,
    Recommendation,
    Supervision,
)

GROUP = "Giám sát, chất vấn, giải trình"


def _held(ids: Sequence[int], period: Period) -> QuerySet[Supervision]:
    return Supervision.objects.filter(council_id__in=ids).held_between(period.first, period.last)


def _kind(kind: str) -> Among:
    return Among(_held, Q(kind=kind))


def _by(condition: Q) -> Among:
    return Among(_held, condition)


def _due(model: type[Any], ids: Sequence[int], period: Period) -> QuerySet[Any]:
    rows = model.objects.filter(
        council_id__in=ids, due_on__gte=period.first, due_on__lte=period.last, multi_year=False
    )
    if model is Recommendation:
        rows = rows.filter(parent__isnull=True)
    return rows.exclude(status=FollowStatus.EXCUSED)


def _recommendations_due(ids: Sequence[int], period: Period) -> QuerySet[Recommendation]:
    return _due(Recommendation, ids, period)


def _commitments_due(ids: Sequence[int], period: Period) -> QuerySet[Commitment]:
    return _due(Commitment, ids, period)


DONE = Q(status=FollowStatus.DONE)


register(
    Figure(
        code="oversight.thematic_held",
        label="Cuộc giám sát chuyên đề đã tiến hành",
        unit="cuộc",
        group=GROUP,
        order=10,
        records=_kind(Supervision.Kind.THEMATIC),
    ),
    Figure(
        code="oversight.surveys_held",
        label="Cuộc khảo sát đã tiến hành",
        unit="cuộc",
        group=GROUP,
        order=20,
        records=_kind(Supervision.Kind.SURVEY),
    ),
    Figure(
        code="oversight.resupervisions_held",
        label="Cuộc tái giám sát đã tiến hành",
        unit="cuộc",
        group=GROUP,
        order=30,
        records=_kind(Supervision.Kind.RESUPERVISION),
    ),
    Figure(
        code="oversight.held_by_standing",
        label="Giám sát, khảo sát của Thường trực HĐND",
        unit="cuộc",
        group=GROUP,
        order=40,
        records=_by(Q(body__kind=BodyKind.STANDING)),
    ),
    Figure(
        code="oversight.held_by_committees",
        label="Giám sát, khảo sát của các Ban HĐND",
        unit="cuộc",
        group=GROUP,
        order=50,
        records=_by(Q(body__isnull=False) & ~Q(body__kind__in=[BodyKind.STANDING, BodyKind.DELEGATE_GROUP])),
    ),
    Figure(
        code="oversight.held_by_delegates",
        label="Giám sát, khảo sát của Tổ đại biểu, đại biểu HĐND",
        unit="cuộc",
        group=GROUP,
        order=60,
        records=_by(Q(body__kind=BodyKind.DELEGATE_GROUP) | Q(person__isnull=False)),
    ),
    Figure(
        code="oversight.questioning_held",
        label="Nhóm vấn đề đã chất vấn",
        unit="nhóm vấn đề",
        group=GROUP,
        order=70,
        records=lambda ids, period: QuestioningTopic.objects.filter(
            council_id__in=ids, questioned_on__gte=period.first, questioned_on__lte=period.last
        ),
    ),
    Figure(
        code="oversight.explanations_held",
        label="Phiên giải trình tại phiên họp Thường trực HĐND",
        unit="phiên",
        group=GROUP,
        order=80,
        records=lambda ids, period: ExplanationSession.objects.filter(
            council_id__in=ids, held_on__gte=period.first, held_on__lte=period.last
        ),
    ),
    Figure(
        code="oversight.recommendations_due",
        label="Kiến nghị sau giám sát đến hạn trong kỳ",
        unit="kiến nghị",
        group=GROUP,
        order=90,
        help="Chỉ tính kiến nghị đến hạn; không tính kiến nghị thực hiện nhiều năm, có lý do khách quan.",
        records=Among(_recommendations_due),
    ),
    Figure(
        code="oversight.recommendations_done",
        label="Kiến nghị đến hạn đã thực hiện xong",
        unit="kiến nghị",
        group=GROUP,
        order=100,
        records=Among(_recommendations_due, DONE),
    ),
    Figure(
        code="oversight.commitments_due",
        label="Cam kết tại chất vấn, giải trình đến hạn trong kỳ",
        unit="cam kết",
        group=GROUP,
        order=110,
        records=Among(_commitments_due),
    ),
    Figure(
        code="oversight.commitments_fulfilled",
        label="Cam kết đến hạn đã thực hiện xong",
        unit="cam kết",
        group=GROUP,
        order=120,
        records=Among(_commitments_due, DONE),
    ),
)
