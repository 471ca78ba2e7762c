"""What oversight lends the session and standing-meeting pages through ``hdnd.sittings.hooks``: the
questioning topics chosen for a session, each with its status and who answers, and the explanation sessions
(phiên giải trình) held at a standing-committee meeting (sittings never imports oversight)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hdnd.sittings.hooks import Panel, PanelLine

from .models import ExplanationSession, QuestioningTopic

if TYPE_CHECKING:
    from hdnd.sittings.models import Session, StandingMeeting

S = QuestioningTopic.Status
CHOSEN = (S.SELECTED, S.QUESTIONED, S.CONCLUDED)


def questioning_panel(session: Session) -> Panel | None:
    """The topics selected for questioning at ``session`` (proposed or declined ones are not chosen)."""
    topics = QuestioningTopic.objects.filter(
        council_id=session.council_id, session=session, status__in=CHOSEN
    ).order_by("pk")
    lines = tuple(
        PanelLine(
            text=topic.title,
            url=topic.get_absolute_url(),
            note="; ".join(part for part in (topic.get_status_display(), topic.respondents) if part),
        )
        for topic in topics
    )
    return Panel("Chất vấn tại kỳ họp: các nhóm vấn đề được lựa chọn", lines) if lines else None


def explanation_panel(meeting: StandingMeeting) -> Panel | None:
    """The explanation sessions (phiên giải trình) held or planned at ``meeting``, with who explains."""
    sessions = ExplanationSession.objects.filter(
        council_id=meeting.council_id, standing_meeting=meeting
    ).order_by("pk")
    lines = tuple(
        PanelLine(
            text=item.title,
            url=item.get_absolute_url(),
            note="; ".join(part for part in (item.get_status_display(), item.officials) if part),
        )
        for item in sessions
    )
    return Panel("Giải trình tại phiên họp Thường trực", lines) if lines else None
