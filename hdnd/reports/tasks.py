"""Background jobs of the reports app (Django Tasks); ``apps.py`` schedules them."""

from __future__ import annotations

from django.tasks import task

from . import actions


@task
def remind_late_reports() -> list[int]:
    """Remind the councils whose periodic report is past its due date."""
    return [report.pk for report in actions.remind_late()]
