"""Sections that feature modules add to the cycle and meeting pages, in page order.

Each feature module of ``views`` (classify, followup, ...) offers ``issue_panel``, ``cycle_panel`` and
``meeting_panel``: a context dict naming its ``template``, or None when it has nothing to show that
user. The pages render them in the order below, so each feature keeps its own template and view code.
The issue page shows its panels as the steps of a task list instead (``views.steps``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.http import HttpRequest

from hdnd.petitions.views import classify, followup, intake, public, reports

Panel = Callable[[HttpRequest, Any], dict[str, Any] | None]

CYCLE: tuple[Panel, ...] = (
    followup.cycle_panel,
    intake.cycle_panel,
    classify.cycle_panel,
    public.cycle_panel,
    reports.cycle_panel,
)
MEETING: tuple[Panel, ...] = (intake.meeting_panel, public.meeting_panel)


def collect(request: HttpRequest, obj: Any, panels: Iterable[Panel]) -> list[dict[str, Any]]:
    """The panels that have something to show, each a context with its ``template``."""
    return [panel for panel in (build(request, obj) for build in panels) if panel is not None]
