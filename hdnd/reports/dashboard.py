"""The standing committee's dashboard: one figure over the last quarters, the councils below compared on
it, overdue work (answers past due, late reports) and the agencies' timeliness in answering petitions.

Every chart reads the figures registry (and, for the agencies, ``petitions.statistics``); the cost is a
fixed number of queries per figure and period, whatever the number of records.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from hdnd.core import figures as registry
from hdnd.core.figures import Figure
from hdnd.core.periods import Period, PeriodKind
from hdnd.councils.models import Council, Level

from .charts import BarChart, ColumnChart, bar_chart, column_chart
from .models import CouncilReport, ReportingPeriod
from .reading import drill_url
from .rollup import merged_ids, rollup, trend

DEFAULT_FIGURE = "sittings.thematic_held"
OVERDUE = "petitions.overdue"
TOP = 15


@dataclass
class Board:
    council: Council
    period: Period
    reporting: ReportingPeriod | None
    figure: Figure
    choices: list[Figure]
    over_time: ColumnChart
    compared: BarChart | None
    overdue: BarChart | None
    late_reports: list[CouncilReport]
    agencies: BarChart
    has_below: bool


def current_quarter() -> Period:
    today = timezone.localdate()
    return Period(today.year, PeriodKind.QUARTER, (today.month - 1) // 3 + 1)


def _period(council: Council, code: str) -> tuple[Period, ReportingPeriod | None]:
    if code:
        period = Period.parse(code)  # a bad code is refused with the Vietnamese message
        return period, ReportingPeriod.objects.filter(council=council, code=period.code).first()
    latest = ReportingPeriod.objects.filter(council=council).order_by("-due_on").first()
    return (latest.period, latest) if latest else (current_quarter(), None)


def _figure(code: str) -> Figure:
    try:
        return registry.get(code or DEFAULT_FIGURE)
    except KeyError:
        return registry.get(DEFAULT_FIGURE)


def build(council: Council, code: str, figure_code: str) -> Board:
    period, reporting = _period(council, code)
    figure = _figure(figure_code)
    has_below = council.level != Level.COMMUNE
    board = Board(
        council,
        period,
        reporting,
        figure,
        registry.all_figures(),
        _over_time(council, period, figure, has_below),
        None,
        None,
        [],
        _agencies(council, period),
        has_below,
    )
    if has_below:
        result = rollup(council, period, codes=[figure.code, OVERDUE])
        rows = result.rows_at(result.main_level)
        link = (lambda code, pk: drill_url(reporting, code, pk)) if reporting else (lambda code, pk: "")
        ranked = sorted(rows, key=lambda row: (-row.value(figure.code), row.name))[:TOP]
        board.compared = bar_chart(
            f"{figure.label} — so sánh các HĐND cấp dưới ({period.label})",
            [(row.name, row.value(figure.code), link(figure.code, row.council_id)) for row in ranked],
        )
        late = sorted(
            (row for row in rows if row.value(OVERDUE)), key=lambda row: (-row.value(OVERDUE), row.name)
        )
        board.overdue = bar_chart(
            "Kiến nghị quá hạn chưa trả lời, theo HĐND",
            [(row.name, row.value(OVERDUE), link(OVERDUE, row.council_id)) for row in late[:TOP]],
            tone="danger",
        )
        if reporting is not None:
            board.late_reports = list(
                reporting.reports.late().select_related("council").order_by("council__name_key")
            )
    return board


def _over_time(council: Council, period: Period, figure: Figure, has_below: bool) -> ColumnChart:
    if has_below:
        rows = trend(council, period, count=4, codes=[figure.code])
        items = [(p.label, values[figure.code]) for p, values in rows]
        return column_chart(f"{figure.label} — toàn bộ HĐND cấp dưới qua các kỳ", items)
    periods = [period]
    while len(periods) < 4:
        periods.append(periods[-1].previous())
    ids = merged_ids(council)  # the one figure charted, not all of them four times
    items = [(p.label, figure.total(ids, p)) for p in reversed(periods)]
    return column_chart(f"{figure.label} qua các kỳ", items)


def _agencies(council: Council, period: Period) -> BarChart:
    """On-time answers over answers due, per agency, for the council's forwardings of the period's year."""
    from hdnd.petitions.statistics import agency_figures

    by_agency: list[Any] = agency_figures(council, year=period.year)
    rated = [a for a in by_agency if a.answers.on_time_rate is not None]
    rated.sort(key=lambda a: (a.answers.on_time_rate, -a.answers.due, a.name))
    items = [(a.name, round(100 * a.answers.on_time_rate, 1), "") for a in rated[:TOP]]
    chart = bar_chart(
        f"Tỷ lệ trả lời kiến nghị đúng hạn của các cơ quan (năm {period.year})",
        items,
        suffix="%",
        maximum=100,
        tone="success",
    )
    chart.empty = "Chưa có kiến nghị nào đến hạn trả lời."
    return chart
