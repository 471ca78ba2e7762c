"""A province's roll-up: every registered figure for each council below it, totals by level, and the total.

Each figure is one aggregate query over all the councils at once (``Figure.by_council``); the rows are
then folded in Python over councils, never over records, so the cost grows with the number of councils
and figures, not with the number of records.

Merged units. ``as_now=True`` reads the figures "as the units are now": the records of a council whose
unit no longer exists count under the council of the unit that carries it on today (through
``UnitChange``, a merge or a chain of them); a unit split between several successors counts under the
first of them by code. ``as_now=False`` reads them "as the units were then": every council that existed
during the period keeps its own row, so a period before 1 July 2025 shows the district councils (and the
communes of that time). A district council has no successor of its own level, so its own records keep
its row in both readings.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Q
from django.utils import timezone

from hdnd.core import figures as registry
from hdnd.core.figures import Figure
from hdnd.core.periods import Period
from hdnd.councils.models import AdminUnit, Council, Level, UnitChange, level_rank

MAX_DEPTH = 10  # successive changes followed; real chains are one or two long


@dataclass
class RollupRow:
    """One council's line: its figures, and the councils whose records were folded into it."""

    council_id: int
    name: str
    level: str
    values: dict[str, int] = field(default_factory=dict)
    merged_from: list[str] = field(default_factory=list)
    existing: bool = True  # the council's unit exists on the reading day

    def value(self, code: str) -> int:
        return self.values.get(code, 0)


@dataclass
class Rollup:
    """The figures of ``council`` itself (``own``) and of every council below it, by row and by level."""

    council: Council
    period: Period
    as_now: bool
    figures: list[Figure]
    own: RollupRow
    rows: list[RollupRow]
    totals_by_level: dict[str, dict[str, int]]
    total: dict[str, int]
    counted_at: datetime | None = None  # when a kept roll-up was counted (``reading.period_rollup``)
    current: bool = True  # False: counted before the latest change in the province; a recount is on its way

    @property
    def levels(self) -> list[str]:
        """The levels that have rows, top down (district before commune)."""
        return [level for level in (Level.DISTRICT, Level.COMMUNE) if level in self.totals_by_level]

    @property
    def main_level(self) -> str:
        """The level the province's briefing is held with: districts before the reform, communes after."""
        return self.levels[0] if self.levels else Level.COMMUNE

    def rows_at(self, level: str) -> list[RollupRow]:
        return [row for row in self.rows if row.level == level]

    def row(self, council_id: int) -> RollupRow | None:
        return next((row for row in self.rows if row.council_id == council_id), None)


def councils_below(council: Council) -> list[Council]:
    """The councils one and two levels below ``council``, with their units, in tree order."""
    found = Council.objects.filter(Q(parent=council) | Q(parent__parent=council)).select_related("unit")
    return list(found.order_by(level_rank(), "name_key", "pk"))


def existed_during(council: Council, period: Period) -> bool:
    unit = council.unit
    if unit.valid_from and unit.valid_from > period.last:
        return False
    if unit.valid_to and unit.valid_to < period.first:
        return False
    return council.dissolved_on is None or council.dissolved_on >= period.first


def successor_units(units: Iterable[AdminUnit], on: date) -> dict[int, int]:
    """For each unit not valid on ``on``, the unit valid that day that carries it on (first by code).

    Breadth-first through ``UnitChange``, one query per step of the chain whatever the number of units.
    """
    pending = {unit.pk: {unit.pk} for unit in units if not unit.is_valid_on(on)}
    found: dict[int, int] = {}
    seen: dict[int, set[int]] = {origin: set(front) for origin, front in pending.items()}
    for _ in range(MAX_DEPTH):
        frontier = set().union(*pending.values()) if pending else set()
        if not frontier:
            break
        edges = (
            UnitChange.objects.filter(from_unit_id__in=frontier, effective_on__lte=on)
            .values_list(
                "from_unit_id", "to_unit_id", "to_unit__code", "to_unit__valid_from", "to_unit__valid_to"
            )
            .order_by("to_unit__code", "to_unit_id")
        )
        step: dict[int, list[tuple[int, str, bool]]] = {}
        for source, target, code, valid_from, valid_to in edges:
            ok = (valid_from is None or valid_from <= on) and (valid_to is None or valid_to >= on)
            step.setdefault(source, []).append((target, code, ok))
        next_pending: dict[int, set[int]] = {}
        for origin, front in pending.items():
            reached = [edge for unit in front for edge in step.get(unit, [])]
            valid_now = sorted((code, target) for target, code, ok in reached if ok)
            if valid_now:
                found[origin] = valid_now[0][1]
                continue
            onward = {target for target, _, ok in reached if not ok and target not in seen[origin]}
            if onward:
                seen[origin] |= onward
                next_pending[origin] = onward
        pending = next_pending
    return found


def successor_councils(councils: Sequence[Council], on: date) -> dict[int, int]:
    """For each commune council whose unit is gone on ``on``, the council its records now count under."""
    communes = [c.unit for c in councils if c.level == Level.COMMUNE and not c.unit.is_valid_on(on)]
    units = successor_units(communes, on)
    if not units:
        return {}
    council_of_unit = dict(
        Council.objects.filter(unit_id__in=set(units.values())).values_list("unit_id", "pk")
    )
    by_unit = {c.unit_id: c.pk for c in councils}
    return {by_unit[old]: council_of_unit[new] for old, new in units.items() if new in council_of_unit}


def selected_figures(codes: Iterable[str] | None = None) -> list[Figure]:
    if codes is None:
        return registry.all_figures()
    return [registry.get(code) for code in codes]


def rollup(
    council: Council,
    period: Period,
    *,
    as_now: bool = True,
    on: date | None = None,
    codes: Iterable[str] | None = None,
) -> Rollup:
    """Every figure (or those of ``codes``) for ``council`` and each council below it, for ``period``."""
    on = on or timezone.localdate()
    members = councils_below(council)
    target = successor_councils(members, on) if as_now else {}
    shown = {
        c.pk
        for c in members
        if c.pk not in target and (existed_during(c, period) or (as_now and c.unit.is_valid_on(on)))
    }
    # A successor outside the roll-up (a unit moved to another province) leaves the old row in place.
    target = {old: new for old, new in target.items() if new in shown}
    rows = {
        c.pk: RollupRow(c.pk, c.name, c.level, existing=c.unit.is_valid_on(on))
        for c in members
        if c.pk in shown
    }
    names = {c.pk: c.name for c in members}
    for old, new in target.items():
        rows[new].merged_from.append(names[old])
    own = RollupRow(council.pk, council.name, council.level)
    figures = selected_figures(codes)
    ids = [council.pk, *(c.pk for c in members)]
    for code, by_council in registry.compute_figures(figures, ids, period).items():
        for council_id, value in by_council.items():
            row = own if council_id == council.pk else rows.get(target.get(council_id, council_id))
            if row is not None:
                row.values[code] = row.values.get(code, 0) + value
    ordered = [rows[c.pk] for c in members if c.pk in rows]
    totals: dict[str, dict[str, int]] = {}
    for row in ordered:
        level = totals.setdefault(row.level, {})
        for code, value in row.values.items():
            level[code] = level.get(code, 0) + value
    for row in ordered:
        totals.setdefault(row.level, {})
    total = {f.code: sum(level.get(f.code, 0) for level in totals.values()) for f in figures}
    return Rollup(council, period, as_now, figures, own, ordered, totals, total)


def council_figures(
    council: Council, period: Period, *, as_now: bool = True, on: date | None = None
) -> dict[str, int]:
    """Every figure of one council for ``period`` (as now: with the records of the units merged into it)."""
    counted = registry.compute_figures(
        registry.all_figures(), merged_ids(council, as_now=as_now, on=on), period
    )
    return _totals(counted)


def merged_ids(council: Council, *, as_now: bool = True, on: date | None = None) -> list[int]:
    """The councils whose records are one council's: itself and, as now, the councils of the units merged
    into it (a query, and one per step of a merge chain)."""
    ids = [council.pk]
    if as_now:
        before = list(
            Council.objects.filter(unit__changes_out__to_unit=council.unit_id)
            .exclude(pk=council.pk)
            .select_related("unit")
            .distinct()
        )
        on = on or timezone.localdate()
        ids += [old for old, new in successor_councils(before, on).items() if new == council.pk]
    return ids


def trend(
    council: Council, period: Period, *, count: int = 4, codes: Iterable[str] | None = None
) -> list[tuple[Period, dict[str, int]]]:
    """The total below ``council`` for ``period`` and the ``count - 1`` periods before it, oldest first.

    The figures' queries (``compute_figures``) for each period; the totals do not depend on how merged
    units are read.
    """
    periods = [period]
    while len(periods) < count:
        periods.append(periods[-1].previous())
    ids = [c.pk for c in Council.objects.filter(Q(parent=council) | Q(parent__parent=council)).only("pk")]
    figures = selected_figures(codes)
    return [(p, _totals(registry.compute_figures(figures, ids, p))) for p in reversed(periods)]


def _totals(counted: dict[str, dict[int, int]]) -> dict[str, int]:
    return {code: sum(by_council.values()) for code, by_council in counted.items()}
