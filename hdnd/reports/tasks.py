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
