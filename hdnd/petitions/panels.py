"""Sections that feature modules add to the issue, cycle and meeting pages, in page order.

Each feature module (views_classify, views_followup, ...) offers ``issue_panel``, ``cycle_panel`` and
``meeting_panel``: a context dict naming its ``template``, or None when it has nothing to show that
user. The pages render them in the order below, so each feature keeps its own template and view code.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.http import HttpRequest

from . import views_classify, views_followup, views_intake, views_public, views_reports

Panel = Callable[[HttpRequest, Any], dict[str, Any] | None]

ISSUE_BEFORE_FORWARDING: tuple[Panel, ...] = (views_classify.issue_panel,)
ISSUE_AFTER_FORWARDING: tuple[Panel, ...] = (
    views_followup.issue_panel,
    views_intake.issue_panel,
    views_public.issue_panel,
    views_reports.issue_panel,
)
CYCLE: tuple[Panel, ...] = (
    views_followup.cycle_panel,
    views_intake.cycle_panel,
    views_classify.cycle_panel,
    views_public.cycle_panel,
    views_reports.cycle_panel,
)
MEETING: tuple[Panel, ...] = (views_intake.meeting_panel, views_public.meeting_panel)


def collect(request: HttpRequest, obj: Any, panels: Iterable[Panel]) -> list[dict[str, Any]]:
    """The panels that have something to show, each a context with its ``template``."""
    return [panel for panel in (build(request, obj) for build in panels) if panel is not None]
