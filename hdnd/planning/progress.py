"""Planned against actual: each target's figure counted from the records, per quarter and for the year.

The registry counts per council (``hdnd.core.figures``), so a target of a Ban or a Tổ đại biểu counts
its council's figure, unless the figure says which field of its records names the body
(``Figure.extra["body_field"]``, e.g. ``"examining_body_id"``): then the body's own records are counted.
The page says which of the two a row is.

A figure is counted once per period for a council (one aggregate query each), whatever the number of
programmes and targets sharing it: five periods (four quarters and the year) per distinct figure.
Targets whose figure no app declares any more are shown, with no actual value, rather than dropped.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count
from django.utils import timezone

from hdnd.core import figures
from hdnd.core.periods import Period, PeriodKind

from .models import Target, WorkProgramme

QUARTERS = (1, 2, 3, 4)


def body_field(figure: figures.Figure) -> str:
    """The field of the figure's records naming a body, or '' when the figure counts a whole council."""
    return str(figure.extra.get("body_field", ""))


def quarters_ended(year: int, today: date) -> int:
    """How many quarters of ``year`` are over on ``today`` (0 before the year, 4 after it)."""
    if today.year < year:
        return 0
    if today.year > year:
        return 4
    return (today.month - 1) // 3


@dataclass
class TargetProgress:
    """One target with its actual values: per quarter, for the year, and what was expected by now."""

    target: Target
    figure: figures.Figure | None
    by_body: bool
    quarters: list[int] = field(default_factory=list)
    year_actual: int = 0
    expected: int = 0

    @property
    def label(self) -> str:
        return self.figure.label if self.figure else f"{self.target.figure} (không còn trong sổ số liệu)"

    @property
    def unit(self) -> str:
        return self.figure.unit if self.figure else ""

    @property
    def planned_per_quarter(self) -> float:
        return self.target.planned / 4

    @property
    def percent(self) -> int:
        """Share of the year's plan reached (capped display is the template's business)."""
        if not self.target.planned:
            return 100
        return round(100 * self.year_actual / self.target.planned)

    @property
    def shortfall(self) -> int:
        return max(self.expected - self.year_actual, 0)

    @property
    def behind(self) -> bool:
        return self.figure is not None and self.year_actual < self.expected


class _Counter:
    """Counts each (figure, period) once for a council, grouped by body when the figure can say."""

    def __init__(self, council_id: int) -> None:
        self.council_id = council_id
        self.cache: dict[tuple[str, str], dict[int | None, int]] = {}

    def count(self, figure: figures.Figure, period: Period, body_id: int | None) -> int:
        key = (figure.code, period.code)
        if key not in self.cache:
            self.cache[key] = self._count(figure, period)
        counts = self.cache[key]
        return counts.get(body_id, 0) if body_field(figure) and body_id else counts.get(None, 0)

    def _count(self, figure: figures.Figure, period: Period) -> dict[int | None, int]:
        ids = [self.council_id]
        whole: dict[int | None, int] = {None: figure.by_council(ids, period).get(self.council_id, 0)}
        name = body_field(figure)
        if not name:
            return whole
        rows = (
            figure.records(ids, period)
            .order_by()
            .values(name)
            .annotate(n=Count("pk", distinct=True))
            .values_list(name, "n")
        )
        return {**whole, **{body: n for body, n in rows if body is not None}}


def target_progress(
    programmes: Sequence[WorkProgramme], today: date | None = None
) -> dict[int, list[TargetProgress]]:
    """``{programme id: [TargetProgress, …]}`` for programmes of one council, behind first."""
    today = today or timezone.localdate()
    out: dict[int, list[TargetProgress]] = {programme.pk: [] for programme in programmes}
    counters: dict[int, _Counter] = {}
    targets = Target.objects.filter(programme__in=programmes).select_related("programme").order_by("pk")
    for target in targets:
        programme = target.programme
        counter = counters.setdefault(programme.council_id, _Counter(programme.council_id))
        out[programme.pk].append(_one(target, programme, counter, today))
    for rows in out.values():
        rows.sort(key=lambda row: (not row.behind, -row.shortfall, row.target.pk))
    return out


def _one(target: Target, programme: WorkProgramme, counter: _Counter, today: date) -> TargetProgress:
    try:
        figure: figures.Figure | None = figures.get(target.figure)
    except KeyError:
        return TargetProgress(target, None, False, [0, 0, 0, 0])
    assert figure is not None
    body_id = programme.body_id
    row = TargetProgress(target, figure, bool(body_field(figure) and body_id))
    row.quarters = [
        counter.count(figure, Period(programme.year, PeriodKind.QUARTER, q), body_id) for q in QUARTERS
    ]
    row.year_actual = counter.count(figure, Period(programme.year, PeriodKind.YEAR), body_id)
    row.expected = math.ceil(target.planned * quarters_ended(programme.year, today) / 4)
    return row


@dataclass
class ProgrammeSummary:
    """A programme's line on the overview: its targets behind and its tasks overdue."""

    programme: WorkProgramme
    targets: list[TargetProgress]
    tasks_open: int
    tasks_overdue: int

    @property
    def targets_behind(self) -> int:
        return sum(row.behind for row in self.targets)

    @property
    def behind(self) -> bool:
        return bool(self.targets_behind or self.tasks_overdue)


def summaries(programmes: Iterable[WorkProgramme], today: date | None = None) -> list[ProgrammeSummary]:
    """The overview of a council's programmes for a year, those with something behind first.

    ``programmes`` must carry ``n_open`` and ``n_overdue`` annotations (see ``views.overview``)."""
    listed = list(programmes)
    progress = target_progress(listed, today)
    rows = [
        ProgrammeSummary(p, progress[p.pk], getattr(p, "n_open", 0), getattr(p, "n_overdue", 0))
        for p in listed
    ]
    rows.sort(key=lambda row: (not row.behind, -(row.targets_behind + row.tasks_overdue)))
    return rows
