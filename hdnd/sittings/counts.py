"""Sessions counted by kind for a period: the figures the council's and the province's briefings report."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q

from hdnd.councils.models import Council

from .models import Session


@dataclass(frozen=True)
class KindCount:
    kind: str
    label: str
    planned: int  # opening in the period, whatever their status
    held: int  # opened (in progress or closed)


def council_ids_with_below(council: Council) -> list[int]:
    """The council and the councils below it (a province and its communes)."""
    return list(
        Council.objects.filter(Q(pk=council.pk) | Q(parent=council) | Q(parent__parent=council)).values_list(
            "pk", flat=True
        )
    )


def counts_by_kind(council_ids: Iterable[int], first: date, last: date) -> list[KindCount]:
    """One row per kind of session, for sessions opening between ``first`` and ``last`` inclusive."""
    rows = (
        Session.objects.filter(council_id__in=list(council_ids), opens_on__range=(first, last))
        .values("kind")
        .annotate(
            planned=Count("pk"),
            held=Count("pk", filter=Q(status__in=[Session.Status.IN_PROGRESS, Session.Status.CLOSED])),
        )
    )
    found = {row["kind"]: (row["planned"], row["held"]) for row in rows}
    return [
        KindCount(
            kind=kind.value,
            label=kind.label,
            planned=found.get(kind.value, (0, 0))[0],
            held=found.get(kind.value, (0, 0))[1],
        )
        for kind in Session.Kind
    ]
