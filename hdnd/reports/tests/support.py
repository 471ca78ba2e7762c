"""Arrange reports through the same actions users go through."""

from __future__ import annotations

from datetime import date
from typing import Any

from hdnd.councils.models import Council
from hdnd.reports import actions
from hdnd.reports.models import CouncilReport, ReportingPeriod


def period(
    province: Council, code: str = "2026-Q1", due_on: date | None = date(2026, 4, 10)
) -> ReportingPeriod:
    return actions.open_period(province, by=None, code=code, due_on=due_on)


def report(council: Council, of: ReportingPeriod) -> CouncilReport:
    return CouncilReport.objects.get(council=council, period=of)


def submitted(council: Council, of: ReportingPeriod, by: Any = None) -> CouncilReport:
    return actions.submit_report(report(council, of), by=by)
