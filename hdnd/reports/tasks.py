"""Background jobs of the reports app (Django Tasks); ``apps.py`` schedules them."""

from __future__ import annotations

from django.tasks import task

from . import actions, reading


@task
def remind_late_reports() -> list[int]:
    """Remind the councils whose periodic report is past its due date."""
    return [report.pk for report in actions.remind_late()]


@task
def recount_period(period_id: int, part: str, as_now: bool) -> None:
    """Count a reporting period's roll-up (or its trend) anew after a change, for its pages to serve."""
    reading.recount(period_id, part, as_now)


@task
def recount_rollup(council_id: int, code: str) -> None:
    """Count a council's roll-up of a period anew (as the units are now) for a page that shows it outside
    its reporting period, a briefing's materials."""
    reading.recount_council(council_id, code)
