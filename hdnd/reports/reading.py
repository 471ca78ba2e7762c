"""What the province's pages, the API and the documents read about a reporting period: every council's
report status (late first), counts by status, the roll-up table sorted, and a figure's drill-down.

Each function is a fixed number of queries whatever the number of councils or records.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from hdnd.core import figures as registry
from hdnd.core import publiccache
from hdnd.core.figures import Figure
from hdnd.core.periods import Period
from hdnd.councils.models import Council

from .models import CouncilReport, ReportingPeriod, ReportStatus
from .rollup import Rollup, RollupRow, councils_below, rollup, successor_councils, trend

SORT_NAME = "name"


def reports_of(period: ReportingPeriod) -> QuerySet[CouncilReport]:
    """Every council's report for the period, unsent first, with councils loaded."""
    return period.reports.select_related("council", "period").late_first()


@dataclass(frozen=True)
class StatusCounts:
    total: int
    by_status: dict[str, int]
    late: int

    @property
    def sent(self) -> int:
        return self.by_status.get(ReportStatus.SUBMITTED, 0) + self.by_status.get(ReportStatus.ACCEPTED, 0)

    def labelled(self) -> list[tuple[str, str, int]]:
        return [(value, label, self.by_status.get(value, 0)) for value, label in ReportStatus.choices]


def status_counts(reports: list[CouncilReport]) -> StatusCounts:
    today = timezone.localdate()
    counts = Counter(report.status for report in reports)
    late = sum(1 for report in reports if report.is_late(today) and report.period.is_open)
    return StatusCounts(len(reports), dict(counts), late)


type RollupParts = tuple[RollupRow, list[RollupRow], dict[str, dict[str, int]], dict[str, int]]
type Trend = list[tuple[Period, dict[str, int]]]

ROLLUP, TREND = "rollup", "trend"
TREND_PERIODS = 4


def period_rollup(period: ReportingPeriod, *, as_now: bool = True) -> Rollup:
    """The period's roll-up for the documents and the API, counted once and kept until a change in the
    province (``publiccache.kept``: every audited action of the province or a council below it bumps the
    province's version): what is exported or signed is never older than the latest change."""
    part = _rollup_part(period, as_now)
    own, rows, totals, total = publiccache.kept(part.key, part.scopes, part.count, stamp=part.stamp)
    return Rollup(period.council, period.period, as_now, registry.all_figures(), own, rows, totals, total)


def served_rollup(period: ReportingPeriod, *, as_now: bool = True) -> Rollup | None:
    """The period's roll-up for its pages, never counted while the page waits (about 0,2 s at national
    size): the one counted before the latest change (or on another day) is served at once, marked not
    ``current``, while a task counts it again; ``None`` while the task counts it the first time
    (``publiccache.counted``). Opening a period asks for the first count (``count_soon``)."""
    part = _rollup_part(period, as_now)
    return _served(part, period.council, period.period, as_now, lambda: _recount(period, ROLLUP, as_now))


def served_council_rollup(council: Council, period: Period) -> Rollup | None:
    """A period's roll-up below ``council`` (as the units are now) for a page other than the reporting
    period's own, a briefing's materials: served as ``served_rollup`` serves it, from the same kept count
    when the council has a reporting period for it (the key is the council and the period, not the
    reporting period), counted by the ``recount_rollup`` task."""
    part = _rollup_part_of(council, period, True)
    return _served(part, council, period, True, lambda: _recount_rollup(council, period))


def _served(
    part: _Part[RollupParts], council: Council, period: Period, as_now: bool, recount: Callable[[], object]
) -> Rollup | None:
    served = part.served(recount)
    if served is None:
        return None
    own, rows, totals, total = served.value
    found = Rollup(council, period, as_now, registry.all_figures(), own, rows, totals, total)
    found.counted_at, found.current = served.counted_at, served.current
    return found


def period_trend(period: ReportingPeriod) -> publiccache.Counted[Trend] | None:
    """The totals below the period's council for it and the three periods before it, served as the
    pages serve the roll-up (``served_rollup``): four counts of every figure take half a second at
    national size. ``None`` while the task counts them the first time."""
    return _trend_part(period).served(lambda: _recount(period, TREND, True))


def count_soon(period: ReportingPeriod) -> None:
    """Ask the worker for a new period's roll-up, so that its first view finds the figures counted."""
    served_rollup(period)


def recount_council(council_id: int, code: str) -> None:
    """Count a council's roll-up of a period anew for the pages (the ``recount_rollup`` task)."""
    council = Council.objects.filter(pk=council_id).first()
    if council is None:
        return
    found = _rollup_part_of(council, Period.parse(code), True)
    publiccache.count_now(found.key, found.scopes, found.count, stamp=found.stamp)


def recount(period_id: int, part: str, as_now: bool) -> None:
    """Count a period's roll-up or trend anew for the pages (the ``recount_period`` task)."""
    period = ReportingPeriod.objects.select_related("council").filter(pk=period_id).first()
    if period is None:
        return  # deleted meanwhile: nothing to serve
    found = _trend_part(period) if part == TREND else _rollup_part(period, as_now)
    publiccache.count_now(found.key, found.scopes, found.count, stamp=found.stamp)


@dataclass(frozen=True)
class _Part[T]:
    """A kept count of a period's: its key, what changes it, how to count it, and the day it holds for
    (a roll-up "as the units are now" reads the units valid that day)."""

    key: str
    scopes: list[str]
    count: Callable[[], T]
    stamp: str

    def served(self, recount: Callable[[], object]) -> publiccache.Counted[T] | None:
        # What ``count`` returned, kept by ``count_now`` under the key.
        return publiccache.counted(self.key, self.scopes, recount, stamp=self.stamp)


def _rollup_part(period: ReportingPeriod, as_now: bool) -> _Part[RollupParts]:
    return _rollup_part_of(period.council, period.period, as_now)


def _rollup_part_of(council: Council, period: Period, as_now: bool) -> _Part[RollupParts]:
    today = timezone.localdate()

    def count() -> RollupParts:
        found = rollup(council, period, as_now=as_now, on=today)
        return found.own, found.rows, found.totals_by_level, found.total

    key = f"reports.rollup:{council.pk}:{period.code}:{int(as_now)}:{_codes()}"
    return _Part(key, publiccache.council_scopes(council.pk), count, today.isoformat())


def _trend_part(period: ReportingPeriod) -> _Part[Trend]:
    def count() -> Trend:
        return trend(period.council, period.period, count=TREND_PERIODS)

    key = f"reports.trend:{period.pk}:{_codes()}"
    return _Part(key, publiccache.council_scopes(period.council_id), count, timezone.localdate().isoformat())


def _recount(period: ReportingPeriod, part: str, as_now: bool) -> None:
    from .tasks import recount_period  # the tasks module imports this one

    recount_period.enqueue(period.pk, part, as_now)


def _recount_rollup(council: Council, period: Period) -> None:
    from .tasks import recount_rollup  # the tasks module imports this one

    recount_rollup.enqueue(council.pk, period.code)


def _codes() -> str:
    """The declared figures in a key: a deployment that adds one never reads a roll-up kept without it."""
    return hashlib.sha256("|".join(f.code for f in registry.all_figures()).encode()).hexdigest()[:16]


def sorted_rows(result: Rollup, level: str, sort: str, descending: bool) -> list[RollupRow]:
    """The rows of ``level`` by name, or by one figure (``sort`` is its code); unknown codes sort by name."""
    rows = result.rows_at(level)
    codes = {f.code for f in result.figures}
    if sort in codes:
        return sorted(rows, key=lambda row: (row.value(sort), row.name), reverse=descending)
    return sorted(rows, key=lambda row: row.name, reverse=descending)


def drill_url(period: ReportingPeriod, code: str, council_id: int, *, below: bool = False) -> str:
    url = reverse("reports:drilldown", args=[period.pk, code, council_id])
    return f"{url}?pham_vi=duoi" if below else url


def figure_or_404(code: str) -> Figure:
    try:
        return registry.get(code)
    except KeyError:
        raise Http404 from None


def in_period_tree(period: ReportingPeriod, council: Council) -> bool:
    top = period.council_id
    return (
        council.pk == top
        or council.parent_id == top
        or (council.parent is not None and council.parent.parent_id == top)
    )


def counted_ids(period: ReportingPeriod, council: Council, *, below: bool) -> list[int]:
    """The councils whose records a cell counts: the council and the units merged into it (as now), or,
    for the total cell, every council below the period's council."""
    if below:
        return [c.pk for c in councils_below(council)]
    members = councils_below(period.council)
    merged = successor_councils(members, timezone.localdate())
    return [council.pk, *(old for old, new in merged.items() if new == council.pk)]


def records(figure: Figure, period: ReportingPeriod, ids: list[int]) -> QuerySet[Any]:
    """The figure's records for the councils ``ids``, with what their rows print loaded."""
    found = figure.records(ids, period.period).distinct()
    related = figure.extra.get("select_related", ())
    return found.select_related(*related).order_by("-pk") if related else found.order_by("-pk")


def record_link(figure: Figure, obj: Any) -> str:
    url = figure.extra.get("url")
    if url is not None:
        return str(url(obj))
    return obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else ""


def council_names(ids: list[int]) -> dict[int, str]:
    return dict(Council.objects.filter(pk__in=ids).values_list("pk", "name"))


def below_q(council: Council) -> Q:
    return Q(parent=council) | Q(parent__parent=council)
