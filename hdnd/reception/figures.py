"""What reception and letters count for reports, the province roll-up and dashboards (``core.figures``).

Figures count records only: never a name, never content. A figure read for publication is suppressed
below 3 by its reader (``stats.suppress``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.db.models import QuerySet, Sum

from hdnd.core.figures import Figure, register
from hdnd.core.periods import Period

from .models import Host, Letter, LetterKind, Reception
from .stats import answered_on_time, letters_in, receptions_in, slots_held_in

GROUP = "Tiếp công dân, đơn thư"


def _receptions(host: str | None) -> Any:
    def records(ids: Sequence[int], period: Period) -> QuerySet[Reception]:
        queryset = receptions_in(ids, period.first, period.last)
        return queryset if host is None else queryset.filter(host=host)

    return records


def _citizens(host: str | None) -> Any:
    def count(ids: Sequence[int], period: Period) -> Mapping[int, int]:
        rows = _receptions(host)(ids, period).order_by().values("council_id").annotate(n=Sum("group_size"))
        return {row["council_id"]: row["n"] or 0 for row in rows}

    return count


def _letters(**filters: Any) -> Any:
    def records(ids: Sequence[int], period: Period) -> QuerySet[Letter]:
        return letters_in(ids, period.first, period.last).filter(**filters)

    return records


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
        records=_receptions(None),
    ),
    Figure(
        code="reception.citizens",
        label="Công dân được tiếp",
        unit="người",
        group=GROUP,
        order=30,
        records=_receptions(None),
        count=_citizens(None),
    ),
    *(
        Figure(
            code=f"reception.citizens.{host.value}",
            label=f"Công dân được tiếp: {host.label}",
            unit="người",
            group=GROUP,
            order=31 + index,
            records=_receptions(host.value),
            count=_citizens(host.value),
        )
        for index, host in enumerate(Host)
    ),
    Figure(
        code="reception.letters",
        label="Đơn thư tiếp nhận",
        unit="đơn",
        group=GROUP,
        order=40,
        records=_letters(),
    ),
    *(
        Figure(
            code=f"reception.letters.{kind.value}",
            label=f"Đơn {kind.label.lower()}",
            unit="đơn",
            group=GROUP,
            order=41 + index,
            records=_letters(kind=kind.value),
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
            records=_letters(status=status.value),
        )
        for index, status in enumerate(Letter.Status)
    ),
    Figure(
        code="reception.letters.answered_on_time",
        label="Đơn đã chuyển được trả lời đúng hạn",
        unit="đơn",
        group=GROUP,
        order=70,
        records=lambda ids, period: answered_on_time(letters_in(ids, period.first, period.last)),
    ),
]

register(*FIGURES)
