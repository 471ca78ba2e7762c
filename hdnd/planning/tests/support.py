"""Arrange programmes and tasks through the same actions users go through (the tests' shared helpers).

Two figures are registered for the tests, counting planning's own tasks done in a period: one for a
whole council, one that can say which body (``extra["body_field"]``), so targets are tested without
depending on what the other apps declare.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from hdnd.core import figures
from hdnd.core.periods import Period
from hdnd.councils.models import Body, BodyKind, Council
from hdnd.planning import actions
from hdnd.planning.models import Task, TaskStatus, WorkProgramme

DONE_FIGURE = "planning_test.tasks_done"
DONE_BY_BODY_FIGURE = "planning_test.tasks_done_by_body"


def _done(ids: Any, period: Period) -> Any:
    return Task.objects.filter(
        council_id__in=ids, status=TaskStatus.DONE, done_on__gte=period.first, done_on__lte=period.last
    )


figures.register(
    figures.Figure(DONE_FIGURE, "Nhiệm vụ hoàn thành (thử)", "nhiệm vụ", "Thử nghiệm", _done),
    figures.Figure(
        DONE_BY_BODY_FIGURE,
        "Nhiệm vụ hoàn thành theo cơ quan (thử)",
        "nhiệm vụ",
        "Thử nghiệm",
        _done,
        extra={"body_field": "owner_body_id"},
    ),
)


def standing_body(council: Council) -> Body:
    found, _ = Body.objects.get_or_create(
        council=council, name="Thường trực HĐND", defaults={"kind": BodyKind.STANDING}
    )
    return found


def programme(council: Council, year: int = 2026, body: Body | None = None, by: Any = None) -> WorkProgramme:
    found = WorkProgramme.objects.filter(council=council, year=year, body=body).first()
    return found or actions.create_programme(council, by=by, year=year, body=body)


def with_target(council: Council, planned: int = 8, code: str = DONE_FIGURE) -> WorkProgramme:
    found = programme(council)
    if not found.targets.filter(figure=code).exists():
        actions.add_target(found, by=None, figure=code, planned=planned)
    return found


def task(
    council: Council, *, given_by: Council | None = None, due_on: date = date(2026, 12, 31), **extra: Any
) -> Task:
    return actions.add_task(
        council, by=None, given_by=given_by, content="Rà soát, báo cáo kết quả (thử)", due_on=due_on, **extra
    )


def done_task(council: Council, done_on: date, body: Body | None = None) -> Task:
    found = task(council, due_on=done_on, owner_body=body)
    return actions.report_progress(found, by=None, progress=100, note="Đã xong.", on=done_on)
