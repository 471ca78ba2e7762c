"""What reception and letters count for reports, the province roll-up and dashboards (``core.figures``).

Figures count records only: never a name, never content. A figure read for publication is suppressed
below 3 by its reader (``stats.suppress``).
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import Q, QuerySet

from hdnd.core.figures import Among, Figure, register
from hdnd.core.periods import Period

from .models import Host, Letter, LetterKind, Reception
from .stats import ON_TIME, letters_in, receptions_in, slots_held_in

GROUP = "Tiếp công dân, đơn thư"


def _receptions(ids: Sequence[int], period: Period) -> QuerySet[Reception]:
    return receptions_in(ids, period.first, period.last)


def _letters(ids: Sequence[int], period: Period) -> QuerySet[Letter]:
    return letters_in(ids, period.first, period.last)


FIGURES = [
    Figure(
        code="reception.days_held",
        label="Buổi tiếp công dân đã tổ chức theo lịch",
        unit="buổi",
        group=GROUP,
        order=10,
        records=lambda ids, period: slots_held_in(ids, period.first, period.last),
    ),
    Figure(
        code="reception.visits",
        label="Lượt tiếp công dân",
        unit="lượt",
        group=GROUP,
        order=20,
        records=Among(_receptions),
    ),
    Figure(
        code="reception.citizens",
        label="Công dân được tiếp",
        unit="người",
        group=GROUP,
        order=30,
        records=Among(_receptions, sum_of="group_size"),
    ),
    *(
        Figure(
            code=f"reception.citizens.{host.value}",
            label=f"Công dân được tiếp: {host.label}",
            unit="người",
            group=GROUP,
            order=31 + index,
            records=Among(_receptions, Q(host=host.value), sum_of="group_size"),
        )
        for index, host in enumerate(Host)
    ),
    Figure(
        code="reception.letters",
        label="Đơn thư tiếp nhận",
        unit="đơn",
        group=GROUP,
        order=40,
        records=Among(_letters),
    ),
    *(
        Figure(
            code=f"reception.letters.{kind.value}",
            label=f"Đơn {kind.label.lower()}",
            unit="đơn",
            group=GROUP,
            order=41 + index,
            records=Among(_letters, Q(kind=kind.value)),
        )
        for index, kind in enumerate(LetterKind)
    ),
    *(
        Figure(
            code=f"reception.letters.status.{status.value}",
            label=f"Đơn thư: {status.label.lower()}",
            unit="đơn",
            group=GROUP,
            order=50 + index,
            records=Among(_letters, Q(status=status.value)),
        )
        for index, status in enumerate(Letter.Status)
    ),
    Figure(
        code="reception.letters.answered_on_time",
        label="Đơn đã chuyển được trả lời đúng hạn",
        unit="đơn",
        group=GROUP,
        order=70,
        records=Among(_letters, ON_TIME),
    ),
]

register(*FIGURES)
