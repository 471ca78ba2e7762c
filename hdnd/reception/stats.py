"""Periodic statistics of reception and letters: a week, a month, a quarter, a half-year, nine months or a
year; by kind, competent body, locality and outcome, rolled up from the communes to the province.

Each table is one aggregate query over the councils asked for. Published figures (the public page, the
API's public endpoint) pass through ``suppress``: a count of 1 or 2 could point at a person, so it is
shown as "< 3" (and a total that would let it be worked out back is left as is: totals are ≥ 3 or hidden).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from hdnd.core.periods import Period
from hdnd.councils.models import Council

from .models import Letter, LetterKind, Reception, ReceptionSlot

SMALL = 3  # counts below this are suppressed in published statistics
SMALL_LABEL = "< 3"
BAD_WINDOW = (
    "Kỳ thống kê không hợp lệ: dùng 2026-W05 (tuần), 2026-01 (tháng), 2026-Q1 (quý), 2026-H1 (6 tháng), "
    "2026-9M (9 tháng) hoặc 2026 (năm)."
)
_WEEK = re.compile(r"^(\d{4})-W(\d{1,2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")


@dataclass(frozen=True)
class Window:
    """A reporting window with both ends inclusive."""

    code: str
    label: str
    first: dt.date
    last: dt.date

    @classmethod
    def parse(cls, code: str) -> Window:
        text = (code or "").strip().upper()
        try:
            if found := _WEEK.match(text):
                year, week = int(found[1]), int(found[2])
                first = dt.date.fromisocalendar(year, week, 1)
                return cls(
                    f"{year}-W{week:02d}", f"tuần {week} năm {year}", first, first + dt.timedelta(days=6)
                )
            if found := _MONTH.match(text):
                year, month = int(found[1]), int(found[2])
                first = dt.date(year, month, 1)
                last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
                return cls(f"{year}-{month:02d}", f"tháng {month} năm {year}", first, last)
        except ValueError:
            raise ValidationError(BAD_WINDOW) from None
        try:
            period = Period.parse(text)
        except ValidationError:
            raise ValidationError(BAD_WINDOW) from None
        return cls(period.code, period.label, period.first, period.last)

    @classmethod
    def of_period(cls, period: Period) -> Window:
        return cls(period.code, period.label, period.first, period.last)

    @classmethod
    def current_quarter(cls, today: dt.date) -> Window:
        return cls.parse(f"{today.year}-Q{(today.month - 1) // 3 + 1}")


def suppress(value: int) -> int | str:
    """A count as published: "< 3" for 1 and 2, which could identify someone."""
    return SMALL_LABEL if 0 < value < SMALL else value


@dataclass
class Table:
    """One breakdown: rows of (label, count), and the total."""

    title: str
    rows: list[tuple[str, int]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(count for _, count in self.rows)

    def published(self) -> list[tuple[str, int | str]]:
        return [(label, suppress(count)) for label, count in self.rows]


@dataclass
class Statistics:
    window: Window
    councils: list[Council]
    receptions: Table
    letters_by_kind: Table
    letters_by_status: Table
    letters_by_agency: Table
    letters_by_council: Table
    letters_by_locality: Table
    days_held: int = 0
    citizens: int = 0
    on_time: int = 0
    answered: int = 0

    def tables(self) -> list[Table]:
        return [
            self.receptions,
            self.letters_by_kind,
            self.letters_by_status,
            self.letters_by_agency,
            self.letters_by_council,
            self.letters_by_locality,
        ]


def letters_in(council_ids: Sequence[int], first: dt.date, last: dt.date) -> QuerySet[Letter]:
    return Letter.objects.filter(council_id__in=council_ids, received_on__gte=first, received_on__lte=last)


def receptions_in(council_ids: Sequence[int], first: dt.date, last: dt.date) -> QuerySet[Reception]:
    return Reception.objects.filter(council_id__in=council_ids, received_on__gte=first, received_on__lte=last)


def slots_held_in(council_ids: Sequence[int], first: dt.date, last: dt.date) -> QuerySet[ReceptionSlot]:
    return ReceptionSlot.objects.filter(
        council_id__in=council_ids,
        status=ReceptionSlot.Status.HELD,
        starts_at__date__gte=first,
        starts_at__date__lte=last,
    )


ON_TIME = Q(status=Letter.Status.ANSWERED, answered_on__lte=F("response_due"))  # a letter answered on time


def _by(queryset: QuerySet[Any], key: str, labels: dict[Any, str], title: str) -> Table:
    rows = queryset.order_by().values(key).annotate(n=Count("pk"))
    counts = {row[key]: row["n"] for row in rows}
    ordered = [(labels.get(value, str(value)), n) for value, n in counts.items()]
    known = [(label, counts[value]) for value, label in labels.items() if value in counts]
    return Table(title, known or ordered)


def _named(queryset: QuerySet[Any], id_key: str, name_key: str, title: str, empty: str) -> Table:
    rows = queryset.order_by().values(id_key, name_key).annotate(n=Count("pk")).order_by("-n", name_key)
    return Table(title, [(row[name_key] or empty, row["n"]) for row in rows])


def compute(councils: Sequence[Council], window: Window) -> Statistics:
    """The statistics of ``councils`` (a council and those below it, as the caller chose) in ``window``."""
    ids = [council.pk for council in councils]
    letters = letters_in(ids, window.first, window.last)
    receptions = receptions_in(ids, window.first, window.last)
    people = receptions.order_by().values("host").annotate(n=Coalesce(Sum("group_size"), 0))
    by_host = {row["host"]: row["n"] for row in people}
    from .models import Host

    reception_rows = [(label, by_host[value]) for value, label in Host.choices if value in by_host]
    stats = Statistics(
        window=window,
        councils=list(councils),
        receptions=Table("Công dân được tiếp, theo người tiếp", reception_rows),
        letters_by_kind=_by(letters, "kind", dict(LetterKind.choices), "Đơn thư theo loại"),
        letters_by_status=_by(letters, "status", dict(Letter.Status.choices), "Đơn thư theo kết quả xử lý"),
        letters_by_agency=_named(
            letters.filter(agency__isnull=False),
            "agency_id",
            "agency__name",
            "Đơn đã chuyển, theo cơ quan",
            "",
        ),
        letters_by_council=_named(
            letters, "council_id", "council__name", "Đơn thư theo địa phương (HĐND)", ""
        ),
        letters_by_locality=_named(
            letters, "locality_id", "locality__name", "Đơn thư theo nơi xảy ra vụ việc", "Chưa ghi"
        ),
    )
    stats.days_held = slots_held_in(ids, window.first, window.last).count()
    stats.citizens = sum(by_host.values())
    totals = letters.aggregate(
        answered=Count("pk", filter=Q(status=Letter.Status.ANSWERED)),
        on_time=Count("pk", filter=Q(status=Letter.Status.ANSWERED, answered_on__lte=F("response_due"))),
    )
    stats.answered, stats.on_time = totals["answered"], totals["on_time"]
    return stats


def councils_with_below(council: Council, visible: frozenset[int] | None) -> list[Council]:
    """``council`` and the councils below it (two levels) that the user sees."""
    below = Council.objects.filter(Q(pk=council.pk) | Q(parent=council) | Q(parent__parent=council))
    if visible is not None:
        below = below.filter(pk__in=visible)
    return list(below.tree_order())
