"""Pages of the petitions classify features; panels they add to the issue, cycle and meeting pages."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from .models import Cycle, PetitionIssue, VoterMeeting


def issue_panel(request: HttpRequest, issue: PetitionIssue) -> dict[str, Any] | None:
    """The section this feature adds to the issue page: a context with its "template", or None."""
    return None


def cycle_panel(request: HttpRequest, cycle: Cycle) -> dict[str, Any] | None:
    return None


def meeting_panel(request: HttpRequest, meeting: VoterMeeting) -> dict[str, Any] | None:
    return None
