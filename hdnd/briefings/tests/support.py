"""Arrange briefings through the same actions users go through (the tests' shared helpers).

A host council without councils below (a commune, in the permission matrix) gets one ward below it, so
every step (invitation, conclusions for named councils) can run wherever the matrix asks.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from hdnd.briefings import actions
from hdnd.briefings.models import Briefing, BriefingStatus
from hdnd.councils.models import Council
from hdnd.councils.tests.factories import CommuneFactory, CouncilFactory

MEETS_ON = date(2026, 4, 15)  # a Wednesday after quý I


def below(council: Council) -> list[Council]:
    found = list(Council.objects.filter(parent=council).order_by("name_key"))
    if found:
        return found
    unit = CommuneFactory.create(parent=council.unit, name=f"Tổ dân phố dưới {council.pk}")
    return [CouncilFactory.create(unit=unit, name=f"HĐND dưới {council.pk}", parent=council)]


def planned(council: Council, by: Any = None, period: str = "2026-Q1", meets_on: date = MEETS_ON) -> Briefing:
    below(council)
    found = Briefing.objects.filter(council=council, period=period).first()
    return found or actions.create_briefing(
        council, by=by, period=period, meets_on=meets_on, place="Hội trường"
    )


def invited(council: Council, **extra: Any) -> Briefing:
    found = planned(council, **extra)
    if found.status == BriefingStatus.PLANNED:
        found = actions.issue_invitation(found, by=None, issued_on=found.meets_on.replace(day=8))
    return found


def held(council: Council, **extra: Any) -> Briefing:
    found = invited(council, **extra)
    if found.status == BriefingStatus.INVITED:
        found = actions.mark_held(found, by=None, held_on=found.meets_on)
    return found


def concluded(council: Council, due_on: date = date(2026, 5, 29), **extra: Any) -> Briefing:
    found = held(council, **extra)
    if found.status == BriefingStatus.HELD:
        actions.add_conclusion_item(
            found,
            by=None,
            content="Báo cáo kết quả rà soát (thử)",
            due_on=due_on,
            councils=below(council),
        )
        found = actions.issue_notice(
            found, by=None, issued_on=found.held_on or found.meets_on, text="Thống nhất."
        )
    return found


def proposal(council: Council, host_briefing: Briefing, text: str = "Đề nghị hướng dẫn (thử)") -> Any:
    """A proposal in the report of a council below the host for the briefing's period."""
    from hdnd.reports.models import CouncilReport, Proposal, ReportingPeriod

    period, _ = ReportingPeriod.objects.get_or_create(
        council=host_briefing.council,
        code=host_briefing.period,
        defaults={"kind": "quarter", "due_on": date(2026, 4, 10)},
    )
    report, _ = CouncilReport.objects.get_or_create(council=council, period=period)
    return Proposal.objects.create(council=council, report=report, text=text)
