"""A report's figures: read live from the records while it is being written, frozen once it is sent.

``figure_rows`` gives the rows a page or a document shows, in report order, each with its code, label,
unit, group and value; a sent report answers from its frozen snapshot, so a record changed afterwards
does not move it (and a figure declared later does not appear in it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hdnd.core import figures as registry

from .models import CouncilReport
from .narrative import opening
from .rollup import council_figures


@dataclass(frozen=True)
class FigureRow:
    code: str
    label: str
    unit: str
    group: str
    value: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "label": self.label,
            "unit": self.unit,
            "group": self.group,
            "value": self.value,
        }


def live_rows(report: CouncilReport) -> list[FigureRow]:
    """The figures of the report's council for its period, from the records as they are now."""
    values = council_figures(report.council, report.period.period)
    return [
        FigureRow(f.code, f.label, f.unit, f.group, values.get(f.code, 0)) for f in registry.all_figures()
    ]


def figure_rows(report: CouncilReport) -> list[FigureRow]:
    if report.is_sent or report.figures:
        return [FigureRow(**row) for row in report.figures]
    return live_rows(report)


def sessions_named(report: CouncilReport) -> list[str]:
    """ "trước Kỳ họp thứ mười hai" for each session the period's voter contact was held for."""
    from hdnd.core.words import ordinal_words
    from hdnd.petitions.models import VoterMeeting

    period = report.period.period
    rows = (
        VoterMeeting.objects.filter(
            council=report.council, date__range=(period.first, period.last), cycle__session__isnull=False
        )
        .values_list("cycle__kind", "cycle__session__number")
        .distinct()
        .order_by("cycle__session__number", "cycle__kind")
    )
    words = {"before_session": "trước", "after_session": "sau"}
    return [f"{words.get(kind, 'gắn với')} kỳ họp {ordinal_words(number)}" for kind, number in rows]


def draft_opening(report: CouncilReport, rows: list[FigureRow] | None = None) -> str:
    rows = rows if rows is not None else figure_rows(report)
    values = {row.code: row.value for row in rows}
    return opening(report.council.name, report.period.period, values, sessions_named(report))
